//! Cases of victims and persons who may have suffered: statuses, phases, legal status under
//! Law No. 350-Z, consent rules and CTDC age bands. Pure rules; storage knows nothing of them.

use crate::validate::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};
use time::Date;

macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $(#[doc = $code] #[serde(rename = $code)] $variant,)* }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The standard's code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// Parses a code.
            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }
    };
}

coded!(
    /// Case status (HTCDS).
    CaseStatus { Active => "Active", FollowUp => "FollowUp", Closed => "Closed", ClosedReferred => "ClosedReferred" }
);

coded!(
    /// Phase of the National Referral Mechanism (OSCE/ODIHR).
    NrmPhase {
        Identification => "Identification",
        FirstAssistanceAndProtection => "FirstAssistanceAndProtection",
        LongTermAssistanceAndSocialInclusion => "LongTermAssistanceAndSocialInclusion",
        ReturnAndSocialInclusion => "ReturnAndSocialInclusion",
        CriminalAndCivilProceedings => "CriminalAndCivilProceedings",
    }
);

coded!(
    /// Legal status under Belarus Law No. 350-Z.
    LegalStatus { MayHaveSuffered => "MayHaveSuffered", IdentifiedVictim => "IdentifiedVictim", NotConfirmed => "NotConfirmed" }
);

coded!(
    /// What a consent allows.
    ConsentPurpose {
        Processing => "Processing",
        Referral => "Referral",
        LawEnforcementSharing => "LawEnforcementSharing",
        AnonymisedStatistics => "AnonymisedStatistics",
        RehabilitationStay => "RehabilitationStay",
    }
);

coded!(
    /// State of a service on a case.
    ServiceStatus { Planned => "Planned", InProgress => "InProgress", Completed => "Completed", Cancelled => "Cancelled" }
);

impl CaseStatus {
    /// Closed in either way.
    pub fn is_closed(self) -> bool {
        matches!(self, CaseStatus::Closed | CaseStatus::ClosedReferred)
    }
}

impl LegalStatus {
    /// The HTCDS trafficking status derived from the legal status.
    pub fn htcds(self) -> &'static str {
        match self {
            LegalStatus::MayHaveSuffered => "Possible",
            LegalStatus::IdentifiedVictim => "Actual",
            LegalStatus::NotConfirmed => "NotAVictim",
        }
    }

    /// Whether the identification procedure may move from `self` to `to`: a person who may
    /// have suffered is identified as a victim or not confirmed; a decision can be corrected
    /// only by another decision of the identifying body, never back to "may have suffered".
    pub fn may_become(self, to: LegalStatus) -> bool {
        !matches!(to, LegalStatus::MayHaveSuffered) && self != to
    }
}

/// The CTDC age band of an age in whole years.
pub fn age_band(age: i32) -> &'static str {
    match age {
        i32::MIN..=8 => "0-8",
        9..=17 => "9-17",
        18..=20 => "18-20",
        21..=23 => "21-23",
        24..=26 => "24-26",
        27..=29 => "27-29",
        30..=38 => "30-38",
        39..=47 => "39-47",
        _ => "48+",
    }
}

/// Age in whole years on `on` of someone born on `birth`.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month() as u8, on.day()) < (birth.month() as u8, birth.day()) {
        years -= 1;
    }
    years
}

/// The case code shown on lists and most screens: region letters, year and a number,
/// e.g. `BR-2026-00042`.
pub fn case_code(region: &str, year: i32, number: i64) -> String {
    let letters = region.strip_prefix("BY-").unwrap_or(region);
    format!("{letters}-{year}-{number:05}")
}

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentFacts {
    /// Purpose.
    pub purpose: ConsentPurpose,
    /// The organisation it names (referrals).
    pub organisation_id: Option<i64>,
    /// Withdrawn, and when.
    pub withdrawn: bool,
}

/// Checks that a valid consent covers `purpose` (for `organisation` when the purpose is a
/// referral); the error names the missing consent.
pub fn require_consent(
    consents: &[ConsentFacts],
    purpose: ConsentPurpose,
    organisation: Option<i64>,
) -> Result<(), FieldError> {
    let ok = consents.iter().any(|c| {
        !c.withdrawn
            && c.purpose == purpose
            && (purpose != ConsentPurpose::Referral || c.organisation_id == organisation)
    });
    if ok {
        Ok(())
    } else {
        let e = FieldError::new("consent", "consent_missing").with("purpose", purpose.code());
        Err(match organisation {
            Some(o) if purpose == ConsentPurpose::Referral => e.with("organisation", o.to_string()),
            _ => e,
        })
    }
}

