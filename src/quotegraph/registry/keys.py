"""Name keys for matching people across articles: folded full names, surnames, and titles.

"Mr. Jens Stoltenberg", "jens stoltenberg" and "Jens STOLTENBERG" share one key; "the Prime
Minister" and "NATO's Secretary General" are titles, not names, and must never become name keys
(else every later "the Prime Minister" would join whoever held the office first). Pure functions.
"""
from __future__ import annotations

import re
import unicodedata

from quotegraph.lexicon import (FIRST_NAME_CANONICAL, HONORIFICS, JURISDICTIONS, KNOWN_FIRST_NAMES, ORGANISATION_NOUNS,
                                ROLE_HEADS, UNNAMED_SOURCE_HEADS, full_title)

# Generational suffixes, which are no surname: "Joseph R. Biden Jr." is a Biden.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"[\s-]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.IGNORECASE)
# Determiners that make a role phrase a definite office ("the Prime Minister") ...
_DEFINITE = ("the",)
# ... and those that make it an unnamed, indefinite source ("a spokesperson", "two officials").
_INDEFINITE = frozenset({"a", "an", "some", "several", "many", "two", "three", "four", "other", "senior",
                         "one", "another", "unnamed", "anonymous", "those"})


def fold(text: str) -> str:
    """Lowercase, accents and punctuation removed, spaces collapsed: the comparable form of a string."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text)
    return _SPACES.sub(" ", _NON_WORD.sub("", text.casefold())).strip()


def name_key(name: str) -> str:
    """The folded name without leading honorifics: "Mr. Jens Stoltenberg" -> "jens stoltenberg"."""
    tokens = fold(name).split()
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    while len(tokens) > 2 and tokens[-1] in _SUFFIXES:
        tokens.pop()
    return " ".join(tokens)


def surname(key: str) -> str | None:
    """The last token of a multi-token name key, or None for a single-token name."""
    tokens = key.split()
    return tokens[-1] if len(tokens) > 1 else None


def first_last(key: str) -> str:
    """First and last token only, so "george w bush" also matches "george bush"."""
    tokens = key.split()
    return f"{tokens[0]} {tokens[-1]}" if len(tokens) > 2 else key


def variant_key(key: str) -> str:
    """First and last token with the first name in its long form: "joe biden", "joseph r biden" ->
    "joseph biden", so short first names and middle initials do not make a second person."""
    tokens = key.split()
    if len(tokens) < 2:
        return key
    return f"{FIRST_NAME_CANONICAL.get(tokens[0], tokens[0])} {tokens[-1]}"


def other_initials(key: str, other: str) -> bool:
    """"george hw bush" and "george w bush": the same first and last name with different middle initials
    are two people (a middle name written out, "george walker bush", or left out, is no difference)."""
    a, b = key.split(), other.split()
    if len(a) < 3 or len(b) < 3 or a[-1] != b[-1] or variant_key(key) != variant_key(other):
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if not all(len(t) <= 2 for t in middle_a + middle_b):
        return False
    return "".join(middle_a) != "".join(middle_b)


def first_name_key(key: str) -> str:
    """The first name of a name key in its long form ("bill clinton" -> "william")."""
    first = key.split()[0] if key else ""
    return FIRST_NAME_CANONICAL.get(first, first)


def is_first_name(key: str) -> bool:
    """A one-word key that is a known first name ("hillary", "joe"), not a surname."""
    return " " not in key and key in KNOWN_FIRST_NAMES


def is_title(name: str) -> bool:
    """True for a definite office held by one person: "the Prime Minister", "UK Defence Secretary".

    False for names ("Jens Stoltenberg", "Mr Wallace") and for unnamed, indefinite or collective
    sources ("a spokesperson for the ministry", "officials"), which are kept as such.
    """
    words = _POSSESSIVE.sub("", name).split()
    if not words or words[0].lower() in _INDEFINITE:
        return False
    if " for " in f" {name.lower()} " or " of the " in f" {name.lower()} ":
        # "a spokesperson for the ministry", "the head of the delegation": a description, not an office
        # we can date; unless it starts with "the" and ends in a role head, keep it out.
        return False
    head = fold(words[-1])
    if head not in ROLE_HEADS or (head in UNNAMED_SOURCE_HEADS and head.endswith("s")):
        return False
    # Every other word is a determiner, a capitalised word (organisation, country, title word) or a
    # role word; a lowercase non-role word ("the new minister's aide") makes it a description.
    for word in words[:-1]:
        low = fold(word)
        if low in _DEFINITE or low in ROLE_HEADS or word[:1].isupper():
            continue
        return False
    return len(words) > 1 or words[0][:1].isupper()


def title_key(name: str) -> str:
    """The folded title without its determiner: "the UK's Defence Secretary" -> "uk defence secretary"."""
    tokens = [full_title(t) for t in fold(name).split()]  # "Sen." is "Senator"
    while tokens and tokens[0] in _DEFINITE:
        tokens.pop(0)
    return " ".join(tokens)


_SOURCE_OF = re.compile(r"^(?:(?:an?|the|some|several|two|three|other|senior|unnamed|anonymous)\s+)*"
                        r"(?P<head>[\w-]+)\s+(?:for|of|at|from|with|in)\s+(?:the\s+)?(?P<org>.+)$", re.IGNORECASE)
_ORG_SOURCE = re.compile(r"^(?:the\s+)?(?P<org>(?:[A-Z][\w.&'-]*\s+)+)(?P<head>[a-z][\w-]*)$")


def source_role(name: str) -> tuple[str, str] | None:
    """(head, organisation) of an unnamed source: "a spokesperson for the health ministry" ->
    ("spokesperson", "health ministry"), "Pentagon officials" -> ("officials", "Pentagon")."""
    match = _SOURCE_OF.match(name.strip()) or _ORG_SOURCE.match(name.strip())
    if not match:
        return None
    head = match.group("head")
    if fold(head) not in UNNAMED_SOURCE_HEADS and fold(head) not in ROLE_HEADS:
        return None
    return head.lower(), match.group("org").strip()


def clean_title(title: str) -> str:
    """The title without leading lowercase words that are not role words: "new Prime Minister" ->
    "Prime Minister", "long recovery British Finance Minister" -> "British Finance Minister".

    Extraction sometimes glues a headline's last words or an adjective onto a title; left there,
    the same office would count as several roles."""
    words = title.split()
    # The title itself, before a portfolio ("senior director for Asian affairs"), decides.
    head = title.split(" for ")[0].split()
    if not any(w[:1].isupper() for w in head) or head[-1][:1].islower():
        # All lowercase, or a lowercase role noun with a party or nationality in it ("presumptive
        # Republican nominee"): a title as written ("campaign manager", "senior director").
        return title
    # ("state House Speaker": a level of government stays; so does "police Chief", where it is held.)
    while len(words) > 1 and words[0][:1].islower() and fold(words[0]) not in ROLE_HEADS \
            and words[0] not in JURISDICTIONS and not (len(words) == 2 and words[0] in ORGANISATION_NOUNS):
        words.pop(0)
    return " ".join(words)


def role_keys(title: str, organisation: str | None) -> set[str]:
    """Title keys under which a role can be referred to: "prime minister", "freedonia prime minister"."""
    keys = {title_key(title)}
    if organisation:
        keys.add(title_key(f"{organisation} {title}"))
    return {k for k in keys if k}
