"""The Parquet result format: records survive the round trip exactly; a shard appears whole or not at all."""
from __future__ import annotations

import dataclasses
import json

import pyarrow.parquet as pq
import pytest

from quotegraph.distributed.parquet import (SCHEMAS, TABLES, ShardResult, ShardWriter, finished_shards,
                                            iter_records, marker_path, read_table, table_path)
from quotegraph.distributed.run import plan_shards
from quotegraph.records import Article, Document, Mention, Person, Quote, Role, Span

TEXT = ('NATO chief Jens Stoltenberg said: "We will stay." Officials said talks went on.\n'
        "Share this article\n")


def _pair(text: str = TEXT, **article) -> tuple[Article, Document]:
    a = Article(text=text, title=article.get("title"), url="https://example.org/a", outlet="Example",
                published="2021-08-20", authors=("Jane Doe", "John Roe"), source="feed.jsonl:3")
    quotes = (
        Quote(start=34, end=49, text='"We will stay."', kind="direct", cue="said", cue_start=28, cue_end=32,
              speaker="Jens Stoltenberg", speaker_start=11, speaker_end=27, person="Jens Stoltenberg",
              source_kind="person", utterance=1, confidence=0.9, context_start=0, context_end=49,
              said_on="2021-08-20", said_on_precision="day"),
        Quote(start=64, end=78, text="talks went on.", kind="indirect", source_kind="unnamed", floating=True,
              utterance=2, confidence=0.5),
    )
    people = (Person(name="Jens Stoltenberg", aliases=("Stoltenberg", "NATO chief"),
                     roles=(Role("Secretary General", "NATO"), Role("chief")), mention_count=2, quote_count=1),
              Person(name="Officials", kind="unnamed", quote_count=1))
    mentions = (Mention("NATO", 0, 4, "ORG", "NATO"), Mention("Jens Stoltenberg", 11, 27, "PERSON", "Jens Stoltenberg"))
    doc = Document(text=text, quotes=quotes, people=people, mentions=mentions,
                   boilerplate=(Span(79, 97, "Share this article"),), title=a.title or "NATO chief",
                   published=a.published, url=a.url, id=a.id)
    return a, doc


def test_every_record_field_has_a_column():
    for record, table in ((Quote, "quotes"), (Mention, "mentions"), (Person, "people")):
        names = {f.name for f in dataclasses.fields(record)}
        assert names <= set(SCHEMAS[table].names), table
    assert {f.name for f in dataclasses.fields(Article)} - {"title"} <= set(SCHEMAS["articles"].names)


def test_round_trip_is_exact_and_keeps_order(tmp_path):
    pairs = [_pair(), _pair(TEXT + "More.\n", title="Given title"), _pair()]  # the same text twice
    writer = ShardWriter(tmp_path, "s1")
    for seq, (article, doc) in enumerate(pairs):
        writer.add(seq, article, doc)
    writer.commit(ShardResult("s1", ("feed.jsonl",), dict(writer.counts), ()))
    assert list(iter_records(tmp_path)) == pairs
    assert read_table(tmp_path, "quotes").num_rows == 6
    assert read_table(tmp_path, "articles").column("given_title").to_pylist() == [None, "Given title", None]


def test_a_shard_is_invisible_until_committed_and_abort_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("quotegraph.distributed.parquet.ROW_GROUP_ARTICLES", 1)  # flush to disk at once
    writer = ShardWriter(tmp_path, "s1")
    article, doc = _pair()
    writer.add(0, article, doc)
    assert not finished_shards(tmp_path)
    assert not table_path(tmp_path, "articles", "s1").exists()
    hidden = sorted(p.name for p in (tmp_path / "articles").iterdir())
    assert hidden and all(name.startswith(".") and name.endswith(".tmp") for name in hidden)
    writer.abort()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_marker_records_counts_failures_and_is_written_last(tmp_path):
    writer = ShardWriter(tmp_path, "s1")
    article, doc = _pair()
    writer.add(0, article, doc)
    failure = {"source": "feed.jsonl:9", "reason": "not JSON"}
    writer.commit(ShardResult("s1", ("feed.jsonl",), dict(writer.counts), (failure,), fingerprint="f"))
    marker = json.loads(marker_path(tmp_path, "s1").read_text())
    assert marker["counts"] == {"articles": 1, "quotes": 2, "mentions": 2, "people": 2, "about": 0}
    assert marker["failures"] == [failure]
    for table in TABLES:
        assert pq.read_schema(table_path(tmp_path, table, "s1")).equals(SCHEMAS[table])
    assert not finished_shards(tmp_path)["s1"].ok


def test_empty_shard_has_files_with_the_schema(tmp_path):
    writer = ShardWriter(tmp_path, "empty")
    writer.commit(ShardResult("empty", ("gone.jsonl",), dict(writer.counts),
                              ({"source": "gone.jsonl", "reason": "no such file or directory"},)))
    assert list(iter_records(tmp_path)) == []
    for table in TABLES:
        assert read_table(tmp_path, table).num_rows == 0


def test_plan_shards_names_are_stable_and_group_loose_files(tmp_path):
    (tmp_path / "texts").mkdir()
    for i in range(5):
        (tmp_path / "texts" / f"{i}.txt").write_text(f"Article {i}.")
    (tmp_path / "feed.jsonl").write_text('{"text": "x"}\n')
    first = plan_shards([str(tmp_path)], files_per_shard=2)
    assert first == plan_shards([str(tmp_path)], files_per_shard=2)
    assert sorted(len(s.paths) for s in first) == [1, 1, 2, 2]
    assert len({s.name for s in first}) == 4
    (tmp_path / "feed.jsonl").write_text('{"text": "changed"}\n')
    changed = {s.name: s.fingerprint for s in plan_shards([str(tmp_path)], files_per_shard=2)}
    assert [changed[s.name] != s.fingerprint for s in first].count(True) == 1


@pytest.mark.parametrize("table", TABLES)
def test_missing_table_directory_reads_as_empty(tmp_path, table):
    assert read_table(tmp_path, table).schema.equals(SCHEMAS[table])
