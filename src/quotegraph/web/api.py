"""The JSON API under /api/: quotes, people, articles, and CSV/JSON downloads of a quote search.

Each route is one store call plus paging; the OpenAPI schema is at /api/openapi.json.
"""
from __future__ import annotations

import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from quotegraph.corpus import Corpus
from quotegraph.csvout import write_csv
from quotegraph.errors import BadQuery
from quotegraph.settings import COUNT_CAP
from quotegraph.store.rows import QuoteCount, role_labels
from quotegraph.web.params import MAX_TEXT, Page, PersonId, QuoteFilters, Store, export_page, page, quote_filters

router = APIRouter(prefix="/api", tags=["api"])

EXPORT_COLUMNS = ("id", "said_on", "person", "role", "speaker", "kind", "text", "cue", "outlet", "title",
                  "published", "url", "article_id")


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
def api_quotes(request: Request, corpus: Store, filters: Annotated[QuoteFilters, Depends(quote_filters)],
               pg: Annotated[Page, Depends(page)]) -> dict[str, Any]:
    """Quotes matching the filters, newest first, with speaker, role, outlet and article."""
    # Counted exactly up to COUNT_CAP (or the end of this page), past it `"total_exact": false`.
    end = pg.offset + pg.limit
    total = corpus.count_quotes_capped(**filters.kwargs(), cap=max(COUNT_CAP, end), at_least=end)
    return paged(request, find_quotes(corpus, filters, pg), pg, total)


@router.get("/people", summary="List people")
def api_people(request: Request, corpus: Store, pg: Annotated[Page, Depends(page)],
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
        return corpus.person(person_id).overview()
    except BadQuery:
        raise HTTPException(404, f"no person with id {person_id}") from None


@router.get("/articles", summary="List articles")
def api_articles(request: Request, corpus: Store, pg: Annotated[Page, Depends(page)],
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


@router.get("/export/quotes.csv", summary="Download a quote search as CSV", response_class=Response)
def export_csv(corpus: Store, filters: Annotated[QuoteFilters, Depends(quote_filters)],
               pg: Annotated[Page, Depends(export_page)]) -> Response:
    """The same search as /api/quotes, up to 10,000 rows per download (page with offset)."""
    out = io.StringIO()
    write_csv(out, EXPORT_COLUMNS, ([row.get(c) for c in EXPORT_COLUMNS] for row in find_quotes(corpus, filters, pg)))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="quotes.csv"'})


@router.get("/export/quotes.json", summary="Download a quote search as JSON", response_class=Response)
def export_json(corpus: Store, filters: Annotated[QuoteFilters, Depends(quote_filters)],
                pg: Annotated[Page, Depends(export_page)]) -> Response:
    """The same search as /api/quotes as one JSON list, up to 10,000 rows per download."""
    return Response(json.dumps(find_quotes(corpus, filters, pg), ensure_ascii=False), media_type="application/json",
                    headers={"Content-Disposition": 'attachment; filename="quotes.json"'})


@router.get("/latest", summary="Newest statements and the fetcher's state")
def api_latest(request: Request, corpus: Store, pg: Annotated[Page, Depends(page)]) -> dict[str, Any]:
    """The quotes stored last first (as `watch` brings them in), with the feeds followed and the
    fetcher's URL counts by kind and status."""
    rows = corpus.latest(limit=pg.limit + 1, offset=pg.offset).to_dicts()
    return {**paged(request, rows, pg), "feeds": corpus.feeds(), "urls": corpus.fetch_counts()}
