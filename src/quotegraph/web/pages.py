"""The web pages: quote search, latest statements, people index, person page, article list and page.

Server-rendered with Jinja2 (autoescape on), readable without JavaScript; every page's state is in
its URL, so any view is a permalink. Routes are one store call plus rendering.
"""
from __future__ import annotations

import pathlib
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from quotegraph.errors import BadQuery
from quotegraph.settings import COUNT_CAP
from quotegraph.store.rows import QuoteCount
from quotegraph.web import openapi, render
from quotegraph.web.api import article_data, find_quotes
from quotegraph.web.params import MAX_TEXT, Page, PersonId, QuoteFilters, Store, page, quote_filters

router = APIRouter(include_in_schema=False)

FILTER_KEYS = ("search", "speaker", "outlet", "since", "until", "kind")


def http_url(url: Any) -> str | None:
    """`url` when it is a plain http(s) link; article metadata is hostile (javascript: URLs)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


templates = Jinja2Templates(env=Environment(
    loader=FileSystemLoader(pathlib.Path(__file__).parent / "templates"), autoescape=True,
    trim_blocks=True, lstrip_blocks=True))
templates.env.filters["http_url"] = http_url


def pager(request: Request, pg: Page, shown: int, total: int | QuoteCount | None = None) -> dict[str, Any]:
    """Links to the previous and next pages of the current URL, and the range shown.

    Without a `total`, `shown` may be one more than the page size: that says a next page exists.
    """
    def at(offset: int) -> str:
        return str(request.url.include_query_params(offset=offset, limit=pg.limit))

    if isinstance(total, QuoteCount) and not total.exact:
        more = True  # counting stopped past this page
    else:
        more = pg.offset + pg.limit < int(total) if total is not None else shown > pg.limit
    count = min(shown, pg.limit)
    return {"first": pg.offset + 1 if count else 0, "last": pg.offset + count, "total": total,
            "prev": at(max(pg.offset - pg.limit, 0)) if pg.offset > 0 else None,
            "next": at(pg.offset + pg.limit) if more else None}


def form_values(request: Request, keys: tuple[str, ...]) -> dict[str, str]:
    """What the user typed, to refill the form (cut to the length the server accepts)."""
    return {k: request.query_params.get(k, "")[:MAX_TEXT] for k in keys}


def page_response(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, corpus: Store, filters: Annotated[QuoteFilters, Depends(quote_filters)],
                pg: Annotated[Page, Depends(page)]) -> HTMLResponse:
    items = find_quotes(corpus, filters, pg)
    # "1000+" past a thousand (past the page shown): counting every match of a common word is
    # what made this page slow.
    end = pg.offset + pg.limit
    total = corpus.count_quotes_capped(**filters.kwargs(), cap=max(COUNT_CAP, end), at_least=end)
    form = form_values(request, FILTER_KEYS)
    export = urlencode({k: v for k, v in form.items() if v})
    return page_response(request, "search.html", quotes=items, pager=pager(request, pg, len(items), total),
                         form=form, export=export, filtered=any(form.values()))


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, corpus: Store, pg: Annotated[Page, Depends(page)],
                q: Annotated[str | None, Query(max_length=MAX_TEXT)] = None) -> HTMLResponse:
    search = (q or "").strip() or None
    rows = corpus.people(search=search, limit=pg.limit + 1, offset=pg.offset)
    return page_response(request, "people.html", people=rows[:pg.limit], pager=pager(request, pg, len(rows)),
                         form={"q": search or ""})


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, corpus: Store, person_id: PersonId,
                pg: Annotated[Page, Depends(page)]) -> HTMLResponse:
    try:
        found = corpus.person(person_id).overview()
    except BadQuery:
        raise HTTPException(404, f"No person with id {person_id}.") from None
    statements = corpus.quotes(person_id=person_id, limit=pg.limit, offset=pg.offset).to_dicts()
    total = corpus.count_quotes(person_id=person_id)
    return page_response(request, "person.html", person=found, chart=render.timeline_chart(found["monthly"]),
                         quotes=statements, pager=pager(request, pg, len(statements), total))


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API reference, drawn from the OpenAPI schema: every endpoint, its parameters, an example."""
    schema = request.app.openapi()
    return page_response(request, "api.html", endpoints=openapi.endpoints(schema), version=schema.get("openapi"))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, corpus: Store, pg: Annotated[Page, Depends(page)],
                  outlet: Annotated[str | None, Query(max_length=MAX_TEXT)] = None) -> HTMLResponse:
    outlet = (outlet or "").strip() or None
    rows = corpus.articles(outlet=outlet, limit=pg.limit + 1, offset=pg.offset)
    return page_response(request, "articles.html", articles=rows[:pg.limit], pager=pager(request, pg, len(rows)),
                         outlet=outlet)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, corpus: Store, article_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    found = article_data(corpus, article_id)
    text = render.paragraphs(found["text"], found["quotes"], found["boilerplate"])
    return page_response(request, "article.html", article=found, paragraphs=text)


@router.get("/latest", response_class=HTMLResponse)
def latest_page(request: Request, corpus: Store, pg: Annotated[Page, Depends(page)]) -> HTMLResponse:
    """The newest statements as they arrive, the feeds they come from, and the URLs failing."""
    items = corpus.latest(limit=pg.limit + 1, offset=pg.offset).to_dicts()
    failing = corpus.fetch_urls(status="failed", limit=20) + corpus.fetch_urls(status="gave_up", limit=20)
    return page_response(request, "latest.html", quotes=items[:pg.limit], pager=pager(request, pg, len(items)),
                         feeds=corpus.feeds(), counts=corpus.fetch_counts(), failing=failing[:20],
                         runs=corpus.runs(limit=5))
