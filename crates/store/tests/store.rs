//! Store tests. Each runs on a fresh SQLite database and, when MAYAK_TEST_DATABASE_URL is
//! set, again on a fresh PostgreSQL database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mayak_domain::reference::NewEntry;
use mayak_domain::{Clock, ListKind, Role, password};
use mayak_store::demo::{self, DemoOutcome};
use mayak_store::{StoreError, migrate, orgs, reference};
use mayak_testkit::{clock, each_backend, rng};
use std::collections::HashSet;

#[path = "store/backup.rs"]
mod backup;
#[path = "store/case_list.rs"]
mod case_list;
#[path = "store/cases.rs"]
mod cases;
#[path = "store/dashboard.rs"]
mod dashboard;
#[path = "store/directory.rs"]
mod directory;
#[path = "store/groups.rs"]
mod groups;
#[path = "store/mail.rs"]
mod mail;
#[path = "store/prevention.rs"]
mod prevention;
#[path = "store/referrals.rs"]
mod referrals;
#[path = "store/tokens.rs"]
mod tokens;

#[tokio::test]
async fn migrations_are_applied_once_and_recorded() {
    each_backend!(|db| {
        assert_eq!(
            migrate::current_version(&db.store).await.unwrap(),
            migrate::latest_version()
        );
        assert_eq!(
            migrate::apply(&db.store, clock().now()).await.unwrap(),
            0,
            "re-applying must be a no-op"
        );
    });
}

#[tokio::test]
async fn concurrent_start_ups_migrate_once() {
    // Two app instances starting together against an empty database.
    each_backend!(|db| {
        let url_store = db.store.clone();
        let (a, b) = tokio::join!(
            migrate::apply(&url_store, clock().now()),
            migrate::apply(&db.store, clock().now())
        );
        assert_eq!(a.unwrap() + b.unwrap(), 0);
    });
    let dir = mayak_testkit::temp_dir();
    let s1 = mayak_store::Store::open_sqlite(&dir).await.unwrap();
    let s2 = mayak_store::Store::open_sqlite(&dir).await.unwrap();
    let (a, b) = tokio::join!(
        migrate::apply(&s1, clock().now()),
        migrate::apply(&s2, clock().now())
    );
    assert_eq!(a.unwrap() + b.unwrap(), migrate::MIGRATIONS.len());
    assert_eq!(
        migrate::current_version(&s1).await.unwrap(),
        migrate::latest_version()
    );
    s1.close().await;
    s2.close().await;
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused() {
    each_backend!(|db| {
        mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query("INSERT INTO mayak_schema (version, name, applied_at) VALUES ($1, 'future', 'x')")
                .bind(migrate::latest_version() + 5)
                .execute(p)
                .await
                .unwrap();
        });
        let err = migrate::apply(&db.store, clock().now()).await.unwrap_err();
        assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
        assert!(err.to_string().contains("newer mayak"), "{err}");
    });
}

#[test]
fn every_migration_exists_for_both_databases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for backend in ["sqlite", "postgres"] {
        let mut files: Vec<String> = std::fs::read_dir(dir.join(backend))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let known: Vec<String> = migrate::MIGRATIONS
            .iter()
            .map(|m| format!("{}.sql", m.name))
            .collect();
        assert_eq!(
            files, known,
            "migrations/{backend} must hold exactly the embedded migrations"
        );
    }
    // Numbers are reserved per module, so there may be gaps until every module has landed.
    for w in migrate::MIGRATIONS.windows(2) {
        assert!(w[0].version < w[1].version, "versions increase");
    }
    for m in migrate::MIGRATIONS {
        assert!(
            m.name.starts_with(&format!("{:04}_", m.version)),
            "{} is version {}",
            m.name,
            m.version
        );
    }
}

