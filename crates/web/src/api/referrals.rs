//! The referral API: send a referral (or a transfer of the case lead) from a case, list the
//! organisation's incoming and outgoing referrals, and move them (accept, decline, start,
//! complete, cancel). The same checks as the pages (`pages::referrals::check_new` and `act`):
//! the person's consent to a referral to the receiver, a supervisor's override with a reason,
//! and the state machine of `domain::referral`.

use super::{Json, Path, Query};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::{ApiError, PageError};
use crate::pages::referrals::{self as pages, Request};
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::referral::ReferralAction;
use mayak_store::cases::Case;
use mayak_store::referrals::{self, Direction, Referral};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

/// A referral as the API shows it (pseudonymous: the case by id and code).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralDto {
    /// Id.
    pub id: i64,
    /// `services` or `transfer` (of the case lead).
    pub kind: String,
    /// The case.
    pub case_id: i64,
    /// Its code.
    #[schema(example = "HO-2026-00042")]
    pub case_code: String,
    /// Sending organisation.
    pub from_organisation_id: i64,
    /// Receiving organisation.
    pub to_organisation_id: i64,
    /// `sent`, `accepted`, `declined`, `in_progress`, `completed`, `cancelled`.
    #[schema(example = "sent")]
    pub state: String,
    /// What the receiver may see: `needs_only`, `needs_and_contacts`, `full_assessment`.
    pub disclosure: String,
    /// Requested service types (list `service_type`).
    pub services: Vec<String>,
    /// Accept or decline by.
    pub accept_due_on: Date,
    /// Complete by.
    pub complete_due_on: Option<Date>,
    /// `acceptance` or `completion` when overdue today.
    pub overdue: Option<String>,
    /// Sent without consent (a supervisor's override, flagged for review); the reason is
    /// shown to the sender only.
    pub consent_overridden: bool,
    /// The override's reason (sender only).
    pub override_reason: Option<String>,
    /// Decline reason code.
    pub decline_reason: Option<String>,
    /// When sent.
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    /// When accepted.
    #[serde(with = "time::serde::rfc3339::option")]
    pub accepted_at: Option<OffsetDateTime>,
    /// When completed.
    #[serde(with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
}

fn dto(r: Referral, viewer_org: i64, today: Date) -> ReferralDto {
    let sender = r.from_organisation_id == viewer_org;
    ReferralDto {
        id: r.id,
        kind: r.kind.code().to_owned(),
        case_id: r.case_id,
        overdue: r.overdue(today).map(|o| o.code().to_owned()),
        case_code: r.case_code,
        from_organisation_id: r.from_organisation_id,
        to_organisation_id: r.to_organisation_id,
        state: r.state.code().to_owned(),
        disclosure: r.disclosure.code().to_owned(),
        services: r.services,
        accept_due_on: r.accept_due_on,
        complete_due_on: r.complete_due_on,
        consent_overridden: r.override_reason.is_some(),
        override_reason: if sender { r.override_reason } else { None },
        decline_reason: r.decline_reason.map(|d| d.code().to_owned()),
        sent_at: r.sent_at,
        accepted_at: r.accepted_at,
        completed_at: r.completed_at,
    }
}

fn api(e: PageError) -> ApiError {
    match e {
        PageError::NotFound => ApiError::NotFound,
        PageError::Forbidden => ApiError::Forbidden,
        PageError::Unavailable => ApiError::Unavailable,
        PageError::BadRequest => ApiError::InvalidQuery("malformed request".to_owned()),
        _ => ApiError::Internal,
    }
}

async fn editable(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<Case, ApiError> {
    crate::pages::cases::editable(state, v, origin, id)
        .await
        .map_err(api)
}

fn who(state: &AppState, v: &Viewer, origin: &Origin) -> mayak_store::audit::AuditEvent {
    let mut e = auth::event(v, "", "referral", "");
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

/// A referral to send.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "to_organisation_id": 44,
    "services": ["Shelter", "Psychological"],
    "disclosure": "needs_and_contacts",
    "accept_due_on": "2026-03-13",
    "complete_due_on": "2026-04-09"
}))]
pub struct ReferralRequest {
    /// `services` (default) or `transfer` (the receiver becomes the case's lead when it accepts).
    pub kind: Option<String>,
    /// The receiving organisation.
    pub to_organisation_id: i64,
    /// Service types needed (list `service_type`; at least one for `services`).
    #[serde(default)]
    pub services: Vec<String>,
    /// What the receiver may see: `needs_only` (default), `needs_and_contacts`, `full_assessment`.
    pub disclosure: Option<String>,
    /// Accept or decline by (default in 3 days).
    pub accept_due_on: Option<Date>,
    /// Complete by (default in 30 days).
    pub complete_due_on: Option<Date>,
    /// Without the person's consent to a referral to the receiver: the supervisor's reason
    /// (only `referrals.override` may; flagged for review).
    pub override_reason: Option<String>,
}

