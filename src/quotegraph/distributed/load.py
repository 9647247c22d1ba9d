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
from typing import Any

from quotegraph.distributed.parquet import ShardResult, finished_shards, iter_shard_records
from quotegraph.errors import BadInput


@dataclass
class LoadReport:
    """Per shard, what the store said it added (`Corpus.add`'s report), plus the shards' failures."""

    shards: list[tuple[ShardResult, Any]] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(added, name, 0) or 0 for _, added in self.shards)

    @property
    def failures(self) -> list[tuple[str, dict[str, str]]]:
        return [(result.shard, f) for result, _ in self.shards for f in result.failures]


def load_result(out_dir: str | os.PathLike, db_path: str | os.PathLike, *,
                on_shard: Callable[[ShardResult, Any], None] | None = None) -> LoadReport:
    """Add every finished shard of the batch result in `out_dir` to the store at `db_path`.

    Raises BadInput when `out_dir` holds no finished shard (not a batch result, or a run that
    finished nothing yet), and the store's own errors when the database cannot be written.
    """
    from quotegraph.store import Corpus

    out = Path(out_dir)
    shards = finished_shards(out)
    if not shards:
        raise BadInput("no finished shard here: not the --out folder of `quotegraph batch`, or the "
                       "batch has not finished a shard yet", source=str(out))
    report = LoadReport()
    corpus = Corpus(db_path)
    try:
        for name in sorted(shards):
            added = corpus.add(iter_shard_records(out, name))
            report.shards.append((shards[name], added))
            if on_shard:
                on_shard(shards[name], added)
    finally:
        close = getattr(corpus, "close", None)
        if close:
            close()
    return report
