//! The audit trail. Entries are appended, never changed: who (user, organisation, roles), what
//! (action, record type and id, names of changed fields, never values), when, where (address,
//! user agent, instance) and why (a reason where one is required).
//!
//! The entries form a hash chain: each entry's hash covers the previous entry's hash and a
//! canonical encoding of the entry, so changing, removing, inserting or reordering any entry
//! breaks every hash after it. Appends are serialised on the chain head (a row lock on
//! PostgreSQL, the write lock on SQLite), so several instances still write one chain.
//! Checkpoints sign the head with Ed25519 and can be exported to be kept elsewhere.

use crate::db::{Backend, Store, Tx};
use crate::error::{Result, StoreError};
use mayak_domain::crypto::{self, Canonical};
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// One event to record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    /// When.
    pub at: Option<OffsetDateTime>,
    /// Acting user, if known.
    pub user_id: Option<i64>,
    /// Login as typed (for failed sign-ins of unknown users too).
    pub login: Option<String>,
    /// Acting user's organisation.
    pub organisation_id: Option<i64>,
    /// Acting user's roles, comma-separated codes.
    pub roles: String,
    /// What happened, e.g. `login.success`, `access.denied`, `user.disable`.
    pub action: String,
    /// Kind of record touched.
    pub record_type: Option<String>,
    /// Its id.
    pub record_id: Option<String>,
    /// Names of changed fields, comma-separated.
    pub fields: Option<String>,
    /// `ok`, `denied` or `failed`.
    pub outcome: String,
    /// Why, where the action requires a reason.
    pub reason: Option<String>,
    /// Client address.
    pub address: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Instance that served the request.
    pub instance: String,
    /// Position in the chain (set when appended).
    pub seq: i64,
    /// Hash of the previous entry (set when appended).
    pub prev_hash: String,
    /// This entry's chain hash (set when appended).
    pub hash: String,
}

impl AuditEvent {
    /// The canonical encoding the chain hash covers.
    pub fn canonical(&self) -> Canonical {
        let at = self.at.and_then(|t| t.format(&Rfc3339).ok());
        Canonical::default()
            .text(&self.seq.to_string())
            .opt(at.as_deref())
            .opt(self.user_id.map(|v| v.to_string()).as_deref())
            .opt(self.login.as_deref())
            .opt(self.organisation_id.map(|v| v.to_string()).as_deref())
            .text(&self.roles)
            .text(&self.action)
            .opt(self.record_type.as_deref())
            .opt(self.record_id.as_deref())
            .opt(self.fields.as_deref())
            .text(&self.outcome)
            .opt(self.reason.as_deref())
            .opt(self.address.as_deref())
            .opt(self.user_agent.as_deref())
            .text(&self.instance)
    }
}

/// Appends an event in its own transaction.
pub async fn record(store: &Store, e: &AuditEvent, now: OffsetDateTime) -> Result<i64> {
    let mut tx = store.begin().await?;
    let seq = append(&mut tx, store.backend(), e, now).await?;
    tx.commit().await?;
    Ok(seq)
}

