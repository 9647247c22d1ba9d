"""Statements: one speaker's line across the articles and outlets that quoted it, in full, trimmed,
with "[sic]" or an ellipsis; near-misses by other speakers and other lines of the same speaker stay
apart; the result does not depend on the order articles arrive in or on how many runs bring them."""
from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys

import pytest

from quotegraph.corpus import Corpus
from quotegraph.pipeline import extract_many
from quotegraph.records import Article
from quotegraph.store import statements as st

LINE = "We will not raise the fuel tax this year because families are already struggling with prices"
# (title, outlet, published, text): twelve short articles of our own.
ARTICLES = [
    ("Fuel tax stays", "Alpha Daily", "2023-03-01",
     f'Finance Minister Mira Castell spoke in parliament on Wednesday. "{LINE}," Castell said.'),
    ("No fuel tax rise", "Beta News", "2023-03-02",
     'Mira Castell, the finance minister, ruled out a rise. "We will not raise the fuel tax this year," '
     'Castell told reporters in the capital.'),
    ("Castell on prices", "Gamma Post", "2023-03-03",
     'Drivers welcomed the news on Friday. Finance Minister Mira Castell said: "We will not '
     'raise the fuel tax [sic] this year ... families are already struggling with prices."'),
    ("Rail line on track", "Alpha Daily", "2023-03-04",
     'Mira Castell visited the valley on Saturday. "The new rail line to the northern valley will open '
     'next spring as planned," Castell said.'),
    ("Valley rail", "Delta Wire", "2023-03-06",
     'Residents have waited years for the line. "The new rail line to the northern valley will open next spring '
     'as planned," said Mira Castell, who chairs the transport board.'),
    ("Opposition echoes minister", "Beta News", "2023-03-02",
     f'Opposition leader Tomas Reyes mocked the government. "{LINE}," Reyes said, reading from a card.'),
    ("Reyes wants tax", "Gamma Post", "2023-03-07",
     'Tomas Reyes set out his own plan. "We will raise the fuel tax this year because the budget is '
     'struggling," Reyes said.'),
    ("Income tax plans", "Delta Wire", "2023-03-08",
     'Mira Castell also spoke about next year. "We will not raise the income tax next year because the '
     'economy is recovering," Castell said.'),
    ("Farmers protest", "Alpha Daily", "2023-03-09",
     'Farm union head Ines Albrecht led a march. "Our members cannot survive another season of drought '
     'without direct help from the state," Albrecht said.'),
    ("Drought aid", "Epsilon Times", "2023-03-10",
     'Ines Albrecht addressed the crowd in the square. "Our members cannot survive another season of '
     'drought," Albrecht said.'),
    ("Weather turns", "Epsilon Times", "2023-03-11",
     'Forecaster Lena Park said on Friday: "Heavy rain will reach the coast by Sunday evening and '
     'stay for three days."'),
    ("Castell repeats pledge", "Alpha Daily", "2023-03-12",
     f'At a town hall meeting, Mira Castell repeated her pledge. "{LINE}," she said.'),
]
# What must come out: each statement as its speaker and the titles of the articles quoting it.
EXPECTED = {
    ("Mira Castell", frozenset({"Fuel tax stays", "No fuel tax rise", "Castell on prices", "Castell repeats pledge"})),
    ("Mira Castell", frozenset({"Rail line on track", "Valley rail"})),
    ("Mira Castell", frozenset({"Income tax plans"})),
    ("Tomas Reyes", frozenset({"Opposition echoes minister"})),
    ("Tomas Reyes", frozenset({"Reyes wants tax"})),
    ("Ines Albrecht", frozenset({"Farmers protest", "Drought aid"})),
    ("Lena Park", frozenset({"Weather turns"})),
}


@pytest.fixture(scope="module")
def pairs():
    articles = [Article(text=text, title=title, outlet=outlet, published=published)
                for title, outlet, published, text in ARTICLES]
    return list(zip(articles, extract_many(articles)))


