//! What the statistics dashboards and the annual report count: one pseudonymous record per
//! counted unit (a case, a service, a referral, a stay, a consultation, a trained person),
//! each reduced to its year, region and categories. Nothing identifying is read — no person,
//! no case code, no date finer than the year (referral times leave as whole days).
//!
//! Cases, their services and their referrals are counted under the rule of [`crate::stats`]:
//! identified victims and persons who may have suffered, with an active consent to
//! anonymised statistics.

use crate::db::Store;
use crate::error::Result;
use time::{Date, OffsetDateTime};

/// The condition that makes the case `c` countable (see the module's documentation).
const COUNTABLE: &str = "c.legal_status <> 'NotConfirmed' AND EXISTS (SELECT 1 FROM consent k \
     WHERE k.case_id = c.id AND k.purpose = 'AnonymisedStatistics' AND k.withdrawn_on IS NULL)";

/// One record: year, region (empty when not recorded) and one value per category.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Record {
    /// The year the unit belongs to.
    pub year: i32,
    /// Region code, empty when not recorded.
    pub region: String,
    /// The categories, in the order the section names them; empty = not recorded.
    pub values: Vec<String>,
}

fn rec(year: i32, region: Option<String>, values: Vec<Option<String>>) -> Record {
    Record {
        year,
        region: region.unwrap_or_default(),
        values: values.into_iter().map(Option::unwrap_or_default).collect(),
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
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT CAST(c.year AS BIGINT), c.region, c.sex, c.age_band, c.exploitation_type, c.country_of_exploitation, c.legal_status \
             FROM case_file c WHERE {COUNTABLE} ORDER BY c.id"
        )))
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, sex, age, ex, country, legal)| {
            rec(
                y as i32,
                Some(region),
                vec![Some(sex), age, ex, country, Some(legal)],
            )
        })
        .collect())
}

/// Services of countable cases (not cancelled), by the year they started (or were recorded):
/// service type and status.
pub async fn assistance(store: &Store) -> Result<Vec<Record>> {
    type Row = (Option<Date>, OffsetDateTime, String, String, String);
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT v.start_on, v.created_at, c.region, v.service_type, v.status FROM case_service v \
             JOIN case_file c ON c.id = v.case_id WHERE v.status <> 'Cancelled' AND {COUNTABLE} ORDER BY v.id"
        )))
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(start, created, region, service, status)| {
            let year = start.map_or(created.year(), |d| d.year());
            rec(year, Some(region), vec![Some(service), Some(status)])
        })
        .collect())
}

/// One referral as the dashboards see it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReferralRecord {
    /// Year sent, region of the case, kind and state.
    pub record: Record,
    /// Whole days from sending to acceptance, if accepted.
    pub days_to_accept: Option<i64>,
    /// Whole days from sending to completion, if completed.
    pub days_to_complete: Option<i64>,
}

/// Referrals and transfers of countable cases, by the year they were sent: kind and state,
/// with the days they took to be accepted and completed.
pub async fn referrals(store: &Store) -> Result<Vec<ReferralRecord>> {
    type Row = (
        OffsetDateTime,
        String,
        String,
        String,
        Option<OffsetDateTime>,
        Option<OffsetDateTime>,
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT r.sent_at, c.region, r.kind, r.state, r.accepted_at, r.completed_at FROM referral r \
             JOIN case_file c ON c.id = r.case_id WHERE {COUNTABLE} ORDER BY r.id"
        )))
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(sent, region, kind, state, accepted, completed)| {
            let days = |t: Option<OffsetDateTime>| t.map(|t| (t - sent).whole_days().max(0));
            ReferralRecord {
                record: rec(sent.year(), Some(region), vec![Some(kind), Some(state)]),
                days_to_accept: days(accepted),
                days_to_complete: days(completed),
            }
        })
        .collect())
}

/// Stays at the rehabilitation centres (admitted or discharged), by the year of arrival and
/// the centre's region: shift kind, sex, age band, citizenship kind.
pub async fn stays(store: &Store) -> Result<Vec<Record>> {
    type Row = (Option<Date>, String, String, String, String, String);
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT s.arrived_on, r.region, h.kind, s.sex, s.age_band, s.citizenship_kind FROM rehab_stay s \
             JOIN rehab_shift h ON h.id = s.shift_id JOIN rehab_centre r ON r.id = h.centre_id \
             WHERE s.status IN ('Admitted', 'Discharged') ORDER BY s.id",
        )
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .filter_map(|(arrived, region, kind, sex, age, citizenship)| {
            let age = (age != "Unknown").then_some(age);
            arrived.map(|d| {
                rec(
                    d.year(),
                    Some(region),
                    vec![Some(kind), Some(sex), age, Some(citizenship)],
                )
            })
        })
        .collect())
}

/// Hotline consultations by year: channel, sex, age band, who called, outcome, destination.
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
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT CAST(year AS BIGINT), region, channel, sex, age_band, caller_type, outcome, destination \
             FROM hotline_consultation ORDER BY id",
        )
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, channel, sex, age, caller, outcome, dest)| {
            rec(
                y as i32,
                region,
                vec![Some(channel), sex, age, caller, Some(outcome), dest],
            )
        })
        .collect())
}

/// Hotline consultations by year and topic: one record per consultation and topic it touched
/// (a consultation may touch several), so the records count mentions, not consultations.
pub async fn consultation_topics(store: &Store) -> Result<Vec<Record>> {
    let rows: Vec<(i64, Option<String>, String)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT CAST(c.year AS BIGINT), c.region, t.topic \
             FROM hotline_consultation_topic t JOIN hotline_consultation c ON c.id = t.consultation_id \
             ORDER BY t.consultation_id, t.topic",
        )
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(y, region, topic)| rec(y as i32, region, vec![Some(topic)]))
        .collect())
}
