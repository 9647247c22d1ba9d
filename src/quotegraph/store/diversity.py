"""Whose voices are heard: sources by kind and by gender, for any search, grouped by outlet, month
or year; and each person's gender with the evidence for it.

A source is who is quoted (a registry person, else the in-article name), counted once per group
however often quoted. Gender comes from the text alone (people/gender.py): pronouns resolved to the
person as speaker, honorifics in the names they are called by, gendered role nouns, or a gender the
user set (`gender_overrides`); "unknown" otherwise. Copies of a story are left out, as in listings.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotegraph import lexicon
from quotegraph.errors import BadInput, BadQuery
from quotegraph.people.gender import GENDERS, Gender, decide, honorific_gender, pronoun_gender, role_gender
from quotegraph.store.facets import facts_where
from quotegraph.store.queries import QuoteFilter, _run

GROUPS = {"outlet": "COALESCE(f.outlet, '')", "month": "COALESCE(substr(f.said_on, 1, 7), '')",
          "year": "COALESCE(substr(f.said_on, 1, 4), '')", "kind": "f.kind"}
# Source kinds counted apart; the rest (document, unknown) are "other".
KINDS = ("person", "organisation", "unnamed", "group")
MAX_OVERRIDES = 100_000


def evidence(conn: sqlite3.Connection, person_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """{person_id: {"female": n, "male": n}}: the gender evidence of each person (all, or `person_ids`)."""
    found: dict[int, dict[str, int]] = defaultdict(lambda: {"female": 0, "male": 0})
    only = " AND person_id IN (SELECT value FROM json_each(?))" if person_ids is not None else ""
    args: tuple[Any, ...] = (json.dumps(person_ids),) if person_ids is not None else ()
    for pid, word, n in conn.execute(
            "SELECT person_id, pronoun, COUNT(*) FROM quote_facts WHERE pronoun IS NOT NULL "  # noqa: S608
            "AND person_id IS NOT NULL AND copy = 0" + only + " GROUP BY person_id, pronoun", args):
        said = pronoun_gender(word)
        if said:
            found[pid][said] += n
    honorifics = sorted(h for h, g in lexicon.HONORIFIC_GENDER.items() if g in ("male", "female"))
    likes = " OR ".join("lower(alias) LIKE ?" for _ in honorifics for _ in (0, 1))
    for pid, alias, n in conn.execute(
            f"SELECT person_id, alias, count FROM person_aliases WHERE ({likes})" + only,  # noqa: S608 - placeholders
            [p for h in honorifics for p in (f"{h} %", f"{h}. %")] + list(args)):
        said = honorific_gender(alias)
        if said:
            found[pid][said] += max(int(n or 1), 1)
    for pid, title, supporting in conn.execute(
            "SELECT person_id, title, CASE WHEN json_valid(articles) THEN json_array_length(articles) ELSE 1 END "
            "FROM person_roles WHERE 1" + only, args):
        said = role_gender(title)
        if said:
            found[pid][said] += max(int(supporting or 1), 1)
    return dict(found)


def overrides(conn: sqlite3.Connection) -> dict[int, str]:
    """{person_id: gender} set by the user, matched by the person's name or an alias (any case)."""
    return dict(conn.execute(
        "SELECT p.id, o.gender FROM gender_overrides o JOIN people p ON p.name = o.name COLLATE NOCASE "
        "UNION SELECT a.person_id, o.gender FROM gender_overrides o "
        "JOIN person_aliases a ON a.alias = o.name COLLATE NOCASE"))


def genders(conn: sqlite3.Connection, person_ids: list[int] | None = None) -> dict[int, Gender]:
    """{person_id: Gender} for every person with evidence or a gender set by the user (or for `person_ids`)."""
    found = evidence(conn, person_ids)
    user = overrides(conn)
    wanted = set(person_ids) if person_ids is not None else set(found) | set(user)
    return {pid: decide(found.get(pid, {}).get("female", 0), found.get(pid, {}).get("male", 0), user.get(pid))
            for pid in wanted}


@dataclass(frozen=True)
class PersonGender:
    """A person, their kind, how often quoted, and their gender with its evidence."""

    person_id: int
    name: str
    kind: str
    quotes: int
    gender: Gender

    def to_dict(self) -> dict[str, Any]:
        return {"person_id": self.person_id, "name": self.name, "kind": self.kind, "quotes": self.quotes,
                **self.gender.to_dict()}


def people_genders(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0,
                   gender: str | None = None) -> list[PersonGender]:
    """People (kind person), most quoted first, each with their gender and its evidence; `gender`
    keeps one of "female", "male", "unknown"."""
    if gender is not None and gender not in GENDERS:
        raise BadQuery(f"gender must be one of {', '.join(GENDERS)}, not {gender!r}")
    known = genders(conn)
    rows = conn.execute("SELECT p.id, p.name, p.kind, COALESCE(s.quotes, 0) FROM people p "
                        "LEFT JOIN person_stats s ON s.person_id = p.id WHERE p.kind = 'person' "
                        "ORDER BY COALESCE(s.quotes, 0) DESC, p.name").fetchall()
    unknown = decide(0, 0)
    result = [PersonGender(pid, name, kind, n, known.get(pid, unknown)) for pid, name, kind, n in rows]
    if gender is not None:
        result = [r for r in result if r.gender.gender == gender]
    return result[offset:offset + limit]


