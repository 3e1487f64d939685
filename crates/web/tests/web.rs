//! Web tests: pages, API, middleware and catalogs, through the real router. Store-backed tests
//! run on SQLite and, with MAYAK_TEST_DATABASE_URL, on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use mayak_domain::{Clock, FixedClock, ListKind, token};
use mayak_store::Store;
use mayak_store::auth;
use mayak_testkit::{clock, each_backend, rng};
use mayak_web::{AppState, Catalogs, WebConfig, i18n};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use tower::ServiceExt;

#[path = "web/authz_sweep.rs"]
mod authz_sweep;
#[path = "web/case_list.rs"]
mod case_list;
#[path = "web/directory.rs"]
mod directory;
#[path = "web/exports.rs"]
mod exports;
#[path = "web/groups.rs"]
mod groups;
#[path = "web/mail.rs"]
mod mail;
#[path = "web/prevention.rs"]
mod prevention;
#[path = "web/referrals.rs"]
mod referrals;

async fn state(store: &Store, public_url: Option<&str>) -> AppState {
    state_with_clock(store, public_url, Arc::new(clock())).await
}

async fn state_with_clock(
    store: &Store,
    public_url: Option<&str>,
    clock: Arc<FixedClock>,
) -> AppState {
    let mut config = WebConfig::new("test");
    config.public_url = public_url.map(str::to_owned);
    config.demo = true;
    AppState {
        store: store.clone(),
        clock,
        rng: Arc::new(rng()),
        catalogs: Catalogs::load().unwrap(),
        vault: mayak_testkit::vault(store).await,
        metrics: Arc::default(),
        config: Arc::new(config),
    }
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn call(app: &axum::Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &axum::Router, uri: &str) -> Answer {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn demo_app(store: &Store) -> axum::Router {
    mayak_store::demo::load(
        store,
        &*mayak_testkit::vault(store).await,
        clock().now(),
        &rng(),
        Some(DEMO_PASSWORD),
    )
    .await
    .unwrap();
    mayak_web::router(state(store, None).await)
}

const DEMO_PASSWORD: &str = "test-password-1";

/// A bearer token for a demo login, issued directly in the store, valid for an hour.
async fn token_for(store: &Store, login: &str) -> String {
    token_for_hours(store, login, 1).await
}

/// A bearer token valid for `hours`.
async fn token_for_hours(store: &Store, login: &str, hours: i64) -> String {
    let account = auth::account_by_login(store, login).await.unwrap().unwrap();
    static SEED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1000);
    let seed = SEED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let secret = token::generate(&mayak_domain::SplitMix64::new(seed), "mayak_");
    let now = clock().now();
    auth::insert_token(
        store,
        &token::digest(&secret),
        account.user.id,
        "test",
        now,
        now + time::Duration::hours(hours),
    )
    .await
    .unwrap();
    secret
}

async fn get_as(app: &axum::Router, uri: &str, token: &str) -> Answer {
    call(
        app,
        Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn home_page_speaks_three_languages() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        for (lang, title) in [
            ("ru", "Противодействие торговле людьми — от начала до конца"),
            ("be", "Процідзеянне гандлю людзьмі — ад пачатку да канца"),
            ("en", "Counter-trafficking response, end to end"),
        ] {
            let a = get(&app, &format!("/?lang={lang}")).await;
            assert_eq!(a.status, StatusCode::OK);
            assert!(
                a.body.contains(&format!("<html lang=\"{lang}\">")),
                "{lang}"
            );
            assert!(a.body.contains(title), "{lang} title");
            assert!(a.body.contains("8 801 201 5555"));
            assert!(
                a.header("set-cookie")
                    .starts_with(&format!("mayak_lang={lang};"))
            );
        }
        // Default is Russian; Accept-Language is honoured; the cookie wins over the header.
        assert!(get(&app, "/").await.body.contains("<html lang=\"ru\">"));
        let en = call(
            &app,
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert!(en.body.contains("<html lang=\"en\">"));
        let be = call(
            &app,
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "en")
                .header(header::COOKIE, "mayak_lang=be")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert!(be.body.contains("<html lang=\"be\">"));
    });
}

#[tokio::test]
async fn pages_show_demo_data() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let t = token_for(&db.store, "analyst").await;
        let get = |app: &axum::Router, uri: &str| {
            let (app, uri, t) = (app.clone(), uri.to_owned(), t.clone());
            async move { get_as(&app, &uri, &t).await }
        };
        let partners = get(&app, "/partners?lang=en").await;
        assert_eq!(partners.status, StatusCode::OK);
        assert!(partners.body.contains("NGO Safe Way (hotline)"));
        let brest = get(&app, "/partners?lang=en&region=BY-BR&type=NGO").await;
        assert!(brest.body.contains("NGO Shore"));
        assert!(
            !brest.body.contains("NGO Open Doors"),
            "Gomel NGO filtered out"
        );
        assert!(brest.body.contains("3 organisations"), "{}", brest.body);
        let groups = get(&app, "/partners/groups?lang=ru").await;
        assert_eq!(groups.body.matches("<article class=\"card\">").count(), 7);
        let reference = get(&app, "/reference?lang=be").await;
        assert!(reference.body.contains("Тэмы зваротаў на гарачую лінію"));
        let countries = get(&app, "/reference/country?lang=en").await;
        assert!(countries.body.contains("BLR") && countries.body.contains("Беларусь"));
        assert_eq!(
            get(&app, "/reference/nonsense").await.status,
            StatusCode::NOT_FOUND
        );
        assert!(get(&app, "/").await.body.contains("demo-banner"));
    });
}

#[tokio::test]
async fn error_pages_are_html_in_the_request_language() {
    let db = mayak_testkit::sqlite().await;
    let app = mayak_web::router(state(&db.store, None).await);
    let a = get(&app, "/no/such/page?lang=en").await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.header("content-type").starts_with("text/html"));
    assert!(a.body.contains("Page not found"));
    let a = get(&app, "/no/such/page?lang=be").await;
    assert!(a.body.contains("Старонка не знойдзена"));
    let a = call(
        &app,
        Request::post("/partners").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(a.body.contains("Это действие здесь невозможно"));
    db.cleanup().await;
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let db = mayak_testkit::sqlite().await;
    for (public_url, hsts) in [(None, false), (Some("https://mayak.example.org"), true)] {
        let app = mayak_web::router(state(&db.store, public_url).await);
        for uri in [
            "/",
            "/api/v1/reference",
            "/nope",
            "/api/nope",
            "/static/mayak.css",
        ] {
            let a = get(&app, uri).await;
            let csp = a.header("content-security-policy");
            assert!(
                csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
                "{uri}: {csp}"
            );
            assert!(!csp.contains("unsafe-inline"), "{uri}");
            assert_eq!(a.header("x-content-type-options"), "nosniff", "{uri}");
            assert_eq!(a.header("referrer-policy"), "no-referrer", "{uri}");
            assert_eq!(
                !a.header("strict-transport-security").is_empty(),
                hsts,
                "{uri} HSTS"
            );
            if uri.starts_with("/static") {
                assert!(a.header("cache-control").contains("max-age"), "{uri}");
            } else {
                assert_eq!(a.header("cache-control"), "no-store", "{uri}");
            }
        }
    }
    db.cleanup().await;
}

#[tokio::test]
async fn templates_have_no_inline_script_or_style() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("<script>") && !text.contains("style=\"") && !text.contains("<style"),
            "{}",
            path.display()
        );
        assert!(!text.contains(" onclick="), "{}", path.display());
    }
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    each_backend!(|db| {
        let app = mayak_web::router(state(&db.store, None).await);
        let h = get(&app, "/healthz").await;
        assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
        assert_eq!(get(&app, "/readyz").await.status, StatusCode::OK);
        get(&app, "/api/v1/reference/region").await;
        get(&app, "/api/v1/reference/sex").await;
        get(&app, "/missing").await;
        let m = get(&app, "/metrics").await;
        assert!(m.header("content-type").starts_with("text/plain"));
        assert!(
            m.body.contains("mayak_http_requests_total{method=\"GET\",route=\"/api/v1/reference/{list}\",status=\"401\"} 2"),
            "{}",
            m.body
        );
        assert!(m.body.contains("route=\"unmatched\",status=\"404\""));
        assert!(m.body.contains("mayak_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",status=\"200\",le=\"+Inf\"} 1"));
        assert!(
            !m.body.contains("/api/v1/reference/region"),
            "concrete paths never become labels"
        );
        db.store.close().await;
        assert_eq!(
            get(&app, "/readyz").await.status,
            StatusCode::SERVICE_UNAVAILABLE
        );
    });
}

#[tokio::test]
async fn openapi_document_describes_every_api_route() {
    let db = mayak_testkit::sqlite().await;
    let app = demo_app(&db.store).await;
    let admin = token_for(&db.store, "admin").await;
    let a = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(a.status, StatusCode::OK);
    let doc = a.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    for p in [
        "/api/v1/reference",
        "/api/v1/reference/{list}",
        "/api/v1/organisations",
        "/api/v1/groups",
    ] {
        assert!(paths.contains(p), "{p} missing from {paths:?}");
    }
    // Every documented GET route answers (the document cannot describe routes that do not
    // exist), for the administrator or, for case routes, the case manager.
    let casemanager = token_for(&db.store, "casemanager").await;
    let hotline = token_for(&db.store, "hotline").await;
    let first_case = get_as(&app, "/api/v1/cases?limit=1", &casemanager)
        .await
        .json()[0]["id"]
        .as_i64()
        .unwrap();
    // Rehabilitation routes: the centre's staff, a demo stay and its shift.
    let rehab_staff = token_for(&db.store, "rehab").await;
    let demo_stay = mayak_store::rehab::stays_of_shift(
        &db.store,
        mayak_store::rehab::shifts(
            &db.store,
            None,
            time::macros::date!(2025 - 01 - 01),
            time::macros::date!(2027 - 01 - 01),
        )
        .await
        .unwrap()[0]
            .id,
    )
    .await
    .unwrap()[0]
        .clone();
    let editor = token_for(&db.store, "editor").await;
    let trainer = token_for(&db.store, "trainer").await;
    let first_campaign = get_as(&app, "/api/v1/campaigns", &editor).await.json()[0]["id"]
        .as_i64()
        .unwrap();
    let first_session = get_as(&app, "/api/v1/trainings", &trainer).await.json()[0]["id"]
        .as_i64()
        .unwrap();
    // Statistics releases: the analyst, and a release (without noise) prepared in the store.
    let analyst = token_for(&db.store, "analyst").await;
    let analyst_id = auth::account_by_login(&db.store, "analyst")
        .await
        .unwrap()
        .unwrap()
        .user
        .id;
    let release = mayak_store::publication::prepare(
        &db.store,
        "OpenAPI",
        "cases",
        &Default::default(),
        &mayak_store::publication::Spender {
            user_id: Some(analyst_id),
            name: "analyst".into(),
        },
        &Default::default(),
        clock().now(),
    )
    .await
    .unwrap()
    .unwrap()
    .id;
    for (p, item) in doc["paths"].as_object().unwrap() {
        if item.get("get").is_none() {
            continue;
        }
        let id = if p.starts_with("/api/v1/referrals/") {
            get_as(&app, "/api/v1/referrals", &casemanager).await.json()[0]["id"]
                .as_i64()
                .unwrap()
        } else if p.starts_with("/api/v1/statistics/releases/") {
            release
        } else if p.starts_with("/api/v1/organisations/") {
            mayak_store::orgs::organisation_by_slug(&db.store, "ngo-gomel-open-doors")
                .await
                .unwrap()
                .id
        } else if p.starts_with("/api/v1/rehabilitation/shifts") {
            demo_stay.shift_id
        } else if p.starts_with("/api/v1/rehabilitation/stays") {
            demo_stay.id
        } else if p.starts_with("/api/v1/groups/") {
            mayak_store::orgs::list_mdgs(&db.store).await.unwrap()[0].id
        } else {
            first_case
        };
        let concrete = p
            .replace("{list}", "region")
            .replace("{id}", &id.to_string())
            .replace("{campaign}", &first_campaign.to_string())
            .replace("{session}", &first_session.to_string())
            .replace("{quiz}", "safe-job-offer");
        let token = if p.starts_with("/api/v1/exports/ctdc") {
            &analyst
        } else if p.starts_with("/api/v1/cases")
            || p.starts_with("/api/v1/exports/htcds")
            || p.starts_with("/api/v1/referrals")
            || p.starts_with("/api/v1/organisations/")
        {
            &casemanager
        } else if p.starts_with("/api/v1/rehabilitation") {
            &rehab_staff
        } else if p.starts_with("/api/v1/hotline") {
            &hotline
        } else if p.starts_with("/api/v1/campaigns") {
            &editor
        } else if p.starts_with("/api/v1/trainings") {
            &trainer
        } else if p.starts_with("/api/v1/statistics") {
            &analyst
        } else {
            &admin
        };
        let r = get_as(&app, &concrete, token).await;
        assert_eq!(r.status, StatusCode::OK, "{concrete}");
    }
    // Every documented route is in the access table, with the same methods.
    for (p, item) in doc["paths"].as_object().unwrap() {
        for m in item.as_object().unwrap().keys() {
            let method = m.to_uppercase();
            assert!(
                mayak_web::routes::guard(&method, p).is_some(),
                "{method} {p} has no access rule"
            );
        }
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    db.cleanup().await;
}

#[tokio::test]
async fn api_returns_reference_data_with_standard_codes() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let t = token_for(&db.store, "analyst").await;
        let get = |app: &axum::Router, uri: &str| {
            let (app, uri, t) = (app.clone(), uri.to_owned(), t.clone());
            async move { get_as(&app, &uri, &t).await }
        };
        let lists = get(&app, "/api/v1/reference").await.json();
        assert_eq!(lists.as_array().unwrap().len(), ListKind::ALL.len());
        let topics = get(&app, "/api/v1/reference/hotline_topic").await.json();
        let codes: Vec<&str> = topics
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes[0], "EmploymentAbroad");
        assert!(codes.contains(&"PassportAndVisa"));
        let orgs = get(&app, "/api/v1/organisations?region=BY-HO&type=NGO")
            .await
            .json();
        let slugs: Vec<&str> = orgs
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["slug"].as_str().unwrap())
            .collect();
        assert_eq!(slugs.len(), 2, "{slugs:?}");
        assert!(orgs[0]["may_identify"].is_boolean());
        let groups = get(&app, "/api/v1/groups").await.json();
        assert_eq!(groups.as_array().unwrap().len(), 7);
    });
}

