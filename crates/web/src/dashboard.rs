//! The figures of the statistics dashboards and of the annual report — one function,
//! [`section`], feeds both, so a report and the dashboard of the same year cannot disagree.
//!
//! Each section counts one kind of unit (a case, a service, a referral, a stay, a
//! consultation, a trained person). Its records form a *cube*: year × region × the section's
//! categories. Every view a reader can choose (a year or all years, a region or all regions)
//! shows cells of the cube's cross-tabulations of up to three columns — (year, region,
//! category) and their margins — so disclosure control runs once over all of them together
//! (`mayak_stats::sdc::protect`: cells of 1 to threshold − 1 hidden, complementary
//! suppression so no hidden cell follows from any published ones, in any view or by
//! differencing two views). The filters then only choose which published cells are shown.
//! Protections are cached by a digest of the records, so changing filters costs nothing.

use mayak_domain::ListKind;
use mayak_stats::marginals::Marginals;
use mayak_stats::sdc::{self, CellStatus, Protection};
use mayak_stats::table::TableBuilder;
use mayak_store::dashboard::{self as source, Record};
use mayak_store::{Store, StoreError};
use serde::Serialize;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};
use time::{Date, Month};

/// A dashboard section: one 4P component's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Hotline consultations (prevention).
    Hotline,
    /// Identified victims and persons who may have suffered (protection).
    Identification,
    /// Services provided (protection).
    Assistance,
    /// Referrals between partners and their times (partnership).
    Referrals,
    /// Stays at the rehabilitation centres (protection).
    Rehabilitation,
    /// Professionals trained (prosecution, capacity building).
    Trainings,
    /// Information campaigns and their reach (prevention).
    Campaigns,
}

impl Section {
    /// Every section, in the dashboard's order.
    pub const ALL: [Section; 7] = [
        Section::Hotline,
        Section::Identification,
        Section::Assistance,
        Section::Referrals,
        Section::Rehabilitation,
        Section::Trainings,
        Section::Campaigns,
    ];

    /// The path segment and anchor: `/statistics/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Hotline => "hotline",
            Section::Identification => "identification",
            Section::Assistance => "assistance",
            Section::Referrals => "referrals",
            Section::Rehabilitation => "rehabilitation",
            Section::Trainings => "trainings",
            Section::Campaigns => "campaigns",
        }
    }

    /// The section of a slug.
    pub fn parse(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The catalog key of its title.
    pub fn title_key(self) -> String {
        format!("stats-section-{}", self.slug())
    }

    /// The catalog key of the 4P component it belongs to.
    pub fn component_key(self) -> &'static str {
        match self {
            Section::Hotline | Section::Campaigns => "stats-component-prevention",
            Section::Identification | Section::Assistance | Section::Rehabilitation => {
                "stats-component-protection"
            }
            Section::Referrals => "stats-component-partnership",
            Section::Trainings => "stats-component-prosecution",
        }
    }

    /// Whether the region filter applies (campaign reach is not recorded by region).
    pub fn regional(self) -> bool {
        self != Section::Campaigns
    }
}

/// What a reader chose: a year or all years, a region or all regions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Filter {
    /// The year, or every year.
    pub year: Option<i32>,
    /// The region code, or every region.
    pub region: Option<String>,
}

/// A number as shown: a count, or hidden by disclosure control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// The count.
    Count(u64),
    /// Hidden: fewer than the threshold, or hidden so that such a cell cannot be recomputed.
    Suppressed,
}

impl Figure {
    /// The count, if shown.
    pub fn value(self) -> Option<u64> {
        match self {
            Figure::Count(n) => Some(n),
            Figure::Suppressed => None,
        }
    }
}

