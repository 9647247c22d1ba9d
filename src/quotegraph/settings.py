"""Limits, batch sizes and reach constants: every tunable number quotegraph works with, in one place.

Modules read these names (`settings.MAX_ARTICLE_CHARS`); change a value here, not in the module
that uses it. Word lists and patterns are data files (`quotegraph/data/`, read by `lexicon.py`);
thresholds internal to one extraction rule stay next to that rule.
"""
from __future__ import annotations

# --- reading ---------------------------------------------------------------------------------------
# Articles longer than this many characters are refused by the readers (a failure, reported).
MAX_ARTICLE_CHARS = 2_000_000
# An alias table is a small hand-made file; anything bigger is not one.
MAX_ALIAS_TABLE_BYTES = 20_000_000

# --- extraction ------------------------------------------------------------------------------------
# The parser sees at most this many characters of an article (spaCy's own limit is 1,000,000).
MAX_PARSE_CHARS = 1_000_000
# Articles per `nlp.pipe` batch (and per worker task) in `extract_many`.
EXTRACT_BATCH_SIZE = 16

# --- ingest ----------------------------------------------------------------------------------------
# Articles per write transaction in `Corpus.ingest` (also what the parser holds in flight).
INGEST_BATCH_SIZE = 64
# Pairs per write transaction in `Corpus.add`.
ADD_BATCH_SIZE = 256
# Articles per write transaction in a `watch` poll (small: news arrives a few at a time).
POLL_BATCH_SIZE = 16
# An ingest report lists at most this many failures; the store's `ingest_failures` has them all.
MAX_REPORTED_FAILURES = 1000

# --- Dask batch ------------------------------------------------------------------------------------
# Loose one-article files (text, HTML) are grouped, so a folder of 100,000 files is not 100,000 tasks.
FILES_PER_SHARD = 500
# Task retries on an exception; a lost worker is handled by Dask's own rescheduling
# (`distributed.scheduler.allowed-failures`), which does not count against these.
TASK_RETRIES = 2
# Rows buffered per Parquet table before a row group is written: bounds a worker's memory on big shards.
ROW_GROUP_ARTICLES = 500

# --- queries ---------------------------------------------------------------------------------------
# Rows one query may return (`limit`).
MAX_QUERY_ROWS = 10_000
# Characters in a person timeline's `about` term.
MAX_ABOUT_CHARS = 200

# --- person registry -------------------------------------------------------------------------------
# A title found in another article names the office holder only within this distance of their
# known tenure (days), so "the Prime Minister" of 2010 is not whoever held the office in 2022.
TITLE_WINDOW_DAYS = 366
# At most this many of a person's articles (the first linked) feed their co-occurring entity
# profile, the `person_entities` table the registry keeps (bounds its size per person).
PROFILE_ARTICLES = 200
