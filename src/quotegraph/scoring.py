"""The scoring protocol of `shared/tools/score.py`, reimplemented: same matching, same figures.

GenderGapTracker style: per article and threshold, each gold quote in order takes the best
remaining prediction by |gold chars & predicted chars| / |gold chars|, if that coverage is above
the threshold. Matched gold quotes are true positives, unmatched gold quotes false negatives,
unmatched predictions false positives (micro-averaged over articles). Ratios are rounded to four
places and F1 is computed from the rounded P and R, as the script does, so both print the same
figures on the same predictions (tests/test_evaluate.py runs the script to check).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]

THRESHOLDS = (0.3, 0.8)
# A gold quote containing one of these is "direct", otherwise "indirect" (score.py's rule).
QUOTE_MARKS = '"“”„‟«»'
# Gold references that name nobody; such quotes do not count for resolved-speaker accuracy.
UNKNOWN_REFERENCES = frozenset({"", "unknown", "n/a", "na", "none", "?", "unk"})
GOLD_KINDS = ("direct", "indirect")


# --- matching --------------------------------------------------------------

def span(obj: Record, key: str) -> tuple[int, int] | None:
    """(start, end) of `key`_start/`key`_end when both are integers and the span is not empty."""
    start, end = obj.get(f"{key}_start"), obj.get(f"{key}_end")
    if isinstance(start, int) and isinstance(end, int) and start < end:
        return start, end
    return None


def overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    """Characters two spans share (0 when either is missing)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0])) if a and b else 0


