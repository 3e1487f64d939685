//! The hotline's consultation log. The caller's profile (channel, topics, destination, sex,
//! age band, region, who called, outcome) is pseudonymous and kept in the clear for
//! statistics; the question and the answer may name someone, so they are sealed under a data
//! key of the consultation's own, wrapped under the KEK. A repeat caller is linked only with
//! their consent, by a keyed hash of their number or Viber id (never the number itself).

use crate::audit::{self, AuditEvent};
use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::crypto::{self, SecretKey};
use mayak_domain::hotline::{CheckedConsultation, Outcome};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use time::{OffsetDateTime, UtcOffset};

/// What a consultant records about one call or message.
#[derive(Debug, Clone)]
pub struct NewConsultation {
    /// The checked fields of the form or request.
    pub checked: CheckedConsultation,
    /// Destination country (ISO alpha-2).
    pub destination: Option<String>,
    /// Sex (HTCDS code), when the caller said or it is evident.
    pub sex: Option<String>,
    /// CTDC age band.
    pub age_band: Option<String>,
    /// Region the caller lives in.
    pub region: Option<String>,
    /// Who called (list `caller_type`).
    pub caller_type: Option<String>,
    /// Job-offer warning signs the consultant ticked (checked codes of the checklist).
    pub indicators: Vec<String>,
    /// The consultant.
    pub consultant_id: i64,
    /// The consultant's organisation (the hotline's operator).
    pub organisation_id: i64,
}

/// A consultation as lists show it: nothing identifying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consultation {
    /// Id.
    pub id: i64,
    /// Channel code.
    pub channel: String,
    /// Start.
    pub started_at: OffsetDateTime,
    /// Minutes.
    pub duration_minutes: Option<i32>,
    /// Topic codes.
    pub topics: Vec<String>,
    /// Job-offer warning signs ticked during the call (checklist codes).
    pub indicators: Vec<String>,
    /// Destination country.
    pub destination: Option<String>,
    /// Sex.
    pub sex: Option<String>,
    /// Age band.
    pub age_band: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Who called.
    pub caller_type: Option<String>,
    /// Outcome code.
    pub outcome: String,
    /// Partner referred to.
    pub referred_to: Option<i64>,
    /// The caller agreed to be recognised again (a keyed hash is kept).
    pub repeat_caller: bool,
    /// The case opened from it.
    pub case_id: Option<i64>,
    /// Consultant.
    pub consultant_id: i64,
    /// Operator organisation.
    pub organisation_id: i64,
}

/// The sealed part of a consultation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    /// The question.
    pub question: String,
    /// The answer given.
    pub answer: String,
}

const COLUMNS: &str = "id, channel, started_at, duration_minutes, destination, sex, age_band, region, caller_type, \
     outcome, referred_to, caller_hash, case_id, consultant_id, organisation_id FROM hotline_consultation";

macro_rules! decode {
    ($row:expr) => {{
        let row = $row;
        let hash: Option<String> = row.try_get("caller_hash")?;
        Consultation {
            id: row.try_get("id")?,
            channel: row.try_get("channel")?,
            started_at: row.try_get("started_at")?,
            duration_minutes: row.try_get("duration_minutes")?,
            topics: Vec::new(),
            indicators: Vec::new(),
            destination: row.try_get("destination")?,
            sex: row.try_get("sex")?,
            age_band: row.try_get("age_band")?,
            region: row.try_get("region")?,
            caller_type: row.try_get("caller_type")?,
            outcome: row.try_get("outcome")?,
            referred_to: row.try_get("referred_to")?,
            repeat_caller: hash.is_some(),
            case_id: row.try_get("case_id")?,
            consultant_id: row.try_get("consultant_id")?,
            organisation_id: row.try_get("organisation_id")?,
        }
    }};
}

fn context(id: i64, what: &str) -> Vec<u8> {
    format!("hotline_consultation:{id}:{what}").into_bytes()
}

