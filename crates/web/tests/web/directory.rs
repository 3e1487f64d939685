//! The partner directory by region, the directory API with its filters, the public listing's
//! published fields, and a partner's page of open referrals with overdue ones flagged on both
//! sides.

use super::referrals::{consent_to, gomel_case, org_id, post_json};
use super::*;
use mayak_store::directory::{self, Profile};

async fn profile(store: &Store, slug: &str, p: Profile) -> i64 {
    let id = org_id(store, slug).await;
    directory::set_profile(store, id, &p).await.unwrap();
    id
}

fn codes(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[tokio::test]
async fn a_regions_page_groups_its_organisations_by_type_and_names_the_services_it_lacks() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let open_doors = profile(
            &db.store,
            "ngo-gomel-open-doors",
            Profile {
                phone: Some("+375 232 70-70-70".into()),
                hours: Some("Mon–Fri 9–18".into()),
                languages: codes(&["ru", "be"]),
                services: codes(&["Shelter", "Psychological"]),
                capacity_notes: Some("4 shelter places".into()),
                ..Profile::default()
            },
        )
        .await;
        let page = get_as(&d.app, "/partners/regions/BY-HO?lang=en", &cm).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        // Only the region's organisations, under their type's heading.
        let gomel: Vec<mayak_store::orgs::Organisation> =
            mayak_store::orgs::list_organisations(&db.store)
                .await
                .unwrap()
                .into_iter()
                .filter(|o| o.region == "BY-HO")
                .collect();
        assert!(gomel.len() > 2);
        for o in &gomel {
            assert!(
                page.body.contains(&format!("id=\"org-{}\"", o.id)),
                "{}",
                o.slug
            );
            assert!(page.body.contains(&format!("id=\"type-{}\"", o.org_type)));
        }
        let brest = org_id(&db.store, "ngo-brest-safe-way").await;
        assert!(!page.body.contains(&format!("id=\"org-{brest}\"")));
        // The organisation's details: contacts, hours, languages, capacity, flags.
        for text in [
            "+375 232 70-70-70",
            "Mon–Fri 9–18",
            "4 shelter places",
            "NGO network",
        ] {
            assert!(page.body.contains(text), "{text}");
        }
        assert!(
            page.body
                .contains(&format!("href=\"/partners/{open_doors}/referrals\""))
        );
        // The region's group, linked, and membership marked.
        let group = mayak_store::orgs::list_mdgs(&db.store)
            .await
            .unwrap()
            .into_iter()
            .find(|g| g.region == "BY-HO")
            .unwrap();
        assert!(
            page.body
                .contains(&format!("href=\"/groups/{}\"", group.id))
        );
        let card = |id: i64| {
            let at = page.body.find(&format!("id=\"org-{id}\"")).unwrap();
            let rest = &page.body[at..];
            rest[..rest.find("</article>").unwrap()].to_owned()
        };
        if let Some(chair) = group.chair_organisation_id {
            assert!(card(chair).contains("chairs the region"));
        }
        for o in &gomel {
            let c = card(o.id);
            let member = group.members.contains(&o.id) && group.chair_organisation_id != Some(o.id);
            assert_eq!(c.contains("in the region"), member, "{}", o.slug);
        }
        // Gaps: every service nobody in the region offers, and only those.
        let offered = directory::offered_by_region(&db.store).await.unwrap();
        let services = mayak_store::reference::list(&db.store, ListKind::ServiceType, false)
            .await
            .unwrap();
        let gaps_html = &page.body[page.body.find("id=\"region-gaps\"").unwrap()..];
        let gaps_html = &gaps_html[..gaps_html.find("</section>").unwrap()];
        let mut lacking = 0;
        for s in &services {
            let label = s.label(mayak_domain::Lang::En);
            let offered_here = offered.get("BY-HO").is_some_and(|o| o.contains(&s.code));
            assert_eq!(
                gaps_html.contains(&format!("<strong>{label}</strong>")),
                !offered_here,
                "{}",
                s.code
            );
            lacking += usize::from(!offered_here);
        }
        assert!(lacking > 0, "the demo's Gomel region lacks something");
        // Offering a lacking service closes the gap.
        let missing = services
            .iter()
            .find(|s| !offered["BY-HO"].contains(&s.code))
            .unwrap();
        let mut p = directory::profile(&db.store, open_doors).await.unwrap();
        p.services.push(missing.code.clone());
        directory::set_profile(&db.store, open_doors, &p)
            .await
            .unwrap();
        let again = get_as(&d.app, "/partners/regions/BY-HO?lang=en", &cm).await;
        let gaps_html = &again.body[again.body.find("id=\"region-gaps\"").unwrap()..];
        let gaps_html = &gaps_html[..gaps_html.find("</section>").unwrap()];
        assert!(!gaps_html.contains(&format!(
            "<strong>{}</strong>",
            missing.label(mayak_domain::Lang::En)
        )));
        // In Russian and Belarusian too.
        let ru = get_as(&d.app, "/partners/regions/BY-HO?lang=ru", &cm).await;
        assert!(ru.body.contains("Каких услуг в регионе нет"));
        let be = get_as(&d.app, "/partners/regions/BY-HO?lang=be", &cm).await;
        assert!(be.body.contains("Якіх паслуг у рэгіёне няма"));
        // The directory links the region's page from its region column and from its filter.
        let list = get_as(&d.app, "/partners?lang=en&region=BY-HO", &cm).await;
        assert!(
            list.body
                .contains("href=\"/partners/regions/BY-HO\" id=\"region-page-link\"")
        );
        let all = get_as(&d.app, "/partners?lang=en", &cm).await;
        assert!(all.body.contains("<a href=\"/partners/regions/BY-BR\">"));
        // An unknown region is a page not found, in the reader's language.
        for (lang, title) in [
            ("en", "Page not found"),
            ("ru", "Страница не найдена"),
            ("be", "Старонка не знойдзена"),
        ] {
            let a = get_as(&d.app, &format!("/partners/regions/BY-XX?lang={lang}"), &cm).await;
            assert_eq!(a.status, StatusCode::NOT_FOUND);
            assert!(a.body.contains(title), "{lang}");
        }
    });
}

