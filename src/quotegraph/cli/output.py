"""One way to print tabular results, shared by every command: table, json, jsonl or csv.

Rows are dicts; `columns` picks and orders what the table shows (json/jsonl keep every key).
Rows are streamed for jsonl and csv, so big results never sit in memory twice. CSV goes through the
one writer that defuses spreadsheet formulas; table cells are plain text for the terminal (no Rich
markup, no control characters), because article text is hostile.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from quotegraph.csvout import write_csv

FORMATS = ("table", "json", "jsonl", "csv")


def add_format_option(parser: Any, default: str = "table") -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, default=default,
                        help="output format (default: %(default)s); json/jsonl/csv for scripts")


# C0 controls but tab and newline, DEL, C1 controls (ESC sequences, 8-bit CSI), and the bidirectional
# overrides that reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(value: Any) -> str:
    """`value` as text safe to print on a terminal: each control character shown as a visible escape."""
    return _CONTROL.sub(lambda m: repr(m.group(0))[1:-1], str(value))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str = "table", *,
         title: str | None = None, out: TextIO | None = None, widths: dict[str, int] | None = None) -> int:
    """Write `rows` in `fmt`; returns how many rows were written."""
    out = out or sys.stdout
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    if fmt == "json":
        data = list(rows)
        json.dump(data, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return len(data)
    if fmt == "csv":
        return write_csv(out, columns, ([row.get(c) for c in columns] for row in rows))
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title) if title else None, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold", max_width=(widths or {}).get(column))
    for row in rows:
        # Text, not str: Rich never reads article text as markup ("[link=...]").
        table.add_row(*(Text(terminal_text(_cell(row.get(c)))) for c in columns))
        count += 1
    console = Console(file=out, width=None if out.isatty() else 160, soft_wrap=False)
    console.print(table)
    return count
