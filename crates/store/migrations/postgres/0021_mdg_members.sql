-- Members of the multidisciplinary groups kept by their chairs: a person's position in their
-- organisation, a key that finds the same person twice (trimmed, lower-cased name; the store
-- writes it), and leaving instead of deleting, so past minutes still name who was present
-- and who owned an action. A person is in a group once while a member, and a group has at
-- most one chair (the store keeps exactly one while the group has members).
ALTER TABLE mdg_person ADD COLUMN position TEXT NOT NULL DEFAULT '';
ALTER TABLE mdg_person ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE mdg_person ADD COLUMN left_at TIMESTAMPTZ;
UPDATE mdg_person SET name_key = lower(trim(name));
CREATE UNIQUE INDEX mdg_person_once ON mdg_person (mdg_id, organisation_id, name_key) WHERE left_at IS NULL;
CREATE UNIQUE INDEX mdg_person_one_chair ON mdg_person (mdg_id) WHERE chair;
