//! Who is calling, and whether they may. `authenticate` resolves the caller from a session
//! cookie or a bearer token; `enforce` checks the route's guard from [`crate::routes::ROUTES`]
//! before any handler runs, checks CSRF tokens on state-changing requests, and records denials.

use crate::AppState;
use crate::error::{ApiError, PageError};
use crate::routes;
use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::access::{self, Guard, Permission};
use mayak_domain::{Role, token};
use mayak_store::audit::AuditEvent;
use mayak_store::auth as store_auth;
use std::net::SocketAddr;
use time::Duration;

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A browser session; state-changing requests must echo its CSRF token.
    Session {
        /// Digest of the cookie value.
        token_hash: String,
        /// The synchroniser token.
        csrf: String,
    },
    /// An API bearer token (no cookies, so no CSRF).
    Token,
}

/// A signed-in caller.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// User id.
    pub user_id: i64,
    /// Login.
    pub login: String,
    /// Name.
    pub display_name: String,
    /// Organisation id.
    pub organisation_id: i64,
    /// Roles.
    pub roles: Vec<Role>,
    /// How they signed in.
    pub credential: Credential,
    /// The second factor was given, or is not required.
    pub mfa_done: bool,
}

impl Viewer {
    /// Whether the viewer's roles grant `p`.
    pub fn can(&self, p: Permission) -> bool {
        access::allows(&self.roles, p)
    }

    /// The CSRF token forms must carry.
    pub fn csrf(&self) -> &str {
        match &self.credential {
            Credential::Session { csrf, .. } => csrf,
            Credential::Token => "",
        }
    }

    /// Roles as stored in the audit trail.
    pub fn role_codes(&self) -> String {
        self.roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The caller of a request: signed in completely, half-way (password given, second factor
/// pending), or anonymous.
#[derive(Debug, Clone, Default)]
pub struct Caller(pub Option<Viewer>);

impl Caller {
    /// A viewer who completed sign-in.
    pub fn signed_in(&self) -> Option<&Viewer> {
        self.0.as_ref().filter(|v| v.mfa_done)
    }
}

/// Where a request came from, for throttling and the audit trail.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// Client address.
    pub address: Option<String>,
    /// Client user agent (truncated).
    pub user_agent: Option<String>,
}

/// Names of the cookies, with the `__Host-` prefix unless plain HTTP was explicitly allowed.
pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.config.insecure_cookies {
        "mayak_session"
    } else {
        "__Host-mayak_session"
    }
}

/// Name of the pre-session cookie that protects the login form.
pub fn login_cookie_name(state: &AppState) -> &'static str {
    if state.config.insecure_cookies {
        "mayak_login"
    } else {
        "__Host-mayak_login"
    }
}

/// A `Set-Cookie` value for a session-scoped, HttpOnly cookie.
pub fn cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> String {
    let secure = if state.config.insecure_cookies {
        ""
    } else {
        "; Secure"
    };
    let age = max_age
        .map(|a| format!("; Max-Age={a}"))
        .unwrap_or_default();
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{secure}{age}")
}

/// Reads a cookie.
pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

fn origin_of(req: &Request, state: &AppState) -> Origin {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let forwarded = if state.config.behind_proxy {
        req.headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    } else {
        None
    };
    let user_agent = req
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.chars().take(200).collect());
    Origin {
        address: forwarded.or(peer),
        user_agent,
    }
}

