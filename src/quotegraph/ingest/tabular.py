"""Records, one article each: JSON Lines and CSV/TSV, with the field names of a `FieldMap`.

Both stream: one line (row) in memory at a time, each line bounded. A bad line or row is a Failure
of its own ("path:LINE") and the next ones are still read; a file-level problem (binary, a JSON
array, a CSV without the text column) is one Failure for the file.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from quotegraph.ingest.records import Failure, ReadOptions, build_article
from quotegraph.ingest.sources import (READ_ERRORS, UTF8_HINT, binary_reason, os_reason,
                                       peek_head, utf8_reason)
from quotegraph.records import Article
from quotegraph.settings import JSONL_BYTES_PER_CHAR, LINE_OVERHEAD_BYTES

_SHOWN_FIELDS = 12

# The flag docs/ingest.md suggests for `quotegraph ingest`, named in the message that needs it.
_TEXT_FLAG = "--text-field"


def field_value(record: Mapping[str, object], name: str) -> object:
    """`record[name]`, or for a dotted name ("meta.title") the value inside nested objects."""
    if name in record:
        return record[name]
    value: object = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _names(keys: object) -> str:
    names = [str(k) for k in keys]  # type: ignore[attr-defined]
    shown = ", ".join(names[:_SHOWN_FIELDS])
    return shown + (f", ... ({len(names)} in all)" if len(names) > _SHOWN_FIELDS else "")


def record_to_article(record: Mapping[str, object], source: str,
                      options: ReadOptions) -> Article | Failure:
    """An article from one JSON object or CSV row; the record's own id goes into `source`."""
    fields = options.fields
    record_id = field_value(record, fields.id)
    if record_id not in (None, ""):
        source = f"{source}#id={record_id}"
    text = field_value(record, fields.text)
    if text is None:
        return Failure(source, f"no {fields.text!r} field (fields: {_names(record)}); "
                               f"choose one with {_TEXT_FLAG}")
    if not isinstance(text, str):
        return Failure(source, f"the {fields.text!r} field is a {type(text).__name__}, not text")
    return build_article(text, source, options, title=field_value(record, fields.title),
                         url=field_value(record, fields.url),
                         outlet=field_value(record, fields.outlet),
                         published=field_value(record, fields.published),
                         authors=field_value(record, fields.authors))


def _jsonl_line(raw: bytes, source: str, options: ReadOptions) -> Article | Failure | None:
    try:
        line = raw.decode("utf-8").removeprefix("\ufeff").strip()
    except UnicodeDecodeError as error:
        return Failure(source, utf8_reason(error))
    if not line:
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Failure(source, f"not JSON: {error.msg} at column {error.colno}")
    except RecursionError:
        return Failure(source, "not JSON this reader accepts: nested too deeply")
    if not isinstance(record, dict):
        return Failure(source, f"not a JSON object but a {type(record).__name__}")
    return record_to_article(record, source, options)


def read_jsonl_stream(stream: BinaryIO, source: str,
                      options: ReadOptions) -> Iterator[Article | Failure]:
    """Articles from JSON Lines, one object per line; blank lines are skipped."""
    limit = options.max_chars * JSONL_BYTES_PER_CHAR + LINE_OVERHEAD_BYTES
    number = 0
    try:
        while raw := stream.readline(limit):
            number += 1
            where = f"{source}:{number}"
            if number == 1:
                reason = binary_reason(raw[:8192])
                if reason:
                    yield Failure(source, reason)
                    return
                if raw.lstrip(b"\xef\xbb\xbf \t").startswith(b"["):
                    yield Failure(source, "a JSON array, not JSON Lines (one object per line); "
                                          "convert it with: jq -c '.[]'")
                    return
            if b"\x00" in raw:
                yield Failure(where, "binary data (NUL bytes) in the line")
                return
            if not raw.endswith(b"\n") and len(raw) == limit:
                while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the oversized line, never holding it
                yield Failure(where, f"too large: line longer than {limit} bytes")
                continue
            result = _jsonl_line(raw, where, options)
            if result is not None:
                yield result
    except READ_ERRORS as error:
        yield Failure(source, f"{os_reason(error)} after line {number}")


_UNDECODED = re.compile("[\udc80-\udcff]")


def _undecoded_reason(cells: list[str], where: str) -> str | None:
    """Lines are decoded with surrogateescape, so one bad row does not end the file: find it here."""
    for cell in cells:
        match = _UNDECODED.search(cell)
        if match:
            byte = ord(match.group(0)) - 0xDC00
            return f"not UTF-8 text (invalid byte 0x{byte:02X} {where}); {UTF8_HINT}"
    return None


class _DecodedLines:
    """The stream's lines, decoded; `ended` says the csv reader asked for a line past the last one,
    which it does only when the file ends inside a quoted field."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream, self.limit = stream, limit
        self.first = True
        self.ended = False

    def __iter__(self) -> _DecodedLines:
        return self

    def __next__(self) -> str:
        raw = self.stream.readline(self.limit)
        if not raw:
            self.ended = True
            raise StopIteration
        line = raw.decode("utf-8", errors="surrogateescape")
        if self.first:
            self.first = False
            return line.removeprefix("\ufeff")
        return line


def _csv_rows(stream: BinaryIO, source: str, options: ReadOptions,
              delimiter: str) -> Iterator[Article | Failure]:
    lines = _DecodedLines(stream, options.max_chars * JSONL_BYTES_PER_CHAR + LINE_OVERHEAD_BYTES)
    reader = csv.reader(lines, delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        yield Failure(source, "empty: no header row")
        return
    reason = _undecoded_reason(header, "in the header")
    if reason:
        yield Failure(source, reason)
        return
    header = [h.strip() for h in header]
    wanted = options.fields.text
    if wanted not in header:
        yield Failure(source, f"no {wanted!r} column (columns: {_names(header)}); "
                              f"choose one with {_TEXT_FLAG}")
        return
    line = reader.line_num
    while True:
        where = f"{source}:{line + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num
            yield Failure(where, f"malformed CSV: {error}")
            continue
        line = reader.line_num
        if lines.ended:
            # The csv module ends a quoted field at the end of the file without a word; the rest of
            # the file would silently become part of this row.
            yield Failure(where, f"unclosed quote: a quoted field opened in this row runs to the end of the "
                                 f"file (line {line}); close the quote or remove the stray \"")
            return
        if not row or not any(cell.strip() for cell in row):
            continue
        reason = _undecoded_reason(row, "in the row")
        if reason:
            yield Failure(where, reason)
        elif len(row) != len(header):
            yield Failure(where, f"{len(row)} fields where the header has {len(header)} "
                                 "(an unclosed quote or a stray delimiter?)")
        else:
            yield record_to_article(dict(zip(header, row)), where, options)


def read_csv_stream(stream: BinaryIO, source: str, options: ReadOptions,
                    delimiter: str = ",") -> Iterator[Article | Failure]:
    """Articles from CSV (or TSV with `delimiter="\\t"`) with a header row naming the fields."""
    # A whole article is one field; the csv module's default limit (128 KiB) is smaller.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_chars + 1))
    reason = binary_reason(peek_head(stream))
    if reason:
        yield Failure(source, reason)
        return
    try:
        yield from _csv_rows(stream, source, options, delimiter)
    except READ_ERRORS as error:
        yield Failure(source, os_reason(error))
