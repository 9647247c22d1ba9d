"""Manual corrections to the registry: merge two people, split one, pin names to external ids.

Decisions are stored by the in-article rows they concern (article id + in-article name), never by
registry ids: article ids are content hashes, so a decision still points at the same mentions after
the articles are re-ingested or the registry is rebuilt. `replay` runs after every registry update
and re-applies, in the order they were made, every decision the automatic linking has undone.
Forgetting a decision or loading an alias table needs a rebuild (`linking.rebuild_registry`),
which `Corpus.undo` and `Corpus.load_aliases` run.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from quotegraph.errors import BadInput, BadQuery
from quotegraph.registry import aggregates, keys

from quotegraph.settings import MAX_ALIAS_TABLE_BYTES


def merge(conn: sqlite3.Connection, keep: int, absorb: int) -> int:
    """Make `absorb` part of `keep` (registry ids), now and after any re-ingest; returns `keep`.

    Raises BadQuery when they are the same person or one of them has no stored mention.
    """
    if keep == absorb:
        raise BadQuery("both names are already the same person")
    anchor = _rows_of(conn, keep)[:1]
    absorbed = _rows_of(conn, absorb)
    if not anchor or not absorbed:
        raise BadQuery("a person to merge has no mentions stored (only title quotes); nothing to merge")
    name = conn.execute("SELECT name FROM people WHERE id = ?", (keep,)).fetchone()[0]
    conn.execute("INSERT INTO person_decisions(action, name, rows) VALUES ('merge', ?, ?)",
                 (name, json.dumps(anchor + absorbed)))
    replay(conn)
    return keep


def split(conn: sqlite3.Connection, person_id: int, article_ids: Sequence[str], name: str | None = None) -> int:
    """Take the person's mentions in `article_ids` out into a person of their own; returns the new id.

    `name` names the new person (default: their name in the first of those articles). Raises
    BadQuery when the person is not in those articles, or only in them (nothing would be left).
    """
    rows = _rows_of(conn, person_id)
    wanted = set(article_ids)
    moving = [r for r in rows if r[0] in wanted or any(r[0].startswith(a) for a in wanted)]
    staying = [r for r in rows if r not in moving]
    if not moving:
        raise BadQuery("the person is not mentioned in the given article(s); see `quotegraph person NAME`")
    if not staying:
        raise BadQuery("the person is mentioned only in the given article(s); nothing to split from")
    conn.execute("INSERT INTO person_decisions(action, name, rows, others) VALUES ('split', ?, ?, ?)",
                 (name or moving[0][1], json.dumps(moving), json.dumps(staying)))
    replay(conn)
    return _person_of(conn, moving[0])  # type: ignore[return-value]


def decisions(conn: sqlite3.Connection) -> list[dict]:
    """Every stored decision, oldest first: id, action, name, rows (article id, name), created_at."""
    return [{"id": i, "action": a, "name": n, "rows": json.loads(r), "others": json.loads(o), "created_at": c}
            for i, a, n, r, o, c in conn.execute(
                "SELECT id, action, name, rows, others, created_at FROM person_decisions ORDER BY id")]


def forget(conn: sqlite3.Connection, decision_id: int) -> None:
    """Delete a decision (the caller rebuilds the registry without it). Raises BadQuery for an unknown id."""
    if conn.execute("DELETE FROM person_decisions WHERE id = ?", (decision_id,)).rowcount == 0:
        raise BadQuery(f"no decision {decision_id}; see `quotegraph people decisions`")


def store_alias_table(conn: sqlite3.Connection, path: str | Path) -> int:
    """Read a CSV alias table (columns name, alias, and optionally wikidata/external_id) into the store.

    Every alias and name it lists resolves to that name and external id once the caller rebuilds
    the registry. Returns the number of entries read. Raises BadInput for a missing, oversized or
    malformed file.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ALIAS_TABLE_BYTES:
            raise BadInput("alias table is larger than 20 MB", source=str(path))
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read alias table: {exc}", source=str(path)) from exc
    reader = csv.DictReader(io.StringIO(text))
    fields = {f.strip().lower(): f for f in reader.fieldnames or []}
    if "name" not in fields:
        raise BadInput("alias table needs a header with a 'name' column (and 'alias', 'wikidata')",
                       source=str(path))
    id_field = next((fields[f] for f in ("wikidata", "wikidata_id", "external_id", "id", "qid") if f in fields), None)
    count = 0
    for line, record in enumerate(reader, start=2):
        name = (record.get(fields["name"]) or "").strip()
        alias = (record.get(fields["alias"]) or "").strip() if "alias" in fields else ""
        external = (record.get(id_field) or "").strip() or None if id_field else None
        if not name:
            raise BadInput(f"line {line}: empty name", source=str(path))
        for variant in {name, alias} - {""}:
            conn.execute("INSERT INTO person_alias_table(alias_key, name, external_id) VALUES (?, ?, ?) "
                         "ON CONFLICT(alias_key) DO UPDATE SET name = excluded.name, "
                         "external_id = excluded.external_id",
                         (keys.name_key(variant), name, external))
        count += 1
    return count


