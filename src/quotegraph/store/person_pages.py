"""The person page's figures read from counts kept on the write path (`person_months`,
`person_articles`, `person_stats`: store/person_pages.sql), so a first visit costs what the page
shows, not what the person said: statements per month (one row a month), the most recent articles
(a page of an index read newest first), the totals and the first and last date.

Every function answers None while a write has left people to recount (`stats.is_current` false:
a user's SQL outside the store's writer); the caller then counts from the quotes themselves
(`registry.timeline.overview`, which these figures equal: tests/test_store_person_pages.py).
"""
from __future__ import annotations

import sqlite3
from typing import Any

from quotegraph.ingest.records import host_of
from quotegraph.store import stats


def counts(conn: sqlite3.Connection, person_id: int) -> dict[str, Any] | None:
    """Quotes and articles outside copies, first and last date (the quote's, else its article's)."""
    if not stats.is_current(conn):
        return None
    quotes, articles = conn.execute("SELECT COALESCE(SUM(quotes), 0), COALESCE(SUM(articles), 0) FROM person_stats "
                                    "WHERE person_id = ?", (person_id,)).fetchone()
    first, last = conn.execute("SELECT MIN(first), MAX(last) FROM person_months WHERE person_id = ?",
                               (person_id,)).fetchone()
    return {"quote_count": quotes, "quoted_in": articles, "first_said": first, "last_said": last}


def quote_count(conn: sqlite3.Connection, person_id: int, *, copies: bool) -> int | None:
    """The person's quotes, those in near-duplicate copies too when `copies`."""
    if not stats.is_current(conn):
        return None
    column = "quotes + copies" if copies else "quotes"
    return int(conn.execute(f"SELECT COALESCE(SUM({column}), 0) FROM person_months "  # noqa: S608 - fixed SQL
                            "WHERE person_id = ?", (person_id,)).fetchone()[0])


def monthly(conn: sqlite3.Connection, person_id: int) -> list[dict[str, Any]] | None:
    """Quotes per month outside copies, oldest month first (months with none left out)."""
    if not stats.is_current(conn):
        return None
    return [{"month": m, "quotes": n} for m, n in conn.execute(
        "SELECT month, quotes FROM person_months WHERE person_id = ? AND month != '' AND quotes > 0 "
        "ORDER BY month", (person_id,))]


def recent_articles(conn: sqlite3.Connection, person_id: int, limit: int) -> tuple[list[dict[str, Any]], int] | None:
    """The `limit` most recent articles quoting the person (copies left out), oldest of them first,
    and how many there are in all."""
    if not stats.is_current(conn):
        return None
    rows = conn.execute(
        "SELECT * FROM (SELECT pa.article_id, a.title, a.outlet, a.url, pa.day, pa.quotes "
        "FROM person_articles pa INDEXED BY person_articles_recent JOIN articles a ON a.id = pa.article_id "
        "WHERE pa.person_id = ? ORDER BY pa.day DESC, pa.article_id DESC LIMIT ?) ORDER BY day, article_id",
        (person_id, int(limit))).fetchall()
    total = conn.execute("SELECT COALESCE(SUM(articles), 0) FROM person_stats WHERE person_id = ?",
                         (person_id,)).fetchone()[0]
    listed = [{"id": aid, "title": title, "outlet": outlet or host_of(url) or "unknown", "url": url,
               "published": day, "quote_count": n} for aid, title, outlet, url, day, n in rows]
    return listed, int(total)
