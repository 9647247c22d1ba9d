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
from quotegraph.pipeline import build_document
from quotegraph.records import Article

for _name in ("quotes", "people", "boilerplate"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())


class QuotegraphComponent:
    """Sets `doc._.quotes`, `doc._.people` and `doc._.boilerplate` from the doc's own parse."""

    def __call__(self, doc: Doc) -> Doc:
        document = build_document(doc, clean(doc.text), Article(text=doc.text))
        doc._.quotes = document.quotes
        doc._.people = document.people
        doc._.boilerplate = document.boilerplate
        return doc


@Language.factory("quotegraph")
def make_quotegraph(nlp: Language, name: str) -> QuotegraphComponent:
    return QuotegraphComponent()
