"""Statements: one line of one speaker, however many articles (outlets) quoted it.

Two quotes of the same registry person in different articles are the same line when, after
normalising their words (case, "[sic]", brackets, punctuation; an ellipsis ends a run of words),
at least `STATEMENT_CONTAINMENT` of the shorter one's word 3-grams are in the longer one, so a
trimmed or partial quote joins its full version. A statement is a connected group of such quotes:
which quotes end up together does not depend on the order articles arrive in, and a new article's
quotes attach to (and may join) existing statements without a rebuild (`attach`).

Every quote gets a statement (most have one occurrence); its first-seen date and outlet, its
occurrences and outlets are read from its quotes' articles (`statements`, `statement`).
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
import unicodedata
import zlib
from collections.abc import Sequence
from typing import Any

from quotegraph.store.rows import StatementRow
from quotegraph.settings import STATEMENT_CANDIDATES, STATEMENT_CONTAINMENT, STATEMENT_MIN_WORDS

_SIC = re.compile(r"[\[(]\s*sic\s*[\])]", re.IGNORECASE)
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|…|\[\s*(?:\.\s*){3}\]")


def runs(text: str) -> list[list[str]]:
    """The quote's words, folded, in runs an ellipsis separates; "[sic]" dropped, "[NATO]" kept."""
    text = _SIC.sub(" ", unicodedata.normalize("NFKC", text)).casefold().replace("’", "'")
    return [words for part in _ELLIPSIS.split(text) if (words := re.findall(r"\w+(?:'\w+)?", part))]


def _shingled(found: list[list[str]]) -> set[int]:
    hashes: set[int] = set()
    for words in found:
        grams = [words[i:i + 3] for i in range(max(len(words) - 2, 1))]
        hashes.update(zlib.crc32(" ".join(g).encode("utf-8")) for g in grams)
    return hashes


def shingles(text: str) -> set[int]:
    """Hashes of the word 3-grams within each run (a run of one or two words counts as one)."""
    return _shingled(runs(text))


def word_count(text: str) -> int:
    return sum(len(r) for r in runs(text))


@functools.lru_cache(maxsize=8192)
def _line(text: str) -> tuple[int, frozenset[int], int]:
    """(word count, shingles, key of the shingle set) of a quote, from one pass over its words. Kept for
    the texts met last: a line quoted in many articles is met again and again."""
    found = runs(text)
    hashes = frozenset(_shingled(found))
    digest = hashlib.blake2b(b"".join(h.to_bytes(4, "little") for h in sorted(hashes)), digest_size=8).digest()
    return sum(len(r) for r in found), hashes, int.from_bytes(digest, "little", signed=True)


def _same(a: tuple[int, frozenset[int], int], b: tuple[int, frozenset[int], int]) -> bool:
    if min(a[0], b[0]) < STATEMENT_MIN_WORDS:
        return False
    sa, sb = a[1], b[1]
    short, long = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return bool(short) and len(short & long) / len(short) >= STATEMENT_CONTAINMENT


def same_line(a: str, b: str) -> bool:
    """Whether quotes `a` and `b` (of one speaker) are the same line: the shorter is long enough and
    contained in the longer."""
    return _same(_line(a), _line(b))


