//! The hotline's e-mail channel, incoming side: messages that a mail server delivers into a
//! Maildir (docs/OPERATIONS.md) become requests on the online queue with channel `Email`.
//!
//! A worker scans `new/` every few seconds. Each message is parsed (MIME, quoted-printable and
//! base64, UTF-8 / KOI8-R / windows-1251 and the other charsets `mail-parser` knows), stored
//! through `mayak_store::hotline_channels::receive_mail` — which records the message's Maildir
//! unique name in `mail_import` in the same transaction as the request, so a crash before the
//! file is moved never imports it twice — and then moved to `cur/<unique>:2,S`. The sender's
//! address is sealed with the request and never logged; a later message from the same address
//! joins the open request. A message that cannot be used (no sender address, no text, an
//! automatic reply, too large) goes to the Maildir++ folder `.mayak-rejected/` so nothing is
//! lost; the mail outbox page counts it. Attachments are not kept: the request notes how many
//! there were.

use crate::AppState;
use mail_parser::{HeaderValue, MessageParser};
use mayak_domain::Lang;
use mayak_store::StoreError;
use mayak_store::hotline_channels::{self, Incoming, Received};
use std::path::{Path, PathBuf};

/// The quarantine folder, a Maildir++ subfolder of the intake Maildir.
pub const REJECTED: &str = ".mayak-rejected";

/// Messages larger than this are not parsed but quarantined.
pub const MAX_MESSAGE_BYTES: u64 = 10 * 1024 * 1024;

/// The longest text taken from one message; the rest is cut (a note says so).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What one scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// New requests on the queue.
    pub new: usize,
    /// Messages added to their sender's open request.
    pub joined: usize,
    /// Messages imported before (a crash before the move): only moved now.
    pub duplicates: usize,
    /// Messages quarantined.
    pub rejected: usize,
}

/// A message taken apart: what the request gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The sender's address, checked.
    pub from: String,
    /// The Message-ID with its angle brackets, if the message had one.
    pub message_id: Option<String>,
    /// Subject and text.
    pub text: String,
    /// How many attachments were left out.
    pub attachments: usize,
    /// The language guessed from the text.
    pub lang: Lang,
}

/// Why a message is quarantined (for the log; nothing of the message itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Not a message at all.
    Unparsable,
    /// No usable sender address.
    NoSender,
    /// Neither subject nor text.
    Empty,
    /// An automatic reply, a bounce or a list message: answering it could loop.
    Automatic,
    /// Larger than [`MAX_MESSAGE_BYTES`].
    TooLarge,
}

impl Rejection {
    /// Stable code for the log.
    pub fn code(self) -> &'static str {
        match self {
            Rejection::Unparsable => "unparsable",
            Rejection::NoSender => "no_sender",
            Rejection::Empty => "empty",
            Rejection::Automatic => "automatic",
            Rejection::TooLarge => "too_large",
        }
    }
}

/// Belarusian if the text has letters Russian lacks (і, ў), Russian if it has Cyrillic,
/// otherwise English.
pub fn guess_lang(text: &str) -> Lang {
    if text.chars().any(|c| matches!(c, 'і' | 'І' | 'ў' | 'Ў')) {
        Lang::Be
    } else if text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        Lang::Ru
    } else {
        Lang::En
    }
}

fn header_text<'a>(m: &'a mail_parser::Message<'a>, name: &'static str) -> Option<&'a str> {
    m.header(name).and_then(HeaderValue::as_text)
}

/// Takes a raw RFC 5322 message apart.
pub fn parse(raw: &[u8]) -> Result<Parsed, Rejection> {
    let m = MessageParser::default()
        .parse(raw)
        .ok_or(Rejection::Unparsable)?;
    if m.headers().is_empty() {
        return Err(Rejection::Unparsable);
    }
    let auto = header_text(&m, "Auto-Submitted").is_some_and(|v| !v.eq_ignore_ascii_case("no"))
        || header_text(&m, "Precedence").is_some_and(|v| {
            ["bulk", "junk", "list", "auto_reply"]
                .iter()
                .any(|p| v.eq_ignore_ascii_case(p))
        })
        || m.header("List-Id").is_some();
    let from = m
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .ok_or(Rejection::NoSender)?;
    let from =
        mayak_domain::validate::email_address("from", from).map_err(|_| Rejection::NoSender)?;
    let local = from.split('@').next().unwrap_or("").to_ascii_lowercase();
    if auto || local == "mailer-daemon" || local == "postmaster" {
        return Err(Rejection::Automatic);
    }
    let subject = m.subject().unwrap_or("").trim().to_owned();
    let body = m
        .body_text(0)
        .map(|b| b.trim().to_owned())
        .unwrap_or_default();
    let mut text = match (subject.is_empty(), body.is_empty()) {
        (true, true) => return Err(Rejection::Empty),
        (false, true) => subject,
        (true, false) => body,
        (false, false) => format!("{subject}\n\n{body}"),
    };
    if text.chars().count() > MAX_TEXT_CHARS {
        text = text.chars().take(MAX_TEXT_CHARS).collect();
        text.push('…');
    }
    let message_id = m
        .message_id()
        .filter(|id| !id.is_empty() && !id.contains(['\r', '\n', '<', '>', ' ']))
        .map(|id| format!("<{id}>"));
    let lang = guess_lang(&text);
    Ok(Parsed {
        from,
        message_id,
        text,
        attachments: m.attachment_count(),
        lang,
    })
}

