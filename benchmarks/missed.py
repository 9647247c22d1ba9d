"""What extraction still misses, by class, with counts: the table in docs/eval.md.

    python benchmarks/missed.py ../shared/data/polnear-dev.jsonl --split dev
    python benchmarks/missed.py ../shared/data/ggt-dev.jsonl --predictions pred.jsonl

Missed gold quotes (at coverage 0.3) are put in one class each, by what the gold annotation says of
them (its cue words): a short piece of a report split by its cue; a colon or dash frame; a cue verb
quotegraph knows, in a construction it did not read; a verb it does not take as a cue (the most
frequent listed). Wrong speakers are split by whether the gold or the prediction has a speaker.
Prints counts only, never article text.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter

from quotegraph import evaluate, lexicon
from quotegraph.scoring import match_all

_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write", "writes": "write",
              "according": "according", "saying": "say", "telling": "tell", "writing": "write"}
_KNOWN = lexicon.CUE_VERBS | lexicon.CUE_VERBS_AFTER_QUOTE | {"according"}


def _lemma(word: str) -> str:
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("d", "")):
        stem = word[:-len(suffix)] + replacement if word.endswith(suffix) else None
        for candidate in (stem, stem + "e" if stem else None):
            if candidate in _KNOWN:
                return candidate
    return word


def miss_class(gold_quote: dict) -> tuple[str, str | None]:
    """(class, verb) of one missed gold quote."""
    if len(gold_quote["quote"].split()) <= 2:
        return "short piece of a split report (1-2 words)", None
    words = re.findall(r"[A-Za-z]+", gold_quote.get("verb") or "")
    if not words:
        return "colon, dash or no cue", None
    lemmas = [_lemma(w) for w in words]
    known = next((lemma for lemma in lemmas if lemma in _KNOWN), None)
    if known:
        return "known cue verb, construction not read", known
    return "verb quotegraph does not take as a cue", " ".join(lemmas[-2:])


def speaker_class(gold_quote: dict, predicted: dict) -> str:
    if not gold_quote.get("speaker"):
        return "gold floating, prediction names a speaker"
    if not predicted.get("speaker"):
        return "gold speaker, prediction has none (floating or unresolved)"
    return "both name a speaker, different spans"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold")
    parser.add_argument("--split", choices=evaluate.SPLITS, default="all")
    parser.add_argument("--predictions", help="score these predictions instead of extracting")
    parser.add_argument("--top", type=int, default=15, help="verbs listed per class (default: 15)")
    args = parser.parse_args(argv)
    gold = evaluate.split_gold(evaluate.read_gold(args.gold), args.split)
    if args.predictions:
        predictions = evaluate.for_articles(evaluate.read_predictions(args.predictions), gold)
    else:
        predictions = evaluate.predict(gold)
    classes: Counter = Counter()
    verbs: dict[str, Counter] = {}
    speakers: Counter = Counter()
    total = 0
    for article in match_all(gold, predictions, 0.3):
        for match in article.matches:
            total += 1
            if match.pred is None:
                name, verb = miss_class(match.gold)
                classes[name] += 1
                if verb:
                    verbs.setdefault(name, Counter())[verb] += 1
            elif not match.speaker_ok:
                speakers[speaker_class(match.gold, match.pred)] += 1
    print(f"{args.gold} ({args.split}): {len(gold)} articles, {total} gold quotes, "
          f"{sum(classes.values())} missed at 0.3, {sum(speakers.values())} found with the wrong speaker")
    print("\nmissed, by class")
    for name, count in classes.most_common():
        print(f"  {count:6}  {name}")
        if name in verbs:
            print("          " + ", ".join(f"{v} {n}" for v, n in verbs[name].most_common(args.top)))
    print("\nwrong speaker, by class")
    for name, count in speakers.most_common():
        print(f"  {count:6}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
