"""The polite client against a real HTTP server on 127.0.0.1: robots.txt, User-Agent, pacing,
conditional GET, timeouts, retries, redirects and the size cap."""
from __future__ import annotations

import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import pytest
from fetch_support import Route, Site, endless, fail_then_serve

from quotegraph.fetch.http import FetchFailed, PoliteClient
from quotegraph.fetch.options import USER_AGENT, FetchOptions

FAST = FetchOptions(host_interval=0, timeout=2, retries=2, backoff=0.05)


@pytest.fixture
def site():
    running = Site().start()
    running.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield running
    running.stop()


def test_user_agent_names_the_project_and_robots_is_read_once(site):
    site.routes["/a"] = Route(b"<html>a</html>")
    site.routes["/b"] = Route(b"<html>b</html>")
    with PoliteClient(FAST) as client:
        assert client.get(site.url("/a")).body == b"<html>a</html>"
        client.get(site.url("/b"))
    assert site.hits("/robots.txt") == 1
    agents = {hit.headers["user-agent"] for hit in site.log}
    assert agents == {USER_AGENT} and USER_AGENT.startswith("quotegraph/")


def test_robots_disallowed_path_is_never_requested(site):
    site.routes["/private/x"] = Route(b"<html>secret</html>")
    with PoliteClient(FAST) as client, pytest.raises(FetchFailed, match=r"disallowed by robots\.txt"):
        client.get(site.url("/private/x"))
    assert site.hits("/private/x") == 0
    # Only when told to ignore robots.txt (for one's own site) is the path fetched.
    with PoliteClient(FetchOptions(host_interval=0, robots=False)) as client:
        assert client.get(site.url("/private/x")).status == 200


def test_robots_missing_allows_and_robots_failing_refuses(site):
    site.routes.pop("/robots.txt")
    site.routes["/a"] = Route(b"<html>a</html>")
    with PoliteClient(FAST) as client:
        assert client.get(site.url("/a")).status == 200  # 404 for robots.txt: everything allowed
    site.routes["/robots.txt"] = Route(b"down", status=503)
    with PoliteClient(FetchOptions(host_interval=0, retries=0)) as client, \
            pytest.raises(FetchFailed, match=r"robots\.txt unavailable"):
        client.get(site.url("/a"))


def test_slow_endpoint_times_out_within_the_limit(site):
    site.routes["/slow"] = Route(b"<html>late</html>", delay=3)
    options = FetchOptions(host_interval=0, timeout=0.3, retries=1, backoff=0.05)
    started = time.monotonic()
    with PoliteClient(options) as client, pytest.raises(FetchFailed, match=r"timed out after 0\.3 s") as caught:
        client.get(site.url("/slow"))
    assert time.monotonic() - started < 2.0  # two tries of 0.3 s and a pause, not the server's 3 s
    assert caught.value.transient and site.hits("/slow") == 2


def test_server_error_then_success_is_retried(site):
    site.routes["/flaky"] = Route(handler=fail_then_serve(1, b"<html>ok</html>"))
    with PoliteClient(FAST) as client:
        response = client.get(site.url("/flaky"))
    assert response.status == 200 and response.body == b"<html>ok</html>" and site.hits("/flaky") == 2


def test_errors_that_will_not_change_are_not_retried_at_once(site):
    with PoliteClient(FAST) as client, pytest.raises(FetchFailed, match="HTTP 404") as caught:
        client.get(site.url("/missing"))
    assert caught.value.status == 404 and site.hits("/missing") == 1
    site.routes["/down"] = Route(b"no", status=503)
    with PoliteClient(FAST) as client, pytest.raises(FetchFailed, match="HTTP 503"):
        client.get(site.url("/down"))
    assert site.hits("/down") == 3  # the first try and two retries


def test_conditional_get_gives_304(site):
    site.routes["/feed"] = Route(b"<rss/>", etag='"v1"', content_type="application/rss+xml")
    with PoliteClient(FAST) as client:
        first = client.get(site.url("/feed"))
        second = client.get(site.url("/feed"), etag=first.etag)
    assert (first.status, first.etag) == (200, '"v1"')
    assert second.status == 304 and second.body == b""
    assert [h.headers.get("if-none-match") for h in site.log if h.path == "/feed"] == [None, '"v1"']


