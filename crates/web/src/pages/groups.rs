//! The regional multidisciplinary groups at work: a group's page (members with organisation,
//! person, role and the chair; its meetings), a meeting's minutes (agenda, attendance, cases
//! discussed by code only, decisions, action items with owners and due dates, overdue ones
//! marked) with the forms to keep them, and the yearly region summary.
//!
//! Anyone who sees the directory sees a group's members, its meeting dates and the summary
//! (aggregates). The members are kept by the group's chair — group members of the chairing
//! organisation (`groups.members`, `access::may_edit_group_members`) — and administrators:
//! adding a person of a directory organisation with their position and role, changing them,
//! handing the chair over (exactly one chair, in one transaction) and removing a member (never
//! the chair). The minutes name cases by code, so only members of the group's organisations
//! holding `groups.manage` open and keep them; a case is added by code only when the user may
//! see it, and only a case of the group's region.

use super::{Base, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::access;
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::StoreError;
use mayak_store::groups::{self, Meeting, Member, NewItem, NewMeeting, NewMember, YearSummary};
use mayak_store::orgs::{self, Mdg};
use serde::Deserialize;
use std::collections::HashMap;
use time::Date;

async fn names(state: &AppState, b: &Base) -> Result<HashMap<i64, String>, PageError> {
    Ok(orgs::list_organisations(&state.store)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name(b.lang()).to_owned()))
        .collect())
}

async fn region_label(state: &AppState, b: &Base, code: &str) -> Result<String, PageError> {
    Ok(
        mayak_store::reference::list(&state.store, ListKind::Region, true)
            .await?
            .into_iter()
            .find(|e| e.code == code)
            .map_or_else(|| code.to_owned(), |e| e.label(b.lang()).to_owned()),
    )
}