/// How the codes of a breakdown are named for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "of")]
pub enum Naming {
    /// Labels of a reference list.
    List(ListKind),
    /// Catalog messages `<prefix><code>`.
    Catalog(&'static str),
    /// The code itself (years).
    Plain,
}

/// One table of a section: the counts by one category, with their total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// Stable id (also the HTML id of its table and chart).
    pub id: &'static str,
    /// Catalog key of its title.
    pub title: &'static str,
    /// How its codes are named.
    pub naming: Naming,
    /// Code (empty = not recorded) and figure, in display order.
    pub rows: Vec<(String, Figure)>,
    /// The total of the rows (every unit falls in exactly one row).
    pub total: Figure,
    /// Whether the figures count people (and are therefore protected); reach sums are not.
    pub personal: bool,
    /// Whether a unit may fall in several rows (the topics of a consultation): the total then
    /// counts mentions, not units.
    pub multiple: bool,
}

impl Breakdown {
    /// Catalog key of the total's label: mentions where a unit may fall in several rows.
    pub fn total_label(&self) -> &'static str {
        if self.multiple {
            "stats-total-mentions"
        } else {
            "stats-total"
        }
    }
}

/// A figure that is not a count: a median, a rate, a sum of reach. Shown only when the units
/// it is computed over are at least the threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// Stable id.
    pub id: &'static str,
    /// Catalog key of its name.
    pub title: &'static str,
    /// The value, or `None` when too few units (or none) stand behind it.
    pub value: Option<f64>,
    /// Catalog key of the unit (days, per cent, …).
    pub unit: &'static str,
}

/// The figures of one section for one view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The section.
    pub section: Section,
    /// The view.
    pub filter: Filter,
    /// Catalog key of what is counted ("cases", "consultations", …).
    pub unit: &'static str,
    /// The number of units in the view.
    pub total: Figure,
    /// Non-count figures.
    pub measures: Vec<Measure>,
    /// The tables.
    pub breakdowns: Vec<Breakdown>,
    /// Every year with records (for the filter), ascending.
    pub years: Vec<i32>,
    /// Cells hidden in the whole cube: under the threshold, and complementary.
    pub hidden: (usize, usize),
}

/// Why figures could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DashboardError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Disclosure control failed (a defect or an impossible table).
    #[error("statistics: {0}")]
    Stats(String),
}

impl From<DashboardError> for crate::error::PageError {
    fn from(e: DashboardError) -> Self {
        match e {
            DashboardError::Store(s) => s.into(),
            DashboardError::Stats(msg) => {
                tracing::error!(error = %msg, "statistics failure");
                crate::error::PageError::Internal
            }
        }
    }
}

impl From<DashboardError> for crate::error::ApiError {
    fn from(e: DashboardError) -> Self {
        match e {
            DashboardError::Store(s) => s.into(),
            DashboardError::Stats(msg) => {
                tracing::error!(error = %msg, "statistics failure");
                crate::error::ApiError::Internal
            }
        }
    }
}

/// One category column of a cube.
struct Column {
    id: &'static str,
    title: &'static str,
    naming: Naming,
}

const fn col(id: &'static str, title: &'static str, naming: Naming) -> Column {
    Column { id, title, naming }
}

/// A protected cube: the records' cross-tabulations and what may be shown of them.
struct Cube {
    levels: Vec<Vec<String>>,
    marginals: Marginals,
    status: Vec<CellStatus>,
    hidden: (usize, usize),
}

