"""Hand-built documents for the people tests: what the extraction gives, without running it.

`article(...)` finds every quote, speaker and mention in the text by string search, so a test
reads like the article it describes.
"""
from __future__ import annotations

from pathlib import Path

from quotegraph.records import Article, Document, Mention, Person, Quote, Role


def article(text: str, published: str | None, *, outlet: str = "Daily Ledger",
            people: tuple[Person, ...] = (),
            quotes: tuple[tuple[str, str | None, str | None, str], ...] = (),
            entities: tuple[tuple[str, str], ...] = ()) -> tuple[Article, Document]:
    """An (Article, Document) pair. `quotes` are (quote text, in-article person, speaker as written,
    source kind); the quote's context is its paragraph. `entities` are (text, NER label)."""
    records = []
    for quote_text, person, speaker, source_kind in quotes:
        start = text.index(quote_text)
        paragraph_start = text.rfind("\n", 0, start) + 1
        paragraph_end = text.find("\n", start)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        speaker_start = text.find(speaker, paragraph_start) if speaker else None
        records.append(Quote(start=start, end=start + len(quote_text), text=quote_text, kind="direct",
                             speaker=speaker, speaker_start=speaker_start,
                             speaker_end=speaker_start + len(speaker) if speaker else None,
                             person=person, source_kind=source_kind, context_start=paragraph_start,
                             context_end=paragraph_end))
    missing = [t for t, _ in entities if t not in text]
    assert not missing, f"entities not in the text: {missing}"
    mentions = tuple(Mention(text=t, start=text.index(t), end=text.index(t) + len(t), label=label, canonical=t)
                     for t, label in entities)
    art = Article(text=text, published=published, outlet=outlet, url=f"https://example.org/{abs(hash(text))}")
    doc = Document(text=text, quotes=tuple(records), people=people, mentions=mentions, published=published,
                   id=art.id)
    return art, doc


def person(name: str, *aliases: str, roles: tuple[tuple[str, str | None], ...] = (), kind: str = "person",
           quotes: int = 1) -> Person:
    return Person(name=name, aliases=(name, *aliases), roles=tuple(Role(t, o) for t, o in roles),
                  mention_count=1 + len(aliases), quote_count=quotes, kind=kind)


def people_rows(conn) -> dict[str, list]:
    """Registry name -> sorted list of (article outlet/url tail, in-article name) it holds."""
    out: dict[str, list] = {}
    for name, pid, article_id, in_name in conn.execute(
            "SELECT p.name, p.id, ap.article_id, ap.name FROM article_people ap JOIN people p ON p.id = ap.person_id"):
        out.setdefault(f"{name}#{pid}", []).append((article_id, in_name))
    return out


def person_id_of(conn, article_id: str, name: str) -> int:
    return conn.execute("SELECT person_id FROM article_people WHERE article_id = ? AND name = ?",
                        (article_id, name)).fetchone()[0]


def store(tmp_path: Path, name: str = "people.db"):
    from quotegraph.corpus import Corpus

    return Corpus(tmp_path / name)
