-- Case management: a case per person and episode of assistance; what statistics need is kept
-- here in pseudonymous form, identifying data stays in the vault (person).
CREATE TABLE case_file (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES person (id),
    region TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    lead_organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    created_by INTEGER REFERENCES app_user (id),
    assigned_to INTEGER REFERENCES app_user (id),
    status TEXT NOT NULL,
    nrm_phase TEXT NOT NULL,
    legal_status TEXT NOT NULL,
    identified_by INTEGER REFERENCES organisation (id),
    identified_on TEXT,
    identification_document TEXT,
    registered_on TEXT NOT NULL,
    sex TEXT NOT NULL,
    age_band TEXT,
    citizenship TEXT,
    exploitation_type TEXT,
    country_of_exploitation TEXT,
    closure_reason TEXT,
    reintegration_outcome TEXT,
    closed_on TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (region, year, number)
);
CREATE INDEX case_file_status ON case_file (status, id);
CREATE INDEX case_file_region ON case_file (region, id);
CREATE INDEX case_file_assigned ON case_file (assigned_to, id);
CREATE INDEX case_file_lead ON case_file (lead_organisation_id, id);
CREATE INDEX case_file_person ON case_file (person_id);

CREATE TABLE case_event (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES app_user (id),
    kind TEXT NOT NULL,
    fields TEXT
);
CREATE INDEX case_event_case ON case_event (case_id, id);

CREATE TABLE consent (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    purpose TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation (id),
    given_by TEXT NOT NULL,
    form TEXT NOT NULL,
    given_on TEXT NOT NULL,
    withdrawn_on TEXT,
    recorded_by INTEGER REFERENCES app_user (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX consent_case ON consent (case_id);

CREATE TABLE case_service (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    service_type TEXT NOT NULL,
    provider_organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    status TEXT NOT NULL,
    start_on TEXT,
    end_on TEXT,
    cost_cents BIGINT,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX case_service_case ON case_service (case_id);
CREATE INDEX case_service_provider ON case_service (provider_organisation_id, case_id);

-- Break-glass: a supervisor opens a case outside their scope by giving a reason; every such
-- access is flagged until someone reviews it.
CREATE TABLE break_glass (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user (id),
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    reason TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    reviewed_by INTEGER REFERENCES app_user (id),
    reviewed_at TEXT
);
CREATE INDEX break_glass_user_case ON break_glass (user_id, case_id);

-- Screening with the ILO/EC indicators: advice to the identifying body, never a status.
CREATE TABLE screening (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES case_file (id),
    list TEXT NOT NULL,
    indicators TEXT NOT NULL,
    conclusion TEXT NOT NULL,
    screened_by INTEGER REFERENCES app_user (id),
    screened_at TEXT NOT NULL
);
CREATE INDEX screening_case ON screening (case_id, id);
