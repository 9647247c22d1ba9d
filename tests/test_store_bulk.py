"""A store written inside `bulk_load` (insert triggers off, derived rows written set-based at the
end) holds exactly what the per-row triggers write: same derived tables, same query results, and
the triggers are back afterwards."""
from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from quotegraph.corpus import Corpus, QuoteFilter
from quotegraph.store import bulk, stats

WORDS = "taliban troops nato security kabul airport government minister election court police".split()
NAMES = ["Jens Stoltenberg", "Anna Stoltenberg", "Ben Wallace", "Carla Singh", "David Nguyen"]
SPEAKERS = ["he", "she", "Mr Wallace", "the minister", "officials"]


def _date(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.2:
        return f"20{rng.randint(18, 22)}-{rng.randint(1, 12):02d}"
    if roll < 0.25:
        return f"20{rng.randint(18, 22)}"
    return f"20{rng.randint(18, 22)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _write(conn: sqlite3.Connection, part: int, articles: int) -> None:
    """Rows of one write: people and aliases, articles (some near-duplicate copies), quotes
    (some unlinked, some with a pronoun for a speaker, undated, month and year precision)."""
    rng = random.Random(part)
    base = part * 1000
    conn.executemany("INSERT INTO people(id, name) VALUES (?, ?)",
                     ((base + i, name) for i, name in enumerate(NAMES, 1)))
    conn.executemany("INSERT INTO person_aliases(person_id, alias) VALUES (?, ?)",
                     ((base + i, name.split()[1]) for i, name in enumerate(NAMES, 1)))
    people = [base + i for i in range(1, len(NAMES) + 1)] + [1, 2]  # also earlier writes' people
    for a in range(articles):
        article_id = f"p{part}a{a:04d}"
        copy_of = f"p{part}a{rng.randrange(a):04d}" if a > 3 and rng.random() < 0.15 else None
        conn.execute("INSERT INTO articles(id, outlet, title, published, text, duplicate_of) VALUES (?, ?, ?, ?, ?, ?)",
                     (article_id, rng.choice(["BBC", "AP", None]), f"Story {part} {a}", _date(rng),
                      f"generated {rng.choice(WORDS)}", copy_of))
        day = _date(rng)
        for k in range(rng.randint(0, 9)):
            pid = rng.choice(people) if rng.random() > 0.15 else None
            text = " ".join(rng.choices(WORDS, k=rng.randint(3, 9)))
            conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, source_kind, speaker, person, '
                         "person_id, said_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (article_id, k * 100, k * 100 + len(text), text, rng.choice(("direct", "indirect")),
                          rng.choice(("person", "unnamed")), rng.choice(SPEAKERS),
                          rng.choice(NAMES) if rng.random() > 0.2 else None, pid,
                          day if rng.random() < 0.7 else _date(rng)))


def build(db: Path, bulk_parts: set[int]) -> None:
    """Three writes into one store, those in `bulk_parts` through bulk_load, the others row by row."""
    corpus = Corpus(db)
    conn = corpus.conn
    for part in (1, 2, 3):
        if part in bulk_parts:
            with bulk.bulk_load(conn):
                _write(conn, part, 60)
        else:
            conn.execute("BEGIN IMMEDIATE")
            _write(conn, part, 60)
            stats.refresh(conn)
            conn.execute("COMMIT")
    corpus.close()


def _fts(table: str) -> Callable[[sqlite3.Connection], list]:
    def read(conn: sqlite3.Connection) -> list:
        return [(word, [r[0] for r in conn.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid", (word,))])
            for word in [*WORDS, "stoltenberg", "wallace", "he", "generated", "story"]]
    return read


DERIVED: dict[str, Callable[[sqlite3.Connection], list]] = {
    "quote_facts": lambda c: c.execute("SELECT * FROM quote_facts ORDER BY quote_id").fetchall(),
    "quote_counts": lambda c: c.execute("SELECT * FROM quote_counts WHERE quotes != 0 ORDER BY 1, 2, 3, 4").fetchall(),
    "person_stats": lambda c: c.execute("SELECT * FROM person_stats ORDER BY person_id").fetchall(),
    "people_names_fts": lambda c: c.execute("SELECT rowid, name, person_id FROM people_names_fts ORDER BY rowid")
                                   .fetchall(),
    "quotes_dated rows": lambda c: c.execute("SELECT id FROM quotes_dated_docsize ORDER BY id").fetchall(),
    "quotes_dated": _fts("quotes_dated"),
    "quotes_fts": _fts("quotes_fts"),
    "articles_fts": _fts("articles_fts"),
    "indexes": lambda c: c.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
                           .fetchall(),
    "triggers": lambda c: c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
                            .fetchall(),
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bulk")
    made = {}
    for label, parts in (("triggers", set()), ("bulk", {1, 2, 3}), ("mixed", {2})):
        made[label] = folder / f"{label}.db"
        build(made[label], parts)
    return made


@pytest.mark.parametrize("label", ["bulk", "mixed"])
@pytest.mark.parametrize("table", list(DERIVED))
def test_bulk_load_writes_what_the_triggers_write(stores: dict[str, Path], label: str, table: str) -> None:
    with sqlite3.connect(stores["triggers"]) as ref, sqlite3.connect(stores[label]) as got:
        expected = DERIVED[table](ref)
        assert expected  # the generated store has rows of every kind
        assert DERIVED[table](got) == expected


@pytest.mark.parametrize("flt", [QuoteFilter(), QuoteFilter(speaker="Stoltenberg"), QuoteFilter(search="taliban"),
                                 QuoteFilter(search="nato", since="2019", until="2021-06"),
                                 QuoteFilter(speaker="Wallace", search="troops", outlet="BBC")])
def test_bulk_built_store_answers_the_same(stores: dict[str, Path], flt: QuoteFilter) -> None:
    with Corpus(stores["triggers"], readonly=True) as ref, Corpus(stores["bulk"], readonly=True) as got:
        expected = [r.id for r in ref.quotes(flt, limit=500)]
        assert expected
        assert [r.id for r in got.quotes(flt, limit=500)] == expected
        assert got.count_quotes(flt) == ref.count_quotes(flt)
        assert got.facets(flt) == ref.facets(flt)
        assert list(got.people(limit=50)) == list(ref.people(limit=50))


def test_a_failed_bulk_load_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "failed.db"
    build(db, set())
    before = {name: read(sqlite3.connect(db)) for name, read in DERIVED.items()}
    corpus = Corpus(db)
    with pytest.raises(RuntimeError), bulk.bulk_load(corpus.conn):
        _write(corpus.conn, 4, 10)
        raise RuntimeError("stopped")
    corpus.close()
    with sqlite3.connect(db) as conn:
        assert {name: read(conn) for name, read in DERIVED.items()} == before
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE id LIKE 'p4%'").fetchone()[0] == 0
