//! Requests that arrive through messaging channels (Viber; e-mail uses the same shape) and
//! the outbox that carries the consultants' answers back.
//!
//! A channel request is an online request (`hotline_request`) with its channel, the address
//! to reply to sealed under the request's key, and a keyed hash of the sender
//! (`thread_hash`) so that further messages join the open request; the hash is cleared when
//! the request is answered, so nothing links the person afterwards unless they consent to be
//! recognised (the consultation's own repeat-caller hash). Each Viber message token is
//! recorded once in the transaction that stores the message: a callback Viber repeats
//! changes nothing. Outgoing messages wait in `hotline_outbox`, sealed, until the channel
//! accepted them; failures are retried with a growing wait.

use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use crate::hotline_public::context;
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::crypto::{self, SecretKey};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// Associated data of an outbox entry's sealed fields.
pub fn outbox_context(id: i64, what: &str) -> Vec<u8> {
    format!("hotline_outbox:{id}:{what}").into_bytes()
}

/// The keyed hash that lets a sender's later messages join their open request.
pub fn thread_hash(vault: &Vault, channel: &str, sender: &str) -> String {
    vault.index("hotline_thread", &format!("{channel}:{sender}"))
}

/// A message that arrived through a channel.
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    /// Channel code (`Viber`, `Email`).
    pub channel: &'a str,
    /// The sender's address on the channel (Viber id, e-mail address): sealed, and hashed
    /// for the thread.
    pub sender: &'a str,
    /// Interface language (`ru`, `be`, `en`).
    pub lang: &'a str,
    /// The text.
    pub text: &'a str,
    /// Arrived outside working hours.
    pub after_hours: bool,
    /// What the answer refers to on the channel (an e-mail's Message-ID): sealed with the
    /// request, replaced by each later message of the thread.
    pub reply_ref: Option<&'a str>,
}

/// What became of an incoming message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// A new request in the queue.
    New(i64),
    /// Added to the sender's open request.
    Joined(i64),
    /// Already received (a repeated callback): nothing changed.
    Duplicate,
}

/// Records `token` of `channel_table` once; false when it was already there.
async fn first_time(
    tx: &mut Tx,
    sql: &'static str,
    token: &str,
    now: OffsetDateTime,
) -> Result<bool> {
    Ok(crate::on_tx!(tx, t => {
        sqlx::query(sql)
            .bind(token)
            .bind(now)
            .execute(&mut **t)
            .await?
            .rows_affected()
            == 1
    }))
}

/// Stores a Viber message: a new request, or more text on the sender's open one. `token` is
/// Viber's message token, recorded in the same transaction.
pub async fn receive_viber(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    token: &str,
    m: &Incoming<'_>,
    now: OffsetDateTime,
) -> Result<Received> {
    let mut tx = store.begin().await?;
    if !first_time(
        &mut tx,
        "INSERT INTO viber_event (message_token, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        token,
        now,
    )
    .await?
    {
        return Ok(Received::Duplicate);
    }
    let r = receive_in(&mut tx, vault, rng, m, now).await?;
    tx.commit().await?;
    Ok(r)
}

/// Stores an e-mail: a new request, or more text on the sender's open one. `unique_name` is
/// the message's Maildir unique name, recorded in table `mail_import` in the same
/// transaction, so a message imported before a crash (and not yet moved to `cur/`) is not
/// imported again.
pub async fn receive_mail(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    unique_name: &str,
    m: &Incoming<'_>,
    now: OffsetDateTime,
) -> Result<Received> {
    let now = mayak_domain::clock::truncate_to_micros(now);
    let mut tx = store.begin().await?;
    if !first_time(
        &mut tx,
        "INSERT INTO mail_import (unique_name, imported_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        unique_name,
        now,
    )
    .await?
    {
        return Ok(Received::Duplicate);
    }
    let r = receive_in(&mut tx, vault, rng, m, now).await?;
    if let Received::New(id) | Received::Joined(id) = r {
        crate::on_tx!(&mut tx, t => {
            sqlx::query("UPDATE mail_import SET request_id = $1 WHERE unique_name = $2")
                .bind(id)
                .bind(unique_name)
                .execute(&mut **t)
                .await?;
        });
    }
    tx.commit().await?;
    Ok(r)
}

/// Whether the message with this Maildir unique name was imported already.
pub async fn mail_imported(store: &Store, unique_name: &str) -> Result<bool> {
    let n: i64 = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_import WHERE unique_name = $1")
            .bind(unique_name)
            .fetch_one(p)
            .await?
    });
    Ok(n > 0)
}

