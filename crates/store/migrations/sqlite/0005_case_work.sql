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

-- The exploitation profile per episode (HTCDS/CTDC lists, codes comma-separated), trafficking
-- events, perpetrators by role (no identifying data of third parties) and legal proceedings.
CREATE TABLE case_episode (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    exploitation_types TEXT NOT NULL,
    labour_types TEXT NOT NULL,
    sexual_types TEXT NOT NULL,
    means_of_control TEXT NOT NULL,
    recruitment_type TEXT,
    recruitment_app TEXT,
    recruiter_relation TEXT,
    country TEXT,
    started_on TEXT,
    ended_on TEXT,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_episode_case ON case_episode (case_id, id);

CREATE TABLE case_event_place (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    kind TEXT NOT NULL,
    country TEXT,
    place TEXT,
    occurred_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX case_event_place_case ON case_event_place (case_id, id);

CREATE TABLE case_perpetrator (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    role TEXT NOT NULL,
    relation TEXT,
    citizenship TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX case_perpetrator_case ON case_perpetrator (case_id, id);

CREATE TABLE legal_proceeding (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    kind TEXT NOT NULL,
    stage TEXT NOT NULL,
    person_role TEXT NOT NULL,
    legal_aid BOOLEAN NOT NULL,
    compensation_claimed_cents BIGINT,
    compensation_awarded_cents BIGINT,
    updated_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX legal_proceeding_case ON legal_proceeding (case_id, id);
