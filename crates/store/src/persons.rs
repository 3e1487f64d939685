//! Persons in the vault. Identifying data is sealed under a data key per person, bound to the
//! person's id; the data key is wrapped under the KEK. Blind indexes on name with birth date,
//! document number and phone allow exact search and duplicate checks. Every read is recorded
//! in the audit trail in the same transaction that fetches the sealed data, so no read goes
//! unrecorded. Erasure destroys the data key (crypto-shredding).

use crate::audit::{self, AuditEvent};
use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::crypto::{self, SecretKey};
use mayak_domain::person::Identity;
use sqlx::Row;
use time::OffsetDateTime;

/// Blind-index kinds.
pub const INDEX_NAME_DOB: &str = "name_dob";
/// Blind index of a full name, or of family and given names (search by name alone).
pub const INDEX_NAME: &str = "name";
/// Blind index of a document number.
pub const INDEX_DOCUMENT: &str = "document";
/// Blind index of a phone number.
pub const INDEX_PHONE: &str = "phone";

fn context(person_id: i64, what: &str) -> Vec<u8> {
    format!("person:{person_id}:{what}").into_bytes()
}

/// The blind indexes of an identity.
pub fn indexes(vault: &Vault, id: &Identity) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let name = crypto::normalise_name(&id.full_name());
    if !name.is_empty() {
        out.push((INDEX_NAME, vault.index(INDEX_NAME, &name)));
        // Family and given names alone, for a search without the patronymic.
        let short = crypto::normalise_name(&format!("{} {}", id.family_name, id.given_names));
        if short != name {
            out.push((INDEX_NAME, vault.index(INDEX_NAME, &short)));
        }
    }
    if let Some(b) = id.birth_date
        && !name.is_empty()
    {
        out.push((
            INDEX_NAME_DOB,
            vault.index(INDEX_NAME_DOB, &format!("{name}|{b}")),
        ));
    }
    for d in &id.documents {
        let n = crypto::normalise_document(&d.number);
        if !n.is_empty() {
            out.push((INDEX_DOCUMENT, vault.index(INDEX_DOCUMENT, &n)));
        }
    }
    for p in &id.phones {
        let n = crypto::normalise_phone(p);
        if !n.is_empty() {
            out.push((INDEX_PHONE, vault.index(INDEX_PHONE, &n)));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Creates a person; `who` is the audit template of the acting user. Returns the id.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    identity: &Identity,
    sex: &str,
    created_by: Option<i64>,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = create_in(&mut tx, vault, rng, identity, sex, created_by, now).await?;
    let mut e = who.clone();
    e.action = "person.create".into();
    e.record_type = Some("person".into());
    e.record_id = Some(id.to_string());
    e.fields = Some(identity_fields(identity));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a person inside a transaction (the caller records the audit entry).
pub async fn create_in(
    tx: &mut Tx,
    vault: &Vault,
    rng: &dyn Random,
    identity: &Identity,
    sex: &str,
    created_by: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64> {
    let id = crate::on_tx!(tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO person (sex, kek_version, wrapped_key, identity, created_at, created_by, updated_at, erased_at) \
             VALUES ($1, NULL, NULL, NULL, $2, $3, $2, NULL) RETURNING id",
        )
        .bind(sex)
        .bind(now)
        .bind(created_by)
        .fetch_one(&mut **t)
        .await?;
        let (version, wrapped, sealed) = seal_identity(vault, rng, id, identity)?;
        sqlx::query("UPDATE person SET kek_version = $1, wrapped_key = $2, identity = $3 WHERE id = $4")
            .bind(version)
            .bind(&wrapped)
            .bind(&sealed)
            .bind(id)
            .execute(&mut **t)
            .await?;
        // All the blind-index rows in one statement: one round trip, not one per index.
        let rows = indexes(vault, identity);
        if !rows.is_empty() {
            let values: Vec<String> = (0..rows.len())
                .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
                .collect();
            let sql = format!(
                "INSERT INTO person_index (kind, digest, person_id) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (kind, digest) in &rows {
                q = q.bind(*kind).bind(digest).bind(id);
            }
            q.execute(&mut **t).await?;
        }
        id
    });
    Ok(id)
}

/// Seals the identity of person `id` under a new data key wrapped by the current KEK: the KEK
/// version, the wrapped data key and the sealed identity, as the `person` row holds them.
/// Every writer of a person row (the app and the bench data generator) seals through here.
pub fn seal_identity(
    vault: &Vault,
    rng: &dyn Random,
    id: i64,
    identity: &Identity,
) -> Result<(i32, Vec<u8>, Vec<u8>)> {
    let json = serde_json::to_vec(identity).map_err(|e| StoreError::Config(e.to_string()))?;
    let dek = SecretKey::generate(rng);
    let (version, kek) = vault.keyring().current()?;
    let wrapped = crypto::wrap(&kek, &context(id, "key"), &dek, rng);
    let sealed = crypto::seal(&dek, &context(id, "identity"), &json, rng);
    Ok((version as i32, wrapped, sealed))
}

/// Names of the identifying fields that hold a value (what the audit trail records).
fn identity_fields(i: &Identity) -> String {
    let mut f = vec!["family_name", "given_names"];
    if i.patronymic.is_some() {
        f.push("patronymic");
    }
    if i.birth_date.is_some() {
        f.push("birth_date");
    }
    for (empty, name) in [
        (i.citizenships.is_empty(), "citizenships"),
        (i.documents.is_empty(), "documents"),
        (i.phones.is_empty(), "phones"),
        (i.emails.is_empty(), "emails"),
        (i.addresses.is_empty(), "addresses"),
        (i.languages.is_empty(), "languages"),
    ] {
        if !empty {
            f.push(name);
        }
    }
    if i.notes.is_some() {
        f.push("notes");
    }
    f.join(",")
}

async fn data_key(
    vault: &Vault,
    id: i64,
    version: Option<i32>,
    wrapped: Option<Vec<u8>>,
) -> Result<SecretKey> {
    let (Some(v), Some(w)) = (version, wrapped) else {
        return Err(StoreError::Erased);
    };
    let kek = vault.keyring().get(u32::try_from(v).unwrap_or(0))?;
    crypto::unwrap(&kek, &context(id, "key"), &w).map_err(|_| {
        StoreError::Config(format!(
            "the data key of person {id} cannot be unwrapped: wrong KEK or tampered row"
        ))
    })
}

/// KEK version, wrapped data key and sealed identity of a person row.
type SealedRow = (Option<i32>, Option<Vec<u8>>, Option<Vec<u8>>);

/// Reads a person's identifying data, recording the read (who, why) in the audit trail first.
pub async fn read(
    store: &Store,
    vault: &Vault,
    id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Identity> {
    let mut tx = store.begin().await?;
    let mut e = who.clone();
    e.action = "person.read".into();
    e.record_type = Some("person".into());
    e.record_id = Some(id.to_string());
    e.fields = Some("identity".into());
    let row: Option<SealedRow> = crate::on_tx!(&mut tx, t => {
        sqlx::query_as("SELECT kek_version, wrapped_key, identity FROM person WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **t)
            .await?
    });
    let Some((version, wrapped, sealed)) = row else {
        return Err(StoreError::NotFound);
    };
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    let dek = data_key(vault, id, version, wrapped).await?;
    let sealed = sealed.ok_or(StoreError::Erased)?;
    let json = crypto::open(&dek, &context(id, "identity"), &sealed).map_err(|_| {
        StoreError::Config(format!(
            "the identity of person {id} cannot be decrypted: tampered row"
        ))
    })?;
    serde_json::from_slice(&json).map_err(|e| StoreError::Config(e.to_string()))
}

/// Replaces a person's identifying data (and their blind indexes).
pub async fn update(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    id: i64,
    identity: &Identity,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let json = serde_json::to_vec(identity).map_err(|e| StoreError::Config(e.to_string()))?;
    let mut tx = store.begin().await?;
    let row: Option<(Option<i32>, Option<Vec<u8>>)> = crate::on_tx!(&mut tx, t => {
        sqlx::query_as("SELECT kek_version, wrapped_key FROM person WHERE id = $1").bind(id).fetch_optional(&mut **t).await?
    });
    let Some((version, wrapped)) = row else {
        return Err(StoreError::NotFound);
    };
    let dek = data_key(vault, id, version, wrapped).await?;
    let sealed = crypto::seal(&dek, &context(id, "identity"), &json, rng);
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE person SET identity = $1, updated_at = $2 WHERE id = $3")
            .bind(&sealed)
            .bind(now)
            .bind(id)
            .execute(&mut **t)
            .await?;
        sqlx::query("DELETE FROM person_index WHERE person_id = $1").bind(id).execute(&mut **t).await?;
        for (kind, digest) in indexes(vault, identity) {
            sqlx::query("INSERT INTO person_index (kind, digest, person_id) VALUES ($1, $2, $3)")
                .bind(kind)
                .bind(&digest)
                .bind(id)
                .execute(&mut **t)
                .await?;
        }
    });
    let mut e = who.clone();
    e.action = "person.update".into();
    e.record_type = Some("person".into());
    e.record_id = Some(id.to_string());
    e.fields = Some(identity_fields(identity));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await
}

/// Persons whose blind index of `kind` matches the (already normalised) value.
pub async fn find(store: &Store, vault: &Vault, kind: &str, normalised: &str) -> Result<Vec<i64>> {
    let digest = vault.index(kind, normalised);
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT person_id FROM person_index WHERE kind = $1 AND digest = $2 ORDER BY person_id")
            .bind(kind)
            .bind(&digest)
            .fetch_all(p)
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    })
}

