"""Reading the store: quotes, people and articles with filters that combine, all SQL parameterised.

Filters are turned into one WHERE clause each (`QuoteFilter.where`), so listing, counting and
exporting quotes always agree on what a filter means.
"""
from __future__ import annotations

import dataclasses
import heapq
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from quotegraph.dates import parse_date_prefix
from quotegraph.errors import BadQuery
from quotegraph.records import QUOTE_KINDS, role_label
from quotegraph.settings import COUNT_CAP, MAX_QUERY_ROWS
from quotegraph.store import person_pages, stats
from quotegraph.store.about import clause as about_clause
from quotegraph.store.rows import ArticleDetail, ArticleRow, PersonRow, QuoteCount, QuoteRow, Rows

MAX_LIMIT = MAX_QUERY_ROWS
_PLAIN_TERM = re.compile(r"^\w+\*?$", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT"}

# The speaker's role as written in the quote's article: the first role (with a title) of the
# speaker's in-article row there, labelled by `records.role_label` ("Secretary General of NATO"),
# which the store registers as the SQL function role_label (migrations.add_functions).
ROLE_LABEL = """
(SELECT role_label(json_extract(s.roles, j.fullkey || '.title'), json_extract(s.roles, j.fullkey || '.organisation'),
                   json_extract(s.roles, j.fullkey || '.joiner'))
 FROM (SELECT ap.roles FROM article_people ap WHERE ap.article_id = q.article_id AND ap.person_id = q.person_id
       ORDER BY ap.quote_count DESC LIMIT 1) s,
      json_each(CASE WHEN json_valid(s.roles) AND json_type(s.roles) = 'array' THEN s.roles ELSE '[]' END) j
 WHERE j.type = 'object' AND COALESCE(json_extract(s.roles, j.fullkey || '.title'), '') != ''
 ORDER BY j.key LIMIT 1)"""
# Whom the quote is about: registry names for linked people, else the entities' names, in text order.
ABOUT_NAMES = """
(SELECT group_concat(name, '; ') FROM (SELECT COALESCE(ap_p.name, ab.entity) AS name, MIN(ab.start) AS at
  FROM quote_about ab LEFT JOIN article_people ab_ap ON ab_ap.article_id = ab.article_id AND ab_ap.name = ab.entity
  AND ab.kind = 'person' LEFT JOIN people ap_p ON ap_p.id = ab_ap.person_id
  WHERE ab.quote_id = q.id GROUP BY 1 ORDER BY at))"""
# QuoteRow's fields in order, each read from `quotes` (q) under its own name unless listed here.
_QUOTE_EXPRESSIONS = {"person": "COALESCE(p.name, q.person)", "article_id": "a.id", "title": "a.title",
                      "outlet": "a.outlet", "url": "a.url", "published": "a.published",
                      "duplicate_of": "a.duplicate_of", "role": ROLE_LABEL,
                      "about": ABOUT_NAMES,
                      "statement_id": "(SELECT sq.statement_id FROM statement_quotes sq WHERE sq.quote_id = q.id)"}
_COLUMNS = "SELECT " + ",\n       ".join(_QUOTE_EXPRESSIONS.get(f.name, f'q."{f.name}"')
                                         for f in dataclasses.fields(QuoteRow)) + "\n"
_BOOLEANS = [i for i, f in enumerate(dataclasses.fields(QuoteRow)) if f.type in ("bool", bool)]
QUOTE_SELECT = _COLUMNS + """
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN people p ON p.id = q.person_id
"""
# Which quotes, in order: only ids are sorted, so a large match set costs little memory and the
# full rows are read for the page alone. The second form walks quotes newest first down the date
# index and tests each against the filters: much cheaper when the filters match many thousands.
_IDS = "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id"
_IDS_BY_DATE = "SELECT q.id FROM quotes q INDEXED BY quotes_said_on CROSS JOIN articles a ON a.id = q.article_id"
_QUOTE_IDS = "SELECT q.id FROM quotes q"
_QUOTE_IDS_BY_DATE = "SELECT q.id FROM quotes q INDEXED BY quotes_said_on"


def quote_row(row: tuple) -> QuoteRow:
    values = list(row)
    for i in _BOOLEANS:
        values[i] = bool(values[i])
    return QuoteRow(*values)


def fts_query(text: str) -> str:
    """A user's search text as an FTS5 expression.

    Plain words (and `prefix*`, AND/OR/NOT) are taken as they are, other tokens ("U.S.", "don't")
    are quoted so they need no escaping; text with quotes or parentheses is passed through as FTS5
    syntax for users who want phrases and grouping.
    """
    text = text.strip()
    if not text:
        raise BadQuery("empty search; give one or more words")
    if any(c in text for c in '"()'):
        return text
    terms = []
    for token in text.split():
        if token in _OPERATORS or _PLAIN_TERM.match(token):
            terms.append(token)
        else:
            terms.append('"' + token.replace('"', '""') + '"')
    if terms[0] in _OPERATORS or terms[-1] in _OPERATORS:
        raise BadQuery(f"search {text!r} starts or ends with an operator; put words on both sides of "
                       "AND / OR / NOT")
    return " ".join(terms)


def _phrase(text: str) -> str | None:
    words = re.findall(r"\w+", text, re.UNICODE)
    return '"' + " ".join(words) + '"' if words else None


def check_date(name: str, value: str | None) -> str | None:
    """`value` when it is a real date or date prefix (YYYY, YYYY-MM, YYYY-MM-DD); None when absent.

    The one reading of a date filter, for the library, the CLI and the web: BadQuery names the
    filter for anything else, including days that do not exist (2021-02-30, 2021-99-99).
    """
    if value is None:
        return None
    value = str(value).strip()
    try:
        return parse_date_prefix(value)
    except ValueError as exc:
        raise BadQuery(f"{name} must be a real date like 2021-08-15, 2021-08 or 2021, not {value!r}: {exc}") from None


def _check_limit(limit: int, offset: int) -> None:
    if not 0 <= int(limit) <= MAX_LIMIT:
        raise BadQuery(f"limit must be between 0 and {MAX_LIMIT}, not {limit}")
    if int(offset) < 0:
        raise BadQuery(f"offset must be 0 or more, not {offset}")


def check_paging(limit: int, offset: int) -> None:
    """BadQuery for a limit or offset out of range (for listings outside this module)."""
    _check_limit(limit, offset)


def quotes_by_id(conn: sqlite3.Connection, ids: list[int]) -> Rows[QuoteRow]:
    """The quotes `ids`, in that order (unknown ids left out)."""
    found = {r[0]: r for r in conn.execute(
        QUOTE_SELECT + " WHERE q.id IN (SELECT value FROM json_each(?))",  # noqa: S608 - fixed SQL
        (json.dumps(ids),)).fetchall()}
    return Rows(quote_row(found[i]) for i in ids if i in found)


def escape_like(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\': its %, _ and \\ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(text: str) -> str:
    return f"%{escape_like(text)}%"


def _outlets(conn: sqlite3.Connection, outlet: str) -> list[str]:
    """Stored outlet names equal to `outlet` ignoring case (so the outlet index can be used)."""
    rows = conn.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet LIKE ? ESCAPE '\\' "
        "UNION SELECT DISTINCT outlet FROM article_copies WHERE outlet LIKE ? ESCAPE '\\'",
        (escape_like(outlet), escape_like(outlet))).fetchall()
    return [r[0] for r in rows if r[0] is not None] or [outlet]


def speaker_people(conn: sqlite3.Connection, speaker: str) -> list[int]:
    """Registry people whose name or an alias contains `speaker` as whole words, ignoring case
    ("Stoltenberg" finds "Jens Stoltenberg", not "Stoltenbergs"; "Smith" not "Smithson")."""
    speaker = " ".join(speaker.split())
    if not speaker:
        return []
    words = re.compile(r"(?<!\w)" + re.escape(speaker) + r"(?!\w)", re.IGNORECASE)
    phrase = _phrase(speaker)
    if phrase:
        # The names index finds every name holding the words in a row (an index lookup); the
        # pattern then keeps the whole-word matches of the text as typed.
        rows = conn.execute("SELECT person_id, name FROM people_names_fts WHERE people_names_fts MATCH ?",
                            ("name : " + phrase,))
    else:  # no word characters at all: only a scan can tell
        like = _like(speaker)
        rows = conn.execute("SELECT id, name FROM people WHERE name LIKE ? ESCAPE '\\' "
                            "UNION SELECT person_id, alias FROM person_aliases WHERE alias LIKE ? ESCAPE '\\'",
                            (like, like))
    return sorted({pid for pid, name in rows if words.search(name)})


def _outlet_clause(conn: sqlite3.Connection, outlet: str, clauses: list[str], params: list[Any]) -> None:
    """Articles of the outlet, and articles an exact copy of which the outlet published too."""
    names = _outlets(conn, outlet)
    marks = ",".join("?" for _ in names)
    clauses.append(f"(a.outlet IN ({marks}) OR a.id IN "  # noqa: S608 - placeholders only
                   f"(SELECT article_id FROM article_copies WHERE outlet IN ({marks})))")
    params += names + names


def _date_clauses(column: str, since: str | None, until: str | None, clauses: list[str],
                  params: list[Any]) -> None:
    """`column` within since..until, both inclusive at their own precision (YYYY, YYYY-MM, YYYY-MM-DD)."""
    since, until = check_date("since", since), check_date("until", until)
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since)
    if until:
        # '~' sorts after every digit and '-', so "2021-08" includes 2021-08-31.
        clauses.append(f"{column} < ?")
        params.append(until + "~")


