//! Store tests. Each runs on a fresh SQLite database and, when MAYAK_TEST_DATABASE_URL is
//! set, again on a fresh PostgreSQL database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mayak_domain::reference::NewEntry;
use mayak_domain::{Clock, ListKind, Role, password};
use mayak_store::demo::{self, DemoOutcome};
use mayak_store::{StoreError, migrate, orgs, reference};
use mayak_testkit::{clock, each_backend, rng};
use std::collections::HashSet;

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
    for (i, m) in migrate::MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version, i as i64 + 1, "versions are sequential");
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
async fn demo_dataset_loads_once_with_every_role() {
    each_backend!(|db| {
        let now = clock().now();
        let outcome = demo::load(&db.store, now, &rng(), Some("a-demo-password"))
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

        let again = demo::load(&db.store, now, &rng(), None).await.unwrap();
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
        let reset = demo::load(&db.store, now, &rng(), Some("another-password"))
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
        let outcome = demo::load(&db.store, clock().now(), &rng(), None)
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
    let outcome = demo::load(&db.store, clock().now(), &rng(), None)
        .await
        .unwrap();
    let DemoOutcome::Loaded { password: pw, .. } = outcome else {
        panic!("expected a fresh load")
    };
    assert!(pw.len() >= 16);
    db.cleanup().await;
}
