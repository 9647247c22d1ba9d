"""The web pages: quote search, latest statements, people index, person page, article list and page.

Server-rendered with Jinja2 (autoescape on), readable without JavaScript; every page's state is in
its URL, so any view is a permalink. Routes are one store call plus rendering.
"""
from __future__ import annotations

import pathlib
from typing import Annotated, Any
from urllib.parse import parse_qs, quote_plus, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from jinja2 import Environment, FileSystemLoader

from quotegraph.corpus import FACETS, INTERVALS, Corpus, Facets
from quotegraph.errors import BadQuery
from quotegraph.settings import MAX_ANALYZE_CHARS
from quotegraph.web import charts, openapi, picture, render
from quotegraph.web.api import article_data, find_quotes
from quotegraph.web.params import (DEFAULT_LIMIT, MAX_TEXT, DateParam, Filters, Page, Paging, PersonId, QuoteFilters,
                                   Store, kept_page, parse_date, remembered)

router = APIRouter(include_in_schema=False)
# A form post of the longest text: up to 4 bytes per character in UTF-8, up to 3 for its %-escape each.
MAX_ANALYZE_BYTES = MAX_ANALYZE_CHARS * 12 + 4096

FILTER_KEYS = ("search", "speaker", "outlet", "since", "until", "kind", "role", "about")
FILTER_LABELS = {"search": "words", "speaker": "speaker", "outlet": "outlet", "since": "since", "until": "until",
                 "kind": "kind", "role": "role",
                 "about": "about"}
FACET_TITLES = {"speaker": "Speakers", "role": "Roles", "outlet": "Outlets", "kind": "Kinds", "source_kind": "Sources",
                "month": "Months"}


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


def date_input(value: str) -> str:
    """The input type that shows `value`: a date picker for a full date (or none), text otherwise
    (a picker cannot show "2021-08", which the filters take)."""
    return "date" if not value or len(value) == 10 else "text"


templates.env.globals["date_input"] = date_input


def approx(n: int) -> int:
    """An estimated count to three significant digits (919,356 -> 919,000): no false precision."""
    digits = len(str(abs(int(n))))
    return int(round(n, -(digits - 3))) if digits > 3 else int(n)


templates.env.filters["approx"] = approx


def clean_url(request: Request, defaults: dict[str, str] | None = None) -> str | None:
    """The current URL without empty parameters (HTML forms send every field) nor ones at their
    default (`offset=0`); None when it is clean already."""
    defaults = {"offset": "0", "limit": str(DEFAULT_LIMIT), **(defaults or {})}
    pairs = list(request.query_params.multi_items())
    kept = [(k, v) for k, v in pairs if v.strip() and defaults.get(k) != v.strip()]
    if kept == pairs:
        return None
    return request.url.path + ("?" + urlencode(kept) if kept else "")


