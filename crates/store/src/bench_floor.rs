//! The storage floor of the load benchmark (`mayak bench run`, docs/BENCHMARKS.md): the same
//! number of row inserts and the same point reads that Mayak's requests make, done directly on
//! the same database through the same pool settings and durability (`synchronous = FULL` on
//! SQLite, a committed transaction on PostgreSQL), so that every request's throughput can be
//! given as a ratio to what the storage itself can do on the same machine in the same run.
//!
//! Also what the benchmark needs to check its own run: how many rows a request wrote (by
//! counting every table before and after one request), the cases a user's organisation leads,
//! and whether every acknowledged write is in the database.

use crate::db::{Backend, Store};
use crate::error::Result;
use std::collections::BTreeMap;

/// A person row as the floor reads it: id, wrapped data key, sealed identity.
type PersonRow = (i64, Option<Vec<u8>>, Option<Vec<u8>>);

/// The scratch table the floor writes into; made by [`prepare`], dropped by [`finish`].
const FLOOR_TABLE: &str = "bench_floor";

/// Makes the (empty) scratch table of the floor's inserts.
pub async fn prepare(store: &Store) -> Result<()> {
    finish(store).await?;
    let sql = match store.backend() {
        Backend::Sqlite => {
            "CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, k BIGINT NOT NULL, payload TEXT NOT NULL)"
        }
        Backend::Postgres => {
            "CREATE TABLE bench_floor (id BIGSERIAL PRIMARY KEY, k BIGINT NOT NULL, payload TEXT NOT NULL)"
        }
    };
    crate::on_pool!(store.pool(), p => { sqlx::query(sql).execute(p).await?; });
    Ok(())
}

/// Drops the scratch table.
pub async fn finish(store: &Store) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("DROP TABLE IF EXISTS bench_floor").execute(p).await?;
    });
    Ok(())
}

/// One durable write transaction of `rows` single-row inserts of `payload` (what a request that
/// writes `rows` rows would cost the storage at the least).
pub async fn write(store: &Store, rows: usize, key: i64, payload: &str) -> Result<()> {
    let mut tx = store.begin().await?;
    for _ in 0..rows {
        crate::on_tx!(&mut tx, t => {
            sqlx::query("INSERT INTO bench_floor (k, payload) VALUES ($1, $2)")
                .bind(key)
                .bind(payload)
                .execute(&mut **t)
                .await?;
        });
    }
    tx.commit().await
}

/// One point read of a case row and its person row by primary key (what opening a case reads
/// at the least). Returns whether the case exists.
pub async fn read(store: &Store, case_id: i64) -> Result<bool> {
    let row: Option<(i64, String, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT c.id, c.code, c.person_id FROM case_file c WHERE c.id = $1",
        )
        .bind(case_id)
        .fetch_optional(p)
        .await?
    });
    let Some((_, _, person_id)) = row else {
        return Ok(false);
    };
    let _person: Option<PersonRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, wrapped_key, identity FROM person WHERE id = $1")
            .bind(person_id)
            .fetch_optional(p)
            .await?
    });
    Ok(true)
}

/// The number of rows in every table of the schema (the floor's own table left out).
pub async fn row_counts(store: &Store) -> Result<BTreeMap<String, i64>> {
    let tables: Vec<String> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar(match store.backend() {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            }
        })
        .fetch_all(p)
        .await?
    });
    let mut counts = BTreeMap::new();
    for t in tables.into_iter().filter(|t| t != FLOOR_TABLE) {
        // The names come from the catalogue, not from a caller; quoted all the same.
        let sql = format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM \"{}\"",
            t.replace('"', "")
        );
        let n: i64 = crate::on_pool!(store.pool(), p => {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await?
        });
        counts.insert(t, n);
    }
    Ok(counts)
}

/// Rows added between two [`row_counts`], summed over the tables, with the tables that grew.
pub fn rows_added(
    before: &BTreeMap<String, i64>,
    after: &BTreeMap<String, i64>,
) -> (i64, Vec<String>) {
    let mut total = 0;
    let mut grew = Vec::new();
    for (t, n) in after {
        let d = n - before.get(t).copied().unwrap_or(0);
        if d > 0 {
            total += d;
            grew.push(format!("{t} +{d}"));
        }
    }
    (total, grew)
}

/// Up to `limit` of the newest cases that `organisation_id` leads.
pub async fn led_cases(store: &Store, organisation_id: i64, limit: i64) -> Result<Vec<i64>> {
    Ok(crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar(
            "SELECT id FROM case_file WHERE lead_organisation_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(organisation_id)
        .bind(limit)
        .fetch_all(p)
        .await?
    }))
}

/// Which tables the benchmark checks for lost writes.
#[derive(Debug, Clone, Copy)]
pub enum Written {
    /// `case_file`.
    Case,
    /// `hotline_consultation`.
    Consultation,
}

/// How many of `ids` are in the table: with every acknowledged write durable, all of them.
pub async fn count_present(store: &Store, what: Written, ids: &[i64]) -> Result<usize> {
    let table = match what {
        Written::Case => "case_file",
        Written::Consultation => "hotline_consultation",
    };
    let mut present = 0usize;
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM {table} WHERE id IN ({})",
            marks.join(",")
        );
        let n: i64 = crate::on_pool!(store.pool(), p => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_one(p).await?
        });
        present += usize::try_from(n).unwrap_or(0);
    }
    Ok(present)
}
