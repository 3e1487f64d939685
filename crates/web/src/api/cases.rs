//! The case API: `GET/POST /api/v1/cases`, `GET/PATCH /api/v1/cases/{id}`, consents and
//! services. The same rules as the pages: record scope (404 outside it), field visibility,
//! consent before another organisation's service, and the version an edit was made from.

use super::{Json, Path, Query};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::ApiError;
use crate::pages::cases::{case_in_scope, sees_identity, subject_of};
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::access::{Permission, Scope};
use mayak_domain::case::{
    self as rules, CaseStatus, ConsentPurpose, LegalStatus, NrmPhase, ServiceStatus,
};
use mayak_domain::case_list::{CaseCursor, CaseSort, SortKey};
use mayak_domain::person::{Document, Identity};
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::StoreError;
use mayak_store::audit::AuditEvent;
use mayak_store::cases::{self, Case, CaseChanges, CaseFilter};
use mayak_store::{orgs, persons, reference};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

/// A case as the API shows it. `person` is present only for those who may see identifying data.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDto {
    /// Id.
    pub id: i64,
    /// Pseudonymous code.
    #[schema(example = "BR-2026-00042")]
    pub code: String,
    /// Region (ISO 3166-2:BY).
    pub region: String,
    /// Status (HTCDS): Active, FollowUp, Closed, ClosedReferred.
    pub status: String,
    /// NRM phase.
    pub nrm_phase: String,
    /// Legal status (Law No. 350-Z): MayHaveSuffered, IdentifiedVictim, NotConfirmed.
    pub legal_status: String,
    /// HTCDS trafficking status derived from it: Possible, Actual, NotAVictim.
    pub trafficking_status: String,
    /// Lead organisation id.
    pub lead_organisation_id: i64,
    /// Case manager (user id).
    pub assigned_to: Option<i64>,
    /// Registration date.
    pub registered_on: Date,
    /// Sex (HTCDS code).
    pub sex: String,
    /// CTDC age band at registration.
    pub age_band: Option<String>,
    /// Main exploitation type (HTCDS code).
    pub exploitation_type: Option<String>,
    /// Country of exploitation (ISO alpha-2).
    pub country_of_exploitation: Option<String>,
    /// Closure date.
    pub closed_on: Option<Date>,
    /// Send this back with an edit.
    pub version: i64,
    /// Identifying data, when the caller may see it (the read is audited).
    pub person: Option<PersonDto>,
}

/// A person's identifying data.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonDto {
    /// Family name.
    pub family_name: String,
    /// Given names.
    pub given_names: String,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// Date of birth (YYYY-MM-DD).
    pub birth_date: Option<Date>,
    /// Citizenships (ISO alpha-2).
    #[serde(default)]
    pub citizenships: Vec<String>,
    /// Documents.
    #[serde(default)]
    pub documents: Vec<DocumentDto>,
    /// Phones.
    #[serde(default)]
    pub phones: Vec<String>,
    /// Languages spoken (list `language`).
    #[serde(default)]
    pub languages: Vec<String>,
}

/// An identity document.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentDto {
    /// Type code (list `document_type`).
    pub doc_type: String,
    /// Number.
    pub number: String,
}

impl From<Identity> for PersonDto {
    fn from(i: Identity) -> Self {
        Self {
            family_name: i.family_name,
            given_names: i.given_names,
            patronymic: i.patronymic,
            birth_date: i.birth_date,
            citizenships: i.citizenships,
            documents: i
                .documents
                .into_iter()
                .map(|d| DocumentDto {
                    doc_type: d.doc_type,
                    number: d.number,
                })
                .collect(),
            phones: i.phones,
            languages: i.languages,
        }
    }
}

