"""Cues: reporting verbs ("said", "warned", "according to") with their speaker and reported content.

Read from spaCy's dependency parse: the speaker is the verb's subject (or the subject of the verb it
hangs from: "… and said", "…, saying"), the content its clausal complement, or the clause the cue
is attached to ("The toll rose to 280, officials said").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotegraph import lexicon

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Speaker-less constructions where the verb hangs from another verb that carries the subject.
_SUBJECT_FROM_HEAD = {"conj", "advcl", "xcomp", "pcomp", "acl", "dep"}
_CONTENT_DEPS = {"ccomp"}
# Nouns that carry somebody's words: "according to the union's statement" names the union.
_DOCUMENT_NOUNS = {"statement", "release", "report", "letter", "post", "tweet", "email", "filing",
                   "document", "documents", "interview", "remarks", "comments", "note", "memo", "website"}
_TRIM = " \n,;:.-—–"


@dataclass(frozen=True)
class Cue:
    """A reporting verb (or "according to") with its speaker's head token and content span."""

    verb_start: int
    verb_end: int
    verb_text: str
    speaker: Token | None
    content_start: int | None  # characters in the doc text
    content_end: int | None
    sentence: Span
    verb_index: int

    @property
    def has_content(self) -> bool:
        return self.content_start is not None


def _char_span(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    text = tokens[0].doc.text
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def _subject(verb: Token) -> Token | None:
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        if verb.dep_ not in _SUBJECT_FROM_HEAD or verb.head is verb:
            return None
        verb = verb.head
    return None


def _is_cue_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in lexicon.CUE_VERBS:
        return False
    # "said" as an adjective-like modifier ("the said company") or in "so-called" is not speech.
    return token.dep_ not in ("amod", "compound")


def _content_tokens(verb: Token) -> list[Token]:
    """The reported content: the complement clause, or the clause the cue verb is attached to."""
    complement = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if complement:
        tokens: list[Token] = []
        for clause in complement:
            tokens.extend(clause.subtree)
        return sorted(tokens, key=lambda t: t.i)
    # "…, officials said." where the reported clause governs the cue (parataxis / ccomp upwards).
    head = verb.head
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and head is not verb and head.i < verb.i:
        cue_edge = verb.left_edge.i
        return [t for t in head.subtree if t.i < cue_edge]
    # "said despite “…”": a prepositional or object complement right after the verb.
    after = [c for c in verb.rights if c.dep_ in ("prep", "dobj", "attr", "oprd", "advcl") and
             any(t.text == '"' for t in c.subtree)]
    if after:
        return list(after[0].subtree)
    return []


def _according_to(token: Token) -> Cue | None:
    """"…, according to the union's statement": speaker = the union, content = the host clause."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    if source.lemma_.lower() in _DOCUMENT_NOUNS:
        owner = next((c for c in source.children if c.dep_ == "poss"), None)
        source = owner or source
    host = token.head
    own = set(t.i for t in token.subtree)
    tokens = [t for t in host.subtree if t.i not in own] if host is not token else []
    span = _char_span(tokens)
    end = to.idx + len(to.text)
    return Cue(token.idx, end, token.doc.text[token.idx:end], source,
               span[0] if span else None, span[1] if span else None, token.sent, token.i)


def find_cues(doc: Doc) -> Iterator[Cue]:
    """Every cue in `doc`, in text order."""
    for token in doc:
        if token.lower_ == "according" and token.dep_ in ("prep", "advcl", "dep", "pcomp"):
            cue = _according_to(token)
            if cue is not None:
                yield cue
            continue
        if not _is_cue_verb(token):
            continue
        span = _char_span(_content_tokens(token))
        auxiliaries = [c for c in token.lefts if c.dep_ in ("aux", "auxpass") and c.i == token.i - 1]
        first = auxiliaries[0] if auxiliaries else token
        yield Cue(first.idx, token.idx + len(token.text), doc.text[first.idx:token.idx + len(token.text)],
                  _subject(token), span[0] if span else None, span[1] if span else None, token.sent, token.i)
