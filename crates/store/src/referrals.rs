//! Referrals between organisations (and transfers of a case's lead): sent from a case, each
//! requested service becomes a service on the case provided by the receiver, and the
//! receiver's moves (accept, decline, start, complete) carry through to those services. Every
//! move is an event on the case's timeline and an entry of the audit trail, in one transaction.
//! Notes either side writes are sealed under the person's data key.

use crate::audit::{self, AuditEvent};
use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use crate::mail::{self, Notice};
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::access::{Permission, ReferralGrant};
use mayak_domain::case::ServiceStatus;
use mayak_domain::crypto;
use mayak_domain::referral::{
    DeclineReason, Disclosure, Overdue, ReferralAction, ReferralKind, ReferralState, Side,
    TransitionError, overdue,
};
use serde::Serialize;
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// A referral as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    /// Id.
    pub id: i64,
    /// Services, or a transfer of the case lead.
    pub kind: ReferralKind,
    /// The case.
    pub case_id: i64,
    /// Its code.
    pub case_code: String,
    /// The case's region.
    pub region: String,
    /// Sending organisation.
    pub from_organisation_id: i64,
    /// Receiving organisation.
    pub to_organisation_id: i64,
    /// Who sent it.
    pub sent_by: Option<i64>,
    /// Where it stands.
    pub state: ReferralState,
    /// What the receiver may see.
    pub disclosure: Disclosure,
    /// Requested service types (list `service_type`).
    pub services: Vec<String>,
    /// Accept or decline by this date.
    pub accept_due_on: Date,
    /// Complete by this date.
    pub complete_due_on: Option<Date>,
    /// Sent without the person's consent: the supervisor's reason (flagged for review).
    pub override_reason: Option<String>,
    /// Who reviewed the override.
    pub override_reviewed_by: Option<i64>,
    /// Why it was declined.
    pub decline_reason: Option<DeclineReason>,
    /// The short note given with a decline or cancellation.
    pub state_note: Option<String>,
    /// When sent.
    pub sent_at: OffsetDateTime,
    /// When accepted.
    pub accepted_at: Option<OffsetDateTime>,
    /// When completed.
    pub completed_at: Option<OffsetDateTime>,
    /// When declined or cancelled.
    pub closed_at: Option<OffsetDateTime>,
}

impl Referral {
    /// What is overdue on `today`.
    pub fn overdue(&self, today: Date) -> Option<Overdue> {
        overdue(self.state, today, self.accept_due_on, self.complete_due_on)
    }

    /// Which side `organisation` is on, if any.
    pub fn side_of(&self, organisation: i64) -> Option<Side> {
        if organisation == self.to_organisation_id {
            Some(Side::Receiver)
        } else if organisation == self.from_organisation_id {
            Some(Side::Sender)
        } else {
            None
        }
    }
}

const COLUMNS: &str = "r.id, r.kind, r.case_id, c.code, c.region, r.from_organisation_id, r.to_organisation_id, r.sent_by, \
     r.state, r.disclosure, r.services, r.accept_due_on, r.complete_due_on, r.override_reason, r.override_reviewed_by, \
     r.decline_reason, r.state_note, r.sent_at, r.accepted_at, r.completed_at, r.closed_at \
     FROM referral r JOIN case_file c ON c.id = r.case_id";

fn bad(what: &str, code: &str) -> StoreError {
    StoreError::Config(format!("unknown {what} {code:?} in referral"))
}

