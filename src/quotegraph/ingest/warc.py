"""Web archives (WARC, WARC.gz, ARC): Common Crawl News style, one article per HTML response.

Read are `response` records with a 2xx HTML payload, and `resource`/`conversion` records holding
HTML or plain text. Requests, metadata, redirects, errors and non-HTML payloads (images, PDFs,
robots.txt) are not articles and are skipped without a word. The URL comes from WARC-Target-URI;
the crawl date (WARC-Date) dates an article only when neither the page nor the command line does.
A truncated or broken archive gives a Failure for the rest; the records before it are kept.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from quotegraph.ingest.html import HTML_BYTES_PER_CHAR, article_from_html
from quotegraph.ingest.records import Failure, ReadOptions, build_article
from quotegraph.ingest.sources import READ_ERRORS, os_reason, read_limited
from quotegraph.ingest.text import decode_stream
from quotegraph.records import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# What warcio raises on a truncated or malformed archive, besides plain I/O errors.
_BROKEN = (ArchiveLoadFailed, ValueError, *READ_ERRORS)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _payload_kind(record: ArcWarcRecord) -> tuple[str | None, str | None]:
    """("html" | "text" | None, the Content-Type) for a record; None means: not an article."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None, None
        status = http.get_statuscode() or ""
        content_type = http.get_header("Content-Type")
        if not status.startswith("2") or _media_type(content_type) not in _HTML_TYPES:
            return None, None
        return "html", content_type
    if record.rec_type in ("resource", "conversion"):
        content_type = record.rec_headers.get_header("Content-Type")
        media = _media_type(content_type)
        if media in _HTML_TYPES:
            return "html", content_type
        if media == "text/plain":
            return "text", content_type
    return None, None


def _record_article(record: ArcWarcRecord, path: str,
                    options: ReadOptions) -> Article | Failure | None:
    kind, content_type = _payload_kind(record)
    if kind is None:
        return None
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    url = headers.get_header("WARC-Target-URI")
    source = f"{path}#{record_id or url or '?'}"
    crawled = headers.get_header("WARC-Date")
    if kind == "text":
        text = decode_stream(record.content_stream(), source, options.max_chars)
        if isinstance(text, Failure):
            return text
        return build_article(text, source, options, url=url, fallback_date=crawled)
    limit = options.max_chars * HTML_BYTES_PER_CHAR
    data, more = read_limited(record.content_stream(), limit)
    if more:
        return Failure(source, f"too large: more than {limit} bytes of HTML, limit {limit}")
    return article_from_html(data, source, options, url=url, content_type=content_type,
                             fallback_date=crawled)


def read_warc_stream(stream: BinaryIO, source: str,
                     options: ReadOptions) -> Iterator[Article | Failure]:
    """Articles from a WARC/ARC stream, compressed or not, one record in memory at a time."""
    records = iter(ArchiveIterator(stream, arc2warc=True))
    count = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except _BROKEN as error:
            reason = os_reason(error) if isinstance(error, READ_ERRORS) else str(error).split("\n")[0]
            yield Failure(source, f"truncated or broken WARC after {count} records: {reason}")
            return
        count += 1
        try:
            result = _record_article(record, source, options)
        except _BROKEN as error:
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "?").strip("<>")
            yield Failure(f"{source}#{record_id}", f"cannot read the record: {error}")
            continue
        if result is not None:
            yield result
