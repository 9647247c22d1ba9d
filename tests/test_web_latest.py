"""The "latest" page and /api/latest over a store filled by a poll of a real server on 127.0.0.1:
the newest statements with their outlets, the feeds followed, the URLs failing and why."""
from __future__ import annotations


import pytest
from fastapi.testclient import TestClient
from fetch_support import OWN_TEXTS, Route, Site, article_page, rss, stub_page

from quotegraph.fetch import FetchOptions, poll
from quotegraph.corpus import Corpus
from quotegraph.web.app import create_app
from test_web_browser import CHROMIUM, SHOTS
from web_support import serving

HOSTILE_OUTLET = "<script>alert('feed')</script> Gazette"


@pytest.fixture(scope="module")
def latest_store(tmp_path_factory):
    site = Site().start()
    try:
        for key in ("harbour", "rail"):
            title, text = OWN_TEXTS[key]
            site.routes[f"/news/{key}"] = Route(article_page(title, text))
        site.routes["/stub"] = Route(stub_page())
        site.routes["/rss.xml"] = Route(rss(HOSTILE_OUTLET, [(site.url("/news/harbour"), None, None),
                                                             (site.url("/stub"), None, None)]))
        site.routes["/later.xml"] = Route(rss("Evening Post", [(site.url("/news/rail"), None, None)]))
        db = tmp_path_factory.mktemp("latest") / "news.db"
        options = FetchOptions(host_interval=0, retries=0)
        with Corpus(db) as corpus:
            poll(corpus, [site.url("/rss.xml")], options=options, force=True)
            poll(corpus, [site.url("/later.xml")], options=options, force=True)
        yield db, site.base
    finally:
        site.stop()


@pytest.fixture(scope="module")
def client(latest_store):
    with TestClient(create_app(latest_store[0]), raise_server_exceptions=False) as c:
        yield c


def test_latest_page_shows_newest_statements_first_with_outlets(client):
    page = client.get("/latest")
    assert page.status_code == 200
    body = page.text
    # The rail story arrived last, so its statement comes first.
    assert body.index("Tomas Eriksen") < body.index("Alice Brennan")
    assert "Evening Post" in body
    assert "<script>alert" not in body and "&lt;script&gt;alert(&#39;feed&#39;)&lt;/script&gt; Gazette" in body
    assert 'href="/latest"' in body  # in the navigation of every page


def test_latest_page_lists_feeds_and_failing_urls_with_reasons(client, latest_store):
    body = client.get("/latest").text
    base = latest_store[1]
    assert f"{base}/rss.xml" in body and f"{base}/later.xml" in body
    assert f"{base}/stub" in body and "no article text found in the HTML page" in body


def test_api_latest_pages_and_reports_fetch_counts(client):
    first = client.get("/api/latest", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["items"][0]["person"] == "Tomas Eriksen"
    assert first["next"] and first["urls"]["article"] == {"done": 2, "failed": 1}
    assert {f["outlet"] for f in first["feeds"]} == {HOSTILE_OUTLET, "Evening Post"}
    second = client.get(first["next"]).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
    assert client.get("/api/latest", params={"limit": 100000}).status_code == 422


def test_first_page_reloads_itself_and_later_pages_do_not(client):
    assert '<meta http-equiv="refresh" content="60">' in client.get("/latest").text
    assert 'http-equiv="refresh"' not in client.get("/latest", params={"offset": 1, "limit": 1}).text


@pytest.mark.slow
@pytest.mark.browser
def test_latest_page_in_a_real_browser(latest_store, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    with serving(latest_store[0]) as base:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                  args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            tab = chromium.new_page(viewport={"width": 1280, "height": 900})
            dialogs = []
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            tab.goto(f"{base}/")
            tab.click("text=Latest")
            tab.wait_for_selector("article.quote-card")
            cards = tab.locator("article.quote-card")
            assert cards.count() >= 2 and "Tomas Eriksen" in cards.first.inner_text()
            assert "Evening Post" in cards.first.inner_text()
            assert "no article text found" in tab.locator("table.failing").inner_text()
            SHOTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(SHOTS / "latest.png"), full_page=True)
            chromium.close()
        assert dialogs == []  # the hostile feed title stayed text
