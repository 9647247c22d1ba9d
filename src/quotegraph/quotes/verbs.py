"""Reporting verbs: which tokens are cues, by lemma (data/cue_verbs.txt) and by position.

"said" is a cue anywhere; "continues" or "laughs" only right beside a quotation; "the said company"
and "a play called "Tides"" never.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from quotegraph import lexicon
from quotegraph.nlp import tokens_with_any


# The parts of speech of a plain noun phrase ("union members and leaders", "a senior aide"): what may
# stand between a comma and an inserted cue as its subject.
NOUN_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "CCONJ", "NUM"})


def _closes_quotation(token: Token, i: int) -> bool:
    """doc[i] is a closing quote mark after a comma, "?", "!" or "…" (`"…,"`)."""
    return i > 0 and token.doc[i].text == '"' and token.doc[i - 1].text in (",", "?", "!", "…")


def paragraph_break(token: Token) -> bool:
    """A line break between paragraphs: no report runs over one, and no speaker is taken across one."""
    return token.is_space and "\n" in token.text


def _opening_mark(doc: Doc, closing: int) -> int:
    """Where the quotation that closes at doc[closing] opened (-1 when not in its paragraph)."""
    for i in range(closing - 1, -1, -1):
        if doc[i].text == '"':
            return i
        if paragraph_break(doc[i]):
            break
    return -1


def right_after_quote(token: Token) -> bool:
    """`"…," he continues` / `"…," points out the resident` / `"…," the officer laughed`: the verb (or
    its subject) follows a closing mark."""
    i = token.i - 1
    while i >= 0 and (token.doc[i].pos_ in ("PRON", "PROPN", "ADV") or token.doc[i].dep_ == "compound") \
            and token.i - i <= 3:
        i -= 1
    subject = next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i), None)
    if _closes_quotation(token, i):
        # `Ruiz, citing "the calm of the markets," said …`: the subject came before the quotation,
        # which is part of the subject's phrase; the verb reports what follows it.
        opening = _opening_mark(token.doc, i)
        if subject is not None and subject.i < opening:
            return False
        # `Ruiz, citing "…," said …` with the subject parsed under the participle: a quotation opened
        # right after a word of the same sentence is a phrase in it, not words the verb reports.
        return not (opening > token.sent.start and token.doc[opening - 1].is_alpha)
    return subject is not None and subject.right_edge.i == token.i - 1 and token.i - subject.left_edge.i <= 4 \
        and _closes_quotation(token, subject.left_edge.i - 1)


def _right_before_quote(token: Token) -> bool:
    """`Ruiz continues, "…"`: the verb (and a comma or colon) opens a quotation."""
    following = [t for t in token.doc[token.i + 1:token.i + 3] if not t.is_space]
    return len(following) == 2 and following[0].text in (",", ":") and following[1].text == '"'

def _bare_after_quote(token: Token) -> bool:
    """`"…," Hannity started.` / `"…?" she snapped`: any verb of a bare clause (subject and verb,
    nothing after but the sentence's end) right after a quotation that ends in a comma, "?" or "!"
    tells how the words were said."""
    if token.tag_ not in ("VBD", "VBZ") or token.lemma_.lower() in lexicon.NOT_CUE_VERBS or token.dep_ == "relcl":
        return False
    if not any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in token.children) or \
            any(c.i > token.i and c.dep_ not in ("punct", "advmod", "npadvmod", "nsubj") for c in token.children):
        return False
    end = max([token.i] + [c.right_edge.i for c in token.children if c.i > token.i and c.dep_ != "punct"])
    following = token.doc[end + 1] if end + 1 < len(token.doc) else None
    if not (following is None or following.text in (".", ",", "!", "?") or following.is_space):
        return False
    return right_after_quote(token)


def _inverted_after_quote(token: Token) -> bool:
    """`"Get out," growled the guard.` / `"…," thundered Senator Ray Cole.`: any past-tense verb
    right after a quotation that ends in a comma, "?" or "!", followed by nothing but who spoke
    (a noun phrase to the sentence's end), tells how the words were said."""
    if token.tag_ not in ("VBD", "VBZ") or token.lemma_.lower() in lexicon.NOT_CUE_VERBS \
            or not _closes_quotation(token, token.i - 1) or any(c.dep_ == "nsubj" and c.i < token.i for c in token.children):
        return False
    # The quotation opens its sentence (`Her film, "Tides," opened …` names a thing).
    opening = _opening_mark(token.doc, token.i - 1)
    if opening < 0:
        return False
    previous = token.doc[opening - 1] if opening > 0 else None
    if previous is not None and not previous.is_space and previous.text not in (".", "!", "?", ":", '"'):
        return False
    rights = [c for c in token.rights if c.dep_ != "punct"]
    if not rights or any(c.dep_ not in ("nsubj", "dobj", "npadvmod", "appos", "attr") for c in rights) \
            or rights[0].pos_ not in ("NOUN", "PROPN"):
        return False
    end = max(c.right_edge.i for c in rights)
    following = token.doc[end + 1] if end + 1 < len(token.doc) else None
    return following is None or following.text in (".", "!", "?") or following.is_space


def _document_reads(token: Token) -> bool:
    """"Her statement read, in part: "…"": a document reads what it says (the tagger may call this
    "read" a noun, but a noun has no subject)."""
    return token.lower_ in ("read", "reads") and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in lexicon.DOCUMENT_NOUNS for c in token.children)


# Verbs of speaking that are no cue by themselves ("spoke about the fire") but open a quotation
# after a colon.
_SPEAKING = frozenset({"speak", "address", "talk"})


def _opens_quotation_with_colon(token: Token) -> bool:
    """`The charter affirms: "…"` / `Ruiz fired back: "…"`: any verb with a subject, ending its clause
    with a colon (or "back" and a comma) right before a quotation, introduces it."""
    document_reads = _document_reads(token)
    if token.tag_ not in ("VBD", "VBZ", "VBP") and not document_reads:
        return False
    if token.lemma_.lower() in lexicon.NOT_CUE_VERBS and not document_reads:
        return False
    following = [t for t in token.doc[token.i + 1:token.i + 5] if not t.is_space]
    if document_reads and [t.lower_ for t in following[:3]] == [",", "in", "part"]:
        following = [t for t in token.doc[token.i + 4:token.i + 7] if not t.is_space]
    # "she spoke to the council: "…"": a verb of speaking may name whom it addressed first.
    addressed = [c for c in token.rights if c.dep_ in ("prep", "dobj", "dative") and c.right_edge.i - token.i <= 8]
    if token.lemma_.lower() in _SPEAKING and addressed:
        following = [t for t in token.doc[addressed[0].right_edge.i + 1:addressed[0].right_edge.i + 3]
                     if not t.is_space]
    particle = 1 if following and following[0].dep_ in ("prt", "advmod") else 0  # "fired back:"
    # "Ruiz shot back, "…"": a retort opens its quotation after a comma too.
    opener = (":", ",") if particle and following[0].lower_ == "back" else (":",)
    following = following[particle:]
    # (The quotation in the same paragraph: one that opens the next paragraph may be anyone's.)
    return len(following) >= 2 and following[0].text in opener and following[1].text == '"' \
        and not any(paragraph_break(t) for t in token.doc[following[0].i:following[1].i]) \
        and any(c.dep_ == "nsubj" and c.i < token.i and c.tag_ not in ("WP", "WDT") for c in token.children) \
        and token.dep_ != "pcomp"  # "apologized for what happened: "…"": no one there speaks


def puts_it(token: Token) -> bool:
    """"As the mayor put it, …" / "…, as she puts it": "put it" names a way of saying."""
    if token.lemma_.lower() != "put" or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children):
        return False
    # "put it: "…"", "put it plainly: "…"": the last of "it" and its adverbs opens the quotation.
    last = max(c.right_edge.i for c in token.children if c.i > token.i and c.dep_ in ("dobj", "advmod"))
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children) or _right_before_quote(token.doc[last])


