"""In-article resolution: names, surnames, pronouns, roles and unnamed sources."""
from __future__ import annotations

import quotegraph


def people_by_name(doc):
    return {p.name: p for p in doc.people}


def test_roles_from_premodifiers_and_appositions():
    text = ("US Defense Secretary Mark Esper said the mission would continue.\n\n"
            "Ben Myers, the president of Bullpen Research, said rents would rise next year.\n")
    people = people_by_name(quotegraph.extract(text))
    assert [r.label for r in people["Mark Esper"].roles] == ["Defense Secretary of US"]
    assert [(r.title, r.organisation) for r in people["Ben Myers"].roles] == [("president", "Bullpen Research")]


def test_surname_and_honorific_fold_into_the_full_name():
    text = ("NATO Secretary General Jens Stoltenberg met ministers on Friday.\n\n"
            "Mr Stoltenberg said the allies had agreed on a plan.\n\n"
            "“We are united,” Stoltenberg said.\n")
    doc = quotegraph.extract(text)
    assert {q.person for q in doc.quotes} == {"Jens Stoltenberg"}
    aliases = people_by_name(doc)["Jens Stoltenberg"].aliases
    assert "Mr Stoltenberg" in aliases and "Stoltenberg" in aliases


def test_pronoun_follows_gender_to_the_right_person():
    text = ("Sarah Jones, a nurse, met Tom Brown at the hospital on Monday.\n\n"
            "“It went very well for all of us,” she said.\n\n"
            "“We will meet again next week,” he said.\n")
    she, he = quotegraph.extract(text).quotes
    assert she.person == "Sarah Jones" and he.person == "Tom Brown"


def test_role_only_mention_resolves_to_the_person_the_article_quotes():
    text = ("NATO's Secretary General has said he was not consulted about the plan.\n\n"
            "However, Jens Stoltenberg said \"there was no willingness from the allies to stay\".\n\n"
            "Mr Stoltenberg also said the mission had ended.\n")
    doc = quotegraph.extract(text)
    assert [q.person for q in doc.quotes] == ["Jens Stoltenberg"] * 3
    person = people_by_name(doc)["Jens Stoltenberg"]
    assert [r.label for r in person.roles] == ["Secretary General of NATO"]
    assert "NATO's Secretary General" in person.aliases


def test_unnamed_sources_and_organisations_stay_what_they_are():
    text = ("Acme Corp. cut 200 jobs on Monday.\n\n"
            "The company said the cuts were needed to stay competitive.\n\n"
            "Two officials said the decision was taken in March.\n")
    first, second = quotegraph.extract(text).quotes
    assert (first.person, first.source_kind) == ("Acme Corp.", "organisation")
    assert second.source_kind == "unnamed" and "officials" in second.person


def test_floating_quote_takes_the_speaker_before_it():
    text = ("“The river rose in an hour,” said Maria Lopez, who runs the bakery.\n\n"
            "“We lost everything on the ground floor.”\n")
    first, second = quotegraph.extract(text).quotes
    # Floating, and named where its neighbour names the speaker.
    assert second.floating and (second.speaker, second.speaker_start) == (first.speaker, first.speaker_start)
    assert first.person == second.person == "Maria Lopez"


def test_statement_date_from_the_published_date():
    doc = quotegraph.extract("Defense Secretary Mark Esper said on Saturday that the talks would go on.",
                             published="2020-02-16")
    (quote,) = doc.quotes
    assert (quote.said_on, quote.said_on_precision) == ("2020-02-15", "day")


def test_company_noun_resolves_to_the_organisation_with_that_noun_in_its_name():
    text = ("Canadian Pacific Railway met the Teamsters Canada Rail Conference on Monday.\n\n"
            "The Calgary-based railway said trains are shortened when temperatures fall.\n\n"
            "The union said crews were tired.\n")
    railway, union = quotegraph.extract(text).quotes
    assert (railway.person, railway.source_kind) == ("Canadian Pacific Railway", "organisation")
    assert union.person == "Teamsters Canada Rail Conference"


def test_a_document_speaks_for_whoever_the_article_says_wrote_it():
    text = ("The Conference Board of Canada released a report on Tuesday.\n\n"
            "The report said wages would rise by three per cent next year.\n\n"
            "A lawsuit filed by the Canadian Union of Public Employees alleges the province broke the law.\n\n"
            "The lawsuit says the workers were never consulted.\n\n"
            "A memo said the plan was on hold.\n")
    report, alleges, lawsuit, memo = quotegraph.extract(text).quotes
    assert (report.speaker, report.person) == ("The report", "Conference Board of Canada")
    assert alleges.person == lawsuit.person == "Canadian Union of Public Employees"
    assert memo.source_kind == "document"  # nobody is said to have written it


def test_an_organisation_described_by_a_word_of_its_name():
    text = ("A study by the railway company explains why freight runs late in deep frost.\n\n"
            "The study is posted by Northern Prairie Railway.\n\n"
            "The railway company said crews couple fewer cars when the cold sets in.\n")
    quote = quotegraph.extract(text).quotes[-1]
    assert (quote.person, quote.source_kind) == ("Northern Prairie Railway", "organisation")


