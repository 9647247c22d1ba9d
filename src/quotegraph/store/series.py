"""Quotes over time for any search: counts per day, week or month, as one line or one line per
outlet or per speaker ("compare").

Counts read `quote_facts` (store/overview.sql); a monthly chart of the whole store, or of a search
`facets.by_counts` accepts, reads `quote_counts` instead. Quotes with no date are counted apart
(`undated`). Weeks start on Monday and are named by that day.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from quotegraph.errors import BadQuery
from quotegraph.store import facets
from quotegraph.store.facets import Cube, cube, facts_where, sample_step
from quotegraph.store.queries import QuoteFilter, _run

INTERVALS = ("day", "week", "month")
COMPARE = ("outlet", "speaker")
MAX_LINES = 8
# Buckets drawn at most: a daily chart of many years is cut to its latest MAX_BUCKETS days.
MAX_BUCKETS = 400


@dataclass(frozen=True)
class Line:
    """One line of a chart: `key` (an outlet, a speaker, or "all"), and a count per bucket."""

    key: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def __deepcopy__(self, memo: dict[int, Any]) -> Line:
        return self  # frozen, a str and a tuple of ints: nothing in it can change


@dataclass(frozen=True)
class Series:
    """Counts per `interval` bucket (`buckets`, oldest first, empty ones included) for each line.

    `undated` counts matching quotes with no date; `cut` is True when older buckets were left out
    (more than MAX_BUCKETS); `others` counts quotes of outlets or speakers beyond the lines drawn;
    `step` > 1 when the counts are estimates from an every-step-th sample of the matches; `newest` > 0
    when more than `newest` quotes match and only the newest `newest` are counted (a search page's
    chart drawn from its facets' count: `facets.NEWEST`)."""

    interval: str
    compare: str | None
    buckets: tuple[str, ...]
    lines: tuple[Line, ...]
    undated: int = 0
    cut: bool = False
    others: int = 0
    step: int = 1
    newest: int = 0

    def __deepcopy__(self, memo: dict[int, Any]) -> Series:
        # Frozen, and every field a str, an int, None or a tuple of them or of Line (frozen): the
        # server's kept overviews (web/params.py, Remembered) are copied without walking them.
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"interval": self.interval, "compare": self.compare, "buckets": list(self.buckets),
                "lines": [{"key": line.key, "counts": list(line.counts), "total": line.total} for line in self.lines],
                "undated": self.undated, "cut": self.cut, "others": self.others,
                "estimated": self.step > 1, "sample_step": self.step,
                "counted": "newest" if self.newest else "sample" if self.step > 1 else "all",
                "counted_matches": self.newest or None}


def _bucket_sql(interval: str) -> str:
    if interval == "month":
        return "substr(f.said_on, 1, 7)"
    if interval == "week":
        return "CASE WHEN length(f.said_on) = 10 THEN date(f.said_on, '-6 days', 'weekday 1') END"
    return "CASE WHEN length(f.said_on) = 10 THEN f.said_on END"