def pager(request: Request, pg: Page, shown: int, total: int | None = None, *,
          estimated: bool = False, at_least: bool = False) -> dict[str, Any]:
    """Links to the previous and next pages of the current URL, and the range shown.

    Without a `total`, or with `at_least` (there are more than `total`), `shown` may be one more than
    the page size: that says a next page exists. An `estimated` total is shown as "about N", an
    `at_least` one as "more than N". Past the last page, `last_page` links back to it.
    """
    def at(offset: int) -> str:
        return clean_url_of(request, offset=offset)

    more = pg.offset + pg.limit < total if total is not None else shown > pg.limit
    if at_least:
        more = more or shown > pg.limit
    count = min(shown, pg.limit)
    past_end = count == 0 and pg.offset > 0
    last_offset = max(((total or 0) - 1) // pg.limit * pg.limit, 0) if total is not None else 0
    return {"first": pg.offset + 1 if count else 0, "last": pg.offset + count, "total": total,
            "estimated": estimated, "at_least": at_least,
            "prev": at(max(pg.offset - pg.limit, 0)) if pg.offset > 0 and not past_end else None,
            "next": at(pg.offset + pg.limit) if more and count else None,
            "past_end": at(last_offset) if past_end else None}


def _encoded(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(key, "key=value" as `urlencode` writes it) for each pair that a clean URL keeps: not empty,
    not the default offset or limit."""
    return [(k, quote_plus(k) + "=" + quote_plus(v)) for k, v in pairs if v.strip()
            and not (k == "offset" and v == "0") and not (k == "limit" and v == str(DEFAULT_LIMIT))]


def clean_url_of(request: Request, **changes: Any) -> str:
    """The current URL with `changes` applied (None removes a parameter), empty and default ones left out."""
    # The current parameters are encoded once per request: a search page draws about forty links
    # from them (its facets' and chart's links 0.42-0.54 ms so encoded for each, 0.26-0.39 once:
    # docs/web.md, twelfth round).
    base: list[tuple[str, str]] | None = getattr(request.state, "encoded_query", None)
    if base is None:
        base = _encoded(list(request.query_params.multi_items()))
        request.state.encoded_query = base
    pairs: list[tuple[str, str]] = []
    for key, value in changes.items():
        if isinstance(value, (list, tuple)):
            pairs += [(key, str(v)) for v in value]
        elif value is not None:
            pairs.append((key, str(value)))
    kept = [piece for k, piece in base if k not in changes] + [piece for _, piece in _encoded(pairs)]
    return request.url.path + ("?" + "&".join(kept) if kept else "")


def form_values(request: Request, keys: tuple[str, ...]) -> dict[str, str]:
    """What the user typed, to refill the form (cut to the length the server accepts)."""
    return {k: request.query_params.get(k, "")[:MAX_TEXT] for k in keys}


def page_response(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def facet_links(request: Request, found: Facets) -> list[dict[str, Any]]:
    """Each facet with its values as links that add the value to the current filters (or, for the
    value already filtered on, remove it), for the facets panel."""
    current = request.query_params
    panels = []
    for name in FACETS:
        values = []
        for v in found.facets.get(name, ()):
            if name == "month":
                chosen = current.get("since") == v.value and current.get("until") == v.value
                href = clean_url_of(request, since=None if chosen else v.value, until=None if chosen else v.value,
                                    offset=None)
            elif name == "source_kind":
                chosen, href = False, None  # not a quote filter: shown for its counts
            else:
                chosen = (current.get(name) or "").lower() == v.value.lower()
                href = clean_url_of(request, **{name: None if chosen else v.value, "offset": None})
            values.append({"label": v.label, "count": v.count, "href": href, "chosen": chosen})
        panels.append({"name": name, "title": FACET_TITLES[name], "values": values, "more": name in found.more})
    return panels


def removals(request: Request, form: dict[str, str]) -> list[dict[str, str]]:
    """For an empty result: one link per filter given, to the same search without it."""
    return [{"label": f"{FILTER_LABELS[k]}: {v}", "href": clean_url_of(request, **{k: None, "offset": None})}
            for k, v in form.items() if v and k in FILTER_LABELS]


def chart_options(request: Request, interval: str, compare: str | None) -> dict[str, Any]:
    """Links that switch the chart's interval and comparison, keeping everything else."""
    return {"intervals": [{"label": i, "href": clean_url_of(request, interval=None if i == "month" else i),
                           "chosen": i == interval} for i in INTERVALS],
            "compare": [{"label": label, "href": clean_url_of(request, compare=c, line=None),
                         "chosen": c == compare} for c, label in ((None, "all together"), ("outlet", "by outlet"),
                                                                  ("speaker", "by speaker"))]}


IntervalParam = Annotated[str, Query(pattern="^(day|week|month)$", description="chart buckets")]
CompareParam = Annotated[str | None, Query(pattern="^(outlet|speaker)?$", description="one line per outlet or speaker")]
LinesParam = Annotated[list[str] | None, Query(max_length=8, description="the outlets or speakers to compare")]


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, corpus: Store, filters: Filters,
                pg: Paging, interval: IntervalParam = "month",
                compare: CompareParam = None, line: LinesParam = None) -> Response:
    cleaner = clean_url(request, {"interval": "month"})
    if cleaner is not None:
        return RedirectResponse(cleaner, status_code=303)
    keys = tuple(k[:MAX_TEXT] for k in (line or ()))

    def rendered() -> bytes:
        found, over_time = remembered(request, repr(("overview", filters, interval, compare or None, keys)),
                                      lambda: corpus.overview(**filters.kwargs(), interval=interval,
                                                              compare=compare or None, keys=keys))
        # Counted over the newest matches only (facets.NEWEST), the total is "more than": one more
        # quote than the page says whether a next page exists.
        wanted = Page(pg.limit + 1, pg.offset) if found.newest else pg
        items = find_quotes(corpus, filters, wanted) if found.total else []
        form = form_values(request, FILTER_KEYS)
        export = urlencode({k: v for k, v in form.items() if v})
        return bytes(page_response(
            request, "search.html", quotes=items[:pg.limit],
            pager=pager(request, pg, len(items), found.total, estimated=found.estimated, at_least=bool(found.newest)),
            form=form, export=export, filtered=any(form.values()), facets=facet_links(request, found),
            found=found, chart=charts.line_chart(over_time), options=chart_options(request, interval, compare or None),
            removals=removals(request, form)).body)
    # The page as rendered for this URL, while the store is unchanged (`Remembered`: any write clears it);
    # a kept page is answered on the event loop, only a first visit goes to a worker thread.
    return HTMLResponse(await kept_page(request, repr(("search page", str(request.url))), rendered))


def list_facets(request: Request, found: Facets, titles: dict[str, str],
                params: dict[str, str]) -> list[dict[str, Any]]:
    """Facets of the people or article list as links adding (or removing) a filter; `params` maps a
    facet to the parameter it sets (a month sets since and until)."""
    panels = []
    for name, title in titles.items():
        values = []
        for v in found.facets.get(name, ()):
            key = params[name]
            if key == "month":
                chosen = request.query_params.get("since") == v.value == request.query_params.get("until")
                href = clean_url_of(request, since=None if chosen else v.value, until=None if chosen else v.value,
                                    offset=None)
            else:
                chosen = (request.query_params.get(key) or "").lower() == v.value.lower()
                href = clean_url_of(request, **{key: None if chosen else v.value, "offset": None})
            values.append({"label": v.label, "count": v.count, "href": href, "chosen": chosen})
        panels.append({"name": name, "title": title, "values": values, "more": name in found.more})
    return panels


def sort_links(request: Request, orders: tuple[str, ...], chosen: str | None) -> list[dict[str, Any]]:
    return [{"label": o, "href": clean_url_of(request, sort=None if i == 0 else o, offset=None),
             "chosen": (chosen or orders[0]) == o} for i, o in enumerate(orders)]


SortPeople = Annotated[str | None, Query(pattern="^(quotes|name|recent)?$", description="order")]
SortArticles = Annotated[str | None, Query(pattern="^(newest|oldest|quotes)?$", description="order")]
TextParam = Annotated[str | None, Query(max_length=MAX_TEXT)]


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, corpus: Store, pg: Paging, q: TextParam = None,
                kind: Annotated[str | None, Query(pattern="^(person|organisation|unnamed)?$")] = None,
                role: TextParam = None, sort: SortPeople = None) -> Response:
    cleaner = clean_url(request, {"sort": "quotes"})
    if cleaner is not None:
        return RedirectResponse(cleaner, status_code=303)
    search = (q or "").strip() or None
    kind, role = kind or None, (role or "").strip() or None
    found = corpus.people_facets(search=search, kind=kind, role=role)
    rows = corpus.people(search=search, kind=kind, role=role, sort=sort or None, limit=pg.limit, offset=pg.offset)
    return page_response(request, "people.html", people=rows, pager=pager(request, pg, len(rows), found.total),
                         form={"q": search or ""}, found=found, filtered=bool(search or kind or role),
                         facets=list_facets(request, found, {"kind": "Kinds", "role": "Roles"},
                                            {"kind": "kind", "role": "role"}),
                         sorts=sort_links(request, ("quotes", "name", "recent"), sort or None))