def test_a_pronoun_about_someone_else_does_not_set_the_speakers_gender():
    text = ("Russian President Vladimir Putin spoke on Monday.\n\n"
            "Tatiana Stanovaya, a political expert, noted that Putin's stance stems from his view of the West.\n\n"
            "“Putin believes that the pressure will only grow,” she said.\n")
    assert quotegraph.extract(text).quotes[-1].person == "Tatiana Stanovaya"


def test_a_shared_surname_goes_to_the_person_the_article_is_about():
    text = ("North Korean leader Kim Jong-un arrived in Beijing on Tuesday.\n\n"
            "Kim Jong-un met President Xi Jinping. Kim Jong-un was greeted at the station.\n\n"
            "He was joined by his top aide Kim Yong-chol.\n\n"
            "Kim said he was ready to meet Trump again.\n")
    assert quotegraph.extract(text).quotes[-1].person == "Kim Jong-un"


def test_the_subject_of_a_relative_clause_is_not_who_he_is():
    text = ("Tom Brennan has turned his old barn into a small museum of the sport.\n\n"
            "It shows a letter that team manager Luis Ferreira wrote to Brennan in 2009.\n\n"
            "“Visitors can read it for themselves,” he said.\n")
    assert quotegraph.extract(text).quotes[-1].person == "Tom Brennan"


def test_a_surname_the_model_calls_an_organisation_is_still_the_person():
    text = ("Dan Sayers, the president of Harbour Analytics, studies rents in Halifax.\n\n"
            "Jo Park, the head of Lettings.ca, said prices were rising.\n\n"
            "Sayers also quoted a study by Ann Greer, the head of the Urban Policy Centre.\n\n"
            "\"Every tenant ends up one rung lower,\" he said.\n")
    assert quotegraph.extract(text).quotes[-1].person == "Dan Sayers"


def test_a_name_the_model_calls_an_organisation_is_a_person_when_a_title_follows_it():
    doc = quotegraph.extract("Ferries to the islands were cancelled. Lars Nygaard, the mayor of Bodo, said the town "
                             "had opened three shelters.")
    assert [(q.person, q.source_kind) for q in doc.quotes] == [("Lars Nygaard", "person")]
    assert [(p.name, p.kind) for p in doc.people] == [("Lars Nygaard", "person")]
    # An organisation described as one ("the retailer") stays one.
    doc = quotegraph.extract("Shares fell. Harbour Freight, the retailer, said sales fell in the spring.")
    assert [(p.name, p.kind) for p in doc.people] == [("Harbour Freight", "organisation")]


def test_a_one_word_name_described_in_apposition_is_a_person():
    text = ("Governor Paul Okoro was expected to tour the coast on Monday.\n\n"
            "Yuna, a fisherman's widow from the harbour town, was cooking dinner when the wave hit.\n\n"
            "“The windows shook and I thought a truck had crashed,” she said.\n")
    doc = quotegraph.extract(text)
    assert doc.quotes[-1].person == "Yuna"


def test_a_person_in_an_image_caption_is_not_who_the_next_he_is():
    text = ("Hugh Barnes, a professor at the University of Leeds, has written a history of the miners.\n\n"
            "Walter Pike, a retired miner, holds a lamp in Sheffield. ( THE CANADIAN PRESS FILE PHOTO )\n\n"
            "“Those men knew exactly what they were owed,” he says.\n")
    assert quotegraph.extract(text).quotes[-1].person == "Hugh Barnes"


def test_the_military_is_not_the_organisation_named_last():
    text = ("The Red Cross sent 40 volunteers to the coast on Monday.\n\n"
            "The military said its soldiers would hand out water and blankets.\n")
    quote, = quotegraph.extract(text).quotes
    assert (quote.person, quote.source_kind) == ("military", "organisation")


def test_an_acronym_the_article_spelled_out_speaks_as_that_organisation():
    doc = quotegraph.extract("Harbour Export Finance (HEF), the provincial credit agency, insures firms that sell abroad.\n\n"
                             "HEF says it is self-funding and pays no dividend to the province.")
    quote = doc.quotes[0]
    assert (quote.person, quote.source_kind) == ("Harbour Export Finance", "organisation")
    assert [p.name for p in doc.people if p.kind == "person"] == []


def test_a_name_given_for_comparison_is_no_antecedent():
    doc = quotegraph.extract("Local press turns one\n\n"
                             "No, I am not talking about Robert Redford, who played a ferry captain on TV.\n\n"
                             "I am talking about Maria Lopez, who like Redford was born in Texas and made her way to Canada.\n\n"
                             "\u201cWe print anything by anyone,\u201d says the 41-year-old founder of Quillhouse Press.")
    assert [q.person for q in doc.quotes] == ["Maria Lopez"]


def test_they_stands_for_a_group_not_for_a_country():
    doc = quotegraph.extract("Factory managers met in London on Monday to discuss exports to France.\n\n"
                             "They said the new border checks would cost them millions.")
    assert [q.person for q in doc.quotes] == ["Factory managers"]


