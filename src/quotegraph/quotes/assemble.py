"""Quote candidates from quote marks and cues: direct, indirect, mixed and floating quotes.

A candidate carries the speaker's head token; `quotegraph.people.in_article` resolves it to a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotegraph import lexicon
from quotegraph.clean import Cleaned
from quotegraph.quotes.cues import Cue, colon_lead_in, find_cues, quoting_verb, sentence_lead_in
from quotegraph.quotes.labels import (Labelled, dash_byline, find_headline_cues, find_labelled, find_posts,
                                      said_label)
from quotegraph.quotes.marks import MarkedQuote, abbreviation, ends_before_cue, find_marked_quotes

# First- and second-person subjects outside quote marks are the writer or a question, not a source.
_WRITER_PRONOUNS = frozenset(w for w, kind in lexicon.PRONOUN_CLASS.items() if kind == "second")
# How far (characters of plain text) a cue may stand from the quote it introduces or closes.
_CUE_REACH = 90
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    """A quote before its speaker is resolved. A floating one stands apart from any cue of its own: with
    no speaker it takes its neighbour's; with one (the sentence before names it, or the cue stands
    before a paragraph break or the quotation's first part) it keeps it, as both annotations allow."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    speaker: Token | None
    floating: bool = False
    confidence: float = 0.5
    runs_on: bool = False  # the quotation goes on in the next paragraph
    speaker_tokens: tuple[Token, ...] = ()  # the speaker's words, when no parse phrase gives them (labels)


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _inside_any(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


def _usable_cues(doc: Doc, marks: list[MarkedQuote],
                 excluded: list[tuple[int, int]]) -> tuple[list[Cue], list[tuple[MarkedQuote, Cue]]]:
    """Cues outside quote marks; and cues inside a quotation that never closes (`"We will rebuild
    it, she said.`), where the missing closing mark belongs before the cue."""
    cues, inside_unclosed = [], []
    for cue in find_cues(doc):
        if cue.speaker is None or _inside_any(cue.verb_start, excluded) or cue.speaker.lower_ in _WRITER_PRONOUNS:
            continue
        holder = next((m for m in marks if m.start <= cue.verb_start < m.end), None)
        if holder is None:
            cues.append(cue)
        elif not holder.closed:
            inside_unclosed.append((holder, cue))
    return cues, inside_unclosed


def _close_before_cue(mark: MarkedQuote, inside: list[tuple[MarkedQuote, Cue]], text: str) -> tuple[int, Cue] | None:
    """`"We will rebuild it, she said.`: the quotation ends at the comma before "she said"."""
    for holder, cue in inside:
        if holder is not mark or cue.speaker is None:
            continue
        first = min(cue.speaker.left_edge.idx, cue.verb_start)
        before = text[mark.start:first].rstrip()
        # (`"We will appeal, said Ana Ruiz.`: after an inverted cue, what follows its speaker.)
        last = cue.speaker.right_edge
        after = text[max(cue.verb_end, last.idx + len(last.text)):mark.end].strip()
        if before.endswith(",") and _words(before) >= 3 and (not after or after[0] in ".,;"):
            return mark.start + len(before), cue
    return None


def _plain_between(text: str, start: int, end: int) -> str:
    return text[start:end] if end >= start else ""


_JOINED_CLAUSE = re.compile(r"\s*(?:and|but|or|while|whereas|because|although|before|after|until|unless|if|when)\b",
                            re.IGNORECASE)


def _cue_after(mark: MarkedQuote, cues: list[Cue], text: str, para_end: int) -> Cue | None:
    """`"…," Stoltenberg said` / `"…," said Stone`: a cue just after the closing mark."""
    best = None
    closes_sentence = text[:mark.end - 1].rstrip().endswith(".")
    for cue in cues:
        if mark.end <= cue.verb_start <= min(para_end, mark.end + _CUE_REACH):
            between = _plain_between(text, mark.end, cue.verb_start)
            # `"No," Ms. Rivera said`: the dot of a title is no sentence end.
            if '"' in between or _sentence_ends_between(text, mark.end, cue.verb_start):
                continue
            # `was "learning on the job," and the board agreed`: a clause joined on is no trailing cue.
            if _JOINED_CLAUSE.match(between) and cue.speaker is not None and \
                    mark.end <= cue.speaker.idx < cue.verb_start:
                continue
            # `"I will run." She added: "…"` / `He added, "…"`: a cue before a colon, or before a
            # comma and a quotation, introduces what follows it.
            if closes_sentence and re.match(r'\s*(?::|,\s*["“])', text[cue.verb_end:]):
                continue
            # `…." He added that …`: a new sentence with its own report, not this quote's cue.
            if closes_sentence and cue.has_content and cue.content_start >= cue.verb_end and \
                    '"' not in text[cue.verb_end:cue.content_start + 1]:
                continue
            # `…." This sort of comment, the paper said, was common`: nor is a report of its own
            # between the quotation and the cue.
            if closes_sentence and cue.has_content and mark.end <= cue.content_start < cue.verb_start:
                continue
            # `…." He said goodbye to his players`: nor a cue with an object of its own.
            if closes_sentence and _noun_object(cue):
                continue
            if best is None or cue.verb_start < best.verb_start:
                best = cue
    return best


def _noun_object(cue: Cue) -> bool:
    """Whether the cue's verb has a noun for its object ("said goodbye"), which no quotation is."""
    verb = next((t for t in cue.sentence if t.idx + len(t.text) == cue.verb_end), None)
    return verb is not None and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children)


