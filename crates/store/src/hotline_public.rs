//! Online requests from the public site: a person without an account asks a question and
//! reads the answer later with a ticket code. Only a SHA-256 digest of the ticket is stored,
//! the question and answer are sealed under the request's own data key, and the consultants'
//! queue shows only the age, language and topic of each waiting request.

use crate::audit::{self, AuditEvent};
use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::hotline::{self, NewConsultation};
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::crypto::{self, SecretKey};
use time::{OffsetDateTime, UtcOffset};

/// Associated data of a request's sealed fields.
pub fn context(id: i64, what: &str) -> Vec<u8> {
    format!("hotline_request:{id}:{what}").into_bytes()
}

/// A waiting or answered request as the consultants' queue lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// Id.
    pub id: i64,
    /// Interface language the person wrote in.
    pub lang: String,
    /// Topic the person chose, if any.
    pub topic: Option<String>,
    /// Sent outside working hours.
    pub after_hours: bool,
    /// Sent.
    pub created_at: OffsetDateTime,
    /// Answered.
    pub answered_at: Option<OffsetDateTime>,
    /// The channel it came through (`OnlineForm`, `Viber`, `Email`).
    pub channel: String,
}

/// What the ticket holder reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketView {
    /// Sent.
    pub created_at: OffsetDateTime,
    /// Their question.
    pub question: String,
    /// The answer, once given.
    pub answer: Option<String>,
    /// When it was answered.
    pub answered_at: Option<OffsetDateTime>,
}

/// Stores a request; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn submit(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    ticket_digest: &str,
    lang: &str,
    topic: Option<&str>,
    question: &str,
    after_hours: bool,
    now: OffsetDateTime,
) -> Result<i64> {
    let dek = SecretKey::generate(rng);
    let (version, kek) = vault.keyring().current()?;
    let mut tx = store.begin().await?;
    let id = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO hotline_request (ticket_hash, lang, topic, after_hours, kek_version, wrapped_key, sealed_question, created_at) \
             VALUES ($1, $2, $3, $4, 0, $5, $5, $6) RETURNING id",
        )
        .bind(ticket_digest)
        .bind(lang)
        .bind(topic)
        .bind(after_hours)
        .bind(Vec::<u8>::new())
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        let wrapped = crypto::wrap(&kek, &context(id, "key"), &dek, rng);
        let sealed = crypto::seal(&dek, &context(id, "question"), question.as_bytes(), rng);
        sqlx::query("UPDATE hotline_request SET kek_version = $1, wrapped_key = $2, sealed_question = $3 WHERE id = $4")
            .bind(version as i32)
            .bind(&wrapped)
            .bind(&sealed)
            .bind(id)
            .execute(&mut **t)
            .await?;
        id
    });
    tx.commit().await?;
    Ok(id)
}

type Row = (
    i64,
    i32,
    Vec<u8>,
    Vec<u8>,
    Option<Vec<u8>>,
    OffsetDateTime,
    Option<OffsetDateTime>,
);

fn opened(vault: &Vault, row: &Row) -> Result<(String, Option<String>)> {
    let (id, version, wrapped, q, a, _, _) = row;
    let broken = || StoreError::Config(format!("online request {id} cannot be decrypted"));
    let kek = vault.keyring().get(u32::try_from(*version).unwrap_or(0))?;
    let dek = crypto::unwrap(&kek, &context(*id, "key"), wrapped).map_err(|_| broken())?;
    let text = |what: &str, sealed: &[u8]| -> Result<String> {
        let b = crypto::open(&dek, &context(*id, what), sealed).map_err(|_| broken())?;
        String::from_utf8(b).map_err(|_| broken())
    };
    let question = text("question", q)?;
    let answer = match a {
        Some(a) => Some(text("answer", a)?),
        None => None,
    };
    Ok((question, answer))
}

const ROW: &str = "SELECT id, kek_version, wrapped_key, sealed_question, sealed_answer, created_at, answered_at FROM hotline_request";

/// The request whose ticket has this digest: what its holder may read.
pub async fn by_ticket(store: &Store, vault: &Vault, ticket_digest: &str) -> Result<TicketView> {
    let sql = format!("{ROW} WHERE ticket_hash = $1");
    let row: Option<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(ticket_digest).fetch_optional(p).await?
    });
    let row = row.ok_or(StoreError::NotFound)?;
    let (question, answer) = opened(vault, &row)?;
    Ok(TicketView {
        created_at: row.5,
        question,
        answer,
        answered_at: row.6,
    })
}

/// Id, language, topic, after hours, sent, answered.
type QueueRow = (
    i64,
    String,
    Option<String>,
    bool,
    OffsetDateTime,
    Option<OffsetDateTime>,
    String,
);

