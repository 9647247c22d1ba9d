"""Quote detection: direct, indirect and mixed quotes with their cue and speaker mention.

`marks` pairs quote marks, `cues` reads reporting verbs off the parse, `assemble` puts them together.
"""
from quotegraph.quotes.assemble import Candidate, find_candidates

__all__ = ["Candidate", "find_candidates"]
