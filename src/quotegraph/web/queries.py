"""What the web pages need beyond what `Corpus` offers: the speaker's role on a quote card (one
parameterised query) and a person's page put together from `quotegraph.people.timeline`.

Plain dicts out. Everything `Corpus` or the people modules answer is asked of them.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from quotegraph.errors import BadQuery
from quotegraph.people import timeline


def _json_list(value: str | None) -> list[Any]:
    try:
        data = json.loads(value or "[]")
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def role_label(role: Any) -> str | None:
    """"Secretary General of NATO" from a stored {title, organisation}; None for anything else."""
    if not isinstance(role, dict) or not role.get("title"):
        return None
    return timeline.role_label(str(role["title"]), str(role.get("organisation") or "") or None)


def with_roles(conn: sqlite3.Connection, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`quotes` (QuoteRow dicts) each given `role`: the speaker's first role as written in that article."""
    pairs = {(q["article_id"], q["person_id"]) for q in quotes if q.get("person_id") is not None}
    roles = {}
    for article_id, person_id in pairs:
        row = conn.execute("SELECT roles FROM article_people WHERE article_id = ? AND person_id = ?"
                           " ORDER BY quote_count DESC LIMIT 1", (article_id, person_id)).fetchone()
        labels = [label for label in map(role_label, _json_list(row[0] if row else None)) if label]
        roles[(article_id, person_id)] = labels[0] if labels else None
    return [{**q, "role": roles.get((q["article_id"], q.get("person_id")))} for q in quotes]


def person_page(conn: sqlite3.Connection, person_id: int) -> dict[str, Any] | None:
    """A person's profile (roles over time, aliases, counts) with the articles that quote them, in
    date order, and statements per month for the chart; None for an unknown id."""
    try:
        found = timeline.profile(conn, person_id)
    except BadQuery:
        return None
    rows = timeline.timeline(conn, person_id)
    months = timeline.monthly_counts(rows)
    articles: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = articles.setdefault(row["article_id"], {
            "id": row["article_id"], "title": row["title"], "outlet": row["outlet"], "url": row["url"],
            "published": row["published"] or row["date"], "quote_count": 0})
        entry["quote_count"] += 1
    return {**found, "monthly": [{"month": m, "quotes": sum(c.values())} for m, c in sorted(months.items())],
            "articles": sorted(articles.values(), key=lambda a: (a["published"] or "", a["id"]))}
