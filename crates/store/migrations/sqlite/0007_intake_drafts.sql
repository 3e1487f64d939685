-- Intake forms saved unfinished by their author. The form may name the person, so it is
-- sealed under a data key of its own, wrapped under the KEK like a person's.
CREATE TABLE intake_draft (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    kek_version INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    sealed BLOB NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX intake_draft_user ON intake_draft (user_id, updated_at);
