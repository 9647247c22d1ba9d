"""Cues: reporting verbs ("said", "warned", "according to") with their speaker and reported content.

Read from spaCy's dependency parse: the speaker is the verb's subject (or the subject of the verb it
hangs from: "… and said", "…, saying"), the content its clausal complement, or the clause the cue
is attached to ("The toll rose to 280, officials said").
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotegraph import lexicon
from quotegraph.quotes import frames

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Speaker-less constructions where the verb hangs from another verb that carries the subject.
_SUBJECT_FROM_HEAD = {"conj", "advcl", "xcomp", "pcomp", "acl", "dep"}
_CONTENT_DEPS = {"ccomp"}
_TRIM = " \n,;:.-—–"
# Children of a cue verb that come before what it reports: "said in a statement on Friday that …".
_ADJUNCTS = {"prep", "advmod", "npadvmod", "dative", "agent", "prt", "aux", "neg"}
# Right-hand children that are never part of what is reported ("…," quipped Green, who …).
_NOT_CONTENT = {"punct", "cc", "conj", "nsubj", "nsubjpass", "expl", "csubj"}
# Words that open something other than the rest of a report after an inserted cue ("…, she said, who …").
_NOT_AFTER_CUE = {"who", "which", "according", "and", "but", "as", "while", "although", "though", "because",
                  "before", "after", "when", "since", "until", "then", "so", "if", "unless", "whereas"}


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
    # "Otherwise, she said, countries may …": the cue splits one report in two; each part is a quote
    # however short.
    splits_report: bool = False

    @property
    def has_content(self) -> bool:
        return self.content_start is not None


def _char_span(tokens: list[Token]) -> tuple[int, int] | None:
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
    return (offset + start, offset + end) if end > start else None


def _earlier_cue_subject(verb: Token) -> Token | None:
    """"He added … and said …": a coordinated cue shares the subject of the cue before it."""
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        if _is_cue_verb(token):
            return next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    return None


def _quoted(token: Token) -> bool:
    """Inside quote marks: an odd number of marks stands between its paragraph's start and it
    (sentences are no measure: the parser often ends one just inside a closing mark)."""
    doc = token.doc
    parity = doc.user_data.get("quotegraph.quote_parity")
    if parity is None:  # one pass per document: the marks' parity before each token
        parity, marks = [], 0
        for t in doc:
            parity.append(marks % 2)
            marks = 0 if t.is_space and "\n" in t.text else marks + t.text.count('"') + t.text.count("''")
        doc.user_data["quotegraph.quote_parity"] = parity
    return parity[token.i] == 1


def _nearest_subject(verb: Token) -> Token | None:
    # `"Nothing to see here," said Laura White`: a subject inside the quotation is its own word.
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and not _quoted(c)]
    before = [c for c in subjects if c.i < verb.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _subject(verb: Token) -> Token | None:
    if verb.dep_ == "conj":
        shared = _earlier_cue_subject(verb)
        if shared is not None:
            return shared
    for _ in range(4):
        subject = _nearest_subject(verb)
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        if verb.dep_ not in _SUBJECT_FROM_HEAD or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _subject_before(verb: Token) -> Token | None:
    """When the parse gives the verb no subject, the name or noun right before it ("… Josh Matlow told")."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ in ("ADV", "AUX", "PART") and verb.doc[i].dep_ != "neg":
        i -= 1
    if i < verb.sent.start:
        return None
    token = verb.doc[i]
    if token.pos_ in ("PROPN", "PRON") or (token.pos_ == "NOUN" and token.tag_ in ("NN", "NNS")) \
            or token.pos_ == "NUM" and token.head.i == verb.i:  # "About 4 in 10 say …"
        return token
    return None


