"""The `quotegraph` command: one entry point, one module per group of subcommands.

Each module in COMMAND_MODULES has `register(subparsers)`, which adds its subcommands with
`set_defaults(run=function)`; a run function takes the parsed args and returns an exit code.
Every command is a thin shell over a library call plus argument parsing and output formatting.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from quotegraph.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_USAGE, QuotegraphError, Terminated
from quotegraph.processes import stop_on_sigterm

COMMAND_MODULES = ("extract", "evaluate", "corpus", "people", "stats", "serve", "batch", "watch")

EPILOG = """examples:
  quotegraph extract article.txt                     who said what in one article
  quotegraph extract --format jsonl *.txt > q.jsonl  machine-readable quotes
  quotegraph eval gold.jsonl --errors                score against annotated gold
  quotegraph ingest articles/ --db news.db           build a searchable corpus
  quotegraph quotes --speaker Stoltenberg --db news.db
  quotegraph stats --by outlet,month --db news.db    whose voices: sources by kind and gender
  quotegraph watch feeds.txt --db news.db            follow RSS/Atom feeds and sitemaps
  quotegraph serve --db news.db                      explore it in the browser

exit codes: 0 ok, 1 some inputs failed, 2 usage or setup error, 130 interrupted (Ctrl-C),
  143 stopped by SIGTERM (worker processes ended first; an ingest run again completes the work)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotegraph", description="Who said what, about whom, and when, from news articles.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"quotegraph.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"quotegraph.cli.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        with stop_on_sigterm():
            return int(args.run(args) or 0)
    except QuotegraphError as exc:
        if args.debug:
            raise
        print(f"quotegraph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("quotegraph: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print("quotegraph: stopped by SIGTERM", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        # Output piped into `head` and friends: quiet exit, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
