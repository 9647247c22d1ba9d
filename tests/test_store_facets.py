"""Facets, charts and sources' diversity (store/facets.py, series.py, diversity.py) on a generated store
written through `Corpus.add`: counts agree with `count_quotes` for every kind of filter, the
maintained tables follow deletes and updates, samples estimate large searches, charts fill buckets."""
from __future__ import annotations

import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from quotegraph.corpus import Corpus, QuoteFilter
from quotegraph.errors import BadQuery
from quotegraph.records import Article, Document, Person, Quote, Role
from quotegraph.store import facets, migrations, series

WORDS = "harbour bridge budget council storm ferry tariff school clinic river tunnel market".split()
NAMES = ["Ada Quill", "Bruno Mett", "Cleo Varn", "Dmitri Sol", "Esme Holt", "Farid Ono"]
OUTLETS = ["North Wire", "Harbour Times", "Valley Post"]


def pairs(articles: int, per_article: int = 4, seed: int = 3):
    """Generated articles with exact offsets: dates over 2019-2021 (some month-only, some none),
    three outlets, direct and indirect quotes, pronoun speakers for two people."""
    rng = random.Random(seed)
    for n in range(articles):
        day = f"{2019 + (n // 3) % 3}-{1 + n % 12:02d}-{1 + (n * 7) % 28:02d}"
        said_on, precision = (day, "day") if n % 10 else ((day[:7], "month") if n % 20 else (None, "unknown"))
        parts, quotes, people = [f"Report {n}", ""], [], {}
        at = len(parts[0]) + 2
        for k in range(per_article):
            name = NAMES[(n + k) % len(NAMES)]
            said = " ".join(rng.choice(WORDS) for _ in range(6))
            speaker = ("she" if name == "Esme Holt" else "he") if k == 1 and name in ("Esme Holt", "Bruno Mett") \
                else name
            line = f'"{said}," {speaker} said.'
            end = at + len(said) + 3
            quotes.append(Quote(start=at, end=end, text=line[:len(said) + 3], kind=("direct", "indirect")[k % 2],
                                speaker=speaker, speaker_start=end + 1, speaker_end=end + 1 + len(speaker),
                                person=name, source_kind="person", said_on=said_on, said_on_precision=precision))
            people[name] = people.get(name, 0) + 1
            parts += [line, ""]
            at += len(line) + 2
        text = "\n".join(parts)
        roles = {"Ada Quill": (Role("spokeswoman", "Port Authority"),)}
        article = Article(text=text, title=f"Report {n}", outlet=OUTLETS[n % 3], published=day)
        yield article, Document(text=text, quotes=tuple(quotes), published=day, id=article.id, title=article.title,
                                people=tuple(Person(name=p, aliases=(p.split()[-1],), roles=roles.get(p, ()),
                                                    mention_count=c, quote_count=c) for p, c in people.items()))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("facets") / "f.db"
    with Corpus(db) as corpus:
        corpus.add(pairs(240))
    return db


FILTERS = [{}, {"kind": "direct"}, {"since": "2020"}, {"since": "2020-03-05"}, {"until": "2020-06-17"},
           {"since": "2020-03-05", "until": "2020-03-20"}, {"since": "2019-02", "until": "2021-01-31", "kind": "indirect"},
           {"search": "harbour"}, {"search": "harbour", "since": "2020-05-02"}, {"outlet": "north wire"},
           {"speaker": "Holt"}, {"speaker": "Holt", "search": "storm"}, {"search": "ferry OR tunnel", "kind": "direct"}]


@pytest.mark.parametrize("flt", FILTERS)
def test_facet_totals_and_chart_sums_match_the_count(store, flt):
    with Corpus(store, readonly=True) as corpus:
        found, over_time = corpus.overview(**flt)
        expected = corpus.count_quotes(**flt)
        assert found.total == expected > 0
        assert not found.estimated
        drawn = sum(line.total for line in over_time.lines) + over_time.undated
        assert drawn == expected
        # Each facet's values are counts of the same matches, each value's count exactly that filter's count.
        for name in ("outlet", "kind"):
            top = found.facets[name][0]
            assert top.count == corpus.count_quotes(**{**flt, name: top.value}), (name, top)
        speaker = found.facets["speaker"][0]
        assert speaker.count == corpus.count_quotes(**{**flt, "speaker": speaker.value})
        for role in found.facets["role"]:  # Ada Quill, the one spokeswoman
            assert role.count == corpus.count_quotes(**{**flt, "role": role.value}) > 0


