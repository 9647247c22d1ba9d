"""The cross-article registry on a real store file, fed hand-built documents (no model needed)."""
from __future__ import annotations

import sqlite3

import pytest

from people_support import article, person, person_id_of, store
from quotegraph.errors import BadQuery
from quotegraph.registry import decisions, linking, timeline
from quotegraph.store.writer import Transaction

ESPER_003 = ("US Defense Secretary Mark Esper in a statement on Saturday said, \u201cWe stay.\u201d\n\n"
             "The NATO Secretary General Jens Stoltenberg at a press conference on Friday said that "
             "the allies had discussed the peace process.\n\n\u201cNATO remains committed,\u201d Stoltenberg said.")
SEED_000 = ("NATO's Secretary General has said he was not part of the effort.\n\n"
            "Earlier this month, Ben Wallace revealed in The Telegraph the UK tried to form a coalition.\n\n"
            "However, Jens Stoltenberg said \"there was no willingness\".\n\n"
            "\"We never intended to stay,\" Mr Stoltenberg said.")


def seeds_like():
    a003 = article(ESPER_003, "2020-02-16", outlet="AT News", people=(
        person("Mark Esper", "US Defense Secretary Mark Esper", roles=(("Defense Secretary", "US"),)),
        person("Jens Stoltenberg", "the NATO Secretary General Jens Stoltenberg",
               roles=(("Secretary General", "NATO"),)),
        person("Stoltenberg", kind="organisation")),  # NER's mistake, as the real extraction makes it
        quotes=(("\u201cWe stay.\u201d", "Mark Esper", "US Defense Secretary Mark Esper", "person"),
                ("that the allies had discussed the peace process", "Jens Stoltenberg", "Jens Stoltenberg", "person"),
                ("\u201cNATO remains committed,\u201d", "Stoltenberg", "Stoltenberg", "organisation")),
        entities=(("NATO", "ORG"), ("Mark Esper", "PERSON")))
    a000 = article(SEED_000, "2021-08-18", outlet="Forces News", people=(
        person("Jens Stoltenberg", "Mr Stoltenberg", "he", roles=(("Secretary General", None),), quotes=2),
        person("Secretary General", "NATO's Secretary General"),
        person("Ben Wallace", roles=(("Defence Secretary", "UK"),))),
        quotes=(("he was not part of the effort", "Secretary General", "NATO's Secretary General", "person"),
                ("the UK tried to form a coalition", "Ben Wallace", "Ben Wallace", "person"),
                ("\"there was no willingness\"", "Jens Stoltenberg", "Jens Stoltenberg", "person"),
                ("\"We never intended to stay,\"", "Jens Stoltenberg", "Mr Stoltenberg", "person")),
        entities=(("NATO", "ORG"), ("The Telegraph", "ORG"), ("UK", "GPE")))
    return a003, a000


@pytest.fixture()
def seeded(tmp_path):
    corpus = store(tmp_path)
    corpus.add(seeds_like())
    yield corpus
    corpus.close()


def test_one_person_across_articles_with_role_dates(seeded) -> None:
    conn = seeded.conn
    jens = timeline.resolve_person(conn, "Jens Stoltenberg")
    a003, a000 = (a.id for a, _ in seeds_like())
    # Full name, bare surname (even mislabelled as an organisation) and the title all join him.
    for article_id, name in ((a003, "Jens Stoltenberg"), (a003, "Stoltenberg"), (a000, "Jens Stoltenberg"),
                             (a000, "Secretary General")):
        assert person_id_of(conn, article_id, name) == jens
    found = timeline.profile(conn, jens)
    assert found["quote_count"] == 5 and found["quoted_in"] == 2
    assert [(r["label"], r["first_seen"], r["last_seen"]) for r in found["roles"]] == [
        ("Secretary General of NATO", "2020-02-14", "2021-08-18")]
    assert {"Mr Stoltenberg", "NATO's Secretary General"} <= {a["alias"] for a in found["aliases"]}
    assert "he" not in {a["alias"] for a in found["aliases"]}