/// Seals what was said in consultation `id` under a new data key wrapped by the current KEK:
/// the KEK version, the wrapped data key and the sealed text, as the row holds them.
pub fn seal_said(
    vault: &Vault,
    rng: &dyn Random,
    id: i64,
    said: &Said,
) -> Result<(i32, Vec<u8>, Vec<u8>)> {
    let json = serde_json::to_vec(said).map_err(|e| StoreError::Config(e.to_string()))?;
    let (version, kek) = vault.keyring().current()?;
    let dek = SecretKey::generate(rng);
    let wrapped = crypto::wrap(&kek, &context(id, "key"), &dek, rng);
    let sealed = crypto::seal(&dek, &context(id, "said"), &json, rng);
    Ok((version as i32, wrapped, sealed))
}

/// The keyed hash that links a consenting caller's consultations.
pub fn caller_hash(vault: &Vault, normalised_contact: &str) -> String {
    vault.index("hotline_caller", normalised_contact)
}

/// Year and month of an instant in the hotline's time zone.
pub fn local_month(at: OffsetDateTime, offset: UtcOffset) -> (i32, i32) {
    let l = at.to_offset(offset);
    (l.year(), i32::from(u8::from(l.month())))
}

/// Records a consultation with its topics, sealed text and audit entry; returns its id.
pub async fn create(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    new: &NewConsultation,
    offset: UtcOffset,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = create_in(&mut tx, vault, rng, new, offset, now).await?;
    let mut e = who.clone();
    e.action = "hotline.consultation.create".to_owned();
    e.record_type = Some("hotline_consultation".to_owned());
    e.record_id = Some(id.to_string());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts a consultation inside a transaction (escalation also opens a case in it).
pub async fn create_in(
    tx: &mut Tx,
    vault: &Vault,
    rng: &dyn Random,
    new: &NewConsultation,
    offset: UtcOffset,
    now: OffsetDateTime,
) -> Result<i64> {
    let c = &new.checked;
    // Stored in UTC, to the microsecond, so both databases give back the same instant.
    let started_at =
        mayak_domain::clock::truncate_to_micros(c.started_at.to_offset(UtcOffset::UTC));
    let (year, month) = local_month(started_at, offset);
    let hash = c.caller_contact.as_deref().map(|n| caller_hash(vault, n));
    let said = Said {
        question: c.question.clone(),
        answer: c.answer.clone(),
    };
    let id = crate::on_tx!(tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO hotline_consultation (channel, started_at, year, month, duration_minutes, destination, sex, \
             age_band, region, caller_type, outcome, referred_to, caller_hash, consultant_id, organisation_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        )
        .bind(&c.channel)
        .bind(started_at)
        .bind(year)
        .bind(month)
        .bind(c.duration_minutes)
        .bind(&new.destination)
        .bind(&new.sex)
        .bind(&new.age_band)
        .bind(&new.region)
        .bind(&new.caller_type)
        .bind(c.outcome.code())
        .bind(c.referred_to)
        .bind(&hash)
        .bind(new.consultant_id)
        .bind(new.organisation_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        let (version, wrapped, sealed) = seal_said(vault, rng, id, &said)?;
        sqlx::query("UPDATE hotline_consultation SET kek_version = $1, wrapped_key = $2, sealed = $3 WHERE id = $4")
            .bind(version)
            .bind(&wrapped)
            .bind(&sealed)
            .bind(id)
            .execute(&mut **t)
            .await?;
        for topic in &c.topics {
            sqlx::query("INSERT INTO hotline_consultation_topic (consultation_id, topic) VALUES ($1, $2)")
                .bind(id)
                .bind(topic)
                .execute(&mut **t)
                .await?;
        }
        id
    });
    crate::hotline_checks::record_indicators_in(tx, id, &new.indicators).await?;
    Ok(id)
}

async fn with_topics(store: &Store, mut rows: Vec<Consultation>) -> Result<Vec<Consultation>> {
    if rows.is_empty() {
        return Ok(rows);
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    // Ids are integers formatted here, never text from a request.
    let sql = format!(
        "SELECT consultation_id, topic FROM hotline_consultation_topic WHERE consultation_id IN ({}) ORDER BY topic",
        ids.join(",")
    );
    let signs = format!(
        "SELECT consultation_id, indicator FROM hotline_consultation_indicator WHERE consultation_id IN ({}) ORDER BY indicator",
        ids.join(",")
    );
    type Pairs = Vec<(i64, String)>;
    let (pairs, signs): (Pairs, Pairs) = crate::on_pool!(store.pool(), p => {
        (
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?,
            sqlx::query_as(sqlx::AssertSqlSafe(signs)).fetch_all(p).await?,
        )
    });
    for r in &mut rows {
        r.topics = pairs
            .iter()
            .filter(|(id, _)| *id == r.id)
            .map(|(_, t)| t.clone())
            .collect();
        r.indicators = signs
            .iter()
            .filter(|(id, _)| *id == r.id)
            .map(|(_, t)| t.clone())
            .collect();
    }
    Ok(rows)
}

/// One consultation (without its text).
pub async fn get(store: &Store, id: i64) -> Result<Consultation> {
    let sql = format!("SELECT {COLUMNS} WHERE id = $1");
    let c = crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await? {
            Some(row) => decode!(&row),
            None => return Err(StoreError::NotFound),
        }
    });
    let mut v = with_topics(store, vec![c]).await?;
    v.pop().ok_or(StoreError::NotFound)
}

