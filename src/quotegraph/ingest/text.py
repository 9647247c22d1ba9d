"""Plain-text articles: one file (or stdin) is one article.

The bytes must be UTF-8 (a BOM is dropped); other encodings are reported, never guessed, because a
wrong guess silently corrupts every name and quote in the text.
"""
from __future__ import annotations

import codecs
from typing import BinaryIO

from quotegraph.ingest.records import Failure, ReadOptions, build_article, too_large
from quotegraph.ingest.sources import (READ_ERRORS, binary_reason, open_bytes, os_reason,
                                       utf8_reason)
from quotegraph.records import Article

_CHUNK = 1 << 20


def decode_stream(stream: BinaryIO, source: str, max_chars: int) -> str | Failure:
    """All the stream's text, or a Failure (binary, not UTF-8, too large) in bounded memory.

    A too-large input is still read to its end, to count its characters for the message, but
    nothing past the limit is kept.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts: list[str] = []
    count = offset = 0
    while True:
        chunk = stream.read(_CHUNK)
        if offset == 0 and chunk:
            reason = binary_reason(chunk[:8192])
            if reason:
                return Failure(source, reason)
        if b"\x00" in chunk:
            return Failure(source, "binary file (contains NUL bytes), not text")
        pending = len(decoder.getstate()[0])
        try:
            piece = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            return Failure(source, utf8_reason(error, offset - pending))
        count += len(piece)
        if count <= max_chars:
            parts.append(piece)
        offset += len(chunk)
        if not chunk:
            break
    if count > max_chars:
        return Failure(source, too_large(count, max_chars))
    return "".join(parts)


def read_text_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Article | Failure:
    """One article from a byte stream (a file, stdin)."""
    try:
        text = decode_stream(stream, source, options.max_chars)
    except READ_ERRORS as error:
        return Failure(source, os_reason(error))
    if isinstance(text, Failure):
        return text
    return build_article(text, source, options)


def read_text_file(path: str, options: ReadOptions) -> Article | Failure:
    """One article from a text file (gzip-compressed or not)."""
    try:
        with open_bytes(path) as stream:
            return read_text_stream(stream, path, options)
    except READ_ERRORS as error:
        return Failure(path, os_reason(error))
