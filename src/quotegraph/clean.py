"""Normalise article text and find its boilerplate without moving a single offset.

Every replacement is one character for one character, and boilerplate lines are blanked (their
characters become spaces, their newlines stay), so the cleaned text has the same length as the
original: an offset into one is an offset into the other. The removed lines are reported.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from quotegraph import lexicon
from quotegraph.records import Span

# One character for one: odd spaces to a space, typographic quotes to straight ones.
_CHAR_MAP = {
    **dict.fromkeys("\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a"
                        "\u3000\u200b\u200c\u200d\u2060\ufeff\t\x0b\x0c\r", " "),
    **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("‐‑‒−", "-"),
}
# (One pass over the few characters to replace: str.translate looks up every character, ten times slower.)
_TO_REPLACE = re.compile("[" + "".join(re.escape(c) for c in _CHAR_MAP) + "]")

OPENING_QUOTES = "“„‟«〝"
CLOSING_QUOTES = "”»〞"

_PARAGRAPH = re.compile(r"[^\n]+")
# A photo credit closing a paragraph marks it as an image caption: "(Adrian Wyld/Canadian Press)",
# "Quyen Cheng/THE CANADIAN PRESS", "(Photo: Reuters)", "( THE CANADIAN PRESS FILE PHOTO )".
_CAPTION_CREDIT = re.compile(
    r"(?:\([^()\n]{2,60}/[^()\n]{2,60}\)|\((?i:photo|image|file photo|photograph)[^()\n]*\)"
    r"|\([^()\n]{0,60}\b(?i:photo|photograph)\s*\)"
    r"|\b[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} ?/ ?[A-Z][\w&.'’-]+(?: (?:[A-Z][\w&.'’-]*|of|the|and|for|&)){0,5})\s*$")
# A line ends a sentence with its punctuation or a bracket, or a closing mark after punctuation; a
# closing mark alone ends a title-case headline ("Senator Calls Deal 'A Betrayal'"), not a sentence.
_TERMINAL = re.compile(r"""(?:[.!?…:;)\]]|[.!?…:;,)\]]["'”’]+)\s*$""")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Cleaned:
    """The original text, its normalised twin (same length), and what was set aside."""

    original: str
    text: str
    boilerplate: tuple[Span, ...]
    headlines: tuple[Span, ...]
    captions: tuple[Span, ...] = ()

    @property
    def not_body(self) -> tuple[Span, ...]:
        """Headlines and captions: kept in the text, but never quotes."""
        return self.headlines + self.captions

    @property
    def body(self) -> str:
        """The article with boilerplate lines removed, for people to read."""
        dropped = {(b.start, b.end) for b in self.boilerplate}
        paragraphs = [m.group(0).strip() for m in _PARAGRAPH.finditer(self.original)
                      if (m.start(), m.end()) not in dropped and m.group(0).strip()]
        return "\n\n".join(paragraphs)


def normalise(text: str) -> str:
    """Odd spaces, curly quotes and hyphen variants to plain ASCII, one character for one."""
    return _TO_REPLACE.sub(lambda m: _CHAR_MAP[m.group()], text)


def _has_pictograph(line: str) -> bool:
    return not line.isascii() and any(unicodedata.category(c) == "So" and ord(c) > 0x2000 for c in line)


