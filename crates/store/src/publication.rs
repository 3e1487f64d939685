//! Statistics publication: the privacy budget ledger of each dataset and the releases that
//! spend it.
//!
//! **The ledger.** A dataset (`cases` in the CTDC shape, `hotline` consultations) has a total
//! (ε, δ). Every differentially private computation over it appends a spend (ε, δ, mechanism,
//! who, when, which release or command-line label); the rows are append-only (triggers refuse
//! UPDATE and DELETE). A spend that would take the sum over the total is refused with what is
//! left ([`mayak_stats::dp::check_spend`], basic composition). The check and the append run in
//! one transaction that holds the dataset's lock — `SELECT … FOR UPDATE` on PostgreSQL, the
//! write lock `BEGIN IMMEDIATE` takes on SQLite — so two releases cannot both spend the last
//! of a budget.
//!
//! **Releases.** An analyst prepares a release of a named series; it gets the next version
//! (v1, v2 …) and its privacy cost is spent *when it is prepared*, because the noise is drawn
//! then and the analyst (and later the approver) sees the noisy output: once seen, the privacy
//! is spent whether or not the release is ever published, so a rejection gives nothing back.
//! The computation runs after the row exists (`computing` → `prepared`, or `failed`); a
//! second person with the approve permission — never the preparer — approves or rejects it
//! with a reason. Only approved releases and their public files are readable by
//! [`published`] and [`published_file`]. Every step writes an audit entry in its transaction.

use crate::audit::{self, AuditEvent};
use crate::db::{Backend, Store, Tx};
use crate::error::{Result, StoreError};
use mayak_stats::dp::{self, Budget};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use time::OffsetDateTime;

/// A dataset whose privacy budget the ledger keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    /// Row id.
    pub id: i64,
    /// Stable code: `cases` or `hotline`.
    pub code: String,
    /// The total budget.
    pub total: Budget,
    /// What the ledger has recorded as spent.
    pub spent: Budget,
}

impl Dataset {
    /// What is left (never below zero).
    pub fn left(&self) -> Budget {
        Budget {
            epsilon: (self.total.epsilon - self.spent.epsilon).max(0.0),
            delta: (self.total.delta - self.spent.delta).max(0.0),
        }
    }
}

/// One entry of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spend {
    /// Row id.
    pub id: i64,
    /// The release that spent it, if it came from the publication workflow.
    pub release_id: Option<i64>,
    /// The release's series and version, or the command line's label.
    pub label: String,
    /// ε spent.
    pub epsilon: f64,
    /// δ spent.
    pub delta: f64,
    /// `laplace`, `gaussian` (noisy counts) or `synthesis` (DP synthetic data, zCDP).
    pub mechanism: String,
    /// The user, when one was signed in.
    pub spent_by: Option<i64>,
    /// The user's login, or `cli` for the operator's command line.
    pub spent_by_name: String,
    /// When.
    pub spent_at: OffsetDateTime,
}

/// One differentially private part of a release and what it costs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cost {
    /// `laplace`, `gaussian` or `synthesis`.
    pub mechanism: &'static str,
    /// Its (ε, δ).
    pub budget: Budget,
}

/// Why the workflow refused a step. Nothing was changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The spend would exceed the dataset's budget.
    Overspend {
        /// What the release asks for.
        need: Budget,
        /// What is left.
        left: Budget,
    },
    /// The preparer cannot approve or reject their own release (four eyes).
    OwnRelease,
    /// The release is not waiting for a decision (still computing, failed, or decided).
    NotPending,
}

/// Who spends: a signed-in user, or the operator's command line.
#[derive(Debug, Clone)]
pub struct Spender {
    /// User id, if any.
    pub user_id: Option<i64>,
    /// Login, or `cli`.
    pub name: String,
}

fn dataset_of(row: &impl DatasetRow) -> Result<(i64, String, Budget)> {
    row.decode()
}

/// Decodes the dataset columns of either driver's row.
trait DatasetRow {
    fn decode(&self) -> Result<(i64, String, Budget)>;
}

