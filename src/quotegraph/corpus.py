"""`Corpus`: the whole Python API over one store file — ingest articles, query quotes, people and
articles, and correct the person registry (merge, split, undo, alias tables, rebuild).

    >>> from quotegraph import Corpus
    >>> with Corpus("news.db") as corpus:
    ...     corpus.ingest(["articles/"])
    ...     corpus.quotes(speaker="Stoltenberg", since="2021-08").to_pandas()
    ...     corpus.person("Jens Stoltenberg").plot("stoltenberg.png")

The CLI and the web app call these methods and nothing below them: each command or route is one
call here plus argument parsing and output formatting.
"""
from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from quotegraph import run
from quotegraph.errors import InputTooLarge, StoreError
from quotegraph.ingest import Failure, ReadOptions
from quotegraph.pipeline import ExtractOptions
from quotegraph.records import Article, Document
from quotegraph.registry import decisions, linking, timeline
from quotegraph.registry.timeline import PersonPage
from quotegraph.settings import ADD_BATCH_SIZE, MAX_ANALYZE_CHARS, NEIGHBOURS_SHOWN, PERSON_PAGE_ARTICLES
from quotegraph import pipeline
from quotegraph.store import about, network, person_pages, planner, preview, queries, recent, statements, urls
from quotegraph.store import diversity as diversity_store
from quotegraph.store import facets as facet_store
from quotegraph.store import series as series_store
from quotegraph.store.export import export_quotes
from quotegraph.store.migrations import connect, data_version, describe_error
from quotegraph.store.diversity import GROUPS
from quotegraph.store.facets import FACETS, Facets
from quotegraph.store.queries import QuoteFilter
from quotegraph.store.rows import (AddReport, ArticleDetail, ArticleRow, Edge, IngestReport, PersonRow, QuoteCount,
                                    QuoteRow, Rows, StatementRow)
from quotegraph.store.series import INTERVALS, Series
from quotegraph.store.writer import Transaction

__all__ = ["Corpus", "QuoteFilter", "ReadOptions", "ExtractOptions", "PersonPage", "options", "Facets", "Series",
           "FACETS", "INTERVALS", "GROUPS", "GRAPH_FORMATS"]

T = TypeVar("T")
GRAPH_FORMATS = network.GRAPH_FORMATS  # the files `Corpus.graph` writes
_READ_FIELDS = {f.name for f in dataclasses.fields(ReadOptions)}
_EXTRACT_FIELDS = {f.name for f in dataclasses.fields(ExtractOptions)}


def options(read: ReadOptions | None = None, extract: ExtractOptions | None = None,
            **fields: Any) -> tuple[ReadOptions, ExtractOptions]:
    """`read` and `extract` with single fields of either replaced (`published="2021-08-18"`,
    `workers=2`). Raises TypeError for a field neither has."""
    unknown = set(fields) - _READ_FIELDS - _EXTRACT_FIELDS
    if unknown:
        raise TypeError(f"unknown ingest option(s): {', '.join(sorted(unknown))}")
    read = dataclasses.replace(read or ReadOptions(), **{k: v for k, v in fields.items()
                                                         if k in _READ_FIELDS and v is not None})
    extract = dataclasses.replace(extract or ExtractOptions(), **{k: v for k, v in fields.items()
                                                                  if k in _EXTRACT_FIELDS and v is not None})
    return read, extract


