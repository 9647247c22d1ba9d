"""Quote detection: direct, indirect and mixed quotes with their cue and speaker mention."""
from __future__ import annotations


def find_quotes(doc, cleaned):
    return []
