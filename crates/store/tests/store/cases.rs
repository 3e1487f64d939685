//! Case numbering under concurrency: many instances registering cases of the same region and
//! year at once each get their own number, and none is refused.

use super::*;
use mayak_domain::case::NrmPhase;
use mayak_domain::person::Identity;
use mayak_store::audit::AuditEvent;
use mayak_store::cases::{self, NewCase};
use time::macros::date;

fn intake() -> AuditEvent {
    AuditEvent {
        login: Some("intake".into()),
        roles: "case_manager".into(),
        outcome: "ok".into(),
        instance: "test".into(),
        ..Default::default()
    }
}

fn new_case(org: i64, i: usize) -> NewCase {
    NewCase {
        region: "BY-BR".into(),
        lead_organisation_id: org,
        assigned_to: None,
        registered_on: date!(2026 - 03 - 10),
        sex: "F".into(),
        identity: Identity {
            family_name: format!("Параллельная-{i}"),
            given_names: "Анна".into(),
            citizenships: vec!["BY".into()],
            ..Default::default()
        },
        exploitation_type: None,
        country_of_exploitation: None,
        nrm_phase: NrmPhase::Identification,
    }
}

#[tokio::test]
async fn concurrent_registrations_in_one_region_and_year_all_get_their_own_number() {
    each_backend!(|db| {
        let org = orgs::insert_organisation(
            &db.store,
            &orgs::NewOrganisation {
                slug: "brest-ngo",
                names: ["НКО Брест", "НКА Брэст", "NGO Brest"],
                org_type: "NGO",
                region: "BY-BR",
                place: None,
                may_identify: false,
                ngo_network: true,
            },
            clock().now(),
        )
        .await
        .unwrap();
        let vault = mayak_testkit::vault(&db.store).await;
        // More concurrent registrations than the create's retries could absorb if the
        // numbering raced: each would have to lose to all the others.
        const N: usize = 24;
        let mut tasks = Vec::new();
        for i in 0..N {
            let (store, vault) = (db.store.clone(), vault.clone());
            tasks.push(tokio::spawn(async move {
                cases::create(
                    &store,
                    &vault,
                    &rng(),
                    &new_case(org, i),
                    &intake(),
                    clock().now(),
                )
                .await
            }));
        }
        let mut numbers = Vec::new();
        for t in tasks {
            let c = t.await.unwrap().unwrap_or_else(|e| panic!("refused: {e}"));
            numbers.push(c.code);
        }
        numbers.sort();
        numbers.dedup();
        assert_eq!(numbers.len(), N, "every case got its own code: {numbers:?}");
        let max: i64 = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT MAX(number) FROM case_file WHERE region = 'BY-BR' AND year = 2026")
                .fetch_one(p)
                .await
                .unwrap()
        });
        assert_eq!(max, N as i64, "numbers run without gaps");
    });
}
