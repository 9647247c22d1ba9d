"""`quotegraph people` (list, merge, split, decisions, undo, aliases, rebuild) and `quotegraph person NAME`.

Each command is one `Corpus` call (`people`, `merge`, `split`, `decisions`, `undo`, `load_aliases`,
`rebuild_registry`, `person`) plus argument parsing and output formatting.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from quotegraph.cli.arguments import non_negative_int, positive_int
from quotegraph.cli.output import add_format_option, emit, terminal_text
from quotegraph.corpus import Corpus
from quotegraph.errors import EXIT_OK

DEFAULT_DB = "quotegraph.db"
PEOPLE_COLUMNS = ("id", "name", "kind", "quote_count", "article_count", "roles", "first_said", "last_said")
TIMELINE_COLUMNS = ("date", "outlet", "quote", "url")
ROLE_COLUMNS = ("label", "first_seen", "last_seen", "articles")
DECISION_COLUMNS = ("id", "action", "name", "rows", "created_at")

PEOPLE_EPILOG = """examples:
  quotegraph people --db news.db                          most quoted people, with roles
  quotegraph people --db news.db --search smith -f csv    everyone called Smith, as CSV
  quotegraph people --db news.db --kind unnamed           'officials', 'a spokesperson', ...
  quotegraph people merge "Jens Stoltenberg" "J. Stoltenberg" --db news.db
  quotegraph people split "John Smith" --article 3fa2c1 --name "John Smith (footballer)" --db news.db
  quotegraph people decisions --db news.db                merges and splits made by hand
  quotegraph people undo 2 --db news.db                   forget decision 2
  quotegraph people aliases ids.csv --db news.db          pin names to Wikidata ids (name,alias,wikidata)
  quotegraph people rebuild --db news.db                  recompute the registry from stored mentions

A person is named by their name, an alias ("Mr Stoltenberg"), or "#ID" from the list. Merges and
splits are kept in the store and applied again after every ingest and rebuild.
"""

PERSON_EPILOG = """examples:
  quotegraph person "Jens Stoltenberg" --db news.db
  quotegraph person Stoltenberg --about Afghanistan --db news.db
  quotegraph person "#12" --plot stoltenberg.png --db news.db
  quotegraph person "Jens Stoltenberg" --format json --db news.db > stoltenberg.json

