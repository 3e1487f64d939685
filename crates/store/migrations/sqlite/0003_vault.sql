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
