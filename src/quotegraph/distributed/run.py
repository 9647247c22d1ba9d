"""Running the per-article extraction over many input shards on a Dask cluster.

One input shard (a JSONL/CSV/WARC file, or a group of text/HTML files from one folder) is one Dask
task. The task reads the shard with the ingest readers, runs `quotegraph.pipeline.extract_many`
(exactly the single-machine code) and writes the shard's Parquet files (see `parquet.py`). Dask does
the scheduling, retries and rescheduling after a lost worker; quotegraph only decides what a task is.

The same code runs on a laptop (`LocalCluster`, started here when no scheduler address is given), on
Slurm (dask-jobqueue) or on Kubernetes (dask-kubernetes): see docs/cluster.md.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from quotegraph.distributed.parquet import (MARKER_DIR, TABLES, ShardResult, ShardWriter,
                                            finished_shards)
from quotegraph.errors import ClusterError, QuotegraphError
from quotegraph.ingest import Failure, expand_paths, iter_shard, read_inputs
from quotegraph.ingest.records import ReadOptions
from quotegraph.ingest.sources import format_by_extension
from quotegraph.pipeline import ExtractOptions, extract_stream
from quotegraph.records import Article, Document
from quotegraph.settings import EXTRACT_BATCH_SIZE, FILES_PER_SHARD, TASK_RETRIES

_SINGLE_ARTICLE_FORMATS = {"text", "html"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Shard:
    """One unit of work: its stable name, the files it reads, and their size and mtime fingerprint."""

    name: str
    paths: tuple[str, ...]
    fingerprint: str


def _fingerprint(paths: Sequence[str]) -> str:
    digest = hashlib.sha1()
    for path in paths:
        try:
            st = os.stat(path)
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
        except OSError:
            digest.update(f"{path}\0missing\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def _shard_name(label: str, key: str) -> str:
    safe = _UNSAFE.sub("_", label).strip("._")[:80] or "shard"
    return f"{safe}-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def plan_shards(inputs: Sequence[str], *, files_per_shard: int = FILES_PER_SHARD) -> list[Shard]:
    """The shards of these inputs, in a stable order with stable names (so reruns find their work).

    Every container file (JSONL, CSV, WARC, gzipped or not) is a shard; text and HTML files are
    grouped by folder, `files_per_shard` at a time. Shards come in name order.
    """
    shards: list[Shard] = []
    loose: dict[str, list[str]] = {}
    for path in expand_paths(inputs):
        if format_by_extension(path) in _SINGLE_ARTICLE_FORMATS:
            loose.setdefault(os.path.dirname(os.path.abspath(path)), []).append(path)
        else:  # a container, or a file whose format only its content tells: read on its own
            shards.append(Shard(_shard_name(os.path.basename(path), os.path.abspath(path)), (path,),
                                _fingerprint([path])))
    for folder, paths in loose.items():
        for i in range(0, len(paths), files_per_shard):
            group = tuple(paths[i:i + files_per_shard])
            key = "\n".join(os.path.abspath(p) for p in group)
            shards.append(Shard(_shard_name(f"{os.path.basename(folder)}-{i:07d}", key), group,
                                _fingerprint(group)))
    # Name order is the order of the result everywhere (`parquet.read_table`, `iter_records`).
    return sorted(shards, key=lambda s: s.name)


# --- the task ------------------------------------------------------------------------------------

def _iter_inputs(paths: Sequence[str], options: ReadOptions) -> Iterator[Article | Failure]:
    for path in paths:
        yield from iter_shard(path, fields=options.fields, published=options.published,
                              outlet=options.outlet, fmt=options.fmt, max_chars=options.max_chars)


def extract_pairs(articles: Iterable[Article], model: str | None = None
                  ) -> Iterator[tuple[Article, Document]]:
    """(Article, Document) for each article, through `pipeline.extract_stream` (the code the
    single-machine ingest runs). An article the extraction fails on fails the task: Dask retries it."""
    for article, result in extract_stream(articles, ExtractOptions(model=model, batch_size=EXTRACT_BATCH_SIZE)):
        if isinstance(result, Exception):
            raise result
        yield article, result


def process_shard(shard: Shard, out_dir: str, options: ReadOptions, model: str | None) -> ShardResult:
    """Read, extract and write one shard; what a Dask task runs (also callable in-process).

    Inputs that cannot be read are listed in the result; the shard still completes. An exception
    from extraction fails the task (Dask retries it), and leaves no partial files in `out_dir`.
    """
    started = time.perf_counter()
    failures: list[dict[str, str]] = []

    def articles() -> Iterator[Article]:
        for item in _iter_inputs(shard.paths, options):
            if isinstance(item, Failure):
                failures.append(item.to_dict())
            else:
                yield item

    writer = ShardWriter(Path(out_dir), shard.name)
    try:
        for seq, (article, doc) in enumerate(extract_pairs(articles(), model)):
            writer.add(seq, article, doc)
        result = ShardResult(shard=shard.name, inputs=shard.paths, counts=dict(writer.counts),
                             failures=tuple(failures), seconds=time.perf_counter() - started,
                             worker=_worker_address(), fingerprint=shard.fingerprint)
        writer.commit(result)
    except BaseException:
        writer.abort()
        raise
    return result


def _worker_address() -> str | None:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return None


class LoadModel(WorkerPlugin):
    """Dask worker plugin: load the spaCy pipeline when a worker starts, once per worker process.

    Tasks then find it in `quotegraph.nlp.load`'s per-process cache; a worker that replaces a lost
    one loads it again in its own setup.
    """

    def __init__(self, model: str | None) -> None:
        self.model = model
        self.name = f"quotegraph-load-model-{model or 'default'}"

    def setup(self, worker: Any) -> None:
        from quotegraph import nlp

        nlp.load(self.model)


# --- the run -------------------------------------------------------------------------------------

@dataclass
class BatchReport:
    """What a batch run did: shards written now, shards found finished, shards that failed."""

    out_dir: Path
    shards: list[Shard]
    done: list[ShardResult] = field(default_factory=list)
    skipped: list[ShardResult] = field(default_factory=list)
    failed: list[tuple[Shard, str]] = field(default_factory=list)
    dashboard: str | None = None
    untuned_workers: int = 0  # workers with a Dask default that slows spaCy, see SPACY_WORKER_CONFIG
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return sum(r.counts.get("articles", 0) for r in self.done)

    @property
    def input_failures(self) -> list[tuple[str, dict[str, str]]]:
        """(shard, failure) for every unreadable input inside a finished shard."""
        return [(r.shard, f) for r in [*self.done, *self.skipped] for f in r.failures]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.input_failures


# Dask defaults that cost a CPU-bound spaCy worker time, measured here on one worker and 120 news
# articles: the statistical profiler samples every thread's stack every 10 ms (3.20 -> 3.70
# articles/s without it), and the nanny's MALLOC_TRIM_THRESHOLD_=65536 makes glibc hand memory back
# after the many small frees of a parse (14 % slower single-process parse, 4.5x the kernel time).
# A worker's memory is bounded by its largest article, not by how many it has parsed.
SPACY_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def local_cluster(workers: int, memory_limit: str | None = None, **options: Any):
    """A LocalCluster of `workers` single-threaded processes, configured for spaCy (see above)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(SPACY_WORKER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            memory_limit=memory_limit or "auto", **options)


