//! `GET /api/v1/reference…`: the reference lists.

use super::{Path, Query};
use crate::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use mayak_domain::ListKind;
use mayak_store::reference;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A reference list with its size.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListSummary {
    /// List name, e.g. `hotline_topic`.
    #[schema(example = "hotline_topic")]
    pub list: String,
    /// Entries that new records may use.
    pub active: i64,
    /// Entries kept only for old records.
    pub retired: i64,
    /// Whether administrators may add entries.
    pub extensible: bool,
}

/// `GET /api/v1/reference`
#[utoipa::path(get, path = "/api/v1/reference", tag = "reference",
    responses((status = 200, description = "Every reference list", body = Vec<ListSummary>)))]
pub async fn lists(State(state): State<AppState>) -> Result<Json<Vec<ListSummary>>, ApiError> {
    let counts = reference::counts(&state.store).await?;
    Ok(Json(
        counts
            .into_iter()
            .map(|(k, active, retired)| ListSummary {
                list: k.code().to_owned(),
                active,
                retired,
                extensible: k.extensible(),
            })
            .collect(),
    ))
}

/// One entry of a reference list.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryDto {
    /// Stable code used in exports (the standard's code where one exists).
    #[schema(example = "PassportAndVisa")]
    pub code: String,
    /// Russian label.
    pub label_ru: String,
    /// Belarusian label.
    pub label_be: String,
    /// English label.
    pub label_en: String,
    /// Parent code (the region of a place).
    pub parent: Option<String>,
    /// Second code (ISO alpha-3 of a country).
    pub alt_code: Option<String>,
    /// Sub-kind (`city` or `district` for places).
    pub kind: Option<String>,
    /// Shipped with Mayak (true) or added by an administrator.
    pub builtin: bool,
    /// Retired entries are not offered for new records.
    pub retired: bool,
}

/// Options of the entry listing.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct EntriesQuery {
    /// Include retired entries (default false).
    #[serde(default)]
    pub include_retired: bool,
}

/// `GET /api/v1/reference/{list}`
#[utoipa::path(get, path = "/api/v1/reference/{list}", tag = "reference",
    params(("list" = String, Path, description = "List name, e.g. `region`, `country`, `hotline_topic`"), EntriesQuery),
    responses(
        (status = 200, description = "Entries in display order", body = Vec<EntryDto>),
        (status = 404, description = "No such list", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn entries(
    State(state): State<AppState>,
    Path(list): Path<String>,
    Query(q): Query<EntriesQuery>,
) -> Result<Json<Vec<EntryDto>>, ApiError> {
    let kind = ListKind::parse(&list).ok_or(ApiError::NotFound)?;
    let entries = reference::list(&state.store, kind, q.include_retired).await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|e| EntryDto {
                code: e.code,
                label_ru: e.label_ru,
                label_be: e.label_be,
                label_en: e.label_en,
                parent: e.parent,
                alt_code: e.alt_code,
                kind: e.kind,
                builtin: e.builtin,
                retired: e.retired,
            })
            .collect(),
    ))
}