def test_whole_store_facets_read_the_maintained_counts(store):
    with Corpus(store, readonly=True) as corpus:
        found = corpus.facets()
        assert found.total == corpus.stats()["quotes"] == 960
        assert {v.value for v in found.facets["outlet"]} == set(OUTLETS)
        assert [v.value for v in found.facets["month"]][:2] == ["2021-12", "2021-11"]  # latest first
        assert {v.value: v.count for v in found.facets["source_kind"]} == {"person": 960}
        assert [(v.value, v.count) for v in found.facets["role"]] == [("spokeswoman", corpus.count_quotes(
            speaker="Ada Quill"))]


def test_counts_follow_deletes_copies_and_moves(tmp_path):
    db = tmp_path / "m.db"
    with Corpus(db) as corpus:
        corpus.add(pairs(30))
        conn = corpus.conn
        some = conn.execute("SELECT id FROM articles ORDER BY rowid LIMIT 3").fetchall()
        conn.execute("BEGIN")
        conn.execute("DELETE FROM quotes WHERE article_id = ?", some[0])
        conn.execute("UPDATE articles SET duplicate_of = ? WHERE id = ?", (some[2][0], some[1][0]))
        conn.execute("UPDATE quotes SET kind = 'mixed', said_on = '2018-01-02' "
                     "WHERE id = (SELECT MIN(id) FROM quotes WHERE article_id = ?)", some[2])
        conn.execute("UPDATE articles SET outlet = 'Renamed' WHERE id = ?", some[2])
        conn.execute("UPDATE quotes SET person_id = NULL")  # as a registry rebuild does first
        conn.execute("COMMIT")
        assert conn.execute("SELECT COUNT(*) FROM quote_facts WHERE person_id IS NOT NULL").fetchone()[0] == 0
        kept = conn.execute(
            "SELECT COALESCE(a.outlet, ''), COALESCE(substr(q.said_on, 1, 7), ''), q.kind, q.source_kind, COUNT(*) "
            "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.duplicate_of IS NULL GROUP BY 1, 2, 3, 4"
        ).fetchall()
        counted = conn.execute("SELECT outlet, month, kind, source_kind, quotes FROM quote_counts WHERE quotes > 0"
                               ).fetchall()
        assert sorted(kept) == sorted(counted)
        assert corpus.facets().total == corpus.count_quotes()
        assert corpus.facets(kind="mixed").total == 1


def every_match_series(conn, flt: QuoteFilter, interval: str, compare: str | None) -> dict:
    """`series` of a search as it was before its bound (issue 14, seventh round): every match walked
    and grouped by bucket and line (`compare`), undated apart."""
    bucket = series._bucket_sql(interval) if interval != "month" else "substr(f.said_on, 1, 7)"
    key = {"outlet": "COALESCE(f.outlet, '')", "speaker": "COALESCE(p.name, '')"}.get(compare or "", "'all'")
    source, where, params = facets.facts_where(conn, flt)
    counts: dict = {}
    for when, who, n in conn.execute(f"SELECT {bucket}, {key}, COUNT(*) FROM {source} "
                                     "LEFT JOIN people p ON p.id = f.person_id" + where + " GROUP BY 1, 2", params):
        counts[(when or "", who)] = counts.get((when or "", who), 0) + n
    return counts


def drawn_counts(drawn: series.Series) -> dict:
    counts = {("", line.key): 0 for line in drawn.lines}
    for line in drawn.lines:
        for bucket, n in zip(drawn.buckets, line.counts):
            if n:
                counts[(bucket, line.key)] = n
    return counts


CHARTS = [("day", None), ("week", None), ("week", "outlet"), ("day", "speaker"), ("month", "speaker"),
          ("month", None), ("month", "outlet")]


@pytest.mark.parametrize("flt", [{"search": "harbour"}, {"search": "storm"}, {"search": "ferry OR tunnel", "kind": "direct"},
                                 {"search": "harbour", "since": "2020-05-02"}, {"speaker": "Holt", "search": "storm"}])
