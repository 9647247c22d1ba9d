"""Speakers of cues: the subject of a reporting verb as spaCy's parse gives it, and its corrections.

The subject of the verb, or of the verb it hangs from ("… and said", "…, saying"); the name in
apposition ("Quill's brother, Owen Bright"); the noun after the verb (`"…," said Stone`); never a
word inside the quotation; the agent of a passive ("asked by a reporter"), or nobody ("when asked").
"""
from __future__ import annotations

from spacy.tokens import Token

from quotegraph import lexicon
from quotegraph.dates import WEEKDAYS
from quotegraph.quotes.verbs import NOUN_PHRASE_POS, is_cue_verb, misread_participle, noun_tagged_cue, noun_tagged_subject, paragraph_break


_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}

# Speaker-less constructions where the verb hangs from another verb that carries the subject.
_SUBJECT_FROM_HEAD = {"conj", "advcl", "xcomp", "pcomp", "acl", "dep", "acomp", "advmod"}  # "was quick to point out", "went as far as to say"

_SUBJECT_SHARING_PREPOSITIONS = {"by", "after", "before", "while", "since", "upon", "on", "without", "despite", "in"}


def quoted(token: Token) -> bool:
    """Inside quote marks: an odd number of marks stands between its paragraph's start and it
    (sentences are no measure: the parser often ends one just inside a closing mark)."""
    doc = token.doc
    parity = doc.user_data.get("quotegraph.quote_parity")
    if parity is None:  # one pass per document: the marks' parity before each token
        parity, marks = [], 0
        for t in doc:
            parity.append(marks % 2)
            marks = 0 if paragraph_break(t) else marks + t.text.count('"') + t.text.count("''")
        doc.user_data["quotegraph.quote_parity"] = parity
    return parity[token.i] == 1

def _set_off_relative(verb: Token) -> bool:
    """"…, who opened the door": a relative clause set off by a comma (it tells about someone named; "all
    those who wish to leave" picks people out and is no clause of theirs that speaks)."""
    pronoun = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.tag_ in ("WP", "WDT")), None)
    return verb.dep_ == "relcl" and pronoun is not None and pronoun.i > 0 and verb.doc[pronoun.i - 1].text == ","


def _earlier_cue_subject(verb: Token) -> Token | None:
    """"He added … and said …": a coordinated cue shares the subject of the cue before it."""
    for token in reversed(verb.doc[verb.sent.start:verb.i]):
        # ("grumbled about Ruiz vowing to fight on and said …": a participle inside a phrase is no
        # verb of the series; its subject is someone else.)
        if is_cue_verb(token) and not (token.tag_ == "VBG" and token.dep_ in ("pcomp", "acl", "pobj")):
            return next((c for c in token.children if c.dep_ in _SUBJECTS), None)
    return None

_TIME_WORDS = frozenset(WEEKDAYS) | {"morning", "afternoon", "evening", "night", "today", "yesterday", "tomorrow",
                                      "tonight", "week", "weekend", "month", "year"}


_OBJECT_CONTROL = frozenset({"lead", "prompt", "cause", "force", "push", "drive", "ask", "urge", "tell", "encourage",
                             "invite", "pressure", "persuade", "convince", "get", "allow", "inspire", "spur", "press",
                             "compel", "move"})
_EVENTS = frozenset({"conference", "briefing", "speech", "interview", "rally", "event", "appearance", "hearing",
                     "address", "meeting", "debate", "session", "statement", "town hall"})
_MOMENTS = frozenset({"point", "time", "moment", "stage", "times", "points"})


def is_age(token: Token) -> bool:
    """"the 39-year-old": the word that stands for a person described by their age."""
    return token.lower_ == "old" and token.i >= 2 and token.doc[token.i - 2].lower_ == "year"


def is_time(token: Token) -> bool:
    """"Thursday morning", "last week": a time, which never speaks ("the 46-year-old" does)."""
    return token.ent_type_ in ("DATE", "TIME") and token.lower_ in _TIME_WORDS


