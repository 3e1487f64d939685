//! Administration: organisations, users and their roles, active sessions and API tokens, and
//! a first view of the audit trail. Every change is recorded in the audit trail.

use super::{Base, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::account::{self, OrganisationInput};
use mayak_domain::{FieldError, FieldErrors, ListKind, Role, password};
use mayak_store::StoreError;
use mayak_store::audit::{self as store_audit, AuditEvent};
use mayak_store::auth::{self as store_auth, ApiToken, Session};
use mayak_store::orgs::{self, NewOrganisation, NewUser, Organisation, User};
use mayak_store::reference::{self, Entry};
use serde::Deserialize;
use std::collections::HashMap;

/// `?notice=` after an action: which confirmation to show.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

/// Notices a page may show; anything else is ignored.
const NOTICES: &[&str] = &[
    "created",
    "saved",
    "disabled",
    "enabled",
    "mfa-reset",
    "sessions-ended",
    "session-ended",
    "token-revoked",
];

fn notice(b: &Base, q: super::PageQuery<Notice>) -> Option<String> {
    let code = q.0.notice?;
    NOTICES
        .contains(&code.as_str())
        .then(|| b.t(&format!("notice-{code}")))
}

fn org_names(all: &[Organisation], b: &Base) -> HashMap<i64, String> {
    all.iter()
        .map(|o| (o.id, o.name(b.lang()).to_owned()))
        .collect()
}

// ---- Users -------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    b: Base,
    users: Vec<User>,
    orgs: Vec<Organisation>,
    org_names: HashMap<i64, String>,
    roles: &'static [Role],
    errors: Errors,
    form: FormPairs,
    created: Option<(String, String)>,
    notice: Option<String>,
}