fn dto(c: Case, person: Option<PersonDto>) -> CaseDto {
    CaseDto {
        id: c.id,
        code: c.code,
        region: c.region,
        status: c.status.code().to_owned(),
        nrm_phase: c.nrm_phase.code().to_owned(),
        trafficking_status: c.legal_status.htcds().to_owned(),
        legal_status: c.legal_status.code().to_owned(),
        lead_organisation_id: c.lead_organisation_id,
        assigned_to: c.assigned_to,
        registered_on: c.registered_on,
        sex: c.sex,
        age_band: c.age_band,
        exploitation_type: c.exploitation_type,
        country_of_exploitation: c.country_of_exploitation,
        closed_on: c.closed_on,
        version: c.version,
        person,
    }
}

fn who(state: &AppState, v: &Viewer, origin: &Origin) -> AuditEvent {
    let mut e = auth::event(v, "", "case", "");
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

async fn in_scope(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<(Case, Scope), ApiError> {
    case_in_scope(state, v, origin, id)
        .await
        .map_err(|e| match e {
            crate::error::PageError::NotFound => ApiError::NotFound,
            crate::error::PageError::Forbidden => ApiError::Forbidden,
            crate::error::PageError::Unavailable => ApiError::Unavailable,
            crate::error::PageError::StorageFull => ApiError::StorageFull,
            _ => ApiError::Internal,
        })
}

fn stale(e: StoreError) -> ApiError {
    match e {
        StoreError::Stale { current } => ApiError::Conflict(format!(
            "stale version; the case is now at version {current}"
        )),
        other => other.into(),
    }
}

/// Filters of the case list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// Status code.
    pub status: Option<String>,
    /// Region code.
    pub region: Option<String>,
    /// NRM phase code.
    pub nrm_phase: Option<String>,
    /// Legal status code.
    pub legal_status: Option<String>,
    /// Exploitation type code.
    pub exploitation_type: Option<String>,
    /// Case code or its beginning.
    pub code: Option<String>,
    /// Exact document number (searched through the blind index).
    pub document_number: Option<String>,
    /// Only cases assigned to this user.
    pub assigned_to: Option<i64>,
    /// Only cases led by this organisation.
    pub lead_organisation: Option<i64>,
    /// Registered on or after this date (YYYY-MM-DD).
    pub registered_from: Option<String>,
    /// Registered on or before this date (YYYY-MM-DD).
    pub registered_until: Option<String>,
    /// Order: `newest` (default), `oldest`, `registered_desc`, `registered_asc`, `code`,
    /// `updated`. With a date range the default is `registered_desc`, with a code prefix `code`.
    pub sort: Option<String>,
    /// Where the next page starts: the `cursor` of the `Link: <…>; rel="next"` header of the
    /// previous page (opaque; valid for the same order only).
    pub cursor: Option<String>,
    /// Cases with ids below this (the next page of the `newest` order; older clients).
    pub before_id: Option<i64>,
    /// Page size, 1–500 (default 50).
    pub limit: Option<i64>,
}

/// `GET /api/v1/cases`
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", params(ListParams),
    responses(
        (status = 200, description = "Cases the caller may reach, in the chosen order, without identifying data; a full page carries the next page's address in `Link`", body = Vec<CaseDto>,
            headers(("link" = String, description = "`</api/v1/cases?…&cursor=…>; rel=\"next\"` when there may be more"))),
        (status = 422, description = "An unknown code", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<ListParams>,
) -> Result<axum::response::Response, ApiError> {
    let mut e = FieldErrors::default();
    let parse = |field: &str, raw: &Option<String>, f: fn(&str) -> bool, e: &mut FieldErrors| {
        if let Some(r) = raw
            && !f(r)
        {
            e.push(FieldError::unknown_code(field.to_owned()));
        }
    };
    parse(
        "status",
        &p.status,
        |s| CaseStatus::parse(s).is_some(),
        &mut e,
    );
    parse(
        "nrm_phase",
        &p.nrm_phase,
        |s| NrmPhase::parse(s).is_some(),
        &mut e,
    );
    parse(
        "legal_status",
        &p.legal_status,
        |s| LegalStatus::parse(s).is_some(),
        &mut e,
    );
    if let Some(r) = &p.region
        && !reference::exists(&state.store, ListKind::Region, r).await?
    {
        e.push(FieldError::unknown_code("region"));
    }
    let date = |field: &str, raw: &Option<String>, e: &mut FieldErrors| {
        crate::forms::parse_date(field, raw.as_deref().unwrap_or(""), e, false)
    };
    let registered_from = date("registered_from", &p.registered_from, &mut e);
    let registered_until = date("registered_until", &p.registered_until, &mut e);
    if let (Some(a), Some(b)) = (registered_from, registered_until)
        && b < a
    {
        e.push(FieldError::new("registered_until", "before_start"));
    }
    let sort = match p.sort.as_deref() {
        Some(code) => CaseSort::parse(code).unwrap_or_else(|| {
            e.push(FieldError::unknown_code("sort"));
            CaseSort::Newest
        }),
        None => CaseSort::default_for(
            registered_from.is_some() || registered_until.is_some(),
            p.code.is_some(),
        ),
    };
    let after = match (&p.cursor, p.before_id) {
        (Some(c), _) => {
            let parsed = CaseCursor::parse(sort, c);
            if parsed.is_none() {
                e.push(FieldError::new("cursor", "cursor_invalid"));
            }
            parsed
        }
        (None, Some(id)) if sort == CaseSort::Newest => Some(CaseCursor {
            key: SortKey::Id,
            id,
        }),
        (None, Some(_)) => {
            e.push(FieldError::new("before_id", "cursor_invalid"));
            None
        }
        (None, None) => None,
    };
    if let Some(l) = p.limit
        && !(1..=500).contains(&l)
    {
        e.push(
            FieldError::new("limit", "out_of_range")
                .with("min", "1")
                .with("max", "500"),
        );
    }
    if !e.is_empty() {
        return Err(ApiError::Validation(e));
    }
    let person_ids = match &p.document_number {
        Some(n) => Some(
            persons::find(
                &state.store,
                &state.vault,
                persons::INDEX_DOCUMENT,
                &mayak_domain::crypto::normalise_document(n),
            )
            .await?,
        ),
        None => None,
    };
    let filter = CaseFilter {
        status: p.status.as_deref().and_then(CaseStatus::parse),
        region: p.region.clone(),
        phase: p.nrm_phase.as_deref().and_then(NrmPhase::parse),
        legal_status: p.legal_status.as_deref().and_then(LegalStatus::parse),
        exploitation_type: p.exploitation_type.clone(),
        code_prefix: p.code.clone(),
        person_ids,
        assigned_to: p.assigned_to,
        lead_organisation: p.lead_organisation,
        registered_from,
        registered_until,
        sort,
        after,
        limit: p.limit.unwrap_or(50),
    };
    let subject = subject_of(&state, &v).await?;
    let rows = cases::list(&state.store, &filter, &subject).await?;
    let next = (rows.len() as i64 == filter.limit)
        .then(|| rows.last())
        .flatten()
        .map(|last| next_link(&p, sort, &last.cursor(sort)));
    let body: Vec<CaseDto> = rows.into_iter().map(|c| dto(c, None)).collect();
    let mut res = axum::response::IntoResponse::into_response(axum::Json(body));
    if let Some(link) = next
        && let Ok(v) = axum::http::HeaderValue::from_str(&link)
    {
        res.headers_mut().insert(axum::http::header::LINK, v);
    }
    Ok(res)
}

/// The `Link` header of the next page: the same query with the cursor of the last row.
fn next_link(p: &ListParams, sort: CaseSort, cursor: &CaseCursor) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let text = [
        ("status", &p.status),
        ("region", &p.region),
        ("nrm_phase", &p.nrm_phase),
        ("legal_status", &p.legal_status),
        ("exploitation_type", &p.exploitation_type),
        ("code", &p.code),
        ("document_number", &p.document_number),
        ("registered_from", &p.registered_from),
        ("registered_until", &p.registered_until),
    ];
    for (name, value) in text {
        if let Some(v) = value {
            pairs.push((name, v.clone()));
        }
    }
    for (name, value) in [
        ("assigned_to", p.assigned_to),
        ("lead_organisation", p.lead_organisation),
        ("limit", p.limit),
    ] {
        if let Some(v) = value {
            pairs.push((name, v.to_string()));
        }
    }
    pairs.push(("sort", sort.code().to_owned()));
    pairs.push(("cursor", cursor.encode()));
    format!(
        "</api/v1/cases?{}>; rel=\"next\"",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

/// `GET /api/v1/cases/{id}`
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, description = "The case; `person` only for those who may see it (the read is audited)", body = CaseDto),
        (status = 404, description = "No such case, or outside the caller's scope", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<axum::Json<CaseDto>, ApiError> {
    let (c, scope) = in_scope(&state, &v, &origin, id).await?;
    let consents = cases::consents(&state.store, c.id).await?;
    let person = if sees_identity(&v, scope, &c, &consents) {
        let mut reader = who(&state, &v, &origin);
        reader.reason = Some(format!("case {}", c.code));
        match persons::read(
            &state.store,
            &state.vault,
            c.person_id,
            &reader,
            state.clock.now(),
        )
        .await
        {
            Ok(i) => Some(i.into()),
            Err(StoreError::Erased) => None,
            Err(e) => return Err(e.into()),
        }
    } else {
        None
    };
    Ok(axum::Json(dto(c, person)))
}

/// Intake through the API.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "region": "BY-HM",
    "registered_on": "2025-03-14",
    "sex": "Female",
    "exploitation_type": "ForcedLabour",
    "country_of_exploitation": "PL",
    "person": {
        "family_name": "Ковалёва",
        "given_names": "Ирина",
        "patronymic": "Сергеевна",
        "birth_date": "1994-06-02",
        "citizenships": ["BY"],
        "documents": [{"doc_type": "Passport", "number": "AE1000001"}],
        "phones": ["+375 29 200-10-01"]
    }
}))]
pub struct NewCaseRequest {
    /// Region code (ISO 3166-2:BY).
    #[schema(example = "BY-BR")]
    pub region: String,
    /// Registration date (default today).
    pub registered_on: Option<Date>,
    /// Sex (HTCDS code).
    #[schema(example = "Female")]
    pub sex: String,
    /// Lead organisation (default the caller's).
    pub lead_organisation_id: Option<i64>,
    /// Case manager.
    pub assigned_to: Option<i64>,
    /// Main exploitation type.
    pub exploitation_type: Option<String>,
    /// Country of exploitation (ISO alpha-2).
    pub country_of_exploitation: Option<String>,
    /// The person.
    pub person: PersonDto,
}

