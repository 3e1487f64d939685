//! The standard exports, shared by the page (`/statistics/exports`) and the API
//! (`/api/v1/exports/{htcds,ctdc}`): checking the choices, building the file, the audit entry.
//!
//! - **HTCDS case data** (`exports.htcds`): the cases the caller's record scope reaches, read
//!   through `cases::list` exactly as the case list reads them, one de-identified record each
//!   ([`mayak_stats::htcds`]).
//! - **CTDC submission** (`exports.ctdc`): the countable cases of the whole country
//!   (`stats::source_filtered`: consent to anonymised statistics, not found "not a victim"),
//!   one record each in CTDC's codes ([`mayak_stats::ctdc`]); CTDC k-anonymises before it
//!   publishes anything.
//!
//! Neither reads the vault: nothing identifying is decrypted, so nothing identifying can leak.
//! The filters (period, region) are not personal data, and are what the audit entry records
//! with the number of records.

use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::pages::cases::subject_of;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use mayak_domain::case_list::CaseSort;
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_stats::{ctdc, htcds};
use mayak_store::StoreError;
use mayak_store::cases::{self, Case, CaseFilter};
use mayak_store::exports::CaseDetails;
use serde::Deserialize;
use time::Date;
use utoipa::IntoParams;

/// The data source a CTDC submission names.
pub const CTDC_DATASOURCE: &str = "Case Management";

/// How many cases are read per page of the case list.
const PAGE: i64 = 500;

/// Which standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// IOM's Human Trafficking Case Data Standard.
    Htcds,
    /// The Counter Trafficking Data Collaborative's submission.
    Ctdc,
}

impl Standard {
    /// Its code in paths, file names and the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            Standard::Htcds => "htcds",
            Standard::Ctdc => "ctdc",
        }
    }
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A JSON array of objects.
    Json,
    /// CSV with a header line.
    Csv,
}

impl Format {
    /// `json` or `csv`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Its code.
    pub fn code(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// The choices of an export, as the query string sends them.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `json` (default) or `csv`.
    pub format: Option<String>,
    /// Cases registered on or after this date (YYYY-MM-DD).
    pub from: Option<String>,
    /// Cases registered on or before this date (YYYY-MM-DD).
    pub to: Option<String>,
    /// Only cases of this region (code of the `region` list).
    pub region: Option<String>,
}

/// Checked choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The format.
    pub format: Format,
    /// Registered on or after.
    pub from: Option<Date>,
    /// Registered on or before.
    pub to: Option<Date>,
    /// Region.
    pub region: Option<String>,
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Checks the choices; every error names its field (`format`, `from`, `to`, `region`).
pub async fn check(state: &AppState, p: &ExportParams) -> Result<Choice, ExportError> {
    let mut e = FieldErrors::default();
    let format = match given(&p.format) {
        None => Some(Format::Json),
        Some(f) => {
            let parsed = Format::parse(f);
            if parsed.is_none() {
                e.push(FieldError::unknown_code("format"));
            }
            parsed
        }
    };
    let from = crate::forms::parse_date("from", given(&p.from).unwrap_or(""), &mut e, false);
    let to = crate::forms::parse_date("to", given(&p.to).unwrap_or(""), &mut e, false);
    if let (Some(a), Some(b)) = (from, to)
        && b < a
    {
        e.push(FieldError::new("to", "before_start"));
    }
    let region = given(&p.region).map(str::to_owned);
    if let Some(r) = &region
        && !mayak_store::reference::exists(&state.store, ListKind::Region, r).await?
    {
        e.push(FieldError::unknown_code("region"));
    }
    match format {
        Some(format) if e.is_empty() => Ok(Choice {
            format,
            from,
            to,
            region,
        }),
        _ => Err(ExportError::Invalid(e)),
    }
}

/// Why an export was not made.
#[derive(Debug)]
pub enum ExportError {
    /// The choices are wrong.
    Invalid(FieldErrors),
    /// The database failed.
    Store(StoreError),
}

impl From<StoreError> for ExportError {
    fn from(e: StoreError) -> Self {
        ExportError::Store(e)
    }
}

/// A finished export.
#[derive(Debug)]
pub struct Export {
    /// The file.
    pub bytes: Vec<u8>,
    /// How many records it holds.
    pub records: usize,
    /// The file's name: standard, region, period and the day it was made; nothing about a person.
    pub file_name: String,
    /// Its format.
    pub format: Format,
}

impl Export {
    /// The file as a download.
    pub fn into_response(self) -> Response {
        let mut res = self.bytes.into_response();
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.format.content_type()),
        );
        if let Ok(v) =
            HeaderValue::from_str(&format!("attachment; filename=\"{}\"", self.file_name))
        {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        res
    }
}

