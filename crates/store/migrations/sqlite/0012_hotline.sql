-- The safe-travel hotline: consultations (pseudonymous profile in the clear for statistics,
-- the question and answer sealed under a data key of their own), their topics, each
-- consultant's autosaved draft, and online requests from the public site.
CREATE TABLE hotline_consultation (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    started_at TEXT NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    duration_minutes INTEGER,
    destination TEXT,
    sex TEXT,
    age_band TEXT,
    region TEXT,
    caller_type TEXT,
    outcome TEXT NOT NULL,
    referred_to INTEGER REFERENCES organisation (id),
    caller_hash TEXT,
    case_id INTEGER REFERENCES case_file (id),
    consultant_id INTEGER NOT NULL REFERENCES app_user (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    kek_version INTEGER,
    wrapped_key BLOB,
    sealed BLOB,
    created_at TEXT NOT NULL
);
CREATE INDEX hotline_consultation_org ON hotline_consultation (organisation_id, started_at);
CREATE INDEX hotline_consultation_year ON hotline_consultation (year, month);
CREATE INDEX hotline_consultation_caller ON hotline_consultation (caller_hash);

CREATE TABLE hotline_consultation_topic (
    consultation_id INTEGER NOT NULL REFERENCES hotline_consultation (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (consultation_id, topic)
);
CREATE INDEX hotline_consultation_topic_topic ON hotline_consultation_topic (topic);

CREATE TABLE hotline_draft (
    user_id INTEGER PRIMARY KEY REFERENCES app_user (id),
    kek_version INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    sealed BLOB NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE hotline_request (
    id INTEGER PRIMARY KEY,
    ticket_hash TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL,
    topic TEXT,
    after_hours BOOLEAN NOT NULL,
    kek_version INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    sealed_question BLOB NOT NULL,
    sealed_answer BLOB,
    created_at TEXT NOT NULL,
    answered_at TEXT,
    answered_by INTEGER REFERENCES app_user (id),
    consultation_id INTEGER REFERENCES hotline_consultation (id)
);
CREATE INDEX hotline_request_open ON hotline_request (answered_at, created_at);

-- Keyed hashes of the addresses that sent online requests, for the rate limit.
CREATE TABLE hotline_request_attempt (
    address_hash TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX hotline_request_attempt_at ON hotline_request_attempt (address_hash, at);