def _cue_before(mark: MarkedQuote, cues: list[Cue], text: str, para_start: int) -> Cue | None:
    """`Esper said, "…"` / `he said: "…"`: a cue shortly before the opening mark, same paragraph."""
    best = None
    for cue in cues:
        if max(para_start, mark.start - _CUE_REACH * 2) <= cue.verb_end <= mark.start:
            between = _plain_between(text, cue.verb_end, mark.start)
            # `said "…"`, `said, "…"`, `said: "…"`, `told reporters on Monday, "…"` — anything else
            # ("said despite "…"") is a mixed quote.
            # `"…," said Tom Avery, "and …"`: after an inverted cue its speaker stands between.
            inverted = cue.speaker is not None and cue.verb_end <= cue.speaker.idx < mark.start \
                and between.rstrip().endswith(",") and '"' not in between and _words(between) <= 12 \
                and not re.search(r"[.!?;]\s", between)
            if between.strip() not in ("", ",", ":") and not inverted and not (
                    _cue_complement(between) and cue.speaker is not None and cue.speaker.idx < cue.verb_start):
                continue
            if best is None or cue.verb_end > best.verb_end:
                best = cue
    return best


def _cue_complement(between: str) -> bool:
    """`told the council on Wednesday, "…"`: a few words of the cue's own (who was told, when)
    ending in a comma or colon, before the quotation."""
    stripped = between.strip()
    return stripped[-1:] in (",", ":") and _words(stripped) <= 6 and not re.search(r'["\n.!?;]', stripped[:-1])


