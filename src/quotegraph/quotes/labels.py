"""Punctuation frames: speech introduced by a label rather than a verb.

- Transcripts: `HOST: Welcome back.` / `Q: …` / `A: …`, a paragraph opened by a speaker's label.
- Headlines: `Ruiz: Bridge will not reopen` and `Mayor Says Bridge 'Will Not Reopen'`.

Labels are read off the text surface (a transcript label is in capitals and recurs, or names a
person of the article); the speaker is the label, resolved to a person by `people.in_article`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotegraph import lexicon
from quotegraph.clean import Cleaned

_HAS_LETTER = re.compile(r"[^\W\d_]")
# `LABEL: words` at the start of a paragraph; the label is short and holds no sentence punctuation.
_LABELLED = re.compile(r"[\"“]?(?P<label>[^\W\d_][^:\n.!?\"]{0,48}?(?:\.[^:\n.!?\"]{1,40})?)[ ]?:[ ]+(?P<content>\S[^\n]*)")
_INTERVIEW = {"Q", "A"}
# A headline's speaker is short: "Ruiz", "Gov. Dana Ruiz", "Ruiz to Teachers".
_HEADLINE_SPEAKER_WORDS = 6


@dataclass(frozen=True)
class Labelled:
    """Speech after a label: the content's characters and the label's tokens (the speaker)."""

    start: int
    end: int
    speaker: list[Token]
    headline: bool


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]


def _inside(position: int, spans) -> bool:
    return any(s.start <= position < s.end for s in spans)


def _tokens(doc: Doc, start: int, end: int, punctuation: bool = False) -> list[Token]:
    """The tokens of doc's characters start:end, without spaces (and without punctuation unless asked)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in span if not t.is_space and (punctuation or not t.is_punct)] if span is not None else []


def _is_capitals(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters)


def _names_person(tokens: list[Token], people: set[str]) -> bool:
    """The label is a person: a PERSON entity, or a name or surname of a person of the article."""
    words = [t.text for t in tokens if t.text.lower().rstrip(".") not in lexicon.HONORIFICS]
    if not words:
        return False
    if all(t.ent_type_ == "PERSON" for t in tokens if t.text in words):
        return True
    title = " ".join(w.title() if w.isupper() else w for w in words)
    return title in people or any(p.endswith(" " + title) for p in people)


def _titled_names(doc: Doc) -> set[str]:
    """Names the text gives a title or an honorific ("Mayor Ana Ruiz", "Ms Ruiz"), whatever the
    tagger made of them: a person's, for a label to name."""
    names = set()
    for token in doc:
        if token.pos_ != "PROPN" or token.i == 0 or token.ent_type_ not in ("", "PERSON"):
            continue
        before = doc[token.i - 1]
        if before.lower_.rstrip(".") in lexicon.HONORIFICS or before.lower_ in lexicon.ROLE_HEADS and before.text[:1].isupper():
            run = [token]
            while run[-1].i + 1 < len(doc) and doc[run[-1].i + 1].pos_ == "PROPN" and doc[run[-1].i + 1].ent_type_ in ("", "PERSON"):
                run.append(doc[run[-1].i + 1])
            names.add(" ".join(t.text for t in run))
    return names


def _is_title(tokens: list[Token]) -> bool:
    """"Mayor: …", "PM: …": a headline's bare title speaks for the one holding it."""
    return len(tokens) == 1 and lexicon.is_title_head(tokens[0].text)


def _is_source_noun(tokens: list[Token]) -> bool:
    """"Poll: …", "Report: …", "Insiders: …" (a survey, a document, unnamed sources): a document or an unnamed source speaks."""
    return len(tokens) == 1 and (tokens[0].lower_ in lexicon.DOCUMENT_NOUNS
                                 or tokens[0].lower_ in lexicon.UNNAMED_SOURCE_HEADS or tokens[0].lower_ == "insiders")


def _source_phrase(tokens: list[Token]) -> bool:
    """"Aid agencies: …", "Health officials: …": a short phrase headed by a source noun."""
    return 2 <= len(tokens) <= 3 and tokens[0].text[:1].isupper() and all(t.is_alpha for t in tokens) \
        and _source_noun(tokens[-1])


