"""Scoring many candidates at once (`matching._top_two`) chooses exactly who scoring each one chooses,
and retrying a pending title only when its holders changed (`linking._RETRIED`) exactly what retrying
every time does: a registry built both ways from the same generated articles links every row to the
same person."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from people_support import article, person, store
from quotegraph.registry import linking, matching

FIRST = ["Will", "William", "Anna", "Omar", "Lena", "Kofi"]
SURNAMES = ["Young", "Okafor", "Lindqvist"]
ROLES = [("Finance Minister", "Britain"), ("coach", "Arsenal"), ("chief executive", "Acme"), ("mayor", "Leeds")]
PLACES = ["London", "Leeds", "Arsenal", "Acme", "Britain", "Ottawa", "Lagos", "Oslo", "Chelsea", "Paris"]
WORDS = "growth jobs plan season budget vote deal river bridge rates".split()


def corpus_articles(n: int, seed: int = 3) -> list:
    """Articles quoting a few people by full name or bare surname, with roles now and then and
    places drawn from a small pool, so that many same-surname people pile up with similar contexts."""
    rng, extra = random.Random(seed), random.Random(seed + 1)
    made = []
    for i in range(n):
        surname = rng.choice(SURNAMES)
        full = f"{rng.choice(FIRST)} {surname}"
        bare = rng.random() < 0.6
        name = surname if bare else full
        if rng.random() < 0.2:  # a bare title ("the mayor said"): pending until someone holds it
            title = rng.choice(ROLES)[0]
            places = rng.sample(PLACES, rng.randint(0, 3))
            quote = f'"We {" ".join(rng.choices(WORDS, k=3))} item {i}," '
            text = quote + f"the {title} said" + "".join(f" near {p}" for p in places) + "."
            # Years before anyone is seen holding it (holders below are seen in 2024): it stays pending,
            # and is retried whenever a batch names a holder.
            made.append(article(text, f"2015-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                people=(person(title),), quotes=((quote.strip(), title, title, "person"),),
                                entities=tuple((p, "GPE") for p in places)))
            continue
        places = rng.sample(PLACES, rng.randint(0, 4))
        if extra.random() < 0.5:  # enough places shared for a full entity score (two people tie at the cap)
            places = list(dict.fromkeys(places + extra.sample(PLACES, 5)))
        role = rng.choice(ROLES) if rng.random() < 0.25 else None
        if role and not bare:  # the role's one holder, seen in the same days and no places (their state settles)
            full, places = f"{FIRST[ROLES.index(role)]} Holder", []
            name = full
        words = " ".join(rng.choices(WORDS, k=4))
        quote = f'"We {words} number {i}," '
        intro = f"{role[0]} {full} spoke. " if role and not bare else ""
        text = intro + quote + f"{name} said" + "".join(f" near {p}" for p in places) + "."
        people = (person(name, roles=(role,) if role and not bare else ()),)
        # Late in the corpus the holders are seen in 2015 too: the pending rows then find them.
        day = f"{2015 if i > 0.8 * n else 2024}-06-0{rng.randint(1, 3)}" if role and not bare else \
            f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        made.append(article(text, day, people=people, quotes=((quote.strip(), name, name, "person"),),
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
    class Forgetful(dict):  # the old way: every pending row scored again at every retry
        def __contains__(self, key: object) -> bool:
            return False

    class Counting(dict):
        hits = 0

        def __contains__(self, key: object) -> bool:
            found = super().__contains__(key)
            Counting.hits += found
            return found

    for way, threshold, memo in (("one by one", 10**9, Forgetful()), ("at once", 0, Counting())):
        monkeypatch.setattr(matching, "MANY_CANDIDATES", threshold)
        monkeypatch.setattr(linking, "_RETRIED", memo)
        with store(tmp_path, f"{way.replace(' ', '-')}.db") as corpus:
            for at in range(0, len(made), 25):  # batches, as an ingest writes them
                corpus.add(made[at:at + 25])
        built[way] = links(tmp_path / f"{way.replace(' ', '-')}.db")
    rows, people = built["at once"]
    assert calls["many"] > 100 and calls["most"] > 20  # the fast path ran, on many long lists of candidates
    assert Counting.hits > 10  # and pending titles were answered from earlier retries
    titled = {p for (a, n, p) in rows if n in {t for t, _ in ROLES}}
    assert len(titled) > 2  # bare titles went to placeholders and holders
    assert len(people) > 30 and len({p for *_, p in rows}) > 30  # same-surname people piled up
    assert rows == built["one by one"][0]
    assert people == built["one by one"][1]