/// KEK version, wrapped key and sealed text of a consultation (absent for imported history).
type SealedRow = (Option<i32>, Option<Vec<u8>>, Option<Vec<u8>>);

/// What was said in a consultation; the read is recorded in the audit trail with it.
pub async fn said(
    store: &Store,
    vault: &Vault,
    id: i64,
    reader: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Said> {
    let mut tx = store.begin().await?;
    let row: Option<SealedRow> = crate::on_tx!(&mut tx, t => {
        sqlx::query_as("SELECT kek_version, wrapped_key, sealed FROM hotline_consultation WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **t)
            .await?
    });
    let Some(row) = row else {
        return Err(StoreError::NotFound);
    };
    let said = match row {
        (Some(version), Some(wrapped), Some(sealed)) => {
            let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
            let broken = || StoreError::Config(format!("consultation {id} cannot be decrypted"));
            let dek = crypto::unwrap(&kek, &context(id, "key"), &wrapped).map_err(|_| broken())?;
            let json = crypto::open(&dek, &context(id, "said"), &sealed).map_err(|_| broken())?;
            serde_json::from_slice(&json).map_err(|e| StoreError::Config(e.to_string()))?
        }
        // Consultations imported without their text (the demo's older years).
        _ => Said::default(),
    };
    let mut e = reader.clone();
    e.action = "hotline.consultation.read".to_owned();
    e.record_type = Some("hotline_consultation".to_owned());
    e.record_id = Some(id.to_string());
    e.fields = Some("question,answer".to_owned());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(said)
}

/// Filters of the consultation log.
#[derive(Debug, Clone, Default)]
pub struct ConsultationFilter {
    /// Only this operator's consultations (always set for consultants).
    pub organisation_id: Option<i64>,
    /// Only this consultant's.
    pub consultant_id: Option<i64>,
    /// Channel.
    pub channel: Option<String>,
    /// Topic.
    pub topic: Option<String>,
    /// Outcome.
    pub outcome: Option<String>,
    /// Destination country.
    pub destination: Option<String>,
    /// Started on or after.
    pub from: Option<OffsetDateTime>,
    /// Started before.
    pub to: Option<OffsetDateTime>,
    /// The same consenting caller.
    pub caller_hash: Option<String>,
    /// Keyset paging: ids below this.
    pub before_id: Option<i64>,
    /// Page size (at most 200).
    pub limit: i64,
}

/// The consultation log, newest first, keyset-paged by id.
pub async fn list(store: &Store, f: &ConsultationFilter) -> Result<Vec<Consultation>> {
    let mut sql = format!("SELECT {COLUMNS} WHERE 1 = 1");
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if f.organisation_id.is_some() {
        sql.push_str(&format!(" AND organisation_id = {}", next()));
    }
    if f.consultant_id.is_some() {
        sql.push_str(&format!(" AND consultant_id = {}", next()));
    }
    if f.channel.is_some() {
        sql.push_str(&format!(" AND channel = {}", next()));
    }
    if f.topic.is_some() {
        sql.push_str(&format!(
            " AND id IN (SELECT consultation_id FROM hotline_consultation_topic WHERE topic = {})",
            next()
        ));
    }
    if f.outcome.is_some() {
        sql.push_str(&format!(" AND outcome = {}", next()));
    }
    if f.destination.is_some() {
        sql.push_str(&format!(" AND destination = {}", next()));
    }
    if f.from.is_some() {
        sql.push_str(&format!(" AND started_at >= {}", next()));
    }
    if f.to.is_some() {
        sql.push_str(&format!(" AND started_at < {}", next()));
    }
    if f.caller_hash.is_some() {
        sql.push_str(&format!(" AND caller_hash = {}", next()));
    }
    if f.before_id.is_some() {
        sql.push_str(&format!(" AND id < {}", next()));
    }
    sql.push_str(&format!(" ORDER BY id DESC LIMIT {}", next()));
    let limit = f.limit.clamp(1, 200);
    let rows = crate::on_pool!(store.pool(), p => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(v) = f.organisation_id { q = q.bind(v); }
        if let Some(v) = f.consultant_id { q = q.bind(v); }
        if let Some(v) = &f.channel { q = q.bind(v.clone()); }
        if let Some(v) = &f.topic { q = q.bind(v.clone()); }
        if let Some(v) = &f.outcome { q = q.bind(v.clone()); }
        if let Some(v) = &f.destination { q = q.bind(v.clone()); }
        if let Some(v) = f.from { q = q.bind(v); }
        if let Some(v) = f.to { q = q.bind(v); }
        if let Some(v) = &f.caller_hash { q = q.bind(v.clone()); }
        if let Some(v) = f.before_id { q = q.bind(v); }
        let mut out = Vec::new();
        for row in q.bind(limit).fetch_all(p).await? {
            out.push(decode!(&row));
        }
        out
    });
    with_topics(store, rows).await
}

/// How many consultations of the same consenting caller exist (this one included).
pub async fn calls_of(store: &Store, id: i64) -> Result<i64> {
    let n: i64 = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM hotline_consultation WHERE caller_hash = \
             (SELECT caller_hash FROM hotline_consultation WHERE id = $1)",
        )
        .bind(id)
        .fetch_one(p)
        .await?
    });
    Ok(n)
}

