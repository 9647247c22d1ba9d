"""`quotegraph batch` (extraction on a Dask cluster into Parquet) and `quotegraph load` (into the store)."""
from __future__ import annotations

import argparse
import importlib.util
import sys
from typing import Any

from quotegraph.cli.arguments import positive_int
from quotegraph.cli.output import terminal_text
from quotegraph.errors import EXIT_OK, EXIT_SOME_INPUTS_FAILED, QuotegraphError
from quotegraph.cli.reading import add_model_option, add_read_options, read_options
from quotegraph.settings import FILES_PER_SHARD

# The same flags as `quotegraph ingest`, which the readers' messages name.
BATCH_EPILOG = """examples:
  quotegraph batch crawl/*.warc.gz --out result/                 LocalCluster, 2 workers
  quotegraph batch news.jsonl.gz more/ --out result/ --workers 8
  quotegraph batch /shared/crawl/ --out /shared/result --scheduler tcp://scheduler-host:8786
  quotegraph load result/ --db news.db && quotegraph quotes --speaker Stoltenberg --db news.db

Each input file (JSONL, CSV, WARC, gzipped or not) is one shard and one Dask task; text and HTML
files are grouped by folder. The result is Parquet, one file per shard in result/articles,
result/quotes, result/mentions and result/people, and a marker per finished shard in
result/_shards. Field names with dots reach into JSON objects (--date-field meta.date).
Run the same command again to skip finished shards and redo failed ones.

exit codes: 0 every shard complete, 1 some inputs or shards failed (listed), 2 usage or setup error
"""

LOAD_EPILOG = """examples:
  quotegraph load result/ --db news.db
  quotegraph quotes --speaker Stoltenberg --db news.db

Near-duplicate detection and the cross-article person registry run here, as for `ingest`.
Loading the same result again adds nothing.
"""


def register(subparsers: Any) -> None:
    batch = subparsers.add_parser(
        "batch", help="extract many articles on a Dask cluster into partitioned Parquet",
        description="Run the extraction over input shards on a Dask cluster (a local one by default) "
                    "and write partitioned Parquet.",
        epilog=BATCH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="files, folders or globs: .jsonl[.gz], .csv, .warc[.gz], text/HTML folders")
    batch.add_argument("--out", required=True, metavar="DIR", help="result folder (created if missing)")
    where = batch.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="address of a running Dask scheduler, e.g. tcp://host:8786")
    where.add_argument("--workers", type=positive_int, default=2, metavar="N",
                       help="worker processes of the local cluster (default: %(default)s)")
    batch.add_argument("--memory-limit", metavar="SIZE",
                       help="memory per local worker, e.g. 2GiB (default: machine memory / workers)")
    add_model_option(batch)
    batch.add_argument("--files-per-shard", type=positive_int, default=FILES_PER_SHARD, metavar="N",
                       help="text/HTML files per task (default: %(default)s)")
    batch.add_argument("--retry-failed", action="store_true",
                       help="also redo finished shards that had unreadable inputs")
    add_read_options(batch)
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress, only the summary")
    batch.set_defaults(run=run_batch_command)

    load = subparsers.add_parser(
        "load", help="bring a `batch` result (Parquet) into the SQLite store",
        description="Add the articles, quotes, people and mentions of a batch result to a store.",
        epilog=LOAD_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    load.add_argument("result", metavar="DIR", help="the --out folder of `quotegraph batch`")
    load.add_argument("--db", default="quotegraph.db", help="store file (default: %(default)s)")
    load.add_argument("--quiet", "-q", action="store_true", help="no progress, only the summary")
    load.set_defaults(run=run_load_command)


def _say(message: str) -> None:
    # Shard names and failure reasons come from the inputs: no control characters to the terminal.
    print(terminal_text(message), file=sys.stderr, flush=True)


def run_batch_command(args: argparse.Namespace) -> int:
    from quotegraph.distributed import run_batch

    if args.workers < 1 or args.files_per_shard < 1:
        raise QuotegraphError("--workers and --files-per-shard must be at least 1")
    options = read_options(args)
    progress = _BatchProgress(quiet=args.quiet, local=not args.scheduler)
    try:
        report = run_batch(args.inputs, args.out, scheduler=args.scheduler, workers=args.workers,
                           model=args.model, options=options, files_per_shard=args.files_per_shard,
                           retry_failed=args.retry_failed, memory_limit=args.memory_limit,
                           on_start=progress.start, on_shard=progress.shard)
    finally:
        progress.stop()
    for shard, reason in report.failed:
        _say(f"shard failed: {shard.name} ({', '.join(shard.paths)}): {reason}")
    for shard_name, failure in report.input_failures:
        _say(f"input failed: {failure['source']}: {failure['reason']} [shard {shard_name}]")
    print(f"{len(report.done)} shards done ({report.articles} articles in {report.seconds:.1f} s), "
          f"{len(report.skipped)} already finished, {len(report.failed)} failed; "
          f"{len(report.input_failures)} unreadable inputs; result in {report.out_dir}")
    return EXIT_OK if report.ok else EXIT_SOME_INPUTS_FAILED


class _BatchProgress:
    """The dashboard address when the cluster is up; a bar on a terminal, one line per shard elsewhere."""

    def __init__(self, quiet: bool, local: bool) -> None:
        self.quiet = quiet
        self.local = local
        self.bar: Any = None
        self.task: Any = None
        self.total = 0
        self.finished = 0

    def start(self, report: Any, todo: int) -> None:
        self.total = todo
        if report.dashboard:
            # distributed serves its dashboard only when bokeh is installed (on the scheduler's side).
            missing = self.local and importlib.util.find_spec("bokeh") is None
            _say(f"Dask dashboard: {report.dashboard}"
                 + (" (not served: pip install 'bokeh>=3.1' to see it)" if missing else ""))
        if report.untuned_workers:
            _say(f"note: {report.untuned_workers} worker(s) run with Dask's profiler or MALLOC_TRIM_THRESHOLD_, "
                 "which slow spaCy by about 20 %; see 'Worker settings' in docs/cluster.md")
        if self.quiet:
            return
        _say(f"{len(report.shards)} shards: {todo} to run, {len(report.skipped)} finished earlier")
        if todo and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("shards"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[articles]} articles"), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("shards", total=todo, articles=0)
            self.bar.start()

    def shard(self, result: Any, shard: Any) -> None:
        self.finished += 1
        if self.bar is not None:
            articles = result.counts.get("articles", 0) if result else 0
            done = self.bar.tasks[0].fields["articles"] + articles
            self.bar.update(self.task, advance=1, articles=done)
        elif not self.quiet:
            what = (f"{result.counts['articles']} articles, {result.counts['quotes']} quotes, "
                    f"{len(result.failures)} unreadable, {result.seconds:.1f} s on {result.worker}"
                    if result else "FAILED")
            _say(f"[{self.finished}/{self.total}] {shard.name}: {what}")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def run_load_command(args: argparse.Namespace) -> int:
    from quotegraph.distributed.load import load_result

    def progress(result: Any, added: Any) -> None:
        if not args.quiet:
            _say(f"{result.shard}: {added.new} new articles, {added.duplicates} already stored")

    report = load_result(args.result, args.db, on_shard=progress)
    for shard, failure in report.failures:
        _say(f"input failed in batch: {failure['source']}: {failure['reason']} [shard {shard}]")
    added = report.added
    print(f"loaded {len(report.shards)} shards into {args.db}: {added.new} new articles, "
          f"{added.duplicates} already stored, {added.near_duplicates} near-duplicates, {added.quotes} quotes")
    return EXIT_OK
