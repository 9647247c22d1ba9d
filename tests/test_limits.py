"""Size limits: long articles are processed whole (never cut), an article over --max-chars is refused
by name, and size options, counts and dates are checked when the command line is parsed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotegraph import Corpus, extract
from quotegraph.cli import main
from quotegraph.errors import BadQuery
from quotegraph.nlp import parse_whole, pieces
from quotegraph.settings import MAX_PARSE_CHARS

OPENING = 'Mayor Anna Berg said: "We will rebuild the bridge."\n\n'
CLOSING = 'Later, Anna Berg said the money "will come from the province," adding "It is settled."\n'


def long_article(chars: int) -> str:
    """An article longer than `chars` with a quote at its start and one at its very end.

    The filler is paragraphs of one long token each: cheap to parse, so the test stays fast, yet the
    text is longer than one spaCy parse.
    """
    para = "Archive " + "x" * 4000 + ".\n\n"
    return OPENING + para * (chars // len(para) + 1) + CLOSING


def test_pieces_join_back_exactly_and_cut_after_paragraphs():
    text = "".join(f"Paragraph {i} says something.\nA second line.\n\n" for i in range(200))
    parts = pieces(text, 500)
    assert "".join(parts) == text
    assert all(len(p) <= 500 for p in parts) and len(parts) > 10
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_pieces_fall_back_to_sentences_then_words():
    sentences = "One sentence here. " * 100
    assert all(p.endswith(". ") for p in pieces(sentences, 300)[:-1])
    words = "word " * 200
    parts = pieces(words, 64)
    assert "".join(parts) == words and all(p.endswith(" ") for p in parts[:-1])
    solid = "x" * 1000
    assert pieces(solid, 300) == [solid[:300], solid[300:600], solid[600:900], solid[900:]]


def test_parse_whole_in_pieces_keeps_offsets(nlp):
    text = "".join(f'Minister Carla Diaz said: "Plan {i} is ready."\n\n' for i in range(12))
    doc = parse_whole(nlp, text, size=200)
    assert doc.text == text
    assert [t.idx for t in doc if t.text == "Carla"] == [i for i in range(len(text)) if text.startswith("Carla", i)]


def test_a_quote_past_one_million_characters_is_found(nlp):
    text = long_article(MAX_PARSE_CHARS + 40_000)
    assert len(text) > MAX_PARSE_CHARS + 40_000
    document = extract(text)
    starts = sorted(q.start for q in document.quotes)
    assert starts[0] < 100
    assert starts[-1] > MAX_PARSE_CHARS, "the quote at the end was lost: the article was cut"
    last = max(document.quotes, key=lambda q: q.start)
    assert text[last.start:last.end] == last.text and last.person == "Anna Berg"


@pytest.mark.slow
def test_ingest_stores_a_long_article_whole_and_refuses_one_over_the_limit(tmp_path, nlp):
    big = tmp_path / "big.txt"
    big.write_text(long_article(MAX_PARSE_CHARS + 40_000), encoding="utf-8")
    huge = tmp_path / "huge.txt"
    huge.write_text(long_article(2_100_000), encoding="utf-8")
    db = tmp_path / "s.db"
    run = subprocess.run([sys.executable, "-m", "quotegraph.cli", "ingest", str(big), str(huge), "--db", str(db),
                          "--quiet"], check=False, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    with Corpus(db, readonly=True) as corpus:
        quotes = corpus.quotes(limit=50).to_dicts()
        assert corpus.stats()["articles"] == 1
        failures = corpus.conn.execute("SELECT source, reason FROM ingest_failures").fetchall()
    assert max(q["start"] for q in quotes) > MAX_PARSE_CHARS
    assert [Path(s).name for s, _ in failures] == ["huge.txt"]
    assert "over the --max-chars limit of 2000000" in failures[0][1] and "E003" in failures[0][1]


@pytest.mark.parametrize("argv", [
    ["ingest", "x.txt", "--batch-size", "-1"], ["ingest", "x.txt", "--batch-size", "0"],
    ["ingest", "x.txt", "--workers", "0"], ["ingest", "x.txt", "--max-chars", "0"],
    ["extract", "x.txt", "--workers", "-2"], ["extract", "x.txt", "--max-chars", "-5"],
    ["batch", "x.jsonl", "--out", "r", "--workers", "0"], ["batch", "x.jsonl", "--out", "r", "--files-per-shard", "0"],
    ["quotes", "--limit", "0"], ["quotes", "--offset", "-1"], ["articles", "--limit", "-3"],
    ["people", "--limit", "0"], ["serve", "--db", "x.db", "--port", "70000"],
    ["quotes", "--since", "2021-02-30"], ["quotes", "--until", "2021-99-99"], ["articles", "--since", "20x1"],
    ["export", "--to", "x.csv", "--since", "2021-13"],
    ["quotes", "--person-id", "99999999999999999999"], ["quotes", "--offset", "99999999999999999999"],
    ["watch", "f.txt", "--batch-size", "0"], ["watch", "f.txt", "--concurrency", "0"],
    ["watch", "f.txt", "--max-bytes", "-1"], ["runs", "--limit", "0"],
    ["bench", "--batch-size", "-1"], ["bench", "--articles", "0"], ["eval", "g.jsonl", "--workers", "0"],
])
def test_bad_sizes_and_dates_are_usage_errors_at_parse_time(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    flag = next(a for a in argv if a.startswith("--") and a not in ("--out", "--db", "--to"))
    assert f"error: argument {flag}" in err.splitlines()[-1]


def test_negative_batch_size_ends_at_once_in_a_real_process(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text('She said: "Yes."', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "quotegraph.cli", "ingest", str(text), "--db", str(tmp_path / "s.db"),
                          "--batch-size", "-1"], check=False, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "--batch-size" in run.stderr and not (tmp_path / "s.db").exists()


def test_the_library_refuses_non_positive_sizes(tmp_path):
    with Corpus(tmp_path / "s.db") as corpus:
        for bad in ({"batch_size": 0}, {"batch_size": -1}, {"workers": 0}, {"max_chars": 0}):
            with pytest.raises(Exception, match=r"must be at least 1|must be positive"):
                corpus.ingest([str(tmp_path)], **bad)


@pytest.mark.parametrize("batch_size", [0, -1])
def test_extract_many_refuses_a_batch_size_below_one(batch_size):
    from quotegraph import extract_many
    from quotegraph.errors import QuotegraphError

    with pytest.raises(QuotegraphError, match="batch_size must be at least 1"):
        list(extract_many(['He said: "Yes."'], batch_size=batch_size))


@pytest.mark.parametrize("value", ["2021-02-30", "2021-99-99", "2021-13", "2021-00", "21", "2021-1-5"])
def test_one_date_check_for_library_and_cli(tmp_path, value):
    with Corpus(tmp_path / "s.db") as corpus:
        with pytest.raises(BadQuery):
            corpus.quotes(since=value)
        with pytest.raises(BadQuery):
            corpus.articles(until=value)


def test_real_dates_still_filter(tmp_path, capsys):
    db = tmp_path / "s.db"
    Corpus(db).close()
    assert main(["quotes", "--db", str(db), "--since", "2024-02-29", "--until", "2024-03", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_person_id_past_sqlite_integers_is_not_found_not_a_crash(tmp_path, capsys):
    db = tmp_path / "s.db"
    Corpus(db).close()
    assert main(["person", "99999999999999999999", "--db", str(db)]) == 2
    assert "no person matches" in capsys.readouterr().err