def test_statement_dates_filled_from_context(seeded) -> None:
    conn = seeded.conn
    esper = timeline.timeline(conn, timeline.resolve_person(conn, "Mark Esper"))
    assert [(r["date"], r["precision"]) for r in esper] == [("2020-02-15", "day")]
    wallace = timeline.timeline(conn, timeline.resolve_person(conn, "Wallace"))
    assert [(r["date"], r["precision"]) for r in wallace] == [("2021-08", "month")]
    roles = timeline.profile(conn, timeline.resolve_person(conn, "Ben Wallace"))["roles"]
    assert [(r["label"], r["first_seen"]) for r in roles] == [("Defence Secretary of UK", "2021-08")]


def test_update_is_idempotent(seeded) -> None:
    conn = seeded.conn
    before = [conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
              for t in ("people", "person_aliases", "person_roles", "article_people")]
    with Transaction(conn):
        linking.update_registry(conn, [r[0] for r in conn.execute("SELECT id FROM articles")])
    after = [conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
             for t in ("people", "person_aliases", "person_roles", "article_people")]
    assert before == after


def test_rebuild_gives_the_same_people(seeded) -> None:
    conn = seeded.conn
    before = sorted(conn.execute("SELECT p.name, ap.article_id, ap.name FROM article_people ap "
                                 "JOIN people p ON p.id = ap.person_id"))
    roles_before = sorted(conn.execute("SELECT title, organisation, first_seen, last_seen FROM person_roles"))
    with Transaction(conn):
        assert linking.rebuild_registry(conn) == 3
    assert sorted(conn.execute("SELECT p.name, ap.article_id, ap.name FROM article_people ap "
                               "JOIN people p ON p.id = ap.person_id")) == before
    assert sorted(conn.execute("SELECT title, organisation, first_seen, last_seen FROM person_roles")) == roles_before


# --- homonyms, role changes, titles, unnamed sources --------------------------------------------

def smiths():
    minister = article("Finance Minister John Smith said on Monday that Britain would borrow.\n\n"
                       "\"We will protect jobs,\" Smith said in London.", "2020-03-02",
                       people=(person("John Smith", "Smith", roles=(("Finance Minister", "Britain"),)),),
                       quotes=(("\"We will protect jobs,\"", "John Smith", "Smith", "person"),),
                       entities=(("Britain", "GPE"), ("London", "GPE")))
    footballer = article("Arsenal captain Sarah Smith said on Saturday she would stay.\n\n"
                         "\"This club is my home,\" Smith said after training.", "2020-05-10", outlet="Sports Weekly",
                         people=(person("Sarah Smith", "Smith", roles=(("captain", "Arsenal"),)),),
                         quotes=(("\"This club is my home,\"", "Sarah Smith", "Smith", "person"),),
                         entities=(("Arsenal", "ORG"),))
    surname_only = article("Arsenal won the cup on Sunday.\n\n\"It means everything,\" Smith said after "
                           "beating Chelsea.", "2021-05-02", outlet="Goal Post",
                           people=(person("Smith"),),
                           quotes=(("\"It means everything,\"", "Smith", "Smith", "person"),),
                           entities=(("Arsenal", "ORG"), ("Chelsea", "ORG")))
    no_context = article("\"Nobody told me,\" Smith said.", "2021-06-01", outlet="Blog",
                         people=(person("Smith"),), quotes=(("\"Nobody told me,\"", "Smith", "Smith", "person"),))
    return minister, footballer, surname_only, no_context


