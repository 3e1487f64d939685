//! Middleware every request passes: language negotiation and late rendering of errors,
//! security headers, metrics and logging.

use crate::AppState;
use crate::error::{ApiError, PageError, PendingProblem};
use crate::i18n::Tr;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use mayak_domain::Lang;
use std::time::Instant;

/// Name of the cookie that remembers the chosen language (not personal data).
pub const LANG_COOKIE: &str = "mayak_lang";

/// The language chosen for a request, and whether it was chosen just now with `?lang=`.
#[derive(Debug, Clone, Copy)]
pub struct RequestLang {
    /// The language.
    pub lang: Lang,
    /// True when `?lang=` set it in this request.
    pub switched: bool,
}

fn query_lang(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::parse)
}

fn cookie_value<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

/// Chooses the language (`?lang=`, then the cookie, then `Accept-Language`, then Russian),
/// and renders pending errors in it.
pub async fn language(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let from_query = query_lang(req.uri().query());
    let lang = from_query
        .or_else(|| cookie_value(req.headers(), LANG_COOKIE).and_then(Lang::parse))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default();
    let chosen = RequestLang {
        lang,
        switched: from_query.is_some(),
    };
    req.extensions_mut().insert(chosen);
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;

    let tr = Tr::new(lang, state.catalogs.clone());
    if let Some(PendingProblem(problem)) = res.extensions_mut().remove::<PendingProblem>() {
        res = render_problem(&tr, &problem, res);
    } else if let Some(page) = res.extensions_mut().remove::<PageError>() {
        res = crate::pages::error_page(&state, &tr, &path, page, res);
    }
    if from_query.is_some() {
        let secure = if state.config.is_https() {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
            lang.code()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// Renders a problem document (RFC 9457) in the request's language, keeping status and headers.
fn render_problem(tr: &Tr, problem: &ApiError, res: Response) -> Response {
    let (mut parts, _) = res.into_parts();
    let slug = problem.slug();
    let mut body = serde_json::json!({
        "type": format!("urn:mayak:problem:{slug}"),
        "title": tr.t(&format!("problem-{slug}")),
        "status": problem.status().as_u16(),
    });
    let detail = match problem {
        ApiError::MalformedJson(d) | ApiError::InvalidJson(d) | ApiError::InvalidQuery(d) => {
            Some(format!("{} {d}", tr.t(&format!("problem-{slug}-detail"))))
        }
        ApiError::Conflict(_) => Some(tr.t("problem-conflict-detail")),
        ApiError::Validation(errors) => {
            let list: Vec<serde_json::Value> = errors
                .0
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "field": e.field,
                        "code": e.code,
                        "message": field_message(tr, e),
                    })
                })
                .collect();
            body["errors"] = serde_json::Value::Array(list);
            Some(tr.tn("problem-validation-detail", "count", errors.0.len()))
        }
        ApiError::TooManyRequests(secs) => {
            Some(tr.tn("problem-too-many-requests-detail", "seconds", *secs))
        }
        _ => Some(tr.t(&format!("problem-{slug}-detail"))),
    };
    if let Some(d) = detail {
        body["detail"] = serde_json::Value::String(d);
    }
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body.to_string()))
}

/// A field error as a sentence in the request's language.
pub fn field_message(tr: &Tr, e: &mayak_domain::FieldError) -> String {
    let args: Vec<(&str, &str)> = e.params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tr.ts(&format!("field-{}", e.code.replace('_', "-")), &args)
}

/// Security headers on every response; `no-store` on everything but static assets, since
/// pages and API answers may carry personal data.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_static = req.uri().path().starts_with("/static/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
             base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    if state.config.is_https() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if !is_static {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Records metrics and logs the request by its route template, never its concrete path or
/// query, which may carry identifying data.
pub async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let res = next.run(req).await;
    let elapsed = start.elapsed();
    let status = res.status().as_u16();
    state
        .metrics
        .record(method_label(&method), &route, status, elapsed.as_secs_f64());
    tracing::info!(method = %method, route = %route, status, ms = elapsed.as_millis() as u64, "request");
    res
}

fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}
