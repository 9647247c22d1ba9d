"""Page-cost listings give exactly what sorting every match gives: same ids, same order, every filter
combination of benchmarks/store.py, on a generated store with copies, undated and unlinked quotes."""
from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from quotegraph.corpus import Corpus, QuoteFilter
from quotegraph.store import queries, stats

WORDS = ("taliban troops nato security kabul airport government minister election economy budget health "
         "climate energy war peace talks border court police").split()
NAMES = ["Jens Stoltenberg", "Anna Stoltenberg", "Ben Wallace", "Carla Singh", "David Nguyen", "Elena Rossi",
         "Farid Haddad", "Grace Larsen"]
OUTLETS = ["Reuters", "BBC", "AP"]


def _date(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.16:
        return f"20{rng.randint(18, 22)}-{rng.randint(1, 12):02d}"  # month precision
    if roll < 0.2:
        return f"20{rng.randint(18, 22)}"
    return f"20{rng.randint(18, 22)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def build(db: Path, articles: int = 120, per_article: int = 12) -> None:
    rng = random.Random(5)
    corpus = Corpus(db)
    conn = corpus.conn
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO people(id, name) VALUES (?, ?)", enumerate(NAMES, 1))
    conn.executemany("INSERT INTO person_aliases(person_id, alias) VALUES (?, ?)",
                     ((i, name.split()[1]) for i, name in enumerate(NAMES, 1)))
    weights = [1 / rank for rank in range(1, len(NAMES) + 1)]
    for a in range(articles):
        article_id = f"art{a:05d}"
        # One in ten is a near-duplicate copy of an earlier article (left out of default listings).
        copy_of = f"art{rng.randrange(a):05d}" if a > 5 and rng.random() < 0.1 else None
        conn.execute("INSERT INTO articles(id, outlet, title, published, text, duplicate_of) VALUES (?, ?, ?, ?, ?, ?)",
                     (article_id, rng.choice(OUTLETS), f"Story {a}", _date(rng), "generated", copy_of))
        day = _date(rng)
        for k in range(per_article):
            linked = rng.random() > 0.1
            pid = rng.choices(range(1, len(NAMES) + 1), weights=weights)[0]
            text = " ".join(rng.choices(WORDS, weights=[1 / r for r in range(1, len(WORDS) + 1)], k=rng.randint(4, 12)))
            said = day if rng.random() < 0.8 else _date(rng)  # quotes of one article mostly share its date
            conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, speaker, person, person_id, said_on) '
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (article_id, k * 100, k * 100 + len(text), text, rng.choice(("direct", "indirect")),
                          NAMES[pid - 1].split()[1], NAMES[pid - 1], pid if linked else None, said))
    stats.refresh(conn)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    corpus.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("pages") / "pages.db"
    build(db)
    return db


FILTERS = [
    QuoteFilter(),
    QuoteFilter(speaker="Stoltenberg"),
    QuoteFilter(speaker="Jens Stoltenberg"),
    QuoteFilter(speaker="Wallace"),
    QuoteFilter(search="taliban"),
    QuoteFilter(search="court"),
    QuoteFilter(search="taliban troops"),
    QuoteFilter(search='"taliban troops"'),
    QuoteFilter(search="taliban OR police"),
    QuoteFilter(search="tali*"),
    QuoteFilter(since="2019-03", until="2021-06"),
    QuoteFilter(since="2020"),
    QuoteFilter(until="2019-02-14"),
    QuoteFilter(speaker="Stoltenberg", search="taliban", since="2019", until="2021"),
    QuoteFilter(speaker="Wallace", search="troops", since="2018-06-01", until="2022-03"),
    QuoteFilter(speaker="Rossi", search="nato OR court"),
    QuoteFilter(speaker="Stoltenberg", search='"taliban troops"', since="2019"),
    QuoteFilter(speaker="Singh", search="tali* court"),
    QuoteFilter(speaker="Wallace", search="Troops AND peace", until="2021-06"),
    QuoteFilter(search="security", since="2020-01", until="2020-12-31"),
    QuoteFilter(search="taliban", kind="direct"),
    QuoteFilter(search="troops", outlet="BBC"),
    QuoteFilter(search="troops", include_duplicates=True),
    QuoteFilter(speaker="Stoltenberg", kind="indirect", outlet="AP"),
    QuoteFilter(search="taliban", person_id=1),
]


