//! Gives every store and API test a fresh database on each backend: always a new SQLite file,
//! and, when `MAYAK_TEST_DATABASE_URL` points at a PostgreSQL server, a new PostgreSQL database
//! created for the test and dropped after it. A PostgreSQL server that is configured but
//! unreachable fails the test; it is never skipped silently.

// A test harness fails the test that uses it by panicking, with the reason.
#![allow(clippy::panic)]

use mayak_domain::{Clock, FixedClock, SplitMix64};
use mayak_store::{Store, migrate, reference};
use sqlx::Connection;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use time::OffsetDateTime;

/// The environment variable naming the PostgreSQL server for tests.
pub const PG_ENV: &str = "MAYAK_TEST_DATABASE_URL";

/// The instant test clocks start at.
pub const TEST_START: OffsetDateTime = time::macros::datetime!(2026-03-02 09:00 UTC);

/// A clock for tests, standing at [`TEST_START`].
pub fn clock() -> FixedClock {
    FixedClock::new(TEST_START)
}

/// A seeded random source for tests.
pub fn rng() -> SplitMix64 {
    SplitMix64::new(42)
}

/// A database made for one test.
pub struct TestDb {
    /// The migrated store with reference data.
    pub store: Store,
    /// Which backend, for messages.
    pub label: &'static str,
    /// The data directory (SQLite file lives here).
    pub dir: PathBuf,
    pg: Option<(String, String)>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

#[allow(clippy::disallowed_methods)] // Names only need to differ between runs.
fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

impl TestDb {
    /// Another store on the same database, as a second instance (or a `mayak admin` command
    /// beside the server) opens it: its own pool and its own caches.
    pub async fn reopen(&self) -> Store {
        match &self.pg {
            Some((admin_url, name)) => Store::connect(&with_database(admin_url, name))
                .await
                .unwrap_or_else(|e| panic!("connect again to {name}: {e}")),
            None => Store::open_sqlite(&self.dir)
                .await
                .unwrap_or_else(|e| panic!("open SQLite again: {e}")),
        }
    }
}

/// A fresh temporary directory.
pub fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(unique("mayak_test"));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Whether PostgreSQL tests are configured.
pub fn postgres_url() -> Option<String> {
    std::env::var(PG_ENV).ok().filter(|u| !u.is_empty())
}

/// A fresh, migrated SQLite database.
pub async fn sqlite() -> TestDb {
    let dir = temp_dir();
    let store = Store::open_sqlite(&dir)
        .await
        .unwrap_or_else(|e| panic!("open SQLite: {e}"));
    prepare(&store).await;
    TestDb {
        store,
        label: "sqlite",
        dir,
        pg: None,
    }
}

/// A fresh, migrated PostgreSQL database, if configured.
pub async fn postgres() -> Option<TestDb> {
    let admin_url = postgres_url()?;
    let name = unique("mayak_t");
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| panic!("{PG_ENV} is set but PostgreSQL is unreachable: {e}"));
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    let _ = admin.close().await;
    let url = with_database(&admin_url, &name);
    let store = Store::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("connect to {name}: {e}"));
    prepare(&store).await;
    Some(TestDb {
        store,
        label: "postgres",
        dir: temp_dir(),
        pg: Some((admin_url, name)),
    })
}

/// The URL of database `name` on the server of `url`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

async fn prepare(store: &Store) {
    let now = clock().now();
    migrate::apply(store, now)
        .await
        .unwrap_or_else(|e| panic!("migrate: {e}"));
    reference::sync_builtin(store, now)
        .await
        .unwrap_or_else(|e| panic!("reference sync: {e}"));
}

/// A vault over `store` with a fixed test key (the same key on every call).
pub async fn vault(store: &Store) -> std::sync::Arc<mayak_store::vault::Vault> {
    let keyring = mayak_store::keyring::Keyring::from_key_base64(
        "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    )
    .unwrap_or_else(|e| panic!("test key: {e}"));
    std::sync::Arc::new(
        mayak_store::vault::Vault::open(store, std::sync::Arc::new(keyring), &rng())
            .await
            .unwrap_or_else(|e| panic!("vault: {e}")),
    )
}

/// Every configured backend: SQLite always, PostgreSQL when [`PG_ENV`] is set.
pub async fn databases() -> Vec<TestDb> {
    let mut out = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        out.push(pg);
    }
    out
}

impl TestDb {
    /// Closes the store and removes the database.
    pub async fn cleanup(self) {
        self.store.close().await;
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin_url, name)) = self.pg
            && let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await;
            let _ = admin.close().await;
        }
    }
}

/// Runs an async test body once per configured backend, each on its own fresh database.
#[macro_export]
macro_rules! each_backend {
    (|$db:ident| $body:block) => {{
        for $db in $crate::databases().await {
            eprintln!("running on {}", $db.label);
            $body
            $db.cleanup().await;
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_name_replaces_path() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://h/test?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }
}
