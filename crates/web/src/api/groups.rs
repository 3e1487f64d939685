//! The multidisciplinary groups' API: a group with its members and meetings, the yearly
//! summary, recording a meeting with its minutes, action items and their completion, and the
//! members kept by the chair. The same rules as the pages (`pages::groups`): the minutes name
//! cases by code, so only member organisations holding `groups.manage` see and keep them; the
//! members are changed by the chairing organisation's group members and by administrators
//! (`access::may_edit_group_members`).

use super::{Json, Path, Query};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::{ApiError, PageError};
use crate::pages::groups as pages;
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::{FieldError, FieldErrors};
use mayak_store::StoreError;
use mayak_store::groups::{self, Item, Meeting, Member, NewItem, NewMeeting};
use mayak_store::orgs::Mdg;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

fn api(e: PageError) -> ApiError {
    match e {
        PageError::NotFound => ApiError::NotFound,
        PageError::Forbidden => ApiError::Forbidden,
        PageError::Unavailable => ApiError::Unavailable,
        PageError::StorageFull => ApiError::StorageFull,
        PageError::BadRequest => ApiError::InvalidQuery("malformed request".to_owned()),
        _ => ApiError::Internal,
    }
}

fn who(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    action: &str,
    id: i64,
) -> mayak_store::audit::AuditEvent {
    let mut e = auth::event(v, action, "mdg", id);
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

fn invalid(f: FieldError) -> ApiError {
    let mut e = FieldErrors::default();
    e.push(f);
    ApiError::Validation(e)
}

/// A person in a group.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    /// Id.
    pub id: i64,
    /// Their organisation.
    pub organisation_id: i64,
    /// Name (a professional's).
    pub name: String,
    /// Position in their organisation.
    pub position: String,
    /// Role in the group.
    pub role: String,
    /// Chairs the group (exactly one member does).
    pub chair: bool,
}

fn member_dto(m: Member) -> MemberDto {
    MemberDto {
        id: m.id,
        organisation_id: m.organisation_id,
        name: m.name,
        position: m.position,
        role: m.role,
        chair: m.chair,
    }
}

/// A case a meeting discussed: by id and code only.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiscussedCase {
    /// Case id.
    pub id: i64,
    /// Its code.
    #[schema(example = "HO-2026-00042")]
    pub code: String,
}

/// A decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionDto {
    /// Id.
    pub id: i64,
    /// What was decided.
    pub text: String,
}

/// An action item.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionDto {
    /// Id.
    pub id: i64,
    /// What is to be done.
    pub text: String,
    /// The organisation that owns it.
    pub owner_organisation_id: Option<i64>,
    /// The member who owns it (may have left the group since).
    pub owner_member_id: Option<i64>,
    /// Due date.
    pub due_on: Option<Date>,
    /// When done.
    #[serde(with = "time::serde::rfc3339::option")]
    pub done_at: Option<OffsetDateTime>,
    /// Open and past its due date today.
    pub overdue: bool,
}

fn action_dto(i: &Item, today: Date) -> ActionDto {
    ActionDto {
        id: i.id,
        text: i.text.clone(),
        owner_organisation_id: i.owner_organisation_id,
        owner_member_id: i.owner_person_id,
        due_on: i.due_on,
        done_at: i.done_at,
        overdue: i.done_at.is_none() && i.due_on.is_some_and(|d| d < today),
    }
}

/// A meeting's minutes (only for the member organisations that keep them).
#[derive(Debug, Serialize, ToSchema)]
pub struct MinutesDto {
    /// The agenda.
    pub agenda: String,
    /// Members present (member ids).
    pub attendance: Vec<i64>,
    /// Cases discussed, by code.
    pub cases: Vec<DiscussedCase>,
    /// Decisions.
    pub decisions: Vec<DecisionDto>,
    /// Action items with owners and due dates.
    pub actions: Vec<ActionDto>,
}

/// A meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDto {
    /// Id.
    pub id: i64,
    /// When held.
    pub held_on: Date,
    /// Members present.
    pub present: usize,
    /// Cases discussed.
    pub cases_discussed: usize,
    /// Open action items.
    pub open_actions: usize,
    /// Of them, past their due date.
    pub overdue_actions: usize,
    /// The minutes: present only for member organisations holding `groups.manage`.
    pub minutes: Option<MinutesDto>,
}