#[tokio::test]
async fn reference_lists_are_loaded_for_every_list() {
    let builtin = reference::builtin_entries().unwrap();
    each_backend!(|db| {
        for kind in ListKind::ALL {
            let entries = reference::list(&db.store, *kind, false).await.unwrap();
            assert!(!entries.is_empty(), "list {} is empty", kind.code());
            let expected = builtin.iter().filter(|e| e.list == *kind).count();
            assert_eq!(entries.len(), expected, "list {}", kind.code());
            let codes: HashSet<&str> = entries.iter().map(|e| e.code.as_str()).collect();
            assert_eq!(
                codes.len(),
                entries.len(),
                "duplicate codes in {}",
                kind.code()
            );
        }
        let regions = reference::list(&db.store, ListKind::Region, false)
            .await
            .unwrap();
        assert_eq!(regions.len(), 7, "six oblasts and Minsk city");
        let places = reference::list(&db.store, ListKind::Place, false)
            .await
            .unwrap();
        for r in &regions {
            assert!(
                places
                    .iter()
                    .any(|p| p.parent.as_deref() == Some(r.code.as_str())),
                "no places in {}",
                r.code
            );
        }
        assert_eq!(
            places
                .iter()
                .filter(|p| p.kind.as_deref() == Some("district"))
                .count(),
            118
        );
        let by = reference::get(&db.store, ListKind::Country, "BY")
            .await
            .unwrap();
        assert_eq!(by.alt_code.as_deref(), Some("BLR"));
        assert_eq!(by.label_be, "Беларусь");
        // A second sync finds nothing to do.
        assert_eq!(
            reference::sync_builtin(&db.store, clock().now())
                .await
                .unwrap(),
            0
        );
    });
}

#[tokio::test]
async fn standard_codes_are_present() {
    each_backend!(|db| {
        for (list, code) in [
            (ListKind::Sex, "TransgenderNonConforming"),
            (ListKind::AgeBand, "48+"),
            (ListKind::ExploitationType, "ForcedCriminality"),
            (ListKind::MeansOfControl, "WithholdsDocuments"),
            (ListKind::HotlineTopic, "PassportAndVisa"),
            (ListKind::LegalStatus, "MayHaveSuffered"),
            (ListKind::ShiftKind, "ChildrenWithParents"),
            (ListKind::ServiceType, "RehabilitationCentreStay"),
        ] {
            assert!(
                reference::is_active(&db.store, list, code).await.unwrap(),
                "{} {code}",
                list.code()
            );
        }
        assert!(
            !reference::is_active(&db.store, ListKind::Sex, "Nonsense")
                .await
                .unwrap()
        );
    });
}

#[tokio::test]
async fn administrators_add_and_retire_entries_without_breaking_old_records() {
    each_backend!(|db| {
        let now = clock().now();
        let entry = NewEntry::parse(
            ListKind::RecruitmentApp,
            "Signal",
            "Signal",
            "Signal",
            "Signal",
        )
        .unwrap();
        let added = reference::add(&db.store, &entry, now).await.unwrap();
        assert!(!added.builtin);
        let apps = reference::list(&db.store, ListKind::RecruitmentApp, false)
            .await
            .unwrap();
        assert_eq!(
            apps.last().map(|e| e.code.as_str()),
            Some("Signal"),
            "added at the end"
        );

        let dup = reference::add(&db.store, &entry, now).await.unwrap_err();
        assert!(matches!(dup, StoreError::Conflict(_)), "{dup}");

        let retired = reference::set_retired(
            &db.store,
            ListKind::HotlineTopic,
            "EpidemicTravelRules",
            true,
            now,
        )
        .await
        .unwrap();
        assert!(retired.retired);
        assert!(
            !reference::is_active(&db.store, ListKind::HotlineTopic, "EpidemicTravelRules")
                .await
                .unwrap()
        );
        let active = reference::list(&db.store, ListKind::HotlineTopic, false)
            .await
            .unwrap();
        assert!(active.iter().all(|e| e.code != "EpidemicTravelRules"));
        let all = reference::list(&db.store, ListKind::HotlineTopic, true)
            .await
            .unwrap();
        let kept = all
            .iter()
            .find(|e| e.code == "EpidemicTravelRules")
            .expect("old records keep their label");
        assert!(kept.retired);

        // A new release's sync keeps the retirement and the administrator's entry.
        orgs::meta_set(&db.store, "reference_fingerprint", "stale")
            .await
            .unwrap();
        assert!(reference::sync_builtin(&db.store, now).await.unwrap() > 0);
        assert!(
            !reference::is_active(&db.store, ListKind::HotlineTopic, "EpidemicTravelRules")
                .await
                .unwrap()
        );
        assert!(
            reference::is_active(&db.store, ListKind::RecruitmentApp, "Signal")
                .await
                .unwrap()
        );

        reference::set_retired(
            &db.store,
            ListKind::HotlineTopic,
            "EpidemicTravelRules",
            false,
            now,
        )
        .await
        .unwrap();
        assert!(
            reference::is_active(&db.store, ListKind::HotlineTopic, "EpidemicTravelRules")
                .await
                .unwrap()
        );
        let missing = reference::set_retired(&db.store, ListKind::HotlineTopic, "Nope", true, now)
            .await
            .unwrap_err();
        assert!(matches!(missing, StoreError::NotFound));
    });
}