impl Cube {
    fn build(records: &[Record], threshold: u32) -> Result<Cube, DashboardError> {
        let width = 2 + records.first().map_or(0, |r| r.values.len());
        // One row per combination the database counted, weighted by its count: the same
        // cross-tabulations (and so the same protection) as one row per unit.
        let mut b = TableBuilder::new((0..width).map(|i| format!("c{i}")).collect());
        let mut weights = Vec::with_capacity(records.len());
        for r in records {
            let mut row = Vec::with_capacity(width);
            row.push(r.year.to_string());
            row.push(r.region.clone());
            row.extend(r.values.iter().cloned());
            b.push(&row)
                .map_err(|e| DashboardError::Stats(e.to_string()))?;
            weights.push(r.count);
        }
        let table = b.finish();
        // Exactly the published tables: year × region, and year × category and region ×
        // category for each category, with their margins. Tables no view shows would only
        // link more small cells together; year × region × category is not published (with
        // both filters a view shows its total only), since nearly all its cells are small
        // and protecting them would hide most of the year and region figures too.
        let mut families: Vec<Vec<usize>> = vec![vec![0, 1]];
        for c in 2..width {
            families.push(vec![0, c]);
            families.push(vec![1, c]);
        }
        let marginals = Marginals::compute_families_weighted(&table, &weights, &families)
            .map_err(|e| DashboardError::Stats(e.to_string()))?;
        let status = if marginals.rows < threshold as usize {
            // Too few units for anything but zeros: every non-empty cell is hidden.
            marginals
                .tables
                .iter()
                .flat_map(|t| t.counts.iter())
                .map(|&c| {
                    if c == 0 {
                        CellStatus::Published
                    } else {
                        CellStatus::Primary
                    }
                })
                .collect()
        } else {
            let Protection { status, .. } = sdc::protect(&marginals, threshold)
                .map_err(|e| DashboardError::Stats(e.to_string()))?;
            status
        };
        let hidden = (
            status.iter().filter(|s| **s == CellStatus::Primary).count(),
            status
                .iter()
                .filter(|s| **s == CellStatus::Complementary)
                .count(),
        );
        let levels = (0..table.width())
            .map(|c| table.levels(c).to_vec())
            .collect();
        Ok(Cube {
            levels,
            marginals,
            status,
            hidden,
        })
    }

    /// The figure of the units matching `fixed` (column → value); `None` when a value never
    /// occurs, which means no unit matches.
    fn figure(&self, fixed: &[(usize, &str)]) -> Figure {
        let mut fixed: Vec<(usize, &str)> = fixed.to_vec();
        fixed.sort_by_key(|f| f.0);
        let columns: Vec<usize> = fixed.iter().map(|f| f.0).collect();
        let mut codes = Vec::with_capacity(fixed.len());
        for (c, v) in &fixed {
            match self
                .levels
                .get(*c)
                .and_then(|l| l.iter().position(|x| x == v))
            {
                Some(code) => codes.push(code),
                None => return Figure::Count(0),
            }
        }
        let Some(t) = self.marginals.table(&columns) else {
            return Figure::Suppressed;
        };
        let cell = t.offset + t.index_of(&codes);
        match self.status.get(cell) {
            Some(CellStatus::Published) => Figure::Count(u64::from(t.counts[t.index_of(&codes)])),
            _ => Figure::Suppressed,
        }
    }

    /// The filter's fixed columns.
    fn view<'a>(f: &'a Filter, year: &'a str) -> Vec<(usize, &'a str)> {
        let mut v = Vec::new();
        if f.year.is_some() {
            v.push((0, year));
        }
        if let Some(r) = &f.region {
            v.push((1, r.as_str()));
        }
        v
    }

    /// The breakdown of cube column `c` within the view, every level in `order` first (then
    /// the other values seen, then "not recorded").
    fn breakdown(&self, c: usize, column: &Column, f: &Filter, order: &[String]) -> Breakdown {
        let year = f.year.map(|y| y.to_string()).unwrap_or_default();
        let view = Cube::view(f, &year);
        let seen = self.levels.get(c).map_or(&[][..], |l| l.as_slice());
        // The list's order, for the values the records hold (a value of no list comes after).
        let mut codes: Vec<String> = order
            .iter()
            .filter(|o| !o.is_empty() && seen.contains(o))
            .cloned()
            .collect();
        if let Some(levels) = self.levels.get(c) {
            for l in levels.iter().skip(1) {
                if !codes.contains(l) {
                    codes.push(l.clone());
                }
            }
            if self.figure_with(&view, c, "") != Figure::Count(0) {
                codes.push(String::new());
            }
        }
        let rows = codes
            .into_iter()
            .map(|code| {
                let fig = self.figure_with(&view, c, &code);
                (code, fig)
            })
            .collect();
        Breakdown {
            id: column.id,
            title: column.title,
            naming: column.naming,
            rows,
            total: self.figure(&view),
            personal: true,
            multiple: false,
        }
    }

    fn figure_with(&self, view: &[(usize, &str)], c: usize, value: &str) -> Figure {
        let mut fixed = view.to_vec();
        fixed.push((c, value));
        self.figure(&fixed)
    }
}