/// The group, if the viewer's organisation is one of its members (only they keep minutes).
pub(crate) async fn member_group(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<Mdg, PageError> {
    let g = groups::group(&state.store, id).await?;
    if !g.members.contains(&v.organisation_id) {
        auth::deny(state, Some(v), origin, "mdg", "access.not_a_member").await;
        return Err(PageError::Forbidden);
    }
    Ok(g)
}

/// The group, if the viewer may change its members: its chair or an administrator.
pub(crate) async fn chaired_group(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<Mdg, PageError> {
    let g = groups::group(&state.store, id).await?;
    if !access::may_edit_group_members(&v.roles, v.organisation_id, g.chair_organisation_id) {
        auth::deny(state, Some(v), origin, "mdg", "access.not_the_chair").await;
        return Err(PageError::Forbidden);
    }
    Ok(g)
}

/// Whether the viewer keeps the group's minutes: a member organisation's `groups.manage`.
pub(crate) fn may_keep_minutes(v: &Viewer, g: &Mdg) -> bool {
    g.members.contains(&v.organisation_id)
        && access::allows(&v.roles, access::Permission::GroupsManage)
}

const MEMBER_TEXT_MAX: usize = 200;

/// A required one-line text of a member (spaces collapsed), or its error.
fn member_text(field: &str, raw: &str, e: &mut FieldErrors) -> Option<String> {
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        e.push(FieldError::required(field));
        None
    } else if t.chars().count() > MEMBER_TEXT_MAX {
        e.push(FieldError::too_long(field, MEMBER_TEXT_MAX));
        None
    } else {
        Some(t)
    }
}

/// Checks a new member: an organisation of the directory, the person's name and position,
/// their role in the group.
pub(crate) async fn check_member(
    state: &AppState,
    organisation_id: Option<i64>,
    name: &str,
    position: &str,
    role: &str,
    chair: bool,
) -> Result<Result<NewMember, FieldErrors>, PageError> {
    let mut e = FieldErrors::default();
    let organisation = match organisation_id {
        None => {
            e.push(FieldError::required("organisation_id"));
            None
        }
        Some(id) => match orgs::get_organisation(&state.store, id).await {
            Ok(o) => Some(o.id),
            Err(StoreError::NotFound) => {
                e.push(FieldError::new(
                    "organisation_id",
                    "mdg_organisation_unknown",
                ));
                None
            }
            Err(other) => return Err(other.into()),
        },
    };
    let name = member_text("name", name, &mut e);
    let position = member_text("position", position, &mut e);
    let role = member_text("role", role, &mut e);
    Ok(match (organisation, name, position, role) {
        (Some(organisation_id), Some(name), Some(position), Some(role)) if e.is_empty() => {
            Ok(NewMember {
                organisation_id,
                name,
                position,
                role,
                chair,
            })
        }
        _ => Err(e),
    })
}

/// Checks a member's changed position and role.
pub(crate) fn check_member_edit(
    position: &str,
    role: &str,
) -> Result<(String, String), FieldErrors> {
    let mut e = FieldErrors::default();
    let position = member_text("position", position, &mut e);
    let role = member_text("role", role, &mut e);
    match (position, role) {
        (Some(p), Some(r)) if e.is_empty() => Ok((p, r)),
        _ => Err(e),
    }
}

/// A store refusal of a member change as the field error the form shows.
pub(crate) fn member_refusal(e: &StoreError) -> Option<FieldError> {
    match e {
        StoreError::Conflict(c) if c == groups::DUPLICATE_MEMBER => {
            Some(FieldError::new("name", "mdg_member_duplicate"))
        }
        StoreError::Conflict(c) if c == groups::CHAIR_CANNOT_LEAVE => {
            Some(FieldError::new("member", "mdg_chair_cannot_leave"))
        }
        _ => None,
    }
}

/// Finds a case discussed by code: one the viewer may see (any other is reported as unknown,
/// so its existence stays hidden), of the group's region.
pub(crate) async fn case_by_code(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    g: &Mdg,
    field: &str,
    raw: &str,
) -> Result<Result<i64, FieldError>, PageError> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        return Ok(Err(FieldError::required(field)));
    }
    let found = match mayak_store::cases::by_code(&state.store, &code).await {
        Ok(c) => super::cases::case_in_scope(state, v, origin, c.id)
            .await
            .ok()
            .map(|(c, _)| c),
        Err(StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    Ok(match found {
        None => Err(FieldError::new(field, "mdg_case_unknown")),
        Some(c) if c.region != g.region => Err(FieldError::new(field, "mdg_case_other_region")),
        Some(c) => Ok(c.id),
    })
}

// ---- The group's page ----------------------------------------------------------------------

/// An organisation to choose for a new member.
struct OrgChoice {
    id: i64,
    name: String,
}

struct MeetingRow {
    m: Meeting,
    open_actions: usize,
    overdue: usize,
}

#[derive(Template)]
#[template(path = "group.html")]
struct GroupPage {
    b: Base,
    g: Mdg,
    region: String,
    orgs: HashMap<i64, String>,
    members: Vec<Member>,
    meetings: Vec<MeetingRow>,
    may_keep: bool,
    may_edit_members: bool,
    /// The directory for a new member: the region's organisations, then the others.
    in_region: Vec<OrgChoice>,
    elsewhere: Vec<OrgChoice>,
    year: i32,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
}

impl GroupPage {
    fn org(&self, id: &i64) -> &str {
        self.orgs.get(id).map_or("", String::as_str)
    }
}

async fn group_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    id: i64,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let g = groups::group(&state.store, id).await?;
    let today = state.clock.now().date();
    let region = region_label(state, &b, &g.region).await?;
    let meetings = groups::meetings(&state.store, id)
        .await?
        .into_iter()
        .map(|m| {
            let open: Vec<&groups::Item> = m
                .items
                .iter()
                .filter(|i| i.kind == "action" && i.done_at.is_none())
                .collect();
            MeetingRow {
                open_actions: open.len(),
                overdue: open
                    .iter()
                    .filter(|i| i.due_on.is_some_and(|d| d < today))
                    .count(),
                m,
            }
        })
        .collect();
    let may_keep = may_keep_minutes(v, &g);
    let may_edit_members =
        access::may_edit_group_members(&v.roles, v.organisation_id, g.chair_organisation_id);
    let (mut in_region, mut elsewhere) = (Vec::new(), Vec::new());
    if may_edit_members {
        let mut all = orgs::list_organisations(&state.store).await?;
        all.sort_by(|a, b2| a.name(b.lang()).cmp(b2.name(b.lang())));
        for o in all {
            let c = OrgChoice {
                id: o.id,
                name: o.name(b.lang()).to_owned(),
            };
            if o.region == g.region {
                in_region.push(c);
            } else {
                elsewhere.push(c);
            }
        }
    }
    let failed = !errors.is_empty();
    let mut res = render(&GroupPage {
        orgs: names(state, &b).await?,
        members: groups::members(&state.store, id).await?,
        b,
        g,
        region,
        meetings,
        may_keep,
        may_edit_members,
        in_region,
        elsewhere,
        year: today.year(),
        errors,
        form,
        notice,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

const GROUP_NOTICES: &[&str] = &[
    "member-added",
    "member-saved",
    "member-chair",
    "member-removed",
];

/// `GET /groups/{id}`: members and meetings.
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    Path(id): Path<i64>,
    q: super::PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let notice =
        q.0.notice
            .filter(|n| GROUP_NOTICES.contains(&n.as_str()))
            .map(|n| b.t(&format!("groups-notice-{n}")));
    group_page(
        &state,
        b,
        &v,
        id,
        Errors::default(),
        FormPairs::default(),
        notice,
    )
    .await
}

/// `POST /groups/{id}/members`: a new member.
pub async fn add_member(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let g = chaired_group(&state, &v, &origin, id).await?;
    let org = form.get("organisation_id").trim();
    let organisation_id = match org.parse::<i64>() {
        Ok(o) => Some(o),
        Err(_) if org.is_empty() => None,
        // A value no option has: reported as an unknown organisation.
        Err(_) => Some(0),
    };
    let checked = check_member(
        &state,
        organisation_id,
        form.get("name"),
        form.get("position"),
        form.get("role"),
        false,
    )
    .await?;
    let e = match checked {
        Ok(m) => match groups::add_member(
            &state.store,
            g.id,
            &m,
            &auth::event(&v, "mdg.member.add", "mdg", id),
            state.clock.now(),
        )
        .await
        {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/groups/{id}?notice=member-added#members"))
                        .into_response(),
                );
            }
            Err(err) => match member_refusal(&err) {
                Some(f) => {
                    let mut e = FieldErrors::default();
                    e.push(f);
                    e
                }
                None => return Err(err.into()),
            },
        },
        Err(e) => e,
    };
    let errors = Errors::from(&b.tr, &e);
    group_page(&state, b, &v, id, errors, form, None).await
}

