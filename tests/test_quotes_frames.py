"""Cue frames, one construction class at a time, on sentences written for these tests.

Each class of the grammar of attribution has the sentences it must find (with the speaker it must
give) and trap sentences that must give nothing.
"""
from __future__ import annotations

import pytest

import quotegraph


def only_quote(text: str):
    doc = quotegraph.extract(text)
    assert len(doc.quotes) == 1, [q.text for q in doc.quotes]
    quote = doc.quotes[0]
    assert text[quote.start:quote.end] == quote.text
    return quote


@pytest.mark.parametrize("text, words, speaker", [
    # question frame: whether / if / wh-clauses
    ("The senator asked whether the vote would be delayed.", "whether the vote would be delayed", "senator"),
    ("Residents wondered why the council had waited so long.", "why the council had waited so long",
     "Residents"),
    ("The reporter asked the minister if the budget would be cut.", "if the budget would be cut", "reporter"),
    # infinitive frame, with or without an object
    ("Garcia urged councillors to reject the plan.", "to reject the plan", "Garcia"),
    ("The premier called on Ottawa to act quickly on housing.", "to act quickly on housing", "premier"),
    ("The mayor vowed to rebuild the bridge by spring.", "to rebuild the bridge by spring", "mayor"),
    # object + what the speaker calls it
    ("The auditor accused the board of ignoring the audit.", "the board of ignoring the audit", "auditor"),
    ("Clinton called the agreement \"a historic step forward\" for the climate.",
     "the agreement \"a historic step forward\"", "Clinton"),
    ("The lawyer described the evidence as thin and circumstantial.", "the evidence as thin", "lawyer"),
    # "for" phrase and noun object
    ("Jones called for an independent inquiry into the shooting.", "an independent inquiry into the shooting",
     "Jones"),
    ("The coach announced his retirement after the final game.", "his retirement", "coach"),
])
def test_a_frame_reports_its_content(text, words, speaker):
    quote = only_quote(text)
    assert words in quote.text
    assert speaker in (quote.speaker or "")


def test_quoted_phrase_as_object_is_a_mixed_quote():
    quote = only_quote('The candidate accused his rival of "stealing the election."')
    assert quote.kind == "mixed" and "stealing the election" in quote.text
    assert quote.speaker == "The candidate"


@pytest.mark.parametrize("text", [
    "He said goodbye.",
    "Under the said agreement, the firm pays a fee.",
    "She told a story about her father.",
    "Most economists expect the rate to rise next year.",
    "The mayor called her sister on Sunday.",
    "He announced it.",
    "The new show, called \"Brokers,\" opens in May.",
    "The minister said what she always says.",
])
def test_traps_give_nothing(text):
    assert quotegraph.extract(text).quotes == ()


def test_when_asked_names_no_speaker_and_gives_no_quote():
    doc = quotegraph.extract("When asked whether he would run again, the governor smiled.")
    assert doc.quotes == ()


def test_asked_by_someone_is_that_persons_question():
    quote = only_quote("Ms Diaz was asked by Tom Reyes whether the school would close.")
    assert quote.person == "Tom Reyes"


def test_a_cue_that_splits_a_report_keeps_its_short_first_part():
    doc = quotegraph.extract("Otherwise, she said, the province may simply run out of money next year.")
    texts = [q.text for q in doc.quotes]
    assert texts == ["Otherwise", "the province may simply run out of money next year"]
    assert doc.quotes[0].utterance == doc.quotes[1].utterance


def test_relative_clause_cue_reports_what_follows_it():
    quote = only_quote('Union members rejected a deal that their leaders said was "dead" anyway.')
    assert quote.text.startswith('was "dead"')
    assert quote.speaker == "their leaders"


def test_first_person_narrator_is_a_speaker():
    quote = only_quote("I told the judge that I would never do it again.")
    assert quote.speaker == "I" and quote.text == "that I would never do it again"
