"""The records quotegraph produces: plain frozen dataclasses, JSON-ready through `to_dict()`.

Offsets (`start`, `end`, `*_start`, `*_end`) always index the text the caller gave us, so a record can
be checked against its source with `text[start:end]`.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import typing
from dataclasses import dataclass, field
from types import NoneType, UnionType
from typing import Any

QUOTE_KINDS = ("direct", "indirect", "mixed")
# What a quote's source is when it is not (or not only) a named person.
SOURCE_KINDS = ("person", "organisation", "unnamed", "group", "document", "unknown")
# Sources that are not one named person: the registry keys them by what they are, not by name parts.
NON_PERSON_KINDS = ("organisation", "unnamed", "group", "document")
# What a quote can be about (quotegraph.about).
ABOUT_KINDS = ("person", "organisation", "place", "group")


def _as_dict(record: Any) -> dict[str, Any]:
    return dataclasses.asdict(record)


@dataclass(frozen=True)
class Column:
    """One field of a record as a column: its name, its scalar kind ("int", "float", "bool",
    "str") and whether it may be missing (None)."""

    name: str
    kind: str
    optional: bool


_KINDS = {int: "int", float: "float", bool: "bool", str: "str"}


def columns(record: type) -> tuple[Column, ...]:
    """The scalar fields of a dataclass record, in order, as columns: the one description that the
    store's writer, the Parquet schema and the export types derive from (so a new field of `Quote`
    is the field plus one migration). Fields that are not scalars (tuples, records) are left out."""
    hints = typing.get_type_hints(record)
    found = []
    for f in dataclasses.fields(record):
        hint = hints[f.name]
        members = typing.get_args(hint) if isinstance(hint, UnionType) else (hint,)
        kinds = [m for m in members if m is not NoneType]
        if len(kinds) == 1 and kinds[0] in _KINDS:
            found.append(Column(f.name, _KINDS[kinds[0]], NoneType in members))
    return tuple(found)


def role_label(title: str, organisation: str | None, joiner: str | None = None) -> str:
    """ "Secretary General of NATO", or the bare title when no organisation is known. `joiner` is
    what the text wrote between a title and the organisation after it ("at the" of "professor at the
    University of Leeds"); without one (the organisation written before the title: "NATO Secretary
    General", "NATO's Secretary General") the label reads "title of organisation". The one formula
    for a role's label (records, the registry and the store's SQL `ROLE_LABEL` agree)."""
    if not organisation:
        return title
    # ("the union's president" -> "president of the union": a common noun takes its article back.)
    return f"{title} {joiner or ('of the' if organisation.islower() else 'of')} {organisation}"


@dataclass(frozen=True)
class Span:
    """A stretch of the original text, e.g. a boilerplate line that was dropped."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class Role:
    """A title held by a person, with the organisation or country it belongs to when given."""

    title: str
    organisation: str | None = None
    # The words the text wrote between the title and the organisation after it ("of the", "at"),
    # None when the organisation came first ("NATO Secretary General") or there is none.
    joiner: str | None = None

    @property
    def label(self) -> str:
        return role_label(self.title, self.organisation, self.joiner)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "organisation": self.organisation, "joiner": self.joiner, "label": self.label}


@dataclass(frozen=True)
class Person:
    """One person (or named organisation / unnamed source) as seen inside one article."""

    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mention_count: int = 0
    quote_count: int = 0
    kind: str = "person"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases),
                "roles": [r.to_dict() for r in self.roles], "mention_count": self.mention_count,
                "quote_count": self.quote_count, "kind": self.kind}


@dataclass(frozen=True)
class Mention:
    """A named entity in the article (spaCy NER), with the canonical form it was folded into."""

    text: str
    start: int
    end: int
    label: str  # PERSON | ORG | GPE | NORP | LOC | FAC
    canonical: str

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class Quote:
    """One quote: its span, kind, cue verb, speaker mention and the source it resolves to.

    Parts of one utterance (a quote split by its cue, or running over several paragraphs) share
    `utterance`. `floating` marks a quote with no cue of its own, attributed from its neighbour.
    `said_on` is the statement's date (ISO, day or month precision) when it can be worked out.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    person: str | None = None
    source_kind: str = "unknown"
    floating: bool = False
    utterance: int = 0
    confidence: float = 0.0
    context_start: int = 0
    context_end: int = 0
    said_on: str | None = None
    said_on_precision: str = "unknown"  # day | month | unknown

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)

    def to_prediction(self) -> dict[str, Any]:
        """The quote in the format `shared/tools/score.py` reads."""
        return {"quote": self.text, "quote_start": self.start, "quote_end": self.end,
                "speaker": self.speaker or "", "speaker_start": self.speaker_start,
                "speaker_end": self.speaker_end, "verb": self.cue or "", "verb_start": self.cue_start,
                "verb_end": self.cue_end, "reference": self.person or "",
                "is_floating_quote": self.floating, "kind": self.kind, "source_kind": self.source_kind}


@dataclass(frozen=True)
class About:
    """One entity a quote is about: `quote` is the quote's index in `Document.quotes`; `entity` the
    article's name for a person (as in `Document.people`) or the entity's canonical name; `kind` one
    of ABOUT_KINDS; `start`/`end` the mention inside the quote ("he", "the group", "Taliban");
    `via` how it was found: name | alias | pronoun | description."""

    quote: int
    entity: str
    kind: str
    start: int
    end: int
    text: str
    via: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


def entity_key(name: str) -> str:
    """The folded form an entity is looked up by: "the Taliban" -> "taliban", "Jens  STOLTENBERG" ->
    "jens stoltenberg"."""
    words = re.findall(r"\w+", name.casefold())
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def content_id(text: str) -> str:
    """A stable article id: the hash of its text, so the same article always gets the same id."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """An article as a reader delivers it, before extraction. `published` is ISO (YYYY-MM-DD) or None."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None  # where it came from: a path, "path:line", a WARC record id

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {**_as_dict(self), "authors": list(self.authors)}


@dataclass(frozen=True)
class Document:
    """What `quotegraph.extract` returns for one article."""

    text: str
    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()
    mentions: tuple[Mention, ...] = ()
    boilerplate: tuple[Span, ...] = ()
    title: str | None = None
    published: str | None = None
    url: str | None = None
    id: str = field(default="")
    skipped: str | None = None  # why no extraction ran ("not English (looks like fr)"), else None
    about: tuple[About, ...] = ()  # whom / what each quote is about (quotegraph.about)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_id(self.text))

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)

    def speaker_role(self, quote: Quote) -> str:
        """The label of the speaker's first role in this article ("Secretary General of NATO"); the
        source kind for organisations and unnamed sources; "" when neither is known."""
        person = self.person(quote.person) if quote.person else None
        if person is not None and person.roles:
            return person.roles[0].label
        return "" if quote.source_kind in ("person", "unknown") else quote.source_kind

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "published": self.published, "url": self.url,
                "quotes": [q.to_dict() for q in self.quotes],
                "people": [p.to_dict() for p in self.people],
                "mentions": [m.to_dict() for m in self.mentions],
                "boilerplate": [b.to_dict() for b in self.boilerplate], "skipped": self.skipped,
                "about": [a.to_dict() for a in self.about]}

    def to_prediction(self) -> dict[str, Any]:
        """The document in the prediction format of `shared/tools/score.py`."""
        return {"id": self.id, "quotes": [q.to_prediction() for q in self.quotes]}
