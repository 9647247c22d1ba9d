-- Migration 12 (issue 17): the words a role's text wrote between its title and the organisation
-- after it ("at the" of "professor at the University of Leeds"), so the registry's role label keeps
-- the text's order; '' when the organisation came first ("NATO Secretary General").
ALTER TABLE person_roles ADD COLUMN joiner TEXT NOT NULL DEFAULT '';
