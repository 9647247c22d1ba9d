"""`quotegraph bench` and its library: inputs, and one small real timing run (figures, not speed)."""
from __future__ import annotations

import json

import pytest

from quotegraph import bench
from quotegraph.cli import main
from quotegraph.errors import BadInput

ARTICLE = '"We will stay," NATO Secretary General Jens Stoltenberg said on Monday.\n\nHe said it was over.\n'


def test_read_texts_takes_whole_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "one"}\n\n{"text": "two", "id": 3}\n', encoding="utf-8")
    assert bench.read_texts([tmp_path / "a.txt", tmp_path / "b.jsonl"]) == [ARTICLE, "one", "two"]


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "no article text"),
    ("bad.txt", b"\xff\xfe\x00", "not UTF-8"),
    ("bad.jsonl", b'{"text": "ok"}\n{"title": "no text"}\n', "bad.jsonl:2:"),
])
def test_read_texts_names_the_bad_file(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(BadInput) as info:
        bench.read_texts([tmp_path / name])
    assert name in str(info.value) and reason in str(info.value)


def test_repeat_to_cycles_and_keeps_every_text():
    assert bench.repeat_to(["a", "b"], 5) == ["a", "b", "a", "b", "a"]
    assert bench.repeat_to(["a", "b", "c"], 2) == ["a", "b", "c"]
    with pytest.raises(BadInput):
        bench.repeat_to([], 10)


def test_bench_command_times_both_passes_on_the_same_texts(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["bench", str(path), "--articles", "6", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"] == 6 and result["workers"] == 1
    assert result["characters"] == 6 * len(ARTICLE)
    for phase in ("parse", "quotegraph"):
        assert result[phase]["articles"] == 6
        assert result[phase]["seconds"] > 0 and result[phase]["articles_per_second"] > 0
        assert result[phase]["peak_rss_mb"] > 50  # a loaded spaCy model is never smaller
    expected = result["quotegraph"]["articles_per_second"] / result["parse"]["articles_per_second"]
    assert result["ratio"] == pytest.approx(expected, abs=0.01)


def test_bench_command_reports_a_missing_file_in_one_line(tmp_path, capsys):
    assert main(["bench", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("quotegraph: error: ") and "nope.txt" in err and err.count("\n") == 1
