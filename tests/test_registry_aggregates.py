"""A person's role keeps every article it was seen in once, in the order seen, and its first and
last dates, however long the list grows (`aggregates.fold_in` adds a row per article)."""
from __future__ import annotations

import json

from quotegraph.corpus import Corpus
from quotegraph.registry import aggregates
from quotegraph.registry.matching import Row


def test_a_roles_articles_and_dates_grow_in_place(tmp_path):
    with Corpus(tmp_path / "roles.db") as corpus:
        conn = corpus.conn
        conn.execute("BEGIN IMMEDIATE")
        person = aggregates.new_person(conn, "Ada Castell", "person")
        days = ["2021-03-04", "2020-11-30", None, "2022-01-15", "2021-07-01"] * 8
        for i, day in enumerate(days):
            conn.execute("INSERT INTO articles(id, text, published) VALUES (?, 'x', ?)", (f"{i:04x}", day))
            row = Row(f"{i:04x}", "Ada Castell", "person", (), (("Finance Minister", ""),))
            aggregates.fold_in(conn, person, row, day)
            aggregates.fold_in(conn, person, row, day)  # a second row of the same article: no second entry
        aggregates.fold_in(conn, person, Row("0000", "Ada Castell", "person", (), (("Finance Minister", ""),)),
                           days[0])  # an article seen long before: still once
        conn.execute("COMMIT")
        first, last = conn.execute(
            "SELECT first_seen, last_seen FROM person_roles WHERE person_id = ?", (person,)).fetchone()
        articles = aggregates.role_articles(conn, person, "Finance Minister", "")
        shown = corpus.person(person).profile["roles"]
    assert articles == [f"{i:04x}" for i in range(len(days))]
    assert (first, last) == ("2020-11-30", "2022-01-15")
    assert [r["articles"] for r in shown] == [articles]


def test_a_store_with_role_lists_in_json_migrates_them_to_rows_in_order(tmp_path):
    """Migration 14 moves `person_roles.articles` (JSON lists, version 13) to `person_role_articles`,
    keeping each list's order; a later fold appends after them."""
    path = tmp_path / "old.db"
    with Corpus(path) as corpus:
        conn = corpus.conn
        conn.execute("BEGIN IMMEDIATE")
        person = aggregates.new_person(conn, "Ada Castell", "person")
        conn.execute("INSERT INTO person_roles(person_id, title, organisation, articles) VALUES (?, ?, ?, ?)",
                     (person, "Finance Minister", "", json.dumps(["0c", "0a", "0b"])))
        conn.execute("INSERT INTO person_roles(person_id, title, organisation, articles) VALUES (?, ?, ?, ?)",
                     (person, "Senator", "Utopia", "not json"))
        conn.execute("DELETE FROM person_role_articles")
        conn.execute("UPDATE meta SET value = '13' WHERE key = 'schema_version'")
        conn.execute("COMMIT")
    with Corpus(path) as corpus:
        conn = corpus.conn
        assert aggregates.role_articles(conn, person, "Finance Minister", "") == ["0c", "0a", "0b"]
        assert aggregates.role_articles(conn, person, "Senator", "Utopia") == []
        assert {a for (a,) in conn.execute("SELECT articles FROM person_roles")} == {"[]"}
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO articles(id, text, published) VALUES ('0d', 'x', '2021-01-01')")
        aggregates.fold_in(conn, person, Row("0d", "Ada Castell", "person", (), (("Finance Minister", ""),)),
                           "2021-01-01")
        conn.execute("COMMIT")
        assert aggregates.role_articles(conn, person, "Finance Minister", "") == ["0c", "0a", "0b", "0d"]