async fn users_page(
    state: &AppState,
    b: Base,
    errors: Errors,
    form: FormPairs,
    created: Option<(String, String)>,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let users = orgs::list_users(&state.store).await?;
    let orgs = orgs::list_organisations(&state.store).await?;
    let org_names = org_names(&orgs, &b);
    let failed = !errors.is_empty();
    let mut res = render(&UsersPage {
        b,
        users,
        orgs,
        org_names,
        roles: Role::ALL,
        errors,
        form,
        created,
        notice,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /admin/users`.
pub async fn users(
    State(state): State<AppState>,
    b: Base,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let n = notice(&b, q);
    users_page(&state, b, Errors::default(), FormPairs::default(), None, n).await
}

/// `POST /admin/users`: creates a user; the password is typed or generated and shown once.
pub async fn create_user(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut e = FieldErrors::default();
    let login = e.check(account::parse_login("login", form.get("login")));
    let name = e.check(account::parse_text(
        "display_name",
        form.get("display_name"),
        200,
    ));
    let roles = e.check(account::parse_roles("roles", &form.all("roles")));
    let org_id: Option<i64> = form.get("organisation_id").parse().ok();
    let org = match org_id {
        Some(id) => orgs::get_organisation(&state.store, id).await.ok(),
        None => None,
    };
    if org.is_none() {
        e.push(FieldError::unknown_code("organisation_id"));
    }
    let typed = form.get("password");
    let pw = if typed.is_empty() {
        password::generate(state.rng.as_ref(), 16)
    } else {
        typed.to_owned()
    };
    if let Some(l) = &login
        && !typed.is_empty()
    {
        e.check(password::check_policy("password", &pw, l));
    }
    let (Some(login), Some(name), Some(roles), Some(org)) = (login, name, roles, org) else {
        let errors = Errors::from(&b.tr, &e);
        return users_page(&state, b, errors, form, None, None).await;
    };
    if !e.is_empty() {
        return {
            let errors = Errors::from(&b.tr, &e);
            users_page(&state, b, errors, form, None, None).await
        };
    }
    let hash = password::hash(&pw, state.rng.as_ref()).map_err(|_| PageError::Internal)?;
    let new = NewUser {
        login: &login,
        display_name: &name,
        organisation_id: org.id,
        password_hash: Some(&hash),
        roles: &roles,
    };
    match orgs::insert_user(&state.store, &new, state.clock.now()).await {
        Ok(id) => {
            let mut ev = auth::event(&v, "user.create", "user", id);
            ev.fields = Some("login,display_name,organisation_id,roles,password".into());
            auth::audit(&state, ev, &origin).await;
            let shown = typed.is_empty().then_some(pw);
            users_page(
                &state,
                b,
                Errors::default(),
                FormPairs::default(),
                shown.map(|p| (login, p)),
                None,
            )
            .await
        }
        Err(StoreError::Conflict(_)) => {
            let e: FieldErrors = FieldError::new("login", "taken").into();
            {
                let errors = Errors::from(&b.tr, &e);
                users_page(&state, b, errors, form, None, None).await
            }
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "admin_user.html")]
struct UserPage {
    b: Base,
    user: User,
    orgs: Vec<Organisation>,
    roles: &'static [Role],
    enrolled: bool,
    sessions: Vec<Session>,
    contact: mayak_store::mail::Contact,
    langs: [mayak_domain::Lang; 3],
    mail_on: bool,
    errors: Errors,
    notice: Option<String>,
}

pub(super) async fn user_page(
    state: &AppState,
    b: Base,
    id: i64,
    errors: Errors,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let account = store_auth::account(&state.store, id).await?;
    let orgs = orgs::list_organisations(&state.store).await?;
    let now = state.clock.now();
    let sessions = store_auth::list_sessions(&state.store, now)
        .await?
        .into_iter()
        .filter(|s| s.user_id == id)
        .collect();
    let failed = !errors.is_empty();
    let contact = mayak_store::mail::contact(&state.store, id).await?;
    let mut res = render(&UserPage {
        b,
        contact,
        langs: mayak_domain::Lang::ALL,
        mail_on: state.config.mail.is_some(),
        enrolled: account.totp_enrolled_at.is_some(),
        user: account.user,
        orgs,
        roles: Role::ALL,
        sessions,
        errors,
        notice,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /admin/users/{id}`.
pub async fn user(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let n = notice(&b, q);
    user_page(&state, b, id, Errors::default(), n).await
}

/// `POST /admin/users/{id}`: name, organisation and roles.
pub async fn update_user(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut e = FieldErrors::default();
    let name = e.check(account::parse_text(
        "display_name",
        form.get("display_name"),
        200,
    ));
    let roles = e.check(account::parse_roles("roles", &form.all("roles")));
    let org = match form.get("organisation_id").parse::<i64>() {
        Ok(oid) => orgs::get_organisation(&state.store, oid).await.ok(),
        Err(_) => None,
    };
    if org.is_none() {
        e.push(FieldError::unknown_code("organisation_id"));
    }
    // An administrator cannot remove their own administrator role (nobody would be left to undo it).
    if id == v.user_id && roles.as_ref().is_some_and(|r| !r.contains(&Role::Admin)) {
        e.push(FieldError::new("roles", "keep_own_admin"));
    }
    let (Some(name), Some(roles), Some(org)) = (name, roles, org) else {
        return {
            let errors = Errors::from(&b.tr, &e);
            user_page(&state, b, id, errors, None).await
        };
    };
    if !e.is_empty() {
        return {
            let errors = Errors::from(&b.tr, &e);
            user_page(&state, b, id, errors, None).await
        };
    }
    store_auth::account(&state.store, id).await?;
    store_auth::update_user(&state.store, id, &name, org.id).await?;
    store_auth::set_roles(&state.store, id, &roles).await?;
    let mut ev = auth::event(&v, "user.update", "user", id);
    ev.fields = Some("display_name,organisation_id,roles".into());
    auth::audit(&state, ev, &origin).await;
    Ok(Redirect::to(&format!("/admin/users/{id}?notice=saved")).into_response())
}

async fn user_act(
    state: &AppState,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    action: &str,
    notice: &str,
) -> Result<Response, PageError> {
    auth::audit(state, auth::event(v, action, "user", id), origin).await;
    Ok(Redirect::to(&format!("/admin/users/{id}?notice={notice}")).into_response())
}

/// `POST /admin/users/{id}/disable`: the user's sessions end and tokens are revoked at once.
pub async fn disable_user(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    if id == v.user_id {
        return Err(PageError::Forbidden);
    }
    store_auth::set_disabled(&state.store, id, true, state.clock.now()).await?;
    user_act(&state, &v, &origin, id, "user.disable", "disabled").await
}

/// `POST /admin/users/{id}/enable`.
pub async fn enable_user(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    store_auth::set_disabled(&state.store, id, false, state.clock.now()).await?;
    user_act(&state, &v, &origin, id, "user.enable", "enabled").await
}

/// `POST /admin/users/{id}/reset-mfa`: the user enrols again at next sign-in.
pub async fn reset_mfa(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    store_auth::reset_mfa(&state.store, id).await?;
    user_act(&state, &v, &origin, id, "user.reset_mfa", "mfa-reset").await
}

/// `POST /admin/users/{id}/end-sessions`.
pub async fn end_user_sessions(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    store_auth::account(&state.store, id).await?;
    store_auth::delete_user_sessions(&state.store, id).await?;
    user_act(
        &state,
        &v,
        &origin,
        id,
        "user.end_sessions",
        "sessions-ended",
    )
    .await
}

// ---- Sessions and tokens ---------------------------------------------------------------------

struct SessionRow {
    handle: String,
    login: String,
    session: Session,
}

#[derive(Template)]
#[template(path = "admin_sessions.html")]
struct SessionsPage {
    b: Base,
    rows: Vec<SessionRow>,
    notice: Option<String>,
}

/// `GET /admin/sessions`.
pub async fn sessions(
    State(state): State<AppState>,
    b: Base,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let users: HashMap<i64, String> = orgs::list_users(&state.store)
        .await?
        .into_iter()
        .map(|u| (u.id, u.login))
        .collect();
    let rows = store_auth::list_sessions(&state.store, state.clock.now())
        .await?
        .into_iter()
        .map(|s| SessionRow {
            handle: s.token_hash[..16].to_owned(),
            login: users.get(&s.user_id).cloned().unwrap_or_default(),
            session: s,
        })
        .collect();
    let notice = notice(&b, q);
    render(&SessionsPage { b, rows, notice })
}

/// `POST /admin/sessions/{handle}/end`.
pub async fn end_session(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(handle): Path<String>,
) -> Result<Response, PageError> {
    let user_id = store_auth::delete_session_by_handle(&state.store, &handle).await?;
    auth::audit(
        &state,
        auth::event(&v, "session.end", "user", user_id),
        &origin,
    )
    .await;
    Ok(Redirect::to("/admin/sessions?notice=session-ended").into_response())
}

#[derive(Template)]
#[template(path = "admin_tokens.html")]
struct TokensPage {
    b: Base,
    tokens: Vec<(ApiToken, String)>,
    now: time::OffsetDateTime,
    notice: Option<String>,
}

/// `GET /admin/tokens`.
pub async fn tokens(
    State(state): State<AppState>,
    b: Base,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let users: HashMap<i64, String> = orgs::list_users(&state.store)
        .await?
        .into_iter()
        .map(|u| (u.id, u.login))
        .collect();
    let tokens = store_auth::list_tokens(&state.store)
        .await?
        .into_iter()
        .map(|t| {
            let login = users.get(&t.user_id).cloned().unwrap_or_default();
            (t, login)
        })
        .collect();
    let notice = notice(&b, q);
    render(&TokensPage {
        b,
        tokens,
        now: state.clock.now(),
        notice,
    })
}

/// `POST /admin/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    store_auth::revoke_token(&state.store, id, state.clock.now()).await?;
    auth::audit(
        &state,
        auth::event(&v, "token.revoke", "api_token", id),
        &origin,
    )
    .await;
    Ok(Redirect::to("/admin/tokens?notice=token-revoked").into_response())
}

// ---- Organisations -----------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin_organisations.html")]
struct OrganisationsPage {
    b: Base,
    orgs: Vec<Organisation>,
    types: Vec<Entry>,
    regions: Vec<Entry>,
    places: Vec<Entry>,
    labels: HashMap<String, String>,
    errors: Errors,
    form: FormPairs,
    editing: Option<Organisation>,
    notice: Option<String>,
}

async fn organisations_page(
    state: &AppState,
    b: Base,
    editing: Option<Organisation>,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let orgs = orgs::list_organisations(&state.store).await?;
    let types = reference::list(&state.store, ListKind::OrganisationType, false).await?;
    let regions = reference::list(&state.store, ListKind::Region, false).await?;
    let places = reference::list(&state.store, ListKind::Place, false).await?;
    let labels = types
        .iter()
        .chain(&regions)
        .map(|e| (e.code.clone(), e.label(b.lang()).to_owned()))
        .collect();
    let failed = !errors.is_empty();
    let mut res = render(&OrganisationsPage {
        b,
        orgs,
        types,
        regions,
        places,
        labels,
        errors,
        form,
        editing,
        notice,
    })?;
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /admin/organisations`.
pub async fn organisations(
    State(state): State<AppState>,
    b: Base,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let n = notice(&b, q);
    organisations_page(&state, b, None, Errors::default(), FormPairs::default(), n).await
}

/// `GET /admin/organisations/{id}`: the edit form.
pub async fn organisation(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let o = orgs::get_organisation(&state.store, id).await?;
    let form = org_form(&o);
    let n = notice(&b, q);
    organisations_page(&state, b, Some(o), Errors::default(), form, n).await
}

fn org_form(o: &Organisation) -> FormPairs {
    let mut pairs = vec![
        ("slug".to_owned(), o.slug.clone()),
        ("name_ru".to_owned(), o.name_ru.clone()),
        ("name_be".to_owned(), o.name_be.clone()),
        ("name_en".to_owned(), o.name_en.clone()),
        ("org_type".to_owned(), o.org_type.clone()),
        ("region".to_owned(), o.region.clone()),
        ("place".to_owned(), o.place.clone().unwrap_or_default()),
    ];
    if o.may_identify {
        pairs.push(("may_identify".to_owned(), "1".to_owned()));
    }
    if o.ngo_network {
        pairs.push(("ngo_network".to_owned(), "1".to_owned()));
    }
    FormPairs(pairs)
}

/// Validates an organisation form, codes included.
async fn parse_org(
    state: &AppState,
    f: &FormPairs,
) -> Result<Result<OrganisationInput, FieldErrors>, PageError> {
    let input = OrganisationInput::parse(
        f.get("slug"),
        f.get("name_ru"),
        f.get("name_be"),
        f.get("name_en"),
        f.get("org_type"),
        f.get("region"),
        f.get("place"),
        f.checked("may_identify"),
        f.checked("ngo_network"),
    );
    let mut errors = match &input {
        Ok(_) => FieldErrors::default(),
        Err(e) => e.clone(),
    };
    for (field, list, value) in [
        ("org_type", ListKind::OrganisationType, f.get("org_type")),
        ("region", ListKind::Region, f.get("region")),
    ] {
        if !value.is_empty()
            && errors.for_field(field).is_none()
            && !reference::is_active(&state.store, list, value).await?
        {
            errors.push(FieldError::unknown_code(field));
        }
    }
    let place = f.get("place");
    if !place.is_empty() {
        match reference::get(&state.store, ListKind::Place, place).await {
            Ok(p) if p.parent.as_deref() == Some(f.get("region")) && !p.retired => {}
            Ok(_) => errors.push(FieldError::new("place", "place_outside_region")),
            Err(StoreError::NotFound) => errors.push(FieldError::unknown_code("place")),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(match input {
        Ok(i) if errors.is_empty() => Ok(i),
        _ => Err(errors),
    })
}

fn as_new(i: &OrganisationInput) -> NewOrganisation<'_> {
    NewOrganisation {
        slug: &i.slug,
        names: [&i.names[0], &i.names[1], &i.names[2]],
        org_type: &i.org_type,
        region: &i.region,
        place: i.place.as_deref(),
        may_identify: i.may_identify,
        ngo_network: i.ngo_network,
    }
}

const ORG_FIELDS: &str =
    "slug,name_ru,name_be,name_en,org_type,region,place,may_identify,ngo_network";

/// `POST /admin/organisations`.
pub async fn create_organisation(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let input = match parse_org(&state, &form).await? {
        Ok(i) => i,
        Err(e) => {
            return {
                let errors = Errors::from(&b.tr, &e);
                organisations_page(&state, b, None, errors, form, None).await
            };
        }
    };
    match orgs::insert_organisation(&state.store, &as_new(&input), state.clock.now()).await {
        Ok(id) => {
            let mut ev = auth::event(&v, "organisation.create", "organisation", id);
            ev.fields = Some(ORG_FIELDS.into());
            auth::audit(&state, ev, &origin).await;
            Ok(Redirect::to("/admin/organisations?notice=created").into_response())
        }
        Err(StoreError::Conflict(_)) => {
            let e: FieldErrors = FieldError::new("slug", "taken").into();
            {
                let errors = Errors::from(&b.tr, &e);
                organisations_page(&state, b, None, errors, form, None).await
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/organisations/{id}`.
pub async fn update_organisation(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let existing = orgs::get_organisation(&state.store, id).await?;
    let input = match parse_org(&state, &form).await? {
        Ok(i) => i,
        Err(e) => {
            return {
                let errors = Errors::from(&b.tr, &e);
                organisations_page(&state, b, Some(existing), errors, form, None).await
            };
        }
    };
    match orgs::update_organisation(&state.store, id, &as_new(&input)).await {
        Ok(()) => {
            let mut ev = auth::event(&v, "organisation.update", "organisation", id);
            ev.fields = Some(ORG_FIELDS.into());
            auth::audit(&state, ev, &origin).await;
            Ok(Redirect::to(&format!("/admin/organisations/{id}?notice=saved")).into_response())
        }
        Err(StoreError::Conflict(_)) => {
            let e: FieldErrors = FieldError::new("slug", "taken").into();
            {
                let errors = Errors::from(&b.tr, &e);
                organisations_page(&state, b, Some(existing), errors, form, None).await
            }
        }
        Err(e) => Err(e.into()),
    }
}

// ---- Audit trail ---------------------------------------------------------------------------------

/// Filters of the audit view, as typed (a bad value is reported, not ignored).
#[derive(Debug, Deserialize, Default, Clone)]
pub struct AuditFilter {
    login: Option<String>,
    action: Option<String>,
    record_type: Option<String>,
    record_id: Option<String>,
    from: Option<String>,
    until: Option<String>,
}

impl AuditFilter {
    /// A filter's value as typed, for the form.
    pub fn value(&self, name: &str) -> &str {
        let v = match name {
            "login" => &self.login,
            "action" => &self.action,
            "record_type" => &self.record_type,
            "record_id" => &self.record_id,
            "from" => &self.from,
            "until" => &self.until,
            _ => &None,
        };
        v.as_deref().unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    b: Base,
    events: Vec<AuditEvent>,
    filter: AuditFilter,
    errors: Errors,
    limit: i64,
}

/// Turns the filter into a store query, or says which field is wrong.
async fn audit_query(
    state: &AppState,
    f: &AuditFilter,
    limit: i64,
) -> Result<Result<store_audit::AuditQuery, FieldErrors>, PageError> {
    let mut errors = FieldErrors::default();
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| v.chars().take(200).collect::<String>())
    };
    let user_id = match clean(&f.login) {
        Some(login) => match store_auth::account_by_login(&state.store, &login).await? {
            Some(a) => Some(a.user.id),
            None => {
                errors.push(FieldError::new("login", "no_such_user"));
                None
            }
        },
        None => None,
    };
    let from = crate::forms::parse_date(
        "from",
        f.from.as_deref().unwrap_or_default(),
        &mut errors,
        false,
    )
    .map(|d| d.midnight().assume_utc());
    let until = crate::forms::parse_date(
        "until",
        f.until.as_deref().unwrap_or_default(),
        &mut errors,
        false,
    )
    .map(|d| d.midnight().assume_utc() + time::Duration::days(1));
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(store_audit::AuditQuery {
        user_id,
        action: clean(&f.action),
        record_type: clean(&f.record_type),
        record_id: clean(&f.record_id),
        from,
        until,
        limit,
    }))
}

/// How many entries the page shows.
const AUDIT_PAGE: i64 = 200;

/// `GET /audit`: search by user, record, action and period.
pub async fn audit(
    State(state): State<AppState>,
    b: Base,
    q: super::PageQuery<AuditFilter>,
) -> Result<Response, PageError> {
    let filter = q.0;
    let (events, errors) = match audit_query(&state, &filter, AUDIT_PAGE).await? {
        Ok(query) => (
            store_audit::search(&state.store, &query).await?,
            Errors::default(),
        ),
        Err(e) => (Vec::new(), Errors::from(&b.tr, &e)),
    };
    render(&AuditPage {
        b,
        events,
        filter,
        errors,
        limit: AUDIT_PAGE,
    })
}

/// `POST /audit/export`: the filtered trail as CSV; the export itself is audited with its reason.
pub async fn audit_export(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let pick = |name: &str| Some(form.get(name).to_owned()).filter(|s| !s.is_empty());
    let filter = AuditFilter {
        login: pick("login"),
        action: pick("action"),
        record_type: pick("record_type"),
        record_id: pick("record_id"),
        from: pick("from"),
        until: pick("until"),
    };
    let mut errors = match audit_query(&state, &filter, 100_000).await? {
        Ok(_) => FieldErrors::default(),
        Err(e) => e,
    };
    let reason = form.get("reason").trim().to_owned();
    if reason.chars().count() < 5 {
        errors.push(FieldError::new("reason", "reason_required"));
    }
    let query = match audit_query(&state, &filter, 100_000).await? {
        Ok(q) if errors.is_empty() => q,
        _ => {
            let errors = Errors::from(&b.tr, &errors);
            let mut res = render(&AuditPage {
                b,
                events: Vec::new(),
                filter,
                errors,
                limit: AUDIT_PAGE,
            })?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(res);
        }
    };
    let events = store_audit::search(&state.store, &query).await?;
    let mut ev = auth::event(&v, "audit.export", "audit_event", events.len());
    ev.reason = Some(reason.chars().take(500).collect());
    ev.fields = Some("csv".into());
    auth::audit(&state, ev, &origin).await;
    let mut csv = String::from(
        "seq,at,user_id,login,organisation_id,roles,action,record_type,record_id,fields,outcome,reason,address,instance,hash\n",
    );
    for e in &events {
        let cells = [
            e.seq.to_string(),
            e.at.and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default(),
            e.user_id.map(|v| v.to_string()).unwrap_or_default(),
            e.login.clone().unwrap_or_default(),
            e.organisation_id.map(|v| v.to_string()).unwrap_or_default(),
            e.roles.clone(),
            e.action.clone(),
            e.record_type.clone().unwrap_or_default(),
            e.record_id.clone().unwrap_or_default(),
            e.fields.clone().unwrap_or_default(),
            e.outcome.clone(),
            e.reason.clone().unwrap_or_default(),
            e.address.clone().unwrap_or_default(),
            e.instance.clone(),
            e.hash.clone(),
        ];
        csv.push_str(
            &cells
                .iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        csv.push('\n');
    }
    let mut res = csv.into_response();
    let h = res.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_static("attachment; filename=\"mayak-audit.csv\""),
    );
    Ok(res)
}

/// One CSV cell: quoted when needed, and never read as a formula by a spreadsheet.
pub fn csv_cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

// ---- Retention and erasure ---------------------------------------------------------------------

#[derive(Template)]
#[template(path = "admin_retention.html")]
struct RetentionPage {
    b: Base,
    runs: Vec<mayak_store::retention::Run>,
    period_days: i64,
    due: usize,
    notice: Option<String>,
}

/// `GET /admin/retention`: pending and past erasure runs.
pub async fn retention(
    State(state): State<AppState>,
    b: Base,
    q: super::PageQuery<Notice>,
) -> Result<Response, PageError> {
    let runs = mayak_store::retention::runs(&state.store).await?;
    let period = state.config.retention_period;
    let due = mayak_store::retention::due(&state.store, state.clock.now(), period)
        .await?
        .len();
    let notice =
        q.0.notice
            .filter(|n| {
                ["run-created", "nothing-due", "run-approved", "run-rejected"].contains(&n.as_str())
            })
            .map(|n| b.t(&format!("notice-{n}")));
    render(&RetentionPage {
        b,
        runs,
        period_days: period.whole_days(),
        due,
        notice,
    })
}

/// `POST /admin/retention/dry-run`: lists who is due, erasing nobody.
pub async fn retention_dry_run(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
) -> Result<Response, PageError> {
    let run = mayak_store::retention::dry_run(
        &state.store,
        state.clock.now(),
        state.config.retention_period,
    )
    .await?;
    let notice = match run {
        Some(id) => {
            auth::audit(
                &state,
                auth::event(&v, "retention.dry_run", "retention_run", id),
                &origin,
            )
            .await;
            "run-created"
        }
        None => "nothing-due",
    };
    Ok(Redirect::to(&format!("/admin/retention?notice={notice}")).into_response())
}

/// `POST /admin/retention/{id}/approve`: erases everyone on the run.
pub async fn retention_approve(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let mut who = auth::event(&v, "", "", "");
    who.address = origin.address.clone();
    who.user_agent = origin.user_agent.clone();
    who.instance = state.config.instance.clone();
    match mayak_store::retention::approve(&state.store, id, &who, state.clock.now()).await {
        Ok(_) => {
            auth::audit(
                &state,
                auth::event(&v, "retention.approve", "retention_run", id),
                &origin,
            )
            .await;
            Ok(Redirect::to("/admin/retention?notice=run-approved").into_response())
        }
        Err(StoreError::Conflict(_)) => Ok(Redirect::to("/admin/retention").into_response()),
        Err(e) => Err(e.into()),
    }
}

/// `POST /admin/retention/{id}/reject`.
pub async fn retention_reject(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let who = auth::event(&v, "", "", "");
    match mayak_store::retention::reject(&state.store, id, &who, state.clock.now()).await {
        Ok(()) => {
            auth::audit(
                &state,
                auth::event(&v, "retention.reject", "retention_run", id),
                &origin,
            )
            .await;
            Ok(Redirect::to("/admin/retention?notice=run-rejected").into_response())
        }
        Err(StoreError::Conflict(_)) => Ok(Redirect::to("/admin/retention").into_response()),
        Err(e) => Err(e.into()),
    }
}