def raised_subject(verb: Token) -> Token | None:
    """"Ruiz said closed primaries -- those open to members -- deny …": the subject the parse hung on
    the cue after it, when the clause it reported follows with no subject of its own."""
    after = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    if after is None or not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return None
    clause = next((c for c in verb.rights if c.dep_ == "ccomp" and c.i > after.i), None)
    if clause is None or any(c.dep_ in _SUBJECTS or c.dep_ == "expl" for c in clause.children):
        return None
    return after


def nearest_subject(verb: Token) -> Token | None:
    # `"Nothing to see here," said Laura White`: a subject inside the quotation is its own word.
    # "Speaking at the convention Sen. Ann Lee said …": a clause taken for the subject speaks for no one.
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and not quoted(c)
                and not (c.dep_ == "csubj" and c.tag_ in ("VBG", "VBN"))]
    before = [c for c in subjects if c.i < verb.i]
    # "…, said Karl Visser, founder of …": after a comma, a subject right after the verb is who
    # speaks, whatever the parse also made a subject before it (the report's own noun).
    after = [c for c in subjects if verb.i < c.i <= verb.i + 4 and c.pos_ in ("PROPN", "NOUN")]
    if before and after and verb.i > 0 and verb.doc[verb.i - 1].text == "," and raised_subject(verb) is None:
        return after[0]
    # "Mayor Ruiz, echoing Kay, urged …": the parse can make a participle's object a second subject.
    if len(before) >= 2 and before[-1].left_edge.i > 0 and "VBG" in (
            before[-1].left_edge.tag_, verb.doc[before[-1].left_edge.i - 1].tag_):
        before = before[:-1]
    if before:
        return _inserted_speaker(before[-1], verb)
    if subjects:
        # `"…," said the survivor, Anna Bell, pausing`: a participle the tagger made a noun can take
        # the speaker for its own subject.
        inner = next((c for c in subjects[0].children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        return inner if inner is not None and subjects[0].lower_.endswith("ing") else subjects[0]
    return _compound_subject(verb)


def _compound_subject(verb: Token) -> Token | None:
    """"Voters, Garcia notes, support …": the parse can take a name and a finite cue for one noun
    ("Garcia notes"); the name right before the verb is then its subject."""
    if verb.tag_ not in ("VBZ", "VBD") or verb.i < 1:
        return None
    name = verb.doc[verb.i - 1]
    if name.head == verb and name.dep_ == "compound" and name.pos_ in ("PROPN", "NOUN") and not quoted(name):
        return name
    return None


_DASHES = {"-", "--", "—", "–"}


def _inserted_speaker(subject: Token, verb: Token) -> Token:
    """`Ruiz, a senior aide said, is confident`: the parse takes "a senior aide" for Ruiz's apposition,
    but with no comma before the inserted cue it is who speaks, and Ruiz is what is spoken of."""
    doc = verb.doc
    # "In the memo - sent to the deputy minister, Lars Berg - the Green MP asks …": a name
    # closing an aside set off by dashes is no subject; the noun phrase after the dash is.
    if subject.i + 2 < verb.i and doc[subject.i + 1].text in _DASHES \
            and any(t.text in _DASHES for t in doc[verb.sent.start:subject.i]):
        appos = next((c for c in subject.children if c.dep_ == "appos" and c.left_edge.i == subject.i + 2
                      and c.right_edge.i == verb.i - 1), None)
        if appos is not None:
            return appos
    if verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return subject
    # ("Okafor, a senior adviser said, "is calm"": read off the surface when the parse hangs the
    # noun phrase elsewhere.)
    noun = doc[verb.i - 1]
    opener = next((t for t in doc[subject.i + 1:verb.i] if t.text == ","), None)
    if verb.dep_ not in ("parataxis", "ccomp") and opener is not None and opener.i == subject.i + 1 \
            and noun.pos_ in ("NOUN", "PROPN") and noun.tag_ not in ("NNS", "NNPS") and noun.dep_ != "compound" \
            and doc[opener.i + 1].lower_ in ("a", "an", "the", "one", "another") \
            and all(t.pos_ in NOUN_PHRASE_POS and t.text != "," for t in doc[opener.i + 1:verb.i]):
        return noun
    if verb.dep_ not in ("parataxis", "ccomp"):
        return subject
    for appos in subject.children:
        first = appos.left_edge
        if appos.dep_ == "appos" and appos.right_edge.i == verb.i - 1 and first.i > 0 \
                and doc[first.i - 1].text == "," and first.lower_ in ("a", "an", "the", "one", "another"):
            return appos
    # `The source of it, union members and leaders say, is …`: the parse takes the report's first
    # noun for the subject; the noun phrase between the comma and the cue is who speaks.
    comma = next((k for k in range(verb.i - 1, subject.i, -1) if doc[k].text == ","), None)
    if comma is not None and subject.i < comma < verb.i - 1 and doc[verb.i - 1].pos_ in ("NOUN", "PROPN") \
            and all(t.pos_ in NOUN_PHRASE_POS for t in doc[comma + 1:verb.i]):
        return doc[verb.i - 1]
    return subject

def subject_of(verb: Token) -> Token | None:
    """The verb's subject as the parse gives it, never across a paragraph break (the parser can run
    a headline into the first paragraph and make the headline's subject the body's)."""
    subject = _parsed_subject(verb)
    if subject is None:
        return None
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl" and subject.head.head.pos_ in ("NOUN", "PROPN"):
        subject = subject.head.head  # "…, who answered the door and said …": the one the clause is about
    low, high = sorted((subject.i, verb.i))
    return None if any(paragraph_break(t) for t in verb.doc[low:high]) else subject


def _parsed_subject(verb: Token) -> Token | None:
    if verb.tag_ == "NNS" and noun_tagged_cue(verb):
        return noun_tagged_subject(verb)
    if verb.dep_ == "ccomp" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "and" and is_cue_verb(verb.head) \
            and nearest_subject(verb) is None:  # "said the plan was flawed and warned that …"
        return nearest_subject(verb.head)
    # "…, saying he has changed the sport and calling him "a born teacher"": a participle joined to a verb
    # of the report is the reporting participle's twin, and has its subject.
    if verb.tag_ == "VBG" and verb.dep_ == "conj" and verb.head.tag_ != "VBG" and verb.doc[verb.i - 1].lower_ == "and":
        twin = next((a for a in verb.head.ancestors if a.tag_ == "VBG" and a.dep_ in ("advcl", "conj")
                     and is_cue_verb(a)), None)
        if twin is not None and verb.head.dep_ == "ccomp" and verb.head.head == twin:
            return _parsed_subject(twin)
    if misread_participle(verb):
        return verb.head
    # "The defeat led Republicans to say …": an infinitive after the object of a verb of leading
    # or urging speaks for the object ("used the remarks to urge …" does not).
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and verb.head.lemma_.lower() in _OBJECT_CONTROL \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
                           and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if controller is not None:
            return controller
    # `Quinn, asked if …, said: "…"`, however the parser hangs the two verbs.
    aside = next((t for t in verb.doc[verb.sent.start:verb.i] if t.lower_ in ("asked", "questioned", "pressed")
                  and cue_after_aside(t) == verb), None)
    if aside is not None:
        return _asked_one(aside)
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.head.pos_ in (
            "VERB", "AUX") and (verb.head.lower_ in _MOMENTS or verb.head.lemma_.lower() in _EVENTS
                                and is_cue_verb(verb.head.head.head)):
        # ("said at a news conference announcing …": the speaker of the cue announces.)
        # "…, at one stage branding the chair a "fraud"": the participle hangs on the moment.
        subject = nearest_subject(verb.head.head.head)
        if subject is not None:
            return subject
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.head.pos_ in ("VERB", "AUX") and (
            is_time(verb.head) or verb.head.dep_ == "dobj" and verb.head.lemma_.lower() in lexicon.DOCUMENT_NOUNS):
        # "issued a statement (Tuesday) saying …": who issued the document says it, wherever the
        # parse hangs the participle (and "denied reports saying …" is what the denier denies: both
        # annotations give the subject).
        issuer = nearest_subject(verb.head.head)
        if issuer is not None:
            return issuer
    if verb.tag_ == "VBG" and verb.dep_ == "advcl":
        # "…, when protesters interrupted her speech, shouting …": the parse can hang the participle
        # on the main clause; it belongs to the clause that ends right before it.
        before = _clause_ending_before(verb)
        if before is not None:
            return before
        # "Ruiz said the province will keep its pledge, insisting …": the participle hangs from a
        # verb of the report, but it is the reporter who insists.
        reporter = _reporter_of(verb)
        if reporter is not None and reporter.i < verb.i:
            subject = nearest_subject(reporter)
            if subject is not None:
                return subject
    if verb.dep_ == "conj" and nearest_subject(verb) is None:  # "…, she said, and officials said …"
        # ("Berg, who opened the door and said …": inside a relative clause, the clause's own subject.)
        # ("conceded the plan had been badly explained but insisted …": the cue it is joined to, not a
        # verb inside that cue's report.)
        head = verb.head
        if head.dep_ == "ccomp" and is_cue_verb(head.head) and (head.tag_ == "VBN" or verb.tag_ != head.tag_):
            head = head.head  # (the parse can join it to the first cue's report instead)
        shared = nearest_subject(head) if _set_off_relative(head) or is_cue_verb(head) \
            else _earlier_cue_subject(verb)
        if shared is not None:
            return shared
    for _ in range(4):
        subject = nearest_subject(verb) or _subject_of_leading_participle(verb)
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        # "After saying her knee was sore, she left": a participle after a preposition has the
        # subject of the clause the preposition belongs to.
        # ("thanked Trump for suggesting …": who is thanked did the suggesting, so not "for"; "as
        # saying" only in the passive, "was quoted as saying", not "quoted Ruiz as saying".)
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
                and (verb.head.lower_ in _SUBJECT_SHARING_PREPOSITIONS or verb.head.lower_ == "as" and any(
                    c.dep_ == "nsubjpass" for c in verb.head.head.children)) \
                and verb.head.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
            verb = verb.head.head
            continue
        if verb.head.i == verb.i:
            # ("The council will review the plan, the mayor, Ana Sousa, said": the parse can take the
            # speaker for an apposition of the report's object; the series' subject is the report's.)
            return titled_name_before(verb) or _subject_of_series(verb)
        if verb.dep_ not in _SUBJECT_FROM_HEAD:
            return None
        verb = verb.head
    return None


def _subject_of_series(root: Token) -> Token | None:
    """`Kent summed up Ruiz as "weak," attacked her record and said …`: in a series of verbs the
    parser can make the first a clause of the second, which is left without a subject; the series
    shares the first one's subject."""
    # (`… offered her a seat, then says …`: an adverb of the series may follow the comma.)
    first = next((c for c in root.lefts if c.dep_ == "ccomp" and "," in root.doc[c.right_edge.i:root.i].text
                  and all(t.is_punct or t.dep_ == "advmod" and t.head.i == root.i and t.pos_ == "ADV"
                          for t in root.doc[c.right_edge.i + 1:root.i])), None)
    if first is None:
        return None
    return next((c for c in first.children if c.dep_ == "nsubj" and c.i < first.i and not quoted(c)
                 and c.pos_ in ("PROPN", "PRON", "NOUN")), None)

def _clause_ending_before(participle: Token) -> Token | None:
    """The subject of a subordinate clause (no report of anyone's) that ends at the comma right
    before the participle, if the parse hung the participle elsewhere."""
    doc = participle.doc
    if participle.i < 3 or doc[participle.i - 1].text != ",":
        return None
    last = doc[participle.i - 2]
    clause = next((t for t in [last, *last.ancestors] if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")
                   and t.right_edge.i == last.i), None)
    if clause is None or clause == participle.head or clause.dep_ not in ("relcl", "advcl") \
            or any(is_cue_verb(a) for a in clause.ancestors):
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.pos_ in ("NOUN", "PROPN") else None


def _reporter_of(participle: Token) -> Token | None:
    """The cue whose report a participle hangs in ("said the province will keep its pledge,
    insisting …"), or its own host verb when that is a clause of its own ("…, but Sokol disagreed,
    saying …": the one who disagreed says it)."""
    token = participle.head
    while True:
        if is_cue_verb(token):
            return token
        if token.dep_ == "conj" or token.head.i == token.i:
            return token if nearest_subject(token) is not None else None
        token = token.head


def _subject_of_leading_participle(verb: Token) -> Token | None:
    """"Carter, citing the figures, said …": the parser can hang the subject from the participle."""
    for child in verb.lefts:
        if child.dep_ == "advcl" and child.tag_ == "VBG":
            subject = next((c for c in child.lefts if c.dep_ == "nsubj" and not quoted(c)), None)
            if subject is not None:
                return subject
    return None

def subject_before(verb: Token) -> Token | None:
    """When the parse gives the verb no subject, the name or noun right before it ("… Ada Lind told")."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ in ("ADV", "AUX", "PART") and verb.doc[i].dep_ != "neg":
        i -= 1
    # "… Sen. Ann Lee (D-Mass.) said": a party label in parentheses stands between name and verb.
    if i > verb.sent.start and verb.doc[i].text == ")":
        opening = next((k for k in range(i - 1, max(verb.sent.start, i - 6) - 1, -1) if verb.doc[k].text == "("), None)
        if opening is not None:
            i = opening - 1
    if i < verb.sent.start:
        return None
    token = verb.doc[i]
    if token.pos_ in ("PROPN", "PRON") or (token.pos_ == "NOUN" and token.tag_ in ("NN", "NNS")) \
            or token.pos_ == "NUM" and token.head.i == verb.i:  # "About 6 in 10 say …"
        return token
    if is_age(token):  # "the 52-year-old said"
        return token
    return None

def titled_name_before(verb: Token) -> Token | None:
    """`"…," the union's president, Maria Lopez, said`: when the parse gives the verb no subject (it
    can take the title for the quotation's object), a name set off by commas right before the verb,
    after a title."""
    doc = verb.doc
    if verb.i < 4 or doc[verb.i - 1].text != ",":
        return None
    i = verb.i - 2
    while i > verb.sent.start and doc[i].pos_ == "PROPN" and verb.i - 2 - i < 4:
        i -= 1
    if i == verb.i - 2 or doc[i].text != "," or i < 1:
        return None
    title = doc[i - 1]
    if title.pos_ == "NOUN" and title.tag_ == "NN" and title.lemma_.lower() in lexicon.ROLE_HEADS:
        return doc[verb.i - 2]
    return None


def name_before_aside(verb: Token) -> Token | None:
    """`an emotional Rachel Burns, whose son was killed in the crash, said: "…"`: when the parse
    gives the verb no subject, a name right before an aside set off by commas ("who …", "whose …",
    "a …", "the …", an age) that ends right before the verb."""
    doc = verb.doc
    if verb.i < 3 or doc[verb.i - 1].text != "," or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for i in range(verb.i - 2, max(verb.sent.start, verb.i - 40) - 1, -1):
        token = doc[i]
        if token.text in ('"', ".", ";", ":") or token.is_space:
            return None
        if token.text == "," and i > verb.sent.start:
            name, opener = doc[i - 1], doc[i + 1]
            if name.pos_ == "PROPN" and name.text[:1].isupper() and not quoted(name) and \
                    (opener.lower_ in ("who", "whose", "a", "an", "the", "whom") or opener.like_num):
                return name
    return None


_DASHES = ("-", "—", "–", "--")


def paragraph_opening_subject(verb: Token) -> Token | None:
    """`The mayor of Hull, Dan Price, said …` parsed as part of the paragraph before: the noun
    phrase that opens the verb's paragraph (its name, when one stands in commas right before the
    verb), if nothing but that phrase and its asides stands before the verb."""
    doc = verb.doc
    start = verb.i
    while start > 0 and not paragraph_break(doc[start - 1]):
        start -= 1
    before = [t for t in doc[start:verb.i] if not t.is_space]
    if not before or start == verb.sent.start or before[-1].text not in (",",) + _DASHES:
        return None
    # An aside between dashes may hold verbs of its own ("- which was founded by … -").
    dashes = [k for k, t in enumerate(before) if t.text in _DASHES]
    if len(dashes) >= 2:
        before = before[:dashes[0]] + before[dashes[-1]:]
    if before[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ") \
            or any(t.pos_ in ("VERB", "AUX") or t.text in ('"', ":", ";") for t in before):
        return None
    # ", Dan Price," right before the verb: the name of the one described.
    commas = [k for k, t in enumerate(before) if t.text == ","]
    if len(commas) >= 2:
        name = before[commas[-2] + 1:commas[-1]]
        if 1 <= len(name) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
            return name[-1]
    first = next((t for t in before if t.pos_ in ("NOUN", "PROPN")), None)
    while first is not None and first.dep_ == "compound" and first.head in before:  # "Neil" of "Neil Sroka"
        first = first.head
    return first


def subject_after(verb: Token, after_comma: bool = False) -> Token | None:
    """`"…," points out the laid-back resident` / `…, insists Ivo Marsh, …`: after a quote (or a
    comma), the noun that follows the verb."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG":
        return None  # "Mayor Ruiz, echoing Kay, urged …": a participle's subject is never after it
    marks = (",",) if after_comma else ('"', ",")
    if before is None or before.text not in marks and not (before.is_space and not after_comma):
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i > verb.i), None)
    if subject is not None:
        return subject
    parsed = next((c for c in verb.rights if c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("dobj", "npadvmod", "attr",
                                                                                      "dep", "appos")), None)
    return parsed or _noun_phrase_after(verb)


