"""What store queries return: frozen dataclasses with `to_dict()`, in lists that know `to_pandas()`."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from quotegraph.records import entity_key, role_label

T = TypeVar("T")


class Rows(list, Generic[T]):
    """A list of rows; `to_pandas()` turns it into a DataFrame (pandas must be installed)."""

    def to_dicts(self) -> list[dict[str, Any]]:
        return [row.to_dict() for row in self]

    def to_pandas(self) -> Any:
        try:
            import pandas
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError("to_pandas() needs pandas: pip install pandas") from None
        return pandas.DataFrame(self.to_dicts())


@dataclass(frozen=True)
class QuoteCount:
    """How many quotes a filter matches: exactly `value` when `exact`, else more than `value`
    (counting stopped there). Prints as "1234" or "1000+"; `int()` gives `value`."""

    value: int
    exact: bool

    def __str__(self) -> str:
        return str(self.value) if self.exact else f"{self.value}+"

    def __int__(self) -> int:
        return self.value

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "exact": self.exact}


@dataclass(frozen=True)
class QuoteRow:
    """One stored quote with the article it is in and the person it is attributed to.

    `duplicate_of` is set when the article is a near-duplicate copy of an earlier one.
    Offsets (`start`, `end`, ...) index the article text.
    """

    id: int
    text: str
    kind: str
    speaker: str | None
    person: str | None
    person_id: int | None
    source_kind: str
    cue: str | None
    said_on: str | None
    said_on_precision: str
    confidence: float
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    cue_start: int | None
    cue_end: int | None
    utterance: int
    floating: bool
    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    duplicate_of: str | None
    role: str | None = None  # the speaker's role as written in this article ("Secretary General of NATO")
    about: str | None = None  # whom / what the quote is about: registry names or entities, "; "-separated
    statement_id: int | None = None  # the statement (one line across articles) the quote is part of

    def to_dict(self) -> dict[str, Any]:
        # Every field is a plain value, so this is `dataclasses.asdict` (same keys, same order) without
        # its recursive copy of each one: a fifth of a millisecond for a page of 20 rows was copying.
        return {name: getattr(self, name) for name in _QUOTE_FIELDS}


_QUOTE_FIELDS = tuple(f.name for f in dataclasses.fields(QuoteRow))


def role_labels(roles: Any) -> list[str]:
    """Labels of stored roles ([{title, organisation}, ...] as in `article_people.roles`), skipping
    anything that is not a role with a title."""
    if not isinstance(roles, list):
        return []
    return [role_label(str(r["title"]), str(r.get("organisation") or "") or None, str(r.get("joiner") or "") or None)
            for r in roles if isinstance(r, dict) and r.get("title")]


@dataclass(frozen=True)
class PersonRow:
    """A person of the registry with counts over first copies of articles (wire copies count once)."""

    id: int
    name: str
    kind: str
    quote_count: int
    article_count: int
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    first_said: str | None = None
    last_said: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "roles": list(self.roles), "aliases": list(self.aliases)}


@dataclass(frozen=True)
class ArticleRow:
    """An article without its text; `quote_count` counts its own quotes."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    source: str | None
    duplicate_of: str | None
    quote_count: int
    chars: int

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ArticleDetail:
    """One article with its text, quotes, people and boilerplate, for an article page."""

    article: ArticleRow
    text: str
    authors: tuple[str, ...]
    boilerplate: tuple[dict[str, Any], ...]
    quotes: tuple[QuoteRow, ...]
    people: tuple[dict[str, Any], ...]
    duplicates: tuple[str, ...] = ()  # ids of later near-duplicate copies of this article
    copies: tuple[dict[str, Any], ...] = ()  # other sources of exactly this text

    def to_dict(self) -> dict[str, Any]:
        return {**self.article.to_dict(), "text": self.text, "authors": list(self.authors),
                "boilerplate": list(self.boilerplate), "quotes": [q.to_dict() for q in self.quotes],
                "people": list(self.people), "duplicates": list(self.duplicates), "copies": list(self.copies)}


@dataclass(frozen=True)
class AddReport:
    """What one write (`Corpus.add`) changed: articles new, exact and near duplicates, rows added."""

    new: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    quotes: int = 0
    people: int = 0
    article_ids: tuple[str, ...] = ()

    def __add__(self, other: AddReport) -> AddReport:
        return AddReport(self.new + other.new, self.duplicates + other.duplicates,
                         self.near_duplicates + other.near_duplicates, self.quotes + other.quotes,
                         self.people + other.people)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "article_ids"}


@dataclass(frozen=True)
class IngestReport:
    """The outcome of `Corpus.ingest`: counts, the failed inputs with their reasons, the speed.

    `failures` lists at most the first 1,000 failures; the store's `ingest_failures` has them all.
    """

    run_id: int
    new: int
    duplicates: int
    near_duplicates: int
    failed: int
    quotes: int
    people: int
    seconds: float
    failures: tuple[tuple[str, str], ...] = field(default=())
    # Stored, but not extracted (source, why: "not English (looks like fr)"); the first 1,000.
    skipped: tuple[tuple[str, str], ...] = field(default=())

    @property
    def articles_per_second(self) -> float:
        return (self.new + self.duplicates) / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def summary(self) -> str:
        near = f" ({self.near_duplicates} near-duplicates linked)" if self.near_duplicates else ""
        skipped = f", {len(self.skipped)} stored without extraction" if self.skipped else ""
        return (f"articles: {self.new} new{near}{skipped}, {self.duplicates} duplicate, {self.failed} failed; "
                f"quotes: {self.quotes}; people: {self.people} new; "
                f"{self.seconds:.1f} s, {self.articles_per_second:.1f} articles/s")

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "failures": [{"source": s, "reason": r} for s, r in self.failures],
                "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
                "articles_per_second": round(self.articles_per_second, 2)}


@dataclass(frozen=True)
class StatementRow:
    """One statement: its words (the occurrence with most words), speaker, first appearance and reach."""

    id: int
    text: str
    person: str | None
    person_id: int | None
    first_seen: str | None
    first_outlet: str | None
    first_article_id: str
    occurrences: int
    articles: int
    outlets: tuple[str, ...]
    last_seen: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "person": self.person, "person_id": self.person_id,
                "first_seen": self.first_seen, "first_outlet": self.first_outlet,
                "first_article_id": self.first_article_id, "occurrences": self.occurrences,
                "articles": self.articles, "outlets": list(self.outlets), "last_seen": self.last_seen}


@dataclass(frozen=True)
class Neighbour:
    """One entity a person talks about, or one person talking about them, with how often."""

    name: str
    kind: str
    person_id: int | None
    statements: int
    quotes: int
    first: str | None
    last: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "person_id": self.person_id, "statements": self.statements,
                "quotes": self.quotes, "first": self.first, "last": self.last}


@dataclass(frozen=True)
class Edge:
    """Speaker -> subject: how many statements (and quotes) of the speaker are about the subject, when."""

    source: str
    source_id: int
    target: str
    target_kind: str
    target_id: int | None
    statements: int
    quotes: int
    first: str | None
    last: str | None

    @property
    def source_key(self) -> str:
        return f"p{self.source_id}"

    @property
    def target_key(self) -> str:
        return f"p{self.target_id}" if self.target_id is not None else f"e:{entity_key(self.target)}"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "source_id": self.source_id, "target": self.target,
                "target_kind": self.target_kind, "target_id": self.target_id, "statements": self.statements,
                "quotes": self.quotes, "first": self.first, "last": self.last}