@router.get("/people/{person_id}", response_class=HTMLResponse)
async def person_page(request: Request, corpus: Store, person_id: PersonId,
                pg: Paging) -> HTMLResponse:
    def rendered() -> bytes:
        try:
            found = corpus.person_overview(person_id)  # read from kept counts: ~1 ms for anyone
        except BadQuery:
            raise HTTPException(404, f"No person with id {person_id}.") from None
        statements = corpus.quotes(person_id=person_id, limit=pg.limit, offset=pg.offset).to_dicts()
        total = corpus.count_quotes(person_id=person_id)
        return bytes(page_response(
            request, "person.html", person=found, chart=render.timeline_chart(found["monthly"]), quotes=statements,
            pager=pager(request, pg, len(statements), total),
            **picture.person_context(corpus, person_id, found["name"])).body)
    # The page as rendered for this URL while the store is unchanged (`Remembered`), as the search page:
    # a first visit is ~10 ms of CPU for anyone (most of it rendering the 200 most recent articles).
    return HTMLResponse(await kept_page(request, repr(("person page", str(request.url))), rendered))


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API reference, drawn from the OpenAPI schema: every endpoint, its parameters, an example."""
    schema = request.app.openapi()
    return page_response(request, "api.html", endpoints=openapi.endpoints(schema), version=schema.get("openapi"))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, corpus: Store, pg: Paging, outlet: TextParam = None,
                  since: DateParam = None, until: DateParam = None, sort: SortArticles = None) -> Response:
    cleaner = clean_url(request, {"sort": "newest"})
    if cleaner is not None:
        return RedirectResponse(cleaner, status_code=303)
    outlet = (outlet or "").strip() or None
    since, until = parse_date(since, "since"), parse_date(until, "until")
    found = corpus.article_facets(outlet=outlet, since=since, until=until)
    rows = corpus.articles(outlet=outlet, since=since, until=until, sort=sort or None, limit=pg.limit,
                           offset=pg.offset)
    return page_response(request, "articles.html", articles=rows, pager=pager(request, pg, len(rows), found.total),
                         outlet=outlet, found=found, filtered=bool(outlet or since or until),
                         facets=list_facets(request, found, {"outlet": "Outlets", "month": "Months"},
                                            {"outlet": "outlet", "month": "month"}),
                         sorts=sort_links(request, ("newest", "oldest", "quotes"), sort or None))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, corpus: Store, article_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    found = article_data(corpus, article_id)
    text = render.paragraphs(found["text"], found["quotes"], found["boilerplate"])
    return page_response(request, "article.html", article=found, paragraphs=text)


@router.get("/latest", response_class=HTMLResponse)
def latest_page(request: Request, corpus: Store, pg: Paging) -> HTMLResponse:
    """The newest statements as they arrive, the feeds they come from, and the URLs failing."""
    items = corpus.latest(limit=pg.limit + 1, offset=pg.offset).to_dicts()
    failing = corpus.fetch_urls(status="failed", limit=20) + corpus.fetch_urls(status="gave_up", limit=20)
    return page_response(request, "latest.html", quotes=items[:pg.limit], pager=pager(request, pg, len(items)),
                         feeds=corpus.feeds(), counts=corpus.fetch_counts(), failing=failing[:20],
                         runs=corpus.runs(limit=5))


GroupParam = Annotated[str, Query(pattern="^(outlet|month|year|kind)(,(outlet|month|year|kind))?$",
                                  description="group by: outlet, month, year, kind, or two of them")]


def diversity_rows(corpus: Corpus, filters: QuoteFilters, by: tuple[str, ...]) -> list[dict[str, Any]]:
    """The diversity table's rows, each with stacked share bars by kind and by gender."""
    rows = []
    for r in corpus.diversity(**filters.kwargs(), by=by):
        data = r.to_dict()
        data["kind_bar"] = charts.share_bar([(k, k, r.by_kind.get(k, 0)) for k in KIND_ORDER])
        data["gender_bar"] = charts.share_bar([("female", "female", r.female), ("male", "male", r.male),
                                               ("unknown", "unknown", r.unknown)])
        rows.append(data)
    return rows


