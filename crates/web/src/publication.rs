//! The computation of a statistics release, shared by the pages and the API: read the
//! dataset, compute the planned outputs with `mayak-stats` (tables with disclosure control,
//! DP noisy counts, DP synthetic microdata), store the files and the summary. The store has
//! already spent the release's privacy cost when this runs (see `store::publication`).
//!
//! The computation runs on a blocking thread; its progress goes through a watch channel to a
//! task that writes it to the release row, so the release's page can show it while it runs.

use crate::AppState;
use mayak_domain::{FieldError, FieldErrors, Random};
use mayak_stats::dp::{Budget, Mechanism};
use mayak_stats::marginals::Marginals;
use mayak_stats::sdc::{self, CellStatus};
use mayak_stats::synth::{self, SynthParams};
use mayak_stats::{StatsError, Table, ctdc, utility};
use mayak_store::publication::{
    self, HOTLINE_COLUMNS, NewFile, NoisyPlan, ReleasePlan, SynthPlan, TablesPlan,
};
use serde_json::{Value, json};
use std::sync::Arc;

/// The datasets a release may count.
pub const DATASETS: [&str; 2] = ["cases", "hotline"];

/// The columns of a dataset.
pub fn columns_of(dataset: &str) -> &'static [&'static str] {
    match dataset {
        "hotline" => &HOTLINE_COLUMNS,
        _ => &ctdc::COLUMNS,
    }
}

/// The lowest disclosure threshold there is (CTDC's rule: no cell under 11); the configured
/// one (`WebConfig::disclosure_threshold`) may only be higher.
pub const MIN_THRESHOLD: u32 = sdc::DEFAULT_THRESHOLD;
/// The largest suppression threshold accepted.
pub const MAX_THRESHOLD: u32 = 1000;
/// The longest series name.
pub const MAX_SERIES: usize = 120;

/// Checks the parts of a plan a person typed: columns known to the dataset, lengths 1 to 3,
/// thresholds from `min_threshold` (the configured disclosure threshold, never under 11) to
/// [`MAX_THRESHOLD`], budgets as `dp::Budget::new` accepts them (with δ > 0 where the
/// mechanism needs it). `field` prefixes name the form fields.
pub fn check_plan(dataset: &str, plan: &ReleasePlan, min_threshold: u32) -> FieldErrors {
    let min_threshold = min_threshold.max(MIN_THRESHOLD);
    let mut errors = FieldErrors::default();
    if !DATASETS.contains(&dataset) {
        errors.push(FieldError::unknown_code("dataset"));
        return errors;
    }
    if plan.tables.is_none() && plan.noisy.is_none() && plan.synthetic.is_none() {
        errors.push(FieldError::new("kinds", "choose_one"));
    }
    let known = columns_of(dataset);
    let check_columns = |errors: &mut FieldErrors, field: &str, cols: &[String], length: usize| {
        if cols.is_empty() {
            errors.push(FieldError::new(field, "choose_one"));
        } else if cols.iter().any(|c| !known.contains(&c.as_str())) {
            errors.push(FieldError::unknown_code(field));
        } else if cols.iter().enumerate().any(|(i, c)| cols[..i].contains(c)) {
            errors.push(FieldError::new(field, "duplicate"));
        }
        if !(1..=3).contains(&length) {
            errors.push(
                FieldError::new(format!("{field}_length"), "out_of_range")
                    .with("min", "1")
                    .with("max", "3"),
            );
        }
    };
    let check_threshold = |errors: &mut FieldErrors, field: &str, t: u32| {
        if !(min_threshold..=MAX_THRESHOLD).contains(&t) {
            errors.push(
                FieldError::new(field, "out_of_range")
                    .with("min", min_threshold.to_string())
                    .with("max", MAX_THRESHOLD.to_string()),
            );
        }
    };
    let check_budget = |errors: &mut FieldErrors, field: &str, b: Budget, needs_delta: bool| {
        if Budget::new(b.epsilon, 0.0).is_err() {
            errors.push(FieldError::new(format!("{field}_epsilon"), "epsilon_range"));
        }
        if Budget::new(1.0, b.delta).is_err() || (needs_delta && b.delta <= 0.0) {
            errors.push(FieldError::new(format!("{field}_delta"), "delta_range"));
        }
    };
    if let Some(t) = &plan.tables {
        check_columns(&mut errors, "tables", &t.columns, t.length);
        check_threshold(&mut errors, "tables_threshold", t.threshold);
    }
    if let Some(n) = &plan.noisy {
        check_columns(&mut errors, "noisy", &n.columns, n.length);
        check_threshold(&mut errors, "noisy_threshold", n.threshold);
        if !["gaussian", "laplace"].contains(&n.mechanism.as_str()) {
            errors.push(FieldError::unknown_code("noisy_mechanism"));
        }
        check_budget(&mut errors, "noisy", n.budget, n.mechanism == "gaussian");
    }
    if let Some(s) = &plan.synthetic {
        check_columns(&mut errors, "synthetic", &s.columns, s.length);
        check_budget(&mut errors, "synthetic", s.budget, true);
    }
    errors
}

