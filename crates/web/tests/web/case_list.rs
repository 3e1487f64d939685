//! The case list's orders and pages through the API and the page: the `Link` header leads to
//! the next page, every order and filter is validated, and the page's filters say what was wrong.

use super::*;
use std::collections::HashSet;

fn codes_and_dates(v: &Value) -> Vec<(String, String, i64)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_owned(),
                c["registered_on"].as_str().unwrap().to_owned(),
                c["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The address in a `Link: <…>; rel="next"` header.
fn next_of(a: &Answer) -> Option<String> {
    let link = a.header("link");
    let start = link.find('<')? + 1;
    let end = link.find('>')?;
    link.ends_with("rel=\"next\"")
        .then(|| link[start..end].to_owned())
}

#[tokio::test]
async fn api_pages_follow_the_chosen_order_through_link_headers() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let token = token_for(&db.store, "supervisor").await;
        for sort in [
            "registered_asc",
            "registered_desc",
            "code",
            "oldest",
            "newest",
            "updated",
        ] {
            let mut uri = Some(format!("/api/v1/cases?sort={sort}&limit=9"));
            let mut seen: Vec<(String, String, i64)> = Vec::new();
            let mut pages = 0;
            while let Some(u) = uri.take() {
                let a = get_as(&app, &u, &token).await;
                assert_eq!(a.status, StatusCode::OK, "{u}: {}", a.body);
                seen.extend(codes_and_dates(&a.json()));
                uri = next_of(&a);
                pages += 1;
                assert!(pages < 100, "no end to the pages");
            }
            assert!(pages > 2, "{sort}: {pages} pages of 9");
            let ids: HashSet<i64> = seen.iter().map(|s| s.2).collect();
            assert_eq!(
                ids.len(),
                seen.len(),
                "{sort}: a case repeated across pages"
            );
            let mut want = seen.clone();
            match sort {
                "registered_asc" => want.sort_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2))),
                "registered_desc" => want.sort_by(|a, b| (&b.1, b.2).cmp(&(&a.1, a.2))),
                "code" => want.sort_by(|a, b| a.0.cmp(&b.0)),
                "oldest" => want.sort_by_key(|a| a.2),
                "newest" => want.sort_by_key(|a| std::cmp::Reverse(a.2)),
                _ => {}
            }
            assert_eq!(seen, want, "{} {sort}", db.label);
        }
        // The same number of cases in every order.
        let count = |sort: &'static str| {
            let app = app.clone();
            let token = token.clone();
            async move {
                let a = get_as(
                    &app,
                    &format!("/api/v1/cases?sort={sort}&limit=500"),
                    &token,
                )
                .await;
                a.json().as_array().unwrap().len()
            }
        };
        assert_eq!(count("code").await, count("newest").await);
    });
}

#[tokio::test]
async fn api_list_parameters_are_validated_field_by_field() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let token = token_for(&db.store, "supervisor").await;
        for (query, field) in [
            ("sort=by_name", "sort"),
            ("sort=registered_asc&cursor=MI-2024-00001~5", "cursor"),
            ("cursor=abc", "cursor"),
            ("sort=code&before_id=5", "before_id"),
            ("registered_from=2020-13-01", "registered_from"),
            (
                "registered_from=2021-01-01&registered_until=2020-01-01",
                "registered_until",
            ),
            ("limit=0", "limit"),
            ("limit=501", "limit"),
        ] {
            let a = get_as(&app, &format!("/api/v1/cases?{query}"), &token).await;
            assert_eq!(
                a.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{query}: {}",
                a.body
            );
            let fields: Vec<String> = a.json()["errors"]
                .as_array()
                .unwrap_or_else(|| panic!("{query}: {}", a.body))
                .iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect();
            assert_eq!(fields, vec![field.to_owned()], "{query}");
        }
        // A date range alone is read in registration order, inside the range.
        let a = get_as(
            &app,
            "/api/v1/cases?registered_from=2022-01-01&registered_until=2023-12-31&limit=500",
            &token,
        )
        .await;
        assert_eq!(a.status, StatusCode::OK);
        let rows = codes_and_dates(&a.json());
        assert!(!rows.is_empty());
        assert!(
            rows.iter()
                .all(|r| r.1.as_str() >= "2022-01-01" && r.1.as_str() <= "2023-12-31")
        );
        let mut want = rows.clone();
        want.sort_by(|a, b| (&b.1, b.2).cmp(&(&a.1, a.2)));
        assert_eq!(rows, want);
    });
}

#[tokio::test]
async fn the_case_list_page_sorts_filters_and_explains_bad_filters() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let token = token_for(&db.store, "supervisor").await;
        let page = get_as(&app, "/cases?sort=code&lang=en", &token).await;
        assert_eq!(page.status, StatusCode::OK);
        let codes: Vec<&str> = page
            .body
            .match_indices("<code>")
            .map(|(i, _)| {
                let rest = &page.body[i + 6..];
                &rest[..rest.find('<').unwrap()]
            })
            .collect();
        assert!(codes.len() > 10, "{}", codes.len());
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
        assert!(
            page.body
                .contains(r#"<option value="code" selected>Case code</option>"#)
        );
        // The next page keeps the order and the filters, and starts after the last code shown.
        if codes.len() == 50 {
            let last = codes.last().unwrap();
            assert!(
                page.body.contains(&format!("sort=code&amp;after={last}")),
                "next link"
            );
        }
        let bad = get_as(
            &app,
            "/cases?from=2024-02-30&until=2020-01-01&lang=en",
            &token,
        )
        .await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(
            bad.body.contains("Enter a date as YYYY-MM-DD."),
            "{}",
            bad.body
        );
        let reversed = get_as(
            &app,
            "/cases?from=2024-01-01&until=2020-01-01&lang=ru",
            &token,
        )
        .await;
        assert!(
            reversed
                .body
                .contains("aria-invalid=\"true\" aria-describedby=\"err-until\"")
        );
        // Filters by organisation and manager narrow the list to them.
        let sup = auth::account_by_login(&db.store, "supervisor")
            .await
            .unwrap()
            .unwrap()
            .user;
        let org = get_as(
            &app,
            &format!(
                "/api/v1/cases?lead_organisation={}&limit=500",
                sup.organisation_id
            ),
            &token,
        )
        .await;
        let rows = org.json();
        assert!(!rows.as_array().unwrap().is_empty());
        assert!(
            rows.as_array()
                .unwrap()
                .iter()
                .all(|c| c["lead_organisation_id"].as_i64() == Some(sup.organisation_id))
        );
    });
}