#[tokio::test]
async fn another_instances_reference_change_is_seen_within_the_cache_time() {
    each_backend!(|db| {
        let now = clock().now();
        let other = db.reopen().await;
        assert!(
            reference::is_active(&db.store, ListKind::Country, "PL")
                .await
                .unwrap()
        );
        reference::set_retired(&other, ListKind::Country, "PL", true, now)
            .await
            .unwrap();
        // The other instance's own copy follows its change at once.
        assert!(
            !reference::is_active(&other, ListKind::Country, "PL")
                .await
                .unwrap()
        );
        tokio::time::sleep(reference::CODES_FRESH_FOR + std::time::Duration::from_millis(200))
            .await;
        assert!(
            !reference::is_active(&db.store, ListKind::Country, "PL")
                .await
                .unwrap(),
            "{}: a retirement by another instance is seen after CODES_FRESH_FOR",
            db.label
        );
        assert!(
            reference::exists(&db.store, ListKind::Country, "PL")
                .await
                .unwrap(),
            "retired codes still exist for old records and filters"
        );
        assert!(
            !reference::exists(&db.store, ListKind::Country, "XX")
                .await
                .unwrap()
        );
        other.close().await;
    });
}

#[tokio::test]
async fn demo_dataset_loads_once_with_every_role() {
    each_backend!(|db| {
        let now = clock().now();
        let outcome = demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            now,
            &rng(),
            Some("a-demo-password"),
        )
        .await
        .unwrap();
        assert!(matches!(outcome, DemoOutcome::Loaded { .. }));

        let all = orgs::list_organisations(&db.store).await.unwrap();
        let ngos: Vec<_> = all
            .iter()
            .filter(|o| o.org_type == "NGO" && o.ngo_network)
            .collect();
        assert_eq!(ngos.len(), 15, "15 NGOs");
        let cities: HashSet<_> = ngos.iter().filter_map(|o| o.place.clone()).collect();
        assert_eq!(cities.len(), 10, "in 10 cities");
        for o in &all {
            assert!(
                reference::is_active(&db.store, ListKind::OrganisationType, &o.org_type)
                    .await
                    .unwrap(),
                "{}",
                o.slug
            );
            assert!(
                reference::is_active(&db.store, ListKind::Region, &o.region)
                    .await
                    .unwrap(),
                "{}",
                o.slug
            );
            if let Some(p) = &o.place {
                assert!(
                    reference::is_active(&db.store, ListKind::Place, p)
                        .await
                        .unwrap(),
                    "{} {p}",
                    o.slug
                );
            }
        }
        let types: HashSet<_> = all.iter().map(|o| o.org_type.as_str()).collect();
        for t in [
            "NGO",
            "LawEnforcement",
            "InternationalOrganisation",
            "Education",
            "LabourAndSocialProtection",
            "HealthService",
        ] {
            assert!(types.contains(t), "an organisation of type {t}");
        }
        assert!(all.iter().any(|o| o.may_identify));

        let groups = orgs::list_mdgs(&db.store).await.unwrap();
        assert_eq!(groups.len(), 7, "one group per region");
        assert!(
            groups
                .iter()
                .all(|g| g.chair_organisation_id.is_some() && g.members.len() >= 3)
        );

        let users = orgs::list_users(&db.store).await.unwrap();
        for role in Role::ALL {
            assert!(
                users.iter().any(|u| u.roles.contains(role)),
                "a demo user with role {}",
                role.code()
            );
        }
        let logins: HashSet<_> = users.iter().map(|u| u.login.as_str()).collect();
        for l in [
            "admin",
            "supervisor",
            "hotline",
            "casemanager",
            "rehab",
            "mdg",
            "partner",
            "trainer",
            "analyst",
            "auditor",
            "editor",
        ] {
            assert!(logins.contains(l), "demo login {l}");
        }
        let hash: Option<String> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT password_hash FROM app_user WHERE login = 'hotline'").fetch_one(p).await.unwrap()
        });
        assert!(password::verify("a-demo-password", &hash.unwrap()));

        let again = demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            now,
            &rng(),
            None,
        )
        .await
        .unwrap();
        assert!(matches!(
            again,
            DemoOutcome::AlreadyLoaded {
                password_reset: false,
                ..
            }
        ));
        assert_eq!(
            orgs::list_organisations(&db.store).await.unwrap().len(),
            all.len(),
            "nothing loaded twice"
        );
        let reset = demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            now,
            &rng(),
            Some("another-password"),
        )
        .await
        .unwrap();
        assert!(matches!(
            reset,
            DemoOutcome::AlreadyLoaded {
                password_reset: true,
                ..
            }
        ));
    });
}

