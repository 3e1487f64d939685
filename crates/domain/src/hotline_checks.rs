//! Checks a hotline consultant runs during a call: whether a recruitment agency holds a
//! licence, whether a job offer shows the warning signs of trafficking, and whom to call in
//! the destination country. The rules here have no database: the register and the contacts
//! are reference data kept by the store.
//!
//! The job-offer checklist (`data/offer-indicators.tsv`) restates the ILO/EC "Operational
//! indicators of trafficking in human beings" (Delphi survey, 2009) of the three recruitment
//! dimensions — deceptive recruitment, coercive recruitment, recruitment by abuse of
//! vulnerability — as what a caller can describe about an offer before leaving. Each item
//! keeps the code and weight of the indicator it restates ([`OfferIndicator::ilo`]), so
//! [`assess_offer`] applies the publication's rule for a dimension being present
//! ([`screening::presence`]). The result is advice, explained by its reasons, and never says
//! an offer is safe: the checklist only finds signs the caller mentioned.

use crate::Lang;
use crate::screening::{self, Dimension, PresenceRule, Weight};
use crate::validate::{FieldError, FieldErrors};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::OnceLock;
use time::Date;

// ---- The licence register ---------------------------------------------------------------------

/// The state of an agency's licence as the licensing authority records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    /// In force (within its dates).
    Valid,
    /// Suspended by the authority.
    Suspended,
    /// Revoked (cancelled) by the authority.
    Revoked,
}

impl LicenceStatus {
    /// Every status.
    pub const ALL: [LicenceStatus; 3] = [
        LicenceStatus::Valid,
        LicenceStatus::Suspended,
        LicenceStatus::Revoked,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            LicenceStatus::Valid => "valid",
            LicenceStatus::Suspended => "suspended",
            LicenceStatus::Revoked => "revoked",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// What the register says about an agency today: the answer a consultant gives the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceVerdict {
    /// Licensed: the licence is valid today.
    Licensed,
    /// The licence is valid but starts later.
    NotYetValid,
    /// The licence's term ended.
    Expired,
    /// Suspended by the authority.
    Suspended,
    /// Revoked by the authority.
    Revoked,
    /// No such agency or licence number in the register.
    NotInRegister,
}

impl LicenceVerdict {
    /// Stable code (the API's and the message keys').
    pub fn code(self) -> &'static str {
        match self {
            LicenceVerdict::Licensed => "licensed",
            LicenceVerdict::NotYetValid => "not_yet_valid",
            LicenceVerdict::Expired => "expired",
            LicenceVerdict::Suspended => "suspended",
            LicenceVerdict::Revoked => "revoked",
            LicenceVerdict::NotInRegister => "not_in_register",
        }
    }

    /// Whether recruiting through the agency is lawful today.
    pub fn may_recruit(self) -> bool {
        self == LicenceVerdict::Licensed
    }
}

/// The verdict on one register entry on `today`. A revocation or suspension outranks the
/// dates; an expired term outranks a "valid" status that was never updated.
pub fn licence_verdict(
    status: LicenceStatus,
    valid_from: Date,
    valid_until: Option<Date>,
    today: Date,
) -> LicenceVerdict {
    match status {
        LicenceStatus::Revoked => LicenceVerdict::Revoked,
        LicenceStatus::Suspended => LicenceVerdict::Suspended,
        LicenceStatus::Valid if valid_until.is_some_and(|u| u < today) => LicenceVerdict::Expired,
        LicenceStatus::Valid if valid_from > today => LicenceVerdict::NotYetValid,
        LicenceStatus::Valid => LicenceVerdict::Licensed,
    }
}

/// A licence number as compared: upper case, without spaces, dashes, dots, slashes or the
/// number sign, so "№ 12-34/5" and "12345" match.
pub fn normalise_licence(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A name as searched: lower case, single spaces, typographic quotes dropped.
pub fn normalise_name(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '\''))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The longest name, city or contact text kept.
pub const MAX_NAME: usize = 200;
/// The longest licence number.
pub const MAX_LICENCE: usize = 40;
/// The most countries an agency may serve in one entry.
pub const MAX_COUNTRIES: usize = 60;

