"""Per-person counts (`person_stats`), recounted for the people a write touched.

Triggers (store/stats.sql) list in `person_stats_dirty` every person whose quotes were added,
moved or removed, whoever did it; `refresh` recounts exactly those, inside the writer's
transaction. Readers use the table only when nothing is pending, so counts are never stale.
"""
from __future__ import annotations

import sqlite3

_RECOUNT = """
INSERT INTO person_stats(person_id, quotes, articles, first_said, last_said)
SELECT q.person_id, COUNT(*), COUNT(DISTINCT q.article_id), MIN(q.said_on), MAX(q.said_on)
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.person_id = ? AND +a.duplicate_of IS NULL
GROUP BY q.person_id
"""


def refresh(conn: sqlite3.Connection) -> int:
    """Recount the people marked dirty (call inside a write transaction); returns how many."""
    dirty = [pid for (pid,) in conn.execute("SELECT person_id FROM person_stats_dirty")]
    for person_id in dirty:
        conn.execute("DELETE FROM person_stats WHERE person_id = ?", (person_id,))
        conn.execute(_RECOUNT, (person_id,))
    conn.execute("DELETE FROM person_stats_dirty")
    return len(dirty)


def is_current(conn: sqlite3.Connection) -> bool:
    """True when `person_stats` matches the quotes (no write left people to recount)."""
    return conn.execute("SELECT 1 FROM person_stats_dirty LIMIT 1").fetchone() is None
