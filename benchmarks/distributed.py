"""Throughput of `quotegraph batch` on a Dask LocalCluster against the single-process path.

    python benchmarks/distributed.py --articles 20000              # 1 and 2 workers, single process
    python benchmarks/distributed.py --articles 2000 --workers 1 2 --json bench.json
    python benchmarks/distributed.py --articles 20000 --workers --json single.json   # single only
    python benchmarks/distributed.py --articles 20000 --workers 2 --no-single        # 2 workers only

The articles are the dev set (and seeds) cycled to --articles, each copy made distinct by a last
line, written as JSONL shards of --shard-size. Three ways over the same shards, each doing the same
work (read, extract, write Parquet):
  single   `process_shard` for every shard in this one process, no Dask;
  dask N   `run_batch` on a LocalCluster of N worker processes (1 thread each).
For each: wall time, articles/s, and for Dask the per-worker rate (articles over the seconds the
tasks ran) and the peak memory of a worker. The projection for 5 million articles on 100 workers is
the measured per-worker rate times 100, stated as a projection: it assumes the shards keep 100
workers busy and the shared file system keeps up, which this machine cannot show.
Never fails on timing; on a shared 2-core machine the figures are noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

# This file's name would shadow the `distributed` package (Dask's) for imports from its folder.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from quotegraph import bench, nlp  # noqa: E402
from quotegraph.distributed import local_cluster, plan_shards, run_batch  # noqa: E402
from quotegraph.distributed.run import process_shard  # noqa: E402
from quotegraph.ingest.records import ReadOptions  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "data" / "ggt-dev.jsonl"
SEEDS = ROOT / "examples" / "seeds"
PROJECT_ARTICLES = 5_000_000
PROJECT_WORKERS = 100


def write_shards(folder: Path, count: int, shard_size: int) -> list[Path]:
    """`count` distinct articles (dev set and seeds cycled) as JSONL shards of `shard_size`."""
    sources = [p for p in [DEV_SET] if p.exists()] + sorted(SEEDS.glob("*.txt"))
    texts = bench.read_texts(sources)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for first in range(0, count, shard_size):
        path = folder / f"part-{first // shard_size:05d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(first, min(count, first + shard_size)):
                text = f"{texts[i % len(texts)]}\n\nArchive copy {i}."
                fh.write(json.dumps({"text": text, "url": f"https://example.org/{i}"}) + "\n")
        paths.append(path)
    return paths


def _peak_rss_mib() -> float:
    # VmHWM, not getrusage: ru_maxrss survives exec, so a spawned worker would report its parent's peak.
    with open("/proc/self/status", encoding="ascii") as fh:
        kib = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return kib / 1024


def run_single(shards: list[Path], out: Path, model: str | None) -> dict:
    nlp.load(model)  # as a worker's plugin does before its first task
    started = time.perf_counter()
    articles = 0
    for shard in plan_shards([str(p) for p in shards]):
        articles += process_shard(shard, str(out), ReadOptions(), model).counts["articles"]
    seconds = time.perf_counter() - started
    return {"mode": "single process", "workers": 1, "articles": articles, "seconds": seconds,
            "articles_per_s": articles / seconds, "per_worker_per_s": articles / seconds,
            "peak_rss_mib": _peak_rss_mib()}


def run_dask(shards: list[Path], out: Path, workers: int, model: str | None) -> dict:
    from distributed import Client

    started = time.perf_counter()
    cluster = local_cluster(workers, dashboard_address=":0")  # as `quotegraph batch` starts one
    client = Client(cluster)
    try:
        up = time.perf_counter()
        print(f"  dask {workers}: cluster up in {up - started:.1f} s, dashboard {client.dashboard_link}",
              flush=True)
        report = run_batch([str(p) for p in shards], out, client=client, model=model)
        done = time.perf_counter()
        peaks = client.run(_peak_rss_mib)
    finally:
        client.close()
        cluster.close()
    task_seconds = sum(r.seconds for r in report.done)
    return {"mode": f"dask, {workers} worker{'s' if workers > 1 else ''}", "workers": workers,
            "articles": report.articles, "seconds": done - up, "with_startup_s": done - started,
            "articles_per_s": report.articles / (done - up), "per_worker_per_s": report.articles / task_seconds,
            "peak_rss_mib": max(peaks.values()), "failed": len(report.failed)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000, help="articles in all (default: %(default)s)")
    parser.add_argument("--shard-size", type=int, default=250, help="articles per shard (default: %(default)s)")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2],
                        help="Dask worker counts (default: 1 2; none: the single process only)")
    parser.add_argument("--no-single", action="store_true", help="skip the single-process run")
    parser.add_argument("--model", help="spaCy pipeline (default: quotegraph's default)")
    parser.add_argument("--workdir", type=Path, help="keep shards and results here (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="qg-bench-") as tmp:
        work = args.workdir or Path(tmp)
        shards = write_shards(work / "in", args.articles, args.shard_size)
        print(f"python {platform.python_version()}, {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}; {args.articles} articles in {len(shards)} shards", flush=True)
        results = []
        if not args.no_single:
            results.append(run_single(shards, work / "out-single", args.model))
            print(_line(results[-1]), flush=True)
        for workers in args.workers:
            results.append(run_dask(shards, work / f"out-dask-{workers}", workers, args.model))
            print(_line(results[-1]), flush=True)
    base = results[0]["articles_per_s"]
    print("\nmode                     articles/s  vs first  per worker/s  peak MiB/worker")
    for r in results:
        print(f"{r['mode']:<24} {r['articles_per_s']:>10.2f}  {r['articles_per_s'] / base:>7.2f}x"
              f"  {r['per_worker_per_s']:>12.2f}  {r['peak_rss_mib']:>15.0f}")
    dask_one = next((r for r in results if r["mode"].startswith("dask") and r["workers"] == 1), results[-1])
    rate = dask_one["per_worker_per_s"]
    hours = PROJECT_ARTICLES / (rate * PROJECT_WORKERS) / 3600
    print(f"\nprojection (not a measurement): {PROJECT_ARTICLES:,} articles on {PROJECT_WORKERS} workers at "
          f"the measured {rate:.2f} articles/s per worker = {hours:.1f} h, assuming linear scaling "
          f"(shards are independent) and storage that keeps up")
    if args.json:
        args.json.write_text(json.dumps({"results": results, "projection_hours": hours,
                                         "load_average": os.getloadavg()}, indent=1), encoding="utf-8")
    return 0


def _line(r: dict) -> str:
    return (f"  {r['mode']}: {r['articles']} articles in {r['seconds']:.1f} s = {r['articles_per_s']:.2f}/s, "
            f"{r['per_worker_per_s']:.2f}/s per worker, peak {r['peak_rss_mib']:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
