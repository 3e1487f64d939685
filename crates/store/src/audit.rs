//! The security and audit event log. Entries are appended, never changed: who (user,
//! organisation, roles), what (action, record type and id, names of changed fields, never
//! values), when, where (address, user agent, instance) and why (a reason where one is
//! required). The tamper-evident chain over these entries arrives with the audit issue.

use crate::db::Store;
use crate::error::Result;
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

/// One event to record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    /// When.
    pub at: Option<OffsetDateTime>,
    /// Acting user, if known.
    pub user_id: Option<i64>,
    /// Login as typed (for failed sign-ins of unknown users too).
    pub login: Option<String>,
    /// Acting user's organisation.
    pub organisation_id: Option<i64>,
    /// Acting user's roles, comma-separated codes.
    pub roles: String,
    /// What happened, e.g. `login.success`, `access.denied`, `user.disable`.
    pub action: String,
    /// Kind of record touched.
    pub record_type: Option<String>,
    /// Its id.
    pub record_id: Option<String>,
    /// Names of changed fields, comma-separated.
    pub fields: Option<String>,
    /// `ok`, `denied` or `failed`.
    pub outcome: String,
    /// Why, where the action requires a reason.
    pub reason: Option<String>,
    /// Client address.
    pub address: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Instance that served the request.
    pub instance: String,
}

/// Appends an event.
pub async fn record(store: &Store, e: &AuditEvent, now: OffsetDateTime) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "INSERT INTO audit_event (at, user_id, login, organisation_id, roles, action, record_type, record_id, \
             fields, outcome, reason, address, user_agent, instance) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(e.at.unwrap_or(now))
        .bind(e.user_id)
        .bind(&e.login)
        .bind(e.organisation_id)
        .bind(&e.roles)
        .bind(&e.action)
        .bind(&e.record_type)
        .bind(&e.record_id)
        .bind(&e.fields)
        .bind(&e.outcome)
        .bind(&e.reason)
        .bind(&e.address)
        .bind(&e.user_agent)
        .bind(&e.instance)
        .execute(p)
        .await?;
    });
    Ok(())
}

/// The most recent events, newest first, optionally of one action.
pub async fn recent(store: &Store, action: Option<&str>, limit: i64) -> Result<Vec<AuditEvent>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT at, user_id, login, organisation_id, roles, action, record_type, record_id, fields, outcome, \
             reason, address, user_agent, instance FROM audit_event \
             WHERE (CAST($1 AS TEXT) IS NULL OR action = $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(action)
        .bind(limit)
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(AuditEvent {
                at: row.try_get("at")?,
                user_id: row.try_get("user_id")?,
                login: row.try_get("login")?,
                organisation_id: row.try_get("organisation_id")?,
                roles: row.try_get("roles")?,
                action: row.try_get("action")?,
                record_type: row.try_get("record_type")?,
                record_id: row.try_get("record_id")?,
                fields: row.try_get("fields")?,
                outcome: row.try_get("outcome")?,
                reason: row.try_get("reason")?,
                address: row.try_get("address")?,
                user_agent: row.try_get("user_agent")?,
                instance: row.try_get("instance")?,
            });
        }
        Ok(out)
    })
}
