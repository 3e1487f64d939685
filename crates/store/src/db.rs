//! Connecting to SQLite or PostgreSQL, and the one place that knows there are two.

use crate::error::{Result, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A connection pool to one of the two databases.
#[derive(Debug, Clone)]
pub enum Pool {
    /// SQLite in WAL mode.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Postgres(PgPool),
}

/// Runs the same code against whichever pool a store holds. The body is written once and
/// compiled for both drivers, so SQL and row decoding stay on one code path.
#[macro_export]
macro_rules! on_pool {
    ($pool:expr, $p:ident => $body:expr) => {
        match $pool {
            $crate::db::Pool::Sqlite($p) => $body,
            $crate::db::Pool::Postgres($p) => $body,
        }
    };
}

/// A write transaction on either database.
pub enum Tx {
    /// SQLite, begun with `BEGIN IMMEDIATE` so concurrent writers queue instead of failing.
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    /// PostgreSQL.
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs the same code inside whichever transaction is open.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $t:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite($t) => $body,
            $crate::db::Tx::Postgres($t) => $body,
        }
    };
}

impl Tx {
    /// Makes the transaction's writes durable.
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// Mayak's database: a pool plus the knowledge of which backend it is, and the process's copy
/// of the reference lists' codes (shared by every clone of the store).
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
    codes: std::sync::Arc<crate::reference::CodeCache>,
    dashboard: std::sync::Arc<crate::dashboard::DashboardCache>,
}

/// Name of the SQLite file inside the data directory.
pub const SQLITE_FILE: &str = "mayak.db";

impl Store {
    /// Opens (creating if needed) the SQLite database in `data_dir`.
    pub async fn open_sqlite(data_dir: &Path) -> Result<Self> {
        let path = data_dir.join(SQLITE_FILE);
        let opts = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged write survives power loss, not only a crash of mayak.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        Self::connect_sqlite(opts).await
    }

    async fn connect_sqlite(opts: SqliteConnectOptions) -> Result<Self> {
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            // SQLite rolls a transaction back by itself on some errors (a full disk); sqlx's
            // ROLLBACK then fails and its transaction depth stays above zero, so every later
            // BEGIN on that connection would fail. Such a connection is closed, not reused.
            .before_acquire(|conn, _meta| {
                Box::pin(async move { Ok(!sqlx::Connection::is_in_transaction(conn)) })
            })
            .connect_with(opts)
            .await
            .map_err(|e| StoreError::Config(format!("cannot open the SQLite database: {e}")))?;
        Ok(Self {
            pool: Pool::Sqlite(pool),
            codes: Default::default(),
            dashboard: Default::default(),
        })
    }

    /// Connects to the database named by a `sqlite://…` or `postgres://…` URL.
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| {
                    StoreError::Config(format!("--database-url is not a valid SQLite URL: {e}"))
                })?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            return Self::connect_sqlite(opts).await;
        }
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url).map_err(|e| {
                StoreError::Config(format!("--database-url is not a valid PostgreSQL URL: {e}"))
            })?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                // Fail fast while the server is down, so requests answer 503 instead of hanging.
                .acquire_timeout(Duration::from_secs(3))
                .connect_with(opts)
                .await
                .map_err(|e| {
                    StoreError::Config(format!(
                        "cannot connect to PostgreSQL at --database-url: {e}"
                    ))
                })?;
            return Ok(Self {
                pool: Pool::Postgres(pool),
                codes: Default::default(),
                dashboard: Default::default(),
            });
        }
        Err(StoreError::Config(
            "--database-url must start with sqlite:// or postgres://".to_owned(),
        ))
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// SQL for the calendar year (BIGINT) of a `DATE` column: SQLite keeps dates as
    /// `YYYY-MM-DD` text, PostgreSQL extracts it.
    pub fn sql_year_of_date(&self, column: &str) -> String {
        match self.backend() {
            Backend::Sqlite => format!("CAST(SUBSTR({column}, 1, 4) AS BIGINT)"),
            Backend::Postgres => format!("CAST(EXTRACT(YEAR FROM {column}) AS BIGINT)"),
        }
    }

    /// SQL for the calendar year (BIGINT) of a timestamp column, as `OffsetDateTime::year`
    /// reads it once decoded: SQLite keeps the text the application wrote (its year first),
    /// PostgreSQL decodes in UTC, so the year is taken in UTC whatever the session's zone.
    pub fn sql_year_of_timestamp(&self, column: &str) -> String {
        match self.backend() {
            Backend::Sqlite => format!("CAST(SUBSTR({column}, 1, 4) AS BIGINT)"),
            Backend::Postgres => {
                format!("CAST(EXTRACT(YEAR FROM ({column} AT TIME ZONE 'UTC')) AS BIGINT)")
            }
        }
    }

    /// The pool, for repositories.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// Keeps the dashboards' counted rows for up to `age` (zero, the default: count on every
    /// request), so that many readers of the statistics on a large database share one count.
    /// Figures may then be up to `age` behind the data.
    pub fn set_dashboard_max_age(&self, age: std::time::Duration) {
        self.dashboard.set_max_age(age);
    }

    pub(crate) fn dashboard_cache(&self) -> &crate::dashboard::DashboardCache {
        &self.dashboard
    }

    /// The process's copy of the reference lists' codes.
    pub(crate) fn codes(&self) -> &crate::reference::CodeCache {
        &self.codes
    }

    /// Begins a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        let r: std::result::Result<i32, sqlx::Error> = on_pool!(&self.pool, p => {
            sqlx::query_scalar("SELECT 1").fetch_one(p).await
        });
        r.is_ok()
    }

    /// Closes every connection after in-flight work finishes; SQLite checkpoints its WAL.
    pub async fn close(&self) {
        on_pool!(&self.pool, p => p.close().await)
    }
}
