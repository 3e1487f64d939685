//! Intake drafts: a case manager's unfinished intake form, kept for its author only. The form
//! may name the person, so it is sealed under a data key of its own (wrapped under the KEK,
//! like a person's) and bound to the draft's id; drafts untouched for [`DRAFT_LIFETIME`] are
//! deleted.

use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::crypto::{self, SecretKey};
use time::{Duration, OffsetDateTime};

/// How long an untouched draft is kept.
pub const DRAFT_LIFETIME: Duration = Duration::days(30);

/// The largest form a draft holds (bytes of JSON).
pub const MAX_DRAFT_BYTES: usize = 64 * 1024;

/// A draft as listed (nothing identifying).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftInfo {
    /// Id.
    pub id: i64,
    /// Started.
    pub created_at: OffsetDateTime,
    /// Last saved.
    pub updated_at: OffsetDateTime,
}

fn context(id: i64, what: &str) -> Vec<u8> {
    format!("draft:{id}:{what}").into_bytes()
}

fn seal(vault: &Vault, rng: &dyn Random, id: i64, json: &[u8]) -> Result<(i32, Vec<u8>, Vec<u8>)> {
    let dek = SecretKey::generate(rng);
    let (version, kek) = vault.keyring().current()?;
    Ok((
        version as i32,
        crypto::wrap(&kek, &context(id, "key"), &dek, rng),
        crypto::seal(&dek, &context(id, "form"), json, rng),
    ))
}

/// Saves `pairs` as a new draft of `user_id` (`id` = `None`) or over their draft `id`.
/// Returns the draft's id; `NotFound` when `id` is not theirs.
pub async fn save(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    user_id: i64,
    id: Option<i64>,
    pairs: &[(String, String)],
    now: OffsetDateTime,
) -> Result<i64> {
    let json = serde_json::to_vec(pairs).map_err(|e| StoreError::Config(e.to_string()))?;
    if json.len() > MAX_DRAFT_BYTES {
        return Err(StoreError::Conflict(format!(
            "the draft is larger than {MAX_DRAFT_BYTES} bytes"
        )));
    }
    purge(store, now).await?;
    let mut tx = store.begin().await?;
    let id = match id {
        Some(id) => {
            let owner: Option<i64> = crate::on_tx!(&mut tx, t => {
                sqlx::query_scalar("SELECT user_id FROM intake_draft WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut **t)
                    .await?
            });
            if owner != Some(user_id) {
                return Err(StoreError::NotFound);
            }
            id
        }
        None => crate::on_tx!(&mut tx, t => {
            // Placeholder bytes until the id (part of the associated data) is known.
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO intake_draft (user_id, kek_version, wrapped_key, sealed, created_at, updated_at) \
                 VALUES ($1, 0, $2, $2, $3, $3) RETURNING id",
            )
            .bind(user_id)
            .bind(Vec::<u8>::new())
            .bind(now)
            .fetch_one(&mut **t)
            .await?;
            id
        }),
    };
    let (version, wrapped, sealed) = seal(vault, rng, id, &json)?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE intake_draft SET kek_version = $1, wrapped_key = $2, sealed = $3, updated_at = $4 WHERE id = $5")
            .bind(version)
            .bind(&wrapped)
            .bind(&sealed)
            .bind(now)
            .bind(id)
            .execute(&mut **t)
            .await?;
    });
    tx.commit().await?;
    Ok(id)
}

/// The drafts of `user_id`, newest first.
pub async fn list(store: &Store, user_id: i64, now: OffsetDateTime) -> Result<Vec<DraftInfo>> {
    purge(store, now).await?;
    let rows: Vec<(i64, OffsetDateTime, OffsetDateTime)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, created_at, updated_at FROM intake_draft WHERE user_id = $1 ORDER BY updated_at DESC, id DESC")
            .bind(user_id)
            .fetch_all(p)
            .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, created_at, updated_at)| DraftInfo {
            id,
            created_at,
            updated_at,
        })
        .collect())
}

/// The form saved in draft `id` of `user_id`; `NotFound` for anyone else's.
pub async fn load(
    store: &Store,
    vault: &Vault,
    user_id: i64,
    id: i64,
) -> Result<Vec<(String, String)>> {
    let row: Option<(i32, Vec<u8>, Vec<u8>)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT kek_version, wrapped_key, sealed FROM intake_draft WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .fetch_optional(p)
            .await?
    });
    let (version, wrapped, sealed) = row.ok_or(StoreError::NotFound)?;
    let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
    let broken = || StoreError::Config(format!("intake draft {id} cannot be decrypted"));
    let dek = crypto::unwrap(&kek, &context(id, "key"), &wrapped).map_err(|_| broken())?;
    let json = crypto::open(&dek, &context(id, "form"), &sealed).map_err(|_| broken())?;
    serde_json::from_slice(&json).map_err(|e| StoreError::Config(e.to_string()))
}

/// Deletes draft `id` of `user_id` (after the case was registered, or on request).
pub async fn delete(store: &Store, user_id: i64, id: i64) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("DELETE FROM intake_draft WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

async fn purge(store: &Store, now: OffsetDateTime) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("DELETE FROM intake_draft WHERE updated_at < $1")
            .bind(now - DRAFT_LIFETIME)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Re-wraps every draft's data key not yet under KEK `to` (key rotation); returns how many.
pub async fn rewrap_all(store: &Store, vault: &Vault, rng: &dyn Random, to: u32) -> Result<u64> {
    let kek_to = vault.keyring().get(to)?;
    let rows: Vec<(i64, i32, Vec<u8>)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, kek_version, wrapped_key FROM intake_draft WHERE kek_version <> $1 ORDER BY id")
            .bind(to as i32)
            .fetch_all(p)
            .await?
    });
    let mut done = 0;
    for (id, version, wrapped) in rows {
        let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
        let dek = crypto::unwrap(&kek, &context(id, "key"), &wrapped)
            .map_err(|_| StoreError::Config(format!("intake draft {id} cannot be unwrapped")))?;
        let rewrapped = crypto::wrap(&kek_to, &context(id, "key"), &dek, rng);
        crate::on_pool!(store.pool(), p => {
            sqlx::query("UPDATE intake_draft SET kek_version = $1, wrapped_key = $2 WHERE id = $3 AND kek_version = $4")
                .bind(to as i32)
                .bind(&rewrapped)
                .bind(id)
                .bind(version)
                .execute(p)
                .await?;
        });
        done += 1;
    }
    Ok(done)
}
