"""Who an in-article person is in the registry: candidates by key, fit by context, titles by date.

The registry (`quotegraph.registry.linking`) asks these functions which registry person a row of
`article_people` is; they only read the store. A row's context is what its article says around it:
the organisations, places and people it mentions, and its date.
"""
from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from quotegraph.registry import keys
from quotegraph.settings import PROFILE_ARTICLES, TITLE_WINDOW_DAYS

Pinned = dict[str, tuple[str, str | None]]  # the user's alias table: folded alias -> (name, external id)
__all__ = ["PROFILE_ARTICLES", "TITLE_WINDOW_DAYS"]  # re-exported: the registry's reach, set in settings
# Named-entity labels that make up an article's context and a person's profile.
ENTITY_LABELS = ("ORG", "GPE", "NORP", "PERSON", "LOC", "FAC")


@dataclass(frozen=True)
class Row:
    """One in-article person (a row of `article_people`) as the registry works with it."""

    article_id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]  # (title, organisation or "")
    joiners: tuple[tuple[tuple[str, str], str], ...] = ()  # ((title, organisation), "at the") as written


def make_row(article_id: str, name: str, kind: str, aliases: str | None, roles: str | None) -> Row:
    """An `article_people` row as the registry reads it: JSON decoded, titles cleaned, and an unnamed
    source's organisation read off its description ("a spokesperson for the health ministry")."""
    role_pairs = tuple(dict.fromkeys((keys.clean_title(str(r["title"])), str(r.get("organisation") or ""))
                                     for r in json_list(roles) if isinstance(r, dict) and r.get("title")))
    joiners = tuple(((keys.clean_title(str(r["title"])), str(r.get("organisation") or "")), str(r["joiner"]))
                    for r in json_list(roles) if isinstance(r, dict) and r.get("title") and r.get("joiner"))
    if kind == "unnamed" and not role_pairs:
        described = keys.source_role(name)
        role_pairs = (described,) if described else ()
    return Row(article_id, name, kind, tuple(a for a in json_list(aliases) if isinstance(a, str)), role_pairs,
               joiners)


def json_list(text: str | None) -> list:
    """A stored JSON list, or [] when the column holds anything else."""
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def pinned_key(name: str, pinned: Pinned) -> str:
    """A row's name key, mapped through the user's alias table when it lists the name."""
    key = keys.name_key(name)
    return keys.name_key(pinned[key][0]) if key in pinned else key


def alias_table(conn: sqlite3.Connection) -> Pinned:
    """The user's alias table (`quotegraph people aliases`), small enough to hold in memory."""
    return {k: (n, e) for k, n, e in conn.execute("SELECT alias_key, name, external_id FROM person_alias_table")}


@functools.lru_cache(maxsize=1 << 16)
def entity_key(canonical: str) -> str:
    """An entity's comparable form (folded); cached, as the same entities recur in article after article."""
    return keys.fold(canonical)


def article_entities(conn: sqlite3.Connection, article_id: str) -> set[str]:
    """The folded organisations, places and people an article mentions."""
    return {entity_key(c) for (c,) in conn.execute(
        f"SELECT DISTINCT canonical FROM mentions WHERE article_id = ? AND label IN "  # noqa: S608
        f"({','.join('?' * len(ENTITY_LABELS))})", (article_id, *ENTITY_LABELS))}


class Context:
    """What an article says around a person: its entities and date, for telling homonyms apart."""

    def __init__(self, conn: sqlite3.Connection, article_id: str, published: str | None) -> None:
        self.published = published
        self.entities = article_entities(conn, article_id)
        self._entities_json = json.dumps(sorted(self.entities))

    def shared_with(self, conn: sqlite3.Connection, person_id: int) -> list[str]:
        """The article's entities that the person's profile (`person_entities`) holds too: index probes,
        as many as the article has entities, however many articles the person appears in."""
        return [e for (e,) in conn.execute(
            "SELECT entity FROM person_entities WHERE person_id = ? AND entity IN (SELECT value FROM json_each(?))",
            (person_id, self._entities_json))]


def people_with_key(conn: sqlite3.Connection, key: str, kinds: Sequence[str]) -> list[int]:
    """Registry persons (kind person) holding `key` as one of `kinds` (full, surname, title)."""
    marks = ",".join("?" * len(kinds))
    return [r[0] for r in conn.execute(
        f"SELECT DISTINCT k.person_id FROM person_keys k JOIN people p ON p.id = k.person_id "  # noqa: S608
        f"WHERE k.key = ? AND k.kind IN ({marks}) AND p.kind = 'person' ORDER BY k.person_id",
        (key, *kinds))]