def test_a_searchs_chart_alone_is_every_match_below_the_bound_and_its_newest_above(store, monkeypatch, flt):
    """/api/series of a search by day, week or speaker walks at most facets.NEWEST matches, newest
    first, as the facets do: below the bound the counts are those of every match, above it those of
    the listing's first NEWEST quotes, and the chart says so."""
    with Corpus(store, readonly=True) as corpus:
        q = QuoteFilter(**flt)
        total = corpus.count_quotes(q)
        assert 60 < total <= facets.NEWEST
        for interval, compare in CHARTS:
            drawn = corpus.series(q, interval=interval, compare=compare, lines=8)
            assert drawn.newest == 0 and drawn.to_dict()["counted"] == "all"
            every = every_match_series(corpus.conn, q, interval, compare)
            got = drawn_counts(drawn)
            shown = set(drawn.buckets)  # a daily chart of years is cut to its latest MAX_BUCKETS days
            assert {k: n for k, n in every.items() if k[0] in shown and k[1] in {line.key for line in drawn.lines}} \
                == {k: n for k, n in got.items() if k[0]}
            assert drawn.cut or drawn.undated + sum(line.total for line in drawn.lines) + drawn.others == total
        monkeypatch.setattr(facets, "NEWEST", 60)
        newest = corpus.quotes(q, limit=60)
        narrowed = bool(q.speaker)
        for interval, compare in CHARTS:
            drawn = corpus.series(q, interval=interval, compare=compare, lines=8)
            counted = drawn.undated + sum(line.total for line in drawn.lines) + drawn.others
            if narrowed:  # a speaker's search is walked whole, as its facets are
                assert drawn.newest == 0 and (drawn.cut or counted == total)
                continue
            assert drawn.newest == 60 and drawn.to_dict()["counted"] == "newest" and (drawn.cut or counted == 60)
            if interval == "day" and compare is None:
                days = Counter(row.said_on for row in newest if row.said_on and len(row.said_on) == 10)
                assert drawn_counts(drawn) == {("", "all"): 0, **{(d, "all"): n for d, n in days.items()}}


def every_match_cube(conn, flt: QuoteFilter) -> facets.Cube:
    """`cube` of a search as it was before NEWEST (issue 14, sixth round): every match walked in the
    full-text index's order and counted, whatever their number."""
    source, where, params = facets.facts_where(conn, flt)
    merged, people = Counter(), Counter()
    for outlet, month, kind, source_kind, person in conn.execute(
            "SELECT COALESCE(f.outlet, ''), COALESCE(substr(f.said_on, 1, 7), ''), f.kind, f.source_kind, "
            "f.person_id FROM " + source + where, params):
        merged[(outlet, month, kind, source_kind)] += 1
        if person is not None:
            people[person] += 1
    return facets.Cube(tuple(sorted((*key, n) for key, n in merged.items())), 1, tuple(people.most_common()))


SEARCHES = [f for f in FILTERS if "search" in f and "speaker" not in f] + [
    {"search": "storm"}, {"search": "tunnel OR clinic"}, {"search": "harbour", "outlet": "valley"},
    {"search": "bridge", "until": "2020-08"}, {"search": "market", "since": "2019-06", "until": "2021"},
    {"search": "school", "include_duplicates": True}, {"search": "river", "role": "spokeswoman"},
    {"search": '"harbour bridge"'}, {"search": "nothingmatches"}]


@pytest.mark.parametrize("flt", SEARCHES)
def test_below_the_bound_a_searchs_facets_and_chart_are_those_of_every_match(store, flt):
    """The bounded walk (newest first, at most NEWEST matches) gives, below the bound, exactly the
    facets and the chart that counting every match gave: same values, same counts, same order."""
    with Corpus(store, readonly=True) as corpus:
        q = QuoteFilter(**flt)
        counted = facets.cube(corpus.conn, q)
        before = every_match_cube(corpus.conn, q)
        assert sum(r[-1] for r in before.rows) <= facets.NEWEST and counted.newest == 0
        assert counted == before
        for top in (1, 3, 10):
            assert facets.facets(corpus.conn, q, top=top) == facets.facets(corpus.conn, q, top=top, counted=before)
        found, drawn = corpus.overview(q)
        assert found.exact and found.to_dict()["total_exact"] and found.to_dict()["counted"] == "all"
        assert found.total == corpus.count_quotes(q)
        assert drawn == series.series(corpus.conn, q, counted=before) and drawn.newest == 0


