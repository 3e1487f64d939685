//! The `mayak` command: `serve`, `demo`, `migrate`. Start-up lives here, behind [`start`], so
//! tests run the real application on port 0 with their own database.

pub mod admin;
pub mod audit_cmd;
pub mod backup_cmd;
pub mod bench_cmd;
pub mod bench_run;
pub mod config;
pub mod report_cmd;
pub mod stats_cmd;

use clap::{Parser, Subcommand};
use config::{DbArgs, DbConfig, FileConfig, ServeArgs, ServeConfig};
use mayak_domain::{Clock, Random, SystemClock};
use mayak_store::demo::{self, DemoOutcome};
use mayak_store::keyring::Keyring;
use mayak_store::vault::Vault;
use mayak_store::{Store, StoreError, migrate, reference};
use mayak_web::{AppState, Catalogs, Server, WebConfig};
use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

/// Prints a line for the operator; a closed stdout (a pipe whose reader went away) must not
/// crash the server, so write errors are ignored.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Mayak: the counter-trafficking response system.
#[derive(Debug, Parser)]
#[command(name = "mayak", version, about)]
pub struct Cli {
    /// A TOML configuration file (keys as the long options, with underscores)
    #[arg(long, global = true, env = "MAYAK_CONFIG", value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once at start; boxing the serve settings would buy nothing"
)]
pub enum Command {
    /// Run the web server
    Serve(ServeArgs),
    /// Load the demo dataset into an empty database
    Demo(DbArgs),
    /// Apply pending database migrations and exit
    Migrate(DbArgs),
    /// Administer users and tokens against the database the server uses
    Admin(admin::AdminArgs),
    /// Verify the audit trail, sign checkpoints of it, export it
    Audit(audit_cmd::AuditArgs),
    /// Manage the keys that protect identifying data
    Keys(audit_cmd::KeysArgs),
    /// All 1- to k-way marginal counts with disclosure control, or with DP noise
    Aggregate(stats_cmd::AggregateArgs),
    /// DP synthetic microdata and their utility report
    Synth(stats_cmd::SynthArgs),
    /// The utility report of any synthetic CSV against the real one (1- to k-way marginals)
    Compare(stats_cmd::CompareArgs),
    /// Standard exports of the case data (CTDC submission)
    Export(stats_cmd::ExportArgs),
    /// The annual report of a year (PDF, XLSX or CSV), as the dashboards make it
    Report(report_cmd::ReportArgs),
    /// Benchmarks: a CTDC-shaped table generator, benchmark data, the load benchmark
    Bench(stats_cmd::BenchArgs),
    /// Take a consistent online backup of the database into a new file
    Backup(backup_cmd::BackupArgs),
    /// Restore a backup into an empty data directory or PostgreSQL database
    Restore(backup_cmd::RestoreArgs),
}

/// Randomness from the operating system, for secrets.
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&self, buf: &mut [u8]) {
        // getrandom fails only on exotic systems without an entropy source; Mayak cannot run
        // safely there, so it stops rather than issuing predictable secrets.
        if let Err(e) = getrandom::fill(buf) {
            eprintln!("mayak: error: the operating system gave no random numbers: {e}");
            std::process::abort();
        }
    }
}

