"""The server's plumbing over a real store: compressed answers, ETag and Cache-Control, 304 on a
repeated request, capped counts on the search page and the API, connections reused."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from quotegraph.corpus import Corpus
from quotegraph.web import api
from quotegraph.web.app import create_app


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 120 quotes, all with the word "harbour", 48 of them by one person."""
    db = tmp_path_factory.mktemp("app") / "app.db"
    corpus = Corpus(db)
    conn = corpus.conn
    conn.execute("BEGIN")
    conn.execute("INSERT INTO people(id, name) VALUES (1, 'Ada Harbourmaster')")
    for a in range(12):
        conn.execute("INSERT INTO articles(id, outlet, title, published, text) VALUES (?, 'Gazette', ?, ?, 'x')",
                     (f"art{a}", f"Story {a}", f"2020-01-{a + 1:02d}"))
        for k in range(10):
            conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, speaker, person_id, said_on) '
                         "VALUES (?, ?, ?, ?, 'direct', 'Ada', ?, ?)",
                         (f"art{a}", k, k + 1, f"the harbour reopens number {a} {k} with long text " * 3,
                          1 if k < 4 else None, f"2020-01-{a + 1:02d}"))
    conn.execute("COMMIT")
    corpus.close()
    return db


@pytest.fixture()
def client(many: Path):
    with TestClient(create_app(many), raise_server_exceptions=False) as c:
        yield c


def test_pages_are_compressed_tagged_and_revalidated(client: TestClient) -> None:
    first = client.get("/?search=harbour", headers={"Accept-Encoding": "gzip"})
    assert first.status_code == 200
    assert first.headers["content-encoding"] == "gzip"
    assert "harbour" in first.text  # httpx inflates it
    etag = first.headers["etag"]
    assert etag.startswith('W/"') and first.headers["cache-control"] == "public, no-cache"
    again = client.get("/?search=harbour", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert "content-security-policy" in again.headers
    other = client.get("/?search=reopens+number+3", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    # Small answers are not worth compressing; HEAD answers like GET without a body.
    small = client.get("/api/people", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers
    head = client.head("/?search=harbour", headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag


def test_cache_lifetimes(client: TestClient, many: Path) -> None:
    assert client.get("/static/style.css").headers["cache-control"] == "public, max-age=86400"
    assert client.get("/articles/art3").headers["cache-control"] == "public, max-age=300"
    assert client.get("/api/articles/art3").headers["cache-control"] == "public, max-age=300"
    assert client.get("/articles/nothing").status_code == 404
    assert "cache-control" not in client.get("/articles/nothing").headers
    with TestClient(create_app(many, token="a-long-enough-token-1234"), raise_server_exceptions=False) as c:
        answer = c.get("/api/quotes", headers={"Authorization": "Bearer a-long-enough-token-1234"})
        assert answer.headers["cache-control"] == "private, no-cache"


def test_counts_stop_at_the_cap(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "COUNT_CAP", 50)
    page = client.get("/?search=harbour")  # the page counts with the overview's facets: exact here
    assert "1–20 of 120" in page.text and "offset=20" in page.text
    body = client.get("/api/quotes", params={"search": "harbour"}).json()
    assert (body["total"], body["total_exact"]) == (50, False) and body["next"]
    exact = client.get("/api/quotes", params={"search": "harbour", "speaker": "Harbourmaster"}).json()
    assert (exact["total"], exact["total_exact"]) == (48, True)
    last = client.get("/api/quotes", params={"search": "harbour", "offset": 100, "limit": 20}).json()
    assert (last["total"], last["total_exact"], last["next"], len(last["items"])) == (120, True, None, 20)


def test_requests_reuse_connections(client: TestClient) -> None:
    pool = client.app.state.connections
    for _ in range(5):
        assert client.get("/api/quotes", params={"search": "harbour"}).status_code == 200
    assert 1 <= pool.idle.qsize() <= 2  # the test client sends one request at a time


def test_costly_results_are_kept_until_the_store_changes(many: Path, tmp_path: Path) -> None:
    """A search's facets and a person's page are computed once while the store is unchanged, and
    afresh (showing the new quotes) as soon as another connection has written."""
    db = tmp_path / "changing.db"
    with Corpus(many, readonly=True) as source:
        source.conn.execute("VACUUM INTO ?", (str(db),))
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        kept = client.app.state.remembered
        first = client.get("/", params={"search": "harbour"})
        person = client.get("/people/1")
        assert first.status_code == person.status_code == 200
        assert "<strong>120</strong> quotes" in first.text and "48 statements in 12 articles" in person.text
        # The search's facets and chart, its page as rendered, the person's page as rendered (their
        # overview is read from kept counts, not kept here).
        assert len(kept.items) == 3
        again = client.get("/", params={"search": "harbour"})
        assert again.text == first.text and client.get("/people/1").text == person.text and len(kept.items) == 3
        with Corpus(db) as writer:
            writer.conn.execute("BEGIN IMMEDIATE")
            writer.conn.execute("INSERT INTO articles(id, outlet, title, published, text) "
                                "VALUES ('new', 'Gazette', 'New', '2020-02-01', 'x')")
            writer.conn.execute('INSERT INTO quotes(article_id, start, "end", text, kind, speaker, person_id, said_on) '
                                "VALUES ('new', 0, 1, 'the harbour closes', 'direct', 'Ada', 1, '2020-02-01')")
            writer.conn.execute("COMMIT")
        assert "<strong>121</strong> quotes" in client.get("/", params={"search": "harbour"}).text
        assert "49 statements in 13 articles" in client.get("/people/1").text


def test_kept_pages_are_answered_without_a_worker_thread(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search page or person page already rendered is answered on the event loop: its cheap
    dependencies (filters, paging, the connection) run there too, and only a first visit's rendering
    is handed to a worker thread (docs/web.md, tenth round). The answer is the same either way."""
    handed: list[str] = []
    real = anyio.to_thread.run_sync

    async def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        inner = getattr(func, "func", func)  # starlette wraps the call in functools.partial
        handed.append(getattr(inner, "__name__", repr(inner)))
        return await real(func, *args, **kwargs)

    # Every hand-off to a worker thread (FastAPI's sync dependencies and endpoints, ours) goes through it.
    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    assert client.get("/api/people").status_code == 200  # a connection is idle from now on (the first is opened)
    for url in ("/?search=harbour&speaker=Ada", "/people/1"):
        handed.clear()
        first = client.get(url)
        assert first.status_code == 200 and handed == ["get"]  # Remembered.get renders the first visit
        handed.clear()
        again = client.get(url)
        assert again.status_code == 200 and handed == [] and again.text == first.text
