//! The standard exports through the real router: HTCDS case data of the cases in the caller's
//! scope and the national CTDC submission, in JSON and CSV, with their permissions, checks,
//! audit entries, and nothing identifying in them.

use super::*;
use mayak_store::audit::{self, AuditQuery};
use serde_json::Map;

/// The exports' audit entries so far.
async fn exports_audited(store: &Store) -> Vec<mayak_store::audit::AuditEvent> {
    audit::search(
        store,
        &AuditQuery {
            action: Some("export.download".into()),
            limit: 1000,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// A CSV of codes (no field of these exports holds a comma or a quote) as header and rows.
fn csv_rows(body: &str) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(!body.contains('"'), "no quoted fields expected: {body}");
    let mut lines = body.lines();
    let head: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    (head, rows)
}

/// A JSON value as the CSV cell it must equal.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join(";"),
        other => panic!("unexpected value {other}"),
    }
}

/// Checks that the JSON array and the CSV hold the same records with the same fields.
fn agree(json: &[Value], csv: &str, fields: &[&str]) {
    let (head, rows) = csv_rows(csv);
    assert_eq!(head, fields, "CSV columns");
    assert_eq!(rows.len(), json.len(), "as many rows as records");
    for (obj, row) in json.iter().zip(&rows) {
        let obj: &Map<String, Value> = obj.as_object().unwrap();
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = fields.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want, "JSON keys");
        for (i, f) in fields.iter().enumerate() {
            assert_eq!(cell(&obj[*f]), row[i], "{f}");
        }
    }
}

/// Every code of the cases `login` reaches, read through the case list's API page by page.
async fn codes_in_case_list(app: &axum::Router, token: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut uri = "/api/v1/cases?limit=500&sort=oldest".to_owned();
    loop {
        let a = get_as(app, &uri, token).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        for c in a.json().as_array().unwrap() {
            out.insert(c["code"].as_str().unwrap().to_owned());
        }
        let link = a.header("link").to_owned();
        match link.split('<').nth(1).and_then(|l| l.split('>').next()) {
            Some(next) if !next.is_empty() => uri = next.to_owned(),
            _ => break,
        }
    }
    out
}

