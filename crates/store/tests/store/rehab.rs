//! The rehabilitation centre's store: admissions under the rules, the race for the last bed,
//! discharges with the review, sealed notes, the demo year and the statistics.

use super::*;
use mayak_domain::case::{ConsentPurpose, LegalStatus, NrmPhase};
use mayak_domain::person::Identity;
use mayak_domain::rehab::{
    Destination, DischargeReason, GoalStatus, Participation, RehabKind, ShiftKind, StayStatus,
};
use mayak_store::audit::AuditEvent;
use mayak_store::cases::{self, NewCase};
use mayak_store::rehab::{self, Admission, Discharge, NewOccupant, RehabError, Review};
use mayak_store::{Store, casework};
use time::macros::date;

fn operator() -> AuditEvent {
    AuditEvent {
        login: Some("test".into()),
        roles: "rehabilitation_staff".into(),
        outcome: "ok".into(),
        instance: "test".into(),
        ..Default::default()
    }
}

async fn org(store: &Store) -> i64 {
    orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug: "centre-org",
            names: ["Центр", "Цэнтр", "Centre"],
            org_type: "InternationalOrganisation",
            region: "BY-HM",
            place: None,
            may_identify: false,
            ngo_network: false,
        },
        clock().now(),
    )
    .await
    .unwrap()
}

/// A case of a person of `sex`, born in `birth`, with consent to a stay.
async fn case_of(
    store: &Store,
    vault: &mayak_store::vault::Vault,
    org: i64,
    sex: &str,
    birth: time::Date,
) -> cases::Case {
    let c = cases::create(
        store,
        vault,
        &rng(),
        &NewCase {
            region: "BY-HM".into(),
            lead_organisation_id: org,
            assigned_to: None,
            registered_on: date!(2026 - 02 - 20),
            sex: sex.into(),
            identity: Identity {
                family_name: "Тестова".into(),
                given_names: "Вера".into(),
                birth_date: Some(birth),
                citizenships: vec!["BY".into()],
                ..Default::default()
            },
            exploitation_type: None,
            country_of_exploitation: None,
            nrm_phase: NrmPhase::Identification,
        },
        &operator(),
        clock().now(),
    )
    .await
    .unwrap();
    cases::add_consent(
        store,
        c.id,
        ConsentPurpose::RehabilitationStay,
        None,
        "person",
        "SignedPaper",
        date!(2026 - 02 - 25),
        &operator(),
        clock().now(),
    )
    .await
    .unwrap();
    c
}

fn admission(shift: i64, case: i64, occupants: Vec<NewOccupant>) -> Admission {
    Admission {
        shift_id: shift,
        case_id: case,
        occupants,
        planned_from: date!(2026 - 03 - 02),
        planned_to: date!(2026 - 03 - 20),
        arrived: true,
        waiting_list: false,
    }
}

fn me() -> NewOccupant {
    NewOccupant {
        relative_id: None,
        bed_id: None,
    }
}

