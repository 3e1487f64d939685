//! The hotline's checks through the API: the licence register (search with a verdict; add
//! and edit for its keepers), the contacts per destination country, and the job-offer
//! checklist with its advisory assessment. The rules are the pages' (`pages::hotline_checks`).

use super::{Json, Path, Query};
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::ApiError;
use crate::pages::hotline::{offset, who};
use crate::pages::hotline_checks::{check_agency, check_contact};
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::hotline_checks::{self as rules, AgencyInput, ContactInput, OfferAssessment};
use mayak_domain::{FieldError, FieldErrors};
use mayak_store::StoreError;
use mayak_store::audit::AuditEvent;
use mayak_store::hotline_checks::{self as checks, Agency, Contact};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

/// A register entry with today's verdict.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyDto {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Licence number as printed.
    pub licence_number: String,
    /// First day of the licence (YYYY-MM-DD).
    #[schema(value_type = String, example = "2025-01-15")]
    pub valid_from: Date,
    /// Last day of the licence; absent when indefinite.
    #[schema(value_type = Option<String>)]
    pub valid_until: Option<Date>,
    /// Status recorded by the authority: valid, suspended, revoked.
    #[schema(example = "valid")]
    pub status: String,
    /// City of the agency's office.
    pub city: String,
    /// Destination countries served (ISO alpha-2).
    pub countries: Vec<String>,
    /// Today's verdict: licensed, not_yet_valid, expired, suspended, revoked.
    #[schema(example = "licensed")]
    pub verdict: String,
    /// Retired from the register kept in Mayak.
    pub retired: bool,
}

fn agency_dto(a: Agency, today: Date) -> AgencyDto {
    AgencyDto {
        verdict: a.verdict(today).code().to_owned(),
        id: a.id,
        name: a.name,
        licence_number: a.licence_number,
        valid_from: a.valid_from,
        valid_until: a.valid_until,
        status: a.status.code().to_owned(),
        city: a.city,
        countries: a.countries,
        retired: a.retired,
    }
}

/// What the register answers about a name or licence number.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceCheckDto {
    /// The answer to `q`: licensed, not_yet_valid, expired, suspended, revoked,
    /// not_in_register (the best match's verdict); absent when the whole register is listed.
    #[schema(example = "not_in_register")]
    pub verdict: Option<String>,
    /// Active entries matching, exact licence numbers first (at most 20); without `q`, every
    /// active entry.
    pub matches: Vec<AgencyDto>,
    /// When the register kept in Mayak last changed (RFC 3339); absent when it is empty.
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>)]
    pub register_updated_at: Option<OffsetDateTime>,
}

/// `?q=` of the licence check.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AgencyParams {
    /// A name (or part of it) or a licence number, 2–100 characters; absent to list the
    /// register.
    pub q: Option<String>,
}

fn today(state: &AppState) -> Date {
    state.clock.now().to_offset(offset(state)).date()
}

/// `GET /api/v1/hotline/agencies`
#[utoipa::path(get, path = "/api/v1/hotline/agencies", tag = "hotline", params(AgencyParams),
    responses(
        (status = 200, description = "The register's answer with the matching entries", body = LicenceCheckDto),
        (status = 422, description = "The query is empty or too long", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn agencies(
    State(state): State<AppState>,
    Query(p): Query<AgencyParams>,
) -> Result<axum::Json<LicenceCheckDto>, ApiError> {
    let day = today(&state);
    let Some(q) = p.q.as_deref().map(str::trim) else {
        return Ok(axum::Json(LicenceCheckDto {
            verdict: None,
            matches: checks::list_agencies(&state.store, false)
                .await?
                .into_iter()
                .map(|a| agency_dto(a, day))
                .collect(),
            register_updated_at: checks::register_updated_at(&state.store).await?,
        }));
    };
    if q.chars().count() > 100 {
        return Err(ApiError::Validation(FieldError::too_long("q", 100).into()));
    }
    if rules::normalise_licence(q).chars().count() < 2 {
        return Err(ApiError::Validation(
            FieldError::new("q", "too_short").with("min", "2").into(),
        ));
    }
    let a = checks::check_licence(&state.store, q, day).await?;
    Ok(axum::Json(LicenceCheckDto {
        verdict: Some(a.verdict.code().to_owned()),
        matches: a
            .matches
            .into_iter()
            .map(|(a, _)| agency_dto(a, day))
            .collect(),
        register_updated_at: a.register_updated_at,
    }))
}

/// An entry of the register to add or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "ООО «Пример»",
    "licence_number": "12345",
    "valid_from": "2025-01-15",
    "valid_until": "2030-01-14",
    "status": "valid",
    "city": "Минск",
    "countries": ["PL", "LT"]
}))]
pub struct AgencyRequest {
    /// Name (1–200 characters).
    pub name: String,
    /// Licence number as printed (unique in the register).
    pub licence_number: String,
    /// First day (YYYY-MM-DD).
    pub valid_from: String,
    /// Last day (YYYY-MM-DD); absent when indefinite.
    pub valid_until: Option<String>,
    /// valid, suspended or revoked.
    pub status: String,
    /// City.
    pub city: String,
    /// Destination countries (ISO alpha-2, at least one).
    pub countries: Vec<String>,
    /// Retire (true) or restore (false) the entry; only on replace.
    pub retired: Option<bool>,
}

