//! The case list in every order, paged by cursor, for every kind of scope: the pages joined
//! together must be exactly the cases the subject reaches, filtered and sorted as a plain
//! sort of all of them would give, with no case lost or repeated at a page boundary.

use super::*;
use mayak_domain::access::{self, Subject};
use mayak_domain::case::CaseStatus;
use mayak_domain::case_list::CaseSort;
use mayak_store::cases::{self, Case, CaseFilter};

async fn subject(store: &mayak_store::Store, login: &str) -> Subject {
    let u = orgs::list_users(store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.login == login)
        .unwrap_or_else(|| panic!("demo user {login}"));
    Subject {
        user_id: u.id,
        organisation_id: u.organisation_id,
        roles: u.roles,
        group_regions: vec![],
    }
}

/// Whether a case passes a filter, computed in Rust.
type Keep = Box<dyn Fn(&Case) -> bool>;

fn sorted(mut v: Vec<Case>, sort: CaseSort) -> Vec<i64> {
    v.sort_by(|a, b| match sort {
        CaseSort::Newest => b.id.cmp(&a.id),
        CaseSort::Oldest => a.id.cmp(&b.id),
        CaseSort::RegisteredDesc => (b.registered_on, b.id).cmp(&(a.registered_on, a.id)),
        CaseSort::RegisteredAsc => (a.registered_on, a.id).cmp(&(b.registered_on, b.id)),
        CaseSort::Code => a.code.cmp(&b.code),
        CaseSort::Updated => (b.updated_at, b.id).cmp(&(a.updated_at, a.id)),
    });
    v.into_iter().map(|c| c.id).collect()
}

async fn walk(store: &mayak_store::Store, base: &CaseFilter, s: &Subject) -> Vec<i64> {
    let mut out = Vec::new();
    let mut f = base.clone();
    for _ in 0..1000 {
        let page = cases::list(store, &f, s).await.unwrap();
        out.extend(page.iter().map(|c| c.id));
        match page.last() {
            Some(last) if page.len() as i64 == f.limit => f.after = Some(last.cursor(f.sort)),
            _ => return out,
        }
    }
    panic!("the walk did not end");
}

#[tokio::test]
async fn every_order_pages_through_exactly_the_reached_cases() {
    each_backend!(|db| {
        demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            clock().now(),
            &rng(),
            Some("a-demo-password"),
        )
        .await
        .unwrap();
        let store = &db.store;
        // A case with two services from one provider must still be one row of the list.
        sqlx_duplicate_service(store).await;
        let n = cases::count(store).await.unwrap();
        let mut all = Vec::new();
        for id in 1..=n {
            let c = cases::get(store, id).await.unwrap();
            let facts = cases::facts(store, &c).await.unwrap();
            all.push((c, facts));
        }
        for login in [
            "supervisor",
            "casemanager",
            "partner",
            "hotline",
            "partner-dense",
        ] {
            if login == "partner-dense" {
                // Over 5,000 services (cancelled ones: they reach nothing) make the partner's
                // organisation a dense provider, whose lists in other orders walk the order's
                // index instead: the same cases must come out.
                many_cancelled_services(store, &subject(store, "partner").await).await;
            }
            let login = if login == "partner-dense" {
                "partner"
            } else {
                login
            };
            let s = subject(store, login).await;
            let reached: Vec<Case> = all
                .iter()
                .filter(|(_, f)| access::case_scope(&s, f).is_some())
                .map(|(c, _)| c.clone())
                .collect();
            assert!(
                login == "hotline" || reached.len() > 7,
                "{login} reaches {} cases: too few to page",
                reached.len()
            );
            let from = time::macros::date!(2023 - 01 - 01);
            let filters: Vec<(&str, CaseFilter, Keep)> = vec![
                ("none", CaseFilter::default(), Box::new(|_| true)),
                (
                    "active",
                    CaseFilter {
                        status: Some(CaseStatus::Active),
                        ..Default::default()
                    },
                    Box::new(|c| c.status == CaseStatus::Active),
                ),
                (
                    "since 2023",
                    CaseFilter {
                        registered_from: Some(from),
                        ..Default::default()
                    },
                    Box::new(move |c| c.registered_on >= from),
                ),
            ];
            for (name, filter, keep) in &filters {
                for sort in CaseSort::ALL {
                    let want = sorted(reached.iter().filter(|c| keep(c)).cloned().collect(), *sort);
                    let f = CaseFilter {
                        sort: *sort,
                        limit: 7,
                        ..filter.clone()
                    };
                    let got = walk(store, &f, &s).await;
                    assert_eq!(
                        got,
                        want,
                        "{} {login}, filter {name}, order {}",
                        db.label,
                        sort.code()
                    );
                }
            }
        }
    });
}

/// Gives the newest case with a service a second service from the same provider.
async fn sqlx_duplicate_service(store: &mayak_store::Store) {
    let sql = "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, created_at) \
               SELECT case_id, service_type, provider_organisation_id, status, created_at FROM case_service \
               WHERE status <> 'Cancelled' ORDER BY case_id DESC LIMIT 1";
    mayak_store::on_pool!(store.pool(), p => {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(p).await.unwrap();
    });
}

/// Gives the subject's organisation 5,001 cancelled services on the newest case.
async fn many_cancelled_services(store: &mayak_store::Store, s: &Subject) {
    let sql = format!(
        "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, created_at) \
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5001) \
         SELECT c.id, 'Shelter', {org}, 'Cancelled', c.created_at FROM n, case_file c \
         WHERE c.id = (SELECT MAX(id) FROM case_file)",
        org = s.organisation_id
    );
    mayak_store::on_pool!(store.pool(), p => {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(p).await.unwrap();
    });
}

/// A region filter within a scope seeks the scope's index on (scope, region, id) instead of
/// walking every case of the scope (migration 0024): checked in SQLite's plan, and on
/// PostgreSQL by the indexes being there (its planner chooses by statistics of real data).
#[tokio::test]
async fn a_region_filter_within_a_scope_seeks_its_index() {
    each_backend!(|db| {
        for (column, index) in [
            ("created_by", "case_file_created_region"),
            ("assigned_to", "case_file_assigned_region"),
            ("lead_organisation_id", "case_file_lead_region"),
        ] {
            match db.store.pool() {
                mayak_store::db::Pool::Sqlite(p) => {
                    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(
                        sqlx::AssertSqlSafe(format!(
                            "EXPLAIN QUERY PLAN SELECT c.id FROM case_file c WHERE c.region = 'BY-MI' \
                             AND c.exploitation_type = 'ForcedLabour' AND c.{column} = 1 \
                             ORDER BY c.id DESC LIMIT 51"
                        )),
                    )
                    .fetch_all(p)
                    .await
                    .unwrap();
                    assert!(
                        plan.iter().any(|r| r.3.contains(index)),
                        "{column}: {plan:?}"
                    );
                }
                mayak_store::db::Pool::Postgres(p) => {
                    let n: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'case_file' AND indexname = $1",
                    )
                    .bind(index)
                    .fetch_one(p)
                    .await
                    .unwrap();
                    assert_eq!(n, 1, "{index}");
                }
            }
        }
    });
}