fn digest(section: Section, threshold: u32, records: &[Record]) -> u64 {
    let mut h = DefaultHasher::new();
    section.hash(&mut h);
    threshold.hash(&mut h);
    records.hash(&mut h);
    h.finish()
}

/// Protected cubes by digest of their records, newest last.
type Cache = Mutex<Vec<(u64, Arc<Cube>)>>;

/// Protections already computed.
fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Vec::new()))
}

/// How many protected cubes the cache keeps.
const CACHED: usize = 16;

async fn cube(
    section: Section,
    threshold: u32,
    records: Vec<Record>,
) -> Result<Arc<Cube>, DashboardError> {
    let key = digest(section, threshold, &records);
    if let Ok(c) = cache().lock()
        && let Some((_, cube)) = c.iter().find(|(k, _)| *k == key)
    {
        return Ok(cube.clone());
    }
    // Disclosure control takes a while on large tables: keep it off the async workers.
    let cube = tokio::task::spawn_blocking(move || Cube::build(&records, threshold))
        .await
        .map_err(|e| DashboardError::Stats(e.to_string()))??;
    let cube = Arc::new(cube);
    if let Ok(mut c) = cache().lock() {
        if c.len() >= CACHED {
            c.remove(0);
        }
        c.push((key, cube.clone()));
    }
    Ok(cube)
}

fn years_of(records: &[Record]) -> Vec<i32> {
    let mut y: Vec<i32> = records.iter().map(|r| r.year).collect();
    y.sort_unstable();
    y.dedup();
    y
}

fn matches(r: &Record, f: &Filter) -> bool {
    in_view(r.year, &r.region, f)
}

fn in_view(year: i32, region: &str, f: &Filter) -> bool {
    f.year.is_none_or(|y| year == y) && f.region.as_deref().is_none_or(|g| region == g)
}

/// The median of `values`, shown only over at least `threshold` units.
fn median(mut values: Vec<i64>, threshold: u32) -> Option<f64> {
    if values.len() < threshold as usize {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    })
}

/// The codes of a reference list in its own order, restricted to those the cube shows (rows
/// appear as the list orders them: age bands from the youngest).
async fn list_order(store: &Store, kind: ListKind) -> Result<Vec<String>, DashboardError> {
    Ok(mayak_store::reference::list(store, kind, true)
        .await?
        .into_iter()
        .map(|e| e.code)
        .collect())
}

/// The section's figures for the view: one cube protected once, the view's cells read from it.
async fn from_cube(
    store: &Store,
    threshold: u32,
    section: Section,
    f: &Filter,
    unit: &'static str,
    records: Vec<Record>,
    columns: &[Column],
) -> Result<Figures, DashboardError> {
    let years = years_of(&records);
    let cube = cube(section, threshold, records).await?;
    let year = f.year.map(|y| y.to_string()).unwrap_or_default();
    let total = cube.figure(&Cube::view(f, &year));
    let mut breakdowns = Vec::new();
    if f.year.is_none() {
        let order: Vec<String> = years.iter().map(i32::to_string).collect();
        breakdowns.push(cube.breakdown(
            0,
            &col("by-year", "stats-by-year", Naming::Plain),
            f,
            &order,
        ));
    }
    if f.region.is_none() {
        let order = list_order(store, ListKind::Region).await?;
        breakdowns.push(cube.breakdown(
            1,
            &col(
                "by-region",
                "stats-by-region",
                Naming::List(ListKind::Region),
            ),
            f,
            &order,
        ));
    }
    for (i, c) in columns.iter().enumerate() {
        let order = match c.naming {
            Naming::List(kind) => list_order(store, kind).await?,
            _ => Vec::new(),
        };
        breakdowns.push(cube.breakdown(2 + i, c, f, &order));
    }
    Ok(Figures {
        section,
        filter: f.clone(),
        unit,
        total,
        measures: Vec::new(),
        breakdowns,
        years,
        hidden: cube.hidden,
    })
}

