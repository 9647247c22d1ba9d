"""The overview in the web app: facets with counts and filter links, the chart of any search,
clean URLs, empty states, pages past the end, the diversity page, analyze-a-text, and downloads
that stream every row. A real app over real stores (TestClient); the browser tests drive Chromium."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from quotegraph.corpus import Corpus
from quotegraph.web.app import create_app
from test_store_facets import pairs
from test_web_queries import web_store  # noqa: F401  (fixture)

MINE = ('The harbour council met on Tuesday. "We will rebuild the pier before winter," Mayor Dana Whitfield '
        'said.\n\n"Nobody expected the storm to be this strong," Whitfield said. "We are counting every plank," '
        'she said.')


def generated(directory, articles: int) -> TestClient:
    db = directory / "generated.db"
    with Corpus(db) as corpus:
        corpus.add(pairs(articles), batch_size=500)
    return TestClient(create_app(db), follow_redirects=False)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """240 generated articles: 960 quotes in three outlets over three years."""
    return generated(tmp_path_factory.mktemp("gen"), 240)


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    """2,600 generated articles: 10,400 quotes, more than one download used to hold."""
    return generated(tmp_path_factory.mktemp("huge"), 2600)


@pytest.fixture(scope="module")
def client(web_store):  # noqa: F811
    return TestClient(create_app(web_store), follow_redirects=False)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.section: str | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "section" and found.get("data-facet"):
            self.section = found["data-facet"]
        if tag == "a":
            self.links.append((self.section or "", found))


def facet_links(html: str, facet: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return [a["href"] or "" for section, a in parser.links if section == facet]


def total_of(html: str) -> int:
    found = re.search(r'<p class="total"><strong>(?:about )?([\d,]+)</strong>', html)
    assert found, "no total on the page"
    return int(found.group(1).replace(",", ""))


def test_facet_links_narrow_the_list_and_the_count(big):
    home = big.get("/")
    assert home.status_code == 200 and total_of(home.text) == 960
    outlets = facet_links(home.text, "outlet")
    assert len(outlets) == 3
    narrowed = big.get(outlets[0])
    assert narrowed.status_code == 200 and total_of(narrowed.text) == 320
    query = parse_qs(urlsplit(outlets[0]).query)
    assert list(query) == ["outlet"]
    with Corpus(big.app.state.db_path, readonly=True) as corpus:
        assert total_of(narrowed.text) == corpus.count_quotes(outlet=query["outlet"][0])
    # The chosen value links back to the list without it; a month sets since and until.
    assert facet_links(narrowed.text, "outlet")[0] == "/"
    role = facet_links(home.text, "role")
    assert role == ["/?role=spokeswoman"] and total_of(big.get(role[0]).text) == 160
    month = facet_links(home.text, "month")[0]
    assert set(parse_qs(urlsplit(month).query)) == {"since", "until"}
    assert 'of 960' in home.text and "1–20" in home.text


def test_form_submissions_redirect_to_clean_urls(client):
    messy = client.get("/", params={"search": "Taliban", "speaker": "", "outlet": "", "since": "", "until": "",
                                    "kind": "", "offset": "0"})
    assert messy.status_code == 303 and messy.headers["location"] == "/?search=Taliban"
    assert client.get("/?search=Taliban").status_code == 200
    assert client.get("/people?q=&sort=quotes").headers["location"] == "/people"
    assert client.get("/diversity?by=outlet&search=").headers["location"] == "/diversity"


def test_empty_results_say_what_to_try_and_offer_no_download(client):
    page = client.get("/", params={"search": "zeppelin", "speaker": "Stoltenberg"})
    assert page.status_code == 200
    assert page.text.count("No quotes match") == 1 and "nothing here" not in page.text
    assert "/api/export" not in page.text
    assert 'href="/?speaker=Stoltenberg"' in page.text and 'href="/?search=zeppelin"' in page.text
    assert "withdraw*" in page.text


def test_paging_past_the_end_links_back(client, big):
    past = big.get("/", params={"offset": 2000})
    assert "0–" not in past.text and "fewer than this page starts at" in past.text
    assert 'href="/?offset=940"' in past.text
    people = client.get("/people", params={"offset": 400})
    assert "Go to the last page" in people.text


def test_date_pickers_and_the_chart_compare_two_outlets(big):
    page = big.get("/", params={"search": "harbour", "compare": "outlet", "line": ["North Wire", "Valley Post"]})
    assert page.status_code == 200
    assert '<input type="date" name="since"' in page.text
    keys = re.findall(r'<g class="series colour-\d" data-key="([^"]+)"', page.text)
    assert keys == ["North Wire", "Valley Post"]
    assert page.text.count("<polyline") == 2
    api = big.get("/api/series", params={"search": "harbour", "compare": "outlet", "line": ["North Wire"]}).json()
    with Corpus(big.app.state.db_path, readonly=True) as corpus:
        assert api["lines"][0]["total"] == corpus.count_quotes(search="harbour", outlet="North Wire", since="1900")
    assert big.get("/", params={"since": "2021-08"}).text.count('<input type="text" name="since"') == 1


def test_facets_and_diversity_api(client, big):
    facets = big.get("/api/facets", params={"kind": "direct"}).json()
    assert facets["total"] == 480 and not facets["estimated"]
    assert {f["value"] for f in facets["facets"]["kind"]} == {"direct"}
    rows = client.get("/api/diversity", params={"by": "month", "speaker": "Stoltenberg"}).json()["items"]
    assert {r["month"] for r in rows} == {"2020-02", "2021-08"} and all(r["male"] == 1 for r in rows)
    table = client.get("/api/diversity.csv", params={"by": "outlet,month"})
    assert table.headers["content-type"].startswith("text/csv")
    assert next(iter(csv.DictReader(io.StringIO(table.text)))).keys() >= {"outlet", "month", "female_share"}
    assert client.get("/api/diversity", params={"by": "colour"}).status_code == 422


def test_diversity_page_shows_sources_and_gender(client):
    page = client.get("/diversity", params={"by": "month"})
    assert page.status_code == 200 and "Whose voices" in page.text
    assert page.text.count('data-kind="share"') >= 4
    assert re.search(r'Jens Stoltenberg</a></td><td class="num">\d+</td>\s*<td class="gender-male">male', page.text)
    assert re.search(r'Ben Wallace</a></td><td class="num">\d+</td>\s*<td class="gender-unknown">unknown', page.text)


@pytest.mark.slow
def test_a_search_past_the_bound_says_its_facets_count_the_newest_matches(huge):
    """A real `quotegraph serve`: a search matching more than facets.NEWEST quotes says "more than",
    and that its facets and chart count the newest NEWEST, on the page and in the JSON; below the
    bound the same page gives the exact total and no such note."""
    from quotegraph.store.facets import NEWEST
    from test_web_server import start_server, stop

    db = huge.app.state.db_path
    with Corpus(db, readonly=True) as corpus:
        assert corpus.count_quotes(search="harbour") > NEWEST
        newest = corpus.quotes(search="harbour", limit=NEWEST)
        exact = corpus.count_quotes(search="harbour", since="2021-12")
        assert 0 < exact <= NEWEST
    server = start_server(db)
    try:
        page = server.request("GET", "/?search=harbour").body.decode()
        assert f'<p class="total"><strong>more than {NEWEST:,}</strong> quotes match' in page
        assert f"the facets and the chart count the newest {NEWEST:,}" in page
        assert f'data-counted="newest">Counted in the newest {NEWEST:,} matches only' in page
        assert f"Quotes per month, the newest {NEWEST:,} matches</h2>" in page
        assert f"1–20 of more than {NEWEST:,}</span>" in page and 'rel="next"' in page
        far = server.request("GET", f"/?search=harbour&offset={NEWEST + 100}").body.decode()
        assert f"{NEWEST + 101:,}–{NEWEST + 120:,} of more than {NEWEST:,}</span>" in far and 'rel="next"' in far
        facets = json.loads(server.request("GET", "/api/facets?search=harbour").body)
        assert facets["counted"] == "newest" and facets["counted_matches"] == NEWEST == facets["total"]
        assert facets["total_exact"] is False and facets["estimated"] is False
        outlets = {v["value"]: v["count"] for v in facets["facets"]["outlet"]}
        assert sum(outlets.values()) == NEWEST
        assert outlets == {o: sum(1 for q in newest if q.outlet == o) for o in outlets}
        below = server.request("GET", "/?search=harbour&since=2021-12").body.decode()
        assert f'<p class="total"><strong>{exact:,}</strong> quote' in below and "Counted in the newest" not in below
        facets = json.loads(server.request("GET", "/api/facets?search=harbour&since=2021-12").body)
        assert facets["counted"] == "all" and facets["total_exact"] is True and facets["total"] == exact
    finally:
        stop(server)


@pytest.mark.slow
def test_downloads_stream_every_row(huge):
    response = huge.get("/api/export/quotes.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 10_400 and len({r["id"] for r in rows}) == 10_400
    data = json.loads(huge.get("/api/export/quotes.json", params={"search": "harbour"}).text)
    with Corpus(huge.app.state.db_path, readonly=True) as corpus:
        assert len(data) == corpus.count_quotes(search="harbour") > 0
    assert huge.get("/api/export/quotes.csv", params={"limit": 10}).text.count("\n") == 11
    assert huge.get("/api/export/quotes.csv", params={"search": '"unclosed'}).status_code == 400


def test_analyze_a_pasted_text_without_storing_it(client, web_store):  # noqa: F811
    before = Corpus(web_store, readonly=True).stats()
    page = client.post("/analyze", data={"text": MINE, "title": "Pier"})
    assert page.status_code == 200
    assert page.text.count('<mark class="quote') == 3 and "Dana Whitfield" in page.text
    assert "not stored" in page.text and "female (1 in the text)" in page.text
    assert Corpus(web_store, readonly=True).stats() == before
    assert client.get("/analyze").status_code == 200


def test_analyze_refuses_other_sites_big_and_empty_texts(client):
    assert client.post("/analyze", data={"text": MINE}, headers={"origin": "https://elsewhere.example"}
                       ).status_code == 403
    assert client.post("/analyze", data={"text": MINE}, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert client.post("/analyze", data={"text": MINE}, headers={"origin": "null"}).status_code == 403
    assert client.post("/analyze", data={"text": MINE}, headers={"origin": "null", "sec-fetch-site": "same-origin"}
                       ).status_code == 200
    too_long = client.post("/analyze", data={"text": "word " * 20_001})
    assert too_long.status_code == 413 and "at most 100,000 can be analysed" in too_long.text
    assert client.post("/analyze", data={"text": "   "}).status_code == 400
    assert client.post("/analyze", content=b"text=hi", headers={"content-type": "text/plain"}).status_code == 415


def _clean_url_as_before(request, **changes):
    """`pages.clean_url_of` as it was before the twelfth round: every parameter encoded for each link."""
    from urllib.parse import urlencode

    from quotegraph.web.params import DEFAULT_LIMIT
    found = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for key, value in changes.items():
        if isinstance(value, (list, tuple)):
            found += [(key, str(v)) for v in value]
        elif value is not None:
            found.append((key, str(value)))
    kept = [(k, v) for k, v in found if str(v).strip() and not (k == "offset" and str(v) == "0")
            and not (k == "limit" and str(v) == str(DEFAULT_LIMIT))]
    return request.url.path + ("?" + urlencode(kept) if kept else "")


CHEAPER_FIRST_VISITS = [
    "/", "/?search=harbour", "/?search=harbour+bridge&outlet=North+Wire", "/?search=storm&since=2020-01&until=2020-01",
    "/?search=budget&kind=direct&offset=20", "/?search=ferry&limit=20&offset=0", "/?search=river&interval=week",
    "/?search=school&compare=outlet&line=Valley+Post&line=North+Wire", "/?search=caf%C3%A9+pier&outlet=A+%26+B%C3%A9",
    "/?speaker=Ada+Quill", "/?role=spokeswoman&search=clinic", "/?search=tunnel&since=&until=&outlet=",
    "/people?search=a&sort=name", "/articles?outlet=Harbour+Times&offset=0", "/diversity?by=month&search=market"]


def test_first_visits_made_cheaper_render_the_same_pages(tmp_path, monkeypatch):
    """Links built from the request's parameters encoded once, and overviews copied without walking
    their frozen values (docs/web.md, twelfth round), give the same bytes as before: each page of a
    generated store rendered by a fresh app with the old link builder and the old field-by-field copy,
    and by one with the new."""
    import copy

    from quotegraph.store.facets import Facets, FacetValue
    from quotegraph.store.series import Line, Series
    from quotegraph.web import pages

    db = tmp_path / "generated.db"
    with Corpus(db) as corpus:
        corpus.add(pairs(180), batch_size=500)
    new = TestClient(create_app(db), follow_redirects=False)
    now = {url: new.get(url) for url in CHEAPER_FIRST_VISITS}
    monkeypatch.setattr(pages, "clean_url_of", _clean_url_as_before)
    for kind in (Facets, FacetValue, Line, Series):
        monkeypatch.delattr(kind, "__deepcopy__")
    old = TestClient(create_app(db), follow_redirects=False)
    for url in CHEAPER_FIRST_VISITS:
        before = old.get(url)
        assert now[url].status_code == before.status_code, url  # 303 to the clean URL, else 200
        assert now[url].headers.get("location") == before.headers.get("location"), url
        assert now[url].text == before.text, url
    monkeypatch.undo()
    with Corpus(db, readonly=True) as corpus:
        for flt in ({"search": "harbour"}, {"search": "storm bridge", "outlet": "North Wire"}, {}):
            found, series = corpus.overview(**flt)
            copied = copy.deepcopy((found, series))
            assert copied == (found, series)
            assert copied[0].facets is not found.facets  # the one part a caller could change is its own
            copied[0].facets.clear()
            assert found.facets and found.total == corpus.overview(**flt)[0].total
