//! The privacy budget of the statistics datasets (`/admin/privacy-budget`): what each dataset
//! may spend in all (ε, δ), what releases have spent and what is left, and the form by which
//! whoever governs disclosure (not the analysts who spend it) sets the total, with a reason
//! kept in the audit trail. The total never goes below what was spent.

use super::publication::{delta, eps};
use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::{FieldError, FieldErrors};
use mayak_stats::dp::Budget;
use mayak_store::publication::{self, Dataset, Refusal};

/// The largest total ε accepted: beyond it a "privacy budget" protects no one.
pub const MAX_EPSILON: f64 = 100.0;
/// δ must stay far below 1/n; totals from 0.001 up are refused.
pub const MAX_DELTA: f64 = 1e-3;

/// A new total read from a form or an API body.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTotal {
    /// The dataset's code.
    pub dataset: String,
    /// The total.
    pub total: Budget,
    /// Why it changes.
    pub reason: String,
}

/// Reads a new total from the form's text fields (see [`check_total`]).
pub fn new_total(
    datasets: &[Dataset],
    dataset: &str,
    epsilon: &str,
    delta: &str,
    reason: &str,
) -> Result<NewTotal, FieldErrors> {
    check_total(
        datasets,
        dataset,
        (FieldName("epsilon"), epsilon.trim().parse().ok()),
        (FieldName("delta"), delta.trim().parse().ok()),
        reason,
    )
}

/// The name a field has where the value came from (the form's `epsilon`, the API's
/// `epsilon_total`), so that errors point at it.
#[derive(Debug, Clone, Copy)]
pub struct FieldName(pub &'static str);

/// Checks a new total: a known dataset, ε in 0..=100, δ in 0..0.001 (`None`: not a number),
/// a reason of 5 to 2000 characters.
pub fn check_total(
    datasets: &[Dataset],
    dataset: &str,
    epsilon: (FieldName, Option<f64>),
    delta: (FieldName, Option<f64>),
    reason: &str,
) -> Result<NewTotal, FieldErrors> {
    let mut errors = FieldErrors::default();
    if dataset.is_empty() {
        errors.push(FieldError::required("dataset"));
    } else if !datasets.iter().any(|d| d.code == dataset) {
        errors.push(FieldError::unknown_code("dataset"));
    }
    let e = match epsilon.1 {
        Some(e) if e.is_finite() && (0.0..=MAX_EPSILON).contains(&e) => e,
        _ => {
            errors.push(FieldError::new(epsilon.0.0, "budget_epsilon_range"));
            0.0
        }
    };
    let d = match delta.1 {
        Some(d) if d.is_finite() && (0.0..MAX_DELTA).contains(&d) => d,
        _ => {
            errors.push(FieldError::new(delta.0.0, "budget_delta_range"));
            0.0
        }
    };
    let reason = reason.trim();
    let n = reason.chars().count();
    if n < super::publication::MIN_REASON {
        errors.push(FieldError::new("reason", "reason_required"));
    } else if n > super::publication::MAX_REASON {
        errors.push(FieldError::too_long(
            "reason",
            super::publication::MAX_REASON,
        ));
    } else if reason
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        errors.push(FieldError::new("reason", "control_chars"));
    }
    if errors.is_empty() {
        Ok(NewTotal {
            dataset: dataset.to_owned(),
            total: Budget {
                epsilon: e,
                delta: d,
            },
            reason: reason.to_owned(),
        })
    } else {
        Err(errors)
    }
}

/// The refusal to go below what was spent, in the viewer's language.
pub fn below_spent_message(b: &Base, spent: Budget) -> String {
    b.ts(
        "field-budget-below-spent",
        &[
            ("epsilon", &eps(spent.epsilon)),
            ("delta", &delta(spent.delta)),
        ],
    )
}

#[derive(Template)]
#[template(path = "privacy_budget.html")]
struct BudgetPage {
    b: Base,
    datasets: Vec<Dataset>,
    form: FormPairs,
    errors: Errors,
    refusal: Option<String>,
    notice: Option<String>,
}

impl BudgetPage {
    /// Spent as a share of the total, in per cent (0 when the total is 0).
    fn spent_percent(&self, d: &Dataset) -> u32 {
        if d.total.epsilon <= 0.0 {
            return if d.spent.epsilon > 0.0 { 100 } else { 0 };
        }
        ((d.spent.epsilon / d.total.epsilon) * 100.0)
            .round()
            .clamp(0.0, 100.0) as u32
    }
}

/// The page's notice after a change.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Notice {
    notice: Option<String>,
}

async fn page(
    state: &AppState,
    b: Base,
    form: FormPairs,
    errors: Errors,
    refusal: Option<String>,
    notice: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let datasets = publication::datasets(&state.store).await?;
    let mut r = render(&BudgetPage {
        b,
        datasets,
        form,
        errors,
        refusal,
        notice,
    })?;
    *r.status_mut() = status;
    Ok(r)
}

/// `GET /admin/privacy-budget`
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice =
        q.0.notice
            .filter(|n| n == "budget-set")
            .map(|_| b.t("budget-notice-set"));
    page(
        &state,
        b,
        FormPairs::default(),
        Errors::default(),
        None,
        notice,
        StatusCode::OK,
    )
    .await
}

/// `POST /admin/privacy-budget`: sets one dataset's total.
pub async fn set(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let datasets = publication::datasets(&state.store).await?;
    let t = match new_total(
        &datasets,
        form.get("dataset"),
        form.get("epsilon"),
        form.get("delta"),
        form.get("reason"),
    ) {
        Ok(t) => t,
        Err(e) => {
            let errors = Errors::from(&b.tr, &e);
            return page(
                &state,
                b,
                form,
                errors,
                None,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let who = super::publication::who(&state, &v, &origin);
    match publication::set_total(
        &state.store,
        &t.dataset,
        t.total,
        &t.reason,
        &who,
        state.clock.now(),
    )
    .await?
    {
        Ok(()) => Ok(Redirect::to("/admin/privacy-budget?notice=budget-set").into_response()),
        Err(Refusal::Overspend { need, .. }) => {
            let msg = below_spent_message(&b, need);
            page(
                &state,
                b,
                form,
                Errors::default(),
                Some(msg),
                None,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(_) => Err(PageError::Internal),
    }
}
