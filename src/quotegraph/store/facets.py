"""Facets of a quote search: how many quotes match, and how they split by speaker, outlet, kind,
source kind and month, each value with its count.

Counts read `quote_facts` (one narrow row per quote, kept by triggers; store/overview.sql), never the
quotes and articles themselves. A search with no filters, or with only kind and whole-month dates,
is answered from `quote_counts` (quotes by outlet, month, kind and source kind), a few thousand rows
whatever the store's size. `facts_where` is the filter as a WHERE clause over `quote_facts f`: the
same filters as `QuoteFilter.where`, and tests hold the two to the same counts.
"""
from __future__ import annotations

import copy
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from quotegraph.errors import BadQuery
from quotegraph.records import QUOTE_KINDS
from quotegraph.store.about import clause as about_clause
from quotegraph.store.queries import (_ID_BITS, QuoteFilter, _dated_range, _outlets, _phrase, _run, check_date,
                                      escape_like, fts_query, speaker_people)

FACETS = ("speaker", "role", "outlet", "kind", "source_kind", "month")
TOP = 10
# What a facet value filters on when clicked: the QuoteFilter field it sets (months set both dates).
FACET_FILTER = {"speaker": "speaker", "role": "role", "outlet": "outlet", "kind": "kind", "month": "since"}


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: `value` as a filter takes it, `label` as shown, `count` quotes."""

    value: str
    label: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count}

    def __deepcopy__(self, memo: dict[int, Any]) -> FacetValue:
        # Frozen and made of a str, a str and an int: itself is its copy. The server keeps overviews
        # and copies each it keeps and hands out (web/params.py, Remembered): field by field, 0.26-0.37
        # ms an overview, 0.03-0.045 so (docs/web.md, twelfth round).
        return self


@dataclass(frozen=True)
class Facets:
    """The matching quotes' `total` and each facet's values, most quotes first (months newest first).

    `more` names the facets that have values beyond those listed; `step` > 1 means the counts are
    estimates from an every-step-th sample of the matches; `newest` > 0 means more than `newest`
    quotes match and every count (and `total`, which is then `newest`) is of the newest `newest` only."""

    total: int
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    more: frozenset[str] = frozenset()
    step: int = 1
    newest: int = 0

    def __deepcopy__(self, memo: dict[int, Any]) -> Facets:
        # Only the dict of facets can change; its values are tuples of FacetValue (frozen).
        return Facets(self.total, {k: copy.deepcopy(vs, memo) for k, vs in self.facets.items()}, self.more,
                      self.step, self.newest)

    @property
    def estimated(self) -> bool:
        """True when the counts were scaled up from an every-`step`-th sample of the matches."""
        return self.step > 1

    @property
    def exact(self) -> bool:
        """True when `total` and every count are of all the matches."""
        return self.step == 1 and not self.newest

    def to_dict(self) -> dict[str, Any]:
        counted = "newest" if self.newest else "sample" if self.estimated else "all"
        return {"total": self.total, "total_exact": self.exact, "counted": counted,
                "counted_matches": self.newest or None, "estimated": self.estimated, "sample_step": self.step,
                "facets": {k: [v.to_dict() for v in vs] for k, vs in self.facets.items()},
                "more": sorted(self.more)}


# A full-text search matching more than SAMPLE_ABOVE quotes is counted on an even sample of about
# SAMPLE_SIZE of them (every n-th quote id) and the counts scaled up: a chart of a word in half the
# store then costs what a chart of a rare one does. The result says it is an estimate.
SAMPLE_ABOVE = 20_000
SAMPLE_SIZE = 6_000
# A full-text search's facets (and the search page's chart, which shares them) are exact when it
# matches at most NEWEST quotes, else counted over its newest NEWEST matches and said to be: the
# walk down `quotes_dated` then costs what a page's count does (about 4 ms at 1,000,000 quotes)
# instead of reading every match (40-150 ms for the commonest pairs of words). docs/web.md, sixth round.
NEWEST = 1_000
_DATED_FROM = "quotes_dated CROSS JOIN quote_facts f ON f.quote_id = (quotes_dated.rowid & ?)"
_FTS_FROM = "quotes_fts JOIN quote_facts f ON f.quote_id = quotes_fts.rowid"


def _narrowed(flt: QuoteFilter) -> bool:
    """Whether `flt` has a filter that an index finds few quotes by (a speaker, a person, an article)."""
    return bool(flt.speaker or flt.person_id is not None or flt.article_id)


def facts_where(conn: sqlite3.Connection, flt: QuoteFilter, *, step: int = 1,
                newest: bool = False) -> tuple[str, str, list[Any]]:
    """`flt` as (FROM, WHERE, parameters) over `quote_facts f`.

    A full-text search with nothing narrower walks the search's matches first (and with `step` > 1
    keeps every step-th quote id: a sample; with `newest`, newest first off `quotes_dated`, in the
    listing's order, within the filter's dates); with a speaker, person or article the FROM starts from
    their few quotes and each is looked up in the search's index. Without a search, `step` > 1 walks every
    step-th quote id of the store (a sample of a filter that matches a large part of it).
    """
    clauses: list[str] = []
    params: list[Any] = []
    source = "quote_facts f"
    if flt.search and not _narrowed(flt) and newest:
        source = _DATED_FROM
        params.append(_ID_BITS)
        clauses.append("quotes_dated MATCH ?")
        params.append("text : (" + fts_query(flt.search) + ")")
        bounds = _dated_range(flt)
        if bounds:
            clauses.append("quotes_dated.rowid BETWEEN ? AND ?")
            params += list(bounds)
    elif flt.search and not _narrowed(flt):
        source = _FTS_FROM
        clauses.append("quotes_fts MATCH ?")
        params.append("text : (" + fts_query(flt.search) + ")")
        if step > 1:
            clauses.append("quotes_fts.rowid % ? = 0")
            params.append(int(step))
    elif flt.search:
        clauses.append("EXISTS (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? AND quotes_fts.rowid = f.quote_id)")
        params.append("text : (" + fts_query(flt.search) + ")")
    elif step > 1:
        top = conn.execute("SELECT MAX(quote_id) FROM quote_facts").fetchone()[0] or 0
        source = ("(WITH RECURSIVE s(id) AS (SELECT ? UNION ALL SELECT id + ? FROM s WHERE id + ? <= ?) "
                  "SELECT id FROM s) s JOIN quote_facts f ON f.quote_id = s.id")
        params += [int(step), int(step), int(step), int(top)]
    if flt.speaker:
        speakers = speaker_people(conn, flt.speaker)
        if flt.person_id is not None:
            speakers = [p for p in speakers if p == int(flt.person_id)]
        parts = ["f.person_id IN (SELECT value FROM json_each(?))"]
        params.append(json.dumps(speakers))
        phrase = _phrase(flt.speaker)
        if phrase:
            parts.append("(f.person_id IS NULL AND f.quote_id IN "
                         "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?))")
            params.append("{speaker person} : " + phrase)
        clauses.append("(" + " OR ".join(parts) + ")")
    if flt.outlet:
        names = _outlets(conn, flt.outlet)
        marks = ",".join("?" for _ in names)
        clauses.append(f"(f.outlet IN ({marks}) OR f.quote_id IN (SELECT q.id FROM quotes q WHERE q.article_id IN "  # noqa: S608
                       f"(SELECT article_id FROM article_copies WHERE outlet IN ({marks}))))")
        params += names + names
    since, until = check_date("since", flt.since), check_date("until", flt.until)
    if since:
        clauses.append("f.said_on >= ?")
        params.append(since)
    if until:
        clauses.append("f.said_on < ?")
        params.append(until + "~")
    if flt.kind:
        if flt.kind not in QUOTE_KINDS:
            raise BadQuery(f"kind must be one of {', '.join(QUOTE_KINDS)}, not {flt.kind!r}")
        clauses.append("f.kind = ?")
        params.append(flt.kind)
    if flt.person_id is not None and not flt.speaker:
        clauses.append("f.person_id = ?")
        params.append(int(flt.person_id))
    if flt.article_id:
        clauses.append("f.quote_id IN (SELECT id FROM quotes WHERE article_id = ?)")
        params.append(flt.article_id)
    if flt.role:
        clauses.append("f.person_id IN (SELECT person_id FROM person_roles WHERE title = ? COLLATE NOCASE)")
        params.append(flt.role.strip())
    if flt.about:
        sql, values = about_clause(flt.about, speaker_people(conn, flt.about), column="f.quote_id")
        clauses.append(sql)
        params += values
    include = flt.include_duplicates
    if include is None:
        include = bool(flt.outlet or flt.article_id)
    if not include:
        clauses.append("f.copy = 0")
    return source, (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def sample_step(conn: sqlite3.Connection, flt: QuoteFilter) -> int:
    """1 to count every match of `flt`; n to count every n-th: a full-text search with nothing
    narrower that matches more than SAMPLE_ABOVE quotes, as its index tells in one read of the
    term's list (dates and kind may narrow it further; `cube` checks)."""
    if not flt.search or _narrowed(flt):
        return 1
    try:
        matches = conn.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH ?",
                               ("text : (" + fts_query(flt.search) + ")",)).fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
        return 1  # the real query reports the bad expression
    return 1 if matches <= SAMPLE_ABOVE else -(-matches // SAMPLE_SIZE)


def by_counts(flt: QuoteFilter) -> bool:
    """Whether `quote_counts` answers `flt` (for the whole months it covers): no filter but kind and
    dates, and near-duplicate copies left out."""
    return (not (flt.speaker or flt.search or flt.outlet or flt.person_id is not None or flt.article_id or flt.role
                 or flt.about) and not flt.include_duplicates)


def _month_after(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _month_before(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - (number == 1):04d}-{(number - 2) % 12 + 1:02d}"


def _last_day(day: str) -> bool:
    return (date.fromisoformat(day) + timedelta(days=1)).day == 1


def _from_counts(conn: sqlite3.Connection, flt: QuoteFilter) -> list[tuple[str, str, str, str, int]]:
    """`cube` of a `by_counts` filter: whole months from `quote_counts`, and the days of a month
    that a date bound cuts from the quotes themselves (a month's quotes at most at each end)."""
    since, until = check_date("since", flt.since), check_date("until", flt.until)
    first = last = None
    edges: list[tuple[str, str]] = []
    if since:
        first = f"{since}-01" if len(since) == 4 else since[:7]
        if len(since) == 10 and not since.endswith("-01"):
            first = _month_after(since[:7])
            edges.append((since, first))
    if until:
        last = f"{until}-12" if len(until) == 4 else until[:7]
        if len(until) == 10 and not _last_day(until):
            last = _month_before(until[:7])
            edges.append((until[:7], until + "~"))
    rows: list[tuple[str, str, str, str, int]] = []
    if first and last and first > last:  # both bounds inside one month
        edges = [(since or "", (until or "") + "~")]
    else:
        clauses, params = ["c.quotes > 0"], []
        if first:
            clauses.append("c.month >= ?")
            params.append(first)
        if last:
            clauses.append("c.month != '' AND c.month <= ?")
            params.append(last)
        if flt.kind:
            clauses.append("c.kind = ?")
            params.append(flt.kind)
        rows += [tuple(r) for r in conn.execute(
            "SELECT c.outlet, c.month, c.kind, c.source_kind, c.quotes FROM quote_counts c WHERE "  # noqa: S608
            + " AND ".join(clauses), params)]
    for low, high in edges:
        sql = ("SELECT COALESCE(f.outlet, ''), substr(f.said_on, 1, 7), f.kind, f.source_kind, COUNT(*) "  # noqa: S608
               "FROM quote_facts f WHERE f.quote_id IN (SELECT id FROM quotes WHERE said_on >= ? AND said_on < ?) "
               "AND f.copy = 0" + (" AND f.kind = ?" if flt.kind else "") + " GROUP BY 1, 2, 3, 4")
        rows += [tuple(r) for r in conn.execute(sql, [low, high] + ([flt.kind] if flt.kind else []))]
    return rows


@dataclass(frozen=True)
class Cube:
    """(outlet, month, kind, source_kind, quotes) rows over the quotes matching a filter ('' for no
    outlet or month); `step` > 1 when they count an every-step-th sample (multiply to estimate);
    `newest` > 0 when more than `newest` quotes match and the rows count the newest `newest` of
    them. `speakers` holds the same quotes' (person id, quotes) when they were counted in the same
    pass (a search with nothing narrower), most quoted first."""

    rows: tuple[tuple[str, str, str, str, int], ...]
    step: int = 1
    speakers: tuple[tuple[int, int], ...] | None = None
    newest: int = 0


def cube(conn: sqlite3.Connection, flt: QuoteFilter, *, newest: int | None = None) -> Cube:
    """The quotes matching `flt` counted by outlet, month, kind and source kind; a full-text search
    with nothing narrower only up to its newest `newest` matches (NEWEST unless told: see `Cube`)."""
    if by_counts(flt):
        return Cube(tuple(_from_counts(conn, flt)))
    source, where, params = facts_where(conn, flt)
    if not flt.search or _narrowed(flt):
        sql = ("SELECT COALESCE(f.outlet, ''), COALESCE(substr(f.said_on, 1, 7), ''), f.kind, f.source_kind, "  # noqa: S608
               "COUNT(*) FROM " + source + where + " GROUP BY 1, 2, 3, 4")
        return Cube(tuple(tuple(r) for r in _run(conn, sql, params, flt.search or flt.speaker)))
    # A search's matches, newest first, at most `bound` + 1 of them (the one more says there are
    # more), counted here rather than grouped in SQL: one walk gives the speakers too.
    bound = NEWEST if newest is None else max(1, int(newest))
    source, where, params = facts_where(conn, flt, newest=True)
    sql = ("SELECT f.quote_id, COALESCE(f.outlet, ''), COALESCE(substr(f.said_on, 1, 7), ''), f.kind, "  # noqa: S608
           "f.source_kind, f.person_id FROM " + source + where + " ORDER BY quotes_dated.rowid LIMIT ?")
    found = _run(conn, sql, params + [bound + 1], flt.search).fetchall()
    more = len(found) > bound
    # Counted in quote id order (the order the full-text index gives them): speakers tied on quotes
    # keep the order they always had, so that below the bound the facets are those of every match.
    found = sorted(found[:bound], key=itemgetter(0))
    merged: Counter[tuple[str, str, str, str]] = Counter(row[1:5] for row in found)
    people: Counter[int] = Counter(row[5] for row in found if row[5] is not None)
    return Cube(tuple(sorted((*key, n) for key, n in merged.items())), 1, tuple(people.most_common()),
                bound if more else 0)


def _top_counted(conn: sqlite3.Connection, counted: Cube, top: int) -> list[FacetValue]:
    """The speaker facet from the speakers `cube` counted. From a sample: its `top` + 1 most quoted,
    scaled. From every match: as `top_speakers` gives it, the `top` + 1 most quoted (people in the
    registry), then by count and name."""
    assert counted.speakers is not None
    chosen: list[tuple[int, int]]
    if counted.step > 1:
        chosen = list(counted.speakers[:top + 1])
    else:
        ranked = counted.speakers  # most quoted first: the top + 1 and all those tied with the last
        chosen = [r for r in ranked if r[1] >= ranked[top][1]] if len(ranked) > top + 1 else list(ranked)
    names = dict(conn.execute("SELECT id, name FROM people WHERE id IN (SELECT value FROM json_each(?))",
                              (json.dumps([pid for pid, _ in chosen]),)).fetchall())
    chosen = [(pid, n) for pid, n in chosen if pid in names]
    if counted.step == 1:
        chosen = sorted(chosen, key=lambda r: (-r[1], names[r[0]]))[:top + 1]
    return [FacetValue(names[pid], names[pid], n * counted.step) for pid, n in chosen]


def top_speakers(conn: sqlite3.Connection, flt: QuoteFilter, top: int = TOP, *, total: int = 0,
                 step: int = 1) -> list[FacetValue]:
    """The most quoted registry people among the quotes matching `flt` (one more than `top` if there
    are more). `total` (the matches, when known) and `step` (the sample `cube` counted) say when to
    count a sample and scale it up."""
    if by_counts(flt) and not flt.since and not flt.until and not flt.kind:
        rows = conn.execute("SELECT p.id, p.name, s.quotes FROM person_stats s JOIN people p ON p.id = s.person_id "
                            "WHERE s.quotes > 0 ORDER BY s.quotes DESC, p.name LIMIT ?", (top + 1,)).fetchall()
    else:
        if by_counts(flt) and total > SAMPLE_ABOVE:
            step = -(-total // SAMPLE_SIZE)
        source, where, params = facts_where(conn, flt, step=step)
        sql = ("SELECT p.id, p.name, t.n FROM (SELECT f.person_id AS pid, COUNT(*) AS n FROM " + source  # noqa: S608
               + where + (" AND" if where else " WHERE") + " f.person_id IS NOT NULL GROUP BY f.person_id "
               "ORDER BY n DESC LIMIT ?) t JOIN people p ON p.id = t.pid ORDER BY t.n DESC, p.name")
        rows = _run(conn, sql, params + [top + 1], flt.search or flt.speaker).fetchall()
    return [FacetValue(value=name, label=name, count=n * step) for _, name, n in rows]


def _ranked(counter: Counter[str], top: int) -> list[FacetValue]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top + 1]
    return [FacetValue(value=k, label=k, count=n) for k, n in ranked]


def top_roles(conn: sqlite3.Connection, flt: QuoteFilter, counted: Cube, total: int,
              top: int = TOP) -> list[FacetValue]:
    """The role titles most quoted among the quotes matching `flt`: each quote counts for every role
    its speaker held (the registry's roles, any time). Samples as `cube` did, or a large `by_counts` match."""
    if by_counts(flt) and not flt.since and not flt.until and not flt.kind:
        rows = conn.execute("SELECT r.title, SUM(s.quotes) FROM person_roles r JOIN person_stats s "
                            "ON s.person_id = r.person_id GROUP BY r.title COLLATE NOCASE ORDER BY 2 DESC, 1 LIMIT ?",
                            (top + 1,)).fetchall()
        return [FacetValue(t, t, n) for t, n in rows]
    if counted.speakers is not None and counted.step > 1:
        quoted = dict(counted.speakers)
        roles: Counter[str] = Counter()
        labels: dict[str, str] = {}
        for pid, title in conn.execute("SELECT person_id, title FROM person_roles WHERE person_id IN "
                                       "(SELECT value FROM json_each(?))", (json.dumps(list(quoted)),)):
            key = title.lower()
            labels.setdefault(key, title)
            roles[key] += quoted[pid] * counted.step
        return [FacetValue(labels[k], labels[k], n) for k, n in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))
                [:top + 1]]
    if counted.speakers is not None:
        return _roles_counted(conn, dict(counted.speakers), top)
    step = -(-total // SAMPLE_SIZE) if by_counts(flt) and total > SAMPLE_ABOVE else 1
    source, where, params = facts_where(conn, flt, step=step)
    sql = ("SELECT r.title, COUNT(*) FROM " + source + " JOIN person_roles r ON r.person_id = f.person_id"  # noqa: S608
           + where + " GROUP BY r.title COLLATE NOCASE ORDER BY 2 DESC, 1 LIMIT ?")
    return [FacetValue(t, t, n * step) for t, n in _run(conn, sql, params + [top + 1], flt.search or flt.speaker)]


_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _roles_counted(conn: sqlite3.Connection, quoted: dict[int, int], top: int) -> list[FacetValue]:
    """The role facet from every match's speakers (`quoted`: person id -> quotes), as the SQL of
    `top_roles` counts it: titles grouped as COLLATE NOCASE does (ASCII letters folded), each role
    row of a speaker counting their quotes, most first, then by title."""
    roles: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for pid, title in conn.execute("SELECT person_id, title FROM person_roles WHERE person_id IN "
                                   "(SELECT value FROM json_each(?))", (json.dumps(list(quoted)),)):
        key = title.translate(_ASCII_FOLD)
        labels.setdefault(key, title)
        roles[key] += quoted[pid]
    ranked = sorted(((labels[k], n) for k, n in roles.items()), key=lambda r: (-r[1], r[0]))
    return [FacetValue(t, t, n) for t, n in ranked[:top + 1]]


def from_cube(found: Cube, top: int = TOP) -> tuple[int, dict[str, list[FacetValue]]]:
    """The total and the outlet, kind, source kind and month facets of a `cube` (scaled by its step)."""
    outlets: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    months: Counter[str] = Counter()
    total = 0
    for outlet, month, kind, source_kind, n in found.rows:
        n *= found.step
        total += n
        if outlet:
            outlets[outlet] += n
        kinds[kind] += n
        sources[source_kind] += n
        if month:
            months[month] += n
    recent = sorted(months.items(), reverse=True)[:top + 1]
    return total, {"outlet": _ranked(outlets, top), "kind": _ranked(kinds, top),
                   "source_kind": _ranked(sources, top),
                   "month": [FacetValue(value=m, label=m, count=n) for m, n in recent]}


def facets(conn: sqlite3.Connection, flt: QuoteFilter, *, top: int = TOP, counted: Cube | None = None) -> Facets:
    """How many quotes match `flt` and the `top` values of each facet (months: the latest `top`).

    `counted` is the `cube(conn, flt)` when the caller has it already (a chart of the same search).
    A full-text search matching more than NEWEST quotes is counted over its newest NEWEST matches
    and `newest` says so (`total` is then NEWEST: a lower bound).
    """
    counted = cube(conn, flt) if counted is None else counted
    total, found = from_cube(counted, top)
    if counted.speakers is not None:
        found["speaker"] = _top_counted(conn, counted, top)
    else:
        found["speaker"] = top_speakers(conn, flt, top, total=total, step=counted.step)
    found["role"] = top_roles(conn, flt, counted, total, top)
    more = frozenset(k for k, vs in found.items() if len(vs) > top)
    return Facets(total=total, facets={k: tuple(found[k][:top]) for k in FACETS}, more=more, step=counted.step,
                  newest=counted.newest)


def _people_where(search: str | None, kind: str | None, role: str | None) -> tuple[str, list[Any]]:
    """The filters of `queries.people` over `people p`."""
    clauses: list[str] = []
    params: list[Any] = []
    if search:
        like = "%" + escape_like(search.strip()) + "%"
        clauses.append("(p.name LIKE ? ESCAPE '\\' OR p.id IN "
                       "(SELECT person_id FROM person_aliases WHERE alias LIKE ? ESCAPE '\\'))")
        params += [like, like]
    if kind:
        clauses.append("p.kind = ?")
        params.append(kind)
    if role:
        clauses.append("p.id IN (SELECT person_id FROM person_roles WHERE title = ? COLLATE NOCASE)")
        params.append(role.strip())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def people_facets(conn: sqlite3.Connection, *, search: str | None = None, kind: str | None = None,
                  role: str | None = None, top: int = TOP) -> Facets:
    """How many people the listing holds, their kinds and their most held role titles, with counts."""
    where, params = _people_where(search, kind, role)
    total = conn.execute("SELECT COUNT(*) FROM people p" + where, params).fetchone()[0]  # noqa: S608
    kinds = conn.execute("SELECT p.kind, COUNT(*) FROM people p" + where  # noqa: S608
                         + " GROUP BY p.kind ORDER BY 2 DESC, 1", params).fetchall()
    roles = conn.execute("SELECT r.title, COUNT(DISTINCT r.person_id) FROM person_roles r "  # noqa: S608
                         "WHERE r.person_id IN (SELECT p.id FROM people p" + where + ") "
                         "GROUP BY r.title COLLATE NOCASE ORDER BY 2 DESC, 1 LIMIT ?", params + [top + 1]).fetchall()
    found = {"kind": tuple(FacetValue(k, k, n) for k, n in kinds[:top]),
             "role": tuple(FacetValue(t, t, n) for t, n in roles[:top])}
    return Facets(total=total, facets=found, more=frozenset(["role"] if len(roles) > top else []))


def article_facets(conn: sqlite3.Connection, *, outlet: str | None = None, since: str | None = None,
                   until: str | None = None, top: int = TOP) -> Facets:
    """How many articles the listing holds, their outlets and latest months, with counts."""
    clauses: list[str] = []
    params: list[Any] = []
    if outlet:
        names = _outlets(conn, outlet)
        marks = ",".join("?" for _ in names)
        clauses.append(f"(a.outlet IN ({marks}) OR a.id IN "  # noqa: S608 - placeholders only
                       f"(SELECT article_id FROM article_copies WHERE outlet IN ({marks})))")
        params += names + names
    since, until = check_date("since", since), check_date("until", until)
    if since:
        clauses.append("a.published >= ?")
        params.append(since)
    if until:
        clauses.append("a.published < ?")
        params.append(until + "~")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = conn.execute("SELECT COUNT(*) FROM articles a" + where, params).fetchone()[0]  # noqa: S608
    outlets = conn.execute("SELECT a.outlet, COUNT(*) FROM articles a" + where  # noqa: S608
                           + (" AND" if where else " WHERE") + " a.outlet IS NOT NULL GROUP BY a.outlet "
                           "ORDER BY 2 DESC, 1 LIMIT ?", params + [top + 1]).fetchall()
    months = conn.execute("SELECT substr(a.published, 1, 7), COUNT(*) FROM articles a" + where  # noqa: S608
                          + (" AND" if where else " WHERE") + " a.published IS NOT NULL GROUP BY 1 "
                          "ORDER BY 1 DESC LIMIT ?", params + [top + 1]).fetchall()
    found = {"outlet": tuple(FacetValue(o, o, n) for o, n in outlets[:top]),
             "month": tuple(FacetValue(m, m, n) for m, n in months[:top])}
    more = frozenset(k for k, rows in (("outlet", outlets), ("month", months)) if len(rows) > top)
    return Facets(total=total, facets=found, more=more)
