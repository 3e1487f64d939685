//! The rehabilitation centre's pages: centres and shifts, admission from a case (with the
//! shift rules explained when broken), the waiting list, the stay with its individual
//! rehabilitation plan, sessions, progress notes and discharge, the occupancy calendar and the
//! day view (case codes only), and the statistics with a server-rendered chart.

use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::access::{self, Permission};
use mayak_domain::rehab::{
    Destination, DischargeReason, GoalStatus, Participation, RehabKind, ShiftKind, StayStatus,
};
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::StoreError;
use mayak_store::audit::AuditEvent;
use mayak_store::cases::{self, Case};
use mayak_store::orgs::{self, User};
use mayak_store::reference::{self, Entry};
use mayak_store::rehab::{
    self as store, Admission, Centre, Discharge, NewOccupant, PlanItem, ProgressNote, Referred,
    RehabError, RehabStats, Review, Session, Shift, Stay,
};
use serde::Deserialize;
use std::collections::HashMap;
use time::{Date, Duration};

/// Reference labels the pages show, in the request's language.
pub struct Labels(HashMap<(ListKind, String), String>);

impl Labels {
    async fn load(state: &AppState, b: &Base) -> Result<Self, StoreError> {
        let mut m = HashMap::new();
        for kind in [
            ListKind::ShiftKind,
            ListKind::Sex,
            ListKind::LegalStatus,
            ListKind::FamilyRelation,
            ListKind::RehabilitationKind,
            ListKind::ServiceType,
            ListKind::Region,
            ListKind::AgeBand,
        ] {
            for e in reference::list(&state.store, kind, true).await? {
                m.insert((kind, e.code.clone()), e.label(b.lang()).to_owned());
            }
        }
        Ok(Self(m))
    }

    /// A label, or the code when unknown.
    pub fn of(&self, kind: ListKind, code: &str) -> String {
        self.0
            .get(&(kind, code.to_owned()))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }
}

fn who(state: &AppState, v: &Viewer, origin: &Origin) -> AuditEvent {
    let mut e = auth::event(v, "", "rehab", "");
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

/// Notices a redirect may ask for.
const NOTICES: &[&str] = &[
    "centre-added",
    "room-added",
    "shift-planned",
    "admitted",
    "planned",
    "waiting",
    "arrived",
    "cancelled",
    "placed",
    "plan-added",
    "plan-updated",
    "session-added",
    "note-added",
    "discharged",
];

#[derive(Debug, Deserialize, Default)]
pub struct NoticeQuery {
    notice: Option<String>,
}

fn notice(b: &Base, q: &NoticeQuery) -> Option<String> {
    q.notice
        .as_deref()
        .filter(|n| NOTICES.contains(n))
        .map(|n| b.t(&format!("rehab-notice-{n}")))
}

/// The centre a staff member may change: only the organisation running it.
fn runs(v: &Viewer, c: &Centre) -> Result<(), PageError> {
    if v.organisation_id == c.organisation_id {
        Ok(())
    } else {
        Err(PageError::Forbidden)
    }
}

/// Error messages beside the fields, keyed by field name.
fn errors_of(b: &Base, e: &FieldErrors) -> Errors {
    Errors::from(&b.tr, e)
}

// ---- Index ---------------------------------------------------------------------------------

/// A shift with how many stay in it tonight.
pub struct ShiftRow {
    /// The shift.
    pub s: Shift,
    /// People staying tonight.
    pub tonight: usize,
    /// Admissions (stays) in total, waiting ones aside.
    pub stays: usize,
    /// Admissions waiting.
    pub waiting: usize,
}

/// A centre on the index page.
pub struct CentreRow {
    /// The centre.
    pub c: Centre,
    /// Its shifts around today.
    pub shifts: Vec<ShiftRow>,
}

#[derive(Template)]
#[template(path = "rehab_index.html")]
struct IndexPage {
    b: Base,
    labels: Labels,
    notice: Option<String>,
    errors: Errors,
    form: FormPairs,
    centres: Vec<CentreRow>,
    mine: Vec<Centre>,
    referred: Vec<Referred>,
    regions: Vec<Entry>,
    kinds: Vec<&'static str>,
    today: Date,
}

async fn shift_rows(
    state: &AppState,
    centre: i64,
    today: Date,
) -> Result<Vec<ShiftRow>, StoreError> {
    let mut out = Vec::new();
    for s in store::shifts(
        &state.store,
        Some(centre),
        today - Duration::days(30),
        today + Duration::days(120),
    )
    .await?
    {
        let stays = store::stays_of_shift(&state.store, s.id).await?;
        out.push(ShiftRow {
            tonight: stays
                .iter()
                .filter(|x| x.status.occupies() && x.from() <= today && today < x.to())
                .count(),
            stays: stays.iter().filter(|x| x.status.holds_nights()).count(),
            waiting: stays
                .iter()
                .filter(|x| x.status == StayStatus::Waiting)
                .count(),
            s,
        });
    }
    Ok(out)
}

async fn index_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let today = state.clock.now().date();
    let mut centres = Vec::new();
    let all = store::centres(&state.store).await?;
    for c in &all {
        centres.push(CentreRow {
            shifts: shift_rows(state, c.id, today).await?,
            c: c.clone(),
        });
    }
    let referred = if v.can(Permission::RehabAdmit) {
        store::referred(&state.store, v.organisation_id).await?
    } else {
        Vec::new()
    };
    let page = IndexPage {
        labels: Labels::load(state, &b).await?,
        mine: all
            .into_iter()
            .filter(|c| c.organisation_id == v.organisation_id)
            .collect(),
        regions: reference::list(&state.store, ListKind::Region, false).await?,
        kinds: ShiftKind::ALL.iter().map(|k| k.code()).collect(),
        b,
        notice,
        errors,
        form,
        centres,
        referred,
        today,
    };
    render(&page)
}