def noun_tagged_cue(token: Token) -> bool:
    """"Trump claims the race is rigged": the tagger can read a verb after a name as a plural noun
    ("Trump claims" as a compound); a clause's root with a name before it and a clause after it is
    the verb all the same."""
    return token.tag_ == "NNS" and token.dep_ == "ROOT" and token.lemma_.lower() in lexicon.CUE_VERBS \
        and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children) \
        and noun_tagged_subject(token) is not None


def noun_tagged_subject(token: Token) -> Token | None:
    """The name the tagger joined to a noun-tagged cue ("Trump" in "Trump claims")."""
    before = [c for c in token.children if c.dep_ in ("compound", "nsubj") and c.i == token.i - 1]
    return before[0] if before and before[0].pos_ in ("PROPN", "NOUN", "PRON") else None


# Parts of speech that are never a cue (a cue is a verb, or a verb the tagger took for a noun).
_NEVER_CUES = frozenset({"PUNCT", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "PART", "NUM", "SPACE", "SYM", "INTJ"})


# What `is_cue_verb` can accept: a verb, a noun (a speech noun, or a verb the tagger took for a
# plural noun), and any form of "put" ("as she put it").
_CUE_SHAPES = ({"POS": ("VERB", "AUX", "NOUN")}, {"TAG": ("NNS",)}, {"LEMMA": ("put",)}, {"LOWER": ("put",)})


