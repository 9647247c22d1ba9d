"""Feeds and sitemaps: the article links in RSS 2.0 / RSS 1.0, Atom, XML sitemaps (news sitemaps
included) and sitemap indexes, with the titles and dates they give.

    >>> listing = parse_feed(body, "https://example.org/rss.xml")
    >>> listing.kind, listing.title, listing.links[0].url, listing.sitemaps

Parsing never reaches the network and never expands entities (no XML bombs, no external files).
A body that is not a feed or sitemap gives None; the caller treats it as a page.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from quotegraph.fetch.http import is_http_url
from quotegraph.ingest.dates import normalise_date
from quotegraph.store.urls import Listed

FEED_KINDS = ("rss", "atom", "sitemap", "sitemapindex")
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "recover": True,
                   "remove_comments": True, "remove_pis": True}
_ROOTS = {"rss": "rss", "rdf": "rss", "feed": "atom", "urlset": "sitemap", "sitemapindex": "sitemapindex"}


@dataclass(frozen=True)
class Listing:
    """What a feed lists: article `links`, and for a sitemap index the `sitemaps` it points to.

    `title` is the feed's own name (an RSS channel's or Atom feed's title), used as the outlet of
    articles whose page names none.
    """

    kind: str
    title: str | None
    links: tuple[Listed, ...] = ()
    sitemaps: tuple[str, ...] = ()


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _first(element: etree._Element, *names: str) -> etree._Element | None:
    for name in names:
        found = _children(element, name)
        if found:
            return found[0]
    return None


def _link(base: str, href: str | None) -> str | None:
    if not href:
        return None
    url = urljoin(base, href.strip())
    return url.split("#", 1)[0] if is_http_url(url) else None


def gunzip(body: bytes, limit: int) -> bytes:
    """A gzip-compressed body (sitemap.xml.gz) decompressed, refused beyond `limit` bytes."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    data = inflater.decompress(body, limit + 1)
    if len(data) > limit:
        raise ValueError(f"too large: more than {limit} bytes once decompressed")
    return data


def _rss_items(root: etree._Element, base: str) -> list[Listed]:
    items = [e for e in root.iter() if _local(e.tag) == "item"]
    links = []
    for item in items:
        href = _text(_first(item, "link"))
        guid = _first(item, "guid")
        if not href and guid is not None and (guid.get("isPermaLink") or "true").lower() == "true":
            href = _text(guid)
        url = _link(base, href)
        if url:
            date = _text(_first(item, "pubdate", "date", "published", "updated"))
            links.append(Listed(url, _text(_first(item, "title")), normalise_date(date)))
    return links


def _atom_entries(root: etree._Element, base: str) -> list[Listed]:
    links = []
    for entry in _children(root, "entry"):
        candidates = _children(entry, "link")
        chosen = next((c for c in candidates if c.get("rel", "alternate") == "alternate"), None)
        url = _link(base, chosen.get("href") if chosen is not None else None)
        if url:
            date = _text(_first(entry, "published", "updated", "issued", "modified"))
            links.append(Listed(url, _text(_first(entry, "title")), normalise_date(date)))
    return links


def _sitemap_urls(root: etree._Element, base: str) -> list[Listed]:
    links = []
    for entry in _children(root, "url"):
        url = _link(base, _text(_first(entry, "loc")))
        if not url:
            continue
        news = next((e for e in entry.iter() if _local(e.tag) == "news" and e is not entry), None)
        title = _text(_first(news, "title")) if news is not None else None
        date = _text(_first(news, "publication_date")) if news is not None else None
        links.append(Listed(url, title, normalise_date(date or _text(_first(entry, "lastmod")))))
    return links


def _feed_title(root: etree._Element, kind: str) -> str | None:
    if kind == "atom":
        return _text(_first(root, "title"))
    if kind == "rss":
        channel = _first(root, "channel")
        return _text(_first(channel, "title")) if channel is not None else None
    return None


def parse_feed(body: bytes, base: str) -> Listing | None:
    """The links of a feed or sitemap body (already gunzipped), or None when it is neither."""
    head = body.lstrip()[:512].lower()
    if not head.startswith(b"<") or b"<html" in head or b"<!doctype html" in head:
        return None
    try:
        root = etree.fromstring(body, etree.XMLParser(**_PARSER_OPTIONS))
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    kind = _ROOTS.get(_local(root.tag))
    if kind is None:
        return None
    if kind == "sitemapindex":
        sitemaps = [_link(base, _text(_first(entry, "loc"))) for entry in _children(root, "sitemap")]
        return Listing(kind, None, sitemaps=tuple(dict.fromkeys(s for s in sitemaps if s)))
    links = {"rss": _rss_items, "atom": _atom_entries, "sitemap": _sitemap_urls}[kind](root, base)
    unique: dict[str, Listed] = {}
    for link in links:
        unique.setdefault(link.url, link)  # the first mention of a URL wins
    return Listing(kind, _feed_title(root, kind), links=tuple(unique.values()))