macro_rules! dataset_row {
    ($row:ty) => {
        impl DatasetRow for $row {
            fn decode(&self) -> Result<(i64, String, Budget)> {
                Ok((
                    self.try_get("id")?,
                    self.try_get("code")?,
                    Budget {
                        epsilon: self.try_get("epsilon_total")?,
                        delta: self.try_get("delta_total")?,
                    },
                ))
            }
        }
    };
}
dataset_row!(sqlx::sqlite::SqliteRow);
dataset_row!(sqlx::postgres::PgRow);

fn sum(rows: &[(f64, f64)]) -> Budget {
    rows.iter().fold(Budget::ZERO, |b, (e, d)| Budget {
        epsilon: b.epsilon + e,
        delta: b.delta + d,
    })
}

/// Every dataset with what it has spent.
pub async fn datasets(store: &Store) -> Result<Vec<Dataset>> {
    let codes: Vec<String> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT code FROM stats_dataset ORDER BY id").fetch_all(p).await?
    });
    let mut out = Vec::with_capacity(codes.len());
    for c in codes {
        out.push(dataset(store, &c).await?);
    }
    Ok(out)
}

/// One dataset by its code.
pub async fn dataset(store: &Store, code: &str) -> Result<Dataset> {
    crate::on_pool!(store.pool(), p => {
        let row = sqlx::query("SELECT id, code, epsilon_total, delta_total FROM stats_dataset WHERE code = $1")
            .bind(code)
            .fetch_optional(p)
            .await?
            .ok_or(StoreError::NotFound)?;
        let (id, code, total) = dataset_of(&row)?;
        let spends: Vec<(f64, f64)> = sqlx::query_as("SELECT epsilon, delta FROM stats_spend WHERE dataset_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(p)
            .await?;
        Ok(Dataset { id, code, total, spent: sum(&spends) })
    })
}

/// The ledger of one dataset, newest first.
pub async fn ledger(store: &Store, dataset_id: i64) -> Result<Vec<Spend>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT id, release_id, label, epsilon, delta, mechanism, spent_by, spent_by_name, spent_at \
             FROM stats_spend WHERE dataset_id = $1 ORDER BY id DESC",
        )
        .bind(dataset_id)
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(Spend {
                id: r.try_get("id")?,
                release_id: r.try_get("release_id")?,
                label: r.try_get("label")?,
                epsilon: r.try_get("epsilon")?,
                delta: r.try_get("delta")?,
                mechanism: r.try_get("mechanism")?,
                spent_by: r.try_get("spent_by")?,
                spent_by_name: r.try_get("spent_by_name")?,
                spent_at: r.try_get("spent_at")?,
            });
        }
        Ok(out)
    })
}

