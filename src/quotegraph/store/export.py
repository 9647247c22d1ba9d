"""Quotes out of the store into files other tools read: Parquet (pyarrow), CSV, JSON Lines.

Rows are streamed in chunks, so an export of millions of quotes never sits in memory. The columns
are the fields of `QuoteRow`, in order, with the types of `EXPORT_SCHEMA` (documented in docs/store.md).
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from quotegraph.csvout import write_csv
from quotegraph.errors import BadQuery, StoreError
from quotegraph.records import columns
from quotegraph.store.rows import QuoteRow

FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
COLUMNS = tuple(f.name for f in dataclasses.fields(QuoteRow))
_TYPES = {"int": "int64", "float": "float64", "bool": "bool", "str": "string"}
# Derived from QuoteRow's field types (records.columns), so the export follows the record.
EXPORT_SCHEMA = {c.name: _TYPES[c.kind] for c in columns(QuoteRow)}
CHUNK = 10_000


def export_format(target: Path, fmt: str | None = None) -> str:
    """The format named by `fmt` or by the target's extension; BadQuery when neither says."""
    if fmt:
        if fmt not in set(FORMATS.values()):
            raise BadQuery(f"export format must be parquet, csv or jsonl, not {fmt!r}")
        return fmt
    found = FORMATS.get(target.suffix.lower())
    if not found:
        raise BadQuery(f"cannot tell the export format from {target.name!r}; "
                       "name it .parquet, .csv or .jsonl (or pass a format)")
    return found


def _write_parquet(rows: Iterable[QuoteRow], target: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(), "string": pa.string()}
    schema = pa.schema([(name, types[kind]) for name, kind in EXPORT_SCHEMA.items()])
    count = 0
    iterator = iter(rows)
    with pq.ParquetWriter(str(target), schema, compression="zstd") as writer:
        while chunk := list(islice(iterator, CHUNK)):
            columns = {name: [getattr(r, name) for r in chunk] for name in COLUMNS}
            writer.write_table(pa.table(columns, schema=schema))
            count += len(chunk)
    return count


def _write_csv(rows: Iterable[QuoteRow], target: Path) -> int:
    with target.open("w", encoding="utf-8", newline="") as fh:
        return write_csv(fh, COLUMNS, (dataclasses.astuple(row) for row in rows))


def _write_jsonl(rows: Iterable[QuoteRow], target: Path) -> int:
    count = 0
    with target.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def export_quotes(rows: Iterable[QuoteRow], target: Path, *, fmt: str | None = None) -> int:
    """Write `rows` to `target` (replaced if it exists); returns how many were written.

    Written to a temporary name first and renamed, so a failed export never leaves half a file.
    """
    kind = export_format(target, fmt)
    writer = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}[kind]
    partial = target.with_name(target.name + ".partial")
    try:
        count = writer(rows, partial)
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write the export ({exc.strerror or exc})", source=str(target)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
