"""Turn store rows into what templates draw: highlighted article paragraphs and a timeline chart.

Pure functions. Article text is cut into plain-string pieces here and escaped by Jinja when drawn;
nothing in this module produces markup, so hostile text can never become HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Piece:
    """A run of article text; `quote` is the 1-based number of the quote it belongs to, if any."""

    text: str
    quote: int | None = None
    speaker_of: int | None = None


def _marks(quotes: list[dict[str, Any]], length: int) -> list[tuple[int, int, str, int]]:
    """(start, end, kind, quote number) for quotes and their speaker mentions, overlaps dropped."""
    raw = []
    for number, q in enumerate(quotes, 1):
        if 0 <= q["start"] < q["end"] <= length:
            raw.append((q["start"], q["end"], "quote", number))
        s, e = q.get("speaker_start"), q.get("speaker_end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= length:
            raw.append((s, e, "speaker", number))
    kept, reach = [], 0
    # A quote wins over a speaker mention inside it; otherwise the earlier span wins.
    for mark in sorted(raw, key=lambda m: (m[0], m[2] != "quote", -m[1])):
        if mark[0] >= reach:
            kept.append(mark)
            reach = mark[1]
    return kept


def paragraphs(text: str, quotes: list[dict[str, Any]],
               boilerplate: list[dict[str, Any]]) -> list[list[Piece]]:
    """The article's reading text as paragraphs of pieces, boilerplate lines left out.

    `quotes` must be in the order the page numbers them; their offsets index `text`.
    """
    dropped = [(b.get("start"), b.get("end")) for b in boilerplate]
    marks = _marks(quotes, len(text))
    result = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        if not text[start:end].strip() or any(
                isinstance(s, int) and isinstance(e, int) and s <= start and end <= e for s, e in dropped):
            continue
        pieces, at = [], start
        for m_start, m_end, kind, number in marks:
            if m_end <= start or m_start >= end:
                continue
            lo, hi = max(m_start, start), min(m_end, end)
            if lo > at:
                pieces.append(Piece(text[at:lo]))
            pieces.append(Piece(text[lo:hi], quote=number if kind == "quote" else None,
                                speaker_of=number if kind == "speaker" else None))
            at = hi
        if at < end:
            pieces.append(Piece(text[at:end]))
        result.append(pieces)
    return result


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: str
    count: int


@dataclass(frozen=True)
class Chart:
    """An SVG bar chart of statements per month; coordinates in SVG user units."""

    width: int
    height: int
    baseline: float
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    peak: int


MAX_MONTHS = 240


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months: list[str] = []
    while f"{year:04d}-{month:02d}" <= last and len(months) < MAX_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_chart(monthly: list[dict[str, Any]], width: int = 640, height: int = 160) -> Chart | None:
    """Bars for every month between the first and last statement (empty months included).

    `monthly` rows are {"month": "YYYY-MM", "quotes": n}; rows without a month are left out.
    Returns None when no statement has a date.
    """
    counts = {m["month"]: int(m["quotes"]) for m in monthly
              if isinstance(m.get("month"), str) and re.fullmatch(r"\d{4}-\d{2}", m["month"])}
    if not counts:
        return None
    months = _month_range(min(counts), max(counts))
    left, bottom, top = 32.0, 24.0, 12.0
    plot_w, plot_h = width - left - 8, height - bottom - top
    slot = plot_w / len(months)
    peak = max(counts.values())
    bars = tuple(Bar(x=round(left + i * slot + slot * 0.1, 2),
                     y=round(top + plot_h * (1 - counts.get(m, 0) / peak), 2),
                     width=round(max(slot * 0.8, 1.0), 2),
                     height=round(plot_h * counts.get(m, 0) / peak, 2), month=m, count=counts.get(m, 0))
                 for i, m in enumerate(months))
    step = max(1, len(months) // 8)
    ticks = tuple((round(left + i * slot + slot / 2, 2), m) for i, m in enumerate(months) if i % step == 0)
    return Chart(width=width, height=height, baseline=top + plot_h, bars=bars, ticks=ticks, peak=peak)
