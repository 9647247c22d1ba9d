"""A registry person's aggregates: aliases, roles over time, lookup keys and entity profile.

`fold_in` adds one linked in-article row to its person's aggregates; `rebuild_person` recomputes a
person from all their linked rows (after a merge, a split or a moved row); `move_rows` relinks
rows and rebuilds both sides. Used by the linking (`linking.py`) and the replay of manual decisions
(`decisions.py`); they run inside the caller's transaction.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from quotegraph.lexicon import PRONOUNS
from quotegraph.records import NON_PERSON_KINDS
from quotegraph.registry import keys, matching
from quotegraph.registry.matching import Row


def new_person(conn: sqlite3.Connection, name: str, kind: str) -> int:
    """Insert a registry person; returns their id."""
    person_id = conn.execute("INSERT INTO people(name, kind) VALUES (?, ?)", (name, kind)).lastrowid
    assert person_id is not None  # an INSERT always sets it
    return person_id


def _row_dates(conn: sqlite3.Connection, row: Row, published: str | None) -> tuple[str | None, str | None]:
    """First and last date the row's person is seen in its article: publication and statement dates."""
    dates = [d for (d,) in conn.execute(
        "SELECT said_on FROM quotes WHERE article_id = ? AND person = ? AND said_on IS NOT NULL",
        (row.article_id, row.name))]
    if published:
        dates.append(published[:10])
    return (min(dates), max(dates)) if dates else (None, None)


def fold_in(conn: sqlite3.Connection, person_id: int, row: Row, published: str | None, *,
             pending: bool = False, pinned: matching.Pinned | None = None,
             entities: set[str] | None = None) -> None:
    """Fold one in-article row, now linked to `person_id`, into the person's aliases, entity
    profile, roles (with first/last dates seen), lookup keys and name. `pending` marks a title
    nobody is known to hold yet; `pinned` is the user's alias table (read when not given)."""
    kind, name, external_id = conn.execute(
        "SELECT kind, name, external_id FROM people WHERE id = ?", (person_id,)).fetchone()
    pinned = matching.alias_table(conn) if pinned is None else pinned
    for alias in dict.fromkeys((row.name, *row.aliases)):
        if alias.strip().lower() in PRONOUNS or len(alias.strip()) < 2:
            continue
        conn.execute("INSERT INTO person_aliases(person_id, alias, count) VALUES (?, ?, 1) "
                     "ON CONFLICT(person_id, alias) DO UPDATE SET count = count + 1", (person_id, alias))
    add_to_profile(conn, person_id, row.article_id, entities)
    first, last = _row_dates(conn, row, published)
    existing = {(keys.title_key(t), keys.fold(o)): (t, o) for t, o in conn.execute(
        "SELECT title, organisation FROM person_roles WHERE person_id = ?", (person_id,))}
    joiners = dict(row.joiners)
    for title, org in dict.fromkeys(row.roles):
        stored = _same_role(conn, person_id, existing, title, org)
        joiner = joiners.get((title, org), "")
        if stored is None:
            conn.execute("INSERT INTO person_roles(person_id, title, organisation, first_seen, last_seen, "
                         "joiner) VALUES (?, ?, ?, ?, ?, ?)", (person_id, title, org, first, last, joiner))
            _add_role_article(conn, person_id, title, org, row.article_id)
            existing[(keys.title_key(title), keys.fold(org))] = (title, org)
            continue
        if joiner:  # the text's own words between title and organisation, once any article writes them
            conn.execute("UPDATE person_roles SET joiner = ? WHERE person_id = ? AND title = ? AND organisation = ? "
                         "AND joiner = ''", (joiner, person_id, *stored))
        # The role's articles are rows of their own (`person_role_articles`): a JSON list in the role
        # row, copied whole to append one id, made ingest slow down as the lists grew.
        conn.execute(_FOLD_ROLE, {"first": first, "last": last, "person": person_id,
                                  "title": stored[0], "organisation": stored[1]})
        _add_role_article(conn, person_id, *stored, row.article_id)
    for key, key_kind in _row_keys(row, kind, pending, pinned):
        conn.execute("INSERT OR IGNORE INTO person_keys(key, kind, person_id) VALUES (?, ?, ?)",
                     (key, key_kind, person_id))
    row_key = keys.name_key(row.name)
    if row_key in pinned:
        name, external_id = pinned[row_key][0], pinned[row_key][1] or external_id
    elif external_id is None and kind == "person" and not keys.is_title(row.name) and (
            keys.is_title(name) or len(row.name.split()) > len(name.split())):
        # A bare surname gives way to the full name once one is seen; a pinned name stays.
        name = row.name
    conn.execute("UPDATE people SET name = ?, external_id = ? WHERE id = ?", (name, external_id, person_id))


