"""Cleaning keeps every offset, drops boilerplate lines and sets headlines and captions aside."""
from __future__ import annotations

import pytest

from quotegraph.clean import clean, normalise


def test_normalise_is_one_character_for_one():
    text = "NATO\u00a0chief “said” ‘no’ – well\u200b—\tfine\r\n"
    assert len(normalise(text)) == len(text)
    assert normalise("“a” ‘b’ x\u00a0y") == "\"a\" 'b' x y"


def test_cleaned_text_has_the_original_length_and_offsets(seed_texts):
    for text in seed_texts.values():
        cleaned = clean(text)
        assert len(cleaned.text) == len(text)
        for span in cleaned.boilerplate + cleaned.headlines:
            assert text[span.start:span.end] == span.text
            assert cleaned.text[span.start:span.end].strip() == "" or span in cleaned.headlines


def test_seed_boilerplate_is_exactly_the_gold_list(seeds_gold):
    for article in seeds_gold:
        cleaned = clean(article["text"])
        assert [b.text for b in cleaned.boilerplate] == article["boilerplate"]


def test_headline_is_kept_apart_but_not_dropped(seeds_gold):
    article = next(a for a in seeds_gold if a["title"])
    cleaned = clean(article["text"])
    assert [h.text for h in cleaned.headlines] == [article["title"]]
    assert article["title"] in cleaned.original and article["title"] in cleaned.body


def test_a_headline_ending_in_a_quotation_is_a_headline_and_a_quoted_sentence_is_body():
    text = ("Senator Calls Pipeline Deal 'A Betrayal'\n\n"
            "Senator Ellen Park said on Tuesday that the pipeline deal betrayed the north.\n\n"
            "\u201cWe were promised jobs and got nothing but debt,\u201d\n\nshe wrote on Friday, \u201cand we will not forget.\u201d\n")
    cleaned = clean(text)
    assert [h.text for h in cleaned.headlines] == ["Senator Calls Pipeline Deal 'A Betrayal'"]
    assert cleaned.boilerplate == ()


def test_body_paragraph_without_final_stop_is_kept():
    text = ("Officials met on Monday to discuss the budget for next year.\n\n"
            "What comes next\n\n"
            "The minister said the plan would be published in the spring.\n")
    cleaned = clean(text)
    assert not cleaned.boilerplate
    assert "What comes next" in cleaned.body


def test_navigation_and_teasers_are_dropped():
    text = ("Story continues below advertisement\n\n"
            "The mayor said the road would reopen on Friday after repairs.\n\n"
            "Sign up for our newsletter\n\n"
            "Read more: Ten things to do this weekend\n\n"
            "Best beaches of the year🏖️\n")
    dropped = [b.text for b in clean(text).boilerplate]
    assert dropped == ["Story continues below advertisement", "Sign up for our newsletter",
                       "Read more: Ten things to do this weekend", "Best beaches of the year🏖️"]


def test_photo_credit_marks_a_caption():
    text = ("Minister Jane Doe said the plan works. (Adrian Wyld/Canadian Press)\n\n"
            "Jane Doe said the plan would cost $4 million over two years.\n")
    cleaned = clean(text)
    assert [c.text for c in cleaned.captions] == ["Minister Jane Doe said the plan works. (Adrian Wyld/Canadian Press)"]
    assert not cleaned.boilerplate


@pytest.mark.parametrize("credit", ["( THE CANADIAN PRESS FILE PHOTO )", "(AP Photo)", "(CP photo)"])
def test_a_credit_ending_in_photo_marks_a_caption(credit):
    caption = f"Benjamin Layne looks at a display of photos at Windsor station in Montreal. {credit}"
    cleaned = clean(f"{caption}\n\nThe porters organised in 1954, Foster writes.\n")
    assert [c.text for c in cleaned.captions] == [caption]


def test_a_sentence_ending_in_a_slashed_name_is_no_photo_credit():
    text = ("Poll shows race tightening\n\nThe race has changed.\n\n"
            "Kent leads the field with 22%, according to a Harbour University/City Globe Poll released Sunday.\n")
    assert all("Kent" not in span.text for span in clean(text).not_body)
    credited = clean("Headline\n\nThe race has changed.\n\nThe premier speaks. Adrian Wyld/Canadian Press\n")
    assert any("Wyld" in span.text for span in credited.not_body)