@pytest.mark.parametrize("flt", [{"search": "harbour"}, {"search": "storm OR ferry", "kind": "direct"},
                                 {"search": "market", "since": "2020-02", "until": "2021-03-15"}])
def test_above_the_bound_a_search_is_counted_over_its_newest_matches_and_says_so(store, monkeypatch, flt):
    monkeypatch.setattr(facets, "NEWEST", 60)
    with Corpus(store, readonly=True) as corpus:
        q = QuoteFilter(**flt)
        assert corpus.count_quotes(q) > 60
        found, drawn = corpus.overview(q)
        assert found.newest == 60 == found.total and not found.exact and not found.estimated
        as_json = found.to_dict()
        assert as_json["total_exact"] is False and as_json["counted"] == "newest" and as_json["counted_matches"] == 60
        assert drawn.newest == 60 and drawn.to_dict()["counted"] == "newest"
        # Every count is of the listing's first 60 quotes: the newest, as the list shows them.
        newest = corpus.quotes(q, limit=60)
        outlets = Counter(row.outlet for row in newest)
        assert {v.value: v.count for v in found.facets["outlet"]} == dict(outlets)
        months = Counter(row.said_on[:7] for row in newest if row.said_on)
        assert sum(line.total for line in drawn.lines) == sum(months.values())
        assert {v.value: v.count for v in found.facets["month"]} == dict(sorted(months.items(), reverse=True)[:10])
        speakers = Counter(row.person for row in newest if row.person_id is not None)
        assert {v.value: v.count for v in found.facets["speaker"]} == {
            name: n for name, n in speakers.items() if n >= sorted(speakers.values(), reverse=True)[:10][-1]}
        # One more allowed and the same search is all counted again.
        assert facets.cube(corpus.conn, q, newest=10_000) == every_match_cube(corpus.conn, q)


def test_series_by_day_week_month_and_compared(store):
    with Corpus(store, readonly=True) as corpus:
        months = corpus.series(since="2020-01", until="2020-03")
        assert months.buckets == ("2020-01", "2020-02", "2020-03") and len(months.lines) == 1
        weeks = corpus.series(interval="week", since="2020-03", until="2020-03")
        assert all(b >= "2020-02-24" and b <= "2020-03-30" for b in weeks.buckets)
        days = corpus.series(interval="day", since="2020-03-01", until="2020-03-31")
        assert sum(days.lines[0].counts) == corpus.count_quotes(since="2020-03-01", until="2020-03-31") > 0
        compared = corpus.series(compare="outlet", keys=["North Wire", "Valley Post"], search="budget")
        assert [line.key for line in compared.lines] == ["North Wire", "Valley Post"]
        assert compared.lines[0].total == corpus.count_quotes(search="budget", outlet="North Wire",
                                                              include_duplicates=False, since="1900")
        speakers = corpus.series(compare="speaker", lines=2)
        assert len(speakers.lines) == 2 and speakers.others > 0
        with pytest.raises(BadQuery):
            corpus.series(interval="hour")
        with pytest.raises(BadQuery):
            corpus.series(compare="colour")


def test_diversity_counts_sources_kinds_and_gender(store):
    with Corpus(store, readonly=True) as corpus:
        rows = corpus.diversity(by=("outlet", "year"))
        assert len(rows) == 9
        row = rows[0]
        assert row.sources == row.by_kind["person"] == 6
        # Holt ("she"), Quill (a spokeswoman) and Mett ("he") have gender from the text; the rest none.
        assert (row.female, row.male, row.unknown) == (2, 1, 3)
        assert row.to_dict()["female_share"] == round(2 / 6, 4)
        everything = corpus.diversity(by=())
        assert len(everything) == 1 and everything[0].quotes == corpus.count_quotes()
        with pytest.raises(BadQuery):
            corpus.diversity(by=("colour",))