/// An agency entry as typed, before checks (the country codes are checked against the
/// reference list by the caller).
#[derive(Debug, Clone, Default)]
pub struct AgencyInput {
    /// Name.
    pub name: String,
    /// Licence number as printed.
    pub licence_number: String,
    /// First day of the licence.
    pub valid_from: Option<Date>,
    /// Last day of the licence (none: indefinite).
    pub valid_until: Option<Date>,
    /// Status code.
    pub status: String,
    /// City of the agency's office.
    pub city: String,
    /// Destination countries served (ISO alpha-2).
    pub countries: Vec<String>,
}

/// A checked agency entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAgency {
    /// Name, trimmed.
    pub name: String,
    /// Licence number as printed, trimmed.
    pub licence_number: String,
    /// First day.
    pub valid_from: Date,
    /// Last day.
    pub valid_until: Option<Date>,
    /// Status.
    pub status: LicenceStatus,
    /// City.
    pub city: String,
    /// Countries, upper case, sorted, without repeats.
    pub countries: Vec<String>,
}

fn line(field: &'static str, raw: &str, max: usize, required: bool, e: &mut FieldErrors) -> String {
    let v = raw.trim();
    if v.is_empty() {
        if required {
            e.push(FieldError::required(field));
        }
    } else if v.chars().count() > max {
        e.push(FieldError::too_long(field, max));
    } else if v.chars().any(char::is_control) {
        e.push(FieldError::new(field, "control_chars"));
    }
    v.to_owned()
}

/// Checks an agency entry; every wrong field is named.
pub fn check_agency(i: &AgencyInput) -> Result<CheckedAgency, FieldErrors> {
    let mut e = FieldErrors::default();
    let name = line("name", &i.name, MAX_NAME, true, &mut e);
    let licence_number = line(
        "licence_number",
        &i.licence_number,
        MAX_LICENCE,
        true,
        &mut e,
    );
    if !licence_number.is_empty()
        && e.for_field("licence_number").is_none()
        && normalise_licence(&licence_number).is_empty()
    {
        e.push(FieldError::new("licence_number", "licence_format"));
    }
    if i.valid_from.is_none() {
        e.push(FieldError::required("valid_from"));
    }
    if let (Some(f), Some(u)) = (i.valid_from, i.valid_until)
        && u < f
    {
        e.push(FieldError::new("valid_until", "before_start"));
    }
    let status = LicenceStatus::parse(i.status.trim());
    if status.is_none() {
        e.push(if i.status.trim().is_empty() {
            FieldError::required("status")
        } else {
            FieldError::unknown_code("status")
        });
    }
    let city = line("city", &i.city, MAX_NAME, true, &mut e);
    let countries: BTreeSet<String> = i
        .countries
        .iter()
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    if countries.is_empty() {
        e.push(FieldError::new("countries", "choose_one"));
    } else if countries.len() > MAX_COUNTRIES {
        e.push(FieldError::new("countries", "too_many").with("max", MAX_COUNTRIES.to_string()));
    }
    match (i.valid_from, status) {
        (Some(valid_from), Some(status)) if e.is_empty() => Ok(CheckedAgency {
            name,
            licence_number,
            valid_from,
            valid_until: i.valid_until,
            status,
            city,
            countries: countries.into_iter().collect(),
        }),
        _ => Err(e),
    }
}

// ---- Contacts in the destination country ------------------------------------------------------

/// Who a contact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// An embassy of Belarus.
    Embassy,
    /// A consulate (general) of Belarus.
    Consulate,
    /// A non-governmental organisation that helps migrants or victims of trafficking.
    Ngo,
    /// A hotline in the destination country (national anti-trafficking or emergency line).
    Hotline,
}

