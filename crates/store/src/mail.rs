//! The e-mail outbox. A message is queued in the transaction of whatever caused it (a referral
//! sent, an answer to a hotline request), so it exists exactly when that change does; a
//! background worker (`mayak_web::mail`) delivers it later with retries and backoff, so a dead
//! SMTP server neither loses a message nor blocks a request.
//!
//! Two kinds of rows: a *message* carries its own subject and text ([`queue_in`]); a *notice*
//! tells a user "you have a new item in Mayak" ([`notify_organisation_in`], [`notify_user_in`])
//! and is worded at delivery from the message catalogs in the user's language, with a link to
//! the inbox and nothing else: no case code, no name, no organisation.

use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use mayak_domain::Lang;
use mayak_domain::access::{Permission, role_permissions};
use mayak_domain::role::Role;
use serde::Serialize;
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// What a notice is about; it decides only which page the link opens (the text is the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Notice {
    /// A referral arrived at the user's organisation.
    ReferralReceived,
    /// A referral the organisation sent was accepted.
    ReferralAccepted,
    /// A referral the organisation sent was declined.
    ReferralDeclined,
    /// A referral either side is past its due date.
    ReferralOverdue,
    /// A transfer of a case's lead arrived.
    TransferReceived,
    /// A transfer the organisation sent was accepted.
    TransferAccepted,
    /// A group's action item owned by the organisation is due soon.
    ActionDue,
    /// A group's action item owned by the organisation is past its due date.
    ActionOverdue,
}

impl Notice {
    /// Every notice.
    pub const ALL: [Notice; 8] = [
        Notice::ReferralReceived,
        Notice::ReferralAccepted,
        Notice::ReferralDeclined,
        Notice::ReferralOverdue,
        Notice::TransferReceived,
        Notice::TransferAccepted,
        Notice::ActionDue,
        Notice::ActionOverdue,
    ];

    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            Notice::ReferralReceived => "referral_received",
            Notice::ReferralAccepted => "referral_accepted",
            Notice::ReferralDeclined => "referral_declined",
            Notice::ReferralOverdue => "referral_overdue",
            Notice::TransferReceived => "transfer_received",
            Notice::TransferAccepted => "transfer_accepted",
            Notice::ActionDue => "action_due",
            Notice::ActionOverdue => "action_overdue",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Notice> {
        Notice::ALL.into_iter().find(|n| n.code() == code)
    }

    /// The page the notice's link opens, relative to the base URL: the inbox.
    pub fn path(self) -> &'static str {
        match self {
            Notice::ActionDue | Notice::ActionOverdue => "/partners/groups",
            _ => "/referrals",
        }
    }
}

/// Where a queued message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MailState {
    /// Waiting for (another) attempt.
    Queued,
    /// Accepted by the SMTP server.
    Sent,
    /// Given up after the last attempt, or refused for good; an administrator may retry it.
    Failed,
    /// A notice that waited too long (mail was off or down) and was not sent.
    Expired,
}