def _next(bucket: str, interval: str) -> str:
    if interval == "month":
        year, month = int(bucket[:4]), int(bucket[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    day = dt.date.fromisoformat(bucket) + dt.timedelta(days=7 if interval == "week" else 1)
    return day.isoformat()


def _span(first: str, last: str, interval: str) -> tuple[list[str], bool]:
    """Every bucket from `first` to `last`; only the latest MAX_BUCKETS (and whether some were cut)."""
    buckets = [first]
    while buckets[-1] < last:
        buckets.append(_next(buckets[-1], interval))
        if len(buckets) > 50 * MAX_BUCKETS:  # dates far apart (a year 0001 in the data): keep it bounded
            break
    return buckets[-MAX_BUCKETS:], len(buckets) > MAX_BUCKETS


def series(conn: sqlite3.Connection, flt: QuoteFilter, *, interval: str = "month", compare: str | None = None,
           keys: tuple[str, ...] = (), lines: int = 5, counted: Cube | None = None) -> Series:
    """Quotes matching `flt` per `interval` ("day", "week", "month").

    `compare` "outlet" or "speaker" draws one line for each of `keys` (outlet names or speaker
    names as the registry writes them), or for the `lines` most quoted ones when `keys` is empty;
    otherwise one line, "all". `counted` is the `facets.cube` of the same filter when the caller has it.
    A full-text search with nothing narrower (no speaker, person or article) is counted as its facets
    are: exactly up to facets.NEWEST matches, else over its newest NEWEST (`newest`). Another filter
    walks its matches, a sample of them when a narrowed search matches more than facets.SAMPLE_ABOVE
    (`step` > 1).
    Raises BadQuery for an unknown interval or comparison.
    """
    if interval not in INTERVALS:
        raise BadQuery(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    if compare not in (None, *COMPARE):
        raise BadQuery(f"compare must be one of {', '.join(COMPARE)}, not {compare!r}")
    lines = max(1, min(int(lines), MAX_LINES))
    keys = tuple(dict.fromkeys(k for k in keys if k))[:MAX_LINES]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    undated = 0
    step, newest = 1, 0
    if interval == "month" and compare != "speaker":
        # The facets' cube: exact, or a search's newest NEWEST matches when it has more (`newest`).
        counted = counted if counted is not None else cube(conn, flt)
        step, newest = counted.step, counted.newest
        for outlet, month, _kind, _source, n in counted.rows:
            if month:
                counts[outlet if compare == "outlet" else "all"][month] += n * step
            else:
                undated += n * step
    else:
        bucket = _bucket_sql(interval)
        if compare == "outlet":
            key, joined = "COALESCE(f.outlet, '')", ""
        elif compare == "speaker":
            key, joined = "COALESCE(p.name, '')", " LEFT JOIN people p ON p.id = f.person_id"
        else:
            key, joined = "'all'", ""
        if flt.search and not (flt.speaker or flt.person_id is not None or flt.article_id):
            # A search with nothing narrower, as its facets: its newest NEWEST matches (one more read
            # says there are more), newest first off `quotes_dated`, not every match or a sample.
            if compare == "speaker":
                key = "COALESCE((SELECT p.name FROM people p WHERE p.id = f.person_id), '')"
            source, where, params = facts_where(conn, flt, newest=True)
            sql = (f"SELECT {bucket}, {key} FROM {source}"  # noqa: S608 - fixed expressions
                   + where + " ORDER BY quotes_dated.rowid LIMIT ?")
            bound = facets.NEWEST
            found = _run(conn, sql, params + [bound + 1], flt.search).fetchall()
            newest = bound if len(found) > bound else 0
            walked: list[tuple[Any, Any, int]] = [(when, who, n) for (when, who), n
                                                  in Counter(map(tuple, found[:bound])).items()]
        else:
            step = sample_step(conn, flt)
            source, where, params = facts_where(conn, flt, step=step)
            sql = (f"SELECT {bucket}, {key}, COUNT(*) FROM {source}{joined}"  # noqa: S608 - fixed expressions
                   + where + " GROUP BY 1, 2")
            walked = list(_run(conn, sql, params, flt.search or flt.speaker))
        for when, who, n in walked:
            if when:
                counts[who][when] += n * step
            else:
                undated += n * step
    totals = Counter({k: sum(c.values()) for k, c in counts.items()})
    if compare:
        chosen = list(keys) or [k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])) if k][:lines]
    else:
        chosen = ["all"] if counts else []
    others = sum(n for k, n in totals.items() if k not in chosen) if compare else 0
    dated = sorted({b for k in chosen for b in counts.get(k, {})})
    if not dated:
        return Series(interval, compare, (), tuple(Line(k, ()) for k in chosen), undated, False, others, step, newest)
    buckets, cut = _span(dated[0], dated[-1], interval)
    return Series(interval, compare, tuple(buckets),
                  tuple(Line(k, tuple(counts.get(k, Counter()).get(b, 0) for b in buckets)) for k in chosen),
                  undated, cut, others, step, newest)