def _statements(corpus: Corpus) -> set:
    rows = corpus.statements(limit=1000)
    found = set()
    for row in rows:
        _, occurrences = corpus.statement(row.id)
        found.add((row.person, frozenset(o.title for o in occurrences), row.first_seen, row.first_outlet,
                   row.outlets, row.occurrences, frozenset((o.article_id, o.start, o.end) for o in occurrences)))
    return found


def _shape(found: set) -> set:
    return {(person, titles) for person, titles, *_ in found}


def test_normalising_handles_sic_brackets_and_ellipses():
    assert st.runs("We [sic] will … [NATO] allies...go") == [["we", "will"], ["nato", "allies"], ["go"]]
    assert st.same_line(LINE, "We will not raise the fuel tax this year")
    assert st.same_line(LINE, "We will not raise the fuel tax [sic] this year ... families are already "
                              "struggling with prices")
    assert not st.same_line(LINE, "We will not raise the income tax next year because the economy is recovering")
    assert not st.same_line("We will not", "We will not raise it")  # too short to join anything


def test_statements_come_out_exactly_right(tmp_path, pairs):
    with Corpus(tmp_path / "s.db") as corpus:
        corpus.add(pairs)
        found = _statements(corpus)
        assert _shape(found) == EXPECTED
        line = next(f for f in found if len(f[1]) == 4)
        _, _, first_seen, first_outlet, outlets, occurrences, _ = line
        assert (first_seen, first_outlet, occurrences) == ("2023-03-01", "Alpha Daily", 4)
        assert outlets == ("Alpha Daily", "Beta News", "Gamma Post")
        # Filters are those of `quotes`; people's counts as statements as well as quotes.
        assert {r.person for r in corpus.statements(speaker="Castell")} == {"Mira Castell"}
        assert len(corpus.statements(speaker="Castell")) == 3
        assert len(corpus.statements(min_outlets=2)) == 3
        counts = corpus.neighbours("Mira Castell")
        assert (counts["statements"], counts["quotes"]) == (3, 7)


def test_statements_do_not_depend_on_order_or_runs(tmp_path, pairs):
    with Corpus(tmp_path / "base.db") as corpus:
        corpus.add(pairs)
        reference = _statements(corpus)
    orders = [list(reversed(pairs)), random.Random(16).sample(pairs, len(pairs)),
              random.Random(61).sample(pairs, len(pairs))]
    for n, order in enumerate(orders):
        with Corpus(tmp_path / f"order{n}.db") as corpus:
            # Several runs (batches of 1, 4 and the rest), each a transaction of its own.
            for chunk in (order[:1], order[1:5], order[5:]):
                corpus.add(chunk, batch_size=2)
            assert _statements(corpus) == reference
    with Corpus(tmp_path / "order0.db") as corpus:
        assert corpus.rebuild_statements() == len(EXPECTED)
        assert _statements(corpus) == reference


@pytest.mark.slow
def test_statements_cli_across_separate_ingest_runs(tmp_path):
    """Three `quotegraph ingest` runs (processes) in a shuffled order, then `quotegraph statements`."""
    order = [*range(6, 12), *range(0, 3), *range(3, 6)]
    db = str(tmp_path / "cli.db")
    cli = [sys.executable, "-m", "quotegraph.cli"]
    for n, group in enumerate((order[:6], order[6:9], order[9:])):
        path = tmp_path / f"run{n}.jsonl"
        path.write_text("".join(json.dumps({"title": ARTICLES[i][0], "outlet": ARTICLES[i][1],
                                            "published": ARTICLES[i][2], "text": ARTICLES[i][3]}) + "\n"
                                for i in group), encoding="utf-8")
        subprocess.run([*cli, "ingest", str(path), "--db", db, "-q"], check=True, capture_output=True)
    out = subprocess.run([*cli, "statements", "--db", db, "--speaker", "Castell", "--min-outlets", "2",
                          "--format", "json"], check=True, capture_output=True, text=True).stdout
    rows = json.loads(out)
    assert [(r["first_seen"], r["first_outlet"], r["occurrences"]) for r in rows] == [
        ("2023-03-04", "Alpha Daily", 2), ("2023-03-01", "Alpha Daily", 4)]
    assert rows[1]["outlets"] == ["Alpha Daily", "Beta News", "Gamma Post"]
    assert rows[1]["text"].startswith("\"We will not raise the fuel tax")


