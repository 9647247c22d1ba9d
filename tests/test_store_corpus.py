"""Corpus write path and queries on a real SQLite file, with records built by hand (no model)."""
from __future__ import annotations

import csv
import json
import sqlite3

import pytest

from quotegraph.errors import BadQuery, StoreError
from quotegraph.records import Article, Document, Person, Quote, Role
from quotegraph.corpus import Corpus
from quotegraph.store import SCHEMA_VERSION, writer
from quotegraph.store.export import COLUMNS

STORY = ("NATO Secretary General Jens Stoltenberg spoke in Brussels on Monday. "
         '"We will continue to support the Afghan people," Stoltenberg said. '
         "He said the alliance had discussed the evacuation of civilians from Kabul airport. "
         "Ben Wallace, the UK Defence Secretary, said Britain had tried to form a coalition. "
         '"There was no willingness from other allies," Wallace said. ') * 3


def _quote(text: str, needle: str, speaker: str, person: str, kind: str = "direct",
           said_on: str | None = None) -> Quote:
    start = text.index(needle)
    s_start = text.index(speaker, start)
    return Quote(start=start, end=start + len(needle), text=needle, kind=kind, cue="said",
                 speaker=speaker, speaker_start=s_start, speaker_end=s_start + len(speaker),
                 person=person, source_kind="person", confidence=0.9, said_on=said_on,
                 said_on_precision="day" if said_on else "unknown")


def make_pair(text: str = STORY, *, outlet: str = "BBC", published: str | None = "2021-08-16",
              source: str | None = None) -> tuple[Article, Document]:
    article = Article(text=text, outlet=outlet, published=published, title="Stoltenberg on Afghanistan",
                      url=f"https://{outlet.lower()}.example/story", source=source or f"{outlet}.txt")
    quotes = (
        _quote(text, '"We will continue to support the Afghan people,"', "Stoltenberg", "Jens Stoltenberg",
               said_on=published),
        _quote(text, "the alliance had discussed the evacuation of civilians from Kabul airport", "He",
               "Jens Stoltenberg", kind="indirect", said_on=published),
        _quote(text, '"There was no willingness from other allies,"', "Wallace", "Ben Wallace", said_on=published),
    )
    people = (Person(name="Jens Stoltenberg", aliases=("Stoltenberg", "He"), roles=(Role("Secretary General", "NATO"),),
                     mention_count=3, quote_count=2),
              Person(name="Ben Wallace", aliases=("Wallace",), roles=(Role("Defence Secretary", "UK"),),
                     mention_count=2, quote_count=1))
    return article, Document(text=text, quotes=quotes, people=people, id=article.id)


def _by_id(row: dict) -> int:
    return int(row["id"])


@pytest.fixture()
def corpus(tmp_path):
    with Corpus(tmp_path / "news.db") as c:
        yield c


def test_new_store_records_schema_version_and_is_plain_sqlite(tmp_path):
    Corpus(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "quotes", "people", "quotes_fts", "articles_fts", "quotes_full", "people_counts",
            "article_bands"} <= names


def test_add_stores_rows_that_match_the_document(corpus):
    article, document = make_pair()
    report = corpus.add([(article, document)])
    assert (report.new, report.duplicates, report.quotes) == (1, 0, len(document.quotes))
    rows = corpus.quotes(article_id=article.id, limit=100)
    assert sorted((r.start, r.end, r.text, r.kind) for r in rows) == sorted(
        (q.start, q.end, q.text, q.kind) for q in document.quotes)
    for row in rows:  # offsets index the stored article text
        assert article.text[row.start:row.end] == row.text
        assert article.text[row.speaker_start:row.speaker_end] == row.speaker
    detail = corpus.article(article.id)
    assert detail.text == article.text and {p["name"] for p in detail.people} == {"Jens Stoltenberg", "Ben Wallace"}


def test_adding_twice_adds_nothing(corpus):
    pair = make_pair()
    corpus.add([pair])
    before = corpus.stats()
    again = corpus.add([pair, pair])
    assert (again.new, again.duplicates, again.quotes) == (0, 2, 0)
    assert corpus.stats() == before



