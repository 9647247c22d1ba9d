"""What a cue reports: the content span of a reporting verb, read off the parse and the surface.

To the right of the verb in one of its frames (`quotes/frames.py`); before a trailing or inserted
cue ("…, officials said", "…, she said, …"), and after it; the host clause of an as-clause ("As the
mayor told reporters, …"); a relative clause's antecedent ("the figures, which the ministry described
as preliminary"). A report never crosses a paragraph break.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from quotegraph import lexicon
from quotegraph.quotes import frames
from quotegraph.quotes.speakers import is_passive, nearest_subject, raised_subject, subject_after, titled_name_before
from quotegraph.quotes.verbs import NOUN_PHRASE_POS, is_cue_verb, paragraph_break, right_after_quote


_CONTENT_DEPS = {"ccomp"}

_TRIM = " \n,;:.-—–"

# Children of a cue verb that come before what it reports: "said in a statement on Friday that …".
_ADJUNCTS = {"prep", "advmod", "npadvmod", "dative", "agent", "prt", "aux", "neg"}

# Right-hand children that are never part of what is reported ("…," quipped Stone, who …).
_NOT_CONTENT = {"punct", "cc", "conj", "nsubj", "nsubjpass", "expl", "csubj"}

# Words that open something other than the rest of a report after an inserted cue ("…, she said, who …").
SUBORDINATORS = frozenset({"while", "although", "though", "because", "before", "after", "when", "since", "until", "if",
                           "unless", "whereas"})
_REASONS = frozenset({"because", "since", "unless"})
_NOT_AFTER_CUE = {"who", "which", "according", "and", "but", "as", "then", "so"} | SUBORDINATORS

# Punctuation a report does not end on when it is cut before a second report.
_TRAILING = {",", "-", "—", "–", ";"}


def _trimmed(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[-1].text in _TRAILING:
        tokens = tokens[:-1]
    return tokens


def crosses_paragraph(tokens: list[Token]) -> bool:
    return any(paragraph_break(t) for t in tokens)


def char_span(tokens: list[Token]) -> tuple[int, int] | None:
    if not tokens:
        return None
    # Doc.text joins every token on each access: slice a span instead.
    offset = tokens[0].idx
    text = tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text
    start, end = 0, len(text)
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # "… Afghanistan and [said …]": a conjunction left at the end belongs to what follows.
    for conjunction in (" and", " but", " or"):
        if text[start:end].endswith(conjunction):
            end -= len(conjunction)
            while end > start and text[end - 1] in _TRIM:
                end -= 1
    if end == len(text) and _closes_open_mark(tokens[-1], text[start:end]):
        end += len(tokens[-1].doc[tokens[-1].i + 1].text)  # "called the offer 'an insult'": its mark too
    return (offset + start, offset + end) if end > start else None


def _closes_open_mark(last: Token, text: str) -> bool:
    """Whether the token after `last` closes a quotation that opens inside `text` (the parse can hang
    the closing mark on the verb, outside the words it closes)."""
    if last.whitespace_ or last.i + 1 >= len(last.doc):
        return False
    mark = last.doc[last.i + 1].text
    if mark in ("'", "\u2019"):
        return bool(re.search(r"(?:^|\s)['\u2018]\w", text)) and not re.search(r"\w['\u2019](?:\s|$)", text)
    if mark in ('"', "\u201d"):
        return (text.count('"') + text.count("\u201c") + text.count("\u201d")) % 2 == 1
    return False


def _right_content(verb: Token) -> list[Token]:
    """What the verb reports to its right: from its first complement to the end of its last one.

    Leading adjuncts ("revealed in The Telegraph …", "told HuffPost Canada …") and trailing
    coordinated verbs ("… and said …") or participles ("…, adding …") are left out; the parse of
    long reported clauses is often wrong inside, so the span is taken from the edges.
    """
    called_for = frames.for_phrase(verb) or frames.about_phrase(verb)
    if called_for:
        return _without_next_subject(called_for)
    rights = [c for c in verb.rights if c.dep_ not in _NOT_CONTENT and not c.is_space]
    while rights and rights[-1].dep_ == "advcl" and rights[-1].tag_ == "VBG":
        rights.pop()
    # "A report that says the river is clean was published …": the parse can take the main clause's
    # verb (no subject of its own) for a second complement of the relative clause's cue.
    if verb.dep_ == "relcl" and len(rights) >= 2 and rights[-1].dep_ == "ccomp" and rights[-2].dep_ == "ccomp" \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in rights[-1].children):
        rights.pop()
    start = 0
    while start < len(rights) and (rights[start].dep_ in _ADJUNCTS and not has_quote(rights[start])
                                   or rights[start].dep_ == "dobj" and start + 1 < len(rights)
                                   and (rights[start].ent_type_ in ("PERSON", "ORG", "NORP")
                                        or _addressee(rights[start], rights[start + 1:])
                                        or _told_pronoun(verb, rights[start]))):
        start += 1
    skipped, rights = rights[:start], rights[start:]
    if not rights:
        return _clause_after_adjunct(verb, skipped)
    told = _clause_of_addressee(verb, rights)
    if told:
        return told
    if "\n" in verb.doc[verb.i:rights[0].left_edge.i].text:
        return []
    tokens = []
    behind = _clause_behind_adjunct(verb, rights[0])
    raised = raised_subject(verb)
    opening = behind or _fronted_clause(skipped, rights[0]) or _subject_after_date(skipped, rights[0]) \
        or (raised or rights[0]).left_edge
    # "called on Ottawa to act": who is called on to do it is part of the report, as with "urged
    # councillors to reject the plan".
    called_on = next((p for p in skipped if p.dep_ == "prep" and p.lower_ == "on" and p.i == verb.i + 1), None) \
        if verb.lemma_.lower() == "call" and rights[0].dep_ == "xcomp" and behind is None else None
    if called_on is not None:
        objects = [c for c in called_on.children if c.dep_ == "pobj"]
        if objects and objects[0].right_edge.i < rights[0].i and objects[0].ent_type_ not in ("DATE", "TIME"):
            opening = objects[0].left_edge
    # "a deal that union leaders said was "dead"": the relative pronoun stands before the cue.
    for token in verb.doc[max(opening.i, verb.i + 1):_modal_continuation_end(verb, rights[-1]) + 1]:
        if paragraph_break(token):
            break  # the parser can run a sentence over a paragraph break; a report never does
        tokens.append(token)
    # Stop before a coordinated cue ("… Afghanistan and said NATO is …") or a reporting participle
    # ("…, insisting …"): it reports on its own.
    for k, token in enumerate(tokens):
        if k == 0 or not is_cue_verb(token):
            continue
        if token.dep_ == "conj" and tokens[k - 1].lower_ in ("and", ",", "but") \
                or token.head == verb and tokens[k - 1].lower_ == "and" \
                or token.tag_ == "VBG" and tokens[k - 1].text in (",", '"'):
            tokens = tokens[:k - 1] if tokens[k - 1].text == "," else tokens[:k]
            break
        # "… to back the plan while adding, "…"": a participle after a subordinator reports on its own.
        if token.tag_ == "VBG" and tokens[k - 1].lower_ in ("while", "before", "after", "when") and k >= 2:
            tokens = _trimmed(tokens[:k - 1])
            break
        # "said the case was strong, while the defence lawyer, Sam Pike, said …": a second cue of
        # the sentence with its own subject ends the first one's report.
        if token.head == verb and token.dep_ in ("advcl", "conj") and any(c.dep_ == "nsubj" for c in token.children):
            first = next((j for j, t in enumerate(tokens) if t.i >= token.left_edge.i), k)
            tokens = tokens[:first]
            break
        # "said life would be worse, while nine in 10 said …", "… 38 percent who said …": wherever
        # the parse hangs it, a cue with its own subject after a clause boundary reports on its own.
        boundary = _second_report_boundary(token, tokens[0].i)
        if boundary is not None:
            tokens = _trimmed([t for t in tokens if t.i < boundary])
            break
    if verb.dep_ == "relcl":
        tokens = _relative_report_end(tokens)
    tokens = _without_narrated_conjunct(tokens)
    if has_quote(rights[0]) or frames.reports(verb, rights) or behind is not None:
        return _without_next_subject(tokens)
    return _object_then_modal(verb, rights)


def _object_then_modal(verb: Token, rights: list[Token]) -> list[Token]:
    """"warned more cuts could follow": the parse can take the clause's subject for the cue's object
    and hang the clause's verb elsewhere; a modal (or a finite verb joined to the cue) right after the
    object gives the clause back."""
    obj = rights[0]
    doc = verb.doc
    if obj.dep_ != "dobj" or obj.pos_ not in ("NOUN", "PROPN") or obj.right_edge.i + 2 >= len(doc) \
            or verb.dep_ == "acl" or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return []
    modal = doc[obj.right_edge.i + 1]
    clause = modal.head
    # ("recalled his first team had only 11 players": or a finite verb the parse joined to the cue
    # with no "and" between.)
    joined = modal.dep_ == "conj" and modal.head == verb and modal.tag_ in ("VBD", "VBZ", "VBP")
    if joined:
        clause = modal
    elif modal.tag_ != "MD" or modal.dep_ != "aux" or clause.tag_ != "VB" or clause.i <= modal.i \
            or clause in verb.subtree or clause in verb.ancestors:
        return []
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return []
    tokens = list(doc[obj.left_edge.i:clause.right_edge.i + 1])
    return [] if crosses_paragraph(tokens) else _trimmed(tokens)


_MODALS = frozenset({"would", "could", "might", "should", "will", "can", "may", "must"})


def _modal_continuation_end(verb: Token, last: Token) -> int:
    """Where the report ends: "said she hoped to win, and then would run again" goes on through a
    verb phrase with no subject of its own and a modal (the report's tense), which the parse can
    hang on the cue; "said she hoped to win, and left" is the reporter's narration."""
    end = last.right_edge.i
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i <= end \
                or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children) \
                or not any(c.dep_ == "aux" and c.lower_ in _MODALS and c.i < conj.i for c in conj.children) \
                or any(paragraph_break(t) for t in verb.doc[end + 1:conj.i]) or is_cue_verb(conj):
            continue
        end = conj.right_edge.i
    return end


