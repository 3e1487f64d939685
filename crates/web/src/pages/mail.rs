//! E-mail for administrators: a user's address and language for notices, and the outbox's
//! delivery state (what waits, what was sent, what failed and why) with a retry for failed ones.
//! The outbox page never shows a message's text.

use super::{Base, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::{FieldError, FieldErrors, Lang, validate};
use mayak_store::mail::{self, Contact, Counts, Entry, MailState};
use serde::Deserialize;

/// `POST /admin/users/{id}/email`: the user's address for notices (empty stops them) and
/// their language.
pub async fn set_contact(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut e = FieldErrors::default();
    let raw = form.get("email");
    let email = if raw.trim().is_empty() {
        None
    } else {
        e.check(validate::email_address("email", raw))
    };
    let language = Lang::parse(form.get("language"));
    if language.is_none() {
        e.push(FieldError::unknown_code("language"));
    }
    let (Some(language), true) = (language, e.is_empty()) else {
        let errors = Errors::from(&b.tr, &e);
        return super::admin::user_page(&state, b, id, errors, None).await;
    };
    mail::set_contact(&state.store, id, &Contact { email, language }).await?;
    let mut ev = auth::event(&v, "user.update", "user", id);
    ev.fields = Some("email,language".into());
    auth::audit(&state, ev, &origin).await;
    Ok(Redirect::to(&format!("/admin/users/{id}?notice=saved")).into_response())
}

#[derive(Template)]
#[template(path = "admin_mail.html")]
struct OutboxPage {
    b: Base,
    on: bool,
    counts: Counts,
    entries: Vec<Entry>,
    filter: Option<MailState>,
    notice: Option<String>,
    /// The hotline's quarantined e-mails, when the e-mail channel is on.
    rejected: Option<String>,
}

/// Which rows to list.
#[derive(Debug, Default, Deserialize)]
pub struct OutboxQuery {
    state: Option<String>,
    notice: Option<String>,
}

fn state_code(s: &MailState) -> &'static str {
    s.code()
}

/// `GET /admin/mail`: whether e-mail is on, the outbox by state and its newest rows.
pub async fn outbox(
    State(state): State<AppState>,
    b: Base,
    q: super::PageQuery<OutboxQuery>,
) -> Result<Response, PageError> {
    let filter = q.0.state.as_deref().and_then(MailState::parse);
    let counts = mail::counts(&state.store).await?;
    let entries = mail::recent(&state.store, filter, 200).await?;
    let notice = (q.0.notice.as_deref() == Some("retried")).then(|| b.t("mail-retried"));
    let rejected = state
        .config
        .hotline
        .mail_intake_maildir
        .as_deref()
        .map(|dir| {
            b.tr.tn(
                "hotline-mail-rejected",
                "count",
                crate::mail_intake::rejected_count(dir) as i64,
            )
        });
    render(&OutboxPage {
        b,
        on: state.config.mail.is_some(),
        counts,
        entries,
        filter,
        notice,
        rejected,
    })
}

/// `POST /admin/mail/{id}/retry`: a failed message gets a new round of attempts.
pub async fn retry(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    mail::retry(&state.store, id, state.clock.now()).await?;
    auth::audit(&state, auth::event(&v, "mail.retry", "mail", id), &origin).await;
    Ok(Redirect::to("/admin/mail?notice=retried").into_response())
}

impl OutboxPage {
    fn state_label(&self, s: &MailState) -> String {
        self.b.t(&format!("mail-state-{}", state_code(s)))
    }

    fn kind_label(&self, e: &Entry) -> String {
        match e.notice {
            Some(n) => self
                .b
                .t(&format!("mail-notice-{}", n.code().replace('_', "-"))),
            None => self.b.t("mail-kind-message"),
        }
    }
}
