"""The Parquet layout of a batch result: schema, Article+Document <-> rows, atomic shard writes, reading back.

One module owns the format, so `quotegraph batch` (writing) and `quotegraph load` (reading) cannot
drift apart. A result directory holds one file per input shard in each table directory:

    OUT/articles/<shard>.parquet   one row per article
    OUT/quotes/<shard>.parquet     one row per quote
    OUT/mentions/<shard>.parquet   one row per named-entity mention
    OUT/people/<shard>.parquet     one row per person as seen in one article
    OUT/about/<shard>.parquet      one row per entity a quote is about (records.About)
    OUT/_shards/<shard>.json       the marker: written last, says the shard is complete

Each table directory is a Parquet dataset that pandas, pyarrow, DuckDB or `dask.dataframe.read_parquet`
open directly. Rows keep the input order: articles in shard order, and the quotes, mentions and people
of an article in the order of its `Document`. `seq` (the article's position in its shard) ties child
rows to their article even when one text appears twice in a shard.
"""
from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from quotegraph.errors import BadInput
from quotegraph.records import About, Article, Document, Mention, Person, Quote, Role, Span, columns
from quotegraph.settings import ROW_GROUP_ARTICLES

FORMAT_VERSION = 1
TABLES = ("articles", "quotes", "mentions", "people", "about")
MARKER_DIR = "_shards"