def attach(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """Give the quotes of these (newly written, registry-linked) articles their statements: join the
    statements of matching quotes in other articles (merging them when a quote bridges several), else
    a new one. Runs inside the caller's transaction."""
    if conn.execute("SELECT 1 FROM meta WHERE key = 'statements' AND value = 'pending'").fetchone():
        conn.execute("DELETE FROM meta WHERE key = 'statements'")
        rebuild(conn)
        return
    follow(conn)
    for article_id in article_ids:
        rows = conn.execute("SELECT id, person_id, text FROM quotes WHERE article_id = ? AND id NOT IN "
                            "(SELECT quote_id FROM statement_quotes) ORDER BY id", (article_id,)).fetchall()
        for quote_id, person_id, text in rows:
            _attach_quote(conn, quote_id, article_id, person_id, text)


# The speaker's distinct lines sharing enough shingles with the new quote to be the same line (the
# containment test of `_same` on the stored shingle counts), most shared first. A line's postings are
# one row however many articles quote it, so this does not grow with repeats.
_CANDIDATES = (
    "SELECT l.id, l.key, l.article_id, l.statement_id FROM (SELECT line_id, COUNT(*) AS shared "
    "FROM statement_line_shingles WHERE person_id = ? AND shingle IN (SELECT value FROM json_each(?)) "
    "GROUP BY line_id) c JOIN statement_lines l ON l.id = c.line_id "
    "WHERE c.shared * 1.0 / MIN(l.size, ?) >= ? ORDER BY c.shared DESC, l.id LIMIT ?")


def _statements_of(conn: sqlite3.Connection, line: tuple[int, int, str | None, int | None],
                   article_id: str) -> set[int]:
    """The statements of a line's quotes in articles other than `article_id`."""
    line_id, _, only_article, statement_id = line
    if only_article is None:  # quoted in two articles or more: all in one statement
        return {int(statement_id or 0)}
    if only_article == article_id:
        return set()
    return {r[0] for r in conn.execute("SELECT DISTINCT sq.statement_id FROM statement_line_quotes lq JOIN "
                                       "statement_quotes sq ON sq.quote_id = lq.quote_id WHERE lq.line_id = ?",
                                       (line_id,))}


def _attach_quote(conn: sqlite3.Connection, quote_id: int, article_id: str, person_id: int | None,
                  text: str) -> None:
    found: set[int] = set()
    words, hashes, key = _line(text) if person_id is not None else (0, frozenset(), 0)
    own: tuple[int, int, str | None, int | None] | None = None
    if words >= STATEMENT_MIN_WORDS:
        lines = conn.execute(_CANDIDATES, (person_id, "[" + ",".join(map(str, sorted(hashes))) + "]", len(hashes),
                                           STATEMENT_CONTAINMENT, STATEMENT_CANDIDATES)).fetchall()
        own = next((line for line in lines if line[1] == key), None)
        if own is None:  # beyond the candidates' bound: its statements join all the same
            own = conn.execute("SELECT id, key, article_id, statement_id FROM statement_lines "
                               "WHERE person_id = ? AND key = ?", (person_id, key)).fetchone()
            lines += [own] if own else []
        for line in lines:
            found |= _statements_of(conn, line, article_id)
    if found:
        keep, *others = sorted(found)
        if others:
            marks = ",".join("?" for _ in others)
            conn.execute(f"UPDATE statement_quotes SET statement_id = ? WHERE statement_id IN ({marks})",  # noqa: S608
                         (keep, *others))
            conn.execute(f"UPDATE statement_lines SET statement_id = ? WHERE statement_id IN ({marks})",  # noqa: S608
                         (keep, *others))
            conn.execute(f"DELETE FROM statements WHERE id IN ({marks})", others)  # noqa: S608 - placeholders
    else:
        cursor = conn.execute("INSERT INTO statements(person_id) VALUES (?)", (person_id,))
        keep = int(cursor.lastrowid or 0)
    conn.execute("INSERT INTO statement_quotes(quote_id, statement_id) VALUES (?, ?)", (quote_id, keep))
    if len(found) > 1:
        _recount(conn, keep)
    else:
        _count_in(conn, keep, quote_id)
    if words < STATEMENT_MIN_WORDS:
        return
    if own is None:
        cursor = conn.execute("INSERT INTO statement_lines(person_id, key, size, article_id) VALUES (?, ?, ?, ?)",
                              (person_id, key, len(hashes), article_id))
        line_id = int(cursor.lastrowid or 0)
        conn.executemany("INSERT INTO statement_line_shingles(person_id, shingle, line_id) VALUES (?, ?, ?)",
                         [(person_id, h, line_id) for h in sorted(hashes)])
    else:
        line_id = own[0]
        if own[2] is not None and own[2] != article_id:  # now quoted in two articles: one statement
            conn.execute("UPDATE statement_lines SET article_id = NULL, statement_id = ? WHERE id = ?", (keep, line_id))
    conn.execute("INSERT INTO statement_line_quotes(quote_id, line_id) VALUES (?, ?)", (quote_id, line_id))


def follow(conn: sqlite3.Connection) -> int:
    """Redo the statements of quotes whose person changed since the last write (`statement_dirty`,
    filled by a trigger): those quotes and every other quote of their former statements are taken
    out and attached again, so a merge joins lines and a split parts them. Returns quotes redone."""
    dirty = [r[0] for r in conn.execute("SELECT quote_id FROM statement_dirty")]
    if not dirty:
        return 0
    conn.execute("DELETE FROM statement_dirty")
    marks = json.dumps(dirty)
    former = [r[0] for r in conn.execute("SELECT DISTINCT statement_id FROM statement_quotes "
                                         "WHERE quote_id IN (SELECT value FROM json_each(?))", (marks,))]
    redo = set(dirty)
    for statement_id in former:
        members = [r[0] for r in conn.execute("SELECT quote_id FROM statement_quotes WHERE statement_id = ?",
                                              (statement_id,))]
        redo.update(members)
        conn.execute("DELETE FROM statement_quotes WHERE statement_id = ?", (statement_id,))
        conn.execute("DELETE FROM statements WHERE id = ?", (statement_id,))
    _drop_lines(conn, sorted(redo))
    rows = conn.execute("SELECT id, article_id, person_id, text FROM quotes WHERE id IN "
                        "(SELECT value FROM json_each(?)) ORDER BY id", (json.dumps(sorted(redo)),)).fetchall()
    for quote_id, article_id, person_id, text in rows:
        _attach_quote(conn, quote_id, article_id, person_id, text)
    return len(rows)


def _drop_lines(conn: sqlite3.Connection, quote_ids: list[int]) -> None:
    """Take these quotes (out of their statements) out of their lines: a line left without quotes goes,
    with its shingles; one left with quotes of one article is that article's again."""
    marks = json.dumps(quote_ids)
    touched = [r[0] for r in conn.execute("SELECT DISTINCT line_id FROM statement_line_quotes "
                                          "WHERE quote_id IN (SELECT value FROM json_each(?))", (marks,))]
    conn.execute("DELETE FROM statement_line_quotes WHERE quote_id IN (SELECT value FROM json_each(?))", (marks,))
    for line_id in touched:
        left = conn.execute("SELECT q.article_id, sq.statement_id FROM statement_line_quotes lq JOIN quotes q "
                            "ON q.id = lq.quote_id JOIN statement_quotes sq ON sq.quote_id = lq.quote_id "
                            "WHERE lq.line_id = ?", (line_id,)).fetchall()
        if not left:
            person_id = conn.execute("SELECT person_id FROM statement_lines WHERE id = ?", (line_id,)).fetchone()[0]
            conn.execute("DELETE FROM statement_line_shingles WHERE person_id = ? AND line_id = ?",
                         (person_id, line_id))
            conn.execute("DELETE FROM statement_lines WHERE id = ?", (line_id,))
        elif len({a for a, _ in left}) == 1:
            conn.execute("UPDATE statement_lines SET article_id = ?, statement_id = NULL WHERE id = ?",
                         (left[0][0], line_id))
        else:
            conn.execute("UPDATE statement_lines SET article_id = NULL, statement_id = ? WHERE id = ?",
                         (min(s for _, s in left), line_id))


def _recount(conn: sqlite3.Connection, statement_id: int) -> None:
    """The statement's first-seen date, occurrences and outlets, from its quotes (after a merge)."""
    conn.execute("DELETE FROM statement_outlets WHERE statement_id = ?", (statement_id,))
    conn.execute("INSERT OR IGNORE INTO statement_outlets(statement_id, outlet) SELECT ?, a.outlet "
                 "FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id JOIN articles a ON a.id = q.article_id "
                 "WHERE sq.statement_id = ? AND a.outlet IS NOT NULL", (statement_id, statement_id))
    conn.execute(
        "UPDATE statements SET (first_seen, occurrences, outlets) = (SELECT MIN(COALESCE(a.published, q.said_on)), "
        "COUNT(*), COUNT(DISTINCT a.outlet) FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
        "JOIN articles a ON a.id = q.article_id WHERE sq.statement_id = ?) WHERE id = ?", (statement_id, statement_id))


def _count_in(conn: sqlite3.Connection, statement_id: int, quote_id: int) -> None:
    """What `_recount` gives once quote `quote_id` joined the statement, from the counts it had: one more
    occurrence, the earlier first-seen date, one more outlet unless the statement has it already (its
    `statement_outlets`)."""
    added = conn.execute(
        "INSERT OR IGNORE INTO statement_outlets(statement_id, outlet) SELECT ?, a.outlet FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.id = ? AND a.outlet IS NOT NULL",
        (statement_id, quote_id)).rowcount
    conn.execute(
        "UPDATE statements SET occurrences = occurrences + 1, first_seen = CASE WHEN n.seen IS NULL THEN first_seen "
        "WHEN first_seen IS NULL THEN n.seen ELSE MIN(first_seen, n.seen) END, outlets = outlets + ?3 "
        "FROM (SELECT COALESCE(a.published, q.said_on) AS seen FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.id = ?2) AS n WHERE statements.id = ?1", (statement_id, quote_id, max(0, added)))


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute every statement from the stored quotes; returns how many."""
    for table in ("statement_line_shingles", "statement_line_quotes", "statement_lines", "statement_quotes",
                  "statement_outlets", "statements", "statement_dirty"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    article_ids = [r[0] for r in conn.execute("SELECT DISTINCT article_id FROM quotes ORDER BY article_id")]
    attach(conn, article_ids)
    return conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0]


def _rows(conn: sqlite3.Connection, statement_ids: Sequence[int]) -> list[StatementRow]:
    """The statements `statement_ids`, in that order, each summarised over all its occurrences."""
    if not statement_ids:
        return []
    occurrences: dict[int, list[tuple]] = {}
    query = ("SELECT sq.statement_id, q.text, COALESCE(a.published, q.said_on), a.outlet, a.id, "
             "COALESCE(p.name, q.person), q.person_id FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
             "JOIN articles a ON a.id = q.article_id LEFT JOIN people p ON p.id = q.person_id "
             "WHERE sq.statement_id IN (SELECT value FROM json_each(?))")
    for row in conn.execute(query, ("[" + ",".join(str(int(i)) for i in statement_ids) + "]",)):
        occurrences.setdefault(row[0], []).append(row[1:])
    found = []
    for sid in statement_ids:
        rows = occurrences.get(sid)
        if not rows:
            continue
        # First seen: the earliest date (undated last), then the outlet and article id, so ties are stable.
        first = min(rows, key=lambda r: (r[1] is None, r[1] or "", r[2] or "", r[3]))
        # The wording: the one with most words ("[sic]" and ellipses do not count), the earliest of those.
        longest = min(rows, key=lambda r: (-word_count(r[0]), r[1] is None, r[1] or "", r[2] or "", r[3]))
        dates = [r[1] for r in rows if r[1]]
        found.append(StatementRow(
            id=sid, text=longest[0], person=first[4], person_id=first[5], first_seen=first[1],
            first_outlet=first[2], first_article_id=first[3], occurrences=len(rows),
            articles=len({r[3] for r in rows}), outlets=tuple(sorted({r[2] for r in rows if r[2]})),
            last_seen=max(dates) if dates else None))
    return found


def statements(conn: sqlite3.Connection, where: str, params: list[Any], *, limit: int, offset: int,
               min_outlets: int = 0) -> list[StatementRow]:
    """The statements with a quote among those `where` (a QuoteFilter clause over q and a) selects,
    most recently first seen first (down the first-seen index; the filter is one semi-join)."""
    if where:
        matching = (f" AND s.id IN (SELECT sq.statement_id FROM quotes q JOIN articles a ON a.id = q.article_id "  # noqa: S608
                    f"JOIN statement_quotes sq ON sq.quote_id = q.id{where})")
    else:
        matching = ""
    sql = (f"SELECT s.id FROM statements s WHERE s.outlets >= ?{matching} "  # noqa: S608 - fixed SQL and placeholders
           f"ORDER BY s.first_seen DESC, s.id LIMIT ? OFFSET ?")
    ids = [r[0] for r in conn.execute(sql, [min_outlets, *params, limit, offset])]
    return _rows(conn, ids)


def statement(conn: sqlite3.Connection, statement_id: int) -> StatementRow | None:
    rows = _rows(conn, [statement_id])
    return rows[0] if rows else None


def quote_ids(conn: sqlite3.Connection, statement_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT quote_id FROM statement_quotes WHERE statement_id = ? "
                                       "ORDER BY quote_id", (statement_id,))]


def _kept(conn: sqlite3.Connection) -> bool:
    """Whether every statement's quotes are its person's (no person change waits for `follow`, no
    rebuild is pending): then a person's statements are those with their `person_id`."""
    return conn.execute("SELECT 1 FROM statement_dirty UNION ALL SELECT 1 FROM meta WHERE key = 'statements' "
                        "AND value = 'pending' LIMIT 1").fetchone() is None


def for_person(conn: sqlite3.Connection, person_id: int, *, limit: int, offset: int,
               min_outlets: int = 0) -> list[StatementRow] | None:
    """What `statements` gives for the person's quotes (copies included), read down the person's
    statements newest first (`statements_person`) instead of collecting every quote of theirs first;
    None while statements wait for `follow` (the caller then uses `statements`)."""
    if not _kept(conn):
        return None
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM statements INDEXED BY statements_person WHERE person_id = ? AND outlets >= ? "
        "ORDER BY first_seen DESC, id LIMIT ? OFFSET ?", (person_id, min_outlets, limit, offset))]
    return _rows(conn, ids)


def count_for_person(conn: sqlite3.Connection, person_id: int) -> int:
    """How many statements (not quotes) a registry person has (kept in `person_statements`)."""
    if _kept(conn):
        row = conn.execute("SELECT statements FROM person_statements WHERE person_id = ?", (person_id,)).fetchone()
        return int(row[0]) if row else 0
    return conn.execute("SELECT COUNT(DISTINCT sq.statement_id) FROM quotes q JOIN statement_quotes sq "
                        "ON sq.quote_id = q.id WHERE q.person_id = ?", (person_id,)).fetchone()[0]