#[tokio::test]
async fn the_directory_api_gives_every_field_and_checks_its_filters() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let partner = token_for(&db.store, "partner").await;
        let open_doors = profile(
            &db.store,
            "ngo-gomel-open-doors",
            Profile {
                city: Some("Гомель".into()),
                address: Some("ул. Советская, 1".into()),
                phone: Some("+375 232 70-70-70".into()),
                email: Some("help@open-doors.example".into()),
                hours: Some("Mon–Fri 9–18".into()),
                languages: codes(&["ru", "be"]),
                services: codes(&["Shelter", "Legal"]),
                capacity_notes: Some("4 shelter places".into()),
                published: true,
                public_fields: codes(&["phone"]),
            },
        )
        .await;
        let list = get_as(
            &d.app,
            "/api/v1/organisations?region=BY-HO&service=Shelter",
            &partner,
        )
        .await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let list = list.json();
        let list = list.as_array().unwrap();
        assert!(!list.is_empty());
        for o in list {
            assert_eq!(o["region"], "BY-HO");
            assert!(
                o["services"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s == "Shelter"),
                "{o}"
            );
        }
        let o = list.iter().find(|o| o["id"] == open_doors).unwrap();
        assert_eq!(o["phone"], "+375 232 70-70-70");
        assert_eq!(o["email"], "help@open-doors.example");
        assert_eq!(o["address"], "ул. Советская, 1");
        assert_eq!(o["city"], "Гомель");
        assert_eq!(o["hours"], "Mon–Fri 9–18");
        assert_eq!(o["languages"], serde_json::json!(["ru", "be"]));
        assert_eq!(o["capacity_notes"], "4 shelter places");
        assert_eq!(o["ngo_network"], true);
        assert!(o["may_identify"].is_boolean());
        assert_eq!(o["public_fields"], serde_json::json!(["phone"]));
        let groups = mayak_store::orgs::list_mdgs(&db.store).await.unwrap();
        let member_of: Vec<i64> = groups
            .iter()
            .filter(|g| g.members.contains(&open_doors))
            .map(|g| g.id)
            .collect();
        assert!(!member_of.is_empty());
        assert_eq!(
            o["groups"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["group_id"].as_i64().unwrap())
                .collect::<Vec<_>>(),
            member_of
        );
        // Legal is offered by Open Doors, not everywhere: the filter narrows.
        let legal = get_as(&d.app, "/api/v1/organisations?service=Legal", &partner)
            .await
            .json();
        let all = get_as(&d.app, "/api/v1/organisations", &partner)
            .await
            .json();
        assert!(legal.as_array().unwrap().len() < all.as_array().unwrap().len());
        // One organisation.
        let one = get_as(
            &d.app,
            &format!("/api/v1/organisations/{open_doors}"),
            &partner,
        )
        .await;
        assert_eq!(one.status, StatusCode::OK);
        assert_eq!(one.json(), *o);
        let none = get_as(&d.app, "/api/v1/organisations/999999", &partner).await;
        assert_eq!(none.status, StatusCode::NOT_FOUND);
        assert_eq!(none.header("content-type"), "application/problem+json");
        // Unknown codes: a validation problem naming each field, in the caller's language.
        let bad = get_as(
            &d.app,
            "/api/v1/organisations?service=Teleportation&lang=en",
            &partner,
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let p = bad.json();
        assert_eq!(p["type"], "urn:mayak:problem:validation");
        assert_eq!(p["errors"][0]["field"], "service");
        assert_eq!(p["errors"][0]["code"], "unknown_code");
        assert_eq!(
            p["errors"][0]["message"],
            "Not a known value: choose one from the list."
        );
        let ru = get_as(
            &d.app,
            "/api/v1/organisations?service=Teleportation",
            &partner,
        )
        .await
        .json();
        assert_ne!(ru["errors"][0]["message"], p["errors"][0]["message"]);
        assert!(!ru["errors"][0]["message"].as_str().unwrap().is_ascii());
        // An unknown parameter is a malformed query.
        let q = get_as(&d.app, "/api/v1/organisations?colour=red", &partner).await;
        assert_eq!(q.status, StatusCode::BAD_REQUEST);
        // The OpenAPI document describes the new routes and fields.
        let doc = get(&d.app, "/api/v1/openapi.json").await.json();
        for path in [
            "/api/v1/organisations/{id}",
            "/api/v1/organisations/{id}/referrals",
        ] {
            assert!(doc["paths"][path]["get"].is_object(), "{path}");
        }
        assert!(
            doc["components"]["schemas"]["OrganisationDto"]["properties"]["capacity_notes"]
                .is_object()
        );
        assert!(
            doc["paths"]["/api/v1/organisations"]["get"]["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == "service")
        );
    });
}