#[tokio::test]
async fn htcds_export_holds_exactly_the_callers_cases_by_the_standards_names() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let sup = token_for(&db.store, "supervisor").await;
        let before = exports_audited(&db.store).await.len();
        let json = get_as(&d.app, "/api/v1/exports/htcds?format=json", &cm).await;
        assert_eq!(json.status, StatusCode::OK, "{}", json.body);
        assert!(json.header("content-type").starts_with("application/json"));
        let disposition = json.header("content-disposition").to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\"mayak-htcds-")
                && disposition.ends_with(".json\""),
            "{disposition}"
        );
        let records = json.json().as_array().unwrap().clone();
        assert!(!records.is_empty(), "the case manager has demo cases");
        let fields = mayak_stats::htcds::FIELDS;
        for f in [
            "cas_Status",
            "prs_Gender",
            "prs_Nationality",
            "vic_MethodsOfControl",
            "vic_TypeOfExploitation",
        ] {
            assert!(fields.contains(&f), "{f}");
        }
        for r in &records {
            let g = r["prs_Gender"].as_str().unwrap();
            assert!(
                ["Male", "Female", "Transgender/NonConforming", "Unknown"].contains(&g),
                "{g}"
            );
            assert!(
                ["Active", "FollowUp", "Closed", "ClosedReferred"]
                    .contains(&r["cas_Status"].as_str().unwrap())
            );
            if let Some(n) = r["prs_Nationality"].as_str() {
                assert_eq!(n.len(), 2, "ISO alpha-2: {n}");
            }
        }
        // Scope: exactly the cases of the caller's case list, and the supervisor's differ.
        let exported: BTreeSet<String> = records
            .iter()
            .map(|r| r["mayak_CaseCode"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(exported.len(), records.len(), "one record per case");
        assert_eq!(exported, codes_in_case_list(&d.app, &cm).await);
        let sup_json = get_as(&d.app, "/api/v1/exports/htcds", &sup).await;
        let sup_codes: BTreeSet<String> = sup_json
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["mayak_CaseCode"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(sup_codes, codes_in_case_list(&d.app, &sup).await);
        assert_ne!(sup_codes, exported, "each sees their own cases");
        // CSV and JSON agree.
        let csv = get_as(&d.app, "/api/v1/exports/htcds?format=csv", &cm).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        agree(&records, &csv.body, &fields);
        // Nothing identifying: the persons' names and documents are in neither file.
        for code in exported.iter().take(5) {
            let id = get_as(&d.app, &format!("/api/v1/cases?code={code}"), &cm)
                .await
                .json()[0]["id"]
                .as_i64()
                .unwrap();
            let case = get_as(&d.app, &format!("/api/v1/cases/{id}"), &cm)
                .await
                .json();
            let person = &case["person"];
            assert!(
                person.is_object(),
                "the case manager sees the person: {case}"
            );
            let mut secrets: Vec<String> = vec![
                person["family_name"].as_str().unwrap().to_owned(),
                person["given_names"].as_str().unwrap().to_owned(),
            ];
            if let Some(b) = person["birth_date"].as_str() {
                secrets.push(b.to_owned());
            }
            for doc in person["documents"].as_array().unwrap() {
                secrets.push(doc["number"].as_str().unwrap().to_owned());
            }
            for p in person["phones"].as_array().unwrap() {
                secrets.push(p.as_str().unwrap().to_owned());
            }
            for s in &secrets {
                assert!(!json.body.contains(s.as_str()), "{s} in the JSON export");
                assert!(!csv.body.contains(s.as_str()), "{s} in the CSV export");
            }
        }
        assert!(!json.body.contains("(демо)"), "no demo name at all");
        // Every export is audited: who, what, the filters, how many.
        let after = exports_audited(&db.store).await;
        assert_eq!(after.len(), before + 3);
        let mine = after
            .iter()
            .find(|e| {
                e.login.as_deref() == Some("casemanager")
                    && e.fields
                        .as_deref()
                        .is_some_and(|f| f.starts_with("format=csv"))
            })
            .expect("the case manager's CSV export is audited");
        assert_eq!(mine.record_id.as_deref(), Some("htcds"));
        assert_eq!(
            mine.fields.as_deref(),
            Some(format!("format=csv;from=;to=;region=;records={}", records.len()).as_str())
        );
        // Filters: a region and a period narrow the export to the cases of the list's filter.
        let all: Vec<&Value> = records.iter().collect();
        let region = all[0]["mayak_Region"].as_str().unwrap().to_owned();
        let day = all[0]["mayak_RegisteredOn"].as_str().unwrap().to_owned();
        let narrow = get_as(
            &d.app,
            &format!("/api/v1/exports/htcds?region={region}&from={day}&to={day}"),
            &cm,
        )
        .await
        .json();
        let narrow = narrow.as_array().unwrap();
        let expected = all
            .iter()
            .filter(|r| {
                r["mayak_Region"] == region.as_str() && r["mayak_RegisteredOn"] == day.as_str()
            })
            .count();
        assert!(expected >= 1);
        assert_eq!(narrow.len(), expected);
        let last = exports_audited(&db.store).await;
        assert_eq!(
            last[0].fields.as_deref(),
            Some(
                format!("format=json;from={day};to={day};region={region};records={expected}")
                    .as_str()
            )
        );
    });
}

