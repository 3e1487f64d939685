//! The statistics releases API: the privacy budget of each dataset, releases prepared by one
//! analyst and decided by another, and the public list of approved releases. The rules are
//! the pages': `publication::check_plan` validates a plan, the store spends and decides.

use super::{Json, Path};
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::ApiError;
use crate::pages::publication::{decision_of, eps, who};
use crate::publication::{self as compute, MAX_SERIES};
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::{FieldError, FieldErrors};
use mayak_stats::dp::Budget;
use mayak_store::publication::{
    self, NoisyPlan, Refusal, Release, ReleasePlan, Spender, SynthPlan, TablesPlan,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// A dataset's privacy budget.
#[derive(Debug, Serialize, ToSchema)]
pub struct BudgetDto {
    /// `cases` (CTDC shape) or `hotline`.
    pub dataset: String,
    /// Total ε.
    pub epsilon_total: f64,
    /// Total δ.
    pub delta_total: f64,
    /// ε spent.
    pub epsilon_spent: f64,
    /// δ spent.
    pub delta_spent: f64,
    /// ε left.
    pub epsilon_left: f64,
    /// δ left.
    pub delta_left: f64,
}

/// A dataset's new total budget.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetRequest {
    /// Total ε, from 0 to 100.
    pub epsilon_total: f64,
    /// Total δ, from 0 and below 0.001.
    pub delta_total: f64,
    /// Why the total changes (5 to 2000 characters); kept in the audit trail.
    pub reason: String,
}

fn budget_dto(d: mayak_store::publication::Dataset) -> BudgetDto {
    let left = d.left();
    BudgetDto {
        dataset: d.code,
        epsilon_total: d.total.epsilon,
        delta_total: d.total.delta,
        epsilon_spent: d.spent.epsilon,
        delta_spent: d.spent.delta,
        epsilon_left: left.epsilon,
        delta_left: left.delta,
    }
}

/// `PUT /api/v1/statistics/budget/{dataset}`
#[utoipa::path(put, path = "/api/v1/statistics/budget/{dataset}", tag = "statistics", request_body = BudgetRequest,
    params(("dataset" = String, Path, description = "Dataset code: `cases` or `hotline`")),
    responses(
        (status = 200, description = "The total is set; the dataset's budget after the change", body = BudgetDto),
        (status = 404, description = "No such dataset", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or a total below what releases already spent (field `epsilon_total`, with what was spent)", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn set_budget(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(dataset): Path<String>,
    Json(r): Json<BudgetRequest>,
) -> Result<axum::Json<BudgetDto>, ApiError> {
    let datasets = publication::datasets(&state.store).await?;
    if !datasets.iter().any(|d| d.code == dataset) {
        return Err(ApiError::NotFound);
    }
    use crate::pages::privacy_budget::{FieldName, check_total};
    let t = check_total(
        &datasets,
        &dataset,
        (FieldName("epsilon_total"), Some(r.epsilon_total)),
        (FieldName("delta_total"), Some(r.delta_total)),
        &r.reason,
    )?;
    match publication::set_total(
        &state.store,
        &t.dataset,
        t.total,
        &t.reason,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?
    {
        Ok(()) => Ok(axum::Json(budget_dto(
            publication::dataset(&state.store, &t.dataset).await?,
        ))),
        Err(Refusal::Overspend { need, .. }) => Err(ApiError::Validation(
            FieldError::new("epsilon_total", "budget_below_spent")
                .with("epsilon", eps(need.epsilon))
                .with("delta", crate::pages::publication::delta(need.delta))
                .into(),
        )),
        Err(_) => Err(ApiError::Internal),
    }
}

/// `GET /api/v1/statistics/budget`
#[utoipa::path(get, path = "/api/v1/statistics/budget", tag = "statistics",
    responses((status = 200, description = "Every dataset's budget: total, spent, left", body = Vec<BudgetDto>)),
    security(("bearer" = []), ("session" = [])))]
pub async fn budget(State(state): State<AppState>) -> Result<axum::Json<Vec<BudgetDto>>, ApiError> {
    let out = publication::datasets(&state.store)
        .await?
        .into_iter()
        .map(budget_dto)
        .collect();
    Ok(axum::Json(out))
}

/// Tables with suppression.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TablesRequest {
    /// Cells under this count are suppressed, with complementary cells (at least 11).
    #[serde(default = "eleven")]
    pub threshold: u32,
}

/// DP noisy counts.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoisyRequest {
    /// ε.
    pub epsilon: f64,
    /// δ (Gaussian only; 0 for Laplace).
    #[serde(default)]
    pub delta: f64,
    /// `gaussian` or `laplace`.
    #[serde(default = "gaussian")]
    pub mechanism: String,
    /// Noisy counts under this are withheld (at least 11).
    #[serde(default = "eleven")]
    pub threshold: u32,
}

/// DP synthetic microdata.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SynthRequest {
    /// ε.
    pub epsilon: f64,
    /// δ (above 0).
    pub delta: f64,
}

fn eleven() -> u32 {
    11
}