def reference(conn: sqlite3.Connection, flt: QuoteFilter, limit: int, offset: int) -> list[int]:
    """The definition: every match, sorted newest statement first, then id."""
    where, params = flt.where(conn)
    sql = ("SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id" + where
           + " ORDER BY q.said_on DESC, q.id LIMIT ? OFFSET ?")
    return [r[0] for r in conn.execute(sql, [*params, limit, offset])]


def full_count(conn: sqlite3.Connection, flt: QuoteFilter) -> int:
    where, params = flt.where(conn)
    return conn.execute("SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id" + where,
                        params).fetchone()[0]


@pytest.mark.parametrize("plan", ["as chosen", "walk", "intersect", "probe", "scan", "sort", "walk gives up"])
@pytest.mark.parametrize("flt", FILTERS, ids=[str(f.kwargs()) for f in FILTERS])
def test_pages_equal_the_sorted_listing(store: Path, flt: QuoteFilter, plan: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    if plan == "walk gives up":
        monkeypatch.setattr(queries, "WALK_BUDGET", 10)
        monkeypatch.setattr(queries, "_search_plan", lambda *args: "walk")
    elif plan != "as chosen":  # every plan a speaker + search filter can take, each on every filter
        monkeypatch.setattr(queries, "_search_plan", lambda *args: plan)
    with Corpus(store, readonly=True) as corpus:
        conn = corpus.conn
        expected_all = reference(conn, flt, 10_000, 0)
        assert expected_all or flt.person_id is not None, "every filter but one should match something"
        for limit, offset in ((50, 0), (7, 0), (20, 40), (1, 3), (5000, 0)):
            want = reference(conn, flt, limit, offset)
            assert queries.quote_ids(conn, flt, limit, offset) == want
            assert [r.id for r in corpus.quotes(flt, limit=limit, offset=offset)] == want
        exact = full_count(conn, flt)
        assert exact == len(expected_all)
        assert corpus.count_quotes(flt) == exact
        for cap in (5, 50, 100_000):
            counted = corpus.count_quotes_capped(flt, cap=cap)
            # Exact when cheap (a speaker alone is kept counted) or at most the cap, else "cap+"
            # (a speaker with a search stops sooner).
            stop = min(cap, queries.SPEAKER_SEARCH_CAP) if flt.speaker and flt.search else cap
            if exact <= stop or counted.exact:
                assert (counted.value, counted.exact, str(counted)) == (exact, True, str(exact))
            else:
                assert (counted.value, counted.exact, str(counted)) == (stop, False, f"{stop}+")


TEXTS = ["Taliban troops", "TALIBAN-troops!", "talibans", "Tālibān’s troops", "ta\u0301liban", "Straße taliban",
         "Øresund taliban", "ﬁnance taliban", "“court” — police", "cou\u200brt", "Ｔaliban", "İstanbul court",
         "kabul_airport", "x2 court3", "naïve élection", "ełection", "election\u0301s", "日本 court", ""]
SEARCHES = ["taliban", "troops taliban", '"taliban troops"', "tali*", "court", "election", "airport",
            "istanbul", "naive", "finance", "oresund", "AND", "x2", "cou*"]


def test_text_prefilter_never_rules_out_a_full_text_match() -> None:
    """`may_match` is False only for texts the FTS5 tokenizer does not match: every text and search
    above through a real FTS5 table with the store's tokenizer."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO t(rowid, text) VALUES (?, ?)", enumerate(TEXTS, 1))
    ruled_out = 0
    for search in SEARCHES:
        words = queries.required_words(search)
        if search == "AND":
            assert words is None
            continue
        assert words, search
        matched = {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?",
                                              ("text : (" + queries.fts_query(search) + ")",))}
        for rowid, text in enumerate(TEXTS, 1):
            if rowid in matched:
                assert queries.may_match(text, words), (search, text)
            else:
                ruled_out += not queries.may_match(text, words)
    assert ruled_out > 100  # it does rule out most texts that do not match
    for search in ("taliban OR court", "NOT court", "text : court", "NEAR(a b)", "tālibān"):
        assert queries.required_words(search) is None


def test_dated_index_follows_updates_and_deletes(tmp_path: Path) -> None:
    db = tmp_path / "moved.db"
    build(db, articles=40)
    with Corpus(db) as corpus:
        conn = corpus.conn
        conn.execute("BEGIN")
        conn.execute("UPDATE quotes SET said_on = '2030-01-02' WHERE id % 7 = 0")
        conn.execute("UPDATE quotes SET text = 'zebra crossing ' || text WHERE id % 5 = 0")
        conn.execute("DELETE FROM quotes WHERE id % 11 = 0")
        stats.refresh(conn)
        conn.execute("COMMIT")
        for flt in (QuoteFilter(search="zebra"), QuoteFilter(search="taliban", since="2030"),
                    QuoteFilter(search="troops"), QuoteFilter(speaker="Stoltenberg", search="zebra")):
            assert queries.quote_ids(conn, flt, 5000) == reference(conn, flt, 5000, 0)
        assert queries.quote_ids(conn, QuoteFilter(search="zebra"), 5000)
        assert queries.quote_ids(conn, QuoteFilter(search="zebra", since="2030"), 5000)


def recount(conn: sqlite3.Connection) -> set[tuple]:
    return set(conn.execute(
        "SELECT q.person_id, COUNT(*), COUNT(DISTINCT q.article_id), MIN(q.said_on), MAX(q.said_on) "
        "FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE q.person_id IS NOT NULL AND a.duplicate_of IS NULL GROUP BY q.person_id"))


def test_person_stats_kept_without_recounting(tmp_path: Path) -> None:
    db = tmp_path / "stats.db"
    build(db, articles=30)
    with Corpus(db) as corpus:
        conn = corpus.conn
        stored = lambda: set(conn.execute(
            "SELECT person_id, quotes, articles, first_said, last_said FROM person_stats WHERE quotes > 0"))
        assert stored() == recount(conn)
        conn.execute("BEGIN")
        # New quotes with people, and unlinked quotes given a person (what the registry does): counted
        # on the spot, nobody is left to recount.
        conn.execute("INSERT INTO articles(id, text) VALUES ('fresh', 'x')")
        conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id, said_on) '
                     "VALUES ('fresh', 0, 1, 'a', 'direct', 3, '2040-01-01'), ('fresh', 2, 3, 'b', 'direct', 3, NULL)")
        conn.execute("UPDATE quotes SET person_id = 2 WHERE person_id IS NULL")
        assert conn.execute("SELECT COUNT(*) FROM person_stats_dirty").fetchone()[0] == 0
        assert stored() == recount(conn)
        # Moving quotes between people marks both for a recount.
        conn.execute("UPDATE quotes SET person_id = 4 WHERE person_id = 1 AND id % 2 = 0")
        assert {p for (p,) in conn.execute("SELECT person_id FROM person_stats_dirty")} == {1, 4}
        stats.refresh(conn)
        conn.execute("COMMIT")
        assert stored() == recount(conn)


def test_people_most_quoted_first_as_a_full_sort_gives(store: Path) -> None:
    with Corpus(store) as corpus:
        conn = corpus.conn
        conn.execute("INSERT INTO people(id, name) VALUES (90, 'Zed Neverquoted'), (91, 'Abe Neverquoted')")
        try:
            for search, kind in ((None, None), ("stoltenberg", None), ("never", None), (None, "person")):
                where, params = [], []
                if search:
                    where.append("(p.name LIKE ? OR p.id IN (SELECT person_id FROM person_aliases WHERE alias LIKE ?))")
                    params += [f"%{search}%"] * 2
                if kind:
                    where.append("p.kind = ?")
                    params.append(kind)
                clause = (" WHERE " + " AND ".join(where)) if where else ""
                expected = [r[0] for r in conn.execute(
                    "SELECT p.id FROM people p LEFT JOIN person_stats s ON s.person_id = p.id" + clause
                    + " ORDER BY COALESCE(s.quotes, 0) DESC, p.name", params)]
                assert len(expected) >= 2
                for limit, offset in ((50, 0), (3, 0), (2, 5), (4, 7), (1, len(expected) - 1)):
                    got = corpus.people(search=search, kind=kind, limit=limit, offset=offset)
                    assert [p.id for p in got] == expected[offset:offset + limit]
            rows = {p.id: p for p in corpus.people(limit=100)}
            assert rows[1].aliases == ("Stoltenberg",) and rows[1].quote_count > 0
            assert rows[90].quote_count == 0 and rows[90].aliases == ()
        finally:
            conn.execute("DELETE FROM people WHERE id IN (90, 91)")


def test_migrating_again_indexes_each_quote_once(tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    build(db, articles=10)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Corpus(db) as corpus:
        conn = corpus.conn
        indexed = conn.execute("SELECT COUNT(*) FROM quotes_dated_docsize").fetchone()[0]
        assert indexed == conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0]
        flt = QuoteFilter(search="taliban OR troops")
        assert queries.quote_ids(conn, flt, 5000) == reference(conn, flt, 5000, 0)