/// `GET /rehab`: the centres, their shifts, cases referred for a stay.
pub async fn index(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let n = notice(&b, &q.0);
    index_page(&state, b, &v, Errors::default(), FormPairs::default(), n).await
}

/// Parses rooms written as `101: 3, 102: 2` (room name and number of beds).
fn parse_rooms(raw: &str) -> Result<Vec<(String, Vec<String>)>, FieldError> {
    let mut out = Vec::new();
    for part in raw
        .split([',', '\n', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (name, beds) = part.split_once(':').unwrap_or((part, "1"));
        let name = name.trim();
        let n: usize = beds
            .trim()
            .parse()
            .map_err(|_| FieldError::new("rooms", "rooms_format"))?;
        if name.is_empty() || name.chars().count() > 40 || !(1..=20).contains(&n) {
            return Err(FieldError::new("rooms", "rooms_format"));
        }
        out.push((name.to_owned(), (1..=n).map(|b| b.to_string()).collect()));
    }
    if out.is_empty() || out.len() > 100 {
        return Err(FieldError::new("rooms", "rooms_format"));
    }
    Ok(out)
}

/// `POST /rehab/centres`: a centre of the viewer's organisation, with rooms and beds.
pub async fn add_centre(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut e = FieldErrors::default();
    let name = e.check(mayak_domain::account::parse_text(
        "centre_name",
        form.get("centre_name"),
        200,
    ));
    let region = form.get("region").to_owned();
    if !reference::is_active(&state.store, ListKind::Region, &region).await? {
        e.push(FieldError::unknown_code("region"));
    }
    let rooms = e.check(parse_rooms(form.get("rooms")));
    let (Some(name), Some(rooms)) = (name, rooms) else {
        let errors = errors_of(&b, &e);
        return index_page(&state, b, &v, errors, form, None).await;
    };
    if !e.is_empty() {
        let errors = errors_of(&b, &e);
        return index_page(&state, b, &v, errors, form, None).await;
    }
    match store::create_centre(
        &state.store,
        v.organisation_id,
        &name,
        &region,
        &rooms,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/rehab?notice=centre-added").into_response()),
        Err(StoreError::Conflict(_)) => {
            let errors = errors_of(&b, &FieldError::new("centre_name", "taken").into());
            index_page(&state, b, &v, errors, form, None).await
        }
        Err(err) => Err(err.into()),
    }
}

/// `POST /rehab/centres/{id}/rooms`: a room with beds.
pub async fn add_room(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = store::centre(&state.store, id).await?;
    runs(&v, &c)?;
    let rooms = match parse_rooms(&format!("{}:{}", form.get("room_name"), form.get("beds"))) {
        Ok(r) => r,
        Err(_) => {
            let errors = errors_of(&b, &FieldError::new("room_name", "rooms_format").into());
            return index_page(&state, b, &v, errors, form, None).await;
        }
    };
    for (name, beds) in &rooms {
        match store::add_room(
            &state.store,
            c.id,
            name,
            beds,
            &who(&state, &v, &origin),
            state.clock.now(),
        )
        .await
        {
            Ok(_) => {}
            Err(StoreError::Conflict(_)) => {
                let errors = errors_of(&b, &FieldError::new("room_name", "taken").into());
                return index_page(&state, b, &v, errors, form, None).await;
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(Redirect::to("/rehab?notice=room-added").into_response())
}

/// `POST /rehab/shifts`: plans a shift.
pub async fn add_shift(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut e = FieldErrors::default();
    let centre = match form.get("centre").parse::<i64>() {
        Ok(id) => match store::centre(&state.store, id).await {
            Ok(c) if c.organisation_id == v.organisation_id => Some(c),
            Ok(_) | Err(StoreError::NotFound) => None,
            Err(err) => return Err(err.into()),
        },
        Err(_) => None,
    };
    if centre.is_none() {
        e.push(FieldError::unknown_code("centre"));
    }
    let kind = ShiftKind::parse(form.get("kind"));
    if kind.is_none() {
        e.push(FieldError::unknown_code("kind"));
    }
    let starts = parse_date("starts_on", form.get("starts_on"), &mut e, true);
    let ends = parse_date("ends_on", form.get("ends_on"), &mut e, true);
    let capacity = match form.get("capacity").trim().parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            e.push(FieldError::new("capacity", "number_format"));
            None
        }
    };
    let (Some(c), Some(kind), Some(starts), Some(ends), Some(capacity), true) =
        (centre, kind, starts, ends, capacity, e.is_empty())
    else {
        let errors = errors_of(&b, &e);
        return index_page(&state, b, &v, errors, form, None).await;
    };
    match store::create_shift(
        &state.store,
        c.id,
        kind,
        starts,
        ends,
        capacity,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/rehab/shifts/{id}?notice=shift-planned")).into_response())
        }
        Err(RehabError::Refused(e)) => {
            let errors = errors_of(&b, &e);
            index_page(&state, b, &v, errors, form, None).await
        }
        Err(RehabError::Store(err)) => Err(err.into()),
    }
}

// ---- Shift ---------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "rehab_shift.html")]
struct ShiftPage {
    b: Base,
    labels: Labels,
    notice: Option<String>,
    errors: Errors,
    form: FormPairs,
    centre: Centre,
    s: Shift,
    groups: Vec<Vec<Stay>>,
    waiting: Vec<Vec<Stay>>,
    tonight: usize,
    today: Date,
    runs: bool,
}

fn by_group(stays: Vec<Stay>) -> Vec<Vec<Stay>> {
    let mut out: Vec<Vec<Stay>> = Vec::new();
    for s in stays {
        match out.last_mut() {
            Some(g)
                if g.first()
                    .is_some_and(|f| f.group_stay_id == s.group_stay_id) =>
            {
                g.push(s)
            }
            _ => out.push(vec![s]),
        }
    }
    out
}

async fn shift_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    id: i64,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let s = store::shift(&state.store, id).await?;
    let centre = store::centre(&state.store, s.centre_id).await?;
    let today = state.clock.now().date();
    let stays = store::stays_of_shift(&state.store, s.id).await?;
    let tonight = stays
        .iter()
        .filter(|x| x.status.occupies() && x.from() <= today && today < x.to())
        .count();
    let (waiting, rest): (Vec<Stay>, Vec<Stay>) = stays
        .into_iter()
        .partition(|x| x.status == StayStatus::Waiting);
    let mut waiting = by_group(waiting);
    waiting.sort_by_key(|g| g.first().map(|f| (f.created_at, f.id)));
    let page = ShiftPage {
        labels: Labels::load(state, &b).await?,
        runs: v.organisation_id == centre.organisation_id && v.can(Permission::RehabAdmit),
        b,
        notice,
        errors,
        form,
        groups: by_group(
            rest.into_iter()
                .filter(|x| x.status != StayStatus::Cancelled)
                .collect(),
        ),
        waiting,
        tonight,
        today,
        centre,
        s,
    };
    render(&page)
}

