"""What arrived lately: the ingest runs with their failures, and the newest quotes as they came in.

Plain reads of `ingest_runs`, `ingest_failures` and `quotes`; `Corpus` is the way in.
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from quotegraph.store.queries import QUOTE_SELECT, _check_limit, quote_row
from quotegraph.store.rows import QuoteRow, Rows


@dataclass(frozen=True)
class RunRow:
    """One ingest run (a `quotegraph ingest`, `load` or one `watch` poll); `finished` is None when
    the run was killed before its end."""

    id: int
    started: str
    finished: str | None
    inputs: tuple[str, ...]
    new: int
    duplicates: int
    failed: int

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "inputs": list(self.inputs)}


def _inputs(value: str) -> tuple[str, ...]:
    try:
        data = json.loads(value)
    except ValueError:
        return (value,)
    return tuple(str(v) for v in data) if isinstance(data, list) else (str(data),)


def runs(conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0) -> Rows[RunRow]:
    """Ingest runs, the latest first."""
    _check_limit(limit, offset)
    rows = conn.execute("SELECT id, started_at, finished_at, inputs, new, duplicates, failed FROM ingest_runs "
                        "ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))
    return Rows(RunRow(r[0], r[1], r[2], _inputs(r[3]), r[4], r[5], r[6]) for r in rows)


def failures(conn: sqlite3.Connection, run_id: int | None = None, *, limit: int = 50,
             offset: int = 0) -> Rows[dict[str, Any]]:
    """{run_id, source, reason} of one run's failed inputs, or of every run's (the latest first)."""
    _check_limit(limit, offset)
    where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
    rows = conn.execute(f"SELECT run_id, source, reason FROM ingest_failures {where} "  # noqa: S608 - fixed text
                        "ORDER BY run_id DESC, rowid LIMIT ? OFFSET ?", (*params, limit, offset))
    return Rows({"run_id": r[0], "source": r[1], "reason": r[2]} for r in rows)


def latest_quotes(conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0) -> Rows[QuoteRow]:
    """The quotes stored last first (the order they arrived in, whatever their statement date)."""
    _check_limit(limit, offset)
    ids = [r[0] for r in conn.execute("SELECT id FROM quotes ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset))]
    if not ids:
        return Rows()
    found = {row[0]: quote_row(row) for row in conn.execute(
        QUOTE_SELECT + f" WHERE q.id IN ({', '.join('?' for _ in ids)})", ids)}
    return Rows(found[i] for i in ids if i in found)
