"""Cues: reporting verbs ("said", "warned", "according to"), speech nouns ("his promise to …") and
the verbs that govern quoted words, each with its speaker and reported content.

`verbs` says which tokens are cues, `speakers` who speaks, `reports` what is reported; this module
puts them together into `Cue` records for `assemble`.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotegraph import lexicon
from quotegraph.quotes import frames
from quotegraph.quotes.reports import (SUBORDINATORS, char_span, content_tokens, crosses_paragraph, opens_clause,
                                      paragraph_break)
from quotegraph.quotes.speakers import (agent, asks_about_saying, document_issuer, is_passive, is_time,
                                        issuer_of_document, name_before_aside, named_in_apposition, nearest_subject,
                                        owner_of_participle, paragraph_opening_subject, subject_after, subject_before,
                                        subject_of, titled_name_before)
from quotegraph.quotes.verbs import is_cue_verb, noun_tagged_cue, possible_cues


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

def _according_to(token: Token) -> list[Cue]:
    """"…, according to the union's statement": speaker = the union; the report is read off the
    surface, since the parse attaches "according to" anywhere: the sentence before it, the sentence
    after the source when it opens the sentence, or both parts when it stands inside
    ("By next year, according to the treasury, the debt will double")."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None and to is not None:
        # "according to show insiders": the tagger can read the source's first word as a verb.
        verb = next((c for c in to.children if c.dep_ == "pcomp" and c.i == to.i + 1), None)
        source = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if verb is not None else None
    if to is None or source is None:
        return []
    own_end = max(t.i for t in to.subtree)
    if _next_subject_glued(source):
        own_end = source.sent.end - 1  # the phrase closes the clause before it; what follows is the writer's
    return _source_phrase_report(token, to, own_end, source)


def _next_subject_glued(source: Token) -> bool:
    """"…, according to the league and attendance has slipped for years": the parse joins the next
    clause's subject to the source ("league and attendance"), leaving its verb bare after the phrase."""
    doc = source.doc
    for conj in source.children:
        if conj.dep_ == "conj" and conj.right_edge.i + 1 < source.sent.end:
            after = doc[conj.right_edge.i + 1]
            if after.pos_ in ("AUX", "VERB") and after.tag_ != "VBG" and after.dep_ in ("aux", "conj", "ROOT"):
                return True
    return False