def test_ordering_helper_is_exhaustive_on_a_small_case(tmp_path, pairs):
    """Every order of the three articles carrying the line in its three forms gives one statement."""
    subset = [pairs[0], pairs[1], pairs[2]]
    for n, order in enumerate(itertools.permutations(subset)):
        with Corpus(tmp_path / f"p{n}.db") as corpus:
            for pair in order:
                corpus.add([pair])
            assert _shape(_statements(corpus)) == {("Mira Castell", frozenset(
                {"Fuel tax stays", "No fuel tax rise", "Castell on prices"}))}


def test_a_store_from_before_statements_gets_them_on_its_next_write(tmp_path, pairs):
    import sqlite3

    path = tmp_path / "old.db"
    with Corpus(path) as corpus:
        corpus.add(pairs[:6])
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE statement_line_shingles; DROP TABLE statement_line_quotes; "
                       "DROP TABLE statement_lines; DROP TABLE statement_quotes; DROP TABLE statements; "
                       "DROP TABLE quote_about; UPDATE meta SET value = '7' WHERE key = 'schema_version';")
    conn.close()
    with Corpus(path) as corpus:
        assert corpus.conn.execute("SELECT value FROM meta WHERE key = 'statements'").fetchone() == ("pending",)
        corpus.add(pairs[6:])
        assert corpus.conn.execute("SELECT value FROM meta WHERE key = 'statements'").fetchone() is None
        assert _shape(_statements(corpus)) == EXPECTED


def test_statements_follow_registry_splits_merges_and_rebuilds(tmp_path, pairs):
    with Corpus(tmp_path / "r.db") as corpus:
        corpus.add(pairs)
        reference = _statements(corpus)
        first = pairs[0][0].id  # "Fuel tax stays": the line's first occurrence
        corpus.split("Mira Castell", [first], name="Mira Castell (split)")
        shape = _shape(_statements(corpus))
        assert ("Mira Castell", frozenset({"No fuel tax rise", "Castell on prices", "Castell repeats pledge"})) in shape
        assert ("Mira Castell (split)", frozenset({"Fuel tax stays"})) in shape
        corpus.merge("Mira Castell", "Mira Castell (split)")
        assert _shape(_statements(corpus)) == EXPECTED
        corpus.rebuild_registry()
        assert {f[:6] for f in _statements(corpus)} == {f[:6] for f in reference}
        assert corpus.conn.execute("SELECT COUNT(*) FROM statement_dirty").fetchone()[0] == 0


def test_statements_are_the_connected_lines_on_a_generated_store(tmp_path):
    """Lines repeated in many articles, trimmed and extended, by a few speakers: the statements are
    exactly the groups that comparing every pair of a speaker's quotes in different articles gives
    (the candidate lookup never binds at this size)."""
    rng = random.Random(8)
    words = "fuel tax year families prices rail valley spring budget drought members season rain coast".split()
    lines = [" ".join(rng.choices(words, k=rng.randint(7, 14))) for _ in range(12)]
    with Corpus(tmp_path / "gen.db") as corpus:
        conn = corpus.conn
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO people(id, name) VALUES (?, ?)", [(1, "Ada Castell"), (2, "Tomas Reyes")])
        for a in range(40):
            conn.execute("INSERT INTO articles(id, outlet, published, text) VALUES (?, 'Wire', '2023-01-01', 'x')",
                         (f"a{a}",))
            for k in range(4):
                line = rng.choice(lines).split()
                cut = rng.choice([line, line[:7], line[1:], [*line, "indeed", "today"]])
                conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id) '
                             "VALUES (?, ?, ?, ?, 'direct', ?)", (f"a{a}", k, k + 1, " ".join(cut), rng.choice([1, 2])))
        st.rebuild(conn)
        conn.execute("COMMIT")
        quotes = conn.execute("SELECT id, article_id, person_id, text FROM quotes ORDER BY id").fetchall()
        group = dict(conn.execute("SELECT quote_id, statement_id FROM statement_quotes").fetchall())
    parent = {q[0]: q[0] for q in quotes}

    def root(q: int) -> int:
        while parent[q] != q:
            q = parent[q]
        return q
    for a, b in itertools.combinations(quotes, 2):
        if a[2] == b[2] and a[1] != b[1] and st.same_line(a[3], b[3]):
            parent[root(a[0])] = root(b[0])
    expected = {frozenset(q for q in parent if root(q) == r) for r in {root(q) for q in parent}}
    found: dict[int, set[int]] = {}
    for q, s in group.items():
        found.setdefault(s, set()).add(q)
    assert {frozenset(v) for v in found.values()} == expected
    assert any(len(g) > 5 for g in expected) and len(expected) > 4


