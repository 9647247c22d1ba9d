"""The person page's neighbourhood picture and the statement page in a real browser (Chromium via
Playwright, `quotegraph serve` in its own process): elements present, links work, no script and no
CSP violation. Screenshots go to artifacts/screenshots/."""
from __future__ import annotations


import pytest

from quotegraph.corpus import Corpus
from quotegraph.pipeline import extract_many
from quotegraph.records import Article
from test_statements import ARTICLES
from test_web_browser import CHROMIUM, browser, page, server, shot  # noqa: F401  (fixtures)
from web_support import serving
from test_web_queries import web_store  # noqa: F401  (fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")]


def test_person_neighbourhood_picture_and_its_links(server, page, web_store):  # noqa: F811
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    with Corpus(web_store, readonly=True) as corpus:
        stoltenberg = corpus.person_id("Jens Stoltenberg")
        wallace = corpus.person_id("Ben Wallace")
    page.goto(f"{server}/people/{stoltenberg}")
    picture = page.locator("svg.network")
    assert picture.count() == 1 and picture.is_visible()
    nodes = picture.locator("a.node")
    labels = [nodes.nth(i).locator("text").text_content() or "" for i in range(nodes.count())]
    assert any(label.startswith("Taliban") for label in labels)
    assert any(label.startswith("Ben Wallace") for label in labels)
    assert picture.locator("a.edge line").count() == nodes.count() - 1  # one line per neighbour
    talks = page.locator("section.talks-about li")
    assert talks.count() >= 3 and "statement" in talks.first.inner_text()
    shot(page, "10-person-neighbourhood.png")

    # An organisation's node lists the quotes about it; Wallace's node is his page.
    picture.locator("a.node", has_text="Taliban").click()
    page.wait_for_url("**/?about=Taliban")
    cards = page.locator(".quote-card")
    assert cards.count() >= 5
    assert any(cards.nth(i).locator("blockquote").inner_text().startswith("the group")
               for i in range(cards.count()))
    page.go_back()
    page.locator("svg.network a.node", has_text="Ben Wallace").click()
    page.wait_for_url(f"**/people/{wallace}")
    by = page.locator("section.talked-about-by li")
    assert by.count() == 1 and "Jens Stoltenberg" in by.first.inner_text()
    by.first.locator("a").click()
    page.wait_for_url(f"**/people/{stoltenberg}")
    assert page.dialogs == [] and not [m for m in console if "Content Security Policy" in m]


def test_statement_page_lists_every_occurrence(server, page, web_store):  # noqa: F811
    with Corpus(web_store, readonly=True) as corpus:
        row = corpus.quotes(speaker="Stoltenberg", limit=1)[0]
        found = corpus.statement(row.statement_id)
    assert found is not None
    statement, occurrences = found
    page.goto(f"{server}/?speaker=Stoltenberg")
    page.locator(f".quote-card[data-quote-id='{row.id}'] a.statement-link").click()
    page.wait_for_url(f"**/statements/{statement.id}")
    assert page.locator("blockquote.statement-text").inner_text().strip() == statement.text.strip()
    cards = page.locator("section.occurrences .quote-card")
    assert cards.count() == len(occurrences) >= 1
    assert page.locator("section.occurrences a.article-link").first.get_attribute("href").startswith("/articles/")
    shot(page, "11-statement.png")
    assert page.goto(f"{server}/statements/999999").status == 404


@pytest.fixture(scope="module")
def outlets_server(tmp_path_factory):
    """`quotegraph serve` over the twelve articles of test_statements (one line in three outlets)."""
    db = tmp_path_factory.mktemp("outlets") / "outlets.db"
    articles = [Article(text=text, title=title, outlet=outlet, published=published)
                for title, outlet, published, text in ARTICLES]
    with Corpus(db) as corpus:
        corpus.add(zip(articles, extract_many(articles)))
    with serving(db) as url:
        yield url, db


def test_a_line_carried_by_three_outlets_from_the_person_page(outlets_server, page):  # noqa: F811
    base, db = outlets_server
    with Corpus(db, readonly=True) as corpus:
        castell = corpus.person_id("Mira Castell")
    page.goto(f"{base}/people/{castell}")
    assert "3 statements (7 quotes" in page.locator("section.neighbourhood p.counts").inner_text()
    carried = page.locator("section.carried li")
    assert carried.count() == 2
    carried.filter(has_text="fuel tax").locator("a.statement-link").click()
    page.wait_for_url("**/statements/*")
    assert page.locator("blockquote.statement-text").inner_text().strip().startswith(
        '"We will not raise the fuel tax this year because families')  # the wording with most words
    lede = page.locator("p.lede").inner_text()
    assert "First seen 2023-03-01 in Alpha Daily" in lede
    assert "4 occurrences in 4 articles from 3 outlets (Alpha Daily, Beta News, Gamma Post)" in " ".join(lede.split())
    cards = page.locator("section.occurrences .quote-card")
    assert cards.count() == 4
    dates = [cards.nth(i).locator("time").inner_text() for i in range(4)]
    assert dates == sorted(dates) and dates[0] == "2023-03-01"
    assert "[sic]" in cards.nth(2).locator("blockquote").inner_text()
    shot(page, "12-statement-three-outlets.png")
