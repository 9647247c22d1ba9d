"""Publication dates as the data gives them, turned into one form: "YYYY-MM-DD".

A date is kept as the outlet wrote it (its own time zone), not moved to UTC: "2021-08-15T23:30-05:00"
is the 15th. Dates without a day ("August 2021") are not dates for our purpose and give None.
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as date_parser

# Plausible publication years; anything else is a parsing accident (an id, a price, a page number).
MIN_YEAR, MAX_YEAR = 1900, 2100
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_EPOCH = re.compile(r"^\s*-?\d{9,13}(?:\.\d+)?\s*$")
# Two defaults that differ in every field: a field the string lacks shows up as a difference.
_DEFAULT_A = dt.datetime(2001, 1, 1)
_DEFAULT_B = dt.datetime(2002, 2, 2)


def _checked(year: int, month: int, day: int) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_epoch(seconds: float) -> str | None:
    if abs(seconds) > 1e11:  # milliseconds, as JavaScript and many exports write them
        seconds /= 1000
    try:
        day = dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return _checked(day.year, day.month, day.day)


def normalise_date(value: object) -> str | None:
    """Any date string, number (Unix seconds or milliseconds), `date` or `datetime` -> "YYYY-MM-DD".

    None when the value is missing, not a date, has no day, or falls outside 1900-2100. Ambiguous
    numeric forms are read month first ("03/04/2021" is 4 March), as dateutil does.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    for pattern in (_ISO_DAY, _COMPACT_DAY):
        match = pattern.match(text)
        if match:
            return _checked(*(int(g) for g in match.groups()))
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    try:
        first = date_parser.parse(text, default=_DEFAULT_A)
        second = date_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # the string lacks the year, the month or the day
    return _checked(first.year, first.month, first.day)
