//! Delivery of the e-mail outbox (`mayak_store::mail`) over SMTP, off the request path.
//!
//! Mayak hands mail to a local or organisational relay on a trusted network, without TLS and
//! without authentication; the relay does TLS onwards (docs/OPERATIONS.md). A notice says only
//! "you have a new item in Mayak" in the recipient's language with a link to the inbox: no case
//! code, no name, no organisation, since mail travels through servers nobody here controls.

use crate::i18n::Catalogs;
use fluent_bundle::FluentValue;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use mayak_domain::{Clock, Random};
use mayak_store::Store;
use mayak_store::mail::{self, MailState, Outgoing};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// How many attempts an answer to an e-mail request gets.
pub const HOTLINE_MAX_ATTEMPTS: i32 = 12;

/// Settings of outgoing mail. Mail is off unless an SMTP host is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// The relay's host name or address.
    pub smtp_host: String,
    /// Its port (25 for a relay, 587 for submission).
    pub smtp_port: u16,
    /// The sender address, e.g. `mayak@ngo.example.by`.
    pub from: String,
    /// Where links point, e.g. `https://mayak.example.by` (no trailing slash).
    pub base_url: String,
}

impl MailConfig {
    /// The host name Mayak greets the relay with: the base URL's host.
    fn helo(&self) -> String {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        let host = rest.split(['/', ':']).next().unwrap_or("");
        if host.is_empty() {
            "localhost".to_owned()
        } else {
            host.to_owned()
        }
    }
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Accepted by the relay.
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retrying: usize,
    /// Failed for good.
    pub failed: usize,
}

/// Words and sends the outbox's messages.
pub struct Mailer {
    config: MailConfig,
    from: Mailbox,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    catalogs: Arc<Catalogs>,
    rng: Arc<dyn Random>,
    vault: Option<Arc<mayak_store::vault::Vault>>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The subject and text of a notice in `lang`, linking to `link`.
pub fn notice_text(catalogs: &Catalogs, lang: mayak_domain::Lang, link: &str) -> (String, String) {
    let subject = catalogs.format(lang, "mail-notice-subject", &[]);
    let body = catalogs.format(
        lang,
        "mail-notice-body",
        &[("link", FluentValue::from(link.to_owned()))],
    );
    (subject, body)
}

impl Mailer {
    /// A mailer for `config`; the sender address must parse.
    pub fn new(
        config: MailConfig,
        catalogs: Arc<Catalogs>,
        rng: Arc<dyn Random>,
    ) -> Result<Self, String> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| format!("--mail-from (MAYAK_MAIL_FROM) is not an address: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.smtp_host)
            .port(config.smtp_port)
            .timeout(Some(Duration::from_secs(30)))
            .hello_name(ClientId::Domain(config.helo()))
            .build();
        Ok(Self {
            config,
            from,
            transport,
            catalogs,
            rng,
            vault: None,
        })
    }

    /// Also delivers the hotline's answers to e-mail requests, opened with `vault`.
    pub fn with_hotline(mut self, vault: Arc<mayak_store::vault::Vault>) -> Self {
        self.vault = Some(vault);
        self
    }

    /// The message for an outbox row, or why it can never be sent.
    fn compose(&self, out: &Outgoing, now: OffsetDateTime) -> Result<Message, String> {
        let to: Mailbox = out
            .recipient
            .parse()
            .map_err(|e| format!("the recipient is not an address: {e}"))?;
        let (subject, body) = match out.notice {
            Some(n) => notice_text(
                &self.catalogs,
                out.language,
                &format!("{}{}", self.config.base_url, n.path()),
            ),
            None => (
                out.subject.clone().unwrap_or_default(),
                out.body.clone().unwrap_or_default(),
            ),
        };
        let mut id = [0u8; 16];
        self.rng.fill(&mut id);
        let id: String = id.iter().map(|b| format!("{b:02x}")).collect();
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .date(std::time::SystemTime::from(now))
            .message_id(Some(format!("<{id}@{}>", self.config.helo())))
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| format!("the message cannot be built: {e}"))
    }

    /// Delivers what is due at `now` (at most `limit` messages): each one leased, sent, and
    /// marked sent, or put back with a backoff, or failed for good when the relay refuses it
    /// permanently or the attempts are used up.
    pub async fn deliver_due(
        &self,
        store: &Store,
        clock: &dyn Clock,
        limit: i64,
    ) -> Result<Round, mayak_store::StoreError> {
        let mut round = Round::default();
        for out in mail::claim_due(store, clock.now(), limit).await? {
            let result = match self.compose(&out, clock.now()) {
                Ok(m) => self
                    .transport
                    .send(m)
                    .await
                    .map(|_| ())
                    .map_err(|e| (e.is_permanent(), e.to_string())),
                Err(e) => Err((true, e)),
            };
            match result {
                Ok(()) => {
                    mail::delivered(store, out.id, clock.now()).await?;
                    round.sent += 1;
                }
                Err((permanent, error)) => {
                    tracing::warn!(mail = out.id, attempt = out.attempt, %error, "mail not delivered");
                    match mail::attempt_failed(store, &out, &error, permanent, clock.now()).await? {
                        MailState::Failed => round.failed += 1,
                        _ => round.retrying += 1,
                    }
                }
            }
        }
        Ok(round)
    }