/// The real table of a dataset.
pub async fn load(state: &AppState, dataset: &str) -> Result<Table, mayak_store::StoreError> {
    match dataset {
        "hotline" => publication::hotline_table(&state.store).await,
        _ => publication::cases_table(&state.store).await.map(|t| t.0),
    }
}

/// The table restricted to `columns`, in the order given.
fn project(t: &Table, columns: &[String]) -> Result<Table, StatsError> {
    let mut names = Vec::new();
    let mut levels = Vec::new();
    let mut codes = Vec::new();
    for c in columns {
        let i = t
            .names()
            .iter()
            .position(|n| n == c)
            .ok_or_else(|| StatsError::Invalid(format!("no column {c}")))?;
        names.push(c.clone());
        levels.push(t.levels(i).to_vec());
        codes.push(t.column(i).to_vec());
    }
    Table::from_codes(names, levels, codes)
}

fn combination(t: &Table, columns: &[usize], codes: &[usize]) -> String {
    columns
        .iter()
        .zip(codes)
        .map(|(&c, &v)| format!("{}:{}", t.names()[c], t.levels(c)[v]))
        .collect::<Vec<_>>()
        .join(";")
}

/// The one-column tables of a release as the public page charts them: each value with its
/// published count, or null where suppressed. `list_hidden` lists suppressed values of the
/// tables with suppression (as CTDC does); noisy counts list only the values whose noisy count
/// was released, since whether a real count is zero must not show through the noise.
fn one_way(
    t: &Table,
    m: &Marginals,
    count: &dyn Fn(usize) -> Option<i64>,
    list_hidden: bool,
) -> Value {
    let tables: Vec<Value> = m
        .tables
        .iter()
        .filter(|x| x.columns.len() == 1)
        .map(|x| {
            let c = x.columns[0];
            let rows: Vec<Value> = (1..x.counts.len())
                .filter(|&i| count(x.offset + i).is_some() || (list_hidden && x.counts[i] > 0))
                .map(|i| json!({"value": t.levels(c)[i], "count": count(x.offset + i)}))
                .collect();
            json!({"column": t.names()[c], "rows": rows})
        })
        .collect();
    Value::Array(tables)
}

