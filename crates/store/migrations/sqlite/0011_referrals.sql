-- The National Referral Mechanism: what partners offer and publish, referrals between
-- organisations (and transfers of the case lead), and the multidisciplinary groups' work.
ALTER TABLE organisation ADD COLUMN city TEXT;
ALTER TABLE organisation ADD COLUMN address TEXT;
ALTER TABLE organisation ADD COLUMN phone TEXT;
ALTER TABLE organisation ADD COLUMN email TEXT;
ALTER TABLE organisation ADD COLUMN hours TEXT;
-- Comma-separated codes: languages (list `language`), services offered (list `service_type`),
-- and which of the directory's fields the organisation publishes on the public listing.
ALTER TABLE organisation ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN services TEXT NOT NULL DEFAULT '';
ALTER TABLE organisation ADD COLUMN capacity_notes TEXT;
ALTER TABLE organisation ADD COLUMN published BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE organisation ADD COLUMN public_fields TEXT NOT NULL DEFAULT '';

CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    from_organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    to_organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    sent_by INTEGER REFERENCES app_user (id),
    state TEXT NOT NULL,
    disclosure TEXT NOT NULL,
    services TEXT NOT NULL,
    accept_due_on TEXT NOT NULL,
    complete_due_on TEXT,
    override_reason TEXT,
    override_reviewed_by INTEGER REFERENCES app_user (id),
    override_reviewed_at TEXT,
    decline_reason TEXT,
    state_note TEXT,
    sent_at TEXT NOT NULL,
    accepted_at TEXT,
    started_at TEXT,
    completed_at TEXT,
    closed_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX referral_case ON referral (case_id, id);
CREATE INDEX referral_to ON referral (to_organisation_id, state, id);
CREATE INDEX referral_from ON referral (from_organisation_id, state, id);

-- Each requested service is a service on the case, provided by the receiver.
CREATE TABLE referral_service (
    referral_id INTEGER NOT NULL REFERENCES referral (id),
    case_service_id INTEGER NOT NULL REFERENCES case_service (id),
    PRIMARY KEY (referral_id, case_service_id)
);

-- Notes either side writes on a referral, sealed under the person's data key.
CREATE TABLE referral_note (
    id INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referral (id),
    author_id INTEGER REFERENCES app_user (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    created_at TEXT NOT NULL,
    sealed BLOB
);
CREATE INDEX referral_note_referral ON referral_note (referral_id, id);

CREATE TABLE mdg_person (
    id INTEGER PRIMARY KEY,
    mdg_id INTEGER NOT NULL REFERENCES mdg (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    chair BOOLEAN NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX mdg_person_mdg ON mdg_person (mdg_id, id);

CREATE TABLE mdg_meeting (
    id INTEGER PRIMARY KEY,
    mdg_id INTEGER NOT NULL REFERENCES mdg (id),
    held_on TEXT NOT NULL,
    agenda TEXT NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX mdg_meeting_mdg ON mdg_meeting (mdg_id, held_on);

CREATE TABLE mdg_attendance (
    meeting_id INTEGER NOT NULL REFERENCES mdg_meeting (id),
    person_id INTEGER NOT NULL REFERENCES mdg_person (id),
    PRIMARY KEY (meeting_id, person_id)
);

-- Cases a meeting discussed, by code only: this is what gives the group's members the case
-- in their list (pseudonymous fields only).
CREATE TABLE mdg_case (
    meeting_id INTEGER NOT NULL REFERENCES mdg_meeting (id),
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    PRIMARY KEY (meeting_id, case_id)
);
CREATE INDEX mdg_case_case ON mdg_case (case_id);

CREATE TABLE mdg_item (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES mdg_meeting (id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    owner_organisation_id INTEGER REFERENCES organisation (id),
    due_on TEXT,
    done_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX mdg_item_meeting ON mdg_item (meeting_id, id);
CREATE INDEX mdg_item_owner ON mdg_item (owner_organisation_id, done_at, due_on);
