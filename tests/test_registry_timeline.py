"""Person lookup, timeline filters and the monthly plot, on hand-built documents."""
from __future__ import annotations

import pytest

from people_support import article, person, store
from quotegraph.errors import BadQuery
from quotegraph.registry import timeline

TEXT_A = "\"Prices rose 5% this year,\" Maria O'Neil said on Monday.\n\n\"The 100_000 figure is wrong,\" she said."
TEXT_B = "\"We won't raise taxes,\" Maria O'Neil said in March.\n\n\"Growth is 2%,\" Dr. Maria O'Neil added."


@pytest.fixture()
def conn(tmp_path):
    pairs = [
        article(TEXT_A, "2021-06-09", outlet="Ledger", people=(person("Maria O'Neil", "she"),), quotes=(
            ("\"Prices rose 5% this year,\"", "Maria O'Neil", "Maria O'Neil", "person"),
            ("\"The 100_000 figure is wrong,\"", "Maria O'Neil", "she", "person"))),
        article(TEXT_B, "2021-04-02", outlet="Courier", people=(person("Maria O'Neil", "Dr. Maria O'Neil"),), quotes=(
            ("\"We won't raise taxes,\"", "Maria O'Neil", "Maria O'Neil", "person"),
            ("\"Growth is 2%,\"", "Maria O'Neil", "Dr. Maria O'Neil", "person"))),
        article("\"Nothing to add,\" Sean O'Neil said.", None, outlet="Blog",
                people=(person("Sean O'Neil"),), quotes=(("\"Nothing to add,\"", "Sean O'Neil", "Sean O'Neil", "person"),)),
    ]
    corpus = store(tmp_path)
    corpus.add(pairs)
    yield corpus.conn
    corpus.close()


def test_lookup_by_name_alias_key_and_id(conn) -> None:
    maria = timeline.resolve_person(conn, "Maria O'Neil")
    assert timeline.resolve_person(conn, "maria o'neil") == maria
    assert timeline.resolve_person(conn, "Dr. Maria O'Neil") == maria
    assert timeline.resolve_person(conn, "Maria ONeil") == maria  # punctuation folded
    assert timeline.resolve_person(conn, f"#{maria}") == maria
    with pytest.raises(BadQuery, match="matches 2 people"):
        timeline.resolve_person(conn, "O'Neil")
    with pytest.raises(BadQuery, match="no person"):
        timeline.resolve_person(conn, "#9999")


def test_timeline_in_statement_order_with_precision(conn) -> None:
    rows = timeline.timeline(conn, timeline.resolve_person(conn, "Maria O'Neil"))
    assert [(r["date"], r["precision"], r["outlet"]) for r in rows] == [
        ("2021-03", "month", "Courier"), ("2021-04-02", "day", "Courier"),
        ("2021-06-07", "day", "Ledger"), ("2021-06-09", "day", "Ledger")]
    undated = timeline.timeline(conn, timeline.resolve_person(conn, "Sean O'Neil"))
    assert [(r["date"], r["precision"]) for r in undated] == [(None, "unknown")]


@pytest.mark.parametrize("term, expected", [
    ("5%", ["\"Prices rose 5% this year,\""]),      # % is a character, not a wildcard
    ("100_000", ["\"The 100_000 figure is wrong,\""]),
    ("MONDAY", ["\"Prices rose 5% this year,\""]),  # found in the sentence, not the quote
    ("taxes", ["\"We won't raise taxes,\""]),
    ("nowhere", []),
])
def test_about_matches_quote_or_sentence_literally(conn, term: str, expected: list[str]) -> None:
    rows = timeline.timeline(conn, timeline.resolve_person(conn, "Maria O'Neil"), about=term)
    assert [r["quote"] for r in rows] == expected


def test_monthly_counts_and_plot(conn, tmp_path) -> None:
    rows = timeline.timeline(conn, timeline.resolve_person(conn, "Maria O'Neil"))
    counts = timeline.monthly_counts(rows)
    assert {m: dict(c) for m, c in counts.items()} == {"2021-03": {"Courier": 1}, "2021-04": {"Courier": 1},
                                                       "2021-06": {"Ledger": 2}}
    assert timeline._month_range("2020-11", "2021-02") == ["2020-11", "2020-12", "2021-01", "2021-02"]
    svg = timeline.plot_timeline(rows, tmp_path / "m.svg", title="Maria").read_text()
    assert "2021-05" in svg  # the empty month between is drawn
    with pytest.raises(BadQuery, match="no dated statements"):
        timeline.plot_timeline(timeline.timeline(conn, timeline.resolve_person(conn, "Sean O'Neil")),
                               tmp_path / "s.png")


@pytest.mark.parametrize("name", ["Maria O'Neil", "Sean O'Neil"])
def test_the_counted_overview_equals_the_one_read_from_every_statement(conn, name) -> None:
    person_id = timeline.resolve_person(conn, name)
    counted = timeline.overview(conn, person_id)
    read = timeline.person_page(conn, person_id).overview()
    assert counted["monthly"] == read["monthly"] and counted["articles"] == read["articles"]
    assert counted["articles_total"] == len(read["articles"])


def test_the_counted_overview_lists_the_most_recent_articles_and_says_how_many(conn) -> None:
    found = timeline.overview(conn, timeline.resolve_person(conn, "Maria O'Neil"), articles=1)
    assert found["articles_total"] == 2 and [a["outlet"] for a in found["articles"]] == ["Ledger"]