/// Locks the dataset inside `tx` and reads its total and spends.
async fn lock_dataset(tx: &mut Tx, backend: Backend, code: &str) -> Result<Dataset> {
    let sql = match backend {
        // BEGIN IMMEDIATE already holds SQLite's write lock for the whole transaction.
        Backend::Sqlite => {
            "SELECT id, code, epsilon_total, delta_total FROM stats_dataset WHERE code = $1"
        }
        // The row lock serialises every spend of this dataset, from every instance.
        Backend::Postgres => {
            "SELECT id, code, epsilon_total, delta_total FROM stats_dataset WHERE code = $1 FOR UPDATE"
        }
    };
    crate::on_tx!(tx, t => {
        let row = sqlx::query(sql)
            .bind(code)
            .fetch_optional(&mut **t)
            .await?
            .ok_or(StoreError::NotFound)?;
        let (id, code, total) = dataset_of(&row)?;
        let spends: Vec<(f64, f64)> = sqlx::query_as("SELECT epsilon, delta FROM stats_spend WHERE dataset_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&mut **t)
            .await?;
        Ok(Dataset { id, code, total, spent: sum(&spends) })
    })
}

/// The sum of several costs (basic composition).
pub fn total_cost(costs: &[Cost]) -> Budget {
    costs.iter().fold(Budget::ZERO, |b, c| Budget {
        epsilon: b.epsilon + c.budget.epsilon,
        delta: b.delta + c.budget.delta,
    })
}

/// Checks and appends the spends of `costs` inside a transaction that holds the dataset's
/// lock; refuses them all when their sum does not fit.
async fn spend_in(
    tx: &mut Tx,
    d: &Dataset,
    release_id: Option<i64>,
    label: &str,
    costs: &[Cost],
    by: &Spender,
    now: OffsetDateTime,
) -> Result<std::result::Result<Budget, Refusal>> {
    let need = total_cost(costs);
    let after = match dp::check_spend(d.total, d.spent, need) {
        Ok(after) => after,
        Err(_) => {
            return Ok(Err(Refusal::Overspend {
                need,
                left: d.left(),
            }));
        }
    };
    for c in costs
        .iter()
        .filter(|c| c.budget.epsilon > 0.0 || c.budget.delta > 0.0)
    {
        crate::on_tx!(tx, t => {
            sqlx::query(
                "INSERT INTO stats_spend (dataset_id, release_id, label, epsilon, delta, mechanism, spent_by, spent_by_name, spent_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(d.id)
            .bind(release_id)
            .bind(label)
            .bind(c.budget.epsilon)
            .bind(c.budget.delta)
            .bind(c.mechanism)
            .bind(by.user_id)
            .bind(&by.name)
            .bind(now)
            .execute(&mut **t)
            .await?;
        });
    }
    Ok(Ok(after))
}

/// Spends outside the publication workflow (the command line's `--release NAME`): checks the
/// budget under the dataset's lock, appends the spends and an audit entry, or refuses with
/// what is left. Returns the dataset's spent budget afterwards.
pub async fn spend(
    store: &Store,
    dataset_code: &str,
    label: &str,
    costs: &[Cost],
    by: &Spender,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<std::result::Result<Budget, Refusal>> {
    let now = micros(now);
    let mut tx = store.begin().await?;
    let d = lock_dataset(&mut tx, store.backend(), dataset_code).await?;
    let after = match spend_in(&mut tx, &d, None, label, costs, by, now).await? {
        Ok(a) => a,
        Err(r) => return Ok(Err(r)),
    };
    let need = total_cost(costs);
    let mut e = who.clone();
    e.action = "statistics.budget.spend".to_owned();
    e.record_type = Some("stats_dataset".to_owned());
    e.record_id = Some(d.id.to_string());
    e.fields = Some("epsilon,delta,mechanism,label".to_owned());
    e.reason = Some(format!(
        "{label}: ε = {}, δ = {:e}",
        need.epsilon, need.delta
    ));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(Ok(after))
}

/// Changes a dataset's total budget for `reason` (recorded in the audit trail); it can never
/// go below what was already spent.
pub async fn set_total(
    store: &Store,
    dataset_code: &str,
    total: Budget,
    reason: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<std::result::Result<(), Refusal>> {
    let now = micros(now);
    let mut tx = store.begin().await?;
    let d = lock_dataset(&mut tx, store.backend(), dataset_code).await?;
    if total.epsilon + 1e-12 < d.spent.epsilon || total.delta + 1e-18 < d.spent.delta {
        return Ok(Err(Refusal::Overspend {
            need: d.spent,
            left: total,
        }));
    }
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE stats_dataset SET epsilon_total = $1, delta_total = $2 WHERE id = $3")
            .bind(total.epsilon)
            .bind(total.delta)
            .bind(d.id)
            .execute(&mut **t)
            .await?;
    });
    let mut e = who.clone();
    e.action = "statistics.budget.set".to_owned();
    e.record_type = Some("stats_dataset".to_owned());
    e.record_id = Some(d.id.to_string());
    e.fields = Some("epsilon_total,delta_total".to_owned());
    e.reason = Some(format!(
        "ε {} → {}, δ {:e} → {:e}: {reason}",
        d.total.epsilon, total.epsilon, d.total.delta, total.delta
    ));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

// ---- Releases -------------------------------------------------------------------------------

/// Where a release stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseState {
    /// The files are being computed.
    Computing,
    /// Computed, waiting for a second person's decision.
    Prepared,
    /// Approved: public.
    Approved,
    /// Rejected, with a reason.
    Rejected,
    /// The computation failed (its spend stays: noise may have been drawn).
    Failed,
}

impl ReleaseState {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            ReleaseState::Computing => "computing",
            ReleaseState::Prepared => "prepared",
            ReleaseState::Approved => "approved",
            ReleaseState::Rejected => "rejected",
            ReleaseState::Failed => "failed",
        }
    }

    /// Parses a stored code.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "computing" => ReleaseState::Computing,
            "prepared" => ReleaseState::Prepared,
            "approved" => ReleaseState::Approved,
            "rejected" => ReleaseState::Rejected,
            "failed" => ReleaseState::Failed,
            _ => return None,
        })
    }
}