/// Parses arguments and runs; every failure is one line on stderr and exit code 1.
pub async fn main_with_args<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    init_logging();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("mayak: error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MAYAK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn run(cli: Cli) -> Result<(), String> {
    let file = match &cli.config {
        Some(p) => FileConfig::load(p)?,
        None => FileConfig::default(),
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let rng: Arc<dyn Random> = Arc::new(OsRandom);
    match cli.command {
        Command::Serve(args) => {
            let cfg = args.resolve(&file)?;
            serve(cfg, clock, rng).await
        }
        Command::Demo(args) => {
            let db = args.resolve(&file)?;
            let store = open(&db, clock.as_ref()).await?;
            let outcome = match open_vault(&db, &store, rng.as_ref()).await {
                Ok(vault) => load_demo(&store, &vault, clock.as_ref(), rng.as_ref()).await,
                Err(e) => Err(e),
            };
            store.close().await;
            print_demo(&outcome?);
            Ok(())
        }
        Command::Audit(args) => {
            let db = args.db.resolve(&file)?;
            let store = open(&db, clock.as_ref()).await?;
            let result =
                audit_cmd::run(&db, &store, args.command, clock.as_ref(), rng.as_ref()).await;
            store.close().await;
            result
        }
        Command::Keys(args) => {
            let db = args.db.resolve(&file)?;
            let store = open(&db, clock.as_ref()).await?;
            let result =
                audit_cmd::keys(&db, &store, args.command, clock.as_ref(), rng.as_ref()).await;
            store.close().await;
            result
        }
        Command::Admin(admin::AdminArgs {
            command: admin::AdminCommand::AccessMatrix,
            ..
        }) => {
            say!("{}", mayak_web::access_doc());
            Ok(())
        }
        Command::Admin(args) => {
            let db = args.db.resolve(&file)?;
            let store = open(&db, clock.as_ref()).await?;
            let result = admin::run(&store, args.command, clock.as_ref(), rng.as_ref()).await;
            store.close().await;
            result
        }
        Command::Aggregate(args) => stats_cmd::aggregate(args, &file, clock.as_ref()).await,
        Command::Synth(args) => stats_cmd::synth(args, &file, clock.as_ref()).await,
        Command::Compare(args) => stats_cmd::compare(args),
        Command::Export(args) => stats_cmd::export(args, &file, clock.as_ref()).await,
        Command::Report(args) => report_cmd::report(args, &file, clock.as_ref()).await,
        Command::Bench(stats_cmd::BenchArgs {
            command: stats_cmd::BenchCommand::Generate(args),
        }) => bench_cmd::generate(args, &file, clock.as_ref(), rng.as_ref()).await,
        Command::Bench(stats_cmd::BenchArgs {
            command: stats_cmd::BenchCommand::Run(args),
        }) => bench_run::run(args, &file, clock.as_ref(), rng.as_ref()).await,
        Command::Bench(args) => stats_cmd::bench(args),
        Command::Backup(args) => {
            let db = args.db.resolve(&file)?;
            let store = open(&db, clock.as_ref()).await?;
            let result = backup_cmd::backup(&db, &store, &args, clock.as_ref()).await;
            store.close().await;
            result
        }
        Command::Restore(args) => {
            let db = args.db.resolve(&file)?;
            prepare_data_dir(&db.data_dir)?;
            backup_cmd::restore(&db, &args, clock.as_ref()).await
        }
        Command::Migrate(args) => {
            let db = args.resolve(&file)?;
            let store = open(&db, clock.as_ref()).await?;
            let version = migrate::current_version(&store)
                .await
                .map_err(|e| e.to_string())?;
            store.close().await;
            say!("database schema is at version {version}");
            Ok(())
        }
    }
}

/// Loads the key-encryption keys (from `MAYAK_KEK`, `MAYAK_KEK_PASSPHRASE` or the key file)
/// and opens the vault, refusing a key that does not match the database.
pub async fn open_vault(
    db: &DbConfig,
    store: &Store,
    rng: &dyn Random,
) -> Result<Arc<Vault>, String> {
    let keyring = if let Some(key) = std::env::var("MAYAK_KEK").ok().filter(|k| !k.is_empty()) {
        Keyring::from_key_base64(&key)
    } else if let Some(pass) = std::env::var("MAYAK_KEK_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty())
    {
        let salt = mayak_store::vault::passphrase_salt(store, rng)
            .await
            .map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || Keyring::from_passphrase(&pass, &salt))
            .await
            .map_err(|e| format!("key derivation failed: {e}"))?
    } else {
        Keyring::from_file(&db.kek_file, rng)
    }
    .map_err(|e| e.to_string())?;
    Vault::open(store, Arc::new(keyring), rng)
        .await
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

/// Checks the data directory, opens the database, applies migrations and syncs reference data.
pub async fn open(db: &DbConfig, clock: &dyn Clock) -> Result<Store, String> {
    prepare_data_dir(&db.data_dir)?;
    let store = match &db.database_url {
        Some(url) => Store::connect(url).await,
        None => Store::open_sqlite(&db.data_dir).await,
    }
    .map_err(|e| e.to_string())?;
    let now = clock.now();
    let applied = migrate::apply(&store, now).await.map_err(|e| match e {
        StoreError::NewerSchema { .. } => e.to_string(),
        other => format!("cannot prepare the database: {other}"),
    })?;
    if applied > 0 {
        tracing::info!(
            applied,
            version = migrate::latest_version(),
            "database migrated"
        );
    }
    reference::sync_builtin(&store, now)
        .await
        .map_err(|e| format!("cannot load reference lists: {e}"))?;
    Ok(store)
}

fn prepare_data_dir(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    std::fs::create_dir_all(dir).map_err(|e| {
        format!("cannot create the data directory {shown}: {e}; choose another with --data-dir")
    })?;
    let probe = dir.join(".mayak-write-check");
    std::fs::write(&probe, b"ok").map_err(|e| {
        format!("cannot write to the data directory {shown}: {e}; fix its permissions or choose another with --data-dir")
    })?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

pub(crate) async fn load_demo(
    store: &Store,
    vault: &Vault,
    clock: &dyn Clock,
    rng: &dyn Random,
) -> Result<DemoOutcome, String> {
    let password = std::env::var("MAYAK_DEMO_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    demo::load(store, vault, clock.now(), rng, password.as_deref())
        .await
        .map_err(|e| format!("cannot load the demo data: {e}"))
}

pub(crate) fn print_demo(outcome: &DemoOutcome) {
    match outcome {
        DemoOutcome::Loaded { logins, password } => {
            say!("Demo data loaded (fictional people and records).");
            say!("Demo logins: {}", logins.join(", "));
            say!("Password for every demo login: {password}");
            say!("(set MAYAK_DEMO_PASSWORD to choose it; it is shown only now)");
        }
        DemoOutcome::AlreadyLoaded {
            logins,
            password_reset,
        } => {
            say!(
                "Demo data is already loaded. Demo logins: {}",
                logins.join(", ")
            );
            if *password_reset {
                say!("Every demo login now has the password from MAYAK_DEMO_PASSWORD.");
            } else {
                say!(
                    "Their password was printed when the demo was first loaded; set MAYAK_DEMO_PASSWORD to reset it."
                );
            }
        }
        DemoOutcome::NotEmpty => {
            say!("The database already holds other data; the demo dataset was not loaded into it.");
        }
    }
}

/// A started application: the bound address and the future that serves it.
pub struct Running {
    /// The address bound (port 0 resolves to a real port).
    pub addr: std::net::SocketAddr,
    /// The database, to close after serving.
    pub store: Store,
    server: Server,
}

impl Running {
    /// Serves until `shutdown` completes, then closes the database cleanly.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), String> {
        let result = self
            .server
            .run(shutdown)
            .await
            .map_err(|e| format!("the server stopped: {e}"));
        self.store.close().await;
        result
    }
}

/// Everything `mayak serve` does before it accepts requests.
pub async fn start(
    cfg: &ServeConfig,
    clock: Arc<dyn Clock>,
    rng: Arc<dyn Random>,
) -> Result<Running, String> {
    let store = open(&cfg.db, clock.as_ref()).await?;
    store.set_dashboard_max_age(cfg.dashboard_max_age);
    let vault = match open_vault(&cfg.db, &store, rng.as_ref()).await {
        Ok(v) => v,
        Err(e) => {
            store.close().await;
            return Err(e);
        }
    };
    if cfg.demo {
        print_demo(&load_demo(&store, &vault, clock.as_ref(), rng.as_ref()).await?);
    }
    // Statistics releases whose computation a stop interrupted are marked failed (their
    // privacy spend stays in the ledger).
    match mayak_store::publication::fail_interrupted(
        &store,
        clock.now() - time::Duration::hours(1),
        clock.now(),
    )
    .await
    {
        Ok(0) => {}
        Ok(n) => tracing::warn!(
            releases = n,
            "interrupted release computations marked failed"
        ),
        Err(e) => tracing::warn!(error = %e, "cannot check for interrupted release computations"),
    }
    // A signed checkpoint of the audit trail at every start, and every hour while running.
    mayak_store::audit::checkpoint(&store, vault.signing_seed(), clock.now())
        .await
        .map_err(|e| format!("cannot sign an audit checkpoint: {e}"))?;
    {
        let (store, vault, clock) = (store.clone(), vault.clone(), clock.clone());
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
            every.tick().await;
            loop {
                every.tick().await;
                if let Err(e) =
                    mayak_store::audit::checkpoint(&store, vault.signing_seed(), clock.now()).await
                {
                    tracing::warn!(error = %e, "cannot sign an audit checkpoint");
                }
            }
        });
    }
    // The daily retention dry run: lists who is due; an administrator approves the erasure.
    {
        let (store, clock, period) = (store.clone(), clock.clone(), cfg.retention_period);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
            loop {
                every.tick().await;
                match mayak_store::retention::dry_run(&store, clock.now(), period).await {
                    Ok(Some(run)) => tracing::info!(run, "retention dry run awaits approval"),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "retention dry run failed"),
                }
            }
        });
    }
    let demo_loaded = mayak_store::orgs::meta_get(&store, demo::DEMO_MARK)
        .await
        .map_err(|e| e.to_string())?
        .is_some();
    let catalogs = Catalogs::load().map_err(|e| e.to_string())?;
    // E-mail (off unless an SMTP relay is configured): a worker delivers the outbox.
    if let Some(m) = &cfg.mail {
        let mailer = mayak_web::mail::Mailer::new(m.clone(), catalogs.clone(), rng.clone())?
            .with_hotline(vault.clone());
        tracing::info!(host = %m.smtp_host, port = m.smtp_port, "e-mail notices on");
        drop(mailer.spawn(store.clone(), clock.clone()));
    }
    let state = AppState {
        store: store.clone(),
        clock,
        rng,
        catalogs,
        vault,
        metrics: Arc::default(),
        config: Arc::new(WebConfig {
            public_url: cfg.public_url.clone(),
            demo: demo_loaded,
            instance: cfg.instance.clone(),
            session_idle: cfg.session_idle,
            session_lifetime: cfg.session_lifetime,
            insecure_cookies: cfg.insecure_cookies,
            mfa_policy: cfg.mfa_policy,
            behind_proxy: cfg.behind_proxy,
            retention_period: cfg.retention_period,
            hotline: cfg.hotline.clone(),
            mail: cfg.mail.clone(),
            disclosure_threshold: cfg.disclosure_threshold,
        }),
    };
    // The outbox of the Viber channel: answers wait there until Viber accepted them.
    if state.config.hotline.viber.is_some() {
        let client = mayak_web::viber::client()?;
        let state = state.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(20));
            loop {
                every.tick().await;
                if let Err(e) = mayak_web::viber::deliver_due(&state, &client).await {
                    tracing::warn!(error = %e, "viber outbox round failed");
                }
            }
        });
    }
    // The hotline's e-mail channel: a worker imports the Maildir's new messages.
    if let Some(dir) = state.config.hotline.mail_intake_maildir.clone() {
        mayak_web::mail_intake::ensure_maildir(&dir).map_err(|e| e.to_string())?;
        tracing::info!("hotline e-mail intake on");
        drop(mayak_web::mail_intake::spawn(state.clone(), dir));
    }
    let server = match Server::bind(cfg.listen, state).await {
        Ok(s) => s,
        Err(e) => {
            store.close().await;
            return Err(e.to_string());
        }
    };
    Ok(Running {
        addr: server.addr,
        store,
        server,
    })
}

