//! Hotline pages for consultants: the consultation log with filters, the keyboard-first form
//! (autosaved as a sealed draft), a consultation with its sealed text (an audited read),
//! escalation to a case, and the statistics with their chart and exports.

use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::hotline::{self as rules, ConsultationInput, Outcome};
use mayak_domain::{FieldError, FieldErrors, Lang, ListKind};
use mayak_store::StoreError;
use mayak_store::audit::AuditEvent;
use mayak_store::hotline::{self, Consultation, ConsultationFilter, NewConsultation, Statistics};
use mayak_store::orgs::{self, Organisation};
use mayak_store::reference::{self, Entry};
use serde::Deserialize;
use std::collections::HashMap;
use time::{OffsetDateTime, UtcOffset};

/// Labels of the lists a hotline page shows, by list and code, in the page's language.
pub struct Labels {
    lists: HashMap<(ListKind, String), String>,
    orgs: HashMap<i64, String>,
}

/// The lists of a consultation.
pub const LISTS: &[ListKind] = &[
    ListKind::HotlineChannel,
    ListKind::HotlineTopic,
    ListKind::HotlineOutcome,
    ListKind::Country,
    ListKind::Sex,
    ListKind::AgeBand,
    ListKind::Region,
    ListKind::CallerType,
];

impl Labels {
    /// Loads every label of [`LISTS`] (retired entries too: old records keep their labels).
    pub async fn load(state: &AppState, lang: Lang) -> Result<Self, StoreError> {
        let mut lists = HashMap::new();
        for kind in LISTS {
            for e in reference::list(&state.store, *kind, true).await? {
                lists.insert((*kind, e.code.clone()), e.label(lang).to_owned());
            }
        }
        let orgs = orgs::list_organisations(&state.store)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name(lang).to_owned()))
            .collect();
        Ok(Self { lists, orgs })
    }

    /// The label of a code (the code itself when unknown, "—" when empty).
    pub fn of(&self, kind: ListKind, code: &str) -> String {
        if code.is_empty() {
            return "—".to_owned();
        }
        self.lists
            .get(&(kind, code.to_owned()))
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    /// The label of an optional code.
    pub fn opt(&self, kind: ListKind, code: &Option<String>) -> String {
        self.of(kind, code.as_deref().unwrap_or(""))
    }

    /// Topic labels joined.
    pub fn topics(&self, codes: &[String]) -> String {
        codes
            .iter()
            .map(|c| self.of(ListKind::HotlineTopic, c))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// An organisation's name.
    pub fn org(&self, id: &Option<i64>) -> String {
        id.and_then(|i| self.orgs.get(&i).cloned())
            .unwrap_or_else(|| "—".to_owned())
    }
}

/// The hotline's time zone.
pub fn offset(state: &AppState) -> UtcOffset {
    state.config.hotline.hours.offset
}

/// An instant in the hotline's time zone, as staff read it.
pub fn local(state: &AppState, t: OffsetDateTime) -> String {
    let l = t.to_offset(offset(state));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        l.year(),
        u8::from(l.month()),
        l.day(),
        l.hour(),
        l.minute()
    )
}

fn local_input(state: &AppState, t: OffsetDateTime) -> String {
    local(state, t).replace(' ', "T")
}

/// Parses a `datetime-local` value (`YYYY-MM-DDTHH:MM`) in the hotline's time zone.
pub fn parse_local(state: &AppState, raw: &str) -> Option<OffsetDateTime> {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let raw = raw.trim();
    let raw = raw.get(..16).unwrap_or(raw).replace(' ', "T");
    time::PrimitiveDateTime::parse(&raw, &f)
        .ok()
        .map(|p| p.assume_offset(offset(state)).to_offset(UtcOffset::UTC))
}

/// The fields of a consultation as received, before any check.
#[derive(Debug, Clone, Default)]
pub struct Received {
    /// The fields the domain checks.
    pub input: ConsultationInput,
    /// Destination country.
    pub destination: String,
    /// Sex.
    pub sex: String,
    /// Age band.
    pub age_band: String,
    /// Region.
    pub region: String,
    /// Who called.
    pub caller_type: String,
    /// Job-offer warning signs ticked (checklist codes).
    pub indicators: Vec<String>,
}

async fn code_in(
    state: &AppState,
    e: &mut FieldErrors,
    field: &str,
    list: ListKind,
    value: &str,
) -> Result<Option<String>, StoreError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if reference::is_active(&state.store, list, value).await? {
        Ok(Some(value.to_owned()))
    } else {
        e.push(FieldError::unknown_code(field));
        Ok(None)
    }
}