/// The queue: waiting requests oldest first, then the most recently answered.
pub async fn queue(store: &Store, answered: bool, limit: i64) -> Result<Vec<Queued>> {
    let sql = if answered {
        "SELECT id, lang, topic, after_hours, created_at, answered_at, channel FROM hotline_request \
         WHERE answered_at IS NOT NULL ORDER BY answered_at DESC, id DESC LIMIT $1"
    } else {
        "SELECT id, lang, topic, after_hours, created_at, answered_at, channel FROM hotline_request \
         WHERE answered_at IS NULL ORDER BY created_at, id LIMIT $1"
    };
    let rows: Vec<QueueRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sql).bind(limit.clamp(1, 500)).fetch_all(p).await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(id, lang, topic, after_hours, created_at, answered_at, channel)| Queued {
                id,
                lang,
                topic,
                after_hours,
                created_at,
                answered_at,
                channel,
            },
        )
        .collect())
}

/// One request for a consultant: its queue entry, question and answer; the read is audited.
pub async fn read(
    store: &Store,
    vault: &Vault,
    id: i64,
    reader: &AuditEvent,
    now: OffsetDateTime,
) -> Result<(Queued, String, Option<String>)> {
    let sql = format!("{ROW} WHERE id = $1");
    let row: Option<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await?
    });
    let row = row.ok_or(StoreError::NotFound)?;
    let (question, answer) = opened(vault, &row)?;
    let meta: (String, Option<String>, bool, String) = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT lang, topic, after_hours, channel FROM hotline_request WHERE id = $1")
            .bind(id)
            .fetch_one(p)
            .await?
    });
    let mut e = reader.clone();
    e.action = "hotline.request.read".to_owned();
    e.record_type = Some("hotline_request".to_owned());
    e.record_id = Some(id.to_string());
    audit::record(store, &e, now).await?;
    Ok((
        Queued {
            id,
            lang: meta.0,
            topic: meta.1,
            after_hours: meta.2,
            created_at: row.5,
            answered_at: row.6,
            channel: meta.3,
        },
        question,
        answer,
    ))
}

/// Answers a request and logs the consultation it was (channel `OnlineForm`) in one
/// transaction; a request already answered is a conflict. Returns the consultation's id.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    id: i64,
    consultation: &NewConsultation,
    offset: UtcOffset,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let row: Option<(i32, Vec<u8>, Option<OffsetDateTime>)> = crate::on_tx!(&mut tx, t => {
        sqlx::query_as("SELECT kek_version, wrapped_key, answered_at FROM hotline_request WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **t)
            .await?
    });
    let (version, wrapped, answered_at) = row.ok_or(StoreError::NotFound)?;
    if answered_at.is_some() {
        return Err(StoreError::Conflict(
            "the request was already answered".to_owned(),
        ));
    }
    let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
    let dek = crypto::unwrap(&kek, &context(id, "key"), &wrapped)
        .map_err(|_| StoreError::Config(format!("online request {id} cannot be decrypted")))?;
    let sealed = crypto::seal(
        &dek,
        &context(id, "answer"),
        consultation.checked.answer.as_bytes(),
        rng,
    );
    let cid = hotline::create_in(&mut tx, vault, rng, consultation, offset, now).await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query(
            "UPDATE hotline_request SET sealed_answer = $1, answered_at = $2, answered_by = $3, consultation_id = $4 \
             WHERE id = $5 AND answered_at IS NULL",
        )
        .bind(&sealed)
        .bind(now)
        .bind(who.user_id)
        .bind(cid)
        .bind(id)
        .execute(&mut **t)
        .await?
        .rows_affected()
    });
    if n != 1 {
        return Err(StoreError::Conflict(
            "the request was already answered".to_owned(),
        ));
    }
    // A request that came through a channel gets its answer back through it.
    crate::hotline_channels::queue_answer_in(
        &mut tx,
        vault,
        rng,
        id,
        &consultation.checked.answer,
        now,
    )
    .await?;
    let mut e = who.clone();
    e.action = "hotline.request.answer".to_owned();
    e.record_type = Some("hotline_request".to_owned());
    e.record_id = Some(id.to_string());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(cid)
}

/// Records a request attempt from an address (its keyed hash) and returns how many attempts
/// it made within `window` (this one included). Old attempts are purged on the way.
pub async fn attempt(
    store: &Store,
    address_hash: &str,
    window: time::Duration,
    now: OffsetDateTime,
) -> Result<i64> {
    let since = now - window;
    let mut tx = store.begin().await?;
    let n: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query("DELETE FROM hotline_request_attempt WHERE at < $1")
            .bind(now - time::Duration::days(1))
            .execute(&mut **t)
            .await?;
        sqlx::query("INSERT INTO hotline_request_attempt (address_hash, at) VALUES ($1, $2)")
            .bind(address_hash)
            .bind(now)
            .execute(&mut **t)
            .await?;
        sqlx::query_scalar("SELECT COUNT(*) FROM hotline_request_attempt WHERE address_hash = $1 AND at >= $2")
            .bind(address_hash)
            .bind(since)
            .fetch_one(&mut **t)
            .await?
    });
    tx.commit().await?;
    Ok(n)
}
