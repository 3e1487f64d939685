//! The National Referral Mechanism through the API and the pages: suggestions, the consent
//! rule and the supervisor's override, what the receiver sees, every move of the state machine
//! from the right side only, services flowing back to the case, the inbox, group members.

use super::*;

pub(super) async fn org_id(store: &Store, slug: &str) -> i64 {
    mayak_store::orgs::organisation_by_slug(store, slug)
        .await
        .unwrap()
        .id
}

pub(super) async fn post_json(app: &axum::Router, uri: &str, token: &str, body: &str) -> Answer {
    call(app, json_req("POST", uri, token, body)).await
}

/// Registers a case in Gomel region through the API as `login`; returns its id.
pub(super) async fn gomel_case(
    app: &axum::Router,
    token: &str,
    family: &str,
    document: &str,
) -> i64 {
    let body = serde_json::json!({
        "region": "BY-HO",
        "sex": "Female",
        "exploitation_type": "ForcedLabour",
        "person": {
            "family_name": family,
            "given_names": "Алина",
            "birth_date": "1998-04-02",
            "citizenships": ["BY"],
            "documents": [{"doc_type": "Passport", "number": document}],
            "phones": ["+375 29 555-44-33"]
        }
    });
    let a = post_json(app, "/api/v1/cases", token, &body.to_string()).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.json()["id"].as_i64().unwrap()
}

