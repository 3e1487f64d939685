//! `mayak bench generate`: fills the configured database with many realistic fictional cases
//! and hotline consultations for load benchmarks (see docs/BENCHMARKS.md). The rows are
//! written in bulk by `mayak_store::bench_data`, sealed and audited by the store's own code.

use crate::config::{DbArgs, FileConfig};
use crate::say;
use crate::stats_cmd::Progress;
use mayak_domain::{Clock, Random};
use mayak_store::bench_data::{self, Contents, Plan};
use mayak_store::demo::DemoOutcome;
use std::time::Instant;

/// Options of `mayak bench generate`.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Number of cases to add
    #[arg(long, value_name = "N")]
    pub cases: u64,
    /// Number of hotline consultations to add [default: as many as cases]
    #[arg(long, value_name = "M")]
    pub consultations: Option<u64>,
    /// Seed of the fictional data (keys and nonces are always truly random)
    #[arg(long, default_value_t = 7, value_name = "S")]
    pub seed: u64,
    /// Add the fictional cases even though the database holds data that is not the demo's
    #[arg(long)]
    pub into_non_demo_database: bool,
}

/// Runs `mayak bench generate`.
pub async fn generate(
    a: GenerateArgs,
    file: &FileConfig,
    clock: &dyn Clock,
    rng: &dyn Random,
) -> Result<(), String> {
    let db = a.db.resolve(file)?;
    let store = crate::open(&db, clock).await?;
    let result = async {
        let vault = crate::open_vault(&db, &store, rng).await?;
        match bench_data::contents(&store)
            .await
            .map_err(|e| e.to_string())?
        {
            Contents::Demo => {}
            Contents::Empty => {
                let outcome = crate::load_demo(&store, &vault, clock, rng).await?;
                crate::print_demo(&outcome);
                if matches!(outcome, DemoOutcome::NotEmpty) {
                    return Err("the demo could not be loaded".to_owned());
                }
            }
            Contents::Other if a.into_non_demo_database => {}
            Contents::Other => {
                return Err(
                    "this database holds data that is not the demo's (possibly real cases); \
                     bench generate adds fictional cases only to an empty or demo database. \
                     Use a new database, or pass --into-non-demo-database if you are sure."
                        .to_owned(),
                );
            }
        }
        let plan = Plan {
            cases: a.cases,
            consultations: a.consultations.unwrap_or(a.cases),
            seed: a.seed,
        };
        let started = Instant::now();
        let mut bar = Progress::labelled("generating", "cases and consultations");
        bar.update(0, (plan.cases + plan.consultations) as usize);
        bench_data::generate(&store, &vault, rng, &plan, clock.now(), &mut |d, t| {
            bar.update(d as usize, t as usize)
        })
        .await
        .map_err(|e| format!("cannot generate the benchmark data: {e}"))?;
        say!(
            "generated {} cases and {} hotline consultations in {:.1} s",
            plan.cases,
            plan.consultations,
            started.elapsed().as_secs_f64()
        );
        Ok(())
    }
    .await;
    store.close().await;
    result
}
