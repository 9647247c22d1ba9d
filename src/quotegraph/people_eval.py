"""Scoring the people registry against a hand-made gold of person mentions and roles.

The gold (JSONL, one article a line) holds no text, only ids and character offsets into the
dev files it names:

    {"set": "polnear-dev", "article": "3f2a…", "people": [
        {"key": "jane-smith", "mentions": [[120, 130], [455, 460]], "roles": [[98, 119]]}]}

`article` is `article_key(id)`, a hash of the article's id (the ids of polnear carry headline
words); a line may give the plain `article_id` instead. `key` names one real person across the
whole gold; `mentions` are the places the article names
them (full name, surname, first name); `roles` are the role phrases the text gives them ("director
of the FBI"), each one span or a list of spans for a role written in parts ("Senator [name] of
Vermont"). Every named person of an article is listed, so a registry entry whose name is none
of them is not a person.

`score_people` ingests the gold's articles into a fresh store as a user would (title line, outlet,
published date), reads the registry back and scores, for the whole gold and for each part (a line's
"part" when it names one, as the fresh hold-outs "fresh" to "fresh11" do; else the articles
`evaluate.in_holdout` keeps aside and the rest):

- precision: registry persons whose name is a gold person's name in one of their articles;
- split rate: gold persons found in the registry under more than one entry;
- merge rate: registry persons holding mentions of more than one gold person;
- role precision and recall: (person, role) pairs, roles compared by their words (case, order,
  punctuation, "the"/"of"/"at" aside), so "Secretary General of NATO" is "NATO Secretary General".
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotegraph.errors import BadInput
from quotegraph.evaluate import in_holdout
from quotegraph.records import Article, role_label
from quotegraph.registry import audit, keys

PARTS = ("dev", "holdout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8",
         "fresh9", "fresh10", "fresh11", "all")
_ROLE_FILLERS = frozenset({"the", "of", "at", "a", "an", "for", "s", "and", "in", "on", "to", "with"})
Record = dict[str, Any]


@dataclass(frozen=True)
class PeopleScores:
    """The registry's figures on one part of the gold."""

    part: str
    articles: int
    gold_people: int
    entries: int
    real_entries: int
    split_people: int
    found_people: int
    merged_entries: int
    gold_roles: int
    predicted_roles: int
    right_roles: int
    recalled_roles: int
    junk: tuple[str, ...] = ()
    splits: tuple[str, ...] = ()
    merges: tuple[str, ...] = ()
    wrong_roles: tuple[str, ...] = ()
    missed_roles: tuple[str, ...] = ()

    @property
    def precision(self) -> float | None:
        return self.real_entries / self.entries if self.entries else None

    @property
    def split_rate(self) -> float | None:
        return self.split_people / self.found_people if self.found_people else None

    @property
    def merge_rate(self) -> float | None:
        return self.merged_entries / self.entries if self.entries else None

    @property
    def role_precision(self) -> float | None:
        return self.right_roles / self.predicted_roles if self.predicted_roles else None

    @property
    def role_recall(self) -> float | None:
        return self.recalled_roles / self.gold_roles if self.gold_roles else None

    def summary(self) -> Record:
        return {"part": self.part, "articles": self.articles, "gold_people": self.gold_people,
                "entries": self.entries, "precision": self.precision, "split_rate": self.split_rate,
                "merge_rate": self.merge_rate, "role_precision": self.role_precision,
                "role_recall": self.role_recall, "gold_roles": self.gold_roles,
                "predicted_roles": self.predicted_roles}

    def to_dict(self) -> Record:
        return {**self.summary(), "junk": list(self.junk), "splits": list(self.splits), "merges": list(self.merges),
                "wrong_roles": list(self.wrong_roles), "missed_roles": list(self.missed_roles)}


def read_people_gold(path: str | Path) -> list[Record]:
    """The gold's lines. Raises BadInput for a missing file or a malformed line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BadInput(f"cannot read people gold: {exc}", source=str(path)) from exc
    gold = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise BadInput(f"line {number}: not JSON ({exc})", source=str(path)) from exc
        if not isinstance(record, dict) or not ("article_id" in record or "article" in record) \
                or not isinstance(record.get("people"), list):
            raise BadInput(f"line {number}: needs article (or article_id) and people", source=str(path))
        gold.append(record)
    return gold


def article_key(article_id: str) -> str:
    """How the gold names an article: a hash of its id (ids such as "nyt_2016-05-18_billy-bush-…"
    carry headline words, and no run of an article's words is kept in the project)."""
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]


