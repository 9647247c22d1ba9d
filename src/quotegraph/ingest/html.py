"""HTML pages: the article text and its metadata (title, date, authors, site name, URL) by trafilatura.

Nothing is fetched: trafilatura only reads the bytes it is given. A page is decoded with the charset
it (or its HTTP response) declares, else as UTF-8; undeclared other encodings are reported, not
guessed. Paragraphs come out separated by blank lines, like the plain-text articles.
"""
from __future__ import annotations

import codecs
import logging
import re
from typing import Any, BinaryIO

import trafilatura
from trafilatura.settings import set_date_params

from quotegraph.ingest.records import Failure, ReadOptions, build_article
from quotegraph.ingest.sources import (READ_ERRORS, binary_reason, open_bytes, os_reason,
                                       read_limited, utf8_reason)
from quotegraph.records import Article
from quotegraph.settings import HTML_BYTES_PER_CHAR

# Below this the page is navigation, a login form or a cookie wall, not an article: it needs one
# paragraph of at least this many words.
MIN_PARAGRAPH_WORDS = 10
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)

# trafilatura and htmldate log every page they find too little in; the Failure says it once.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset named by an HTTP Content-Type header or the page's <meta>, if Python knows it."""
    names = []
    if header:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", header, re.IGNORECASE)
        if match:
            names.append(match.group(1))
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        names.append(meta.group(1).decode("ascii", "replace"))
    for name in names:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode_html(data: bytes, source: str, content_type: str | None = None) -> str | Failure:
    """The page as text: its declared charset (bad bytes replaced), else strict UTF-8."""
    reason = binary_reason(data[:8192])
    if reason:
        return Failure(source, reason)
    charset = declared_charset(data, content_type)
    if charset:
        return data.decode(charset, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Failure(source, utf8_reason(error) + " or declare its charset")


def _paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def article_from_html(data: bytes, source: str, options: ReadOptions, *, url: str | None = None,
                      content_type: str | None = None,
                      fallback_date: str | None = None) -> Article | Failure:
    """The article in an HTML page, with what its metadata says, or a Failure (no article, binary,
    undecodable, too large). `url` is where the page came from when the page does not say."""
    limit = options.max_chars * HTML_BYTES_PER_CHAR
    if len(data) > limit:
        return Failure(source, f"too large: {len(data)} bytes of HTML, limit {limit}")
    page = decode_html(data, source, content_type)
    if isinstance(page, Failure):
        return page
    try:
        # Dates only from the page's markup and URL: the extensive search takes "© 2021" for one.
        found: Any = trafilatura.bare_extraction(page, url=url, with_metadata=True,
                                            include_comments=False, deduplicate=False,
                                            date_extraction_params=set_date_params(False))
    except (ValueError, TypeError, AttributeError) as error:  # malformed markup deep in lxml
        return Failure(source, f"cannot parse the HTML page: {error}")
    text = _paragraphs(found.text or "") if found is not None else ""
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in text.split("\n\n")):
        return Failure(source, "no article text found in the HTML page")
    return build_article(text, source, options, title=found.title, url=found.url or url,
                         outlet=found.sitename, published=found.date, authors=found.author,
                         fallback_date=fallback_date)


def read_html_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Article | Failure:
    """One article from a stream of HTML (stdin, a gunzipped file), read only up to the size limit."""
    limit = options.max_chars * HTML_BYTES_PER_CHAR
    data, more = read_limited(stream, limit)
    if more:
        return Failure(source, f"too large: more than {limit} bytes of HTML, limit {limit}")
    return article_from_html(data, source, options)


def read_html_file(path: str, options: ReadOptions) -> Article | Failure:
    """One article from an HTML file (gzip-compressed or not)."""
    try:
        with open_bytes(path) as stream:
            return read_html_stream(stream, path, options)
    except READ_ERRORS as error:
        return Failure(path, os_reason(error))
