-- quotegraph store, migration to schema version 9: what the overview counts by (facets, charts,
-- sources' diversity), kept up to date by triggers whoever writes, so counting a million quotes by
-- outlet and month reads a few thousand rows instead of joining every quote to its article.

-- One narrow row per quote: the fields facets and charts group by, the article's outlet and whether
-- the article is a near-duplicate copy (copies are left out of counts, as in the listings).
-- `source` is who counts as one source: the registry person, else the in-article name as written
-- (lower case); `pronoun` is the speaker mention when it is a personal pronoun ("he", "she"), the
-- evidence people/gender.py reads a person's gender from.
CREATE TABLE IF NOT EXISTS quote_facts (
    quote_id    INTEGER PRIMARY KEY,
    said_on     TEXT,
    outlet      TEXT,
    kind        TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    person_id   INTEGER,
    source      TEXT,
    pronoun     TEXT,
    copy        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS quote_facts_outlet ON quote_facts(outlet, said_on);
CREATE INDEX IF NOT EXISTS quote_facts_person ON quote_facts(person_id, said_on);
CREATE INDEX IF NOT EXISTS quote_facts_pronoun ON quote_facts(person_id, pronoun) WHERE pronoun IS NOT NULL;

-- Quotes (copies left out) by outlet, month, kind and source kind: the whole store's facets and its
-- monthly chart are sums over this table. '' stands for an unknown outlet or month.
CREATE TABLE IF NOT EXISTS quote_counts (
    outlet      TEXT NOT NULL,
    month       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    quotes      INTEGER NOT NULL,
    PRIMARY KEY (outlet, month, kind, source_kind)
) WITHOUT ROWID;

-- A person's gender set (or marked unknown) by the user, by name or alias (`quotegraph people
-- gender` / Corpus.load_genders); it wins over the evidence in the text.
CREATE TABLE IF NOT EXISTS gender_overrides (
    name   TEXT PRIMARY KEY COLLATE NOCASE,
    gender TEXT NOT NULL CHECK (gender IN ('female', 'male', 'unknown'))
);

CREATE TRIGGER IF NOT EXISTS quote_facts_quote_insert AFTER INSERT ON quotes BEGIN
    INSERT OR REPLACE INTO quote_facts(quote_id, said_on, outlet, kind, source_kind, person_id, source, pronoun, copy)
    SELECT new.id, new.said_on, a.outlet, new.kind, new.source_kind, new.person_id,
           CASE WHEN new.person_id IS NOT NULL THEN '#' || new.person_id
                ELSE lower(COALESCE(new.person, new.speaker)) END,
           CASE WHEN lower(new.speaker) IN ('he', 'she', 'him', 'her') THEN lower(new.speaker) END,
           a.duplicate_of IS NOT NULL
    FROM (SELECT 1) LEFT JOIN articles a ON a.id = new.article_id;
END;
CREATE TRIGGER IF NOT EXISTS quote_facts_quote_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quote_facts WHERE quote_id = old.id;
END;
-- Two statements, so that moving quotes to other people (a registry rebuild sets every quote's
-- person) touches only the person columns and leaves `quote_counts` alone.
CREATE TRIGGER IF NOT EXISTS quote_facts_quote_update
AFTER UPDATE OF said_on, kind, source_kind, person_id, person, speaker, article_id ON quotes BEGIN
    UPDATE quote_facts SET person_id = new.person_id,
        source = CASE WHEN new.person_id IS NOT NULL THEN '#' || new.person_id
                      ELSE lower(COALESCE(new.person, new.speaker)) END,
        pronoun = CASE WHEN lower(new.speaker) IN ('he', 'she', 'him', 'her') THEN lower(new.speaker) END
    WHERE quote_id = new.id;
    UPDATE quote_facts SET said_on = new.said_on, kind = new.kind, source_kind = new.source_kind,
        outlet = (SELECT outlet FROM articles WHERE id = new.article_id),
        copy = COALESCE((SELECT duplicate_of IS NOT NULL FROM articles WHERE id = new.article_id), 0)
    WHERE quote_id = new.id AND (old.said_on IS NOT new.said_on OR old.kind IS NOT new.kind
                                 OR old.source_kind IS NOT new.source_kind OR old.article_id IS NOT new.article_id);
END;
CREATE TRIGGER IF NOT EXISTS quote_facts_article_update AFTER UPDATE OF outlet, duplicate_of ON articles BEGIN
    UPDATE quote_facts SET outlet = new.outlet, copy = new.duplicate_of IS NOT NULL
    WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = new.id);
END;

CREATE TRIGGER IF NOT EXISTS quote_counts_insert AFTER INSERT ON quote_facts WHEN new.copy = 0 BEGIN
    INSERT INTO quote_counts(outlet, month, kind, source_kind, quotes)
    VALUES (COALESCE(new.outlet, ''), COALESCE(substr(new.said_on, 1, 7), ''), new.kind, new.source_kind, 1)
    ON CONFLICT(outlet, month, kind, source_kind) DO UPDATE SET quotes = quotes + 1;
END;
CREATE TRIGGER IF NOT EXISTS quote_counts_delete AFTER DELETE ON quote_facts WHEN old.copy = 0 BEGIN
    UPDATE quote_counts SET quotes = quotes - 1
    WHERE outlet = COALESCE(old.outlet, '') AND month = COALESCE(substr(old.said_on, 1, 7), '')
      AND kind = old.kind AND source_kind = old.source_kind;
END;
CREATE TRIGGER IF NOT EXISTS quote_counts_update AFTER UPDATE OF outlet, said_on, kind, source_kind, copy ON quote_facts
BEGIN
    UPDATE quote_counts SET quotes = quotes - 1
    WHERE old.copy = 0 AND outlet = COALESCE(old.outlet, '') AND month = COALESCE(substr(old.said_on, 1, 7), '')
      AND kind = old.kind AND source_kind = old.source_kind;
    INSERT INTO quote_counts(outlet, month, kind, source_kind, quotes)
    SELECT COALESCE(new.outlet, ''), COALESCE(substr(new.said_on, 1, 7), ''), new.kind, new.source_kind, 1
    WHERE new.copy = 0
    ON CONFLICT(outlet, month, kind, source_kind) DO UPDATE SET quotes = quotes + 1;
END;

-- What is already stored (from scratch, so running this file again counts nothing twice).
DELETE FROM quote_facts;
DELETE FROM quote_counts;
INSERT INTO quote_facts(quote_id, said_on, outlet, kind, source_kind, person_id, source, pronoun, copy)
SELECT q.id, q.said_on, a.outlet, q.kind, q.source_kind, q.person_id,
       CASE WHEN q.person_id IS NOT NULL THEN '#' || q.person_id ELSE lower(COALESCE(q.person, q.speaker)) END,
       CASE WHEN lower(q.speaker) IN ('he', 'she', 'him', 'her') THEN lower(q.speaker) END,
       a.duplicate_of IS NOT NULL
FROM quotes q LEFT JOIN articles a ON a.id = q.article_id;
