"""`Corpus`: the Python API over one store file — ingest articles, then query quotes, people, articles.

    >>> from quotegraph import Corpus
    >>> with Corpus("news.db") as corpus:
    ...     corpus.ingest(["articles/"])
    ...     corpus.quotes(speaker="Stoltenberg", since="2021-08").to_pandas()
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from quotegraph.errors import StoreError
from quotegraph.records import Article, Document
from quotegraph.store import planner, queries, runs
from quotegraph.store.migrations import connect, describe_error
from quotegraph.store.rows import AddReport, ArticleDetail, ArticleRow, IngestReport, PersonRow, QuoteRow, Rows


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

    def ingest(self, paths: Sequence[str] | str, *, workers: int = 1, model: str | None = None,
               fields: Any = None, published: str | None = None, outlet: str | None = None,
               fmt: str | None = None, max_chars: int = 2_000_000, progress: bool = True,
               batch_size: int = 64) -> IngestReport:
        """Read, extract and store every article in `paths` that is not stored yet.

        Idempotent and resumable: articles already stored are skipped before parsing. Inputs that
        cannot be read are listed in the report (and in `ingest_failures`) and the rest still lands.
        `published` / `outlet` fill in articles whose data has none; `fields` is an ingest.FieldMap;
        `fmt` forces an input format; longer articles than `max_chars` are failures.
        """
        self._writable()
        if isinstance(paths, (str, Path)):
            paths = [str(paths)]
        try:
            report = runs.ingest(self.conn, [str(p) for p in paths], workers=workers, model=model, fields=fields,
                                 published=published, outlet=outlet, fmt=fmt, max_chars=max_chars,
                                 progress=progress, batch_size=batch_size)
            planner.keep_current(self.conn)
        except sqlite3.Error as exc:
            raise self._guard(exc) from None
        return report

    def add(self, pairs: Iterable[tuple[Article, Document]], *, batch_size: int = 256) -> AddReport:
        """Store already extracted (Article, Document) pairs; the one write path of the store.

        Articles already stored count as duplicates; each batch of `batch_size` is one transaction.
        """
        self._writable()
        try:
            report = runs.add(self.conn, pairs, batch_size=batch_size)
            planner.keep_current(self.conn)
        except sqlite3.Error as exc:
            raise self._guard(exc) from None
        return report

    # -- reading -----------------------------------------------------------------------------
    def quotes(self, *, speaker: str | None = None, search: str | None = None, outlet: str | None = None,
               since: str | None = None, until: str | None = None, kind: str | None = None,
               person_id: int | None = None, article_id: str | None = None, limit: int = 50, offset: int = 0,
               include_duplicates: bool | None = None) -> Rows[QuoteRow]:
        """Quotes matching every filter given, newest statement first.

        `speaker` matches the person's name or aliases or the speaker mention, ignoring case
        ("Stoltenberg" finds "Jens Stoltenberg"); `search` is full-text over the quote (words,
        "phrases", prefix*, OR, NOT); `since`/`until` bound the statement date (inclusive,
        YYYY[-MM[-DD]]). Quotes of near-duplicate copies are left out unless `outlet` or
        `article_id` is given or `include_duplicates=True`. Raises BadQuery on a bad filter.
        """
        flt = queries.QuoteFilter(speaker=speaker, search=search, outlet=outlet, since=since, until=until,
                                  kind=kind, person_id=person_id, article_id=article_id,
                                  include_duplicates=include_duplicates)
        return queries.quotes(self.conn, flt, limit=limit, offset=offset)

    def count_quotes(self, **filters: Any) -> int:
        """How many quotes `quotes(**filters)` would return without a limit."""
        return queries.count_quotes(self.conn, queries.QuoteFilter(**filters))

    def quotes_frame(self, **filters: Any) -> Any:
        """`quotes(**filters)` as a pandas DataFrame."""
        return self.quotes(**filters).to_pandas()

    def people(self, *, limit: int = 50, offset: int = 0, search: str | None = None,
               kind: str | None = None) -> Rows[PersonRow]:
        """People, most quoted first, with roles, aliases and counts (wire copies counted once)."""
        return queries.people(self.conn, limit=limit, offset=offset, search=search, kind=kind)

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 search: str | None = None, limit: int = 50, offset: int = 0) -> Rows[ArticleRow]:
        """Articles, newest first; `search` is full-text over titles and texts."""
        return queries.articles(self.conn, outlet=outlet, since=since, until=until, search=search,
                                limit=limit, offset=offset)

    def article(self, article_id: str) -> ArticleDetail | None:
        """One article with its text, quotes, people and copies; None when the id is unknown."""
        return queries.article(self.conn, article_id)

    def stats(self) -> dict[str, int]:
        """Row counts: articles (and how many are near-duplicates), quotes, people, runs."""
        counts = {"articles": "articles", "near_duplicates": "articles WHERE duplicate_of IS NOT NULL",
                  "quotes": "quotes", "people": "people", "runs": "ingest_runs"}
        # Fixed table names from the dict above.
        return {name: self.conn.execute(f"SELECT COUNT(*) FROM {rows}").fetchone()[0]  # noqa: S608
                for name, rows in counts.items()}

    def export(self, target: str | Path, *, fmt: str | None = None, **filters: Any) -> int:
        """Write the quotes (all, or those matching `filters`) to .parquet, .csv or .jsonl; returns rows.

        Near-duplicate copies are included (see the `duplicate_of` column) unless filtered out.
        """
        from quotegraph.store.export import export_quotes

        filters.setdefault("include_duplicates", True)
        rows = queries.iter_quotes(self.conn, queries.QuoteFilter(**filters))
        return export_quotes(rows, Path(target), fmt=fmt)

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
