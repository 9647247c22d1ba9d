"""The JSON API under /api/: quotes, people, articles, and CSV/JSON downloads of a quote search.

Each route is one store call plus paging; the OpenAPI schema is at /api/openapi.json.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from quotegraph.corpus import Corpus
from quotegraph.csvout import cell, write_csv
from quotegraph.errors import BadQuery
from quotegraph.settings import COUNT_CAP, MAX_EXPORT, MAX_OFFSET
from quotegraph.store.rows import QuoteCount, role_labels
from quotegraph.web.params import MAX_TEXT, Filters, Page, Paging, PersonId, QuoteFilters, Store

router = APIRouter(prefix="/api", tags=["api"])

EXPORT_COLUMNS = ("id", "said_on", "person", "role", "speaker", "kind", "text", "cue", "outlet", "title",
                  "published", "url", "article_id", "about", "statement_id")


def paged(request: Request, items: list[Any], pg: Page, total: int | QuoteCount | None = None) -> dict[str, Any]:
    """The envelope every list answers with; `next` is the permalink of the following page.

    Without a `total`, `items` may hold one row more than the page: it only says a next page exists.
    A `QuoteCount` that stopped counting adds `"total_exact": false` (`total` is then a lower bound).
    """
    exact = not isinstance(total, QuoteCount) or total.exact
    more = (not exact or pg.offset + pg.limit < int(total)) if total is not None else len(items) > pg.limit
    following = str(request.url.include_query_params(offset=pg.offset + pg.limit, limit=pg.limit)) if more else None
    rows = [i if isinstance(i, dict) else i.to_dict() for i in items[:pg.limit]]
    envelope = {"total": int(total) if total is not None else None, "limit": pg.limit, "offset": pg.offset,
                "next": following, "items": rows}
    if isinstance(total, QuoteCount):
        envelope["total_exact"] = total.exact
    return envelope


def find_quotes(corpus: Corpus, filters: QuoteFilters, pg: Page) -> list[dict[str, Any]]:
    """A page of quotes as dicts, each with its speaker's role in that article."""
    return corpus.quotes(**filters.kwargs(), limit=pg.limit, offset=pg.offset).to_dicts()


@router.get("/quotes", summary="Search quotes")
def api_quotes(request: Request, corpus: Store, filters: Filters, pg: Paging) -> dict[str, Any]:
    """Quotes matching the filters, newest first, with speaker, role, outlet and article."""
    # Counted exactly up to COUNT_CAP (or the end of this page), past it `"total_exact": false`.
    end = pg.offset + pg.limit
    total = corpus.count_quotes_capped(**filters.kwargs(), cap=max(COUNT_CAP, end), at_least=end)
    return paged(request, find_quotes(corpus, filters, pg), pg, total)


@router.get("/people", summary="List people")
def api_people(request: Request, corpus: Store, pg: Paging,
               search: Annotated[str | None, Query(max_length=MAX_TEXT,
                                                   description="part of a name or alias",
                                                   examples=["Stoltenberg"])] = None) -> dict[str, Any]:
    """People, most quoted first, with quote and article counts, roles and aliases."""
    rows = corpus.people(search=(search or "").strip() or None, limit=pg.limit + 1, offset=pg.offset)
    return paged(request, rows, pg)


@router.get("/people/{person_id}", summary="One person")
def api_person(corpus: Store, person_id: PersonId) -> dict[str, Any]:
    """A person with aliases, roles over time (first and last seen), articles and statements per month."""
    try:
        return corpus.person_overview(person_id)
    except BadQuery:
        raise HTTPException(404, f"no person with id {person_id}") from None


@router.get("/articles", summary="List articles")
def api_articles(request: Request, corpus: Store, pg: Paging,
                 outlet: Annotated[str | None, Query(max_length=MAX_TEXT, description="outlet name, exact",
                                                     examples=["Reuters"])] = None) -> dict[str, Any]:
    """Articles, newest first, with their quote counts."""
    rows = corpus.articles(outlet=(outlet or "").strip() or None, limit=pg.limit + 1, offset=pg.offset)
    return paged(request, rows, pg)


def article_data(corpus: Corpus, article_id: str) -> dict[str, Any]:
    """An article as a dict, its quotes in text order with roles; 404 when unknown."""
    found = corpus.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id}")
    data = found.to_dict()
    data["quotes"] = sorted(data["quotes"], key=lambda q: (q["start"], q["end"]))
    for person in data["people"]:
        person["roles"] = role_labels(person.get("roles"))
    return data


@router.get("/articles/{article_id}", summary="One article")
def api_article(corpus: Store,
                article_id: Annotated[str, Path(max_length=64, description="article id (from /api/articles)")],
                ) -> dict[str, Any]:
    """An article's text, the boilerplate removed from it, its quotes with spans, and its people."""
    return article_data(corpus, article_id)


def export_rows(db: str, filters: QuoteFilters, pg: Page | None) -> Iterator[dict[str, Any]]:
    """The rows of a download, streamed from a connection of the download's own (a request's
    connection has a time limit meant for pages; a download of a million rows outlasts it)."""
    with Corpus(db, readonly=True) as corpus:
        if pg is None:
            yield from (row.to_dict() for row in corpus.iter_quotes(**filters.kwargs()))
        else:
            yield from corpus.quotes(**filters.kwargs(), limit=pg.limit, offset=pg.offset).to_dicts()


