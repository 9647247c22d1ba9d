"""What a request brings, shared by the JSON API and the pages: bounded, validated parameters and the
store opened read-only.

FastAPI turns a value outside the declared bounds into a 422 (JSON under /api/, a 400 page
elsewhere); a value that passes the declaration but means nothing (2021-13-40) raises BadQuery (400).
Empty strings count as absent, because HTML forms send every field.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from quotegraph.corpus import Corpus
from quotegraph.dates import parse_date_prefix
from quotegraph.errors import BadQuery
from quotegraph.corpus import QuoteFilter

# The web takes the store's own filter record: one definition of what a quote query can say.
QuoteFilters = QuoteFilter

MAX_LIMIT = 200          # rows per page
MAX_OFFSET = 1_000_000   # deep paging costs a scan; past this, narrow the filters instead
MAX_TEXT = 200           # characters in a search, speaker or outlet parameter
MAX_EXPORT = 10_000      # rows in one CSV/JSON download
QUERY_SECONDS = 10.0     # SQL time one request may use
DEFAULT_LIMIT = 20


DateParam = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")]


def parse_date(value: str | None, name: str) -> str | None:
    """An ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD), checked for being a real date."""
    if not value:
        return None
    try:
        return parse_date_prefix(value, calendar=True)
    except ValueError as exc:
        raise BadQuery(f"{name}: {value!r} is {exc}") from exc


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def quote_filters(
    speaker: Annotated[str | None, Query(max_length=MAX_TEXT,
                                         description="part of the speaker's name or alias")] = None,
    search: Annotated[str | None, Query(max_length=MAX_TEXT, description=(
        "full-text search in the quote: words, \"exact phrase\", AND/OR/NOT, prefix*"))] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_TEXT, description="outlet name, exact")] = None,
    since: DateParam = None,
    until: DateParam = None,
    kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)?$",
                                      description="direct, indirect or mixed")] = None,
) -> QuoteFilters:
    """The CLI's quote filters, validated; BadQuery on a date that does not exist."""
    since_iso, until_iso = parse_date(_clean(since), "since"), parse_date(_clean(until), "until")
    # "until" is inclusive at its own precision: until=2021-08 takes in 2021-08-31.
    if since_iso and until_iso and since_iso > until_iso + "~":
        raise BadQuery(f"since ({since}) is after until ({until})")
    return QuoteFilters(speaker=_clean(speaker), search=_clean(search), outlet=_clean(outlet),
                        since=since_iso, until=until_iso, kind=_clean(kind))


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page, 1-{MAX_LIMIT}")] = DEFAULT_LIMIT,
         offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")] = 0) -> Page:
    return Page(limit, offset)


def export_page(limit: Annotated[int, Query(ge=1, le=MAX_EXPORT, description=f"rows, 1-{MAX_EXPORT}")] = MAX_EXPORT,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Page:
    return Page(limit, offset)


def open_corpus(request: Request) -> Iterator[Corpus]:
    """The store, read-only, for one request (closed after it): requests never share a connection.

    SQL running past QUERY_SECONDS is interrupted and `request.state.too_slow` set, so one costly
    search cannot hold a worker thread for minutes (the app answers 503).
    """
    corpus = Corpus(request.app.state.db_path, readonly=True)
    deadline = time.monotonic() + QUERY_SECONDS
    request.state.too_slow = False

    def stop() -> bool:
        request.state.too_slow = time.monotonic() > deadline
        return request.state.too_slow

    corpus.conn.set_progress_handler(stop, 10_000)
    try:
        yield corpus
    finally:
        corpus.close()


Store = Annotated[Corpus, Depends(open_corpus)]
