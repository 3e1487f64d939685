//! The JSON API under `/api/v1`. Handlers are declared with utoipa so the OpenAPI document is
//! generated from the same code that serves the requests and cannot drift from it.

mod auth;
pub mod cases;
mod exports;
mod groups;
pub mod hotline;
mod hotline_checks;
mod organisations;
mod prevention;
mod publication;
mod reference;
mod referrals;
mod rehab;
mod users;

use crate::AppState;
use crate::error::ApiError;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The OpenAPI document's fixed parts.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mayak API",
        description = "JSON API of Mayak, the counter-trafficking response system. Field names are \
                       snake_case; enumerations use the standards' codes (HTCDS, CTDC, ISO 3166). \
                       Errors are RFC 9457 problem documents (application/problem+json).",
        license(name = "AGPL-3.0-or-later")
    ),
    tags(
        (name = "identity", description = "Signing in, the caller, users"),
        (name = "cases", description = "Case management: cases, consents, services"),
        (name = "reference", description = "Reference lists with stable codes and labels in three languages"),
        (name = "partnership", description = "Organisations, regional multidisciplinary groups, and referrals of the National Referral Mechanism"),
        (name = "rehabilitation", description = "The rehabilitation centre: centres, shifts, admissions, discharges, plans, statistics"),
        (name = "hotline", description = "The safe-travel hotline: consultations, statistics, public online requests"),
        (name = "statistics", description = "Statistics releases: the privacy budget ledger, releases prepared by one analyst and approved by another, the public list of approved releases"),
        (name = "prevention", description = "Information campaigns and their reach, trainings with participants and tests, public self-check quizzes"),
        (name = "exports", description = "Standard exports, de-identified and audited: HTCDS case data of the cases in the caller's scope, the national CTDC submission")
    ),
    components(schemas(Problem, ProblemFieldError)),
    modifiers(&SecuritySchemes)
)]
pub struct ApiDoc;

/// Declares the two ways to authenticate: a bearer token, or the session cookie (with
/// `X-CSRF-Token` on state-changing requests).
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A token from `mayak admin issue-token`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("__Host-mayak_session"))),
        );
    }
}

/// The API routes with their OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(
            prevention::list_campaigns,
            prevention::create_campaign
        ))
        .routes(routes!(prevention::get_campaign))
        .routes(routes!(prevention::add_material))
        .routes(routes!(prevention::add_reach))
        .routes(routes!(
            prevention::list_trainings,
            prevention::create_training
        ))
        .routes(routes!(prevention::get_training))
        .routes(routes!(prevention::add_participants))
        .routes(routes!(prevention::list_quizzes))
        .routes(routes!(prevention::get_quiz))
        .routes(routes!(prevention::answer_quiz))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(users::list))
        .routes(routes!(cases::list, cases::create))
        .routes(routes!(cases::get, cases::patch))
        .routes(routes!(cases::add_consent))
        .routes(routes!(cases::add_service))
        .routes(routes!(reference::lists))
        .routes(routes!(reference::entries, reference::add))
        .routes(routes!(reference::retire))
        .routes(routes!(reference::restore))
        .routes(routes!(organisations::list))
        .routes(routes!(organisations::get))
        .routes(routes!(organisations::referrals))
        .routes(routes!(organisations::groups))
        .routes(routes!(groups::get))
        .routes(routes!(groups::summary))
        .routes(routes!(groups::create_meeting))
        .routes(routes!(groups::add_action))
        .routes(routes!(groups::action_done))
        .routes(routes!(groups::add_member))
        .routes(routes!(groups::edit_member, groups::remove_member))
        .routes(routes!(groups::hand_chair))
        .routes(routes!(referrals::send))
        .routes(routes!(referrals::suggestions))
        .routes(routes!(referrals::list))
        .routes(routes!(referrals::get))
        .routes(routes!(referrals::accept))
        .routes(routes!(referrals::decline))
        .routes(routes!(referrals::start))
        .routes(routes!(referrals::complete))
        .routes(routes!(referrals::cancel))
        .routes(routes!(rehab::centres))
        .routes(routes!(rehab::shifts, rehab::create_shift))
        .routes(routes!(rehab::shift))
        .routes(routes!(rehab::admit))
        .routes(routes!(rehab::discharge))
        .routes(routes!(rehab::plan, rehab::add_plan_item))
        .routes(routes!(rehab::stats))
        .routes(routes!(hotline::list, hotline::create))
        .routes(routes!(hotline::statistics))
        .routes(routes!(hotline::challenge))
        .routes(routes!(hotline::submit))
        .routes(routes!(hotline::ticket))
        .routes(routes!(publication::budget))
        .routes(routes!(publication::set_budget))
        .routes(routes!(publication::list, publication::create))
        .routes(routes!(publication::get))
        .routes(routes!(publication::decide))
        .routes(routes!(publication::public))
        .routes(routes!(
            hotline_checks::agencies,
            hotline_checks::create_agency
        ))
        .routes(routes!(hotline_checks::update_agency))
        .routes(routes!(
            hotline_checks::contacts,
            hotline_checks::create_contact
        ))
        .routes(routes!(hotline_checks::update_contact))
        .routes(routes!(hotline_checks::offer_indicators))
        .routes(routes!(hotline_checks::offer_assessment))
        .routes(routes!(exports::htcds))
        .routes(routes!(exports::ctdc))
}

/// An RFC 9457 problem document, as every API error is answered.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// Stable problem type, `urn:mayak:problem:<slug>`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short summary in the request's language.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// Explanation and what to do, in the request's language.
    pub detail: Option<String>,
    /// Per-field errors of a validation problem.
    pub errors: Option<Vec<ProblemFieldError>>,
}

/// One field's error in a validation problem.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ProblemFieldError {
    /// Field name.
    pub field: String,
    /// Stable rule code, e.g. `required`, `too_long`.
    pub code: String,
    /// The rule as a sentence in the request's language.
    pub message: String,
}

/// A JSON body whose rejections become problem documents.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let axum::Json(v) = axum::Json::<T>::from_request(req, state).await?;
        Ok(Json(v))
    }
}

/// A query string whose rejections become problem documents. The `lang` parameter, which the
/// language middleware reads on every route, is not part of any endpoint's own parameters.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let own: Vec<&str> = parts
            .uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang="))
            .collect();
        serde_urlencoded::from_str(&own.join("&"))
            .map(Query)
            .map_err(|e| ApiError::InvalidQuery(e.to_string()))
    }
}

/// A path parameter whose rejections become problem documents.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(_) => Err(ApiError::NotFound),
        }
    }
}