#[tokio::test]
async fn demo_is_not_loaded_into_a_database_with_other_data() {
    each_backend!(|db| {
        let o = orgs::NewOrganisation {
            slug: "real-org",
            names: ["Орг", "Арг", "Org"],
            org_type: "NGO",
            region: "BY-BR",
            place: None,
            may_identify: false,
            ngo_network: true,
        };
        orgs::insert_organisation(&db.store, &o, clock().now())
            .await
            .unwrap();
        let outcome = demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            clock().now(),
            &rng(),
            None,
        )
        .await
        .unwrap();
        assert_eq!(outcome, DemoOutcome::NotEmpty);
        assert_eq!(orgs::count_organisations(&db.store).await.unwrap(), 1);
        let dup = orgs::insert_organisation(&db.store, &o, clock().now())
            .await
            .unwrap_err();
        assert!(matches!(dup, StoreError::Conflict(_)));
    });
}

#[tokio::test]
async fn generated_demo_password_is_returned_once() {
    let db = mayak_testkit::sqlite().await;
    let outcome = demo::load(
        &db.store,
        &*mayak_testkit::vault(&db.store).await,
        clock().now(),
        &rng(),
        None,
    )
    .await
    .unwrap();
    let DemoOutcome::Loaded { password: pw, .. } = outcome else {
        panic!("expected a fresh load")
    };
    assert!(pw.len() >= 16);
    db.cleanup().await;
}

// ---- The audit chain and the vault ----------------------------------------------------------------

use mayak_domain::person::{Document, Identity};
use mayak_store::audit::{self, AuditEvent, Verdict};
use mayak_store::{Backend, persons};

fn event(action: &str, i: usize) -> AuditEvent {
    AuditEvent {
        user_id: Some(i as i64),
        login: Some(format!("user{i}")),
        roles: "case_manager".into(),
        action: action.into(),
        record_type: Some("person".into()),
        record_id: Some(i.to_string()),
        outcome: "ok".into(),
        instance: "test".into(),
        ..Default::default()
    }
}

async fn verdict(store: &mayak_store::Store) -> Verdict {
    audit::verify(store, &[], None, |_| {}).await.unwrap()
}

fn broken_at(v: &Verdict) -> i64 {
    match v {
        Verdict::Broken { seq, .. } => *seq,
        Verdict::Intact { .. } => panic!("expected a broken chain, got {v:?}"),
    }
}

/// Executes SQL that bypasses the append-only triggers, as an attacker with database access would.
async fn tamper(store: &mayak_store::Store, sql: &str) {
    match store.backend() {
        Backend::Sqlite => {
            mayak_store::on_pool!(store.pool(), p => {
                sqlx::raw_sql("DROP TRIGGER IF EXISTS audit_event_no_update; DROP TRIGGER IF EXISTS audit_event_no_delete;")
                    .execute(p).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(p).await.unwrap();
            });
        }
        Backend::Postgres => {
            mayak_store::on_pool!(store.pool(), p => {
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("ALTER TABLE audit_event DISABLE TRIGGER USER; {sql}; ALTER TABLE audit_event ENABLE TRIGGER USER;")))
                    .execute(p).await.unwrap();
            });
        }
    }
}

#[tokio::test]
async fn concurrent_appends_form_one_valid_chain() {
    each_backend!(|db| {
        // Two pools on one database stand for two app instances.
        let other = match db.store.backend() {
            Backend::Sqlite => mayak_store::Store::open_sqlite(&db.dir).await.unwrap(),
            Backend::Postgres => {
                let url = mayak_store::on_pool!(db.store.pool(), p => {
                    let name: String = sqlx::query_scalar("SELECT current_database()").fetch_one(p).await.unwrap();
                    mayak_testkit::with_database(&mayak_testkit::postgres_url().unwrap(), &name)
                });
                mayak_store::Store::connect(&url).await.unwrap()
            }
        };
        let mut tasks = Vec::new();
        for i in 0..40 {
            let s = if i % 2 == 0 {
                db.store.clone()
            } else {
                other.clone()
            };
            tasks.push(tokio::spawn(async move {
                audit::record(&s, &event("person.read", i), clock().now())
                    .await
                    .unwrap()
            }));
        }
        let mut seqs: Vec<i64> = Vec::new();
        for t in tasks {
            seqs.push(t.await.unwrap());
        }
        seqs.sort_unstable();
        assert_eq!(
            seqs,
            (1..=40).collect::<Vec<_>>(),
            "every append got its own place"
        );
        match verdict(&db.store).await {
            Verdict::Intact { entries, .. } => assert_eq!(entries, 40),
            v => panic!("{v:?}"),
        }
        other.close().await;
    });
}