fn api_date(field: &'static str, raw: &str, e: &mut FieldErrors) -> Option<Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(raw.trim(), &f) {
        Ok(d) => Some(d),
        Err(_) => {
            e.push(FieldError::new(field, "date_format"));
            None
        }
    }
}

async fn agency_checked(
    state: &AppState,
    r: &AgencyRequest,
) -> Result<rules::CheckedAgency, ApiError> {
    let mut e = FieldErrors::default();
    let valid_from = api_date("valid_from", &r.valid_from, &mut e);
    let valid_until = match r.valid_until.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => api_date("valid_until", raw, &mut e),
    };
    let input = AgencyInput {
        name: r.name.clone(),
        licence_number: r.licence_number.clone(),
        valid_from,
        valid_until,
        status: r.status.clone(),
        city: r.city.clone(),
        countries: r.countries.clone(),
    };
    check_agency(state, &input, e)
        .await?
        .map_err(ApiError::Validation)
}

fn audit_of(state: &AppState, v: &Viewer, origin: &Origin, record_type: &str) -> AuditEvent {
    let mut e = who(state, v, origin);
    e.record_type = Some(record_type.to_owned());
    e
}

fn licence_taken(e: StoreError) -> ApiError {
    match e {
        StoreError::Conflict(_) => {
            ApiError::Validation(FieldError::new("licence_number", "taken").into())
        }
        e => e.into(),
    }
}

/// `POST /api/v1/hotline/agencies`
#[utoipa::path(post, path = "/api/v1/hotline/agencies", tag = "hotline", request_body = AgencyRequest,
    responses(
        (status = 201, description = "The entry was added (and audited)", body = AgencyDto),
        (status = 422, description = "Invalid fields, each named; a licence number already in the register", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn create_agency(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(r): Json<AgencyRequest>,
) -> Result<(StatusCode, axum::Json<AgencyDto>), ApiError> {
    if r.retired.is_some() {
        return Err(ApiError::Validation(
            FieldError::new("retired", "unknown_code").into(),
        ));
    }
    let a = agency_checked(&state, &r).await?;
    let who = audit_of(&state, &v, &origin, "recruitment_agency");
    let id = checks::create_agency(&state.store, &a, &who, state.clock.now())
        .await
        .map_err(licence_taken)?;
    let a = checks::get_agency(&state.store, id).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(agency_dto(a, today(&state))),
    ))
}

