-- quotegraph store, migration to schema version 15: a person page whose cost follows the page, not
-- the person's number of quotes (store/person_pages.py). Before, the page counted every quote of the
-- person by month and grouped them by article on each first visit: ~200 ms of CPU at 1,000,000
-- quotes for a person quoted 95,000 times.
--
-- `person_months`: per person and month (the statement's own month when dated to the month, else
-- its article's; '' when neither), the quotes outside near-duplicate copies (`quotes`), those in
-- copies (`copies`), and the earliest and latest date of the former (`first`, `last`: the quote's
-- date, else its article's). `person_articles`: per person and article (copies left out), how many
-- quotes and the article's day (its publication date, else the person's earliest dated quote in it),
-- indexed newest first for the page's list of articles.
--
-- Kept as `person_stats` is (dated.sql, plans.sql): a quote arriving with a person, or given one where
-- it had none, is added at once by the triggers below; anything else (a quote moved between people,
-- its date or article changed, a copy marked, a deletion) marks the person in `person_stats_dirty`
-- through the triggers of stats.sql and dated.sql, and `stats.refresh` recounts them before the
-- writer commits. Readers use these tables only while nothing is pending (`stats.is_current`).

CREATE TABLE IF NOT EXISTS person_months (
    person_id INTEGER NOT NULL,
    month     TEXT NOT NULL,
    quotes    INTEGER NOT NULL,
    copies    INTEGER NOT NULL,
    first     TEXT,
    last      TEXT,
    PRIMARY KEY (person_id, month)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS person_articles (
    person_id  INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    day        TEXT,
    quotes     INTEGER NOT NULL,
    PRIMARY KEY (person_id, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS person_articles_recent ON person_articles(person_id, day DESC, article_id DESC);

CREATE TRIGGER IF NOT EXISTS person_pages_quote_insert AFTER INSERT ON quotes
WHEN new.person_id IS NOT NULL BEGIN
    INSERT INTO person_months(person_id, month, quotes, copies, first, last)
    SELECT new.person_id,
           COALESCE(CASE WHEN length(new.said_on) >= 7 THEN substr(new.said_on, 1, 7)
                         WHEN length(a.published) >= 7 THEN substr(a.published, 1, 7) END, ''),
           a.duplicate_of IS NULL, a.duplicate_of IS NOT NULL,
           CASE WHEN a.duplicate_of IS NULL THEN COALESCE(new.said_on, a.published) END,
           CASE WHEN a.duplicate_of IS NULL THEN COALESCE(new.said_on, a.published) END
    FROM articles a WHERE a.id = new.article_id
    ON CONFLICT(person_id, month) DO UPDATE SET
        quotes = quotes + excluded.quotes,
        copies = copies + excluded.copies,
        first = CASE WHEN excluded.first IS NOT NULL AND (first IS NULL OR excluded.first < first)
                     THEN excluded.first ELSE first END,
        last = CASE WHEN excluded.last IS NOT NULL AND (last IS NULL OR excluded.last > last)
                    THEN excluded.last ELSE last END;
    INSERT INTO person_articles(person_id, article_id, day, quotes)
    SELECT new.person_id, new.article_id, COALESCE(a.published, new.said_on), 1
    FROM articles a WHERE a.id = new.article_id AND a.duplicate_of IS NULL
    ON CONFLICT(person_id, article_id) DO UPDATE SET
        quotes = quotes + 1,
        day = CASE WHEN excluded.day IS NOT NULL AND (day IS NULL OR excluded.day < day)
                   THEN excluded.day ELSE day END;
END;

-- A person given to a quote that had none, nothing else changed: counted like an insert.
CREATE TRIGGER IF NOT EXISTS person_pages_quote_link AFTER UPDATE OF person_id ON quotes
WHEN old.person_id IS NULL AND new.person_id IS NOT NULL BEGIN
    INSERT INTO person_months(person_id, month, quotes, copies, first, last)
    SELECT new.person_id,
           COALESCE(CASE WHEN length(new.said_on) >= 7 THEN substr(new.said_on, 1, 7)
                         WHEN length(a.published) >= 7 THEN substr(a.published, 1, 7) END, ''),
           a.duplicate_of IS NULL, a.duplicate_of IS NOT NULL,
           CASE WHEN a.duplicate_of IS NULL THEN COALESCE(new.said_on, a.published) END,
           CASE WHEN a.duplicate_of IS NULL THEN COALESCE(new.said_on, a.published) END
    FROM articles a WHERE a.id = new.article_id
    ON CONFLICT(person_id, month) DO UPDATE SET
        quotes = quotes + excluded.quotes,
        copies = copies + excluded.copies,
        first = CASE WHEN excluded.first IS NOT NULL AND (first IS NULL OR excluded.first < first)
                     THEN excluded.first ELSE first END,
        last = CASE WHEN excluded.last IS NOT NULL AND (last IS NULL OR excluded.last > last)
                    THEN excluded.last ELSE last END;
    INSERT INTO person_articles(person_id, article_id, day, quotes)
    SELECT new.person_id, new.article_id, COALESCE(a.published, new.said_on), 1
    FROM articles a WHERE a.id = new.article_id AND a.duplicate_of IS NULL
    ON CONFLICT(person_id, article_id) DO UPDATE SET
        quotes = quotes + 1,
        day = CASE WHEN excluded.day IS NOT NULL AND (day IS NULL OR excluded.day < day)
                   THEN excluded.day ELSE day END;
END;

-- An article stored after its quotes (another tool's order of writes), or whose date changed: its
-- people recounted (person_stats' counts too: it missed the quotes whose article was not there).
CREATE TRIGGER IF NOT EXISTS person_pages_article_insert AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id)
    SELECT DISTINCT person_id FROM quotes WHERE article_id = new.id AND person_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS person_pages_article_published AFTER UPDATE OF published ON articles BEGIN
    INSERT OR IGNORE INTO person_stats_dirty(person_id)
    SELECT DISTINCT person_id FROM quotes WHERE article_id = new.id AND person_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS person_pages_person_delete AFTER DELETE ON people BEGIN
    DELETE FROM person_months WHERE person_id = old.id;
    DELETE FROM person_articles WHERE person_id = old.id;
END;

-- The person's statements (store/statements.py): how many (`person_statements`, kept by triggers on
-- `statements` whoever writes it), and their index newest first for the page's "carried by several
-- outlets" list (not holding `outlets`, which every quote joining a statement changes). A
-- statement's quotes are all its person's while `statement_dirty` is empty (statements.follow).
CREATE INDEX IF NOT EXISTS statements_person ON statements(person_id, first_seen DESC, id);
CREATE TABLE IF NOT EXISTS person_statements (
    person_id  INTEGER PRIMARY KEY,
    statements INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS person_statements_insert AFTER INSERT ON statements
WHEN new.person_id IS NOT NULL BEGIN
    INSERT INTO person_statements(person_id, statements) VALUES (new.person_id, 1)
    ON CONFLICT(person_id) DO UPDATE SET statements = statements + 1;
END;
CREATE TRIGGER IF NOT EXISTS person_statements_delete AFTER DELETE ON statements
WHEN old.person_id IS NOT NULL BEGIN
    UPDATE person_statements SET statements = statements - 1 WHERE person_id = old.person_id;
END;
CREATE TRIGGER IF NOT EXISTS person_statements_update AFTER UPDATE OF person_id ON statements
WHEN old.person_id IS NOT new.person_id BEGIN
    UPDATE person_statements SET statements = statements - 1 WHERE person_id = old.person_id;
    INSERT INTO person_statements(person_id, statements) SELECT new.person_id, 1 WHERE new.person_id IS NOT NULL
    ON CONFLICT(person_id) DO UPDATE SET statements = statements + 1;
END;

-- Each statement's outlets (store/statements.py, `_count_in`): a quote joining a statement adds its
-- outlet with one INSERT OR IGNORE, instead of looking through the statement's earlier quotes for the
-- same outlet (a walk that grew with the store: ingest, issue 14). Gone with their statement.
CREATE TABLE IF NOT EXISTS statement_outlets (
    statement_id INTEGER NOT NULL,
    outlet       TEXT NOT NULL,
    PRIMARY KEY (statement_id, outlet)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS statement_outlets_delete AFTER DELETE ON statements BEGIN
    DELETE FROM statement_outlets WHERE statement_id = old.id;
END;

-- What is already stored.
DELETE FROM statement_outlets;
INSERT OR IGNORE INTO statement_outlets(statement_id, outlet)
SELECT sq.statement_id, a.outlet FROM statement_quotes sq JOIN quotes q ON q.id = sq.quote_id
JOIN articles a ON a.id = q.article_id WHERE a.outlet IS NOT NULL;
DELETE FROM person_statements;
INSERT INTO person_statements(person_id, statements)
SELECT person_id, COUNT(*) FROM statements WHERE person_id IS NOT NULL GROUP BY person_id;
DELETE FROM person_months;
INSERT INTO person_months(person_id, month, quotes, copies, first, last)
SELECT q.person_id,
       COALESCE(CASE WHEN length(q.said_on) >= 7 THEN substr(q.said_on, 1, 7)
                     WHEN length(a.published) >= 7 THEN substr(a.published, 1, 7) END, '') AS m,
       SUM(a.duplicate_of IS NULL), SUM(a.duplicate_of IS NOT NULL),
       MIN(CASE WHEN a.duplicate_of IS NULL THEN COALESCE(q.said_on, a.published) END),
       MAX(CASE WHEN a.duplicate_of IS NULL THEN COALESCE(q.said_on, a.published) END)
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.person_id IS NOT NULL
GROUP BY q.person_id, m;
DELETE FROM person_articles;
INSERT INTO person_articles(person_id, article_id, day, quotes)
SELECT q.person_id, q.article_id, COALESCE(a.published, MIN(q.said_on)), COUNT(*)
FROM quotes q JOIN articles a ON a.id = q.article_id
WHERE q.person_id IS NOT NULL AND a.duplicate_of IS NULL
GROUP BY q.person_id, q.article_id;
