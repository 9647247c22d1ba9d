"""The web UI and JSON API over a store: `create_app(db, token=None)`; `quotegraph serve` runs it."""
from __future__ import annotations

from quotegraph.web.app import create_app

__all__ = ["create_app"]