_ARROW = {"int": pa.int32(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}
_SPAN = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
_ROLE = pa.struct([("title", pa.string()), ("organisation", pa.string()), ("joiner", pa.string())])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("seq", pa.int32()),                 # position of the article in its shard
        ("id", pa.string()),                 # content hash (records.content_id)
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),              # Document.title: the given title, else the headline found
        ("given_title", pa.string()),        # Article.title: what the input itself said
        ("published", pa.string()),          # YYYY-MM-DD or null
        ("authors", pa.list_(pa.string())),
        ("source", pa.string()),             # path:line or path#WARC-Record-ID
        ("text", pa.string()),
        ("boilerplate", pa.list_(_SPAN)),    # lines dropped by cleaning, offsets into text
    ]),
    # Every field of records.Quote, in order (their meaning is documented there and in docs/cluster.md).
    "quotes": pa.schema([
        ("seq", pa.int32()),
        ("article_id", pa.string()),
        *((c.name, _ARROW[c.kind]) for c in columns(Quote)),
    ]),
    "mentions": pa.schema([
        ("seq", pa.int32()),
        ("article_id", pa.string()),
        ("text", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("label", pa.string()),              # PERSON | ORG | GPE | NORP | LOC | FAC
        ("canonical", pa.string()),
    ]),
    "people": pa.schema([
        ("seq", pa.int32()),
        ("article_id", pa.string()),
        ("name", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("roles", pa.list_(_ROLE)),
        ("mention_count", pa.int32()),
        ("quote_count", pa.int32()),
        ("kind", pa.string()),
    ]),
    # Every field of records.About: `quote` is the quote's index among the article's quotes.
    "about": pa.schema([
        ("seq", pa.int32()),
        ("article_id", pa.string()),
        *((c.name, _ARROW[c.kind]) for c in columns(About)),
    ]),
}


def document_rows(seq: int, article: Article, doc: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for one extracted article."""
    article_row = {"seq": seq, "id": doc.id, "url": doc.url, "outlet": article.outlet, "title": doc.title,
                   "given_title": article.title, "published": doc.published,
                   "authors": list(article.authors), "source": article.source, "text": doc.text,
                   "boilerplate": [b.to_dict() for b in doc.boilerplate]}
    link = {"seq": seq, "article_id": doc.id}
    return {
        "articles": [article_row],
        "quotes": [{**link, **q.to_dict()} for q in doc.quotes],
        "mentions": [{**link, **m.to_dict()} for m in doc.mentions],
        "people": [{**link, "name": p.name, "aliases": list(p.aliases),
                    "roles": [{"title": r.title, "organisation": r.organisation, "joiner": r.joiner}
                              for r in p.roles],
                    "mention_count": p.mention_count, "quote_count": p.quote_count, "kind": p.kind}
                   for p in doc.people],
        "about": [{**link, **a.to_dict()} for a in doc.about],
    }


def _fields(record_type: type, row: dict[str, Any]) -> dict[str, Any]:
    return {f.name: row[f.name] for f in dataclasses.fields(record_type) if f.name in row}


def rows_document(article_row: dict[str, Any], children: dict[str, list[dict[str, Any]]]
                  ) -> tuple[Article, Document]:
    """The Article and Document that `document_rows` turned into these rows."""
    article = Article(text=article_row["text"], id=article_row["id"], title=article_row["given_title"],
                      url=article_row["url"], outlet=article_row["outlet"],
                      published=article_row["published"], authors=tuple(article_row["authors"] or ()),
                      source=article_row["source"])
    people = tuple(Person(name=p["name"], aliases=tuple(p["aliases"] or ()),
                          roles=tuple(Role(r["title"], r["organisation"], r.get("joiner")) for r in p["roles"] or ()),
                          mention_count=p["mention_count"], quote_count=p["quote_count"], kind=p["kind"])
                   for p in children["people"])
    doc = Document(text=article_row["text"], id=article_row["id"], title=article_row["title"],
                   published=article_row["published"], url=article_row["url"],
                   quotes=tuple(Quote(**_fields(Quote, q)) for q in children["quotes"]),
                   mentions=tuple(Mention(**_fields(Mention, m)) for m in children["mentions"]),
                   people=people, about=tuple(About(**_fields(About, a)) for a in children.get("about", ())),
                   boilerplate=tuple(Span(**b) for b in article_row["boilerplate"] or ()))
    return article, doc


# --- writing -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShardResult:
    """What a finished shard wrote: counts per table and the inputs inside it that failed."""

    shard: str
    inputs: tuple[str, ...]
    counts: dict[str, int]
    failures: tuple[dict[str, str], ...]  # {"source", "reason"}
    seconds: float = 0.0
    worker: str | None = None
    fingerprint: str = ""  # of the inputs' sizes and mtimes: a changed input is redone

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT_VERSION, "shard": self.shard, "inputs": list(self.inputs),
                "counts": self.counts, "failures": list(self.failures), "seconds": round(self.seconds, 3),
                "worker": self.worker, "fingerprint": self.fingerprint}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShardResult:
        return cls(shard=data["shard"], inputs=tuple(data["inputs"]), counts=dict(data["counts"]),
                   failures=tuple(data["failures"]), seconds=data.get("seconds", 0.0),
                   worker=data.get("worker"), fingerprint=data.get("fingerprint", ""))


def table_path(out_dir: Path, table: str, shard: str) -> Path:
    return out_dir / table / f"{shard}.parquet"


def marker_path(out_dir: Path, shard: str) -> Path:
    return out_dir / MARKER_DIR / f"{shard}.json"


class ShardWriter:
    """Writes one shard's tables to temporary files; `commit` renames them into place, marker last.

    A worker killed before `commit` leaves only hidden `.*.tmp` files (which Parquet dataset readers
    skip, and the next batch run sweeps); a shard is complete exactly when its marker exists. Two runs of the same
    shard (a task Dask re-ran) write identical files under the same final names, so nothing doubles.
    """

    def __init__(self, out_dir: Path, shard: str) -> None:
        self.out_dir = Path(out_dir)
        self.shard = shard
        self._tag = uuid.uuid4().hex[:12]
        self._buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.counts = dict.fromkeys(TABLES, 0)
        self._pending_articles = 0

    def _tmp(self, table: str) -> Path:
        return table_path(self.out_dir, table, self.shard).with_name(f".{self.shard}.{self._tag}.tmp")

    def add(self, seq: int, article: Article, doc: Document) -> None:
        for table, rows in document_rows(seq, article, doc).items():
            self._buffers[table].extend(rows)
            self.counts[table] += len(rows)
        self._pending_articles += 1
        if self._pending_articles >= ROW_GROUP_ARTICLES:
            self._flush()

    def _flush(self) -> None:
        for table in TABLES:
            rows = self._buffers[table]
            writer = self._writers.get(table)
            if writer is None:
                path = self._tmp(table)
                path.parent.mkdir(parents=True, exist_ok=True)
                writer = self._writers[table] = pq.ParquetWriter(path, SCHEMAS[table], compression="zstd")
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
            self._buffers[table] = []
        self._pending_articles = 0

    def commit(self, result: ShardResult) -> None:
        """Close the files, move them into place and write the marker (the shard's commit point)."""
        self._flush()
        for writer in self._writers.values():
            writer.close()
        for table in TABLES:
            os.replace(self._tmp(table), table_path(self.out_dir, table, self.shard))
        _write_json_atomic(marker_path(self.out_dir, self.shard), result.to_dict())

    def abort(self) -> None:
        for writer in self._writers.values():
            try:
                writer.close()
            except OSError:
                pass
        for table in TABLES:
            self._tmp(table).unlink(missing_ok=True)


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:12]}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


# --- reading -------------------------------------------------------------------------------------

def finished_shards(out_dir: Path) -> dict[str, ShardResult]:
    """Every complete shard of a result directory (those with a marker), by shard name."""
    markers = Path(out_dir) / MARKER_DIR
    found: dict[str, ShardResult] = {}
    for path in sorted(markers.glob("*.json")) if markers.is_dir() else ():
        try:
            found[path.stem] = ShardResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError) as exc:
            raise BadInput(f"unreadable shard marker ({exc})", source=str(path)) from exc
    return found


