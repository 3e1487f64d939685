//! The hotline's store: consultations sealed and counted, drafts, repeat callers, online
//! requests with tickets, the rate limit and the demo history.

use super::*;
use mayak_domain::hotline::{self as rules, CheckedConsultation, Outcome};
use mayak_store::audit::AuditEvent;
use mayak_store::hotline::{self, ConsultationFilter, NewConsultation};
use mayak_store::hotline_public;
use time::UtcOffset;

const MINSK: UtcOffset = match UtcOffset::from_hms(3, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

async fn consultant(store: &mayak_store::Store) -> (i64, i64) {
    let o = orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug: "hotline-ngo",
            names: ["Линия", "Лінія", "Line"],
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
    let u = orgs::insert_user(
        store,
        &orgs::NewUser {
            login: "olga",
            display_name: "Olga",
            organisation_id: o,
            password_hash: None,
            roles: &[Role::HotlineConsultant],
        },
        clock().now(),
    )
    .await
    .unwrap();
    (u, o)
}

fn call(
    user: (i64, i64),
    started_at: time::OffsetDateTime,
    topics: &[&str],
    contact: Option<&str>,
) -> NewConsultation {
    NewConsultation {
        checked: CheckedConsultation {
            channel: "NationalLine".into(),
            started_at,
            duration_minutes: Some(5),
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            outcome: Outcome::InformationGiven,
            referred_to: None,
            question: "Visa for Poland?".into(),
            answer: "Apply at the consulate.".into(),
            caller_contact: contact.map(str::to_owned),
        },
        destination: Some("PL".into()),
        sex: Some("Female".into()),
        age_band: Some("24-26".into()),
        region: Some("BY-BR".into()),
        caller_type: Some("Self".into()),
        indicators: Vec::new(),
        consultant_id: user.0,
        organisation_id: user.1,
    }
}

fn who(user: (i64, i64)) -> AuditEvent {
    AuditEvent {
        user_id: Some(user.0),
        organisation_id: Some(user.1),
        outcome: "ok".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn consultations_are_sealed_counted_and_linked_only_with_consent() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let user = consultant(&db.store).await;
        let now = clock().now();
        // 23:30 UTC on 31 December is already January in Minsk.
        let new_year = time::macros::datetime!(2025-12-31 23:30 UTC);
        let a = hotline::create(
            &db.store,
            &vault,
            &rng(),
            &call(user, new_year, &["PassportAndVisa", "Tourism"], None),
            MINSK,
            &who(user),
            now,
        )
        .await
        .unwrap();
        let contact = rules::normalise_contact("+375 29 111-22-33");
        let b = hotline::create(
            &db.store,
            &vault,
            &rng(),
            &call(
                user,
                now - time::Duration::hours(1),
                &["PassportAndVisa"],
                contact.as_deref(),
            ),
            MINSK,
            &who(user),
            now,
        )
        .await
        .unwrap();
        let c = hotline::create(
            &db.store,
            &vault,
            &rng(),
            &call(user, now, &["EmploymentAbroad"], contact.as_deref()),
            MINSK,
            &who(user),
            now,
        )
        .await
        .unwrap();

        let got = hotline::get(&db.store, a).await.unwrap();
        assert_eq!(
            got.topics,
            vec!["PassportAndVisa".to_owned(), "Tourism".to_owned()]
        );
        assert!(!got.repeat_caller);
        assert_eq!(hotline::calls_of(&db.store, b).await.unwrap(), 2);
        assert_eq!(hotline::calls_of(&db.store, a).await.unwrap(), 0);

        // Neither the number nor the text is stored in the clear.
        let raw: Vec<(Option<String>, Option<Vec<u8>>)> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_as("SELECT caller_hash, sealed FROM hotline_consultation ORDER BY id").fetch_all(p).await.unwrap()
        });
        for (hash, sealed) in &raw {
            let sealed = String::from_utf8_lossy(sealed.as_deref().unwrap());
            assert!(!sealed.contains("Poland"));
            if let Some(h) = hash {
                assert!(!h.contains("291112233"));
            }
        }
        let said = hotline::said(&db.store, &vault, b, &who(user), now)
            .await
            .unwrap();
        assert_eq!(said.question, "Visa for Poland?");
        let reads = mayak_store::audit::recent(&db.store, Some("hotline.consultation.read"), 10)
            .await
            .unwrap();
        assert_eq!(reads.len(), 1);

        let f = ConsultationFilter {
            organisation_id: Some(user.1),
            topic: Some("PassportAndVisa".into()),
            limit: 50,
            ..Default::default()
        };
        let ids: Vec<i64> = hotline::list(&db.store, &f)
            .await
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(ids, vec![b, a]);
        let f = ConsultationFilter {
            organisation_id: Some(user.1 + 1000),
            limit: 50,
            ..Default::default()
        };
        assert!(
            hotline::list(&db.store, &f).await.unwrap().is_empty(),
            "another operator's log"
        );
        let f = ConsultationFilter {
            caller_hash: hotline::caller_of(&db.store, c).await.unwrap(),
            limit: 50,
            ..Default::default()
        };
        assert_eq!(hotline::list(&db.store, &f).await.unwrap().len(), 2);
        let f = ConsultationFilter {
            before_id: Some(c),
            limit: 1,
            ..Default::default()
        };
        assert_eq!(hotline::list(&db.store, &f).await.unwrap()[0].id, b);

        let s = hotline::statistics(&db.store, Some(2026)).await.unwrap();
        assert_eq!(
            s.total, 3,
            "the new-year call counts in January 2026 in Minsk"
        );
        assert_eq!(s.by_month[0].count, 1);
        assert_eq!(
            s.by_topic[0],
            hotline::Count {
                code: "PassportAndVisa".into(),
                count: 2
            }
        );
        assert_eq!(
            s.by_sex,
            vec![hotline::Count {
                code: "Female".into(),
                count: 3
            }]
        );
        assert_eq!(s.cumulative, 3);
        let none = hotline::statistics(&db.store, Some(2019)).await.unwrap();
        assert_eq!((none.total, none.cumulative), (0, 0));
    });
}

