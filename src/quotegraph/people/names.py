"""Reading names and roles off spaCy tokens: "US Defense Secretary Mark Esper" -> name, role, organisation."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Span, Token

from quotegraph import lexicon
from quotegraph.records import Role

_ORG_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC"}
# Entity labels a speaker or a "they" can be an organisation by.
ORGANISATION_LABELS = {"ORG", "NORP", "GPE"}
MALE_PRONOUNS = frozenset(w for w, kind in lexicon.PRONOUN_CLASS.items() if kind == "male")
FEMALE_PRONOUNS = frozenset(w for w, kind in lexicon.PRONOUN_CLASS.items() if kind == "female")
_DROP_DEPS = {"det", "case", "punct", "cc", "prep", "predet"}
# Entities that are never part of a title ("On Friday British Finance Minister …").
_NOT_TITLE_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# Tokens that can be glued onto a name but are not part of it.
_NAME_EDGE = {"'s", "’s", "'", "’", ",", ".", ":", ";", '"', "-", "the", "a", "an"}


def clean_name(tokens: Iterable[Token]) -> str:
    """The name without honorifics, possessive marks or punctuation: "Mr. Stoltenberg's" -> "Stoltenberg"."""
    words = [t for t in tokens if not t.is_space]
    while words and (words[0].lower_ in _NAME_EDGE or words[0].lower_.rstrip(".") in lexicon.HONORIFICS
                     and len(words) > 1 and words[1].pos_ == "PROPN"):
        words = words[1:]
    while words and words[-1].lower_ in _NAME_EDGE:
        words = words[:-1]
    if not words:
        return ""
    text = words[0].doc[words[0].i:words[-1].i + 1].text  # not Doc.text: it is rebuilt on each access
    return " ".join(text.split())


def entity_of(token: Token) -> Span | None:
    """The named entity `token` is part of, if any."""
    if token.ent_iob_ == "O" or not token.ent_iob_:
        return None
    # Read the bounds off the IOB tags: Doc.ents builds every entity span on each access.
    doc, start, end = token.doc, token.i, token.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def is_title_word(token: Token) -> bool:
    """A role's head noun, as written or by its lemma; a verb's form is none ("who's chairing the team":
    "chairing" has the lemma of "chair" but names no office)."""
    return token.lower_ in lexicon.ROLE_HEADS or token.lemma_.lower() in lexicon.ROLE_HEADS \
        and not (token.tag_.startswith("VB") and token.lower_.endswith(("ing", "ed", "s")))


# Lowercase words inside a name ("Osama bin Laden", "al Qaeda", "Ludwig van Beethoven").
NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "abu", "al", "el", "van", "von", "de", "da", "di", "del", "della",
                            "le", "la", "ben"})


def _cut_name_participle(tokens: list[Token]) -> list[Token]:
    """"the al Qaeda-linked cleric": the words start inside a name whose first word was left out ("al") and
    a participle is glued to it; the name and participle say whom the person is tied to, no part of the title."""
    first = tokens[0]
    doc = first.doc
    if first.i == 0 or not first.text[:1].isupper() or not (
            first.ent_iob_ == "I" or doc[first.i - 1].lower_ in NAME_PARTICLES and doc[first.i - 1] not in tokens):
        return tokens
    k = 1
    while k < len(tokens) and tokens[k].ent_iob_ == "I" and tokens[k].text != "-":
        k += 1
    if k + 1 < len(tokens) and tokens[k].text == "-" and not tokens[k].whitespace_ and _hyphenated_participle(tokens[k + 1]):
        return tokens[k + 2:]
    return tokens


def role_from_tokens(tokens: list[Token]) -> Role | None:
    """A role from the words before a name or in an apposition: "NATO Secretary General", "the
    president of Bullpen Research", "NATO's Secretary General". None when no title word is there."""
    tokens = [t for t in tokens if not t.is_space]
    if tokens:
        tokens = _cut_name_participle(tokens)
        tokens = _without_base(tokens)
    # "a Republican and former Ohio governor": a party or nation coordinated before the title is a
    # description of its own ("a Republican"), not the title's organisation.
    described = [k for k, t in enumerate(tokens[:-1]) if t.lower_ == "and" and t.dep_ == "cc" and k > 0
                 and t.head.i == tokens[k - 1].i and tokens[k - 1].ent_type_ == "NORP" and not is_title_word(tokens[k - 1])
                 and any(is_title_word(u) for u in tokens[k + 1:])]
    if described:
        tokens = tokens[described[-1] + 1:]
    # "the leader in Republican polls", "Republican poll leader": a rank in the polls, not an office.
    if any(t.lemma_.lower() in ("poll", "polling") for t in tokens) and any(t.lemma_.lower() == "leader" for t in tokens):
        return None
    if not tokens:
        return None
    # "the only Irish American candidate in the race": what sets the person apart from a class describes
    # them; it names no office.
    if tokens[0].lower_ == "only" or len(tokens) > 1 and tokens[0].lower_ in ("the", "a", "an") and tokens[1].lower_ == "only":
        return None
    held_to = _title_held_to(tokens)
    if held_to is not None:
        return held_to
    written = _title_then_organisation(tokens)
    if written is not None:
        return written
    # "director for Asian affairs at the Council": the portfolio after "for" belongs to the title.
    for_part: list[Token] = []
    for i, token in enumerate(tokens[:-1]):
        if token.lower_ == "for" and i > 0 and is_title_word(tokens[i - 1]):
            rest = tokens[i + 1:]
            # "vice chair for Ana Ruiz's campaign": a person owning the portfolio is part of it.
            owned = [j for j, t in enumerate(rest[:4]) if t.tag_ == "POS"]
            end = next((j for j, t in enumerate(rest) if t.lower_ in ("at", "of", "in", ",", "and", "with")
                        or t.ent_type_ == "PERSON" and not (owned and j < owned[0])), len(rest))
            if 0 < end <= (4 + len(owned[:1])) and rest[end - 1].pos_ == "NOUN" and rest[end - 1].text[:1].islower():
                for_part = [token, *rest[:end]]
                tokens = tokens[:i] + rest[end:]
            break
    title_words: list[Token] = []
    organisation: list[str] = []
    org_tokens: list[Token] = []
    owner: list[Token] = []
    named: list[Token] = []  # the organisation's (or owning person's) words as tokens
    for token in tokens:
        if token.ent_type_ in _NOT_TITLE_ENTITIES and not _year_of_title(token):
            continue  # "the 68-year-old secretary", "this year's host": an age or a date is no part of a role
        if _under_secretary(token):
            title_words.append(token)  # "Under Secretary of State": another office than the Secretary's
            continue
        if token.lower_ == "in" and organisation and not _before_hyphen(token):
            break  # "director of the Centre in Boston": the place is no part of the role
        if token.dep_ == "prep" and token.lower_ not in ("of", "at", "for") and title_words \
                and not _before_hyphen(token):  # "Editor-in-Chief" is one word
            break  # "the attorney general under former President Bush": another phrase begins
        entity = entity_of(token)
        if entity is not None and _before_hyphen(token) and token.i + 2 < len(token.doc) \
                and _hyphenated_participle(token.doc[token.i + 2]):
            entity = None  # "Oscar-winning actress": a description of the title, no organisation
        # ("Ana Ruiz's running mate" untagged: the first name, a compound of the owner, owns it too.)
        if token.dep_ == "poss" and not is_title_word(token) or token.dep_ == "compound" and token.pos_ == "PROPN" \
                and token.head.dep_ == "poss" and token.head.i == token.i + 1 and not is_title_word(token) \
                and entity is None and token.head.ent_type_ != "ORG" or (token.i + 1 < len(token.doc) and (
                token.doc[token.i + 1].tag_ == "POS" or _possessive_mark(token.doc[token.i + 1])) and entity is not None):
            if token.pos_ != "PRON":  # "his campaign manager": the owner is a person named elsewhere
                if entity is not None:  # "the Harbour Times' owner": the owner's whole name, not "Harbour"
                    inside = [t for t in org_tokens if entity.start <= t.i < entity.end]
                    owner.extend(inside)
                    org_tokens = [t for t in org_tokens if t not in inside]
                    organisation = [t.text for t in org_tokens] if len(org_tokens) + len(inside) == len(organisation) \
                        else organisation
                owner.append(token)
            continue
        if entity is not None and (len(entity) == 1 or token.i == entity.end - 1 or token.i < entity.end - 2
                                   and mislabelled_person(entity) is not None) and is_title_word(token):
            entity = None  # "Pres." read as a place, "… Bank President" read into the bank: still a title
        # ("Chairman and CEO": the "and" between two titles is kept.)
        joined_titles = token.lower_ == "and" and bool(title_words) and is_title_word(title_words[-1]) \
            and token.i + 1 < len(token.doc) and is_title_word(token.doc[token.i + 1]) and token.doc[token.i + 1] in tokens
        # "CBS This Morning co-anchor": a capitalised "This" or "The" right after an organisation's name, and
        # the capitalised words after it, before the title, are the rest of a name it owns (a show).
        if org_tokens and token.i == org_tokens[-1].i + 1 and org_tokens[0].ent_type_ == "ORG" and entity is None \
                and token.text[:1].isupper() and not is_title_word(token) and token.lower_ not in lexicon.PORTFOLIO_WORDS \
                and (token.tag_ == "DT" or any(t.tag_ == "DT" for t in org_tokens)) \
                and any(is_title_word(t) for t in tokens if t.i > token.i):
            organisation.append(token.text)
            org_tokens.append(token)
            named.append(token)
            continue
        if token.tag_ == "POS" or token.dep_ in _DROP_DEPS and not _before_hyphen(token) and not joined_titles:
            continue
        # "US Defense" may come as one organisation: its portfolio word belongs to the title.
        portfolio = token.lower_ in lexicon.PORTFOLIO_WORDS and organisation and not title_words
        if entity is not None and entity.label_ in _ORG_LABELS and not portfolio:
            organisation.append(token.text)
            org_tokens.append(token)
            named.append(token)
            continue
        # ("Sen. Ana Ruiz", "spokesperson Lu Kang": a title the tagger took into the name is still a title.)
        if entity is not None and entity.label_ == "PERSON" and not (token.i == entity.start and is_title_word(token)):
            if not any(is_title_word(t) for t in tokens if t.i > entity.end - 1):
                # "a Secret Service agent for President Tom Bell": the title written against the other
                # person's name, after a preposition, is that person's, no part of this one.
                doc = token.doc
                j = entity.start - 1
                while j >= 0 and (is_title_word(doc[j]) and doc[j].text[:1].isupper() or doc[j].text == "."):
                    j -= 1
                if j < entity.start - 1 and j >= 0 and doc[j].dep_ == "prep" and doc[j].text[:1].islower() \
                        and any(is_title_word(t) and t.i < j for t in title_words):
                    title_words = [t for t in title_words if t.i < j]
                break
            doc = token.doc
            if entity.end < len(doc) and doc[entity.end].tag_ == "POS" or doc[entity.end - 1].tag_ == "POS" \
                    or doc[entity.end - 1].lower_ in ("'s", "\u2019s"):
                owner.append(token)  # "Donald Trump's campaign manager"
            else:
                organisation.append(token.text)  # "Mondelez CEO", "Hillary Clinton aide": whose the title is
                named.append(token)
            continue
        title_words.append(token)
    if owner and not named and all(t.text[:1].islower() for t in owner):
        # "The Ruiz campaign's …" with "Ruiz" untagged: capitalised words right before the owning noun are
        # its name.
        lead: list[Token] = []
        for t in reversed([t for t in title_words if t.i < owner[0].i]):
            if t.i != (lead[0].i if lead else owner[0].i) - 1 or t.pos_ != "PROPN" or is_title_word(t):
                break
            lead.insert(0, t)
        if lead:
            title_words = [t for t in title_words if t not in lead]
            named, organisation = lead, [t.text for t in lead]
    # "Speaker of the House Rep.": two titles run together around an organisation; the one written
    # against the name is kept, the other is not garbled into it.
    roles_at = [t.i for t in title_words if is_title_word(t)]
    if org_tokens and len(roles_at) >= 2 and any(roles_at[0] < t.i < roles_at[-1] for t in org_tokens):
        title_words = [t for t in title_words if t.i > org_tokens[-1].i]
        organisation, org_tokens, owner = [], [], []
    # Keep the run of title words that ends in a role noun ("Defense Secretary", "president").
    last_role = max((i for i, t in enumerate(title_words) if is_title_word(t)), default=None)
    if last_role is None:
        return None
    # "Officials", "MPs", "Researchers": a plural role noun names a group, never one person's role.
    noun = title_words[last_role]
    if noun.tag_ in ("NNS", "NNPS") and noun.lemma_.lower() != noun.lower_:  # not "Pres", tagged plural
        return None
    # "Editor-at-Large", "Ambassador-at-Large": words hyphenated onto the role noun are part of it.
    # (The hyphens themselves are not among `title_words`.)
    while last_role + 1 < len(title_words) and _before_hyphen(title_words[last_role]) \
            and not title_words[last_role].doc[title_words[last_role].i + 1].whitespace_ \
            and title_words[last_role + 1].i == title_words[last_role].i + 2 and title_words[last_role + 1].is_alpha:
        last_role += 1
    head = title_words[:last_role + 1]
    # "captain of the team", "secretary of state", "Deputy Chief of Staff": what follows "of" or "at"
    # the role noun is its organisation when no named one is there.
    after = [t for t in tokens if t.i > head[-1].i]
    joiner = None
    if not organisation and after and after[0].lower_ in ("of", "at") and title_words[last_role + 1:]:
        # ("director of policy for the campaign": a second preposition starts another phrase, no part of
        # the first's words.)
        second = next((t.i for t in after[1:] if t.lower_ in ("for", "at", "with", "in", "on")), None)
        kept = [t for t in title_words[last_role + 1:] if second is None or t.i < second]
        if owner and kept and after[0].lower_ == "of" and all(t.text[:1].islower() for t in kept) \
                and kept[0].i == after[0].i + 1:
            # "Ruiz's deputy chief of staff": the portfolio is part of the title; the owner is whose it is.
            head = [*head, after[0], *kept]
        else:
            organisation = [_joined(kept or title_words[last_role + 1:])]
            joiner = after[0].lower_ + (" the" if len(after) > 1 and after[1].lower_ == "the" else "")
    # "Trump rival Sen.": a lowercase word that is no role word before a capitalised title describes
    # the person; it and what comes before it ("Trump") are no part of the title.
    if head[-1].text[:1].isupper() and is_title_word(head[-1]):
        described = [k for k, t in enumerate(head[:-1]) if t.text[:1].islower() and t.pos_ in ("NOUN", "ADJ")
                     and not is_title_word(t) and not _before_hyphen(t) and t.lower_ not in _TITLE_MODIFIERS
                     and t.lower_ not in lexicon.JURISDICTIONS and not _placed_institution(t)]
        if described:
            cut = head[described[-1]]
            head = head[described[-1] + 1:]
            organisation = [o.text for o in org_tokens if o.i > cut.i] if organisation and org_tokens else \
                organisation if not org_tokens else []
            org_tokens = [o for o in org_tokens if o.i > cut.i]
            owner = [o for o in owner if o.i > cut.i]
    # "a highly unlikeable presidential candidate", "a very popular governor": an adjective graded by an
    # adverb judges the person; it and what comes before it are no part of the title.
    graded = [k for k, t in enumerate(head[:-1]) if t.pos_ == "ADJ" and any(
        c.dep_ == "advmod" and c.tag_ in ("RB", "RBR", "RBS") and c.i < t.i for c in t.children)]
    if graded:
        cut = head[graded[-1]]
        head = head[graded[-1] + 1:]
        owner = [o for o in owner if o.i > cut.i]
    # "presidential candidate Sen.": two titles run together; the one written against the name wins.
    if head[-1].text[:1].isupper():
        lowercase_roles = [k for k, t in enumerate(head[:-1]) if is_title_word(t) and t.text[:1].islower()]
        if lowercase_roles:
            cut = head[lowercase_roles[-1]]
            head = head[lowercase_roles[-1] + 1:]
            # ("Green mayoral candidate former Transport Secretary": the party is the first title's.)
            if org_tokens and len(org_tokens) == len(organisation) and all(o.i < cut.i for o in org_tokens):
                organisation, org_tokens = [], []
            owner = [o for o in owner if o.i > cut.i]
    # "Committee Chairman Rep.": a title run into an abbreviated one written against the name; the
    # abbreviation is this role, the title before it another (`coordinated_roles`). ("Lt. Col." is one.)
    if len(head) > 1 and abbreviated_title(head[-1]):
        earlier = [k for k, t in enumerate(head[:-1]) if is_title_word(t) and not abbreviated_title(t)]
        if earlier:
            cut = head[earlier[-1]]
            head = head[earlier[-1] + 1:]
            organisation = [o.text for o in org_tokens if o.i > cut.i] if org_tokens else []
            org_tokens = [o for o in org_tokens if o.i > cut.i]
            owner = [o for o in owner if o.i > cut.i]
    # Drop leading lowercase noise ("former", "then") but keep capitalised titles and role words.
    while head and head[0].pos_ not in ("PROPN", "NOUN", "ADJ") and not _before_hyphen(head[0]) \
            and not _under_secretary(head[0]) and head[0].lower_ not in _KEPT_MODIFIERS and not _year_of_title(head[0]) \
            and not is_title_word(head[0]) and not (head[0].pos_ == "VERB" and head[0].dep_ == "amod"
                                                    and head[0].tag_ not in ("VBN", "VBG", "VBD")) \
            or head and head[0].lower_ in _DROPPED_MODIFIERS or len(head) > 1 and head[0].text in _DROPPED_LOWERCASE \
            or len(head) > 1 and _mistagged_cue_verb(head[0]) \
            or len(head) > 1 and head[0].lower_ in lexicon.NOT_PEOPLE["description"] and head[0].lower_ not in _KEPT_MODIFIERS \
            and not (head[0].ent_iob_ == "B" and head[1].ent_iob_ == "I"):  # ("“Late Hour” host": a name's first word)
        # ("the billionaire owner of …", "veteran comedian": a word that describes the person is no part of
        # the title, in an apposition as before a name.)
        head = head[1:]
    # ("an ultra-conservative senator": a description written with a hyphen is three tokens.)
    while len(head) > 3 and head[1].text == "-" and not head[0].whitespace_ and not head[1].whitespace_ \
            and f"{head[0].lower_}-{head[2].lower_}" in lexicon.NOT_PEOPLE["description"]:
        head = head[3:]
    # "long time aide", "long-time aide": "longtime" written in two words says how long, not what.
    opening = [t.lower_ for t in head[:3]]
    if len(head) > 2 and opening[:2] == ["long", "time"] or len(head) > 3 and opening == ["long", "-", "time"]:
        head = head[opening.index("time") + 1:]
    if not head:
        return None
    # A title in capitals is a heading ("ANALYST'S TAKE:"), not a title written before a name.
    if any(t.is_upper and len(t) > 4 and is_title_word(t) for t in head):
        return None
    # "Lt. Col ." tokenised apart: the abbreviation's full stop is part of the title.
    stop = head[-1].doc[head[-1].i + 1] if head[-1].i + 1 < len(head[-1].doc) else None
    if stop is not None and stop.text == "." and not head[-1].whitespace_ and stop in tokens and not for_part:
        head = [*head, stop]
    title = _joined(head + for_part)
    if not organisation and owner:
        organisation = [clean_name(owner)]
    elif owner and named and organisation and owner[0].i == named[-1].i + 1 and all(t.text[:1].islower() for t in owner) \
            and owner[-1].i < head[0].i:
        # "the Ruiz campaign's communications director": the name and the common noun it describes own
        # the title together ("Ruiz campaign"), not the name alone.
        organisation = [" ".join(t.text for t in [*named, *owner])]
        org_tokens = []
    # "Republican National Committee Chairman": a title word between the organisation's words is
    # part of the organisation's name.
    if org_tokens and len(org_tokens) == len(organisation):
        inside = [t for t in head if org_tokens[0].i < t.i < org_tokens[-1].i]
        if inside and not any(is_title_word(t) for t in inside):
            org_tokens = sorted([*org_tokens, *inside], key=lambda t: t.i)
            organisation = [t.text for t in org_tokens]
            head = [t for t in head if t not in inside]
            title = _joined(head + for_part)
    org = " ".join(organisation).strip() or None
    if org_tokens and len(org_tokens) == len(organisation):
        # One organisation written with its "of" and "at": "University of Leeds at Bradford".
        doc = org_tokens[0].doc
        between = doc[org_tokens[0].i:org_tokens[-1].i + 1]
        if all(t in org_tokens or t.lower_ in ("of", "at", "the", "and", "&", "-") for t in between):
            org = " ".join(between.text.split())
    if org and title.lower().startswith(org.lower()):
        title = title[len(org):].strip()
    if org_tokens and len(org_tokens) == len(organisation) and all(t.ent_type_ in ("NORP", "GPE") for t in org_tokens) \
            and any(t.ent_type_ == "NORP" for t in org_tokens) and head and org_tokens[-1].i < head[-1].i and not owner:
        # "Chinese President", "Democratic senator": a nationality or party written before the title
        # describes it; read as an organisation it would scramble the label ("President of Chinese"), and
        # so would a place with it ("Ohio Republican Governor", not "Governor of Ohio Republican").
        words = sorted([*org_tokens, *head], key=lambda t: t.i)
        return Role(title=_joined(words + for_part)) if title else None
    if not org and title.lower() in _RUNNING_ONLY:
        return None
    return Role(title=title, organisation=org, joiner=joiner if org else None) if title else None


