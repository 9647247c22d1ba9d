"""`quotegraph watch | runs`: follow feeds and sitemaps into a store, and see what each run did.

`watch` is one `fetch.watch` call; `runs` one `Corpus` call per table. The fetch options are shared
with `quotegraph ingest URL...`.
"""
from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

from quotegraph.cli.arguments import non_negative_int, positive_int
from quotegraph.cli.output import add_format_option, emit, terminal_text
from quotegraph.errors import EXIT_OK, EXIT_SOME_INPUTS_FAILED, QuotegraphError
from quotegraph.cli.reading import add_model_option, extract_options
from quotegraph.corpus import Corpus
from quotegraph.settings import POLL_BATCH_SIZE
from quotegraph.fetch import URL_KINDS, URL_STATUSES, FetchOptions, PollReport, parse_every, watch

DEFAULT_DB = "quotegraph.db"

WATCH_EPILOG = """examples:
  quotegraph watch feeds.txt --db news.db --every 15m         poll every 15 minutes, until stopped
  quotegraph watch feeds.txt --db news.db --once              one poll (e.g. from cron), then exit
  quotegraph watch feeds.txt --db news.db --contact me@example.org --workers 2

feeds.txt holds one RSS/Atom feed or XML sitemap (or sitemap index) URL per line; blank lines and
# comments are ignored. It is read again before each poll. Each poll reads the feeds (conditional
GET: a feed that did not change costs one short request), fetches the article pages not fetched
yet, stores them as `quotegraph ingest` does, and prints one line. Pages that fail (HTTP errors,
timeouts, not HTML, no article text) are recorded with the reason and tried again later: see
`quotegraph runs --urls failed`. Several `watch` processes may share one store; a killed one is
taken over by the next poll, losing nothing and fetching nothing twice that was stored.

Polite by default: robots.txt is honoured, requests name quotegraph in their User-Agent, one request
per second per host (or the site's Crawl-delay), at most 2 at a time per host.

exit codes: 0 ok (--once: nothing failed), 1 some URLs failed (--once), 2 usage or setup error
"""

RUNS_EPILOG = """examples:
  quotegraph runs --db news.db                      the latest runs: inputs, new, duplicates, failed
  quotegraph runs --failures --db news.db           what failed in the latest runs, with reasons
  quotegraph runs --failures --run 12 --db news.db  what failed in run 12
  quotegraph runs --urls failed --db news.db        URLs the fetcher will try again, and why
  quotegraph runs --feeds --db news.db              the feeds followed, their outlets and last poll
"""

RUN_COLUMNS = ("id", "started", "finished", "new", "duplicates", "failed", "inputs")
FAILURE_COLUMNS = ("run_id", "source", "reason")
URL_COLUMNS = ("url", "kind", "status", "http_status", "reason", "attempts", "last_fetched", "next_fetch")
FEED_COLUMNS = ("url", "outlet", "status", "last_fetched", "next_fetch", "articles", "failing", "reason")


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """The fetcher's settings, for `watch` and for `ingest URL...`."""
    group = parser.add_argument_group("fetching (URLs, feeds, sitemaps)")
    defaults = FetchOptions()
    group.add_argument("--contact", metavar="EMAIL_OR_URL",
                       help="added to the User-Agent, so site operators can reach you")
    group.add_argument("--timeout", type=float, default=defaults.timeout, metavar="S",
                       help="seconds to connect and for each read (default: %(default)s)")
    group.add_argument("--max-bytes", type=positive_int, default=defaults.max_bytes, metavar="N",
                       help="refuse responses larger than this (default: %(default)s)")
    group.add_argument("--host-interval", type=float, default=defaults.host_interval, metavar="S",
                       help="seconds between requests to one host (default: %(default)s)")
    group.add_argument("--concurrency", type=positive_int, default=defaults.concurrency, metavar="N",
                       help="requests in flight in all (default: %(default)s; 2 per host at most)")
    group.add_argument("--retries", type=non_negative_int, default=defaults.retries, metavar="N",
                       help="immediate retries of a timeout or HTTP 429/5xx (default: %(default)s)")
    group.add_argument("--backoff", type=float, default=defaults.backoff, metavar="S",
                       help="seconds before the first retry, doubled each time (default: %(default)s)")
    group.add_argument("--retry-after", type=float, default=defaults.retry_after, metavar="S",
                       help="seconds before a failed URL is tried again, doubled per failure "
                            "(default: %(default)s)")


def fetch_options(args: argparse.Namespace) -> FetchOptions:
    agent = FetchOptions().user_agent
    if args.contact:
        agent = agent[:-1] + f"; {args.contact})"
    return FetchOptions(user_agent=agent, timeout=args.timeout, max_bytes=args.max_bytes,
                        host_interval=args.host_interval, concurrency=args.concurrency, retries=args.retries,
                        backoff=args.backoff, retry_after=args.retry_after)


def print_poll_failures(report: PollReport) -> None:
    for source, reason in report.failures:
        print(terminal_text(f"failed: {source}: {reason}"), file=sys.stderr)


