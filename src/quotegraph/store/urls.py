"""What the fetcher knows about every URL (table `fetch_urls`): seen, leased, fetched, stored, failed.

This module owns the table (migration 6, `fetch.sql`). A process takes URLs by *leasing* them (its
`owner` and a time limit), so two `watch` processes never fetch the same URL, and an article URL is
`done` only once its article is in the store. A process killed mid-poll leaves leases behind:
`release_dead` gives them back (its articles already stored count as done, the others are fetched
again), so a restart loses nothing and fetches nothing twice that was stored.

Times are ISO strings in UTC with milliseconds, so they sort as text.
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from quotegraph.store.writer import Transaction

KINDS = ("feed", "article", "given")
STATUSES = ("pending", "fetched", "done", "failed", "gave_up")
# Rows a claim may take: never-fetched and failed ones when due; feeds again once they are due.
_DUE = ("(u.status IN ('pending', 'failed') OR (u.kind = 'feed' AND u.status = 'done')) "
        "AND (u.next_fetch IS NULL OR u.next_fetch <= :now) "
        "AND (u.lease_owner IS NULL OR u.lease_until < :now)")
_COLUMNS = ("url", "kind", "status", "feed", "feed_title", "feed_published", "feed_outlet", "http_status",
            "reason", "attempts", "etag", "last_modified", "content_hash", "article_id", "first_seen",
            "last_fetched", "next_fetch")


def stamp(at: float | None = None) -> str:
    """`at` (seconds since the epoch; now when None) as the ISO text the table keeps."""
    moment = datetime.now(UTC) if at is None else datetime.fromtimestamp(at, UTC)
    return moment.isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class UrlRow:
    """One URL's state. `feed_*` are what the listing feed said, for pages that do not say it."""

    url: str
    kind: str
    status: str
    feed: str | None = None
    feed_title: str | None = None
    feed_published: str | None = None
    feed_outlet: str | None = None
    http_status: int | None = None
    reason: str | None = None
    attempts: int = 0
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    article_id: str | None = None
    first_seen: str | None = None
    last_fetched: str | None = None
    next_fetch: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Listed:
    """A link a feed or sitemap gave, with what it said about the article."""

    url: str
    title: str | None = None
    published: str | None = None


def _rows(cursor: sqlite3.Cursor) -> list[UrlRow]:
    return [UrlRow(*row) for row in cursor]


def _select(where: str) -> str:
    return f"SELECT {', '.join('u.' + c for c in _COLUMNS)} FROM fetch_urls u WHERE {where}"  # noqa: S608


def get(conn: sqlite3.Connection, url: str) -> UrlRow | None:
    rows = _rows(conn.execute(_select("u.url = ?"), (url,)))
    return rows[0] if rows else None


def add_sources(conn: sqlite3.Connection, urls: Sequence[str], kind: str, at: float | None = None) -> None:
    """Make sure each URL has a row; a URL first seen as an article link becomes a `kind` source."""
    now = stamp(at)
    with Transaction(conn):
        conn.executemany("INSERT OR IGNORE INTO fetch_urls(url, kind, first_seen) VALUES (?, ?, ?)",
                         [(u, kind, now) for u in urls])
        if kind == "feed":
            conn.executemany("UPDATE fetch_urls SET kind = 'feed' WHERE url = ? AND kind = 'given'",
                             [(u,) for u in urls])


def add_links(conn: sqlite3.Connection, feed: str, outlet: str | None, links: Iterable[Listed],
              kind: str = "article", at: float | None = None) -> int:
    """Rows for links a feed listed (articles, or the sitemaps of a sitemap index); returns how many
    were new. A URL already known keeps its state: that is what makes a second poll fetch nothing."""
    now = stamp(at)
    with Transaction(conn):
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO fetch_urls(url, kind, feed, feed_title, feed_published, feed_outlet, first_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(link.url, kind, feed, link.title, link.published, outlet, now) for link in links])
        return conn.total_changes - before