/// `GET /rehab/shifts/{id}`: the shift, its stays and waiting list.
pub async fn show_shift(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    Path(id): Path<i64>,
    q: PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let n = notice(&b, &q.0);
    shift_page(
        &state,
        b,
        &v,
        id,
        Errors::default(),
        FormPairs::default(),
        n,
    )
    .await
}

// ---- Admission -----------------------------------------------------------------------------

/// One person who may come: the case's person or a relative linked to the case.
pub struct Candidate {
    /// `self` or `rel-<id>`: how the form names them.
    pub slot: String,
    /// The relative link.
    pub relative_id: Option<i64>,
    /// Relation code, for a relative.
    pub relation: Option<String>,
    /// Sex.
    pub sex: String,
    /// Recorded as accompanying the person.
    pub accompanying: bool,
}

#[derive(Template)]
#[template(path = "rehab_admit.html")]
struct AdmitPage {
    b: Base,
    labels: Labels,
    errors: Errors,
    form: FormPairs,
    s: Shift,
    centre: Centre,
    case: Case,
    candidates: Vec<Candidate>,
    eligibility: Errors,
    full: bool,
    beds: Vec<(i64, String)>,
    fresh: bool,
}

#[derive(Debug, Deserialize, Default)]
pub struct CaseQuery {
    case: Option<String>,
}

/// A case the viewer reaches, by code; a case outside the scope does not exist for them.
async fn case_by_code(
    state: &AppState,
    v: &Viewer,
    code: &str,
) -> Result<Option<Case>, StoreError> {
    let c = match cases::by_code(&state.store, code).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let facts = cases::facts(&state.store, &c).await?;
    let subject = crate::pages::cases::subject_of(state, v).await?;
    Ok(access::case_scope(&subject, &facts).map(|_| c))
}

#[allow(clippy::too_many_arguments)]
async fn admit_page(
    state: &AppState,
    b: Base,
    s: Shift,
    centre: Centre,
    case: Case,
    errors: FieldErrors,
    form: FormPairs,
    fresh: bool,
) -> Result<Response, PageError> {
    let relatives = mayak_store::casework::relatives(&state.store, case.id).await?;
    let mut candidates = vec![Candidate {
        slot: "self".into(),
        relative_id: None,
        relation: None,
        sex: case.sex.clone(),
        accompanying: true,
    }];
    candidates.extend(relatives.into_iter().map(|r| Candidate {
        slot: format!("rel-{}", r.id),
        relative_id: Some(r.id),
        relation: Some(r.relation),
        sex: r.sex,
        accompanying: r.accompanying,
    }));
    let eligibility = store::check_case(&state.store, &case).await?;
    let full = errors
        .0
        .iter()
        .any(|e| e.code == "shift_full" || e.code == "bed_taken");
    let beds = centre
        .bed_ids()
        .into_iter()
        .map(|id| (id, centre.bed_name(id)))
        .collect();
    let page = AdmitPage {
        labels: Labels::load(state, &b).await?,
        errors: errors_of(&b, &errors),
        eligibility: errors_of(&b, &eligibility),
        b,
        form,
        s,
        centre,
        case,
        candidates,
        full,
        beds,
        fresh,
    };
    render(&page)
}