pub(super) async fn consent_to(app: &axum::Router, token: &str, case: i64, org: i64, today: &str) {
    let body = serde_json::json!({
        "purpose": "Referral", "organisation_id": org, "given_by": "person",
        "form": "SignedPaper", "given_on": today,
    });
    let a = post_json(
        app,
        &format!("/api/v1/cases/{case}/consents"),
        token,
        &body.to_string(),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
}

#[tokio::test]
async fn a_referral_goes_from_consent_to_completion_and_the_receiver_sees_only_its_part() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let partner = token_for(&db.store, "partner").await;
        let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
        let today = d.clock.now().date().to_string();
        let id = gomel_case(&d.app, &cm, "Лисовская-Тест", "AE7000007").await;

        // Suggestions: partners offering the service in Gomel region first, then neighbours.
        let s = get_as(
            &d.app,
            &format!("/api/v1/cases/{id}/referral-suggestions?services=Psychological,Shelter"),
            &cm,
        )
        .await
        .json();
        let s = s.as_array().unwrap();
        assert_eq!(
            s[0]["organisation_id"], open_doors,
            "offers both, in the region: {s:?}"
        );
        assert_eq!(s[0]["nearness"], "same_region");
        let first_neighbour = s
            .iter()
            .position(|x| x["nearness"] == "neighbouring")
            .unwrap();
        assert!(
            s[..first_neighbour]
                .iter()
                .all(|x| x["nearness"] == "same_region")
        );
        assert!(
            s.iter()
                .all(|x| x["nearness"] == "same_region" || x["nearness"] == "neighbouring")
        );

        // Without consent: refused, naming the organisation and the missing consent.
        let send = serde_json::json!({
            "to_organisation_id": open_doors,
            "services": ["Psychological"],
            "disclosure": "needs_and_contacts",
        })
        .to_string();
        let refused = post_json(&d.app, &format!("/api/v1/cases/{id}/referrals"), &cm, &send).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
        let err = &refused.json()["errors"][0];
        assert_eq!(err["code"], "consent_missing");
        assert_eq!(err["field"], "to_organisation_id");
        let msg = err["message"].as_str().unwrap();
        assert!(
            msg.contains("Missing consent") && msg.contains("NGO Open Doors"),
            "{msg}"
        );
        // A case manager cannot override it.
        let overridden = serde_json::json!({
            "to_organisation_id": open_doors, "services": ["Psychological"],
            "override_reason": "urgent",
        })
        .to_string();
        let a = post_json(
            &d.app,
            &format!("/api/v1/cases/{id}/referrals"),
            &cm,
            &overridden,
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.json()["errors"][0]["code"], "override_not_allowed");
        // Bad fields are named.
        let bad = serde_json::json!({
            "to_organisation_id": open_doors, "services": ["NoSuchService"], "disclosure": "everything",
            "accept_due_on": "2000-01-01",
        })
        .to_string();
        let a = post_json(&d.app, &format!("/api/v1/cases/{id}/referrals"), &cm, &bad).await;
        let fields: BTreeSet<String> = a.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        for f in [
            "services",
            "disclosure",
            "accept_due_on",
            "to_organisation_id",
        ] {
            assert!(fields.contains(f), "{f}: {fields:?}");
        }

        consent_to(&d.app, &cm, id, open_doors, &today).await;
        let sent = post_json(&d.app, &format!("/api/v1/cases/{id}/referrals"), &cm, &send).await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
        let rid = sent.json()["id"].as_i64().unwrap();
        // The requested service is on the case, planned, by the receiver.
        let services = mayak_store::cases::services(&db.store, id).await.unwrap();
        assert_eq!(services.len(), 1);
        assert_eq!(services[0].provider_organisation_id, open_doors);
        assert_eq!(services[0].status.code(), "Planned");

        // The partner finds it among its incoming referrals, and reaches the case: before
        // accepting, the needs only.
        let incoming = get_as(&d.app, "/api/v1/referrals?direction=incoming", &partner)
            .await
            .json();
        assert!(
            incoming
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["id"] == rid && r["state"] == "sent")
        );
        let outgoing = get_as(&d.app, "/api/v1/referrals?direction=outgoing", &partner)
            .await
            .json();
        assert!(!outgoing.as_array().unwrap().iter().any(|r| r["id"] == rid));
        let case = get_as(&d.app, &format!("/api/v1/cases/{id}"), &partner).await;
        assert_eq!(case.status, StatusCode::OK);
        assert!(case.json()["person"].is_null(), "not yet accepted");
        // Moves belong to their side and state.
        let early = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/complete"),
            &partner,
            "",
        )
        .await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
        let wrong = post_json(&d.app, &format!("/api/v1/referrals/{rid}/accept"), &cm, "").await;
        assert_eq!(
            wrong.status,
            StatusCode::CONFLICT,
            "the sender cannot accept"
        );
        let no_reason = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/decline"),
            &partner,
            "{}",
        )
        .await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(no_reason.json()["errors"][0]["field"], "decline_reason");
        let supervisor = token_for(&db.store, "supervisor").await;
        assert_eq!(
            get_as(&d.app, &format!("/api/v1/referrals/{rid}"), &supervisor)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "neither side: it does not exist for them"
        );

        let accepted = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/accept"),
            &partner,
            "",
        )
        .await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
        assert_eq!(accepted.json()["state"], "accepted");
        // Needs and contacts: the name and phone, not the documents or the birth date.
        let person = get_as(&d.app, &format!("/api/v1/cases/{id}"), &partner)
            .await
            .json()["person"]
            .clone();
        assert_eq!(person["family_name"], "Лисовская-Тест");
        assert_eq!(person["phones"][0], "+375 29 555-44-33");
        assert!(
            person["birth_date"].is_null() && person["documents"].as_array().unwrap().is_empty()
        );
        let page = get_as(&d.app, &format!("/cases/{id}"), &partner).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Лисовская-Тест"));
        assert!(!page.body.contains("AE7000007") && !page.body.contains("1998-04-02"));
        assert!(
            !page.body.contains("id=\"timeline-h\"") && !page.body.contains("id=\"consent-h\"")
        );
        // The case manager still sees everything.
        let own = get_as(&d.app, &format!("/cases/{id}"), &cm).await;
        assert!(own.body.contains("AE7000007") && own.body.contains("id=\"case-referrals\""));

        // The receiver starts, adds a service of its own, writes a note, and completes.
        let started = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/start"),
            &partner,
            "",
        )
        .await;
        assert_eq!(started.json()["state"], "in_progress");
        let a = call(
            &d.app,
            form_post(
                &format!("/referrals/{rid}/services"),
                &partner,
                &[("service_type", "Consultation")],
            ),
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
        let a = call(
            &d.app,
            form_post(
                &format!("/referrals/{rid}/notes"),
                &partner,
                &[("text", "Первая встреча прошла")],
            ),
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        let done = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/complete"),
            &partner,
            r#"{"note": "Курс консультаций пройден"}"#,
        )
        .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.json()["state"], "completed");
        // The services on the case are completed, with the outcome, and the note flows back.
        let services = mayak_store::cases::services(&db.store, id).await.unwrap();
        assert_eq!(services.len(), 2);
        assert!(services.iter().all(|s| s.status.code() == "Completed"
            && s.provider_organisation_id == open_doors
            && s.outcome.as_deref() == Some("Курс консультаций пройден")));
        let referral_page = get_as(&d.app, &format!("/referrals/{rid}"), &cm).await;
        assert!(referral_page.body.contains("Первая встреча прошла"));
        let reads = mayak_store::audit::recent(&db.store, Some("referral.notes.read"), 10)
            .await
            .unwrap();
        assert!(!reads.is_empty(), "reading the notes is recorded");
        let timeline = mayak_store::cases::timeline(&db.store, id).await.unwrap();
        for kind in [
            "referral.sent",
            "referral.accepted",
            "referral.in_progress",
            "referral.completed",
        ] {
            assert!(timeline.iter().any(|e| e.kind == kind), "{kind}");
        }
        // Nothing more can happen to it.
        let again = post_json(&d.app, &format!("/api/v1/referrals/{rid}/cancel"), &cm, "").await;
        assert_eq!(again.status, StatusCode::CONFLICT);
    });
}

