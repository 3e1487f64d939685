//! The statistics dashboards: an overview of the 4P components and one page per section with
//! its filters (year, region — a GET form, nothing identifying in the URL), a server-drawn SVG
//! chart and the same numbers as a table under each. Every figure comes from
//! [`crate::dashboard::section`], so hidden cells stay hidden here and in the annual report.

use super::{Base, PageQuery, render};
use crate::AppState;
use crate::dashboard::{self, Figure, Figures, Filter, Names, Section};
use crate::error::PageError;
use crate::forms::Errors;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use mayak_domain::{FieldError, FieldErrors, ListKind};
use serde::Deserialize;

/// The filters of a section page.
#[derive(Debug, Deserialize, Default)]
pub struct ViewQuery {
    year: Option<String>,
    region: Option<String>,
}

/// A region to choose.
pub struct RegionOption {
    /// Code.
    pub code: String,
    /// Label.
    pub label: String,
}

/// The first year a report may cover: Belarus's records start after independence.
pub const FIRST_YEAR: i32 = 1991;

/// A year between [`FIRST_YEAR`] and this year, or the error saying so.
pub fn parse_year(field: &str, raw: &str, this_year: i32) -> Result<i32, FieldError> {
    match raw.trim().parse::<i32>() {
        Ok(y) if (FIRST_YEAR..=this_year).contains(&y) => Ok(y),
        _ => Err(FieldError::new(field, "stats_year")
            .with("first", FIRST_YEAR.to_string())
            .with("last", this_year.to_string())),
    }
}

/// Checks the filters: a possible year (or none; a year without records shows zeros), a
/// region of the reference list (or none). Wrong values are reported and the view falls back
/// to all years / all regions.
pub fn parse_filter(
    q: &ViewQuery,
    this_year: i32,
    regions: &[RegionOption],
    e: &mut FieldErrors,
) -> Filter {
    let mut f = Filter::default();
    if let Some(y) = q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        match parse_year("year", y, this_year) {
            Ok(y) => f.year = Some(y),
            Err(err) => e.push(err),
        }
    }
    if let Some(r) = q.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        if regions.iter().any(|o| o.code == r) {
            f.region = Some(r.to_owned());
        } else {
            e.push(FieldError::new("region", "unknown_code"));
        }
    }
    f
}

/// The regions of the reference list (retired ones too: old records keep them).
pub async fn regions(state: &AppState, b: &Base) -> Result<Vec<RegionOption>, PageError> {
    Ok(
        mayak_store::reference::list(&state.store, ListKind::Region, true)
            .await?
            .into_iter()
            .map(|e| RegionOption {
                label: e.label(b.lang()).to_owned(),
                code: e.code,
            })
            .collect(),
    )
}

/// One row of a table as shown.
pub struct RowView {
    /// The code's name.
    pub label: String,
    /// The count, or the suppression mark.
    pub value: String,
    /// Hidden by disclosure control.
    pub suppressed: bool,
}

/// One breakdown as shown: chart and table.
pub struct TableView {
    /// HTML id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The SVG chart.
    pub chart: String,
    /// Rows.
    pub rows: Vec<RowView>,
    /// Total.
    pub total: String,
    /// Whether the figures count people (and are suppressed below the threshold).
    pub personal: bool,
    /// Whether a unit may fall in several rows (the total counts mentions).
    pub multiple: bool,
}

/// Tables of a section as shown.
pub fn tables(names: &Names, fig: &Figures) -> Vec<TableView> {
    fig.breakdowns
        .iter()
        .map(|bd| TableView {
            id: bd.id.to_owned(),
            title: names.t(bd.title),
            chart: dashboard::chart(names, fig.section.slug(), bd),
            rows: bd
                .rows
                .iter()
                .map(|(code, f)| RowView {
                    label: names.of(bd.naming, code),
                    value: names.figure(*f),
                    suppressed: *f == Figure::Suppressed,
                })
                .collect(),
            total: names.figure(bd.total),
            personal: bd.personal,
            multiple: bd.multiple,
        })
        .collect()
}

/// A link of the overview.
pub struct SectionLink {
    /// Slug.
    pub slug: &'static str,
    /// Title.
    pub title: String,
    /// The 4P component.
    pub component: String,
}

#[derive(Template)]
#[template(path = "statistics_index.html")]
struct IndexPage {
    b: Base,
    sections: Vec<SectionLink>,
    years: Vec<i32>,
    threshold: u32,
    errors: Errors,
    /// Preselected: the last complete year.
    last_year: i32,
}

/// `GET /statistics`: the sections by 4P component and the annual report's download form.
pub async fn index(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    index_page(&state, b, &FieldErrors::default()).await
}

async fn index_page(state: &AppState, b: Base, e: &FieldErrors) -> Result<Response, PageError> {
    let years = report_years(state).await?;
    let page = IndexPage {
        last_year: state.clock.now().year() - 1,
        errors: Errors::from(&b.tr, e),
        sections: Section::ALL
            .iter()
            .map(|s| SectionLink {
                slug: s.slug(),
                title: b.t(&s.title_key()),
                component: b.t(s.component_key()),
            })
            .collect(),
        years,
        threshold: state.config.disclosure_threshold,
        b,
    };
    render(&page)
}