@dataclass(frozen=True)
class QuoteFilter:
    """The filters of `Corpus.quotes`; every one given must hold (they combine with AND).

    `include_duplicates=None` means: leave out quotes of near-duplicate copies unless the caller
    asks for an outlet or an article, where the copy is exactly what they want.
    """

    speaker: str | None = None
    search: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    person_id: int | None = None
    article_id: str | None = None
    include_duplicates: bool | None = None
    about: str | None = None  # entity-based: quotes about this person (any alias), organisation, place, group
    role: str | None = None  # quotes of people who held a role of this title (the registry's roles)

    def kwargs(self) -> dict[str, Any]:
        """The filters that are set, as `Corpus.quotes(**…)` / `count_quotes(**…)` take them."""
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def where(self, conn: sqlite3.Connection, speakers: list[int] | None = None, *,
              speaker_part: str = "both", probe: bool = False, joined: bool = True) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters; `speakers` = `speaker_people(conn, self.speaker)` if known.

        A speaker matches the quotes of the registry people `speakers`, and the quotes linked to no
        registry person whose speaker mention or in-article name has the words. `speaker_part`
        "people" or "unlinked" keeps one of the two (the listing fetches them separately).
        `probe` tests the search and the speaker mention quote by quote (one full-text index probe
        each) instead of collecting every match first: for walks that test a few hundred quotes.
        `joined` False: for `FROM quotes q` alone, the article's conditions (and that it exists) in
        one EXISTS on `articles a`, which is what the join to it selects.
        """
        clauses: list[str] = []
        params: list[Any] = []
        on_article: list[str] = []
        article_params: list[Any] = []
        if self.speaker:
            if speakers is None:
                speakers = speaker_people(conn, self.speaker)
            parts = []
            if speaker_part in ("both", "people"):
                parts.append("q.person_id IN (SELECT value FROM json_each(?))")
                params.append(json.dumps(speakers))
            phrase = _phrase(self.speaker)
            if phrase and speaker_part in ("both", "unlinked") and probe:
                parts.append("(q.person_id IS NULL AND EXISTS "
                             "(SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = q.id))")
                params.append("{speaker person} : " + phrase)
            elif phrase and speaker_part in ("both", "unlinked"):
                parts.append("(q.person_id IS NULL AND q.id IN "
                             "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?))")
                params.append("{speaker person} : " + phrase)
            clauses.append("(" + (" OR ".join(parts) or "0") + ")")
        if self.search and probe:
            clauses.append("EXISTS (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = q.id)")
            params.append("text : (" + fts_query(self.search) + ")")
        elif self.search:
            clauses.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append("text : (" + fts_query(self.search) + ")")
        if self.outlet:
            if joined:
                _outlet_clause(conn, self.outlet, clauses, params)
            else:
                _outlet_clause(conn, self.outlet, on_article, article_params)
        _date_clauses("q.said_on", self.since, self.until, clauses, params)
        if self.kind:
            if self.kind not in QUOTE_KINDS:
                raise BadQuery(f"kind must be one of {', '.join(QUOTE_KINDS)}, not {self.kind!r}")
            clauses.append("q.kind = ?")
            params.append(self.kind)
        if self.person_id is not None:
            clauses.append("q.person_id = ?")
            params.append(int(self.person_id))
        if self.article_id:
            clauses.append("q.article_id = ?")
            params.append(self.article_id)
        if self.about:
            sql, values = about_clause(self.about, speaker_people(conn, self.about))
            clauses.append(sql)
            params += values
        if self.role:
            clauses.append("q.person_id IN (SELECT person_id FROM person_roles WHERE title = ? COLLATE NOCASE)")
            params.append(self.role.strip())
        include = self.include_duplicates
        if include is None:
            include = bool(self.outlet or self.article_id)
        if not include:
            # '+' keeps the planner off the duplicate_of index: its statistics count every NULL as
            # a value of its own, so "IS NULL" looks like a handful of rows when it is nearly all.
            (clauses if joined else on_article).append("+a.duplicate_of IS NULL")
        if not joined:
            clauses.append("EXISTS (SELECT 1 FROM articles a WHERE a.id = q.article_id"  # noqa: S608 - placeholders only
                           + "".join(" AND " + c for c in on_article) + ")")
            params += article_params
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# Errors that are not the search expression's fault: an interrupt (a caller's time limit through
# a progress handler or `Connection.interrupt()`), locking, I/O. They pass through unchanged.
_NOT_THE_QUERY = ("interrupted", "locked", "disk", "I/O", "readonly")


def _run(conn: sqlite3.Connection, sql: str, params: list[Any], search: str | None) -> sqlite3.Cursor:
    """`conn.execute`, with a bad search expression raised as BadQuery.

    `sqlite3.OperationalError: interrupted` (and locking or I/O errors) propagate as they are, so a
    server can tell a query it stopped from one the user mistyped.
    """
    try:
        return conn.execute(sql, params)
    except sqlite3.OperationalError as exc:
        message = str(exc)
        # With a search expression in play, any other error is the expression's fault
        # ("fts5: syntax error", "unterminated string", "no such column: xyz").
        if search and not any(w in message for w in _NOT_THE_QUERY):
            raise BadQuery(f"cannot search for {search!r} ({message}); use words, \"exact phrases\", "
                           "prefix*, AND, OR, NOT and parentheses") from None
        raise


def walk_threshold(total: int, wanted: int) -> int | None:
    """Matches above which walking the date index wins; None when the store is too small to care.

    Walking reads about total/matches * wanted quotes; fetching and sorting costs about 5x more
    per match, so the break-even is near sqrt(10 * total * wanted / 50) for 50 rows wanted.
    """
    cap = max(2000, int((10 * total * max(wanted, 1) / 50) ** 0.5))
    return cap if total >= 4 * cap else None


def _many_matches(conn: sqlite3.Connection, flt: QuoteFilter, wanted: int, speakers: list[int], *,
                  by_mention: bool = True) -> bool:
    """Whether every selective filter of `flt` matches so many quotes that walking the date index
    (reading about total/matches quotes per row wanted) beats fetching and sorting all matches.

    Each filter's matches are counted only up to a cap, so deciding costs about a millisecond.
    """
    if flt.article_id or flt.person_id is not None and not flt.speaker:
        return False
    total = conn.execute("SELECT MAX(id) FROM quotes").fetchone()[0] or 0
    cap = walk_threshold(total, wanted)
    if cap is None:
        return False
    counted = "SELECT COUNT(*) FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?)"
    try:
        if flt.search and conn.execute(counted, ("text : (" + fts_query(flt.search) + ")", cap)).fetchone()[0] < cap:
            return False
        if flt.speaker:
            phrase = _phrase(flt.speaker)
            by_name = conn.execute(counted, ("{speaker person} : " + phrase, cap)).fetchone()[0] \
                if phrase and by_mention else 0
            by_person = conn.execute("SELECT COALESCE(SUM(quotes), 0) FROM person_stats WHERE person_id IN "
                                     "(SELECT value FROM json_each(?))", (json.dumps(speakers),)).fetchone()[0]
            if by_name + by_person < cap:
                return False
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
        return False  # the real query reports the bad expression
    if flt.outlet:
        names = _outlets(conn, flt.outlet)
        marks = ",".join("?" for _ in names)
        # Articles stand in for their quotes (at the store's average quotes per article).
        articles = conn.execute("SELECT MAX(rowid) FROM articles").fetchone()[0] or 1
        wanted_articles = max(1, cap * articles // max(total, 1))
        in_outlet = conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM articles WHERE outlet IN ({marks}) LIMIT ?)",  # noqa: S608
                                 [*names, wanted_articles]).fetchone()[0]
        if in_outlet < wanted_articles:
            return False
    return bool(flt.speaker or flt.search or flt.outlet or flt.kind)


# quotes_dated (store/dated.sql): rowid = (LAST_DAY - date key of said_on) * 2^34 + quote id, so
# rowids ascending are the listing's order (newest statement first, then id ascending).
DATED_SHIFT = 1 << 34
_ID_BITS = DATED_SHIFT - 1
LAST_DAY = 99999999
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_ISO_YEAR = re.compile(r"[0-9]{4}")


def date_key(said_on: str | None) -> int:
    """`said_on` as store/dated.sql orders it: YYYYMMDD with 00 for an unknown month or day, 0 when
    undated (or not an ISO date). For ISO dates the integers sort as the strings do."""
    if said_on is None:
        return 0
    if _ISO_DAY.fullmatch(said_on):
        return int(said_on[:4] + said_on[5:7] + said_on[8:10])
    if _ISO_MONTH.fullmatch(said_on):
        return int(said_on[:4] + said_on[5:7] + "00")
    if _ISO_YEAR.fullmatch(said_on):
        return int(said_on + "0000")
    return 0


def dated_key(said_on: str | None, quote_id: int) -> int:
    """The quote's rowid in `quotes_dated`."""
    return (LAST_DAY - date_key(said_on)) * DATED_SHIFT + int(quote_id)