@dataclass(frozen=True)
class DiversityRow:
    """Sources of one group (`group`: {"outlet": …, "month": …}): quotes, distinct sources, sources by
    kind, and person sources by gender. Shares are of person sources (None when there are none)."""

    group: dict[str, str]
    quotes: int
    sources: int
    by_kind: dict[str, int]
    female: int
    male: int

    @property
    def persons(self) -> int:
        return self.by_kind.get("person", 0)

    @property
    def unknown(self) -> int:
        return self.persons - self.female - self.male

    def share(self, part: int) -> float | None:
        return round(part / self.persons, 4) if self.persons else None

    def to_dict(self) -> dict[str, Any]:
        return {**self.group, "quotes": self.quotes, "sources": self.sources,
                **{k if k == "unnamed" else k + "s": v for k, v in self.by_kind.items()},
                "female": self.female, "male": self.male, "unknown_gender": self.unknown,
                "female_share": self.share(self.female), "male_share": self.share(self.male),
                "unknown_share": self.share(self.unknown)}


def diversity(conn: sqlite3.Connection, flt: QuoteFilter, by: tuple[str, ...] = ("outlet",)) -> list[DiversityRow]:
    """Sources of the quotes matching `flt`, grouped by `by` (any of outlet, month, year, kind; none
    for one row over everything), in group order. Raises BadQuery for an unknown grouping."""
    unknown = [b for b in by if b not in GROUPS]
    if unknown or len(set(by)) != len(by):
        raise BadQuery(f"group by any of {', '.join(GROUPS)} (each once), not {', '.join(by)}")
    gendered = {str(pid): g.gender for pid, g in genders(conn).items() if g.gender != "unknown"}
    source, where, params = facts_where(conn, flt)
    keys = [GROUPS[b] for b in by]
    kinds = ", ".join(f"COUNT(DISTINCT CASE WHEN f.source_kind = '{k}' THEN f.source END)" for k in KINDS)
    sql = (f"WITH g(pid, gender) AS MATERIALIZED (SELECT CAST(key AS INTEGER), value FROM json_each(?)) "  # noqa: S608
           f"SELECT {', '.join(keys + ['COUNT(*)', 'COUNT(DISTINCT f.source)'])}, {kinds}, "
           "COUNT(DISTINCT CASE WHEN f.source_kind = 'person' AND g.gender = 'female' THEN f.source END), "
           "COUNT(DISTINCT CASE WHEN f.source_kind = 'person' AND g.gender = 'male' THEN f.source END) "
           f"FROM {source} LEFT JOIN g ON g.pid = f.person_id" + where
           + (f" GROUP BY {', '.join(keys)} ORDER BY {', '.join(keys)}" if keys else ""))
    rows = _run(conn, sql, [json.dumps(gendered)] + params, flt.search or flt.speaker).fetchall()
    result = []
    for row in rows:
        group = dict(zip(by, row[:len(by)]))
        quotes, sources, *rest = row[len(by):]
        if not quotes:
            continue
        by_kind = dict(zip(KINDS, rest[:len(KINDS)]))
        by_kind["other"] = max(0, sources - sum(by_kind.values()))
        result.append(DiversityRow(group, quotes, sources, by_kind, rest[len(KINDS)], rest[len(KINDS) + 1]))
    return result


def load_overrides(conn: sqlite3.Connection, path: str | Path) -> int:
    """Store the genders of a user's CSV file (`name,gender`; gender female, male or unknown, or
    empty to forget an earlier setting); returns the lines read. Raises BadInput naming the line."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise BadInput(f"cannot read the gender file ({exc.strerror})", source=str(path)) from None
    count = 0
    with handle:
        for number, row in enumerate(csv.reader(handle), 1):
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if number == 1 and [c.strip().lower() for c in row[:2]] == ["name", "gender"]:
                continue
            if len(row) < 2 or not row[0].strip():
                raise BadInput(f"line {number}: expected name,gender", source=str(path))
            name, gender = row[0].strip(), row[1].strip().lower()
            if gender and gender not in GENDERS:
                raise BadInput(f"line {number}: gender must be one of {', '.join(GENDERS)} or empty, not {gender!r}",
                               source=str(path))
            count += 1
            if count > MAX_OVERRIDES:
                raise BadInput(f"more than {MAX_OVERRIDES} lines", source=str(path))
            if gender:
                conn.execute("INSERT INTO gender_overrides(name, gender) VALUES (?, ?) "
                             "ON CONFLICT(name) DO UPDATE SET gender = excluded.gender", (name, gender))
            else:
                conn.execute("DELETE FROM gender_overrides WHERE name = ?", (name,))
    return count
