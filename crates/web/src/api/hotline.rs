//! The hotline API: consultations (log and list), statistics by year, and the public online
//! consultation (a challenge, a request, reading the answer by ticket). The rules are the
//! pages': `pages::hotline::check` validates a consultation for both.

use super::{Json, Query};
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::ApiError;
use crate::pages::hotline::{Received, check, offset, who};
use crate::pages::hotline_public::{self, Refusal};
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::FieldErrors;
use mayak_domain::hotline::ConsultationInput;
use mayak_store::hotline::{self, Consultation, ConsultationFilter, Count, Statistics};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

/// A consultation as the API shows it (the question and answer stay on its page).
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationDto {
    /// Id.
    pub id: i64,
    /// Channel (list `hotline_channel`).
    #[schema(example = "NationalLine")]
    pub channel: String,
    /// Start (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// Minutes.
    pub duration_minutes: Option<i32>,
    /// Topics (list `hotline_topic`).
    pub topics: Vec<String>,
    /// Destination country (ISO alpha-2).
    pub destination: Option<String>,
    /// Sex (HTCDS).
    pub sex: Option<String>,
    /// CTDC age band.
    pub age_band: Option<String>,
    /// Region (ISO 3166-2:BY).
    pub region: Option<String>,
    /// Who called (list `caller_type`).
    pub caller_type: Option<String>,
    /// Outcome (list `hotline_outcome`).
    pub outcome: String,
    /// Partner organisation referred to.
    pub referred_to_organisation_id: Option<i64>,
    /// The caller consented to be recognised on later calls.
    pub repeat_caller: bool,
    /// The case opened from it.
    pub case_id: Option<i64>,
    /// Job-offer warning signs ticked during the call (checklist codes).
    pub indicators: Vec<String>,
}

impl From<Consultation> for ConsultationDto {
    fn from(c: Consultation) -> Self {
        Self {
            id: c.id,
            channel: c.channel,
            started_at: c.started_at,
            duration_minutes: c.duration_minutes,
            topics: c.topics,
            destination: c.destination,
            sex: c.sex,
            age_band: c.age_band,
            region: c.region,
            caller_type: c.caller_type,
            outcome: c.outcome,
            referred_to_organisation_id: c.referred_to,
            repeat_caller: c.repeat_caller,
            case_id: c.case_id,
            indicators: c.indicators,
        }
    }
}

/// A consultation to log. Only `channel`, `topics`, `outcome` and `question` are required;
/// the caller's profile is optional and anonymous.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "channel": "NationalLine",
    "started_at": "2026-03-02T10:15:00+03:00",
    "duration_minutes": 7,
    "topics": ["EmploymentAbroad", "WorkContract"],
    "destination": "PL",
    "sex": "Female",
    "age_band": "24-26",
    "region": "BY-BR",
    "caller_type": "Self",
    "question": "A friend offers warehouse work in Poland; the contract is to be signed on arrival.",
    "answer": "Get the contract before leaving, in a language you read; checked the agency's licence.",
    "outcome": "InformationGiven"
}))]
pub struct NewConsultationRequest {
    /// Channel code (list `hotline_channel`).
    pub channel: String,
    /// Start, RFC 3339 (default now).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub started_at: Option<OffsetDateTime>,
    /// Minutes, 0–480.
    pub duration_minutes: Option<i32>,
    /// Topic codes (list `hotline_topic`), 1–8.
    pub topics: Vec<String>,
    /// Destination country (ISO alpha-2).
    pub destination: Option<String>,
    /// Sex (HTCDS code).
    pub sex: Option<String>,
    /// CTDC age band.
    pub age_band: Option<String>,
    /// Region code.
    pub region: Option<String>,
    /// Who called (list `caller_type`).
    pub caller_type: Option<String>,
    /// The question (1–4000 characters).
    pub question: String,
    /// The answer given (up to 4000 characters).
    #[serde(default)]
    pub answer: String,
    /// Outcome: InformationGiven, ReferredToPartner, PoliceInformed (EscalatedToCase is set
    /// by escalation).
    pub outcome: String,
    /// The partner organisation referred to (required with ReferredToPartner).
    pub referred_to_organisation_id: Option<i64>,
    /// The caller's phone or Viber id, only to link repeat calls; needs `repeat_consent`.
    /// Only a keyed hash is kept.
    pub caller_contact: Option<String>,
    /// The caller agreed to be recognised on later calls.
    #[serde(default)]
    pub repeat_consent: bool,
    /// Job-offer warning signs the caller described (codes of
    /// `GET /api/v1/hotline/offer-indicators`).
    #[serde(default)]
    pub indicators: Vec<String>,
}