def _dated_range(flt: QuoteFilter) -> tuple[int, int] | None:
    """The `quotes_dated` rowids of the filter's since..until (undated quotes left out), None if unbounded."""
    since, until = check_date("since", flt.since), check_date("until", flt.until)
    if not since and not until:
        return None
    low = max(1, date_key(since)) if since else 1
    # until is inclusive at its own precision: 2021-08 takes in 2021-08-31, 2021 all of 2021.
    high = date_key(until) + {4: 9999, 7: 99}.get(len(until), 0) if until else LAST_DAY
    return (LAST_DAY - high) * DATED_SHIFT, (LAST_DAY - low + 1) * DATED_SHIFT - 1


def _dated_matches(conn: sqlite3.Connection, flt: QuoteFilter) -> tuple[str, list[Any]]:
    """The search's matches in `quotes_dated` (rowids), within the filter's dates."""
    sql = "SELECT rowid FROM quotes_dated WHERE quotes_dated MATCH ?"
    params: list[Any] = ["text : (" + fts_query(flt.search or "") + ")"]
    bounds = _dated_range(flt)
    if bounds:
        sql += " AND rowid BETWEEN ? AND ?"
        params += list(bounds)
    return sql, params


def count_search(conn: sqlite3.Connection, flt: QuoteFilter, cap: int) -> int:
    """The search's matches within the filter's dates, counted up to `cap` (other filters ignored)."""
    sql, params = _dated_matches(conn, flt)
    return _run(conn, f"SELECT COUNT(*) FROM ({sql} LIMIT ?)", params + [int(cap)], flt.search).fetchone()[0]  # noqa: S608


