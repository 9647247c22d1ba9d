"""`quotegraph serve`: the web UI and JSON API over a store, on loopback unless told otherwise."""
from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from quotegraph.cli.arguments import port
from quotegraph.errors import QuotegraphError

DEFAULT_PORT = 8765

EPILOG = """examples:
  quotegraph serve --db news.db                     http://127.0.0.1:8765/ on this machine only
  quotegraph serve --db news.db --port 9000
  QUOTEGRAPH_TOKEN=s3cret quotegraph serve --db news.db --host 0.0.0.0
        reachable from other machines; clients send 'Authorization: Bearer s3cret'
        or open http://HOST:8765/?token=s3cret once in a browser (sets a cookie)

pages: /  (quote search)   /people   /people/ID   /articles   /articles/ID
API:   /api/quotes  /api/people  /api/people/ID  /api/articles  /api/articles/ID
       /api/export/quotes.csv  /api/export/quotes.json   schema: /api/openapi.json
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
                    "a non-loopback host needs a token.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the SQLite store to serve")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    parser.add_argument("--port", type=port, default=DEFAULT_PORT, help="port (default: %(default)s)")
    parser.add_argument("--token", default=None,
                        help="required bearer token (default: $QUOTEGRAPH_TOKEN); mandatory off loopback")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from quotegraph.web.app import create_app

    token = args.token or os.environ.get("QUOTEGRAPH_TOKEN") or None
    if not is_loopback(args.host) and not token:
        raise QuotegraphError(f"--host {args.host} is reachable from other machines: give --token TOKEN "
                              "(or set QUOTEGRAPH_TOKEN), or bind to 127.0.0.1")
    if not 0 <= args.port <= 65535:
        raise QuotegraphError(f"--port {args.port} is not a port number (0-65535)")
    app = create_app(args.db, token=token)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"quotegraph: serving {args.db} at http://{shown}:{args.port}/ "
          f"({'token required' if token else 'no token'}; Ctrl-C to stop)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0
