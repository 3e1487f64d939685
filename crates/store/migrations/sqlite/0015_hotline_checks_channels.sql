-- The hotline's checks during a call (the licence register of recruitment agencies, contacts
-- in destination countries, the job-offer signs saved with a consultation) and its Viber and
-- e-mail channels (requests by channel, a sealed address to reply to, an outbox with retries,
-- Viber events and Maildir messages recorded once).
CREATE TABLE recruitment_agency (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    licence_number TEXT NOT NULL,
    licence_key TEXT NOT NULL UNIQUE,
    valid_from TEXT NOT NULL,
    valid_until TEXT,
    status TEXT NOT NULL,
    city TEXT NOT NULL,
    countries TEXT NOT NULL,
    retired_at TEXT,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES app_user (id)
);
CREATE INDEX recruitment_agency_name ON recruitment_agency (name_key);

CREATE TABLE destination_contact (
    id INTEGER PRIMARY KEY,
    country TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT NOT NULL,
    hours TEXT NOT NULL,
    notes TEXT NOT NULL,
    retired_at TEXT,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES app_user (id)
);
CREATE INDEX destination_contact_country ON destination_contact (country, kind);

CREATE TABLE hotline_consultation_indicator (
    consultation_id INTEGER NOT NULL REFERENCES hotline_consultation (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    PRIMARY KEY (consultation_id, indicator)
);

-- Requests by channel: the public form, Viber, e-mail. The address to reply to is sealed
-- under the request's key; `thread_hash` (a keyed hash of the sender) lets later messages
-- join the open request and is cleared when it is answered.
ALTER TABLE hotline_request ADD COLUMN channel TEXT NOT NULL DEFAULT 'OnlineForm';
ALTER TABLE hotline_request ADD COLUMN sealed_reply_to BLOB;
ALTER TABLE hotline_request ADD COLUMN thread_hash TEXT;
CREATE INDEX hotline_request_thread ON hotline_request (thread_hash);

-- Messages to send through a channel, kept until the channel accepted them.
CREATE TABLE hotline_outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    request_id INTEGER REFERENCES hotline_request (id),
    kek_version INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    sealed BLOB NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX hotline_outbox_due ON hotline_outbox (sent_at, next_attempt_at);

-- Viber message tokens already received (Viber retries a webhook it thinks failed).
CREATE TABLE viber_event (
    message_token TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
);

-- Maildir messages imported, by their unique name, recorded with the request they became.
CREATE TABLE mail_import (
    unique_name TEXT PRIMARY KEY,
    request_id INTEGER REFERENCES hotline_request (id),
    imported_at TEXT NOT NULL
);
