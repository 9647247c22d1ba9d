"""Word lists and patterns, read once from the data files in `quotegraph/data/`.

Edit the text files, not this module: each holds one entry per line, `#` starts a comment.
"""
from __future__ import annotations

import re
from importlib import resources


def _entries(name: str) -> list[str]:
    text = resources.files("quotegraph").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() if not line.lstrip().startswith("©") else line.strip()
             for line in text.splitlines())
    return [line for line in lines if line]


def _frames(line: str) -> tuple[str, frozenset[str]]:
    lemma, *frames = line.lower().split()
    return lemma, frozenset(frames or ("that",))


# Reporting verbs and the frames each reports in ("ask": that, question, to); see quotes/frames.py.
CUE_FRAMES = dict(_frames(line) for line in _entries("cue_verbs.txt"))
CUE_VERBS = frozenset(CUE_FRAMES)
SPEECH_NOUNS = frozenset(w.lower() for w in _entries("speech_nouns.txt"))
LIGHT_VERBS = frozenset(w.lower() for w in _entries("light_verbs.txt"))
LIGHT_VERB_NOUNS = SPEECH_NOUNS | frozenset(w.lower() for w in _entries("light_verb_nouns.txt"))
NOT_CUE_VERBS = frozenset(w.lower() for w in _entries("not_cue_verbs.txt"))
CUE_VERBS_AFTER_QUOTE = frozenset(w.lower() for w in _entries("cue_verbs_after_quote.txt"))
# Cue forms that open a sentence before the speaker's name: `Said Varga: "…"`, `Continued Lund: "…"`.
OPENING_CUES = frozenset({"said", "says", "added", "adds", "asked", "asks", "explained", "explains", "continued",
                          "continues", "replied", "replies", "wrote", "writes", "noted", "notes"})
HONORIFICS = frozenset(line.split()[0].lower() for line in _entries("honorifics.txt"))
# "mr" -> "male", "mrs" -> "female": honorifics that say a gender.
HONORIFIC_GENDER = {line.split()[0].lower(): line.split()[1] for line in _entries("honorifics.txt")
                    if len(line.split()) > 1}
ROLE_HEADS = frozenset(w.lower() for w in _entries("roles.txt"))
PORTFOLIO_WORDS = frozenset(w.lower() for w in _entries("portfolios.txt"))
JURISDICTIONS = frozenset(w.lower() for w in _entries("jurisdictions.txt"))
# Titles held for a place, which "from <place>" belongs to ("the senator from Ohio"; people/names.py).
ELECTED_FROM = frozenset(w.lower() for w in _entries("elected_from.txt"))
TITLES_HELD_TO = frozenset(w.lower() for w in _entries("titles_held_to.txt"))
FIRST_NAME_GENDER = dict(line.split("\t") for line in _entries("first_names.txt"))
ORGANISATION_NOUNS = frozenset(w.lower() for w in _entries("organisation_nouns.txt"))
DOCUMENT_NOUNS = frozenset(w.lower() for w in _entries("document_nouns.txt"))
# "work" -> nouns before a work's title, "head" -> last words of things' names, "description" -> words
# before a name that describe the person (people/in_article.py).
NOT_PEOPLE = {kind: frozenset(line.split()[1].lower() for line in _entries("not_people.txt") if line.split()[0] == kind)
              for kind in ("work", "head", "description")}
ORGANISATION_SUFFIXES = frozenset(w.lower() for w in _entries("organisation_suffixes.txt"))
STOPWORDS = {line.split()[0]: frozenset(line.split()[1:]) for line in _entries("stopwords.txt")}
NOT_SPEAKER_LABELS = frozenset(w.lower() for w in _entries("not_speaker_labels.txt"))
UNNAMED_SOURCE_HEADS = frozenset(w.lower() for w in _entries("unnamed_sources.txt"))
RELATIVE_NOUNS = frozenset(w.lower() for w in _entries("relatives.txt"))
BOILERPLATE_LINE = re.compile("|".join(f"(?:{p})" for p in _entries("boilerplate.txt")), re.IGNORECASE)
# "he" -> "male", "they" -> "plural", "it" -> "thing", "i" -> "first", "you" -> "second".
PRONOUN_CLASS = {line.split()[0].lower(): line.split()[1] for line in _entries("pronouns.txt")}
PRONOUNS = frozenset(PRONOUN_CLASS)
# Short and long forms of first names ("joe" -> "joseph"), for telling name variants apart from other people.
FIRST_NAME_CANONICAL = {w: line.split()[0] for line in _entries("first_name_variants.txt") for w in line.split()}
# Every first name quotegraph knows, in either list.
KNOWN_FIRST_NAMES = frozenset(FIRST_NAME_GENDER) | frozenset(FIRST_NAME_CANONICAL)
# Abbreviated titles and their full word ("sen" -> "senator"), for comparing roles.
TITLE_ABBREVIATIONS = dict(line.split() for line in _entries("title_abbreviations.txt"))


def full_title(word: str) -> str:
    """"gov." and "gov" are "governor": the word a lowercase abbreviated title stands for, else the word."""
    return TITLE_ABBREVIATIONS.get(word.rstrip("."), word)


def is_title_head(word: str) -> bool:
    """"mayor", "PM", "Sen.": a role head, in full or abbreviated."""
    word = word.lower().rstrip(".")
    return word in ROLE_HEADS or word in TITLE_ABBREVIATIONS