/// Appends an event inside a transaction, so it commits or rolls back with the change it
/// records. Returns its position in the chain.
pub async fn append(
    tx: &mut Tx,
    backend: Backend,
    e: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let head_sql = match backend {
        Backend::Sqlite => "SELECT seq, hash FROM audit_head WHERE id = 1",
        // The row lock serialises appends from every instance on one chain.
        Backend::Postgres => "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
    };
    let mut entry = e.clone();
    entry.at = Some(e.at.unwrap_or(now));
    crate::on_tx!(tx, t => {
        let (head_seq, head_hash): (i64, String) = sqlx::query_as(head_sql).fetch_one(&mut **t).await?;
        entry.seq = head_seq + 1;
        entry.prev_hash = head_hash;
        entry.hash = crypto::chain_hash(&entry.prev_hash, &entry.canonical());
        sqlx::query(
            "INSERT INTO audit_event (seq, prev_hash, hash, at, user_id, login, organisation_id, roles, action, \
             record_type, record_id, fields, outcome, reason, address, user_agent, instance) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        )
        .bind(entry.seq)
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .bind(entry.at)
        .bind(entry.user_id)
        .bind(&entry.login)
        .bind(entry.organisation_id)
        .bind(&entry.roles)
        .bind(&entry.action)
        .bind(&entry.record_type)
        .bind(&entry.record_id)
        .bind(&entry.fields)
        .bind(&entry.outcome)
        .bind(&entry.reason)
        .bind(&entry.address)
        .bind(&entry.user_agent)
        .bind(&entry.instance)
        .execute(&mut **t)
        .await?;
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(entry.seq)
            .bind(&entry.hash)
            .execute(&mut **t)
            .await?;
    });
    Ok(entry.seq)
}

/// Appends many events in order inside a transaction with one multi-row INSERT per thousand
/// and one update of the head, the chain computed as [`append`] computes it (for bulk loads).
/// Returns the position of the last one.
pub async fn append_batch(
    tx: &mut Tx,
    backend: Backend,
    events: &[AuditEvent],
    now: OffsetDateTime,
) -> Result<i64> {
    let head_sql = match backend {
        Backend::Sqlite => "SELECT seq, hash FROM audit_head WHERE id = 1",
        Backend::Postgres => "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
    };
    crate::on_tx!(tx, t => {
        let (mut seq, mut hash): (i64, String) = sqlx::query_as(head_sql).fetch_one(&mut **t).await?;
        if events.is_empty() {
            return Ok(seq);
        }
        let mut chained = Vec::with_capacity(events.len());
        for e in events {
            let mut entry = e.clone();
            entry.at = Some(e.at.unwrap_or(now));
            entry.seq = seq + 1;
            entry.prev_hash = hash;
            entry.hash = crypto::chain_hash(&entry.prev_hash, &entry.canonical());
            seq = entry.seq;
            hash = entry.hash.clone();
            chained.push(entry);
        }
        for chunk in chained.chunks(1000) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO audit_event (seq, prev_hash, hash, at, user_id, login, organisation_id, roles, action, \
                 record_type, record_id, fields, outcome, reason, address, user_agent, instance) ",
            );
            q.push_values(chunk, |mut b, entry| {
                b.push_bind(entry.seq)
                    .push_bind(&entry.prev_hash)
                    .push_bind(&entry.hash)
                    .push_bind(entry.at)
                    .push_bind(entry.user_id)
                    .push_bind(&entry.login)
                    .push_bind(entry.organisation_id)
                    .push_bind(&entry.roles)
                    .push_bind(&entry.action)
                    .push_bind(&entry.record_type)
                    .push_bind(&entry.record_id)
                    .push_bind(&entry.fields)
                    .push_bind(&entry.outcome)
                    .push_bind(&entry.reason)
                    .push_bind(&entry.address)
                    .push_bind(&entry.user_agent)
                    .push_bind(&entry.instance);
            });
            q.build().execute(&mut **t).await?;
        }
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(seq)
            .bind(&hash)
            .execute(&mut **t)
            .await?;
        Ok(seq)
    })
}

const EVENT_COLUMNS: &str = "id, seq, prev_hash, hash, at, user_id, login, organisation_id, roles, action, \
     record_type, record_id, fields, outcome, reason, address, user_agent, instance FROM audit_event";

macro_rules! decode_event {
    ($row:expr) => {{
        let row = $row;
        AuditEvent {
            at: row.try_get("at")?,
            user_id: row.try_get("user_id")?,
            login: row.try_get("login")?,
            organisation_id: row.try_get("organisation_id")?,
            roles: row.try_get("roles")?,
            action: row.try_get("action")?,
            record_type: row.try_get("record_type")?,
            record_id: row.try_get("record_id")?,
            fields: row.try_get("fields")?,
            outcome: row.try_get("outcome")?,
            reason: row.try_get("reason")?,
            address: row.try_get("address")?,
            user_agent: row.try_get("user_agent")?,
            instance: row.try_get("instance")?,
            seq: row.try_get("seq")?,
            prev_hash: row.try_get("prev_hash")?,
            hash: row.try_get("hash")?,
        }
    }};
}

/// Search criteria of the audit views.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only this acting user.
    pub user_id: Option<i64>,
    /// Only this action (exact).
    pub action: Option<String>,
    /// Only this record type.
    pub record_type: Option<String>,
    /// Only this record id.
    pub record_id: Option<String>,
    /// From this instant (inclusive).
    pub from: Option<OffsetDateTime>,
    /// Until this instant (exclusive).
    pub until: Option<OffsetDateTime>,
    /// At most this many, newest first.
    pub limit: i64,
}