def _relative_report_end(tokens: list[Token]) -> list[Token]:
    """"A deal that union leaders said was "dead" was revived …": a relative clause's report ends with
    its closing mark when a verb of the main clause follows (the parse can take it for the report's)."""
    marks = [k for k, t in enumerate(tokens) if t.is_quote]
    for k in marks[1::2]:
        if k + 1 < len(tokens) and tokens[k + 1].tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return tokens[:k + 1]
    return tokens


def _clause_behind_adjunct(verb: Token, first: Token) -> Token | None:
    """"said after the hearing she would seek a second term": the parse reads the adjunct as opening
    a subordinate clause ("after … she would seek"); the clause's subject opens the report."""
    if first.dep_ != "advcl" or first.pos_ not in ("VERB", "AUX") or "that" not in frames.frames_of(verb):
        return None
    if any(c.dep_ == "mark" for c in first.children):
        return None
    prep = next(iter(first.lefts), None)
    subject = next((c for c in first.lefts if c.dep_ == "nsubj"), None)
    if prep is None or subject is None or prep.dep_ != "prep" or prep.lower_ not in _MEDIUM_PREPOSITIONS \
            or prep.i != verb.i + 1 or subject.left_edge.i != prep.right_edge.i + 1:
        return None
    return subject.left_edge


