//! `GET /referrals/statistics`: how the referral mechanism performs in a period and region —
//! time to acceptance and to completion (median and 90th percentile), decline reasons, by
//! receiving organisation, region and requested service — as server-drawn charts and the same
//! numbers in tables. Every figure comes from [`mayak_store::referral_stats`], which hides
//! small counts: the page is seen by people outside the organisations involved.

use super::referrals::Names;
use super::statistics::{RegionOption, regions};
use super::{Base, PageQuery, render};
use crate::AppState;
use crate::error::PageError;
use crate::forms::{Errors, parse_date};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mayak_domain::{FieldError, FieldErrors};
use mayak_render::svg;
use mayak_store::referral_stats::{self, Filter, Line, THRESHOLD, Timing};
use serde::Deserialize;
use std::collections::HashMap;

/// The filters: a period of sending (`from`, `to`, both days included) and the case's region.
#[derive(Debug, Deserialize, Default)]
pub struct StatsQuery {
    from: Option<String>,
    to: Option<String>,
    region: Option<String>,
}

/// Checks the filters; wrong ones are reported and left out of the view.
fn parse_filter(q: &StatsQuery, regions: &[RegionOption], e: &mut FieldErrors) -> Filter {
    let mut f = Filter {
        from: parse_date("from", q.from.as_deref().unwrap_or(""), e, false),
        to: parse_date("to", q.to.as_deref().unwrap_or(""), e, false),
        region: None,
    };
    if let (Some(a), Some(b)) = (f.from, f.to)
        && a > b
    {
        e.push(FieldError::new("to", "nrm_stats_period_order"));
        f.to = None;
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

/// One row as shown.
pub struct RowView {
    /// Name of the partner, region or service.
    pub label: String,
    /// Referrals sent, or the mark of a hidden count.
    pub sent: String,
    /// Declined.
    pub declined: String,
    /// Median and 90th percentile to acceptance.
    pub accept: (String, String),
    /// Median and 90th percentile to completion.
    pub complete: (String, String),
}

/// One breakdown as shown.
pub struct TableView {
    /// HTML id.
    pub id: &'static str,
    /// Title.
    pub title: String,
    /// Chart of the median time to acceptance.
    pub chart: String,
    /// Rows.
    pub rows: Vec<RowView>,
}

#[derive(Template)]
#[template(path = "referral_stats.html")]
struct StatsPage {
    b: Base,
    errors: Errors,
    from: String,
    to: String,
    region: String,
    regions: Vec<RegionOption>,
    total: RowView,
    tables: Vec<TableView>,
    reasons: Vec<(String, String)>,
    reasons_chart: String,
    threshold: u64,
    hidden: String,
}

fn count(b: &Base, n: Option<u64>) -> String {
    n.map_or_else(|| b.t("stats-suppressed-mark"), |n| svg::group(n as i64))
}

/// Hours under two days, days from two days on.
fn duration(b: &Base, hours: f64) -> String {
    if hours < 48.0 {
        b.ts("nrm-stats-hours", &[("n", format!("{hours:.1}").as_str())])
    } else {
        b.ts(
            "nrm-stats-days",
            &[("n", format!("{:.1}", hours / 24.0).as_str())],
        )
    }
}

fn timing(b: &Base, t: Option<Timing>) -> (String, String) {
    match t {
        Some(t) => (duration(b, t.median), duration(b, t.p90)),
        None => (b.t("nrm-stats-withheld"), b.t("nrm-stats-withheld")),
    }
}

fn row(b: &Base, label: String, l: &Line) -> RowView {
    RowView {
        label,
        sent: count(b, l.sent),
        declined: count(b, l.declined),
        accept: timing(b, l.to_accept),
        complete: timing(b, l.to_complete),
    }
}

fn table(
    b: &Base,
    id: &'static str,
    title: &str,
    lines: &[Line],
    name: impl Fn(&str) -> String,
) -> TableView {
    let title = b.t(title);
    let bars: Vec<(String, f64)> = lines
        .iter()
        .filter_map(|l| l.to_accept.map(|t| (name(&l.key), t.median / 24.0)))
        .collect();
    TableView {
        id,
        chart: svg::bar_chart(
            id,
            &b.ts("nrm-stats-chart-accept", &[("by", title.as_str())]),
            &bars,
            &b.t("nrm-stats-unit-days"),
        ),
        rows: lines.iter().map(|l| row(b, name(&l.key), l)).collect(),
        title,
    }
}

/// `GET /referrals/statistics?from=&to=&region=`.
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<StatsQuery>,
) -> Result<Response, PageError> {
    let regions = regions(&state, &b).await?;
    let mut e = FieldErrors::default();
    let filter = parse_filter(&q.0, &regions, &mut e);
    let threshold = u64::from(state.config.disclosure_threshold).max(THRESHOLD);
    let st = referral_stats::compute(&state.store, &filter, threshold).await?;
    let names = Names::load(&state, b.lang()).await?;
    let region_names: HashMap<&str, &str> = regions
        .iter()
        .map(|r| (r.code.as_str(), r.label.as_str()))
        .collect();
    let region_name = |c: &str| {
        region_names
            .get(c)
            .map_or_else(|| b.t("nrm-stats-no-region"), |s| (*s).to_owned())
    };
    let org_name = |k: &str| k.parse::<i64>().map(|id| names.org(id)).unwrap_or_default();
    let tables = vec![
        table(
            &b,
            "by-partner",
            "nrm-stats-by-partner",
            &st.by_partner,
            org_name,
        ),
        table(
            &b,
            "by-region",
            "nrm-stats-by-region",
            &st.by_region,
            region_name,
        ),
        table(
            &b,
            "by-service",
            "nrm-stats-by-service",
            &st.by_service,
            |c| names.service(c),
        ),
    ];
    let reason = |c: &str| b.t(&format!("decline-reason-{c}"));
    let reasons_chart = svg::bar_chart(
        "decline-reasons",
        &b.t("nrm-stats-decline-reasons"),
        &st.decline_reasons
            .iter()
            .filter_map(|(c, n)| n.map(|n| (reason(c), n as f64)))
            .collect::<Vec<_>>(),
        "",
    );
    let reasons = st
        .decline_reasons
        .iter()
        .map(|(c, n)| (reason(c), count(&b, *n)))
        .collect();
    let page = StatsPage {
        errors: Errors::from(&b.tr, &e),
        from: filter.from.map(|d| d.to_string()).unwrap_or_default(),
        to: filter.to.map(|d| d.to_string()).unwrap_or_default(),
        region: filter.region.clone().unwrap_or_default(),
        total: row(&b, b.t("stats-total"), &st.total),
        tables,
        reasons,
        reasons_chart,
        threshold,
        hidden: b.t("stats-suppressed-mark"),
        regions,
        b,
    };
    render(&page)
}