impl ContactKind {
    /// Every kind, in the order a consultant reads them.
    pub const ALL: [ContactKind; 4] = [
        ContactKind::Embassy,
        ContactKind::Consulate,
        ContactKind::Ngo,
        ContactKind::Hotline,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            ContactKind::Embassy => "embassy",
            ContactKind::Consulate => "consulate",
            ContactKind::Ngo => "ngo",
            ContactKind::Hotline => "hotline",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A contact as typed.
#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    /// Destination country (ISO alpha-2; checked against the list by the caller).
    pub country: String,
    /// Kind code.
    pub kind: String,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// Address.
    pub address: String,
    /// Phone numbers as printed.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Web site (http or https).
    pub website: String,
    /// Opening hours.
    pub hours: String,
    /// Notes for consultants (languages spoken, what they help with).
    pub notes: String,
}

/// A checked contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedContact {
    /// Country, upper case.
    pub country: String,
    /// Kind.
    pub kind: ContactKind,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Web site.
    pub website: String,
    /// Hours.
    pub hours: String,
    /// Notes.
    pub notes: String,
}

/// The longest note on a contact.
pub const MAX_NOTES: usize = 1000;

/// Checks a contact: a name, and at least one way to reach it.
pub fn check_contact(i: &ContactInput) -> Result<CheckedContact, FieldErrors> {
    let mut e = FieldErrors::default();
    let country = i.country.trim().to_uppercase();
    if country.is_empty() {
        e.push(FieldError::required("country"));
    }
    let kind = ContactKind::parse(i.kind.trim());
    if kind.is_none() {
        e.push(if i.kind.trim().is_empty() {
            FieldError::required("kind")
        } else {
            FieldError::unknown_code("kind")
        });
    }
    let name = line("name", &i.name, MAX_NAME, true, &mut e);
    let city = line("city", &i.city, MAX_NAME, false, &mut e);
    let address = line("address", &i.address, MAX_NAME, false, &mut e);
    let phone = line("phone", &i.phone, MAX_NAME, false, &mut e);
    if !phone.is_empty() && e.for_field("phone").is_none() {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()/,;".contains(c));
        if !allowed || !(5..=60).contains(&digits) {
            e.push(FieldError::new("phone", "phone_format"));
        }
    }
    let email = line("email", &i.email, MAX_NAME, false, &mut e);
    if !email.is_empty() && e.for_field("email").is_none() && !email_like(&email) {
        e.push(FieldError::new("email", "email_format"));
    }
    let website = line("website", &i.website, MAX_NAME, false, &mut e);
    if !website.is_empty() && e.for_field("website").is_none() && !url_like(&website) {
        e.push(FieldError::new("website", "url_format"));
    }
    let hours = line("hours", &i.hours, MAX_NAME, false, &mut e);
    let notes = crate::hotline::text("notes", &i.notes, false, &mut e);
    if notes.chars().count() > MAX_NOTES && e.for_field("notes").is_none() {
        e.push(FieldError::too_long("notes", MAX_NOTES));
    }
    if phone.is_empty() && email.is_empty() && website.is_empty() && address.is_empty() {
        e.push(FieldError::new("phone", "contact_needs_one"));
    }
    match kind {
        Some(kind) if e.is_empty() => Ok(CheckedContact {
            country,
            kind,
            name,
            city,
            address,
            phone,
            email,
            website,
            hours,
            notes,
        }),
        _ => Err(e),
    }
}

fn email_like(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
        && !domain.contains('@')
}

fn url_like(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split('/').next().unwrap_or("");
            host.contains('.')
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        }
        None => false,
    }
}

// ---- The job-offer checklist ------------------------------------------------------------------

/// One warning sign of a job offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferIndicator {
    /// Stable code (`JO-DR-S1`), saved with a consultation.
    pub code: &'static str,
    /// The recruitment dimension of the ILO/EC indicators.
    pub dimension: Dimension,
    /// The weight of the ILO/EC indicator it restates.
    pub weight: Weight,
    /// The ILO/EC indicator (adults, labour) it restates.
    pub ilo: &'static str,
    labels: [&'static str; 3],
    advice: [&'static str; 3],
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Ru => 0,
        Lang::Be => 1,
        Lang::En => 2,
    }
}

