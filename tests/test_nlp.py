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


def test_a_blank_line_ends_a_sentence_whatever_the_parser_guesses(nlp):
    # A blank line ends a sentence: the body's "said" must not take the headline as its complement.
    doc = nlp("Fed's Hale says rate cuts are 'not close'\n\nWASHINGTON - Tom Hale said.")
    # (… and a wire dateline ends before the first sentence: the city is no subject of "said".)
    assert [s.text.strip() for s in doc.sents] == ["Fed's Hale says rate cuts are 'not close'", "WASHINGTON -",
                                                   "Tom Hale said."]
    assert doc[3].text == "says" and doc[3].dep_ == "ROOT"


def test_a_title_abbreviation_keeps_its_dot_and_ends_no_sentence(nlp):
    doc = nlp("Nobody was hurt, a police spokesman, Sgt. Tom Hale, said on Sunday. Const. Ana Ruiz agreed.")
    assert [t.text for t in doc][8:11] == ["Sgt.", "Tom", "Hale"]
    assert [s.text.split()[0] for s in doc.sents] == ["Nobody", "Const."]
