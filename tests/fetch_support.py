"""A real HTTP server on 127.0.0.1 for the fetch tests, and feeds, sitemaps and pages to serve.

`Site` runs `http.server` in a thread; each path answers with a fixed response or a function of
the request, and every request is logged with its headers, so tests can count what was fetched.
"""
from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"

# Our own short articles (written for these tests), each with quotes and a named speaker.
OWN_TEXTS = {
    "harbour": ("Harbour plan approved",
                "The city council approved the harbour plan on Tuesday after a long debate about costs and jobs.\n\n"
                "\"This is the best day for the waterfront in a generation,\" Mayor Alice Brennan said after the vote.\n\n"
                "Brennan said the first ships would dock at the new quay next spring, and that the works would "
                "employ about four hundred people in the town."),
    "rail": ("Rail strike called off",
             "Train drivers called off next week's strike late on Friday after talks with the operator went on into the night.\n\n"
             "\"We have an offer our members can vote on,\" union leader Tomas Eriksen told reporters outside the talks.\n\n"
             "Eriksen said the ballot would close within two weeks and that services would run as normal until then."),
    "library": ("Library to open on Sundays",
                "The central library will open on Sundays from next month, the council announced on Monday, after "
                "a petition signed by thousands of readers.\n\n"
                "\"Readers asked for it and we listened,\" said Councillor Priya Natarajan, who chairs the culture committee.\n\n"
                "Natarajan said the extra hours would be paid for from the savings made on the old heating system."),
    "bridge": ("Bridge repairs finished early",
               "Repairs to the old river bridge finished three weeks early, the county engineer said on Thursday.\n\n"
               "\"The weather was kind to us and the crews worked every hour they could,\" engineer Marta Kowalski said.\n\n"
               "Kowalski said the bridge would reopen to cars on Saturday morning and to lorries a week later."),
}


def seed_articles() -> dict[str, tuple[str, str]]:
    """The seed articles (examples/seeds) as (title, text): their first line is the headline."""
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        title = text.splitlines()[0].strip()
        found[path.stem[:3]] = (title, text)
    return found


def article_page(title: str | None, text: str, *, site: str | None = None, date: str | None = None,
                 author: str | None = None) -> bytes:
    """An HTML page a news site might serve: head metadata, navigation, the article, a footer."""
    meta = []
    if title:
        meta.append(f"<title>{html.escape(title)}</title><meta property=\"og:title\" content=\"{html.escape(title)}\">")
    if site:
        meta.append(f"<meta property=\"og:site_name\" content=\"{html.escape(site)}\">")
    if date:
        meta.append(f"<meta property=\"article:published_time\" content=\"{date}\">")
    if author:
        meta.append(f"<meta name=\"author\" content=\"{html.escape(author)}\">")
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
    heading = f"<h1>{html.escape(title)}</h1>" if title else ""
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{''.join(meta)}</head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
            f"<main><article>{heading}{paragraphs}</article></main>"
            f"<footer>Copyright the publisher.</footer></body></html>").encode()


def stub_page() -> bytes:
    """A paywall stub: a title and a login prompt, no article text."""
    return (b"<!doctype html><html><head><title>Subscribe</title></head><body><h1>Subscribers only</h1>"
            b"<p>Log in to read.</p><form><input name=user></form></body></html>")


def rss(title: str, items: list[tuple[str, str | None, str | None]]) -> bytes:
    """RSS 2.0: items are (link, title, RFC 822 date)."""
    body = "".join(
        "<item>" + f"<link>{html.escape(link)}</link>" + (f"<title>{html.escape(t)}</title>" if t else "")
        + (f"<pubDate>{d}</pubDate>" if d else "") + "</item>" for link, t, d in items)
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{html.escape(title)}"
            f"</title><link>http://example.invalid/</link>{body}</channel></rss>").encode()


def atom(title: str, entries: list[tuple[str, str | None, str | None]]) -> bytes:
    """Atom 1.0: entries are (href, title, ISO date)."""
    body = "".join(
        "<entry>" + f"<link rel=\"alternate\" href=\"{html.escape(href)}\"/>" + (f"<title>{html.escape(t)}</title>" if t else "")
        + (f"<updated>{d}</updated>" if d else "") + "</entry>" for href, t, d in entries)
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
            f"<title>{html.escape(title)}</title>{body}</feed>").encode()


def sitemap(urls: list[tuple[str, str | None]]) -> bytes:
    """A sitemap: (loc, lastmod)."""
    body = "".join(f"<url><loc>{html.escape(u)}</loc>" + (f"<lastmod>{d}</lastmod>" if d else "") + "</url>"
                   for u, d in urls)
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            f"{body}</urlset>").encode()


def sitemap_index(locs: list[str]) -> bytes:
    body = "".join(f"<sitemap><loc>{html.escape(u)}</loc></sitemap>" for u in locs)
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            f"{body}</sitemapindex>").encode()


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    handler: Callable[[BaseHTTPRequestHandler, Site], None] | None = None


@dataclass
class Site:
    """A web server on 127.0.0.1 (a free port) serving `routes`; `log` holds every request."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # bytes written per path

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                site.log.append(Hit(path, {k.lower(): v for k, v in self.headers.items()}))
                route = site.routes.get(path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "9")
                    self.end_headers()
                    self.wfile.write(b"not found")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.handler:
                    route.handler(self, site)
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.etag:
                    self.send_header("ETag", route.etag)
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                    site.sent[path] = site.sent.get(path, 0) + len(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for hit in self.log if hit.path == path)


def fail_then_serve(failures: int, body: bytes, status: int = 500) -> Callable[[BaseHTTPRequestHandler, Site], None]:
    """A handler answering `status` the first `failures` times, then 200 with `body`."""
    count = {"n": 0}

    def handle(request: BaseHTTPRequestHandler, site: Site) -> None:
        count["n"] += 1
        if count["n"] <= failures:
            request.send_response(status)
            request.send_header("Content-Length", "5")
            request.end_headers()
            request.wfile.write(b"oops!")
            return
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handle


def endless(total: int, chunk: int = 65536) -> Callable[[BaseHTTPRequestHandler, Site], None]:
    """A handler streaming `total` bytes of HTML in chunks, made as it goes (never held whole), with
    no Content-Length; it stops when the client hangs up. Bytes sent are counted in `site.sent`."""

    def handle(request: BaseHTTPRequestHandler, site: Site) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        piece = b"<p>" + b"filler words " * (chunk // 13) + b"</p>"
        sent = 0
        request.wfile.write(b"<html><body>")
        try:
            while sent < total:
                request.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            site.sent[request.path] = sent
            request.close_connection = True

    return handle
