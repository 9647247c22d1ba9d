"""`quotegraph ingest | quotes | articles | export`: build a store and read it back.

Each command is one `Corpus` call plus argument parsing and output formatting.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from quotegraph.cli.arguments import date_prefix, non_negative_int, positive_int
from quotegraph.cli.output import add_format_option, emit, terminal_text
from quotegraph.cli.progress import ingest_progress
from quotegraph.cli.reading import add_model_option, add_read_options, extract_options, read_options
from quotegraph.cli.watch import add_fetch_options, fetch_options, print_poll_failures
from quotegraph.corpus import Corpus
from quotegraph.fetch import is_http_url, poll
from quotegraph.errors import EXIT_OK, EXIT_SOME_INPUTS_FAILED
from quotegraph.settings import DEFAULT_WORKERS, INGEST_BATCH_SIZE

DEFAULT_DB = "quotegraph.db"
# Same flags as `quotegraph batch`; the readers' messages name them.

INGEST_EPILOG = """examples:
  quotegraph ingest articles/ --db news.db                 a folder tree (.txt .html .jsonl .csv .warc)
  quotegraph ingest feed.jsonl.gz --db news.db --workers 2
  quotegraph ingest export.csv --text-field body --date-field pubdate --db news.db
  cat story.txt | quotegraph ingest - --published 2021-08-16 --outlet BBC --db news.db
  quotegraph ingest https://example.org/news/story https://example.org/rss.xml --db news.db

A URL may be an article page, an RSS/Atom feed or an XML sitemap (feeds and sitemaps bring in the
articles they list); each page is fetched once, politely (see `quotegraph watch --help`).

Articles already in the store are skipped before parsing, so running the same command again adds
nothing, and a run that was interrupted (even killed) is completed by running it again.
Near-duplicates (the same wire story on another outlet) are stored and linked to the first copy.

exit codes: 0 ok, 1 some inputs failed (listed; the rest was stored), 2 usage or setup error
"""

QUOTES_EPILOG = """examples:
  quotegraph quotes --speaker Stoltenberg --db news.db
  quotegraph quotes --search 'taliban NOT kabul' --since 2021-08 --until 2021-09 --db news.db
  quotegraph quotes --search '"no willingness"' --format json --db news.db
  quotegraph quotes --outlet BBC --kind direct --format csv --limit 1000 --db news.db > bbc.csv
  quotegraph quotes --about Taliban --speaker Stoltenberg --db news.db

Filters combine (all must hold). --speaker matches a person's name or alias or the speaker as
written, ignoring case. --search is full text over the quote: words, "phrases", prefix*, OR, NOT.
Dates are the statement's date: YYYY, YYYY-MM or YYYY-MM-DD, both ends included. Quotes of
near-duplicate copies of a story are shown once, unless you ask for an outlet or
--include-duplicates.
"""

ARTICLES_EPILOG = """examples:
  quotegraph articles --db news.db
  quotegraph articles --outlet BBC --since 2021-08 --db news.db
  quotegraph articles --search 'troop withdrawal' --format jsonl --db news.db
"""

EXPORT_EPILOG = """examples:
  quotegraph export --db news.db --to quotes.parquet
  quotegraph export --db news.db --to stoltenberg.csv --speaker Stoltenberg
  quotegraph export --db news.db --to august.jsonl --since 2021-08 --until 2021-08

