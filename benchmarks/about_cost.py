"""What "about" and statements cost an ingest: `Corpus.ingest` of the same input with both on, and
with both off (`quotegraph.about.find` returning nothing, `store.statements.attach` doing nothing),
alternating in one process, fresh stores each time; prints the CPU seconds of each run, the best and
the median of each. Timings on a shared machine are noisy: use several rounds and `nice`.

    nice python benchmarks/about_cost.py articles.jsonl --rounds 3 --work /tmp/about-cost
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from quotegraph import about, nlp
from quotegraph.corpus import Corpus
from quotegraph.store import statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="what `quotegraph ingest` reads")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for the stores (default: a temporary one)")
    args = parser.parse_args(argv)
    nlp.load()
    real_find, real_attach = about.find, statements.attach
    cpu: dict[str, list[float]] = {"off": [], "on": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for r in range(args.rounds):
            for mode in ("off", "on"):
                about.find = real_find if mode == "on" else (lambda *a, **k: ())  # type: ignore[assignment]
                statements.attach = real_attach if mode == "on" else (lambda conn, ids: None)  # type: ignore[assignment]
                db = work / f"{mode}-{r}.db"
                with Corpus(db) as corpus:
                    started = time.process_time()
                    report = corpus.ingest(args.inputs)
                    cpu[mode].append(time.process_time() - started)
                print(f"{mode} round {r}: {report.new} articles, {cpu[mode][-1]:.1f} CPU s", flush=True)
    about.find, statements.attach = real_find, real_attach
    best = {m: min(v) for m, v in cpu.items()}
    median = {m: statistics.median(v) for m, v in cpu.items()}
    print(f"best: off {best['off']:.1f} s, on {best['on']:.1f} s ({100 * (best['on'] / best['off'] - 1):+.1f} %); "
          f"median: off {median['off']:.1f} s, on {median['on']:.1f} s "
          f"({100 * (median['on'] / median['off'] - 1):+.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
