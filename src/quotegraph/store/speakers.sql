-- quotegraph store, migration to schema version 5: a full-text index of people's names and
-- aliases, so a speaker filter finds its registry people ("Stoltenberg" -> every person named or
-- known as ... Stoltenberg) with an index lookup instead of a LIKE scan of every name and alias.
-- Kept by triggers, whoever writes people or aliases. rowid: -people.id for a name, the
-- person_aliases rowid for an alias.

CREATE VIRTUAL TABLE IF NOT EXISTS people_names_fts USING fts5(name, person_id UNINDEXED);

CREATE TRIGGER IF NOT EXISTS people_names_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_names_fts(rowid, name, person_id) VALUES (-new.id, new.name, new.id);
END;
CREATE TRIGGER IF NOT EXISTS people_names_update AFTER UPDATE OF id, name ON people
WHEN old.name IS NOT new.name OR old.id != new.id BEGIN
    DELETE FROM people_names_fts WHERE rowid = -old.id;
    INSERT INTO people_names_fts(rowid, name, person_id) VALUES (-new.id, new.name, new.id);
END;
CREATE TRIGGER IF NOT EXISTS people_names_delete AFTER DELETE ON people BEGIN
    DELETE FROM people_names_fts WHERE rowid = -old.id;
END;

CREATE TRIGGER IF NOT EXISTS person_alias_names_insert AFTER INSERT ON person_aliases BEGIN
    INSERT INTO people_names_fts(rowid, name, person_id) VALUES (new.rowid, new.alias, new.person_id);
END;
CREATE TRIGGER IF NOT EXISTS person_alias_names_update AFTER UPDATE OF alias, person_id ON person_aliases BEGIN
    DELETE FROM people_names_fts WHERE rowid = old.rowid;
    INSERT INTO people_names_fts(rowid, name, person_id) VALUES (new.rowid, new.alias, new.person_id);
END;
CREATE TRIGGER IF NOT EXISTS person_alias_names_delete AFTER DELETE ON person_aliases BEGIN
    DELETE FROM people_names_fts WHERE rowid = old.rowid;
END;

-- Names and aliases already stored.
INSERT INTO people_names_fts(rowid, name, person_id) SELECT -id, name, id FROM people;
INSERT INTO people_names_fts(rowid, name, person_id) SELECT rowid, alias, person_id FROM person_aliases;
