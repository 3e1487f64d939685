//! The partner directory and the regional multidisciplinary groups.

use super::{Base, render};
use crate::AppState;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use mayak_domain::ListKind;
#[allow(unused_imports)]
use mayak_domain::access::Permission;
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
    service: Option<String>,
}

struct OrgRow {
    org: Organisation,
    name: String,
    org_type: String,
    region: String,
    place: String,
    services: String,
    details: mayak_store::directory::Profile,
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
    services: Vec<Entry>,
    service: String,
    /// The chosen region's name, when one is chosen (its page is linked).
    region_name: String,
}

/// `GET /partners`: the directory, searchable by region, type and service offered.
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
    let service_labels = labels(&state, &b, ListKind::ServiceType).await?;
    let service = filter.service.filter(|t| !t.is_empty()).unwrap_or_default();
    let mut profiles = mayak_store::directory::profiles(&state.store).await?;
    let mut rows: Vec<OrgRow> = orgs::list_organisations(&state.store)
        .await?
        .into_iter()
        .filter(|o| region.is_empty() || o.region == region)
        .filter(|o| org_type.is_empty() || o.org_type == org_type)
        .filter(|o| {
            service.is_empty()
                || profiles
                    .get(&o.id)
                    .is_some_and(|p| p.services.contains(&service))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|o| OrgRow {
            details: profiles.remove(&o.id).unwrap_or_default(),
            services: String::new(),
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
    for r in &mut rows {
        r.services = r
            .details
            .services
            .iter()
            .map(|s| service_labels.get(s).cloned().unwrap_or_else(|| s.clone()))
            .collect::<Vec<_>>()
            .join(", ");
    }
    // Sorted as the reader sees them: by region name, then organisation name, in their language.
    rows.sort_by(|a, b| a.region.cmp(&b.region).then_with(|| a.name.cmp(&b.name)));
    let regions = reference::list(&state.store, ListKind::Region, false).await?;
    let types = reference::list(&state.store, ListKind::OrganisationType, false).await?;
    render(&DirectoryPage {
        region_name: region_labels.get(&region).cloned().unwrap_or_default(),
        b,
        rows,
        regions,
        types,
        region,
        org_type,
        services: reference::list(&state.store, ListKind::ServiceType, false).await?,
        service,
    })
}

struct GroupView {
    id: i64,
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
            id: g.id,
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

// ---- The public listing and directory details ----------------------------------------------

struct PublicRow {
    name: String,
    org_type: String,
    region: String,
    /// Published fields only: (label key, value).
    fields: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "partners_public.html")]
struct PublicPage {
    b: Base,
    rows: Vec<PublicRow>,
    regions: Vec<Entry>,
    services: Vec<Entry>,
    region: String,
    service: String,
}

/// `GET /partners/public`: organisations that chose to be listed, with only the fields they
/// chose to publish (no sign-in needed).
pub async fn public(
    State(state): State<AppState>,
    b: Base,
    filter: Result<Query<DirectoryFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let Query(filter) = filter.map_err(|_| PageError::BadRequest)?;
    let region = filter.region.filter(|r| !r.is_empty()).unwrap_or_default();
    let service = filter.service.filter(|t| !t.is_empty()).unwrap_or_default();
    let type_labels = labels(&state, &b, ListKind::OrganisationType).await?;
    let region_labels = labels(&state, &b, ListKind::Region).await?;
    let place_labels = labels(&state, &b, ListKind::Place).await?;
    let service_labels = labels(&state, &b, ListKind::ServiceType).await?;
    let language_labels = labels(&state, &b, ListKind::Language).await?;
    let profiles = mayak_store::directory::profiles(&state.store).await?;
    let mut rows = Vec::new();
    for o in orgs::list_organisations(&state.store).await? {
        let Some(p) = profiles.get(&o.id).filter(|p| p.published) else {
            continue;
        };
        if !region.is_empty() && o.region != region {
            continue;
        }
        if !(service.is_empty() || p.publishes("services") && p.services.contains(&service)) {
            continue;
        }
        let join = |codes: &[String], l: &HashMap<String, String>| {
            codes
                .iter()
                .map(|c| l.get(c).cloned().unwrap_or_else(|| c.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut fields: Vec<(&'static str, String)> = Vec::new();
        let mut put = |key: &'static str, field: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty())
                && p.publishes(field)
            {
                fields.push((key, v));
            }
        };
        put(
            "partners-col-place",
            "city",
            p.city
                .as_ref()
                .map(|c| place_labels.get(c).cloned().unwrap_or_else(|| c.clone())),
        );
        put("directory-address", "address", p.address.clone());
        put("directory-phone", "phone", p.phone.clone());
        put("directory-email", "email", p.email.clone());
        put("directory-hours", "hours", p.hours.clone());
        put(
            "directory-languages",
            "languages",
            Some(join(&p.languages, &language_labels)),
        );
        put(
            "directory-services",
            "services",
            Some(join(&p.services, &service_labels)),
        );
        rows.push(PublicRow {
            name: o.name(b.lang()).to_owned(),
            org_type: type_labels.get(&o.org_type).cloned().unwrap_or_default(),
            region: region_labels.get(&o.region).cloned().unwrap_or_default(),
            fields,
        });
    }
    rows.sort_by(|a, b| a.region.cmp(&b.region).then_with(|| a.name.cmp(&b.name)));
    render(&PublicPage {
        regions: reference::list(&state.store, ListKind::Region, false).await?,
        services: reference::list(&state.store, ListKind::ServiceType, false).await?,
        b,
        rows,
        region,
        service,
    })
}

#[derive(Template)]
#[template(path = "partners_details.html")]
struct DetailsPage {
    b: Base,
    org: Organisation,
    name: String,
    services: Vec<Entry>,
    languages: Vec<Entry>,
    public_fields: &'static [&'static str],
    form: crate::forms::FormPairs,
    errors: crate::forms::Errors,
    notice: Option<String>,
}

fn details_form(p: &mayak_store::directory::Profile) -> crate::forms::FormPairs {
    let mut v: Vec<(String, String)> = [
        ("city", &p.city),
        ("address", &p.address),
        ("phone", &p.phone),
        ("email", &p.email),
        ("hours", &p.hours),
        ("capacity_notes", &p.capacity_notes),
    ]
    .iter()
    .map(|(k, val)| ((*k).to_owned(), (*val).clone().unwrap_or_default()))
    .collect();
    v.extend(
        p.services
            .iter()
            .map(|s| ("services".to_owned(), s.clone())),
    );
    v.extend(
        p.languages
            .iter()
            .map(|s| ("languages".to_owned(), s.clone())),
    );
    v.extend(
        p.public_fields
            .iter()
            .map(|s| ("public_fields".to_owned(), s.clone())),
    );
    if p.published {
        v.push(("published".to_owned(), "1".to_owned()));
    }
    crate::forms::FormPairs(v)
}

async fn details_page(
    state: &AppState,
    b: Base,
    id: i64,
    form: crate::forms::FormPairs,
    errors: &mayak_domain::FieldErrors,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let org = orgs::get_organisation(&state.store, id).await?;
    let failed = !errors.is_empty();
    let mut res = render(&DetailsPage {
        name: org.name(b.lang()).to_owned(),
        org,
        services: reference::list(&state.store, ListKind::ServiceType, false).await?,
        languages: reference::list(&state.store, ListKind::Language, false).await?,
        public_fields: mayak_store::directory::PUBLIC_FIELDS,
        form,
        errors: crate::forms::Errors::from(&b.tr, errors),
        notice,
        b,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `?notice=saved`.
#[derive(Debug, Deserialize, Default)]
pub struct Saved {
    notice: Option<String>,
}

/// `GET /admin/organisations/{id}/directory`: the organisation's directory details.
pub async fn details_form_page(
    State(state): State<AppState>,
    b: Base,
    axum::extract::Path(id): axum::extract::Path<i64>,
    q: super::PageQuery<Saved>,
) -> Result<Response, PageError> {
    let p = mayak_store::directory::profile(&state.store, id).await?;
    let notice =
        q.0.notice
            .filter(|n| n == "saved")
            .map(|_| b.t("notice-directory-saved"));
    details_page(
        &state,
        b,
        id,
        details_form(&p),
        &mayak_domain::FieldErrors::default(),
        notice,
    )
    .await
}

/// `POST /admin/organisations/{id}/directory`: saves the details, each field checked.
pub async fn save_details(
    State(state): State<AppState>,
    b: Base,
    v: crate::auth::Viewer,
    origin: crate::auth::Origin,
    axum::extract::Path(id): axum::extract::Path<i64>,
    form: crate::forms::FormPairs,
) -> Result<Response, PageError> {
    use mayak_domain::{FieldError, FieldErrors};
    orgs::get_organisation(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let text = |name: &str, max: usize, e: &mut FieldErrors| -> Option<String> {
        let v = form.get(name).trim();
        if v.chars().count() > max {
            e.push(FieldError::new(name, "too_long").with("max", max.to_string()));
        }
        (!v.is_empty()).then(|| v.to_owned())
    };
    let city = text("city", 100, &mut e);
    let address = text("address", 300, &mut e);
    let phone = text("phone", 50, &mut e);
    if phone
        .as_ref()
        .is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)))
    {
        e.push(FieldError::new("phone", "phone_format"));
    }
    let email = text("email", 200, &mut e);
    if email
        .as_ref()
        .is_some_and(|m| !m.contains('@') || m.contains(' '))
    {
        e.push(FieldError::new("email", "email_format"));
    }
    let hours = text("hours", 200, &mut e);
    let capacity_notes = text("capacity_notes", 500, &mut e);
    let mut services = Vec::new();
    for s in form.all("services") {
        if reference::is_active(&state.store, ListKind::ServiceType, &s).await? {
            services.push(s);
        } else {
            e.push(FieldError::unknown_code("services"));
        }
    }
    let mut languages = Vec::new();
    for l in form.all("languages") {
        if reference::is_active(&state.store, ListKind::Language, &l).await? {
            languages.push(l);
        } else {
            e.push(FieldError::unknown_code("languages"));
        }
    }
    let mut public_fields = Vec::new();
    for f in form.all("public_fields") {
        if mayak_store::directory::PUBLIC_FIELDS.contains(&f.as_str()) {
            public_fields.push(f);
        } else {
            e.push(FieldError::unknown_code("public_fields"));
        }
    }
    if !e.is_empty() {
        return details_page(&state, b, id, form, &e, None).await;
    }
    let p = mayak_store::directory::Profile {
        city,
        address,
        phone,
        email,
        hours,
        languages,
        services,
        capacity_notes,
        published: form.checked("published"),
        public_fields,
    };
    mayak_store::directory::set_profile(&state.store, id, &p).await?;
    let mut ev = crate::auth::event(&v, "organisation.directory", "organisation", id);
    ev.fields = Some("directory".to_owned());
    ev.address = origin.address.clone();
    ev.instance = state.config.instance.clone();
    mayak_store::audit::record(&state.store, &ev, state.clock.now()).await?;
    Ok(
        axum::response::Redirect::to(&format!("/admin/organisations/{id}/directory?notice=saved"))
            .into_response(),
    )
}