def _cue_preceding_sentence(mark: MarkedQuote, cues: list[Cue], text: str, doc: Doc) -> Cue | None:
    """`He said: ` at the end of the previous paragraph or sentence introducing this quote; else
    `The minister was blunt: ` (see `colon_lead_in`)."""
    before = text[max(0, mark.start - _CUE_REACH):mark.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = max(0, mark.start - _CUE_REACH) + len(before) - 1
    # The cue stands in the sentence the colon ends, not in one before it.
    candidates = [c for c in cues if c.verb_end <= colon and colon - c.verb_end <= _CUE_REACH * 2
                  and not _sentence_ends_between(text, c.verb_end, colon)]
    cue = max(candidates, key=lambda c: c.verb_end, default=None)
    # (A quotation opening the next paragraph may be anyone's: only a verb of saying reaches it.)
    return cue if cue is not None or "\n" in text[colon:mark.start] else colon_lead_in(doc, colon)


def _sentence_ends_between(text: str, start: int, end: int) -> bool:
    """A sentence ends (or a line breaks) in text[start:end]; a title's dot ("Ms. Rivera") ends none."""
    between = text[start:end]
    return "\n" in between or any(not abbreviation(text, start + m.start()) for m in re.finditer(r"[.!?]\s", between))


def _starts_sentence(text: str, position: int, para_start: int) -> bool:
    """A quote that opens its sentence: `… said Stone. "It reenergizes you."`."""
    before = text[para_start:position].rstrip()
    return not before or before[-1] in '.!?:"' or before.endswith(("…", ".)"))


_DASHES = ("-", "—", "–")


def _opens_clause(text: str, position: int, para_start: int) -> bool:
    """A quote that opens its sentence or follows a dash (`- "Born lucky," he said -`)."""
    return _starts_sentence(text, position, para_start) or text[:position].rstrip().endswith(_DASHES)


def _ends_like_speech(mark: MarkedQuote, quote_text: str) -> bool:
    """Speech ends with punctuation inside the marks (or runs on); a title ("The Kid Who Would Be
    King") does not."""
    return not mark.closed or quote_text[:-1].rstrip().rstrip("'’").rstrip()[-1:] in ".,!?…-:;"


def _title_case(text: str) -> bool:
    """"Dune Messiah", "Night Vision": a capitalised phrase in quote marks is a title or a name."""
    return all(w[:1].isupper() or not w.isalpha() for w in _WORD.findall(text))


_TITLE_SMALL_WORDS = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "or", "with", "from"}


def _is_title(text: str) -> bool:
    """"Harbour of the Lost", "A Season for Rivers": up to eight words, each capitalised but the small
    words between them, is a book, show or film title."""
    words = [w for w in _WORD.findall(text) if w.isalpha()]
    return 2 <= len(words) <= 8 and words[0][:1].isupper() and words[-1][:1].isupper() and all(
        w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words) and not text.rstrip('"').rstrip().endswith((".", "!", "?"))


def _is_speech_like(text: str) -> bool:
    return _words(text) >= 4


def _runs_on(marks: list[MarkedQuote], i: int, text: str) -> bool:
    """`"We will win.¶"It works."`: a quotation left open at its paragraph's end, the next paragraph
    opening with a mark, goes on there (the convention for speech over several paragraphs)."""
    if marks[i].closed or i + 1 >= len(marks) or not _sentence_words(text[marks[i].start:marks[i].end]):
        return False
    following = _paragraph_bounds(text, marks[i + 1].start)[0]
    return marks[i].end <= following and marks[i + 1].start == following \
        and "\n" not in text[marks[i].end:following].strip() and text[marks[i].end:following].count("\n") >= 1


def _sentence_words(text: str) -> bool:
    """Words of a sentence, not a name or a stage direction ("Bill Clinton.", "(CROSSTALK.)")."""
    return "(" not in text and any(w.islower() for w in _WORD.findall(text))


def _short_sequel(marks: list[MarkedQuote], used: set[int], i: int, text: str) -> bool:
    """`"Nobody came," she said. "Bodies everywhere."`: a short sentence of speech right after an
    attributed quote of the same paragraph goes on that quote, however few its words; so does the
    next paragraph's part of a quotation that runs on."""
    mark = marks[i]
    if i > 0 and i - 1 in used and _runs_on(marks, i - 1, text):
        return _sentence_words(text[mark.start:mark.end])
    if i == 0 or i - 1 not in used or not mark.closed:
        return False
    para_start, _ = _paragraph_bounds(text, mark.start)
    return marks[i - 1].start >= para_start and _starts_sentence(text, mark.start, para_start) \
        and _ends_like_speech(mark, text[mark.start:mark.end]) and _words(text[mark.start:mark.end]) >= 1


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+")
_LEAD_IN_WORDS = 6


