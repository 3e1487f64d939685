//! The hotline through the real router: the consultation form and log, drafts, the API,
//! statistics with their exports, escalation to a case, and the public online consultation.

use super::*;
use mayak_domain::hotline as rules;

fn consultation_id(location: &str) -> i64 {
    location.rsplit("saved=").next().unwrap().parse().unwrap()
}

const CALL: &[(&str, &str)] = &[
    ("channel", "ShortNumber"),
    ("started_at", "2026-03-02T11:40"),
    ("duration_minutes", "9"),
    ("topics", "EmploymentAbroad"),
    ("topics", "WorkContract"),
    ("destination", "LT"),
    ("sex", "Male"),
    ("age_band", "30-38"),
    ("region", "BY-VI"),
    ("caller_type", "Self"),
    (
        "question",
        "Offered a trucking job in Lithuania without a contract",
    ),
    ("answer", "Explained what a contract must say"),
    ("outcome", "InformationGiven"),
    ("action", "save"),
];

#[tokio::test]
async fn consultants_log_calls_validated_and_the_log_filters_them() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "hotline").await;
        let form = get_as(&d.app, "/hotline/new?lang=en", &t).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("accesskey=\"s\"") && form.body.contains("/static/hotline.js"));
        assert!(
            form.body.contains("8 801 201 5555"),
            "numbers come from configuration"
        );

        let saved = call(&d.app, form_post("/hotline/consultations", &t, CALL)).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let id = consultation_id(location(&saved));
        let c = mayak_store::hotline::get(&db.store, id).await.unwrap();
        assert_eq!(
            c.topics,
            vec!["EmploymentAbroad".to_owned(), "WorkContract".to_owned()]
        );
        assert_eq!(
            c.started_at,
            time::macros::datetime!(2026-03-02 08:40 UTC),
            "Minsk time"
        );
        assert!(!c.repeat_caller);

        let log = get_as(
            &d.app,
            "/hotline?topic=WorkContract&destination=LT&lang=en",
            &t,
        )
        .await;
        assert!(log.body.contains(&format!("/hotline/consultations/{id}")));
        let other = get_as(
            &d.app,
            "/hotline?destination=CN&from=2026-03-02&lang=en",
            &t,
        )
        .await;
        assert!(
            !other
                .body
                .contains(&format!("/hotline/consultations/{id}\""))
        );
        let page = get_as(&d.app, &format!("/hotline/consultations/{id}?lang=en"), &t).await;
        assert!(page.body.contains("Offered a trucking job in Lithuania"));
        let reads = mayak_store::audit::recent(&db.store, Some("hotline.consultation.read"), 5)
            .await
            .unwrap();
        assert_eq!(reads[0].record_id.as_deref(), Some(id.to_string().as_str()));

        // Every field is checked and named; the refused form is kept as the draft.
        let bad = call(
            &d.app,
            form_post(
                "/hotline/consultations",
                &t,
                &[
                    ("channel", "Pigeon"),
                    ("started_at", "yesterday"),
                    ("duration_minutes", "999"),
                    ("destination", "XX"),
                    ("sex", "Robot"),
                    ("question", "Half-typed question"),
                    ("outcome", "ReferredToPartner"),
                    ("caller_contact", "+375 29 555 44 33"),
                    ("action", "save"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for (field, message) in [
            ("channel", "Not a known value"),
            ("started_at", "Enter a date and time"),
            ("duration_minutes", "from 0 to 480"),
            ("topics", "Choose at least one"),
            ("destination", "Not a known value"),
            ("sex", "Not a known value"),
            ("referred_to", "organisation the person agreed"),
            ("caller_contact", "only if the caller agrees"),
        ] {
            assert!(bad.body.contains(&format!("id=\"err-{field}\"")), "{field}");
            assert!(bad.body.contains(message), "{field}: {message}");
        }
        let resumed = get_as(&d.app, "/hotline/new?lang=en", &t).await;
        assert!(
            resumed.body.contains("Half-typed question"),
            "the draft keeps a refused form"
        );
        // Analysts see statistics, never the log.
        let analyst = token_for(&db.store, "analyst").await;
        assert_eq!(
            get_as(&d.app, "/hotline", &analyst).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            get_as(&d.app, &format!("/hotline/consultations/{id}"), &analyst)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    });
}

#[tokio::test]
async fn the_draft_is_autosaved_sealed_and_cleared_on_save() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "hotline").await;
        let mut req = form_post(
            "/hotline/draft",
            &t,
            &[
                ("question", "The caller is still talking about Warsaw"),
                ("topics", "Tourism"),
            ],
        );
        req.headers_mut()
            .insert("x-mayak-autosave", "1".parse().unwrap());
        assert_eq!(call(&d.app, req).await.status, StatusCode::NO_CONTENT);
        let raw: Vec<Vec<u8>> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar("SELECT sealed FROM hotline_draft").fetch_all(p).await.unwrap()
        });
        assert!(
            !String::from_utf8_lossy(&raw[0]).contains("Warsaw"),
            "sealed"
        );
        let form = get_as(&d.app, "/hotline/new?lang=en", &t).await;
        assert!(
            form.body
                .contains("The caller is still talking about Warsaw")
        );
        assert!(form.body.contains("value=\"Tourism\" checked"));
        // Without a script the button saves the draft and comes back to the form.
        let button = call(
            &d.app,
            form_post(
                "/hotline/consultations",
                &t,
                &[("question", "typed"), ("action", "draft")],
            ),
        )
        .await;
        assert_eq!(location(&button), "/hotline/new?notice=draft-saved");
        call(&d.app, form_post("/hotline/consultations", &t, CALL)).await;
        let fresh = get_as(&d.app, "/hotline/new?lang=en", &t).await;
        assert!(
            !fresh.body.contains("typed</textarea>"),
            "saving clears the draft"
        );
    });
}