/// The caller hash of a consultation, to list the same caller's other consultations.
pub async fn caller_of(store: &Store, id: i64) -> Result<Option<String>> {
    let h: Option<Option<String>> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT caller_hash FROM hotline_consultation WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await?
    });
    h.ok_or(StoreError::NotFound)
}

/// Links a consultation to the case opened from it and marks it escalated.
pub async fn link_case_in(tx: &mut Tx, id: i64, case_id: i64) -> Result<()> {
    crate::on_tx!(tx, t => {
        sqlx::query("UPDATE hotline_consultation SET case_id = $1, outcome = $2 WHERE id = $3")
            .bind(case_id)
            .bind(Outcome::EscalatedToCase.code())
            .bind(id)
            .execute(&mut **t)
            .await?;
    });
    Ok(())
}

/// The consultation a case was opened from, if any.
pub async fn of_case(store: &Store, case_id: i64) -> Result<Option<i64>> {
    Ok(crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT id FROM hotline_consultation WHERE case_id = $1 ORDER BY id LIMIT 1")
            .bind(case_id)
            .fetch_optional(p)
            .await?
    }))
}

// ---- The consultant's autosaved draft ---------------------------------------------------------

fn draft_context(user_id: i64, what: &str) -> Vec<u8> {
    format!("hotline_draft:{user_id}:{what}").into_bytes()
}

/// The largest draft kept (bytes of JSON).
pub const MAX_DRAFT_BYTES: usize = 32 * 1024;