def _mixed_sequel(marks: list[MarkedQuote], used: set[int], i: int, text: str,
                  cues: list[Cue]) -> tuple[int, int] | None:
    """`"…," said Lopez. But "the members are tired. They want a deal."` / `"We have asked for years"
    for two more nurses`: the sentence after an attributed quotation of the same paragraph, with no cue
    of its own, whose quoted clause a few words of narration lead into or finish, goes on the same
    speaker's words, narration included (the whole sentence is the quote)."""
    mark = marks[i]
    para_start, para_end = _paragraph_bounds(text, mark.start)
    if i == 0 or i - 1 not in used or not mark.closed or marks[i - 1].start < para_start:
        return None
    quoted = text[mark.start:mark.end]
    if not _is_speech_like(quoted) or _title_case(quoted):
        return None
    ends = list(_SENTENCE_END.finditer(text, marks[i - 1].end, mark.start))
    if not ends:
        return None  # the same sentence as the attributed quotation
    start = ends[-1].end()
    if _words(text[start:mark.start]) > _LEAD_IN_WORDS or '"' in text[start:mark.start]:
        return None
    end = mark.end
    if not _ends_like_speech(mark, quoted) or not re.match(r"\s*(\n|$|[A-Z\"“])", text[mark.end:para_end]):
        stop = _SENTENCE_END.search(text + " ", mark.end, para_end + 1)
        end = min(stop.start() if stop else para_end, para_end)
        if '"' in text[mark.end:end]:
            return None
    if end == mark.end and start == mark.start:
        return None  # a whole quotation: the floating pass takes it
    if any(start <= cue.verb_start < end for cue in cues):
        return None
    return start, end


