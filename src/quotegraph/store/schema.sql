-- quotegraph store, schema version 1. Plain tables and views: any SQLite client (or Datasette) can read it.
-- Offsets (*_start, *_end) index articles.text. Dates are ISO strings (YYYY-MM-DD or YYYY-MM).

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per ingest run, so a user can see what was read when, and what failed.
CREATE TABLE IF NOT EXISTS ingest_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    inputs      TEXT NOT NULL,          -- JSON list of the paths given
    new         INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS ingest_failures (
    run_id  INTEGER NOT NULL REFERENCES ingest_runs(id),
    source  TEXT NOT NULL,
    reason  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    id           TEXT PRIMARY KEY,       -- content hash of the text (records.content_id)
    url          TEXT,
    outlet       TEXT,
    title        TEXT,
    published    TEXT,                   -- YYYY-MM-DD or NULL when unknown
    authors      TEXT NOT NULL DEFAULT '[]',  -- JSON list
    text         TEXT NOT NULL,
    boilerplate  TEXT NOT NULL DEFAULT '[]',  -- JSON list of {start, end, text} removed
    source       TEXT,                   -- path / path:line / WARC record id
    duplicate_of TEXT REFERENCES articles(id),  -- near-duplicate (wire copy) of an earlier article
    run_id       INTEGER REFERENCES ingest_runs(id)
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);

-- Cross-article people (the registry). kind: person | organisation | unnamed.
CREATE TABLE IF NOT EXISTS people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,           -- canonical full name
    kind        TEXT NOT NULL DEFAULT 'person',
    external_id TEXT                     -- e.g. a Wikidata id from a user alias table
);
CREATE INDEX IF NOT EXISTS people_name ON people(name COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS person_aliases (
    person_id INTEGER NOT NULL REFERENCES people(id),
    alias     TEXT NOT NULL,
    count     INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (person_id, alias)
);
CREATE INDEX IF NOT EXISTS person_aliases_alias ON person_aliases(alias COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS person_roles (
    person_id    INTEGER NOT NULL REFERENCES people(id),
    title        TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    first_seen   TEXT,
    last_seen    TEXT,
    articles     TEXT NOT NULL DEFAULT '[]',  -- unused from version 14 (always '[]'): person_role_articles
    PRIMARY KEY (person_id, title, organisation)
);

-- A person as seen in one article (records.Person), linked to the registry.
CREATE TABLE IF NOT EXISTS article_people (
    article_id    TEXT NOT NULL REFERENCES articles(id),
    name          TEXT NOT NULL,         -- the in-article full name
    person_id     INTEGER REFERENCES people(id),
    kind          TEXT NOT NULL DEFAULT 'person',
    aliases       TEXT NOT NULL DEFAULT '[]',  -- JSON list
    roles         TEXT NOT NULL DEFAULT '[]',  -- JSON list of {title, organisation}
    mention_count INTEGER NOT NULL DEFAULT 0,
    quote_count   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, name)
);
CREATE INDEX IF NOT EXISTS article_people_person ON article_people(person_id);

CREATE TABLE IF NOT EXISTS quotes (
    id                INTEGER PRIMARY KEY,
    article_id        TEXT NOT NULL REFERENCES articles(id),
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    text              TEXT NOT NULL,
    kind              TEXT NOT NULL,     -- direct | indirect | mixed
    cue               TEXT,
    cue_start         INTEGER,
    cue_end           INTEGER,
    speaker           TEXT,              -- the mention as written
    speaker_start     INTEGER,
    speaker_end       INTEGER,
    person            TEXT,              -- resolved in-article name
    person_id         INTEGER REFERENCES people(id),
    source_kind       TEXT NOT NULL DEFAULT 'unknown',
    floating          INTEGER NOT NULL DEFAULT 0,
    utterance         INTEGER NOT NULL DEFAULT 0,
    confidence        REAL NOT NULL DEFAULT 0,
    context_start     INTEGER NOT NULL DEFAULT 0,
    context_end       INTEGER NOT NULL DEFAULT 0,
    said_on           TEXT,              -- statement date, ISO, NULL when unknown
    said_on_precision TEXT NOT NULL DEFAULT 'unknown',
    UNIQUE (article_id, start, "end")
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_person ON quotes(person_id, said_on);
CREATE INDEX IF NOT EXISTS quotes_person_name ON quotes(person COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS quotes_said_on ON quotes(said_on);

CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL,
    canonical  TEXT NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX IF NOT EXISTS mentions_canonical ON mentions(canonical, label);