def _speaker_of(tokens: list[Token]) -> list[Token]:
    """"Ruiz to Teachers", "Ruiz on the Budget": the words before "to"/"on"."""
    for k, token in enumerate(tokens):
        if k and token.lower_ in ("to", "on", "at", "in", "about"):
            return tokens[:k]
    return tokens


def find_labelled(doc: Doc, cleaned: Cleaned) -> list[Labelled]:
    """Every labelled paragraph of the article (transcript turns, headline speech)."""
    text = cleaned.text
    found = []
    paragraphs = _paragraphs(text)
    first_start = paragraphs[0][0] if paragraphs else -1
    for start, end in paragraphs:
        if _inside(start, cleaned.boilerplate) or _inside(start, cleaned.captions):
            continue
        match = _LABELLED.match(text, start, end)
        if match is None:
            continue
        label = match.group("label").strip()
        if label.lower() in lexicon.NOT_SPEAKER_LABELS or label.split()[0].lower() in lexicon.NOT_SPEAKER_LABELS:
            continue
        tokens = _tokens(doc, match.start("label"), match.start("label") + len(label))
        if not tokens:
            continue
        headline = _inside(start, cleaned.headlines) or start == first_start
        found.append((start, end, match, label, tokens, headline))
    # A transcript names each speaker in full once and by surname after ("KATE RUIZ:", "RUIZ:"):
    # labels in capitals are counted by their last word. One label alone ("ENERGY:", "KEEPING
    # SCORE:" in a market report) is a section heading, not a speaker.
    capitals = Counter(label.split()[-1] for _, _, _, label, _, _ in found if _is_capitals(label))
    # (Read only when a paragraph has a label: most articles have none, and this walks every word.)
    people = {e.text for e in doc.ents if e.label_ == "PERSON"} | _titled_names(doc) if found else set()
    result = []
    for start, end, match, label, tokens, headline in found:
        content_end = end
        # (`"RUIZ: … already."`: a turn quoted whole ends before the closing mark.)
        ends = ' .\"”' if text[match.start()] in '"“' else " ."
        while content_end > match.start("content") and text[content_end - 1] in ends:
            content_end -= 1
        if label in _INTERVIEW:
            speaker = tokens if capitals["Q"] and capitals["A"] else []
        elif _is_capitals(label):
            recurs = capitals[label.split()[-1]] >= 2
            # ("PM: …" over the article: a headline's title in capitals speaks for its holder.)
            speaker = tokens if recurs or _names_person(tokens, people) or headline and _is_title(tokens) else []
        elif headline:
            speaker = _speaker_of(tokens)
            if len(speaker) > _HEADLINE_SPEAKER_WORDS or not (_source_phrase(speaker) or all(
                    t.text[:1].isupper() for t in speaker) and (_names_person(speaker, people)
                                                                or _is_source_noun(speaker) or _is_title(speaker))):
                speaker = []
        else:
            speaker = tokens if len(tokens) <= 3 and _names_person(tokens, people) else []
        # ("Ruiz: 1,769." under "Delegates won so far:" is a tally: speech has words.)
        if speaker and content_end > match.start("content") and _HAS_LETTER.search(text, match.start("content"),
                                                                                 content_end):
            result.append(Labelled(match.start("content"), content_end, speaker, headline))
    return result


def _said_forms() -> frozenset[str]:
    forms = set()
    irregular = {"say": ("says", "said"), "tell": ("tells", "told"), "write": ("writes", "wrote")}
    for lemma in lexicon.CUE_VERBS:
        if lemma in irregular:
            forms.update(irregular[lemma])
            continue
        forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"))
    return frozenset(forms)


_PRESENT_CUES = _said_forms()
_PLURAL_CUES = frozenset(lexicon.CUE_VERBS)  # "Doctors Say Flu Season Could Be Worst"
_HEADLINE_MARKS = {"'", '"'}
_TRAILING_LABEL = {":", "-", "—", "–", "--"}