def _subject_after_date(skipped: list[Token], clause: Token) -> Token | None:
    """"said on Monday famine in the province could no longer be prevented": the parse can read a
    date and the next noun as one ("Monday famine"); the words after the date are the subject of the
    clause that follows them, which has none of its own."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return None
    nouns = [t for prep in skipped if prep.dep_ == "prep" for t in prep.subtree if t.dep_ == "pobj"]
    for noun in nouns:
        if noun.right_edge.i + 1 != clause.left_edge.i or noun.ent_type_ in ("DATE", "TIME"):
            continue
        first = noun.left_edge
        dated = first
        while dated.i < noun.i and dated.ent_type_ in ("DATE", "TIME"):
            dated = dated.doc[dated.i + 1]
        if dated != first:
            return dated
    return None


# The words of one noun phrase ("the mayor's office"): no conjunction joining two.
_NOUN_PHRASE_WORDS = (NOUN_PHRASE_POS - {"CCONJ"}) | {"PART"}


def _fronted_clause(skipped: list[Token], report: Token) -> Token | None:
    """"says no matter what the province decides, "our budget …"": a clause with its own subject
    between the cue and a report that is no that-clause, set off by a comma, opens the report."""
    if not skipped or report.left_edge.lower_ == "that":
        return None
    clause = skipped[-1]
    if clause.dep_ not in ("advmod", "advcl"):
        return None  # "joked about his father, who wrote, "…"": a phrase of the cue's own
    doc = clause.doc
    end = clause.right_edge.i
    if end + 1 >= len(doc) or doc[end + 1].text != "," or not any(
            t.dep_ in ("nsubj", "nsubjpass") for t in clause.subtree) or _when_or_where_said(clause):
        return None
    return clause.left_edge


def _without_narrated_conjunct(tokens: list[Token]) -> list[Token]:
    """"said she would scrap the charges, and then left for Bexley": a past or present tense joined
    with no subject to a verb under a modal cannot share the modal; it is the reporter's narration."""
    for token in tokens:
        head = token.head
        if token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ") and head.i < token.i and head.tag_ == "VB" \
                and any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children) \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in token.children) \
                and tokens[0].i < head.i:
            cut = next((t.i for t in token.doc[head.i + 1:token.i] if t.dep_ == "cc" and t.head == head), token.i)
            return _trimmed([t for t in tokens if t.i < cut])
    return tokens


