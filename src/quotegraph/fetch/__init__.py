"""Live news: article URLs, RSS/Atom feeds and XML sitemaps fetched politely and kept current.

    >>> from quotegraph.fetch import poll, FetchOptions
    >>> with Corpus("news.db") as corpus:
    ...     print(poll(corpus, ["https://example.org/rss.xml"]).summary())

`http` is the polite client (robots.txt, pace per host, conditional GET, retries, size cap),
`feeds` reads feeds and sitemaps, `pages` turns a page into an `Article`, `watch` runs polls and
the `watch` loop. What is known about each URL is kept in the store (`quotegraph.store.urls`).
"""
from __future__ import annotations

from quotegraph.fetch.feeds import Listing, parse_feed
from quotegraph.fetch.http import FetchFailed, PoliteClient, Response, is_http_url
from quotegraph.fetch.options import USER_AGENT, FetchOptions
from quotegraph.fetch.watch import PollReport, parse_every, poll, read_feed_list, watch
from quotegraph.store.urls import KINDS as URL_KINDS
from quotegraph.store.urls import STATUSES as URL_STATUSES

__all__ = ["FetchFailed", "FetchOptions", "Listing", "PoliteClient", "PollReport", "Response", "USER_AGENT",
           "is_http_url", "parse_every", "parse_feed", "poll", "read_feed_list", "watch", "URL_KINDS", "URL_STATUSES"]
