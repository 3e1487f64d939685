//! Case management pages: the list (pseudonymous), intake with a duplicate check, and the case
//! page with identity (audited read, shown only to those who need it), status, identification,
//! consents, services, the timeline and who has seen the person's data.

use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::access::{self, CaseSection, Permission, Scope, Subject};
use mayak_domain::case::{
    self as rules, CaseStatus, ConsentPurpose, LegalStatus, NrmPhase, ServiceStatus,
};
use mayak_domain::case_list::{CaseCursor, CaseSort};
use mayak_domain::person::{Document, Identity};
use mayak_domain::{FieldError, FieldErrors, ListKind, Role, crypto};
use mayak_store::StoreError;
use mayak_store::audit::{self as store_audit, AuditEvent};
use mayak_store::cases::{self, Case, CaseChanges, CaseFilter, Consent, Event, Service};
use mayak_store::orgs::{self, Organisation, User};
use mayak_store::persons;
use mayak_store::reference::{self, Entry};
use serde::Deserialize;
use std::collections::HashMap;
use time::Date;

/// Who the viewer is, for the access policy.
pub async fn subject_of(state: &AppState, v: &Viewer) -> Result<Subject, StoreError> {
    let groups = orgs::list_mdgs(&state.store).await?;
    Ok(Subject {
        user_id: v.user_id,
        organisation_id: v.organisation_id,
        roles: v.roles.clone(),
        group_regions: groups
            .into_iter()
            .filter(|g| g.members.contains(&v.organisation_id))
            .map(|g| g.region)
            .collect(),
    })
}

/// Loads a case the viewer may reach, with the scope that reaches it; outside the scope the
/// case does not exist for them (404), and the attempt is recorded.
pub async fn case_in_scope(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<(Case, Scope), PageError> {
    let c = cases::get(&state.store, id).await?;
    let facts = cases::facts(&state.store, &c).await?;
    let subject = subject_of(state, v).await?;
    match access::case_scope(&subject, &facts) {
        Some(scope) => Ok((c, scope)),
        // An open break-glass: the supervisor gave a reason, and the opening awaits review.
        None if cases::has_break_glass(&state.store, v.user_id, c.id, state.clock.now())
            .await? =>
        {
            Ok((c, Scope::All))
        }
        None => {
            auth::deny(state, Some(v), origin, "case", "access.out_of_scope").await;
            Err(PageError::NotFound)
        }
    }
}

/// Which parts of the case the viewer sees (the field level of `domain::access`): the role and
/// the scope decide, and for an organisation the case was referred to, also the disclosure its
/// referrals chose and whether the person's consent to a referral there stands.
pub async fn visible_sections(
    state: &AppState,
    v: &Viewer,
    scope: Scope,
    case: &Case,
    consents: &[Consent],
) -> Result<Shown, StoreError> {
    let grant = if scope == Scope::ReferredToOrganisation {
        let consent = consents.iter().any(|c| {
            c.withdrawn_on.is_none()
                && c.purpose == ConsentPurpose::Referral
                && c.organisation_id == Some(v.organisation_id)
        });
        Some(
            mayak_store::referrals::grant(&state.store, case.id, v.organisation_id, consent)
                .await?,
        )
    } else {
        None
    };
    let sees = |s| {
        v.roles
            .iter()
            .any(|r| access::section_visible(*r, scope, grant, s))
    };
    Ok(Shown {
        needs: sees(CaseSection::Needs),
        services: sees(CaseSection::Services),
        contacts: sees(CaseSection::Contacts),
        identity: sees(CaseSection::Identity),
        assessment: sees(CaseSection::Assessment),
        plan: sees(CaseSection::Plan),
        case_file: sees(CaseSection::CaseFile),
    })
}

/// The sections of a case the viewer sees (see [`visible_sections`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Shown {
    /// Needs.
    pub needs: bool,
    /// Services.
    pub services: bool,
    /// Name, phones, languages.
    pub contacts: bool,
    /// Birth date, citizenships, documents, addresses.
    pub identity: bool,
    /// Exploitation profile, screening.
    pub assessment: bool,
    /// Goals and tasks.
    pub plan: bool,
    /// Notes, files, relatives, consents, timeline, readers.
    pub case_file: bool,
}

impl Shown {
    /// The identity cut down to what the viewer may see (`None` when not even contacts).
    pub fn identity_of(&self, i: Identity) -> Option<Identity> {
        if !self.contacts {
            return None;
        }
        if self.identity {
            return Some(i);
        }
        Some(Identity {
            family_name: i.family_name,
            given_names: i.given_names,
            patronymic: i.patronymic,
            phones: i.phones,
            languages: i.languages,
            ..Identity::default()
        })
    }
}

