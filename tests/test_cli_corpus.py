"""The `ingest`, `quotes`, `articles` and `export` commands: output formats, exit codes, messages."""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3

import pytest

from quotegraph.cli import main
from quotegraph.corpus import Corpus
from test_store_corpus import STORY, make_pair  # tests/ is on sys.path (no __init__.py)


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "news.db"
    with Corpus(path) as corpus:
        corpus.add([make_pair(), make_pair(STORY.replace("Monday", "Friday") + " Update.", outlet="Reuters",
                                           published="2021-09-03")])
    return path


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_quotes_json_jsonl_and_csv(db, capsys):
    code, out, _ = _run(capsys, "quotes", "--speaker", "Stoltenberg", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows and {r["person"] for r in rows} == {"Jens Stoltenberg"}
    assert {"article_id", "outlet", "url", "published", "said_on", "speaker", "cue", "start", "end"} <= set(rows[0])
    code, out, _ = _run(capsys, "quotes", "--search", "willingness", "--outlet", "reuters", "--db", db,
                        "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(r["outlet"], r["person"]) for r in lines] == [("Reuters", "Ben Wallace")]
    code, out, _ = _run(capsys, "quotes", "--since", "2021-09", "--db", db, "--format", "csv", "--limit", "2",
                        "--include-duplicates")
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == 2 and all(r["said_on"] == "2021-09-03" for r in table)


def test_quotes_table_shows_the_statement(db, capsys):
    code, out, _ = _run(capsys, "quotes", "--speaker", "wallace", "--db", db)
    assert code == 0 and "no willingness" in out and "Ben Wallace" in out


def test_articles_command(db, capsys):
    code, out, _ = _run(capsys, "articles", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and [r["outlet"] for r in rows] == ["Reuters", "BBC"]  # newest first
    assert rows[0]["duplicate_of"] == rows[1]["id"]


def test_bad_search_is_one_line_and_exit_2(db, capsys):
    code, out, err = _run(capsys, "quotes", "--search", '"unbalanced', "--db", db)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "cannot search" in err and "Traceback" not in err


@pytest.mark.parametrize("suffix", ["parquet", "csv", "jsonl"])
def test_export_command(db, tmp_path, capsys, suffix):
    target = tmp_path / f"out.{suffix}"
    code, _, err = _run(capsys, "export", "--db", db, "--to", target, "--speaker", "Stoltenberg")
    assert code == 0 and target.exists() and "exported 4 quotes" in err


def test_not_sqlite_database_is_named_exit_2(tmp_path, capsys, seeds_dir):
    bogus = tmp_path / "report.db"
    bogus.write_bytes(b"%PDF-1.4 not a database")
    for argv in (["ingest", *sorted(seeds_dir.glob("*.txt")), "--db", bogus], ["quotes", "--db", bogus]):
        code, _, err = _run(capsys, *argv)
        assert code == 2
        assert err.strip() == f"quotegraph: error: {bogus}: not a SQLite database (wrong file header); " \
                              "pass a new file name or a quotegraph .db file"
    assert bogus.read_bytes() == b"%PDF-1.4 not a database"


def _read_only_location(tmp_path):
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        return folder / "news.db"
    # root ignores file modes; sysfs refuses new files even to root.
    try:
        open("/sys/quotegraph-probe.db", "w").close()
    except OSError:
        return "/sys/quotegraph-test.db"
    pytest.skip("no read-only location available to this user")


def test_read_only_database_path_is_named_exit_2(tmp_path, capsys, seeds_dir):
    target = _read_only_location(tmp_path)
    code, _, err = _run(capsys, "ingest", *sorted(seeds_dir.glob("*.txt")), "--db", target)
    assert code == 2 and str(target) in err and err.count("\n") == 1
    assert "read-only" in err or "cannot open or create" in err


def test_missing_database_for_queries_says_how_to_make_one(tmp_path, capsys):
    code, _, err = _run(capsys, "quotes", "--db", tmp_path / "none.db")
    assert code == 2 and "quotegraph ingest" in err and not (tmp_path / "none.db").exists()


def test_ingest_exit_1_lists_failures_and_stores_the_rest(tmp_path, capsys, seeds_dir, nlp):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00binary\x00\x00" * 50)
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    db = tmp_path / "news.db"
    code, out, err = _run(capsys, "ingest", seed, bad, "--db", db, "--quiet")
    assert code == 1
    assert "articles: 1 new" in out and "1 failed" in out
    code, out, err = _run(capsys, "ingest", seed, bad, "--db", db)
    assert code == 1 and f"failed: {bad}:" in err and "0 new, 1 duplicate, 1 failed" in out
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