/// Resolves the caller. A bearer token that is invalid is refused outright (401); a stale
/// or unknown session cookie simply means "anonymous".
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let origin = origin_of(&req, &state);
    req.extensions_mut().insert(origin);
    let now = state.clock.now();
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    let caller = if let Some(secret) = bearer {
        match store_auth::token_user(&state.store, &token::digest(&secret), now).await {
            Ok(Some(user_id)) => match viewer(&state, user_id, Credential::Token, true).await {
                Ok(v) => Caller(Some(v)),
                Err(e) => return e.into_response(),
            },
            Ok(None) => return unauthorized_api(),
            Err(e) => return ApiError::from(e).into_response(),
        }
    } else if let Some(value) = cookie_value(req.headers(), session_cookie_name(&state)) {
        let hash = token::digest(value);
        match store_auth::live_session(&state.store, &hash, now, state.config.session_idle).await {
            Ok(Some(s)) => {
                // Touch at most every minute (or quarter of the idle time) to spare writes.
                let every = std::cmp::min(Duration::minutes(1), state.config.session_idle / 4);
                if s.last_seen_at + every <= now
                    && let Err(e) = store_auth::touch_session(&state.store, &hash, now).await
                {
                    tracing::warn!(error = %e, "cannot record session activity");
                }
                let cred = Credential::Session {
                    token_hash: hash,
                    csrf: s.csrf_token,
                };
                match viewer(&state, s.user_id, cred, s.mfa_done).await {
                    Ok(v) => Caller(Some(v)),
                    Err(e) => return e.into_response(),
                }
            }
            Ok(None) => Caller(None),
            Err(e) => return PageError::from(e).into_response(),
        }
    } else {
        Caller(None)
    };
    req.extensions_mut().insert(caller.clone());
    let mut res = next.run(req).await;
    // Error pages are rendered later, outside this layer; they need the caller for the header.
    res.extensions_mut().insert(caller);
    res
}

async fn viewer(
    state: &AppState,
    user_id: i64,
    credential: Credential,
    mfa_done: bool,
) -> Result<Viewer, ApiError> {
    let a = store_auth::account(&state.store, user_id).await?;
    Ok(Viewer {
        user_id,
        login: a.user.login,
        display_name: a.user.display_name,
        organisation_id: a.user.organisation_id,
        roles: a.user.roles,
        credential,
        mfa_done,
    })
}

fn unauthorized_api() -> Response {
    let mut res = ApiError::Unauthorized.into_response();
    res.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    res
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn is_safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Checks the route's guard before the handler runs. A route missing from the policy table is
/// refused (deny by default). State-changing requests on a browser session must carry the
/// session's CSRF token (form field `_csrf` or header `X-CSRF-Token`) and must not come from
/// another site.
pub async fn enforce(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    let method = req.method().clone();
    let api = is_api(req.uri().path());
    let Some(guard) = routes::guard(method.as_str(), &path) else {
        tracing::error!(method = %method, route = %path, "route has no access rule: refused");
        return if api {
            ApiError::Forbidden.into_response()
        } else {
            PageError::Forbidden.into_response()
        };
    };
    let caller = req
        .extensions()
        .get::<Caller>()
        .cloned()
        .unwrap_or_default();
    let origin = req
        .extensions()
        .get::<Origin>()
        .cloned()
        .unwrap_or_default();

    if !is_safe(&method) && cross_site(req.headers()) {
        deny(
            &state,
            caller.signed_in(),
            &origin,
            &path,
            "csrf.cross_site",
        )
        .await;
        return if api {
            ApiError::Forbidden.into_response()
        } else {
            PageError::Forbidden.into_response()
        };
    }
    let viewer = match guard {
        Guard::Public => None,
        Guard::SignedIn | Guard::Needs(_) => match (&caller.0, caller.signed_in()) {
            (_, Some(v)) => Some(v.clone()),
            (Some(_pending), None) if !api => {
                // The second-factor page sends those who have not enrolled yet to enrolment.
                return Redirect::to(&format!(
                    "/login/second-factor?next={}",
                    next_param(req.uri())
                ))
                .into_response();
            }
            _ if api => return unauthorized_api(),
            _ => {
                return Redirect::to(&format!("/login?next={}", next_param(req.uri())))
                    .into_response();
            }
        },
    };
    if let (Guard::Needs(p), Some(v)) = (guard, &viewer)
        && !v.can(p)
    {
        deny(&state, Some(v), &origin, &path, "access.denied").await;
        return if api {
            ApiError::Forbidden.into_response()
        } else {
            PageError::Forbidden.into_response()
        };
    }
    // CSRF: every state-changing request made with a session cookie.
    if !is_safe(&method)
        && let Some(Viewer {
            credential: Credential::Session { csrf, .. },
            ..
        }) = caller.0.as_ref()
    {
        // Uploads (multipart) are not buffered here: their token travels in the query string
        // (`?_csrf=`), which is never logged and never leaves as a referrer.
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if multipart {
            let sent = req
                .headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
                .or_else(|| {
                    req.uri().query().and_then(|q| {
                        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                            .ok()?
                            .into_iter()
                            .find(|(k, _)| k == "_csrf")
                            .map(|(_, v)| v)
                    })
                });
            if !sent.is_some_and(|s| token::same(&s, csrf)) {
                deny(&state, caller.0.as_ref(), &origin, &path, "csrf.rejected").await;
                return if api {
                    ApiError::Forbidden.into_response()
                } else {
                    PageError::Forbidden.into_response()
                };
            }
            return next.run(req).await;
        }
        let (parts, body) = req.into_parts();
        let bytes = match axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await {
            Ok(b) => b,
            Err(_) => {
                return if api {
                    ApiError::PayloadTooLarge.into_response()
                } else {
                    PageError::BadRequest.into_response()
                };
            }
        };
        let sent = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| form_field(&parts.headers, &bytes, "_csrf"));
        if !sent.is_some_and(|s| token::same(&s, csrf)) {
            deny(&state, caller.0.as_ref(), &origin, &path, "csrf.rejected").await;
            return if api {
                ApiError::Forbidden.into_response()
            } else {
                PageError::Forbidden.into_response()
            };
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        return next.run(req).await;
    }
    next.run(req).await
}

/// True when the browser says the request was started by another site.
fn cross_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
}

