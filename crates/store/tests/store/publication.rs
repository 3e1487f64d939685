//! The privacy budget ledger and the releases that spend it: refusals with what is left,
//! concurrent spends that cannot both take the last of a budget, four eyes, only approved
//! releases public, every step audited.

use super::*;
use mayak_stats::dp::Budget;
use mayak_store::audit::{self, AuditEvent};
use mayak_store::publication::{
    self, Cost, Decision, NewFile, Refusal, ReleasePlan, ReleaseState, Spender, SynthPlan,
    TablesPlan,
};

fn b(epsilon: f64, delta: f64) -> Budget {
    Budget { epsilon, delta }
}

fn cli() -> Spender {
    Spender {
        user_id: None,
        name: "cli".to_owned(),
    }
}

pub(super) fn who(action: &str) -> AuditEvent {
    AuditEvent {
        action: action.to_owned(),
        outcome: "ok".to_owned(),
        instance: "test".to_owned(),
        ..Default::default()
    }
}

async fn analysts(store: &mayak_store::Store) -> (i64, i64) {
    let o = orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug: "stats-office",
            names: ["Статистика", "Статыстыка", "Statistics"],
            org_type: "StateBody",
            region: "BY-MI",
            place: None,
            may_identify: false,
            ngo_network: false,
        },
        clock().now(),
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for login in ["anna", "boris"] {
        ids.push(
            orgs::insert_user(
                store,
                &orgs::NewUser {
                    login,
                    display_name: login,
                    organisation_id: o,
                    password_hash: None,
                    roles: &[Role::Analyst],
                },
                clock().now(),
            )
            .await
            .unwrap(),
        );
    }
    (ids[0], ids[1])
}

#[tokio::test]
async fn the_ledger_refuses_an_overspend_with_what_is_left() {
    each_backend!(|db| {
        let s = &db.store;
        let now = clock().now();
        let d = publication::dataset(s, "cases").await.unwrap();
        assert_eq!(d.total, b(10.0, 1e-5));
        assert_eq!(d.spent, Budget::ZERO);
        publication::set_total(s, "cases", b(1.0, 1e-6), "test budget", &who(""), now)
            .await
            .unwrap()
            .unwrap();
        let cost = [Cost {
            mechanism: "gaussian",
            budget: b(0.6, 5e-7),
        }];
        let after = publication::spend(s, "cases", "tables 2025", &cost, &cli(), &who(""), now)
            .await
            .unwrap()
            .unwrap();
        assert!((after.epsilon - 0.6).abs() < 1e-12);
        let refused = publication::spend(
            s,
            "cases",
            "tables 2025 again",
            &cost,
            &cli(),
            &who(""),
            now,
        )
        .await
        .unwrap()
        .unwrap_err();
        match refused {
            Refusal::Overspend { need, left } => {
                assert!((need.epsilon - 0.6).abs() < 1e-12);
                assert!((left.epsilon - 0.4).abs() < 1e-12, "{left:?}");
                assert!((left.delta - 5e-7).abs() < 1e-18, "{left:?}");
            }
            other => panic!("{other:?}"),
        }
        // The refusal changed nothing; a spend that fits is accepted.
        let l = publication::ledger(s, d.id).await.unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].label, "tables 2025");
        assert_eq!(l[0].mechanism, "gaussian");
        assert_eq!(l[0].spent_by_name, "cli");
        let fits = [Cost {
            mechanism: "laplace",
            budget: b(0.4, 0.0),
        }];
        publication::spend(s, "cases", "last", &fits, &cli(), &who(""), now)
            .await
            .unwrap()
            .unwrap();
        // The other dataset's budget is its own.
        assert_eq!(
            publication::dataset(s, "hotline").await.unwrap().spent,
            Budget::ZERO
        );
        // Lowering the total below what was spent is refused.
        assert!(
            publication::set_total(s, "cases", b(0.5, 1e-6), "test budget", &who(""), now)
                .await
                .unwrap()
                .is_err()
        );
        // Spends and budget changes are audited.
        let actions: Vec<String> = audit::recent(s, None, 20)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions
                .iter()
                .filter(|a| *a == "statistics.budget.spend")
                .count(),
            2
        );
        assert!(actions.iter().any(|a| a == "statistics.budget.set"));
    });
}

