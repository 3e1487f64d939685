-- The vault: identifying data of persons, sealed under a data key per person, which is
-- wrapped under the key-encryption key; blind indexes for exact search; erasure.
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    sex TEXT NOT NULL,
    kek_version INTEGER,
    wrapped_key BLOB,
    identity BLOB,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    updated_at TEXT NOT NULL,
    erased_at TEXT
);

CREATE TABLE person_index (
    kind TEXT NOT NULL,
    digest TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person (id),
    PRIMARY KEY (kind, digest, person_id)
);
CREATE INDEX person_index_person ON person_index (person_id);

-- Files (scans of documents and consents), sealed under their person's data key.
CREATE TABLE person_file (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sealed BLOB,
    created_at TEXT NOT NULL
);

-- Retention: when the person's last case closed (set by case management), and erasure runs
-- that an administrator approves after a dry run.
ALTER TABLE person ADD COLUMN closed_at TEXT;

CREATE TABLE retention_run (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    decided_by INTEGER REFERENCES app_user (id),
    decided_at TEXT
);

CREATE TABLE retention_candidate (
    run_id INTEGER NOT NULL REFERENCES retention_run (id),
    person_id INTEGER NOT NULL REFERENCES person (id),
    cause TEXT NOT NULL,
    PRIMARY KEY (run_id, person_id)
);