def test_redirects_are_followed_and_checked_against_robots(site):
    def redirect(to):
        def handle(request, _site):
            request.send_response(301)
            request.send_header("Location", to)
            request.send_header("Content-Length", "0")
            request.end_headers()
        return handle

    site.routes["/old"] = Route(handler=redirect("/new"))
    site.routes["/new"] = Route(b"<html>new</html>")
    site.routes["/sneaky"] = Route(handler=redirect("/private/x"))
    with PoliteClient(FAST) as client:
        response = client.get(site.url("/old"))
        assert response.url == site.url("/new") and response.body == b"<html>new</html>"
        with pytest.raises(FetchFailed, match="robots"):
            client.get(site.url("/sneaky"))
    assert site.hits("/private/x") == 0


def test_fifty_megabytes_are_refused_while_streaming(site):
    site.routes["/huge"] = Route(handler=endless(50_000_000))
    options = FetchOptions(host_interval=0, max_bytes=1_000_000, retries=0)
    tracemalloc.start()
    try:
        with PoliteClient(options) as client, pytest.raises(FetchFailed, match="too large: more than 1000000"):
            client.get(site.url("/huge"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # the cap and a few chunks, never the 50 MB
    time.sleep(0.2)
    assert site.sent.get("/huge", 0) < 20_000_000  # the client hung up long before the end


def test_declared_length_over_the_cap_is_refused_before_reading(site):
    site.routes["/big"] = Route(b"x" * 200_000)
    with PoliteClient(FetchOptions(host_interval=0, max_bytes=100_000)) as client, \
            pytest.raises(FetchFailed, match="200000 bytes declared"):
        client.get(site.url("/big"))


def test_one_host_is_paced_and_bounded():
    site = Site().start()
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def counted(request, _site):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        request.send_response(200)
        request.send_header("Content-Length", "2")
        request.end_headers()
        request.wfile.write(b"ok")

    try:
        for i in range(6):
            site.routes[f"/p{i}"] = Route(handler=counted)
        options = FetchOptions(host_interval=0.1, host_concurrency=2, concurrency=8)
        started = time.monotonic()
        with PoliteClient(options) as client, ThreadPoolExecutor(6) as pool:
            list(pool.map(lambda i: client.get(site.url(f"/p{i}")), range(6)))
        elapsed = time.monotonic() - started
    finally:
        site.stop()
    assert state["max"] <= 2  # never more than two requests in flight to the host
    starts = sorted(i for i, hit in enumerate(site.log) if hit.path.startswith("/p"))
    assert len(starts) == 6 and elapsed >= 0.5  # six starts at least 0.1 s apart, three rounds of 0.15 s


def test_crawl_delay_and_retry_after_slow_us_down(site):
    site.routes["/robots.txt"] = Route(b"User-agent: quotegraph\nCrawl-delay: 1\n", content_type="text/plain")
    site.routes["/a"] = Route(b"<html>a</html>")

    def busy_then_ok(request, _site, state={"n": 0}):  # noqa: B006 - the state of this one handler
        state["n"] += 1
        if state["n"] == 1:
            request.send_response(429)
            request.send_header("Retry-After", "1")
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        request.send_response(200)
        request.send_header("Content-Length", "2")
        request.end_headers()
        request.wfile.write(b"ok")

    site.routes["/busy"] = Route(handler=busy_then_ok)
    with PoliteClient(FetchOptions(host_interval=0, retries=1, backoff=0.01)) as client:
        started = time.monotonic()
        client.get(site.url("/a"))
        client.get(site.url("/a"))
        paced = time.monotonic() - started
        started = time.monotonic()
        assert client.get(site.url("/busy")).body == b"ok"
        waited = time.monotonic() - started
    assert paced >= 1.0  # robots.txt asked for a second between requests
    assert waited >= 1.0 and site.hits("/busy") == 2  # the 429's Retry-After, not the 0.01 s backoff
