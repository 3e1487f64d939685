//! Signing in (password, then the second factor or its enrolment), signing out, and the
//! user's own account page.

use super::{Base, render};
use crate::AppState;
use crate::auth::{self, Caller, Origin, Viewer};
use crate::error::PageError;
use crate::session::{self, PasswordOutcome, SignInError};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::token;
use mayak_domain::totp::{self, TotpSecret};
use mayak_store::auth as store_auth;
use mayak_store::orgs;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    b: Base,
    login: String,
    next: String,
    form_token: String,
    error: Option<String>,
}

/// `?next=` after signing in.
#[derive(Debug, Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

fn with_cookie(mut res: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

/// The login form's double-submit token: the cookie's value, created when missing.
fn form_token(state: &AppState, headers: &HeaderMap) -> (String, Option<String>) {
    match auth::cookie_value(headers, auth::login_cookie_name(state)) {
        Some(v) if v.len() >= 32 => (v.to_owned(), None),
        _ => {
            let t = token::generate(state.rng.as_ref(), "");
            let c = auth::cookie(state, auth::login_cookie_name(state), &t, None);
            (t, Some(c))
        }
    }
}

/// `GET /login`.
pub async fn form(
    State(state): State<AppState>,
    b: Base,
    caller: Caller,
    headers: HeaderMap,
    q: super::PageQuery<NextQuery>,
) -> Result<Response, PageError> {
    if caller.signed_in().is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    let next = auth::safe_next(q.0.next.as_deref());
    let (form_token, set) = form_token(&state, &headers);
    let res = render(&LoginPage {
        b,
        login: String::new(),
        next,
        form_token,
        error: None,
    })?;
    Ok(match set {
        Some(c) => with_cookie(res, &c),
        None => res,
    })
}

/// The login form as posted.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(rename = "_login", default)]
    form_token: String,
}

/// `POST /login`.
pub async fn submit(
    State(state): State<AppState>,
    b: Base,
    origin: Origin,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(f) = form.map_err(|_| PageError::BadRequest)?;
    let next = auth::safe_next(f.next.as_deref());
    let expected =
        auth::cookie_value(&headers, auth::login_cookie_name(&state)).unwrap_or_default();
    if expected.is_empty() || !token::same(expected, &f.form_token) {
        // The form is stale (opened in another browser, or the cookie was cleared): show it again.
        let (form_token, set) = form_token(&state, &headers);
        let error = Some(b.t("login-error-expired"));
        let res = render(&LoginPage {
            b,
            login: f.login,
            next,
            form_token,
            error,
        })?;
        return Ok(match set {
            Some(c) => with_cookie(res, &c),
            None => res,
        });
    }
    let outcome = session::check_password(&state, &f.login, &f.password, &origin).await;
    let (account, mfa_done, target) = match outcome {
        Ok(PasswordOutcome::Done(a)) => (a, true, next.clone()),
        Ok(PasswordOutcome::NeedsCode(a)) => (
            a,
            false,
            format!("/login/second-factor?next={}", urlencode(&next)),
        ),
        Ok(PasswordOutcome::NeedsEnrolment(a)) => {
            (a, false, format!("/login/enrol?next={}", urlencode(&next)))
        }
        Err(SignInError::Store(e)) => return Err(e.into()),
        Err(err) => {
            let (status, retry, error) = match err {
                SignInError::Locked(secs) => (
                    StatusCode::TOO_MANY_REQUESTS,
                    Some(secs),
                    b.tr.tn("login-error-locked", "minutes", secs.div_ceil(60)),
                ),
                _ => (StatusCode::UNAUTHORIZED, None, b.t("login-error-invalid")),
            };
            let mut res = render(&LoginPage {
                b,
                login: f.login,
                next,
                form_token: f.form_token,
                error: Some(error),
            })?;
            *res.status_mut() = status;
            if let Some(secs) = retry
                && let Ok(v) = HeaderValue::from_str(&secs.to_string())
            {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Ok(res);
        }
    };
    // A new session at every sign-in: an identifier planted before sign-in is worthless.
    if let Some(old) = auth::cookie_value(&headers, auth::session_cookie_name(&state)) {
        store_auth::delete_session(&state.store, &token::digest(old)).await?;
    }
    let (secret, s) = session::new_session(&state, account.user.id, mfa_done, &origin);
    store_auth::insert_session(&state.store, &s).await?;
    if mfa_done {
        session::audit_success(&state, &account, "password", &origin).await;
    }
    let cookie = auth::cookie(&state, auth::session_cookie_name(&state), &secret, None);
    Ok(with_cookie(Redirect::to(&target).into_response(), &cookie))
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The half-signed-in caller: password given, second factor not yet.
fn pending(caller: &Caller) -> Option<&Viewer> {
    caller.0.as_ref().filter(|v| !v.mfa_done)
}

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    b: Base,
    csrf: String,
    next: String,
    error: Option<String>,
}

/// `GET /login/second-factor`.
pub async fn second_factor_form(
    State(state): State<AppState>,
    b: Base,
    caller: Caller,
    q: super::PageQuery<NextQuery>,
) -> Result<Response, PageError> {
    let Some(v) = pending(&caller) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let next = auth::safe_next(q.0.next.as_deref());
    // Someone who has not set up an authenticator yet has no code to give: enrolment first.
    if store_auth::account(&state.store, v.user_id)
        .await?
        .totp_enrolled_at
        .is_none()
    {
        return Ok(
            Redirect::to(&format!("/login/enrol?next={}", urlencode(&next))).into_response(),
        );
    }
    render(&SecondFactorPage {
        b,
        csrf: v.csrf().to_owned(),
        next,
        error: None,
    })
}

/// The code form as posted.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    code: String,
    #[serde(default)]
    next: Option<String>,
}

