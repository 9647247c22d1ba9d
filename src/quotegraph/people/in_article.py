"""In-article resolution: who each speaker mention is, as a full name, role or named source.

"he", "Mr Stoltenberg", "Stoltenberg" and "NATO's Secretary General" are folded into the person
"Jens Stoltenberg" of the same article; organisations and unnamed sources ("officials") are kept as
such. Pure: parsed article and quote candidates in, records out.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from quotegraph import dates, lexicon
from quotegraph.clean import Cleaned
from quotegraph.nlp import tokens_with, tokens_with_any
from quotegraph.people.names import (FEMALE_PRONOUNS, MALE_PRONOUNS, NAME_PARTICLES, ORGANISATION_LABELS, clean_name,
                                     coordinated_roles, copular_roles, entity_of, extended_organisation, fronted_role,
                                     is_definite, is_title_word, looks_like_organisation, mislabelled_person,
                                     noun_phrase, only_titles, organisation_tail, outside_prepositions, person_shaped,
                                     pronoun_gender_votes, proper_name, respective_roles, role_before_name,
                                     role_from_tokens, role_in_apposition, set_off_role)
from quotegraph.quotes.assemble import Candidate
from quotegraph.quotes.speakers import is_age, quoted, relative_link
from quotegraph.records import Mention, Person, Quote, Role
from quotegraph.records import Span as TextSpan  # spaCy's Span is the other one here

_MENTION_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_PLURAL = frozenset(w for w, kind in lexicon.PRONOUN_CLASS.items() if kind == "plural")
_THING = frozenset(w for w, kind in lexicon.PRONOUN_CLASS.items() if kind == "thing")
_RESOLVABLE_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | _PLURAL | _THING
_INDEFINITE = {"some", "others", "many", "few", "several", "most", "all", "both", "none", "dozens", "hundreds",
               "thousands", "millions"}
# How far back (characters) a pronoun looks for its person.
_PRONOUN_REACH = 1500
# Organisation nouns for a country's or city's own institutions, which articles name without
# naming them: "the military" is the organisation named last only when that one is a military.
_INSTITUTIONS = {"government", "military", "army", "navy", "police", "court", "opposition", "city", "province"}
# How far back "the report said" looks for where the article said whose report it is.
_AUTHOR_REACH = 4000
# Nouns that introduce another name of someone already named ("he used the alias Carlos Danger").
_ALIAS_NOUNS = {"alias", "pseudonym", "nickname", "moniker", "handle", "codename"}
_AKA = {"aka", "a.k.a.", "a.k.a"}
# A line whose words are mostly capitalised (a headline) above this share, with at least this many words.
_TITLE_CASE_SHARE = 0.9
_TITLE_CASE_WORDS = 3
_TITLE_LINE_SHARE = 0.8
_TITLE_LINE_WORDS = 10
_LEADING_MARKS = "\u2018\u201c'\"("
# Words title case leaves in lowercase, not counted either way.
_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "on", "in", "at", "to", "for", "by",
                          "with", "from", "as", "vs"})
# Words that say what kind of organisation a name is ("the nonprofit Harbour Watch").
_ORGANISATION_KINDS = frozenset({"nonprofit", "non-profit", "startup", "outlet", "brand", "platform", "app"})
_ROLE_HEADS = tuple(sorted(lexicon.ROLE_HEADS))
# Parts of speech no word of a name has ("Hears About", "Will Run").
_NOT_NAME_POS = frozenset({"ADP", "AUX", "VERB", "PRON", "ADV", "DET", "SCONJ", "CCONJ"})
_AUTHORING_VERBS = {"write", "file", "release", "publish", "issue", "conduct", "prepare", "produce",
                    "commission", "submit", "lodge", "launch", "bring", "post", "send", "author", "compile",
                    "present", "table", "unveil", "put"}


@dataclass
class _Cluster:
    """One person of the article while it is being built."""

    name: str
    aliases: Counter = field(default_factory=Counter)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    mentions: int = 0
    quotes: int = 0
    first: int = 0
    kind: str = "person"
    evidence: bool = False  # a person-shaped full name, a cue verb or pronoun
    titled: bool = False  # a title or honorific written with the name
    doctor: bool = False  # written "Dr." ("the doctor" may be them whatever their office)
    doubted: bool = False  # named as a thing somewhere: "the X", a quoted title, in a list of products
    headed: bool = False  # named in full somewhere other than as the owner of another's title ("Ana Ruiz aide")

    @property
    def is_person(self) -> bool:
        return self.titled or self.evidence and not self.doubted


# Shares of a group ("about half said", "the majority say"): the group speaks.
_SHARES = {"half", "third", "quarter", "majority", "minority", "plurality", "fraction", "share", "proportion",
           "handful", "most", "percent", "percentage"}


@dataclass(frozen=True)
class _Resolved:
    person: str | None
    kind: str


class _Article:
    """The people of one article and the rules to resolve mentions to them."""

    def __init__(self, doc: Doc, asides: tuple[TextSpan, ...] = (), text: str | None = None) -> None:
        self.doc = doc
        # Once: Doc.ents builds every span on each access. ("Dana Ruiz: Tariffs …": a headline's colon
        # can end up inside the name.)
        self.entities = tuple(Span(doc, e.start, e.end - 1, label=e.label) if len(e) > 1 and e[-1].text in (":", ";")
                              else e for e in doc.ents)
        self.asides = asides  # image captions: their people are not who the next "he" is about
        self.clusters: dict[str, _Cluster] = {}
        self.events: list[tuple[int, str, bool]] = []  # (char position, person name, was a subject)
        self.organisations: list[tuple[int, str, str]] = []  # (char position, name, NER label)
        self.cue_subjects: set[int] = set()  # starts of spans taken in as subjects of cue verbs
        # `text`: the cleaned text the doc was parsed from, when the caller has it (Doc.text rebuilds it).
        self._headlines = _title_case_lines(doc.text if text is None else text)
        self.label_names: list[str] = []  # transcript speakers named by a label in capitals
        self._plurals: list[Token] | None = None
        self._build()

    # -- building the people of the article ---------------------------------------------------------
    def _person_spans(self) -> list[Span]:
        entities = self.entities
        other_labels = Counter((e.text, e.label_) for e in entities)
        # ("then-Secretary of State Ruiz's emails": the surname of a person the article names in full is no
        # organisation's last word.)
        named_surnames = {e[-1].text for e in entities if e.label_ == "PERSON" and len(e) >= 2}
        spans = [e for e in entities if e.label_ == "PERSON" and not only_titles(e)
                 and not looks_like_organisation(e, other_labels)
                 and not (_tail_of_organisation(e) and e.text not in named_surnames) and not _held_organisation(e)]
        # A one-word "organisation" that is the surname of a person named in full is that person
        # ("Dan Sayers … Sayers also quoted"): the small model often labels lone surnames ORG.
        surnames = _surnames_of_full_names(spans)
        spans += [e for e in entities if e.label_ == "ORG" and len(e) == 1 and e.text in surnames]
        # A person the tagger calls a place or an organisation ("Leo Park" as a place, "Nurse Jill Adams"
        # as an organisation): a known first name and a surname the article names as a person alone,
        # or a title in front of them (in the entity, or a lowercase role noun: "presidential candidate").
        alone = {e.text for e in entities if e.label_ == "PERSON" and len(e) == 1}
        spans += [span for span in map(mislabelled_person, entities)
                  if span is not None and (span.start > 0 and is_title_word(self.doc[span.start - 1])
                                           and (self.doc[span.start - 1].ent_iob_ in ("B", "I")
                                                or self.doc[span.start - 1].pos_ == "NOUN")
                                           or span[-1].text in alone
                                           # ("“…,” declared Yvonne Chartrand", tagged a place: a cue's subject)
                                           or span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in lexicon.CUE_VERBS
                                           # "her captain, Leo Park," tagged a place
                                           or span.root.dep_ == "appos" and is_title_word(span.root.head))]
        taken = {t.i for e in entities for t in e}
        # Capitalised subjects NER missed, of cue verbs ("Okafor noted") or described in
        # apposition ("Yuna, a fisherman's widow, was cooking dinner").
        for token in tokens_with(self.doc, POS=("PROPN",), DEP=("nsubj", "nsubjpass")):
            if token.i in taken:
                continue
            described = any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in token.children)
            # "News of the move was reported by …": a passive subject is what was said, not who said it.
            speaking = token.head.lemma_.lower() in lexicon.CUE_VERBS and token.dep_ == "nsubj"
            if not speaking and not described:
                continue
            # ("Police in Rotterdam said": a capitalised source noun is no name.)
            if token.lower_ in lexicon.UNNAMED_SOURCE_HEADS or token.lower_ in lexicon.ORGANISATION_NOUNS:
                continue
            left = token.i
            while left > 0 and self.doc[left - 1].pos_ == "PROPN" and self.doc[left - 1].i not in taken:
                left -= 1
            if left == token.i and not described and token.head.lemma_.lower() == "report":
                continue  # "Politico reported, according to sources, …": one untagged word that reports is an outlet
            if token.tag_ == "NNPS" and left < token.i \
                    and not any(t.lower_ in lexicon.KNOWN_FIRST_NAMES for t in self.doc[left:token.i]):
                continue  # "Hot Chilli Pipers announce a concert": a plural name with no first name is a band or a team
            # "Enough said.", "Staff for the committee said": one untagged word that is a function word, or that
            # a "for" phrase says whose it is, is a common word capitalised to start the sentence.
            if left == token.i and (token.lower_ in STOP_WORDS or any(c.dep_ == "prep" and c.lower_ == "for"
                                                                      for c in token.children)):
                continue
            if not only_titles(self.doc[left:token.i + 1]):
                spans.append(self.doc[left:token.i + 1])
                self.cue_subjects.add(left)
        # "access to then-Secretary of State Ruiz's emails": a surname of a person named in full, in no
        # entity, after a capitalised title, is that person with that title.
        known = _surnames_of_full_names(spans)
        taken |= {t.i for s in spans for t in s}
        for token in tokens_with(self.doc, POS=("PROPN",)):
            if token.i in taken or token.text not in known or token.ent_iob_ != "O" or token.i == 0 \
                    or token.i + 1 < len(self.doc) and self.doc[token.i + 1].pos_ == "PROPN":
                continue
            role = role_before_name(self.doc[token.i:token.i + 1])
            if role is not None and role.title[:1].isupper():
                spans.append(self.doc[token.i:token.i + 1])
        # ("Tom Bell, AKA Night Owl, … “before we got with [Night Owl]”": the other name stays no person
        # wherever the article writes it again.)
        aliases = {s.text for s in spans if self._alias(s)}
        spans = _nicknames_cut(_with_given_name(_without_description(_without_question_auxiliary(s))) for s in spans
                               if s.text not in aliases)
        return self._joined_names(sorted(self._trimmed(self._without_glued_verb(spans)), key=lambda s: s.start))

    def _without_glued_verb(self, spans: list[Span]) -> list[Span]:
        """A capitalised verb after a name in a title the body quotes ("a website called “Harbour If Dan Moss
        Wins”") is no part of it: the last word, ending in -s, is cut when the article writes that verb in
        lowercase ("should Dan Moss win") and names the person without it elsewhere."""
        named = {proper_name(s) for s in spans if len(s) >= 2}
        verbs: set[str] | None = None  # read only when a name ends in a capitalised word in -s
        result = []
        for span in spans:
            last = span[-1]
            if len(span) >= 3 and last.text[:1].isupper() and last.text[1:].islower() and last.text.endswith("s") \
                    and proper_name(span[:-1]) in named:
                if verbs is None:
                    verbs = {t.lower_ for t in self.doc if t.pos_ in ("VERB", "AUX") and t.is_lower}
                if last.lower_.removesuffix("s") in verbs or last.lower_ in verbs:
                    span = span[:-1]
            result.append(span)
        return result

    def _joined_names(self, spans: list[Span]) -> list[Span]:
        """Two names side by side are one the tagger cut in two ("Raheem" "Kassam")."""
        joined: list[Span] = []
        for span in spans:
            last = joined[-1] if joined else None
            if last is not None and last.end == span.start and len(last) == 1 and len(span) == 1 \
                    and last[0].text[:1].isupper() and span[0].text[:1].isupper() and last[0].whitespace_ == " ":
                joined[-1] = self.doc[last.start:span.end]
            else:
                joined.append(span)
        return joined

    def _owner_of_a_name(self, span: Span) -> bool:
        """"Breitbart London's Raheem Kassam", "the Stonewall Inn": an outlet owning a person, or a
        place named with "the", is no person."""
        doc = self.doc
        if span[0].lower_ == "the" or span.start > 0 and doc[span.start - 1].lower_ == "the":
            return True
        possessive = span[-1] if span[-1].tag_ == "POS" or span[-1].lower_ in ("'s", "\u2019s") else (
            doc[span.end] if span.end < len(doc) else None)
        after = doc[possessive.i + 1] if possessive is not None and possessive.i + 1 < len(doc) else None
        return possessive is not None and (possessive.tag_ == "POS" or possessive.lower_ in ("'s", "\u2019s")) \
            and after is not None and after.pos_ == "PROPN" and after.text[:1].isupper()

    def _alias(self, span: Span) -> bool:
        """A name given as another name of someone ("the alias Carlos Danger", "Tom Bell, AKA Night Owl,",
        "Tom Bell, also known as Night Owl") is no person of its own."""
        doc = self.doc
        if any(t.lemma_.lower() in _ALIAS_NOUNS for t in doc[max(0, span.start - 2):span.start]):
            return True
        k = span.start - 1
        if k >= 0 and doc[k].lower_ in _AKA:
            k -= 1
        elif k >= 1 and doc[k].lower_ == "as" and doc[k - 1].lower_ == "known":
            k -= 2
            if k >= 0 and doc[k].lower_ == "also":
                k -= 1
        else:
            return False
        if k >= 0 and doc[k].text == ",":
            k -= 1
        return k >= 0 and doc[k].ent_type_ == "PERSON" and doc[k].pos_ == "PROPN"

    def _in_headline(self, position: int) -> bool:
        return any(a <= position < b for a, b in self._headlines)

    def _trimmed(self, spans: list[Span]) -> list[Span]:
        """Names in a title-case headline cut to the person the article names ("Jane Smith Says …" ->
        "Jane Smith", "Smith Slams …" -> "Smith", "Omar Ruiz Worked With …" -> "Omar Ruiz" for an
        "Omar T. Ruiz" of the body); else cut before a reporting verb ("Ruiz Claims")."""
        if not self._headlines:
            return spans
        body = [proper_name(s) for s in spans if not self._in_headline(s.start_char)]
        full = {n for n in body if len(n.split()) >= 2}
        first_last = {f"{n.split()[0]} {n.split()[-1]}" for n in full}
        parts = {w for n in full for w in (n.split()[0], n.split()[-1])} | set(body)
        common: set[str] | None = None  # read only when a headline name is not one of the body's
        result = []
        for span in spans:
            # "Exit Polls In Ohio …", "Will Run Ads Demanding …", "Ohio Gov. Hears About …": a headline
            # fragment that the body never names, with no known first name, that is one word or has a word
            # the body writes in lowercase or a word that is no noun ("About", "Will"), is no one.
            if self._in_headline(span.start_char) and not _named_in_body(span, parts):
                words = proper_name(span).split()
                if common is None:  # words the body writes in lowercase are common words, not names
                    common = self._body_words()
                if len(words) == 1 or any(t.lower_ in common or t.lower_.removesuffix("s") in common
                                          or t.pos_ in _NOT_NAME_POS for t in span if t.text in words):
                    continue
            # Debris is a third word or more ("Bernie Ruiz Burns Rivals") or a reporting verb ("Ruiz Says").
            reporting = any(t.lemma_.lower() in lexicon.CUE_VERBS or t.lower_.removesuffix("s") in lexicon.CUE_VERBS
                            for t in span[1:])
            # ("Senator Calls Pipeline Deal …": the tagger can start a name at the headline's verb.)
            opens_with_verb = self._in_headline(span.start_char) and span[0].lower_.endswith("s") \
                and span[0].lower_.removesuffix("s") in lexicon.CUE_VERBS
            # … or, of two words, one the body names and one that is no name ("Double Standard Ruiz").
            stray = len(span) == 2 and span.start_char < self._headlines[0][1] and self._headlines[0][0] == 0 and sum(t.text in parts for t in span) == 1 and not any(
                t.text not in parts and t.lower_ in lexicon.KNOWN_FIRST_NAMES
                for t in span)
            if not self._in_headline(span.start_char) or len(span) < 2 or len(span) == 2 and not (
                    reporting or stray or opens_with_verb):
                result.append(span)
                continue
            # The longest part of the span (the earliest of equal length) that the body names.
            pieces = sorted(((start, end) for start in range(span.start, span.end)
                             for end in range(start + 1, span.end + 1)), key=lambda p: (p[0] - p[1], p[0]))
            for start, end in pieces:
                name = proper_name(span.doc[start:end])
                words = name.split()
                if name in full or len(words) >= 2 and f"{words[0]} {words[-1]}" in first_last or \
                        len(words) == 1 and name in parts:
                    result.append(span.doc[start:end])
                    break
            else:
                if opens_with_verb:
                    continue  # no part of it is a name the body gives
                verb = next((t.i for t in span[1:] if t.lemma_.lower() in lexicon.CUE_VERBS
                             or t.lower_.removesuffix("s") in lexicon.CUE_VERBS), None)
                result.append(span.doc[span.start:verb] if verb is not None else span)
        return result

    def _body_words(self) -> set[str]:
        """The lowercase words (and their lemmas) written outside the headlines, and English stopwords."""
        end = max(b for _, b in self._headlines)
        return {w for t in self.doc if t.is_lower and t.is_alpha and (t.idx >= end or not self._in_headline(t.idx))
                for w in (t.text, t.lemma_)} | lexicon.STOPWORDS["en"]

    def _build(self) -> None:
        person_spans = self._person_spans()
        full: dict[str, _Cluster] = {}
        for span in person_spans:
            name = proper_name(span)
            if len(name.split()) >= 2 and name not in full:
                gender = lexicon.FIRST_NAME_GENDER.get(name.split()[0].lower())
                full[name] = _Cluster(name=name, first=span.start_char, gender=gender)
            if len(name.split()) >= 2:
                full[name].headed |= not _owner_of_a_title(span)
        # A full name that is contained in a longer one is the same person ("Justin Trudeau").
        for name in sorted(full, key=len):
            longer = [n for n in full if n != name and set(name.split()) < set(n.split())]
            if len(longer) == 1:
                _fold_into(full, name, longer[0])
        # "Rihanna Dorris" after "Rhianna Dorris": a first name with two letters swapped, the rest of the
        # name the same, is a typo for the person named first.
        for name in sorted(full, key=lambda n: full[n].first):
            words = name.split()
            earlier = next((n for n in full if n != name and full[n] is not full[name] and full[n].first < full[name].first
                            and n.split()[1:] == words[1:] and _swapped(n.split()[0], words[0])), None)
            if earlier is not None:
                _fold_into(full, name, earlier)
        self.clusters = {}
        places = {e.text for e in self.entities if e.label_ in ("GPE", "NORP")}
        pronoun_votes: dict[str, Counter] = defaultdict(Counter)
        for span in person_spans:
            name = proper_name(span)
            if not name:
                continue
            cluster = full.get(name) or self._match_partial(name, span.start_char, full)
            if cluster is None:
                cluster = self.clusters.get(name) or _Cluster(name=name, first=span.start_char)
            self.clusters[cluster.name] = cluster
            cluster.aliases[span.text.strip()] += 1
            cluster.mentions += 1
            # "Mrs Ruiz", "Mr. Ruiz": the honorific in the name or just before it.
            honorific = span[0].lower_.rstrip(".") if span[0].lower_.rstrip(".") in lexicon.HONORIFIC_GENDER else (
                self.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else "")
            said = lexicon.HONORIFIC_GENDER.get(honorific)
            if said in ("male", "female"):
                cluster.gender = said[0]
            before = role_before_name(span) if not self._in_headline(span.start_char) else _headline_role(span)
            respective = respective_roles(span)
            if respective is not None:  # "A and B — a businessman and a diplomat, respectively —"
                roles = [r for r in (before, *respective) if r is not None]
            else:
                roles = [r for r in (before, role_in_apposition(span), fronted_role(span)) if r is not None]
                if not roles:
                    roles = [r for r in (set_off_role(span),) if r is not None]
                roles += coordinated_roles(span) + copular_roles(span)
            # "Former Ruiz Pollster Says": a title owned by the name itself is someone else's.
            roles = [r for r in roles if not (r.organisation and set(r.organisation.split()) <= set(name.split()))]
            for role in roles:
                if role not in cluster.roles:
                    cluster.roles.append(role)
            # A name in capitals only is a heading or an acronym unless a quote says otherwise; "the
            # Forecaddie", a quoted title ("“American Skin”") or a name made of a place ("Hockey
            # Canada") is a thing unless a title or honorific says otherwise.
            # One such mention makes the name doubtful in the whole article.
            cluster.doubted |= self._owner_of_a_name(span) or _quoted_title(span) or _listed_with_things(span) \
                or any(t.text in places for t in span) or _heading(span) or _described_as_organisation(span) \
                or _named_as_work(span) or span[-1].lower_ in lexicon.NOT_PEOPLE["head"] or _names_a_thing(span) \
                or _a_character(span)
            cluster.titled |= honorific in lexicon.HONORIFICS or bool(roles)
            cluster.doctor |= honorific == "dr"
            cluster.evidence |= not cluster.name.isupper() and bool(
                person_shaped(cluster.name) or span.start in self.cue_subjects
                or span.root.dep_ in ("nsubj", "nsubjpass") and pronoun_gender_votes(span))
            # A name inside someone's quotation ("… justice for Daniel," she said) is no antecedent
            # of the pronouns of the narration, nor one named for comparison ("who, like Ruiz, …").
            compared = span.root.dep_ == "pobj" and span.root.head.lower_ in ("like", "unlike")
            if not self._aside(span.start_char) and not quoted(span.root) and not compared:
                self.events.append((span.start_char, cluster.name, _main_subject(span.root)))
            if span.root.dep_ in ("nsubj", "nsubjpass"):
                pronoun_votes[cluster.name].update(pronoun_gender_votes(span))
        for name, votes in pronoun_votes.items():
            cluster = self.clusters[name]
            if cluster.gender is None and len(votes) == 1:
                cluster.gender = next(iter(votes))
        for ent in self.entities:
            # Not a photo credit ("RONALD/AFP/Getty Images") nor a name in a caption.
            if ent.label_ in ORGANISATION_LABELS and "/" not in ent.text and not self._aside(ent.start_char):
                self.organisations.append((ent.start_char, clean_name(extended_organisation(ent)), ent.label_))

    def _aside(self, position: int) -> bool:
        return any(a.start <= position < a.end for a in self.asides)

    @staticmethod
    def _match_partial(name: str, position: int, full: dict[str, _Cluster]) -> _Cluster | None:
        """"Stoltenberg" / "Jens" -> the full name that ends (or starts) with it: of those named before,
        the one mentioned most (a bare surname is the article's main "Kim"), then the nearest."""
        parts = name.split()
        matches = [c for n, c in full.items() if n.split()[-len(parts):] == parts]
        if not matches:
            matches = [c for n, c in full.items() if n.split()[:len(parts)] == parts]
        if not matches and len(parts) == 1 and len(name) >= 5:
            # "Labbot" for "Labott": a surname misspelt by a doubled letter is still the one person with it.
            matches = [c for n, c in full.items() if _undoubled(n.split()[-1]) == _undoubled(name)]
            matches = matches if len({id(c) for c in matches}) == 1 else []
        if not matches and len(parts) == 1 and name.lower() not in lexicon.KNOWN_FIRST_NAMES:
            # "Carlos Manuel Sada Solana … Sada": a name with two surnames is shortened to the first of them.
            # ("Duncan Hunter Sr." is one surname and a generation, not two surnames.)
            matches = [c for n, c in full.items() if len(n.split()) >= 3 and n.split()[-2] == name
                       and n.split()[-1].lower().rstrip(".") not in ("jr", "sr", "ii", "iii", "iv")]
            matches = matches if len({id(c) for c in matches}) == 1 else []
        if not matches:
            return None
        # "Former Tom Bell pollster Dan Shore … Bell": of two people with the surname, the one named only
        # as the owner of someone else's title is not the one the bare surname means.
        headed = [c for c in matches if c.headed]
        if headed and len(headed) < len(matches):
            matches = headed
        before = [c for c in matches if c.first <= position]
        return max(before, key=lambda c: (c.mentions, c.first)) if before else min(matches, key=lambda c: c.first)

    # -- resolving one speaker ------------------------------------------------------------------------
    def person_of_name(self, name: str, position: int) -> _Cluster | None:
        if name in self.clusters:
            return self.clusters[name]
        full = {n: c for n, c in self.clusters.items() if len(n.split()) >= 2}
        return self._match_partial(name, position, full)

    def _plural_subjects(self) -> list[Token]:
        """The plural nouns that are subjects ("officials said"), found once per article."""
        if self._plurals is None:
            self._plurals = tokens_with(self.doc, DEP=("nsubj",), TAG=("NNS", "NNPS"))
        return self._plurals

    def _pronoun(self, token: Token, gender: str | None = "from word") -> _Resolved:
        word = token.lower_
        position = token.idx
        if word in _PLURAL or word in _THING:
            # ("they" stands for an organisation or a group, not for a country: "Britain … they said".)
            previous = [(o[0], o[1], "organisation") for o in self.organisations
                        if o[0] < position and position - o[0] < _PRONOUN_REACH
                        and not (word in _PLURAL and o[2] == "GPE")]
            if word in _PLURAL:  # "they": a group named as a subject ("officials", "the Liberals") too
                previous += [(t.idx, clean_name(noun_phrase(t)), "unnamed") for t in self._plural_subjects()
                             if t.i < token.i and position - t.idx < _PRONOUN_REACH]
                previous.sort()
            return _Resolved(previous[-1][1], previous[-1][2]) if previous else _Resolved(None, "unknown")
        if gender == "from word":
            gender = "m" if word in MALE_PRONOUNS else "f" if word in FEMALE_PRONOUNS else None
        candidates = [e for e in self.events if e[0] < position and position - e[0] < _PRONOUN_REACH
                      and self._compatible(e[1], gender)]
        if not candidates:
            candidates = [e for e in self.events if e[0] < position and self._compatible(e[1], gender)]
        if not candidates:
            return _Resolved(None, "unknown")
        # The most recent person who was a subject beats a more recent object or possessor (measured on
        # the dev set: preferring the last quoted speaker instead loses about two points).
        subjects = [e for e in candidates if e[2]]
        chosen = subjects[-1] if subjects else candidates[-1]
        cluster = self.clusters[chosen[1]]
        if gender and cluster.gender is None:
            cluster.gender = gender
        return _Resolved(chosen[1], "person")

    def _organisation_described(self, head: Token, tokens: list[Token]) -> str | None:
        """The organisation of the article that "the company", "the Winnipeg-based railway" or "the
        railway company" stands for: one whose name has the noun's modifiers ("Canadian Pacific
        Railway", named before, else after), or for a bare noun the last one named before it,
        preferring one with the noun in its name."""
        named = [o for o in self.organisations if o[2] == "ORG"]
        modifiers = [t.lower_ for t in tokens if t.dep_ == "compound" and t.i < head.i]
        if modifiers:
            matching = [o for o in named if all(m in o[1].lower().split() for m in modifiers)]
            before = [o for o in matching if o[0] < head.idx]
            return before[-1][1] if before else matching[0][1] if matching else None
        previous = [o for o in named if o[0] < head.idx]
        if not previous or not _only_determiner_or_base(tokens, head):
            return None
        with_noun = [o for o in previous if head.lemma_.lower() in o[1].lower().split()]
        if not with_noun and head.lemma_.lower() in _INSTITUTIONS:
            return None  # "the military said" is rarely the organisation named last ("Port Ellis")
        return (with_noun or previous)[-1][1]

    def _author_of(self, document: Token) -> Token | None:
        """Who wrote `document` ("the report"), as this mention or an earlier one of the same noun says:
        "the union's report", "a report by the union", "a report released by the union", "the union
        released a report". None when the article does not say."""
        lemma = document.lemma_.lower()
        for mention in reversed(self.doc[:document.i + 1]):
            if document.idx - mention.idx > _AUTHOR_REACH:
                break
            if mention.lemma_.lower() == lemma and mention.pos_ == "NOUN":
                author = _stated_author(mention)
                # A document's document ("the study's findings") is no author, and would recurse.
                if author is not None and author.lemma_.lower() not in lexicon.DOCUMENT_NOUNS:
                    return author
        return None

    def _expand_acronym(self, name: str) -> str:
        """"the CMA" -> "Canadian Millers Association" when the article spelled it out."""
        if not (name.isupper() and 2 <= len(name) <= 6):
            return name
        for _, full, _ in self.organisations:
            initials = "".join(w[0] for w in full.split() if w[:1].isupper())
            if initials == name and full != name:
                return full
        return name

    def _compatible(self, name: str, gender: str | None) -> bool:
        known = self.clusters[name].gender
        return gender is None or known is None or known == gender

    def resolve(self, head: Token, tokens: list[Token]) -> _Resolved:
        if head.pos_ == "PRON":
            if head.lower_ in _RESOLVABLE_PRONOUNS:
                return self._pronoun(head)
            if head.lower_ in _INDEFINITE:  # "Some said", "Others say", "Many told us"
                return _Resolved(clean_name(tokens) or head.text, "group")
            return self._pronoun(head)
        # "HEF says …" after "Harbour Export Finance (HEF)": an acronym the article spelled out is that
        # organisation, whatever label the tagger gave it.
        if len(tokens) == 1 and self._expand_acronym(head.text) != head.text:
            return _Resolved(self._expand_acronym(head.text), "organisation")
        # The name is in the phrase itself ("NATO chief Jens Stoltenberg"), not in a prepositional
        # phrase hanging from it ("the founder of Inkwell Press").
        # The one holding the head wins, else the nearest before it ("Nova Scotia MP Sean Fraser").
        in_phrase = outside_prepositions(head, tokens)
        if _someone_of(head):  # "Wise's dad", "Lopez's lawyer": not the possessor ("Foster's book" is his)
            possessor = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
            in_phrase = [t for t in in_phrase if t.i not in possessor]
        names = [e for e in map(entity_of, in_phrase) if e is not None and e.label_ == "PERSON"]
        entity = next((e for e in names if e.start <= head.i < e.end), names[-1] if names else None)
        if entity is not None:
            cluster = self.person_of_name(clean_name(_without_description(entity)), entity.start_char)
            if cluster is not None:
                return _Resolved(cluster.name, "person")
        proper = [t for t in tokens if t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON")]
        if proper and head.pos_ == "PROPN" and entity_of(head) is None:
            cluster = self.person_of_name(clean_name(proper), proper[0].idx)
            if cluster is not None:
                return _Resolved(cluster.name, "person")
        tagged = entity_of(head)
        mislabelled = mislabelled_person(tagged) if tagged is not None else None
        if mislabelled is not None:  # "Nurse Jill Adams said", tagged an organisation
            cluster = self.person_of_name(proper_name(mislabelled), mislabelled.start_char)
            return _Resolved(cluster.name if cluster is not None else proper_name(mislabelled), "person")
        # ("Mendes also asked …": a surname opening a sentence can be tagged a plural noun; it is the
        # person of the article with that surname all the same.)
        surname = len(tokens) == 1 and head.text[:1].isupper() and head.tag_ in ("NNS", "NNPS") \
            and any(name.split()[-1] == head.text for name in self.clusters if len(name.split()) >= 2)
        if head.pos_ == "PROPN" or head.text[:1].isupper() and head.i > head.sent.start or surname:
            # NER sometimes calls a surname an organisation ("Stoltenberg said"): a person of the
            # article with that name wins.
            cluster = self.person_of_name(clean_name(tokens), head.idx)
            entity = entity_of(head)
            if cluster is None and head.pos_ == "PROPN" and tokens and tokens[-1] == head \
                    and (entity is None or len(entity) == 1):
                # ("Shopkeeper Deepak Sharma said": a description glued to the name the article has;
                # "Hollande said", the tagger calling a lone surname an organisation.)
                cluster = self.person_of_name(head.text, head.idx)
            if cluster is not None and len(cluster.name.split()) >= 2:
                return _Resolved(cluster.name, "person")
        for child in head.children:
            appos = entity_of(child) if child.dep_ == "appos" else None
            if appos is not None and appos.label_ == "PERSON":  # "Lind's father, Omar, said"
                cluster = self.person_of_name(proper_name(appos), appos.start_char)
                if cluster is not None:
                    return _Resolved(cluster.name, "person")
        if head.pos_ == "NOUN" and head.lemma_.lower() in lexicon.DOCUMENT_NOUNS:
            author = self._author_of(head)
            if author is not None:  # "the report said", the report being "a report by the railway"
                return self.resolve(author, noun_phrase(author))
        organisation = entity_of(head)
        described_earlier = self._described_earlier(head)
        if described_earlier is not None:  # "Rep. Tom Burke, a Republican, … The Republican said"
            return described_earlier
        if organisation is not None and organisation.label_ == "NORP" and head.tag_ in ("NNP", "NN") \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            # "the Democrat said", "the Italian said": one person described by party or nation.
            described = self._pronoun(head, gender=None)
            if described.person is not None:
                return described
        if organisation is not None and organisation.label_ in ORGANISATION_LABELS:
            return _Resolved(self._expand_acronym(clean_name(organisation)), "organisation")
        lemma = head.lemma_.lower()
        if head.pos_ == "NOUN" and lemma in lexicon.ORGANISATION_NOUNS and head.tag_ == "NN":
            return _Resolved(self._organisation_described(head, tokens) or clean_name(tokens) or head.text,
                             "organisation")
        if is_title_word(head) and is_definite(head):  # "a spokesman" is not "the spokesman, Ana Ruiz"
            role = role_from_tokens(tokens)
            if role is not None:
                owner = self._holder_of(role)
                if owner is not None:
                    return _Resolved(owner.name, "person")
        text = clean_name(tokens)
        if head.pos_ == "NOUN" and lemma in lexicon.DOCUMENT_NOUNS:
            return _Resolved(text or head.text, "document")  # "the report found", no author named
        # "a third of respondents", "one of the officials": the people are the ones after "of".
        members = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                   for o in c.children if o.dep_ == "pobj" and (o.tag_ in ("NNS", "NNPS") or o.lower_ in ("those", "them"))]
        group = members[0] if members else head
        if group.lemma_.lower() in lexicon.UNNAMED_SOURCE_HEADS:
            return _Resolved(text or head.text, "unnamed")  # "officials said", "a spokesperson said"
        if members or head.tag_ in ("NNS", "NNPS") or head.pos_ == "NUM" or head.lower_ in ("percent", "%") \
                or head.lemma_.lower() in _SHARES:  # "about half said", "the majority say"
            return _Resolved(text or head.text, "group")  # "a third of respondents", "6 in 10 say"
        aged = is_age(head)  # "the 39-year-old"
        relation = _someone_of(head)  # "his mother", "Wise's lawyer": a relation of someone is someone else
        if (head.pos_ == "NOUN" and head.tag_ == "NN" or aged) and head.text[:1].islower() and is_definite(head) \
                and lemma not in lexicon.ORGANISATION_NOUNS and lemma not in lexicon.DOCUMENT_NOUNS and not relation:
            # "the soft-spoken baker said": a description of someone the article has named.
            described = self._pronoun(head, gender=None)
            if described.person is not None and self._may_hold(described.person, head, tokens):
                return described
        untagged = _untagged_name(tokens) if head.pos_ == "PROPN" else None
        if untagged is not None:  # "Mayor Ana Sousa said", no entity at all: a first name makes a person
            return _Resolved(untagged, "person")
        if head.pos_ == "PROPN" and not (len(tokens) == 1 and is_title_word(head)):  # "Mayor says …" is someone
            return _Resolved(self._expand_acronym(text), "organisation")
        return _Resolved(text or head.text, "unnamed")

    def resolve_label(self, tokens: list[Token]) -> _Resolved:
        """A speaker's label ("HOST:", "SEN. DANA RUIZ:", "Ruiz:" in a headline): the person of
        that name; a label in capitals is a name even when the article names nobody else so."""
        words = [w.title() if w.isupper() and len(w) > 1 else w for w in clean_name(tokens).split()]
        while len(words) > 1 and words[0].lower().rstrip(".") in lexicon.HONORIFICS:  # "MS RUIZ:" is Ruiz
            words = words[1:]
        name = " ".join(words)
        label = " ".join(t.text for t in tokens)
        if label == "Q":  # an interview's questions are the interviewer's
            return _Resolved("Q", "unnamed")
        people = [c for c in self.clusters.values() if c.kind == "person"]
        if label == "A" and people:  # … and its answers the interviewee's: the person the article names most
            return _Resolved(max(people, key=lambda c: (c.mentions, -c.first)).name, "person")
        cluster = self.person_of_name(name, tokens[0].idx) if name else None
        if cluster is not None:
            return _Resolved(cluster.name, "person")
        # "HOST:", "MODERATOR:", "PM:": a part, not a name; its holder when the article names one.
        part = all(lexicon.is_title_head(w) or w.lower() in _TURN_ROLES for w in words)
        # … unless it is a heading that names an organisation or a place ("ECB WATCH:", "JAPAN PMI:").
        if name and len(name) > 1 and all(t.text.isupper() for t in tokens if t.is_alpha) and not part and \
                not any(t.ent_type_ in ORGANISATION_LABELS for t in tokens):
            # "KATE RUIZ:" first, "RUIZ:" after: the surname label is the person named in full.
            full = next((n for n in self.label_names if n.split()[-1] == name.split()[-1]), None)
            if full is None:
                self.label_names.append(name)
            return _Resolved(full or name, "person")
        resolved = _Resolved(name, "unnamed") if part else self.resolve(tokens[-1], tokens)
        if resolved.kind != "person" and (tokens[-1].pos_ == "NOUN" or is_title_word(tokens[-1]) or part):
            # A headline drops its articles: "…: mayor", "…, vows striking nurse", "Governor Vows …" is
            # the one person of the article with that title ("Nurse Jill Adams", "the mayor of Hull, Dan
            # Price", "Gov. Julia Ferris": an abbreviated title is the same title).
            noun = lexicon.full_title(tokens[-1].lemma_.lower())
            holders = [c for c in self.clusters.values()
                       if any(lexicon.full_title(r.title.lower().split()[-1]) == noun for r in c.roles if r.title)
                       and _same_rank({t.lower_ for t in tokens}, c.roles)]
            if len(holders) == 1:
                return _Resolved(holders[0].name, "person")
        return resolved

    def _described_earlier(self, head: Token) -> _Resolved | None:
        """"the Republican", "the baker": the one person the text described so before, in apposition
        ("Tom Burke, a Republican,"); None when no one was, or more than one."""
        # Only "the" and the noun: "the Arizona Republican" may be someone else, and titles ("the
        # senator") are matched by role.
        party = entity_of(head)
        if [c.lower_ for c in head.children] != ["the"] or is_title_word(head) or head.i == 0 \
                or not (head.tag_ == "NN" and head.text[:1].islower()
                        or party is not None and party.label_ == "NORP" and len(party) == 1):
            return None
        found = set()
        for token in self.doc[:head.i]:
            if token.lower_ != head.lower_ or token.dep_ != "appos" or token.head.pos_ != "PROPN":
                continue
            name = entity_of(token.head)
            cluster = self.person_of_name(proper_name(name) if name is not None else token.head.text, token.head.idx)
            if cluster is not None:
                found.add(cluster.name)
        return _Resolved(found.pop(), "person") if len(found) == 1 else None

    def _may_hold(self, name: str, head: Token, tokens: list[Token]) -> bool:
        """"the senator said", the last person named being a mayor: a title the text gave someone
        else is not theirs. A person with no known role, or one with the same title noun or the
        organisation the description names ("the NATO chief"), may be the one described."""
        roles = self.clusters[name].roles
        if not roles or not is_title_word(head) or head.lemma_.lower() == "doctor" and self.clusters[name].doctor:
            return True
        words = {t.lower_ for t in tokens}
        if not _same_rank(words, roles):
            return False
        # Any word of the title: a portfolio may follow the noun ("director of security studies").
        return any({head.lower_, head.lemma_.lower()} & set(r.title.lower().split())
                   or r.organisation and r.organisation.lower() in words for r in roles)

    def _holder_of(self, role: Role) -> _Cluster | None:
        """The person of the article holding `role`: same title, or same title noun and organisation
        ("the 39-year-old founder of Inkwell Press" is "Quill, the founder of Inkwell Press")."""
        title = role.title.lower()
        noun = title.split()[-1]
        org = (role.organisation or "").lower()
        exact = [c for c in self.clusters.values() if any(r.title.lower() == title for r in c.roles)]
        if exact:
            return exact[0]
        similar = [c for c in self.clusters.values() if any(
            r.title.lower().split()[-1] == noun and (not org or (r.organisation or "").lower() == org) for r in c.roles)]
        return similar[0] if len(similar) == 1 else None  # "the chief" is "the police chief, Tom Hart"


# Words that make a title another office: the vice-president is not the president.
_RANKS = frozenset({"vice", "deputy", "assistant", "associate", "lieutenant", "under", "co"})


def _same_rank(words: set[str], roles: Iterable[Role]) -> bool:
    """Whether a description's words ("vice", "-", "president") name the rank of one of `roles`."""
    ranks = words & _RANKS
    return not ranks or any(ranks <= set(re.split(r"[\s-]+", r.title.lower())) for r in roles if r.title)


def _surnames_of_full_names(spans: list[Span]) -> set[str]:
    """The last words of the names written in full ("Dan Sayers"): a lone word among them is that person."""
    return {s[-1].text for s in spans if 2 <= len(s) <= 3 and all(t.is_title for t in s)}


def _fold_into(full: dict[str, _Cluster], name: str, other: str) -> None:
    """The full name `name` is the person named `other`: one cluster, with both names' aliases."""
    full[other].aliases.update(full[name].aliases)
    full[other].headed |= full[name].headed
    full[name] = full[other]


def _swapped(word: str, other: str) -> bool:
    """"Rhianna" and "Rihanna": the same letters with two neighbours swapped (a typing slip)."""
    if len(word) != len(other) or len(word) < 4 or word == other:
        return False
    diff = [k for k in range(len(word)) if word[k] != other[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == other[diff[1]] and word[diff[1]] == other[diff[0]]


def _undoubled(word: str) -> str:
    """The word with each doubled letter written once ("labott", "labbot" -> "labot")."""
    return re.sub(r"(.)\1+", r"\1", word.lower())


# Parts in a transcript that are not in roles.txt ("host", "moderator" and "anchor" are).
_TURN_ROLES = frozenset({"interviewer", "questioner", "caller", "announcer", "narrator", "audience", "member",
                         "voice", "participant", "panelist", "panellist", "speaker", "unidentified", "male", "female"})
def _untagged_name(tokens: list[Token]) -> str | None:
    """"Mayor Ana Sousa" that the tagger put in no entity: titles and honorifics, then a known first name
    and one or two capitalised words that end no organisation; None otherwise."""
    words = [t for t in tokens if t.pos_ == "PROPN"]
    while words and (is_title_word(words[0]) or words[0].lower_.rstrip(".") in lexicon.HONORIFICS):
        words = words[1:]
    if not 2 <= len(words) <= 3 or any(t.ent_type_ for t in words) or words[0].lower_ not in lexicon.KNOWN_FIRST_NAMES \
            or words[-1].lower_ in lexicon.ORGANISATION_SUFFIXES or words[-1].lower_ in lexicon.NOT_PEOPLE["head"] \
            or words[-1].i - words[0].i != len(words) - 1:
        return None
    name = " ".join(t.text for t in words)
    return name if person_shaped(name) else None


def _someone_of(head: Token) -> bool:
    """"Wise's dad", "his lawyer": a relative or an agent of the possessor, who is someone else."""
    lemma = head.lemma_.lower()
    return head.pos_ == "NOUN" and any(c.dep_ == "poss" for c in head.children) and (
        lemma in lexicon.RELATIVE_NOUNS or lemma in lexicon.ROLE_HEADS or lemma in lexicon.UNNAMED_SOURCE_HEADS)


def _stated_author(document: Token) -> Token | None:
    """The author the parse attaches to one mention of a document, if any."""
    def agent(verb: Token) -> Token | None:
        by = next((c for c in verb.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by"), None)
        return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None

    for child in document.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl" and child.lemma_.lower() in _AUTHORING_VERBS:
            found = agent(child)
            if found is not None:
                return found
    verb = document.head
    if verb.lemma_.lower() in _AUTHORING_VERBS and verb.pos_ == "VERB":
        if document.dep_ == "dobj":
            return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None)
        if document.dep_ == "nsubjpass":
            return agent(verb)
    return None


_OPENING_QUOTES = {"\u201c", '"', "\u2018", "'"}
_CLOSING_QUOTES = {"\u201d", '"', "\u2019", "'"}


def _quoted_title(span: Span) -> bool:
    """“American Skin”, "The 411", “American Skin (41 Shots)”: a name in quotation marks, with at most
    one capitalised word before it inside them and a short verbless rest after it (a subtitle), is
    the title of a work."""
    doc = span.doc
    if _show_named_with(span):
        return True
    start = span.start - 1
    if start >= 0 and doc[start].text[:1].isupper() and doc[start].text not in _OPENING_QUOTES:
        start -= 1
    if not (start >= 0 and doc[start].text in _OPENING_QUOTES):
        return False
    for token in doc[span.end:span.end + 6]:
        if token.text in _CLOSING_QUOTES:
            return True
        if token.pos_ in ("VERB", "AUX") or token.is_space or token.text in (".", "!", "?"):
            return False
    return False


def _show_named_with(span: Span) -> bool:
    """“Sunday Morning with Tom Bell”, “This Week with Tom Bell.”: a name that ends a title-case phrase in
    quotation marks, after two or more capitalised words and no verb, names a show, not the person."""
    doc = span.doc
    k = span.start - 1
    words: list[Token] = []
    while k >= 0 and doc[k].text not in _OPENING_QUOTES and len(words) < 8:
        words.append(doc[k])
        k -= 1
    if k < 0 or not words or len(words) >= 8:
        return False
    after = [t for t in doc[span.end:span.end + 2] if t.text not in (".", ",")]
    if not after or after[0].text not in _CLOSING_QUOTES:
        return False
    capitalised = [t for t in words if t.text[:1].isupper()]
    return len(capitalised) >= 2 and all(t.text[:1].isupper() or t.lower_ in _SMALL_WORDS for t in words) \
        and not any(t.pos_ in ("VERB", "AUX") for t in words)


# Particles a surname may begin with ("Bin Talal", "de Vries"); a name never begins with one.


def _without_question_auxiliary(span: Span) -> Span:
    """"Will Ruiz's gamble work?": a question opening with "Will" before a name has the auxiliary, no
    first name, however the tagger ran the two together."""
    if len(span) >= 2 and span[0].text == "Will" and span[0].is_sent_start \
            and span.sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
        return span[1:]
    return span


def _with_given_name(span: Span) -> Span:
    """"Prince Ahmad [Bin Tamal]": a name the tagger starts at a surname's particle takes the given
    name written right before it (not a title or honorific, not part of another entity); so does a
    two-word surname the tagger starts after a known first name ("Committee Chair Debbie [Lund Moreno]",
    the first name left out of every entity)."""
    if span.start == 0 or len(span) < 2:
        return span
    before = span.doc[span.start - 1]
    if span[0].lower_ not in NAME_PARTICLES:
        if before.lower_ in lexicon.KNOWN_FIRST_NAMES and span[0].lower_ not in lexicon.KNOWN_FIRST_NAMES \
                and before.pos_ == "PROPN" and before.ent_iob_ == "O" and before.whitespace_ == " " \
                and before.text[:1].isupper() and not is_title_word(before):
            return span.doc[span.start - 1:span.end]
        return span
    if before.pos_ == "PROPN" and before.text[:1].isupper() and before.ent_iob_ == "O" and before.whitespace_ \
            and not is_title_word(before) and before.lower_.rstrip(".") not in lexicon.HONORIFICS:
        return span.doc[span.start - 1:span.end]
    return span


def _title_against(span: Span) -> bool:
    """In a title-case headline every word is capitalised, so a title is read before a name only when
    it is right against it ("Ohio Gov. Tom Bell"), not over a verb ("Actor Who Endorsed Tom Bell")."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return is_title_word(before) or before.lower_.rstrip(".") in lexicon.HONORIFICS \
        or before.pos_ == "PROPN" and before.ent_type_ in ORGANISATION_LABELS


def _tail_of_organisation(span: Span) -> bool:
    """"President of CNN Worldwide" with "Worldwide" tagged a person: one word, no known first name,
    written right after a capitalised word of an organisation, is that organisation's last word."""
    return len(span) == 1 and organisation_tail(span[0])


def _held_organisation(span: Span) -> bool:
    """"chairman of Our Values Pac", "director of the Ellis Fund" with the name tagged a person: after a
    title's "of" and a determiner or "our", a name is the organisation the title is held at, no one."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of" or not is_title_word(root.head.head) or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.i > root.head.i and (before.lower_ == "the" or before.tag_ == "PRP$")


def _names_a_thing(span: Span) -> bool:
    """"his Harbour Links golf course", "the Ana Ruiz Museum trust": a name modifying a noun of a thing
    that follows it (`data/not_people.txt`, "head") is that thing's name."""
    head = span.root.head
    return span.root.dep_ == "compound" and head.i >= span.end and head.lower_ in lexicon.NOT_PEOPLE["head"] \
        and all(t.dep_ == "compound" for t in span.doc[span.end:head.i]) or _said_to_be_a_thing(span)


def _a_character(span: Span) -> bool:
    """"the father, Sam Reed, portrayed by Allen", "his portrayal of Sam Reed in the series": a name an
    actor portrays or plays is a character, no person."""
    root = span.root
    # ("the grumpy dad, Dan Moss, portrayed by Allen": the participle may hang on the noun the name renames.)
    described = [root, root.head] if root.dep_ == "appos" else [root]
    if any(c.dep_ == "acl" and c.lemma_ in ("portray", "play") and any(g.dep_ == "agent" for g in c.children)
           for noun in described for c in noun.children):
        return True
    preposition = root.head
    return root.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.lemma_.lower() in ("portrayal", "character")


def _said_to_be_a_thing(span: Span) -> bool:
    """"Harbour Lane is a gifts and accessories store": a name the text says is a thing (`data/not_people.txt`,
    "head", and kinds of organisation) is that thing's name."""
    verb = span.root.head
    if span.root.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i < span.end:
        return False
    nouns = [c for c in verb.children if c.dep_ == "attr"]
    for noun in nouns:  # "a Leeds, UK, gifts and accessories store": the attribute's conjuncts too
        nouns.extend(d for d in noun.children if d.dep_ == "conj")
    return any(n.tag_ in ("NN", "NNP") and (n.lower_ in lexicon.NOT_PEOPLE["head"] or n.lower_ in _ORGANISATION_KINDS)
               for n in nouns)


def _headline_role(span: Span) -> Role | None:
    """The title before a name in a title-case headline: only the title words, honorifics and
    organisations right against it ("Ohio Gov. Tom Bell"), never a run read over a verb or another
    name ("Tom Bell Finally Endorses House Speaker Paul Rand" -> "House Speaker")."""
    if not _title_against(span):
        return None
    role = role_before_name(span)
    if role is None:
        return None
    doc = span.doc
    allowed = {t.text for t in span}
    i = span.start - 1
    while i >= 0 and span.start - i <= 6 and not doc[i].is_space and "\n" not in doc[i].whitespace_:
        token = doc[i]
        if not (is_title_word(token) or token.lower_.rstrip(".") in lexicon.HONORIFICS or token.tag_ == "POS"
                or token.text == "." or token.ent_type_ in ORGANISATION_LABELS and token.ent_type_ != "PERSON"):
            break
        allowed.add(token.text)
        i -= 1
    written = f"{role.title} {role.organisation or ''}".replace("-", " ").split()
    return role if all(w in allowed or w.lower() in ("of", "at", "the", "for") for w in written) else None


def _named_in_body(span: Span, parts: set[str]) -> bool:
    """A headline name that is a person of the body: one of its words is a name (or part of one) the
    body gives, or its first word after any title is a known first name."""
    words = [t for t in span if t.text[:1].isupper() and t.tag_ != "POS"]
    if any(t.text in parts for t in words):
        return True
    named = [t for t in words if not (is_title_word(t) or t.lower_.rstrip(".") in lexicon.HONORIFICS)]
    return bool(named) and named[0].pos_ == "PROPN" and named[0].lower_ in lexicon.KNOWN_FIRST_NAMES


def _nicknames_cut(spans: Iterable[Span]) -> list[Span]:
    """"Crooked Hillary" where the article names a "Hillary Clinton": of two words, a first that is no
    first name before the first name of a person the article names in full is a word about them (a
    nickname's epithet), no part of the name; the first name alone is that person."""
    spans = list(spans)
    known = lexicon.KNOWN_FIRST_NAMES
    # ("Megyn Kelly" beside "Kelly File": a word the article writes as a surname is no first name here.)
    # (An epithet is shaped as an adjective or participle: "Crooked", "Sleepy", "Lyin'", "Crazy".)
    epithets = [len(s) == 2 and s[0].lower_ not in known and s[1].lower_ in known and s[0].text[:1].isupper()
                and (s[0].pos_ == "ADJ" or s[0].lower_.endswith(("ed", "ing", "y", "in'", "in\u2019")))
                and not s[0].text.isupper() and s[0].lower_.rstrip(".") not in lexicon.HONORIFICS
                and not is_title_word(s[0]) for s in spans]
    surnames = {s[-1].text for s, epithet in zip(spans, epithets, strict=True) if len(s) >= 2 and not epithet}
    firsts = {s[0].text for s in spans if len(s) >= 2 and s[0].lower_ in known} - surnames
    return [s[1:] if epithet and s[1].text in firsts else s for s, epithet in zip(spans, epithets, strict=True)]


def _without_description(span: Span) -> Span:
    """"Billionaire Donald Trump", "Hammering Bernie Sanders": a word before a known first name that
    is itself no first name is a description, not part of the name."""
    known = lexicon.KNOWN_FIRST_NAMES
    # The words, without a run of spaces the tagger keeps inside the name ("Billionaire  Ana Ruiz").
    words = [t for t in span if not t.is_space]
    rest = span.doc[words[1].i:span.end] if len(words) >= 2 else span
    # "Said Varga: "…"": an inverted cue opening the sentence is no part of the name after it.
    if len(words) >= 2 and words[0].is_sent_start and words[0].lower_ in lexicon.OPENING_CUES:
        return rest
    # "the policies of Presidents Obama and Bush": a plural title is no part of the first name after it.
    if len(words) >= 2 and words[0].tag_ in ("NNS", "NNPS") and words[0].lower_ != words[0].lemma_.lower() \
            and is_title_word(words[0]) and words[1].text[:1].isupper():
        return rest
    # "Longtime Ruiz foe", "Embattled Ana Ruiz": a word that describes people is no part of a name.
    if len(words) >= 2 and words[0].lower_ in lexicon.NOT_PEOPLE["description"] and words[0].text[:1].isupper() \
            and words[1].text[:1].isupper():
        return rest
    # "Fed Chair Ana Ruiz" tagged as one name: a capitalised title word inside it, right before a known first
    # name, ends the words that are no name (they and the title are the role before the name).
    for k in range(1, len(words) - 1):
        if is_title_word(words[k]) and words[k].text[:1].isupper() and words[k + 1].lower_ in known \
                and words[0].lower_ not in known:
            return span.doc[words[k + 1].i:span.end]
    if len(words) >= 3 and words[1].lower_ in known and words[0].lower_ not in known \
            and words[0].lower_.rstrip(".") not in lexicon.HONORIFICS \
            and words[0].text[:1].isupper() and not words[0].text.isupper():
        return rest
    return span


def _owner_of_a_title(span: Span) -> bool:
    """"Tom Bell pollster Dan Shore", "Ana Ruiz's lawyer": the name modifies a title noun after it."""
    head = span.root.head
    return span.root.dep_ in ("compound", "poss", "nmod") and head.i >= span.end and is_title_word(head)


def _named_as_work(span: Span) -> bool:
    """"her 2003 book, Blue Harbour,", "the war comic Iron Gull": a name right after a noun for a work
    (a comma between or not) is the work's title."""
    doc = span.doc
    before = span.start - 1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    return before >= 0 and doc[before].text[:1].islower() and doc[before].pos_ in ("NOUN", "ADJ") \
        and doc[before].lemma_.lower() in lexicon.NOT_PEOPLE["work"]


def _described_as_organisation(span: Span) -> bool:
    """"Harbour Watch, a nonprofit group," / "the nonprofit group Harbour Watch" / "the firm Harbour
    Watch": a name the text calls an organisation, in apposition or just before it, is one."""
    doc = span.doc
    if any(c.dep_ == "appos" and c.i >= span.end and c.text[:1].islower() and (
            c.lemma_.lower() in lexicon.ORGANISATION_NOUNS or c.lower_ in _ORGANISATION_KINDS) for c in span.root.children):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or not before.text[:1].islower():
        return False
    # A kind of organisation is one whatever the parse; a noun such as "committee" only when the parse
    # hangs it on the name ("told the committee Tom Bell had lied" names a person).
    # ("the advocacy group Harbour Watch": the name in apposition to the noun is one too.)
    return before.lower_ in _ORGANISATION_KINDS or before.lemma_.lower() in lexicon.ORGANISATION_NOUNS \
        and (before.dep_ in ("compound", "amod", "nmod") and before.head.i in range(span.start, span.end)
             or span.root.dep_ == "appos" and span.root.head.i == before.i)


def _heading(span: Span) -> bool:
    """"Video Transcript:" alone on its line: a heading, not a speaker or a person."""
    doc = span.doc
    colon = doc[span.end] if span.end < len(doc) else None
    if colon is None or colon.text != ":":
        return False
    after = doc[colon.i + 1] if colon.i + 1 < len(doc) else None
    return "\n" in colon.whitespace_ or after is None or after.is_space and "\n" in after.text


def _reported_only(name: str, quotes: list[Quote]) -> bool:
    """"Politico reported …", "…, according to Politico": a one-word name whose every statement is
    reported, or given "according to" it, is an outlet (a person the article names in full is known by
    that name, not by one word)."""
    cues = [q.cue for q in quotes if q.person == name]
    return " " not in name and bool(cues) and all(
        c is not None and (c.lower().startswith("report") or c.lower() == "according to") for c in cues)


def _acronym(name: str) -> bool:
    """"NATO", "MSNBC": one word in capitals is an organisation, even when quoted."""
    return " " not in name and name.isupper() and len(name) > 1


def _listed_with_things(span: Span) -> bool:
    """"bakes Crumbles, Nutty Bars and Oat Rounds": a name in a list of products, organisations or
    places is one of them."""
    return any(c.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "FAC", "GPE") or not c.ent_type_ and c.tag_ in ("NNS", "NNPS")
               for c in span.root.conjuncts)


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of lines written in title case, as headlines are."""
    lines = []
    start = 0
    for number, line in enumerate(text.split("\n")):
        words = [w.lstrip(_LEADING_MARKS) for w in line.split()]
        words = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
        # The article's title line, when long, may leave a few more words in lowercase ("… Where Donations
        # Slipped through the Cracks"); a short first line full of names is still a sentence.
        share = _TITLE_LINE_SHARE if number == 0 and len(words) >= _TITLE_LINE_WORDS else _TITLE_CASE_SHARE
        if len(words) >= _TITLE_CASE_WORDS and sum(w[:1].isupper() for w in words) / len(words) >= share:
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


def _main_subject(token: Token) -> bool:
    """The subject of a clause other than a relative one: "the text that Olazabal sent to Poulter"
    does not make Olazabal the one a following "he" is about."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ != "relcl"


def _only_determiner_or_base(tokens: list[Token], head: Token) -> bool:
    """Nothing before `head` but a determiner and a place of business ("the Ottawa-based")."""
    rest = [t for t in tokens if t is not head and t.dep_ != "det"]
    if not rest:
        return True
    return rest[-1].lower_ == "based" and len(rest) >= 3 and rest[-2].text == "-" and \
        all(t.text[:1].isupper() for t in rest[:-2])


def _assign_role_mentions(article: _Article, role_speakers: list[tuple[Role, str]], *,
                          guess: bool = True) -> dict[str, str]:
    """Role-only mentions ("NATO's Secretary General") whose holder the article never names in so many
    words: given to the most quoted person who has no role yet (when `guess`: for quoted speakers, not
    for a title merely mentioned). Returns mention text -> person."""
    assigned: dict[str, str] = {}
    unroled = [c for c in article.clusters.values() if not c.roles and len(c.name.split()) >= 2]
    for role, mention in role_speakers:
        holder = article._holder_of(role)
        # A title merely mentioned goes to someone only with evidence: the one person without a role
        # named in a sentence that names the title's organisation ("Wallace said the UK tried …" for
        # "the UK Defence Secretary").
        candidates = unroled if guess else _named_with(article, unroled, role.organisation)
        if holder is None and (guess and candidates or len(candidates) == 1):
            holder = max(candidates, key=lambda c: (c.quotes, c.mentions, -c.first))
            unroled.remove(holder)
            holder.roles.append(role)
        if holder is not None:
            assigned[mention] = holder.name
            holder.aliases[mention] += 1
    return assigned


def _named_with(article: _Article, people: list[_Cluster], organisation: str | None) -> list[_Cluster]:
    """Those of `people` named in a sentence that also names `organisation` (as a whole word)."""
    if not organisation:
        return []
    word = re.compile(r"\b" + re.escape(organisation.lower()) + r"\b")
    found = []
    for cluster in people:
        sentences = {article.doc.char_span(p, p + 1, alignment_mode="expand") for p, name, _ in article.events
                     if name == cluster.name}
        if any(span is not None and word.search(span.sent.text.lower()) for span in sentences):
            found.append(cluster)
    return found


def _role_mentions(doc: Doc, quoted: list[tuple[int, int]]) -> list[tuple[Role, str, int]]:
    """Capitalised role phrases with no name ("the UK Defence Secretary's efforts"), outside quotes."""
    found = []
    # (Title words by their lowercase form or lemma, picked once: most of an article's words are none.)
    for token in tokens_with_any(doc, {"LOWER": _ROLE_HEADS}, {"LEMMA": _ROLE_HEADS}):
        if not (token.text[:1].isupper() and is_title_word(token)) or token.ent_type_ == "PERSON":
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and (following.text[:1].isupper() and not following.is_punct
                                      and following.tag_ != "POS"):
            continue  # not the end of the title, or a name follows ("… Secretary Mark Esper")
        if following is not None and following.text == "-" and not token.whitespace_:
            continue  # "Editor-in-Chief": the title goes on after the hyphen
        if any(s <= token.idx < e for s, e in quoted):
            continue
        phrase = [t for t in doc[token.left_edge.i:token.i + 1] if t.i >= token.sent.start]
        role = role_from_tokens(phrase)
        if role is not None:
            found.append((role, clean_name(phrase), token.idx))
    things = _titled_things(doc)
    return [f for f in found if f[1] not in things]


def _titled_things(doc: Doc) -> set[str]:
    """Capitalised phrases ending in a title word that the article says are things ("Harbour Pollster, which
    averages the polls": a product named like a title); no mention of them is anyone's title."""
    things = set()
    for which in tokens_with_any(doc, {"LOWER": ("which",)}):
        title = doc[which.i - 2] if which.i >= 2 and doc[which.i - 1].text == "," else None
        if title is not None and title.text[:1].isupper() and is_title_word(title):
            things.add(clean_name([t for t in doc[title.left_edge.i:title.i + 1] if t.i >= title.sent.start]))
    return things


def resolve(doc: Doc, cleaned: Cleaned, candidates: list[Candidate], *,
            published: str | None = None) -> tuple[list[Person], list[Mention], list[Quote]]:
    """People, entity mentions and finished quotes of one article."""
    article = Resolver(doc, cleaned.captions, cleaned.text)
    doc.user_data[RESOLVER_KEY] = article  # the later stages (quotegraph.about) resolve with it too
    text = cleaned.original
    resolved: list[tuple[Candidate, list[Token], _Resolved]] = []
    role_speakers: list[tuple[Role, str]] = []
    for cand in candidates:
        if cand.speaker is None:
            resolved.append((cand, [], _Resolved(None, "unknown")))
            continue
        if cand.speaker_tokens:
            tokens = list(cand.speaker_tokens)
            who = article.resolve_label(tokens)
        else:
            # A speaker's words are never inside the quotation marks (a glued token can pull them in).
            tokens = noun_phrase(cand.speaker)
            if cand.kind == "direct":
                tokens = [t for t in tokens if not cand.start <= t.idx < cand.end] or [cand.speaker]
            who = article.resolve(cand.speaker, tokens)
        if who.kind == "person" and who.person in article.clusters:
            article.clusters[who.person].quotes += 1
            article.events.append((cand.speaker.idx, who.person, True))
            article.events.sort()
        elif is_title_word(cand.speaker) and cand.speaker.text[:1].isupper() and \
                cand.speaker.tag_ not in ("NNS", "NNPS") and not article._in_headline(cand.speaker.idx):
            # "veteran MPs" are a group, not an office holder; in a title-case headline every word is
            # capitalised, so "Former Aide Says" names no office.
            role = role_from_tokens(tokens)
            if role is not None:
                role_speakers.append((role, clean_name(tokens)))
        resolved.append((cand, tokens, who))

    things = _titled_things(doc) if role_speakers else set()
    assigned = _assign_role_mentions(article, [(r, m) for r, m in role_speakers if m not in things])
    quoted = [(c.start, c.end) for c in candidates if c.kind == "direct"]
    other_roles = [(r, m) for r, m, at in _role_mentions(doc, quoted) if m not in assigned and not article._in_headline(at)]
    _assign_role_mentions(article, other_roles, guess=False)

    quotes: list[Quote] = []
    previous: Quote | None = None
    utterance = 0
    for cand, tokens, who in resolved:
        speaker_text = clean_name(tokens) if tokens else None
        person, kind = who.person, who.kind
        if speaker_text in assigned:
            person, kind = assigned[speaker_text], "person"
        if cand.floating and previous is not None and cand.speaker is None:
            person, kind = previous.person, previous.source_kind
        same_utterance = previous is not None and (cand.floating and cand.speaker is None or (
            cand.cue is not None and previous.cue_start == cand.cue.verb_start))
        utterance = utterance if same_utterance else utterance + 1
        context_start, context_end = _context(doc, cand)
        said_on, precision = dates.statement_date(text[context_start:context_end], published)
        speaker_start = tokens[0].idx if tokens else None
        speaker_end = tokens[-1].idx + len(tokens[-1].text) if tokens else None
        link = relative_link(cand.speaker, cand.cue.verb_start) if tokens and cand.cue and cand.speaker else None
        if link is not None and link.i > tokens[-1].i:
            speaker_end = link.idx + len(link.text)  # "tenant groups who"
        if cand.floating and previous is not None and previous.speaker_start is not None and not tokens:
            # A quote with no cue of its own is its neighbour's: the speaker is the one named there.
            speaker_start, speaker_end = previous.speaker_start, previous.speaker_end
        quote = Quote(
            start=cand.start, end=cand.end, text=text[cand.start:cand.end], kind=cand.kind,
            cue=cand.cue.verb_text if cand.cue else None,
            cue_start=cand.cue.verb_start if cand.cue else None, cue_end=cand.cue.verb_end if cand.cue else None,
            speaker=text[speaker_start:speaker_end] if speaker_start is not None else None,
            speaker_start=speaker_start, speaker_end=speaker_end, person=person,
            source_kind=kind if person else "unknown", floating=cand.floating, utterance=utterance,
            confidence=cand.confidence if person else cand.confidence / 2,
            context_start=context_start, context_end=context_end, said_on=said_on,
            said_on_precision=precision)
        quotes.append(quote)
        previous = quote
    _attribute_running_quotations(candidates, quotes, text)
    _inherit_forward(quotes)
    return _people(article, quotes), _mentions(article.entities, text), quotes


def _attribute_running_quotations(candidates: list[Candidate], quotes: list[Quote], text: str) -> None:
    """A quotation over several paragraphs is attributed where it ends ("…," said Lang): its
    floating first parts take that speaker."""
    for i in range(len(quotes) - 2, -1, -1):
        following = quotes[i + 1]
        if candidates[i].runs_on and quotes[i].floating and following.person and \
                not text[quotes[i].end:following.start].strip():
            quotes[i] = _same_speaker(quotes[i], following)


def _inherit_forward(quotes: list[Quote]) -> None:
    """A floating quote before any attributed quote takes the speaker of the next one (not one that
    carries a speaker already, whom the article leaves unnamed: "she wrote" with no "she" named)."""
    for i, quote in enumerate(quotes):
        if quote.floating and quote.person is None and quote.speaker_start is None:
            following = next((q for q in quotes[i + 1:] if q.person), None)
            if following is not None:
                quotes[i] = _same_speaker(quote, following)


def _same_speaker(quote: Quote, source: Quote) -> Quote:
    """`quote`, attributed to the speaker of `source` (named where `source` names them)."""
    named = quote.speaker_start is None
    return dataclasses.replace(
        quote, person=source.person, source_kind=source.source_kind,
        speaker=source.speaker if named else quote.speaker,
        speaker_start=source.speaker_start if named else quote.speaker_start,
        speaker_end=source.speaker_end if named else quote.speaker_end)


def _context(doc: Doc, cand: Candidate) -> tuple[int, int]:
    start, end = cand.start, cand.end
    if cand.cue is not None:
        start = min(start, cand.cue.sentence.start_char)
        end = max(end, cand.cue.sentence.end_char)
    return start, end


def _people(article: _Article, quotes: list[Quote]) -> list[Person]:
    people: dict[str, Person] = {}
    seen = set()
    for cluster in article.clusters.values():
        if id(cluster) in seen:
            continue
        seen.add(id(cluster))
        aliases = tuple(a for a, _ in cluster.aliases.most_common())
        people[cluster.name] = Person(name=cluster.name, aliases=aliases, roles=_fullest(cluster.roles),
                                      mention_count=cluster.mentions, quote_count=0, kind="person")
    counts = Counter(q.person for q in quotes if q.person)
    speakers_as: dict[str, set[str]] = defaultdict(set)
    for q in quotes:
        if q.person and q.speaker:
            speakers_as[q.person].add(q.speaker)
    result = []
    for name, count in counts.items():
        kind = next(q.source_kind for q in quotes if q.person == name)
        base = people.pop(name, None) or Person(name=name, kind=kind)
        speaker = article.clusters.get(name)
        if speaker is not None and not speaker.titled and (speaker.doubted or _acronym(speaker.name)
                                                           or _reported_only(speaker.name, quotes)):
            base = dataclasses.replace(base, kind="organisation")  # "the Forecaddie advises": quoted, no person
        aliases = tuple(dict.fromkeys(base.aliases + tuple(sorted(speakers_as[name]))))
        result.append(Person(name=base.name, aliases=aliases, roles=base.roles,
                             mention_count=max(base.mention_count, 1), quote_count=count, kind=base.kind))
    # Named but never quoted: a person only with evidence that it is one (a one-word "Twitter",
    # "Buckeye" or "ECB" that no title, honorific, cue verb or pronoun backs is not).
    evidence = {c.name for c in article.clusters.values() if c.is_person}
    result.extend(p for p in people.values() if p.name in evidence)
    result.sort(key=lambda p: (-p.quote_count, -p.mention_count, p.name))
    return result


def _fullest(roles: list[Role]) -> tuple[Role, ...]:
    """"Saudi Prince Ahmad … Prince Ahmad": one article's bare title is the office its fuller form (same
    last word, more words before it, no organisation to the bare one) names; only the fuller is kept.
    ("U.S. District Judge Tom Bell … Judge Bell": the fuller one may name its organisation.)"""
    def words(role: Role) -> list[str]:
        return role.title.lower().replace(".", "").split()
    return tuple(r for r in roles if not (r.organisation is None and any(
        o is not r and words(o)[-1:] == words(r)[-1:] and len(words(o)) > len(words(r))
        and set(words(r)) < set(words(o)) for o in roles)))


def _mentions(entities: tuple[Span, ...], original: str) -> list[Mention]:
    """Named entities; `text` is as the article wrote it, `canonical` is normalised."""
    return [Mention(text=original[e.start_char:e.end_char], start=e.start_char, end=e.end_char,
                    label=e.label_, canonical=clean_name(e) or e.text)
            for e in entities if e.label_ in _MENTION_LABELS]


RESOLVER_KEY = "quotegraph.resolver"


class Resolver(_Article):
    """The article's people and resolution rules, for the stages after this one (`quotegraph.about`):
    whom a pronoun, a title or an organisation noun inside a quote stands for."""

    def pronoun(self, token: Token) -> _Resolved:
        return self._pronoun(token)

    def holder_of(self, role: Role) -> _Cluster | None:
        return self._holder_of(role)

    def organisation_described(self, head: Token, tokens: list[Token]) -> str | None:
        return self._organisation_described(head, tokens)

    def expand_acronym(self, name: str) -> str:
        return self._expand_acronym(name)