fn refused_codes(r: Result<impl std::fmt::Debug, RehabError>) -> Vec<&'static str> {
    match r {
        Err(RehabError::Refused(e)) => e.0.iter().map(|f| f.code).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn centre_with_beds(store: &Store, org: i64, beds: usize) -> i64 {
    let labels: Vec<String> = (1..=beds).map(|b| b.to_string()).collect();
    rehab::create_centre(
        store,
        org,
        "Тестовый центр",
        "BY-HM",
        &[("1".into(), labels)],
        &operator(),
        clock().now(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn admissions_follow_the_shift_rules_and_discharge_takes_the_child_along() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let org = org(&db.store).await;
        let centre = centre_with_beds(&db.store, org, 4).await;
        let shift = rehab::create_shift(
            &db.store,
            centre,
            ShiftKind::Women,
            date!(2026 - 03 - 01),
            date!(2026 - 03 - 29),
            3,
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        // Capacity above the beds is refused.
        let over = rehab::create_shift(
            &db.store,
            centre,
            ShiftKind::Men,
            date!(2026 - 03 - 01),
            date!(2026 - 03 - 29),
            5,
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(over), ["capacity_over_beds"]);

        let man = case_of(&db.store, &vault, org, "Male", date!(1990 - 01 - 01)).await;
        let r = rehab::admit(
            &db.store,
            &vault,
            &admission(shift, man.id, vec![me()]),
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(r), ["shift_women_only"]);

        let mother = case_of(&db.store, &vault, org, "Female", date!(1995 - 05 - 05)).await;
        casework::add_relative(
            &db.store,
            &vault,
            &rng(),
            mother.id,
            &Identity {
                family_name: "Тестова".into(),
                given_names: "Соня".into(),
                birth_date: Some(date!(2020 - 04 - 04)),
                ..Default::default()
            },
            "Female",
            "Child",
            true,
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        let child = casework::relatives(&db.store, mother.id).await.unwrap()[0].id;
        let alone = NewOccupant {
            relative_id: Some(child),
            bed_id: None,
        };
        let r = rehab::admit(
            &db.store,
            &vault,
            &admission(shift, mother.id, vec![alone.clone()]),
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(r), ["child_needs_companion"]);

        // No consent to the stay: refused and said so.
        let no_consent = cases::create(
            &db.store,
            &vault,
            &rng(),
            &NewCase {
                region: "BY-HM".into(),
                lead_organisation_id: org,
                assigned_to: None,
                registered_on: date!(2026 - 02 - 20),
                sex: "Female".into(),
                identity: Identity {
                    family_name: "Без".into(),
                    given_names: "Согласия".into(),
                    ..Default::default()
                },
                exploitation_type: None,
                country_of_exploitation: None,
                nrm_phase: NrmPhase::Identification,
            },
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        let r = rehab::admit(
            &db.store,
            &vault,
            &admission(shift, no_consent.id, vec![me()]),
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(r), ["stay_consent_missing"]);

        let ok = rehab::admit(
            &db.store,
            &vault,
            &admission(shift, mother.id, vec![me(), alone]),
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        assert_eq!(ok.stays.len(), 2);
        assert!(!ok.waiting);
        let stays = rehab::group(&db.store, ok.group_stay_id).await.unwrap();
        assert_eq!(stays[1].companion_stay_id, Some(stays[0].id));
        assert!(stays[1].child && stays[1].age == Some(5) && stays[1].age_band == "0-8");
        assert_eq!(stays[0].citizenship.code(), "Citizen");
        assert!(
            stays
                .iter()
                .all(|s| s.status == StayStatus::Admitted && s.bed_id.is_some())
        );
        assert_ne!(stays[0].bed_id, stays[1].bed_id);
        // The stay is a service of the case, so the centre's staff reach the case.
        let services = cases::services(&db.store, mother.id).await.unwrap();
        assert!(
            services
                .iter()
                .any(|s| s.service_type == rehab::STAY_SERVICE
                    && s.provider_organisation_id == org
                    && s.status.code() == "InProgress")
        );

        // A third woman fits; a fourth does not: the waiting list takes her when asked.
        let third = case_of(&db.store, &vault, org, "Female", date!(1980 - 01 - 01)).await;
        rehab::admit(
            &db.store,
            &vault,
            &admission(shift, third.id, vec![me()]),
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        let fourth = case_of(&db.store, &vault, org, "Female", date!(1985 - 01 - 01)).await;
        let r = rehab::admit(
            &db.store,
            &vault,
            &admission(shift, fourth.id, vec![me()]),
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(r), ["shift_full"]);
        let mut wait = admission(shift, fourth.id, vec![me()]);
        wait.waiting_list = true;
        let w = rehab::admit(&db.store, &vault, &wait, &operator(), clock().now())
            .await
            .unwrap();
        assert!(w.waiting);
        assert_eq!(rehab::waiting(&db.store, centre).await.unwrap().len(), 1);

        // The plan, a session, a sealed note.
        let first = stays[0].id;
        rehab::add_plan_item(
            &db.store,
            first,
            RehabKind::SocioPsychological,
            "Сон",
            "Психолог дважды в неделю",
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        rehab::add_session(
            &db.store,
            first,
            RehabKind::SocioPsychological,
            date!(2026 - 03 - 03),
            0,
            60,
            "Знакомство",
            &operator(),
            clock().now(),
        )
        .await
        .map(|_| ())
        .or_else(|e| match e {
            // held_by must be a user; the test has none, so the store refuses the reference.
            RehabError::Store(StoreError::Conflict(_)) => Ok(()),
            other => Err(other),
        })
        .unwrap();
        rehab::add_note(
            &db.store,
            &vault,
            &rng(),
            first,
            Participation::CoWritten,
            "Стала лучше спать",
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        let sealed: Vec<u8> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT sealed FROM rehab_note").fetch_one(p).await.unwrap()
        });
        assert!(
            !String::from_utf8_lossy(&sealed).contains("спать"),
            "the note is sealed at rest"
        );

        // Discharging the mother alone would leave the child: the store takes her along,
        // and the review of the worked kind is required.
        let d = Discharge {
            left_on: date!(2026 - 03 - 15),
            reason: DischargeReason::ProgrammeCompleted,
            destination: Destination::Relatives,
            review: Review {
                outcomes: vec![],
                summary: "Готова жить у сестры".into(),
            },
        };
        let r = rehab::discharge(
            &db.store,
            &vault,
            &rng(),
            first,
            &d,
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(r), ["required"]);
        let d = Discharge {
            review: Review {
                outcomes: vec![(RehabKind::SocioPsychological, GoalStatus::Achieved)],
                summary: "Готова жить у сестры".into(),
            },
            ..d
        };
        let left = rehab::discharge(
            &db.store,
            &vault,
            &rng(),
            first,
            &d,
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        assert_eq!(left.len(), 2, "the child leaves with her mother");
        let after = rehab::group(&db.store, ok.group_stay_id).await.unwrap();
        assert!(after.iter().all(
            |s| s.status == StayStatus::Discharged && s.left_on == Some(date!(2026 - 03 - 15))
        ));
        let (notes, review) = rehab::notes(&db.store, &vault, first, &operator(), clock().now())
            .await
            .unwrap();
        assert_eq!(notes[0].text, "Стала лучше спать");
        assert_eq!(review.unwrap().summary, "Готова жить у сестры");
        let services = cases::services(&db.store, mother.id).await.unwrap();
        assert!(
            services
                .iter()
                .any(|s| s.service_type == rehab::STAY_SERVICE && s.status.code() == "Completed")
        );
        // Now there is room from the 15th only; the waiting admission asks from the 2nd, so it
        // still waits.
        let placed = rehab::place_waiting(
            &db.store,
            &vault,
            w.group_stay_id,
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(placed), ["shift_full"]);

        // A person not confirmed as a victim is not eligible.
        let not = case_of(&db.store, &vault, org, "Female", date!(1990 - 01 - 01)).await;
        cases::identify(
            &db.store,
            not.id,
            not.version,
            LegalStatus::NotConfirmed,
            org,
            date!(2026 - 02 - 27),
            "1",
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        let r = rehab::admit(
            &db.store,
            &vault,
            &admission(shift, not.id, vec![me()]),
            &operator(),
            clock().now(),
        )
        .await;
        assert_eq!(refused_codes(r), ["stay_not_eligible"]);
    });
}

#[tokio::test]
async fn two_admissions_race_for_the_last_bed_and_exactly_one_wins() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let org = org(&db.store).await;
        let centre = centre_with_beds(&db.store, org, 3).await;
        let shift = rehab::create_shift(
            &db.store,
            centre,
            ShiftKind::Women,
            date!(2026 - 03 - 01),
            date!(2026 - 03 - 29),
            3,
            &operator(),
            clock().now(),
        )
        .await
        .unwrap();
        let mut women = Vec::new();
        for _ in 0..4 {
            women.push(case_of(&db.store, &vault, org, "Female", date!(1990 - 01 - 01)).await);
        }
        // Two beds taken; two admissions race for the last one, on separate connections.
        for w in &women[..2] {
            rehab::admit(
                &db.store,
                &vault,
                &admission(shift, w.id, vec![me()]),
                &operator(),
                clock().now(),
            )
            .await
            .unwrap();
        }
        for round in 0..3 {
            let (mut a, mut b) = (
                admission(shift, women[2].id, vec![me()]),
                admission(shift, women[3].id, vec![me()]),
            );
            (a.arrived, b.arrived) = (false, false);
            let (s1, s2) = (db.store.clone(), db.store.clone());
            let (v1, v2) = (vault.clone(), vault.clone());
            let (ra, rb) = tokio::join!(
                tokio::spawn(async move {
                    rehab::admit(&s1, &v1, &a, &operator(), clock().now()).await
                }),
                tokio::spawn(async move {
                    rehab::admit(&s2, &v2, &b, &operator(), clock().now()).await
                }),
            );
            let results = [ra.unwrap(), rb.unwrap()];
            let wins: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
            assert_eq!(
                wins.len(),
                1,
                "round {round}: exactly one wins: {results:?}"
            );
            let loser = results.iter().find_map(|r| r.as_ref().err()).unwrap();
            assert!(
                matches!(loser, RehabError::Refused(e) if e.0.iter().any(|f| f.code == "shift_full")),
                "round {round}: {loser:?}"
            );
            let occupying = rehab::stays_of_shift(&db.store, shift)
                .await
                .unwrap()
                .into_iter()
                .filter(|s| s.status.occupies())
                .count();
            assert_eq!(occupying, 3);
            // Free the bed again for the next round.
            rehab::cancel(&db.store, wins[0].group_stay_id, &operator(), clock().now())
                .await
                .unwrap();
        }
    });
}

#[tokio::test]
async fn the_demo_holds_a_year_of_shifts_that_keep_the_rules() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let started = std::time::Instant::now();
        demo::load(
            &db.store,
            &vault,
            clock().now(),
            &rng(),
            Some("demo-password-1"),
        )
        .await
        .unwrap();
        eprintln!(
            "demo with the rehabilitation year loaded in {:?}",
            started.elapsed()
        );
        let today = clock().now().date();
        let centres = rehab::centres(&db.store).await.unwrap();
        assert_eq!(centres.len(), 2);
        let shifts = rehab::shifts(
            &db.store,
            None,
            today - time::Duration::days(366),
            today + time::Duration::days(60),
        )
        .await
        .unwrap();
        for kind in ShiftKind::ALL {
            let of_kind: Vec<_> = shifts.iter().filter(|s| s.kind == *kind).collect();
            assert!(of_kind.len() >= 3, "{kind:?}");
        }
        let mut discharged = 0;
        for s in &shifts {
            let stays = rehab::stays_of_shift(&db.store, s.id).await.unwrap();
            let staying: Vec<mayak_domain::rehab::Staying> = Vec::new();
            // Every night within capacity, every bed one person, no man in a women's shift.
            let mut day = s.starts_on;
            while day < s.ends_on {
                let here: Vec<_> = stays
                    .iter()
                    .filter(|x| x.status.occupies() || x.status == StayStatus::Discharged)
                    .filter(|x| x.from() <= day && day < x.to())
                    .collect();
                assert!(here.len() as i64 <= s.capacity);
                if s.kind == ShiftKind::Women {
                    assert!(here.iter().all(|x| x.sex != "Male"));
                }
                assert!(
                    here.iter()
                        .filter(|x| x.child)
                        .all(|x| x.companion_stay_id.is_some())
                );
                day = day.next_day().unwrap();
            }
            let _ = staying;
            discharged += stays
                .iter()
                .filter(|x| x.status == StayStatus::Discharged)
                .count();
        }
        assert!(discharged > 50, "{discharged} discharged stays");
        let stats = rehab::stats(
            &db.store,
            today - time::Duration::days(365),
            today + time::Duration::days(1),
            today,
        )
        .await
        .unwrap();
        assert!(stats.stays.total.bed_nights > 500);
        assert_eq!(stats.stays.by_kind.len(), 4);
        assert!(stats.occupancy_rate.unwrap() > 10.0 && stats.occupancy_rate.unwrap() < 100.0);
        assert!(stats.average_length.unwrap() >= 5.0);
        assert!(!stats.services.is_empty());
        let org = orgs::organisation_by_slug(&db.store, "iom-rehabilitation-centre")
            .await
            .unwrap();
        let waiting = rehab::referred(&db.store, org.id).await.unwrap();
        assert!(
            waiting
                .iter()
                .filter(|r| r.sex == "Female" && r.accompanying == 0)
                .count()
                >= 2
        );
        assert!(
            waiting
                .iter()
                .any(|r| r.sex == "Female" && r.accompanying > 0)
        );
        assert!(waiting.iter().any(|r| r.sex == "Male"));
    });
}
