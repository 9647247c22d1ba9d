"""Gender from the text (people/gender.py and store/diversity.py): pronouns resolved to the person,
honorifics and gendered role nouns, counted per person; "unknown" without evidence, never from a
first name; a user's file sets or unsets it. On the seeds and on an article we wrote."""
from __future__ import annotations

import csv
import io
import json

import pytest

from quotegraph.cli import main
from quotegraph.corpus import Corpus
from quotegraph.errors import BadInput
from quotegraph.people.gender import decide, honorific_gender, pronoun_gender, role_gender
from test_web_queries import web_store  # noqa: F401  (fixture: the seeds, ingested with the model)

# Our own text: two people quoted, no pronoun, honorific or gendered role for either. "Maria" and
# "John" are first names a name list would guess a gender from; the text says nothing.
NO_EVIDENCE = ("Council approves new ferry timetable\n\n"
               "The island council voted on Thursday to add two evening sailings from March.\n\n"
               "\"The late boats are what commuters asked for,\" Maria Castellane, the council's transport "
               "chair, said after the vote.\n\n"
               "\"We will review the numbers in a year,\" John Okoro, the harbour director, told reporters.\n")


def test_the_words_that_say_a_gender():
    assert pronoun_gender("He") == "male" and pronoun_gender("her") == "female"
    assert pronoun_gender("they") is None and pronoun_gender(None) is None
    assert honorific_gender("Mr Stoltenberg") == "male" and honorific_gender("Mrs. Ruiz") == "female"
    assert honorific_gender("Dr Lee") is None and honorific_gender("Mr") is None
    assert role_gender("Spokeswoman") == "female" and role_gender("chief spokesman") == "male"
    assert role_gender("spokesperson") is None and role_gender("chairman") is None


def test_a_gender_needs_evidence_that_agrees():
    assert decide(0, 0).gender == "unknown"
    assert (decide(0, 6).gender, decide(0, 6).evidence) == ("male", 6)
    assert decide(4, 1).gender == "female"
    assert decide(3, 2).gender == "unknown"  # the text disagrees with itself: no guess
    assert decide(0, 5, "female").to_dict() == {"gender": "female", "evidence": 0, "female": 0, "male": 5,
                                                "set_by": "user"}
    with pytest.raises(ValueError):
        decide(0, 0, "other")


def test_seed_speakers_have_gender_from_the_text(web_store):  # noqa: F811
    with Corpus(web_store, readonly=True) as corpus:
        people = {p.name: p for p in corpus.genders(limit=50)}
    stoltenberg, esper = people["Jens Stoltenberg"].gender, people["Mark Esper"].gender
    # "he said" six times and "Mr Stoltenberg"; "he said" three times for Esper.
    assert (stoltenberg.gender, stoltenberg.female) == ("male", 0) and stoltenberg.evidence >= 6
    assert (esper.gender, esper.female) == ("male", 0) and esper.evidence >= 3
    # Ben Wallace is named once ("Ben Wallace revealed…") and never "he" nor "Mr": the text gives no
    # gender, so none is given (a first-name list would have said male).
    assert people["Ben Wallace"].gender.gender == "unknown" and people["Ben Wallace"].gender.evidence == 0


def test_an_article_without_gendered_evidence_is_unknown(tmp_path):
    story = tmp_path / "ferry.txt"
    story.write_text(NO_EVIDENCE, encoding="utf-8")
    with Corpus(tmp_path / "g.db") as corpus:
        corpus.ingest([str(story)], published="2024-03-07", outlet="Island Courier")
        people = {p.name: p.gender for p in corpus.genders()}
        quoted = {q.person for q in corpus.quotes()}
        assert {"Maria Castellane", "John Okoro"} <= quoted
        assert people["Maria Castellane"].gender == people["John Okoro"].gender == "unknown"
        row = corpus.diversity(by=("outlet",))[0]
        assert (row.persons, row.female, row.male, row.unknown) == (2, 0, 0, 2)
        analysed = corpus.analyze(NO_EVIDENCE)
        assert {p["name"]: p["gender"]["gender"] for p in analysed["people"] if p["kind"] == "person"} == {
            "Maria Castellane": "unknown", "John Okoro": "unknown"}


def test_a_user_file_sets_and_unsets_a_gender(tmp_path, web_store):  # noqa: F811
    db = tmp_path / "copy.db"
    db.write_bytes(web_store.read_bytes())
    table = tmp_path / "genders.csv"
    table.write_text("name,gender\nBen Wallace,male\nMr Stoltenberg,unknown\n", encoding="utf-8")
    with Corpus(db) as corpus:
        assert corpus.load_genders(table) == 2
        people = {p.name: p.gender for p in corpus.genders()}
        assert people["Ben Wallace"].to_dict()["set_by"] == "user" and people["Ben Wallace"].gender == "male"
        assert people["Jens Stoltenberg"].gender == "unknown"  # set by alias; the evidence is still counted
        assert people["Jens Stoltenberg"].male >= 6
        table.write_text("Mr Stoltenberg,\n", encoding="utf-8")  # empty: forget the setting
        corpus.load_genders(table)
        assert {p.name: p.gender.gender for p in corpus.genders()}["Jens Stoltenberg"] == "male"
        table.write_text("Ben Wallace,maybe\n", encoding="utf-8")
        with pytest.raises(BadInput, match="line 1"):
            corpus.load_genders(table)


def test_stats_and_genders_commands(web_store, capsys):  # noqa: F811
    code = main(["stats", "--by", "outlet,month", "--format", "csv", "--db", str(web_store)])
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and {"outlet", "month", "quotes", "sources", "female", "male", "female_share"} <= set(rows[0])
    assert sum(int(r["quotes"]) for r in rows) == Corpus(web_store, readonly=True).count_quotes()
    code = main(["stats", "--by", "year", "--format", "json", "--speaker", "Stoltenberg", "--db", str(web_store)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and {r["year"] for r in data} == {"2020", "2021"} and all(r["male"] == 1 for r in data)
    code = main(["genders", "--gender", "male", "--format", "json", "--db", str(web_store)])
    names = {r["name"] for r in json.loads(capsys.readouterr().out)}
    assert code == 0 and {"Jens Stoltenberg", "Mark Esper"} <= names and "Ben Wallace" not in names
    with pytest.raises(SystemExit):
        main(["stats", "--by", "colour", "--db", str(web_store)])