/// `POST /api/v1/cases`
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = NewCaseRequest,
    responses(
        (status = 201, description = "The case and its person were registered", body = CaseDto),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(r): Json<NewCaseRequest>,
) -> Result<(StatusCode, axum::Json<CaseDto>), ApiError> {
    let today = state.clock.now().date();
    let mut e = FieldErrors::default();
    for (field, value) in [("region", &r.region), ("sex", &r.sex)] {
        if value.trim().is_empty() {
            e.push(FieldError::required(field));
        }
    }
    for (field, list, value) in [
        (
            "region",
            ListKind::Region,
            Some(&r.region).filter(|v| !v.trim().is_empty()),
        ),
        (
            "sex",
            ListKind::Sex,
            Some(&r.sex).filter(|v| !v.trim().is_empty()),
        ),
        (
            "exploitation_type",
            ListKind::ExploitationType,
            r.exploitation_type.as_ref(),
        ),
        (
            "country_of_exploitation",
            ListKind::Country,
            r.country_of_exploitation.as_ref(),
        ),
    ] {
        if let Some(v) = value
            && !reference::is_active(&state.store, list, v).await?
        {
            e.push(FieldError::unknown_code(field));
        }
    }
    for (i, c) in r.person.citizenships.iter().enumerate() {
        if !reference::is_active(&state.store, ListKind::Country, c).await? {
            e.push(FieldError::unknown_code(format!(
                "person.citizenships[{i}]"
            )));
        }
    }
    for (i, l) in r.person.languages.iter().enumerate() {
        if !reference::is_active(&state.store, ListKind::Language, l).await? {
            e.push(FieldError::unknown_code(format!("person.languages[{i}]")));
        }
    }
    for (i, d) in r.person.documents.iter().enumerate() {
        if !reference::is_active(&state.store, ListKind::DocumentType, &d.doc_type).await? {
            e.push(FieldError::unknown_code(format!(
                "person.documents[{i}].doc_type"
            )));
        }
    }
    let registered_on = r.registered_on.unwrap_or(today);
    if registered_on > today {
        e.push(FieldError::new("registered_on", "date_out_of_range"));
    }
    let lead = r.lead_organisation_id.unwrap_or(v.organisation_id);
    if orgs::get_organisation(&state.store, lead).await.is_err() {
        e.push(FieldError::unknown_code("lead_organisation_id"));
    } else {
        crate::pages::cases::check_assignee(&state, &mut e, r.assigned_to, Some(lead)).await?;
    }
    let identity = Identity {
        family_name: r.person.family_name.trim().to_owned(),
        given_names: r.person.given_names.trim().to_owned(),
        patronymic: r.person.patronymic.filter(|p| !p.trim().is_empty()),
        birth_date: r.person.birth_date,
        citizenships: r.person.citizenships,
        documents: r
            .person
            .documents
            .into_iter()
            .map(|d| Document {
                doc_type: d.doc_type,
                number: d.number,
                country: None,
            })
            .collect(),
        phones: r.person.phones,
        languages: r.person.languages,
        ..Default::default()
    };
    if let Err(errs) = identity.validate(today) {
        e.0.extend(errs.0.into_iter().map(|mut f| {
            f.field = format!("person.{}", f.field);
            f
        }));
    }
    if !e.is_empty() {
        return Err(ApiError::Validation(e));
    }
    let new = cases::NewCase {
        region: r.region,
        lead_organisation_id: lead,
        assigned_to: r.assigned_to,
        registered_on,
        sex: r.sex,
        identity,
        exploitation_type: r.exploitation_type,
        country_of_exploitation: r.country_of_exploitation,
        nrm_phase: NrmPhase::Identification,
    };
    let c = cases::create(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        &new,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(dto(c, None))))
}