/// Marginal tables with disclosure control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablesPlan {
    /// The columns cross-tabulated.
    pub columns: Vec<String>,
    /// Every combination of 1 to this many columns.
    pub length: usize,
    /// Cells under this count are suppressed (and complementary cells with them).
    pub threshold: u32,
}

/// DP noisy counts of marginal tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoisyPlan {
    /// The columns cross-tabulated.
    pub columns: Vec<String>,
    /// Every combination of 1 to this many columns.
    pub length: usize,
    /// Noisy counts under this are withheld.
    pub threshold: u32,
    /// `gaussian` or `laplace`.
    pub mechanism: String,
    /// Its budget.
    pub budget: Budget,
}

/// DP synthetic microdata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SynthPlan {
    /// The columns synthesised.
    pub columns: Vec<String>,
    /// The largest marginal measured.
    pub length: usize,
    /// Its budget.
    pub budget: Budget,
}

/// What a release contains: any of the three kinds of output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ReleasePlan {
    /// Tables with suppression.
    pub tables: Option<TablesPlan>,
    /// Noisy counts.
    pub noisy: Option<NoisyPlan>,
    /// Synthetic data.
    pub synthetic: Option<SynthPlan>,
}

impl ReleasePlan {
    /// The differentially private parts and their costs.
    pub fn costs(&self) -> Vec<Cost> {
        let mut out = Vec::new();
        if let Some(n) = &self.noisy {
            out.push(Cost {
                mechanism: if n.mechanism == "laplace" {
                    "laplace"
                } else {
                    "gaussian"
                },
                budget: n.budget,
            });
        }
        if let Some(s) = &self.synthetic {
            out.push(Cost {
                mechanism: "synthesis",
                budget: s.budget,
            });
        }
        out
    }
}

/// A release as its pages show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Release {
    /// Row id.
    pub id: i64,
    /// The series' name.
    pub series: String,
    /// Its version in the series (1, 2, …).
    pub version: i32,
    /// The dataset's code.
    pub dataset: String,
    /// Where it stands.
    pub state: ReleaseState,
    /// What it contains.
    pub plan: ReleasePlan,
    /// What was computed (JSON written by the web layer's computation), once prepared.
    pub summary: Option<serde_json::Value>,
    /// Percent computed.
    pub progress: i32,
    /// Why the computation failed.
    pub failure: Option<String>,
    /// What it spent.
    pub cost: Budget,
    /// Who prepared it.
    pub prepared_by: i64,
    /// Their name.
    pub prepared_by_name: String,
    /// When.
    pub prepared_at: OffsetDateTime,
    /// When the files were ready.
    pub computed_at: Option<OffsetDateTime>,
    /// Who decided.
    pub decided_by: Option<i64>,
    /// Their name.
    pub decided_by_name: Option<String>,
    /// When.
    pub decided_at: Option<OffsetDateTime>,
    /// The decision's reason.
    pub decision_reason: Option<String>,
}

/// A file of a release, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseFile {
    /// File name, e.g. `tables.csv`.
    pub name: String,
    /// `tables`, `noisy`, `synthetic` or `utility`.
    pub kind: String,
    /// Downloadable from the public page once approved (the utility report compares with
    /// the real data, so it stays internal).
    pub public: bool,
    /// Size in bytes.
    pub bytes: i64,
}

/// A file to store with a computed release.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// File name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Public once approved.
    pub public: bool,
    /// Content.
    pub content: Vec<u8>,
}

fn micros(t: OffsetDateTime) -> OffsetDateTime {
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000)
        .unwrap_or(t)
}

const RELEASE_COLUMNS: &str = "r.id, r.series, r.version, d.code AS dataset, r.state, r.params, r.summary, r.progress, r.failure, \
     r.epsilon, r.delta, r.prepared_by, p.display_name AS prepared_by_name, r.prepared_at, r.computed_at, r.decided_by, \
     a.display_name AS decided_by_name, r.decided_at, r.decision_reason \
     FROM stats_release r JOIN stats_dataset d ON d.id = r.dataset_id JOIN app_user p ON p.id = r.prepared_by \
     LEFT JOIN app_user a ON a.id = r.decided_by";

