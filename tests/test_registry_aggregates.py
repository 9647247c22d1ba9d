"""A person's role keeps every article it was seen in once, in the order seen, and its first and
last dates, however long the list grows (`aggregates.fold_in` appends in place)."""
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
        first, last, articles = conn.execute(
            "SELECT first_seen, last_seen, articles FROM person_roles WHERE person_id = ?", (person,)).fetchone()
    assert json.loads(articles) == [f"{i:04x}" for i in range(len(days))]
    assert (first, last) == ("2020-11-30", "2022-01-15")
