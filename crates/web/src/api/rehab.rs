//! The rehabilitation centre's API under `/api/v1/rehabilitation/…`: centres, shifts,
//! admissions (checked by the same rules as the pages, refusals as problem documents naming
//! the rule), discharges, the rehabilitation plan and the statistics. Stays appear by case
//! code only; the plan needs the case in the caller's scope.

use super::{Json, Path, Query};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::ApiError;
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::rehab::{Destination, DischargeReason, GoalStatus, RehabKind, ShiftKind};
use mayak_domain::{FieldError, FieldErrors};
use mayak_store::audit::AuditEvent;
use mayak_store::cases;
use mayak_store::rehab::{self as store, Admission, Discharge, NewOccupant, RehabError, Review};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;
use utoipa::{IntoParams, ToSchema};

fn who(state: &AppState, v: &Viewer, origin: &Origin) -> AuditEvent {
    let mut e = auth::event(v, "", "rehab", "");
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

fn refused(e: RehabError) -> ApiError {
    match e {
        RehabError::Refused(e) => ApiError::Validation(e),
        RehabError::Store(e) => e.into(),
    }
}

/// A bed.
#[derive(Debug, Serialize, ToSchema)]
pub struct BedDto {
    /// Id.
    pub id: i64,
    /// Label within the room.
    pub label: String,
}

/// A room and its beds.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoomDto {
    /// Id.
    pub id: i64,
    /// Name or number.
    pub name: String,
    /// Beds.
    pub beds: Vec<BedDto>,
}

/// A centre with rooms and beds.
#[derive(Debug, Serialize, ToSchema)]
pub struct CentreDto {
    /// Id.
    pub id: i64,
    /// Organisation running it.
    pub organisation_id: i64,
    /// Name.
    pub name: String,
    /// Region (ISO 3166-2:BY).
    pub region: String,
    /// Rooms.
    pub rooms: Vec<RoomDto>,
}

/// `GET /api/v1/rehabilitation/centres`
#[utoipa::path(get, path = "/api/v1/rehabilitation/centres", tag = "rehabilitation",
    responses((status = 200, description = "Every centre with rooms and beds", body = [CentreDto])),
    security(("bearer" = []), ("session" = [])))]
