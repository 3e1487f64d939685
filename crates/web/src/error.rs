//! Errors as people and programs see them. API errors are RFC 9457 problem documents; page
//! errors are HTML pages. Both are rendered late, by the language middleware, so that the text
//! is in the language of the request. Internal details are logged, never shown.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use mayak_domain::FieldErrors;
use mayak_store::StoreError;

/// An API failure, rendered as `application/problem+json`.
#[derive(Debug, Clone)]
pub enum ApiError {
    /// One or more fields broke validation rules.
    Validation(FieldErrors),
    /// The body is not well-formed JSON.
    MalformedJson(String),
    /// The JSON is well-formed but has the wrong shape: wrong types, unknown or missing fields.
    InvalidJson(String),
    /// The query string could not be understood.
    InvalidQuery(String),
    /// The request is not JSON.
    UnsupportedMediaType,
    /// The body is too large.
    PayloadTooLarge,
    /// No such resource, or one outside the caller's scope.
    NotFound,
    /// The method is not allowed on this resource.
    MethodNotAllowed,
    /// The caller is not signed in.
    Unauthorized,
    /// Wrong login, password or code (one answer for all, so logins cannot be discovered).
    InvalidCredentials,
    /// The account must enrol a second factor in the web interface first.
    MfaEnrolmentRequired,
    /// The caller may not do this.
    Forbidden,
    /// The request conflicts with the current state.
    Conflict(String),
    /// Too many attempts; retry after this many seconds.
    TooManyRequests(u64),
    /// The database is unavailable.
    Unavailable,
    /// The database's disk is full.
    StorageFull,
    /// A defect; details are in the log.
    Internal,
}

impl ApiError {
    /// HTTP status of the problem.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::InvalidJson(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::MalformedJson(_) | ApiError::InvalidQuery(_) => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unauthorized | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::MfaEnrolmentRequired => StatusCode::FORBIDDEN,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable slug of the problem type; the `type` member is `urn:mayak:problem:<slug>` and the
    /// title's catalog key is `problem-<slug>`.
    pub fn slug(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "validation",
            ApiError::MalformedJson(_) => "malformed-json",
            ApiError::InvalidJson(_) => "invalid-json",
            ApiError::InvalidQuery(_) => "invalid-query",
            ApiError::UnsupportedMediaType => "unsupported-media-type",
            ApiError::PayloadTooLarge => "payload-too-large",
            ApiError::NotFound => "not-found",
            ApiError::MethodNotAllowed => "method-not-allowed",
            ApiError::Unauthorized => "unauthorized",
            ApiError::InvalidCredentials => "invalid-credentials",
            ApiError::MfaEnrolmentRequired => "mfa-enrolment-required",
            ApiError::Forbidden => "forbidden",
            ApiError::Conflict(_) => "conflict",
            ApiError::TooManyRequests(_) => "too-many-requests",
            ApiError::Unavailable => "unavailable",
            ApiError::StorageFull => "storage-full",
            ApiError::Internal => "internal",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        if let ApiError::TooManyRequests(secs) = &self
            && let Ok(v) = header::HeaderValue::from_str(&secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res.extensions_mut().insert(PendingProblem(self));
        res
    }
}

/// A problem waiting to be rendered in the request's language.
#[derive(Debug, Clone)]
pub struct PendingProblem(pub ApiError);

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::JsonDataError(e) => ApiError::InvalidJson(e.body_text()),
            JsonRejection::JsonSyntaxError(e) => ApiError::MalformedJson(e.body_text()),
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge
            }
            other => ApiError::MalformedJson(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        ApiError::InvalidQuery(r.body_text())
    }
}

impl From<FieldErrors> for ApiError {
    fn from(e: FieldErrors) -> Self {
        ApiError::Validation(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict(msg) => ApiError::Conflict(msg),
            StoreError::Unavailable(msg) => {
                tracing::warn!(error = %msg, "database unavailable");
                ApiError::Unavailable
            }
            StoreError::StorageFull => {
                tracing::error!("the database's disk is full");
                ApiError::StorageFull
            }
            other => {
                tracing::error!(error = %other, "store failure");
                ApiError::Internal
            }
        }
    }
}

/// A page failure, rendered as an HTML page in the request's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageError {
    /// Malformed request.
    BadRequest,
    /// Not signed in.
    Unauthorized,
    /// Not allowed.
    Forbidden,
    /// No such page or record (or one outside the caller's scope).
    NotFound,
    /// Method not allowed.
    MethodNotAllowed,
    /// Too many attempts.
    TooManyRequests,
    /// Database unavailable.
    Unavailable,
    /// The database's disk is full.
    StorageFull,
    /// A defect.
    Internal,
}

impl PageError {
    /// HTTP status of the page.
    pub fn status(self) -> StatusCode {
        match self {
            PageError::BadRequest => StatusCode::BAD_REQUEST,
            PageError::Unauthorized => StatusCode::UNAUTHORIZED,
            PageError::Forbidden => StatusCode::FORBIDDEN,
            PageError::NotFound => StatusCode::NOT_FOUND,
            PageError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            PageError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            PageError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            PageError::StorageFull => StatusCode::INSUFFICIENT_STORAGE,
            PageError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Catalog key prefix of the page's title and explanation.
    pub fn key(self) -> &'static str {
        match self {
            PageError::BadRequest => "error-page-bad-request",
            PageError::Unauthorized => "error-page-unauthorized",
            PageError::Forbidden => "error-page-forbidden",
            PageError::NotFound => "error-page-not-found",
            PageError::MethodNotAllowed => "error-page-method",
            PageError::TooManyRequests => "error-page-too-many",
            PageError::Unavailable => "error-page-unavailable",
            PageError::StorageFull => "error-page-storage-full",
            PageError::Internal => "error-page-internal",
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut res = self.status().into_response();
        res.extensions_mut().insert(self);
        res
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => PageError::NotFound,
            StoreError::Unavailable(msg) => {
                tracing::warn!(error = %msg, "database unavailable");
                PageError::Unavailable
            }
            StoreError::StorageFull => {
                tracing::error!("the database's disk is full");
                PageError::StorageFull
            }
            other => {
                tracing::error!(error = %other, "store failure");
                PageError::Internal
            }
        }
    }
}

impl From<askama::Error> for PageError {
    fn from(e: askama::Error) -> Self {
        tracing::error!(error = %e, "template failure");
        PageError::Internal
    }
}

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Answer for unknown paths: a problem document under `/api`, a page elsewhere.
pub async fn fallback(uri: axum::http::Uri) -> Response {
    if is_api(uri.path()) {
        ApiError::NotFound.into_response()
    } else {
        PageError::NotFound.into_response()
    }
}

/// Answer for a known path with the wrong method.
pub async fn method_not_allowed(uri: axum::http::Uri) -> Response {
    if is_api(uri.path()) {
        ApiError::MethodNotAllowed.into_response()
    } else {
        PageError::MethodNotAllowed.into_response()
    }
}

/// A handler panicked: a defect. Logged without the request; the client gets a plain 500.
pub fn panic_response(_err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    PageError::Internal.into_response()
}
