//! `mayak backup` and `mayak restore`: a consistent online backup of the whole database into
//! one file, and its restoration into an empty data directory or PostgreSQL database.

use crate::config::{DbArgs, DbConfig};
use mayak_domain::Clock;
use mayak_store::Store;
use mayak_store::backup::{self, Header, Target};
use std::path::PathBuf;

/// `mayak backup` options.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The backup file to write (must not exist yet)
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
}

/// `mayak restore` options.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The backup file to restore
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
}

fn describe(h: &Header) -> String {
    format!(
        "{} tables, {} rows, schema version {}, taken {} by mayak {}",
        h.tables.len(),
        h.total_rows(),
        h.schema_version,
        h.taken_at,
        h.mayak_version
    )
}

/// Takes the backup while servers may keep running.
pub async fn backup(
    db: &DbConfig,
    store: &Store,
    args: &BackupArgs,
    clock: &dyn Clock,
) -> Result<(), String> {
    let (header, bytes) = backup::backup(store, &args.to, clock.now(), env!("CARGO_PKG_VERSION"))
        .await
        .map_err(|e| format!("backup failed, nothing was written: {e}"))?;
    crate::say!(
        "backup written to {} ({:.1} MB): {}",
        args.to.display(),
        bytes as f64 / 1_000_000.0,
        describe(&header)
    );
    crate::say!(
        "identifying data inside stays encrypted; keep the key file {} (or the passphrase) \
         apart from the backup: a restore needs it",
        db.kek_file.display()
    );
    Ok(())
}

/// Restores into the data directory or the database the options name, which must be empty.
pub async fn restore(db: &DbConfig, args: &RestoreArgs, clock: &dyn Clock) -> Result<(), String> {
    let target = match &db.database_url {
        Some(url) if url.starts_with("postgres") => Target::Postgres(url.clone()),
        Some(_) => {
            return Err(
                "to restore into SQLite, give the data directory with --data-dir, not a URL".into(),
            );
        }
        None => Target::SqliteDir(db.data_dir.clone()),
    };
    let header = backup::restore(&args.from, &target, clock.now())
        .await
        .map_err(|e| format!("restore failed: {e}"))?;
    crate::say!("restored {}", describe(&header));
    crate::say!("check it with `mayak audit verify` against the same database before serving it");
    Ok(())
}