/// A field of an urlencoded form body.
pub fn form_field(headers: &HeaderMap, body: &[u8], name: &str) -> Option<String> {
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return None;
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The path to come back to after signing in: local paths only (no open redirect).
fn next_param(uri: &axum::http::Uri) -> String {
    let target = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut out = String::new();
    for b in target.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Accepts a `next` target only if it is a local path.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.starts_with("/login") =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Records a denial in the audit trail.
pub async fn deny(
    state: &AppState,
    viewer: Option<&Viewer>,
    origin: &Origin,
    route: &str,
    action: &str,
) {
    let e = AuditEvent {
        user_id: viewer.map(|v| v.user_id),
        login: viewer.map(|v| v.login.clone()),
        organisation_id: viewer.map(|v| v.organisation_id),
        roles: viewer.map(Viewer::role_codes).unwrap_or_default(),
        action: action.to_owned(),
        record_type: Some("route".to_owned()),
        record_id: Some(route.to_owned()),
        outcome: "denied".to_owned(),
        ..Default::default()
    };
    audit(state, e, origin).await;
}

/// Appends an audit event with the request's origin and this instance; a failure to record is
/// logged loudly (the audit issue makes it fatal for the request).
pub async fn audit(state: &AppState, mut e: AuditEvent, origin: &Origin) {
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    if let Err(err) = mayak_store::audit::record(&state.store, &e, state.clock.now()).await {
        tracing::error!(error = %err, action = %e.action, "cannot record audit event");
    }
}

/// The audit event of an act by `v`.
pub fn event(v: &Viewer, action: &str, record_type: &str, record_id: impl ToString) -> AuditEvent {
    AuditEvent {
        user_id: Some(v.user_id),
        login: Some(v.login.clone()),
        organisation_id: Some(v.organisation_id),
        roles: v.role_codes(),
        action: action.to_owned(),
        record_type: Some(record_type.to_owned()),
        record_id: Some(record_id.to_string()),
        outcome: "ok".to_owned(),
        ..Default::default()
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Caller>().and_then(Caller::signed_in) {
            Some(v) => Ok(v.clone()),
            None if is_api(parts.uri.path()) => Err(unauthorized_api()),
            None => Err(StatusCode::UNAUTHORIZED.into_response()),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Caller>()
            .cloned()
            .unwrap_or_default())
    }
}

impl FromRequestParts<AppState> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Origin>()
            .cloned()
            .unwrap_or_default())
    }
}