/// Below this age consent is given by a legal representative, not by the child.
pub const AGE_OF_CONSENT: i32 = 16;

/// Checks who gave a consent: `person` or `representative`; a child under
/// [`AGE_OF_CONSENT`] on the day cannot consent alone.
pub fn check_consent_giver(
    given_by: &str,
    birth: Option<Date>,
    on: Date,
) -> Result<(), FieldError> {
    match given_by {
        "representative" => Ok(()),
        "person" => match birth {
            Some(b) if age_on(b, on) < AGE_OF_CONSENT => {
                Err(FieldError::new("given_by", "child_needs_representative")
                    .with("age", AGE_OF_CONSENT.to_string()))
            }
            _ => Ok(()),
        },
        _ => Err(FieldError::unknown_code("given_by")),
    }
}

/// Checks the fields of a closure.
pub fn check_closure(status: CaseStatus, reason: &str) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if !status.is_closed() {
        e.push(FieldError::new("status", "not_a_closure"));
    }
    if reason.trim().is_empty() {
        e.push(FieldError::required("closure_reason"));
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_child_under_sixteen_consents_through_a_representative() {
        let born = date!(2010 - 06 - 15);
        let err = check_consent_giver("person", Some(born), date!(2026 - 06 - 14)).unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.code),
            ("given_by", "child_needs_representative")
        );
        assert!(check_consent_giver("person", Some(born), date!(2026 - 06 - 15)).is_ok());
        assert!(check_consent_giver("representative", Some(born), date!(2020 - 01 - 01)).is_ok());
        assert!(check_consent_giver("person", None, date!(2026 - 01 - 01)).is_ok());
        assert_eq!(
            check_consent_giver("neighbour", None, date!(2026 - 01 - 01))
                .unwrap_err()
                .code,
            "unknown_code"
        );
    }

    #[test]
    fn age_bands_follow_ctdc() {
        assert_eq!(age_band(8), "0-8");
        assert_eq!(age_band(17), "9-17");
        assert_eq!(age_band(18), "18-20");
        assert_eq!(age_band(38), "30-38");
        assert_eq!(age_band(48), "48+");
        assert_eq!(age_on(date!(2000 - 06 - 15), date!(2026 - 06 - 14)), 25);
        assert_eq!(age_on(date!(2000 - 06 - 15), date!(2026 - 06 - 15)), 26);
    }

    #[test]
    fn codes_and_statuses() {
        assert_eq!(case_code("BY-BR", 2026, 42), "BR-2026-00042");
        assert_eq!(LegalStatus::IdentifiedVictim.htcds(), "Actual");
        assert!(LegalStatus::MayHaveSuffered.may_become(LegalStatus::IdentifiedVictim));
        assert!(!LegalStatus::IdentifiedVictim.may_become(LegalStatus::MayHaveSuffered));
        assert!(LegalStatus::NotConfirmed.may_become(LegalStatus::IdentifiedVictim));
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.code()), Some(*s));
        }
    }

    #[test]
    fn consent_rules_name_what_is_missing() {
        let consents = vec![
            ConsentFacts {
                purpose: ConsentPurpose::Processing,
                organisation_id: None,
                withdrawn: false,
            },
            ConsentFacts {
                purpose: ConsentPurpose::Referral,
                organisation_id: Some(5),
                withdrawn: false,
            },
            ConsentFacts {
                purpose: ConsentPurpose::Referral,
                organisation_id: Some(6),
                withdrawn: true,
            },
        ];
        assert!(require_consent(&consents, ConsentPurpose::Processing, None).is_ok());
        assert!(require_consent(&consents, ConsentPurpose::Referral, Some(5)).is_ok());
        let e = require_consent(&consents, ConsentPurpose::Referral, Some(6)).err();
        assert_eq!(e.as_ref().map(|e| e.code), Some("consent_missing"));
        assert_eq!(
            e.map(|e| e.params),
            Some(vec![
                ("purpose", "Referral".to_owned()),
                ("organisation", "6".to_owned())
            ])
        );
        assert!(require_consent(&consents, ConsentPurpose::LawEnforcementSharing, None).is_err());
    }
}
