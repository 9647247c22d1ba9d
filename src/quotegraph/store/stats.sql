-- quotegraph store, migration to schema version 4: per-person counts kept up to date, so "most
-- quoted" is an index read rather than an aggregate over every quote.
-- Quotes in near-duplicate copies are not counted (a syndicated statement counts once).

CREATE TABLE IF NOT EXISTS person_stats (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id),
    quotes     INTEGER NOT NULL,
    articles   INTEGER NOT NULL,
    first_said TEXT,
    last_said  TEXT
);
CREATE INDEX IF NOT EXISTS person_stats_quotes ON person_stats(quotes);

-- People whose counts changed in the current write; triggers fill it, whoever writes (the store,
-- the person registry, a user's SQL), and the store recounts them before its transaction commits.
-- While it is not empty, readers count from the quotes themselves.
CREATE TABLE IF NOT EXISTS person_stats_dirty (
    person_id INTEGER PRIMARY KEY
);

CREATE TRIGGER IF NOT EXISTS person_stats_quote_insert AFTER INSERT ON quotes
WHEN new.person_id IS NOT NULL BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id) VALUES (new.person_id);
END;
CREATE TRIGGER IF NOT EXISTS person_stats_quote_update AFTER UPDATE OF person_id, article_id, said_on ON quotes BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id) SELECT old.person_id WHERE old.person_id IS NOT NULL;
    INSERT OR IGNORE INTO person_stats_dirty(person_id) SELECT new.person_id WHERE new.person_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS person_stats_quote_delete AFTER DELETE ON quotes
WHEN old.person_id IS NOT NULL BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id) VALUES (old.person_id);
END;
CREATE TRIGGER IF NOT EXISTS person_stats_article_duplicate AFTER UPDATE OF duplicate_of ON articles BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id)
    SELECT DISTINCT person_id FROM quotes WHERE article_id = new.id AND person_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS person_stats_person_delete AFTER DELETE ON people BEGIN
    DELETE FROM person_stats WHERE person_id = old.id;
END;

-- Counts for what is already stored.
INSERT OR REPLACE INTO person_stats(person_id, quotes, articles, first_said, last_said)
SELECT q.person_id, COUNT(*), COUNT(DISTINCT q.article_id), MIN(q.said_on), MAX(q.said_on)
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.person_id IS NOT NULL AND a.duplicate_of IS NULL
GROUP BY q.person_id;