def read_texts(paths: Iterable[str | Path], wanted: set[str]) -> dict[str, Record]:
    """The dev-file records (id, text, title, outlet, date) of the wanted articles, by the gold's
    key for them (the article key, or the id itself)."""
    found: dict[str, Record] = {}
    for path in paths:
        try:
            with Path(path).open(encoding="utf-8") as fh:
                for line in fh:
                    record = json.loads(line)
                    article_id = str(record.get("id"))
                    for key in (article_id, article_key(article_id)):
                        if key in wanted:
                            found[key] = record
        except (OSError, ValueError) as exc:
            raise BadInput(f"cannot read articles: {exc}", source=str(path)) from exc
    missing = wanted - set(found)
    if missing:
        raise BadInput(f"{len(missing)} gold article(s) are in none of the files given, e.g. {sorted(missing)[0]}")
    return found


def articles_of(texts: dict[str, Record]) -> list[Article]:
    """The gold articles as a user would ingest them (the title is the text's first line already)."""
    return [Article(text=r["text"], id=i, title=r.get("title"), outlet=r.get("outlet"),
                    published=(r.get("date") or None), url=r.get("url")) for i, r in texts.items()]


def build_registry(articles: Sequence[Article], *, model: str | None = None, workers: int = 1,
                   db: str | Path | None = None) -> list[audit.Entry]:
    """Ingest the articles into a fresh store (a temporary one unless `db` is given); its registry."""
    from quotegraph.corpus import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(db) if db else Path(tmp) / "people-eval.db"
        with Corpus(path) as corpus:
            corpus.ingest([], items=list(articles), model=model, workers=workers)
            return audit.entries(corpus.conn)


def role_words(text: str) -> frozenset[str]:
    """A role's words for comparison: folded, without fillers ("the", "of", "at")."""
    return frozenset(w for w in keys.title_key(text.replace(".", "")).split() if w not in _ROLE_FILLERS)


def role_text_of(text: str, role: list) -> str:
    """A gold role's words: one [start, end] span, or several for a role written in parts
    ("Senator" … "of Vermont" around the name)."""
    spans = role if role and isinstance(role[0], list) else [role]
    return " ".join(text[start:end] for start, end in spans)


