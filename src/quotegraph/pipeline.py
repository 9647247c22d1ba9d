"""Article in, records out: clean -> nlp -> quotes -> people -> Document. Pure apart from the model."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from quotegraph import nlp
from quotegraph.clean import clean
from quotegraph.people import in_article
from quotegraph.quotes import find_candidates
from quotegraph.records import Article, Document

# Articles beyond this many characters are refused rather than parsed for minutes.
MAX_ARTICLE_CHARS = 1_000_000


def extract(text: str, *, published: str | None = None, url: str | None = None,
            title: str | None = None, model: str | None = None) -> Document:
    """Every quote in `text` with its speaker resolved, the people and roles, and the boilerplate.

    `published` (ISO date) dates the statements. Offsets in the result index `text`.
    """
    article = Article(text=text, published=published, url=url, title=title)
    return next(extract_many([article], model=model))


def extract_many(articles: Iterable[Article | str], *, model: str | None = None, workers: int = 1,
                 batch_size: int = 16) -> Iterator[Document]:
    """`extract` over many articles, parsed in batches by `nlp.pipe` (in `workers` processes)."""
    items = (a if isinstance(a, Article) else Article(text=a) for a in articles)
    pairs = ((clean(a.text[:MAX_ARTICLE_CHARS]), a) for a in items)
    texts_and_context = ((c.text, (c, a)) for c, a in pairs)
    for doc, (cleaned, article) in nlp.load(model).pipe(texts_and_context, as_tuples=True,
                                                         batch_size=batch_size, n_process=max(1, workers)):
        yield build_document(doc, cleaned, article)


def build_document(doc, cleaned, article: Article) -> Document:
    """Records for one parsed article (the per-article core; also what Dask tasks run)."""
    candidates = find_candidates(doc, cleaned)
    people, mentions, quotes = in_article.resolve(doc, cleaned, candidates, published=article.published)
    return Document(text=article.text, quotes=tuple(quotes), people=tuple(people), mentions=tuple(mentions),
                    boilerplate=cleaned.boilerplate, title=article.title or _headline(cleaned),
                    published=article.published, url=article.url, id=article.id)


def _headline(cleaned) -> str | None:
    return cleaned.headlines[0].text.strip() if cleaned.headlines else None
