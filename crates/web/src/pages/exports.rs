//! `/statistics/exports`: the standard exports' page. It shows a form for each export the
//! caller's permissions open (HTCDS case data, the CTDC submission), each explaining what the
//! file holds and who it reaches; the forms are plain GET forms (the filters are not personal
//! data) whose answers are file downloads. Wrong choices come back on the page, in the
//! request's language, and nothing is exported or recorded.

use super::statistics::{RegionOption, regions};
use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::PageError;
use crate::exports::{self, ExportError, ExportParams, Standard};
use crate::forms::Errors;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use mayak_domain::FieldErrors;
use mayak_domain::access::Permission;
use serde::Deserialize;

/// One export's form as shown.
pub struct ExportForm {
    /// `htcds` or `ctdc`: the section's id and the download's path.
    pub code: &'static str,
    /// Heading.
    pub title: String,
    /// What the file holds, whom it covers, and how it is protected.
    pub explanation: Vec<String>,
    /// The submit button's text.
    pub button: String,
    /// The choices to show again.
    pub format: String,
    /// Start of the period.
    pub from: String,
    /// End of the period.
    pub to: String,
    /// Region.
    pub region: String,
    /// The error names of its fields.
    pub fields: FieldNames,
}

/// The names under which the fields' errors are reported (`htcds-from`).
pub struct FieldNames {
    /// Format.
    pub format: String,
    /// Start of the period.
    pub from: String,
    /// End of the period.
    pub to: String,
    /// Region.
    pub region: String,
}

#[derive(Template)]
#[template(path = "statistics_exports.html")]
struct ExportsPage {
    b: Base,
    forms: Vec<ExportForm>,
    regions: Vec<RegionOption>,
    errors: Errors,
}

/// The page's query: the same choices as the API's, any other parameter (such as `lang`) ignored.
#[derive(Debug, Default, Deserialize)]
pub struct FormQuery {
    format: Option<String>,
    from: Option<String>,
    to: Option<String>,
    region: Option<String>,
}

impl FormQuery {
    fn params(&self) -> ExportParams {
        ExportParams {
            format: self.format.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            region: self.region.clone(),
        }
    }
}

fn form(b: &Base, standard: Standard, q: Option<&FormQuery>) -> ExportForm {
    let code = standard.code();
    let keys: &[&str] = match standard {
        Standard::Htcds => &[
            "exports-htcds-what",
            "exports-htcds-scope",
            "exports-htcds-fields",
        ],
        Standard::Ctdc => &[
            "exports-ctdc-what",
            "exports-ctdc-scope",
            "exports-ctdc-disclosure",
        ],
    };
    let val =
        |f: fn(&FormQuery) -> &Option<String>| q.and_then(|q| f(q).clone()).unwrap_or_default();
    ExportForm {
        code,
        title: b.t(&format!("exports-{code}-title")),
        explanation: keys.iter().map(|k| b.t(k)).collect(),
        button: b.t(&format!("exports-{code}-download")),
        format: q
            .and_then(|q| q.format.clone())
            .unwrap_or_else(|| "csv".to_owned()),
        from: val(|q| &q.from),
        to: val(|q| &q.to),
        region: val(|q| &q.region),
        fields: FieldNames {
            format: format!("{code}-format"),
            from: format!("{code}-from"),
            to: format!("{code}-to"),
            region: format!("{code}-region"),
        },
    }
}

async fn page(
    state: &AppState,
    b: Base,
    failed: Option<(Standard, &FormQuery)>,
    e: &FieldErrors,
) -> Result<Response, PageError> {
    let mut forms = Vec::new();
    for (standard, needs) in [
        (Standard::Htcds, Permission::ExportsHtcds),
        (Standard::Ctdc, Permission::ExportsCtdc),
    ] {
        if b.can(needs) {
            let q = failed.and_then(|(s, q)| (s == standard).then_some(q));
            forms.push(form(&b, standard, q));
        }
    }
    let page = ExportsPage {
        regions: regions(state, &b).await?,
        errors: Errors::from(&b.tr, e),
        forms,
        b,
    };
    let mut res = render(&page)?;
    if !e.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /statistics/exports`
pub async fn index(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    page(&state, b, None, &FieldErrors::default()).await
}

async fn download(
    state: AppState,
    b: Base,
    v: Viewer,
    origin: Origin,
    standard: Standard,
    q: FormQuery,
) -> Result<Response, PageError> {
    match exports::check(&state, &q.params()).await {
        Ok(choice) => Ok(exports::make(&state, &v, &origin, standard, &choice)
            .await?
            .into_response()),
        Err(ExportError::Invalid(mut e)) => {
            for f in &mut e.0 {
                f.field = format!("{}-{}", standard.code(), f.field);
            }
            page(&state, b, Some((standard, &q)), &e).await
        }
        Err(ExportError::Store(e)) => Err(e.into()),
    }
}

/// `GET /statistics/exports/htcds?format=&from=&to=&region=`
pub async fn htcds(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    q: PageQuery<FormQuery>,
) -> Result<Response, PageError> {
    download(state, b, v, origin, Standard::Htcds, q.0).await
}

/// `GET /statistics/exports/ctdc?format=&from=&to=&region=`
pub async fn ctdc(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    q: PageQuery<FormQuery>,
) -> Result<Response, PageError> {
    download(state, b, v, origin, Standard::Ctdc, q.0).await
}
