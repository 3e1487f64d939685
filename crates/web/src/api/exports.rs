//! The standard exports as API downloads: `GET /api/v1/exports/htcds` and
//! `GET /api/v1/exports/ctdc` (see [`crate::exports`] for what each holds and who may make it).

use super::Query;
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::ApiError;
use crate::exports::{self, ExportError, ExportParams, Standard};
use axum::extract::State;
use axum::response::Response;

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Invalid(e) => ApiError::Validation(e),
            ExportError::Store(e) => e.into(),
        }
    }
}

async fn export(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    standard: Standard,
    p: &ExportParams,
) -> Result<Response, ApiError> {
    let choice = exports::check(state, p).await?;
    Ok(exports::make(state, v, origin, standard, &choice)
        .await?
        .into_response())
}

/// `GET /api/v1/exports/htcds`
#[utoipa::path(get, path = "/api/v1/exports/htcds", tag = "exports", params(ExportParams),
    responses(
        (status = 200, description = "The HTCDS case data of the cases the caller's record scope reaches, oldest first, one de-identified record per case (no names, documents, contacts or free text), as a file: a JSON array of objects or CSV, keys and columns named as the HTCDS fields (`prs_Gender`, `vic_MethodsOfControl`, `cas_Status`; Mayak's own fields prefixed `mayak_`; multiselect fields are arrays in JSON and `;`-joined in CSV). The export is recorded in the audit trail",
            content((Vec<serde_json::Value> = "application/json"), (String = "text/csv")),
            headers(("content-disposition" = String, description = "`attachment; filename=\"mayak-htcds-….json\"`"))),
        (status = 400, description = "A parameter the endpoint does not take", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown format or region, a malformed date, or a period that ends before it starts", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn htcds(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Query(p): Query<ExportParams>,
) -> Result<Response, ApiError> {
    export(&state, &v, &origin, Standard::Htcds, &p).await
}

/// `GET /api/v1/exports/ctdc`
#[utoipa::path(get, path = "/api/v1/exports/ctdc", tag = "exports", params(ExportParams),
    responses(
        (status = 200, description = "The CTDC submission: every case with consent to anonymised statistics and not found \"not a victim\", registered in the period and of the region, one de-identified record each in CTDC's codes (the codebook's columns with `Datasource` and `majorityStatus`; CTDC age bands, grouped means of control, ISO alpha-3 countries; no case code, dates or region), rows sorted so their order reveals nothing. Record-level: CTDC applies its own k-anonymisation before publishing. As a JSON array of objects (empty values `null`) or CSV (empty cells); recorded in the audit trail",
            content((Vec<serde_json::Value> = "application/json"), (String = "text/csv")),
            headers(("content-disposition" = String, description = "`attachment; filename=\"mayak-ctdc-….csv\"`"))),
        (status = 400, description = "A parameter the endpoint does not take", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown format or region, a malformed date, or a period that ends before it starts", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn ctdc(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Query(p): Query<ExportParams>,
) -> Result<Response, ApiError> {
    export(&state, &v, &origin, Standard::Ctdc, &p).await
}
