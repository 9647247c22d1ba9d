"""An ingest run: read inputs, skip what is stored, extract the rest, write in batches, link people.

This module owns the run; the layers it drives each do one job: the readers (`quotegraph.ingest`)
stream articles, `pipeline.extract_stream` extracts them, the store (`quotegraph.store.writer`)
writes one batch per transaction, and the person registry (`quotegraph.registry.linking`) links
the batch's people inside that same transaction. Progress goes to a callback, never to a terminal.

Memory stays flat: inputs are streamed, articles already in the store are dropped before parsing,
and at most one batch (plus what the parser holds in flight) is in memory. Each batch is committed
in one transaction with the run's counters, so a run killed at any point leaves a consistent store
and the next run over the same inputs completes it.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from quotegraph.ingest import Failure, ReadOptions, read_inputs
from quotegraph.pipeline import ExtractOptions, dated, extract_stream
from quotegraph.records import Article, Document
from quotegraph.registry.linking import update_registry
from quotegraph.settings import ADD_BATCH_SIZE, MAX_REPORTED_FAILURES
from quotegraph.store.rows import AddReport, IngestReport
from quotegraph.store import statements
from quotegraph.store.writer import finish_run, is_stored, start_run, write_batch


@dataclass(frozen=True)
class Progress:
    """Where a run stands: articles seen so far, and how many were new, duplicates, failures."""

    done: int
    new: int
    duplicates: int
    failed: int
    seconds: float

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        return self.done / max(self.seconds, 1e-9)


OnProgress = Callable[[Progress], None]


def write(conn: sqlite3.Connection, pairs: Sequence[tuple[Article, Document]], *, run_id: int | None = None,
          failures: Iterable[tuple[str, str]] = (), copies: Iterable[Article] = ()) -> AddReport:
    """Write one batch in one transaction, with its quotes dated and its people linked to the registry."""
    return write_batch(conn, [(article, dated(article, document)) for article, document in pairs],
                       run_id=run_id, failures=failures, copies=copies, link=link)


def link(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """The cross-article step of a batch, inside its transaction: people to the registry, then the
    quotes to the statements of their speakers."""
    update_registry(conn, article_ids)
    statements.attach(conn, article_ids)


def ingest(conn: sqlite3.Connection, paths: Sequence[str], *, read: ReadOptions = ReadOptions(),
           extract: ExtractOptions = ExtractOptions(), on_progress: OnProgress | None = None,
           items: Iterable[Article | Failure] | None = None) -> IngestReport:
    """Read `paths` (files, folders, globs, "-"), extract and store every article not stored yet.

    `items` (Articles and Failures already read, e.g. fetched pages) replace reading `paths`, which
    then only name the run's inputs.
    """
    started = time.perf_counter()
    run_id = start_run(conn, paths)
    counts = {"new": 0, "duplicates": 0, "near": 0, "failed": 0, "quotes": 0, "people": 0}
    reported: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    pending_failures: list[tuple[str, str]] = []
    pending_copies: list[Article] = []
    batch_size = extract.batch_size

    def tick() -> None:
        if on_progress is not None:
            on_progress(Progress(done=counts["new"] + counts["duplicates"] + counts["failed"], new=counts["new"],
                                 duplicates=counts["duplicates"], failed=counts["failed"],
                                 seconds=time.perf_counter() - started))

    def fail(source: str, reason: str) -> None:
        pending_failures.append((source, reason))
        counts["failed"] += 1
        if len(reported) < MAX_REPORTED_FAILURES:
            reported.append((source, reason))

    def flush(batch: list[tuple[Article, Document]]) -> None:
        report = write(conn, batch, run_id=run_id, failures=pending_failures, copies=pending_copies)
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
        for item in items if items is not None else read_inputs(
                list(paths), fields=read.fields, published=read.published, outlet=read.outlet, fmt=read.fmt,
                max_chars=read.max_chars):
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
    for article, result in extract_stream(unseen(), extract):
        if isinstance(result, Exception):
            fail(article.source or article.id, f"extraction failed: {type(result).__name__}: {result}")
            continue
        if result.skipped and len(skipped) < MAX_REPORTED_FAILURES:
            skipped.append((article.source or article.id, result.skipped))
        batch.append((article, result))
        if len(batch) >= batch_size:
            flush(batch)
    flush(batch)
    finish_run(conn, run_id)
    return IngestReport(run_id=run_id, new=counts["new"], duplicates=counts["duplicates"],
                        near_duplicates=counts["near"], failed=counts["failed"], quotes=counts["quotes"],
                        people=counts["people"], seconds=time.perf_counter() - started,
                        failures=tuple(reported), skipped=tuple(skipped))


def add(conn: sqlite3.Connection, pairs: Iterable[tuple[Article, Document]], *, batch_size: int = ADD_BATCH_SIZE,
        run_id: int | None = None) -> AddReport:
    """Write already extracted pairs in batches of `batch_size` (each one transaction)."""
    total, batch = AddReport(), []
    for pair in pairs:
        batch.append(pair)
        if len(batch) >= batch_size:
            total += write(conn, batch, run_id=run_id)
            batch = []
    if batch:
        total += write(conn, batch, run_id=run_id)
    return total
