"""The web UI in a real browser: `quotegraph serve` in its own process, Debian's headless Chromium
driven by Playwright. Screenshots go to artifacts/screenshots/ for people to look at."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from quotegraph.corpus import Corpus
from test_web_queries import XSS_OUTLET, web_store  # noqa: F401  (fixture)
from web_support import free_port, serving  # noqa: F401  (free_port for the other browser tests)

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                                 "(/usr/bin/chromium); `make browser` installs it")]


@pytest.fixture(scope="module")
def server(web_store):  # noqa: F811
    """`quotegraph serve` on a free loopback port, stopped after the module."""
    with serving(web_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()


def shot(tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / name), full_page=True)


def test_search_person_article_journey(server, page, web_store):  # noqa: F811
    page.goto(server + "/")
    page.fill("input[name=search]", "Taliban")
    page.click("button[type=submit]")
    page.wait_for_url("**/?*search=Taliban*")
    cards = page.locator(".quote-card")
    assert cards.count() >= 1
    for i in range(cards.count()):
        assert "taliban" in cards.nth(i).locator("blockquote").inner_text().lower()
    shot(page, "01-search-taliban.png")

    page.locator("a.speaker", has_text="Stoltenberg").first.click()
    page.wait_for_url("**/people/*")
    assert "Stoltenberg" in page.locator("h1").inner_text()
    entries = page.locator(".timeline-entry")
    assert entries.count() == 2
    dates = {entries.nth(i).locator("time").inner_text() for i in range(2)}
    assert dates == {"2021-08-18", "2020-02-16"}
    assert page.locator("svg.chart rect.bar").count() >= 2
    shot(page, "02-person-stoltenberg.png")

    entries.filter(has_text="2021-08-18").locator("a").click()
    page.wait_for_url("**/articles/*")
    article_id = page.url.rsplit("/", 1)[1].split("#")[0]
    with Corpus(web_store, readonly=True) as corpus:
        stored = corpus.article(article_id)
    marks = page.locator("mark.quote")
    assert marks.count() >= len(stored.quotes) > 0  # a quote crossing a line break is drawn in pieces
    first = stored.quotes[0]
    assert page.locator(f"#q{first.id}").inner_text() in first.text
    assert page.locator(f"#q{first.id}").get_attribute("data-speaker") == (first.person or first.speaker)
    page.locator("details.boilerplate summary").click()
    assert page.locator("details.boilerplate li").first.is_visible()
    page.locator(f"#q{first.id}").hover()
    shot(page, "03-article-highlighted.png")
    assert page.dialogs == []


def test_pages_read_without_javascript(server, browser, web_store):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "/?" + urlencode({"speaker": "Stoltenberg"}))
    assert tab.locator(".quote-card").count() > 0
    tab.locator(".quote-card a.article-link").first.click()
    # The click starts a navigation and returns: wait for the article page before counting on it.
    tab.wait_for_url("**/articles/**")
    tab.locator("mark.quote").first.wait_for()
    assert tab.locator("mark.quote").count() > 0
    context.close()


def test_hostile_article_renders_inert_everywhere(server, page, web_store):  # noqa: F811
    with Corpus(web_store, readonly=True) as corpus:
        mallory = corpus.people(search="Mallory", limit=1)[0].id
        hostile = [a.id for a in corpus.articles(outlet=XSS_OUTLET, limit=5)]
    assert len(hostile) == 2
    paths = ["/", "/?speaker=Mallory", "/?" + urlencode({"outlet": XSS_OUTLET}), "/people",
             f"/people/{mallory}", "/articles"] + [f"/articles/{a}" for a in hostile]
    for path in paths:
        page.goto(server + path)
        injected = page.evaluate("""() => ({
            xss: window.__xss === undefined ? null : String(window.__xss),
            scripts: document.scripts.length,
            images: document.images.length,
            svgs: [...document.querySelectorAll('svg')].filter(s => !s.classList.contains('chart')).length,
            handlers: [...document.querySelectorAll('*')].flatMap(
                e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
            jsLinks: [...document.links].filter(a => a.protocol === 'javascript:').length,
        })""")
        assert injected == {"xss": None, "scripts": 0, "images": 0, "svgs": 0, "handlers": [], "jsLinks": 0}, path
        if page.locator("mark.quote").count():
            page.locator("mark.quote").first.hover()  # :hover shows the speaker: still text only
    body = page.locator("main").inner_text()
    assert "<script>" in body and "onerror=" in body  # shown as text, not dropped
    shot(page, "04-xss-article-inert.png")
    assert page.dialogs == []
