"""The quotegraph store: one plain SQLite file (WAL, FTS5) with articles, quotes and people.

The store reads and writes; it runs nothing else. `quotegraph.Corpus` (corpus.py) is the way in;
the schema is in `schema.sql` plus the migrations listed in `migrations.py`, documented in
docs/store.md.
"""
from __future__ import annotations

from quotegraph.store.migrations import SCHEMA_VERSION
from quotegraph.store.rows import AddReport, ArticleDetail, ArticleRow, IngestReport, PersonRow, QuoteRow, Rows

__all__ = ["SCHEMA_VERSION", "AddReport", "ArticleDetail", "ArticleRow", "IngestReport", "PersonRow",
           "QuoteRow", "Rows"]
