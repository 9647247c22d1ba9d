"""Statement dates: when a quote was said, from its sentence and the article's published date.

News writes "said on Saturday", "earlier this month", "last week": the statement is older than the
article. `statement_date` turns such expressions into a date with its precision, so a timeline can
put the press conference of Friday on Friday. Pure functions; no I/O.

Precision is "day" (YYYY-MM-DD), "month" (YYYY-MM), "year" (YYYY) or "unknown" (None).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1}

# Words inside quotation marks are the speaker's, not the reporter's: "last week" in a quote does
# not date the quote. Unbalanced marks (a quote running past the sentence) strip to the end.
_QUOTED = re.compile(r'"[^"]*(?:"|$)|\u201c[^\u201d]*(?:\u201d|$)')

# Month names are matched capitalised only ("March 3", never "march"); "May" needs a day or "in".
_MONTH = (r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
          r"|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = r"(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")"

# Each pattern names the kind of expression; the earliest match in the sentence wins.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, flags)) for kind, pattern, flags in (
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b", 0),
    ("month_day", r"\b" + _MONTH + r"\s+" + _DAY + r"\b(?:,?\s+" + _YEAR + r"\b)?", 0),
    ("day_month", r"\b" + _DAY + r"(?:\s+of)?\s+" + _MONTH + r"\b(?:,?\s+" + _YEAR + r"\b)?", 0),
    ("in_month", r"\b(?i:in|during|since|earlier in|late|early)\s+" + _MONTH + r"\b(?:\s+" + _YEAR + r"\b)?", 0),
    ("today", r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", re.I),
    ("yesterday", r"\b(?:yesterday|last night)\b", re.I),
    ("days_ago", r"\b" + _NUM + r"\s+days?\s+ago\b", re.I),
    ("weeks_ago", r"\b" + _NUM + r"\s+weeks?\s+ago\b", re.I),
    ("last_week", r"\blast\s+week(?:end)?\b|\bweek\s+before\s+last\b", re.I),
    ("this_week", r"\b(?:earlier\s+)?this\s+week(?:end)?\b", re.I),
    ("last_month", r"\blast\s+month\b", re.I),
    ("this_month", r"\b(?:earlier\s+)?this\s+month\b", re.I),
    ("last_year", r"\blast\s+year\b", re.I),
    ("this_year", r"\b(?:earlier\s+)?this\s+year\b", re.I),
    # "next Monday" is a plan, not when something was said.
    ("weekday", r"(?<!next )\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I),
))

# PATTERNS as one alternation, their groups unnamed (names repeat across patterns), their flags kept.
_ANY_EXPRESSION = re.compile("|".join(
    "(?{}:{})".format("i" if pattern.flags & re.IGNORECASE else "", re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern))
    for _, pattern in PATTERNS))

_DATE_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_date_prefix(value: str) -> str:
    """`value` as given when it is a real date at year, month or day precision (YYYY, YYYY-MM,
    YYYY-MM-DD): the one parser of the date filters (`since`, `until`) of the CLI, library and web.

    Raises ValueError saying what is wrong when it has another form or names no real day or month
    (2021-02-30, 2021-13, 2021-00).
    """
    match = _DATE_PREFIX.fullmatch(value)
    if not match:
        raise ValueError("not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    # A missing part is the first of its kind; "00" is checked as written (there is no month 0).
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"not a real date ({exc})") from exc
    return value


def statement_date(context: str, published: str | None) -> tuple[str | None, str]:
    """(date, precision) for a statement made in `context`, an article's sentence published on `published`.

    `published` is an ISO date (YYYY-MM-DD, longer strings are cut) or None. Relative expressions
    ("on Friday" = the latest Friday strictly before publication, "yesterday", "last week",
    "earlier this month") and explicit dates ("Feb. 14", "14 February", "March 3, 2020") outside
    quotation marks date the statement; without one the statement is dated by publication.
    Unknown or unparseable publication gives (None, "unknown") unless the sentence has a full date.
    """
    base = _parse_iso(published)
    found = _first_expression(_QUOTED.sub(" ", context or ""))
    if found is not None:
        kind, match = found
        resolved = _resolve(kind, match, base)
        if resolved is not None:
            return resolved
    if base is None:
        return None, "unknown"
    return base.isoformat(), "day"


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _first_expression(text: str) -> tuple[str, re.Match[str]] | None:
    """The earliest expression (the first of PATTERNS on a tie): one scan of `text` finds where it
    starts, then the patterns are tried there only."""
    first = _ANY_EXPRESSION.search(text)
    if first is None:
        return None
    for kind, pattern in PATTERNS:
        match = pattern.match(text, first.start())
        if match:
            return kind, match
    return None


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _resolve(kind: str, match: re.Match[str], base: date | None) -> tuple[str, str] | None:
    """The date an expression stands for, or None when it needs a publication date we lack."""
    groups = match.groupdict()
    if kind in ("iso", "month_day", "day_month"):
        return _explicit_day(_month_number(groups["month"]), int(groups["day"]), groups.get("year"), base)
    if kind == "in_month":
        return _explicit_month(_month_number(groups["month"]), groups.get("year"), base)
    if base is None:
        return None
    if kind == "today":
        return base.isoformat(), "day"
    if kind == "yesterday":
        return (base - timedelta(days=1)).isoformat(), "day"
    if kind == "days_ago":
        return (base - timedelta(days=_number(groups["n"]))).isoformat(), "day"
    if kind == "weekday":
        back = (base.weekday() - WEEKDAYS.index(groups["weekday"].lower())) % 7 or 7
        return (base - timedelta(days=back)).isoformat(), "day"
    if kind == "weeks_ago":
        return _month_of(base - timedelta(weeks=_number(groups["n"]))), "month"
    if kind == "last_week":
        # The middle (Thursday) of the previous Monday-to-Sunday week names its month.
        return _month_of(base - timedelta(days=base.weekday() + 4)), "month"
    if kind in ("this_week", "this_month"):
        return _month_of(base), "month"
    if kind == "last_month":
        return _month_of(base.replace(day=1) - timedelta(days=1)), "month"
    if kind == "last_year":
        return str(base.year - 1), "year"
    if kind == "this_year":
        return str(base.year), "year"
    raise ValueError(f"unknown date expression kind {kind!r}")


def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _explicit_day(month: int, day: int, year: str | None, base: date | None) -> tuple[str, str] | None:
    if year is None and base is None:
        return None
    candidate_year = int(year) if year else base.year  # type: ignore[union-attr]
    try:
        found = date(candidate_year, month, day)
    except ValueError:
        return None
    # "on Dec. 30" in an article of 2 January is last year's December.
    if year is None and base is not None and found > base + timedelta(days=7):
        try:
            found = date(candidate_year - 1, month, day)
        except ValueError:
            return None
    return found.isoformat(), "day"


def _explicit_month(month: int, year: str | None, base: date | None) -> tuple[str, str] | None:
    if year:
        return f"{int(year):04d}-{month:02d}", "month"
    if base is None:
        return None
    candidate_year = base.year - 1 if month > base.month else base.year
    return f"{candidate_year:04d}-{month:02d}", "month"
