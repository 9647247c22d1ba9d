"""The person page read from kept counts (store/person_pages.py) gives exactly what counting every
quote gives (`timeline.overview`), on a generated store with copies, undated and month-only quotes,
and after every kind of write: new quotes, quotes linked, moved, redated and deleted, an article
marked a copy, quotes stored before their article, a bulk load, a migration of an older store."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store_queries import build  # tests/ is on sys.path (no __init__.py)

from quotegraph.corpus import Corpus
from quotegraph.registry import timeline
from quotegraph.store import about, person_pages, queries, statements, stats
from quotegraph.store.bulk import bulk_load
from quotegraph.store.queries import QuoteFilter
from quotegraph.web.app import create_app


def reference(conn: sqlite3.Connection, person_id: int, articles: int) -> dict:
    return timeline.overview(conn, person_id, articles=articles)


def kept(conn: sqlite3.Connection, person_id: int, articles: int) -> dict:
    counted = person_pages.counts(conn, person_id)
    monthly = person_pages.monthly(conn, person_id)
    recent = person_pages.recent_articles(conn, person_id, articles)
    assert counted is not None and monthly is not None and recent is not None
    return {**timeline.profile(conn, person_id, counted=counted), "monthly": monthly, "articles": recent[0],
            "articles_total": recent[1]}


def with_copies(conn: sqlite3.Connection, person_id: int) -> int:
    return conn.execute("SELECT COUNT(*) FROM quotes WHERE person_id = ?", (person_id,)).fetchone()[0]


def check_all(conn: sqlite3.Connection) -> None:
    people = [p for (p,) in conn.execute("SELECT id FROM people ORDER BY id")]
    assert len(people) >= 8
    for person_id in people:
        for articles in (1, 3, 10, 200):
            assert kept(conn, person_id, articles) == reference(conn, person_id, articles), (person_id, articles)
        assert person_pages.quote_count(conn, person_id, copies=True) == with_copies(conn, person_id)
        assert queries.count_quotes(conn, QuoteFilter(person_id=person_id, include_duplicates=True)) \
            == with_copies(conn, person_id)


def test_kept_counts_equal_counting_every_quote(tmp_path: Path) -> None:
    db = tmp_path / "people.db"
    build(db, articles=80)
    with Corpus(db) as corpus:
        conn = corpus.conn
        top = conn.execute("SELECT person_id FROM person_stats ORDER BY quotes DESC LIMIT 1").fetchone()[0]
        found = reference(conn, top, 200)
        # The generated store has what the page must get right: more articles than a short list,
        # copies, months from the article's date, quotes with no month at all.
        assert found["articles_total"] > 10 and found["monthly"]
        assert with_copies(conn, top) > found["quote_count"]
        check_all(conn)
        assert corpus.person_overview(top) == {**found, "statement_count": corpus.person_overview(top)["statement_count"]}

        conn.execute("BEGIN")
        # Counted on the spot: new quotes with people (one in a copy), unlinked quotes given a person.
        conn.execute("INSERT INTO articles(id, text, published) VALUES ('fresh', 'x', NULL), "
                     "('fresh2', 'y', '2041-05-06'), ('copy', 'z', '2041-05-07')")
        conn.execute("UPDATE articles SET duplicate_of = 'fresh2' WHERE id = 'copy'")
        conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id, said_on) VALUES '
                     "('fresh', 0, 1, 'a', 'direct', 3, '2040-01-01'), ('fresh', 2, 3, 'b', 'direct', 3, '2039'), "
                     "('fresh', 4, 5, 'b', 'direct', 3, NULL), ('fresh2', 0, 1, 'c', 'direct', 3, '2041'), "
                     "('copy', 0, 1, 'c', 'direct', 3, '2041')")
        conn.execute("UPDATE quotes SET person_id = 2 WHERE person_id IS NULL")
        assert stats.is_current(conn)
        check_all(conn)
        # Anything else marks people for a recount; until then the kept counts are not used.
        conn.execute("UPDATE quotes SET person_id = 4 WHERE person_id = 1 AND id % 2 = 0")
        conn.execute("UPDATE quotes SET said_on = '2019-07' WHERE id % 9 = 0")
        conn.execute("DELETE FROM quotes WHERE id % 13 = 0")
        conn.execute("UPDATE articles SET duplicate_of = 'art00001' WHERE id IN ('art00003', 'art00011')")
        conn.execute("UPDATE articles SET published = '2030-02-02' WHERE id IN ('art00004', 'fresh')")
        assert not stats.is_current(conn) and person_pages.monthly(conn, 1) is None
        stats.refresh(conn)
        check_all(conn)
        # Quotes stored before their article: counted when the article arrives.
        conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id, said_on) VALUES '
                     "('late', 0, 1, 'd', 'direct', 5, '2042-03-04')")
        stats.refresh(conn)
        conn.execute("INSERT INTO articles(id, text, published) VALUES ('late', 'w', '2042-03-05')")
        stats.refresh(conn)
        check_all(conn)
        assert any(a["id"] == "late" for a in reference(conn, 5, 200)["articles"])
        conn.execute("COMMIT")

        # A bulk load (insert triggers dropped, counts redone set-based).
        with bulk_load(conn):
            conn.execute("INSERT INTO articles(id, text, published) VALUES ('bulk', 'v', '2043-01-01')")
            conn.executemany('INSERT INTO quotes(article_id, start, "end", text, kind, person_id, said_on) '
                             "VALUES ('bulk', ?, ?, 'e', 'direct', ?, ?)",
                             [(k, k + 1, 1 + k % 4, None if k % 3 else "2043-02") for k in range(12)])
        check_all(conn)


def test_an_older_store_is_counted_when_migrated(tmp_path: Path) -> None:
    db = tmp_path / "older.db"
    build(db, articles=30)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '14' WHERE key = 'schema_version'")
    conn.execute("DELETE FROM person_months")
    conn.execute("DELETE FROM person_articles")
    conn.commit()
    conn.close()
    with Corpus(db) as corpus:
        check_all(corpus.conn)


def old_statement_count(conn: sqlite3.Connection, person_id: int) -> int:
    return conn.execute("SELECT COUNT(DISTINCT sq.statement_id) FROM quotes q JOIN statement_quotes sq "
                        "ON sq.quote_id = q.id WHERE q.person_id = ?", (person_id,)).fetchone()[0]


def check_statements(corpus: Corpus) -> None:
    conn = corpus.conn
    # Each statement's outlets, kept one row each (statement_outlets), are those of its quotes.
    kept_outlets = set(conn.execute("SELECT statement_id, outlet FROM statement_outlets"))
    assert kept_outlets == set(conn.execute(
        "SELECT DISTINCT sq.statement_id, a.outlet FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id "
        "JOIN articles a ON a.id = q.article_id WHERE a.outlet IS NOT NULL"))
    assert set(conn.execute("SELECT id, outlets FROM statements")) == set(conn.execute(
        "SELECT s.id, COUNT(DISTINCT a.outlet) FROM statements s JOIN statement_quotes sq ON sq.statement_id = s.id "
        "JOIN quotes q ON q.id = sq.quote_id JOIN articles a ON a.id = q.article_id GROUP BY s.id"))
    flt = QuoteFilter(include_duplicates=True)
    for (person_id,) in conn.execute("SELECT id FROM people ORDER BY id").fetchall():
        assert statements.count_for_person(conn, person_id) == old_statement_count(conn, person_id)
        where, params = QuoteFilter(person_id=person_id, include_duplicates=True).where(conn)
        for min_outlets, limit, offset in ((0, 50, 0), (2, 10, 0), (0, 3, 2), (2, 2, 1), (3, 10, 0)):
            old = statements.statements(conn, where, params, limit=limit, offset=offset, min_outlets=min_outlets)
            new = statements.for_person(conn, person_id, limit=limit, offset=offset, min_outlets=min_outlets)
            assert new == old, (person_id, min_outlets, limit, offset)
            assert corpus.statements(flt, person_id=person_id, limit=limit, offset=offset,
                                     min_outlets=min_outlets) == old


def test_a_persons_statements_read_down_their_index(tmp_path: Path) -> None:
    db = tmp_path / "lines.db"
    build(db, articles=40)
    lines = ["the troops will stay at the airport until the talks on the border are over",
             "our budget for health and energy is larger than it has ever been in this country",
             "we do not negotiate with anyone who attacks the police or the courts of this land"]
    with Corpus(db) as corpus:
        conn = corpus.conn
        conn.execute("BEGIN")
        # The same lines in several articles and outlets: statements carried by two or three outlets.
        for n, (outlet, person_id) in enumerate([("Reuters", 1), ("BBC", 1), ("AP", 1), ("BBC", 2), ("AP", 2),
                                                 ("Reuters", 3)]):
            conn.execute("INSERT INTO articles(id, outlet, text, published) VALUES (?, ?, 'x', ?)",
                         (f"line{n}", outlet, f"2023-0{n + 1}-01"))
            for k, text in enumerate(lines[: 1 + n % 3]):
                conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id, said_on) '
                             "VALUES (?, ?, ?, ?, 'direct', ?, NULL)", (f"line{n}", k, k + 1, text, person_id))
        statements.rebuild(conn)
        conn.execute("COMMIT")
        assert conn.execute("SELECT COUNT(*) FROM statements WHERE outlets >= 2").fetchone()[0] >= 2
        check_statements(corpus)
        # A quote moved to another person: its statement waits for `follow`, the index is not used.
        conn.execute("BEGIN")
        conn.execute("UPDATE quotes SET person_id = 2 WHERE article_id = 'line1'")
        assert statements.for_person(conn, 1, limit=10, offset=0) is None
        assert statements.count_for_person(conn, 1) == old_statement_count(conn, 1)
        statements.follow(conn)
        conn.execute("COMMIT")
        check_statements(corpus)
        # Quotes of a line already stored, attached one by one as the write path does: outlets counted once.
        conn.execute("BEGIN")
        for n, outlet in enumerate(["BBC", "Gazette", "Gazette", "Reuters"]):
            conn.execute("INSERT INTO articles(id, outlet, text, published) VALUES (?, ?, 'x', '2024-01-01')",
                         (f"more{n}", outlet))
            conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, person_id) '
                         "VALUES (?, 0, 1, ?, 'direct', 1)", (f"more{n}", lines[0]))
            statements.attach(conn, [f"more{n}"])
        conn.execute("COMMIT")
        assert conn.execute("SELECT MAX(outlets) FROM statements").fetchone()[0] >= 4
        check_statements(corpus)


def old_talks_about(conn: sqlite3.Connection, person_id: int, limit: int, quote_ids: list[int] | None = None) -> list:
    """The unbounded query (before the newest-quotes bound), over `quote_ids` when given."""
    only = f" AND q.id IN ({','.join(map(str, quote_ids))})" if quote_ids is not None else ""
    rows = conn.execute(
        "SELECT MIN(COALESCE(p.name, ab.entity)), MIN(ab.kind), ap.person_id, "
        "COUNT(DISTINCT COALESCE(sq.statement_id, -q.id)), COUNT(DISTINCT q.id), "
        "MIN(COALESCE(q.said_on, a.published)), MAX(COALESCE(q.said_on, a.published)) "
        "FROM quotes q JOIN quote_about ab ON ab.quote_id = q.id JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN article_people ap ON ap.article_id = ab.article_id AND ap.name = ab.entity AND ab.kind = 'person' "
        "LEFT JOIN people p ON p.id = ap.person_id LEFT JOIN statement_quotes sq ON sq.quote_id = q.id "
        f"WHERE q.person_id = ? AND (ap.person_id IS NULL OR ap.person_id != q.person_id){only} "
        "GROUP BY COALESCE('p' || ap.person_id, 'e' || ab.entity_key) ORDER BY 4 DESC, 5 DESC, 1 LIMIT ?",
        (person_id, limit)).fetchall()
    return [about.Neighbour(*row) for row in rows]


def test_talks_about_counts_the_newest_quotes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "about.db"
    build(db, articles=60)
    entities = ["NATO", "Kabul", "the Taliban", "the court", "Reuters", "the police", "Oslo"]
    with Corpus(db) as corpus:
        conn = corpus.conn
        conn.execute("BEGIN")
        rows = conn.execute("SELECT id, article_id FROM quotes ORDER BY id").fetchall()
        conn.executemany('INSERT INTO quote_about(quote_id, article_id, entity, entity_key, kind, start, "end") '
                         "VALUES (?, ?, ?, lower(?), 'organisation', ?, ?)",
                         [(qid, aid, entities[(qid * 7 + k) % len(entities)], entities[(qid * 7 + k) % len(entities)],
                           k, k + 1) for qid, aid in rows for k in range(qid % 3)])
        statements.rebuild(conn)
        conn.execute("COMMIT")
        for (person_id,) in conn.execute("SELECT id FROM people").fetchall():
            count = conn.execute("SELECT COUNT(*) FROM quotes WHERE person_id = ?", (person_id,)).fetchone()[0]
            newest = [r[0] for r in conn.execute("SELECT id FROM quotes WHERE person_id = ? "
                                                 "ORDER BY said_on DESC, id DESC LIMIT 25", (person_id,))]
            for limit in (3, 10):
                # Below the bound, exactly the unbounded answer; above it, that answer over the newest quotes.
                assert about.talks_about(conn, person_id, limit) == old_talks_about(conn, person_id, limit)
                assert about.talks_about(conn, person_id, limit, newest=25) \
                    == old_talks_about(conn, person_id, limit, newest)
            assert about.talks_about_bounded(conn, person_id, 25) == (count > 25)
            assert not about.talks_about_bounded(conn, person_id)
            assert corpus.neighbours(person_id)["talks_about_newest"] is None
        top = conn.execute("SELECT person_id FROM quotes GROUP BY person_id ORDER BY COUNT(*) DESC").fetchone()[0]
        assert old_talks_about(conn, top, 10) and old_talks_about(conn, top, 10) != \
            old_talks_about(conn, top, 10, [r[0] for r in conn.execute(
                "SELECT id FROM quotes WHERE person_id = ? ORDER BY said_on DESC, id DESC LIMIT 25", (top,))])
        # The page and the API say when the list counts only the newest quotes.
        few, bound = conn.execute("SELECT person_id, COUNT(*) FROM quotes WHERE person_id IS NOT NULL "
                                  "GROUP BY person_id ORDER BY 2").fetchone()
        monkeypatch.setattr(about, "TALKS_ABOUT_NEWEST", bound)
    with TestClient(create_app(db)) as client:
        page = client.get(f"/people/{top}").text
        assert f"Counted in their newest {bound} quotes." in page
        assert "Counted in their newest" not in client.get(f"/people/{few}").text
        assert client.get(f"/api/people/{top}/neighbours").json()["talks_about_newest"] == bound
        assert client.get(f"/api/people/{few}/neighbours").json()["talks_about_newest"] is None
