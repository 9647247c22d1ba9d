"""About whom quotes are, in the store: writing `quote_about`, the `about` filter, a person's
neighbours (whom they talk about, who talks about them) and the speaker -> subject edges.

A person mention is stored under its in-article name and reaches the registry through
`article_people` (article_id, name) -> person_id, so merges and splits of the registry apply to it
at once; organisations, places and groups are looked up by their folded name (`entity_key`).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from quotegraph.records import Document, entity_key
from quotegraph.store.rows import Edge, Neighbour

# A quote_about row's subject: the registry person when linked, else the folded entity.
_SUBJECT = "COALESCE('p' || ap.person_id, 'e' || ab.entity_key)"
_SUBJECT_JOIN = ("LEFT JOIN article_people ap ON ap.article_id = ab.article_id AND ap.name = ab.entity "
                 "AND ab.kind = 'person'")


def write(conn: sqlite3.Connection, article_id: str, document: Document) -> None:
    """The about rows of one newly written article (its quotes are in `quotes` already)."""
    if not document.about:
        return
    ids = {(start, end): qid for qid, start, end in
           conn.execute('SELECT id, start, "end" FROM quotes WHERE article_id = ?', (article_id,))}
    rows = []
    for about in document.about:
        quote = document.quotes[about.quote]
        qid = ids.get((quote.start, quote.end))
        if qid is not None:
            rows.append((qid, article_id, about.entity, entity_key(about.entity), about.kind, about.start,
                         about.end, about.via))
    conn.executemany('INSERT OR IGNORE INTO quote_about(quote_id, article_id, entity, entity_key, kind, start, '
                     '"end", via) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', rows)


def clause(about: str, people: Sequence[int], column: str = "q.id") -> tuple[str, list[Any]]:
    """The quotes (their id in `column`) about `about`: about one of the registry `people` (every
    alias of theirs matched by the caller), or about an entity of that folded name."""
    # `column` is one of our two fixed names, never user input.
    sql = (f"{column} IN (SELECT quote_id FROM quote_about WHERE entity_key = ? "  # noqa: S608
           "UNION SELECT ab.quote_id FROM article_people ap JOIN quote_about ab "
           "ON ab.article_id = ap.article_id AND ab.entity = ap.name "
           "WHERE ap.person_id IN (SELECT value FROM json_each(?)))")
    return sql, [entity_key(about), json.dumps(list(people))]


# Whom a person talks about is counted in their newest this many quotes (copies included): a first
# visit to the page of someone quoted 100,000 times reads about this many quotes, not all of them.
TALKS_ABOUT_NEWEST = 1_000


def talks_about(conn: sqlite3.Connection, person_id: int, limit: int, *,
                newest: int | None = None) -> list[Neighbour]:
    """Whom and what `person_id` talks about most (statements, then quotes), in their `newest` quotes
    (latest statement date first; `talks_about_bounded` says whether that leaves any out; default
    `TALKS_ABOUT_NEWEST`)."""
    rows = conn.execute(
        f"SELECT MIN(COALESCE(p.name, ab.entity)), MIN(ab.kind), ap.person_id, "  # noqa: S608 - fixed SQL
        f"COUNT(DISTINCT COALESCE(sq.statement_id, -q.id)), COUNT(DISTINCT q.id), "
        f"MIN(COALESCE(q.said_on, a.published)), MAX(COALESCE(q.said_on, a.published)) "
        f"FROM quotes q JOIN quote_about ab ON ab.quote_id = q.id JOIN articles a ON a.id = q.article_id "
        f"{_SUBJECT_JOIN} LEFT JOIN people p ON p.id = ap.person_id "
        f"LEFT JOIN statement_quotes sq ON sq.quote_id = q.id "
        f"WHERE q.id IN (SELECT id FROM quotes INDEXED BY quotes_person WHERE person_id = ?1 "
        f"ORDER BY said_on DESC, id DESC LIMIT ?3) AND +q.person_id = ?1 "
        f"AND (ap.person_id IS NULL OR ap.person_id != q.person_id) "
        f"GROUP BY {_SUBJECT} ORDER BY 4 DESC, 5 DESC, 1 LIMIT ?2",
        (person_id, limit, TALKS_ABOUT_NEWEST if newest is None else newest)).fetchall()
    return [Neighbour(*row) for row in rows]


def talks_about_bounded(conn: sqlite3.Connection, person_id: int, newest: int | None = None) -> bool:
    """Whether the person has more quotes than `talks_about` counts (at most `newest` + 1 read)."""
    newest = TALKS_ABOUT_NEWEST if newest is None else newest
    return conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM quotes WHERE person_id = ? LIMIT ?)",
                        (person_id, newest + 1)).fetchone()[0] > newest


def talked_about_by(conn: sqlite3.Connection, person_id: int, limit: int) -> list[Neighbour]:
    """Who talks most about `person_id` (as a person, or as the entity of their name)."""
    name = conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
    key = entity_key(name[0]) if name else ""
    rows = conn.execute(
        "SELECT p.name, p.kind, p.id, COUNT(DISTINCT COALESCE(sq.statement_id, -q.id)), COUNT(DISTINCT q.id), "
        "MIN(COALESCE(q.said_on, a.published)), MAX(COALESCE(q.said_on, a.published)) "
        "FROM quote_about ab JOIN quotes q ON q.id = ab.quote_id JOIN articles a ON a.id = q.article_id "
        "JOIN people p ON p.id = q.person_id "
        "LEFT JOIN statement_quotes sq ON sq.quote_id = q.id "
        "WHERE q.person_id != ? AND (ab.quote_id IN (SELECT ab2.quote_id FROM article_people ap "
        "JOIN quote_about ab2 ON ab2.article_id = ap.article_id AND ab2.entity = ap.name WHERE ap.person_id = ?) "
        "OR ab.entity_key = ?) "
        "GROUP BY p.id ORDER BY 4 DESC, 5 DESC, 1 LIMIT ?", (person_id, person_id, key, limit)).fetchall()
    return [Neighbour(*row) for row in rows]


def edges(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[Edge]:
    """Speaker -> subject edges over the quotes `where` (a QuoteFilter clause on q and a) selects;
    quotes of unlinked speakers and a speaker's mentions of themselves are left out."""
    sql = (f"SELECT sp.name, sp.id, MIN(COALESCE(p.name, ab.entity)), MIN(ab.kind), ap.person_id, "  # noqa: S608
           f"COUNT(DISTINCT COALESCE(sq.statement_id, -q.id)), COUNT(DISTINCT q.id), "
           f"MIN(COALESCE(q.said_on, a.published)), MAX(COALESCE(q.said_on, a.published)) "
           f"FROM quotes q JOIN articles a ON a.id = q.article_id JOIN people sp ON sp.id = q.person_id "
           f"JOIN quote_about ab ON ab.quote_id = q.id {_SUBJECT_JOIN} LEFT JOIN people p ON p.id = ap.person_id "
           f"LEFT JOIN statement_quotes sq ON sq.quote_id = q.id"
           f"{where}{' AND' if where else ' WHERE'} (ap.person_id IS NULL OR ap.person_id != q.person_id) "
           f"GROUP BY sp.id, {_SUBJECT} ORDER BY 6 DESC, 1, 3")
    return [Edge(*row) for row in conn.execute(sql, params)]
