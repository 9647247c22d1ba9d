"""What the readers produce and the options they share.

A reader turns one input (file, stdin) into `Article`s and `Failure`s. Every check an article text
must pass (not empty, not too large) lives in `build_article`, so all formats fail the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from quotegraph.ingest.dates import normalise_date
from quotegraph.records import Article
from quotegraph.settings import MAX_ARTICLE_CHARS

# Formats `fmt` may force; "tsv" is CSV with tabs.
FORMATS = ("text", "html", "jsonl", "csv", "tsv", "warc")


@dataclass(frozen=True)
class Failure:
    """An input (file, line, record) that could not be read; the rest of the run goes on.

    `source` is "path", "path:LINE" or "path#record-id"; `reason` is one line saying what is wrong.
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}


@dataclass(frozen=True)
class FieldMap:
    """Names of the fields (JSONL keys, CSV columns) holding each part of an article.

    A name with dots ("meta.title") also reaches into nested JSON objects.
    """

    id: str = "id"
    text: str = "text"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"
    published: str = "published"
    authors: str = "authors"


@dataclass(frozen=True)
class ReadOptions:
    """The options of `read_inputs`, passed down to every reader."""

    fields: FieldMap = FieldMap()
    published: str | None = None  # used when the data has no date
    outlet: str | None = None  # used when the data has no outlet
    fmt: str | None = None
    max_chars: int = MAX_ARTICLE_CHARS


_NEWLINES = re.compile(r"\r\n?")
_AUTHOR_SEPARATORS = re.compile(r"\s*[;|]\s*|\s+and\s+|\s*&\s*")


def tidy_text(text: str) -> str:
    """Drop a byte-order mark and unify line ends, so a CRLF copy of an article gets the same id."""
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff"))


def split_authors(value: object) -> tuple[str, ...]:
    """Authors from a list or a string ("A; B", "A and B", "A, B" when each part is a full name)."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value if v is not None]
    else:
        parts = _AUTHOR_SEPARATORS.split(str(value))
        if len(parts) == 1 and "," in parts[0]:
            pieces = [p.strip() for p in parts[0].split(",")]
            # "Doe, Jane" is one person; "Jane Doe, John Roe" are two.
            if all(len(p.split()) >= 2 for p in pieces):
                parts = pieces
    seen: dict[str, None] = {}
    for part in parts:
        name = " ".join(part.split())
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def host_of(url: str | None) -> str | None:
    """The host of a URL without "www.", used as the outlet when nothing better is known."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def build_article(text: str, source: str, options: ReadOptions, *, title: object = None,
                  url: object = None, outlet: object = None, published: object = None,
                  authors: object = None, fallback_date: object = None) -> Article | Failure:
    """An `Article` with the text checked and the metadata tidied, or the `Failure` saying why not.

    The data's own date and outlet win; the command-line values fill in when the data has none,
    then `fallback_date` (e.g. a WARC crawl date) and the URL's host as the outlet.
    """
    text = tidy_text(text)
    if not text.strip():
        return Failure(source, "empty: no article text")
    if len(text) > options.max_chars:
        return Failure(source, f"too large: {len(text)} characters, limit {options.max_chars}")
    url_text = _clean_field(url)
    outlet_text = _clean_field(outlet) or options.outlet or host_of(url_text)
    date = (normalise_date(published) or normalise_date(options.published)
            or normalise_date(fallback_date))
    return Article(text=text, title=_clean_field(title), url=url_text, outlet=outlet_text,
                   published=date, authors=split_authors(authors), source=source)
