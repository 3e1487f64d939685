//! Posted HTML forms as name/value pairs (checkbox groups repeat a name), and the per-field
//! errors a form page shows beside its fields.

use crate::i18n::Tr;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use mayak_domain::FieldErrors;

/// An `application/x-www-form-urlencoded` body.
#[derive(Debug, Clone, Default)]
pub struct FormPairs(pub Vec<(String, String)>);

impl FormPairs {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// True when a checkbox `name` was ticked.
    pub fn checked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && !v.is_empty())
    }
}

impl<S: Send + Sync> FromRequest<S> for FormPairs {
    type Rejection = crate::error::PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|_| crate::error::PageError::BadRequest)?;
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .map(FormPairs)
            .map_err(|_| crate::error::PageError::BadRequest)
    }
}

/// Field errors rendered for a page: the message for each field, in the page's language.
#[derive(Debug, Clone, Default)]
pub struct Errors(pub Vec<(String, String)>);

impl Errors {
    /// Translates domain field errors.
    pub fn from(tr: &Tr, e: &FieldErrors) -> Self {
        Self(
            e.0.iter()
                .map(|f| (f.field.clone(), crate::middleware::field_message(tr, f)))
                .collect(),
        )
    }

    /// The message for `field`, if it has one.
    pub fn of(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Parses a form date (`YYYY-MM-DD`, as date inputs send it); an empty value is `None`, or a
/// `required` error when the field must be filled; a malformed one is a `date_format` error.
pub fn parse_date(
    field: &str,
    raw: &str,
    errors: &mut mayak_domain::FieldErrors,
    required: bool,
) -> Option<time::Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        if required {
            errors.push(mayak_domain::FieldError::required(field));
        }
        return None;
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(raw, &format) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(mayak_domain::FieldError::new(field, "date_format"));
            None
        }
    }
}
