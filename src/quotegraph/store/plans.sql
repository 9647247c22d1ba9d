-- quotegraph store, migration to schema version 11: plans that stay cheap on a large store.
--
-- 1. The person counts' insert triggers look up
-- "another quote of this person in this article" by the article (about 20 rows), never by the
-- person. Without planner statistics (a new store, or any store between ANALYZEs) SQLite chose
-- `quotes(person_id, said_on)`, reading every quote of the person for each quote written: writes
-- slowed down as the most quoted people grew (13 of 22 s when generating 40,000 quotes).
-- `+q.person_id` keeps that term off the index; the triggers are otherwise those of version 10.
-- 2. A person's page counts their quotes by month and by article (registry/timeline.py): with these
--    two covering indexes it reads index entries only, not every quote row and article row (an
--    article's `duplicate_of` and `published` sit behind its text), 2-3 times faster for a person
--    quoted 100,000 times.
CREATE INDEX IF NOT EXISTS quotes_person_article ON quotes(person_id, article_id, said_on);
CREATE INDEX IF NOT EXISTS articles_copy ON articles(id, duplicate_of, published);
-- 3. Listings are newest statement first, then id ascending. `quotes(said_on)` read backwards gives
--    ids descending within a date, so SQLite sorted each date's quotes before the first row of a
--    page: at 10,000,000 quotes a day holds ~2,700 quotes and the unfiltered first page took 100 ms.
--    Built in the listing's own order it reads about a page. Same name: `INDEXED BY` finds it.
DROP INDEX IF EXISTS quotes_said_on;
CREATE INDEX quotes_said_on ON quotes(said_on DESC, id);

DROP TRIGGER IF EXISTS person_stats_quote_insert;
DROP TRIGGER IF EXISTS person_stats_quote_link;
CREATE TRIGGER person_stats_quote_insert AFTER INSERT ON quotes
WHEN new.person_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM articles WHERE id = new.article_id AND duplicate_of IS NULL) BEGIN
    INSERT INTO person_stats(person_id, quotes, articles, first_said, last_said)
    VALUES (new.person_id, 1, 1, new.said_on, new.said_on)
    ON CONFLICT(person_id) DO UPDATE SET
        quotes = quotes + 1,
        articles = articles + NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = new.article_id
                                          AND +q.person_id = new.person_id AND q.id != new.id),
        first_said = CASE WHEN new.said_on IS NOT NULL AND (first_said IS NULL OR new.said_on < first_said)
                          THEN new.said_on ELSE first_said END,
        last_said = CASE WHEN new.said_on IS NOT NULL AND (last_said IS NULL OR new.said_on > last_said)
                         THEN new.said_on ELSE last_said END;
END;
CREATE TRIGGER person_stats_quote_link AFTER UPDATE OF person_id ON quotes
WHEN old.person_id IS NULL AND new.person_id IS NOT NULL
     AND EXISTS (SELECT 1 FROM articles WHERE id = new.article_id AND duplicate_of IS NULL) BEGIN
    INSERT INTO person_stats(person_id, quotes, articles, first_said, last_said)
    VALUES (new.person_id, 1, 1, new.said_on, new.said_on)
    ON CONFLICT(person_id) DO UPDATE SET
        quotes = quotes + 1,
        articles = articles + NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = new.article_id
                                          AND +q.person_id = new.person_id AND q.id != new.id),
        first_said = CASE WHEN new.said_on IS NOT NULL AND (first_said IS NULL OR new.said_on < first_said)
                          THEN new.said_on ELSE first_said END,
        last_said = CASE WHEN new.said_on IS NOT NULL AND (last_said IS NULL OR new.said_on > last_said)
                         THEN new.said_on ELSE last_said END;
END;