/// `POST /api/v1/hotline/consultations`
#[utoipa::path(post, path = "/api/v1/hotline/consultations", tag = "hotline", request_body = NewConsultationRequest,
    responses(
        (status = 201, description = "The consultation was logged", body = ConsultationDto),
        (status = 422, description = "Invalid fields, each named", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(r): Json<NewConsultationRequest>,
) -> Result<(StatusCode, axum::Json<ConsultationDto>), ApiError> {
    let received = Received {
        input: ConsultationInput {
            channel: r.channel,
            started_at: Some(r.started_at.unwrap_or_else(|| state.clock.now())),
            duration_minutes: r.duration_minutes,
            topics: r.topics,
            outcome: r.outcome,
            referred_to: r.referred_to_organisation_id,
            question: r.question,
            answer: r.answer,
            caller_contact: r.caller_contact.unwrap_or_default(),
            repeat_consent: r.repeat_consent,
        },
        destination: r.destination.unwrap_or_default(),
        sex: r.sex.unwrap_or_default(),
        age_band: r.age_band.unwrap_or_default(),
        region: r.region.unwrap_or_default(),
        caller_type: r.caller_type.unwrap_or_default(),
        indicators: r.indicators,
    };
    let new = match check(&state, &v, &received, FieldErrors::default()).await? {
        Ok(n) => n,
        Err(mut e) => {
            for f in &mut e.0 {
                if f.field == "referred_to" {
                    f.field = "referred_to_organisation_id".to_owned();
                }
            }
            return Err(ApiError::Validation(e));
        }
    };
    let id = hotline::create(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        &new,
        offset(&state),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(hotline::get(&state.store, id).await?.into()),
    ))
}

/// Filters of the consultation list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// Channel code.
    pub channel: Option<String>,
    /// Topic code.
    pub topic: Option<String>,
    /// Outcome code.
    pub outcome: Option<String>,
    /// Destination country.
    pub destination: Option<String>,
    /// Started at or after (RFC 3339).
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[param(value_type = Option<String>)]
    pub from: Option<OffsetDateTime>,
    /// Started before (RFC 3339).
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[param(value_type = Option<String>)]
    pub to: Option<OffsetDateTime>,
    /// Only the caller's own consultations.
    pub mine: Option<bool>,
    /// Consultations with ids below this (the next page).
    pub before_id: Option<i64>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
}

/// `GET /api/v1/hotline/consultations`
#[utoipa::path(get, path = "/api/v1/hotline/consultations", tag = "hotline", params(ListParams),
    responses(
        (status = 200, description = "The consultations of the caller's organisation, newest first", body = Vec<ConsultationDto>),
        (status = 400, description = "A malformed query", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<ListParams>,
) -> Result<axum::Json<Vec<ConsultationDto>>, ApiError> {
    let f = ConsultationFilter {
        organisation_id: Some(v.organisation_id),
        consultant_id: p.mine.filter(|m| *m).map(|_| v.user_id),
        channel: p.channel,
        topic: p.topic,
        outcome: p.outcome,
        destination: p.destination,
        from: p.from,
        to: p.to,
        caller_hash: None,
        before_id: p.before_id,
        limit: p.limit.unwrap_or(50),
    };
    Ok(axum::Json(
        hotline::list(&state.store, &f)
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// `?year=` of the statistics.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct YearParams {
    /// The year (2000–2100); absent for every year.
    pub year: Option<i32>,
}

/// One code and its count (an empty code: not recorded).
#[derive(Debug, Serialize, ToSchema)]
pub struct CountDto {
    /// The code.
    pub code: String,
    /// Consultations.
    pub count: i64,
}

/// Hotline statistics.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "year": 2020, "total": 4213, "cumulative": 4213,
    "by_year": [{"code": "2020", "count": 4213}],
    "by_month": [{"code": "1", "count": 351}],
    "by_topic": [{"code": "PassportAndVisa", "count": 1301}],
    "by_channel": [{"code": "NationalLine", "count": 1853}],
    "by_sex": [{"code": "Female", "count": 2190}],
    "by_age_band": [{"code": "30-38", "count": 968}],
    "by_region": [{"code": "BY-BR", "count": 1210}],
    "by_destination": [{"code": "PL", "count": 906}],
    "by_caller_type": [{"code": "Self", "count": 3370}],
    "by_outcome": [{"code": "InformationGiven", "count": 3950}]
}))]
pub struct StatisticsDto {
    /// The year, or null for every year.
    pub year: Option<i32>,
    /// Consultations in the period.
    pub total: i64,
    /// Consultations since the first record to the end of the period (people consulted).
    pub cumulative: i64,
    /// Every year.
    pub by_year: Vec<CountDto>,
    /// Months 1–12 of the year.
    pub by_month: Vec<CountDto>,
    /// Topics (a consultation counts once per topic).
    pub by_topic: Vec<CountDto>,
    /// Channels.
    pub by_channel: Vec<CountDto>,
    /// Sex.
    pub by_sex: Vec<CountDto>,
    /// Age bands.
    pub by_age_band: Vec<CountDto>,
    /// Regions.
    pub by_region: Vec<CountDto>,
    /// Destination countries.
    pub by_destination: Vec<CountDto>,
    /// Who called.
    pub by_caller_type: Vec<CountDto>,
    /// Outcomes.
    pub by_outcome: Vec<CountDto>,
}

