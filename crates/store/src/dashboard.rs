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
use time::OffsetDateTime;

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
}

/// Services of countable cases (not cancelled), by the year they started (or were recorded):
/// service type and status.
pub async fn assistance(store: &Store) -> Result<Vec<Record>> {
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
}

/// Referrals and transfers of countable cases, by the year they were sent: kind and state.
pub async fn referrals(store: &Store) -> Result<Vec<Record>> {
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
        .map(|(y, region, kind, state, n)| rec(y, Some(region), vec![Some(kind), Some(state)], n))
        .collect())
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
}

/// Stays at the rehabilitation centres (admitted or discharged, with an arrival date), by the
/// year of arrival and the centre's region: shift kind, sex, age band, citizenship kind.
pub async fn stays(store: &Store) -> Result<Vec<Record>> {
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
}

/// Hotline consultations by year: channel, sex, age band, who called, outcome, destination.
/// Grouped by the bare columns, in the order of their index (`hotline_consultation_dims`),
/// so the groups come off the index already sorted (the year's cast is named `y` so that
/// `ORDER BY year` means the column, not the cast, which PostgreSQL would sort again).
pub async fn consultations(store: &Store) -> Result<Vec<Record>> {
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
}

/// Hotline consultations by year and topic: one count per consultation and topic it touched
/// (a consultation may touch several), so the counts are mentions, not consultations.
pub async fn consultation_topics(store: &Store) -> Result<Vec<Record>> {
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
}
