//! `mayak bench run`: the load benchmark of docs/BENCHMARKS.md (issue #12).
//!
//! It starts one or more real `mayak serve` processes on the configured database (one that
//! `mayak bench generate` filled), drives them over HTTP with 1, 8 and 64 concurrent clients
//! for each kind of request, and measures throughput and p50/p99 latency. Right after each
//! measurement it measures the **floor**: the same number of row inserts and the same point
//! reads done directly on the same database with the same pool and durability settings
//! (`mayak_store::bench_floor`), so every figure is also a ratio to what the storage does on
//! the same machine at the same moment. It samples the servers' resident memory while they
//! work. Afterwards it stops the servers, verifies the audit trail as one chain and checks that
//! every case and consultation a server acknowledged is in the database.
//!
//! With `--instances N` (PostgreSQL only) the clients go round-robin over N servers, each
//! figure is measured on one server and on all N, and a session signed in on the first server
//! is used and ended on the others.

use crate::config::{DbArgs, DbConfig, FileConfig};
use crate::say;
use mayak_domain::{Clock, Random, SplitMix64, token};
use mayak_store::bench_data::{self, Contents};
use mayak_store::bench_floor::{self, Written};
use mayak_store::{Store, audit, auth as store_auth, demo};
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A kind of request the benchmark makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// Register a person and open a case: validation, encryption, blind index, audit, event.
    Create,
    /// Open a case with the person's identity: decryption and the audited read.
    Open,
    /// A page of the case list, with and without filters.
    List,
    /// Log a hotline consultation (sealed question and answer, audit).
    Consult,
    /// A statistics dashboard page (counts with disclosure control, SVG charts).
    Dashboard,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Create => "create case",
            Op::Open => "open case",
            Op::List => "list cases",
            Op::Consult => "log consultation",
            Op::Dashboard => "dashboard",
        }
    }
}

/// Options of `mayak bench run`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Numbers of concurrent clients, each measured in turn
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "1,8,64",
        value_name = "N,N,…"
    )]
    pub clients: Vec<usize>,
    /// Seconds each measurement lasts (after one second of warm-up)
    #[arg(long, default_value_t = 10, value_name = "S")]
    pub seconds: u64,
    /// Servers to start against the database, the clients going round-robin (PostgreSQL only)
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub instances: usize,
    /// Requests to measure
    #[arg(
        long,
        value_delimiter = ',',
        value_enum,
        default_value = "create,open,list,consult,dashboard"
    )]
    pub ops: Vec<Op>,
    /// Also write the results as JSON to this file
    #[arg(long, value_name = "FILE.json")]
    pub json: Option<PathBuf>,
    /// Seed of the fictional request contents
    #[arg(long, default_value_t = 7, value_name = "S")]
    pub seed: u64,
    /// Run even though the database holds data that is not the demo's (the benchmark adds
    /// fictional cases and consultations to it)
    #[arg(long)]
    pub into_non_demo_database: bool,
}

/// One measurement: a kind of request at one concurrency on some servers.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The request.
    pub op: Op,
    /// Concurrent clients.
    pub clients: usize,
    /// Servers the clients went to.
    pub instances: usize,
    /// Requests answered with success.
    pub ok: u64,
    /// Requests answered otherwise (or not at all).
    pub errors: u64,
    /// Successful requests per second.
    pub per_second: f64,
    /// Median latency, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, milliseconds.
    pub p99_ms: f64,
    /// The floor's operations per second in the same run, where the request has one.
    pub floor_per_second: Option<f64>,
    /// The largest resident memory of one server during the measurement, MiB.
    pub peak_rss_mib: f64,
    /// The first error seen, for the operator.
    pub first_error: Option<String>,
    /// Latencies per variant of the request (each filter of the case list, each dashboard),
    /// where the request has variants.
    pub variants: Vec<Variant>,
    /// CPU time per successful request during the measurement.
    pub cpu_ms: CpuPerOp,
    /// CPU time per operation of the floor, where the request has one.
    pub floor_cpu_ms: Option<CpuPerOp>,
}

/// CPU time (user and system) per operation, milliseconds, by who spent it.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CpuPerOp {
    /// The `mayak serve` processes (with SQLite, the database's work is here too).
    pub servers: f64,
    /// The PostgreSQL server's processes (zero on SQLite).
    pub database: f64,
    /// This process: the load generator's clients, or the floor's direct statements.
    pub bench: f64,
}

/// CPU seconds spent so far, by who spent them.
#[derive(Debug, Clone, Copy, Default)]
struct Cpu {
    servers: f64,
    database: f64,
    bench: f64,
}

impl Cpu {
    /// `postgres`: count the PostgreSQL server's processes (on SQLite the database's work is
    /// the servers' own, and a PostgreSQL server on the machine is not this run's).
    fn now(server_pids: &[u32], postgres: bool) -> Cpu {
        Cpu {
            servers: server_pids.iter().filter_map(|p| cpu_seconds(*p)).sum(),
            database: if postgres {
                postgres_cpu_seconds()
            } else {
                0.0
            },
            bench: cpu_seconds(std::process::id()).unwrap_or(0.0),
        }
    }

