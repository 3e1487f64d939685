-- Foundation: metadata, reference lists, organisations, multidisciplinary groups, users.
CREATE TABLE mayak_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE reference_entry (
    list TEXT NOT NULL,
    code TEXT NOT NULL,
    label_ru TEXT NOT NULL,
    label_be TEXT NOT NULL,
    label_en TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    parent TEXT,
    alt_code TEXT,
    kind TEXT,
    builtin BOOLEAN NOT NULL,
    retired_at TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (list, code)
);

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name_ru TEXT NOT NULL,
    name_be TEXT NOT NULL,
    name_en TEXT NOT NULL,
    org_type TEXT NOT NULL,
    region TEXT NOT NULL,
    place TEXT,
    may_identify BOOLEAN NOT NULL,
    ngo_network BOOLEAN NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX organisation_region ON organisation (region);

CREATE TABLE mdg (
    id INTEGER PRIMARY KEY,
    region TEXT NOT NULL UNIQUE,
    chair_organisation_id INTEGER REFERENCES organisation (id),
    created_at TEXT NOT NULL
);

CREATE TABLE mdg_member (
    mdg_id INTEGER NOT NULL REFERENCES mdg (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (mdg_id, organisation_id)
);

CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    password_hash TEXT,
    disabled BOOLEAN NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE user_role (
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);