fn tables_part(real: &Table, p: &TablesPlan) -> Result<(Value, NewFile), StatsError> {
    let t = project(real, &p.columns)?;
    let m = Marginals::compute(&t, p.length, 1)?;
    let protection = sdc::protect(&m, p.threshold)?;
    let mut out = Vec::new();
    mayak_stats::table::write_csv_row(&mut out, &["length", "combination", "count", "status"]);
    for x in m.tables.iter().filter(|x| !x.columns.is_empty()) {
        for (i, &c) in x.counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let name = combination(&t, &x.columns, &x.codes_of(i));
            let len = x.columns.len().to_string();
            match protection.status[x.offset + i] {
                CellStatus::Published => {
                    mayak_stats::table::write_csv_row(
                        &mut out,
                        &[&len, &name, &c.to_string(), "published"],
                    );
                }
                _ => mayak_stats::table::write_csv_row(&mut out, &[&len, &name, "", "suppressed"]),
            }
        }
    }
    let published =
        |g: usize| (protection.status[g] == CellStatus::Published).then(|| i64::from(m.count(g)));
    let total = published(0);
    let summary = json!({
        "threshold": p.threshold,
        "length": p.length,
        "columns": p.columns,
        "total": total,
        "primary": protection.primary(),
        "complementary": protection.complementary(),
        "one_way": one_way(&t, &m, &published, true),
    });
    Ok((
        summary,
        NewFile {
            name: "tables.csv".to_owned(),
            kind: "tables".to_owned(),
            public: true,
            content: out,
        },
    ))
}

fn noisy_part(
    real: &Table,
    p: &NoisyPlan,
    rng: &dyn Random,
) -> Result<(Value, NewFile), StatsError> {
    let t = project(real, &p.columns)?;
    let m = Marginals::compute(&t, p.length, 1)?;
    let mechanism = if p.mechanism == "laplace" {
        Mechanism::Laplace
    } else {
        Mechanism::Gaussian
    };
    let rel = synth::noisy_release(&m, mechanism, p.budget, p.threshold, rng)?;
    let mut out = Vec::new();
    mayak_stats::table::write_csv_row(&mut out, &["length", "combination", "count", "status"]);
    for x in m.tables.iter().filter(|x| !x.columns.is_empty()) {
        for i in 0..x.counts.len() {
            if let Some(v) = rel.counts[x.offset + i] {
                let name = combination(&t, &x.columns, &x.codes_of(i));
                let len = x.columns.len().to_string();
                mayak_stats::table::write_csv_row(
                    &mut out,
                    &[&len, &name, &v.to_string(), "noisy"],
                );
            }
        }
    }
    let noisy = |g: usize| rel.counts[g];
    let summary = json!({
        "threshold": p.threshold,
        "length": p.length,
        "columns": p.columns,
        "mechanism": p.mechanism,
        "epsilon": p.budget.epsilon,
        "delta": p.budget.delta,
        "noise_sd": rel.noise.std_dev(),
        "total": rel.counts.first().copied().flatten(),
        "one_way": one_way(&t, &m, &noisy, false),
    });
    Ok((
        summary,
        NewFile {
            name: "noisy-counts.csv".to_owned(),
            kind: "noisy".to_owned(),
            public: true,
            content: out,
        },
    ))
}

fn synthetic_part(
    real: &Table,
    p: &SynthPlan,
    rng: &dyn Random,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Value, Vec<NewFile>), StatsError> {
    let t = project(real, &p.columns)?;
    let mut params = SynthParams::new(p.budget);
    params.length = p.length;
    let s = synth::synthesise(&t, &params, rng, progress)?;
    let report = utility::compare(&t, &s.table, p.length, MIN_THRESHOLD, 1)?;
    let report_json = serde_json::to_vec_pretty(&json!({
        "epsilon": p.budget.epsilon,
        "delta": p.budget.delta,
        "length": p.length,
        "families": s.families,
        "measurement_noise_sd": s.measurement_noise.scale,
        "utility": report,
    }))
    .map_err(|e| StatsError::Invalid(e.to_string()))?;
    let summary = json!({
        "records": s.table.rows(),
        "columns": p.columns,
        "length": p.length,
        "epsilon": p.budget.epsilon,
        "delta": p.budget.delta,
        "measurement_noise_sd": s.measurement_noise.scale,
        // Internal only: the utility compares with the real data, so the public page never shows it.
        "utility": {
            "mae": report.by_length.iter().map(|l| l.mean_absolute_error).collect::<Vec<_>>(),
            "rare_preserved_share": report.rare_preserved_share,
            "fabricated_share": report.fabricated_share,
        },
    });
    Ok((
        summary,
        vec![
            NewFile {
                name: "synthetic.csv".to_owned(),
                kind: "synthetic".to_owned(),
                public: true,
                content: s.table.to_csv(),
            },
            NewFile {
                name: "utility.json".to_owned(),
                kind: "utility".to_owned(),
                public: false,
                content: report_json,
            },
        ],
    ))
}

