"""Bulk loads: many rows inserted at once without the per-row work of the insert triggers.

Every insert into `quotes` fires five triggers (full-text index, dated index, overview facts and
counts, person counts), each a few index writes; on a large store they are nearly all of the
write time (docs/store.md, "Bulk writes"). Inside `bulk_load(conn)` those insert triggers are
dropped; at the end the derived rows of everything inserted are written by a few set-based
statements (`bulk.sql`, one per trigger) and the triggers are put back, all in one transaction:
a failure or a kill leaves the store as it was, triggers included.

What the block may do: INSERT new rows into `quotes`, `articles`, `people` and `person_aliases`
(new rowids above the existing ones, as INTEGER PRIMARY KEYs and implicit rowids give) and anything
to other tables. Updates and deletes of rows stored before the block keep their own triggers and
are fine; updating or deleting rows inserted in the same block is not (their derived rows do not
exist yet). Other insert triggers than these (a later migration's) keep firing row by row.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from quotegraph.store import stats
from quotegraph.store.migrations import _statements

# The insert triggers whose work bulk.sql does set-based, by table.
TRIGGERS = ("quotes_fts_insert", "quotes_dated_insert", "quote_facts_quote_insert", "quote_counts_insert",
            "person_stats_quote_insert", "person_stats_quote_orphan", "person_pages_quote_insert",
            "person_pages_article_insert", "articles_fts_insert",
            "people_names_insert", "person_alias_names_insert")

# Page cache while loading (a bound, not an allocation): the indexes being written stay in memory.
BULK_CACHE_KIB = 2 * 2**20

_MARKS = """
SELECT (SELECT COALESCE(MAX(id), 0) FROM quotes), (SELECT COALESCE(MAX(rowid), 0) FROM articles),
       (SELECT COALESCE(MAX(id), 0) FROM people), (SELECT COALESCE(MAX(rowid), 0) FROM person_aliases)
"""


def _rebuild_sql() -> list[str]:
    return _statements(resources.files("quotegraph.store").joinpath("bulk.sql").read_text(encoding="utf-8"))


@contextmanager
def bulk_load(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`with bulk_load(conn):` one write transaction in which inserts skip the per-row triggers.

    The caller must not BEGIN or COMMIT inside the block. On leaving it normally the derived tables
    (FTS indexes, `quotes_dated`, `quote_facts`, `quote_counts`, `person_stats`, `people_names_fts`)
    get the new rows' entries, the triggers are restored and the transaction commits; on an
    exception everything is rolled back.
    """
    conn.execute("BEGIN IMMEDIATE")
    cache = None
    try:
        quote_id, article_rowid, person_id, alias_rowid = conn.execute(_MARKS).fetchone()
        placeholders = ", ".join("?" for _ in TRIGGERS)
        saved = conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "  # noqa: S608
                             f"AND name IN ({placeholders}) ORDER BY name", TRIGGERS).fetchall()
        for name, _ in saved:
            conn.execute(f'DROP TRIGGER "{name}"')
        # Into a store with no quotes yet, the secondary indexes of the quotes and their facts are
        # built once at the end (a sort each) rather than row by row at random places in ever larger
        # B-trees.
        indexes = [] if quote_id else conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('quotes', 'quote_facts') "
            "AND sql IS NOT NULL ORDER BY name").fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        yield conn
        marks = {"quote_id": quote_id, "article_rowid": article_rowid, "person_id": person_id,
                 "alias_rowid": alias_rowid}
        for statement in _rebuild_sql():
            conn.execute(statement, {k: v for k, v in marks.items() if f":{k}" in statement})
        for _, sql in indexes:
            conn.execute(sql)
        for _, sql in saved:
            conn.execute(sql)
        stats.refresh(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        if cache is not None:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")