def _placed_institution(token: Token) -> bool:
    """"Tulsa police Chief": a lowercase organisation noun right after a place names where the capitalised
    title after it is held; it describes no person ("Trump rival Sen.")."""
    return token.lower_ in lexicon.ORGANISATION_NOUNS and token.i > 0 and token.doc[token.i - 1].ent_type_ == "GPE"


def _under_secretary(token: Token) -> bool:
    """"Under" of "Under Secretary", a preposition to the parser but the first word of the title."""
    return token.text == "Under" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "Secretary"


# Lowercase words that are part of a title ("acting Secretary"), or dropped from it ("former").
_TITLE_MODIFIERS = frozenset({"former", "then", "current", "longtime", "retired", "deputy", "acting", "interim",
                              "outgoing", "incoming", "new"})
# Lowercase words that are part of the title whatever the parser calls them ("presumptive nominee").
_KEPT_MODIFIERS = frozenset({"deputy", "acting", "interim", "presumptive", "presumed", "running"})
# Words in front of a title that say when or how long, not what, the role is ("former", "Incumbent
# Rep.", "the paper's new owner"): no part of the title.
_DROPPED_MODIFIERS = frozenset({"former", "then", "current", "longtime", "retired", "incumbent", "new", "ex", "eventual",
                                "prominent", "rival", "fellow"})
