"""The construction suite: invented articles, one attribution construction class at a time, with traps.

    python benchmarks/constructions.py                    # extract, then a table per class
    python benchmarks/constructions.py --failures         # also every miss, wrong speaker and fired trap
    python benchmarks/constructions.py --class c05        # only the classes whose id starts so
    python benchmarks/constructions.py --suite benchmarks/data/constructions-fresh4.jsonl --numbers 83 84
                                                          # only the articles whose id ends so
    python benchmarks/constructions.py --save-predictions before.jsonl   # then, after a change:
    python benchmarks/constructions.py --baseline before.jsonl           # per-class change, fixed, new failures
    python benchmarks/constructions.py build              # regenerate the .jsonl files from their sources
    python benchmarks/constructions.py --suite benchmarks/data/constructions-holdout.jsonl   # the hold-out part
    python benchmarks/constructions.py --suite benchmarks/data/constructions-fresh.jsonl     # the blind part
    python benchmarks/constructions.py --suite benchmarks/data/constructions-fresh2.jsonl    # the second blind part
    python benchmarks/constructions.py --suite benchmarks/data/constructions-fresh3.jsonl    # the third blind part
    python benchmarks/constructions.py --suite benchmarks/data/constructions-fresh4.jsonl    # the fourth blind part
    quotegraph eval benchmarks/data/constructions.jsonl   # the same file, scored as any gold file

The articles are written for this suite (never taken from the dev sets) in
`benchmarks/data/constructions.txt`, a marked-up source; `build` turns it into
`benchmarks/data/constructions.jsonl`, in the gold format of `../shared/data` (score.py reads it).
A smaller hold-out part (`constructions-holdout.txt` / `.jsonl`, same classes, other articles) is
there to score changes on articles they were not tuned on: look at its table, not its failures.
A third, blind part (`constructions-fresh.txt` / `.jsonl`, ids 70-99) was written from issue 10's
classes and the gold conventions alone, by someone who had not read the extractor or the other two
parts and did not run quotegraph on its texts, as a hidden suite is written: score it, never tune on it.
A fourth part (`constructions-fresh2.txt` / `.jsonl`, ids 30-49) was written the same way, blind, once
the first blind part had been tuned on, to measure again on constructions no rule was written for.
A fifth part (`constructions-fresh3.txt` / `.jsonl`, ids 23-29 and 60-69) was written the same way, blind
(no extractor read, no quotegraph run on its texts), once both earlier blind parts had been tuned on: other
cue verbs, sentence shapes and asides than a first writer would choose, to measure again.
A sixth part (`constructions-fresh4.txt` / `.jsonl`, ids 80-89) was written the same way, blind, once the
three earlier blind parts had been tuned on: news genres the others wrote less (court reporting, sports,
business wire copy, press-conference questions, obituaries, science news, local news), longer sentences.

Source format. An article starts with a header line and ends at the next one:

    ## c03-relative-02 | style=uk
    @ a = Maria Lopez | person          (a speaker mention: its reference and source kind)
    @ b = | group                       (no reference: a group, an unnamed source)
    Text with {{a|the union's president, Maria Lopez}} ... [[a|the quoted content]] ...
    [[~a|"a quote with no speaker span of its own (floating), attributed to a"]]
    ((A trap sentence that must give no quote.))

A line `% Maria Lopez = president | union ! Governor` (after the `@` lines) says that person must get
a role whose title holds "president" and whose organisation holds "union", and no role titled
"Governor" (the organisation and the `!` part are optional); these are checked apart from the quotes.
`{{m|...}}` marks the speaker span of mention m, `[[m|...]]` a quote whose speaker is mention m,
`[[~m|...]]` a floating quote of m's referent (no speaker span), `((...))` a trap. Lines are joined
with newlines (a blank line is a paragraph break). The class is the id's first two parts
(`c03-relative`); each record also carries `construction`, `style` and `traps` (spans of the trap
sentences), which score.py and `quotegraph eval` ignore.

Scoring reuses quotegraph.scoring (score.py's protocol). A trap *fires* when any prediction overlaps
its span: a quote found in it, or a quote that runs over it.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotegraph import evaluate, scoring
from quotegraph.pipeline import extract_many
from quotegraph.records import SOURCE_KINDS, Article

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "benchmarks" / "data" / "constructions.txt"
SUITE = ROOT / "benchmarks" / "data" / "constructions.jsonl"
# The hold-out part: same classes, other articles, to score without tuning on its failures.
HOLDOUT = ROOT / "benchmarks" / "data" / "constructions-holdout.jsonl"
# The blind part: written without knowing the extractor's rules, to measure how they generalise.
FRESH = ROOT / "benchmarks" / "data" / "constructions-fresh.jsonl"
# The second blind part, written the same way after the first had been tuned on.
FRESH2 = ROOT / "benchmarks" / "data" / "constructions-fresh2.jsonl"
# The third blind part, written the same way after both earlier blind parts had been tuned on.
FRESH3 = ROOT / "benchmarks" / "data" / "constructions-fresh3.jsonl"
# The fourth blind part, written the same way after the three earlier blind parts had been tuned on.
FRESH4 = ROOT / "benchmarks" / "data" / "constructions-fresh4.jsonl"

Record = dict[str, Any]
_HEADER = re.compile(r"^## (c\d\d-[a-z]+-\d\d)\s*(?:\|(.*))?$")
_MENTION = re.compile(r"^@ (\w+) = ([^|]*)\|\s*(\w+)\s*$")
_ROLE = re.compile(r"^% ([^=]+?) = ([^|!]+?)\s*(?:\|\s*([^!]+?))?\s*(?:!\s*(.+?))?\s*$")
_DIRECT = '"“”'


# --- building the suite from its marked-up source -------------------------------------------------

class SourceError(ValueError):
    """A malformed article in the marked-up source."""


def construction(article_id: str) -> str:
    """The class of an article: the first two parts of its id ("c03-relative-02" -> "c03-relative")."""
    return "-".join(article_id.split("-")[:2])


def quote_kind(text: str) -> str:
    """direct (the whole quote is inside double marks), mixed (some of it is) or indirect."""
    stripped = text.strip().rstrip(".,")
    if stripped and stripped[0] in _DIRECT + "'‘" and stripped[-1] in _DIRECT + "'’":
        inner = stripped[1:-1]
        if not any(c in inner for c in _DIRECT):
            return "direct"
    return "mixed" if any(c in text for c in _DIRECT) else "indirect"


def _parse_markup(marked: str, where: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """Plain text and the marked spans: (type, label, start, end), type in q / s / t."""
    out: list[str] = []
    pos = 0  # length of plain text so far
    stack: list[tuple[str, str, int]] = []
    spans = []
    i = 0
    opener = {"[[": "q", "{{": "s", "((": "t"}
    closer = {"]]": "q", "}}": "s", "))": "t"}
    while i < len(marked):
        pair = marked[i:i + 2]
        if pair in opener:
            kind = opener[pair]
            i += 2
            label = ""
            if kind != "t":
                bar = marked.find("|", i)
                if bar < 0:
                    raise SourceError(f"{where}: {pair} without a label")
                label = marked[i:bar]
                if not re.fullmatch(r"~?\w*", label):
                    raise SourceError(f"{where}: bad label {label[:20]!r} after {pair}")
                i = bar + 1
            stack.append((kind, label, pos))
            continue
        if pair in closer:
            if not stack or stack[-1][0] != closer[pair]:
                raise SourceError(f"{where}: unbalanced {pair}")
            kind, label, start = stack.pop()
            spans.append((kind, label, start, pos))
            i += 2
            continue
        out.append(marked[i])
        pos += 1
        i += 1
    if stack:
        raise SourceError(f"{where}: unclosed {stack[-1][0]} marker")
    return "".join(out), spans


def _article(article_id: str, attrs: dict[str, str], mentions: dict[str, tuple[str, str]],
             lines: list[str], roles: list[Record]) -> Record:
    where = article_id
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    text, spans = _parse_markup("\n".join(lines), where)
    speakers = {label: (s, e) for kind, label, s, e in spans if kind == "s"}
    if len(speakers) != sum(1 for kind, *_ in spans if kind == "s"):
        raise SourceError(f"{where}: a speaker mention is marked twice")
    quotes = []
    for _kind, label, s, e in sorted((x for x in spans if x[0] == "q"), key=lambda x: x[2]):
        floating = label.startswith("~")
        mention = label.lstrip("~")
        if mention and mention not in mentions:
            raise SourceError(f"{where}: quote of undeclared mention {mention!r}")
        if not floating and mention not in speakers:
            raise SourceError(f"{where}: mention {mention!r} has no {{{{span}}}}")
        reference, source_kind = mentions.get(mention, ("", "unknown"))
        spk = None if floating else speakers[mention]
        quote = text[s:e]
        if quote != quote.strip():
            raise SourceError(f"{where}: quote span has outer spaces: {quote!r}")
        quotes.append({"quote": quote, "quote_start": s, "quote_end": e,
                       "speaker": text[spk[0]:spk[1]] if spk else "",
                       "speaker_start": spk[0] if spk else None, "speaker_end": spk[1] if spk else None,
                       "verb": "", "verb_start": None, "verb_end": None,
                       "reference": reference, "is_floating_quote": floating,
                       "kind": quote_kind(quote), "source_kind": source_kind})
    traps = sorted([s, e] for kind, _, s, e in spans if kind == "t")
    for ts, te in traps:
        for q in quotes:
            if scoring.overlap((ts, te), (q["quote_start"], q["quote_end"])):
                raise SourceError(f"{where}: trap overlaps a quote")
    unused = set(speakers) - {q_label.lstrip("~") for k, q_label, *_ in spans if k == "q"}
    if unused:
        raise SourceError(f"{where}: speaker mentions no quote uses: {sorted(unused)}")
    record = {"id": article_id, "construction": construction(article_id), "style": attrs.get("style", ""),
              "text": text, "quotes": quotes, "traps": traps}
    if roles:
        record["roles"] = roles
    return record


def build(source: str) -> list[Record]:
    """The suite's gold records from its marked-up source text."""
    articles: list[Record] = []
    current: tuple[str, dict[str, str]] | None = None
    mentions: dict[str, tuple[str, str]] = {}
    lines: list[str] = []
    roles: list[Record] = []

    def flush() -> None:
        if current:
            articles.append(_article(current[0], current[1], mentions, lines, roles))

    for number, line in enumerate(source.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            flush()
            attrs = dict(part.strip().split("=", 1) for part in (header.group(2) or "").split(",") if "=" in part)
            current, mentions, lines, roles = (header.group(1), attrs), {}, [], []
            continue
        if line.startswith("#") and not line.startswith("## "):
            continue  # a comment
        if current is None:
            if line.strip():
                raise SourceError(f"line {number}: text before the first article header")
            continue
        mention = _MENTION.match(line)
        if mention and not lines:
            kind = mention.group(3)
            if kind not in SOURCE_KINDS:
                raise SourceError(f"line {number}: unknown source kind {kind!r}")
            mentions[mention.group(1)] = (mention.group(2).strip(), kind)
            continue
        role = _ROLE.match(line)
        if role and not lines:
            roles.append({"name": role.group(1).strip(), "title": role.group(2).strip(),
                          "organisation": (role.group(3) or "").strip(),
                          "not": [t.strip() for t in (role.group(4) or "").split(",") if t.strip()]})
            continue
        lines.append(line)
    flush()
    ids = [a["id"] for a in articles]
    if len(ids) != len(set(ids)):
        raise SourceError("duplicate article ids")
    return sorted(articles, key=lambda a: a["id"])


def write_suite(articles: Sequence[Record], path: Path = SUITE) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")


# --- extraction and scoring per class -------------------------------------------------------------

@dataclass(frozen=True)
class Extraction:
    """What the runner keeps of each extracted article."""

    predictions: list[Record]  # score.py's format, as `evaluate.predict` gives them
    skipped: dict[str, str]  # {id: "not English (looks like fr)"}
    roles: dict[str, dict[str, list[tuple[str, str]]]]  # {id: {person: [(title, organisation)]}}


def extract(gold: Sequence[Record], *, model: str | None = None) -> Extraction:
    """Run quotegraph on every article of `gold`."""
    predictions, skipped, roles = [], {}, {}
    for document in extract_many([Article(text=a["text"], id=a["id"]) for a in gold], model=model):
        predictions.append(document.to_prediction())
        if document.skipped:
            skipped[document.id] = document.skipped
        roles[document.id] = {p.name: [(r.title, r.organisation or "") for r in p.roles]
                              for p in document.people if p.kind == "person"}
    return Extraction(predictions, skipped, roles)


def role_failures(gold: Sequence[Record], roles: dict[str, dict[str, list[tuple[str, str]]]]) -> list[Record]:
    """Each expected role (an article's "roles") the named person did not get, or a title they must
    not have and got."""
    out = []
    for article in gold:
        people = roles.get(article["id"], {})
        for want in article.get("roles", []):
            name = next((n for n in people if scoring.names_match(n, want["name"])), None)
            got = people.get(name, []) if name else []
            shown = "; ".join(f"{t} ({o})" if o else t for t, o in got) or "no role"
            title, org = scoring.name_tokens(want["title"]), scoring.name_tokens(want["organisation"])
            ok = any(title <= scoring.name_tokens(t) and org <= scoring.name_tokens(o) for t, o in got)
            wrong = [t for t, _ in got for bad in want["not"] if scoring.name_tokens(bad) <= scoring.name_tokens(t)]
            if not ok or wrong:
                expected = want["title"] + (f" ({want['organisation']})" if want["organisation"] else "")
                if want["not"]:
                    expected += f", not {', '.join(want['not'])}"
                out.append({"class": article.get("construction") or construction(article["id"]),
                            "article": article["id"], "kind": "wrong_role",
                            "sentence": f"role of {want['name']}", "expected": expected,
                            "got": f"{name or 'no such person'}: {shown}"})
    return out



def traps_fired(article: Record, predictions: Sequence[Record]) -> list[tuple[list[int], Record]]:
    """(trap span, prediction) for every trap a prediction overlaps."""
    fired = []
    for trap in article.get("traps", []):
        for p in predictions:
            if scoring.span(p, "quote") and scoring.overlap(tuple(trap), scoring.span(p, "quote")) > 0:
                fired.append((trap, p))
                break
    return fired


def per_class(gold: Sequence[Record], predictions: Sequence[Record]) -> dict[str, Record]:
    """score.py's figures for each construction class (and "all"), plus trap counts."""
    by_class: dict[str, list[Record]] = defaultdict(list)
    for article in gold:
        by_class[article.get("construction") or construction(article["id"])].append(article)
    preds = {p["id"]: p.get("quotes") or [] for p in predictions}
    rows = {}
    for name, articles in [*sorted(by_class.items()), ("all", list(gold))]:
        result = scoring.score(articles, evaluate.for_articles(predictions, articles))
        figures = result["threshold_0.3"]["all"]
        traps = sum(len(a.get("traps", [])) for a in articles)
        fired = sum(len(traps_fired(a, preds.get(a["id"], []))) for a in articles)
        kinds_ok = kinds_n = 0
        for am in scoring.match_all(articles, predictions, 0.3):
            for m in am.matches:
                if m.pred is not None and m.gold.get("source_kind"):
                    kinds_n += 1
                    kinds_ok += m.pred.get("source_kind") == m.gold["source_kind"]
        rows[name] = {"articles": len(articles), "quotes": figures["gold"], "recall": figures["recall"],
                      "precision": figures["precision"], "speaker": figures["speaker_match"],
                      "resolved": figures["resolved_speaker"], "e2e": figures["end_to_end_attribution"],
                      "recall_0.8": result["threshold_0.8"]["all"]["recall"],
                      "source_kind": scoring.ratio(kinds_ok, kinds_n),
                      "fp": figures["fp"], "traps": traps, "traps_fired": fired}
    return rows


def skipped_line(gold: Sequence[Record], skipped: dict[str, str]) -> str:
    """How many of the non-English articles (class c09-foreign, no gold quotes) were skipped, and which
    others were skipped too."""
    foreign = [a["id"] for a in gold if a["id"].startswith("c09-foreign") and not a["quotes"]]
    other = sorted(set(skipped) - set(foreign))
    line = f"not English, skipped: {sum(1 for i in foreign if i in skipped)} of {len(foreign)} foreign articles"
    return line + (f"; English articles skipped too: {', '.join(other)}" if other else "")


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else ("-" if value is None else str(value))


def table(rows: dict[str, Record]) -> str:
    cols = ("articles", "quotes", "recall", "precision", "speaker", "resolved", "e2e", "recall_0.8",
            "source_kind", "fp", "traps", "traps_fired")
    heads = ("art", "quotes", "R", "P", "spk", "resolv", "e2e", "R@0.8", "srckind", "FP", "traps", "fired")
    lines = [f"{'class':16}" + "".join(f"{h:>8}" for h in heads)]
    for name, row in rows.items():
        lines.append(f"{name:16}" + "".join(f"{_fmt(row[c]):>8}" for c in cols))
    return "\n".join(lines)


def markdown_table(rows: dict[str, Record]) -> str:
    cols = ("articles", "quotes", "recall", "precision", "speaker", "resolved", "e2e", "traps", "traps_fired")
    lines = ["| class | articles | quotes | R@0.3 | P | speaker | resolved | e2e | traps | fired |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(_fmt(row[c]) for c in cols) + " |")
    return "\n".join(lines)


def _sentence(text: str, start: int, end: int, width: int = 160) -> str:
    """The paragraph around text[start:end] on one line, cut to about `width` characters either side."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    left, right = max(left, start - width), min(right, end + width)
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 and text[left - 1] != "\n" else "") + snippet + (
        "…" if right < len(text) and text[right] != "\n" else "")


def failures(gold: Sequence[Record], predictions: Sequence[Record]) -> list[Record]:
    """Every miss, wrong speaker, wrong reference, false positive and fired trap, with its class."""
    out = []
    preds = {p["id"]: p.get("quotes") or [] for p in predictions}
    for am in scoring.match_all(gold, predictions, 0.3):
        article = am.article
        text, cls = article["text"], article.get("construction") or construction(article["id"])
        got_near = preds.get(article["id"], [])
        for error in evaluate.errors([am]):
            item = {"class": cls, "article": article["id"], "kind": error.kind,
                    "sentence": _sentence(text, error.start, error.end)}
            if error.kind == "false_positive":
                trap = any(scoring.overlap(tuple(t), (error.start, error.end)) for t in article.get("traps", []))
                item["kind"] = "trap_fired" if trap else "false_positive"
                item["expected"] = "no quote"
                item["got"] = f"{error.quote!r} by {error.predicted_speaker!r} ({error.predicted_reference!r})"
            else:
                item["expected"] = f"{error.quote!r} by {error.gold_speaker!r} ({error.gold_reference!r})"
                if error.kind == "missed":
                    overlapping = [p for p in got_near if scoring.overlap(
                        (error.start, error.end), scoring.span(p, "quote")) > 0]
                    item["got"] = "; ".join(f"{text[p['quote_start']:p['quote_end']]!r} by {p.get('speaker')!r}"
                                            for p in overlapping) or "nothing"
                else:
                    item["got"] = f"speaker {error.predicted_speaker!r} ({error.predicted_reference!r})"
            out.append(item)
        for m in am.matches:
            want = m.gold.get("source_kind")
            if m.pred is not None and want and m.pred.get("source_kind") != want:
                out.append({"class": cls, "article": article["id"], "kind": "wrong_source_kind",
                            "sentence": _sentence(text, m.gold["quote_start"], m.gold["quote_end"]),
                            "expected": f"{want} for {m.gold.get('speaker')!r}",
                            "got": f"{m.pred.get('source_kind')} for {m.pred.get('speaker')!r}"})
        # A matched prediction that runs over a trap sentence is no false positive, but the trap fired.
        for trap, p in traps_fired(article, [m.pred for m in am.matches if m.pred is not None]):
            out.append({"class": cls, "article": article["id"], "kind": "trap_fired",
                        "sentence": _sentence(text, trap[0], trap[1]), "expected": "no quote over this sentence",
                        "got": f"{text[p['quote_start']:p['quote_end']]!r} by {p.get('speaker')!r}"})
    return out


def compare(gold: Sequence[Record], baseline: Sequence[Record], predictions: Sequence[Record]) -> str:
    """Per class, how recall, e2e and fired traps moved from `baseline` to `predictions`, and which
    failures are new and which are gone (by article, kind and expected quote)."""
    before, after = per_class(gold, baseline), per_class(gold, predictions)
    lines = [f"{'class':16}{'R before':>10}{'R now':>8}{'e2e before':>12}{'e2e now':>9}{'fired before':>14}{'now':>5}"]
    for name, row in after.items():
        old = before[name]
        lines.append(f"{name:16}{_fmt(old['recall']):>10}{_fmt(row['recall']):>8}{_fmt(old['e2e']):>12}"
                     f"{_fmt(row['e2e']):>9}{old['traps_fired']:>14}{row['traps_fired']:>5}")

    def key(item: Record) -> tuple[str, str, str]:
        return item["article"], item["kind"], item["expected"]

    old_items, new_items = failures(gold, baseline), failures(gold, predictions)
    old_keys, new_keys = {key(i) for i in old_items}, {key(i) for i in new_items}
    fixed = [i for i in old_items if key(i) not in new_keys]
    broken = [i for i in new_items if key(i) not in old_keys]
    lines += ["", f"fixed since the baseline: {len(fixed)}"]
    lines += [f"  [{i['class']}] {i['kind']} ({i['article']}): {i['expected']}" for i in fixed]
    lines += [f"new failures: {len(broken)}"]
    lines += [f"  [{i['class']}] {i['kind']} ({i['article']}): expected {i['expected']}; got {i['got']}"
              for i in broken]
    return "\n".join(lines)


def format_failures(items: Sequence[Record]) -> str:
    lines = []
    for item in items:
        lines.append(f"[{item['class']}] {item['kind']} ({item['article']})\n"
                     f"    sentence: {item['sentence']}\n    expected: {item['expected']}\n    got:      {item['got']}")
    return "\n".join(lines)


# --- command line ---------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=("score", "build"), default="score")
    parser.add_argument("--suite", type=Path, default=SUITE,
                        help=f"gold file (default: the suite; the hold-out part is {HOLDOUT.name}, "
                             f"the blind parts {FRESH.name}, {FRESH2.name}, {FRESH3.name} and {FRESH4.name})")
    parser.add_argument("--source", type=Path, default=SOURCE, help="marked-up source (build)")
    parser.add_argument("--class", dest="classes", action="append", default=[],
                        help="only classes whose name starts with this (repeatable)")
    parser.add_argument("--numbers", nargs="+", default=[],
                        help="only articles whose id ends with one of these numbers (a part of a suite kept unread)")
    parser.add_argument("--failures", action="store_true", help="list every miss, wrong speaker and fired trap")
    parser.add_argument("--failures-file", type=Path, help="write the failure list to this file too")
    parser.add_argument("--predictions", type=Path, help="score saved predictions instead of extracting")
    parser.add_argument("--save-predictions", type=Path, help="keep the predictions (score.py's format)")
    parser.add_argument("--format", choices=("table", "markdown", "json"), default="table")
    parser.add_argument("--model", help="spaCy pipeline (default: quotegraph's)")
    parser.add_argument("--baseline", type=Path,
                        help="saved predictions to compare with: per-class change, fixed and new failures")
    args = parser.parse_args(argv)
    if args.command == "build":
        pairs = [(args.source, args.suite)] if args.source != SOURCE or args.suite != SUITE else \
            [(SOURCE, SUITE), (HOLDOUT.with_suffix(".txt"), HOLDOUT), (FRESH.with_suffix(".txt"), FRESH),
             (FRESH2.with_suffix(".txt"), FRESH2), (FRESH3.with_suffix(".txt"), FRESH3),
             (FRESH4.with_suffix(".txt"), FRESH4)]
        for source, suite in pairs:
            articles = build(source.read_text(encoding="utf-8"))
            write_suite(articles, suite)
            print(f"{len(articles)} articles, {sum(len(a['quotes']) for a in articles)} quotes, "
                  f"{sum(len(a['traps']) for a in articles)} traps -> {suite}")
        return 0
    gold = evaluate.read_gold(args.suite)
    if args.classes:
        gold = [a for a in gold if any(a["id"].startswith(c) for c in args.classes)]
    if args.numbers:
        gold = [a for a in gold if a["id"].rsplit("-", 1)[-1] in args.numbers]
    extraction = None
    if args.predictions:
        predictions = evaluate.for_articles(evaluate.read_predictions(args.predictions), gold)
    else:
        extraction = extract(gold, model=args.model)
        predictions = extraction.predictions
    if args.save_predictions:
        evaluate.write_predictions(args.save_predictions, predictions)
    rows = per_class(gold, predictions)
    if args.format == "json":
        print(json.dumps(rows, indent=1))
    else:
        print(markdown_table(rows) if args.format == "markdown" else table(rows))
        if extraction is not None:
            print(skipped_line(gold, extraction.skipped))
            expected = sum(len(a.get("roles", [])) for a in gold)
            wrong = role_failures(gold, extraction.roles)
            print(f"roles: {expected - len(wrong)} of {expected} as expected")
    items = failures(gold, predictions) + (role_failures(gold, extraction.roles) if extraction else [])
    if args.failures:
        print()
        print(format_failures(items))
    if args.baseline:
        print()
        print(compare(gold, evaluate.for_articles(evaluate.read_predictions(args.baseline), gold), predictions))
    if args.failures_file:
        args.failures_file.write_text(format_failures(items) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