#[tokio::test]
async fn a_supervisor_overrides_missing_consent_with_a_reason_flagged_for_review() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let sup = token_for(&db.store, "supervisor").await;
        let partner = token_for(&db.store, "partner").await;
        let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
        let id = gomel_case(&d.app, &sup, "Override-Тест", "AE7100007").await;
        let body = serde_json::json!({
            "to_organisation_id": open_doors, "services": ["Shelter"], "disclosure": "full_assessment",
            "override_reason": "Ночью в опасности, согласие утром",
        })
        .to_string();
        let a = post_json(
            &d.app,
            &format!("/api/v1/cases/{id}/referrals"),
            &sup,
            &body,
        )
        .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        let rid = a.json()["id"].as_i64().unwrap();
        let flagged = mayak_store::audit::recent(&db.store, Some("referral.sent"), 10)
            .await
            .unwrap();
        let e = flagged
            .iter()
            .find(|e| e.record_id.as_deref() == Some(&rid.to_string()))
            .unwrap();
        assert_eq!(e.outcome, "flagged");
        assert_eq!(
            e.reason.as_deref(),
            Some("Ночью в опасности, согласие утром")
        );
        // The receiver accepts but sees nothing identifying or sensitive without consent.
        let r = get_as(&d.app, &format!("/api/v1/referrals/{rid}"), &partner)
            .await
            .json();
        assert_eq!(r["consent_overridden"], true);
        assert!(
            r["override_reason"].is_null(),
            "the reason stays with the sender"
        );
        post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/accept"),
            &partner,
            "",
        )
        .await;
        assert!(
            get_as(&d.app, &format!("/api/v1/cases/{id}"), &partner)
                .await
                .json()["person"]
                .is_null()
        );
        let page = get_as(&d.app, &format!("/cases/{id}"), &partner).await;
        assert!(!page.body.contains("Override-Тест") && !page.body.contains("id=\"profile-h\""));
        // Auditors review it.
        let auditor = token_for(&db.store, "auditor").await;
        let list = get_as(&d.app, "/referrals/overrides", &auditor).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Ночью в опасности"));
        let a = call(
            &d.app,
            form_post(&format!("/referrals/{rid}/review"), &auditor, &[]),
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        let all = mayak_store::referrals::overrides(&db.store).await.unwrap();
        assert!(
            all.iter()
                .find(|r| r.id == rid)
                .unwrap()
                .override_reviewed_by
                .is_some()
        );
    });
}

