//! The e-mail outbox: who gets a notice, the lease that keeps two workers from sending one
//! message twice, backoff and giving up, expiry of stale notices, the due-item sweep that
//! notifies once.

use super::*;
use mayak_domain::Lang;
use mayak_domain::access::Permission;
use mayak_store::mail::{self, Contact, MailState, Notice};
use time::Duration;

async fn org(store: &mayak_store::Store, slug: &str) -> i64 {
    orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug,
            names: ["Орг", "Арг", "Org"],
            org_type: "NGO",
            region: "BY-HM",
            place: None,
            may_identify: false,
            ngo_network: true,
        },
        clock().now(),
    )
    .await
    .unwrap()
}

async fn user(
    store: &mayak_store::Store,
    login: &str,
    org: i64,
    role: Role,
    email: Option<&str>,
) -> i64 {
    let id = orgs::insert_user(
        store,
        &orgs::NewUser {
            login,
            display_name: login,
            organisation_id: org,
            password_hash: None,
            roles: &[role],
        },
        clock().now(),
    )
    .await
    .unwrap();
    mail::set_contact(
        store,
        id,
        &Contact {
            email: email.map(str::to_owned),
            language: Lang::Be,
        },
    )
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn notices_reach_only_active_users_with_the_permission_and_an_address() {
    each_backend!(|db| {
        let now = clock().now();
        let a = org(&db.store, "ngo-a").await;
        let b = org(&db.store, "ngo-b").await;
        user(
            &db.store,
            "worker",
            a,
            Role::PartnerCaseworker,
            Some("w@a.example.by"),
        )
        .await;
        user(&db.store, "silent", a, Role::PartnerCaseworker, None).await;
        user(
            &db.store,
            "hotline",
            a,
            Role::HotlineConsultant,
            Some("h@a.example.by"),
        )
        .await;
        let gone = user(
            &db.store,
            "gone",
            a,
            Role::CaseManager,
            Some("g@a.example.by"),
        )
        .await;
        mayak_store::auth::set_disabled(&db.store, gone, true, now)
            .await
            .unwrap();
        user(
            &db.store,
            "other",
            b,
            Role::PartnerCaseworker,
            Some("o@b.example.by"),
        )
        .await;

        let mut tx = db.store.begin().await.unwrap();
        let n = mail::notify_organisation_in(
            &mut tx,
            a,
            Permission::ReferralsRespond,
            Notice::ReferralReceived,
            None,
            now,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(n, 1);
        let out = mail::claim_due(&db.store, now, 10).await.unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].recipient, "w@a.example.by");
        assert_eq!(out[0].notice, Some(Notice::ReferralReceived));
        assert_eq!(out[0].language, Lang::Be);
        assert_eq!((out[0].subject.as_deref(), out[0].attempt), (None, 1));

        // A rolled-back transaction queues nothing.
        let mut tx = db.store.begin().await.unwrap();
        mail::queue_in(&mut tx, "x@b.example.by", "S", "T", Lang::En, now)
            .await
            .unwrap();
        drop(tx);
        assert_eq!(mail::counts(&db.store).await.unwrap().queued, 1);
        // A header cannot be smuggled in.
        assert!(
            mail::queue(
                &db.store,
                "x@b.example.by\r\nBcc: y@z.by",
                "S",
                "T",
                Lang::En,
                now
            )
            .await
            .is_err()
        );
    });
}

