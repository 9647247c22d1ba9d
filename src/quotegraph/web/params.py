"""What a request brings, shared by the JSON API and the pages: bounded, validated parameters and the
store opened read-only.

FastAPI turns a value outside the declared bounds into a 422 (JSON under /api/, a 400 page
elsewhere); a value that passes the declaration but means nothing (2021-13-40) raises BadQuery (400).
Empty strings count as absent, because HTML forms send every field.
"""
from __future__ import annotations

import copy
import functools
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from quotegraph.corpus import Corpus, QuoteFilter
from quotegraph.dates import parse_date_prefix
from quotegraph.errors import BadQuery
from quotegraph.settings import MAX_EXPORT, MAX_ID, MAX_LIMIT, MAX_OFFSET, MAX_TEXT, QUERY_SECONDS

# The web takes the store's own filter record: one definition of what a quote query can say.
QuoteFilters = QuoteFilter

# The bounds live in quotegraph.settings (docs/limits.md lists them).
DEFAULT_LIMIT = 20
T = TypeVar("T")


def on_event_loop(cheap: Callable[..., T]) -> Callable[..., Awaitable[T]]:
    """`cheap` as an async dependency with the same parameters, run on the event loop.

    FastAPI runs a sync dependency on a worker thread; handing a few query parameters' checks there
    and back costs more than the checks (docs/web.md, tenth round). `cheap` itself stays a plain
    function that tests and other code call directly.
    """
    @functools.wraps(cheap)
    async def dependency(*args: Any, **kwargs: Any) -> T:
        return cheap(*args, **kwargs)
    return dependency

DateParam = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD",
                                        examples=["2021-08"])]


def parse_date(value: str | None, name: str) -> str | None:
    """An ISO date prefix (YYYY, YYYY-MM, YYYY-MM-DD), checked for being a real date."""
    if not value:
        return None
    try:
        return parse_date_prefix(value)
    except ValueError as exc:
        raise BadQuery(f"{name}: {value!r} is {exc}") from exc


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def quote_filters(
    speaker: Annotated[str | None, Query(max_length=MAX_TEXT,
                                         description="part of the speaker's name or alias",
                                         examples=["Stoltenberg"])] = None,
    search: Annotated[str | None, Query(max_length=MAX_TEXT, description=(
        "full-text search in the quote: words, \"exact phrase\", AND/OR/NOT, prefix*"), examples=["Taliban"])] = None,
    outlet: Annotated[str | None, Query(max_length=MAX_TEXT, description="outlet name, exact",
                                        examples=["Reuters"])] = None,
    since: DateParam = None,
    until: DateParam = None,
    kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)?$",
                                      description="direct, indirect or mixed", examples=["direct"])] = None,
    about: Annotated[str | None, Query(max_length=MAX_TEXT, description=(
        "quotes about this person (any alias; pronouns and descriptions resolved), organisation, place "
        "or group: entity-based, not a word search"), examples=["Taliban"])] = None,
    role: Annotated[str | None, Query(max_length=MAX_TEXT, description="a role title the speaker held, exact",
                                      examples=["Secretary General"])] = None,
) -> QuoteFilters:
    """The CLI's quote filters, validated; BadQuery on a date that does not exist."""
    since_iso, until_iso = parse_date(_clean(since), "since"), parse_date(_clean(until), "until")
    # "until" is inclusive at its own precision: until=2021-08 takes in 2021-08-31.
    if since_iso and until_iso and since_iso > until_iso + "~":
        raise BadQuery(f"since ({since}) is after until ({until})")
    return QuoteFilters(speaker=_clean(speaker), search=_clean(search), outlet=_clean(outlet),
                        since=since_iso, until=until_iso, kind=_clean(kind), role=_clean(role),
                        about=_clean(about))


Filters = Annotated[QuoteFilters, Depends(on_event_loop(quote_filters))]


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page, 1-{MAX_LIMIT}")] = DEFAULT_LIMIT,
         offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")] = 0) -> Page:
    return Page(limit, offset)


Paging = Annotated[Page, Depends(on_event_loop(page))]