#[tokio::test]
async fn the_public_list_never_shows_a_field_its_organisation_did_not_publish() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        // Published, but only its hours and services: its phone, e-mail and address stay in.
        profile(
            &db.store,
            "ngo-gomel-open-doors",
            Profile {
                address: Some("ул. Тайная, 13".into()),
                phone: Some("+375 232 13-13-13".into()),
                email: Some("secret@open-doors.example".into()),
                hours: Some("Mon–Fri 9–18".into()),
                services: codes(&["Shelter"]),
                published: true,
                public_fields: codes(&["hours", "services"]),
                ..Profile::default()
            },
        )
        .await;
        // Not listed at all: nothing of it shows, whatever it would publish.
        profile(
            &db.store,
            "ngo-gomel-light-of-hope",
            Profile {
                phone: Some("+375 232 77-77-77".into()),
                services: codes(&["Shelter"]),
                published: false,
                public_fields: codes(&["phone", "services"]),
                ..Profile::default()
            },
        )
        .await;
        let staff = token_for(&db.store, "partner").await;
        let inside = get_as(&d.app, "/partners?lang=en&region=BY-HO", &staff).await;
        assert!(
            inside.body.contains("+375 232 13-13-13"),
            "staff see the phone: it is really stored"
        );
        for uri in [
            "/partners/public",
            "/partners/public?lang=en",
            "/partners/public?lang=be",
            "/partners/public?lang=en&region=BY-HO",
            "/partners/public?lang=en&service=Shelter",
            "/partners/public?lang=en&region=BY-HO&service=Shelter",
        ] {
            let a = get(&d.app, uri).await;
            assert_eq!(a.status, StatusCode::OK, "{uri}");
            for secret in [
                "+375 232 13-13-13",
                "secret@open-doors.example",
                "ул. Тайная, 13",
                "+375 232 77-77-77",
            ] {
                assert!(!a.body.contains(secret), "{uri} shows {secret}");
            }
        }
        let a = get(&d.app, "/partners/public?lang=en&region=BY-HO").await;
        assert!(a.body.contains("NGO Open Doors") && a.body.contains("Mon–Fri 9–18"));
        assert!(!a.body.contains("NGO Light of Hope"));
    });
}

