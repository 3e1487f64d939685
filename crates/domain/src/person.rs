//! A person's identifying data: what is sealed in the vault and never stored in the clear.

use crate::account::parse_text;
use crate::validate::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};
use time::Date;

/// An identity document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Document type code (reference list `document_type`).
    pub doc_type: String,
    /// Its number as written.
    pub number: String,
    /// Issuing country (ISO alpha-2), if known.
    pub country: Option<String>,
}

/// Everything that identifies a person. Every field is optional but a name: people often
/// arrive without papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Identity {
    /// Family name.
    pub family_name: String,
    /// Given names.
    pub given_names: String,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// Date of birth.
    pub birth_date: Option<Date>,
    /// Citizenships (ISO alpha-2); empty for stateless persons.
    pub citizenships: Vec<String>,
    /// Identity documents.
    pub documents: Vec<Document>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Addresses.
    pub addresses: Vec<String>,
    /// Languages spoken (reference list `language`).
    pub languages: Vec<String>,
    /// Free-text notes about the person.
    pub notes: Option<String>,
}

impl Identity {
    /// The full name as people read it.
    pub fn full_name(&self) -> String {
        [
            Some(self.family_name.as_str()),
            Some(self.given_names.as_str()),
            self.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// Checks names and lengths; codes are checked by the caller against the reference lists.
    pub fn validate(&self, today: Date) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        e.check(parse_text("family_name", &self.family_name, 200));
        e.check(parse_text("given_names", &self.given_names, 200));
        if let Some(p) = &self.patronymic
            && !p.is_empty()
        {
            e.check(parse_text("patronymic", p, 200));
        }
        if let Some(b) = self.birth_date
            && (b > today || b.year() < 1900)
        {
            e.push(FieldError::new("birth_date", "date_out_of_range"));
        }
        for (i, d) in self.documents.iter().enumerate() {
            if d.number.trim().is_empty() || d.number.chars().count() > 64 {
                e.push(FieldError::new(
                    format!("documents[{i}].number"),
                    "required",
                ));
            }
        }
        for (i, p) in self.phones.iter().enumerate() {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            if !(5..=15).contains(&digits) {
                e.push(FieldError::new(format!("phones[{i}]"), "phone_format"));
            }
        }
        for (i, m) in self.emails.iter().enumerate() {
            if !m.contains('@') || m.len() > 254 {
                e.push(FieldError::new(format!("emails[{i}]"), "email_format"));
            }
        }
        if let Some(n) = &self.notes
            && n.chars().count() > 20_000
        {
            e.push(FieldError::too_long("notes", 20_000));
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_validated() {
        let today = time::macros::date!(2026 - 03 - 02);
        let mut id = Identity {
            family_name: "Иванова".into(),
            given_names: "Анна".into(),
            ..Default::default()
        };
        assert!(id.validate(today).is_ok());
        id.birth_date = Some(time::macros::date!(2030 - 01 - 01));
        id.phones = vec!["12".into()];
        let e = id.validate(today).err().unwrap_or_default();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["birth_date", "phones[0]"]);
        assert_eq!(
            Identity {
                family_name: "A".into(),
                given_names: "B".into(),
                patronymic: Some("C".into()),
                ..Default::default()
            }
            .full_name(),
            "A B C"
        );
    }
}