#[tokio::test]
async fn the_database_refuses_to_change_the_audit_trail() {
    each_backend!(|db| {
        audit::record(&db.store, &event("login.success", 1), clock().now())
            .await
            .unwrap();
        let update = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query("UPDATE audit_event SET action = 'x'").execute(p).await.map(|_| ())
        });
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query("DELETE FROM audit_event").execute(p).await.map(|_| ())
        });
        assert!(delete.unwrap_err().to_string().contains("append-only"));
    });
}

#[tokio::test]
async fn tampering_is_found_and_named() {
    for attack in ["modify", "delete", "reorder", "insert", "truncate_tail"] {
        each_backend!(|db| {
            for i in 1..=10 {
                audit::record(&db.store, &event("person.read", i), clock().now())
                    .await
                    .unwrap();
            }
            let vault = mayak_testkit::vault(&db.store).await;
            audit::checkpoint(&db.store, vault.signing_seed(), clock().now())
                .await
                .unwrap();
            assert!(matches!(
                verdict(&db.store).await,
                Verdict::Intact {
                    entries: 10,
                    checkpoints: 1,
                    ..
                }
            ));
            let expected = match attack {
                "modify" => {
                    tamper(
                        &db.store,
                        "UPDATE audit_event SET login = 'someone-else' WHERE seq = 4",
                    )
                    .await;
                    4
                }
                "delete" => {
                    tamper(&db.store, "DELETE FROM audit_event WHERE seq = 6").await;
                    6
                }
                "reorder" => {
                    // Swap the content of two entries, hashes and all.
                    tamper(&db.store, "UPDATE audit_event SET seq = -1 WHERE seq = 3; UPDATE audit_event SET seq = 3 WHERE seq = 7; UPDATE audit_event SET seq = 7 WHERE seq = -1").await;
                    3
                }
                "insert" => {
                    // Make room after entry 5 and insert a forged entry with a self-consistent hash.
                    tamper(&db.store, "UPDATE audit_event SET seq = seq + 100 WHERE seq > 5; UPDATE audit_event SET seq = seq - 99 WHERE seq > 100").await;
                    tamper(&db.store, "INSERT INTO audit_event (seq, prev_hash, hash, at, roles, action, outcome, instance) SELECT 6, hash, hash, at, roles, 'forged', outcome, instance FROM audit_event WHERE seq = 5").await;
                    6
                }
                _ => {
                    // Delete the last entries and rewind the head: only the checkpoint remembers.
                    tamper(&db.store, "DELETE FROM audit_event WHERE seq > 8").await;
                    mayak_store::on_pool!(db.store.pool(), p => {
                        sqlx::query("UPDATE audit_head SET seq = 8, hash = (SELECT hash FROM audit_event WHERE seq = 8) WHERE id = 1")
                            .execute(p).await.unwrap();
                    });
                    9
                }
            };
            let v = verdict(&db.store).await;
            assert_eq!(broken_at(&v), expected, "{attack} on {}: {v:?}", db.label);
        });
    }
}

#[tokio::test]
async fn exported_checkpoints_catch_a_rewritten_trail() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        for i in 1..=5 {
            audit::record(&db.store, &event("person.read", i), clock().now())
                .await
                .unwrap();
        }
        let exported = vec![
            audit::checkpoint(&db.store, vault.signing_seed(), clock().now())
                .await
                .unwrap(),
        ];
        let key = vault.public_key();
        match audit::verify(&db.store, &exported, Some(&key), |_| {})
            .await
            .unwrap()
        {
            Verdict::Intact { entries: 5, .. } => {}
            v => panic!("{v:?}"),
        }
        // A forged checkpoint signed with another key is refused when a trusted key is given.
        let forged_seed =
            mayak_domain::crypto::SecretKey::generate(&mayak_domain::SplitMix64::new(99));
        let mut forged = exported[0].clone();
        forged.signature =
            mayak_domain::crypto::sign_checkpoint(&forged_seed, forged.seq, &forged.hash);
        forged.public_key = mayak_domain::crypto::public_key(&forged_seed);
        let v = audit::verify(&db.store, &[forged], Some(&key), |_| {})
            .await
            .unwrap();
        assert_eq!(broken_at(&v), 5);
    });
}

fn identity(n: u64) -> Identity {
    mayak_store::demo::fictional_identity(&mayak_domain::SplitMix64::new(n), n.is_multiple_of(2))
}