def register(subparsers: Any) -> None:
    command = subparsers.add_parser(
        "watch", help="follow RSS/Atom feeds and sitemaps: fetch new articles into a store, politely",
        description="Poll feeds and sitemaps on a schedule and ingest the articles they list.",
        epilog=WATCH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("feed_list", metavar="FEEDS.txt", help="file with one feed or sitemap URL per line")
    command.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help="store file (default: %(default)s)")
    command.add_argument("--every", default="15m", metavar="DURATION",
                         help="time between polls: 90s, 15m, 1h (default: %(default)s)")
    command.add_argument("--once", action="store_true", help="poll once, then exit")
    command.add_argument("--max-articles", type=positive_int, metavar="N",
                         help="fetch at most N article pages per poll")
    command.add_argument("--workers", "-j", type=positive_int, default=1, metavar="N",
                         help="parser processes (default: %(default)s)")
    command.add_argument("--batch-size", type=positive_int, default=POLL_BATCH_SIZE, metavar="N",
                         help="articles per committed batch (default: %(default)s)")
    add_model_option(command)
    command.add_argument("--quiet", "-q", action="store_true", help="only the line per poll, no failure list")
    add_fetch_options(command)
    command.set_defaults(run=run_watch)

    runs = subparsers.add_parser(
        "runs", help="ingest runs and watch polls: what was read, what failed and why",
        description="List ingest runs, their failed inputs, and the fetcher's URLs and feeds.",
        epilog=RUNS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    runs.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help="store file (default: %(default)s)")
    shown = runs.add_mutually_exclusive_group()
    shown.add_argument("--failures", action="store_true", help="failed inputs with their reasons")
    shown.add_argument("--urls", nargs="?", const="failed", choices=URL_STATUSES, metavar="STATUS",
                       help=f"fetcher URLs in this status ({', '.join(URL_STATUSES)}; default: failed)")
    shown.add_argument("--feeds", action="store_true", help="the feeds and sitemaps followed")
    runs.add_argument("--run", dest="run_id", type=non_negative_int, metavar="ID",
                      help="with --failures: only this run")
    runs.add_argument("--kind", choices=URL_KINDS, help="with --urls: only this kind of URL")
    runs.add_argument("--limit", "-n", type=positive_int, default=20, help="rows to show (default: %(default)s)")
    runs.add_argument("--offset", type=non_negative_int, default=0, help="rows to skip first (default: 0)")
    add_format_option(runs)
    runs.set_defaults(run=run_runs)


def _stop_on_sigterm() -> None:
    """systemd and docker stop with SIGTERM: unwind as for Ctrl-C (the store stays consistent)."""
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def run_watch(args: argparse.Namespace) -> int:
    every = parse_every(args.every)
    if args.max_articles is not None and args.max_articles < 1:
        raise QuotegraphError(f"--max-articles must be 1 or more, not {args.max_articles}")
    options = fetch_options(args)
    _stop_on_sigterm()

    def on_poll(report: PollReport) -> None:
        if not args.quiet:
            print_poll_failures(report)
        print(report.summary(), flush=True)

    def on_error(error: QuotegraphError) -> None:
        print(f"quotegraph: poll failed: {error}; trying again in {args.every}", file=sys.stderr, flush=True)

    with Corpus(args.db) as corpus:
        try:
            reports = watch(corpus, args.feed_list, every=every, once=args.once, on_poll=on_poll,
                            on_error=on_error, options=options,
                            max_articles=args.max_articles, extract=extract_options(args))
        except KeyboardInterrupt:
            print("quotegraph: watch stopped", file=sys.stderr)
            return EXIT_OK
    if args.once and any(r.failed for r in reports):
        return EXIT_SOME_INPUTS_FAILED
    return EXIT_OK


def run_runs(args: argparse.Namespace) -> int:
    with Corpus(args.db, readonly=True) as corpus:
        if args.failures:
            rows = corpus.failures(args.run_id, limit=args.limit, offset=args.offset)
            emit(iter(rows), FAILURE_COLUMNS, args.format, title="failures", widths={"reason": 70})
        elif args.urls:
            found = corpus.fetch_urls(kind=args.kind, status=args.urls, limit=args.limit, offset=args.offset)
            emit((r.to_dict() for r in found), URL_COLUMNS, args.format, title=f"{args.urls} URLs",
                 widths={"url": 60, "reason": 50})
        elif args.feeds:
            emit(iter(corpus.feeds()[args.offset:args.offset + args.limit]), FEED_COLUMNS, args.format,
                 title="feeds", widths={"url": 60})
        else:
            listed = corpus.runs(limit=args.limit, offset=args.offset)
            emit(({**r.to_dict(), "inputs": ", ".join(r.inputs)} for r in listed), RUN_COLUMNS, args.format,
                 title="runs", widths={"inputs": 60})
            counts = corpus.fetch_counts()
            failing = sum(n for by in counts.values() for s, n in by.items() if s in ("failed", "gave_up"))
            if failing and args.format == "table":
                print(f"{failing} URLs failing; see `quotegraph runs --urls failed --db {args.db}`", file=sys.stderr)
    return EXIT_OK