macro_rules! decode_release {
    ($r:expr) => {{
        let r = $r;
        let state: String = r.try_get("state")?;
        let params: String = r.try_get("params")?;
        let summary: Option<String> = r.try_get("summary")?;
        Release {
            id: r.try_get("id")?,
            series: r.try_get("series")?,
            version: r.try_get("version")?,
            dataset: r.try_get("dataset")?,
            state: ReleaseState::parse(&state)
                .ok_or_else(|| StoreError::Config(format!("unknown release state {state}")))?,
            plan: serde_json::from_str(&params)
                .map_err(|e| StoreError::Config(format!("release plan unreadable: {e}")))?,
            summary: summary.and_then(|s| serde_json::from_str(&s).ok()),
            progress: r.try_get("progress")?,
            failure: r.try_get("failure")?,
            cost: Budget {
                epsilon: r.try_get("epsilon")?,
                delta: r.try_get("delta")?,
            },
            prepared_by: r.try_get("prepared_by")?,
            prepared_by_name: r.try_get("prepared_by_name")?,
            prepared_at: r.try_get("prepared_at")?,
            computed_at: r.try_get("computed_at")?,
            decided_by: r.try_get("decided_by")?,
            decided_by_name: r.try_get("decided_by_name")?,
            decided_at: r.try_get("decided_at")?,
            decision_reason: r.try_get("decision_reason")?,
        }
    }};
}

/// Prepares a release: under the dataset's lock, refuses it when its cost does not fit the
/// budget; otherwise gives it the series' next version, spends its cost, and records it as
/// `computing` with an audit entry, all in one transaction. The caller then computes the
/// files and calls [`finish`] (or [`fail`]).
pub async fn prepare(
    store: &Store,
    series: &str,
    dataset_code: &str,
    plan: &ReleasePlan,
    by: &Spender,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<std::result::Result<Release, Refusal>> {
    let user_id = by.user_id.ok_or_else(|| {
        StoreError::Config("a release is prepared by a signed-in user".to_owned())
    })?;
    let now = micros(now);
    let costs = plan.costs();
    let cost = total_cost(&costs);
    let params = serde_json::to_string(plan)
        .map_err(|e| StoreError::Config(format!("release plan not serialisable: {e}")))?;
    let mut tx = store.begin().await?;
    let d = lock_dataset(&mut tx, store.backend(), dataset_code).await?;
    if dp::check_spend(d.total, d.spent, cost).is_err() {
        return Ok(Err(Refusal::Overspend {
            need: cost,
            left: d.left(),
        }));
    }
    let (id, version): (i64, i32) = crate::on_tx!(&mut tx, t => {
        let version: i32 = sqlx::query_scalar("SELECT CAST(COALESCE(MAX(version), 0) + 1 AS INTEGER) FROM stats_release WHERE series = $1")
            .bind(series)
            .fetch_one(&mut **t)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stats_release (series, version, dataset_id, state, params, progress, epsilon, delta, prepared_by, prepared_at) \
             VALUES ($1, $2, $3, 'computing', $4, 0, $5, $6, $7, $8) RETURNING id",
        )
        .bind(series)
        .bind(version)
        .bind(d.id)
        .bind(&params)
        .bind(cost.epsilon)
        .bind(cost.delta)
        .bind(user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        (id, version)
    });
    let label = format!("{series} v{version}");
    if let Err(r) = spend_in(&mut tx, &d, Some(id), &label, &costs, by, now).await? {
        return Ok(Err(r));
    }
    let mut e = who.clone();
    e.action = "statistics.release.prepare".to_owned();
    e.record_type = Some("stats_release".to_owned());
    e.record_id = Some(id.to_string());
    e.fields = Some("series,version,dataset,plan,epsilon,delta".to_owned());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    get(store, id).await.map(Ok)
}

/// Records how far the computation is (0 to 100).
pub async fn set_progress(store: &Store, id: i64, percent: i32) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE stats_release SET progress = $1 WHERE id = $2 AND state = 'computing'")
            .bind(percent.clamp(0, 100))
            .bind(id)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Stores the computed files and summary; the release waits for a decision.
pub async fn finish(
    store: &Store,
    id: i64,
    summary: &serde_json::Value,
    files: &[NewFile],
    now: OffsetDateTime,
) -> Result<()> {
    let now = micros(now);
    let summary = summary.to_string();
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        let done = sqlx::query(
            "UPDATE stats_release SET state = 'prepared', progress = 100, summary = $1, computed_at = $2 \
             WHERE id = $3 AND state = 'computing'",
        )
        .bind(&summary)
        .bind(now)
        .bind(id)
        .execute(&mut **t)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict("the release is no longer being computed".to_owned()));
        }
        for f in files {
            sqlx::query("INSERT INTO stats_release_file (release_id, name, kind, public, content) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(&f.name)
                .bind(&f.kind)
                .bind(f.public)
                .bind(&f.content)
                .execute(&mut **t)
                .await?;
        }
    });
    tx.commit().await
}

