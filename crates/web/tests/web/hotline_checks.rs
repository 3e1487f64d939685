//! The checks during a call through the real router: the licence register (search with a
//! verdict, kept by administrators with an audit trail), the job-offer checklist handed back
//! to the consultant's draft and saved with the consultation, the contacts per country, and
//! the same through the API.

use super::*;

const DRAFT: &[(&str, &str)] = &[
    ("channel", "NationalLine"),
    ("started_at", "2026-03-02T11:40"),
    ("topics", "EmploymentAbroad"),
    ("destination", "PL"),
    (
        "question",
        "Agency wants my passport for a Polish warehouse job",
    ),
    ("outcome", "InformationGiven"),
];

fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut v = DRAFT.to_vec();
    v.extend_from_slice(extra);
    v
}

#[tokio::test]
async fn consultants_check_agencies_offers_and_contacts_without_losing_the_draft() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "hotline").await;

        // The licence check answers each case with the register's date.
        for (q, answer) in [
            ("DEMO-0001", "Licensed"),
            ("demo 0002", "Licence expired"),
            ("DEMO-0003", "Licence revoked"),
            ("Тестовый персонал", "Licence suspended"),
            ("Рога и копыта", "Not in the register"),
        ] {
            let uri = format!(
                "/hotline/checks/agencies?lang=en&q={}",
                serde_urlencoded::to_string([("", q)])
                    .unwrap()
                    .trim_start_matches('=')
            );
            let page = get_as(&d.app, &uri, &t).await;
            assert_eq!(page.status, StatusCode::OK, "{q}");
            let verdict = page.body.split("id=\"verdict\"").nth(1).unwrap();
            assert!(verdict.contains(answer), "{q}: {answer}");
            assert!(verdict.contains("last updated on"), "{q}");
        }
        let short = get_as(&d.app, "/hotline/checks/agencies?lang=en&q=%25", &t).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.body.contains("id=\"err-q\""));

        // The form's check buttons save the draft first, then open the check.
        let form = get_as(&d.app, "/hotline/new?lang=en", &t).await;
        for key in ["accesskey=\"l\"", "accesskey=\"j\"", "accesskey=\"e\""] {
            assert!(form.body.contains(key), "{key}");
        }
        let open = call(
            &d.app,
            form_post("/hotline/draft", &t, &with(&[("then", "offer")])),
        )
        .await;
        assert_eq!(open.status, StatusCode::SEE_OTHER);
        assert_eq!(location(&open), "/hotline/checks/offer");
        let offer = get_as(&d.app, "/hotline/checks/offer?lang=en", &t).await;
        assert!(offer.body.contains("JO-CR-M1") && offer.body.contains("AL-CR-M2"));
        assert!(offer.body.contains("Back to the consultation"));

        // The assessment explains itself and never says "safe".
        let high = call(
            &d.app,
            form_post(
                "/hotline/checks/offer?lang=en",
                &t,
                &[("indicators", "JO-CR-M1"), ("action", "assess")],
            ),
        )
        .await;
        assert_eq!(high.status, StatusCode::OK);
        assert!(high.body.contains("High risk"));
        assert!(high.body.contains("Never hand over your passport"));
        assert!(high.body.contains("can never show that an offer is safe"));
        let none = call(
            &d.app,
            form_post("/hotline/checks/offer?lang=en", &t, &[("action", "assess")]),
        )
        .await;
        assert!(none.body.contains("No warning signs described"));
        let bad = call(
            &d.app,
            form_post(
                "/hotline/checks/offer?lang=en",
                &t,
                &[("indicators", "NOPE"), ("action", "keep")],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

        // "Keep" hands the signs back to the draft; what was typed is still there.
        let keep = call(
            &d.app,
            form_post(
                "/hotline/checks/offer",
                &t,
                &[
                    ("indicators", "JO-CR-M1"),
                    ("indicators", "JO-DR-M2"),
                    ("action", "keep"),
                ],
            ),
        )
        .await;
        assert_eq!(keep.status, StatusCode::SEE_OTHER);
        assert!(location(&keep).starts_with("/hotline/new?notice=signs-kept"));
        let resumed = get_as(&d.app, "/hotline/new?lang=en", &t).await;
        assert!(resumed.body.contains("Agency wants my passport"));
        assert!(resumed.body.contains("value=\"JO-CR-M1\" checked"));
        assert!(resumed.body.contains("value=\"JO-DR-M2\" checked"));

        // The contacts button carries the destination (a country code, nothing personal).
        let contacts = call(
            &d.app,
            form_post("/hotline/draft", &t, &with(&[("then", "contacts")])),
        )
        .await;
        assert_eq!(location(&contacts), "/hotline/checks/contacts?country=PL");
        let pl = get_as(&d.app, "/hotline/checks/contacts?country=PL&lang=en", &t).await;
        assert!(pl.body.contains("Embassy of Belarus"));
        assert!(pl.body.contains("embassy-pl@example.org"));
        assert!(!pl.body.contains("embassy-lt@example.org"));
        let empty = get_as(&d.app, "/hotline/checks/contacts?country=JP&lang=en", &t).await;
        assert!(
            empty
                .body
                .contains("No contacts are kept for this country yet")
        );

        // Saving the consultation keeps the sign codes with it; an unknown code is refused.
        let refused = call(
            &d.app,
            form_post(
                "/hotline/consultations",
                &t,
                &with(&[("indicators", "JO-XX-M9"), ("action", "save")]),
            ),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("id=\"err-indicators\""));
        let saved = call(
            &d.app,
            form_post(
                "/hotline/consultations",
                &t,
                &with(&[
                    ("indicators", "JO-DR-M2"),
                    ("indicators", "JO-CR-M1"),
                    ("action", "save"),
                ]),
            ),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let id: i64 = location(&saved)
            .rsplit("saved=")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let c = mayak_store::hotline::get(&db.store, id).await.unwrap();
        assert_eq!(
            c.indicators,
            vec!["JO-CR-M1".to_owned(), "JO-DR-M2".to_owned()]
        );
        let page = get_as(&d.app, &format!("/hotline/consultations/{id}?lang=en"), &t).await;
        assert!(page.body.contains("The recruiter asks for the passport"));

        // Consultants check; they do not keep the register.
        let denied = get_as(&d.app, "/hotline/register", &t).await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
    });
}

