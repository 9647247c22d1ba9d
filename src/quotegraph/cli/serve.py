"""`quotegraph serve`: the web UI and JSON API over a store, on loopback unless told otherwise."""
from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import secrets
import socket
import sys

from quotegraph.cli.arguments import port
from quotegraph.errors import QuotegraphError
from quotegraph.settings import MIN_TOKEN_CHARS

DEFAULT_PORT = 8765

EPILOG = """examples:
  quotegraph serve --db news.db                     http://127.0.0.1:8765/ on this machine only
  quotegraph serve --db news.db --port 9000
  quotegraph serve --db news.db --host 0.0.0.0 --token-file ~/.quotegraph-token
        reachable from other machines; clients send 'Authorization: Bearer TOKEN'
        or open http://HOST:8765/?token=TOKEN once in a browser (sets a cookie).
        Without a token one is generated and printed once.

pages: /  (quote search)   /people   /people/ID   /articles   /articles/ID
API:   /api/quotes  /api/people  /api/people/ID  /api/articles  /api/articles/ID
       /api/export/quotes.csv  /api/export/quotes.json   reference: /api   schema: /api/openapi.json

exit codes: 2 usage or setup error (a store that cannot be read, a weak token, the port in use; said
in one line before anything is served), 130 stopped with Ctrl-C, 143 stopped by SIGTERM
"""


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 / ::1; anything else is reachable from elsewhere."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="explore a corpus in the browser (web UI + JSON API)",
        description="Serve the web UI and the JSON API over a store built by `quotegraph ingest`. "
                    "The store is opened read-only. Binds to 127.0.0.1 unless --host says otherwise; "
                    f"a non-loopback host needs a token of at least {MIN_TOKEN_CHARS} characters "
                    "(one is generated and printed once when none is given).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the SQLite store to serve")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument("--port", type=port, default=DEFAULT_PORT,
                        help="port, 0 for any free one (default: %(default)s)")
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--token", default=None,
                       help="required bearer token (default: $QUOTEGRAPH_TOKEN); mandatory off loopback")
    given.add_argument("--token-file", metavar="FILE",
                       help="read the token from FILE (its first line), keeping it out of the process list")
    parser.set_defaults(run=run)


def _token(args: argparse.Namespace) -> str | None:
    """The token asked for, or one generated (and printed once) for a host other machines reach."""
    from quotegraph.web.app import weak_token_reason  # the web stack loads only for `serve`

    token: str | None
    if args.token_file:
        try:
            with open(args.token_file, encoding="utf-8") as fh:
                token = fh.readline().rstrip("\r\n")
        except OSError as exc:
            raise QuotegraphError(f"cannot read the token file ({exc.strerror})", source=args.token_file) from None
        if not token:
            raise QuotegraphError("the token file is empty", source=args.token_file)
    else:
        token = args.token if args.token is not None else os.environ.get("QUOTEGRAPH_TOKEN")
    if is_loopback(args.host):
        return token or None
    if token is None or token == "":
        token = secrets.token_urlsafe(24)
        print(f"quotegraph: generated token (shown once): {token}\n"
              f"  send 'Authorization: Bearer {token}' or open the address once with ?token={token}",
              file=sys.stderr, flush=True)
        return token
    reason = weak_token_reason(token)
    if reason:
        raise QuotegraphError(f"--host {args.host} is reachable from other machines and the token {reason}; "
                              "give a strong one (python -c 'import secrets; print(secrets.token_urlsafe(24))'), "
                              "or leave it out to have one generated")
    return token


def bind(host: str, port_number: int) -> socket.socket:
    """A listening socket on host:port, or QuotegraphError (exit 2) saying why not: checked before
    anything says it is serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port_number))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise QuotegraphError(f"port {port_number} on {host} is in use; stop what runs there or "
                                  "choose another --port") from None
        raise QuotegraphError(f"cannot listen on {host}:{port_number} ({exc.strerror or exc})") from None
    sock.set_inheritable(True)
    return sock


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from quotegraph.web.app import create_app

    token = _token(args)
    app = create_app(args.db, token=token)
    sock = bind(args.host, args.port)
    bound = sock.getsockname()[1]
    shown = f"[{args.host.strip('[]')}]" if ":" in args.host else args.host
    print(f"quotegraph: serving {args.db} at http://{shown}:{bound}/ "
          f"({'token required' if token else 'no token'}; Ctrl-C to stop)", file=sys.stderr, flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0