KIND_ORDER = ("person", "organisation", "unnamed", "group", "other")


@router.get("/diversity", response_class=HTMLResponse)
def diversity_page(request: Request, corpus: Store, filters: Filters, by: GroupParam = "outlet") -> Response:
    """Whose voices are heard: sources by kind and by gender (from the text) per outlet, month or year."""
    cleaner = clean_url(request, {"by": "outlet"})
    if cleaner is not None:
        return RedirectResponse(cleaner, status_code=303)
    groups = tuple(by.split(","))
    if len(set(groups)) != len(groups):
        raise BadQuery(f"group by two different things, not {by!r}")
    rows = diversity_rows(corpus, filters, groups)
    people = corpus.genders(limit=20)
    form = form_values(request, FILTER_KEYS)
    query = urlencode({k: v for k, v in [*form.items(), ("by", by)] if v})
    return page_response(request, "diversity.html", rows=rows, groups=groups, by=by, form=form,
                         filtered=any(form.values()), query=query, people=people,
                         group_links=[{"label": g, "href": clean_url_of(request, by=None if g == "outlet" else g),
                                       "chosen": g == by}
                                      for g in ("outlet", "month", "year", "outlet,month", "outlet,year")])


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    """A box to paste an article into; nothing pasted is stored."""
    return page_response(request, "analyze.html", text="", limit=MAX_ANALYZE_CHARS)