#[tokio::test]
async fn declines_cancels_transfers_and_overdue_referrals_show_on_both_sides() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let partner = token_for(&db.store, "partner").await;
        let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
        let today = d.clock.now().date().to_string();

        // Declined with a reason: the planned service is cancelled and the partner loses the case.
        let id = gomel_case(&d.app, &cm, "Decline-Тест", "AE7200007").await;
        consent_to(&d.app, &cm, id, open_doors, &today).await;
        let send = serde_json::json!({"to_organisation_id": open_doors, "services": ["Legal"]})
            .to_string();
        let rid = post_json(&d.app, &format!("/api/v1/cases/{id}/referrals"), &cm, &send)
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let a = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/decline"),
            &partner,
            r#"{"decline_reason": "no_capacity"}"#,
        )
        .await;
        assert_eq!(a.json()["state"], "declined");
        assert_eq!(a.json()["decline_reason"], "no_capacity");
        assert_eq!(
            mayak_store::cases::services(&db.store, id).await.unwrap()[0]
                .status
                .code(),
            "Cancelled"
        );
        assert_eq!(
            get_as(&d.app, &format!("/api/v1/cases/{id}"), &partner)
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // Cancelled by the sender (the receiver cannot cancel).
        let rid = post_json(&d.app, &format!("/api/v1/cases/{id}/referrals"), &cm, &send)
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        assert_eq!(
            post_json(
                &d.app,
                &format!("/api/v1/referrals/{rid}/cancel"),
                &partner,
                ""
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let a = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/cancel"),
            &cm,
            r#"{"note": "the person moved"}"#,
        )
        .await;
        assert_eq!(a.json()["state"], "cancelled");

        // A transfer of the case lead, accepted by the receiver: it now leads the case.
        let transfer =
            serde_json::json!({"kind": "transfer", "to_organisation_id": open_doors}).to_string();
        let rid = post_json(
            &d.app,
            &format!("/api/v1/cases/{id}/referrals"),
            &cm,
            &transfer,
        )
        .await
        .json()["id"]
            .as_i64()
            .unwrap();
        let inbox = get_as(&d.app, "/referrals", &partner).await;
        assert!(inbox.body.contains(&format!("href=\"/referrals/{rid}\"")));
        let a = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/accept"),
            &partner,
            "",
        )
        .await;
        assert_eq!(a.json()["state"], "completed");
        let c = mayak_store::cases::get(&db.store, id).await.unwrap();
        assert_eq!(c.lead_organisation_id, open_doors);
        assert_eq!(
            c.assigned_to, None,
            "a manager of the new lead is assigned next"
        );

        // Overdue: a referral still waiting after its acceptance date shows on both sides.
        let id = gomel_case(&d.app, &cm, "Overdue-Тест", "AE7300007").await;
        consent_to(&d.app, &cm, id, open_doors, &today).await;
        let rid = post_json(&d.app, &format!("/api/v1/cases/{id}/referrals"), &cm, &send)
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        assert!(
            get_as(&d.app, &format!("/api/v1/referrals/{rid}"), &cm)
                .await
                .json()["overdue"]
                .is_null()
        );
        d.clock.advance(time::Duration::days(4));
        // Tokens for after the jump in time.
        let cm = token_for_hours(&db.store, "casemanager", 24 * 10).await;
        let partner = token_for_hours(&db.store, "partner", 24 * 10).await;
        for t in [&cm, &partner] {
            let r = get_as(&d.app, &format!("/api/v1/referrals/{rid}"), t)
                .await
                .json();
            assert_eq!(r["overdue"], "acceptance");
            let page = get_as(&d.app, "/referrals?lang=en", t).await;
            assert!(page.body.contains("acceptance overdue"));
        }
        let page = get_as(&d.app, &format!("/referrals/{rid}?lang=en"), &partner).await;
        assert!(page.body.contains("id=\"referral-overdue\""));
    });
}

