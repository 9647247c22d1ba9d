"""End to end: twelve short articles through the real extraction into a store, then the registry.

Two different Smiths (a minister and a footballer), a minister who becomes Prime Minister, a
Prime Minister referred to only by title, and unnamed sources.
"""
from __future__ import annotations

import pytest

from quotegraph import Article, extract_many
from quotegraph.registry import decisions, linking, timeline
from quotegraph.corpus import Corpus
from quotegraph.store.writer import Transaction

ARTICLES = [  # (key, published, outlet, text)
    ("a01", "2020-03-02", "Daily Ledger", """Britain unveils emergency budget

Finance Minister John Smith said on Monday that the government would borrow more to protect jobs.

"We will do whatever it takes to support workers and businesses," Smith told reporters in London.

Mr Smith added that the Treasury expected the economy to recover next year."""),
    ("a02", "2020-06-15", "The Courier", """Treasury warns of long recovery

British Finance Minister John Smith warned on Friday that unemployment would rise this summer.

"The road back will be long and hard," Mr Smith said at a press conference in London.

He said the Treasury would publish new forecasts in the autumn."""),
    ("a03", "2020-05-10", "Sports Weekly", """Arsenal captain signs new deal

Arsenal captain Sarah Smith said on Saturday that she was delighted to stay at the club.

"This club is my home and I want to win trophies here," Smith said after training.

The striker has scored 40 goals for Arsenal since joining in 2016."""),
    ("a04", "2021-04-20", "Sports Weekly", """Smith fires Arsenal into final

Arsenal striker Sarah Smith scored twice as her side beat Chelsea 3-1 at the Emirates Stadium.

"We showed real character today and the fans were brilliant," Sarah Smith said.

Arsenal will face Manchester City in the final next month."""),
    ("a05", "2021-05-02", "Goal Post", """Arsenal eye double after cup win

Arsenal beat Manchester City at Wembley to lift the cup on Sunday.

"Winning this cup with Arsenal means everything to me," Smith said after scoring the winner against Manchester City.

The club now turns its attention to the league title."""),
    ("a06", "2020-04-01", "Nordic Post", """Norway extends lockdown

Health Minister Anna Berg said on Tuesday that schools in Norway would stay closed until May.

"We cannot take risks with the health of our children," Berg said in Oslo.

Prime Minister Peter Holm said the government would review the measures every two weeks."""),
    ("a07", "2020-09-14", "The Courier", """Norway starts vaccine planning

Norwegian Health Minister Anna Berg said the country had ordered enough vaccine doses for every adult.

"Every adult in Norway will be offered a vaccine," Ms Berg told parliament in Oslo.

She said the first doses could arrive early next year."""),
    ("a08", "2022-01-20", "Nordic Post", """Berg sworn in as Norway's leader

Anna Berg, the new Prime Minister of Norway, said on Wednesday that her government would cut energy taxes.

"Families are struggling with their bills and we will act," Berg said after meeting the king in Oslo.

Berg was health minister during the pandemic."""),
    ("a09", "2022-03-08", "The Courier", """Norway to boost defence spending

Norwegian Prime Minister Anna Berg announced on Monday a large increase in defence spending.

"Our security cannot be taken for granted," Prime Minister Anna Berg said in Oslo.

The opposition said the plan was too expensive."""),
    ("a10", "2020-11-03", "Nordic Post", """Holm defends budget

Prime Minister Peter Holm defended the budget in parliament in Oslo on Monday.

"This budget protects jobs in every part of Norway," Holm said.

The opposition voted against the budget."""),
    ("a11", "2022-04-12", "Nordic Post", """Norway rules out new taxes

The Prime Minister said on Monday that there would be no new taxes this year.

"Norwegians have paid enough," the Prime Minister told reporters in Oslo.

The finance committee will debate the budget next week."""),
    ("a12", "2022-04-20", "The Courier", """Ministry confirms delays

Officials said the new hospital in Oslo would open a year late.

"The building work has taken longer than planned," a spokesperson for the health ministry said.

The company said it would pay the penalty in the contract."""),
]


@pytest.fixture(scope="module")
def pairs() -> dict[str, tuple[Article, object]]:
    articles = [Article(text=text, published=published, outlet=outlet, url=f"https://example.org/{key}")
                for key, published, outlet, text in ARTICLES]
    return {key: (a, d) for (key, *_), a, d in zip(ARTICLES, articles, extract_many(articles))}