/// The new referral's id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Sent {
    /// Id.
    pub id: i64,
}

/// `POST /api/v1/cases/{id}/referrals`
#[utoipa::path(post, path = "/api/v1/cases/{id}/referrals", tag = "partnership", request_body = ReferralRequest,
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 201, description = "Sent; each requested service is now a planned service on the case by the receiver", body = Sent),
        (status = 404, description = "No such case, or outside the caller's scope", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or the person's consent to a referral to the receiver is missing (code `consent_missing`, naming the organisation)", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn send(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    lang: Option<axum::Extension<crate::middleware::RequestLang>>,
    Path(id): Path<i64>,
    Json(r): Json<ReferralRequest>,
) -> Result<(StatusCode, axum::Json<Sent>), ApiError> {
    let c = editable(&state, &v, &origin, id).await?;
    let request = Request {
        kind: r.kind.unwrap_or_default(),
        services: r.services,
        to_organisation_id: Some(r.to_organisation_id),
        disclosure: r.disclosure.unwrap_or_default(),
        accept_due_on: r.accept_due_on,
        complete_due_on: r.complete_due_on,
        override_reason: r.override_reason.unwrap_or_default(),
    };
    let new = match pages::check_new(
        &state,
        &v,
        &c,
        &request,
        lang.map(|l| l.0.lang).unwrap_or_default(),
    )
    .await?
    {
        Ok(n) => n,
        Err(e) => return Err(ApiError::Validation(e)),
    };
    let id = referrals::send(
        &state.store,
        &new,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Sent { id })))
}

/// Which partners offer the services.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SuggestionQuery {
    /// Service types, comma-separated (list `service_type`), e.g. `Shelter,Medical`.
    pub services: Option<String>,
}

/// A suggested partner.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionDto {
    /// Organisation id.
    pub organisation_id: i64,
    /// `same_region` or `neighbouring`.
    pub nearness: String,
    /// Which of the needed services it offers.
    pub offers: Vec<String>,
}

