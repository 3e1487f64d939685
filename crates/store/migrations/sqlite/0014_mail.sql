-- E-mail: each user's address and language for notifications, and the outbox that a background
-- worker delivers from (written in the transaction of whatever caused the message, so a dead
-- SMTP server neither loses nor blocks anything).
ALTER TABLE app_user ADD COLUMN email TEXT;
ALTER TABLE app_user ADD COLUMN language TEXT NOT NULL DEFAULT 'ru';

CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    -- A notice (`notice` names its kind, `language` its language) is worded at delivery from
    -- the message catalogs; any other message carries its own subject and text.
    notice TEXT,
    language TEXT NOT NULL,
    subject TEXT,
    body TEXT,
    -- Makes a notice about a due or overdue item go once per recipient.
    dedupe_key TEXT UNIQUE,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);
CREATE INDEX mail_outbox_recent ON mail_outbox (created_at);

-- Who owns a group's action item within the owning organisation (a member of the group).
ALTER TABLE mdg_item ADD COLUMN owner_person_id INTEGER REFERENCES mdg_person (id);
ALTER TABLE mdg_meeting ADD COLUMN updated_at TEXT;