#[tokio::test]
async fn administrators_keep_the_register_and_contacts_with_an_audit_trail() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let admin = token_for(&db.store, "admin").await;
        let t = token_for(&db.store, "hotline").await;
        let list = get_as(&d.app, "/hotline/register?lang=en", &admin).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("DEMO-0001") && list.body.contains("Demo-Beratungsstelle"));
        let before = mayak_store::hotline_checks::list_agencies(&db.store, true)
            .await
            .unwrap()
            .len();

        // Every wrong field is named, and nothing is saved.
        let bad = call(
            &d.app,
            form_post(
                "/hotline/register/agencies",
                &admin,
                &[
                    ("name", ""),
                    ("licence_number", "—"),
                    ("valid_from", "2026-13-01"),
                    ("status", "paused"),
                    ("city", "Минск"),
                    ("countries", "XX"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for field in [
            "name",
            "licence_number",
            "valid_from",
            "status",
            "countries",
        ] {
            assert!(bad.body.contains(&format!("id=\"err-{field}\"")), "{field}");
        }
        assert_eq!(
            mayak_store::hotline_checks::list_agencies(&db.store, true)
                .await
                .unwrap()
                .len(),
            before
        );

        let good = [
            ("name", "ООО «Проверка» (тест)"),
            ("licence_number", "T-77/1"),
            ("valid_from", "2025-01-01"),
            ("valid_until", "2030-12-31"),
            ("status", "valid"),
            ("city", "Минск"),
            ("countries", "PL"),
            ("countries", "LT"),
        ];
        let added = call(
            &d.app,
            form_post("/hotline/register/agencies", &admin, &good),
        )
        .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        let again = call(
            &d.app,
            form_post(
                "/hotline/register/agencies",
                &admin,
                &[
                    ("name", "Другое"),
                    ("licence_number", "t 771"),
                    ("valid_from", "2025-01-01"),
                    ("status", "valid"),
                    ("city", "Брест"),
                    ("countries", "PL"),
                ],
            ),
        )
        .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(again.body.contains("already taken"));
        let a = mayak_store::hotline_checks::find_agencies(&db.store, "T-77/1")
            .await
            .unwrap()
            .remove(0);
        assert_eq!(a.countries, vec!["LT".to_owned(), "PL".to_owned()]);
        let created = mayak_store::audit::recent(&db.store, Some("hotline.agency.create"), 1)
            .await
            .unwrap();
        assert_eq!(
            created[0].record_id.as_deref(),
            Some(a.id.to_string().as_str())
        );

        // A revocation changes what consultants hear, and the audit names the field.
        let mut revoked = good.to_vec();
        revoked.retain(|(k, _)| *k != "status");
        revoked.push(("status", "revoked"));
        let saved = call(
            &d.app,
            form_post(
                &format!("/hotline/register/agencies/{}", a.id),
                &admin,
                &revoked,
            ),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        let updated = mayak_store::audit::recent(&db.store, Some("hotline.agency.update"), 1)
            .await
            .unwrap();
        assert_eq!(updated[0].fields.as_deref(), Some("status"));
        let check = get_as(&d.app, "/hotline/checks/agencies?lang=en&q=T-77%2F1", &t).await;
        assert!(
            check
                .body
                .split("id=\"verdict\"")
                .nth(1)
                .unwrap()
                .contains("Licence revoked")
        );

        // Retired entries no longer answer; restoring brings them back.
        let retire = call(
            &d.app,
            form_post(
                &format!("/hotline/register/agencies/{}/retire", a.id),
                &admin,
                &[("action", "retire")],
            ),
        )
        .await;
        assert_eq!(retire.status, StatusCode::SEE_OTHER);
        let gone = get_as(&d.app, "/hotline/checks/agencies?lang=en&q=T-77%2F1", &t).await;
        assert!(
            gone.body
                .split("id=\"verdict\"")
                .nth(1)
                .unwrap()
                .contains("Not in the register")
        );
        assert_eq!(
            mayak_store::audit::recent(&db.store, Some("hotline.agency.retire"), 1)
                .await
                .unwrap()
                .len(),
            1
        );

        // Contacts: one way to reach them at least, a real country, a web address.
        let bad = call(
            &d.app,
            form_post(
                "/hotline/register/contacts",
                &admin,
                &[
                    ("country", "ZZ"),
                    ("kind", "embassy"),
                    ("name", "Somewhere"),
                    ("website", "javascript:alert(1)"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("id=\"err-country\"") && bad.body.contains("id=\"err-website\""));
        let ok = call(
            &d.app,
            form_post(
                "/hotline/register/contacts",
                &admin,
                &[
                    ("country", "CZ"),
                    ("kind", "ngo"),
                    ("name", "Test help line CZ"),
                    ("phone", "+000 2 000 00 09"),
                ],
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let cz = get_as(&d.app, "/hotline/checks/contacts?country=CZ&lang=en", &t).await;
        assert!(cz.body.contains("Test help line CZ"));
        assert_eq!(
            mayak_store::audit::recent(&db.store, Some("hotline.contact.create"), 1)
                .await
                .unwrap()
                .len(),
            1
        );
    });
}

#[tokio::test]
async fn the_api_checks_the_register_the_checklist_and_the_contacts() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "hotline").await;
        let admin = token_for(&db.store, "admin").await;

        let expired = get_as(&d.app, "/api/v1/hotline/agencies?q=DEMO-0002", &t).await;
        assert_eq!(expired.status, StatusCode::OK);
        let v = expired.json();
        assert_eq!(v["verdict"], "expired");
        assert!(v["register_updated_at"].is_string());
        let missing = get_as(&d.app, "/api/v1/hotline/agencies?q=NOSUCH-1", &t).await;
        assert_eq!(missing.json()["verdict"], "not_in_register");
        assert_eq!(missing.json()["matches"].as_array().unwrap().len(), 0);
        let short = get_as(&d.app, "/api/v1/hotline/agencies?q=x", &t).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);

        let list = get_as(&d.app, "/api/v1/hotline/offer-indicators", &t).await;
        assert!(list.json().as_array().unwrap().len() >= 12);
        let high = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/hotline/offer-assessment",
                &t,
                r#"{"indicators":["JO-DR-S1","JO-DR-M2"]}"#,
            ),
        )
        .await;
        assert_eq!(high.status, StatusCode::OK);
        assert_eq!(high.json()["risk"], "high");
        assert_eq!(high.json()["reasons"][0]["reason"], "dimension_present");
        let unknown = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/hotline/offer-assessment",
                &t,
                r#"{"indicators":["AL-DR-S1"]}"#,
            ),
        )
        .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

        let lt = get_as(&d.app, "/api/v1/hotline/contacts?country=lt", &t).await;
        assert_eq!(lt.json().as_array().unwrap().len(), 2);
        assert_eq!(lt.json()[0]["kind"], "embassy");

        // Only the register's keepers write it.
        let body = r#"{"name":"API agency","licence_number":"API-1","valid_from":"2025-02-01","status":"valid","city":"Минск","countries":["DE"]}"#;
        let denied = call(
            &d.app,
            json_req("POST", "/api/v1/hotline/agencies", &t, body),
        )
        .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
        let created = call(
            &d.app,
            json_req("POST", "/api/v1/hotline/agencies", &admin, body),
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        assert_eq!(created.json()["verdict"], "licensed");
        let id = created.json()["id"].as_i64().unwrap();
        let bad = call(
            &d.app,
            json_req(
                "PUT",
                &format!("/api/v1/hotline/agencies/{id}"),
                &admin,
                r#"{"name":"API agency","licence_number":"API-1","valid_from":"2025-02-01","valid_until":"2024-01-01","status":"valid","city":"Минск","countries":["DE"]}"#,
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("valid_until"));
        let retired = call(
            &d.app,
            json_req(
                "PUT",
                &format!("/api/v1/hotline/agencies/{id}"),
                &admin,
                r#"{"name":"API agency","licence_number":"API-1","valid_from":"2025-02-01","status":"suspended","city":"Минск","countries":["DE"],"retired":true}"#,
            ),
        )
        .await;
        assert_eq!(retired.status, StatusCode::OK, "{}", retired.body);
        assert_eq!(retired.json()["retired"], true);
        assert_eq!(retired.json()["verdict"], "suspended");

        let contact = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/hotline/contacts",
                &admin,
                r#"{"country":"IT","kind":"consulate","name":"API consulate","email":"it@example.org"}"#,
            ),
        )
        .await;
        assert_eq!(contact.status, StatusCode::CREATED, "{}", contact.body);

        // A consultation logged through the API keeps the sign codes.
        let logged = call(
            &d.app,
            json_req(
                "POST",
                "/api/v1/hotline/consultations",
                &t,
                r#"{"channel":"NationalLine","topics":["EmploymentAbroad"],"question":"Fee for a job in Italy","outcome":"InformationGiven","indicators":["JO-CR-M2"]}"#,
            ),
        )
        .await;
        assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);
        assert_eq!(logged.json()["indicators"][0], "JO-CR-M2");
    });
}
