//! The store's error type: what went wrong, in terms the web layer can map to a response.

/// A failed store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached or answered with an I/O failure; try again later.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
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

/// Shorthand for store results.
pub type Result<T> = std::result::Result<T, StoreError>;