// ---- A member --------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "group_member.html")]
struct MemberPage {
    b: Base,
    g: Mdg,
    region: String,
    organisation: String,
    p: Member,
    errors: Errors,
    form: FormPairs,
}

#[allow(clippy::too_many_arguments)]
async fn member_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    member: i64,
    errors: Errors,
    form: FormPairs,
) -> Result<Response, PageError> {
    let g = chaired_group(state, v, origin, id).await?;
    let p = groups::member(&state.store, id, member).await?;
    let failed = !errors.is_empty();
    let mut res = render(&MemberPage {
        region: region_label(state, &b, &g.region).await?,
        organisation: names(state, &b)
            .await?
            .remove(&p.organisation_id)
            .unwrap_or_default(),
        b,
        g,
        p,
        errors,
        form,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /groups/{id}/members/{member}`: change a member, hand them the chair, or remove them.
pub async fn show_member(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, member)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    member_page(
        &state,
        b,
        &v,
        &origin,
        id,
        member,
        Errors::default(),
        FormPairs::default(),
    )
    .await
}

/// `POST /groups/{id}/members/{member}`: position and role.
pub async fn edit_member(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, member)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let g = chaired_group(&state, &v, &origin, id).await?;
    let p = groups::member(&state.store, g.id, member).await?;
    match check_member_edit(form.get("position"), form.get("role")) {
        Ok((position, role)) => {
            groups::edit_member(
                &state.store,
                g.id,
                p.id,
                &position,
                &role,
                &auth::event(&v, "mdg.member.edit", "mdg", id),
                state.clock.now(),
            )
            .await?;
            Ok(Redirect::to(&format!("/groups/{id}?notice=member-saved#members")).into_response())
        }
        Err(e) => {
            let errors = Errors::from(&b.tr, &e);
            member_page(&state, b, &v, &origin, id, member, errors, form).await
        }
    }
}

/// `POST /groups/{id}/members/{member}/chair`: the member takes over the chair.
pub async fn hand_chair(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, member)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let g = chaired_group(&state, &v, &origin, id).await?;
    groups::hand_chair(
        &state.store,
        g.id,
        member,
        &auth::event(&v, "mdg.member.chair", "mdg", id),
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/groups/{id}?notice=member-chair#members")).into_response())
}

/// `POST /groups/{id}/members/{member}/remove`: the member leaves the group (not the chair).
pub async fn remove_member(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, member)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let g = chaired_group(&state, &v, &origin, id).await?;
    match groups::remove_member(
        &state.store,
        g.id,
        member,
        &auth::event(&v, "mdg.member.remove", "mdg", id),
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(
            Redirect::to(&format!("/groups/{id}?notice=member-removed#members")).into_response(),
        ),
        Err(err) => match member_refusal(&err) {
            Some(f) => {
                let mut e = FieldErrors::default();
                e.push(f);
                let errors = Errors::from(&b.tr, &e);
                member_page(
                    &state,
                    b,
                    &v,
                    &origin,
                    id,
                    member,
                    errors,
                    FormPairs::default(),
                )
                .await
            }
            None => Err(err.into()),
        },
    }
}

fn agenda(form: &FormPairs, e: &mut FieldErrors) -> Option<String> {
    let a = form.get("agenda").trim();
    if a.is_empty() {
        e.push(FieldError::required("agenda"));
        None
    } else if a.chars().count() > 4000 {
        e.push(FieldError::too_long("agenda", 4000));
        None
    } else {
        Some(a.to_owned())
    }
}

/// `POST /groups/{id}/meetings`: a new meeting (date and agenda); the minutes follow on its page.
pub async fn create_meeting(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let g = member_group(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let held_on = parse_date("held_on", form.get("held_on"), &mut e, true);
    let agenda = agenda(&form, &mut e);
    let (Some(held_on), Some(agenda), true) = (held_on, agenda, e.is_empty()) else {
        let errors = Errors::from(&b.tr, &e);
        return group_page(&state, b, &v, id, errors, form, None).await;
    };
    let m = NewMeeting {
        mdg_id: g.id,
        held_on,
        agenda,
        attendance: Vec::new(),
        cases: Vec::new(),
        decisions: Vec::new(),
        actions: Vec::new(),
    };
    let meeting = groups::add_meeting(
        &state.store,
        &m,
        &auth::event(&v, "mdg.meeting", "mdg", id),
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/groups/{id}/meetings/{meeting}?notice=created")).into_response())
}

// ---- A meeting's minutes -------------------------------------------------------------------

#[derive(Template)]
#[template(path = "group_meeting.html")]
struct MeetingPage {
    b: Base,
    g: Mdg,
    region: String,
    orgs: HashMap<i64, String>,
    members: Vec<Member>,
    /// Former members recorded present at this meeting (they stay on its attendance).
    former_present: Vec<Member>,
    /// Everyone ever in the group, to name the owners of older action items.
    roster: Vec<Member>,
    m: Meeting,
    today: Date,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
}

impl MeetingPage {
    fn org(&self, id: &i64) -> &str {
        self.orgs.get(id).map_or("", String::as_str)
    }

    fn person(&self, id: &Option<i64>) -> String {
        id.and_then(|id| self.roster.iter().find(|p| p.id == id))
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    fn present(&self, id: &i64) -> bool {
        self.m.attendance.contains(id)
    }

    fn is_overdue(&self, i: &groups::Item) -> bool {
        i.done_at.is_none() && i.due_on.is_some_and(|d| d < self.today)
    }
}

/// Notices after a redirect.
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    notice: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn meeting_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    meeting: i64,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let g = member_group(state, v, origin, id).await?;
    let m = groups::meeting(&state.store, id, meeting).await?;
    let failed = !errors.is_empty();
    let roster = groups::roster(&state.store, id).await?;
    let (members, former): (Vec<Member>, Vec<Member>) =
        roster.iter().cloned().partition(|p| p.left_at.is_none());
    let former_present = former
        .into_iter()
        .filter(|p| m.attendance.contains(&p.id))
        .collect();
    let mut res = render(&MeetingPage {
        region: region_label(state, &b, &g.region).await?,
        orgs: names(state, &b).await?,
        members,
        former_present,
        roster,
        today: state.clock.now().date(),
        b,
        g,
        m,
        errors,
        form,
        notice,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

const NOTICES: &[&str] = &["created", "saved"];

/// `GET /groups/{id}/meetings/{meeting}`.
pub async fn show_meeting(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, meeting)): Path<(i64, i64)>,
    q: super::PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let notice =
        q.0.notice
            .filter(|n| NOTICES.contains(&n.as_str()))
            .map(|n| b.t(&format!("groups-notice-{n}")));
    meeting_page(
        &state,
        b,
        &v,
        &origin,
        id,
        meeting,
        Errors::default(),
        FormPairs::default(),
        notice,
    )
    .await
}

fn saved(id: i64, meeting: i64, anchor: &str) -> Response {
    Redirect::to(&format!(
        "/groups/{id}/meetings/{meeting}?notice=saved#{anchor}"
    ))
    .into_response()
}

/// What a minutes form posts to.
#[derive(Debug, Clone, Copy)]
enum Part {
    Edit,
    Attendance,
    Case,
    Decision,
    Action,
}

#[allow(clippy::too_many_arguments)]
async fn keep(
    state: AppState,
    b: Base,
    v: Viewer,
    origin: Origin,
    id: i64,
    meeting: i64,
    form: FormPairs,
    part: Part,
) -> Result<Response, PageError> {
    let g = member_group(&state, &v, &origin, id).await?;
    let m = groups::meeting(&state.store, id, meeting).await?;
    let who = auth::event(&v, "mdg.meeting", "mdg_meeting", meeting);
    let now = state.clock.now();
    let mut e = FieldErrors::default();
    let members = groups::members(&state.store, id).await?;
    // Former members stay on the attendance of the meetings they were at.
    let former_present: Vec<i64> = groups::roster(&state.store, id)
        .await?
        .iter()
        .filter(|p| p.left_at.is_some() && m.attendance.contains(&p.id))
        .map(|p| p.id)
        .collect();
    match part {
        Part::Edit => {
            let held_on = parse_date("held_on", form.get("held_on"), &mut e, true);
            let agenda = agenda(&form, &mut e);
            if let (Some(d), Some(a), true) = (held_on, agenda, e.is_empty()) {
                groups::edit_meeting(&state.store, m.id, d, &a, &who, now).await?;
                return Ok(saved(id, meeting, "agenda"));
            }
        }
        Part::Attendance => {
            let mut present = Vec::new();
            for raw in form.all("present") {
                match raw.parse::<i64>() {
                    Ok(p) if members.iter().any(|x| x.id == p) || former_present.contains(&p) => {
                        present.push(p);
                    }
                    _ => e.push(FieldError::unknown_code("present")),
                }
            }
            if e.is_empty() {
                groups::set_attendance(&state.store, m.id, &present, &who, now).await?;
                return Ok(saved(id, meeting, "attendance"));
            }
        }
        Part::Case => {
            match case_by_code(&state, &v, &origin, &g, "code", form.get("code")).await? {
                Ok(case) => {
                    groups::add_case(&state.store, m.id, case, &who, now).await?;
                    return Ok(saved(id, meeting, "cases"));
                }
                Err(f) => e.push(f),
            }
        }
        Part::Decision => {
            let t = form.get("decision").trim();
            if t.is_empty() {
                e.push(FieldError::required("decision"));
            } else if t.chars().count() > 2000 {
                e.push(FieldError::too_long("decision", 2000));
            } else {
                groups::add_item(
                    &state.store,
                    m.id,
                    &NewItem::Decision(t.to_owned()),
                    &who,
                    now,
                )
                .await?;
                return Ok(saved(id, meeting, "decisions"));
            }
        }
        Part::Action => {
            let t = form.get("action").trim().to_owned();
            if t.is_empty() {
                e.push(FieldError::required("action"));
            } else if t.chars().count() > 2000 {
                e.push(FieldError::too_long("action", 2000));
            }
            let owner = form.get("owner").parse::<i64>().ok();
            let (org, person) = match owner.and_then(|p| members.iter().find(|x| x.id == p)) {
                Some(p) => (Some(p.organisation_id), Some(p.id)),
                None => {
                    e.push(FieldError::new("owner", "mdg_owner_required"));
                    (None, None)
                }
            };
            let due = parse_date("due_on", form.get("due_on"), &mut e, true);
            if let (Some(org), Some(due), true) = (org, due, e.is_empty()) {
                groups::add_item(
                    &state.store,
                    m.id,
                    &NewItem::Action(t, org, person, due),
                    &who,
                    now,
                )
                .await?;
                return Ok(saved(id, meeting, "actions"));
            }
        }
    }
    let errors = Errors::from(&b.tr, &e);
    meeting_page(&state, b, &v, &origin, id, meeting, errors, form, None).await
}

macro_rules! minutes_form {
    ($(#[$doc:meta])* $name:ident, $part:expr) => {
        $(#[$doc])*
        pub async fn $name(
            State(state): State<AppState>,
            b: Base,
            v: Viewer,
            origin: Origin,
            Path((id, meeting)): Path<(i64, i64)>,
            form: FormPairs,
        ) -> Result<Response, PageError> {
            keep(state, b, v, origin, id, meeting, form, $part).await
        }
    };
}

minutes_form!(
    /// `POST /groups/{id}/meetings/{meeting}`: date and agenda.
    edit_meeting,
    Part::Edit
);
minutes_form!(
    /// `POST /groups/{id}/meetings/{meeting}/attendance`: who was present.
    attendance,
    Part::Attendance
);
minutes_form!(
    /// `POST /groups/{id}/meetings/{meeting}/cases`: a case discussed, by its code.
    add_case,
    Part::Case
);
minutes_form!(
    /// `POST /groups/{id}/meetings/{meeting}/decisions`.
    add_decision,
    Part::Decision
);
minutes_form!(
    /// `POST /groups/{id}/meetings/{meeting}/actions`: an action item with owner and due date.
    add_action,
    Part::Action
);

/// `POST /groups/{id}/meetings/{meeting}/actions/{item}/done`.
pub async fn action_done(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, meeting, item)): Path<(i64, i64, i64)>,
) -> Result<Response, PageError> {
    member_group(&state, &v, &origin, id).await?;
    let m = groups::meeting(&state.store, id, meeting).await?;
    if !m.items.iter().any(|i| i.id == item && i.kind == "action") {
        return Err(PageError::NotFound);
    }
    match groups::action_done(
        &state.store,
        item,
        &auth::event(&v, "mdg.action.done", "mdg_item", item),
        state.clock.now(),
    )
    .await
    {
        // Already done: nothing to change.
        Ok(()) | Err(StoreError::NotFound) => Ok(saved(id, meeting, "actions")),
        Err(e) => Err(e.into()),
    }
}

// ---- The yearly summary --------------------------------------------------------------------

#[derive(Template)]
#[template(path = "group_summary.html")]
struct SummaryPage {
    b: Base,
    g: Mdg,
    region: String,
    year: i32,
    years: Vec<i32>,
    s: YearSummary,
    members: usize,
    /// Members present over members who could have been, in percent.
    attendance_rate: i64,
}

/// Which year.
#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    year: Option<i32>,
}

/// `GET /groups/{id}/summary?year=`: the region's year in its group.
pub async fn summary(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
    q: super::PageQuery<YearQuery>,
) -> Result<Response, PageError> {
    let g = groups::group(&state.store, id).await?;
    let today = state.clock.now().date();
    let year =
        q.0.year
            .filter(|y| (2000..=2100).contains(y))
            .unwrap_or(today.year());
    let s = groups::year_summary(&state.store, id, year, today).await?;
    let members = groups::members(&state.store, id).await?.len();
    let mut years: Vec<i32> = groups::meetings(&state.store, id)
        .await?
        .iter()
        .map(|m| m.held_on.year())
        .chain(std::iter::once(today.year()))
        .collect();
    years.sort_unstable();
    years.dedup();
    years.reverse();
    let attendance_rate = attendance_rate(&state, id, year, members).await?;
    render(&SummaryPage {
        region: region_label(&state, &b, &g.region).await?,
        b,
        g,
        year,
        years,
        s,
        members,
        attendance_rate,
    })
}

pub(crate) async fn attendance_rate(
    state: &AppState,
    id: i64,
    year: i32,
    members: usize,
) -> Result<i64, PageError> {
    let held: Vec<Meeting> = groups::meetings(&state.store, id)
        .await?
        .into_iter()
        .filter(|m| m.held_on.year() == year)
        .collect();
    let possible = held.len() * members;
    if possible == 0 {
        return Ok(0);
    }
    let present: usize = held.iter().map(|m| m.attendance.len()).sum();
    Ok(((present * 100 + possible / 2) / possible) as i64)
}