fn split(codes: &str) -> Vec<String> {
    codes
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

macro_rules! decode {
    ($row:expr) => {{
        let row = $row;
        let kind: String = row.try_get("kind")?;
        let state: String = row.try_get("state")?;
        let disclosure: String = row.try_get("disclosure")?;
        let decline: Option<String> = row.try_get("decline_reason")?;
        let services: String = row.try_get("services")?;
        Referral {
            id: row.try_get("id")?,
            kind: ReferralKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
            case_id: row.try_get("case_id")?,
            case_code: row.try_get("code")?,
            region: row.try_get("region")?,
            from_organisation_id: row.try_get("from_organisation_id")?,
            to_organisation_id: row.try_get("to_organisation_id")?,
            sent_by: row.try_get("sent_by")?,
            state: ReferralState::parse(&state).ok_or_else(|| bad("state", &state))?,
            disclosure: Disclosure::parse(&disclosure)
                .ok_or_else(|| bad("disclosure", &disclosure))?,
            services: split(&services),
            accept_due_on: row.try_get("accept_due_on")?,
            complete_due_on: row.try_get("complete_due_on")?,
            override_reason: row.try_get("override_reason")?,
            override_reviewed_by: row.try_get("override_reviewed_by")?,
            decline_reason: match decline {
                Some(d) => Some(DeclineReason::parse(&d).ok_or_else(|| bad("decline reason", &d))?),
                None => None,
            },
            state_note: row.try_get("state_note")?,
            sent_at: row.try_get("sent_at")?,
            accepted_at: row.try_get("accepted_at")?,
            completed_at: row.try_get("completed_at")?,
            closed_at: row.try_get("closed_at")?,
        }
    }};
}

async fn select(store: &Store, cond: &str, binds: &[i64]) -> Result<Vec<Referral>> {
    let sql = format!("SELECT {COLUMNS} WHERE {cond} ORDER BY r.id DESC LIMIT 1000");
    crate::on_pool!(store.pool(), p => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in binds {
            q = q.bind(*b);
        }
        let rows = q.fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode!(row));
        }
        Ok(out)
    })
}

/// One referral.
pub async fn get(store: &Store, id: i64) -> Result<Referral> {
    select(store, "r.id = $1", &[id])
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

/// The referrals of a case, newest first.
pub async fn of_case(store: &Store, case_id: i64) -> Result<Vec<Referral>> {
    select(store, "r.case_id = $1", &[case_id]).await
}

/// Which referrals of an organisation to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Received by it.
    Incoming,
    /// Sent by it.
    Outgoing,
    /// Either.
    Both,
}

/// The referrals an organisation sent or received, newest first; `open_only` leaves out
/// declined, completed and cancelled ones.
pub async fn of_organisation(
    store: &Store,
    organisation: i64,
    direction: Direction,
    open_only: bool,
) -> Result<Vec<Referral>> {
    let side = match direction {
        Direction::Incoming => "r.to_organisation_id = $1",
        Direction::Outgoing => "r.from_organisation_id = $1",
        Direction::Both => "(r.to_organisation_id = $1 OR r.from_organisation_id = $1)",
    };
    let cond = if open_only {
        format!("{side} AND r.state IN ('sent', 'accepted', 'in_progress')")
    } else {
        side.to_owned()
    };
    select(store, &cond, &[organisation]).await
}

/// The open referrals (sent, accepted, in progress) to and from `organisation`, oldest first:
/// a partner's page of work waiting. With `counterpart`, only those whose other side is that
/// organisation. Unbounded on purpose: the page must not hide an overdue one.
pub async fn open_of_partner(
    store: &Store,
    organisation: i64,
    counterpart: Option<i64>,
) -> Result<Vec<Referral>> {
    let open = "r.state IN ('sent', 'accepted', 'in_progress')";
    let (cond, binds): (String, Vec<i64>) = match counterpart {
        None => (
            format!("(r.to_organisation_id = $1 OR r.from_organisation_id = $1) AND {open}"),
            vec![organisation],
        ),
        Some(other) => (
            format!(
                "((r.to_organisation_id = $1 AND r.from_organisation_id = $2) \
                 OR (r.from_organisation_id = $1 AND r.to_organisation_id = $2)) AND {open}"
            ),
            vec![organisation, other],
        ),
    };
    let sql = format!("SELECT {COLUMNS} WHERE {cond} ORDER BY r.sent_at, r.id");
    crate::on_pool!(store.pool(), p => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            q = q.bind(*b);
        }
        let rows = q.fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode!(row));
        }
        Ok(out)
    })
}

/// Every referral (for statistics), newest first.
pub async fn all(store: &Store) -> Result<Vec<Referral>> {
    let sql = format!("SELECT {COLUMNS} ORDER BY r.id DESC");
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode!(row));
        }
        Ok(out)
    })
}

