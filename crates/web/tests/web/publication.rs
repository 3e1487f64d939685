//! Statistics releases through the real router: the budget refuses an overspend with what is
//! left, a release is computed in the background, its preparer cannot approve it, a second
//! analyst can, and only then is it on the public page and downloadable; nothing unapproved
//! is reachable publicly, whatever the id.

use super::*;
use mayak_domain::Role;
use mayak_store::publication::{self, ReleaseState};

/// A second analyst in the demo analyst's organisation; returns a token.
async fn second_analyst(store: &Store) -> String {
    let first = auth::account_by_login(store, "analyst")
        .await
        .unwrap()
        .unwrap();
    mayak_store::orgs::insert_user(
        store,
        &mayak_store::orgs::NewUser {
            login: "analyst2",
            display_name: "Second Analyst",
            organisation_id: first.user.organisation_id,
            password_hash: None,
            roles: &[Role::Analyst],
        },
        clock().now(),
    )
    .await
    .unwrap();
    token_for(store, "analyst2").await
}

/// Waits until the background computation has stored the release (or failed).
async fn computed(store: &Store, id: i64) -> publication::Release {
    for _ in 0..600 {
        let r = publication::get(store, id).await.unwrap();
        if r.state != ReleaseState::Computing {
            return r;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("release {id} still computing");
}

fn release_id(a: &Answer) -> i64 {
    location(a)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no release in {:?}", location(a)))
}

const RELEASE: &[(&str, &str)] = &[
    ("series", "Identified victims by sex and age"),
    ("dataset", "cases"),
    ("column", "cases:yearOfRegistration"),
    ("column", "cases:gender"),
    ("column", "cases:ageBroad"),
    // The other dataset's boxes are ignored, and a name comes once.
    ("column", "hotline:ageBroad"),
    ("column", "ageBroad"),
    ("length", "2"),
    ("threshold", "11"),
    ("tables", "on"),
    ("synthetic", "on"),
    ("synthetic_epsilon", "2"),
    ("synthetic_delta", "1e-6"),
];

#[tokio::test]
async fn a_release_needs_a_second_analyst_and_only_then_is_public() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let anna = token_for(&db.store, "analyst").await;
        let boris = second_analyst(&db.store).await;
        let hotline = token_for(&db.store, "hotline").await;
        assert_eq!(
            get_as(&d.app, "/statistics/releases", &hotline)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let list = get_as(&d.app, "/statistics/releases?lang=en", &anna).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Privacy budget") && list.body.contains("ε = 10"));
        let form = get_as(&d.app, "/statistics/releases/new?lang=en", &anna).await;
        assert!(
            form.body
                .contains("name=\"column\" value=\"cases:CountryOfExploitation\"")
        );

        assert!(
            form.body.contains("value=\"cases:ageBroad\" checked")
                && !form.body.contains("value=\"hotline:ageBroad\" checked")
        );
        let made = call(&d.app, form_post("/statistics/releases", &anna, RELEASE)).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let id = release_id(&made);
        let r = computed(&db.store, id).await;
        assert_eq!(r.state, ReleaseState::Prepared, "{:?}", r.failure);
        assert_eq!(r.version, 1);
        assert_eq!(
            r.plan.tables.as_ref().unwrap().columns,
            ["yearOfRegistration", "gender", "ageBroad"]
        );
        // Spent on preparation.
        let cases = publication::dataset(&db.store, "cases").await.unwrap();
        assert!((cases.spent.epsilon - 2.0).abs() < 1e-9);

        let page = get_as(&d.app, &format!("/statistics/releases/{id}?lang=en"), &anna).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Waiting for approval"));
        assert!(
            page.body.contains("id=\"own-note\""),
            "the preparer is told"
        );
        assert!(
            !page.body.contains("value=\"approve\""),
            "no approve button for the preparer"
        );
        assert!(!page.body.contains("http-equiv=\"refresh\""));
        assert!(page.body.contains("<svg"), "charts of the tables");
        let review = get_as(
            &d.app,
            &format!("/statistics/releases/{id}?lang=en"),
            &boris,
        )
        .await;
        assert!(review.body.contains("value=\"approve\""));

        // Not public yet, whatever the id or file name.
        let public = get(&d.app, "/public/statistics?lang=en").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(!public.body.contains("Identified victims by sex and age"));
        for guess in 0..id + 5 {
            for name in ["tables.csv", "synthetic.csv", "utility.json", "x"] {
                let a = get(
                    &d.app,
                    &format!("/public/statistics/releases/{guess}/files/{name}"),
                )
                .await;
                assert_eq!(a.status, StatusCode::NOT_FOUND, "{guess}/{name}");
            }
        }
        let api = get(&d.app, "/api/v1/public/statistics/releases").await;
        assert_eq!(api.json(), serde_json::json!([]));

        // The preparer is refused; nothing changes.
        let own = call(
            &d.app,
            form_post(
                &format!("/statistics/releases/{id}/decision"),
                &anna,
                &[("decision", "approve"), ("reason", "looks fine to me")],
            ),
        )
        .await;
        assert_eq!(own.status, StatusCode::FORBIDDEN);
        assert!(
            own.body.contains("you cannot approve or reject it"),
            "{}",
            own.body
        );
        assert_eq!(
            publication::get(&db.store, id).await.unwrap().state,
            ReleaseState::Prepared
        );
        // A reason is required.
        let bare = call(
            &d.app,
            form_post(
                &format!("/statistics/releases/{id}/decision"),
                &boris,
                &[("decision", "approve"), ("reason", "")],
            ),
        )
        .await;
        assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bare.body
                .contains("Give a reason of at least 5 characters.")
        );
        let ok = call(
            &d.app,
            form_post(
                &format!("/statistics/releases/{id}/decision"),
                &boris,
                &[("decision", "approve"), ("reason", "suppression checked")],
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        assert_eq!(
            publication::get(&db.store, id).await.unwrap().state,
            ReleaseState::Approved
        );

        for (lang, title) in [
            ("ru", "Статистика торговли людьми"),
            ("be", "Статыстыка гандлю людзьмі"),
            ("en", "Statistics on trafficking in human beings"),
        ] {
            let p = get(&d.app, &format!("/public/statistics?lang={lang}")).await;
            assert!(p.body.contains(title), "{lang}");
            assert!(
                p.body.contains("Identified victims by sex and age"),
                "{lang}"
            );
            assert!(
                p.body.contains("<svg") && p.body.contains("<table"),
                "{lang}"
            );
        }
        let csv = get(
            &d.app,
            &format!("/public/statistics/releases/{id}/files/tables.csv"),
        )
        .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        // No published cell under the threshold; suppressed cells carry no count.
        let mut published = 0;
        for line in csv.body.lines().skip(1) {
            let cols: Vec<&str> = line.rsplitn(3, ',').collect();
            let (status, count) = (cols[0], cols[1]);
            match status {
                "published" => {
                    published += 1;
                    assert!(count.parse::<u32>().unwrap() >= 11, "{line}");
                }
                "suppressed" => assert!(count.is_empty(), "{line}"),
                other => panic!("{other}"),
            }
        }
        assert!(published > 0, "{}", csv.body);
        let synth = get(
            &d.app,
            &format!("/public/statistics/releases/{id}/files/synthetic.csv"),
        )
        .await;
        assert_eq!(synth.status, StatusCode::OK);
        assert!(synth.body.starts_with("yearOfRegistration,gender,ageBroad"));
        assert_eq!(
            get(
                &d.app,
                &format!("/public/statistics/releases/{id}/files/utility.json")
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "the utility report compares with the real data"
        );
        // Staff downloads of any file are audited.
        let staff = get_as(
            &d.app,
            &format!("/statistics/releases/{id}/files/utility.json"),
            &boris,
        )
        .await;
        assert_eq!(staff.status, StatusCode::OK);
        let actions: Vec<String> = mayak_store::audit::recent(&db.store, None, 30)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for a in [
            "statistics.release.prepare",
            "statistics.release.approve",
            "statistics.release.download",
        ] {
            assert!(actions.iter().any(|x| x == a), "{a}");
        }
        // The next release of the series is v2.
        let again = call(&d.app, form_post("/statistics/releases", &boris, RELEASE)).await;
        let r2 = computed(&db.store, release_id(&again)).await;
        assert_eq!(r2.version, 2);
    });
}

#[tokio::test]
async fn an_overspending_release_is_refused_with_what_is_left() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let anna = token_for(&db.store, "analyst").await;
        let mut pairs = RELEASE.to_vec();
        pairs.retain(|(k, _)| !k.starts_with("synthetic"));
        pairs.extend([
            ("noisy", "on"),
            ("noisy_epsilon", "12"),
            ("noisy_delta", "1e-6"),
            ("noisy_mechanism", "gaussian"),
        ]);
        let refused = call(&d.app, form_post("/statistics/releases", &anna, &pairs)).await;
        assert_eq!(refused.status, StatusCode::CONFLICT);
        assert!(
            refused.body.contains("needs ε = 12") && refused.body.contains("only ε = 10"),
            "{}",
            refused.body
        );
        assert!(
            publication::list(&db.store).await.unwrap().is_empty(),
            "nothing written"
        );
        assert_eq!(
            publication::dataset(&db.store, "cases")
                .await
                .unwrap()
                .spent
                .epsilon,
            0.0
        );
        // The API says the same, as a field error.
        let body = serde_json::json!({
            "series": "Noisy", "dataset": "cases", "columns": ["gender"],
            "noisy": {"epsilon": 12.0, "delta": 1e-6}
        });
        let api = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/statistics/releases",
                &anna,
                &body.to_string(),
            ),
        )
        .await;
        assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", api.body);
        let j = api.json();
        assert_eq!(j["errors"][0]["field"], "budget");
        assert!(
            j["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("only ε = 10")
        );

        // Form rules: a threshold under 11, a length over 3, a bad ε, no series, no part.
        let bad = call(
            &d.app,
            form_post(
                "/statistics/releases",
                &anna,
                &[
                    ("series", ""),
                    ("dataset", "cases"),
                    ("column", "gender"),
                    ("length", "4"),
                    ("threshold", "5"),
                    ("noisy", "on"),
                    ("noisy_epsilon", "zero"),
                    ("noisy_delta", "1e-6"),
                    ("noisy_mechanism", "gaussian"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for msg in [
            "This field is required.",
            "Choose a number from 11 to 1000.",
            "Choose a number from 1 to 3.",
            "Enter ε as a number above 0",
        ] {
            assert!(bad.body.contains(msg), "{msg}");
        }
        let none = call(
            &d.app,
            form_post(
                "/statistics/releases",
                &anna,
                &[
                    ("series", "X"),
                    ("dataset", "cases"),
                    ("column", "gender"),
                    ("length", "1"),
                    ("threshold", "11"),
                ],
            ),
        )
        .await;
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(none.body.contains("Choose at least one."));
        assert!(publication::list(&db.store).await.unwrap().is_empty());
    });
}

#[tokio::test]
async fn the_api_prepares_and_a_second_analyst_decides() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let anna = token_for(&db.store, "analyst").await;
        let boris = second_analyst(&db.store).await;
        let body = serde_json::json!({
            "series": "Hotline by channel", "dataset": "hotline",
            "columns": ["year", "channel"], "length": 2,
            "tables": {"threshold": 11},
            "noisy": {"epsilon": 1.0, "mechanism": "laplace"}
        });
        let made = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/statistics/releases",
                &anna,
                &body.to_string(),
            ),
        )
        .await;
        assert_eq!(made.status, StatusCode::ACCEPTED, "{}", made.body);
        let id = made.json()["id"].as_i64().unwrap();
        let r = computed(&db.store, id).await;
        assert_eq!(r.state, ReleaseState::Prepared, "{:?}", r.failure);
        assert_eq!(r.cost.delta, 0.0, "Laplace is pure ε");
        let hot = publication::dataset(&db.store, "hotline").await.unwrap();
        assert!((hot.spent.epsilon - 1.0).abs() < 1e-9);
        let budget = get_as(&d.app, "/api/v1/statistics/budget", &anna)
            .await
            .json();
        assert_eq!(budget[1]["dataset"], "hotline");
        assert!((budget[1]["epsilon_left"].as_f64().unwrap() - 9.0).abs() < 1e-9);

        let decision = serde_json::json!({"decision": "approve", "reason": "checked"}).to_string();
        let uri = format!("/api/v1/statistics/releases/{id}/decision");
        let own = call(&d.app, json_req("POST", &uri, &anna, &decision)).await;
        assert_eq!(own.status, StatusCode::FORBIDDEN);
        let ok = call(&d.app, json_req("POST", &uri, &boris, &decision)).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        assert_eq!(ok.json()["state"], "approved");
        let twice = call(&d.app, json_req("POST", &uri, &boris, &decision)).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        let public = get(&d.app, "/api/v1/public/statistics/releases")
            .await
            .json();
        assert_eq!(public[0]["id"], id);
        assert!(
            public[0]["files"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| !f.as_str().unwrap().contains("utility"))
        );
        let noisy = get(
            &d.app,
            &format!("/public/statistics/releases/{id}/files/noisy-counts.csv"),
        )
        .await;
        assert_eq!(noisy.status, StatusCode::OK);
        for line in noisy.body.lines().skip(1) {
            let count: i64 = line.rsplit(',').nth(1).unwrap().parse().unwrap();
            assert!(count >= 11, "withheld under the threshold: {line}");
        }
    });
}