def score_people(gold: Sequence[Record], texts: dict[str, Record], registry: Sequence[audit.Entry],
                 part: str = "all") -> PeopleScores:
    """The registry's figures on the gold articles of `part` (dev, holdout, fresh, fresh2 to fresh11 or all)."""
    chosen = [g for g in gold if part == "all" or part_of(g) == part]
    ids = {g["article_id"] for g in chosen}
    # Per article: name key -> gold person keys; per gold person: role word sets.
    names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    gold_roles: dict[str, set[frozenset[str]]] = defaultdict(set)
    role_text: dict[frozenset[str], str] = {}
    people: set[str] = set()
    for record in chosen:
        text = texts[record["article_id"]]["text"]
        for person in record["people"]:
            people.add(person["key"])
            for start, end in person.get("mentions", []):
                names[record["article_id"]][keys.name_key(text[start:end])].add(person["key"])
            for role in person.get("roles", []):
                written = role_text_of(text, role)
                words = role_words(written)
                if words:
                    gold_roles[person["key"]].add(words)
                    role_text[words] = written
    # Every role of each person in the whole gold: the registry folds a bare "Secretary General" seen
    # in one part into the "Secretary General of NATO" the other part writes.
    attested: dict[str, set[frozenset[str]]] = defaultdict(set)
    for record in gold:
        text = texts[record["article_id"]]["text"]
        for person in record["people"]:
            attested[person["key"]] |= {role_words(role_text_of(text, r)) for r in person.get("roles", [])}
    entries = [e for e in registry if e.kind == "person" and any(r[0] in ids for r in e.rows)]
    entries_of: dict[str, set[int]] = defaultdict(set)
    junk, merges, wrong, splits, missed = [], [], [], [], []
    real = merged = predicted = right = 0
    found_roles: dict[str, set[frozenset[str]]] = defaultdict(set)
    for entry in entries:
        who: set[str] = set()
        for article_id, name, aliases in entry.rows:
            if article_id not in ids:
                continue
            by_name = names[article_id].get(keys.name_key(name), set()) or _truncated(names[article_id], name)
            if not by_name:
                by_name = next((names[article_id][keys.name_key(a)] for a in aliases
                                if len(names[article_id].get(keys.name_key(a), ())) == 1), set())
            who |= by_name if len(by_name) == 1 else set()
        named = {k for article_id, _, _ in entry.rows if article_id in ids
                 for k in names[article_id].get(keys.name_key(entry.name), set())
                 or _truncated(names[article_id], entry.name)}
        # The entry's name must be its person's name where this part's articles give it; a name that
        # only the other part's articles give ("Paul D. Ryan") is judged by the rows here.
        own_name = any(article_id in ids and name == entry.name for article_id, name, _ in entry.rows)
        if who and (named & who or not own_name or _name_in_keys(entry.name, who)):
            real += 1
        else:
            junk.append(entry.name)
        if len(who) > 1:
            merged += 1
            merges.append(f"{entry.name}: {', '.join(sorted(who))}")
        for key in who:
            entries_of[key].add(entry.id)
        labels = entry.labels or tuple(role_label(t, o or None) for t, o, _ in entry.roles)
        for (_, _, supported), label in zip(entry.roles, labels, strict=True):
            if not ids & set(supported):
                continue  # a role seen only in articles of the other part
            predicted += 1
            words = role_words(label)
            held = set().union(*(gold_roles[k] for k in who)) if who else set()
            fuller = any(words in attested[k] and any(g < words for g in gold_roles[k]) for k in who)
            if words in held or fuller:
                right += 1
                for key in who:
                    found_roles[key].add(words)
            else:
                wrong.append(f"{entry.name}: {label}")
            for key in who:  # a fuller form of a gold role recalls the bare one ("Secretary General")
                found_roles[key] |= {g for g in gold_roles[key] if g < words and words in attested[key]}
    for key in sorted(people):
        if len(entries_of[key]) > 1:
            splits.append(f"{key}: {len(entries_of[key])} entries")
        for words in gold_roles[key] - found_roles[key]:
            missed.append(f"{key}: {role_text[words]}")
    n_gold_roles = sum(len(v) for k, v in gold_roles.items())
    return PeopleScores(part=part, articles=len(chosen), gold_people=len(people), entries=len(entries),
                        real_entries=real, split_people=len(splits), found_people=len(entries_of),
                        merged_entries=merged, gold_roles=n_gold_roles, predicted_roles=predicted,
                        right_roles=right, recalled_roles=n_gold_roles - len(missed), junk=tuple(junk),
                        splits=tuple(splits), merges=tuple(merges), wrong_roles=tuple(wrong),
                        missed_roles=tuple(sorted(missed)))


def part_of(record: Record) -> str:
    """The part of the gold a line belongs to: the one it names ("part": "fresh" or "fresh2" to "fresh11" for the
    articles annotated after the rules were written and scored once), else hold-out or dev by
    `evaluate.in_holdout`."""
    named = record.get("part")
    if named:
        return str(named)
    return "holdout" if in_holdout(record["article_id"]) else "dev"


def _truncated(article_names: dict[str, set[str]], name: str) -> set[str]:
    """A name cut short by the tagger ("Marian Wright" of "Marian Wright Edelman") is still its person:
    two or more of its words in a row within one gold mention."""
    words = keys.name_key(name).split()
    if len(words) < 2:
        return set()
    found: set[str] = set()
    for mention, people in article_names.items():
        tokens = mention.split()
        if any(tokens[k:k + len(words)] == words for k in range(len(tokens) - len(words) + 1)):
            found |= people
    return found


def _name_in_keys(name: str, who: set[str]) -> bool:
    """The entry's name is its person's key written out ("Jane Smith" for jane-smith)."""
    return re.sub(r"[^a-z]+", "-", keys.name_key(name)).strip("-") in who


def evaluate_people(gold_path: str | Path, article_files: Sequence[str | Path], *, model: str | None = None,
                    workers: int = 1, db: str | Path | None = None) -> list[PeopleScores]:
    """Scores of the registry built from the gold's articles: dev, hold-out, fresh to fresh11 parts, all."""
    gold = read_people_gold(gold_path)
    found = read_texts(article_files, {g.get("article") or g["article_id"] for g in gold})
    # From here on every article goes by its id.
    gold = [{**g, "article_id": found[g.get("article") or g["article_id"]]["id"]} for g in gold]
    texts = {r["id"]: r for r in found.values()}
    registry = build_registry(articles_of(texts), model=model, workers=workers, db=db)
    return [score_people(gold, texts, registry, part) for part in PARTS]