async fn serve(
    cfg: ServeConfig,
    clock: Arc<dyn Clock>,
    rng: Arc<dyn Random>,
) -> Result<(), String> {
    let running = start(&cfg, clock, rng).await?;
    let backend = match running.store.backend() {
        mayak_store::Backend::Sqlite => "SQLite",
        mayak_store::Backend::Postgres => "PostgreSQL",
    };
    let shutdown = shutdown_signal()?;
    say!(
        "Mayak is listening on http://{} ({backend}); stop with Ctrl+C",
        running.addr
    );
    running.serve(shutdown).await?;
    say!("Mayak stopped cleanly.");
    Ok(())
}

/// A future that completes on SIGINT or SIGTERM.
pub fn shutdown_signal() -> Result<impl std::future::Future<Output = ()> + Send + 'static, String> {
    // The handlers are installed now, before Mayak says it listens, so a signal that arrives
    // right after that line still shuts down cleanly instead of killing the process.
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term =
            signal(SignalKind::terminate()).map_err(|e| format!("cannot handle SIGTERM: {e}"))?;
        let mut int =
            signal(SignalKind::interrupt()).map_err(|e| format!("cannot handle SIGINT: {e}"))?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = int.recv() => {},
            }
            tracing::info!("shutting down: finishing requests in flight");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutting down: finishing requests in flight");
        })
    }
}
