"""The cross-article person registry: one `people` row per real person.

STUB (to be replaced): links `article_people` and `quotes` rows of the given articles to `people`
rows by exact in-article name.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def update_registry(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """Give every person of these articles a `people` row and fill `person_id` on their quotes.

    Runs inside the caller's transaction; idempotent (re-running changes nothing).
    """
    for article_id in article_ids:
        rows = conn.execute("SELECT name, kind FROM article_people WHERE article_id = ? AND person_id IS NULL",
                            (article_id,)).fetchall()
        for name, kind in rows:
            found = conn.execute("SELECT id FROM people WHERE name = ? AND kind = ?", (name, kind)).fetchone()
            person_id = found[0] if found else conn.execute(
                "INSERT INTO people(name, kind) VALUES (?, ?)", (name, kind)).lastrowid
            conn.execute("UPDATE article_people SET person_id = ? WHERE article_id = ? AND name = ?",
                         (person_id, article_id, name))
            conn.execute("UPDATE quotes SET person_id = ? WHERE article_id = ? AND person = ?",
                         (person_id, article_id, name))