/// `GET /rehab/shifts/{id}/admit?case=`: the admission form for a case.
pub async fn admit_form(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    Path(id): Path<i64>,
    q: PageQuery<CaseQuery>,
) -> Result<Response, PageError> {
    let s = store::shift(&state.store, id).await?;
    let centre = store::centre(&state.store, s.centre_id).await?;
    runs(&v, &centre)?;
    let code = q.0.case.unwrap_or_default();
    let Some(case) = case_by_code(&state, &v, &code).await? else {
        let e = FieldError::new("case", "no_such_case");
        let errors = errors_of(&b, &e.into());
        let form = FormPairs(vec![("case".into(), code)]);
        return shift_page(&state, b, &v, id, errors, form, None).await;
    };
    let form = FormPairs(vec![
        (
            "planned_from".into(),
            s.starts_on.max(state.clock.now().date()).to_string(),
        ),
        ("planned_to".into(), s.ends_on.to_string()),
    ]);
    admit_page(
        &state,
        b,
        s,
        centre,
        case,
        FieldErrors::default(),
        form,
        true,
    )
    .await
}

/// `POST /rehab/shifts/{id}/admissions`: admits, or refuses with the rule broken, or puts the
/// admission on the waiting list when the shift is full and the user asked for it.
pub async fn admit(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let s = store::shift(&state.store, id).await?;
    let centre = store::centre(&state.store, s.centre_id).await?;
    runs(&v, &centre)?;
    let Some(case) = case_by_code(&state, &v, form.get("case")).await? else {
        return Err(PageError::NotFound);
    };
    let mut e = FieldErrors::default();
    let from = parse_date("planned_from", form.get("planned_from"), &mut e, true);
    let to = parse_date("planned_to", form.get("planned_to"), &mut e, true);
    let keys = form.all("occupant");
    let relatives = mayak_store::casework::relatives(&state.store, case.id).await?;
    let mut occupants = Vec::new();
    for key in &keys {
        let relative_id = match key.as_str() {
            "self" => None,
            k => match k.strip_prefix("rel-").and_then(|n| n.parse::<i64>().ok()) {
                Some(r) if relatives.iter().any(|x| x.id == r) => Some(r),
                _ => return Err(PageError::BadRequest),
            },
        };
        let bed = form.get(&format!("bed-{key}"));
        let bed_id = if bed.is_empty() {
            None
        } else {
            match bed.parse::<i64>() {
                Ok(b) if centre.bed_ids().contains(&b) => Some(b),
                _ => {
                    e.push(FieldError::unknown_code(format!("occ-{key}")));
                    None
                }
            }
        };
        occupants.push(NewOccupant {
            relative_id,
            bed_id,
        });
    }
    if keys.is_empty() {
        e.push(FieldError::new("occupants", "choose_one"));
    }
    let (Some(from), Some(to), true) = (from, to, e.is_empty()) else {
        return admit_page(&state, b, s, centre, case, e, form, false).await;
    };
    let today = state.clock.now().date();
    let arrived = form.checked("arrived");
    if arrived && from != today {
        e.push(FieldError::new("planned_from", "arrival_today").with("date", today.to_string()));
        return admit_page(&state, b, s, centre, case, e, form, false).await;
    }
    let a = Admission {
        shift_id: s.id,
        case_id: case.id,
        occupants,
        planned_from: from,
        planned_to: to,
        arrived,
        waiting_list: form.get("waiting_list") == "1",
    };
    match store::admit(
        &state.store,
        &state.vault,
        &a,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(done) => {
            let n = if done.waiting {
                "waiting"
            } else if arrived {
                "admitted"
            } else {
                "planned"
            };
            Ok(Redirect::to(&format!("/rehab/shifts/{}?notice={n}", s.id)).into_response())
        }
        Err(RehabError::Refused(mut errors)) => {
            // Rules name the occupant by position; the form names them by key.
            for err in &mut errors.0 {
                if let Some(i) = err
                    .field
                    .strip_prefix("occupants[")
                    .and_then(|r| r.strip_suffix(']'))
                    .and_then(|n| n.parse::<usize>().ok())
                    && let Some(k) = keys.get(i)
                {
                    err.field = format!("occ-{k}");
                }
            }
            admit_page(&state, b, s, centre, case, errors, form, false).await
        }
        Err(RehabError::Store(err)) => Err(err.into()),
    }
}

