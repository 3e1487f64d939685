//! Mayak's web layer: server-rendered pages for people, a JSON API for programs, both over one
//! axum router that every request enters through the same middleware (security headers,
//! language, metrics, request logging without identifying data).

pub mod api;
pub mod assets;
pub mod auth;
pub mod dashboard;
pub mod error;
pub mod exports;
pub mod forms;
pub mod i18n;
pub mod mail;
pub mod mail_intake;
pub mod metrics;
pub mod middleware;
pub mod pages;
pub mod publication;
pub mod report;
pub mod routes;
pub mod session;
pub mod viber;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use mayak_domain::{Clock, Random};
use mayak_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

pub use error::{ApiError, PageError};
pub use i18n::{Catalogs, Tr};

/// Largest request body accepted (forms and JSON); uploads get their own limit.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address people use, e.g. `https://mayak.example.org`; `https` turns on HSTS and
    /// `Secure` cookies.
    pub public_url: Option<String>,
    /// The database holds the fictional demo dataset: pages say so.
    pub demo: bool,
    /// A name for this instance in logs and the audit trail (several may share a database).
    pub instance: String,
    /// A session ends after this long without requests.
    pub session_idle: time::Duration,
    /// A session ends this long after sign-in, whatever happens.
    pub session_lifetime: time::Duration,
    /// Cookies without `Secure` and the `__Host-` prefix, for plain HTTP (explicit opt-in).
    pub insecure_cookies: bool,
    /// Who must use a second factor.
    pub mfa_policy: mayak_domain::access::MfaPolicy,
    /// Take the client address from the last `X-Forwarded-For` entry (behind a trusted proxy).
    pub behind_proxy: bool,
    /// Identifying data is erased (after approval) this long after a person's last case closed.
    pub retention_period: time::Duration,
    /// The hotline's lines, hours and public-form defences.
    pub hotline: HotlineConfig,
    /// Outgoing mail, when an SMTP relay is configured (off by default).
    pub mail: Option<mail::MailConfig>,
    /// Cells counting fewer people than this (and more than none) are hidden in dashboards,
    /// the annual report and published tables; at least CTDC's 11
    /// ([`publication::MIN_THRESHOLD`]), at most [`publication::MAX_THRESHOLD`].
    pub disclosure_threshold: u32,
}

/// Settings of the hotline.
#[derive(Debug, Clone)]
pub struct HotlineConfig {
    /// When consultants answer; online requests outside these hours wait in the queue.
    pub hours: mayak_domain::hotline::WorkingHours,
    /// Numbers by channel code, shown to consultants and on the public form.
    pub numbers: Vec<(String, String)>,
    /// Leading zero hex digits the public form's proof-of-work needs.
    pub pow_difficulty: usize,
    /// Online requests (and ticket look-ups) one address may send per 10 minutes.
    pub public_rate: i64,
    /// The Viber channel; off when absent (no token configured).
    pub viber: Option<crate::viber::ViberConfig>,
    /// The Maildir the e-mail channel reads; off when absent.
    pub mail_intake_maildir: Option<std::path::PathBuf>,
}

impl Default for HotlineConfig {
    fn default() -> Self {
        Self {
            hours: Default::default(),
            numbers: mayak_domain::hotline::parse_numbers(mayak_domain::hotline::DEFAULT_NUMBERS)
                .unwrap_or_default(),
            pow_difficulty: 3,
            public_rate: 5,
            viber: None,
            mail_intake_maildir: None,
        }
    }
}

impl WebConfig {
    /// Settings with the defaults of `mayak serve`.
    pub fn new(instance: &str) -> Self {
        Self {
            public_url: None,
            demo: false,
            instance: instance.to_owned(),
            session_idle: time::Duration::minutes(30),
            session_lifetime: time::Duration::hours(12),
            insecure_cookies: false,
            mfa_policy: mayak_domain::access::MfaPolicy::default(),
            behind_proxy: false,
            retention_period: time::Duration::days(5 * 365),
            hotline: HotlineConfig::default(),
            mail: None,
            disclosure_threshold: publication::MIN_THRESHOLD,
        }
    }
}

impl WebConfig {
    /// True when Mayak is reached over TLS.
    pub fn is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

/// The text of `docs/ACCESS.md`: the access matrix generated from the policy and the routes.
pub fn access_doc() -> String {
    format!(
        "# Access control\n\n\
         Generated from `crates/domain/src/access.rs` and `crates/web/src/routes.rs` by \
         `mayak admin access-matrix`; a test fails when this file and the code differ.\n\n\
         Denials answer 403 for a forbidden action and 404 for a record outside the caller's scope, \
         and every denial is recorded in the audit trail.\n\n{}",
        mayak_domain::access::matrix_markdown(routes::ROUTES)
    )
}

/// Everything a request handler may need.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Randomness for secrets.
    pub rng: Arc<dyn Random>,
    /// Message catalogs.
    pub catalogs: Arc<Catalogs>,
    /// The keys that protect identifying data.
    pub vault: Arc<mayak_store::vault::Vault>,
    /// Request metrics.
    pub metrics: Arc<metrics::Metrics>,
    /// Web settings.
    pub config: Arc<WebConfig>,
}

/// Builds the whole application router with its middleware.
pub fn router(state: AppState) -> Router {
    let (api_router, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);
    Router::new()
        .merge(pages::router())
        .merge(api_router)
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .route("/readyz", axum::routing::get(readyz))
        .route("/metrics", axum::routing::get(metrics::render))
        .nest("/static", assets::router())
        // Every route's guard is checked after routing and before its handler.
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::enforce,
        ))
        .fallback(error::fallback)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            error::panic_response,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::language,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(60),
        ))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::observe,
        ))
        .with_state(state)
}

async fn readyz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    if state.store.ping().await {
        (axum::http::StatusCode::OK, "ready")
    } else {
        (
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "database unavailable",
        )
    }
}

/// A running server: the address it bound and a handle to stop it.
pub struct Server {
    /// The address actually bound (useful with port 0).
    pub addr: SocketAddr,
    listener: TcpListener,
    app: Router,
}

impl Server {
    /// Binds `listen` and prepares the app; fails with a clear message when the port is taken.
    pub async fn bind(listen: SocketAddr, state: AppState) -> std::io::Result<Self> {
        let listener = TcpListener::bind(listen).await.map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot listen on {listen}: {e} (is another program using the port? choose another with --listen)"),
            )
        })?;
        let addr = listener.local_addr()?;
        Ok(Self {
            addr,
            listener,
            app: router(state),
        })
    }

    /// Serves until `shutdown` completes; in-flight requests are allowed to finish.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}