/// Persons who may be the same as `identity` (same name and birth date, document or phone).
pub async fn possible_duplicates(
    store: &Store,
    vault: &Vault,
    identity: &Identity,
) -> Result<Vec<i64>> {
    let mut out = Vec::new();
    // A shared name alone is no sign of the same person; name with birth date, a document or
    // a phone is.
    for (kind, digest) in indexes(vault, identity)
        .into_iter()
        .filter(|(k, _)| *k != INDEX_NAME)
    {
        crate::on_pool!(store.pool(), p => {
            let rows: Vec<(i64,)> = sqlx::query_as("SELECT person_id FROM person_index WHERE kind = $1 AND digest = $2")
                .bind(kind)
                .bind(&digest)
                .fetch_all(p)
                .await?;
            out.extend(rows.into_iter().map(|r| r.0));
        });
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Erases a person's identifying data for good: the data key, the sealed data, the indexes
/// and sealed files go; the row and its pseudonymous links stay for statistics.
pub async fn erase(store: &Store, id: i64, who: &AuditEvent, now: OffsetDateTime) -> Result<()> {
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        let n = sqlx::query(
            "UPDATE person SET kek_version = NULL, wrapped_key = NULL, identity = NULL, erased_at = $1, updated_at = $1 \
             WHERE id = $2 AND erased_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut **t)
        .await?
        .rows_affected();
        sqlx::query("DELETE FROM person_index WHERE person_id = $1").bind(id).execute(&mut **t).await?;
        sqlx::query("UPDATE person_file SET sealed = NULL WHERE person_id = $1").bind(id).execute(&mut **t).await?;
        n
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let mut e = who.clone();
    e.action = "person.erase".into();
    e.record_type = Some("person".into());
    e.record_id = Some(id.to_string());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    // SQLite keeps freed pages until they are reused; overwrite them now.
    if store.backend() == crate::Backend::Sqlite {
        crate::on_pool!(store.pool(), p => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(p).await?;
        });
    }
    Ok(())
}

/// Re-wraps every data key not yet under KEK `to`, in batches; returns how many. Safe to run
/// while servers read and write: each row is re-wrapped only if it did not change meanwhile.
pub async fn rewrap_all(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    to: u32,
    mut progress: impl FnMut(u64),
) -> Result<u64> {
    let kek_to = vault.keyring().get(to)?;
    let mut done = 0u64;
    loop {
        let batch: Vec<(i64, i32, Vec<u8>)> = crate::on_pool!(store.pool(), p => {
            sqlx::query_as(
                "SELECT id, kek_version, wrapped_key FROM person WHERE wrapped_key IS NOT NULL AND kek_version <> $1 ORDER BY id LIMIT 500",
            )
            .bind(to as i32)
            .fetch_all(p)
            .await?
        });
        if batch.is_empty() {
            return Ok(done);
        }
        let mut tx = store.begin().await?;
        for (id, v, wrapped) in &batch {
            let dek = data_key(vault, *id, Some(*v), Some(wrapped.clone())).await?;
            let rewrapped = crypto::wrap(&kek_to, &context(*id, "key"), &dek, rng);
            crate::on_tx!(&mut tx, t => {
                sqlx::query("UPDATE person SET kek_version = $1, wrapped_key = $2 WHERE id = $3 AND kek_version = $4")
                    .bind(to as i32)
                    .bind(&rewrapped)
                    .bind(id)
                    .bind(v)
                    .execute(&mut **t)
                    .await?;
            });
        }
        tx.commit().await?;
        done += batch.len() as u64;
        progress(done);
    }
}

/// Number of persons, and of erased ones.
pub async fn counts(store: &Store) -> Result<(i64, i64)> {
    crate::on_pool!(store.pool(), p => {
        let row = sqlx::query("SELECT COUNT(*) AS total, COUNT(erased_at) AS erased FROM person").fetch_one(p).await?;
        Ok((row.try_get("total")?, row.try_get("erased")?))
    })
}

/// Stores a file about a person (a scanned document or consent), sealed under their data key.
#[allow(clippy::too_many_arguments)]
pub async fn attach_file(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    person_id: i64,
    content_type: &str,
    bytes: &[u8],
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let row: Option<(Option<i32>, Option<Vec<u8>>)> = crate::on_tx!(&mut tx, t => {
        sqlx::query_as("SELECT kek_version, wrapped_key FROM person WHERE id = $1").bind(person_id).fetch_optional(&mut **t).await?
    });
    let Some((version, wrapped)) = row else {
        return Err(StoreError::NotFound);
    };
    let dek = data_key(vault, person_id, version, wrapped).await?;
    let id = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO person_file (person_id, content_type, size_bytes, sealed, created_at) VALUES ($1, $2, $3, NULL, $4) RETURNING id",
        )
        .bind(person_id)
        .bind(content_type)
        .bind(bytes.len() as i64)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        let sealed = crypto::seal(&dek, &context(person_id, &format!("file:{id}")), bytes, rng);
        sqlx::query("UPDATE person_file SET sealed = $1 WHERE id = $2").bind(&sealed).bind(id).execute(&mut **t).await?;
        id
    });
    let mut e = who.clone();
    e.action = "person.file.create".into();
    e.record_type = Some("person".into());
    e.record_id = Some(person_id.to_string());
    e.fields = Some(format!("file:{id}"));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Content type, sealed bytes, KEK version and wrapped data key of a file row.
