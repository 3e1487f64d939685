//! The home page: what Mayak is, the hotline, and the 4P components at a glance.

use super::{Base, render};
use crate::AppState;
use crate::error::PageError;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mayak_store::orgs;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    b: Base,
    organisations: i64,
    ngos: i64,
    ngo_cities: i64,
    groups: i64,
}

/// `GET /`.
pub async fn show(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let all = orgs::list_organisations(&state.store).await?;
    let ngos: Vec<_> = all.iter().filter(|o| o.ngo_network).collect();
    let mut cities: Vec<&str> = ngos.iter().filter_map(|o| o.place.as_deref()).collect();
    cities.sort_unstable();
    cities.dedup();
    let groups = orgs::list_mdgs(&state.store).await?.len() as i64;
    render(&HomePage {
        b,
        organisations: all.len() as i64,
        ngos: ngos.len() as i64,
        ngo_cities: cities.len() as i64,
        groups,
    })
}