def find_candidates(doc: Doc, cleaned: Cleaned) -> list[Candidate]:
    """Every quote candidate in the parsed article, in text order.

    Three passes, most reliable first: quote marks with a cue right beside them (`"…," he said`,
    `she said: "…"`); then each cue's reported content (indirect, or mixed when it holds quoted
    words); then quote marks left over, attributed as floating quotes when they open a sentence.
    """
    text = cleaned.text
    excluded = [(h.start, h.end) for h in cleaned.not_body + cleaned.boilerplate]
    marks = [m for m in find_marked_quotes(text, cleaned.original) if not _inside_any(m.start, excluded)]
    cues, inside_unclosed = _usable_cues(doc, marks, excluded)
    candidates: list[Candidate] = []
    used: set[int] = set()

    for i, mark in enumerate(marks):
        # Beside a cue even a short quote counts when it ends like speech (`"No," he said`).
        quote_text = text[mark.start:mark.end]
        # ("We made mistakes", she said: British style puts the comma after the closing mark.)
        if not (_is_speech_like(quote_text) or mark.closed and _ends_like_speech(mark, quote_text)
                or mark.closed and text[mark.end:mark.end + 1] == "," or ends_before_cue(mark, text)
                or _runs_on(marks, i, text)):
            continue
        para_start, para_end = _paragraph_bounds(text, mark.start)
        closed = _close_before_cue(mark, inside_unclosed, text) if not mark.closed else None
        if closed is not None:
            used.add(i)
            end, cue = closed
            candidates.append(Candidate(mark.start, end, "direct", cue, cue.speaker, confidence=0.8))
            continue
        cue = _cue_after(mark, cues, text, para_end)
        if cue is not None and not (_is_speech_like(quote_text) or _opens_clause(text, mark.start, para_start)):
            cue = None  # `In her memoir, "Harbour of the Lost," Ross wrote`: a short title, not speech
        before = _cue_before(mark, cues, text, para_start) if cue is None else None
        cue = cue or before
        if cue is not None:
            used.add(i)
            # `"…," said Kowal, "and …"`: the second part of a quotation split by its cue is his, and
            # floating as the Canadian annotation marks it (the US one names him: the span is kept).
            second_part = before is not None and any(c.cue is not None and c.cue.verb_start == before.verb_start
                                                     and c.end <= before.verb_start for c in candidates)
            candidates.append(Candidate(mark.start, mark.end, "direct", cue, cue.speaker, floating=second_part,
                                        confidence=0.9))
            continue
        byline = (dash_byline(doc, text, mark.end) if mark.closed else []) or said_label(doc, text, mark.start, para_start)
        if byline:
            used.add(i)
            candidates.append(Candidate(mark.start, mark.end, "direct", None, byline[-1], confidence=0.85,
                                        speaker_tokens=tuple(byline)))

    for cue in cues:
        if cue.has_content:
            candidates.extend(_from_content(cue, marks, used, text))

    for i, mark in enumerate(marks):
        quote_text = text[mark.start:mark.end]
        if i in used:
            continue
        para_start, para_end = _paragraph_bounds(text, mark.start)
        if not (_is_speech_like(quote_text) or _short_sequel(marks, used, i, text)):
            # `criticized the tariff as "a farm tax"`: a short quoted phrase under a
            # person's verb is still their words.
            phrase = mark.closed and _words(quote_text) >= 2 and not _title_case(quote_text)
            governing = quoting_verb(doc, mark.start, mark.end) if phrase else None
            if governing is not None and not _starts_sentence(text, mark.start, para_start):
                used.add(i)
                candidates.append(Candidate(governing.content_start, mark.end, "mixed", governing,
                                            governing.speaker, confidence=0.5))
            continue
        if mark.closed and _is_title(quote_text):
            continue  # `author of "Harbour of the Lost," a memoir`: a title, whoever wrote it
        cue = _cue_preceding_sentence(mark, cues, text, doc)
        if cue is not None:
            used.add(i)
            # `He said:` closing a paragraph and the quotation opening the next: his, but set apart
            # from the cue as a floating quote is (as the US annotation marks it).
            apart = "\n" in text[cue.verb_end:mark.start]
            candidates.append(Candidate(mark.start, mark.end, "direct", cue, cue.speaker, floating=apart,
                                        confidence=0.85))
            continue
        governing = quoting_verb(doc, mark.start, mark.end) if mark.closed else None
        if governing is not None and not _starts_sentence(text, mark.start, para_start):
            used.add(i)
            candidates.append(Candidate(governing.content_start, mark.end, "mixed", governing, governing.speaker,
                                        confidence=0.6))
            continue
        sequel = _mixed_sequel(marks, used, i, text, cues)
        if sequel is not None:
            used.add(i)
            candidates.append(Candidate(sequel[0], sequel[1], "mixed", None, None, floating=True, confidence=0.6))
            continue
        paragraph = text[para_start:para_end]
        if not mark.closed and not _starts_sentence(text, mark.start, para_start):
            continue  # a stray opening mark inside a sentence, not a quote running on
        if _words(quote_text) >= 0.6 * _words(paragraph) or (
                _starts_sentence(text, mark.start, para_start) and _ends_like_speech(mark, quote_text)):
            used.add(i)
            # Still floating (no cue of its own), but the sentence before may name whose it is.
            lead_in = sentence_lead_in(doc, mark.start)
            candidates.append(Candidate(mark.start, mark.end, "direct", None, lead_in.speaker if lead_in else None,
                                        floating=True, confidence=0.7, runs_on=not mark.closed))
    candidates.extend(_from_label(item, text) for item in
                      find_labelled(doc, cleaned) + find_headline_cues(doc, cleaned) + find_posts(doc, cleaned))
    candidates.sort(key=lambda c: (c.start, c.end))
    return _drop_nested(candidates)


def _from_label(item: Labelled, text: str) -> Candidate:
    """`HOST: Welcome back.`: a transcript turn is verbatim speech; a headline's words are reported."""
    quoted = '"' in text[item.start:item.end]
    kind = "mixed" if item.headline and quoted else "indirect" if item.headline else "direct"
    return Candidate(item.start, item.end, kind, None, item.speaker[-1], confidence=0.8,
                     speaker_tokens=tuple(item.speaker))


def _outside_marks(text: str, start: int, end: int, marks: list[MarkedQuote]) -> str:
    """The words of text[start:end] that no quote mark pair covers."""
    chars = list(text[start:end])
    for mark in marks:
        for k in range(max(start, mark.start), min(end, mark.end)):
            chars[k - start] = " "
    return "".join(chars)


