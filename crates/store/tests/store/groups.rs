//! The members of a multidisciplinary group in the store: exactly one chair through every
//! change, no person twice, the chair never removed, leavers kept for the minutes, the
//! organisation's membership following its people, every change audited, a failed change
//! changing nothing.

use super::*;
use mayak_store::audit::{self, AuditEvent};
use mayak_store::groups::{self, NewMember};

fn who() -> AuditEvent {
    AuditEvent {
        user_id: None,
        roles: "test".into(),
        outcome: "ok".into(),
        instance: "test".into(),
        ..Default::default()
    }
}

async fn org(store: &mayak_store::Store, slug: &str) -> i64 {
    orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug,
            names: [slug, slug, slug],
            org_type: "NGO",
            region: "BY-BR",
            place: None,
            may_identify: false,
            ngo_network: false,
        },
        clock().now(),
    )
    .await
    .unwrap()
}

fn person(organisation_id: i64, name: &str) -> NewMember {
    NewMember {
        organisation_id,
        name: name.into(),
        position: "специалист".into(),
        role: "психологическая помощь".into(),
        chair: false,
    }
}

async fn chairs(store: &mayak_store::Store, g: i64) -> Vec<i64> {
    groups::members(store, g)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.chair)
        .map(|m| m.id)
        .collect()
}

#[tokio::test]
async fn a_group_has_exactly_one_chair_and_each_person_once() {
    each_backend!(|db| {
        let s = &db.store;
        let now = clock().now();
        let a = org(s, "org-a").await;
        let b = org(s, "org-b").await;
        let g = orgs::insert_mdg(s, "BY-BR", None, &[], now).await.unwrap();

        // The first member chairs the group, and the chairing organisation follows.
        let anna = groups::add_member(s, g, &person(a, "Анна  Ковальчук"), &who(), now)
            .await
            .unwrap();
        assert_eq!(chairs(s, g).await, vec![anna]);
        assert_eq!(
            groups::group(s, g).await.unwrap().chair_organisation_id,
            Some(a)
        );
        let oleg = groups::add_member(s, g, &person(b, "Олег Верас"), &who(), now)
            .await
            .unwrap();
        assert_eq!(
            chairs(s, g).await,
            vec![anna],
            "a second member does not chair"
        );
        assert_eq!(groups::group(s, g).await.unwrap().members, vec![a, b]);

        // The same person of the same organisation, whatever the case and spacing: refused,
        // and nothing changes; of another organisation: someone else.
        let before = groups::roster(s, g).await.unwrap();
        let audited = audit::recent(s, None, 1000).await.unwrap().len();
        let dup = groups::add_member(s, g, &person(a, " анна ковальчук "), &who(), now).await;
        assert!(
            matches!(&dup, Err(StoreError::Conflict(c)) if c == groups::DUPLICATE_MEMBER),
            "{dup:?}"
        );
        assert_eq!(groups::roster(s, g).await.unwrap(), before);
        assert_eq!(audit::recent(s, None, 1000).await.unwrap().len(), audited);
        groups::add_member(s, g, &person(b, "Анна Ковальчук"), &who(), now)
            .await
            .unwrap();

        // The unique index holds even when the code's check is bypassed.
        let raw = mayak_store::on_pool!(s.pool(), p => {
            sqlx::query("INSERT INTO mdg_person (mdg_id, organisation_id, name, position, role, chair, name_key, created_at) VALUES ($1, $2, $3, '', '', $4, $5, $6)")
                .bind(g).bind(a).bind("Анна Ковальчук").bind(false).bind(groups::name_key("Анна Ковальчук")).bind(now)
                .execute(p).await.map(|_| ())
        });
        assert!(raw.is_err(), "a second row of the same person is refused");
        // And so does the one-chair index.
        let second_chair = mayak_store::on_pool!(s.pool(), p => {
            sqlx::query("UPDATE mdg_person SET chair = $1 WHERE id = $2").bind(true).bind(oleg).execute(p).await.map(|_| ())
        });
        assert!(second_chair.is_err(), "a second chair is refused");

        // Handing the chair over: one chair before and after, the organisation follows.
        assert!(groups::hand_chair(s, g, oleg, &who(), now).await.unwrap());
        assert_eq!(chairs(s, g).await, vec![oleg]);
        assert_eq!(
            groups::group(s, g).await.unwrap().chair_organisation_id,
            Some(b)
        );
        assert!(
            !groups::hand_chair(s, g, oleg, &who(), now).await.unwrap(),
            "already the chair"
        );
        assert!(matches!(
            groups::hand_chair(s, g, 999_999, &who(), now).await,
            Err(StoreError::NotFound)
        ));
        // A new member taking the chair at once.
        let vera = groups::add_member(
            s,
            g,
            &NewMember {
                chair: true,
                ..person(a, "Вера Наблюдаева")
            },
            &who(),
            now,
        )
        .await
        .unwrap();
        assert_eq!(chairs(s, g).await, vec![vera]);
        assert_eq!(
            groups::group(s, g).await.unwrap().chair_organisation_id,
            Some(a)
        );

        // Position and role change; a member of another group is not found.
        groups::edit_member(
            s,
            g,
            anna,
            "начальник отдела",
            "правовая помощь",
            &who(),
            now,
        )
        .await
        .unwrap();
        let m = groups::member(s, g, anna).await.unwrap();
        assert_eq!(
            (m.position.as_str(), m.role.as_str()),
            ("начальник отдела", "правовая помощь")
        );
        let other = orgs::insert_mdg(s, "BY-HO", None, &[], now).await.unwrap();
        assert!(matches!(
            groups::edit_member(s, other, anna, "x", "y", &who(), now).await,
            Err(StoreError::NotFound)
        ));

        let kinds: Vec<String> = audit::recent(s, None, 1000)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for k in ["mdg.member.add", "mdg.member.chair", "mdg.member.edit"] {
            assert!(kinds.contains(&k.to_owned()), "{k}: {kinds:?}");
        }
    });
}