/// Years a report can be made for: those with registered cases or hotline consultations.
pub async fn report_years(state: &AppState) -> Result<Vec<i32>, PageError> {
    let today = state.clock.now().date();
    let mut years = dashboard::section(
        &state.store,
        state.config.disclosure_threshold,
        Section::Identification,
        &Filter::default(),
        today,
    )
    .await?
    .years;
    years.extend(
        dashboard::section(
            &state.store,
            state.config.disclosure_threshold,
            Section::Hotline,
            &Filter::default(),
            today,
        )
        .await?
        .years,
    );
    years.sort_unstable();
    years.dedup();
    years.reverse();
    Ok(years)
}

#[derive(Template)]
#[template(path = "statistics_section.html")]
struct SectionPage {
    b: Base,
    slug: &'static str,
    title: String,
    component: String,
    unit: String,
    view: String,
    total: String,
    measures: Vec<(String, String, String)>,
    tables: Vec<TableView>,
    years: Vec<i32>,
    regions: Vec<RegionOption>,
    regional: bool,
    year: String,
    region: String,
    errors: Errors,
    threshold: u32,
    sections: Vec<SectionLink>,
}

/// `GET /statistics/{section}?year=&region=`: one section's figures for the chosen view.
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    Path(slug): Path<String>,
    q: PageQuery<ViewQuery>,
) -> Result<Response, PageError> {
    let section = Section::parse(&slug).ok_or(PageError::NotFound)?;
    let today = state.clock.now().date();
    let threshold = state.config.disclosure_threshold;
    let all =
        dashboard::section(&state.store, threshold, section, &Filter::default(), today).await?;
    let regions = regions(&state, &b).await?;
    let mut e = FieldErrors::default();
    let mut filter = parse_filter(&q.0, today.year(), &regions, &mut e);
    if !section.regional() {
        filter.region = None;
    }
    let all_years = all.years.clone();
    let fig = if filter == Filter::default() {
        all
    } else {
        dashboard::section(&state.store, threshold, section, &filter, today).await?
    };
    let names = Names::load(&state.store, b.tr.clone()).await?;
    let page = SectionPage {
        slug: section.slug(),
        title: b.t(&section.title_key()),
        component: b.t(section.component_key()),
        unit: b.t(fig.unit),
        view: names.view(&fig.filter),
        total: names.figure(fig.total),
        measures: fig
            .measures
            .iter()
            .map(|m| (m.id.to_owned(), names.t(m.title), names.measure(m)))
            .collect(),
        tables: tables(&names, &fig),
        years: {
            let mut y = all_years.clone();
            y.extend(fig.filter.year);
            y.sort_unstable();
            y.dedup();
            y.reverse();
            y
        },
        regional: section.regional(),
        regions,
        year: fig.filter.year.map(|y| y.to_string()).unwrap_or_default(),
        region: fig.filter.region.clone().unwrap_or_default(),
        errors: Errors::from(&b.tr, &e),
        threshold: state.config.disclosure_threshold,
        sections: Section::ALL
            .iter()
            .map(|s| SectionLink {
                slug: s.slug(),
                title: b.t(&s.title_key()),
                component: b.t(s.component_key()),
            })
            .collect(),
        b,
    };
    render(&page)
}

/// The annual report's choices.
#[derive(Debug, Deserialize, Default)]
pub struct ReportQuery {
    year: Option<String>,
    language: Option<String>,
    format: Option<String>,
}

/// `GET /statistics/report?year=&language=&format=`: the annual report as a download, built
/// from the dashboards' figures. Wrong choices are explained on the overview.
pub async fn report(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<ReportQuery>,
) -> Result<Response, PageError> {
    let this_year = state.clock.now().year();
    let mut e = FieldErrors::default();
    let year = match q.0.year.as_deref().map(str::trim) {
        None | Some("") => {
            e.push(FieldError::required("report-year"));
            None
        }
        Some(y) => match parse_year("report-year", y, this_year) {
            Ok(y) => Some(y),
            Err(err) => {
                e.push(err);
                None
            }
        },
    };
    let lang = match q.0.language.as_deref().map(str::trim) {
        None | Some("") => Some(b.lang()),
        Some(l) => {
            let found = mayak_domain::Lang::ALL
                .iter()
                .copied()
                .find(|x| x.code() == l);
            if found.is_none() {
                e.push(FieldError::unknown_code("report-lang"));
            }
            found
        }
    };
    let format = match crate::report::Format::parse(q.0.format.as_deref().unwrap_or("pdf")) {
        Some(f) => Some(f),
        None => {
            e.push(FieldError::unknown_code("report-format"));
            None
        }
    };
    let (Some(year), Some(lang), Some(format)) = (year, lang, format) else {
        return index_page(&state, b, &e).await;
    };
    let today = state.clock.now().date();
    let r = crate::report::Report::build(
        &state.store,
        state.config.disclosure_threshold,
        state.catalogs.clone(),
        lang,
        year,
        today,
    )
    .await?;
    let bytes = r.render(format)?;
    let mut res = axum::response::IntoResponse::into_response(bytes);
    let h = res.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        r.file_name(format)
    )) {
        h.insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