fn meeting_dto(m: Meeting, minutes: bool, today: Date) -> MeetingDto {
    let open: Vec<&Item> = m
        .items
        .iter()
        .filter(|i| i.kind == "action" && i.done_at.is_none())
        .collect();
    MeetingDto {
        id: m.id,
        held_on: m.held_on,
        present: m.attendance.len(),
        cases_discussed: m.cases.len(),
        open_actions: open.len(),
        overdue_actions: open
            .iter()
            .filter(|i| i.due_on.is_some_and(|d| d < today))
            .count(),
        minutes: minutes.then(|| MinutesDto {
            decisions: m
                .items
                .iter()
                .filter(|i| i.kind == "decision")
                .map(|i| DecisionDto {
                    id: i.id,
                    text: i.text.clone(),
                })
                .collect(),
            actions: m
                .items
                .iter()
                .filter(|i| i.kind == "action")
                .map(|i| action_dto(i, today))
                .collect(),
            cases: m
                .cases
                .into_iter()
                .map(|(id, code)| DiscussedCase { id, code })
                .collect(),
            attendance: m.attendance,
            agenda: m.agenda,
        }),
    }
}

/// A group with its members and meetings.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetail {
    /// Id.
    pub id: i64,
    /// Region code.
    pub region: String,
    /// The chairing organisation (the chair's).
    pub chair_organisation_id: Option<i64>,
    /// Current members, the chair first.
    pub members: Vec<MemberDto>,
    /// Meetings, newest first.
    pub meetings: Vec<MeetingDto>,
    /// The caller keeps the minutes (and sees them in `meetings`).
    pub keeps_minutes: bool,
    /// The caller may change the members.
    pub edits_members: bool,
}

/// `GET /api/v1/groups/{id}`
#[utoipa::path(get, path = "/api/v1/groups/{id}", tag = "partnership",
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 200, description = "Members and meetings; the minutes only for member organisations holding `groups.manage`", body = GroupDetail),
        (status = 404, description = "No such group", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<axum::Json<GroupDetail>, ApiError> {
    let g = groups::group(&state.store, id).await?;
    let today = state.clock.now().date();
    let keeps = pages::may_keep_minutes(&v, &g);
    Ok(axum::Json(GroupDetail {
        members: groups::members(&state.store, id)
            .await?
            .into_iter()
            .map(member_dto)
            .collect(),
        meetings: groups::meetings(&state.store, id)
            .await?
            .into_iter()
            .map(|m| meeting_dto(m, keeps, today))
            .collect(),
        keeps_minutes: keeps,
        edits_members: mayak_domain::access::may_edit_group_members(
            &v.roles,
            v.organisation_id,
            g.chair_organisation_id,
        ),
        id: g.id,
        region: g.region,
        chair_organisation_id: g.chair_organisation_id,
    }))
}

/// Which year.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct YearParams {
    /// The year (2000–2100; default: this year).
    pub year: Option<i32>,
}

/// A region's year in its group (aggregates only).
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryDto {
    /// Group id.
    pub group_id: i64,
    /// Region code.
    pub region: String,
    /// The year.
    pub year: i32,
    /// Meetings held.
    pub meetings: i64,
    /// Distinct cases discussed.
    pub cases_discussed: i64,
    /// Decisions taken.
    pub decisions: i64,
    /// Action items set.
    pub actions: i64,
    /// Of them, done.
    pub actions_done: i64,
    /// Of them, open and past their due date today.
    pub actions_overdue: i64,
    /// Members present per meeting, on average (rounded down).
    pub average_attendance: i64,
    /// Current members.
    pub members: usize,
    /// Members present over members who could have been, in percent.
    pub attendance_rate_percent: i64,
}