/// Computes every part of a plan; `progress` receives percents.
pub fn compute(
    real: &Table,
    plan: &ReleasePlan,
    rng: &dyn Random,
    progress: &mut dyn FnMut(i32),
) -> Result<(Value, Vec<NewFile>), StatsError> {
    let mut summary = json!({"records_counted": real.rows()});
    let mut files = Vec::new();
    progress(5);
    if let Some(p) = &plan.tables {
        let (s, f) = tables_part(real, p)?;
        summary["tables"] = s;
        files.push(f);
    }
    progress(30);
    if let Some(p) = &plan.noisy {
        let (s, f) = noisy_part(real, p, rng)?;
        summary["noisy"] = s;
        files.push(f);
    }
    progress(40);
    if let Some(p) = &plan.synthetic {
        let mut each = |done: usize, total: usize| {
            let pct = (done * 55).checked_div(total).unwrap_or(55);
            progress(40 + pct as i32);
        };
        let (s, f) = synthetic_part(real, p, rng, &mut each)?;
        summary["synthetic"] = s;
        files.extend(f);
    }
    progress(100);
    Ok((summary, files))
}

/// Runs the computation of a prepared release in the background: the files and summary are
/// stored when done, or the release is marked failed with the reason.
pub fn spawn(state: &AppState, id: i64, dataset: String, plan: ReleasePlan) {
    let state = state.clone();
    tokio::spawn(async move {
        let outcome = run(&state, id, &dataset, plan).await;
        let now = state.clock.now();
        match outcome {
            Ok((summary, files)) => {
                if let Err(e) = publication::finish(&state.store, id, &summary, &files, now).await {
                    tracing::error!(release = id, error = %e, "cannot store a computed release");
                    let _ =
                        publication::fail(&state.store, id, "the files could not be stored", now)
                            .await;
                }
            }
            Err(why) => {
                tracing::warn!(release = id, error = %why, "release computation failed");
                let _ = publication::fail(&state.store, id, &why, now).await;
            }
        }
    });
}

async fn run(
    state: &AppState,
    id: i64,
    dataset: &str,
    plan: ReleasePlan,
) -> Result<(Value, Vec<NewFile>), String> {
    let real = load(state, dataset)
        .await
        .map_err(|e| format!("cannot read the data: {e}"))?;
    let (tx, mut rx) = tokio::sync::watch::channel(0i32);
    let rng: Arc<dyn Random> = state.rng.clone();
    let work = tokio::task::spawn_blocking(move || {
        compute(&real, &plan, rng.as_ref(), &mut |p| {
            tx.send_if_modified(|v| {
                // Whole steps of 5 %, so the row is not rewritten for every record.
                let step = p - p % 5;
                let changed = step > *v;
                if changed {
                    *v = step;
                }
                changed
            });
        })
    });
    let store = state.store.clone();
    let writer = tokio::spawn(async move {
        while rx.changed().await.is_ok() {
            let p = *rx.borrow_and_update();
            let _ = publication::set_progress(&store, id, p).await;
        }
    });
    let result = work
        .await
        .map_err(|e| format!("the computation stopped: {e}"))?;
    let _ = writer.await;
    result.map_err(|e| e.to_string())
}