#[tokio::test]
async fn a_consultants_draft_is_sealed_and_theirs_alone() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let user = consultant(&db.store).await;
        let now = clock().now();
        assert!(
            hotline::load_draft(&db.store, &vault, user.0)
                .await
                .unwrap()
                .is_none()
        );
        let pairs = vec![("question".to_owned(), "half a sentence".to_owned())];
        hotline::save_draft(&db.store, &vault, &rng(), user.0, &pairs, now)
            .await
            .unwrap();
        let pairs2 = vec![("question".to_owned(), "half a sentence, more".to_owned())];
        hotline::save_draft(&db.store, &vault, &rng(), user.0, &pairs2, now)
            .await
            .unwrap();
        let (got, at) = hotline::load_draft(&db.store, &vault, user.0)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((got, at), (pairs2, now));
        let big = vec![("question".to_owned(), "x".repeat(hotline::MAX_DRAFT_BYTES))];
        assert!(matches!(
            hotline::save_draft(&db.store, &vault, &rng(), user.0, &big, now).await,
            Err(StoreError::Conflict(_))
        ));
        hotline::delete_draft(&db.store, user.0).await.unwrap();
        assert!(
            hotline::load_draft(&db.store, &vault, user.0)
                .await
                .unwrap()
                .is_none()
        );
    });
}

