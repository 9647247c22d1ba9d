"""Quote detection on small hand-written articles: one behaviour per test."""
from __future__ import annotations

import pytest

import quotegraph


def quotes_of(text: str):
    doc = quotegraph.extract(text)
    for q in doc.quotes:
        assert text[q.start:q.end] == q.text
    return doc.quotes


def test_quote_split_by_its_cue_is_two_parts_of_one_utterance():
    text = "“We will stay,” NATO Secretary General Jens Stoltenberg said, “and we will help the Afghan people.”"
    first, second = quotes_of(text)
    assert first.text == "“We will stay,”" and second.text.startswith("“and we will help")
    assert first.person == second.person == "Jens Stoltenberg"
    assert first.utterance == second.utterance
    assert first.kind == second.kind == "direct"


def test_quote_over_several_paragraphs_keeps_its_speaker():
    text = ("Mayor Jane Smith spoke to reporters on Monday about the flood.\n\n"
            "“The river took more than we feared,” she said.\n\n"
            "“The first part of the repairs will take months.\n\n"
            "“And the second part will take even longer than that.”\n")
    quotes = quotes_of(text)
    assert len(quotes) == 3
    assert all(q.person == "Jane Smith" for q in quotes)
    assert quotes[1].floating and quotes[2].floating
    assert quotes[1].text.endswith("months.")  # an unclosed paragraph ends its part


def test_indirect_quote_keeps_that_and_drops_the_full_stop():
    (quote,) = quotes_of("Finance Minister Jane Doe said that the plan would cost more than expected.")
    assert quote.kind == "indirect"
    assert quote.text == "that the plan would cost more than expected"
    assert quote.cue == "said" and quote.person == "Jane Doe"


def test_report_before_a_trailing_cue():
    (quote,) = quotes_of("The number of flooded homes climbed to 140 by Tuesday, officials said.")
    assert quote.text == "The number of flooded homes climbed to 140 by Tuesday"
    assert quote.person == "officials" and quote.source_kind == "unnamed"


def test_according_to_names_the_owner_of_a_statement():
    (quote,) = quotes_of("The union will represent all workers at both locations, according to the union's "
                         "statement on Friday.")
    assert quote.text.startswith("The union will represent all workers")
    assert quote.speaker == "the union"


def test_mixed_quote_is_the_reported_clause_with_its_quoted_words():
    text = "He also warned the Taliban risk \"international isolation\" if they reinstate the old rules."
    (quote,) = quotes_of(text)
    assert quote.kind == "mixed"
    assert quote.text == 'the Taliban risk "international isolation" if they reinstate the old rules'


def test_titles_are_not_quotes():
    text = ("The plan was a \"disaster\" on Monday.\n\n"
            "“The Kid Who Would Be King” opens in cinemas this week.\n")
    assert quotes_of(text) == ()


def test_headline_with_a_cue_is_a_quote_of_its_own():
    text = ("Minister Says New Plan 'Will Work' For Everyone\n\n"
            "Health Minister Jane Doe said on Monday that the plan would be ready in the spring.\n")
    headline, body = quotes_of(text)
    assert headline.text == "New Plan 'Will Work' For Everyone"
    assert body.text.startswith("that the plan")


def test_negated_and_question_cues_report_nothing():
    text = ("The company declined to say how many jobs would go. Asked what he would do next, Smith "
            "would not say whether he would run again.")
    assert quotes_of(text) == ()


def test_a_stray_quote_mark_does_not_swallow_the_article():
    text = ("The \"new deal for the city was announced on Monday.\n\n"
            "Councillors met for three hours.\n\n"
            "“It is a good day for everyone here,” Mayor John Tory said.\n")
    quotes = quotes_of(text)
    assert [q.text for q in quotes if q.person == "John Tory"] == ["“It is a good day for everyone here,”"]


@pytest.mark.parametrize("text", ["", "   \n\n", "No quotes here at all.", "\"", "“”", "said said said"])
def test_degenerate_texts_give_no_quotes(text):
    assert quotegraph.extract(text).quotes == ()


def test_quotation_closed_in_a_paragraph_that_does_not_reopen_it():
    text = ("Helen Marsh, a manager, sent the first email on Monday.\n\n"
            "\"Whether a claim is paid depends on the officer who reads the file\n\n"
            "and on the advice of the family doctor,\" wrote Victor Lang in his reply.\n")
    first, second = quotes_of(text)
    assert second.text.startswith("and on") and second.text.endswith('doctor,"')
    assert first.person == second.person == "Victor Lang"


def test_a_name_in_apposition_is_the_speaker_not_the_description():
    text = ("Nora Quill bakes bread in her garage.\n\n"
            "“No shop will stock fewer than fifty loaves a day,” says Quill’s brother, Owen Bright.\n")
    quote, = quotes_of(text)
    assert (quote.speaker, quote.person) == ("Owen Bright", "Owen Bright")


def test_a_cue_inside_a_sentence_reports_both_sides_of_it():
    text = ("Amira Haddad moved to Winnipeg in 2017.\n\n"
            "Paying for the language test is very hard for many newcomers, she said, especially those "
            "who arrived without savings.\n\n"
            "“I am glad to be chosen,” Chen said, before singing a song she loved.\n")
    before, after, direct = quotes_of(text)
    assert before.text == "Paying for the language test is very hard for many newcomers"
    assert after.text == "especially those who arrived without savings"
    assert before.person == after.person == "Amira Haddad" and before.utterance == after.utterance
    assert direct.kind == "direct"  # and no report after `"…," Wang said,`


def test_a_name_after_a_title_with_of_is_the_speaker():
    text = ("Keeper of the Royal Archive, Ahmad Faisal Rahman, said the council met on Monday and chose "
            "a date to name the new chancellor.\n")
    quote, = quotes_of(text)
    assert (quote.speaker, quote.person) == ("Ahmad Faisal Rahman", "Ahmad Faisal Rahman")
