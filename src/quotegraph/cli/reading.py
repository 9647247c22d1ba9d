"""The options shared by every command that reads or extracts articles (extract, ingest, batch, eval),
declared once here and turned into the library's options objects (`ReadOptions`, `ExtractOptions`)."""
from __future__ import annotations

import argparse
from typing import Any

from quotegraph.cli.arguments import positive_int
from quotegraph.ingest import FORMATS, FieldMap, ReadOptions
from quotegraph.pipeline import ExtractOptions
from quotegraph.settings import MAX_ARTICLE_CHARS


def add_model_option(parser: Any) -> None:
    """--model: the spaCy pipeline, by package name or path."""
    parser.add_argument("--model", help="spaCy pipeline name or path (default: en_core_web_sm)")

FIELD_FLAGS = {"id": "--id-field", "text": "--text-field", "title": "--title-field", "url": "--url-field",
               "outlet": "--outlet-field", "published": "--date-field", "authors": "--authors-field"}


def add_read_options(parser: Any) -> None:
    """--published, --outlet, --input-format, the JSONL/CSV field names and --max-chars."""
    parser.add_argument("--published", metavar="YYYY-MM-DD", help="date for articles that carry none")
    parser.add_argument("--outlet", help="outlet for articles that name none")
    parser.add_argument("--input-format", dest="fmt", metavar="FORMAT", choices=FORMATS,
                        help=f"read every input as this format ({', '.join(FORMATS)})")
    for part, flag in FIELD_FLAGS.items():
        parser.add_argument(flag, dest=f"{part}_field", default=getattr(FieldMap(), part), metavar="NAME",
                            help=f"JSONL/CSV field holding the {part} (default: %(default)s)")
    parser.add_argument("--max-chars", type=positive_int, default=MAX_ARTICLE_CHARS, metavar="N",
                        help="refuse (never cut) articles longer than this (default: %(default)s)")


def field_map(args: argparse.Namespace) -> FieldMap:
    return FieldMap(**{part: getattr(args, f"{part}_field") for part in FIELD_FLAGS})


def read_options(args: argparse.Namespace) -> ReadOptions:
    """The read options given on the command line (`add_read_options`)."""
    return ReadOptions(fields=field_map(args), published=args.published, outlet=args.outlet, fmt=args.fmt,
                       max_chars=args.max_chars)


def extract_options(args: argparse.Namespace, **defaults: Any) -> ExtractOptions:
    """The extraction options given on the command line (--model, and --workers / --batch-size
    where the command has them)."""
    given = {name: getattr(args, name) for name in ("model", "workers", "batch_size") if hasattr(args, name)}
    return ExtractOptions(**{**defaults, **given})
