"""Server-drawn SVG charts: quotes over time (one line per outlet or speaker) and share bars.

Pure functions from store results to coordinates; the templates write the SVG elements and escape
every label. No script and no inline style: colours come from classes in style.css, so the strict
Content-Security-Policy holds.
"""
from __future__ import annotations

from dataclasses import dataclass

from quotegraph.corpus import Series

COLOURS = 8


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    bucket: str
    count: int


@dataclass(frozen=True)
class Path:
    """One line: its `key` (outlet, speaker or "all"), the SVG polyline `points`, dots for hovering
    (when there are few buckets), its colour class number and its total."""

    key: str
    points: str
    dots: tuple[Point, ...]
    colour: int
    total: int


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    baseline: float
    paths: tuple[Path, ...]
    xticks: tuple[tuple[float, str], ...]
    yticks: tuple[tuple[float, str], ...]
    peak: int
    series: Series


def _nice_peak(peak: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least `peak`."""
    scale = 1
    while True:
        for m in (1, 2, 5):
            if m * scale >= peak:
                return m * scale
        scale *= 10


def _short(n: int) -> str:
    return f"{n / 1_000_000:g}M" if n >= 1_000_000 else f"{n / 1000:g}k" if n >= 10_000 else str(n)


def line_chart(series: Series, width: int = 720, height: int = 220, dots_up_to: int = 60) -> LineChart | None:
    """Coordinates for `series`; None when no matching quote has a date."""
    if not series.buckets or not series.lines:
        return None
    left, right, top, bottom = 44.0, 34.0, 12.0, 26.0
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((max(line.counts) for line in series.lines if line.counts), default=0)
    scale_top = _nice_peak(max(peak, 1))
    n = len(series.buckets)
    slot = plot_w / max(n - 1, 1)

    def x(i: int) -> float:
        return round(left + (i * slot if n > 1 else plot_w / 2), 2)

    def y(count: int) -> float:
        return round(top + plot_h * (1 - count / scale_top), 2)

    paths = []
    for number, line in enumerate(series.lines):
        coords = [(x(i), y(c)) for i, c in enumerate(line.counts)]
        dots = tuple(Point(cx, cy, series.buckets[i], line.counts[i]) for i, (cx, cy) in enumerate(coords)) \
            if n <= dots_up_to else ()
        paths.append(Path(line.key, " ".join(f"{a},{b}" for a, b in coords), dots, number % COLOURS, line.total))
    step = max(1, n // 8)
    xticks = tuple((x(i), b) for i, b in enumerate(series.buckets) if i % step == 0)
    yticks = tuple((y(v), _short(v)) for v in sorted({0, scale_top // 2 if scale_top % 2 == 0 else 0, scale_top}))
    return LineChart(width, height, left, right, top, top + plot_h, tuple(paths), xticks, yticks, peak, series)


@dataclass(frozen=True)
class ShareBar:
    """A stacked bar of shares (female, male, unknown; or by kind): (class, label, x, width, count)."""

    parts: tuple[tuple[str, str, float, float, int], ...]
    width: int


def share_bar(parts: list[tuple[str, str, int]], width: int = 160) -> ShareBar:
    """`parts` ((class, label, count), …) as consecutive segments of a bar `width` wide."""
    total = sum(c for _, _, c in parts)
    at, drawn = 0.0, []
    for cls, label, count in parts:
        w = round(width * count / total, 2) if total else 0.0
        drawn.append((cls, label, round(at, 2), w, count))
        at += w
    return ShareBar(tuple(drawn), width)
