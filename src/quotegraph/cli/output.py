"""One way to print tabular results, shared by every command: table, json, jsonl or csv.

Rows are dicts; `columns` picks and orders what the table shows (json/jsonl keep every key).
Rows are streamed for jsonl and csv, so big results never sit in memory twice.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("table", "json", "jsonl", "csv")


def add_format_option(parser: Any, default: str = "table") -> None:
    parser.add_argument("--format", "-f", choices=FORMATS, default=default,
                        help="output format (default: %(default)s); json/jsonl/csv for scripts")


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
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            count += 1
        return count
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold", max_width=(widths or {}).get(column))
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
        count += 1
    console = Console(file=out, width=None if out.isatty() else 160, soft_wrap=False)
    console.print(table)
    return count
