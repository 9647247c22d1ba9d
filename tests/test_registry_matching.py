"""Scoring many candidates at once (`matching._top_two`) chooses exactly who scoring each one chooses,
and retrying a pending title only when its holders changed (`linking._RETRIED`) exactly what retrying
every time does: a registry built both ways from the same generated articles links every row to the
same person."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from people_support import article, person, store
from quotegraph.registry import keys, linking, matching

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


def fit_one_by_one(conn, person_id: int, row: matching.Row, context: matching.Context) -> float:
    """`matching.fit` as it was before `fits` and `role_key` (its SQL and folding, read per person)."""
    person_roles = conn.execute("SELECT title, organisation FROM person_roles WHERE person_id = ?",
                                (person_id,)).fetchall()
    titles = {keys.title_key(t) for t, _ in person_roles}
    orgs = {keys.fold(o) for _, o in person_roles if o}
    score = 0.0
    if row.roles and titles:
        shared = titles & {keys.title_key(t) for t, _ in row.roles}
        score += 2.0 * len(shared) if shared else -1.0
    row_orgs = {keys.fold(o) for _, o in row.roles if o}
    score += 2.0 * len(orgs & (row_orgs | context.entities))
    own = set(keys.name_key(row.name).split())
    shared_entities = {e for e in context.shared_with(conn, person_id) if not set(e.split()) <= own}
    return score + min(matching.ENTITY_CAP, matching.ENTITY_WEIGHT * len(shared_entities))


def test_fits_read_at_once_score_as_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`fits` (two queries per chunk of people) gives every candidate the score the per-person `fit`
    gave before it, and `_top_two` (roles first, entities only while they can still change the first
    two) the first two of those scores: for every row of a registry where many people share a
    surname, against every person, with roles and without, in chunks smaller than the list."""
    monkeypatch.setattr(matching, "_FIT_CHUNK", 7)
    monkeypatch.setattr(matching, "_CHUNK", 3)  # `_top_two` counts entities in several chunks and stops early
    with store(tmp_path) as corpus:
        made = corpus_articles(120)
        # People with roles and places of their own (so that the entities' part decides between
        # role holders), in articles that also tag the speaker's own name as an entity: the part of
        # the fit that leaves out entities within the row's name ("young" for "Anna Young") has work too.
        rng = random.Random(5)
        for i in range(60):
            full = f"{rng.choice(FIRST + ['Mira', 'Tomas', 'Ruth', 'Ivan'])} {rng.choice(SURNAMES)}"
            role = rng.choice(ROLES)
            places = rng.sample(PLACES, rng.randint(1, 7))
            quote = f'"We {" ".join(rng.choices(WORDS, k=3))} case {i}," '
            text = f"{role[0]} {full} spoke. " + quote + f"{full} said" + "".join(f" in {p}" for p in places) + "."
            made.append(article(text, f"2020-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                                people=(person(full, roles=(role,)),), quotes=((quote.strip(), full, full, "person"),),
                                entities=((full, "PERSON"), (full.split()[-1], "PERSON"),
                                          *((p, "GPE") for p in places))))
        for at in range(0, len(made), 30):
            corpus.add(made[at:at + 30])
        conn = corpus.conn
        everyone = [p for (p,) in conn.execute("SELECT id FROM people WHERE kind = 'person' ORDER BY id")]
        rows = conn.execute("SELECT ap.article_id, ap.name, ap.kind, ap.aliases, ap.roles, a.published "
                            "FROM article_people ap JOIN articles a ON a.id = ap.article_id ORDER BY 1, 2").fetchall()
        assert len(everyone) > 20 and len(rows) > 100
        with_roles = {p for (p,) in conn.execute("SELECT person_id FROM person_roles")}
        assert 0 < len(with_roles & set(everyone)) < len(everyone)  # both kinds of candidate
        scores = set()
        for article_id, name, kind, aliases, roles, published in rows:
            row = matching.make_row(article_id, name, kind, aliases, roles)
            context = matching.Context(conn, article_id, published)
            expected = {p: fit_one_by_one(conn, p, row, context) for p in everyone}
            assert matching.fits(conn, everyone[::-1], row, context) == expected
            assert {p: matching.fit(conn, p, row, context) for p in everyone} == expected
            ranked = sorted(((score, -p) for p, score in expected.items()), reverse=True)
            assert matching._top_two(conn, everyone, row, context) == ranked[:2]
            holders = [p for p in everyone if p in with_roles]
            assert matching._top_two(conn, holders, row, context) == [r for r in ranked if -r[1] in with_roles][:2]
            scores |= set(expected.values())
        assert len(scores) > 4 and min(scores) < 0 < max(scores)  # the formula's parts all took part
