"""Every size limit and threshold a user can meet, in one place (docs/limits.md lists them all).

Library, CLI and web read their bounds from here, so a limit is changed once and documented once.
"""
from __future__ import annotations

# -- articles --------------------------------------------------------------------------------
# The hard limit per article (`--max-chars`): a longer article is refused by name (error E003,
# exit code 1), never cut.
MAX_ARTICLE_CHARS = 2_000_000
# spaCy parses at most this many characters at once; a longer article is parsed whole, in pieces
# of at most PARSE_PIECE_CHARS cut at paragraph (else sentence, else word) boundaries, joined into
# one Doc. Smaller pieces bound the parser's memory: 1.1 M characters of prose peak at 0.66 GB RSS
# in 100,000-character pieces against 3.4 GB in one parse, and take 50 s instead of 90 s.
MAX_PARSE_CHARS = 1_000_000
PARSE_PIECE_CHARS = 100_000

# -- reading ---------------------------------------------------------------------------------
HTML_BYTES_PER_CHAR = 5        # markup outweighs text: a page may be this many bytes per --max-chars
JSONL_BYTES_PER_CHAR = 4       # a JSONL line / CSV row may be this many bytes per --max-chars ...
LINE_OVERHEAD_BYTES = 1 << 16  # ... plus this, for JSON escapes and the other fields

# -- ingest ----------------------------------------------------------------------------------
MAX_REPORTED_FAILURES = 1000   # failures listed in an ingest report (all are kept in ingest_failures)
INGEST_BATCH_SIZE = 64        # articles per committed transaction
DEFAULT_WORKERS = 1            # parser processes

# -- queries (library and CLI) --------------------------------------------------------------
MAX_QUERY_ROWS = 10_000        # rows one `quotes`/`articles`/`people` call returns (page with offset)

# -- web -------------------------------------------------------------------------------------
MAX_LIMIT = 200          # rows per page
MAX_OFFSET = 1_000_000   # deep paging costs a scan; past this, narrow the filters instead
MAX_TEXT = 200           # characters in a search, speaker or outlet parameter
MAX_EXPORT = 10_000      # rows in one CSV/JSON download
MAX_ID = 2**63 - 1       # SQLite's largest integer: larger ids exist nowhere (404)
QUERY_SECONDS = 10.0     # SQL time one request may use (then 503)
MIN_TOKEN_CHARS = 16     # a token off loopback: at least this many characters ...
MIN_TOKEN_DISTINCT = 8   # ... and this many different ones ("aaaa..." is not a secret)