fn file_name(standard: Standard, c: &Choice, today: Date) -> String {
    let mut parts = vec!["mayak".to_owned(), standard.code().to_owned()];
    if let Some(r) = &c.region {
        parts.push(r.clone());
    }
    match (c.from, c.to) {
        (None, None) => {}
        (from, to) => parts.push(format!(
            "{}_{}",
            from.map_or_else(|| "start".to_owned(), |d| d.to_string()),
            to.map_or_else(|| "end".to_owned(), |d| d.to_string())
        )),
    }
    parts.push(today.to_string());
    // Region codes and dates hold only letters, digits and dashes; keep it so.
    let name: String = parts
        .join("-")
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_'))
        .collect();
    format!("{name}.{}", c.format.code())
}

fn sorted(set: &std::collections::BTreeSet<String>) -> Vec<String> {
    set.iter().cloned().collect()
}

/// The HTCDS record of a case and its details.
fn htcds_record(c: &Case, d: Option<&CaseDetails>) -> htcds::Record {
    let empty = CaseDetails::default();
    let d = d.unwrap_or(&empty);
    let mut exploitation = d.exploitation.clone();
    exploitation.extend(c.exploitation_type.clone());
    let mut countries = d.countries.clone();
    countries.extend(c.country_of_exploitation.clone());
    htcds::Record {
        case_code: c.code.clone(),
        status: c.status.code().to_owned(),
        nrm_phase: c.nrm_phase.code().to_owned(),
        region: c.region.clone(),
        registered_on: c.registered_on.to_string(),
        legal_status: c.legal_status.code().to_owned(),
        trafficking_status: c.legal_status.htcds().to_owned(),
        identified_on: c.identified_on.map(|d| d.to_string()),
        sex: c.sex.clone(),
        age_band: c.age_band.clone(),
        nationality: c.citizenship.clone(),
        agreement_to_manage_personal_data: d.processing_consent,
        exploitation: sorted(&exploitation),
        labour: sorted(&d.labour),
        sexual: sorted(&d.sexual),
        means_of_control: sorted(&d.means),
        recruitment: sorted(&d.recruitment),
        recruitment_apps: sorted(&d.recruitment_apps),
        countries_of_exploitation: sorted(&countries),
        services: sorted(&d.services),
        closed_on: c.closed_on.map(|d| d.to_string()),
    }
}

/// The HTCDS records of the cases the viewer's scope reaches, oldest first.
pub async fn htcds_records(
    state: &AppState,
    v: &Viewer,
    c: &Choice,
) -> Result<Vec<htcds::Record>, StoreError> {
    let subject = subject_of(state, v).await?;
    let mut filter = CaseFilter {
        region: c.region.clone(),
        registered_from: c.from,
        registered_until: c.to,
        sort: CaseSort::Oldest,
        limit: PAGE,
        ..Default::default()
    };
    let mut out = Vec::new();
    loop {
        let page = cases::list(&state.store, &filter, &subject).await?;
        let ids: Vec<i64> = page.iter().map(|c| c.id).collect();
        let details = mayak_store::exports::details(&state.store, &ids).await?;
        out.extend(page.iter().map(|c| htcds_record(c, details.get(&c.id))));
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => {
                filter.after = Some(last.cursor(CaseSort::Oldest));
            }
            _ => break,
        }
    }
    Ok(out)
}