fn counts(v: Vec<Count>) -> Vec<CountDto> {
    v.into_iter()
        .map(|c| CountDto {
            code: c.code,
            count: c.count,
        })
        .collect()
}

impl From<Statistics> for StatisticsDto {
    fn from(s: Statistics) -> Self {
        Self {
            year: s.year,
            total: s.total,
            cumulative: s.cumulative,
            by_year: counts(s.by_year),
            by_month: counts(s.by_month),
            by_topic: counts(s.by_topic),
            by_channel: counts(s.by_channel),
            by_sex: counts(s.by_sex),
            by_age_band: counts(s.by_age_band),
            by_region: counts(s.by_region),
            by_destination: counts(s.by_destination),
            by_caller_type: counts(s.by_caller_type),
            by_outcome: counts(s.by_outcome),
        }
    }
}

/// `GET /api/v1/hotline/statistics?year=YYYY`
#[utoipa::path(get, path = "/api/v1/hotline/statistics", tag = "hotline", params(YearParams),
    responses(
        (status = 200, description = "Counts by year and month, topic, channel, sex, age band, region, destination, caller and outcome", body = StatisticsDto),
        (status = 422, description = "A year outside 2000–2100", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn statistics(
    State(state): State<AppState>,
    Query(p): Query<YearParams>,
) -> Result<axum::Json<StatisticsDto>, ApiError> {
    if let Some(y) = p.year
        && !(2000..=2100).contains(&y)
    {
        let mut e = FieldErrors::default();
        e.push(
            mayak_domain::FieldError::new("year", "number_range")
                .with("min", "2000")
                .with("max", "2100"),
        );
        return Err(ApiError::Validation(e));
    }
    Ok(axum::Json(
        hotline::statistics(&state.store, p.year).await?.into(),
    ))
}

/// A challenge for the public request: solve `SHA-256(challenge + ":" + nonce)` starting
/// with `difficulty` zero hex digits.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChallengeDto {
    /// The signed challenge (valid two hours).
    pub challenge: String,
    /// Leading zero hex digits required.
    pub difficulty: usize,
}

/// `GET /api/v1/public/consultation-challenge`
#[utoipa::path(get, path = "/api/v1/public/consultation-challenge", tag = "hotline",
    responses((status = 200, description = "A fresh challenge", body = ChallengeDto)))]
pub async fn challenge(State(state): State<AppState>) -> axum::Json<ChallengeDto> {
    axum::Json(ChallengeDto {
        challenge: hotline_public::challenge(&state),
        difficulty: state.config.hotline.pow_difficulty,
    })
}

