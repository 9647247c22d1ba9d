"""Polls: read feeds and sitemaps, fetch the article pages that are new or due again, and store them
through the ordinary ingest path (one ingest run per poll).

    >>> with Corpus("news.db") as corpus:
    ...     report = poll(corpus, ["https://example.org/rss.xml"], every=900)
    ...     print(report.summary())

A poll has two phases. Sources (the feeds of the feed list, or the URLs given to `quotegraph
ingest`) are fetched with their validators (ETag, Last-Modified; a 304 or an unchanged body is
"unchanged"); a sitemap index adds its sitemaps as feeds; a source that turns out to be a page is
an article. Then article URLs that are due are leased in small groups, fetched concurrently (the
client keeps each host's pace) and handed to the store as they arrive. Every URL's state lives in
the store (`quotegraph.store.urls`), so polls are idempotent, resumable after a crash, and safe
with several processes on one store.
"""
from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from quotegraph.corpus import Corpus
from quotegraph.errors import QuotegraphError, StoreError
from quotegraph.fetch.feeds import gunzip, parse_feed
from quotegraph.fetch.http import FetchFailed, PoliteClient, Response, is_http_url
from quotegraph.fetch.options import FetchOptions
from quotegraph.fetch.pages import article_from_response
from quotegraph.ingest.records import Failure
from quotegraph.pipeline import ExtractOptions
from quotegraph.records import Article
from quotegraph.run import OnProgress
from quotegraph.settings import MAX_ARTICLE_CHARS, POLL_BATCH_SIZE
from quotegraph.store import urls
from quotegraph.store.rows import IngestReport
from quotegraph.store.urls import Listed, UrlRow

# A sitemap index may point to sitemap indexes; this many levels are followed in one poll.
MAX_SITEMAP_DEPTH = 3
DEFAULT_EVERY = 900.0


@dataclass(frozen=True)
class PollReport:
    """What one poll did: sources read, links found, pages fetched, and the ingest run's report."""

    started: str
    sources: int = 0
    unchanged: int = 0
    sources_failed: int = 0
    links_new: int = 0
    pages: int = 0
    pages_failed: int = 0
    already_stored: int = 0
    requests: int = 0
    seconds: float = 0.0
    ingest: IngestReport | None = None
    failures: tuple[tuple[str, str], ...] = field(default=())

    @property
    def failed(self) -> int:
        """Inputs that failed in this poll (sources, pages, extraction), as the ingest run counts them."""
        return self.ingest.failed if self.ingest else 0

    def summary(self) -> str:
        """One line, as `watch` prints it after each poll."""
        got = self.ingest
        articles = (f"articles: {got.new} new, {got.duplicates} duplicate; quotes: {got.quotes}; "
                    f"people: {got.people} new" if got else "articles: 0 new")
        return (f"{self.started[:19]}Z feeds: {self.sources} read ({self.unchanged} unchanged, "
                f"{self.sources_failed} failed), {self.links_new} new links; pages: {self.pages} fetched, "
                f"{self.pages_failed} failed (retried later); {articles}; {self.requests} requests, "
                f"{self.seconds:.1f} s")

    def to_dict(self) -> dict[str, Any]:
        return {"started": self.started, "sources": self.sources, "unchanged": self.unchanged,
                "sources_failed": self.sources_failed, "links_new": self.links_new, "pages": self.pages,
                "pages_failed": self.pages_failed, "already_stored": self.already_stored,
                "requests": self.requests, "seconds": round(self.seconds, 3),
                "ingest": self.ingest.to_dict() if self.ingest else None,
                "failures": [{"source": s, "reason": r} for s, r in self.failures]}


def lease_owner() -> str:
    """This process, as the `lease_owner` of the URLs it takes: host, pid and start time (a pid alone
    may be reused by another process after a crash)."""
    return f"{socket.gethostname()}:{os.getpid()}:{int(psutil.Process().create_time())}"


def owner_is_dead(owner: str) -> bool:
    """Whether the process named by a lease owner is gone. Processes on other hosts are never judged
    dead: their leases run out by time."""
    try:
        host, pid, started = owner.rsplit(":", 2)
        if host != socket.gethostname():
            return False
        return int(psutil.Process(int(pid)).create_time()) != int(started)
    except (ValueError, psutil.NoSuchProcess):
        return True
    except psutil.Error:
        return False


