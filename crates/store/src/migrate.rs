//! Embedded schema migrations for both databases, applied at start-up.
//!
//! Each version has one SQL file per database (DDL is where the dialects differ most). The
//! runner records applied versions in `mayak_schema`, refuses a database written by a newer
//! Mayak, and on PostgreSQL holds an advisory lock so several instances starting together
//! migrate once.

use crate::db::{Pool, Store};
use crate::error::{Result, StoreError};
use sqlx::Connection;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// One schema version.
#[derive(Debug)]
pub struct Migration {
    /// Sequential version number, starting at 1.
    pub version: i64,
    /// Short name, as in the file names.
    pub name: &'static str,
    /// The SQLite script.
    pub sqlite: &'static str,
    /// The PostgreSQL script.
    pub postgres: &'static str,
}

macro_rules! migration {
    ($version:literal, $file:literal) => {
        Migration {
            version: $version,
            name: $file,
            sqlite: include_str!(concat!("../migrations/sqlite/", $file, ".sql")),
            postgres: include_str!(concat!("../migrations/postgres/", $file, ".sql")),
        }
    };
}

/// Every migration this build knows, in order.
pub const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_foundation"),
    migration!(2, "0002_identity"),
    migration!(3, "0003_vault"),
    migration!(4, "0004_cases"),
    migration!(5, "0005_case_work"),
    migration!(6, "0006_relatives"),
    migration!(7, "0007_intake_drafts"),
    migration!(8, "0008_service_outcome"),
    migration!(9, "0009_case_list_orders"),
    migration!(10, "0010_rehabilitation"),
    migration!(11, "0011_referrals"),
    migration!(12, "0012_hotline"),
    migration!(13, "0013_prevention"),
    migration!(14, "0014_mail"),
    migration!(15, "0015_hotline_checks_channels"),
    migration!(16, "0016_publication"),
    migration!(19, "0019_mail_intake"),
    migration!(21, "0021_mdg_members"),
    migration!(23, "0023_dashboard_groups"),
    migration!(24, "0024_case_list_scope_region"),
];

/// The newest schema version this build knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

const CREATE_SCHEMA_TABLE: &str = "CREATE TABLE IF NOT EXISTS mayak_schema (\
     version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

/// Arbitrary constant naming Mayak's migration lock among PostgreSQL advisory locks.
const PG_MIGRATION_LOCK: i64 = 0x6d61_7961_6b00_0001;

/// Applies every pending migration; returns how many were applied.
pub async fn apply(store: &Store, now: OffsetDateTime) -> Result<usize> {
    apply_up_to(store, now, latest_version()).await
}

/// Applies the pending migrations up to version `last` (a restore recreates the schema its
/// backup was taken with, loads the rows, then applies the rest).
pub async fn apply_up_to(store: &Store, now: OffsetDateTime, last: i64) -> Result<usize> {
    let stamp = now
        .format(&Rfc3339)
        .map_err(|e| StoreError::Config(format!("cannot format the migration time: {e}")))?;
    match store.pool() {
        Pool::Sqlite(pool) => {
            let mut conn = pool.acquire().await?;
            sqlx::raw_sql(CREATE_SCHEMA_TABLE)
                .execute(&mut *conn)
                .await?;
            let mut applied = 0;
            for m in MIGRATIONS {
                // BEGIN IMMEDIATE takes the write lock first, so two processes cannot both
                // decide the same version is pending.
                let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
                let current: i64 =
                    sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM mayak_schema")
                        .fetch_one(&mut *tx)
                        .await?;
                check_not_newer(current)?;
                // Modules land in parallel with reserved numbers, so a lower version may
                // arrive after a higher one: apply every version not yet recorded.
                let done: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM mayak_schema WHERE version = $1")
                        .bind(m.version)
                        .fetch_one(&mut *tx)
                        .await?;
                if done == 0 && m.version <= last {
                    sqlx::raw_sql(m.sqlite).execute(&mut *tx).await?;
                    record(&mut *tx, m, &stamp).await?;
                    applied += 1;
                }
                tx.commit().await?;
            }
            Ok(applied)
        }
        Pool::Postgres(pool) => {
            let mut conn = pool.acquire().await?;
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(PG_MIGRATION_LOCK)
                .execute(&mut *conn)
                .await?;
            let result = async {
                sqlx::raw_sql(CREATE_SCHEMA_TABLE)
                    .execute(&mut *conn)
                    .await?;
                let mut applied = 0;
                for m in MIGRATIONS {
                    let mut tx = conn.begin().await?;
                    let current: i64 =
                        sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM mayak_schema")
                            .fetch_one(&mut *tx)
                            .await?;
                    check_not_newer(current)?;
                    let done: i64 =
                        sqlx::query_scalar("SELECT COUNT(*) FROM mayak_schema WHERE version = $1")
                            .bind(m.version)
                            .fetch_one(&mut *tx)
                            .await?;
                    if done == 0 && m.version <= last {
                        sqlx::raw_sql(m.postgres).execute(&mut *tx).await?;
                        record(&mut *tx, m, &stamp).await?;
                        applied += 1;
                    }
                    tx.commit().await?;
                }
                Ok::<usize, StoreError>(applied)
            }
            .await;
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(PG_MIGRATION_LOCK)
                .execute(&mut *conn)
                .await?;
            result
        }
    }
}

/// The schema version recorded in the database (0 for an empty database).
pub async fn current_version(store: &Store) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        sqlx::raw_sql(CREATE_SCHEMA_TABLE).execute(p).await?;
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM mayak_schema")
            .fetch_one(p)
            .await?)
    })
}

fn check_not_newer(current: i64) -> Result<()> {
    let known = latest_version();
    if current > known {
        return Err(StoreError::NewerSchema {
            found: current,
            known,
        });
    }
    Ok(())
}

async fn record<'c, E>(exec: E, m: &Migration, stamp: &str) -> Result<()>
where
    E: sqlx::Executor<'c>,
    for<'q> i64: sqlx::Encode<'q, E::Database> + sqlx::Type<E::Database>,
    for<'q> &'q str: sqlx::Encode<'q, E::Database> + sqlx::Type<E::Database>,
    for<'q> <E::Database as sqlx::Database>::Arguments: sqlx::IntoArguments<E::Database>,
{
    sqlx::query("INSERT INTO mayak_schema (version, name, applied_at) VALUES ($1, $2, $3)")
        .bind(m.version)
        .bind(m.name)
        .bind(stamp)
        .execute(exec)
        .await?;
    Ok(())
}
