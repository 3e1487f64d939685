//! The home page: the public site. What an anonymous visitor gets: the hotline numbers and
//! hours, the online consultation, safe-travel advice, the self-check quizzes, current
//! campaigns, the partner organisations that chose to be listed, and the public statistics.
//! Staff sign in at `/login`.

use super::prevention::{Labels, group};
use super::{Base, render};
use crate::AppState;
use crate::error::PageError;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use mayak_store::content::{self, Quiz};
use mayak_store::orgs::{self, Organisation};
use mayak_store::prevention::{self, Campaign};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    b: Base,
    organisations: i64,
    ngos: i64,
    ngo_cities: i64,
    groups: i64,
    quizzes: Vec<Quiz>,
    campaigns: Vec<Campaign>,
    partners: Vec<Organisation>,
    advice_title: Option<String>,
    l: Labels,
}

/// `GET /`.
pub async fn show(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let all = orgs::list_organisations(&state.store).await?;
    let ngos: Vec<_> = all.iter().filter(|o| o.ngo_network).collect();
    let mut cities: Vec<&str> = ngos.iter().filter_map(|o| o.place.as_deref()).collect();
    cities.sort_unstable();
    cities.dedup();
    let groups = orgs::list_mdgs(&state.store).await?.len() as i64;
    let listed = content::listed(&state.store).await?;
    let partners: Vec<Organisation> = all
        .iter()
        .filter(|o| listed.contains(&o.id))
        .cloned()
        .collect();
    let campaigns: Vec<Campaign> = prevention::list_campaigns(&state.store)
        .await?
        .into_iter()
        .filter(|c| c.published)
        .take(3)
        .collect();
    let advice_title = match content::get_page(&state.store, "safe-travel").await {
        Ok(p) => p.title.map(|t| t.get(b.lang()).to_owned()),
        Err(mayak_store::StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    render(&HomePage {
        organisations: all.len() as i64,
        ngos: ngos.len() as i64,
        ngo_cities: cities.len() as i64,
        groups,
        quizzes: content::list_quizzes(&state.store, true).await?,
        campaigns,
        partners,
        advice_title,
        l: Labels::load(&state, &b).await?,
        b,
    })
}