def test_homonyms_kept_apart_and_surname_resolved_by_context(tmp_path) -> None:
    minister, footballer, surname_only, no_context = smiths()
    with store(tmp_path) as corpus:
        corpus.add([minister, footballer, surname_only, no_context])
        conn = corpus.conn
        john = person_id_of(conn, minister[0].id, "John Smith")
        sarah = person_id_of(conn, footballer[0].id, "Sarah Smith")
        assert john != sarah
        assert person_id_of(conn, surname_only[0].id, "Smith") == sarah  # Arsenal, Chelsea
        # With nothing to tell them apart, a bare "Smith" is not forced onto either.
        lone = person_id_of(conn, no_context[0].id, "Smith")
        assert lone not in (john, sarah)
        assert timeline.find_people(conn, "Smith") == [lone]  # its exact name
        with pytest.raises(BadQuery, match="matches 3 people"):
            timeline.resolve_person(conn, "Smit")


def berg_articles():
    health = article("Health Minister Anna Berg said on Tuesday that schools in Norway would stay closed.\n\n"
                     "\"We cannot take risks,\" Berg said. Prime Minister Peter Holm agreed.", "2020-04-01",
                     people=(person("Anna Berg", "Berg", roles=(("Health Minister", "Norway"),)),
                             person("Peter Holm", roles=(("Prime Minister", "Norway"),), quotes=0)),
                     quotes=(("\"We cannot take risks,\"", "Anna Berg", "Berg", "person"),),
                     entities=(("Norway", "GPE"),))
    holm = article("\"This budget protects jobs,\" Prime Minister Peter Holm said on Monday in Norway.", "2020-11-03",
                   people=(person("Peter Holm", roles=(("Prime Minister", "Norway"),)),),
                   quotes=(("\"This budget protects jobs,\"", "Peter Holm", "Peter Holm", "person"),),
                   entities=(("Norway", "GPE"),))
    prime = article("\"Families are struggling,\" Prime Minister Anna Berg said on Wednesday in Oslo, Norway.",
                    "2022-01-20",
                    people=(person("Anna Berg", roles=(("Prime Minister", "Norway"),)),),
                    quotes=(("\"Families are struggling,\"", "Anna Berg", "Anna Berg", "person"),),
                    entities=(("Oslo", "GPE"), ("Norway", "GPE")))
    title_only = article("\"Norwegians have paid enough,\" the Prime Minister told reporters in Oslo.", "2022-04-12",
                         people=(person("the Prime Minister", kind="person"),),
                         quotes=(("\"Norwegians have paid enough,\"", "the Prime Minister", "the Prime Minister",
                                  "person"),),
                         entities=(("Oslo", "GPE"),))
    return health, holm, prime, title_only


def test_role_change_over_time(tmp_path) -> None:
    health, holm, prime, _ = berg_articles()
    with store(tmp_path) as corpus:
        corpus.add([health, holm, prime])
        conn = corpus.conn
        anna = timeline.resolve_person(conn, "Anna Berg")
        assert person_id_of(conn, prime[0].id, "Anna Berg") == anna
        roles = [(r["label"], r["first_seen"], r["last_seen"]) for r in timeline.profile(conn, anna)["roles"]]
        assert roles == [("Health Minister of Norway", "2020-04-01", "2020-04-01"),
                         ("Prime Minister of Norway", "2022-01-19", "2022-01-20")]


@pytest.mark.parametrize("title_first", [False, True])
def test_title_only_resolves_to_the_holder_at_that_date(tmp_path, title_first: bool) -> None:
    health, holm, prime, title_only = berg_articles()
    with store(tmp_path) as corpus:
        if title_first:  # the holder arrives in a later ingest: the title waits, then joins
            corpus.add([title_only])
            assert timeline.profile(corpus.conn, person_id_of(corpus.conn, title_only[0].id,
                                                               "the Prime Minister"))["kind"] == "unnamed"
        corpus.add([health, holm, prime])
        if not title_first:
            corpus.add([title_only])
        conn = corpus.conn
        anna = timeline.resolve_person(conn, "Anna Berg")
        # Peter Holm was Prime Minister too, but in 2020; the article is of April 2022.
        assert person_id_of(conn, title_only[0].id, "the Prime Minister") == anna
        said = [r["quote"] for r in timeline.timeline(conn, anna)]
        assert said[-1] == "\"Norwegians have paid enough,\""
        assert conn.execute("SELECT COUNT(*) FROM people WHERE name = 'the Prime Minister'").fetchone()[0] == 0