def _noun_phrase_after(verb: Token) -> Token | None:
    """`"…," said the woman, who like many …`: the parse can hang the noun phrase after an inverted
    cue on a later verb; a noun phrase set off by punctuation right after the verb is its subject."""
    doc, k = verb.doc, verb.i + 1
    while k < len(doc) and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
        k += 1
    if k == verb.i + 1 or k < len(doc) and doc[k].text not in (",", ".", ";"):
        return None
    head = doc[k - 1]
    return head if head.pos_ in ("NOUN", "PROPN") else None

def named_in_apposition(speaker: Token | None) -> Token | None:
    """"says Quill's brother, Owen Bright", "the Keeper of the Royal Archive, Ahmad Faisal Rahman,
    said": the person's name is the speaker, the description aside."""
    # ("The accused, Brent Kowalski, 34, denied …": a participle used as a noun describes someone too.)
    if speaker is None or speaker.ent_type_ == "PERSON" or not (speaker.pos_ in ("NOUN", "PROPN") or speaker.tag_ in (
            "VBN", "JJ") and any(c.dep_ == "det" for c in speaker.children)):
        return speaker
    name = next((c for c in speaker.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    lemma = speaker.lemma_.lower()
    if name is None and lemma in lexicon.RELATIVE_NOUNS:
        # "Wise's dad, Darrin,": a capitalised word beside a relative is their name, whatever NER says.
        name = next((c for c in speaker.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if name is None and lemma in lexicon.ROLE_HEADS:
        # "the minister, Helena Voss,": a name of two or three words beside a title, whatever NER says.
        name = next((c for c in speaker.children if c.dep_ == "appos" and _person_shaped(c)), None)
    if name is None:  # the parse hangs the name from the end of the description ("… Archive, Faisal Rahman")
        end = max(t.i for t in speaker.subtree if not t.is_punct)
        name = next((t for t in speaker.subtree if t.dep_ == "appos" and t.ent_type_ == "PERSON"
                     and t.i == end), None)
    return name or speaker

def _person_shaped(head: Token) -> bool:
    """Two or three capitalised proper nouns and nothing else ("Helena Voss"), none a word of an
    organisation's name ("… Inc", "… Council") nor a place."""
    words = [t for t in head.subtree if not t.is_punct]
    # (The tagger can read a capitalised surname ending in -s as a plural noun: "Mair Davies".)
    return head.pos_ in ("PROPN", "NOUN") and 2 <= len(words) <= 3 and all(
        (t.pos_ == "PROPN" or t.tag_ == "NNS" and t == head) and t.text[:1].isupper() and t.text[1:].islower()
        and t.ent_type_ not in ("GPE", "LOC", "NORP") and t.lower_ not in lexicon.ORGANISATION_SUFFIXES for t in words)


def asked_aside(verb: Token) -> bool:
    """`Nora Quinn, asked if she would run, said: "…"`: "asked" set off by commas between a subject
    and its cue is a participle (she was asked), though the parser reads it as her own past tense
    (and hangs the real cue from it, or it from the cue, or both from a third verb)."""
    return cue_after_aside(verb) is not None


def _asked_one(verb: Token) -> Token | None:
    """Who was asked in `X, asked …,`: the parse's subject of "asked", else the noun before the comma
    (the parser can take it for a preposition's object: "after Mr. Hale, asked …")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i - 1), None)
    before = verb.doc[verb.i - 2]
    return subject or (before if before.pos_ in ("PROPN", "NOUN") and before.tag_ in ("NNP", "NN") else None)


def cue_after_aside(verb: Token) -> Token | None:
    """The cue after `X, asked …,` (`had said`, `said`), read off the surface; None if `verb` is no such aside."""
    doc = verb.doc
    if not (verb.lemma_.lower() in ("ask", "question", "press") and verb.tag_ in ("VBD", "VBN")
            and verb.i >= 2 and doc[verb.i - 1].text == "," and _asked_one(verb) is not None):
        return None
    comma = next((t.i for t in doc[verb.i + 1:verb.sent.end] if t.text == ","), None)
    if comma is None:
        return None
    k = comma + 1
    while k < len(doc) and doc[k].dep_ in ("aux", "neg") and doc[k].i < verb.sent.end:
        k += 1
    return doc[k] if k < len(doc) and doc[k].pos_ == "VERB" and is_cue_verb(doc[k]) else None


def relative_link(speaker: Token, verb_start: int) -> Token | None:
    """"tenant groups who say …": the relative pronoun through which a cue inside a relative
    clause has its speaker. The mention of the speaker runs from the antecedent to it: the one
    names who spoke, the other is the verb's subject (annotations differ on which to mark)."""
    verb = next((t for t in speaker.doc[speaker.i + 1:speaker.sent.end] if t.idx == verb_start), None)
    if verb is None or verb.dep_ != "relcl" or verb.head != speaker:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that", "which")
                 and c.i < verb.i), None)


def is_passive(verb: Token) -> bool:
    """"was asked whether …", "when asked about …": the subject, if any, is who was addressed."""
    if verb.tag_ not in ("VBN", "VBD"):
        return False
    if asked_aside(verb):
        return True
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "the workers were underpaid and often described as …": a participle sharing a bare copula is passive
    # ("has been mayor and served …" shares a perfect, and is active).
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.lemma_ == "be" and not any(
            c.dep_ == "aux" for c in list(verb.children) + list(verb.head.children)):
        return True
    # "Asked about the vote, she said …": the tagger often reads a clause-initial "Asked" as past tense.
    if verb.i == verb.sent.start or verb.doc[verb.i - 1].lower_ in ("when", "if", "once", "after", "before"):
        return not any(c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in verb.children)
    # A bare participle clause: "When asked why, she said …", "Asked about the vote, he said …".
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "ROOT", "dep") and \
        not any(c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in verb.children)

def agent(verb: Token) -> Token | None:
    """"asked by a reporter": who did the asking."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None

# A document "sent by" someone is theirs; one "combed through by" someone is not.
_WRITING_VERBS = frozenset({"send", "write", "sign", "issue", "release", "publish", "post", "file", "author", "pen",
                            "draft", "deliver", "tweet", "email"})


def document_issuer(document: Token) -> Token | None:
    """"A release sent to reporters from the union", "a statement from Ruiz's office", "a statement
    from the company's chief executive, Lena Fox", "an email sent by Ruiz": who a document is from,
    when the text names them."""
    sent = [document] + [c for c in document.children if c.dep_ == "acl" and c.i > document.i]
    # ("an email sent out by the campaign": the agent of its sending too.)
    sources = [o for h in sent for p in h.children
               if p.dep_ == "prep" and p.lower_ == "from" or p.dep_ == "agent" and h.lemma_.lower() in _WRITING_VERBS
               for o in p.children if o.dep_ == "pobj"]
    return next((o for o in map(named_in_apposition, sources) if o is not None and o.pos_ == "PROPN"), None)


def _document_sent_to(verb: Token, speaker: Token | None) -> Token | None:
    """The document of "sent an email to supporters stating …" when the parse makes the participle
    describe the recipients (`speaker`); None otherwise."""
    if speaker is None or verb.dep_ != "acl" or speaker != verb.head or speaker.dep_ != "pobj" \
            or speaker.head.lower_ not in ("to", "for"):
        return None
    issuing = speaker.head.head
    return next((c for c in issuing.children if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.DOCUMENT_NOUNS
                 and c.i < speaker.i), None)


def _document_that_says(verb: Token, speaker: Token | None) -> Token | None:
    """The document of "released a letter that says …" (the relative clause's subject stands for it);
    None otherwise."""
    document = verb.head
    if speaker is None or verb.dep_ != "relcl" or document.lemma_.lower() not in lexicon.DOCUMENT_NOUNS \
            or not (speaker == document or speaker.head == verb and speaker.tag_ in ("WDT", "WP")):
        return None
    return document


def issuer_of_document(verb: Token, speaker: Token | None) -> Token | None:
    """"The campaign released a statement saying …": a document's words are its issuer's, named as
    the subject of the verb that issued it (or as its possessor)."""
    # ("… sent an email to supporters stating …": the parse hangs the participle on the recipients.)
    sent = _document_sent_to(verb, speaker) or _document_that_says(verb, speaker)
    speaker = sent or speaker
    if speaker is None or speaker.lemma_.lower() not in lexicon.DOCUMENT_NOUNS:
        return speaker
    issuer = document_issuer(speaker)
    if issuer is not None and verb.i > issuer.i:
        return issuer
    if sent is None and (verb.dep_ != "acl" or speaker.i != verb.head.i):
        return speaker
    owner = next((c for c in speaker.children if c.dep_ == "poss"), None)
    if owner is None and speaker.dep_ == "dobj":
        owner = next((c for c in speaker.head.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted(c)), None)
    return owner or speaker


def owner_of_participle(verb: Token, speaker: Token | None) -> Token | None:
    """`"…," swimmers dressed for a race say`: the parse can hang a finite cue inside the participle
    right after its subject and take a common noun of that participle for the subject ("race"). The
    speaker is the noun the participle describes."""
    if speaker is None or speaker.pos_ != "NOUN" or verb.tag_ not in ("VBP", "VBZ", "VBD") \
            or not speaker.i < verb.i:
        return speaker
    link = verb
    while link.dep_ in ("acl", "advcl", "pobj", "prep") and link.head != link:
        link = link.head
        if link.dep_ == "acl" and link.tag_ in ("VBN", "VBG"):
            owner = link.head
            if owner.pos_ in ("NOUN", "PROPN") and owner.i + 1 == link.i and link.i < speaker.i:
                return owner
            return speaker
    return speaker


def asks_about_saying(verb: Token, speaker: Token | None) -> bool:
    """A question about the cue ("Should I tell her …?", "Did she say that?"): an auxiliary stands
    before the subject and the sentence ends with a question mark."""
    if speaker is None or not any(c.dep_ == "aux" and c.i < speaker.i for c in verb.children):
        return False
    sentence = verb.sent
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    return last is not None and last.text.endswith("?")
