//! Referrals, the partner directory's details and the groups' meetings in the store: what
//! reaches a case, how moves carry through to the case's services, stale moves, sealed notes.

use super::*;
use mayak_domain::referral::{
    DeclineReason, Disclosure, ReferralAction, ReferralKind, ReferralState, Side,
};
use mayak_store::audit::AuditEvent;
use mayak_store::referrals::{self, Move, Moved, NewReferral};
use mayak_store::{cases, directory, groups};

fn who() -> AuditEvent {
    AuditEvent {
        user_id: None,
        roles: "test".into(),
        outcome: "ok".into(),
        instance: "test".into(),
        ..Default::default()
    }
}

fn mv(action: ReferralAction, side: Side) -> Move<'static> {
    Move {
        action,
        side,
        decline_reason: None,
        note: None,
    }
}

#[tokio::test]
async fn referrals_reach_cases_move_their_services_and_keep_notes_sealed() {
    each_backend!(|db| {
        let now = clock().now();
        let vault = mayak_testkit::vault(&db.store).await;
        demo::load(&db.store, &vault, now, &rng(), Some("a-demo-password"))
            .await
            .unwrap();
        let partner = orgs::organisation_by_slug(&db.store, "ngo-gomel-open-doors")
            .await
            .unwrap()
            .id;
        let lead = orgs::organisation_by_slug(&db.store, "ngo-minsk-dawn")
            .await
            .unwrap()
            .id;
        // A case nobody has referred anywhere yet.
        let all = referrals::all(&db.store).await.unwrap();
        let mut case = None;
        for id in 1..400 {
            let Ok(c) = cases::get(&db.store, id).await else {
                continue;
            };
            if !all.iter().any(|r| r.case_id == c.id)
                && !cases::services(&db.store, c.id)
                    .await
                    .unwrap()
                    .iter()
                    .any(|s| s.provider_organisation_id == partner)
            {
                case = Some(c);
                break;
            }
        }
        let c = case.unwrap();
        let facts = cases::facts(&db.store, &c).await.unwrap();
        assert!(!facts.referred_to.contains(&partner));

        let new = NewReferral {
            kind: ReferralKind::Services,
            case_id: c.id,
            from_organisation_id: lead,
            to_organisation_id: partner,
            disclosure: Disclosure::FullAssessment,
            services: vec!["Shelter".into(), "Medical".into()],
            accept_due_on: now.date() + time::Duration::days(3),
            complete_due_on: Some(now.date() + time::Duration::days(30)),
            override_reason: None,
        };
        let id = referrals::send(&db.store, &new, &who(), now).await.unwrap();
        let r = referrals::get(&db.store, id).await.unwrap();
        assert_eq!(
            (r.state, r.case_code.as_str()),
            (ReferralState::Sent, c.code.as_str())
        );
        assert_eq!(r.services, vec!["Shelter".to_owned(), "Medical".to_owned()]);
        // A pending referral reaches the case; before acceptance the grant is not accepted.
        let facts = cases::facts(&db.store, &c).await.unwrap();
        assert!(facts.referred_to.contains(&partner));
        let g = referrals::grant(&db.store, c.id, partner, true)
            .await
            .unwrap();
        assert_eq!(
            (g.disclosure, g.accepted),
            (Some(Disclosure::FullAssessment), false)
        );
        let ids = referrals::service_ids(&db.store, id).await.unwrap();
        let mine = |all: Vec<cases::Service>, ids: &[i64]| -> Vec<cases::Service> {
            all.into_iter().filter(|s| ids.contains(&s.id)).collect()
        };
        let services = mine(cases::services(&db.store, c.id).await.unwrap(), &ids);
        assert_eq!(services.len(), 2);
        assert!(
            services
                .iter()
                .all(|s| s.status.code() == "Planned" && s.provider_organisation_id == partner)
        );
        let inbox = referrals::inbox(&db.store, partner, now.date())
            .await
            .unwrap();
        assert!(inbox.to_decide.iter().any(|x| x.id == id));

        // The state machine decides; a wrong move changes nothing.
        assert_eq!(
            referrals::act(
                &db.store,
                id,
                &mv(ReferralAction::Complete, Side::Receiver),
                &who(),
                now
            )
            .await
            .unwrap(),
            Moved::Refused(mayak_domain::referral::TransitionError::NotFromState)
        );
        assert_eq!(
            referrals::act(
                &db.store,
                id,
                &mv(ReferralAction::Accept, Side::Receiver),
                &who(),
                now
            )
            .await
            .unwrap(),
            Moved::To(ReferralState::Accepted)
        );
        assert!(
            referrals::grant(&db.store, c.id, partner, true)
                .await
                .unwrap()
                .accepted
        );
        referrals::act(
            &db.store,
            id,
            &mv(ReferralAction::Start, Side::Receiver),
            &who(),
            now,
        )
        .await
        .unwrap();
        assert!(
            mine(cases::services(&db.store, c.id).await.unwrap(), &ids)
                .iter()
                .all(|s| s.status.code() == "InProgress")
        );
        let extra = referrals::add_service(&db.store, id, "Psychological", &who(), now)
            .await
            .unwrap();
        assert!(
            referrals::service_ids(&db.store, id)
                .await
                .unwrap()
                .contains(&extra)
        );

        // Notes are sealed: the database holds no plain text, the reading returns it.
        referrals::add_note(
            &db.store,
            &vault,
            &rng(),
            id,
            partner,
            "Приняли в убежище",
            &who(),
            now,
        )
        .await
        .unwrap();
        let raw: Vec<Option<Vec<u8>>> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT sealed FROM referral_note").fetch_all(p).await.unwrap()
        });
        assert!(
            raw.iter()
                .flatten()
                .all(|b| !String::from_utf8_lossy(b).contains("убежище"))
        );
        let notes = referrals::notes(&db.store, &vault, id, &who(), now)
            .await
            .unwrap();
        assert_eq!(notes[0].text, "Приняли в убежище");
        assert_eq!(notes[0].organisation_id, partner);

        let done = Move {
            note: Some("Помощь оказана"),
            ..mv(ReferralAction::Complete, Side::Receiver)
        };
        referrals::act(&db.store, id, &done, &who(), now)
            .await
            .unwrap();
        let ids = referrals::service_ids(&db.store, id).await.unwrap();
        let services = mine(cases::services(&db.store, c.id).await.unwrap(), &ids);
        assert_eq!(services.len(), 3);
        assert!(services.iter().all(|s| s.status.code() == "Completed"
            && s.outcome.as_deref() == Some("Помощь оказана")
            && s.end_on == Some(now.date())));
        // Completed: no longer pending, but the completed services still reach the case.
        assert!(
            !referrals::receivers(&db.store, c.id)
                .await
                .unwrap()
                .contains(&partner)
        );
        assert!(
            cases::facts(&db.store, &c)
                .await
                .unwrap()
                .referred_to
                .contains(&partner)
        );

        // A decline needs a reason and cancels the services; a transfer moves the lead.
        let id2 = referrals::send(&db.store, &new, &who(), now).await.unwrap();
        let decline = Move {
            decline_reason: Some(DeclineReason::NoCapacity),
            ..mv(ReferralAction::Decline, Side::Receiver)
        };
        assert_eq!(
            referrals::act(&db.store, id2, &decline, &who(), now)
                .await
                .unwrap(),
            Moved::To(ReferralState::Declined)
        );
        let r2 = referrals::get(&db.store, id2).await.unwrap();
        assert_eq!(r2.decline_reason, Some(DeclineReason::NoCapacity));
        let transfer = NewReferral {
            kind: ReferralKind::Transfer,
            services: vec![],
            complete_due_on: None,
            ..new.clone()
        };
        let id3 = referrals::send(&db.store, &transfer, &who(), now)
            .await
            .unwrap();
        let before = cases::get(&db.store, c.id).await.unwrap();
        referrals::act(
            &db.store,
            id3,
            &mv(ReferralAction::Accept, Side::Receiver),
            &who(),
            now,
        )
        .await
        .unwrap();
        let after = cases::get(&db.store, c.id).await.unwrap();
        assert_eq!(after.lead_organisation_id, partner);
        assert_eq!(after.version, before.version + 1);

        // Timeline and audit: every move.
        let kinds: Vec<String> = cases::timeline(&db.store, c.id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        for k in [
            "referral.sent",
            "referral.accepted",
            "referral.in_progress",
            "referral.completed",
            "referral.declined",
            "transfer.completed",
        ] {
            assert!(kinds.contains(&k.to_owned()), "{k}: {kinds:?}");
        }
    });
}