/// Marks the computation as failed; the spend stays in the ledger.
pub async fn fail(store: &Store, id: i64, why: &str, now: OffsetDateTime) -> Result<()> {
    let now = micros(now);
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE stats_release SET state = 'failed', failure = $1, computed_at = $2 WHERE id = $3 AND state = 'computing'")
            .bind(why)
            .bind(now)
            .bind(id)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Marks the releases still `computing` that were prepared before `before` as failed (their
/// spend stays). Called at start-up with a cutoff an hour back: this instance computes
/// nothing yet, and another instance sharing the database finishes a release of the case
/// data in seconds to minutes, so an older computation was interrupted.
pub async fn fail_interrupted(
    store: &Store,
    before: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<u64> {
    let now = micros(now);
    crate::on_pool!(store.pool(), p => {
        let r = sqlx::query(
            "UPDATE stats_release SET state = 'failed', failure = 'interrupted: the server stopped during the computation', computed_at = $1 \
             WHERE state = 'computing' AND prepared_at < $2",
        )
        .bind(now)
        .bind(micros(before))
        .execute(p)
        .await?;
        Ok(r.rows_affected())
    })
}

/// The decision on a prepared release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Publish it.
    Approve,
    /// Do not publish it.
    Reject,
}

/// Approves or rejects a prepared release: never by its preparer, only once, with a reason and
/// an audit entry (a compare-and-set on the state, so two approvers cannot both decide).
pub async fn decide(
    store: &Store,
    id: i64,
    decision: Decision,
    reason: &str,
    user_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<std::result::Result<(), Refusal>> {
    let now = micros(now);
    let mut tx = store.begin().await?;
    let state = match decision {
        Decision::Approve => "approved",
        Decision::Reject => "rejected",
    };
    let outcome: std::result::Result<(), Refusal> = crate::on_tx!(&mut tx, t => {
        let row: Option<(String, i64)> = sqlx::query_as("SELECT state, prepared_by FROM stats_release WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **t)
            .await?;
        let (current, preparer) = row.ok_or(StoreError::NotFound)?;
        if preparer == user_id {
            Err(Refusal::OwnRelease)
        } else if current != "prepared" {
            Err(Refusal::NotPending)
        } else {
            let done = sqlx::query(
                "UPDATE stats_release SET state = $1, decided_by = $2, decided_at = $3, decision_reason = $4 \
                 WHERE id = $5 AND state = 'prepared' AND prepared_by <> $2",
            )
            .bind(state)
            .bind(user_id)
            .bind(now)
            .bind(reason)
            .bind(id)
            .execute(&mut **t)
            .await?;
            if done.rows_affected() == 1 { Ok(()) } else { Err(Refusal::NotPending) }
        }
    });
    if let Err(r) = outcome {
        return Ok(Err(r));
    }
    let mut e = who.clone();
    e.action = format!(
        "statistics.release.{}",
        match decision {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
        }
    );
    e.record_type = Some("stats_release".to_owned());
    e.record_id = Some(id.to_string());
    e.fields = Some("state,decision_reason".to_owned());
    e.reason = Some(reason.to_owned());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// One release.
pub async fn get(store: &Store, id: i64) -> Result<Release> {
    crate::on_pool!(store.pool(), p => {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {RELEASE_COLUMNS} WHERE r.id = $1")))
            .bind(id)
            .fetch_optional(p)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(decode_release!(r))
    })
}

/// Every release, newest first (staff pages).
pub async fn list(store: &Store) -> Result<Vec<Release>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT {RELEASE_COLUMNS} ORDER BY r.id DESC")))
            .fetch_all(p)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(decode_release!(r));
        }
        Ok(out)
    })
}

/// The approved releases, newest decision first: all the public page may show.
pub async fn published(store: &Store) -> Result<Vec<Release>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RELEASE_COLUMNS} WHERE r.state = 'approved' ORDER BY r.decided_at DESC, r.id DESC"
        )))
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(decode_release!(r));
        }
        Ok(out)
    })
}

