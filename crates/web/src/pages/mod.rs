//! Server-rendered pages. Each page is an askama template whose struct carries a [`Base`]:
//! the request's language, path and the navigation, shared by the layout.

mod home;
mod partners;
mod reference;

use crate::AppState;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::middleware::RequestLang;
use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use mayak_domain::Lang;

/// Routes of the pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", axum::routing::get(home::show))
        .route("/reference", axum::routing::get(reference::index))
        .route("/reference/{list}", axum::routing::get(reference::show))
        .route("/partners", axum::routing::get(partners::directory))
        .route("/partners/groups", axum::routing::get(partners::groups))
}

/// One link of the navigation.
#[derive(Debug, Clone)]
pub struct NavLink {
    /// Catalog key of the label.
    pub key: &'static str,
    /// Target.
    pub href: &'static str,
}

/// One 4P component in the navigation, with the pages that exist for it.
#[derive(Debug, Clone)]
pub struct NavSection {
    /// Catalog key of the heading.
    pub key: &'static str,
    /// Its pages.
    pub links: &'static [NavLink],
}

/// The navigation by 4P component. Components whose modules have not landed yet have no
/// links and are not shown.
pub const NAV: &[NavSection] = &[
    NavSection {
        key: "nav-prevention",
        links: &[],
    },
    NavSection {
        key: "nav-prosecution",
        links: &[],
    },
    NavSection {
        key: "nav-protection",
        links: &[],
    },
    NavSection {
        key: "nav-partnership",
        links: &[
            NavLink {
                key: "nav-partners",
                href: "/partners",
            },
            NavLink {
                key: "nav-groups",
                href: "/partners/groups",
            },
        ],
    },
    NavSection {
        key: "nav-administration",
        links: &[NavLink {
            key: "nav-reference",
            href: "/reference",
        }],
    },
];

/// A link of the language switch.
#[derive(Debug, Clone)]
pub struct LangLink {
    /// BCP 47 code.
    pub code: &'static str,
    /// The language's own name.
    pub name: &'static str,
    /// Same page in that language.
    pub href: String,
    /// The current language.
    pub current: bool,
}

/// What every page's layout needs.
#[derive(Debug, Clone)]
pub struct Base {
    /// Translations in the request's language.
    pub tr: Tr,
    /// The request path, for the language switch and the current-page marker.
    pub path: String,
    /// The query string without `lang`, kept by the language switch (filters are not personal data).
    pub query: String,
    /// Demo data is loaded: show the banner.
    pub demo: bool,
    /// Asset version for cache busting.
    pub version: &'static str,
}

impl Base {
    /// A message from the catalog.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The navigation sections that have pages.
    pub fn nav(&self) -> Vec<&'static NavSection> {
        NAV.iter().filter(|s| !s.links.is_empty()).collect()
    }

    /// True when `href` is the current page or an ancestor of it.
    pub fn is_current(&self, href: &str) -> bool {
        let matches = |h: &str| self.path == h || self.path.starts_with(&format!("{h}/"));
        // The most specific link wins: /partners/groups is not also /partners.
        matches(href)
            && !NAV
                .iter()
                .flat_map(|s| s.links)
                .any(|l| l.href.len() > href.len() && matches(l.href))
    }

    /// The language switch: this page in each language.
    pub fn langs(&self) -> Vec<LangLink> {
        Lang::ALL
            .iter()
            .map(|l| LangLink {
                code: l.code(),
                name: l.native_name(),
                href: if self.query.is_empty() {
                    format!("{}?lang={}", self.path, l.code())
                } else {
                    format!("{}?{}&lang={}", self.path, self.query, l.code())
                },
                current: *l == self.tr.lang,
            })
            .collect()
    }

    /// The name of a reference list in the current language.
    pub fn list_name(&self, code: &str) -> String {
        self.tr.t(&format!("list-{code}"))
    }

    /// The current language.
    pub fn lang(&self) -> Lang {
        self.tr.lang
    }
}

impl FromRequestParts<AppState> for Base {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts
            .extensions
            .get::<RequestLang>()
            .map(|l| l.lang)
            .unwrap_or_default();
        Ok(base(
            state,
            Tr::new(lang, state.catalogs.clone()),
            parts.uri.path(),
        ))
    }
}

fn base(state: &AppState, tr: Tr, path: &str) -> Base {
    Base {
        tr,
        path: path.to_owned(),
        query: String::new(),
        demo: state.config.demo,
        version: crate::assets::VERSION,
    }
}

/// Renders a template into an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Response, PageError> {
    Ok(Html(t.render()?).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    b: Base,
    title: String,
    explanation: String,
    status: u16,
}

/// Renders an error page in the request's language, keeping the response's status and headers.
pub fn error_page(state: &AppState, tr: &Tr, path: &str, e: PageError, res: Response) -> Response {
    let key = e.key();
    let page = ErrorPage {
        b: base(state, tr.clone(), path),
        title: tr.t(&format!("{key}-title")),
        explanation: tr.t(&format!("{key}-text")),
        status: e.status().as_u16(),
    };
    let (mut parts, _) = res.into_parts();
    let body = page
        .render()
        .unwrap_or_else(|_| tr.t(&format!("{key}-title")));
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}
