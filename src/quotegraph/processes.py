"""Worker processes that end with their parent, and SIGTERM turned into an orderly stop.

A parser pool's workers are forked children. Killed or stopped, the parent must not leave them
running their current batch for a minute: each worker asks the kernel to end it when its parent
ends (Linux `PR_SET_PDEATHSIG`) and leaves SIGINT and SIGTERM to the parent, which ends the pool.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from quotegraph.errors import Terminated

_PR_SET_PDEATHSIG = 1


def worker_start() -> None:
    """Call first in a pool worker: die with the parent; Ctrl-C and SIGTERM handling belong to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Within: SIGTERM raises Terminated in the main thread, so `with` blocks unwind (pools terminate
    their workers, transactions roll back) and the CLI exits with EXIT_TERMINATED. The handler
    before is restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