/// `GET /api/v1/groups/{id}/summary`
#[utoipa::path(get, path = "/api/v1/groups/{id}/summary", tag = "partnership",
    params(("id" = i64, Path, description = "Group id"), YearParams),
    responses(
        (status = 200, description = "The year's meetings, cases discussed, decisions, action items and attendance", body = SummaryDto),
        (status = 404, description = "No such group", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A year outside 2000–2100", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn summary(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<YearParams>,
) -> Result<axum::Json<SummaryDto>, ApiError> {
    let g = groups::group(&state.store, id).await?;
    let today = state.clock.now().date();
    let year = q.year.unwrap_or(today.year());
    if !(2000..=2100).contains(&year) {
        return Err(invalid(FieldError::new("year", "date_out_of_range")));
    }
    let s = groups::year_summary(&state.store, id, year, today).await?;
    let members = groups::members(&state.store, id).await?.len();
    Ok(axum::Json(SummaryDto {
        group_id: g.id,
        region: g.region,
        year,
        meetings: s.meetings,
        cases_discussed: s.cases_discussed,
        decisions: s.decisions,
        actions: s.actions,
        actions_done: s.actions_done,
        actions_overdue: s.actions_overdue,
        average_attendance: s.average_attendance,
        members,
        attendance_rate_percent: pages::attendance_rate(&state, id, year, members)
            .await
            .map_err(api)?,
    }))
}

/// An action item to set.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Report the shelter places available", "owner_member_id": 12, "due_on": "2026-04-01"}))]
pub struct NewAction {
    /// What is to be done (no names of victims: cases by code).
    pub text: String,
    /// The current member who owns it (their organisation owns it with them).
    pub owner_member_id: i64,
    /// Due date.
    pub due_on: Date,
}

/// A meeting to record, with as much of its minutes as is known.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "held_on": "2026-03-12",
    "agenda": "1. Cases of the region. 2. Shelter places.",
    "attendance": [12, 13],
    "case_codes": ["HO-2026-00042"],
    "decisions": ["Review the assistance plans of the cases discussed"],
    "actions": [{"text": "Report the shelter places available", "owner_member_id": 12, "due_on": "2026-04-01"}]
}))]
pub struct NewMeetingRequest {
    /// When held.
    pub held_on: Date,
    /// The agenda (up to 4000 characters).
    pub agenda: String,
    /// Members present (current member ids).
    #[serde(default)]
    pub attendance: Vec<i64>,
    /// Cases discussed, by code: cases of the group's region the caller may see.
    #[serde(default)]
    pub case_codes: Vec<String>,
    /// Decisions (up to 2000 characters each).
    #[serde(default)]
    pub decisions: Vec<String>,
    /// Action items.
    #[serde(default)]
    pub actions: Vec<NewAction>,
}

/// The new record's id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Id.
    pub id: i64,
}

fn item_text(field: String, raw: &str, max: usize, e: &mut FieldErrors) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() {
        e.push(FieldError::required(field));
        None
    } else if t.chars().count() > max {
        e.push(FieldError::too_long(field, max));
        None
    } else {
        Some(t.to_owned())
    }
}

fn check_action(
    a: &NewAction,
    field: &str,
    members: &[Member],
    e: &mut FieldErrors,
) -> Option<(String, i64, Option<i64>, Date)> {
    let text = item_text(format!("{field}text"), &a.text, 2000, e);
    let owner = members.iter().find(|m| m.id == a.owner_member_id);
    if owner.is_none() {
        e.push(FieldError::new(
            format!("{field}owner_member_id"),
            "mdg_owner_required",
        ));
    }
    match (text, owner) {
        (Some(t), Some(o)) => Some((t, o.organisation_id, Some(o.id), a.due_on)),
        _ => None,
    }
}