/// Checks a consultation (domain rules, then the reference lists and the partner), for the
/// form and the API alike; `errors` may already hold parse errors of the caller.
pub async fn check(
    state: &AppState,
    v: &Viewer,
    r: &Received,
    mut errors: FieldErrors,
) -> Result<Result<NewConsultation, FieldErrors>, StoreError> {
    let checked = match rules::check(&r.input, state.clock.now()) {
        Ok(c) => Some(c),
        Err(e) => {
            for f in e.0 {
                if errors.for_field(&f.field).is_none() {
                    errors.push(f);
                }
            }
            None
        }
    };
    if !r.input.channel.trim().is_empty()
        && !reference::is_active(
            &state.store,
            ListKind::HotlineChannel,
            r.input.channel.trim(),
        )
        .await?
    {
        errors.push(FieldError::unknown_code("channel"));
    }
    for t in &r.input.topics {
        let t = t.trim();
        if !t.is_empty()
            && !reference::is_active(&state.store, ListKind::HotlineTopic, t).await?
            && errors.for_field("topics").is_none()
        {
            errors.push(FieldError::unknown_code("topics"));
        }
    }
    let destination = code_in(
        state,
        &mut errors,
        "destination",
        ListKind::Country,
        &r.destination,
    )
    .await?;
    let sex = code_in(state, &mut errors, "sex", ListKind::Sex, &r.sex).await?;
    let age_band = code_in(
        state,
        &mut errors,
        "age_band",
        ListKind::AgeBand,
        &r.age_band,
    )
    .await?;
    let region = code_in(state, &mut errors, "region", ListKind::Region, &r.region).await?;
    let caller_type = code_in(
        state,
        &mut errors,
        "caller_type",
        ListKind::CallerType,
        &r.caller_type,
    )
    .await?;
    if let Some(org) = r.input.referred_to
        && orgs::get_organisation(&state.store, org).await.is_err()
    {
        errors.push(FieldError::unknown_code("referred_to"));
    }
    let indicators = match mayak_domain::hotline_checks::assess_offer(&r.indicators) {
        Ok(a) => a.indicators.iter().map(|c| (*c).to_owned()).collect(),
        Err(e) => {
            errors.0.extend(e.0);
            Vec::new()
        }
    };
    match checked {
        Some(checked) if errors.is_empty() => Ok(Ok(NewConsultation {
            checked,
            destination,
            sex,
            age_band,
            region,
            caller_type,
            indicators,
            consultant_id: v.user_id,
            organisation_id: v.organisation_id,
        })),
        _ => Ok(Err(errors)),
    }
}

/// Reads the posted consultation form.
pub fn received(state: &AppState, form: &FormPairs, errors: &mut FieldErrors) -> Received {
    let started_at = match form.get("started_at").trim() {
        "" => None,
        raw => {
            let t = parse_local(state, raw);
            if t.is_none() {
                errors.push(FieldError::new("started_at", "datetime_format"));
            }
            t
        }
    };
    let duration_minutes = match form.get("duration_minutes").trim() {
        "" => None,
        raw => match raw.parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(
                    FieldError::new("duration_minutes", "number_range")
                        .with("min", "0")
                        .with("max", rules::MAX_DURATION_MINUTES.to_string()),
                );
                None
            }
        },
    };
    let referred_to = match form.get("referred_to").trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(FieldError::unknown_code("referred_to"));
                None
            }
        },
    };
    Received {
        input: ConsultationInput {
            channel: form.get("channel").to_owned(),
            started_at,
            duration_minutes,
            topics: form.all("topics"),
            outcome: form.get("outcome").to_owned(),
            referred_to,
            question: form.get("question").to_owned(),
            answer: form.get("answer").to_owned(),
            caller_contact: form.get("caller_contact").to_owned(),
            repeat_consent: form.checked("repeat_consent"),
        },
        destination: form.get("destination").to_owned(),
        sex: form.get("sex").to_owned(),
        age_band: form.get("age_band").to_owned(),
        region: form.get("region").to_owned(),
        caller_type: form.get("caller_type").to_owned(),
        indicators: form.all("indicators"),
    }
}