/// Saves the consultant's unfinished form (one per consultant, replaced on every save),
/// sealed under a data key of its own.
pub async fn save_draft(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    user_id: i64,
    pairs: &[(String, String)],
    now: OffsetDateTime,
) -> Result<()> {
    let json = serde_json::to_vec(pairs).map_err(|e| StoreError::Config(e.to_string()))?;
    if json.len() > MAX_DRAFT_BYTES {
        return Err(StoreError::Conflict(format!(
            "the draft is larger than {MAX_DRAFT_BYTES} bytes"
        )));
    }
    let dek = SecretKey::generate(rng);
    let (version, kek) = vault.keyring().current()?;
    let wrapped = crypto::wrap(&kek, &draft_context(user_id, "key"), &dek, rng);
    let sealed = crypto::seal(&dek, &draft_context(user_id, "form"), &json, rng);
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "INSERT INTO hotline_draft (user_id, kek_version, wrapped_key, sealed, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id) DO UPDATE SET kek_version = excluded.kek_version, wrapped_key = excluded.wrapped_key, \
             sealed = excluded.sealed, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(version as i32)
        .bind(&wrapped)
        .bind(&sealed)
        .bind(now)
        .execute(p)
        .await?;
    });
    Ok(())
}

/// The consultant's draft and when it was saved, if any.
pub async fn load_draft(
    store: &Store,
    vault: &Vault,
    user_id: i64,
) -> Result<Option<(Vec<(String, String)>, OffsetDateTime)>> {
    let row: Option<(i32, Vec<u8>, Vec<u8>, OffsetDateTime)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT kek_version, wrapped_key, sealed, updated_at FROM hotline_draft WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(p)
            .await?
    });
    let Some((version, wrapped, sealed, at)) = row else {
        return Ok(None);
    };
    let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
    let broken = || StoreError::Config("a hotline draft cannot be decrypted".to_owned());
    let dek =
        crypto::unwrap(&kek, &draft_context(user_id, "key"), &wrapped).map_err(|_| broken())?;
    let json =
        crypto::open(&dek, &draft_context(user_id, "form"), &sealed).map_err(|_| broken())?;
    let pairs = serde_json::from_slice(&json).map_err(|e| StoreError::Config(e.to_string()))?;
    Ok(Some((pairs, at)))
}

/// Deletes the consultant's draft (after the consultation was saved, or on request).
pub async fn delete_draft(store: &Store, user_id: i64) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("DELETE FROM hotline_draft WHERE user_id = $1")
            .bind(user_id)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Re-wraps every consultation's and draft's data key not yet under KEK `to` (key rotation);
/// returns how many.
pub async fn rewrap_all(store: &Store, vault: &Vault, rng: &dyn Random, to: u32) -> Result<u64> {
    let kek_to = vault.keyring().get(to)?;
    let mut done = 0;
    for (table, key_col, ctx) in [
        ("hotline_consultation", "id", "consultation"),
        ("hotline_draft", "user_id", "draft"),
        ("hotline_request", "id", "request"),
        ("hotline_outbox", "id", "outbox"),
    ] {
        let sql = format!(
            "SELECT {key_col}, kek_version, wrapped_key FROM {table} WHERE wrapped_key IS NOT NULL AND kek_version <> $1"
        );
        let rows: Vec<(i64, i32, Vec<u8>)> = crate::on_pool!(store.pool(), p => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(to as i32).fetch_all(p).await?
        });
        for (id, version, wrapped) in rows {
            let c = match ctx {
                "consultation" => context(id, "key"),
                "draft" => draft_context(id, "key"),
                "outbox" => crate::hotline_channels::outbox_context(id, "key"),
                _ => crate::hotline_public::context(id, "key"),
            };
            let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
            let dek = crypto::unwrap(&kek, &c, &wrapped)
                .map_err(|_| StoreError::Config(format!("{table} {id} cannot be unwrapped")))?;
            let rewrapped = crypto::wrap(&kek_to, &c, &dek, rng);
            let sql = format!(
                "UPDATE {table} SET kek_version = $1, wrapped_key = $2 WHERE {key_col} = $3 AND kek_version = $4"
            );
            crate::on_pool!(store.pool(), p => {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(to as i32)
                    .bind(&rewrapped)
                    .bind(id)
                    .bind(version)
                    .execute(p)
                    .await?;
            });
            done += 1;
        }
    }
    Ok(done)
}

// ---- Statistics -------------------------------------------------------------------------------

/// One row of a breakdown: a code (or `""` for not recorded) and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The code; empty when the field was not recorded.
    pub code: String,
    /// How many consultations.
    pub count: i64,
}