#[tokio::test]
async fn the_hotline_api_logs_lists_and_counts() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "hotline").await;
        let doc = get(&d.app, "/api/v1/openapi.json").await.json();
        let example = doc["components"]["schemas"]["NewConsultationRequest"]["example"].clone();
        assert!(example.is_object(), "the request has a documented example");
        let created = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/hotline/consultations",
                &t,
                &example.to_string(),
            ),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let c = created.json();
        assert_eq!(
            c["topics"],
            serde_json::json!(["EmploymentAbroad", "WorkContract"])
        );
        assert_eq!(c["started_at"], "2026-03-02T07:15:00Z");

        let bad = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/hotline/consultations",
                &t,
                r#"{"channel":"Fax","topics":["Nope"],"question":"","outcome":"ReferredToPartner","age_band":"7","caller_contact":"123456","duration_minutes":-1}"#,
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: BTreeSet<String> = bad.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        for f in [
            "channel",
            "topics",
            "question",
            "referred_to_organisation_id",
            "age_band",
            "caller_contact",
            "duration_minutes",
        ] {
            assert!(fields.contains(f), "{f} in {fields:?}");
        }
        assert_eq!(
            call(&d.app, json_req("POST", "/api/v1/hotline/consultations", &t, r#"{"channel":"Email","topics":[],"question":"q","outcome":"InformationGiven","extra":1}"#)).await.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown fields are refused"
        );

        let list = get_as(
            &d.app,
            "/api/v1/hotline/consultations?topic=WorkContract&limit=5",
            &t,
        )
        .await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let rows = list.json();
        assert_eq!(rows[0]["id"], c["id"]);
        assert!(rows.as_array().unwrap().iter().all(|r| {
            r["topics"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!("WorkContract"))
        }));
        assert!(
            rows[0].get("question").is_none(),
            "texts stay on the consultation page"
        );

        let analyst = token_for(&db.store, "analyst").await;
        assert_eq!(
            get_as(&d.app, "/api/v1/hotline/consultations", &analyst)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let s = get_as(&d.app, "/api/v1/hotline/statistics?year=2025", &analyst).await;
        assert_eq!(s.status, StatusCode::OK, "{}", s.body);
        let s = s.json();
        assert!(s["total"].as_i64().unwrap() > 3000);
        assert_eq!(s["by_month"].as_array().unwrap().len(), 12);
        let months: i64 = s["by_month"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["count"].as_i64().unwrap())
            .sum();
        assert_eq!(months, s["total"].as_i64().unwrap());
        assert!(s["cumulative"].as_i64().unwrap() > s["total"].as_i64().unwrap());
        assert_eq!(
            get_as(&d.app, "/api/v1/hotline/statistics?year=1999", &analyst)
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    });
}

#[tokio::test]
async fn statistics_have_a_chart_a_table_and_exports() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let t = token_for(&db.store, "analyst").await;
    let page = get_as(&d.app, "/hotline/statistics?year=2020&lang=en", &t).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg class=\"chart\" role=\"img\""));
    assert!(page.body.contains("Topics of inquiries, 2020"));
    assert!(page.body.contains("Passports and visas"));
    assert!(page.body.contains("Travel rules during epidemics"));
    let all = get_as(&d.app, "/hotline/statistics?lang=en", &t).await;
    assert!(all.body.contains("Consultations by year"));
    assert_eq!(
        get_as(&d.app, "/hotline/statistics?year=soon", &t)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let csv = get_as(&d.app, "/hotline/statistics.csv?year=2020&lang=en", &t).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(
        csv.header("content-disposition")
            .contains("hotline-2020.csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "Breakdown,Value,Code,Consultations,\"Share, %\"");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Topic,Passports and visas,PassportAndVisa,"))
    );
    let xlsx = call(
        &d.app,
        Request::get("/hotline/statistics.xlsx?year=2020")
            .header(header::AUTHORIZATION, format!("Bearer {t}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.header("content-type").contains("spreadsheetml"));
    assert!(xlsx.body.starts_with("PK"), "an XLSX is a zip");
    db.cleanup().await;
}

#[tokio::test]
async fn a_consultation_becomes_a_case_with_consent_in_one_step() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "hotline").await;
        let mut crisis: Vec<(&str, &str)> = CALL.to_vec();
        crisis.retain(|(k, _)| *k != "topics");
        crisis.push(("topics", "Crisis"));
        let saved = call(&d.app, form_post("/hotline/consultations", &t, &crisis)).await;
        let id = consultation_id(location(&saved));
        let page = get_as(&d.app, &format!("/hotline/consultations/{id}?lang=en"), &t).await;
        assert!(page.body.contains("Escalate to a case"));
        let url = format!("/hotline/consultations/{id}/escalate");
        let refused = call(
            &d.app,
            form_post(
                &url,
                &t,
                &[
                    ("family_name", "Петров"),
                    ("given_names", "Иван"),
                    ("region", "BY-VI"),
                ],
            ),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("only with the person"));
        assert!(
            mayak_store::hotline::get(&db.store, id)
                .await
                .unwrap()
                .case_id
                .is_none()
        );

        let done = call(
            &d.app,
            form_post(
                &url,
                &t,
                &[
                    ("family_name", "Петров"),
                    ("given_names", "Иван"),
                    ("region", "BY-VI"),
                    ("consent", "yes"),
                ],
            ),
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let case_id = case_id_from(location(&done));
        let c = mayak_store::hotline::get(&db.store, id).await.unwrap();
        assert_eq!(
            (c.case_id, c.outcome.as_str()),
            (Some(case_id), "EscalatedToCase")
        );
        assert_eq!(
            mayak_store::hotline::of_case(&db.store, case_id)
                .await
                .unwrap(),
            Some(id)
        );
        let case = mayak_store::cases::get(&db.store, case_id).await.unwrap();
        assert_eq!(
            (case.sex.as_str(), case.country_of_exploitation.as_deref()),
            ("Male", Some("LT"))
        );
        let consents = mayak_store::cases::consents(&db.store, case_id)
            .await
            .unwrap();
        assert_eq!(
            consents[0].purpose,
            mayak_domain::case::ConsentPurpose::Processing
        );
        // The consultant reaches the case they opened, and what was said came along.
        let case_page = get_as(&d.app, &format!("/cases/{case_id}?lang=en"), &t).await;
        assert_eq!(case_page.status, StatusCode::OK);
        assert!(
            case_page
                .body
                .contains("Offered a trucking job in Lithuania"),
            "carried over as a note"
        );
        let again = call(&d.app, form_post(&url, &t, &[("consent", "yes")])).await;
        assert_eq!(
            location(&again),
            format!("/cases/{case_id}"),
            "escalated once"
        );
    });
}

