-- Migration 14 (issue 14): a role's supporting articles, one row each, instead of a JSON list in
-- `person_roles.articles` that every article quoting the person copied whole to append one id (the
-- list of a prime minister quoted in 4,000 articles is 300 kB; ingest slowed as such lists grew).
-- The rowid keeps the order the articles were folded in, which is the order the list had.
-- `person_roles.articles` stays in the table, always '[]' from this version on.
CREATE TABLE IF NOT EXISTS person_role_articles (
    person_id    INTEGER NOT NULL,
    title        TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    article_id   TEXT NOT NULL,
    UNIQUE (person_id, title, organisation, article_id)
);
INSERT OR IGNORE INTO person_role_articles(person_id, title, organisation, article_id)
SELECT r.person_id, r.title, r.organisation, j.value
FROM person_roles r, json_each(CASE WHEN json_valid(r.articles) THEN r.articles ELSE '[]' END) j
WHERE j.type = 'text'
ORDER BY r.rowid, j.key;
UPDATE person_roles SET articles = '[]' WHERE articles <> '[]';
