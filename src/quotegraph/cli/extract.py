"""`quotegraph extract`: who said what in the given articles, without a database."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from quotegraph.cli.arguments import positive_int
from quotegraph.cli.output import add_format_option, emit, terminal_text
from quotegraph.errors import EXIT_OK, EXIT_SOME_INPUTS_FAILED
from quotegraph.cli.reading import add_model_option, add_read_options, read_options
from quotegraph.ingest import Failure, read_inputs
from quotegraph.pipeline import extract_many
from quotegraph.records import Article, Document

EPILOG = """examples:
  quotegraph extract article.txt                      a who-said-what table
  quotegraph extract news/ --format jsonl > q.jsonl   one JSON object per quote
  quotegraph extract page.html --published 2021-08-18
  cat article.txt | quotegraph extract -              read standard input
  quotegraph extract --documents --format json a.txt  whole documents: quotes, people, boilerplate

Files may be text, HTML, JSONL, CSV or WARC (see `quotegraph ingest --help`); directories are read
recursively. An input that cannot be read is reported on stderr as `quotegraph: error: FILE: reason`
and skipped; the exit code is then 1. Texts without quotes give an empty result and exit code 0.
"""

COLUMNS = ("source", "speaker", "role", "kind", "quote", "cue")
WIDTHS = {"source": 18, "speaker": 22, "role": 26, "quote": 70, "cue": 10}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract", help="quotes and speakers from articles (no database)",
        description="Find every quote in the given articles (direct, indirect and mixed), with its cue "
                    "and its speaker resolved to a full name and role.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="FILE", help="files, directories, globs, or - for stdin")
    add_format_option(parser)
    add_model_option(parser)
    parser.add_argument("--workers", type=positive_int, default=1, help="parser processes (default: %(default)s)")
    add_read_options(parser)
    parser.add_argument("--documents", action="store_true",
                        help="one record per article (quotes, people, boilerplate) instead of per quote")
    parser.set_defaults(run=run)


def quote_rows(article: Article, document: Document) -> list[dict[str, Any]]:
    """The flat per-quote rows the command prints."""
    source = Path(article.source).name if article.source else article.id
    rows = []
    for quote in document.quotes:
        row = {"source": source, "article_id": document.id, **quote.to_dict(),
               "speaker": quote.person or quote.speaker or "", "mention": quote.speaker,
               "role": document.speaker_role(quote), "quote": quote.text}
        rows.append(row)
    return rows


def run(args: argparse.Namespace) -> int:
    failures = 0
    articles: list[Article] = []

    def readable() -> Any:
        nonlocal failures
        options = read_options(args)
        for item in read_inputs(args.inputs, fields=options.fields, published=options.published,
                                outlet=options.outlet, fmt=options.fmt, max_chars=options.max_chars):
            if isinstance(item, Failure):
                failures += 1
                print(terminal_text(f"quotegraph: error: {item.source}: {item.reason}"), file=sys.stderr)
                continue
            articles.append(item)
            yield item

    documents = extract_many(readable(), model=args.model, workers=args.workers)
    dropped = 0
    skipped = 0

    def counted(docs: Any) -> Any:
        nonlocal dropped, skipped
        for i, doc in enumerate(docs):
            dropped += len(doc.boilerplate)
            if doc.skipped:
                skipped += 1
                print(f"quotegraph: skipped: {articles[i].source or doc.id}: {doc.skipped}", file=sys.stderr)
            yield articles[i], doc

    if args.documents:
        emit(({"source": article.source, **doc.to_dict()} for article, doc in counted(documents)),
             ("source", "id", "title"), args.format)
    else:
        rows = (row for article, doc in counted(documents) for row in quote_rows(article, doc))
        count = emit(rows, COLUMNS, args.format, widths=WIDTHS, title="Who said what")
        if args.format == "table":
            print(f"{count} quotes from {len(articles)} articles; {dropped} boilerplate lines dropped"
                  + (f"; {skipped} articles skipped" if skipped else "")
                  + (f"; {failures} inputs failed" if failures else ""), file=sys.stderr)
    return EXIT_SOME_INPUTS_FAILED if failures else EXIT_OK