/// The files of a release, without content.
pub async fn files(store: &Store, id: i64) -> Result<Vec<ReleaseFile>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(String, String, bool, i64)> = sqlx::query_as(
            "SELECT name, kind, public, CAST(LENGTH(content) AS BIGINT) FROM stats_release_file WHERE release_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(p)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(name, kind, public, bytes)| ReleaseFile { name, kind, public, bytes })
            .collect())
    })
}

/// A file of any release, for staff who review releases; the read is audited.
pub async fn file(
    store: &Store,
    id: i64,
    name: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Vec<u8>> {
    let mut tx = store.begin().await?;
    let content: Vec<u8> = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar("SELECT content FROM stats_release_file WHERE release_id = $1 AND name = $2")
            .bind(id)
            .bind(name)
            .fetch_optional(&mut **t)
            .await?
            .ok_or(StoreError::NotFound)?
    });
    let mut e = who.clone();
    e.action = "statistics.release.download".to_owned();
    e.record_type = Some("stats_release".to_owned());
    e.record_id = Some(id.to_string());
    e.fields = Some(name.to_owned());
    audit::append(&mut tx, store.backend(), &e, micros(now)).await?;
    tx.commit().await?;
    Ok(content)
}

/// A public file of an approved release; anything else is `NotFound`, whatever the id.
pub async fn published_file(store: &Store, id: i64, name: &str) -> Result<Vec<u8>> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "SELECT f.content FROM stats_release_file f JOIN stats_release r ON r.id = f.release_id \
             WHERE f.release_id = $1 AND f.name = $2 AND f.public = $3 AND r.state = 'approved'",
        )
        .bind(id)
        .bind(name)
        .bind(true)
        .fetch_optional(p)
        .await?
        .ok_or(StoreError::NotFound)?)
    })
}

// ---- What releases count --------------------------------------------------------------------

/// The countable cases in the CTDC codebook's 27 columns (alpha-3 countries), and how many
/// cases were left out (no consent to anonymised statistics, or not confirmed as victims).
pub async fn cases_table(store: &Store) -> Result<(mayak_stats::Table, usize, usize)> {
    let source = crate::stats::source(store).await?;
    let alpha3 = crate::stats::alpha3(store).await?;
    let facts: Vec<mayak_stats::ctdc::CaseFacts> =
        source.cases.iter().map(|c| c.ctdc(&alpha3)).collect();
    let table = mayak_stats::ctdc::codebook_table(&facts)
        .map_err(|e| StoreError::Config(format!("the case data do not fit the codebook: {e}")))?;
    Ok((table, source.without_consent, source.not_confirmed))
}

/// The columns of the hotline dataset.
pub const HOTLINE_COLUMNS: [&str; 8] = [
    "year",
    "channel",
    "sex",
    "ageBroad",
    "region",
    "callerType",
    "outcome",
    "destination",
];

/// Every hotline consultation's pseudonymous profile as a categorical table (no text, no
/// caller, no consultant).
pub async fn hotline_table(store: &Store) -> Result<mayak_stats::Table> {
    type Row = (
        i32,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT year, channel, sex, age_band, region, caller_type, outcome, destination \
             FROM hotline_consultation ORDER BY id",
        )
        .fetch_all(p)
        .await?
    });
    let mut b = mayak_stats::table::TableBuilder::new(
        HOTLINE_COLUMNS.iter().map(|s| (*s).to_owned()).collect(),
    );
    for (year, channel, sex, age, region, caller, outcome, dest) in rows {
        let o = |v: Option<String>| v.unwrap_or_default();
        b.push(&[
            year.to_string(),
            channel,
            o(sex),
            o(age.and_then(|a| mayak_stats::ctdc::age_broad(&a))),
            o(region),
            o(caller),
            outcome,
            o(dest),
        ])
        .map_err(|e| StoreError::Config(format!("a consultation does not fit the table: {e}")))?;
    }
    Ok(b.finish())
}
