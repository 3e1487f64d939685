//! What the statistics dashboards and the annual report count: the counted units (cases,
//! services, referrals, stays, consultations), each reduced to its year, region and
//! categories and counted in SQL — one row per combination that occurs, with how many units
//! share it — so a dashboard reads a few thousand groups, not a million records. Nothing
//! identifying is read — no person, no case code, no date finer than the year (referral
//! times leave as whole days).
//!
//! Cases, their services and their referrals are counted under the rule of [`crate::stats`]:
//! identified victims and persons who may have suffered, with an active consent to
//! anonymised statistics.

use crate::db::Store;
use crate::error::Result;
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// When a source's rows were counted, and the rows (a `Vec` of the source's row type).
type Kept = (Instant, Arc<dyn Any + Send + Sync>);

/// The counted rows of each source, kept for a while so that a dashboard on a million cases
/// does not count them again for every reader. Off (nothing kept) unless a maximum age is set
/// ([`Store::set_dashboard_max_age`]); `mayak serve` sets it from `--dashboard-max-age`.
/// Each store (each database) has its own; the age is monotonic process time, not the
/// business clock. Another instance's or this one's writes show once the copy is older than
/// the maximum age.
#[derive(Default)]
pub struct DashboardCache {
    max_age_ms: AtomicU64,
    copies: RwLock<HashMap<&'static str, Kept>>,
    /// One count at a time: readers arriving while a source is counted wait for its result.
    counting: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for DashboardCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DashboardCache")
            .field("max_age_ms", &self.max_age_ms.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl DashboardCache {
    pub(crate) fn set_max_age(&self, age: Duration) {
        let ms = u64::try_from(age.as_millis()).unwrap_or(u64::MAX);
        self.max_age_ms.store(ms, Ordering::Relaxed);
        if let Ok(mut c) = self.copies.write() {
            c.clear();
        }
    }

    fn max_age(&self) -> Duration {
        Duration::from_millis(self.max_age_ms.load(Ordering::Relaxed))
    }

    fn fresh<T: Clone + Send + Sync + 'static>(&self, key: &str) -> Option<Vec<T>> {
        let max_age = self.max_age();
        let copies = self.copies.read().ok()?;
        let (at, value) = copies.get(key)?;
        if at.elapsed() > max_age {
            return None;
        }
        value.downcast_ref::<Vec<T>>().cloned()
    }
}

/// The rows of source `key`: a fresh enough copy, or counted now by `count`.
async fn cached<T, F, Fut>(store: &Store, key: &'static str, count: F) -> Result<Vec<T>>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Vec<T>>>,
{
    let cache = store.dashboard_cache();
    if cache.max_age().is_zero() {
        return count().await;
    }
    if let Some(rows) = cache.fresh(key) {
        return Ok(rows);
    }
    let _one = cache.counting.lock().await;
    if let Some(rows) = cache.fresh(key) {
        return Ok(rows);
    }
    let rows = count().await?;
    if let Ok(mut c) = cache.copies.write() {
        c.insert(key, (Instant::now(), Arc::new(rows.clone())));
    }
    Ok(rows)
}

/// The condition that makes the case `c` countable (see the module's documentation).
const COUNTABLE: &str = "c.legal_status <> 'NotConfirmed' AND EXISTS (SELECT 1 FROM consent k \
     WHERE k.case_id = c.id AND k.purpose = 'AnonymisedStatistics' AND k.withdrawn_on IS NULL)";

/// One combination of year, region and categories, and how many units share it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Record {
    /// The year the units belong to.
    pub year: i32,
    /// Region code, empty when not recorded.
    pub region: String,
    /// The categories, in the order the section names them; empty = not recorded.
    pub values: Vec<String>,
    /// How many units have exactly these values (at least 1).
    pub count: u32,
}

fn rec(year: i64, region: Option<String>, values: Vec<Option<String>>, count: i64) -> Record {
    Record {
        year: year as i32,
        region: region.unwrap_or_default(),
        values: values.into_iter().map(Option::unwrap_or_default).collect(),
        count: u32::try_from(count).unwrap_or(u32::MAX),
    }
}

/// Countable cases by year of registration: sex, age band, exploitation type, country of
/// exploitation, legal status.
pub async fn identification(store: &Store) -> Result<Vec<Record>> {
    cached(store, "identification", || async {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        i64,
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT CAST(c.year AS BIGINT), c.region, c.sex, c.age_band, c.exploitation_type, \
             c.country_of_exploitation, c.legal_status, COUNT(*) \
             FROM case_file c WHERE {COUNTABLE} GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7"
        )))
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, sex, age, ex, country, legal, n)| {
            rec(
                y,
                Some(region),
                vec![Some(sex), age, ex, country, Some(legal)],
                n,
            )
        })
        .collect())
    })
    .await
}

/// Services of countable cases (not cancelled), by the year they started (or were recorded):
/// service type and status.
pub async fn assistance(store: &Store) -> Result<Vec<Record>> {
    cached(store, "assistance", || async {
    let year = format!(
        "COALESCE({}, {})",
        store.sql_year_of_date("v.start_on"),
        store.sql_year_of_timestamp("v.created_at")
    );
    let rows: Vec<(i64, String, String, String, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {year}, c.region, v.service_type, v.status, COUNT(*) FROM case_service v \
             JOIN case_file c ON c.id = v.case_id WHERE v.status <> 'Cancelled' AND {COUNTABLE} \
             GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )))
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, service, status, n)| {
            rec(y, Some(region), vec![Some(service), Some(status)], n)
        })
        .collect())
    })
    .await
}

