"""The one write path: (Article, Document) pairs into the store, one transaction per batch.

A batch writes its articles, quotes, people, mentions, near-duplicate links and (through the
caller's `link` step, the person registry's update) the cross-article links together, so a process
killed at any moment leaves either all of an article or none of it, and re-running picks up
exactly what is missing. The ingest run (`quotegraph.run`) drives it; the store runs nothing else.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from quotegraph.store import dedupe
from quotegraph.records import Article, Column, Document, Quote, columns
from quotegraph.store import about, stats
from quotegraph.store.rows import AddReport

# The `quotes` columns a Quote fills: its fields, as records.columns describes them.
_QUOTE_FIELDS = columns(Quote)
_QUOTE_COLUMNS = ("article_id", *(f'"{c.name}"' for c in _QUOTE_FIELDS))
_INSERT_QUOTE = (f"INSERT OR IGNORE INTO quotes({', '.join(_QUOTE_COLUMNS)}) "  # noqa: S608 - fixed names
                 f"VALUES ({', '.join('?' for _ in _QUOTE_COLUMNS)})")


class Transaction:
    """`with Transaction(conn):` BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


class TempInMemory:
    """`with TempInMemory(conn):` SQLite's temporary storage in memory, the setting before restored.

    Inside a transaction SQLite keeps each statement's undo record (the statement journal, for a
    statement that fails halfway) and spills it to a temporary file past 64 kB; a batch's
    statements with their triggers pass that all the time. On file that was over half of the
    write path's write system calls (441,000 per 704 articles at 200,000 articles, 214,000 in
    memory) and about 0.5 s of CPU per 640 articles at 4,032 and at 200,000 articles alike, 0.3 s
    of it system time (docs/store.md, tenth round). A batch's statements each change at most a few
    thousand pages, so the memory is bounded; other writers (migrations, bulk rebuilds, whose single
    statements can touch the whole store) keep their temporary files. SQLite refuses the change
    inside a transaction: enter this before BEGIN.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.before = 0

    def __enter__(self) -> sqlite3.Connection:
        self.before = int(self.conn.execute("PRAGMA temp_store").fetchone()[0])
        self.conn.execute("PRAGMA temp_store = MEMORY")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute(f"PRAGMA temp_store = {self.before}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def start_run(conn: sqlite3.Connection, inputs: Sequence[str]) -> int:
    """Record the start of an ingest run over `inputs`; returns its id."""
    with Transaction(conn):
        run_id = conn.execute("INSERT INTO ingest_runs(started_at, inputs) VALUES (?, ?)",
                              (_now(), json.dumps([str(p) for p in inputs], ensure_ascii=False))).lastrowid
    assert run_id is not None  # an INSERT always sets it
    return run_id


def finish_run(conn: sqlite3.Connection, run_id: int) -> None:
    with Transaction(conn):
        conn.execute("UPDATE ingest_runs SET finished_at = ? WHERE id = ?", (_now(), run_id))


def is_stored(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def record_copy(conn: sqlite3.Connection, article: Article, run_id: int | None) -> None:
    """Remember that an already stored text was also read from `article.source` (another outlet)."""
    stored = conn.execute("SELECT source FROM articles WHERE id = ?", (article.id,)).fetchone()
    if stored is None or not article.source or stored[0] == article.source:
        return
    conn.execute("INSERT OR IGNORE INTO article_copies(article_id, source, outlet, url, run_id) "
                 "VALUES (?, ?, ?, ?, ?)", (article.id, article.source, article.outlet, article.url, run_id))


def _value(value: object, column: Column) -> object:
    """A field's value as SQLite stores it (booleans as 0/1, floats as floats)."""
    if value is None:
        return None
    if column.kind == "bool":
        return int(bool(value))
    if column.kind == "float":
        return float(value)  # type: ignore[arg-type]
    return value