# The same in lowercase only: "a top lobbyist" ranks the person; "Top Gear host" names a show.
_DROPPED_LOWERCASE = frozenset({"top"})
# Role nouns that alone, without a race, party or organisation, only say that the person is running:
# "fellow candidate Tom Bell", "Candidate Ana Ruiz" (a status in a race, as "front-runner" is, not an office).
_RUNNING_ONLY = frozenset({"candidate"})
# Prepositions a title is held "at": "director of the FBI", "professor at Rice University".
_JOINING = ("of", "at", "for", "with")
# Words an organisation's name may hold between its capitalised words ("Institute for the Study of Tides").
_INNER = ("of", "at", "for", "and", "&", "the", "on")


def _without_base(tokens: list[Token]) -> list[Token]:
    """"a Washington-based reporter for the Harbour News": where the person works from is no part of the
    title, nor its organisation; the place and "-based" are left out when a title follows them."""
    for k, token in enumerate(tokens):
        if token.lower_ == "based" and k >= 2 and tokens[k - 1].text == "-" and not tokens[k - 1].whitespace_ \
                and not tokens[k - 2].whitespace_ and any(is_title_word(t) for t in tokens[k + 1:]):
            start = k - 2
            while start > 0 and tokens[start - 1].text[:1].isupper() and tokens[start - 1].i == tokens[start].i - 1:
                start -= 1
            if tokens[start].text[:1].isupper():
                return tokens[:start] + tokens[k + 1:]
    return tokens


def _mistagged_cue_verb(token: Token) -> bool:
    """"informed regional director Tom Bell that …": a cue verb's past tense the tagger read as an adjective of
    the title after it is the sentence's verb, no part of the title."""
    word = token.text
    return word[:1].islower() and word.endswith("ed") and (word[:-2] in lexicon.CUE_VERBS or word[:-1] in lexicon.CUE_VERBS)


def _title_held_to(tokens: list[Token]) -> Role | None:
    """"an adviser to Ana Ruiz", "Norway's ambassador to the United States": a title held to a named person
    or place (`data/titles_held_to.txt`) keeps them, as the text wrote them; whose title it is ("Norway's")
    stays its organisation. None when the words are not of that shape."""
    k = next((k for k, t in enumerate(tokens[1:-1], 1) if t.lower_ == "to" and tokens[k - 1].i == t.i - 1
              and tokens[k - 1].lower_ in lexicon.TITLES_HELD_TO), None)
    if k is None:
        return None
    rest = tokens[k + 1:]
    named = rest[1:] if rest[0].lower_ == "the" else rest
    if not named or not named[0].text[:1].isupper() or any(t.is_punct and t.text not in (".", "-") for t in rest):
        return None
    before = role_from_tokens(tokens[:k])
    if before is None or before.joiner:
        return None
    doc = tokens[0].doc
    held = " ".join(doc[rest[0].i:rest[-1].i + 1].text.split())
    return Role(title=f"{before.title} to {held}", organisation=before.organisation)


def _title_then_organisation(tokens: list[Token]) -> Role | None:
    """A title written before the organisation it is held at, kept in the text's words and order:
    "director of the FBI", "professor at Rice University", "director of Baltic and Nordic energy
    studies at the Harbour Policy Institute in Leeds" (a lowercase portfolio before a second
    "at" belongs to the title; the place after "in" is no part of the role). Descriptions of the
    organisation ("the Oslo-based", "Norway's", "the small nonprofit") are left out of its name.
    None when the words are not of that shape (the caller's rules apply)."""
    k = next((k for k, t in enumerate(tokens[:-1]) if _ends_title(t) and tokens[k + 1].i == t.i + 1
              and (tokens[k + 1].lower_ in _JOINING or tokens[k + 1].lower_ == "from" and _elected_from(tokens[:k + 1], tokens[k + 2:]))),
             None)
    if k is None:
        return None
    before = role_from_tokens(tokens[:k + 1])
    if before is None:
        return None
    doc = tokens[0].doc
    against_name = tokens[-1].i + 1 < len(doc) and doc[tokens[-1].i + 1].ent_type_ == "PERSON"
    preposition, rest = tokens[k + 1], tokens[k + 2:]
    found = None
    second = next((j for j, t in enumerate(rest) if t.lower_ in ("at", "with", "for")), None)
    # ("director of the Harbour Civic Project at Leeds University": a named organisation before the second
    # "at" is the one the title is held at; what follows is the organisation it belongs to.)
    named = second is not None and all(t.ent_type_ in _ORG_LABELS or t.lower_ == "the" for t in rest[:second]) \
        and any(t.ent_type_ == "ORG" for t in rest[:second])
    if second is not None and 1 <= second <= 6 and rest[second - 1].pos_ in ("NOUN", "PROPN") and not named \
            and not any(t.ent_type_ == "PERSON" or t.is_punct and t.text != "-" for t in rest[:second]):
        # "director of energy studies at the Harbour Institute", "professor of History at Ellis
        # College": what comes before the second "at" is the title's portfolio, when an organisation
        # follows it.
        found = _organisation_after(rest[second + 1:], tokens, against_name)
        if found is not None:
            portfolio = [preposition, *rest[:second]]
            preposition = rest[second]
    state = preposition.lower_ == "from" and [t.lower_ for t in rest[:3]] == ["the", "state", "of"]
    if found is None:
        portfolio = []
        found = _organisation_after(rest[3:] if state else rest, tokens, against_name)
    if found is None:
        return None
    name, the = found
    if state:
        name, the = [*rest[1:3], *name], True  # "from the state of Vermont": the whole seat as written
    organisation = " ".join(doc[name[0].i:name[-1].i + 1].text.split())
    title = _joined(_title_tokens(before, tokens[:k + 1]) + portfolio)
    if before.organisation:
        # "U.S. Secretary of State": the organisation came first; what follows "of" is the portfolio.
        # ("a Ruiz campaign delegate from Ohio": the one whose delegate; the place is where from.)
        if portfolio or len(name) > 3 or preposition.lower_ == "from":
            return None
        return Role(title=f"{before.title} {preposition.lower_} {organisation}", organisation=before.organisation)
    joiner = preposition.lower_ + (" the" if the else "")
    return Role(title=title or before.title, organisation=organisation, joiner=joiner)


def _ends_title(token: Token) -> bool:
    """A role noun, or the last word hyphenated onto one ("Large" of "Editor-at-Large")."""
    doc = token.doc
    i = token.i
    while not is_title_word(doc[i]):
        if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_ or not doc[i].is_alpha:
            return False
        i -= 2
    return True


def _elected_from(title: list[Token], rest: list[Token]) -> bool:
    """"the independent senator from Vermont": a title held for a place, and a place after "from" (its
    seat, part of the role); "a lawyer from Boston" says where the person is from, and so does the place
    after a title someone owns ("a Ruiz delegate from Ohio")."""
    word = title[-1].lower_.rstrip(".")
    if len(rest) > 3 and [t.lower_ for t in rest[:3]] == ["the", "state", "of"]:
        rest = rest[3:]  # "the senator from the state of Vermont"
    return lexicon.full_title(word) in lexicon.ELECTED_FROM and bool(rest) and rest[0].ent_type_ == "GPE" and rest[0].ent_iob_ == "B" \
        and not any(t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "GPE") or t.tag_ == "POS" for t in title[:-1])