def _without_next_subject(tokens: list[Token]) -> list[Token]:
    """"asked the board about the budget and the chair said nothing": a report that ends on "and"
    and a noun phrase right before a verb outside it has taken the next clause's subject."""
    if not tokens or tokens[-1].i + 1 >= len(tokens[-1].doc):
        return tokens
    following = tokens[-1].doc[tokens[-1].i + 1]
    if following.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return tokens
    for k in range(len(tokens) - 2, 0, -1):
        if tokens[k].dep_ == "cc" and tokens[k].lower_ in ("and", "but", "or"):
            rest = tokens[k + 1:]
            if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in rest) and all(t.pos_ in _NOUN_PHRASE_WORDS
                                                                                 or t.tag_ == "PRP" for t in rest):
                return _trimmed(tokens[:k])
            break
    return tokens

_BOUNDARY_WORDS = {",", "while", "whereas", "and", "but", "—", "–", "-", ";"}


def _second_report_boundary(cue: Token, report_start: int) -> int | None:
    """Where a second report inside the first one's span begins (the index of its boundary word or
    relative pronoun), or None when the cue is part of the first report."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if subject is None or cue.tag_ not in ("VBD", "VBZ", "VBP") or _reports_nothing(cue):
        return None
    if subject.lower_ in ("who", "that") and cue.dep_ == "relcl" and subject.i > report_start:
        return subject.i
    edge = subject.left_edge.i
    if edge - 1 > report_start and cue.doc[edge - 1].lower_ in _BOUNDARY_WORDS:
        return edge - 1
    return None


def _reports_nothing(cue: Token) -> bool:
    """"Lee, who charges large fees, has lost …": a cue verb with a noun object and no clause of its
    own is an action inside the report, not a second report that would end it."""
    return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in cue.children) \
        and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") or has_quote(c) for c in cue.children)


_MEDIUM_PREPOSITIONS = {"in", "on", "at", "during", "through", "via", "over", "after", "before"}


def _clause_after_adjunct(verb: Token, adjuncts: list[Token]) -> list[Token]:
    """"said in one of several posts that the ferry had left early": the parse
    hangs the that-clause from the adjunct's noun; it is still what the verb reports."""
    # Where or how it was said ("in a post", "on television", "during the debate"), not to what it
    # answered ("responded to the revelation that …": the revelation is someone else's).
    # Whom it was told comes first ("told the Herald in an interview that …").
    adjuncts = [a for a in adjuncts if a.dep_ not in ("dobj", "dative")]
    # … or when ("disclosed for the first time that …").
    first_time = bool(adjuncts) and adjuncts[0].lower_ == "for" and any(
        o.dep_ == "pobj" and o.lemma_.lower() == "time" for o in adjuncts[0].children)
    # ("said late on Tuesday during an interview that …": adverbs of time may come first.)
    leading = next((k for k, a in enumerate(adjuncts) if not (a.dep_ == "advmod" and a.pos_ == "ADV")), len(adjuncts))
    if "that" not in frames.frames_of(verb) or leading == len(adjuncts) \
            or adjuncts[leading].lower_ not in _MEDIUM_PREPOSITIONS and not first_time:
        return []
    for token in verb.doc[adjuncts[0].i:adjuncts[-1].right_edge.i + 1]:
        clause = token.head
        # `said in a debate that she should resign`: "that" can be parsed as the object of a
        # relative clause on the medium's noun; with a subject of its own it opens the report.
        relative_that = token.dep_ == "dobj" and clause.dep_ == "relcl" and any(
            c.dep_ == "nsubj" for c in clause.children)
        if token.lower_ == "that" and (token.dep_ == "mark" or relative_that) and clause.i > token.i \
                and clause.pos_ in ("VERB", "AUX"):
            tokens = [t for t in verb.doc[token.i:clause.right_edge.i + 1]]
            return [] if crosses_paragraph(tokens) else tokens
    return []