/// `PUT /api/v1/hotline/agencies/{id}`
#[utoipa::path(put, path = "/api/v1/hotline/agencies/{id}", tag = "hotline", request_body = AgencyRequest,
    params(("id" = i64, Path, description = "Entry id")),
    responses(
        (status = 200, description = "The entry was replaced (changed fields audited)", body = AgencyDto),
        (status = 404, description = "No such entry", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn update_agency(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<AgencyRequest>,
) -> Result<axum::Json<AgencyDto>, ApiError> {
    let old = checks::get_agency(&state.store, id).await?;
    let a = agency_checked(&state, &r).await?;
    let who = audit_of(&state, &v, &origin, "recruitment_agency");
    let now = state.clock.now();
    checks::update_agency(&state.store, id, &a, &who, now)
        .await
        .map_err(licence_taken)?;
    if let Some(retired) = r.retired
        && retired != old.retired
    {
        checks::set_agency_retired(&state.store, id, retired, &who, now).await?;
    }
    let a = checks::get_agency(&state.store, id).await?;
    Ok(axum::Json(agency_dto(a, today(&state))))
}

/// A contact in a destination country.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactDto {
    /// Id.
    pub id: i64,
    /// Country (ISO alpha-2).
    pub country: String,
    /// embassy, consulate, ngo or hotline.
    #[schema(example = "embassy")]
    pub kind: String,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// Address.
    pub address: String,
    /// Phones.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Web site.
    pub website: String,
    /// Opening hours.
    pub hours: String,
    /// Notes for consultants.
    pub notes: String,
    /// Retired.
    pub retired: bool,
}

impl From<Contact> for ContactDto {
    fn from(c: Contact) -> Self {
        Self {
            id: c.id,
            country: c.country,
            kind: c.kind.code().to_owned(),
            name: c.name,
            city: c.city,
            address: c.address,
            phone: c.phone,
            email: c.email,
            website: c.website,
            hours: c.hours,
            notes: c.notes,
            retired: c.retired,
        }
    }
}

/// `?country=` of the contacts.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ContactParams {
    /// Destination country (ISO alpha-2); absent for every country.
    pub country: Option<String>,
}

/// `GET /api/v1/hotline/contacts`
#[utoipa::path(get, path = "/api/v1/hotline/contacts", tag = "hotline", params(ContactParams),
    responses((status = 200, description = "Active contacts, embassies first", body = Vec<ContactDto>)),
    security(("bearer" = []), ("session" = [])))]
