"""`Corpus` as the whole Python API: person pages, corrections, options, filters, the schema's
registry migration. Hand-built documents (no model needed), real store files."""
from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from people_support import person_id_of, store
from quotegraph.corpus import Corpus, ExtractOptions, QuoteFilter, ReadOptions, options
from quotegraph.errors import BadQuery
from quotegraph.store import SCHEMA_VERSION
from test_registry_linking import seeds_like, smiths


@pytest.fixture()
def seeded(tmp_path):
    with store(tmp_path) as corpus:
        corpus.add(seeds_like())
        yield corpus


def test_person_page_is_one_object_for_cli_and_web(seeded) -> None:
    page = seeded.person("Stoltenberg")
    assert page.name == "Jens Stoltenberg" and page.id == seeded.person_id("Jens Stoltenberg")
    assert seeded.person(f"#{page.id}").profile == page.profile == seeded.person(page.id).profile
    dates = [row["date"] for row in page.timeline]
    assert dates == sorted(dates) and len(dates) == page.profile["quote_count"]
    assert sum(m["quotes"] for m in page.monthly) == len(page.timeline)
    assert {a["published"] for a in page.articles} == {"2020-02-16", "2021-08-18"}
    assert page.to_dict()["timeline"] == list(page.timeline)
    assert set(page.overview()) == set(page.profile) | {"monthly", "articles"}
    about = seeded.person("Stoltenberg", about="peace process")
    assert [r["quote"] for r in about.timeline] == ["that the allies had discussed the peace process"]
    with pytest.raises(BadQuery):
        seeded.person("Nobody Atall")
    with pytest.raises(BadQuery):
        seeded.person(99999)


def test_plot_from_the_page(seeded, tmp_path) -> None:
    svg = seeded.person("Jens Stoltenberg").plot(tmp_path / "jens.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Forces News" in svg


def test_merge_split_undo_through_corpus(tmp_path) -> None:
    minister, footballer, surname_only, no_context = smiths()
    with store(tmp_path) as corpus:
        corpus.add([minister, footballer, surname_only, no_context])
        sarah = person_id_of(corpus.conn, footballer[0].id, "Sarah Smith")
        lone = person_id_of(corpus.conn, no_context[0].id, "Smith")
        kept, absorbed = corpus.merge(sarah, lone)
        assert (kept.id, absorbed) == (sarah, "Smith")
        assert person_id_of(corpus.conn, no_context[0].id, "Smith") == sarah
        new = corpus.split(sarah, [surname_only[0].id[:8]], name="Smith (cup final)")
        assert new.name == "Smith (cup final)" and new.id != sarah
        assert [d["action"] for d in corpus.decisions()] == ["merge", "split"]
        assert corpus.rebuild_registry() == corpus.stats()["people"]
        corpus.undo(corpus.decisions()[0]["id"])
        assert person_id_of(corpus.conn, no_context[0].id, "Smith") != person_id_of(
            corpus.conn, footballer[0].id, "Sarah Smith")
        with pytest.raises(BadQuery):
            corpus.undo(12345)


def test_corrections_refused_on_a_readonly_store(seeded) -> None:
    path = seeded.path
    seeded.close()
    with Corpus(path, readonly=True) as corpus, pytest.raises(Exception, match="read-only"):
        corpus.rebuild_registry()


def test_quotes_take_a_filter_object_and_carry_the_role(seeded) -> None:
    by_object = seeded.quotes(QuoteFilter(speaker="Stoltenberg"), limit=20)
    by_keywords = seeded.quotes(speaker="Stoltenberg", limit=20)
    assert by_object == by_keywords and by_object
    assert seeded.count_quotes(QuoteFilter(speaker="Stoltenberg")) == len(by_object)
    # Keywords lay over the object.
    assert seeded.quotes(QuoteFilter(speaker="Stoltenberg"), outlet="AT News", limit=20) == seeded.quotes(
        speaker="Stoltenberg", outlet="AT News", limit=20)
    esper = seeded.quotes(speaker="Esper", limit=5)
    assert [q.role for q in esper] == ["Defense Secretary of US"]



def test_a_quote_row_as_a_dict_is_what_dataclasses_asdict_gives(seeded) -> None:
    """`QuoteRow.to_dict` reads the fields directly (a page of rows is built for every search): the
    same keys in the same order, the same values, as the generic `dataclasses.asdict` it replaces."""
    rows = seeded.quotes(limit=100)
    assert len(rows) > 5
    for row in rows:
        fast, generic = row.to_dict(), dataclasses.asdict(row)
        assert list(fast.items()) == list(generic.items())
    assert rows.to_dicts() == [dataclasses.asdict(r) for r in rows]

def test_ingest_options_travel_whole_or_by_field() -> None:
    read, extract = options(ReadOptions(outlet="Wire"), ExtractOptions(workers=2), published="2021-08-18",
                            batch_size=8)
    assert (read.outlet, read.published, extract.workers, extract.batch_size) == ("Wire", "2021-08-18", 2, 8)
    with pytest.raises(TypeError, match="progres"):
        options(progres=True)


def test_registry_tables_come_from_migration_7_and_old_links_get_profiles(tmp_path) -> None:
    """A store linked by a version that created the registry's tables itself and had no entity
    profiles: opening it migrates to 7, and the next write fills the profiles once."""
    first, second = seeds_like()
    path = tmp_path / "old.db"
    with Corpus(path) as corpus:
        corpus.add([first])
        linked = corpus.conn.execute("SELECT COUNT(DISTINCT person_id) FROM person_entity_articles").fetchone()[0]
    assert linked > 0
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE person_entities; DROP TABLE person_entity_articles; "
                       "UPDATE meta SET value = '6' WHERE key = 'schema_version';")
    conn.close()
    with Corpus(path) as corpus:
        version = corpus.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION >= 7
        assert corpus.conn.execute("SELECT value FROM meta WHERE key = 'registry_profiles'").fetchone() == (
            "pending",)
        corpus.add([second])
        assert corpus.conn.execute("SELECT 1 FROM meta WHERE key = 'registry_profiles'").fetchone() is None
        refilled = corpus.conn.execute(
            "SELECT COUNT(DISTINCT person_id) FROM person_entity_articles WHERE article_id = ?",
            (first[0].id,)).fetchone()[0]
    assert refilled == linked