def _clause_of_addressee(verb: Token, rights: list[Token]) -> list[Token]:
    """"telling councillors that the lawyers needed time": the parser can hang the that-clause from
    whom the verb tells; it is still what was told."""
    obj = rights[0]
    if verb.lemma_.lower() != "tell" or obj.dep_ != "dobj" or len(rights) > 1:
        return []
    clause = next((c for c in obj.rights if c.dep_ in ("acl", "relcl") and c.left_edge.lower_ == "that"
                   and c.left_edge.dep_ == "mark"), None)
    if clause is None:
        return []
    tokens = list(verb.doc[clause.left_edge.i:clause.right_edge.i + 1])
    return [] if crosses_paragraph(tokens) else tokens


def _addressee(obj: Token, rest: list[Token]) -> bool:
    """"told the judge that …", "told police he left": an object before a clause is who was told,
    not what (for "tell" even without "that": it always names whom it tells)."""
    # ("asked the minister if …": whom a question is put to, before the question.)
    return not has_quote(obj) and any(c.dep_ == "ccomp" and (c.left_edge.lower_ == "that" or obj.head.lemma_ == "tell")
                                      or c.dep_ in ("ccomp", "advcl") and c.left_edge.lower_ in ("if", "whether")
                                      and "question" in frames.frames_of(obj.head) for c in rest)

def _told_pronoun(verb: Token, obj: Token) -> bool:
    """"telling her in a debate that …": a personal pronoun that "tell" takes is whom it tells."""
    return verb.lemma_.lower() == "tell" and obj.tag_ == "PRP" and obj.lower_ != "it"


def has_quote(token: Token) -> bool:
    return any(t.text == '"' for t in token.subtree)

def content_tokens(verb: Token) -> tuple[list[Token], list[Token]]:
    """The reported content: the report before an inserted or trailing cue ("…, she said, …"), what
    the verb reports to its right, or the complement on its left; and, for a cue inserted
    mid-sentence, the rest of the report after it (else empty)."""
    preposed = _as_clause_report(verb)
    if preposed is not None:
        return preposed
    pronoun = _relative_pronoun_before(verb)
    described = _described_in_relative_clause(verb) or _set_off_relative_report(verb, pronoun)
    if described:
        return described, []
    # `"…," he said, his voice breaking`: after a quote, the cue's words are the quote.
    # ("…," adding that …: a participle after a quotation reports what follows it.)
    right = [] if right_after_quote(verb) and verb.tag_ != "VBG" else \
        _within_relative_clause(_right_content(verb), pronoun)
    if right and right[0].text == '"':
        return right, []  # `…, asks the editor, "has anyone …"`: the quotation is the report
    edges = _inserted_cue_edges(verb)
    # "…, telling councillors that …": a participle reports what follows it, never the clause it
    # hangs from ("Lapointe closed the meeting early" is what he did, not what he said).
    participle = verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i < verb.i
    # "Moreno, a backer of the party, said late on Tuesday during an interview that …": with a
    # that-clause after the cue, what stands before it is no report ("It is no surprise, she said,
    # that …" sets its that-clause off with a comma and is one report around the cue).
    reported_after = bool(right) and right[0].lower_ == "that" and right[0].i > verb.i \
        and verb.doc[right[0].i - 1].text != ","
    # ("The ministry, quoting police, said …": a participle never reports what stands before it.)
    before = [] if participle or reported_after or verb.tag_ == "VBG" else _report_before(verb, edges)
    # ("Asked by Tom Hale whether …, she said, "…"": what she was asked is no report of hers.)
    if before and any(t.lemma_.lower() in ("ask", "question", "press") and is_passive(t) for t in before[:3]):
        before = []
    before = _without_titled_speaker(verb, before)
    if before:
        return before, _report_after(verb, edges)
    if not right and edges is not None and _joined_on(verb, edges[0]):
        after = _report_after(verb, edges)  # "…, but I said, hey, you have to …": what follows is the report
        if after:
            return after, []
    # "Ruiz says, rain or shine, the parade will go ahead": a cue that opens the sentence, set off by
    # a comma, hangs from the clause it introduces; that clause, aside and all, is the report.
    if not right and edges is not None and verb.dep_ == "parataxis" and verb.head.i > verb.i \
            and edges[0] == verb.sent.start:
        after = _report_after(verb, edges)
        if after:
            return after, []
    if right:
        return right, []
    complement = [c for c in verb.children if c.dep_ in _CONTENT_DEPS and c.i < verb.i]
    # A report before its cue is set off by a comma or a quote mark ("…, officials said"); across a
    # colon or with nothing between, the parse has joined two clauses.
    if complement and edges is not None and edges[0] > 0 and verb.doc[edges[0] - 1].text not in (",", '"'):
        complement = []
    tokens = sorted((t for c in complement for t in c.subtree), key=lambda t: t.i)
    tokens = _without_titled_speaker(verb, tokens)
    # The parser can run a sentence over paragraph breaks: the report starts after the last one.
    breaks = [k for k, t in enumerate(tokens) if paragraph_break(t)]
    tokens = tokens[breaks[-1] + 1:] if breaks else tokens
    # `"…," the union's president, Maria Lopez, said`: the parse can hang the speaker's title on the
    # quotation; the report ends with its closing mark.
    opened = bool(tokens) and (tokens[0].is_quote or tokens[0].i > 0 and tokens[0].doc[tokens[0].i - 1].is_quote)
    if opened:
        close = next((k for k, t in enumerate(tokens[1:], 1) if t.is_quote), None)
        # (Words with a verb after the closing mark go on with the report: `"Boots on the ground"
        # would be right, he said`.)
        if close is not None and not any(t.pos_ in ("VERB", "AUX") or t.like_num for t in tokens[close + 1:]):
            tokens = tokens[:close + 1]
    return tokens, []