#[tokio::test]
async fn persons_are_sealed_indexed_and_every_read_is_recorded() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let who = event("", 7);
        let mut anna = Identity {
            family_name: "Иванова".into(),
            given_names: "Анна".into(),
            birth_date: Some(time::macros::date!(1994 - 03 - 12)),
            documents: vec![Document {
                doc_type: "Passport".into(),
                number: "MP 1234567".into(),
                country: Some("BY".into()),
            }],
            phones: vec!["8 (029) 123-45-67".into()],
            ..Default::default()
        };
        let id = persons::create(
            &db.store,
            &vault,
            &rng(),
            &anna,
            "Female",
            None,
            &who,
            clock().now(),
        )
        .await
        .unwrap();
        let back = persons::read(&db.store, &vault, id, &who, clock().now())
            .await
            .unwrap();
        assert_eq!(back, anna);
        // Raw rows hold nothing readable.
        let raw: Vec<u8> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT identity FROM person WHERE id = $1").bind(id).fetch_one(p).await.unwrap()
        });
        assert!(
            !String::from_utf8_lossy(&raw).contains("Иванова")
                && !raw.windows(10).any(|w| w == b"1994-03-12")
        );
        // Exact search through blind indexes, across scripts and formats.
        let found = persons::find(
            &db.store,
            &vault,
            persons::INDEX_NAME_DOB,
            &format!(
                "{}|1994-03-12",
                mayak_domain::crypto::normalise_name("Anna IVANOVA")
            ),
        )
        .await
        .unwrap();
        assert_eq!(found, vec![id]);
        assert_eq!(
            persons::find(&db.store, &vault, persons::INDEX_DOCUMENT, "MP1234567")
                .await
                .unwrap(),
            vec![id]
        );
        assert_eq!(
            persons::find(
                &db.store,
                &vault,
                persons::INDEX_PHONE,
                &mayak_domain::crypto::normalise_phone("+375291234567")
            )
            .await
            .unwrap(),
            vec![id]
        );
        let other = persons::create(
            &db.store,
            &vault,
            &rng(),
            &identity(3),
            "Male",
            None,
            &who,
            clock().now(),
        )
        .await
        .unwrap();
        let probe = Identity {
            family_name: "X".into(),
            given_names: "Y".into(),
            phones: vec!["+375 29 123 45 67".into()],
            ..Default::default()
        };
        assert_eq!(
            persons::possible_duplicates(&db.store, &vault, &probe)
                .await
                .unwrap(),
            vec![id]
        );
        // Updates move the indexes.
        anna.documents[0].number = "HB7654321".into();
        persons::update(&db.store, &vault, &rng(), id, &anna, &who, clock().now())
            .await
            .unwrap();
        assert!(
            persons::find(&db.store, &vault, persons::INDEX_DOCUMENT, "MP1234567")
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            persons::find(&db.store, &vault, persons::INDEX_DOCUMENT, "HB7654321")
                .await
                .unwrap(),
            vec![id]
        );
        // Every read and change is in the audit trail, with field names and never values.
        let trail = audit::readers_of(&db.store, "person", &id.to_string(), 10)
            .await
            .unwrap();
        let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["person.update", "person.read", "person.create"]);
        assert!(trail.iter().all(|e| !format!("{e:?}").contains("Иванова")));
        assert_eq!(
            trail[2].fields.as_deref(),
            Some("family_name,given_names,birth_date,documents,phones")
        );
        // Erasure: gone for good, the row stays for statistics.
        persons::erase(&db.store, id, &vault_who(), clock().now())
            .await
            .unwrap();
        assert!(matches!(
            persons::read(&db.store, &vault, id, &who, clock().now()).await,
            Err(StoreError::Erased)
        ));
        assert!(
            persons::find(&db.store, &vault, persons::INDEX_PHONE, "375291234567")
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(persons::counts(&db.store).await.unwrap(), (2, 1));
        assert!(
            persons::read(&db.store, &vault, other, &who, clock().now())
                .await
                .is_ok()
        );
        assert!(matches!(verdict(&db.store).await, Verdict::Intact { .. }));
    });
}

fn vault_who() -> AuditEvent {
    event("", 1)
}

