"""Worker processes end with their parent: SIGTERM of `ingest --workers 2` ends every worker at once
and exits 143 with a message; SIGKILL of the parent takes the workers with it (Linux)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotegraph.errors import EXIT_TERMINATED
from quotegraph import Corpus


def _feed(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(300):
            text = " ".join(f'Councillor Dana Reyes said: "We will fix road {i}-{j} this year." The board agreed.'
                            for j in range(40))
            fh.write(json.dumps({"text": text, "id": f"a{i}"}) + "\n")
    return path


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            found |= {int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _start(tmp_path: Path) -> tuple[subprocess.Popen, set[int], Path]:
    db = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-m", "quotegraph.cli", "ingest", str(_feed(tmp_path / "feed.jsonl")),
                             "--db", str(db), "--workers", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2, "the pool did not start"
    time.sleep(4)  # the workers are now deep in their first batches (64 articles each)
    assert proc.poll() is None
    return proc, _children(proc.pid) | workers, db


def _wait_gone(pids: set[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p for p in pids if _alive(p)]
        if not left:
            return []
        time.sleep(0.05)
    return [p for p in pids if _alive(p)]


def _kill(pids) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_ends_every_worker_and_exits_143(tmp_path):
    proc, workers, db = _start(tmp_path)
    try:
        stopped = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)  # stderr closes only when no worker holds it
        took = time.monotonic() - stopped
        left = _wait_gone(workers, 3)
    finally:
        _kill(workers)
    assert proc.returncode == EXIT_TERMINATED == 143
    assert err.strip().splitlines()[-1] == "quotegraph: stopped by SIGTERM"
    assert not left and took < 5, f"workers {left} outlived the parent ({took:.1f} s)"
    with Corpus(db, readonly=True) as corpus:  # what was committed (if anything) is whole
        orphans = corpus.conn.execute("SELECT COUNT(*) FROM quotes WHERE article_id NOT IN "
                                      "(SELECT id FROM articles)").fetchone()[0]
        assert orphans == 0 and corpus.stats()["articles"] < 300


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_killed_parent(tmp_path):
    proc, workers, _ = _start(tmp_path)
    try:
        proc.kill()
        proc.wait(timeout=10)
        left = _wait_gone(workers, 3)
    finally:
        _kill(workers)
    assert not left, f"workers {left} outlived a killed parent"