/// The audit template of an act by the viewer.
pub(crate) fn who(state: &AppState, v: &Viewer, origin: &Origin) -> AuditEvent {
    let mut e = auth::event(v, "", "case", "");
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

/// Labels of the reference lists a case page shows, by list and code.
pub struct Labels {
    lists: HashMap<(ListKind, String), String>,
    orgs: HashMap<i64, String>,
    users: HashMap<i64, String>,
}

impl Labels {
    async fn load(state: &AppState, b: &Base) -> Result<Self, StoreError> {
        let mut lists = HashMap::new();
        for kind in [
            ListKind::Region,
            ListKind::CaseStatus,
            ListKind::NrmPhase,
            ListKind::LegalStatus,
            ListKind::ExploitationType,
            ListKind::Country,
            ListKind::ServiceType,
            ListKind::ConsentPurpose,
            ListKind::ConsentForm,
            ListKind::Sex,
            ListKind::DocumentType,
            ListKind::NeedType,
            ListKind::Consequence,
            ListKind::LabourType,
            ListKind::SexualExploitationType,
            ListKind::MeansOfControl,
            ListKind::RecruitmentType,
            ListKind::RecruitmentApp,
            ListKind::RecruiterRelation,
            ListKind::FamilyRelation,
            ListKind::Language,
        ] {
            for e in reference::list(&state.store, kind, true).await? {
                lists.insert((kind, e.code.clone()), e.label(b.lang()).to_owned());
            }
        }
        let orgs = orgs::list_organisations(&state.store)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name(b.lang()).to_owned()))
            .collect();
        let users = orgs::list_users(&state.store)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        Ok(Self { lists, orgs, users })
    }

    /// A reference label, or the code when unknown.
    pub fn of(&self, kind: ListKind, code: &str) -> String {
        self.lists
            .get(&(kind, code.to_owned()))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    /// An optional reference label.
    pub fn opt(&self, kind: ListKind, code: &Option<String>) -> String {
        code.as_deref()
            .map(|c| self.of(kind, c))
            .unwrap_or_default()
    }

    /// The label of a need: a need type or one of the consequences of trafficking.
    pub fn need(&self, code: &str) -> String {
        self.lists
            .get(&(ListKind::NeedType, code.to_owned()))
            .or_else(|| self.lists.get(&(ListKind::Consequence, code.to_owned())))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    /// Labels of several codes of one list, comma-separated.
    pub fn many(&self, kind: ListKind, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.of(kind, c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An organisation's name.
    pub fn org(&self, id: impl Id) -> String {
        self.orgs.get(&id.id()).cloned().unwrap_or_default()
    }

    /// A user's name.
    pub fn user(&self, id: impl MaybeId) -> String {
        id.maybe_id()
            .and_then(|i| self.users.get(&i).cloned())
            .unwrap_or_default()
    }
}

/// An id, however deeply templates borrow it.
pub trait Id {
    /// The id.
    fn id(&self) -> i64;
}

impl Id for i64 {
    fn id(&self) -> i64 {
        *self
    }
}

impl<T: Id> Id for &T {
    fn id(&self) -> i64 {
        (**self).id()
    }
}

/// An optional id, however deeply templates borrow it.
pub trait MaybeId {
    /// The id, if any.
    fn maybe_id(&self) -> Option<i64>;
}

impl MaybeId for Option<i64> {
    fn maybe_id(&self) -> Option<i64> {
        *self
    }
}

impl<T: MaybeId> MaybeId for &T {
    fn maybe_id(&self) -> Option<i64> {
        (**self).maybe_id()
    }
}

// ---- The list ---------------------------------------------------------------------------------

/// Filters of the case list.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct ListQuery {
    status: Option<String>,
    region: Option<String>,
    phase: Option<String>,
    legal: Option<String>,
    #[serde(rename = "type")]
    exploitation: Option<String>,
    q: Option<String>,
    mine: Option<String>,
    /// Registered on or after (`YYYY-MM-DD`).
    from: Option<String>,
    /// Registered on or before.
    until: Option<String>,
    /// Lead organisation id.
    org: Option<String>,
    /// Assigned case manager's user id.
    manager: Option<String>,
    /// Order code ([`CaseSort`]).
    sort: Option<String>,
    /// Cursor of the next page.
    after: Option<String>,
    /// The next page of the newest-first order, as links made before cursors had keys.
    before: Option<i64>,
}

impl ListQuery {
    /// A filter's value, for the form.
    pub fn value(&self, name: &str) -> &str {
        let v = match name {
            "status" => &self.status,
            "region" => &self.region,
            "phase" => &self.phase,
            "legal" => &self.legal,
            "type" => &self.exploitation,
            "q" => &self.q,
            "from" => &self.from,
            "until" => &self.until,
            "org" => &self.org,
            "manager" => &self.manager,
            "sort" => &self.sort,
            _ => &None,
        };
        v.as_deref().unwrap_or_default()
    }

    fn without_paging(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for name in [
            "status", "region", "phase", "legal", "type", "q", "from", "until", "org", "manager",
            "sort",
        ] {
            let v = self.value(name);
            if !v.is_empty() {
                pairs.push((name, v));
            }
        }
        if self.mine.is_some() {
            pairs.push(("mine", "1"));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// A filter drop-down of the list.
pub struct Select {
    name: &'static str,
    key: &'static str,
    options: Vec<Entry>,
}

/// A drop-down whose options are records (organisations, users) rather than list entries.
pub struct Choices {
    name: &'static str,
    key: &'static str,
    options: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct ListPage {
    b: Base,
    rows: Vec<Case>,
    labels: Labels,
    f: ListQuery,
    selects: Vec<Select>,
    choices: Vec<Choices>,
    sorts: Vec<(&'static str, String)>,
    errors: Errors,
    next: Option<String>,
    searched_identity: bool,
}

const PAGE: i64 = 50;

/// `GET /cases`.
pub async fn list(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<ListQuery>,
) -> Result<Response, PageError> {
    let f = q.0;
    let mut filter = CaseFilter {
        limit: PAGE,
        ..Default::default()
    };
    let mut field_errors = FieldErrors::default();
    filter.registered_from = parse_date("from", f.value("from"), &mut field_errors, false);
    filter.registered_until = parse_date("until", f.value("until"), &mut field_errors, false);
    if let (Some(a), Some(b)) = (filter.registered_from, filter.registered_until)
        && b < a
    {
        field_errors.push(FieldError::new("until", "before_start"));
        filter.registered_until = None;
    }
    for (name, slot) in [
        ("org", &mut filter.lead_organisation),
        ("manager", &mut filter.assigned_to),
    ] {
        let raw = f.value(name).trim();
        if !raw.is_empty() {
            match raw.parse::<i64>() {
                Ok(id) if id > 0 => *slot = Some(id),
                _ => field_errors.push(FieldError::unknown_code(name)),
            }
        }
    }
    filter.status = f.status.as_deref().and_then(CaseStatus::parse);
    filter.region = f.region.clone().filter(|r| !r.is_empty());
    filter.phase = f.phase.as_deref().and_then(NrmPhase::parse);
    filter.legal_status = f.legal.as_deref().and_then(LegalStatus::parse);
    filter.exploitation_type = f.exploitation.clone().filter(|e| !e.is_empty());
    if f.mine.is_some() {
        filter.assigned_to = Some(v.user_id);
    }
    let mut searched_identity = false;
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let looks_like_code = q.len() <= 16
            && q.contains('-')
            && q.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if looks_like_code {
            filter.code_prefix = Some(q.to_owned());
        } else {
            // Search by name, document or phone through the blind indexes: exact, never fuzzy.
            searched_identity = true;
            let mut ids = persons::find(
                &state.store,
                &state.vault,
                persons::INDEX_NAME,
                &crypto::normalise_name(q),
            )
            .await?;
            ids.extend(
                persons::find(
                    &state.store,
                    &state.vault,
                    persons::INDEX_DOCUMENT,
                    &crypto::normalise_document(q),
                )
                .await?,
            );
            if q.chars().filter(char::is_ascii_digit).count() >= 5 {
                ids.extend(
                    persons::find(
                        &state.store,
                        &state.vault,
                        persons::INDEX_PHONE,
                        &crypto::normalise_phone(q),
                    )
                    .await?,
                );
            }
            ids.sort_unstable();
            ids.dedup();
            filter.person_ids = Some(ids);
        }
    }
    let chosen = f.value("sort");
    let sort = CaseSort::parse(chosen).unwrap_or_else(|| {
        if !chosen.is_empty() {
            field_errors.push(FieldError::unknown_code("sort"));
        }
        CaseSort::default_for(
            filter.registered_from.is_some() || filter.registered_until.is_some(),
            filter.code_prefix.is_some(),
        )
    });
    filter.sort = sort;
    filter.after = match (f.after.as_deref(), f.before) {
        (Some(a), _) => CaseCursor::parse(sort, a),
        (None, Some(id)) if sort == CaseSort::Newest => Some(CaseCursor {
            key: mayak_domain::case_list::SortKey::Id,
            id,
        }),
        _ => None,
    };
    let subject = subject_of(&state, &v).await?;
    let rows = cases::list(&state.store, &filter, &subject).await?;
    let next = (rows.len() as i64 == PAGE)
        .then(|| rows.last())
        .flatten()
        .map(|last| {
            let after = serde_urlencoded::to_string([("after", last.cursor(sort).encode())])
                .unwrap_or_default();
            let base = f.without_paging();
            if base.is_empty() {
                format!("/cases?{after}")
            } else {
                format!("/cases?{base}&{after}")
            }
        });
    let labels = Labels::load(&state, &b).await?;
    let mut org_options: Vec<(String, String)> = orgs::list_organisations(&state.store)
        .await?
        .into_iter()
        .map(|o| (o.id.to_string(), o.name(b.lang()).to_owned()))
        .collect();
    org_options.sort_by(|a, b| a.1.cmp(&b.1));
    // The managers a case of the viewer's organisation can be assigned to.
    let mut managers: Vec<(String, String)> = orgs::list_users(&state.store)
        .await?
        .into_iter()
        .filter(|u| {
            u.organisation_id == v.organisation_id
                && !u.disabled
                && u.roles
                    .iter()
                    .any(|r| matches!(r, Role::CaseManager | Role::Supervisor))
        })
        .map(|u| (u.id.to_string(), u.display_name.clone()))
        .collect();
    managers.sort_by(|a, b| a.1.cmp(&b.1));
    let choices = vec![
        Choices {
            name: "org",
            key: "cases-filter-org",
            options: org_options,
        },
        Choices {
            name: "manager",
            key: "cases-col-manager",
            options: managers,
        },
    ];
    let sorts = CaseSort::ALL
        .iter()
        .map(|s| {
            (
                s.code(),
                format!("cases-sort-{}", s.code().replace('_', "-")),
            )
        })
        .collect();
    let errors = Errors::from(&b.tr, &field_errors);
    let mut selects = Vec::new();
    for (name, key, kind) in [
        ("status", "cases-col-status", ListKind::CaseStatus),
        ("region", "partners-col-region", ListKind::Region),
        ("phase", "cases-col-phase", ListKind::NrmPhase),
        ("legal", "cases-col-legal", ListKind::LegalStatus),
        ("type", "cases-col-exploitation", ListKind::ExploitationType),
    ] {
        selects.push(Select {
            name,
            key,
            options: reference::list(&state.store, kind, false).await?,
        });
    }
    render(&ListPage {
        selects,
        choices,
        sorts,
        errors,
        b,
        rows,
        labels,
        f,
        next,
        searched_identity,
    })
}

// ---- Intake -----------------------------------------------------------------------------------

/// A possible duplicate, shown only as far as the viewer may know it.
pub struct Duplicate {
    /// The case code, when the viewer reaches the case.
    pub code: Option<(i64, String)>,
    /// The region (always shown).
    pub region: String,
}

#[derive(Template)]
#[template(path = "case_new.html")]
struct NewPage {
    b: Base,
    form: FormPairs,
    errors: Errors,
    duplicates: Vec<Duplicate>,
    sexes: Vec<Entry>,
    regions: Vec<Entry>,
    countries: Vec<Entry>,
    types: Vec<Entry>,
    documents: Vec<Entry>,
    organisations: Vec<Organisation>,
    managers: Vec<User>,
    drafts: Vec<mayak_store::drafts::DraftInfo>,
    notice: Option<String>,
    languages: Vec<Entry>,
}

async fn new_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    form: FormPairs,
    errors: Errors,
    duplicates: Vec<Duplicate>,
) -> Result<Response, PageError> {
    let list = |k| reference::list(&state.store, k, false);
    let managers = orgs::list_users(&state.store)
        .await?
        .into_iter()
        .filter(|u| {
            !u.disabled
                && u.organisation_id == v.organisation_id
                && u.roles
                    .iter()
                    .any(|r| matches!(r, Role::CaseManager | Role::Supervisor))
        })
        .collect();
    let failed = !errors.is_empty() || !duplicates.is_empty();
    let drafts = mayak_store::drafts::list(&state.store, v.user_id, state.clock.now()).await?;
    let notice = match form.get("_notice") {
        "draft-saved" => Some(b.t("notice-draft-saved")),
        "draft-deleted" => Some(b.t("notice-draft-deleted")),
        _ => None,
    };
    let mut res = render(&NewPage {
        languages: list(ListKind::Language).await?,
        drafts,
        notice,
        sexes: list(ListKind::Sex).await?,
        regions: list(ListKind::Region).await?,
        countries: list(ListKind::Country).await?,
        types: list(ListKind::ExploitationType).await?,
        documents: list(ListKind::DocumentType).await?,
        organisations: orgs::list_organisations(&state.store).await?,
        managers,
        b,
        form,
        errors,
        duplicates,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `?draft=&notice=` on the intake page.
#[derive(Debug, Deserialize, Default)]
pub struct DraftQuery {
    draft: Option<i64>,
    notice: Option<String>,
}

/// `GET /cases/new`: a blank intake form, or `?draft=` the viewer's own draft.
pub async fn new_form(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<DraftQuery>,
) -> Result<Response, PageError> {
    let mut form = match q.0.draft {
        Some(id) => {
            match mayak_store::drafts::load(&state.store, &state.vault, v.user_id, id).await {
                Ok(mut pairs) => {
                    pairs.retain(|(k, _)| k != "_csrf" && k != "action" && k != "draft_id");
                    pairs.push(("draft_id".into(), id.to_string()));
                    FormPairs(pairs)
                }
                Err(StoreError::NotFound) => return Err(PageError::NotFound),
                Err(e) => return Err(e.into()),
            }
        }
        None => {
            let today = state.clock.now().date();
            let org = orgs::get_organisation(&state.store, v.organisation_id).await?;
            FormPairs(vec![
                ("registered_on".into(), today.to_string()),
                ("region".into(), org.region.clone()),
                ("lead_organisation_id".into(), org.id.to_string()),
                ("assigned_to".into(), v.user_id.to_string()),
            ])
        }
    };
    if let Some(n) = q.0.notice {
        form.0.push(("_notice".into(), n));
    }
    new_page(&state, b, &v, form, Errors::default(), Vec::new()).await
}

/// The draft id a posted intake form continues, if any.
fn draft_of(form: &FormPairs) -> Option<i64> {
    form.get("draft_id").parse().ok()
}

/// Saves the posted intake form as the viewer's draft, unvalidated (an unfinished form).
async fn save_draft(
    state: &AppState,
    b: Base,
    v: &Viewer,
    form: FormPairs,
) -> Result<Response, PageError> {
    let pairs: Vec<(String, String)> = form
        .0
        .iter()
        .filter(|(k, _)| k != "_csrf" && k != "action" && k != "draft_id")
        .cloned()
        .collect();
    match mayak_store::drafts::save(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        v.user_id,
        draft_of(&form),
        &pairs,
        state.clock.now(),
    )
    .await
    {
        Ok(id) => {
            Ok(Redirect::to(&format!("/cases/new?draft={id}&notice=draft-saved")).into_response())
        }
        Err(StoreError::NotFound) => Err(PageError::NotFound),
        Err(StoreError::Conflict(_)) => {
            let mut errors = FieldErrors::default();
            errors.push(FieldError::new("draft", "draft_too_large"));
            let errors = Errors::from(&b.tr, &errors);
            new_page(state, b, v, form, errors, Vec::new()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/drafts/{id}/delete`: the viewer deletes their own draft.
pub async fn delete_draft(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    match mayak_store::drafts::delete(&state.store, v.user_id, id).await {
        Ok(()) => Ok(Redirect::to("/cases/new?notice=draft-deleted").into_response()),
        Err(StoreError::NotFound) => Err(PageError::NotFound),
        Err(e) => Err(e.into()),
    }
}

async fn code_in(
    state: &AppState,
    errors: &mut FieldErrors,
    field: &str,
    list: ListKind,
    value: &str,
    required: bool,
) -> Result<Option<String>, PageError> {
    let value = value.trim();
    if value.is_empty() {
        if required {
            errors.push(FieldError::required(field));
        }
        return Ok(None);
    }
    if reference::is_active(&state.store, list, value).await? {
        Ok(Some(value.to_owned()))
    } else {
        errors.push(FieldError::unknown_code(field));
        Ok(None)
    }
}

/// Checks a case manager chosen for a case led by `lead`: an active case manager or
/// supervisor of that organisation (assignment grants access, so it never crosses
/// organisations). Pushes `unknown_code` on `assigned_to` otherwise.
pub async fn check_assignee(
    state: &AppState,
    errors: &mut FieldErrors,
    user: Option<i64>,
    lead: Option<i64>,
) -> Result<(), StoreError> {
    let Some(user) = user else { return Ok(()) };
    let ok = orgs::list_users(&state.store).await?.iter().any(|u| {
        u.id == user
            && !u.disabled
            && Some(u.organisation_id) == lead
            && u.roles
                .iter()
                .any(|r| matches!(r, Role::CaseManager | Role::Supervisor))
    });
    if !ok {
        errors.push(FieldError::unknown_code("assigned_to"));
    }
    Ok(())
}

/// Checks who gave a consent against the person's age on the day (a child under 16 consents
/// through a legal representative). Reading the birth date is an audited read of the person.
pub async fn check_consent_giver(
    state: &AppState,
    c: &Case,
    reader: &AuditEvent,
    given_by: &str,
    given_on: time::Date,
    errors: &mut FieldErrors,
) -> Result<(), StoreError> {
    let birth = if given_by == "person" {
        let mut reader = reader.clone();
        reader.reason = Some(format!("case {}: age of the person giving consent", c.code));
        match persons::read(
            &state.store,
            &state.vault,
            c.person_id,
            &reader,
            state.clock.now(),
        )
        .await
        {
            Ok(i) => i.birth_date,
            Err(StoreError::Erased) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    if let Err(e) = rules::check_consent_giver(given_by, birth, given_on) {
        errors.push(e);
    }
    Ok(())
}

/// `POST /cases`: intake. Possible duplicates are shown first; "create anyway" confirms.
pub async fn create(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    if form.get("action") == "draft" {
        return save_draft(&state, b, &v, form).await;
    }
    let today = state.clock.now().date();
    let mut errors = FieldErrors::default();
    let birth_date = parse_date("birth_date", form.get("birth_date"), &mut errors, false);
    let registered_on = parse_date(
        "registered_on",
        form.get("registered_on"),
        &mut errors,
        true,
    );
    if registered_on.is_some_and(|d| d > today) {
        errors.push(FieldError::new("registered_on", "date_out_of_range"));
    }
    let sex = code_in(
        &state,
        &mut errors,
        "sex",
        ListKind::Sex,
        form.get("sex"),
        true,
    )
    .await?;
    let region = code_in(
        &state,
        &mut errors,
        "region",
        ListKind::Region,
        form.get("region"),
        true,
    )
    .await?;
    let citizenship = code_in(
        &state,
        &mut errors,
        "citizenship",
        ListKind::Country,
        form.get("citizenship"),
        false,
    )
    .await?;
    let language = code_in(
        &state,
        &mut errors,
        "language",
        ListKind::Language,
        form.get("language"),
        false,
    )
    .await?;
    let exploitation = code_in(
        &state,
        &mut errors,
        "exploitation_type",
        ListKind::ExploitationType,
        form.get("exploitation_type"),
        false,
    )
    .await?;
    let country = code_in(
        &state,
        &mut errors,
        "country_of_exploitation",
        ListKind::Country,
        form.get("country_of_exploitation"),
        false,
    )
    .await?;
    let doc_type = code_in(
        &state,
        &mut errors,
        "document_type",
        ListKind::DocumentType,
        form.get("document_type"),
        false,
    )
    .await?;
    let lead = match form.get("lead_organisation_id").parse::<i64>() {
        Ok(id) => orgs::get_organisation(&state.store, id)
            .await
            .ok()
            .map(|o| o.id),
        Err(_) => None,
    };
    if lead.is_none() {
        errors.push(FieldError::unknown_code("lead_organisation_id"));
    }
    let assigned_to = match form.get("assigned_to").trim() {
        "" => None,
        a => match a.parse::<i64>() {
            Ok(a) => Some(a),
            Err(_) => {
                errors.push(FieldError::unknown_code("assigned_to"));
                None
            }
        },
    };
    if lead.is_some() {
        check_assignee(&state, &mut errors, assigned_to, lead).await?;
    }
    let identity = Identity {
        family_name: form.get("family_name").trim().to_owned(),
        given_names: form.get("given_names").trim().to_owned(),
        patronymic: Some(form.get("patronymic").trim().to_owned()).filter(|p| !p.is_empty()),
        birth_date,
        citizenships: citizenship.into_iter().collect(),
        languages: language.into_iter().collect(),
        documents: match (doc_type, form.get("document_number").trim()) {
            (Some(t), n) if !n.is_empty() => vec![Document {
                doc_type: t,
                number: n.to_owned(),
                country: None,
            }],
            (None, n) if !n.is_empty() => {
                errors.push(FieldError::required("document_type"));
                Vec::new()
            }
            _ => Vec::new(),
        },
        phones: Some(form.get("phone").trim().to_owned())
            .filter(|p| !p.is_empty())
            .into_iter()
            .collect(),
        ..Default::default()
    };
    if let Err(e) = identity.validate(today) {
        errors.0.extend(e.0);
    }
    let (Some(registered_on), Some(sex), Some(region), Some(lead)) =
        (registered_on, sex, region, lead)
    else {
        let errs = Errors::from(&b.tr, &errors);
        return new_page(&state, b, &v, form, errs, Vec::new()).await;
    };
    if !errors.is_empty() {
        let errs = Errors::from(&b.tr, &errors);
        return new_page(&state, b, &v, form, errs, Vec::new()).await;
    }
    if !form.checked("confirm_new_person") {
        let dup_persons =
            persons::possible_duplicates(&state.store, &state.vault, &identity).await?;
        if !dup_persons.is_empty() {
            let subject = subject_of(&state, &v).await?;
            let labels = Labels::load(&state, &b).await?;
            let mut duplicates = Vec::new();
            for c in cases::of_persons(&state.store, &dup_persons).await? {
                let facts = cases::facts(&state.store, &c).await?;
                let known = access::case_scope(&subject, &facts).is_some();
                duplicates.push(Duplicate {
                    code: known.then(|| (c.id, c.code.clone())),
                    region: labels.of(ListKind::Region, &c.region),
                });
            }
            auth::audit(
                &state,
                auth::event(&v, "case.duplicate_check", "case", "intake"),
                &origin,
            )
            .await;
            return new_page(&state, b, &v, form, Errors::default(), duplicates).await;
        }
    }
    let new = cases::NewCase {
        region,
        lead_organisation_id: lead,
        assigned_to,
        registered_on,
        sex,
        identity,
        exploitation_type: exploitation,
        country_of_exploitation: country,
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
    if let Some(draft) = draft_of(&form) {
        // The draft became the case; a draft already gone is fine.
        match mayak_store::drafts::delete(&state.store, v.user_id, draft).await {
            Ok(()) | Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Redirect::to(&format!("/cases/{}", c.id)).into_response())
}

// ---- The case page ----------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    show: Shown,
    referrals: Vec<super::referrals::ReferralRow>,
    can_refer: bool,
    b: Base,
    c: Case,
    labels: Labels,
    identity: Option<Identity>,
    identity_erased: bool,
    consents: Vec<Consent>,
    services: Vec<Service>,
    timeline: Vec<Event>,
    readers: Vec<AuditEvent>,
    show_readers: bool,
    can_edit: bool,
    can_identify: bool,
    statuses: Vec<Entry>,
    phases: Vec<Entry>,
    types: Vec<Entry>,
    countries: Vec<Entry>,
    service_types: Vec<Entry>,
    consent_forms: Vec<Entry>,
    organisations: Vec<Organisation>,
    managers: Vec<User>,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
    stale: Option<String>,
    needs: Vec<mayak_store::casework::Need>,
    goals: Vec<mayak_store::casework::Goal>,
    notes: Option<Vec<mayak_store::casework::Note>>,
    tasks: Vec<mayak_store::casework::Task>,
    need_options: Vec<Entry>,
    last_screening: Option<cases::Screening>,
    episodes: Vec<mayak_store::casework::Episode>,
    stages: Vec<mayak_store::casework::Stage>,
    perpetrators: Vec<mayak_store::casework::Perpetrator>,
    proceedings: Vec<mayak_store::casework::Proceeding>,
    profile_lists: Vec<ProfileList>,
    single_lists: Vec<ProfileList>,
    files: Vec<persons::FileInfo>,
    edit: EditValues,
    relatives: Vec<RelativeView>,
    relations: Vec<Entry>,
    sexes: Vec<Entry>,
    /// The hotline consultation the case was opened from.
    from_hotline: Option<i64>,
}

/// A family member or accompanying child as the case page shows them (their identity read
/// and recorded like the person's).
struct RelativeView {
    relation: String,
    accompanying: bool,
    sex: String,
    /// `None` once erased.
    name: Option<String>,
    birth_date: Option<time::Date>,
    age: Option<i32>,
}

/// What the "status and profile" form shows: the stored case, or after a refused save what the
/// user sent, so fixing one field never silently reverts the others.
struct EditValues {
    status: String,
    nrm_phase: String,
    assigned_to: String,
    exploitation_type: String,
    country_of_exploitation: String,
    closure_reason: String,
    reintegration_outcome: String,
}

impl EditValues {
    fn new(c: &Case, form: &FormPairs, failed: bool) -> Self {
        if failed && form.0.iter().any(|(k, _)| k == "closure_reason") {
            let g = |k: &str| form.get(k).to_owned();
            return Self {
                status: g("status"),
                nrm_phase: g("nrm_phase"),
                assigned_to: g("assigned_to"),
                exploitation_type: g("exploitation_type"),
                country_of_exploitation: g("country_of_exploitation"),
                closure_reason: g("closure_reason"),
                reintegration_outcome: g("reintegration_outcome"),
            };
        }
        Self {
            status: c.status.code().to_owned(),
            nrm_phase: c.nrm_phase.code().to_owned(),
            assigned_to: c.assigned_to.map(|u| u.to_string()).unwrap_or_default(),
            exploitation_type: c.exploitation_type.clone().unwrap_or_default(),
            country_of_exploitation: c.country_of_exploitation.clone().unwrap_or_default(),
            closure_reason: c.closure_reason.clone().unwrap_or_default(),
            reintegration_outcome: c.reintegration_outcome.clone().unwrap_or_default(),
        }
    }
}

async fn lists_of(
    state: &AppState,
    items: &[(&'static str, &'static str, ListKind)],
) -> Result<Vec<ProfileList>, StoreError> {
    let mut v = Vec::new();
    for (name, key, kind) in items {
        v.push(ProfileList {
            name,
            key,
            options: reference::list(&state.store, *kind, false).await?,
        });
    }
    Ok(v)
}

async fn profile_lists(state: &AppState) -> Result<Vec<ProfileList>, StoreError> {
    lists_of(
        state,
        &[
            (
                "exploitation_types",
                "cases-col-exploitation",
                ListKind::ExploitationType,
            ),
            ("labour_types", "list-labour_type", ListKind::LabourType),
            (
                "sexual_types",
                "list-sexual_exploitation_type",
                ListKind::SexualExploitationType,
            ),
            (
                "means_of_control",
                "list-means_of_control",
                ListKind::MeansOfControl,
            ),
        ],
    )
    .await
}

async fn single_lists(state: &AppState) -> Result<Vec<ProfileList>, StoreError> {
    lists_of(
        state,
        &[
            (
                "recruitment_type",
                "list-recruitment_type",
                ListKind::RecruitmentType,
            ),
            (
                "recruitment_app",
                "list-recruitment_app",
                ListKind::RecruitmentApp,
            ),
            (
                "recruiter_relation",
                "list-recruiter_relation",
                ListKind::RecruiterRelation,
            ),
        ],
    )
    .await
}

/// A group of checkboxes (or a select) of the profile form.
pub struct ProfileList {
    name: &'static str,
    key: &'static str,
    options: Vec<Entry>,
}

/// `?notice=` after a change.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

const NOTICES: &[&str] = &[
    "saved",
    "identified",
    "consent-added",
    "consent-withdrawn",
    "service-added",
    "service-updated",
    "need-added",
    "goal-added",
    "goal-updated",
    "note-added",
    "task-added",
    "task-done",
    "episode-added",
    "profile-updated",
    "file-added",
    "relative-added",
];

struct PageExtras {
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
    stale: Option<String>,
}

async fn case_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    extras: PageExtras,
) -> Result<Response, PageError> {
    let (c, scope) = case_in_scope(state, v, origin, id).await?;
    let consents = cases::consents(&state.store, c.id).await?;
    let show = visible_sections(state, v, scope, &c, &consents).await?;
    let (identity, identity_erased) = if show.contacts {
        let mut reader = who(state, v, origin);
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
            Ok(i) => (show.identity_of(i), false),
            Err(StoreError::Erased) => (None, true),
            Err(e) => return Err(e.into()),
        }
    } else {
        (None, false)
    };
    let show_readers = show.case_file
        && v.roles
            .iter()
            .any(|r| matches!(r, Role::CaseManager | Role::Supervisor))
        && identity.is_some()
        || identity_erased;
    let readers = if show_readers {
        store_audit::readers_of(&state.store, "person", &c.person_id.to_string(), 50).await?
    } else {
        Vec::new()
    };
    let org = orgs::get_organisation(&state.store, v.organisation_id).await?;
    let can_edit = v.can(Permission::CasesEdit)
        && !matches!(scope, Scope::RegionGroup | Scope::ReferredToOrganisation);
    let can_identify = v.can(Permission::IdentificationDecide) && org.may_identify;
    let list = |k| reference::list(&state.store, k, false);
    let managers = orgs::list_users(&state.store)
        .await?
        .into_iter()
        .filter(|u| {
            !u.disabled
                && u.organisation_id == c.lead_organisation_id
                && u.roles
                    .iter()
                    .any(|r| matches!(r, Role::CaseManager | Role::Supervisor))
        })
        .collect();
    let failed = !extras.errors.is_empty() || extras.stale.is_some();
    let notice = extras.notice;
    // Notes are sensitive: shown (and their reading recorded) only to those who see the file.
    let notes = if identity.is_some() && show.case_file {
        Some(
            mayak_store::casework::notes(
                &state.store,
                &state.vault,
                c.id,
                &who(state, v, origin),
                state.clock.now(),
            )
            .await?,
        )
    } else {
        None
    };
    let mut need_options = reference::list(&state.store, ListKind::NeedType, false).await?;
    need_options.extend(reference::list(&state.store, ListKind::Consequence, false).await?);
    let edit = EditValues::new(&c, &extras.form, !extras.errors.is_empty());
    let mut relatives = Vec::new();
    if identity.is_some() && show.case_file {
        let today = state.clock.now().date();
        for r in mayak_store::casework::relatives(&state.store, c.id).await? {
            let mut reader = who(state, v, origin);
            reader.reason = Some(format!("case {} (relative)", c.code));
            let identity = match persons::read(
                &state.store,
                &state.vault,
                r.person_id,
                &reader,
                state.clock.now(),
            )
            .await
            {
                Ok(i) => Some(i),
                Err(StoreError::Erased) => None,
                Err(e) => return Err(e.into()),
            };
            relatives.push(RelativeView {
                relation: r.relation,
                accompanying: r.accompanying,
                sex: r.sex,
                name: identity.as_ref().map(Identity::full_name),
                birth_date: identity.as_ref().and_then(|i| i.birth_date),
                age: identity
                    .as_ref()
                    .and_then(|i| i.birth_date)
                    .map(|d| rules::age_on(d, today)),
            });
        }
    }
    let referrals = super::referrals::on_case(state, &b, v, &c).await?;
    let can_refer = can_edit && v.can(Permission::ReferralsSend);
    let mut res = render(&CasePage {
        show,
        referrals,
        can_refer,
        from_hotline: mayak_store::hotline::of_case(&state.store, c.id).await?,
        edit,
        relatives,
        relations: list(ListKind::FamilyRelation).await?,
        sexes: list(ListKind::Sex).await?,
        needs: mayak_store::casework::needs(&state.store, c.id).await?,
        goals: mayak_store::casework::goals(&state.store, c.id).await?,
        tasks: mayak_store::casework::tasks(&state.store, c.id).await?,
        last_screening: cases::screenings(&state.store, c.id)
            .await?
            .into_iter()
            .next(),
        episodes: mayak_store::casework::episodes(&state.store, c.id).await?,
        stages: mayak_store::casework::stages(&state.store, c.id).await?,
        perpetrators: mayak_store::casework::perpetrators(&state.store, c.id).await?,
        proceedings: mayak_store::casework::proceedings(&state.store, c.id).await?,
        profile_lists: profile_lists(state).await?,
        single_lists: single_lists(state).await?,
        files: if identity.is_some() && show.case_file {
            persons::files(&state.store, c.person_id).await?
        } else {
            Vec::new()
        },
        notes,
        need_options,
        labels: Labels::load(state, &b).await?,
        services: cases::services(&state.store, c.id).await?,
        timeline: cases::timeline(&state.store, c.id).await?,
        statuses: list(ListKind::CaseStatus).await?,
        phases: list(ListKind::NrmPhase).await?,
        types: list(ListKind::ExploitationType).await?,
        countries: list(ListKind::Country).await?,
        service_types: list(ListKind::ServiceType).await?,
        consent_forms: list(ListKind::ConsentForm).await?,
        organisations: orgs::list_organisations(&state.store).await?,
        managers,
        b,
        c,
        identity,
        identity_erased,
        consents,
        readers,
        show_readers,
        can_edit,
        can_identify,
        errors: extras.errors,
        form: extras.form,
        notice,
        stale: extras.stale,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /cases/{id}`.
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
            .map(|n| b.t(&format!("notice-case-{n}")));
    case_page(
        &state,
        b,
        &v,
        &origin,
        id,
        PageExtras {
            errors: Errors::default(),
            form: FormPairs::default(),
            notice,
            stale: None,
        },
    )
    .await
}

/// The case page again after an edit made from an old version: what was sent, and a message
/// naming the version now stored (422).
async fn stale_edit(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    form: FormPairs,
    current: i64,
) -> Result<Response, PageError> {
    let stale = Some(b.tn("case-stale", "version", current));
    let extras = PageExtras {
        errors: Errors::default(),
        form,
        notice: None,
        stale,
    };
    case_page(state, b, v, origin, id, extras).await
}

/// The case page again with a refused form's errors and what was sent (422).
async fn refuse(
    state: &AppState,
    b: &Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    errors: &FieldErrors,
    form: FormPairs,
) -> Result<Response, PageError> {
    case_page(state, b.clone(), v, origin, id, failed(b, errors, form)).await
}

fn failed(b: &Base, errors: &FieldErrors, form: FormPairs) -> PageExtras {
    PageExtras {
        errors: Errors::from(&b.tr, errors),
        form,
        notice: None,
        stale: None,
    }
}

pub(crate) async fn editable(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
) -> Result<Case, PageError> {
    let (c, scope) = case_in_scope(state, v, origin, id).await?;
    if matches!(scope, Scope::RegionGroup | Scope::ReferredToOrganisation) {
        auth::deny(state, Some(v), origin, "case", "access.denied").await;
        return Err(PageError::Forbidden);
    }
    Ok(c)
}

/// `POST /cases/{id}`: status, phase, manager, profile, closure; with the version edited.
pub async fn update(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let status = CaseStatus::parse(form.get("status"));
    if status.is_none() {
        errors.push(FieldError::unknown_code("status"));
    }
    let phase = NrmPhase::parse(form.get("nrm_phase"));
    if phase.is_none() {
        errors.push(FieldError::unknown_code("nrm_phase"));
    }
    let exploitation = code_in(
        &state,
        &mut errors,
        "exploitation_type",
        ListKind::ExploitationType,
        form.get("exploitation_type"),
        false,
    )
    .await?;
    let country = code_in(
        &state,
        &mut errors,
        "country_of_exploitation",
        ListKind::Country,
        form.get("country_of_exploitation"),
        false,
    )
    .await?;
    let closure_reason =
        Some(form.get("closure_reason").trim().to_owned()).filter(|s| !s.is_empty());
    let outcome =
        Some(form.get("reintegration_outcome").trim().to_owned()).filter(|s| !s.is_empty());
    if let Some(s) = status
        && s.is_closed()
        && let Err(e) = rules::check_closure(s, closure_reason.as_deref().unwrap_or_default())
    {
        errors.0.extend(e.0);
    }
    let version: Option<i64> = form.get("version").parse().ok();
    if version.is_none() {
        errors.push(FieldError::required("version"));
    }
    let (Some(status), Some(phase), Some(version)) = (status, phase, version) else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    let assigned_to = match form.get("assigned_to").trim() {
        "" => None,
        a => match a.parse::<i64>() {
            Ok(a) => Some(a),
            Err(_) => {
                errors.push(FieldError::unknown_code("assigned_to"));
                None
            }
        },
    };
    if assigned_to != c.assigned_to {
        check_assignee(
            &state,
            &mut errors,
            assigned_to,
            Some(c.lead_organisation_id),
        )
        .await?;
    }
    if !errors.is_empty() {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    }
    let changes = CaseChanges {
        assigned_to,
        status,
        nrm_phase: phase,
        exploitation_type: exploitation,
        country_of_exploitation: country,
        closure_reason,
        reintegration_outcome: outcome,
    };
    match cases::update(
        &state.store,
        c.id,
        version,
        &changes,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(back(id, "saved")),
        Err(StoreError::Stale { current }) => {
            stale_edit(&state, b, &v, &origin, id, form, current).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/{id}/identification`: the decision of a body allowed to identify.
pub async fn identify(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (c, _) = case_in_scope(&state, &v, &origin, id).await?;
    let org = orgs::get_organisation(&state.store, v.organisation_id).await?;
    if !org.may_identify {
        auth::deny(
            &state,
            Some(&v),
            &origin,
            "case",
            "identification.not_allowed",
        )
        .await;
        return Err(PageError::Forbidden);
    }
    let mut errors = FieldErrors::default();
    let status =
        LegalStatus::parse(form.get("legal_status")).filter(|s| *s != LegalStatus::MayHaveSuffered);
    if status.is_none() {
        errors.push(FieldError::unknown_code("legal_status"));
    }
    let on = parse_date(
        "identified_on",
        form.get("identified_on"),
        &mut errors,
        true,
    );
    let document = form.get("identification_document").trim().to_owned();
    if document.is_empty() {
        errors.push(FieldError::required("identification_document"));
    }
    let version: i64 = form.get("version").parse().unwrap_or(-1);
    let (Some(status), Some(on)) = (status, on) else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    if !errors.is_empty() {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    }
    match cases::identify(
        &state.store,
        c.id,
        version,
        status,
        org.id,
        on,
        &document,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(back(id, "identified")),
        Err(StoreError::Stale { current }) => {
            stale_edit(&state, b, &v, &origin, id, form, current).await
        }
        Err(StoreError::Conflict(_)) => {
            let e: FieldErrors = FieldError::new("legal_status", "status_transition").into();
            case_page(&state, b.clone(), &v, &origin, id, failed(&b, &e, form)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/{id}/consents`.
pub async fn add_consent(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let purpose = ConsentPurpose::parse(form.get("purpose"));
    if purpose.is_none() {
        errors.push(FieldError::unknown_code("purpose"));
    }
    let organisation: Option<i64> = form.get("organisation_id").parse().ok();
    if purpose == Some(ConsentPurpose::Referral) && organisation.is_none() {
        errors.push(FieldError::new("organisation_id", "required_for_referral"));
    }
    let given_by = form.get("given_by");
    let consent_form = code_in(
        &state,
        &mut errors,
        "form",
        ListKind::ConsentForm,
        form.get("form"),
        true,
    )
    .await?;
    let given_on = parse_date("given_on", form.get("given_on"), &mut errors, true);
    if let Some(on) = given_on {
        if on > state.clock.now().date() {
            errors.push(FieldError::new("given_on", "date_out_of_range"));
        }
        check_consent_giver(
            &state,
            &c,
            &who(&state, &v, &origin),
            given_by,
            on,
            &mut errors,
        )
        .await?;
    } else if !["person", "representative"].contains(&given_by) {
        errors.push(FieldError::unknown_code("given_by"));
    }
    let (Some(purpose), Some(consent_form), Some(given_on)) = (purpose, consent_form, given_on)
    else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    if !errors.is_empty() {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    }
    let organisation = if purpose == ConsentPurpose::Referral {
        organisation
    } else {
        None
    };
    cases::add_consent(
        &state.store,
        c.id,
        purpose,
        organisation,
        given_by,
        &consent_form,
        given_on,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "consent-added"))
}

/// `POST /cases/{id}/consents/{consent}/withdraw`.
pub async fn withdraw_consent(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, consent)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    match cases::withdraw_consent(
        &state.store,
        c.id,
        consent,
        state.clock.now().date(),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) | Err(StoreError::Conflict(_)) => Ok(back(id, "consent-withdrawn")),
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/{id}/services`: another organisation's service needs the person's consent to
/// a referral to that organisation.
pub async fn add_service(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let service_type = code_in(
        &state,
        &mut errors,
        "service_type",
        ListKind::ServiceType,
        form.get("service_type"),
        true,
    )
    .await?;
    let provider = match form.get("provider_organisation_id").parse::<i64>() {
        Ok(p) => orgs::get_organisation(&state.store, p).await.ok(),
        Err(_) => None,
    };
    if provider.is_none() {
        errors.push(FieldError::unknown_code("provider_organisation_id"));
    }
    let start_on = parse_date("start_on", form.get("start_on"), &mut errors, false);
    let cost = form.get("cost").trim();
    let cost_cents = if cost.is_empty() {
        None
    } else {
        match cost.replace(',', ".").parse::<f64>() {
            Ok(x) if (0.0..10_000_000.0).contains(&x) => Some((x * 100.0).round() as i64),
            _ => {
                errors.push(FieldError::new("cost", "amount_format"));
                None
            }
        }
    };
    if let Some(p) = &provider
        && p.id != c.lead_organisation_id
    {
        let consents: Vec<_> = cases::consents(&state.store, c.id)
            .await?
            .iter()
            .map(Consent::facts)
            .collect();
        if let Err(e) = rules::require_consent(&consents, ConsentPurpose::Referral, Some(p.id)) {
            // On the page the refusal belongs to the provider the user picked, so the
            // error summary's link lands on that field.
            let mut e = e.with("organisation_name", p.name(b.lang()));
            e.field = "provider_organisation_id".into();
            errors.push(e);
        }
    }
    let (Some(service_type), Some(provider)) = (service_type, provider) else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    if !errors.is_empty() {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    }
    cases::add_service(
        &state.store,
        c.id,
        &service_type,
        provider.id,
        ServiceStatus::Planned,
        start_on,
        cost_cents,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "service-added"))
}

/// `POST /cases/{id}/services/{service}/status`.
pub async fn service_status(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, service)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let status = ServiceStatus::parse(form.get("status")).ok_or(PageError::BadRequest)?;
    // The outcome is short free text about the service (no names: the hint says so).
    let outcome: String = form.get("outcome").trim().chars().take(500).collect();
    cases::set_service_status(
        &state.store,
        c.id,
        service,
        status,
        Some(outcome.as_str()).filter(|o| !o.is_empty()),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "service-updated"))
}

// ---- Break-glass ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "break_glass.html")]
struct BreakGlassPage {
    b: Base,
    form: FormPairs,
    errors: Errors,
}

/// `GET /cases/break-glass`.
pub async fn break_glass_form(b: Base) -> Result<Response, PageError> {
    render(&BreakGlassPage {
        b,
        form: FormPairs::default(),
        errors: Errors::default(),
    })
}

/// `POST /cases/break-glass`: a supervisor opens a case outside their scope, giving a reason.
pub async fn break_glass(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let reason = form.get("reason").trim().to_owned();
    if reason.chars().count() < 10 {
        errors.push(FieldError::new("reason", "reason_required"));
    }
    let case = match cases::by_code(&state.store, form.get("code")).await {
        Ok(c) => Some(c),
        Err(StoreError::NotFound) => {
            errors.push(FieldError::new("code", "no_such_case"));
            None
        }
        Err(e) => return Err(e.into()),
    };
    let Some(case) = case.filter(|_| errors.is_empty()) else {
        let errors = Errors::from(&b.tr, &errors);
        let mut res = render(&BreakGlassPage { b, form, errors })?;
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let facts = cases::facts(&state.store, &case).await?;
    if access::case_scope(&subject_of(&state, &v).await?, &facts).is_none() {
        cases::break_glass(
            &state.store,
            v.user_id,
            case.id,
            &reason,
            &who(&state, &v, &origin),
            state.clock.now(),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/cases/{}", case.id)).into_response())
}

#[derive(Template)]
#[template(path = "break_glass_review.html")]
struct ReviewPage {
    b: Base,
    openings: Vec<cases::BreakGlass>,
    labels: Labels,
}

/// `GET /audit/break-glass`: openings to review, unreviewed first.
pub async fn break_glass_review(
    State(state): State<AppState>,
    b: Base,
) -> Result<Response, PageError> {
    let openings = cases::break_glass_log(&state.store).await?;
    let labels = Labels::load(&state, &b).await?;
    render(&ReviewPage {
        b,
        openings,
        labels,
    })
}

/// `POST /audit/break-glass/{id}/review`.
pub async fn break_glass_reviewed(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    cases::review_break_glass(&state.store, id, v.user_id, state.clock.now()).await?;
    auth::audit(
        &state,
        auth::event(&v, "case.break_glass_reviewed", "break_glass", id),
        &origin,
    )
    .await;
    Ok(Redirect::to("/audit/break-glass").into_response())
}

// ---- Screening with the ILO indicators --------------------------------------------------------

use mayak_domain::screening::{
    self, Assessment, Conclusion, Dimension, Element, IndicatorList, Reason,
};

/// One dimension of the screening form.
pub struct DimensionGroup {
    /// The dimension's code.
    code: &'static str,
    /// Its indicators: code, label in the page's language, weight code, ticked.
    items: Vec<(&'static str, &'static str, &'static str, bool)>,
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    b: Base,
    c: Case,
    list: &'static str,
    lists: Vec<&'static str>,
    groups: Vec<DimensionGroup>,
    result: Option<(String, Vec<String>)>,
}

/// Which list: from the query, or from the case (age band and exploitation type).
#[derive(Debug, Deserialize, Default)]
pub struct ListChoice {
    list: Option<String>,
}

fn default_list(c: &Case) -> IndicatorList {
    let child = matches!(c.age_band.as_deref(), Some("0-8" | "9-17"));
    let sexual = matches!(
        c.exploitation_type.as_deref(),
        Some("SexualExploitation" | "SexAndLabour")
    );
    IndicatorList::for_case(child, sexual)
}

fn groups(b: &Base, list: IndicatorList, ticked: &[String]) -> Vec<DimensionGroup> {
    Dimension::ALL
        .iter()
        .map(|d| DimensionGroup {
            code: d.code(),
            items: screening::indicators(list)
                .iter()
                .filter(|i| i.dimension == *d)
                .map(|i| {
                    (
                        i.code,
                        i.label(b.lang()),
                        i.weight.code(),
                        ticked.iter().any(|t| t == i.code),
                    )
                })
                .collect(),
        })
        .collect()
}

/// The assessment's reasoning as sentences in the page's language.
fn explain(b: &Base, a: &Assessment) -> (String, Vec<String>) {
    let dim = |d: &Dimension| b.tk("screening-dimension-", d.code());
    let element = |e: &Element| {
        b.tk(
            "screening-element-",
            match e {
                Element::Recruitment => "recruitment",
                Element::Exploitation => "exploitation",
                Element::Coercion => "coercion",
            },
        )
    };
    let counts = |s: usize, m: usize, w: usize| {
        b.ts(
            "screening-counts",
            &[
                ("strong", &s.to_string()),
                ("medium", &m.to_string()),
                ("weak", &w.to_string()),
            ],
        )
    };
    let reasons = a
        .reasons
        .iter()
        .map(|r| match r {
            Reason::DimensionPresent {
                dimension,
                strong,
                medium,
                weak,
                ..
            } => b.ts(
                "screening-reason-present",
                &[
                    ("dimension", &dim(dimension)),
                    ("counts", &counts(*strong, *medium, *weak)),
                ],
            ),
            Reason::DimensionAbsent {
                dimension,
                strong,
                medium,
                weak,
            } => b.ts(
                "screening-reason-absent",
                &[
                    ("dimension", &dim(dimension)),
                    ("counts", &counts(*strong, *medium, *weak)),
                ],
            ),
            Reason::ElementPresent { element: e, .. } => b.ts(
                "screening-reason-element-present",
                &[("element", &element(e))],
            ),
            Reason::ElementMissing { element: e } => b.ts(
                "screening-reason-element-missing",
                &[("element", &element(e))],
            ),
            Reason::ChildMeansNotRequired => b.t("screening-reason-child"),
        })
        .collect();
    let conclusion = match a.conclusion {
        Conclusion::LikelyVictim => "likely_victim",
        Conclusion::PossibleVictim => "possible_victim",
        Conclusion::NoIndication => "no_indication",
    };
    (b.tk("screening-conclusion-", conclusion), reasons)
}

fn page_for(
    b: Base,
    c: Case,
    list: IndicatorList,
    ticked: &[String],
    result: Option<(String, Vec<String>)>,
) -> Result<Response, PageError> {
    let groups = groups(&b, list, ticked);
    render(&ScreeningPage {
        b,
        c,
        list: list.code(),
        lists: IndicatorList::ALL.iter().map(|l| l.code()).collect(),
        groups,
        result,
    })
}

/// `GET /cases/{id}/screening`: the indicator form, with the last screening's answers.
pub async fn screening_form(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    q: PageQuery<ListChoice>,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let last = cases::screenings(&state.store, c.id)
        .await?
        .into_iter()
        .next();
    let list =
        q.0.list
            .as_deref()
            .and_then(IndicatorList::parse)
            .or_else(|| last.as_ref().and_then(|s| IndicatorList::parse(&s.list)))
            .unwrap_or_else(|| default_list(&c));
    let ticked = last
        .filter(|s| s.list == list.code())
        .map(|s| s.indicators)
        .unwrap_or_default();
    let result = if ticked.is_empty() {
        None
    } else {
        screening::assess(list, &ticked)
            .ok()
            .map(|a| explain(&b, &a))
    };
    page_for(b, c, list, &ticked, result)
}

/// `POST /cases/{id}/screening`: assesses the indicators found, records the screening and
/// shows the advice with its reasons. The legal status does not change.
pub async fn screen(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let list = IndicatorList::parse(form.get("list")).ok_or(PageError::BadRequest)?;
    let ticked = form.all("indicator");
    let assessment = match screening::assess(list, &ticked) {
        Ok(a) => a,
        Err(_) => return Err(PageError::BadRequest),
    };
    let conclusion = match assessment.conclusion {
        Conclusion::LikelyVictim => "likely_victim",
        Conclusion::PossibleVictim => "possible_victim",
        Conclusion::NoIndication => "no_indication",
    };
    cases::add_screening(
        &state.store,
        c.id,
        list.code(),
        &ticked,
        conclusion,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    let result = Some(explain(&b, &assessment));
    page_for(b, c, list, &ticked, result)
}

// ---- Needs, plan, notes, tasks, my work --------------------------------------------------------

fn back(id: i64, notice: &str) -> Response {
    Redirect::to(&format!("/cases/{id}?notice={notice}")).into_response()
}

/// `POST /cases/{id}/needs`: an assessed need (assessments repeat over time).
pub async fn add_need(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let need = form.get("need").trim().to_owned();
    if !(reference::is_active(&state.store, ListKind::NeedType, &need).await?
        || reference::is_active(&state.store, ListKind::Consequence, &need).await?)
    {
        errors.push(FieldError::unknown_code("need"));
    }
    let severity = form.get("severity");
    if !["high", "medium", "low"].contains(&severity) {
        errors.push(FieldError::unknown_code("severity"));
    }
    let on = parse_date("assessed_on", form.get("assessed_on"), &mut errors, true);
    let Some(on) = on.filter(|_| errors.is_empty()) else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    mayak_store::casework::add_need(
        &state.store,
        c.id,
        &need,
        severity,
        on,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "need-added"))
}

/// `POST /cases/{id}/goals`: a goal of the individual assistance plan.
pub async fn add_goal(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let goal = errors.check(mayak_domain::account::parse_text(
        "goal",
        form.get("goal"),
        300,
    ));
    let need = Some(form.get("goal_need").trim().to_owned()).filter(|n| !n.is_empty());
    if let Some(n) = &need
        && !(reference::is_active(&state.store, ListKind::NeedType, n).await?
            || reference::is_active(&state.store, ListKind::Consequence, n).await?)
    {
        errors.push(FieldError::unknown_code("goal_need"));
    }
    let target = parse_date("target_on", form.get("target_on"), &mut errors, false);
    let Some(goal) = goal.filter(|_| errors.is_empty()) else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    mayak_store::casework::add_goal(
        &state.store,
        c.id,
        need.as_deref(),
        &goal,
        target,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "goal-added"))
}

/// `POST /cases/{id}/goals/{goal}/status`.
pub async fn goal_status(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, goal)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let status = form.get("status");
    if !["achieved", "dropped", "open"].contains(&status) {
        return Err(PageError::BadRequest);
    }
    mayak_store::casework::set_goal_status(
        &state.store,
        c.id,
        goal,
        status,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "goal-updated"))
}

/// `POST /cases/{id}/notes`: a note, sealed under the person's data key.
pub async fn add_note(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let text = form.get("note").trim().to_owned();
    if text.is_empty() {
        errors.push(FieldError::required("note"));
    } else if text.chars().count() > 20_000 {
        errors.push(FieldError::too_long("note", 20_000));
    }
    if !errors.is_empty() {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    }
    match mayak_store::casework::add_note(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        c.id,
        &text,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(back(id, "note-added")),
        Err(StoreError::Erased) => Err(PageError::BadRequest),
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/{id}/relatives`: a family member or accompanying child, recorded as a person of
/// their own. Only those who see the person's identity may add one.
pub async fn add_relative(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let today = state.clock.now().date();
    let mut errors = FieldErrors::default();
    let relation = code_in(
        &state,
        &mut errors,
        "relation",
        ListKind::FamilyRelation,
        form.get("relation"),
        true,
    )
    .await?;
    let sex = code_in(
        &state,
        &mut errors,
        "relative_sex",
        ListKind::Sex,
        form.get("relative_sex"),
        true,
    )
    .await?;
    let birth_date = parse_date(
        "relative_birth_date",
        form.get("relative_birth_date"),
        &mut errors,
        false,
    );
    let identity = Identity {
        family_name: form.get("relative_family_name").trim().to_owned(),
        given_names: form.get("relative_given_names").trim().to_owned(),
        birth_date,
        ..Default::default()
    };
    if let Err(e) = identity.validate(today) {
        // The form's fields carry a prefix: the person's own fields are elsewhere.
        errors.0.extend(e.0.into_iter().map(|mut e| {
            e.field = format!("relative_{}", e.field);
            e
        }));
    }
    let (Some(relation), Some(sex)) = (relation, sex) else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    if !errors.is_empty() {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    }
    match mayak_store::casework::add_relative(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        c.id,
        &identity,
        &sex,
        &relation,
        form.checked("accompanying"),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(back(id, "relative-added")),
        Err(e) => Err(e.into()),
    }
}

/// `POST /cases/{id}/tasks`.
pub async fn add_task(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut errors = FieldErrors::default();
    let title = errors.check(mayak_domain::account::parse_text(
        "task",
        form.get("task"),
        200,
    ));
    let due = parse_date("due_on", form.get("due_on"), &mut errors, true);
    let assignee = form
        .get("task_assignee")
        .parse::<i64>()
        .ok()
        .or(Some(v.user_id));
    let (Some(title), Some(due)) = (title, due) else {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    };
    if !errors.is_empty() {
        return refuse(&state, &b, &v, &origin, id, &errors, form).await;
    }
    mayak_store::casework::add_task(
        &state.store,
        c.id,
        &title,
        due,
        assignee,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "task-added"))
}

/// `POST /cases/{id}/tasks/{task}/done`.
pub async fn task_done(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, task)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    match mayak_store::casework::complete_task(
        &state.store,
        c.id,
        task,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(back(id, "task-done")),
        Err(StoreError::NotFound) => Err(PageError::NotFound),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "my_work.html")]
struct WorkPage {
    b: Base,
    tasks: Vec<mayak_store::casework::Task>,
    today: Date,
    cases: Vec<Case>,
    labels: Labels,
}

/// `GET /work`: my tasks (overdue first) and my open cases.
pub async fn my_work(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
) -> Result<Response, PageError> {
    let tasks = mayak_store::casework::my_tasks(&state.store, v.user_id).await?;
    let subject = subject_of(&state, &v).await?;
    let mut mine = Vec::new();
    for status in [CaseStatus::Active, CaseStatus::FollowUp] {
        let filter = CaseFilter {
            assigned_to: Some(v.user_id),
            status: Some(status),
            limit: 200,
            ..Default::default()
        };
        mine.extend(cases::list(&state.store, &filter, &subject).await?);
    }
    let labels = Labels::load(&state, &b).await?;
    render(&WorkPage {
        b,
        tasks,
        today: state.clock.now().date(),
        cases: mine,
        labels,
    })
}

// ---- Exploitation profile, trafficking events, perpetrators, proceedings ------------------------

async fn codes_in(
    state: &AppState,
    errors: &mut FieldErrors,
    field: &str,
    list: ListKind,
    values: Vec<String>,
) -> Result<Vec<String>, PageError> {
    let mut out = Vec::new();
    for v in values.into_iter().filter(|v| !v.is_empty()) {
        if reference::is_active(&state.store, list, &v).await? {
            if !out.contains(&v) {
                out.push(v);
            }
        } else {
            errors.push(FieldError::unknown_code(field));
        }
    }
    Ok(out)
}

/// `POST /cases/{id}/episodes`: an episode of the exploitation profile.
pub async fn add_episode(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let exploitation_types = codes_in(
        &state,
        &mut e,
        "exploitation_types",
        ListKind::ExploitationType,
        form.all("exploitation_types"),
    )
    .await?;
    if exploitation_types.is_empty() {
        e.push(FieldError::new("exploitation_types", "choose_one"));
    }
    let episode = mayak_store::casework::Episode {
        id: 0,
        exploitation_types,
        labour_types: codes_in(
            &state,
            &mut e,
            "labour_types",
            ListKind::LabourType,
            form.all("labour_types"),
        )
        .await?,
        sexual_types: codes_in(
            &state,
            &mut e,
            "sexual_types",
            ListKind::SexualExploitationType,
            form.all("sexual_types"),
        )
        .await?,
        means_of_control: codes_in(
            &state,
            &mut e,
            "means_of_control",
            ListKind::MeansOfControl,
            form.all("means_of_control"),
        )
        .await?,
        recruitment_type: code_in(
            &state,
            &mut e,
            "recruitment_type",
            ListKind::RecruitmentType,
            form.get("recruitment_type"),
            false,
        )
        .await?,
        recruitment_app: code_in(
            &state,
            &mut e,
            "recruitment_app",
            ListKind::RecruitmentApp,
            form.get("recruitment_app"),
            false,
        )
        .await?,
        recruiter_relation: code_in(
            &state,
            &mut e,
            "recruiter_relation",
            ListKind::RecruiterRelation,
            form.get("recruiter_relation"),
            false,
        )
        .await?,
        country: code_in(
            &state,
            &mut e,
            "episode_country",
            ListKind::Country,
            form.get("episode_country"),
            false,
        )
        .await?,
        started_on: parse_date("started_on", form.get("started_on"), &mut e, false),
        ended_on: parse_date("ended_on", form.get("ended_on"), &mut e, false),
    };
    if let (Some(s), Some(t)) = (episode.started_on, episode.ended_on)
        && t < s
    {
        e.push(FieldError::new("ended_on", "before_start"));
    }
    if !e.is_empty() {
        return case_page(&state, b.clone(), &v, &origin, id, failed(&b, &e, form)).await;
    }
    mayak_store::casework::add_episode(
        &state.store,
        c.id,
        &episode,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "episode-added"))
}

/// `POST /cases/{id}/trafficking-events`.
pub async fn add_stage(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let kind = form.get("stage_kind");
    if !["Recruitment", "Transit", "Exploitation"].contains(&kind) {
        e.push(FieldError::unknown_code("stage_kind"));
    }
    let country = code_in(
        &state,
        &mut e,
        "stage_country",
        ListKind::Country,
        form.get("stage_country"),
        false,
    )
    .await?;
    let place = Some(
        form.get("stage_place")
            .trim()
            .chars()
            .take(200)
            .collect::<String>(),
    )
    .filter(|p| !p.is_empty());
    let occurred_on = parse_date("stage_on", form.get("stage_on"), &mut e, false);
    if !e.is_empty() {
        return case_page(&state, b.clone(), &v, &origin, id, failed(&b, &e, form)).await;
    }
    let stage = mayak_store::casework::Stage {
        kind: kind.to_owned(),
        country,
        place,
        occurred_on,
    };
    mayak_store::casework::add_stage(
        &state.store,
        c.id,
        &stage,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "profile-updated"))
}

/// `POST /cases/{id}/perpetrators`.
pub async fn add_perpetrator(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let role = form.get("perpetrator_role");
    if ![
        "Recruiter",
        "Transporter",
        "Exploiter",
        "Controller",
        "Other",
    ]
    .contains(&role)
    {
        e.push(FieldError::unknown_code("perpetrator_role"));
    }
    let relation = code_in(
        &state,
        &mut e,
        "perpetrator_relation",
        ListKind::RecruiterRelation,
        form.get("perpetrator_relation"),
        false,
    )
    .await?;
    let citizenship = code_in(
        &state,
        &mut e,
        "perpetrator_citizenship",
        ListKind::Country,
        form.get("perpetrator_citizenship"),
        false,
    )
    .await?;
    if !e.is_empty() {
        return case_page(&state, b.clone(), &v, &origin, id, failed(&b, &e, form)).await;
    }
    let p = mayak_store::casework::Perpetrator {
        role: role.to_owned(),
        relation,
        citizenship,
    };
    mayak_store::casework::add_perpetrator(
        &state.store,
        c.id,
        &p,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "profile-updated"))
}

fn money(field: &str, raw: &str, e: &mut FieldErrors) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.replace(',', ".").parse::<f64>() {
        Ok(x) if (0.0..100_000_000.0).contains(&x) => Some((x * 100.0).round() as i64),
        _ => {
            e.push(FieldError::new(field, "amount_format"));
            None
        }
    }
}

/// `POST /cases/{id}/proceedings`.
pub async fn add_proceeding(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut e = FieldErrors::default();
    let kind = form.get("proceeding_kind");
    if !["criminal", "civil"].contains(&kind) {
        e.push(FieldError::unknown_code("proceeding_kind"));
    }
    let stage = form.get("proceeding_stage");
    if !["investigation", "court", "verdict", "closed"].contains(&stage) {
        e.push(FieldError::unknown_code("proceeding_stage"));
    }
    let role = form.get("person_role");
    if !["victim", "witness"].contains(&role) {
        e.push(FieldError::unknown_code("person_role"));
    }
    let claimed = money(
        "compensation_claimed",
        form.get("compensation_claimed"),
        &mut e,
    );
    let awarded = money(
        "compensation_awarded",
        form.get("compensation_awarded"),
        &mut e,
    );
    let updated_on = parse_date("proceeding_on", form.get("proceeding_on"), &mut e, true);
    let Some(updated_on) = updated_on.filter(|_| e.is_empty()) else {
        return case_page(&state, b.clone(), &v, &origin, id, failed(&b, &e, form)).await;
    };
    let l = mayak_store::casework::Proceeding {
        kind: kind.to_owned(),
        stage: stage.to_owned(),
        person_role: role.to_owned(),
        legal_aid: form.checked("legal_aid"),
        compensation_claimed_cents: claimed,
        compensation_awarded_cents: awarded,
        updated_on,
    };
    mayak_store::casework::add_proceeding(
        &state.store,
        c.id,
        &l,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(back(id, "profile-updated"))
}

// ---- Attachments ------------------------------------------------------------------------------

/// Largest attachment accepted.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The content type of an accepted scan, told by its first bytes (not by what the browser
/// claims): PDF, JPEG or PNG.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// `POST /cases/{id}/files`: a scan (document, signed consent), sealed under the person's key.
pub async fn upload(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    let c = editable(&state, &v, &origin, id).await?;
    let mut multipart = multipart.map_err(|_| PageError::BadRequest)?;
    let mut errors = FieldErrors::default();
    let mut file: Option<Vec<u8>> = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some("file") {
            match field.bytes().await {
                Ok(bytes) => file = Some(bytes.to_vec()),
                Err(_) => errors.push(FieldError::new("file", "file_too_large").with("max", "10")),
            }
        }
    }
    let bytes = file.filter(|f| !f.is_empty());
    let content_type = match &bytes {
        None if errors.is_empty() => {
            errors.push(FieldError::required("file"));
            None
        }
        None => None,
        Some(f) if f.len() > MAX_FILE_BYTES => {
            errors.push(FieldError::new("file", "file_too_large").with("max", "10"));
            None
        }
        Some(f) => match sniff(f) {
            Some(t) => Some(t),
            None => {
                errors.push(FieldError::new("file", "file_type"));
                None
            }
        },
    };
    let (Some(bytes), Some(content_type)) = (bytes, content_type) else {
        return case_page(
            &state,
            b.clone(),
            &v,
            &origin,
            id,
            failed(&b, &errors, FormPairs::default()),
        )
        .await;
    };
    match persons::attach_file(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        c.person_id,
        content_type,
        &bytes,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(back(id, "file-added")),
        Err(StoreError::Erased) => Err(PageError::BadRequest),
        Err(e) => Err(e.into()),
    }
}

/// `GET /cases/{id}/files/{file}`: the decrypted scan; the reading is recorded first.
pub async fn download(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, file)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let (c, scope) = case_in_scope(&state, &v, &origin, id).await?;
    let consents = cases::consents(&state.store, c.id).await?;
    let show = visible_sections(&state, &v, scope, &c, &consents).await?;
    if !(show.contacts && show.case_file) {
        auth::deny(&state, Some(&v), &origin, "case", "access.denied").await;
        return Err(PageError::Forbidden);
    }
    let (content_type, bytes) = match persons::read_file(
        &state.store,
        &state.vault,
        c.person_id,
        file,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(f) => f,
        Err(StoreError::Erased) => return Err(PageError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    if let Ok(v) = axum::http::HeaderValue::from_str(&content_type) {
        h.insert(axum::http::header::CONTENT_TYPE, v);
    }
    // Always a download, never rendered in the page's origin.
    h.insert(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_static("attachment"),
    );
    Ok(res)
}
