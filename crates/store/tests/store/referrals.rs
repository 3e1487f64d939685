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
            assert_eq!(members.iter().filter(|m| m.chair).count(), 1);
            assert!(members.iter().all(|m| !m.position.is_empty()));
            // Decisions and action items with owners, some of them overdue.
            let items: Vec<&groups::Item> = meetings.iter().flat_map(|m| &m.items).collect();
            assert!(items.iter().any(|i| i.kind == "decision"), "{}", g.region);
            let actions: Vec<&&groups::Item> =
                items.iter().filter(|i| i.kind == "action").collect();
            assert!(actions.iter().all(|i| i.owner_person_id.is_some()));
            assert!(actions.iter().any(|i| i.done_at.is_some()));
            assert!(
                actions
                    .iter()
                    .any(|i| i.done_at.is_none() && i.due_on.is_some_and(|d| d < now.date())),
                "{}: an overdue action item",
                g.region
            );
        }
        let g = &mdgs[0];
        let member = groups::add_member(
            &db.store,
            g.id,
            &groups::NewMember {
                organisation_id: id,
                name: "Ирина Тестова".into(),
                position: "психолог".into(),
                role: "психологическая помощь".into(),
                chair: true,
            },
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
            actions: vec![(
                "Справка".into(),
                id,
                Some(member),
                now.date() - time::Duration::days(1),
            )],
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

#[tokio::test]
async fn referral_statistics_give_medians_percentiles_and_hide_small_counts() {
    use mayak_store::referral_stats::{self, Filter};
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
        let mut case_ids = Vec::new();
        for id in 1..400 {
            if cases::get(&db.store, id).await.is_ok() {
                case_ids.push(id);
            }
            if case_ids.len() == 14 {
                break;
            }
        }
        assert_eq!(case_ids.len(), 14);
        // A period after every demo referral: only these 14 count. Twelve are accepted after
        // 5·i hours and completed after 2·i days; two are declined.
        let base = now + time::Duration::days(400);
        for (i, case_id) in case_ids.iter().enumerate() {
            let sent = base + time::Duration::hours(i as i64);
            let new = NewReferral {
                kind: ReferralKind::Services,
                case_id: *case_id,
                from_organisation_id: lead,
                to_organisation_id: partner,
                disclosure: Disclosure::NeedsOnly,
                services: vec!["Shelter".into()],
                accept_due_on: sent.date() + time::Duration::days(3),
                complete_due_on: Some(sent.date() + time::Duration::days(30)),
                override_reason: None,
            };
            let id = referrals::send(&db.store, &new, &who(), sent)
                .await
                .unwrap();
            if i >= 12 {
                let m = Move {
                    decline_reason: Some(DeclineReason::NoCapacity),
                    ..mv(ReferralAction::Decline, Side::Receiver)
                };
                referrals::act(&db.store, id, &m, &who(), sent + time::Duration::hours(1))
                    .await
                    .unwrap();
                continue;
            }
            let k = i as i64 + 1;
            for (action, at) in [
                (ReferralAction::Accept, time::Duration::hours(5 * k)),
                (ReferralAction::Start, time::Duration::hours(5 * k + 1)),
                (ReferralAction::Complete, time::Duration::days(2 * k)),
            ] {
                referrals::act(
                    &db.store,
                    id,
                    &mv(action, Side::Receiver),
                    &who(),
                    sent + at,
                )
                .await
                .unwrap();
            }
        }
        let filter = Filter {
            from: Some(base.date()),
            to: None,
            region: None,
        };
        let st = referral_stats::compute(&db.store, &filter, referral_stats::THRESHOLD)
            .await
            .unwrap();

        // The expected figures, from the stored rows by nearest rank.
        let mine: Vec<_> = referrals::all(&db.store)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.sent_at.date() >= base.date() && r.kind == ReferralKind::Services)
            .collect();
        assert_eq!(mine.len(), 14);
        let nearest = |mut v: Vec<f64>, p: f64| {
            v.sort_by(f64::total_cmp);
            v[((p * v.len() as f64).ceil() as usize).max(1) - 1]
        };
        let hours = |f: fn(&referrals::Referral) -> Option<time::OffsetDateTime>| {
            mine.iter()
                .filter_map(|r| f(r).map(|t| (t - r.sent_at).whole_minutes() as f64 / 60.0))
                .collect::<Vec<f64>>()
        };
        let accept = hours(|r| r.accepted_at);
        let complete = hours(|r| r.completed_at);
        assert_eq!(accept.len(), 12);
        // Accepted after 5, 10, …, 60 hours: the 6th is the median, the 11th the 90th.
        assert_eq!(nearest(accept.clone(), 0.5), 30.0);
        let t = st.total.to_accept.unwrap();
        assert_eq!(t.median, nearest(accept.clone(), 0.5));
        assert_eq!(t.p90, nearest(accept, 0.9));
        let c = st.total.to_complete.unwrap();
        assert_eq!(c.median, nearest(complete.clone(), 0.5));
        assert_eq!(c.p90, nearest(complete, 0.9));
        assert_eq!(c.median, 12.0 * 24.0);
        assert_eq!(st.total.sent, Some(14));
        // Two declines: under the threshold, hidden everywhere.
        assert_eq!(st.total.declined, None);
        assert_eq!(st.decline_reasons, vec![("no_capacity".to_owned(), None)]);
        let p = st
            .by_partner
            .iter()
            .find(|l| l.key == partner.to_string())
            .unwrap();
        assert_eq!((p.sent, p.to_accept), (Some(14), Some(t)));
        let s = st.by_service.iter().find(|l| l.key == "Shelter").unwrap();
        assert_eq!(s.sent, Some(14));
        // Regions: the cases' own, each under the threshold unless 11 or more share one.
        for l in &st.by_region {
            let n = mine.iter().filter(|r| r.region == l.key).count() as u64;
            if let Some(shown) = l.sent {
                assert!(shown == n && shown >= 11);
            }
            if n < 11 {
                assert!(l.sent.is_none() && l.to_accept.is_none());
            }
        }
        // A region filter keeps only that region's referrals.
        let region = mine[0].region.clone();
        let only = referral_stats::compute(
            &db.store,
            &Filter {
                region: Some(region.clone()),
                ..filter.clone()
            },
            referral_stats::THRESHOLD,
        )
        .await
        .unwrap();
        assert!(only.by_region.iter().all(|l| l.key == region));
        // An empty period shows zeros and no times.
        let none = referral_stats::compute(
            &db.store,
            &Filter {
                from: Some(base.date() + time::Duration::days(1000)),
                ..filter
            },
            referral_stats::THRESHOLD,
        )
        .await
        .unwrap();
        assert_eq!((none.total.sent, none.total.to_accept), (Some(0), None));
    });
}
