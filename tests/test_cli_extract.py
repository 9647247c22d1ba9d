"""`quotegraph extract` and the spaCy component, as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys

import spacy

from quotegraph import nlp as nlp_module
from quotegraph.cli import main


def test_table_shows_who_said_what_in_the_seeds(seeds_dir, capsys):
    assert main(["extract", *map(str, sorted(seeds_dir.glob("*.txt")))]) == 0
    out, err = capsys.readouterr()
    for name in ("Jens Stoltenberg", "Mark Esper", "Ben Wallace", "Secretary General of NATO"):
        assert name in out
    assert "27 quotes from 2 articles; 9 boilerplate lines dropped" in err


def test_jsonl_rows_index_the_input(seeds_dir, seed_texts, capsys):
    path = sorted(seeds_dir.glob("003_*.txt"))[0]
    assert main(["extract", "--format", "jsonl", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = seed_texts[path.stem]
    assert len(rows) == 8
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert {r["speaker"] for r in rows} == {"Mark Esper", "Jens Stoltenberg"}


def test_documents_option_gives_people_and_boilerplate(seeds_dir, capsys):
    path = sorted(seeds_dir.glob("000_*.txt"))[0]
    assert main(["extract", "--documents", "--format", "json", str(path)]) == 0
    (document,) = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in document["people"]][:2] == ["Jens Stoltenberg", "Ben Wallace"]
    assert len(document["boilerplate"]) == 8


def test_stdin_and_exit_code_for_a_bad_input(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    run = subprocess.run([sys.executable, "-m", "quotegraph.cli", "extract", "--format", "csv", "-", str(bad)],
                         input='"We will win," Mayor Jane Smith said.', capture_output=True, text=True)
    assert run.returncode == 1
    assert "Jane Smith" in run.stdout
    assert run.stderr.strip().startswith(f"quotegraph: error: {bad}:") and "Traceback" not in run.stderr


def test_spacy_component_sets_quotes_on_the_doc():
    nlp = spacy.load(nlp_module.default_model_name())
    nlp.add_pipe("quotegraph")
    doc = nlp("“We will stay,” NATO Secretary General Jens Stoltenberg said on Friday.")
    assert [(q.text, q.person) for q in doc._.quotes] == [("“We will stay,”", "Jens Stoltenberg")]