def claim(conn: sqlite3.Connection, owner: str, *, kinds: Sequence[str], limit: int, lease_seconds: float,
          urls: Sequence[str] | None = None, feeds: Sequence[str] | None = None, force: bool = False,
          untried_since: float | None = None, at: float) -> list[UrlRow]:
    """Lease up to `limit` due URLs of `kinds` to `owner` (oldest first) and return them.

    `urls` / `feeds` narrow the choice to those URLs / to links of those feeds; `force` takes them
    even when not due yet (a leased URL is never taken); `untried_since` leaves out URLs tried since
    then (so a URL failing with no delay is tried once per poll). One transaction: two processes claiming at
    once get disjoint sets.
    """
    now, until = stamp(at), stamp(at + lease_seconds)
    where = [f"u.kind IN ({', '.join('?' for _ in kinds)})"]
    params: list[Any] = list(kinds)
    if force:
        where.append("u.status != 'fetched' AND NOT (u.kind = 'article' AND u.status = 'done') "
                     "AND (u.lease_owner IS NULL OR u.lease_until < ?)")
        params.append(now)
    else:
        where.append(_DUE.replace(":now", "?"))
        params += [now, now]
    if untried_since is not None:
        where.append("(u.last_fetched IS NULL OR u.last_fetched < ?)")
        params.append(stamp(untried_since))
    for column, values in (("url", urls), ("feed", feeds)):
        if values is not None:
            where.append(f"u.{column} IN (SELECT value FROM json_each(?))")  # noqa: S608 - fixed names
            params.append(_json(values))
    with Transaction(conn):
        found = _rows(conn.execute(_select(" AND ".join(where)) + " ORDER BY u.first_seen, u.url LIMIT ?",
                                   (*params, limit)))
        conn.executemany("UPDATE fetch_urls SET lease_owner = ?, lease_until = ? WHERE url = ?",
                         [(owner, until, row.url) for row in found])
    return found


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values))


def record_fetched(conn: sqlite3.Connection, url: str, owner: str, *, article_id: str, content_hash: str,
                   http_status: int, at: float) -> None:
    """The page was read into an article on its way to the store: not to be fetched again (the lease
    is kept until `settle` sees it stored)."""
    with Transaction(conn):
        conn.execute("UPDATE fetch_urls SET status = 'fetched', kind = 'article', article_id = ?, "
                     "content_hash = ?, http_status = ?, reason = NULL, last_fetched = ? "
                     "WHERE url = ? AND lease_owner = ?",
                     (article_id, content_hash, http_status, stamp(at), url, owner))


def record_feed(conn: sqlite3.Connection, url: str, owner: str, *, http_status: int, etag: str | None,
                last_modified: str | None, content_hash: str | None, next_fetch: float, at: float) -> None:
    """A feed read (or found unchanged): its validators kept for the next conditional GET."""
    with Transaction(conn):
        conn.execute("UPDATE fetch_urls SET kind = 'feed', status = 'done', http_status = ?, reason = NULL, "
                     "attempts = 0, etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
                     "content_hash = COALESCE(?, content_hash), last_fetched = ?, next_fetch = ?, "
                     "lease_owner = NULL, lease_until = NULL WHERE url = ? AND lease_owner = ?",
                     (http_status, etag, last_modified, content_hash, stamp(at), stamp(next_fetch), url, owner))


def retry_delay(attempts: int, first: float) -> float:
    """Seconds before the next try after `attempts` failures in a row: `first`, doubled each time,
    at most a day."""
    return min(first * 2 ** max(attempts - 1, 0), 86_400.0)


def record_failure(conn: sqlite3.Connection, url: str, owner: str, *, reason: str, http_status: int | None,
                   retry_after: float, max_attempts: int, at: float, feed_every: float | None = None) -> UrlRow | None:
    """One more failed attempt: retried from `next_fetch` on, or given up after `max_attempts`.

    A feed is never given up, and is tried again at the latest at its next poll (`feed_every`).
    """
    with Transaction(conn):
        row = conn.execute("SELECT attempts, kind FROM fetch_urls WHERE url = ? AND lease_owner = ?",
                           (url, owner)).fetchone()
        if row is None:
            return None
        attempts, kind = row[0] + 1, row[1]
        delay = retry_delay(attempts, retry_after)
        if kind == "feed":
            status = "failed"
            delay = min(delay, feed_every) if feed_every is not None else delay
        else:
            status = "gave_up" if attempts >= max_attempts else "failed"
        conn.execute("UPDATE fetch_urls SET status = ?, reason = ?, http_status = ?, attempts = ?, "
                     "last_fetched = ?, next_fetch = ?, lease_owner = NULL, lease_until = NULL WHERE url = ?",
                     (status, reason, http_status, attempts, stamp(at), stamp(at + delay), url))
    return get(conn, url)