def find_headline_cues(doc: Doc, cleaned: Cleaned) -> list[Labelled]:
    """A headline's speaker, cue and what was said: `Mayor Says Bridge 'Will Not Reopen'`,
    `Fares to rise in April, BC Ferries says`, `'We are not giving up,' vows striking nurse`,
    `Bridge will stay shut until spring: mayor`, `At least 12 dead in floods - officials`."""
    found = []
    for headline in cleaned.headlines:
        tokens = _tokens(doc, headline.start, headline.end, punctuation=True)
        item = _leading_cue(tokens, headline.end, cleaned.text)
        # A title-case headline's trailing words are as often a topic as a source ("…, NATO Allies
        # Say" / "…, Secretary General Says" over a report of the body): only sentence-case
        # headlines are read from the end.
        if item is None and not _title_case(tokens):
            item = _trailing_cue(tokens) or _trailing_label(tokens)
        if item is not None:
            found.append(item)
    return found


def _title_case(tokens: list[Token]) -> bool:
    words = [t for t in tokens if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words)


def _leading_cue(tokens: list[Token], end: int, text: str) -> Labelled | None:
    words = [t for t in tokens if not t.is_punct]
    for k, token in enumerate(words[1:_HEADLINE_SPEAKER_WORDS + 1], 1):
        plural = token.lower_ in _PLURAL_CUES and words[k - 1].tag_ in ("NNS", "NNPS")
        if token.lower_ not in _PRESENT_CUES and not plural:
            continue
        speaker = words[:k]  # ("Fed's Hale says …": a possessive belongs to the name)
        # ("Health minister says …": a sentence-case headline writes the source's noun in lowercase.)
        if not all(t.text[:1].isupper() or t.tag_ == "POS" and i or i and _source_noun(t)
                   for i, t in enumerate(speaker)) or k + 2 > len(words):
            return None
        start = words[k + 1].idx
        while end > start and text[end - 1] in " .":
            end -= 1
        return Labelled(start, end, speaker, True)
    return None


_SOURCE_NOUNS = lexicon.ROLE_HEADS | lexicon.UNNAMED_SOURCE_HEADS | lexicon.ORGANISATION_NOUNS


def _source_noun(token: Token) -> bool:
    """A lowercase title or source noun ("minister", "agencies"), as sentence-case headlines write them."""
    return token.is_lower and token.tag_ in ("NN", "NNS") and (
        token.lower_ in _SOURCE_NOUNS or token.lemma_.lower() in _SOURCE_NOUNS)


def _content_before(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The headline's words before tokens[k] (a comma, colon or dash), a closing mark kept."""
    content = tokens[:k]
    if k + 1 < len(tokens) and tokens[k + 1].text in _HEADLINE_MARKS:  # `'…,' vows …`
        content = tokens[:k + 2]
    elif content and content[-1].text in _HEADLINE_MARKS and tokens[0].text in _HEADLINE_MARKS:
        pass  # `'…', mayor says`
    words = [t for t in content if not t.is_punct]
    if len(words) < 3:
        return None
    first, last = content[0], content[-1]
    if last.text == "," or last.text in _TRAILING_LABEL:
        last = content[-2]
    return first.idx, last.idx + len(last.text)


def _looks_like_source(speaker: list[Token]) -> bool:
    """A headline's trailing speaker: a name, a title or a source noun ("mayor", "officials",
    "BC Ferries", "central bank chief"), never a clause."""
    if not 1 <= len(speaker) <= _HEADLINE_SPEAKER_WORDS or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in speaker):
        return False
    head = speaker[-1]
    return head.pos_ == "PROPN" or head.lower_ in lexicon.ROLE_HEADS or head.lemma_.lower() in lexicon.ROLE_HEADS \
        or head.lemma_.lower() in lexicon.UNNAMED_SOURCE_HEADS or head.lower_ in lexicon.UNNAMED_SOURCE_HEADS \
        or head.lemma_.lower() in lexicon.DOCUMENT_NOUNS or head.tag_ == "NNS"  # "…, say passenger groups"


def _trailing_cue(tokens: list[Token]) -> Labelled | None:
    """`…, BC Ferries says` / `…, says Education Secretary` / `'…,' vows striking nurse`."""
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    if not commas:
        return None
    k = commas[-1]
    rest = [t for t in tokens[k + 1:] if not t.is_punct]
    if len(rest) < 2:
        return None
    if rest[0].lower_ in _PRESENT_CUES or rest[0].lower_ in _PLURAL_CUES and rest[-1].tag_ in ("NNS", "NNPS"):
        speaker = rest[1:]  # (", say passenger groups": a plural source after its cue)
    elif rest[-1].lower_ in _PRESENT_CUES or rest[-1].lower_ in _PLURAL_CUES and rest[-2].tag_ in ("NNS", "NNPS"):
        speaker = rest[:-1]
    else:
        # "'…,' mayor vows after flood": a short phrase of when or why may follow the cue.
        cue = next((j for j, t in enumerate(rest[1:-1], 1) if t.lower_ in _PRESENT_CUES
                    and rest[j + 1].pos_ == "ADP" and len(rest) - j <= 5), None)
        if cue is None:
            return None
        speaker = rest[:cue]
    content = _content_before(tokens, k)
    if content is None or not _looks_like_source(speaker):
        return None
    return Labelled(content[0], content[1], speaker, True)