# Rows a walk down `quotes_dated` may read before the plain query (every match, sorted) takes over.
WALK_BUDGET = 20_000


_CHUNK_IDS = ("SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id "
              "WHERE q.id IN (SELECT value FROM json_each(?))")


def _next_chunk(needed: int, found: int, read: int) -> int:
    """Rows to read next when `found` of `read` kept so far and `needed` more are wanted: about what
    the rate so far says will do (a fifth more), at least 64 and at most 8192."""
    rate = max(found, 1) / max(read, 1)
    return max(64, min(8192, int(1.2 * needed / rate)))


def _walk_dated(conn: sqlite3.Connection, flt: QuoteFilter, speakers: list[int] | None, wanted: int, *,
                budget: int = WALK_BUDGET) -> list[int] | None:
    """The first `wanted` ids of a search listing, read newest first off `quotes_dated`, each chunk of
    matches checked against the other filters in one query; None when more than `budget` matches
    had to be read (the other filters are too selective for walking: the caller sorts instead).
    """
    sql, params = _dated_matches(conn, flt)
    matches = _run(conn, sql + " ORDER BY rowid", params, flt.search)
    where, rest = replace(flt, search=None).where(conn, speakers, probe=True)
    others = " AND " + where[len(" WHERE "):] if where else ""
    check = _CHUNK_IDS + others
    found: list[int] = []
    read, size = 0, min(wanted, 64)
    while len(found) < wanted:
        chunk = [rowid & _ID_BITS for (rowid,) in matches.fetchmany(size)]
        if not chunk:
            break
        read += len(chunk)
        kept = {r[0] for r in _run(conn, check, [json.dumps(chunk), *rest], flt.speaker)}
        found += [i for i in chunk if i in kept]
        if read >= budget and len(found) < wanted:
            matches.close()
            return None
        size = _next_chunk(wanted - len(found), len(found), read)
    matches.close()
    return found[:wanted]


def _sorted_ids(conn: sqlite3.Connection, flt: QuoteFilter, limit: int, offset: int) -> list[int]:
    """One page by fetching every match's id and sorting (or walking the date index when the
    filters match many thousands of quotes). The article is checked by a subquery, not a join:
    for a join SQLite first builds a Bloom filter over every article (90 ms at 500,000 articles)
    however few rows the page needs."""
    where, params = flt.where(conn, joined=False)
    select = _QUOTE_IDS_BY_DATE if _many_matches(conn, flt, limit + offset, []) else _QUOTE_IDS
    sql = select + where + " ORDER BY q.said_on DESC, q.id LIMIT ? OFFSET ?"
    return [r[0] for r in _run(conn, sql, params + [limit, offset], flt.search)]


def quote_ids(conn: sqlite3.Connection, flt: QuoteFilter, limit: int, offset: int = 0) -> list[int]:
    """The ids of one page of `quotes(flt)`, in the listing's order (newest statement first, then id)."""
    if flt.speaker:
        return _speaker_ids(conn, flt, limit, offset)
    if flt.search and not flt.article_id and flt.person_id is None:
        ids = _walk_dated(conn, flt, None, limit + offset)
        if ids is not None:
            return ids[offset:]
    return _sorted_ids(conn, flt, limit, offset)


def quotes(conn: sqlite3.Connection, flt: QuoteFilter, *, limit: int = 50, offset: int = 0) -> Rows[QuoteRow]:
    """Quotes matching `flt`, newest statement first."""
    _check_limit(limit, offset)
    ids = quote_ids(conn, flt, int(limit), int(offset))
    if not ids:
        return Rows()
    found = {r[0]: r for r in conn.execute(
        QUOTE_SELECT + f" WHERE q.id IN ({','.join('?' for _ in ids)})", ids).fetchall()}
    return Rows(quote_row(found[i]) for i in ids)


# A speaker filter naming at most this many registry people is answered person by person.
PER_PERSON_MAX = 100
_DATED_IDS = "SELECT q.id, q.said_on FROM quotes q JOIN articles a ON a.id = q.article_id"
_PERSON_IDS = ("SELECT q.id, q.said_on FROM quotes q INDEXED BY quotes_person "
               "JOIN articles a ON a.id = q.article_id")
_ORDER = " ORDER BY q.said_on DESC, q.id LIMIT ?"


def _listing_key(row: tuple[Any, ...]) -> tuple[bool, str, int]:
    """Sort key of (id, said_on) that, largest first, is the listing's order: said_on DESC with
    undated last (as SQLite orders NULL), then id ascending (more fields after the two are ignored)."""
    return row[1] is not None, row[1] or "", -row[0]


def _merge_newest_first(parts: Iterable[Iterable[tuple[int, str | None]]], count: int) -> list[int]:
    """The first `count` ids of several (id, said_on) streams, each already in the listing's order.

    Streams are read lazily (a cursor steps one row at a time), so about `count` rows are read
    in all, plus one per stream.
    """
    return [row[0] for row in islice(heapq.merge(*parts, key=_listing_key, reverse=True), count)]


