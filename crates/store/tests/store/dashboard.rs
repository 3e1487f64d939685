//! The dashboards' counts: what `store::dashboard` counts with GROUP BY equals counting the
//! records one by one, on the demo and generated benchmark data.

use super::*;
use mayak_store::bench_data::{self, Plan};
use mayak_store::dashboard::{self, Record};
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

/// The same condition as the store's: countable cases.
const COUNTABLE: &str = "c.legal_status <> 'NotConfirmed' AND EXISTS (SELECT 1 FROM consent k \
     WHERE k.case_id = c.id AND k.purpose = 'AnonymisedStatistics' AND k.withdrawn_on IS NULL)";

type Key = (i32, String, Vec<String>);

/// The grouped rows as a map, checking every combination comes once and counts at least 1.
fn grouped(what: &str, records: Vec<Record>) -> HashMap<Key, u64> {
    let mut out = HashMap::new();
    for r in records {
        assert!(r.count >= 1, "{what}: a group of no units");
        let key = (r.year, r.region, r.values);
        assert!(
            out.insert(key.clone(), u64::from(r.count)).is_none(),
            "{what}: {key:?} comes twice"
        );
    }
    out
}

fn tally(rows: impl IntoIterator<Item = Key>) -> HashMap<Key, u64> {
    let mut out = HashMap::new();
    for k in rows {
        *out.entry(k).or_default() += 1;
    }
    out
}

fn text(v: Option<String>) -> String {
    v.unwrap_or_default()
}

fn check(what: &str, grouped: HashMap<Key, u64>, one_by_one: HashMap<Key, u64>) {
    let units: u64 = one_by_one.values().sum();
    assert!(units > 0, "{what}: the data set has no units to count");
    assert_eq!(grouped.values().sum::<u64>(), units, "{what}: total");
    assert_eq!(grouped, one_by_one, "{what}");
}

/// The vault of `store`, with the demo data loaded.
async fn with_demo(store: &mayak_store::Store) -> std::sync::Arc<mayak_store::vault::Vault> {
    let vault = mayak_testkit::vault(store).await;
    demo::load(
        store,
        &vault,
        clock().now(),
        &rng(),
        Some("a-demo-password"),
    )
    .await
    .unwrap();
    vault
}

