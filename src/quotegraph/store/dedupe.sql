-- quotegraph store, migration to schema version 3: what near-duplicate detection keeps between runs.

-- MinHash signature of each first copy (not of duplicates): NUM_PERM little-endian uint64 values.
CREATE TABLE IF NOT EXISTS article_minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    signature  BLOB NOT NULL
);

-- LSH bands of those signatures: articles sharing any (band, key) are candidate near-duplicates.
CREATE TABLE IF NOT EXISTS article_bands (
    band       INTEGER NOT NULL,
    key        INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;

-- Exact copies (same text, so same id) read from another source, e.g. the same wire story on a
-- second outlet. The article is stored once; this keeps where else it was seen.
CREATE TABLE IF NOT EXISTS article_copies (
    article_id TEXT NOT NULL REFERENCES articles(id),
    source     TEXT NOT NULL,
    outlet     TEXT,
    url        TEXT,
    run_id     INTEGER REFERENCES ingest_runs(id),
    PRIMARY KEY (article_id, source)
);
CREATE INDEX IF NOT EXISTS article_copies_outlet ON article_copies(outlet);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