#[tokio::test]
async fn a_wrong_key_is_refused_and_rotation_keeps_data_readable() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let id = persons::create(
            &db.store,
            &vault,
            &rng(),
            &identity(5),
            "Female",
            None,
            &event("", 1),
            clock().now(),
        )
        .await
        .unwrap();
        let wrong = mayak_store::keyring::Keyring::from_key_base64(
            "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=",
        )
        .unwrap();
        let err = mayak_store::vault::Vault::open(&db.store, std::sync::Arc::new(wrong), &rng())
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("does not match this database"),
            "{err}"
        );

        // Rotation with a key file, while another "server" holds the keyring.
        let path = db.dir.join("keys").join("kek");
        let ring =
            std::sync::Arc::new(mayak_store::keyring::Keyring::from_file(&path, &rng()).unwrap());
        let file_store_db = mayak_testkit::sqlite().await;
        let fv = mayak_store::vault::Vault::open(&file_store_db.store, ring.clone(), &rng())
            .await
            .unwrap();
        let p = persons::create(
            &file_store_db.store,
            &fv,
            &rng(),
            &identity(8),
            "Male",
            None,
            &event("", 1),
            clock().now(),
        )
        .await
        .unwrap();
        let server_ring =
            std::sync::Arc::new(mayak_store::keyring::Keyring::from_file(&path, &rng()).unwrap());
        let server = mayak_store::vault::Vault::open(&file_store_db.store, server_ring, &rng())
            .await
            .unwrap();
        let new = ring.add_version(&rng()).unwrap();
        fv.rewrap_shared(&file_store_db.store, new, &rng())
            .await
            .unwrap();
        assert_eq!(
            persons::rewrap_all(&file_store_db.store, &fv, &rng(), new, |_| {})
                .await
                .unwrap(),
            1
        );
        ring.retire_before(new).unwrap();
        assert_eq!(
            persons::read(
                &file_store_db.store,
                &server,
                p,
                &event("", 1),
                clock().now()
            )
            .await
            .unwrap(),
            identity(8),
            "the running server reloads the key file"
        );
        let reopened = mayak_store::vault::Vault::open(
            &file_store_db.store,
            std::sync::Arc::new(mayak_store::keyring::Keyring::from_file(&path, &rng()).unwrap()),
            &rng(),
        )
        .await
        .unwrap();
        assert_eq!(
            persons::read(
                &file_store_db.store,
                &reopened,
                p,
                &event("", 1),
                clock().now()
            )
            .await
            .unwrap(),
            identity(8)
        );
        file_store_db.cleanup().await;
        let _ = id;
    });
}

#[tokio::test]
async fn files_are_sealed_and_retention_erases_only_after_approval() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let who = event("", 1);
        let now = clock().now();
        let a = persons::create(
            &db.store,
            &vault,
            &rng(),
            &identity(11),
            "Female",
            None,
            &who,
            now,
        )
        .await
        .unwrap();
        let b = persons::create(
            &db.store,
            &vault,
            &rng(),
            &identity(12),
            "Male",
            None,
            &who,
            now,
        )
        .await
        .unwrap();
        let c = persons::create(
            &db.store,
            &vault,
            &rng(),
            &identity(13),
            "Female",
            None,
            &who,
            now,
        )
        .await
        .unwrap();
        let scan = b"%PDF-1.4 scanned passport of a fictional person".to_vec();
        let f = persons::attach_file(
            &db.store,
            &vault,
            &rng(),
            a,
            "application/pdf",
            &scan,
            &who,
            now,
        )
        .await
        .unwrap();
        let raw: Vec<u8> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT sealed FROM person_file WHERE id = $1").bind(f).fetch_one(p).await.unwrap()
        });
        assert!(!raw.windows(8).any(|w| w == b"passport"));
        assert_eq!(
            persons::read_file(&db.store, &vault, a, f, &who, now)
                .await
                .unwrap(),
            ("application/pdf".to_owned(), scan)
        );
        assert!(
            matches!(
                persons::read_file(&db.store, &vault, b, f, &who, now).await,
                Err(StoreError::NotFound)
            ),
            "a file belongs to its person"
        );

        use mayak_store::retention;
        let five_years = time::Duration::days(5 * 365);
        retention::set_closed(&db.store, a, Some(now - time::Duration::days(6 * 365)))
            .await
            .unwrap();
        retention::set_closed(&db.store, b, Some(now - time::Duration::days(365)))
            .await
            .unwrap();
        assert_eq!(
            retention::due(&db.store, now, five_years).await.unwrap(),
            vec![a]
        );
        let run = retention::dry_run(&db.store, now, five_years)
            .await
            .unwrap()
            .unwrap();
        assert!(
            retention::dry_run(&db.store, now, five_years)
                .await
                .unwrap()
                .is_none(),
            "a person is on one pending run at a time"
        );
        assert!(
            persons::read(&db.store, &vault, a, &who, now).await.is_ok(),
            "a dry run erases nothing"
        );
        let withdrawn =
            retention::request_erasure(&db.store, now, c, "consent to processing withdrawn")
                .await
                .unwrap();
        // Decided by the operator (no user row in this bare database).
        let who = AuditEvent {
            user_id: None,
            ..who
        };
        retention::reject(&db.store, withdrawn, &who, now)
            .await
            .unwrap();
        assert!(
            persons::read(&db.store, &vault, c, &who, now).await.is_ok(),
            "a rejected run erases nothing"
        );
        assert_eq!(
            retention::approve(&db.store, run, &who, now).await.unwrap(),
            1
        );
        assert!(matches!(
            persons::read(&db.store, &vault, a, &who, now).await,
            Err(StoreError::Erased)
        ));
        assert!(matches!(
            persons::read_file(&db.store, &vault, a, f, &who, now).await,
            Err(StoreError::Erased)
        ));
        assert!(persons::read(&db.store, &vault, b, &who, now).await.is_ok());
        assert!(matches!(
            retention::approve(&db.store, run, &who, now).await,
            Err(StoreError::Conflict(_))
        ));
        let runs = retention::runs(&db.store).await.unwrap();
        assert_eq!(
            runs.iter().map(|r| r.status.as_str()).collect::<Vec<_>>(),
            ["rejected", "approved"]
        );
        // Statistics still count the erased person.
        assert_eq!(persons::counts(&db.store).await.unwrap(), (3, 1));
        let sexes: Vec<(String, i64)> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_as("SELECT sex, COUNT(*) FROM person GROUP BY sex ORDER BY sex").fetch_all(p).await.unwrap()
        });
        assert_eq!(sexes, [("Female".to_owned(), 2), ("Male".to_owned(), 1)]);
        assert!(matches!(verdict(&db.store).await, Verdict::Intact { .. }));
    });
}

