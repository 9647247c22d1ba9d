"""An ingest run: read inputs, skip what is stored, extract the rest, write in batches, record the run.

Memory stays flat: inputs are streamed, articles already in the store are dropped before parsing,
and at most one batch (plus what the parser holds in flight) is in memory. Each batch is committed
in one transaction with the run's counters, so a run killed at any point leaves a consistent store
and the next run over the same inputs completes it.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from quotegraph.errors import BadInput, QuotegraphError
from quotegraph.records import Article, Document
from quotegraph.store.rows import AddReport, IngestReport
from quotegraph.store.writer import Transaction, is_stored, write_batch

MAX_REPORTED_FAILURES = 1000


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def start_run(conn: sqlite3.Connection, inputs: Sequence[str]) -> int:
    with Transaction(conn):
        run_id = conn.execute("INSERT INTO ingest_runs(started_at, inputs) VALUES (?, ?)",
                              (_now(), json.dumps([str(p) for p in inputs], ensure_ascii=False))).lastrowid
    assert run_id is not None  # an INSERT always sets it
    return run_id


def finish_run(conn: sqlite3.Connection, run_id: int) -> None:
    with Transaction(conn):
        conn.execute("UPDATE ingest_runs SET finished_at = ? WHERE id = ?", (_now(), run_id))


def extract_stream(articles: Iterator[Article], *, model: str | None, workers: int,
                   batch_size: int) -> Iterator[tuple[Article, Document | Exception]]:
    """(article, document) in input order; an article extraction chokes on comes with its exception.

    One `extract_many` call serves the whole stream (worker processes start once). If it raises,
    the articles it held are retried one by one to find the culprit, and the stream goes on.
    """
    from quotegraph.pipeline import extract_many

    while True:
        in_flight: deque[Article] = deque()

        def feed(in_flight: deque[Article] = in_flight) -> Iterator[Article]:
            for article in articles:
                in_flight.append(article)
                yield article

        try:
            for document in extract_many(feed(), model=model, workers=workers, batch_size=batch_size):
                yield in_flight.popleft(), document
            return
        except Exception as exc:  # any failure of one article must not end the run
            if _setup_error(exc):
                raise
            for article in list(in_flight):
                try:
                    yield article, next(extract_many([article], model=model, workers=1))
                except Exception as exc:
                    if _setup_error(exc):
                        raise
                    yield article, exc


def _setup_error(exc: Exception) -> bool:
    """A problem of the whole run (no model, bad option), not of one article: stop and say so."""
    return isinstance(exc, QuotegraphError) and not isinstance(exc, BadInput)


class _Progress:
    """A Rich progress line on stderr with articles/s, or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                TextColumn("[bold]{task.fields[rate]}[/] articles/s"), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=False)
            self.task = self.bar.add_task("ingest", total=None, rate="0.0")
            self.started = time.perf_counter()
            self.bar.start()

    def update(self, done: int, new: int, duplicates: int, failed: int) -> None:
        if self.bar is not None:
            rate = done / max(time.perf_counter() - self.started, 1e-9)
            self.bar.update(self.task, completed=done, rate=f"{rate:.1f}",
                            description=f"{done} articles: {new} new, {duplicates} duplicate, {failed} failed")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def ingest(conn: sqlite3.Connection, paths: Sequence[str], *, workers: int = 1, model: str | None = None,
           fields: Any = None, published: str | None = None, outlet: str | None = None, fmt: str | None = None,
           max_chars: int = 2_000_000, progress: bool = False, batch_size: int = 64) -> IngestReport:
    """Read `paths` (files, folders, globs, "-"), extract and store every article not stored yet."""
    from quotegraph.ingest import FieldMap, Failure, read_inputs

    started = time.perf_counter()
    run_id = start_run(conn, paths)
    counts = {"new": 0, "duplicates": 0, "near": 0, "failed": 0, "quotes": 0, "people": 0}
    reported: list[tuple[str, str]] = []
    pending_failures: list[tuple[str, str]] = []
    pending_copies: list[Article] = []
    bar = _Progress(progress)

    def tick() -> None:
        bar.update(counts["new"] + counts["duplicates"] + counts["failed"], counts["new"],
                   counts["duplicates"], counts["failed"])

    def fail(source: str, reason: str) -> None:
        pending_failures.append((source, reason))
        counts["failed"] += 1
        if len(reported) < MAX_REPORTED_FAILURES:
            reported.append((source, reason))

    def flush(batch: list[tuple[Article, Document]]) -> None:
        report = write_batch(conn, batch, run_id=run_id, failures=pending_failures, copies=pending_copies)
        counts["new"] += report.new
        counts["duplicates"] += report.duplicates
        counts["near"] += report.near_duplicates
        counts["quotes"] += report.quotes
        counts["people"] += report.people
        pending_failures.clear()
        pending_copies.clear()
        batch.clear()
        tick()

    def unseen() -> Iterator[Article]:
        # Articles already stored are dropped here, before the parser ever sees them.
        for item in read_inputs(list(paths), fields=fields or FieldMap(), published=published,
                                outlet=outlet, fmt=fmt, max_chars=max_chars):
            if isinstance(item, Failure):
                fail(item.source, item.reason)
            elif is_stored(conn, item.id):
                pending_copies.append(item)
                counts["duplicates"] += 1
            else:
                yield item
                continue
            if len(pending_failures) + len(pending_copies) >= batch_size:
                flush([])
            tick()

    batch: list[tuple[Article, Document]] = []
    try:
        for article, result in extract_stream(unseen(), model=model, workers=workers, batch_size=batch_size):
            if isinstance(result, Exception):
                fail(article.source or article.id, f"extraction failed: {type(result).__name__}: {result}")
                continue
            batch.append((article, result))
            if len(batch) >= batch_size:
                flush(batch)
        flush(batch)
    finally:
        bar.close()
    finish_run(conn, run_id)
    return IngestReport(run_id=run_id, new=counts["new"], duplicates=counts["duplicates"],
                        near_duplicates=counts["near"], failed=counts["failed"], quotes=counts["quotes"],
                        people=counts["people"], seconds=time.perf_counter() - started,
                        failures=tuple(reported))


def add(conn: sqlite3.Connection, pairs: Iterable[tuple[Article, Document]], *, batch_size: int = 256,
        run_id: int | None = None) -> AddReport:
    """Write already extracted pairs in batches of `batch_size` (each one transaction)."""
    total, batch = AddReport(), []
    for pair in pairs:
        batch.append(pair)
        if len(batch) >= batch_size:
            total += write_batch(conn, batch, run_id=run_id)
            batch = []
    if batch:
        total += write_batch(conn, batch, run_id=run_id)
    return total
