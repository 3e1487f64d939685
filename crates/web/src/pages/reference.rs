//! Reference lists: the overview and each list with its codes and labels.

use super::{Base, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::access::Permission;
use mayak_domain::reference::NewEntry;
use mayak_domain::{FieldError, ListKind};
use mayak_store::StoreError;
use mayak_store::reference::{self, Entry};
use serde::Deserialize;
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
    extensible: bool,
    entries: Vec<Entry>,
    parents: HashMap<String, String>,
    has_parent: bool,
    has_alt: bool,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
}

/// `?notice=` after a change.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

/// `GET /reference/{list}`.
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    Path(list): Path<String>,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let kind = ListKind::parse(&list).ok_or(PageError::NotFound)?;
    let notice =
        q.0.notice
            .filter(|n| ["added", "retired", "restored"].contains(&n.as_str()))
            .map(|n| b.t(&format!("notice-{n}")));
    list_page(
        &state,
        b,
        kind,
        Errors::default(),
        FormPairs::default(),
        notice,
    )
    .await
}

async fn list_page(
    state: &AppState,
    b: Base,
    kind: ListKind,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
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
    let failed = !errors.is_empty();
    let mut res = render(&ListPage {
        b,
        list: kind.code(),
        extensible: kind.extensible(),
        entries,
        parents,
        has_parent,
        has_alt,
        errors,
        form,
        notice,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `POST /reference/{list}`: an administrator adds an entry.
pub async fn add(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(list): Path<String>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let kind = ListKind::parse(&list).ok_or(PageError::NotFound)?;
    let entry = match NewEntry::parse(
        kind,
        form.get("code"),
        form.get("label_ru"),
        form.get("label_be"),
        form.get("label_en"),
    ) {
        Ok(e) => e,
        Err(e) => {
            let errors = Errors::from(&b.tr, &e);
            return list_page(&state, b, kind, errors, form, None).await;
        }
    };
    match reference::add(&state.store, &entry, state.clock.now()).await {
        Ok(_) => {
            let mut ev = auth::event(&v, "reference.add", kind.code(), entry.code.as_str());
            ev.fields = Some("code,label_ru,label_be,label_en".into());
            auth::audit(&state, ev, &origin).await;
            Ok(Redirect::to(&format!("/reference/{}?notice=added", kind.code())).into_response())
        }
        Err(StoreError::Conflict(_)) => {
            let errors = Errors::from(&b.tr, &FieldError::new("code", "taken").into());
            list_page(&state, b, kind, errors, form, None).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn set_retired(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    list: &str,
    code: &str,
    retired: bool,
) -> Result<Response, PageError> {
    let kind = ListKind::parse(list).ok_or(PageError::NotFound)?;
    reference::set_retired(&state.store, kind, code, retired, state.clock.now()).await?;
    let action = if retired {
        "reference.retire"
    } else {
        "reference.restore"
    };
    auth::audit(state, auth::event(v, action, kind.code(), code), origin).await;
    let notice = if retired { "retired" } else { "restored" };
    Ok(Redirect::to(&format!("/reference/{}?notice={notice}", kind.code())).into_response())
}

/// `POST /reference/{list}/{code}/retire`.
pub async fn retire(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((list, code)): Path<(String, String)>,
) -> Result<Response, PageError> {
    set_retired(&state, &v, &origin, &list, &code, true).await
}

/// `POST /reference/{list}/{code}/restore`.
pub async fn restore(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((list, code)): Path<(String, String)>,
) -> Result<Response, PageError> {
    set_retired(&state, &v, &origin, &list, &code, false).await
}
