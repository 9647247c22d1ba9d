"""Throughput of quotegraph end to end against bare spaCy `nlp.pipe`, in one run, on the same texts.

    python benchmarks/throughput.py                         # dev set, repeated to 500 articles, 1 worker
    python benchmarks/throughput.py --articles 500 --workers 2
    python benchmarks/throughput.py --workers 1 2 --json out.json

For each worker count: (a) bare `nlp.pipe` and (b) `quotegraph.extract_many` over the same texts,
same model, same processes; prints articles/s of both, the ratio (b)/(a) and the peak resident
memory (process plus workers). Never fails on timing: it measures. Timings on a shared 2-core
machine are noisy; --repeat keeps the best of several passes.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from quotegraph import bench
from quotegraph.cli.evaluate import format_throughput

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "data" / "ggt-dev.jsonl"
SEEDS = ROOT / "examples" / "seeds"


def default_inputs() -> list[Path]:
    """The dev set's articles when ../shared is there, else the seed articles shipped in examples/."""
    return [DEV_SET] if DEV_SET.exists() else sorted(SEEDS.glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="texts (.jsonl: \"text\" per line); default: dev set")
    parser.add_argument("--articles", type=int, default=500, help="repeat texts to this many (default: 500)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="worker counts to run (default: 1)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1, help="passes of each, best kept (default: 1)")
    parser.add_argument("--model", help="spaCy pipeline (default: quotegraph's default)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    texts = bench.repeat_to(bench.read_texts(args.files or default_inputs()), args.articles)
    print(f"python {platform.python_version()}, {platform.machine()}, "
          f"{len(texts)} articles from {', '.join(str(p) for p in args.files or default_inputs())}")
    results = []
    for workers in args.workers:
        result = bench.throughput(texts, model=args.model, workers=workers, batch_size=args.batch_size,
                                  repeat=args.repeat)
        results.append(result.to_dict())
        print(format_throughput(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