#[tokio::test]
async fn garbage_gets_a_problem_document_never_a_5xx() {
    let db = mayak_testkit::sqlite().await;
    let app = demo_app(&db.store).await;
    let admin = token_for(&db.store, "admin").await;
    let call = |app: &axum::Router, mut req: Request<Body>| {
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {admin}").parse().unwrap(),
        );
        let app = app.clone();
        async move { call(&app, req).await }
    };
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            Request::get("/api/v1/nope").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
        (
            Request::get("/api/v1/reference/nope")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
        (
            Request::post("/api/v1/reference")
                .body(Body::from("{"))
                .unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
        ),
        (
            Request::delete("/api/v1/organisations")
                .body(Body::empty())
                .unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
        ),
        (
            Request::get("/api/v1/reference/region?include_retired=perhaps")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "invalid-query",
        ),
        (
            Request::get("/api/v1/reference/region?unknown=1")
                .body(Body::empty())
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "invalid-query",
        ),
        (
            Request::get("/api/v1/organisations?region=%ff%fe")
                .body(Body::empty())
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            Request::get("/api/v1/organisations?region=BY-XX&type=Pirates")
                .body(Body::empty())
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        ),
        (
            Request::get("/api/v1/reference/%00%ff")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
    ];
    for (req, status, slug) in cases {
        let what = format!("{} {}", req.method(), req.uri());
        let a = call(&app, req).await;
        assert_eq!(a.status, status, "{what}: {}", a.body);
        assert_eq!(
            a.header("content-type"),
            "application/problem+json",
            "{what}"
        );
        let p = a.json();
        assert_eq!(p["type"], format!("urn:mayak:problem:{slug}"), "{what}");
        assert_eq!(p["status"], status.as_u16(), "{what}");
        assert!(
            !p["title"].as_str().unwrap().is_empty() && !p["detail"].as_str().unwrap().is_empty(),
            "{what}"
        );
    }
    let v = call(
        &app,
        Request::get("/api/v1/organisations?region=BY-XX&type=Pirates&lang=en")
            .body(Body::empty())
            .unwrap(),
    )
    .await
    .json();
    let fields: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["region", "type"]);
    assert_eq!(v["errors"][0]["code"], "unknown_code");
    assert_eq!(
        v["errors"][0]["message"],
        "Not a known value: choose one from the list."
    );
    assert_eq!(v["detail"], "2 fields need correcting; see errors.");
    let en = call(
        &app,
        Request::get("/api/v1/nope")
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(en.json()["title"], "Not found");
    db.cleanup().await;
}

#[tokio::test]
async fn static_assets_are_embedded() {
    let db = mayak_testkit::sqlite().await;
    let app = mayak_web::router(state(&db.store, None).await);
    for (name, ctype) in [
        ("mayak.css", "text/css"),
        ("mayak.js", "text/javascript"),
        ("mayak.svg", "image/svg+xml"),
    ] {
        let a = get(&app, &format!("/static/{name}")).await;
        assert_eq!(a.status, StatusCode::OK, "{name}");
        assert!(a.header("content-type").starts_with(ctype), "{name}");
    }
    assert_eq!(
        get(&app, "/static/nope.js").await.status,
        StatusCode::NOT_FOUND
    );
    db.cleanup().await;
}

/// Keys a piece of source text asks the catalogs for: `t("…")`, `tn("…"`, `ts("…"`.
fn used_keys(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for pat in [".t(\"", ".tn(\"", ".ts(\"", "key: \""] {
        for (i, _) in text.match_indices(pat) {
            let rest = &text[i + pat.len()..];
            if let Some(end) = rest.find('"') {
                let key = &rest[..end];
                if !key.is_empty()
                    && key.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    })
                {
                    out.insert(key.to_owned());
                }
            }
        }
    }
    out
}

fn files(dir: &std::path::Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

#[test]
fn every_key_is_translated_in_every_language() {
    let sets: Vec<(&str, BTreeSet<String>)> = i18n::SOURCES
        .iter()
        .map(|(l, srcs)| {
            let keys: Vec<String> = srcs.iter().flat_map(|src| i18n::keys(src)).collect();
            let set: BTreeSet<String> = keys.iter().cloned().collect();
            assert_eq!(set.len(), keys.len(), "{} defines a key twice", l.code());
            (l.code(), set)
        })
        .collect();
    let union: BTreeSet<String> = sets.iter().flat_map(|(_, s)| s.iter().cloned()).collect();
    for (lang, set) in &sets {
        let missing: Vec<_> = union.difference(set).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
    // Every key the code and templates use exists.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files(&root.join("templates"), "html", &mut sources);
    files(&root.join("src"), "rs", &mut sources);
    let mut used = BTreeSet::new();
    for f in &sources {
        used.extend(used_keys(&std::fs::read_to_string(f).unwrap()));
    }
    assert!(
        used.len() > 30,
        "the key scanner found too little: {used:?}"
    );
    let unknown: Vec<_> = used.difference(&union).collect();
    assert!(
        unknown.is_empty(),
        "keys used but not in the catalogs: {unknown:?}"
    );
    // Keys built at run time.
    let catalogs = Catalogs::load().unwrap();
    let mut dynamic: Vec<String> = ListKind::ALL
        .iter()
        .map(|k| format!("list-{}", k.code()))
        .collect();
    for slug in [
        "validation",
        "malformed-json",
        "invalid-json",
        "invalid-query",
        "unsupported-media-type",
        "payload-too-large",
        "not-found",
        "method-not-allowed",
        "unauthorized",
        "forbidden",
        "conflict",
        "too-many-requests",
        "unavailable",
        "internal",
        "invalid-credentials",
        "mfa-enrolment-required",
    ] {
        dynamic.push(format!("problem-{slug}"));
        dynamic.push(format!("problem-{slug}-detail"));
    }
    for page in [
        "bad-request",
        "unauthorized",
        "forbidden",
        "not-found",
        "method",
        "too-many",
        "unavailable",
        "internal",
    ] {
        dynamic.push(format!("error-page-{page}-title"));
        dynamic.push(format!("error-page-{page}-text"));
    }
    // Every rule code any FieldError is built with, found in the sources of domain and web.
    let mut rust = Vec::new();
    files(&root.join("src"), "rs", &mut rust);
    files(&root.join("../domain/src"), "rs", &mut rust);
    let mut codes: BTreeSet<String> = ["required", "too_long", "unknown_code"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for f in &rust {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, _) in text.match_indices("FieldError::new(") {
            let call = &text[i..text[i..].find(')').map_or(text.len(), |e| i + e)];
            if let Some(last) = call.rsplit('"').nth(1)
                && last.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !last.is_empty()
            {
                codes.insert(last.to_owned());
            }
        }
    }
    assert!(
        codes.contains("password_common") && codes.contains("login_chars"),
        "{codes:?}"
    );
    for code in &codes {
        dynamic.push(format!("field-{}", code.replace('_', "-")));
    }
    for role in mayak_domain::Role::ALL {
        dynamic.push(format!("role-{}", role.code().replace('_', "-")));
    }
    for n in [
        "created",
        "saved",
        "disabled",
        "enabled",
        "mfa-reset",
        "sessions-ended",
        "session-ended",
        "token-revoked",
        "added",
        "retired",
        "restored",
        "password-changed",
    ] {
        dynamic.push(format!("notice-{n}"));
    }
    for (lang, _) in i18n::SOURCES {
        for key in &dynamic {
            assert!(catalogs.has(lang, key), "{} lacks {key}", lang.code());
        }
    }
}

#[test]
fn plurals_follow_each_language() {
    let c = Catalogs::load().unwrap();
    let tr = |lang| mayak_web::Tr::new(lang, c.clone());
    use mayak_domain::Lang::*;
    assert_eq!(tr(Ru).tn("partners-count", "count", 1i64), "1 организация");
    assert_eq!(tr(Ru).tn("partners-count", "count", 3i64), "3 организации");
    assert_eq!(
        tr(Ru).tn("partners-count", "count", 11i64),
        "11 организаций"
    );
    assert_eq!(
        tr(Ru).tn("partners-count", "count", 21i64),
        "21 организация"
    );
    assert_eq!(
        tr(Be).tn("partners-count", "count", 22i64),
        "22 арганізацыі"
    );
    assert_eq!(tr(En).tn("partners-count", "count", 1i64), "1 organisation");
    assert_eq!(
        tr(En).tn("partners-count", "count", 2i64),
        "2 organisations"
    );
}

// ---- Identity, sessions and access control ------------------------------------------------------

/// A browser: keeps cookies between requests, like the real one.
struct Browser {
    app: axum::Router,
    cookies: std::collections::BTreeMap<String, String>,
}

impl Browser {
    fn new(app: &axum::Router) -> Self {
        Self {
            app: app.clone(),
            cookies: Default::default(),
        }
    }

    fn session_cookie(&self) -> Option<String> {
        self.cookies.get("__Host-mayak_session").cloned()
    }

    async fn send(&mut self, mut req: Request<Body>) -> Answer {
        if !self.cookies.is_empty() {
            let c: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req.headers_mut()
                .insert(header::COOKIE, c.join("; ").parse().unwrap());
        }
        let a = call(&self.app, req).await;
        for v in a.headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (pair, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), val.to_owned());
            }
        }
        a
    }

    async fn get(&mut self, uri: &str) -> Answer {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    async fn post(&mut self, uri: &str, pairs: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        let req = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Submits the sign-in form as a person would: open it, fill it in, send it.
    async fn sign_in(&mut self, login: &str, password: &str) -> Answer {
        let form = self.get("/login").await;
        let token = hidden(&form.body, "_login");
        let csrf = hidden(&form.body, "_csrf");
        let mut pairs = vec![
            ("login", login),
            ("password", password),
            ("_login", token.as_str()),
            ("next", "/account"),
        ];
        if !csrf.is_empty() {
            pairs.push(("_csrf", csrf.as_str()));
        }
        self.post("/login", &pairs).await
    }

    /// The CSRF token of the current page's forms.
    async fn csrf(&mut self) -> String {
        let page = self.get("/account").await;
        hidden(&page.body, "_csrf")
    }
}

/// The value of a hidden form field in a page.
fn hidden(html: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    html.find(&needle)
        .map(|i| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .unwrap_or_default()
}

fn location(a: &Answer) -> &str {
    a.header("location")
}

/// The current TOTP code of an enrolling or enrolled user, read from the store as the phone would compute it.
async fn totp_code(store: &Store, login: &str, at: time::OffsetDateTime) -> String {
    let account = auth::account_by_login(store, login).await.unwrap().unwrap();
    let secret = mayak_domain::totp::TotpSecret::from_bytes(account.totp_secret.unwrap());
    format!(
        "{:06}",
        secret.code_at_step(at.unix_timestamp().div_euclid(30))
    )
}

struct Demo {
    app: axum::Router,
    clock: Arc<FixedClock>,
}

async fn demo(store: &Store) -> Demo {
    mayak_store::demo::load(
        store,
        &*mayak_testkit::vault(store).await,
        clock().now(),
        &rng(),
        Some(DEMO_PASSWORD),
    )
    .await
    .unwrap();
    let clock = Arc::new(clock());
    Demo {
        app: mayak_web::router(state_with_clock(store, None, clock.clone()).await),
        clock,
    }
}

/// A concrete path for a route template; ids that exist nowhere, so allowed writes change nothing.
fn concrete(path: &str) -> String {
    path.replace("{list}", "recruitment_app")
        .replace("{code}", "NoSuchCode")
        .replace("{dataset}", "nothing")
        .replace("{region}", "BY-HO")
        .replace("{id}", "999999")
        .replace("{handle}", "0000000000000000")
        .replace("{name}", "mayak.css")
        // Prevention: public routes name demo records that exist; the others name none.
        .replace("{quiz}", "safe-job-offer")
        .replace("{page}", "safe-travel")
        .replace("{campaign}", "999999")
        .replace("{session}", "999999")
        .replace("{material}", "999999")
        .replace("{event}", "999999")
        .replace("{participant}", "999999")
        .replace("{question}", "999999")
        .replace("{member}", "999999")
}

#[tokio::test]
async fn anonymous_callers_are_sent_to_sign_in() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    for (method, path, guard) in mayak_web::routes::ROUTES {
        let req = Request::builder()
            .method(*method)
            .uri(concrete(path))
            .body(Body::empty())
            .unwrap();
        let a = call(&d.app, req).await;
        let what = format!("{method} {path}");
        // A public file of an unapproved or missing release answers 404 by design (the demo
        // has no approved release); web/publication.rs downloads a real one.
        // So does the Viber webhook while no bot token is configured (web/viber.rs turns it on).
        let not_found_by_design =
            *path == "/public/statistics/releases/{id}/files/{name}" || *path == "/channels/viber";
        assert!(
            a.status != StatusCode::NOT_FOUND || not_found_by_design,
            "{what}: the access table names a route the router lacks"
        );
        assert_ne!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{what}");
        match guard {
            mayak_domain::access::Guard::Public => {
                assert_ne!(a.status, StatusCode::UNAUTHORIZED, "{what}");
                assert!(!location(&a).starts_with("/login?next"), "{what}");
            }
            _ if path.starts_with("/api/") => {
                assert_eq!(a.status, StatusCode::UNAUTHORIZED, "{what}");
                assert_eq!(
                    a.header("content-type"),
                    "application/problem+json",
                    "{what}"
                );
                assert_eq!(a.header("www-authenticate"), "Bearer", "{what}");
            }
            _ => {
                assert_eq!(a.status, StatusCode::SEE_OTHER, "{what}");
                assert!(
                    location(&a).starts_with("/login?next=/"),
                    "{what}: {}",
                    location(&a)
                );
            }
        }
    }
    db.cleanup().await;
}

#[test]
fn every_route_in_the_sources_has_an_access_rule() {
    // Routes registered with `.route(...)` (pages and infrastructure); API routes are checked
    // against the OpenAPI document in `openapi_document_describes_every_api_route`.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (file, prefix) in [
        ("pages/mod.rs", ""),
        ("lib.rs", ""),
        ("assets.rs", "/static"),
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let parts: Vec<&str> = text.split(".route(").skip(1).collect();
        for part in parts {
            let Some(path) = part
                .trim_start()
                .strip_prefix('"')
                .and_then(|p| p.split('"').next())
            else {
                continue;
            };
            let stmt = part.split(".route(").next().unwrap_or(part);
            for (needle, method) in [
                ("get(", "GET"),
                ("post(", "POST"),
                ("put(", "PUT"),
                ("patch(", "PATCH"),
                ("delete(", "DELETE"),
            ] {
                if stmt.contains(needle) {
                    found.push((method, format!("{prefix}{path}")));
                }
            }
        }
    }
    assert!(
        found.len() >= 30,
        "the route scanner found too little: {found:?}"
    );
    for (method, path) in &found {
        assert!(
            mayak_web::routes::guard(method, path).is_some(),
            "{method} {path} has no access rule in routes.rs"
        );
    }
}

