"""In-article resolution: pronouns, surnames and role nouns to the full name of a person."""
from __future__ import annotations


def resolve(doc, cleaned, quotes, *, published=None):
    return [], [], quotes
