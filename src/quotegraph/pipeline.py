"""Article in, records out: clean -> nlp -> quotes -> people -> Document. Pure apart from the model."""
from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator

from quotegraph import language, nlp, processes
from spacy.tokens import Doc

from quotegraph.clean import Cleaned, clean
from quotegraph.errors import QuotegraphError
from quotegraph.people import in_article
from quotegraph.quotes import find_candidates
from quotegraph.records import Article, Document
from quotegraph.settings import MAX_PARSE_CHARS


def extract(text: str, *, published: str | None = None, url: str | None = None,
            title: str | None = None, model: str | None = None) -> Document:
    """Every quote in `text` with its speaker resolved, the people and roles, and the boilerplate.

    `published` (ISO date) dates the statements. Offsets in the result index `text`.
    """
    article = Article(text=text, published=published, url=url, title=title)
    return next(extract_many([article], model=model))


def extract_many(articles: Iterable[Article | str], *, model: str | None = None, workers: int = 1,
                 batch_size: int = 16) -> Iterator[Document]:
    """`extract` over many articles, in input order, streamed.

    With `workers` > 1 each worker process loads the model once and runs the whole per-article
    extraction (not only the parse), so the work scales with processes; at most two batches per
    worker are in flight, so memory stays bounded however long the input.
    """
    if batch_size < 1:
        # nlp.pipe would yield nothing at 0 and fail at -1: say so instead.
        raise QuotegraphError(f"batch_size must be at least 1, not {batch_size}")
    items = (a if isinstance(a, Article) else Article(text=a) for a in articles)
    if workers <= 1:
        yield from _extract_serial(items, model, batch_size)
        return
    # fork, as spaCy's own n_process does: no re-import of the caller's __main__, workers start fast.
    start = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(start)
    with context.Pool(workers, initializer=_start_worker, initargs=(model,)) as pool:
        pending: deque = deque()
        for chunk in _chunks(items, batch_size):
            pending.append(pool.apply_async(_extract_chunk, (chunk, model, batch_size)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _start_worker(model: str | None) -> None:
    """A pool worker: ends with the parent (see quotegraph.processes), then loads the model once."""
    processes.worker_start()
    nlp.load(model)


def _extract_serial(articles: Iterable[Article], model: str | None, batch_size: int) -> Iterator[Document]:
    pipeline = nlp.load(model)
    pairs = ((clean(a.text), a) for a in articles)
    # Articles longer than one parse are parsed whole in pieces; runs of the others go through
    # `pipe` in batches as before. Input order is kept either way.
    for long, run in itertools.groupby(pairs, key=lambda pair: len(pair[0].text) > MAX_PARSE_CHARS):
        if long:
            for cleaned, article in run:
                yield build_document(nlp.parse_whole(pipeline, cleaned.text), cleaned, article)
            continue
        texts_and_context = ((c.text, (c, a)) for c, a in run)
        for doc, (cleaned, article) in pipeline.pipe(texts_and_context, as_tuples=True, batch_size=batch_size):
            yield build_document(doc, cleaned, article)


def _extract_chunk(articles: list[Article], model: str | None, batch_size: int) -> list[Document]:
    """What one worker process does with one batch."""
    return list(_extract_serial(articles, model, batch_size))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_document(doc: Doc, cleaned: Cleaned, article: Article) -> Document:
    """Records for one parsed article (the per-article core; also what Dask tasks run).

    An article not in English gets no quotes and says why in `skipped`.
    """
    skipped = language.detect(cleaned.text)
    if skipped is not None:
        return Document(text=article.text, boilerplate=cleaned.boilerplate, title=article.title,
                        published=article.published, url=article.url, id=article.id, skipped=skipped)
    candidates = find_candidates(doc, cleaned)
    people, mentions, quotes = in_article.resolve(doc, cleaned, candidates, published=article.published)
    return Document(text=article.text, quotes=tuple(quotes), people=tuple(people), mentions=tuple(mentions),
                    boilerplate=cleaned.boilerplate, title=article.title or _headline(cleaned),
                    published=article.published, url=article.url, id=article.id)


def _headline(cleaned: Cleaned) -> str | None:
    return cleaned.headlines[0].text.strip() if cleaned.headlines else None
