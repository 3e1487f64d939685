//! Online consultations: the public form (no account, three languages, quick exit), its
//! defences (rate limit per address, honeypot field, a signed challenge with a small
//! proof-of-work, or for browsers without scripts a minimum time on the form), the ticket code
//! that alone reads the answer, and the consultants' queue.

use super::hotline::{Choices, Labels, Received, check, in_scope_request, local, who};
use super::{Base, render};
use crate::AppState;
use crate::auth::{Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::hotline::{self as rules, ConsultationInput, Outcome};
use mayak_domain::{FieldError, FieldErrors, ListKind, token};
use mayak_store::StoreError;
use mayak_store::hotline_channels::{self, Delivery, KnownCaller};
use mayak_store::hotline_public::{self, Queued};
use mayak_store::reference::{self, Entry};
use time::{Duration, OffsetDateTime};

/// How long a form's challenge stays valid.
pub const CHALLENGE_LIFETIME: Duration = Duration::hours(2);
/// Without a script (no proof-of-work), a form must have been open this long.
pub const NO_SCRIPT_MIN_AGE: Duration = Duration::seconds(15);
/// The window of the rate limit.
pub const RATE_WINDOW: Duration = Duration::minutes(10);
/// Where the quick-exit button leads.
pub const QUICK_EXIT: &str = "https://www.google.com/";

/// A signed challenge: `issued.random.mac`, where the mac is a keyed hash, so the server
/// keeps no state and a bot must fetch the form before posting it.
pub fn challenge(state: &AppState) -> String {
    let mut r = [0u8; 12];
    state.rng.fill(&mut r);
    let body = format!(
        "{}.{}",
        state.clock.now().unix_timestamp(),
        mayak_domain::crypto::hex(&r)
    );
    let mac = state.vault.index("hotline_challenge", &body);
    format!("{body}.{mac}")
}

/// The age of a genuine, unexpired challenge.
pub fn challenge_age(state: &AppState, c: &str) -> Option<Duration> {
    let (body, mac) = c.rsplit_once('.')?;
    if !token::same(&state.vault.index("hotline_challenge", body), mac) {
        return None;
    }
    let issued: i64 = body.split('.').next()?.parse().ok()?;
    let issued = OffsetDateTime::from_unix_timestamp(issued).ok()?;
    let age = state.clock.now() - issued;
    (age >= Duration::ZERO && age <= CHALLENGE_LIFETIME).then_some(age)
}

/// Counts an attempt of this address (a keyed hash of it) and says whether it is within the
/// limit.
async fn within_rate(state: &AppState, origin: &Origin, what: &str) -> Result<bool, StoreError> {
    let key = state.vault.index(
        "hotline_address",
        &format!("{what}:{}", origin.address.as_deref().unwrap_or("unknown")),
    );
    let n = hotline_public::attempt(&state.store, &key, RATE_WINDOW, state.clock.now()).await?;
    Ok(n <= state.config.hotline.public_rate)
}

#[derive(Template)]
#[template(path = "hotline_public.html")]
struct FormPage {
    b: Base,
    form: FormPairs,
    errors: Errors,
    topics: Vec<Entry>,
    challenge: String,
    difficulty: usize,
    numbers: Vec<(String, String)>,
    hours: String,
    open: bool,
    quick_exit: &'static str,
    channels: Labels,
}

async fn form_page(
    state: &AppState,
    b: Base,
    form: FormPairs,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let mut res = render(&FormPage {
        topics: reference::list(&state.store, ListKind::HotlineTopic, false).await?,
        challenge: challenge(state),
        difficulty: state.config.hotline.pow_difficulty,
        numbers: state.config.hotline.numbers.clone(),
        hours: state.config.hotline.hours.display(),
        open: state.config.hotline.hours.is_open(state.clock.now()),
        quick_exit: QUICK_EXIT,
        channels: Labels::load(state, b.lang()).await?,
        b,
        form,
        errors,
    })?;
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /consultation`: the public form.
pub async fn form(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    form_page(
        &state,
        b,
        FormPairs::default(),
        Errors::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Template)]
#[template(path = "hotline_public_sent.html")]
struct SentPage {
    b: Base,
    ticket: String,
    open: bool,
    hours: String,
    quick_exit: &'static str,
}

/// What refused a public request, for the page and the API alike.
#[derive(Debug)]
pub enum Refusal {
    /// Too many requests from this address.
    Flood,
    /// Invalid fields (the honeypot, the challenge, the proof-of-work or the question).
    Invalid(FieldErrors),
    /// The store failed.
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Store(e)
    }
}

/// Checks and stores a public request; returns its ticket. `nonce` is the proof-of-work
/// (absent without a script: then the form must have been open a while).
#[allow(clippy::too_many_arguments)]
pub async fn accept(
    state: &AppState,
    origin: &Origin,
    lang: &str,
    honeypot: &str,
    challenge: &str,
    nonce: &str,
    topic: &str,
    question: &str,
) -> Result<String, Refusal> {
    if !within_rate(state, origin, "request").await? {
        return Err(Refusal::Flood);
    }
    let mut e = FieldErrors::default();
    if !honeypot.trim().is_empty() {
        e.push(FieldError::new("website", "honeypot"));
        return Err(Refusal::Invalid(e));
    }
    match challenge_age(state, challenge) {
        None => e.push(FieldError::new("challenge", "challenge_expired")),
        Some(age) => {
            let solved = !nonce.is_empty()
                && rules::proof_ok(challenge, nonce, state.config.hotline.pow_difficulty);
            if !nonce.is_empty() && !solved {
                e.push(FieldError::new("challenge", "proof_failed"));
            } else if nonce.is_empty() && age < NO_SCRIPT_MIN_AGE {
                e.push(FieldError::new("challenge", "too_fast"));
            }
        }
    }
    let question = rules::text("question", question, true, &mut e);
    let topic = match topic.trim() {
        "" => None,
        t if reference::is_active(&state.store, ListKind::HotlineTopic, t).await? => {
            Some(t.to_owned())
        }
        _ => {
            e.push(FieldError::unknown_code("topic"));
            None
        }
    };
    if !e.is_empty() {
        return Err(Refusal::Invalid(e));
    }
    let ticket = rules::new_ticket(state.rng.as_ref());
    let now = state.clock.now();
    hotline_public::submit(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        &rules::ticket_digest(&ticket),
        lang,
        topic.as_deref(),
        &question,
        !state.config.hotline.hours.is_open(now),
        now,
    )
    .await?;
    Ok(ticket)
}

/// `POST /consultation`
pub async fn submit(
    State(state): State<AppState>,
    b: Base,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let result = accept(
        &state,
        &origin,
        b.lang().code(),
        form.get("website"),
        form.get("challenge"),
        form.get("nonce"),
        form.get("topic"),
        form.get("question"),
    )
    .await;
    match result {
        Ok(ticket) => render(&SentPage {
            open: state.config.hotline.hours.is_open(state.clock.now()),
            hours: state.config.hotline.hours.display(),
            quick_exit: QUICK_EXIT,
            b,
            ticket,
        }),
        Err(Refusal::Flood) => Err(PageError::TooManyRequests),
        Err(Refusal::Invalid(e)) => {
            let mut form = form;
            form.0.retain(|(k, _)| k != "website" && k != "nonce");
            let errs = Errors::from(&b.tr, &e);
            form_page(&state, b, form, errs, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(Refusal::Store(e)) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "hotline_ticket.html")]
struct TicketPage {
    b: Base,
    view: Option<hotline_public::TicketView>,
    errors: Errors,
    sent_at: String,
    answered_at: String,
    quick_exit: &'static str,
}

/// `GET /consultation/ticket`: the form that reads an answer.
pub async fn ticket_form(b: Base) -> Result<Response, PageError> {
    render(&TicketPage {
        b,
        view: None,
        errors: Errors::default(),
        sent_at: String::new(),
        answered_at: String::new(),
        quick_exit: QUICK_EXIT,
    })
}

/// Looks a ticket up (rate-limited like requests, so tickets cannot be guessed quickly).
pub async fn read_ticket(
    state: &AppState,
    origin: &Origin,
    raw: &str,
) -> Result<Option<hotline_public::TicketView>, Refusal> {
    if !within_rate(state, origin, "ticket").await? {
        return Err(Refusal::Flood);
    }
    if rules::normalise_ticket(raw).is_none() {
        return Ok(None);
    }
    match hotline_public::by_ticket(&state.store, &state.vault, &rules::ticket_digest(raw)).await {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `POST /consultation/ticket`: the question and answer of the ticket given, or one message
/// for every ticket that does not exist (a guess learns nothing).
pub async fn ticket(
    State(state): State<AppState>,
    b: Base,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let view = match read_ticket(&state, &origin, form.get("ticket")).await {
        Ok(v) => v,
        Err(Refusal::Flood) => return Err(PageError::TooManyRequests),
        Err(Refusal::Store(e)) => return Err(e.into()),
        Err(Refusal::Invalid(_)) => None,
    };
    let mut errors = FieldErrors::default();
    if view.is_none() {
        errors.push(FieldError::new("ticket", "no_such_ticket"));
    }
    let errs = Errors::from(&b.tr, &errors);
    let sent_at = view
        .as_ref()
        .map(|v| local(&state, v.created_at))
        .unwrap_or_default();
    let answered_at = view
        .as_ref()
        .and_then(|v| v.answered_at)
        .map(|t| local(&state, t))
        .unwrap_or_default();
    let mut res = render(&TicketPage {
        b,
        view,
        errors: errs,
        sent_at,
        answered_at,
        quick_exit: QUICK_EXIT,
    })?;
    if !errors.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

// ---- The consultants' queue ---------------------------------------------------------------------

/// Age of a waiting request, as the queue shows it.
pub fn age(b: &Base, since: OffsetDateTime, now: OffsetDateTime) -> String {
    let m = (now - since).whole_minutes().max(0);
    let (h, m) = (m / 60, m % 60);
    b.ts(
        "hotline-age",
        &[("h", h.to_string().as_str()), ("m", m.to_string().as_str())],
    )
}

#[derive(Template)]
#[template(path = "hotline_queue.html")]
struct QueuePage {
    b: Base,
    waiting: Vec<(Queued, String)>,
    answered: Vec<(Queued, String)>,
    labels: Labels,
    hours: String,
}

/// `GET /hotline/requests`: waiting requests, oldest first, with their age.
pub async fn queue(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let now = state.clock.now();
    let waiting = hotline_public::queue(&state.store, false, 200)
        .await?
        .into_iter()
        .map(|q| {
            let a = age(&b, q.created_at, now);
            (q, a)
        })
        .collect();
    let answered = hotline_public::queue(&state.store, true, 20)
        .await?
        .into_iter()
        .map(|q| {
            let a = q.answered_at.map(|t| local(&state, t)).unwrap_or_default();
            (q, a)
        })
        .collect();
    render(&QueuePage {
        labels: Labels::load(&state, b.lang()).await?,
        hours: state.config.hotline.hours.display(),
        b,
        waiting,
        answered,
    })
}

#[derive(Template)]
#[template(path = "hotline_request.html")]
struct RequestPage {
    b: Base,
    q: Queued,
    question: String,
    answer: Option<String>,
    waited: String,
    sent_at: String,
    labels: Labels,
    c: Choices,
    form: FormPairs,
    errors: Errors,
    /// The channel the request came through (`OnlineForm`, `Viber`, `Email`).
    channel: String,
    /// A channel request has an address, so the person can consent to be recognised.
    can_recognise: bool,
    /// The sender agreed earlier to be recognised.
    known: Option<KnownCaller>,
    /// Where the answer stands on its way back through the channel.
    delivery: Option<DeliveryView>,
}

/// The delivery of a channel answer, as the consultant reads it.
struct DeliveryView {
    /// `sent`, `waiting` or `failed`.
    state: &'static str,
    /// When it was sent, or when the next attempt is due.
    at: String,
    attempts: i32,
    last_error: String,
}

impl DeliveryView {
    fn new(state: &AppState, d: Delivery, max_attempts: i32) -> Self {
        let (kind, at) = match d.sent_at {
            Some(t) => ("sent", local(state, t)),
            None if d.attempts >= max_attempts => ("failed", String::new()),
            None => ("waiting", local(state, d.next_attempt_at)),
        };
        DeliveryView {
            state: kind,
            at,
            attempts: d.attempts,
            last_error: d.last_error.unwrap_or_default(),
        }
    }
}

impl RequestPage {
    fn topic_checked(&self, code: &str) -> bool {
        self.form.all("topics").iter().any(|t| t == code)
    }
}

#[allow(clippy::too_many_arguments)]
async fn request_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    origin: &Origin,
    id: i64,
    form: Option<FormPairs>,
    errors: Errors,
) -> Result<Response, PageError> {
    let mut reader = who(state, v, origin);
    reader.record_type = Some("hotline_request".to_owned());
    let (q, question, answer) = in_scope_request(state, id, &reader).await?;
    let form = form.unwrap_or_else(|| {
        FormPairs(
            q.topic
                .iter()
                .map(|t| ("topics".to_owned(), t.clone()))
                .chain([(
                    "outcome".to_owned(),
                    Outcome::InformationGiven.code().to_owned(),
                )])
                .collect(),
        )
    });
    let channel = q.channel.clone();
    let sender = hotline_channels::sender_of(&state.store, &state.vault, id).await?;
    let has_sender = sender.is_some();
    let known = match &sender {
        Some(s) => hotline_channels::known_caller(&state.store, &state.vault, s).await?,
        None => None,
    };
    let delivery = match hotline_channels::delivery_of(&state.store, id).await? {
        Some(d) if answer.is_some() => {
            let max = match channel.as_str() {
                "Email" => crate::mail::HOTLINE_MAX_ATTEMPTS,
                _ => mayak_domain::viber::MAX_ATTEMPTS,
            };
            Some(DeliveryView::new(state, d, max))
        }
        _ => None,
    };
    let failed = !errors.is_empty();
    let mut res = render(&RequestPage {
        channel,
        can_recognise: has_sender,
        known,
        delivery,
        waited: age(&b, q.created_at, q.answered_at.unwrap_or(state.clock.now())),
        sent_at: local(state, q.created_at),
        labels: Labels::load(state, b.lang()).await?,
        c: Choices::load(state).await?,
        b,
        q,
        question,
        answer,
        form,
        errors,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /hotline/requests/{id}`: the request (an audited read) and the answer form.
pub async fn request(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    request_page(&state, b, &v, &origin, id, None, Errors::default()).await
}

/// `POST /hotline/requests/{id}`: answers the request; the answer is logged as a
/// consultation of the request's channel with the profile the consultant records.
pub async fn answer(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut reader = who(&state, &v, &origin);
    reader.record_type = Some("hotline_request".to_owned());
    let (q, question, _) = in_scope_request(&state, id, &reader).await?;
    let mut errors = FieldErrors::default();
    let mut r: Received = super::hotline::received(&state, &form, &mut errors);
    // The consultation's channel is the request's: the public form, Viber or e-mail.
    let channel = hotline_channels::channel_of(&state.store, id).await?;
    // The person agreed, in this conversation, to be recognised when they write again: the
    // consultation keeps a keyed hash of their channel address, never the address.
    let recognise = form.checked("repeat_consent");
    let mut caller_contact = String::new();
    if recognise {
        match hotline_channels::sender_of(&state.store, &state.vault, id).await? {
            Some(s) if rules::normalise_contact(&s).is_some() => caller_contact = s,
            _ => errors.push(FieldError::new("repeat_consent", "no_channel_address")),
        }
    }
    r.input = ConsultationInput {
        channel,
        started_at: Some(q.created_at),
        question,
        caller_contact,
        repeat_consent: recognise,
        ..r.input
    };
    if r.input.answer.trim().is_empty() {
        errors.push(FieldError::required("answer"));
    }
    let new = match check(&state, &v, &r, errors).await? {
        Ok(n) => n,
        Err(e) => {
            let errs = Errors::from(&b.tr, &e);
            return request_page(&state, b, &v, &origin, id, Some(form), errs).await;
        }
    };
    match hotline_public::answer(
        &state.store,
        &state.vault,
        state.rng.as_ref(),
        id,
        &new,
        super::hotline::offset(&state),
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/hotline/requests").into_response()),
        Err(StoreError::Conflict(_)) => {
            let mut e = FieldErrors::default();
            e.push(FieldError::new("answer", "already_answered"));
            let errs = Errors::from(&b.tr, &e);
            request_page(&state, b, &v, &origin, id, Some(form), errs).await
        }
        Err(e) => Err(e.into()),
    }
}