# One more article for a stored role: the earlier first and later last date seen (NULL counts as
# unknown). The row is written only when a date widens.
_FOLD_ROLE = (
    "UPDATE person_roles SET "
    "first_seen = CASE WHEN first_seen IS NULL THEN :first WHEN :first IS NULL THEN first_seen "
    "ELSE min(first_seen, :first) END, "
    "last_seen = CASE WHEN last_seen IS NULL THEN :last WHEN :last IS NULL THEN last_seen "
    "ELSE max(last_seen, :last) END "
    "WHERE person_id = :person AND title = :title AND organisation = :organisation "
    "AND ((:first IS NOT NULL AND (first_seen IS NULL OR :first < first_seen)) "
    "OR (:last IS NOT NULL AND (last_seen IS NULL OR :last > last_seen)))")


def _add_role_article(conn: sqlite3.Connection, person_id: int, title: str, organisation: str,
                      article_id: str) -> None:
    """The article supports the role: appended to its articles (in the order seen) unless listed."""
    conn.execute("INSERT OR IGNORE INTO person_role_articles(person_id, title, organisation, article_id) "
                 "VALUES (?, ?, ?, ?)", (person_id, title, organisation, article_id))


def role_articles(conn: sqlite3.Connection, person_id: int, title: str, organisation: str) -> list[str]:
    """The articles a role of the person was seen in, in the order they were folded in."""
    return [a for (a,) in conn.execute(
        "SELECT article_id FROM person_role_articles WHERE person_id = ? AND title = ? AND organisation = ? "
        "ORDER BY rowid", (person_id, title, organisation))]


def _row_keys(row: Row, kind: str, pending: bool, pinned: dict) -> Iterable[tuple[str, str]]:
    if pending:
        yield keys.title_key(row.name), "pending"
        return
    if row.kind in NON_PERSON_KINDS and kind != "person":
        yield matching.source_key(row), "source"
        return
    for title, org in row.roles:
        for role_key in keys.role_keys(title, org):
            yield role_key, "title"
    for name in (row.name, *row.aliases):
        if keys.is_title(name) or name.strip().lower() in PRONOUNS:
            continue
        key = matching.pinned_key(name, pinned)
        if name != row.name and not 1 < len(key.split()) <= 3:
            # A bare alias ("Smith") says less than the row's own name; a long one is a name with
            # its role in front ("US Defense Secretary Mark Esper"), already keyed by the name.
            continue
        if not key:
            continue
        yield key, "full"
        yield keys.first_last(key), "full"
        yield keys.variant_key(key), "full"
        surname = keys.surname(key)
        if surname:
            yield surname, "surname"
            yield keys.first_name_key(key), "first"


def _same_role(conn: sqlite3.Connection, person_id: int, existing: dict[tuple[str, str], tuple[str, str]],
               title: str, org: str) -> tuple[str, str] | None:
    """The stored role a seen role is: same title and organisation, or the same title where one side
    does not name the organisation ("Secretary General" is the person's "Secretary General of NATO")."""
    title_key, org_key = keys.title_key(title), keys.fold(org)
    if (title_key, org_key) in existing:
        return existing[(title_key, org_key)]
    same_title = [k for k in existing if k[0] == title_key]
    if org_key:
        bare = existing.get((title_key, ""))
        if bare is not None and len(same_title) == 1:
            # The organisation is learnt now: the bare role becomes this one.
            conn.execute("UPDATE person_roles SET organisation = ? WHERE person_id = ? AND title = ? "
                         "AND organisation = ''", (org, person_id, bare[0]))
            conn.execute("UPDATE person_role_articles SET organisation = ? WHERE person_id = ? AND title = ? "
                         "AND organisation = ''", (org, person_id, bare[0]))
            del existing[(title_key, "")]
            existing[(title_key, org_key)] = (bare[0], org)
            return bare[0], org
        return None
    return existing[same_title[0]] if len(same_title) == 1 else None