#[tokio::test]
async fn online_requests_are_read_by_ticket_and_answered_once() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        let user = consultant(&db.store).await;
        let now = clock().now();
        let r = rng();
        let ticket = rules::new_ticket(&r);
        let other = rules::new_ticket(&r);
        let id = hotline_public::submit(
            &db.store,
            &vault,
            &r,
            &rules::ticket_digest(&ticket),
            "en",
            Some("StudyAbroad"),
            "Is this school real?",
            true,
            now,
        )
        .await
        .unwrap();
        hotline_public::submit(
            &db.store,
            &vault,
            &r,
            &rules::ticket_digest(&other),
            "ru",
            None,
            "Другой вопрос",
            false,
            now,
        )
        .await
        .unwrap();
        let q = hotline_public::queue(&db.store, false, 10).await.unwrap();
        assert_eq!(q.len(), 2);
        assert!(q[0].after_hours);
        let view = hotline_public::by_ticket(
            &db.store,
            &vault,
            &rules::ticket_digest(&ticket.to_lowercase()),
        )
        .await
        .unwrap();
        assert_eq!(
            (view.question.as_str(), view.answer),
            ("Is this school real?", None)
        );
        assert!(matches!(
            hotline_public::by_ticket(
                &db.store,
                &vault,
                &rules::ticket_digest("0000-0000-0000-0000")
            )
            .await,
            Err(StoreError::NotFound)
        ));

        let mut answer = call(user, now, &["StudyAbroad"], None);
        answer.checked.channel = "OnlineForm".into();
        answer.checked.answer = "Check its accreditation.".into();
        let cid =
            hotline_public::answer(&db.store, &vault, &r, id, &answer, MINSK, &who(user), now)
                .await
                .unwrap();
        assert_eq!(
            hotline::get(&db.store, cid).await.unwrap().channel,
            "OnlineForm"
        );
        assert!(matches!(
            hotline_public::answer(&db.store, &vault, &r, id, &answer, MINSK, &who(user), now)
                .await,
            Err(StoreError::Conflict(_))
        ));
        let view = hotline_public::by_ticket(&db.store, &vault, &rules::ticket_digest(&ticket))
            .await
            .unwrap();
        assert_eq!(view.answer.as_deref(), Some("Check its accreditation."));
        let theirs = hotline_public::by_ticket(&db.store, &vault, &rules::ticket_digest(&other))
            .await
            .unwrap();
        assert_eq!(
            theirs.answer, None,
            "the other person's request is not answered by this"
        );
        assert_eq!(
            hotline_public::queue(&db.store, false, 10)
                .await
                .unwrap()
                .len(),
            1
        );

        let w = time::Duration::minutes(10);
        for n in 1..=3 {
            assert_eq!(
                hotline_public::attempt(&db.store, "addr", w, now)
                    .await
                    .unwrap(),
                n
            );
        }
        assert_eq!(
            hotline_public::attempt(&db.store, "addr", w, now + time::Duration::minutes(11))
                .await
                .unwrap(),
            1
        );
    });
}

#[tokio::test]
async fn the_demo_hotline_has_years_of_history_with_a_realistic_mix() {
    each_backend!(|db| {
        let started = std::time::Instant::now();
        demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            clock().now(),
            &rng(),
            Some("a-demo-password"),
        )
        .await
        .unwrap();
        eprintln!(
            "{}: demo with hotline loaded in {:?}",
            db.label,
            started.elapsed()
        );
        let all = hotline::statistics(&db.store, None).await.unwrap();
        assert!(all.total > 20_000, "{}", all.total);
        assert!(all.by_year.len() >= 6);
        assert_eq!(all.by_topic[0].code, "PassportAndVisa");
        let y2020 = hotline::statistics(&db.store, Some(2020)).await.unwrap();
        let epidemic = y2020
            .by_topic
            .iter()
            .position(|c| c.code == "EpidemicTravelRules")
            .unwrap();
        assert!(
            epidemic < 4,
            "travel rules during the epidemic were a large topic in 2020"
        );
        let female = y2020
            .by_sex
            .iter()
            .find(|c| c.code == "Female")
            .unwrap()
            .count;
        let male = y2020
            .by_sex
            .iter()
            .find(|c| c.code == "Male")
            .unwrap()
            .count;
        assert!(female > male);
        assert_eq!(
            hotline_public::queue(&db.store, false, 10)
                .await
                .unwrap()
                .len(),
            3
        );
        // The identity sequence continues after the bulk load.
        let user = mayak_store::auth::account_by_login(&db.store, "hotline")
            .await
            .unwrap()
            .unwrap()
            .user;
        let vault = mayak_testkit::vault(&db.store).await;
        let id = hotline::create(
            &db.store,
            &vault,
            &rng(),
            &call(
                (user.id, user.organisation_id),
                clock().now(),
                &["Other"],
                None,
            ),
            MINSK,
            &who((user.id, user.organisation_id)),
            clock().now(),
        )
        .await
        .unwrap();
        assert!(id > all.total);
    });
}
