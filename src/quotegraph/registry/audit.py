"""The registry as a whole, read for scoring: every entry with its in-article rows and its roles.

Used by the people evaluation (`quotegraph.people_eval`); reads only.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from quotegraph.records import role_label
from quotegraph.registry import matching


@dataclass(frozen=True)
class Entry:
    """One registry person: id, name, kind, its in-article rows and its roles."""

    id: int
    name: str
    kind: str
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]  # (article id, in-article name, aliases)
    roles: tuple[tuple[str, str, tuple[str, ...]], ...]  # (title, organisation, article ids)
    labels: tuple[str, ...] = ()  # each role's label, as `records.role_label` writes it


def entries(conn: sqlite3.Connection) -> list[Entry]:
    """Every registry person, in id order."""
    rows: dict[int, list[tuple[str, str, tuple[str, ...]]]] = {}
    for person_id, article_id, name, aliases in conn.execute(
            "SELECT person_id, article_id, name, aliases FROM article_people WHERE person_id IS NOT NULL "
            "ORDER BY person_id, article_id, name"):
        found = tuple(a for a in matching.json_list(aliases) if isinstance(a, str))
        rows.setdefault(person_id, []).append((article_id, name, found))
    roles: dict[int, list[tuple[str, str, tuple[str, ...]]]] = {}
    labels: dict[int, list[str]] = {}
    supporting: dict[tuple[int, str, str], list[str]] = {}
    for person_id, title, organisation, article_id in conn.execute(
            "SELECT person_id, title, organisation, article_id FROM person_role_articles ORDER BY rowid"):
        supporting.setdefault((person_id, title, organisation), []).append(article_id)
    for person_id, title, organisation, joiner in conn.execute(
            "SELECT person_id, title, organisation, joiner FROM person_roles ORDER BY person_id, title"):
        ids = tuple(supporting.get((person_id, title, organisation), ()))
        roles.setdefault(person_id, []).append((title, organisation or "", ids))
        labels.setdefault(person_id, []).append(role_label(title, organisation or None, joiner or None))
    return [Entry(pid, name, kind, tuple(rows.get(pid, ())), tuple(roles.get(pid, ())), tuple(labels.get(pid, ())))
            for pid, name, kind in conn.execute("SELECT id, name, kind FROM people ORDER BY id")]
