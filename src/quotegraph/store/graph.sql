-- quotegraph store, migration to schema version 8: about whom each quote is (quotegraph.about), and
-- statements: the quotes of one speaker whose words match across articles (store/statements.py).

-- One row per entity mention inside a quote. A person's `entity` is the in-article name of
-- article_people (joined on article_id + name for the registry person); other kinds are looked up
-- by `entity_key`, the folded name (about.entity_key).
CREATE TABLE IF NOT EXISTS quote_about (
    quote_id   INTEGER NOT NULL REFERENCES quotes(id),
    article_id TEXT NOT NULL REFERENCES articles(id),
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    kind       TEXT NOT NULL,     -- person | organisation | place | group
    start      INTEGER NOT NULL,  -- the mention in articles.text ("he", "the group", "Taliban")
    "end"      INTEGER NOT NULL,
    via        TEXT NOT NULL DEFAULT 'name',  -- name | alias | pronoun | description
    PRIMARY KEY (quote_id, start, "end")
);
CREATE INDEX IF NOT EXISTS quote_about_key ON quote_about(entity_key);
CREATE INDEX IF NOT EXISTS quote_about_entity ON quote_about(article_id, entity);

-- A statement: one line of one speaker, however many articles quoted it.
CREATE TABLE IF NOT EXISTS statements (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER REFERENCES people(id),
    first_seen  TEXT,                        -- earliest occurrence: article published, else statement date
    occurrences INTEGER NOT NULL DEFAULT 0,  -- quotes
    outlets     INTEGER NOT NULL DEFAULT 0   -- distinct outlets of their articles
);
CREATE INDEX IF NOT EXISTS statements_first_seen ON statements(first_seen);
CREATE TABLE IF NOT EXISTS statement_quotes (
    quote_id     INTEGER PRIMARY KEY REFERENCES quotes(id),
    statement_id INTEGER NOT NULL REFERENCES statements(id)
);
CREATE INDEX IF NOT EXISTS statement_quotes_statement ON statement_quotes(statement_id);
-- Word 3-gram hashes of each quote with a registry speaker: the candidates a new quote is compared with.
CREATE TABLE IF NOT EXISTS statement_shingles (
    person_id INTEGER NOT NULL,
    shingle   INTEGER NOT NULL,
    quote_id  INTEGER NOT NULL,
    PRIMARY KEY (person_id, shingle, quote_id)
) WITHOUT ROWID;
-- Quotes whose person changed (the registry linked, merged, split or rebuilt): their statements are
-- redone by the store's next write (statements.follow), whoever made the change.
CREATE TABLE IF NOT EXISTS statement_dirty (
    quote_id INTEGER PRIMARY KEY
);
CREATE TRIGGER IF NOT EXISTS statement_person_changed AFTER UPDATE OF person_id ON quotes
WHEN old.person_id IS NOT new.person_id BEGIN
    INSERT OR IGNORE INTO statement_dirty(quote_id) VALUES (new.id);
END;
-- Stores that had quotes before this version get their statements on the next write.
INSERT OR REPLACE INTO meta(key, value)
SELECT 'statements', 'pending' WHERE EXISTS (SELECT 1 FROM quotes);
