"""`quotegraph watch`, `runs` and `ingest URL` as users run them: real processes, a real server on
127.0.0.1, a real store; a watch killed with SIGKILL mid-poll and restarted loses and doubles nothing."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fetch_support import OWN_TEXTS, Route, Site, article_page, rss, seed_articles, stub_page

from quotegraph.cli import build_parser, main
from quotegraph.fetch import FetchOptions, poll
from quotegraph.corpus import Corpus, ExtractOptions

QUOTEGRAPH = [sys.executable, "-m", "quotegraph.cli"]
FAST_FLAGS = ["--host-interval", "0", "--timeout", "5", "--retries", "1", "--backoff", "0.05"]
POLL_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ feeds: \d+ read \(\d+ unchanged, \d+ failed\), \d+ new links; "
                       r"pages: \d+ fetched, \d+ failed \(retried later\); articles: \d+ new, \d+ duplicate; .* s$")


def build_site(delay: float = 0.0) -> tuple[Site, list[str]]:
    """Six articles (four of ours, the two seeds) in one RSS feed, each page `delay` s slow."""
    site = Site().start()
    paths = []
    for key, (title, text) in OWN_TEXTS.items():
        site.routes[f"/news/{key}"] = Route(article_page(title, text, site="Town Gazette", date="2026-11-30"),
                                            delay=delay)
        paths.append(f"/news/{key}")
    for key, (_, text) in seed_articles().items():
        site.routes[f"/world/{key}"] = Route(article_page(None, text), delay=delay)
        paths.append(f"/world/{key}")
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    site.routes["/rss.xml"] = Route(rss("Town Gazette", [(site.url(p), f"Feed title {p}", "Tue, 01 Dec 2026 08:00:00 GMT")
                                                         for p in paths]),
                                    content_type="application/rss+xml", etag='"v1"')
    return site, paths


@pytest.fixture
def site_and_paths():
    site, paths = build_site()
    yield site, paths
    site.stop()


def feed_file(tmp_path: Path, site: Site) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text(f"# our test outlet\n\n{site.url('/rss.xml')}   # Town Gazette\n", encoding="utf-8")
    return path


def run(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([*QUOTEGRAPH, *args], capture_output=True, text=True, timeout=timeout)


def rowsets(db: Path) -> dict[str, set]:
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": set(conn.execute("SELECT id, url, outlet, title, published, text FROM articles")),
            "quotes": set(conn.execute('SELECT article_id, start, "end", text, kind, speaker, person FROM quotes')),
            "people": set(conn.execute("SELECT name, kind FROM people")),
            "mentions": set(conn.execute('SELECT article_id, start, "end", label FROM mentions')),
            "urls": set(conn.execute("SELECT url, kind, status, article_id FROM fetch_urls")),
        }
    finally:
        conn.close()


def count_rows(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_two_watch_once_runs_fetch_each_article_once(tmp_path, site_and_paths):
    site, paths = site_and_paths
    feeds, db = feed_file(tmp_path, site), tmp_path / "news.db"
    first = run("watch", str(feeds), "--db", str(db), "--once", *FAST_FLAGS)
    second = run("watch", str(feeds), "--db", str(db), "--once", *FAST_FLAGS)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    lines = first.stdout.strip().splitlines() + second.stdout.strip().splitlines()
    assert len(lines) == 2 and all(POLL_LINE.match(line) for line in lines), lines
    assert "pages: 6 fetched" in lines[0] and "articles: 6 new" in lines[0]
    assert "1 unchanged" in lines[1] and "pages: 0 fetched" in lines[1] and "articles: 0 new" in lines[1]
    assert all(site.hits(p) == 1 for p in paths)
    assert [h.headers.get("if-none-match") for h in site.log if h.path == "/rss.xml"] == [None, '"v1"']
    assert count_rows(db, "articles") == 6


@pytest.mark.slow
def test_kill_9_mid_poll_then_restart_loses_nothing_and_doubles_nothing(tmp_path):
    site, paths = build_site(delay=0.5)
    try:
        # What one uninterrupted poll stores: the reference.
        reference = tmp_path / "reference.db"
        with Corpus(reference) as corpus:
            poll(corpus, [site.url("/rss.xml")], force=True,
                 options=FetchOptions(host_interval=0, timeout=5, concurrency=1), extract=ExtractOptions(batch_size=1))
        site.log.clear()

        feeds, db = feed_file(tmp_path, site), tmp_path / "news.db"
        args = ["watch", str(feeds), "--db", str(db), "--once", "--concurrency", "1", "--batch-size", "1", *FAST_FLAGS]
        process = subprocess.Popen([*QUOTEGRAPH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            try:
                stored = count_rows(db, "articles")
            except sqlite3.Error:
                stored = 0
            if stored >= 2:
                break
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        at_kill = rowsets(db)
        assert 2 <= len(at_kill["articles"]) < 6, "the poll was not interrupted mid-way"
        stored_urls = {row[1] for row in at_kill["articles"]}

        restart = run(*args)
        assert restart.returncode == 0, restart.stderr
        after = rowsets(db)
    finally:
        site.stop()
    expected = rowsets(reference)
    for table in ("articles", "quotes", "people", "mentions"):
        assert after[table] == expected[table], table
    assert {(u, k, s) for u, k, s, _ in after["urls"]} == {(u, k, s) for u, k, s, _ in expected["urls"]}
    assert all(status == "done" for _, _, status, _ in after["urls"])
    # Stored before the kill: never fetched again. The rest: at most once more (the page in flight).
    hits = {p: site.hits(p) for p in paths}
    assert all(hits[p] == 1 for p in paths if site.url(p) in stored_urls), hits
    assert all(1 <= hits[p] <= 2 for p in paths), hits
    assert sum(hits.values()) <= 6 + 2


@pytest.mark.slow
def test_two_watch_processes_at_once_share_the_work(tmp_path):
    site, paths = build_site(delay=0.3)
    try:
        feeds, db = feed_file(tmp_path, site), tmp_path / "news.db"
        Corpus(db).close()  # both find the store made
        args = ["watch", str(feeds), "--db", str(db), "--once", "--concurrency", "1", *FAST_FLAGS]
        processes = [subprocess.Popen([*QUOTEGRAPH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(2)]
        outputs = [p.communicate(timeout=240) for p in processes]
    finally:
        site.stop()
    assert all(p.returncode == 0 for p in processes), outputs
    assert all(site.hits(p) == 1 for p in paths), {p: site.hits(p) for p in paths}
    assert count_rows(db, "articles") == 6 and count_rows(db, "quotes") > 0


def test_runs_shows_polls_and_failing_urls(tmp_path, capsys):
    site = Site().start()
    try:
        title, text = OWN_TEXTS["harbour"]
        site.routes["/ok"] = Route(article_page(title, text, site="Town Gazette"))
        site.routes["/stub"] = Route(stub_page())
        site.routes["/rss.xml"] = Route(rss("Town Gazette", [(site.url("/ok"), None, None),
                                                             (site.url("/stub"), None, None)]))
        db = tmp_path / "news.db"
        code = main(["ingest", site.url("/rss.xml"), "--db", str(db), "--quiet", *FAST_FLAGS])
        out = capsys.readouterr().out
        assert code == 1 and "pages: 1 fetched, 1 failed" in out and "articles: 1 new" in out
        assert main(["runs", "--db", str(db), "--format", "json"]) == 0
        runs = capsys.readouterr().out
        assert '"failed": 1' in runs and site.url("/rss.xml") in runs
        assert main(["runs", "--db", str(db), "--failures", "--format", "csv"]) == 0
        assert f"{site.url('/stub')},no article text found in the HTML page" in capsys.readouterr().out
        assert main(["runs", "--db", str(db), "--urls", "--format", "csv"]) == 0
        failing = capsys.readouterr().out
        assert site.url("/stub") in failing and "failed" in failing and site.url("/ok") not in failing
        assert main(["runs", "--db", str(db), "--feeds", "--format", "csv"]) == 0
        assert "Town Gazette" in capsys.readouterr().out
        # The same URL again: nothing fetched, the stub not due yet.
        hits = len(site.log)
        assert main(["ingest", site.url("/ok"), "--db", str(db), *FAST_FLAGS]) == 0
        assert "1 URLs were fetched and stored before" in capsys.readouterr().out
        assert len(site.log) == hits
    finally:
        site.stop()


def test_watch_refuses_a_bad_feed_list_and_a_bad_duration(tmp_path, capsys):
    bad = tmp_path / "feeds.txt"
    bad.write_text("https://127.0.0.1:9/rss.xml\nnot a url\n", encoding="utf-8")
    assert main(["watch", str(bad), "--db", str(tmp_path / "n.db"), "--once"]) == 2
    assert "line 2: not an http(s) URL" in capsys.readouterr().err
    assert main(["watch", str(bad), "--db", str(tmp_path / "n.db"), "--every", "soon"]) == 2
    assert "not a duration" in capsys.readouterr().err
    assert main(["watch", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "n.db"), "--once"]) == 2


@pytest.mark.slow
def test_sigterm_stops_watch_between_polls_with_exit_0(tmp_path, site_and_paths):
    site, _ = site_and_paths
    feeds, db = feed_file(tmp_path, site), tmp_path / "news.db"
    process = subprocess.Popen([*QUOTEGRAPH, "watch", str(feeds), "--db", str(db), "--every", "1h", *FAST_FLAGS],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first_line = process.stdout.readline()  # the poll's line: now it sleeps until the next one
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert POLL_LINE.match(first_line.strip()) and "articles: 6 new" in first_line
    assert process.returncode == 0 and "watch stopped" in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM fetch_urls WHERE lease_owner IS NOT NULL").fetchone()[0] == 0
    conn.close()


def test_docs_reference_lists_every_watch_and_runs_option():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "watch.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name in ("watch", "runs"):
        for action in commands[name]._actions:
            for flag in action.option_strings:
                assert flag in docs, f"{name} {flag} is not in docs/watch.md"