def name_tokens(name: str | None) -> set[str]:
    """The words of a name, lower-cased, without accents or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return set(re.findall(r"\w+", plain))


def names_match(predicted: str | None, gold: str | None) -> bool:
    """Same person by name: one name's words are a subset of the other's ("Stoltenberg" ~ "Jens Stoltenberg")."""
    p, g = name_tokens(predicted), name_tokens(gold)
    return bool(p and g) and (p <= g or g <= p)


def gold_kind(text: str) -> str:
    """"direct" when the text holds a quotation mark, else "indirect" (score.py's rule)."""
    return "direct" if any(c in text for c in QUOTE_MARKS) else "indirect"


def has_reference(gold_quote: Record) -> bool:
    return (gold_quote.get("reference") or "").strip().lower() not in UNKNOWN_REFERENCES


def predicted_name(pred: Record) -> str:
    """The name a prediction attributes its quote to: the resolved reference, else the mention."""
    return pred.get("reference") or pred.get("speaker") or ""


@dataclass(frozen=True)
class Match:
    """One gold quote and the prediction it was matched with (None: a miss)."""

    gold: Record
    pred: Record | None
    coverage: float  # share of the gold quote's characters the prediction covers

    @property
    def kind(self) -> str:
        return gold_kind(self.gold.get("quote", ""))

    @property
    def speaker_ok(self) -> bool:
        """score.py's speaker match: spans overlap, or no gold speaker and none (or floating) predicted."""
        assert self.pred is not None
        gold_spk, pred_spk = span(self.gold, "speaker"), span(self.pred, "speaker")
        if gold_spk is None and (pred_spk is None or bool(self.pred.get("is_floating_quote"))):
            return True
        return overlap(gold_spk, pred_spk) > 0

    @property
    def speaker_ok_ggt(self) -> bool:
        """GenderGapTracker's rule: an empty gold speaker only matches a prediction flagged floating."""
        assert self.pred is not None
        if span(self.gold, "speaker") is None and bool(self.pred.get("is_floating_quote")):
            return True
        return overlap(span(self.gold, "speaker"), span(self.pred, "speaker")) > 0

    @property
    def reference_ok(self) -> bool:
        assert self.pred is not None
        return names_match(predicted_name(self.pred), self.gold.get("reference"))


@dataclass(frozen=True)
class ArticleMatch:
    """How one article's predictions met its gold quotes at one threshold."""

    article: Record
    matches: tuple[Match, ...]  # one per gold quote, in gold order
    false_positives: tuple[Record, ...]
    invalid_predictions: int  # predictions without a usable span, ignored

    def text_of(self, pred: Record) -> str:
        return self.article["text"][pred["quote_start"]:pred["quote_end"]]


def match_article(article: Record, predictions: Sequence[Record], threshold: float) -> ArticleMatch:
    """Greedy matching in gold order: each gold quote takes the best-covering remaining prediction."""
    valid = [p for p in predictions if span(p, "quote")]
    remaining = list(range(len(valid)))
    matches = []
    for g in article["quotes"]:
        gold_span = span(g, "quote")
        best, best_coverage = None, threshold
        for j in remaining if gold_span else []:
            coverage = overlap(gold_span, span(valid[j], "quote")) / (gold_span[1] - gold_span[0])
            if coverage > best_coverage:
                best, best_coverage = j, coverage
        if best is None:
            matches.append(Match(g, None, 0.0))
        else:
            remaining.remove(best)
            matches.append(Match(g, valid[best], best_coverage))
    return ArticleMatch(article, tuple(matches), tuple(valid[j] for j in remaining),
                        len(predictions) - len(valid))


def match_all(gold: Sequence[Record], predictions: Sequence[Record], threshold: float) -> list[ArticleMatch]:
    """`match_article` for every gold article; articles without predictions have none."""
    by_id = {p["id"]: p.get("quotes") or [] for p in predictions}
    return [match_article(a, by_id.get(a["id"], []), threshold) for a in gold]


# --- figures -------------------------------------------------------------------------------------

def ratio(num: int, den: int) -> float | None:
    """num/den rounded to 4 places (score.py's rounding), None when there is nothing to divide by."""
    return round(num / den, 4) if den else None


def f1(precision: float | None, recall: float | None) -> float:
    # From the rounded P and R, as score.py computes it, so both print the same figure.
    return round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0


def _kind_counts(matched: Sequence[ArticleMatch]) -> dict[str, Counter]:
    counts = {k: Counter() for k in GOLD_KINDS}
    for am in matched:
        for m in am.matches:
            c = counts[m.kind]
            c["gold"] += 1
            c["gold_ref"] += has_reference(m.gold)
            if m.pred is None:
                c["fn"] += 1
                continue
            c["tp"] += 1
            c["spk"] += m.speaker_ok
            c["spkggt"] += m.speaker_ok_ggt
            if has_reference(m.gold):
                c["ref_elig"] += 1
                c["ref_ok"] += m.reference_ok
        for p in am.false_positives:
            counts[gold_kind(am.text_of(p))]["fp"] += 1
    return counts


def _figures(c: Counter) -> Record:
    precision, recall = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["gold"])
    return {"gold": c["gold"], "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
            "precision": precision, "recall": recall, "f1": f1(precision, recall),
            "speaker_match": ratio(c["spk"], c["tp"]), "speaker_match_ggt": ratio(c["spkggt"], c["tp"]),
            "resolved_speaker": ratio(c["ref_ok"], c["ref_elig"]),
            "resolved_correct": c["ref_ok"], "resolved_eligible": c["ref_elig"],
            "gold_with_reference": c["gold_ref"],
            "end_to_end_attribution": ratio(c["ref_ok"], c["gold_ref"])}


def score(gold: Sequence[Record], predictions: Sequence[Record],
          thresholds: Sequence[float] = THRESHOLDS) -> Record:
    """score.py's result: counts, and per threshold the figures for all / direct / indirect quotes.

    Keys: articles, gold_quotes, pred_quotes, invalid_pred_quotes, articles_without_predictions,
    unknown_pred_ids, and "threshold_T" -> {"all"|"direct"|"indirect" -> precision, recall, f1,
    speaker_match, speaker_match_ggt, resolved_speaker, end_to_end_attribution, counts}.
    """
    gold_ids = {a["id"] for a in gold}
    by_id = {p["id"]: p.get("quotes") or [] for p in predictions}
    scored = [q for a in gold for q in by_id.get(a["id"], [])]
    valid = sum(1 for q in scored if span(q, "quote"))
    result: Record = {"articles": len(gold), "unknown_pred_ids": len(by_id.keys() - gold_ids),
                      "articles_without_predictions": len(gold_ids - by_id.keys()),
                      "gold_quotes": sum(len(a["quotes"]) for a in gold),
                      "pred_quotes": valid, "invalid_pred_quotes": len(scored) - valid}
    for t in thresholds:
        matched = match_all(gold, predictions, t)
        counts = _kind_counts(matched)
        result[f"threshold_{t}"] = {"all": _figures(counts["direct"] + counts["indirect"]),
                                    **{k: _figures(counts[k]) for k in GOLD_KINDS}}
    return result
