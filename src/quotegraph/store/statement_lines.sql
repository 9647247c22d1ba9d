-- Migration 13 (issue 14): statements compare a new quote with each distinct line of its speaker
-- once, not with every stored occurrence, so a line quoted in a thousand articles costs a new quote
-- what a line quoted once does (store/statements.py).
-- A line: one speaker's distinct set of word 3-gram hashes (`key` hashes the set; `size` counts it).
-- While every quote of it is in one article, `article_id` is that article (those quotes may still be
-- in different statements); once two articles quote it, `article_id` is NULL and `statement_id` is the
-- one statement all its quotes are in.
CREATE TABLE IF NOT EXISTS statement_lines (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL,
    key          INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    article_id   TEXT,
    statement_id INTEGER,
    UNIQUE (person_id, key)
);
CREATE INDEX IF NOT EXISTS statement_lines_statement ON statement_lines(statement_id);
-- The shingles of each line (postings: one row per distinct line, however often it is quoted).
CREATE TABLE IF NOT EXISTS statement_line_shingles (
    person_id INTEGER NOT NULL,
    shingle   INTEGER NOT NULL,
    line_id   INTEGER NOT NULL,
    PRIMARY KEY (person_id, shingle, line_id)
) WITHOUT ROWID;
-- The line of each quote that has one (a registry speaker and enough words).
CREATE TABLE IF NOT EXISTS statement_line_quotes (
    quote_id INTEGER PRIMARY KEY,
    line_id  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS statement_line_quotes_line ON statement_line_quotes(line_id);
-- Stores whose statements were computed with the per-occurrence shingles redo them on the next write.
INSERT OR REPLACE INTO meta(key, value)
SELECT 'statements', 'pending' WHERE EXISTS (SELECT 1 FROM statement_quotes);
DROP TABLE IF EXISTS statement_shingles;