def test_repeated_lines_do_not_grow_the_candidate_lookup(tmp_path):
    """A line quoted again and again adds no shingle rows and no lines (the lookup a new quote makes
    does not grow with repeats), while the statement counts every occurrence and outlet exactly as a
    recount from its quotes gives."""
    line = "the harbour bridge will reopen to traffic before the end of the summer holidays"
    short = "the harbour bridge will reopen to traffic"
    with Corpus(tmp_path / "rep.db") as corpus:
        conn = corpus.conn
        conn.execute("INSERT INTO people(id, name) VALUES (1, 'Ada Castell')")

        def add(a: int) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO articles(id, outlet, published, text) VALUES (?, ?, ?, 'x')",
                         (f"a{a}", f"Outlet {a % 3}", f"2023-01-{1 + (7 * a) % 28:02d}"))
            for k, text in enumerate([line, short if a % 4 == 0 else line]):
                conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id) '
                             "VALUES (?, ?, ?, ?, 'direct', 1)", (f"a{a}", k, k + 1, text))
            st.attach(conn, [f"a{a}"])
            conn.execute("COMMIT")

        def sizes() -> tuple[int, int, int]:
            return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                         for t in ("statement_lines", "statement_line_shingles", "statements"))
        for a in range(8):
            add(a)
        early = sizes()
        for a in range(8, 40):
            add(a)
        assert sizes() == early == (2, len(st.shingles(line)) + len(st.shingles(short)), 1)
        kept = conn.execute("SELECT first_seen, occurrences, outlets FROM statements").fetchone()
        assert kept == ("2023-01-01", 80, 3)
        sid = conn.execute("SELECT id FROM statements").fetchone()[0]
        st._recount(conn, sid)
        assert conn.execute("SELECT first_seen, occurrences, outlets FROM statements").fetchone() == kept
        assert conn.execute("SELECT COUNT(*) FROM statement_line_quotes").fetchone()[0] == 80


def test_a_line_twice_in_one_article_is_two_statements_until_another_article_quotes_it(tmp_path):
    line = "the harbour bridge will reopen to traffic before the end of the summer holidays"
    with Corpus(tmp_path / "one.db") as corpus:
        conn = corpus.conn
        conn.execute("INSERT INTO people(id, name) VALUES (1, 'Ada Castell')")

        def add(article: str, times: int) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO articles(id, outlet, published, text) VALUES (?, 'Wire', '2023-01-01', 'x')",
                         (article,))
            for k in range(times):
                conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id) '
                             "VALUES (?, ?, ?, ?, 'direct', 1)", (article, k, k + 1, line))
            st.attach(conn, [article])
            conn.execute("COMMIT")

        add("a", 2)
        assert conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0] == 2
        assert conn.execute("SELECT article_id, statement_id FROM statement_lines").fetchall() == [("a", None)]
        add("b", 1)
        statement = conn.execute("SELECT id, occurrences FROM statements").fetchall()
        assert len(statement) == 1 and statement[0][1] == 3
        assert conn.execute("SELECT article_id, statement_id FROM statement_lines").fetchall() == [(None, statement[0][0])]
