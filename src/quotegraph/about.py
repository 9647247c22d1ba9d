"""About whom each quote is: the people, organisations, places and groups its content mentions.

Pure, after in-article resolution: the parsed article, its quotes and people in, `About` records
out. Inside a quote's span (for an indirect quote that is its reported clause):

1. the article's people by name or by any alias the article gave them ("the UK Defence Secretary"
   is Ben Wallace when the article said so);
2. named entities (spaCy NER): persons (folded into the article's people), organisations, places,
   groups (nationalities, religious and political groups);
3. third-person pronouns ("he", "they") resolved as a speaker pronoun is (the person or
   organisation named last before it);
4. definite descriptions: "the group" / "the company" -> the organisation the article named, "the
   defence secretary" -> the article's holder of that office.

The speaker is never about themselves (a quote's "he" that is its speaker is dropped), and first-
and second-person pronouns are about no one.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from quotegraph import lexicon
from quotegraph.clean import Cleaned
from quotegraph.nlp import tokens_with_any
from quotegraph.people import in_article
from quotegraph.people.names import (clean_name, is_definite, is_title_word, noun_phrase, role_from_tokens)
from quotegraph.records import About, Person, Quote

# NER label -> the kind of thing a quote is about.
_KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
                  "NORP": "group"}
_THIRD_PERSON = frozenset(w for w, kind in lexicon.PRONOUN_CLASS.items() if kind in ("male", "female", "plural"))
# add(entity, kind, start, end, via): record one mention inside the quote being read.
_Add = Callable[[str, str, int, int, str], None]
_DESCRIPTION_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "attr")


def _alias_patterns(people: Sequence[Person]) -> list[tuple[str, re.Pattern[str], str]]:
    """(first word, pattern, name) per written alias of a person ("UK Defence Secretary", "Mr
    Stoltenberg"), longest first, whitespace-tolerant (articles put non-breaking spaces inside names).
    A quote without the first word cannot match: the pattern is not run on it."""
    found = []
    for person in people:
        if person.kind != "person":
            continue
        for alias in {person.name, *person.aliases}:
            words = alias.split()
            if not words or alias.lower() in lexicon.PRONOUN_CLASS or not any(c.isupper() for c in alias) \
                    or len(alias) < 3:
                continue
            found.append((len(alias), alias, person.name))
    found.sort(reverse=True)
    return [(alias.split()[0], _alias_pattern(alias), name) for _, alias, name in found]


@functools.lru_cache(maxsize=4096)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    """An alias as a pattern, kept: a corpus names the same people article after article, and
    compiling was over a quarter of the time spent finding what quotes are about."""
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, alias.split())) + r"(?!\w)")


def find(doc: Doc, cleaned: Cleaned, quotes: Sequence[Quote], people: Sequence[Person]) -> tuple[About, ...]:
    """Every entity each quote is about, in quote order then text order."""
    # Taken off the Doc at once: a Doc handed back to spaCy users must stay serialisable.
    resolver = doc.user_data.pop(in_article.RESOLVER_KEY, None)
    if not quotes:
        return ()
    text = cleaned.original
    if not isinstance(resolver, in_article.Resolver):  # a document resolved elsewhere
        resolver = in_article.Resolver(doc, cleaned.captions, cleaned.text)
    patterns = _alias_patterns(people)
    names = {p.name for p in people if p.kind == "person"}
    found: list[About] = []
    entities = resolver.entities
    # The only tokens `_token_about` can read: pronouns and singular common nouns, in text order.
    candidates = tokens_with_any(doc, {"POS": ("PRON",)}, {"POS": ("NOUN",), "TAG": ("NN",)})
    starts = [t.i for t in candidates]
    for index, quote in enumerate(quotes):
        taken: list[tuple[int, int]] = []
        records: list[About] = []

        def add(entity: str, kind: str, start: int, end: int, via: str,
                index: int = index, quote: Quote = quote, taken: list = taken, records: list = records) -> None:
            if not entity or entity == quote.person or any(s < end and start < e for s, e in taken):
                return
            taken.append((start, end))
            records.append(About(quote=index, entity=entity, kind=kind, start=start, end=end,
                                 text=text[start:end], via=via))

        body = text[quote.start:quote.end]
        for first_word, pattern, name in patterns:
            if first_word not in body:
                continue
            for match in pattern.finditer(body):
                add(name, "person", quote.start + match.start(), quote.start + match.end(), "alias")
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        for ent in (e for e in entities if span.start <= e.start and e.end <= span.end):
            kind = _KIND_OF_LABEL.get(ent.label_)
            if kind is None or "/" in ent.text:
                continue
            name = clean_name(ent) or ent.text
            if kind == "person":
                cluster = resolver.person_of_name(name, ent.start_char)
                name = cluster.name if cluster is not None and cluster.name in names else name
            elif kind == "organisation":
                name = resolver.expand_acronym(name)
            add(name, kind, ent.start_char, ent.end_char, "name")
        for token in candidates[bisect.bisect_left(starts, span.start):bisect.bisect_left(starts, span.end)]:
            if token.ent_type_:
                continue
            _token_about(resolver, token, names, add)
        records.sort(key=lambda r: r.start)
        found.extend(records)
    return tuple(found)


def _token_about(resolver: in_article.Resolver, token: Token, names: set[str], add: _Add) -> None:
    """A pronoun or definite description inside a quote, when the article says whom it stands for."""
    start, end = token.idx, token.idx + len(token.text)
    if token.pos_ == "PRON":
        if token.lower_ not in _THIRD_PERSON:
            return
        who = resolver.pronoun(token)
        if who.person is None or who.kind not in ("person", "organisation"):
            return
        kind = "person"
        if who.kind == "organisation":
            # "they" stands for an organisation or a group the article named, not for a country.
            label = next((lab for _, name, lab in reversed(resolver.organisations) if name == who.person), "ORG")
            if label not in ("ORG", "NORP"):
                return
            kind = _KIND_OF_LABEL[label]
        elif who.person not in names:
            return
        add(who.person, kind, start, end, "pronoun")
        return
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.dep_ not in _DESCRIPTION_DEPS \
            or not is_definite(token) or not any(c.dep_ in ("det", "poss") for c in token.children):
        return
    tokens = noun_phrase(token)
    tokens = [t for t in tokens if t.i <= token.i]
    first = tokens[0].idx if tokens else start
    if is_title_word(token):
        role = role_from_tokens(tokens)
        holder = resolver.holder_of(role) if role is not None else None
        if holder is not None and holder.name in names:
            add(holder.name, "person", first, end, "description")
        return
    if token.lemma_.lower() in lexicon.ORGANISATION_NOUNS:
        organisation = resolver.organisation_described(token, tokens)
        if organisation:
            add(organisation, "organisation", first, end, "description")