def _same_origin(request: Request) -> bool:
    """Whether a POST comes from this site's own page, so no other site can make a visitor's
    browser post here. Browsers say where a request comes from in Sec-Fetch-Site; without it, an
    Origin must name this host (our no-referrer policy makes browsers send "null", refused then)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-site form (those carry an Origin): a script or curl
    return urlsplit(origin).netloc == request.headers.get("host", "")


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request) -> HTMLResponse:
    """The pasted text with its quotes highlighted, speakers, roles and sources: the article page's
    view of a text that is not stored. Bounded in size; refused from other sites."""
    if not _same_origin(request):
        raise HTTPException(403, "This form only takes posts from this site's own page.")
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
        raise HTTPException(415, "Send the form as application/x-www-form-urlencoded.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_ANALYZE_BYTES:
            raise HTTPException(413, f"The text is too long: at most {MAX_ANALYZE_CHARS:,} characters can be analysed.")
    fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=4)
    text = (fields.get("text") or [""])[0].replace("\r\n", "\n")
    title = ((fields.get("title") or [""])[0].strip() or None)
    if not text.strip():
        return page_response(request, "analyze.html", status_code=400, text="", limit=MAX_ANALYZE_CHARS,
                             error="Paste the text of an article first.")
    if len(text) > MAX_ANALYZE_CHARS:
        return page_response(request, "analyze.html", status_code=413, text="", limit=MAX_ANALYZE_CHARS,
                             error=f"The text has {len(text):,} characters; at most {MAX_ANALYZE_CHARS:,} "
                                   "can be analysed. Paste a shorter part.")
    found = await run_in_threadpool(_analyze, request.app.state.db_path, text, title[:MAX_TEXT] if title else None)
    shown = render.paragraphs(found["text"], found["quotes"], found["boilerplate"])
    return page_response(request, "article.html", article=found, paragraphs=shown, analyzed=True)


def _analyze(db: str, text: str, title: str | None) -> dict[str, Any]:
    with Corpus(db, readonly=True) as corpus:
        return corpus.analyze(text, title=title)
