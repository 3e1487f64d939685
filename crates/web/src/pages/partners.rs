//! The partner directory and the regional multidisciplinary groups.

use super::{Base, render};
use crate::AppState;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use mayak_domain::ListKind;
use mayak_store::orgs::{self, Organisation};
use mayak_store::reference::{self, Entry};
use serde::Deserialize;
use std::collections::HashMap;

/// Labels of one reference list in the request's language, by code.
async fn labels(
    state: &AppState,
    b: &Base,
    list: ListKind,
) -> Result<HashMap<String, String>, PageError> {
    Ok(reference::list(&state.store, list, true)
        .await?
        .into_iter()
        .map(|e| (e.code.clone(), e.label(b.lang()).to_owned()))
        .collect())
}

/// Filters of the directory; unknown codes simply match nothing.
#[derive(Debug, Deserialize, Default)]
pub struct DirectoryFilter {
    region: Option<String>,
    #[serde(rename = "type")]
    org_type: Option<String>,
}

struct OrgRow {
    org: Organisation,
    name: String,
    org_type: String,
    region: String,
    place: String,
}

#[derive(Template)]
#[template(path = "partners.html")]
struct DirectoryPage {
    b: Base,
    rows: Vec<OrgRow>,
    regions: Vec<Entry>,
    types: Vec<Entry>,
    region: String,
    org_type: String,
}

/// `GET /partners`.
pub async fn directory(
    State(state): State<AppState>,
    b: Base,
    filter: Result<Query<DirectoryFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let Query(filter) = filter.map_err(|_| PageError::BadRequest)?;
    let region = filter.region.filter(|r| !r.is_empty()).unwrap_or_default();
    let org_type = filter
        .org_type
        .filter(|t| !t.is_empty())
        .unwrap_or_default();
    let type_labels = labels(&state, &b, ListKind::OrganisationType).await?;
    let region_labels = labels(&state, &b, ListKind::Region).await?;
    let place_labels = labels(&state, &b, ListKind::Place).await?;
    let mut rows: Vec<OrgRow> = orgs::list_organisations(&state.store)
        .await?
        .into_iter()
        .filter(|o| region.is_empty() || o.region == region)
        .filter(|o| org_type.is_empty() || o.org_type == org_type)
        .map(|o| OrgRow {
            name: o.name(b.lang()).to_owned(),
            org_type: type_labels
                .get(&o.org_type)
                .cloned()
                .unwrap_or_else(|| o.org_type.clone()),
            region: region_labels
                .get(&o.region)
                .cloned()
                .unwrap_or_else(|| o.region.clone()),
            place: o
                .place
                .as_ref()
                .and_then(|p| place_labels.get(p).cloned())
                .unwrap_or_default(),
            org: o,
        })
        .collect();
    // Sorted as the reader sees them: by region name, then organisation name, in their language.
    rows.sort_by(|a, b| a.region.cmp(&b.region).then_with(|| a.name.cmp(&b.name)));
    let regions = reference::list(&state.store, ListKind::Region, false).await?;
    let types = reference::list(&state.store, ListKind::OrganisationType, false).await?;
    render(&DirectoryPage {
        b,
        rows,
        regions,
        types,
        region,
        org_type,
    })
}

struct GroupView {
    region: String,
    chair: String,
    members: Vec<String>,
}

#[derive(Template)]
#[template(path = "groups.html")]
struct GroupsPage {
    b: Base,
    groups: Vec<GroupView>,
}

/// `GET /partners/groups`.
pub async fn groups(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let region_labels = labels(&state, &b, ListKind::Region).await?;
    let all: HashMap<i64, Organisation> = orgs::list_organisations(&state.store)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let name = |id: i64| {
        all.get(&id)
            .map(|o| o.name(b.lang()).to_owned())
            .unwrap_or_default()
    };
    let groups = orgs::list_mdgs(&state.store)
        .await?
        .into_iter()
        .map(|g| GroupView {
            region: region_labels
                .get(&g.region)
                .cloned()
                .unwrap_or_else(|| g.region.clone()),
            chair: g.chair_organisation_id.map(name).unwrap_or_default(),
            members: g.members.iter().map(|m| name(*m)).collect(),
        })
        .collect();
    render(&GroupsPage { b, groups })
}
