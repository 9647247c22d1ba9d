-- quotegraph store, migration to schema version 10: pages whose cost follows the page, not the matches.
--
-- 1. `quotes_dated`: the quote text indexed a second time, in the listing's order. Its rowid is
--    (99999999 - the quote's date key) times 2^34 plus the quote id, the date key being said_on as
--    YYYYMMDD (00 for an unknown month or day; 0 when undated or not an ISO date), so rowids
--    ascending are "newest statement first, then id ascending": exactly the order of every quote
--    listing, and the order FTS5 reads fastest. A full-text search reads its first page straight off
--    the index, and a date range is a rowid range, instead of fetching and sorting every match.
--    Contentless (only the index is kept); the quote id is the rowid's low 34 bits
--    (store/queries.py, `dated_key`).
-- 2. `person_stats` kept incrementally: a quote given a person adds one to their counts at once (the
--    article counted when it is the person's first quote in it); only moves away from a person, date
--    changes and deletions still mark the person for a recount.

CREATE VIRTUAL TABLE IF NOT EXISTS quotes_dated USING fts5(
    text, content='', tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS quotes_dated_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_dated(rowid, text) VALUES (
        (99999999 - (CASE WHEN new.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(new.said_on, 1, 4) || substr(new.said_on, 6, 2) || substr(new.said_on, 9, 2) AS INTEGER)
              WHEN new.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(new.said_on, 1, 4) || substr(new.said_on, 6, 2) || '00' AS INTEGER)
              WHEN new.said_on GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(new.said_on || '0000' AS INTEGER)
              ELSE 0 END)) * 17179869184 + new.id,
        new.text);
END;
CREATE TRIGGER IF NOT EXISTS quotes_dated_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_dated(quotes_dated, rowid, text) VALUES ('delete',
        (99999999 - (CASE WHEN old.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(old.said_on, 1, 4) || substr(old.said_on, 6, 2) || substr(old.said_on, 9, 2) AS INTEGER)
              WHEN old.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(old.said_on, 1, 4) || substr(old.said_on, 6, 2) || '00' AS INTEGER)
              WHEN old.said_on GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(old.said_on || '0000' AS INTEGER)
              ELSE 0 END)) * 17179869184 + old.id,
        old.text);
END;
CREATE TRIGGER IF NOT EXISTS quotes_dated_update AFTER UPDATE OF text, said_on ON quotes BEGIN
    INSERT INTO quotes_dated(quotes_dated, rowid, text) VALUES ('delete',
        (99999999 - (CASE WHEN old.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(old.said_on, 1, 4) || substr(old.said_on, 6, 2) || substr(old.said_on, 9, 2) AS INTEGER)
              WHEN old.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(old.said_on, 1, 4) || substr(old.said_on, 6, 2) || '00' AS INTEGER)
              WHEN old.said_on GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(old.said_on || '0000' AS INTEGER)
              ELSE 0 END)) * 17179869184 + old.id,
        old.text);
    INSERT INTO quotes_dated(rowid, text) VALUES (
        (99999999 - (CASE WHEN new.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(new.said_on, 1, 4) || substr(new.said_on, 6, 2) || substr(new.said_on, 9, 2) AS INTEGER)
              WHEN new.said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                  THEN CAST(substr(new.said_on, 1, 4) || substr(new.said_on, 6, 2) || '00' AS INTEGER)
              WHEN new.said_on GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(new.said_on || '0000' AS INTEGER)
              ELSE 0 END)) * 17179869184 + new.id,
        new.text);
END;

-- What is already stored (unless indexed already: a store set back to an older version and
-- migrated again keeps one entry per quote).
INSERT INTO quotes_dated(rowid, text)
SELECT (99999999 - (CASE WHEN said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 THEN CAST(substr(said_on, 1, 4) || substr(said_on, 6, 2) || substr(said_on, 9, 2) AS INTEGER)
             WHEN said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                 THEN CAST(substr(said_on, 1, 4) || substr(said_on, 6, 2) || '00' AS INTEGER)
             WHEN said_on GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(said_on || '0000' AS INTEGER)
             ELSE 0 END)) * 17179869184 + id,
       text
FROM quotes WHERE NOT EXISTS (SELECT 1 FROM quotes_dated_docsize);

-- Incremental person_stats: a quote arriving with a person, or a quote's person set where there was
-- none (the registry links quotes after writing them), is counted at once.
DROP TRIGGER IF EXISTS person_stats_quote_insert;
DROP TRIGGER IF EXISTS person_stats_quote_update;
CREATE TRIGGER IF NOT EXISTS person_stats_quote_insert AFTER INSERT ON quotes
WHEN new.person_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM articles WHERE id = new.article_id AND duplicate_of IS NULL) BEGIN
    INSERT INTO person_stats(person_id, quotes, articles, first_said, last_said)
    VALUES (new.person_id, 1, 1, new.said_on, new.said_on)
    ON CONFLICT(person_id) DO UPDATE SET
        quotes = quotes + 1,
        articles = articles + NOT EXISTS (SELECT 1 FROM quotes WHERE article_id = new.article_id
                                          AND person_id = new.person_id AND id != new.id),
        first_said = CASE WHEN new.said_on IS NOT NULL AND (first_said IS NULL OR new.said_on < first_said)
                          THEN new.said_on ELSE first_said END,
        last_said = CASE WHEN new.said_on IS NOT NULL AND (last_said IS NULL OR new.said_on > last_said)
                         THEN new.said_on ELSE last_said END;
END;
-- A quote whose article is not stored yet (another tool's order of writes): recounted at commit.
CREATE TRIGGER IF NOT EXISTS person_stats_quote_orphan AFTER INSERT ON quotes
WHEN new.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles WHERE id = new.article_id) BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id) VALUES (new.person_id);
END;
-- A person given to a quote that had none, nothing else changed: counted like an insert.
CREATE TRIGGER IF NOT EXISTS person_stats_quote_link AFTER UPDATE OF person_id ON quotes
WHEN old.person_id IS NULL AND new.person_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM articles WHERE id = new.article_id AND duplicate_of IS NULL) BEGIN
    INSERT INTO person_stats(person_id, quotes, articles, first_said, last_said)
    VALUES (new.person_id, 1, 1, new.said_on, new.said_on)
    ON CONFLICT(person_id) DO UPDATE SET
        quotes = quotes + 1,
        articles = articles + NOT EXISTS (SELECT 1 FROM quotes WHERE article_id = new.article_id
                                          AND person_id = new.person_id AND id != new.id),
        first_said = CASE WHEN new.said_on IS NOT NULL AND (first_said IS NULL OR new.said_on < first_said)
                          THEN new.said_on ELSE first_said END,
        last_said = CASE WHEN new.said_on IS NOT NULL AND (last_said IS NULL OR new.said_on > last_said)
                         THEN new.said_on ELSE last_said END;
END;
-- Anything else (a quote moved between people, its article or date changed): recount both people.
CREATE TRIGGER IF NOT EXISTS person_stats_quote_update AFTER UPDATE OF person_id, article_id, said_on ON quotes
WHEN NOT (old.person_id IS NULL AND new.person_id IS NOT NULL) BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id) SELECT old.person_id WHERE old.person_id IS NOT NULL;
    INSERT OR IGNORE INTO person_stats_dirty(person_id) SELECT new.person_id WHERE new.person_id IS NOT NULL;
END;