impl MailState {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            MailState::Queued => "queued",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
            MailState::Expired => "expired",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<MailState> {
        [
            MailState::Queued,
            MailState::Sent,
            MailState::Failed,
            MailState::Expired,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// How many attempts a message gets before it is marked failed.
pub const MAX_ATTEMPTS: i64 = 12;

/// How long a worker holds a message it is delivering before another may try it (a worker that
/// died mid-delivery thus delays a message by this much, and never loses it).
pub const LEASE: Duration = Duration::minutes(5);

/// A notice not delivered within this time expires: "you have a new item" days later, in a
/// flood when mail is switched on, helps nobody; the in-app inbox holds the items anyway.
pub const NOTICE_EXPIRY: Duration = Duration::days(2);

/// The wait after the `attempt`-th failed attempt: one minute, doubling, at most an hour.
pub fn backoff(attempt: i64) -> Duration {
    let exp = attempt.clamp(1, 7) - 1;
    Duration::minutes((1i64 << exp).min(60))
}

fn check_header(what: &str, v: &str) -> Result<()> {
    if v.chars().any(|c| c == '\r' || c == '\n') {
        return Err(StoreError::Config(format!(
            "a mail {what} must be one line"
        )));
    }
    Ok(())
}

/// Queues a message to `to` with `subject` and plain `text` inside the caller's transaction;
/// it is delivered after the transaction commits (and never if it rolls back). The address
/// should have been checked with `mayak_domain::validate::email_address`. Keep identifying
/// data out of the subject: it travels in the clear to every relay.
pub async fn queue_in(
    tx: &mut Tx,
    to: &str,
    subject: &str,
    text: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<i64> {
    check_header("recipient", to)?;
    check_header("subject", subject)?;
    crate::on_tx!(tx, t => {
        Ok(sqlx::query_scalar(
            "INSERT INTO mail_outbox (recipient, notice, language, subject, body, dedupe_key, state, attempts, next_attempt_at, created_at) \
             VALUES ($1, NULL, $2, $3, $4, NULL, 'queued', 0, $5, $5) RETURNING id",
        )
        .bind(to)
        .bind(lang.code())
        .bind(subject)
        .bind(text)
        .bind(now)
        .fetch_one(&mut **t)
        .await?)
    })
}

/// [`queue_in`] in a transaction of its own.
pub async fn queue(
    store: &Store,
    to: &str,
    subject: &str,
    text: &str,
    lang: Lang,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = queue_in(&mut tx, to, subject, text, lang, now).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_notice(
    tx: &mut Tx,
    to: &str,
    lang: &str,
    notice: Notice,
    dedupe: Option<String>,
    now: OffsetDateTime,
) -> Result<bool> {
    let n = crate::on_tx!(tx, t => {
        sqlx::query(
            "INSERT INTO mail_outbox (recipient, notice, language, subject, body, dedupe_key, state, attempts, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, NULL, NULL, $4, 'queued', 0, $5, $5) ON CONFLICT DO NOTHING",
        )
        .bind(to)
        .bind(notice.code())
        .bind(lang)
        .bind(dedupe)
        .bind(now)
        .execute(&mut **t)
        .await?
        .rows_affected()
    });
    Ok(n > 0)
}

/// Role codes that carry `permission`.
fn roles_with(permission: Permission) -> Vec<&'static str> {
    Role::ALL
        .iter()
        .filter(|r| role_permissions(**r).contains(&permission))
        .map(|r| r.code())
        .collect()
}

/// Queues `notice` for every active user of `organisation` who holds `permission` and has an
/// e-mail address. `dedupe` (e.g. `referral:7:accept-overdue`) makes it go once per user.
/// Returns how many were queued.
pub async fn notify_organisation_in(
    tx: &mut Tx,
    organisation: i64,
    permission: Permission,
    notice: Notice,
    dedupe: Option<&str>,
    now: OffsetDateTime,
) -> Result<usize> {
    let roles = roles_with(permission);
    if roles.is_empty() {
        return Ok(0);
    }
    let marks: Vec<String> = (0..roles.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "SELECT DISTINCT u.id, u.email, u.language FROM app_user u JOIN user_role r ON r.user_id = u.id \
         WHERE u.organisation_id = $1 AND u.disabled = $2 AND u.email IS NOT NULL AND r.role IN ({}) ORDER BY u.id",
        marks.join(", ")
    );
    let users: Vec<(i64, String, String)> = crate::on_tx!(tx, t => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(organisation).bind(false);
        for r in &roles {
            q = q.bind(*r);
        }
        q.fetch_all(&mut **t).await?
    });
    let mut queued = 0;
    for (id, email, lang) in users {
        let key = dedupe.map(|d| format!("{d}:user:{id}"));
        if insert_notice(tx, &email, &lang, notice, key, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues `notice` for one user, if active and with an address. Returns whether it was queued.
pub async fn notify_user_in(
    tx: &mut Tx,
    user: i64,
    notice: Notice,
    now: OffsetDateTime,
) -> Result<bool> {
    let row: Option<(String, String)> = crate::on_tx!(tx, t => {
        sqlx::query_as("SELECT email, language FROM app_user WHERE id = $1 AND disabled = $2 AND email IS NOT NULL")
            .bind(user)
            .bind(false)
            .fetch_optional(&mut **t)
            .await?
    });
    match row {
        Some((email, lang)) => insert_notice(tx, &email, &lang, notice, None, now).await,
        None => Ok(false),
    }
}

/// A message taken for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Outbox id.
    pub id: i64,
    /// The address.
    pub recipient: String,
    /// A notice to word from the catalogs, or `None` for a message with its own text.
    pub notice: Option<Notice>,
    /// The recipient's language.
    pub language: Lang,
    /// Subject of a message.
    pub subject: Option<String>,
    /// Text of a message.
    pub body: Option<String>,
    /// This attempt's number (1 for the first).
    pub attempt: i64,
}

type OutRow = (
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    i64,
);

/// Takes up to `limit` messages due at `now` for delivery: each is leased (its next attempt
/// moved [`LEASE`] ahead, its attempt counted) with a compare-and-set on the attempt count, so
/// two workers never send the same message. Notices older than [`NOTICE_EXPIRY`] expire first.
pub async fn claim_due(store: &Store, now: OffsetDateTime, limit: i64) -> Result<Vec<Outgoing>> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "UPDATE mail_outbox SET state = 'expired', last_error = NULL WHERE state = 'queued' AND notice IS NOT NULL AND created_at < $1",
        )
        .bind(now - NOTICE_EXPIRY)
        .execute(p)
        .await?;
        let rows: Vec<OutRow> = sqlx::query_as(
            "SELECT id, recipient, notice, language, subject, body, attempts FROM mail_outbox \
             WHERE state = 'queued' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, recipient, notice, language, subject, body, attempts) in rows {
            let n = sqlx::query(
                "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1 WHERE id = $2 AND state = 'queued' AND attempts = $3",
            )
            .bind(now + LEASE)
            .bind(id)
            .bind(attempts)
            .execute(p)
            .await?
            .rows_affected();
            if n == 0 {
                continue;
            }
            let notice = match notice {
                Some(code) => Some(Notice::parse(&code).ok_or_else(|| {
                    StoreError::Config(format!("unknown notice {code:?} in the mail outbox"))
                })?),
                None => None,
            };
            out.push(Outgoing {
                id,
                recipient,
                notice,
                language: Lang::parse(&language).unwrap_or(Lang::Ru),
                subject,
                body,
                attempt: attempts + 1,
            });
        }
        Ok(out)
    })
}

/// Records that the SMTP server accepted a message.
pub async fn delivered(store: &Store, id: i64, now: OffsetDateTime) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE mail_outbox SET state = 'sent', sent_at = $1, last_error = NULL WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Records a failed attempt: the message waits [`backoff`] and is tried again, unless this was
/// attempt [`MAX_ATTEMPTS`] or the failure is `permanent` (the server refused the address for
/// good), which marks it failed. `error` is the SMTP client's message (no message content).
pub async fn attempt_failed(
    store: &Store,
    out: &Outgoing,
    error: &str,
    permanent: bool,
    now: OffsetDateTime,
) -> Result<MailState> {
    let state = if permanent || out.attempt >= MAX_ATTEMPTS {
        MailState::Failed
    } else {
        MailState::Queued
    };
    let error: String = error.chars().take(500).collect();
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE mail_outbox SET state = $1, next_attempt_at = $2, last_error = $3 WHERE id = $4")
            .bind(state.code())
            .bind(now + backoff(out.attempt))
            .bind(error)
            .bind(out.id)
            .execute(p)
            .await?;
    });
    Ok(state)
}

