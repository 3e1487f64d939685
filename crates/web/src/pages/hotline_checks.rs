//! The checks a consultant runs during a call — is this recruitment agency licensed, does
//! this job offer show the warning signs of trafficking, whom to call in the destination
//! country — and the pages where administrators keep that reference data.
//!
//! The consultation form reaches the checks through buttons that first save the form as the
//! consultant's draft (`POST /hotline/draft` with `then=`), so nothing typed is lost with or
//! without scripts; the checklist can hand its ticked signs back to the draft.

use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use crate::pages::hotline::{local, offset, who};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::hotline_checks::{
    self as rules, AgencyInput, ContactInput, ContactKind, LicenceStatus, OfferAssessment,
    OfferIndicator, OfferReason,
};
use mayak_domain::screening::Dimension;
use mayak_domain::{FieldError, FieldErrors, Lang, ListKind};
use mayak_store::StoreError;
use mayak_store::audit::AuditEvent;
use mayak_store::hotline;
use mayak_store::hotline_checks::{self as checks, Agency, Contact, LicenceAnswer};
use mayak_store::reference::{self, Entry};
use serde::Deserialize;
use std::collections::HashMap;

/// The label of a checklist sign in a language (the code itself if it left the checklist).
pub fn sign_label(code: &str, lang: Lang) -> String {
    rules::offer_indicator(code).map_or_else(|| code.to_owned(), |i| i.label(lang).to_owned())
}

/// Country labels by code, in the page's language.
async fn countries(state: &AppState, lang: Lang) -> Result<HashMap<String, String>, StoreError> {
    Ok(reference::list(&state.store, ListKind::Country, true)
        .await?
        .into_iter()
        .map(|e| {
            let l = e.label(lang).to_owned();
            (e.code, l)
        })
        .collect())
}

