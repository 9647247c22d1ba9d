"""Ingest with the real readers and model into a real store: idempotence, formats, kill -9 and resume."""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import quotegraph
from quotegraph.corpus import Corpus


def _short(text: str, limit: int = 1500) -> str:
    """The first paragraphs of an article, up to about `limit` characters (keeps the parse cheap)."""
    out = ""
    for para in text.split("\n\n"):
        if out and len(out) + len(para) > limit:
            break
        out += para + "\n\n"
    return out.strip()


def test_ingest_seeds_twice_gives_the_same_counts(tmp_path, seeds_dir, nlp):
    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    with Corpus(tmp_path / "s.db") as corpus:
        first = corpus.ingest(seeds)
        # The planner has statistics as soon as the store has rows (without them a search count on
        # a large store can take a minute instead of milliseconds).
        analysed = {t for (t,) in corpus.conn.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
        assert {"quotes", "articles", "article_people", "mentions"} <= analysed
        stats = corpus.stats()
        second = corpus.ingest(seeds)
        assert (first.new, first.failed) == (len(seeds), 0)
        assert (second.new, second.duplicates, second.quotes) == (0, len(seeds), 0)
        assert corpus.stats() == {**stats, "runs": 2}
        # What is stored is what extraction returned.
        for path in seeds:
            text = Path(path).read_text(encoding="utf-8")
            document = quotegraph.extract(text)
            stored = corpus.quotes(article_id=document.id, limit=1000)
            assert sorted((q.start, q.end, q.kind) for q in stored) == sorted(
                {(q.start, q.end, q.kind) for q in document.quotes})
        runs = corpus.conn.execute("SELECT new, duplicates, failed, finished_at IS NOT NULL FROM ingest_runs "
                                   "ORDER BY id").fetchall()
        assert runs == [(len(seeds), 0, 0, 1), (0, len(seeds), 0, 1)]
        # Stoltenberg is quoted in both seed articles.
        assert len({q.article_id for q in corpus.quotes(speaker="Stoltenberg", limit=500)}) == len(seeds)


def test_ingest_jsonl_csv_and_a_folder_tree_with_bad_inputs(tmp_path, dev_gold, seeds_dir, nlp):
    tree = tmp_path / "inputs"
    (tree / "wire" / "nested").mkdir(parents=True)
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    (tree / "wire" / "nested" / "seed.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    rows = [{"text": _short(r["text"], 800), "outlet": r["outlet"], "url": r["url"], "published": "2018-12-15"}
            for r in dev_gold[:4]]
    with (tree / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows[:2]:
            fh.write(json.dumps(row) + "\n")
        fh.write("{this is not json\n")
    with (tree / "wire" / "sheet.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["text", "outlet", "url", "published"])
        writer.writeheader()
        writer.writerows(rows[2:])
    (tree / "wire" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with Corpus(tmp_path / "t.db") as corpus:
        report = corpus.ingest([str(tree)], batch_size=2)
        assert report.new == 5
        assert report.failed == 2
        failed = dict(report.failures)
        assert any(s.startswith(str(tree / "feed.jsonl")) for s in failed)
        assert str(tree / "wire" / "photo.png") in failed
        stored = {(a.outlet, a.published) for a in corpus.articles(limit=100)}
        assert {(r["outlet"], "2018-12-15") for r in rows} <= stored
        recorded = corpus.conn.execute("SELECT COUNT(*) FROM ingest_failures WHERE run_id = ?",
                                       (report.run_id,)).fetchone()[0]
        assert recorded == 2
        again = corpus.ingest([str(tree)])
        assert (again.new, again.duplicates, again.failed) == (0, 5, 2)


def _snapshot(db: Path) -> dict[str, set]:
    """The content of a store as row sets, leaving out what legitimately differs between runs."""
    conn = sqlite3.connect(db)
    snap = {
        "articles": set(conn.execute("SELECT id, url, outlet, title, published, authors, text, boilerplate, "
                                     "source, duplicate_of FROM articles")),
        "quotes": set(conn.execute(
            'SELECT q.article_id, q.start, q."end", q.text, q.kind, q.cue, q.speaker, q.person, p.name, '
            "q.source_kind, q.said_on FROM quotes q LEFT JOIN people p ON p.id = q.person_id")),
        "article_people": set(conn.execute("SELECT ap.article_id, ap.name, p.name, ap.quote_count "
                                           "FROM article_people ap LEFT JOIN people p ON p.id = ap.person_id")),
        "people": set(conn.execute("SELECT name, kind FROM people")),
        "mentions": set(conn.execute("SELECT * FROM mentions")),
        "bands": set(conn.execute("SELECT * FROM article_bands")),
        "person_stats": set(conn.execute("SELECT p.name, s.quotes, s.articles, s.first_said, s.last_said "
                                         "FROM person_stats s JOIN people p ON p.id = s.person_id")),
    }
    live = set(conn.execute(
        "SELECT p.name, COUNT(*), COUNT(DISTINCT q.article_id), MIN(q.said_on), MAX(q.said_on) FROM quotes q "
        "JOIN articles a ON a.id = q.article_id JOIN people p ON p.id = q.person_id "
        "WHERE a.duplicate_of IS NULL GROUP BY q.person_id"))
    assert snap["person_stats"] == live  # the kept counts are the real ones
    counts = conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0], conn.execute(
        "SELECT COUNT(*) FROM articles").fetchone()[0]
    assert counts == (len(snap["quotes"]), len(snap["articles"]))  # no row stored twice
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    conn.close()
    return snap


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_equals_an_uninterrupted_run(tmp_path, dev_gold, nlp):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for row in dev_gold[:24]:
            fh.write(json.dumps({"text": _short(row["text"], 700), "outlet": row["outlet"], "url": row["url"],
                                 "published": "2018-12-15"}) + "\n")
    total = 24
    with Corpus(tmp_path / "reference.db") as corpus:
        assert corpus.ingest([str(feed)], batch_size=2).new == total

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "quotegraph.cli", "ingest", str(feed), "--db", str(killed),
                             "--batch-size", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored, deadline = 0, time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if killed.exists():
                try:
                    conn = sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=0.2)
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                    conn.close()
                except sqlite3.OperationalError:
                    stored = 0
                if stored >= 2:
                    break
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    partial = _snapshot(killed)  # consistent as the kill left it
    assert 2 <= len(partial["articles"]) < total
    article_ids = {row[0] for row in partial["articles"]}
    assert {row[0] for row in partial["quotes"]} <= article_ids

    with Corpus(killed) as corpus:
        report = corpus.ingest([str(feed)], batch_size=2)
    assert report.new == total - len(partial["articles"])
    assert report.duplicates == len(partial["articles"])
    assert _snapshot(killed) == _snapshot(tmp_path / "reference.db")
