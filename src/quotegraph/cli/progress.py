"""The ingest progress line: a `run.Progress` callback that draws a Rich line on stderr."""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class IngestBar:
    """`with IngestBar() as bar: corpus.ingest(..., on_progress=bar.update)`: articles so far,
    new / duplicate / failed, and articles per second."""

    def __init__(self) -> None:
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                            TextColumn("[bold]{task.fields[rate]}[/] articles/s"), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=False)
        self.task = self.bar.add_task("ingest", total=None, rate="0.0")

    def update(self, progress: Any) -> None:
        self.bar.update(self.task, completed=progress.done, rate=f"{progress.rate:.1f}",
                        description=f"{progress.done} articles: {progress.new} new, "
                                    f"{progress.duplicates} duplicate, {progress.failed} failed")

    def __enter__(self) -> IngestBar:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


@contextlib.contextmanager
def ingest_progress(enabled: bool) -> Iterator[Callable[[Any], None] | None]:
    """`with ingest_progress(shown) as on_progress:` a bar's update callback while the block runs,
    or None when no bar is wanted."""
    if not enabled:
        yield None
        return
    with IngestBar() as bar:
        yield bar.update