def _is_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line))


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _more_words_than(line: str, count: int) -> bool:
    """len(_words(line)) > count, reading no further than the word that decides it."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(line), count + 1)) > count


def _is_boilerplate_line(line: str) -> bool:
    """A line that no article body would contain: navigation, prompts, captions, teasers."""
    stripped = line.strip()
    lowered = stripped.lower()
    if lexicon.BOILERPLATE_LINE.match(lowered):
        return True
    if _has_pictograph(stripped) and len(_words(stripped)) <= 15:
        return True
    # Run-together navigation labels such as "WatchUsOn", "ShareThis".
    return bool(re.fullmatch(r"(?:[A-Z][a-z]+){3,}", stripped))


# `"…" — Dr Omar Haddad, a virologist`: a quotation signed with a dash is speech, not a link or a label.
_SIGNED_QUOTE = re.compile(r'\s*"[^"]{8,}"\s*[—―–-]')
# `… — Amy Cole (@amycole) March 4, 2025`: an embedded post, signed; speech too.
_SIGNED_POST = re.compile(r"[—―–-][ ]*[A-Z][^()\n]{1,60}\(@\w{1,30}\)")


def _is_headline_like(line: str) -> bool:
    """Short, no closing punctuation: a label, a byline, a headline or a related-story link."""
    normal = normalise(line)
    return not _is_sentence(normal) and len(_words(line)) <= 20 and not _SIGNED_QUOTE.match(normal) \
        and not _SIGNED_POST.search(normal)


# `'…,' said Mr Hughes` / `…, he said. 'We …'`: single marks closing speech (after , ? ! or a
# paragraph's last full stop) are the house style of much British and Australian copy.
# (`'We will not move', said Tom Bevan` / `… he likes.' The shop …`: the comma after the mark, and a
# sentence's full stop before it with the next sentence after.)
_SINGLE_SPEECH_CLOSE = re.compile(r"[,?!]'(?=\s|$)|\.'(?=\s*(?:\n|$))|[.?!]'(?=[ \t]+[A-Z])"
                                  r"|[a-z]'(?=, (?:\S+ ){0,4}(?:said|says|added|asked|told|wrote|replied)\b)")
_DOUBLE_SPEECH_CLOSE = re.compile(r'[,?!.]"(?=\s|$)')
_OPENS_BEFORE = set(" \n([{-—–:/\"")


def _single_quotations(normal: str, lines: list[tuple[int, int]]) -> list[int]:
    """Where single marks open and close quotations in an article written with them (more speech
    closed by single marks than by double ones), as pairs within a line; [] otherwise. An
    apostrophe ("it's", "the players' union") is neither."""
    singles = len(_SINGLE_SPEECH_CLOSE.findall(normal))
    if not singles or singles <= len(_DOUBLE_SPEECH_CLOSE.findall(normal)):
        return []
    marks: list[int] = []
    for start, end in lines:
        open_at: int | None = None
        for i in range(start, end):
            if normal[i] != "'":
                continue
            before = normal[i - 1] if i > start else " "
            after = normal[i + 1] if i + 1 < end else " "
            if open_at is None:
                if before in _OPENS_BEFORE and after.isalnum():
                    open_at = i
                continue
            possessive = before == "s" and after == " " and normal[i + 2:i + 3].islower()
            if not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-") and not possessive:
                marks += [open_at, i]
                open_at = None
    return marks


def clean(text: str) -> Cleaned:
    """Normalise `text` and blank its boilerplate, keeping every offset (see module doc)."""
    normal = normalise(text)
    lines = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(normal) if m.group(0).strip()]
    kinds = ["body"] * len(lines)
    for i, (start, end) in enumerate(lines):
        if _is_boilerplate_line(normal[start:end]):
            kinds[i] = "boilerplate"
    body = [i for i, k in enumerate(kinds) if k == "body" and _is_sentence(normal[lines[i][0]:lines[i][1]])
            and _more_words_than(normal[lines[i][0]:lines[i][1]], 5)]
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else -1
    # Before the first sentence: section labels and bylines (short) are boilerplate, a longer line
    # is the headline. After the last sentence: lists of related stories.
    for i in range(first_body):
        if kinds[i] != "body" or not _is_headline_like(normal[lines[i][0]:lines[i][1]]):
            continue
        kinds[i] = "headline" if len(_words(normal[lines[i][0]:lines[i][1]])) > 4 else "boilerplate"
    for i in range(last_body + 1, len(lines)):
        if kinds[i] == "body" and _is_headline_like(normal[lines[i][0]:lines[i][1]]):
            kinds[i] = "boilerplate"
    for i, (start, end) in enumerate(lines):
        if kinds[i] == "body" and _CAPTION_CREDIT.search(normal[start:end]):
            kinds[i] = "caption"
    boilerplate, headlines, captions = [], [], []
    chars = list(normal)
    body_lines = [line for line, kind in zip(lines, kinds) if kind in ("body", "caption")]
    for i in _single_quotations(normal, body_lines):
        chars[i] = '"'  # one character for one: the quote finders read double marks
    for (start, end), kind in zip(lines, kinds):
        if kind == "boilerplate":
            boilerplate.append(Span(start, end, text[start:end]))
            chars[start:end] = " " * (end - start)
        elif kind == "headline":
            headlines.append(Span(start, end, text[start:end]))
        elif kind == "caption":
            captions.append(Span(start, end, text[start:end]))
    return Cleaned(text, "".join(chars), tuple(boilerplate), tuple(headlines), tuple(captions))
