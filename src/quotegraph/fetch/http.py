"""A polite HTTP client: robots.txt, a named User-Agent, per-host pacing and concurrency, conditional
GET, timeouts, retries with backoff, and a size cap that is enforced while reading.

    >>> with PoliteClient(FetchOptions()) as client:
    ...     response = client.get("https://example.org/news/1", etag='"abc"')
    ...     response.status          # 200, or 304 when the validators still hold

`get` raises `FetchFailed` with a one-line reason ("HTTP 404", "timed out after 20 s", "too large:
more than 10000000 bytes", "disallowed by robots.txt") once its retries are spent. It is safe to
call from several threads at once; each host gets its own pace.
"""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from quotegraph.fetch.options import FetchOptions

# Statuses worth another try soon; any other error status is final for this attempt.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 500_000
# When robots.txt cannot be read for a server-side reason, the site is left alone this long.
ROBOTS_RETRY = 300.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchFailed(Exception):
    """A URL that could not be fetched; `reason` is one line, `status` the HTTP status if any."""

    def __init__(self, reason: str, *, status: int | None = None, transient: bool = False,
                 wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.transient = transient
        self.wait = wait  # what the server asked for (Retry-After), in seconds


@dataclass(frozen=True)
class Response:
    """A complete response: `url` is where it ended after redirects; `body` is empty for a 304."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None


def is_http_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError, OverflowError):
        return None


class _Host:
    """One host's pace: at most `concurrency` requests in flight, one start every `interval` seconds."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.interval = interval
        self.next_start = 0.0
        self.robots_lock = threading.Lock()
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_reason: str | None = None  # set when the site's robots.txt could not be read
        self.robots_until = 0.0

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self.slots:
            with self.lock:
                now = time.monotonic()
                start = max(now, self.next_start)
                self.next_start = start + self.interval
            if start > now:
                time.sleep(start - now)
            yield


class PoliteClient:
    """The one way quotegraph talks to web servers (see the module docstring)."""

    def __init__(self, options: FetchOptions = FetchOptions()) -> None:
        self.options = options
        limits = httpx.Limits(max_connections=options.concurrency,
                              max_keepalive_connections=options.concurrency)
        self.client = httpx.Client(headers={"User-Agent": options.user_agent,
                                            "Accept-Encoding": "gzip, deflate"},
                                   timeout=httpx.Timeout(options.timeout), limits=limits, follow_redirects=False)
        self.hosts: dict[str, _Host] = {}
        self.lock = threading.Lock()
        self.requests = 0  # sent, for reports

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- hosts and robots.txt ---------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = _host_key(url)
        with self.lock:
            host = self.hosts.get(key)
            if host is None:
                host = self.hosts[key] = _Host(self.options.host_concurrency, self.options.host_interval)
            return host

    def _load_robots(self, url: str, host: _Host) -> None:
        robots_url = urljoin(_host_key(url), "/robots.txt")
        parser = urllib.robotparser.RobotFileParser(robots_url)
        reason: str | None = None
        ttl = self.options.robots_ttl
        try:
            response = self._request(robots_url, {}, ROBOTS_MAX_BYTES, host, check_robots=False)
        except FetchFailed as failed:
            if failed.status is not None and 400 <= failed.status < 500:
                parser.parse([])  # no robots.txt: everything is allowed
            else:
                reason, ttl = f"robots.txt unavailable ({failed.reason})", ROBOTS_RETRY
        else:
            parser.parse(response.body.decode("utf-8", "replace").splitlines())
            delay = parser.crawl_delay(self.options.user_agent)
            if delay:
                host.interval = max(host.interval, min(float(delay), self.options.max_crawl_delay))
        host.robots, host.robots_reason = parser, reason
        host.robots_until = time.monotonic() + ttl

    def allowed(self, url: str) -> None:
        """Raise FetchFailed when robots.txt keeps us off `url` (read once per host and TTL)."""
        if not self.options.robots:
            return
        host = self._host(url)
        with host.robots_lock:  # one fetch of robots.txt per host, however many threads ask
            if host.robots is None or time.monotonic() >= host.robots_until:
                self._load_robots(url, host)
        if host.robots_reason:
            raise FetchFailed(host.robots_reason, transient=False)
        assert host.robots is not None
        if not host.robots.can_fetch(self.options.user_agent, url):
            raise FetchFailed("disallowed by robots.txt")

    # -- requests ---------------------------------------------------------------------------------
    def _read(self, response: httpx.Response, limit: int, started: float) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchFailed(f"too large: {declared} bytes declared, limit {limit}", status=response.status_code)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchFailed(f"too large: more than {limit} bytes", status=response.status_code)
            if time.monotonic() - started > self.options.deadline:
                raise FetchFailed(f"timed out: response not complete after {self.options.deadline:g} s",
                                  status=response.status_code, transient=True)
            chunks.append(chunk)
        return b"".join(chunks)

    def _request(self, url: str, headers: dict[str, str], limit: int, host: _Host, *,
                 check_robots: bool = True) -> Response:
        """One GET, redirects followed by hand (each hop paced, and checked against robots.txt)."""
        for _hop in range(self.options.max_redirects + 1):
            started = time.monotonic()
            with host.turn():
                self.requests += 1
                try:
                    with self.client.stream("GET", url, headers=headers) as response:
                        status = response.status_code
                        if status in _REDIRECTS and response.headers.get("location"):
                            target = urljoin(str(response.url), response.headers["location"])
                        elif status == 304:
                            return Response(str(response.url), 304, b"", response.headers.get("content-type"),
                                            response.headers.get("etag"), response.headers.get("last-modified"))
                        elif status >= 400:
                            raise FetchFailed(f"HTTP {status}", status=status, transient=status in TRANSIENT_STATUSES,
                                              wait=_retry_after(response.headers.get("retry-after")))
                        else:
                            body = self._read(response, limit, started)
                            return Response(str(response.url), status, body, response.headers.get("content-type"),
                                            response.headers.get("etag"), response.headers.get("last-modified"))
                except httpx.TimeoutException:
                    raise FetchFailed(f"timed out after {self.options.timeout:g} s", transient=True) from None
                except httpx.HTTPError as error:  # connection refused or reset, bad response, ...
                    raise FetchFailed(f"{type(error).__name__}: {error}".rstrip(": "), transient=True) from None
            if not is_http_url(target):
                raise FetchFailed(f"redirected to a non-HTTP address: {target[:200]}")
            url = target
            host = self._host(url)
            if check_robots:
                self.allowed(url)
        raise FetchFailed(f"more than {self.options.max_redirects} redirects")

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET `url` politely (see the module docstring); a 304 comes back as a Response."""
        self.allowed(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = self._host(url)
        for attempt in range(self.options.retries + 1):
            try:
                return self._request(url, headers, self.options.max_bytes, host)
            except FetchFailed as failed:
                if not failed.transient or attempt == self.options.retries:
                    raise
                pause = self.options.backoff * 2 ** attempt
                if failed.wait is not None:
                    pause = max(pause, min(failed.wait, self.options.max_crawl_delay))
                time.sleep(pause)
        raise AssertionError("unreachable")