/// Stores a message inside a transaction that also records where it came from.
pub async fn receive_in(
    tx: &mut Tx,
    vault: &Vault,
    rng: &dyn Random,
    m: &Incoming<'_>,
    now: OffsetDateTime,
) -> Result<Received> {
    let now = mayak_domain::clock::truncate_to_micros(now);
    let hash = thread_hash(vault, m.channel, m.sender);
    let open: Option<(i64, i32, Vec<u8>, Vec<u8>)> = crate::on_tx!(tx, t => {
        sqlx::query_as(
            "SELECT id, kek_version, wrapped_key, sealed_question FROM hotline_request \
             WHERE thread_hash = $1 AND channel = $2 AND answered_at IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(&hash)
        .bind(m.channel)
        .fetch_optional(&mut **t)
        .await?
    });
    if let Some((id, version, wrapped, sealed)) = open {
        let broken = || StoreError::Config(format!("online request {id} cannot be decrypted"));
        let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
        let dek = crypto::unwrap(&kek, &context(id, "key"), &wrapped).map_err(|_| broken())?;
        let before = crypto::open(&dek, &context(id, "question"), &sealed).map_err(|_| broken())?;
        let mut text = String::from_utf8(before).map_err(|_| broken())?;
        text.push_str("\n\n");
        text.push_str(m.text);
        let resealed = crypto::seal(&dek, &context(id, "question"), text.as_bytes(), rng);
        let reply_ref = m
            .reply_ref
            .map(|r| crypto::seal(&dek, &context(id, "reply_ref"), r.as_bytes(), rng));
        crate::on_tx!(tx, t => {
            sqlx::query("UPDATE hotline_request SET sealed_question = $1 WHERE id = $2")
                .bind(&resealed)
                .bind(id)
                .execute(&mut **t)
                .await?;
            if let Some(r) = &reply_ref {
                sqlx::query("UPDATE hotline_request SET sealed_reply_ref = $1 WHERE id = $2")
                    .bind(r)
                    .bind(id)
                    .execute(&mut **t)
                    .await?;
            }
        });
        return Ok(Received::Joined(id));
    }
    let dek = SecretKey::generate(rng);
    let (version, kek) = vault.keyring().current()?;
    // Nobody reads a channel request by ticket: the answer goes back through the channel.
    // The ticket column still holds a digest of an unguessable code no one was given.
    let ticket = mayak_domain::hotline::new_ticket(rng);
    let digest = mayak_domain::hotline::ticket_digest(&ticket);
    let id = crate::on_tx!(tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO hotline_request (ticket_hash, lang, after_hours, kek_version, wrapped_key, sealed_question, \
             created_at, channel, thread_hash) VALUES ($1, $2, $3, 0, $4, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&digest)
        .bind(m.lang)
        .bind(m.after_hours)
        .bind(Vec::<u8>::new())
        .bind(now)
        .bind(m.channel)
        .bind(&hash)
        .fetch_one(&mut **t)
        .await?;
        let wrapped = crypto::wrap(&kek, &context(id, "key"), &dek, rng);
        let question = crypto::seal(&dek, &context(id, "question"), m.text.as_bytes(), rng);
        let reply_to = crypto::seal(&dek, &context(id, "reply_to"), m.sender.as_bytes(), rng);
        let reply_ref = m
            .reply_ref
            .map(|r| crypto::seal(&dek, &context(id, "reply_ref"), r.as_bytes(), rng));
        sqlx::query(
            "UPDATE hotline_request SET kek_version = $1, wrapped_key = $2, sealed_question = $3, sealed_reply_to = $4, \
             sealed_reply_ref = $5 WHERE id = $6",
        )
        .bind(version as i32)
        .bind(&wrapped)
        .bind(&question)
        .bind(&reply_to)
        .bind(reply_ref)
        .bind(id)
        .execute(&mut **t)
        .await?;
        id
    });
    Ok(Received::New(id))
}

/// The channel of a request and, for channel requests, the sealed address to reply to.
pub async fn channel_of(store: &Store, id: i64) -> Result<String> {
    let c: Option<String> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT channel FROM hotline_request WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await?
    });
    c.ok_or(StoreError::NotFound)
}

/// What an outbox entry carries, sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// The receiver's address on the channel.
    pub to: String,
    /// The text.
    pub text: String,
    /// What the message answers on the channel (an e-mail's Message-ID), if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_ref: Option<String>,
}