#[tokio::test]
async fn the_referral_form_suggests_partners_and_names_the_missing_consent() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
        let id = gomel_case(&d.app, &cm, "Form-Тест", "AE7400007").await;
        let form = get_as(
            &d.app,
            &format!("/cases/{id}/referrals/new?service=Psychological&lang=en"),
            &cm,
        )
        .await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("id=\"suggestions\"") && form.body.contains("NGO Open Doors"));
        let a = call(
            &d.app,
            form_post(
                &format!("/cases/{id}/referrals"),
                &cm,
                &[
                    ("service", "Psychological"),
                    ("to_organisation_id", &open_doors.to_string()),
                    ("disclosure", "needs_only"),
                ],
            ),
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            a.body.contains(
                "Missing consent: the person has not agreed to be referred to NGO Open Doors"
            ),
            "{}",
            a.body
        );
        // The partner caseworker cannot send referrals; the analyst sees no referral.
        let partner = token_for(&db.store, "partner").await;
        assert_eq!(
            get_as(&d.app, &format!("/cases/{id}/referrals/new"), &partner)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let analyst = token_for(&db.store, "analyst").await;
        assert_eq!(
            get_as(&d.app, "/api/v1/referrals", &analyst).await.status,
            StatusCode::FORBIDDEN
        );
    });
}

#[tokio::test]
async fn group_members_reach_the_cases_their_meetings_discussed_by_code_only() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let mdg = token_for(&db.store, "mdg").await;
        let list = get_as(&d.app, "/api/v1/cases?limit=500", &mdg).await.json();
        let list = list.as_array().unwrap();
        assert!(!list.is_empty(), "the demo meetings discussed Gomel cases");
        for c in list {
            assert_eq!(
                c["region"], "BY-HO",
                "only the region of the member's group"
            );
            let id = c["id"].as_i64().unwrap();
            assert!(
                mayak_store::groups::discussed(&db.store, id, "BY-HO")
                    .await
                    .unwrap()
            );
            let one = get_as(&d.app, &format!("/api/v1/cases/{id}"), &mdg).await;
            assert_eq!(one.status, StatusCode::OK);
            assert!(one.json()["person"].is_null());
        }
        let id = list[0]["id"].as_i64().unwrap();
        let page = get_as(&d.app, &format!("/cases/{id}"), &mdg).await;
        assert!(page.body.contains("id=\"needs-h\"") && !page.body.contains("id=\"plan-h\""));
        // Demo referrals exist in every state.
        let all = mayak_store::referrals::all(&db.store).await.unwrap();
        for s in mayak_domain::referral::ReferralState::ALL {
            assert!(all.iter().any(|r| r.state == *s), "{s:?}");
        }
        assert!(all.iter().any(|r| r.override_reason.is_some()));
        assert!(
            all.iter()
                .any(|r| r.kind == mayak_domain::referral::ReferralKind::Transfer)
        );
    });
}