def test_a_batch_keeps_its_temporary_storage_in_memory_and_restores_the_setting(corpus):
    """Statement journals of a batch stay in memory (no temporary file per statement past 64 kB:
    docs/store.md, tenth round); the connection's own setting is back after the batch, also when
    the batch fails."""
    seen: list[int] = []

    def link(conn: sqlite3.Connection, new_ids: object) -> None:
        seen.append(conn.execute("PRAGMA temp_store").fetchone()[0])

    before = corpus.conn.execute("PRAGMA temp_store").fetchone()[0]
    report = writer.write_batch(corpus.conn, [make_pair()], link=link)
    assert report.new == 1 and seen == [2]
    assert corpus.conn.execute("PRAGMA temp_store").fetchone()[0] == before

    def fails(conn: sqlite3.Connection, new_ids: object) -> None:
        raise RuntimeError("link failed")

    with pytest.raises(RuntimeError):
        writer.write_batch(corpus.conn, [make_pair(STORY.replace("Monday", "Tuesday"))], link=fails)
    assert corpus.conn.execute("PRAGMA temp_store").fetchone()[0] == before
    assert not corpus.conn.in_transaction and corpus.stats()["articles"] == 1

def test_speaker_filter_matches_surname_case_insensitively(corpus):
    corpus.add([make_pair()])
    rows = corpus.quotes(speaker="stoltenberg")
    assert rows and {r.person for r in rows} == {"Jens Stoltenberg"}
    assert len(rows) == 2  # the "He" quote is found through the resolved person
    assert corpus.count_quotes(speaker="stoltenberg") == 2 == corpus.count_quotes(speaker="stoltenberg", kind=None)
    assert corpus.count_quotes(speaker="Stoltenberg", kind="indirect") == 1
    assert {r.person for r in corpus.quotes(speaker="BEN WALLACE")} == {"Ben Wallace"}
    assert corpus.quotes(speaker="Merkel") == []
    assert corpus.quotes(speaker="Stolten") == []  # whole words, not any substring


def test_filters_combine(corpus):
    corpus.add([make_pair(), make_pair(STORY.replace("Monday", "Tuesday") + " Later news.", outlet="Reuters",
                                       published="2021-09-02")])
    assert len(corpus.quotes(speaker="Stoltenberg", include_duplicates=True)) == 4
    both = corpus.quotes(speaker="Stoltenberg", outlet="reuters", kind="direct")
    assert [(r.outlet, r.kind, r.person) for r in both] == [("Reuters", "direct", "Jens Stoltenberg")]
    dated = corpus.quotes(search="willingness", since="2021-08", until="2021-08", include_duplicates=True)
    assert [(r.said_on, r.person) for r in dated] == [("2021-08-16", "Ben Wallace")]
    assert corpus.quotes(search="willingness", since="2021-08-17", until="2021-08-31") == []
    assert corpus.count_quotes(search="evacuation", include_duplicates=True) == 2


def test_full_text_search_syntax_errors_are_bad_queries(corpus):
    corpus.add([make_pair()])
    assert [r.speaker for r in corpus.quotes(search='"no willingness"')] == ["Wallace"]
    assert corpus.quotes(search="evacuat*")  # prefix
    assert corpus.quotes(search="U.S. don't") == []  # punctuation is not syntax
    for bad in ('"unbalanced', "(taliban OR", "NOT", '"kabul" nosuch : x'):
        with pytest.raises(BadQuery) as info:
            corpus.quotes(search=bad)
        assert "search" in str(info.value)
    with pytest.raises(BadQuery):
        corpus.quotes(since="last week")
    with pytest.raises(BadQuery):
        corpus.quotes(kind="sarcastic")


def test_interrupted_search_is_not_a_bad_query(corpus):
    # A server's time limit interrupts the query through a progress handler: the caller must see
    # the interruption (to answer "too slow"), not a complaint about the user's expression.
    corpus.add([make_pair()])
    corpus.conn.set_progress_handler(lambda: 1, 1)
    for call in (lambda: corpus.quotes(search="willingness"), lambda: corpus.count_quotes(search="allies"),
                 lambda: corpus.quotes(speaker="Wallace", search="allies"), lambda: corpus.articles(search="kabul")):
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            call()
    corpus.conn.set_progress_handler(None, 1)
    with pytest.raises(BadQuery):
        corpus.quotes(search='"unbalanced')
    assert corpus.count_quotes(search="allies") == 1


def test_planner_statistics_follow_the_store_size(corpus):
    from quotegraph.store import planner

    conn = corpus.conn
    corpus.add([make_pair()])
    assert planner.analysed_rows(conn)["quotes"] == 3
    assert not planner.keep_current(conn)  # nothing changed: no ANALYZE
    # Rows written behind the store's back (here: 600 more quotes) are analysed when it closes.
    article_id = conn.execute("SELECT id FROM articles").fetchone()[0]
    conn.executemany('INSERT INTO quotes(article_id, start, "end", text, kind) VALUES (?, ?, ?, ?, ?)',
                     [(article_id, i, i + 1, f"quote {i}", "direct") for i in range(1000, 1600)])
    assert planner.is_stale(conn)
    corpus.close()
    with sqlite3.connect(corpus.path) as conn:
        assert dict(conn.execute("SELECT tbl, MAX(CAST(stat AS INTEGER)) FROM sqlite_stat1 "
                                 "WHERE tbl = 'quotes'"))["quotes"] == 603