/// Referrals and transfers of countable cases, by the year they were sent: kind and state.
pub async fn referrals(store: &Store) -> Result<Vec<Record>> {
    cached(store, "referrals", || async {
        let year = store.sql_year_of_timestamp("r.sent_at");
        let rows: Vec<(i64, String, String, String, i64)> = crate::on_pool!(store.pool(), p => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {year}, c.region, r.kind, r.state, COUNT(*) FROM referral r \
                 JOIN case_file c ON c.id = r.case_id WHERE {COUNTABLE} \
                 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
            )))
            .fetch_all(p)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(y, region, kind, state, n)| {
                rec(y, Some(region), vec![Some(kind), Some(state)], n)
            })
            .collect())
    })
    .await
}

/// The times of one accepted or completed referral, for the medians.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReferralTime {
    /// The year it was sent.
    pub year: i32,
    /// The case's region.
    pub region: String,
    /// Whole days from sending to acceptance, if accepted.
    pub days_to_accept: Option<i64>,
    /// Whole days from sending to completion, if completed.
    pub days_to_complete: Option<i64>,
}

/// The times of the referrals of countable cases that were accepted or completed (a median
/// needs the values, not their count; the days are whole days, as `time` counts them).
pub async fn referral_times(store: &Store) -> Result<Vec<ReferralTime>> {
    cached(store, "referral_times", || async {
    type Row = (
        OffsetDateTime,
        String,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.sent_at, c.region, r.accepted_at, r.completed_at FROM referral r \
             JOIN case_file c ON c.id = r.case_id \
             WHERE (r.accepted_at IS NOT NULL OR r.completed_at IS NOT NULL) AND {COUNTABLE} ORDER BY r.id"
        )))
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(sent, region, accepted, completed)| {
            let days = |t: Option<OffsetDateTime>| t.map(|t| (t - sent).whole_days().max(0));
            ReferralTime {
                year: sent.year(),
                region,
                days_to_accept: days(accepted),
                days_to_complete: days(completed),
            }
        })
        .collect())
    })
    .await
}

/// Stays at the rehabilitation centres (admitted or discharged, with an arrival date), by the
/// year of arrival and the centre's region: shift kind, sex, age band, citizenship kind.
pub async fn stays(store: &Store) -> Result<Vec<Record>> {
    cached(store, "stays", || async {
    let year = store.sql_year_of_date("s.arrived_on");
    type Row = (i64, String, String, String, Option<String>, String, i64);
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {year}, r.region, h.kind, s.sex, \
             CASE WHEN s.age_band = 'Unknown' THEN NULL ELSE s.age_band END, s.citizenship_kind, COUNT(*) \
             FROM rehab_stay s JOIN rehab_shift h ON h.id = s.shift_id JOIN rehab_centre r ON r.id = h.centre_id \
             WHERE s.status IN ('Admitted', 'Discharged') AND s.arrived_on IS NOT NULL \
             GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6"
        )))
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, kind, sex, age, citizenship, n)| {
            rec(
                y,
                Some(region),
                vec![Some(kind), Some(sex), age, Some(citizenship)],
                n,
            )
        })
        .collect())
    })
    .await
}

/// Hotline consultations by year: channel, sex, age band, who called, outcome, destination.
/// Grouped by the bare columns, in the order of their index (`hotline_consultation_dims`),
/// so the groups come off the index already sorted (the year's cast is named `y` so that
/// `ORDER BY year` means the column, not the cast, which PostgreSQL would sort again).
pub async fn consultations(store: &Store) -> Result<Vec<Record>> {
    cached(store, "consultations", || async {
    type Row = (
        i64,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
        i64,
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT CAST(year AS BIGINT) AS y, region, channel, sex, age_band, caller_type, outcome, destination, COUNT(*) \
             FROM hotline_consultation \
             GROUP BY year, region, channel, sex, age_band, caller_type, outcome, destination \
             ORDER BY year, region, channel, sex, age_band, caller_type, outcome, destination",
        )
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, channel, sex, age, caller, outcome, dest, n)| {
            rec(
                y,
                region,
                vec![Some(channel), sex, age, caller, Some(outcome), dest],
                n,
            )
        })
        .collect())
    })
    .await
}

/// Hotline consultations by year and topic: one count per consultation and topic it touched
/// (a consultation may touch several), so the counts are mentions, not consultations.
pub async fn consultation_topics(store: &Store) -> Result<Vec<Record>> {
    cached(store, "consultation_topics", || async {
    let rows: Vec<(i64, Option<String>, String, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT CAST(c.year AS BIGINT), c.region, t.topic, COUNT(*) \
             FROM hotline_consultation_topic t JOIN hotline_consultation c ON c.id = t.consultation_id \
             GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        )
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, topic, n)| rec(y, region, vec![Some(topic)], n))
        .collect())
    })
    .await
}
