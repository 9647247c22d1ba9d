"""Cue frames: the shapes in which a reporting verb carries what was said, one small rule each.

A verb reports only in the frames `data/cue_verbs.txt` lists for it: "say" takes a clause ("said
the fund is empty") but not a noun ("said goodbye"); "announce" takes both; "ask" takes a question
("asked whether ...") or an about-phrase ("asked about the merger"), "vow" an infinitive ("vowed to rebuild"), "call" an object and what it is
called ("called the deal "dead"") or a "for" phrase ("called for an inquiry"). Each frame reads the
verb's right-hand children as spaCy's parse gives them.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Token

from quotegraph import lexicon

# Words that open a question: "asked whether/if/why ...". A "that" frame never reports one.
QUESTION_WORDS = frozenset({"what", "whether", "if", "how", "why", "when", "where", "who", "which", "whom"})
_NOMINAL = {"NOUN", "PROPN", "NUM"}


def frames_of(verb: Token) -> frozenset[str]:
    """The frames `verb` reports in (empty for a verb that is no cue)."""
    return lexicon.CUE_FRAMES.get(verb.lemma_.lower(), frozenset())


def _opens_question(clause: Token) -> bool:
    """"asked whether/if …": the question word introduces the clause itself. In "said if elected he
    would …" or "said what the town needs is …" it belongs to a clause inside: a statement."""
    first = clause.left_edge
    return first.lower_ in QUESTION_WORDS and first.i > clause.head.i and not _in_inner_clause(first, clause.head)


def infinitive(token: Token) -> bool:
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _that(verb: Token, rights: Sequence[Token]) -> bool:
    """"said (that) the fund is empty": a clausal complement that is not a question; or one that
    opens with a gerund ("said having a plan matters", "denied knowing him"), which the parser
    hangs from the verb as an open complement."""
    return any(c.dep_ == "ccomp" and not _opens_question(c) and not _manner_clause(c)
               # "agreed that the board has little power to block it": the parse can break the clause up and
               # hang its pieces from the verb; a piece opening with "that" still opens a clause.
               or c.dep_ == "dobj" and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"
               or c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == verb.i + 1
               # "which forecasters warned could bring …": a modal clause the parser calls open
               or c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.tag_ == "MD" for a in c.children) for c in rights)


def _manner_clause(clause: Token) -> bool:
    """"told it like it was", "said it as if nothing happened": a clause of manner, not a report."""
    return any(c.dep_ == "mark" and c.lower_ in ("like", "as") and c.i < clause.i for c in clause.children)


def _answer(verb: Token, rights: Sequence[Token]) -> bool:
    """"72 percent said yes", "he said no to the war", "half said so", "64 percent say the same": an
    answer the verb reports
    ("said goodbye" is none)."""
    return bool(rights) and rights[0].lower_ in ("yes", "no") and rights[0].dep_ in ("intj", "dobj") \
        or bool(rights) and rights[0].lower_ == "so" and rights[0].dep_ == "advmod" \
        or bool(rights) and rights[0].lower_ == "same" and rights[0].dep_ == "dobj"  # "say the same of Kent"


def _question(verb: Token, rights: Sequence[Token]) -> bool:
    """"asked whether the vote would be delayed", "asked the minister if ...", "wondered why ..."."""
    return any(c.dep_ in ("ccomp", "advcl") and _opens_question(c) for c in rights)


def _to(verb: Token, rights: Sequence[Token]) -> bool:
    """"vowed to rebuild the bridge", "urged councillors to reject the plan", "called on Ottawa to act"."""
    return any(c.dep_ in ("xcomp", "ccomp") and infinitive(c) for c in rights)


def _object(verb: Token, rights: Sequence[Token]) -> bool:
    """"announced his resignation": a noun object (not a pronoun: "announced it" says nothing)."""
    return bool(rights) and rights[0].dep_ == "dobj" and rights[0].pos_ in _NOMINAL


