//! Referrals of the National Referral Mechanism on the pages: sending one from a case (with
//! partners suggested by service and region, and the person's consent checked), the
//! organisation's inbox of incoming and outgoing referrals, a referral's page where each side
//! makes its moves and writes notes, and the review of referrals sent without consent.
//! The API (`api/referrals.rs`) shares the checks through [`check_new`] and [`act`].

use super::cases::{editable, who};
use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::access::Permission;
use mayak_domain::case::{self as rules, ConsentPurpose};
use mayak_domain::referral::{
    self as nrm, Candidate, DeclineReason, Disclosure, Nearness, ReferralAction, ReferralKind,
    ReferralState, Side,
};
use mayak_domain::{FieldError, FieldErrors, Lang, ListKind};
use mayak_store::StoreError;
use mayak_store::cases::{self, Case};
use mayak_store::orgs::{self, Organisation};
use mayak_store::reference::{self, Entry};
use mayak_store::referrals::{self, Direction, Move, Moved, NewReferral, Referral};
use serde::Deserialize;
use std::collections::HashMap;
use time::Date;

/// Names the pages need: organisations and service types in the page's language.
pub struct Names {
    orgs: HashMap<i64, String>,
    services: HashMap<String, String>,
}

impl Names {
    /// Loads them.
    pub async fn load(state: &AppState, lang: Lang) -> Result<Self, StoreError> {
        Ok(Self {
            orgs: orgs::list_organisations(&state.store)
                .await?
                .into_iter()
                .map(|o| (o.id, o.name(lang).to_owned()))
                .collect(),
            services: reference::list(&state.store, ListKind::ServiceType, true)
                .await?
                .into_iter()
                .map(|e| (e.code.clone(), e.label(lang).to_owned()))
                .collect(),
        })
    }

    /// An organisation's name.
    pub fn org(&self, id: i64) -> String {
        self.orgs.get(&id).cloned().unwrap_or_default()
    }

