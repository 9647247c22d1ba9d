"""Limits, batch sizes and reach constants: every tunable number quotegraph works with, in one place.

Modules read these names (`settings.MAX_ARTICLE_CHARS`); change a value here, not in the module
that uses it. Word lists and patterns are data files (`quotegraph/data/`, read by `lexicon.py`);
thresholds internal to one extraction rule stay next to that rule. docs/limits.md lists every
limit a user can meet, what happens past it, and the exit codes.
"""
from __future__ import annotations

# --- reading ---------------------------------------------------------------------------------------
# Articles longer than this many characters are refused by the readers (`--max-chars`; a failure
# named E003, exit code 1), never cut.
MAX_ARTICLE_CHARS = 2_000_000
# An alias table is a small hand-made file; anything bigger is not one.
MAX_ALIAS_TABLE_BYTES = 20_000_000
# Markup outweighs text: an HTML page or WARC record may be this many bytes per --max-chars character.
HTML_BYTES_PER_CHAR = 5
# A JSONL line / CSV row may be this many bytes per --max-chars character, plus LINE_OVERHEAD_BYTES
# for JSON escapes and the other fields.
JSONL_BYTES_PER_CHAR = 4
LINE_OVERHEAD_BYTES = 1 << 16

# --- extraction ------------------------------------------------------------------------------------
# spaCy parses at most this many characters at once (its own limit is 1,000,000); a longer article
# is parsed whole, in pieces of at most PARSE_PIECE_CHARS cut at paragraph (else sentence, else
# word) boundaries, joined into one Doc. Smaller pieces bound the parser's memory: 1.1 M characters
# of prose peak at 0.67 GB RSS in 100,000-character pieces against 3.4 GB in one parse.
MAX_PARSE_CHARS = 1_000_000
PARSE_PIECE_CHARS = 100_000
# Articles per `nlp.pipe` batch (and per worker task) in `extract_many`.
EXTRACT_BATCH_SIZE = 16

# --- ingest ----------------------------------------------------------------------------------------
# Articles per write transaction in `Corpus.ingest` (also what the parser holds in flight).
INGEST_BATCH_SIZE = 64
# Parser processes by default.
DEFAULT_WORKERS = 1
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
PERSON_PAGE_ARTICLES = 200  # the person page lists this many articles (newest first) and says how many more

# --- web -------------------------------------------------------------------------------------------
MAX_LIMIT = 200          # rows per page
MAX_OFFSET = 1_000_000   # deep paging costs a scan; past this, narrow the filters instead
MAX_TEXT = 200           # characters in a search, speaker or outlet parameter
MAX_EXPORT = 10_000      # rows in one CSV/JSON download
MAX_ANALYZE_CHARS = 100_000  # characters of a text pasted to be analysed (nothing is stored)
MAX_ID = 2**63 - 1       # SQLite's largest integer: larger ids exist nowhere (404)
QUERY_SECONDS = 10.0     # SQL time one request may use (then 503)
# A results page (and /api/quotes) counts matches exactly up to this many, past it "200+".
COUNT_CAP = 200
MIN_TOKEN_CHARS = 16     # a token off loopback: at least this many characters ...
MIN_TOKEN_DISTINCT = 8   # ... and this many different ones ("aaaa..." is not a secret)

# --- person registry -------------------------------------------------------------------------------
# A title found in another article names the office holder only within this distance of their
# known tenure (days), so "the Prime Minister" of 2010 is not whoever held the office in 2022.
TITLE_WINDOW_DAYS = 366
# At most this many of a person's articles (the first linked) feed their co-occurring entity
# profile, the `person_entities` table the registry keeps (bounds its size per person).
PROFILE_ARTICLES = 200

# Statements (store/statements.py): a quote joins another of the same speaker in another article
# when at least this share of the shorter one's word 3-grams is in the longer one ...
STATEMENT_CONTAINMENT = 0.8
# ... and the shorter one has at least this many words (shorter lines are too common to join).
STATEMENT_MIN_WORDS = 6
# Candidates read per quote when matching (the most 3-grams shared first).
STATEMENT_CANDIDATES = 50
# Entities shown in a person's "talks most about" / "most talked about by" lists and picture.
NEIGHBOURS_SHOWN = 12