impl OfferIndicator {
    /// What the consultant ticks, in the language.
    pub fn label(&self, lang: Lang) -> &'static str {
        self.labels[lang_index(lang)]
    }

    /// What to tell the caller about it, in the language.
    pub fn advice(&self, lang: Lang) -> &'static str {
        self.advice[lang_index(lang)]
    }
}

const TABLE: &str = include_str!("../data/offer-indicators.tsv");

fn parse_row(row: &'static str) -> Option<OfferIndicator> {
    let f: Vec<&'static str> = row.split('\t').collect();
    if f.len() != 10 || f.iter().any(|s| s.trim().is_empty()) {
        return None;
    }
    let dimension = Dimension::parse(f[1])?;
    if dimension.element() != screening::Element::Recruitment {
        return None;
    }
    let weight = Weight::parse(f[2])?;
    // The restated ILO indicator must exist with the same dimension and weight.
    let ilo = screening::indicator(f[3])?;
    if ilo.dimension != dimension || ilo.weight != weight {
        return None;
    }
    Some(OfferIndicator {
        code: f[0],
        dimension,
        weight,
        ilo: f[3],
        labels: [f[4], f[5], f[6]],
        advice: [f[7], f[8], f[9]],
    })
}

struct Parsed {
    rows: Vec<OfferIndicator>,
    malformed: Vec<usize>,
}

fn parsed() -> &'static Parsed {
    static P: OnceLock<Parsed> = OnceLock::new();
    P.get_or_init(|| {
        let mut rows: Vec<OfferIndicator> = Vec::new();
        let mut malformed = Vec::new();
        for (n, row) in TABLE.lines().enumerate().skip(1) {
            if row.trim().is_empty() {
                continue;
            }
            match parse_row(row) {
                Some(i) if !rows.iter().any(|r| r.code == i.code) => rows.push(i),
                _ => malformed.push(n + 1),
            }
        }
        Parsed { rows, malformed }
    })
}

/// The checklist, in the order the consultant reads it.
pub fn offer_indicators() -> &'static [OfferIndicator] {
    &parsed().rows
}

/// One item by code.
pub fn offer_indicator(code: &str) -> Option<&'static OfferIndicator> {
    offer_indicators().iter().find(|i| i.code == code)
}

/// Line numbers of rows of the data file that did not parse (a test keeps it empty).
pub fn offer_malformed_rows() -> &'static [usize] {
    &parsed().malformed
}

/// How worrying the signs the caller described are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferRisk {
    /// No sign among those on the list was described. This is not "safe".
    NoSignsDescribed,
    /// Some signs, short of the ILO rule and without coercion.
    Elevated,
    /// A recruitment dimension is present by the ILO rule, or the recruiter already uses a
    /// means of coercion (documents, debt, isolation, threats).
    High,
}

impl OfferRisk {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            OfferRisk::NoSignsDescribed => "no_signs_described",
            OfferRisk::Elevated => "elevated",
            OfferRisk::High => "high",
        }
    }
}

/// Why the assessment came out as it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum OfferReason {
    /// A dimension is present by the ILO rule.
    DimensionPresent {
        /// The dimension.
        dimension: Dimension,
        /// The rule that made it present.
        rule: PresenceRule,
    },
    /// Signs of a dimension short of the ILO rule.
    DimensionSigns {
        /// The dimension.
        dimension: Dimension,
        /// How many of its signs were ticked.
        count: usize,
    },
    /// A means of coercion is already used before departure.
    CoercionBeforeDeparture,
    /// Nothing was ticked; the list cannot prove an offer safe.
    NothingTicked,
}

/// The advisory assessment of a job offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfferAssessment {
    /// The level.
    pub risk: OfferRisk,
    /// The reasons, each phrased by the interface.
    pub reasons: Vec<OfferReason>,
    /// The ticked signs, in checklist order.
    pub indicators: Vec<&'static str>,
}