/// Hotline statistics for one year (or all years).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Statistics {
    /// The year, or `None` for every year.
    pub year: Option<i32>,
    /// Consultations in the period.
    pub total: i64,
    /// Consultations since the first record up to the end of the period: people consulted.
    pub cumulative: i64,
    /// Every year with its count (the whole history, for the yearly view).
    pub by_year: Vec<Count>,
    /// Months 1–12 of the year (empty for all years).
    pub by_month: Vec<Count>,
    /// Topics (a consultation counts once for each of its topics).
    pub by_topic: Vec<Count>,
    /// Channels.
    pub by_channel: Vec<Count>,
    /// Sex.
    pub by_sex: Vec<Count>,
    /// Age bands.
    pub by_age_band: Vec<Count>,
    /// Regions.
    pub by_region: Vec<Count>,
    /// Destination countries.
    pub by_destination: Vec<Count>,
    /// Who called.
    pub by_caller_type: Vec<Count>,
    /// Outcomes.
    pub by_outcome: Vec<Count>,
}

async fn counts(store: &Store, sql: String, year: Option<i32>) -> Result<Vec<Count>> {
    let rows: Vec<(Option<String>, i64)> = crate::on_pool!(store.pool(), p => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        if let Some(y) = year {
            q = q.bind(y);
        }
        q.fetch_all(p).await?
    });
    let mut out: Vec<Count> = rows
        .into_iter()
        .map(|(code, count)| Count {
            code: code.unwrap_or_default(),
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    Ok(out)
}

/// Statistics by year and month, topic, channel, sex, age band, region, destination, caller
/// type and outcome, with the cumulative number consulted.
pub async fn statistics(store: &Store, year: Option<i32>) -> Result<Statistics> {
    let filter = if year.is_some() {
        " WHERE year = $1"
    } else {
        ""
    };
    let mut s = Statistics {
        year,
        ..Default::default()
    };
    for (column, target) in [
        ("channel", &mut s.by_channel),
        ("sex", &mut s.by_sex),
        ("age_band", &mut s.by_age_band),
        ("region", &mut s.by_region),
        ("destination", &mut s.by_destination),
        ("caller_type", &mut s.by_caller_type),
        ("outcome", &mut s.by_outcome),
    ] {
        *target = counts(
            store,
            format!(
                "SELECT {column}, COUNT(*) FROM hotline_consultation{filter} GROUP BY {column}"
            ),
            year,
        )
        .await?;
    }
    let topic_filter = if year.is_some() {
        " WHERE c.year = $1"
    } else {
        ""
    };
    s.by_topic = counts(
        store,
        format!(
            "SELECT t.topic, COUNT(*) FROM hotline_consultation_topic t \
             JOIN hotline_consultation c ON c.id = t.consultation_id{topic_filter} GROUP BY t.topic"
        ),
        year,
    )
    .await?;
    let years: Vec<(i32, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT year, COUNT(*) FROM hotline_consultation GROUP BY year ORDER BY year")
            .fetch_all(p)
            .await?
    });
    s.by_year = years
        .iter()
        .map(|(y, n)| Count {
            code: y.to_string(),
            count: *n,
        })
        .collect();
    s.total = match year {
        Some(y) => years.iter().filter(|(v, _)| *v == y).map(|(_, n)| n).sum(),
        None => years.iter().map(|(_, n)| n).sum(),
    };
    s.cumulative = match year {
        Some(y) => years.iter().filter(|(v, _)| *v <= y).map(|(_, n)| n).sum(),
        None => s.total,
    };
    if let Some(y) = year {
        let months: Vec<(i32, i64)> = crate::on_pool!(store.pool(), p => {
            sqlx::query_as("SELECT month, COUNT(*) FROM hotline_consultation WHERE year = $1 GROUP BY month")
                .bind(y)
                .fetch_all(p)
                .await?
        });
        s.by_month = (1..=12)
            .map(|m| Count {
                code: m.to_string(),
                count: months.iter().find(|(v, _)| *v == m).map_or(0, |(_, n)| *n),
            })
            .collect();
    }
    Ok(s)
}