def settle(conn: sqlite3.Connection, owner: str, *, retry_after: float, max_attempts: int,
           at: float) -> tuple[int, int]:
    """After the owner's articles went through the store: those stored are done; the others failed
    in extraction and are retried later. Returns (done, failed)."""
    with Transaction(conn):
        done = conn.execute(
            "UPDATE fetch_urls SET status = 'done', attempts = 0, lease_owner = NULL, lease_until = NULL "
            "WHERE lease_owner = ? AND status = 'fetched' "
            "AND article_id IN (SELECT id FROM articles)", (owner,)).rowcount
        failed = conn.execute(
            "SELECT url, attempts FROM fetch_urls WHERE lease_owner = ? AND status = 'fetched'", (owner,)).fetchall()
        for url, attempts in failed:
            attempts += 1
            conn.execute("UPDATE fetch_urls SET status = ?, reason = 'extraction failed (see quotegraph runs)', "
                         "attempts = ?, next_fetch = ?, lease_owner = NULL, lease_until = NULL WHERE url = ?",
                         ("gave_up" if attempts >= max_attempts else "failed", attempts,
                          stamp(at + retry_delay(attempts, retry_after)), url))
        conn.execute("UPDATE fetch_urls SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", (owner,))
    return done, len(failed)


def release_dead(conn: sqlite3.Connection, is_dead: Callable[[str], bool]) -> int:
    """Give back the leases of owners `is_dead` says are gone (a killed process): their articles
    already stored are done, pages fetched but not stored are fetched again. Returns URLs released."""
    owners = [r[0] for r in conn.execute("SELECT DISTINCT lease_owner FROM fetch_urls "
                                         "WHERE lease_owner IS NOT NULL")]
    released = 0
    for owner in filter(is_dead, owners):
        with Transaction(conn):
            conn.execute("UPDATE fetch_urls SET status = 'done' WHERE lease_owner = ? AND status = 'fetched' "
                         "AND article_id IN (SELECT id FROM articles)", (owner,))
            conn.execute("UPDATE fetch_urls SET status = 'pending', article_id = NULL "
                         "WHERE lease_owner = ? AND status = 'fetched'", (owner,))
            released += conn.execute("UPDATE fetch_urls SET lease_owner = NULL, lease_until = NULL "
                                     "WHERE lease_owner = ?", (owner,)).rowcount
    return released


def counts(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """{kind: {status: URLs}}."""
    result: dict[str, dict[str, int]] = {}
    for kind, status, n in conn.execute("SELECT kind, status, COUNT(*) FROM fetch_urls GROUP BY kind, status"):
        result.setdefault(kind, {})[status] = n
    return result


def listing(conn: sqlite3.Connection, *, kind: str | None = None, status: str | None = None,
            limit: int = 50, offset: int = 0) -> list[UrlRow]:
    """URLs of a kind and status, the most recently tried first."""
    where, params = ["1"], []
    if kind:
        where.append("u.kind = ?")
        params.append(kind)
    if status:
        where.append("u.status = ?")
        params.append(status)
    query = (_select(" AND ".join(where))
             + " ORDER BY u.last_fetched IS NULL, u.last_fetched DESC, u.url LIMIT ? OFFSET ?")
    return _rows(conn.execute(query, (*params, limit, offset)))


def feeds(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every feed with the outlet its links' articles were stored under and how many there are."""
    rows = conn.execute(
        "SELECT f.url, f.status, f.http_status, f.reason, f.last_fetched, f.next_fetch, "
        "(SELECT a.outlet FROM fetch_urls l JOIN articles a ON a.id = l.article_id WHERE l.feed = f.url "
        " AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY COUNT(*) DESC LIMIT 1), "
        "(SELECT COUNT(*) FROM fetch_urls l WHERE l.feed = f.url AND l.status = 'done'), "
        "(SELECT COUNT(*) FROM fetch_urls l WHERE l.feed = f.url AND l.status IN ('failed', 'gave_up')) "
        "FROM fetch_urls f WHERE f.kind = 'feed' ORDER BY f.url")
    keys = ("url", "status", "http_status", "reason", "last_fetched", "next_fetch", "outlet", "articles", "failing")
    return [dict(zip(keys, row, strict=True)) for row in rows]