/// An online consultation request from someone without an account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "question": "I am offered a nanny job in Italy and asked to pay for the visa in advance. Is that normal?",
    "topic": "EmploymentAbroad",
    "lang": "en",
    "challenge": "1772442000.5f1c0e3a9b7d2c4e6f8a0b1c.3e0c…",
    "nonce": "4711"
}))]
pub struct PublicRequest {
    /// The question (1–4000 characters). Do not include names or numbers.
    pub question: String,
    /// A topic code (list `hotline_topic`), optional.
    pub topic: Option<String>,
    /// Language to answer in: ru, be or en (default ru).
    pub lang: Option<String>,
    /// From `GET /api/v1/public/consultation-challenge`.
    pub challenge: String,
    /// The proof-of-work nonce (decimal digits).
    pub nonce: String,
    /// Must be empty (a field only robots fill).
    #[serde(default)]
    pub website: String,
}

/// The ticket that reads the answer; shown once, never stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketDto {
    /// The ticket code, e.g. `K7Q2-9XMV-3HPA-W8RT`.
    pub ticket: String,
    /// Outside working hours: the request waits for the next working day.
    pub after_hours: bool,
}

/// `POST /api/v1/public/consultation-requests`
#[utoipa::path(post, path = "/api/v1/public/consultation-requests", tag = "hotline", request_body = PublicRequest,
    responses(
        (status = 201, description = "The request waits in the queue; keep the ticket", body = TicketDto),
        (status = 422, description = "Invalid fields, a failed proof-of-work or a filled honeypot", body = super::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    origin: Origin,
    Json(r): Json<PublicRequest>,
) -> Result<(StatusCode, axum::Json<TicketDto>), ApiError> {
    let lang = match r.lang.as_deref() {
        None | Some("ru") => "ru",
        Some("be") => "be",
        Some("en") => "en",
        Some(_) => {
            let mut e = FieldErrors::default();
            e.push(mayak_domain::FieldError::unknown_code("lang"));
            return Err(ApiError::Validation(e));
        }
    };
    // The API has no "time on the form": it must solve the proof-of-work.
    let nonce = if r.nonce.trim().is_empty() {
        "x"
    } else {
        r.nonce.trim()
    };
    match hotline_public::accept(
        &state,
        &origin,
        lang,
        &r.website,
        &r.challenge,
        nonce,
        r.topic.as_deref().unwrap_or(""),
        &r.question,
    )
    .await
    {
        Ok(ticket) => Ok((
            StatusCode::CREATED,
            axum::Json(TicketDto {
                ticket,
                after_hours: !state.config.hotline.hours.is_open(state.clock.now()),
            }),
        )),
        Err(Refusal::Flood) => Err(ApiError::TooManyRequests(600)),
        Err(Refusal::Invalid(e)) => Err(ApiError::Validation(e)),
        Err(Refusal::Store(e)) => Err(e.into()),
    }
}

/// A ticket to read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"ticket": "K7Q2-9XMV-3HPA-W8RT"}))]
pub struct TicketRequest {
    /// The ticket code as given (case, spaces and dashes do not matter).
    pub ticket: String,
}

/// The request and its answer, for the ticket holder.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerDto {
    /// The question asked.
    pub question: String,
    /// The answer, once given.
    pub answer: Option<String>,
    /// Sent (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    /// Answered (RFC 3339).
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
}

/// `POST /api/v1/public/consultation-tickets`: the ticket travels in the body, never in a URL.
#[utoipa::path(post, path = "/api/v1/public/consultation-tickets", tag = "hotline", request_body = TicketRequest,
    responses(
        (status = 200, description = "The question and its answer", body = AnswerDto),
        (status = 404, description = "No request has this ticket", body = super::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many look-ups from this address", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn ticket(
    State(state): State<AppState>,
    origin: Origin,
    Json(r): Json<TicketRequest>,
) -> Result<axum::Json<AnswerDto>, ApiError> {
    match hotline_public::read_ticket(&state, &origin, &r.ticket).await {
        Ok(Some(v)) => Ok(axum::Json(AnswerDto {
            question: v.question,
            answer: v.answer,
            sent_at: v.created_at,
            answered_at: v.answered_at,
        })),
        Ok(None) | Err(Refusal::Invalid(_)) => Err(ApiError::NotFound),
        Err(Refusal::Flood) => Err(ApiError::TooManyRequests(600)),
        Err(Refusal::Store(e)) => Err(e.into()),
    }
}
