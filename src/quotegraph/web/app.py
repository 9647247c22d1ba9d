"""The quotegraph web app: JSON API under /api/ and server-rendered pages, one FastAPI app.

`create_app(db, token=None)` opens nothing until a request comes (each request gets its own read-only
connection). With a token, every request (the stylesheet too) must carry it: `Authorization: Bearer T`,
or the cookie set by visiting any page once with `?token=T` (the cookie holds an HMAC of the token,
never the token, and is `Secure` over https). Every response gets security headers; the pages run
no script at all (CSP `script-src 'none'`). HEAD is answered wherever GET is.
"""
from __future__ import annotations

import hashlib
import hmac
import sqlite3
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotegraph.errors import BadQuery, QuotegraphError
from quotegraph.corpus import Corpus
from quotegraph.web import api, network, pages
from quotegraph.web.params import Connections, Remembered
from quotegraph.settings import MIN_TOKEN_CHARS, MIN_TOKEN_DISTINCT, QUERY_SECONDS
from quotegraph.web.openapi import error_schema_openapi

TOKEN_COOKIE = "quotegraph_token"
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                "script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str, code: str, details: Any = None) -> Response:
    """The same error as JSON under /api/ or as a page elsewhere."""
    if _wants_json(request):
        body: dict[str, Any] = {"error": {"code": code, "message": message}}
        if details is not None:
            body["error"]["details"] = details
        return JSONResponse(body, status_code=status)
    return pages.page_response(request, "error.html", status_code=status, status=status, message=message)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def weak_token_reason(token: str) -> str | None:
    """Why `token` is too weak to guard a server other machines reach; None when it will do."""
    if len(token) < MIN_TOKEN_CHARS or token != token.strip():
        return f"is shorter than {MIN_TOKEN_CHARS} characters (or has surrounding spaces)"
    if len(set(token)) < MIN_TOKEN_DISTINCT:
        return f"has fewer than {MIN_TOKEN_DISTINCT} different characters"
    return None


def cookie_value(token: str) -> str:
    """What the browser keeps: an HMAC of the token, so a leaked cookie jar does not reveal the token."""
    return hmac.new(token.encode(), b"quotegraph session cookie v1", hashlib.sha256).hexdigest()


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return hmac.compare_digest(header[7:].encode(), token.encode())
    cookie = request.cookies.get(TOKEN_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), cookie_value(token).encode())


class HeadAsGet:
    """Answer HEAD as GET without the body (same status and headers), for every route and file."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def cache_control(path: str, private: bool) -> str:
    """How long a browser (or, without a token, a shared cache) may keep the answer at `path`.

    The stylesheet changes only with a new quotegraph: a day. An article's text never changes
    (its id is the hash of the text), but its quotes may be re-attributed: five minutes. Anything
    else is revalidated every time (cheap through its ETag).
    """
    scope = "private" if private else "public"
    if path.startswith("/static/"):
        return f"{scope}, max-age=86400"
    if path.startswith(("/articles/", "/api/articles/")):
        return f"{scope}, max-age=300"
    return f"{scope}, no-cache"


class CacheHeaders:
    """ETag (a hash of the body) and Cache-Control on every complete 200 answer to GET, and 304
    Not Modified when the request's If-None-Match names that ETag. Streamed answers (downloads)
    pass unchanged."""

    def __init__(self, app: ASGIApp, private: bool) -> None:
        self.app = app
        self.private = private

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope).get("if-none-match", "")
        held: Message | None = None

        async def tagged(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                held = message
                return
            if held is None or message["type"] != "http.response.body":
                await send(message)
                return
            start, held = held, None
            if start["status"] != 200 or message.get("more_body", False):
                if start["status"] == 200:
                    MutableHeaders(scope=start).setdefault("Cache-Control", cache_control(scope["path"], self.private))
                await send(start)
                await send(message)
                return
            body = message.get("body", b"")
            headers = MutableHeaders(scope=start)
            etag = 'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
            if "etag" not in headers:
                headers["ETag"] = etag
            headers.setdefault("Cache-Control", cache_control(scope["path"], self.private))
            if asked and headers["etag"] in (tag.strip() for tag in asked.split(",")):
                for name in ("content-length", "content-type", "content-encoding"):
                    if name in headers:
                        del headers[name]
                await send({**start, "status": 304})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(start)
            await send(message)

        await self.app(scope, receive, tagged)


class Guard:
    """Security headers on every answer and, with a token, the token check before anything else.

    A plain ASGI middleware, not FastAPI's `@app.middleware("http")`, which runs every request in a
    task of its own with streams between the two (with `QuoteRow.to_dict`, the change that halved a
    kept page's server CPU: docs/web.md, tenth round)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        if self.token:
            token = self.token
            request = Request(scope)
            offered = request.query_params.get("token")
            response: Response | None = None
            if offered is not None and hmac.compare_digest(offered.encode(), token.encode()):
                # Trade the URL token for a cookie, so it does not linger in history or logs.
                clean = request.url.remove_query_params("token")
                response = RedirectResponse(str(clean), status_code=303)
                response.set_cookie(TOKEN_COOKIE, cookie_value(token), httponly=True, samesite="strict",
                                    secure=request.url.scheme == "https")
            elif not _authorised(request, token):
                response = _error(request, 401, "This server needs a token: send 'Authorization: Bearer TOKEN' "
                                  "or open any page once with ?token=TOKEN.", "unauthorised")
                response.headers["WWW-Authenticate"] = "Bearer"
            if response is not None:
                await response(scope, receive, secured)
                return
        await self.app(scope, receive, secured)


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    """The app serving the store at `db`; StoreError now if it cannot be opened read-only."""
    Corpus(db, readonly=True).close()
    app = FastAPI(title="quotegraph", version="1", summary="Who said what, about whom, and when.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.db_path = str(db)
    app.state.connections = Connections(str(db))
    app.state.remembered = Remembered(str(db))
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(network.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.openapi = error_schema_openapi(app)  # type: ignore[method-assign]
    # Outermost first at run time (each added one wraps the ones before): the token guard, HEAD as
    # GET, compression, ETag and caching.
    app.add_middleware(CacheHeaders, private=bool(token))
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(HeadAsGet)
    app.add_middleware(Guard, token=token)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error(request, 422 if _wants_json(request) else 400, _validation_message(exc),
                      "invalid_parameter", details)

    def too_slow(request: Request) -> Response:
        return _error(request, 503, f"This query took more than {QUERY_SECONDS:.0f} s and was stopped; "
                      "narrow it (a speaker, a date range, more words).", "too_slow")

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        # The store reads an interrupted search as a bad expression; the deadline knows better.
        if getattr(request.state, "too_slow", False):
            return too_slow(request)
        return _error(request, 400, str(exc), exc.code)

    @app.exception_handler(sqlite3.OperationalError)
    async def interrupted(request: Request, exc: sqlite3.OperationalError) -> Response:
        if not getattr(request.state, "too_slow", False):
            raise exc
        return too_slow(request)

    @app.exception_handler(QuotegraphError)
    async def store_error(request: Request, exc: QuotegraphError) -> Response:
        return _error(request, 503, str(exc), exc.code)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), "not_found" if exc.status_code == 404 else "error")

    return app