    /// A service type's label.
    pub fn service(&self, code: &str) -> String {
        self.services
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    /// Labels of several service types.
    pub fn services(&self, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.service(c))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A referral as lists show it.
pub struct ReferralRow {
    /// Id.
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// Its code.
    pub case_code: String,
    /// `services` or `transfer`.
    pub kind: &'static str,
    /// Sender's name.
    pub from: String,
    /// Receiver's name.
    pub to: String,
    /// Requested services.
    pub services: String,
    /// State code.
    pub state: &'static str,
    /// State label.
    pub state_label: String,
    /// What is overdue, as a label.
    pub overdue: Option<String>,
    /// The date that matters now (acceptance or completion).
    pub due: String,
}

fn row(b: &Base, names: &Names, r: &Referral, today: Date) -> ReferralRow {
    let due = if r.state == ReferralState::Sent {
        Some(r.accept_due_on)
    } else if r.state.is_closed() {
        None
    } else {
        r.complete_due_on
    };
    ReferralRow {
        id: r.id,
        case_id: r.case_id,
        case_code: r.case_code.clone(),
        kind: r.kind.code(),
        from: names.org(r.from_organisation_id),
        to: names.org(r.to_organisation_id),
        services: names.services(&r.services),
        state: r.state.code(),
        state_label: b.t(&format!("referral-state-{}", r.state.code())),
        overdue: r
            .overdue(today)
            .map(|o| b.t(&format!("referral-overdue-{}", o.code()))),
        due: due.map(|d| d.to_string()).unwrap_or_default(),
    }
}

/// The referrals a case page lists: all of them for its lead organisation, a receiver's own
/// for a receiver.
pub async fn on_case(
    state: &AppState,
    b: &Base,
    v: &Viewer,
    c: &Case,
) -> Result<Vec<ReferralRow>, StoreError> {
    let all = referrals::of_case(&state.store, c.id).await?;
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let names = Names::load(state, b.lang()).await?;
    let today = state.clock.now().date();
    Ok(all
        .iter()
        .filter(|r| {
            v.organisation_id == c.lead_organisation_id || r.side_of(v.organisation_id).is_some()
        })
        .map(|r| row(b, &names, r, today))
        .collect())
}

// ---- Sending --------------------------------------------------------------------------------

/// A referral as the form or the API asks for it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `services` (default) or `transfer`.
    pub kind: String,
    /// Requested service types.
    pub services: Vec<String>,
    /// The receiver.
    pub to_organisation_id: Option<i64>,
    /// `needs_only`, `needs_and_contacts` or `full_assessment`.
    pub disclosure: String,
    /// Accept by (default in three days).
    pub accept_due_on: Option<Date>,
    /// Complete by (default in thirty days).
    pub complete_due_on: Option<Date>,
    /// Sending without consent: the supervisor's reason.
    pub override_reason: String,
}

/// Checks a referral request on a case the viewer may edit: the services, the receiver, the
/// disclosure, the due dates, and the person's consent to a referral to the receiver (whose
/// absence a supervisor may override only with a reason). The errors name the fields, and the
/// consent error names the organisation.
pub async fn check_new(
    state: &AppState,
    v: &Viewer,
    c: &Case,
    r: &Request,
    lang: Lang,
) -> Result<Result<NewReferral, FieldErrors>, StoreError> {
    let mut e = FieldErrors::default();
    let kind = match r.kind.as_str() {
        "" => Some(ReferralKind::Services),
        k => ReferralKind::parse(k),
    };
    if kind.is_none() {
        e.push(FieldError::unknown_code("kind"));
    }
    let kind = kind.unwrap_or(ReferralKind::Services);
    let mut services = Vec::new();
    for s in &r.services {
        if !reference::is_active(&state.store, ListKind::ServiceType, s).await? {
            e.push(FieldError::unknown_code("services"));
        } else if !services.contains(s) {
            services.push(s.clone());
        }
    }
    if kind == ReferralKind::Services && r.services.is_empty() {
        e.push(FieldError::required("services"));
    }
    if kind == ReferralKind::Transfer {
        services.clear();
    }
    let disclosure = match (kind, r.disclosure.as_str()) {
        (ReferralKind::Transfer, _) => Some(Disclosure::FullAssessment),
        (_, "") => Some(Disclosure::NeedsOnly),
        (_, d) => Disclosure::parse(d),
    };
    if disclosure.is_none() {
        e.push(FieldError::unknown_code("disclosure"));
    }
    let today = state.clock.now().date();
    let (default_accept, default_complete) = nrm::default_due(kind, today);
    let accept = r.accept_due_on.unwrap_or(default_accept);
    let complete = match kind {
        ReferralKind::Services => Some(
            r.complete_due_on
                .unwrap_or(default_complete.unwrap_or(accept)),
        ),
        ReferralKind::Transfer => None,
    };
    if let Err(errs) = nrm::check_due(today, accept, complete) {
        for x in errs {
            e.push(x);
        }
    }
    let reason = r.override_reason.trim();
    if reason.chars().count() > 500 {
        e.push(FieldError::new("override_reason", "too_long").with("max", "500"));
    }
    let receiver = match r.to_organisation_id {
        Some(id) => orgs::get_organisation(&state.store, id).await.ok(),
        None => None,
    };
    let mut override_reason = None;
    match &receiver {
        None => e.push(FieldError::required("to_organisation_id")),
        Some(o) if o.id == c.lead_organisation_id => {
            e.push(FieldError::new("to_organisation_id", "referral_to_self"));
        }
        Some(o) => {
            let consents: Vec<_> = cases::consents(&state.store, c.id)
                .await?
                .iter()
                .map(cases::Consent::facts)
                .collect();
            if let Err(missing) =
                rules::require_consent(&consents, ConsentPurpose::Referral, Some(o.id))
            {
                if reason.is_empty() {
                    let mut missing = missing.with("organisation_name", o.name(lang));
                    missing.field = "to_organisation_id".into();
                    e.push(missing);
                } else if !v.can(Permission::ReferralsOverride) {
                    e.push(FieldError::new("override_reason", "override_not_allowed"));
                } else {
                    override_reason = Some(reason.to_owned());
                }
            }
        }
    }
    let (Some(receiver), Some(disclosure)) = (receiver, disclosure) else {
        return Ok(Err(e));
    };
    if !e.is_empty() {
        return Ok(Err(e));
    }
    Ok(Ok(NewReferral {
        kind,
        case_id: c.id,
        from_organisation_id: c.lead_organisation_id,
        to_organisation_id: receiver.id,
        disclosure,
        services,
        accept_due_on: accept,
        complete_due_on: complete,
        override_reason,
    }))
}

/// Partners suggested for `services` on a case: in the case's region, then neighbouring ones.
pub async fn suggestions(
    state: &AppState,
    c: &Case,
    services: &[String],
) -> Result<Vec<nrm::Suggestion>, StoreError> {
    let profiles = mayak_store::directory::profiles(&state.store).await?;
    let candidates: Vec<Candidate> = orgs::list_organisations(&state.store)
        .await?
        .into_iter()
        .map(|o| Candidate {
            organisation_id: o.id,
            services: profiles
                .get(&o.id)
                .map(|p| p.services.clone())
                .unwrap_or_default(),
            region: o.region,
        })
        .collect();
    Ok(nrm::suggest(
        &candidates,
        services,
        &c.region,
        c.lead_organisation_id,
    ))
}

struct SuggestionView {
    id: i64,
    name: String,
    nearness: &'static str,
    offers: String,
    capacity: String,
}

#[derive(Template)]
#[template(path = "referral_new.html")]
struct NewPage {
    b: Base,
    c: Case,
    kind: &'static str,
    service_types: Vec<Entry>,
    chosen: Vec<String>,
    suggested: Vec<SuggestionView>,
    others: Vec<Organisation>,
    can_override: bool,
    accept_due: String,
    complete_due: String,
    errors: Errors,
    form: FormPairs,
}

fn pairs(raw: Option<String>) -> FormPairs {
    FormPairs(serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).unwrap_or_default())
}

