"""`quotegraph people` and `quotegraph person` on the seeds, ingested through the real CLI."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from quotegraph.cli import main

SEED_DATES = {"000": "2021-08-18", "003": "2020-02-16"}


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seeds_dir) -> Path:
    db = tmp_path_factory.mktemp("people") / "seeds.db"
    for prefix, published in SEED_DATES.items():
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        assert main(["ingest", str(path), "--published", published, "--outlet", f"seed {prefix}",
                     "--db", str(db), "--quiet"]) == 0
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture()
def db(seed_db, tmp_path) -> str:
    """A private copy, for commands that write."""
    copy = tmp_path / "seeds.db"
    shutil.copy(seed_db, copy)
    return str(copy)


def run_json(capsys, *argv: str):
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_stoltenberg_one_person_with_role_and_dates(seed_db, capsys) -> None:
    found = run_json(capsys, "person", "Jens Stoltenberg", "--db", str(seed_db), "--format", "json")
    assert found["quoted_in"] == 2
    assert [(r["label"], r["first_seen"], r["last_seen"]) for r in found["roles"]] == [
        ("Secretary General of NATO", "2020-02-14", "2021-08-18")]
    assert (found["first_said"], found["last_said"]) == ("2020-02-14", "2021-08-18")
    assert {row["outlet"] for row in found["timeline"]} == {"seed 000", "seed 003"}
    dates = [row["date"] for row in found["timeline"]]
    assert dates == sorted(dates) and dates[0] == "2020-02-14"
    assert {"Stoltenberg", "Mr Stoltenberg"} <= {a["alias"] for a in found["aliases"]}


def test_esper_and_wallace_statement_dates(seed_db, capsys) -> None:
    esper = run_json(capsys, "person", "Esper", "--db", str(seed_db), "--format", "json")
    assert esper["name"] == "Mark Esper"
    assert [r["label"] for r in esper["roles"]] == ["Defense Secretary of US"]
    saturday = [r for r in esper["timeline"] if "Resolute Support mission in Afghanistan continues" in r["quote"]]
    assert [(r["date"], r["precision"]) for r in saturday] == [("2020-02-15", "day")]
    wallace = run_json(capsys, "person", "Ben Wallace", "--db", str(seed_db), "--format", "json")
    assert [(r["date"], r["precision"]) for r in wallace["timeline"]] == [("2021-08", "month")]


def test_about_filter_and_table_output(seed_db, capsys) -> None:
    found = run_json(capsys, "person", "stoltenberg", "--about", "taliban", "--db", str(seed_db), "-f", "json")
    assert found["timeline"] and all("taliban" in r["quote"].lower() or r["article_id"] for r in found["timeline"])
    everything = run_json(capsys, "person", "stoltenberg", "--db", str(seed_db), "-f", "json")
    assert 0 < len(found["timeline"]) < len(everything["timeline"])
    assert main(["person", "Jens Stoltenberg", "--db", str(seed_db)]) == 0
    out = capsys.readouterr().out
    assert "Secretary General of NATO" in out and "2020-02-14" in out and "statements" in out
    assert main(["person", "Jens Stoltenberg", "--db", str(seed_db), "-f", "csv", "-n", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("date,precision,outlet,quote") and len(lines) == 3


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plot_written(seed_db, tmp_path, capsys, suffix: str, magic: bytes) -> None:
    target = tmp_path / f"timeline{suffix}"
    assert main(["person", "Jens Stoltenberg", "--db", str(seed_db), "--plot", str(target), "-f", "jsonl",
                 "--limit", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert target.read_bytes().startswith(magic) and target.stat().st_size > 5000
    if suffix == ".svg":
        svg = target.read_text()
        # Both outlets are drawn although only one statement was printed.
        assert "2020-02" in svg and "2021-08" in svg and "seed 000" in svg and "seed 003" in svg


def test_people_list(seed_db, capsys) -> None:
    rows = run_json(capsys, "people", "--db", str(seed_db), "--format", "json")
    assert rows[0]["name"] == "Jens Stoltenberg" and rows[0]["article_count"] == 2
    assert {"Mark Esper", "Ben Wallace"} <= {r["name"] for r in rows}
    assert [r["name"] for r in run_json(capsys, "people", "--db", str(seed_db), "-f", "json", "--search", "esper")] == [
        "Mark Esper"]
    assert len(run_json(capsys, "people", "--db", str(seed_db), "-f", "json", "--limit", "1")) == 1


def test_merge_split_undo(db, capsys) -> None:
    assert main(["people", "merge", "Jens Stoltenberg", "Ben Wallace", "--db", db]) == 0
    assert "merged Ben Wallace into" in capsys.readouterr().out
    merged = run_json(capsys, "person", "Jens Stoltenberg", "--db", db, "-f", "json")
    assert any("UK tried to form" in r["quote"] for r in merged["timeline"])
    article_003 = next(r["article_id"] for r in merged["timeline"] if r["outlet"] == "seed 003")
    assert main(["people", "--db", db, "split", "Jens Stoltenberg", "--article", article_003[:10],
                 "--name", "Stoltenberg (2020)"]) == 0
    split_off = run_json(capsys, "person", "Stoltenberg (2020)", "--db", db, "-f", "json")
    assert {r["outlet"] for r in split_off["timeline"]} == {"seed 003"}
    listed = run_json(capsys, "people", "decisions", "--db", db, "-f", "json")
    assert [d["action"] for d in listed] == ["merge", "split"]
    assert main(["people", "rebuild", "--db", db]) == 0
    assert run_json(capsys, "person", "Stoltenberg (2020)", "--db", db, "-f", "json")["id"]
    for decision in listed:
        assert main(["people", "undo", str(decision["id"]), "--db", db]) == 0
    back = run_json(capsys, "person", "Jens Stoltenberg", "--db", db, "-f", "json")
    assert back["quoted_in"] == 2 and not any("UK tried" in r["quote"] for r in back["timeline"])


def test_alias_table(db, tmp_path, capsys) -> None:
    table = tmp_path / "ids.csv"
    table.write_text("name,alias,wikidata\nJens Stoltenberg,Mr Stoltenberg,Q57235\n", encoding="utf-8")
    found = run_json(capsys, "person", "Mr Stoltenberg", "--aliases-csv", str(table), "--db", db, "-f", "json")
    assert (found["name"], found["external_id"]) == ("Jens Stoltenberg", "Q57235")


@pytest.mark.parametrize("argv, message", [
    (["person", "Nobody Atall"], "no person matches"),
    (["person", "Jens Stoltenberg", "--plot", "x.txt"], "plot file must end in"),
    (["person", "Jens Stoltenberg", "--about", " "], "--about"),
    (["people", "merge", "Jens Stoltenberg", "Jens Stoltenberg"], "already the same person"),
    (["people", "split", "Mark Esper", "--article", "ffff"], "not mentioned"),
    (["people", "undo", "99"], "no decision 99"),
])
def test_errors_are_one_line(db, capsys, argv: list[str], message: str) -> None:
    assert main([*argv, "--db", db]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_store_is_an_error(tmp_path, capsys) -> None:
    assert main(["person", "x", "--db", str(tmp_path / "none.db")]) == 2
    assert "quotegraph: error" in capsys.readouterr().err
