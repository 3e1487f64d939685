//! Property test of the release workflow against a model: random sequences of prepare, finish,
//! fail, interrupt, decide (by the preparer or another analyst) and budget changes run on the
//! real store, and after every step the store must agree with a small oracle written from the
//! rules alone — the budget never exceeded and every spend in the ledger, versions one after
//! another per series, a decision only on a prepared release, never by its preparer and only
//! once, and only approved releases public. The audit chain stays intact throughout.

use super::*;
use mayak_stats::dp::Budget;
use mayak_store::audit::{self, AuditEvent};
use mayak_store::publication::{
    self, Decision, NewFile, Refusal, ReleasePlan, ReleaseState, Spender, SynthPlan, TablesPlan,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// One step of the workflow. Indices pick among the releases made so far (modulo their number).
#[derive(Debug, Clone)]
enum Op {
    /// An analyst prepares a release of `halves` × 0.5 ε in one of two series.
    Prepare {
        by: usize,
        series: usize,
        halves: u8,
    },
    /// The computation of a release ends with its files.
    Finish { pick: usize },
    /// The computation of a release fails.
    Fail { pick: usize },
    /// A restart marks every computation still running as interrupted.
    Interrupt,
    /// An analyst approves or rejects a release.
    Decide {
        pick: usize,
        by: usize,
        approve: bool,
    },
    /// The total ε of the dataset becomes `halves` × 0.5 above or below what is spent.
    SetTotal { halves: i8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..2usize, 1..6u8).prop_map(|(by, series, halves)| Op::Prepare { by, series, halves }),
        3 => any::<usize>().prop_map(|pick| Op::Finish { pick }),
        1 => any::<usize>().prop_map(|pick| Op::Fail { pick }),
        1 => Just(Op::Interrupt),
        4 => (any::<usize>(), 0..3usize, any::<bool>()).prop_map(|(pick, by, approve)| Op::Decide { pick, by, approve }),
        1 => (-4..8i8).prop_map(|halves| Op::SetTotal { halves }),
    ]
}

/// What the oracle knows of one release.
#[derive(Debug, Clone)]
struct Modelled {
    id: i64,
    series: usize,
    version: i32,
    preparer: usize,
    epsilon: f64,
    state: ReleaseState,
}

fn plan(epsilon: f64) -> ReleasePlan {
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
            budget: Budget {
                epsilon,
                delta: 0.0,
            },
        }),
    }
}

fn who() -> AuditEvent {
    super::publication::who("")
}

fn check(cond: bool, what: impl FnOnce() -> String) -> Result<(), TestCaseError> {
    if cond {
        Ok(())
    } else {
        Err(TestCaseError::fail(what()))
    }
}

async fn analysts(store: &mayak_store::Store) -> Vec<i64> {
    let now = clock().now();
    let o = orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug: "stats-model",
            names: ["Статистика", "Статыстыка", "Statistics"],
            org_type: "StateBody",
            region: "BY-MI",
            place: None,
            may_identify: false,
            ngo_network: false,
        },
        now,
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for login in ["ada", "bea", "cid"] {
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
                now,
            )
            .await
            .unwrap(),
        );
    }
    ids
}

