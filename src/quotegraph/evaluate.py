"""Evaluating extraction against annotated gold, for `quotegraph eval`.

Reads gold and prediction files, runs extraction on the gold texts, and scores with the protocol of
`shared/tools/score.py` (reimplemented in `quotegraph.scoring`, so figures agree with the script).
On top of those figures it gives what error analysis needs: a breakdown by the *predicted* kind
(direct / indirect / mixed), person-level scores (who was quoted in an article, as a set of names),
and the list of misses. See `docs/eval.md` for every figure.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quotegraph.errors import GoldFormatError
from quotegraph.scoring import (THRESHOLDS, UNKNOWN_REFERENCES, ArticleMatch, Record, f1, has_reference,
                                match_all, name_tokens, names_match, ratio, score)

PREDICTED_KINDS = ("direct", "indirect", "mixed")
SPLITS = ("all", "dev", "holdout")
# Share of gold articles (by a hash of their id) kept aside by `--split holdout`.
HOLDOUT_PERCENT = 25


# --- reading and writing ------------------------------------------------------------------------

def _read_jsonl(path: Path, what: str) -> list[Record]:
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise GoldFormatError(f"cannot read {what} file: {exc.strerror or exc}", source=str(path)) from exc
    records = []
    with fh:
        try:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldFormatError(f"not valid JSON ({exc.msg})", source=f"{path}:{number}") from exc
                if not isinstance(record, dict):
                    raise GoldFormatError("each line must be a JSON object", source=f"{path}:{number}")
                record["_line"] = number
                records.append(record)
        except UnicodeDecodeError as exc:
            raise GoldFormatError(f"{what} file is not UTF-8 text", source=str(path)) from exc
    return records


def _check_quotes(record: Record, where: str, *, need_text: bool) -> None:
    quotes = record.get("quotes", [])
    if not isinstance(quotes, list) or not all(isinstance(q, dict) for q in quotes):
        raise GoldFormatError('"quotes" must be a list of objects', source=where)
    for q in quotes:
        if need_text and not isinstance(q.get("quote"), str):
            raise GoldFormatError('every gold quote needs its "quote" text', source=where)
        for key in ("quote_start", "quote_end", "speaker_start", "speaker_end"):
            if q.get(key) is not None and (not isinstance(q[key], int) or isinstance(q[key], bool)):
                raise GoldFormatError(f'"{key}" must be an integer offset', source=where)


def read_gold(path: str | Path) -> list[Record]:
    """The gold articles of a JSONL file (the format of shared/data and shared/seeds).

    Each line is an object with "id", "text" and "quotes" (score.py's quote fields). Raises
    GoldFormatError naming the file and line when the file cannot be read or a line is malformed.
    """
    path = Path(path)
    gold = _read_jsonl(path, "gold")
    seen: set[str] = set()
    for record in gold:
        where = f"{path}:{record.pop('_line')}"
        if not isinstance(record.get("id"), str) or not record["id"]:
            raise GoldFormatError('every gold article needs a string "id"', source=where)
        if record["id"] in seen:
            raise GoldFormatError(f"duplicate article id {record['id']!r}", source=where)
        seen.add(record["id"])
        if not isinstance(record.get("text"), str):
            raise GoldFormatError('every gold article needs its "text"', source=where)
        record.setdefault("quotes", [])
        _check_quotes(record, where, need_text=True)
    if not gold:
        raise GoldFormatError("no gold articles in file", source=str(path))
    return gold


def read_predictions(path: str | Path) -> list[Record]:
    """Predictions as score.py reads them: one {"id", "quotes": [...]} object per article."""
    path = Path(path)
    predictions = _read_jsonl(path, "predictions")
    for record in predictions:
        where = f"{path}:{record.pop('_line')}"
        if not isinstance(record.get("id"), str):
            raise GoldFormatError('every prediction needs the string "id" of its gold article', source=where)
        _check_quotes(record, where, need_text=False)
    return predictions


def write_predictions(path: str | Path, predictions: Iterable[Record]) -> None:
    """Write predictions in the JSONL format that score.py and `read_predictions` read."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for record in predictions:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def in_holdout(article_id: str) -> bool:
    """Whether an article belongs to the hold-out part: a stable hash of its id, ~25% of articles."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 100 < HOLDOUT_PERCENT


def split_gold(gold: Sequence[Record], split: str) -> list[Record]:
    """The gold articles of `split`: "all", "dev" (~75%, to tune on) or "holdout" (~25%, to check on)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    if split == "all":
        return list(gold)
    return [a for a in gold if in_holdout(a["id"]) == (split == "holdout")]


def for_articles(predictions: Iterable[Record], gold: Sequence[Record]) -> list[Record]:
    """The predictions of the articles in `gold` only (for scoring saved predictions on a split)."""
    ids = {a["id"] for a in gold}
    return [p for p in predictions if p["id"] in ids]


def predict(gold: Iterable[Record], *, model: str | None = None, workers: int = 1,
            on_article: Callable[[], None] | None = None) -> list[Record]:
    """Run extraction on each gold article's text; predictions in score.py's format, in gold order.

    `on_article` is called after each article (for progress bars). Raises ModelNotFound when the
    spaCy pipeline cannot be loaded.
    """
    from quotegraph.pipeline import extract_many
    from quotegraph.records import Article

    articles = [Article(text=a["text"], id=a["id"]) for a in gold]
    predictions = []
    for document in extract_many(articles, model=model, workers=workers):
        predictions.append(document.to_prediction())
        if on_article:
            on_article()
    return predictions


def by_predicted_kind(matched: Sequence[ArticleMatch]) -> dict[str, Record]:
    """Per kind the extractor gave (direct / indirect / mixed): how many predictions, how many right.

    Precision here is matched / predicted of that kind; speaker and resolved-speaker accuracy are
    over the matched ones. Shows, e.g., whether mixed quotes are worth keeping.
    """
    counts = {k: Counter() for k in PREDICTED_KINDS}
    for am in matched:
        for m in am.matches:
            if m.pred is not None and m.pred.get("kind") in counts:
                c = counts[m.pred["kind"]]
                c["predicted"] += 1
                c["tp"] += 1
                c["spk"] += m.speaker_ok
                if has_reference(m.gold):
                    c["ref_elig"] += 1
                    c["ref_ok"] += m.reference_ok
        for p in am.false_positives:
            if p.get("kind") in counts:
                counts[p["kind"]]["predicted"] += 1
    return {k: {"predicted": c["predicted"], "tp": c["tp"], "fp": c["predicted"] - c["tp"],
                "precision": ratio(c["tp"], c["predicted"]), "speaker_match": ratio(c["spk"], c["tp"]),
                "resolved_speaker": ratio(c["ref_ok"], c["ref_elig"])}
            for k, c in counts.items()}

# --- person level --------------------------------------------------------------------------------

def gold_sources(article: Record) -> list[str]:
    """Who is quoted in a gold article: its "sources" list, else its gold quotes' references."""
    names = article.get("sources")
    if not isinstance(names, list):
        names = [q.get("reference") for q in article["quotes"]]
    clean = {n.strip() for n in names if isinstance(n, str)}
    return sorted(n for n in clean if n.lower() not in UNKNOWN_REFERENCES)


def predicted_sources(quotes: Iterable[Record]) -> list[str]:
    """The distinct people an article's predicted quotes resolve to.

    Quotes whose "source_kind" says organisation or unnamed source are left out, as gold sources
    are people; predictions without that key count as people.
    """
    clean = {(q.get("reference") or "").strip() for q in quotes if q.get("source_kind", "person") == "person"}
    return sorted(n for n in clean if n.lower() not in UNKNOWN_REFERENCES)


def match_names(gold: Sequence[str], predicted: Sequence[str]) -> list[tuple[str, str]]:
    """One-to-one pairs of gold and predicted names: equal word sets first, then names_match."""
    left, pairs = list(predicted), []
    unmatched = []
    for g in gold:
        same = next((p for p in left if name_tokens(p) == name_tokens(g) and name_tokens(g)), None)
        if same is None:
            unmatched.append(g)
        else:
            left.remove(same)
            pairs.append((g, same))
    for g in unmatched:
        similar = next((p for p in left if names_match(p, g)), None)
        if similar is not None:
            left.remove(similar)
            pairs.append((g, similar))
    return pairs


@dataclass(frozen=True)
class PersonScores:
    """Who was quoted, per article, as sets of names: micro-averaged precision, recall, F1."""

    gold: int
    predicted: int
    matched: int
    missed: tuple[tuple[str, str], ...] = ()  # (article id, gold name)
    extra: tuple[tuple[str, str], ...] = ()  # (article id, predicted name)

    @property
    def precision(self) -> float | None:
        return ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float | None:
        return ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def to_dict(self) -> Record:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def person_scores(gold: Sequence[Record], predictions: Sequence[Record]) -> PersonScores:
    """Per article, gold sources vs the predicted resolved speakers, summed over articles."""
    by_id = {p["id"]: p.get("quotes") or [] for p in predictions}
    n_gold = n_pred = n_matched = 0
    missed, extra = [], []
    for article in gold:
        g, p = gold_sources(article), predicted_sources(by_id.get(article["id"], []))
        pairs = match_names(g, p)
        n_gold, n_pred, n_matched = n_gold + len(g), n_pred + len(p), n_matched + len(pairs)
        missed += [(article["id"], n) for n in g if n not in {a for a, _ in pairs}]
        extra += [(article["id"], n) for n in p if n not in {b for _, b in pairs}]
    return PersonScores(n_gold, n_pred, n_matched, tuple(missed), tuple(extra))


# --- errors for analysis -------------------------------------------------------------------------

ERROR_KINDS = ("missed", "false_positive", "wrong_speaker", "wrong_reference")


@dataclass(frozen=True)
class EvalError:
    """One thing the extractor got wrong, with the text needed to see why."""

    kind: str  # one of ERROR_KINDS
    article: str
    start: int
    end: int
    quote: str
    gold_speaker: str = ""
    gold_reference: str = ""
    predicted_speaker: str = ""
    predicted_reference: str = ""
    coverage: float | None = None

    def to_dict(self) -> Record:
        return {"kind": self.kind, "article": self.article, "start": self.start, "end": self.end,
                "quote": self.quote, "gold_speaker": self.gold_speaker,
                "gold_reference": self.gold_reference, "predicted_speaker": self.predicted_speaker,
                "predicted_reference": self.predicted_reference, "coverage": self.coverage}


def errors(matched: Iterable[ArticleMatch]) -> Iterator[EvalError]:
    """Misses, false positives, and matched quotes with the wrong speaker span or resolved name."""
    for am in matched:
        aid = am.article["id"]
        for m in am.matches:
            g = m.gold
            common = {"article": aid, "start": g.get("quote_start") or 0, "end": g.get("quote_end") or 0,
                      "quote": g.get("quote", ""), "gold_speaker": g.get("speaker") or "",
                      "gold_reference": g.get("reference") or ""}
            if m.pred is None:
                yield EvalError("missed", **common)
                continue
            predicted = {"predicted_speaker": m.pred.get("speaker") or "",
                         "predicted_reference": m.pred.get("reference") or "", "coverage": round(m.coverage, 3)}
            if not m.speaker_ok:
                yield EvalError("wrong_speaker", **common, **predicted)
            if has_reference(g) and not m.reference_ok:
                yield EvalError("wrong_reference", **common, **predicted)
        for p in am.false_positives:
            yield EvalError("false_positive", aid, p["quote_start"], p["quote_end"], am.text_of(p),
                            predicted_speaker=p.get("speaker") or "",
                            predicted_reference=p.get("reference") or "")


# --- the whole evaluation ------------------------------------------------------------------------

@dataclass(frozen=True)
class Evaluation:
    """Everything `quotegraph eval` reports for one gold file and one set of predictions."""

    scores: Record  # score.py's result
    threshold: float  # the one the breakdown and the error list use
    predicted_kinds: dict[str, Record]
    people: PersonScores
    errors: tuple[EvalError, ...] = field(default=())

    def summary(self) -> Record:
        """The headline figures at 0.3 (and F1 at 0.8), as score.py's last line gives them."""
        low, high = self.scores["threshold_0.3"]["all"], self.scores["threshold_0.8"]["all"]
        return {"f1_0.3": low["f1"], "precision_0.3": low["precision"], "recall_0.3": low["recall"],
                "speaker_match": low["speaker_match"], "resolved_speaker": low["resolved_speaker"],
                "end_to_end_attribution": low["end_to_end_attribution"], "f1_0.8": high["f1"],
                "indirect_recall_0.3": self.scores["threshold_0.3"]["indirect"]["recall"],
                "person_f1": self.people.f1}

    def to_dict(self) -> Record:
        return {**self.scores, "summary": self.summary(), "threshold": self.threshold,
                "by_predicted_kind": self.predicted_kinds, "people": self.people.to_dict(),
                "errors": [e.to_dict() for e in self.errors]}


def evaluate(gold: Sequence[Record], predictions: Sequence[Record], *, threshold: float = 0.3) -> Evaluation:
    """Score `predictions` against `gold`: score.py's figures at 0.3 and 0.8 (plus `threshold` if
    another), the breakdown by predicted kind and the error list at `threshold`, person-level scores."""
    thresholds = tuple(sorted({*THRESHOLDS, threshold}))
    matched = match_all(gold, predictions, threshold)
    return Evaluation(scores=score(gold, predictions, thresholds), threshold=threshold,
                      predicted_kinds=by_predicted_kind(matched), people=person_scores(gold, predictions),
                      errors=tuple(errors(matched)))
