"""Scoring many candidates at once (`matching._top_two`) chooses exactly who scoring each one chooses:
a registry built both ways from the same generated articles links every row to the same person."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from people_support import article, person, store
from quotegraph.registry import matching

FIRST = ["Will", "William", "Anna", "Omar", "Lena", "Kofi"]
SURNAMES = ["Young", "Okafor", "Lindqvist"]
ROLES = [("Finance Minister", "Britain"), ("coach", "Arsenal"), ("chief executive", "Acme"), ("mayor", "Leeds")]
PLACES = ["London", "Leeds", "Arsenal", "Acme", "Britain", "Ottawa", "Lagos", "Oslo", "Chelsea", "Paris"]
WORDS = "growth jobs plan season budget vote deal river bridge rates".split()


def corpus_articles(n: int, seed: int = 3) -> list:
    """Articles quoting a few people by full name or bare surname, with roles now and then and
    places drawn from a small pool, so that many same-surname people pile up with similar contexts."""
    rng = random.Random(seed)
    made = []
    for i in range(n):
        surname = rng.choice(SURNAMES)
        full = f"{rng.choice(FIRST)} {surname}"
        bare = rng.random() < 0.6
        name = surname if bare else full
        places = rng.sample(PLACES, rng.randint(0, 4))
        role = rng.choice(ROLES) if rng.random() < 0.25 else None
        words = " ".join(rng.choices(WORDS, k=4))
        quote = f'"We {words} number {i}," '
        intro = f"{role[0]} {full} spoke. " if role and not bare else ""
        text = intro + quote + f"{name} said" + "".join(f" near {p}" for p in places) + "."
        people = (person(name, roles=(role,) if role and not bare else ()),)
        made.append(article(text, f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                            people=people, quotes=((quote.strip(), name, name, "person"),),
                            entities=tuple((p, "GPE") for p in places)))
    return made


def links(db: Path) -> tuple[list[tuple], list[tuple]]:
    from quotegraph.corpus import Corpus

    with Corpus(db, readonly=True) as corpus:
        rows = corpus.conn.execute("SELECT article_id, name, person_id FROM article_people ORDER BY 1, 2").fetchall()
        people = corpus.conn.execute("SELECT id, name FROM people ORDER BY id").fetchall()
    return rows, people


@pytest.mark.slow
def test_many_candidates_choose_as_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = corpus_articles(300)
    built = {}
    calls = {"many": 0, "most": 0}
    top_two = matching._top_two

    def counted(conn, candidates, row, context):
        calls["many"] += 1
        calls["most"] = max(calls["most"], len(candidates))
        return top_two(conn, candidates, row, context)

    monkeypatch.setattr(matching, "_top_two", counted)
    monkeypatch.setattr(matching, "_CHUNK", 3)  # several chunks, and stops after the first ones
    for way, threshold in (("one by one", 10**9), ("at once", 0)):
        monkeypatch.setattr(matching, "MANY_CANDIDATES", threshold)
        with store(tmp_path, f"{way.replace(' ', '-')}.db") as corpus:
            for at in range(0, len(made), 25):  # batches, as an ingest writes them
                corpus.add(made[at:at + 25])
        built[way] = links(tmp_path / f"{way.replace(' ', '-')}.db")
    rows, people = built["at once"]
    assert calls["many"] > 100 and calls["most"] > 20  # the fast path ran, on many long lists of candidates
    assert len(people) > 30 and len({p for *_, p in rows}) > 30  # same-surname people piled up
    assert rows == built["one by one"][0]
    assert people == built["one by one"][1]