#[tokio::test]
async fn intake_drafts_are_sealed_owned_rewrapped_and_expire() {
    each_backend!(|db| {
        let now = clock().now();
        let path = db.dir.join("keys").join("kek");
        let ring =
            std::sync::Arc::new(mayak_store::keyring::Keyring::from_file(&path, &rng()).unwrap());
        let vault = mayak_store::vault::Vault::open(&db.store, ring.clone(), &rng())
            .await
            .unwrap();
        demo::load(&db.store, &vault, now, &rng(), Some("a-demo-password"))
            .await
            .unwrap();
        let users = orgs::list_users(&db.store).await.unwrap();
        let id_of = |login: &str| users.iter().find(|u| u.login == login).unwrap().id;
        let (cm, other) = (id_of("casemanager"), id_of("supervisor"));
        let form = vec![
            ("family_name".to_owned(), "Запечатанная".to_owned()),
            ("phone".to_owned(), "+375 29 000-11-22".to_owned()),
        ];
        let d = mayak_store::drafts::save(&db.store, &vault, &rng(), cm, None, &form, now)
            .await
            .unwrap();
        let raw: Vec<u8> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT sealed FROM intake_draft WHERE id = $1").bind(d).fetch_one(p).await.unwrap()
        });
        assert!(!raw.windows(6).any(|w| w == "Зап".as_bytes()));
        assert!(!raw.windows(6).any(|w| w == b"000-11"));
        assert_eq!(
            mayak_store::drafts::load(&db.store, &vault, cm, d)
                .await
                .unwrap(),
            form
        );
        assert!(matches!(
            mayak_store::drafts::load(&db.store, &vault, other, d).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            mayak_store::drafts::save(&db.store, &vault, &rng(), other, Some(d), &form, now).await,
            Err(StoreError::NotFound)
        ));
        // Key rotation re-wraps drafts too; they stay readable under the new key alone.
        let new = ring.add_version(&rng()).unwrap();
        vault.rewrap_shared(&db.store, new, &rng()).await.unwrap();
        persons::rewrap_all(&db.store, &vault, &rng(), new, |_| {})
            .await
            .unwrap();
        assert_eq!(
            mayak_store::drafts::rewrap_all(&db.store, &vault, &rng(), new)
                .await
                .unwrap(),
            1
        );
        ring.retire_before(new).unwrap();
        assert_eq!(
            mayak_store::drafts::load(&db.store, &vault, cm, d)
                .await
                .unwrap(),
            form
        );
        // Untouched for longer than the lifetime: gone.
        let later = now + mayak_store::drafts::DRAFT_LIFETIME + time::Duration::days(1);
        assert!(
            mayak_store::drafts::list(&db.store, cm, later)
                .await
                .unwrap()
                .is_empty()
        );
    });
}

#[path = "store/hotline.rs"]
mod hotline;
#[path = "store/publication.rs"]
mod publication;
#[path = "store/publication_model.rs"]
mod publication_model;
#[path = "store/rehab.rs"]
mod rehab;
