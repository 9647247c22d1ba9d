"""Read-only SQL the web pages need beyond what `Corpus` offers: the speaker's role on a quote card
and a person's page (aliases with counts, roles over time, articles, statements per month).

Parameterised, bounded, plain dicts out. Everything `Corpus` answers is asked of `Corpus`.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any


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
    title, org = str(role["title"]), str(role.get("organisation") or "")
    return f"{title} of {org}" if org else title


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


def person(conn: sqlite3.Connection, person_id: int) -> dict[str, Any] | None:
    """A person with aliases, roles over time, articles and statements per month; None if unknown."""
    row = conn.execute("SELECT id, name, kind, external_id FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        return None
    aliases = [{"alias": a, "count": n} for a, n in conn.execute(
        "SELECT alias, count FROM person_aliases WHERE person_id = ? ORDER BY count DESC, alias", (person_id,))]
    roles = [{"title": t, "organisation": o, "label": role_label({"title": t, "organisation": o}),
              "first_seen": first, "last_seen": last, "articles": _json_list(arts)}
             for t, o, first, last, arts in conn.execute(
                 "SELECT title, organisation, first_seen, last_seen, articles FROM person_roles"
                 " WHERE person_id = ? ORDER BY coalesce(first_seen, ''), title", (person_id,))]
    articles = [{"id": i, "title": t, "outlet": o, "published": p, "url": u, "mention_count": m, "quote_count": q}
                for i, t, o, p, u, m, q in conn.execute(
                    "SELECT a.id, a.title, a.outlet, a.published, a.url, ap.mention_count,"
                    " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id AND q.person_id = ap.person_id)"
                    " FROM article_people ap JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ?"
                    " ORDER BY coalesce(a.published, ''), a.id", (person_id,))]
    monthly = [{"month": m, "quotes": n} for m, n in conn.execute(
        "SELECT substr(coalesce(q.said_on, a.published), 1, 7) AS month, count(*)"
        " FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.person_id = ?"
        " GROUP BY month ORDER BY month", (person_id,))]
    return {"id": row[0], "name": row[1], "kind": row[2], "external_id": row[3], "aliases": aliases,
            "roles": roles, "articles": articles, "monthly": monthly,
            "quote_count": sum(m["quotes"] for m in monthly)}
