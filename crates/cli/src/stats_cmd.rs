//! `mayak aggregate`, `mayak synth`, `mayak compare`, `mayak export ctdc` and
//! `mayak bench ctdc-table`: the
//! statistics of `mayak-stats` on the database's case data (in the CTDC shape) or on any CSV
//! of categorical columns, so they compare with other tools on the same file.

use crate::config::{DbArgs, FileConfig};
use crate::say;
use mayak_domain::{Clock, Random, SplitMix64};
use mayak_stats::dp::{Budget, Mechanism};
use mayak_stats::marginals::Marginals;
use mayak_stats::sdc::{self, CellStatus};
use mayak_stats::synth::{self, SynthParams};
use mayak_stats::{Table, ctdc, utility};
use mayak_store::stats::{StatsCase, StatsSource};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where the records come from.
#[derive(Debug, Clone, clap::Args)]
pub struct SourceArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// A CSV file of categorical columns (a header line, then one record per line); without
    /// it, the database's case data in the CTDC shape
    #[arg(long, value_name = "FILE.csv")]
    pub input: Option<PathBuf>,
    /// Threads for counting
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub threads: usize,
}

/// The noise mechanism.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MechanismArg {
    /// Discrete Gaussian, (ε, δ) through zCDP
    Gaussian,
    /// Discrete Laplace, pure ε (δ = 0)
    Laplace,
}

/// `mayak aggregate` options.
#[derive(Debug, clap::Args)]
pub struct AggregateArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Where to write the marginal counts (CSV: length, combination, count, status)
    #[arg(long, value_name = "FILE.csv")]
    pub output: PathBuf,
    /// The reporting length: every combination of 1 to this many columns
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub length: usize,
    /// Cells under this many records are suppressed (or, with --epsilon, withheld)
    #[arg(long, default_value_t = 11, value_name = "N")]
    pub threshold: u32,
    /// Release noisy counts with this ε instead of exact counts with suppression
    #[arg(long, value_name = "EPSILON")]
    pub epsilon: Option<f64>,
    /// δ of the noisy release (Gaussian mechanism)
    #[arg(long, default_value_t = 1e-6, value_name = "DELTA")]
    pub delta: f64,
    /// Noise mechanism of the noisy release
    #[arg(long, value_enum, default_value = "gaussian")]
    pub mechanism: MechanismArg,
    /// Seed for the noise (reproducible runs; keep it secret like a key)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Attack every suppressed cell afterwards and fail if one can be recomputed (slow on
    /// large tables)
    #[arg(long)]
    pub verify: bool,
    /// Record the noisy release's ε and δ in the privacy budget ledger of the database's case
    /// data under this label, refusing it (nothing written) when the budget cannot pay
    #[arg(long, value_name = "NAME")]
    pub release: Option<String>,
}

/// `mayak synth` options.
#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Where to write the synthetic records (CSV, same columns)
    #[arg(long, value_name = "FILE.csv")]
    pub output: PathBuf,
    /// Where to write the utility report (JSON) [default: the output with .report.json]
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// ε of the synthesis
    #[arg(long, default_value_t = 4.0, value_name = "EPSILON")]
    pub epsilon: f64,
    /// δ of the synthesis
    #[arg(long, default_value_t = 1e-6, value_name = "DELTA")]
    pub delta: f64,
    /// The largest marginal measured (1 to 4); also the longest combination in the report
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub length: usize,
    /// How many records to make [default: the noisy number of real records]
    #[arg(long, value_name = "N")]
    pub records: Option<usize>,
    /// Combinations under this count are "rare" in the report
    #[arg(long, default_value_t = 11, value_name = "N")]
    pub threshold: u32,
    /// Seed (reproducible runs; keep it secret like a key)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Skip the utility report (it counts all combinations of both tables)
    #[arg(long)]
    pub no_report: bool,
    /// Record the synthesis's ε and δ in the privacy budget ledger of the database's case
    /// data under this label, refusing it (nothing written) when the budget cannot pay
    #[arg(long, value_name = "NAME")]
    pub release: Option<String>,
}

/// `mayak compare` options.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The real records (CSV of categorical columns)
    #[arg(long, value_name = "FILE.csv")]
    pub real: PathBuf,
    /// Synthetic records made from them by any tool (CSV with the same column names; extra
    /// columns are ignored)
    #[arg(long, value_name = "FILE.csv")]
    pub synthetic: PathBuf,
    /// The longest combination of columns compared (1 to 4)
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub length: usize,
    /// Real combinations under this count are "rare"
    #[arg(long, default_value_t = 11, value_name = "N")]
    pub threshold: u32,
    /// Where to write the utility report (JSON); without it only the summary is printed
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// Threads for counting
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub threads: usize,
}

