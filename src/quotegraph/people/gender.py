"""A person's gender from what articles say about them, never from their first name.

Evidence, each counted: a personal pronoun the article uses for them as a speaker ("he said",
resolved to the person by people/in_article.py), an honorific in a name they are called by
("Mr Stoltenberg", "Mrs Ruiz"; data/honorifics.txt) and a gendered role noun in a role they hold
("spokeswoman", "congressman"; data/gendered_roles.txt). A person gets a gender when the evidence
agrees (at least AGREEMENT of it points one way), "unknown" otherwise; a gender the user set (or
marked unknown) wins over the evidence. Pure functions over counts: the store gathers the counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from quotegraph import lexicon

GENDERS = ("female", "male", "unknown")
# The share of a person's evidence that must point one way for a gender to be given.
AGREEMENT = 0.8


def _pairs(name: str) -> dict[str, str]:
    text = resources.files("quotegraph").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].split() for line in text.splitlines())
    return {words[0].lower(): words[1] for words in lines if len(words) == 2}


ROLE_GENDER = _pairs("gendered_roles.txt")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def pronoun_gender(word: str | None) -> str | None:
    """"he" -> "male", "her" -> "female"; None for any other word."""
    said = lexicon.PRONOUN_CLASS.get((word or "").strip().lower())
    return said if said in ("male", "female") else None


def honorific_gender(name: str | None) -> str | None:
    """The gender an honorific before a name says ("Mr Stoltenberg" -> "male", "Dr Lee" -> None)."""
    words = (name or "").split()
    if len(words) < 2:
        return None
    said = lexicon.HONORIFIC_GENDER.get(words[0].lower().rstrip("."))
    return said if said in ("male", "female") else None


def role_gender(title: str | None) -> str | None:
    """The gender a role's title says ("spokeswoman" -> "female"); None when it says none or both."""
    said = {ROLE_GENDER[w] for w in _WORD.findall((title or "").lower()) if w in ROLE_GENDER}
    return said.pop() if len(said) == 1 else None


@dataclass(frozen=True)
class Gender:
    """A person's gender and the evidence behind it: `female` and `male` count the pieces of
    evidence each way (pronouns, honorifics, role nouns); `evidence` is the count supporting the
    gender given (0 for unknown); `set_by` is "text" or "user"."""

    gender: str
    evidence: int
    female: int = 0
    male: int = 0
    set_by: str = "text"

    def to_dict(self) -> dict[str, object]:
        return {"gender": self.gender, "evidence": self.evidence, "female": self.female, "male": self.male,
                "set_by": self.set_by}


def decide(female: int, male: int, override: str | None = None) -> Gender:
    """The gender the counts support, or the user's `override` (one of GENDERS) when given."""
    if override is not None:
        if override not in GENDERS:
            raise ValueError(f"gender must be one of {', '.join(GENDERS)}, not {override!r}")
        return Gender(override, 0, female, male, "user")
    total = female + male
    if total and female >= AGREEMENT * total:
        return Gender("female", female, female, male)
    if total and male >= AGREEMENT * total:
        return Gender("male", male, female, male)
    return Gender("unknown", 0, female, male)