def test_near_duplicate_is_linked_and_counted_once_but_found_by_outlet(corpus):
    article, document = make_pair()
    corpus.add([(article, document)])
    edited = STORY.replace("He said the alliance", "He told reporters the alliance", 1)
    copy_article, copy_doc = make_pair(edited, outlet="Reuters")
    report = corpus.add([(copy_article, copy_doc)])
    assert (report.new, report.near_duplicates) == (1, 1)
    assert corpus.article(copy_article.id).article.duplicate_of == article.id
    assert corpus.article(article.id).duplicates == (copy_article.id,)
    # Counted once: the person's quote count is that of one copy.
    stoltenberg = next(p for p in corpus.people() if p.name == "Jens Stoltenberg")
    assert (stoltenberg.quote_count, stoltenberg.article_count) == (2, 1)
    assert {r.outlet for r in corpus.quotes(speaker="Stoltenberg")} == {"BBC"}
    # ... and still found by outlet.
    reuters = corpus.quotes(outlet="Reuters")
    assert len(reuters) == 3 and all(r.duplicate_of == article.id for r in reuters)


def test_different_story_is_not_a_duplicate(corpus):
    corpus.add([make_pair()])
    other = ("The central bank raised interest rates by half a point on Thursday, its governor said. "
             '"Inflation is too high," she told reporters, adding that more rises were likely. ') * 3
    article = Article(text=other, outlet="FT", source="ft.txt")
    report = corpus.add([(article, Document(text=other, id=article.id))])
    assert report.near_duplicates == 0 and corpus.article(article.id).article.duplicate_of is None


def test_exact_copy_from_another_outlet_is_recorded(corpus):
    article, document = make_pair()
    corpus.add([(article, document)])
    copy = Article(text=article.text, outlet="AP", source="ap.txt")
    assert copy.id == article.id
    assert corpus.add([(copy, document)]).duplicates == 1
    assert corpus.article(article.id).copies == ({"source": "ap.txt", "outlet": "AP", "url": None},)
    assert len(corpus.quotes(outlet="ap")) == 3


def test_people_most_quoted_first(corpus):
    corpus.add([make_pair()])
    people = corpus.people()
    assert [(p.name, p.quote_count) for p in people[:2]] == [("Jens Stoltenberg", 2), ("Ben Wallace", 1)]
    assert corpus.people(search="wallace")[0].name == "Ben Wallace"


def test_articles_listing_and_search(corpus):
    article, document = make_pair()
    corpus.add([(article, document)])
    rows = corpus.articles(outlet="bbc")
    assert [(r.id, r.quote_count, r.chars) for r in rows] == [(article.id, 3, len(article.text))]
    assert corpus.articles(search="coalition")[0].id == article.id
    assert corpus.articles(since="2022") == []


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_export_round_trips_the_rows(corpus, tmp_path, suffix):
    corpus.add([make_pair(), make_pair(STORY + " More.", outlet="Reuters")])
    expected = [r.to_dict() for r in corpus.quotes(include_duplicates=True, limit=1000)]
    target = tmp_path / f"quotes{suffix}"
    assert corpus.export(target) == len(expected) == 6
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        got = pq.read_table(target).to_pylist()
    elif suffix == ".jsonl":
        got = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    else:
        with target.open(encoding="utf-8", newline="") as fh:
            got = list(csv.DictReader(fh))
        assert list(got[0]) == list(COLUMNS)
        expected = [{k: "" if v is None else str(v) for k, v in row.items()} for row in expected]
        got = [dict(row) for row in got]
    assert sorted(got, key=_by_id) == sorted(expected, key=_by_id)


def test_to_pandas(corpus):
    pytest.importorskip("pandas")
    corpus.add([make_pair()])
    frame = corpus.quotes(speaker="Wallace").to_pandas()
    assert list(frame["person"]) == ["Ben Wallace"] and "outlet" in frame.columns


