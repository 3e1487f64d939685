//! Prevention: information campaigns (the content editor records them, their materials with
//! reach entered over time, events with participants and invited experts; previews and
//! publishes them) and the prevention statistics with server-rendered SVG charts.

use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::prevention::{self as rules, MAX_LONG, MAX_SHORT};
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::orgs::{self, Organisation};
use mayak_store::prevention::{self, Campaign, CampaignInput, Event, Material, Reach};
use mayak_store::reference::{self, Entry};
use mayak_store::trainings;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// Labels of reference codes in the page's language, and organisation names.
#[derive(Debug, Default)]
pub struct Labels {
    codes: HashMap<String, String>,
    orgs: HashMap<i64, String>,
}

impl Labels {
    /// Loads the lists prevention pages show.
    pub async fn load(state: &AppState, b: &Base) -> Result<Self, PageError> {
        let mut codes = HashMap::new();
        for list in [
            ListKind::CampaignTheme,
            ListKind::CampaignChannel,
            ListKind::TargetGroup,
            ListKind::Region,
            ListKind::Sex,
            ListKind::OrganisationType,
        ] {
            for e in reference::list(&state.store, list, true).await? {
                codes.insert(
                    format!("{}:{}", list.code(), e.code),
                    e.label(b.lang()).to_owned(),
                );
            }
        }
        let orgs = orgs::list_organisations(&state.store)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name(b.lang()).to_owned()))
            .collect();
        Ok(Self { codes, orgs })
    }

    /// The label of `code` in `list` (the code itself when unknown).
    pub fn of(&self, list: &str, code: &str) -> String {
        self.codes
            .get(&format!("{list}:{code}"))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    /// Labels of several codes, joined.
    pub fn all(&self, list: &str, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.of(list, c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An organisation's name.
    pub fn org(&self, id: &i64) -> String {
        self.orgs.get(id).cloned().unwrap_or_default()
    }

    /// Several organisations' names, joined.
    pub fn orgs(&self, ids: &[i64]) -> String {
        ids.iter()
            .map(|i| self.org(i))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Active entries of a list, for a form.
pub async fn options(state: &AppState, list: ListKind) -> Result<Vec<Entry>, PageError> {
    Ok(reference::list(&state.store, list, false).await?)
}

/// Checks that every code is an active entry of `list`.
pub async fn check_codes(
    state: &AppState,
    list: ListKind,
    field: &str,
    codes: &[String],
    required: bool,
    errors: &mut FieldErrors,
) -> Result<(), PageError> {
    if required && codes.is_empty() {
        errors.push(FieldError::new(field, "choose_one"));
    }
    for c in codes {
        if !reference::is_active(&state.store, list, c).await? {
            errors.push(FieldError::unknown_code(field));
            break;
        }
    }
    Ok(())
}

/// A number with grouped thousands.
pub fn group(n: impl std::borrow::Borrow<i64>) -> String {
    mayak_render::svg::group(*n.borrow())
}

/// True when `code` is among the values a form field sent.
pub fn picked(values: Vec<String>, code: &str) -> bool {
    values.iter().any(|v| v == code)
}

/// Reads and checks a campaign form (also used by the API through [`CampaignInput`]).
pub async fn campaign_input(
    state: &AppState,
    form: &FormPairs,
) -> Result<Result<CampaignInput, FieldErrors>, PageError> {
    let mut e = FieldErrors::default();
    let name = e
        .check(rules::text(
            "name",
            form.get("name"),
            MAX_SHORT,
            false,
            true,
        ))
        .unwrap_or_default();
    let summary = e
        .check(rules::text(
            "summary",
            form.get("summary"),
            MAX_LONG,
            true,
            true,
        ))
        .unwrap_or_default();
    let theme = form.get("theme").to_owned();
    if theme.is_empty() {
        e.push(FieldError::required("theme"));
    } else if !reference::is_active(&state.store, ListKind::CampaignTheme, &theme).await? {
        e.push(FieldError::unknown_code("theme"));
    }
    let starts_on = parse_date("starts_on", form.get("starts_on"), &mut e, true);
    let ends_on = parse_date("ends_on", form.get("ends_on"), &mut e, false);
    if let (Some(s), Some(end)) = (starts_on, ends_on)
        && end < s
    {
        e.push(FieldError::new("ends_on", "before_start"));
    }
    let regions = form.all("regions");
    let target_groups = form.all("target_groups");
    let channels = form.all("channels");
    check_codes(state, ListKind::Region, "regions", &regions, true, &mut e).await?;
    check_codes(
        state,
        ListKind::TargetGroup,
        "target_groups",
        &target_groups,
        true,
        &mut e,
    )
    .await?;
    check_codes(
        state,
        ListKind::CampaignChannel,
        "channels",
        &channels,
        true,
        &mut e,
    )
    .await?;
    let known: Vec<i64> = orgs::list_organisations(&state.store)
        .await?
        .iter()
        .map(|o| o.id)
        .collect();
    let mut partners = Vec::new();
    for p in form.all("partners") {
        match p.parse::<i64>() {
            Ok(id) if known.contains(&id) => partners.push(id),
            _ => {
                e.push(FieldError::unknown_code("partners"));
                break;
            }
        }
    }
    if !e.is_empty() {
        return Ok(Err(e));
    }
    Ok(Ok(CampaignInput {
        name,
        theme,
        starts_on,
        ends_on,
        summary,
        regions,
        target_groups,
        channels,
        partners,
    }))
}

#[derive(Template)]
#[template(path = "prevention_campaigns.html")]
struct CampaignsPage {
    b: Base,
    campaigns: Vec<Campaign>,
    l: Labels,
    themes: Vec<Entry>,
    channels: Vec<Entry>,
    target_groups: Vec<Entry>,
    regions: Vec<Entry>,
    organisations: Vec<Organisation>,
    ce: Errors,
    cf: FormPairs,
    notice: Option<String>,
}

/// `?notice=` after a change.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

fn notice_text(b: &Base, n: Option<String>, allowed: &[&str]) -> Option<String> {
    n.filter(|n| allowed.contains(&n.as_str()))
        .map(|n| b.t(&format!("prevention-notice-{n}")))
}

async fn campaigns_page(
    state: &AppState,
    b: Base,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let l = Labels::load(state, &b).await?;
    let failed = !errors.is_empty();
    let mut res = render(&CampaignsPage {
        campaigns: prevention::list_campaigns(&state.store).await?,
        l,
        themes: options(state, ListKind::CampaignTheme).await?,
        channels: options(state, ListKind::CampaignChannel).await?,
        target_groups: options(state, ListKind::TargetGroup).await?,
        regions: options(state, ListKind::Region).await?,
        organisations: orgs::list_organisations(&state.store).await?,
        b,
        ce: errors,
        cf: form,
        notice,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /prevention/campaigns`.
pub async fn campaigns(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice, &["campaign-created"]);
    campaigns_page(&state, b, Errors::default(), FormPairs::default(), notice).await
}

/// `POST /prevention/campaigns`.
pub async fn create_campaign(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    match campaign_input(&state, &form).await? {
        Err(e) => {
            let errors = Errors::from(&b.tr, &e);
            campaigns_page(&state, b, errors, form, None).await
        }
        Ok(input) => {
            let id = prevention::create_campaign(
                &state.store,
                &input,
                Some(v.user_id),
                state.clock.now(),
            )
            .await?;
            auth::audit(
                &state,
                auth::event(&v, "campaign.create", "campaign", id),
                &origin,
            )
            .await;
            Ok(Redirect::to(&format!(
                "/prevention/campaigns/{id}?notice=campaign-created"
            ))
            .into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "prevention_campaign.html")]
struct CampaignPage {
    b: Base,
    c: Campaign,
    materials: Vec<Material>,
    events: Vec<Event>,
    l: Labels,
    themes: Vec<Entry>,
    channels: Vec<Entry>,
    target_groups: Vec<Entry>,
    regions: Vec<Entry>,
    sexes: Vec<Entry>,
    organisations: Vec<Organisation>,
    /// Which form the errors belong to.
    failed: String,
    errors: Errors,
    form: FormPairs,
    /// The edit form: what was sent when it failed, else the campaign's values.
    cf: FormPairs,
    ce: Errors,
    notice: Option<String>,
    by_year: Vec<(i32, Reach)>,
}

impl CampaignPage {
    /// The errors of sub-form `which`, if it is the one that failed.
    fn err(&self, which: &str) -> Errors {
        if self.failed == which {
            self.errors.clone()
        } else {
            Errors::default()
        }
    }

    /// A field of sub-form `which` as sent, if it is the one that failed.
    fn sent(&self, which: &str, field: &str) -> String {
        if self.failed == which {
            self.form.get(field).to_owned()
        } else {
            String::new()
        }
    }

    fn age_sex(&self, e: &Event) -> Vec<(String, i64)> {
        let mut m: BTreeMap<String, i64> = BTreeMap::new();
        for (_, sex, _) in &e.participants {
            *m.entry(self.l.of("sex", sex)).or_default() += 1;
        }
        m.into_iter().collect()
    }

    fn regions_of(&self, e: &Event) -> Vec<(String, i64)> {
        let mut m: BTreeMap<String, i64> = BTreeMap::new();
        for (_, _, r) in &e.participants {
            *m.entry(self.l.of("region", r)).or_default() += 1;
        }
        m.into_iter().collect()
    }
}

#[allow(clippy::too_many_arguments)]
async fn campaign_page(
    state: &AppState,
    b: Base,
    id: i64,
    failed: &str,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let c = prevention::get_campaign(&state.store, id).await?;
    let stats = prevention::reach_stats(&state.store).await?;
    let by_year = stats
        .by_campaign_year
        .get(&id)
        .map(|m| m.iter().map(|(y, r)| (*y, *r)).collect())
        .unwrap_or_default();
    let has_errors = !errors.is_empty();
    let (cf, ce, form, errors) = if failed == "edit" {
        (form, errors, FormPairs::default(), Errors::default())
    } else {
        (campaign_form(&c), Errors::default(), form, errors)
    };
    let mut res = render(&CampaignPage {
        materials: prevention::materials(&state.store, id).await?,
        events: prevention::events(&state.store, id).await?,
        l: Labels::load(state, &b).await?,
        themes: options(state, ListKind::CampaignTheme).await?,
        channels: options(state, ListKind::CampaignChannel).await?,
        target_groups: options(state, ListKind::TargetGroup).await?,
        regions: options(state, ListKind::Region).await?,
        sexes: options(state, ListKind::Sex).await?,
        organisations: orgs::list_organisations(&state.store).await?,
        c,
        b,
        failed: failed.to_owned(),
        errors,
        form,
        cf,
        ce,
        notice,
        by_year,
    })?;
    if has_errors {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// The youngest and oldest participants' ages, `18–25`.
fn event_ages(e: &Event) -> String {
    let min = e.participants.iter().map(|p| p.0).min();
    let max = e.participants.iter().map(|p| p.0).max();
    match (min, max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

/// The name of a sub-form of one record: `reach-12`.
fn key(prefix: &str, id: impl std::borrow::Borrow<i64>) -> String {
    format!("{prefix}-{}", id.borrow())
}

/// The edit form filled with a campaign's values.
fn campaign_form(c: &Campaign) -> FormPairs {
    let mut p = vec![
        ("name".to_owned(), c.name.clone()),
        ("theme".to_owned(), c.theme.clone()),
        ("starts_on".to_owned(), c.starts_on.to_string()),
        (
            "ends_on".to_owned(),
            c.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
        ("summary".to_owned(), c.summary.clone()),
    ];
    for (field, list) in [
        ("regions", &c.regions),
        ("target_groups", &c.target_groups),
        ("channels", &c.channels),
    ] {
        p.extend(list.iter().map(|v| (field.to_owned(), v.clone())));
    }
    p.extend(
        c.partners
            .iter()
            .map(|v| ("partners".to_owned(), v.to_string())),
    );
    FormPairs(p)
}

const CAMPAIGN_NOTICES: &[&str] = &[
    "campaign-created",
    "campaign-updated",
    "campaign-published",
    "campaign-unpublished",
    "material-added",
    "reach-added",
    "event-added",
    "participants-added",
    "expert-added",
];

/// `GET /prevention/campaigns/{id}`.
pub async fn campaign(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice, CAMPAIGN_NOTICES);
    campaign_page(
        &state,
        b,
        id,
        "",
        Errors::default(),
        FormPairs::default(),
        notice,
    )
    .await
}

fn back(id: i64, notice: &str) -> Response {
    Redirect::to(&format!("/prevention/campaigns/{id}?notice={notice}")).into_response()
}

/// `POST /prevention/campaigns/{id}`: edits the description and lists.
pub async fn update_campaign(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    prevention::get_campaign(&state.store, id).await?;
    match campaign_input(&state, &form).await? {
        Err(e) => {
            let errors = Errors::from(&b.tr, &e);
            campaign_page(&state, b, id, "edit", errors, form, None).await
        }
        Ok(input) => {
            prevention::update_campaign(&state.store, id, &input, state.clock.now()).await?;
            auth::audit(
                &state,
                auth::event(&v, "campaign.update", "campaign", id),
                &origin,
            )
            .await;
            Ok(back(id, "campaign-updated"))
        }
    }
}

/// `POST /prevention/campaigns/{id}/publication`: `published=1` publishes, `0` takes back.
pub async fn publish_campaign(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let publish = form.get("published") == "1";
    prevention::set_campaign_published(&state.store, id, publish, state.clock.now()).await?;
    let action = if publish {
        "campaign.publish"
    } else {
        "campaign.unpublish"
    };
    auth::audit(&state, auth::event(&v, action, "campaign", id), &origin).await;
    Ok(back(
        id,
        if publish {
            "campaign-published"
        } else {
            "campaign-unpublished"
        },
    ))
}

#[derive(Template)]
#[template(path = "prevention_campaign_preview.html")]
struct PreviewPage {
    b: Base,
    c: Campaign,
    l: Labels,
}

/// `GET /prevention/campaigns/{id}/preview`: the campaign as visitors of the public site see it.
pub async fn preview_campaign(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let c = prevention::get_campaign(&state.store, id).await?;
    let l = Labels::load(&state, &b).await?;
    render(&PreviewPage { b, c, l })
}

/// `POST /prevention/campaigns/{id}/materials`.
pub async fn add_material(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    prevention::get_campaign(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let title = e.check(rules::text(
        "title",
        form.get("title"),
        MAX_SHORT,
        false,
        true,
    ));
    let kind = form.get("kind");
    if kind.is_empty() {
        e.push(FieldError::required("kind"));
    } else if !reference::is_active(&state.store, ListKind::CampaignChannel, kind).await? {
        e.push(FieldError::unknown_code("kind"));
    }
    let released = parse_date("released_on", form.get("released_on"), &mut e, false);
    match title {
        Some(title) if e.is_empty() => {
            let m = prevention::add_material(
                &state.store,
                id,
                kind,
                &title,
                released,
                state.clock.now(),
            )
            .await?;
            auth::audit(
                &state,
                auth::event(&v, "campaign.material", "campaign", id),
                &origin,
            )
            .await;
            let _ = m;
            Ok(back(id, "material-added"))
        }
        _ => {
            let errors = Errors::from(&b.tr, &e);
            campaign_page(&state, b, id, "material", errors, form, None).await
        }
    }
}

/// Reads reach figures (views, participants, copies); at least one must be above zero.
pub fn reach_input(form: &FormPairs, e: &mut FieldErrors) -> Reach {
    let mut n = |f: &str| {
        e.check(rules::number(f, form.get(f), 0, 1_000_000_000, false))
            .flatten()
            .unwrap_or(0)
    };
    let r = Reach {
        views: n("views"),
        participants: n("participants"),
        copies: n("copies"),
    };
    if e.is_empty() && r.people() == 0 {
        e.push(FieldError::new("views", "reach_empty"));
    }
    r
}

/// `POST /prevention/campaigns/{id}/materials/{material}/reach`.
pub async fn add_reach(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, material)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    prevention::get_campaign(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let on = parse_date("measured_on", form.get("measured_on"), &mut e, true);
    let r = reach_input(&form, &mut e);
    match on {
        Some(on) if e.is_empty() => {
            prevention::add_reach(
                &state.store,
                id,
                material,
                on,
                r,
                Some(v.user_id),
                state.clock.now(),
            )
            .await?;
            auth::audit(
                &state,
                auth::event(&v, "campaign.reach", "campaign", id),
                &origin,
            )
            .await;
            Ok(back(id, "reach-added"))
        }
        _ => {
            let errors = Errors::from(&b.tr, &e);
            campaign_page(
                &state,
                b,
                id,
                &format!("reach-{material}"),
                errors,
                form,
                None,
            )
            .await
        }
    }
}

/// `POST /prevention/campaigns/{id}/events`.
pub async fn add_event(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    prevention::get_campaign(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let name = e.check(rules::text(
        "event_name",
        form.get("event_name"),
        MAX_SHORT,
        false,
        true,
    ));
    let place = e.check(rules::text(
        "place",
        form.get("place"),
        MAX_SHORT,
        false,
        true,
    ));
    let starts = parse_date("event_starts_on", form.get("event_starts_on"), &mut e, true);
    let ends = parse_date("event_ends_on", form.get("event_ends_on"), &mut e, false);
    if let (Some(s), Some(end)) = (starts, ends)
        && end < s
    {
        e.push(FieldError::new("event_ends_on", "before_start"));
    }
    match (name, place, starts) {
        (Some(name), Some(place), Some(starts)) if e.is_empty() => {
            prevention::add_event(
                &state.store,
                id,
                &name,
                starts,
                ends,
                &place,
                state.clock.now(),
            )
            .await?;
            auth::audit(
                &state,
                auth::event(&v, "campaign.event", "campaign", id),
                &origin,
            )
            .await;
            Ok(back(id, "event-added"))
        }
        _ => {
            let errors = Errors::from(&b.tr, &e);
            campaign_page(&state, b, id, "event", errors, form, None).await
        }
    }
}

/// `POST /prevention/campaigns/{id}/events/{event}/participants`: a group of participants of
/// the same sex and region with their ages (`19, 21, 24`): nothing that names anyone.
pub async fn add_event_participants(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, event)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    prevention::get_campaign(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let sex = form.get("sex").to_owned();
    let region = form.get("region").to_owned();
    check_codes(
        &state,
        ListKind::Sex,
        "sex",
        std::slice::from_ref(&sex),
        true,
        &mut e,
    )
    .await?;
    check_codes(
        &state,
        ListKind::Region,
        "region",
        std::slice::from_ref(&region),
        true,
        &mut e,
    )
    .await?;
    let mut ages = Vec::new();
    let raw = form.get("ages");
    if raw.trim().is_empty() {
        e.push(FieldError::required("ages"));
    }
    for part in raw
        .split([',', ';', ' ', '\n'])
        .filter(|p| !p.trim().is_empty())
    {
        match rules::number("ages", part, 5, 120, true) {
            Ok(Some(a)) => ages.push(a),
            Ok(None) => {}
            Err(err) => {
                e.push(err);
                break;
            }
        }
    }
    if ages.len() > 1000 {
        e.push(
            FieldError::new("ages", "number_range")
                .with("min", "1")
                .with("max", "1000"),
        );
    }
    if !e.is_empty() {
        let errors = Errors::from(&b.tr, &e);
        return campaign_page(
            &state,
            b,
            id,
            &format!("people-{event}"),
            errors,
            form,
            None,
        )
        .await;
    }
    let people: Vec<(i64, String, String)> = ages
        .into_iter()
        .map(|a| (a, sex.clone(), region.clone()))
        .collect();
    prevention::add_event_participants(&state.store, id, event, &people).await?;
    auth::audit(
        &state,
        auth::event(&v, "campaign.event_participants", "campaign", id),
        &origin,
    )
    .await;
    Ok(back(id, "participants-added"))
}

/// `POST /prevention/campaigns/{id}/events/{event}/experts`.
pub async fn add_event_expert(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, event)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    prevention::get_campaign(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let org = form.get("organisation_id").parse::<i64>().ok();
    let known = match org {
        Some(o) => orgs::get_organisation(&state.store, o).await.is_ok(),
        None => false,
    };
    if !known {
        e.push(FieldError::unknown_code("organisation_id"));
    }
    let n = e
        .check(rules::number("experts", form.get("experts"), 1, 1000, true))
        .flatten();
    let topic = e.check(rules::text(
        "topic",
        form.get("topic"),
        MAX_SHORT,
        false,
        true,
    ));
    match (org, n, topic) {
        (Some(org), Some(n), Some(topic)) if e.is_empty() => {
            prevention::add_event_expert(&state.store, id, event, org, n, &topic).await?;
            auth::audit(
                &state,
                auth::event(&v, "campaign.event_expert", "campaign", id),
                &origin,
            )
            .await;
            Ok(back(id, "expert-added"))
        }
        _ => {
            let errors = Errors::from(&b.tr, &e);
            campaign_page(
                &state,
                b,
                id,
                &format!("experts-{event}"),
                errors,
                form,
                None,
            )
            .await
        }
    }
}

/// A table with a chart: rows of (label, value).
pub struct Chart {
    /// Unique id in the page.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Rows.
    pub rows: Vec<(String, f64)>,
    /// Unit after values.
    pub unit: String,
}

impl Chart {
    /// The SVG markup (escaped inside; safe to include unescaped).
    pub fn svg(&self) -> String {
        mayak_render::svg::bar_chart(&self.id, &self.title, &self.rows, &self.unit)
    }

    /// A value as the table shows it.
    pub fn shown(&self, v: &f64) -> String {
        if v.fract() == 0.0 {
            mayak_render::svg::group(*v as i64)
        } else {
            format!("{v:.1}{}", self.unit)
        }
    }
}

#[derive(Template)]
#[template(path = "prevention_statistics.html")]
struct StatsPage {
    b: Base,
    charts: Vec<Chart>,
    campaign_totals: Vec<(String, i64, i64)>,
    year_totals: Vec<(i32, i64, i64, i64)>,
}

/// `GET /prevention/statistics`: campaign reach by year and theme; people trained by sex,
/// region and organisation type; average knowledge gain.
pub async fn statistics(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let l = Labels::load(&state, &b).await?;
    let reach = prevention::reach_stats(&state.store).await?;
    let mut charts = Vec::new();
    let years: std::collections::BTreeSet<i32> = reach.by_year_theme.keys().map(|k| k.0).collect();
    for y in &years {
        charts.push(Chart {
            id: format!("reach-{y}"),
            title: b.ts(
                "prevention-stats-reach-year-theme",
                &[("year", &y.to_string())],
            ),
            rows: reach
                .by_year_theme
                .iter()
                .filter(|((yy, _), _)| yy == y)
                .map(|((_, theme), r)| (l.of("campaign_theme", theme), r.people() as f64))
                .collect(),
            unit: String::new(),
        });
    }
    let year_totals = years
        .iter()
        .map(|y| {
            let kinds: Vec<_> = reach
                .by_year_kind
                .iter()
                .filter(|((yy, _), _)| yy == y)
                .collect();
            let materials = kinds.iter().map(|(_, (n, _))| *n).sum();
            let people = kinds.iter().map(|(_, (_, r))| r.people()).sum();
            let videos_articles = kinds
                .iter()
                .filter(|((_, k), _)| k == "Video" || k == "Article")
                .map(|(_, (n, _))| *n)
                .sum();
            (*y, materials, videos_articles, people)
        })
        .collect();
    let campaigns = prevention::list_campaigns(&state.store).await?;
    let campaign_totals = campaigns
        .iter()
        .map(|c| (c.name.clone(), c.materials, c.reach.people()))
        .collect();

    let trained = trainings::trained(&state.store).await?;
    let count = |key: &dyn Fn(&trainings::TrainedRow) -> String| {
        let mut m: BTreeMap<String, f64> = BTreeMap::new();
        for t in &trained {
            *m.entry(key(t)).or_default() += 1.0;
        }
        m.into_iter().collect::<Vec<_>>()
    };
    let by_sex = count(&|t| l.of("sex", &t.sex));
    let by_region = count(&|t| l.of("region", &t.region));
    let by_type = count(&|t| l.of("organisation_type", &t.org_type));
    let by_year = count(&|t| t.year.to_string());
    charts.push(Chart {
        id: "trained-year".into(),
        title: b.t("prevention-stats-trained-year"),
        rows: by_year,
        unit: String::new(),
    });
    charts.push(Chart {
        id: "trained-sex".into(),
        title: b.t("prevention-stats-trained-sex"),
        rows: by_sex,
        unit: String::new(),
    });
    charts.push(Chart {
        id: "trained-region".into(),
        title: b.t("prevention-stats-trained-region"),
        rows: by_region,
        unit: String::new(),
    });
    charts.push(Chart {
        id: "trained-type".into(),
        title: b.t("prevention-stats-trained-type"),
        rows: by_type,
        unit: String::new(),
    });
    // Year → (pre, post, maximum) of everyone trained that year.
    type Scores = Vec<(Option<i64>, Option<i64>, i64)>;
    let mut gains: BTreeMap<i32, Scores> = BTreeMap::new();
    for t in &trained {
        gains
            .entry(t.year)
            .or_default()
            .push((t.pre, t.post, t.max_score));
    }
    let gain_rows = gains
        .into_iter()
        .filter_map(|(y, rows)| {
            let g: Vec<f64> = rows
                .iter()
                .filter_map(|(pre, post, max)| rules::knowledge_gain((*pre)?, (*post)?, *max))
                .collect();
            (!g.is_empty()).then(|| (y.to_string(), g.iter().sum::<f64>() / g.len() as f64))
        })
        .collect();
    charts.push(Chart {
        id: "gain".into(),
        title: b.t("prevention-stats-gain"),
        rows: gain_rows,
        unit: b.t("prevention-points-unit"),
    });
    render(&StatsPage {
        b,
        charts,
        campaign_totals,
        year_totals,
    })
}