#[tokio::test]
async fn a_message_is_leased_retried_with_backoff_and_given_up_after_the_last_attempt() {
    each_backend!(|db| {
        let now = clock().now();
        let id = mail::queue(
            &db.store,
            "x@b.example.by",
            "Subject",
            "Text",
            Lang::En,
            now,
        )
        .await
        .unwrap();
        let first = mail::claim_due(&db.store, now, 10).await.unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(
            (
                first[0].id,
                first[0].subject.as_deref(),
                first[0].body.as_deref()
            ),
            (id, Some("Subject"), Some("Text"))
        );
        // Leased: a second worker does not get it.
        assert!(
            mail::claim_due(&db.store, now, 10)
                .await
                .unwrap()
                .is_empty()
        );
        let state = mail::attempt_failed(&db.store, &first[0], "connection refused", false, now)
            .await
            .unwrap();
        assert_eq!(state, MailState::Queued);
        // Not before the backoff has passed; then again, as attempt 2.
        assert!(
            mail::claim_due(&db.store, now + Duration::seconds(59), 10)
                .await
                .unwrap()
                .is_empty()
        );
        let mut t = now + mail::backoff(1);
        let mut out = mail::claim_due(&db.store, t, 10).await.unwrap();
        assert_eq!(out[0].attempt, 2);
        let e = mail::recent(&db.store, None, 10).await.unwrap();
        assert_eq!(e[0].last_error.as_deref(), Some("connection refused"));
        while out[0].attempt < mail::MAX_ATTEMPTS {
            assert_eq!(
                mail::attempt_failed(&db.store, &out[0], "down", false, t)
                    .await
                    .unwrap(),
                MailState::Queued
            );
            t += mail::backoff(out[0].attempt);
            out = mail::claim_due(&db.store, t, 10).await.unwrap();
        }
        assert_eq!(
            mail::attempt_failed(&db.store, &out[0], "down", false, t)
                .await
                .unwrap(),
            MailState::Failed
        );
        assert!(
            mail::claim_due(&db.store, t + Duration::days(1), 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(mail::counts(&db.store).await.unwrap().failed, 1);
        // An administrator retries it; delivered, it stays delivered.
        mail::retry(&db.store, id, t).await.unwrap();
        let again = mail::claim_due(&db.store, t, 10).await.unwrap();
        assert_eq!(again[0].attempt, 1);
        mail::delivered(&db.store, id, t).await.unwrap();
        let c = mail::counts(&db.store).await.unwrap();
        assert_eq!((c.sent, c.failed, c.queued), (1, 0, 0));
        assert!(matches!(
            mail::retry(&db.store, id, t).await,
            Err(StoreError::NotFound)
        ));
        // Purging removes only what was queued before the cut-off and is no longer queued.
        let waiting = mail::queue(&db.store, "y@b.example.by", "S", "T", Lang::En, now)
            .await
            .unwrap();
        assert_eq!(mail::purge(&db.store, now).await.unwrap(), 0);
        assert_eq!(
            mail::purge(&db.store, now + Duration::seconds(1))
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            mail::recent(&db.store, None, 10).await.unwrap()[0].id,
            waiting
        );
    });
}

#[tokio::test]
async fn stale_notices_expire_and_due_items_notify_once() {
    each_backend!(|db| {
        let now = clock().now();
        let vault = mayak_testkit::vault(&db.store).await;
        demo::load(&db.store, &vault, now, &rng(), Some("a-demo-password"))
            .await
            .unwrap();
        let accounts = orgs::list_users(&db.store).await.unwrap();
        for u in &accounts {
            mail::set_contact(
                &db.store,
                u.id,
                &Contact {
                    email: Some(format!("{}@mayak.example.by", u.login)),
                    language: Lang::Ru,
                },
            )
            .await
            .unwrap();
        }
        // The demo has overdue referrals and action items.
        let later = now + Duration::days(40);
        let n = mail::sweep_due(&db.store, later.date(), later)
            .await
            .unwrap();
        assert!(n > 0);
        assert_eq!(
            mail::sweep_due(&db.store, later.date(), later)
                .await
                .unwrap(),
            0,
            "each due item notifies each user once"
        );
        let queued = mail::recent(&db.store, Some(MailState::Queued), 1000)
            .await
            .unwrap();
        assert_eq!(queued.len(), n);
        assert!(queued.iter().all(|e| matches!(
            e.notice,
            Some(Notice::ReferralOverdue | Notice::ActionDue | Notice::ActionOverdue)
        )));
        // Mail was down for three days: the notices expire instead of arriving as a flood.
        let out = mail::claim_due(&db.store, later + Duration::days(3), 1000)
            .await
            .unwrap();
        assert!(out.is_empty());
        assert_eq!(mail::counts(&db.store).await.unwrap().expired, n as i64);
    });
}
