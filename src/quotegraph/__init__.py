"""quotegraph: who said what, about whom, and when, from news articles.

    >>> import quotegraph
    >>> doc = quotegraph.extract('"We will stay," NATO Secretary General Jens Stoltenberg said.')
    >>> doc.quotes[0].person
    'Jens Stoltenberg'
"""
from __future__ import annotations

from typing import Any

from quotegraph.errors import QuotegraphError
from quotegraph.pipeline import extract, extract_many
from quotegraph.records import Article, Document, Mention, Person, Quote, Role, Span

__all__ = ["extract", "extract_many", "Corpus", "QuoteFilter", "Article", "Document", "Quote", "Person", "Role",
           "Mention", "Span", "QuotegraphError"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The store pulls in more than extraction needs; load it on first use.
    if name in ("Corpus", "QuoteFilter"):
        from quotegraph import corpus

        return getattr(corpus, name)
    raise AttributeError(name)