/// The figures of `section` in the view `f`, with cells under `threshold` hidden (the
/// configured disclosure threshold, at least [`sdc::DEFAULT_THRESHOLD`]). `today` ends the
/// running stays.
pub async fn section(
    store: &Store,
    threshold: u32,
    section: Section,
    f: &Filter,
    today: Date,
) -> Result<Figures, DashboardError> {
    use Naming::{Catalog, List};
    match section {
        Section::Identification => {
            let columns = [
                col("by-sex", "stats-by-sex", List(ListKind::Sex)),
                col("by-age-band", "stats-by-age-band", List(ListKind::AgeBand)),
                col(
                    "by-exploitation",
                    "stats-by-exploitation",
                    List(ListKind::ExploitationType),
                ),
                col("by-country", "stats-by-country", List(ListKind::Country)),
                col(
                    "by-legal-status",
                    "stats-by-legal-status",
                    List(ListKind::LegalStatus),
                ),
            ];
            let records = source::identification(store).await?;
            from_cube(
                store,
                threshold,
                section,
                f,
                "stats-unit-cases",
                records,
                &columns,
            )
            .await
        }
        Section::Assistance => {
            let columns = [
                col(
                    "by-service",
                    "stats-by-service",
                    List(ListKind::ServiceType),
                ),
                col(
                    "by-service-status",
                    "stats-by-service-status",
                    Catalog("service-status-"),
                ),
            ];
            let records = source::assistance(store).await?;
            from_cube(
                store,
                threshold,
                section,
                f,
                "stats-unit-services",
                records,
                &columns,
            )
            .await
        }
        Section::Referrals => {
            let columns = [
                col(
                    "by-kind",
                    "stats-by-referral-kind",
                    Catalog("stats-referral-kind-"),
                ),
                col(
                    "by-state",
                    "stats-by-referral-state",
                    Catalog("stats-referral-state-"),
                ),
            ];
            let records = source::referrals(store).await?;
            let times = source::referral_times(store).await?;
            let times: Vec<&source::ReferralTime> = times
                .iter()
                .filter(|t| in_view(t.year, &t.region, f))
                .collect();
            let accept = median(
                times.iter().filter_map(|r| r.days_to_accept).collect(),
                threshold,
            );
            let complete = median(
                times.iter().filter_map(|r| r.days_to_complete).collect(),
                threshold,
            );
            let mut fig = from_cube(
                store,
                threshold,
                section,
                f,
                "stats-unit-referrals",
                records,
                &columns,
            )
            .await?;
            fig.measures = vec![
                Measure {
                    id: "median-days-to-accept",
                    title: "stats-median-days-to-accept",
                    value: accept,
                    unit: "stats-unit-days",
                },
                Measure {
                    id: "median-days-to-complete",
                    title: "stats-median-days-to-complete",
                    value: complete,
                    unit: "stats-unit-days",
                },
            ];
            Ok(fig)
        }
        Section::Rehabilitation => {
            let columns = [
                col(
                    "by-shift-kind",
                    "stats-by-shift-kind",
                    List(ListKind::ShiftKind),
                ),
                col("by-sex", "stats-by-sex", List(ListKind::Sex)),
                col("by-age-band", "stats-by-age-band", List(ListKind::AgeBand)),
                col(
                    "by-citizenship",
                    "stats-by-citizenship-kind",
                    Catalog("rehab-citizenship-"),
                ),
            ];
            let records = source::stays(store).await?;
            let stays_in_view: u64 = records
                .iter()
                .filter(|r| matches(r, f))
                .map(|r| u64::from(r.count))
                .sum();
            let mut fig = from_cube(
                store,
                threshold,
                section,
                f,
                "stats-unit-stays",
                records,
                &columns,
            )
            .await?;
            // Occupancy is the centres' together, so it is shown without a region filter.
            let (rate, length) = if f.region.is_none() && stays_in_view >= u64::from(threshold) {
                let (from, to) = match f.year {
                    Some(y) => (year_start(y), year_start(y + 1)),
                    None => (
                        fig.years.first().map_or(today, |y| year_start(*y)),
                        today.next_day().unwrap_or(today),
                    ),
                };
                let st = mayak_store::rehab::stats(store, from, to, today).await?;
                (st.occupancy_rate, st.average_length)
            } else {
                (None, None)
            };
            fig.measures = vec![
                Measure {
                    id: "occupancy-rate",
                    title: "stats-occupancy-rate",
                    value: rate,
                    unit: "stats-unit-percent",
                },
                Measure {
                    id: "average-length",
                    title: "stats-average-length",
                    value: length,
                    unit: "stats-unit-nights",
                },
            ];
            Ok(fig)
        }
        Section::Trainings => {
            let columns = [
                col("by-sex", "stats-by-sex", List(ListKind::Sex)),
                col(
                    "by-organisation-type",
                    "stats-by-organisation-type",
                    List(ListKind::OrganisationType),
                ),
                col("by-mdg", "stats-by-mdg", Catalog("stats-mdg-")),
            ];
            let rows = mayak_store::trainings::trained(store).await?;
            let gains: Vec<f64> = rows
                .iter()
                .filter(|t| {
                    f.year.is_none_or(|y| t.year == y)
                        && f.region.as_ref().is_none_or(|g| &t.region == g)
                })
                .filter_map(|t| match (t.pre, t.post) {
                    (Some(a), Some(b)) if t.max_score > 0 => {
                        Some((b - a) as f64 * 100.0 / t.max_score as f64)
                    }
                    _ => None,
                })
                .collect();
            let gain = (gains.len() >= threshold as usize)
                .then(|| gains.iter().sum::<f64>() / gains.len() as f64);
            let records = rows
                .into_iter()
                .map(|t| Record {
                    year: t.year,
                    region: t.region,
                    values: vec![
                        t.sex,
                        t.org_type,
                        if t.mdg_member { "yes" } else { "no" }.to_owned(),
                    ],
                    count: 1,
                })
                .collect();
            let mut fig = from_cube(
                store,
                threshold,
                section,
                f,
                "stats-unit-trained",
                records,
                &columns,
            )
            .await?;
            fig.measures = vec![Measure {
                id: "knowledge-gain",
                title: "stats-knowledge-gain",
                value: gain,
                unit: "stats-unit-points",
            }];
            Ok(fig)
        }
        Section::Hotline => {
            let columns = [
                col(
                    "by-channel",
                    "stats-by-channel",
                    List(ListKind::HotlineChannel),
                ),
                col("by-sex", "stats-by-sex", List(ListKind::Sex)),
                col("by-age-band", "stats-by-age-band", List(ListKind::AgeBand)),
                col(
                    "by-caller-type",
                    "stats-by-caller-type",
                    List(ListKind::CallerType),
                ),
                col(
                    "by-outcome",
                    "stats-by-outcome",
                    List(ListKind::HotlineOutcome),
                ),
                col(
                    "by-destination",
                    "stats-by-destination",
                    List(ListKind::Country),
                ),
            ];
            let records = source::consultations(store).await?;
            let mut fig = from_cube(
                store,
                threshold,
                section,
                f,
                "stats-unit-consultations",
                records,
                &columns,
            )
            .await?;
            // Topics are many per consultation: their own cube of mentions, protected on its
            // own (its margins are mentions, which no consultation table publishes).
            let mentions = source::consultation_topics(store).await?;
            let topics = cube(section, threshold, mentions).await?;
            let order = list_order(store, ListKind::HotlineTopic).await?;
            let mut by_topic = topics.breakdown(
                2,
                &col("by-topic", "stats-by-topic", List(ListKind::HotlineTopic)),
                f,
                &order,
            );
            by_topic.multiple = true;
            // First of the categories, after the year and region tables.
            let at = fig
                .breakdowns
                .iter()
                .take_while(|b| b.id == "by-year" || b.id == "by-region")
                .count();
            fig.breakdowns.insert(at, by_topic);
            fig.hidden.0 += topics.hidden.0;
            fig.hidden.1 += topics.hidden.1;
            Ok(fig)
        }
        Section::Campaigns => campaigns(store, f).await,
    }
}