/// A change to a case, made from `version`. Absent fields keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "version": 3,
    "status": "Closed",
    "closure_reason": "Assistance completed; the person returned to her family",
    "reintegration_outcome": "Employed, living independently"
}))]
pub struct PatchCaseRequest {
    /// The version the change was made from (from the last read).
    pub version: i64,
    /// Status.
    pub status: Option<String>,
    /// NRM phase.
    pub nrm_phase: Option<String>,
    /// Case manager (user id).
    pub assigned_to: Option<i64>,
    /// Main exploitation type.
    pub exploitation_type: Option<String>,
    /// Country of exploitation.
    pub country_of_exploitation: Option<String>,
    /// Closure reason (required when closing).
    pub closure_reason: Option<String>,
    /// Reintegration outcome.
    pub reintegration_outcome: Option<String>,
}

/// `PATCH /api/v1/cases/{id}`
#[utoipa::path(patch, path = "/api/v1/cases/{id}", tag = "cases", request_body = PatchCaseRequest,
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, description = "The changed case", body = CaseDto),
        (status = 404, description = "No such case, or outside the caller's scope", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Stale: someone changed the case since `version`", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn patch(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<PatchCaseRequest>,
) -> Result<axum::Json<CaseDto>, ApiError> {
    let (c, scope) = in_scope(&state, &v, &origin, id).await?;
    if matches!(scope, Scope::RegionGroup | Scope::ReferredToOrganisation)
        || !v.can(Permission::CasesEdit)
    {
        return Err(ApiError::Forbidden);
    }
    let mut e = FieldErrors::default();
    let mut changes = CaseChanges::of(&c);
    if let Some(s) = &r.status {
        match CaseStatus::parse(s) {
            Some(s) => changes.status = s,
            None => e.push(FieldError::unknown_code("status")),
        }
    }
    if let Some(p) = &r.nrm_phase {
        match NrmPhase::parse(p) {
            Some(p) => changes.nrm_phase = p,
            None => e.push(FieldError::unknown_code("nrm_phase")),
        }
    }
    for (field, list, value) in [
        (
            "exploitation_type",
            ListKind::ExploitationType,
            &r.exploitation_type,
        ),
        (
            "country_of_exploitation",
            ListKind::Country,
            &r.country_of_exploitation,
        ),
    ] {
        if let Some(v) = value
            && !reference::is_active(&state.store, list, v).await?
        {
            e.push(FieldError::unknown_code(field));
        }
    }
    if r.assigned_to.is_some() && r.assigned_to != c.assigned_to {
        crate::pages::cases::check_assignee(
            &state,
            &mut e,
            r.assigned_to,
            Some(c.lead_organisation_id),
        )
        .await?;
        changes.assigned_to = r.assigned_to;
    }
    if r.exploitation_type.is_some() {
        changes.exploitation_type = r.exploitation_type;
    }
    if r.country_of_exploitation.is_some() {
        changes.country_of_exploitation = r.country_of_exploitation;
    }
    if r.closure_reason.is_some() {
        changes.closure_reason = r.closure_reason;
    }
    if r.reintegration_outcome.is_some() {
        changes.reintegration_outcome = r.reintegration_outcome;
    }
    if changes.status.is_closed()
        && let Err(errs) = rules::check_closure(
            changes.status,
            changes.closure_reason.as_deref().unwrap_or_default(),
        )
    {
        e.0.extend(errs.0);
    }
    if !e.is_empty() {
        return Err(ApiError::Validation(e));
    }
    let updated = cases::update(
        &state.store,
        c.id,
        r.version,
        &changes,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    .map_err(stale)?;
    Ok(axum::Json(dto(updated, None)))
}

/// A consent to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "purpose": "Referral",
    "organisation_id": 12,
    "given_by": "person",
    "form": "SignedPaper",
    "given_on": "2025-03-14"
}))]
pub struct ConsentRequest {
    /// Processing, Referral, LawEnforcementSharing, AnonymisedStatistics or RehabilitationStay.
    pub purpose: String,
    /// The organisation a referral consent names.
    pub organisation_id: Option<i64>,
    /// `person` or `representative` (for a child under 16).
    pub given_by: String,
    /// Form code (list `consent_form`).
    pub form: String,
    /// Date given.
    pub given_on: Date,
}