def _organisation_after(rest: list[Token], tokens: list[Token], against_name: bool) -> tuple[list[Token], bool] | None:
    """The organisation's name at the start of `rest` (after "the" and descriptions), and whether
    "the" was written; None when `rest` does not start with one, or goes on with another title."""
    the = bool(rest) and rest[0].lower_ == "the"
    i = 1 if the else 0
    # "of Port Ellis, Oregon-based shipping company Tidewell": the city and state where it is based
    # describe the organisation named after them.
    comma = next((j for j in range(i + 1, min(len(rest) - 3, i + 5)) if rest[j].text == ","), None)
    if comma is not None and all(t.text[:1].isupper() for t in rest[i:comma]) and rest[comma + 1].text[:1].isupper() \
            and (rest[comma + 2].text == "-" and rest[comma + 3].lower_ == "based" or rest[comma + 1].lower_.endswith("-based")):
        i = comma + 1
    # Descriptions before the name: lowercase words, "Oslo-based", "Norway's".
    # ("the Harbour Disease Action Network"'s own possessive, "the Parkinson's Action Network", is part of
    # its name: only a place or a lowercase word owns an organisation as a description.)
    while i < len(rest) and (rest[i].text[:1].islower() and rest[i].pos_ in ("ADJ", "NOUN", "VERB") and
                             not is_title_word(rest[i]) or rest[i].lower_.endswith("-based")
                             or (rest[i].text == "-" or _before_hyphen(rest[i])) and not _capitalised_compound(rest[i])
                             or i + 1 < len(rest) and rest[i + 1].tag_ == "POS" and _owner_describes(rest[i])
                             or rest[i].tag_ == "POS" and i > 0 and _owner_describes(rest[i - 1])):
        i += 1
    end = i
    parent = False
    while end < len(rest):
        token = rest[end]
        # A capitalised title word inside the name is part of it ("Department of Justice"), unless it is
        # an abbreviation or the title written against the name ("Speaker of the House Rep. …").
        titled = is_title_word(token) and (token.text.endswith(".") or end > i and rest[end - 1].text[:1].isupper()
                                           and token.i == tokens[-1].i and against_name)
        if token.text[:1].isupper() and not titled and token.ent_type_ not in _NOT_TITLE_ENTITIES \
                and (end > i or not is_title_word(token)):
            end += 1
            continue
        ahead = rest[end + 1] if end + 1 < len(rest) else None
        if end > i and token.text == "-" and _capitalised_compound(rest[end - 1]):
            end += 1  # "Tidewell-Marsh": a hyphenated name is one name
            continue
        # "the Harbour Civic Project at the University of Leeds": "at" between two named organisations
        # ends the first (the second is the one it belongs to), also when the tagger ran the first one's
        # name over the "at" and began the second after it.
        if token.lower_ == "at" and ahead is not None and rest[end - 1].ent_type_ == "ORG" \
                and (ahead.ent_iob_ == "B" and ahead.ent_type_ == "ORG" or end - i >= 2 and _names_an_institution(rest[end + 1:])):
            parent = True
            break
        if end > i and (token.lower_ in _INNER and (ahead is not None and ahead.lower_ == "the")
                        or (token.lower_ in _INNER or token.tag_ == "POS") and ahead is not None and ahead.text[:1].isupper()):
            end += 1
            continue
        break
    if end < len(rest) and rest[end].tag_ == "POS":
        return None  # "vice chair for Ruiz's campaign": the name owns what follows; it is no organisation
    name = rest[i:end]
    while name and name[-1].lower_ in _INNER:
        name = name[:-1]
    # A named organisation ("Rice University"), or capitalised words with their inner "of", "the"
    # ("Stand Up the Vote").
    if not name or not (any(t.ent_type_ in _ORG_LABELS for t in name)
                        or all(t.pos_ == "PROPN" or t.text[:1].isupper() or t.lower_ in _INNER or t.tag_ == "POS"
                               for t in name)):
        return None
    # "chair of the Harbour Teachers Union advisory council": a body of the named organisation, written
    # after its name in lowercase words ending in an organisation noun, is where the title is held.
    tail = end
    while tail < len(rest) and tail - end < 2 and rest[tail].text[:1].islower() and rest[tail].pos_ in ("ADJ", "NOUN"):
        tail += 1
    if tail > end and tail == len(rest) and rest[tail - 1].lower_ in lexicon.ORGANISATION_NOUNS and name[-1].i == rest[end - 1].i:
        name, end = rest[i:tail], tail
    if not parent and any(is_title_word(t) or t.ent_type_ == "PERSON" for t in rest[end:]):
        return None  # another title or a person follows: the caller's rules for titles run together
    return name, the


def _names_an_institution(rest: list[Token]) -> bool:
    """"Rutgers University", "Ellis College" at the start of `rest`: capitalised words that end in an
    organisation noun and end the phrase, a second organisation (the one the first belongs to) even
    when the tagger runs both into one name ("the Center for Tides at Ellis University")."""
    end = 0
    while end < len(rest) and rest[end].text[:1].isupper():
        end += 1
    return 2 <= end == len(rest) and rest[end - 1].lower_ in lexicon.ORGANISATION_NOUNS


def _owner_describes(owner: Token) -> bool:
    """"Norway's Fjord Telecom", "the city's Harbour Board": a place or a common noun owning an
    organisation describes it; any other capitalised owner is the first word of its name
    ("the Parkinson's Action Network")."""
    return owner.text[:1].islower() or owner.ent_type_ in ("GPE", "LOC", "NORP") or owner.ent_type_ == "ORG" \
        and owner.ent_iob_ == "B" and owner.i + 2 < len(owner.doc) and owner.doc[owner.i + 2].ent_iob_ != "I"


def _title_tokens(role: Role, tokens: list[Token]) -> list[Token]:
    """The tokens of `tokens` that spell the role's title as written ("senior director" of "the senior
    director"; "president and chief executive", its "and" kept)."""
    words = role.title.split()
    for start in range(len(tokens)):
        if _joined(tokens[start:]) == role.title:
            return tokens[start:]
    first = next((k for k, t in enumerate(tokens) if words and t.text == words[0]), None)
    if first is not None and all(t.text in words or t.lower_ == "and" for t in tokens[first:]):
        return tokens[first:]
    return [t for t in tokens if t.text in words]


def _before_hyphen(token: Token) -> bool:
    """The first part of a hyphenated word ("co" of "co-host")."""
    return not token.whitespace_ and token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-"


def _capitalised_compound(token: Token) -> bool:
    """`token` (or the hyphen after it) joins two capitalised words with a hyphen, as in a name written
    in two parts ("Tidewell-Marsh"), not a description ("Oslo-based", "state-owned")."""
    doc = token.doc
    first = token.i - 1 if token.text == "-" else token.i
    if first < 0 or first + 2 >= len(doc) or doc[first + 1].text != "-" or doc[first].whitespace_ \
            or doc[first + 1].whitespace_:
        return False
    return doc[first].text[:1].isupper() and doc[first + 2].text[:1].isupper()


def _joined(tokens: list[Token]) -> str:
    """Words as written: a hyphenated title stays one word ("Vice-President")."""
    text = ""
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if following is not None and following.i == token.i + 1:
            text += token.text + (" " if token.whitespace_ else "")  # "Nabisco's" stays one word
        else:
            text += token.text + ("-" if _before_hyphen(token) else " ")
    return re.sub(r"-+", "-", text.replace("- ", "-")).strip()


def role_before_name(name: Span) -> Role | None:
    """"US Defense Secretary Mark Esper": the premodifiers of the name's head in its noun phrase."""
    root = name.root
    # Titles written as honorifics inside the name span ("Sen. Ana Ruiz") count as words before it.
    start = name.start
    # ("spokesperson Lu Kang": a lowercase title the tagger took into the name is one too.)
    while start < name.end - 1 and is_title_word(name.doc[start]) and (name.doc[start].text[:1].isupper()
                                                                       or start == name.start):
        start += 1
    left = [t for t in root.subtree if t.i < name.start] + list(name.doc[name.start:start])
    before = name.doc[name.start - 1] if name.start > 0 else None
    if before is not None and before not in left and is_title_word(before) and before.text[:1].isupper():
        left = sorted([*left, before], key=lambda t: t.i)  # "Col. Ana Ruiz" with "Col." parsed apart
    run = _run_before(left, start)
    # The parser sometimes hangs the title or part of it elsewhere ("screenwriter" read as a verb,
    # "University of Leeds at Bradford professor"): the words right in front of the name, under the
    # same rules, when they make a longer title.
    doc = name.doc
    near = _run_before(list(doc[max(0, name.start - 8):start]), start)
    role = role_from_tokens(near) if len(near) > len(run) else None
    # "an agenda a President Ruiz could pass": a bare title after "a" names an office the person might
    # hold, not one they hold.
    titled = near if len(near) > len(run) else run
    if titled and titled[0].i > 0 and doc[titled[0].i - 1].lower_ in ("a", "an") and root.dep_ != "compound" and all(
            is_title_word(t) and t.text[:1].isupper() or t.text == "." for t in titled):
        return None
    role = _without_credit(role if role is not None else role_from_tokens(run))
    return _with_seat_after(role, name)


def _with_seat_after(role: Role | None, name: Span) -> Role | None:
    """"Gov. Ana Ruiz of Ohio said": a capitalised title before the name and the place written right
    after it ("of" and a whole place name, then punctuation, the verb or a preposition) are one role,
    "Gov. of Ohio"; so are an elected lowercase title and its seat ("former governor Ana Ruiz of Ohio",
    titles in `data/elected_from.txt`)."""
    if role is None or role.organisation or name.end + 2 > len(name.doc):
        return role
    if not role.title[:1].isupper() and lexicon.full_title(role.title.split()[-1].lower()) not in lexicon.ELECTED_FROM:
        return _with_organisation_after(role, name)
    doc = name.doc
    if doc[name.end].lower_ == "of" and doc[name.end + 1].lower_ == "the":
        # ("Justice Ana Ruiz of the Harbour Supreme Court": a named organisation after "of the".)
        return _with_organisation_after(role, name)
    if doc[name.end].lower_ != "of" or doc[name.end + 1].ent_type_ != "GPE" or doc[name.end + 1].ent_iob_ != "B":
        return role
    end = name.end + 2
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    # ("Ruiz tapped Sen. Dan Moss of Ohio in a bid to …": a preposition after the place starts a new phrase.)
    if end < len(doc) and not (doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX")
                               or doc[end].pos_ == "ADP" and doc[end].lower_ != "of"):
        return role
    return Role(title=role.title, organisation=doc[name.end + 1:end].text, joiner="of")


def _with_organisation_after(role: Role, name: Span) -> Role:
    """"scholar Ana Ruiz at the University of Harbour", "economist Tom Bell of Ellis Bank": a lowercase
    title before the name and a named organisation right after it ("at" or "of", the whole name, then
    punctuation, the verb or the end) are one role, "scholar at the University of Harbour"."""
    doc = name.doc
    preposition = doc[name.end]
    if preposition.lower_ not in ("at", "of"):
        return role
    i = name.end + 1
    the = doc[i].lower_ == "the"
    if the and doc[i].ent_iob_ != "B" and i + 1 < len(doc):
        i += 1  # ("the" may stand before the entity or begin it)
    if doc[i].ent_type_ != "ORG" or doc[i].ent_iob_ != "B":
        return role
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    start = name.end + 2 if the else name.end + 1
    # ("… of the Harbour Police on Monday": a preposition after the name starts a new phrase.)
    if end < len(doc) and not (doc[end].is_punct or doc[end].pos_ in ("VERB", "AUX")
                               or doc[end].pos_ == "ADP" and doc[end].lower_ not in ("of", "at")):
        return role
    joiner = preposition.lower_ + (" the" if the else "")
    return Role(title=role.title, organisation=doc[start:end].text, joiner=joiner)


# Last words of news outlets' and photo agencies' names, and offices no outlet holds: "The Harbour
# Press Prime Minister Ana Ruiz" (a photo credit run into a caption) is a prime minister, not the press's.
_OUTLET_WORDS = frozenset({"press", "news", "times", "post", "herald", "tribune", "journal", "gazette", "images",
                           "photo", "photos", "agency"})
_PUBLIC_OFFICES = frozenset({"president", "minister", "premier", "chancellor", "governor", "mayor", "senator",
                             "king", "queen", "sultan", "emperor", "pope", "sen.", "gov.", "pres."})


def _without_credit(role: Role | None) -> Role | None:
    if role is None or not role.organisation or role.joiner is not None:
        return role
    if role.organisation.split()[-1].lower() in _OUTLET_WORDS and role.title.split()[-1].lower() in _PUBLIC_OFFICES:
        return Role(title=role.title)
    return role


