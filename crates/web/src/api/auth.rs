//! `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`.

use super::Json;
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::ApiError;
use crate::session::{self, PasswordOutcome, SignInError};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mayak_domain::access;
use mayak_domain::{FieldError, FieldErrors, token};
use mayak_store::{auth as store_auth, orgs};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Credentials of an API client that uses a session.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Login.
    #[schema(example = "analyst")]
    pub login: String,
    /// Password.
    pub password: String,
    /// The current code of the authenticator app (or a recovery code); required for roles
    /// that must use a second factor.
    pub totp: Option<String>,
}

/// A signed-in session.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// The caller.
    pub user: Me,
    /// Send this as `X-CSRF-Token` with every state-changing request made with the session cookie.
    pub csrf_token: String,
}

/// The caller: user, organisation, roles and permissions.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// User id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Name.
    pub display_name: String,
    /// Organisation.
    pub organisation: MeOrganisation,
    /// Role codes.
    #[schema(example = json!(["analyst"]))]
    pub roles: Vec<String>,
    /// Permission codes the roles grant.
    #[schema(example = json!(["directory.read", "reference.read"]))]
    pub permissions: Vec<String>,
    /// How the caller is authenticated: `session` or `token`.
    pub authenticated_by: String,
}

/// The caller's organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeOrganisation {
    /// Id.
    pub id: i64,
    /// Short identifier.
    pub slug: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in Belarusian.
    pub name_be: String,
    /// Name in English.
    pub name_en: String,
    /// Organisation type code.
    pub org_type: String,
}

async fn me_of(state: &AppState, v: &Viewer) -> Result<Me, ApiError> {
    let o = orgs::get_organisation(&state.store, v.organisation_id).await?;
    Ok(Me {
        id: v.user_id,
        login: v.login.clone(),
        display_name: v.display_name.clone(),
        organisation: MeOrganisation {
            id: o.id,
            slug: o.slug,
            name_ru: o.name_ru,
            name_be: o.name_be,
            name_en: o.name_en,
            org_type: o.org_type,
        },
        roles: v.roles.iter().map(|r| r.code().to_owned()).collect(),
        permissions: access::permissions_of(&v.roles)
            .iter()
            .map(|p| p.code().to_owned())
            .collect(),
        authenticated_by: match v.credential {
            auth::Credential::Session { .. } => "session".to_owned(),
            auth::Credential::Token => "token".to_owned(),
        },
    })
}

/// `GET /api/v1/me`
#[utoipa::path(get, path = "/api/v1/me", tag = "identity",
    responses(
        (status = 200, description = "The caller", body = Me),
        (status = 401, description = "Not signed in", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn me(State(state): State<AppState>, v: Viewer) -> Result<axum::Json<Me>, ApiError> {
    Ok(axum::Json(me_of(&state, &v).await?))
}

/// `POST /api/v1/auth/login`
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "identity", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = LoginResponse),
        (status = 401, description = "Wrong login, password or code (one answer for all)", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "The account must enrol a second factor in the web interface first", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing fields", body = super::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures; see Retry-After", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(
    State(state): State<AppState>,
    origin: Origin,
    headers: HeaderMap,
    Json(req): Json<LoginRequest>,
) -> Result<Response, ApiError> {
    let mut e = FieldErrors::default();
    if req.login.trim().is_empty() {
        e.push(FieldError::required("login"));
    }
    if req.password.is_empty() {
        e.push(FieldError::required("password"));
    }
    if !e.is_empty() {
        return Err(ApiError::Validation(e));
    }
    let account = match session::check_password(&state, &req.login, &req.password, &origin).await {
        Ok(PasswordOutcome::Done(a)) => a,
        Ok(PasswordOutcome::NeedsCode(a)) => {
            let code = req.totp.as_deref().unwrap_or_default();
            match session::check_code(&state, &a, code, &origin).await {
                Ok(_) => a,
                Err(err) => return Err(sign_in_error(err)),
            }
        }
        Ok(PasswordOutcome::NeedsEnrolment(_)) => return Err(ApiError::MfaEnrolmentRequired),
        Err(err) => return Err(sign_in_error(err)),
    };
    if let Some(old) = auth::cookie_value(&headers, auth::session_cookie_name(&state)) {
        store_auth::delete_session(&state.store, &token::digest(old)).await?;
    }
    let (secret, s) = session::new_session(&state, account.user.id, true, &origin);
    store_auth::insert_session(&state.store, &s).await?;
    session::audit_success(&state, &account, "api", &origin).await;
    let v = Viewer {
        user_id: account.user.id,
        login: account.user.login.clone(),
        display_name: account.user.display_name.clone(),
        organisation_id: account.user.organisation_id,
        roles: account.user.roles.clone(),
        credential: auth::Credential::Session {
            token_hash: s.token_hash.clone(),
            csrf: s.csrf_token.clone(),
        },
        mfa_done: true,
    };
    let body = LoginResponse {
        user: me_of(&state, &v).await?,
        csrf_token: s.csrf_token,
    };
    let mut res = (StatusCode::OK, axum::Json(body)).into_response();
    if let Ok(c) = HeaderValue::from_str(&auth::cookie(
        &state,
        auth::session_cookie_name(&state),
        &secret,
        None,
    )) {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}

fn sign_in_error(e: SignInError) -> ApiError {
    match e {
        SignInError::Invalid => ApiError::InvalidCredentials,
        SignInError::Locked(secs) => ApiError::TooManyRequests(secs),
        SignInError::Store(e) => e.into(),
    }
}

/// `POST /api/v1/auth/logout`
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "identity",
    responses((status = 204, description = "The session ended (a bearer token is unaffected)")),
    security(("session" = [])))]
pub async fn logout(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
) -> Result<Response, ApiError> {
    session::sign_out(&state, &v, &origin).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    if let Ok(c) = HeaderValue::from_str(&auth::cookie(
        &state,
        auth::session_cookie_name(&state),
        "",
        Some(0),
    )) {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}
