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
updated as rows join (`aggregates.py`). Manual merge/split decisions (`decisions.py`) are replayed
after every update, so they survive re-ingest and `rebuild_registry`.

Matching (who a row is) lives in `matching.py`; this module writes the links. The registry's own
tables are created by the store's migrations (store/registry.sql): `person_keys` (the lookup index
of name, surname and title keys), `person_entities` / `person_entity_articles` (each person's
profile of co-occurring entities, from their first matching.PROFILE_ARTICLES articles, so telling
homonyms apart costs index probes rather than a read of every article the person appears in),
`person_decisions` (manual merges and splits), `person_alias_table` (a user's alias table: name,
alias, external id) and `person_registry_articles` (articles linked so far, to notice a re-ingest).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from quotegraph.registry import aggregates, decisions, keys, matching
from quotegraph.registry.matching import Row


def update_registry(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """Link every in-article person of these articles to a registry person; fill `person_id`.

    Runs inside the caller's transaction (no commit here). Idempotent: rows already linked are
    left alone. Articles are taken in published order so roles' first/last dates grow forward.
    """
    _fill_profiles(conn)
    ordered = _published_order(conn, article_ids)
    touched_titles: set[str] = set()
    seen_before = False
    pinned = matching.alias_table(conn)
    for article_id, published in ordered:
        seen_before |= conn.execute("INSERT OR IGNORE INTO person_registry_articles(article_id) VALUES (?)",
                                    (article_id,)).rowcount == 0
        touched_titles |= _link_article(conn, article_id, published, pinned)
    _retry_pending_titles(conn, touched_titles)
    decisions.replay(conn)
    if seen_before:
        # An article stored again after its rows were deleted: people who only lived there go.
        # (A full sweep costs a scan of `people`, so plain new articles skip it.)
        aggregates.drop_orphans(conn)


def rebuild_registry(conn: sqlite3.Connection) -> int:
    """Recompute the whole registry from the stored in-article rows; returns how many people result.

    Manual decisions and the alias table are kept and applied again. Call inside a transaction.
    """
    conn.execute("UPDATE article_people SET person_id = NULL")
    conn.execute("UPDATE quotes SET person_id = NULL")
    for table in ("person_keys", "person_aliases", "person_roles", "person_role_articles", "people",
                  "person_registry_articles", "person_entity_articles", "person_entities"):
        conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    article_ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    update_registry(conn, article_ids)
    return conn.execute("SELECT count(*) FROM people").fetchone()[0]


def _fill_profiles(conn: sqlite3.Connection) -> None:
    """Fill people's entity profiles once for a store linked before profiles existed (its migration
    to the registry tables left the `registry_profiles` mark in `meta`)."""
    if conn.execute("SELECT 1 FROM meta WHERE key = 'registry_profiles' AND value = 'pending'").fetchone() is None:
        return
    for person_id, article_id in conn.execute(
            "SELECT ap.person_id, ap.article_id FROM article_people ap JOIN articles a ON a.id = ap.article_id "
            "WHERE ap.person_id IS NOT NULL ORDER BY a.published, ap.article_id").fetchall():
        aggregates.add_to_profile(conn, person_id, article_id)
    conn.execute("DELETE FROM meta WHERE key = 'registry_profiles'")


# --- linking one article ------------------------------------------------------------------------

def _published_order(conn: sqlite3.Connection, article_ids: Iterable[str]) -> list[tuple[str, str | None]]:
    found = []
    for article_id in dict.fromkeys(article_ids):
        row = conn.execute("SELECT id, published FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row:
            found.append((row[0], row[1]))
    return sorted(found, key=lambda r: (r[1] is None, r[1] or "", r[0]))


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


def _assign(conn: sqlite3.Connection, row: Row, person_id: int | None, published: str | None, *,
            pending: bool = False, pinned: matching.Pinned | None = None,
            entities: set[str] | None = None) -> int:
    """Link `row` to `person_id` (a new registry person when None) and fold it into the aggregates."""
    if person_id is None:
        person_id = aggregates.new_person(conn, row.name, "unnamed" if pending and row.kind == "person" else row.kind)
    conn.execute("UPDATE article_people SET person_id = ? WHERE article_id = ? AND name = ?",
                 (person_id, row.article_id, row.name))
    conn.execute("UPDATE quotes SET person_id = ? WHERE article_id = ? AND person = ?",
                 (person_id, row.article_id, row.name))
    aggregates.fold_in(conn, person_id, row, published, pending=pending, pinned=pinned, entities=entities)
    return person_id


# match_title's answers for rows retried before, by (the title's registry state, name, date, article
# entities): all it depends on (`matching.title_state`), so a row whose title's holders did not change
# since its last retry is not scored again. Cleared when it holds RETRIED_MAX answers.
_RETRIED: dict[tuple, int | None] = {}
RETRIED_MAX = 100_000


def _retry_pending_titles(conn: sqlite3.Connection, title_keys: set[str]) -> None:
    """Titles nobody held when their article came in may have a holder now."""
    for title in title_keys:
        for (placeholder,) in conn.execute(
                "SELECT DISTINCT person_id FROM person_keys WHERE key = ? AND kind = 'pending'", (title,)).fetchall():
            rows = conn.execute(
                "SELECT ap.article_id, ap.name, a.published FROM article_people ap "
                "JOIN articles a ON a.id = ap.article_id WHERE ap.person_id = ?", (placeholder,)).fetchall()
            moved = False
            states: dict[str, tuple] = {}  # per title key of the rows, read again after a row moves
            for article_id, name, published in rows:
                wanted = keys.title_key(name)
                if wanted not in states:
                    states[wanted] = matching.title_state(conn, wanted)
                if not states[wanted]:
                    continue  # nobody holds the title: match_title has no candidate
                row = Row(article_id, name, "person", (), ())
                context = matching.Context(conn, article_id, published)
                known = (states[wanted], name, published, frozenset(context.entities))
                if known in _RETRIED:
                    holder = _RETRIED[known]
                else:
                    holder = matching.match_title(conn, row, context)
                    if len(_RETRIED) >= RETRIED_MAX:
                        _RETRIED.clear()
                    _RETRIED[known] = holder
                if holder is not None:
                    states.clear()
                    conn.execute("UPDATE article_people SET person_id = ? WHERE article_id = ? AND name = ?",
                                 (holder, article_id, name))
                    conn.execute("UPDATE quotes SET person_id = ? WHERE article_id = ? AND person_id = ?",
                                 (holder, article_id, placeholder))
                    aggregates.rebuild_person(conn, holder)
                    moved = True
            if moved:
                # Only a placeholder that lost rows is recounted: rebuilding one whose rows all stayed
                # cost a fold of every row it ever got, each time its title came up again (ingest
                # slowed down as the unresolved title was seen in more articles).
                aggregates.rebuild_person(conn, placeholder)

