"""`quotegraph serve` as a real process on a free loopback port, for the web tests that need one."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path | str) -> Iterator[str]:
    """The base URL of `quotegraph serve --db DB` (no token), stopped on exit; fails the test, with the
    server's output, when it does not start within 30 s."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "quotegraph.cli", "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "QUOTEGRAPH_TOKEN": ""})
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"server did not start: {process.stdout.read().decode(errors='replace')}")
            time.sleep(0.2)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
