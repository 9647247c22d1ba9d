"""The JSON API under /api/: quotes, people, articles, and CSV/JSON downloads of a quote search.

Each route is one store call plus paging; the OpenAPI schema is at /api/openapi.json.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from quotegraph.web import queries
from quotegraph.web.params import (MAX_TEXT, Conn, Page, QuoteFilters, export_page, page,
                                   quote_filters)

router = APIRouter(prefix="/api", tags=["api"])

EXPORT_COLUMNS = ("id", "said_on", "person", "role", "speaker", "kind", "text", "cue", "outlet", "title",
                  "published", "url", "article_id")


def paged(request: Request, items: list[dict[str, Any]], total: int, pg: Page) -> dict[str, Any]:
    """The envelope every list answers with; `next` is the permalink of the following page."""
    following = None
    if pg.offset + len(items) < total:
        following = str(request.url.include_query_params(offset=pg.offset + pg.limit, limit=pg.limit))
    return {"total": total, "limit": pg.limit, "offset": pg.offset, "next": following, "items": items}


@router.get("/quotes", summary="Search quotes")
def api_quotes(request: Request, conn: Conn, filters: Annotated[QuoteFilters, Depends(quote_filters)],
               pg: Annotated[Page, Depends(page)]) -> dict[str, Any]:
    """Quotes matching the filters, newest first, with speaker, role, outlet and article."""
    items = queries.quotes(conn, filters, pg.limit, pg.offset)
    return paged(request, items, queries.count_quotes(conn, filters), pg)


@router.get("/people", summary="List people")
def api_people(request: Request, conn: Conn, pg: Annotated[Page, Depends(page)],
               search: Annotated[str | None, Query(max_length=MAX_TEXT,
                                                   description="part of a name or alias")] = None) -> dict[str, Any]:
    """People, most quoted first, with quote and article counts and roles."""
    search = (search or "").strip() or None
    return paged(request, queries.people(conn, search, pg.limit, pg.offset), queries.count_people(conn, search), pg)


@router.get("/people/{person_id}", summary="One person")
def api_person(conn: Conn, person_id: int) -> dict[str, Any]:
    """A person with aliases, roles over time (first and last seen), articles and statements per month."""
    found = queries.person(conn, person_id)
    if found is None:
        raise HTTPException(404, f"no person with id {person_id}")
    return found


@router.get("/articles", summary="List articles")
def api_articles(request: Request, conn: Conn, pg: Annotated[Page, Depends(page)],
                 outlet: Annotated[str | None, Query(max_length=MAX_TEXT)] = None) -> dict[str, Any]:
    """Articles, newest first, with their quote counts."""
    outlet = (outlet or "").strip() or None
    return paged(request, queries.articles(conn, outlet, pg.limit, pg.offset),
                 queries.count_articles(conn, outlet), pg)


@router.get("/articles/{article_id}", summary="One article")
def api_article(conn: Conn, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """An article's text, the boilerplate removed from it, its quotes with spans, and its people."""
    found = queries.article(conn, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return found


def _csv_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # Spreadsheets run cells that start like a formula; article text is hostile, so defuse them.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/export/quotes.csv", summary="Download a quote search as CSV", response_class=Response)
def export_csv(conn: Conn, filters: Annotated[QuoteFilters, Depends(quote_filters)],
               pg: Annotated[Page, Depends(export_page)]) -> Response:
    """The same search as /api/quotes, up to 10,000 rows per download (page with offset)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for row in queries.quotes(conn, filters, pg.limit, pg.offset):
        writer.writerow([_csv_cell(row.get(c)) for c in EXPORT_COLUMNS])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="quotes.csv"'})


@router.get("/export/quotes.json", summary="Download a quote search as JSON", response_class=Response)
def export_json(conn: Conn, filters: Annotated[QuoteFilters, Depends(quote_filters)],
                pg: Annotated[Page, Depends(export_page)]) -> Response:
    """The same search as /api/quotes as one JSON list, up to 10,000 rows per download."""
    rows = queries.quotes(conn, filters, pg.limit, pg.offset)
    return Response(json.dumps(rows, ensure_ascii=False), media_type="application/json",
                    headers={"Content-Disposition": 'attachment; filename="quotes.json"'})