def read_table(out_dir: Path, table: str, shards: Sequence[str] | None = None) -> pa.Table:
    """One table of the result (finished shards only, in shard-name order) as a pyarrow Table."""
    names = sorted(shards if shards is not None else finished_shards(out_dir))
    parts = [pq.read_table(table_path(Path(out_dir), table, s), schema=SCHEMAS[table]) for s in names]
    return pa.concat_tables(parts) if parts else SCHEMAS[table].empty_table()


def _rows(path: Path, table: str) -> Iterator[dict[str, Any]]:
    if table == "about" and not path.exists():
        return  # a result written before quotes had their "about" table
    for batch in pq.ParquetFile(path).iter_batches(batch_size=2048):
        yield from pa.Table.from_batches([batch]).cast(SCHEMAS[table]).to_pylist()


def iter_shard_records(out_dir: Path, shard: str) -> Iterator[tuple[Article, Document]]:
    """The (Article, Document) pairs of one finished shard, streamed in input order.

    Child tables are in article order, so one pass over each file, grouped by `seq`, is enough.
    """
    out_dir = Path(out_dir)
    children = {t: _PeekableRows(_rows(table_path(out_dir, t, shard), t)) for t in TABLES[1:]}
    for article_row in _rows(table_path(out_dir, "articles", shard), "articles"):
        seq = article_row["seq"]
        yield rows_document(article_row, {t: rows.take_while_seq(seq) for t, rows in children.items()})
    leftover = [t for t, rows in children.items() if rows.peek() is not None]
    if leftover:
        raise BadInput(f"rows in {', '.join(leftover)} belong to no article", source=shard)


def iter_records(out_dir: Path, shards: Iterable[str] | None = None) -> Iterator[tuple[Article, Document]]:
    """Every (Article, Document) pair of a result directory: finished shards in name order."""
    for shard in sorted(shards if shards is not None else finished_shards(out_dir)):
        yield from iter_shard_records(out_dir, shard)


class _PeekableRows:
    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self._rows = rows
        self._next: dict[str, Any] | None = next(rows, None)

    def peek(self) -> dict[str, Any] | None:
        return self._next

    def take_while_seq(self, seq: int) -> list[dict[str, Any]]:
        taken = []
        while self._next is not None and self._next["seq"] == seq:
            taken.append(self._next)
            self._next = next(self._rows, None)
        return taken
