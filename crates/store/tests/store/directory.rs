//! The partner directory in the store: which services each region lacks (and where nearby
//! they are offered), and a partner's open referrals, all of them or those it shares with one
//! counterpart.

use super::*;
use mayak_domain::referral::{ReferralAction, ReferralState, Side};
use mayak_store::audit::AuditEvent;
use mayak_store::directory::{self, Gap, Profile};
use mayak_store::referrals::{self, Move, Moved};

async fn org(store: &mayak_store::Store, slug: &str, region: &str, services: &[&str]) -> i64 {
    let id = orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug,
            names: [slug, slug, slug],
            org_type: "NGO",
            region,
            place: None,
            may_identify: false,
            ngo_network: true,
        },
        clock().now(),
    )
    .await
    .unwrap();
    directory::set_profile(
        store,
        id,
        &Profile {
            services: services.iter().map(|s| (*s).to_owned()).collect(),
            ..Profile::default()
        },
    )
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn a_regions_gaps_are_the_services_nobody_there_offers_with_the_neighbours_that_do() {
    each_backend!(|db| {
        org(&db.store, "gap-vitebsk", "BY-VI", &["Shelter", "Legal"]).await;
        org(&db.store, "gap-vitebsk-2", "BY-VI", &["Medical"]).await;
        org(&db.store, "gap-grodno", "BY-HR", &["Psychological"]).await;
        org(
            &db.store,
            "gap-mogilev",
            "BY-MA",
            &["Psychological", "Shelter"],
        )
        .await;
        // Brest is not Vitebsk's neighbour: what it offers does not count as nearby.
        org(&db.store, "gap-brest", "BY-BR", &["Employment"]).await;
        let offered = directory::offered_by_region(&db.store).await.unwrap();
        assert_eq!(
            offered["BY-VI"]
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            ["Legal", "Medical", "Shelter"],
            "the union of the region's organisations"
        );
        let services: Vec<String> = ["Shelter", "Psychological", "Employment", "Medical"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(
            directory::gaps(&offered, "BY-VI", &services),
            vec![
                Gap {
                    service: "Psychological".into(),
                    nearby: vec!["BY-HR".into(), "BY-MA".into()],
                },
                Gap {
                    service: "Employment".into(),
                    nearby: vec![],
                },
            ]
        );
        // A region without organisations lacks everything.
        assert_eq!(directory::gaps(&offered, "BY-HM", &services).len(), 4);
        // Changing a profile changes the gaps.
        let id = orgs::organisation_by_slug(&db.store, "gap-vitebsk-2")
            .await
            .unwrap()
            .id;
        let mut p = directory::profile(&db.store, id).await.unwrap();
        p.services = vec!["Medical".into(), "Employment".into()];
        directory::set_profile(&db.store, id, &p).await.unwrap();
        let offered = directory::offered_by_region(&db.store).await.unwrap();
        assert_eq!(directory::gaps(&offered, "BY-VI", &services).len(), 1);
    });
}

#[tokio::test]
async fn a_partners_open_referrals_leave_out_finished_ones_and_can_be_narrowed_to_one_counterpart()
{
    each_backend!(|db| {
        let now = clock().now();
        let vault = mayak_testkit::vault(&db.store).await;
        demo::load(&db.store, &vault, now, &rng(), Some("a-demo-password"))
            .await
            .unwrap();
        let all = referrals::all(&db.store).await.unwrap();
        // The demo organisation with the most referrals either side.
        let mut counts: std::collections::HashMap<i64, usize> = Default::default();
        for r in &all {
            *counts.entry(r.to_organisation_id).or_default() += 1;
            *counts.entry(r.from_organisation_id).or_default() += 1;
        }
        let (&partner, _) = counts.iter().max_by_key(|(id, n)| (**n, **id)).unwrap();
        let open = referrals::open_of_partner(&db.store, partner, None)
            .await
            .unwrap();
        let expected: Vec<i64> = {
            let mut v: Vec<&referrals::Referral> = all
                .iter()
                .filter(|r| r.side_of(partner).is_some() && !r.state.is_closed())
                .collect();
            v.sort_by_key(|r| (r.sent_at, r.id));
            v.iter().map(|r| r.id).collect()
        };
        assert!(!expected.is_empty(), "the demo has open referrals");
        assert_eq!(open.iter().map(|r| r.id).collect::<Vec<_>>(), expected);
        assert!(
            all.iter()
                .any(|r| r.side_of(partner).is_some() && r.state.is_closed()),
            "the demo partner has finished referrals too, left out"
        );
        // Narrowed to one counterpart: only the referrals between the two, either way.
        let counterpart = open[0]
            .side_of(partner)
            .map(|s| match s {
                Side::Receiver => open[0].from_organisation_id,
                Side::Sender => open[0].to_organisation_id,
            })
            .unwrap();
        let shared = referrals::open_of_partner(&db.store, partner, Some(counterpart))
            .await
            .unwrap();
        assert!(!shared.is_empty());
        assert!(shared.iter().all(|r| {
            let pair = [r.from_organisation_id, r.to_organisation_id];
            pair.contains(&partner) && pair.contains(&counterpart)
        }));
        assert_eq!(
            shared.len(),
            open.iter()
                .filter(|r| r.side_of(counterpart).is_some())
                .count()
        );
        // Once completed, a referral leaves the page.
        let r = &open[0];
        let who = AuditEvent {
            outcome: "ok".into(),
            instance: "test".into(),
            ..Default::default()
        };
        let mut state = r.state;
        while state != ReferralState::Completed {
            let action = match state {
                ReferralState::Sent => ReferralAction::Accept,
                ReferralState::Accepted => ReferralAction::Start,
                _ => ReferralAction::Complete,
            };
            let m = Move {
                action,
                side: Side::Receiver,
                decline_reason: None,
                note: None,
            };
            match referrals::act(&db.store, r.id, &m, &who, now)
                .await
                .unwrap()
            {
                Moved::To(s) => state = s,
                Moved::Refused(e) => panic!("{e:?}"),
            }
            if r.kind == mayak_domain::referral::ReferralKind::Transfer {
                break;
            }
        }
        let after = referrals::open_of_partner(&db.store, partner, None)
            .await
            .unwrap();
        assert_eq!(after.len(), open.len() - 1);
        assert!(after.iter().all(|x| x.id != r.id));
    });
}
