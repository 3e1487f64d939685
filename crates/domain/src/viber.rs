//! The Viber channel's rules without I/O: verifying a webhook's signature, reading the
//! callback events of the Viber REST bot API, the body of a `send_message` call, what its
//! answer means, and when the outbox tries again.
//!
//! Viber signs each callback with `X-Viber-Content-Signature`: the lowercase hex
//! HMAC-SHA256 of the raw request body, keyed with the bot's authentication token.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use time::Duration;

/// Whether `signature_hex` is the HMAC-SHA256 of `body` under `token` (compared in constant
/// time; a malformed header is simply wrong).
pub fn signature_ok(token: &[u8], body: &[u8], signature_hex: &str) -> bool {
    let Some(given) = crate::crypto::unhex(signature_hex.trim()) else {
        return false;
    };
    let Ok(mut mac) = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(token) else {
        return false;
    };
    mac.update(body);
    let expected = mac.finalize().into_bytes();
    given.len() == expected.len() && bool::from(given.as_slice().ct_eq(expected.as_slice()))
}

/// The signature Viber would send for `body` (for tests and for checking a set-up).
pub fn signature(token: &[u8], body: &[u8]) -> String {
    match <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(token) {
        Ok(mut mac) => {
            mac.update(body);
            crate::crypto::hex(&mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

/// A Viber user as callbacks describe them (only what Mayak reads).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct User {
    /// The opaque Viber id of the user for this bot.
    pub id: String,
    /// The user's language as the phone reports it (`ru`, `be`, `en-GB`…).
    #[serde(default)]
    pub language: Option<String>,
}

/// A message in a callback.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Message {
    /// `text`, `picture`, `video`, `file`, `sticker`, `contact`, `url`, `location`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The text of a text message (or a caption).
    #[serde(default)]
    pub text: Option<String>,
}

/// One callback of the Viber bot API.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Callback {
    /// `message`, `conversation_started`, `subscribed`, `unsubscribed`, `delivered`, `seen`,
    /// `failed`, `webhook`.
    pub event: String,
    /// The message's unique token (Viber repeats it when it retries a callback).
    #[serde(default)]
    pub message_token: Option<serde_json::Value>,
    /// The sender of a `message`.
    #[serde(default)]
    pub sender: Option<User>,
    /// The user of `conversation_started` and `subscribed`.
    #[serde(default)]
    pub user: Option<User>,
    /// The message of a `message` event.
    #[serde(default)]
    pub message: Option<Message>,
}

/// What an incoming event asks Mayak to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A person wrote: their Viber id, language, the message token, the text (or a note that
    /// something other than text was sent).
    Message {
        /// Sender's Viber id.
        sender: String,
        /// Sender's language, if known.
        language: Option<String>,
        /// The message token, to record it once.
        token: String,
        /// The text.
        text: Option<String>,
        /// The message type.
        kind: String,
    },
    /// A person opened the conversation: they may get a welcome message in the response.
    ConversationStarted {
        /// Their language, if known.
        language: Option<String>,
    },
    /// Events that need only an acknowledgement: `webhook`, `subscribed`, `unsubscribed`,
    /// `delivered`, `seen`, `failed`.
    Acknowledge(String),
}

/// The events Mayak understands.
pub const EVENTS: &[&str] = &[
    "message",
    "conversation_started",
    "subscribed",
    "unsubscribed",
    "delivered",
    "seen",
    "failed",
    "webhook",
];

/// The longest text kept from one message (Viber allows 7000 characters).
pub const MAX_TEXT: usize = 7000;

/// Reads a callback body; `None` when it is not a callback Mayak understands.
pub fn parse(body: &[u8]) -> Option<Event> {
    let c: Callback = serde_json::from_slice(body).ok()?;
    if !EVENTS.contains(&c.event.as_str()) {
        return None;
    }
    match c.event.as_str() {
        "message" => {
            let sender = c.sender?;
            if sender.id.is_empty() || sender.id.len() > 100 {
                return None;
            }
            let token = match c.message_token? {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) if !s.is_empty() && s.len() <= 40 => s,
                _ => return None,
            };
            let m = c.message?;
            let text = m
                .text
                .map(|t| t.chars().take(MAX_TEXT).collect::<String>())
                .filter(|t| !t.trim().is_empty());
            Some(Event::Message {
                sender: sender.id,
                language: sender.language,
                token,
                text,
                kind: m.kind.chars().take(20).collect(),
            })
        }
        "conversation_started" => Some(Event::ConversationStarted {
            language: c.user.and_then(|u| u.language),
        }),
        other => Some(Event::Acknowledge(other.to_owned())),
    }
}

/// The sender of bot messages as `send_message` wants it.
#[derive(Debug, Clone, Serialize)]
pub struct Sender {
    /// Up to 28 characters.
    pub name: String,
}