fn solve(challenge: &str) -> String {
    (0..10_000_000u64)
        .map(|n| n.to_string())
        .find(|n| rules::proof_ok(challenge, n, 3))
        .unwrap()
}

fn public_post(uri: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(serde_urlencoded::to_string(pairs).unwrap()))
        .unwrap()
}

fn ticket_of(html: &str) -> String {
    let start = html
        .find("<p class=\"ticket\" id=\"ticket\"><strong>")
        .unwrap()
        + 38;
    html[start..start + 19].to_owned()
}

#[tokio::test]
async fn the_public_form_refuses_robots_and_floods_and_answers_by_ticket_only() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let form = get(&d.app, "/consultation?lang=en").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("id=\"quick-exit\"") && form.body.contains("8 801 201 5555"));
        let challenge = hidden(&form.body, "challenge");
        let q = "Is a job offer in Dubai with a free flight safe?";
        // The honeypot.
        let bot = call(
            &d.app,
            public_post(
                "/consultation",
                &[
                    ("challenge", &challenge),
                    ("nonce", &solve(&challenge)),
                    ("question", q),
                    ("website", "http://spam"),
                ],
            ),
        )
        .await;
        assert_eq!(bot.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Without a script and posted at once.
        let fast = call(
            &d.app,
            public_post(
                "/consultation",
                &[("challenge", &challenge), ("question", q)],
            ),
        )
        .await;
        assert_eq!(fast.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(fast.body.contains("wait a few seconds"));
        // A forged challenge.
        let forged = call(
            &d.app,
            public_post(
                "/consultation",
                &[("challenge", "1.2.3"), ("nonce", "1"), ("question", q)],
            ),
        )
        .await;
        assert!(forged.body.contains("reload the page"));
        assert_eq!(
            mayak_store::hotline_public::queue(&db.store, false, 50)
                .await
                .unwrap()
                .len(),
            3,
            "nothing stored"
        );
        // With the proof-of-work.
        let sent = call(
            &d.app,
            public_post(
                "/consultation",
                &[
                    ("challenge", &challenge),
                    ("nonce", &solve(&challenge)),
                    ("question", q),
                    ("topic", "EmploymentAbroad"),
                ],
            ),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        let ticket = ticket_of(&sent.body);
        assert!(rules::normalise_ticket(&ticket).is_some());
        let stored: Vec<(String, Vec<u8>)> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_as("SELECT ticket_hash, sealed_question FROM hotline_request").fetch_all(p).await.unwrap()
        });
        assert!(stored.iter().all(|(h, s)| !h.contains(&ticket) && !String::from_utf8_lossy(s).contains("Dubai")));

        // Without a script, after a while on the page.
        d.clock.advance(time::Duration::seconds(20));
        let slow = call(
            &d.app,
            public_post(
                "/consultation",
                &[
                    ("challenge", &challenge),
                    ("question", "Second question, no script"),
                    ("lang", "en"),
                ],
            ),
        )
        .await;
        assert_eq!(slow.status, StatusCode::OK);
        let other_ticket = ticket_of(&slow.body);

        let read = call(
            &d.app,
            public_post(
                "/consultation/ticket",
                &[("ticket", &ticket.to_lowercase())],
            ),
        )
        .await;
        assert!(read.body.contains(q) && read.body.contains("There is no answer yet"));

        // A consultant answers from the queue.
        let t = token_for(&db.store, "hotline").await;
        let queue = get_as(&d.app, "/hotline/requests?lang=en", &t).await;
        assert!(
            queue.body.contains("5 online requests waiting"),
            "{}",
            queue.body
        );
        let waiting = mayak_store::hotline_public::queue(&db.store, false, 50)
            .await
            .unwrap();
        let mine = waiting
            .iter()
            .find(|r| r.topic.as_deref() == Some("EmploymentAbroad") && r.lang == "en")
            .unwrap();
        let page = get_as(
            &d.app,
            &format!("/hotline/requests/{}?lang=en", mine.id),
            &t,
        )
        .await;
        assert!(page.body.contains("Dubai"));
        let empty = call(
            &d.app,
            form_post(
                &format!("/hotline/requests/{}", mine.id),
                &t,
                &[
                    ("topics", "EmploymentAbroad"),
                    ("outcome", "InformationGiven"),
                ],
            ),
        )
        .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let answered = call(
            &d.app,
            form_post(
                &format!("/hotline/requests/{}", mine.id),
                &t,
                &[
                    ("answer", "Ask for the contract first"),
                    ("topics", "EmploymentAbroad"),
                    ("destination", "AE"),
                    ("outcome", "InformationGiven"),
                ],
            ),
        )
        .await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        let log = get_as(
            &d.app,
            "/api/v1/hotline/consultations?channel=OnlineForm&limit=1",
            &t,
        )
        .await
        .json();
        assert_eq!(log[0]["destination"], "AE");

        let read = call(
            &d.app,
            public_post("/consultation/ticket", &[("ticket", &ticket)]),
        )
        .await;
        assert!(read.body.contains("Ask for the contract first"));
        let theirs = call(
            &d.app,
            public_post("/consultation/ticket", &[("ticket", &other_ticket)]),
        )
        .await;
        assert!(
            !theirs.body.contains("Ask for the contract first") && !theirs.body.contains("Dubai"),
            "another ticket shows only its own request"
        );
        let guess = call(
            &d.app,
            public_post("/consultation/ticket", &[("ticket", "0000-0000-0000-0000")]),
        )
        .await;
        assert_eq!(guess.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!guess.body.contains("Ask for the contract first"));

        // Floods: this address has sent 5 requests in 10 minutes (refused ones count).
        let flood = call(
            &d.app,
            public_post(
                "/consultation",
                &[("challenge", &challenge), ("question", "again")],
            ),
        )
        .await;
        assert_eq!(flood.status, StatusCode::TOO_MANY_REQUESTS);
        for _ in 0..3 {
            call(
                &d.app,
                public_post("/consultation/ticket", &[("ticket", "1111-1111-1111-1111")]),
            )
            .await;
        }
        let guessing = call(
            &d.app,
            public_post("/consultation/ticket", &[("ticket", &ticket)]),
        )
        .await;
        assert_eq!(
            guessing.status,
            StatusCode::TOO_MANY_REQUESTS,
            "ticket guessing is rate-limited too"
        );
        d.clock.advance(time::Duration::minutes(11));
        assert_eq!(
            call(
                &d.app,
                public_post("/consultation/ticket", &[("ticket", &ticket)])
            )
            .await
            .status,
            StatusCode::OK
        );
    });
}

