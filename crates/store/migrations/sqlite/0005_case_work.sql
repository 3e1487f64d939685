-- Case work: needs assessed over time, the assistance plan's goals, notes (sealed under the
-- person's data key) and tasks with due dates.
CREATE TABLE case_need (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    need TEXT NOT NULL,
    severity TEXT NOT NULL,
    assessed_on TEXT NOT NULL,
    assessed_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_need_case ON case_need (case_id, id);

CREATE TABLE case_goal (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    need TEXT,
    goal TEXT NOT NULL,
    target_on TEXT,
    status TEXT NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_goal_case ON case_goal (case_id, id);

CREATE TABLE case_note (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    author_id INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    sealed BLOB
);
CREATE INDEX case_note_case ON case_note (case_id, id);

CREATE TABLE case_task (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    title TEXT NOT NULL,
    due_on TEXT NOT NULL,
    assignee_id INTEGER REFERENCES app_user (id),
    done_at TEXT,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_task_assignee ON case_task (assignee_id, done_at, due_on);
CREATE INDEX case_task_case ON case_task (case_id, id);