def _without_titled_speaker(verb: Token, tokens: list[Token]) -> list[Token]:
    """"The board approved the budget, its chair, Ana Sousa, said": a speaker the parse hung inside
    the report (as its object's apposition) is none of it."""
    name = titled_name_before(verb) if tokens else None
    if name is None or not tokens[0].i < name.i <= tokens[-1].i:
        return tokens
    title = verb.doc[name.left_edge.i - 2] if name.left_edge.i >= 2 else name
    return _trimmed([t for t in tokens if t.i < min(title.left_edge.i, name.left_edge.i)])


def _described_in_relative_clause(verb: Token) -> list[Token]:
    """"the figures, which the ministry described as preliminary": what is described and how, the
    relative clause included (its object is the noun it hangs from)."""
    if verb.dep_ != "relcl" or "complement" not in frames.frames_of(verb):
        return []
    relative = any(c.dep_ == "dobj" and c.i < verb.i and c.lower_ in ("which", "that", "whom", "who")
                   for c in verb.children)
    called = any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in verb.rights)
    if not (relative and called):
        return []
    tokens = list(verb.doc[verb.head.left_edge.i:verb.right_edge.i + 1])
    return [] if crosses_paragraph(tokens) else tokens


_CLAUSE_ENDS = {",", ";", ".", "!", "?", "—", "–", "(", ")"}


def _relative_pronoun_before(verb: Token) -> Token | None:
    """The "which" or "who" opening the relative clause set off by a comma that `verb` is in."""
    doc, k = verb.doc, verb.i - 1
    while k > verb.sent.start and doc[k].pos_ in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "PART") \
            and doc[k].lower_ not in ("which", "who", "whom", "that") and verb.i - k <= 6:
        k -= 1
    if doc[k].lower_ not in ("which", "who") or k < 1 or doc[k - 1].text != ",":
        return None
    return doc[k]


def _within_relative_clause(tokens: list[Token], pronoun: Token | None) -> list[Token]:
    """"Ruiz, who told reporters the vote was rigged, lost by 300 votes": a report inside a relative
    clause set off by commas (opened by `pronoun`) ends at the comma the main clause's verb follows."""
    if not tokens or pronoun is None:
        return tokens
    for k, token in enumerate(tokens[:-1]):
        if token.text == "," and tokens[k + 1].tag_ in ("VBD", "VBZ", "VBP", "VBN", "MD"):
            return _trimmed(tokens[:k])
    return tokens


def _set_off_relative_report(verb: Token, pronoun: Token | None) -> list[Token]:
    """"The route, which the company insists is the safest, was approved": in a relative clause set
    off by commas, with its subject before the cue, the report is what follows the cue up to the
    clause's closing comma, however the parse hung it (it often takes the report for the main
    clause's)."""
    doc = verb.doc
    if pronoun is None or pronoun.i == verb.i - 1:
        return []
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].tag_ not in ("VBZ", "VBD", "VBP", "MD"):
        return []
    tokens = []
    for token in doc[verb.i + 1:verb.sent.end]:
        if token.text in _CLAUSE_ENDS or paragraph_break(token):
            break
        tokens.append(token)
    end = tokens[-1].i + 1 if tokens else verb.i + 1
    # Only when the clause closes with a comma and the main clause goes on after it.
    if end >= len(doc) or doc[end].text != "," \
            or not any(t.pos_ in ("VERB", "AUX") for t in doc[end + 1:verb.sent.end]):
        return []
    return tokens


