//! `GET /api/v1/reference…`: the reference lists.

use super::{Json as Body, Path, Query};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use mayak_domain::ListKind;
use mayak_domain::reference::NewEntry;
use mayak_store::StoreError;
use mayak_store::reference;
use serde::{Deserialize, Serialize};
#[allow(unused_imports)]
use serde_json::json;
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
    Ok(Json(entries.into_iter().map(EntryDto::from).collect()))
}

impl From<reference::Entry> for EntryDto {
    fn from(e: reference::Entry) -> Self {
        EntryDto {
            code: e.code,
            label_ru: e.label_ru,
            label_be: e.label_be,
            label_en: e.label_en,
            parent: e.parent,
            alt_code: e.alt_code,
            kind: e.kind,
            builtin: e.builtin,
            retired: e.retired,
        }
    }
}

/// A new entry of an extensible list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEntryRequest {
    /// Stable code: Latin letters, digits and `-_+.`, at most 64 characters.
    #[schema(example = "Signal")]
    pub code: String,
    /// Russian label.
    pub label_ru: String,
    /// Belarusian label.
    pub label_be: String,
    /// English label.
    pub label_en: String,
}

/// `POST /api/v1/reference/{list}`
#[utoipa::path(post, path = "/api/v1/reference/{list}", tag = "reference", request_body = NewEntryRequest,
    params(("list" = String, Path, description = "An extensible list, e.g. `recruitment_app`")),
    responses(
        (status = 201, description = "Added at the end of the list", body = EntryDto),
        (status = 409, description = "The code is taken", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or the list is fixed by a standard", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn add(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(list): Path<String>,
    Body(req): Body<NewEntryRequest>,
) -> Result<(axum::http::StatusCode, Json<EntryDto>), ApiError> {
    let kind = ListKind::parse(&list).ok_or(ApiError::NotFound)?;
    let entry = NewEntry::parse(kind, &req.code, &req.label_ru, &req.label_be, &req.label_en)?;
    let added = reference::add(&state.store, &entry, state.clock.now()).await?;
    let mut ev = auth::event(&v, "reference.add", kind.code(), entry.code.as_str());
    ev.fields = Some("code,label_ru,label_be,label_en".into());
    auth::audit(&state, ev, &origin).await;
    Ok((axum::http::StatusCode::CREATED, Json(added.into())))
}

async fn set_retired(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    list: &str,
    code: &str,
    retired: bool,
) -> Result<Json<EntryDto>, ApiError> {
    let kind = ListKind::parse(list).ok_or(ApiError::NotFound)?;
    let e = reference::set_retired(&state.store, kind, code, retired, state.clock.now())
        .await
        .map_err(|e| match e {
            StoreError::NotFound => ApiError::NotFound,
            other => other.into(),
        })?;
    let action = if retired {
        "reference.retire"
    } else {
        "reference.restore"
    };
    auth::audit(state, auth::event(v, action, kind.code(), code), origin).await;
    Ok(Json(e.into()))
}

/// `POST /api/v1/reference/{list}/{code}/retire`
#[utoipa::path(post, path = "/api/v1/reference/{list}/{code}/retire", tag = "reference",
    params(("list" = String, Path, description = "List name"), ("code" = String, Path, description = "Entry code")),
    responses((status = 200, description = "Retired: kept on old records, not offered for new ones", body = EntryDto),
              (status = 404, description = "No such entry", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn retire(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((list, code)): Path<(String, String)>,
) -> Result<Json<EntryDto>, ApiError> {
    set_retired(&state, &v, &origin, &list, &code, true).await
}

/// `POST /api/v1/reference/{list}/{code}/restore`
#[utoipa::path(post, path = "/api/v1/reference/{list}/{code}/restore", tag = "reference",
    params(("list" = String, Path, description = "List name"), ("code" = String, Path, description = "Entry code")),
    responses((status = 200, description = "Offered for new records again", body = EntryDto),
              (status = 404, description = "No such entry", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn restore(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((list, code)): Path<(String, String)>,
) -> Result<Json<EntryDto>, ApiError> {
    set_retired(&state, &v, &origin, &list, &code, false).await
}
