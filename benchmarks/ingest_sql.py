"""Where the write path's time goes at a given store size: SQL statement by statement.

Copies a store kept by `benchmarks/store.py --articles N --keep DIR` (its `ingest.db`), adds the next
benchmark articles to the copy in batches of 64 (one batch first to warm up, then `--articles`
timed), and prints the articles per CPU second and each SQL statement's CPU time (executing and
fetching its rows) and calls, largest first. Run it on copies of a small and a large store at the
same time of day and compare the two lists: what grows with the store is what makes ingest slow
down as it grows.

    python benchmarks/ingest_sql.py --store DIR/ingest.db --copy /tmp/at-100k.db
    python benchmarks/ingest_sql.py --store DIR/ingest.db --copy /tmp/at-100k.db --top 60

The copy is made once (an existing --copy is used as it is); the documents of the 40 real articles
are read from `base-documents.pickle` beside the store (written by `benchmarks/store.py`), or
`--documents`.
"""
from __future__ import annotations

import argparse
import os
import pickle
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import store as bench

import quotegraph.store.migrations as migrations
from quotegraph.corpus import Corpus

SPENT: defaultdict[str, list[float]] = defaultdict(lambda: [0.0, 0])
clock = time.process_time


class TimedCursor(sqlite3.Cursor):
    """A cursor that adds the CPU time of each statement (and of fetching its rows) to SPENT."""

    sql = ""

    def execute(self, sql: str, *args: Any) -> TimedCursor:  # type: ignore[override]
        self.sql = sql
        begun = clock()
        try:
            super().execute(sql, *args)
            return self
        finally:
            SPENT[sql][0] += clock() - begun
            SPENT[sql][1] += 1

    def executemany(self, sql: str, *args: Any) -> TimedCursor:  # type: ignore[override]
        self.sql = sql
        begun = clock()
        try:
            super().executemany(sql, *args)
            return self
        finally:
            SPENT[sql][0] += clock() - begun
            SPENT[sql][1] += 1

    def _timed(self, fetch: Any, *args: Any) -> Any:
        begun = clock()
        try:
            return fetch(*args)
        finally:
            SPENT[self.sql][0] += clock() - begun

    def fetchone(self) -> Any:
        return self._timed(super().fetchone)

    def fetchall(self) -> Any:
        return self._timed(super().fetchall)

    def fetchmany(self, *args: Any) -> Any:
        return self._timed(super().fetchmany, *args)

    def __next__(self) -> Any:
        return self._timed(super().__next__)


class TimedConnection(sqlite3.Connection):
    def cursor(self, factory: Any = TimedCursor) -> Any:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, sql: str, *args: Any) -> Any:  # type: ignore[override]
        return self.cursor().execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:  # type: ignore[override]
        return self.cursor().executemany(sql, *args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="an ingest.db kept by benchmarks/store.py")
    parser.add_argument("--copy", type=Path, required=True, help="where to copy it (the copy is written)")
    parser.add_argument("--articles", type=int, default=640, help="articles timed (after 64 to warm up)")
    parser.add_argument("--top", type=int, default=40, help="statements printed")
    parser.add_argument("--batch", type=int, default=64, help="articles per transaction (benchmarks/store.py: 64)")
    parser.add_argument("--documents", type=Path, help="base-documents.pickle (default: beside --store)")
    args = parser.parse_args()
    if not args.copy.exists():
        source = sqlite3.connect(f"file:{args.store.resolve()}?mode=ro", uri=True)
        target = sqlite3.connect(args.copy)
        source.backup(target)
        source.close()
        target.close()
    real_connect = sqlite3.connect

    def connect(*a: Any, **k: Any) -> sqlite3.Connection:
        k.setdefault("factory", TimedConnection)
        return real_connect(*a, **k)

    timed_sqlite = type(sys)("timed_sqlite3")
    timed_sqlite.__dict__.update(sqlite3.__dict__)
    timed_sqlite.connect = connect  # type: ignore[attr-defined]
    migrations.sqlite3 = timed_sqlite  # type: ignore[assignment]  # the store's own connections are timed

    bases = bench.base_articles()
    pool = [(b, start, end) for b, base in enumerate(bases) for start, end in bench.paragraphs(base["text"])]
    documents = pickle.loads((args.documents or args.store.parent / "base-documents.pickle").read_bytes())
    with Corpus(args.copy) as corpus:
        before = corpus.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        made = [bench._compose(i, spec, bases, documents, pool)
                for i, spec in enumerate(bench.variants(pool, before + 64 + args.articles)) if i >= before]
        corpus.add(made[:64], batch_size=args.batch)
        SPENT.clear()
        cpu = clock()
        corpus.add(made[64:], batch_size=args.batch)
        cpu = clock() - cpu
    total = sum(spent for spent, _ in SPENT.values())
    system = os.times().system
    print(f"store of {before} articles: {args.articles} more in {cpu:.2f} CPU s = {args.articles / cpu:.1f} "
          f"per CPU second; SQL {total:.2f} s of it; batches of {args.batch}; system time {system:.2f} s")
    print(f"{'CPU s':>7} {'calls':>7}  statement")
    for sql, (spent, calls) in sorted(SPENT.items(), key=lambda kv: -kv[1][0])[:args.top]:
        print(f"{spent:7.3f} {calls:7d}  {' '.join(sql.split())[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
