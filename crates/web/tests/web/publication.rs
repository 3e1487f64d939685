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

#[tokio::test]
async fn the_privacy_budget_is_set_by_its_governor_with_a_reason() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let admin = token_for(&db.store, "admin").await;
        let anna = token_for(&db.store, "analyst").await;
        let page = get_as(&d.app, "/admin/privacy-budget?lang=en", &admin).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Privacy budget of the statistics"));
        assert!(page.body.contains("data-dataset=\"cases\"") && page.body.contains("<meter"));
        assert!(
            page.body.contains("href=\"/admin/privacy-budget\""),
            "in the nav"
        );
        let ru = get_as(&d.app, "/admin/privacy-budget?lang=ru", &admin).await;
        assert!(ru.body.contains("Бюджет приватности статистики"));
        // Analysts spend the budget; they do not set it.
        let own = call(
            &d.app,
            form_post(
                "/admin/privacy-budget",
                &anna,
                &[
                    ("dataset", "cases"),
                    ("epsilon", "50"),
                    ("delta", "1e-6"),
                    ("reason", "more please"),
                ],
            ),
        )
        .await;
        assert_eq!(own.status, StatusCode::FORBIDDEN);
        let before = publication::dataset(&db.store, "cases").await.unwrap();

        // Bad fields: each explained, nothing changed.
        let bad = call(
            &d.app,
            form_post(
                "/admin/privacy-budget?lang=en",
                &admin,
                &[
                    ("dataset", "cases"),
                    ("epsilon", "lots"),
                    ("delta", "0.5"),
                    ("reason", ""),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for msg in [
            "Enter the total ε as a number from 0 to 100",
            "Enter the total δ as a number from 0 and below 0.001",
            "Give a reason of at least 5 characters.",
        ] {
            assert!(bad.body.contains(msg), "{msg}: {}", bad.body);
        }
        assert!(
            bad.body.contains("value=\"lots\""),
            "the form keeps what was typed"
        );
        assert_eq!(
            publication::dataset(&db.store, "cases").await.unwrap(),
            before
        );

        // A release spends ε = 2; the total cannot go below that.
        let mut pairs = RELEASE.to_vec();
        pairs.retain(|(k, _)| !k.starts_with("synthetic"));
        pairs.extend([
            ("noisy", "on"),
            ("noisy_epsilon", "2"),
            ("noisy_delta", "1e-6"),
            ("noisy_mechanism", "gaussian"),
        ]);
        let spent = call(&d.app, form_post("/statistics/releases", &anna, &pairs)).await;
        assert_eq!(spent.status, StatusCode::SEE_OTHER, "{}", spent.body);
        let low = call(
            &d.app,
            form_post(
                "/admin/privacy-budget?lang=en",
                &admin,
                &[
                    ("dataset", "cases"),
                    ("epsilon", "1"),
                    ("delta", "1e-5"),
                    ("reason", "tighter budget"),
                ],
            ),
        )
        .await;
        assert_eq!(low.status, StatusCode::CONFLICT);
        assert!(low.body.contains("already spent ε = 2"), "{}", low.body);
        assert_eq!(
            publication::dataset(&db.store, "cases")
                .await
                .unwrap()
                .total,
            before.total
        );

        // A valid change, with its reason in the audit trail.
        let ok = call(
            &d.app,
            form_post(
                "/admin/privacy-budget",
                &admin,
                &[
                    ("dataset", "cases"),
                    ("epsilon", "4"),
                    ("delta", "1e-5"),
                    ("reason", "Budget for the 2027 releases"),
                ],
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        assert_eq!(location(&ok), "/admin/privacy-budget?notice=budget-set");
        let after = publication::dataset(&db.store, "cases").await.unwrap();
        assert_eq!((after.total.epsilon, after.total.delta), (4.0, 1e-5));
        let set = mayak_store::audit::recent(&db.store, Some("statistics.budget.set"), 5)
            .await
            .unwrap();
        assert_eq!(set.len(), 1);
        assert!(
            set[0]
                .reason
                .as_deref()
                .unwrap_or_default()
                .contains("Budget for the 2027 releases"),
            "{:?}",
            set[0].reason
        );
        let shown = get_as(
            &d.app,
            "/admin/privacy-budget?lang=en&notice=budget-set",
            &admin,
        )
        .await;
        assert!(shown.body.contains("The total budget is set"));
        assert!(
            shown.body.contains("value=\"50\""),
            "half of ε = 4 is spent"
        );

        // The API: the same rules, field names of the body.
        let put = |token: &str, dataset: &str, body: serde_json::Value| {
            json_req(
                "PUT",
                &format!("/api/v1/statistics/budget/{dataset}"),
                token,
                &body.to_string(),
            )
        };
        let body =
            serde_json::json!({"epsilon_total": 6.0, "delta_total": 1e-5, "reason": "API change"});
        assert_eq!(
            call(&d.app, put(&anna, "cases", body.clone())).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            call(&d.app, put(&admin, "nothing", body.clone()))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let bad = call(
            &d.app,
            put(
                &admin,
                "cases",
                serde_json::json!({"epsilon_total": 500.0, "delta_total": 1e-5, "reason": "x"}),
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        let fields: Vec<String> = bad.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(fields, ["epsilon_total", "reason"]);
        let below = call(
            &d.app,
            put(&admin, "cases", serde_json::json!({"epsilon_total": 1.5, "delta_total": 1e-5, "reason": "too tight"})),
        )
        .await;
        assert_eq!(below.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(below.body.contains("already spent ε = 2"), "{}", below.body);
        let good = call(&d.app, put(&admin, "cases", body)).await;
        assert_eq!(good.status, StatusCode::OK, "{}", good.body);
        let j = good.json();
        assert_eq!(j["epsilon_total"], 6.0);
        assert_eq!(j["epsilon_spent"], 2.0);
        assert_eq!(j["epsilon_left"], 4.0);
    });
}
