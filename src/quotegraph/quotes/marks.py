"""Direct quotes from quote marks: pairing opening and closing marks paragraph by paragraph.

News text is messy: straight and curly marks mix, a quote that runs over several paragraphs opens
each paragraph and closes only the last, and a stray mark must not swallow the rest of an article.
So marks are paired inside one paragraph at a time, and a paragraph that ends inside a quote ends
that quote at the paragraph's end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from quotegraph.clean import CLOSING_QUOTES, OPENING_QUOTES

# Characters after which a straight quote mark opens rather than closes a quote.
_OPENS_AFTER = set(" \n([{-—–:/") | set(OPENING_QUOTES)


@dataclass(frozen=True)
class MarkedQuote:
    """Text between a pair of double quote marks, marks included (`closed` False: ran to paragraph end)."""

    start: int
    end: int
    closed: bool


def _direction(original: str, i: int) -> str:
    """'open', 'close' for the double quote mark at i, judged by its shape and surroundings."""
    char = original[i]
    before = original[i - 1] if i > 0 else " "
    after = original[i + 1] if i + 1 < len(original) else " "
    if char in OPENING_QUOTES and (before in ",.!?" or before.isalnum()) and (after.isspace() or after in ".,;:!?)"):
        return "close"  # `"Apparently not,“ he said`: an opening shape typed for a closing mark
    if char in OPENING_QUOTES or original.startswith("‘‘", i):
        return "open"
    if char in CLOSING_QUOTES or original.startswith("’’", i):
        return "close"
    if before in _OPENS_AFTER and not after.isspace():
        return "open"
    if after.isspace() or after in ".,;:!?)]-—–" or before.isalnum() or before in ".,;:!?)]":
        return "close"
    return "open"


_CUE_AFTER_COMMA = re.compile(r",(?= (?:said|says|added|asked|told|wrote)\b)")


def ends_before_cue(mark: MarkedQuote, text: str) -> bool:
    """A quotation that lost its closing mark and was cut before its cue (`"We will appeal, said …`)."""
    return not mark.closed and _CUE_AFTER_COMMA.match(text, mark.end) is not None


def _opens_sentence(text: str, i: int, para_start: int) -> bool:
    """A straight mark after a sentence's end (`Bauer. "The verdict …`) opens a new quotation."""
    before = text[para_start:i].rstrip()
    return i > para_start and text[i - 1] == " " and before[-1:] in (".", "!", "?", ":") and \
        text[i + 1:i + 2].isalnum()


def _sentence_end(text: str, start: int, end: int) -> int:
    """Where the first sentence after `start` ends, before `end` (else `end`, trimmed); a comma
    before a cue ends it too (`"We will appeal, said Tim Bauer.`)."""
    cue = _CUE_AFTER_COMMA.search(text, start, end)
    if cue is not None:
        end = cue.start()
    for k in range(start + 2, end - 1):
        if text[k] in ".!?" and text[k + 1] == " " and text[k + 2:k + 3].isupper() and not abbreviation(text, k):
            return k + 1
    return _trim_end(text, start, end)


def abbreviation(text: str, dot: int) -> bool:
    """"Mrs. Clinton", "Sen. Ted Cruz", "U.S. Army": a short capitalised word or initials before the dot."""
    word = text[:dot].rsplit(" ", 1)[-1].lstrip('"(')
    return text[dot] == "." and (len(word) <= 3 and word[:1].isupper() or "." in word)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def find_marked_quotes(text: str, original: str) -> list[MarkedQuote]:
    """Every double-quoted stretch in `text` (normalised: all double marks are '"').

    `original` is the text before normalisation, used to tell opening from closing curly marks.
    """
    found: list[MarkedQuote] = []
    position = 0
    # Two single marks stand for a double one in some sources (’’ … ’’, '' … '').
    text = text.replace("''", '" ')
    running_on = False  # the last paragraph ended inside a quotation
    for paragraph in text.split("\n"):
        para_start, para_end = position, position + len(paragraph)
        position = para_end + 1
        if not paragraph.strip():
            continue
        open_at: int | None = None
        first_mark = True
        for offset, char in enumerate(paragraph):
            if char != '"':
                continue
            i = para_start + offset
            direction = _direction(original, i)
            if open_at is None and first_mark and running_on and direction == "close":
                # The quotation of the last paragraph goes on here without a new opening mark.
                start = para_start + len(paragraph) - len(paragraph.lstrip())
                found.append(MarkedQuote(start, i + 1, True))
                first_mark = False
                continue
            first_mark = False
            if open_at is None:
                # A closing mark with nothing open is stray (or ends a quote we cannot see): `well."`
                if direction == "open" and i + 1 < para_end:
                    open_at = i
                continue
            if direction == "close":
                found.append(MarkedQuote(open_at, i + 1, True))
                open_at = None
            elif original[i] in OPENING_QUOTES or original[i] == '"' and (
                    _opens_sentence(text, i, para_start) or _sentence_end(text, open_at, i) < i):
                # A second opening mark: the first quote lost its closing mark. End it before this one,
                # at the end of its first sentence ("called the plan "reckless. The vote is …").
                found.append(MarkedQuote(open_at, _sentence_end(text, open_at, i), False))
                open_at = i
            else:
                found.append(MarkedQuote(open_at, i + 1, True))
                open_at = None
        running_on = open_at is not None
        if open_at is not None:
            end = _trim_end(text, open_at, para_end)
            # `said the plan was "dead. Nobody wants it.`: a mark opened after a word inside a sentence
            # lost its closing mark; it ends with its sentence and runs on into no other paragraph
            # (a quotation that runs on opens its sentence, or follows a colon or a comma).
            if text[para_start:open_at].rstrip()[-1:].isalnum():
                end, running_on = _sentence_end(text, open_at, para_end), False
            if end - open_at > 1:
                found.append(MarkedQuote(open_at, end, False))
    return found
