//! The rehabilitation centre through the real router: planning a shift, admitting from a case
//! with the rules explained when broken, the waiting list, the plan, sealed notes, discharge,
//! the calendar, the day view, statistics, the API and who may do what.

use super::*;
use mayak_store::rehab;

async fn rehab_setup(store: &Store) -> (Demo, String, i64, Vec<rehab::Referred>) {
    let d = demo(store).await;
    let token = token_for(store, "rehab").await;
    let org = mayak_store::orgs::organisation_by_slug(store, "iom-rehabilitation-centre")
        .await
        .unwrap();
    let centre = rehab::centres(store)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.organisation_id == org.id)
        .unwrap();
    let referred = rehab::referred(store, org.id).await.unwrap();
    (d, token, centre.id, referred)
}

fn body_has(a: &Answer, text: &str) {
    assert!(
        a.body.contains(text),
        "expected {text:?} in the page (status {}):\n{}",
        a.status,
        &a.body[..a.body.len().min(6000)]
    );
}

#[tokio::test]
async fn staff_plan_a_womens_shift_admit_refuse_and_discharge() {
    each_backend!(|db| {
        let (d, t, centre, referred) = rehab_setup(&db.store).await;
        let today = d.clock.now().date();
        let page = get_as(&d.app, "/rehab?lang=en", &t).await;
        assert_eq!(page.status, StatusCode::OK);
        body_has(&page, "Referred for a stay");
        for r in &referred {
            body_has(&page, &r.code);
        }
        // A capacity above the beds is refused beside the field.
        let too_many = call(
            &d.app,
            form_post(
                "/rehab/shifts",
                &t,
                &[
                    ("centre", &centre.to_string()),
                    ("kind", "Women"),
                    ("starts_on", &today.to_string()),
                    ("ends_on", &(today + time::Duration::days(21)).to_string()),
                    ("capacity", "99"),
                ],
            ),
        )
        .await;
        assert_eq!(too_many.status, StatusCode::OK);
        body_has(&too_many, "More than the centre");
        let planned = call(
            &d.app,
            form_post(
                "/rehab/shifts",
                &t,
                &[
                    ("centre", &centre.to_string()),
                    ("kind", "Women"),
                    ("starts_on", &today.to_string()),
                    ("ends_on", &(today + time::Duration::days(21)).to_string()),
                    ("capacity", "3"),
                ],
            ),
        )
        .await;
        assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.body);
        let shift: i64 = location(&planned)
            .trim_start_matches("/rehab/shifts/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();

        let woman = referred
            .iter()
            .find(|r| r.sex == "Female" && r.accompanying == 0)
            .unwrap();
        let mother = referred
            .iter()
            .find(|r| r.sex == "Female" && r.accompanying > 0)
            .unwrap();
        let man = referred.iter().find(|r| r.sex == "Male").unwrap();
        let form = get_as(
            &d.app,
            &format!("/rehab/shifts/{shift}/admit?case={}&lang=en", woman.code),
            &t,
        )
        .await;
        assert_eq!(form.status, StatusCode::OK);
        body_has(&form, "Who comes");
        let unknown = get_as(
            &d.app,
            &format!("/rehab/shifts/{shift}/admit?case=XX-1999-00001&lang=en"),
            &t,
        )
        .await;
        body_has(&unknown, "There is no case with this code");

        let admit = |code: &str, occupants: Vec<String>| {
            let mut pairs: Vec<(String, String)> = vec![
                ("case".into(), code.to_owned()),
                ("planned_from".into(), today.to_string()),
                (
                    "planned_to".into(),
                    (today + time::Duration::days(14)).to_string(),
                ),
                ("arrived".into(), "1".into()),
            ];
            pairs.extend(occupants.into_iter().map(|o| ("occupant".to_owned(), o)));
            pairs
        };
        let post = |pairs: Vec<(String, String)>| {
            let refs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            form_post(&format!("/rehab/shifts/{shift}/admissions"), &t, &refs)
        };
        let ok = call(&d.app, post(admit(&woman.code, vec!["self".into()]))).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        assert!(location(&ok).ends_with("notice=admitted"));

        let refused = call(&d.app, post(admit(&man.code, vec!["self".into()]))).await;
        assert_eq!(refused.status, StatusCode::OK);
        body_has(
            &refused,
            "This is a women&#39;s shift: a man cannot be admitted to it.",
        );

        let child = mayak_store::casework::relatives(&db.store, mother.case_id)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.relation == "Child")
            .unwrap();
        let alone = call(
            &d.app,
            post(admit(&mother.code, vec![format!("rel-{}", child.id)])),
        )
        .await;
        assert_eq!(alone.status, StatusCode::OK);
        body_has(
            &alone,
            "A child is admitted only with an accompanying parent or legal representative",
        );
        let together = call(
            &d.app,
            post(admit(
                &mother.code,
                vec!["self".into(), format!("rel-{}", child.id)],
            )),
        )
        .await;
        // A son over 13 could not stay in a women's shift; the demo's accompanying children are younger.
        assert_eq!(together.status, StatusCode::SEE_OTHER, "{}", together.body);

        // The shift is now full (capacity 3): the next is offered the waiting list.
        let other = referred
            .iter()
            .filter(|r| r.sex == "Female" && r.accompanying == 0)
            .nth(1)
            .unwrap();
        let full = call(&d.app, post(admit(&other.code, vec!["self".into()]))).await;
        body_has(&full, "The shift is full");
        body_has(&full, "Put on the waiting list");
        let mut wait = admit(&other.code, vec!["self".into()]);
        wait.push(("waiting_list".into(), "1".into()));
        let waiting = call(&d.app, post(wait)).await;
        assert!(
            location(&waiting).ends_with("notice=waiting"),
            "{}",
            waiting.body
        );
        let shift_page = get_as(&d.app, &format!("/rehab/shifts/{shift}?lang=en"), &t).await;
        body_has(&shift_page, &other.code);
        body_has(&shift_page, "Waiting list");

        // The woman's stay: plan, session, note, discharge with the review.
        let stays = rehab::stays_of_shift(&db.store, shift).await.unwrap();
        let hers = stays.iter().find(|s| s.case_code == woman.code).unwrap().id;
        let r = call(
            &d.app,
            form_post(
                &format!("/rehab/stays/{hers}/plan"),
                &t,
                &[
                    ("kind", "SocioPsychological"),
                    ("goal", "Спать без тревоги"),
                    ("activities", "Психолог"),
                ],
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let staff = auth::account_by_login(&db.store, "rehab")
            .await
            .unwrap()
            .unwrap()
            .user
            .id
            .to_string();
        let r = call(
            &d.app,
            form_post(
                &format!("/rehab/stays/{hers}/sessions"),
                &t,
                &[
                    ("session_kind", "SocioPsychological"),
                    ("held_on", &today.to_string()),
                    ("held_by", &staff),
                    ("minutes", "60"),
                    ("topic", "Знакомство"),
                ],
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = call(
            &d.app,
            form_post(
                &format!("/rehab/stays/{hers}/notes"),
                &t,
                &[("note", "Говорили о сне"), ("participation", "")],
            ),
        )
        .await;
        body_has(&r, "Say how the person took part");
        let r = call(
            &d.app,
            form_post(
                &format!("/rehab/stays/{hers}/notes"),
                &t,
                &[("note", "Говорили о сне"), ("participation", "CoWritten")],
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = get_as(&d.app, &format!("/rehab/stays/{hers}?lang=en"), &t).await;
        body_has(&page, "Говорили о сне");
        body_has(&page, "Спать без тревоги");
        let reads = mayak_store::audit::recent(&db.store, Some("rehab.notes.read"), 10)
            .await
            .unwrap();
        assert!(!reads.is_empty(), "reading the notes is recorded");
        let no_review = call(
            &d.app,
            form_post(
                &format!("/rehab/stays/{hers}/discharge"),
                &t,
                &[
                    ("left_on", &today.to_string()),
                    ("reason", "ProgrammeCompleted"),
                    ("destination", "Relatives"),
                    ("summary", "Готова"),
                ],
            ),
        )
        .await;
        assert_eq!(no_review.status, StatusCode::OK);
        let r = call(
            &d.app,
            form_post(
                &format!("/rehab/stays/{hers}/discharge"),
                &t,
                &[
                    ("left_on", &today.to_string()),
                    ("reason", "ProgrammeCompleted"),
                    ("destination", "Relatives"),
                    ("outcome_SocioPsychological", "Achieved"),
                    ("summary", "Готова жить у сестры"),
                ],
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // The mother leaves and her child with her.
        let mothers = stays
            .iter()
            .find(|s| s.case_code == mother.code && !s.child)
            .unwrap()
            .id;
        let r = call(
            &d.app,
            form_post(
                &format!("/rehab/stays/{mothers}/discharge"),
                &t,
                &[
                    ("left_on", &today.to_string()),
                    ("reason", "OwnDecision"),
                    ("destination", "Home"),
                    ("summary", "Уехала домой с дочерью"),
                ],
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let after = rehab::stays_of_shift(&db.store, shift).await.unwrap();
        assert!(
            after
                .iter()
                .filter(|s| s.case_code == mother.code)
                .all(|s| s.status.code() == "Discharged")
        );

        // Calendar and day view show case codes, never names.
        let cal = get_as(
            &d.app,
            &format!("/rehab/calendar?centre={centre}&lang=en"),
            &t,
        )
        .await;
        assert_eq!(cal.status, StatusCode::OK);
        assert!(cal.body.contains("<code>") && cal.body.contains("colspan"));
        let dayv = get_as(&d.app, &format!("/rehab/day?centre={centre}&lang=en"), &t).await;
        body_has(&dayv, "Beds tonight");
        body_has(&dayv, &woman.code);
        let stats = get_as(&d.app, "/rehab/stats?lang=en", &t).await;
        body_has(&stats, "<svg");
        body_has(&stats, "Bed-nights by month");
        body_has(&stats, "Women&#39;s shift");
    });
}

#[tokio::test]
async fn the_rehabilitation_api_admits_by_the_same_rules() {
    each_backend!(|db| {
        let (d, t, centre, referred) = rehab_setup(&db.store).await;
        let today = d.clock.now().date();
        let r = get_as(&d.app, "/api/v1/rehabilitation/centres", &t).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.json().as_array().unwrap().len() >= 2);
        let body = serde_json::json!({"centre_id": centre, "kind": "Men", "starts_on": today, "ends_on": today + time::Duration::days(20), "capacity": 2}).to_string();
        let r = call(
            &d.app,
            json_req("POST", "/api/v1/rehabilitation/shifts", &t, &body),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let shift = r.json()["id"].as_i64().unwrap();
        let woman = referred.iter().find(|r| r.sex == "Female").unwrap();
        let man = referred.iter().find(|r| r.sex == "Male").unwrap();
        let admission = |code: &str| {
            serde_json::json!({"case_code": code, "occupants": [{}], "planned_from": today, "planned_to": today + time::Duration::days(10)}).to_string()
        };
        let r = call(
            &d.app,
            json_req(
                "POST",
                &format!("/api/v1/rehabilitation/shifts/{shift}/admissions"),
                &t,
                &admission(&woman.code),
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["errors"][0]["code"], "shift_men_only");
        assert!(
            r.json()["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("men's shift")
        );
        let r = call(
            &d.app,
            json_req(
                "POST",
                &format!("/api/v1/rehabilitation/shifts/{shift}/admissions"),
                &t,
                &admission(&man.code),
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let stay = r.json()["group_stay_id"].as_i64().unwrap();
        let r = get_as(
            &d.app,
            &format!("/api/v1/rehabilitation/shifts/{shift}"),
            &t,
        )
        .await;
        assert_eq!(r.json()["stays"][0]["case_code"], man.code.as_str());
        assert!(!r.body.contains("family_name"), "by case code only");
        let item =
            serde_json::json!({"kind": "Professional", "goal": "Курсы сварщика"}).to_string();
        let r = call(
            &d.app,
            json_req(
                "POST",
                &format!("/api/v1/rehabilitation/stays/{stay}/plan"),
                &t,
                &item,
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = get_as(
            &d.app,
            &format!("/api/v1/rehabilitation/stays/{stay}/plan"),
            &t,
        )
        .await;
        assert_eq!(r.json()["items"][0]["kind"], "Professional");
        let out = serde_json::json!({"left_on": today, "reason": "ProgrammeCompleted", "destination": "Home", "summary": "Едет домой"}).to_string();
        let r = call(
            &d.app,
            json_req(
                "POST",
                &format!("/api/v1/rehabilitation/stays/{stay}/discharge"),
                &t,
                &out,
            ),
        )
        .await;
        // Planned, not arrived: refused.
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let r = get_as(&d.app, "/api/v1/rehabilitation/stats", &t).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.json()["total"]["bed_nights"].as_i64().unwrap() > 100);
        assert!(
            r.json()["by_shift_kind"]["Women"]["stays"]
                .as_i64()
                .unwrap()
                > 0
        );
        let r = get_as(
            &d.app,
            "/api/v1/rehabilitation/stats?from=2026-03-01&to=2026-01-01",
            &t,
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    });
}

#[tokio::test]
async fn who_reaches_the_rehabilitation_centre() {
    let db = mayak_testkit::sqlite().await;
    let (d, _, _, _) = rehab_setup(&db.store).await;
    let analyst = token_for(&db.store, "analyst").await;
    assert_eq!(
        get_as(&d.app, "/rehab/stats", &analyst).await.status,
        StatusCode::OK
    );
    assert_eq!(
        get_as(&d.app, "/rehab", &analyst).await.status,
        StatusCode::FORBIDDEN
    );
    let partner = token_for(&db.store, "partner").await;
    assert_eq!(
        get_as(&d.app, "/rehab/day", &partner).await.status,
        StatusCode::FORBIDDEN
    );
    let cm = token_for(&db.store, "casemanager").await;
    assert_eq!(
        get_as(&d.app, "/rehab/calendar", &cm).await.status,
        StatusCode::OK
    );
    let s = rehab::shifts(
        &db.store,
        None,
        time::macros::date!(2025 - 01 - 01),
        time::macros::date!(2027 - 01 - 01),
    )
    .await
    .unwrap();
    assert_eq!(
        get_as(
            &d.app,
            &format!("/rehab/shifts/{}/admit?case=X", s[0].id),
            &cm
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Stay pages show sealed notes: a stay of another centre's organisation does not exist for
    // staff elsewhere, and a case manager may not open it at all.
    let stay = rehab::stays_of_shift(&db.store, s[0].id).await.unwrap()[0].id;
    assert_eq!(
        get_as(&d.app, &format!("/rehab/stays/{stay}"), &cm)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    db.cleanup().await;
}

#[test]
fn every_rehabilitation_message_exists_in_every_language() {
    use mayak_domain::rehab::*;
    let catalogs = Catalogs::load().unwrap();
    let mut keys: Vec<String> = Vec::new();
    keys.extend(
        StayStatus::ALL
            .iter()
            .map(|c| format!("rehab-status-{}", c.code())),
    );
    keys.extend(
        DischargeReason::ALL
            .iter()
            .map(|c| format!("rehab-reason-{}", c.code())),
    );
    keys.extend(
        Destination::ALL
            .iter()
            .map(|c| format!("rehab-destination-{}", c.code())),
    );
    keys.extend(
        GoalStatus::ALL
            .iter()
            .map(|c| format!("rehab-goal-{}", c.code())),
    );
    keys.extend(
        Participation::ALL
            .iter()
            .map(|c| format!("rehab-participation-{}", c.code())),
    );
    keys.extend(
        CitizenshipKind::ALL
            .iter()
            .map(|c| format!("rehab-citizenship-{}", c.code())),
    );
    keys.extend(
        ShiftKind::ALL
            .iter()
            .map(|c| format!("rehab-rule-{}", c.code())),
    );
    for n in [
        "centre-added",
        "room-added",
        "shift-planned",
        "admitted",
        "planned",
        "waiting",
        "arrived",
        "cancelled",
        "placed",
        "plan-added",
        "plan-updated",
        "session-added",
        "note-added",
        "discharged",
    ] {
        keys.push(format!("rehab-notice-{n}"));
    }
    for e in [
        "admitted",
        "waiting",
        "arrived",
        "cancelled",
        "discharged",
        "plan",
        "session",
        "note",
    ] {
        keys.push(format!("event-rehab-{e}"));
    }
    for (lang, _) in i18n::SOURCES {
        for k in &keys {
            assert!(catalogs.has(lang, k), "{} lacks {k}", lang.code());
        }
    }
}

#[tokio::test]
async fn the_openapi_examples_of_rehabilitation_requests_are_real_requests() {
    let db = mayak_testkit::sqlite().await;
    let (d, t, centre, referred) = rehab_setup(&db.store).await;
    let today = d.clock.now().date();
    let doc = get(&d.app, "/api/v1/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    for name in [
        "NewShift",
        "AdmissionRequest",
        "DischargeRequest",
        "PlanItemRequest",
    ] {
        assert!(
            schemas[name]["example"].is_object(),
            "{name} has no example"
        );
    }
    // Ids and dates are made to point at real records and at the test's today.
    let mut shift = schemas["NewShift"]["example"].clone();
    shift["centre_id"] = centre.into();
    shift["starts_on"] = today.to_string().into();
    shift["ends_on"] = (today + time::Duration::days(21)).to_string().into();
    let r = call(
        &d.app,
        json_req(
            "POST",
            "/api/v1/rehabilitation/shifts",
            &t,
            &shift.to_string(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let shift_id = r.json()["id"].as_i64().unwrap();
    let mother = referred
        .iter()
        .find(|r| r.sex == "Female" && r.accompanying > 0)
        .unwrap();
    let child = mayak_store::casework::relatives(&db.store, mother.case_id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.relation == "Child")
        .unwrap();
    let mut admission = schemas["AdmissionRequest"]["example"].clone();
    admission["case_code"] = mother.code.clone().into();
    admission["occupants"][1]["relative_id"] = child.id.into();
    admission["planned_from"] = today.to_string().into();
    admission["planned_to"] = (today + time::Duration::days(14)).to_string().into();
    admission["arrived"] = true.into();
    let r = call(
        &d.app,
        json_req(
            "POST",
            &format!("/api/v1/rehabilitation/shifts/{shift_id}/admissions"),
            &t,
            &admission.to_string(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["stays"].as_array().unwrap().len(), 2);
    let stay = r.json()["group_stay_id"].as_i64().unwrap();
    let item = schemas["PlanItemRequest"]["example"].to_string();
    let r = call(
        &d.app,
        json_req(
            "POST",
            &format!("/api/v1/rehabilitation/stays/{stay}/plan"),
            &t,
            &item,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let mut out = schemas["DischargeRequest"]["example"].clone();
    out["left_on"] = today.to_string().into();
    let r = call(
        &d.app,
        json_req(
            "POST",
            &format!("/api/v1/rehabilitation/stays/{stay}/discharge"),
            &t,
            &out.to_string(),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json()["stays"].as_array().unwrap().len(),
        2,
        "the child leaves with her mother"
    );
    db.cleanup().await;
}