fn gaussian() -> String {
    "gaussian".to_owned()
}

fn two() -> usize {
    2
}

/// A release to prepare.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "series": "Identified victims by sex and age",
    "dataset": "cases",
    "columns": ["yearOfRegistration", "gender", "ageBroad"],
    "length": 2,
    "tables": {"threshold": 11},
    "synthetic": {"epsilon": 2.0, "delta": 1e-6}
}))]
pub struct NewReleaseRequest {
    /// The series' name; the release becomes its next version.
    pub series: String,
    /// `cases` or `hotline`.
    pub dataset: String,
    /// Columns of the dataset.
    pub columns: Vec<String>,
    /// Combinations of 1 to this many columns (1 to 3).
    #[serde(default = "two")]
    pub length: usize,
    /// Tables with suppression.
    pub tables: Option<TablesRequest>,
    /// Noisy counts.
    pub noisy: Option<NoisyRequest>,
    /// Synthetic data.
    pub synthetic: Option<SynthRequest>,
}

/// A release.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseDto {
    /// Id.
    pub id: i64,
    /// Series.
    pub series: String,
    /// Version in the series.
    pub version: i32,
    /// Dataset.
    pub dataset: String,
    /// `computing`, `prepared`, `approved`, `rejected` or `failed`.
    pub state: String,
    /// Percent computed.
    pub progress: i32,
    /// ε spent.
    pub epsilon: f64,
    /// δ spent.
    pub delta: f64,
    /// The plan (tables, noisy, synthetic).
    #[schema(value_type = Object)]
    pub plan: serde_json::Value,
    /// What was computed (internal figures such as the utility included).
    #[schema(value_type = Object)]
    pub summary: Option<serde_json::Value>,
    /// Preparer's user id.
    pub prepared_by: i64,
    /// Prepared at (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub prepared_at: OffsetDateTime,
    /// Decided by.
    pub decided_by: Option<i64>,
    /// Decided at (RFC 3339).
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
    /// The decision's reason.
    pub decision_reason: Option<String>,
    /// File names.
    pub files: Vec<String>,
}

async fn dto(state: &AppState, r: Release) -> Result<ReleaseDto, ApiError> {
    let files = publication::files(&state.store, r.id)
        .await?
        .into_iter()
        .map(|f| f.name)
        .collect();
    Ok(ReleaseDto {
        id: r.id,
        series: r.series,
        version: r.version,
        dataset: r.dataset,
        state: r.state.code().to_owned(),
        progress: r.progress,
        epsilon: r.cost.epsilon,
        delta: r.cost.delta,
        plan: serde_json::to_value(&r.plan).unwrap_or_default(),
        summary: r.summary,
        prepared_by: r.prepared_by,
        prepared_at: r.prepared_at,
        decided_by: r.decided_by,
        decided_at: r.decided_at,
        decision_reason: r.decision_reason,
        files,
    })
}

/// `GET /api/v1/statistics/releases`
#[utoipa::path(get, path = "/api/v1/statistics/releases", tag = "statistics",
    responses((status = 200, description = "Every release, newest first", body = Vec<ReleaseDto>)),
    security(("bearer" = []), ("session" = [])))]
pub async fn list(State(state): State<AppState>) -> Result<axum::Json<Vec<ReleaseDto>>, ApiError> {
    let mut out = Vec::new();
    for r in publication::list(&state.store).await? {
        out.push(dto(&state, r).await?);
    }
    Ok(axum::Json(out))
}