pub async fn centres(
    State(state): State<AppState>,
) -> Result<axum::Json<Vec<CentreDto>>, ApiError> {
    Ok(axum::Json(
        store::centres(&state.store)
            .await?
            .into_iter()
            .map(|c| CentreDto {
                id: c.id,
                organisation_id: c.organisation_id,
                name: c.name,
                region: c.region,
                rooms: c
                    .rooms
                    .into_iter()
                    .map(|r| RoomDto {
                        id: r.id,
                        name: r.name,
                        beds: r
                            .beds
                            .into_iter()
                            .map(|b| BedDto {
                                id: b.id,
                                label: b.label,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    ))
}

/// A shift.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftDto {
    /// Id.
    pub id: i64,
    /// Centre.
    pub centre_id: i64,
    /// Women, Men, ChildrenWithParents or Families (list `shift_kind`).
    pub kind: String,
    /// First day.
    pub starts_on: Date,
    /// Last day (departure).
    pub ends_on: Date,
    /// Most people on any night.
    pub capacity: i64,
}

fn shift_dto(s: store::Shift) -> ShiftDto {
    ShiftDto {
        id: s.id,
        centre_id: s.centre_id,
        kind: s.kind.code().to_owned(),
        starts_on: s.starts_on,
        ends_on: s.ends_on,
        capacity: s.capacity,
    }
}

/// Which shifts.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ShiftParams {
    /// Only this centre.
    pub centre_id: Option<i64>,
    /// Shifts running on or after this day (default: a year ago).
    pub from: Option<Date>,
    /// Shifts starting before this day (default: in a year).
    pub to: Option<Date>,
}

/// `GET /api/v1/rehabilitation/shifts`
#[utoipa::path(get, path = "/api/v1/rehabilitation/shifts", tag = "rehabilitation", params(ShiftParams),
    responses((status = 200, description = "Shifts overlapping the period, by start", body = [ShiftDto])),
    security(("bearer" = []), ("session" = [])))]
pub async fn shifts(
    State(state): State<AppState>,
    Query(p): Query<ShiftParams>,
) -> Result<axum::Json<Vec<ShiftDto>>, ApiError> {
    let today = state.clock.now().date();
    let from = p.from.unwrap_or(today - time::Duration::days(365));
    let to = p.to.unwrap_or(today + time::Duration::days(365));
    Ok(axum::Json(
        store::shifts(&state.store, p.centre_id, from, to)
            .await?
            .into_iter()
            .map(shift_dto)
            .collect(),
    ))
}

/// A shift to plan.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"centre_id": 1, "kind": "Women", "starts_on": "2026-04-01", "ends_on": "2026-04-22", "capacity": 12}))]
pub struct NewShift {
    /// A centre of the caller's organisation.
    pub centre_id: i64,
    /// Women, Men, ChildrenWithParents or Families.
    pub kind: String,
    /// First day.
    pub starts_on: Date,
    /// Last day (departure).
    pub ends_on: Date,
    /// People per night, at most the centre's beds.
    pub capacity: i64,
}

/// A created record.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Its id.
    pub id: i64,
}

/// `POST /api/v1/rehabilitation/shifts`
#[utoipa::path(post, path = "/api/v1/rehabilitation/shifts", tag = "rehabilitation", request_body = NewShift,
    responses((status = 201, description = "Planned", body = Created),
              (status = 422, description = "Invalid fields, e.g. `capacity_over_beds`", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn create_shift(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(r): Json<NewShift>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let mut e = FieldErrors::default();
    let centre = match store::centre(&state.store, r.centre_id).await {
        Ok(c) if c.organisation_id == v.organisation_id => Some(c),
        Ok(_) | Err(mayak_store::StoreError::NotFound) => None,
        Err(err) => return Err(err.into()),
    };
    if centre.is_none() {
        e.push(FieldError::unknown_code("centre_id"));
    }
    let kind = ShiftKind::parse(&r.kind);
    if kind.is_none() {
        e.push(FieldError::unknown_code("kind"));
    }
    let (Some(c), Some(kind), true) = (centre, kind, e.is_empty()) else {
        return Err(ApiError::Validation(e));
    };
    let id = store::create_shift(
        &state.store,
        c.id,
        kind,
        r.starts_on,
        r.ends_on,
        r.capacity,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    .map_err(refused)?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// A stay, by case code only.
#[derive(Debug, Serialize, ToSchema)]
pub struct StayDto {
    /// Id.
    pub id: i64,
    /// The admission it belongs to (its first stay).
    pub group_stay_id: i64,
    /// Case code.
    pub case_code: String,
    /// Relation to the case's person for a relative (list `family_relation`), none for the person.
    pub relation: Option<String>,
    /// Waiting, Planned, Admitted, Discharged or Cancelled.
    pub status: String,
    /// Sex (HTCDS).
    pub sex: String,
    /// CTDC age band on arrival, or `Unknown`.
    pub age_band: String,
    /// A child.
    pub child: bool,
    /// Citizen, Foreigner or Stateless.
    pub citizenship_kind: String,
    /// Bed.
    pub bed_id: Option<i64>,
    /// Planned arrival.
    pub planned_from: Date,
    /// Planned departure.
    pub planned_to: Date,
    /// Actual arrival.
    pub arrived_on: Option<Date>,
    /// Actual departure.
    pub left_on: Option<Date>,
    /// Why it ended.
    pub discharge_reason: Option<String>,
    /// Where the person went.
    pub destination: Option<String>,
}

fn stay_dto(s: store::Stay) -> StayDto {
    StayDto {
        id: s.id,
        group_stay_id: s.group_stay_id,
        case_code: s.case_code,
        relation: s.relation,
        status: s.status.code().to_owned(),
        sex: s.sex,
        age_band: s.age_band,
        child: s.child,
        citizenship_kind: s.citizenship.code().to_owned(),
        bed_id: s.bed_id,
        planned_from: s.planned_from,
        planned_to: s.planned_to,
        arrived_on: s.arrived_on,
        left_on: s.left_on,
        discharge_reason: s.discharge_reason.map(|r| r.code().to_owned()),
        destination: s.destination.map(|d| d.code().to_owned()),
    }
}

/// A shift with its stays and waiting list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftDetail {
    /// The shift.
    pub shift: ShiftDto,
    /// Its stays, waiting ones included, by admission.
    pub stays: Vec<StayDto>,
}

/// `GET /api/v1/rehabilitation/shifts/{id}`
#[utoipa::path(get, path = "/api/v1/rehabilitation/shifts/{id}", tag = "rehabilitation",
    params(("id" = i64, Path, description = "Shift id")),
    responses((status = 200, description = "The shift and its stays by case code", body = ShiftDetail),
              (status = 404, description = "No such shift", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn shift(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<axum::Json<ShiftDetail>, ApiError> {
    let s = store::shift(&state.store, id).await?;
    let stays = store::stays_of_shift(&state.store, s.id).await?;
    Ok(axum::Json(ShiftDetail {
        shift: shift_dto(s),
        stays: stays.into_iter().map(stay_dto).collect(),
    }))
}

/// Who of the case comes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OccupantRequest {
    /// A relative linked to the case (`case_relative` id); omit for the case's person.
    pub relative_id: Option<i64>,
    /// A bed of the centre; omit for the first free one.
    pub bed_id: Option<i64>,
}

/// An admission from a case.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "case_code": "HM-2026-00017",
    "occupants": [{}, {"relative_id": 42}],
    "planned_from": "2026-04-02",
    "planned_to": "2026-04-20",
    "arrived": false,
    "waiting_list": true
}))]
pub struct AdmissionRequest {
    /// Code of a case in the caller's scope.
    pub case_code: String,
    /// The case's person and relatives who come with them.
    pub occupants: Vec<OccupantRequest>,
    /// Planned arrival.
    pub planned_from: Date,
    /// Planned departure.
    pub planned_to: Date,
    /// Arrived already (on `planned_from`).
    #[serde(default)]
    pub arrived: bool,
    /// When the shift is full, put the admission on the waiting list instead of refusing it.
    #[serde(default)]
    pub waiting_list: bool,
}

/// What an admission did.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdmissionDto {
    /// The admission's first stay.
    pub group_stay_id: i64,
    /// Every stay written.
    pub stays: Vec<i64>,
    /// On the waiting list.
    pub waiting: bool,
}

/// `POST /api/v1/rehabilitation/shifts/{id}/admissions`
#[utoipa::path(post, path = "/api/v1/rehabilitation/shifts/{id}/admissions", tag = "rehabilitation", request_body = AdmissionRequest,
    params(("id" = i64, Path, description = "Shift id")),
    responses((status = 201, description = "Admitted, planned or put on the waiting list", body = AdmissionDto),
              (status = 422, description = "A rule refused it: `shift_women_only`, `shift_men_only`, `child_needs_companion`, `shift_full`, `stay_consent_missing`, `stay_not_eligible`…", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn admit(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<AdmissionRequest>,
) -> Result<(StatusCode, axum::Json<AdmissionDto>), ApiError> {
    let s = store::shift(&state.store, id).await?;
    let centre = store::centre(&state.store, s.centre_id).await?;
    if centre.organisation_id != v.organisation_id {
        return Err(ApiError::Forbidden);
    }
    let case = match cases::by_code(&state.store, &r.case_code).await {
        Ok(c) => {
            let facts = cases::facts(&state.store, &c).await?;
            let subject = crate::pages::cases::subject_of(&state, &v).await?;
            mayak_domain::access::case_scope(&subject, &facts).map(|_| c)
        }
        Err(mayak_store::StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let Some(case) = case else {
        return Err(ApiError::Validation(
            FieldError::new("case_code", "no_such_case").into(),
        ));
    };
    let a = Admission {
        shift_id: s.id,
        case_id: case.id,
        occupants: r
            .occupants
            .iter()
            .map(|o| NewOccupant {
                relative_id: o.relative_id,
                bed_id: o.bed_id,
            })
            .collect(),
        planned_from: r.planned_from,
        planned_to: r.planned_to,
        arrived: r.arrived,
        waiting_list: r.waiting_list,
    };
    let done = store::admit(
        &state.store,
        &state.vault,
        &a,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    .map_err(refused)?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AdmissionDto {
            group_stay_id: done.group_stay_id,
            stays: done.stays,
            waiting: done.waiting,
        }),
    ))
}

async fn stay_in_scope(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<store::Stay, ApiError> {
    let st = store::stay(&state.store, id).await?;
    let s = store::shift(&state.store, st.shift_id).await?;
    let centre = store::centre(&state.store, s.centre_id).await?;
    if centre.organisation_id != v.organisation_id {
        return Err(ApiError::NotFound);
    }
    crate::pages::cases::case_in_scope(state, v, origin, st.case_id)
        .await
        .map_err(|e| match e {
            crate::error::PageError::Unavailable => ApiError::Unavailable,
            _ => ApiError::NotFound,
        })?;
    Ok(st)
}

/// A discharge.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "left_on": "2026-04-18",
    "reason": "ProgrammeCompleted",
    "destination": "Relatives",
    "outcomes": {"SocioPsychological": "Achieved", "Professional": "PartlyAchieved"},
    "summary": "Documents restored; starts a cook's course in May."
}))]
pub struct DischargeRequest {
    /// Day of departure.
    pub left_on: Date,
    /// ProgrammeCompleted, OwnDecision, TransferredElsewhere, HealthReasons, RulesBroken or Other.
    pub reason: String,
    /// Home, Relatives, OwnHousing, Shelter, Hospital, ReturnAbroad or Unknown.
    pub destination: String,
    /// Outcome per kind of rehabilitation worked on: Achieved, PartlyAchieved or NotAchieved.
    #[serde(default)]
    pub outcomes: BTreeMap<String, String>,
    /// The review's summary (sealed under the person's data key).
    pub summary: String,
}