/// Entries matching the query, newest first.
pub async fn search(store: &Store, q: &AuditQuery) -> Result<Vec<AuditEvent>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} WHERE (CAST($1 AS BIGINT) IS NULL OR user_id = $1) \
         AND (CAST($2 AS TEXT) IS NULL OR action = $2) AND (CAST($3 AS TEXT) IS NULL OR record_type = $3) \
         AND (CAST($4 AS TEXT) IS NULL OR record_id = $4) AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6) \
         ORDER BY seq DESC LIMIT $7"
    );
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(q.user_id)
            .bind(&q.action)
            .bind(&q.record_type)
            .bind(&q.record_id)
            .bind(q.from)
            .bind(q.until)
            .bind(q.limit.clamp(1, 100_000))
            .fetch_all(p)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_event!(row));
        }
        Ok(out)
    })
}

/// Who read or changed a record, newest first (for "who has seen this person's data").
pub async fn readers_of(
    store: &Store,
    record_type: &str,
    record_id: &str,
    limit: i64,
) -> Result<Vec<AuditEvent>> {
    search(
        store,
        &AuditQuery {
            record_type: Some(record_type.to_owned()),
            record_id: Some(record_id.to_owned()),
            limit,
            ..Default::default()
        },
    )
    .await
}

/// Entries with `seq` above `after`, in chain order, at most `limit` (for verification).
pub async fn chain_page(store: &Store, after: i64, limit: i64) -> Result<Vec<(i64, AuditEvent)>> {
    let sql = format!("SELECT {EVENT_COLUMNS} WHERE seq > $1 ORDER BY seq LIMIT $2");
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(after).bind(limit).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            out.push((id, decode_event!(row)));
        }
        Ok(out)
    })
}

/// The chain's end as recorded in `audit_head`.
pub async fn head(store: &Store) -> Result<(i64, String)> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(p).await?)
    })
}

/// A signed statement of the chain's end at some moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Checkpoint {
    /// Position of the last entry covered.
    pub seq: i64,
    /// Its chain hash.
    pub hash: String,
    /// Ed25519 signature of `mayak-audit-checkpoint:<seq>:<hash>`, hex.
    pub signature: String,
    /// The signing public key, hex.
    pub public_key: String,
    /// When it was made (RFC 3339).
    pub at: String,
}

/// Signs the current head and stores the checkpoint (nothing new when the head is already
/// checkpointed). Returns the checkpoint of the head.
pub async fn checkpoint(
    store: &Store,
    seed: &crypto::SecretKey,
    now: OffsetDateTime,
) -> Result<Checkpoint> {
    let (seq, hash) = head(store).await?;
    let at = now
        .format(&Rfc3339)
        .map_err(|e| StoreError::Config(e.to_string()))?;
    let cp = Checkpoint {
        seq,
        signature: crypto::sign_checkpoint(seed, seq, &hash),
        public_key: crypto::public_key(seed),
        hash,
        at,
    };
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "INSERT INTO audit_checkpoint (seq, hash, signature, public_key, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (seq) DO NOTHING",
        )
        .bind(cp.seq)
        .bind(&cp.hash)
        .bind(&cp.signature)
        .bind(&cp.public_key)
        .bind(now)
        .execute(p)
        .await?;
    });
    Ok(cp)
}

/// Every stored checkpoint, in chain order.
pub async fn checkpoints(store: &Store) -> Result<Vec<Checkpoint>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64, String, String, String, OffsetDateTime)> =
            sqlx::query_as("SELECT seq, hash, signature, public_key, at FROM audit_checkpoint ORDER BY seq")
                .fetch_all(p)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(seq, hash, signature, public_key, at)| Checkpoint {
                seq,
                hash,
                signature,
                public_key,
                at: at.format(&Rfc3339).unwrap_or_default(),
            })
            .collect())
    })
}

/// The outcome of verifying the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every entry, the head and every checkpoint agree.
    Intact {
        /// Entries checked.
        entries: i64,
        /// Checkpoints checked.
        checkpoints: usize,
        /// The head's hash.
        head: String,
    },
    /// The first problem found.
    Broken {
        /// Position of the first bad entry (or of the checkpoint that disagrees).
        seq: i64,
        /// Database id of the entry, when there is one.
        id: Option<i64>,
        /// What is wrong, in words.
        problem: String,
    },
}