fn year_start(y: i32) -> Date {
    Date::from_calendar_date(y, Month::January, 1).unwrap_or(Date::MIN)
}

/// Campaigns: how many ran, and their reach by theme (views, participants, copies). Reach
/// adds up measurements, not people, so it is not suppressed; it is not kept by region.
async fn campaigns(store: &Store, f: &Filter) -> Result<Figures, DashboardError> {
    let list = mayak_store::prevention::list_campaigns(store).await?;
    let reach = mayak_store::prevention::reach_stats(store).await?;
    let mut years: Vec<i32> = list
        .iter()
        .flat_map(|c| c.starts_on.year()..=c.ends_on.map_or(c.starts_on.year(), |d| d.year()))
        .chain(reach.by_year_theme.keys().map(|k| k.0))
        .collect();
    years.sort_unstable();
    years.dedup();
    let running = |c: &mayak_store::prevention::Campaign| {
        f.year
            .is_none_or(|y| c.starts_on.year() <= y && c.ends_on.is_none_or(|e| e.year() >= y))
    };
    let mut by_theme: std::collections::BTreeMap<String, u64> = Default::default();
    for c in list.iter().filter(|c| running(c)) {
        *by_theme.entry(c.theme.clone()).or_default() += 1;
    }
    let mut views: std::collections::BTreeMap<String, u64> = Default::default();
    let mut participants: std::collections::BTreeMap<String, u64> = Default::default();
    let mut copies: std::collections::BTreeMap<String, u64> = Default::default();
    for ((y, theme), r) in &reach.by_year_theme {
        if f.year.is_none_or(|fy| fy == *y) {
            *views.entry(theme.clone()).or_default() += r.views.max(0) as u64;
            *participants.entry(theme.clone()).or_default() += r.participants.max(0) as u64;
            *copies.entry(theme.clone()).or_default() += r.copies.max(0) as u64;
        }
    }
    let table = |id, title, m: std::collections::BTreeMap<String, u64>| Breakdown {
        id,
        title,
        naming: Naming::List(ListKind::CampaignTheme),
        total: Figure::Count(m.values().sum()),
        rows: m.into_iter().map(|(k, v)| (k, Figure::Count(v))).collect(),
        personal: false,
        multiple: false,
    };
    let count = by_theme.values().sum();
    Ok(Figures {
        section: Section::Campaigns,
        filter: Filter {
            year: f.year,
            region: None,
        },
        unit: "stats-unit-campaigns",
        total: Figure::Count(count),
        measures: Vec::new(),
        breakdowns: vec![
            table("by-theme", "stats-campaigns-by-theme", by_theme),
            table("views", "stats-reach-views", views),
            table("participants", "stats-reach-participants", participants),
            table("copies", "stats-reach-copies", copies),
        ],
        years,
        hidden: (0, 0),
    })
}

