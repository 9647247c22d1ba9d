"""Web archives (WARC, WARC.gz, ARC): Common Crawl News style, one article per HTML response.

Read are `response` records with a 2xx HTML payload, and `resource`/`conversion` records holding
HTML or plain text. Requests, metadata, redirects, errors and non-HTML payloads (images, PDFs,
robots.txt) are not articles and are skipped without a word. The URL comes from WARC-Target-URI;
the crawl date (WARC-Date) dates an article only when neither the page nor the command line does.
A truncated or broken archive gives a Failure for the rest; the records before it are kept.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from quotegraph.ingest.html import HTML_BYTES_PER_CHAR, article_from_html
from quotegraph.ingest.records import Failure, ReadOptions, build_article
from quotegraph.ingest.sources import READ_ERRORS, os_reason, peek_head, read_limited
from quotegraph.ingest.text import decode_stream
from quotegraph.records import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN_BYTES = 1 << 16
# WARC, ARC ("filedesc://") and gzip-compressed either.
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://", b"\x1f\x8b")
# What warcio raises on a truncated or malformed archive, besides plain I/O errors.
_BROKEN = (ArchiveLoadFailed, ValueError, *READ_ERRORS)
# warcio's parser trips over a record cut inside its headers with these (a missing header is None).
_BROKEN_HEADERS = (*_BROKEN, AttributeError, TypeError, KeyError, IndexError)


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


def _missing(record: ArcWarcRecord, source: str) -> Failure | None:
    """A Failure when the record, read to its end, had fewer bytes than its Content-Length says:
    warcio hands over a cut-off record without complaint, and half an article is not one."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        return Failure(source, f"truncated record: {missing} of its {record.length} bytes missing")
    return None


def _record_article(record: ArcWarcRecord, path: str,
                    options: ReadOptions) -> Article | Failure | None:
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    url = headers.get_header("WARC-Target-URI")
    source = f"{path}#{record_id or url or '?'}"
    kind, content_type = _payload_kind(record)
    if kind is None:
        # Not an article, but read through it all the same: a cut-off archive must not pass quietly.
        while record.raw_stream.read(_DRAIN_BYTES):
            pass
        return _missing(record, source)
    crawled = headers.get_header("WARC-Date")
    if kind == "text":
        text = decode_stream(record.content_stream(), source, options.max_chars)
        if isinstance(text, Failure):
            return text
        return _missing(record, source) or build_article(text, source, options, url=url,
                                                         fallback_date=crawled)
    limit = options.max_chars * HTML_BYTES_PER_CHAR
    data, more = read_limited(record.content_stream(), limit)
    if more:
        return Failure(source, f"too large: more than {limit} bytes of HTML, limit {limit}")
    return _missing(record, source) or article_from_html(data, source, options, url=url, content_type=content_type,
                             fallback_date=crawled)


def _unread_tail(stream: BinaryIO, end: int) -> int:
    """How many bytes after offset `end` are more than blank lines (0 for a pipe, which cannot tell).

    warcio ends quietly when the file stops inside a record's headers; this is how it is noticed.
    """
    try:
        size = os.fstat(stream.fileno()).st_size
        if size <= end:
            return 0
        stream.seek(end)
        tail = stream.read(_DRAIN_BYTES)
    except (OSError, AttributeError, ValueError):
        return 0
    return size - end if tail.strip() else 0


def read_warc_stream(stream: BinaryIO, source: str,
                     options: ReadOptions) -> Iterator[Article | Failure]:
    """Articles from a WARC/ARC stream, compressed or not, one record in memory at a time."""
    head = peek_head(stream)
    if head and not head.startswith(_ARCHIVE_STARTS):
        first = head[:40].split(b"\n")[0].decode("utf-8", "replace").strip()
        yield Failure(source, f"not a WARC file: it starts with {first!r}")
        return
    archive = ArchiveIterator(stream, arc2warc=True)
    records = iter(archive)
    count = end = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except _BROKEN_HEADERS as error:
            if isinstance(error, READ_ERRORS):
                reason = os_reason(error)
            elif isinstance(error, (ArchiveLoadFailed, ValueError)):
                reason = str(error).strip().split("\n")[0]
            else:
                reason = "a record's headers are cut off or malformed"
            yield Failure(source, f"truncated or broken WARC after {count} records: {reason}")
            return
        if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            # warcio makes an empty record of headers cut off before their end.
            yield Failure(source, f"truncated or broken WARC after {count} records: "
                                  "a record's headers are cut off or malformed")
            return
        count += 1
        try:
            result = _record_article(record, source, options)
            end = archive.get_record_offset() + archive.get_record_length()
        except _BROKEN as error:
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "?").strip("<>")
            yield Failure(f"{source}#{record_id}", f"cannot read the record: {error}")
            continue
        if result is not None:
            yield result
    unread = _unread_tail(stream, end)
    if unread:
        yield Failure(source, f"truncated or broken WARC after {count} records: the last "
                              f"{unread} bytes are not a whole record")
    elif count == 0:
        yield Failure(source, "empty: no WARC records")