def _quote_rows(article_id: str, document: Document) -> list[tuple]:
    return [(article_id, *(_value(getattr(q, c.name), c) for c in _QUOTE_FIELDS)) for q in document.quotes]


def _write_article(conn: sqlite3.Connection, article: Article, document: Document,
                   run_id: int | None) -> tuple[bool, int]:
    """Insert one new article and its rows; returns (is a near-duplicate, quotes added)."""
    original = dedupe.link(conn, article.id, article.text, [(b.start, b.end) for b in document.boilerplate])
    conn.execute(
        "INSERT INTO articles(id, url, outlet, title, published, authors, text, boilerplate, source, "
        "duplicate_of, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article.id, article.url or document.url, article.outlet, article.title or document.title,
         article.published or document.published, json.dumps(list(article.authors), ensure_ascii=False),
         article.text, json.dumps([b.to_dict() for b in document.boilerplate], ensure_ascii=False),
         article.source, original, run_id))
    # rowcount leaves out the rows the FTS triggers write.
    quotes_added = max(conn.executemany(_INSERT_QUOTE, _quote_rows(article.id, document)).rowcount, 0)
    conn.executemany(
        "INSERT OR IGNORE INTO article_people(article_id, name, kind, aliases, roles, mention_count, quote_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(article.id, p.name, p.kind, json.dumps(list(p.aliases), ensure_ascii=False),
          json.dumps([{"title": r.title, "organisation": r.organisation, **({"joiner": r.joiner} if r.joiner else {})}
                     for r in p.roles], ensure_ascii=False),
          p.mention_count, p.quote_count) for p in document.people])
    conn.executemany(
        'INSERT OR IGNORE INTO mentions(article_id, start, "end", text, label, canonical) VALUES (?, ?, ?, ?, ?, ?)',
        [(article.id, m.start, m.end, m.text, m.label, m.canonical) for m in document.mentions])
    about.write(conn, article.id, document)
    return original is not None, quotes_added


def _people_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM people").fetchone()[0]


Link = Callable[[sqlite3.Connection, Sequence[str]], None]


def write_batch(conn: sqlite3.Connection, pairs: Sequence[tuple[Article, Document]], *,
                run_id: int | None = None, failures: Iterable[tuple[str, str]] = (),
                copies: Iterable[Article] = (), link: Link | None = None) -> AddReport:
    """Write one batch in one transaction; articles already stored count as duplicates.

    `link(conn, new_article_ids)` runs inside the transaction after the rows are written (the
    person registry's update). `failures` (source, reason) and exact `copies` seen since the last
    batch are recorded in the same transaction, and the run's counters move with them, so the run
    row always matches the data.
    """
    failures, copies = list(failures), list(copies)
    new_ids: list[str] = []
    duplicates = near = quotes = 0
    with TempInMemory(conn), Transaction(conn):
        people_before = _people_count(conn)
        for article, document in pairs:
            if is_stored(conn, article.id):
                duplicates += 1
                record_copy(conn, article, run_id)
                continue
            is_near, added = _write_article(conn, article, document, run_id)
            near += is_near
            quotes += added
            new_ids.append(article.id)
        for article in copies:
            record_copy(conn, article, run_id)
        if new_ids and link is not None:
            link(conn, new_ids)
        stats.refresh(conn)
        if run_id is not None:
            conn.executemany("INSERT INTO ingest_failures(run_id, source, reason) VALUES (?, ?, ?)",
                             [(run_id, source, reason) for source, reason in failures])
            conn.execute("UPDATE ingest_runs SET new = new + ?, duplicates = duplicates + ?, "
                         "failed = failed + ? WHERE id = ?",
                         (len(new_ids), duplicates + len(copies), len(failures), run_id))
        people_added = _people_count(conn) - people_before
    return AddReport(new=len(new_ids), duplicates=duplicates, near_duplicates=near, quotes=quotes,
                     people=people_added, article_ids=tuple(new_ids))