/// Every section's figures for one view: the annual report's content.
pub async fn all(
    store: &Store,
    threshold: u32,
    f: &Filter,
    today: Date,
) -> Result<Vec<Figures>, DashboardError> {
    let mut out = Vec::with_capacity(Section::ALL.len());
    for s in Section::ALL {
        out.push(section(store, threshold, s, f, today).await?);
    }
    Ok(out)
}

/// Names of codes for people, in one language: reference-list labels and catalog messages.
pub struct Names {
    tr: crate::i18n::Tr,
    lists: std::collections::HashMap<(ListKind, String), String>,
}

impl Names {
    /// Loads the labels of every list the sections use.
    pub async fn load(store: &Store, tr: crate::i18n::Tr) -> Result<Self, StoreError> {
        let mut lists = std::collections::HashMap::new();
        for kind in [
            ListKind::Region,
            ListKind::Sex,
            ListKind::AgeBand,
            ListKind::ExploitationType,
            ListKind::Country,
            ListKind::LegalStatus,
            ListKind::ServiceType,
            ListKind::ShiftKind,
            ListKind::OrganisationType,
            ListKind::HotlineChannel,
            ListKind::CallerType,
            ListKind::HotlineOutcome,
            ListKind::HotlineTopic,
            ListKind::CampaignTheme,
        ] {
            for e in mayak_store::reference::list(store, kind, true).await? {
                lists.insert((kind, e.code.clone()), e.label(tr.lang).to_owned());
            }
        }
        Ok(Self { tr, lists })
    }

