"""Publication dates in the forms news data uses, to YYYY-MM-DD, and None for what is not a day."""
from __future__ import annotations

import datetime as dt

import pytest

from quotegraph.ingest import normalise_date
from quotegraph.ingest.records import split_authors


@pytest.mark.parametrize("value, expected", [
    ("2021-08-15", "2021-08-15"),
    ("2021-08-15T23:30:00-05:00", "2021-08-15"),  # the outlet's own day, not UTC's
    ("Sun, 15 Aug 2021 10:00:00 GMT", "2021-08-15"),
    ("August 15, 2021", "2021-08-15"),
    ("15 August 2021", "2021-08-15"),
    ("20210815", "2021-08-15"),
    (1629021600, "2021-08-15"),
    (1629021600000, "2021-08-15"),
    ("1629021600", "2021-08-15"),
    (dt.datetime(2021, 8, 15, 22), "2021-08-15"),
    (dt.date(2021, 8, 15), "2021-08-15"),
    ("August 2021", None),
    ("Monday", None),
    ("2021-02-30", None),
    ("1066-10-14", None),
    ("not a date", None),
    ("", None),
    (None, None),
    (True, None),
])
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value, expected", [
    (["Jane Doe", "John Roe", "Jane Doe"], ("Jane Doe", "John Roe")),
    ("Jane Doe; John Roe", ("Jane Doe", "John Roe")),
    ("Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    ("Jane Doe, John Roe", ("Jane Doe", "John Roe")),
    ("Doe, Jane", ("Doe, Jane",)),
    ("  ", ()),
    (None, ()),
])
def test_split_authors(value: object, expected: tuple[str, ...]) -> None:
    assert split_authors(value) == expected
