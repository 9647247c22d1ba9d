"""Per-person counts (`person_stats`; the person page's `person_months`, `person_articles`),
recounted for the people a write touched.

Triggers (store/stats.sql) list in `person_stats_dirty` every person whose quotes were added,
moved or removed, whoever did it; `refresh` recounts exactly those, inside the writer's
transaction. Readers use the table only when nothing is pending, so counts are never stale.
"""
from __future__ import annotations

import sqlite3

# Everything counted again for the people in person_stats_dirty, set-based (one statement a table,
# however many people: a bulk load marks all of its people and calls `refresh` too).
_RECOUNT = ("""
DELETE FROM person_stats WHERE person_id IN (SELECT person_id FROM person_stats_dirty)
""", """
INSERT INTO person_stats(person_id, quotes, articles, first_said, last_said)
SELECT q.person_id, COUNT(*), COUNT(DISTINCT q.article_id), MIN(q.said_on), MAX(q.said_on)
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.person_id IN (SELECT person_id FROM person_stats_dirty) AND +a.duplicate_of IS NULL
GROUP BY q.person_id
""", """
DELETE FROM person_months WHERE person_id IN (SELECT person_id FROM person_stats_dirty)
""", """
INSERT INTO person_months(person_id, month, quotes, copies, first, last)
SELECT q.person_id,
       COALESCE(CASE WHEN length(q.said_on) >= 7 THEN substr(q.said_on, 1, 7)
                     WHEN length(a.published) >= 7 THEN substr(a.published, 1, 7) END, '') AS m,
       SUM(a.duplicate_of IS NULL), SUM(a.duplicate_of IS NOT NULL),
       MIN(CASE WHEN a.duplicate_of IS NULL THEN COALESCE(q.said_on, a.published) END),
       MAX(CASE WHEN a.duplicate_of IS NULL THEN COALESCE(q.said_on, a.published) END)
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.person_id IN (SELECT person_id FROM person_stats_dirty)
GROUP BY q.person_id, m
""", """
DELETE FROM person_articles WHERE person_id IN (SELECT person_id FROM person_stats_dirty)
""", """
INSERT INTO person_articles(person_id, article_id, day, quotes)
SELECT q.person_id, q.article_id, COALESCE(a.published, MIN(q.said_on)), COUNT(*)
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.person_id IN (SELECT person_id FROM person_stats_dirty) AND +a.duplicate_of IS NULL
GROUP BY q.person_id, q.article_id
""", """
DELETE FROM person_stats_dirty
""")


def refresh(conn: sqlite3.Connection) -> int:
    """Recount the people marked dirty (call inside a write transaction); returns how many."""
    dirty = conn.execute("SELECT COUNT(*) FROM person_stats_dirty").fetchone()[0]
    if dirty:
        for statement in _RECOUNT:
            conn.execute(statement)
    return int(dirty)


def is_current(conn: sqlite3.Connection) -> bool:
    """True when `person_stats` matches the quotes (no write left people to recount)."""
    return conn.execute("SELECT 1 FROM person_stats_dirty LIMIT 1").fetchone() is None
