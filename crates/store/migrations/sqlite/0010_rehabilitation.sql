-- The rehabilitation centre: centres with rooms and beds, shifts of four kinds, stays (one row
-- per person staying: the case's person or a relative admitted with them), the waiting list
-- (stays in status Waiting), the individual rehabilitation plan, sessions, progress notes
-- sealed under the person's data key, and the review at discharge.
CREATE TABLE rehab_centre (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    name TEXT NOT NULL UNIQUE,
    region TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE rehab_room (
    id INTEGER PRIMARY KEY,
    centre_id INTEGER NOT NULL REFERENCES rehab_centre (id),
    name TEXT NOT NULL,
    UNIQUE (centre_id, name)
);

CREATE TABLE rehab_bed (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES rehab_room (id),
    label TEXT NOT NULL,
    UNIQUE (room_id, label)
);

CREATE TABLE rehab_shift (
    id INTEGER PRIMARY KEY,
    centre_id INTEGER NOT NULL REFERENCES rehab_centre (id),
    kind TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    CHECK (ends_on > starts_on)
);
CREATE INDEX rehab_shift_centre ON rehab_shift (centre_id, starts_on);

CREATE TABLE rehab_stay (
    id INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL REFERENCES rehab_shift (id),
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    person_id INTEGER NOT NULL REFERENCES person (id),
    relative_id INTEGER REFERENCES case_relative (id),
    relation TEXT,
    group_stay_id INTEGER REFERENCES rehab_stay (id),
    companion_stay_id INTEGER REFERENCES rehab_stay (id),
    bed_id INTEGER REFERENCES rehab_bed (id),
    status TEXT NOT NULL,
    sex TEXT NOT NULL,
    age INTEGER,
    age_band TEXT NOT NULL,
    child INTEGER NOT NULL,
    citizenship_kind TEXT NOT NULL,
    planned_from TEXT NOT NULL,
    planned_to TEXT NOT NULL,
    arrived_on TEXT,
    left_on TEXT,
    discharge_reason TEXT,
    destination TEXT,
    service_id INTEGER REFERENCES case_service (id),
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    CHECK (planned_to > planned_from)
);
CREATE INDEX rehab_stay_shift ON rehab_stay (shift_id, status);
CREATE INDEX rehab_stay_case ON rehab_stay (case_id);
CREATE INDEX rehab_stay_bed ON rehab_stay (bed_id, planned_from);

CREATE TABLE rehab_plan_item (
    id INTEGER PRIMARY KEY,
    stay_id INTEGER NOT NULL REFERENCES rehab_stay (id),
    kind TEXT NOT NULL,
    goal TEXT NOT NULL,
    activities TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX rehab_plan_item_stay ON rehab_plan_item (stay_id, kind);

CREATE TABLE rehab_session (
    id INTEGER PRIMARY KEY,
    stay_id INTEGER NOT NULL REFERENCES rehab_stay (id),
    kind TEXT NOT NULL,
    held_on TEXT NOT NULL,
    held_by INTEGER REFERENCES app_user (id),
    minutes INTEGER NOT NULL,
    topic TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX rehab_session_stay ON rehab_session (stay_id, held_on);
CREATE INDEX rehab_session_day ON rehab_session (held_on);

CREATE TABLE rehab_note (
    id INTEGER PRIMARY KEY,
    stay_id INTEGER NOT NULL REFERENCES rehab_stay (id),
    author_id INTEGER REFERENCES app_user (id),
    participation TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sealed BLOB
);
CREATE INDEX rehab_note_stay ON rehab_note (stay_id, id);

CREATE TABLE rehab_review (
    stay_id INTEGER PRIMARY KEY REFERENCES rehab_stay (id),
    outcomes TEXT NOT NULL,
    sealed BLOB,
    reviewed_by INTEGER REFERENCES app_user (id),
    reviewed_at TEXT NOT NULL
);