def test_not_sqlite_file_is_refused_by_name(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError) as info:
        Corpus(bogus)
    assert "notes.db" in str(info.value) and "not a SQLite database" in str(info.value)
    assert bogus.read_text() == "these are my notes, not a database\n"


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Corpus(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Corpus(path)


def test_readonly_corpus_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Corpus(tmp_path / "missing.db", readonly=True)
    Corpus(tmp_path / "s.db").close()
    with Corpus(tmp_path / "s.db", readonly=True) as c:
        assert c.quotes() == []
        with pytest.raises(StoreError):
            c.add([make_pair()])


def test_migration_from_version_1(tmp_path):
    from quotegraph.store.migrations import _sql

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(_sql("schema.sql"))
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.commit()
    conn.close()
    with Corpus(path) as c:
        c.add([make_pair()])
        assert c.quotes(search="willingness")
    assert sqlite3.connect(path).execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION)


def test_person_counts_follow_writes_made_outside_the_store(corpus):
    corpus.add([make_pair()])
    wallace = next(p for p in corpus.people() if p.name == "Ben Wallace")
    assert wallace.quote_count == 1
    # A registry decision (or a user's SQL) moves a quote to another person: counts follow.
    conn = corpus.conn
    stoltenberg_id = next(p.id for p in corpus.people() if p.name == "Jens Stoltenberg")
    conn.execute("UPDATE quotes SET person_id = ? WHERE person_id = ?", (stoltenberg_id, wallace.id))
    counts = {p.name: p.quote_count for p in corpus.people()}
    assert counts["Jens Stoltenberg"] == 3 and counts["Ben Wallace"] == 0
    corpus.add([make_pair(STORY + " Another story.", outlet="FT")])  # a write recounts what is pending
    assert conn.execute("SELECT COUNT(*) FROM person_stats_dirty").fetchone()[0] == 0
    assert {p.name: p.quote_count for p in corpus.people()}["Jens Stoltenberg"] == 3  # the FT copy is a duplicate


@pytest.mark.parametrize("filters", [{"speaker": "Stoltenberg"}, {"search": "willingness"}, {"outlet": "reuters"},
                                     {"speaker": "wallace", "search": "allies", "since": "2021"}, {"kind": "direct"}])
def test_walking_the_date_index_gives_the_same_rows(corpus, monkeypatch, filters):
    from quotegraph.store import queries

    for i in range(6):
        text = STORY.replace("Monday", f"day {i}") + f" Story number {i} about something else entirely. " * (i + 1)
        corpus.add([make_pair(text, outlet=["BBC", "Reuters"][i % 2], published=f"2021-0{i + 1}-10")])
    expected = corpus.quotes(**filters, limit=7, offset=1)
    monkeypatch.setattr(queries, "walk_threshold", lambda total, wanted: 1)
    speakers = queries.speaker_people(corpus.conn, filters["speaker"]) if "speaker" in filters else []
    assert queries._many_matches(corpus.conn, queries.QuoteFilter(**filters), 8, speakers)
    assert corpus.quotes(**filters, limit=7, offset=1) == expected and expected


def test_speaker_listing_pages_agree_with_the_count_and_find_unlinked_quotes(corpus):
    for i in range(4):
        text = STORY.replace("Monday", f"day {i}") + f" Story number {i} about something else entirely. " * (i + 1)
        corpus.add([make_pair(text, outlet=["BBC", "Reuters"][i % 2], published=f"2021-0{i + 1}-10")])
    conn = corpus.conn
    # A quote the registry linked to nobody is still found by its speaker mention.
    unlinked = conn.execute("SELECT id FROM quotes WHERE speaker = 'Wallace' ORDER BY id LIMIT 1").fetchone()[0]
    conn.execute("UPDATE quotes SET person_id = NULL WHERE id = ?", (unlinked,))
    for filters in ({"speaker": "Stoltenberg"}, {"speaker": "wallace", "include_duplicates": True},
                    {"speaker": "Ben Wallace", "search": "allies", "include_duplicates": True},
                    {"speaker": "jens stoltenberg", "since": "2021-02", "kind": "indirect"}):
        everything = corpus.quotes(**filters, limit=100)
        assert everything and len(everything) == corpus.count_quotes(**filters)
        assert [r.said_on for r in everything] == sorted((r.said_on for r in everything), reverse=True)
        paged = [r for k in range(0, len(everything), 2) for r in corpus.quotes(**filters, limit=2, offset=k)]
        assert paged == everything
    found = corpus.quotes(speaker="Wallace", include_duplicates=True, limit=100)
    assert unlinked in {r.id for r in found} and {r.person for r in found} == {"Ben Wallace"}
    assert corpus.quotes(speaker="Wallac") == [] and corpus.count_quotes(speaker="Stoltenberg Wallace") == 0


