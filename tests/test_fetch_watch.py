"""Polls into a real store from a real HTTP server on 127.0.0.1: feeds of every kind, what the feed
fills in, failures recorded and retried later, conditional GET, and nothing fetched twice."""
from __future__ import annotations

import sqlite3
import time

import pytest
from fetch_support import (OWN_TEXTS, Route, Site, article_page, atom, endless, fail_then_serve, rss,
                           seed_articles, sitemap, sitemap_index, stub_page)

from quotegraph.errors import QuotegraphError
from quotegraph.fetch import FetchOptions, poll, watch
from quotegraph.corpus import Corpus
from quotegraph.store import SCHEMA_VERSION
from quotegraph.store import urls as url_state

FAST = FetchOptions(host_interval=0, timeout=0.4, retries=1, backoff=0.05, retry_after=600, max_bytes=2_000_000)
ARTICLE_PATHS = ["/news/harbour", "/news/rail", "/world/000", "/world/003", "/maps/library", "/maps/bridge"]
TROUBLE = {"/t/slow": "timed out", "/t/stub": "no article text", "/t/doc.pdf": "not an HTML page",
           "/t/gone": "HTTP 404", "/private/secret": "disallowed by robots.txt", "/t/huge": "too large"}


def build_site() -> Site:
    site = Site().start()
    r = site.routes
    r["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    # RSS: our own articles; the pages carry their title and site name but no date.
    for key in ("harbour", "rail"):
        title, text = OWN_TEXTS[key]
        r[f"/news/{key}"] = Route(article_page(title, text, site="Town Gazette", author="Jo Reporter"))
    r["/rss.xml"] = Route(rss("Town Gazette", [(site.url("/news/harbour"), "Harbour (feed)", "Mon, 30 Nov 2026 10:00:00 GMT"),
                                               (site.url("/news/rail"), "Rail (feed)", "Fri, 27 Nov 2026 18:00:00 GMT")]),
                          content_type="application/rss+xml", etag='"rss-1"')
    # Atom: the seed articles on pages without title, date or site name; the feed has all three.
    seeds = seed_articles()
    for key, (_, text) in seeds.items():
        r[f"/world/{key}"] = Route(article_page(None, text))
    r["/atom.xml"] = Route(atom("World Desk", [(site.url("/world/000"), "NATO chief on Afghanistan", "2021-08-18T10:00:00Z"),
                                               (site.url("/world/003"), "NATO ministers meet", "2020-02-16T09:00:00Z")]),
                           content_type="application/atom+xml")
    # A sitemap index with two sitemaps.
    for key in ("library", "bridge"):
        title, text = OWN_TEXTS[key]
        r[f"/maps/{key}"] = Route(article_page(title, text, site="County Courier", date="2026-11-23"))
    r["/sitemap_index.xml"] = Route(sitemap_index([site.url("/sm/1.xml"), site.url("/sm/2.xml")]),
                                    content_type="application/xml")
    r["/sm/1.xml"] = Route(sitemap([(site.url("/maps/library"), "2026-11-23")]), content_type="application/xml")
    r["/sm/2.xml"] = Route(sitemap([(site.url("/maps/bridge"), None)]), content_type="application/xml")
    # A feed of trouble: each page fails its own way, except the flaky one, which a retry fixes.
    r["/t/slow"] = Route(article_page("Slow", OWN_TEXTS["rail"][1]), delay=2)
    r["/t/flaky"] = Route(handler=fail_then_serve(1, article_page("Flaky", OWN_TEXTS["bridge"][1] + "\n\nUpdated.")))
    r["/t/stub"] = Route(stub_page())
    r["/t/doc.pdf"] = Route(b"%PDF-1.4 not a page", content_type="application/pdf")
    r["/t/huge"] = Route(handler=endless(50_000_000))
    r["/private/secret"] = Route(article_page("Secret", OWN_TEXTS["harbour"][1]))
    r["/trouble.xml"] = Route(rss("Trouble Times", [(site.url(p), None, None) for p in
                                                    ["/t/slow", "/t/flaky", "/t/stub", "/t/doc.pdf", "/t/gone",
                                                     "/private/secret", "/t/huge"]]),
                              content_type="application/rss+xml")
    return site


FEEDS = ("/rss.xml", "/atom.xml", "/sitemap_index.xml")


@pytest.fixture
def site():
    running = build_site()
    yield running
    running.stop()


def _poll(corpus, site, paths=FEEDS, **kwargs):
    kwargs.setdefault("options", FAST)
    kwargs.setdefault("force", True)
    return poll(corpus, [site.url(p) for p in paths], **kwargs)


def test_feeds_of_every_kind_bring_their_articles_with_the_feed_filling_in(tmp_path, site):
    with Corpus(tmp_path / "news.db") as corpus:
        report = _poll(corpus, site)
        articles = {row.url.removeprefix(site.base): row for row in corpus.articles(limit=50)}
        harbour = corpus.article(articles["/news/harbour"].id)
        brennan = corpus.quotes(speaker="Brennan")
        stoltenberg = corpus.quotes(speaker="Stoltenberg", limit=100)
    assert sorted(articles) == sorted(ARTICLE_PATHS)
    assert report.ingest.new == 6 and report.pages == 6 and report.failed == 0
    assert report.sources == 5 and report.links_new == 6  # 3 feeds + 2 sitemaps read; 6 new article links
    # The page's own title and site name win; the feed's date fills in where the page has none.
    assert (articles["/news/harbour"].title, articles["/news/harbour"].outlet,
            articles["/news/harbour"].published) == ("Harbour plan approved", "Town Gazette", "2026-11-30")
    assert harbour.authors == ("Jo Reporter",)
    # Pages that say nothing about themselves get the feed's title, date and name.
    assert (articles["/world/000"].title, articles["/world/000"].outlet, articles["/world/000"].published) == (
        "NATO chief on Afghanistan", "World Desk", "2021-08-18")
    assert articles["/world/003"].published == "2020-02-16"
    assert articles["/maps/library"].outlet == "County Courier" and articles["/maps/library"].published == "2026-11-23"
    # And what is stored is extracted as any ingested article is.
    assert [q.person for q in brennan] and all(q.person == "Alice Brennan" for q in brennan)
    assert {q.article_id for q in stoltenberg} == {articles["/world/000"].id, articles["/world/003"].id}


def test_a_second_poll_fetches_no_article_again_and_gets_304_for_the_feed(tmp_path, site):
    with Corpus(tmp_path / "news.db") as corpus:
        first = _poll(corpus, site)
        second = _poll(corpus, site)
        rows = corpus.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert first.ingest.new == 6 and second.ingest.new == 0 and second.pages == 0 and rows == 6
    assert all(site.hits(p) == 1 for p in ARTICLE_PATHS)
    assert [h.headers.get("if-none-match") for h in site.log if h.path == "/rss.xml"] == [None, '"rss-1"']
    assert second.unchanged == 5  # a 304 for the RSS feed, the same bytes for the others
    assert "5 read (5 unchanged, 0 failed)" in second.summary()


def test_a_changed_feed_brings_only_its_new_article(tmp_path, site):
    with Corpus(tmp_path / "news.db") as corpus:
        _poll(corpus, site)
        title, text = OWN_TEXTS["library"]
        text += "\n\nThe library will lend tools as well as books, Natarajan said."
        site.routes["/news/library"] = Route(article_page(title, text, site="Town Gazette"))
        site.routes["/rss.xml"] = Route(rss("Town Gazette", [(site.url("/news/library"), None, None),
                                                             (site.url("/news/harbour"), None, None)]),
                                        content_type="application/rss+xml", etag='"rss-2"')
        report = _poll(corpus, site, paths=("/rss.xml",))
    assert report.links_new == 1 and report.pages == 1 and report.ingest.new == 1
    assert report.ingest.near_duplicates == 1  # the sitemap's library story, with a paragraph more
    assert site.hits("/news/harbour") == 1 and site.hits("/news/library") == 1


def test_failures_are_recorded_with_their_reason_and_retried_later(tmp_path, site):
    db = tmp_path / "news.db"
    with Corpus(db) as corpus:
        report = _poll(corpus, site, paths=("/trouble.xml",))
        states = {row.url.removeprefix(site.base): row for row in corpus.fetch_urls(kind="article", limit=100)}
        failures = {f["source"].removeprefix(site.base): f["reason"] for f in corpus.failures(report.ingest.run_id)}
    assert report.ingest.new == 1 and states["/t/flaky"].status == "done"  # the 500 was retried at once
    assert report.pages_failed == len(TROUBLE) and report.failed == len(TROUBLE)
    for path, reason in TROUBLE.items():
        assert states[path].status == "failed" and reason in states[path].reason, path
        assert reason in failures[path], path  # also in the run's failures (`quotegraph runs --failures`)
        assert states[path].attempts == 1 and states[path].next_fetch > url_state.stamp()
    assert states["/t/gone"].http_status == 404 and site.hits("/private/secret") == 0
    assert site.sent.get("/t/huge", 0) < 20_000_000

    # Polled again at once, nothing that failed is asked for again: it is not due yet.
    before = {p: site.hits(p) for p in TROUBLE}
    with Corpus(db) as corpus:
        _poll(corpus, site, paths=("/trouble.xml",))
    assert {p: site.hits(p) for p in TROUBLE} == before

    # Once due (the clock moved past the retry time), each is tried again; the stub became an article.
    title, text = OWN_TEXTS["library"]
    site.routes["/t/stub"] = Route(article_page(title, text))
    with Corpus(db) as corpus:
        later = _poll(corpus, site, paths=("/trouble.xml",), clock=lambda: time.time() + 700)
        stub = url_state.get(corpus.conn, site.url("/t/stub"))
        gone = url_state.get(corpus.conn, site.url("/t/gone"))
    assert later.ingest.new == 1 and stub.status == "done" and stub.attempts == 0
    assert gone.status == "failed" and gone.attempts == 2
    assert all(site.hits(p) > before[p] for p in TROUBLE if p != "/private/secret")


def test_a_url_that_keeps_failing_is_given_up(tmp_path, site):
    options = FetchOptions(host_interval=0, retries=0, retry_after=1, max_attempts=2)
    with Corpus(tmp_path / "news.db") as corpus:
        _poll(corpus, site, paths=("/t/gone",), given=True, options=options)
        _poll(corpus, site, paths=("/t/gone",), given=True, options=options)
        row = url_state.get(corpus.conn, site.url("/t/gone"))
        assert corpus.fetch_urls(status="gave_up")[0].url == row.url
    assert row.status == "gave_up" and row.attempts == 2


def test_given_urls_may_be_pages_feeds_or_sitemaps_and_are_fetched_once(tmp_path, site):
    with Corpus(tmp_path / "news.db") as corpus:
        first = _poll(corpus, site, paths=("/news/rail", "/sitemap_index.xml"), given=True)
        again = _poll(corpus, site, paths=("/news/rail", "/sitemap_index.xml"), given=True)
        kinds = {row.url.removeprefix(site.base): row.kind for row in corpus.fetch_urls(limit=100)}
    assert first.ingest.new == 3 and again.ingest.new == 0 and again.already_stored == 1
    assert kinds["/news/rail"] == "article" and kinds["/sitemap_index.xml"] == "feed"
    assert site.hits("/news/rail") == 1 and site.hits("/maps/bridge") == 1
    # Only what the given sources list is fetched: the other feeds' articles are not.
    assert site.hits("/news/harbour") == 0


def test_leases_of_a_dead_process_are_taken_over(tmp_path, site):
    db = tmp_path / "news.db"
    dead = "nowhere-host:1:0"
    with Corpus(db) as corpus:
        url_state.add_sources(corpus.conn, [site.url("/rss.xml")], "feed")
        url_state.add_links(corpus.conn, site.url("/rss.xml"), "Town Gazette",
                            [url_state.Listed(site.url("/news/harbour")), url_state.Listed(site.url("/news/rail"))])
        taken = url_state.claim(corpus.conn, dead, kinds=("article",), limit=10, lease_seconds=3600, at=time.time())
        url_state.record_fetched(corpus.conn, site.url("/news/rail"), dead, article_id="0" * 16,
                                 content_hash="x", http_status=200, at=time.time())
        assert len(taken) == 2
        # The owner is alive as far as anyone on this host can tell (another host): nothing moves.
        report = _poll(corpus, site, paths=("/rss.xml",))
        assert report.pages == 0
        # Its leases run out: the pages are fetched (the one "fetched" but never stored, too).
        corpus.conn.execute("UPDATE fetch_urls SET lease_until = '2000-01-01' WHERE lease_owner = ?", (dead,))
        assert url_state.release_dead(corpus.conn, lambda owner: owner == dead) == 2
        report = _poll(corpus, site, paths=("/rss.xml",))
    assert report.pages == 2 and report.ingest.new == 2


def test_migration_6_adds_the_fetch_table_to_an_older_store(tmp_path):
    db = tmp_path / "old.db"
    Corpus(db).close()
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE fetch_urls")
    conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Corpus(db) as corpus:
        assert corpus.fetch_counts() == {}
        version = corpus.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    assert version == str(SCHEMA_VERSION)  # 6, and the migrations after it


def test_the_watch_loop_polls_on_schedule_with_conditional_gets(tmp_path, site):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/rss.xml')}\n", encoding="utf-8")
    now = {"t": time.time()}
    polls = []

    def sleep(seconds):
        now["t"] += seconds

    with Corpus(tmp_path / "news.db") as corpus:
        watch(corpus, feeds, every=900, on_poll=polls.append, options=FAST, sleep=sleep,
              clock=lambda: now["t"], should_stop=lambda: len(polls) >= 3)
    assert len(polls) == 3
    assert [p.sources for p in polls] == [1, 1, 1] and [p.unchanged for p in polls] == [0, 1, 1]
    assert polls[0].ingest.new == 2 and polls[1].ingest.new == 0 and polls[2].pages == 0
    assert [h.headers.get("if-none-match") for h in site.log if h.path == "/rss.xml"] == [None, '"rss-1"', '"rss-1"']
    assert site.hits("/news/harbour") == 1 and site.hits("/news/rail") == 1


def test_a_failing_feed_is_never_given_up_and_is_retried_by_its_next_poll(tmp_path, site):
    site.routes["/down.xml"] = Route(b"busy", status=503)
    options = FetchOptions(host_interval=0, retries=0, retry_after=3600, max_attempts=2)
    with Corpus(tmp_path / "news.db") as corpus:
        for _ in range(3):
            report = _poll(corpus, site, paths=("/down.xml",), options=options, every=60)
        row = url_state.get(corpus.conn, site.url("/down.xml"))
    assert report.sources_failed == 1 and "HTTP 503" in report.failures[0][1]
    assert row.kind == "feed" and row.status == "failed" and row.attempts == 3
    assert row.next_fetch <= url_state.stamp(time.time() + 61)  # its next poll, not an hour away


def test_a_url_failing_with_no_retry_delay_is_tried_once_per_poll(tmp_path, site):
    options = FetchOptions(host_interval=0, timeout=0.4, retries=0, retry_after=0, max_attempts=10)
    with Corpus(tmp_path / "news.db") as corpus:
        report = _poll(corpus, site, paths=("/trouble.xml",), options=options)
        again = _poll(corpus, site, paths=("/trouble.xml",), options=options)
    # Without a retry, the flaky page fails once, then comes through on the next poll.
    assert report.pages_failed == len(TROUBLE) + 1 and again.pages_failed == len(TROUBLE) and again.pages == 1
    assert all(site.hits(p) == 2 for p in TROUBLE if p != "/private/secret")


def test_the_loop_survives_a_later_poll_failing_but_not_the_first(tmp_path, site):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/rss.xml')}\n", encoding="utf-8")
    now = {"t": time.time()}
    polls, errors = [], []

    def sleep(seconds):
        now["t"] += seconds
        if len(polls) == 1 and not errors:
            feeds.write_text("not a url\n", encoding="utf-8")  # someone is editing it
        elif errors:
            feeds.write_text(f"{site.url('/rss.xml')}\n", encoding="utf-8")

    with Corpus(tmp_path / "news.db") as corpus:
        watch(corpus, feeds, every=60, on_poll=polls.append, on_error=errors.append, options=FAST, sleep=sleep,
              clock=lambda: now["t"], should_stop=lambda: len(polls) >= 2)
        assert len(polls) == 2 and len(errors) == 1 and "not an http(s) URL" in str(errors[0])
        feeds.write_text("not a url\n", encoding="utf-8")
        with pytest.raises(QuotegraphError, match="not an http"):
            watch(corpus, feeds, every=60, on_error=errors.append, options=FAST)