# Reports of one or two words that are whole: an answer ("said yes", "said no to the war", "said
# so") or an elliptical clause ("said he would", "said she could").
_SHORT_REPORT = re.compile(r"(?i)(?:yes|no|so)\b|(?:he|she|they|it|we|i|you) (?:would|could|will|can|did|does|do|"
                           r"was|is|were|had|has|should|might|must|may|wo|wouldn't|didn't|won't|can't)\b"
                           r"|to [a-z]+\b")


def _from_content(cue: Cue, marks: list[MarkedQuote], used: set[int], text: str) -> list[Candidate]:
    """The quote a cue's content makes: indirect without quote marks, direct when the marks cover it,
    mixed when quoted words sit inside reported speech."""
    cs, ce = cue.content_start, cue.content_end
    touching = [i for i, m in enumerate(marks) if _overlap(cs, ce, m.start, m.end) > 0]
    if not touching:
        enough = _words(text[cs:ce]) >= 3 or cue.splits_report and _words(text[cs:ce]) >= 1 \
            or bool(_SHORT_REPORT.match(text[cs:ce]))
        return [Candidate(cs, ce, "indirect", cue, cue.speaker, confidence=0.75)] if enough else []
    # `said "it makes me furious" whenever she drives past`: reported words after the quotation make
    # it a mixed quote, which replaces the direct one (see _drop_nested).
    runs_on = _words(text[max(marks[i].end for i in touching):ce]) >= 3
    all_used = all(i in used for i in touching)
    if all_used and any(marks[i].start <= cs + 1 for i in touching) and not runs_on:
        return []  # the content is a quote already attributed beside its marks
    if all_used and any(marks[i].end >= ce - 1 and text[cs:marks[i].start].rstrip().endswith(_DASHES)
                        for i in touching):
        return []  # `… - "All talk," he said - …`: the quotation set off by a dash is the report
    first = min(touching, key=lambda i: marks[i].start)
    if first in used and text[cs:marks[first].start].rstrip().endswith(":"):
        # `wrote to say why it was late: "Trust me, …," Ruiz wrote`: the quotation has its own cue;
        # this one reports what stands before the colon.
        end = cs + len(text[cs:marks[first].start].rstrip()) - 1
        before_colon = cue.verb_end <= cs and _words(text[cs:end]) >= 3  # not `… reason: "…," she said`
        return [Candidate(cs, end, "indirect", cue, cue.speaker, confidence=0.75)] if before_colon else []
    outside = _WORD.findall(_outside_marks(text, cs, ce, [marks[i] for i in touching]))
    if not outside or outside == ["that"]:
        found = []
        for i in touching:
            if i not in used and _is_speech_like(text[marks[i].start:marks[i].end]):
                used.add(i)
                found.append(Candidate(marks[i].start, marks[i].end, "direct", cue, cue.speaker, confidence=0.9))
        return found
    start = min([cs] + [marks[i].start for i in touching])
    end = max([ce] + [marks[i].end for i in touching])
    used.update(touching)
    return [Candidate(start, end, "mixed", cue, cue.speaker, confidence=0.8)]


def _drop_nested(candidates: list[Candidate]) -> list[Candidate]:
    """Keep one candidate where two overlap (a cue's content can contain a quote already taken)."""
    kept: list[Candidate] = []
    for cand in candidates:
        clash = next((k for k in kept if _overlap(k.start, k.end, cand.start, cand.end) > 0), None)
        if clash is None:
            kept.append(cand)
        elif (cand.end - cand.start) > (clash.end - clash.start) and cand.kind != "indirect" \
                or _labelled_turn_in(cand, clash):
            kept[kept.index(clash)] = cand
    return kept


def _labelled_turn_in(cand: Candidate, clash: Candidate) -> bool:
    """`"PENCE: Well, look, …`: a transcript turn quoted whole in the article opens with its label just
    inside the quotation mark; the label names the speaker the bare quotation lacks."""
    return cand.speaker_tokens != () and clash.cue is None and clash.speaker is None and clash.floating \
        and clash.start < cand.start <= clash.start + _LABEL_CHARS and cand.end <= clash.end + 1


_LABEL_CHARS = 52  # a transcript label's length at most, as labels._LABELLED reads it, with its mark and colon