def possible_cues(doc: Doc, openers: tuple[str, ...] = ()) -> list[Token]:
    """The tokens, in text order, that can be cues, and any token whose lowercase form is in
    `openers` ("according"). One array pass: most of an article's tokens need no rule."""
    return tokens_with_any(doc, *_CUE_SHAPES, {"LOWER": openers} if openers else {})


def misread_participle(token: Token) -> bool:
    """`"…," Paul Girard, the bank's risk officer, mentioned in a column`: the parser can read a past
    tense after a name and its apposition as a participle modifying the name; right after a closing
    quote, the name is the speaker and the verb its cue."""
    name = token.head
    # "One trustee called Kay "a fraud."": with no other verb in the sentence, the noun the
    # participle modifies is the subject of a past tense.
    if token.dep_ == "acl" and token.tag_ in ("VBN", "VBD") and name.dep_ == "ROOT" and name.i < token.i \
            and name.pos_ in ("NOUN", "PROPN") and not any(c.dep_ == "agent" for c in token.children) \
            and any(c.dep_ in ("dobj", "oprd", "ccomp") for c in token.children):
        return True
    if token.dep_ != "acl" or token.tag_ != "VBN" or name.pos_ not in ("PROPN", "NOUN") \
            or not name.i < token.i <= name.i + 12:
        return False
    first = name.i  # the name's first word (its subtree can hold the quotation too)
    # (`"…," a guard whispered`: a noun with its determiner and modifiers.)
    while first > 0 and token.doc[first - 1].head.i == name.i and (
            token.doc[first - 1].pos_ == "PROPN" or name.pos_ == "NOUN" and token.doc[first - 1].pos_ in ("DET", "ADJ")):
        first -= 1
    return _closes_quotation(token, first - 1) and (token.i == name.i + 1 or token.doc[token.i - 1].text == ",")


def is_cue_verb(token: Token) -> bool:
    if token.pos_ in _NEVER_CUES:
        return False
    lemma = token.lemma_.lower()
    if lemma == "put" and puts_it(token):
        return True
    if lemma not in lexicon.CUE_VERBS and lemma not in lexicon.CUE_VERBS_AFTER_QUOTE:
        return token.pos_ == "VERB" and (_bare_after_quote(token) or _opens_quotation_with_colon(token)
                                         or _inverted_after_quote(token))
    after_quote = right_after_quote(token) or _right_before_quote(token) or _opens_quotation_with_colon(token)
    # The tagger reads "points" in `"…," points out the resident` as a plural noun.
    if token.pos_ not in ("VERB", "AUX") and not (after_quote and token.tag_ == "NNS") and not noun_tagged_cue(token) \
            and not _document_reads(token):
        return False
    if lemma not in lexicon.CUE_VERBS and not after_quote:
        return False
    # "a play called "Tides"", "data to suggest …": a verb modifying a noun names or
    # qualifies a thing; nobody speaks.
    if token.dep_ == "acl" and token.tag_ in ("VBN", "VB") and not misread_participle(token):
        return False
    # "All told, the group raised $4 million": the idiom sums up; nobody told anyone anything.
    if token.lower_ == "told" and token.i > 0 and token.doc[token.i - 1].lower_ == "all" \
            and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == ",":
        return False
    # "the said company", "so-called": not speech. "won't say", "declined to say": no words reported.
    # (`"Apparently not," he said`: a "not" inside the quotation is the speaker's, not a negation.)
    if token.dep_ in ("amod", "compound") or any(
            c.dep_ == "neg" and not any(t.text == '"' for t in token.doc[c.i:token.i]) for c in token.children):
        return False
    return not (token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in token.head.children))
