//! What the standard exports read beyond the case row: the categories of a case's exploitation
//! profile, its services and whether consent to processing is on file. Codes only: the
//! episodes' dates, the trafficking events' places and every free text stay behind.
//!
//! Which cases an HTCDS export holds is decided by `cases::list` (the caller's record
//! scope, as the case list); the CTDC submission reads `stats::source_filtered`.

use crate::db::Store;
use crate::error::Result;
use std::collections::{BTreeSet, HashMap};

/// The categories of one case, gathered from the case and its episodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseDetails {
    /// Exploitation types of the episodes (the case's main one is on the case).
    pub exploitation: BTreeSet<String>,
    /// Labour exploitation types.
    pub labour: BTreeSet<String>,
    /// Sexual exploitation types.
    pub sexual: BTreeSet<String>,
    /// Means of control.
    pub means: BTreeSet<String>,
    /// Methods of recruitment.
    pub recruitment: BTreeSet<String>,
    /// Apps used in recruitment.
    pub recruitment_apps: BTreeSet<String>,
    /// Countries of exploitation of the episodes (ISO alpha-2).
    pub countries: BTreeSet<String>,
    /// Services not cancelled (service type codes).
    pub services: BTreeSet<String>,
    /// An active consent to processing is on file.
    pub processing_consent: bool,
}

type EpisodeRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn codes(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(',').filter(|x| !x.is_empty()).map(str::to_owned)
}

/// The details of the cases `ids` (at most a page of the case list; ids absent from the
/// answer have nothing recorded).
pub async fn details(store: &Store, ids: &[i64]) -> Result<HashMap<i64, CaseDetails>> {
    let mut out: HashMap<i64, CaseDetails> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    // Integers formatted by us, never text from outside: safe to inline, and one statement
    // per table whatever the page size.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let episodes_sql = format!(
        "SELECT case_id, exploitation_types, labour_types, sexual_types, means_of_control, recruitment_type, \
         recruitment_app, country FROM case_episode WHERE case_id IN ({list}) ORDER BY case_id, id"
    );
    let services_sql = format!(
        "SELECT case_id, service_type FROM case_service WHERE case_id IN ({list}) AND status <> 'Cancelled'"
    );
    let consents_sql = format!(
        "SELECT DISTINCT case_id FROM consent WHERE case_id IN ({list}) AND purpose = 'Processing' AND withdrawn_on IS NULL"
    );
    let (episodes, services, consents): (Vec<EpisodeRow>, Vec<(i64, String)>, Vec<i64>) = crate::on_pool!(store.pool(), p => {
        let e: Vec<EpisodeRow> = sqlx::query_as(sqlx::AssertSqlSafe(episodes_sql)).fetch_all(p).await?;
        let s: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(services_sql)).fetch_all(p).await?;
        let c: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(consents_sql)).fetch_all(p).await?;
        (e, s, c)
    });
    for (case_id, ex, lab, sex, means, rec, app, country) in episodes {
        let d = out.entry(case_id).or_default();
        d.exploitation.extend(codes(&ex));
        d.labour.extend(codes(&lab));
        d.sexual.extend(codes(&sex));
        d.means.extend(codes(&means));
        d.recruitment.extend(rec);
        d.recruitment_apps.extend(app);
        d.countries.extend(country);
    }
    for (case_id, service) in services {
        out.entry(case_id).or_default().services.insert(service);
    }
    for case_id in consents {
        out.entry(case_id).or_default().processing_consent = true;
    }
    Ok(out)
}
