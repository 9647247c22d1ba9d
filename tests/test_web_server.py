"""`quotegraph serve` as a real process on 127.0.0.1: ids past SQLite's range, HEAD, the token guard
(static files, derived cookie, Secure behind https), the port in use, the OpenAPI error schema and
the API page, and a bounded fuzz run over every API parameter (no 5xx)."""
from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from quotegraph.web.app import TOKEN_COOKIE, cookie_value
from test_web_queries import web_store  # noqa: F401  (fixture)

TOKEN = "k9Qv-3xTz_8LmWp2RnY7"


class Server:
    def __init__(self, proc: subprocess.Popen, port: int, banner: str) -> None:
        self.proc, self.port, self.banner = proc, port, banner

    def request(self, method: str, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        response.body = response.read()  # type: ignore[attr-defined]
        conn.close()
        return response


def start_server(db, *extra: str) -> Server:
    env = {k: v for k, v in os.environ.items() if k != "QUOTEGRAPH_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "quotegraph.cli", "serve", "--db", str(db), "--port", "0", *extra],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    banner = proc.stderr.readline()
    match = re.search(r"at http://127\.0\.0\.1:(\d+)/", banner)
    if not match:
        proc.kill()
        raise AssertionError(f"no serving line: {banner!r} {proc.stderr.read()}")
    server = Server(proc, int(match.group(1)), banner)
    for _ in range(100):  # the socket listens before the banner; wait for the app to answer
        try:
            server.request("GET", "/static/style.css")
            break
        except OSError:
            time.sleep(0.1)
    return server


def stop(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture(scope="module")
def server(web_store) -> Iterator[Server]:  # noqa: F811
    running = start_server(web_store)
    yield running
    stop(running)


@pytest.fixture(scope="module")
def guarded(web_store) -> Iterator[Server]:  # noqa: F811
    running = start_server(web_store, "--token", TOKEN)
    yield running
    stop(running)


@pytest.mark.parametrize("path", ["/api/people/99999999999999999999999", "/api/people/9223372036854775808",
                                  "/api/people/-1", "/api/people/0"])
def test_ids_out_of_range_are_404_json(server, path):
    response = server.request("GET", path)
    assert response.status == 404 and response.getheader("content-type") == "application/json"
    assert json.loads(response.body)["error"]["code"] == "not_found"


def test_person_page_out_of_range_is_a_404_page(server):
    response = server.request("GET", "/people/99999999999999999999999")
    assert response.status == 404 and "text/html" in response.getheader("content-type")
    assert b"Not found" in response.body


@pytest.mark.parametrize("path", ["/", "/people", "/articles", "/api", "/api/quotes", "/api/people", "/api/articles",
                                  "/api/openapi.json", "/api/export/quotes.csv", "/static/style.css", "/latest",
                                  "/api/latest",
                                  "/api/people/99999999999999999999999", "/nope"])
def test_head_answers_as_get_without_a_body(server, path):
    got, head = server.request("GET", path), server.request("HEAD", path)
    assert head.status == got.status != 405
    assert head.body == b"" and head.getheader("content-type") == got.getheader("content-type")
    assert head.getheader("content-security-policy")


def test_static_files_need_the_token(guarded):
    assert guarded.request("GET", "/static/style.css").status == 401
    assert guarded.request("HEAD", "/static/style.css").status == 401
    assert guarded.request("GET", "/static/style.css", {"Authorization": f"Bearer {TOKEN}"}).status == 200


def test_the_cookie_holds_a_derived_value_not_the_token(guarded):
    traded = guarded.request("GET", f"/people?token={TOKEN}")
    cookie = traded.getheader("set-cookie")
    assert traded.status == 303 and TOKEN not in cookie and "secure" not in cookie.lower()
    value = re.search(TOKEN_COOKIE + r"=([^;]+)", cookie).group(1)
    assert value == cookie_value(TOKEN) and len(value) == 64
    assert guarded.request("GET", "/people", {"Cookie": f"{TOKEN_COOKIE}={value}"}).status == 200
    # The raw token in the cookie is what a stolen old-style cookie holds: refused.
    assert guarded.request("GET", "/people", {"Cookie": f"{TOKEN_COOKIE}={TOKEN}"}).status == 401


def test_the_cookie_is_secure_behind_an_https_proxy(guarded):
    traded = guarded.request("GET", f"/people?token={TOKEN}", {"X-Forwarded-Proto": "https"})
    assert traded.status == 303 and "secure" in traded.getheader("set-cookie").lower()


def test_a_port_in_use_is_one_line_and_exit_2_before_serving(web_store):  # noqa: F811
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "quotegraph.cli", "serve", "--db", str(web_store),
                              "--port", str(port)], check=False, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "serving" not in run.stderr
    assert f"port {port} on 127.0.0.1 is in use" in run.stderr


def test_token_file_and_generated_token(tmp_path, monkeypatch):
    from argparse import Namespace

    from quotegraph.cli.serve import _token
    from quotegraph.errors import QuotegraphError

    monkeypatch.delenv("QUOTEGRAPH_TOKEN", raising=False)
    secret = tmp_path / "token"
    secret.write_text(TOKEN + "\n", encoding="utf-8")
    assert _token(Namespace(host="0.0.0.0", token=None, token_file=str(secret))) == TOKEN
    secret.write_text("short\n", encoding="utf-8")
    with pytest.raises(QuotegraphError, match="shorter than 16"):
        _token(Namespace(host="0.0.0.0", token=None, token_file=str(secret)))
    first = _token(Namespace(host="::", token=None, token_file=None))
    second = _token(Namespace(host="::", token=None, token_file=None))
    assert first != second and len(first) >= 32
    assert _token(Namespace(host="127.0.0.1", token=None, token_file=None)) is None


def test_openapi_documents_the_real_error_schema(server):
    schema = json.loads(server.request("GET", "/api/openapi.json").body)
    assert "HTTPValidationError" not in json.dumps(schema)
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["error"] and error["properties"]["error"]["required"] == ["code", "message"]
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            expected = {"400", "401", "422", "503"} | ({"404"} if "{" in path else set())
            assert expected <= operation["responses"].keys(), path
            for status in expected:
                ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error"
    # ... and the server answers in it
    for path, status in (("/api/quotes?since=2021-02-30", 400), ("/api/quotes?limit=0", 422),
                         ("/api/people/99999999999999999999", 404)):
        response = server.request("GET", path)
        body = json.loads(response.body)
        assert response.status == status and set(body) == {"error"} and {"code", "message"} <= set(body["error"])


def test_the_api_page_lists_every_endpoint_without_script(server):
    page = server.request("GET", "/api")
    html = page.body.decode()
    schema = json.loads(server.request("GET", "/api/openapi.json").body)
    assert page.status == 200 and "<script" not in html.lower()
    assert "script-src 'none'" in page.getheader("content-security-policy")
    for path in schema["paths"]:
        assert f"GET {path}" in html
    for name in ("speaker", "search", "since", "until", "kind", "limit", "offset", "person_id", "article_id"):
        assert f"<code>{name}</code>" in html
    assert 'href="/api/quotes?speaker=Stoltenberg&amp;search=Taliban"' in html
    assert "&lt;= 200" in html and "503" in html
    assert '<a href="/api">API</a>' in server.request("GET", "/").body.decode()
    # the example works
    assert server.request("GET", "/api/quotes?speaker=Stoltenberg&search=Taliban").status == 200


FUZZ_REQUESTS = 2_100
LIST_PATHS = ("/api/quotes", "/api/people", "/api/articles", "/api/export/quotes.csv", "/api/export/quotes.json",
              "/api/latest", "/latest",
              "/", "/people", "/articles", "/api")
ID_PATHS = ("/api/people/", "/api/articles/", "/people/", "/articles/")
PARAMS = ("speaker", "search", "outlet", "since", "until", "kind", "limit", "offset", "q", "token")


@pytest.mark.slow
def test_fuzz_the_http_api_parameters_no_5xx(server):
    from urllib.parse import quote

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
    dates = st.from_regex(r"\A-?\d{1,5}(-\d{0,3}){0,3}\Z")
    search = st.lists(st.sampled_from(["Taliban", "AND", "OR", "NOT", "(", ")", '"', "*", "NEAR(", "^", "-", ":",
                                       "nato*", "'", "\\", "%", "_", "\x00", "é", "💥"]), max_size=8).map(" ".join)
    values = st.one_of(st.text(max_size=260), numbers, dates, search, st.sampled_from(["", " ", "direct", "rumour"]))
    names = st.one_of(st.sampled_from(PARAMS), st.text(min_size=1, max_size=12))
    lists = st.tuples(st.sampled_from(LIST_PATHS), st.lists(st.tuples(names, values), max_size=6))
    ids = st.tuples(st.sampled_from(ID_PATHS), st.one_of(numbers, st.text(min_size=1, max_size=80)),
                    st.lists(st.tuples(names, values), max_size=2))
    statuses: list[int] = []

    def send(url: str) -> int:
        # A connection per request: kept-alive ones wait out the delayed ACK (40 ms) on each answer.
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            conn.request("GET", url)
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    @settings(max_examples=FUZZ_REQUESTS, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.one_of(lists, ids))
    def one_request(case) -> None:
        if len(case) == 2:
            path, params = case
        else:
            prefix, ident, params = case
            path = prefix + quote(ident, safe="")
        url = path + ("?" + urlencode(params) if params else "")
        status = send(url)
        statuses.append(status)
        assert status < 500, url

    one_request()
    assert len(statuses) >= 2_000
    assert {200, 400, 404, 422} <= set(statuses)  # the run reached answers, refusals and misses alike