#[tokio::test]
async fn the_ledger_is_append_only() {
    each_backend!(|db| {
        let s = &db.store;
        let cost = [Cost {
            mechanism: "gaussian",
            budget: b(1.0, 1e-7),
        }];
        publication::spend(s, "cases", "x", &cost, &cli(), &who(""), clock().now())
            .await
            .unwrap()
            .unwrap();
        let upd = mayak_store::on_pool!(s.pool(), p => {
            sqlx::query("UPDATE stats_spend SET epsilon = 0").execute(p).await.map(|_| ())
        });
        assert!(upd.is_err(), "an UPDATE of the ledger must fail");
        let del = mayak_store::on_pool!(s.pool(), p => {
            sqlx::query("DELETE FROM stats_spend").execute(p).await.map(|_| ())
        });
        assert!(del.is_err(), "a DELETE of the ledger must fail");
        let d = publication::dataset(s, "cases").await.unwrap();
        assert!((d.spent.epsilon - 1.0).abs() < 1e-12);
    });
}

#[tokio::test]
async fn concurrent_spends_cannot_both_take_the_last_of_a_budget() {
    each_backend!(|db| {
        let s = db.store.clone();
        publication::set_total(
            &s,
            "cases",
            b(1.0, 1e-6),
            "test budget",
            &who(""),
            clock().now(),
        )
        .await
        .unwrap()
        .unwrap();
        let mut tasks = Vec::new();
        for i in 0..8 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                let cost = [Cost {
                    mechanism: "gaussian",
                    budget: b(0.3, 1e-7),
                }];
                publication::spend(
                    &s,
                    "cases",
                    &format!("race {i}"),
                    &cost,
                    &cli(),
                    &who(""),
                    clock().now(),
                )
                .await
                .unwrap()
                .is_ok()
            }));
        }
        let mut accepted = 0;
        for t in tasks {
            if t.await.unwrap() {
                accepted += 1;
            }
        }
        assert_eq!(accepted, 3, "0.3 fits three times into 1.0");
        let d = publication::dataset(&s, "cases").await.unwrap();
        assert!(d.spent.epsilon <= 1.0 + 1e-9, "{:?}", d.spent);
        assert_eq!(publication::ledger(&s, d.id).await.unwrap().len(), 3);
    });
}

fn plan(eps: f64) -> ReleasePlan {
    ReleasePlan {
        tables: Some(TablesPlan {
            columns: vec!["gender".into(), "ageBroad".into()],
            length: 2,
            threshold: 11,
        }),
        noisy: None,
        synthetic: Some(SynthPlan {
            columns: vec!["gender".into(), "ageBroad".into()],
            length: 2,
            budget: b(eps, 1e-6),
        }),
    }
}