/// A referral to send.
#[derive(Debug, Clone)]
pub struct NewReferral {
    /// Services or a transfer.
    pub kind: ReferralKind,
    /// The case.
    pub case_id: i64,
    /// Sender (the case's lead organisation).
    pub from_organisation_id: i64,
    /// Receiver.
    pub to_organisation_id: i64,
    /// What the receiver may see.
    pub disclosure: Disclosure,
    /// Requested service types (none for a transfer).
    pub services: Vec<String>,
    /// Accept by.
    pub accept_due_on: Date,
    /// Complete by.
    pub complete_due_on: Option<Date>,
    /// Sent without consent: the supervisor's reason.
    pub override_reason: Option<String>,
}

async fn event_in(
    tx: &mut Tx,
    case_id: i64,
    user_id: Option<i64>,
    kind: &str,
    fields: Option<&str>,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_tx!(tx, t => {
        sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, $3, $4, $5)")
            .bind(case_id)
            .bind(now)
            .bind(user_id)
            .bind(kind)
            .bind(fields)
            .execute(&mut **t)
            .await?;
    });
    Ok(())
}

fn audited(who: &AuditEvent, action: &str, id: i64, fields: Option<&str>) -> AuditEvent {
    let mut e = who.clone();
    e.action = action.to_owned();
    e.record_type = Some("referral".to_owned());
    e.record_id = Some(id.to_string());
    e.fields = fields.map(str::to_owned);
    e
}

#[allow(clippy::too_many_arguments)]
async fn add_case_service(
    tx: &mut Tx,
    case_id: i64,
    referral_id: i64,
    service_type: &str,
    provider: i64,
    status: ServiceStatus,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_tx!(tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7) RETURNING id",
        )
        .bind(case_id)
        .bind(service_type)
        .bind(provider)
        .bind(status.code())
        .bind(if status == ServiceStatus::InProgress { Some(now.date()) } else { None })
        .bind(who.user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        sqlx::query("INSERT INTO referral_service (referral_id, case_service_id) VALUES ($1, $2)")
            .bind(referral_id)
            .bind(id)
            .execute(&mut **t)
            .await?;
        Ok(id)
    })
}

/// Sends a referral (the caller has checked consent, or the supervisor's override, and the
/// fields). Each requested service becomes a planned service on the case by the receiver.
/// An override is audited as `flagged` with its reason, for review.
pub async fn send(
    store: &Store,
    r: &NewReferral,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO referral (kind, case_id, from_organisation_id, to_organisation_id, sent_by, state, disclosure, services, \
             accept_due_on, complete_due_on, override_reason, sent_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(r.kind.code())
        .bind(r.case_id)
        .bind(r.from_organisation_id)
        .bind(r.to_organisation_id)
        .bind(who.user_id)
        .bind(ReferralState::Sent.code())
        .bind(r.disclosure.code())
        .bind(r.services.join(","))
        .bind(r.accept_due_on)
        .bind(r.complete_due_on)
        .bind(&r.override_reason)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    for s in &r.services {
        add_case_service(
            &mut tx,
            r.case_id,
            id,
            s,
            r.to_organisation_id,
            ServiceStatus::Planned,
            who,
            now,
        )
        .await?;
    }
    let kind = match r.kind {
        ReferralKind::Services => "referral.sent",
        ReferralKind::Transfer => "transfer.sent",
    };
    event_in(
        &mut tx,
        r.case_id,
        who.user_id,
        kind,
        Some(&r.services.join(",")),
        now,
    )
    .await?;
    let notice = match r.kind {
        ReferralKind::Services => Notice::ReferralReceived,
        ReferralKind::Transfer => Notice::TransferReceived,
    };
    mail::notify_organisation_in(
        &mut tx,
        r.to_organisation_id,
        Permission::ReferralsRespond,
        notice,
        None,
        now,
    )
    .await?;
    let mut e = audited(who, kind, id, Some(r.disclosure.code()));
    if let Some(reason) = &r.override_reason {
        e.reason = Some(reason.clone());
        e.outcome = "flagged".to_owned();
    }
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// What came of a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// Done; the new state.
    To(ReferralState),
    /// Refused by the state machine.
    Refused(TransitionError),
}

/// A move on a referral by one side.
#[derive(Debug, Clone)]
pub struct Move<'a> {
    /// The move.
    pub action: ReferralAction,
    /// For whom the user acts.
    pub side: Side,
    /// Why (declines).
    pub decline_reason: Option<DeclineReason>,
    /// A short note: the decline or cancellation's explanation, or a completion's outcome.
    pub note: Option<&'a str>,
}