#[tokio::test]
async fn every_role_against_every_route() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        for (login, role, _, _) in mayak_store::demo::DEMO_USERS {
            let t = token_for(&db.store, login).await;
            for (method, path, guard) in mayak_web::routes::ROUTES {
                let allowed = match guard {
                    mayak_domain::access::Guard::Public | mayak_domain::access::Guard::SignedIn => {
                        true
                    }
                    mayak_domain::access::Guard::Needs(p) => {
                        mayak_domain::access::allows(&[*role], *p)
                    }
                };
                let req = Request::builder()
                    .method(*method)
                    .uri(concrete(path))
                    .header(header::AUTHORIZATION, format!("Bearer {t}"))
                    .body(Body::empty())
                    .unwrap();
                let a = call(&d.app, req).await;
                let what = format!("{login} {method} {path}: {}", a.status);
                if allowed {
                    assert!(
                        a.status != StatusCode::FORBIDDEN && a.status != StatusCode::UNAUTHORIZED,
                        "{what}"
                    );
                    assert!(!a.status.is_server_error(), "{what}");
                } else {
                    assert_eq!(a.status, StatusCode::FORBIDDEN, "{what}");
                }
            }
        }
        let denials = mayak_store::audit::recent(&db.store, Some("access.denied"), 1000)
            .await
            .unwrap();
        assert!(
            denials.len() > 50,
            "denials are recorded: {}",
            denials.len()
        );
        assert!(denials.iter().all(|e| e.user_id.is_some()
            && e.outcome == "denied"
            && e.record_type.as_deref() == Some("route")));
    });
}

#[tokio::test]
async fn sign_in_with_a_password_then_out() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let mut b = Browser::new(&d.app);
        let a = b.sign_in("analyst", DEMO_PASSWORD).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        assert_eq!(location(&a), "/account");
        let set = a
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect::<Vec<_>>();
        let session = set
            .iter()
            .find(|c| c.starts_with("__Host-mayak_session="))
            .expect("a session cookie");
        for attr in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
            assert!(session.contains(attr), "{session}");
        }
        let value = b.session_cookie().unwrap();
        assert!(value.len() >= 43, "at least 256 bits");
        assert_eq!(b.get("/partners").await.status, StatusCode::OK);
        let forbidden = b.get("/admin/users").await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
        assert!(
            forbidden.body.contains("Дмитрий Счётов (демо)"),
            "error pages keep the signed-in header"
        );
        assert!(
            forbidden.body.contains("Справочник партнёров"),
            "and the role's navigation"
        );
        let me = b.get("/api/v1/me").await.json();
        assert_eq!(me["login"], "analyst");
        assert_eq!(
            me["permissions"],
            serde_json::json!([
                "directory.read",
                "reference.read",
                "rehabilitation.stats",
                "hotline.statistics",
                "prevention.stats",
                "statistics.releases.prepare",
                "statistics.releases.approve",
                "statistics.read",
                "exports.ctdc"
            ])
        );
        // The session is stored only as a digest.
        let stored: Vec<String> = auth::list_sessions(&db.store, d.clock.now())
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.token_hash)
            .collect();
        assert!(!stored.contains(&value) && stored.contains(&token::digest(&value)));
        let csrf = b.csrf().await;
        let out = b.post("/logout", &[("_csrf", &csrf)]).await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert!(b.session_cookie().is_none(), "cookie cleared");
        // Logging out ends the session on the server, even for a copy of the cookie.
        let mut copy = Browser::new(&d.app);
        copy.cookies.insert("__Host-mayak_session".into(), value);
        assert_eq!(copy.get("/partners").await.status, StatusCode::SEE_OTHER);
        let events: Vec<String> = mayak_store::audit::recent(&db.store, None, 50)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert!(
            events.contains(&"login.success".to_owned()) && events.contains(&"logout".to_owned()),
            "{events:?}"
        );
    });
}

#[tokio::test]
async fn unknown_users_and_wrong_passwords_get_the_same_answer() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let mut b = Browser::new(&d.app);
    let wrong = b.sign_in("analyst", "not-the-password").await;
    let unknown = b.sign_in("nobody-here", "not-the-password").await;
    let disabled_login = {
        let id = auth::account_by_login(&db.store, "trainer")
            .await
            .unwrap()
            .unwrap()
            .user
            .id;
        auth::set_disabled(&db.store, id, true, d.clock.now())
            .await
            .unwrap();
        b.sign_in("trainer", DEMO_PASSWORD).await
    };
    for a in [&wrong, &unknown, &disabled_login] {
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
        assert!(a.body.contains("Неверный логин или пароль"));
    }
    let strip = |s: &str| {
        s.replace(&hidden(s, "_login"), "")
            .replace("analyst", "")
            .replace("nobody-here", "")
            .replace("trainer", "")
    };
    assert_eq!(
        strip(&wrong.body),
        strip(&unknown.body),
        "the pages differ only by the login typed"
    );
    let failures = mayak_store::audit::recent(&db.store, Some("login.failure"), 10)
        .await
        .unwrap();
    assert_eq!(failures.len(), 3);
    db.cleanup().await;
}

#[tokio::test]
async fn brute_force_is_throttled_per_account_and_per_address() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let mut b = Browser::new(&d.app);
    for i in 1..=4 {
        assert_eq!(
            b.sign_in("analyst", "wrong-password-123").await.status,
            StatusCode::UNAUTHORIZED,
            "attempt {i}"
        );
    }
    let locked = b.sign_in("analyst", "wrong-password-123").await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(locked.header("retry-after"), "900");
    assert!(locked.body.contains("Слишком много неудачных попыток"));
    // Even the right password waits for the lock to end.
    assert_eq!(
        b.sign_in("analyst", DEMO_PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The API answers 429 with Retry-After too.
    let api = call(
        &d.app,
        Request::post("/api/v1/auth/login")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                r#"{"login":"analyst","password":"test-password-1"}"#,
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!api.header("retry-after").is_empty());
    d.clock.advance(time::Duration::minutes(16));
    assert_eq!(
        b.sign_in("analyst", DEMO_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    db.cleanup().await;
}

#[tokio::test]
async fn many_accounts_from_one_address_are_throttled() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let mut b = Browser::new(&d.app);
    let mut last = StatusCode::OK;
    for i in 0..50 {
        // A different (mostly unknown) login each time: the per-account limit never trips.
        last = b
            .sign_in(&format!("guess{i}"), "wrong-password-123")
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        b.sign_in("analyst", DEMO_PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    db.cleanup().await;
}

#[tokio::test]
async fn administrators_enrol_a_second_factor_and_use_it() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let mut b = Browser::new(&d.app);
        let a = b.sign_in("admin", DEMO_PASSWORD).await;
        assert_eq!(location(&a), "/login/enrol?next=/account");
        let pending = b.session_cookie().unwrap();
        // Half-way is not signed in.
        assert_eq!(
            location(&b.get("/admin/users").await),
            "/login/second-factor?next=/admin/users"
        );
        let page = b.get("/login/enrol").await;
        assert!(page.body.contains("id=\"totp-secret\"") && page.body.contains("<svg"));
        let csrf = hidden(&page.body, "_csrf");
        let bad = b
            .post(
                "/login/enrol",
                &[("code", "000000"), ("_csrf", &csrf), ("next", "/account")],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let code = totp_code(&db.store, "admin", d.clock.now()).await;
        let done = b
            .post(
                "/login/enrol",
                &[("code", &code), ("_csrf", &csrf), ("next", "/account")],
            )
            .await;
        assert_eq!(done.status, StatusCode::OK);
        let codes: Vec<String> = done
            .body
            .split("<li><code>")
            .skip(1)
            .map(|c| c[..c.find('<').unwrap()].to_owned())
            .collect();
        assert_eq!(codes.len(), 10);
        // The session identifier changed when the sign-in completed (no fixation).
        let full = b.session_cookie().unwrap();
        assert_ne!(full, pending);
        let mut attacker = Browser::new(&d.app);
        attacker
            .cookies
            .insert("__Host-mayak_session".into(), pending.clone());
        assert_eq!(
            attacker.get("/admin/users").await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(b.get("/admin/users").await.status, StatusCode::OK);

        // Next sign-in asks for the code; a code works once.
        let csrf = b.csrf().await;
        b.post("/logout", &[("_csrf", &csrf)]).await;
        let a = b.sign_in("admin", DEMO_PASSWORD).await;
        assert_eq!(location(&a), "/login/second-factor?next=/account");
        let page = b.get("/login/second-factor").await;
        let csrf = hidden(&page.body, "_csrf");
        let replay = b
            .post("/login/second-factor", &[("code", &code), ("_csrf", &csrf)])
            .await;
        assert_eq!(
            replay.status,
            StatusCode::UNAUTHORIZED,
            "the enrolment code cannot be replayed"
        );
        d.clock.advance(time::Duration::seconds(30));
        let fresh = totp_code(&db.store, "admin", d.clock.now()).await;
        let ok = b
            .post(
                "/login/second-factor",
                &[("code", &fresh), ("_csrf", &csrf)],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(b.get("/admin/sessions").await.status, StatusCode::OK);

        // A recovery code works once.
        let csrf = b.csrf().await;
        b.post("/logout", &[("_csrf", &csrf)]).await;
        b.sign_in("admin", DEMO_PASSWORD).await;
        let csrf = hidden(&b.get("/login/second-factor").await.body, "_csrf");
        let r = b
            .post(
                "/login/second-factor",
                &[("code", &codes[3].to_uppercase()), ("_csrf", &csrf)],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "recovery code, typed in capitals"
        );
        let csrf = b.csrf().await;
        b.post("/logout", &[("_csrf", &csrf)]).await;
        b.sign_in("admin", DEMO_PASSWORD).await;
        let csrf = hidden(&b.get("/login/second-factor").await.body, "_csrf");
        let again = b
            .post(
                "/login/second-factor",
                &[("code", &codes[3]), ("_csrf", &csrf)],
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::UNAUTHORIZED,
            "a used recovery code is refused"
        );
        let left = auth::recovery_codes_left(
            &db.store,
            auth::account_by_login(&db.store, "admin")
                .await
                .unwrap()
                .unwrap()
                .user
                .id,
        )
        .await
        .unwrap();
        assert_eq!(left, 9);
    });
}

#[tokio::test]
async fn state_changes_need_the_session_csrf_token() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let mut b = Browser::new(&d.app);
    b.sign_in("analyst", DEMO_PASSWORD).await;
    let csrf = b.csrf().await;
    assert!(csrf.len() >= 43);
    assert_eq!(b.post("/logout", &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        b.post("/logout", &[("_csrf", "forged")]).await.status,
        StatusCode::FORBIDDEN
    );
    let cross = Request::post("/logout")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(format!("_csrf={csrf}")))
        .unwrap();
    assert_eq!(b.send(cross).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        b.get("/partners").await.status,
        StatusCode::OK,
        "still signed in"
    );
    assert_eq!(
        b.post("/logout", &[("_csrf", &csrf)]).await.status,
        StatusCode::SEE_OTHER
    );
    let rejected = mayak_store::audit::recent(&db.store, Some("csrf.rejected"), 10)
        .await
        .unwrap();
    assert_eq!(rejected.len(), 2);
    assert_eq!(
        mayak_store::audit::recent(&db.store, Some("csrf.cross_site"), 10)
            .await
            .unwrap()
            .len(),
        1
    );
    db.cleanup().await;
}

#[tokio::test]
async fn sessions_end_when_idle_and_at_their_absolute_limit() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let mut b = Browser::new(&d.app);
    b.sign_in("analyst", DEMO_PASSWORD).await;
    d.clock.advance(time::Duration::minutes(29));
    assert_eq!(
        b.get("/partners").await.status,
        StatusCode::OK,
        "29 idle minutes"
    );
    d.clock.advance(time::Duration::minutes(29));
    assert_eq!(
        b.get("/partners").await.status,
        StatusCode::OK,
        "activity keeps it alive"
    );
    d.clock.advance(time::Duration::minutes(31));
    assert_eq!(
        b.get("/partners").await.status,
        StatusCode::SEE_OTHER,
        "31 idle minutes end it"
    );

    b.sign_in("analyst", DEMO_PASSWORD).await;
    for _ in 0..(12 * 60 / 20 - 1) {
        d.clock.advance(time::Duration::minutes(20));
        assert_eq!(b.get("/partners").await.status, StatusCode::OK);
    }
    d.clock.advance(time::Duration::minutes(20));
    assert_eq!(
        b.get("/partners").await.status,
        StatusCode::SEE_OTHER,
        "12 hours end any session"
    );
    db.cleanup().await;
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_and_tokens_at_once() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let mut analyst = Browser::new(&d.app);
        analyst.sign_in("analyst", DEMO_PASSWORD).await;
        let analyst_token = token_for(&db.store, "analyst").await;
        assert_eq!(
            get_as(&d.app, "/api/v1/me", &analyst_token).await.status,
            StatusCode::OK
        );
        let admin = token_for(&db.store, "admin").await;
        let id = auth::account_by_login(&db.store, "analyst")
            .await
            .unwrap()
            .unwrap()
            .user
            .id;
        let req = Request::post(format!("/admin/users/{id}/disable"))
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .body(Body::empty())
            .unwrap();
        let a = call(&d.app, req).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
        assert_eq!(analyst.get("/partners").await.status, StatusCode::SEE_OTHER);
        assert_eq!(
            get_as(&d.app, "/api/v1/me", &analyst_token).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            analyst.sign_in("analyst", DEMO_PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
        let events = mayak_store::audit::recent(&db.store, Some("user.disable"), 5)
            .await
            .unwrap();
        assert_eq!(
            events[0].record_id.as_deref(),
            Some(id.to_string().as_str())
        );
    });
}

#[tokio::test]
async fn api_tokens_carry_their_users_permissions_and_expire() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let t = token_for(&db.store, "partner").await;
    let me = get_as(&d.app, "/api/v1/me", &t).await.json();
    assert_eq!(me["login"], "partner");
    assert_eq!(me["authenticated_by"], "token");
    assert_eq!(me["organisation"]["slug"], "ngo-gomel-open-doors");
    assert_eq!(
        get_as(&d.app, "/api/v1/users", &t).await.status,
        StatusCode::FORBIDDEN
    );
    let bad = get_as(&d.app, "/api/v1/me", "mayak_forged").await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.json()["type"], "urn:mayak:problem:unauthorized");
    // A bad token is refused even on public routes, so a mistake is noticed.
    assert_eq!(
        get_as(&d.app, "/", "mayak_forged").await.status,
        StatusCode::UNAUTHORIZED
    );
    d.clock.advance(time::Duration::minutes(61));
    assert_eq!(
        get_as(&d.app, "/api/v1/me", &t).await.status,
        StatusCode::UNAUTHORIZED,
        "expired"
    );
    let t2 = {
        let account = auth::account_by_login(&db.store, "partner")
            .await
            .unwrap()
            .unwrap();
        let secret = token::generate(&mayak_domain::SplitMix64::new(77), "mayak_");
        let now = d.clock.now();
        let id = auth::insert_token(
            &db.store,
            &token::digest(&secret),
            account.user.id,
            "x",
            now,
            now + time::Duration::hours(1),
        )
        .await
        .unwrap();
        auth::revoke_token(&db.store, id, now).await.unwrap();
        secret
    };
    assert_eq!(
        get_as(&d.app, "/api/v1/me", &t2).await.status,
        StatusCode::UNAUTHORIZED,
        "revoked"
    );
    db.cleanup().await;
}

