"""A store on read-only media (a read-only bind mount in a private mount namespace): `quotes`,
`people`, `articles`, `export` and `serve` read it; `ingest` says it cannot write."""
from __future__ import annotations

import http.client
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quotegraph import Corpus
from test_web_queries import build_store


def _unshare() -> list[str] | None:
    """The command that gives a child its own mount namespace (as root, or as a user via a user namespace)."""
    exe = shutil.which("unshare")
    if not exe:
        return None
    for flags in (["-m"], ["-rm"]):
        probe = subprocess.run([exe, *flags, "true"], check=False, capture_output=True)
        if probe.returncode == 0:
            return [exe, *flags]
    return None


UNSHARE = _unshare()
pytestmark = pytest.mark.skipif(UNSHARE is None, reason="no private mount namespace here (unshare)")


@pytest.fixture(scope="module")
def read_only(tmp_path_factory, seeds_dir) -> tuple[Path, Path]:
    """(folder holding a store, where the same folder shows read-only inside the namespace)."""
    base = tmp_path_factory.mktemp("ro")
    source, mount = base / "src", base / "ro"
    source.mkdir()
    mount.mkdir()
    shutil.copy(build_store(tmp_path_factory.mktemp("web"), seeds_dir), source / "s.db")
    return source, mount


def _in_read_only_mount(source: Path, mount: Path, argv: list[str]) -> list[str]:
    command = " ".join(shlex.quote(a) for a in argv)
    script = (f"mount --bind {shlex.quote(str(source))} {shlex.quote(str(mount))} && "
              f"mount -o remount,bind,ro {shlex.quote(str(mount))} && exec {command}")
    return [*UNSHARE, "sh", "-c", script]


def _cli(read_only, *args: str) -> subprocess.CompletedProcess:
    source, mount = read_only
    argv = [sys.executable, "-m", "quotegraph.cli", *args]
    return subprocess.run(_in_read_only_mount(source, mount, argv), check=False, capture_output=True, text=True, timeout=120)


def test_the_mount_really_is_read_only(read_only):
    run = _cli(read_only, "ingest", "/dev/null", "--db", str(read_only[1] / "s.db"), "--quiet")
    assert run.returncode == 2 and "read-only" in run.stderr


def test_queries_read_a_store_on_read_only_media(read_only, tmp_path):
    db = str(read_only[1] / "s.db")
    quotes = _cli(read_only, "quotes", "--db", db, "--speaker", "Stoltenberg", "--format", "json")
    assert quotes.returncode == 0, quotes.stderr
    assert json.loads(quotes.stdout) and all("Stoltenberg" in q["person"] for q in json.loads(quotes.stdout))
    people = _cli(read_only, "people", "--db", db, "--format", "json")
    assert people.returncode == 0 and "Stoltenberg" in people.stdout, people.stderr
    articles = _cli(read_only, "articles", "--db", db, "--format", "csv")
    assert articles.returncode == 0 and articles.stdout.count("\n") >= 3, articles.stderr
    target = tmp_path / "out.jsonl"
    exported = _cli(read_only, "export", "--db", db, "--to", str(target))
    assert exported.returncode == 0 and target.read_text().count("\n") >= 10, exported.stderr
    with Corpus(read_only[0] / "s.db", readonly=True) as corpus:
        assert len(json.loads(quotes.stdout)) == len(corpus.quotes(speaker="Stoltenberg", limit=20))


def test_serve_reads_a_store_on_read_only_media(read_only):
    source, mount = read_only
    argv = [sys.executable, "-m", "quotegraph.cli", "serve", "--db", str(mount / "s.db"), "--port", "0"]
    env = {k: v for k, v in os.environ.items() if k != "QUOTEGRAPH_TOKEN"}
    proc = subprocess.Popen(_in_read_only_mount(source, mount, argv), stderr=subprocess.PIPE, text=True, env=env)
    try:
        banner = proc.stderr.readline()
        port = int(re.search(r":(\d+)/", banner).group(1))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/api/quotes?speaker=Stoltenberg")
        response = conn.getresponse()
        body = json.loads(response.read())
        conn.close()
        assert response.status == 200 and body["total"] > 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