def _started(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """`rows` with the first one already read, so a bad search is an error answer (400), not a
    broken download after the headers went out."""
    first = next(rows, None)
    if first is None:
        return iter(())
    return itertools.chain([first], rows)


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for n, row in enumerate(rows, 1):
        writer.writerow([cell(row.get(c)) for c in EXPORT_COLUMNS])
        if n % 500 == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _json_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


ExportLimit = Annotated[int | None, Query(ge=1, le=MAX_EXPORT, description=(
    f"rows, 1-{MAX_EXPORT}; leave out to download every matching row"))]


def _export_page(limit: ExportLimit = None, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Page | None:
    return None if limit is None and not offset else Page(limit or MAX_EXPORT, offset)


@router.get("/export/quotes.csv", summary="Download a quote search as CSV", response_class=Response)
def export_csv(request: Request, filters: Filters, pg: Annotated[Page | None, Depends(_export_page)]) -> Response:
    """The same search as /api/quotes: every matching row, streamed (or a page of them with
    `limit` and `offset`)."""
    rows = _started(export_rows(request.app.state.db_path, filters, pg))
    return StreamingResponse(_csv_lines(rows),
                             media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="quotes.csv"'})


@router.get("/export/quotes.json", summary="Download a quote search as JSON", response_class=Response)
def export_json(request: Request, filters: Filters, pg: Annotated[Page | None, Depends(_export_page)]) -> Response:
    """The same search as /api/quotes as one JSON list: every matching row, streamed (or a page)."""
    rows = _started(export_rows(request.app.state.db_path, filters, pg))
    return StreamingResponse(_json_lines(rows),
                             media_type="application/json",
                             headers={"Content-Disposition": 'attachment; filename="quotes.json"'})


ChartInterval = Annotated[str, Query(pattern="^(day|week|month)$", description="bucket: day, week or month")]
ChartCompare = Annotated[str | None, Query(pattern="^(outlet|speaker)?$",
                                           description="one line per outlet or per speaker")]
Groups = Annotated[str, Query(pattern="^(outlet|month|year|kind)(,(outlet|month|year|kind))?$",
                              description="group by outlet, month, year or kind (one or two, comma-separated)")]


@router.get("/facets", summary="Facets of a quote search")
def api_facets(corpus: Store, filters: Filters) -> dict[str, Any]:
    """How many quotes match and their top speakers, outlets, kinds, source kinds and latest months
    with counts. A word search matching more than 1,000 quotes is counted over its newest 1,000
    (`"counted": "newest"`, `counted_matches`; `total` is then that many and `total_exact` false)."""
    return corpus.facets(**filters.kwargs()).to_dict()


@router.get("/series", summary="Quotes over time for a search")
def api_series(corpus: Store, filters: Filters,
               interval: ChartInterval = "month", compare: ChartCompare = None,
               line: Annotated[list[str] | None, Query(max_length=8, description="outlets or speakers to compare")]
               = None) -> dict[str, Any]:
    """Matching quotes per day, week or month, as one line or one per outlet or speaker. A search with
    no speaker, person or article that matches more than 1,000 quotes is counted over its newest 1,000
    (`"counted": "newest"`, `"counted_matches": 1000`), as its facets are."""
    keys = tuple(k[:MAX_TEXT] for k in (line or ()))
    return corpus.series(**filters.kwargs(), interval=interval, compare=compare or None, keys=keys).to_dict()


def _diversity(corpus: Corpus, filters: QuoteFilters, by: str) -> list[dict[str, Any]]:
    groups = tuple(by.split(","))
    if len(set(groups)) != len(groups):
        raise BadQuery(f"group by two different things, not {by!r}")
    return [r.to_dict() for r in corpus.diversity(**filters.kwargs(), by=groups)]


@router.get("/diversity", summary="Sources by kind and gender")
def api_diversity(corpus: Store, filters: Filters, by: Groups = "outlet") -> dict[str, Any]:
    """Per group: quotes, distinct sources, sources by kind, person sources by gender (from the
    text: pronouns, honorifics, role nouns; unknown otherwise) and their shares."""
    return {"by": by.split(","), "items": _diversity(corpus, filters, by)}


@router.get("/diversity.csv", summary="Sources by kind and gender, as CSV", response_class=Response)
def api_diversity_csv(corpus: Store, filters: Filters, by: Groups = "outlet") -> Response:
    """The /api/diversity rows as a CSV download."""
    rows = _diversity(corpus, filters, by)
    columns = [*by.split(","), *DIVERSITY_COLUMNS]
    out = io.StringIO()
    write_csv(out, columns, ([row.get(c) for c in columns] for row in rows))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="diversity.csv"'})


DIVERSITY_COLUMNS = ("quotes", "sources", "persons", "organisations", "unnamed", "groups", "others", "female",
                     "male", "unknown_gender", "female_share", "male_share", "unknown_share")


@router.get("/latest", summary="Newest statements and the fetcher's state")
def api_latest(request: Request, corpus: Store, pg: Paging) -> dict[str, Any]:
    """The quotes stored last first (as `watch` brings them in), with the feeds followed and the
    fetcher's URL counts by kind and status."""
    rows = corpus.latest(limit=pg.limit + 1, offset=pg.offset).to_dicts()
    return {**paged(request, rows, pg), "feeds": corpus.feeds(), "urls": corpus.fetch_counts()}
