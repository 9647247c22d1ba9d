"""Direct quotes from quote marks: pairing opening and closing marks paragraph by paragraph.

News text is messy: straight and curly marks mix, a quote that runs over several paragraphs opens
each paragraph and closes only the last, and a stray mark must not swallow the rest of an article.
So marks are paired inside one paragraph at a time, and a paragraph that ends inside a quote ends
that quote at the paragraph's end.
"""
from __future__ import annotations

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
    if char in OPENING_QUOTES or original.startswith("‘‘", i):
        return "open"
    if char in CLOSING_QUOTES or original.startswith("’’", i):
        return "close"
    before = original[i - 1] if i > 0 else " "
    after = original[i + 1] if i + 1 < len(original) else " "
    if before in _OPENS_AFTER and not after.isspace():
        return "open"
    if after.isspace() or after in ".,;:!?)]-—–" or before.isalnum() or before in ".,;:!?)]":
        return "close"
    return "open"


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
                # A curly closing mark with nothing open is stray (or ends a quote we cannot see).
                if original[i] not in CLOSING_QUOTES and i + 1 < para_end:
                    open_at = i
                continue
            if direction == "close":
                found.append(MarkedQuote(open_at, i + 1, True))
                open_at = None
            elif original[i] in OPENING_QUOTES:
                # A second opening mark: the first quote lost its closing mark. End it before this one.
                found.append(MarkedQuote(open_at, _trim_end(text, open_at, i), False))
                open_at = i
            else:
                found.append(MarkedQuote(open_at, i + 1, True))
                open_at = None
        running_on = open_at is not None
        if open_at is not None:
            end = _trim_end(text, open_at, para_end)
            if end - open_at > 1:
                found.append(MarkedQuote(open_at, end, False))
    return found