/// Queues the answer to a channel request inside the answering transaction (nothing for
/// requests of the public form) and ends the thread; returns the outbox id if one was queued.
pub async fn queue_answer_in(
    tx: &mut Tx,
    vault: &Vault,
    rng: &dyn Random,
    request_id: i64,
    text: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>> {
    type ReplyRow = (String, i32, Vec<u8>, Option<Vec<u8>>, Option<Vec<u8>>);
    let row: Option<ReplyRow> = crate::on_tx!(tx, t => {
        sqlx::query_as("SELECT channel, kek_version, wrapped_key, sealed_reply_to, sealed_reply_ref FROM hotline_request WHERE id = $1")
            .bind(request_id)
            .fetch_optional(&mut **t)
            .await?
    });
    let Some((channel, version, wrapped, Some(reply_to), reply_ref)) = row else {
        return Ok(None);
    };
    let broken = || StoreError::Config(format!("online request {request_id} cannot be decrypted"));
    let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
    let dek = crypto::unwrap(&kek, &context(request_id, "key"), &wrapped).map_err(|_| broken())?;
    let to =
        crypto::open(&dek, &context(request_id, "reply_to"), &reply_to).map_err(|_| broken())?;
    let to = String::from_utf8(to).map_err(|_| broken())?;
    let reply_ref = match reply_ref {
        Some(r) => {
            let r =
                crypto::open(&dek, &context(request_id, "reply_ref"), &r).map_err(|_| broken())?;
            Some(String::from_utf8(r).map_err(|_| broken())?)
        }
        None => None,
    };
    crate::on_tx!(tx, t => {
        sqlx::query("UPDATE hotline_request SET thread_hash = NULL WHERE id = $1")
            .bind(request_id)
            .execute(&mut **t)
            .await?;
    });
    let id = enqueue_in(
        tx,
        vault,
        rng,
        &channel,
        Some(request_id),
        &Outgoing {
            to,
            text: text.to_owned(),
            reply_ref,
        },
        now,
    )
    .await?;
    Ok(Some(id))
}

/// Puts a message into the outbox, sealed under a key of its own; due at once.
#[allow(clippy::too_many_arguments)]
pub async fn enqueue_in(
    tx: &mut Tx,
    vault: &Vault,
    rng: &dyn Random,
    channel: &str,
    request_id: Option<i64>,
    m: &Outgoing,
    now: OffsetDateTime,
) -> Result<i64> {
    let now = mayak_domain::clock::truncate_to_micros(now);
    let json = serde_json::to_vec(m).map_err(|e| StoreError::Config(e.to_string()))?;
    let dek = SecretKey::generate(rng);
    let (version, kek) = vault.keyring().current()?;
    Ok(crate::on_tx!(tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO hotline_outbox (channel, request_id, kek_version, wrapped_key, sealed, next_attempt_at, created_at) \
             VALUES ($1, $2, 0, $3, $3, $4, $4) RETURNING id",
        )
        .bind(channel)
        .bind(request_id)
        .bind(Vec::<u8>::new())
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        let wrapped = crypto::wrap(&kek, &outbox_context(id, "key"), &dek, rng);
        let sealed = crypto::seal(&dek, &outbox_context(id, "message"), &json, rng);
        sqlx::query("UPDATE hotline_outbox SET kek_version = $1, wrapped_key = $2, sealed = $3 WHERE id = $4")
            .bind(version as i32)
            .bind(&wrapped)
            .bind(&sealed)
            .bind(id)
            .execute(&mut **t)
            .await?;
        id
    }))
}

/// An outbox entry due for sending, opened.
#[derive(Debug, Clone)]
pub struct Due {
    /// Id.
    pub id: i64,
    /// Attempts so far.
    pub attempts: i32,
    /// The request it answers, if any.
    pub request_id: Option<i64>,
    /// The message.
    pub message: Outgoing,
}

/// Entries of `channel` due at `now` that have attempts left, oldest first.
pub async fn due(
    store: &Store,
    vault: &Vault,
    channel: &str,
    max_attempts: i32,
    now: OffsetDateTime,
    limit: i64,
) -> Result<Vec<Due>> {
    type DueRow = (i64, i32, Option<i64>, i32, Vec<u8>, Vec<u8>);
    let rows: Vec<DueRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT id, attempts, request_id, kek_version, wrapped_key, sealed FROM hotline_outbox \
             WHERE channel = $1 AND sent_at IS NULL AND attempts < $2 AND next_attempt_at <= $3 ORDER BY id LIMIT $4",
        )
        .bind(channel)
        .bind(max_attempts)
        .bind(now)
        .bind(limit)
        .fetch_all(p)
        .await?
    });
    let mut out = Vec::new();
    for (id, attempts, request_id, version, wrapped, sealed) in rows {
        let broken = || StoreError::Config(format!("outbox entry {id} cannot be decrypted"));
        let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
        let dek =
            crypto::unwrap(&kek, &outbox_context(id, "key"), &wrapped).map_err(|_| broken())?;
        let json =
            crypto::open(&dek, &outbox_context(id, "message"), &sealed).map_err(|_| broken())?;
        let message = serde_json::from_slice(&json).map_err(|_| broken())?;
        out.push(Due {
            id,
            attempts,
            request_id,
            message,
        });
    }
    Ok(out)
}

