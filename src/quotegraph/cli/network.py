"""`quotegraph statements | graph`: one line across all the outlets that carried it, and the
speaker -> subject network. Each command is one `Corpus` call plus formatting."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from quotegraph.cli.arguments import non_negative_int
from quotegraph.cli.corpus import _db_option, _filters, _paging, _quote_filters
from quotegraph.cli.output import add_format_option, emit
from quotegraph.corpus import GRAPH_FORMATS, Corpus
from quotegraph.errors import EXIT_OK

STATEMENTS_EPILOG = """examples:
  quotegraph statements --speaker Stoltenberg --db news.db
  quotegraph statements --about Taliban --min-outlets 2 --db news.db
  quotegraph statements --search willingness --format json --db news.db

A statement is one line of one speaker: their quotes in different articles whose words match (a
trimmed or partial quote, or one with "[sic]" or an ellipsis, joins its full version). Filters are
those of `quotes`; a statement is listed when one of its quotes matches. Shown: first-seen date and
outlet, occurrences, outlets, and the longest wording.
"""

GRAPH_EPILOG = """examples:
  quotegraph graph --db news.db --to graph.graphml        for Gephi, networkx, yEd
  quotegraph graph --db news.db --to graph.gexf --since 2021-08
  quotegraph graph --db news.db --to edges.csv --speaker Stoltenberg

Edges go from a speaker (a registry person) to whom or what their quotes are about (people,
organisations, places, groups), weighted by statements, with quotes and first/last dates.
Filters are those of `quotes`.
"""

STATEMENT_COLUMNS = ("first_seen", "first_outlet", "person", "occurrences", "outlets", "text", "id")


def register(subparsers: Any) -> None:
    listing = subparsers.add_parser(
        "statements", help="one speaker's line across every article and outlet that quoted it",
        description="List statements (quotes deduplicated across articles), most recently first seen first.",
        epilog=STATEMENTS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(listing)
    _quote_filters(listing)
    listing.add_argument("--min-outlets", type=non_negative_int, default=0, metavar="N",
                         help="only statements carried by at least N outlets")
    _paging(listing)
    add_format_option(listing)
    listing.set_defaults(run=run_statements)

    graph = subparsers.add_parser(
        "graph", help="write the speaker -> subject network (GraphML, GEXF, CSV)",
        description="Write who talks about whom as a network file.",
        epilog=GRAPH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(graph)
    graph.add_argument("--to", required=True, metavar="FILE", help="target: .graphml, .gexf or .csv")
    graph.add_argument("--format", dest="graph_format", choices=GRAPH_FORMATS,
                       help="format (default: from the extension of --to)")
    _quote_filters(graph)
    graph.set_defaults(run=run_graph)


def run_statements(args: argparse.Namespace) -> int:
    with Corpus(args.db, readonly=True) as corpus:
        rows = corpus.statements(**_filters(args), min_outlets=args.min_outlets, limit=args.limit,
                                 offset=args.offset)
        emit((r.to_dict() for r in rows), STATEMENT_COLUMNS, args.format, title="statements",
             widths={"text": 70, "person": 24, "outlets": 30})
    return EXIT_OK


def run_graph(args: argparse.Namespace) -> int:
    with Corpus(args.db, readonly=True) as corpus:
        count = corpus.graph(args.to, fmt=args.graph_format, **_filters(args))
    print(f"wrote {count} edges to {args.to}", file=sys.stderr)
    return EXIT_OK