/// The CTDC submission rows ([`ctdc::SUBMISSION_COLUMNS`]) of the countable cases, sorted so
/// that their order (which follows registration) reveals nothing.
pub async fn ctdc_rows(state: &AppState, c: &Choice) -> Result<Vec<Vec<String>>, StoreError> {
    let filter = mayak_store::stats::SourceFilter {
        registered_from: c.from,
        registered_until: c.to,
        region: c.region.clone(),
    };
    let source = mayak_store::stats::source_filtered(&state.store, &filter).await?;
    let alpha3 = mayak_store::stats::alpha3(&state.store).await?;
    let mut rows: Vec<Vec<String>> = source
        .cases
        .iter()
        .map(|s| s.ctdc(&alpha3).submission_row(CTDC_DATASOURCE))
        .collect();
    rows.sort();
    Ok(rows)
}

fn json_bytes<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(v).map_err(|e| StoreError::Config(format!("cannot write the export: {e}")))
}

/// Builds the export of `standard` for the viewer and records it in the audit trail (who,
/// which standard and format, the filters, how many records). The entry is written before the
/// file is handed out: an export that cannot be recorded is not made.
pub async fn make(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    standard: Standard,
    c: &Choice,
) -> Result<Export, StoreError> {
    let (bytes, records) = match standard {
        Standard::Htcds => {
            let records = htcds_records(state, v, c).await?;
            let bytes = match c.format {
                Format::Json => json_bytes(&records)?,
                Format::Csv => htcds::csv(&records),
            };
            (bytes, records.len())
        }
        Standard::Ctdc => {
            let rows = ctdc_rows(state, c).await?;
            let bytes = match c.format {
                Format::Json => {
                    let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
                        .iter()
                        .map(|r| {
                            ctdc::SUBMISSION_COLUMNS
                                .iter()
                                .zip(r)
                                .map(|(k, v)| {
                                    let value = if v.is_empty() {
                                        serde_json::Value::Null
                                    } else {
                                        serde_json::Value::String(v.clone())
                                    };
                                    ((*k).to_owned(), value)
                                })
                                .collect()
                        })
                        .collect();
                    json_bytes(&objects)?
                }
                Format::Csv => {
                    let mut out = Vec::new();
                    mayak_stats::table::write_csv_row(&mut out, &ctdc::SUBMISSION_COLUMNS);
                    for r in &rows {
                        let fields: Vec<&str> = r.iter().map(String::as_str).collect();
                        mayak_stats::table::write_csv_row(&mut out, &fields);
                    }
                    out
                }
            };
            (bytes, rows.len())
        }
    };
    let now = state.clock.now();
    let mut e = auth::event(v, "export.download", "export", standard.code());
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e.fields = Some(format!(
        "format={};from={};to={};region={};records={records}",
        c.format.code(),
        c.from.map(|d| d.to_string()).unwrap_or_default(),
        c.to.map(|d| d.to_string()).unwrap_or_default(),
        c.region.clone().unwrap_or_default(),
    ));
    mayak_store::audit::record(&state.store, &e, now).await?;
    Ok(Export {
        bytes,
        records,
        file_name: file_name(standard, c, now.date()),
        format: c.format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_and_when_never_who() {
        let c = Choice {
            format: Format::Csv,
            from: Some(time::macros::date!(2025 - 01 - 01)),
            to: None,
            region: Some("BY-BR".into()),
        };
        assert_eq!(
            file_name(Standard::Htcds, &c, time::macros::date!(2026 - 12 - 03)),
            "mayak-htcds-BY-BR-2025-01-01_end-2026-12-03.csv"
        );
    }
}