def _speaker_ids(conn: sqlite3.Connection, flt: QuoteFilter, limit: int, offset: int) -> list[int]:
    """Ids of one page of a speaker-filtered listing.

    The speaker is resolved to registry people first (`speaker_people`, a lookup in the names and
    aliases). Each person's quotes are then read newest first down the `quotes_person` index and
    merged, so the cost follows the page size, not how often the people are quoted. With more
    than PER_PERSON_MAX people, or a full-text search in the filter, one query serves them all.
    Quotes with no registry person are matched by their speaker mention, in a query of their own
    that is skipped when every quote has a person.
    """
    wanted = limit + offset
    speaker = flt.speaker or ""
    speakers = speaker_people(conn, speaker)
    if flt.person_id is not None:
        speakers = [p for p in speakers if p == int(flt.person_id)]
    parts: list[Iterable[tuple[int, str | None]]] = []
    plan = _search_plan(conn, flt, speakers, wanted) if flt.search else "people"
    if plan == "walk":
        ids = _walk_dated(conn, flt, speakers, wanted)
        if ids is not None:
            return ids[offset:]
        plan = "sort"
    if plan == "intersect":
        return _intersect(conn, flt, speakers, wanted)[offset:]
    if plan == "scan":
        return _scan(conn, flt, speakers, wanted)[offset:]
    if speakers and len(speakers) <= PER_PERSON_MAX and plan in ("people", "probe"):
        for person_id in speakers:
            where, params = replace(flt, speaker=None, person_id=person_id).where(conn, probe=plan == "probe")
            parts.append(_run(conn, _PERSON_IDS + where + _ORDER, params + [wanted], flt.search))
    elif speakers:
        where, params = flt.where(conn, speakers, speaker_part="people")
        walk = _many_matches(conn, flt, wanted, speakers, by_mention=False)
        select = (_IDS_BY_DATE if walk else _IDS).replace("SELECT q.id", "SELECT q.id, q.said_on", 1)
        parts.append(_run(conn, select + where + _ORDER, params + [wanted], flt.search))
    if _phrase(speaker) and _has_unlinked(conn):
        where, params = flt.where(conn, speakers, speaker_part="unlinked", probe=plan == "probe")
        parts.append(_run(conn, _DATED_IDS + where + _ORDER, params + [wanted], flt.search or flt.speaker))
    return _merge_newest_first(parts, wanted)[offset:]


# What each step of a speaker + search plan costs, in microseconds (measured at 1M quotes on the
# 2-core machine): checking one quote against the filters by id, probing the full-text index for
# one quote, reading one entry of a person's date index, reading one match of a full-text range.
CHECK_COST, PROBE_COST, STREAM_COST, MATCH_COST = 3.0, 100.0, 1.0, 0.25
# Reading one of a person's quotes with its text and testing it for the search's words ("scan").
TEXT_COST = 4.0
# Search matches counted, at most, to choose a plan (past it, their number is extrapolated).
PLAN_CAP = 5_000


def _day(key: int) -> int:
    """A date key (YYYYMMDD) as a day number, near enough to compare spans of time."""
    return key // 10000 * 372 + key // 100 % 100 * 31 + key % 100