The columns are those of `quotegraph quotes --format json` (see docs/store.md). Quotes of
near-duplicate copies are included, marked by `duplicate_of`.
"""

QUOTE_COLUMNS = ("said_on", "person", "text", "kind", "outlet", "title", "about")
ARTICLE_COLUMNS = ("published", "outlet", "title", "quote_count", "duplicate_of", "id")


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help="store file (default: %(default)s)")


def _quote_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--speaker", help="person name, alias or speaker mention (e.g. Stoltenberg)")
    parser.add_argument("--search", "-s", help="full-text search in the quote text")
    parser.add_argument("--outlet", help="only quotes from this outlet (copies included)")
    parser.add_argument("--since", type=date_prefix, metavar="DATE", help="statement date on or after (YYYY[-MM[-DD]])")
    parser.add_argument("--until", type=date_prefix, metavar="DATE",
                        help="statement date on or before (YYYY[-MM[-DD]])")
    parser.add_argument("--kind", choices=("direct", "indirect", "mixed"), help="quote kind")
    parser.add_argument("--person-id", type=non_negative_int, metavar="ID", help="registry person id (see `people`)")
    parser.add_argument("--article", dest="article_id", metavar="ID", help="only quotes of this article")
    parser.add_argument("--about", metavar="NAME",
                        help="quotes about this person (any alias; pronouns and descriptions resolved), "
                             "organisation, place or group (e.g. Taliban); a word search is --search")


def _paging(parser: argparse.ArgumentParser, limit: int = 20) -> None:
    parser.add_argument("--limit", "-n", type=positive_int, default=limit, help="rows to show (default: %(default)s)")
    parser.add_argument("--offset", type=non_negative_int, default=0, help="rows to skip first (default: 0)")


def register(subparsers: Any) -> None:
    ingest = subparsers.add_parser(
        "ingest", help="extract quotes from articles into a store (resumable, idempotent)",
        description="Read articles, extract who said what, and store it in a SQLite file.",
        epilog=INGEST_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ingest.add_argument("inputs", nargs="+", metavar="PATH",
                        help="files, folders, globs, - for stdin, or http(s) URLs of pages, feeds, sitemaps")
    _db_option(ingest)
    ingest.add_argument("--workers", "-j", type=positive_int, default=DEFAULT_WORKERS, metavar="N",
                        help="parser processes (default: %(default)s)")
    ingest.add_argument("--batch-size", type=positive_int, default=INGEST_BATCH_SIZE, metavar="N",
                        help="articles per committed batch (default: %(default)s)")
    add_model_option(ingest)
    add_read_options(ingest)
    shown = ingest.add_mutually_exclusive_group()
    shown.add_argument("--progress", action="store_true", default=None,
                       help="show the progress bar even when stderr is not a terminal")
    shown.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no failure list")
    add_fetch_options(ingest)
    ingest.set_defaults(run=run_ingest)

    quotes = subparsers.add_parser(
        "quotes", help="find quotes by speaker, text, outlet, date and kind",
        description="List stored quotes, newest statement first.",
        epilog=QUOTES_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(quotes)
    _quote_filters(quotes)
    quotes.add_argument("--include-duplicates", action="store_true", default=None,
                        help="also show quotes of near-duplicate copies of a story")
    _paging(quotes)
    add_format_option(quotes)
    quotes.set_defaults(run=run_quotes)

    articles = subparsers.add_parser(
        "articles", help="list stored articles with their quote counts",
        description="List stored articles, newest first.",
        epilog=ARTICLES_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(articles)
    articles.add_argument("--outlet", help="only this outlet")
    articles.add_argument("--since", type=date_prefix, metavar="DATE", help="published on or after (YYYY[-MM[-DD]])")
    articles.add_argument("--until", type=date_prefix, metavar="DATE", help="published on or before (YYYY[-MM[-DD]])")
    articles.add_argument("--search", "-s", help="full-text search in titles and texts")
    _paging(articles)
    add_format_option(articles)
    articles.set_defaults(run=run_articles)

    export = subparsers.add_parser(
        "export", help="write quotes to Parquet, CSV or JSON Lines",
        description="Export the stored quotes (all, or those matching the filters) to a file.",
        epilog=EXPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(export)
    export.add_argument("--to", required=True, metavar="FILE", help="target: .parquet, .csv or .jsonl")
    _quote_filters(export)
    export.set_defaults(run=run_export)


def _open(path: str, *, readonly: bool) -> Corpus:
    return Corpus(path, readonly=readonly)


def run_ingest(args: argparse.Namespace) -> int:
    progress = (not args.quiet) and (args.progress or sys.stderr.isatty())
    addresses = [i for i in args.inputs if is_http_url(i)]
    paths = [i for i in args.inputs if not is_http_url(i)]
    read, extract = read_options(args), extract_options(args)
    failed = False
    with _open(args.db, readonly=False) as corpus:
        if paths:
            with ingest_progress(progress) as on_progress:
                report = corpus.ingest(paths, read=read, extract=extract, on_progress=on_progress)
            if not args.quiet:
                for source, reason in report.failures:
                    print(terminal_text(f"failed: {source}: {reason}"), file=sys.stderr)
                if report.failed > len(report.failures):
                    print(f"... and {report.failed - len(report.failures)} more (see ingest_failures, run "
                          f"{report.run_id})", file=sys.stderr)
                for source, reason in report.skipped:
                    print(f"skipped: {source}: {reason}", file=sys.stderr)
            print(report.summary())
            failed = bool(report.failed)
        if addresses:
            with ingest_progress(progress) as on_progress:
                fetched = poll(corpus, addresses, options=fetch_options(args), given=True, force=True,
                               extract=extract, max_chars=read.max_chars, on_progress=on_progress)
            if not args.quiet:
                print_poll_failures(fetched)
            if fetched.already_stored:
                print(f"{fetched.already_stored} URLs were fetched and stored before; skipped")
            print(fetched.summary())
            failed = failed or bool(fetched.failed)
    return EXIT_SOME_INPUTS_FAILED if failed else EXIT_OK


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {"speaker": args.speaker, "search": args.search, "outlet": args.outlet, "since": args.since,
            "until": args.until, "kind": args.kind, "person_id": args.person_id, "article_id": args.article_id,
            "about": args.about}


def run_quotes(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=True) as corpus:
        rows = corpus.quotes(**_filters(args), include_duplicates=args.include_duplicates,
                             limit=args.limit, offset=args.offset)
        emit((r.to_dict() for r in rows), QUOTE_COLUMNS, args.format, title="quotes",
             widths={"text": 70, "title": 30, "person": 24, "about": 24})
    return EXIT_OK


def run_articles(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=True) as corpus:
        rows = corpus.articles(outlet=args.outlet, since=args.since, until=args.until, search=args.search,
                               limit=args.limit, offset=args.offset)
        emit((r.to_dict() for r in rows), ARTICLE_COLUMNS, args.format, title="articles",
             widths={"title": 60})
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=True) as corpus:
        count = corpus.export(args.to, **_filters(args))
    print(f"exported {count} quotes to {args.to}", file=sys.stderr)
    return EXIT_OK