class Corpus:
    """A quotegraph store: one SQLite file (WAL), created and migrated on open.

    `readonly=True` opens without ever writing (for servers and queries); it needs an existing,
    up-to-date store. Raises StoreError naming the file when it is not SQLite, cannot be written,
    or was made by a newer quotegraph.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.conn: sqlite3.Connection = connect(self.path, readonly=readonly)

    # -- writing -----------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.readonly:
            raise StoreError("opened read-only; open Corpus(path) without readonly=True to write",
                             source=str(self.path))

    def _guard(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(describe_error(exc), source=str(self.path))

    def ingest(self, paths: Sequence[str] | str, *, read: ReadOptions | None = None,
               extract: ExtractOptions | None = None, on_progress: run.OnProgress | None = None,
               items: Iterable[Article | Failure] | None = None, **fields: Any) -> IngestReport:
        """Read, extract and store every article in `paths` that is not stored yet.

        `read` (ReadOptions: field names, default `published` / `outlet`, forced format, size
        limit) and `extract` (ExtractOptions: model, workers, batch size) are passed whole; single
        fields of either may be given as keywords instead (`published="2021-08-18"`, `workers=2`).
        `on_progress` is called with a `run.Progress` as articles go by. `items` (Articles and
        ingest.Failures already read, e.g. fetched pages) are stored instead of reading `paths`,
        which then only name the run's inputs.

        Idempotent and resumable: articles already stored are skipped before parsing. Inputs that
        cannot be read are listed in the report (and in `ingest_failures`) and the rest still lands.
        """
        self._writable()
        read, extract = options(read, extract, **fields)
        if isinstance(paths, (str, Path)):
            paths = [str(paths)]
        try:
            report = run.ingest(self.conn, [str(p) for p in paths], read=read, extract=extract,
                                on_progress=on_progress, items=items)
            planner.keep_current(self.conn)
        except sqlite3.Error as exc:
            raise self._guard(exc) from None
        return report

    def add(self, pairs: Iterable[tuple[Article, Document]], *, batch_size: int = ADD_BATCH_SIZE) -> AddReport:
        """Store already extracted (Article, Document) pairs; the one write path of the store.

        Articles already stored count as duplicates; each batch of `batch_size` is one transaction.
        """
        self._writable()
        try:
            report = run.add(self.conn, pairs, batch_size=batch_size)
            planner.keep_current(self.conn)
        except sqlite3.Error as exc:
            raise self._guard(exc) from None
        return report

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """`action(conn)` in one write transaction (rolled back if it raises)."""
        self._writable()
        try:
            with Transaction(self.conn) as conn:
                result = action(conn)
                statements.follow(conn)  # quotes a registry change gave to other people
            planner.keep_current(self.conn)
        except sqlite3.Error as exc:
            raise self._guard(exc) from None
        return result

    # -- the person registry -----------------------------------------------------------------
    def person_id(self, ref: str | int) -> int:
        """The one registry id `ref` names: an id, "#12", a name, an alias ("Mr Stoltenberg").

        Raises BadQuery when no one or several people match (listing them).
        """
        return timeline.resolve_person(self.conn, ref)

    def person(self, ref: str | int, *, about: str | None = None, include_duplicates: bool = False) -> PersonPage:
        """One person's page: profile (roles over time, aliases, counts) and statements in date order.

        `about` keeps statements whose quote or sentence contains the term; near-duplicate copies
        are left out unless `include_duplicates`. Raises BadQuery for an unknown or ambiguous `ref`.
        The profile's `statement_count` counts their lines once however many articles quoted them
        (`quote_count` counts quotes).
        """
        person_id = self.person_id(ref)
        found = timeline.person_page(self.conn, person_id, about=about, include_duplicates=include_duplicates)
        profile = {**found.profile, "statement_count": statements.count_for_person(self.conn, person_id)}
        return dataclasses.replace(found, profile=profile)

    def person_overview(self, ref: str | int) -> dict[str, Any]:
        """What the web person page shows (profile, statements per month, the most recent articles),
        read from counts the store keeps (`store.person_pages`): as cheap for the most quoted person as
        for anyone. The same figures as `timeline.overview`, which counts them from the quotes (and is
        used while a write outside the store has left counts pending)."""
        person_id = self.person_id(ref)
        counted = person_pages.counts(self.conn, person_id)
        monthly = person_pages.monthly(self.conn, person_id)
        recent = person_pages.recent_articles(self.conn, person_id, PERSON_PAGE_ARTICLES)
        if counted is None or monthly is None or recent is None:
            found = timeline.overview(self.conn, person_id)
        else:
            found = {**timeline.profile(self.conn, person_id, counted=counted), "monthly": monthly,
                     "articles": recent[0], "articles_total": recent[1]}
        return {**found, "statement_count": statements.count_for_person(self.conn, person_id)}

    def merge(self, keep: str | int, absorb: str | int) -> tuple[PersonPage, str]:
        """Make `absorb` part of `keep`, now and after any re-ingest; returns the kept person's page
        and the absorbed person's former name. Raises BadQuery when they are the same person."""
        def action(conn: sqlite3.Connection) -> tuple[PersonPage, str]:
            keep_id, absorb_id = self.person_id(keep), self.person_id(absorb)
            absorbed = timeline.profile(conn, absorb_id)["name"]
            decisions.merge(conn, keep_id, absorb_id)
            return timeline.person_page(conn, keep_id), absorbed
        return self._write(action)

    def split(self, ref: str | int, article_ids: Sequence[str], *, name: str | None = None) -> PersonPage:
        """Take the person's mentions in `article_ids` (ids or prefixes) out into a person of their
        own, now and after any re-ingest; returns the new person's page. Raises BadQuery when the
        person is not in those articles, or only in them."""
        def action(conn: sqlite3.Connection) -> PersonPage:
            new_id = decisions.split(conn, self.person_id(ref), article_ids, name=name)
            return timeline.person_page(conn, new_id)
        return self._write(action)

    def decisions(self) -> list[dict[str, Any]]:
        """Every merge and split made by hand, oldest first: id, action, name, rows, created_at."""
        return decisions.decisions(self.conn)

    def undo(self, decision_id: int) -> int:
        """Forget a merge or split and rebuild the registry without it; returns how many people result.
        Raises BadQuery for an unknown id."""
        def action(conn: sqlite3.Connection) -> int:
            decisions.forget(conn, decision_id)
            return linking.rebuild_registry(conn)
        return self._write(action)

    def load_aliases(self, path: str | Path) -> int:
        """Load a CSV alias table (name, alias, wikidata) and rebuild the registry so people follow;
        returns the number of entries read. Raises BadInput for a missing or malformed file."""
        def action(conn: sqlite3.Connection) -> int:
            count = decisions.store_alias_table(conn, path)
            linking.rebuild_registry(conn)
            return count
        return self._write(action)

    def rebuild_registry(self) -> int:
        """Recompute the registry from the stored mentions (manual decisions and the alias table kept);
        returns how many people result."""
        return self._write(linking.rebuild_registry)

    def rebuild_statements(self) -> int:
        """Recompute every statement from the stored quotes (registry changes are followed by
        themselves: this is for a store edited by hand); returns how many statements result."""
        return self._write(statements.rebuild)

    # -- reading -----------------------------------------------------------------------------
    def quotes(self, where: QuoteFilter | None = None, *, limit: int = 50, offset: int = 0,
               **filters: Any) -> Rows[QuoteRow]:
        """Quotes matching every filter given, newest statement first, each with its speaker's role.

        Filters come as a `QuoteFilter` or as its fields (`speaker=`, `search=`, `outlet=`,
        `since=`, `until=`, `kind=`, `person_id=`, `article_id=`, `include_duplicates=`, `about=`).
        `about` is entity-based: quotes mentioning the person (by any alias, a pronoun or a
        description the article resolves), organisation, place or group of that name.
        `speaker` matches the person's name or aliases or the speaker mention, ignoring case
        ("Stoltenberg" finds "Jens Stoltenberg"); `search` is full-text over the quote (words,
        "phrases", prefix*, OR, NOT); `since`/`until` bound the statement date (inclusive,
        YYYY[-MM[-DD]]). Quotes of near-duplicate copies are left out unless `outlet` or
        `article_id` is given or `include_duplicates=True`. Raises BadQuery on a bad filter.
        """
        return queries.quotes(self.conn, _filter(where, filters), limit=limit, offset=offset)

    def statements(self, where: QuoteFilter | None = None, *, limit: int = 50, offset: int = 0,
                   min_outlets: int = 0, **filters: Any) -> Rows[StatementRow]:
        """Statements (one speaker's line, however many articles quoted it) with a quote matching the
        filters (those of `quotes`), most recently first seen first: the longest wording, first-seen
        date, outlet and article, occurrences, articles and outlets. `min_outlets` keeps lines carried
        by at least that many outlets."""
        flt = _filter(where, filters)
        if flt.include_duplicates is None:
            flt = dataclasses.replace(flt, include_duplicates=True)
        queries.check_paging(limit, offset)
        if flt == QuoteFilter(person_id=flt.person_id, include_duplicates=True) and flt.person_id is not None:
            kept = statements.for_person(self.conn, int(flt.person_id), limit=int(limit), offset=int(offset),
                                         min_outlets=int(min_outlets))
            if kept is not None:
                return Rows(kept)
        sql, params = flt.where(self.conn)
        return Rows(statements.statements(self.conn, sql, params, limit=int(limit), offset=int(offset),
                                          min_outlets=int(min_outlets)))

    def statement(self, statement_id: int) -> tuple[StatementRow, Rows[QuoteRow]] | None:
        """One statement and every occurrence (quote, article, outlet, date); None for an unknown id."""
        found = statements.statement(self.conn, int(statement_id))
        if found is None:
            return None
        ids = statements.quote_ids(self.conn, found.id)
        rows = queries.quotes_by_id(self.conn, ids)
        return found, Rows(sorted(rows, key=lambda r: (r.published or r.said_on or "~", r.outlet or "", r.id)))

    def neighbours(self, ref: str | int, *, limit: int = NEIGHBOURS_SHOWN) -> dict[str, Any]:
        """Whom and what a person talks about most, and who talks most about them (statements and
        quotes each, first and last date), plus their counts as statements and as quotes. Whom they
        talk about is counted in their newest `about.TALKS_ABOUT_NEWEST` quotes; `talks_about_newest`
        is that number when they have more quotes (else None: every quote counted)."""
        person_id = self.person_id(ref)
        bounded = about.talks_about_bounded(self.conn, person_id)
        return {"talks_about": about.talks_about(self.conn, person_id, limit),
                "talks_about_newest": about.TALKS_ABOUT_NEWEST if bounded else None,
                "talked_about_by": about.talked_about_by(self.conn, person_id, limit),
                "statements": statements.count_for_person(self.conn, person_id),
                "quotes": self.count_quotes(person_id=person_id, include_duplicates=True)}

    def edges(self, where: QuoteFilter | None = None, **filters: Any) -> list[Edge]:
        """Speaker -> subject edges of the quotes matching the filters (those of `quotes`): how many
        statements and quotes of each speaker are about each person or entity, first and last date."""
        flt = _filter(where, filters)
        if flt.include_duplicates is None:
            flt = dataclasses.replace(flt, include_duplicates=True)
        sql, params = flt.where(self.conn)
        return about.edges(self.conn, sql, params)

    def graph(self, target: str | Path, *, fmt: str | None = None, where: QuoteFilter | None = None,
              **filters: Any) -> int:
        """Write the speaker -> subject network of the quotes matching the filters to .graphml, .gexf
        or .csv (an edge list); returns how many edges. Weights are statements."""
        return network.write_graph(self.edges(where, **filters), Path(target), fmt=fmt)

    def iter_quotes(self, where: QuoteFilter | None = None, **filters: Any) -> Iterator[QuoteRow]:
        """Every quote matching the filters of `quotes`, streamed in id order (any number of rows)."""
        return queries.iter_quotes(self.conn, _filter(where, filters))

    def count_quotes(self, where: QuoteFilter | None = None, **filters: Any) -> int:
        """How many quotes `quotes(...)` would return without a limit."""
        return queries.count_quotes(self.conn, _filter(where, filters))

    def count_quotes_capped(self, where: QuoteFilter | None = None, *, cap: int = queries.COUNT_CAP,
                            at_least: int = 0, **filters: Any) -> QuoteCount:
        """How many quotes `quotes(...)` would return: exact when cheap, else "more than N"
        (`QuoteCount`, printed "200+"), N being `cap` (50 for a speaker with a search, unless
        `at_least`, the end of the page shown, is more): the cost of a listing, not of every match."""
        return queries.count_quotes_capped(self.conn, _filter(where, filters), cap, at_least=at_least)

    def quotes_frame(self, where: QuoteFilter | None = None, **filters: Any) -> Any:
        """`quotes(...)` as a pandas DataFrame."""
        return self.quotes(where, **filters).to_pandas()

    def people(self, *, limit: int = 50, offset: int = 0, search: str | None = None,
               kind: str | None = None, role: str | None = None, sort: str | None = None) -> Rows[PersonRow]:
        """People, most quoted first (`sort` "name" or "recent" otherwise), with roles, aliases and
        counts (wire copies counted once); `role` keeps those who held a role of that title."""
        return queries.people(self.conn, limit=limit, offset=offset, search=search, kind=kind, role=role, sort=sort)

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 search: str | None = None, limit: int = 50, offset: int = 0,
                 sort: str | None = None) -> Rows[ArticleRow]:
        """Articles, newest first (`sort` "oldest" or "quotes" otherwise); `search` is full-text
        over titles and texts."""
        return queries.articles(self.conn, outlet=outlet, since=since, until=until, search=search,
                                limit=limit, offset=offset, sort=sort)

    def people_facets(self, *, search: str | None = None, kind: str | None = None,
                      role: str | None = None) -> Facets:
        """How many people `people(...)` lists, and their kinds and most held roles with counts."""
        return facet_store.people_facets(self.conn, search=search, kind=kind, role=role)

    def article_facets(self, *, outlet: str | None = None, since: str | None = None,
                       until: str | None = None) -> Facets:
        """How many articles `articles(...)` lists, and their outlets and latest months with counts."""
        return facet_store.article_facets(self.conn, outlet=outlet, since=since, until=until)

    def article(self, article_id: str) -> ArticleDetail | None:
        """One article with its text, quotes (with roles), people and copies; None when the id is unknown."""
        return queries.article(self.conn, article_id)

    def stats(self) -> dict[str, int]:
        """Row counts: articles (and how many are near-duplicates), quotes, people, runs."""
        return queries.counts(self.conn)

    def data_version(self) -> int:
        """A number that changes when another connection or process has written to the store since:
        results read through a read-only Corpus stay current while it is the same."""
        return data_version(self.conn)

    def export(self, target: str | Path, *, fmt: str | None = None, where: QuoteFilter | None = None,
               **filters: Any) -> int:
        """Write the quotes (all, or those matching the filters) to .parquet, .csv or .jsonl; returns rows.

        Near-duplicate copies are included (see the `duplicate_of` column) unless filtered out.
        """
        flt = _filter(where, filters)
        if flt.include_duplicates is None:
            flt = dataclasses.replace(flt, include_duplicates=True)
        return export_quotes(queries.iter_quotes(self.conn, flt), Path(target), fmt=fmt)

    # -- overview: facets, charts, sources' diversity, a text analysed ------------------------
    def facets(self, where: QuoteFilter | None = None, *, top: int = facet_store.TOP,
               **filters: Any) -> facet_store.Facets:
        """How many quotes match the filters (those of `quotes`) and their `top` speakers, outlets,
        kinds, source kinds and latest months, each with its count."""
        return facet_store.facets(self.conn, _filter(where, filters), top=top)

    def series(self, where: QuoteFilter | None = None, *, interval: str = "month", compare: str | None = None,
               keys: Sequence[str] = (), lines: int = 5, **filters: Any) -> series_store.Series:
        """Quotes matching the filters per day, week or month: one line, or with `compare` "outlet" /
        "speaker" one line per outlet or speaker (`keys`, else the `lines` most quoted)."""
        return series_store.series(self.conn, _filter(where, filters), interval=interval, compare=compare,
                             keys=tuple(keys), lines=lines)

    def overview(self, where: QuoteFilter | None = None, *, interval: str = "month", compare: str | None = None,
                 keys: Sequence[str] = (), top: int = facet_store.TOP,
                 **filters: Any) -> tuple[facet_store.Facets, series_store.Series]:
        """`facets(...)` and `series(...)` of one search, counted in one pass where they can share it."""
        flt = _filter(where, filters)
        counted = facet_store.cube(self.conn, flt)
        shared = counted if interval == "month" and compare != "speaker" else None
        return (facet_store.facets(self.conn, flt, top=top, counted=counted),
                series_store.series(self.conn, flt, interval=interval, compare=compare, keys=tuple(keys),
                                    counted=shared))

    def diversity(self, where: QuoteFilter | None = None, *, by: Sequence[str] = ("outlet",),
                  **filters: Any) -> list[diversity_store.DiversityRow]:
        """Sources of the matching quotes grouped `by` outlet, month, year and/or kind: quotes,
        distinct sources, sources by kind (person, organisation, unnamed, group, other) and person
        sources by gender as the text gives it (female, male, unknown)."""
        return diversity_store.diversity(self.conn, _filter(where, filters), tuple(by))

    def genders(self, *, limit: int = 50, offset: int = 0,
                gender: str | None = None) -> list[diversity_store.PersonGender]:
        """People, most quoted first, with the gender the text gives them and its evidence count."""
        return diversity_store.people_genders(self.conn, limit=limit, offset=offset, gender=gender)

    def load_genders(self, path: str | Path) -> int:
        """Set (or mark unknown, or forget) people's genders from a CSV file `name,gender`; returns
        the lines read. The user's word wins over the text's evidence. Raises BadInput."""
        return self._write(lambda conn: diversity_store.load_overrides(conn, path))

    def analyze(self, text: str, *, title: str | None = None, published: str | None = None,
                model: str | None = None) -> dict[str, Any]:
        """Extract the quotes, speakers, roles and sources of `text` without storing anything: the
        dict an article page shows, people linked to this store's registry where it knows them.
        Raises InputTooLarge past MAX_ANALYZE_CHARS characters."""
        if len(text) > MAX_ANALYZE_CHARS:
            raise InputTooLarge(f"text of {len(text):,} characters; at most {MAX_ANALYZE_CHARS:,} can be analysed")
        document = pipeline.extract(text, published=published, title=title, model=model)
        return preview.detail(self.conn, document, title=title)

    # -- runs and live news ---------------------------------------------------------------------
    def runs(self, *, limit: int = 20, offset: int = 0) -> Rows[recent.RunRow]:
        """Ingest runs (each `ingest`, `load` and `watch` poll), the latest first."""
        return recent.runs(self.conn, limit=limit, offset=offset)

    def failures(self, run_id: int | None = None, *, limit: int = 50, offset: int = 0) -> Rows[dict[str, Any]]:
        """The inputs that failed in one run (or in all runs), with their reasons."""
        return recent.failures(self.conn, run_id, limit=limit, offset=offset)

    def latest(self, *, limit: int = 20, offset: int = 0) -> Rows[QuoteRow]:
        """The quotes stored last, first: what `watch` brought in most recently."""
        return recent.latest_quotes(self.conn, limit=limit, offset=offset)

    def fetch_urls(self, *, kind: str | None = None, status: str | None = None, limit: int = 50,
                   offset: int = 0) -> Rows[urls.UrlRow]:
        """What the fetcher knows about URLs of a kind (feed, article, given) and status (pending,
        fetched, done, failed, gave_up): reason, attempts, next try, validators."""
        return Rows(urls.listing(self.conn, kind=kind, status=status, limit=limit, offset=offset))

    def fetch_counts(self) -> dict[str, dict[str, int]]:
        """{kind: {status: URLs}} for the fetcher's URLs."""
        return urls.counts(self.conn)

    def feeds(self) -> list[dict[str, Any]]:
        """The feeds and sitemaps followed, with their outlet, last poll, articles and failing links."""
        return urls.feeds(self.conn)

    # -- lifetime ----------------------------------------------------------------------------
    def close(self) -> None:
        """Close the file; a writable store first brings its planner statistics up to date
        (cheap when nothing changed), so rows written through `conn` directly are covered too."""
        try:
            if not self.readonly and not self.conn.in_transaction:
                planner.keep_current(self.conn)
        except sqlite3.Error:
            pass  # statistics only speed queries up (and a closed store has none to refresh): never fail here
        self.conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r}{', readonly=True' if self.readonly else ''})"


def _filter(where: QuoteFilter | None, filters: dict[str, Any]) -> QuoteFilter:
    """`where` with the keyword filters laid over it."""
    return dataclasses.replace(where or QuoteFilter(), **filters)