#[tokio::test]
async fn the_openapi_examples_of_referral_requests_are_real_requests() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let cm = token_for(&db.store, "casemanager").await;
    let partner = token_for(&db.store, "partner").await;
    let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
    let doc = get(&d.app, "/api/v1/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    for p in [
        "/api/v1/cases/{id}/referrals",
        "/api/v1/referrals",
        "/api/v1/referrals/{id}/accept",
        "/api/v1/referrals/{id}/decline",
        "/api/v1/referrals/{id}/complete",
        "/api/v1/referrals/{id}/cancel",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} is not documented");
    }
    let id = gomel_case(&d.app, &cm, "Example-Тест", "AE7500007").await;
    consent_to(
        &d.app,
        &cm,
        id,
        open_doors,
        &d.clock.now().date().to_string(),
    )
    .await;
    // The example's organisation id is the reader's to choose; the dates are the example's own
    // unless they have passed.
    let mut send = schemas["ReferralRequest"]["example"].clone();
    send["to_organisation_id"] = open_doors.into();
    send.as_object_mut().unwrap().remove("accept_due_on");
    send.as_object_mut().unwrap().remove("complete_due_on");
    let a = post_json(
        &d.app,
        &format!("/api/v1/cases/{id}/referrals"),
        &cm,
        &send.to_string(),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let rid = a.json()["id"].as_i64().unwrap();
    let step = schemas["MoveRequest"]["example"].to_string();
    for action in ["accept", "complete"] {
        let a = post_json(
            &d.app,
            &format!("/api/v1/referrals/{rid}/{action}"),
            &partner,
            &step,
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{action}: {}", a.body);
    }
    db.cleanup().await;
}

#[tokio::test]
async fn the_directory_is_edited_searched_by_service_and_published_as_chosen() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let admin = token_for(&db.store, "admin").await;
        let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
        let uri = format!("/admin/organisations/{open_doors}/directory");
        assert_eq!(get_as(&d.app, &uri, &admin).await.status, StatusCode::OK);
        let partner = token_for(&db.store, "partner").await;
        assert_eq!(
            get_as(&d.app, &uri, &partner).await.status,
            StatusCode::FORBIDDEN
        );
        let bad = call(
            &d.app,
            form_post(
                &uri,
                &admin,
                &[("email", "not an address"), ("services", "NoSuch")],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("id=\"err-email\"") && bad.body.contains("id=\"err-services\""));
        let ok = call(
            &d.app,
            form_post(
                &uri,
                &admin,
                &[
                    ("phone", "+375 232 11-22-33"),
                    ("hours", "Mon–Fri 9–18"),
                    ("services", "MeetingOnArrival"),
                    ("languages", "ru"),
                    ("published", "1"),
                    ("public_fields", "phone"),
                    ("public_fields", "services"),
                ],
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let p = mayak_store::directory::profile(&db.store, open_doors)
            .await
            .unwrap();
        assert_eq!(p.services, vec!["MeetingOnArrival".to_owned()]);
        // Search by service and region.
        let found = get_as(
            &d.app,
            "/partners?lang=en&service=MeetingOnArrival&region=BY-HO",
            &partner,
        )
        .await;
        assert!(found.body.contains("NGO Open Doors"));
        assert!(!found.body.contains("NGO Light of Hope"));
        // The public list: no sign-in, only what was published.
        let public = get(&d.app, "/partners/public?lang=en&region=BY-HO").await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(
            public.body.contains("NGO Open Doors") && public.body.contains("+375 232 11-22-33")
        );
        assert!(
            !public.body.contains("Mon–Fri 9–18"),
            "hours were not published"
        );
        let by_service = get(&d.app, "/partners/public?lang=en&service=MeetingOnArrival").await;
        assert!(
            by_service.body.contains("NGO Open Doors")
                && !by_service.body.contains("NGO Light of Hope")
        );
    });
}

#[tokio::test]
async fn referral_statistics_show_times_and_hide_small_counts_for_aggregate_roles() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        for (login, ok) in [
            ("analyst", true),
            ("supervisor", true),
            ("casemanager", false),
            ("partner", false),
            ("auditor", false),
        ] {
            let t = token_for(&db.store, login).await;
            let a = get_as(&d.app, "/referrals/statistics", &t).await;
            assert_eq!(a.status == StatusCode::OK, ok, "{login}: {}", a.status);
        }
        let t = token_for(&db.store, "analyst").await;
        let a = get_as(&d.app, "/referrals/statistics?lang=en", &t).await;
        for id in [
            "id=\"total-sent\"",
            "id=\"table-by-partner\"",
            "id=\"table-by-region\"",
            "id=\"table-by-service\"",
            "id=\"table-reasons\"",
            "<svg",
        ] {
            assert!(a.body.contains(id), "{id}");
        }
        // The figures are the store's, with the small ones hidden.
        let st = mayak_store::referral_stats::compute(
            &db.store,
            &mayak_store::referral_stats::Filter::default(),
            mayak_store::referral_stats::THRESHOLD,
        )
        .await
        .unwrap();
        for l in st.by_partner.iter().chain(&st.by_region) {
            if let Some(n) = l.sent {
                assert!(n == 0 || n >= 11, "{l:?}");
            }
        }
        if st.by_region.iter().any(|l| l.sent.is_none()) {
            assert!(a.body.contains("data-suppressed=\"true\""));
        }
        // A period ending before it starts is explained, and the view falls back.
        let bad = get_as(
            &d.app,
            "/referrals/statistics?lang=en&from=2026-05-01&to=2026-04-01&region=XX",
            &t,
        )
        .await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(
            bad.body
                .contains("The end of the period is before its start."),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("Not a known value"));
        let ru = get_as(&d.app, "/referrals/statistics?lang=ru", &t).await;
        assert!(ru.body.contains("Статистика направлений"));
    });
}