/// A recorded consent's id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Id of the new record.
    pub id: i64,
}

/// `POST /api/v1/cases/{id}/consents`
#[utoipa::path(post, path = "/api/v1/cases/{id}/consents", tag = "cases", request_body = ConsentRequest,
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 201, description = "Recorded", body = Created),
              (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn add_consent(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<ConsentRequest>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let (c, scope) = in_scope(&state, &v, &origin, id).await?;
    if matches!(scope, Scope::RegionGroup | Scope::ReferredToOrganisation) {
        return Err(ApiError::Forbidden);
    }
    let mut e = FieldErrors::default();
    let purpose = ConsentPurpose::parse(&r.purpose);
    if purpose.is_none() {
        e.push(FieldError::unknown_code("purpose"));
    }
    if purpose == Some(ConsentPurpose::Referral) && r.organisation_id.is_none() {
        e.push(FieldError::new("organisation_id", "required_for_referral"));
    }
    if let Some(o) = r.organisation_id
        && orgs::get_organisation(&state.store, o).await.is_err()
    {
        e.push(FieldError::unknown_code("organisation_id"));
    }
    crate::pages::cases::check_consent_giver(
        &state,
        &c,
        &who(&state, &v, &origin),
        &r.given_by,
        r.given_on,
        &mut e,
    )
    .await?;
    if !reference::is_active(&state.store, ListKind::ConsentForm, &r.form).await? {
        e.push(FieldError::unknown_code("form"));
    }
    if r.given_on > state.clock.now().date() {
        e.push(FieldError::new("given_on", "date_out_of_range"));
    }
    let Some(purpose) = purpose.filter(|_| e.is_empty()) else {
        return Err(ApiError::Validation(e));
    };
    let org = if purpose == ConsentPurpose::Referral {
        r.organisation_id
    } else {
        None
    };
    let id = cases::add_consent(
        &state.store,
        c.id,
        purpose,
        org,
        &r.given_by,
        &r.form,
        r.given_on,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// A service to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "service_type": "Psychological",
    "provider_organisation_id": 12,
    "start_on": "2025-03-20",
    "cost_cents": 12550
}))]
pub struct ServiceRequest {
    /// Service type (list `service_type`).
    pub service_type: String,
    /// Provider organisation (default the lead organisation).
    pub provider_organisation_id: Option<i64>,
    /// Start date.
    pub start_on: Option<Date>,
    /// Cost in kopecks (BYN × 100).
    pub cost_cents: Option<i64>,
}

