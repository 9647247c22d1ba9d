-- quotegraph store: what the per-row insert triggers would have written, for the rows a bulk load
-- added (store/bulk.py), in a few set-based statements. Rows above the marks taken before the load
-- are the new ones: :quote_id (quotes.id), :article_rowid (articles.rowid), :person_id (people.id),
-- :alias_rowid (person_aliases.rowid). Each statement is what the named trigger does, for all
-- those rows at once; FTS5 indexes are written in ascending rowid order, which they take fastest.

-- quotes_fts_insert (search.sql)
INSERT INTO quotes_fts(rowid, text, speaker, person)
SELECT id, text, speaker, person FROM quotes WHERE id > :quote_id ORDER BY id;

-- articles_fts_insert (search.sql)
INSERT INTO articles_fts(rowid, title, text)
SELECT rowid, title, text FROM articles WHERE rowid > :article_rowid ORDER BY rowid;

-- people_names_insert, person_alias_names_insert (speakers.sql)
INSERT INTO people_names_fts(rowid, name, person_id) SELECT -id, name, id FROM people WHERE id > :person_id;
INSERT INTO people_names_fts(rowid, name, person_id)
SELECT rowid, alias, person_id FROM person_aliases WHERE rowid > :alias_rowid;

-- quotes_dated_insert (dated.sql): the same key, in key order.
INSERT INTO quotes_dated(rowid, text)
SELECT (99999999 - (CASE WHEN said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                 THEN CAST(substr(said_on, 1, 4) || substr(said_on, 6, 2) || substr(said_on, 9, 2) AS INTEGER)
             WHEN said_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                 THEN CAST(substr(said_on, 1, 4) || substr(said_on, 6, 2) || '00' AS INTEGER)
             WHEN said_on GLOB '[0-9][0-9][0-9][0-9]' THEN CAST(said_on || '0000' AS INTEGER)
             ELSE 0 END)) * 17179869184 + id AS key,
       text
FROM quotes WHERE id > :quote_id ORDER BY key;

-- quote_facts_quote_insert (overview.sql)
INSERT OR REPLACE INTO quote_facts(quote_id, said_on, outlet, kind, source_kind, person_id, source, pronoun, copy)
SELECT q.id, q.said_on, a.outlet, q.kind, q.source_kind, q.person_id,
       CASE WHEN q.person_id IS NOT NULL THEN '#' || q.person_id ELSE lower(COALESCE(q.person, q.speaker)) END,
       CASE WHEN lower(q.speaker) IN ('he', 'she', 'him', 'her') THEN lower(q.speaker) END,
       a.duplicate_of IS NOT NULL
FROM quotes q LEFT JOIN articles a ON a.id = q.article_id
WHERE q.id > :quote_id ORDER BY q.id;

-- quote_counts_insert (overview.sql), for the facts just written
INSERT INTO quote_counts(outlet, month, kind, source_kind, quotes)
SELECT COALESCE(outlet, ''), COALESCE(substr(said_on, 1, 7), ''), kind, source_kind, COUNT(*)
FROM quote_facts WHERE quote_id > :quote_id AND copy = 0
GROUP BY 1, 2, 3, 4
ON CONFLICT(outlet, month, kind, source_kind) DO UPDATE SET quotes = quotes + excluded.quotes;

-- person_stats_quote_insert, person_stats_quote_orphan (dated.sql), person_pages_quote_insert
-- (person_pages.sql): the people of the new quotes marked, to be recounted by store/stats.py's
-- `refresh` (bulk.py calls it), which is what the increments add up to.
INSERT OR IGNORE INTO person_stats_dirty(person_id)
SELECT DISTINCT person_id FROM quotes WHERE id > :quote_id AND person_id IS NOT NULL;