/// `POST /api/v1/groups/{id}/meetings`
#[utoipa::path(post, path = "/api/v1/groups/{id}/meetings", tag = "partnership", request_body = NewMeetingRequest,
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 201, description = "Recorded with its minutes, in one transaction", body = Created),
        (status = 403, description = "The caller's organisation is not a member of the group", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: agenda, attendance of non-members, a case code unknown to the caller or of another region (`mdg_case_unknown`, `mdg_case_other_region`), an owner who is not a member; nothing is recorded", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn create_meeting(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<NewMeetingRequest>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    let g = pages::member_group(&state, &v, &origin, id)
        .await
        .map_err(api)?;
    let members = groups::members(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let agenda = item_text("agenda".to_owned(), &r.agenda, 4000, &mut e);
    for (i, p) in r.attendance.iter().enumerate() {
        if !members.iter().any(|m| m.id == *p) {
            e.push(FieldError::new(format!("attendance[{i}]"), "unknown_code"));
        }
    }
    let mut cases = Vec::new();
    for (i, code) in r.case_codes.iter().enumerate() {
        match pages::case_by_code(&state, &v, &origin, &g, &format!("case_codes[{i}]"), code)
            .await
            .map_err(api)?
        {
            Ok(c) if !cases.contains(&c) => cases.push(c),
            Ok(_) => {}
            Err(f) => e.push(f),
        }
    }
    let decisions: Vec<String> = r
        .decisions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| item_text(format!("decisions[{i}]"), d, 2000, &mut e))
        .collect();
    let actions: Vec<(String, i64, Option<i64>, Date)> = r
        .actions
        .iter()
        .enumerate()
        .filter_map(|(i, a)| check_action(a, &format!("actions[{i}]."), &members, &mut e))
        .collect();
    let Some(agenda) = agenda.filter(|_| e.is_empty()) else {
        return Err(ApiError::Validation(e));
    };
    let mut attendance = r.attendance.clone();
    attendance.sort_unstable();
    attendance.dedup();
    let m = NewMeeting {
        mdg_id: g.id,
        held_on: r.held_on,
        agenda,
        attendance,
        cases,
        decisions,
        actions,
    };
    let id = groups::add_meeting(
        &state.store,
        &m,
        &who(&state, &v, &origin, "mdg.meeting", id),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// `POST /api/v1/groups/{id}/meetings/{meeting}/actions`
#[utoipa::path(post, path = "/api/v1/groups/{id}/meetings/{meeting}/actions", tag = "partnership", request_body = NewAction,
    params(("id" = i64, Path, description = "Group id"), ("meeting" = i64, Path, description = "Meeting id")),
    responses(
        (status = 201, description = "The action item is set", body = Created),
        (status = 403, description = "The caller's organisation is not a member of the group", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group or meeting", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long text, or an owner who is not a member", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn add_action(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, meeting)): Path<(i64, i64)>,
    Json(a): Json<NewAction>,
) -> Result<(StatusCode, axum::Json<Created>), ApiError> {
    pages::member_group(&state, &v, &origin, id)
        .await
        .map_err(api)?;
    let m = groups::meeting(&state.store, id, meeting).await?;
    let members = groups::members(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let Some((text, org, person, due)) = check_action(&a, "", &members, &mut e) else {
        return Err(ApiError::Validation(e));
    };
    let item = groups::add_item(
        &state.store,
        m.id,
        &NewItem::Action(text, org, person, due),
        &who(&state, &v, &origin, "mdg.meeting", meeting),
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id: item })))
}