/// `POST /api/v1/cases/{id}/services`
#[utoipa::path(post, path = "/api/v1/cases/{id}/services", tag = "cases", request_body = ServiceRequest,
    params(("id" = i64, Path, description = "Case id")),
    responses((status = 201, description = "Added", body = Created),
              (status = 422, description = "Invalid fields, or the person's consent to a referral to the provider is missing (code `consent_missing`)", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn add_service(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<ServiceRequest>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let (c, scope) = in_scope(&state, &v, &origin, id).await?;
    if matches!(scope, Scope::RegionGroup | Scope::ReferredToOrganisation) {
        return Err(ApiError::Forbidden);
    }
    let mut e = FieldErrors::default();
    if !reference::is_active(&state.store, ListKind::ServiceType, &r.service_type).await? {
        e.push(FieldError::unknown_code("service_type"));
    }
    let provider = r.provider_organisation_id.unwrap_or(c.lead_organisation_id);
    match orgs::get_organisation(&state.store, provider).await {
        Ok(p) if p.id != c.lead_organisation_id => {
            let consents: Vec<_> = cases::consents(&state.store, c.id)
                .await?
                .iter()
                .map(mayak_store::cases::Consent::facts)
                .collect();
            if let Err(err) =
                rules::require_consent(&consents, ConsentPurpose::Referral, Some(p.id))
            {
                e.push(err.with("organisation_name", p.name_en.clone()));
            }
        }
        Ok(_) => {}
        Err(_) => e.push(FieldError::unknown_code("provider_organisation_id")),
    }
    if r.cost_cents
        .is_some_and(|c| !(0..1_000_000_000).contains(&c))
    {
        e.push(FieldError::new("cost_cents", "amount_format"));
    }
    if !e.is_empty() {
        return Err(ApiError::Validation(e));
    }
    let id = cases::add_service(
        &state.store,
        c.id,
        &r.service_type,
        provider,
        ServiceStatus::Planned,
        r.start_on,
        r.cost_cents,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}