type FileRow = (String, Option<Vec<u8>>, Option<i32>, Option<Vec<u8>>);

/// Reads a person's file (content type and bytes), recording the read first.
pub async fn read_file(
    store: &Store,
    vault: &Vault,
    person_id: i64,
    file_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<(String, Vec<u8>)> {
    let mut tx = store.begin().await?;
    let row: Option<FileRow> = crate::on_tx!(&mut tx, t => {
        sqlx::query_as(
            "SELECT f.content_type, f.sealed, p.kek_version, p.wrapped_key FROM person_file f JOIN person p ON p.id = f.person_id \
             WHERE f.id = $1 AND f.person_id = $2",
        )
        .bind(file_id)
        .bind(person_id)
        .fetch_optional(&mut **t)
        .await?
    });
    let Some((content_type, sealed, version, wrapped)) = row else {
        return Err(StoreError::NotFound);
    };
    let mut e = who.clone();
    e.action = "person.file.read".into();
    e.record_type = Some("person".into());
    e.record_id = Some(person_id.to_string());
    e.fields = Some(format!("file:{file_id}"));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    let dek = data_key(vault, person_id, version, wrapped).await?;
    let sealed = sealed.ok_or(StoreError::Erased)?;
    let bytes = crypto::open(
        &dek,
        &context(person_id, &format!("file:{file_id}")),
        &sealed,
    )
    .map_err(|_| StoreError::Config(format!("file {file_id} cannot be decrypted: tampered row")))?;
    Ok((content_type, bytes))
}

/// A file's listing entry (never its content).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileInfo {
    /// Id.
    pub id: i64,
    /// Content type.
    pub content_type: String,
    /// Size.
    pub size_bytes: i64,
    /// When stored.
    pub created_at: OffsetDateTime,
    /// Erased with the person.
    pub erased: bool,
}

/// The files of a person, newest first.
pub async fn files(store: &Store, person_id: i64) -> Result<Vec<FileInfo>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query("SELECT id, content_type, size_bytes, created_at, sealed IS NULL AS erased FROM person_file WHERE person_id = $1 ORDER BY id DESC")
            .bind(person_id)
            .fetch_all(p)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(FileInfo {
                id: row.try_get("id")?,
                content_type: row.try_get("content_type")?,
                size_bytes: row.try_get("size_bytes")?,
                created_at: row.try_get("created_at")?,
                erased: row.try_get("erased")?,
            });
        }
        Ok(out)
    })
}