async fn new_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    c: Case,
    form: FormPairs,
    errors: &FieldErrors,
) -> Result<Response, PageError> {
    let kind = if form.get("kind") == "transfer" {
        ReferralKind::Transfer
    } else {
        ReferralKind::Services
    };
    let chosen = form.all("service");
    let profiles = mayak_store::directory::profiles(&state.store).await?;
    let all = orgs::list_organisations(&state.store).await?;
    let names = Names::load(state, b.lang()).await?;
    let suggested: Vec<SuggestionView> = if kind == ReferralKind::Services {
        suggestions(state, &c, &chosen)
            .await?
            .into_iter()
            .map(|s| SuggestionView {
                id: s.organisation_id,
                name: names.org(s.organisation_id),
                nearness: match s.nearness {
                    Nearness::SameRegion => "same_region",
                    Nearness::Neighbouring => "neighbouring",
                },
                offers: names.services(&s.offers),
                capacity: profiles
                    .get(&s.organisation_id)
                    .and_then(|p| p.capacity_notes.clone())
                    .unwrap_or_default(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let others = all
        .into_iter()
        .filter(|o| o.id != c.lead_organisation_id && !suggested.iter().any(|s| s.id == o.id))
        .collect();
    let today = state.clock.now().date();
    let (a, d) = nrm::default_due(kind, today);
    let failed = !errors.is_empty();
    let mut res = render(&NewPage {
        kind: kind.code(),
        service_types: reference::list(&state.store, ListKind::ServiceType, false).await?,
        chosen,
        suggested,
        others,
        can_override: v.can(Permission::ReferralsOverride),
        accept_due: a.to_string(),
        complete_due: d.map(|d| d.to_string()).unwrap_or_default(),
        errors: Errors::from(&b.tr, errors),
        form,
        b,
        c,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /cases/{id}/referrals/new?kind=…&service=…`: pick the services, see the suggested
/// partners, choose what the receiver may see.
pub async fn new_form(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    RawQuery(q): RawQuery,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    new_page(&state, b, &v, c, pairs(q), &FieldErrors::default()).await
}

/// `POST /cases/{id}/referrals`: sends the referral (or the transfer).
pub async fn send(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let accept_due_on = parse_date(
        "accept_due_on",
        form.get("accept_due_on"),
        &mut errors,
        false,
    );
    let complete_due_on = parse_date(
        "complete_due_on",
        form.get("complete_due_on"),
        &mut errors,
        false,
    );
    let request = Request {
        kind: form.get("kind").to_owned(),
        services: form.all("service"),
        to_organisation_id: form.get("to_organisation_id").parse().ok(),
        disclosure: form.get("disclosure").to_owned(),
        accept_due_on,
        complete_due_on,
        override_reason: form.get("override_reason").to_owned(),
    };
    let checked = check_new(&state, &v, &c, &request, b.lang()).await?;
    let new = match checked {
        Ok(n) if errors.is_empty() => n,
        Ok(_) => return new_page(&state, b, &v, c, form, &errors).await,
        Err(e) => {
            for x in e.0 {
                errors.push(x);
            }
            return new_page(&state, b, &v, c, form, &errors).await;
        }
    };
    let rid = referrals::send(
        &state.store,
        &new,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/referrals/{rid}?notice=sent")).into_response())
}

// ---- The inbox and the referral's page -------------------------------------------------------

#[derive(Template)]
#[template(path = "referrals.html")]
struct InboxPage {
    b: Base,
    to_decide: Vec<ReferralRow>,
    transfers: Vec<ReferralRow>,
    overdue: Vec<ReferralRow>,
    due_soon: Vec<ReferralRow>,
    incoming: Vec<ReferralRow>,
    outgoing: Vec<ReferralRow>,
    show_closed: bool,
}

/// Whether to list closed referrals too.
#[derive(Debug, Deserialize, Default)]
pub struct InboxQuery {
    closed: Option<String>,
}

/// `GET /referrals`: the organisation's inbox (to decide, transfers, overdue, due soon) and its
/// incoming and outgoing referrals.
pub async fn inbox(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<InboxQuery>,
) -> Result<Response, PageError> {
    let show_closed = q.0.closed.is_some_and(|c| c == "1");
    let today = state.clock.now().date();
    let names = Names::load(&state, b.lang()).await?;
    let i = referrals::inbox(&state.store, v.organisation_id, today).await?;
    let rows = |list: &[Referral]| -> Vec<ReferralRow> {
        list.iter().map(|r| row(&b, &names, r, today)).collect()
    };
    let incoming = rows(
        &referrals::of_organisation(
            &state.store,
            v.organisation_id,
            Direction::Incoming,
            !show_closed,
        )
        .await?,
    );
    let outgoing = rows(
        &referrals::of_organisation(
            &state.store,
            v.organisation_id,
            Direction::Outgoing,
            !show_closed,
        )
        .await?,
    );
    let page = InboxPage {
        to_decide: rows(&i.to_decide),
        transfers: rows(&i.transfers),
        overdue: rows(&i.overdue),
        due_soon: rows(&i.due_soon),
        incoming,
        outgoing,
        show_closed,
        b,
    };
    render(&page)
}

/// A referral the viewer's organisation is a side of; otherwise it does not exist for them.
pub async fn of_viewer(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<(Referral, Side), PageError> {
    let r = match referrals::get(&state.store, id).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Err(PageError::NotFound),
        Err(e) => return Err(e.into()),
    };
    match r.side_of(v.organisation_id) {
        Some(side) => Ok((r, side)),
        None => {
            auth::deny(state, Some(v), origin, "referral", "access.out_of_scope").await;
            Err(PageError::NotFound)
        }
    }
}

struct ServiceLine {
    service: String,
    status: String,
    outcome: String,
}

struct NoteView {
    org: String,
    at: String,
    text: String,
}

#[derive(Template)]
#[template(path = "referral.html")]
struct ReferralPage {
    b: Base,
    r: ReferralRow,
    side: &'static str,
    kind_label: String,
    disclosure: String,
    accept_due: String,
    complete_due: String,
    sent_at: String,
    override_reason: Option<String>,
    decline: Option<String>,
    state_note: Option<String>,
    lines: Vec<ServiceLine>,
    notes: Vec<NoteView>,
    actions: Vec<&'static str>,
    decline_reasons: Vec<&'static str>,
    service_types: Vec<Entry>,
    can_add_service: bool,
    notice: Option<String>,
    errors: Errors,
    form: FormPairs,
}

/// `?notice=` after a move.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

const NOTICES: &[&str] = &[
    "sent",
    "accepted",
    "declined",
    "in_progress",
    "completed",
    "cancelled",
    "note-added",
    "service-added",
];

#[allow(clippy::too_many_arguments)]
async fn referral_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    notice: Option<String>,
    errors: &FieldErrors,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (r, side) = of_viewer(state, v, origin, id).await?;
    let names = Names::load(state, b.lang()).await?;
    let today = state.clock.now().date();
    let service_ids = referrals::service_ids(&state.store, r.id).await?;
    let lines = cases::services(&state.store, r.case_id)
        .await?
        .into_iter()
        .filter(|s| service_ids.contains(&s.id))
        .map(|s| ServiceLine {
            service: names.service(&s.service_type),
            status: b.t(&format!("service-status-{}", s.status.code())),
            outcome: s.outcome.unwrap_or_default(),
        })
        .collect();
    let notes = match referrals::notes(
        &state.store,
        &state.vault,
        r.id,
        &who(state, v, origin),
        state.clock.now(),
    )
    .await
    {
        Ok(n) => n,
        Err(StoreError::Erased) => Vec::new(),
        Err(e) => return Err(e.into()),
    }
    .into_iter()
    .map(|n| NoteView {
        org: names.org(n.organisation_id),
        at: b.datetime(n.created_at),
        text: n.text,
    })
    .collect();
    let may_act = match side {
        Side::Sender => v.can(Permission::ReferralsSend),
        Side::Receiver => v.can(Permission::ReferralsRespond),
    };
    let actions = if may_act {
        r.state
            .actions(r.kind, side)
            .into_iter()
            .map(ReferralAction::code)
            .collect()
    } else {
        Vec::new()
    };
    let failed = !errors.is_empty();
    let page = ReferralPage {
        r: row(&b, &names, &r, today),
        side: side.code(),
        kind_label: b.t(&format!("referral-kind-{}", r.kind.code())),
        disclosure: b.t(&format!("disclosure-{}", r.disclosure.code())),
        accept_due: r.accept_due_on.to_string(),
        complete_due: r.complete_due_on.map(|d| d.to_string()).unwrap_or_default(),
        sent_at: b.datetime(r.sent_at),
        // The reason a supervisor gave stays with the sender and the reviewers.
        override_reason: if side == Side::Sender {
            r.override_reason.clone()
        } else {
            None
        },
        decline: r
            .decline_reason
            .map(|d| b.t(&format!("decline-reason-{}", d.code()))),
        state_note: r.state_note.clone(),
        lines,
        notes,
        actions,
        decline_reasons: DeclineReason::ALL.iter().map(|d| d.code()).collect(),
        service_types: reference::list(&state.store, ListKind::ServiceType, false).await?,
        can_add_service: may_act
            && side == Side::Receiver
            && r.kind == ReferralKind::Services
            && matches!(r.state, ReferralState::Accepted | ReferralState::InProgress),
        notice,
        errors: Errors::from(&b.tr, errors),
        form,
        b,
    };
    let mut res = render(&page)?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /referrals/{id}`.
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice =
        q.0.notice
            .filter(|n| NOTICES.contains(&n.as_str()))
            .map(|n| b.t(&format!("notice-referral-{n}")));
    referral_page(
        &state,
        b,
        &v,
        &origin,
        id,
        notice,
        &FieldErrors::default(),
        FormPairs::default(),
    )
    .await
}

/// Checks the note of a move or of the notes form: at most 2000 characters.
fn check_note(field: &str, note: &str, e: &mut FieldErrors) {
    if note.chars().count() > 2000 {
        e.push(FieldError::new(field, "too_long").with("max", "2000"));
    }
}

/// Makes a move on a referral for the viewer's side (shared by the page and the API).
pub async fn act(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    action: ReferralAction,
    decline_reason: &str,
    note: &str,
) -> Result<Result<Referral, FieldErrors>, PageError> {
    let (r, side) = of_viewer(state, v, origin, id).await?;
    let allowed = match side {
        Side::Sender => v.can(Permission::ReferralsSend),
        Side::Receiver => v.can(Permission::ReferralsRespond),
    };
    if !allowed {
        auth::deny(state, Some(v), origin, "referral", "access.denied").await;
        return Err(PageError::Forbidden);
    }
    let mut e = FieldErrors::default();
    let reason = if decline_reason.is_empty() {
        None
    } else {
        let d = DeclineReason::parse(decline_reason);
        if d.is_none() {
            e.push(FieldError::unknown_code("decline_reason"));
        }
        d
    };
    check_note("note", note, &mut e);
    if !e.is_empty() {
        return Ok(Err(e));
    }
    let m = Move {
        action,
        side,
        decline_reason: if action == ReferralAction::Decline {
            reason
        } else {
            None
        },
        note: Some(note),
    };
    match referrals::act(
        &state.store,
        r.id,
        &m,
        &who(state, v, origin),
        state.clock.now(),
    )
    .await
    {
        Ok(Moved::To(_)) => Ok(Ok(referrals::get(&state.store, r.id).await?)),
        Ok(Moved::Refused(t)) => {
            e.push(t.field_error());
            Ok(Err(e))
        }
        Err(StoreError::Conflict(_)) => {
            e.push(FieldError::new("state", "referral_transition"));
            Ok(Err(e))
        }
        Err(x) => Err(x.into()),
    }
}

/// `POST /referrals/{id}/act`: accept, decline (with a reason), start, complete, cancel.
pub async fn act_form(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let action = ReferralAction::parse(form.get("action")).ok_or(PageError::BadRequest)?;
    match act(
        &state,
        &v,
        &origin,
        id,
        action,
        form.get("decline_reason"),
        form.get("note"),
    )
    .await?
    {
        Ok(r) => {
            Ok(Redirect::to(&format!("/referrals/{id}?notice={}", r.state.code())).into_response())
        }
        Err(e) => referral_page(&state, b, &v, &origin, id, None, &e, form).await,
    }
}

/// `POST /referrals/{id}/notes`: a note on the referral (sealed; it flows back to the case).
pub async fn add_note(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (r, _) = of_viewer(&state, &v, &origin, id).await?;
    let text = form.get("text").trim();
    let mut e = FieldErrors::default();
    if text.is_empty() {
        e.push(FieldError::required("text"));
    }
    check_note("text", text, &mut e);
    if !e.is_empty() {
        return referral_page(&state, b, &v, &origin, id, None, &e, form).await;
    }
    referrals::add_note(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        r.id,
        v.organisation_id,
        text,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/referrals/{id}?notice=note-added")).into_response())
}

/// `POST /referrals/{id}/services`: the receiver records a service it provides on the referral.
pub async fn add_service(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (r, side) = of_viewer(&state, &v, &origin, id).await?;
    if side != Side::Receiver {
        auth::deny(&state, Some(&v), &origin, "referral", "access.denied").await;
        return Err(PageError::Forbidden);
    }
    let service = form.get("service_type");
    let mut e = FieldErrors::default();
    if !reference::is_active(&state.store, ListKind::ServiceType, service).await? {
        e.push(FieldError::unknown_code("service_type"));
    }
    if !matches!(r.state, ReferralState::Accepted | ReferralState::InProgress) {
        e.push(FieldError::new("state", "referral_transition"));
    }
    if !e.is_empty() {
        return referral_page(&state, b, &v, &origin, id, None, &e, form).await;
    }
    referrals::add_service(
        &state.store,
        r.id,
        service,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&format!("/referrals/{id}?notice=service-added")).into_response())
}

// ---- Review of overrides ---------------------------------------------------------------------

struct OverrideView {
    id: i64,
    case_code: String,
    from: String,
    to: String,
    reason: String,
    sent_at: String,
    reviewed: bool,
}

#[derive(Template)]
#[template(path = "referral_overrides.html")]
struct OverridesPage {
    b: Base,
    rows: Vec<OverrideView>,
}

/// `GET /referrals/overrides`: referrals sent without the person's consent, for review.
pub async fn overrides(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let names = Names::load(&state, b.lang()).await?;
    let rows = referrals::overrides(&state.store)
        .await?
        .into_iter()
        .map(|r| OverrideView {
            id: r.id,
            case_code: r.case_code,
            from: names.org(r.from_organisation_id),
            to: names.org(r.to_organisation_id),
            reason: r.override_reason.unwrap_or_default(),
            sent_at: b.datetime(r.sent_at),
            reviewed: r.override_reviewed_by.is_some(),
        })
        .collect();
    render(&OverridesPage { b, rows })
}

/// `POST /referrals/{id}/review`: marks an override reviewed.
pub async fn reviewed(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    match referrals::review_override(
        &state.store,
        id,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/referrals/overrides").into_response()),
        // Reviewed already (a form sent twice); a referral without an override, or none at
        // all, is not there to review.
        Err(StoreError::NotFound) => match referrals::get(&state.store, id).await {
            Ok(r) if r.override_reason.is_some() => {
                Ok(Redirect::to("/referrals/overrides").into_response())
            }
            Ok(_) | Err(StoreError::NotFound) => Err(PageError::NotFound),
            Err(e) => Err(e.into()),
        },
        Err(e) => Err(e.into()),
    }
}