def _run_before(left: list[Token], start: int) -> list[Token]:
    """The run of title words directly in front of token `start`, read from right to left."""
    # Only the words directly in front of the name (no intervening clause material).
    run: list[Token] = []
    opening = None  # inside a quoted name before a title ("“Daily Show” host"): where it opens
    for token in reversed(left):
        if token.i != (run[-1].i - 1 if run else start - 1) or token.ent_type_ in _NOT_TITLE_ENTITIES \
                and not (run and _year_of_title(token)):
            break
        if opening is not None:
            run.append(token)
            if token.i == opening:
                opening = None
            continue
        if token.text in ("\u201d", '"') and run and token.i >= 2:
            doc = token.doc
            opening = next((j for j in range(token.i - 1, max(-1, token.i - 6), -1) if doc[j].text in ("\u201c", '"')), None)
            if opening is not None and opening < token.i - 1 and all(t.text[:1].isupper() for t in doc[opening + 1:token.i]):
                run.append(token)
                continue
            opening = None
        hyphen = token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_
        # "Col ." tokenised apart: the full stop of an abbreviated title is part of it.
        previous = token.doc[token.i - 1] if token.i > 0 else token
        stop = token.text == "." and not previous.whitespace_ and is_title_word(previous) \
            and previous.text[:1].isupper() and len(previous) <= 4
        if token.is_space or "\n" in token.whitespace_ or token.is_punct and token.text not in ("'s", "’s") \
                and not hyphen and not stop and not (run and _possessive_mark(token)):
            break
        # A title is capitalised words and role nouns ("BMO Research analyst"); other lowercase words
        # belong to the sentence ("after a long recovery British Finance Minister …").
        # Lowercase words belong to the title when glued to it ("co-host") or when an adjective
        # describes a lowercase role noun ("presidential candidate", "senior director"; the parser may call
        # the describing noun a modifier or a conjunct: "vice presidential candidate", "billionaire and
        # climate activist" -> "climate activist"; a word that describes the person, "billionaire", is none).
        glued = not token.whitespace_ and run and run[-1].text == "-"
        # "Secretary of State Ana Ruiz", "University of Leeds at Bradford professor …".
        # ("Under Secretary of State for Maritime Affairs Ana Ruiz": a capitalised portfolio after "for".)
        joining = token.lower_ in ("of", "at", "the", "for") and bool(run) and token.i > 0 \
            and (run[-1].text[:1].isupper() or run[-1].lower_ == "the" and token.lower_ not in ("the", "for")) \
            and (token.doc[token.i - 1].text[:1].isupper() and (token.lower_ != "for" or is_title_word(token.doc[token.i - 1])
                                                                 or token.doc[token.i - 1].ent_type_ in _ORG_LABELS)
                 or token.lower_ == "the" and token.doc[token.i - 1].lower_ == "of")
        # An adjective the tagger calls a verb ("presumptive", "acting") describes the role all the same.
        # ("New York-based": a place glued to a participle is where, not what, the role is.)
        # A participle ("scheduled", "expected") says when or whether, not what, the role is.
        adjective = token.pos_ == "ADJ" or token.pos_ == "VERB" and token.dep_ == "amod" \
            and token.tag_ not in ("VBN", "VBG", "VBD") and not (token.i > 0 and token.doc[token.i - 1].text == "-") \
            or _hyphenated_participle(token)
        # ("vice presidential nominee Sen. Ana Ruiz": the lowercase title before an abbreviated one written
        # against the name is read as if alone.)
        lowercase = run[1:] if run and abbreviated_title(run[0]) and run[0].text[:1].isupper() else run
        describing = (adjective or token.pos_ in ("NOUN", "PROPN")) and (token.dep_ in ("amod", "compound") or token.dep_ in (
            "nmod", "conj") and token.lower_ not in lexicon.NOT_PEOPLE["description"]) \
            and bool(lowercase) and (
                all(t.text[:1].islower() for t in lowercase) and any(is_title_word(t) for t in lowercase)
                # "presumptive Democratic presidential nominee": an adjective of the role noun itself
                or token.dep_ == "amod" and adjective and is_title_word(token.head) and token.head in run)
        # "secretary of state Ana Ruiz", "chief of staff Ana Ruiz": a lowercase title with its portfolio.
        doc = token.doc
        portfolio = not run and token.pos_ in ("NOUN", "PROPN") and token.text[:1].islower() and token.i >= 2 \
            and doc[token.i - 1].lower_ == "of" and is_title_word(doc[token.i - 2]) \
            or token.lower_ == "of" and len(run) == 1 and run[0].text[:1].islower() and token.i >= 1 \
            and is_title_word(doc[token.i - 1])
        # ("Tulsa police Chief Ana Ruiz": the organisation the capitalised title is held at.)
        institution = _placed_institution(token) and len(run) == 1 and run[0].text[:1].isupper() and is_title_word(run[0])
        if token.text[:1].islower() and not is_title_word(token) and token.tag_ != "POS" and not glued \
                and not describing and not joining and not portfolio and not institution \
                and not (token.lower_ in lexicon.JURISDICTIONS and run and any(is_title_word(t) for t in run)) \
                and token.lower_ not in ("former", *_KEPT_MODIFIERS):
            break
        run.append(token)
    return list(reversed(run))


def abbreviated_title(token: Token) -> bool:
    """"Rep.", "Sen.", "Col ." (its full stop tokenised apart): a title word written as an abbreviation."""
    doc = token.doc
    return is_title_word(token) and token.text[:1].isupper() and (token.text.endswith(".") or not token.whitespace_
                                                                  and token.i + 1 < len(doc) and doc[token.i + 1].text == ".")


def _year_of_title(token: Token) -> bool:
    """"the party's 2000 presidential nominee": a year written right before a lowercase title says which
    race the title is of, and is part of it (an age or "this year's" is not)."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.text.isdigit() and len(token.text) == 4 and token.text[:2] in ("19", "20") and following is not None \
        and following.text[:1].islower() and following.pos_ in ("ADJ", "NOUN") and following.tag_ != "POS"


def _possessive_mark(token: Token) -> bool:
    """The apostrophe of a plural or s-final possessive ("Harbour News’ editor"), which the tagger may
    call a quotation mark."""
    doc = token.doc
    return token.text in ("'", "\u2019") and token.i > 0 and not doc[token.i - 1].whitespace_ \
        and doc[token.i - 1].lower_.endswith("s") and doc[token.i - 1].is_alpha and bool(token.whitespace_)


def _starts_sentence(token: Token) -> bool:
    """The first word of a sentence or a line (capitalised for that alone)."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.is_sent_start or before is None or before.is_space and "\n" in before.text \
        or before.text in (".", "!", "?", "\u201c", '"')


def _hyphenated_participle(token: Token) -> bool:
    """"best-selling author", "award-winning actress", "tea-party backed candidate": a participle glued to
    the word before it by a hyphen, or after a hyphenated word, describes the role noun after it ("New
    York-based" says where, not what, the role is)."""
    doc = token.doc
    if token.tag_ not in ("VBG", "VBN") or token.lower_ == "based" or token.i < 3:
        return False
    # ("tea-party backed candidate": the participle after a hyphenated word.)
    k = token.i - 1 if doc[token.i - 1].text == "-" else token.i - 2 if doc[token.i - 1].is_alpha \
        and doc[token.i - 1].whitespace_ == " " else -1
    return k >= 1 and doc[k].text == "-" and not doc[k].whitespace_ and not doc[k - 1].whitespace_ \
        and doc[k - 1].is_alpha


def role_in_apposition(name: Span) -> Role | None:
    """"Dan Sayers, the president of Harbour Analytics": a role noun in apposition to the name; and
    "the union's president, Maria Lopez,": the name in apposition to the role noun."""
    doc = name.doc
    for child in name.root.children:
        if child.dep_ == "appos" and child.i >= name.end and is_title_word(child):
            # "a former party chairman and presidential candidate": each title is a role of its own
            # (`coordinated_roles`), not one garbled title.
            clauses = {t.i for c in child.subtree if c.dep_ in ("relcl", "acl") for t in c.subtree} | {
                t.i for c in child.children if c.dep_ in ("conj", "cc") and c.i > child.i and _separate_titles(child)
                for t in c.subtree}
            tokens = [t for t in child.subtree if t.i not in clauses and t.i >= name.end]
            if not tokens or any(t.ent_type_ == "PERSON" for t in doc[name.end:tokens[0].i]):
                return None  # the apposition belongs to a person named in between
            if child.i + 1 < len(doc) and doc[child.i + 1].ent_iob_ == "B" and doc[child.i + 1].ent_type_ == "PERSON":
                return None  # "…, senior correspondent Eli Stokes, senior editor Cal Marsh and …": the next one's title
            if tokens[0].lower_ in ("not", "nor") or tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ in ("not", "nor"):
                return None  # "no mayor, not Ana Ruiz, not the greatest mayor …": what the person is not
            # "the co-founder of …": a hyphenated title the parse split keeps its first half.
            while tokens[0].i >= name.end + 2 and doc[tokens[0].i - 1].text == "-" \
                    and not doc[tokens[0].i - 1].whitespace_ and not doc[tokens[0].i - 2].whitespace_:
                tokens = [doc[tokens[0].i - 2], doc[tokens[0].i - 1], *tokens]
            # "founder of Correct the Record —": an organisation the parse cut short goes to its end.
            last = entity_of(tokens[-1])
            if last is not None and last.label_ in _ORG_LABELS and last.end - 1 > tokens[-1].i:
                tokens += [t for t in doc[tokens[-1].i + 1:last.end] if t.i not in clauses]
            after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
            mark = next((t for t in tokens if _owned_show(t) is not None), None)
            if mark is not None:
                # "Dan Moss, host of WXYZ's “Morning Dan,”": the show the organisation owns is where the
                # title is held, written in quotation marks after the owner.
                role = role_from_tokens([t for t in tokens if t.i <= mark.i])
                if role is None or not role.organisation:
                    return role
                return Role(title=role.title, organisation=f"{role.organisation}{mark.text} {_owned_show(mark)}", joiner="of")
            if after is not None and organisation_tail(after):  # "President of CNN Worldwide" parsed apart
                tokens.append(after)
                after = doc[after.i + 1] if after.i + 1 < len(doc) else None
            # ("Tom Bell, Ruiz's campaign manager was asked": the verb is the name's, the closing comma
            # left out.)
            own_verb = after is not None and name.root.dep_ in ("nsubj", "nsubjpass") and (
                after.i == name.root.head.i or after.head.i == name.root.head.i and after.dep_ in ("aux", "auxpass"))
            if after is not None and not (after.is_punct or after.is_space) and tokens[-1].i + 1 not in clauses \
                    and not own_verb:
                return None  # "…, the candidate stated": the subject of a verb, not an apposition
            return role_from_tokens(tokens)
    head = name.root.head
    # "The mayor of Hull, Dan Price,": the parse can hang the name on the title's object, a proper name
    # no one renames with a person's; the name is the title's. ("the president of the advocacy group,
    # Citizens United" renames the group.)
    if name.root.dep_ == "appos" and head.dep_ == "pobj" and head.pos_ == "PROPN" and head.head.dep_ == "prep" \
            and not is_title_word(head) \
            and is_title_word(head.head.head) and head.head.head.pos_ == "NOUN" and head.i < name.start:
        head = head.head.head
    # ("her running mate, Ohio Sen. Tom Bell": the name's own title, written in front of it, is passed over
    # when the title set off before it says whose the person is; "another Ohio lawmaker, Sen. Tom Bell"
    # sorts the senator into a kind.)
    own = name.start
    while own > 0 and (doc[own - 1].text[:1].isupper() and (is_title_word(doc[own - 1]) or doc[own - 1].ent_type_ == "GPE")
                       or doc[own - 1].text == "." and own >= 2 and is_title_word(doc[own - 2])):
        own -= 1
    # ("the vice presidential nominee, Ohio Gov. Tom Bell": "the" makes the title set off the person's too.)
    if own < name.start and not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        own = name.start
    if name.root.dep_ == "appos" and head.i < own and is_title_word(head) and head.pos_ in ("NOUN", "PROPN"):
        if head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() != head.lower_:
            # "The Republican senators running for governor -- Tom Bell of Ohio, …": a plural title names
            # the group the listed people belong to, no one's role (nor is a title inside its clause).
            return None
        inside = {t.i for t in head.subtree}
        tokens = []
        i = own - 1
        if i >= 0 and (doc[i].text == "," or doc[i].text in ("--", "\u2014", "\u2013") and doc[i].whitespace_):
            i -= 1  # "the union's president, Maria Lopez", "a former party candidate -- Tom Bell"
        while i >= 0 and i in inside and not doc[i].is_space and not (doc[i].is_punct and doc[i].tag_ != "POS") \
                and doc[i].dep_ not in ("npadvmod",):
            tokens.insert(0, doc[i])
            i -= 1
        if tokens and i >= 0 and doc[i].text == "-" and not doc[i].whitespace_:
            tokens.pop(0)  # the second half of a hyphenated word whose first half is left out ("far-right")
        if tokens and _listed_after_a_title(tokens[0]):
            return None
        return role_from_tokens(tokens)
    # "A former party candidate -- Tom Bell, who …": a title set off by a dash right before the name,
    # whatever the parse hangs them on.
    dash = doc[own - 1] if own >= 2 else None
    before = doc[own - 2] if own >= 2 else None
    if dash is not None and before is not None and dash.text in ("--", "\u2014", "\u2013") and dash.whitespace_ \
            and is_title_word(before) and before.pos_ == "NOUN" and before.tag_ not in ("NNS", "NNPS"):
        tokens = [t for t in before.subtree if t.i <= before.i and not t.is_space]
        tokens = tokens[next((k for k in range(len(tokens) - 1, -1, -1) if tokens[k].is_punct), -1) + 1:]
        return role_from_tokens(tokens)
    # "X, who is the president of Y" is left for later work: too often a different person.
    return None


