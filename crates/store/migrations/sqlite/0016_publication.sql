-- Statistics publication: the privacy budget ledger of each dataset, and the releases that
-- spend it (prepared by one analyst, approved or rejected by another; only approved releases
-- are public).
CREATE TABLE stats_dataset (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    epsilon_total REAL NOT NULL CHECK (epsilon_total > 0),
    delta_total REAL NOT NULL CHECK (delta_total >= 0),
    created_at TEXT NOT NULL
);

CREATE TABLE stats_release (
    id INTEGER PRIMARY KEY,
    series TEXT NOT NULL,
    version INTEGER NOT NULL,
    dataset_id INTEGER NOT NULL REFERENCES stats_dataset (id),
    state TEXT NOT NULL,
    params TEXT NOT NULL,
    summary TEXT,
    progress INTEGER NOT NULL DEFAULT 0,
    failure TEXT,
    epsilon REAL NOT NULL,
    delta REAL NOT NULL,
    prepared_by INTEGER NOT NULL REFERENCES app_user (id),
    prepared_at TEXT NOT NULL,
    computed_at TEXT,
    decided_by INTEGER REFERENCES app_user (id),
    decided_at TEXT,
    decision_reason TEXT,
    UNIQUE (series, version)
);
CREATE INDEX stats_release_state ON stats_release (state, decided_at);

CREATE TABLE stats_release_file (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES stats_release (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    public INTEGER NOT NULL,
    content BLOB NOT NULL,
    UNIQUE (release_id, name)
);

-- One row per differentially private computation: what it cost, by which mechanism, who ran
-- it, when, for which release (or, from the command line, under which label).
CREATE TABLE stats_spend (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES stats_dataset (id),
    release_id INTEGER REFERENCES stats_release (id),
    label TEXT NOT NULL,
    epsilon REAL NOT NULL CHECK (epsilon >= 0),
    delta REAL NOT NULL CHECK (delta >= 0),
    mechanism TEXT NOT NULL,
    spent_by INTEGER REFERENCES app_user (id),
    spent_by_name TEXT NOT NULL,
    spent_at TEXT NOT NULL
);
CREATE INDEX stats_spend_dataset ON stats_spend (dataset_id, spent_at);

-- The ledger is append-only: privacy once spent is never given back.
CREATE TRIGGER stats_spend_no_update BEFORE UPDATE ON stats_spend
BEGIN SELECT RAISE(ABORT, 'the privacy budget ledger is append-only'); END;
CREATE TRIGGER stats_spend_no_delete BEFORE DELETE ON stats_spend
BEGIN SELECT RAISE(ABORT, 'the privacy budget ledger is append-only'); END;

INSERT INTO stats_dataset (code, epsilon_total, delta_total, created_at) VALUES
    ('cases', 10.0, 0.00001, '2026-01-01T00:00:00Z'),
    ('hotline', 10.0, 0.00001, '2026-01-01T00:00:00Z');