    /// The CPU spent since `before`, per operation of `ops`.
    fn per_op(self, before: Cpu, ops: u64) -> CpuPerOp {
        let per = |a: f64, b: f64| {
            if ops == 0 {
                0.0
            } else {
                round((a - b).max(0.0) * 1000.0 / ops as f64, 3)
            }
        };
        CpuPerOp {
            servers: per(self.servers, before.servers),
            database: per(self.database, before.database),
            bench: per(self.bench, before.bench),
        }
    }
}

/// Clock ticks per second of `/proc/<pid>/stat` (`USER_HZ`, which Linux fixes at 100 for
/// every architecture's user-space interface).
const USER_HZ: f64 = 100.0;

/// User and system CPU seconds of process `pid`, its ended threads included.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses; the fields follow the last ')'.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After ')' come state (field 3) …; utime and stime are fields 14 and 15.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / USER_HZ)
}

/// CPU seconds of every process named `postgres` on this machine (the database server, its
/// backends and background workers); zero where there is none or `/proc` cannot be read.
fn postgres_cpu_seconds() -> f64 {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|c| c.trim_end() == "postgres")
        })
        .filter_map(cpu_seconds)
        .sum()
}

/// The latencies of one variant of a request within a measurement.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// What the variant asks for: the list's query string or the dashboard's name.
    pub name: &'static str,
    /// Requests answered with success.
    pub ok: u64,
    /// Median latency, milliseconds.
    pub p50_ms: f64,
    /// 99th percentile latency, milliseconds.
    pub p99_ms: f64,
}

/// What a run found.
#[derive(Debug, Serialize)]
pub struct Report {
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// Cases in the database when the run started.
    pub cases: i64,
    /// Servers started.
    pub instances: usize,
    /// Seconds per measurement.
    pub seconds: u64,
    /// Rows one request of each kind writes, as counted, and the tables that grew.
    pub rows_written: BTreeMap<String, (i64, Vec<String>)>,
    /// Every measurement.
    pub figures: Vec<Figure>,
    /// The servers' peak resident memory over the whole run (VmHWM), MiB, per server.
    pub peak_rss_mib: Vec<f64>,
    /// Acknowledged cases, and how many of them are in the database.
    pub cases_acknowledged: (usize, usize),
    /// Acknowledged consultations, and how many of them are in the database.
    pub consultations_acknowledged: (usize, usize),
    /// The audit trail's verdict.
    pub audit: String,
    /// The session check across servers, when there are several.
    pub sessions: Option<String>,
    /// Each dashboard's first request on a fresh server, counted from the database rather
    /// than from the server's kept counts (`--dashboard-max-age`), milliseconds.
    pub dashboards_first_ms: Vec<(String, f64)>,
}

const REGIONS: &[&str] = &[
    "BY-HM", "BY-MI", "BY-BR", "BY-HO", "BY-HR", "BY-MA", "BY-VI",
];
const EXPLOITATION: &[&str] = &["ForcedLabour", "SexualExploitation", "ForcedCriminality"];
const COUNTRIES: &[&str] = &["RU", "PL", "LT", "DE", "TR", "AE", "CN"];
const LIST_QUERIES: &[&str] = &[
    "",
    "?status=Active",
    "?region=BY-HM",
    "?exploitation_type=ForcedLabour&region=BY-MI",
    "?registered_from=2024-01-01&registered_until=2024-12-31",
];
const DASHBOARDS: &[&str] = &["hotline", "identification", "assistance", "referrals"];
/// The floor rows' payload: about the size of a sealed identity.
const FLOOR_PAYLOAD_BYTES: usize = 400;