def _search_size(conn: sqlite3.Connection, flt: QuoteFilter) -> int:
    """About how many quotes match the search within the filter's dates: counted up to PLAN_CAP
    newest first, beyond that extrapolated over the dates left (quotes_dated's rowids are dates)."""
    sql, params = _dated_matches(conn, flt)
    counted, last = _run(conn, f"SELECT COUNT(*), MAX(rowid) FROM ({sql} ORDER BY rowid LIMIT ?)",  # noqa: S608
                         params + [PLAN_CAP], flt.search).fetchone()
    if counted < PLAN_CAP:
        return counted
    # Two statements: SQLite reads a lone MIN or MAX off the index, both at once by a scan.
    first = conn.execute("SELECT MIN(said_on) FROM quotes").fetchone()[0]
    newest = conn.execute("SELECT MAX(said_on) FROM quotes").fetchone()[0]
    low, high = date_key(first), date_key(newest)
    bounds = _dated_range(flt)
    if bounds:  # the filter's dates, within the dates there are
        low = max(low, LAST_DAY - bounds[1] // DATED_SHIFT)
        high = min(high, LAST_DAY - bounds[0] // DATED_SHIFT)
    span, seen = max(1, _day(high) - _day(low)), max(1, _day(high) - _day(LAST_DAY - last // DATED_SHIFT))
    return int(counted * max(1.0, span / seen))


def _search_plan(conn: sqlite3.Connection, flt: QuoteFilter, speakers: list[int], wanted: int) -> str:
    """How to list a speaker + search filter, the cheapest of:

    "walk": the search's matches newest first, each checked for the speaker (reads about
    wanted * total / said matches); "intersect": the speaker's people's quotes newest first off their
    date index, chunk by chunk intersected with the search's matches in the chunk's dates (reads about
    wanted * total / matches of theirs, and the matches in the dates those span); "probe": their
    quotes newest first, each probed in the full-text index (for the rare speaker of a very
    common word); "scan": their quotes newest first with their texts, probing only those whose
    text holds every word of the search (`required_words`), so about as many probes as rows
    found; "sort": every match, sorted (many people, or a person or article filter).
    The estimates take the speaker and the words as independent.
    """
    if not speakers or len(speakers) > PER_PERSON_MAX or flt.article_id or flt.person_id is not None:
        return "sort"
    try:
        matches = max(1, _search_size(conn, flt))
    except BadQuery:
        return "sort"  # the listing reports the expression
    said = max(1, conn.execute("SELECT COALESCE(SUM(quotes), 0) FROM person_stats WHERE person_id IN "
                               "(SELECT value FROM json_each(?))", (json.dumps(speakers),)).fetchone()[0])
    total = conn.execute("SELECT MAX(id) FROM quotes").fetchone()[0] or 0
    theirs = min(said, wanted * total / matches)  # of the speaker's quotes, read newest first
    costs = {
        "walk": CHECK_COST * min(matches, wanted * total / said),
        "intersect": STREAM_COST * theirs + MATCH_COST * matches * theirs / said + CHECK_COST * wanted,
        "probe": (PROBE_COST + STREAM_COST) * theirs,
    }
    if required_words(flt.search or "") is not None:
        # The speaker's quotes with their texts; only those holding every word are probed.
        costs["scan"] = TEXT_COST * theirs + PROBE_COST * theirs * min(1.0, 1.5 * matches / max(total, 1))
    if costs["walk"] > CHECK_COST * WALK_BUDGET:
        del costs["walk"]
    return min(costs, key=costs.__getitem__)


_IN_CHUNK = " AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))"


def _intersect(conn: sqlite3.Connection, flt: QuoteFilter, speakers: list[int], wanted: int) -> list[int]:
    """The first `wanted` ids of a speaker + search listing ("intersect" in `_search_plan`)."""
    dates: list[str] = []
    bounds: list[Any] = []
    _date_clauses("q.said_on", flt.since, flt.until, dates, bounds)
    within = "".join(" AND " + clause for clause in dates)
    streams: list[Iterable[tuple[int, str | None]]] = [
        conn.execute("SELECT q.id, q.said_on FROM quotes q INDEXED BY quotes_person WHERE q.person_id = ?"  # noqa: S608
                     + within + " ORDER BY q.said_on DESC, q.id", [person_id, *bounds])
        for person_id in speakers]
    if _phrase(flt.speaker or "") and _has_unlinked(conn):
        where, params = replace(flt, search=None).where(conn, speakers, speaker_part="unlinked")
        streams.append(_run(conn, _DATED_IDS + where + " ORDER BY q.said_on DESC, q.id", params, flt.speaker))
    merged = heapq.merge(*streams, key=_listing_key, reverse=True)
    match_sql, match_params = _dated_matches(conn, replace(flt, since=None, until=None))
    where, rest = replace(flt, search=None).where(conn, speakers, probe=True)
    check = _CHUNK_IDS + (" AND " + where[len(" WHERE "):] if where else "")
    found: list[int] = []
    read, size = 0, min(wanted, 256)
    while len(found) < wanted:
        chunk = [(quote_id, dated_key(said_on, quote_id)) for quote_id, said_on in islice(merged, size)]
        if not chunk:
            break
        keys = [key for _, key in chunk]
        # The matches in the chunk's dates, kept in SQL when they are the chunk's quotes ('+' keeps
        # the IN a filter on what the range yields, not a probe of the index per key).
        hits = {rowid for (rowid,) in _run(conn, match_sql + _IN_CHUNK,
                                           match_params + [min(keys), max(keys), json.dumps(keys)], flt.search)}
        candidates = [quote_id for quote_id, key in chunk if key in hits]
        if candidates:
            kept = {r[0] for r in _run(conn, check, [json.dumps(candidates), *rest], flt.speaker)}
            found += [quote_id for quote_id in candidates if quote_id in kept]
        read += len(chunk)
        size = _next_chunk(wanted - len(found), len(found), read)
    return found[:wanted]


_FTS_OPERATORS = re.compile(r"\b(?:OR|NOT|NEAR)\b")
_ASCII_ALNUM = re.compile(r"[a-z0-9]+")


def required_words(search: str) -> tuple[str, ...] | None:
    """Lower-case ASCII strings that the text of every quote the search matches holds (after the
    folding of `fold_text`), or None when the search is not a plain AND of terms and phrases (OR,
    NOT, NEAR, column filters, non-ASCII terms): those are left to the full-text index alone.

    A term matches a token the tokenizer folds to it, so the folded text holds the term; a prefix
    (`tax*`) or a phrase's words are held the same way.
    """
    try:
        expression = fts_query(search)
    except BadQuery:
        return None
    if not expression.isascii() or _FTS_OPERATORS.search(expression) or any(c in expression for c in ":{}"):
        return None
    words = _ASCII_ALNUM.findall(" ".join(t for t in expression.split() if t != "AND").lower())
    return tuple(sorted(set(words), key=len, reverse=True)) or None


def fold_text(text: str) -> str | None:
    """`text` folded at least as far as the full-text tokenizer (unicode61, remove_diacritics 2)
    folds to ASCII: lower case, accents dropped, other non-ASCII marks and separators dropped;
    None when a non-ASCII letter or digit is left that the tokenizer might fold to ASCII in its
    own way (the text is then not ruled out). Dropping characters only joins runs, so every ASCII
    token the tokenizer reads is still a substring of the result.
    """
    if text.isascii():
        return text.lower()
    out = []
    for char in text:
        if char.isascii():
            out.append(char.lower())
            continue
        for part in unicodedata.normalize("NFKD", char):
            if part.isascii():
                out.append(part.lower())
            elif unicodedata.category(part)[0] in "LN" or unicodedata.category(part) == "Co":
                return None
    return "".join(out)


def may_match(text: str | None, words: tuple[str, ...]) -> bool:
    """False only when `text` cannot match a search whose `required_words` are `words`."""
    folded = fold_text(text) if text is not None else None
    return folded is None or all(word in folded for word in words)


def _scan(conn: sqlite3.Connection, flt: QuoteFilter, speakers: list[int], wanted: int) -> list[int]:
    """The first `wanted` ids of a speaker + search listing ("scan" in `_search_plan`): the speaker's
    quotes newest first with their texts; those holding the search's words are checked against
    every filter (the search by a full-text probe), chunk by chunk."""
    words = required_words(flt.search or "") or ()
    dates: list[str] = []
    bounds: list[Any] = []
    _date_clauses("q.said_on", flt.since, flt.until, dates, bounds)
    within = "".join(" AND " + clause for clause in dates)
    streams: list[Iterable[tuple[int, str | None, str | None]]] = [
        conn.execute("SELECT q.id, q.said_on, q.text FROM quotes q INDEXED BY quotes_person WHERE q.person_id = ?"  # noqa: S608
                     + within + " ORDER BY q.said_on DESC, q.id", [person_id, *bounds])
        for person_id in speakers]
    if _phrase(flt.speaker or "") and _has_unlinked(conn):
        where, params = replace(flt, search=None).where(conn, speakers, speaker_part="unlinked")
        streams.append(_run(conn, _DATED_IDS.replace("q.said_on", "q.said_on, q.text", 1) + where
                            + " ORDER BY q.said_on DESC, q.id", params, flt.speaker))
    merged = heapq.merge(*streams, key=_listing_key, reverse=True)
    where, rest = flt.where(conn, speakers, probe=True)
    check = _CHUNK_IDS + (" AND " + where[len(" WHERE "):] if where else "")
    found: list[int] = []
    read, size = 0, min(wanted, 256)
    while len(found) < wanted:
        chunk = list(islice(merged, size))
        if not chunk:
            break
        candidates = [quote_id for quote_id, _, text in chunk if may_match(text, words)]
        if candidates:
            kept = {r[0] for r in _run(conn, check, [json.dumps(candidates), *rest], flt.search or flt.speaker)}
            found += [quote_id for quote_id in candidates if quote_id in kept]
        read += len(chunk)
        size = _next_chunk(wanted - len(found), len(found), read)
    return found[:wanted]


def iter_quotes(conn: sqlite3.Connection, flt: QuoteFilter, *, chunk: int = 5000) -> Iterator[QuoteRow]:
    """Every quote matching `flt` in id order, streamed (for exports of any size)."""
    where, params = flt.where(conn)
    cursor = _run(conn, QUOTE_SELECT + where + " ORDER BY q.id", params, flt.search or flt.speaker)
    while rows := cursor.fetchmany(chunk):
        yield from (quote_row(r) for r in rows)


def _has_unlinked(conn: sqlite3.Connection) -> bool:
    """Whether any quote has no registry person (one probe of the quotes_person index)."""
    return conn.execute("SELECT 1 FROM quotes WHERE person_id IS NULL LIMIT 1").fetchone() is not None


def count_quotes(conn: sqlite3.Connection, flt: QuoteFilter) -> int:
    """How many quotes match `flt`; a speaker's people and unlinked quotes are counted apart (no OR
    for the planner to scan the mention index for)."""
    sql = "SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id"
    if flt == QuoteFilter(person_id=flt.person_id) and flt.person_id is not None and stats.is_current(conn):
        # One person's quotes (copies not counted, as in the listing) are kept in person_stats.
        row = conn.execute("SELECT quotes FROM person_stats WHERE person_id = ?", (int(flt.person_id),)).fetchone()
        return row[0] if row else 0
    if flt == QuoteFilter(person_id=flt.person_id, include_duplicates=True) and flt.person_id is not None:
        # With copies: kept per month in person_months (store/person_pages.sql).
        kept = person_pages.quote_count(conn, int(flt.person_id), copies=True)
        if kept is not None:
            return kept
    if not flt.speaker:
        where, params = flt.where(conn)
        return _run(conn, sql + where, params, flt.search).fetchone()[0]
    speakers = speaker_people(conn, flt.speaker)
    parts = ["people"] + (["unlinked"] if _phrase(flt.speaker) and _has_unlinked(conn) else [])
    total = 0
    if flt == QuoteFilter(speaker=flt.speaker) and stats.is_current(conn):
        # The speaker alone: their people's counts are kept in person_stats (copies not counted,
        # as in the listing).
        total = conn.execute("SELECT COALESCE(SUM(quotes), 0) FROM person_stats WHERE person_id IN "
                             "(SELECT value FROM json_each(?))", (json.dumps(speakers),)).fetchone()[0]
        parts.remove("people")
    for part in parts:
        where, params = flt.where(conn, speakers, speaker_part=part)
        total += _run(conn, sql + where, params, flt.search or flt.speaker).fetchone()[0]
    return total


# A capped count stops at COUNT_CAP (quotegraph.settings) unless told otherwise, and a speaker with
# a search at this at most: listing a thousand of those reads about a thousand times as many quotes
# as the page does when the two rarely meet.
SPEAKER_SEARCH_CAP = 50


def count_quotes_capped(conn: sqlite3.Connection, flt: QuoteFilter, cap: int = COUNT_CAP, *,
                        at_least: int = 0) -> QuoteCount:
    """How many quotes match `flt`, exact when that is cheap, else "more than `cap`".

    Cheap means: kept in person_stats (a speaker or person alone), or no more than `cap` matches,
    found by listing the ids of at most `cap` + 1 of them (a listing's cost, not a count of every
    match). A speaker with a search counts to SPEAKER_SEARCH_CAP at most (unless a larger `cap`
    is needed to reach past `at_least`, the end of the page shown).
    """
    cap = max(1, int(cap))
    if flt.speaker and flt.search:
        cap = min(cap, max(SPEAKER_SEARCH_CAP, int(at_least)))
    if (flt == QuoteFilter(speaker=flt.speaker) and flt.speaker or flt == QuoteFilter(person_id=flt.person_id)
            and flt.person_id is not None) and stats.is_current(conn):
        return QuoteCount(count_quotes(conn, flt), True)
    found = len(quote_ids(conn, flt, cap + 1))
    return QuoteCount(found, True) if found <= cap else QuoteCount(cap, False)


# How people and article listings can be ordered (the first is the default).
PEOPLE_ORDER = {"quotes": "{n} DESC, p.name", "name": "p.name COLLATE NOCASE, p.id",
                "recent": "{last} IS NULL, {last} DESC, {n} DESC, p.name"}
ARTICLE_ORDER = {"newest": "a.published DESC, a.rowid DESC", "oldest": "a.published IS NULL, a.published, a.rowid",
                 "quotes": "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) DESC, a.published DESC"}


def _order(orders: dict[str, str], sort: str | None) -> str:
    if sort is None:
        return next(iter(orders.values()))
    if sort not in orders:
        raise BadQuery(f"sort must be one of {', '.join(orders)}, not {sort!r}")
    return orders[sort]


def people(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0, search: str | None = None,
           kind: str | None = None, role: str | None = None, sort: str | None = None) -> Rows[PersonRow]:
    """People, most quoted first (or `sort` "name", "recent"); `role` keeps those who held a role
    with that title. Quotes in near-duplicate copies are not counted again."""
    _check_limit(limit, offset)
    order = _order(PEOPLE_ORDER, sort)
    clauses, params = [], []
    if role:
        clauses.append("p.id IN (SELECT person_id FROM person_roles WHERE title = ? COLLATE NOCASE)")
        params.append(role.strip())
    if search:
        like = _like(search.strip())
        clauses.append("(p.name LIKE ? ESCAPE '\\' OR p.id IN "
                       "(SELECT person_id FROM person_aliases WHERE alias LIKE ? ESCAPE '\\'))")
        params += [like, like]
    if kind:
        clauses.append("p.kind = ?")
        params.append(kind)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    if stats.is_current(conn) and order == PEOPLE_ORDER["quotes"]:
        # Most quoted first: the quoted, read down person_stats(quotes) (not every person sorted),
        # then, if the page reaches past them, the people never quoted, by name.
        wanted = int(limit) + int(offset)
        quoted = " AND ".join(["s.quotes > 0", *clauses])
        rows = conn.execute(f"""
            SELECT p.id, p.name, p.kind, s.quotes, s.articles, s.first_said, s.last_said
            FROM person_stats s INDEXED BY person_stats_quotes JOIN people p ON p.id = s.person_id
            WHERE {quoted} ORDER BY s.quotes DESC, p.name LIMIT ?""", params + [wanted]).fetchall()  # noqa: S608
        if len(rows) < wanted:
            unquoted = " AND ".join(["COALESCE(s.quotes, 0) = 0", *clauses])
            rows += conn.execute(f"""
                SELECT p.id, p.name, p.kind, 0, 0, NULL, NULL
                FROM people p LEFT JOIN person_stats s ON s.person_id = p.id
                WHERE {unquoted} ORDER BY p.name LIMIT ?""", params + [wanted - len(rows)]).fetchall()  # noqa: S608
        return _person_rows(conn, rows[int(offset):])
    elif stats.is_current(conn):
        sql = f"""
            SELECT p.id, p.name, p.kind, COALESCE(s.quotes, 0), COALESCE(s.articles, 0), s.first_said, s.last_said
            FROM people p LEFT JOIN person_stats s ON s.person_id = p.id
            {where}
            ORDER BY {order.format(n="COALESCE(s.quotes, 0)", last="s.last_said")}
            LIMIT ? OFFSET ?"""  # noqa: S608 - placeholders only
    else:  # a write outside the store left counts pending: count from the quotes themselves
        sql = f"""
            SELECT p.id, p.name, p.kind, COUNT(s.id), COUNT(DISTINCT s.article_id), MIN(s.said_on), MAX(s.said_on)
            FROM people p
            LEFT JOIN (SELECT q.id, q.person_id, q.article_id, q.said_on FROM quotes q
                       JOIN articles a ON a.id = q.article_id WHERE +a.duplicate_of IS NULL) s
                ON s.person_id = p.id
            {where}
            GROUP BY p.id ORDER BY {order.format(n="COUNT(s.id)", last="MAX(s.said_on)")}
            LIMIT ? OFFSET ?"""  # noqa: S608
    return _person_rows(conn, conn.execute(sql, params + [int(limit), int(offset)]).fetchall())


def _person_rows(conn: sqlite3.Connection, rows: list[tuple]) -> Rows[PersonRow]:
    """PersonRows of (id, name, kind, quotes, articles, first, last) rows, with roles and aliases."""
    # The page's roles and aliases in one query each (not two per person).
    page = json.dumps([r[0] for r in rows])
    roles: dict[int, list[tuple[str, str, str]]] = {}
    for pid, title, organisation, joiner in conn.execute(
            "SELECT person_id, title, organisation, joiner FROM person_roles WHERE person_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY person_id, last_seen DESC, title", (page,)):
        roles.setdefault(pid, []).append((title, organisation, joiner))
    aliases: dict[int, list[str]] = {}
    for pid, alias in conn.execute(
            "SELECT person_id, alias FROM person_aliases WHERE person_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY person_id, count DESC, alias", (page,)):
        aliases.setdefault(pid, []).append(alias)
    result: Rows[PersonRow] = Rows()
    for pid, name, pkind, quote_count, article_count, first, last in rows:
        result.append(PersonRow(id=pid, name=name, kind=pkind, quote_count=quote_count,
                                article_count=article_count,
                                roles=tuple(role_label(t, o, j or None) for t, o, j in roles.get(pid, ())),
                                aliases=tuple(aliases.get(pid, ())), first_said=first, last_said=last))
    return result


# What `counts` reports, each a fixed table (and condition).
_COUNTED = {"articles": "articles", "near_duplicates": "articles WHERE duplicate_of IS NOT NULL",
            "quotes": "quotes", "people": "people", "runs": "ingest_runs"}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts: articles (and how many are near-duplicates), quotes, people, runs."""
    return {name: conn.execute(f"SELECT COUNT(*) FROM {rows}").fetchone()[0]  # noqa: S608 - fixed names
            for name, rows in _COUNTED.items()}


_ARTICLE_SELECT = """
SELECT a.id, a.title, a.outlet, a.url, a.published, a.source, a.duplicate_of,
       (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id), length(a.text)
FROM articles a
"""


def articles(conn: sqlite3.Connection, *, outlet: str | None = None, since: str | None = None,
             until: str | None = None, search: str | None = None, limit: int = 50,
             offset: int = 0, sort: str | None = None) -> Rows[ArticleRow]:
    """Articles, newest first (or `sort` "oldest", "quotes"), with their quote counts; `search`
    looks in titles and texts."""
    _check_limit(limit, offset)
    order = _order(ARTICLE_ORDER, sort)
    clauses: list[str] = []
    params: list[Any] = []
    if outlet:
        _outlet_clause(conn, outlet, clauses, params)
    _date_clauses("a.published", since, until, clauses, params)
    if search:
        clauses.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_query(search))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = _ARTICLE_SELECT + where + " ORDER BY " + order + " LIMIT ? OFFSET ?"
    rows = _run(conn, sql, params + [int(limit), int(offset)], search).fetchall()
    return Rows(ArticleRow(*r) for r in rows)


def article(conn: sqlite3.Connection, article_id: str) -> ArticleDetail | None:
    """One article with everything stored about it, or None if there is no such id."""
    row = conn.execute(_ARTICLE_SELECT + " WHERE a.id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    text, authors, boilerplate = conn.execute(
        "SELECT text, authors, boilerplate FROM articles WHERE id = ?", (article_id,)).fetchone()
    quote_rows = conn.execute(QUOTE_SELECT + " WHERE q.article_id = ? ORDER BY q.start", (article_id,)).fetchall()
    people_rows = conn.execute(
        "SELECT name, person_id, kind, aliases, roles, mention_count, quote_count FROM article_people "
        "WHERE article_id = ? ORDER BY quote_count DESC, mention_count DESC, name", (article_id,)).fetchall()
    duplicates = conn.execute("SELECT id FROM articles WHERE duplicate_of = ? ORDER BY rowid",
                              (article_id,)).fetchall()
    copies = conn.execute("SELECT source, outlet, url FROM article_copies WHERE article_id = ? ORDER BY source",
                          (article_id,)).fetchall()
    return ArticleDetail(
        article=ArticleRow(*row), text=text, authors=tuple(json.loads(authors)),
        boilerplate=tuple(json.loads(boilerplate)), quotes=tuple(quote_row(r) for r in quote_rows),
        people=tuple({"name": n, "person_id": pid, "kind": k, "aliases": json.loads(al), "roles": json.loads(ro),
                      "mention_count": mc, "quote_count": qc} for n, pid, k, al, ro, mc, qc in people_rows),
        duplicates=tuple(d for (d,) in duplicates),
        copies=tuple({"source": s, "outlet": o, "url": u} for s, o, u in copies))