def test_title_too_far_from_any_tenure_stays_unresolved(tmp_path) -> None:
    health, holm, _, _ = berg_articles()
    old = article("\"We will rebuild,\" the Prime Minister said.", "2015-01-10",
                  people=(person("the Prime Minister"),),
                  quotes=(("\"We will rebuild,\"", "the Prime Minister", "the Prime Minister", "person"),))
    with store(tmp_path) as corpus:
        corpus.add([health, holm, old])
        conn = corpus.conn
        placeholder = person_id_of(conn, old[0].id, "the Prime Minister")
        assert placeholder != timeline.resolve_person(conn, "Peter Holm")
        assert timeline.profile(conn, placeholder)["kind"] == "unnamed"


def test_unnamed_sources_kept_as_such(tmp_path) -> None:
    text = ("Officials said the hospital would open late.\n\n\"It took longer,\" a spokesperson for the health "
            "ministry said.\n\nThe company said it would pay.")
    unnamed = article(text, "2022-04-20", people=(
        person("officials", kind="unnamed"),
        person("a spokesperson for the health ministry", roles=(("spokesperson", "health ministry"),), kind="unnamed"),
        person("the company", kind="unnamed")),
        quotes=(("\"It took longer,\"", "a spokesperson for the health ministry",
                 "a spokesperson for the health ministry", "unnamed"),))
    health, *_ = berg_articles()
    with store(tmp_path) as corpus:
        corpus.add([health, unnamed])
        conn = corpus.conn
        kinds = dict(conn.execute("SELECT name, kind FROM people"))
        assert kinds["officials"] == kinds["the company"] == "unnamed"
        assert kinds["a spokesperson for the health ministry"] == "unnamed"
        assert kinds["Anna Berg"] == "person"  # the health ministry's spokesperson is not its minister
        spokesperson = timeline.resolve_person(conn, "a spokesperson for the health ministry")
        assert [r["label"] for r in timeline.profile(conn, spokesperson)["roles"]] == [
            "spokesperson of the health ministry"]


# --- manual decisions survive new articles, rebuilds and re-ingest ------------------------------

def _reingest(corpus, pair) -> None:
    """Delete an article's rows and store it again, as a re-ingest of a changed store would."""
    article_id = pair[0].id
    with Transaction(corpus.conn) as conn:
        for table in ("quotes", "mentions", "article_people"):
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    corpus.add([pair])


def test_merge_and_split_survive_reingest_and_rebuild(tmp_path) -> None:
    minister, footballer, surname_only, no_context = smiths()
    health, holm, prime, _ = berg_articles()
    with store(tmp_path) as corpus:
        corpus.add([minister, footballer, surname_only, no_context])
        conn = corpus.conn
        sarah = person_id_of(conn, footballer[0].id, "Sarah Smith")
        lone = person_id_of(conn, no_context[0].id, "Smith")
        with Transaction(conn):
            decisions.merge(conn, sarah, lone)  # the user knows the blog's Smith is the footballer
        assert person_id_of(conn, no_context[0].id, "Smith") == sarah
        with Transaction(conn):
            decisions.split(conn, sarah, [surname_only[0].id[:8]], name="Smith (cup final)")
        split_off = person_id_of(conn, surname_only[0].id, "Smith")
        assert split_off != sarah
        assert conn.execute("SELECT name FROM people WHERE id = ?", (split_off,)).fetchone()[0] == "Smith (cup final)"

        def check() -> None:
            sarah_now = person_id_of(conn, footballer[0].id, "Sarah Smith")
            assert person_id_of(conn, no_context[0].id, "Smith") == sarah_now
            assert person_id_of(conn, surname_only[0].id, "Smith") not in (
                sarah_now, person_id_of(conn, minister[0].id, "John Smith"))
            assert conn.execute("SELECT COUNT(*) FROM people WHERE name = 'Smith (cup final)'").fetchone()[0] == 1

        corpus.add([health, holm, prime])  # new articles: decisions still hold
        check()
        for pair in (no_context, surname_only, footballer):
            _reingest(corpus, pair)
            check()
        with Transaction(conn):
            linking.rebuild_registry(conn)
        check()
        assert [d["action"] for d in decisions.decisions(conn)] == ["merge", "split"]
        corpus.undo(corpus.decisions()[0]["id"])
        assert person_id_of(conn, no_context[0].id, "Smith") != person_id_of(conn, footballer[0].id, "Sarah Smith")


