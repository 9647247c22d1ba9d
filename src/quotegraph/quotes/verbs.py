"""Reporting verbs: which tokens are cues, by lemma (data/cue_verbs.txt) and by position.

"said" is a cue anywhere; "continues" or "laughs" only right beside a quotation; "the said company"
and "a play called "Tides"" never.
"""
from __future__ import annotations

from spacy.tokens import Token

from quotegraph import lexicon


def right_after_quote(token: Token) -> bool:
    """`"…," he continues` / `"…," points out the resident`: the verb (or its subject) follows a closing mark."""
    i = token.i - 1
    while i >= 0 and (token.doc[i].pos_ in ("PRON", "PROPN", "ADV") or token.doc[i].dep_ == "compound") \
            and token.i - i <= 3:
        i -= 1
    return i >= 0 and token.doc[i].text == '"' and i > 0 and token.doc[i - 1].text in (",", "?", "!", "…")

def _right_before_quote(token: Token) -> bool:
    """`Ruiz continues, "…"`: the verb (and a comma or colon) opens a quotation."""
    following = [t for t in token.doc[token.i + 1:token.i + 3] if not t.is_space]
    return len(following) == 2 and following[0].text in (",", ":") and following[1].text == '"'

def is_cue_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in lexicon.CUE_VERBS and lemma not in lexicon.CUE_VERBS_AFTER_QUOTE:
        return False
    after_quote = right_after_quote(token) or _right_before_quote(token)
    # The tagger reads "points" in `"…," points out the resident` as a plural noun.
    if token.pos_ not in ("VERB", "AUX") and not (after_quote and token.tag_ == "NNS"):
        return False
    if lemma not in lexicon.CUE_VERBS and not after_quote:
        return False
    # "a play called "Tides"", "data to suggest …": a verb modifying a noun names or
    # qualifies a thing; nobody speaks.
    if token.dep_ == "acl" and token.tag_ in ("VBN", "VB"):
        return False
    # "the said company", "so-called": not speech. "won't say", "declined to say": no words reported.
    if token.dep_ in ("amod", "compound") or any(c.dep_ == "neg" for c in token.children):
        return False
    return not (token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in token.head.children))
