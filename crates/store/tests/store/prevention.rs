//! Prevention and capacity building: campaigns and reach, trainings, quizzes that keep only
//! anonymous totals, public pages with draft and published versions, and the demo records.

use super::*;
use mayak_domain::Lang;
use mayak_domain::prevention::{Band, Text3};
use mayak_store::prevention::{self, CampaignInput, Reach};
use mayak_store::trainings::{self, ParticipantInput, SessionInput};
use mayak_store::{content, demo};
use time::macros::date;

fn t3(s: &str) -> Text3 {
    Text3 {
        ru: format!("{s} ru"),
        be: format!("{s} be"),
        en: format!("{s} en"),
    }
}

async fn any_org(store: &mayak_store::Store) -> i64 {
    orgs::insert_organisation(
        store,
        &orgs::NewOrganisation {
            slug: "org-test",
            names: ["Орг", "Арг", "Org"],
            org_type: "NGO",
            region: "BY-BR",
            place: None,
            may_identify: false,
            ngo_network: true,
        },
        clock().now(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn campaign_reach_adds_up_per_campaign_year_and_theme() {
    each_backend!(|db| {
        let now = clock().now();
        let org = any_org(&db.store).await;
        let input = CampaignInput {
            name: "Кампания".into(),
            theme: "LabourExploitation".into(),
            starts_on: Some(date!(2020 - 05 - 01)),
            ends_on: None,
            summary: "О кампании".into(),
            regions: vec!["BY-BR".into(), "BY-HM".into()],
            target_groups: vec!["Youth".into()],
            channels: vec!["Video".into()],
            partners: vec![org],
        };
        let c = prevention::create_campaign(&db.store, &input, None, now)
            .await
            .unwrap();
        let v = prevention::add_material(&db.store, c, "Video", "Ролик", None, now)
            .await
            .unwrap();
        let a = prevention::add_material(&db.store, c, "Article", "Статья", None, now)
            .await
            .unwrap();
        for (m, on, views) in [
            (v, date!(2020 - 06 - 01), 1000),
            (v, date!(2021 - 01 - 10), 500),
            (a, date!(2020 - 07 - 01), 250),
        ] {
            prevention::add_reach(
                &db.store,
                c,
                m,
                on,
                Reach {
                    views,
                    ..Reach::default()
                },
                None,
                now,
            )
            .await
            .unwrap();
        }
        // A material of another campaign cannot be given reach through this one.
        let other = prevention::create_campaign(&db.store, &input, None, now)
            .await
            .unwrap();
        assert!(matches!(
            prevention::add_reach(
                &db.store,
                other,
                v,
                date!(2020 - 06 - 01),
                Reach::default(),
                None,
                now
            )
            .await,
            Err(StoreError::NotFound)
        ));
        let got = prevention::get_campaign(&db.store, c).await.unwrap();
        assert_eq!(got.reach.people(), 1750);
        assert_eq!(got.materials, 2);
        assert_eq!(got.regions, vec!["BY-BR", "BY-HM"]);
        assert_eq!(got.partners, vec![org]);
        assert!(!got.published, "campaigns start as drafts");
        let mats = prevention::materials(&db.store, c).await.unwrap();
        assert_eq!(mats[0].reach.views, 1500);
        assert_eq!(mats[0].entries.len(), 2);
        let stats = prevention::reach_stats(&db.store).await.unwrap();
        assert_eq!(
            stats.by_year_theme[&(2020, "LabourExploitation".to_owned())].views,
            1250
        );
        assert_eq!(
            stats.by_year_theme[&(2021, "LabourExploitation".to_owned())].views,
            500
        );
        assert_eq!(stats.by_year_kind[&(2020, "Video".to_owned())].0, 1);
        assert_eq!(stats.by_campaign_year[&c][&2021].views, 500);

        let e = prevention::add_event(
            &db.store,
            c,
            "Лагерь",
            date!(2021 - 07 - 12),
            None,
            "Минск",
            now,
        )
        .await
        .unwrap();
        prevention::add_event_participants(
            &db.store,
            c,
            e,
            &[
                (19, "Female".into(), "BY-BR".into()),
                (24, "Male".into(), "BY-HM".into()),
            ],
        )
        .await
        .unwrap();
        prevention::add_event_expert(&db.store, c, e, org, 2, "Тема")
            .await
            .unwrap();
        assert!(
            prevention::add_event_expert(&db.store, other, e, org, 1, "x")
                .await
                .is_err()
        );
        let events = prevention::events(&db.store, c).await.unwrap();
        assert_eq!(events[0].participants.len(), 2);
        assert_eq!(events[0].experts, vec![(org, 2, "Тема".to_owned())]);
    });
}

#[tokio::test]
async fn trainings_record_participants_results_and_certificates() {
    each_backend!(|db| {
        let now = clock().now();
        let org = any_org(&db.store).await;
        let course = trainings::create_course(&db.store, "Курс", "Описание", org, now)
            .await
            .unwrap();
        let s = trainings::create_session(
            &db.store,
            &SessionInput {
                course_id: course,
                starts_on: date!(2025 - 03 - 11),
                ends_on: date!(2025 - 03 - 13),
                online: false,
                place: "Минск".into(),
                region: Some("BY-HM".into()),
                trainers: "Тренер".into(),
                max_score: 20,
            },
            None,
            now,
        )
        .await
        .unwrap();
        let person = |name: &str, sex: &str| ParticipantInput {
            full_name: name.into(),
            sex: sex.into(),
            organisation_id: Some(org),
            organisation_name: "Орг".into(),
            org_type: "NGO".into(),
            region: "BY-BR".into(),
            mdg_member: true,
        };
        let ids = trainings::add_participants(
            &db.store,
            s,
            &[person("Анна", "Female"), person("Ігар", "Male")],
            now,
        )
        .await
        .unwrap();
        assert!(matches!(
            trainings::add_participants(&db.store, 9999, &[person("X", "Male")], now).await,
            Err(StoreError::NotFound)
        ));
        assert!(
            matches!(
                trainings::certificate_number(&db.store, s, ids[0]).await,
                Err(StoreError::Conflict(_))
            ),
            "no certificate without attendance"
        );
        trainings::record_results(&db.store, s, ids[0], true, Some(8), Some(17))
            .await
            .unwrap();
        trainings::record_results(&db.store, s, ids[1], true, Some(10), Some(15))
            .await
            .unwrap();
        let n = trainings::certificate_number(&db.store, s, ids[0])
            .await
            .unwrap();
        assert_eq!(n, format!("TC-2025-{:05}", ids[0]));
        assert_eq!(
            trainings::certificate_number(&db.store, s, ids[0])
                .await
                .unwrap(),
            n,
            "issued once"
        );
        let session = trainings::session(&db.store, s).await.unwrap();
        assert_eq!((session.participants, session.attended), (2, 2));
        // (9 + 5) / 2 points of 20 = 35 %.
        assert_eq!(session.average_gain, Some(35.0));
        trainings::add_feedback(&db.store, s, 5, "Полезно", now)
            .await
            .unwrap();
        assert_eq!(trainings::feedback(&db.store, s).await.unwrap().len(), 1);
        let rows = trainings::trained(&db.store).await.unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].year, 2025);
        assert!(
            trainings::get_participant(&db.store, s + 1, ids[0])
                .await
                .is_err()
        );
    });
}

#[tokio::test]
async fn quizzes_keep_only_anonymous_totals() {
    each_backend!(|db| {
        let now = clock().now();
        let q = content::create_quiz(
            &db.store,
            "check",
            &t3("Тест"),
            &t3("Вступление"),
            None,
            now,
        )
        .await
        .unwrap();
        assert!(matches!(
            content::create_quiz(&db.store, "check", &t3("Тест"), &t3("В"), None, now).await,
            Err(StoreError::Conflict(_))
        ));
        let qq = content::add_question(&db.store, q, &t3("Вопрос"))
            .await
            .unwrap();
        let yes = content::add_answer(&db.store, q, qq, &t3("Да"), 2)
            .await
            .unwrap();
        content::add_answer(&db.store, q, qq, &t3("Нет"), 0)
            .await
            .unwrap();
        assert!(
            content::add_answer(&db.store, q + 1, qq, &t3("x"), 0)
                .await
                .is_err()
        );
        let low = content::add_band(&db.store, q, Band { min: 0, max: 1 }, &t3("Совет 1"))
            .await
            .unwrap();
        let high = content::add_band(&db.store, q, Band { min: 2, max: 2 }, &t3("Совет 2"))
            .await
            .unwrap();
        assert!(
            content::published_quiz(&db.store, "check").await.is_err(),
            "drafts are not public"
        );
        content::set_quiz_published(&db.store, q, true, now)
            .await
            .unwrap();
        let quiz = content::published_quiz(&db.store, "check").await.unwrap();
        assert_eq!(quiz.questions[0].answers.len(), 2);
        assert!(
            mayak_domain::prevention::publish_problems(&quiz.points(), &quiz.band_ranges())
                .is_empty()
        );
        content::count_result(&db.store, q, Lang::Be, &[yes], Some(high))
            .await
            .unwrap();
        content::count_result(&db.store, q, Lang::Be, &[yes], Some(high))
            .await
            .unwrap();
        content::count_result(&db.store, q, Lang::Ru, &[], Some(low))
            .await
            .unwrap();
        let quiz = content::get_quiz(&db.store, q).await.unwrap();
        assert_eq!(quiz.taken, vec![("be".to_owned(), 2), ("ru".to_owned(), 1)]);
        assert_eq!(quiz.questions[0].answers[0].chosen, 2);
        assert_eq!(quiz.bands[1].reached, 2);
        // The only tables a visit writes hold counters: no row per visitor exists anywhere.
        mayak_store::on_pool!(db.store.pool(), p => {
            let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quiz_total").fetch_one(p).await.unwrap();
            assert_eq!(rows, 2, "one counter per language, not one row per visit");
        });
    });
}

#[tokio::test]
async fn public_pages_show_the_published_version_until_the_draft_is_published() {
    each_backend!(|db| {
        let now = clock().now();
        content::save_page_draft(&db.store, "advice", &t3("Заголовок"), &t3("Текст"), now)
            .await
            .unwrap();
        let p = content::get_page(&db.store, "advice").await.unwrap();
        assert!(p.title.is_none() && p.has_unpublished_changes());
        content::publish_page(&db.store, "advice", now)
            .await
            .unwrap();
        content::save_page_draft(&db.store, "advice", &t3("Новый"), &t3("Текст"), now)
            .await
            .unwrap();
        let p = content::get_page(&db.store, "advice").await.unwrap();
        assert_eq!(p.title.unwrap().ru, "Заголовок ru");
        assert_eq!(p.draft_title.ru, "Новый ru");
        let org = any_org(&db.store).await;
        content::set_listed(&db.store, org, true, now)
            .await
            .unwrap();
        content::set_listed(&db.store, org, true, now)
            .await
            .unwrap();
        assert_eq!(content::listed(&db.store).await.unwrap(), vec![org]);
        content::set_listed(&db.store, org, false, now)
            .await
            .unwrap();
        assert!(content::listed(&db.store).await.unwrap().is_empty());
    });
}

#[tokio::test]
async fn demo_has_the_presentations_campaigns_trainings_and_quizzes() {
    each_backend!(|db| {
        demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            clock().now(),
            &rng(),
            Some("pw-for-demo-1"),
        )
        .await
        .unwrap();
        let campaigns = prevention::list_campaigns(&db.store).await.unwrap();
        assert_eq!(campaigns.iter().filter(|c| c.published).count(), 3);
        let covid = campaigns
            .iter()
            .find(|c| c.theme == "LabourExploitation")
            .unwrap();
        let mats = prevention::materials(&db.store, covid.id).await.unwrap();
        assert_eq!(mats.iter().filter(|m| m.kind == "Video").count(), 12);
        assert_eq!(mats.iter().filter(|m| m.kind == "Article").count(), 18);
        let reached = covid.reach.people();
        assert!(
            (450_000..=550_000).contains(&reached),
            "about 500,000: {reached}"
        );
        let camp = campaigns
            .iter()
            .find(|c| c.theme == "SafeTravel" && c.published)
            .unwrap();
        let events = prevention::events(&db.store, camp.id).await.unwrap();
        assert_eq!(events[0].participants.len(), 17);
        assert!(
            events[0]
                .participants
                .iter()
                .all(|p| (18..=25).contains(&p.0))
        );
        let sessions = trainings::sessions(&db.store).await.unwrap();
        let years: HashSet<i32> = sessions.iter().map(|s| s.starts_on.year()).collect();
        assert!(years.contains(&2025) && years.contains(&2026));
        let big = sessions.iter().find(|s| s.participants == 59).unwrap();
        let people = trainings::participants(&db.store, big.id).await.unwrap();
        assert_eq!(people.iter().filter(|p| p.sex == "Male").count(), 18);
        assert_eq!(people.iter().filter(|p| p.sex == "Female").count(), 41);
        assert!(big.average_gain.unwrap() > 0.0);
        let quizzes = content::list_quizzes(&db.store, true).await.unwrap();
        assert_eq!(quizzes.len(), 2);
        for q in &quizzes {
            assert!(
                mayak_domain::prevention::publish_problems(&q.points(), &q.band_ranges())
                    .is_empty(),
                "{}",
                q.slug
            );
        }
        assert!(
            content::get_page(&db.store, "safe-travel")
                .await
                .unwrap()
                .body
                .is_some()
        );
        assert!(content::listed(&db.store).await.unwrap().len() >= 5);
    });
}