/// Applies a move: the state machine decides; the linked services follow (declined or
/// cancelled → cancelled, started → in progress, completed → completed with the outcome); an
/// accepted transfer makes the receiver the case's lead (the case then needs a manager there).
/// A concurrent move that got there first makes this one a conflict.
pub async fn act(
    store: &Store,
    id: i64,
    m: &Move<'_>,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Moved> {
    let r = get(store, id).await?;
    let next = match r.state.apply(r.kind, m.action, m.side, m.decline_reason) {
        Ok(n) => n,
        Err(e) => return Ok(Moved::Refused(e)),
    };
    let stamp = match next {
        ReferralState::Accepted => "accepted_at",
        ReferralState::InProgress => "started_at",
        ReferralState::Completed if r.kind == ReferralKind::Transfer => "accepted_at",
        ReferralState::Completed => "completed_at",
        _ => "closed_at",
    };
    let mut tx = store.begin().await?;
    let sql = format!(
        "UPDATE referral SET state = $1, {stamp} = $2, updated_at = $2, decline_reason = COALESCE($3, decline_reason), \
         state_note = COALESCE($4, state_note) WHERE id = $5 AND state = $6"
    );
    let note = m.note.filter(|n| !n.trim().is_empty());
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(next.code())
            .bind(now)
            .bind(m.decline_reason.map(DeclineReason::code))
            .bind(if next == ReferralState::Completed { None } else { note })
            .bind(id)
            .bind(r.state.code())
            .execute(&mut **t)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::Conflict(
            "the referral was changed meanwhile".to_owned(),
        ));
    }
    if r.kind == ReferralKind::Transfer && next == ReferralState::Completed {
        crate::on_tx!(&mut tx, t => {
            sqlx::query("UPDATE case_file SET lead_organisation_id = $1, assigned_to = NULL, version = version + 1, updated_at = $2 WHERE id = $3")
                .bind(r.to_organisation_id)
                .bind(now)
                .bind(r.case_id)
                .execute(&mut **t)
                .await?;
        });
    }
    let service_status = match next {
        ReferralState::Declined | ReferralState::Cancelled => Some(ServiceStatus::Cancelled),
        ReferralState::InProgress => Some(ServiceStatus::InProgress),
        ReferralState::Completed => Some(ServiceStatus::Completed),
        _ => None,
    };
    if let Some(s) = service_status {
        let outcome = if s == ServiceStatus::Completed {
            note
        } else {
            None
        };
        crate::on_tx!(&mut tx, t => {
            sqlx::query(
                "UPDATE case_service SET status = $1, \
                 start_on = CASE WHEN $1 = 'InProgress' THEN COALESCE(start_on, $2) ELSE start_on END, \
                 end_on = CASE WHEN $1 IN ('Completed', 'Cancelled') THEN $2 ELSE end_on END, \
                 outcome = COALESCE($3, outcome) \
                 WHERE id IN (SELECT case_service_id FROM referral_service WHERE referral_id = $4) \
                 AND status NOT IN ('Completed', 'Cancelled')",
            )
            .bind(s.code())
            .bind(now.date())
            .bind(outcome)
            .bind(id)
            .execute(&mut **t)
            .await?;
        });
    }
    let kind = format!(
        "{}.{}",
        match r.kind {
            ReferralKind::Services => "referral",
            ReferralKind::Transfer => "transfer",
        },
        next.code()
    );
    event_in(&mut tx, r.case_id, who.user_id, &kind, None, now).await?;
    let notice = match (r.kind, next) {
        (ReferralKind::Services, ReferralState::Accepted) => Some(Notice::ReferralAccepted),
        (ReferralKind::Transfer, ReferralState::Completed) => Some(Notice::TransferAccepted),
        (_, ReferralState::Declined) => Some(Notice::ReferralDeclined),
        _ => None,
    };
    if let Some(notice) = notice {
        notify_sender(&mut tx, &r, notice, now).await?;
    }
    let mut e = audited(who, &kind, id, Some("state"));
    e.reason = m.decline_reason.map(|d| d.code().to_owned());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(Moved::To(next))
}