def test_a_quote_whose_speaker_the_article_never_names_takes_no_later_persons_name():
    doc = quotegraph.extract("She explained why nobody should be shocked: \u201cMen, you will not vanish by taking "
                             "your wife\u2019s name,\u201d she wrote. \u201cIf anything, you will gain a family.\u201d\n\n"
                             "Soon after the polls closed, Dana Ruiz told a crowd in Dayton that she expects to win.")
    assert [q.person for q in doc.quotes][-3:] == [None, None, "Dana Ruiz"]


def test_a_name_in_apposition_to_a_titles_object_takes_the_title():
    doc = quotegraph.extract("Ferry service cut for winter: mayor\n\n"
                             "The mayor of Harwick, Dan Price, said on Monday that the old ferry was unsafe.")
    price = next(p for p in doc.people if p.name == "Dan Price")
    assert [(r.title, r.organisation) for r in price.roles] == [("mayor", "Harwick")]
    assert [q.person for q in doc.quotes] == ["Dan Price", "Dan Price"]


def test_a_bare_title_speaking_in_a_headline_is_someone_not_an_organisation():
    doc = quotegraph.extract("Mayor says bridge 'will not reopen'\n\nThe bridge has been closed since May.\n")
    assert [(q.speaker, q.source_kind) for q in doc.quotes] == [("Mayor", "unnamed")]


def test_an_age_description_before_the_cue_is_the_speaker_and_resolves_to_the_person_described():
    doc = quotegraph.extract("Dr Amira Saleh leads the lab. \"The data is clear,\" the 52-year-old said. Her colleague, "
                             "Paul Dunn, said he was less sure.")
    assert [q.person for q in doc.quotes] == ["Amira Saleh", "Paul Dunn"]


def test_the_speaker_of_a_cue_inside_a_relative_clause_runs_from_the_antecedent_to_the_pronoun():
    doc = quotegraph.extract("The mayor met tenant groups who say rents in the district have doubled.")
    assert [(q.speaker, q.text) for q in doc.quotes] == [("tenant groups who", "rents in the district have doubled")]
    doc = quotegraph.extract("Ana Brooks, who still has the phone, said the call came at night.")
    assert [q.speaker for q in doc.quotes] == ["Ana Brooks"]


def test_a_share_of_a_group_speaks_as_the_group_not_as_the_last_person_named():
    doc = quotegraph.extract("Councillor Hana Bright spoke first.\n\nAbout half of those surveyed said they had cut "
                             "back on restaurant meals.\n\nThe majority said they would stay home.")
    assert [(q.person, q.source_kind) for q in doc.quotes] == [
        ("half of those surveyed", "group"), ("majority", "group")]


def test_an_honorific_makes_a_person_of_a_surname_the_tagger_calls_an_organisation():
    doc = quotegraph.extract("Turnout was 38 per cent. Ms Price said the cut would come in April.")
    assert [(q.person, q.source_kind) for q in doc.quotes] == [("Price", "person")]


def test_a_capitalised_source_noun_that_speaks_is_no_persons_name():
    doc = quotegraph.extract("Police: Two Held After Fight Near Arena\n\nPolice in Leiden said two men were held after "
                             "fans fought near the arena on Sunday.")
    assert doc.quotes and all(q.source_kind != "person" for q in doc.quotes)
    assert not [p for p in doc.people if p.kind == "person"]


def test_a_description_glued_to_a_name_the_article_has_resolves_to_that_person():
    doc = quotegraph.extract("Shopkeeper Deepak Sharma, 58, said the new parking charges were hurting trade. The "
                             "charges came in on New Year's Day.")
    assert [(q.person, q.source_kind) for q in doc.quotes] == [("Deepak Sharma", "person")]
    doc = quotegraph.extract("North Korea said the talks were over. The envoy left Seoul on Monday.")
    assert all(q.source_kind != "person" for q in doc.quotes)


def test_the_description_resolves_to_the_one_person_described_so_in_apposition_not_the_nearest():
    doc = quotegraph.extract("Sen. Carla Diaz, a Democrat, and Rep. Tom Burke, a Republican, wrote the bill together. "
                             "The Democrat said it would cut drug costs for seniors. The Republican said it would "
                             "bring jobs back to the state.")
    assert [q.person for q in doc.quotes] == ["Carla Diaz", "Tom Burke"]
    doc = quotegraph.extract("Ann Lee, a baker, opened the shop in May. Her rival, Bo Kim, sells bread too. The baker "
                             "said sales had doubled.")
    assert [q.person for q in doc.quotes] == ["Ann Lee"]


def test_a_name_in_apposition_to_a_title_is_a_person_whatever_the_tagger_calls_it():
    doc = quotegraph.extract('Coach Maria Santos and her captain, Leo Park, spoke to reporters after the match. "We were '
                             'the better team," she said. "We deserved the win," he added.')
    assert [q.person for q in doc.quotes] == ["Maria Santos", "Leo Park"]
