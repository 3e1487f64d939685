-- Prevention and capacity building: information campaigns with materials, reach and events;
-- trainings with sessions, participants and tests; self-check quizzes that keep only
-- anonymous totals; public pages and the partners listed on the public site.
CREATE TABLE campaign (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    theme TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    summary TEXT NOT NULL,
    published BOOLEAN NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE campaign_code (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (campaign_id, kind, code)
);

CREATE TABLE campaign_partner (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (campaign_id, organisation_id)
);

CREATE TABLE campaign_material (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    released_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX campaign_material_campaign ON campaign_material (campaign_id, id);

CREATE TABLE material_reach (
    id INTEGER PRIMARY KEY,
    material_id INTEGER NOT NULL REFERENCES campaign_material (id),
    measured_on TEXT NOT NULL,
    views INTEGER NOT NULL,
    participants INTEGER NOT NULL,
    copies INTEGER NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX material_reach_material ON material_reach (material_id, measured_on);

CREATE TABLE campaign_event (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    name TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    place TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE event_participant (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES campaign_event (id),
    age INTEGER NOT NULL,
    sex TEXT NOT NULL,
    region TEXT NOT NULL
);
CREATE INDEX event_participant_event ON event_participant (event_id);

CREATE TABLE event_expert (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES campaign_event (id),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    experts INTEGER NOT NULL,
    topic TEXT NOT NULL
);

CREATE TABLE training_course (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    created_at TEXT NOT NULL
);

CREATE TABLE training_session (
    id INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES training_course (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    online BOOLEAN NOT NULL,
    place TEXT NOT NULL,
    region TEXT,
    trainers TEXT NOT NULL,
    max_score INTEGER NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX training_session_course ON training_session (course_id, starts_on);

CREATE TABLE training_participant (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES training_session (id),
    full_name TEXT NOT NULL,
    sex TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation (id),
    organisation_name TEXT NOT NULL,
    org_type TEXT NOT NULL,
    region TEXT NOT NULL,
    mdg_member BOOLEAN NOT NULL,
    attended BOOLEAN NOT NULL,
    pre_score INTEGER,
    post_score INTEGER,
    certificate_no TEXT UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX training_participant_session ON training_participant (session_id, id);

CREATE TABLE training_feedback (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES training_session (id),
    rating INTEGER NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE quiz (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title_ru TEXT NOT NULL,
    title_be TEXT NOT NULL,
    title_en TEXT NOT NULL,
    intro_ru TEXT NOT NULL,
    intro_be TEXT NOT NULL,
    intro_en TEXT NOT NULL,
    published BOOLEAN NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE quiz_question (
    id INTEGER PRIMARY KEY,
    quiz_id INTEGER NOT NULL REFERENCES quiz (id),
    position INTEGER NOT NULL,
    text_ru TEXT NOT NULL,
    text_be TEXT NOT NULL,
    text_en TEXT NOT NULL
);
CREATE INDEX quiz_question_quiz ON quiz_question (quiz_id, position);

-- `chosen` counts how often visitors chose the answer: the only trace of their visits.
CREATE TABLE quiz_answer (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES quiz_question (id),
    position INTEGER NOT NULL,
    text_ru TEXT NOT NULL,
    text_be TEXT NOT NULL,
    text_en TEXT NOT NULL,
    points INTEGER NOT NULL,
    chosen INTEGER NOT NULL
);
CREATE INDEX quiz_answer_question ON quiz_answer (question_id, position);

CREATE TABLE quiz_band (
    id INTEGER PRIMARY KEY,
    quiz_id INTEGER NOT NULL REFERENCES quiz (id),
    min_score INTEGER NOT NULL,
    max_score INTEGER NOT NULL,
    advice_ru TEXT NOT NULL,
    advice_be TEXT NOT NULL,
    advice_en TEXT NOT NULL,
    reached INTEGER NOT NULL
);

-- How many times a quiz was completed, per interface language; nothing else about visitors.
CREATE TABLE quiz_total (
    quiz_id INTEGER NOT NULL REFERENCES quiz (id),
    lang TEXT NOT NULL,
    taken INTEGER NOT NULL,
    PRIMARY KEY (quiz_id, lang)
);

-- Public pages: the draft an editor works on and the version visitors see.
CREATE TABLE public_page (
    slug TEXT PRIMARY KEY,
    draft_title_ru TEXT NOT NULL,
    draft_title_be TEXT NOT NULL,
    draft_title_en TEXT NOT NULL,
    draft_body_ru TEXT NOT NULL,
    draft_body_be TEXT NOT NULL,
    draft_body_en TEXT NOT NULL,
    title_ru TEXT,
    title_be TEXT,
    title_en TEXT,
    body_ru TEXT,
    body_be TEXT,
    body_en TEXT,
    published_at TEXT,
    updated_at TEXT NOT NULL
);

-- Organisations that chose to be listed on the public site.
CREATE TABLE public_listing (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisation (id),
    listed_at TEXT NOT NULL
);
