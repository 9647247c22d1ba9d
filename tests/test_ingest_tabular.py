"""JSON Lines and CSV/TSV: field mapping, one bad line or row at a time, file-level problems once."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from quotegraph.ingest.records import too_large
from quotegraph.ingest import Failure, FieldMap, read_inputs
from quotegraph.records import Article, content_id


def test_jsonl_with_default_fields_and_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "First story.", "title": "One", "url": "https://www.bbc.co.uk/x",
                    "published": "2021-08-15T10:00:00Z", "authors": ["Jane Doe", "John Roe"]}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "body": "No text field."}),
        json.dumps({"text": "Second story.", "outlet": "Courier", "published": 1629021600}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)], published="2000-01-01"))
    first, bad, listed, missing, second = items
    assert first == Article(text="First story.", title="One", url="https://www.bbc.co.uk/x",
                            outlet="bbc.co.uk", published="2021-08-15",
                            authors=("Jane Doe", "John Roe"), source=f"{path}:1#id=a1")
    assert first.id == content_id("First story.")
    assert bad == Failure(f"{path}:2", "not JSON: Expecting property name enclosed in double "
                                       "quotes at column 2")
    assert listed == Failure(f"{path}:4", "not a JSON object but a list")
    assert missing == Failure(f"{path}:5#id=7",
                              "no 'text' field (fields: id, body); choose one with --text-field")
    assert (second.outlet, second.published, second.source) == ("Courier", "2021-08-15", f"{path}:6")


def test_jsonl_field_mapping_with_nested_fields_and_gzip(tmp_path: Path) -> None:
    # news-please / CC-News style names.
    record = {"maintext": "Stoltenberg said the alliance would stay.", "date_publish": "2021-08-20 09:00:00",
              "source_domain": "reuters.com", "meta": {"headline": "NATO stays"},
              "authors": "Jane Doe; John Roe", "uuid": "u-1"}
    path = tmp_path / "ccnews.json.gz"
    path.write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    fields = FieldMap(id="uuid", text="maintext", title="meta.headline", outlet="source_domain",
                      published="date_publish")
    (article,) = read_inputs([str(path)], fields=fields)
    assert (article.text, article.title, article.outlet, article.published, article.authors) == (
        record["maintext"], "NATO stays", "reuters.com", "2021-08-20", ("Jane Doe", "John Roe"))
    assert article.source == f"{path}:1#id=u-1"


def test_jsonl_file_level_problems(tmp_path: Path) -> None:
    (tmp_path / "array.json").write_text('[{"text": "a"}]')
    (tmp_path / "binary.jsonl").write_bytes(b"\x00\x01\x02{}")
    (tmp_path / "latin.jsonl").write_bytes('{"text": "é"}\n'.encode("latin-1") + b'{"text": "ok"}\n')
    array, binary, latin, ok = read_inputs([str(tmp_path)])
    assert array.source == str(tmp_path / "array.json") and "jq -c" in array.reason
    assert binary == Failure(str(tmp_path / "binary.jsonl"), "binary file (contains NUL bytes), not text")
    assert latin.source == f"{tmp_path / 'latin.jsonl'}:1" and latin.reason.startswith("not UTF-8")
    assert ok.text == "ok"


def test_jsonl_line_too_large_is_skipped_without_losing_the_next_line(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small"}) + "\n")
    big, small = read_inputs([str(path)], max_chars=100)
    assert big == Failure(f"{path}:1", too_large(5000, 100))
    assert small.text == "small"


def test_truncated_jsonl_gz_keeps_the_lines_before(tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps({"text": f"Story {i} " * 50}) + "\n"
                                 for i in range(200)).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, Article) for i in items[:-1]) and len(items) > 10
    assert items[-1].source == str(path)
    assert items[-1].reason.startswith("truncated or corrupt gzip file after line")


def test_csv_with_mapped_columns_bad_rows_and_multiline_text(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        "\ufeffdoc,body,headline,date,byline\n"
        'd1,"He said: ""We stay.""\n\nSecond paragraph.",Stay,15/08/2021 ,"Jane Doe, John Roe"\n'
        "d2,,Empty,2021-08-16,\n"
        "d3,too,many,fields,here,!\n"
        'd4,"Last one.",Four,"Aug 17, 2021",Doe\n', encoding="utf-8")
    fields = FieldMap(id="doc", text="body", title="headline", published="date", authors="byline")
    first, empty, wide, last = read_inputs([str(path)], fields=fields)
    assert first.text == 'He said: "We stay."\n\nSecond paragraph.'
    assert (first.title, first.published, first.authors) == ("Stay", "2021-08-15",
                                                            ("Jane Doe", "John Roe"))
    assert first.source == f"{path}:2#id=d1"
    assert empty == Failure(f"{path}:5#id=d2", "empty: no article text")
    assert wide.source == f"{path}:6" and wide.reason.startswith("6 fields where the header has 5")
    assert (last.source, last.published, last.authors) == (f"{path}:7#id=d4", "2021-08-17", ("Doe",))


def test_csv_without_the_text_column_is_one_failure_naming_the_columns(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,content,title\n1,Some text,T\n2,More,U\n")
    (tmp_path / "b.tsv").write_text("id\ttext\n1\tTab separated story.\n")
    failure, article = read_inputs([str(tmp_path)])
    assert failure == Failure(str(tmp_path / "a.csv"),
                              "no 'text' column (columns: id, content, title); "
                              "choose one with --text-field")
    assert (article.text, article.source) == ("Tab separated story.", f"{tmp_path / 'b.tsv'}:2#id=1")


def test_csv_binary_empty_and_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"PK\x03\x04\x14\x00")
    (tmp_path / "b.csv").write_bytes(b"")
    (tmp_path / "c.csv").write_bytes(b"text\nfine\ncaf\xe9\nlost\n")
    zip_file, empty, fine, latin, lost = read_inputs([str(tmp_path)])
    assert zip_file.reason.startswith("a ZIP archive")
    assert empty == Failure(str(tmp_path / "b.csv"), "empty: no header row")
    assert fine.text == "fine"
    assert latin.source == f"{tmp_path / 'c.csv'}:3"
    assert latin.reason.startswith("not UTF-8 text (invalid byte 0xE9 in the row)")
    assert lost.text == "lost"  # the rows after a bad one still land


def test_an_unclosed_quote_running_to_the_end_of_a_csv_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text('text,title\n"The mayor said yes.",One\nThe mayor said no.,"Two\n'
                    'A third article that must not vanish into the title of the second.,Three\n', encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure"]
    failure = items[1]
    assert isinstance(failure, Failure) and failure.source == f"{path}:3"
    assert failure.reason.startswith("unclosed quote") and "end of the file" in failure.reason


def test_an_unclosed_quote_in_a_one_column_csv_is_reported_too(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text('text\n"First article."\n"Second article, never closed.\nThird article.\n', encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], Article) and items[0].text == "First article."
    assert isinstance(items[1], Failure) and "unclosed quote" in items[1].reason and len(items) == 2


def test_quoted_newlines_and_a_last_line_without_newline_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text('text,title\n"Two\nlines",A\nlast,B', encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [i.text for i in items if isinstance(i, Article)] == ["Two\nlines", "last"]


def test_extract_reports_the_unclosed_quote_and_exits_1(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "feed.csv"
    path.write_text('text\n"Mayor Ann Lee said: ""We build."""\n"Open quote never closed\nmore\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "quotegraph.cli", "extract", str(path), "--format", "jsonl"],
                         check=False, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert f"{path}:3: unclosed quote" in run.stderr
    assert [json.loads(line)["speaker"] for line in run.stdout.splitlines()] == ["Ann Lee"]