def _listed_after_a_title(first: Token) -> bool:
    """"the president, the vice president, Tom Bell, we were …": a definite title after another one and a
    comma is an item of a list, as the name after it is; the title is not the name's."""
    doc = first.doc
    if first.lower_ != "the" or first.i < 3 or doc[first.i - 1].text != ",":
        return False
    before = doc[first.i - 2]
    k = before.i
    while k > 0 and doc[k - 1].text not in (",", ";") and not doc[k - 1].is_space and before.i - k < 4:
        k -= 1
    return is_title_word(before) and before.pos_ == "NOUN" and doc[k].lower_ == "the"


_OPENING_QUOTES = ("\u201c", '"')
_CLOSING_QUOTES = ("\u201d", '"')


def _owned_show(mark: Token) -> str | None:
    """"WXYZ's “Morning Dan”": the quoted name of a show right after an organisation's possessive mark
    (its capitalised words, as written with their marks); None when no such name follows."""
    doc = mark.doc
    if mark.tag_ != "POS" and mark.lower_ not in ("'s", "\u2019s") or mark.i + 2 >= len(doc) \
            or doc[mark.i + 1].text not in _OPENING_QUOTES or mark.i == 0 or doc[mark.i - 1].pos_ != "PROPN":
        return None
    for end in range(mark.i + 3, min(len(doc), mark.i + 10)):
        if doc[end].text in _CLOSING_QUOTES:
            words = [t for t in doc[mark.i + 2:end] if t.text != ","]
            if words and words[0].text[:1].isupper() and all(t.text[:1].isupper() or t.lower_ in _INNER for t in words):
                return doc[mark.i + 1].text + " ".join(doc[words[0].i:words[-1].i + 1].text.split()) + doc[end].text
            return None
    return None


def organisation_tail(token: Token) -> bool:
    """"CNN Worldwide" with "Worldwide" tagged apart (even as a person): a capitalised word, no known
    first name, written right after a capitalised word of an organisation, is that organisation's last word."""
    if token.i == 0 or not token.text[:1].isupper() or token.lower_ in lexicon.KNOWN_FIRST_NAMES \
            or token.ent_iob_ == "I":
        return False
    before = token.doc[token.i - 1]
    return before.ent_type_ == "ORG" and before.whitespace_ == " " and before.text[:1].isupper() \
        and not is_title_word(before) and not is_title_word(token)


def _without_clauses(head: Token) -> list[Token]:
    """The title's phrase without its clauses anywhere inside ("… who once backed Sen. Ted Crane") and
    without what is coordinated with the title itself."""
    inside = {t.i for d in head.subtree if d.dep_ in ("relcl", "acl") for t in d.subtree}
    inside |= {t.i for c in head.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in inside]
    doc = head.doc
    # "co-founder" split by the parse: the first half of the hyphenated title is kept.
    while tokens and tokens[0].i >= 2 and doc[tokens[0].i - 1].text == "-" and not doc[tokens[0].i - 1].whitespace_ \
            and not doc[tokens[0].i - 2].whitespace_ and doc[tokens[0].i - 2].is_alpha:
        tokens = [doc[tokens[0].i - 2], doc[tokens[0].i - 1], *tokens]
    return tokens


def copular_roles(name: Span) -> list[Role]:
    """"Gina Hale is founder of HarbourWatch.org.", "Tom Bell, who is chairman of Keep Faith PAC,", "…, a
    civil rights activist who hosts a show and is president of the Harbour Action Network": a bare title
    (no "the", "a" or owner) held at a named organisation, given with "is" or "was" of the name itself or
    of its relative clause. The bare title is how an office held is written; "X is the founder of Y",
    "X is the better candidate" or "the next president" judge or foresee, and stay unread."""
    root = name.root
    verbs: list[Token] = []
    if root.dep_ == "nsubj" and root.head.i > root.i:
        verbs.append(root.head)
    for clause in root.children:
        if clause.dep_ == "relcl" and clause.i > root.i and any(
                c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in clause.children):
            verbs += [clause, *(c for c in clause.children if c.dep_ == "conj" and c.i > clause.i)]
    # ("Tom Bell, a civil rights activist who … and is president of …": the clause of the apposition.)
    for child in root.children:
        if child.dep_ == "appos" and child.i >= name.end and is_title_word(child):
            for clause in child.children:
                if clause.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in clause.children):
                    verbs += [c for c in clause.children if c.dep_ == "conj" and c.i > clause.i]
    roles = []
    for verb in verbs:
        if verb.lemma_ != "be" or verb.tag_ not in ("VBZ", "VBD") \
                or any(c.dep_ in ("neg", "mark", "aux", "expl") for c in verb.children) or verb.dep_ in ("advcl", "csubj"):
            continue  # "if Ruiz is president of …", "Ruiz would be …", "Ruiz is not …"
        bio = _bio_line(verb)
        attrs = [a for a in verb.children if a.dep_ == "attr" and a.i > verb.i]
        if bio:  # "… is the columnist for the Harbour Times and senior analyst for Ellis Radio."
            attrs += [c for a in attrs for c in a.children if c.dep_ == "conj" and c.i > a.i]
        for attr in attrs:
            if not is_title_word(attr) or attr.tag_ in ("NNS", "NNPS") \
                    or any((t.dep_ in ("det", "poss", "nummod", "predet") or t.tag_ == "POS")
                           and not (bio and t.dep_ == "det" and t.lower_ in ("the", "a", "an"))
                           or (bio and t.tag_ in ("JJS", "JJR", "RBS"))
                           for t in [*attr.doc[verb.i + 1:attr.i], *attr.subtree] if t.i < attr.i):
                continue  # (also "Ruiz was the co-founder of …": the parse may hang "the" on "co")
            held_at = [c for c in attr.children if c.dep_ == "prep" and c.i > attr.i
                       and (c.lower_ in ("of", "at") or bio and c.lower_ == "for")
                       and any(o.dep_ == "pobj" and (o.pos_ == "PROPN" or o.ent_type_ in _ORG_LABELS) for o in c.children)]
            if not held_at:
                continue
            tokens = [t for t in _without_clauses(attr) if t.i >= attr.left_edge.i]
            if bio:
                tokens, second = _second_title(tokens)
                if second:
                    role = role_from_tokens(second)
                    if role is not None and role.organisation:
                        roles.append(role)
            # "…, who is chairman of Our Values Pac said …": with no comma to close the clause, the parse
            # takes the organisation's last word as the verb's subject; the name goes on to the entity's end.
            doc = attr.doc
            while tokens and tokens[-1].i + 1 < len(doc) and tokens[-1].ent_type_ in _ORG_LABELS \
                    and doc[tokens[-1].i + 1].ent_iob_ == "I":
                tokens.append(doc[tokens[-1].i + 1])
            role = role_from_tokens(tokens)
            if role is not None and role.organisation:
                roles.append(role)
    return roles