def read_feed_list(path: str | Path) -> list[str]:
    """The feed and sitemap URLs of a feed list: one per line; blank lines and `# comments` ignored.

    Raises QuotegraphError naming the file (and line) when it cannot be read or a line is no URL.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise QuotegraphError(f"cannot read the feed list: {getattr(error, 'strerror', None) or error}",
                              source=str(path)) from None
    found: dict[str, None] = {}
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if text.startswith("#"):
            continue
        text = text.split(" #", 1)[0].strip()
        if not text:
            continue
        if not is_http_url(text):
            raise QuotegraphError(f"line {number}: not an http(s) URL: {text[:100]!r}", source=str(path))
        found.setdefault(text, None)
    if not found:
        raise QuotegraphError("no feed URLs in the feed list", source=str(path))
    return list(found)


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


class _Poll:
    """One poll's state: the client, the pool, this process's lease name and the counters."""

    def __init__(self, corpus: Corpus, options: FetchOptions, *, every: float, force: bool, max_chars: int,
                 clock: Callable[[], float], started: float | None) -> None:
        self.conn = corpus.conn
        self.options = options
        self.every = every
        self.force = force
        self.max_chars = max_chars
        self.clock = clock
        self.started = clock() if started is None else started
        self.owner = lease_owner()
        self.counts = {"sources": 0, "unchanged": 0, "sources_failed": 0, "links_new": 0, "pages": 0,
                       "pages_failed": 0, "already_stored": 0}
        self.feeds: set[str] = set()  # feeds read or found unchanged in this poll
        self.client = PoliteClient(options)
        self.pool = ThreadPoolExecutor(options.concurrency, thread_name_prefix="quotegraph-fetch")

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.client.close()

    def claim(self, kinds: Sequence[str], limit: int, **narrow: Any) -> list[UrlRow]:
        return urls.claim(self.conn, self.owner, kinds=kinds, limit=limit, lease_seconds=self.options.lease_seconds,
                          at=self.clock(), **narrow)

    def fetch(self, rows: Sequence[UrlRow], conditional: bool) -> Iterator[tuple[UrlRow, Response | FetchFailed]]:
        """(row, response or failure) for each row, as the responses come in."""
        futures: dict[Future, UrlRow] = {
            self.pool.submit(self.client.get, row.url, etag=row.etag if conditional else None,
                             last_modified=row.last_modified if conditional else None): row
            for row in rows}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except FetchFailed as failed:
                yield futures[future], failed

    def fail(self, row: UrlRow, reason: str, status: int | None, counter: str) -> Failure:
        urls.record_failure(self.conn, row.url, self.owner, reason=reason, http_status=status,
                            retry_after=self.options.retry_after, max_attempts=self.options.max_attempts,
                            at=self.clock(), feed_every=self.every)
        self.counts[counter] += 1
        return Failure(row.url, reason)

    # -- phase 1: sources ------------------------------------------------------------------------
    def sources(self, sources: Sequence[str]) -> Iterator[Article | Failure]:
        queue = self.claim(("feed", "given"), len(sources), urls=sources, force=self.force)
        queue += self.claim(("feed",), 10_000, feeds=sources, force=self.force)  # sitemaps of an index
        taken = {row.url for row in queue}
        for url in sources:
            row = urls.get(self.conn, url) if url not in taken else None
            if row is not None and row.kind == "article" and row.status in ("fetched", "done"):
                self.counts["already_stored"] += 1
        for depth in range(MAX_SITEMAP_DEPTH + 1):
            later: list[UrlRow] = []
            for row, result in self.fetch(queue, conditional=True):
                if isinstance(result, FetchFailed):
                    yield self.fail(row, result.reason, result.status, "sources_failed")
                    continue
                body = result.body
                if body[:2] == b"\x1f\x8b":
                    try:
                        body = gunzip(body, self.options.max_bytes)
                    except (ValueError, OSError, EOFError, zlib.error) as error:
                        yield self.fail(row, f"cannot gunzip: {error}", result.status, "sources_failed")
                        continue
                listing = parse_feed(body, result.url) if result.status != 304 else None
                if listing is None and result.status != 304:
                    yield self.page(row, result)  # a page given as a source is an article
                    continue
                self.counts["sources"] += 1
                if listing is None or (row.kind == "feed" and row.content_hash == _sha256(body)):
                    self.read_feed(row, result, None)  # 304, or the same bytes from a server without validators
                    continue
                self.counts["links_new"] += urls.add_links(self.conn, row.url, listing.title, listing.links,
                                                           at=self.clock())
                if listing.sitemaps:
                    urls.add_links(self.conn, row.url, None, [Listed(u) for u in listing.sitemaps], kind="feed",
                                   at=self.clock())
                    if depth < MAX_SITEMAP_DEPTH:
                        later += self.claim(("feed",), len(listing.sitemaps), urls=listing.sitemaps, force=True)
                self.read_feed(row, result, _sha256(body))
            queue = later
            if not queue:
                break

    def read_feed(self, row: UrlRow, response: Response, content_hash: str | None) -> None:
        if content_hash is None:
            self.counts["unchanged"] += 1
        urls.record_feed(self.conn, row.url, self.owner, http_status=response.status, etag=response.etag,
                         last_modified=response.last_modified, content_hash=content_hash,
                         next_fetch=self.started + self.every, at=self.clock())
        self.feeds.add(row.url)

    # -- phase 2: articles -----------------------------------------------------------------------
    def page(self, row: UrlRow, response: Response) -> Article | Failure:
        article = article_from_response(response, row, self.max_chars)
        if isinstance(article, Failure):
            return self.fail(row, article.reason, response.status, "pages_failed")
        urls.record_fetched(self.conn, row.url, self.owner, article_id=article.id,
                            content_hash=_sha256(response.body), http_status=response.status, at=self.clock())
        self.counts["pages"] += 1
        return article

    def articles(self, feeds: Sequence[str] | None, max_articles: int | None) -> Iterator[Article | Failure]:
        group = self.options.concurrency * 2
        taken = 0
        while max_articles is None or taken < max_articles:
            limit = group if max_articles is None else min(group, max_articles - taken)
            rows = self.claim(("article",), limit, feeds=feeds, untried_since=self.started)
            if not rows:
                return
            taken += len(rows)
            for row, result in self.fetch(rows, conditional=False):
                if isinstance(result, FetchFailed):
                    yield self.fail(row, result.reason, result.status, "pages_failed")
                else:
                    yield self.page(row, result)


def poll(corpus: Corpus, sources: Sequence[str], *, options: FetchOptions = FetchOptions(),
         every: float = DEFAULT_EVERY, force: bool = False, given: bool = False, max_articles: int | None = None,
         extract: ExtractOptions = ExtractOptions(batch_size=POLL_BATCH_SIZE), max_chars: int = MAX_ARTICLE_CHARS,
         on_progress: OnProgress | None = None, clock: Callable[[], float] = time.time,
         started: float | None = None) -> PollReport:
    """One poll of `sources` into the store; see the module docstring.

    With `given` (what `quotegraph ingest URL...` does) the sources may be feeds, sitemaps or
    article pages, and only articles they list are fetched; otherwise (`watch`) they are feeds, and
    every article URL that is due in the store is fetched, up to `max_articles`. `force` reads the
    sources even when their next poll is not due. Feeds are due again `every` seconds after this
    poll started (`started`, default now). Raises QuotegraphError for a setup problem (bad store, no model); a URL that
    cannot be fetched or read is a failure in the report, recorded and retried later.
    """
    if corpus.readonly:
        raise StoreError("opened read-only; polling writes to the store", source=str(corpus.path))
    run = _Poll(corpus, options, every=every, force=force, max_chars=max_chars, clock=clock, started=started)
    # Leases of killed processes, and this process's own from a poll that failed half-way.
    urls.release_dead(corpus.conn, lambda owner: owner == run.owner or owner_is_dead(owner))
    urls.add_sources(corpus.conn, list(sources), "given" if given else "feed", at=run.started)

    def items() -> Iterator[Article | Failure]:
        yield from run.sources(sources)
        yield from run.articles(sorted(run.feeds) if given else None, max_articles)

    settled = False
    try:
        report = corpus.ingest(list(sources), items=items(), extract=extract, max_chars=max_chars,
                               on_progress=on_progress)
        urls.settle(corpus.conn, run.owner, retry_after=options.retry_after, max_attempts=options.max_attempts,
                    at=clock())
        settled = True
    finally:
        run.close()
        if not settled:  # interrupted: what was stored is done, the rest is fetched again next time
            try:
                urls.release_dead(corpus.conn, lambda owner: owner == run.owner)
            except sqlite3.Error:
                pass  # the store is busy or gone: the next poll (or process) releases them
    return PollReport(started=urls.stamp(run.started), requests=run.client.requests,
                      seconds=clock() - run.started, ingest=report, failures=report.failures, **run.counts)


def parse_every(text: str) -> float:
    """"15m", "1h", "90s", "2d" or plain seconds -> seconds; QuotegraphError for anything else."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    value = text.strip().lower()
    try:
        seconds = float(value[:-1]) * units[value[-1]] if value and value[-1] in units else float(value)
    except ValueError:
        raise QuotegraphError(f"--every {text!r} is not a duration; use e.g. 90s, 15m, 1h") from None
    if not 0 < seconds < 366 * 86400:
        raise QuotegraphError(f"--every {text!r} must be more than 0 and less than a year")
    return seconds