def fit(conn: sqlite3.Connection, person_id: int, row: Row, context: Context) -> float:
    """How well a registry person fits a row: shared roles and organisations, co-occurring entities.

    Negative when both have roles and none is shared (a footballer is not the minister)."""
    person_roles = conn.execute("SELECT title, organisation FROM person_roles WHERE person_id = ?",
                                (person_id,)).fetchall()
    shared_entities = set(_outside_own_name(row, context.shared_with(conn, person_id)))
    return _score(person_roles, len(shared_entities), row, context)


@functools.lru_cache(maxsize=1 << 16)
def role_key(title: str, organisation: str | None) -> tuple[str, str]:
    """A role's comparable (title, organisation) (cached: a common surname's thousands of candidates
    hold the same few roles, and folding them again for every row was most of a large store's write)."""
    return keys.title_key(title), entity_key(organisation) if organisation else ""


def _score(person_roles: Sequence[tuple[str, str | None]], shared_entities: int, row: Row, context: Context) -> float:
    """`fit` from what it reads of one person: their roles and how many of the article's entities
    (those not part of the row's own name) their profile holds."""
    folded = [role_key(t, o) for t, o in person_roles]
    titles = {t for t, _ in folded}
    orgs = {o for (_, o), (_, raw) in zip(folded, person_roles) if raw}
    score = 0.0
    if row.roles and titles:
        shared = titles & {role_key(t, o)[0] for t, o in row.roles}
        score += 2.0 * len(shared) if shared else -1.0
    row_orgs = {role_key(t, o)[1] for t, o in row.roles if o}
    score += 2.0 * len(orgs & (row_orgs | context.entities))
    return score + min(ENTITY_CAP, ENTITY_WEIGHT * shared_entities)


def fits(conn: sqlite3.Connection, candidates: Sequence[int], row: Row, context: Context) -> dict[int, float]:
    """`fit` of each candidate, read in two queries per chunk of `_FIT_CHUNK` people instead of two per
    person: the same scores (tests/test_registry_matching.py), for a surname thousands share."""
    ids = sorted(set(candidates))
    roles = _roles_of(conn, ids)
    shared = _shared_counts(conn, ids, _outside_name(row, context))
    return {c: _score(roles.get(c, ()), shared.get(c, 0), row, context) for c in ids}


