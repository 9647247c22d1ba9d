"""A fetched page as an article: trafilatura's text, title, date, authors and site name, with what the
listing feed said filling in what the page does not say."""
from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from quotegraph.fetch.http import Response
from quotegraph.ingest.html import article_from_html
from quotegraph.ingest.records import Failure, ReadOptions, host_of
from quotegraph.ingest.sources import sniff_format
from quotegraph.records import Article
from quotegraph.store.urls import UrlRow

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _hosts(*addresses: str) -> set[str | None]:
    """What a site is called when only its address is known: host, host:port, without "www."."""
    names: set[str | None] = {None}
    for address in addresses:
        netloc = urlsplit(address).netloc.lower()
        names |= {netloc, netloc.removeprefix("www."), host_of(address)}
    return names


def article_from_response(response: Response, row: UrlRow, max_chars: int) -> Article | Failure:
    """The article of a page at `row.url`, or the Failure saying why there is none (not HTML, no
    article text, too large). `source` is the URL asked for, `url` the page's own (canonical) one."""
    kind = media_type(response.content_type)
    if kind not in HTML_TYPES and (kind or sniff_format(response.body[:8192]) != "html"):
        return Failure(row.url, f"not an HTML page (Content-Type: {kind or 'none'})")
    options = ReadOptions(outlet=row.feed_outlet, max_chars=max_chars)
    article = article_from_html(response.body, row.url, options, url=response.url,
                                content_type=response.content_type, fallback_date=row.feed_published)
    if isinstance(article, Article):
        # trafilatura names the site after its host when the page names none; the feed knows better.
        if row.feed_outlet and article.outlet in _hosts(response.url, row.url):
            article = dataclasses.replace(article, outlet=row.feed_outlet)
        if not article.title and row.feed_title:
            article = dataclasses.replace(article, title=row.feed_title)
    return article
