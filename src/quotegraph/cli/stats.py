"""`quotegraph stats | genders`: whose voices a store holds, by outlet, month or year.

Each command is one `Corpus` call plus argument parsing and output formatting.
"""
from __future__ import annotations

import argparse
from typing import Any

from quotegraph.cli.arguments import non_negative_int, positive_int
from quotegraph.cli.corpus import _db_option, _quote_filters
from quotegraph.cli.output import add_format_option, emit
from quotegraph.corpus import GROUPS, Corpus
from quotegraph.errors import EXIT_OK

STATS_EPILOG = """examples:
  quotegraph stats --by outlet,month --db news.db
  quotegraph stats --by outlet --search Taliban --since 2021 --format csv --db news.db > voices.csv
  quotegraph stats --by year --format json --db news.db

For each group: quotes, distinct sources (a person, organisation or unnamed source counts once
however often quoted), sources by kind, and person sources by gender with their shares. Gender is
what the articles say: pronouns resolved to the person, honorifics (Mr, Ms, Mrs), gendered role nouns
(spokeswoman); "unknown" otherwise, never guessed from a first name. `quotegraph genders` lists the
evidence per person and sets a gender from a file. Copies of a story are counted once.
"""

GENDERS_EPILOG = """examples:
  quotegraph genders --db news.db                      most quoted people, gender and evidence
  quotegraph genders --gender unknown --db news.db     those the text says nothing about
  quotegraph genders --load genders.csv --db news.db   set genders (CSV: name,gender)

The CSV has one person per line, `name,gender` (name or alias as the registry writes it; gender
female, male or unknown; an empty gender forgets an earlier setting). A gender set this way wins
over the evidence in the text.
"""

STATS_COLUMNS = ("quotes", "sources", "persons", "organisations", "unnamed", "groups", "others", "female", "male",
                 "unknown_gender", "female_share")
GENDER_COLUMNS = ("person_id", "name", "quotes", "gender", "evidence", "female", "male", "set_by")


def _groups(value: str) -> tuple[str, ...]:
    groups = tuple(g.strip() for g in value.split(",") if g.strip())
    unknown = [g for g in groups if g not in GROUPS]
    if unknown or len(set(groups)) != len(groups):
        raise argparse.ArgumentTypeError(f"group by any of {', '.join(GROUPS)}, each once (e.g. outlet,month)")
    return groups


def register(subparsers: Any) -> None:
    stats = subparsers.add_parser(
        "stats", help="sources' diversity: quotes, sources by kind and gender, by outlet/month/year",
        description="Whose voices are heard: sources by kind and gender, grouped.",
        epilog=STATS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(stats)
    stats.add_argument("--by", type=_groups, default=("outlet",), metavar="GROUPS",
                       help=f"comma-separated groups: {', '.join(GROUPS)} (default: outlet); '' for one total row")
    _quote_filters(stats)
    add_format_option(stats)
    stats.set_defaults(run=run_stats)

    genders = subparsers.add_parser(
        "genders", help="people's gender as the articles give it, with the evidence count",
        description="People, most quoted first, with their gender from in-text evidence.",
        epilog=GENDERS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(genders)
    genders.add_argument("--load", metavar="CSV", help="first set genders from this file (name,gender)")
    genders.add_argument("--gender", choices=("female", "male", "unknown"), help="only people of this gender")
    genders.add_argument("--limit", "-n", type=positive_int, default=50, help="rows to show (default: %(default)s)")
    genders.add_argument("--offset", type=non_negative_int, default=0, help="rows to skip first (default: 0)")
    add_format_option(genders)
    genders.set_defaults(run=run_genders)


def run_stats(args: argparse.Namespace) -> int:
    filters = {k: getattr(args, k) for k in ("speaker", "search", "outlet", "since", "until", "kind", "person_id",
                                            "article_id") if getattr(args, k, None) is not None}
    with Corpus(args.db, readonly=True) as corpus:
        rows = [r.to_dict() for r in corpus.diversity(by=args.by, **filters)]
    emit(rows, (*args.by, *STATS_COLUMNS), args.format, title="Sources by " + (", ".join(args.by) or "all"))
    return EXIT_OK


def run_genders(args: argparse.Namespace) -> int:
    if args.load:
        with Corpus(args.db) as corpus:
            count = corpus.load_genders(args.load)
        print(f"genders: {count} line{'' if count == 1 else 's'} read from {args.load}")
    with Corpus(args.db, readonly=True) as corpus:
        rows = [r.to_dict() for r in corpus.genders(limit=args.limit, offset=args.offset, gender=args.gender)]
    emit(rows, GENDER_COLUMNS, args.format, title="Gender from the text")
    return EXIT_OK