def _roles_of(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, list[tuple[str, str | None]]]:
    """The (title, organisation) roles of each of `ids` that has any."""
    roles: dict[int, list[tuple[str, str | None]]] = {}
    for at in range(0, len(ids), _FIT_CHUNK):
        for person_id, title, organisation in conn.execute(
                "SELECT person_id, title, organisation FROM person_roles "
                "WHERE person_id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids[at:at + _FIT_CHUNK])),)):
            roles.setdefault(person_id, []).append((title, organisation))
    return roles


def _outside_name(row: Row, context: Context) -> str:
    """The article's entities that are not part of the row's own name, as a JSON list for `_shared_counts`."""
    return json.dumps(sorted(_outside_own_name(row, context.entities)))


def _outside_own_name(row: Row, entities: Iterable[str]) -> list[str]:
    """The entities of `entities` that are not part of the row's own name (its own words share nothing)."""
    own = set(keys.name_key(row.name).split())
    return [e for e in entities if not set(e.split()) <= own]


def _shared_counts(conn: sqlite3.Connection, ids: Sequence[int], entities: str) -> dict[int, int]:
    """How many of `entities` (a JSON list) each of `ids` has in their profile (absent: none)."""
    shared: dict[int, int] = {}
    for at in range(0, len(ids), _FIT_CHUNK):
        shared.update(conn.execute(
            "SELECT person_id, COUNT(*) FROM person_entities WHERE person_id IN (SELECT value FROM json_each(?)) "
            "AND entity IN (SELECT value FROM json_each(?)) GROUP BY person_id",
            (json.dumps(list(ids[at:at + _FIT_CHUNK])), entities)))
    return shared


# What each article entity shared with a person's profile adds to their fit, and the most all of them add.
ENTITY_WEIGHT, ENTITY_CAP = 0.5, 3.0
# Candidates above this many are scored by `_top_two` (same result, bounded cost), not one by one.
MANY_CANDIDATES = 8
# Candidates whose shared entities are counted in one query by `_top_two`.
_CHUNK = 64
# Candidates whose roles and shared entities `fits` reads in one query each.
_FIT_CHUNK = 256


def best_fit(conn: sqlite3.Connection, candidates: list[int], row: Row, context: Context) -> tuple[int, float, float]:
    """(best person, its score, runner-up score); ties go to the smallest id."""
    if len(candidates) > MANY_CANDIDATES:
        scored = _top_two(conn, candidates, row, context)
    else:
        scored = sorted(((fit(conn, c, row, context), -c) for c in candidates), reverse=True)
    runner_up = scored[1][0] if len(scored) > 1 else float("-inf")
    return -scored[0][1], scored[0][0], runner_up


def _top_two(conn: sqlite3.Connection, candidates: list[int], row: Row,
             context: Context) -> list[tuple[float, int]]:
    """The first two of `sorted((fit(c), -c) for c in candidates, reverse=True)`, without a `fit`
    of every candidate (a common surname has thousands of them).

    People with roles: their fit without the entities' part first (their roles and organisations);
    the entities' part, at most ENTITY_CAP, is then counted best first, chunk by chunk, until no one
    left could rank above the second best. For the others fit is the entities' part alone: they are
    counted chunk by chunk in id order, and once two of them reach the cap no later (larger) id can
    rank above those two.
    """
    ids = sorted(candidates)
    roles = _roles_of(conn, ids)
    entities = _outside_name(row, context)
    base = {c: _score(held, 0, row, context) for c, held in roles.items()}
    order = sorted(base, key=lambda c: (-base[c], c))
    scored: list[tuple[float, int]] = []
    for at in range(0, len(order), _CHUNK):
        chunk = order[at:at + _CHUNK]
        if len(scored) >= 2 and (base[chunk[0]] + ENTITY_CAP, -chunk[0]) < sorted(scored, reverse=True)[1]:
            break  # the best of those left, at most this, and every later one less
        shared = _shared_counts(conn, chunk, entities)
        scored += [(_score(roles[c], shared.get(c, 0), row, context), -c) for c in chunk]
    plain = [c for c in ids if c not in roles]
    capped = 0
    for at in range(0, len(plain), _CHUNK):
        chunk = plain[at:at + _CHUNK]
        shared = dict(conn.execute(
            "SELECT person_id, COUNT(*) FROM person_entities WHERE person_id IN (SELECT value FROM json_each(?)) "
            "AND entity IN (SELECT value FROM json_each(?)) GROUP BY person_id", (json.dumps(chunk), entities)))
        for c in chunk:
            score = min(ENTITY_CAP, ENTITY_WEIGHT * shared.get(c, 0))
            scored.append((score, -c))
            capped += score >= ENTITY_CAP
        if capped >= 2:
            break
    return sorted(scored, reverse=True)[:2]


def _same_initials(conn: sqlite3.Connection, candidates: list[int], key: str) -> list[int]:
    """The candidates whose full names do not give the name's middle initials otherwise ("George H.W.
    Bush" is not "George W. Bush", though both are "george bush")."""
    if len(key.split()) < 3:
        return candidates
    return [c for c in candidates if not any(
        keys.other_initials(key, k) for (k,) in conn.execute(
            "SELECT key FROM person_keys WHERE person_id = ? AND kind = 'full'", (c,)))]


def match_full(conn: sqlite3.Connection, row: Row, context: Context, pinned: Pinned) -> int | None:
    """The registry person a full name is, or None for someone new."""
    key = pinned_key(row.name, pinned)
    candidates = people_with_key(conn, key, ("full",))
    if not candidates:
        candidates = _same_initials(conn, people_with_key(conn, keys.first_last(key), ("full",))
                                    or people_with_key(conn, keys.variant_key(key), ("full",)), key)
    if not candidates:
        # A person first seen by surname alone ("Stoltenberg") gets the full name when it comes,
        # but only when there is no doubt about who that surname was.
        lone = [c for c in _same_initials(conn, people_with_key(conn, keys.surname(key) or key, ("full",)), key)
                if not conn.execute("SELECT 1 FROM person_keys WHERE person_id = ? AND kind = 'surname'",
                                    (c,)).fetchone()]
        if len(lone) == 1 and fit(conn, lone[0], row, context) >= 0:
            return lone[0]
        return None
    if len(candidates) == 1:
        return candidates[0]
    return best_fit(conn, candidates, row, context)[0]


def match_surname(conn: sqlite3.Connection, row: Row, context: Context, pinned: Pinned) -> int | None:
    """The registry person a bare surname is, when only one fits; None keeps it a person of its own."""
    key = pinned_key(row.name, pinned)
    candidates = people_with_key(conn, key, ("surname", "full"))
    if not candidates and keys.is_first_name(key):
        # A first name alone ("Hillary said") is the one person of that first name the context fits.
        candidates = people_with_key(conn, keys.first_name_key(key), ("first",))
        if not candidates:
            return None
        best, score, runner_up = best_fit(conn, candidates, row, context)
        return best if score > 0 and score > runner_up else None
    if not candidates:
        return None
    best, score, runner_up = best_fit(conn, candidates, row, context)
    if len(candidates) == 1:
        return best if score >= 0 else None
    return best if score > 0 and score > runner_up else None


def surname_index(conn: sqlite3.Connection, named: list[Row], local: dict[str, int],
                  pinned: Pinned) -> dict[str, int]:
    """Surname -> person for the named people of one article; surnames two of them share are left out."""
    index: dict[str, set[int]] = {}
    for row in named:
        surname = keys.surname(pinned_key(row.name, pinned))
        if surname:
            index.setdefault(surname, set()).add(local[row.name])
    return {s: next(iter(ids)) for s, ids in index.items() if len(ids) == 1}


def local_title(conn: sqlite3.Connection, row: Row, named: list[Row], local: dict[str, int]) -> int | None:
    """The one person of this article whose role the title names ("the Secretary General")."""
    wanted = keys.title_key(row.name)
    holders = {local[r.name] for r in named
               if any(wanted in keys.role_keys(t, o) for t, o in r.roles)}
    return next(iter(holders)) if len(holders) == 1 else None


def match_title(conn: sqlite3.Connection, row: Row, context: Context) -> int | None:
    """The one registry person who held the office a title names, around the article's date."""
    wanted = keys.title_key(row.name)
    candidates = people_with_key(conn, wanted, ("title",))
    if not candidates:
        return None
    fits: list[tuple[float, int]] = []
    for person_id in candidates:
        distance = tenure_distance(conn, person_id, wanted, context.published)
        if distance is None or distance > TITLE_WINDOW_DAYS:
            continue
        fits.append((distance - 30 * fit(conn, person_id, row, context), person_id))
    if not fits:
        return None
    fits.sort()
    if len(fits) > 1 and fits[0][0] == fits[1][0]:
        return None
    return fits[0][1]


def title_state(conn: sqlite3.Connection, wanted: str) -> tuple:
    """All that `match_title` reads of the registry for the title key `wanted` (its candidates, their
    roles with dates, their entity profiles): for rows without roles, equal states, names and
    contexts give equal answers, so an answer can be kept until the state changes."""
    state = []
    for person_id in people_with_key(conn, wanted, ("title",)):
        roles = tuple(conn.execute("SELECT title, organisation, first_seen, last_seen FROM person_roles "
                                   "WHERE person_id = ? ORDER BY title, organisation", (person_id,)))
        profile = tuple(e for (e,) in conn.execute(
            "SELECT entity FROM person_entities WHERE person_id = ? ORDER BY entity", (person_id,)))
        state.append((person_id, roles, profile))
    return tuple(state)


def tenure_distance(conn: sqlite3.Connection, person_id: int, title: str, on: str | None) -> float | None:
    """Days between `on` and the span in which the person was seen with that title (0 inside it)."""
    spans = [(first, last) for t, o, first, last in conn.execute(
        "SELECT title, organisation, first_seen, last_seen FROM person_roles WHERE person_id = ?", (person_id,))
        if title in keys.role_keys(t, o)]
    if not spans:
        return None
    if not on:
        return 0.0
    day = date.fromisoformat(on[:10])
    best = None
    for first, last in spans:
        if not first or not last:
            continue
        lo, hi = _as_date(first, start=True), _as_date(last, start=False)
        distance = 0.0 if lo <= day <= hi else float(min(abs((day - lo).days), abs((day - hi).days)))
        best = distance if best is None else min(best, distance)
    return best


def _as_date(value: str, *, start: bool):
    if len(value) >= 10:
        return date.fromisoformat(value[:10])
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return date(year, month, 1) if start else date(year + (month == 12), month % 12 + 1, 1)
    return date(int(value[:4]), 1, 1) if start else date(int(value[:4]), 12, 31)


def pending_placeholder(conn: sqlite3.Connection, row: Row) -> int | None:
    """The registry row standing for an office nobody is known to hold yet ("the Prime Minister")."""
    found = conn.execute("SELECT person_id FROM person_keys WHERE key = ? AND kind = 'pending' "
                         "ORDER BY person_id LIMIT 1", (keys.title_key(row.name),)).fetchone()
    return found[0] if found else None


def find_source(conn: sqlite3.Connection, row: Row) -> int | None:
    """The registry row of an organisation or unnamed source with this name."""
    found = conn.execute(
        "SELECT k.person_id FROM person_keys k JOIN people p ON p.id = k.person_id "
        "WHERE k.key = ? AND k.kind = 'source' AND p.kind = ? ORDER BY k.person_id LIMIT 1",
        (source_key(row), row.kind)).fetchone()
    return found[0] if found else None


def source_key(row: Row) -> str:
    org = next((o for _, o in row.roles if o), "")
    return keys.fold(f"{row.name} | {org}") if org else keys.fold(row.name)