def _in_the_words_of(token: Token) -> list[Cue]:
    """"In the words of one senior official, the plan was "dead on arrival"", "in Pryce's words,
    …": a source phrase like "according to", read the same way."""
    words = next((c for c in token.children if c.dep_ == "pobj" and c.lower_ == "words"), None)
    if words is None:
        return []
    source = next((c for c in words.children if c.dep_ == "poss"), None) or next(
        (o for p in words.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
    if source is None or source.pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    of = next((p for p in words.children if p.dep_ == "prep" and p.lower_ == "of"), words)
    return _source_phrase_report(token, of, max(t.i for t in token.subtree), source)


_SUBORDINATORS = SUBORDINATORS | {"as", "that"}
_CONJUNCTIONS = {"and", "but", "or", "so", "yet"}


def _new_clause(token: Token) -> bool:
    """", but the senator has vowed …": "but" after a comma opening a clause with its own subject (the
    writer's counterpoint; after "and" the report goes on)."""
    doc = token.doc
    if token.lower_ not in ("but", "yet") or token.i == 0 or doc[token.i - 1].text != ",":
        return False
    return opens_clause(token)


def _source_phrase_report(token: Token, cue_end: Token, own_end: int, source: Token) -> list[Cue]:
    """The cues of a source phrase from `token` to `own_end` (the cue's words end at `cue_end`):
    what stands before it in its sentence, after it, or both."""
    doc, sentence = token.doc, token.sent
    start = sentence.start
    for t in doc[sentence.start:token.i]:
        if paragraph_break(t):
            start = t.i + 1
    before = [t for t in doc[start:token.i] if not t.is_space]
    # "… and promised to help because, in her words, "…"": after a conjunction the phrase reports
    # what follows it; the clause before is the writer's.
    # ("…, and, according to officials, adopted …" shares the clause before; a lone "But" does not.)
    last = next((t for t in reversed(before) if not t.is_punct), None)
    if last is not None and (last.lower_ in _SUBORDINATORS
                             or last.lower_ in _CONJUNCTIONS and sum(t.is_alpha for t in before) == 1):
        before = []
    after: list[Token] = []
    for t in doc[own_end + 1:sentence.end]:
        if paragraph_break(t) or _new_clause(t):
            break  # ("…, according to a count by the Herald, but the senator has vowed …": a clause of its own)
        if not after and before and t.lower_ in _CONJUNCTIONS and opens_clause(t):
            break  # ("Ticket sales dropped, according to the league and attendance has slipped": the
            # phrase closes the clause before it; the next clause is the writer's)
        after.append(t)
    if source.lemma_.lower() in lexicon.DOCUMENT_NOUNS:
        source = document_issuer(source) or next((c for c in source.children if c.dep_ == "poss"), None) or source
    spans = [char_span(tokens) for tokens in (before, after) if any(t.is_alpha for t in tokens)]
    parts = [p for p in spans if p is not None]
    cue = Cue(token.idx, cue_end.idx + len(cue_end.text), doc[token.i:cue_end.i + 1].text, source, None, None, sentence)
    if not parts:
        return [cue]
    return [dataclasses.replace(cue, content_start=a, content_end=b, splits_report=len(parts) > 1)
            for a, b in parts]

def _light_verb_subject(noun: Token) -> Token | None:
    """"Sen. Ruiz made the case that …": who says what a noun of speech carries as a light verb's object."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in lexicon.LIGHT_VERBS \
            or noun.lemma_.lower() not in lexicon.LIGHT_VERB_NOUNS or is_passive(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _speech_noun(noun: Token) -> Cue | None:
    """"the mayor's claim that the bridge is safe", "her promise to cut fares": a speech noun with
    its possessor (the speaker) and the clause it carries (the content)."""
    # ("gave residents his word that …": a light verb's subject says it, whoever's the noun is.)
    light = _light_verb_subject(noun)
    owner = light or next((c for c in noun.children if c.dep_ == "poss"), None)
    # ("that the budget is balanced": the clause's head can be tagged an adjective.)
    def carried(c: Token) -> bool:
        # ("the alarm that debt had reached a record": a clause the parse took for a relative one, whose
        # "that" it still marks as a conjunction.)
        clausal = c.dep_ in ("acl", "ccomp") or c.dep_ == "relcl" and c.left_edge.dep_ == "mark"
        return clausal and (c.pos_ in ("VERB", "AUX") or c.pos_ == "ADJ" and any(
            k.dep_ in ("nsubj", "nsubjpass") for k in c.children)) and (c.left_edge.lower_ == "that" or frames.infinitive(c))
    clause = next((c for c in noun.rights if carried(c)), None)
    # "The senator's answer was that …": the clause is the copula's.
    if clause is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        clause = next((c for c in noun.head.rights if carried(c) and c.left_edge.lower_ == "that"), None)
    # "sounded the alarm on Monday that …", "stood by her prediction that …": the parse hangs the clause
    # on the verb the noun is the object of, or of whose preposition.
    if clause is None and light is not None:
        clause = next((c for c in noun.head.rights if c.i > noun.i and c.dep_ == "ccomp" and carried(c)
                       and c.left_edge.lower_ == "that"), None)
    # (A verb of speech keeps its own clause: "repeated his claim that …" is the verb's report.)
    # ("knew from his statements that …" is what one knows: only "by" and "on" stand for the words.)
    if clause is None and owner is not None and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
            and noun.head.lower_ in ("by", "on") and noun.head.head.lemma_.lower() not in lexicon.CUE_VERBS:
        clause = next((c for c in noun.head.head.rights if c.left_edge.i == noun.right_edge.i + 1
                       and c.dep_ == "ccomp" and carried(c) and c.left_edge.lower_ == "that"), None)
    if owner is None or clause is None:
        return None
    tokens = list(noun.doc[clause.left_edge.i:clause.right_edge.i + 1])
    span = char_span(tokens)
    if span is None or crosses_paragraph(tokens):
        return None
    return Cue(noun.idx, noun.idx + len(noun.text), noun.text, owner, span[0], span[1], noun.sent)

def find_cues(doc: Doc) -> Iterator[Cue]:
    """Every cue in `doc`, in text order."""
    for token in possible_cues(doc, ("according", "in")):
        if token.lower_ == "according" and token.dep_ in ("prep", "advcl", "dep", "pcomp", "ROOT"):
            yield from _according_to(token)
            continue
        if token.lower_ == "in" and token.dep_ == "prep":
            yield from _in_the_words_of(token)
        if token.pos_ == "NOUN" and (token.lemma_.lower() in lexicon.SPEECH_NOUNS or _light_verb_subject(token)) \
                and not noun_tagged_cue(token):
            cue = _speech_noun(token)
            if cue is not None:
                yield cue
            continue
        if not is_cue_verb(token):
            continue
        if _quoted_as_saying(token):
            continue  # the participle reports, for the one quoted
        content, after = content_tokens(token)
        # "asked what …", "said whether …": a question, not a statement ("“What we need…,” he said" is).
        if content and content[0].i > token.i and frames.asks_question(token, content[0]):
            content = []
        span = char_span(content)
        auxiliaries = [c for c in token.lefts if c.dep_ in ("aux", "auxpass") and c.i == token.i - 1]
        first = auxiliaries[0] if auxiliaries else token
        # "when asked whether …", "was told that …": the subject is who was addressed, not the source.
        if is_passive(token):
            speaker = agent(token)
        else:
            # ("…," Okafor said Thursday morning: the parse can make a date the subject; a date never speaks.)
            speaker = named_in_apposition(next((s for s in (finder(token) for finder in _SPEAKER_FINDERS)
                                                if s is not None and not is_time(s)), None))
        speaker = issuer_of_document(token, owner_of_participle(token, speaker))
        if asks_about_saying(token, speaker) or _supposed(token):
            continue  # "Should I tell her to leave?", "If asked, she would say …": nobody said it
        if "documents" in frames.frames_of(token) and (speaker is None or speaker.lemma_.lower()
                                                          not in lexicon.DOCUMENT_NOUNS):
            continue
        cue = Cue(first.idx, token.idx + len(token.text), doc[first.i:token.i + 1].text,
                  speaker, span[0] if span else None, span[1] if span else None, token.sent)
        rest = char_span(after)
        # "the levy, which the Treasury insists is temporary": the relative pronoun is the report's
        # first word, standing before the cue; what follows the cue is a quote however short.
        relative = token.dep_ == "relcl" and span is not None and span[0] > token.idx and any(
            t.tag_ in ("WDT", "WP") for t in doc[token.left_edge.i:token.i])
        yield dataclasses.replace(cue, splits_report=rest is not None or relative)
        if rest is not None:  # the same cue again, for the words after it
            yield dataclasses.replace(cue, content_start=rest[0], content_end=rest[1], splits_report=True)

def _quoted_as_saying(verb: Token) -> bool:
    """"Moura was quoted by a newspaper as saying …": the newspaper quotes; Moura says."""
    return verb.lemma_.lower() == "quote" and is_passive(verb) and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(is_cue_verb(g) for g in c.children) for c in verb.children)


# Verbs of wishing and planning: a cue in their infinitive reports nothing yet.
_WISHES = frozenset({"hope", "want", "wish", "plan", "intend", "aim", "seek", "prepare", "try", "attempt"})


def _supposed(verb: Token) -> bool:
    """"If asked, she would probably say …": a modal cue under a condition reports what was not said;
    so does one under a modal of possibility ("Critics might say …", "Lawmakers could argue …")."""
    # ("could only quip: "…"" is what was said, all that could be.)
    if any(c.dep_ == "aux" and c.lower_ in ("might", "could", "may") for c in verb.children) \
            and not any(c.lower_ == "only" for c in verb.children):
        return True
    # "The researchers hope to repeat the survey", "She wants to tell voters …": what one hopes or plans
    # to say is not said yet.
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WISHES:
        return True
    modal = any(c.dep_ == "aux" and c.lower_ in ("would", "might", "could") for c in verb.children)
    # ("Had the referee seen it, he would have said …": a condition with its auxiliary first.)
    return modal and any(c.dep_ == "advcl" and (any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                                                or c.left_edge.lower_ in ("had", "were", "should") and c.left_edge.dep_ == "aux")
                         or c.dep_ == "advmod" and c.lower_ == "probably" for c in verb.children)


# Where a cue's speaker is looked for, in order.
_SPEAKER_FINDERS = (subject_of, subject_after, subject_before, name_before_aside, titled_name_before,
                    paragraph_opening_subject)

# Subjects that are people: "he", "she", "they", "I", "we" (not "it", not "you").
_PERSONAL_PRONOUNS = frozenset(w for w, kind in lexicon.PRONOUN_CLASS.items() if kind in ("male", "female", "plural",
                                                                                         "first"))

def quoting_verb(doc: Doc, start: int, end: int) -> Cue | None:
    """`Ruiz deplored a mood in which neighbours "barely speak to each other"`: quoted words inside a
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
    if not verb.idx < start or verb.pos_ != "VERB" or verb.lemma_.lower() in lexicon.NOT_CUE_VERBS:
        return None
    if is_passive(verb) or verb.tag_ == "VBN" and agent(verb) is not None:
        # "The deal, described by one analyst as "a bargain," …": in the passive, the agent's words.
        by = agent(verb)
        if by is None or by.i > start or not is_cue_verb(verb) and "complement" not in frames.frames_of(verb):
            return None
        return Cue(verb.idx, verb.idx + len(verb.text), verb.text, by, start, end, verb.sent)
    # `Lee said the duo worked because they are "…"`: inside a report, the
    # words belong to whoever reports them.
    reporting = next((a for a in verb.ancestors if is_cue_verb(a) and a.idx < start), None)
    verb = reporting or verb
    if reporting is not None:
        subject = named_in_apposition(subject_of(verb) or subject_before(verb))
        if subject is None or subject.i > verb.i or subject.lower_ == "you":
            return None
    else:
        subject = nearest_subject(verb)
        if subject is None and verb.dep_ == "conj":
            subject = nearest_subject(verb.head)
        if subject is None or subject.i > verb.i or not (
                subject.lower_ in _PERSONAL_PRONOUNS or subject.ent_type_ in ("PERSON", "ORG", "NORP")
                or subject.pos_ == "PROPN" or subject.lemma_.lower() in lexicon.ROLE_HEADS):
            return None
    rights = [c for c in verb.rights if c.i < span.start and not c.is_punct and not c.is_space]
    first = rights[0].left_edge.i if rights else span.start
    if "\n" in doc[verb.i:span.start].text or first <= verb.i:
        return None
    return Cue(verb.idx, verb.idx + len(verb.text), verb.text, subject, doc[first].idx, end, verb.sent)


def colon_lead_in(doc: Doc, colon: int) -> Cue | None:
    """`The minister was blunt: "…"` / `Ruiz tweeted in response: "…"`: a clause ending in the colon
    before a quotation, with a person or organisation as its subject and no verb of saying, leads
    in to that subject's words. `colon` is the colon's character offset. None when the clause has
    no such subject."""
    span = doc.char_span(colon, colon + 1)
    if span is None or span[0].text != ":":
        return None
    mark = span[0]
    clause = [t for t in doc[mark.sent.start:mark.i] if not t.is_space]
    if not clause or any("\n" in t.text for t in doc[clause[0].i:mark.i]):
        return None
    # The clause's verb: the parse may hang it (and the colon) on the quotation's verb, or read it as a
    # participle on its subject ("Ruiz, the candidate, tweeted in response: …").
    tops = [t for t in clause if t.head.i >= mark.i or t.head == t]
    verbs = [t for t in tops if t.pos_ in ("VERB", "AUX")]
    subject: Token | None = None
    verb: Token = mark
    if len(verbs) == 1:
        verb = verbs[0]
        subject = nearest_subject(verb)
        if subject is None and verb.dep_ == "conj":
            subject = nearest_subject(verb.head)  # "… leaned in and boomed:"
        while any(c.dep_ == "conj" and c.i < mark.i for c in verb.children):
            verb = next(c for c in verb.children if c.dep_ == "conj" and c.i < mark.i)
    elif not verbs and len(tops) == 1 and tops[0].dep_ == "nsubj":
        subject = tops[0]
        verb = next((c for c in subject.rights if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN")), subject)
    if subject is None or verb is subject or not clause[0].i <= subject.i < verb.i or is_time(subject):
        return None
    speaker = named_in_apposition(subject) or subject
    # (a plural is a group: "Some members of the team hold up placards, including: …")
    if not any(_can_speak(s) or s.lemma_.lower() in lexicon.UNNAMED_SOURCE_HEADS or s.tag_ == "NNS"
               for s in (subject, speaker)):
        return None
    return Cue(verb.idx, verb.idx + len(verb.text), verb.text, speaker, None, None, verb.sent)


def sentence_lead_in(doc: Doc, start: int) -> Cue | None:
    """`Clinton touted her record. "We need …"`: a quotation with no cue right after a sentence of the
    same paragraph whose subject is a person or organisation is that subject's (not the last
    speaker's). `start` is the opening mark's offset. None when the sentence before has quoted
    words of its own (then the quotation goes on from them) or no such subject."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    end = span.start - 1
    while end > 0 and doc[end].is_space:
        end -= 1
    if doc[end].text not in (".", "!") or "\n" in doc[end:span.start].text:
        return None
    sentence = doc[end].sent
    if any(t.is_quote or "\n" in t.text for t in sentence) or sentence.start == span.start:
        return None
    verb = sentence.root
    if verb.pos_ not in ("VERB", "AUX") or verb.i > end:
        return None
    subject = nearest_subject(verb)
    if subject is None or is_time(subject) or subject.tag_ in ("NNS", "NNPS") and subject.ent_type_ != "ORG":
        return None
    speaker = named_in_apposition(subject) or subject
    if not (_can_speak(subject) or _can_speak(speaker)):
        return None
    return Cue(verb.idx, verb.idx + len(verb.text), verb.text, speaker, None, None, sentence)


def _can_speak(token: Token) -> bool:
    """A subject that can be a source: a person, an organisation or a title ("he", "Ruiz", "the
    ministry", "the mayor")."""
    lemma = token.lemma_.lower()
    return token.lower_ in _PERSONAL_PRONOUNS or token.ent_type_ in ("PERSON", "ORG", "NORP") or token.pos_ == "PROPN" \
        or lemma in lexicon.ROLE_HEADS or lemma in lexicon.ORGANISATION_NOUNS