/// Tells the sender of a referral about the receiver's answer: the user who sent it if they
/// still work at the sending organisation and take e-mail, otherwise the organisation's users
/// who work on referrals.
async fn notify_sender(
    tx: &mut Tx,
    r: &Referral,
    notice: Notice,
    now: OffsetDateTime,
) -> Result<()> {
    if let Some(user) = r.sent_by {
        let still_there: Option<i64> = crate::on_tx!(&mut *tx, t => {
            sqlx::query_scalar("SELECT id FROM app_user WHERE id = $1 AND organisation_id = $2")
                .bind(user)
                .bind(r.from_organisation_id)
                .fetch_optional(&mut **t)
                .await?
        });
        if still_there.is_some() && mail::notify_user_in(tx, user, notice, now).await? {
            return Ok(());
        }
    }
    mail::notify_organisation_in(
        tx,
        r.from_organisation_id,
        Permission::ReferralsSend,
        notice,
        None,
        now,
    )
    .await?;
    Ok(())
}

/// The receiver records a service of its own on the referral (in progress from today).
pub async fn add_service(
    store: &Store,
    referral_id: i64,
    service_type: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let r = get(store, referral_id).await?;
    if r.state.is_closed() {
        return Err(StoreError::Conflict("the referral is closed".to_owned()));
    }
    let mut tx = store.begin().await?;
    let id = add_case_service(
        &mut tx,
        r.case_id,
        referral_id,
        service_type,
        r.to_organisation_id,
        ServiceStatus::InProgress,
        who,
        now,
    )
    .await?;
    let services = if r.services.contains(&service_type.to_owned()) {
        r.services.join(",")
    } else {
        let mut s = r.services.clone();
        s.push(service_type.to_owned());
        s.join(",")
    };
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE referral SET services = $1, updated_at = $2 WHERE id = $3")
            .bind(services)
            .bind(now)
            .bind(referral_id)
            .execute(&mut **t)
            .await?;
    });
    event_in(
        &mut tx,
        r.case_id,
        who.user_id,
        "service.added",
        Some(service_type),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "referral.service", referral_id, Some(service_type)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The case services a referral carries.
pub async fn service_ids(store: &Store, referral_id: i64) -> Result<Vec<i64>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT case_service_id FROM referral_service WHERE referral_id = $1 ORDER BY case_service_id")
            .bind(referral_id)
            .fetch_all(p)
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    })
}

fn note_context(person_id: i64, note_id: i64) -> Vec<u8> {
    format!("person:{person_id}:referral-note:{note_id}").into_bytes()
}

/// Adds a note to a referral, sealed under the person's data key.
#[allow(clippy::too_many_arguments)]
pub async fn add_note(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    referral_id: i64,
    organisation_id: i64,
    text: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let r = get(store, referral_id).await?;
    let (person, key) = crate::casework::person_key(store, vault, r.case_id).await?;
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar("INSERT INTO referral_note (referral_id, author_id, organisation_id, created_at, sealed) VALUES ($1, $2, $3, $4, NULL) RETURNING id")
            .bind(referral_id)
            .bind(who.user_id)
            .bind(organisation_id)
            .bind(now)
            .fetch_one(&mut **t)
            .await?;
        sqlx::query("UPDATE referral_note SET sealed = $1 WHERE id = $2")
            .bind(crypto::seal(&key, &note_context(person, id), text.as_bytes(), rng))
            .bind(id)
            .execute(&mut **t)
            .await?;
        id
    });
    event_in(&mut tx, r.case_id, who.user_id, "referral.note", None, now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "referral.note", referral_id, Some("note")),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A note on a referral, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Author.
    pub author_id: Option<i64>,
    /// The author's organisation.
    pub organisation_id: i64,
    /// When.
    pub created_at: OffsetDateTime,
    /// The text.
    pub text: String,
}

type NoteRow = (i64, Option<i64>, i64, OffsetDateTime, Option<Vec<u8>>);

