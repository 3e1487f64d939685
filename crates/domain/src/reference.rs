//! Reference lists: the controlled vocabularies of the standards (HTCDS, CTDC, ISO 3166) and of
//! Belarus practice. Each entry has a stable code, used in every export, and labels in the three
//! interface languages; the labels live in the database so administrators can add entries.

use crate::validate::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

macro_rules! list_kinds {
    ($($variant:ident => $code:literal, extensible: $ext:literal;)*) => {
        /// A reference list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum ListKind { $(#[doc = $code] $variant,)* }

        impl ListKind {
            /// Every list, in display order.
            pub const ALL: &'static [ListKind] = &[$(ListKind::$variant,)*];

            /// The list's stable name, as used in URLs, the database and exports.
            pub fn code(self) -> &'static str {
                match self { $(ListKind::$variant => $code,)* }
            }

            /// Whether administrators may add entries. Lists whose codes drive rules in the
            /// code (statuses, sex, age bands, shift kinds…) can be relabelled but not extended.
            pub fn extensible(self) -> bool {
                match self { $(ListKind::$variant => $ext,)* }
            }

            /// Parses a list name.
            pub fn parse(code: &str) -> Option<ListKind> {
                match code { $($code => Some(ListKind::$variant),)* _ => None }
            }
        }
    };
}

list_kinds! {
    Region => "region", extensible: false;
    Place => "place", extensible: true;
    Country => "country", extensible: false;
    Sex => "sex", extensible: false;
    AgeBand => "age_band", extensible: false;
    ExploitationType => "exploitation_type", extensible: false;
    LabourType => "labour_type", extensible: false;
    SexualExploitationType => "sexual_exploitation_type", extensible: false;
    Industry => "industry", extensible: false;
    MeansOfControl => "means_of_control", extensible: false;
    RecruitmentType => "recruitment_type", extensible: false;
    RecruitmentApp => "recruitment_app", extensible: true;
    RecruiterRelation => "recruiter_relation", extensible: false;
    FamilyRelation => "family_relation", extensible: true;
    OrganisationType => "organisation_type", extensible: true;
    ServiceType => "service_type", extensible: true;
    NeedType => "need_type", extensible: true;
    Consequence => "consequence", extensible: true;
    HotlineTopic => "hotline_topic", extensible: true;
    HotlineChannel => "hotline_channel", extensible: true;
    CallerType => "caller_type", extensible: true;
    HotlineOutcome => "hotline_outcome", extensible: false;
    CaseStatus => "case_status", extensible: false;
    NrmPhase => "nrm_phase", extensible: false;
    LegalStatus => "legal_status", extensible: false;
    ConsentPurpose => "consent_purpose", extensible: false;
    ConsentForm => "consent_form", extensible: true;
    RehabilitationKind => "rehabilitation_kind", extensible: false;
    ShiftKind => "shift_kind", extensible: false;
    DocumentType => "document_type", extensible: true;
    Language => "language", extensible: true;
    CampaignTheme => "campaign_theme", extensible: true;
    CampaignChannel => "campaign_channel", extensible: true;
    TargetGroup => "target_group", extensible: true;
}

/// A validated code of a reference entry: 1–64 characters of ASCII letters, digits and `-_+.`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReferenceCode(String);

impl ReferenceCode {
    /// Longest code accepted.
    pub const MAX_LEN: usize = 64;

    /// Parses a code, or says what is wrong with it.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let code = raw.trim();
        if code.is_empty() {
            return Err(FieldError::required("code"));
        }
        if code.len() > Self::MAX_LEN {
            return Err(FieldError::too_long("code", Self::MAX_LEN));
        }
        if !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '.'))
        {
            return Err(FieldError::new("code", "code_chars"));
        }
        Ok(Self(code.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReferenceCode {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ReferenceCode> for String {
    fn from(value: ReferenceCode) -> Self {
        value.0
    }
}

/// A new entry an administrator wants to add, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The list it belongs to.
    pub list: ListKind,
    /// Its stable code.
    pub code: ReferenceCode,
    /// Russian label.
    pub label_ru: String,
    /// Belarusian label.
    pub label_be: String,
    /// English label.
    pub label_en: String,
}

impl NewEntry {
    /// Longest label accepted.
    pub const MAX_LABEL: usize = 200;

    /// Validates an entry; every problem is reported at once, per field.
    pub fn parse(
        list: ListKind,
        code: &str,
        label_ru: &str,
        label_be: &str,
        label_en: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if !list.extensible() {
            errors.push(FieldError::new("list", "list_not_extensible"));
        }
        let code = errors.check(ReferenceCode::parse(code));
        let ru = errors.check(label("label_ru", label_ru));
        let be = errors.check(label("label_be", label_be));
        let en = errors.check(label("label_en", label_en));
        match (code, ru, be, en) {
            (Some(code), Some(label_ru), Some(label_be), Some(label_en)) if errors.is_empty() => {
                Ok(Self {
                    list,
                    code,
                    label_ru,
                    label_be,
                    label_en,
                })
            }
            _ => Err(errors),
        }
    }
}

fn label(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldError::required(field));
    }
    if value.chars().count() > NewEntry::MAX_LABEL {
        return Err(FieldError::too_long(field, NewEntry::MAX_LABEL));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldError::new(field, "control_chars"));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_codes_round_trip() {
        for kind in ListKind::ALL {
            assert_eq!(ListKind::parse(kind.code()), Some(*kind));
        }
        assert_eq!(ListKind::parse("nonsense"), None);
    }

    #[test]
    fn codes_are_validated() {
        assert!(ReferenceCode::parse("48+").is_ok());
        assert!(ReferenceCode::parse("BY-HM").is_ok());
        assert_eq!(
            ReferenceCode::parse(" ").map_err(|e| e.code),
            Err("required")
        );
        assert_eq!(
            ReferenceCode::parse("a b").map_err(|e| e.code),
            Err("code_chars")
        );
        assert_eq!(
            ReferenceCode::parse(&"x".repeat(65)).map_err(|e| e.code),
            Err("too_long")
        );
    }

    #[test]
    fn new_entry_reports_every_field() {
        let err = NewEntry::parse(ListKind::HotlineTopic, "", "", "ok", "")
            .err()
            .map(|e| e.0.iter().map(|f| f.field.clone()).collect::<Vec<_>>());
        assert_eq!(
            err,
            Some(vec!["code".into(), "label_ru".into(), "label_en".into()])
        );
    }

    #[test]
    fn closed_lists_refuse_new_entries() {
        let err = NewEntry::parse(ListKind::Sex, "Other", "a", "b", "c").err();
        assert_eq!(err.map(|e| e.0[0].code), Some("list_not_extensible"));
    }
}