/// `mayak export` options.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(subcommand)]
    pub command: ExportCommand,
}

/// The exports.
#[derive(Debug, clap::Subcommand)]
pub enum ExportCommand {
    /// The CTDC submission: one de-identified row per countable case, sorted, alpha-3 countries
    Ctdc {
        /// Where to write the CSV
        #[arg(long, value_name = "FILE.csv")]
        output: PathBuf,
        /// The data source named in the submission
        #[arg(long, default_value = "Case Management", value_name = "NAME")]
        datasource: String,
    },
}

/// `mayak bench` options.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub command: BenchCommand,
}

/// Benchmark helpers.
#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// Write a CTDC-shaped table of fictional records (27 categorical columns)
    CtdcTable {
        /// Number of records
        #[arg(long, default_value_t = 1_000_000, value_name = "N")]
        rows: usize,
        /// Seed of the generator
        #[arg(long, default_value_t = 1, value_name = "N")]
        seed: u64,
        /// Where to write the CSV
        #[arg(long, value_name = "FILE.csv")]
        output: PathBuf,
    },
    /// Fill the database with N realistic fictional cases and hotline consultations (sealed,
    /// audited) for load benchmarks; loads the demo first into an empty database
    Generate(crate::bench_cmd::GenerateArgs),
    /// Load benchmark: start servers on a generated database and measure throughput and
    /// p50/p99 latency of the main requests at 1, 8 and 64 clients beside the storage floor
    Run(crate::bench_run::RunArgs),
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Loads the records: the CSV given, or the database's countable cases in the CTDC shape.
async fn load(
    src: &SourceArgs,
    file: &FileConfig,
    clock: &dyn Clock,
) -> Result<(Table, String), String> {
    if let Some(path) = &src.input {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let t = Table::from_csv(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        let what = format!(
            "{} records of {} columns from {}",
            t.rows(),
            t.width(),
            path.display()
        );
        return Ok((t, what));
    }
    let (cases, source) = database_cases(&src.db, file, clock).await?;
    let t = ctdc::codebook_table(&cases).map_err(|e| e.to_string())?;
    let what = format!(
        "{} cases from the database in the CTDC shape ({} without consent to anonymised statistics and {} not confirmed as victims left out)",
        t.rows(),
        source.without_consent,
        source.not_confirmed
    );
    Ok((t, what))
}

async fn database_cases(
    db: &DbArgs,
    file: &FileConfig,
    clock: &dyn Clock,
) -> Result<(Vec<ctdc::CaseFacts>, StatsSource), String> {
    let cfg = db.resolve(file)?;
    let store = crate::open(&cfg, clock).await?;
    let result = async {
        let source = mayak_store::stats::source(&store)
            .await
            .map_err(|e| format!("cannot read the case data: {e}"))?;
        let alpha3 = mayak_store::stats::alpha3(&store)
            .await
            .map_err(|e| format!("cannot read the country list: {e}"))?;
        let facts = source
            .cases
            .iter()
            .map(|c| case_facts(c, &alpha3))
            .collect();
        Ok((facts, source))
    }
    .await;
    store.close().await;
    result
}

/// A stored case in the codebook's terms (alpha-3 countries).
pub fn case_facts(c: &StatsCase, alpha3: &HashMap<String, String>) -> ctdc::CaseFacts {
    let a3 = |x: &Option<String>| x.as_ref().and_then(|a2| alpha3.get(a2).cloned());
    ctdc::CaseFacts {
        year: c.year,
        sex: c.sex.clone(),
        age_band: c.age_band.clone(),
        citizenship: a3(&c.citizenship),
        country_of_exploitation: a3(&c.country_of_exploitation),
        months: c.months,
        exploitation: c.exploitation.clone(),
        labour: c.labour.clone(),
        sexual: c.sexual.clone(),
        means: c.means.clone(),
        recruiter: c.recruiter.clone(),
    }
}

fn randomness(seed: Option<u64>) -> Box<dyn Random> {
    match seed {
        Some(s) => {
            eprintln!(
                "mayak: note: a seed makes the noise reproducible; anyone who knows it can remove the noise, so keep it secret"
            );
            Box::new(SplitMix64::new(s))
        }
        None => Box::new(crate::OsRandom),
    }
}

/// Spends `cost` from the case data's budget in the ledger under `label`, before any noise is
/// drawn; refuses with what is left. Only for the database's data: a CSV file has no ledger.
async fn spend(
    src: &SourceArgs,
    file: &FileConfig,
    clock: &dyn Clock,
    label: &str,
    cost: mayak_store::publication::Cost,
) -> Result<(), String> {
    use mayak_store::publication::{self, Refusal, Spender};
    if src.input.is_some() {
        return Err(
            "--release records a spend of the database's case data; a CSV file given with --input has no budget ledger"
                .to_owned(),
        );
    }
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 120 || label.chars().any(char::is_control) {
        return Err("--release needs a name of 1 to 120 printable characters".to_owned());
    }
    let cfg = src.db.resolve(file)?;
    let store = crate::open(&cfg, clock).await?;
    let who = mayak_store::audit::AuditEvent {
        login: Some("operator (command line)".to_owned()),
        roles: "operator".to_owned(),
        outcome: "ok".to_owned(),
        instance: "cli".to_owned(),
        ..Default::default()
    };
    let by = Spender {
        user_id: None,
        name: "cli".to_owned(),
    };
    let outcome = publication::spend(&store, "cases", label, &[cost], &by, &who, clock.now()).await;
    store.close().await;
    match outcome.map_err(|e| format!("cannot record the spend in the ledger: {e}"))? {
        Ok(after) => {
            say!(
                "recorded ε = {}, δ = {:e} as \"{label}\" in the case data's privacy budget ledger (ε = {} spent in all)",
                cost.budget.epsilon,
                cost.budget.delta,
                after.epsilon
            );
            Ok(())
        }
        Err(Refusal::Overspend { need, left }) => Err(format!(
            "refused: the release needs ε = {}, δ = {:e} but only ε = {}, δ = {:e} remain of the case data's privacy budget; nothing was computed or written",
            need.epsilon, need.delta, left.epsilon, left.delta
        )),
        Err(_) => Err("refused by the ledger".to_owned()),
    }
}

/// Writes one combination's name: `column:value;column:value`.
fn combination(t: &Table, columns: &[usize], codes: &[usize]) -> String {
    let mut s = String::new();
    for (i, (&c, &v)) in columns.iter().zip(codes).enumerate() {
        if i > 0 {
            s.push(';');
        }
        s.push_str(&t.names()[c]);
        s.push(':');
        s.push_str(&t.levels(c)[v]);
    }
    s
}

/// Runs `mayak aggregate`.
pub async fn aggregate(
    a: AggregateArgs,
    file: &FileConfig,
    clock: &dyn Clock,
) -> Result<(), String> {
    if a.length == 0 {
        return Err("--length must be at least 1".to_owned());
    }
    if a.release.is_some() && a.epsilon.is_none() {
        return Err(
            "--release records a differentially private spend: give --epsilon (tables with suppression spend no budget)"
                .to_owned(),
        );
    }
    let (table, what) = load(&a.source, file, clock).await?;
    say!("read {what}");
    let started = Instant::now();
    let m = Marginals::compute(&table, a.length, a.source.threads).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(m.cells * 24);
    mayak_stats::table::write_csv_row(&mut out, &["length", "combination", "count", "status"]);
    let mut row = |len: usize, name: String, count: String, status: &str| {
        let l = len.to_string();
        mayak_stats::table::write_csv_row(&mut out, &[&l, &name, &count, status]);
    };
    match a.epsilon {
        None => {
            let p = sdc::protect(&m, a.threshold).map_err(|e| e.to_string())?;
            let elapsed = started.elapsed();
            if a.verify {
                let exposed = sdc::attack(&m, &p.status);
                if let Some(x) = exposed.first() {
                    return Err(format!(
                        "{} suppressed cells can be recomputed (the first by {}); nothing was written",
                        exposed.len(),
                        x.by
                    ));
                }
                say!("verified: no suppressed cell can be recomputed from the published ones");
            }
            for t in m.tables.iter().filter(|t| !t.columns.is_empty()) {
                for (i, &c) in t.counts.iter().enumerate() {
                    if c == 0 {
                        continue; // a combination nobody has is not listed
                    }
                    let name = combination(&table, &t.columns, &t.codes_of(i));
                    match p.status[t.offset + i] {
                        CellStatus::Published => {
                            row(t.columns.len(), name, c.to_string(), "published")
                        }
                        _ => row(t.columns.len(), name, String::new(), "suppressed"),
                    }
                }
            }
            write_file(&a.output, &out)?;
            say!(
                "{} tables, {} non-empty cells: {} suppressed as under {}, {} more so none can be recomputed ({} protected by a hypercube, {} rounds of global elimination, {:.2} s)",
                m.tables.len() - 1,
                m.tables
                    .iter()
                    .skip(1)
                    .flat_map(|t| &t.counts)
                    .filter(|&&c| c > 0)
                    .count(),
                p.primary(),
                a.threshold,
                p.complementary(),
                p.certified,
                p.rounds,
                elapsed.as_secs_f64()
            );
        }
        Some(eps) => {
            let (mech, delta) = match a.mechanism {
                MechanismArg::Gaussian => (Mechanism::Gaussian, a.delta),
                MechanismArg::Laplace => (Mechanism::Laplace, 0.0),
            };
            let budget = Budget::new(eps, delta).map_err(|e| e.to_string())?;
            if let Some(label) = &a.release {
                let mechanism = match mech {
                    Mechanism::Laplace => "laplace",
                    Mechanism::Gaussian => "gaussian",
                };
                spend(
                    &a.source,
                    file,
                    clock,
                    label,
                    mayak_store::publication::Cost { mechanism, budget },
                )
                .await?;
            }
            let rng = randomness(a.seed);
            let rel = synth::noisy_release(&m, mech, budget, a.threshold, rng.as_ref())
                .map_err(|e| e.to_string())?;
            let mut listed = 0usize;
            for t in m.tables.iter().filter(|t| !t.columns.is_empty()) {
                for i in 0..t.counts.len() {
                    if let Some(v) = rel.counts[t.offset + i] {
                        listed += 1;
                        let name = combination(&table, &t.columns, &t.codes_of(i));
                        row(t.columns.len(), name, v.to_string(), "noisy");
                    }
                }
            }
            write_file(&a.output, &out)?;
            say!(
                "{} tables: {listed} noisy counts of at least {} listed; noise σ = {:.1} (ε = {eps}, δ = {delta:e}), {:.2} s",
                m.tables.len() - 1,
                a.threshold,
                rel.noise.std_dev(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    say!("wrote {}", a.output.display());
    Ok(())
}

/// A progress bar on stderr when it is a terminal.
pub(crate) struct Progress {
    tty: bool,
    last: usize,
    started: Instant,
    what: &'static str,
    unit: &'static str,
}

impl Progress {
    fn new() -> Self {
        Self::labelled("synthesising", "records")
    }

    /// A bar showing `what` is being done, counting `unit`.
    pub(crate) fn labelled(what: &'static str, unit: &'static str) -> Self {
        Self {
            tty: std::io::stderr().is_terminal(),
            last: usize::MAX,
            started: Instant::now(),
            what,
            unit,
        }
    }

    pub(crate) fn update(&mut self, done: usize, total: usize) {
        let pct = (done * 100).checked_div(total).unwrap_or(100);
        if pct == self.last {
            return;
        }
        self.last = pct;
        let mut err = std::io::stderr();
        if self.tty {
            let filled = pct * 30 / 100;
            let _ = write!(
                err,
                "\r{} [{}{}] {pct:>3} % {done}/{total} {}, {:.1} s",
                self.what,
                "#".repeat(filled),
                " ".repeat(30 - filled),
                self.unit,
                self.started.elapsed().as_secs_f64()
            );
            if done >= total {
                let _ = writeln!(err);
            }
            let _ = err.flush();
        } else if pct.is_multiple_of(25) {
            let _ = writeln!(err, "{}: {pct} % ({done}/{total} {})", self.what, self.unit);
        }
    }
}

/// Runs `mayak synth`.
pub async fn synth(a: SynthArgs, file: &FileConfig, clock: &dyn Clock) -> Result<(), String> {
    let budget = Budget::new(a.epsilon, a.delta).map_err(|e| e.to_string())?;
    if a.delta <= 0.0 {
        return Err(
            "--delta must be above 0 for the synthesis (it uses Gaussian noise)".to_owned(),
        );
    }
    let (table, what) = load(&a.source, file, clock).await?;
    say!("read {what}");
    if table.rows() == 0 {
        return Err("there are no records to learn from".to_owned());
    }
    if let Some(label) = &a.release {
        spend(
            &a.source,
            file,
            clock,
            label,
            mayak_store::publication::Cost {
                mechanism: "synthesis",
                budget,
            },
        )
        .await?;
    }
    let rng = randomness(a.seed);
    let mut params = SynthParams::new(budget);
    params.length = a.length;
    params.records = a.records;
    params.threads = a.source.threads;
    let started = Instant::now();
    let mut bar = Progress::new();
    let s = synth::synthesise(&table, &params, rng.as_ref(), &mut |d, t| bar.update(d, t))
        .map_err(|e| e.to_string())?;
    let took = started.elapsed();
    write_file(&a.output, &s.table.to_csv())?;
    say!(
        "wrote {} synthetic records to {} in {:.2} s (ε = {}, δ = {:e}; noise σ = {:.1} on {} measured tables)",
        s.table.rows(),
        a.output.display(),
        took.as_secs_f64(),
        a.epsilon,
        a.delta,
        s.measurement_noise.scale,
        s.families.len()
    );
    if a.no_report {
        return Ok(());
    }
    let report = utility::compare(
        &table,
        &s.table,
        a.length.max(1),
        a.threshold,
        a.source.threads,
    )
    .map_err(|e| e.to_string())?;
    let path = a.report.clone().unwrap_or_else(|| {
        let mut p = a.output.clone().into_os_string();
        p.push(".report.json");
        PathBuf::from(p)
    });
    let json = serde_json::json!({
        "epsilon": a.epsilon,
        "delta": a.delta,
        "length": a.length,
        "seconds": took.as_secs_f64(),
        "selection_noise_sd": s.selection_noise.map(|n| n.scale),
        "measurement_noise_sd": s.measurement_noise.scale,
        "families": s.families,
        "utility": report,
    });
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    write_file(&path, text.as_bytes())?;
    say!("{}", report.summary().trim_end());
    say!("wrote the utility report to {}", path.display());
    Ok(())
}

fn read_csv_table(path: &Path, what: &str) -> Result<Table, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read the {what} {}: {e}", path.display()))?;
    Table::from_csv(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs `mayak compare`: the utility report of any synthetic CSV against the real one, by
/// the same measure `mayak synth` reports, so other tools' output can be judged alike.
pub fn compare(a: CompareArgs) -> Result<(), String> {
    if !(1..=4).contains(&a.length) {
        return Err("--length must be 1 to 4".to_owned());
    }
    if a.threshold < 2 {
        return Err("--threshold must be at least 2".to_owned());
    }
    let real = read_csv_table(&a.real, "real records")?;
    let synthetic = read_csv_table(&a.synthetic, "synthetic records")?;
    say!(
        "read {} real records of {} columns from {} and {} synthetic records from {}",
        real.rows(),
        real.width(),
        a.real.display(),
        synthetic.rows(),
        a.synthetic.display()
    );
    let started = Instant::now();
    let report = utility::compare(&real, &synthetic, a.length, a.threshold, a.threads)
        .map_err(|e| e.to_string())?;
    say!("{}", report.summary().trim_end());
    if let Some(path) = &a.report {
        let json = serde_json::json!({
            "real": a.real.display().to_string(),
            "synthetic": a.synthetic.display().to_string(),
            "length": a.length,
            "utility": report,
        });
        let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
        write_file(path, text.as_bytes())?;
        say!(
            "wrote the utility report to {} ({:.2} s)",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Runs `mayak export …`.
pub async fn export(a: ExportArgs, file: &FileConfig, clock: &dyn Clock) -> Result<(), String> {
    match a.command {
        ExportCommand::Ctdc { output, datasource } => {
            let (cases, source) = database_cases(&a.db, file, clock).await?;
            write_file(&output, &ctdc::submission_csv(&cases, &datasource))?;
            say!(
                "wrote {} de-identified cases to {} ({} without consent to anonymised statistics and {} not confirmed as victims left out)",
                cases.len(),
                output.display(),
                source.without_consent,
                source.not_confirmed
            );
            Ok(())
        }
    }
}

/// Runs `mayak bench …`.
pub fn bench(a: BenchArgs) -> Result<(), String> {
    match a.command {
        BenchCommand::CtdcTable { rows, seed, output } => {
            let started = Instant::now();
            let t = ctdc::generate(rows, &SplitMix64::new(seed)).map_err(|e| e.to_string())?;
            write_file(&output, &t.to_csv())?;
            say!(
                "wrote {rows} CTDC-shaped records of {} columns to {} in {:.1} s",
                t.width(),
                output.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        BenchCommand::Generate(_) | BenchCommand::Run(_) => {
            Err("bench generate and bench run run asynchronously".to_owned())
        }
    }
}