/// The stays discharged.
#[derive(Debug, Serialize, ToSchema)]
pub struct Discharged {
    /// The stay and the children who left with the person.
    pub stays: Vec<i64>,
}

/// `POST /api/v1/rehabilitation/stays/{id}/discharge`
#[utoipa::path(post, path = "/api/v1/rehabilitation/stays/{id}/discharge", tag = "rehabilitation", request_body = DischargeRequest,
    params(("id" = i64, Path, description = "Stay id")),
    responses((status = 200, description = "Discharged, with the children who came with the person", body = Discharged),
              (status = 422, description = "Invalid fields or a missing review", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn discharge(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<DischargeRequest>,
) -> Result<axum::Json<Discharged>, ApiError> {
    let st = stay_in_scope(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let reason = DischargeReason::parse(&r.reason);
    if reason.is_none() {
        e.push(FieldError::unknown_code("reason"));
    }
    let destination = Destination::parse(&r.destination);
    if destination.is_none() {
        e.push(FieldError::unknown_code("destination"));
    }
    if r.left_on > state.clock.now().date() {
        e.push(FieldError::new("left_on", "date_out_of_range"));
    }
    let mut outcomes = Vec::new();
    for (k, o) in &r.outcomes {
        match (RehabKind::parse(k), GoalStatus::parse(o)) {
            (Some(k), Some(o)) if o != GoalStatus::Open => outcomes.push((k, o)),
            _ => e.push(FieldError::unknown_code(format!("outcomes.{k}"))),
        }
    }
    let (Some(reason), Some(destination), true) = (reason, destination, e.is_empty()) else {
        return Err(ApiError::Validation(e));
    };
    let d = Discharge {
        left_on: r.left_on,
        reason,
        destination,
        review: Review {
            outcomes,
            summary: r.summary.trim().to_owned(),
        },
    };
    let stays = store::discharge(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        st.id,
        &d,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    .map_err(|e| match e {
        RehabError::Refused(mut f) => {
            // The API names outcomes as `outcomes.<Kind>`.
            for x in &mut f.0 {
                if let Some(k) = x.field.strip_prefix("outcome_") {
                    x.field = format!("outcomes.{k}");
                }
            }
            ApiError::Validation(f)
        }
        RehabError::Store(e) => e.into(),
    })?;
    Ok(axum::Json(Discharged { stays }))
}

/// A goal of the plan.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanItemDto {
    /// Id.
    pub id: i64,
    /// SocioMedical, SocioPsychological, Professional or SocioEnvironmental.
    pub kind: String,
    /// The goal.
    pub goal: String,
    /// Planned activities.
    pub activities: String,
    /// Open, Achieved, PartlyAchieved or NotAchieved.
    pub status: String,
}

/// A session held.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionDto {
    /// Kind of rehabilitation.
    pub kind: String,
    /// Day.
    pub held_on: Date,
    /// The staff member (user id).
    pub held_by: Option<i64>,
    /// Minutes.
    pub minutes: i64,
    /// Topic.
    pub topic: String,
}

/// The individual rehabilitation plan of a stay (progress notes are read on the stay page,
/// where each reading is recorded).
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDto {
    /// Goals by kind.
    pub items: Vec<PlanItemDto>,
    /// Sessions by day.
    pub sessions: Vec<SessionDto>,
}

/// `GET /api/v1/rehabilitation/stays/{id}/plan`
#[utoipa::path(get, path = "/api/v1/rehabilitation/stays/{id}/plan", tag = "rehabilitation",
    params(("id" = i64, Path, description = "Stay id")),
    responses((status = 200, description = "The plan and its sessions", body = PlanDto),
              (status = 404, description = "No such stay in the caller's scope", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn plan(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<axum::Json<PlanDto>, ApiError> {
    let st = stay_in_scope(&state, &v, &origin, id).await?;
    Ok(axum::Json(PlanDto {
        items: store::plan(&state.store, st.id)
            .await?
            .into_iter()
            .map(|p| PlanItemDto {
                id: p.id,
                kind: p.kind.code().to_owned(),
                goal: p.goal,
                activities: p.activities,
                status: p.status.code().to_owned(),
            })
            .collect(),
        sessions: store::sessions(&state.store, st.id)
            .await?
            .into_iter()
            .map(|s| SessionDto {
                kind: s.kind.code().to_owned(),
                held_on: s.held_on,
                held_by: s.held_by,
                minutes: s.minutes,
                topic: s.topic,
            })
            .collect(),
    }))
}

/// A goal to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "Professional", "goal": "Choose a trade and enrol in a course", "activities": "Career guidance; meeting with the employment service"}))]
pub struct PlanItemRequest {
    /// SocioMedical, SocioPsychological, Professional or SocioEnvironmental.
    pub kind: String,
    /// The goal (up to 2000 characters).
    pub goal: String,
    /// Planned activities.
    #[serde(default)]
    pub activities: String,
}

/// `POST /api/v1/rehabilitation/stays/{id}/plan`
#[utoipa::path(post, path = "/api/v1/rehabilitation/stays/{id}/plan", tag = "rehabilitation", request_body = PlanItemRequest,
    params(("id" = i64, Path, description = "Stay id")),
    responses((status = 201, description = "Added", body = Created),
              (status = 422, description = "Invalid fields", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn add_plan_item(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<PlanItemRequest>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let st = stay_in_scope(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let kind = RehabKind::parse(&r.kind);
    if kind.is_none() {
        e.push(FieldError::unknown_code("kind"));
    }
    let goal = e.check(mayak_domain::rehab::check_text("goal", &r.goal, true));
    let activities = e.check(mayak_domain::rehab::check_text(
        "activities",
        &r.activities,
        false,
    ));
    let (Some(kind), Some(goal), Some(activities), true) = (kind, goal, activities, e.is_empty())
    else {
        return Err(ApiError::Validation(e));
    };
    let id = store::add_plan_item(
        &state.store,
        st.id,
        kind,
        &goal,
        &activities,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// Stays and bed-nights under one heading.
#[derive(Debug, Serialize, ToSchema)]
pub struct TallyDto {
    /// Stays with a night in the period.
    pub stays: i64,
    /// Nights in the period.
    pub bed_nights: i64,
}

/// The centre's statistics.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsDto {
    /// First day counted.
    pub from: Date,
    /// Day after the last one counted.
    pub to: Date,
    /// Everything.
    pub total: TallyDto,
    /// By shift kind.
    pub by_shift_kind: BTreeMap<String, TallyDto>,
    /// By sex.
    pub by_sex: BTreeMap<String, TallyDto>,
    /// By CTDC age band.
    pub by_age_band: BTreeMap<String, TallyDto>,
    /// By citizenship kind.
    pub by_citizenship_kind: BTreeMap<String, TallyDto>,
    /// By month (`YYYY-MM`).
    pub by_month: BTreeMap<String, TallyDto>,
    /// Bed-nights offered by the shifts.
    pub offered_bed_nights: i64,
    /// Bed-nights used over offered, per cent.
    pub occupancy_rate: Option<f64>,
    /// Average length of the stays that ended, in nights.
    pub average_length_of_stay: Option<f64>,
    /// Services given during stays, by service type.
    pub services_during_stays: BTreeMap<String, i64>,
}

/// The period.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct StatsParams {
    /// First day (default: a year ago).
    pub from: Option<Date>,
    /// Day after the last (default: tomorrow).
    pub to: Option<Date>,
}

/// `GET /api/v1/rehabilitation/stats`
#[utoipa::path(get, path = "/api/v1/rehabilitation/stats", tag = "rehabilitation", params(StatsParams),
    responses((status = 200, description = "Aggregates only", body = StatsDto),
              (status = 422, description = "The period ends before it starts", body = super::Problem, content_type = "application/problem+json")),
    security(("bearer" = []), ("session" = [])))]
pub async fn stats(
    State(state): State<AppState>,
    Query(p): Query<StatsParams>,
) -> Result<axum::Json<StatsDto>, ApiError> {
    let today = state.clock.now().date();
    let from = p.from.unwrap_or(today - time::Duration::days(365));
    let to = p.to.unwrap_or(today + time::Duration::days(1));
    if to <= from {
        return Err(ApiError::Validation(
            FieldError::new("to", "before_start").into(),
        ));
    }
    let s = store::stats(&state.store, from, to, today).await?;
    let map = |m: &BTreeMap<String, mayak_domain::rehab::Tally>| -> BTreeMap<String, TallyDto> {
        m.iter()
            .map(|(k, t)| {
                (
                    k.clone(),
                    TallyDto {
                        stays: t.stays,
                        bed_nights: t.bed_nights,
                    },
                )
            })
            .collect()
    };
    Ok(axum::Json(StatsDto {
        from,
        to,
        total: TallyDto {
            stays: s.stays.total.stays,
            bed_nights: s.stays.total.bed_nights,
        },
        by_shift_kind: map(&s.stays.by_kind),
        by_sex: map(&s.stays.by_sex),
        by_age_band: map(&s.stays.by_age_band),
        by_citizenship_kind: map(&s.stays.by_citizenship),
        by_month: map(&s.stays.by_month),
        offered_bed_nights: s.offered_bed_nights,
        occupancy_rate: s.occupancy_rate,
        average_length_of_stay: s.average_length,
        services_during_stays: s.services,
    }))
}
