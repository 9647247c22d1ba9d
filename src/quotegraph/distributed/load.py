"""Bringing a batch result (Parquet) into the SQLite store, where the cross-article work happens.

The records are rebuilt from Parquet and handed to `Corpus.add`, the store's one write path, so
near-duplicate detection, the person registry and every query, export and the web UI work on a
batch result exactly as on an `ingest`. Loading twice adds nothing: stored articles are skipped.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quotegraph.distributed.parquet import ShardResult, finished_shards, iter_shard_records
from quotegraph.errors import QuotegraphError
from quotegraph.corpus import Corpus
from quotegraph.store.rows import AddReport


@dataclass
class LoadReport:
    """What the store added, per shard and in all, plus the inputs the batch could not read."""

    shards: list[tuple[ShardResult, AddReport]] = field(default_factory=list)

    @property
    def added(self) -> AddReport:
        return sum((added for _, added in self.shards), AddReport())

    @property
    def failures(self) -> list[tuple[str, dict[str, str]]]:
        return [(result.shard, f) for result, _ in self.shards for f in result.failures]


def load_result(out_dir: str | os.PathLike, db_path: str | os.PathLike, *,
                on_shard: Callable[[ShardResult, AddReport], None] | None = None) -> LoadReport:
    """Add every finished shard of the batch result in `out_dir` to the store at `db_path`.

    Raises QuotegraphError when `out_dir` holds no finished shard (not a batch result, or a run that
    finished nothing yet), and StoreError when the database cannot be opened or written.
    """
    out = Path(out_dir)
    shards = finished_shards(out)
    if not shards:
        raise QuotegraphError("no finished shard here: not the --out folder of `quotegraph batch`, or the "
                       "batch has not finished a shard yet", source=str(out))
    report = LoadReport()
    with Corpus(Path(db_path)) as corpus:
        for name in sorted(shards):
            added = corpus.add(iter_shard_records(out, name))
            report.shards.append((shards[name], added))
            if on_shard:
                on_shard(shards[name], added)
    return report
