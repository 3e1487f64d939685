//! Static assets embedded in the binary: Mayak works offline on a LAN, with no CDN.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::PageError;

/// The embedded files: name, content type, bytes.
pub const FILES: &[(&str, &str, &[u8])] = &[
    (
        "mayak.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/mayak.css"),
    ),
    (
        "mayak.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/mayak.js"),
    ),
    (
        "hotline.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/hotline.js"),
    ),
    (
        "mayak.svg",
        "image/svg+xml",
        include_bytes!("../static/mayak.svg"),
    ),
];

/// A version stamp for asset URLs, so browsers fetch new files after an upgrade.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Routes under `/static`.
pub fn router() -> Router<AppState> {
    Router::new().route("/{name}", axum::routing::get(serve))
}

async fn serve(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|f| f.0 == name) {
        Some((_, ctype, bytes)) => {
            let mut res = bytes.into_response();
            res.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            );
            res
        }
        None => PageError::NotFound.into_response(),
    }
}
