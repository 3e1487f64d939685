//! The multidisciplinary groups' pages: a member records a meeting with attendance, a case by
//! code (only one they may see, of the group's region), a decision and an action item, marks it
//! done, and the year summary counts it; non-members and other roles are kept out.

use super::*;

async fn form_as(app: &axum::Router, uri: &str, token: &str, pairs: &[(&str, &str)]) -> Answer {
    call(
        app,
        Request::post(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(pairs).unwrap()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_member_keeps_the_minutes_of_a_meeting_and_the_summary_counts_them() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let mdg = token_for(&db.store, "mdg").await;
        let partner = token_for(&db.store, "partner").await;
        let groups = mayak_store::orgs::list_mdgs(&db.store).await.unwrap();
        let gomel = groups.iter().find(|g| g.region == "BY-HO").unwrap();
        let other = groups.iter().find(|g| g.region != "BY-HO").unwrap();
        let year = d.clock.now().year();
        let before =
            mayak_store::groups::year_summary(&db.store, gomel.id, year, d.clock.now().date())
                .await
                .unwrap();

        let page = get_as(&d.app, &format!("/groups/{}", gomel.id), &mdg).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Record a meeting") || page.body.contains("Записать заседание"));

        // The agenda is required; a failed request records nothing.
        let uri = format!("/groups/{}/meetings", gomel.id);
        let bad = form_as(
            &d.app,
            &uri,
            &mdg,
            &[("held_on", "2026-03-01"), ("agenda", " ")],
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let n = mayak_store::groups::meetings(&db.store, gomel.id)
            .await
            .unwrap()
            .len();
        let ok = form_as(
            &d.app,
            &uri,
            &mdg,
            &[("held_on", "2026-03-01"), ("agenda", "Quarterly review")],
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let meetings = mayak_store::groups::meetings(&db.store, gomel.id)
            .await
            .unwrap();
        assert_eq!(meetings.len(), n + 1);
        let m = meetings
            .iter()
            .find(|m| m.agenda == "Quarterly review")
            .unwrap();
        let base = format!("/groups/{}/meetings/{}", gomel.id, m.id);
        assert_eq!(get_as(&d.app, &base, &mdg).await.status, StatusCode::OK);

        // Attendance: members of the group only.
        let members = mayak_store::groups::members(&db.store, gomel.id)
            .await
            .unwrap();
        let ids: Vec<String> = members.iter().take(2).map(|p| p.id.to_string()).collect();
        let stranger = form_as(
            &d.app,
            &format!("{base}/attendance"),
            &mdg,
            &[("present", "999999")],
        )
        .await;
        assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
        let a = form_as(
            &d.app,
            &format!("{base}/attendance"),
            &mdg,
            &[("present", &ids[0]), ("present", &ids[1])],
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);

        // Cases by code: unknown or unseen codes are refused alike; a discussed Gomel case is added.
        let unknown = form_as(
            &d.app,
            &format!("{base}/cases"),
            &mdg,
            &[("code", "HM-1999-99999")],
        )
        .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unknown.body.contains("HM-2026-00042"), "says how to fix it");
        let seen = meetings
            .iter()
            .flat_map(|m| m.cases.clone())
            .next()
            .unwrap();
        let added = form_as(
            &d.app,
            &format!("{base}/cases"),
            &mdg,
            &[("code", &seen.1.to_lowercase())],
        )
        .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);

        // A decision and an action item with owner and due date, overdue, then done.
        assert_eq!(
            form_as(
                &d.app,
                &format!("{base}/decisions"),
                &mdg,
                &[("decision", "Refer to shelter")]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        let no_owner = form_as(
            &d.app,
            &format!("{base}/actions"),
            &mdg,
            &[("action", "Call back"), ("due_on", "2026-03-01")],
        )
        .await;
        assert_eq!(no_owner.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            form_as(
                &d.app,
                &format!("{base}/actions"),
                &mdg,
                &[
                    ("action", "Call back"),
                    ("owner", &ids[0]),
                    ("due_on", "2026-03-01")
                ]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        let page = get_as(&d.app, &base, &mdg).await;
        assert!(
            page.body.contains("tag warn"),
            "the overdue action is marked"
        );
        let m = mayak_store::groups::meeting(&db.store, gomel.id, m.id)
            .await
            .unwrap();
        assert_eq!(
            (m.attendance.len(), m.cases.len(), m.items.len()),
            (2, 1, 2)
        );
        let item = m.items.iter().find(|i| i.kind == "action").unwrap();
        assert_eq!(item.owner_person_id, Some(members[0].id));
        assert_eq!(
            form_as(
                &d.app,
                &format!("{base}/actions/{}/done", item.id),
                &mdg,
                &[]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        let after =
            mayak_store::groups::year_summary(&db.store, gomel.id, year, d.clock.now().date())
                .await
                .unwrap();
        assert_eq!(after.meetings, before.meetings + 1);
        assert_eq!(after.decisions, before.decisions + 1);
        assert_eq!(
            (after.actions, after.actions_done),
            (before.actions + 1, before.actions_done + 1)
        );
        let summary = get_as(
            &d.app,
            &format!("/groups/{}/summary?year={year}", gomel.id),
            &mdg,
        )
        .await;
        assert_eq!(summary.status, StatusCode::OK);
        assert!(
            summary
                .body
                .contains(&format!("<td id=\"sum-meetings\">{}</td>", after.meetings))
        );

        // Not a member of that group, or without groups.manage: kept out, nothing changes.
        let there = format!("/groups/{}/meetings", other.id);
        let denied = form_as(
            &d.app,
            &there,
            &mdg,
            &[("held_on", "2026-03-01"), ("agenda", "x")],
        )
        .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
        assert_eq!(
            get_as(&d.app, &base, &partner).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            form_as(
                &d.app,
                &format!("{base}/decisions"),
                &partner,
                &[("decision", "x")]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let m2 = mayak_store::groups::meeting(&db.store, gomel.id, m.id)
            .await
            .unwrap();
        assert_eq!(m2.items.len(), 2);
    });
}

/// A group member of `group`'s chairing organisation, with a token.
async fn chair_of(store: &Store, group: &mayak_store::orgs::Mdg, login: &str) -> String {
    mayak_store::orgs::insert_user(
        store,
        &mayak_store::orgs::NewUser {
            login,
            display_name: "Chair (test)",
            organisation_id: group.chair_organisation_id.unwrap(),
            password_hash: None,
            roles: &[mayak_domain::Role::MdgMember],
        },
        clock().now(),
    )
    .await
    .unwrap();
    token_for(store, login).await
}

#[tokio::test]
async fn the_chair_keeps_the_members_and_hands_the_chair_over() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let groups = mayak_store::orgs::list_mdgs(&db.store).await.unwrap();
        let brest = groups.iter().find(|g| g.region == "BY-BR").unwrap().clone();
        let chair = chair_of(&db.store, &brest, "brest-chair").await;
        let mdg = token_for(&db.store, "mdg").await;
        let admin = token_for(&db.store, "admin").await;
        let page = get_as(&d.app, &format!("/groups/{}", brest.id), &chair).await;
        assert!(
            page.body.contains("f-organisation_id"),
            "the chair sees the form"
        );
        let gomel_page = get_as(&d.app, &format!("/groups/{}", brest.id), &mdg).await;
        assert!(!gomel_page.body.contains("f-organisation_id"));
        let uri = format!("/groups/{}/members", brest.id);
        let before = mayak_store::groups::roster(&db.store, brest.id)
            .await
            .unwrap();
        let ngo = mayak_store::orgs::organisation_by_slug(&db.store, "ngo-gomel-open-doors")
            .await
            .unwrap()
            .id;
        let ngo_s = ngo.to_string();

        // Every field is checked, in the user's language; nothing is added.
        let bad = form_as(
            &d.app,
            &uri,
            &chair,
            &[
                ("organisation_id", "999999"),
                ("name", " "),
                ("position", "x"),
                ("role", ""),
            ],
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("Выберите организацию из справочника"),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("id=\"err-name\"") && bad.body.contains("id=\"err-role\""));
        let long = "я".repeat(201);
        let too_long = form_as(
            &d.app,
            &uri,
            &chair,
            &[
                ("organisation_id", &ngo_s),
                ("name", "Ирина Тестова"),
                ("position", &long),
                ("role", "психолог"),
            ],
        )
        .await;
        assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            mayak_store::groups::roster(&db.store, brest.id)
                .await
                .unwrap(),
            before
        );

        // Added; the same person again is refused with a message that says so.
        let person = [
            ("organisation_id", ngo_s.as_str()),
            ("name", "Ирина  Тестова"),
            ("position", "психолог"),
            ("role", "психологическая помощь"),
        ];
        let ok = form_as(&d.app, &uri, &chair, &person).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        let members = mayak_store::groups::members(&db.store, brest.id)
            .await
            .unwrap();
        let irina = members
            .iter()
            .find(|m| m.name == "Ирина Тестова")
            .unwrap()
            .clone();
        assert!(!irina.chair && irina.organisation_id == ngo);
        assert!(
            mayak_store::groups::group(&db.store, brest.id)
                .await
                .unwrap()
                .members
                .contains(&ngo)
        );
        let dup = form_as(
            &d.app,
            &uri,
            &chair,
            &[
                ("organisation_id", ngo_s.as_str()),
                ("name", "ирина тестова"),
                ("position", "психолог"),
                ("role", "психологическая помощь"),
            ],
        )
        .await;
        assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(dup.body.contains("уже состоит в группе"), "{}", dup.body);

        // Position and role.
        let member_uri = format!("/groups/{}/members/{}", brest.id, irina.id);
        assert_eq!(
            get_as(&d.app, &member_uri, &chair).await.status,
            StatusCode::OK
        );
        let empty = form_as(
            &d.app,
            &member_uri,
            &chair,
            &[("position", "психолог"), ("role", "")],
        )
        .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let saved = form_as(
            &d.app,
            &member_uri,
            &chair,
            &[("position", "психолог"), ("role", "координация помощи")],
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert_eq!(
            mayak_store::groups::member(&db.store, brest.id, irina.id)
                .await
                .unwrap()
                .role,
            "координация помощи"
        );

        // The chair cannot be removed; nothing changes.
        let old_chair = members.iter().find(|m| m.chair).unwrap().clone();
        let refused = form_as(
            &d.app,
            &format!("/groups/{}/members/{}/remove", brest.id, old_chair.id),
            &chair,
            &[],
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("сначала передайте председательство"));
        assert!(
            mayak_store::groups::member(&db.store, brest.id, old_chair.id)
                .await
                .unwrap()
                .chair
        );

        // Others are kept out: a member of another region's group, and a member of this
        // group who does not chair it; a member of another group's id is not found.
        for (t, what) in [(&mdg, "another region's member")] {
            let r = form_as(&d.app, &uri, t, &person).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{what}");
            assert_eq!(
                get_as(&d.app, &member_uri, t).await.status,
                StatusCode::FORBIDDEN
            );
        }
        let gomel = groups.iter().find(|g| g.region == "BY-HO").unwrap();
        let gomel_member = mayak_store::groups::members(&db.store, gomel.id)
            .await
            .unwrap()[0]
            .id;
        assert_eq!(
            get_as(
                &d.app,
                &format!("/groups/{}/members/{gomel_member}", gomel.id),
                &mdg
            )
            .await
            .status,
            StatusCode::FORBIDDEN,
            "a member who is not the chair"
        );
        assert_eq!(
            get_as(
                &d.app,
                &format!("/groups/{}/members/{gomel_member}", brest.id),
                &chair
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );

        // Handing the chair to a member of another organisation: exactly one chair, and the
        // former chair's organisation no longer keeps the members.
        let handed = form_as(&d.app, &format!("{member_uri}/chair"), &chair, &[]).await;
        assert_eq!(handed.status, StatusCode::SEE_OTHER);
        let now_members = mayak_store::groups::members(&db.store, brest.id)
            .await
            .unwrap();
        assert_eq!(
            now_members
                .iter()
                .filter(|m| m.chair)
                .map(|m| m.id)
                .collect::<Vec<_>>(),
            vec![irina.id]
        );
        assert_eq!(
            mayak_store::groups::group(&db.store, brest.id)
                .await
                .unwrap()
                .chair_organisation_id,
            Some(ngo)
        );
        assert_eq!(
            get_as(&d.app, &member_uri, &chair).await.status,
            StatusCode::FORBIDDEN
        );

        // An administrator keeps every group's members: the former chair leaves.
        let removed = form_as(
            &d.app,
            &format!("/groups/{}/members/{}/remove", brest.id, old_chair.id),
            &admin,
            &[],
        )
        .await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER);
        assert!(
            mayak_store::groups::members(&db.store, brest.id)
                .await
                .unwrap()
                .iter()
                .all(|m| m.id != old_chair.id)
        );
        let audit = mayak_store::audit::recent(&db.store, None, 200)
            .await
            .unwrap();
        for k in [
            "mdg.member.add",
            "mdg.member.edit",
            "mdg.member.chair",
            "mdg.member.remove",
        ] {
            assert!(
                audit
                    .iter()
                    .any(|e| e.action == k
                        && e.record_id.as_deref() == Some(&brest.id.to_string()[..])),
                "{k}"
            );
        }
        assert!(audit.iter().any(|e| e.action == "access.not_the_chair"));
    });
}

#[tokio::test]
async fn the_groups_api_keeps_meetings_actions_members_and_the_summary() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let groups = mayak_store::orgs::list_mdgs(&db.store).await.unwrap();
        let gomel = groups.iter().find(|g| g.region == "BY-HO").unwrap().clone();
        let brest = groups.iter().find(|g| g.region == "BY-BR").unwrap().clone();
        let mdg = token_for(&db.store, "mdg").await;
        let partner = token_for(&db.store, "partner").await;
        let chair = chair_of(&db.store, &gomel, "gomel-chair").await;

        // The minutes for the group's members only; others see dates and counts.
        let mine = get_as(&d.app, &format!("/api/v1/groups/{}", gomel.id), &mdg)
            .await
            .json();
        assert_eq!(mine["keeps_minutes"], true);
        assert_eq!(mine["edits_members"], false);
        assert!(mine["meetings"][0]["minutes"]["agenda"].is_string());
        let code = mine["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|m| m["minutes"]["cases"].as_array().unwrap().clone())
            .next()
            .unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned();
        let theirs = get_as(&d.app, &format!("/api/v1/groups/{}", brest.id), &mdg)
            .await
            .json();
        assert_eq!(theirs["keeps_minutes"], false);
        assert!(theirs["meetings"][0]["minutes"].is_null());
        assert!(theirs["meetings"][0]["held_on"].is_string());
        assert!(
            !theirs.to_string().contains("\"code\""),
            "no case codes: {theirs}"
        );
        let members = &mine["members"];
        let owner = members[1]["id"].as_i64().unwrap();

        // A meeting with its minutes in one request; a bad part refuses all of it.
        let uri = format!("/api/v1/groups/{}/meetings", gomel.id);
        let n = mayak_store::groups::meetings(&db.store, gomel.id)
            .await
            .unwrap()
            .len();
        let bad = call(
            &d.app,
            json_req(
                "POST",
                &uri,
                &mdg,
                r#"{"held_on":"2026-03-02","agenda":"Review","attendance":[999999],"case_codes":["HM-1999-99999"],"actions":[{"text":"x","owner_member_id":999999,"due_on":"2026-04-01"}]}"#,
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
        assert_eq!(
            fields,
            [
                "attendance[0]",
                "case_codes[0]",
                "actions[0].owner_member_id"
            ]
        );
        assert_eq!(
            mayak_store::groups::meetings(&db.store, gomel.id)
                .await
                .unwrap()
                .len(),
            n
        );
        let made = call(&d.app, json_req("POST", &uri, &mdg, &format!(
            r#"{{"held_on":"2026-03-02","agenda":"Review","attendance":[{owner}],"case_codes":["{}"],"decisions":["Shelter"],"actions":[{{"text":"Call","owner_member_id":{owner},"due_on":"2026-01-01"}}]}}"#,
            code.to_lowercase()
        ))).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let meeting = made.json()["id"].as_i64().unwrap();
        let m = mayak_store::groups::meeting(&db.store, gomel.id, meeting)
            .await
            .unwrap();
        assert_eq!(
            (m.attendance.len(), m.cases.len(), m.items.len()),
            (1, 1, 2)
        );
        assert_eq!(
            call(
                &d.app,
                json_req(
                    "POST",
                    &format!("/api/v1/groups/{}/meetings", brest.id),
                    &mdg,
                    r#"{"held_on":"2026-03-02","agenda":"x"}"#
                )
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );

        // An action item, then done.
        let act = call(
            &d.app,
            json_req(
                "POST",
                &format!("{uri}/{meeting}/actions"),
                &mdg,
                &format!(r#"{{"text":"Report","owner_member_id":{owner},"due_on":"2026-05-01"}}"#),
            ),
        )
        .await;
        assert_eq!(act.status, StatusCode::CREATED, "{}", act.body);
        let item = act.json()["id"].as_i64().unwrap();
        let done = call(
            &d.app,
            json_req(
                "POST",
                &format!("{uri}/{meeting}/actions/{item}/done"),
                &mdg,
                "",
            ),
        )
        .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert!(done.json()["done_at"].is_string());
        let detail = get_as(&d.app, &format!("/api/v1/groups/{}", gomel.id), &mdg)
            .await
            .json();
        let recorded = detail["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == meeting)
            .unwrap()
            .clone();
        assert_eq!(recorded["overdue_actions"], 1, "{recorded}");
        assert_eq!(recorded["minutes"]["cases"][0]["code"], code);

        // The summary of the year, and a year out of range refused.
        let s = get_as(
            &d.app,
            &format!("/api/v1/groups/{}/summary?year=2026", gomel.id),
            &partner,
        )
        .await;
        assert_eq!(s.status, StatusCode::OK, "{}", s.body);
        let expected =
            mayak_store::groups::year_summary(&db.store, gomel.id, 2026, d.clock.now().date())
                .await
                .unwrap();
        assert_eq!(s.json()["meetings"], expected.meetings);
        assert_eq!(s.json()["actions_done"], expected.actions_done);
        assert_eq!(
            get_as(
                &d.app,
                &format!("/api/v1/groups/{}/summary?year=1900", gomel.id),
                &partner
            )
            .await
            .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );

        // Members: the chair adds, changes, hands over and removes; others may not.
        let muri = format!("/api/v1/groups/{}/members", gomel.id);
        let ngo = mayak_store::orgs::organisation_by_slug(&db.store, "ngo-gomel-open-doors")
            .await
            .unwrap()
            .id;
        let body = format!(
            r#"{{"organisation_id":{ngo},"name":"Ирина Тестова","position":"психолог","role":"помощь"}}"#
        );
        assert_eq!(
            call(&d.app, json_req("POST", &muri, &mdg, &body))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let added = call(&d.app, json_req("POST", &muri, &chair, &body)).await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        let irina = added.json()["id"].as_i64().unwrap();
        let dup = call(&d.app, json_req("POST", &muri, &chair, &body)).await;
        assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(dup.json()["errors"][0]["code"], "mdg_member_duplicate");
        let patched = call(
            &d.app,
            json_req(
                "PATCH",
                &format!("{muri}/{irina}"),
                &chair,
                r#"{"role":"правовая помощь"}"#,
            ),
        )
        .await;
        assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
        assert_eq!(patched.json()["role"], "правовая помощь");
        assert_eq!(patched.json()["position"], "психолог");
        let old_chair = mine["members"][0]["id"].as_i64().unwrap();
        let no = call(
            &d.app,
            json_req("DELETE", &format!("{muri}/{old_chair}"), &chair, ""),
        )
        .await;
        assert_eq!(no.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(no.json()["errors"][0]["code"], "mdg_chair_cannot_leave");
        let handed = call(
            &d.app,
            json_req("POST", &format!("{muri}/{irina}/chair"), &chair, ""),
        )
        .await;
        assert_eq!(handed.status, StatusCode::OK);
        assert_eq!(handed.json()["chair"], true);
        // The former chair's organisation no longer keeps the members.
        assert_eq!(
            call(
                &d.app,
                json_req("DELETE", &format!("{muri}/{old_chair}"), &chair, "")
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let admin = token_for(&db.store, "admin").await;
        assert_eq!(
            call(
                &d.app,
                json_req("DELETE", &format!("{muri}/{old_chair}"), &admin, "")
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
        let after = get_as(&d.app, &format!("/api/v1/groups/{}", gomel.id), &mdg)
            .await
            .json();
        let chairs: Vec<i64> = after["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["chair"] == true)
            .map(|m| m["id"].as_i64().unwrap())
            .collect();
        assert_eq!(chairs, vec![irina]);
        assert!(
            after["members"]
                .as_array()
                .unwrap()
                .iter()
                .all(|m| m["id"] != old_chair)
        );
    });
}