/// Replaces the pending session by a complete one and sends the user on.
async fn complete(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    next: &str,
) -> Result<Response, PageError> {
    let (secret, s) = session::new_session(state, v.user_id, true, origin);
    let old = match &v.credential {
        auth::Credential::Session { token_hash, .. } => token_hash.clone(),
        auth::Credential::Token => String::new(),
    };
    store_auth::rotate_session(&state.store, &old, &s).await?;
    let cookie = auth::cookie(state, auth::session_cookie_name(state), &secret, None);
    Ok(with_cookie(Redirect::to(next).into_response(), &cookie))
}

/// `POST /login/second-factor`.
pub async fn second_factor_submit(
    State(state): State<AppState>,
    b: Base,
    caller: Caller,
    origin: Origin,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Some(v) = pending(&caller) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let Form(f) = form.map_err(|_| PageError::BadRequest)?;
    let next = auth::safe_next(f.next.as_deref());
    let account = store_auth::account(&state.store, v.user_id).await?;
    match session::check_code(&state, &account, &f.code, &origin).await {
        Ok(method) => {
            session::audit_success(&state, &account, method, &origin).await;
            complete(&state, v, &origin, &next).await
        }
        Err(SignInError::Store(e)) => Err(e.into()),
        Err(err) => {
            let (status, error) = match err {
                SignInError::Locked(secs) => (
                    StatusCode::TOO_MANY_REQUESTS,
                    b.tr.tn("login-error-locked", "minutes", secs.div_ceil(60)),
                ),
                _ => (StatusCode::UNAUTHORIZED, b.t("login-error-code")),
            };
            let mut res = render(&SecondFactorPage {
                b,
                csrf: v.csrf().to_owned(),
                next,
                error: Some(error),
            })?;
            *res.status_mut() = status;
            Ok(res)
        }
    }
}

#[derive(Template)]
#[template(path = "enrol.html")]
struct EnrolPage {
    b: Base,
    csrf: String,
    next: String,
    secret: String,
    qr_svg: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "recovery_codes.html")]
struct RecoveryCodesPage {
    b: Base,
    codes: Vec<String>,
    next: String,
}

/// The pending secret of an account that is enrolling, created on first visit.
async fn pending_secret(state: &AppState, user_id: i64) -> Result<Option<TotpSecret>, PageError> {
    let account = store_auth::account(&state.store, user_id).await?;
    if account.totp_enrolled_at.is_some() {
        return Ok(None);
    }
    Ok(Some(match account.totp_secret {
        Some(s) => TotpSecret::from_bytes(s),
        None => {
            let s = TotpSecret::generate(state.rng.as_ref());
            store_auth::set_pending_totp(&state.store, user_id, s.as_bytes()).await?;
            s
        }
    }))
}

fn enrol_page(
    b: Base,
    v: &Viewer,
    secret: &TotpSecret,
    next: String,
    error: Option<String>,
) -> Result<Response, PageError> {
    let uri = secret.uri(&b.t("app-name-latin"), &v.login);
    render(&EnrolPage {
        csrf: v.csrf().to_owned(),
        next,
        secret: group(&secret.base32()),
        qr_svg: qr_svg(&uri),
        error,
        b,
    })
}

/// Base32 in groups of four, as people copy it.
fn group(s: &str) -> String {
    s.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A QR code as an SVG element (drawn on the server: no script, no external service).
fn qr_svg(text: &str) -> String {
    use qrcodegen::{QrCode, QrCodeEcc};
    let Ok(qr) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        return String::new();
    };
    let size = qr.size();
    let border = 4;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let dim = size + border * 2;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" width=\"220\" height=\"220\" \
         role=\"img\" aria-labelledby=\"qr-title\"><title id=\"qr-title\">QR</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    )
}

/// `GET /login/enrol`.
pub async fn enrol_form(
    State(state): State<AppState>,
    b: Base,
    caller: Caller,
    q: super::PageQuery<NextQuery>,
) -> Result<Response, PageError> {
    let Some(v) = pending(&caller) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let next = auth::safe_next(q.0.next.as_deref());
    match pending_secret(&state, v.user_id).await? {
        Some(secret) => enrol_page(b, v, &secret, next, None),
        None => Ok(Redirect::to("/login/second-factor").into_response()),
    }
}