/// Puts a failed message back in the queue for a new round of attempts (an administrator's act).
pub async fn retry(store: &Store, id: i64, now: OffsetDateTime) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = $1 WHERE id = $2 AND state = 'failed'")
            .bind(now)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes delivered, failed and expired messages created before `before`; returns how many.
pub async fn purge(store: &Store, before: OffsetDateTime) -> Result<u64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query("DELETE FROM mail_outbox WHERE state <> 'queued' AND created_at < $1")
            .bind(before)
            .execute(p)
            .await?
            .rows_affected())
    })
}

/// An outbox row as administrators see it: who, what kind, where it stands — never the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Id.
    pub id: i64,
    /// The address.
    pub recipient: String,
    /// The notice, or `None` for a message with its own text.
    pub notice: Option<Notice>,
    /// Where it stands.
    pub state: MailState,
    /// Attempts made.
    pub attempts: i64,
    /// The next attempt (queued ones).
    pub next_attempt_at: OffsetDateTime,
    /// The last failure.
    pub last_error: Option<String>,
    /// When queued.
    pub created_at: OffsetDateTime,
    /// When the server accepted it.
    pub sent_at: Option<OffsetDateTime>,
}

/// The newest `limit` outbox rows, optionally of one state.
pub async fn recent(store: &Store, state: Option<MailState>, limit: i64) -> Result<Vec<Entry>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT id, recipient, notice, state, attempts, next_attempt_at, last_error, created_at, sent_at FROM mail_outbox \
             WHERE ($1 IS NULL OR state = $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(state.map(MailState::code))
        .bind(limit)
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let notice: Option<String> = row.try_get("notice")?;
            let state: String = row.try_get("state")?;
            out.push(Entry {
                id: row.try_get("id")?,
                recipient: row.try_get("recipient")?,
                notice: notice.as_deref().and_then(Notice::parse),
                state: MailState::parse(&state)
                    .ok_or_else(|| StoreError::Config(format!("unknown mail state {state:?}")))?,
                attempts: row.try_get("attempts")?,
                next_attempt_at: row.try_get("next_attempt_at")?,
                last_error: row.try_get("last_error")?,
                created_at: row.try_get("created_at")?,
                sent_at: row.try_get("sent_at")?,
            });
        }
        Ok(out)
    })
}