def test_decisions_refuse_nonsense(seeded) -> None:
    conn = seeded.conn
    jens = timeline.resolve_person(conn, "Jens Stoltenberg")
    with pytest.raises(BadQuery):
        decisions.merge(conn, jens, jens)
    with pytest.raises(BadQuery, match="not mentioned"):
        decisions.split(conn, jens, ["0000000000000000"])
    esper = timeline.resolve_person(conn, "Mark Esper")
    only = conn.execute("SELECT article_id FROM article_people WHERE person_id = ?", (esper,)).fetchone()[0]
    with pytest.raises(BadQuery, match="only in"):
        decisions.split(conn, esper, [only])


def test_alias_table_pins_names_and_ids(seeded, tmp_path) -> None:
    table = tmp_path / "aliases.csv"
    table.write_text("name,alias,wikidata\nJens Stoltenberg,Stoltenberg,Q57235\n"
                     "Mark Thomas Esper,Mark Esper,Q28036987\n", encoding="utf-8")
    conn = seeded.conn
    assert seeded.load_aliases(table) == 2
    jens = timeline.profile(conn, timeline.resolve_person(conn, "Stoltenberg"))
    assert jens["external_id"] == "Q57235" and jens["quote_count"] == 5
    esper = timeline.profile(conn, timeline.resolve_person(conn, "Mark Esper"))
    assert (esper["name"], esper["external_id"]) == ("Mark Thomas Esper", "Q28036987")


def test_alias_table_errors(seeded, tmp_path) -> None:
    from quotegraph.errors import BadInput

    bad = tmp_path / "bad.csv"
    bad.write_text("who,alias\nx,y\n", encoding="utf-8")
    with pytest.raises(BadInput, match="name"):
        seeded.load_aliases(bad)
    with pytest.raises(BadInput, match="cannot read"):
        seeded.load_aliases(tmp_path / "missing.csv")


def test_registry_on_bare_schema_connection() -> None:
    """The hook needs nothing but the documented schema (its migrations): any writer can call it."""
    from quotegraph.store.migrations import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, 0)
    conn.execute("INSERT INTO articles(id, text, published) VALUES ('a1', 'x', '2021-08-18')")
    conn.execute("INSERT INTO article_people(article_id, name, roles) VALUES "
                 "('a1', 'Jens Stoltenberg', '[{\"title\": \"Secretary General\", \"organisation\": \"NATO\"}]')")
    conn.execute("INSERT INTO quotes(article_id, start, \"end\", text, kind, person) "
                 "VALUES ('a1', 0, 1, 'x', 'direct', 'Jens Stoltenberg')")
    linking.update_registry(conn, ["a1"])
    # Statements are dated when written (`pipeline.dated`), not by the registry.
    assert conn.execute("SELECT person_id, said_on FROM quotes").fetchone() == (1, None)
    assert conn.execute("SELECT title, first_seen FROM person_roles").fetchone() == ("Secretary General", "2021-08-18")
