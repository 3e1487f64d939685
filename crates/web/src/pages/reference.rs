//! Reference lists: the overview and each list with its codes and labels.

use super::{Base, render};
use crate::AppState;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use mayak_domain::ListKind;
use mayak_store::reference::{self, Entry};
use std::collections::HashMap;

struct ListRow {
    code: &'static str,
    active: i64,
    retired: i64,
    extensible: bool,
}

#[derive(Template)]
#[template(path = "reference_index.html")]
struct IndexPage {
    b: Base,
    lists: Vec<ListRow>,
}

/// `GET /reference`.
pub async fn index(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let lists = reference::counts(&state.store)
        .await?
        .into_iter()
        .map(|(k, active, retired)| ListRow {
            code: k.code(),
            active,
            retired,
            extensible: k.extensible(),
        })
        .collect();
    render(&IndexPage { b, lists })
}

#[derive(Template)]
#[template(path = "reference_list.html")]
struct ListPage {
    b: Base,
    list: &'static str,
    entries: Vec<Entry>,
    parents: HashMap<String, String>,
    has_parent: bool,
    has_alt: bool,
}

/// `GET /reference/{list}`.
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    Path(list): Path<String>,
) -> Result<Response, PageError> {
    let kind = ListKind::parse(&list).ok_or(PageError::NotFound)?;
    let entries = reference::list(&state.store, kind, true).await?;
    let has_parent = entries.iter().any(|e| e.parent.is_some());
    let parents = if has_parent {
        reference::list(&state.store, ListKind::Region, true)
            .await?
            .into_iter()
            .map(|e| (e.code.clone(), e.label(b.lang()).to_owned()))
            .collect()
    } else {
        HashMap::new()
    };
    let has_alt = entries.iter().any(|e| e.alt_code.is_some());
    render(&ListPage {
        b,
        list: kind.code(),
        entries,
        parents,
        has_parent,
        has_alt,
    })
}
