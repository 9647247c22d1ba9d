"""Precision and recall of "about" (quotegraph.about) on a hand-annotated sample of the dev data.

    python benchmarks/about_eval.py                  # benchmarks/about_sample.jsonl against ../shared/data
    python benchmarks/about_eval.py --errors         # also list every miss and false alarm

The sample (benchmarks/about_sample.jsonl, described in docs/about.md) holds no news text: each line is
an article id of ../shared/data/ggt-dev.jsonl, a gold quote's offsets, and for each entity the quote is
about, the offsets of its mention inside the quote ("he", "the union", "Singh") and of the name it
stands for elsewhere in the article ("Jagmeet Singh"). The articles are extracted afresh; the entities
the system finds inside each gold quote's span are compared with the annotated ones, by name
(folded; one name's words inside the other's match: "Singh" ~ "Jagmeet Singh", "China" ~ "People's
Republic of China"). Mentions by name and mentions resolved (pronouns, descriptions) are also
scored apart.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from quotegraph import extract
from quotegraph.records import entity_key

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "benchmarks" / "about_sample.jsonl"
DATA = ROOT.parent / "shared" / "data" / "ggt-dev.jsonl"


def words(name: str) -> frozenset[str]:
    """Folded words of a name, possessive "s" dropped and plural "s" trimmed ("Canadians" ~ "Canadian")."""
    found = []
    for word in entity_key(name).split():
        if word == "s":
            continue
        found.append(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return frozenset(found)


def same(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no {args.data}: the sample points into it", file=sys.stderr)
        return 2
    texts = {}
    with args.data.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    sample = [json.loads(line) for line in args.sample.open(encoding="utf-8") if line.strip()]
    by_article: dict[str, list[dict]] = defaultdict(list)
    for item in sample:
        by_article[item["article_id"]].append(item)

    tp_gold = n_gold = tp_sys = n_sys = 0
    split = {"name": [0, 0], "resolved": [0, 0]}  # [found, annotated]
    errors = []
    for article_id, items in by_article.items():
        text = texts[article_id]
        document = extract(text)
        for item in items:
            start, end = item["quote_start"], item["quote_end"]
            gold = []
            for a in item["about"]:
                name = text[a["is_start"]:a["is_end"]]
                how = "name" if same(text[a["start"]:a["end"]], name) else "resolved"
                gold.append((name, how))
            found = {a.entity for a in document.about if start <= a.start and a.end <= end}
            names = {g for g, _ in gold}
            for name, how in {(g, h) for g, h in gold}:
                hit = any(same(name, s) for s in found)
                split[how][0] += hit
                split[how][1] += 1
            hits = [g for g in names if any(same(g, s) for s in found)]
            tp_gold += len(hits)
            n_gold += len(names)
            right = [s for s in found if any(same(g, s) for g in names)]
            tp_sys += len(right)
            n_sys += len(found)
            if args.errors:
                for g in sorted(names - set(hits)):
                    errors.append(f"miss  {article_id} [{start},{end}] {g}")
                for s in sorted(found - set(right)):
                    errors.append(f"false {article_id} [{start},{end}] {s}")
    precision = tp_sys / n_sys if n_sys else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"about on {len(sample)} hand-annotated quotes of {len(by_article)} articles ({args.data.name}):")
    print(f"  entities annotated {n_gold}, found {n_sys}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for how, (hit, total) in split.items():
        print(f"  recall of entities mentioned by {how:8s} {hit}/{total} = {hit / total if total else 0:.3f}")
    for line in errors:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