def _subject_after(verb: Token, after_comma: bool = False) -> Token | None:
    """`"…," points out the laid-back resident` / `…, insists Xander Wise, …`: after a quote (or a
    comma), the noun that follows the verb."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    marks = (",",) if after_comma else ('"', ",")
    if before is None or before.text not in marks and not (before.is_space and not after_comma):
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i > verb.i), None)
    if subject is not None:
        return subject
    return next((c for c in verb.rights if c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("dobj", "npadvmod", "attr",
                                                                                    "dep", "appos")), None)


def _named_in_apposition(speaker: Token | None) -> Token | None:
    """"says Campbell's partner, Jason Louth", "the Keeper of the Rulers' Seal, Syed Danial Syed Ahmad,
    said": the person's name is the speaker, the description aside."""
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN") or speaker.ent_type_ == "PERSON":
        return speaker
    name = next((c for c in speaker.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if name is None:  # the parse hangs the name from the end of the description ("… Seal, Syed Ahmad")
        end = max(t.i for t in speaker.subtree if not t.is_punct)
        name = next((t for t in speaker.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"
                     and t.i == end), None)
    return name or speaker


def _right_after_quote(token: Token) -> bool:
    """`"…," he continues` / `"…," points out the resident`: the verb (or its subject) follows a closing mark."""
    i = token.i - 1
    while i >= 0 and (token.doc[i].pos_ in ("PRON", "PROPN", "ADV") or token.doc[i].dep_ == "compound") \
            and token.i - i <= 3:
        i -= 1
    return i >= 0 and token.doc[i].text == '"' and i > 0 and token.doc[i - 1].text in (",", "?", "!", "…")


def _right_before_quote(token: Token) -> bool:
    """`Prager continues, "…"`: the verb (and a comma or colon) opens a quotation."""
    following = [t for t in token.doc[token.i + 1:token.i + 3] if not t.is_space]
    return len(following) == 2 and following[0].text in (",", ":") and following[1].text == '"'


def _is_cue_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in lexicon.CUE_VERBS and lemma not in lexicon.CUE_VERBS_AFTER_QUOTE:
        return False
    after_quote = _right_after_quote(token) or _right_before_quote(token)
    # The tagger reads "points" in `"…," points out the resident` as a plural noun.
    if token.pos_ not in ("VERB", "AUX") and not (after_quote and token.tag_ == "NNS"):
        return False
    if lemma not in lexicon.CUE_VERBS and not after_quote:
        return False
    # "a show called "Brokers"", "evidence to suggest …": a verb modifying a noun names or
    # qualifies a thing; nobody speaks.
    if token.dep_ == "acl" and token.tag_ in ("VBN", "VB"):
        return False
    # "the said company", "so-called": not speech. "won't say", "declined to say": no words reported.
    if token.dep_ in ("amod", "compound") or any(c.dep_ == "neg" for c in token.children):
        return False
    return not (token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in token.head.children))


def _right_content(verb: Token) -> list[Token]:
    """What the verb reports to its right: from its first complement to the end of its last one.

    Leading adjuncts ("revealed in The Telegraph …", "told HuffPost Canada …") and trailing
    coordinated verbs ("… and said …") or participles ("…, adding …") are left out; the parse of
    long reported clauses is often wrong inside, so the span is taken from the edges.
    """
    called_for = frames.for_phrase(verb)
    if called_for:
        return called_for
    rights = [c for c in verb.rights if c.dep_ not in _NOT_CONTENT and not c.is_space]
    while rights and rights[-1].dep_ == "advcl" and rights[-1].tag_ == "VBG":
        rights.pop()
    start = 0
    while start < len(rights) and (rights[start].dep_ in _ADJUNCTS and not _has_quote(rights[start])
                                   or rights[start].dep_ == "dobj" and start + 1 < len(rights)
                                   and (rights[start].ent_type_ in ("PERSON", "ORG", "NORP")
                                        or _addressee(rights[start], rights[start + 1:]))):
        start += 1
    skipped, rights = rights[:start], rights[start:]
    if not rights:
        return _clause_after_adjunct(verb, skipped)
    if "\n" in verb.doc[verb.i:rights[0].left_edge.i].text:
        return []
    tokens = []
    # "a deal that union leaders said was "dead"": the relative pronoun stands before the cue.
    for token in verb.doc[max(rights[0].left_edge.i, verb.i + 1):rights[-1].right_edge.i + 1]:
        if token.is_space and "\n" in token.text:
            break  # the parser can run a sentence over a paragraph break; a report never does
        tokens.append(token)
    # Stop before a coordinated cue ("… Afghanistan and said NATO is …"): it reports on its own.
    for k, token in enumerate(tokens):
        if k > 0 and token.dep_ == "conj" and _is_cue_verb(token) and tokens[k - 1].lower_ in ("and", ",", "but"):
            tokens = tokens[:k - 1]
            break
    if _has_quote(rights[0]) or frames.reports(verb, rights):
        return tokens
    return []


def _clause_after_adjunct(verb: Token, adjuncts: list[Token]) -> list[Token]:
    """"said in one of a series of Twitter messages that the truck was carrying arms": the parse
    hangs the that-clause from the adjunct's noun; it is still what the verb reports."""
    if "that" not in frames.frames_of(verb) or not adjuncts:
        return []
    for token in verb.doc[adjuncts[0].i:adjuncts[-1].right_edge.i + 1]:
        clause = token.head
        if token.lower_ == "that" and token.dep_ == "mark" and clause.i > token.i and clause.pos_ in ("VERB", "AUX"):
            tokens = [t for t in verb.doc[token.i:clause.right_edge.i + 1]]
            return [] if any(t.is_space and "\n" in t.text for t in tokens) else tokens
    return []


def _addressee(obj: Token, rest: list[Token]) -> bool:
    """"told the judge that …": an object before a clause is who was told, not what."""
    return not _has_quote(obj) and any(c.dep_ == "ccomp" and c.left_edge.lower_ == "that" for c in rest)


def _has_quote(token: Token) -> bool:
    return any(t.text == '"' for t in token.subtree)


def _content_tokens(verb: Token) -> tuple[list[Token], list[Token]]:
    """The reported content: the report before an inserted or trailing cue ("…, she said, …"), what
    the verb reports to its right, or the complement on its left; and, for a cue inserted
    mid-sentence, the rest of the report after it (else empty)."""
    preposed = _as_clause_report(verb)
    if preposed is not None:
        return preposed
    described = _described_in_relative_clause(verb)
    if described:
        return described, []
    # `"…," he said, his voice breaking`: after a quote, the cue's words are the quote.
    right = [] if _right_after_quote(verb) else _right_content(verb)
    if right and right[0].text == '"':
        return right, []  # `…, asks the editor, "has anyone …"`: the quotation is the report
    edges = _inserted_cue_edges(verb)
    before = _report_before(verb, edges)
    if before:
        return before, _report_after(verb, edges)
    if right:
        return right, []
    complement = [c for c in verb.children if c.dep_ in _CONTENT_DEPS and c.i < verb.i]
    # A report before its cue is set off by a comma or a quote mark ("…, officials said"); across a
    # colon or with nothing between, the parse has joined two clauses.
    if complement and edges is not None and edges[0] > 0 and verb.doc[edges[0] - 1].text not in (",", '"'):
        complement = []
    tokens = sorted((t for c in complement for t in c.subtree), key=lambda t: t.i)
    # The parser can run a sentence over paragraph breaks: the report starts after the last one.
    breaks = [k for k, t in enumerate(tokens) if t.is_space and "\n" in t.text]
    return (tokens[breaks[-1] + 1:] if breaks else tokens), []


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
    return [] if any(t.is_space and "\n" in t.text for t in tokens) else tokens


def _as_clause_report(verb: Token) -> tuple[list[Token], list[Token]] | None:
    """"As the mayor told reporters, the bridge will stay closed" / "…, as the mayor said": the report
    is the clause the as-clause hangs from, before it, after it, or both when it stands inside."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    # "As Trump lamented illegal immigration, Clinton …", "as he called for reform": the as-clause
    # reports its own words (or tells of a moment), so the host clause is not what was said.
    own = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "oprd", "attr")]
    if any(not (c.dep_ == "dobj" and verb.lemma_ == "tell") for c in own) or frames.for_phrase(verb):
        return None
    host = verb.head
    first, last = verb.left_edge.i, verb.right_edge.i
    clause = [t for t in host.subtree if not first <= t.i <= last]

    def paragraph(tokens: list[Token], backwards: bool) -> list[Token]:
        kept: list[Token] = []
        for token in reversed(tokens) if backwards else tokens:
            if token.is_space and "\n" in token.text:
                break
            kept.append(token)
        return sorted(kept, key=lambda t: t.i)

    before = paragraph([t for t in clause if t.i < first], backwards=True)
    after = paragraph([t for t in clause if t.i > last], backwards=False)
    if len([t for t in before if t.is_alpha]) <= 2:  # "And, as X said, …", "Of course, as X noted, …"
        return after, []
    return before, after if _char_span(after) else []


def _report_before(verb: Token, edges: tuple[int, int] | None) -> list[Token]:
    """"…, officials said." / "…, she said, …" / "…, insists Xander Wise, …": the report stands before
    a cue (`edges`, see `_inserted_cue_edges`) set off by commas (or a closing quote mark). The parse
    of such sentences is often wrong (the report becomes the cue's head, or a second subject), so the
    surface decides."""
    if edges is None:
        return []
    edge, tail = edges
    before = verb.doc[edge - 1] if edge > verb.sent.start else None
    after = verb.doc[tail + 1] if tail + 1 < len(verb.doc) else None
    closes = after is None or after.text in (".", ",", ";", "!", "?") or after.is_space
    if not (closes and before is not None and before.text in (",", '"') and edge - 1 > verb.sent.start):
        return []
    # The parser's sentence can run over a paragraph break or a closed quotation: start after them.
    start = verb.sent.start
    for token in verb.doc[verb.sent.start:edge - 1]:
        previous = verb.doc[token.i - 1] if token.i > 0 else None
        if token.is_space and "\n" in token.text or token.text in (".", "!", "?") or \
                token.text == '"' and previous is not None and previous.text in (".", "!", "?", ","):
            start = token.i + 1
    return [t for t in verb.doc[start:edge - 1] if not t.is_space]


def _inserted_cue_edges(verb: Token) -> tuple[int, int] | None:
    """First and last token of "she said" / "insists Xander Wise" (subject and verb, either order)."""
    subject = _nearest_subject(verb) or _subject_after(verb, after_comma=True)
    if subject is None:
        return None
    if subject.i < verb.i:
        # "…, the budget office reported Monday." / "…, she said in a statement.": when and how
        # belong to the cue.
        tail = verb.i
        for child in verb.rights:
            if child.i != tail + 1 or not _when_or_where_said(child):
                break
            tail = child.right_edge.i
        return subject.left_edge.i, tail
    return verb.i, max(t.i for t in subject.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct"))


def _when_or_where_said(child: Token) -> bool:
    """"reported Monday", "said on Tuesday", "said in a statement": a cue's time or medium."""
    if child.dep_ == "npadvmod":
        return child.ent_type_ in ("DATE", "TIME")
    objects = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else []
    return any(o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in lexicon.DOCUMENT_NOUNS for o in objects)


def _report_after(verb: Token, edges: tuple[int, int]) -> list[Token]:
    """"Meeting the costs is hard for some refugees, she said, especially those with war trauma": a
    cue inserted mid-sentence (`edges`, with a report before it) reports what follows it too, to the
    end of the sentence."""
    doc, (edge, tail) = verb.doc, edges
    if tail + 2 >= len(doc) or doc[tail + 1].text not in (",", ";") or doc[edge - 1].is_quote:
        return []  # `"…," Wang said, before reading a poem`: after a quotation comes narration
    first = doc[tail + 2]
    if first.tag_ == "VBG" or first.lower_ in _NOT_AFTER_CUE or first.is_quote or first.is_space:
        return []  # "…, adding …", "…, who …", "…, "quoted"": not the rest of the report
    tokens = []
    for token in doc[tail + 2:tail + 2 + 80]:
        if token.is_space and "\n" in token.text or token.text in (".", "!", "?") or _is_cue_verb(token):
            break
        tokens.append(token)
    return tokens if len([t for t in tokens if t.is_alpha]) >= 3 else []


def _according_to(token: Token) -> list[Cue]:
    """"…, according to the union's statement": speaker = the union; the report is read off the
    surface, since the parse attaches "according to" anywhere: the sentence before it, the sentence
    after the source when it opens the sentence, or both parts when it stands inside
    ("Over the long term, according to the budget office, the deficit will rise")."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return []
    doc, sentence = token.doc, token.sent
    own_end = max(t.i for t in to.subtree)
    start = sentence.start
    for t in doc[sentence.start:token.i]:
        if t.is_space and "\n" in t.text:
            start = t.i + 1
    before = [t for t in doc[start:token.i] if not t.is_space]
    after = []
    for t in doc[own_end + 1:sentence.end]:
        if t.is_space and "\n" in t.text:
            break
        after.append(t)
    if source.lemma_.lower() in lexicon.DOCUMENT_NOUNS:
        source = next((c for c in source.children if c.dep_ == "poss"), None) or source
    spans = [_char_span(tokens) for tokens in (before, after) if any(t.is_alpha for t in tokens)]
    parts = [p for p in spans if p is not None]
    cue = Cue(token.idx, to.idx + len(to.text), doc[token.i:to.i + 1].text, source, None, None, sentence)
    if not parts:
        return [cue]
    return [dataclasses.replace(cue, content_start=a, content_end=b, splits_report=len(parts) > 1)
            for a, b in parts]


def _speech_noun(noun: Token) -> Cue | None:
    """"Obama's claim that Clinton is qualified", "his promise to build a wall": a speech noun with
    its possessor (the speaker) and the clause it carries (the content)."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                   and (c.left_edge.lower_ == "that" or _infinitive_clause(c))), None)
    if owner is None or clause is None:
        return None
    tokens = list(noun.doc[clause.left_edge.i:clause.right_edge.i + 1])
    span = _char_span(tokens)
    if span is None or any(t.is_space and "\n" in t.text for t in tokens):
        return None
    return Cue(noun.idx, noun.idx + len(noun.text), noun.text, owner, span[0], span[1], noun.sent)


def _infinitive_clause(clause: Token) -> bool:
    return clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _is_passive(verb: Token) -> bool:
    """"was asked whether …", "when asked about …": the subject, if any, is who was addressed."""
    if verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "Asked about the vote, she said …": the tagger often reads a clause-initial "Asked" as past tense.
    if verb.i == verb.sent.start or verb.doc[verb.i - 1].lower_ in ("when", "if", "once", "after", "before"):
        return not any(c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in verb.children)
    # A bare participle clause: "When asked why, she said …", "Asked about the vote, he said …".
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "ROOT", "dep") and \
        not any(c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in verb.children)


def _issuer_of_document(verb: Token, speaker: Token | None) -> Token | None:
    """"The campaign released a statement saying …": a document's words are its issuer's, named as
    the subject of the verb that issued it (or as its possessor)."""
    if speaker is None or verb.dep_ != "acl" or speaker.i != verb.head.i \
            or speaker.lemma_.lower() not in lexicon.DOCUMENT_NOUNS:
        return speaker
    owner = next((c for c in speaker.children if c.dep_ == "poss"), None)
    if owner is None and speaker.dep_ == "dobj":
        owner = next((c for c in speaker.head.children if c.dep_ in ("nsubj", "nsubjpass") and not _quoted(c)), None)
    return owner or speaker


def _asks_about_saying(verb: Token, speaker: Token | None) -> bool:
    """A question about the cue ("Should I tell him …?", "Did she say that?"): an auxiliary stands
    before the subject and the sentence ends with a question mark."""
    if speaker is None or not verb.sent.text.rstrip().endswith("?"):
        return False
    return any(c.dep_ == "aux" and c.i < speaker.i for c in verb.children)


def _agent(verb: Token) -> Token | None:
    """"asked by a reporter": who did the asking."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def find_cues(doc: Doc) -> Iterator[Cue]:
    """Every cue in `doc`, in text order."""
    for token in doc:
        if token.lower_ == "according" and token.dep_ in ("prep", "advcl", "dep", "pcomp"):
            yield from _according_to(token)
            continue
        if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.SPEECH_NOUNS:
            cue = _speech_noun(token)
            if cue is not None:
                yield cue
            continue
        if not _is_cue_verb(token):
            continue
        content, after = _content_tokens(token)
        # "asked what …", "said whether …": a question, not a statement ("“What we need…,” he said" is).
        if content and content[0].i > token.i and frames.asks_question(token, content[0]):
            content = []
        span = _char_span(content)
        auxiliaries = [c for c in token.lefts if c.dep_ in ("aux", "auxpass") and c.i == token.i - 1]
        first = auxiliaries[0] if auxiliaries else token
        # "when asked whether …", "was told that …": the subject is who was addressed, not the source.
        if _is_passive(token):
            speaker = _agent(token)
        else:
            speaker = _named_in_apposition(_subject(token) or _subject_after(token) or _subject_before(token))
        speaker = _issuer_of_document(token, speaker)
        if _asks_about_saying(token, speaker):
            continue  # "Should I tell him to shave it off?", "Did she say that?": nobody said it
        if "documents" in frames.frames_of(token) and (speaker is None or speaker.lemma_.lower()
                                                          not in lexicon.DOCUMENT_NOUNS):
            continue
        cue = Cue(first.idx, token.idx + len(token.text), doc[first.i:token.i + 1].text,
                  speaker, span[0] if span else None, span[1] if span else None, token.sent)
        rest = _char_span(after)
        yield dataclasses.replace(cue, splits_report=rest is not None)
        if rest is not None:  # the same cue again, for the words after it
            yield dataclasses.replace(cue, content_start=rest[0], content_end=rest[1], splits_report=True)


_PERSONAL_PRONOUNS = {"he", "she", "they", "i", "we"}


def quoting_verb(doc: Doc, start: int, end: int) -> Cue | None:
    """`Rubio bemoaned a climate in which people "literally hate each other"`: quoted words inside a
    clause whose subject is a person or organisation are that subject's words, whatever the verb.
    The cue is the verb that governs the quotation; its content runs from the verb's first
    complement to the end of the quotation. None when no such verb and subject are found."""
    span = doc.char_span(start, end, alignment_mode="expand")
    inner = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    if not inner:
        return None
    verb = inner[0]
    for _ in range(8):
        if verb.head.i == verb.i:
            return None
        verb = verb.head
        if verb.idx < start and verb.pos_ == "VERB":
            break
    else:
        return None
    if not verb.idx < start or verb.pos_ != "VERB" or verb.lemma_.lower() in lexicon.NOT_CUE_VERBS or _is_passive(verb):
        return None
    # `Oh said the pairing of her and Samberg came because they are "…"`: inside a report, the
    # words belong to whoever reports them.
    reporting = next((a for a in verb.ancestors if _is_cue_verb(a) and a.idx < start), None)
    verb = reporting or verb
    if reporting is not None:
        subject = _named_in_apposition(_subject(verb) or _subject_before(verb))
        if subject is None or subject.i > verb.i or subject.lower_ == "you":
            return None
    else:
        subject = _nearest_subject(verb)
        if subject is None and verb.dep_ == "conj":
            subject = _nearest_subject(verb.head)
        if subject is None or subject.i > verb.i or not (
                subject.lower_ in _PERSONAL_PRONOUNS or subject.ent_type_ in ("PERSON", "ORG", "NORP")
                or subject.pos_ == "PROPN"):
            return None
    rights = [c for c in verb.rights if c.i < span.start and not c.is_punct and not c.is_space]
    first = rights[0].left_edge.i if rights else span.start
    if "\n" in doc[verb.i:span.start].text or first <= verb.i:
        return None
    return Cue(verb.idx, verb.idx + len(verb.text), verb.text, subject, doc[first].idx, end, verb.sent)
