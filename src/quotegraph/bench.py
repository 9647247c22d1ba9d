"""Throughput of quotegraph against the cost of the spaCy parse itself, measured in one run.

On the same texts, with the same model and the same number of processes, `throughput` times
(a) bare `nlp.pipe` (parse only) and (b) `quotegraph.extract_many` end to end (clean, parse, quotes,
people, records), and samples the peak resident memory of the process and its workers during each.
The ratio (b)/(a) in articles per second says how close extraction stays to the parse cost.
Used by `quotegraph bench` and `benchmarks/throughput.py`.
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from quotegraph.errors import BadInput

# How often the memory sampler looks at the process tree.
SAMPLE_SECONDS = 0.05


def read_texts(paths: Iterable[str | Path]) -> list[str]:
    """Article texts from files: a JSONL file gives the "text" of each line, any other file its text.

    Raises BadInput naming the file when it cannot be read or holds no text.
    """
    texts: list[str] = []
    for path in map(Path, paths):
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
            raise BadInput(f"cannot read: {reason}", source=str(path)) from exc
        if path.suffix == ".jsonl":
            found = [_jsonl_text(line, f"{path}:{n}") for n, line in enumerate(raw.splitlines(), 1)
                     if line.strip()]
        else:
            found = [raw]
        found = [t for t in found if t.strip()]
        if not found:
            raise BadInput("no article text in file", source=str(path))
        texts += found
    return texts


def _jsonl_text(line: str, where: str) -> str:
    try:
        text = json.loads(line).get("text")
    except (json.JSONDecodeError, AttributeError) as exc:
        raise BadInput('each line must be a JSON object with a "text"', source=where) from exc
    if not isinstance(text, str):
        raise BadInput('each line must be a JSON object with a "text"', source=where)
    return text


def repeat_to(texts: Sequence[str], count: int) -> list[str]:
    """`texts` cycled until there are `count` of them (at least one pass over all of them)."""
    if not texts:
        raise BadInput("no texts to benchmark")
    count = max(count, len(texts))
    return [texts[i % len(texts)] for i in range(count)]


class _PeakRss:
    """Samples the resident memory of this process plus its children, keeping the peak (bytes)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self) -> int:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:  # the worker ended between listing and reading
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> _PeakRss:
        self.peak = self._tree_rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._tree_rss())


@dataclass(frozen=True)
class Phase:
    """One timed pass over the texts."""

    name: str
    seconds: float
    articles: int
    peak_rss_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "seconds": round(self.seconds, 3), "articles": self.articles,
                "articles_per_second": round(self.articles_per_second, 2),
                "peak_rss_mb": round(self.peak_rss_mb, 1)}


@dataclass(frozen=True)
class Throughput:
    """Both passes of one benchmark run; `ratio` is quotegraph's speed as a share of the bare parse."""

    parse: Phase
    quotegraph: Phase
    model: str
    workers: int
    batch_size: int
    characters: int
    quotes: int

    @property
    def ratio(self) -> float:
        base = self.parse.articles_per_second
        return self.quotegraph.articles_per_second / base if base else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "workers": self.workers, "batch_size": self.batch_size,
                "articles": self.parse.articles, "characters": self.characters, "quotes": self.quotes,
                "parse": self.parse.to_dict(), "quotegraph": self.quotegraph.to_dict(),
                "ratio": round(self.ratio, 3)}


def _timed(name: str, run: Callable[[], int], articles: int) -> tuple[Phase, int]:
    with _PeakRss() as rss:
        start = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - start
    return Phase(name, seconds, articles, rss.peak / 2**20), result


def throughput(texts: Sequence[str], *, model: str | None = None, workers: int = 1,
               batch_size: int = 16, repeat: int = 1) -> Throughput:
    """Time bare `nlp.pipe` and `quotegraph.extract_many` on the same `texts`, best of `repeat` each.

    The model is loaded and warmed up before any clock starts; the passes alternate so that load
    from other processes on the machine hits both alike. Raises ModelNotFound if the model is missing.
    """
    from quotegraph import nlp
    from quotegraph.pipeline import extract_many

    language = nlp.load(model)
    list(language.pipe(texts[:2]))  # warm-up: first-call costs are not throughput
    list(extract_many(texts[:2], model=model))
    n_process = max(1, workers)

    def parse_only() -> int:  # spaCy's own pipeline: quotegraph's paragraph breaks are its cost
        with language.select_pipes(disable=[p for p in language.pipe_names if p == nlp.PARAGRAPH_BREAKS]):
            return sum(1 for _ in language.pipe(texts, batch_size=batch_size, n_process=n_process))

    def end_to_end() -> int:
        return sum(len(d.quotes) for d in extract_many(texts, model=model, workers=n_process,
                                                         batch_size=batch_size))

    best: dict[str, Phase] = {}
    quotes = 0
    for _ in range(max(1, repeat)):
        for name, run in (("nlp.pipe", parse_only), ("quotegraph", end_to_end)):
            phase, result = _timed(name, run, len(texts))
            if name == "quotegraph":
                quotes = result
            if name not in best or phase.seconds < best[name].seconds:
                best[name] = phase
    model_name = model or f"{language.meta.get('lang', '')}_{language.meta.get('name', '')}"
    return Throughput(best["nlp.pipe"], best["quotegraph"], model_name, n_process, batch_size,
                      sum(map(len, texts)), quotes)