    /// Delivers the hotline's answers to e-mail requests (the `Email` entries of the sealed
    /// hotline outbox, `mayak_store::hotline_channels`): the subject carries only the request's
    /// reference, never the question; `In-Reply-To` and `References` point at the person's
    /// last message so their mail program threads the answer. The address is never logged,
    /// and a failure is recorded by its SMTP code only (a refusal text may repeat the address).
    pub async fn deliver_hotline_due(
        &self,
        store: &Store,
        vault: &mayak_store::vault::Vault,
        clock: &dyn Clock,
        limit: i64,
    ) -> Result<Round, mayak_store::StoreError> {
        use mayak_store::hotline_channels;
        let mut round = Round::default();
        let now = clock.now();
        for d in
            hotline_channels::due(store, vault, "Email", HOTLINE_MAX_ATTEMPTS, now, limit).await?
        {
            let result = match self.compose_answer(&d, now) {
                Ok(m) => self.transport.send(m).await.map(|_| ()).map_err(|e| {
                    let code = e.status().map_or_else(
                        || "smtp connection failed".to_owned(),
                        |c| format!("smtp {c}"),
                    );
                    (e.is_permanent(), code)
                }),
                Err(e) => Err((true, e.to_owned())),
            };
            match result {
                Ok(()) => {
                    hotline_channels::mark_sent(store, d.id, clock.now()).await?;
                    tracing::info!(outbox = d.id, "hotline e-mail answer sent");
                    round.sent += 1;
                }
                Err((true, why)) => {
                    hotline_channels::mark_failed(
                        store,
                        d.id,
                        &why,
                        time::Duration::ZERO,
                        Some(HOTLINE_MAX_ATTEMPTS),
                        clock.now(),
                    )
                    .await?;
                    tracing::warn!(outbox = d.id, reason = %why, "hotline e-mail answer refused for good");
                    round.failed += 1;
                }
                Err((false, why)) => {
                    hotline_channels::mark_failed(
                        store,
                        d.id,
                        &why,
                        mail::backoff(i64::from(d.attempts) + 1),
                        None,
                        clock.now(),
                    )
                    .await?;
                    tracing::warn!(outbox = d.id, attempt = d.attempts + 1, reason = %why, "hotline e-mail answer not sent, will retry");
                    round.retrying += 1;
                }
            }
        }
        Ok(round)
    }

    /// The e-mail carrying a consultant's answer.
    fn compose_answer(
        &self,
        d: &mayak_store::hotline_channels::Due,
        now: OffsetDateTime,
    ) -> Result<Message, &'static str> {
        let to: Mailbox = d
            .message
            .to
            .parse()
            .map_err(|_| "the recipient is not an address")?;
        let lang = crate::mail_intake::guess_lang(&d.message.text);
        let reference = d.request_id.unwrap_or(d.id);
        let subject = self.catalogs.format(
            lang,
            "hotline-mail-reply-subject",
            &[("reference", FluentValue::from(reference.to_string()))],
        );
        let mut id = [0u8; 16];
        self.rng.fill(&mut id);
        let id: String = id.iter().map(|b| format!("{b:02x}")).collect();
        let mut b = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .date(std::time::SystemTime::from(now))
            .message_id(Some(format!("<{id}@{}>", self.config.helo())))
            .header(ContentType::TEXT_PLAIN);
        if let Some(r) = &d.message.reply_ref {
            b = b.in_reply_to(r.clone()).references(r.clone());
        }
        b.body(d.message.text.clone())
            .map_err(|_| "the message cannot be built")
    }

    /// Runs the worker: delivers every few seconds, queues the notices of due and overdue items
    /// every hour, and purges delivered, failed and expired messages after 30 days.
    pub fn spawn(self, store: Store, clock: Arc<dyn Clock>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut last_sweep: Option<OffsetDateTime> = None;
            loop {
                tick.tick().await;
                let now = clock.now();
                if last_sweep.is_none_or(|t| now - t >= time::Duration::hours(1)) {
                    last_sweep = Some(now);
                    match mail::sweep_due(&store, now.date(), now).await {
                        Ok(n) if n > 0 => tracing::info!(queued = n, "notices of due items queued"),
                        Ok(_) => {}
                        Err(e) => tracing::warn!(error = %e, "cannot queue notices of due items"),
                    }
                    if let Err(e) = mail::purge(&store, now - time::Duration::days(30)).await {
                        tracing::warn!(error = %e, "cannot purge the mail outbox");
                    }
                }
                if let Some(vault) = &self.vault
                    && let Err(e) = self
                        .deliver_hotline_due(&store, vault, clock.as_ref(), 50)
                        .await
                {
                    tracing::warn!(error = %e, "cannot read the hotline's e-mail outbox");
                }
                loop {
                    match self.deliver_due(&store, clock.as_ref(), 50).await {
                        Ok(r) if r.sent + r.retrying + r.failed == 50 => continue,
                        Ok(_) => break,
                        Err(e) => {
                            tracing::warn!(error = %e, "cannot read the mail outbox");
                            break;
                        }
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_greeting_is_the_base_urls_host() {
        let mut c = MailConfig {
            smtp_host: "relay".into(),
            smtp_port: 25,
            from: "mayak@ngo.example.by".into(),
            base_url: "https://mayak.example.by:8443/x".into(),
        };
        assert_eq!(c.helo(), "mayak.example.by");
        c.base_url = "http://10.0.0.5".into();
        assert_eq!(c.helo(), "10.0.0.5");
    }
}
