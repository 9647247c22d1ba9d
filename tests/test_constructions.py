"""The construction suite (benchmarks/data/constructions.jsonl): well-formed gold, and traps that stay quiet.

The suite is built from its marked-up source by benchmarks/constructions.py; these tests check the
built file is current and exact (offsets, spans, classes), that score.py reads it, and, on one real
extraction of every article, that no trap sentence gives a quote, that non-English articles are
skipped, and that people get the roles written next to them. What the engine still gets wrong is
marked xfail with its cause, for the attribution work to flip once fixed (see docs/constructions.md).
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SCORER
from quotegraph import evaluate

_SPEC = importlib.util.spec_from_file_location("constructions", ROOT / "benchmarks" / "constructions.py")
assert _SPEC and _SPEC.loader
constructions = importlib.util.module_from_spec(_SPEC)
sys.modules["constructions"] = constructions  # its dataclass looks its module up there
_SPEC.loader.exec_module(constructions)

SUITE: Path = constructions.SUITE
CLASSES = ("c01-preposed", "c02-content", "c03-relative", "c04-groups", "c05-punctuation", "c06-paragraphs",
           "c07-roles", "c08-cues", "c09-foreign", "c09-unbalanced", "c10-ukstyle", "c11-coordination",
           "c12-notsaid", "c13-headlines", "c14-participial", "c15-lightverb", "c16-speechnoun")
# Articles where a trap sentence gives a quote at the time of writing: what fires, by cause.
KNOWN_TRAPS = {
    "c12-notsaid-01": "'is expected to say that ...' is read as a report",
    "c12-notsaid-04": "future 'will announce ...' is read as a report",
    "c12-notsaid-08": "conditional 'would have to tell X to ...' is read as a report",
}


@pytest.fixture(scope="module")
def suite() -> list[dict]:
    return evaluate.read_gold(SUITE)


HOLDOUT = SUITE.with_name("constructions-holdout.jsonl")
FRESH = constructions.FRESH
FRESH2 = constructions.FRESH2
FRESH3 = constructions.FRESH3
FRESH4 = constructions.FRESH4


@pytest.mark.parametrize("path", [SUITE, HOLDOUT, FRESH, FRESH2, FRESH3, FRESH4],
                         ids=["suite", "holdout", "fresh", "fresh2", "fresh3", "fresh4"])
def test_the_suite_file_is_built_from_its_current_source(path):
    source = path.with_suffix(".txt")
    assert constructions.build(source.read_text(encoding="utf-8")) == evaluate.read_gold(path)


def test_the_holdout_part_has_the_same_classes_and_other_articles(suite):
    holdout = evaluate.read_gold(HOLDOUT)
    assert {a["construction"] for a in holdout} == set(CLASSES)
    assert not {a["id"] for a in holdout} & {a["id"] for a in suite}
    assert not {a["text"] for a in holdout} & {a["text"] for a in suite}
    _check_spans(holdout)


@pytest.mark.parametrize("path", [FRESH, FRESH2, FRESH3, FRESH4], ids=["fresh", "fresh2", "fresh3", "fresh4"])
def test_the_blind_part_has_every_class_with_traps_and_other_articles(suite, path):
    fresh = evaluate.read_gold(path)
    others = suite + evaluate.read_gold(HOLDOUT)
    others += [a for other in (FRESH, FRESH2, FRESH3, FRESH4) if other != path for a in evaluate.read_gold(other)]
    assert {a["construction"] for a in fresh} == set(CLASSES)
    assert all(a["traps"] for a in fresh)
    assert not {a["id"] for a in fresh} & {a["id"] for a in others}
    assert not {a["text"] for a in fresh} & {a["text"] for a in others}
    _check_spans(fresh)
    # Foreign-language articles give nothing, as in the suite.
    assert all(not a["quotes"] for a in fresh
               if a["construction"] == "c09-foreign" and a["style"] not in ("us", "uk", "ca", "wire"))


def test_every_span_is_exact_and_in_range(suite):
    _check_spans(suite)


def _check_spans(articles: list[dict]) -> None:
    for article in articles:
        text = article["text"]
        for q in article["quotes"]:
            assert 0 <= q["quote_start"] < q["quote_end"] <= len(text), article["id"]
            assert text[q["quote_start"]:q["quote_end"]] == q["quote"]
            assert q["quote"] == q["quote"].strip() and q["quote"].strip(".,;: ")
            if q["is_floating_quote"]:
                assert q["speaker_start"] is None and q["speaker"] == ""
            else:
                assert 0 <= q["speaker_start"] < q["speaker_end"] <= len(text)
                assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker"]
                assert not constructions.scoring.overlap((q["speaker_start"], q["speaker_end"]),
                                                         (q["quote_start"], q["quote_end"]))
            assert q["kind"] in ("direct", "mixed", "indirect")
            assert q["source_kind"] in constructions.SOURCE_KINDS
            # A named person is resolved to a full name, a group or unnamed source to none.
            if q["source_kind"] in ("group", "unnamed"):
                assert q["reference"] == ""
            if q["source_kind"] == "person":
                assert len(q["reference"].split()) >= 2
        for start, end in article["traps"]:
            assert 0 <= start < end <= len(text)
            assert all(not constructions.scoring.overlap((start, end), (q["quote_start"], q["quote_end"]))
                       for q in article["quotes"])


def test_every_class_is_present_with_its_traps(suite):
    by_class: dict[str, list[dict]] = {}
    for article in suite:
        assert article["construction"] == constructions.construction(article["id"])
        by_class.setdefault(article["construction"], []).append(article)
        assert article["traps"], f"{article['id']} has no trap sentence"
    assert set(by_class) == set(CLASSES)
    for name, articles in by_class.items():
        assert len(articles) >= (5 if name.startswith("c09") else 8), name
    # Foreign-language articles give nothing; the one English article of the class quotes French.
    assert all(not a["quotes"] for a in by_class["c09-foreign"] if a["style"] not in ("us", "uk", "ca", "wire"))


def test_the_builder_rejects_a_quote_of_an_undeclared_speaker():
    with pytest.raises(constructions.SourceError, match="undeclared"):
        constructions.build("## c01-preposed-99 | style=us\n{{a|Ruiz}} said [[a|it was late]].\n")
    with pytest.raises(constructions.SourceError, match="unbalanced"):
        constructions.build("## c01-preposed-99 | style=us\n@ a = Dana Ruiz | person\n{{a|Ruiz}]] said.\n")


def test_score_py_reads_the_suite_and_scores_the_gold_against_itself_as_perfect(tmp_path):
    if not SCORER.exists():
        pytest.skip("../shared/tools/score.py not present")
    out = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SCORER), str(SUITE), str(SUITE), "--json", str(out)],
                   check=True, capture_output=True)
    result = json.loads(out.read_text(encoding="utf-8"))
    figures = result["threshold_0.8"]["all"]
    assert figures["f1"] == 1.0 and figures["speaker_match"] == 1.0 and figures["resolved_speaker"] == 1.0
    assert result["gold_quotes"] == sum(len(a["quotes"]) for a in evaluate.read_gold(SUITE))


@pytest.fixture(scope="module")
def extracted(suite):
    return constructions.extract(suite)


@pytest.fixture(scope="module")
def predictions(extracted) -> dict[str, list[dict]]:
    return {p["id"]: p["quotes"] for p in extracted.predictions}


def _trap_articles() -> list:
    params = []
    for article in evaluate.read_gold(SUITE):
        marks = []
        if article["id"] in KNOWN_TRAPS:
            marks.append(pytest.mark.xfail(reason=KNOWN_TRAPS[article["id"]], strict=False))
        params.append(pytest.param(article["id"], marks=marks, id=article["id"]))
    return params


@pytest.mark.slow
@pytest.mark.parametrize("article_id", _trap_articles())
def test_no_trap_sentence_gives_a_quote(article_id, suite, predictions):
    article = next(a for a in suite if a["id"] == article_id)
    fired = constructions.traps_fired(article, predictions[article_id])
    assert not fired, [article["text"][p["quote_start"]:p["quote_end"]] for _, p in fired]


@pytest.mark.slow
def test_the_per_class_table_agrees_with_the_whole_file_scores(suite, predictions):
    preds = [{"id": k, "quotes": v} for k, v in predictions.items()]
    rows = constructions.per_class(suite, preds)
    whole = evaluate.evaluate(suite, preds).summary()
    assert rows["all"]["recall"] == whole["recall_0.3"]
    assert rows["all"]["precision"] == whole["precision_0.3"]
    assert rows["all"]["e2e"] == whole["end_to_end_attribution"]
    assert sum(rows[c]["quotes"] for c in CLASSES) == rows["all"]["quotes"]
    # A floor under the figure at the time of writing (0.88 recall at 0.3), so a change that loses
    # constructions shows; raise it as the classes are fixed.
    assert rows["all"]["recall"] >= 0.85


# Non-English articles the language check does not recognise today (none at the time of writing).
KNOWN_NOT_SKIPPED: dict[str, str] = {}


def _foreign_articles() -> list:
    return [pytest.param(a["id"], marks=[pytest.mark.xfail(reason=KNOWN_NOT_SKIPPED[a["id"]], strict=False)]
                         if a["id"] in KNOWN_NOT_SKIPPED else [], id=a["id"])
            for a in evaluate.read_gold(SUITE) if a["id"].startswith("c09-foreign")]


@pytest.mark.slow
@pytest.mark.parametrize("article_id", _foreign_articles())
def test_an_article_not_in_english_is_skipped_and_one_in_english_is_not(article_id, suite, extracted):
    article = next(a for a in suite if a["id"] == article_id)
    skipped = extracted.skipped
    if article["quotes"]:  # English news quoting another language
        assert article_id not in skipped
    else:
        assert skipped.get(article_id, "").startswith("not English")


@pytest.mark.slow
def test_no_english_article_outside_the_foreign_class_is_skipped(suite, extracted):
    assert all(article_id.startswith("c09-foreign") for article_id in extracted.skipped)


def test_compare_lists_what_a_change_fixed_and_broke(suite):
    some = [a for a in suite if a["construction"] == "c01-preposed"][:3]
    perfect = [{"id": a["id"], "quotes": a["quotes"]} for a in some]
    nothing = [{"id": a["id"], "quotes": []} for a in some]
    gold_quotes = sum(len(a["quotes"]) for a in some)
    report = constructions.compare(some, nothing, perfect)
    assert f"fixed since the baseline: {gold_quotes}" in report and "new failures: 0" in report
    report = constructions.compare(some, perfect, nothing)
    assert "fixed since the baseline: 0" in report and f"new failures: {gold_quotes}" in report


def test_a_role_line_is_read_and_checked_against_the_people_found():
    [article] = constructions.build("## c07-roles-99 | style=us\n@ a = Maria Lopez | person\n"
                                    "% Maria Lopez = president | union ! Governor\n"
                                    "{{a|Maria Lopez}} said [[a|it was late]]. ((He said goodbye.))\n")
    assert article["roles"] == [{"name": "Maria Lopez", "title": "president", "organisation": "union",
                                 "not": ["Governor"]}]
    right = {article["id"]: {"Maria Lopez": [("president", "union")]}}
    assert constructions.role_failures([article], right) == []
    wrong = {article["id"]: {"Maria Lopez": [("president", "union"), ("Governor", "")]}}
    [failure] = constructions.role_failures([article], wrong)
    assert failure["kind"] == "wrong_role" and "not Governor" in failure["expected"]
    assert constructions.role_failures([article], {article["id"]: {}})[0]["got"] == "no such person: no role"


# Articles where a person does not get the role written next to them, at the time of writing.
KNOWN_ROLES = {
    "c04-groups-04": "'Amara Diallo, the pollster who ran the survey' is taken for an organisation",
    "c07-roles-05": "'developer Mark Devlin': no role from a title noun before the name",
    "c07-roles-20": "'A spokeswoman for Mayor Dana Ruiz, Lina Park': Lina Park is not found as a person",
}


def _role_articles() -> list:
    return [pytest.param(a["id"], marks=[pytest.mark.xfail(reason=KNOWN_ROLES[a["id"]], strict=False)]
                         if a["id"] in KNOWN_ROLES else [], id=a["id"])
            for a in evaluate.read_gold(SUITE) if a.get("roles")]


@pytest.mark.slow
@pytest.mark.parametrize("article_id", _role_articles())
def test_each_person_gets_the_role_written_next_to_them(article_id, suite, extracted):
    article = next(a for a in suite if a["id"] == article_id)
    assert constructions.role_failures([article], extracted.roles) == []