/// The audit template of an act by the viewer.
pub fn who(state: &AppState, v: &Viewer, origin: &Origin) -> AuditEvent {
    let mut e = auth::event(v, "", "hotline_consultation", "");
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

/// The choices of a consultation form.
pub struct Choices {
    /// Channels.
    pub channels: Vec<Entry>,
    /// Topics.
    pub topics: Vec<Entry>,
    /// Outcomes.
    pub outcomes: Vec<Entry>,
    /// Countries.
    pub countries: Vec<Entry>,
    /// Sexes.
    pub sexes: Vec<Entry>,
    /// Age bands.
    pub ages: Vec<Entry>,
    /// Regions.
    pub regions: Vec<Entry>,
    /// Caller types.
    pub callers: Vec<Entry>,
    /// Partner organisations a caller may be referred to.
    pub partners: Vec<Organisation>,
}

impl Choices {
    /// The caller's profile fields: name, label key, choices.
    pub fn profile(&self) -> Vec<(&'static str, &'static str, &[Entry])> {
        vec![
            ("sex", "hotline-sex", &self.sexes),
            ("age_band", "hotline-age-band", &self.ages),
            ("region", "hotline-region", &self.regions),
            ("caller_type", "hotline-caller-type", &self.callers),
        ]
    }

    /// Loads the active entries.
    pub async fn load(state: &AppState) -> Result<Self, StoreError> {
        let list = |k| reference::list(&state.store, k, false);
        Ok(Self {
            channels: list(ListKind::HotlineChannel).await?,
            topics: list(ListKind::HotlineTopic).await?,
            outcomes: list(ListKind::HotlineOutcome).await?,
            countries: list(ListKind::Country).await?,
            sexes: list(ListKind::Sex).await?,
            ages: list(ListKind::AgeBand).await?,
            regions: list(ListKind::Region).await?,
            callers: list(ListKind::CallerType).await?,
            partners: orgs::list_organisations(&state.store).await?,
        })
    }
}

// ---- The form ---------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "hotline_new.html")]
struct NewPage {
    b: Base,
    form: FormPairs,
    errors: Errors,
    c: Choices,
    notice: Option<String>,
    saved: Option<i64>,
    draft_at: Option<String>,
    numbers: Vec<(String, String)>,
    hours: String,
}

impl NewPage {
    fn topic_checked(&self, code: &str) -> bool {
        self.form.all("topics").iter().any(|t| t == code)
    }

    /// The job-offer signs kept in the form, with their labels.
    fn signs(&self) -> Vec<(String, String)> {
        self.form
            .all("indicators")
            .into_iter()
            .map(|c| {
                let l = crate::pages::hotline_checks::sign_label(&c, self.b.lang());
                (c, l)
            })
            .collect()
    }
}

async fn new_page(
    state: &AppState,
    b: Base,
    form: FormPairs,
    errors: Errors,
    notice: Option<String>,
    saved: Option<i64>,
    draft_at: Option<String>,
) -> Result<Response, PageError> {
    let failed = !errors.is_empty();
    let mut res = render(&NewPage {
        c: Choices::load(state).await?,
        numbers: state.config.hotline.numbers.clone(),
        hours: state.config.hotline.hours.display(),
        b,
        form,
        errors,
        notice,
        saved,
        draft_at,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// The form of a new consultation: now, the national line, information given.
pub fn fresh_form(state: &AppState) -> FormPairs {
    FormPairs(vec![
        ("channel".into(), "NationalLine".into()),
        ("started_at".into(), local_input(state, state.clock.now())),
        ("outcome".into(), Outcome::InformationGiven.code().into()),
    ])
}

/// `?saved=&notice=` on the form.
#[derive(Debug, Deserialize, Default)]
pub struct NewQuery {
    saved: Option<i64>,
    notice: Option<String>,
}

/// `GET /hotline/new`: the form, resuming the consultant's autosaved draft if there is one.
pub async fn new_form(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<NewQuery>,
) -> Result<Response, PageError> {
    let (form, draft_at) = match hotline::load_draft(&state.store, &state.vault, v.user_id).await? {
        Some((pairs, at)) => (FormPairs(pairs), Some(local(&state, at))),
        None => (fresh_form(&state), None),
    };
    let notice = match q.0.notice.as_deref() {
        Some("saved") => Some(b.t("hotline-notice-saved")),
        Some("draft-saved") => Some(b.t("hotline-notice-draft-saved")),
        Some("draft-discarded") => Some(b.t("hotline-notice-draft-discarded")),
        Some("signs-kept") => Some(b.t("hotline-notice-signs-kept")),
        _ => None,
    };
    new_page(
        &state,
        b,
        form,
        Errors::default(),
        notice,
        q.0.saved,
        draft_at,
    )
    .await
}

fn draft_pairs(form: &FormPairs) -> Vec<(String, String)> {
    form.0
        .iter()
        .filter(|(k, _)| k != "_csrf" && k != "action" && k != "website" && k != "then")
        .cloned()
        .collect()
}

/// `POST /hotline/draft`: autosave (from the script, answered 204) or the "save draft"
/// button without a script (back to the form); `action=discard` deletes the draft.
pub async fn save_draft(
    State(state): State<AppState>,
    v: Viewer,
    headers: axum::http::HeaderMap,
    form: FormPairs,
) -> Result<Response, PageError> {
    if form.get("action") == "discard" {
        hotline::delete_draft(&state.store, v.user_id).await?;
        return Ok(Redirect::to("/hotline/new?notice=draft-discarded").into_response());
    }
    match hotline::save_draft(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        v.user_id,
        &draft_pairs(&form),
        state.clock.now(),
    )
    .await
    {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Err(PageError::BadRequest),
        Err(e) => return Err(e.into()),
    }
    if headers.get("x-mayak-autosave").is_some() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    // The buttons that open a check during the call save the draft first.
    match form.get("then") {
        "agencies" => Ok(Redirect::to("/hotline/checks/agencies").into_response()),
        "offer" => Ok(Redirect::to("/hotline/checks/offer").into_response()),
        "contacts" => {
            let country = form.get("destination").trim();
            let ok = country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic());
            Ok(Redirect::to(&if ok {
                format!("/hotline/checks/contacts?country={country}")
            } else {
                "/hotline/checks/contacts".to_owned()
            })
            .into_response())
        }
        _ => Ok(Redirect::to("/hotline/new?notice=draft-saved").into_response()),
    }
}

/// `POST /hotline/consultations`: saves the consultation; the form comes back empty for the
/// next call, with a link to the one just saved.
pub async fn create(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    if form.get("action") == "draft" {
        hotline::save_draft(
            &state.store,
            &state.vault,
            state.rng.as_ref(),
            v.user_id,
            &draft_pairs(&form),
            state.clock.now(),
        )
        .await?;
        return Ok(Redirect::to("/hotline/new?notice=draft-saved").into_response());
    }
    let mut errors = FieldErrors::default();
    let r = received(&state, &form, &mut errors);
    let new = match check(&state, &v, &r, errors).await? {
        Ok(n) => n,
        Err(e) => {
            // Keep what was typed: the draft holds the refused form too.
            hotline::save_draft(
                &state.store,
                &state.vault,
                state.rng.as_ref(),
                v.user_id,
                &draft_pairs(&form),
                state.clock.now(),
            )
            .await?;
            let errs = Errors::from(&b.tr, &e);
            return new_page(&state, b, form, errs, None, None, None).await;
        }
    };
    let id = hotline::create(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        &new,
        offset(&state),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    hotline::delete_draft(&state.store, v.user_id).await?;
    Ok(Redirect::to(&format!("/hotline/new?notice=saved&saved={id}")).into_response())
}

// ---- The log ----------------------------------------------------------------------------------

/// Filters of the log (codes and dates only: nothing personal in the URL).
#[derive(Debug, Deserialize, Default)]
pub struct LogQuery {
    channel: Option<String>,
    topic: Option<String>,
    outcome: Option<String>,
    destination: Option<String>,
    from: Option<String>,
    to: Option<String>,
    mine: Option<String>,
    /// Consultations of the same (consenting) caller as this one.
    caller_of: Option<i64>,
    before: Option<i64>,
}

impl LogQuery {
    fn value(&self, name: &str) -> &str {
        match name {
            "channel" => self.channel.as_deref(),
            "topic" => self.topic.as_deref(),
            "outcome" => self.outcome.as_deref(),
            "destination" => self.destination.as_deref(),
            "from" => self.from.as_deref(),
            "to" => self.to.as_deref(),
            _ => None,
        }
        .unwrap_or("")
    }
}

/// A filter select.
pub struct Select {
    name: &'static str,
    key: &'static str,
    options: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "hotline_log.html")]
struct LogPage {
    b: Base,
    q: LogQuery,
    selects: Vec<Select>,
    rows: Vec<(Consultation, String)>,
    labels: Labels,
    next: Option<String>,
    errors: Errors,
    queue: usize,
}

/// The log's page size.
pub const PAGE: i64 = 50;

/// `GET /hotline`: the organisation's consultation log, newest first, with filters.
pub async fn log(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    q: PageQuery<LogQuery>,
) -> Result<Response, PageError> {
    let q = q.0;
    let mut errors = FieldErrors::default();
    let from = parse_date("from", q.from.as_deref().unwrap_or(""), &mut errors, false);
    let to = parse_date("to", q.to.as_deref().unwrap_or(""), &mut errors, false);
    let at = |d: time::Date| d.midnight().assume_offset(offset(&state));
    let pick = |s: &Option<String>| s.clone().filter(|v| !v.is_empty());
    let caller_hash = match q.caller_of {
        Some(id) => match hotline::get(&state.store, id).await {
            Ok(c) if c.organisation_id == v.organisation_id => {
                hotline::caller_of(&state.store, id).await?
            }
            _ => return Err(PageError::NotFound),
        },
        None => None,
    };
    if q.caller_of.is_some() && caller_hash.is_none() {
        return Err(PageError::NotFound);
    }
    let f = ConsultationFilter {
        organisation_id: Some(v.organisation_id),
        consultant_id: q
            .mine
            .as_deref()
            .filter(|m| !m.is_empty())
            .map(|_| v.user_id),
        channel: pick(&q.channel),
        topic: pick(&q.topic),
        outcome: pick(&q.outcome),
        destination: pick(&q.destination),
        from: from.map(at),
        to: to.map(|d| at(d.next_day().unwrap_or(d))),
        caller_hash,
        before_id: q.before,
        limit: PAGE,
    };
    let rows = hotline::list(&state.store, &f).await?;
    let next = (rows.len() as i64 == PAGE)
        .then(|| rows.last().map(|r| r.id))
        .flatten()
        .map(|last| {
            let mut query: Vec<String> = b
                .query
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("before="))
                .map(str::to_owned)
                .collect();
            query.push(format!("before={last}"));
            format!("/hotline?{}", query.join("&"))
        });
    let list = |k| reference::list(&state.store, k, true);
    let selects = vec![
        Select {
            name: "channel",
            key: "hotline-channel",
            options: list(ListKind::HotlineChannel).await?,
        },
        Select {
            name: "topic",
            key: "hotline-topic",
            options: list(ListKind::HotlineTopic).await?,
        },
        Select {
            name: "outcome",
            key: "hotline-outcome",
            options: list(ListKind::HotlineOutcome).await?,
        },
        Select {
            name: "destination",
            key: "hotline-destination",
            options: list(ListKind::Country).await?,
        },
    ];
    let rows = rows
        .into_iter()
        .map(|c| {
            let at = local(&state, c.started_at);
            (c, at)
        })
        .collect();
    let queue = mayak_store::hotline_public::queue(&state.store, false, 500)
        .await?
        .len();
    let errs = Errors::from(&b.tr, &errors);
    render(&LogPage {
        labels: Labels::load(&state, b.lang()).await?,
        b,
        q,
        selects,
        rows,
        next,
        errors: errs,
        queue,
    })
}

// ---- One consultation -------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "hotline_consultation.html")]
struct ConsultationPage {
    b: Base,
    c: Consultation,
    at: String,
    said: hotline::Said,
    labels: Labels,
    calls: i64,
    case_code: Option<String>,
    can_escalate: bool,
    form: FormPairs,
    errors: Errors,
    regions: Vec<Entry>,
}

/// A consultation of the viewer's organisation (404 for any other).
pub async fn in_scope(state: &AppState, v: &Viewer, id: i64) -> Result<Consultation, PageError> {
    match hotline::get(&state.store, id).await {
        Ok(c) if c.organisation_id == v.organisation_id => Ok(c),
        Ok(_) | Err(StoreError::NotFound) => Err(PageError::NotFound),
        Err(e) => Err(e.into()),
    }
}

async fn consultation_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    c: Consultation,
    form: FormPairs,
    errors: Errors,
) -> Result<Response, PageError> {
    let mut reader = who(state, v, origin);
    reader.reason = Some("consultation page".to_owned());
    let said = hotline::said(&state.store, &state.vault, c.id, &reader, state.clock.now()).await?;
    let calls = if c.repeat_caller {
        hotline::calls_of(&state.store, c.id).await?
    } else {
        0
    };
    let case_code = match c.case_id {
        Some(id) => Some(mayak_store::cases::get(&state.store, id).await?.code),
        None => None,
    };
    let failed = !errors.is_empty();
    let mut res = render(&ConsultationPage {
        at: local(state, c.started_at),
        labels: Labels::load(state, b.lang()).await?,
        can_escalate: c.case_id.is_none() && v.can(mayak_domain::access::Permission::CasesCreate),
        regions: reference::list(&state.store, ListKind::Region, false).await?,
        b,
        c,
        said,
        calls,
        case_code,
        form,
        errors,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /hotline/consultations/{id}`
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let c = in_scope(&state, &v, id).await?;
    let form = FormPairs(vec![(
        "region".into(),
        c.region.clone().unwrap_or_default(),
    )]);
    consultation_page(&state, b, &v, &origin, c, form, Errors::default()).await
}

/// An online request with its question and answer, for a consultant (the read is audited).
pub async fn in_scope_request(
    state: &AppState,
    id: i64,
    reader: &AuditEvent,
) -> Result<(mayak_store::hotline_public::Queued, String, Option<String>), PageError> {
    match mayak_store::hotline_public::read(
        &state.store,
        &state.vault,
        id,
        reader,
        state.clock.now(),
    )
    .await
    {
        Ok(r) => Ok(r),
        Err(StoreError::NotFound) => Err(PageError::NotFound),
        Err(e) => Err(e.into()),
    }
}

// ---- Statistics -------------------------------------------------------------------------------

/// `?year=` of the statistics.
#[derive(Debug, Deserialize, Default)]
pub struct YearQuery {
    year: Option<String>,
}

/// One breakdown table.
pub struct Breakdown {
    /// Catalog key of its heading.
    pub key: &'static str,
    /// Label, count and share in per cent.
    pub rows: Vec<(String, i64, String)>,
}

#[derive(Template)]
#[template(path = "hotline_statistics.html")]
struct StatsPage {
    b: Base,
    s: Statistics,
    years: Vec<i32>,
    chart: String,
    yearly: String,
    breakdowns: Vec<Breakdown>,
    months: Vec<(String, i64)>,
    suffix: String,
}

fn share(n: i64, total: i64) -> String {
    if total == 0 {
        return "0".to_owned();
    }
    format!("{:.1}", n as f64 * 100.0 / total as f64)
}

/// The label of a statistics row.
fn row_label(b: &Base, labels: &Labels, kind: Option<ListKind>, code: &str) -> String {
    if code.is_empty() {
        return b.t("hotline-not-recorded");
    }
    match kind {
        Some(k) => labels.of(k, code),
        None => code.to_owned(),
    }
}

/// The breakdowns of a statistics page or export, labelled.
pub fn breakdowns(b: &Base, labels: &Labels, s: &Statistics) -> Vec<Breakdown> {
    let total = s.total;
    let make =
        |key: &'static str, kind: Option<ListKind>, rows: &[hotline::Count], base: i64| Breakdown {
            key,
            rows: rows
                .iter()
                .map(|c| {
                    (
                        row_label(b, labels, kind, &c.code),
                        c.count,
                        share(c.count, base),
                    )
                })
                .collect(),
        };
    vec![
        make(
            "hotline-topic",
            Some(ListKind::HotlineTopic),
            &s.by_topic,
            total,
        ),
        make(
            "hotline-channel",
            Some(ListKind::HotlineChannel),
            &s.by_channel,
            total,
        ),
        make("hotline-sex", Some(ListKind::Sex), &s.by_sex, total),
        make(
            "hotline-age-band",
            Some(ListKind::AgeBand),
            &s.by_age_band,
            total,
        ),
        make(
            "hotline-region",
            Some(ListKind::Region),
            &s.by_region,
            total,
        ),
        make(
            "hotline-destination",
            Some(ListKind::Country),
            &s.by_destination,
            total,
        ),
        make(
            "hotline-caller-type",
            Some(ListKind::CallerType),
            &s.by_caller_type,
            total,
        ),
        make(
            "hotline-outcome",
            Some(ListKind::HotlineOutcome),
            &s.by_outcome,
            total,
        ),
    ]
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart as SVG (server-rendered, readable without a script; the same
/// numbers are in the table beside it).
pub fn bar_chart(title: &str, rows: &[(String, i64, String)], percent: bool) -> String {
    let row_h = 26;
    let label_w = 300;
    let bar_w = 380.0;
    let h = row_h * rows.len().max(1) + 10;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let mut out = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-t-{id}\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-t-{id}\">{t}</title>",
        id = title.len(),
        w = label_w + 480,
        t = xml(title)
    );
    for (i, (label, n, pct)) in rows.iter().enumerate() {
        let y = i * row_h + 4;
        let w = (*n as f64 / max * bar_w).max(1.0);
        let value = if percent {
            format!("{pct} % ({n})")
        } else {
            n.to_string()
        };
        out.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1b2430\">{l}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bh}\" rx=\"3\" fill=\"#1d5fa8\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" font-size=\"13\" fill=\"#1b2430\">{v}</text>",
            lx = label_w - 8,
            ty = y + 14,
            l = xml(label),
            bx = label_w,
            bh = row_h - 8,
            vx = label_w as f64 + w + 6.0,
            v = xml(&value),
        ));
    }
    out.push_str("</svg>");
    out
}

/// Parses `?year=`: a year, empty for all years, anything else a 404 (links make the value).
fn year_of(q: &YearQuery) -> Result<Option<i32>, PageError> {
    match q.year.as_deref().map(str::trim) {
        None | Some("") | Some("all") => Ok(None),
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .map(Some)
            .ok_or(PageError::NotFound),
    }
}

/// `GET /hotline/statistics?year=YYYY`
pub async fn statistics(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<YearQuery>,
) -> Result<Response, PageError> {
    let year = year_of(&q.0)?;
    let s = hotline::statistics(&state.store, year).await?;
    let labels = Labels::load(&state, b.lang()).await?;
    let breakdowns = breakdowns(&b, &labels, &s);
    let period = year.map_or_else(|| b.t("hotline-all-years"), |y| y.to_string());
    let chart = bar_chart(
        &b.ts("hotline-chart-topics", &[("period", &period)]),
        &breakdowns[0].rows,
        true,
    );
    let yearly_rows: Vec<(String, i64, String)> = s
        .by_year
        .iter()
        .map(|c| (c.code.clone(), c.count, String::new()))
        .collect();
    let yearly = bar_chart(&b.t("hotline-chart-years"), &yearly_rows, false);
    let years = s
        .by_year
        .iter()
        .filter_map(|c| c.code.parse().ok())
        .collect();
    let months = s
        .by_month
        .iter()
        .map(|c| (b.t(&format!("month-{}", c.code)), c.count))
        .collect();
    let suffix = year.map_or_else(String::new, |y| format!("?year={y}"));
    render(&StatsPage {
        b,
        s,
        years,
        chart,
        yearly,
        breakdowns,
        months,
        suffix,
    })
}

/// The rows of an export: section, label, code, count, share.
fn export_rows(b: &Base, labels: &Labels, s: &Statistics) -> Vec<[String; 5]> {
    let mut out = vec![
        [
            b.t("hotline-total"),
            String::new(),
            String::new(),
            s.total.to_string(),
            "100".into(),
        ],
        [
            b.t("hotline-cumulative"),
            String::new(),
            String::new(),
            s.cumulative.to_string(),
            String::new(),
        ],
    ];
    for c in &s.by_year {
        out.push([
            b.t("hotline-year"),
            c.code.clone(),
            c.code.clone(),
            c.count.to_string(),
            String::new(),
        ]);
    }
    for c in &s.by_month {
        out.push([
            b.t("hotline-month"),
            b.t(&format!("month-{}", c.code)),
            c.code.clone(),
            c.count.to_string(),
            share(c.count, s.total),
        ]);
    }
    let codes: [&[hotline::Count]; 8] = [
        &s.by_topic,
        &s.by_channel,
        &s.by_sex,
        &s.by_age_band,
        &s.by_region,
        &s.by_destination,
        &s.by_caller_type,
        &s.by_outcome,
    ];
    for (bd, counts) in breakdowns(b, labels, s).iter().zip(codes) {
        for ((label, n, pct), c) in bd.rows.iter().zip(counts) {
            out.push([
                b.t(bd.key),
                label.clone(),
                c.code.clone(),
                n.to_string(),
                pct.clone(),
            ]);
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn attachment(body: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// `GET /hotline/statistics.csv?year=YYYY`
pub async fn statistics_csv(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<YearQuery>,
) -> Result<Response, PageError> {
    let year = year_of(&q.0)?;
    let s = hotline::statistics(&state.store, year).await?;
    let labels = Labels::load(&state, b.lang()).await?;
    let mut out = String::new();
    let head = [
        b.t("hotline-export-section"),
        b.t("hotline-export-label"),
        b.t("hotline-export-code"),
        b.t("hotline-export-count"),
        b.t("hotline-export-share"),
    ];
    for row in std::iter::once(head).chain(export_rows(&b, &labels, &s)) {
        out.push_str(
            &row.iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    let name = format!(
        "hotline-{}.csv",
        year.map_or_else(|| "all".to_owned(), |y| y.to_string())
    );
    Ok(attachment(
        out.into_bytes(),
        "text/csv; charset=utf-8",
        &name,
    ))
}

/// `GET /hotline/statistics.xlsx?year=YYYY`
pub async fn statistics_xlsx(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<YearQuery>,
) -> Result<Response, PageError> {
    let year = year_of(&q.0)?;
    let s = hotline::statistics(&state.store, year).await?;
    let labels = Labels::load(&state, b.lang()).await?;
    let head = [
        b.t("hotline-export-section"),
        b.t("hotline-export-label"),
        b.t("hotline-export-code"),
        b.t("hotline-export-count"),
        b.t("hotline-export-share"),
    ];
    let rows = export_rows(&b, &labels, &s);
    let bytes = xlsx(&head, &rows).map_err(|e| {
        tracing::error!(error = %e, "cannot write the XLSX export");
        PageError::Internal
    })?;
    let name = format!(
        "hotline-{}.xlsx",
        year.map_or_else(|| "all".to_owned(), |y| y.to_string())
    );
    Ok(attachment(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &name,
    ))
}

fn xlsx(head: &[String; 5], rows: &[[String; 5]]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Hotline")?;
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, &row[0])?;
        sheet.write_string(r, 1, &row[1])?;
        sheet.write_string(r, 2, &row[2])?;
        if let Ok(n) = row[3].parse::<f64>() {
            sheet.write_number(r, 3, n)?;
        }
        if let Ok(p) = row[4].parse::<f64>() {
            sheet.write_number(r, 4, p)?;
        }
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 44)?;
    sheet.set_column_width(2, 24)?;
    book.save_to_buffer()
}

// ---- Escalation -------------------------------------------------------------------------------

/// `POST /hotline/consultations/{id}/escalate`: with the person's consent, registers them
/// and opens a case through the intake of case management (`cases::create`), records the
/// oral consent to processing, carries what was said over as a sealed case note, and links
/// the consultation and the case both ways.
pub async fn escalate(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    if !v.can(mayak_domain::access::Permission::CasesCreate) {
        return Err(PageError::Forbidden);
    }
    let c = in_scope(&state, &v, id).await?;
    if let Some(case_id) = c.case_id {
        return Ok(Redirect::to(&format!("/cases/{case_id}")).into_response());
    }
    let today = state.clock.now().to_offset(offset(&state)).date();
    let mut errors = FieldErrors::default();
    if !form.checked("consent") {
        errors.push(FieldError::new("consent", "escalation_needs_consent"));
    }
    let region = match form.get("region").trim() {
        "" => {
            errors.push(FieldError::required("region"));
            None
        }
        r => code_in(&state, &mut errors, "region", ListKind::Region, r).await?,
    };
    let identity = mayak_domain::person::Identity {
        family_name: form.get("family_name").trim().to_owned(),
        given_names: form.get("given_names").trim().to_owned(),
        phones: Some(form.get("phone").trim().to_owned())
            .filter(|p| !p.is_empty())
            .into_iter()
            .collect(),
        ..Default::default()
    };
    if let Err(e) = identity.validate(today) {
        errors.0.extend(e.0);
    }
    let (Some(region), true) = (region, errors.is_empty()) else {
        let errs = Errors::from(&b.tr, &errors);
        return consultation_page(&state, b, &v, &origin, c, form, errs).await;
    };
    let mut reader = who(&state, &v, &origin);
    reader.reason = Some("escalation to a case".to_owned());
    let said = hotline::said(&state.store, &state.vault, c.id, &reader, state.clock.now()).await?;
    let new = mayak_store::cases::NewCase {
        region,
        lead_organisation_id: v.organisation_id,
        assigned_to: None,
        registered_on: today,
        sex: c.sex.clone().unwrap_or_else(|| "Unknown".to_owned()),
        identity,
        exploitation_type: None,
        country_of_exploitation: c.destination.clone(),
        nrm_phase: mayak_domain::case::NrmPhase::Identification,
    };
    let mut case_who = who(&state, &v, &origin);
    case_who.record_type = Some("case".to_owned());
    let case = mayak_store::cases::create(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        &new,
        &case_who,
        state.clock.now(),
    )
    .await?;
    mayak_store::cases::add_consent(
        &state.store,
        case.id,
        mayak_domain::case::ConsentPurpose::Processing,
        None,
        "person",
        "Oral",
        today,
        &case_who,
        state.clock.now(),
    )
    .await?;
    let labels = Labels::load(&state, b.lang()).await?;
    let note = b.ts(
        "hotline-escalation-note",
        &[
            ("at", local(&state, c.started_at).as_str()),
            (
                "channel",
                labels.of(ListKind::HotlineChannel, &c.channel).as_str(),
            ),
            ("topics", labels.topics(&c.topics).as_str()),
            ("question", said.question.as_str()),
            ("answer", said.answer.as_str()),
        ],
    );
    mayak_store::casework::add_note(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        case.id,
        &note,
        &case_who,
        state.clock.now(),
    )
    .await?;
    let mut tx = state.store.begin().await?;
    hotline::link_case_in(&mut tx, c.id, case.id).await?;
    let mut e = who(&state, &v, &origin);
    e.action = "hotline.consultation.escalate".to_owned();
    e.record_id = Some(c.id.to_string());
    e.fields = Some(format!("case:{}", case.id));
    mayak_store::audit::append(&mut tx, state.store.backend(), &e, state.clock.now()).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/cases/{}", case.id)).into_response())
}