fn country_names(labels: &HashMap<String, String>, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| labels.get(c).cloned().unwrap_or_else(|| c.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn date(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn today(state: &AppState) -> time::Date {
    state.clock.now().to_offset(offset(state)).date()
}

// ---- The licence check ------------------------------------------------------------------------

/// `?q=` of the licence check.
#[derive(Debug, Deserialize, Default)]
pub struct AgencyQuery {
    q: Option<String>,
}

/// One match as the page shows it.
pub struct AgencyRow {
    a: Agency,
    verdict: &'static str,
    countries: String,
    valid: String,
}

#[derive(Template)]
#[template(path = "hotline_check_agencies.html")]
struct AgencyCheckPage {
    b: Base,
    q: String,
    answer: Option<(String, Vec<AgencyRow>)>,
    updated: Option<String>,
    errors: Errors,
}

fn valid_text(b: &Base, a: &Agency) -> String {
    match a.valid_until {
        Some(u) => b.ts(
            "hotline-licence-valid-range",
            &[("from", &date(a.valid_from)), ("until", &date(u))],
        ),
        None => b.ts(
            "hotline-licence-valid-open",
            &[("from", &date(a.valid_from))],
        ),
    }
}

fn rows(b: &Base, labels: &HashMap<String, String>, a: &LicenceAnswer) -> Vec<AgencyRow> {
    a.matches
        .iter()
        .map(|(a, v)| AgencyRow {
            verdict: v.code(),
            countries: country_names(labels, &a.countries),
            valid: valid_text(b, a),
            a: a.clone(),
        })
        .collect()
}

/// The longest search text.
const MAX_QUERY: usize = 100;

/// `GET /hotline/checks/agencies`: search the register by name or licence number.
pub async fn agencies(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<AgencyQuery>,
) -> Result<Response, PageError> {
    let q = q.0.q.unwrap_or_default().trim().to_owned();
    let mut errors = FieldErrors::default();
    let mut answer = None;
    if q.chars().count() > MAX_QUERY {
        errors.push(FieldError::too_long("q", MAX_QUERY));
    } else if !q.is_empty() {
        if rules::normalise_licence(&q).chars().count() < 2 {
            errors.push(FieldError::new("q", "too_short").with("min", "2"));
        } else {
            let a = checks::check_licence(&state.store, &q, today(&state)).await?;
            let labels = countries(&state, b.lang()).await?;
            answer = Some((a.verdict.code().to_owned(), rows(&b, &labels, &a)));
        }
    }
    let updated = checks::register_updated_at(&state.store)
        .await?
        .map(|t| local(&state, t));
    let failed = !errors.is_empty();
    let errors = Errors::from(&b.tr, &errors);
    let mut res = render(&AgencyCheckPage {
        b,
        q,
        answer,
        updated,
        errors,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

// ---- The job-offer checklist ------------------------------------------------------------------

/// The checklist grouped by dimension.
pub struct Group {
    dimension: Dimension,
    items: Vec<&'static OfferIndicator>,
}

fn groups() -> Vec<Group> {
    [
        Dimension::DeceptiveRecruitment,
        Dimension::CoerciveRecruitment,
        Dimension::RecruitmentAbuseOfVulnerability,
    ]
    .into_iter()
    .map(|dimension| Group {
        dimension,
        items: rules::offer_indicators()
            .iter()
            .filter(|i| i.dimension == dimension)
            .collect(),
    })
    .collect()
}

#[derive(Template)]
#[template(path = "hotline_check_offer.html")]
struct OfferPage {
    b: Base,
    groups: Vec<Group>,
    ticked: Vec<String>,
    assessment: Option<OfferAssessment>,
    errors: Errors,
}

impl OfferPage {
    fn is_ticked(&self, code: &str) -> bool {
        self.ticked.iter().any(|t| t == code)
    }

    fn reason(&self, r: &OfferReason) -> String {
        let dim = |d: &Dimension| self.b.t(&format!("screening-dimension-{}", d.code()));
        match r {
            OfferReason::DimensionPresent { dimension, rule } => {
                let rule = serde_json::to_value(rule)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                self.b.ts(
                    "hotline-offer-reason-present",
                    &[
                        ("dimension", &dim(dimension)),
                        ("rule", &self.b.t(&format!("hotline-offer-rule-{rule}"))),
                    ],
                )
            }
            OfferReason::DimensionSigns { dimension, count } => self.b.ts(
                "hotline-offer-reason-signs",
                &[
                    ("dimension", &dim(dimension)),
                    ("count", &count.to_string()),
                ],
            ),
            OfferReason::CoercionBeforeDeparture => self.b.t("hotline-offer-reason-coercion"),
            OfferReason::NothingTicked => self.b.t("hotline-offer-reason-nothing"),
        }
    }
}

async fn draft_signs(state: &AppState, user_id: i64) -> Result<Vec<String>, StoreError> {
    Ok(
        match hotline::load_draft(&state.store, &state.vault, user_id).await? {
            Some((pairs, _)) => pairs
                .into_iter()
                .filter(|(k, _)| k == "indicators")
                .map(|(_, v)| v)
                .collect(),
            None => Vec::new(),
        },
    )
}

/// `GET /hotline/checks/offer`: the checklist, with the signs already kept in the draft ticked.
pub async fn offer(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
) -> Result<Response, PageError> {
    let ticked = draft_signs(&state, v.user_id).await?;
    let assessment = (!ticked.is_empty())
        .then(|| rules::assess_offer(&ticked).ok())
        .flatten();
    render(&OfferPage {
        b,
        groups: groups(),
        ticked,
        assessment,
        errors: Errors::default(),
    })
}

/// `POST /hotline/checks/offer`: `action=assess` shows the assessment of the ticked signs;
/// `action=keep` puts them into the consultant's draft and goes back to the form.
pub async fn offer_post(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    form: FormPairs,
) -> Result<Response, PageError> {
    let ticked = form.all("indicators");
    let assessment = match rules::assess_offer(&ticked) {
        Ok(a) => a,
        Err(e) => {
            let errors = Errors::from(&b.tr, &e);
            let mut res = render(&OfferPage {
                b,
                groups: groups(),
                ticked,
                assessment: None,
                errors,
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    if form.get("action") == "keep" {
        let mut pairs = match hotline::load_draft(&state.store, &state.vault, v.user_id).await? {
            Some((pairs, _)) => pairs,
            None => crate::pages::hotline::fresh_form(&state).0,
        };
        pairs.retain(|(k, _)| k != "indicators");
        pairs.extend(
            assessment
                .indicators
                .iter()
                .map(|c| ("indicators".to_owned(), (*c).to_owned())),
        );
        match hotline::save_draft(
            &state.store,
            &state.vault,
            state.rng.as_ref(),
            v.user_id,
            &pairs,
            state.clock.now(),
        )
        .await
        {
            Ok(()) => {}
            Err(StoreError::Conflict(_)) => return Err(PageError::BadRequest),
            Err(e) => return Err(e.into()),
        }
        return Ok(Redirect::to("/hotline/new?notice=signs-kept#f-indicators").into_response());
    }
    render(&OfferPage {
        b,
        groups: groups(),
        ticked: assessment
            .indicators
            .iter()
            .map(|c| (*c).to_owned())
            .collect(),
        assessment: Some(assessment),
        errors: Errors::default(),
    })
}

// ---- Contacts in the destination country ------------------------------------------------------

/// `?country=` of the contacts.
#[derive(Debug, Deserialize, Default)]
pub struct ContactQuery {
    country: Option<String>,
}

#[derive(Template)]
#[template(path = "hotline_check_contacts.html")]
struct ContactsPage {
    b: Base,
    country: String,
    country_name: String,
    countries: Vec<Entry>,
    contacts: Vec<Contact>,
    covered: Vec<(String, String)>,
}

/// `GET /hotline/checks/contacts`: embassies, consulates, NGOs and hotlines of a country.
pub async fn contacts(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<ContactQuery>,
) -> Result<Response, PageError> {
    let country = q.0.country.unwrap_or_default().trim().to_uppercase();
    let labels = countries(&state, b.lang()).await?;
    let contacts = if country.is_empty() {
        Vec::new()
    } else {
        checks::list_contacts(&state.store, Some(&country), false).await?
    };
    let mut covered: Vec<(String, String)> = Vec::new();
    for c in checks::list_contacts(&state.store, None, false).await? {
        if !covered.iter().any(|(code, _)| *code == c.country) {
            let name = labels
                .get(&c.country)
                .cloned()
                .unwrap_or_else(|| c.country.clone());
            covered.push((c.country, name));
        }
    }
    covered.sort_by(|a, b| a.1.cmp(&b.1));
    render(&ContactsPage {
        country_name: labels
            .get(&country)
            .cloned()
            .unwrap_or_else(|| country.clone()),
        countries: reference::list(&state.store, ListKind::Country, false).await?,
        b,
        country,
        contacts,
        covered,
    })
}

// ---- Keeping the register and the contacts ----------------------------------------------------

/// `?notice=` after a change.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "hotline_register.html")]
struct RegisterPage {
    b: Base,
    agencies: Vec<AgencyRow>,
    contacts: Vec<(Contact, String)>,
    updated: Option<String>,
    notice: Option<String>,
}

fn notice(b: &Base, n: Option<String>) -> Option<String> {
    n.filter(|n| ["added", "saved", "retired", "restored"].contains(&n.as_str()))
        .map(|n| b.t(&format!("hotline-register-notice-{n}")))
}

/// `GET /hotline/register`: every agency and contact, retired ones too.
pub async fn register(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let labels = countries(&state, b.lang()).await?;
    let day = today(&state);
    let agencies = checks::list_agencies(&state.store, true)
        .await?
        .into_iter()
        .map(|a| AgencyRow {
            verdict: a.verdict(day).code(),
            countries: country_names(&labels, &a.countries),
            valid: valid_text(&b, &a),
            a,
        })
        .collect();
    let contacts = checks::list_contacts(&state.store, None, true)
        .await?
        .into_iter()
        .map(|c| {
            let n = labels
                .get(&c.country)
                .cloned()
                .unwrap_or_else(|| c.country.clone());
            (c, n)
        })
        .collect();
    let updated = checks::register_updated_at(&state.store)
        .await?
        .map(|t| local(&state, t));
    render(&RegisterPage {
        notice: notice(&b, q.0.notice),
        b,
        agencies,
        contacts,
        updated,
    })
}

fn audit_of(state: &AppState, v: &Viewer, origin: &Origin, record_type: &str) -> AuditEvent {
    let mut e = who(state, v, origin);
    e.record_type = Some(record_type.to_owned());
    e
}

#[derive(Template)]
#[template(path = "hotline_agency_edit.html")]
struct AgencyEditPage {
    b: Base,
    id: Option<i64>,
    retired: bool,
    form: FormPairs,
    errors: Errors,
    countries: Vec<Entry>,
    statuses: &'static [LicenceStatus],
}

impl AgencyEditPage {
    fn country_chosen(&self, code: &str) -> bool {
        self.form.all("countries").iter().any(|c| c == code)
    }
}

async fn agency_page(
    state: &AppState,
    b: Base,
    id: Option<i64>,
    retired: bool,
    form: FormPairs,
    errors: Errors,
) -> Result<Response, PageError> {
    let failed = !errors.is_empty();
    let mut res = render(&AgencyEditPage {
        b,
        id,
        retired,
        form,
        errors,
        countries: reference::list(&state.store, ListKind::Country, false).await?,
        statuses: &LicenceStatus::ALL,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /hotline/register/agencies/new`.
pub async fn agency_new(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let form = FormPairs(vec![("status".into(), "valid".into())]);
    agency_page(&state, b, None, false, form, Errors::default()).await
}

/// `GET /hotline/register/agencies/{id}`.
pub async fn agency_edit(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let a = checks::get_agency(&state.store, id).await?;
    let mut pairs = vec![
        ("name".to_owned(), a.name.clone()),
        ("licence_number".to_owned(), a.licence_number.clone()),
        ("valid_from".to_owned(), date(a.valid_from)),
        (
            "valid_until".to_owned(),
            a.valid_until.map(date).unwrap_or_default(),
        ),
        ("status".to_owned(), a.status.code().to_owned()),
        ("city".to_owned(), a.city.clone()),
    ];
    pairs.extend(
        a.countries
            .iter()
            .map(|c| ("countries".to_owned(), c.clone())),
    );
    agency_page(
        &state,
        b,
        Some(id),
        a.retired,
        FormPairs(pairs),
        Errors::default(),
    )
    .await
}

/// Checks an agency as received (the form's and the API's rules), country codes included.
pub async fn check_agency(
    state: &AppState,
    input: &AgencyInput,
    mut errors: FieldErrors,
) -> Result<Result<rules::CheckedAgency, FieldErrors>, StoreError> {
    let checked = rules::check_agency(input);
    if let Err(e) = &checked {
        for f in &e.0 {
            if errors.for_field(&f.field).is_none() {
                errors.push(f.clone());
            }
        }
    }
    for c in &input.countries {
        let c = c.trim().to_uppercase();
        if !c.is_empty()
            && errors.for_field("countries").is_none()
            && !reference::is_active(&state.store, ListKind::Country, &c).await?
        {
            errors.push(FieldError::unknown_code("countries").with("code", c));
        }
    }
    Ok(match checked {
        Ok(a) if errors.is_empty() => Ok(a),
        _ => Err(errors),
    })
}

fn agency_input(form: &FormPairs, errors: &mut FieldErrors) -> AgencyInput {
    AgencyInput {
        name: form.get("name").to_owned(),
        licence_number: form.get("licence_number").to_owned(),
        valid_from: parse_date("valid_from", form.get("valid_from"), errors, true),
        valid_until: parse_date("valid_until", form.get("valid_until"), errors, false),
        status: form.get("status").to_owned(),
        city: form.get("city").to_owned(),
        countries: form.all("countries"),
    }
}

/// `POST /hotline/register/agencies` (new) and `POST /hotline/register/agencies/{id}` (save).
async fn agency_save(
    state: AppState,
    b: Base,
    v: Viewer,
    origin: Origin,
    id: Option<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let retired = match id {
        Some(id) => checks::get_agency(&state.store, id).await?.retired,
        None => false,
    };
    let mut errors = FieldErrors::default();
    let input = agency_input(&form, &mut errors);
    let checked = match check_agency(&state, &input, errors).await? {
        Ok(a) => a,
        Err(e) => {
            let errs = Errors::from(&b.tr, &e);
            return agency_page(&state, b, id, retired, form, errs).await;
        }
    };
    let who = audit_of(&state, &v, &origin, "recruitment_agency");
    let now = state.clock.now();
    let done = match id {
        Some(id) => checks::update_agency(&state.store, id, &checked, &who, now)
            .await
            .map(|()| "saved"),
        None => checks::create_agency(&state.store, &checked, &who, now)
            .await
            .map(|_| "added"),
    };
    match done {
        Ok(n) => {
            Ok(Redirect::to(&format!("/hotline/register?notice={n}#agencies")).into_response())
        }
        Err(StoreError::Conflict(_)) => {
            let e = FieldErrors::from(FieldError::new("licence_number", "taken"));
            let errs = Errors::from(&b.tr, &e);
            agency_page(&state, b, id, retired, form, errs).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /hotline/register/agencies`.
pub async fn agency_create(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    agency_save(state, b, v, origin, None, form).await
}

/// `POST /hotline/register/agencies/{id}`.
pub async fn agency_update(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    agency_save(state, b, v, origin, Some(id), form).await
}

/// `POST /hotline/register/agencies/{id}/retire` (`action=retire` or `restore`).
pub async fn agency_retire(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let retire = match form.get("action") {
        "retire" => true,
        "restore" => false,
        _ => return Err(PageError::BadRequest),
    };
    let who = audit_of(&state, &v, &origin, "recruitment_agency");
    checks::set_agency_retired(&state.store, id, retire, &who, state.clock.now()).await?;
    let n = if retire { "retired" } else { "restored" };
    Ok(Redirect::to(&format!("/hotline/register?notice={n}#agencies")).into_response())
}

#[derive(Template)]
#[template(path = "hotline_contact_edit.html")]
struct ContactEditPage {
    b: Base,
    id: Option<i64>,
    retired: bool,
    form: FormPairs,
    errors: Errors,
    countries: Vec<Entry>,
    kinds: &'static [ContactKind],
}

/// The text fields of a contact: name, label key, input type.
pub const CONTACT_FIELDS: &[(&str, &str, &str)] = &[
    ("name", "hotline-contact-name", "text"),
    ("city", "hotline-contact-city", "text"),
    ("address", "hotline-contact-address", "text"),
    ("phone", "hotline-contact-phone", "tel"),
    ("email", "hotline-contact-email", "email"),
    ("website", "hotline-contact-website", "url"),
    ("hours", "hotline-contact-hours", "text"),
];

async fn contact_page(
    state: &AppState,
    b: Base,
    id: Option<i64>,
    retired: bool,
    form: FormPairs,
    errors: Errors,
) -> Result<Response, PageError> {
    let failed = !errors.is_empty();
    let mut res = render(&ContactEditPage {
        b,
        id,
        retired,
        form,
        errors,
        countries: reference::list(&state.store, ListKind::Country, false).await?,
        kinds: &ContactKind::ALL,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /hotline/register/contacts/new`.
pub async fn contact_new(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let form = FormPairs(vec![("kind".into(), "embassy".into())]);
    contact_page(&state, b, None, false, form, Errors::default()).await
}

/// `GET /hotline/register/contacts/{id}`.
pub async fn contact_edit(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let c = checks::get_contact(&state.store, id).await?;
    let form = FormPairs(vec![
        ("country".into(), c.country.clone()),
        ("kind".into(), c.kind.code().into()),
        ("name".into(), c.name.clone()),
        ("city".into(), c.city.clone()),
        ("address".into(), c.address.clone()),
        ("phone".into(), c.phone.clone()),
        ("email".into(), c.email.clone()),
        ("website".into(), c.website.clone()),
        ("hours".into(), c.hours.clone()),
        ("notes".into(), c.notes.clone()),
    ]);
    contact_page(&state, b, Some(id), c.retired, form, Errors::default()).await
}

/// Checks a contact as received, the country against the list.
pub async fn check_contact(
    state: &AppState,
    input: &ContactInput,
) -> Result<Result<rules::CheckedContact, FieldErrors>, StoreError> {
    let mut errors = FieldErrors::default();
    let checked = rules::check_contact(input);
    if let Err(e) = &checked {
        errors.0.extend(e.0.iter().cloned());
    }
    let country = input.country.trim().to_uppercase();
    if !country.is_empty()
        && !reference::is_active(&state.store, ListKind::Country, &country).await?
    {
        errors.push(FieldError::unknown_code("country"));
    }
    Ok(match checked {
        Ok(c) if errors.is_empty() => Ok(c),
        _ => Err(errors),
    })
}

fn contact_input(form: &FormPairs) -> ContactInput {
    ContactInput {
        country: form.get("country").to_owned(),
        kind: form.get("kind").to_owned(),
        name: form.get("name").to_owned(),
        city: form.get("city").to_owned(),
        address: form.get("address").to_owned(),
        phone: form.get("phone").to_owned(),
        email: form.get("email").to_owned(),
        website: form.get("website").to_owned(),
        hours: form.get("hours").to_owned(),
        notes: form.get("notes").to_owned(),
    }
}

async fn contact_save(
    state: AppState,
    b: Base,
    v: Viewer,
    origin: Origin,
    id: Option<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let retired = match id {
        Some(id) => checks::get_contact(&state.store, id).await?.retired,
        None => false,
    };
    let checked = match check_contact(&state, &contact_input(&form)).await? {
        Ok(c) => c,
        Err(e) => {
            let errs = Errors::from(&b.tr, &e);
            return contact_page(&state, b, id, retired, form, errs).await;
        }
    };
    let who = audit_of(&state, &v, &origin, "destination_contact");
    let now = state.clock.now();
    let n = match id {
        Some(id) => {
            checks::update_contact(&state.store, id, &checked, &who, now).await?;
            "saved"
        }
        None => {
            checks::create_contact(&state.store, &checked, &who, now).await?;
            "added"
        }
    };
    Ok(Redirect::to(&format!("/hotline/register?notice={n}#contacts")).into_response())
}

/// `POST /hotline/register/contacts`.
pub async fn contact_create(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    contact_save(state, b, v, origin, None, form).await
}

/// `POST /hotline/register/contacts/{id}`.
pub async fn contact_update(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    contact_save(state, b, v, origin, Some(id), form).await
}

/// `POST /hotline/register/contacts/{id}/retire` (`action=retire` or `restore`).
pub async fn contact_retire(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let retire = match form.get("action") {
        "retire" => true,
        "restore" => false,
        _ => return Err(PageError::BadRequest),
    };
    let who = audit_of(&state, &v, &origin, "destination_contact");
    checks::set_contact_retired(&state.store, id, retire, &who, state.clock.now()).await?;
    let n = if retire { "retired" } else { "restored" };
    Ok(Redirect::to(&format!("/hotline/register?notice={n}#contacts")).into_response())
}
