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
def _line(text: str) -> tuple[int, frozenset[int]]:
    """(word count, shingles) of a quote, from one pass over its words. Kept for the texts met last:
    a line quoted in many articles is compared again and again."""
    found = runs(text)
    return sum(len(r) for r in found), frozenset(_shingled(found))


def _same(a: tuple[int, frozenset[int]], b: tuple[int, frozenset[int]]) -> bool:
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


def _attach_quote(conn: sqlite3.Connection, quote_id: int, article_id: str, person_id: int | None,
                  text: str) -> None:
    found: set[int] = set()
    line = _line(text) if person_id is not None else (0, frozenset())
    # The new quote's words are read once, not once per candidate.
    hashes = sorted(line[1]) if line[0] >= STATEMENT_MIN_WORDS else []
    if hashes:
        # Shared shingles are counted per quote first (index only), then each quote is read once:
        # a line quoted in many articles has many rows per shingle.
        candidates = conn.execute(
            "SELECT c.quote_id, q.text, sq.statement_id FROM (SELECT s.quote_id, COUNT(*) AS shared "
            "FROM statement_shingles s WHERE s.person_id = ? AND s.shingle IN (SELECT value FROM json_each(?)) "
            "GROUP BY s.quote_id) c JOIN quotes q ON q.id = c.quote_id "
            "JOIN statement_quotes sq ON sq.quote_id = c.quote_id WHERE q.article_id != ? "
            "ORDER BY c.shared DESC, c.quote_id LIMIT ?",
            (person_id, "[" + ",".join(map(str, hashes)) + "]", article_id, STATEMENT_CANDIDATES)).fetchall()
        found = {statement for _, other, statement in candidates if _same(line, _line(other))}
    if found:
        keep, *others = sorted(found)
        if others:
            marks = ",".join("?" for _ in others)
            conn.execute(f"UPDATE statement_quotes SET statement_id = ? WHERE statement_id IN ({marks})",  # noqa: S608
                         (keep, *others))
            conn.execute(f"DELETE FROM statements WHERE id IN ({marks})", others)  # noqa: S608 - placeholders
    else:
        cursor = conn.execute("INSERT INTO statements(person_id) VALUES (?)", (person_id,))
        keep = int(cursor.lastrowid or 0)
    conn.execute("INSERT INTO statement_quotes(quote_id, statement_id) VALUES (?, ?)", (quote_id, keep))
    _recount(conn, keep)
    if hashes:
        conn.executemany("INSERT OR IGNORE INTO statement_shingles(person_id, shingle, quote_id) VALUES (?, ?, ?)",
                         [(person_id, h, quote_id) for h in hashes])


def follow(conn: sqlite3.Connection) -> int:
    """Redo the statements of quotes whose person changed since the last write (`statement_dirty`,
    filled by a trigger): those quotes and every other quote of their former statements are taken
    out and attached again, so a merge joins lines and a split parts them. Returns quotes redone."""
    dirty = [r[0] for r in conn.execute("SELECT quote_id FROM statement_dirty")]
    if not dirty:
        return 0
    conn.execute("DELETE FROM statement_dirty")
    marks = json.dumps(dirty)
    former = conn.execute("SELECT DISTINCT s.id, s.person_id FROM statement_quotes sq JOIN statements s "
                          "ON s.id = sq.statement_id WHERE sq.quote_id IN (SELECT value FROM json_each(?))",
                          (marks,)).fetchall()
    redo = set(dirty)
    for statement_id, person_id in former:
        members = [r[0] for r in conn.execute("SELECT quote_id FROM statement_quotes WHERE statement_id = ?",
                                              (statement_id,))]
        redo.update(members)
        if person_id is not None:
            conn.execute("DELETE FROM statement_shingles WHERE person_id = ? AND quote_id IN "
                         "(SELECT value FROM json_each(?))", (person_id, json.dumps(members)))
        conn.execute("DELETE FROM statement_quotes WHERE statement_id = ?", (statement_id,))
        conn.execute("DELETE FROM statements WHERE id = ?", (statement_id,))
    rows = conn.execute("SELECT id, article_id, person_id, text FROM quotes WHERE id IN "
                        "(SELECT value FROM json_each(?)) ORDER BY id", (json.dumps(sorted(redo)),)).fetchall()
    for quote_id, article_id, person_id, text in rows:
        _attach_quote(conn, quote_id, article_id, person_id, text)
    return len(rows)


def _recount(conn: sqlite3.Connection, statement_id: int) -> None:
    """The statement's first-seen date, occurrences and outlets, from its quotes (a handful)."""
    conn.execute(
        "UPDATE statements SET (first_seen, occurrences, outlets) = (SELECT MIN(COALESCE(a.published, q.said_on)), "
        "COUNT(*), COUNT(DISTINCT a.outlet) FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
        "JOIN articles a ON a.id = q.article_id WHERE sq.statement_id = ?) WHERE id = ?", (statement_id, statement_id))


def rebuild(conn: sqlite3.Connection) -> int:
    """Recompute every statement from the stored quotes; returns how many."""
    for table in ("statement_shingles", "statement_quotes", "statements", "statement_dirty"):
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


def count_for_person(conn: sqlite3.Connection, person_id: int) -> int:
    """How many statements (not quotes) a registry person has."""
    return conn.execute("SELECT COUNT(DISTINCT sq.statement_id) FROM quotes q JOIN statement_quotes sq "
                        "ON sq.quote_id = q.id WHERE q.person_id = ?", (person_id,)).fetchone()[0]
