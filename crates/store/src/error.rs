//! The store's error type: what went wrong, in terms the web layer can map to a response.

/// A failed store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached or answered with an I/O failure; try again later.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// The disk under the database is full: nothing was written.
    #[error("the database has no disk space left")]
    StorageFull,
    /// A uniqueness or reference rule of the data was broken.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The record does not exist.
    #[error("not found")]
    NotFound,
    /// The record changed since the version an edit was made from.
    #[error("the record was changed by someone else (now at version {current})")]
    Stale {
        /// The current version.
        current: i64,
    },
    /// The person's identifying data was erased for good.
    #[error("the identifying data was erased")]
    Erased,
    /// The database was written by a newer Mayak.
    #[error(
        "the database has schema version {found}, but this mayak knows only up to {known}: \
         run a newer mayak, or point --database-url/--data-dir at another database"
    )]
    NewerSchema {
        /// Version found in the database.
        found: i64,
        /// Newest version this build knows.
        known: i64,
    },
    /// The configuration given to the store is not usable.
    #[error("{0}")]
    Config(String),
    /// Embedded data could not be read (a build defect, caught by tests).
    #[error("embedded data is malformed: {0}")]
    EmbeddedData(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::Conflict(db.message().to_owned())
            }
            sqlx::Error::Database(db) if out_of_space(db.code().as_deref()) => {
                StoreError::StorageFull
            }
            sqlx::Error::Database(db) if server_gone(db.code().as_deref()) => {
                StoreError::Unavailable(db.message().to_owned())
            }
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed
            | sqlx::Error::Tls(_) => StoreError::Unavailable(e.to_string()),
            _ => StoreError::Database(e),
        }
    }
}

/// SQLITE_FULL (13), or PostgreSQL's disk_full (53100).
fn out_of_space(code: Option<&str>) -> bool {
    match code {
        Some("53100") => true,
        Some(c) => c.parse::<i32>().is_ok_and(|n| n & 0xff == 13),
        None => false,
    }
}

/// A server that went away or is shutting down: PostgreSQL's connection exceptions (08…),
/// operator intervention such as a shutdown (57P…) and out-of-memory (53200); SQLite's I/O
/// errors (10 and its extended codes), which the next attempt may not meet.
fn server_gone(code: Option<&str>) -> bool {
    match code {
        Some(c) if c.starts_with("08") || c.starts_with("57P") || c == "53200" => true,
        Some(c) => c.parse::<i32>().is_ok_and(|n| n & 0xff == 10),
        None => false,
    }
}

/// Shorthand for store results.
pub type Result<T> = std::result::Result<T, StoreError>;
