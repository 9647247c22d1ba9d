"""Readers: articles out of text files, HTML pages, JSON Lines, CSV/TSV, web archives and stdin.

    >>> from quotegraph.ingest import read_inputs, Failure
    >>> for item in read_inputs(["news/", "feed.jsonl", "crawl/*.warc.gz"]):
    ...     if isinstance(item, Failure):
    ...         print(item)          # "feed.jsonl:12: not JSON: Expecting value at column 1"
    ...     else:
    ...         store(item)          # a quotegraph.records.Article

Every input that cannot be read (a binary file, invalid UTF-8, an empty file, a page with no
article, a bad JSON line, a truncated archive) is a `Failure` naming it, and the run goes on. An
article's id is the hash of its text; the input's own id, if any, is kept in `source`.
"""
from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from quotegraph.errors import QuotegraphError
from quotegraph.ingest.dates import normalise_date
from quotegraph.ingest.html import read_html_file, read_html_stream
from quotegraph.ingest.records import FORMATS, Failure, FieldMap, ReadOptions
from quotegraph.ingest.sources import (READ_ERRORS, STDIN, binary_reason, expand_paths,
                                       format_by_extension, open_bytes, os_reason, read_head,
                                       sniff_format)
from quotegraph.ingest.tabular import read_csv_stream, read_jsonl_stream
from quotegraph.ingest.text import read_text_file, read_text_stream
from quotegraph.ingest.warc import read_warc_stream
from quotegraph.records import Article
from quotegraph.settings import MAX_ARTICLE_CHARS

__all__ = ["Failure", "FieldMap", "FORMATS", "STDIN_SOURCE", "read_inputs", "iter_shard",
           "expand_paths", "normalise_date"]

# How stdin is named in `source` and in messages.
STDIN_SOURCE = "<stdin>"


def _options(fields: FieldMap, published: str | None, outlet: str | None, fmt: str | None,
             max_chars: int) -> ReadOptions:
    """Checked options; a bad one is the caller's mistake, reported before anything is read."""
    if fmt is not None and fmt not in FORMATS:
        raise QuotegraphError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if published is not None and normalise_date(published) is None:
        raise QuotegraphError(f"published date {published!r} is not a date; use YYYY-MM-DD")
    if max_chars < 1:
        raise QuotegraphError(f"max_chars must be positive, not {max_chars}")
    return ReadOptions(fields=fields, published=published, outlet=outlet, fmt=fmt,
                       max_chars=max_chars)


def _read_stream(stream: BinaryIO, source: str, fmt: str,
                 options: ReadOptions) -> Iterator[Article | Failure]:
    if fmt == "text":
        yield read_text_stream(stream, source, options)
    elif fmt == "html":
        yield read_html_stream(stream, source, options)
    elif fmt == "jsonl":
        yield from read_jsonl_stream(stream, source, options)
    elif fmt in ("csv", "tsv"):
        yield from read_csv_stream(stream, source, options, "\t" if fmt == "tsv" else ",")
    else:
        yield from read_warc_stream(stream, source, options)


def _read_stdin(options: ReadOptions) -> Iterator[Article | Failure]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stand-in (io.StringIO), e.g. in a notebook
        stream = io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))
    try:
        yield from _read_stream(stream, STDIN_SOURCE, options.fmt or "text", options)
    except READ_ERRORS as error:
        yield Failure(STDIN_SOURCE, os_reason(error))


def _read_path(path: str, options: ReadOptions) -> Iterator[Article | Failure]:
    if path == STDIN:
        yield from _read_stdin(options)
        return
    if os.path.isdir(path):
        yield Failure(path, "is a directory (read_inputs walks directories; iter_shard does not)")
        return
    if not os.path.exists(path):
        glob_like = any(c in path for c in "*?[")
        yield Failure(path, "no file matches this pattern" if glob_like
                      else "no such file or directory")
        return
    fmt = options.fmt or format_by_extension(path)
    try:
        if fmt is None:
            head = read_head(path)
            reason = binary_reason(head)
            if reason:
                yield Failure(path, reason)
                return
            fmt = sniff_format(head)
        if fmt == "text":
            yield read_text_file(path, options)
        elif fmt == "html":
            yield read_html_file(path, options)
        else:
            # warcio undoes each record's own gzip member; the other formats are gunzipped here.
            with open(path, "rb") if fmt == "warc" else open_bytes(path) as stream:
                yield from _read_stream(stream, path, fmt, options)
    except READ_ERRORS as error:
        yield Failure(path, os_reason(error))


def read_inputs(paths: Sequence[str], *, fields: FieldMap = FieldMap(), published: str | None = None,
                outlet: str | None = None, fmt: str | None = None,
                max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article | Failure]:
    """Stream articles from files, directories (recursive), globs and "-" (stdin), in a stable order.

    `fields` names the JSONL/CSV fields; `published` and `outlet` fill in what the data lacks;
    `fmt` forces a format (one of FORMATS) instead of choosing by extension; texts longer than
    `max_chars` are refused. Yields an `Article` per article read and a `Failure` per input (file,
    line, record) that could not be read. Raises `QuotegraphError` at once for a bad option.
    """
    options = _options(fields, published, outlet, fmt, max_chars)
    return (item for path in expand_paths(paths) for item in _read_path(path, options))


def iter_shard(path: str, *, fields: FieldMap = FieldMap(), published: str | None = None,
               outlet: str | None = None, fmt: str | None = None,
               max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article | Failure]:
    """Articles from one file (one shard of a distributed run), with the options of `read_inputs`."""
    options = _options(fields, published, outlet, fmt, max_chars)
    return _read_path(str(path), options)