def slow_worker_defaults() -> list[str]:
    """The SPACY_WORKER_CONFIG settings this worker process runs without (run on a worker)."""
    import dask

    slow = []
    if dask.config.get("distributed.worker.profile.enabled"):
        slow.append("the Dask profiler")
    if os.environ.get("MALLOC_TRIM_THRESHOLD_"):
        slow.append("MALLOC_TRIM_THRESHOLD_")
    return slow


def _start_client(scheduler: str | None, workers: int, memory_limit: str | None):
    from distributed import Client

    try:
        if scheduler:
            return Client(scheduler, timeout="30s"), None
        cluster = local_cluster(workers, memory_limit, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    except (OSError, TimeoutError, ValueError, RuntimeError) as exc:
        where = scheduler or f"a local cluster of {workers} workers"
        raise ClusterError(f"cannot connect to {where}: {exc}") from exc


def _sweep_temporaries(out_dir: Path) -> None:
    # Files a killed worker left behind; no task of this run has started yet.
    for table in (*TABLES, MARKER_DIR):
        folder = out_dir / table
        if folder.is_dir():
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)


def run_batch(inputs: Sequence[str], out_dir: str | os.PathLike, *, scheduler: str | None = None,
              workers: int = 2, model: str | None = None, options: ReadOptions | None = None,
              files_per_shard: int = FILES_PER_SHARD, retry_failed: bool = False,
              memory_limit: str | None = None, client: Any = None,
              on_start: Callable[[BatchReport, int], None] | None = None,
              on_shard: Callable[[ShardResult | None, Shard], None] | None = None) -> BatchReport:
    """Extract every article of `inputs` on a Dask cluster into Parquet under `out_dir`.

    Connects to `scheduler` (an address such as tcp://host:8786), or uses `client`, or starts a
    LocalCluster of `workers` processes. Shards finished by an earlier run with unchanged inputs are
    skipped (with `retry_failed`, those with unreadable inputs are redone). `on_start(report, todo)`
    is called once the cluster is up (report.dashboard is set), `on_shard(result or None, shard)` as
    each shard finishes or fails. Raises ClusterError when no cluster can be had, QuotegraphError
    for bad read options or when the inputs hold no file.
    """
    from distributed import as_completed

    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    options = options or ReadOptions()
    # Bad options fail here, once, rather than in every task on the cluster.
    read_inputs([], fields=options.fields, published=options.published, outlet=options.outlet,
                fmt=options.fmt, max_chars=options.max_chars)
    report = BatchReport(out_dir=out, shards=plan_shards(inputs, files_per_shard=files_per_shard))
    if not report.shards:
        raise QuotegraphError(f"no input files in {', '.join(map(str, inputs)) or 'the arguments'}")
    finished = finished_shards(out)
    todo = []
    for shard in report.shards:
        previous = finished.get(shard.name)
        if previous and previous.fingerprint == shard.fingerprint and (previous.ok or not retry_failed):
            report.skipped.append(previous)
        else:
            todo.append(shard)
    _sweep_temporaries(out)

    own_client, cluster = (client, None) if client is not None else (None, None)
    if todo and own_client is None:
        own_client, cluster = _start_client(scheduler, workers, memory_limit)
    try:
        if own_client is not None:
            report.dashboard = own_client.dashboard_link
        if todo:
            assert own_client is not None  # started above when there is work
            report.untuned_workers = sum(1 for slow in own_client.run(slow_worker_defaults).values() if slow)
        if on_start:
            on_start(report, len(todo))
        if todo:
            assert own_client is not None
            own_client.register_plugin(LoadModel(model))
            run_token = hashlib.sha1(f"{time.time_ns()}".encode()).hexdigest()[:8]
            futures = {own_client.submit(process_shard, shard, str(out), options, model,
                                         key=f"quotegraph-shard-{shard.name}-{run_token}",
                                         retries=TASK_RETRIES, pure=False): shard
                       for shard in todo}
            for future in as_completed(futures):
                shard = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - any task error: report the shard, go on with the others
                    report.failed.append((shard, f"{type(exc).__name__}: {exc}"))
                    result = None
                else:
                    report.done.append(result)
                if on_shard:
                    on_shard(result, shard)
                future.release()
    finally:
        if client is None and own_client is not None:
            own_client.close()
            if cluster is not None:
                cluster.close()
    order = {s.name: i for i, s in enumerate(report.shards)}
    report.done.sort(key=lambda r: order[r.shard])
    report.failed.sort(key=lambda f: order[f[0].name])
    report.seconds = time.perf_counter() - started
    return report