def _second_title(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """"the columnist for Harbour News and senior analyst for Ellis Radio": the parse may hang the
    second title on the first one's organisation; an "and" followed by a title (after adjectives) parts them."""
    for k, token in enumerate(tokens):
        if token.lower_ != "and" or k == 0:
            continue
        after = tokens[k + 1:]
        words = [t for t in after[:3] if t.pos_ != "ADJ"]
        if words and is_title_word(words[0]) and words[0].pos_ == "NOUN" and words[0].tag_ == "NN":
            return tokens[:k], after
    return tokens, []


def _bio_line(verb: Token) -> bool:
    """"Ann Wells is the gun policy columnist for the Harbour Times.": the line at an article's foot
    that says who its writer or subject is, a sentence in the present tense whose subject is a name, a
    paragraph of its own or the opening of the last one. There the title keeps "the" or "a" and an organisation after "for": it is the office held."""
    sent = verb.sent
    doc = verb.doc
    if verb.tag_ != "VBZ" or verb != sent.root:
        return False
    before = doc.text[:sent.start_char].rstrip(" ")
    after = doc.text[sent.end_char:].lstrip(" ")
    # (The last paragraph may go on: "… for Ellis Radio. Follow him on Twitter: @wells.")
    return before.endswith("\n") and (not after or after.startswith("\n") or "\n" not in after.rstrip())


def fronted_role(name: Span) -> Role | None:
    """"As governor of Ohio in 1983, Dan Moss signed it": a title the sentence opens with after "as" is the
    role of the clause's subject, when the name is that subject."""
    root = name.root
    if root.dep_ not in ("nsubj", "nsubjpass") or any(c.tag_ == "MD" for c in root.head.children):
        return None  # ("As president, Ana Ruiz would cut taxes": an office hoped for)
    doc = name.doc
    for prep in root.head.children:
        if prep.dep_ != "prep" or prep.lower_ != "as" or prep.i > root.i \
                or not (prep.is_sent_start or prep.i == 0 or doc[prep.i - 1].is_space or doc[prep.i - 1].text in ("\u201c", '"')):
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and is_title_word(noun) and noun.tag_ not in ("NNS", "NNPS") \
                    and not any(t.ent_type_ == "PERSON" for t in noun.subtree):
                return role_from_tokens([t for t in _without_clauses(noun) if t.i > prep.i])
    return None


def set_off_role(name: Span) -> Role | None:
    """"a letter from the secretary of the Interior, Jan Dorn, warned that …", "the policies of the Green nominee,
    Dan Moss, which …": a definite title set off by a comma right before the name, the name closed by a
    comma, is the name's role when the parser did not make it an apposition. Not in a list of titles
    ("the mayor, the deputy mayor, Tom Bell,"), nor a plural or a title with a person in it."""
    doc = name.doc
    if name.start < 3 or doc[name.start - 1].text != "," or name.end >= len(doc) or doc[name.end].text != ",":
        return None
    comma = name.start - 1
    start = comma - 1
    while start > max(0, comma - 9) and not doc[start - 1].is_punct and not doc[start - 1].is_space:
        start -= 1
    # The title word, and after it only its organisation ("secretary of the Interior").
    last = next((t for t in doc[start:comma] if is_title_word(t) and (t.text[:1].islower() or t.i == comma - 1)
                 and all(u.lower_ in ("of", "the") or u.text[:1].isupper() for u in doc[t.i + 1:comma])), None)
    the = next((i for i in range(last.i - 1, start - 1, -1) if doc[i].lower_ == "the"), None) if last is not None else None
    if last is None or the is None:
        return None
    words = list(doc[the:comma])
    if last.tag_ in ("NNS", "NNPS") or any(t.ent_type_ == "PERSON" for t in words) \
            or the > 1 and doc[the - 1].text == "," and is_title_word(doc[the - 2]):
        return None
    return role_from_tokens(words)


def _separate_titles(head: Token) -> bool:
    """Two titles coordinated each on its own ("party chairman and presidential candidate"), not two
    titles of one organisation ("president and chief executive of Harbour Capital": one role)."""
    conjuncts = [c for c in head.children if c.dep_ == "conj"]
    # "(Fox News Chairman and CEO)": capitalised titles after one organisation are one role of it.
    shared = any(c.dep_ == "compound" and c.i < head.i and c.ent_type_ in ("ORG",) for c in head.children) \
        and head.text[:1].isupper() and all(c.text[:1].isupper() for c in conjuncts)
    if conjuncts and any(c.dep_ == "prep" and c.i < conjuncts[0].i for c in head.children):
        return True  # "the governor of Ohio and mayor of Dayton": the first title has its own organisation
    return bool(conjuncts) and not shared and not any(c.dep_ == "prep" for conj in conjuncts for c in conj.children) \
        and not any(c.dep_ == "prep" and c.i > conjuncts[0].i for c in head.children)


def coordinated_roles(name: Span) -> list[Role]:
    """The second title of two coordinated in apposition ("Tom Bell, a former party chairman and
    presidential candidate,") and the first of two before the name ("writer and director Ana Ruiz")."""
    doc = name.doc
    roles = []
    for child in name.root.children:
        # ("Jo Lee, a Democrat and former Ohio state senator,": a party member, tagged a group, likewise.)
        if child.dep_ == "appos" and child.i >= name.end and not is_title_word(child) and (
                child.pos_ == "NOUN" or child.pos_ == "PROPN" and child.ent_type_ == "NORP" and len(list(child.lefts)) <= 1):
            # "Rob Merton, the party's mega-donor and co-founder of Harbour Capital,": a title coordinated
            # with a description that is no title.
            for conj in child.children:
                if conj.dep_ == "conj" and conj.i > child.i and is_title_word(conj) and conj.tag_ not in ("NNS", "NNPS") \
                        and not any(t.ent_type_ == "PERSON" for t in doc[child.i:conj.i]):
                    role = role_from_tokens(_without_clauses(conj))
                    if role is not None:
                        roles.append(role)
        if child.dep_ == "appos" and child.i >= name.end and is_title_word(child):
            # "Kay Conroy, the pollster who is also president of Keep Faith PAC,": a title the relative
            # clause of the apposition gives with "is" is the person's too.
            for clause in child.children:
                if clause.dep_ == "relcl" and clause.lemma_ == "be" and clause.i > child.i and any(
                        c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in clause.children):
                    for attr in clause.children:
                        # ("…, the investor who was an early backer of …": "a" or "an" describes, as in
                        # `copular_roles`; "who is also president of" holds an office.)
                        if attr.dep_ == "attr" and is_title_word(attr) and attr.tag_ not in ("NNS", "NNPS") \
                                and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in attr.children):
                            role = role_from_tokens(_without_clauses(attr))
                            if role is not None:
                                roles.append(role)
            # "Will Yang, a mechanic based in Leeds, and an organizer at Rail Workers United,": a second
            # title after ", and", which the parse hangs from the first one's phrase.
            for conj in child.subtree:
                edge = conj.left_edge.i
                # ("Dan Ruiz, a doctor from Ohio and longtime Green Party activist,": with no comma, when the
                # parse coordinates the title with a proper name, which no title is.)
                if conj.dep_ == "conj" and conj.head.i != child.i and conj.i > child.i and is_title_word(conj) \
                        and conj.tag_ not in ("NNS", "NNPS") and edge >= 2 and doc[edge - 1].lower_ == "and" \
                        and (doc[edge - 2].text == "," or conj.head.pos_ == "PROPN" and conj.pos_ == "NOUN") \
                        and not any(t.ent_type_ == "PERSON" for t in doc[child.i:edge]):
                    role = role_from_tokens(_without_clauses(conj))
                    if role is not None:
                        roles.append(role)
            for conj in child.children if _separate_titles(child) else ():
                if conj.dep_ == "conj" and conj.i > child.i and is_title_word(conj) and conj.tag_ not in ("NNS", "NNPS"):
                    tokens = [t for t in conj.subtree if t.dep_ not in ("relcl", "acl") and t.i >= conj.left_edge.i]
                    inside = {t.i for c in conj.children if c.dep_ in ("relcl", "acl", "conj", "cc") for t in c.subtree}
                    role = role_from_tokens([t for t in tokens if t.i not in inside])
                    if role is not None:
                        roles.append(role)
    # "writer and director Ana Ruiz": the title before "and", when the one after it is against the name.
    start = name.start
    while start < name.end - 1 and is_title_word(doc[start]) and doc[start].text[:1].isupper():
        start += 1
    run = _run_before(list(doc[max(0, name.start - 8):start]), start)
    k = run[0].i - 1 if run else -1
    if run and k >= 1 and doc[k].lower_ == "and" and is_title_word(doc[k - 1]) and doc[k - 1].tag_ not in ("NNS", "NNPS") \
            and (doc[k - 1].text[:1].islower() == run[-1].text[:1].islower() or doc[k - 1].is_upper
                 or _starts_sentence(doc[k - 1])  # ("Filmmaker and author …": capitalised as the sentence's first word)
                 or abbreviated_title(doc[k - 1])):  # ("former Ohio Gov. and vice presidential candidate …")
        role = role_from_tokens(_run_before(list(doc[max(0, k - 8):k]), k))
        if role is not None:
            roles.append(role)
    # "former House speaker and Ohioan Ana Ruiz", "presidential candidate and proud progressive Ana Ruiz": a
    # title coordinated with what describes the person (where they are from, lowercase words that are no
    # title), against the name, is the person's.
    k = name.start - 1
    while k >= name.start - 3 and k >= 0 and not is_title_word(doc[k]) and (
            doc[k].ent_type_ == "NORP" and doc[k].pos_ == "PROPN" or doc[k].is_lower and doc[k].pos_ in ("ADJ", "NOUN")):
        k -= 1
    if k < name.start - 1 and k >= 1 and doc[k].lower_ == "and" and all(t.i >= k for t in run) \
            and is_title_word(doc[k - 1]) and doc[k - 1].tag_ not in ("NNS", "NNPS"):
        role = role_from_tokens(_run_before(list(doc[max(0, k - 8):k]), k))
        if role is not None:
            roles.append(role)
    # "Republican presidential candidate Sen. Ana Ruiz": the lowercase title before the one written
    # against the name is a role of its own (`role_from_tokens` keeps only the one against the name).
    last = run[-2] if len(run) >= 2 and run[-1].text == "." else run[-1] if run else None
    if last is not None and not is_title_word(last):  # "… candidate Secretary of State": its title word
        last = next((t for t in reversed(run) if is_title_word(t) and t.text[:1].isupper()), last)
    lower = [j for j, t in enumerate(run) if last is not None and t.i < last.i and is_title_word(t)
             and t.text[:1].islower() and t.tag_ not in ("NNS", "NNPS")]
    # ("Committee Chairman Rep. Ana Ruiz": a capitalised title before an abbreviated one, too.)
    if not lower and last is not None and abbreviated_title(last) and any(
            t.i < last.i and is_title_word(t) and not abbreviated_title(t) and t.tag_ not in ("NNS", "NNPS") for t in run):
        role = role_from_tokens([t for t in run if t.i < last.i])  # "Speaker of the Assembly Rep."
        if role is not None:
            roles.append(role)
    elif last is not None and lower and last.text[:1].isupper() and is_title_word(last):
        role = role_from_tokens(run[:lower[-1] + 1])
        if role is not None:
            roles.append(role)
    return roles


