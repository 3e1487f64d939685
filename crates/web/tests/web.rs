//! Web tests: pages, API, middleware and catalogs, through the real router. Store-backed tests
//! run on SQLite and, with MAYAK_TEST_DATABASE_URL, on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use mayak_domain::{Clock, ListKind};
use mayak_store::Store;
use mayak_testkit::{clock, each_backend, rng};
use mayak_web::{AppState, Catalogs, WebConfig, i18n};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;
use tower::ServiceExt;

fn state(store: &Store, public_url: Option<&str>) -> AppState {
    AppState {
        store: store.clone(),
        clock: Arc::new(clock()),
        rng: Arc::new(rng()),
        catalogs: Catalogs::load().unwrap(),
        metrics: Arc::default(),
        config: Arc::new(WebConfig {
            public_url: public_url.map(str::to_owned),
            demo: true,
            instance: "test".into(),
        }),
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
    mayak_store::demo::load(store, clock().now(), &rng(), Some("test-password-1"))
        .await
        .unwrap();
    mayak_web::router(state(store, None))
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
    let app = mayak_web::router(state(&db.store, None));
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
        let app = mayak_web::router(state(&db.store, public_url));
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
        let app = mayak_web::router(state(&db.store, None));
        let h = get(&app, "/healthz").await;
        assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
        assert_eq!(get(&app, "/readyz").await.status, StatusCode::OK);
        get(&app, "/api/v1/reference/region").await;
        get(&app, "/api/v1/reference/sex").await;
        get(&app, "/missing").await;
        let m = get(&app, "/metrics").await;
        assert!(m.header("content-type").starts_with("text/plain"));
        assert!(
            m.body.contains("mayak_http_requests_total{method=\"GET\",route=\"/api/v1/reference/{list}\",status=\"200\"} 2"),
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
    let app = mayak_web::router(state(&db.store, None));
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
    // Every documented GET route answers (the document cannot describe routes that do not exist).
    for p in &paths {
        let concrete = p.replace("{list}", "region");
        let r = get(&app, &concrete).await;
        assert_eq!(r.status, StatusCode::OK, "{concrete}");
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    db.cleanup().await;
}

#[tokio::test]
async fn api_returns_reference_data_with_standard_codes() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
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
    let app = mayak_web::router(state(&db.store, None));
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
    let app = mayak_web::router(state(&db.store, None));
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
    for pat in ["t(\"", "tn(\"", "ts(\"", "key: \""] {
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
        .map(|(l, src)| (l.code(), i18n::keys(src).into_iter().collect()))
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
    for code in [
        "required",
        "too-long",
        "unknown-code",
        "code-chars",
        "list-not-extensible",
        "control-chars",
    ] {
        dynamic.push(format!("field-{code}"));
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
