"""Cue frames, one construction class at a time, on sentences written for these tests.

Each class of the grammar of attribution has the sentences it must find (with the speaker it must
give) and trap sentences that must give nothing.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

import quotegraph
from quotegraph.quotes.reports import content_tokens
from quotegraph.quotes.speakers import nearest_subject, raised_subject


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
    ("Kirby told the radio host on Friday how surprised he was that rents led the race.",
     "how surprised he was that rents led the race", "Kirby"),
    ("The moderator asked the candidates about their plans for the harbour.",
     "about their plans for the harbour", "moderator"),
    # infinitive frame, with or without an object
    ("Garcia urged councillors to reject the plan.", "councillors to reject the plan", "Garcia"),
    # (who is called on is part of the report, as who is urged)
    ("The premier called on Ottawa to act quickly on housing.", "Ottawa to act quickly on housing", "premier"),
    ("The mayor called on the province to act.", "the province to act", "mayor"),
    ("The mayor vowed to rebuild the bridge by spring.", "to rebuild the bridge by spring", "mayor"),
    # object + what the speaker calls it
    ("The auditor accused the board of ignoring the audit.", "the board of ignoring the audit", "auditor"),
    ("Ana Ruiz told the Gazette in an interview that she would run again.", "that she would run again", "Ana Ruiz"),
    ("On Sunday, Ana Ruiz revealed for the first time that during the vote, the mayor had phoned her.",
     "that during the vote, the mayor had phoned her", "Ana Ruiz"),
    ("Dave Lane posted on Facebook that his bakery would close.", "that his bakery would close", "Dave Lane"),
    ("The governor informed the legislature that he would veto the bill.", "that he would veto the bill", "governor"),
    ("The head teacher warned parents against sending children in with a fever.",
     "parents against sending children in with a fever", "head teacher"),
    ("Ruiz called the treaty \"a quiet triumph\" for the fishermen.",
     "the treaty \"a quiet triumph\"", "Ruiz"),
    ("The lawyer described the evidence as thin and circumstantial.", "the evidence as thin", "lawyer"),
    # "for" phrase and noun object
    ("Jones called for an independent inquiry into the shooting.", "an independent inquiry into the shooting",
     "Jones"),
    ("The coach announced his retirement after the final game.", "his retirement", "coach"),
    ("The governor tweeted her support for the striking nurses.", "her support for the striking nurses", "governor"),
    ("The minister acknowledged the limits of the new law.", "the limits of the new law", "minister"),
    ("The agency quoted a witness as saying he saw one man in the truck.",
     "a witness as saying he saw one man in the truck", "agency"),
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
    # a modal of possibility: what someone might say, nobody said
    "Critics might say the fee is too high.",
    "Lawmakers could argue that the levy breaks the treaty.",
    # a condition with its auxiliary first: what he would have said, he did not say
    "Had the umpire seen the replay, he would have said the run did not count.",
    # what one hopes or plans to say is not said yet
    "The biologists hope to repeat the count next spring.",
    "The coach plans to tell the board that the season was a success.",
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
    doc = quotegraph.extract("Failing that, she said, the province will run short of nurses by the fall.")
    texts = [q.text for q in doc.quotes]
    assert texts == ["Failing that", "the province will run short of nurses by the fall"]
    assert doc.quotes[0].utterance == doc.quotes[1].utterance


def test_relative_clause_cue_reports_what_follows_it():
    quote = only_quote('Union members rejected a deal that their leaders said was "dead" anyway.')
    assert quote.text.startswith('was "dead"')
    assert quote.speaker == "their leaders"


def test_first_person_narrator_is_a_speaker():
    quote = only_quote("I told the judge that I would never do it again.")
    assert quote.speaker == "I" and quote.text == "that I would never do it again"


def test_transcript_turns_are_quotes_of_their_labelled_speakers():
    text = ("Senator Dana Ruiz spoke to the host on Sunday.\n\n"
            "HOST: What will you do about the bridge?\n\n"
            "RUIZ: We will rebuild it before the winter comes.\n\n"
            "HOST: And the cost?\n\n"
            "RUIZ: The province will pay for all of it.\n")
    doc = quotegraph.extract(text)
    quotes = doc.quotes
    turns = [(q.text, q.person) for q in quotes]
    assert ("We will rebuild it before the winter comes", "Dana Ruiz") in turns
    # The host is a part, not a name: an unnamed source.
    assert {q.source_kind for q in quotes if q.speaker == "HOST"} == {"unnamed"}
    assert ("The province will pay for all of it", "Dana Ruiz") in turns
    assert len(quotes) == 4


def test_a_transcript_names_each_speaker_in_full_once_then_by_surname():
    text = ("The campaign will not debate again.\n\n"
            "KATE LINDQVIST: Why not debate in the spring?\n\n"
            "OMAR HADDAD: Our rival runs a negative campaign. We will wait.\n\n"
            "LINDQVIST: You were open to more debates in January.\n\n"
            "HADDAD: We will talk about debates later.\n")
    people = [q.person for q in quotegraph.extract(text).quotes if q.kind == "direct"]
    assert people == ["Kate Lindqvist", "Omar Haddad", "Kate Lindqvist", "Omar Haddad"]


def test_a_transcript_quoted_whole_gives_each_turn_to_its_label():
    text = ("Senator Dana Ruiz spoke to the host on Sunday. The exchange went like this:\n\n"
            "\u201cHOST: What will you do about the bridge?\n\n"
            "\u201cRUIZ: We will rebuild it before the winter comes.\n\n"
            "\u201cHOST: And the cost?\n\n"
            "\u201cRUIZ: The province will pay for all of it.\u201d\n\nThe bridge closed in May.\n")
    turns = [(q.text, q.person) for q in quotegraph.extract(text).quotes]
    assert turns[1] == ("We will rebuild it before the winter comes", "Dana Ruiz")
    assert turns[3] == ("The province will pay for all of it", "Dana Ruiz")
    assert len(turns) == 4


def test_a_tally_under_names_is_no_speech():
    text = ("Delegates won so far:\n\nDana Ruiz: 1,769.\n\nOmar Haddad: 1,501.\n\n"
            "Ruiz needs 60 more to win.\n")
    assert quotegraph.extract(text).quotes == ()


def test_a_single_section_heading_in_capitals_is_no_speaker():
    text = ("Markets rose on Thursday.\n\nENERGY: Crude oil slipped to 52 dollars a barrel in New York.\n\n"
            "BONDS: The yield on the ten-year note rose.\n")
    assert quotegraph.extract(text).quotes == ()


def test_headline_label_and_headline_cue_are_quotes():
    doc = quotegraph.extract("Ruiz: Bridge Will Not Reopen This Year\n\n"
                             "Senator Dana Ruiz said on Monday that the bridge is unsafe.\n")
    first = doc.quotes[0]
    assert first.text == "Bridge Will Not Reopen This Year" and first.person == "Dana Ruiz"
    doc = quotegraph.extract("Mayor Says Bridge 'Will Not Reopen' Before Spring\n\n"
                             "Mayor Dana Ruiz said on Monday that the bridge is unsafe.\n")
    assert doc.quotes[0].text == "Bridge 'Will Not Reopen' Before Spring"


@pytest.mark.parametrize("text", [
    "WATCH BELOW: Ten goals from the final\n\nWATCH BELOW: The parade downtown\n",
    "Weekly markets\n\nFERRY FARES: Tickets cost more from April.\n",
    "The Latest: Storm closes two highways.\n\nCrews worked through the night.\n",
])
def test_labels_that_name_no_speaker_give_nothing(text):
    assert quotegraph.extract(text).quotes == ()


@pytest.mark.parametrize("text, parts, speaker", [
    ("As the mayor told reporters on Monday, the bridge will stay closed.",
     ["the bridge will stay closed"], "the mayor"),
    ("The bridge will stay closed until spring, as the mayor said on Monday.",
     ["The bridge will stay closed until spring"], "the mayor"),
    ("Within the next year, as the ministry reported, the clinic will double its staff.",
     ["Within the next year", "the clinic will double its staff"], "the ministry"),
    ("By next spring, according to the treasury, the debt will double.",
     ["By next spring", "the debt will double"], "the treasury"),
    ("According to the union, the strike will last a week.", ["the strike will last a week"], "the union"),
    ("The plant will close in June, according to a statement from the company.",
     ["The plant will close in June"], None),
])
def test_preposed_and_inserted_reporting_clauses(text, parts, speaker):
    quotes = quotegraph.extract(text).quotes
    assert [q.text for q in quotes] == parts
    if speaker:
        assert all(q.speaker == speaker for q in quotes)


@pytest.mark.parametrize("text", [
    "As Ruiz deplored the delays, Kay took a moment to greet the crowd.",
    "As he called for calm, the crowd began to leave the square.",
])
def test_an_as_clause_with_its_own_object_is_no_reporting_clause(text):
    assert all("Kay took" not in q.text and "the crowd began" not in q.text
               for q in quotegraph.extract(text).quotes)


def test_dash_byline_names_the_speaker():
    text = ("The virus is spreading fast in the north.\n\n"
            "\"We have never seen a season like this one.\" — Dr Omar Haddad, a virologist at the clinic\n")
    quote = only_quote(text)
    assert quote.person == "Omar Haddad" and quote.text.startswith('"We have never')
    # A pull quote signed on its own next line, before a paragraph with another speaker.
    pulled = quotegraph.extract("The storm is the worst to hit the coast in decades.\n\n"
                                "\"We have never seen wind like this, not in twenty years of work.\"\n"
                                "\u2014Capt. Lea Moss, harbour police spokeswoman\n\n"
                                "The port authority said most ferries would stay docked until Friday.")
    assert [q.person for q in pulled.quotes] == ["Lea Moss", "port authority"]


def test_reporting_clause_with_its_own_words_before_the_quotation():
    doc = quotegraph.extract('"We are not done," Ruiz told the council on Wednesday, "and we will not stop now."')
    assert [q.speaker for q in doc.quotes] == ["Ruiz", "Ruiz"]


FRENCH = ("Le ministre a déclaré lundi que le pont restera fermé jusqu'au printemps. « Nous ne pouvons pas "
          "prendre de risques avec la sécurité des gens », a-t-il dit aux journalistes. Les habitants du "
          "quartier sont inquiets et ils demandent une solution rapide pour la circulation, mais la mairie "
          "n'a pas encore donné de date pour les travaux. Selon elle, le coût des réparations est élevé.")


def test_an_article_not_in_english_gives_no_quotes_and_says_why():
    doc = quotegraph.extract(FRENCH)
    assert doc.quotes == () and doc.people == ()
    assert doc.skipped == "not English (looks like fr)"
    assert quotegraph.extract("The minister said on Monday that the bridge will stay closed. " * 8).skipped is None


@pytest.mark.parametrize("text, skipped", [
    ("La mairesse de Rimouski a dit mardi que la piscine restera fermée. « C'est trop risqué », a-t-elle ajouté.",
     "not English (looks like fr)"),
    ("Der Landrat sagte am Dienstag, die Straße bleibe gesperrt. Die Pendler sind verärgert.",
     "not English (looks like de)"),
    # French's commonest function words: "de", "à", elided "l'" and "d'"
    ("Le préfet de Vannes a déclaré jeudi que « l'usine restera à l'arrêt jusqu'à l'automne ». Les ouvriers "
     "s'inquiètent : « Nous perdons nos emplois », affirme Paul Riou, délégué.", "not English (looks like fr)"),
    ("The mayor in Rome said a bridge near the Piazza de la Paz will stay closed for a week.", None),
    ("Jean-Marie Le Pen et Marine Le Pen à Paris: the dynasty of the far right in France", None),
])
def test_a_short_text_is_skipped_only_when_another_language_plainly_dominates(text, skipped):
    assert quotegraph.extract(text).skipped == skipped


def test_cli_reports_a_skipped_article_in_one_line(tmp_path, capsys):
    from quotegraph.cli import main

    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"skipped: {path}: not English (looks like fr)" in err and "1 articles skipped" in err


@pytest.mark.parametrize("text", [
    'The mayor said "the bridge is closed and will stay closed.',
    'He said the plan was "fine. The council disagreed and voted against it on Monday.',
])
def test_an_unbalanced_quote_mark_never_ends_a_quote(text):
    for quote in quotegraph.extract(text).quotes:
        assert not quote.text.endswith('"') or quote.text.count('"') >= 2


def test_a_quotes_first_word_is_never_its_speaker():
    quote = only_quote('"Nothing to see here," said Laura White.')
    assert quote.person == "Laura White"


def test_a_description_resolves_to_the_person_it_describes():
    doc = quotegraph.extract('"Nothing to see here," Laura White said. The 39-year-old said she would appeal.')
    assert [q.person for q in doc.quotes] == ["Laura White", "Laura White"]
    assert doc.quotes[1].speaker == "The 39-year-old"


def test_a_role_belongs_to_the_name_written_next_to_it():
    doc = quotegraph.extract('Mayor Tom Reyes opened the meeting on Monday. "We will not give up on this fight," '
                             "the union's president, Maria Lopez, said.")
    assert doc.quotes[0].person == "Maria Lopez"
    roles = {p.name: [(r.title, r.organisation) for r in p.roles] for p in doc.people}
    assert roles["Maria Lopez"] == [("president", "union")]
    assert roles["Tom Reyes"] == [("Mayor", None)]


def test_plural_role_nouns_are_groups_not_a_persons_role():
    doc = quotegraph.extract("Officials said the trial would be extended. Researchers Ann Bell and Joe Kim "
                             "said the drug worked.")
    assert all(not p.roles for p in doc.people)
    assert doc.quotes[0].source_kind == "unnamed"


def test_an_unclosed_quotation_ends_before_its_inserted_cue():
    text = ('Mayor Jane Smith spoke on Monday.\n\n"We will rebuild the bridge and the road, she said.\n\n'
            "The council voted later that day on the budget.")
    quote = only_quote(text)
    assert quote.text == '"We will rebuild the bridge and the road,' and quote.person == "Jane Smith"


def test_a_second_quote_after_she_said_keeps_her_as_speaker():
    doc = quotegraph.extract('Mayor Jane Smith spoke on Monday.\n\n"We will rebuild the bridge," she said. '
                             '"It will take two years."\n\nThe council voted later.')
    assert [q.person for q in doc.quotes] == ["Jane Smith", "Jane Smith"]
    assert "The council" not in doc.quotes[1].text


def test_short_and_nested_quotes_after_she_said_keep_her_as_speaker():
    doc = quotegraph.extract('The ferry sank near the pier.\n\n"Nobody came," said Rosa Quint, a deckhand on the night '
                             'shift. "My captain told me, \'Leave the rope, it is lost.\'"\n\n'
                             '"We waited," she said. "Hours, then nothing."\n\nThe inquiry opens next week.')
    assert [q.text.split()[0] for q in doc.quotes] == ['"Nobody', '"My', '"We', '"Hours,']
    assert {q.person for q in doc.quotes} == {"Rosa Quint"}


@pytest.mark.parametrize("text, speaker", [
    ('The hearing ran late.\n\n"You met them in January, didn\'t you?" Councillor Brandt started.', "Councillor Brandt"),
    ('The hearing ran late.\n\n"Honestly, what a mess," Dana Ruiz snapped.', "Dana Ruiz"),
    ('The hearing ran late.\n\n"Stop it now," the clerk laughed loudly.', "the clerk"),
    ('The hearing ran late.\n\nRuiz fired back: "You should resign before the vote."', "Ruiz"),
    ('The hearing ran late.\n\nThe charter affirms: "No member may be expelled without a hearing."', "The charter"),
])
def test_any_verb_beside_a_quotation_tells_who_said_it(text, speaker):
    assert only_quote(text).speaker == speaker


@pytest.mark.parametrize("text", [
    'The film "Dune," which opened Friday, sold out.',
    'She read "Dune," then slept.',
])
def test_a_title_in_quote_marks_with_a_verb_after_it_is_no_quote(text):
    assert quotegraph.extract(text).quotes == ()


def test_a_short_quoted_phrase_under_a_persons_verb_is_a_mixed_quote():
    quote = only_quote('The senator criticized the tariff as "a tax on farmers" during the debate.')
    assert quote.kind == "mixed" and quote.speaker == "The senator" and '"a tax on farmers"' in quote.text


@pytest.mark.parametrize("text", ['She read "Dune Messiah" on the train.', 'The show "Night Vision" airs on Sunday.'])
def test_a_quoted_title_is_no_quote(text):
    assert quotegraph.extract(text).quotes == ()


def test_a_reporting_participle_after_a_report_is_its_own_quote_by_the_same_speaker():
    doc = quotegraph.extract("Premier Dana Ruiz has said the province will keep its pledge to build the dam, "
                             "insisting her cabinet will not spend another penny on it.")
    assert [q.text for q in doc.quotes] == ["the province will keep its pledge to build the dam",
                                            "her cabinet will not spend another penny on it"]
    assert {q.person for q in doc.quotes} == {"Dana Ruiz"}


def test_whom_tell_tells_is_no_part_of_the_report():
    quote = only_quote("Omar Haddad told investigators he had left the ferry before midnight.")
    assert quote.text == "he had left the ferry before midnight" and quote.person == "Omar Haddad"


@pytest.mark.parametrize("text, words", [
    ("Councillor Brandt said if elected mayor she would reopen the library.",
     "if elected mayor she would reopen the library"),
    ("Dana Ruiz said what the town needs is a new bridge.", "what the town needs is a new bridge"),
])
def test_a_question_word_of_a_clause_inside_the_report_is_a_statement(text, words):
    assert only_quote(text).text == words


def test_a_relative_of_a_named_person_is_someone_else():
    doc = quotegraph.extract('Xander Wise, 16, drew the comic in a week.\n\n"He works every night," said Wise\'s dad, '
                             'Darrin.\n\n"It is hard on him," his mother said.')
    assert [q.person for q in doc.quotes] == ["Darrin", "his mother"]


def test_what_a_reply_answered_is_not_what_the_replier_said():
    doc = quotegraph.extract("The memo shows the ministers rushing to reply to the disclosure that the "
                             "harbour board had sold the pier.")
    assert doc.quotes == ()


def test_an_inserted_cue_with_whom_it_told_splits_the_report():
    doc = quotegraph.extract("Every Friday, the former manager told the Chronicle, Dana Ruiz would chair a long meeting.")
    assert [q.text for q in doc.quotes] == ["Every Friday", "Dana Ruiz would chair a long meeting"]


@pytest.mark.parametrize("text, words, speaker", [
    ("As the harbour master put it, the pier will never be safe again.", "the pier will never be safe again",
     "the harbour master"),
    ("The plan is a gamble, as Dana Ruiz puts it.", "The plan is a gamble", "Dana Ruiz"),
    ('Omar Haddad put it plainly: "the port is dying."', '"the port is dying."', "Omar Haddad"),
])
def test_put_it_is_a_way_of_saying(text, words, speaker):
    quote = only_quote(text)
    assert (quote.text, quote.speaker) == (words, speaker)


@pytest.mark.parametrize("text", ["She put it on the table before the vote.", "She quoted Shakespeare at the dinner."])
def test_putting_a_thing_somewhere_or_quoting_a_poet_is_no_cue(text):
    assert quotegraph.extract(text).quotes == ()


def test_adding_after_a_quotation_reports_what_follows_it():
    doc = quotegraph.extract('Dana Ruiz said she kept thinking, "This cannot be happening," adding, '
                             '"I had no words for what I felt."')
    assert doc.quotes[-1].text == '"I had no words for what I felt."' and doc.quotes[-1].person == "Dana Ruiz"
    assert all("adding" not in q.text for q in doc.quotes)


def test_a_report_never_ends_on_the_conjunction_of_the_next_clause():
    doc = quotegraph.extract('Omar Haddad said the board "must let everyone leave" the port and said the ferry '
                             'is staying in the harbour.')
    assert [q.text for q in doc.quotes] == ['the board "must let everyone leave" the port',
                                            "the ferry is staying in the harbour"]


def test_asked_about_without_a_named_asker_gives_no_quote():
    assert quotegraph.extract("Asked about the merger, the chief executive smiled.").quotes == ()


def test_quoted_words_under_a_persons_verb_are_that_persons():
    quote = only_quote('Senator Ann Bell deplored a mood in which neighbours "barely speak to each other" these days.')
    assert quote.kind == "mixed" and quote.person == "Ann Bell"
    assert quote.text == 'a mood in which neighbours "barely speak to each other"'


@pytest.mark.parametrize("text", [
    'The new rules require a permit marked "approved" from every vendor.',
    'She received a letter marked "urgent" on Friday.',
])
def test_quoted_words_under_a_rule_or_a_thing_are_nobodys(text):
    assert quotegraph.extract(text).quotes == ()


@pytest.mark.parametrize("text, words, speaker", [
    ("About 6 in 10 say the ferry should run at night.", "the ferry should run at night",
     "About 6 in 10"),
    ("Okafor said in one of several posts that the ferry had left early.",
     "that the ferry had left early", "Okafor"),
])
def test_groups_and_adjunct_clauses(text, words, speaker):
    quote = only_quote(text)
    assert quote.text == words and quote.speaker == speaker


@pytest.mark.parametrize("text, words, kind", [
    ("About a third of respondents said they would vote again.", "they would vote again", "group"),
    ("The report found that wait times had doubled since 2019.", "that wait times had doubled since 2019",
     "document"),
    ("The ministry said in a statement that the clinic would reopen.", "that the clinic would reopen",
     "organisation"),
    ("One of the officials said the plan was dead.", "the plan was dead", "unnamed"),
])
def test_groups_documents_and_organisations_as_speakers(text, words, kind):
    quote = only_quote(text)
    assert quote.text == words and quote.source_kind == kind


@pytest.mark.parametrize("text", ["She found that the door was locked.", "Most economists expect the rate to rise."])
def test_findings_of_people_and_expectations_are_not_quotes(text):
    assert quotegraph.extract(text).quotes == ()


@pytest.mark.parametrize("text, words, speaker", [
    ("The senator's warning that the fund would run dry went unheeded.", "that the fund would run dry",
     "The senator"),
    ("Voters remembered his promise to build a new bridge.", "to build a new bridge", "his"),
])
def test_a_speech_noun_with_its_possessor_reports_its_clause(text, words, speaker):
    quote = only_quote(text)
    assert quote.text == words and quote.speaker == speaker


@pytest.mark.parametrize("text", ["The claim that the moon is cheese is old.", "His promise was broken."])
def test_a_speech_noun_without_possessor_or_clause_is_no_quote(text):
    assert quotegraph.extract(text).quotes == ()


@pytest.mark.parametrize("text", [
    "Should I tell her to leave the band?",
    "Asked what she would change, the coach shrugged.",
    "The rules are simple: the league proposes a schedule and the clubs reject it.",
])
def test_questions_about_saying_and_joined_clauses_give_nothing(text):
    assert quotegraph.extract(text).quotes == ()


def test_an_indefinite_pronoun_is_a_group_not_the_last_person_named():
    doc = quotegraph.extract("Rosa Diaz runs the shelter. Some said they were worried about the winter.")
    assert [(q.person, q.source_kind) for q in doc.quotes] == [("Some", "group")]


def test_a_parenthetical_relative_clause_reports_what_it_describes():
    quote = only_quote("The figures, which the ministry described as preliminary, showed a drop in exports.")
    assert quote.text == "The figures, which the ministry described as preliminary"
    assert quote.speaker == "the ministry" and quote.source_kind == "organisation"


def test_quoted_words_inside_a_report_belong_to_the_reporter():
    quote = only_quote('Actor Sandra Lee said the duo worked because they are '
                       '"the last two comics in town with a clean record."')
    assert quote.person == "Sandra Lee" and quote.kind == "mixed"


def test_a_documents_words_are_its_issuers():
    quote = only_quote("The union issued a statement saying the strike would continue.")
    assert quote.speaker == "The union" and quote.source_kind == "organisation"


def test_ingest_stores_an_article_not_in_english_and_reports_it_skipped(tmp_path, capsys):
    from quotegraph.cli import main

    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    assert main(["ingest", str(path), "--db", str(tmp_path / "news.db")]) == 0
    out, err = capsys.readouterr()
    assert f"skipped: {path}: not English (looks like fr)" in err
    assert "1 new, 1 stored without extraction" in out and "quotes: 0" in out


def test_the_rest_after_an_inserted_cue_may_hold_a_reporting_verb_without_subject():
    doc = quotegraph.extract("It would be wise, she argues, to help draft the budget for the new harbour.")
    assert [q.text for q in doc.quotes] == ["It would be wise", "to help draft the budget for the new harbour"]


def test_the_rest_after_an_inserted_cue_is_the_clause_the_cue_hangs_from():
    doc = quotegraph.extract("Back then, Ms. Lund said, she found the office chaotic.")
    assert [q.text for q in doc.quotes] == ["Back then", "she found the office chaotic"]
    assert {q.person for q in doc.quotes} == {"Lund"}


def test_a_quotation_inside_the_subjects_phrase_does_not_end_the_report():
    doc = quotegraph.extract('Ms. Carter, citing "the calm of the bond market," said the bank could cut rates in June.')
    assert "the bank could cut rates in June" in [q.text for q in doc.quotes]


@pytest.mark.parametrize("text, rest", [
    ("The parade will go ahead, Ruiz said, because the forecast is dry.", "because the forecast is dry"),
    ("The ferry will keep running, the operator said, since the tide tables allow it.",
     "since the tide tables allow it"),
    ("Fares will not rise, she said, unless the fuel price doubles.", "unless the fuel price doubles"),
])
def test_a_reason_after_an_inserted_cue_finishes_the_speakers_sentence(text, rest):
    assert [q.text for q in quotegraph.extract(text).quotes][-1] == rest


def test_a_concession_after_an_inserted_cue_is_the_writers():
    doc = quotegraph.extract("Some people spread rumours about the mill, the owner said, though she named nobody.")
    assert [q.text for q in doc.quotes] == ["Some people spread rumours about the mill"]


def test_a_cue_opening_the_sentence_with_a_comma_reports_the_clause_it_introduces():
    doc = quotegraph.extract("The rain stopped at noon. Mayor Ana Ruiz says, rain or shine, the parade will go ahead.")
    assert [(q.text, q.person) for q in doc.quotes] == [("rain or shine, the parade will go ahead", "Ana Ruiz")]


def test_all_told_sums_up_and_reports_nothing():
    assert quotegraph.extract("All told, the club raised four thousand dollars for the new roof.").quotes == ()


def test_a_coordinated_cue_shares_its_series_subject_not_a_participles_inside_it():
    doc = quotegraph.extract("Some councillors grumbled about Ruiz vowing to stay in office and said the town "
                             "deserved better.")
    said = next(q for q in doc.quotes if q.cue == "said")
    assert (said.text, said.speaker) == ("the town deserved better", "Some councillors")


def test_a_day_after_called_on_is_no_one_called_on():
    doc = quotegraph.extract("The mayor called on Monday to say the bridge would reopen.")
    assert all(not q.text.startswith("Monday") for q in doc.quotes)


def test_a_coordinated_cue_with_its_own_subject_keeps_it():
    doc = quotegraph.extract("The repair is urgent, she said, and engineers said it would take two years.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("The repair is urgent", "she"),
                                                          ("it would take two years", "engineers")]


def test_a_title_given_to_someone_else_does_not_describe_them():
    doc = quotegraph.extract("Mayor Tom Reed said the bridge will stay closed.\n\n"
                             "The senator asked whether the vote would be delayed.\n\n"
                             "The mayor added that repairs would take a year.")
    assert [q.person for q in doc.quotes] == ["Tom Reed", "senator", "Tom Reed"]


def test_a_cue_the_tagger_reads_as_a_plural_noun_still_reports():
    quote = only_quote("Trump claims the race is rigged.")
    assert (quote.text, quote.speaker) == ("the race is rigged", "Trump")
    assert quotegraph.extract("The insurance claims rose sharply last year.").quotes == ()


@pytest.mark.parametrize("text, words", [
    ("Sen. Ray Holt, chairman of the finance committee, said having a deficit on the agenda puts members at risk.",
     "having a deficit on the agenda puts members at risk"),
    ("The witness denied knowing the victim.", "knowing the victim"),
])
def test_a_report_that_opens_with_a_gerund(text, words):
    assert only_quote(text).text == words


def test_british_single_quotation_marks_are_quotations():
    doc = quotegraph.extract("'We will not be bullied by anyone,' said Mr Hughes, the club's chairman. "
                             "'This club belongs to its supporters.'\n\n"
                             "The players' union agreed. 'I never doubted we would win,' he added.")
    assert [(q.text, q.person) for q in doc.quotes] == [
        ("'We will not be bullied by anyone,'", "Hughes"),
        ("'This club belongs to its supporters.'", "Hughes"),
        ("'I never doubted we would win,'", "Hughes")]


def test_british_single_marks_with_the_comma_after_the_closing_mark_are_quotations():
    doc = quotegraph.extract("'We are not going anywhere', said Tom Pryce, 58, who has run the shop since 1994. "
                             "'The landlord can say what he likes.' The shop sits on a quiet parade.\n\n"
                             "'This is a scandal', Mr Pryce said, 'and somebody will answer for it'.")
    assert [(q.text, q.person) for q in doc.quotes] == [
        ("'We are not going anywhere'", "Tom Pryce"),
        ("'The landlord can say what he likes.'", "Tom Pryce"),
        ("'This is a scandal'", "Tom Pryce"),
        ("'and somebody will answer for it'", "Tom Pryce")]


def test_a_name_beside_a_title_is_the_speaker_though_the_tagger_reads_its_surname_as_a_plural():
    quote = only_quote('"We waited long enough," said the winning candidate, Mair Davies.')
    assert (quote.speaker, quote.person) == ("Mair Davies", "Mair Davies")


def test_apostrophes_in_an_article_with_double_quotation_marks_stay_apostrophes():
    doc = quotegraph.extract("\"It's the villagers' choice,\" said Ann Hale. The '90s are over, she said.")
    assert [q.text for q in doc.quotes] == ["\"It's the villagers' choice,\"", "The '90s are over"]


@pytest.mark.parametrize("headline, words, speaker", [
    ("Bridge will stay shut until spring: mayor", "Bridge will stay shut until spring", "mayor"),
    ("Schools must reopen after Easter, says Education Secretary", "Schools must reopen after Easter",
     "Education Secretary"),
    ("Rates to stay high for longer, central bank chief warns", "Rates to stay high for longer", "central bank chief"),
    ("'We are not giving up,' vows striking nurse", "'We are not giving up,'", "striking nurse"),
    ("Doctors Say Flu Season Could Be Worst in a Decade", "Flu Season Could Be Worst in a Decade", "Doctors"),
    ("At least 12 dead in coastal floods - officials", "At least 12 dead in coastal floods", "officials"),
    ("'We will rebuild,' mayor vows after flood", "'We will rebuild,'", "mayor"),
    ("Fares to rise in April, BC Ferries says in statement", "Fares to rise in April", "BC Ferries"),
])
def test_headline_with_a_trailing_or_plural_cue(headline, words, speaker):
    doc = quotegraph.extract(headline + "\n\nThe storm reached the coast on Monday night and kept going for hours.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [(words, speaker)]


@pytest.mark.parametrize("headline", ["Storm hits coast, thousands without power", "Live updates: storm hits coast",
                                      "Mortgage rates, explained: what the rise means"])
def test_headlines_without_a_source_give_nothing(headline):
    assert quotegraph.extract(headline + "\n\nThe storm reached the coast on Monday night and kept going.").quotes == ()


def test_a_headline_title_resolves_to_the_one_person_holding_it():
    doc = quotegraph.extract("'We will rebuild the bridge,' vows mayor\n\n"
                             "Mayor Tom Reed has been in office for six weeks since the flood.")
    assert doc.quotes[0].person == "Tom Reed"


@pytest.mark.parametrize("text, speaker", [
    ('"Get out of my office," growled the guard.', "the guard"),
    ('"We will never give up," thundered Senator Ray Cole.', "Senator Ray Cole"),
])
def test_any_verb_before_the_speaker_after_a_quotation_is_its_cue(text, speaker):
    assert only_quote(text).speaker == speaker


def test_a_cue_under_an_adjective_or_adverb_takes_the_clause_subject():
    doc = quotegraph.extract("The prosecutor was quick to point out that no charges had been filed.\n\n"
                             "Webb went as far as to say that the rules were unfair.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("that no charges had been filed", "The prosecutor"),
                                                          ("that the rules were unfair", "Webb")]


def test_a_closing_mark_with_nothing_open_is_stray():
    doc = quotegraph.extract('The minister, Helena Voss, said the talks were going well." Diplomats were less sure '
                             'after a long night. One official said the two sides had not agreed on an agenda.')
    assert [(q.text, q.person) for q in doc.quotes] == [
        ("the talks were going well", "Helena Voss"),
        ("the two sides had not agreed on an agenda", "One official")]


def test_a_quotation_that_lost_its_closing_mark_ends_before_its_cue_or_sentence():
    doc = quotegraph.extract('"We will appeal, said lawyer Tim Bauer. "The verdict ignores the evidence."')
    assert [(q.text, q.person) for q in doc.quotes] == [('"We will appeal', "Tim Bauer"),
                                                         ('"The verdict ignores the evidence."', "Tim Bauer")]
    doc = quotegraph.extract('Union leader Paulo Mendes called the offer "an insult to every worker. The strike entered '
                             'its third week on Monday. Talks resume on "neutral ground" in Lisbon.')
    assert all("The strike entered" not in q.text for q in doc.quotes)


def test_a_party_or_nation_description_resolves_to_the_person_just_named():
    doc = quotegraph.extract('Gov. Sam Reyes signed the water bill on Tuesday. '
                             '"This is a historic day for the valley," the Democrat said.')
    assert doc.quotes[0].person == "Sam Reyes"


def test_a_bare_title_resolves_to_its_one_holder_but_an_indefinite_one_does_not():
    doc = quotegraph.extract("The mayor, Jane Ruiz, and the police chief, Tom Hart, met reporters on Monday. "
                             "The chief said arrests had doubled. A spokesman said the figures were final.")
    assert [q.person for q in doc.quotes] == ["Tom Hart", "spokesman"]


def test_interview_answers_are_the_interviewees():
    doc = quotegraph.extract("Jane Doyle left the party last year. She spoke to us at her home in Leeds.\n\n"
                             "Q: Why did you leave the party?\n\nA: Because it left me first.\n\n"
                             "Q: Will you stand again?\n\nA: Not for Parliament, no.")
    assert [q.person for q in doc.quotes] == ["Q", "Jane Doyle", "Q", "Jane Doyle"]


def test_an_embedded_post_signed_with_a_handle_is_its_authors():
    doc = quotegraph.extract("Amy Cole won the primary on Tuesday night by a wide margin.\n\n"
                             "Great day in Springfield. Thank you to every volunteer! "
                             "— Amy Cole (@amycole_il) March 4, 2025\n\nHer rival conceded.")
    assert [(q.text, q.person) for q in doc.quotes] == [
        ("Great day in Springfield. Thank you to every volunteer!", "Amy Cole")]


def test_a_participle_reports_what_follows_it_never_the_clause_it_hangs_from():
    quote = only_quote("Mayor Guy Lapointe closed the meeting early, telling councillors that the lawyers needed time.")
    assert quote.text == "that the lawyers needed time"
    assert quote.person == "Guy Lapointe"


def test_a_title_case_headline_is_not_read_from_its_end():
    doc = quotegraph.extract("Ferry: 'No Money' From Province To Replace Old Boats, Minister Says\n\n"
                             "The minister said on Monday that the fleet would keep sailing for another decade.")
    assert [q.text for q in doc.quotes] == ["that the fleet would keep sailing for another decade"]


@pytest.mark.parametrize("text, words, speaker", [
    ('In the words of one senior official, the plan was "dead on arrival."', 'the plan was "dead on arrival."',
     "one senior official"),
    ("In Pryce's words, \"nobody in the town hall has ever read the plans.\"",
     '"nobody in the town hall has ever read the plans."', "Pryce"),
])
def test_in_the_words_of_is_a_source_phrase(text, words, speaker):
    quote = only_quote(text)
    assert (quote.text, quote.speaker) == (words, speaker)
    assert quotegraph.extract("In other words, the plan failed.").quotes == ()


def test_a_name_before_an_aside_is_the_speaker_when_the_parse_gives_none():
    doc = quotegraph.extract('Speaking after the verdict, an emotional Rachel Burns, whose son was killed in the '
                             'crash, said: "Today we got justice for Daniel." The driver will be sentenced next month.')
    assert doc.quotes[0].person == "Rachel Burns"


def test_a_headline_run_into_the_first_paragraph_lends_it_no_speaker():
    doc = quotegraph.extract("Bridge will stay shut until spring: mayor\n\n"
                             "The mayor of Hull, Dan Price, said on Monday that the footbridge was unsafe.")
    assert [(q.text, q.person) for q in doc.quotes][-1] == ("that the footbridge was unsafe", "Dan Price")


@pytest.mark.parametrize("text, words, speaker", [
    ("The levy, which the Treasury insists is temporary, will raise four billion a year.", "is temporary",
     "the Treasury"),
    ("The storm, which forecasters warned could bring gales, reached the coast on Friday.", "could bring gales",
     "forecasters"),
])
def test_a_relative_clause_report_however_short(text, words, speaker):
    quote = only_quote(text)
    assert (quote.text, quote.speaker) == (words, speaker)


def test_two_reporting_clauses_in_one_sentence_keep_their_own_reports():
    doc = quotegraph.extract("Council member Grace Kim said the plan was flawed and warned that it would cost more.\n\n"
                             "Ruth Adler, the district attorney, said the case was strong, while the defense lawyer, "
                             "Sam Pike, said the evidence was thin.\n\n"
                             "Elena Petrova said the pipeline would be finished by 2027, but Viktor Sokol, a former "
                             "deputy minister, disagreed, saying the money had already run out.")
    assert [(q.text, q.person) for q in doc.quotes] == [
        ("the plan was flawed", "Grace Kim"), ("that it would cost more", "Grace Kim"),
        ("the case was strong", "Ruth Adler"), ("the evidence was thin", "Sam Pike"),
        ("the pipeline would be finished by 2027", "Elena Petrova"), ("the money had already run out", "Viktor Sokol")]


def test_a_cue_before_a_colon_introduces_the_next_quotation_not_the_last():
    doc = quotegraph.extract('Asked whether she would run, Helene Ruiz said: "I will run." She added: "I intend to win."')
    assert [q.speaker for q in doc.quotes] == ["Helene Ruiz", "She"]


def test_a_name_inside_a_quotation_is_no_antecedent_of_the_narrations_pronouns():
    doc = quotegraph.extract('Rosa Lindgren, an economist at Nordbank, said growth would slow next year. '
                             '"Households are spending less, and Daniel Moss is not hiring," she said.')
    assert [q.person for q in doc.quotes] == ["Rosa Lindgren", "Rosa Lindgren"]


@pytest.mark.parametrize("text, words", [
    ("72 percent of Democrats said yes.", "yes"),
    ("Jeff Carter said he would.", "he would"),
    ("He said no to the war.", "no to the war"),
])
def test_short_whole_reports_answers_and_elliptical_clauses(text, words):
    assert only_quote(text).text == words


def test_an_aside_between_dashes_does_not_hide_the_paragraphs_subject():
    doc = quotegraph.extract("Tenants Weigh a Strike\n\nLena Ortiz, policy director of the Harbour Tenants Union, "
                             "or HTU - which a retired mayor set up in 1998 and which backs the strike - said "
                             "the union had several options.\n")
    assert [(q.text, q.person) for q in doc.quotes] == [("the union had several options", "Lena Ortiz")]


def test_a_transcript_label_with_an_honorific_is_the_person_named_in_full():
    doc = quotegraph.extract("The mayor, Dana Ruiz, spoke to the radio host on Monday about the bridge.\n\n"
                             "HOST: What will you do about the bridge?\n\nMS RUIZ: We will rebuild it by spring.\n\n"
                             "HOST: And the cost?\n\nMS RUIZ: The province will pay half.")
    assert [q.person for q in doc.quotes if q.speaker == "MS RUIZ"] == ["Dana Ruiz", "Dana Ruiz"]


@pytest.mark.parametrize("text, speaker", [
    ("The storm passed overnight.\n\nIs it over? \u201cI think so,\u201d Ms. Rivera said.", "Ms. Rivera"),
    ("The vote was close.\n\n\u201cNo,\u201d Sen. Tom Avery said.", "Sen. Tom Avery"),
    ("Nobody on the bus liked the plan - \u201cAll talk and no road,\u201d Mr. Dunn said - but they voted.",
     "Mr. Dunn"),
])
def test_a_short_quote_before_a_titled_speaker_is_theirs(text, speaker):
    quote = only_quote(text)
    assert quote.kind == "direct" and quote.speaker == speaker and len(quote.text.split()) <= 5


def test_a_short_quoted_title_before_a_cue_is_no_quote():
    doc = quotegraph.extract('Talks stalled.\n\nIn his new memoir, "Doomed to Drift," Ross wrote about the talks.')
    assert all("Doomed" not in q.text for q in doc.quotes)


@pytest.mark.parametrize("text, parts", [
    ("This campaign, he says, is different.", ["This campaign", "is different"]),
    ("The answer, the banker told them, was simple.", ["The answer", "was simple"]),
])
def test_a_cue_inside_a_short_report_gives_both_pieces(text, parts):
    assert [q.text for q in quotegraph.extract(text).quotes] == parts


def test_a_pronoun_told_before_a_medium_is_the_addressee():
    quote = only_quote("Carl Ames scolded his rival, telling her on the radio that she ought to quit.")
    assert quote.text == "that she ought to quit" and quote.speaker == "Carl Ames"


def test_a_clause_of_manner_is_no_report():
    assert quotegraph.extract("He told it like it was.").quotes == ()


def test_an_opening_mark_typed_for_a_closing_one_still_closes_the_quote():
    doc = quotegraph.extract("The editor shrugged.\n\n\u201cApparently not,\u201c he said. \u201cA fox keeps its habits.\u201d")
    assert [q.text for q in doc.quotes] == ["\u201cApparently not,\u201c", "\u201cA fox keeps its habits.\u201d"]


def test_a_description_inserted_without_a_comma_before_said_is_the_speaker():
    doc = quotegraph.extract("Ruiz, a senior aide said, is very confident in the plan.")
    assert [q.speaker for q in doc.quotes] == ["a senior aide", "a senior aide"]
    assert quotegraph.extract("Ruiz, a senior aide, said the plan is sound.").quotes[0].speaker == "Ruiz"


def test_a_party_label_and_a_leading_participle_do_not_hide_the_speaker():
    doc = quotegraph.extract("Speaking on Saturday at the state party convention Sen. Ann Lee (D-MA) said "
                             "the governor was a \u201cproven failure\u201d in office.")
    assert [q.speaker for q in doc.quotes] == ["Sen. Ann Lee"]


@pytest.mark.parametrize("text, words, speaker", [
    ("After saying her knee was sore, the runner left the race.", "her knee was sore", "the runner"),
    ("The mayor answered by saying that the budget is balanced.", "that the budget is balanced", "The mayor"),
])
def test_a_participle_after_a_preposition_has_the_clauses_subject(text, words, speaker):
    quote = only_quote(text)
    assert quote.text == words and quote.speaker == speaker


def test_for_saying_belongs_to_whom_it_is_held_against():
    doc = quotegraph.extract("The union thanked the mayor for saying that the pool would stay open.")
    assert all(q.speaker != "The union" for q in doc.quotes)


def test_quoted_as_saying_in_the_passive_is_the_subjects():
    quote = only_quote("He was quoted as saying by a regional paper that the police had received reports.")
    assert quote.speaker == "He" and "police had received reports" in quote.text


@pytest.mark.parametrize("text", [
    'Nora Bell, whose memoir "Harbour of the Lost" sold well, spoke first.',
    'The mayor wore a "Make the Harbour Great Again" cap to the rally.',
])
def test_a_title_with_small_words_is_no_quote(text):
    assert quotegraph.extract(text).quotes == ()


def test_a_call_for_someone_to_act_keeps_the_infinitive():
    quote = only_quote("Lee has often called for the former governor to release the transcripts of her speeches.")
    assert quote.text == "the former governor to release the transcripts of her speeches"


def test_a_series_of_verbs_shares_its_first_subject():
    doc = quotegraph.extract("At the rally, Kent summed up Ruiz as \u201cweak,\u201d attacked her record as mayor "
                             "and said she should not be allowed to run for office.")
    report = [q for q in doc.quotes if q.text == "she should not be allowed to run for office"]
    assert report and report[0].speaker == "Kent"


def test_a_verb_of_voice_right_before_a_quotation_is_its_cue():
    quote = only_quote("Kent tried to shrug it away by interjecting, \u201cOnly the weather.\u201d But Lee pressed on.")
    assert quote.kind == "direct" and quote.text == "\u201cOnly the weather.\u201d" and quote.speaker == "Kent"


def test_a_second_report_in_the_same_sentence_is_its_own_quote():
    doc = quotegraph.extract("Most said their choice was final, against roughly a third of the county's voters "
                             "who said they might still switch.")
    assert [q.text for q in doc.quotes][-1] == "they might still switch"
    assert all("might still switch" not in q.text for q in doc.quotes[:-1])


def test_a_cue_inside_the_report_stays_in_it():
    quote = only_quote("The mayor said officials told her the bridge was safe.")
    assert quote.text == "officials told her the bridge was safe" and quote.speaker == "The mayor"


def test_a_retort_with_back_and_a_comma_opens_its_quotation():
    quote = only_quote('Lee shot back, "The mayor called them out. They must have been crushed by that."')
    assert quote.kind == "direct" and quote.speaker == "Lee"


def test_reported_words_after_a_quotation_make_it_mixed():
    quote = only_quote("Mr. Lee said \u201cit makes me furious\u201d whenever he drives past the school that burned down.")
    assert quote.kind == "mixed" and quote.text.endswith("the school that burned down")


def test_an_opening_mark_typed_after_a_word_closes_the_quote():
    quote = only_quote("Sen. Ann Lee called the group \u201cabhorrent\u201c in a post on Sunday.")
    assert "\u201cabhorrent\u201c" in quote.text and quote.speaker == "Sen. Ann Lee"


@pytest.mark.parametrize("text, source", [
    ("As a TV boss on a game show, Kent repeatedly demeaned staff with crude language, according to show insiders.",
     "insiders"),
    ("Headline\n\nThe race changed.\n\nKent leads the field with 22%, according to a Harbour University/City Globe "
     "Poll released Sunday.", "Poll"),
])
def test_according_to_whatever_the_tagger_makes_of_it(text, source):
    quotes = quotegraph.extract(text).quotes
    assert len(quotes) == 1 and source in (quotes[0].speaker or "")


def test_saying_the_same_is_a_groups_answer():
    quote = only_quote("Half of voters like Lee, against 64 percent of farmers who say the same of Kent.")
    assert quote.text == "the same of Kent" and quote.source_kind == "group"


def test_a_verbless_phrase_before_an_inserted_cue_leaves_the_report_after_it():
    doc = quotegraph.extract("In the early 1990s, Ms. Ruiz said, when she was earning little, a boss invited her to lunch.")
    assert [q.text for q in doc.quotes] == ["In the early 1990s", "when she was earning little, a boss invited her to lunch"]
    # After a clause with its verb, only a reason goes on with the report (see the test of reasons above).
    assert [q.text for q in quotegraph.extract("The plan is dead, she said, when the council met.").quotes] \
        == ["The plan is dead"]


def test_a_coordinated_subject_of_an_inserted_cue_is_the_speaker():
    doc = quotegraph.extract("The source of the appeal of Mr. Kent, union members and leaders say, is his stand on trade.")
    assert [q.text for q in doc.quotes] == ["The source of the appeal of Mr. Kent", "is his stand on trade"]
    assert all(q.speaker == "union members and leaders" or q.speaker == "leaders" for q in doc.quotes)


def test_a_cue_inside_a_relative_clause_reports_only_that_clause():
    doc = quotegraph.extract("The old bridge, which, the mayor said, was built in 1931, will close for good in May.")
    assert [q.text for q in doc.quotes] == ["which", "was built in 1931"]


@pytest.mark.parametrize("text", ["Leo Park said the ferry would not sail on Sunday.",
                                  "Helena Voss told the council that the budget was short."])
def test_a_person_the_tagger_calls_an_organisation_is_a_person_speaker(text):
    assert only_quote(text).source_kind == "person"


def test_a_speaker_the_tagger_calls_a_body_is_a_person_when_the_text_says_so():
    doc = quotegraph.extract("The weather office issued a warning for snow. Snow fell overnight. Priti Anand, a "
                             "forecaster, said the worst would come on Saturday morning.")
    assert doc.quotes[-1].source_kind == "person"  # a person's title in apposition
    doc = quotegraph.extract("Westfield said its stores would close early on Sunday.")
    assert doc.quotes[0].source_kind == "organisation"


def test_a_titled_name_the_tagger_puts_in_no_entity_is_a_person():
    doc = quotegraph.extract("Mayor: 'No new taxes this year'\n\n"
                             "Mayor Ana Sousa said on Monday there would be no new taxes this year.")
    said = next(q for q in doc.quotes if q.cue == "said")
    assert (said.person, said.source_kind) == ("Ana Sousa", "person")


def test_a_title_case_headline_cue_with_a_bare_title_is_the_bodys_holder_of_it():
    doc = quotegraph.extract("Governor Vows to Veto Ferry Bill\n\nGov. Julia Ferris said on Wednesday that she would "
                             "veto the bill if it reached her desk.\n")
    first = doc.quotes[0]
    assert (first.text, first.person, first.source_kind) == ("to Veto Ferry Bill", "Julia Ferris", "person")
    doc = quotegraph.extract("Senator Calls Harbour Deal 'A Betrayal'\n\nSen. Ellen Park said the agreement was "
                             "signed in secret.\n")
    assert (doc.quotes[0].text, doc.quotes[0].person) == ("Harbour Deal 'A Betrayal'", "Ellen Park")
    assert [p.name for p in doc.people] == ["Ellen Park"]  # the tagger's "Calls Harbour" is headline debris


@pytest.mark.parametrize("text, person", [
    ("PM: 'No new taxes this year'\n\nPrime Minister Ana Sousa said on Monday there would be no new taxes "
     "this year. The budget is due in May.\n", "Ana Sousa"),
    ("CEO: We will not sell\n\nThe chief executive, Tom Hale, said the firm would stay independent.\n", "Tom Hale"),
])
def test_a_headline_label_in_capitals_that_is_a_title_speaks_for_its_holder(text, person):
    first = quotegraph.extract(text).quotes[0]
    assert (first.speaker, first.person, first.source_kind) == (text.split(":")[0], person, "person")


def test_a_quotation_after_a_colon_keeps_its_own_trailing_cue():
    doc = quotegraph.extract("She later wrote back to explain the delay: \u201cBelieve me, I share the frustration. "
                             "Until the office moves it, I cannot send it,\u201d Dana Ruiz wrote.")
    assert doc.quotes[-1].kind == "direct" and doc.quotes[-1].speaker == "Dana Ruiz"
    assert doc.quotes[-1].text.startswith("\u201cBelieve me")
    narration = quotegraph.extract("The minister gave her reason: \u201cWe have no money left,\u201d she said.")
    assert [q.text for q in narration.quotes] == ["\u201cWe have no money left,\u201d"]


def test_the_second_part_of_a_quote_split_by_an_inverted_cue_is_the_same_speakers():
    doc = quotegraph.extract("\u201cShe is far too far back,\u201d said Tom Avery, a retired teacher from Ames, "
                             "\u201cand the caucus settled nothing for anyone.\u201d")
    assert [q.speaker for q in doc.quotes] == ["Tom Avery", "Tom Avery"]


def test_a_participle_after_while_reports_on_its_own():
    doc = quotegraph.extract("The minister said it was \u201ctoo early\u201d to back the plan while adding on housing, "
                             "\u201cI have no doubt she means well on this.\u201d")
    assert [q.text for q in doc.quotes] == ["it was \u201ctoo early\u201d to back the plan",
                                            "\u201cI have no doubt she means well on this.\u201d"]


def test_a_speech_noun_whose_clause_follows_the_copula_carries_the_report():
    quote = only_quote("The senator's answer was that no city can thrive without its schools.")
    assert quote.text == "that no city can thrive without its schools" and quote.speaker == "The senator"


def test_a_speech_noun_clause_headed_by_an_adjective_is_its_report():
    quote = only_quote("The premier's insistence that the budget is balanced was challenged by the auditor.")
    assert quote.text == "that the budget is balanced" and quote.speaker == "The premier"


@pytest.mark.parametrize("text, words", [
    ("The governor proclaimed that the drought was over.", "that the drought was over"),
    ("The coach bragged that his team had never lost at home.", "that his team had never lost at home"),
    ("The senator implied that the audit had been rigged.", "that the audit had been rigged"),
])
def test_more_verbs_of_saying(text, words):
    assert only_quote(text).text == words


def test_a_that_clause_after_times_and_places_of_the_cue_is_its_report():
    # The parser can hang "that …" from the interview as a relative clause; the phrase before the
    # subject is then no report.
    quote = only_quote("A longtime backer of the party's candidates in the last two elections, Moreno said "
                       "late on Tuesday during a radio interview that she may hold off until the spring to pick a side.")
    assert quote.text == "that she may hold off until the spring to pick a side" and quote.speaker == "Moreno"
    around = quotegraph.extract("It is no accident, the mayor said, that the bridge opened on time.")
    assert around.quotes[0].text == "It is no accident"


def test_an_adverb_after_the_comma_keeps_a_series_of_verbs_one_subjects():
    quote = only_quote("Ruiz briefly offered the woman a seat on the board, then says he will take advice from "
                       "anyone who wants to call him if elected.")
    assert quote.speaker == "Ruiz" and quote.text.startswith("he will take advice")


def test_a_past_tense_read_as_a_participle_after_a_quotation_is_the_cue():
    doc = quotegraph.extract("Harbour Bank closed its claim without naming the client. \u201cThe bank took the biggest loss "
                             "in its history because of the storms in the south,\u201d Paul Girard, the lender\u2019s "
                             "former head of risk, mentioned in a 2015 essay.")
    assert [q.speaker for q in doc.quotes] == ["Paul Girard"]


def test_a_document_from_a_named_issuer_is_the_issuers_word():
    doc = quotegraph.extract("A release sent to reporters from Teamsters Local 419 late Monday said most drivers "
                             "at the depot voted to strike.\n\nA letter from 2019 said the roof was unsafe.")
    assert [(q.speaker, q.source_kind) for q in doc.quotes] == [("Teamsters Local 419", "organisation"),
                                                                ("A letter from 2019", "document")]


def test_a_trailing_cue_closed_by_a_dash_reports_what_stands_before_it():
    quote = only_quote("Ferry fares will rise again in the spring, later than expected, the transit authority "
                       "announced on Friday -- a blow to island commuters.")
    assert quote.text.startswith("Ferry fares will rise") and quote.speaker == "the transit authority"


def test_asked_between_commas_is_what_the_speaker_was_asked_not_a_cue_of_theirs():
    doc = quotegraph.extract("Tara Bell, asked if she would stand for the council, said: \"Maybe. Not before the "
                             "harbour plan is done.\"")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("\"Maybe. Not before the harbour plan is done.\"",
                                                          "Tara Bell")]


def test_a_verb_of_speaking_and_whom_it_addressed_open_a_quotation_after_a_colon():
    doc = quotegraph.extract("He spoke about the fire for an hour. Mayor Laura Chen addressed the crowd: \"We will rebuild.\"")
    assert [(q.text, q.person) for q in doc.quotes] == [("\"We will rebuild.\"", "Laura Chen")]


def test_a_document_reads_what_it_says_before_a_colon():
    doc = quotegraph.extract("Mayor Lena Hart's statement read, in part: \"I will not be pushed out of office by people "
                             "who have never met me.\" Several councillors said she should step aside.")
    assert [(q.speaker, q.person) for q in doc.quotes] == [("Mayor Lena Hart's statement", "Lena Hart"),
                                                          ("Several councillors", "Several councillors")]


def test_a_quotation_in_the_next_paragraph_after_continued_colon_is_not_the_cues():
    doc = quotegraph.extract("Ruiz spoke for an hour. Ruiz continued:\n\n\"We will win this county.\"")
    assert all(q.speaker_start is None or q.floating for q in doc.quotes if q.text.startswith('"We will win'))


def test_a_name_the_parser_joined_to_an_inserted_cue_is_its_subject():
    doc = quotegraph.extract("Voters in rural towns, Garcia notes, support the new hospital plan more than city "
                             "residents do.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ("Voters in rural towns", "Garcia"),
        ("support the new hospital plan more than city residents do", "Garcia")]


def test_what_a_speaker_was_asked_between_commas_is_not_their_report_whichever_way_it_is_parsed():
    doc = quotegraph.extract("Ms Hale, asked about the delay, said the council had no money.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("the council had no money", "Ms Hale")]


def test_a_report_does_not_take_the_subject_of_the_next_clause():
    doc = quotegraph.extract("Ruiz asked the board about the budget and the chair said nothing.")
    assert ("about the budget", "Ruiz") in [(q.text, q.speaker) for q in doc.quotes]
    assert not any("chair" in q.text for q in doc.quotes)
    # A noun phrase inside the report, before its own verb, stays.
    doc = quotegraph.extract("Ruiz said the mayor and the chair agreed on the plan.")
    assert [q.text for q in doc.quotes] == ["the mayor and the chair agreed on the plan"]


def test_an_as_clause_that_argues_for_something_does_not_report_its_host_clause():
    doc = quotegraph.extract("The needs of the orchestra argue for a larger hall, as the needs of the choir argue "
                             "for a smaller one.")
    assert doc.quotes == ()
    doc = quotegraph.extract("As the mayor told reporters on Monday, the bridge will stay closed.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("the bridge will stay closed", "the mayor")]


def test_a_quotation_led_into_by_narration_after_an_attributed_quote_is_the_same_speakers():
    doc = quotegraph.extract("\"I do not think the vote is lost,\" said Maria Lopez, the union president. But \"the "
                             "members are tired of waiting. They want a deal.\"")
    assert [(q.text, q.person, q.kind) for q in doc.quotes][1] == (
        "But \"the members are tired of waiting. They want a deal.\"", "Maria Lopez", "mixed")
    doc = quotegraph.extract("\"We need more staff,\" said Ana Ruiz, a nurse. \"We have asked for years\" for two more "
                             "nurses on the night shift.")
    assert [q.text for q in doc.quotes][1] == "\"We have asked for years\" for two more nurses on the night shift"
    # A title in quote marks is no speech; the next paragraph is not the same quotation.
    doc = quotegraph.extract("\"It was a long night,\" the mayor said. Residents watched \"Night of the Storm\" on "
                             "television.\n\nThe station \"will air it again on Friday\" for viewers who missed it.")
    assert [q.text for q in doc.quotes] == ["\"It was a long night,\""]


def test_a_source_phrase_after_a_subordinator_reports_what_follows_it_only():
    doc = quotegraph.extract("The plant closed because, according to the audit, the money ran out.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("the money ran out", "the audit")]
    doc = quotegraph.extract("She praised the coach and promised to keep him on since, in her words, \"the team "
                             "finally trusts him.\"")
    assert not any(q.speaker == "her" for q in doc.quotes)
    # A clause joined by "and" shares the report; a lone "But" is no report.
    doc = quotegraph.extract("The board cut the budget and, according to two members, dropped the hiring plan.")
    assert [q.text for q in doc.quotes] == ["The board cut the budget", "dropped the hiring plan"]
    doc = quotegraph.extract("But according to the survey, most tenants want the repairs first.")
    assert [q.text for q in doc.quotes] == ["most tenants want the repairs first"]


def test_a_quotation_that_closes_a_sentence_is_not_given_to_a_report_of_the_next_one():
    doc = quotegraph.extract("On March 3, Hale tweeted, \"The council passed the budget. The park is saved.\" This sort "
                             "of comment, the Globe said, was common.")
    quotes = [(q.text, q.speaker) for q in doc.quotes]
    assert quotes[0] == ("\"The council passed the budget. The park is saved.\"", "Hale")
    assert ("This sort of comment", "the Globe") in quotes
    assert not any(text == "On March 3" for text, _ in quotes)  # when she wrote it is no report
    # … but a date phrase before an inserted cue with a report after it is the report's first piece.
    doc = quotegraph.extract("For decades, Hale said, the park was ignored.")
    assert [q.text for q in doc.quotes] == ["For decades", "the park was ignored"]


def test_a_noun_phrase_right_after_an_inverted_cue_is_its_speaker_however_the_parse_hangs_it():
    doc = quotegraph.extract("Some residents were angry. \"A man came in and said we should close the doors to them,\" "
                             "said the baker, who unlike her neighbours would not give her name.")
    assert [q.speaker for q in doc.quotes] == ["the baker"]


def test_a_clause_with_its_own_subject_before_a_report_that_is_no_that_clause_opens_it():
    doc = quotegraph.extract("Council Speaker Ana Ruiz says no matter what the province decides on transit, \"our "
                             "budget does not bend to the province.\"")
    assert [(q.text, q.kind) for q in doc.quotes] == [
        ("no matter what the province decides on transit, \"our budget does not bend to the province.\"", "mixed")]


def test_a_cue_joined_on_after_a_quotation_with_its_own_subject_is_not_the_quotations():
    doc = quotegraph.extract("Hewitt argued that Fiorina, a new owner, was \"still learning the trade,\" and the "
                             "board agreed.")
    assert not any(q.speaker == "the board" for q in doc.quotes)
    # A cue sharing the subject before the quotation still is.
    doc = quotegraph.extract("Ruiz called the vote \"another win for the north\" and said the party would grow.")
    assert {q.speaker for q in doc.quotes} == {"Ruiz"}


def test_a_cue_joined_on_by_but_reports_what_follows_it_not_the_clause_before():
    doc = quotegraph.extract("My aides warned me not to give that speech in Geneva, but I said, look, you have to "
                             "change the culture.")
    quotes = [(q.text, q.speaker) for q in doc.quotes]
    assert ("look, you have to change the culture", "I") in quotes
    assert not any(text.startswith("My aides") for text, _ in quotes)


def test_an_inverted_cue_that_opens_the_sentence_names_the_speaker_of_the_quotation():
    doc = quotegraph.extract("Experts doubt the plan will pass. Said Varga: \"I do not think she cares about the tax "
                             "code at all.\"")
    assert [(q.speaker, q.person) for q in doc.quotes] == [("Varga", "Varga")]


def test_a_participle_hung_on_a_day_or_a_document_speaks_for_the_subject_of_the_clause():
    doc = quotegraph.extract("Mr. Hale issued a statement Tuesday saying, \"Heritage does not decide a case.\" The "
                             "union sent an email saying the strike would go on.")
    assert [q.speaker for q in doc.quotes] == ["Mr. Hale", "The union"]


def test_an_aside_of_what_the_speaker_was_asked_names_the_speaker_of_the_cue_after_it():
    doc = quotegraph.extract("The row began on Friday after Mr. Hale, asked about the deaths of reporters, had "
                             "said, \"Our city does plenty of harm too.\"")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("\"Our city does plenty of harm too.\"", "Mr. Hale")]


def test_a_participle_hung_on_a_moment_speaks_for_the_clause_subject_and_a_wh_word_never_speaks():
    doc = quotegraph.extract("He has fought with the board over the budget, at one stage calling the treasurer a "
                             "\"fraud\" who could not be \"trusted.\"")
    assert [q.speaker for q in doc.quotes] == ["He"]
    doc = quotegraph.extract("Ruiz has since apologised for what went wrong: \"Yes, I should have kept two ledgers.\"")
    assert not any(q.speaker == "what" for q in doc.quotes)


def test_a_passive_with_its_agent_gives_the_agents_words():
    doc = quotegraph.extract("The deal, described by one analyst as \"a bargain for the buyer,\" values the shipyard "
                             "at $2 billion.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("\"a bargain for the buyer,\"", "one analyst")]
    # A verb that says nothing ("built by") gives no quote.
    doc = quotegraph.extract("The bridge, built by a firm from Oslo as \"the longest in the north,\" opened in May.")
    assert doc.quotes == ()


def test_a_document_from_a_named_person_is_that_persons_words():
    doc = quotegraph.extract("The smelter will close next year, according to a statement from the company's chief "
                             "executive, Lena Fox.")
    assert [(q.text, q.person, q.source_kind) for q in doc.quotes] == [
        ("The smelter will close next year", "Lena Fox", "person")]


def test_a_modal_cue_under_a_condition_reports_nothing():
    doc = quotegraph.extract("If asked, she would probably say the offer is an insult.")
    assert doc.quotes == ()
    doc = quotegraph.extract("He would say later that the vote was rigged.")  # a report, told from after
    assert [q.text for q in doc.quotes] == ["that the vote was rigged"]


def test_a_participle_between_commas_neither_reports_nor_names_what_is_around_it():
    doc = quotegraph.extract("The interior ministry, quoting police, said three people had been arrested near the "
                             "border.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ("three people had been arrested near the border", "The interior ministry")]
    doc = quotegraph.extract("Mayor Ruiz, echoing Kay, urged drivers not to use the old bridge.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("drivers not to use the old bridge", "Mayor Ruiz")]


def test_a_relative_clause_speaker_is_the_one_the_clause_is_about_also_for_its_second_verb():
    doc = quotegraph.extract("\"This is my friend,\" Tom told Anna Berg, who opened her door on Sunday and said she "
                             "would vote for the mayor.")
    assert [(q.speaker, q.person) for q in doc.quotes][-1] == ("Anna Berg", "Anna Berg")


def test_a_document_sent_by_someone_is_theirs_one_read_by_someone_is_not():
    doc = quotegraph.extract("In addition, an email sent out by Ruiz on Tuesday night warned of the fight ahead: "
                             "\"There are nine votes in the next three weeks.\"")
    assert [q.person for q in doc.quotes] == ["Ruiz"]
    doc = quotegraph.extract("Other leaked memos read by the Herald suggest that the mayor knew of the deal.")
    assert not any(q.speaker == "the Herald" for q in doc.quotes)


def test_a_trailing_cue_with_a_title_and_a_name_in_commas_gives_the_named_speaker_and_only_the_quotation():
    doc = quotegraph.extract("\"It will pass,\" the union's president, Maria Lopez, said.")
    assert [(q.text, q.person) for q in doc.quotes] == [("\"It will pass,\"", "Maria Lopez")]
    assert [r.title for r in doc.people[0].roles] == ["president"]


def test_whom_a_question_is_put_to_is_no_part_of_the_question():
    doc = quotegraph.extract("She asked the minister if the money had been spent.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("if the money had been spent", "She")]


def test_a_cue_that_opens_the_next_quotation_is_not_the_cue_of_the_one_before():
    doc = quotegraph.extract("Brenner said, \"The zeal of this case is unlike any we have found.\" He added, \"It "
                             "should never have been brought.\"")
    assert [q.speaker for q in doc.quotes] == ["Brenner", "He"]


def test_a_participle_after_a_subordinate_clause_speaks_for_that_clauses_subject():
    doc = quotegraph.extract("The first incident came in March, when farm protesters interrupted her speech, shouting "
                             "\"no deal, no vote!\"")
    assert [q.speaker for q in doc.quotes] == ["farm protesters"]
    doc = quotegraph.extract("Ruiz said the province will keep its pledge, insisting the money is there.")
    assert {q.speaker for q in doc.quotes} == {"Ruiz"}


def test_what_someone_was_asked_before_their_answer_is_not_their_report():
    doc = quotegraph.extract("Asked by Tom Hale whether she had rehearsed the toast, Ms Berg said, \"Twice, in the "
                             "car.\"")
    quotes = [(q.text, q.speaker) for q in doc.quotes]
    assert ("whether she had rehearsed the toast", "Tom Hale") in quotes  # the asker is named: his question
    assert not any(text.startswith("Asked") for text, _ in quotes)


def test_an_infinitive_after_the_object_of_a_verb_of_leading_speaks_for_the_object():
    doc = quotegraph.extract("The defeat led party members to say that the leader had to go.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("that the leader had to go", "party members")]
    doc = quotegraph.extract("The union used the figures to argue that wages had fallen.")
    assert [q.speaker for q in doc.quotes] == ["The union"]


def test_an_inverted_cue_after_a_comma_takes_the_name_after_it_over_a_noun_before_it():
    doc = quotegraph.extract("The vote against the pact marks \"the start of a long decline\" for the bloc, said Karl "
                             "Visser, founder of the Dutch Liberty Party.")
    assert [q.person for q in doc.quotes] == ["Karl Visser"]


def test_a_participle_on_the_event_where_someone_spoke_is_theirs_and_but_ends_a_source_phrases_report():
    doc = quotegraph.extract("We will get there, she said at a news conference announcing that her office was suing "
                             "the province.")
    assert ("that her office was suing the province", "she") in [(q.text, q.speaker) for q in doc.quotes]
    doc = quotegraph.extract("Ruiz has a lead of 40 seats, according to a tally kept by the Herald, but the senator "
                             "has vowed to fight on.")
    quotes = [(q.text, q.speaker) for q in doc.quotes]
    assert ("to fight on", "the senator") in quotes
    assert not any("senator" in text and speaker != "the senator" for text, speaker in quotes)


def test_a_source_phrase_closing_its_clause_does_not_report_the_clause_joined_after_it():
    doc = quotegraph.extract("Ticket sales dropped 4 per cent in March according to the league and attendance has "
                             "slipped for three seasons.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("Ticket sales dropped 4 per cent in March", "the league")]
    doc = quotegraph.extract("The man fled, according to police and prosecutors, and was caught a day later.")
    assert [q.speaker for q in doc.quotes] == ["police", "police"]


def test_a_participle_sharing_a_bare_copula_is_passive_and_its_subject_is_not_a_speaker():
    doc = quotegraph.extract('The workers were underpaid and often described as "the backbone of the firm" in '
                             'the brochures.')
    assert not [q for q in doc.quotes if q.speaker == "The workers"]


def test_an_adjunct_the_parse_reads_as_opening_a_clause_does_not_hide_the_report_after_it():
    doc = quotegraph.extract("Okafor said after the hearing she would seek a second term in the spring.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [("she would seek a second term in the spring", "Okafor")]
    assert not quotegraph.extract("She left after the vote she had won.").quotes


def test_a_clause_joined_on_by_and_after_an_inserted_cue_goes_on_with_the_report():
    doc = quotegraph.extract("The plant will close, the company said, and its workers will get six months of pay.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ("The plant will close", "the company"), ("and its workers will get six months of pay", "the company")]
    doc = quotegraph.extract("The plan is dead, he said, and added that the council would meet.")
    assert [q.text for q in doc.quotes] == ["The plan is dead", "that the council would meet"]
    doc = quotegraph.extract('"Sit down," Coach Imre said, and the players took their seats.')
    assert [q.text for q in doc.quotes] == ['"Sit down,"']


def test_a_that_clause_the_parse_breaks_up_is_still_reported():
    doc = quotegraph.extract("Marta Vinter, a former auditor at the port, agreed that the board has little power "
                             "to block the sale.")
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ("that the board has little power to block the sale", "Marta Vinter")]


def test_a_past_tense_the_parse_reads_as_a_participle_in_a_sentence_with_no_other_verb_is_a_cue():
    doc = quotegraph.extract('One trustee called Halvorsen "a magician with spreadsheets." The vote went ahead anyway.')
    assert [(q.text, q.speaker) for q in doc.quotes] == [('Halvorsen "a magician with spreadsheets."', "One trustee")]
    assert not quotegraph.extract("The report released on Tuesday.").quotes


def test_a_participle_joined_on_inside_a_participles_report_is_the_reporters_twin():
    doc = quotegraph.extract('Ines stood by her coach, saying he has changed the sport and calling him "a born '
                             'teacher." She trains daily.')
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ("he has changed the sport", "Ines"), ('him "a born teacher."', "Ines")]


def test_calling_someone_quoted_words_is_a_quote_however_the_two_objects_are_parsed():
    doc = quotegraph.extract('On Monday, Ms. Abara backed Mr. Lund at a rally in the square, calling him "the '
                             'steadiest hand we have."')
    assert [(q.text, q.speaker) for q in doc.quotes] == [('him "the steadiest hand we have."', "Ms. Abara")]


def test_a_noun_phrase_inserted_with_its_cue_after_the_subject_is_the_speaker():
    doc = quotegraph.extract('The count went on overnight.\n\nOkafor, a senior adviser said, "is calm and ready for '
                             'any result" after the recount.')
    assert {q.speaker for q in doc.quotes} == {"a senior adviser"}
    doc = quotegraph.extract("Garcia, a lawyer, said the case was weak.")
    assert [q.speaker for q in doc.quotes] == ["Garcia"]


@pytest.mark.parametrize("document", ["audit", "review", "inquiry", "analysis", "investigation"])
def test_an_audit_a_review_or_an_inquiry_finds_as_a_document(document):
    doc = quotegraph.extract(f"The {document} found that the department had overspent by $4 million.")
    assert [(q.text, q.speaker, q.source_kind) for q in doc.quotes] == [
        ("that the department had overspent by $4 million", f"The {document}", "document")]


def test_a_name_closing_an_aside_between_dashes_is_not_the_subject_after_it():
    doc = quotegraph.extract("In the memo - sent to the deputy minister for transport, Lars O. Berg - the Green MP "
                             'asks for a review of whether "the tender rules were broken."')
    assert [q.speaker for q in doc.quotes] == ["the Green MP"]


def test_a_headline_label_names_a_person_the_body_gives_a_title_even_when_the_tagger_misses_the_name():
    doc = quotegraph.extract("Ruiz: Bridge will not reopen this year\n\nMayor Ana Ruiz said on Monday that the bridge "
                             "would stay shut.")
    assert ("Bridge will not reopen this year", "Ana Ruiz") in [(q.text, q.person) for q in doc.quotes]
    doc = quotegraph.extract("Brexit: Deal will not pass this year\n\nPrime Minister Ana Ruiz said on Monday that the "
                             "vote would fail.")
    assert [q.text for q in doc.quotes] == ["that the vote would fail"]


def test_a_participle_tagged_as_a_noun_after_an_inverted_cue_is_not_the_speaker():
    doc = quotegraph.extract('"It is hard to describe," said the survivor, Anna Bell, pausing. "We just ran."')
    assert [q.person for q in doc.quotes] == ["Anna Bell", "Anna Bell"]
    assert all("pausing" not in (q.speaker or "") for q in doc.quotes)


def test_a_cue_after_a_quotation_with_a_common_noun_speaker_or_an_odd_lemma_is_read():
    doc = quotegraph.extract('"I am safe, do not worry," Eve Dalton texted her mother from the stranded train. The '
                             'train sat outside the city for six hours. "Stay in your seats," a guard whispered to '
                             'passengers near the door.')
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ('"I am safe, do not worry,"', "Eve Dalton"), ('"Stay in your seats,"', "a guard")]


def test_a_short_quotation_with_the_comma_after_the_closing_mark_takes_the_cue_after_it():
    doc = quotegraph.extract('Title\n\n"We lost the vote", she said, "and we will try again next year". The council '
                             'meets in May.')
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ('"We lost the vote"', "she"), ('"and we will try again next year"', "she")]
    assert not quotegraph.extract('Title\n\nHe read "Dune", a novel, on the train.').quotes


def test_a_headline_with_a_plural_source_after_its_cue_is_their_report():
    doc = quotegraph.extract("Bus fares must be cut, say tenant groups\n\nTenant groups said on Monday that fares had "
                             "risen too fast.")
    assert ("Bus fares must be cut", "tenant groups") in [(q.text, q.speaker) for q in doc.quotes]


def test_a_headline_label_that_is_a_bare_title_speaks_for_its_holder():
    doc = quotegraph.extract("Mayor: Bridge will stay shut until May\n\nMayor Tom Hale said the repairs had been delayed.")
    assert ("Bridge will stay shut until May", "Tom Hale") in [(q.text, q.person) for q in doc.quotes]


@pytest.mark.parametrize("headline, words, speaker, person", [
    ("Fed's Hale says rate cuts are 'not close'", "rate cuts are 'not close'", "Fed's Hale", "Tom Hale"),
    ("Ontario's Reed vows to cut the gas tax", "to cut the gas tax", "Ontario's Reed", "Tom Reed"),
])
def test_a_headline_speaker_with_a_possessive_before_the_name_is_read(headline, words, speaker, person):
    doc = quotegraph.extract(headline + "\n\nTORONTO - Premier Tom Reed and Governor Tom Hale spoke on Monday.")
    assert (words, speaker, person) in [(q.text, q.speaker, q.person) for q in doc.quotes]


@pytest.mark.parametrize("text, speaker", [
    ("LONDON - Prime Minister Nia Hart said talks would continue.", "Prime Minister Nia Hart"),
    ("OTTAWA (Reuters) — Finance Minister Ana Sousa said the budget would balance.", "Finance Minister Ana Sousa"),
])
def test_a_dateline_is_no_part_of_the_speaker(text, speaker):
    assert only_quote(text).speaker == speaker


@pytest.mark.parametrize("text, words", [
    # the parse can read single-quoted words after the object as its apposition
    ("Maria Lopez called the offer 'an insult'.", "the offer 'an insult'"),
    ("The mayor described the budget as 'a disaster'.", "the budget as 'a disaster'"),
    ("Kay said the plan was 'dead in the water'.", "the plan was 'dead in the water'"),
])
def test_a_report_ending_in_quoted_words_keeps_their_closing_mark(text, words):
    assert only_quote(text).text == words


def test_a_relative_report_ends_with_its_closing_mark_before_the_main_verb():
    doc = quotegraph.extract('A deal that union leaders said was "dead" was revived on Monday.')
    assert [(q.text, q.speaker) for q in doc.quotes] == [('was "dead"', "union leaders")]


@pytest.mark.parametrize("text, pieces", [
    ("It was, the senator said, a betrayal.", ["It was", "a betrayal"]),
    ("The answer is, he said, no.", ["The answer is", "no"]),
])
def test_a_verb_left_without_its_complement_before_an_inserted_cue_is_finished_after_it(text, pieces):
    assert [q.text for q in quotegraph.extract(text).quotes] == pieces
    # a finished clause is not: what follows the cue is narration
    assert [q.text for q in quotegraph.extract("The fund was empty, she said, again.").quotes] == ["The fund was empty"]


@pytest.mark.parametrize("lead_in, speaker", [
    ("The minister was blunt:", "The minister"),
    ("Ana Ruiz, the 2012 Liberal candidate, tweeted in response:", "Ana Ruiz"),
    ("One early backer, Representative Lee Ortiz, gave the idea a whirl in an interview on Tuesday:",
     "Representative Lee Ortiz"),
    ("The election board was blunt in its findings:", "The election board"),
    ("Ortiz leaned in and boomed:", "Ortiz"),
])
def test_a_clause_with_a_speaker_before_a_colon_leads_in_to_their_quotation_not_the_last_speakers(lead_in, speaker):
    doc = quotegraph.extract('"We will win," Mr. Hale said on Monday.\n\n' + lead_in + ' "You can argue that the '
                             'plan works for everyone."')
    assert [q.speaker for q in doc.quotes] == ["Mr. Hale", speaker]


def test_a_thing_before_a_colon_speaks_no_quotation():
    doc = quotegraph.extract('"We will win," Mr. Hale said on Monday.\n\nThe report had a simple title: "Nowhere to '
                             'Go."\n\nThe weather turned cold overnight: "It was freezing in the tents," one volunteer '
                             'said.')
    assert [(q.text, q.speaker) for q in doc.quotes] == [('"We will win,"', "Mr. Hale"),
                                                          ('"It was freezing in the tents,"', "one volunteer")]


def test_a_quotation_with_no_cue_after_a_sentence_about_someone_else_is_theirs_and_still_floating():
    doc = quotegraph.extract('"It is over," Ana Ruiz said. Her colleague, Tom Hale, disagreed. "It is just starting '
                             'for all of us."\n\n"We tried everything," Ruiz said. The vote was close. "Nothing worked '
                             'in the end."')
    assert [(q.person, q.floating) for q in doc.quotes] == [
        ("Ana Ruiz", False), ("Tom Hale", True), ("Ana Ruiz", False), ("Ana Ruiz", True)]


@pytest.mark.parametrize("text, speaker, person", [
    ("Nobody was hurt, a police spokesman, Sgt. Tom Hale, said on Sunday.", "Sgt. Tom Hale", "Tom Hale"),
    ("Const. Ana Ruiz said two men were arrested.", "Const. Ana Ruiz", "Ana Ruiz"),
])
def test_a_speaker_with_an_abbreviated_police_or_military_title(text, speaker, person):
    quote = only_quote(text)
    assert (quote.speaker, quote.person) == (speaker, person)


def test_a_quotation_opening_the_paragraph_after_a_cue_and_colon_is_the_cues_speakers_and_floating():
    doc = quotegraph.extract("Mayor Tom Hale spoke for an hour. Hale said:\n\n\"We will win this fight and the next "
                             "one.\"\n\nHale said: \"We will win the one after that too.\"")
    assert [(q.person, q.floating) for q in doc.quotes] == [("Tom Hale", True), ("Tom Hale", False)]


def test_the_second_part_of_a_quotation_split_by_its_cue_is_the_speakers_and_floating():
    doc = quotegraph.extract("\"The ice was soft all afternoon,\" said Dana Kowal, \"and the puck kept rolling.\" "
                             "Hale said: \"We will win it all.\"")
    assert [(q.person, q.floating) for q in doc.quotes] == [("Dana Kowal", False), ("Dana Kowal", True), ("Hale", False)]
    assert doc.quotes[1].speaker == "Dana Kowal" and doc.quotes[0].utterance == doc.quotes[1].utterance


@pytest.mark.parametrize("text, words", [
    ("The council will review the plan, the mayor, Ana Sousa, said.", "The council will review the plan"),
    ("The board approved the budget, its chair, Ana Sousa, said Monday.", "The board approved the budget"),
])
def test_a_titled_speaker_the_parse_hangs_on_the_reports_object_speaks_it(text, words):
    quote = only_quote(text)
    assert (quote.text, quote.person) == (words, "Ana Sousa")


@pytest.mark.parametrize("text, words, speaker", [
    ('"We will appeal the ruling, said Ana Ruiz, the lawyer. The court meets on Monday.', '"We will appeal the ruling,',
     "Ana Ruiz"),
    ('"We will rebuild it, she said. The storm passed.', '"We will rebuild it,', "she"),
])
def test_a_quotation_that_lost_its_closing_mark_ends_before_its_cue_either_way_round(text, words, speaker):
    quote = quotegraph.extract("Court news\n\n" + text).quotes[0]
    assert (quote.text, quote.speaker) == (words, speaker)


def test_a_mark_opened_inside_a_sentence_that_never_closes_ends_with_its_sentence():
    doc = quotegraph.extract('The mayor said the plan was "dead. Nobody on the council wants it.\n\nThe vote is on Monday.')
    assert [q.text for q in doc.quotes] == ['the plan was "dead.']
    # a quotation that opens its sentence still runs on (the multi-paragraph convention)
    doc = quotegraph.extract('The mayor said: "The plan is dead. Nobody wants it.\n\n"We will start again."')
    assert [q.text for q in doc.quotes] == ['"The plan is dead. Nobody wants it.', '"We will start again."']


def test_short_parts_of_a_quotation_that_runs_over_paragraphs_are_all_the_speakers():
    doc = quotegraph.extract('Council news\n\nHale said: "We will win.\n\n"The plan is simple.\n\n"It works."\n\n'
                             'The council meets on Monday.')
    assert [(q.text, q.person) for q in doc.quotes] == [('"We will win.', "Hale"), ('"The plan is simple.', "Hale"),
                                                         ('"It works."', "Hale")]
    # a name or a stage direction in marks is no part of it
    doc = quotegraph.extract('Council news\n\nHale said: "We will win the vote.\n\n"(APPLAUSE.)"\n\nThe council met.')
    assert [q.text for q in doc.quotes] == ['"We will win the vote.']


@pytest.mark.parametrize("text, words", [
    ("Ms. Ortega said she hoped to win the seat back, and then would run for mayor in two years.",
     "she hoped to win the seat back, and then would run for mayor in two years"),
    ("The coach said the team was tired, but could still reach the final if the rain held off.",
     "the team was tired, but could still reach the final if the rain held off"),
])
def test_a_subjectless_verb_phrase_with_a_modal_after_a_report_continues_it(text, words):
    assert only_quote(text).text == words



@pytest.mark.parametrize("text, speaker", [
    ("The video is short. “Save our pool,” swimmers dressed for a race say together in the video.", "swimmers"),
    ("The video is short. “Save our pool,” club members dressed for a race say in unison in the video.",
     "club members"),
])
def test_the_noun_a_participle_describes_speaks_not_a_noun_inside_the_participle(text, speaker):
    assert only_quote(text).speaker == speaker


def test_a_subject_with_a_participle_the_parse_reads_right_keeps_its_report():
    quote = only_quote("Residents living near the plant say the smell is worse at night.")
    assert (quote.speaker, quote.text) == ("Residents", "the smell is worse at night")


@pytest.mark.parametrize("text, speaker, words", [
    # the parse hangs the participle on the recipients
    ("Her campaign quickly sent out an email to supporters stating that the race was tight.", "Her campaign",
     "that the race was tight"),
    # the relative clause's subject stands for the document its issuer released
    ("The senator released a letter from her doctor on Friday that says she is in excellent health.",
     "The senator", "she is in excellent health"),
])
def test_a_documents_words_are_its_issuers_whatever_the_parse_hangs_the_cue_on(text, speaker, words):
    quote = only_quote(text)
    assert (quote.speaker, quote.text) == (speaker, words)


def test_a_relative_clauses_report_ends_before_the_main_clauses_verb():
    assert only_quote("A report that says the river is clean was published on Monday.").text == "the river is clean"


@pytest.mark.parametrize("text, words", [
    ("Harbour Talent says that Lee, who charges large fees for speeches, has lost money this year.",
     "that Lee, who charges large fees for speeches, has lost money this year"),
    ("The union said that Ortega, who announced a new contract in May, would retire in the fall.",
     "that Ortega, who announced a new contract in May, would retire in the fall"),
])
def test_a_cue_verb_with_a_noun_object_inside_a_report_does_not_end_it(text, words):
    assert only_quote(text).text == words


def test_a_subject_the_parse_hung_on_the_cue_opens_the_clause_it_reported():
    # The parse as the small model gives it on some sentences: the clause's subject hung on "said".
    words = ["Marek", ",", "whose", "party", "includes", "farmers", ",", "said", "closed", "meetings", "--", "those",
             "open", "to", "members", "--", "deny", "citizens", "a", "say", "."]
    heads = [7, 0, 3, 4, 0, 4, 0, 7, 9, 7, 9, 9, 11, 12, 13, 7, 7, 16, 19, 16, 7]
    deps = ["nsubj", "punct", "poss", "nsubj", "relcl", "dobj", "punct", "ROOT", "amod", "nsubj", "punct", "appos",
            "amod", "prep", "pobj", "punct", "ccomp", "dative", "det", "dobj", "punct"]
    tags = ["NNP", ",", "WP$", "NN", "VBZ", "NNS", ",", "VBD", "JJ", "NNS", ":", "DT", "JJ", "IN", "NNS", ":", "VB",
            "NNS", "DT", "NN", "."]
    pos = ["PROPN", "PUNCT", "PRON", "NOUN", "VERB", "NOUN", "PUNCT", "VERB", "ADJ", "NOUN", "PUNCT", "PRON", "ADJ",
           "ADP", "NOUN", "PUNCT", "VERB", "NOUN", "DET", "NOUN", "PUNCT"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos,
              lemmas=[w.lower() if w != "said" else "say" for w in words])
    said = doc[7]
    assert raised_subject(said) == doc[9] and nearest_subject(said) == doc[0]
    assert " ".join(t.text for t in content_tokens(said)[0]) == "closed meetings -- those open to members -- deny " \
                                                                "citizens a say"


@pytest.mark.parametrize("text, speaker, words", [
    ("Sen. Ada Lind made the case that the levy would pay for itself.", "Sen. Ada Lind",
     "that the levy would pay for itself"),
    ("The governor gave an assurance that no school would close.", "The governor", "that no school would close"),
    ("The central bank sounded the alarm that household debt had reached a record high.", "The central bank",
     "that household debt had reached a record high"),
    ("Judge Omar Pell offered a reminder that judges are not politicians.", "Judge Omar Pell",
     "that judges are not politicians"),
])
def test_a_light_verb_with_a_noun_of_speech_reports_the_clause_the_noun_carries(text, speaker, words):
    quote = only_quote(text)
    assert (quote.speaker, quote.text) == (speaker, words)


@pytest.mark.parametrize("text", [
    "The mayor made the case for a new bridge.",
    "The council made a point of visiting every ward.",
    "The ruling was given a reminder in the archive that nobody read.",
])
def test_a_light_verb_without_a_clause_of_speech_gives_nothing(text):
    assert quotegraph.extract(text).quotes == ()


def test_one_quoted_by_a_newspaper_as_saying_is_the_speaker():
    quote = only_quote('Finance Minister Ivo Brandt was quoted by the daily Harbour Post as saying the cut was '
                       '"painful but needed."')
    assert (quote.speaker, quote.text) == ("Finance Minister Ivo Brandt", 'the cut was "painful but needed."')


def test_a_past_tense_joined_to_a_reported_modal_verb_is_narration():
    quote = only_quote("Ms Holt said she would scrap the parking fees, and then left for a meeting in Dunmore.")
    assert quote.text == "she would scrap the parking fees"


def test_a_cue_joined_to_a_cue_shares_its_subject_not_the_subject_inside_its_report():
    quotes = quotegraph.extract("Mara Quill conceded the plan had been badly explained but insisted it would "
                                "save lives.").quotes
    assert [(q.speaker, q.text) for q in quotes] == [("Mara Quill", "the plan had been badly explained"),
                                                     ("Mara Quill", "it would save lives")]


@pytest.mark.parametrize("text, speaker, words", [
    ("The route, which the company insists is the safest one, was approved in June.", "the company",
     "is the safest one"),
    ("The plant, which officials said would employ 300 people, closed in May.", "officials",
     "would employ 300 people"),
    ("Ruiz, who told reporters the count was rigged, lost by 300 votes.", "Ruiz", "the count was rigged"),
])
def test_a_report_in_a_relative_clause_set_off_by_commas_ends_with_the_clause(text, speaker, words):
    quote = only_quote(text)
    assert quote.text == words and quote.speaker.startswith(speaker)


def test_a_participle_used_as_a_noun_gives_way_to_the_name_beside_it():
    quote = only_quote("The accused, Brent Kowalski, 34, has denied he was at the bar that night.")
    assert (quote.speaker, quote.person) == ("Brent Kowalski", "Brent Kowalski")


@pytest.mark.parametrize("text, speaker", [
    ("TORONTO, Oct 8 (Reuters) - Harbour Steel said on Thursday it would close its Lakeview plant.", "Harbour Steel"),
    ("MILLBROOK, N.B. — Premier Ana Wolde said the ferry would run again in May.", "Premier Ana Wolde"),
    ("LISBON (AP) -- Opposition leader Rui Faria said the vote had been rigged.", "Opposition leader Rui Faria"),
])
def test_a_wire_dateline_is_never_the_speaker(text, speaker):
    assert only_quote(text).speaker == speaker


def test_a_modal_right_after_a_cues_object_gives_back_the_reported_clause():
    quotes = quotegraph.extract("Sara Lund, the board chair, said trustees had no choice and warned more cuts could "
                                "follow in the spring.").quotes
    assert [(q.speaker, q.text) for q in quotes] == [("Sara Lund", "trustees had no choice"),
                                                     ("Sara Lund", "more cuts could follow in the spring")]


def test_could_only_with_a_cue_is_what_was_said():
    quote = only_quote("Asked about the late start, the club's press officer could only quip that the ferry "
                       "timetable was to blame.")
    assert (quote.speaker, quote.text) == ("the club's press officer", "that the ferry timetable was to blame")


def test_a_finite_verb_joined_to_the_cue_right_after_its_object_gives_back_the_clause():
    quote = only_quote("Coach Ivo Marsh recalled his first team at Dunmore High had only 11 players.")
    assert quote.text == "his first team at Dunmore High had only 11 players"


def test_a_cue_with_an_object_of_its_own_after_a_closed_quotation_is_not_its_cue():
    quote = only_quote('Asked whether he would retire, Coach Ivo Marsh replied: "Not this year. Maybe not next '
                       'year either." He said goodbye to his seniors one by one.')
    assert (quote.speaker, quote.text) == ("Coach Ivo Marsh", '"Not this year. Maybe not next year either."')


@pytest.mark.parametrize("text, speaker, words", [
    ("Nadia Okoro sounded the alarm on Monday that grain stocks would run out by September.", "Nadia Okoro",
     "that grain stocks would run out by September"),
    ("Fire Chief Paul Gauvin gave residents his word that crews would check on every home.", "Fire Chief Paul Gauvin",
     "that crews would check on every home"),
])
def test_a_light_verbs_subject_says_the_clause_wherever_the_parse_hangs_it(text, speaker, words):
    quote = only_quote(text)
    assert (quote.speaker, quote.text) == (speaker, words)


@pytest.mark.parametrize("headline, speaker, words", [
    ("Aid agencies: Famine now certain in the north", "Aid agencies", "Famine now certain in the north"),
    ("Health officials: Flu season will be long", "Health officials", "Flu season will be long"),
])
def test_a_headline_label_of_a_source_phrase_is_its_speaker(headline, speaker, words):
    quotes = quotegraph.extract(headline + "\n\nThe groups spoke to reporters on Monday morning.").quotes
    assert [(q.speaker, q.text) for q in quotes] == [(speaker, words)]


def test_a_headline_label_of_a_topic_is_no_speaker():
    assert quotegraph.extract("Winter storms: What to expect this week\n\nSnow fell on Monday.").quotes == ()


def test_a_noun_the_parse_joined_to_a_date_is_the_subject_of_the_report_after_it():
    quote = only_quote("Six aid groups said in a joint statement on Monday famine in the north could no longer be "
                       "prevented.")
    assert quote.text == "famine in the north could no longer be prevented"


@pytest.mark.parametrize("text", [
    "Dr. Ann Frost stood by her prediction that patients would be treated in corridors.",
    "The senator doubled down on his claim that the audit had been rigged.",
])
def test_a_possessed_speech_noun_after_by_or_on_carries_the_clause_the_parse_hung_on_the_verb(text):
    quote = only_quote(text)
    assert quote.text.startswith("that ") and quote.speaker in ("her", "his")


def test_a_clause_after_a_statement_one_knows_from_is_no_report():
    assert quotegraph.extract("We know from his tax filings that most of the assets are held abroad.").quotes == ()