def test_people_and_article_lists_count_and_sort(store):
    with Corpus(store, readonly=True) as corpus:
        people = corpus.people_facets()
        assert people.total == len(NAMES) and people.facets["kind"][0].count == len(NAMES)
        assert people.facets["role"][0].value == "spokeswoman"
        assert [p.name for p in corpus.people(role="Spokeswoman")] == ["Ada Quill"]
        assert [p.name for p in corpus.people(sort="name")] == sorted(NAMES)
        articles = corpus.article_facets(outlet="Valley Post")
        assert articles.total == 80 == sum(v.count for v in corpus.article_facets().facets["outlet"]) // 3
        oldest = corpus.articles(sort="oldest", limit=1)[0]
        assert oldest.published == min(a.published for a in corpus.articles(limit=300))
        with pytest.raises(BadQuery):
            corpus.articles(sort="sideways")


def test_migration_fills_the_tables_for_a_store_written_before(tmp_path):
    db = tmp_path / "old.db"
    with Corpus(db) as corpus:
        corpus.add(pairs(12))
    conn = sqlite3.connect(db, isolation_level=None)
    for table in ("quote_facts", "quote_counts", "gender_overrides"):  # a store from before migration 9
        conn.execute(f"DROP TABLE {table}")
    for _ in range(2):  # applied twice (a store moved back a version): nothing counted twice
        conn.execute("BEGIN")
        for statement in migrations._statements(migrations._sql("overview.sql")):
            conn.execute(statement)
        conn.execute("COMMIT")
    assert conn.execute("SELECT COUNT(*) FROM quote_facts").fetchone()[0] == 48
    assert conn.execute("SELECT SUM(quotes) FROM quote_counts").fetchone()[0] == 48
    conn.close()
    with Corpus(db, readonly=True) as corpus:
        assert corpus.facets().total == corpus.count_quotes() == 48
        assert corpus.facets(kind="direct").total == 24


@pytest.mark.parametrize("flt", [f for f in FILTERS if "search" in f] + [{"search": "storm"}, {"search": "tunnel"}])
def test_speakers_counted_in_the_searchs_walk_equal_their_own_count(store, flt):
    """The speaker facet a search's one walk counts (`cube`) is the one `top_speakers` counts on its own,
    ties in name order, for every cut-off; and so is the role facet counted from those speakers."""
    with Corpus(store, readonly=True) as corpus:
        q = QuoteFilter(**flt)
        counted = facets.cube(corpus.conn, q)
        for top in (1, 2, 3, 10):
            found = facets.facets(corpus.conn, q, top=top, counted=counted)
            expected = facets.top_speakers(corpus.conn, q, top)
            assert list(found.facets["speaker"]) == expected[:top]
            assert ("speaker" in found.more) == (len(expected) > top)
            assert found.facets["role"] or flt != {"search": "harbour"}  # the role facet is exercised
            assert list(found.facets["role"]) == facets.top_roles(corpus.conn, q, facets.Cube(counted.rows),
                                                                  found.total, top)[:top]


def test_a_reader_maps_the_whole_store_and_reads_the_same_through_the_mapping(store):
    """Readers map as much of the file as SQLite allows (the server's connections then share the
    operating system's copy of the pages instead of each copying them into its own cache), and a
    search's facets, chart and page are the same read through the mapping as through read calls."""
    assert migrations.READER_MMAP >= 2 ** 31  # at least the usual builds' own limit (2 GB)
    plain = sqlite3.connect(store)
    granted = plain.execute(f"PRAGMA mmap_size = {migrations.READER_MMAP}").fetchone()
    plain.close()
    limit = granted[0] if granted else 0
    with Corpus(store, readonly=True) as mapped, Corpus(store, readonly=True) as unmapped:
        assert mapped.conn.execute("PRAGMA mmap_size").fetchone()[0] == limit
        unmapped.conn.execute("PRAGMA mmap_size = 0")
        for flt in FILTERS:
            q = QuoteFilter(**flt)
            assert mapped.overview(q) == unmapped.overview(q)
            assert mapped.quotes(q, limit=25).to_dicts() == unmapped.quotes(q, limit=25).to_dicts()