def export_page(limit: Annotated[int, Query(ge=1, le=MAX_EXPORT, description=f"rows, 1-{MAX_EXPORT}")] = MAX_EXPORT,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Page:
    return Page(limit, offset)


def person_id(person_id: Annotated[int, Path(description="registry person id (from /api/people)",
                                             examples=[1])]) -> int:
    """A person id from the path; one no store can hold (past SQLite's integers) is simply not found."""
    if not 0 <= person_id <= MAX_ID:
        raise HTTPException(404, f"no person with id {person_id}")
    return person_id


PersonId = Annotated[int, Depends(on_event_loop(person_id))]


# Idle connections kept for the next requests (more requests at once open more, closed after).
IDLE_CONNECTIONS = 16


class Connections:
    """Read-only connections to one store, reused from request to request.

    A request takes one (or opens one when none is idle) and gives it back when done, so no two
    requests use a connection at once, while its page cache and prepared statements stay warm
    (opening a store costs a schema read and a cold cache on every request otherwise).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.idle: queue.SimpleQueue[Corpus] = queue.SimpleQueue()

    def take(self) -> Corpus:
        return self.idle_one() or self.open()

    def idle_one(self) -> Corpus | None:
        """An idle connection, or None: never waits, so the event loop may ask."""
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return None

    def open(self) -> Corpus:
        return Corpus(self.path, readonly=True)

    def give_back(self, corpus: Corpus) -> None:
        if self.idle.qsize() < IDLE_CONNECTIONS:
            self.idle.put(corpus)
        else:
            corpus.close()


# Costly results kept (a search's facets and chart, a person's overview), least recently used dropped.
REMEMBERED = 512


class Remembered:
    """Results of costly read-only calls, kept while the store is unchanged and shared by every
    connection of the app.

    Unchanged means `Corpus.data_version()` (SQLite's `PRAGMA data_version`) of a connection of our
    own, which never writes, is the same: any other connection's commit (an ingest, `quotegraph
    watch`, a user's SQL) changes it.
    The version is read before a result is computed, so a result is never kept under a version
    older than the data it was read from; after a change every result is computed afresh.
    """

    def __init__(self, path: str, size: int = REMEMBERED) -> None:
        self.watch = Corpus(path, readonly=True)
        self.size = size
        self.lock = threading.Lock()
        self.version: int | None = None
        self.items: OrderedDict[str, Any] = OrderedDict()

    def _look(self, key: str) -> tuple[int, bool, Any]:
        """(the store's data version, whether `key` is kept, a copy of its result)."""
        with self.lock:
            version = self.watch.data_version()
            if version != self.version:
                self.items.clear()
                self.version = version
            if key in self.items:
                self.items.move_to_end(key)
                return version, True, copy.deepcopy(self.items[key])
        return version, False, None

    def kept(self, key: str) -> Any | None:
        """A copy of the result kept under `key`, or None. Runs no query but `PRAGMA data_version`,
        so the event loop may ask."""
        return self._look(key)[2]

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """The result kept under `key`, else `compute()` (kept for next time); a copy, so a caller
        may change it."""
        version, hit, value = self._look(key)
        if hit:
            return value
        value = compute()
        with self.lock:
            if self.version == version:
                self.items[key] = copy.deepcopy(value)
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
        return value


def remembered(request: Request, key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its result from an earlier request while the store is unchanged (`Remembered`)."""
    results: Remembered = request.app.state.remembered
    return results.get(key, compute)


async def kept_page(request: Request, key: str, render: Callable[[], bytes]) -> bytes:
    """The page kept under `key` (`Remembered`), answered on the event loop without a thread
    hand-off; else `render()` on a worker thread, kept for the next request."""
    results: Remembered = request.app.state.remembered
    body: bytes | None = results.kept(key)
    if body is None:
        body = await run_in_threadpool(results.get, key, render)
    return body


async def open_corpus(request: Request) -> AsyncIterator[Corpus]:
    """The store, read-only, for one request (a connection of the app's `Connections`), taken and
    given back on the event loop (a new connection, when none is idle, opened on a worker thread).

    SQL running past QUERY_SECONDS is interrupted and `request.state.too_slow` set, so one costly
    search cannot hold a worker thread for minutes (the app answers 503).
    """
    pool: Connections = request.app.state.connections
    corpus = pool.idle_one()
    if corpus is None:
        corpus = await run_in_threadpool(pool.open)
    deadline = time.monotonic() + QUERY_SECONDS
    request.state.too_slow = False

    def stop() -> bool:
        request.state.too_slow = time.monotonic() > deadline
        return request.state.too_slow

    corpus.conn.set_progress_handler(stop, 10_000)
    try:
        yield corpus
    finally:
        corpus.conn.set_progress_handler(None, 0)
        pool.give_back(corpus)


Store = Annotated[Corpus, Depends(open_corpus)]