/// Runs `mayak bench run`.
pub async fn run(
    a: RunArgs,
    file: &FileConfig,
    clock: &dyn Clock,
    rng: &dyn Random,
) -> Result<(), String> {
    check_args(&a)?;
    let db = a.db.resolve(file)?;
    if a.instances > 1 && db.database_url.is_none() {
        return Err(
            "--instances above 1 needs PostgreSQL (--database-url postgres://…): \
                    several servers share one database only there"
                .to_owned(),
        );
    }
    let store = crate::open(&db, clock).await?;
    let result = bench(&a, &db, &store, clock, rng).await;
    store.close().await;
    let report = result?;
    say!("{}", markdown(&report));
    if let Some(path) = &a.json {
        let json = serde_json::to_vec_pretty(&report).map_err(|e| e.to_string())?;
        std::fs::write(path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    verdict(&report)
}

fn check_args(a: &RunArgs) -> Result<(), String> {
    if a.clients.is_empty() || a.clients.iter().any(|c| !(1..=1024).contains(c)) {
        return Err("--clients must be numbers from 1 to 1024, e.g. 1,8,64".to_owned());
    }
    if !(1..=3600).contains(&a.seconds) {
        return Err("--seconds must be from 1 to 3600".to_owned());
    }
    if !(1..=16).contains(&a.instances) {
        return Err("--instances must be from 1 to 16".to_owned());
    }
    if a.ops.is_empty() {
        return Err(
            "--ops needs at least one of create, open, list, consult, dashboard".to_owned(),
        );
    }
    Ok(())
}

/// Fails the command when a write was lost or the audit trail broke.
fn verdict(r: &Report) -> Result<(), String> {
    let mut problems = Vec::new();
    if r.cases_acknowledged.0 != r.cases_acknowledged.1 {
        problems.push(format!(
            "{} acknowledged cases are missing",
            r.cases_acknowledged.0 - r.cases_acknowledged.1
        ));
    }
    if r.consultations_acknowledged.0 != r.consultations_acknowledged.1 {
        problems.push(format!(
            "{} acknowledged consultations are missing",
            r.consultations_acknowledged.0 - r.consultations_acknowledged.1
        ));
    }
    if !r.audit.starts_with("intact") {
        problems.push(format!("the audit trail is not intact: {}", r.audit));
    }
    if let Some(s) = &r.sessions
        && !s.starts_with("ok")
    {
        problems.push(format!("sessions across servers: {s}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// The users the requests are made as, each with a token issued for the run.
struct Callers {
    /// The national organisation's supervisor: creates, opens and lists cases.
    cases: Caller,
    /// A hotline consultant.
    hotline: Caller,
    /// An analyst: dashboards.
    analyst: Caller,
}

struct Caller {
    token_id: i64,
    bearer: String,
    organisation_id: i64,
}

async fn issue(
    store: &Store,
    login: &str,
    rng: &dyn Random,
    now: time::OffsetDateTime,
) -> Result<Caller, String> {
    let account = store_auth::account_by_login(store, login)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!("the database has no demo user {login:?}; make it with `mayak bench generate`")
        })?;
    let secret = token::generate(rng, "mayak_");
    let id = store_auth::insert_token(
        store,
        &token::digest(&secret),
        account.user.id,
        "mayak bench run",
        now,
        now + time::Duration::days(1),
    )
    .await
    .map_err(|e| e.to_string())?;
    audit::record(
        store,
        &crate::admin::operator_event("token.issue", "api_token", id),
        now,
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(Caller {
        token_id: id,
        bearer: format!("Bearer {secret}"),
        organisation_id: account.user.organisation_id,
    })
}

async fn bench(
    a: &RunArgs,
    db: &DbConfig,
    store: &Store,
    clock: &dyn Clock,
    rng: &dyn Random,
) -> Result<Report, String> {
    match bench_data::contents(store)
        .await
        .map_err(|e| e.to_string())?
    {
        Contents::Demo => {}
        Contents::Other if a.into_non_demo_database => {}
        Contents::Empty => {
            return Err(
                "the database is empty: fill it first with `mayak bench generate --cases N`"
                    .to_owned(),
            );
        }
        Contents::Other => {
            return Err(
                "this database holds data that is not the demo's (possibly real cases); \
                 bench run adds fictional cases only to a demo or benchmark database. \
                 Use one made by `mayak bench generate`, or pass --into-non-demo-database."
                    .to_owned(),
            );
        }
    }
    let now = clock.now();
    let callers = Callers {
        cases: issue(store, "supervisor", rng, now).await?,
        hotline: issue(store, "hotline", rng, now).await?,
        analyst: issue(store, "analyst", rng, now).await?,
    };
    let outcome = measure(a, db, store, &callers).await;
    for c in [&callers.cases, &callers.hotline, &callers.analyst] {
        let _ = store_auth::revoke_token(store, c.token_id, clock.now()).await;
        let _ = audit::record(
            store,
            &crate::admin::operator_event("token.revoke", "api_token", c.token_id),
            clock.now(),
        )
        .await;
    }
    let _ = bench_floor::finish(store).await;
    outcome
}

async fn measure(
    a: &RunArgs,
    db: &DbConfig,
    store: &Store,
    callers: &Callers,
) -> Result<Report, String> {
    let cases_at_start = count_cases(store).await?;
    let open_ids = bench_floor::led_cases(store, callers.cases.organisation_id, 50_000)
        .await
        .map_err(|e| e.to_string())?;
    if open_ids.is_empty() {
        return Err(
            "the supervisor's organisation leads no cases; run `mayak bench generate` first"
                .to_owned(),
        );
    }
    bench_floor::prepare(store)
        .await
        .map_err(|e| e.to_string())?;

    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| format!("cannot make the HTTP client: {e}"))?;
    let servers = Servers::start(db, a.instances).await?;
    let result = async {
        let shared = Arc::new(Shared {
            http: http.clone(),
            urls: servers.urls(),
            next: AtomicUsize::new(0),
            cases_bearer: callers.cases.bearer.clone(),
            hotline_bearer: callers.hotline.bearer.clone(),
            analyst_bearer: callers.analyst.bearer.clone(),
            open_ids,
            seed: a.seed,
            acked_cases: std::sync::Mutex::new(Vec::new()),
            acked_consultations: std::sync::Mutex::new(Vec::new()),
        });
        let sessions = if a.instances > 1 {
            Some(check_sessions(&shared).await)
        } else {
            None
        };
        let dashboards_first_ms = if a.ops.contains(&Op::Dashboard) {
            first_dashboards(&shared).await?
        } else {
            Vec::new()
        };
        let mut rows_written = BTreeMap::new();
        for op in [Op::Create, Op::Open, Op::Consult] {
            if a.ops.contains(&op) {
                let before = bench_floor::row_counts(store)
                    .await
                    .map_err(|e| e.to_string())?;
                request(&shared, op, 0, 0, &shared.urls[0])
                    .await
                    .map_err(|e| format!("the first {} request failed: {e}", op.name()))?;
                let after = bench_floor::row_counts(store)
                    .await
                    .map_err(|e| e.to_string())?;
                rows_written.insert(
                    op.name().to_owned(),
                    bench_floor::rows_added(&before, &after),
                );
            }
        }
        let mut figures = Vec::new();
        let instance_sets: Vec<usize> = if a.instances > 1 {
            vec![1, a.instances]
        } else {
            vec![1]
        };
        for &op in &a.ops {
            for &clients in &a.clients {
                for &n in &instance_sets {
                    note(&format!(
                        "{} with {clients} client(s) on {n} server(s): {} s",
                        op.name(),
                        a.seconds
                    ));
                    let mut figure = load(&shared, &servers, op, clients, n, a.seconds).await;
                    let rows = rows_written.get(op.name()).map_or(0, |r| r.0);
                    if n == 1 && matches!(op, Op::Create | Op::Open | Op::Consult) {
                        let (per_second, cpu) = floor(
                            store,
                            op,
                            rows,
                            clients,
                            a.seconds,
                            &shared.open_ids,
                            &servers.pids(),
                        )
                        .await?;
                        figure.floor_per_second = Some(per_second);
                        figure.floor_cpu_ms = Some(cpu);
                    }
                    figures.push(figure);
                }
            }
        }
        // Floors belong to the one-server row; the N-server row is compared with it.
        Ok::<_, String>((figures, rows_written, sessions, shared, dashboards_first_ms))
    }
    .await;
    let peak = servers.peak_rss();
    servers.stop().await;
    let (mut figures, rows_written, sessions, shared, dashboards_first_ms) = result?;
    for f in figures.iter_mut() {
        f.per_second = round(f.per_second, 1);
    }

    note("verifying the audit trail and the acknowledged writes");
    let verdict = audit::verify(store, &[], None, |_| {})
        .await
        .map_err(|e| e.to_string())?;
    let audit = match verdict {
        audit::Verdict::Intact { entries, .. } => format!("intact, {entries} entries"),
        other => format!("{other:?}"),
    };
    let cases = shared
        .acked_cases
        .lock()
        .map(|v| v.clone())
        .unwrap_or_default();
    let consultations = shared
        .acked_consultations
        .lock()
        .map(|v| v.clone())
        .unwrap_or_default();
    let cases_present = bench_floor::count_present(store, Written::Case, &cases)
        .await
        .map_err(|e| e.to_string())?;
    let consultations_present =
        bench_floor::count_present(store, Written::Consultation, &consultations)
            .await
            .map_err(|e| e.to_string())?;
    Ok(Report {
        backend: match store.backend() {
            mayak_store::db::Backend::Sqlite => "sqlite".to_owned(),
            mayak_store::db::Backend::Postgres => "postgres".to_owned(),
        },
        cases: cases_at_start,
        instances: a.instances,
        seconds: a.seconds,
        rows_written,
        figures,
        peak_rss_mib: peak,
        cases_acknowledged: (cases.len(), cases_present),
        consultations_acknowledged: (consultations.len(), consultations_present),
        audit,
        sessions,
        dashboards_first_ms,
    })
}

async fn count_cases(store: &Store) -> Result<i64, String> {
    let counts = bench_floor::row_counts(store)
        .await
        .map_err(|e| e.to_string())?;
    Ok(counts.get("case_file").copied().unwrap_or(0))
}

/// What every client task shares.
struct Shared {
    http: reqwest::Client,
    urls: Vec<String>,
    next: AtomicUsize,
    cases_bearer: String,
    hotline_bearer: String,
    analyst_bearer: String,
    open_ids: Vec<i64>,
    seed: u64,
    acked_cases: std::sync::Mutex<Vec<i64>>,
    acked_consultations: std::sync::Mutex<Vec<i64>>,
}

/// One measurement of `op` with `clients` tasks on the first `instances` servers.
async fn load(
    shared: &Arc<Shared>,
    servers: &Servers,
    op: Op,
    clients: usize,
    instances: usize,
    seconds: u64,
) -> Figure {
    // Warm-up: one second not counted.
    let _ = drive(shared, op, clients, instances, Duration::from_secs(1)).await;
    servers.reset_sample();
    let sampler = servers.sampler();
    let pids = servers.pids();
    let postgres = servers.postgres;
    let cpu_before = Cpu::now(&pids, postgres);
    let started = Instant::now();
    let (timed, errors, first_error) =
        drive(shared, op, clients, instances, Duration::from_secs(seconds)).await;
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_ms = Cpu::now(&pids, postgres).per_op(cpu_before, timed.len() as u64);
    let peak = sampler.stop().await;
    let mut latencies: Vec<u32> = timed.iter().map(|t| t.1).collect();
    latencies.sort_unstable();
    let variants = variants(op, &timed);
    let ok = latencies.len() as u64;
    Figure {
        op,
        clients,
        instances,
        ok,
        errors,
        per_second: ok as f64 / elapsed,
        p50_ms: round(percentile(&latencies, 0.50), 2),
        p99_ms: round(percentile(&latencies, 0.99), 2),
        floor_per_second: None,
        peak_rss_mib: round(peak, 1),
        first_error,
        variants,
        cpu_ms,
        floor_cpu_ms: None,
    }
}

/// The latency distribution of each variant seen, in the order the variants are listed; none
/// for a request with a single form.
fn variants(op: Op, timed: &[(&'static str, u32)]) -> Vec<Variant> {
    if !matches!(op, Op::List | Op::Dashboard) {
        return Vec::new();
    }
    let mut by: BTreeMap<&'static str, Vec<u32>> = BTreeMap::new();
    for &(name, micros) in timed {
        by.entry(name).or_default().push(micros);
    }
    let order = |name: &str| {
        LIST_QUERIES
            .iter()
            .chain(DASHBOARDS)
            .position(|v| *v == name)
            .unwrap_or(usize::MAX)
    };
    let mut out: Vec<Variant> = by
        .into_iter()
        .map(|(name, mut lat)| {
            lat.sort_unstable();
            Variant {
                name,
                ok: lat.len() as u64,
                p50_ms: round(percentile(&lat, 0.50), 2),
                p99_ms: round(percentile(&lat, 0.99), 2),
            }
        })
        .collect();
    out.sort_by_key(|v| order(v.name));
    out
}

/// A progress line for the operator on stderr (stdout carries the report).
fn note(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn percentile(sorted_micros: &[u32], q: f64) -> f64 {
    if sorted_micros.is_empty() {
        return 0.0;
    }
    let i = ((sorted_micros.len() as f64 - 1.0) * q).round() as usize;
    f64::from(sorted_micros[i.min(sorted_micros.len() - 1)]) / 1000.0
}

fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// Runs `clients` tasks making `op` requests until `length` has passed; returns the variant and
/// latency (µs) of the successful ones, the number of failures and the first failure.
async fn drive(
    shared: &Arc<Shared>,
    op: Op,
    clients: usize,
    instances: usize,
    length: Duration,
) -> (Vec<(&'static str, u32)>, u64, Option<String>) {
    let deadline = Instant::now() + length;
    let mut tasks = Vec::with_capacity(clients);
    for client in 0..clients {
        let shared = Arc::clone(shared);
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            let mut first = None;
            let mut n = 0u64;
            while Instant::now() < deadline {
                let i = shared.next.fetch_add(1, Ordering::Relaxed) % instances;
                let url = shared.urls[i].clone();
                let t = Instant::now();
                match request(&shared, op, client, n, &url).await {
                    Ok(variant) => lat.push((
                        variant,
                        u32::try_from(t.elapsed().as_micros()).unwrap_or(u32::MAX),
                    )),
                    Err(e) => {
                        errors += 1;
                        first.get_or_insert(e);
                    }
                }
                n += 1;
            }
            (lat, errors, first)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    let mut first = None;
    for t in tasks {
        match t.await {
            Ok((lat, e, f)) => {
                all.extend(lat);
                errors += e;
                if first.is_none() {
                    first = f;
                }
            }
            Err(e) => {
                errors += 1;
                first.get_or_insert(format!("a client task failed: {e}"));
            }
        }
    }
    (all, errors, first)
}

/// One request; `client` and `n` make its fictional content differ from every other's. Answers
/// the variant asked for: the list's query or the dashboard, empty for the other requests.
async fn request(
    shared: &Shared,
    op: Op,
    client: usize,
    n: u64,
    base: &str,
) -> Result<&'static str, String> {
    let r = SplitMix64::new(
        shared
            .seed
            .wrapping_mul(1_000_003)
            .wrapping_add((client as u64) << 40)
            .wrapping_add(n),
    );
    let pick =
        |items: &[&'static str]| -> &'static str { r.pick(items).copied().unwrap_or_default() };
    let http = &shared.http;
    let mut variant = "";
    let (req, acked) = match op {
        Op::Create => {
            let female = r.below(10) < 7;
            let id = demo::fictional_identity(&r, female);
            let body = serde_json::json!({
                "region": pick(REGIONS),
                "sex": if female { "Female" } else { "Male" },
                "exploitation_type": pick(EXPLOITATION),
                "country_of_exploitation": pick(COUNTRIES),
                "person": {
                    "family_name": id.family_name,
                    "given_names": id.given_names,
                    "patronymic": id.patronymic,
                    "birth_date": id.birth_date.map(|d| d.to_string()),
                    "citizenships": ["BY"],
                    "documents": [{"doc_type": "Passport", "number": format!("BN{:07}", r.below(10_000_000))}],
                    "phones": [format!("+375 29 {:03}-{:02}-{:02}", r.below(1000), r.below(100), r.below(100))],
                },
            });
            (
                http.post(format!("{base}/api/v1/cases"))
                    .header("Authorization", &shared.cases_bearer)
                    .json(&body),
                Some(&shared.acked_cases),
            )
        }
        Op::Open => {
            let i = r.below(shared.open_ids.len() as u64) as usize;
            let id = shared.open_ids.get(i).copied().unwrap_or_default();
            (
                http.get(format!("{base}/api/v1/cases/{id}"))
                    .header("Authorization", &shared.cases_bearer),
                None,
            )
        }
        Op::List => {
            variant = pick(LIST_QUERIES);
            (
                http.get(format!("{base}/api/v1/cases{variant}"))
                    .header("Authorization", &shared.cases_bearer),
                None,
            )
        }
        Op::Consult => {
            let body = serde_json::json!({
                "channel": pick(&["ShortNumber", "NationalLine", "Viber"]),
                "duration_minutes": 3 + r.below(20),
                "topics": [pick(&["EmploymentAbroad", "WorkContract", "StudyAbroad"])],
                "destination": pick(COUNTRIES),
                "sex": pick(&["Female", "Male"]),
                "region": pick(REGIONS),
                "caller_type": "Self",
                "question": "Предлагают работу за границей без договора: как проверить работодателя?",
                "answer": "Рассказали, как проверить лицензию агентства и что должен содержать договор.",
                "outcome": "InformationGiven",
            });
            (
                http.post(format!("{base}/api/v1/hotline/consultations"))
                    .header("Authorization", &shared.hotline_bearer)
                    .json(&body),
                Some(&shared.acked_consultations),
            )
        }
        Op::Dashboard => {
            variant = pick(DASHBOARDS);
            (
                http.get(format!("{base}/statistics/{variant}"))
                    .header("Authorization", &shared.analyst_bearer),
                None,
            )
        }
    };
    let body = send(req).await?;
    if let Some(list) = acked {
        let v: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| format!("the answer is not JSON: {e}"))?;
        let id = v
            .get("id")
            .and_then(serde_json::Value::as_i64)
            .ok_or("the answer has no id")?;
        if let Ok(mut l) = list.lock() {
            l.push(id);
        }
    }
    Ok(variant)
}

/// Sends `req` and reads the whole answer; any status but success is an error with the
/// start of the answer's text.
async fn send(req: reqwest::RequestBuilder) -> Result<Vec<u8>, String> {
    let res = req.send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = res.status();
    let body = res
        .bytes()
        .await
        .map_err(|e| format!("the answer broke off: {e}"))?;
    if !status.is_success() {
        let text = String::from_utf8_lossy(&body);
        return Err(format!(
            "{status}: {}",
            text.chars().take(300).collect::<String>()
        ));
    }
    Ok(body.to_vec())
}

/// Each dashboard once on the first server, before anything else asked for it: the time of
/// counting from the database, which later requests within `--dashboard-max-age` skip.
async fn first_dashboards(shared: &Shared) -> Result<Vec<(String, f64)>, String> {
    let mut out = Vec::new();
    for name in DASHBOARDS {
        let t = Instant::now();
        let req = shared
            .http
            .get(format!("{}/statistics/{name}", shared.urls[0]))
            .header("Authorization", &shared.analyst_bearer);
        send(req)
            .await
            .map_err(|e| format!("the {name} dashboard: {e}"))?;
        out.push((
            (*name).to_owned(),
            round(t.elapsed().as_secs_f64() * 1000.0, 1),
        ));
    }
    Ok(out)
}

/// The floor of `op`: the point reads and row inserts its request makes, done directly.
async fn floor(
    store: &Store,
    op: Op,
    rows: i64,
    clients: usize,
    seconds: u64,
    ids: &[i64],
    server_pids: &[u32],
) -> Result<(f64, CpuPerOp), String> {
    let payload: String = "x".repeat(FLOOR_PAYLOAD_BYTES);
    let postgres = store.backend() == mayak_store::db::Backend::Postgres;
    let cpu_before = Cpu::now(server_pids, postgres);
    let rows = usize::try_from(rows).unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(clients);
    for client in 0..clients {
        let store = store.clone();
        let payload = payload.clone();
        let ids: Vec<i64> = ids.to_vec();
        tasks.push(tokio::spawn(async move {
            let r = SplitMix64::new(client as u64 + 1);
            let mut done = 0u64;
            while Instant::now() < deadline {
                if op == Op::Open {
                    let i = r.below(ids.len() as u64) as usize;
                    bench_floor::read(&store, ids.get(i).copied().unwrap_or_default()).await?;
                }
                if rows > 0 {
                    bench_floor::write(&store, rows, client as i64, &payload).await?;
                }
                done += 1;
            }
            Ok::<u64, mayak_store::StoreError>(done)
        }));
    }
    let mut total = 0u64;
    for t in tasks {
        total += t
            .await
            .map_err(|e| format!("a floor task failed: {e}"))?
            .map_err(|e| format!("the floor failed: {e}"))?;
    }
    let per_second = total as f64 / started.elapsed().as_secs_f64();
    Ok((
        per_second,
        Cpu::now(server_pids, postgres).per_op(cpu_before, total),
    ))
}

/// Signs in on the first server and uses the session on every other one, then ends it on the
/// last and checks the first no longer accepts it.
async fn check_sessions(shared: &Shared) -> String {
    match sessions(shared).await {
        Ok(()) => format!(
            "ok: a session signed in on server 1 worked on all {} servers and ended everywhere when ended on the last",
            shared.urls.len()
        ),
        Err(e) => e,
    }
}

async fn sessions(shared: &Shared) -> Result<(), String> {
    let password = std::env::var("MAYAK_DEMO_PASSWORD").map_err(|_| {
        "set MAYAK_DEMO_PASSWORD (the demo users' password) so the session check can sign in"
            .to_owned()
    })?;
    let first = &shared.urls[0];
    let res = shared
        .http
        .post(format!("{first}/api/v1/auth/login"))
        .json(&serde_json::json!({"login": "analyst", "password": password}))
        .send()
        .await
        .map_err(|e| format!("sign-in: {e}"))?;
    if !res.status().is_success() {
        return Err(format!("sign-in on server 1 answered {}", res.status()));
    }
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    let v: serde_json::Value = res.json().await.map_err(|e| format!("sign-in: {e}"))?;
    let csrf = v
        .get("csrf_token")
        .and_then(|t| t.as_str())
        .unwrap_or_default()
        .to_owned();
    for (i, url) in shared.urls.iter().enumerate() {
        let s = shared
            .http
            .get(format!("{url}/api/v1/me"))
            .header("Cookie", &cookie)
            .send()
            .await
            .map_err(|e| format!("server {}: {e}", i + 1))?
            .status();
        if !s.is_success() {
            return Err(format!(
                "the session from server 1 was refused by server {} ({s})",
                i + 1
            ));
        }
    }
    let last = shared.urls.last().unwrap_or(first);
    let s = shared
        .http
        .post(format!("{last}/api/v1/auth/logout"))
        .header("Cookie", &cookie)
        .header("X-CSRF-Token", &csrf)
        .send()
        .await
        .map_err(|e| format!("sign-out: {e}"))?
        .status();
    if !s.is_success() {
        return Err(format!(
            "sign-out on server {} answered {s}",
            shared.urls.len()
        ));
    }
    let s = shared
        .http
        .get(format!("{first}/api/v1/me"))
        .header("Cookie", &cookie)
        .send()
        .await
        .map_err(|e| format!("server 1: {e}"))?
        .status();
    if s != reqwest::StatusCode::UNAUTHORIZED {
        return Err(format!(
            "server 1 still accepted the session ended on the last server ({s})"
        ));
    }
    Ok(())
}

/// The `mayak serve` processes of a run.
struct Servers {
    children: Vec<(Child, SocketAddr)>,
    /// The servers use PostgreSQL.
    postgres: bool,
    logs: PathBuf,
    peak: Arc<std::sync::Mutex<Vec<f64>>>,
}

impl Servers {
    async fn start(db: &DbConfig, n: usize) -> Result<Self, String> {
        let exe =
            std::env::current_exe().map_err(|e| format!("cannot find the mayak binary: {e}"))?;
        let logs = std::env::temp_dir().join(format!("mayak-bench-{}", std::process::id()));
        std::fs::create_dir_all(&logs)
            .map_err(|e| format!("cannot make {}: {e}", logs.display()))?;
        let mut servers = Servers {
            children: Vec::new(),
            postgres: db
                .database_url
                .as_deref()
                .is_some_and(|u| u.starts_with("postgres")),
            logs,
            peak: Arc::new(std::sync::Mutex::new(vec![0.0; n])),
        };
        for i in 0..n {
            let addr = free_port()?;
            let log = servers.logs.join(format!("server-{}.log", i + 1));
            let out = std::fs::File::create(&log)
                .map_err(|e| format!("cannot write {}: {e}", log.display()))?;
            let err = out.try_clone().map_err(|e| e.to_string())?;
            let mut cmd = Command::new(&exe);
            cmd.arg("serve")
                .arg("--listen")
                .arg(addr.to_string())
                .arg("--instance")
                .arg(format!("bench-{}", i + 1))
                .arg("--insecure-cookies")
                .env("MAYAK_DATA_DIR", &db.data_dir)
                .env("MAYAK_KEK_FILE", &db.kek_file)
                .env("MAYAK_DEMO", "false")
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err);
            match &db.database_url {
                Some(url) => cmd.env("MAYAK_DATABASE_URL", url),
                None => cmd.env_remove("MAYAK_DATABASE_URL"),
            };
            let child = cmd
                .spawn()
                .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
            servers.children.push((child, addr));
        }
        for i in 0..n {
            servers.wait_ready(i).await?;
        }
        Ok(servers)
    }

    async fn wait_ready(&mut self, i: usize) -> Result<(), String> {
        let client = reqwest::Client::new();
        let started = Instant::now();
        let (child, addr) = &mut self.children[i];
        let url = format!("http://{addr}/readyz");
        let log = self.logs.join(format!("server-{}.log", i + 1));
        while started.elapsed() < Duration::from_secs(120) {
            if let Ok(Some(status)) = child.try_wait() {
                let tail = std::fs::read_to_string(&log).unwrap_or_default();
                return Err(format!(
                    "server {} stopped ({status}): {}",
                    i + 1,
                    tail.trim()
                ));
            }
            if let Ok(r) = client.get(&url).send().await
                && r.status().is_success()
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!(
            "server {} did not get ready in 120 s; see {}",
            i + 1,
            log.display()
        ))
    }

    fn urls(&self) -> Vec<String> {
        self.children
            .iter()
            .map(|(_, a)| format!("http://{a}"))
            .collect()
    }

    fn reset_sample(&self) {
        if let Ok(mut p) = self.peak.lock() {
            p.iter_mut().for_each(|v| *v = 0.0);
        }
    }

    /// Samples every server's resident memory every 100 ms until stopped.
    fn pids(&self) -> Vec<u32> {
        self.children.iter().map(|(c, _)| c.id()).collect()
    }

    fn sampler(&self) -> Sampler {
        let pids = self.pids();
        let peak = Arc::clone(&self.peak);
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            loop {
                for (i, pid) in pids.iter().enumerate() {
                    if let Some(mib) = status_mib(*pid, "VmRSS:")
                        && let Ok(mut p) = peak.lock()
                        && mib > p[i]
                    {
                        p[i] = mib;
                    }
                }
                tokio::select! {
                    _ = &mut stopped => break,
                    _ = tokio::time::sleep(Duration::from_millis(100)) => {}
                }
            }
            peak.lock()
                .map(|p| p.iter().copied().fold(0.0, f64::max))
                .unwrap_or(0.0)
        });
        Sampler { stop, task }
    }

    /// Each server's peak resident memory since it started (VmHWM).
    fn peak_rss(&self) -> Vec<f64> {
        self.children
            .iter()
            .map(|(c, _)| round(status_mib(c.id(), "VmHWM:").unwrap_or(0.0), 1))
            .collect()
    }

    /// Stops every server with SIGTERM (a clean shutdown), killing one that does not stop.
    async fn stop(mut self) {
        for (c, _) in &self.children {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(c.id().to_string())
                .status();
        }
        for (c, _) in self.children.iter_mut() {
            let started = Instant::now();
            loop {
                match c.try_wait() {
                    Ok(Some(_)) => break,
                    Ok(None) if started.elapsed() < Duration::from_secs(30) => {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    _ => {
                        let _ = c.kill();
                        let _ = c.wait();
                        break;
                    }
                }
            }
        }
        let _ = std::fs::remove_dir_all(&self.logs);
    }
}

struct Sampler {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<f64>,
}

impl Sampler {
    /// The largest resident memory of one server while sampling, MiB.
    async fn stop(self) -> f64 {
        let _ = self.stop.send(());
        self.task.await.unwrap_or(0.0)
    }
}

/// A `/proc/<pid>/status` field in kB, as MiB.
fn status_mib(pid: u32, field: &str) -> Option<f64> {
    let s =
        std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn free_port() -> Result<SocketAddr, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| format!("cannot find a free port: {e}"))?;
    l.local_addr().map_err(|e| e.to_string())
}

/// The report as the Markdown tables of docs/BENCHMARKS.md.
pub fn markdown(r: &Report) -> String {
    let mut s = format!(
        "Backend {}, {} cases at the start, {} server(s), {} s per measurement.\n\n",
        r.backend, r.cases, r.instances, r.seconds
    );
    s.push_str("Rows one request writes (counted in every table):\n\n");
    for (op, (n, tables)) in &r.rows_written {
        s.push_str(&format!("- {op}: {n} ({})\n", tables.join(", ")));
    }
    s.push_str(
        "\n| Request | Clients | Servers | Requests/s | p50 ms | p99 ms | Errors | Floor ops/s | Ratio to floor | Peak RSS MiB |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for f in &r.figures {
        let (floor, ratio) = match f.floor_per_second {
            Some(fl) if fl > 0.0 => (format!("{fl:.1}"), format!("{:.2}", f.per_second / fl)),
            _ => ("–".to_owned(), "–".to_owned()),
        };
        s.push_str(&format!(
            "| {} | {} | {} | {:.1} | {:.2} | {:.2} | {} | {floor} | {ratio} | {:.1} |\n",
            f.op.name(),
            f.clients,
            f.instances,
            f.per_second,
            f.p50_ms,
            f.p99_ms,
            f.errors,
            f.peak_rss_mib
        ));
    }
    let with_variants: Vec<&Figure> = r
        .figures
        .iter()
        .filter(|f| !f.variants.is_empty())
        .collect();
    if !with_variants.is_empty() {
        s.push_str(
            "\nBy variant (each filter of the case list, each dashboard):\n\n\
             | Request | Variant | Clients | Servers | Answered | p50 ms | p99 ms |\n\
             |---|---|---:|---:|---:|---:|---:|\n",
        );
        for f in with_variants {
            for v in &f.variants {
                let name = if v.name.is_empty() {
                    "no filter"
                } else {
                    v.name
                };
                s.push_str(&format!(
                    "| {} | `{name}` | {} | {} | {} | {:.2} | {:.2} |\n",
                    f.op.name(),
                    f.clients,
                    f.instances,
                    v.ok,
                    v.p50_ms,
                    v.p99_ms
                ));
            }
        }
    }
    s.push_str(
        "\nCPU per request, milliseconds (user + system, from /proc), and per operation of the \
         floor (this process and the database):\n\n\
         | Request | Clients | Servers | mayak serve | PostgreSQL | Load generator | Floor: direct | Floor: PostgreSQL |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for f in &r.figures {
        let (fb, fd) = f
            .floor_cpu_ms
            .map_or(("–".to_owned(), "–".to_owned()), |c| {
                (format!("{:.3}", c.bench), format!("{:.3}", c.database))
            });
        s.push_str(&format!(
            "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {fb} | {fd} |\n",
            f.op.name(),
            f.clients,
            f.instances,
            f.cpu_ms.servers,
            f.cpu_ms.database,
            f.cpu_ms.bench
        ));
    }
    for f in r.figures.iter().filter(|f| f.first_error.is_some()) {
        s.push_str(&format!(
            "\nFirst error of {} at {} clients: {}\n",
            f.op.name(),
            f.clients,
            f.first_error.as_deref().unwrap_or_default()
        ));
    }
    s.push_str(&format!(
        "\nPeak server memory over the run (VmHWM): {} MiB\n",
        r.peak_rss_mib
            .iter()
            .map(|m| format!("{m:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    s.push_str(&format!(
        "Acknowledged writes present: cases {} of {}, consultations {} of {}\n",
        r.cases_acknowledged.1,
        r.cases_acknowledged.0,
        r.consultations_acknowledged.1,
        r.consultations_acknowledged.0
    ));
    if !r.dashboards_first_ms.is_empty() {
        s.push_str(&format!(
            "First request of each dashboard on a fresh server (counted from the database): {}\n",
            r.dashboards_first_ms
                .iter()
                .map(|(n, ms)| format!("{n} {ms:.1} ms"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s.push_str(&format!("Audit trail: {}\n", r.audit));
    if let Some(x) = &r.sessions {
        s.push_str(&format!("Sessions across servers: {x}\n"));
    }
    s
}