#[tokio::test]
async fn the_chair_cannot_leave_and_leavers_stay_in_the_minutes() {
    each_backend!(|db| {
        let s = &db.store;
        let now = clock().now();
        let a = org(s, "org-a").await;
        let b = org(s, "org-b").await;
        let g = orgs::insert_mdg(s, "BY-BR", None, &[], now).await.unwrap();
        let chair = groups::add_member(s, g, &person(a, "Анна Ковальчук"), &who(), now)
            .await
            .unwrap();
        let first_b = groups::add_member(s, g, &person(b, "Олег Верас"), &who(), now)
            .await
            .unwrap();
        let second_b = groups::add_member(s, g, &person(b, "Павел Рябцев"), &who(), now)
            .await
            .unwrap();
        let meeting = groups::add_meeting(
            s,
            &groups::NewMeeting {
                mdg_id: g,
                held_on: now.date(),
                agenda: "Случаи".into(),
                attendance: vec![chair, first_b],
                cases: vec![],
                decisions: vec![],
                actions: vec![("Справка".into(), b, Some(first_b), now.date())],
            },
            &who(),
            now,
        )
        .await
        .unwrap();

        // The chair: refused, nothing changes.
        let before = groups::roster(s, g).await.unwrap();
        let r = groups::remove_member(s, g, chair, &who(), now).await;
        assert!(
            matches!(&r, Err(StoreError::Conflict(c)) if c == groups::CHAIR_CANNOT_LEAVE),
            "{r:?}"
        );
        assert_eq!(groups::roster(s, g).await.unwrap(), before);

        // A member leaves; their organisation stays while a colleague remains.
        groups::remove_member(s, g, first_b, &who(), now)
            .await
            .unwrap();
        let members = groups::members(s, g).await.unwrap();
        assert!(!members.iter().any(|m| m.id == first_b));
        assert!(groups::group(s, g).await.unwrap().members.contains(&b));
        let roster = groups::roster(s, g).await.unwrap();
        let left = roster.iter().find(|m| m.id == first_b).unwrap();
        assert!(left.left_at.is_some(), "kept for the minutes");
        assert_eq!(roster.last().unwrap().id, first_b, "leavers come last");
        let m = groups::meeting(s, g, meeting).await.unwrap();
        assert!(m.attendance.contains(&first_b));
        assert_eq!(m.items[0].owner_person_id, Some(first_b));
        // Leaving twice, or changing a leaver: not found.
        assert!(matches!(
            groups::remove_member(s, g, first_b, &who(), now).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            groups::hand_chair(s, g, first_b, &who(), now).await,
            Err(StoreError::NotFound)
        ));
        // They may be added again later.
        let again = groups::add_member(s, g, &person(b, "Олег Верас"), &who(), now)
            .await
            .unwrap();
        assert_ne!(again, first_b);
        groups::remove_member(s, g, again, &who(), now)
            .await
            .unwrap();

        // The last of the organisation leaves: the organisation leaves the group.
        groups::remove_member(s, g, second_b, &who(), now)
            .await
            .unwrap();
        assert_eq!(groups::group(s, g).await.unwrap().members, vec![a]);
        assert_eq!(chairs(s, g).await, vec![chair]);
        let removals = audit::recent(s, Some("mdg.member.remove"), 100)
            .await
            .unwrap();
        assert_eq!(removals.len(), 3);
        assert!(
            removals
                .iter()
                .all(|e| e.record_id.as_deref() == Some(&g.to_string()[..]))
        );
    });
}