/// The body of `POST /pa/send_message` (and of the welcome message answered to
/// `conversation_started`).
#[derive(Debug, Clone, Serialize)]
pub struct SendMessage {
    /// The Viber id of the receiver (absent in the welcome answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receiver: Option<String>,
    /// Minimal API version.
    pub min_api_version: u32,
    /// The bot's name.
    pub sender: Sender,
    /// Always `text` here.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The text (up to 7000 characters).
    pub text: String,
}

impl SendMessage {
    /// A text message.
    pub fn text(receiver: Option<String>, sender_name: &str, text: &str) -> Self {
        Self {
            receiver,
            min_api_version: 1,
            sender: Sender {
                name: sender_name.chars().take(28).collect(),
            },
            kind: "text",
            text: text.chars().take(MAX_TEXT).collect(),
        }
    }
}

/// What Viber answered to `send_message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendOutcome {
    /// Accepted (`status` 0).
    Sent,
    /// Worth trying again (Viber or the network failed, rate limited).
    Retry,
    /// Will never succeed (the person unsubscribed or is not on Viber, bad token, bad data).
    Give,
}

/// Classifies Viber's `status` code of a `send_message` answer.
pub fn outcome(status: i64) -> SendOutcome {
    match status {
        0 => SendOutcome::Sent,
        // 2 invalidAuthToken: the operator's configuration, not the message, is wrong; keep
        // the message until the token is fixed.
        2 => SendOutcome::Retry,
        // 1 invalidUrl, 2 invalidAuthToken, 3 badData, 4 missingData, 5 receiverNotRegistered,
        // 6 receiverNotSubscribed, 7 publicAccountBlocked, 8 publicAccountNotFound,
        // 9 publicAccountSuspended, 10 webhookNotSet, 11 receiverNoSuitableDevice.
        1 | 3..=11 => SendOutcome::Give,
        // 12 tooManyRequests, 13+ and anything else: "general error", try again.
        _ => SendOutcome::Retry,
    }
}

/// How many times the outbox tries a message before it stops.
pub const MAX_ATTEMPTS: i32 = 12;

/// The wait before attempt `attempts + 1`: 1, 2, 4 … minutes, at most 2 hours (12 attempts
/// span about a day, long enough for an outage of the Viber API or of the network).
pub fn backoff(attempts: i32) -> Duration {
    let minutes = 1_i64 << attempts.clamp(0, 7);
    Duration::minutes(minutes.min(120))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_checked_against_the_raw_body() {
        let body = br#"{"event":"webhook","timestamp":1457764197627,"message_token":241256543215}"#;
        let sig = signature(b"token-1", body);
        assert_eq!(sig.len(), 64);
        assert!(signature_ok(b"token-1", body, &sig));
        assert!(signature_ok(b"token-1", body, &sig.to_uppercase()));
        assert!(!signature_ok(b"token-2", body, &sig));
        assert!(!signature_ok(b"token-1", b"{}", &sig));
        assert!(!signature_ok(b"token-1", body, "zz"));
        assert!(!signature_ok(b"token-1", body, ""));
    }

    #[test]
    fn callbacks_are_read_and_odd_ones_refused() {
        let m = br#"{"event":"message","timestamp":1,"message_token":4912661846655238145,
            "sender":{"id":"01234567890A=","name":"John","language":"ru"},
            "message":{"type":"text","text":"a message"}}"#;
        assert_eq!(
            parse(m),
            Some(Event::Message {
                sender: "01234567890A=".into(),
                language: Some("ru".into()),
                token: "4912661846655238145".into(),
                text: Some("a message".into()),
                kind: "text".into(),
            })
        );
        assert_eq!(
            parse(br#"{"event":"seen","timestamp":1,"message_token":1,"user_id":"x"}"#),
            Some(Event::Acknowledge("seen".into()))
        );
        assert_eq!(parse(br#"{"event":"client_status"}"#), None);
        assert_eq!(parse(br#"{"event":"message","message_token":1}"#), None);
        assert_eq!(parse(b"not json"), None);
    }

    #[test]
    fn send_outcomes_and_backoff() {
        assert_eq!(outcome(0), SendOutcome::Sent);
        assert_eq!(outcome(6), SendOutcome::Give);
        assert_eq!(outcome(12), SendOutcome::Retry);
        assert_eq!(backoff(0), Duration::minutes(1));
        assert_eq!(backoff(3), Duration::minutes(8));
        assert_eq!(backoff(30), Duration::minutes(120));
        let body = serde_json::to_value(SendMessage::text(
            Some("u".into()),
            "A very long bot name beyond 28 chars",
            "hi",
        ))
        .unwrap();
        assert_eq!(body["sender"]["name"].as_str().unwrap().chars().count(), 28);
        assert_eq!(body["type"], "text");
        assert_eq!(body["receiver"], "u");
    }
}