/// How many messages stand in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Waiting.
    pub queued: i64,
    /// Delivered.
    pub sent: i64,
    /// Given up.
    pub failed: i64,
    /// Expired notices.
    pub expired: i64,
}

/// The outbox's counts by state.
pub async fn counts(store: &Store) -> Result<Counts> {
    let rows: Vec<(String, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT state, COUNT(*) FROM mail_outbox GROUP BY state")
            .fetch_all(p)
            .await?
    });
    let mut c = Counts::default();
    for (state, n) in rows {
        match MailState::parse(&state) {
            Some(MailState::Queued) => c.queued = n,
            Some(MailState::Sent) => c.sent = n,
            Some(MailState::Failed) => c.failed = n,
            Some(MailState::Expired) => c.expired = n,
            None => {}
        }
    }
    Ok(c)
}

/// A user's address and language for notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// The address, if the user wants notices by e-mail.
    pub email: Option<String>,
    /// The language of the notices.
    pub language: Lang,
}

/// A user's notice settings.
pub async fn contact(store: &Store, user: i64) -> Result<Contact> {
    let row: Option<(Option<String>, String)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT email, language FROM app_user WHERE id = $1")
            .bind(user)
            .fetch_optional(p)
            .await?
    });
    let (email, language) = row.ok_or(StoreError::NotFound)?;
    Ok(Contact {
        email,
        language: Lang::parse(&language).unwrap_or(Lang::Ru),
    })
}

/// Sets a user's address (checked by the caller; `None` stops e-mail) and language.
pub async fn set_contact(store: &Store, user: i64, c: &Contact) -> Result<()> {
    if let Some(e) = &c.email {
        check_header("recipient", e)?;
    }
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE app_user SET email = $1, language = $2 WHERE id = $3")
            .bind(&c.email)
            .bind(c.language.code())
            .bind(user)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Queues the notices about items that became due or overdue by `today` — referrals past their
/// acceptance or completion date (both sides), and open action items of the groups due within
/// three days or past due (the owning organisation) — once per item, kind and user.
pub async fn sweep_due(store: &Store, today: time::Date, now: OffsetDateTime) -> Result<usize> {
    let referrals: Vec<(i64, i64, i64, String)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT id, from_organisation_id, to_organisation_id, state FROM referral \
             WHERE (state = 'sent' AND accept_due_on < $1) OR (state IN ('accepted', 'in_progress') AND complete_due_on < $1)",
        )
        .bind(today)
        .fetch_all(p)
        .await?
    });
    let items: Vec<(i64, i64, time::Date)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT id, owner_organisation_id, due_on FROM mdg_item WHERE kind = 'action' AND done_at IS NULL \
             AND owner_organisation_id IS NOT NULL AND due_on IS NOT NULL AND due_on <= $1",
        )
        .bind(today + Duration::days(3))
        .fetch_all(p)
        .await?
    });
    let mut tx = store.begin().await?;
    let mut queued = 0;
    for (id, from, to, state) in referrals {
        let stage = if state == "sent" {
            "accept"
        } else {
            "complete"
        };
        let key = format!("referral:{id}:{stage}-overdue");
        for org in [from, to] {
            queued += notify_organisation_in(
                &mut tx,
                org,
                Permission::ReferralsRespond,
                Notice::ReferralOverdue,
                Some(&format!("{key}:org:{org}")),
                now,
            )
            .await?;
        }
    }
    for (id, owner, due) in items {
        let (notice, stage) = if due < today {
            (Notice::ActionOverdue, "overdue")
        } else {
            (Notice::ActionDue, "due")
        };
        queued += notify_organisation_in(
            &mut tx,
            owner,
            Permission::GroupsManage,
            notice,
            Some(&format!("mdg-item:{id}:{stage}")),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(queued)
}