/// The topic counts of every year, for the yearly topic chart: (year, topic, count).
pub async fn topics_by_year(store: &Store) -> Result<Vec<(i32, String, i64)>> {
    Ok(crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT c.year, t.topic, COUNT(*) FROM hotline_consultation_topic t \
             JOIN hotline_consultation c ON c.id = t.consultation_id GROUP BY c.year, t.topic ORDER BY c.year, t.topic",
        )
        .fetch_all(p)
        .await?
    }))
}

// ---- Bulk load (demo data, imports) -----------------------------------------------------------

/// A consultation imported without text (history from before Mayak, or demo data).
#[derive(Debug, Clone)]
pub struct Imported {
    /// The profile and outcome.
    pub channel: &'static str,
    /// Start.
    pub started_at: OffsetDateTime,
    /// Minutes.
    pub duration_minutes: i32,
    /// Topics.
    pub topics: Vec<&'static str>,
    /// Destination.
    pub destination: Option<&'static str>,
    /// Sex.
    pub sex: Option<&'static str>,
    /// Age band.
    pub age_band: Option<&'static str>,
    /// Region.
    pub region: Option<&'static str>,
    /// Who called.
    pub caller_type: Option<&'static str>,
    /// Outcome.
    pub outcome: Outcome,
}

/// Inserts many consultations in one transaction with multi-row statements (a few hundred
/// rows per statement keeps below both databases' parameter limits).
pub async fn import(
    store: &Store,
    rows: &[Imported],
    consultant_id: i64,
    organisation_id: i64,
    offset: UtcOffset,
    now: OffsetDateTime,
) -> Result<()> {
    // SQLite binds get slower as a statement grows (measured: 25 rows per statement is ~10x
    // faster per row than 400); PostgreSQL pays a round trip per statement instead.
    let chunk_rows: usize = match store.backend() {
        crate::Backend::Sqlite => 25,
        crate::Backend::Postgres => 500,
    };
    let mut tx = store.begin().await?;
    let first_id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar("SELECT CAST(COALESCE(MAX(id), 0) + 1 AS BIGINT) FROM hotline_consultation")
            .fetch_one(&mut **t)
            .await?
    });
    for (chunk_no, chunk) in rows.chunks(chunk_rows).enumerate() {
        let base = first_id + (chunk_no * chunk_rows) as i64;
        let mut sql = String::from(
            "INSERT INTO hotline_consultation (id, channel, started_at, year, month, duration_minutes, destination, sex, \
             age_band, region, caller_type, outcome, consultant_id, organisation_id, created_at) VALUES ",
        );
        let per = 12;
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            let b = i * per;
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, $1, $2, $3)",
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9,
                b + 10,
                b + 11,
                b + 12,
                b + 13,
                b + 14,
                b + 15
            ));
        }
        let mut tsql =
            String::from("INSERT INTO hotline_consultation_topic (consultation_id, topic) VALUES ");
        let mut first = true;
        let mut n = 0;
        for r in chunk {
            for _ in &r.topics {
                if !first {
                    tsql.push(',');
                }
                first = false;
                tsql.push_str(&format!("(${}, ${})", n + 1, n + 2));
                n += 2;
            }
        }
        crate::on_tx!(&mut tx, t => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .bind(consultant_id)
                .bind(organisation_id)
                .bind(now);
            for (i, r) in chunk.iter().enumerate() {
                let (year, month) = local_month(r.started_at, offset);
                q = q
                    .bind(base + i as i64)
                    .bind(r.channel)
                    .bind(r.started_at)
                    .bind(year)
                    .bind(month)
                    .bind(r.duration_minutes)
                    .bind(r.destination)
                    .bind(r.sex)
                    .bind(r.age_band)
                    .bind(r.region)
                    .bind(r.caller_type)
                    .bind(r.outcome.code());
            }
            q.execute(&mut **t).await?;
            if n > 0 {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(tsql.clone()));
                for (i, r) in chunk.iter().enumerate() {
                    for topic in &r.topics {
                        q = q.bind(base + i as i64).bind(*topic);
                    }
                }
                q.execute(&mut **t).await?;
            }
        });
    }
    if let crate::db::Tx::Postgres(t) = &mut tx {
        // Explicit ids were inserted: move the identity past them.
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('hotline_consultation', 'id'), \
             (SELECT COALESCE(MAX(id), 1) FROM hotline_consultation))",
        )
        .execute(&mut **t)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