/// The stay and the case it belongs to, when the viewer runs the centre and reaches the case.
async fn stay_in_scope(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<(Stay, Shift, Centre, Case), PageError> {
    let st = store::stay(&state.store, id).await?;
    let s = store::shift(&state.store, st.shift_id).await?;
    let centre = store::centre(&state.store, s.centre_id).await?;
    if v.organisation_id != centre.organisation_id {
        auth::deny(state, Some(v), origin, "rehab_stay", "access.out_of_scope").await;
        return Err(PageError::NotFound);
    }
    let (case, _) = crate::pages::cases::case_in_scope(state, v, origin, st.case_id).await?;
    Ok((st, s, centre, case))
}

/// `POST /rehab/stays/{id}/arrive`: the admission arrived today.
pub async fn arrive(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (st, s, _, _) = stay_in_scope(&state, &v, &origin, id).await?;
    match store::arrive(
        &state.store,
        st.group_stay_id,
        state.clock.now().date(),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/rehab/shifts/{}?notice=arrived", s.id)).into_response())
        }
        Err(RehabError::Refused(_)) => Err(PageError::BadRequest),
        Err(RehabError::Store(e)) => Err(e.into()),
    }
}

/// `POST /rehab/stays/{id}/cancel`: cancels a planned or waiting admission.
pub async fn cancel(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (st, s, _, _) = stay_in_scope(&state, &v, &origin, id).await?;
    match store::cancel(
        &state.store,
        st.group_stay_id,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(()) => {
            Ok(Redirect::to(&format!("/rehab/shifts/{}?notice=cancelled", s.id)).into_response())
        }
        Err(RehabError::Refused(_)) => Err(PageError::BadRequest),
        Err(RehabError::Store(e)) => Err(e.into()),
    }
}

/// `POST /rehab/stays/{id}/place`: places a waiting admission when there is room.
pub async fn place(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (st, s, _, _) = stay_in_scope(&state, &v, &origin, id).await?;
    match store::place_waiting(
        &state.store,
        &state.vault,
        st.group_stay_id,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/rehab/shifts/{}?notice=placed", s.id)).into_response()),
        Err(RehabError::Refused(e)) => {
            let errors = errors_of(&b, &e);
            shift_page(&state, b, &v, s.id, errors, FormPairs::default(), None).await
        }
        Err(RehabError::Store(e)) => Err(e.into()),
    }
}

// ---- Stay: plan, sessions, notes, discharge ------------------------------------------------

#[derive(Template)]
#[template(path = "rehab_stay.html")]
struct StayPage {
    b: Base,
    labels: Labels,
    notice: Option<String>,
    errors: Errors,
    form: FormPairs,
    st: Stay,
    s: Shift,
    centre: Centre,
    group: Vec<Stay>,
    plan: Vec<PlanItem>,
    sessions: Vec<Session>,
    notes: Vec<ProgressNote>,
    review: Option<Review>,
    staff: Vec<User>,
    users: HashMap<i64, String>,
    today: Date,
    kinds: Vec<&'static str>,
    reasons: Vec<&'static str>,
    destinations: Vec<&'static str>,
    outcomes: Vec<&'static str>,
    participations: Vec<&'static str>,
}

impl StayPage {
    fn user(&self, id: &Option<i64>) -> String {
        id.and_then(|i| self.users.get(&i).cloned())
            .unwrap_or_default()
    }

    fn plan_of(&self, kind: &str) -> Vec<&PlanItem> {
        self.plan.iter().filter(|p| p.kind.code() == kind).collect()
    }
}

#[allow(clippy::too_many_arguments)]
async fn stay_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let (st, s, centre, _) = stay_in_scope(state, v, origin, id).await?;
    let (notes, review) = match store::notes(
        &state.store,
        &state.vault,
        st.id,
        &who(state, v, origin),
        state.clock.now(),
    )
    .await
    {
        Ok(n) => n,
        Err(StoreError::Erased) => (Vec::new(), None),
        Err(e) => return Err(e.into()),
    };
    let users = orgs::list_users(&state.store).await?;
    let page = StayPage {
        labels: Labels::load(state, &b).await?,
        group: store::group(&state.store, st.group_stay_id).await?,
        plan: store::plan(&state.store, st.id).await?,
        sessions: store::sessions(&state.store, st.id).await?,
        staff: users
            .iter()
            .filter(|u| u.organisation_id == centre.organisation_id && !u.disabled)
            .cloned()
            .collect(),
        users: users.into_iter().map(|u| (u.id, u.display_name)).collect(),
        today: state.clock.now().date(),
        kinds: RehabKind::ALL.iter().map(|k| k.code()).collect(),
        reasons: DischargeReason::ALL.iter().map(|k| k.code()).collect(),
        destinations: Destination::ALL.iter().map(|k| k.code()).collect(),
        outcomes: GoalStatus::ALL
            .iter()
            .filter(|g| **g != GoalStatus::Open)
            .map(|k| k.code())
            .collect(),
        participations: Participation::ALL.iter().map(|k| k.code()).collect(),
        b,
        notice,
        errors,
        form,
        notes,
        review,
        st,
        s,
        centre,
    };
    render(&page)
}

