"""The web app's own pieces (highlighting, chart, parameters, person SQL) and the test stores that the
other web tests share: the seeds plus a hostile article, built once per session with `Corpus`."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from quotegraph.errors import BadQuery
from quotegraph.records import Article, Document, Person, Quote, Role
from quotegraph.corpus import Corpus
from quotegraph.web import params, render
from quotegraph.web.params import parse_date, quote_filters

SEED_DATES = {"000": "2021-08-18", "003": "2020-02-16"}

# Payloads that set window.__xss or open a dialog if any of them ever becomes live markup.
XSS_TEXT = ("<script>window.__xss='text'</script> Breaking <img src=x onerror=\"window.__xss='img'\"> news\n\n"
            "Officials met on Monday. \"We will <script>alert('quote')</script> stay,\" "
            "said Mallory Payload.\n\n"
            "\"<svg onload=alert('svg')></svg> is not a threat,\" she said.")
XSS_NAME = "Mallory\"><img src=x onerror=alert('name')> Payload"
XSS_ROLE = Role("<script>alert('role')</script>Chief", "O' onmouseover='alert(1)")
XSS_TITLE = "<script>alert('title')</script><b onmouseover=alert(1)>Title</b>"
XSS_OUTLET = "<img src=x onerror=alert('outlet')>"
XSS_URL = "javascript:alert('url')"
XSS_JSONL = {"text": XSS_TEXT.replace("Mallory Payload", "Eve Injected"), "title": XSS_TITLE,
             "outlet": XSS_OUTLET, "url": XSS_URL, "published": "2021-08-20"}


def hostile_pair() -> tuple[Article, Document]:
    """An article whose text, title, outlet, URL, speaker name and role are all attack payloads."""
    start = XSS_TEXT.index('"We will')
    end = XSS_TEXT.index('stay,"') + len('stay,"')
    speaker_at = XSS_TEXT.index("Mallory Payload")
    quote = Quote(start=start, end=end, text=XSS_TEXT[start:end], kind="direct", cue="said",
                  speaker="Mallory Payload", speaker_start=speaker_at, speaker_end=speaker_at + 15,
                  person=XSS_NAME, source_kind="person", confidence=0.9, said_on="2021-08-16",
                  said_on_precision="day")
    person = Person(name=XSS_NAME, aliases=("<script>alert('alias')</script>",), roles=(XSS_ROLE,),
                    mention_count=2, quote_count=1)
    article = Article(text=XSS_TEXT, title=XSS_TITLE, outlet=XSS_OUTLET, url=XSS_URL, published="2021-08-16")
    document = Document(text=XSS_TEXT, quotes=(quote,), people=(person,), title=XSS_TITLE,
                        published="2021-08-16", url=XSS_URL, id=article.id)
    return article, document


_BUILT: dict[str, Path] = {}


def build_store(directory: Path, seeds_dir: Path) -> Path:
    """The seeds (with their published dates), a hostile JSONL article through the real reader and
    extractor, and a hand-made hostile article whose speaker is a payload. Built once per session."""
    if "store" in _BUILT:
        return _BUILT["store"]
    db = directory / "web.db"
    hostile = directory / "hostile.jsonl"
    hostile.write_text(json.dumps(XSS_JSONL) + "\n", encoding="utf-8")
    with Corpus(db) as corpus:
        for prefix, published in SEED_DATES.items():
            for path in sorted(seeds_dir.glob(f"{prefix}_*.txt")):
                corpus.ingest([str(path)], published=published)
        corpus.ingest([str(hostile)])
        corpus.add([hostile_pair()])
    _BUILT["store"] = db
    return db


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, seeds_dir) -> Path:
    return build_store(tmp_path_factory.mktemp("web"), seeds_dir)


def test_store_has_stoltenberg_in_both_seed_articles(web_store):
    with Corpus(web_store, readonly=True) as corpus:
        found = corpus.people(search="Stoltenberg", limit=5)
        assert found, "the seeds quote Stoltenberg"
        person = corpus.person(found[0].id).overview()
    assert {a["published"] for a in person["articles"]} == set(SEED_DATES.values())
    assert sum(m["quotes"] for m in person["monthly"]) == person["quote_count"] > 0
    assert {m["month"] for m in person["monthly"]} <= {"2020-02", "2021-08"}


def test_quotes_carry_the_role_written_in_that_article(web_store):
    with Corpus(web_store, readonly=True) as corpus:
        rows = corpus.quotes(speaker="Mallory", limit=5)
        article = corpus.article(rows[0].article_id)
    assert rows and rows[0].role == f"{XSS_ROLE.title} of {XSS_ROLE.organisation}"
    assert article is not None and [q.role for q in article.quotes] == [rows[0].role]


def test_paragraphs_rebuild_the_text_and_mark_exact_quote_spans():
    text = 'Menu\n\nHe said "we stay" today.\n\n"Two\nlines," she said.'
    quotes = [{"start": text.index('"we'), "end": text.index('"we') + 9, "speaker_start": 6, "speaker_end": 8},
              {"start": text.index('"Two'), "end": text.index('," she') + 2}]
    boilerplate = [{"start": 0, "end": 4, "text": "Menu"}]
    paras = render.paragraphs(text, quotes, boilerplate)
    assert ["".join(p.text for p in para) for para in paras] == ['He said "we stay" today.', '"Two', 'lines," she said.']
    marked = [(p.text, p.quote) for para in paras for p in para if p.quote]
    assert marked == [('"we stay"', 1), ('"Two', 2), ('lines,"', 2)]
    assert [p.text for p in paras[0] if p.speaker_of] == ["He"]


def test_paragraphs_drop_overlapping_and_out_of_range_spans():
    text = "abcdefghij"
    quotes = [{"start": 0, "end": 6}, {"start": 3, "end": 8}, {"start": 5, "end": 99}]
    pieces = render.paragraphs(text, quotes, [])[0]
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.quote) for p in pieces if p.quote] == [("abcdef", 1)]


def test_timeline_chart_fills_empty_months_and_scales_to_the_peak():
    chart = render.timeline_chart([{"month": "2020-11", "quotes": 2}, {"month": "2021-02", "quotes": 4},
                                   {"month": None, "quotes": 9}])
    assert [b.month for b in chart.bars] == ["2020-11", "2020-12", "2021-01", "2021-02"]
    assert [b.count for b in chart.bars] == [2, 0, 0, 4]
    assert chart.peak == 4 and chart.bars[3].height == 2 * chart.bars[0].height > 0
    assert render.timeline_chart([{"month": None, "quotes": 3}]) is None


@pytest.mark.parametrize("value", ["2021-13-01", "2021-02-30", "21-01-01", "yesterday", "2021-1-1"])
def test_parse_date_refuses_what_is_not_a_date(value):
    with pytest.raises(BadQuery):
        parse_date(value, "since")


def test_quote_filters_treat_empty_form_fields_as_absent_and_keep_until_inclusive():
    assert quote_filters(speaker=" ", search="", kind="", since="", until="").kwargs() == {}
    assert quote_filters(since="2021-08-18", until="2021-08").kwargs() == {"since": "2021-08-18", "until": "2021-08"}
    with pytest.raises(BadQuery):
        quote_filters(since="2021-09", until="2021-08-31")


def test_a_request_query_past_its_deadline_is_interrupted(web_store, monkeypatch):
    monkeypatch.setattr(params, "QUERY_SECONDS", -1.0)
    pool = params.Connections(str(web_store))
    request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(db_path=str(web_store), connections=pool)),
                              state=SimpleNamespace())

    async def one_request() -> Corpus:
        opened = params.open_corpus(request)
        corpus = await anext(opened)
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            corpus.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000)"
                                " SELECT count(*) FROM c").fetchone()
        assert request.state.too_slow is True
        await opened.aclose()
        return corpus

    corpus = asyncio.run(one_request())
    # The connection goes back to the pool for the next request, without the old deadline.
    again = pool.take()
    assert again is corpus
    assert again.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)"
                              " SELECT count(*) FROM c").fetchone()[0] == 100000