/// `POST /login/enrol`: confirms the authenticator with one code, then shows the recovery codes.
pub async fn enrol_submit(
    State(state): State<AppState>,
    b: Base,
    caller: Caller,
    origin: Origin,
    form: Result<Form<CodeForm>, FormRejection>,
) -> Result<Response, PageError> {
    let Some(v) = pending(&caller) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let Form(f) = form.map_err(|_| PageError::BadRequest)?;
    let next = auth::safe_next(f.next.as_deref());
    let Some(secret) = pending_secret(&state, v.user_id).await? else {
        return Ok(Redirect::to("/login/second-factor").into_response());
    };
    let now = state.clock.now();
    let Some(step) = secret.verify(&f.code, now.unix_timestamp(), None) else {
        let error = Some(b.t("login-error-code"));
        let mut res = enrol_page(b, v, &secret, next, error)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let codes = totp::recovery_codes(state.rng.as_ref());
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| token::digest(&totp::normalise_recovery_code(c)))
        .collect();
    store_auth::confirm_totp(&state.store, v.user_id, step, &hashes, now).await?;
    auth::audit(
        &state,
        auth::event(v, "mfa.enrol", "user", v.user_id),
        &origin,
    )
    .await;
    let account = store_auth::account(&state.store, v.user_id).await?;
    session::audit_success(&state, &account, "totp_enrolment", &origin).await;
    // The session becomes complete now; the page lists the codes once, then the user goes on.
    let redirect = complete(&state, v, &origin, &next).await?;
    let cookie = redirect.headers().get(header::SET_COOKIE).cloned();
    let mut res = render(&RecoveryCodesPage { b, codes, next })?;
    if let Some(c) = cookie {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    Ok(res)
}

/// `POST /logout`.
pub async fn logout(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
) -> Result<Response, PageError> {
    session::sign_out(&state, &v, &origin).await?;
    let clear = auth::cookie(&state, auth::session_cookie_name(&state), "", Some(0));
    Ok(with_cookie(Redirect::to("/").into_response(), &clear))
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    b: Base,
    organisation: String,
    roles: Vec<&'static str>,
    enrolled: bool,
    codes_left: i64,
    errors: crate::forms::Errors,
    notice: Option<String>,
}

async fn account_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    errors: crate::forms::Errors,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let org = orgs::get_organisation(&state.store, v.organisation_id).await?;
    let a = store_auth::account(&state.store, v.user_id).await?;
    let codes_left = store_auth::recovery_codes_left(&state.store, v.user_id).await?;
    render(&AccountPage {
        organisation: org.name(b.lang()).to_owned(),
        roles: v.roles.iter().map(|r| r.code()).collect(),
        enrolled: a.totp_enrolled_at.is_some(),
        codes_left,
        errors,
        notice,
        b,
    })
}

/// `GET /account`.
pub async fn account(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
) -> Result<Response, PageError> {
    account_page(&state, b, &v, crate::forms::Errors::default(), None).await
}

/// `POST /account/password`: the user changes their own password (the current one is asked
/// again); their other sessions end.
pub async fn change_password(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: crate::forms::FormPairs,
) -> Result<Response, PageError> {
    let mut errors = mayak_domain::FieldErrors::default();
    let account = store_auth::account(&state.store, v.user_id).await?;
    let current = form.get("current_password").to_owned();
    let hash = account.password_hash.clone().unwrap_or_default();
    let ok = tokio::task::spawn_blocking(move || mayak_domain::password::verify(&current, &hash))
        .await
        .unwrap_or(false);
    if !ok {
        errors.push(mayak_domain::FieldError::new(
            "current_password",
            "wrong_password",
        ));
    }
    let new = form.get("new_password");
    errors.check(mayak_domain::password::check_policy(
        "new_password",
        new,
        &v.login,
    ));
    if new != form.get("confirm_password") {
        errors.push(mayak_domain::FieldError::new(
            "confirm_password",
            "passwords_differ",
        ));
    }
    if !errors.is_empty() {
        let errs = crate::forms::Errors::from(&b.tr, &errors);
        let mut res = account_page(&state, b, &v, errs, None).await?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let hash =
        mayak_domain::password::hash(new, state.rng.as_ref()).map_err(|_| PageError::Internal)?;
    mayak_store::orgs::set_password_hash(&state.store, &v.login, &hash).await?;
    // Other sessions of this user end; this one continues.
    let keep = match &v.credential {
        auth::Credential::Session { token_hash, .. } => Some(token_hash.clone()),
        auth::Credential::Token => None,
    };
    for s in store_auth::list_sessions(&state.store, state.clock.now()).await? {
        if s.user_id == v.user_id && Some(&s.token_hash) != keep.as_ref() {
            store_auth::delete_session(&state.store, &s.token_hash).await?;
        }
    }
    let mut ev = auth::event(&v, "user.change_password", "user", v.user_id);
    ev.fields = Some("password".into());
    auth::audit(&state, ev, &origin).await;
    let notice = Some(b.t("notice-password-changed"));
    account_page(&state, b, &v, crate::forms::Errors::default(), notice).await
}
