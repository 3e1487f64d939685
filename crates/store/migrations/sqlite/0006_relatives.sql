-- Family members and accompanying children of a case's person: each is a person of their own
-- (identity sealed under their own data key), linked to the case with the relation.
CREATE TABLE case_relative (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    person_id INTEGER NOT NULL UNIQUE REFERENCES person (id),
    relation TEXT NOT NULL,
    accompanying INTEGER NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_relative_case ON case_relative (case_id, id);
