"""The cross-article person registry: one `people` row per real person.

The store calls `update_registry(conn, article_ids)` inside its write transaction, after inserting
the articles' `article_people` rows (in-article people, `person_id` NULL), quotes and mentions.
Each in-article person is linked to a registry person, in this order within an article:

1. full names ("Jens Stoltenberg") join the person with that name key (or first+last key); when
   several people share it (a split homonym), the one whose roles and co-occurring entities fit best;
2. surname-only rows ("Stoltenberg", even when NER called it an organisation) join the person of
   the same article with that surname;
3. title-only rows ("Secretary General", "NATO's Secretary General") join the person of the same
   article holding that role;
4. remaining titles ("the Prime Minister") join whoever held the office around the article's date,
   across articles, when exactly one did; otherwise they stay a title source and are retried when a
   later article brings a holder of that office;
5. remaining surnames join the one registry person with that surname whose context does not
   conflict, or become a person of their own (two people called Smith are never forced together);
6. unnamed and collective sources ("officials", "a spokesperson for the ministry") and organisations
   are kept as such, one registry row per distinct source.

Aggregates (`person_aliases`, `person_roles` with first/last date seen and supporting articles) are
updated as rows join. Manual merge/split decisions (`quotegraph.people.decisions`) are replayed
after every update, so they survive re-ingest and `rebuild_registry`.

Matching (who a row is) lives in `quotegraph.people.matching`; this module writes the links and
aggregates. Tables this module adds (created by `ensure_tables`): `person_keys` (the lookup index of name,
surname and title keys), `person_entities` / `person_entity_articles` (each person's profile of
co-occurring entities, from their first matching.PROFILE_ARTICLES articles, so telling homonyms
apart costs index probes rather than a read of every article the person appears in),
`person_decisions` (manual merges and splits), `person_alias_table`
(a user's alias table: name, alias, external id) and `person_registry_articles` (articles linked
so far, to notice a re-ingest).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from quotegraph.dates import statement_date
from quotegraph.people import keys, matching
from quotegraph.people.matching import Row

SCHEMA = """
CREATE TABLE IF NOT EXISTS person_keys (
    key       TEXT NOT NULL,     -- folded name ("jens stoltenberg"), surname or title ("nato secretary general")
    kind      TEXT NOT NULL,     -- full | surname | title | source | pending
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (key, kind, person_id)
);
CREATE INDEX IF NOT EXISTS person_keys_person ON person_keys(person_id);
CREATE TABLE IF NOT EXISTS person_decisions (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL,    -- merge | split
    name       TEXT NOT NULL,    -- the name the resulting person gets
    rows       TEXT NOT NULL,    -- JSON [[article_id, in-article name], ...], for a merge the kept anchor first
    others     TEXT NOT NULL DEFAULT '[]',  -- split: rows that must not share a person with `rows`
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS person_registry_articles (
    article_id TEXT PRIMARY KEY  -- articles the registry has linked: seeing one again means re-ingest
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_entity_articles (
    person_id  INTEGER NOT NULL,  -- the articles (at most matching.PROFILE_ARTICLES, the first linked)
    article_id TEXT NOT NULL,     -- whose entities are in the person's profile
    PRIMARY KEY (person_id, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_entities (
    person_id INTEGER NOT NULL,   -- profile: folded entities co-occurring with the person
    entity    TEXT NOT NULL,      -- ("nato", "brussels"), read by matching.fit to tell homonyms apart
    PRIMARY KEY (person_id, entity)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_alias_table (
    alias_key   TEXT PRIMARY KEY,  -- folded alias (or name)
    name        TEXT NOT NULL,     -- the canonical name to use
    external_id TEXT               -- e.g. a Wikidata id
);
"""

# Aliases not worth keeping: pronouns say nothing about who someone is.
PRONOUNS = frozenset("he she they him her his hers it its we us i me you them their our".split())
def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the registry's own tables if missing (safe to call on every update).

    A store linked before people had entity profiles gets them filled from its linked rows once.
    """
    had_profiles = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'person_entities'").fetchone()
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    if not had_profiles:
        for person_id, article_id in conn.execute(
                "SELECT ap.person_id, ap.article_id FROM article_people ap JOIN articles a ON a.id = ap.article_id "
                "WHERE ap.person_id IS NOT NULL ORDER BY a.published, ap.article_id").fetchall():
            _add_to_profile(conn, person_id, article_id)


def _add_to_profile(conn: sqlite3.Connection, person_id: int, article_id: str,
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


def update_registry(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """Link every in-article person of these articles to a registry person; fill `person_id`.

    Runs inside the caller's transaction (no commit here). Idempotent: rows already linked are
    left alone. Articles are taken in published order so roles' first/last dates grow forward.
    """
    ensure_tables(conn)
    ordered = _published_order(conn, article_ids)
    touched_titles: set[str] = set()
    seen_before = False
    pinned = matching.alias_table(conn)
    for article_id, published in ordered:
        seen_before |= conn.execute("INSERT OR IGNORE INTO person_registry_articles(article_id) VALUES (?)",
                                    (article_id,)).rowcount == 0
        _fill_said_on(conn, article_id, published)
        touched_titles |= _link_article(conn, article_id, published, pinned)
    _retry_pending_titles(conn, touched_titles)
    from quotegraph.people import decisions

    decisions.replay(conn)
    if seen_before:
        # An article stored again after its rows were deleted: people who only lived there go.
        # (A full sweep costs a scan of `people`, so plain new articles skip it.)
        _drop_orphans(conn)


def rebuild_registry(conn: sqlite3.Connection) -> int:
    """Recompute the whole registry from the stored in-article rows; returns how many people result.

    Manual decisions and the alias table are kept and applied again. Call inside a transaction.
    """
    ensure_tables(conn)
    conn.execute("UPDATE article_people SET person_id = NULL")
    conn.execute("UPDATE quotes SET person_id = NULL")
    for table in ("person_keys", "person_aliases", "person_roles", "people", "person_registry_articles",
                  "person_entity_articles", "person_entities"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    article_ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    update_registry(conn, article_ids)
    return conn.execute("SELECT count(*) FROM people").fetchone()[0]


# --- linking one article ------------------------------------------------------------------------

def _published_order(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[tuple[str, str | None]]:
    found = []
    for article_id in dict.fromkeys(article_ids):
        row = conn.execute("SELECT id, published FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row:
            found.append((row[0], row[1]))
    return sorted(found, key=lambda r: (r[1] is None, r[1] or "", r[0]))


def _fill_said_on(conn: sqlite3.Connection, article_id: str, published: str | None) -> None:
    """Date quotes the extraction left undated, from their sentence and the published date."""
    if not published:
        return
    undated = conn.execute(
        "SELECT q.id, substr(a.text, q.context_start + 1, q.context_end - q.context_start) FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.article_id = ? AND q.said_on IS NULL",
        (article_id,)).fetchall()
    for quote_id, context in undated:
        said_on, precision = statement_date(context or "", published)
        conn.execute("UPDATE quotes SET said_on = ?, said_on_precision = ? WHERE id = ?",
                     (said_on, precision, quote_id))


def _article_rows(conn: sqlite3.Connection, article_id: str) -> list[Row]:
    return [matching.make_row(article_id, name, kind, aliases, roles) for name, kind, aliases, roles in conn.execute(
        "SELECT name, kind, aliases, roles FROM article_people WHERE article_id = ? AND person_id IS NULL",
        (article_id,))]


def _link_article(conn: sqlite3.Connection, article_id: str, published: str | None,
                  pinned: matching.Pinned) -> set[str]:
    """Link the article's unlinked rows; returns the title keys of the roles it added."""
    rows = _article_rows(conn, article_id)
    if not rows:
        return set()
    context = matching.Context(conn, article_id, published)
    named = [r for r in rows if r.kind == "person" and len(keys.name_key(r.name).split()) > 1
             and not keys.is_title(r.name)]
    titles = [r for r in rows if keys.is_title(r.name) and r not in named]
    single = [r for r in rows if r not in named and r not in titles
              and len(keys.name_key(r.name).split()) == 1 and r.kind in ("person", "organisation")]
    others = [r for r in rows if r not in named and r not in titles and r not in single]

    local: dict[str, int] = {}  # in-article name -> person, for rows of this article already linked
    for row in named:
        local[row.name] = _assign(conn, row, matching.match_full(conn, row, context, pinned), published,
                                  pinned=pinned, entities=context.entities)
    by_surname = matching.surname_index(conn, named, local, pinned)
    for row in single:
        # NER sometimes calls a bare surname an organisation; a person of this article wins.
        person_id = by_surname.get(keys.name_key(row.name))
        if person_id is None and keys.name_key(row.name) in pinned:
            # The user's alias table says who this bare name is.
            person_id = matching.match_full(conn, row, context, pinned)
        if person_id is None and row.kind == "person":
            person_id = matching.match_surname(conn, row, context, pinned)
        if person_id is None and row.kind == "organisation":
            person_id = matching.find_source(conn, row)
        local[row.name] = _assign(conn, row, person_id, published, pinned=pinned, entities=context.entities)
    for row in titles:
        person_id = matching.local_title(conn, row, named, local) or matching.match_title(conn, row, context)
        pending = person_id is None
        if pending:
            person_id = matching.pending_placeholder(conn, row)
        local[row.name] = _assign(conn, row, person_id, published, pending=pending, pinned=pinned,
                                  entities=context.entities)
    for row in others:
        local[row.name] = _assign(conn, row, matching.find_source(conn, row), published, pinned=pinned,
                                  entities=context.entities)
    _link_title_quotes(conn, article_id, context)
    return {k for row in rows for title, org in row.roles for k in keys.role_keys(title, org)}


def _link_title_quotes(conn: sqlite3.Connection, article_id: str, context: matching.Context) -> None:
    """Quotes attributed to a bare title with no in-article person ("the Prime Minister said")."""
    for quote_id, speaker in conn.execute(
            "SELECT id, speaker FROM quotes WHERE article_id = ? AND person IS NULL AND person_id IS NULL "
            "AND speaker IS NOT NULL", (article_id,)).fetchall():
        if keys.is_title(speaker):
            row = Row(article_id, speaker, "person", (), ())
            person_id = matching.match_title(conn, row, context)
            if person_id is not None:
                conn.execute("UPDATE quotes SET person_id = ? WHERE id = ?", (person_id, quote_id))


# --- writing a link and its aggregates ----------------------------------------------------------

def new_person(conn: sqlite3.Connection, name: str, kind: str) -> int:
    """Insert a registry person; returns their id."""
    person_id = conn.execute("INSERT INTO people(name, kind) VALUES (?, ?)", (name, kind)).lastrowid
    assert person_id is not None  # an INSERT always sets it
    return person_id


def _assign(conn: sqlite3.Connection, row: Row, person_id: int | None, published: str | None, *,
            pending: bool = False, pinned: matching.Pinned | None = None,
            entities: set[str] | None = None) -> int:
    """Link `row` to `person_id` (a new registry person when None) and fold it into the aggregates."""
    if person_id is None:
        person_id = new_person(conn, row.name, "unnamed" if pending and row.kind == "person" else row.kind)
    conn.execute("UPDATE article_people SET person_id = ? WHERE article_id = ? AND name = ?",
                 (person_id, row.article_id, row.name))
    conn.execute("UPDATE quotes SET person_id = ? WHERE article_id = ? AND person = ?",
                 (person_id, row.article_id, row.name))
    _fold_in(conn, person_id, row, published, pending=pending, pinned=pinned, entities=entities)
    return person_id


def _row_dates(conn: sqlite3.Connection, row: Row, published: str | None) -> tuple[str | None, str | None]:
    """First and last date the row's person is seen in its article: publication and statement dates."""
    dates = [d for (d,) in conn.execute(
        "SELECT said_on FROM quotes WHERE article_id = ? AND person = ? AND said_on IS NOT NULL",
        (row.article_id, row.name))]
    if published:
        dates.append(published[:10])
    return (min(dates), max(dates)) if dates else (None, None)


def _fold_in(conn: sqlite3.Connection, person_id: int, row: Row, published: str | None, *,
             pending: bool = False, pinned: matching.Pinned | None = None,
             entities: set[str] | None = None) -> None:
    kind, name, external_id = conn.execute(
        "SELECT kind, name, external_id FROM people WHERE id = ?", (person_id,)).fetchone()
    pinned = matching.alias_table(conn) if pinned is None else pinned
    for alias in dict.fromkeys((row.name, *row.aliases)):
        if alias.strip().lower() in PRONOUNS or len(alias.strip()) < 2:
            continue
        conn.execute("INSERT INTO person_aliases(person_id, alias, count) VALUES (?, ?, 1) "
                     "ON CONFLICT(person_id, alias) DO UPDATE SET count = count + 1", (person_id, alias))
    _add_to_profile(conn, person_id, row.article_id, entities)
    first, last = _row_dates(conn, row, published)
    existing = {(keys.title_key(t), keys.fold(o)): (t, o) for t, o in conn.execute(
        "SELECT title, organisation FROM person_roles WHERE person_id = ?", (person_id,))}
    for title, org in dict.fromkeys(row.roles):
        stored = _same_role(conn, person_id, existing, title, org)
        if stored is None:
            conn.execute("INSERT INTO person_roles(person_id, title, organisation, first_seen, last_seen, articles) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (person_id, title, org, first, last, json.dumps([row.article_id])))
            existing[(keys.title_key(title), keys.fold(org))] = (title, org)
            continue
        seen_first, seen_last, articles = conn.execute(
            "SELECT first_seen, last_seen, articles FROM person_roles WHERE person_id = ? AND title = ? "
            "AND organisation = ?", (person_id, *stored)).fetchone()
        article_list = matching.json_list(articles)
        if row.article_id not in article_list:
            article_list.append(row.article_id)
        conn.execute("UPDATE person_roles SET first_seen = ?, last_seen = ?, articles = ? "
                     "WHERE person_id = ? AND title = ? AND organisation = ?",
                     (_min(seen_first, first), _max(seen_last, last), json.dumps(article_list), person_id, *stored))
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


def _row_keys(row: Row, kind: str, pending: bool, pinned: dict) -> Iterable[tuple[str, str]]:
    if pending:
        yield keys.title_key(row.name), "pending"
        return
    if row.kind in ("organisation", "unnamed") and kind != "person":
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
        surname = keys.surname(key)
        if surname:
            yield surname, "surname"


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
            del existing[(title_key, "")]
            existing[(title_key, org_key)] = (bare[0], org)
            return bare[0], org
        return None
    return existing[same_title[0]] if len(same_title) == 1 else None


def _min(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


# --- pending titles, orphans, and whole-person rebuilds (used by decisions) ---------------------

def _retry_pending_titles(conn: sqlite3.Connection, title_keys: set[str]) -> None:
    """Titles nobody held when their article came in may have a holder now."""
    for title in title_keys:
        for (placeholder,) in conn.execute(
                "SELECT DISTINCT person_id FROM person_keys WHERE key = ? AND kind = 'pending'", (title,)).fetchall():
            rows = conn.execute(
                "SELECT ap.article_id, ap.name, a.published FROM article_people ap "
                "JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ?", (placeholder,)).fetchall()
            for article_id, name, published in rows:
                row = Row(article_id, name, "person", (), ())
                holder = matching.match_title(conn, row, matching.Context(conn, article_id, published))
                if holder is not None:
                    conn.execute("UPDATE article_people SET person_id = ? WHERE article_id = ? AND name = ?",
                                 (holder, article_id, name))
                    conn.execute("UPDATE quotes SET person_id = ? WHERE article_id = ? AND person_id = ?",
                                 (holder, article_id, placeholder))
                    rebuild_person(conn, holder)
            rebuild_person(conn, placeholder)


def rebuild_person(conn: sqlite3.Connection, person_id: int) -> None:
    """Recompute one person's aliases, roles, keys and name from their linked rows (or drop them)."""
    found = conn.execute("SELECT name, kind FROM people WHERE id = ?", (person_id,)).fetchone()
    if found is None:
        return
    for table in ("person_aliases", "person_roles", "person_keys", "person_entity_articles", "person_entities"):
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
        _fold_in(conn, person_id, row, published, pending=pending, pinned=pinned)


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


def _drop_orphans(conn: sqlite3.Connection) -> None:
    """People whose rows all went (an article deleted and re-ingested) leave the registry."""
    orphans = [r[0] for r in conn.execute(
        "SELECT id FROM people p WHERE NOT EXISTS (SELECT 1 FROM article_people ap WHERE ap.person_id = p.id) "
        "AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.person_id = p.id)")]
    for person_id in orphans:
        for table in ("person_aliases", "person_roles", "person_keys", "person_entity_articles", "person_entities"):
            conn.execute(f"DELETE FROM {table} WHERE person_id = ?", (person_id,))  # noqa: S608
        conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