def respective_roles(name: Span) -> list[Role] | None:
    """"Tom Bell and Dan Moss — a businessman and a diplomat, respectively —": coordinated names and as many
    coordinated titles in apposition, then "respectively", pair up in order; the name's own title (none when
    it is no title), or None when the sentence is not of that shape."""
    first = name.root
    while first.dep_ == "conj" and first.head.ent_type_ == "PERSON":
        first = first.head
    names = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.ent_type_ == "PERSON" and t.i > first.i
                      and t.head.ent_type_ == "PERSON")]
    # (The parse hangs the titles on the first name or on the last.)
    appositions = [c for n in names for c in n.children if c.dep_ == "appos" and c.i > names[-1].i]
    if len(names) < 2 or len(appositions) != 1:
        return None
    # ("a businessman and an ex-diplomat": the parse may hang the second title as an apposition of the first.)
    titles = [appositions[0], *(t for t in appositions[0].subtree if t.dep_ in ("conj", "appos") and t.i > appositions[0].i
                                and (is_title_word(t) or t.pos_ == "NOUN"))]
    end = max(t.i for title in titles for t in title.subtree)
    doc = name.doc
    if not any(t.lower_ == "respectively" for t in doc[end + 1:min(len(doc), end + 4)]) or len(titles) != len(names) \
            or name.root not in names:
        return None
    role = role_from_tokens(_without_clauses(titles[names.index(name.root)])) \
        if is_title_word(titles[names.index(name.root)]) else None
    return [role] if role is not None else []


def noun_phrase(head: Token) -> list[Token]:
    """The speaker's noun phrase as written, without relative clauses, appositions or conjuncts."""
    skip = {"relcl", "acl", "appos", "punct", "cc", "conj", "advmod", "prep"} if head.pos_ == "PROPN" else \
        {"relcl", "acl", "appos", "punct", "cc", "conj", "advmod"}
    tokens = [head]
    for child in head.children:
        # A hyphen inside a word ("39-year-old") is no phrase boundary.
        if child.dep_ in skip and not (child.text == "-" and not child.whitespace_ and child.i > 0
                                        and not child.doc[child.i - 1].whitespace_):
            continue
        tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    # Contiguous around the head, cut at commas, line breaks and spaced dashes ("LONDON - Prime
    # Minister …": a dateline is no part of the name); no possessive ending.
    keep = [t for t in tokens if t.text not in (",", "(", ")") and not t.is_space and not _spaced_dash(t)
            and not (t.tag_ == "POS" and t.i > head.i)]
    index = keep.index(head)
    start = index
    while start > 0 and keep[start - 1].i == keep[start].i - 1:
        start -= 1
    end = index
    while end + 1 < len(keep) and keep[end + 1].i == keep[end].i + 1:
        end += 1
    phrase = keep[start:end + 1]
    # ("The vice-president said": the parse can leave the glued "vice-" out of the head's phrase.)
    doc = head.doc
    while phrase[0].i >= 2 and doc[phrase[0].i - 1].text == "-" and not doc[phrase[0].i - 1].whitespace_ \
            and not doc[phrase[0].i - 2].whitespace_ and doc[phrase[0].i - 2].is_alpha:
        phrase = [doc[phrase[0].i - 2], doc[phrase[0].i - 1], *phrase]
    return phrase


def _spaced_dash(token: Token) -> bool:
    return token.text in ("-", "--", "\u2013", "\u2014") and bool(token.whitespace_) and token.i > 0 \
        and bool(token.doc[token.i - 1].whitespace_)


# A name glued to the word before it by a dash or a full stop with no space ("Monday.--Kim Lee").
_GLUED = re.compile(r"(?:-{2,}|[\u2013\u2014]|\.)(?=[A-Z][a-z])")


def proper_name(span: Span) -> str:
    """The name in a PERSON span, from its first capitalised word ("j'accusing Davis" -> "Davis"); a
    first word glued to the one before it is cut off it ("injured.--Kevin Ortiz" -> "Kevin Ortiz")."""
    words = list(span)
    if span.start > 0 and len(_GLUED.split(span.doc[span.start - 1].text)) > 1:
        words = [span.doc[span.start - 1], *words]
    glued = ""
    while words:
        parts = _GLUED.split(words[0].text)
        if len(parts) > 1 and parts[-1][:1].isupper():
            glued = parts[-1]
            words = words[1:]
            break
        # "Follow Ana Ruiz on Twitter": a verb in front of the name is no part of it.
        if words[0].text[:1].isupper() and not (words[0].pos_ == "VERB" and len(words) > 2):
            break
        words = words[1:]
    name = clean_name(words)
    name = f"{glued} {name}".strip() if glued and name else glued or name
    # "[Hillary] Clinton": editorial brackets are no part of the name.
    name = " ".join(name.replace("[", " ").replace("]", " ").split())
    # "Jon StraussCinematography": a name glued to the next word by a missing space ends there (but
    # "McDonald", "LaPlante", "DiMaggio" keep their inner capital: the part before it is short; so does a
    # first name made of two, "RoseAnn Lund", "MaryKate Ruiz", before the rest of the name).
    kept = []
    words_of_name = name.split()
    for n, word in enumerate(words_of_name):
        cut = _CAMEL_GLUE.match(word)
        if cut and not (n + 1 < len(words_of_name) and _two_first_names(cut.group(1), word[len(cut.group(1)):])):
            kept.append(cut.group(1))
            break
        kept.append(word)
    # "Tom Bell-Ana Ruiz ticket": two names fused by a hyphen; the second begins with a first name and
    # goes on after the span. ("Waldenberger-Bulmer", "Jean-Pierre" stay whole.)
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if len(kept) >= 2 and following is not None and following.text[:1].isupper() and following.pos_ == "PROPN":
        left, _, right = kept[-1].partition("-")
        known = lexicon.FIRST_NAME_GENDER
        if right and left[:1].isupper() and right[:1].isupper() and right.lower() in known and left.lower() not in known:
            kept[-1] = left
    return " ".join(kept)


_CAMEL_GLUE = re.compile(r"([A-Z][a-z]{3,})[A-Z][a-z]+$")


def _two_first_names(head: str, tail: str) -> bool:
    """Both halves of a word with an inner capital are known first names ("Rose" + "Ann")."""
    return head.lower() in lexicon.FIRST_NAME_GENDER and tail.lower() in lexicon.FIRST_NAME_GENDER




def mislabelled_person(ent: Span) -> Span | None:
    """The name in an ORG or GPE entity made of capitalised title words, a known first name and one or
    two more capitalised words ("Nurse Jill Adams" -> "Jill Adams", "Leo Park"); None otherwise."""
    if ent.label_ not in ("ORG", "GPE", "LOC", "FAC", "NORP"):
        return None
    start = ent.start
    while start < ent.end and is_title_word(ent.doc[start]) and ent.doc[start].text[:1].isupper():
        start += 1
    words = ent.doc[start:ent.end]
    known = words[0].lower_ in lexicon.KNOWN_FIRST_NAMES if len(words) else False
    # "Ms Price said": an honorific makes a person of a surname alone.
    if ent.doc[ent.start].lower_.rstrip(".") in lexicon.HONORIFICS:
        rest = ent.doc[ent.start + 1:ent.end]
        if len(rest) == 1 and rest[0].pos_ == "PROPN" and rest[0].is_alpha and rest[0].text[:1].isupper() \
                and rest[0].lower_ not in lexicon.ORGANISATION_SUFFIXES and rest[0].lower_ not in lexicon.NOT_PEOPLE["head"]:
            return rest
    if not 2 <= len(words) <= 3 or not (known or _titled_in_apposition(ent) or _aged(ent)) or not person_shaped(words.text) \
            or words[-1].lower_ in lexicon.NOT_PEOPLE["head"] or words[-1].lower_ in lexicon.ORGANISATION_SUFFIXES:
        return None
    return words


def _aged(ent: Span) -> bool:
    """"Deepak Sharma, 58, said": a name with an age after it is a person's."""
    doc, k = ent.doc, ent.end
    return k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].like_num and doc[k + 2].text == "," \
        and doc[k + 1].text.isdigit() and 0 < int(doc[k + 1].text) < 120


def _titled_in_apposition(ent: Span) -> bool:
    """"Lars Nygaard, the mayor of Bodo,": a name followed by one person's title ("the mayor", "a
    pollster") is a person's, whatever the first name."""
    doc, k = ent.doc, ent.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("the", "a", "an"):
        return False
    for token in doc[k + 2:min(k + 6, len(doc))]:
        if is_title_word(token) and token.tag_ == "NN":
            return True
        if token.pos_ not in ("ADJ", "NOUN", "PROPN", "PART") or token.ent_type_ in ("ORG", "GPE"):
            return False
    return False


def person_shaped(name: str) -> bool:
    """"Jane Smith", "Stephen K. Bannon", "Martin O'Malley": every word capitalised and then lowercase
    (or an initial), no digits, handles or capitals-only words ("JAPAN PMI", "Twitter @handle")."""
    words = name.split()
    return len(words) >= 2 and all(
        re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]*(?:['\u2019-][A-Z]?[a-z]+)*[a-z]\.?|Mc[A-Z][a-z]+|[A-Z][a-z]?[A-Z][a-z]+", w)
        is not None for w in words)


def looks_like_organisation(span: Span, labels: Counter) -> bool:
    """NER calls some organisations PERSON now and then: trust the majority, and the suffix."""
    if span[-1].lower_.rstrip(".") in lexicon.ORGANISATION_SUFFIXES:
        return True
    elsewhere = sum(labels[(span.text, label)] for label in ORGANISATION_LABELS)
    return len(span) > 1 and elsewhere >= labels[(span.text, "PERSON")]


def pronoun_gender_votes(name: Span) -> Counter:
    """He/she pronouns later in the sentence whose subject is `name` ("Closs said her parents …"), up
    to the next person named ("Stanovaya noted that Putin's stance stems from his view": no vote)."""
    votes: Counter = Counter()
    for token in name.doc[name.end:name.sent.end]:
        if token.ent_type_ == "PERSON":
            break
        if token.pos_ == "PRON":
            if token.lower_ in MALE_PRONOUNS:
                votes["m"] += 1
            elif token.lower_ in FEMALE_PRONOUNS:
                votes["f"] += 1
    return votes


def is_definite(head: Token) -> bool:
    """"the professor", "Quill's brother", "bespectacled professor" — not "a friend", "another player"."""
    determiners = [c.lower_ for c in head.children if c.dep_ in ("det", "predet")]
    return not any(d in ("a", "an", "another", "some", "one", "any", "several", "many") for d in determiners)


def outside_prepositions(head: Token, tokens: list[Token]) -> list[Token]:
    """The phrase without what hangs from the head by a preposition or clause ("the founder [of X]")."""
    inside = {t.i for child in head.children if child.dep_ in ("prep", "relcl", "acl") for t in child.subtree}
    return [t for t in tokens if t.i not in inside]


def extended_organisation(ent: Span) -> Span:
    """NER often stops an organisation's name at "and": "Society of Motor Manufacturers [and Traders]"."""
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and doc[end].lower_ in ("and", "&", "of") and doc[end + 1].text[:1].isupper() \
            and doc[end + 1].pos_ == "PROPN":
        end += 2
    return doc[ent.start:end]


def only_titles(span: Span) -> bool:
    """"Secretary General" alone is a role, not a name (NER often says PERSON)."""
    return all(is_title_word(t) or t.lower_.rstrip(".") in lexicon.HONORIFICS or not t.is_alpha for t in span)
