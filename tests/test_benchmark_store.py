"""benchmarks/store.py's query pass with fewer queries than its count loop runs (a quick look)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_store_benchmark_runs_with_one_query_per_kind(tmp_path: Path) -> None:
    # The count loop runs at least 20 times; with --queries 1 it used to index the sampled speakers
    # past their number (IndexError) after the store was built.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "store.py"), "--articles", "0", "--quotes", "2000",
         "--queries", "1", "--keep", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "count (surname)" in done.stdout
    assert "people (top 50)" in done.stdout