#[tokio::test]
async fn directory_details_and_group_meetings_round_trip() {
    each_backend!(|db| {
        let now = clock().now();
        let vault = mayak_testkit::vault(&db.store).await;
        demo::load(&db.store, &vault, now, &rng(), Some("a-demo-password"))
            .await
            .unwrap();
        let id = orgs::organisation_by_slug(&db.store, "ngo-gomel-open-doors")
            .await
            .unwrap()
            .id;
        let p = directory::Profile {
            city: Some("Гомель".into()),
            address: None,
            phone: Some("+375 232 00-00-00".into()),
            email: None,
            hours: Some("пн–пт".into()),
            languages: vec!["ru".into(), "be".into()],
            services: vec!["Shelter".into()],
            capacity_notes: Some("2 места".into()),
            published: true,
            public_fields: vec!["phone".into()],
        };
        directory::set_profile(&db.store, id, &p).await.unwrap();
        let back = directory::profile(&db.store, id).await.unwrap();
        assert_eq!(back, p);
        assert!(back.publishes("phone") && !back.publishes("hours"));
        assert!(matches!(
            directory::set_profile(&db.store, 999_999, &p).await,
            Err(StoreError::NotFound)
        ));

        // Demo: every region's group met and discussed its own cases.
        let mdgs = orgs::list_mdgs(&db.store).await.unwrap();
        assert_eq!(mdgs.len(), 7);
        for g in &mdgs {
            let meetings = groups::meetings(&db.store, g.id).await.unwrap();
            assert!(!meetings.is_empty(), "{}", g.region);
            assert!(
                meetings
                    .iter()
                    .all(|m| m.region == g.region && !m.attendance.is_empty())
            );
            let members = groups::members(&db.store, g.id).await.unwrap();
            assert!(members[0].chair, "the chair comes first");
        }
        let g = &mdgs[0];
        let member = groups::add_member(
            &db.store,
            g.id,
            id,
            "Ирина Тестова",
            "психолог",
            true,
            &who(),
            now,
        )
        .await
        .unwrap();
        let members = groups::members(&db.store, g.id).await.unwrap();
        assert_eq!(members[0].id, member, "the new chair replaces the old one");
        assert_eq!(members.iter().filter(|m| m.chair).count(), 1);
        let case_id: i64 = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT id FROM case_file WHERE region = $1 ORDER BY id DESC LIMIT 1")
                .bind(&g.region)
                .fetch_one(p)
                .await
                .unwrap()
        });
        let year = now.year();
        let before = groups::year_summary(&db.store, g.id, year, now.date())
            .await
            .unwrap();
        let meeting = groups::NewMeeting {
            mdg_id: g.id,
            held_on: now.date(),
            agenda: "Случаи".into(),
            attendance: vec![member],
            cases: vec![case_id],
            decisions: vec!["Решение".into()],
            actions: vec![("Справка".into(), id, now.date() - time::Duration::days(1))],
        };
        groups::add_meeting(&db.store, &meeting, &who(), now)
            .await
            .unwrap();
        let c = cases::get(&db.store, case_id).await.unwrap();
        assert!(
            cases::facts(&db.store, &c)
                .await
                .unwrap()
                .discussed_by_group
        );
        let after = groups::year_summary(&db.store, g.id, year, now.date())
            .await
            .unwrap();
        assert_eq!(after.meetings, before.meetings + 1);
        assert_eq!(after.decisions, before.decisions + 1);
        assert_eq!(after.actions_overdue, before.actions_overdue + 1);
    });
}
