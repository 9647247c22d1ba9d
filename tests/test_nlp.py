"""The parse layer's helpers, on real parses."""
from __future__ import annotations

from quotegraph.nlp import tokens_with


def test_tokens_with_picks_the_tokens_whose_attributes_all_match(nlp):
    doc = nlp("Officials said the ferry was late. Nurses and doctors warned of delays.")
    plural_subjects = [t.text for t in tokens_with(doc, DEP=("nsubj",), TAG=("NNS", "NNPS"))]
    assert plural_subjects == [t.text for t in doc if t.dep_ == "nsubj" and t.tag_ in ("NNS", "NNPS")]
    assert "Officials" in plural_subjects and "ferry" not in plural_subjects
    assert [t.i for t in tokens_with(doc, LOWER=("ferry", "delays"))] == [3, 12]
    assert tokens_with(nlp(""), POS=("VERB",)) == [] and tokens_with(doc) == []
