"""The one CSV writer (CLI output, `export`, the web download): cells a spreadsheet would run are defused.

Article text is hostile: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)`, `@SUM(...)`, DDE). Such a text
cell gets a leading apostrophe, which spreadsheets show as text and never run. Numbers are left alone.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """`value` as a CSV cell: None empty, lists joined with "; ", dicts as JSON, formula text defused."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(cell(v)) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """A header of `columns`, then each row's cells through `cell`; returns the rows written."""
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        count += 1
    return count