/// Reads a referral's notes, oldest first, recording the read in the audit trail first.
pub async fn notes(
    store: &Store,
    vault: &Vault,
    referral_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Vec<Note>> {
    let rows: Vec<NoteRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, author_id, organisation_id, created_at, sealed FROM referral_note WHERE referral_id = $1 ORDER BY id")
            .bind(referral_id)
            .fetch_all(p)
            .await?
    });
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let r = get(store, referral_id).await?;
    audit::record(
        store,
        &audited(who, "referral.notes.read", referral_id, Some("notes")),
        now,
    )
    .await?;
    let (person, key) = crate::casework::person_key(store, vault, r.case_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, author_id, organisation_id, created_at, sealed) in rows {
        let text = match sealed {
            Some(s) => String::from_utf8_lossy(
                &crypto::open(&key, &note_context(person, id), &s).map_err(|_| {
                    StoreError::Config(format!("referral note {id} cannot be decrypted"))
                })?,
            )
            .into_owned(),
            None => String::new(),
        };
        out.push(Note {
            author_id,
            organisation_id,
            created_at,
            text,
        });
    }
    Ok(out)
}

/// Organisations with a pending or active referral of the case: they reach it.
pub async fn receivers(store: &Store, case_id: i64) -> Result<Vec<i64>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT DISTINCT to_organisation_id FROM referral WHERE case_id = $1 AND state IN ('sent', 'accepted', 'in_progress')",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    })
}

/// What the referrals of a case give `organisation` to see (see
/// [`mayak_domain::access::section_visible`]); `consent` is whether the person's referral
/// consent to it stands.
pub async fn grant(
    store: &Store,
    case_id: i64,
    organisation: i64,
    consent: bool,
) -> Result<ReferralGrant> {
    let rows: Vec<(String, String)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT state, disclosure FROM referral WHERE case_id = $1 AND to_organisation_id = $2 \
             AND state IN ('sent', 'accepted', 'in_progress', 'completed')",
        )
        .bind(case_id)
        .bind(organisation)
        .fetch_all(p)
        .await?
    });
    let mut disclosure: Option<Disclosure> = None;
    let mut accepted = false;
    for (state, d) in rows {
        let d = Disclosure::parse(&d).ok_or_else(|| bad("disclosure", &d))?;
        disclosure = Some(disclosure.map_or(d, |x| x.max(d)));
        accepted |= state != ReferralState::Sent.code();
    }
    Ok(ReferralGrant {
        disclosure,
        accepted: accepted || disclosure.is_none(),
        consent,
    })
}

/// Referrals sent without consent that nobody has reviewed yet, then the reviewed ones.
pub async fn overrides(store: &Store) -> Result<Vec<Referral>> {
    let sql = format!(
        "SELECT {COLUMNS} WHERE r.override_reason IS NOT NULL ORDER BY (r.override_reviewed_by IS NULL) DESC, r.id DESC LIMIT 200"
    );
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode!(row));
        }
        Ok(out)
    })
}

/// Marks an override reviewed.
pub async fn review_override(
    store: &Store,
    id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE referral SET override_reviewed_by = $1, override_reviewed_at = $2 WHERE id = $3 AND override_reason IS NOT NULL AND override_reviewed_by IS NULL")
            .bind(who.user_id)
            .bind(now)
            .bind(id)
            .execute(&mut **t)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "referral.override.review", id, None),
        now,
    )
    .await?;
    tx.commit().await
}

/// Counts for the inbox of an organisation on `today`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Inbox {
    /// Incoming referrals waiting for acceptance.
    pub to_decide: Vec<Referral>,
    /// Incoming transfers of the case lead waiting for acceptance.
    pub transfers: Vec<Referral>,
    /// Open referrals either side whose due date has passed.
    pub overdue: Vec<Referral>,
    /// Open referrals either side due within the next three days.
    pub due_soon: Vec<Referral>,
}

/// The inbox of an organisation: referrals and transfers to decide, overdue and due items.
pub async fn inbox(store: &Store, organisation: i64, today: Date) -> Result<Inbox> {
    let open = of_organisation(store, organisation, Direction::Both, true).await?;
    let mut inbox = Inbox::default();
    let soon = today + time::Duration::days(3);
    for r in open {
        let due = if r.state == ReferralState::Sent {
            Some(r.accept_due_on)
        } else {
            r.complete_due_on
        };
        if r.overdue(today).is_some() {
            inbox.overdue.push(r.clone());
        } else if due.is_some_and(|d| d <= soon) {
            inbox.due_soon.push(r.clone());
        }
        if r.to_organisation_id == organisation && r.state == ReferralState::Sent {
            match r.kind {
                ReferralKind::Services => inbox.to_decide.push(r),
                ReferralKind::Transfer => inbox.transfers.push(r),
            }
        }
    }
    Ok(inbox)
}