/// `GET /api/v1/statistics/releases/{id}`
#[utoipa::path(get, path = "/api/v1/statistics/releases/{id}", tag = "statistics",
    params(("id" = i64, Path, description = "Release id")),
    responses(
        (status = 200, description = "The release", body = ReleaseDto),
        (status = 404, description = "No such release", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<axum::Json<ReleaseDto>, ApiError> {
    let r = publication::get(&state.store, id).await?;
    Ok(axum::Json(dto(&state, r).await?))
}

fn plan_of(r: &NewReleaseRequest, min_threshold: u32) -> Result<ReleasePlan, FieldErrors> {
    let mut errors = FieldErrors::default();
    let series = r.series.trim();
    if series.is_empty() {
        errors.push(FieldError::required("series"));
    } else if series.chars().count() > MAX_SERIES {
        errors.push(FieldError::too_long("series", MAX_SERIES));
    } else if series.chars().any(char::is_control) {
        errors.push(FieldError::new("series", "control_chars"));
    }
    let plan = ReleasePlan {
        tables: r.tables.as_ref().map(|t| TablesPlan {
            columns: r.columns.clone(),
            length: r.length,
            threshold: t.threshold,
        }),
        noisy: r.noisy.as_ref().map(|n| NoisyPlan {
            columns: r.columns.clone(),
            length: r.length,
            threshold: n.threshold,
            mechanism: n.mechanism.clone(),
            budget: Budget {
                epsilon: n.epsilon,
                delta: n.delta,
            },
        }),
        synthetic: r.synthetic.as_ref().map(|s| SynthPlan {
            columns: r.columns.clone(),
            length: r.length,
            budget: Budget {
                epsilon: s.epsilon,
                delta: s.delta,
            },
        }),
    };
    for e in compute::check_plan(&r.dataset, &plan, min_threshold).0 {
        // The API names the parts' fields as its body does: `tables.threshold`, `noisy.epsilon` …
        let field = match e.field.as_str() {
            "tables" | "noisy" | "synthetic" => "columns".to_owned(),
            f if f.ends_with("_length") => "length".to_owned(),
            f => f.replacen('_', ".", 1),
        };
        if errors.for_field(&field).is_none() {
            errors.push(FieldError { field, ..e });
        }
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// The overspend as a field error naming what is asked and what is left.
pub fn overspend_error(need: Budget, left: Budget) -> FieldErrors {
    FieldError::new("budget", "budget_exceeded")
        .with("need_epsilon", eps(need.epsilon))
        .with("need_delta", crate::pages::publication::delta(need.delta))
        .with("left_epsilon", eps(left.epsilon))
        .with("left_delta", crate::pages::publication::delta(left.delta))
        .into()
}

/// `POST /api/v1/statistics/releases`
#[utoipa::path(post, path = "/api/v1/statistics/releases", tag = "statistics", request_body = NewReleaseRequest,
    responses(
        (status = 202, description = "Prepared and spent; the files are being computed (poll the release)", body = ReleaseDto),
        (status = 422, description = "Invalid fields, or a cost the dataset's budget cannot pay (field `budget`, with what is left)", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(r): Json<NewReleaseRequest>,
) -> Result<(StatusCode, axum::Json<ReleaseDto>), ApiError> {
    let plan = plan_of(&r, state.config.disclosure_threshold)?;
    let by = Spender {
        user_id: Some(v.user_id),
        name: v.login.clone(),
    };
    match publication::prepare(
        &state.store,
        r.series.trim(),
        &r.dataset,
        &plan,
        &by,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?
    {
        Ok(rel) => {
            compute::spawn(&state, rel.id, r.dataset.clone(), plan);
            Ok((StatusCode::ACCEPTED, axum::Json(dto(&state, rel).await?)))
        }
        Err(Refusal::Overspend { need, left }) => {
            Err(ApiError::Validation(overspend_error(need, left)))
        }
        Err(_) => Err(ApiError::Internal),
    }
}

/// A decision on a prepared release.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `approve` or `reject`.
    pub decision: String,
    /// Why (5 to 2000 characters).
    pub reason: String,
}

/// `POST /api/v1/statistics/releases/{id}/decision`
#[utoipa::path(post, path = "/api/v1/statistics/releases/{id}/decision", tag = "statistics", request_body = DecisionRequest,
    params(("id" = i64, Path, description = "Release id")),
    responses(
        (status = 200, description = "Decided", body = ReleaseDto),
        (status = 403, description = "The preparer cannot decide on their own release", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The release is not waiting for a decision", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn decide(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(d): Json<DecisionRequest>,
) -> Result<axum::Json<ReleaseDto>, ApiError> {
    let (decision, reason) = decision_of(&d.decision, &d.reason)?;
    match publication::decide(
        &state.store,
        id,
        decision,
        &reason,
        v.user_id,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?
    {
        Ok(()) => {
            let r = publication::get(&state.store, id).await?;
            Ok(axum::Json(dto(&state, r).await?))
        }
        Err(Refusal::OwnRelease) => Err(ApiError::Forbidden),
        Err(_) => Err(ApiError::Conflict(
            "the release is not waiting for a decision".to_owned(),
        )),
    }
}

/// A published release.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicReleaseDto {
    /// Id.
    pub id: i64,
    /// Series.
    pub series: String,
    /// Version.
    pub version: i32,
    /// Dataset.
    pub dataset: String,
    /// Approved at (RFC 3339).
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    /// ε spent.
    pub epsilon: f64,
    /// δ spent.
    pub delta: f64,
    /// Download addresses of the public files.
    pub files: Vec<String>,
}

/// `GET /api/v1/public/statistics/releases`
#[utoipa::path(get, path = "/api/v1/public/statistics/releases", tag = "statistics",
    responses((status = 200, description = "The approved releases, newest first, with their public files", body = Vec<PublicReleaseDto>)))]
pub async fn public(
    State(state): State<AppState>,
) -> Result<axum::Json<Vec<PublicReleaseDto>>, ApiError> {
    let mut out = Vec::new();
    for r in publication::published(&state.store).await? {
        let files = publication::files(&state.store, r.id)
            .await?
            .into_iter()
            .filter(|f| f.public)
            .map(|f| format!("/public/statistics/releases/{}/files/{}", r.id, f.name))
            .collect();
        out.push(PublicReleaseDto {
            id: r.id,
            series: r.series,
            version: r.version,
            dataset: r.dataset,
            published_at: r.decided_at,
            epsilon: r.cost.epsilon,
            delta: r.cost.delta,
            files,
        });
    }
    Ok(axum::Json(out))
}