def watch(corpus: Corpus, feed_list: str | Path, *, every: float = DEFAULT_EVERY, once: bool = False,
          on_poll: Callable[[PollReport], None] = lambda report: None,
          on_error: Callable[[QuotegraphError], None] | None = None,
          should_stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep,
          clock: Callable[[], float] = time.time, **poll_options: Any) -> list[PollReport]:
    """Poll the feeds of `feed_list` every `every` seconds (only once with `once`), calling
    `on_poll` after each poll, until `should_stop()`. The feed list is read again before each poll,
    so edits apply without a restart. Returns the reports (the last one only, when polling forever).

    A QuotegraphError in the first poll (no model, bad feed list, unusable store) is raised; in a
    later poll (the store locked by a long write elsewhere, the feed list being edited) it goes to
    `on_error`, when given, and the next poll comes as planned.
    """
    reports: list[PollReport] = []
    while True:
        started = clock()
        try:
            sources = read_feed_list(feed_list)
            report = poll(corpus, sources, every=every, force=once, clock=clock, started=started, **poll_options)
        except QuotegraphError as error:
            if once or not reports or on_error is None:
                raise
            on_error(error)
        else:
            on_poll(report)
            reports = reports + [report] if once else [report]
        if once:
            return reports
        while not should_stop() and clock() < started + every:
            sleep(min(1.0, started + every - clock()))
        if should_stop():
            return reports
