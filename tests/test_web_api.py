"""The JSON API and the pages over a real store, through FastAPI's TestClient: every endpoint, bad
parameters answered with 4xx (never 500), escaping, security headers, the token guard, `serve`."""
from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from quotegraph.cli import main
from quotegraph.cli.serve import is_loopback
from quotegraph.corpus import Corpus
from quotegraph.web.app import TOKEN_COOKIE, create_app
from test_web_queries import XSS_NAME, XSS_OUTLET, XSS_TITLE, web_store  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def client(web_store):  # noqa: F811
    with TestClient(create_app(web_store), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def ids(web_store):  # noqa: F811
    with Corpus(web_store, readonly=True) as corpus:
        stoltenberg = corpus.people(search="Stoltenberg", limit=1)[0].id
        mallory = corpus.people(search="Mallory", limit=1)[0].id
        seed = corpus.quotes(speaker="Stoltenberg", since="2021-08-18", until="2021-08-18", limit=1)[0].article_id
        hostile = corpus.quotes(speaker="Mallory", limit=1)[0].article_id
    return {"stoltenberg": stoltenberg, "mallory": mallory, "seed_article": seed, "hostile_article": hostile}


def test_quotes_search_filters_and_pages(client):
    body = client.get("/api/quotes", params={"search": "Taliban", "limit": 2}).json()
    assert body["total"] >= 2 and len(body["items"]) == 2
    assert all("taliban" in q["text"].lower() for q in body["items"])
    following = client.get(body["next"]).json()
    assert following["offset"] == 2
    assert not {q["id"] for q in following["items"]} & {q["id"] for q in body["items"]}
    card = body["items"][0]
    assert {"text", "person", "person_id", "role", "outlet", "published", "article_id", "start", "end"} <= card.keys()


def test_quotes_filters_combine(client):
    every = client.get("/api/quotes", params={"speaker": "Stoltenberg", "limit": 200}).json()
    assert every["total"] == len(every["items"]) > 0
    dates = {q["said_on"][:7] for q in every["items"] if q["said_on"]}
    assert {"2020-02", "2021-08"} <= dates
    narrowed = client.get("/api/quotes", params={"speaker": "Stoltenberg", "since": "2021-08", "until": "2021-08",
                                                 "kind": "direct", "limit": 200}).json()
    assert 0 < narrowed["total"] < every["total"]
    assert all(q["kind"] == "direct" and q["said_on"].startswith("2021-08") for q in narrowed["items"])
    by_outlet = client.get("/api/quotes", params={"outlet": XSS_OUTLET}).json()
    assert by_outlet["total"] >= 1 and all(q["outlet"] == XSS_OUTLET for q in by_outlet["items"])


def test_people_person_articles_article(client, ids):
    people = client.get("/api/people", params={"limit": 1}).json()
    assert len(people["items"]) == 1 and people["next"]
    assert client.get("/api/people", params={"search": "stoltenberg"}).json()["items"][0]["id"] == ids["stoltenberg"]
    person = client.get(f"/api/people/{ids['stoltenberg']}").json()
    assert person["name"].endswith("Stoltenberg") and len(person["articles"]) == 2
    assert person["roles"] and person["aliases"] and person["monthly"]
    articles = client.get("/api/articles").json()["items"]
    assert {a["id"] for a in articles} >= {ids["seed_article"], ids["hostile_article"]}
    article = client.get(f"/api/articles/{ids['seed_article']}").json()
    assert article["quotes"] and article["people"] and article["boilerplate"]
    for quote in article["quotes"]:
        assert article["text"][quote["start"]:quote["end"]] == quote["text"]


@pytest.mark.parametrize("path, params", [
    ("/api/quotes", {"limit": -1}),
    ("/api/quotes", {"limit": 0}),
    ("/api/quotes", {"limit": 100_000}),
    ("/api/quotes", {"limit": "ten"}),
    ("/api/quotes", {"offset": -5}),
    ("/api/quotes", {"since": "2021-13-01"}),
    ("/api/quotes", {"until": "18/08/2021"}),
    ("/api/quotes", {"since": "2021-09", "until": "2021-08"}),
    ("/api/quotes", {"kind": "rumour"}),
    ("/api/quotes", {"search": '"unbalanced'}),
    ("/api/quotes", {"search": "Taliban AND"}),
    ("/api/quotes", {"search": "((("}),
    ("/api/quotes", {"search": "x" * 201}),
    ("/api/quotes", {"speaker": "y" * 5000}),
    ("/api/people", {"limit": 1000}),
    ("/api/people", {"search": "z" * 201}),
    ("/api/articles", {"offset": 10**9}),
    ("/api/export/quotes.csv", {"limit": 10**6}),
    ("/api/export/quotes.json", {"search": "NEAR("}),
    ("/api/people/not-a-number", {}),
])
def test_bad_parameters_are_4xx_with_a_json_error(client, path, params):
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, response.text
    error = response.json()["error"]
    assert error["message"] and error["code"]


def test_unknown_ids_are_404(client):
    assert client.get("/api/people/999999").status_code == 404
    assert client.get("/api/articles/0000000000000000").status_code == 404
    assert client.get("/people/999999").status_code == 404
    assert "Not found" in client.get("/articles/nope").text


def test_bad_parameters_on_pages_are_a_400_page_with_the_reason(client):
    response = client.get("/", params={"search": '"Taliban'})
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert "cannot search" in response.text and "unterminated" in response.text
    assert client.get("/", params={"limit": -1}).status_code == 400


def test_exports_match_the_api(client):
    api = client.get("/api/quotes", params={"speaker": "Stoltenberg", "limit": 200}).json()
    as_json = client.get("/api/export/quotes.json", params={"speaker": "Stoltenberg"})
    assert "attachment" in as_json.headers["content-disposition"]
    # A whole download streams every row in store order; a page of one (limit) is the listing's page.
    assert [q["id"] for q in as_json.json()] == sorted(q["id"] for q in api["items"])
    as_csv = client.get("/api/export/quotes.csv", params={"speaker": "Stoltenberg"})
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [int(r["id"]) for r in rows] == sorted(q["id"] for q in api["items"])
    assert rows[0]["person"].endswith("Stoltenberg")
    paged = client.get("/api/export/quotes.csv", params={"speaker": "Stoltenberg", "limit": 5, "offset": 2})
    assert [int(r["id"]) for r in csv.DictReader(io.StringIO(paged.text))] == [q["id"] for q in api["items"][2:7]]


def test_csv_export_defuses_formulas(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/quotes.csv").text)))
    assert rows and not any(v[:1] in "=+-@" for row in rows for v in row.values() if v)


def test_openapi_schema_documents_the_filters(client):
    schema = client.get("/api/openapi.json").json()
    names = {p["name"] for p in schema["paths"]["/api/quotes"]["get"]["parameters"]}
    assert {"speaker", "search", "outlet", "since", "until", "kind", "limit", "offset"} <= names
    assert {"/api/people", "/api/people/{person_id}", "/api/articles", "/api/articles/{article_id}",
            "/api/export/quotes.csv", "/api/export/quotes.json"} <= schema["paths"].keys()


def test_pages_render_and_link_permalinks(client, ids):
    search = client.get("/", params={"search": "Taliban", "limit": 1})
    assert search.status_code == 200 and search.text.count('class="quote-card"') == 1
    assert 'rel="next"' in search.text and "search=Taliban" in search.text
    assert '/api/export/quotes.csv?search=Taliban' in search.text
    person = client.get(f"/people/{ids['stoltenberg']}").text
    assert person.count('class="timeline-entry"') == 2 and "<svg" in person and 'class="bar"' in person
    article = client.get(f"/articles/{ids['seed_article']}").text
    assert 'class="quote' in article and "<details" in article
    assert "Stoltenberg" in client.get("/people").text
    assert ids["seed_article"] in client.get("/articles").text


def test_security_headers_on_every_response(client):
    for path in ("/", "/api/quotes", "/static/style.css", "/nope"):
        headers = client.get(path).headers
        assert "script-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


class Markup(HTMLParser):
    """Every tag and attribute as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_hostile_text_is_escaped_in_every_page(client, ids):
    pages = ["/", "/?speaker=Mallory", "/people", f"/people/{ids['mallory']}", "/articles",
             f"/articles/{ids['hostile_article']}", "/?" + urlencode({"outlet": XSS_OUTLET})]
    for path in pages:
        parser = Markup()
        parser.feed(client.get(path).text)
        tags = {tag for tag, _ in parser.tags}
        assert not tags & {"script", "img", "b", "iframe"}, path
        assert all(("class", "chart") in pairs for tag, pairs in parser.tags if tag == "svg"), path
        attrs = [(name, value or "") for _, pairs in parser.tags for name, value in pairs]
        assert not [name for name, _ in attrs if name.startswith("on") or name in ("autofocus", "src")], path
        assert not [v for name, v in attrs if name == "href" and v.strip().lower().startswith("javascript")], path
    article = client.get(f"/articles/{ids['hostile_article']}").text
    assert "&lt;script&gt;" in article and "&lt;img src=x" in article
    assert XSS_NAME not in article and "Mallory&#34;&gt;&lt;img" in article
    assert XSS_TITLE not in client.get("/articles").text


@pytest.fixture(scope="module")
def guarded(web_store):  # noqa: F811
    with TestClient(create_app(web_store, token="s3cret"), raise_server_exceptions=False) as c:
        yield c


def test_token_is_required_when_configured(guarded):
    denied = guarded.get("/api/quotes")
    assert denied.status_code == 401 and denied.json()["error"]["code"] == "unauthorised"
    assert guarded.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/api/quotes", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert guarded.get("/static/style.css").status_code == 401
    assert guarded.get("/static/style.css", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_token_in_the_url_is_traded_for_a_cookie(guarded):
    guarded.cookies.clear()
    first = guarded.get("/people?token=s3cret&limit=5", follow_redirects=False)
    assert first.status_code == 303 and "token" not in first.headers["location"]
    assert "limit=5" in first.headers["location"] and TOKEN_COOKIE in first.headers["set-cookie"]
    assert "httponly" in first.headers["set-cookie"].lower() and "secure" not in first.headers["set-cookie"].lower()
    assert "s3cret" not in first.headers["set-cookie"]
    assert guarded.get("/people").status_code == 200
    guarded.cookies.clear()
    assert guarded.get("/people?token=wrong").status_code == 401


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.3.2.1", True), ("localhost", True),
                                            ("::1", True), ("[::1]", True), ("0.0.0.0", False),
                                            ("::", False), ("192.168.1.10", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("token", ["a", " ", "s3cret", "aaaaaaaaaaaaaaaaaaaa", " padded-but-long-enough-token "])
def test_serve_refuses_a_public_host_with_a_weak_token(web_store, capsys, monkeypatch, token):  # noqa: F811
    monkeypatch.delenv("QUOTEGRAPH_TOKEN", raising=False)
    assert main(["serve", "--db", str(web_store), "--host", "0.0.0.0", "--token", token]) == 2
    err = capsys.readouterr().err
    assert "token" in err and "serving" not in err and err.count("\n") == 1


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path, capsys):
    bogus = tmp_path / "not.db"
    bogus.write_text("hello")
    assert main(["serve", "--db", str(bogus)]) == 2
    assert "not.db" in capsys.readouterr().err