def _as_clause_report(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """"As the mayor told reporters, the bridge will stay closed" / "…, as the mayor said": the report
    is the clause the as-clause hangs from, before it, after it, or both when it stands inside."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    # "As Ruiz deplored the delays, Kay …", "as he called for reform": the as-clause
    # reports its own words (or tells of a moment), so the host clause is not what was said.
    own = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "oprd", "attr")]
    says_only = ("tell", "put")  # "As the mayor told reporters, …", "As the mayor put it, …"
    if any(not (c.dep_ == "dobj" and verb.lemma_ in says_only) for c in own) or frames.for_phrase(verb):
        return None
    # "…, as the choir argues for a smaller hall": what the as-clause argues for or about is its own.
    if any(c.dep_ == "prep" and c.lower_ in ("for", "against", "about", "over") for c in verb.rights):
        return None
    host = verb.head
    first, last = verb.left_edge.i, verb.right_edge.i
    clause = [t for t in host.subtree if not first <= t.i <= last]

    def paragraph(tokens: list[Token], backwards: bool) -> list[Token]:
        kept: list[Token] = []
        for token in reversed(tokens) if backwards else tokens:
            if paragraph_break(token):
                break
            kept.append(token)
        return sorted(kept, key=lambda t: t.i)

    before = paragraph([t for t in clause if t.i < first], backwards=True)
    after = paragraph([t for t in clause if t.i > last], backwards=False)
    if len([t for t in before if t.is_alpha]) <= 2:  # "And, as X said, …", "Of course, as X noted, …"
        return after, []
    return before, after if char_span(after) else []

def _report_before(verb: Token, edges: tuple[int, int] | None) -> list[Token]:
    """"…, officials said." / "…, she said, …" / "…, insists Ivo Marsh, …": the report stands before
    a cue (`edges`, see `_inserted_cue_edges`) set off by commas (or a closing quote mark). The parse
    of such sentences is often wrong (the report becomes the cue's head, or a second subject), so the
    surface decides."""
    if edges is None:
        return []
    edge, tail = edges
    before = verb.doc[edge - 1] if edge > verb.sent.start else None
    after = verb.doc[tail + 1] if tail + 1 < len(verb.doc) else None
    # (`…, the office reported on Monday -- a turn that …`: a dash closes the cue too.)
    closes = after is None or after.text in (".", ",", ";", "!", "?", "--", "—", "–") or after.is_space \
        or after.text == "-" and bool(verb.doc[tail].whitespace_)
    if not (closes and before is not None and before.text in (",", '"') and edge - 1 > verb.sent.start):
        return []
    # The parser's sentence can run over a paragraph break or a closed quotation: start after them.
    start = verb.sent.start
    for token in verb.doc[verb.sent.start:edge - 1]:
        previous = verb.doc[token.i - 1] if token.i > 0 else None
        if paragraph_break(token) or token.text in (".", "!", "?") or \
                token.text == '"' and previous is not None and previous.text in (".", "!", "?", ","):
            start = token.i + 1
    if edge >= 2 and verb.doc[edge - 2].lower_ in ("which", "who", "whom") and edge - 2 >= start:
        return [verb.doc[edge - 2]]  # "the bridge, which, the mayor said, was built …": the pronoun is the report's
    tokens = [t for t in verb.doc[start:edge - 1] if not t.is_space]
    # "On March 3, Hale wrote, "…"": before a quotation, when the cue was used is no report ("For
    # decades, she said, the town has …" splits one report in two).
    quotation = tail + 2 < len(verb.doc) and verb.doc[tail + 2].is_quote
    if quotation and tokens and tokens[0].pos_ == "ADP" and all(
            t.ent_type_ in ("DATE", "TIME") for t in tokens[1:] if t.is_alpha or t.like_num):
        return []
    return tokens

def _inserted_cue_edges(verb: Token) -> tuple[int, int] | None:
    """First and last token of "she said" / "insists Ivo Marsh" (subject and verb, either order)."""
    subject = nearest_subject(verb) or subject_after(verb, after_comma=True)
    if subject is None:
        return None
    if subject.i < verb.i:
        # "…, the treasury reported Monday." / "…, she said in a statement.": when and how
        # belong to the cue.
        tail = verb.i
        for child in verb.rights:
            told = child.dep_ in ("dobj", "dative") and verb.lemma_ == "tell"  # "…, she told reporters, …"
            if child.left_edge.i != tail + 1 or not (told or _when_or_where_said(child)):
                break
            tail = child.right_edge.i
        # "…, union members and leaders say, …": a coordinated subject the parse splits starts
        # after the comma.
        edge = subject.left_edge.i
        while edge - 1 > verb.sent.start and verb.doc[edge - 1].pos_ in NOUN_PHRASE_POS:
            edge -= 1
        if verb.doc[edge].pos_ == "CCONJ" and edge < subject.left_edge.i:  # `…," and the board agreed`
            edge += 1
        return edge, tail
    return verb.i, max(t.i for t in subject.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct"))

def _joined_on(verb: Token, edge: int) -> bool:
    """A cue clause joined on by a conjunction after a comma ("…, but I said, …")."""
    doc = verb.doc
    return edge >= 2 and doc[edge - 1].pos_ == "CCONJ" and doc[edge - 2].text == ","


def _when_or_where_said(child: Token) -> bool:
    """"reported Monday", "said on Tuesday", "said in a statement": a cue's time or medium."""
    if child.dep_ == "npadvmod":
        return child.ent_type_ in ("DATE", "TIME")
    objects = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else []
    return any(o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in lexicon.DOCUMENT_NOUNS for o in objects)

def opens_clause(token: Token) -> bool:
    """Whether the conjunction `token` opens a clause with a subject of its own."""
    doc = token.doc
    verb = next((t for t in doc[token.i + 1:token.sent.end] if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT"), None)
    if verb is not None and verb.dep_ in ("aux", "auxpass"):
        verb = verb.head
    return verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and token.i < c.i < verb.i for c in verb.children)


def _report_after(verb: Token, edges: tuple[int, int]) -> list[Token]:
    """"Paying for the test is hard for many newcomers, she said, especially those without savings": a
    cue inserted mid-sentence (`edges`, with a report before it) reports what follows it too, to the
    end of the sentence."""
    doc, (edge, tail) = verb.doc, edges
    if tail + 2 >= len(doc) or doc[tail + 1].text not in (",", ";") or edge > 0 and doc[edge - 1].is_quote:
        return []  # `"…," Chen said, before singing a song`: after a quotation comes narration
    first = doc[tail + 2]
    # "In the early 1990s, she said, when she was …, a boss …": after a phrase with no verb the
    # report is still to come, whatever clause opens it.
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in doc[verb.sent.start:edge])
    opener = first.lower_ in _NOT_AFTER_CUE and not (verbless and first.lower_ in SUBORDINATORS)
    # "…, she said, and the crowd fell silent": after a report (not a quotation), a clause joined on
    # with its own subject goes on with it; "…, he said, and added …" is his next cue.
    opener = opener and not (first.lower_ == "and" and opens_clause(first))
    # "…, Ruiz said, because the forecast is dry": the cue sits inside one sentence of hers, and her
    # reason finishes it ("before …", "when …", "though he did not …" may be the writer's narration).
    opener = opener and not (first.lower_ in _REASONS and opens_clause(first))
    if first.tag_ == "VBG" or opener or first.is_quote or first.is_space:
        return []  # "…, adding …", "…, who …", "…, "quoted"": not the rest of the report
    # "The bridge, which, the mayor said, was built in 1931, will close": inside a relative clause
    # the rest of the report ends with that clause, at its comma.
    relative = edge >= 2 and doc[edge - 1].text == "," and doc[edge - 2].lower_ in ("which", "who", "whom")
    tokens = []
    for token in doc[tail + 2:tail + 2 + 80]:
        if relative and token.text == ",":
            break
        # A new reporting clause (a cue with its own subject) ends the rest; "to help write …" does not.
        # The verb the inserted cue hangs from is the report's own ("Back then, he said, she found …").
        if paragraph_break(token) or token.text in (".", "!", "?") or is_cue_verb(token) and token != verb.head \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            break
        tokens.append(token)
    # "This campaign, he says, is different": a finite verb completes the subject before the cue,
    # however short the predicate.
    # ("It was, the senator said, a betrayal": a verb left without its complement before the cue.)
    words = len([t for t in tokens if t.is_alpha])
    unfinished = edge >= 2 and doc[edge - 1].text == "," and doc[edge - 2].pos_ in ("AUX", "VERB")
    return tokens if words >= 3 or words >= 2 and first.tag_ in ("VBZ", "VBD", "VBP", "MD") \
        or words >= 1 and unfinished else []
