"""What reaches a spreadsheet or a terminal from hostile article text: formulas defused in every CSV
(CLI output, `export`, the web download share one writer), Rich markup and control characters
shown as plain text in tables."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from quotegraph.cli.output import emit, terminal_text
from quotegraph.csvout import cell, write_csv

HOSTILE_TITLE = '=HYPERLINK("https://evil.example","click")'
HOSTILE_OUTLET = "@SUM(1+1)"
HOSTILE_TEXT = ('Minister Petra Lind said: "We will [link=https://evil.example]click[/link] and [red]stay[/red] '
                'here \x1b]0;pwned\x07 now\x1b[2J today."\n\n'
                'Petra Lind said: "-2+3 is the plan."\n')


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps({"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "outlet": HOSTILE_OUTLET,
                                "published": "2021-08-18"}) + "\n", encoding="utf-8")
    db = folder / "h.db"
    run = subprocess.run([sys.executable, "-m", "quotegraph.cli", "ingest", str(feed), "--db", str(db), "--quiet"],
                         check=False, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return db


def _cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotegraph.cli", *argv], check=False, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("plain", "plain"), (None, ""), (-3, -3), (2.5, 2.5), (["=a", "b"], "'=a; b"), ({"k": 1}, '{"k": 1}'),
])
def test_cell_defuses_formula_text_only(value, expected):
    assert cell(value) == expected


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_quotes_csv_defuses_formulas(hostile_store):
    run = _cli("quotes", "--db", str(hostile_store), "--format", "csv")
    assert run.returncode == 0, run.stderr
    cells = _cells(run.stdout)
    assert "'" + HOSTILE_TITLE in cells and HOSTILE_TITLE not in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


def test_export_csv_defuses_formulas(hostile_store, tmp_path):
    target = tmp_path / "x.csv"
    run = _cli("export", "--db", str(hostile_store), "--to", str(target))
    assert run.returncode == 0, run.stderr
    cells = _cells(target.read_text(encoding="utf-8"))
    assert "'" + HOSTILE_TITLE in cells and "'" + HOSTILE_OUTLET in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]


def test_table_shows_markup_and_escapes_as_text(hostile_store):
    run = _cli("quotes", "--db", str(hostile_store), "--format", "table")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b" in out  # shown, not run
    assert "[link=https://evil.example]click[/link] and [red]stay[/red]" in out
    assert "\\x1b]0;pwned\\x07 now\\x1b[2J" in out


def test_people_and_person_tables_are_escaped_too(tmp_path):
    out = io.StringIO()
    emit([{"name": "[bold]X[/bold]\x1b[31m", "n": 1}], ("name", "n"), "table", out=out, title="[red]t")
    shown = out.getvalue()
    assert "[bold]X[/bold]\\x1b[31m" in shown and "[red]t" in shown and "\x1b" not in shown


def test_terminal_text_shows_every_control_character():
    hostile = "a\x1b]0;t\x07b\x9b2Jc\u202ed\x00e\x7f"
    safe = terminal_text(hostile)
    assert not any(ord(ch) < 32 or 0x7f <= ord(ch) <= 0x9f for ch in safe)
    assert "\u202e" not in safe and safe.startswith("a\\x1b]0;t\\x07b")
    assert terminal_text("line\n\tindent") == "line\n\tindent"


def test_one_writer_for_cli_and_web():
    from quotegraph.cli import output
    from quotegraph.store import export
    from quotegraph.web import api

    assert output.write_csv is export.write_csv is api.write_csv is write_csv
