//! What statistics read: the pseudonymous case facts and exploitation profiles of the cases
//! that may be counted. Nothing identifying is read here — no person, no code, no dates finer
//! than the month count of an episode.
//!
//! A case is counted when the person is an identified victim or may have suffered (not when
//! identification found otherwise) and an active consent to anonymised statistics is on file.

use crate::db::Store;
use crate::error::Result;
use std::collections::{BTreeSet, HashMap};
use time::Date;

/// One countable case, in Mayak's own codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsCase {
    /// Year of registration.
    pub year: i32,
    /// Sex code.
    pub sex: String,
    /// Age band code.
    pub age_band: Option<String>,
    /// Citizenship, ISO alpha-2.
    pub citizenship: Option<String>,
    /// Country of exploitation, ISO alpha-2: the case's, else the first episode's.
    pub country_of_exploitation: Option<String>,
    /// Months from the first episode's start to the last one's end, when both are known.
    pub months: Option<u32>,
    /// Exploitation types of the case and its episodes.
    pub exploitation: BTreeSet<String>,
    /// Labour types.
    pub labour: BTreeSet<String>,
    /// Sexual exploitation types.
    pub sexual: BTreeSet<String>,
    /// Means of control.
    pub means: BTreeSet<String>,
    /// Recruiter relations.
    pub recruiter: BTreeSet<String>,
}

impl StatsCase {
    /// The case in the CTDC codebook's terms, its countries in ISO alpha-3 (`alpha3` from
    /// [`alpha3`]; a country without an alpha-3 code is left unknown).
    pub fn ctdc(&self, alpha3: &HashMap<String, String>) -> mayak_stats::ctdc::CaseFacts {
        let a3 = |x: &Option<String>| x.as_ref().and_then(|a2| alpha3.get(a2).cloned());
        mayak_stats::ctdc::CaseFacts {
            year: self.year,
            sex: self.sex.clone(),
            age_band: self.age_band.clone(),
            citizenship: a3(&self.citizenship),
            country_of_exploitation: a3(&self.country_of_exploitation),
            months: self.months,
            exploitation: self.exploitation.clone(),
            labour: self.labour.clone(),
            sexual: self.sexual.clone(),
            means: self.means.clone(),
            recruiter: self.recruiter.clone(),
        }
    }
}

/// The countable cases, and how many other cases were left out for want of consent.
#[derive(Debug, Clone, Default)]
pub struct StatsSource {
    /// The cases counted.
    pub cases: Vec<StatsCase>,
    /// Cases not counted: no active consent to anonymised statistics.
    pub without_consent: usize,
    /// Cases not counted: identification found the person was not a victim.
    pub not_confirmed: usize,
}

type CaseRow = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    bool,
);

type EpisodeRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<Date>,
    Option<Date>,
);

fn codes(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(',').filter(|x| !x.is_empty()).map(str::to_owned)
}

/// Which cases to read: registered in a period, of a region (`None`: no bound).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFilter {
    /// Registered on or after.
    pub registered_from: Option<Date>,
    /// Registered on or before.
    pub registered_until: Option<Date>,
    /// Region code.
    pub region: Option<String>,
}

/// Reads the countable cases.
pub async fn source(store: &Store) -> Result<StatsSource> {
    source_filtered(store, &SourceFilter::default()).await
}

/// Reads the countable cases the filter selects.
pub async fn source_filtered(store: &Store, f: &SourceFilter) -> Result<StatsSource> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<CaseRow> = sqlx::query_as(
            "SELECT c.id, CAST(c.year AS BIGINT), c.sex, c.age_band, c.citizenship, c.exploitation_type, c.country_of_exploitation, c.legal_status, \
             EXISTS (SELECT 1 FROM consent k WHERE k.case_id = c.id AND k.purpose = 'AnonymisedStatistics' AND k.withdrawn_on IS NULL) \
             FROM case_file c WHERE ($1 IS NULL OR c.registered_on >= $1) AND ($2 IS NULL OR c.registered_on <= $2) \
             AND ($3 IS NULL OR c.region = $3) ORDER BY c.id",
        )
        .bind(f.registered_from)
        .bind(f.registered_until)
        .bind(f.region.as_deref())
        .fetch_all(p)
        .await?;
        let episodes: Vec<EpisodeRow> = sqlx::query_as(
            "SELECT case_id, exploitation_types, labour_types, sexual_types, means_of_control, recruiter_relation, country, started_on, ended_on \
             FROM case_episode ORDER BY case_id, id",
        )
        .fetch_all(p)
        .await?;
        let mut by_case: HashMap<i64, Vec<EpisodeRow>> = HashMap::new();
        for e in episodes {
            by_case.entry(e.0).or_default().push(e);
        }
        let mut out = StatsSource::default();
        for (id, year, sex, age_band, citizenship, exploitation, country, legal, consent) in rows {
            if legal == "NotConfirmed" {
                out.not_confirmed += 1;
                continue;
            }
            if !consent {
                out.without_consent += 1;
                continue;
            }
            let mut c = StatsCase {
                year: year as i32,
                sex,
                age_band,
                citizenship,
                country_of_exploitation: country,
                ..Default::default()
            };
            c.exploitation.extend(exploitation);
            let eps = by_case.remove(&id).unwrap_or_default();
            let (mut start, mut end): (Option<Date>, Option<Date>) = (None, None);
            for (_, ex, lab, sexl, means, rel, ecountry, s, e) in eps {
                c.exploitation.extend(codes(&ex));
                c.labour.extend(codes(&lab));
                c.sexual.extend(codes(&sexl));
                c.means.extend(codes(&means));
                c.recruiter.extend(rel.filter(|r| r != "Unknown"));
                if c.country_of_exploitation.is_none() {
                    c.country_of_exploitation = ecountry;
                }
                start = match (start, s) { (Some(a), Some(b)) => Some(a.min(b)), (a, b) => a.or(b) };
                end = match (end, e) { (Some(a), Some(b)) => Some(a.max(b)), (a, b) => a.or(b) };
            }
            if let (Some(s), Some(e)) = (start, end) {
                let days = (e - s).whole_days().max(0);
                c.months = Some((days as f64 / 30.44).round() as u32);
            }
            out.cases.push(c);
        }
        Ok(out)
    })
}

/// ISO alpha-2 → alpha-3 for every country of the reference list.
pub async fn alpha3(store: &Store) -> Result<HashMap<String, String>> {
    let list = crate::reference::list(store, mayak_domain::ListKind::Country, true).await?;
    Ok(list
        .into_iter()
        .filter_map(|e| e.alt_code.map(|a| (e.code, a)))
        .collect())
}