/// Recomputes the whole chain and checks the head and the checkpoints (those stored, and those
/// given from an exported copy), each signature against `trusted_key` (hex) when given.
pub async fn verify(
    store: &Store,
    exported: &[Checkpoint],
    trusted_key: Option<&str>,
    mut progress: impl FnMut(i64),
) -> Result<Verdict> {
    let mut stored = checkpoints(store).await?;
    stored.extend_from_slice(exported);
    stored.sort_by_key(|c| c.seq);
    let mut expected_at: std::collections::BTreeMap<i64, Vec<Checkpoint>> =
        std::collections::BTreeMap::new();
    for c in stored {
        expected_at.entry(c.seq).or_default().push(c);
    }
    let checkpoint_count: usize = expected_at.values().map(Vec::len).sum();
    let check = |seq: i64, hash: &str, cps: &[Checkpoint]| -> Option<String> {
        for c in cps {
            if !crypto::verify_checkpoint(&c.public_key, c.seq, &c.hash, &c.signature) {
                return Some(format!(
                    "the checkpoint at entry {seq} has an invalid signature"
                ));
            }
            if trusted_key.is_some_and(|k| k != c.public_key) {
                return Some(format!(
                    "the checkpoint at entry {seq} was signed by an unknown key {}",
                    c.public_key
                ));
            }
            if c.hash != hash {
                return Some(format!(
                    "entries up to {seq} differ from the checkpoint signed at {}",
                    c.at
                ));
            }
        }
        None
    };
    if let Some(cps) = expected_at.get(&0)
        && let Some(problem) = check(0, crypto::CHAIN_GENESIS, cps)
    {
        return Ok(Verdict::Broken {
            seq: 0,
            id: None,
            problem,
        });
    }
    let mut prev = crypto::CHAIN_GENESIS.to_owned();
    let mut last = 0i64;
    loop {
        let page = chain_page(store, last, 5000).await?;
        if page.is_empty() {
            break;
        }
        for (id, e) in page {
            if e.seq != last + 1 {
                return Ok(Verdict::Broken {
                    seq: last + 1,
                    id: None,
                    problem: format!(
                        "entry {} is missing (entries {} to {} were deleted)",
                        last + 1,
                        last + 1,
                        e.seq - 1
                    ),
                });
            }
            if e.prev_hash != prev {
                return Ok(Verdict::Broken {
                    seq: e.seq,
                    id: Some(id),
                    problem: format!(
                        "entry {} (id {id}) does not follow the entry before it: an entry was inserted, deleted or reordered",
                        e.seq
                    ),
                });
            }
            let recomputed = crypto::chain_hash(&prev, &e.canonical());
            if recomputed != e.hash {
                return Ok(Verdict::Broken {
                    seq: e.seq,
                    id: Some(id),
                    problem: format!(
                        "entry {} (id {id}) was modified: its content does not match its hash",
                        e.seq
                    ),
                });
            }
            if let Some(cps) = expected_at.get(&e.seq)
                && let Some(problem) = check(e.seq, &recomputed, cps)
            {
                return Ok(Verdict::Broken {
                    seq: e.seq,
                    id: Some(id),
                    problem,
                });
            }
            prev = recomputed;
            last = e.seq;
        }
        progress(last);
    }
    let (head_seq, head_hash) = head(store).await?;
    if head_seq != last || head_hash != prev {
        return Ok(Verdict::Broken {
            seq: last + 1,
            id: None,
            problem: format!(
                "the chain ends at entry {last}, but its recorded head is entry {head_seq}: the last entries were deleted"
            ),
        });
    }
    if let Some((seq, _)) = expected_at.range(last + 1..).next() {
        return Ok(Verdict::Broken {
            seq: last + 1,
            id: None,
            problem: format!(
                "a checkpoint covers entry {seq}, but the chain ends at entry {last}: entries after {last} were deleted"
            ),
        });
    }
    Ok(Verdict::Intact {
        entries: last,
        checkpoints: checkpoint_count,
        head: prev,
    })
}

/// The most recent events, newest first, optionally of one action.
pub async fn recent(store: &Store, action: Option<&str>, limit: i64) -> Result<Vec<AuditEvent>> {
    search(
        store,
        &AuditQuery {
            action: action.map(str::to_owned),
            limit,
            ..Default::default()
        },
    )
    .await
}
