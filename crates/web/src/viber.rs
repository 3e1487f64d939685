//! The Viber channel: the webhook Viber calls (`POST /channels/viber`, events of the Viber
//! REST bot API, each verified by `X-Viber-Content-Signature`), and the delivery of the
//! consultants' answers from the outbox through `POST {base}/pa/send_message`.
//!
//! An incoming text becomes an online request in the consultants' queue with channel
//! `Viber`, or joins the sender's open request; the sender's Viber id is kept only sealed
//! under the request's key (to reply) and as a keyed hash while the request is open (to
//! join). Nothing identifying is logged: a log line names the event type and the request id.

use crate::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mayak_domain::Lang;
use mayak_domain::viber::{self, Event, SendMessage, SendOutcome};
use mayak_store::StoreError;
use mayak_store::hotline_channels::{self, Incoming, Received};

/// How Mayak talks to Viber.
#[derive(Clone)]
pub struct ViberConfig {
    /// The bot's authentication token (signs callbacks, authorises `send_message`).
    pub token: String,
    /// The API's base URL, `https://chatapi.viber.com` in production.
    pub base_url: String,
    /// The bot's name on messages it sends (up to 28 characters).
    pub sender_name: String,
}

impl std::fmt::Debug for ViberConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViberConfig")
            .field("token", &"[redacted]")
            .field("base_url", &self.base_url)
            .field("sender_name", &self.sender_name)
            .finish()
    }
}

/// The production API.
pub const DEFAULT_BASE_URL: &str = "https://chatapi.viber.com";

fn lang_of(language: Option<&str>) -> Lang {
    match language.map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase()) {
        Some(l) if l == "be" => Lang::Be,
        Some(l) if l == "en" => Lang::En,
        _ => Lang::Ru,
    }
}

/// `POST /channels/viber`: one callback.
pub async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(cfg) = state.config.hotline.viber.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let signature = headers
        .get("x-viber-content-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !viber::signature_ok(cfg.token.as_bytes(), &body, signature) {
        tracing::warn!("viber callback refused: bad signature");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(event) = viber::parse(&body) else {
        tracing::warn!("viber callback refused: not a known event");
        return StatusCode::BAD_REQUEST.into_response();
    };
    match event {
        Event::Acknowledge(kind) => {
            tracing::info!(event = %kind, "viber callback");
            StatusCode::OK.into_response()
        }
        Event::ConversationStarted { language } => {
            // Viber shows a message answered to this event as the bot's greeting.
            let lang = lang_of(language.as_deref());
            let text = state.catalogs.format(
                lang,
                "viber-welcome",
                &[("hours", state.config.hotline.hours.display().into())],
            );
            let msg = SendMessage::text(None, &cfg.sender_name, &text);
            tracing::info!(event = "conversation_started", "viber callback");
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/json")],
                serde_json::to_string(&msg).unwrap_or_default(),
            )
                .into_response()
        }
        Event::Message {
            sender,
            language,
            token,
            text,
            kind,
        } => {
            let lang = lang_of(language.as_deref());
            let text = match text {
                Some(t) => t,
                None => {
                    state
                        .catalogs
                        .format(lang, "viber-not-text", &[("kind", kind.clone().into())])
                }
            };
            let now = state.clock.now();
            let m = Incoming {
                channel: "Viber",
                sender: &sender,
                lang: lang.code(),
                text: &text,
                after_hours: !state.config.hotline.hours.is_open(now),
                reply_ref: None,
            };
            match hotline_channels::receive_viber(
                &state.store,
                &state.vault,
                state.rng.as_ref(),
                &token,
                &m,
                now,
            )
            .await
            {
                Ok(r) => {
                    match r {
                        Received::New(id) => {
                            tracing::info!(request = id, "viber message: new request")
                        }
                        Received::Joined(id) => {
                            tracing::info!(request = id, "viber message: joined request")
                        }
                        Received::Duplicate => {
                            tracing::info!("viber message: repeated callback ignored")
                        }
                    }
                    StatusCode::OK.into_response()
                }
                // Viber retries a callback that failed: nothing is lost while the database is down.
                Err(e) => {
                    tracing::error!(error = %e, "viber message not stored");
                    StatusCode::SERVICE_UNAVAILABLE.into_response()
                }
            }
        }
    }
}

/// The HTTP client for Viber: HTTPS through rustls (ring) with the system's roots.
pub fn client() -> Result<reqwest::Client, String> {
    // Several crates may ask for a default provider; installing it twice is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .connect_timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| format!("the Viber HTTP client cannot start: {e}"))
}

/// What one delivery round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    /// Accepted by Viber.
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retrying: usize,
    /// Failed for good (the person left the bot, a bad token).
    pub given_up: usize,
}

/// Sends the Viber messages that are due; a failure keeps the message for a later attempt.
pub async fn deliver_due(
    state: &AppState,
    client: &reqwest::Client,
) -> Result<Delivered, StoreError> {
    let mut done = Delivered::default();
    let Some(cfg) = state.config.hotline.viber.as_ref() else {
        return Ok(done);
    };
    let now = state.clock.now();
    let url = format!("{}/pa/send_message", cfg.base_url.trim_end_matches('/'));
    for d in hotline_channels::due(
        &state.store,
        &state.vault,
        "Viber",
        viber::MAX_ATTEMPTS,
        now,
        50,
    )
    .await?
    {
        let body = SendMessage::text(
            Some(d.message.to.clone()),
            &cfg.sender_name,
            &d.message.text,
        );
        let answer = client
            .post(&url)
            .header("X-Viber-Auth-Token", &cfg.token)
            .json(&body)
            .send()
            .await;
        let result = match answer {
            Ok(res) if res.status().is_success() => match res.json::<serde_json::Value>().await {
                Ok(v) => {
                    let status = v
                        .get("status")
                        .and_then(serde_json::Value::as_i64)
                        .unwrap_or(-1);
                    (viber::outcome(status), format!("viber status {status}"))
                }
                Err(_) => (SendOutcome::Retry, "unreadable answer".to_owned()),
            },
            Ok(res) => (
                SendOutcome::Retry,
                format!("http {}", res.status().as_u16()),
            ),
            Err(e) if e.is_timeout() => (SendOutcome::Retry, "timeout".to_owned()),
            Err(_) => (SendOutcome::Retry, "connection failed".to_owned()),
        };
        match result {
            (SendOutcome::Sent, _) => {
                hotline_channels::mark_sent(&state.store, d.id, now).await?;
                tracing::info!(outbox = d.id, "viber message sent");
                done.sent += 1;
            }
            (SendOutcome::Retry, why) => {
                hotline_channels::mark_failed(
                    &state.store,
                    d.id,
                    &why,
                    viber::backoff(d.attempts),
                    None,
                    now,
                )
                .await?;
                tracing::warn!(outbox = d.id, attempt = d.attempts + 1, reason = %why, "viber message not sent, will retry");
                done.retrying += 1;
            }
            (SendOutcome::Give, why) => {
                hotline_channels::mark_failed(
                    &state.store,
                    d.id,
                    &why,
                    time::Duration::ZERO,
                    Some(viber::MAX_ATTEMPTS),
                    now,
                )
                .await?;
                tracing::warn!(outbox = d.id, reason = %why, "viber message refused for good");
                done.given_up += 1;
            }
        }
    }
    Ok(done)
}
