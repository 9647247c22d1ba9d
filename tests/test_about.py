"""quotegraph.about and the store's `about` filter: whom each quote is about, on the seeds and on
sentences of our own (pronouns and descriptions resolved through the article's people)."""
from __future__ import annotations

import pytest

from quotegraph import extract
from quotegraph.corpus import Corpus
from quotegraph.records import entity_key

SEED_DATES = {"000_efea13dbd7244d59": ("2021-08-18", "GB News"), "003_3b6c2a0a7b00c309": ("2020-02-15", "AT News")}


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory, seeds_dir):
    path = tmp_path_factory.mktemp("about") / "seeds.db"
    with Corpus(path) as corpus:
        for stem, (published, outlet) in SEED_DATES.items():
            if not (seeds_dir / f"{stem}.txt").exists():
                pytest.skip("the seeds are not here")
            corpus.ingest([str(seeds_dir / f"{stem}.txt")], published=published, outlet=outlet)
    with Corpus(path, readonly=True) as corpus:
        yield corpus


def _texts(rows) -> list[str]:
    return [" ".join(r.text.split()) for r in rows]


def test_about_taliban_is_entity_based_and_resolves_the_group(seeds_store):
    rows = seeds_store.quotes(about="Taliban", limit=100)
    assert rows and {r.person for r in rows} == {"Jens Stoltenberg"}
    texts = _texts(rows)
    # "the group" is the Taliban: the description is resolved, the quote never names them.
    assert any(t.startswith('the group "must facilitate') for t in texts)
    assert any("the Taliban need to demonstrate" in t for t in texts)  # the other seed too
    # Entity-based, not a word search: "Taliban" as a word finds fewer quotes than the entity.
    words = seeds_store.quotes(search="Taliban", limit=100)
    assert {r.id for r in words} < {r.id for r in rows}
    described = next(r for r in rows if r.text.startswith("the group"))
    assert "Taliban" in (described.about or "")


def test_about_ben_wallace_resolves_the_defence_secretary(seeds_store):
    rows = seeds_store.quotes(about="Ben Wallace", limit=100)
    assert [(r.person, " ".join(r.text.split())[:60]) for r in rows] == [
        ("Jens Stoltenberg", "he was not part of the UK Defence Secretary's efforts urging")]
    # Every alias of the registered person finds the same quotes.
    assert [r.id for r in seeds_store.quotes(about="Wallace")] == [r.id for r in rows]


def test_about_nato_finds_both_seeds_speakers_and_esper_is_talked_about_by_no_one(seeds_store):
    speakers = {r.person for r in seeds_store.quotes(about="NATO", limit=100)}
    assert {"Jens Stoltenberg", "Mark Esper"} <= speakers
    assert seeds_store.quotes(about="Mark Esper", limit=100) == []
    assert seeds_store.count_quotes(about="Mark Esper") == 0


def test_about_combines_with_the_other_filters(seeds_store):
    both = seeds_store.quotes(about="NATO", speaker="Esper", limit=100)
    assert both and {r.person for r in both} == {"Mark Esper"}
    assert seeds_store.quotes(about="NATO", since="2021-01", speaker="Esper") == []


def test_a_speaker_is_not_about_themselves():
    text = ("Dana Okafor, the mayor of Port Ellis, spoke on Monday. Okafor said she would not resign. "
            "Later she said Ravi Menon had misled the council about the budget.")
    doc = extract(text)
    about = {(doc.quotes[a.quote].person, a.entity) for a in doc.about}
    assert ("Dana Okafor", "Dana Okafor") not in about
    assert ("Dana Okafor", "Ravi Menon") in about


def test_pronoun_inside_an_indirect_quote_is_the_person_named_before():
    text = ("Omar Haddad, the militia's leader, was seen in the capital on Sunday. "
            "The minister, Maria Voss, said he had ordered the attacks himself.")
    doc = extract(text)
    found = [(a.entity, a.text, a.via) for a in doc.about]
    assert ("Omar Haddad", "he", "pronoun") in found


def test_company_description_is_the_organisation_named_before():
    text = ("Northwind Freight cut 300 jobs on Tuesday. Union leader Pat Quinlan said the company "
            "had broken its promise to the workers of the town.")
    doc = extract(text)
    found = {(a.entity, a.kind, a.via) for a in doc.about}
    assert ("Northwind Freight", "organisation", "description") in found
    about_text = [doc.text[a.start:a.end] for a in doc.about if a.via == "description"]
    assert about_text == ["the company"]


def test_entity_key_folds_case_spacing_and_article():
    assert entity_key("the  Taliban") == "taliban"
    assert entity_key("Jens STOLTENBERG") == "jens stoltenberg"


def test_the_parsed_doc_keeps_no_resolver_after_extraction():
    from quotegraph import nlp
    from quotegraph.clean import clean
    from quotegraph.pipeline import build_document
    from quotegraph.records import Article

    text = 'Mayor Dana Okafor said on Monday: "The bridge will reopen in May, and the council agrees."'
    doc = nlp.load()(clean(text).text)
    document = build_document(doc, clean(text), Article(text=text))
    assert document.quotes and "quotegraph.resolver" not in doc.user_data
    doc.to_bytes()  # still serialisable


def test_facets_and_counts_follow_the_about_filter(seeds_store):
    about = seeds_store.quotes(about="Taliban", limit=100)
    found = seeds_store.facets(about="Taliban")
    assert found.total == len(about) < seeds_store.facets().total
    assert {v.label for v in found.facets["speaker"]} == {"Jens Stoltenberg"}
