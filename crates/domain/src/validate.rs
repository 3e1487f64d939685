//! Validation errors that name the field and the rule broken. The web layer turns the rule's
//! code into a sentence in the user's language; the domain never formats text for people.

use serde::Serialize;

/// One broken rule on one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the API and forms spell it.
    pub field: String,
    /// A stable rule code, e.g. `required`, `too_long`; also the message-catalog key suffix.
    pub code: &'static str,
    /// Values the message needs, e.g. `("max", "200")`.
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    /// A broken rule without parameters.
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        Self {
            field: field.into(),
            code,
            params: Vec::new(),
        }
    }

    /// The field must be given.
    pub fn required(field: impl Into<String>) -> Self {
        Self::new(field, "required")
    }

    /// The field is longer than `max` characters.
    pub fn too_long(field: impl Into<String>, max: usize) -> Self {
        Self::new(field, "too_long").with("max", max.to_string())
    }

    /// The value is not one of the allowed codes.
    pub fn unknown_code(field: impl Into<String>) -> Self {
        Self::new(field, "unknown_code")
    }

    /// Adds a parameter for the message.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

impl std::error::Error for FieldError {}

/// Every broken rule of one request, so a form can show them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Records an error.
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Keeps the value of a successful check, records the error of a failed one.
    pub fn check<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// True when nothing was wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The error recorded for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
}

impl From<FieldError> for FieldErrors {
    fn from(e: FieldError) -> Self {
        Self(vec![e])
    }
}

/// Checks an e-mail address a person typed: trimmed, at most 254 characters, one `@` with a
/// local part before it and a domain with a dot after it, and nothing an SMTP envelope or a
/// header could not carry (spaces, control characters, `<>(),;:"[]\`).
pub fn email_address(field: &str, raw: &str) -> Result<String, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(FieldError::required(field));
    }
    if v.chars().count() > 254 {
        return Err(FieldError::too_long(field, 254));
    }
    let bad = v
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\".contains(c));
    let well_formed = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        }
        None => false,
    };
    if bad || !well_formed {
        return Err(FieldError::new(field, "email_format"));
    }
    Ok(v.to_owned())
}

#[cfg(test)]
mod email_tests {
    use super::email_address;

    #[test]
    fn addresses_are_checked() {
        assert_eq!(
            email_address("email", "  anna@ngo.example.by ").ok(),
            Some("anna@ngo.example.by".to_owned())
        );
        for bad in [
            "anna",
            "anna@",
            "@ngo.by",
            "anna@ngo",
            "anna@@ngo.by",
            "an na@ngo.by",
            "anna@ngo.by\r\nBcc: x@y.z",
            "<anna@ngo.by>",
            "anna@.ngo.by",
            "anna@ngo..by",
        ] {
            assert_eq!(
                email_address("email", bad).err().map(|e| e.code),
                Some("email_format"),
                "{bad:?}"
            );
        }
        assert_eq!(
            email_address("email", " ").err().map(|e| e.code),
            Some("required")
        );
    }
}
