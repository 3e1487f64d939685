//! Retention and erasure. A daily job lists the persons whose identifying data has been kept
//! longer than the retention period after their last case closed, as a dry run; nothing is
//! erased until an administrator approves the run. Withdrawal of consent to processing puts
//! the person on a run of its own, through the same approval.

use crate::audit::AuditEvent;
use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::persons;
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// A run awaiting a decision, or decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Id.
    pub id: i64,
    /// When the dry run was made.
    pub created_at: OffsetDateTime,
    /// Why: `retention` or `consent_withdrawn`.
    pub reason: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    /// The persons it would erase, with the cause for each.
    pub candidates: Vec<(i64, String)>,
}

/// Persons due for erasure under `period`, not erased yet and not on a pending run.
pub async fn due(store: &Store, now: OffsetDateTime, period: Duration) -> Result<Vec<i64>> {
    let cutoff = now - period;
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM person WHERE erased_at IS NULL AND closed_at IS NOT NULL AND closed_at < $1 \
             AND id NOT IN (SELECT c.person_id FROM retention_candidate c JOIN retention_run r ON r.id = c.run_id \
                            WHERE r.status = 'pending') ORDER BY id",
        )
        .bind(cutoff)
        .fetch_all(p)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    })
}

/// Makes a dry run of the persons due; returns its id, or `None` when nobody is due.
pub async fn dry_run(store: &Store, now: OffsetDateTime, period: Duration) -> Result<Option<i64>> {
    let persons = due(store, now, period).await?;
    if persons.is_empty() {
        return Ok(None);
    }
    let cause = format!("closed more than {} days ago", period.whole_days());
    create_run(
        store,
        now,
        "retention",
        &persons
            .iter()
            .map(|p| (*p, cause.clone()))
            .collect::<Vec<_>>(),
    )
    .await
    .map(Some)
}

/// Queues a person whose consent to processing was withdrawn, with the family members and
/// children recorded in their cases (their data was recorded under that consent).
pub async fn request_erasure(
    store: &Store,
    now: OffsetDateTime,
    person_id: i64,
    cause: &str,
) -> Result<i64> {
    let mut persons = vec![(person_id, cause.to_owned())];
    for r in relatives_of(store, person_id).await? {
        persons.push((r, format!("{cause} (relative)")));
    }
    create_run(store, now, "consent_withdrawn", &persons).await
}

/// Persons recorded as relatives in the cases of `person_id`, not erased yet.
async fn relatives_of(store: &Store, person_id: i64) -> Result<Vec<i64>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT r.person_id FROM case_relative r JOIN case_file c ON c.id = r.case_id \
             JOIN person p ON p.id = r.person_id WHERE c.person_id = $1 AND p.erased_at IS NULL ORDER BY r.person_id",
        )
        .bind(person_id)
        .fetch_all(p)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    })
}

async fn create_run(
    store: &Store,
    now: OffsetDateTime,
    reason: &str,
    persons: &[(i64, String)],
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO retention_run (created_at, reason, status, decided_by, decided_at) VALUES ($1, $2, 'pending', NULL, NULL) RETURNING id",
        )
        .bind(now)
        .bind(reason)
        .fetch_one(&mut **t)
        .await?;
        for (p, cause) in persons {
            sqlx::query("INSERT INTO retention_candidate (run_id, person_id, cause) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(p)
                .bind(cause)
                .execute(&mut **t)
                .await?;
        }
        id
    });
    tx.commit().await?;
    Ok(id)
}

/// Runs, newest first.
pub async fn runs(store: &Store) -> Result<Vec<Run>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query("SELECT id, created_at, reason, status FROM retention_run ORDER BY id DESC LIMIT 100").fetch_all(p).await?;
        let cands: Vec<(i64, i64, String)> = sqlx::query_as("SELECT run_id, person_id, cause FROM retention_candidate ORDER BY person_id")
            .fetch_all(p)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            out.push(Run {
                id,
                created_at: row.try_get("created_at")?,
                reason: row.try_get("reason")?,
                status: row.try_get("status")?,
                candidates: cands.iter().filter(|c| c.0 == id).map(|c| (c.1, c.2.clone())).collect(),
            });
        }
        Ok(out)
    })
}

/// Approves a pending run: every listed person's identifying data is erased. Returns how many.
pub async fn approve(
    store: &Store,
    run_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<usize> {
    let run = runs(store)
        .await?
        .into_iter()
        .find(|r| r.id == run_id)
        .ok_or(StoreError::NotFound)?;
    if run.status != "pending" {
        return Err(StoreError::Conflict(format!(
            "retention run {run_id} is already {}",
            run.status
        )));
    }
    let claimed = decide(store, run_id, "approved", who.user_id, now).await?;
    if !claimed {
        return Err(StoreError::Conflict(format!(
            "retention run {run_id} was decided meanwhile"
        )));
    }
    let mut erased = 0;
    for (person, _) in &run.candidates {
        let mut e = who.clone();
        e.reason = Some(format!("{} (retention run {run_id})", run.reason));
        match persons::erase(store, *person, &e, now).await {
            Ok(()) => erased += 1,
            Err(StoreError::NotFound) => {} // erased meanwhile
            Err(err) => return Err(err),
        }
    }
    Ok(erased)
}

/// Rejects a pending run: nobody is erased.
pub async fn reject(
    store: &Store,
    run_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    if !decide(store, run_id, "rejected", who.user_id, now).await? {
        if !runs(store).await?.iter().any(|r| r.id == run_id) {
            return Err(StoreError::NotFound);
        }
        return Err(StoreError::Conflict(format!(
            "retention run {run_id} is not pending"
        )));
    }
    Ok(())
}

async fn decide(
    store: &Store,
    run_id: i64,
    status: &str,
    by: Option<i64>,
    now: OffsetDateTime,
) -> Result<bool> {
    crate::on_pool!(store.pool(), p => {
        let n = sqlx::query("UPDATE retention_run SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4 AND status = 'pending'")
            .bind(status)
            .bind(by)
            .bind(now)
            .bind(run_id)
            .execute(p)
            .await?
            .rows_affected();
        Ok(n == 1)
    })
}

/// Marks when a person's last case closed (case management calls this; `None` reopens).
pub async fn set_closed(
    store: &Store,
    person_id: i64,
    closed_at: Option<OffsetDateTime>,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE person SET closed_at = $1 WHERE id = $2").bind(closed_at).bind(person_id).execute(p).await?;
        // Relatives recorded in the person's cases follow the person's retention.
        sqlx::query(
            "UPDATE person SET closed_at = $1 WHERE id IN (SELECT r.person_id FROM case_relative r \
             JOIN case_file c ON c.id = r.case_id WHERE c.person_id = $2)",
        )
        .bind(closed_at)
        .bind(person_id)
        .execute(p)
        .await?;
    });
    Ok(())
}