/// `GET /rehab/stays/{id}`: the stay with its plan, sessions and progress notes (the read of
/// the notes is recorded).
pub async fn show_stay(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    q: PageQuery<NoticeQuery>,
) -> Result<Response, PageError> {
    let n = notice(&b, &q.0);
    stay_page(
        &state,
        b,
        &v,
        &origin,
        id,
        Errors::default(),
        FormPairs::default(),
        n,
    )
    .await
}

fn to_stay(id: i64, notice: &str) -> Response {
    Redirect::to(&format!("/rehab/stays/{id}?notice={notice}")).into_response()
}

/// `POST /rehab/stays/{id}/plan`: a goal with its activities.
pub async fn add_plan(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (st, ..) = stay_in_scope(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let kind = RehabKind::parse(form.get("kind"));
    if kind.is_none() {
        e.push(FieldError::unknown_code("kind"));
    }
    let goal = e.check(mayak_domain::rehab::check_text(
        "goal",
        form.get("goal"),
        true,
    ));
    let activities = e.check(mayak_domain::rehab::check_text(
        "activities",
        form.get("activities"),
        false,
    ));
    let (Some(kind), Some(goal), Some(activities), true) = (kind, goal, activities, e.is_empty())
    else {
        let errors = errors_of(&b, &e);
        return stay_page(&state, b, &v, &origin, id, errors, form, None).await;
    };
    store::add_plan_item(
        &state.store,
        st.id,
        kind,
        &goal,
        &activities,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(to_stay(st.id, "plan-added"))
}

/// `POST /rehab/stays/{id}/plan/{item}/status`.
pub async fn plan_status(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, item)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (st, ..) = stay_in_scope(&state, &v, &origin, id).await?;
    let status = GoalStatus::parse(form.get("status")).ok_or(PageError::BadRequest)?;
    store::set_plan_status(
        &state.store,
        st.id,
        item,
        status,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(to_stay(st.id, "plan-updated"))
}

/// `POST /rehab/stays/{id}/sessions`: a session held (by whom, when).
pub async fn add_session(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (st, _, centre, _) = stay_in_scope(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let kind = RehabKind::parse(form.get("session_kind"));
    if kind.is_none() {
        e.push(FieldError::unknown_code("session_kind"));
    }
    let held_on = parse_date("held_on", form.get("held_on"), &mut e, true);
    let users = orgs::list_users(&state.store).await?;
    let held_by = form.get("held_by").parse::<i64>().ok().filter(|id| {
        users
            .iter()
            .any(|u| u.id == *id && u.organisation_id == centre.organisation_id)
    });
    if held_by.is_none() {
        e.push(FieldError::unknown_code("held_by"));
    }
    let minutes = match form.get("minutes").trim().parse::<i64>() {
        Ok(m) => Some(m),
        Err(_) => {
            e.push(FieldError::new("minutes", "minutes_range"));
            None
        }
    };
    let topic = e.check(mayak_domain::rehab::check_text(
        "topic",
        form.get("topic"),
        true,
    ));
    let (Some(kind), Some(held_on), Some(held_by), Some(minutes), Some(topic), true) =
        (kind, held_on, held_by, minutes, topic, e.is_empty())
    else {
        let errors = errors_of(&b, &e);
        return stay_page(&state, b, &v, &origin, id, errors, form, None).await;
    };
    match store::add_session(
        &state.store,
        st.id,
        kind,
        held_on,
        held_by,
        minutes,
        &topic,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(to_stay(st.id, "session-added")),
        Err(RehabError::Refused(e)) => {
            let errors = errors_of(&b, &e);
            stay_page(&state, b, &v, &origin, id, errors, form, None).await
        }
        Err(RehabError::Store(e)) => Err(e.into()),
    }
}

/// `POST /rehab/stays/{id}/notes`: a progress note written with the person, sealed.
pub async fn add_note(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (st, ..) = stay_in_scope(&state, &v, &origin, id).await?;
    let participation =
        match mayak_domain::rehab::check_note(form.get("note"), form.get("participation")) {
            Ok(p) => p,
            Err(e) => {
                let errors = errors_of(&b, &e);
                return stay_page(&state, b, &v, &origin, id, errors, form, None).await;
            }
        };
    match store::add_note(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        st.id,
        participation,
        form.get("note").trim(),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(to_stay(st.id, "note-added")),
        Err(StoreError::Erased) => Err(PageError::BadRequest),
        Err(e) => Err(e.into()),
    }
}

/// `POST /rehab/stays/{id}/discharge`: the discharge with its reason, destination and the
/// review of the plan; children who came with the person leave with them.
pub async fn discharge(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (st, s, ..) = stay_in_scope(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let left_on = parse_date("left_on", form.get("left_on"), &mut e, true);
    if left_on.is_some_and(|d| d > state.clock.now().date()) {
        e.push(FieldError::new("left_on", "date_out_of_range"));
    }
    let reason = DischargeReason::parse(form.get("reason"));
    if reason.is_none() {
        e.push(FieldError::unknown_code("reason"));
    }
    let destination = Destination::parse(form.get("destination"));
    if destination.is_none() {
        e.push(FieldError::unknown_code("destination"));
    }
    let mut outcomes = Vec::new();
    for k in RehabKind::ALL {
        let raw = form.get(&format!("outcome_{}", k.code()));
        if raw.is_empty() {
            continue;
        }
        match GoalStatus::parse(raw) {
            Some(o) if o != GoalStatus::Open => outcomes.push((*k, o)),
            _ => e.push(FieldError::unknown_code(format!("outcome_{}", k.code()))),
        }
    }
    let (Some(left_on), Some(reason), Some(destination), true) =
        (left_on, reason, destination, e.is_empty())
    else {
        let errors = errors_of(&b, &e);
        return stay_page(&state, b, &v, &origin, id, errors, form, None).await;
    };
    let d = Discharge {
        left_on,
        reason,
        destination,
        review: Review {
            outcomes,
            summary: form.get("summary").trim().to_owned(),
        },
    };
    match store::discharge(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        st.id,
        &d,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/rehab/shifts/{}?notice=discharged", s.id)).into_response())
        }
        Err(RehabError::Refused(e)) => {
            let errors = errors_of(&b, &e);
            stay_page(&state, b, &v, &origin, id, errors, form, None).await
        }
        Err(RehabError::Store(e)) => Err(e.into()),
    }
}

// ---- Calendar and day view -----------------------------------------------------------------

/// A run of days in a bed's row: empty, or one stay by case code.
pub struct Cell {
    /// Days covered.
    pub span: usize,
    /// Case code of the stay.
    pub code: Option<String>,
    /// The person staying is a child.
    pub child: bool,
    /// Planned, not yet arrived.
    pub planned: bool,
}

/// A bed's row of the calendar.
pub struct CalRow {
    /// Room and bed.
    pub bed: String,
    /// Its days.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Deserialize, Default)]
pub struct CalendarQuery {
    centre: Option<i64>,
    from: Option<String>,
    date: Option<String>,
}

#[derive(Template)]
#[template(path = "rehab_calendar.html")]
struct CalendarPage {
    b: Base,
    centres: Vec<Centre>,
    centre: Centre,
    from: Date,
    days: Vec<Date>,
    rows: Vec<CalRow>,
    prev: Date,
    next: Date,
}

fn date_param(raw: &Option<String>) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    raw.as_deref().and_then(|r| Date::parse(r, &format).ok())
}

async fn chosen_centre(
    state: &AppState,
    v: &Viewer,
    id: Option<i64>,
) -> Result<(Vec<Centre>, Centre), PageError> {
    let centres = store::centres(&state.store).await?;
    let centre = match id {
        Some(id) => centres.iter().find(|c| c.id == id).cloned(),
        None => centres
            .iter()
            .find(|c| c.organisation_id == v.organisation_id)
            .or(centres.first())
            .cloned(),
    }
    .ok_or(PageError::NotFound)?;
    Ok((centres, centre))
}

/// Days a calendar page shows.
pub const CALENDAR_DAYS: i64 = 28;

/// `GET /rehab/calendar?centre=&from=`: who sleeps in which bed, by case code, over four weeks.
pub async fn calendar(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<CalendarQuery>,
) -> Result<Response, PageError> {
    let (centres, centre) = chosen_centre(&state, &v, q.0.centre).await?;
    let from =
        date_param(&q.0.from).unwrap_or_else(|| state.clock.now().date() - Duration::days(3));
    let to = from + Duration::days(CALENDAR_DAYS);
    let stays = store::occupancy(&state.store, centre.id, from, to).await?;
    let days: Vec<Date> = (0..CALENDAR_DAYS)
        .map(|i| from + Duration::days(i))
        .collect();
    let mut rows = Vec::new();
    for bed in centre.bed_ids() {
        let mut mine: Vec<&Stay> = stays.iter().filter(|s| s.bed_id == Some(bed)).collect();
        mine.sort_by_key(|s| s.from());
        let mut cells = Vec::new();
        let mut day = from;
        for s in mine {
            let start = s.from().max(from);
            let end = s.to().min(to);
            // A stay without a night in view (or left on its first day) takes no cell.
            if end <= day || end <= s.from() {
                continue;
            }
            if start > day {
                cells.push(Cell {
                    span: (start - day).whole_days() as usize,
                    code: None,
                    child: false,
                    planned: false,
                });
            }
            let begin = start.max(day);
            cells.push(Cell {
                span: (end - begin).whole_days() as usize,
                code: Some(s.case_code.clone()),
                child: s.child,
                planned: s.status == StayStatus::Planned,
            });
            day = end;
        }
        if day < to {
            cells.push(Cell {
                span: (to - day).whole_days() as usize,
                code: None,
                child: false,
                planned: false,
            });
        }
        rows.push(CalRow {
            bed: centre.bed_name(bed),
            cells,
        });
    }
    let page = CalendarPage {
        b,
        centres,
        centre,
        from,
        days,
        rows,
        prev: from - Duration::days(CALENDAR_DAYS),
        next: to,
    };
    render(&page)
}

/// A bed in the day view.
pub struct BedDay {
    /// Room and bed.
    pub bed: String,
    /// Who sleeps there tonight.
    pub stay: Option<Stay>,
}

#[derive(Template)]
#[template(path = "rehab_day.html")]
struct DayPage {
    b: Base,
    centres: Vec<Centre>,
    centre: Centre,
    day: Date,
    prev: Date,
    next: Date,
    beds: Vec<BedDay>,
    arriving: Vec<Stay>,
    leaving: Vec<Stay>,
    sessions: Vec<Session>,
    labels: Labels,
    users: HashMap<i64, String>,
    can_admit: bool,
}

impl DayPage {
    fn user(&self, id: &Option<i64>) -> String {
        id.and_then(|i| self.users.get(&i).cloned())
            .unwrap_or_default()
    }

    fn occupied(&self) -> usize {
        self.beds.iter().filter(|b| b.stay.is_some()).count()
    }
}

/// `GET /rehab/day?centre=&date=`: the day for staff: who is in which bed, who arrives and
/// leaves, which sessions are held.
pub async fn day(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<CalendarQuery>,
) -> Result<Response, PageError> {
    let (centres, centre) = chosen_centre(&state, &v, q.0.centre).await?;
    let day = date_param(&q.0.date).unwrap_or_else(|| state.clock.now().date());
    let next = day + Duration::days(1);
    let stays = store::occupancy(
        &state.store,
        centre.id,
        day - Duration::days(1),
        next + Duration::days(1),
    )
    .await?;
    let beds = centre
        .bed_ids()
        .into_iter()
        .map(|bed| BedDay {
            bed: centre.bed_name(bed),
            stay: stays
                .iter()
                .find(|s| s.bed_id == Some(bed) && s.from() <= day && day < s.to())
                .cloned(),
        })
        .collect();
    let arriving = stays.iter().filter(|s| s.from() == day).cloned().collect();
    let leaving = stays.iter().filter(|s| s.to() == day).cloned().collect();
    let sessions = store::sessions_on(&state.store, centre.id, day).await?;
    let page = DayPage {
        labels: Labels::load(&state, &b).await?,
        users: orgs::list_users(&state.store)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect(),
        can_admit: v.can(Permission::RehabAdmit) && v.organisation_id == centre.organisation_id,
        b,
        centres,
        centre,
        day,
        prev: day - Duration::days(1),
        next,
        beds,
        arriving,
        leaving,
        sessions,
    };
    render(&page)
}

// ---- Statistics ----------------------------------------------------------------------------

/// One bar of the chart.
pub struct Bar {
    /// Left edge.
    pub x: i64,
    /// Top edge.
    pub y: i64,
    /// Height.
    pub h: i64,
    /// Month label (`MM`).
    pub label: String,
    /// Month (`YYYY-MM`).
    pub month: String,
    /// Bed-nights.
    pub value: i64,
}

/// Width of one bar slot of the chart, in SVG units.
const BAR_SLOT: i64 = 40;
/// Height of the plot area, in SVG units.
const PLOT_HEIGHT: i64 = 180;

#[derive(Debug, Deserialize, Default)]
pub struct StatsQuery {
    from: Option<String>,
    to: Option<String>,
}

#[derive(Template)]
#[template(path = "rehab_stats.html")]
struct StatsPage {
    b: Base,
    labels: Labels,
    from: Date,
    to: Date,
    st: RehabStats,
    bars: Vec<Bar>,
    max: i64,
    width: i64,
    errors: Errors,
}

impl StatsPage {
    fn pct(&self, v: &Option<f64>) -> String {
        v.map(|x| format!("{x:.1}"))
            .unwrap_or_else(|| "—".to_owned())
    }
}

/// `GET /rehab/stats?from=&to=`: stays and bed-nights by kind, sex, age band, citizenship and
/// month; the occupancy rate; services during stays; the average length of stay.
pub async fn stats(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<StatsQuery>,
) -> Result<Response, PageError> {
    let today = state.clock.now().date();
    let mut e = FieldErrors::default();
    let mut from = date_param(&q.0.from).unwrap_or(today - Duration::days(365));
    let mut to = date_param(&q.0.to).unwrap_or(today + Duration::days(1));
    if to <= from || (to - from).whole_days() > 3660 {
        e.push(FieldError::new("to", "before_start"));
        from = today - Duration::days(365);
        to = today + Duration::days(1);
    }
    let st = store::stats(&state.store, from, to, today).await?;
    let max = st
        .stays
        .by_month
        .values()
        .map(|t| t.bed_nights)
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = st
        .stays
        .by_month
        .iter()
        .enumerate()
        .map(|(i, (month, t))| {
            let h = t.bed_nights * PLOT_HEIGHT / max;
            Bar {
                x: 40 + i as i64 * BAR_SLOT,
                y: 10 + PLOT_HEIGHT - h,
                h,
                label: month.get(5..).unwrap_or(month).to_owned(),
                month: month.clone(),
                value: t.bed_nights,
            }
        })
        .collect::<Vec<_>>();
    let page = StatsPage {
        labels: Labels::load(&state, &b).await?,
        width: 60 + bars.len() as i64 * BAR_SLOT,
        errors: errors_of(&b, &e),
        b,
        from,
        to,
        st,
        bars,
        max,
    };
    render(&page)
}