def _trailing_label(tokens: list[Token]) -> Labelled | None:
    """`Bridge will stay shut until spring: mayor` / `At least 12 dead in floods - officials`."""
    marks = [k for k, t in enumerate(tokens) if t.text in _TRAILING_LABEL]
    if not marks:
        return None
    k = marks[-1]
    speaker = [t for t in tokens[k + 1:] if not t.is_punct]
    if not speaker or len(speaker) > 4 or not _looks_like_source(speaker):
        return None
    content = _content_before(tokens, k)
    return Labelled(content[0], content[1], speaker, True) if content is not None else None


# An embedded post as pages print it: `Thank you, volunteers! — Amy Cole (@amycole) March 4, 2025`.
_POST_BYLINE = re.compile(r"(?P<content>\S.{8,}?)[ ]*[—―–-]{1,2}[ ]*(?P<name>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})"
                          r"[ ]\(@\w{1,30}\)(?:[ ]+[A-Z][a-z]+\.?[ ]\d{1,2},[ ]\d{4})?[ ]*$")


def find_posts(doc: Doc, cleaned: Cleaned) -> list[Labelled]:
    """Embedded social-media posts: a paragraph signed `— Name (@handle) date` is the named person's words."""
    found = []
    for start, end in _paragraphs(cleaned.text):
        if cleaned.text.find("(@", start, end) < 0:
            continue  # no handle, no post (and the pattern is slow to fail on a long paragraph)
        match = _POST_BYLINE.fullmatch(cleaned.text, start, end)
        if match is None or _inside(start, cleaned.boilerplate):
            continue
        speaker = _tokens(doc, match.start("name"), match.end("name"))
        content_end = match.end("content")
        while content_end > start and cleaned.text[content_end - 1] == " ":
            content_end -= 1
        if speaker:
            found.append(Labelled(match.start("content"), content_end, speaker, False))
    return found


# `"…" — Dr Omar Haddad, a virologist`: a dash after the quotation, then the speaker's name; the
# signature can stand on the quotation's next line (a pull quote).
_DASH_BYLINE = re.compile(r"[ ]*\n?[ ]*[—―–-]{1,2}[ ]*(?P<name>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,4})(?=[ ]*(?:,|$|\n|\(|\d))")


def dash_byline(doc: Doc, text: str, quote_end: int) -> list[Token]:
    """The speaker's name after a dash that follows a quotation (`"…" ― Ana Ortiz`), or []."""
    match = _DASH_BYLINE.match(text, quote_end)
    if match is None:
        return []
    tokens = _tokens(doc, match.start("name"), match.end("name"))
    return tokens if tokens and tokens[0].lower_ not in lexicon.NOT_SPEAKER_LABELS else []


# `Said Varga: "…"` / `Adds Dr. Ana Ortiz, "…"`: an inverted cue opening the sentence, then the name.
_SAID_LABEL = re.compile(r"(?:^|(?<=[.!?\"”’)])[ ]+|(?<=\n))(?:" + "|".join(w.title() for w in sorted(lexicon.OPENING_CUES))
                         + r")[ ]+(?P<name>[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})[ ]*[:,][ ]*$")


def said_label(doc: Doc, text: str, quote_start: int, paragraph_start: int) -> list[Token]:
    """The speaker named in an inverted cue that opens the quotation's sentence (`Said Varga: "…"`), or []."""
    match = _SAID_LABEL.search(text, paragraph_start, quote_start)
    if match is None:
        return []
    tokens = _tokens(doc, match.start("name"), match.end("name"))
    return tokens if tokens and tokens[0].lower_ not in lexicon.NOT_SPEAKER_LABELS else []