def replay(conn: sqlite3.Connection) -> None:
    """Re-apply every decision, in order, wherever the automatic linking no longer agrees with it."""
    for action, name, rows_json, others_json in conn.execute(
            "SELECT action, name, rows, others FROM person_decisions ORDER BY id").fetchall():
        rows = [tuple(r) for r in json.loads(rows_json)]
        others = [tuple(r) for r in json.loads(others_json)]
        if action == "merge":
            _replay_merge(conn, name, rows)
        elif action == "split":
            _replay_split(conn, name, rows, others)


def _replay_merge(conn: sqlite3.Connection, name: str, rows: list[tuple]) -> None:
    target = _person_of(conn, rows[0]) if rows else None
    if target is None:
        return
    for person_id in {p for p in (_person_of(conn, r) for r in rows[1:]) if p is not None} - {target}:
        conn.execute("UPDATE article_people SET person_id = ? WHERE person_id = ?", (target, person_id))
        conn.execute("UPDATE quotes SET person_id = ? WHERE person_id = ?", (target, person_id))
        aggregates.rebuild_person(conn, person_id)
        aggregates.rebuild_person(conn, target)
    _rename(conn, target, name)


def _replay_split(conn: sqlite3.Connection, name: str, rows: list[tuple], others: list[tuple]) -> None:
    kept = {_person_of(conn, r) for r in others} - {None}
    tangled = [r for r in rows if _person_of(conn, r) in kept]
    if tangled:
        # Keep the split-off rows together: in a person of theirs that is free of `others`, or a new one.
        free = [p for p in (_person_of(conn, r) for r in rows) if p is not None and p not in kept]
        aggregates.move_rows(conn, tangled, free[0] if free else aggregates.new_person(conn, name, "person"))
    target = _person_of(conn, rows[0]) if rows else None
    if target is not None and target not in kept:
        _rename(conn, target, name)


def _rename(conn: sqlite3.Connection, person_id: int, name: str) -> None:
    conn.execute("UPDATE people SET name = ? WHERE id = ? AND name != ?", (name, person_id, name))


def _rows_of(conn: sqlite3.Connection, person_id: int) -> list[tuple[str, str]]:
    return [(a, n) for a, n in conn.execute(
        "SELECT ap.article_id, ap.name FROM article_people ap JOIN articles a ON a.id = ap.article_id "
        "WHERE ap.person_id = ? ORDER BY a.published, ap.article_id, ap.name", (person_id,))]


def _person_of(conn: sqlite3.Connection, row: tuple) -> int | None:
    found = conn.execute("SELECT person_id FROM article_people WHERE article_id = ? AND name = ?",
                         (row[0], row[1])).fetchone()
    return found[0] if found else None