/// Assesses the ticked signs; unknown codes are refused by name.
pub fn assess_offer<S: AsRef<str>>(ticked: &[S]) -> Result<OfferAssessment, FieldErrors> {
    let mut e = FieldErrors::default();
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for code in ticked {
        let code = code.as_ref().trim();
        if code.is_empty() {
            continue;
        }
        match offer_indicator(code) {
            Some(i) => {
                found.insert(i.code);
            }
            None => {
                if e.for_field("indicators").is_none() {
                    e.push(FieldError::unknown_code("indicators").with("code", code));
                }
            }
        }
    }
    if !e.is_empty() {
        return Err(e);
    }
    let items: Vec<&OfferIndicator> = offer_indicators()
        .iter()
        .filter(|i| found.contains(i.code))
        .collect();
    let mut reasons = Vec::new();
    let mut risk = OfferRisk::NoSignsDescribed;
    for dimension in [
        Dimension::DeceptiveRecruitment,
        Dimension::CoerciveRecruitment,
        Dimension::RecruitmentAbuseOfVulnerability,
    ] {
        let of = |w| {
            items
                .iter()
                .filter(|i| i.dimension == dimension && i.weight == w)
                .count()
        };
        let (s, m, w) = (of(Weight::Strong), of(Weight::Medium), of(Weight::Weak));
        if s + m + w == 0 {
            continue;
        }
        match screening::presence(s, m, w) {
            Some(rule) => {
                reasons.push(OfferReason::DimensionPresent { dimension, rule });
                risk = OfferRisk::High;
            }
            None => {
                reasons.push(OfferReason::DimensionSigns {
                    dimension,
                    count: s + m + w,
                });
                risk = risk.max(OfferRisk::Elevated);
            }
        }
    }
    if items
        .iter()
        .any(|i| i.dimension == Dimension::CoerciveRecruitment)
    {
        reasons.push(OfferReason::CoercionBeforeDeparture);
        risk = OfferRisk::High;
    }
    if items.is_empty() {
        reasons.push(OfferReason::NothingTicked);
    }
    Ok(OfferAssessment {
        risk,
        reasons,
        indicators: items.iter().map(|i| i.code).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_checklist_parses_and_restates_real_ilo_indicators() {
        assert_eq!(offer_malformed_rows(), &[] as &[usize]);
        assert!(offer_indicators().len() >= 12);
        for i in offer_indicators() {
            let ilo = screening::indicator(i.ilo).unwrap();
            assert_eq!(
                (ilo.dimension, ilo.weight),
                (i.dimension, i.weight),
                "{}",
                i.code
            );
            for lang in Lang::ALL {
                assert!(!i.label(lang).is_empty() && !i.advice(lang).is_empty());
            }
            assert_ne!(
                i.label(Lang::Ru),
                i.label(Lang::Be),
                "{} is translated",
                i.code
            );
        }
    }

    #[test]
    fn nothing_ticked_is_never_called_safe() {
        let a = assess_offer::<&str>(&[]).unwrap();
        assert_eq!(a.risk, OfferRisk::NoSignsDescribed);
        assert_eq!(a.reasons, vec![OfferReason::NothingTicked]);
    }

    #[test]
    fn the_ilo_rule_decides_presence_and_coercion_is_high_on_its_own() {
        // One strong sign alone is not a present dimension, only a sign.
        let one = assess_offer(&["JO-DR-S1"]).unwrap();
        assert_eq!(one.risk, OfferRisk::Elevated);
        // Strong and medium: present.
        let two = assess_offer(&["JO-DR-S1", "JO-DR-M2"]).unwrap();
        assert_eq!(two.risk, OfferRisk::High);
        assert!(two.reasons.contains(&OfferReason::DimensionPresent {
            dimension: Dimension::DeceptiveRecruitment,
            rule: PresenceRule::StrongAndOther,
        }));
        // Two medium signs of deception: not present.
        let m = assess_offer(&["JO-DR-M1", "JO-DR-M2"]).unwrap();
        assert_eq!(m.risk, OfferRisk::Elevated);
        // A passport asked for is high by itself.
        let p = assess_offer(&["JO-CR-M1"]).unwrap();
        assert_eq!(p.risk, OfferRisk::High);
        assert!(p.reasons.contains(&OfferReason::CoercionBeforeDeparture));
    }

    #[test]
    fn unknown_codes_are_refused_and_repeats_count_once() {
        let e = assess_offer(&["JO-DR-M1", "AL-DR-S1"]).unwrap_err();
        assert_eq!(e.0[0].field, "indicators");
        let a = assess_offer(&["JO-DR-M1", "JO-DR-M1", "JO-DR-M1"]).unwrap();
        assert_eq!(a.indicators, vec!["JO-DR-M1"]);
        assert_eq!(a.risk, OfferRisk::Elevated);
    }

    #[test]
    fn verdicts_follow_status_then_dates() {
        let from = date!(2025 - 01 - 01);
        let until = Some(date!(2026 - 12 - 31));
        let v = |s, today| licence_verdict(s, from, until, today);
        assert_eq!(
            v(LicenceStatus::Valid, date!(2026 - 06 - 01)),
            LicenceVerdict::Licensed
        );
        assert_eq!(
            v(LicenceStatus::Valid, date!(2027 - 01 - 01)),
            LicenceVerdict::Expired
        );
        assert_eq!(
            v(LicenceStatus::Valid, date!(2024 - 12 - 31)),
            LicenceVerdict::NotYetValid
        );
        assert_eq!(
            v(LicenceStatus::Revoked, date!(2026 - 06 - 01)),
            LicenceVerdict::Revoked
        );
        assert_eq!(
            v(LicenceStatus::Suspended, date!(2026 - 06 - 01)),
            LicenceVerdict::Suspended
        );
        assert_eq!(
            licence_verdict(LicenceStatus::Valid, from, None, date!(2040 - 01 - 01)),
            LicenceVerdict::Licensed
        );
    }

    #[test]
    fn licence_numbers_and_names_normalise() {
        assert_eq!(normalise_licence("№ 12-34/5"), "12345");
        assert_eq!(normalise_licence("ab 0001"), "AB0001");
        assert_eq!(normalise_name("  ООО «Работа  Плюс» "), "ооо работа плюс");
    }

    #[test]
    fn agency_and_contact_fields_are_checked_by_name() {
        let e = check_agency(&AgencyInput {
            name: " ".into(),
            licence_number: "—".into(),
            valid_from: Some(date!(2026 - 01 - 01)),
            valid_until: Some(date!(2025 - 01 - 01)),
            status: "paused".into(),
            city: "Minsk".into(),
            countries: vec![],
        })
        .unwrap_err();
        for f in [
            "name",
            "licence_number",
            "valid_until",
            "status",
            "countries",
        ] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
        let ok = check_agency(&AgencyInput {
            name: "Agency".into(),
            licence_number: "L-1".into(),
            valid_from: Some(date!(2026 - 01 - 01)),
            valid_until: None,
            status: "valid".into(),
            city: "Minsk".into(),
            countries: vec!["pl".into(), "PL".into(), "lt".into()],
        })
        .unwrap();
        assert_eq!(ok.countries, vec!["LT", "PL"]);

        let e = check_contact(&ContactInput {
            country: "PL".into(),
            kind: "embassy".into(),
            name: "Embassy".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.0[0].code, "contact_needs_one");
        let e = check_contact(&ContactInput {
            country: "PL".into(),
            kind: "club".into(),
            name: "X".into(),
            email: "not-an-address".into(),
            website: "javascript:alert(1)".into(),
            phone: "call me".into(),
            ..Default::default()
        })
        .unwrap_err();
        for f in ["kind", "email", "website", "phone"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
        assert!(
            check_contact(&ContactInput {
                country: "pl".into(),
                kind: "ngo".into(),
                name: "La Strada".into(),
                phone: "+48 22 628 01 20".into(),
                website: "https://example.org/help".into(),
                ..Default::default()
            })
            .is_ok()
        );
    }
}