/// `GET /api/v1/cases/{id}/referral-suggestions`
#[utoipa::path(get, path = "/api/v1/cases/{id}/referral-suggestions", tag = "partnership",
    params(("id" = i64, Path, description = "Case id"), SuggestionQuery),
    responses(
        (status = 200, description = "Partners offering the services in the case's region, then in neighbouring regions", body = Vec<SuggestionDto>),
        (status = 404, description = "No such case, or outside the caller's scope", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn suggestions(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Query(q): Query<SuggestionQuery>,
) -> Result<axum::Json<Vec<SuggestionDto>>, ApiError> {
    let c = editable(&state, &v, &origin, id).await?;
    let services: Vec<String> = q
        .services
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(axum::Json(
        pages::suggestions(&state, &c, &services)
            .await?
            .into_iter()
            .map(|s| SuggestionDto {
                organisation_id: s.organisation_id,
                nearness: match s.nearness {
                    mayak_domain::referral::Nearness::SameRegion => "same_region".to_owned(),
                    mayak_domain::referral::Nearness::Neighbouring => "neighbouring".to_owned(),
                },
                offers: s.offers,
            })
            .collect(),
    ))
}

/// Filters of the referral list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// `incoming`, `outgoing` or `all` (default).
    pub direction: Option<String>,
    /// Only open ones (sent, accepted, in progress); default true.
    pub open: Option<bool>,
}

/// `GET /api/v1/referrals`
#[utoipa::path(get, path = "/api/v1/referrals", tag = "partnership", params(ListQuery),
    responses(
        (status = 200, description = "The caller's organisation's referrals, newest first", body = Vec<ReferralDto>),
        (status = 422, description = "Unknown direction", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<axum::Json<Vec<ReferralDto>>, ApiError> {
    let direction = match q.direction.as_deref() {
        None | Some("all") => Direction::Both,
        Some("incoming") => Direction::Incoming,
        Some("outgoing") => Direction::Outgoing,
        Some(_) => {
            let mut e = mayak_domain::FieldErrors::default();
            e.push(mayak_domain::FieldError::unknown_code("direction"));
            return Err(ApiError::Validation(e));
        }
    };
    let today = state.clock.now().date();
    Ok(axum::Json(
        referrals::of_organisation(
            &state.store,
            v.organisation_id,
            direction,
            q.open.unwrap_or(true),
        )
        .await?
        .into_iter()
        .map(|r| dto(r, v.organisation_id, today))
        .collect(),
    ))
}

/// `GET /api/v1/referrals/{id}`
#[utoipa::path(get, path = "/api/v1/referrals/{id}", tag = "partnership",
    params(("id" = i64, Path, description = "Referral id")),
    responses(
        (status = 200, description = "The referral", body = ReferralDto),
        (status = 404, description = "No such referral, or the caller's organisation is neither side", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<axum::Json<ReferralDto>, ApiError> {
    let (r, _) = pages::of_viewer(&state, &v, &origin, id)
        .await
        .map_err(api)?;
    Ok(axum::Json(dto(
        r,
        v.organisation_id,
        state.clock.now().date(),
    )))
}

/// What comes with a move.
#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"note": "Shelter for 14 nights, then a rented room"}))]
pub struct MoveRequest {
    /// Why a referral is declined (required for `decline`): `no_capacity`,
    /// `service_not_offered`, `outside_area`, `person_not_reachable`, `other`.
    pub decline_reason: Option<String>,
    /// A short note: the decline or cancellation explained, or a completion's outcome (it
    /// becomes the outcome of the referral's services). No names: the case code identifies it.
    pub note: Option<String>,
}

async fn do_move(
    state: AppState,
    v: Viewer,
    origin: Origin,
    id: i64,
    action: ReferralAction,
    body: Option<MoveRequest>,
) -> Result<axum::Json<ReferralDto>, ApiError> {
    let m = body.unwrap_or_default();
    match pages::act(
        &state,
        &v,
        &origin,
        id,
        action,
        m.decline_reason.as_deref().unwrap_or_default(),
        m.note.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(api)?
    {
        Ok(r) => Ok(axum::Json(dto(
            r,
            v.organisation_id,
            state.clock.now().date(),
        ))),
        Err(e) if e.0.iter().any(|f| f.field == "state") => Err(ApiError::Conflict(
            "this move is not possible from the referral's state or for the caller's side"
                .to_owned(),
        )),
        Err(e) => Err(ApiError::Validation(e)),
    }
}

/// The optional body of a move: empty, or a JSON [`MoveRequest`].
fn move_body(body: &[u8]) -> Result<Option<MoveRequest>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    match serde_json::from_slice::<MoveRequest>(body) {
        Ok(m) => Ok(Some(m)),
        Err(e) if e.is_syntax() || e.is_eof() => Err(ApiError::MalformedJson(e.to_string())),
        Err(e) => Err(ApiError::InvalidJson(e.to_string())),
    }
}

macro_rules! move_route {
    ($name:ident, $path:literal, $action:expr, $what:literal) => {
        #[doc = concat!("`POST ", $path, "`")]
        #[utoipa::path(post, path = $path, tag = "partnership", request_body(content = Option<MoveRequest>, description = "Optional for every move but `decline`"),
            params(("id" = i64, Path, description = "Referral id")),
            responses(
                (status = 200, description = $what, body = ReferralDto),
                (status = 404, description = "No such referral, or the caller's organisation is neither side", body = super::Problem, content_type = "application/problem+json"),
                (status = 409, description = "Not possible from the current state, or the move belongs to the other side", body = super::Problem, content_type = "application/problem+json"),
                (status = 422, description = "Invalid fields (a decline without a reason)", body = super::Problem, content_type = "application/problem+json"),
            ),
            security(("bearer" = []), ("session" = [])))]
        pub async fn $name(
            State(state): State<AppState>,
            v: Viewer,
            origin: Origin,
            Path(id): Path<i64>,
            body: axum::body::Bytes,
        ) -> Result<axum::Json<ReferralDto>, ApiError> {
            do_move(state, v, origin, id, $action, move_body(&body)?).await
        }
    };
}

move_route!(
    accept,
    "/api/v1/referrals/{id}/accept",
    ReferralAction::Accept,
    "Accepted by the receiver (a transfer makes the receiver the case's lead)"
);
move_route!(
    decline,
    "/api/v1/referrals/{id}/decline",
    ReferralAction::Decline,
    "Declined by the receiver with a reason; its services are cancelled"
);
move_route!(
    start,
    "/api/v1/referrals/{id}/start",
    ReferralAction::Start,
    "Work started by the receiver; its services are in progress"
);
move_route!(
    complete,
    "/api/v1/referrals/{id}/complete",
    ReferralAction::Complete,
    "Completed by the receiver; its services on the case are completed with the note as outcome"
);
move_route!(
    cancel,
    "/api/v1/referrals/{id}/cancel",
    ReferralAction::Cancel,
    "Cancelled by the sender; its services are cancelled"
);