def test_names_index_follows_people_and_aliases_and_is_built_for_older_stores(corpus):
    corpus.add([make_pair()])
    conn = corpus.conn
    wallace = next(p.id for p in corpus.people() if p.name == "Ben Wallace")
    conn.execute("UPDATE people SET name = 'Benjamin Wallace-Jones' WHERE id = ?", (wallace,))
    conn.execute("DELETE FROM person_aliases WHERE person_id = ?", (wallace,))
    assert corpus.quotes(speaker="Wallace-Jones")[0].person == "Benjamin Wallace-Jones"
    assert corpus.quotes(speaker="Ben Wallace") == []  # neither name nor alias any more
    conn.execute("INSERT INTO person_aliases(person_id, alias) VALUES (?, 'Benny W')", (wallace,))
    assert len(corpus.quotes(speaker="benny w")) == 1
    # A version 4 store (no names index) gets it, filled, when opened for writing.
    conn.execute("DROP TABLE people_names_fts")
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE "
                                   "'%people_names_fts%'").fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    corpus.close()
    with Corpus(corpus.path) as reopened:
        assert [q.person for q in reopened.quotes(speaker="Benny W")] == ["Benjamin Wallace-Jones"]
        assert len(reopened.quotes(speaker="stoltenberg")) == 2


def test_planner_statistics_sampled_low_do_not_make_every_write_analyse_again(corpus):
    # Under analysis_limit, sqlite_stat1's row counts are estimates and can be far below the table's
    # size; the sizes at the last ANALYZE are kept in meta, so an unchanged store is not stale.
    from quotegraph.store import planner

    conn = corpus.conn
    corpus.add([make_pair()])
    article_id = conn.execute("SELECT id FROM articles").fetchone()[0]
    conn.executemany('INSERT INTO quotes(article_id, start, "end", text, kind) VALUES (?, ?, ?, ?, ?)',
                     [(article_id, i, i + 1, f"quote {i}", "direct") for i in range(1000, 1600)])
    assert planner.keep_current(conn)
    assert planner.analysed_rows(conn)["quotes"] == 603
    conn.execute("UPDATE sqlite_stat1 SET stat = '10 1' WHERE tbl = 'quotes'")  # an estimate far too low
    assert not planner.is_stale(conn)
    assert not planner.keep_current(conn)
    conn.executemany('INSERT INTO quotes(article_id, start, "end", text, kind) VALUES (?, ?, ?, ?, ?)',
                     [(article_id, i, i + 1, f"quote {i}", "direct") for i in range(2000, 2700)])
    assert planner.is_stale(conn)  # 1,303 rows against 603 analysed
    assert planner.keep_current(conn)
    assert planner.analysed_rows(conn)["quotes"] == 1303


def test_planner_statistics_do_not_send_duplicate_checks_down_the_duplicate_index(corpus):
    # ANALYZE counts each NULL duplicate_of as a value of its own, so "duplicate_of IS NULL" looks
    # like a few rows; a per-person recount planned on that index reads every article.
    from quotegraph.store import planner, queries, stats

    conn = corpus.conn
    conn.execute("BEGIN")
    for a in range(600):
        conn.execute("INSERT INTO articles(id, text, duplicate_of) VALUES (?, 'x', ?)",
                     (f"a{a}", f"a{a - 1}" if a % 5 == 4 else None))  # copies of many originals
        conn.executemany('INSERT INTO quotes(article_id, start, "end", text, kind, person_id) VALUES (?, ?, ?, ?, ?, ?)',
                         [(f"a{a}", k, k + 1, "q", "direct", (a * 3 + k) % 20) for k in range(3)])
    conn.execute("COMMIT")
    assert planner.keep_current(conn)
    recount = "SELECT" + stats._RECOUNT[1].split("SELECT", 1)[1]  # person_stats' recount
    plans: dict[str, tuple[str, list]] = {"recount": (recount, [])}
    for name, flt in {"person": {"person_id": 7}, "kind": {"kind": "direct", "since": "2020"}}.items():
        where, params = queries.QuoteFilter(**flt).where(conn)
        plans[name] = (queries._IDS + where + " ORDER BY q.said_on DESC, q.id LIMIT 50", params)
    for name, (sql, params) in plans.items():
        plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "articles_duplicate_of" not in plan, (name, plan)
    stats.refresh(conn)
    expected = conn.execute("SELECT COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
                            "WHERE q.person_id = 7 AND a.duplicate_of IS NULL").fetchone()[0]
    assert expected == len(corpus.quotes(person_id=7, limit=1000)) == \
        conn.execute("SELECT quotes FROM person_stats WHERE person_id = 7").fetchone()[0]