/// The channel accepted the entry.
pub async fn mark_sent(store: &Store, id: i64, now: OffsetDateTime) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE hotline_outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2")
            .bind(mayak_domain::clock::truncate_to_micros(now))
            .bind(id)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// An attempt failed: `error` says how (a status, never the message), the next attempt is
/// after `wait`; `give_up` stops retrying (the channel will never accept it).
pub async fn mark_failed(
    store: &Store,
    id: i64,
    error: &str,
    wait: Duration,
    give_up: Option<i32>,
    now: OffsetDateTime,
) -> Result<()> {
    let now = mayak_domain::clock::truncate_to_micros(now);
    crate::on_pool!(store.pool(), p => {
        match give_up {
            Some(max) => sqlx::query("UPDATE hotline_outbox SET attempts = $1, last_error = $2 WHERE id = $3")
                .bind(max)
                .bind(error)
                .bind(id)
                .execute(p)
                .await?,
            None => sqlx::query(
                "UPDATE hotline_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
            )
            .bind(error)
            .bind(now + wait)
            .bind(id)
            .execute(p)
            .await?,
        };
    });
    Ok(())
}

/// Where the answer to a channel request stands on its way back to the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// When the channel accepted it.
    pub sent_at: Option<OffsetDateTime>,
    /// Attempts so far (a given-up entry holds the channel's maximum).
    pub attempts: i32,
    /// How the last attempt failed (a status, never the message).
    pub last_error: Option<String>,
    /// When the next attempt is due, if it is not sent.
    pub next_attempt_at: OffsetDateTime,
}

/// The delivery of a request's answer, if one went into the outbox.
pub async fn delivery_of(store: &Store, request_id: i64) -> Result<Option<Delivery>> {
    type DeliveryRow = (Option<OffsetDateTime>, i32, Option<String>, OffsetDateTime);
    let row: Option<DeliveryRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT sent_at, attempts, last_error, next_attempt_at FROM hotline_outbox \
             WHERE request_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(request_id)
        .fetch_optional(p)
        .await?
    });
    Ok(row.map(
        |(sent_at, attempts, last_error, next_attempt_at)| Delivery {
            sent_at,
            attempts,
            last_error,
            next_attempt_at,
        },
    ))
}

/// The sender's address of a channel request (Viber id, e-mail address), opened; `None` for
/// requests of the public form, and once the address was purged.
pub async fn sender_of(store: &Store, vault: &Vault, request_id: i64) -> Result<Option<String>> {
    type SenderRow = (i32, Vec<u8>, Option<Vec<u8>>);
    let row: Option<SenderRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT kek_version, wrapped_key, sealed_reply_to FROM hotline_request WHERE id = $1")
            .bind(request_id)
            .fetch_optional(p)
            .await?
    });
    let (version, wrapped, reply_to) = row.ok_or(StoreError::NotFound)?;
    let Some(reply_to) = reply_to else {
        return Ok(None);
    };
    let broken = || StoreError::Config(format!("online request {request_id} cannot be decrypted"));
    let kek = vault.keyring().get(u32::try_from(version).unwrap_or(0))?;
    let dek = crypto::unwrap(&kek, &context(request_id, "key"), &wrapped).map_err(|_| broken())?;
    let to =
        crypto::open(&dek, &context(request_id, "reply_to"), &reply_to).map_err(|_| broken())?;
    Ok(Some(String::from_utf8(to).map_err(|_| broken())?))
}

/// A sender who agreed earlier to be recognised: their newest consultation and how many
/// there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownCaller {
    /// The newest consultation linked to them.
    pub latest: i64,
    /// How many consultations are linked to them.
    pub consultations: i64,
}

/// Whether the sender of a channel request (their address, from [`sender_of`]) consented
/// before to be recognised (a consultation carries the keyed hash of their address). Nothing
/// links a sender who never consented.
pub async fn known_caller(
    store: &Store,
    vault: &Vault,
    sender: &str,
) -> Result<Option<KnownCaller>> {
    let Some(contact) = mayak_domain::hotline::normalise_contact(sender) else {
        return Ok(None);
    };
    let hash = crate::hotline::caller_hash(vault, &contact);
    let (n, latest): (i64, Option<i64>) = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT COUNT(*), MAX(id) FROM hotline_consultation WHERE caller_hash = $1")
            .bind(&hash)
            .fetch_one(p)
            .await?
    });
    Ok(latest.map(|latest| KnownCaller {
        latest,
        consultations: n,
    }))
}
