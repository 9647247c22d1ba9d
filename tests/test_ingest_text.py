"""Plain text, directories, globs and stdin: real files in tmp_path, failures named and explained."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from quotegraph.ingest.records import too_large
from quotegraph.errors import QuotegraphError
from quotegraph.ingest import Failure, expand_paths, iter_shard, read_inputs
from quotegraph.records import Article, content_id

STORY = ('"We will stay the course," NATO Secretary General Jens Stoltenberg said on Friday.\n\n'
         "Allies met in Brussels to discuss the withdrawal.\n")


def split(items) -> tuple[list[Article], list[Failure]]:
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Failure)])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder as people have them: nested texts, a binary file, a hidden file, a Markdown note."""
    root = tmp_path / "news"
    (root / "2021" / "08").mkdir(parents=True)
    (root / "a.txt").write_text(STORY, encoding="utf-8")
    (root / "2021" / "08" / "b.txt").write_text("Le ministre a déclaré : « Nous restons. »\n",
                                               encoding="utf-8")
    (root / "2021" / "notes.md").write_text("# Notes\n\nThe minister said nothing new.\n")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (root / "dump.bin").write_bytes(b"abc\x00\x01\x02def")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def test_directory_is_walked_recursively_in_a_stable_order_skipping_hidden_files(tree: Path) -> None:
    paths = expand_paths([str(tree)])
    assert paths == sorted(paths)
    names = [Path(p).relative_to(tree).as_posix() for p in paths]
    assert names == ["2021/08/b.txt", "2021/notes.md", "a.txt", "dump.bin", "photo.jpg"]


def test_binary_files_in_a_directory_fail_by_name_and_the_texts_still_land(tree: Path) -> None:
    articles, failures = split(read_inputs([str(tree)]))
    assert [Path(a.source).name for a in articles] == ["b.txt", "notes.md", "a.txt"]
    assert articles[2].text == STORY
    assert "« Nous restons. »" in articles[0].text  # non-English text passes untouched
    reasons = {Path(f.source).name: f.reason for f in failures}
    assert reasons == {"dump.bin": "binary file (contains NUL bytes), not text",
                       "photo.jpg": "a JPEG image, not text"}


def test_same_text_same_id_wherever_it_comes_from(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "two.txt").write_bytes(b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    (tmp_path / "other.txt").write_text(STORY + "More.\n", encoding="utf-8")
    one, two, other = split(read_inputs([str(tmp_path / n) for n in
                                         ("one.txt", "two.txt", "other.txt")]))[0]
    assert one.id == two.id == content_id(STORY)  # BOM and CRLF do not change the article
    assert two.text == STORY
    assert other.id != one.id
    assert [a.id for a in split(read_inputs([str(tmp_path)]))[0]] == [one.id, other.id, two.id]


def test_invalid_utf8_empty_and_too_large_files_each_say_why(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Le président a déclaré".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n")
    (tmp_path / "big.txt").write_text("word " * 3000)
    (tmp_path / "utf16.txt").write_bytes("Hello".encode("utf-16"))
    failures = {Path(f.source).name: f.reason
                for f in read_inputs([str(tmp_path)], max_chars=10_000)}
    assert failures["latin1.txt"].startswith("not UTF-8 text (invalid byte 0xE9 at offset 5)")
    assert "iconv" in failures["latin1.txt"]
    assert failures["empty.txt"].startswith("empty")
    assert failures["blank.txt"].startswith("empty")
    assert failures["big.txt"] == too_large(15000, 10000)
    assert failures["utf16.txt"].startswith("UTF-16 text")
    assert all("\n" not in reason for reason in failures.values())


def test_a_20_mb_text_is_refused_in_one_line_without_keeping_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(20):
            fh.write("é" * (1 << 19) + "x" * (1 << 19))  # 1 MiB of characters, 1.5 MiB of bytes
    (failure,) = read_inputs([str(big)])
    assert failure == Failure(str(big), too_large(20 << 20, 2_000_000))


def test_invalid_utf8_offset_counts_across_read_chunks(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"a" * ((1 << 20) + 5) + b"\xff rest")
    (failure,) = read_inputs([str(path)])
    assert f"at offset {(1 << 20) + 5}" in failure.reason


def test_globs_missing_files_and_order_of_arguments(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"Text of {name}, long enough to read.\n")
    paths = [str(tmp_path / "*.txt"), str(tmp_path / "c.md"), str(tmp_path / "a.txt"),
             str(tmp_path / "*.nothing"), str(tmp_path / "gone.txt")]
    assert expand_paths(paths) == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.md")] + paths[3:]
    articles, failures = split(read_inputs(paths))
    assert [Path(a.source).name for a in articles] == ["a.txt", "b.txt", "c.md"]
    assert [(Path(f.source).name, f.reason) for f in failures] == [
        ("*.nothing", "no file matches this pattern"), ("gone.txt", "no such file or directory")]


def test_published_and_outlet_given_on_the_command_line_are_kept(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (article,) = read_inputs([str(tmp_path)], published="15 August 2021", outlet="Courier")
    assert (article.published, article.outlet) == ("2021-08-15", "Courier")
    with pytest.raises(QuotegraphError, match="not a date"):
        read_inputs([str(tmp_path)], published="last week")
    with pytest.raises(QuotegraphError, match="unknown input format 'pdf'"):
        read_inputs([str(tmp_path)], fmt="pdf")


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "story").write_text(STORY)
    (tmp_path / "feed.data").write_text('{"text": "A story told in JSON, one line."}\n')
    articles, failures = split(read_inputs([str(tmp_path)]))
    assert failures == []
    assert {a.source for a in articles} == {str(tmp_path / "story"), f"{tmp_path / 'feed.data'}:1"}


def test_gzipped_text_and_a_truncated_gzip(tmp_path: Path) -> None:
    import gzip
    data = gzip.compress(STORY.encode() * 200)
    (tmp_path / "a.txt.gz").write_bytes(data)
    (tmp_path / "b.txt.gz").write_bytes(data[: len(data) // 2])
    article, failure = read_inputs([str(tmp_path)])
    assert article.text == STORY * 200
    assert failure == Failure(str(tmp_path / "b.txt.gz"), "truncated or corrupt gzip file")


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_is_one_text_article(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, STORY.encode())
    (article,) = read_inputs(["-"], published="2021-08-20")
    assert (article.text, article.source, article.published) == (STORY, "<stdin>", "2021-08-20")
    assert article.id == content_id(STORY)


def test_stdin_with_a_forced_format_and_bad_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, b'{"text": "From a pipe."}\nnot json\n')
    article, failure = read_inputs(["-"], fmt="jsonl")
    assert (article.text, article.source) == ("From a pipe.", "<stdin>:1")
    assert failure.source == "<stdin>:2" and failure.reason.startswith("not JSON")
    stdin_of(monkeypatch, b"caf\xe9")
    (failure,) = read_inputs(["-"])
    assert failure.source == "<stdin>" and failure.reason.startswith("not UTF-8 text")
    stdin_of(monkeypatch, b"")
    assert list(read_inputs(["-"])) == [Failure("<stdin>", "empty: no article text")]


def test_iter_shard_reads_one_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    (article,) = iter_shard(str(tmp_path / "a.txt"), outlet="Courier")
    assert article.outlet == "Courier"
    (failure,) = iter_shard(str(tmp_path))
    assert failure.reason.startswith("is a directory")
