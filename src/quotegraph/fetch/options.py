"""How politely and how persistently quotegraph fetches: every limit of the fetcher, in one place."""
from __future__ import annotations

from dataclasses import dataclass

from importlib import metadata

from quotegraph.errors import QuotegraphError

try:
    _VERSION = metadata.version("quotegraph")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    _VERSION = "0"
# Names the project and what it does, so a site's operator knows who is calling and why.
USER_AGENT = f"quotegraph/{_VERSION} (news quote extraction; +https://pypi.org/project/quotegraph/)"


@dataclass(frozen=True)
class FetchOptions:
    """The fetcher's settings; the defaults are polite for a public news site.

    Times are in seconds. `retries` extra tries (after `backoff`, doubled each time) are made at once
    for a transient failure (timeout, connection error, HTTP 429/5xx); a URL that still fails is
    recorded and tried again `retry_after` later (doubled per failure, at most a day), until
    `max_attempts` failures in a row.
    """

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # connect, and each read
    deadline: float = 120.0  # the whole response
    max_bytes: int = 10_000_000  # per response; more is refused without being read
    retries: int = 2
    backoff: float = 1.0
    host_interval: float = 1.0  # between two requests to one host (robots.txt's Crawl-delay wins if longer)
    host_concurrency: int = 2  # requests in flight to one host
    concurrency: int = 8  # requests in flight in all
    robots: bool = True  # honour robots.txt
    robots_ttl: float = 3600.0  # how long a host's robots.txt is trusted
    max_redirects: int = 5
    retry_after: float = 600.0
    max_attempts: int = 5
    lease_seconds: float = 3600.0  # how long a URL stays taken by a process that does not finish it
    max_crawl_delay: float = 60.0

    def __post_init__(self) -> None:
        for name in ("timeout", "deadline", "max_bytes", "concurrency", "host_concurrency", "max_attempts",
                     "lease_seconds"):
            if getattr(self, name) <= 0:
                raise QuotegraphError(f"{name} must be positive, not {getattr(self, name)}")
        for name in ("retries", "backoff", "host_interval", "retry_after"):
            if getattr(self, name) < 0:
                raise QuotegraphError(f"{name} must be 0 or more, not {getattr(self, name)}")
