"""Article in, records out: clean -> nlp -> quotes -> people -> Document. Pure apart from the model.

`extract_many` runs the extraction over a stream (in worker processes when asked); `extract_stream`
pairs each article with its document (or the exception it raised), which is what the ingest run
(`quotegraph.run`) and the Dask tasks (`quotegraph.distributed.run`) both consume.
"""
from __future__ import annotations

import dataclasses
import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from quotegraph import about, language, nlp, processes
from quotegraph.clean import Cleaned, clean
from quotegraph.dates import statement_date
from quotegraph.errors import BadInput, QuotegraphError
from quotegraph.people import in_article
from quotegraph.quotes import find_candidates
from quotegraph.records import Article, Document
from quotegraph.settings import EXTRACT_BATCH_SIZE, INGEST_BATCH_SIZE, MAX_PARSE_CHARS


@dataclass(frozen=True)
class ExtractOptions:
    """How to run the extraction: the spaCy pipeline (`model`, None = the default English one),
    parser processes (`workers`) and articles per batch (`batch_size`)."""

    model: str | None = None
    workers: int = 1
    batch_size: int = INGEST_BATCH_SIZE

    def __post_init__(self) -> None:
        # A batch of 0 would store nothing and one of -1 loop forever: refuse them at the source.
        for name in ("workers", "batch_size"):
            if getattr(self, name) < 1:
                raise QuotegraphError(f"{name} must be at least 1, not {getattr(self, name)}")


def extract(text: str, *, published: str | None = None, url: str | None = None,
            title: str | None = None, model: str | None = None) -> Document:
    """Every quote in `text` with its speaker resolved, the people and roles, and the boilerplate.

    `published` (ISO date) dates the statements. Offsets in the result index `text`.
    """
    article = Article(text=text, published=published, url=url, title=title)
    return next(extract_many([article], model=model))


def extract_many(articles: Iterable[Article | str], *, model: str | None = None, workers: int = 1,
                 batch_size: int = EXTRACT_BATCH_SIZE) -> Iterator[Document]:
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
                    about=about.find(doc, cleaned, quotes, people),
                    boilerplate=cleaned.boilerplate, title=article.title or _headline(cleaned),
                    published=article.published, url=article.url, id=article.id)


def _headline(cleaned: Cleaned) -> str | None:
    return cleaned.headlines[0].text.strip() if cleaned.headlines else None


def extract_stream(articles: Iterable[Article], options: ExtractOptions = ExtractOptions()
                   ) -> Iterator[tuple[Article, Document | Exception]]:
    """(article, document) in input order; an article the extraction chokes on comes with its exception.

    One `extract_many` call serves the whole stream (worker processes start once). If it raises,
    the articles it held are retried one by one to find the culprit, and the stream goes on.
    Raises at once a problem of the whole run (no model, bad option) rather than of one article.
    """
    articles = iter(articles)
    while True:
        in_flight: deque[Article] = deque()

        def feed(in_flight: deque[Article] = in_flight) -> Iterator[Article]:
            for article in articles:
                in_flight.append(article)
                yield article

        try:
            for document in extract_many(feed(), model=options.model, workers=options.workers,
                                         batch_size=options.batch_size):
                yield in_flight.popleft(), document
            return
        except Exception as exc:  # any failure of one article must not end the run
            if _setup_error(exc):
                raise
            for article in list(in_flight):
                try:
                    yield article, next(extract_many([article], model=options.model, workers=1))
                except Exception as exc:
                    if _setup_error(exc):
                        raise
                    yield article, exc


def _setup_error(exc: Exception) -> bool:
    """A problem of the whole run (no model, bad option), not of one article: stop and say so."""
    return isinstance(exc, QuotegraphError) and not isinstance(exc, BadInput)


def dated(article: Article, document: Document) -> Document:
    """`document` with the quotes the extraction left undated dated from their sentence and the
    article's publication date, when the article knows one the extraction did not see (an article
    stored with `--published`, or a document extracted before its date was known).

    The one place statement dates are filled after extraction; `dates.statement_date` decides.
    """
    published = article.published or document.published
    if not published or all(q.said_on is not None for q in document.quotes):
        return document
    quotes = []
    for quote in document.quotes:
        if quote.said_on is None:
            said_on, precision = statement_date(article.text[quote.context_start:quote.context_end], published)
            quote = dataclasses.replace(quote, said_on=said_on, said_on_precision=precision)
        quotes.append(quote)
    return dataclasses.replace(document, quotes=tuple(quotes))