pub async fn contacts(
    State(state): State<AppState>,
    Query(p): Query<ContactParams>,
) -> Result<axum::Json<Vec<ContactDto>>, ApiError> {
    let country = p
        .country
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty());
    Ok(axum::Json(
        checks::list_contacts(&state.store, country.as_deref(), false)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// A contact to add or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    /// Country (ISO alpha-2).
    pub country: String,
    /// embassy, consulate, ngo or hotline.
    pub kind: String,
    /// Name.
    pub name: String,
    /// City.
    #[serde(default)]
    pub city: String,
    /// Address.
    #[serde(default)]
    pub address: String,
    /// Phones.
    #[serde(default)]
    pub phone: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Web site (http or https).
    #[serde(default)]
    pub website: String,
    /// Opening hours.
    #[serde(default)]
    pub hours: String,
    /// Notes (up to 1000 characters).
    #[serde(default)]
    pub notes: String,
    /// Retire (true) or restore (false); only on replace.
    pub retired: Option<bool>,
}

impl ContactRequest {
    fn input(&self) -> ContactInput {
        ContactInput {
            country: self.country.clone(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            city: self.city.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            website: self.website.clone(),
            hours: self.hours.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// `POST /api/v1/hotline/contacts`
#[utoipa::path(post, path = "/api/v1/hotline/contacts", tag = "hotline", request_body = ContactRequest,
    responses(
        (status = 201, description = "The contact was added (and audited)", body = ContactDto),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn create_contact(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(r): Json<ContactRequest>,
) -> Result<(StatusCode, axum::Json<ContactDto>), ApiError> {
    if r.retired.is_some() {
        return Err(ApiError::Validation(
            FieldError::new("retired", "unknown_code").into(),
        ));
    }
    let c = check_contact(&state, &r.input())
        .await?
        .map_err(ApiError::Validation)?;
    let who = audit_of(&state, &v, &origin, "destination_contact");
    let id = checks::create_contact(&state.store, &c, &who, state.clock.now()).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(checks::get_contact(&state.store, id).await?.into()),
    ))
}

/// `PUT /api/v1/hotline/contacts/{id}`
#[utoipa::path(put, path = "/api/v1/hotline/contacts/{id}", tag = "hotline", request_body = ContactRequest,
    params(("id" = i64, Path, description = "Contact id")),
    responses(
        (status = 200, description = "The contact was replaced (changed fields audited)", body = ContactDto),
        (status = 404, description = "No such contact", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn update_contact(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(r): Json<ContactRequest>,
) -> Result<axum::Json<ContactDto>, ApiError> {
    let old = checks::get_contact(&state.store, id).await?;
    let c = check_contact(&state, &r.input())
        .await?
        .map_err(ApiError::Validation)?;
    let who = audit_of(&state, &v, &origin, "destination_contact");
    let now = state.clock.now();
    checks::update_contact(&state.store, id, &c, &who, now).await?;
    if let Some(retired) = r.retired
        && retired != old.retired
    {
        checks::set_contact_retired(&state.store, id, retired, &who, now).await?;
    }
    Ok(axum::Json(
        checks::get_contact(&state.store, id).await?.into(),
    ))
}

/// One sign of the job-offer checklist.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferIndicatorDto {
    /// Code, e.g. `JO-CR-M1`.
    pub code: String,
    /// The recruitment dimension of the ILO/EC indicators.
    #[schema(example = "coercive_recruitment")]
    pub dimension: String,
    /// strong, medium or weak (the ILO/EC indicator's weight).
    pub weight: String,
    /// The ILO/EC indicator it restates (adults, labour exploitation).
    #[schema(example = "AL-CR-M2")]
    pub ilo_indicator: String,
    /// What the consultant ticks, in Russian, Belarusian and English.
    pub label: Labels,
    /// What to tell the caller, in the three languages.
    pub advice: Labels,
}

/// A text in the three languages.
#[derive(Debug, Serialize, ToSchema)]
pub struct Labels {
    /// Russian.
    pub ru: String,
    /// Belarusian.
    pub be: String,
    /// English.
    pub en: String,
}

/// `GET /api/v1/hotline/offer-indicators`
#[utoipa::path(get, path = "/api/v1/hotline/offer-indicators", tag = "hotline",
    responses((status = 200, description = "The job-offer checklist", body = Vec<OfferIndicatorDto>)),
    security(("bearer" = []), ("session" = [])))]
pub async fn offer_indicators() -> axum::Json<Vec<OfferIndicatorDto>> {
    use mayak_domain::Lang;
    let three = |f: &dyn Fn(Lang) -> &'static str| Labels {
        ru: f(Lang::Ru).to_owned(),
        be: f(Lang::Be).to_owned(),
        en: f(Lang::En).to_owned(),
    };
    axum::Json(
        rules::offer_indicators()
            .iter()
            .map(|i| OfferIndicatorDto {
                code: i.code.to_owned(),
                dimension: i.dimension.code().to_owned(),
                weight: i.weight.code().to_owned(),
                ilo_indicator: i.ilo.to_owned(),
                label: three(&|l| i.label(l)),
                advice: three(&|l| i.advice(l)),
            })
            .collect(),
    )
}

/// The signs a caller described.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"indicators": ["JO-DR-S1", "JO-CR-M1"]}))]
pub struct OfferRequest {
    /// Checklist codes.
    pub indicators: Vec<String>,
}

/// The advisory assessment: `risk` is no_signs_described, elevated or high (never "safe"),
/// with its reasons as data.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferAssessmentDto {
    /// no_signs_described, elevated or high.
    pub risk: String,
    /// Reasons: `{"reason": "dimension_present", "dimension": …, "rule": …}`,
    /// `{"reason": "dimension_signs", "dimension": …, "count": n}`,
    /// `{"reason": "coercion_before_departure"}`, `{"reason": "nothing_ticked"}`.
    #[schema(value_type = Vec<Object>)]
    pub reasons: serde_json::Value,
    /// The signs counted, in checklist order.
    pub indicators: Vec<String>,
}

impl From<OfferAssessment> for OfferAssessmentDto {
    fn from(a: OfferAssessment) -> Self {
        Self {
            risk: a.risk.code().to_owned(),
            reasons: serde_json::to_value(&a.reasons).unwrap_or_default(),
            indicators: a.indicators.iter().map(|c| (*c).to_owned()).collect(),
        }
    }
}

/// `POST /api/v1/hotline/offer-assessment`
#[utoipa::path(post, path = "/api/v1/hotline/offer-assessment", tag = "hotline", request_body = OfferRequest,
    responses(
        (status = 200, description = "The advisory assessment", body = OfferAssessmentDto),
        (status = 422, description = "An unknown code", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn offer_assessment(
    Json(r): Json<OfferRequest>,
) -> Result<axum::Json<OfferAssessmentDto>, ApiError> {
    rules::assess_offer(&r.indicators)
        .map(|a| axum::Json(a.into()))
        .map_err(ApiError::Validation)
}
