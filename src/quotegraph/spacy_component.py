"""quotegraph as a spaCy pipeline component, for people who run their own pipelines.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("quotegraph")
    doc = nlp(text)
    doc._.quotes, doc._.people      # records.Quote / records.Person, offsets into doc.text

The component reads the parse it is given (of the raw text), so results can differ slightly from
`quotegraph.extract`, which parses the cleaned text (typographic quotes and odd spaces normalised).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quotegraph.clean import clean
from quotegraph.people import in_article
from quotegraph.quotes import find_candidates

for _name in ("quotes", "people", "boilerplate"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())


class QuotegraphComponent:
    """Sets `doc._.quotes`, `doc._.people` and `doc._.boilerplate` from the doc's own parse."""

    def __call__(self, doc: Doc) -> Doc:
        cleaned = clean(doc.text)
        people, _, quotes = in_article.resolve(doc, cleaned, find_candidates(doc, cleaned))
        doc._.quotes = tuple(quotes)
        doc._.people = tuple(people)
        doc._.boilerplate = cleaned.boilerplate
        return doc


@Language.factory("quotegraph")
def make_quotegraph(nlp: Language, name: str) -> QuotegraphComponent:
    return QuotegraphComponent()