#[tokio::test]
async fn api_clients_sign_in_with_a_session() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let mut b = Browser::new(&d.app);
    let login = |body: &str| {
        Request::post("/api/v1/auth/login")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let a = b
        .send(login(r#"{"login":"analyst","password":"test-password-1"}"#))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let body = a.json();
    assert_eq!(body["user"]["login"], "analyst");
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();
    assert_eq!(
        b.get("/api/v1/me").await.json()["authenticated_by"],
        "session"
    );
    let no_csrf = b
        .send(
            Request::post("/api/v1/auth/logout")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(no_csrf.status, StatusCode::FORBIDDEN);
    let out = b
        .send(
            Request::post("/api/v1/auth/logout")
                .header("x-csrf-token", &csrf)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(b.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);

    let wrong = b
        .send(login(r#"{"login":"analyst","password":"nope-nope-nope"}"#))
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.json()["type"],
        "urn:mayak:problem:invalid-credentials"
    );
    let unknown = b
        .send(login(r#"{"login":"ghost","password":"nope-nope-nope"}"#))
        .await;
    assert_eq!(unknown.body, wrong.body, "no user enumeration");
    let admin = b
        .send(login(r#"{"login":"admin","password":"test-password-1"}"#))
        .await;
    assert_eq!(admin.status, StatusCode::FORBIDDEN);
    assert_eq!(
        admin.json()["type"],
        "urn:mayak:problem:mfa-enrolment-required"
    );
    let missing = b.send(login(r#"{"login":"","password":""}"#)).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let extra = b
        .send(login(r#"{"login":"a","password":"b","role":"admin"}"#))
        .await;
    assert_eq!(
        extra.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields are refused"
    );
    db.cleanup().await;
}

#[tokio::test]
async fn administrators_manage_users_and_reference_lists() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let admin = token_for(&db.store, "admin").await;
        let post = |uri: &str, pairs: &[(&str, &str)]| {
            Request::post(uri)
                .header(header::AUTHORIZATION, format!("Bearer {admin}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(serde_urlencoded::to_string(pairs).unwrap()))
                .unwrap()
        };
        let org = mayak_store::orgs::organisation_by_slug(&db.store, "ngo-lida-peers")
            .await
            .unwrap()
            .id
            .to_string();
        let bad = call(
            &d.app,
            post(
                "/admin/users",
                &[
                    ("login", "Ольга"),
                    ("display_name", ""),
                    ("organisation_id", &org),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for msg in [
            "Use only lowercase Latin letters",
            "This field is required.",
            "Choose at least one.",
        ] {
            assert!(bad.body.contains(msg), "{msg}");
        }
        let weak = call(
            &d.app,
            post(
                "/admin/users",
                &[
                    ("login", "olga"),
                    ("display_name", "Olga"),
                    ("organisation_id", &org),
                    ("roles", "trainer"),
                    ("password", "qwerty123456"),
                ],
            ),
        )
        .await;
        assert!(
            weak.body.contains("too common"),
            "a breached password is refused"
        );
        let ok = call(
            &d.app,
            post(
                "/admin/users",
                &[
                    ("login", "olga"),
                    ("display_name", "Olga P."),
                    ("organisation_id", &org),
                    ("roles", "trainer"),
                    ("roles", "analyst"),
                ],
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let pw = {
            let i =
                ok.body.find("<code class=\"secret\">").unwrap() + "<code class=\"secret\">".len();
            ok.body[i..i + ok.body[i..].find('<').unwrap()].to_owned()
        };
        let mut olga = Browser::new(&d.app);
        assert_eq!(
            olga.sign_in("olga", &pw).await.status,
            StatusCode::SEE_OTHER,
            "the generated password works"
        );
        let dup = call(
            &d.app,
            post(
                "/admin/users",
                &[
                    ("login", "olga"),
                    ("display_name", "Other"),
                    ("organisation_id", &org),
                    ("roles", "trainer"),
                ],
            ),
        )
        .await;
        assert!(dup.body.contains("already taken"));
        let users = get_as(&d.app, "/api/v1/users", &admin).await.json();
        let olga_json = users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["login"] == "olga")
            .unwrap()
            .clone();
        assert_eq!(
            olga_json["roles"],
            serde_json::json!(["trainer", "analyst"])
        );
        // An administrator cannot remove their own administrator role.
        let me = auth::account_by_login(&db.store, "admin")
            .await
            .unwrap()
            .unwrap()
            .user;
        let own = call(
            &d.app,
            post(
                &format!("/admin/users/{}", me.id),
                &[
                    ("display_name", "A"),
                    ("organisation_id", &me.organisation_id.to_string()),
                    ("roles", "analyst"),
                ],
            ),
        )
        .await;
        assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Reference lists through the API.
        let json = |uri: &str, body: &str, t: &str| {
            Request::post(uri)
                .header(header::AUTHORIZATION, format!("Bearer {t}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_owned()))
                .unwrap()
        };
        let entry =
            r#"{"code":"Signal","label_ru":"Signal","label_be":"Signal","label_en":"Signal"}"#;
        let added = call(
            &d.app,
            json("/api/v1/reference/recruitment_app", entry, &admin),
        )
        .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        assert_eq!(added.json()["builtin"], false);
        assert_eq!(
            call(
                &d.app,
                json("/api/v1/reference/recruitment_app", entry, &admin)
            )
            .await
            .status,
            StatusCode::CONFLICT
        );
        let closed = call(
            &d.app,
            json(
                "/api/v1/reference/sex",
                r#"{"code":"X","label_ru":"x","label_be":"x","label_en":"x"}"#,
                &admin,
            ),
        )
        .await;
        assert_eq!(closed.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(closed.json()["errors"][0]["code"], "list_not_extensible");
        let analyst = token_for(&db.store, "analyst").await;
        assert_eq!(
            call(
                &d.app,
                json("/api/v1/reference/recruitment_app", entry, &analyst)
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let retired = call(
            &d.app,
            json(
                "/api/v1/reference/recruitment_app/Signal/retire",
                "",
                &admin,
            ),
        )
        .await;
        assert_eq!(retired.json()["retired"], true);
        let page = call(&d.app, post("/reference/hotline_topic/Tourism/retire", &[])).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert!(
            !mayak_store::reference::is_active(&db.store, ListKind::HotlineTopic, "Tourism")
                .await
                .unwrap()
        );
        let actions: Vec<String> = mayak_store::audit::recent(&db.store, None, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        for a in ["user.create", "reference.add", "reference.retire"] {
            assert!(actions.contains(&a.to_owned()), "{a} audited");
        }
    });
}

#[test]
fn access_document_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/ACCESS.md");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        on_disk.trim_end(),
        mayak_web::access_doc().trim_end(),
        "docs/ACCESS.md is stale: regenerate it with `cargo run -- admin access-matrix > docs/ACCESS.md`"
    );
}

#[tokio::test]
async fn auditors_search_and_export_the_trail() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let mut b = Browser::new(&d.app);
        b.sign_in("=HYPERLINK(\"x\")", "whatever-password").await;
        b.sign_in("analyst", DEMO_PASSWORD).await;
        let auditor = token_for(&db.store, "auditor").await;
        let page = get_as(&d.app, "/audit?action=login.failure&lang=en", &auditor).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("1 entry, newest first."),
            "{}",
            page.body
        );
        let by_user = get_as(&d.app, "/audit?login=analyst&lang=en", &auditor).await;
        assert!(by_user.body.contains("login.success"));
        let bad = get_as(
            &d.app,
            "/audit?login=ghost&from=yesterday&lang=en",
            &auditor,
        )
        .await;
        assert!(
            bad.body.contains("There is no user with this login.")
                && bad.body.contains("Enter a date as YYYY-MM-DD.")
        );
        let export = |reason: &str| {
            Request::post("/audit/export")
                .header(header::AUTHORIZATION, format!("Bearer {auditor}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(
                    serde_urlencoded::to_string([("action", "login.failure"), ("reason", reason)])
                        .unwrap(),
                ))
                .unwrap()
        };
        assert_eq!(
            call(&d.app, export("")).await.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a reason is required"
        );
        let csv = call(&d.app, export("Quarterly review of failed sign-ins")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.header("content-type").starts_with("text/csv"));
        let lines: Vec<&str> = csv.body.lines().collect();
        assert!(lines[0].starts_with("seq,at,user_id,login"));
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].contains("\"'=HYPERLINK(\"\"x\"\")\""),
            "no formula reaches a spreadsheet: {}",
            lines[1]
        );
        let exports = mayak_store::audit::recent(&db.store, Some("audit.export"), 5)
            .await
            .unwrap();
        assert_eq!(exports.len(), 1);
        assert_eq!(
            exports[0].reason.as_deref(),
            Some("Quarterly review of failed sign-ins")
        );
        // The analyst cannot see the trail.
        let analyst = token_for(&db.store, "analyst").await;
        assert_eq!(
            get_as(&d.app, "/audit", &analyst).await.status,
            StatusCode::FORBIDDEN
        );
    });
}

#[tokio::test]
async fn administrators_approve_erasure_after_a_dry_run() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let admin = token_for(&db.store, "admin").await;
    let post = |uri: &str| {
        Request::post(uri)
            .header(header::AUTHORIZATION, format!("Bearer {admin}"))
            .body(Body::empty())
            .unwrap()
    };
    let due = mayak_store::retention::due(&db.store, d.clock.now(), time::Duration::days(5 * 365))
        .await
        .unwrap()
        .len() as i64;
    assert!(due > 0, "the demo has persons due for erasure");
    let page = get_as(&d.app, "/admin/retention?lang=en", &admin).await;
    assert!(
        page.body.contains(&format!("{due} person")),
        "{}",
        page.body
    );
    let a = call(&d.app, post("/admin/retention/dry-run")).await;
    assert_eq!(location(&a), "/admin/retention?notice=run-created");
    assert_eq!(
        mayak_store::persons::counts(&db.store).await.unwrap().1,
        0,
        "a dry run erases nothing"
    );
    let run = mayak_store::retention::runs(&db.store).await.unwrap()[0].id;
    assert_eq!(
        get_as(
            &d.app,
            "/admin/retention",
            &token_for(&db.store, "analyst").await
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let (persons, _) = mayak_store::persons::counts(&db.store).await.unwrap();
    let a = call(&d.app, post(&format!("/admin/retention/{run}/approve"))).await;
    assert_eq!(location(&a), "/admin/retention?notice=run-approved");
    assert_eq!(
        mayak_store::persons::counts(&db.store).await.unwrap(),
        (persons, due),
        "every person due was erased, nobody else, and the rows stay for statistics"
    );
    let erasures = mayak_store::audit::recent(&db.store, Some("person.erase"), 100)
        .await
        .unwrap();
    assert_eq!(erasures.len() as i64, due);
    assert!(erasures.iter().all(|e| {
        e.login.as_deref() == Some("admin")
            && e.reason
                .as_deref()
                .is_some_and(|r| r.contains("retention run"))
    }));
    db.cleanup().await;
}

// ---- Case management ------------------------------------------------------------------------------

fn form_post(uri: &str, token: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    Request::post(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(serde_urlencoded::to_string(pairs).unwrap()))
        .unwrap()
}

fn json_req(method: &str, uri: &str, token: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn case_id_from(location: &str) -> i64 {
    location
        .trim_start_matches("/cases/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn intake_checks_duplicates_and_the_case_page_records_every_look() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let today = d.clock.now().date().to_string();
        let org = mayak_store::orgs::organisation_by_slug(&db.store, "ngo-minsk-right-to-future")
            .await
            .unwrap()
            .id
            .to_string();
        let intake = |confirm: bool| {
            let mut pairs = vec![
                ("family_name", "Тестовая"),
                ("given_names", "Алина"),
                ("birth_date", "1999-04-01"),
                ("sex", "Female"),
                ("citizenship", "BY"),
                ("document_type", "Passport"),
                ("document_number", "MP 7777777"),
                ("phone", "+375 29 777-77-77"),
                ("registered_on", today.as_str()),
                ("region", "BY-HM"),
                ("lead_organisation_id", org.as_str()),
                ("exploitation_type", "ForcedLabour"),
                ("country_of_exploitation", "RU"),
            ];
            if confirm {
                pairs.push(("confirm_new_person", "1"));
            }
            form_post("/cases", &cm, &pairs)
        };
        let bad = call(
            &d.app,
            form_post(
                "/cases",
                &cm,
                &[
                    ("family_name", ""),
                    ("sex", "Alien"),
                    ("registered_on", "2999-01-01"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for msg in [
            "This field is required.",
            "Not a known value",
            "The date is outside the possible range",
        ] {
            assert!(bad.body.contains(msg), "{msg}");
        }
        let created = call(&d.app, intake(false)).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
        let id = case_id_from(location(&created));
        let case = mayak_store::cases::get(&db.store, id).await.unwrap();
        assert!(
            case.code
                .starts_with(&format!("HM-{}-", d.clock.now().year())),
            "{}",
            case.code
        );
        assert_eq!(case.age_band.as_deref(), Some("24-26"));
        // The same document again: the possible duplicate is shown, nothing is created.
        let again = call(&d.app, intake(false)).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            again.body.contains("This person may already have a case")
                && again.body.contains(&case.code)
        );
        let count = mayak_store::cases::count(&db.store).await.unwrap();
        let confirmed = call(&d.app, intake(true)).await;
        assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
        assert_eq!(
            mayak_store::cases::count(&db.store).await.unwrap(),
            count + 1
        );
        // The case page shows the identity to its case manager and records the look.
        let page = get_as(&d.app, &format!("/cases/{id}?lang=en"), &cm).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Тестовая Алина") && page.body.contains("MP 7777777"));
        assert!(page.body.contains("Who has seen or changed this person"));
        let reads =
            mayak_store::audit::readers_of(&db.store, "person", &case.person_id.to_string(), 10)
                .await
                .unwrap();
        assert!(
            reads
                .iter()
                .any(|e| e.action == "person.read" && e.login.as_deref() == Some("casemanager"))
        );
        // Lists show codes, never names; search finds by exact name, document or code.
        let list = get_as(&d.app, "/cases?lang=en", &cm).await;
        assert!(list.body.contains(&case.code) && !list.body.contains("Тестовая"));
        for q in [
            "Тестовая Алина",
            "mp7777777",
            "+375297777777",
            &case.code[..7],
        ] {
            let found = get_as(
                &d.app,
                &format!(
                    "/cases?q={}",
                    serde_urlencoded::to_string([("", q)])
                        .unwrap()
                        .trim_start_matches('=')
                ),
                &cm,
            )
            .await;
            assert!(found.body.contains(&case.code), "search {q}");
        }
        let api = get_as(&d.app, "/api/v1/cases?document_number=MP7777777", &cm)
            .await
            .json();
        assert_eq!(
            api.as_array().unwrap().len(),
            2,
            "the original and the confirmed new person"
        );
        assert!(
            api[0]["person"].is_null(),
            "lists never carry identifying data"
        );
    });
}

#[tokio::test]
async fn cases_outside_the_scope_do_not_exist_for_the_caller() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let partner = token_for(&db.store, "partner").await;
        let subject_cm = {
            let a = auth::account_by_login(&db.store, "casemanager")
                .await
                .unwrap()
                .unwrap()
                .user;
            mayak_domain::access::Subject {
                user_id: a.id,
                organisation_id: a.organisation_id,
                roles: a.roles,
                group_regions: vec![],
            }
        };
        let mine = mayak_store::cases::list(
            &db.store,
            &mayak_store::cases::CaseFilter {
                limit: 500,
                ..Default::default()
            },
            &subject_cm,
        )
        .await
        .unwrap();
        assert!(!mine.is_empty());
        assert!(
            mine.iter()
                .all(|c| c.assigned_to == Some(subject_cm.user_id)
                    || c.created_by == Some(subject_cm.user_id))
        );
        let count = mayak_store::cases::count(&db.store).await.unwrap();
        let foreign = (1..=count)
            .find(|id| !mine.iter().any(|c| c.id == *id))
            .unwrap();
        let page = get_as(&d.app, &format!("/cases/{foreign}"), &cm).await;
        assert_eq!(
            page.status,
            StatusCode::NOT_FOUND,
            "outside the scope it does not exist"
        );
        let api = get_as(&d.app, &format!("/api/v1/cases/{foreign}"), &cm).await;
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(
            get_as(&d.app, "/api/v1/cases/99999999", &cm).await.status,
            StatusCode::NOT_FOUND,
            "the same answer as a case that does not exist"
        );
        let denials = mayak_store::audit::recent(&db.store, Some("access.out_of_scope"), 10)
            .await
            .unwrap();
        assert_eq!(denials.len(), 2);
        // The partner sees only cases where it provides a service, and the identity only with consent.
        let theirs = get_as(&d.app, "/api/v1/cases?limit=500", &partner)
            .await
            .json();
        let theirs = theirs.as_array().unwrap();
        assert!(!theirs.is_empty());
        let partner_org =
            mayak_store::orgs::organisation_by_slug(&db.store, "ngo-gomel-open-doors")
                .await
                .unwrap()
                .id;
        for c in theirs
            .iter()
            .filter(|c| c["lead_organisation_id"].as_i64() != Some(partner_org))
            .take(5)
        {
            let id = c["id"].as_i64().unwrap();
            let services = mayak_store::cases::services(&db.store, id).await.unwrap();
            assert!(
                services
                    .iter()
                    .any(|s| s.provider_organisation_id == partner_org)
            );
            let one = get_as(&d.app, &format!("/api/v1/cases/{id}"), &partner)
                .await
                .json();
            assert!(
                one["person"].is_object(),
                "consented referral: the partner sees the person"
            );
        }
        // Withdrawing that consent hides the identity from the partner at once (on a case another
        // organisation leads).
        let id = theirs
            .iter()
            .find(|c| c["lead_organisation_id"].as_i64() != Some(partner_org))
            .and_then(|c| c["id"].as_i64())
            .unwrap();
        let consent = mayak_store::cases::consents(&db.store, id)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.organisation_id == Some(partner_org))
            .unwrap();
        let case_page = call(
            &d.app,
            form_post(
                &format!("/cases/{id}/consents/{}/withdraw", consent.id),
                &token_for(&db.store, "supervisor").await,
                &[],
            ),
        )
        .await;
        assert_eq!(
            case_page.status,
            StatusCode::NOT_FOUND,
            "the supervisor of another organisation cannot reach it either"
        );
        let lead = mayak_store::cases::get(&db.store, id).await.unwrap();
        let who = mayak_store::audit::AuditEvent {
            roles: "test".into(),
            outcome: "ok".into(),
            instance: "test".into(),
            ..Default::default()
        };
        mayak_store::cases::withdraw_consent(
            &db.store,
            lead.id,
            consent.id,
            d.clock.now().date(),
            &who,
            d.clock.now(),
        )
        .await
        .unwrap();
        assert!(
            get_as(&d.app, &format!("/api/v1/cases/{id}"), &partner)
                .await
                .json()["person"]
                .is_null()
        );
        // Roles without case access.
        for login in ["analyst", "trainer", "auditor", "admin", "editor"] {
            let t = token_for(&db.store, login).await;
            assert_eq!(
                get_as(&d.app, "/api/v1/cases", &t).await.status,
                StatusCode::FORBIDDEN,
                "{login}"
            );
        }
        // Groups see only cases their meetings discussed, in their region.
        for c in get_as(&d.app, "/api/v1/cases", &token_for(&db.store, "mdg").await)
            .await
            .json()
            .as_array()
            .unwrap()
        {
            let id = c["id"].as_i64().unwrap();
            assert!(
                mayak_store::groups::discussed(&db.store, id, "BY-HO")
                    .await
                    .unwrap(),
                "groups see only cases they discuss"
            );
        }
    });
}

#[tokio::test]
async fn edits_are_versioned_and_services_need_consent() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let body = r#"{"region":"BY-HM","sex":"Male","person":{"family_name":"Проверочный","given_names":"Иван","citizenships":["BY"],"documents":[{"doc_type":"Passport","number":"KH1234500"}]}}"#;
        let created = call(&d.app, json_req("POST", "/api/v1/cases", &cm, body)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let c = created.json();
        let id = c["id"].as_i64().unwrap();
        let v1 = c["version"].as_i64().unwrap();
        let garbage = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-XX","sex":"Male","person":{"family_name":"","given_names":"A","citizenships":["ZZ"],"phones":["1"]}}"#)).await;
        assert_eq!(garbage.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = garbage.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        for f in [
            "region",
            "person.citizenships[0]",
            "person.family_name",
            "person.phones[0]",
        ] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
        // Two people edit the same version: the second is refused, nothing is overwritten.
        let first = call(
            &d.app,
            json_req(
                "PATCH",
                &format!("/api/v1/cases/{id}"),
                &cm,
                &format!(r#"{{"version":{v1},"nrm_phase":"FirstAssistanceAndProtection"}}"#),
            ),
        )
        .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        let second = call(
            &d.app,
            json_req(
                "PATCH",
                &format!("/api/v1/cases/{id}"),
                &cm,
                &format!(r#"{{"version":{v1},"nrm_phase":"ReturnAndSocialInclusion"}}"#),
            ),
        )
        .await;
        assert_eq!(second.status, StatusCode::CONFLICT);
        assert_eq!(
            mayak_store::cases::get(&db.store, id)
                .await
                .unwrap()
                .nrm_phase
                .code(),
            "FirstAssistanceAndProtection"
        );
        let stale_form = call(
            &d.app,
            form_post(
                &format!("/cases/{id}"),
                &cm,
                &[
                    ("version", &v1.to_string()),
                    ("status", "Active"),
                    ("nrm_phase", "ReturnAndSocialInclusion"),
                ],
            ),
        )
        .await;
        assert_eq!(stale_form.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            stale_form
                .body
                .contains("Someone else changed this case meanwhile")
        );
        let v2 = first.json()["version"].as_i64().unwrap();
        let no_reason = call(
            &d.app,
            json_req(
                "PATCH",
                &format!("/api/v1/cases/{id}"),
                &cm,
                &format!(r#"{{"version":{v2},"status":"Closed"}}"#),
            ),
        )
        .await;
        assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(no_reason.json()["errors"][0]["field"], "closure_reason");

        // Another organisation's service needs the person's consent to that referral.
        let shelter = mayak_store::orgs::organisation_by_slug(&db.store, "ngo-dawn")
            .await
            .ok();
        let shelter = match shelter {
            Some(o) => o.id,
            None => {
                mayak_store::orgs::organisation_by_slug(&db.store, "ngo-minsk-dawn")
                    .await
                    .unwrap()
                    .id
            }
        };
        let service =
            format!(r#"{{"service_type":"Shelter","provider_organisation_id":{shelter}}}"#);
        let refused = call(
            &d.app,
            json_req(
                "POST",
                &format!("/api/v1/cases/{id}/services"),
                &cm,
                &service,
            ),
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let err = &refused.json()["errors"][0];
        assert_eq!(err["code"], "consent_missing");
        assert!(
            err["message"].as_str().unwrap().contains("NGO Dawn"),
            "the message names the missing consent: {err}"
        );
        let page = call(
            &d.app,
            form_post(
                &format!("/cases/{id}/services"),
                &cm,
                &[
                    ("service_type", "Shelter"),
                    ("provider_organisation_id", &shelter.to_string()),
                ],
            ),
        )
        .await;
        assert!(
            page.body
                .contains("has not agreed to be referred to NGO Dawn")
        );
        let consent = format!(
            r#"{{"purpose":"Referral","organisation_id":{shelter},"given_by":"person","form":"SignedPaper","given_on":"{}"}}"#,
            d.clock.now().date()
        );
        assert_eq!(
            call(
                &d.app,
                json_req(
                    "POST",
                    &format!("/api/v1/cases/{id}/consents"),
                    &cm,
                    &consent
                )
            )
            .await
            .status,
            StatusCode::CREATED
        );
        assert_eq!(
            call(
                &d.app,
                json_req(
                    "POST",
                    &format!("/api/v1/cases/{id}/services"),
                    &cm,
                    &service
                )
            )
            .await
            .status,
            StatusCode::CREATED
        );
        // Withdrawing consent to processing queues the person for erasure (an administrator approves).
        let processing = format!(
            r#"{{"purpose":"Processing","given_by":"person","form":"SignedPaper","given_on":"{}"}}"#,
            d.clock.now().date()
        );
        call(
            &d.app,
            json_req(
                "POST",
                &format!("/api/v1/cases/{id}/consents"),
                &cm,
                &processing,
            ),
        )
        .await;
        let consent_id = mayak_store::cases::consents(&db.store, id)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.purpose.code() == "Processing")
            .unwrap()
            .id;
        let w = call(
            &d.app,
            form_post(
                &format!("/cases/{id}/consents/{consent_id}/withdraw"),
                &cm,
                &[],
            ),
        )
        .await;
        assert_eq!(w.status, StatusCode::SEE_OTHER);
        let runs = mayak_store::retention::runs(&db.store).await.unwrap();
        let person = mayak_store::cases::get(&db.store, id)
            .await
            .unwrap()
            .person_id;
        assert!(runs.iter().any(|r| r.reason == "consent_withdrawn"
            && r.status == "pending"
            && r.candidates.iter().any(|c| c.0 == person)));
        let events: Vec<String> = mayak_store::cases::timeline(&db.store, id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        for k in [
            "created",
            "updated",
            "consent.given",
            "service.added",
            "consent.withdrawn",
        ] {
            assert!(events.contains(&k.to_owned()), "{k} in {events:?}");
        }
    });
}

#[tokio::test]
async fn only_bodies_allowed_to_identify_record_the_decision() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let police = mayak_store::orgs::organisation_by_slug(&db.store, "police-BY-HO")
        .await
        .unwrap();
    let hash = mayak_domain::password::hash("investigator-password", &rng()).unwrap();
    mayak_store::orgs::insert_user(
        &db.store,
        &mayak_store::orgs::NewUser {
            login: "investigator",
            display_name: "Investigator",
            organisation_id: police.id,
            password_hash: Some(&hash),
            roles: &[mayak_domain::Role::Supervisor],
        },
        d.clock.now(),
    )
    .await
    .unwrap();
    let inv = token_for(&db.store, "investigator").await;
    let cm = token_for(&db.store, "casemanager").await;
    let body = format!(
        r#"{{"region":"BY-HO","sex":"Female","lead_organisation_id":{},"person":{{"family_name":"Решение","given_names":"Ольга"}}}}"#,
        police.id
    );
    let c = call(&d.app, json_req("POST", "/api/v1/cases", &inv, &body))
        .await
        .json();
    let id = c["id"].as_i64().unwrap();
    let decide = |token: &str, version: i64| {
        form_post(
            &format!("/cases/{id}/identification"),
            token,
            &[
                ("legal_status", "IdentifiedVictim"),
                ("identified_on", "2026-03-01"),
                ("identification_document", "Заключение 17/2026"),
                ("version", &version.to_string()),
            ],
        )
    };
    let ok = call(&d.app, decide(&inv, c["version"].as_i64().unwrap())).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let after = get_as(&d.app, &format!("/api/v1/cases/{id}"), &inv)
        .await
        .json();
    assert_eq!(after["legal_status"], "IdentifiedVictim");
    assert_eq!(after["trafficking_status"], "Actual");
    // A case manager of an NGO cannot (their organisation may not identify), even on their own case.
    let own = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-HM","sex":"Male","person":{"family_name":"Другой","given_names":"Пётр"}}"#)).await.json();
    let refused = call(
        &d.app,
        form_post(
            &format!("/cases/{}/identification", own["id"]),
            &cm,
            &[
                ("legal_status", "IdentifiedVictim"),
                ("identified_on", "2026-03-01"),
                ("identification_document", "x"),
                ("version", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        mayak_store::audit::recent(&db.store, Some("identification.not_allowed"), 5)
            .await
            .unwrap()
            .len(),
        1
    );
    db.cleanup().await;
}

#[tokio::test]
async fn supervisors_break_glass_with_a_reason_and_auditors_review_it() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let sup = token_for_hours(&db.store, "supervisor", 24).await;
        // A case led by an NGO in Gomel: outside the IOM supervisor's scope.
        let partner_org =
            mayak_store::orgs::organisation_by_slug(&db.store, "ngo-gomel-open-doors")
                .await
                .unwrap()
                .id;
        let count = mayak_store::cases::count(&db.store).await.unwrap();
        let mut target = None;
        for id in 1..=count {
            let c = mayak_store::cases::get(&db.store, id).await.unwrap();
            if c.lead_organisation_id == partner_org {
                target = Some(c);
                break;
            }
        }
        let c = target.unwrap_or(mayak_store::cases::get(&db.store, count).await.unwrap());
        assert_eq!(
            get_as(&d.app, &format!("/cases/{}", c.id), &sup)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let short = call(
            &d.app,
            form_post(
                "/cases/break-glass",
                &sup,
                &[("code", &c.code), ("reason", "urgent")],
            ),
        )
        .await;
        assert_eq!(
            short.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a reason of substance is required"
        );
        let opened = call(
            &d.app,
            form_post(
                "/cases/break-glass",
                &sup,
                &[
                    ("code", &c.code),
                    (
                        "reason",
                        "Police request at night, case manager unreachable",
                    ),
                ],
            ),
        )
        .await;
        assert_eq!(location(&opened), format!("/cases/{}", c.id));
        let page = get_as(&d.app, &format!("/cases/{}", c.id), &sup).await;
        assert_eq!(page.status, StatusCode::OK);
        let flagged = mayak_store::audit::recent(&db.store, Some("case.break_glass"), 5)
            .await
            .unwrap();
        assert_eq!(flagged.len(), 1);
        assert_eq!(flagged[0].outcome, "flagged");
        assert!(
            flagged[0]
                .reason
                .as_deref()
                .unwrap()
                .contains("Police request")
        );
        // Case managers cannot break glass; auditors review.
        let cm = token_for(&db.store, "casemanager").await;
        assert_eq!(
            call(
                &d.app,
                form_post(
                    "/cases/break-glass",
                    &cm,
                    &[("code", &c.code), ("reason", "Police request at night")]
                )
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let auditor = token_for(&db.store, "auditor").await;
        let review = get_as(&d.app, "/audit/break-glass?lang=en", &auditor).await;
        assert!(review.body.contains(&c.code) && review.body.contains("Mark reviewed"));
        let id = mayak_store::cases::break_glass_log(&db.store)
            .await
            .unwrap()[0]
            .id;
        assert_eq!(
            call(
                &d.app,
                form_post(&format!("/audit/break-glass/{id}/review"), &auditor, &[])
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        assert!(
            mayak_store::cases::break_glass_log(&db.store)
                .await
                .unwrap()[0]
                .reviewed_by
                .is_some()
        );
        // The opening ends after two hours.
        d.clock.advance(time::Duration::hours(3));
        assert_eq!(
            get_as(&d.app, &format!("/cases/{}", c.id), &sup)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    });
}

#[tokio::test]
async fn a_user_who_has_not_enrolled_is_sent_back_to_enrolment() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let mut b = Browser::new(&d.app);
    let a = b.sign_in("hotline", DEMO_PASSWORD).await;
    assert!(location(&a).starts_with("/login/enrol"));
    let staff = b.get("/partners").await;
    assert_eq!(location(&staff), "/login/second-factor?next=/partners");
    let second = b.get(location(&staff)).await;
    assert_eq!(
        location(&second),
        "/login/enrol?next=/partners",
        "no code can be right before enrolment"
    );
    db.cleanup().await;
}

#[tokio::test]
async fn screening_gives_reasoned_advice_and_never_sets_the_status() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let cm = token_for(&db.store, "casemanager").await;
    let c = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-HM","sex":"Female","exploitation_type":"ForcedLabour","person":{"family_name":"Скрининг","given_names":"Анна","birth_date":"1990-05-05"}}"#)).await.json();
    let id = c["id"].as_i64().unwrap();
    let form = get_as(&d.app, &format!("/cases/{id}/screening?lang=en"), &cm).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Adults, labour exploitation"),
        "the list follows the case's age and exploitation"
    );
    // Two strong deceptive-recruitment indicators, an exploitation one with a medium, two strong coercion ones.
    let pick =
        |dim: mayak_domain::screening::Dimension, weight: &str, n: usize| -> Vec<&'static str> {
            mayak_domain::screening::indicators(mayak_domain::screening::IndicatorList::AdultLabour)
                .iter()
                .filter(|i| i.dimension == dim && i.weight.code() == weight)
                .take(n)
                .map(|i| i.code)
                .collect()
        };
    use mayak_domain::screening::Dimension::*;
    let mut ticked = pick(DeceptiveRecruitment, "strong", 1);
    ticked.extend(pick(DeceptiveRecruitment, "medium", 1));
    ticked.extend(pick(Exploitation, "strong", 1));
    ticked.extend(pick(Exploitation, "medium", 1));
    ticked.extend(pick(CoercionAtDestination, "strong", 2));
    let mut pairs = vec![("list", "adult_labour")];
    for t in &ticked {
        pairs.push(("indicator", t));
    }
    let result = call(
        &d.app,
        form_post(&format!("/cases/{id}/screening"), &cm, &pairs),
    )
    .await;
    assert_eq!(result.status, StatusCode::OK, "{}", result.body);
    assert!(
        result
            .body
            .contains("Advice: likely a victim of trafficking"),
        "{}",
        result.body
    );
    assert!(
        result
            .body
            .contains("Deceptive recruitment: present (1 strong, 1 medium, 0 weak).")
    );
    assert_eq!(
        mayak_store::cases::get(&db.store, id)
            .await
            .unwrap()
            .legal_status
            .code(),
        "MayHaveSuffered",
        "advice only"
    );
    let only_recruitment = call(
        &d.app,
        form_post(
            &format!("/cases/{id}/screening"),
            &cm,
            &[
                ("list", "adult_labour"),
                ("indicator", ticked[0]),
                ("indicator", ticked[1]),
            ],
        ),
    )
    .await;
    assert!(only_recruitment.body.contains("Advice: possibly a victim"));
    assert!(only_recruitment.body.contains("Coercion: not established."));
    let unknown = call(
        &d.app,
        form_post(
            &format!("/cases/{id}/screening"),
            &cm,
            &[("list", "adult_labour"), ("indicator", "NOPE")],
        ),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        mayak_store::cases::screenings(&db.store, id)
            .await
            .unwrap()
            .len(),
        2
    );
    db.cleanup().await;
}

#[tokio::test]
async fn needs_plan_notes_and_tasks_make_up_the_case_work() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let c = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-HM","sex":"Female","person":{"family_name":"Работа","given_names":"Ирина"}}"#)).await.json();
        let id = c["id"].as_i64().unwrap();
        let today = d.clock.now().date();
        let today_s = today.to_string();
        let yesterday = (today - time::Duration::days(1)).to_string();
        let next_week = (today + time::Duration::days(7)).to_string();
        for (uri, pairs) in [
            (
                "needs",
                vec![
                    ("need", "Shelter"),
                    ("severity", "high"),
                    ("assessed_on", today_s.as_str()),
                ],
            ),
            (
                "needs",
                vec![
                    ("need", "PsychologicalHarm"),
                    ("severity", "medium"),
                    ("assessed_on", today_s.as_str()),
                ],
            ),
            (
                "goals",
                vec![
                    ("goal", "Safe housing for three months"),
                    ("goal_need", "Shelter"),
                    ("target_on", next_week.as_str()),
                ],
            ),
            (
                "notes",
                vec![(
                    "note",
                    "Ирина рассказала о работодателе в Варшаве; боится звонков.",
                )],
            ),
            (
                "tasks",
                vec![
                    ("task", "Call the consulate about the passport"),
                    ("due_on", yesterday.as_str()),
                ],
            ),
            (
                "tasks",
                vec![
                    ("task", "Book the psychologist"),
                    ("due_on", next_week.as_str()),
                ],
            ),
        ] {
            let a = call(
                &d.app,
                form_post(&format!("/cases/{id}/{uri}"), &cm, &pairs),
            )
            .await;
            assert_eq!(a.status, StatusCode::SEE_OTHER, "{uri}: {}", a.body);
        }
        let bad = call(
            &d.app,
            form_post(
                &format!("/cases/{id}/needs"),
                &cm,
                &[
                    ("need", "Nothing"),
                    ("severity", "extreme"),
                    ("assessed_on", "soon"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let page = get_as(&d.app, &format!("/cases/{id}?lang=en"), &cm).await;
        for text in [
            "Shelter",
            "Safe housing for three months",
            "боится звонков",
            "Call the consulate",
            "Needs assessment",
            "Individual assistance plan",
        ] {
            assert!(page.body.contains(text), "{text}");
        }
        // Reading the notes is recorded (their sealing is tested in the store tests).
        let reads = mayak_store::audit::recent(&db.store, Some("case.notes.read"), 5)
            .await
            .unwrap();
        assert!(!reads.is_empty());
        // My work: overdue first.
        let work = get_as(&d.app, "/work?lang=en", &cm).await;
        let first = work.body.find("Call the consulate").unwrap();
        let second = work.body.find("Book the psychologist").unwrap();
        assert!(first < second, "overdue first");
        assert!(work.body.contains("overdue"));
        let tasks = mayak_store::casework::tasks(&db.store, id).await.unwrap();
        let done = call(
            &d.app,
            form_post(&format!("/cases/{id}/tasks/{}/done", tasks[0].id), &cm, &[]),
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert!(
            !get_as(&d.app, "/work?lang=en", &cm)
                .await
                .body
                .contains("Call the consulate")
        );
        // Partners and groups cannot write on the case.
        let partner = token_for(&db.store, "partner").await;
        assert_ne!(
            call(
                &d.app,
                form_post(&format!("/cases/{id}/notes"), &partner, &[("note", "x")])
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
    });
}

#[tokio::test]
async fn the_exploitation_profile_records_episodes_events_perpetrators_and_proceedings() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let cm = token_for(&db.store, "casemanager").await;
    let c = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-HM","sex":"Male","person":{"family_name":"Профиль","given_names":"Олег"}}"#)).await.json();
    let id = c["id"].as_i64().unwrap();
    let empty = call(
        &d.app,
        form_post(
            &format!("/cases/{id}/episodes"),
            &cm,
            &[("started_on", "2025-05-01"), ("ended_on", "2025-01-01")],
        ),
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("Choose at least one.")
            && empty.body.contains("The end is before the start.")
    );
    for (uri, pairs) in [
        (
            "episodes",
            vec![
                ("exploitation_types", "ForcedLabour"),
                ("labour_types", "Construction"),
                ("means_of_control", "WithholdsDocuments"),
                ("means_of_control", "DebtBondage"),
                ("recruitment_type", "JobOffer"),
                ("recruitment_app", "Telegram"),
                ("recruiter_relation", "Friend"),
                ("episode_country", "RU"),
                ("started_on", "2025-01-10"),
                ("ended_on", "2025-06-01"),
            ],
        ),
        (
            "trafficking-events",
            vec![
                ("stage_kind", "Recruitment"),
                ("stage_country", "BY"),
                ("stage_place", "Gomel"),
                ("stage_on", "2025-01-05"),
            ],
        ),
        (
            "trafficking-events",
            vec![
                ("stage_kind", "Exploitation"),
                ("stage_country", "RU"),
                ("stage_place", "Moscow region"),
                ("stage_on", "2025-01-12"),
            ],
        ),
        (
            "perpetrators",
            vec![
                ("perpetrator_role", "Recruiter"),
                ("perpetrator_relation", "Friend"),
                ("perpetrator_citizenship", "BY"),
            ],
        ),
        (
            "proceedings",
            vec![
                ("proceeding_kind", "criminal"),
                ("proceeding_stage", "investigation"),
                ("person_role", "victim"),
                ("legal_aid", "1"),
                ("compensation_claimed", "2500"),
                ("proceeding_on", "2025-09-01"),
            ],
        ),
    ] {
        let a = call(
            &d.app,
            form_post(&format!("/cases/{id}/{uri}"), &cm, &pairs),
        )
        .await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{uri}: {}", a.body);
    }
    let page = get_as(&d.app, &format!("/cases/{id}?lang=en"), &cm).await;
    for text in [
        "Episode 1",
        "Withholding of documents",
        "Telegram",
        "Moscow region",
        "Recruiter",
        "Criminal case",
        "2500 BYN",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    let episodes = mayak_store::casework::episodes(&db.store, id)
        .await
        .unwrap();
    assert_eq!(
        episodes[0].means_of_control,
        ["WithholdsDocuments", "DebtBondage"]
    );
    db.cleanup().await;
}

fn multipart(
    uri: &str,
    token: Option<&str>,
    cookie: Option<&str>,
    content: &[u8],
) -> Request<Body> {
    let boundary = "mayak-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut r = Request::post(uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::ACCEPT_LANGUAGE, "en");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn scans_are_checked_sealed_and_every_download_is_recorded() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let cm = token_for(&db.store, "casemanager").await;
    let c = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-HM","sex":"Female","person":{"family_name":"Скан","given_names":"Вера"}}"#)).await.json();
    let id = c["id"].as_i64().unwrap();
    let pdf = b"%PDF-1.4\n% a fictional scanned consent form\n".to_vec();
    let ok = call(
        &d.app,
        multipart(&format!("/cases/{id}/files"), Some(&cm), None, &pdf),
    )
    .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let text = call(
        &d.app,
        multipart(
            &format!("/cases/{id}/files"),
            Some(&cm),
            None,
            b"<script>alert(1)</script>",
        ),
    )
    .await;
    assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text.body
            .contains("Only PDF, JPEG and PNG files are accepted.")
    );
    let person = mayak_store::cases::get(&db.store, id)
        .await
        .unwrap()
        .person_id;
    let files = mayak_store::persons::files(&db.store, person)
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    let page = get_as(&d.app, &format!("/cases/{id}?lang=en"), &cm).await;
    assert!(
        page.body
            .contains(&format!("/cases/{id}/files/{}", files[0].id))
    );
    let got = get_as(&d.app, &format!("/cases/{id}/files/{}", files[0].id), &cm).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header("content-type"), "application/pdf");
    assert_eq!(got.header("content-disposition"), "attachment");
    assert_eq!(got.body.as_bytes(), pdf.as_slice());
    assert_eq!(
        mayak_store::audit::recent(&db.store, Some("person.file.read"), 5)
            .await
            .unwrap()
            .len(),
        1
    );
    // A browser session must send its CSRF token with an upload.
    let mut b = Browser::new(&d.app);
    b.sign_in("analyst", DEMO_PASSWORD).await;
    let cookie = format!("__Host-mayak_session={}", b.session_cookie().unwrap());
    let no_token = call(
        &d.app,
        multipart(&format!("/cases/{id}/files"), None, Some(&cookie), &pdf),
    )
    .await;
    assert_eq!(
        no_token.status,
        StatusCode::FORBIDDEN,
        "analysts may not upload anyway, and nothing was stored"
    );
    assert_eq!(
        mayak_store::persons::files(&db.store, person)
            .await
            .unwrap()
            .len(),
        1
    );
    // Others cannot download.
    let partner = token_for(&db.store, "partner").await;
    assert_eq!(
        get_as(
            &d.app,
            &format!("/cases/{id}/files/{}", files[0].id),
            &partner
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    db.cleanup().await;
}

#[tokio::test]
async fn family_members_are_persons_of_their_own_sealed_read_logged_and_erased_with_the_person() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let c = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-HM","sex":"Female","person":{"family_name":"Семейная","given_names":"Анна"}}"#)).await.json();
        let id = c["id"].as_i64().unwrap();
        let url = format!("/cases/{id}/relatives");
        // Every field is checked, and a refused form records nothing.
        let bad = call(
            &d.app,
            form_post(
                &url,
                &cm,
                &[
                    ("relation", "Cousin"),
                    ("relative_family_name", ""),
                    ("relative_given_names", "Миша"),
                    ("relative_birth_date", "2099-01-01"),
                    ("relative_sex", ""),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for field in [
            "relation",
            "relative_family_name",
            "relative_birth_date",
            "relative_sex",
        ] {
            assert!(
                bad.body.contains(&format!("id=\"err-{field}\"")),
                "{field}: {}",
                bad.body
            );
        }
        assert!(
            bad.body.contains("value=\"Миша\""),
            "the form forgot the input"
        );
        assert!(
            mayak_store::casework::relatives(&db.store, id)
                .await
                .unwrap()
                .is_empty()
        );
        let ok = call(
            &d.app,
            form_post(
                &url,
                &cm,
                &[
                    ("relation", "Child"),
                    ("relative_family_name", "Семейный"),
                    ("relative_given_names", "Миша"),
                    ("relative_birth_date", "2019-05-04"),
                    ("relative_sex", "Male"),
                    ("accompanying", "1"),
                ],
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        assert_eq!(
            ok.header("location"),
            format!("/cases/{id}?notice=relative-added")
        );
        let rel = mayak_store::casework::relatives(&db.store, id)
            .await
            .unwrap();
        assert_eq!(rel.len(), 1);
        assert!(rel[0].accompanying);
        // Shown to the case manager, and the reading of the relative's identity is recorded.
        let page = get_as(
            &d.app,
            &format!("/cases/{id}?lang=en&notice=relative-added"),
            &cm,
        )
        .await;
        assert!(page.body.contains("Семейный Миша"), "{}", page.body);
        assert!(
            page.body
                .contains("The family member was recorded (encrypted).")
        );
        assert!(page.body.contains("Family member recorded"));
        let ru = get_as(&d.app, &format!("/cases/{id}?lang=ru"), &cm).await;
        assert!(ru.body.contains("<td>Ребёнок</td>"), "the relation's label");
        let reads = mayak_store::audit::recent(&db.store, Some("person.read"), 50)
            .await
            .unwrap();
        assert!(
            reads
                .iter()
                .any(|e| e.record_id.as_deref() == Some(rel[0].person_id.to_string().as_str())),
            "the relative's read was not recorded"
        );
        // A partner organisation without the person's consent sees neither.
        let partner = token_for(&db.store, "partner").await;
        let seen = get_as(&d.app, &format!("/cases/{id}?lang=en"), &partner).await;
        assert!(!seen.body.contains("Семейный"));
        // Closing the case starts the relative's retention clock with the person's.
        let case = mayak_store::cases::get(&db.store, id).await.unwrap();
        let closed = call(
            &d.app,
            json_req(
                "PATCH",
                &format!("/api/v1/cases/{id}"),
                &cm,
                &format!(
                    r#"{{"version":{},"status":"Closed","closure_reason":"Returned to the family"}}"#,
                    case.version
                ),
            ),
        )
        .await;
        assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
        let later = clock().now() + time::Duration::days(6 * 365);
        let due = mayak_store::retention::due(&db.store, later, time::Duration::days(5 * 365))
            .await
            .unwrap();
        assert!(
            due.contains(&case.person_id) && due.contains(&rel[0].person_id),
            "{due:?}"
        );
        // Withdrawing consent to processing queues the relative's erasure with the person's.
        let person = case.person_id;
        let run = mayak_store::retention::request_erasure(
            &db.store,
            clock().now(),
            person,
            "consent withdrawn",
        )
        .await
        .unwrap();
        let runs = mayak_store::retention::runs(&db.store).await.unwrap();
        let r = runs.iter().find(|r| r.id == run).unwrap();
        let mut listed: Vec<i64> = r.candidates.iter().map(|c| c.0).collect();
        listed.sort();
        let mut want = vec![person, rel[0].person_id];
        want.sort();
        assert_eq!(listed, want);
    });
}

#[tokio::test]
async fn the_navigation_lists_each_page_once() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let cm = token_for(&db.store, "casemanager").await;
    let page = get_as(&d.app, "/cases?lang=en", &cm).await;
    let nav = page
        .body
        .split("class=\"main-nav\"")
        .nth(1)
        .and_then(|n| n.split("</nav>").next())
        .expect("the main navigation");
    let mut hrefs: Vec<&str> = nav
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.contains('?'))
        .collect();
    assert!(hrefs.contains(&"/work"), "{nav}");
    let all = hrefs.len();
    hrefs.sort();
    hrefs.dedup();
    assert_eq!(hrefs.len(), all, "a link appears twice: {nav}");
}

#[tokio::test]
async fn unfinished_intakes_are_kept_as_sealed_drafts_for_their_author_only() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let (cases_before, _) = mayak_store::persons::counts(&db.store).await.unwrap();
        // An unfinished form: no checks, nothing registered.
        let saved = call(
            &d.app,
            form_post(
                "/cases",
                &cm,
                &[
                    ("action", "draft"),
                    ("family_name", "Черновикова"),
                    ("given_names", ""),
                    ("birth_date", "not a date yet"),
                ],
            ),
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let at = saved.header("location").to_owned();
        assert!(at.starts_with("/cases/new?draft="), "{at}");
        assert!(at.ends_with("&notice=draft-saved"), "{at}");
        let id: i64 = at["/cases/new?draft=".len()..]
            .split('&')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            mayak_store::persons::counts(&db.store).await.unwrap().0,
            cases_before,
            "a draft registers nobody"
        );
        // The author continues where they stopped, in their language.
        let page = get_as(&d.app, &format!("{at}&lang=en"), &cm).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("value=\"Черновикова\""), "{}", page.body);
        assert!(page.body.contains("value=\"not a date yet\""));
        assert!(page.body.contains("The draft was saved (encrypted)."));
        assert!(
            page.body
                .contains(&format!("name=\"draft_id\" value=\"{id}\""))
        );
        assert!(page.body.contains(&format!("Draft {id}")));
        // Nobody else opens or deletes it.
        let other = token_for(&db.store, "supervisor").await;
        assert_eq!(
            get_as(&d.app, &format!("/cases/new?draft={id}"), &other)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            call(
                &d.app,
                form_post(&format!("/cases/drafts/{id}/delete"), &other, &[])
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        // Saved again over the same draft, then completed: the case exists, the draft is gone.
        let again = call(
            &d.app,
            form_post(
                "/cases",
                &cm,
                &[
                    ("action", "draft"),
                    ("draft_id", &id.to_string()),
                    ("family_name", "Черновикова"),
                    ("given_names", "Ольга"),
                ],
            ),
        )
        .await;
        assert_eq!(
            again.header("location"),
            format!("/cases/new?draft={id}&notice=draft-saved")
        );
        let done = call(
            &d.app,
            form_post(
                "/cases",
                &cm,
                &[
                    ("draft_id", &id.to_string()),
                    ("family_name", "Черновикова"),
                    ("given_names", "Ольга"),
                    ("sex", "Female"),
                    ("region", "BY-HM"),
                    ("registered_on", &d.clock.now().date().to_string()),
                    ("lead_organisation_id", &cm_org(&db.store).await.to_string()),
                ],
            ),
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert!(done.header("location").starts_with("/cases/"));
        assert!(
            mayak_store::drafts::list(&db.store, cm_user(&db.store).await, d.clock.now())
                .await
                .unwrap()
                .is_empty()
        );
        // A deleted draft is gone for good.
        let second = call(
            &d.app,
            form_post(
                "/cases",
                &cm,
                &[("action", "draft"), ("family_name", "Другая")],
            ),
        )
        .await;
        let at = second.header("location").to_owned();
        let id2: i64 = at["/cases/new?draft=".len()..]
            .split('&')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let del = call(
            &d.app,
            form_post(&format!("/cases/drafts/{id2}/delete"), &cm, &[]),
        )
        .await;
        assert_eq!(del.header("location"), "/cases/new?notice=draft-deleted");
        assert_eq!(
            get_as(&d.app, &format!("/cases/new?draft={id2}"), &cm)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    });
}

async fn cm_user(store: &mayak_store::Store) -> i64 {
    mayak_store::orgs::list_users(store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.login == "casemanager")
        .unwrap()
        .id
}

async fn cm_org(store: &mayak_store::Store) -> i64 {
    mayak_store::orgs::list_users(store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.login == "casemanager")
        .unwrap()
        .organisation_id
}

#[tokio::test]
async fn the_openapi_examples_of_case_requests_are_real_requests() {
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let doc = get(&d.app, "/api/v1/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    for name in [
        "NewCaseRequest",
        "PatchCaseRequest",
        "ConsentRequest",
        "ServiceRequest",
    ] {
        assert!(
            schemas[name]["example"].is_object(),
            "{name} has no example in the OpenAPI document"
        );
    }
    // The intake example registers a case as it stands.
    let cm = token_for(&db.store, "casemanager").await;
    let example = schemas["NewCaseRequest"]["example"].to_string();
    let made = call(&d.app, json_req("POST", "/api/v1/cases", &cm, &example)).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["id"].as_i64().unwrap();
    // The others are accepted once their ids and version point at real records.
    let mut consent = schemas["ConsentRequest"]["example"].clone();
    let partner = cm_org(&db.store).await;
    consent["organisation_id"] = partner.into();
    let c = call(
        &d.app,
        json_req(
            "POST",
            &format!("/api/v1/cases/{id}/consents"),
            &cm,
            &consent.to_string(),
        ),
    )
    .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
    let mut service = schemas["ServiceRequest"]["example"].clone();
    service["provider_organisation_id"] = partner.into();
    let s = call(
        &d.app,
        json_req(
            "POST",
            &format!("/api/v1/cases/{id}/services"),
            &cm,
            &service.to_string(),
        ),
    )
    .await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let version = get_as(&d.app, &format!("/api/v1/cases/{id}"), &cm)
        .await
        .json()["version"]
        .clone();
    let mut patch = schemas["PatchCaseRequest"]["example"].clone();
    patch["version"] = version;
    let p = call(
        &d.app,
        json_req(
            "PATCH",
            &format!("/api/v1/cases/{id}"),
            &cm,
            &patch.to_string(),
        ),
    )
    .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
}

/// `base` with the JSON value at `path` (dot-separated; numeric parts index arrays) replaced.
fn with_value(base: &serde_json::Value, path: &str, value: serde_json::Value) -> serde_json::Value {
    let mut out = base.clone();
    let mut at = &mut out;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        at = match part.parse::<usize>() {
            Ok(n) if last => {
                at[n] = value;
                break;
            }
            Ok(n) => &mut at[n],
            Err(_) if last => {
                at[*part] = value;
                break;
            }
            Err(_) => &mut at[*part],
        };
    }
    out
}

#[tokio::test]
async fn every_case_api_field_is_validated_with_a_clear_message_and_nothing_changes() {
    use serde_json::json;
    let db = mayak_testkit::sqlite().await;
    let d = demo(&db.store).await;
    let cm = token_for(&db.store, "casemanager").await;
    let future = (d.clock.now().date() + time::Duration::days(3)).to_string();
    let long = "я".repeat(201);
    let intake = json!({
        "region": "BY-HM", "sex": "Female", "registered_on": "2025-03-14",
        "exploitation_type": "ForcedLabour", "country_of_exploitation": "PL",
        "person": {"family_name": "Полевая", "given_names": "Нина", "patronymic": "Ивановна",
                   "birth_date": "1990-01-01", "citizenships": ["BY"],
                   "documents": [{"doc_type": "Passport", "number": "MP7654321"}],
                   "phones": ["+375 29 111-22-33"], "languages": ["ru"]}
    });
    let (persons_before, _) = mayak_store::persons::counts(&db.store).await.unwrap();
    let elsewhere = mayak_store::orgs::list_users(&db.store)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.login == "rehab")
        .unwrap()
        .id;
    // (field path in the request, bad value, the field named in the answer, its rule code)
    let cases: Vec<(&str, serde_json::Value, &str, &str)> = vec![
        ("region", json!("BY-XX"), "region", "unknown_code"),
        ("region", json!(""), "region", "required"),
        ("sex", json!("Robot"), "sex", "unknown_code"),
        (
            "registered_on",
            json!(future),
            "registered_on",
            "date_out_of_range",
        ),
        (
            "lead_organisation_id",
            json!(999_999),
            "lead_organisation_id",
            "unknown_code",
        ),
        (
            "exploitation_type",
            json!("Piracy"),
            "exploitation_type",
            "unknown_code",
        ),
        (
            "country_of_exploitation",
            json!("XX"),
            "country_of_exploitation",
            "unknown_code",
        ),
        (
            "person.family_name",
            json!(""),
            "person.family_name",
            "required",
        ),
        (
            "person.family_name",
            json!(long),
            "person.family_name",
            "too_long",
        ),
        (
            "person.given_names",
            json!(" "),
            "person.given_names",
            "required",
        ),
        (
            "person.patronymic",
            json!(long),
            "person.patronymic",
            "too_long",
        ),
        (
            "person.birth_date",
            json!(future),
            "person.birth_date",
            "date_out_of_range",
        ),
        (
            "person.citizenships.0",
            json!("ZZ"),
            "person.citizenships[0]",
            "unknown_code",
        ),
        (
            "person.documents.0.doc_type",
            json!("Scroll"),
            "person.documents[0].doc_type",
            "unknown_code",
        ),
        (
            "person.documents.0.number",
            json!(""),
            "person.documents[0].number",
            "required",
        ),
        (
            "person.phones.0",
            json!("12"),
            "person.phones[0]",
            "phone_format",
        ),
        (
            "person.languages.0",
            json!("klingon"),
            "person.languages[0]",
            "unknown_code",
        ),
        ("assigned_to", json!(999_999), "assigned_to", "unknown_code"),
        // Assignment grants access: never to a worker of another organisation.
        (
            "assigned_to",
            json!(elsewhere),
            "assigned_to",
            "unknown_code",
        ),
    ];
    for (path, bad, field, code) in &cases {
        let body = with_value(&intake, path, bad.clone());
        let a = call(
            &d.app,
            json_req("POST", "/api/v1/cases", &cm, &body.to_string()),
        )
        .await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            a.body
        );
        assert_eq!(a.header("content-type"), "application/problem+json");
        let errors = a.json()["errors"].clone();
        let hit = errors
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["field"] == *field)
            .unwrap_or_else(|| panic!("{path}: no error for {field} in {errors}"));
        assert_eq!(hit["code"], *code, "{path}: {hit}");
        let message = hit["message"].as_str().unwrap();
        assert!(
            message.len() > 10 && !message.contains("field-"),
            "{path}: the message must say what to do: {message}"
        );
    }
    // Unknown and mistyped fields are refused too, not ignored.
    for body in [
        with_value(&intake, "nickname", json!("x")),
        with_value(&intake, "person.birth_date", json!("02.01.1990")),
    ] {
        let a = call(
            &d.app,
            json_req("POST", "/api/v1/cases", &cm, &body.to_string()),
        )
        .await;
        assert!(a.status.is_client_error(), "{}", a.body);
    }
    assert_eq!(
        mayak_store::persons::counts(&db.store).await.unwrap().0,
        persons_before,
        "a refused intake registers nobody"
    );
    // The valid body is accepted, so every refusal above was about its one field.
    let made = call(
        &d.app,
        json_req("POST", "/api/v1/cases", &cm, &intake.to_string()),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["id"].as_i64().unwrap();
    let version = made.json()["version"].as_i64().unwrap();
    assert_eq!(
        get_as(&d.app, &format!("/api/v1/cases/{id}"), &cm)
            .await
            .json()["person"]["languages"],
        json!(["ru"]),
        "the language was not kept"
    );

    // Edits, consents and services, field by field.
    let patch = json!({"version": version, "status": "FollowUp"});
    let consent = json!({"purpose": "Processing", "given_by": "person", "form": "SignedPaper", "given_on": "2025-03-14"});
    let service =
        json!({"service_type": "Psychological", "start_on": "2025-03-20", "cost_cents": 1000});
    let more: Vec<(
        &str,
        String,
        &serde_json::Value,
        &str,
        serde_json::Value,
        &str,
        &str,
    )> = vec![
        (
            "PATCH",
            format!("/api/v1/cases/{id}"),
            &patch,
            "status",
            json!("Lost"),
            "status",
            "unknown_code",
        ),
        (
            "PATCH",
            format!("/api/v1/cases/{id}"),
            &patch,
            "nrm_phase",
            json!("Eleventh"),
            "nrm_phase",
            "unknown_code",
        ),
        (
            "PATCH",
            format!("/api/v1/cases/{id}"),
            &patch,
            "assigned_to",
            json!(elsewhere),
            "assigned_to",
            "unknown_code",
        ),
        (
            "PATCH",
            format!("/api/v1/cases/{id}"),
            &patch,
            "status",
            json!("Closed"),
            "closure_reason",
            "required",
        ),
        (
            "PATCH",
            format!("/api/v1/cases/{id}"),
            &patch,
            "exploitation_type",
            json!("Piracy"),
            "exploitation_type",
            "unknown_code",
        ),
        (
            "PATCH",
            format!("/api/v1/cases/{id}"),
            &patch,
            "country_of_exploitation",
            json!("XX"),
            "country_of_exploitation",
            "unknown_code",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/consents"),
            &consent,
            "purpose",
            json!("Everything"),
            "purpose",
            "unknown_code",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/consents"),
            &consent,
            "given_by",
            json!("neighbour"),
            "given_by",
            "unknown_code",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/consents"),
            &consent,
            "form",
            json!("Telepathy"),
            "form",
            "unknown_code",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/consents"),
            &consent,
            "given_on",
            json!(future),
            "given_on",
            "date_out_of_range",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/consents"),
            &consent,
            "purpose",
            json!("Referral"),
            "organisation_id",
            "required_for_referral",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/services"),
            &service,
            "service_type",
            json!("Magic"),
            "service_type",
            "unknown_code",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/services"),
            &service,
            "provider_organisation_id",
            json!(999_999),
            "provider_organisation_id",
            "unknown_code",
        ),
        (
            "POST",
            format!("/api/v1/cases/{id}/services"),
            &service,
            "cost_cents",
            json!(-5),
            "cost_cents",
            "amount_format",
        ),
    ];
    for (method, uri, base, path, bad, field, code) in &more {
        let body = with_value(base, path, bad.clone());
        let a = call(&d.app, json_req(method, uri, &cm, &body.to_string())).await;
        assert_eq!(
            a.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{uri} {path}: {}",
            a.body
        );
        let errors = a.json()["errors"].clone();
        let hit = errors
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["field"] == *field)
            .unwrap_or_else(|| panic!("{uri} {path}: no error for {field} in {errors}"));
        assert_eq!(hit["code"], *code, "{uri} {path}: {hit}");
    }
    let after = get_as(&d.app, &format!("/api/v1/cases/{id}"), &cm)
        .await
        .json();
    assert_eq!(after["version"], version, "a refused edit changed the case");
    assert_eq!(after["status"], "Active");

    // A child under 16 consents through a legal representative.
    let child = with_value(&intake, "person.birth_date", json!("2015-02-01"));
    let child = with_value(&child, "person.documents", json!([]));
    let made = call(
        &d.app,
        json_req("POST", "/api/v1/cases", &cm, &child.to_string()),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let child_id = made.json()["id"].as_i64().unwrap();
    let uri = format!("/api/v1/cases/{child_id}/consents");
    let alone = call(&d.app, json_req("POST", &uri, &cm, &consent.to_string())).await;
    assert_eq!(
        alone.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        alone.body
    );
    let err = alone.json()["errors"][0].clone();
    assert_eq!(err["field"], "given_by");
    assert_eq!(err["code"], "child_needs_representative");
    assert_eq!(
        err["message"],
        "A child under 16 cannot consent alone: record the consent of their legal representative."
    );
    let by_parent = with_value(&consent, "given_by", json!("representative"));
    let ok = call(&d.app, json_req("POST", &uri, &cm, &by_parent.to_string())).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
}

#[tokio::test]
async fn a_completed_service_keeps_its_outcome() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let cm = token_for(&db.store, "casemanager").await;
        let c = call(&d.app, json_req("POST", "/api/v1/cases", &cm, r#"{"region":"BY-HM","sex":"Female","person":{"family_name":"Итогова","given_names":"Вера"}}"#)).await.json();
        let id = c["id"].as_i64().unwrap();
        let s = call(
            &d.app,
            json_req(
                "POST",
                &format!("/api/v1/cases/{id}/services"),
                &cm,
                r#"{"service_type":"DocumentsAndCivilRights"}"#,
            ),
        )
        .await;
        assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
        let service = s.json()["id"].as_i64().unwrap();
        let done = call(
            &d.app,
            form_post(
                &format!("/cases/{id}/services/{service}/status"),
                &cm,
                &[
                    ("status", "Completed"),
                    ("outcome", "  Passport restored  "),
                ],
            ),
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let stored = mayak_store::cases::services(&db.store, id).await.unwrap();
        assert_eq!(stored[0].outcome.as_deref(), Some("Passport restored"));
        assert_eq!(stored[0].end_on, Some(d.clock.now().date()));
        let page = get_as(&d.app, &format!("/cases/{id}?lang=en"), &cm).await;
        assert!(page.body.contains("Passport restored"));
    });
}

#[path = "web/hotline.rs"]
mod hotline;
#[path = "web/hotline_checks.rs"]
mod hotline_checks;
#[path = "web/mail_intake.rs"]
mod mail_intake;
#[path = "web/publication.rs"]
mod publication;
#[path = "web/rehab.rs"]
mod rehab;
#[path = "web/statistics.rs"]
mod statistics;
#[path = "web/viber.rs"]
mod viber;
