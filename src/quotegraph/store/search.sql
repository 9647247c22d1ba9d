-- quotegraph store, migration to schema version 2: full-text search and read-only views.
-- FTS5 tables are "external content" tables: they index the rows of `quotes` and `articles` and are
-- kept in step by the triggers below, so nothing outside SQL has to remember to update them.

-- Quote text, the speaker mention and the resolved in-article name. The speaker filter matches the
-- last two columns, the text search the first.
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text, speaker, person,
    content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker, person) VALUES (new.id, new.text, new.speaker, new.person);
END;
CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker, person)
    VALUES ('delete', old.id, old.text, old.speaker, old.person);
END;
CREATE TRIGGER IF NOT EXISTS quotes_fts_update AFTER UPDATE OF text, speaker, person ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker, person)
    VALUES ('delete', old.id, old.text, old.speaker, old.person);
    INSERT INTO quotes_fts(rowid, text, speaker, person) VALUES (new.id, new.text, new.speaker, new.person);
END;

-- Article title and text. `articles` has a text primary key, so the index follows its implicit
-- rowid; after a VACUUM run `INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')`.
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text,
    content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- One row per quote with its article and person: what a Datasette user wants to browse.
CREATE VIEW IF NOT EXISTS quotes_full AS
SELECT q.id, q.text, q.kind, q.speaker, q.person, q.person_id, p.name AS person_name, q.source_kind,
       q.cue, q.said_on, q.said_on_precision, q.confidence, q.start, q."end",
       a.id AS article_id, a.title, a.outlet, a.url, a.published, a.duplicate_of
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN people p ON p.id = q.person_id;

-- People with their counts; quotes in near-duplicate copies of an article are not counted twice.
CREATE VIEW IF NOT EXISTS people_counts AS
SELECT p.id, p.name, p.kind,
       COUNT(q.id) AS quotes,
       COUNT(DISTINCT q.article_id) AS articles
FROM people p
LEFT JOIN quotes q ON q.person_id = p.id
    AND q.article_id IN (SELECT id FROM articles WHERE duplicate_of IS NULL)
GROUP BY p.id;