/// The unique part of a Maildir file name (before the `:2,` flags).
fn unique_of(file_name: &str) -> &str {
    file_name.split(':').next().unwrap_or(file_name)
}

fn io(what: &str, path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Config(format!(
        "mail intake: cannot {what} {}: {e}",
        path.display()
    ))
}

/// Creates `cur/`, `new/`, `tmp/` of a Maildir if missing.
pub fn ensure_maildir(dir: &Path) -> Result<(), StoreError> {
    for sub in ["cur", "new", "tmp"] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).map_err(|e| io("create", &p, e))?;
    }
    Ok(())
}

fn quarantine(dir: &Path, path: &Path, unique: &str) -> Result<(), StoreError> {
    let q = dir.join(REJECTED);
    ensure_maildir(&q)?;
    let to = q.join("cur").join(format!("{unique}:2,"));
    std::fs::rename(path, &to).map_err(|e| io("quarantine", path, e))
}

/// How many messages wait in the quarantine.
pub fn rejected_count(dir: &Path) -> usize {
    ["cur", "new"]
        .iter()
        .filter_map(|s| std::fs::read_dir(dir.join(REJECTED).join(s)).ok())
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
        .sum()
}

/// Imports every message in `dir/new/`. A database error stops the scan with the message left
/// in `new/` for the next one.
pub async fn scan(state: &AppState, dir: &Path) -> Result<Round, StoreError> {
    let mut round = Round::default();
    let new = dir.join("new");
    let entries = std::fs::read_dir(&new).map_err(|e| io("read", &new, e))?;
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    files.sort();
    for (name, path) in files {
        let unique = unique_of(&name).to_owned();
        let done = dir.join("cur").join(format!("{unique}:2,S"));
        if hotline_channels::mail_imported(&state.store, &unique).await? {
            std::fs::rename(&path, &done).map_err(|e| io("move", &path, e))?;
            round.duplicates += 1;
            continue;
        }
        let size = std::fs::metadata(&path)
            .map_err(|e| io("read", &path, e))?
            .len();
        let parsed = if size > MAX_MESSAGE_BYTES {
            Err(Rejection::TooLarge)
        } else {
            let raw = std::fs::read(&path).map_err(|e| io("read", &path, e))?;
            parse(&raw)
        };
        let p = match parsed {
            Ok(p) => p,
            Err(why) => {
                tracing::warn!(message = %unique, reason = why.code(), "e-mail quarantined");
                quarantine(dir, &path, &unique)?;
                round.rejected += 1;
                continue;
            }
        };
        let mut text = p.text.clone();
        if p.attachments > 0 {
            text.push_str("\n\n");
            text.push_str(&state.catalogs.format(
                p.lang,
                "hotline-mail-attachments",
                &[("count", (p.attachments as i64).into())],
            ));
        }
        let now = state.clock.now();
        let m = Incoming {
            channel: "Email",
            sender: &p.from,
            lang: p.lang.code(),
            text: &text,
            after_hours: !state.config.hotline.hours.is_open(now),
            reply_ref: p.message_id.as_deref(),
        };
        match hotline_channels::receive_mail(
            &state.store,
            &state.vault,
            state.rng.as_ref(),
            &unique,
            &m,
            now,
        )
        .await?
        {
            Received::New(id) => {
                tracing::info!(request = id, "e-mail: new request");
                round.new += 1;
            }
            Received::Joined(id) => {
                tracing::info!(request = id, "e-mail: joined request");
                round.joined += 1;
            }
            Received::Duplicate => round.duplicates += 1,
        }
        std::fs::rename(&path, &done).map_err(|e| io("move", &path, e))?;
    }
    Ok(round)
}

/// Runs the intake: scans `dir` every 15 seconds.
pub fn spawn(state: AppState, dir: PathBuf) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(15));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match scan(&state, &dir).await {
                Ok(r) if r != Round::default() => tracing::info!(
                    new = r.new,
                    joined = r.joined,
                    duplicates = r.duplicates,
                    rejected = r.rejected,
                    "e-mail intake"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "e-mail intake failed"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_guessed_from_the_letters() {
        assert_eq!(guess_lang("Ці можна паехаць у Польшчу?"), Lang::Be);
        assert_eq!(guess_lang("Можно ли поехать в Польшу?"), Lang::Ru);
        assert_eq!(guess_lang("Can I go to Poland?"), Lang::En);
    }

    #[test]
    fn automatic_replies_and_senderless_messages_are_refused() {
        let auto = b"From: a@b.by\r\nAuto-Submitted: auto-replied\r\nSubject: x\r\n\r\nhello\r\n";
        assert_eq!(parse(auto), Err(Rejection::Automatic));
        let none = b"Subject: x\r\n\r\nhello\r\n";
        assert_eq!(parse(none), Err(Rejection::NoSender));
        let empty = b"From: a@b.by\r\n\r\n";
        assert_eq!(parse(empty), Err(Rejection::Empty));
        let ok = b"From: A <a@b.by>\r\nMessage-ID: <1@b.by>\r\nSubject: Hi\r\n\r\nhello\r\n";
        let p = parse(ok).unwrap();
        assert_eq!(p.from, "a@b.by");
        assert_eq!(p.message_id.as_deref(), Some("<1@b.by>"));
        assert_eq!(p.text, "Hi\n\nhello");
    }
}