#[tokio::test]
async fn ctdc_submission_is_national_de_identified_and_in_ctdcs_codes() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let analyst = token_for(&db.store, "analyst").await;
        let json = get_as(&d.app, "/api/v1/exports/ctdc", &analyst).await;
        assert_eq!(json.status, StatusCode::OK, "{}", json.body);
        let rows = json.json().as_array().unwrap().clone();
        let source = mayak_store::stats::source(&db.store).await.unwrap();
        assert_eq!(rows.len(), source.cases.len(), "every countable case");
        assert!(!rows.is_empty());
        let columns = mayak_stats::ctdc::SUBMISSION_COLUMNS;
        let csv = get_as(&d.app, "/api/v1/exports/ctdc?format=csv", &analyst).await;
        assert_eq!(csv.status, StatusCode::OK);
        agree(&rows, &csv.body, &columns);
        let bands = [
            "0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+",
        ];
        for r in &rows {
            if let Some(a) = r["ageBroad"].as_str() {
                assert!(bands.contains(&a), "{a}");
                let minor = a == "0--8" || a == "9--17";
                assert_eq!(r["majorityStatus"], if minor { "Minor" } else { "Adult" });
            }
            for c in ["citizenship", "CountryOfExploitation"] {
                if let Some(x) = r[c].as_str() {
                    assert_eq!(x.len(), 3, "ISO alpha-3: {x}");
                }
            }
            for m in columns.iter().filter(|c| c.starts_with("means")) {
                assert!(r[*m].is_null() || r[*m] == "1", "{m}: {}", r[*m]);
            }
        }
        // No case codes or registration dates in it.
        let cm = token_for(&db.store, "casemanager").await;
        let some_code = get_as(&d.app, "/api/v1/cases?limit=1", &cm).await.json()[0]["code"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(!json.body.contains(&some_code) && !csv.body.contains(&some_code));
        assert!(!json.body.contains("(демо)"));
        // A region narrows it.
        let brest = get_as(&d.app, "/api/v1/exports/ctdc?region=BY-BR", &analyst).await;
        let expected = mayak_store::stats::source_filtered(
            &db.store,
            &mayak_store::stats::SourceFilter {
                region: Some("BY-BR".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .cases
        .len();
        assert_eq!(brest.json().as_array().unwrap().len(), expected);
        assert!(expected < rows.len());
        let audited = exports_audited(&db.store).await;
        assert_eq!(audited.len(), 3);
        assert_eq!(audited[0].record_id.as_deref(), Some("ctdc"));
        assert_eq!(
            audited[0].fields.as_deref(),
            Some(format!("format=json;from=;to=;region=BY-BR;records={expected}").as_str())
        );
    });
}

#[tokio::test]
async fn wrong_choices_are_explained_and_nothing_is_exported() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let a = get_as(
            &d.app,
            "/api/v1/exports/htcds?format=xml&from=2025-13-01&region=XX&lang=en",
            &cm,
        )
        .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
        assert!(
            a.header("content-type")
                .starts_with("application/problem+json")
        );
        let errors = a.json()["errors"].as_array().unwrap().clone();
        let code_of = |field: &str| {
            errors
                .iter()
                .find(|e| e["field"] == field)
                .unwrap_or_else(|| panic!("no error for {field}: {errors:?}"))["code"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        assert_eq!(code_of("format"), "unknown_code");
        assert_eq!(code_of("from"), "date_format");
        assert_eq!(code_of("region"), "unknown_code");
        let backwards = get_as(
            &d.app,
            "/api/v1/exports/ctdc?from=2025-02-01&to=2025-01-01",
            &token_for(&db.store, "analyst").await,
        )
        .await;
        assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(backwards.json()["errors"][0]["field"], "to");
        assert_eq!(backwards.json()["errors"][0]["code"], "before_start");
        let unknown = get_as(&d.app, "/api/v1/exports/htcds?name=Ivanova", &cm).await;
        assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
        // The page says the same in the request's language, on the form.
        for (lang, word) in [
            ("en", "Enter a date"),
            ("ru", "ГГГГ-ММ-ДД"),
            ("be", "ГГГГ-ММ-ДД"),
        ] {
            let page = get_as(
                &d.app,
                &format!("/statistics/exports/htcds?format=csv&from=1.1.2025&lang={lang}"),
                &cm,
            )
            .await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
            assert!(page.header("content-type").starts_with("text/html"));
            assert!(page.body.contains("href=\"#f-htcds-from\""), "{lang}");
            assert!(
                page.body
                    .contains("aria-invalid=\"true\" aria-describedby=\"err-htcds-from\"")
            );
            assert!(
                page.body.contains("value=\"1.1.2025\""),
                "the choice is kept"
            );
            assert!(page.body.contains(word), "{lang}: {}", page.body);
        }
        assert!(
            exports_audited(&db.store).await.is_empty(),
            "nothing exported"
        );
    });
}

#[tokio::test]
async fn only_the_roles_that_hold_an_export_make_it() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    for (login, htcds, ctdc) in [
        ("casemanager", true, false),
        ("supervisor", true, false),
        ("analyst", false, true),
        ("hotline", false, false),
        ("partner", false, false),
        ("admin", false, false),
        ("auditor", false, false),
    ] {
        let t = token_for(&db.store, login).await;
        for (path, allowed) in [("htcds", htcds), ("ctdc", ctdc)] {
            let api = get_as(&d.app, &format!("/api/v1/exports/{path}"), &t).await;
            let want = if allowed {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(api.status, want, "{login} {path}");
            let page = get_as(
                &d.app,
                &format!("/statistics/exports/{path}?format=csv"),
                &t,
            )
            .await;
            assert_eq!(page.status, want, "{login} page {path}");
        }
        let page = get_as(&d.app, "/statistics/exports?lang=en", &t).await;
        assert_eq!(page.status, StatusCode::OK, "{login}");
        assert_eq!(page.body.contains("id=\"htcds-form\""), htcds, "{login}");
        assert_eq!(page.body.contains("id=\"ctdc-form\""), ctdc, "{login}");
        assert_eq!(
            page.body.contains("id=\"exports-none\""),
            !htcds && !ctdc,
            "{login}"
        );
        if htcds || ctdc {
            assert!(
                page.body.contains("href=\"/statistics/exports\""),
                "{login}: the navigation"
            );
        }
    }
    // Denials are audited as such, never as exports.
    let audited = exports_audited(&db.store).await;
    assert!(
        audited.iter().all(
            |e| ["casemanager", "supervisor", "analyst"].contains(&e.login.as_deref().unwrap())
        )
    );
    db.cleanup().await;
}
