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