/// Runs one sequence on `store` (series names unique to `case`) and checks it step by step.
async fn run_case(
    store: &mayak_store::Store,
    users: &[i64],
    case: u64,
    ops: &[Op],
) -> Result<(), TestCaseError> {
    let now = clock().now();
    let start = publication::dataset(store, "cases").await.unwrap();
    // Room for a few releases above what earlier cases spent.
    let mut total = start.spent.epsilon + 6.0;
    let delta_total = start.total.delta.max(start.spent.delta);
    publication::set_total(
        store,
        "cases",
        Budget {
            epsilon: total,
            delta: delta_total,
        },
        "model budget",
        &who(),
        now,
    )
    .await
    .unwrap()
    .map_err(|r| TestCaseError::fail(format!("raising the total refused: {r:?}")))?;
    let mut spent = start.spent.epsilon;
    let mut model: Vec<Modelled> = Vec::new();
    let series_name = |s: usize| format!("model {case} series {s}");

    for (step, op) in ops.iter().enumerate() {
        let at = || format!("step {step} ({op:?})");
        match *op {
            Op::Prepare { by, series, halves } => {
                let epsilon = f64::from(halves) * 0.5;
                let got = publication::prepare(
                    store,
                    &series_name(series),
                    "cases",
                    &plan(epsilon),
                    &Spender {
                        user_id: Some(users[by]),
                        name: format!("u{by}"),
                    },
                    &who(),
                    now,
                )
                .await
                .unwrap();
                if spent + epsilon <= total + 1e-9 {
                    let r = got.map_err(|e| {
                        TestCaseError::fail(format!("{}: refused within budget: {e:?}", at()))
                    })?;
                    let version = model.iter().filter(|m| m.series == series).count() as i32 + 1;
                    check(r.version == version, || {
                        format!("{}: version {} expected {version}", at(), r.version)
                    })?;
                    check(r.state == ReleaseState::Computing, || {
                        format!("{}: new release {:?}", at(), r.state)
                    })?;
                    spent += epsilon;
                    model.push(Modelled {
                        id: r.id,
                        series,
                        version,
                        preparer: by,
                        epsilon,
                        state: ReleaseState::Computing,
                    });
                } else {
                    match got {
                        Err(Refusal::Overspend { need, left }) => {
                            check((need.epsilon - epsilon).abs() < 1e-9, || {
                                format!("{}: refusal names need {}", at(), need.epsilon)
                            })?;
                            let expect_left = (total - spent).max(0.0);
                            check((left.epsilon - expect_left).abs() < 1e-9, || {
                                format!("{}: left {} expected {expect_left}", at(), left.epsilon)
                            })?;
                        }
                        other => {
                            return Err(TestCaseError::fail(format!(
                                "{}: overspend not refused: {other:?}",
                                at()
                            )));
                        }
                    }
                }
            }
            Op::Finish { pick } if !model.is_empty() => {
                let i = pick % model.len();
                let got = publication::finish(
                    store,
                    model[i].id,
                    &serde_json::json!({"records": 12}),
                    &[NewFile {
                        name: "tables.csv".into(),
                        kind: "tables".into(),
                        public: true,
                        content: b"length,combination,count,status\n".to_vec(),
                    }],
                    now,
                )
                .await;
                if model[i].state == ReleaseState::Computing {
                    got.map_err(|e| TestCaseError::fail(format!("{}: {e}", at())))?;
                    model[i].state = ReleaseState::Prepared;
                } else {
                    check(matches!(got, Err(StoreError::Conflict(_))), || {
                        format!(
                            "{}: finishing a {:?} release: {got:?}",
                            at(),
                            model[i].state
                        )
                    })?;
                }
            }
            Op::Fail { pick } if !model.is_empty() => {
                let i = pick % model.len();
                publication::fail(store, model[i].id, "model failure", now)
                    .await
                    .unwrap();
                if model[i].state == ReleaseState::Computing {
                    model[i].state = ReleaseState::Failed;
                }
            }
            Op::Interrupt => {
                publication::fail_interrupted(store, now + time::Duration::seconds(1), now)
                    .await
                    .unwrap();
                for m in &mut model {
                    if m.state == ReleaseState::Computing {
                        m.state = ReleaseState::Failed;
                    }
                }
            }
            Op::Decide { pick, by, approve } if !model.is_empty() => {
                let i = pick % model.len();
                let decision = if approve {
                    Decision::Approve
                } else {
                    Decision::Reject
                };
                let got = publication::decide(
                    store,
                    model[i].id,
                    decision,
                    "model decision",
                    users[by],
                    &who(),
                    now,
                )
                .await
                .unwrap();
                let expected = if model[i].preparer == by {
                    Err(Refusal::OwnRelease)
                } else if model[i].state != ReleaseState::Prepared {
                    Err(Refusal::NotPending)
                } else {
                    Ok(())
                };
                check(got == expected, || {
                    format!("{}: decided {got:?}, expected {expected:?}", at())
                })?;
                if expected.is_ok() {
                    model[i].state = if approve {
                        ReleaseState::Approved
                    } else {
                        ReleaseState::Rejected
                    };
                }
            }
            Op::SetTotal { halves } => {
                let asked = spent + f64::from(halves) * 0.5;
                let got = publication::set_total(
                    store,
                    "cases",
                    Budget {
                        epsilon: asked,
                        delta: delta_total,
                    },
                    "model budget",
                    &who(),
                    now,
                )
                .await
                .unwrap();
                if asked + 1e-9 >= spent {
                    check(got.is_ok(), || {
                        format!("{}: total {asked} refused: {got:?}", at())
                    })?;
                    total = asked;
                } else {
                    check(matches!(got, Err(Refusal::Overspend { .. })), || {
                        format!("{}: total below what is spent accepted", at())
                    })?;
                }
            }
            // A pick among no releases yet: nothing to do.
            Op::Finish { .. } | Op::Fail { .. } | Op::Decide { .. } => {}
        }

        // After every step the store agrees with the model.
        for m in &model {
            let r = publication::get(store, m.id).await.unwrap();
            check(r.state == m.state, || {
                format!(
                    "{}: release {} is {:?}, model {:?}",
                    at(),
                    m.id,
                    r.state,
                    m.state
                )
            })?;
            check(r.version == m.version, || {
                format!("{}: release {} version changed", at(), m.id)
            })?;
            check(r.prepared_by == users[m.preparer], || {
                format!("{}: release {} preparer changed", at(), m.id)
            })?;
            if matches!(m.state, ReleaseState::Approved | ReleaseState::Rejected) {
                check(r.decided_by.is_some_and(|d| d != r.prepared_by), || {
                    format!("{}: release {} decided by its preparer", at(), m.id)
                })?;
            } else {
                check(r.decided_by.is_none(), || {
                    format!("{}: undecided release {} has a decider", at(), m.id)
                })?;
            }
        }
        let d = publication::dataset(store, "cases").await.unwrap();
        check((d.spent.epsilon - spent).abs() < 1e-9, || {
            format!("{}: spent {} model {spent}", at(), d.spent.epsilon)
        })?;
        check(d.spent.epsilon <= d.total.epsilon + 1e-9, || {
            format!(
                "{}: spent {} above total {}",
                at(),
                d.spent.epsilon,
                d.total.epsilon
            )
        })?;
        let public: HashSet<i64> = publication::published(store)
            .await
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        for m in &model {
            let shown = public.contains(&m.id);
            check(shown == (m.state == ReleaseState::Approved), || {
                format!("{}: release {} ({:?}) public: {shown}", at(), m.id, m.state)
            })?;
            let file = publication::published_file(store, m.id, "tables.csv").await;
            check(file.is_ok() == (m.state == ReleaseState::Approved), || {
                format!("{}: file of release {} ({:?}) public", at(), m.id, m.state)
            })?;
        }
    }

    // Every release's spend is in the ledger once, with its cost (failed ones included).
    let d = publication::dataset(store, "cases").await.unwrap();
    let ledger = publication::ledger(store, d.id).await.unwrap();
    for m in &model {
        let mine: Vec<_> = ledger
            .iter()
            .filter(|s| s.release_id == Some(m.id))
            .collect();
        check(
            mine.len() == 1 && (mine[0].epsilon - m.epsilon).abs() < 1e-9,
            || format!("release {}: ledger {mine:?}", m.id),
        )?;
    }
    match audit::verify(store, &[], None, |_| {}).await.unwrap() {
        audit::Verdict::Intact { .. } => Ok(()),
        broken => Err(TestCaseError::fail(format!(
            "audit chain after the sequence: {broken:?}"
        ))),
    }
}

#[test]
fn the_release_workflow_agrees_with_its_model() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    for db in rt.block_on(mayak_testkit::databases()) {
        let users = rt.block_on(analysts(&db.store));
        let mut runner = TestRunner::new(Config {
            cases: 24,
            failure_persistence: None,
            ..Config::default()
        });
        let case = std::sync::atomic::AtomicU64::new(0);
        let result = runner.run(&proptest::collection::vec(op(), 1..24), |ops| {
            let n = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            rt.block_on(run_case(&db.store, &users, n, &ops))
        });
        if let Err(e) = result {
            panic!("{}: {e}", db.label);
        }
        rt.block_on(db.cleanup());
    }
}