    /// A message of the catalog.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// A message with arguments.
    pub fn ts(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.tr.ts(key, args)
    }

    /// The name of `code` in a breakdown named by `naming`.
    pub fn of(&self, naming: Naming, code: &str) -> String {
        if code.is_empty() {
            return self.tr.t("stats-not-recorded");
        }
        match naming {
            Naming::List(kind) => self
                .lists
                .get(&(kind, code.to_owned()))
                .cloned()
                .unwrap_or_else(|| code.to_owned()),
            Naming::Catalog(prefix) => self.tr.t(&format!("{prefix}{code}")),
            Naming::Plain => code.to_owned(),
        }
    }

    /// A figure as text: the count with thin-space thousands, or the suppression mark.
    pub fn figure(&self, f: Figure) -> String {
        match f {
            Figure::Count(n) => mayak_render::svg::group(n as i64),
            Figure::Suppressed => self.tr.t("stats-suppressed-mark"),
        }
    }

    /// A measure's value as text, or "not shown".
    pub fn measure(&self, m: &Measure) -> String {
        match m.value {
            Some(v) => format!("{v:.1} {}", self.tr.t(m.unit)),
            None => self.tr.t("stats-measure-withheld"),
        }
    }

    /// The region's name for the heading of a view.
    pub fn view(&self, f: &Filter) -> String {
        let year = f
            .year
            .map_or_else(|| self.tr.t("stats-all-years"), |y| y.to_string());
        let region = f.region.as_deref().map_or_else(
            || self.tr.t("stats-all-regions"),
            |r| self.of(Naming::List(ListKind::Region), r),
        );
        format!("{year} · {region}")
    }

    /// The language.
    pub fn lang(&self) -> mayak_domain::Lang {
        self.tr.lang
    }
}

/// The bar chart of a breakdown (shown rows only), with a title and a description for screen
/// readers; the same numbers are in the table under it.
pub fn chart(names: &Names, prefix: &str, b: &Breakdown) -> String {
    let bars: Vec<(String, f64)> = b
        .rows
        .iter()
        .filter_map(|(code, f)| f.value().map(|v| (names.of(b.naming, code), v as f64)))
        .collect();
    let id = format!("{prefix}-{}", b.id);
    let title = names.t(b.title);
    let hidden = b.rows.iter().filter(|r| r.1 == Figure::Suppressed).count();
    let desc = names.ts(
        "stats-chart-desc",
        &[
            ("shown", bars.len().to_string().as_str()),
            ("hidden", hidden.to_string().as_str()),
        ],
    );
    let svg = mayak_render::svg::bar_chart(&id, &title, &bars, "");
    svg.replacen(
        "</title>",
        &format!(
            "</title><desc id=\"{id}-d\">{}</desc>",
            mayak_render::svg::escape(&desc)
        ),
        1,
    )
    .replacen(
        &format!("aria-labelledby=\"{id}-t\""),
        &format!("aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\""),
        1,
    )
}
