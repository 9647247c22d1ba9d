"""An article extracted but not stored, shown as the store shows a stored one: the dict of
`ArticleDetail.to_dict()` (text, boilerplate, quotes with offsets and roles, people), with each
person linked to the registry when the store knows exactly one person of that name, and each
person's gender as this text alone gives it (people/gender.py). Nothing is written.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Any

from quotegraph.people.gender import decide, honorific_gender, pronoun_gender, role_gender
from quotegraph.records import Document


def _registry_ids(conn: sqlite3.Connection, names: list[str]) -> dict[str, int]:
    """{name: person id} for names the registry holds exactly once (by name, else by alias)."""
    found: dict[str, int] = {}
    for name in names:
        ids = {pid for (pid,) in conn.execute("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (name,))}
        if not ids:
            ids = {pid for (pid,) in conn.execute(
                "SELECT person_id FROM person_aliases WHERE alias = ? COLLATE NOCASE", (name,))}
        if len(ids) == 1:
            found[name] = ids.pop()
    return found


def detail(conn: sqlite3.Connection, document: Document, *, title: str | None = None) -> dict[str, Any]:
    """`document` as an article page's data; quote ids are their 1-based order in the text."""
    people = list(document.people)
    linked = _registry_ids(conn, [p.name for p in people])
    evidence: dict[str, Counter[str]] = {p.name: Counter() for p in people}
    for q in document.quotes:
        said = pronoun_gender(q.speaker)
        if said and q.person in evidence:
            evidence[q.person][said] += 1
    for p in people:
        for alias in (p.name, *p.aliases):
            said = honorific_gender(alias)
            if said:
                evidence[p.name][said] += 1
        for role in p.roles:
            said = role_gender(role.title)
            if said:
                evidence[p.name][said] += 1
    roles = {p.name: p.roles[0].label if p.roles else None for p in people}
    quotes = []
    for number, q in enumerate(sorted(document.quotes, key=lambda q: (q.start, q.end)), 1):
        quotes.append({**q.to_dict(), "id": number, "person_id": linked.get(q.person or ""),
                       "role": roles.get(q.person or ""), "article_id": document.id})
    listed = []
    for p in sorted(people, key=lambda p: (-p.quote_count, -p.mention_count, p.name)):
        gender = decide(evidence[p.name]["female"], evidence[p.name]["male"]) if p.kind == "person" else None
        listed.append({"name": p.name, "person_id": linked.get(p.name), "kind": p.kind, "aliases": list(p.aliases),
                       "roles": [r.label for r in p.roles],
                       "mention_count": p.mention_count, "quote_count": p.quote_count,
                       "gender": gender.to_dict() if gender else None})
    return {"id": document.id, "title": title or document.title, "outlet": None, "url": None,
            "published": document.published, "source": None, "duplicate_of": None,
            "quote_count": len(quotes), "chars": len(document.text), "text": document.text, "authors": [],
            "boilerplate": [b.to_dict() for b in document.boilerplate], "quotes": quotes, "people": listed,
            "duplicates": [], "copies": [], "skipped": document.skipped}
