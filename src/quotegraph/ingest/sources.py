"""Where the inputs are and what they are: path expansion, format choice, binary sniffing, opening.

Formats are chosen by extension (a trailing ".gz" is looked through); a file with an unknown
extension is sniffed from its first bytes. Binary content is recognised here, so every reader
reports it the same way.
"""
from __future__ import annotations

import glob
import gzip
import os
import zlib
from collections.abc import Iterable
from typing import BinaryIO

STDIN = "-"
SNIFF_BYTES = 8192

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".warc": "warc", ".arc": "warc",
}
_GLOB_CHARS = frozenset("*?[")
# File signatures worth naming in a message: someone will point us at a folder with these in it.
_MAGIC = (
    (b"%PDF", "a PDF file, not text"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx), not text"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\xff\xfe", "UTF-16 text; convert it to UTF-8 (e.g. iconv -f utf-16 -t utf-8)"),
    (b"\xfe\xff", "UTF-16 text; convert it to UTF-8 (e.g. iconv -f utf-16 -t utf-8)"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office file, not text"),
)


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(directory: str) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(directory):
        # Hidden folders (.git, .ipynb_checkpoints) and files (.DS_Store) are never articles.
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        # Only regular files: opening a named pipe or a device found in a folder would block.
        found.extend(path for path in (os.path.join(root, f) for f in files if not _is_hidden(f))
                     if os.path.isfile(path))
    return sorted(found)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files to read, in a stable order: directories walked recursively, globs matched, both sorted.

    Paths keep the order they were given in; each path is listed once. A path that does not exist or
    a glob that matches nothing is kept as it is, so reading it reports the problem by name.
    "-" (stdin) is kept too.
    """
    expanded: dict[str, None] = {}
    for path in paths:
        path = str(path)
        if path == STDIN:
            expanded.setdefault(path, None)
        elif os.path.isdir(path):
            for found in _walk(path):
                expanded.setdefault(found, None)
        elif not os.path.exists(path) and _GLOB_CHARS & set(path):
            matches = sorted(glob.glob(path, recursive=True))
            for match in matches:
                for found in (_walk(match) if os.path.isdir(match) else [match]):
                    expanded.setdefault(found, None)
            if not matches:
                expanded.setdefault(path, None)
        else:
            expanded.setdefault(path, None)
    return list(expanded)


def format_by_extension(path: str) -> str | None:
    """The format an extension names (".jsonl.gz" -> "jsonl"), or None when it names none."""
    name = os.path.basename(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return _EXTENSIONS.get(os.path.splitext(name)[1])


def binary_reason(head: bytes) -> str | None:
    """Why these first bytes are not text, or None when they may be."""
    for magic, reason in _MAGIC:
        if head.startswith(magic):
            return reason
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    return None


def sniff_format(head: bytes) -> str:
    """The format of a file with an unknown extension, from its first (decompressed) bytes."""
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = start[:1024].lower()
    if lowered.startswith(b"<") and (b"<html" in lowered or b"<!doctype html" in lowered):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def is_gzip(path: str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def open_bytes(path: str) -> BinaryIO:
    """The file's bytes, gunzipped on the fly when it is gzip-compressed (whatever its name)."""
    if is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_head(path: str) -> bytes:
    """The first bytes of the (decompressed) file, for sniffing; may raise OSError/EOFError."""
    with open_bytes(path) as fh:
        return fh.read(SNIFF_BYTES)


def peek_head(stream: BinaryIO) -> bytes:
    """The first bytes of a stream without consuming them (files, gzip and stdin can peek)."""
    peek = getattr(stream, "peek", None)
    return peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek else b""


def read_limited(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Up to `limit` bytes, and whether the stream had more: big inputs never fill memory."""
    data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


UTF8_HINT = "convert it to UTF-8, e.g. iconv -f cp1252 -t utf-8"


def utf8_reason(error: UnicodeDecodeError, offset: int = 0, where: str | None = None) -> str:
    """One line about bytes that are not UTF-8, with the way out. `offset` is where the decoded
    bytes started in the input; `where` replaces the byte offset ("after line 12")."""
    byte = error.object[error.start:error.start + 1].hex().upper()
    where = where or f"at offset {offset + error.start}"
    return f"not UTF-8 text (invalid byte 0x{byte} {where}); {UTF8_HINT}"


# What opening or reading a (possibly gzip-compressed) file can raise.
READ_ERRORS = (OSError, EOFError, zlib.error)


def os_reason(error: BaseException) -> str:
    """One line for a file that cannot be opened or read to its end (one of READ_ERRORS)."""
    if isinstance(error, (EOFError, zlib.error, gzip.BadGzipFile)):
        return "truncated or corrupt gzip file"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {getattr(error, 'strerror', None) or error}"
