"""Read-only SQL the web app needs and the store does not offer (yet): parameterised, bounded.

Every function takes an open `sqlite3.Connection` (rows as `sqlite3.Row`) and returns plain dicts
ready for JSON and templates. Values from the user only ever travel as bound parameters.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from quotegraph.errors import BadQuery, StoreError


@dataclass(frozen=True)
class QuoteFilters:
    """The quote filters of the CLI, as the web app receives them (already validated)."""

    speaker: str | None = None
    search: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    person_id: int | None = None
    article_id: str | None = None


def connect(path: str) -> sqlite3.Connection:
    """A read-only connection to the store at `path`; StoreError when it is missing or not a store."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("SELECT 1 FROM quotes LIMIT 1")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store read-only ({exc})", source=str(path)) from exc
    conn.row_factory = sqlite3.Row
    return conn


def _json_list(value: str | None) -> list[Any]:
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def _role_label(role: dict[str, Any]) -> str:
    title, org = role.get("title") or "", role.get("organisation") or ""
    return f"{title} of {org}" if org else title


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def _where(conn: sqlite3.Connection, f: QuoteFilters) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if f.speaker:
        like = f"%{_escape_like(f.speaker)}%"
        clauses.append("(q.person LIKE ? ESCAPE '\\' OR q.speaker LIKE ? ESCAPE '\\'"
                       " OR q.person_id IN (SELECT person_id FROM person_aliases WHERE alias LIKE ? ESCAPE '\\'))")
        params += [like, like, like]
    if f.search:
        if _has_table(conn, "quotes_fts"):
            clauses.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(f.search)
        else:
            clauses.append("q.text LIKE ? ESCAPE '\\'")
            params.append(f"%{_escape_like(f.search)}%")
    if f.outlet:
        clauses.append("a.outlet = ? COLLATE NOCASE")
        params.append(f.outlet)
    # A statement is dated by its own date when known, else by the article's.
    if f.since:
        clauses.append("coalesce(q.said_on, a.published) >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("substr(coalesce(q.said_on, a.published), 1, 10) <= ?")
        params.append(f.until)
    if f.kind:
        clauses.append("q.kind = ?")
        params.append(f.kind)
    if f.person_id is not None:
        clauses.append("q.person_id = ?")
        params.append(f.person_id)
    if f.article_id:
        clauses.append("q.article_id = ?")
        params.append(f.article_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _run(conn: sqlite3.Connection, sql: str, params: list[Any], search: str | None = None) -> list[sqlite3.Row]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if search and _fts_error(conn, search):
            raise BadQuery(f"cannot read the search {search!r} ({exc}); use words, \"exact phrases\", "
                           "AND, OR, NOT, parentheses and prefix*") from None
        raise


def _fts_error(conn: sqlite3.Connection, search: str) -> bool:
    """Whether `search` alone is what SQLite refuses (so the user, not the query, is at fault)."""
    if not _has_table(conn, "quotes_fts"):
        return False
    try:
        conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT 1", (search,)).fetchall()
    except sqlite3.OperationalError:
        return True
    return False


_QUOTE_COLUMNS = """q.id, q.article_id, q.start, q."end", q.text, q.kind, q.cue, q.speaker, q.speaker_start,
    q.speaker_end, q.person, q.person_id, q.source_kind, q.confidence, q.said_on, q.said_on_precision,
    a.outlet, a.title, a.published, a.url, ap.roles AS roles"""


def quote_dict(row: sqlite3.Row) -> dict[str, Any]:
    """One quote row as the API returns it, with the speaker's role in that article."""
    data = {k: row[k] for k in row.keys() if k != "roles"}
    roles = _json_list(row["roles"]) if "roles" in row.keys() else []
    data["role"] = _role_label(roles[0]) if roles and isinstance(roles[0], dict) else None
    return data


def quotes(conn: sqlite3.Connection, f: QuoteFilters, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Quotes matching `f`, newest first; BadQuery on a broken full-text expression."""
    where, params = _where(conn, f)
    sql = (f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
           " LEFT JOIN article_people ap ON ap.article_id = q.article_id AND ap.name = q.person"
           f"{where} ORDER BY coalesce(q.said_on, a.published) DESC, q.id DESC LIMIT ? OFFSET ?")
    return [quote_dict(r) for r in _run(conn, sql, params + [limit, offset], f.search)]


def count_quotes(conn: sqlite3.Connection, f: QuoteFilters) -> int:
    where, params = _where(conn, f)
    sql = f"SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id{where}"
    return _run(conn, sql, params, f.search)[0][0]


def people(conn: sqlite3.Connection, search: str | None, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """People with how often they are quoted and mentioned, most quoted first."""
    where, params = "", []
    if search:
        where = (" WHERE p.name LIKE ? ESCAPE '\\' OR p.id IN"
                 " (SELECT person_id FROM person_aliases WHERE alias LIKE ? ESCAPE '\\')")
        params = [f"%{_escape_like(search)}%"] * 2
    sql = ("SELECT p.id, p.name, p.kind,"
           " (SELECT count(*) FROM quotes q WHERE q.person_id = p.id) AS quote_count,"
           " (SELECT count(DISTINCT article_id) FROM article_people ap WHERE ap.person_id = p.id) AS article_count,"
           " (SELECT group_concat(title || CASE organisation WHEN '' THEN '' ELSE ' of ' || organisation END, '; ')"
           "    FROM person_roles r WHERE r.person_id = p.id) AS roles"
           f" FROM people p{where} ORDER BY quote_count DESC, p.name LIMIT ? OFFSET ?")
    return [dict(r) for r in conn.execute(sql, params + [limit, offset])]


def count_people(conn: sqlite3.Connection, search: str | None) -> int:
    if not search:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    like = f"%{_escape_like(search)}%"
    return conn.execute("SELECT count(*) FROM people p WHERE p.name LIKE ? ESCAPE '\\' OR p.id IN"
                        " (SELECT person_id FROM person_aliases WHERE alias LIKE ? ESCAPE '\\')",
                        (like, like)).fetchone()[0]


def person(conn: sqlite3.Connection, person_id: int) -> dict[str, Any] | None:
    """A person with aliases, roles over time, articles and statements per month; None if unknown."""
    row = conn.execute("SELECT id, name, kind, external_id FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        return None
    aliases = [dict(r) for r in conn.execute(
        "SELECT alias, count FROM person_aliases WHERE person_id = ? ORDER BY count DESC, alias", (person_id,))]
    roles = [{**dict(r), "articles": _json_list(r["articles"]),
              "label": _role_label(dict(r))} for r in conn.execute(
        "SELECT title, organisation, first_seen, last_seen, articles FROM person_roles WHERE person_id = ?"
        " ORDER BY coalesce(first_seen, ''), title", (person_id,))]
    articles = [dict(r) for r in conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.url, ap.mention_count, ap.quote_count"
        " FROM article_people ap JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ?"
        " ORDER BY coalesce(a.published, ''), a.id", (person_id,))]
    monthly = [dict(r) for r in conn.execute(
        "SELECT substr(coalesce(q.said_on, a.published), 1, 7) AS month, count(*) AS quotes"
        " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.person_id = ?"
        " GROUP BY month ORDER BY month", (person_id,))]
    quote_count = sum(m["quotes"] for m in monthly)
    return {**dict(row), "aliases": aliases, "roles": roles, "articles": articles,
            "monthly": monthly, "quote_count": quote_count}


def articles(conn: sqlite3.Connection, outlet: str | None, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Articles newest first, with how many quotes each holds."""
    where, params = ("", []) if not outlet else (" WHERE a.outlet = ? COLLATE NOCASE", [outlet])
    sql = ("SELECT a.id, a.title, a.outlet, a.published, a.url, a.duplicate_of,"
           " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quote_count"
           f" FROM articles a{where} ORDER BY coalesce(a.published, '') DESC, a.id LIMIT ? OFFSET ?")
    return [dict(r) for r in conn.execute(sql, params + [limit, offset])]


def count_articles(conn: sqlite3.Connection, outlet: str | None) -> int:
    if not outlet:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return conn.execute("SELECT count(*) FROM articles WHERE outlet = ? COLLATE NOCASE", (outlet,)).fetchone()[0]


def article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """An article with its text, removed boilerplate, quotes (with spans) and people; None if unknown."""
    row = conn.execute("SELECT id, url, outlet, title, published, authors, text, boilerplate, source,"
                       " duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    data = dict(row)
    data["authors"] = _json_list(row["authors"])
    data["boilerplate"] = [b for b in _json_list(row["boilerplate"]) if isinstance(b, dict)]
    data["quotes"] = quotes(conn, QuoteFilters(article_id=article_id), limit=10_000)
    data["quotes"].sort(key=lambda q: (q["start"], q["end"]))
    data["people"] = [{**dict(r), "aliases": _json_list(r["aliases"]),
                       "roles": [_role_label(x) for x in _json_list(r["roles"]) if isinstance(x, dict)]}
                      for r in conn.execute(
        "SELECT name, person_id, kind, aliases, roles, mention_count, quote_count FROM article_people"
        " WHERE article_id = ? ORDER BY quote_count DESC, mention_count DESC, name", (article_id,))]
    return data
