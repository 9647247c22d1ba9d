"""Hostile text: random unicode through `quotegraph.extract` keeps every offset honest, and bad input
files given to `quotegraph extract` give one clear line (or an empty result), never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import quotegraph
from quotegraph.cli import main

# Pieces that make random text look enough like news for quotes to be found, and the characters
# that break naive code: every quote mark, NBSP and other spaces, newlines, emoji with modifiers,
# combining accents, right-to-left text.
FRAGMENTS = [
    '"We will stay," NATO Secretary General Jens Stoltenberg said. ', "“It is over,” he said. ",
    "Mr Stoltenberg said the mission had ended. ", "'Single quotes,' she told reporters. ",
    "«Bonjour», a dit Macron. ", '„Ja", sagte Merkel. ', "He said: \"unbalanced ", "” stray closing. ",
    "\u00a0", "\u2009", "\u200b", "\n", "\n\n", "\r\n", "\t", "💥", "🎖️", "👩🏽‍⚕️", "e\u0301", "ﬁ",
    "مرحبا", "שלום", "—", "…", "''", '""', "“", "”", "‘", "’", "«", "»", "Joe Biden", "said", "told",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join)


def _inside(text: str, start: int | None, end: int | None, value: str | None) -> None:
    if start is None and end is None:
        return
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if value is not None:
        assert text[start:end] == value


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("“Unbalanced, he said.\n\n”We stay,” Jens Stoltenberg said. «Non», a dit Macron.")
@example('"We will stay," NATO\u00a0Secretary General Jens\u00a0Stoltenberg said 💥.\r\n\r\n"Yes," he said.')
@example('"0:»Mr Stoltenberg said the mission had ended. ')  # a token glued across the closing mark
def test_offsets_always_index_the_given_text(text):
    doc = quotegraph.extract(text)
    assert doc.text == text
    previous_end = 0
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.kind in ("direct", "indirect", "mixed")
        assert q.start >= previous_end, "quotes must be sorted and must not overlap"
        previous_end = q.end
        _inside(text, q.speaker_start, q.speaker_end, q.speaker)
        _inside(text, q.cue_start, q.cue_end, q.cue)
        _inside(text, q.context_start, q.context_end, None)
        if q.speaker_start is not None and q.kind == "direct":  # "the figures, which the ministry described …"
            assert q.speaker_end <= q.start or q.speaker_start >= q.end, "speaker inside its own quotation"
    json.dumps(doc.to_dict())  # every record serialises


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("Watch:\u00a0Joe Biden says “no”\n\nMr Biden said it was over.\n\nRelated:\u00a0News")
def test_mentions_and_boilerplate_index_the_given_text(text):
    doc = quotegraph.extract(text)
    for m in doc.mentions:
        _inside(text, m.start, m.end, None)
    for b in doc.boilerplate:
        _inside(text, b.start, b.end, b.text)


def test_mention_text_is_the_given_text():
    text = "Joe Biden“It is over,” he said. Jens\u00a0Stoltenberg agreed."
    doc = quotegraph.extract(text)
    assert doc.mentions
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text


# --- bad inputs to `quotegraph extract` ----------------------------------------------------------
# Documented behaviour: an unreadable input gives exit 1 and one line "quotegraph: error: FILE: reason"
# on stderr (the other inputs are still processed); a readable text without quotes gives exit 0 and
# an empty result.

def _extract(capsys, *paths) -> tuple[int, str, str]:
    code = main(["extract", "--format", "jsonl", *map(str, paths)])
    out, err = capsys.readouterr()
    return code, out, err


def _one_error_line_for(err: str, path) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err
    assert len([line for line in lines if str(path) in line]) == 1, err
    assert all(line.startswith("quotegraph: error: ") for line in lines if str(path) in line), err


@pytest.mark.parametrize("name, content", [
    ("empty.txt", b""),
    ("blank.txt", b"  \n\n\t \n"),
    ("binary.txt", bytes(range(256)) * 40),
    ("latin1.txt", "Der Minister sagte: «Wir bleiben».".encode("latin-1") + b"\xff\xfe"),
])
def test_unreadable_inputs_give_one_line_and_exit_1(tmp_path, capsys, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = _extract(capsys, path)
    assert code == 1, (out, err)
    _one_error_line_for(err, path)


def test_missing_file_is_reported_by_name(tmp_path, capsys):
    code, _, err = _extract(capsys, tmp_path / "nope.txt")
    assert code == 1
    _one_error_line_for(err, tmp_path / "nope.txt")


@pytest.mark.parametrize("text", [
    "The weather was fine on Tuesday. Markets closed higher.\n\nNothing else happened.\n",
    "Der Bundestag hat heute über den Haushalt beraten. Die Sitzung dauerte lange.\n",
    "今日は良い天気です。会議は明日です。\n",
])
def test_texts_without_quotes_give_an_empty_result(tmp_path, capsys, text):
    path = tmp_path / "plain.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = _extract(capsys, path)
    assert code == 0, err
    assert out.strip() == "" and "Traceback" not in err


def test_unbalanced_quotes_keep_the_article(tmp_path, capsys):
    text = ('"This quote never closes, Jens Stoltenberg said.\n\n'
            'Mr Stoltenberg said NATO would stay. ” A stray mark. “And another" one, he said.\n')
    path = tmp_path / "unbalanced.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = _extract(capsys, path)
    assert code == 0, err
    for line in out.splitlines():
        row = json.loads(line)
        if "start" in row and "end" in row and "text" in row:
            assert text[row["start"]:row["end"]] == row["text"]


def test_a_bad_file_does_not_stop_the_others(tmp_path, capsys):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text('"We will stay," NATO Secretary General Jens Stoltenberg said.\n', encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02\xff" * 100)
    code, _, err = _extract(capsys, bad, good)
    assert code == 1
    _one_error_line_for(err, bad)
    assert str(good) not in err


@pytest.mark.slow
def test_a_20_mb_text_is_refused_or_handled_in_one_line(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    path.write_text("The committee met again and nothing was said. " * 440_000, encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    code, out, err = _extract(capsys, path)
    assert "Traceback" not in err
    if code == 1:
        _one_error_line_for(err, path)
    else:
        assert code == 0 and out.strip() == ""


@pytest.mark.slow
def test_real_command_prints_no_traceback(tmp_path):
    binary, invalid = tmp_path / "x.bin", tmp_path / "bad-utf8.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    invalid.write_bytes(b"caf\xe9 \xc3\x28 said\n")
    proc = subprocess.run([sys.executable, "-m", "quotegraph.cli", "extract", str(binary), str(invalid)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for path in (binary, invalid):
        _one_error_line_for(proc.stderr, path)