#[tokio::test]
async fn the_public_api_takes_requests_with_a_solved_challenge() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let c = get(&d.app, "/api/v1/public/consultation-challenge")
        .await
        .json();
    let challenge = c["challenge"].as_str().unwrap().to_owned();
    assert_eq!(c["difficulty"], 3);
    let json = |body: serde_json::Value| {
        Request::post("/api/v1/public/consultation-requests")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let unsolved = call(
        &d.app,
        json(serde_json::json!({"question": "Visa?", "challenge": challenge, "nonce": ""})),
    )
    .await;
    assert_eq!(
        unsolved.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the API always needs the proof-of-work"
    );
    let ok = call(&d.app, json(serde_json::json!({"question": "Visa for Poland?", "lang": "be", "topic": "PassportAndVisa", "challenge": challenge, "nonce": solve(&challenge)}))).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let ticket = ok.json()["ticket"].as_str().unwrap().to_owned();
    let read = call(
        &d.app,
        Request::post("/api/v1/public/consultation-tickets")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                serde_json::json!({ "ticket": ticket }).to_string(),
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json()["question"], "Visa for Poland?");
    assert!(read.json()["answer"].is_null());
    let waiting = mayak_store::hotline_public::queue(&db.store, false, 50)
        .await
        .unwrap();
    assert!(waiting.iter().any(|r| r.lang == "be"));
    db.cleanup().await;
}