def _person(conn, pairs, key: str, name: str) -> int | None:
    found = conn.execute("SELECT person_id FROM article_people WHERE article_id = ? AND name = ?",
                         (pairs[key][0].id, name)).fetchone()
    return found[0] if found else None


def _speaker_of(conn, pairs, key: str, quote_start: str) -> int | None:
    """The registry person of the quote in article `key` that starts with `quote_start`."""
    for person_id, text in conn.execute("SELECT person_id, text FROM quotes WHERE article_id = ?",
                                        (pairs[key][0].id,)):
        if text.lstrip('"\u201c').startswith(quote_start):
            return person_id
    raise AssertionError(f"no quote starting {quote_start!r} in {key}")


def test_registry_finds_the_right_people(tmp_path, pairs) -> None:
    with Corpus(tmp_path / "corpus.db") as corpus:
        corpus.add(pairs.values())
        conn = corpus.conn
        john = timeline.resolve_person(conn, "John Smith")
        sarah = timeline.resolve_person(conn, "Sarah Smith")
        anna = timeline.resolve_person(conn, "Anna Berg")
        peter = timeline.resolve_person(conn, "Peter Holm")
        assert len({john, sarah, anna, peter}) == 4
        # Each is one person across their articles.
        assert {_speaker_of(conn, pairs, "a01", "We will do whatever"),
                _speaker_of(conn, pairs, "a02", "The road back")} == {john}
        assert {_speaker_of(conn, pairs, "a03", "This club is my home"),
                _speaker_of(conn, pairs, "a04", "We showed real character")} == {sarah}
        # A bare "Smith" after a cup final with Arsenal and Manchester City is the footballer.
        assert _speaker_of(conn, pairs, "a05", "Winning this cup") == sarah
        assert {_speaker_of(conn, pairs, k, q) for k, q in (
            ("a06", "We cannot take risks"), ("a07", "Every adult"), ("a08", "Families are struggling"),
            ("a09", "Our security"))} == {anna}
        assert _speaker_of(conn, pairs, "a10", "This budget") == peter
        # "the Prime Minister" of April 2022 is Anna Berg, not Peter Holm (Prime Minister in 2020).
        assert _speaker_of(conn, pairs, "a11", "Norwegians have paid enough") == anna
        # Unnamed sources stay unnamed.
        for start in ("The building work",):
            source = _speaker_of(conn, pairs, "a12", start)
            assert source is not None
            assert conn.execute("SELECT kind FROM people WHERE id = ?", (source,)).fetchone()[0] == "unnamed"
            # ... with their organisation, read off "a spokesperson for the health ministry".
            assert [r["organisation"] for r in timeline.profile(conn, source)["roles"]] == ["health ministry"]
        # Roles over time: Health Minister in 2020, Prime Minister in 2022.
        roles = timeline.profile(conn, anna)["roles"]
        health = [r for r in roles if "Health Minister" in r["title"]]
        prime = [r for r in roles if r["title"] == "Prime Minister"]
        assert health and max(r["last_seen"] for r in health) < "2021"
        assert prime and min(r["first_seen"] for r in prime) >= "2022"
        assert [r["date"] for r in timeline.timeline(conn, anna)] == sorted(
            r["date"] for r in timeline.timeline(conn, anna))


def test_decisions_persist_across_ingest_and_rebuild(tmp_path, pairs) -> None:
    first = [pairs[k] for k in ("a01", "a02", "a03", "a06", "a10")]
    later = [pairs[k] for k in pairs if k not in ("a01", "a02", "a03", "a06", "a10")]
    with Corpus(tmp_path / "corpus.db") as corpus:
        corpus.add(first)
        conn = corpus.conn
        john = timeline.resolve_person(conn, "John Smith")
        peter = timeline.resolve_person(conn, "Peter Holm")
        with Transaction(conn):
            # Say the user decides the a02 "John Smith" is someone else, and Holm is Smith (for the test).
            decisions.split(conn, john, [pairs["a02"][0].id], name="John Smith (Treasury)")
            decisions.merge(conn, john, peter)
        corpus.add(later)
        with Transaction(conn):
            linking.rebuild_registry(conn)
        corpus.add(first)  # a re-run of the same files changes nothing
        john = timeline.resolve_person(conn, "John Smith")
        assert _speaker_of(conn, pairs, "a01", "We will do whatever") == john
        assert _speaker_of(conn, pairs, "a10", "This budget") == john
        treasury = _speaker_of(conn, pairs, "a02", "The road back")
        assert treasury != john
        assert timeline.profile(conn, treasury)["name"] == "John Smith (Treasury)"