#[tokio::test]
async fn grouped_counts_equal_counting_the_records_one_by_one() {
    each_backend!(|db| {
        let store = &db.store;
        let vault = with_demo(store).await;
        let plan = Plan {
            cases: 1500,
            consultations: 1500,
            seed: 3,
        };
        bench_data::generate(store, &vault, &rng(), &plan, clock().now(), &mut |_, _| {})
            .await
            .unwrap();

        // Identification: one row per countable case.
        type CaseRow = (
            i64,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
        );
        let rows: Vec<CaseRow> = mayak_store::on_pool!(store.pool(), p => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT CAST(c.year AS BIGINT), c.region, c.sex, c.age_band, c.exploitation_type, \
                 c.country_of_exploitation, c.legal_status FROM case_file c WHERE {COUNTABLE}"
            )))
            .fetch_all(p)
            .await
            .unwrap()
        });
        let cases = rows.len();
        let g = grouped(
            "identification",
            dashboard::identification(store).await.unwrap(),
        );
        assert!(
            g.len() < cases,
            "cases share combinations, so there are fewer groups ({}) than cases ({cases})",
            g.len()
        );
        check(
            "identification",
            g,
            tally(
                rows.into_iter().map(|(y, r, s, a, e, c, l)| {
                    (y as i32, r, vec![s, text(a), text(e), text(c), l])
                }),
            ),
        );

        // Assistance: the year the service started, or was recorded.
        let rows: Vec<(Option<Date>, OffsetDateTime, String, String, String)> = mayak_store::on_pool!(store.pool(), p => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT v.start_on, v.created_at, c.region, v.service_type, v.status FROM case_service v \
                 JOIN case_file c ON c.id = v.case_id WHERE v.status <> 'Cancelled' AND {COUNTABLE}"
            )))
            .fetch_all(p)
            .await
            .unwrap()
        });
        check(
            "assistance",
            grouped("assistance", dashboard::assistance(store).await.unwrap()),
            tally(rows.into_iter().map(|(start, created, r, s, st)| {
                (start.map_or(created.year(), |d| d.year()), r, vec![s, st])
            })),
        );

        // Referrals: the year they were sent, and their times.
        type RefRow = (
            OffsetDateTime,
            String,
            String,
            String,
            Option<OffsetDateTime>,
            Option<OffsetDateTime>,
        );
        let rows: Vec<RefRow> = mayak_store::on_pool!(store.pool(), p => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT r.sent_at, c.region, r.kind, r.state, r.accepted_at, r.completed_at FROM referral r \
                 JOIN case_file c ON c.id = r.case_id WHERE {COUNTABLE} ORDER BY r.id"
            )))
            .fetch_all(p)
            .await
            .unwrap()
        });
        let mut times: Vec<_> = rows
            .iter()
            .filter(|r| r.4.is_some() || r.5.is_some())
            .map(|(sent, region, _, _, a, c)| {
                let days = |t: &Option<OffsetDateTime>| t.map(|t| (t - *sent).whole_days().max(0));
                (sent.year(), region.clone(), days(a), days(c))
            })
            .collect();
        check(
            "referrals",
            grouped("referrals", dashboard::referrals(store).await.unwrap()),
            tally(
                rows.into_iter()
                    .map(|(sent, r, k, s, _, _)| (sent.year(), r, vec![k, s])),
            ),
        );
        let mut stored: Vec<_> = dashboard::referral_times(store)
            .await
            .unwrap()
            .into_iter()
            .map(|t| (t.year, t.region, t.days_to_accept, t.days_to_complete))
            .collect();
        assert!(!times.is_empty(), "some referrals were accepted");
        times.sort();
        stored.sort();
        assert_eq!(stored, times, "referral times");

        // Stays: the year of arrival, "Unknown" age as not recorded.
        type StayRow = (Option<Date>, String, String, String, String, String);
        let rows: Vec<StayRow> = mayak_store::on_pool!(store.pool(), p => {
            sqlx::query_as(
                "SELECT s.arrived_on, r.region, h.kind, s.sex, s.age_band, s.citizenship_kind FROM rehab_stay s \
                 JOIN rehab_shift h ON h.id = s.shift_id JOIN rehab_centre r ON r.id = h.centre_id \
                 WHERE s.status IN ('Admitted', 'Discharged')",
            )
            .fetch_all(p)
            .await
            .unwrap()
        });
        check(
            "stays",
            grouped("stays", dashboard::stays(store).await.unwrap()),
            tally(rows.into_iter().filter_map(|(arrived, r, k, s, a, c)| {
                let a = if a == "Unknown" { String::new() } else { a };
                arrived.map(|d| (d.year(), r, vec![k, s, a, c]))
            })),
        );

        // Consultations and their topics.
        type CallRow = (
            i64,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            Option<String>,
        );
        let rows: Vec<CallRow> = mayak_store::on_pool!(store.pool(), p => {
            sqlx::query_as(
                "SELECT CAST(year AS BIGINT), region, channel, sex, age_band, caller_type, outcome, destination \
                 FROM hotline_consultation",
            )
            .fetch_all(p)
            .await
            .unwrap()
        });
        assert!(rows.len() >= 1500);
        check(
            "consultations",
            grouped(
                "consultations",
                dashboard::consultations(store).await.unwrap(),
            ),
            tally(rows.into_iter().map(|(y, r, ch, s, a, c, o, d)| {
                (
                    y as i32,
                    text(r),
                    vec![ch, text(s), text(a), text(c), o, text(d)],
                )
            })),
        );
        let rows: Vec<(i64, Option<String>, String)> = mayak_store::on_pool!(store.pool(), p => {
            sqlx::query_as(
                "SELECT CAST(c.year AS BIGINT), c.region, t.topic \
                 FROM hotline_consultation_topic t JOIN hotline_consultation c ON c.id = t.consultation_id",
            )
            .fetch_all(p)
            .await
            .unwrap()
        });
        check(
            "topics",
            grouped(
                "topics",
                dashboard::consultation_topics(store).await.unwrap(),
            ),
            tally(
                rows.into_iter()
                    .map(|(y, r, t)| (y as i32, text(r), vec![t])),
            ),
        );
    });
}

#[tokio::test]
async fn counted_rows_are_kept_only_as_long_as_asked() {
    each_backend!(|db| {
        let store = &db.store;
        let vault = with_demo(store).await;
        let total = |r: &[Record]| r.iter().map(|r| u64::from(r.count)).sum::<u64>();
        let more = |seed| Plan {
            cases: 40,
            consultations: 40,
            seed,
        };

        // Off by default: every call counts again.
        let before = dashboard::consultations(store).await.unwrap();
        bench_data::generate(
            store,
            &vault,
            &rng(),
            &more(1),
            clock().now(),
            &mut |_, _| {},
        )
        .await
        .unwrap();
        let after = dashboard::consultations(store).await.unwrap();
        assert_eq!(total(&after), total(&before) + 40, "{}", db.label);

        // Kept for an hour: the same rows while the data grows…
        store.set_dashboard_max_age(std::time::Duration::from_secs(3600));
        let kept = dashboard::consultations(store).await.unwrap();
        let kept_cases = dashboard::identification(store).await.unwrap();
        bench_data::generate(
            store,
            &vault,
            &rng(),
            &more(2),
            clock().now(),
            &mut |_, _| {},
        )
        .await
        .unwrap();
        assert_eq!(dashboard::consultations(store).await.unwrap(), kept);
        assert_eq!(dashboard::identification(store).await.unwrap(), kept_cases);

        // …and a new setting forgets them, so the next reader sees the data as it is.
        store.set_dashboard_max_age(std::time::Duration::ZERO);
        let fresh = dashboard::consultations(store).await.unwrap();
        assert_eq!(total(&fresh), total(&kept) + 40, "{}", db.label);
        assert!(total(&dashboard::identification(store).await.unwrap()) >= total(&kept_cases));
    });
}