#[tokio::test]
async fn a_partners_open_referrals_flag_overdue_ones_and_each_side_sees_them() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
        let sender = org_id(&db.store, "ngo-minsk-right-to-future").await;
        let today = d.clock.now().date().to_string();
        let id = gomel_case(&d.app, &cm, "Просроченная-Тест", "AE7900007").await;
        consent_to(&d.app, &cm, id, open_doors, &today).await;
        let send = serde_json::json!({"to_organisation_id": open_doors, "services": ["Legal"]})
            .to_string();
        let sent = post_json(&d.app, &format!("/api/v1/cases/{id}/referrals"), &cm, &send).await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
        let rid = sent.json()["id"].as_i64().unwrap();
        let code = mayak_store::cases::get(&db.store, id).await.unwrap().code;
        let page = |t: String, lang: &'static str| {
            let app = d.app.clone();
            async move {
                get_as(
                    &app,
                    &format!("/partners/{open_doors}/referrals?lang={lang}"),
                    &t,
                )
                .await
            }
        };
        let fresh = page(cm.clone(), "en").await;
        assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.body);
        let row = |body: &str| -> String {
            let at = body
                .find(&format!("<code>{code}</code>"))
                .expect("the case's row");
            let row = &body[..at];
            let start = row.rfind("<tr").unwrap();
            let end = at + body[at..].find("</tr>").unwrap();
            body[start..end].to_owned()
        };
        assert!(
            !row(&fresh.body).contains("data-overdue"),
            "not overdue yet"
        );
        // Four days later the acceptance is overdue.
        d.clock.advance(time::Duration::days(4));
        let cm = token_for_hours(&db.store, "casemanager", 24 * 10).await;
        let partner = token_for_hours(&db.store, "partner", 24 * 10).await;
        let supervisor = token_for_hours(&db.store, "supervisor", 24 * 10).await;
        for (t, reach) in [
            (&partner, "partner-referrals-reach-own"),
            (&cm, "partner-referrals-reach-shared"),
            (&supervisor, "partner-referrals-reach-all"),
        ] {
            let a = page(t.clone(), "en").await;
            assert_eq!(a.status, StatusCode::OK);
            let r = row(&a.body);
            assert!(
                r.contains("data-overdue=\"true\"") && r.contains("acceptance overdue"),
                "{r}"
            );
            assert!(r.contains("scope=\"row\""));
            assert!(!a.body.contains("Просроченная-Тест"), "never a name");
            let expected = match reach {
                "partner-referrals-reach-own" => "This is your organisation",
                "partner-referrals-reach-shared" => "Only the referrals between",
                _ => "As a supervisor",
            };
            assert!(a.body.contains(expected), "{reach}");
        }
        // Its staff see all of its open referrals; the sender's case manager only the ones
        // between the two organisations; finished ones never.
        let api = |t: String| {
            let app = d.app.clone();
            async move {
                get_as(
                    &app,
                    &format!("/api/v1/organisations/{open_doors}/referrals"),
                    &t,
                )
                .await
                .json()
            }
        };
        let staff = api(partner.clone()).await;
        assert_eq!(staff["reach"], "all");
        let expected: Vec<i64> =
            mayak_store::referrals::open_of_partner(&db.store, open_doors, None)
                .await
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
        let got = |v: &Value| -> Vec<i64> {
            v["referrals"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_i64().unwrap())
                .collect()
        };
        assert_eq!(got(&staff), expected);
        let mine = staff["referrals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == rid)
            .unwrap()
            .clone();
        assert_eq!(mine["overdue"], "acceptance");
        assert_eq!(mine["direction"], "incoming");
        assert_eq!(mine["case_code"], code);
        assert_eq!(mine["state"], "sent");
        assert!(mine.get("case_id").is_none(), "by code only");
        let shared = api(cm.clone()).await;
        assert_eq!(shared["reach"], "shared_with_own");
        assert!(got(&shared).contains(&rid));
        for r in shared["referrals"].as_array().unwrap() {
            assert!(
                r["from_organisation_id"] == sender || r["to_organisation_id"] == sender,
                "{r}"
            );
        }
        // Another referral worker (the rehabilitation centre's) sees only its own with it,
        // never the case manager's.
        let rehab = token_for_hours(&db.store, "rehab", 24 * 10).await;
        let rehab_org = org_id(&db.store, "iom-rehabilitation-centre").await;
        let theirs = api(rehab).await;
        assert_eq!(theirs["reach"], "shared_with_own");
        assert!(!got(&theirs).contains(&rid));
        assert_eq!(
            got(&theirs),
            mayak_store::referrals::open_of_partner(&db.store, open_doors, Some(rehab_org))
                .await
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        );
        assert_eq!(api(supervisor.clone()).await["reach"], "all");
        // Roles that do not work on referrals are refused; an unknown organisation is not found.
        let analyst = token_for_hours(&db.store, "analyst", 24 * 10).await;
        assert_eq!(
            get_as(
                &d.app,
                &format!("/partners/{open_doors}/referrals"),
                &analyst
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            get_as(&d.app, "/partners/999999/referrals?lang=en", &partner)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // Both sides see it flagged where they work: the sender on the case's page, the
        // receiver in its inbox.
        let case = get_as(&d.app, &format!("/cases/{id}?lang=en"), &cm).await;
        let table = &case.body[case.body.find("id=\"case-referrals\"").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        assert!(
            table.contains("data-overdue=\"true\"") && table.contains("acceptance overdue"),
            "{table}"
        );
        let inbox = get_as(&d.app, "/referrals?lang=en", &partner).await;
        let overdue = &inbox.body[inbox.body.find("id=\"overdue-h\"").unwrap()..];
        let overdue = &overdue[..overdue.find("</section>").unwrap()];
        assert!(overdue.contains(&format!("href=\"/referrals/{rid}\"")));
        assert!(overdue.contains("acceptance overdue"));
        // Russian and Belarusian pages.
        let ru = page(partner.clone(), "ru").await;
        assert!(ru.body.contains("просрочено принятие"), "{}", ru.body);
        let be = page(partner.clone(), "be").await;
        assert!(be.body.contains("Адкрытыя перанакіраванні"));
        // Once accepted the referral is no longer overdue for acceptance, and once completed
        // it leaves the page.
        for action in ["accept", "complete"] {
            let a = post_json(
                &d.app,
                &format!("/api/v1/referrals/{rid}/{action}"),
                &partner,
                "",
            )
            .await;
            assert_eq!(a.status, StatusCode::OK, "{action}: {}", a.body);
        }
        assert!(!got(&api(partner.clone()).await).contains(&rid));
    });
}
