//! `mayak audit …` and `mayak keys …`: verifying the audit trail and its checkpoints,
//! exporting checkpoints to keep elsewhere, and rotating the key-encryption key.

use crate::config::{DbArgs, DbConfig};
use mayak_domain::{Clock, Random};
use mayak_store::audit::{self, AuditEvent, Checkpoint, Verdict};
use mayak_store::{Store, persons};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// `mayak audit` options.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(subcommand)]
    pub command: AuditCommand,
}

/// The audit commands.
#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain and check every checkpoint; exit 1 naming the first bad entry
    Verify {
        /// Also check against checkpoints exported earlier (JSON lines, kept elsewhere)
        #[arg(long, value_name = "FILE")]
        checkpoints: Option<PathBuf>,
        /// Accept only checkpoints signed by this public key (hex), e.g. one kept from an export
        #[arg(long, value_name = "HEX")]
        trusted_key: Option<String>,
    },
    /// Sign a checkpoint of the chain's head; with --export, append it to a file kept elsewhere
    Checkpoint {
        /// Append the checkpoint as a JSON line to this file
        #[arg(long, value_name = "FILE")]
        export: Option<PathBuf>,
    },
}

/// `mayak keys` options.
#[derive(Debug, clap::Args)]
pub struct KeysArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(subcommand)]
    pub command: KeysCommand,
}

/// The key commands.
#[derive(Debug, clap::Subcommand)]
pub enum KeysCommand {
    /// Re-wrap every data key under a new key-encryption key; servers may keep running
    Rotate,
}

fn progress(label: &str, n: u64) {
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = write!(err, "\r{label}: {n}");
        let _ = err.flush();
    }
}

fn operator(action: &str) -> AuditEvent {
    AuditEvent {
        login: Some("operator (command line)".to_owned()),
        roles: "operator".to_owned(),
        action: action.to_owned(),
        outcome: "ok".to_owned(),
        instance: "cli".to_owned(),
        ..Default::default()
    }
}

/// Runs an audit command.
pub async fn run(
    db: &DbConfig,
    store: &Store,
    cmd: AuditCommand,
    clock: &dyn Clock,
    rng: &dyn Random,
) -> Result<(), String> {
    match cmd {
        AuditCommand::Verify {
            checkpoints,
            trusted_key,
        } => {
            let exported = match &checkpoints {
                Some(path) => read_checkpoints(path)?,
                None => Vec::new(),
            };
            let verdict = audit::verify(store, &exported, trusted_key.as_deref(), |n| {
                progress("entries verified", n as u64)
            })
            .await
            .map_err(|e| e.to_string())?;
            if std::io::stderr().is_terminal() {
                eprintln!();
            }
            match verdict {
                Verdict::Intact {
                    entries,
                    checkpoints,
                    head,
                } => {
                    crate::say!(
                        "audit trail intact: {entries} entries, {checkpoints} checkpoints, head {head}"
                    );
                    Ok(())
                }
                Verdict::Broken { problem, .. } => Err(format!("audit trail broken: {problem}")),
            }
        }
        AuditCommand::Checkpoint { export } => {
            let vault = crate::open_vault(db, store, rng).await?;
            let cp = audit::checkpoint(store, vault.signing_seed(), clock.now())
                .await
                .map_err(|e| e.to_string())?;
            let line = serde_json::to_string(&cp).map_err(|e| e.to_string())?;
            if let Some(path) = export {
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                writeln!(f, "{line}")
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                f.sync_all()
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            crate::say!("{line}");
            Ok(())
        }
    }
}

fn read_checkpoints(path: &PathBuf) -> Result<Vec<Checkpoint>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| format!("{} line {}: not a checkpoint: {e}", path.display(), i + 1))
        })
        .collect()
}

/// Runs a key command.
pub async fn keys(
    db: &DbConfig,
    store: &Store,
    cmd: KeysCommand,
    clock: &dyn Clock,
    rng: &dyn Random,
) -> Result<(), String> {
    match cmd {
        KeysCommand::Rotate => {
            let vault = crate::open_vault(db, store, rng).await?;
            let ring = vault.keyring();
            let old: Vec<u32> = ring.versions();
            let new = ring.add_version(rng).map_err(|e| e.to_string())?;
            vault
                .rewrap_shared(store, new, rng)
                .await
                .map_err(|e| e.to_string())?;
            let n = persons::rewrap_all(store, &vault, rng, new, |n| {
                progress("data keys re-wrapped", n)
            })
            .await
            .map_err(|e| e.to_string())?;
            if std::io::stderr().is_terminal() {
                eprintln!();
            }
            mayak_store::drafts::rewrap_all(store, &vault, rng, new)
                .await
                .map_err(|e| e.to_string())?;
            mayak_store::hotline::rewrap_all(store, &vault, rng, new)
                .await
                .map_err(|e| e.to_string())?;
            ring.retire_before(new).map_err(|e| e.to_string())?;
            let mut e = operator("keys.rotate");
            e.record_type = Some("kek".to_owned());
            e.record_id = Some(new.to_string());
            audit::record(store, &e, clock.now())
                .await
                .map_err(|e| e.to_string())?;
            crate::say!(
                "key-encryption key rotated from version {old:?} to {new}: {n} data keys re-wrapped"
            );
            Ok(())
        }
    }
}
