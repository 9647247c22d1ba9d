"""The ingest run's own steps: statement dating at write time, progress callbacks."""
from __future__ import annotations

import dataclasses

from people_support import store
from quotegraph.corpus import ReadOptions
from quotegraph.pipeline import dated
from quotegraph.run import Progress
from test_registry_linking import seeds_like


def test_quotes_the_extraction_left_undated_are_dated_from_the_article(tmp_path) -> None:
    article, document = seeds_like()[0]  # "at a press conference on Friday said that ..."
    undated = dataclasses.replace(document, published=None)
    assert all(q.said_on is None for q in undated.quotes)
    filled = dated(article, undated)
    friday = [q for q in filled.quotes if q.text.startswith("that the allies")]
    assert [(q.said_on, q.said_on_precision) for q in friday] == [("2020-02-14", "day")]
    assert {q.said_on for q in filled.quotes} == {"2020-02-14", "2020-02-15", "2020-02-16"}  # + "on Saturday"
    assert dated(dataclasses.replace(article, published=None), undated) is undated  # no date known: as is
    with store(tmp_path) as corpus:
        corpus.add([(article, undated)])
        stored = {q.text: q.said_on for q in corpus.quotes(limit=10)}
    assert stored["that the allies had discussed the peace process"] == "2020-02-14"


def test_ingest_reports_progress_and_takes_read_options(tmp_path, seeds_dir, nlp) -> None:
    seed = sorted(seeds_dir.glob("003_*.txt"))[0]
    seen: list[Progress] = []
    with store(tmp_path) as corpus:
        report = corpus.ingest([str(seed)], read=ReadOptions(published="2020-02-16", outlet="Afghanistan Times"),
                               on_progress=seen.append)
        again = corpus.ingest([str(seed)], on_progress=seen.append)
        row = corpus.articles(limit=1)[0]
    assert (report.new, again.duplicates) == (1, 1)
    assert (row.published, row.outlet) == ("2020-02-16", "Afghanistan Times")
    assert seen and seen[-1].done == 1 and seen[-1].duplicates == 1 and seen[-1].rate >= 0
    assert any(p.new == 1 for p in seen)
