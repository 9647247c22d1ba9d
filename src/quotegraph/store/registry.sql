-- quotegraph store, migration to schema version 7: the person registry's own tables (quotegraph.registry),
-- which earlier versions created on the registry's first update. IF NOT EXISTS: a store linked by an
-- earlier version has them already.

-- A store linked before people had entity profiles gets them filled from its linked rows once,
-- by the registry's next update (quotegraph.registry.linking), which then removes this mark.
INSERT OR REPLACE INTO meta(key, value)
SELECT 'registry_profiles', 'pending'
WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'person_entities');

CREATE TABLE IF NOT EXISTS person_keys (
    key       TEXT NOT NULL,     -- folded name ("jens stoltenberg"), surname or title ("nato secretary general")
    kind      TEXT NOT NULL,     -- full | surname | title | source | pending
    person_id INTEGER NOT NULL REFERENCES people(id),
    PRIMARY KEY (key, kind, person_id)
);
CREATE INDEX IF NOT EXISTS person_keys_person ON person_keys(person_id);
CREATE TABLE IF NOT EXISTS person_decisions (
    id         INTEGER PRIMARY KEY,
    action     TEXT NOT NULL,    -- merge | split
    name       TEXT NOT NULL,    -- the name the resulting person gets
    rows       TEXT NOT NULL,    -- JSON [[article_id, in-article name], ...], for a merge the kept anchor first
    others     TEXT NOT NULL DEFAULT '[]',  -- split: rows that must not share a person with `rows`
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS person_registry_articles (
    article_id TEXT PRIMARY KEY  -- articles the registry has linked: seeing one again means re-ingest
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_entity_articles (
    person_id  INTEGER NOT NULL,  -- the articles (at most matching.PROFILE_ARTICLES, the first linked)
    article_id TEXT NOT NULL,     -- whose entities are in the person's profile
    PRIMARY KEY (person_id, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_entities (
    person_id INTEGER NOT NULL,   -- profile: folded entities co-occurring with the person
    entity    TEXT NOT NULL,      -- ("nato", "brussels"), read by matching.fit to tell homonyms apart
    PRIMARY KEY (person_id, entity)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS person_alias_table (
    alias_key   TEXT PRIMARY KEY,  -- folded alias (or name)
    name        TEXT NOT NULL,     -- the canonical name to use
    external_id TEXT               -- e.g. a Wikidata id
);