/// `POST /api/v1/groups/{id}/meetings/{meeting}/actions/{item}/done`
#[utoipa::path(post, path = "/api/v1/groups/{id}/meetings/{meeting}/actions/{item}/done", tag = "partnership",
    params(("id" = i64, Path, description = "Group id"), ("meeting" = i64, Path, description = "Meeting id"), ("item" = i64, Path, description = "Action item id")),
    responses(
        (status = 200, description = "Done (an item done before stays as it was)", body = ActionDto),
        (status = 403, description = "The caller's organisation is not a member of the group", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group, meeting or action item", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn action_done(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, meeting, item)): Path<(i64, i64, i64)>,
) -> Result<axum::Json<ActionDto>, ApiError> {
    pages::member_group(&state, &v, &origin, id)
        .await
        .map_err(api)?;
    let m = groups::meeting(&state.store, id, meeting).await?;
    if !m.items.iter().any(|i| i.id == item && i.kind == "action") {
        return Err(ApiError::NotFound);
    }
    match groups::action_done(
        &state.store,
        item,
        &who(&state, &v, &origin, "mdg.action.done", item),
        state.clock.now(),
    )
    .await
    {
        Ok(()) | Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    let today = state.clock.now().date();
    groups::meeting(&state.store, id, meeting)
        .await?
        .items
        .iter()
        .find(|i| i.id == item)
        .map(|i| axum::Json(action_dto(i, today)))
        .ok_or(ApiError::NotFound)
}

/// A member to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"organisation_id": 44, "name": "Ирина Тестова", "position": "психолог", "role": "психологическая помощь"}))]
pub struct NewMemberRequest {
    /// Their organisation (from the directory).
    pub organisation_id: i64,
    /// The person's name (up to 200 characters).
    pub name: String,
    /// Their position in their organisation.
    pub position: String,
    /// Their role in the group.
    pub role: String,
    /// Takes over the chair at once (default false; the first member of a group always does).
    #[serde(default)]
    pub chair: bool,
}

fn refused(e: StoreError) -> ApiError {
    match pages::member_refusal(&e) {
        Some(f) => invalid(f),
        None => e.into(),
    }
}

async fn chaired(state: &AppState, v: &Viewer, origin: &Origin, id: i64) -> Result<Mdg, ApiError> {
    pages::chaired_group(state, v, origin, id)
        .await
        .map_err(api)
}

/// `POST /api/v1/groups/{id}/members`
#[utoipa::path(post, path = "/api/v1/groups/{id}/members", tag = "partnership", request_body = NewMemberRequest,
    params(("id" = i64, Path, description = "Group id")),
    responses(
        (status = 201, description = "Added", body = MemberDto),
        (status = 403, description = "Only the group's chair (a group member of the chairing organisation) or an administrator changes the members", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, an organisation not in the directory, or the same person already a member (`mdg_member_duplicate`)", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn add_member(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<NewMemberRequest>,
) -> Result<(StatusCode, axum::Json<MemberDto>), ApiError> {
    let g = chaired(&state, &v, &origin, id).await?;
    let m = pages::check_member(
        &state,
        Some(r.organisation_id),
        &r.name,
        &r.position,
        &r.role,
        r.chair,
    )
    .await
    .map_err(api)?
    .map_err(ApiError::Validation)?;
    let person = groups::add_member(
        &state.store,
        g.id,
        &m,
        &who(&state, &v, &origin, "mdg.member.add", id),
        state.clock.now(),
    )
    .await
    .map_err(refused)?;
    Ok((
        StatusCode::CREATED,
        axum::Json(member_dto(
            groups::member(&state.store, g.id, person).await?,
        )),
    ))
}

/// A member's changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"role": "координация реабилитации"}))]
pub struct MemberPatch {
    /// Their position in their organisation (unchanged when absent).
    pub position: Option<String>,
    /// Their role in the group (unchanged when absent).
    pub role: Option<String>,
}

/// `PATCH /api/v1/groups/{id}/members/{member}`
#[utoipa::path(patch, path = "/api/v1/groups/{id}/members/{member}", tag = "partnership", request_body = MemberPatch,
    params(("id" = i64, Path, description = "Group id"), ("member" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "Changed", body = MemberDto),
        (status = 403, description = "Only the group's chair or an administrator changes the members", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group, or no such current member of it", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An empty or too long position or role", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn edit_member(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, member)): Path<(i64, i64)>,
    Json(r): Json<MemberPatch>,
) -> Result<axum::Json<MemberDto>, ApiError> {
    let g = chaired(&state, &v, &origin, id).await?;
    let p = groups::member(&state.store, g.id, member).await?;
    let (position, role) = pages::check_member_edit(
        r.position.as_deref().unwrap_or(&p.position),
        r.role.as_deref().unwrap_or(&p.role),
    )
    .map_err(ApiError::Validation)?;
    groups::edit_member(
        &state.store,
        g.id,
        p.id,
        &position,
        &role,
        &who(&state, &v, &origin, "mdg.member.edit", id),
        state.clock.now(),
    )
    .await?;
    Ok(axum::Json(member_dto(
        groups::member(&state.store, g.id, p.id).await?,
    )))
}

/// `POST /api/v1/groups/{id}/members/{member}/chair`
#[utoipa::path(post, path = "/api/v1/groups/{id}/members/{member}/chair", tag = "partnership",
    params(("id" = i64, Path, description = "Group id"), ("member" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member chairs the group; the former chair stays a member (handing the chair to the chair changes nothing)", body = MemberDto),
        (status = 403, description = "Only the group's chair or an administrator hands the chair over", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group, or no such current member of it", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn hand_chair(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, member)): Path<(i64, i64)>,
) -> Result<axum::Json<MemberDto>, ApiError> {
    let g = chaired(&state, &v, &origin, id).await?;
    groups::hand_chair(
        &state.store,
        g.id,
        member,
        &who(&state, &v, &origin, "mdg.member.chair", id),
        state.clock.now(),
    )
    .await?;
    Ok(axum::Json(member_dto(
        groups::member(&state.store, g.id, member).await?,
    )))
}

/// `DELETE /api/v1/groups/{id}/members/{member}`
#[utoipa::path(delete, path = "/api/v1/groups/{id}/members/{member}", tag = "partnership",
    params(("id" = i64, Path, description = "Group id"), ("member" = i64, Path, description = "Member id")),
    responses(
        (status = 204, description = "The member left the group (past minutes keep their name); an organisation with nobody left in the group leaves it"),
        (status = 403, description = "Only the group's chair or an administrator removes members", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such group, or no such current member of it", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The chair cannot leave before handing the chair over (`mdg_chair_cannot_leave`)", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn remove_member(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, member)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let g = chaired(&state, &v, &origin, id).await?;
    groups::remove_member(
        &state.store,
        g.id,
        member,
        &who(&state, &v, &origin, "mdg.member.remove", id),
        state.clock.now(),
    )
    .await
    .map_err(refused)?;
    Ok(StatusCode::NO_CONTENT)
}
