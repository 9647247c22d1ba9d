"""Keeping SQLite's planner statistics (`sqlite_stat1`) in step with the store's size.

Without statistics the planner guesses, and on a large store some guesses are ruinous: counting
the matches of a full-text search on 100,000 quotes took 56 s instead of 58 ms. A write path calls
`keep_current` after it commits: it runs `ANALYZE` when the store has never been analysed or a
main table has grown to more than twice the rows it had when it last was, else only
`PRAGMA optimize`, which costs next to nothing when nothing changed.
"""
from __future__ import annotations

import json
import sqlite3

# The tables whose size steers the plans of the store's queries.
WATCHED = ("quotes", "articles", "people", "person_aliases", "article_people", "mentions")
# Rows ANALYZE samples per index: approximate statistics, but a bounded cost on any store size
# (a full ANALYZE of a 1M-quote store reads every index end to end).
ANALYSIS_LIMIT = 2000
# A table is re-analysed when it has this many times the rows it was analysed with ...
GROWTH = 2
# ... and at least this many more (so a small store is not re-analysed on every write).
MIN_NEW_ROWS = 500


def analysed_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows each watched table had when `keep_current` last analysed the store (`meta`), else as
    `sqlite_stat1` gives them; {} if never analysed.

    `sqlite_stat1`'s counts are estimates under `analysis_limit` (1,274 people for 3,419 on a store of
    100,000 articles): read as the size at the last ANALYZE, they made every write ANALYZE again."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        return {}
    kept = conn.execute("SELECT value FROM meta WHERE key = 'analysed_rows'").fetchone()
    if kept is not None:
        try:
            found = json.loads(kept[0])
        except ValueError:
            found = None
        if isinstance(found, dict) and all(isinstance(found.get(t), int) for t in WATCHED):
            return {t: found[t] for t in WATCHED}
    counted: dict[str, int] = {}
    for table, stat in conn.execute("SELECT tbl, stat FROM sqlite_stat1"):
        head = (stat or "").split(" ", 1)[0]
        if head.isdigit():
            counted[table] = max(counted.get(table, 0), int(head))
    return counted


def is_stale(conn: sqlite3.Connection) -> bool:
    """Whether the statistics are missing or a watched table outgrew them (one index probe each)."""
    counted = analysed_rows(conn)
    if not counted:
        return True
    for table, rows in _sizes(conn).items():
        before = counted.get(table, 0)
        if rows >= GROWTH * before and rows - before >= MIN_NEW_ROWS:
            return True
    return False


def _sizes(conn: sqlite3.Connection) -> dict[str, int]:
    """Each watched table's MAX(rowid): one index probe; rows deleted since only make it high."""
    return {table: conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {table}").fetchone()[0]  # noqa: S608
            for table in WATCHED}


def keep_current(conn: sqlite3.Connection) -> bool:
    """ANALYZE if the statistics are stale (see module doc), then PRAGMA optimize; True if analysed.

    Call outside any transaction on a writable connection; it takes the write lock briefly.
    """
    stale = is_stale(conn)
    if stale:
        (limit,) = conn.execute("PRAGMA analysis_limit").fetchone()
        conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("ANALYZE")
                conn.execute("INSERT INTO meta(key, value) VALUES ('analysed_rows', ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (json.dumps(_sizes(conn)),))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.execute(f"PRAGMA analysis_limit = {int(limit)}")
    conn.execute("PRAGMA optimize")
    return stale