def add_to_profile(conn: sqlite3.Connection, person_id: int, article_id: str,
                    entities: set[str] | None = None) -> None:
    """Fold an article's entities (`entities` when the caller has them) into the person's profile,
    while it has fewer than PROFILE_ARTICLES."""
    counted = conn.execute("SELECT COUNT(*) FROM person_entity_articles WHERE person_id = ?",
                           (person_id,)).fetchone()[0]
    if counted >= matching.PROFILE_ARTICLES:
        return
    if not conn.execute("INSERT OR IGNORE INTO person_entity_articles(person_id, article_id) VALUES (?, ?)",
                        (person_id, article_id)).rowcount:
        return
    conn.executemany("INSERT OR IGNORE INTO person_entities(person_id, entity) VALUES (?, ?)",
                     [(person_id, e) for e in (matching.article_entities(conn, article_id)
                                               if entities is None else entities)])



# --- whole-person rebuilds (after merges, splits and re-ingest) -------------------------------

def rebuild_person(conn: sqlite3.Connection, person_id: int) -> None:
    """Recompute one person's aliases, roles, keys and name from their linked rows (or drop them)."""
    found = conn.execute("SELECT name, kind FROM people WHERE id = ?", (person_id,)).fetchone()
    if found is None:
        return
    for table in ("person_aliases", "person_roles", "person_role_articles", "person_keys", "person_entity_articles",
                  "person_entities"):
        conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (person_id,))  # noqa: S608
    rows = conn.execute(
        "SELECT ap.article_id, ap.name, ap.kind, ap.aliases, ap.roles, a.published FROM article_people ap "
        "JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ? ORDER BY a.published, ap.article_id",
        (person_id,)).fetchall()
    if not rows and not conn.execute("SELECT 1 FROM quotes WHERE person_id = ? LIMIT 1", (person_id,)).fetchone():
        conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
        return
    named = [r for r in rows if r[2] == "person" and not keys.is_title(r[1])]
    pending = bool(rows) and not named and all(keys.is_title(r[1]) for r in rows)
    kind = "person" if named else ("unnamed" if pending else (rows[0][2] if rows else found[1]))
    conn.execute("UPDATE people SET name = ?, kind = ? WHERE id = ?",
                 (max((r[1] for r in named), key=lambda n: (len(n.split()), n), default=found[0])
                  if named else found[0], kind, person_id))
    pinned = matching.alias_table(conn)
    for article_id, name, row_kind, aliases, roles, published in rows:
        row = matching.make_row(article_id, name, row_kind, aliases, roles)
        fold_in(conn, person_id, row, published, pending=pending, pinned=pinned)


def move_rows(conn: sqlite3.Connection, rows: Iterable[tuple[str, str]], person_id: int) -> None:
    """Relink in-article rows (article id, name) and their quotes to `person_id`, then rebuild both sides."""
    old: set[int] = set()
    for article_id, name in rows:
        found = conn.execute("SELECT person_id FROM article_people WHERE article_id = ? AND name = ?",
                             (article_id, name)).fetchone()
        if found is None:
            continue
        if found[0] is not None and found[0] != person_id:
            old.add(found[0])
            conn.execute("UPDATE quotes SET person_id = ? WHERE article_id = ? AND person_id = ?",
                         (person_id, article_id, found[0]))
        conn.execute("UPDATE article_people SET person_id = ? WHERE article_id = ? AND name = ?",
                     (person_id, article_id, name))
    for person in (*old, person_id):
        rebuild_person(conn, person)


def drop_orphans(conn: sqlite3.Connection) -> None:
    """People whose rows all went (an article deleted and re-ingested) leave the registry."""
    orphans = [r[0] for r in conn.execute(
        "SELECT id FROM people p WHERE NOT EXISTS (SELECT 1 FROM article_people ap WHERE ap.person_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.person_id = p.id)")]
    for person_id in orphans:
        for table in ("person_aliases", "person_roles", "person_role_articles", "person_keys",
                      "person_entity_articles", "person_entities"):
            conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (person_id,))  # noqa: S608
        conn.execute("DELETE FROM people WHERE id = ?", (person_id,))