The timeline is in statement order: the date a quote was said ("on Friday" in its sentence), or
the article's publication when the sentence gives none; precision says which (day, month, year,
published, unknown). `--format json` gives the profile and the timeline, jsonl/csv the timeline.
"""


def _db_option(parser: argparse.ArgumentParser, *, inherited: bool = False) -> None:
    # Subcommands repeat --db without a default, so `people --db F merge ...` and
    # `people merge ... --db F` both work.
    parser.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS if inherited else DEFAULT_DB,
                        help="store file (default: %(default)s)" if not inherited else "store file")


def register(subparsers: Any) -> None:
    people = subparsers.add_parser(
        "people", help="people across articles: list, merge, split, alias table",
        description="The people of a store, most quoted first, and the commands that correct them.",
        epilog=PEOPLE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _db_option(people)
    people.add_argument("--search", "-s", help="name or alias contains this (case-insensitive)")
    people.add_argument("--kind", choices=("person", "organisation", "unnamed", "group", "document"),
                        help="only this kind of source")
    people.add_argument("--limit", "-n", type=positive_int, default=50, help="rows to show (default: %(default)s)")
    people.add_argument("--offset", type=non_negative_int, default=0, help="rows to skip first (default: 0)")
    add_format_option(people)
    people.set_defaults(run=run_list)
    commands = people.add_subparsers(dest="people_command", metavar="COMMAND")

    merge = commands.add_parser("merge", help="make B the same person as A (kept after re-ingest)",
                                description="Merge person B into person A; A's name is kept.")
    merge.add_argument("keep", metavar="A", help="the person to keep (name, alias or #ID)")
    merge.add_argument("absorb", metavar="B", help="the person to fold into A")
    _db_option(merge, inherited=True)
    merge.set_defaults(run=run_merge)

    split = commands.add_parser("split", help="take a person's mentions in some articles out as another person",
                                description="Split a person: their mentions in the given articles become "
                                            "a separate person (kept after re-ingest).")
    split.add_argument("person", metavar="NAME", help="the person to split (name, alias or #ID)")
    split.add_argument("--article", "-a", dest="articles", action="append", required=True, metavar="ID",
                       help="article id (or a prefix of it) whose mentions go; repeat for more")
    split.add_argument("--name", help="name of the new person (default: their name in that article)")
    _db_option(split, inherited=True)
    split.set_defaults(run=run_split)

    listed = commands.add_parser("decisions", help="list merges and splits made by hand")
    _db_option(listed, inherited=True)
    add_format_option(listed)
    listed.set_defaults(run=run_decisions)

    undo = commands.add_parser("undo", help="forget a merge or split and rebuild the registry")
    undo.add_argument("decision", type=int, metavar="ID", help="decision id from `people decisions`")
    _db_option(undo, inherited=True)
    undo.set_defaults(run=run_undo)

    aliases = commands.add_parser("aliases", help="load an alias table (CSV: name, alias, wikidata)",
                                  description="Pin names and aliases to one canonical name and an external id. "
                                              "No network lookups: the table is yours.")
    aliases.add_argument("table", metavar="CSV", help="CSV with a header: name, alias, wikidata")
    _db_option(aliases, inherited=True)
    aliases.set_defaults(run=run_aliases)

    rebuild = commands.add_parser("rebuild", help="recompute the registry from stored mentions")
    _db_option(rebuild, inherited=True)
    rebuild.set_defaults(run=run_rebuild)

    person = subparsers.add_parser(
        "person", help="one person: roles, aliases, counts and the timeline of statements",
        description="One person across articles: roles over time, aliases, counts, and every statement "
                    "in date order.", epilog=PERSON_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    person.add_argument("name", metavar="NAME", help="name, alias (\"Stoltenberg\") or #ID")
    _db_option(person)
    person.add_argument("--about", metavar="TERM", help="only statements whose quote or sentence contains TERM")
    person.add_argument("--plot", metavar="FILE", help="write quotes per month by outlet to FILE (.png/.svg/.pdf)")
    person.add_argument("--aliases-csv", metavar="FILE",
                        help="load this alias table into the store first (as `people aliases`)")
    person.add_argument("--limit", "-n", type=positive_int, default=None, help="statements to show (default: all)")
    person.add_argument("--include-duplicates", action="store_true",
                        help="also show statements from near-duplicate (wire) copies")
    add_format_option(person)
    person.set_defaults(run=run_person)


def _open(path: str, *, readonly: bool) -> Corpus:
    return Corpus(path, readonly=readonly)


def run_list(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=True) as corpus:
        rows = corpus.people(limit=args.limit, offset=args.offset, search=args.search, kind=args.kind)
        emit((r.to_dict() for r in rows), PEOPLE_COLUMNS, args.format, title="people",
             widths={"roles": 40, "name": 30})
    return EXIT_OK


def run_merge(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=False) as corpus:
        kept, absorbed = corpus.merge(args.keep, args.absorb)
    print(f"merged {absorbed} into #{kept.id} {kept.name}")
    return EXIT_OK


def run_split(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=False) as corpus:
        person_id = corpus.person_id(args.person)
        new = corpus.split(person_id, args.articles, name=args.name)
    print(f"split #{new.id} {new.name} from #{person_id}")
    return EXIT_OK


def run_decisions(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=False) as corpus:
        rows = corpus.decisions()
    for row in rows:
        row["rows"] = [f"{a[:12]}:{n}" for a, n in row["rows"]]
    emit(rows, DECISION_COLUMNS, args.format, title="decisions", widths={"rows": 60})
    return EXIT_OK


def run_undo(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=False) as corpus:
        corpus.undo(args.decision)
    print(f"undid decision {args.decision}; registry rebuilt")
    return EXIT_OK


def run_aliases(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=False) as corpus:
        count = corpus.load_aliases(args.table)
    print(f"loaded {count} alias entries; registry rebuilt")
    return EXIT_OK


def run_rebuild(args: argparse.Namespace) -> int:
    with _open(args.db, readonly=False) as corpus:
        count = corpus.rebuild_registry()
    print(f"registry rebuilt: {count} people")
    return EXIT_OK


def run_person(args: argparse.Namespace) -> int:
    if args.aliases_csv:
        with _open(args.db, readonly=False) as corpus:
            corpus.load_aliases(args.aliases_csv)
    with _open(args.db, readonly=True) as corpus:
        page = corpus.person(args.name, about=args.about, include_duplicates=args.include_duplicates)
    if args.plot:
        page.plot(args.plot)
        print(f"plot written to {args.plot}", file=sys.stderr)
    # The plot counts every statement; --limit only shortens what is printed.
    rows = list(page.timeline[:args.limit] if args.limit is not None else page.timeline)
    if args.format == "json":
        json.dump({**page.profile, "timeline": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "table":
        _print_profile(page.profile)
        emit(_short(rows), TIMELINE_COLUMNS, "table", title=f"statements ({len(rows)})",
             widths={"quote": 80, "url": 40, "outlet": 18})
    else:
        emit(rows, ("date", "precision", "outlet", "quote", "kind", "url", "title", "article_id"), args.format)
    return EXIT_OK


def _short(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        quote = row["quote"] if len(row["quote"]) <= 300 else row["quote"][:297] + "..."
        date = row["date"] or "?"
        out.append({**row, "quote": quote, "date": date if row["precision"] != "published" else f"{date} (pub.)",
                    "url": row["url"] or row["article_id"][:12]})
    return out


def _print_profile(found: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(width=None if sys.stdout.isatty() else 160, soft_wrap=False, highlight=False)
    external = f"  [{escape(terminal_text(found['external_id']))}]" if found["external_id"] else ""
    name = escape(terminal_text(found["name"]))
    console.print(f"[bold]{name}[/bold]  #{found['id']}  ({found['kind']}){external}", markup=True)
    console.print(f"{found.get('statement_count', found['quote_count'])} statements ({found['quote_count']} quotes) "
                  f"in {found['quoted_in']} articles; mentioned in "
                  f"{found['mentioned_in']} articles; said {found['first_said'] or '?'} .. {found['last_said'] or '?'}",
                  markup=False)
    if found["aliases"]:
        console.print(terminal_text("aliases: " + ", ".join(f"{a['alias']} ({a['count']})" for a in found["aliases"])),
                      markup=False)
    if found["roles"]:
        emit(({**r, "articles": len(r["articles"])} for r in found["roles"]), ROLE_COLUMNS, "table", title="roles")
