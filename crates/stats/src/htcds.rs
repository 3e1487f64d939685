//! The HTCDS case data export: one de-identified record per case under the field names of
//! IOM's Human Trafficking Case Data Standard (its field name prefix and name, `prs_Gender`,
//! `vic_MethodsOfControl`, `cas_Status`), with Mayak's own fields the standard has no name for
//! under the prefix `mayak_`. The standard's identifying fields (names, birth date, e-mail,
//! phones, addresses) are left out on purpose: an export leaves Mayak's access control, so it
//! carries the case code and categories only; the age is the CTDC band, never the birth date.
//! Free text is never exported either (the standard's `cas_ReasonForCaseClosure` is a long
//! text field, and what a worker writes there may name people).

use serde::ser::{Serialize, SerializeMap, Serializer};

/// The fields of a record, in the order of the CSV columns and of the JSON object's keys.
pub const FIELDS: [&str; 21] = [
    "mayak_CaseCode",
    "cas_Status",
    "mayak_NrmPhase",
    "mayak_Region",
    "mayak_RegisteredOn",
    "mayak_LegalStatus",
    "vic_TraffickingStatus",
    "mayak_IdentifiedOn",
    "prs_Gender",
    "mayak_AgeBand",
    "prs_Nationality",
    "vic_AgreementToManagePersonalData",
    "vic_TypeOfExploitation",
    "vic_TypeOfLabourExploitation",
    "vic_TypeOfSexExploitation",
    "vic_MethodsOfControl",
    "vic_MethodOfRecruitment",
    "vic_RecruitmentWebsitesAndApps",
    "mayak_CountriesOfExploitation",
    "mayak_Services",
    "mayak_ClosedOn",
];

/// How several values of a multiselect field are joined in a CSV cell.
pub const LIST_SEPARATOR: &str = ";";

/// One case as the export describes it, in the standard's codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Pseudonymous case code.
    pub case_code: String,
    /// HTCDS case status: Active, FollowUp, Closed, ClosedReferred.
    pub status: String,
    /// NRM phase.
    pub nrm_phase: String,
    /// Region (ISO 3166-2:BY).
    pub region: String,
    /// Registration date, `YYYY-MM-DD`.
    pub registered_on: String,
    /// Legal status under Belarus Law No. 350-Z.
    pub legal_status: String,
    /// HTCDS trafficking status derived from it: Possible, Actual, NotAVictim.
    pub trafficking_status: String,
    /// Date of the identification decision.
    pub identified_on: Option<String>,
    /// Mayak's sex code (`TransgenderNonConforming` becomes the standard's
    /// `Transgender/NonConforming`).
    pub sex: String,
    /// CTDC age band at registration.
    pub age_band: Option<String>,
    /// First citizenship, ISO 3166-1 alpha-2.
    pub nationality: Option<String>,
    /// An active consent to the processing of personal data is on file.
    pub agreement_to_manage_personal_data: bool,
    /// Exploitation types of the case and its episodes.
    pub exploitation: Vec<String>,
    /// Labour exploitation types.
    pub labour: Vec<String>,
    /// Sexual exploitation types.
    pub sexual: Vec<String>,
    /// Means of control.
    pub means_of_control: Vec<String>,
    /// Methods of recruitment.
    pub recruitment: Vec<String>,
    /// Websites and apps used in recruitment.
    pub recruitment_apps: Vec<String>,
    /// Countries of exploitation, ISO 3166-1 alpha-2.
    pub countries_of_exploitation: Vec<String>,
    /// Services on the case (IOM assistance types), not cancelled.
    pub services: Vec<String>,
    /// Closure date.
    pub closed_on: Option<String>,
}

/// One field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// A code or date.
    Text(&'a str),
    /// Unknown or not recorded: `null` in JSON, an empty cell in CSV.
    Missing,
    /// A checkbox.
    Flag(bool),
    /// A multiselect field.
    List(&'a [String]),
}

impl Value<'_> {
    /// The value as a CSV cell: lists joined by [`LIST_SEPARATOR`], flags `true`/`false`.
    pub fn cell(&self) -> String {
        match self {
            Value::Text(s) => (*s).to_owned(),
            Value::Missing => String::new(),
            Value::Flag(b) => b.to_string(),
            Value::List(v) => v.join(LIST_SEPARATOR),
        }
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(t) => s.serialize_str(t),
            Value::Missing => s.serialize_none(),
            Value::Flag(b) => s.serialize_bool(*b),
            Value::List(v) => v.serialize(s),
        }
    }
}

fn opt(o: &Option<String>) -> Value<'_> {
    match o.as_deref() {
        Some(s) if !s.is_empty() => Value::Text(s),
        _ => Value::Missing,
    }
}

/// The standard's value name for Mayak's sex code.
pub fn gender(sex: &str) -> &str {
    match sex {
        "TransgenderNonConforming" => "Transgender/NonConforming",
        other => other,
    }
}

impl Record {
    /// The values in [`FIELDS`] order.
    pub fn values(&self) -> [Value<'_>; 21] {
        [
            Value::Text(&self.case_code),
            Value::Text(&self.status),
            Value::Text(&self.nrm_phase),
            Value::Text(&self.region),
            Value::Text(&self.registered_on),
            Value::Text(&self.legal_status),
            Value::Text(&self.trafficking_status),
            opt(&self.identified_on),
            Value::Text(gender(&self.sex)),
            opt(&self.age_band),
            opt(&self.nationality),
            Value::Flag(self.agreement_to_manage_personal_data),
            Value::List(&self.exploitation),
            Value::List(&self.labour),
            Value::List(&self.sexual),
            Value::List(&self.means_of_control),
            Value::List(&self.recruitment),
            Value::List(&self.recruitment_apps),
            Value::List(&self.countries_of_exploitation),
            Value::List(&self.services),
            opt(&self.closed_on),
        ]
    }
}

/// A record serialises as one JSON object with the standard's field names as keys.
impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(FIELDS.len()))?;
        for (name, value) in FIELDS.iter().zip(self.values()) {
            m.serialize_entry(name, &value)?;
        }
        m.end()
    }
}

/// The records as CSV: a header of [`FIELDS`], one line per record.
pub fn csv(records: &[Record]) -> Vec<u8> {
    let mut out = Vec::new();
    crate::table::write_csv_row(&mut out, &FIELDS);
    for r in records {
        let cells: Vec<String> = r.values().iter().map(Value::cell).collect();
        let fields: Vec<&str> = cells.iter().map(String::as_str).collect();
        crate::table::write_csv_row(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_has_every_field_once_in_both_shapes() {
        let r = Record {
            case_code: "MN-2026-00001".into(),
            sex: "TransgenderNonConforming".into(),
            means_of_control: vec!["Threats".into(), "DebtBondage".into()],
            ..Default::default()
        };
        let json = serde_json::to_value(&r).unwrap();
        let obj = json.as_object().unwrap();
        assert_eq!(obj.len(), FIELDS.len());
        assert_eq!(obj["prs_Gender"], "Transgender/NonConforming");
        assert_eq!(obj["vic_MethodsOfControl"][1], "DebtBondage");
        assert!(obj["mayak_AgeBand"].is_null());
        let text = String::from_utf8(csv(&[r])).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap().split(',').count(), FIELDS.len());
        assert!(lines.next().unwrap().contains(",Threats;DebtBondage,"));
    }
}