def _complement(verb: Token, rights: Sequence[Token]) -> bool:
    """"called the deal "dead"", "described the figures as preliminary", "accused the board of
    ignoring the audit", "warned parents against sending …": an object and what the speaker calls it."""
    # ("called Kay "a fraud"": the parse can read either part as the other; two objects with no
    # quoted words are more often a verb with an object and an adjunct the parse misread.)
    objects = [c for c in rights if c.dep_ == "dobj"]
    if sum(c.dep_ == "oprd" for c in rights) >= 2 or len(objects) >= 2 and any(
            t.is_quote for t in objects[-1].doc[objects[-1].left_edge.i - 1:objects[-1].right_edge.i + 1]):
        return True
    if not rights or rights[0].dep_ != "dobj":
        return False
    obj = rights[0]
    if any(c.dep_ == "oprd" for c in verb.children) or any(c.dep_ == "appos" and _in_marks(c) for c in obj.rights):
        return True  # ("called the offer 'an insult'": the parse can read the quoted words as an apposition)
    # The parse hangs "as"/"of" from the verb, from the object, or marks a clause with "as".
    linked = [c for c in verb.children if c.i > obj.i] + list(obj.rights) + \
        [m for c in verb.children if c.dep_ == "advcl" and c.i > obj.i for m in c.children if m.dep_ == "mark"]
    return any(t.lower_ in ("as", "of", "against") for t in linked)  # "warned parents against …"


def _in_marks(head: Token) -> bool:
    doc, first, last = head.doc, head.left_edge.i, head.right_edge.i
    return first > 0 and last + 1 < len(doc) and doc[first - 1].is_quote and doc[last + 1].is_quote


FRAMES: dict[str, Callable[[Token, Sequence[Token]], bool]] = {
    "that": _that, "question": _question, "to": _to, "object": _object, "complement": _complement,
}


def reports(verb: Token, rights: Sequence[Token]) -> bool:
    """Whether `rights` (the verb's right-hand complements, adjuncts before them left out) are what
    `verb` reports, in one of its frames."""
    return any(FRAMES[name](verb, rights) for name in frames_of(verb) if name in FRAMES) or \
        verb.lemma_.lower() == "say" and _answer(verb, rights)


def for_phrase(verb: Token) -> list[Token]:
    """"called for an independent inquiry": the words after "for", when the verb has that frame."""
    if "for" not in frames_of(verb):
        return []
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
    if prep is None or prep.i != verb.i + 1 + sum(1 for c in verb.rights if c.dep_ == "prt" and c.i < prep.i):
        return []
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    tokens = sorted((t for c in objects for t in c.subtree), key=lambda t: t.i)
    # "called for the board to resign": the parse hangs the infinitive from the verb; it is the call's.
    if tokens:
        following = next((c for c in verb.rights if c.i > tokens[-1].i and infinitive(c)
                          and c.left_edge.i == tokens[-1].i + 1), None)
        if following is not None:
            tokens += list(verb.doc[following.left_edge.i:following.right_edge.i + 1])
    return tokens


def about_phrase(verb: Token) -> list[Token]:
    """"asked about the merger", "was questioned about his taxes": the about-phrase, "about"
    included, when the verb has that frame and the phrase comes first after it."""
    if "about" not in frames_of(verb):
        return []
    rights = [c for c in verb.rights if not c.is_punct and not c.is_space]
    prep = next((c for c in rights if c.dep_ == "prep" and c.lower_ == "about"), None)
    if prep is None or any(c.i < prep.i and c.dep_ not in ("advmod", "npadvmod", "dobj", "dative") for c in rights):
        return []
    tokens = sorted(prep.subtree, key=lambda t: t.i)
    return tokens if len(tokens) > 1 else []


def asks_question(verb: Token, first: Token) -> bool:
    """A content that opens with a question word is reported only by a verb with the question frame
    ("asked what ..."); "said what he thought" reports nothing."""
    return first.lower_ in QUESTION_WORDS and not _in_inner_clause(first, verb) and "question" not in frames_of(verb)


def _in_inner_clause(word: Token, verb: Token) -> bool:
    """"said if elected he would …", "said what the town needs is …": the word belongs to an adverbial
    or subject clause inside the report, not to the report's own opening."""
    if word.dep_ == "mark" and word.head.head.i != verb.i:
        return True  # "if" marking a word inside the clause, not the clause itself
    token = word
    while token.head.i != token.i and token.head.i != verb.i:
        if token.dep_ in ("advcl", "csubj"):
            return True
        token = token.head
    return False