#[tokio::test]
async fn releases_are_versioned_spend_on_preparation_and_need_a_second_person() {
    each_backend!(|db| {
        let s = &db.store;
        let now = clock().now();
        let (anna, boris) = analysts(s).await;
        let by = |id: i64, login: &str| Spender {
            user_id: Some(id),
            name: login.to_owned(),
        };
        let r1 = publication::prepare(
            s,
            "Victims by sex and age",
            "cases",
            &plan(4.0),
            &by(anna, "anna"),
            &who(""),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(r1.version, 1);
        assert_eq!(r1.state, ReleaseState::Computing);
        let d = publication::dataset(s, "cases").await.unwrap();
        assert!(
            (d.spent.epsilon - 4.0).abs() < 1e-12,
            "spent on preparation"
        );
        let l = publication::ledger(s, d.id).await.unwrap();
        assert_eq!(l[0].release_id, Some(r1.id));
        assert_eq!(l[0].label, "Victims by sex and age v1");
        assert_eq!(l[0].mechanism, "synthesis");
        assert_eq!(l[0].spent_by, Some(anna));

        // Nothing is decided while computing, nor public.
        assert_eq!(
            publication::decide(s, r1.id, Decision::Approve, "fine", boris, &who(""), now)
                .await
                .unwrap(),
            Err(Refusal::NotPending)
        );
        publication::set_progress(s, r1.id, 40).await.unwrap();
        assert_eq!(publication::get(s, r1.id).await.unwrap().progress, 40);
        publication::finish(
            s,
            r1.id,
            &serde_json::json!({"records": 30}),
            &[
                NewFile {
                    name: "tables.csv".into(),
                    kind: "tables".into(),
                    public: true,
                    content: b"length,combination,count,status\n".to_vec(),
                },
                NewFile {
                    name: "utility.json".into(),
                    kind: "utility".into(),
                    public: false,
                    content: b"{}".to_vec(),
                },
            ],
            now,
        )
        .await
        .unwrap();
        assert!(publication::published(s).await.unwrap().is_empty());
        assert!(matches!(
            publication::published_file(s, r1.id, "tables.csv").await,
            Err(StoreError::NotFound)
        ));

        // Four eyes: the preparer cannot decide, another analyst can.
        assert_eq!(
            publication::decide(s, r1.id, Decision::Approve, "mine", anna, &who(""), now)
                .await
                .unwrap(),
            Err(Refusal::OwnRelease)
        );
        publication::decide(
            s,
            r1.id,
            Decision::Approve,
            "checked the tables",
            boris,
            &who(""),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        // Only once.
        assert_eq!(
            publication::decide(
                s,
                r1.id,
                Decision::Reject,
                "changed my mind",
                boris,
                &who(""),
                now
            )
            .await
            .unwrap(),
            Err(Refusal::NotPending)
        );
        let r = publication::get(s, r1.id).await.unwrap();
        assert_eq!(r.state, ReleaseState::Approved);
        assert_eq!(r.decided_by, Some(boris));
        assert_eq!(r.decision_reason.as_deref(), Some("checked the tables"));
        let public = publication::published(s).await.unwrap();
        assert_eq!(public.len(), 1);
        assert_eq!(
            publication::published_file(s, r1.id, "tables.csv")
                .await
                .unwrap(),
            b"length,combination,count,status\n"
        );
        // The utility report compares with the real data: never public.
        assert!(matches!(
            publication::published_file(s, r1.id, "utility.json").await,
            Err(StoreError::NotFound)
        ));

        // The next release of the series is v2; a rejection keeps its spend.
        let r2 = publication::prepare(
            s,
            "Victims by sex and age",
            "cases",
            &plan(4.0),
            &by(boris, "boris"),
            &who(""),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(r2.version, 2);
        publication::finish(s, r2.id, &serde_json::json!({}), &[], now)
            .await
            .unwrap();
        publication::decide(
            s,
            r2.id,
            Decision::Reject,
            "too coarse",
            anna,
            &who(""),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(publication::published(s).await.unwrap().len(), 1);
        let d = publication::dataset(s, "cases").await.unwrap();
        assert!((d.spent.epsilon - 8.0).abs() < 1e-12);

        // A third would overspend ε (10 in all): refused with what is left, nothing written.
        let refused = publication::prepare(
            s,
            "Victims by sex and age",
            "cases",
            &plan(4.0),
            &by(anna, "anna"),
            &who(""),
            now,
        )
        .await
        .unwrap()
        .unwrap_err();
        assert!(
            matches!(refused, Refusal::Overspend { left, .. } if (left.epsilon - 2.0).abs() < 1e-9)
        );
        assert_eq!(publication::list(s).await.unwrap().len(), 2);
        // A release without noise costs nothing and always fits.
        let free = ReleasePlan {
            synthetic: None,
            ..plan(1.0)
        };
        let r3 = publication::prepare(
            s,
            "Tables",
            "cases",
            &free,
            &by(anna, "anna"),
            &who(""),
            now,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(r3.cost, Budget::ZERO);
        publication::fail(s, r3.id, "defect", now).await.unwrap();
        assert_eq!(
            publication::get(s, r3.id).await.unwrap().state,
            ReleaseState::Failed
        );

        let actions: Vec<String> = audit::recent(s, None, 50)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for a in [
            "statistics.release.prepare",
            "statistics.release.approve",
            "statistics.release.reject",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a} audited: {actions:?}");
        }
    });
}

#[tokio::test]
async fn interrupted_computations_are_marked_failed() {
    each_backend!(|db| {
        let s = &db.store;
        let (anna, _) = analysts(s).await;
        let by = Spender {
            user_id: Some(anna),
            name: "anna".into(),
        };
        let r = publication::prepare(s, "T", "cases", &plan(1.0), &by, &who(""), clock().now())
            .await
            .unwrap()
            .unwrap();
        let later = clock().now() + time::Duration::hours(2);
        // A computation younger than the cutoff may be running on another instance.
        assert_eq!(
            publication::fail_interrupted(s, clock().now() - time::Duration::hours(1), later)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            publication::fail_interrupted(s, later - time::Duration::hours(1), later)
                .await
                .unwrap(),
            1
        );
        let r = publication::get(s, r.id).await.unwrap();
        assert_eq!(r.state, ReleaseState::Failed);
        assert!(r.failure.unwrap().contains("interrupted"));
    });
}
