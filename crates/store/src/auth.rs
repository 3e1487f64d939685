//! Accounts, sessions, second factors, login throttling and API tokens. Secrets handed to
//! clients are stored only as SHA-256 digests (see `mayak_domain::token`).

use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::orgs::User;
use mayak_domain::Role;
use sqlx::Row;
use time::{Duration, OffsetDateTime};

/// A user with what signing in needs.
#[derive(Debug, Clone)]
pub struct Account {
    /// The user.
    pub user: User,
    /// PHC string of the password hash.
    pub password_hash: Option<String>,
    /// The TOTP secret, once enrolled or while enrolling.
    pub totp_secret: Option<Vec<u8>>,
    /// When the second factor was confirmed.
    pub totp_enrolled_at: Option<OffsetDateTime>,
    /// The last TOTP step used (a code works once).
    pub totp_last_step: Option<i64>,
}

/// Logins are compared without regard to case and surrounding spaces.
pub fn normalise_login(login: &str) -> String {
    login.trim().to_lowercase()
}

async fn roles_of(store: &Store, user_id: i64) -> Result<Vec<Role>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT role FROM user_role WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(p)
            .await?;
        let mut roles: Vec<Role> = rows.iter().filter_map(|r| Role::parse(&r.0)).collect();
        roles.sort();
        Ok(roles)
    })
}

const ACCOUNT_COLUMNS: &str = "id, login, display_name, organisation_id, disabled, password_hash, \
                               totp_secret, totp_enrolled_at, totp_last_step FROM app_user";

macro_rules! decode_account {
    ($row:expr, $roles:expr) => {{
        let row = $row;
        Account {
            user: User {
                id: row.try_get("id")?,
                login: row.try_get("login")?,
                display_name: row.try_get("display_name")?,
                organisation_id: row.try_get("organisation_id")?,
                roles: $roles,
                disabled: row.try_get("disabled")?,
            },
            password_hash: row.try_get("password_hash")?,
            totp_secret: row.try_get("totp_secret")?,
            totp_enrolled_at: row.try_get("totp_enrolled_at")?,
            totp_last_step: row.try_get("totp_last_step")?,
        }
    }};
}

/// The account with this login, if any.
pub async fn account_by_login(store: &Store, login: &str) -> Result<Option<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} WHERE login = $1");
    let login = normalise_login(login);
    let found = crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&login).fetch_optional(p).await? {
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                Some(decode_account!(&row, roles_of(store, id).await?))
            }
            None => None,
        }
    });
    Ok(found)
}

/// The account with this id.
pub async fn account(store: &Store, user_id: i64) -> Result<Account> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} WHERE id = $1");
    crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(user_id).fetch_optional(p).await? {
            Some(row) => Ok(decode_account!(&row, roles_of(store, user_id).await?)),
            None => Err(StoreError::NotFound),
        }
    })
}

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the cookie value.
    pub token_hash: String,
    /// Its user.
    pub user_id: i64,
    /// The synchroniser token forms must echo.
    pub csrf_token: String,
    /// The second factor was given (or not required).
    pub mfa_done: bool,
    /// Created at sign-in.
    pub created_at: OffsetDateTime,
    /// Last request.
    pub last_seen_at: OffsetDateTime,
    /// Absolute end.
    pub expires_at: OffsetDateTime,
    /// Client address at sign-in.
    pub address: Option<String>,
    /// Client's user agent at sign-in.
    pub user_agent: Option<String>,
    /// Instance that created it.
    pub instance: String,
}

/// Stores a new session.
pub async fn insert_session(store: &Store, s: &Session) -> Result<()> {
    let mut tx = store.begin().await?;
    insert_session_in(&mut tx, s).await?;
    tx.commit().await
}

async fn insert_session_in(tx: &mut crate::db::Tx, s: &Session) -> Result<()> {
    crate::on_tx!(tx, t => {
        sqlx::query(
            "INSERT INTO user_session (token_hash, user_id, csrf_token, mfa_done, created_at, last_seen_at, \
             expires_at, address, user_agent, instance) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&s.token_hash)
        .bind(s.user_id)
        .bind(&s.csrf_token)
        .bind(s.mfa_done)
        .bind(s.created_at)
        .bind(s.last_seen_at)
        .bind(s.expires_at)
        .bind(&s.address)
        .bind(&s.user_agent)
        .bind(&s.instance)
        .execute(&mut **t)
        .await?;
    });
    Ok(())
}

const SESSION_COLUMNS: &str = "token_hash, user_id, csrf_token, mfa_done, created_at, last_seen_at, \
                               expires_at, address, user_agent, instance FROM user_session";

macro_rules! decode_session {
    ($row:expr) => {{
        let row = $row;
        Session {
            token_hash: row.try_get("token_hash")?,
            user_id: row.try_get("user_id")?,
            csrf_token: row.try_get("csrf_token")?,
            mfa_done: row.try_get("mfa_done")?,
            created_at: row.try_get("created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            expires_at: row.try_get("expires_at")?,
            address: row.try_get("address")?,
            user_agent: row.try_get("user_agent")?,
            instance: row.try_get("instance")?,
        }
    }};
}

/// The live session with this digest: not past its absolute end nor idle longer than `idle`,
/// and of a user who is not disabled. Expired sessions found on the way are deleted.
pub async fn live_session(
    store: &Store,
    token_hash: &str,
    now: OffsetDateTime,
    idle: Duration,
) -> Result<Option<Session>> {
    let sql = format!("SELECT {SESSION_COLUMNS} WHERE token_hash = $1");
    let found: Option<Session> = crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(token_hash).fetch_optional(p).await? {
            Some(row) => Some(decode_session!(&row)),
            None => None,
        }
    });
    let Some(s) = found else { return Ok(None) };
    if s.expires_at <= now || s.last_seen_at + idle <= now {
        delete_session(store, token_hash).await?;
        return Ok(None);
    }
    let disabled: bool = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT disabled FROM app_user WHERE id = $1").bind(s.user_id).fetch_one(p).await?
    });
    if disabled {
        delete_session(store, token_hash).await?;
        return Ok(None);
    }
    Ok(Some(s))
}

/// Records activity on a session (callers skip this when the last touch is recent).
pub async fn touch_session(store: &Store, token_hash: &str, now: OffsetDateTime) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE user_session SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Replaces a session by a new one (new token, new CSRF token, second factor done), so the
/// identifier a client held before signing in completely is worthless afterwards.
pub async fn rotate_session(store: &Store, old_hash: &str, new: &Session) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("DELETE FROM user_session WHERE token_hash = $1").bind(old_hash).execute(&mut **t).await?;
    });
    insert_session_in(&mut tx, new).await?;
    tx.commit().await
}

/// Ends one session.
pub async fn delete_session(store: &Store, token_hash: &str) -> Result<u64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query("DELETE FROM user_session WHERE token_hash = $1").bind(token_hash).execute(p).await?.rows_affected())
    })
}

/// Ends every session of a user.
pub async fn delete_user_sessions(store: &Store, user_id: i64) -> Result<u64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query("DELETE FROM user_session WHERE user_id = $1").bind(user_id).execute(p).await?.rows_affected())
    })
}

/// Every session not past its absolute end, newest first.
pub async fn list_sessions(store: &Store, now: OffsetDateTime) -> Result<Vec<Session>> {
    let sql = format!("SELECT {SESSION_COLUMNS} WHERE expires_at > $1 ORDER BY last_seen_at DESC");
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_session!(row));
        }
        Ok(out)
    })
}

/// Where a throttle key stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleRule {
    /// Failures allowed within the window before a lockout.
    pub max_failures: i32,
    /// Length of the counting window.
    pub window: Duration,
    /// Length of the lockout.
    pub lockout: Duration,
}

/// When the key is locked, the instant the lock ends.
pub async fn locked_until(
    store: &Store,
    key: &str,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>> {
    let until: Option<Option<OffsetDateTime>> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT locked_until FROM login_throttle WHERE throttle_key = $1")
            .bind(key)
            .fetch_optional(p)
            .await?
    });
    Ok(until.flatten().filter(|u| *u > now))
}

/// Counts a failure; returns the end of the lockout when this failure caused one.
pub async fn record_failure(
    store: &Store,
    key: &str,
    now: OffsetDateTime,
    rule: ThrottleRule,
) -> Result<Option<OffsetDateTime>> {
    let mut tx = store.begin().await?;
    let locked = crate::on_tx!(&mut tx, t => {
        let row: Option<(i32, OffsetDateTime)> =
            sqlx::query_as("SELECT failures, window_start FROM login_throttle WHERE throttle_key = $1")
                .bind(key)
                .fetch_optional(&mut **t)
                .await?;
        let (failures, start) = match row {
            Some((f, start)) if start + rule.window > now => (f + 1, start),
            _ => (1, now),
        };
        let locked = (failures >= rule.max_failures).then_some(now + rule.lockout);
        // A lockout starts a fresh count, so the next failure after it does not lock at once.
        let (failures, start) = if locked.is_some() { (0, now) } else { (failures, start) };
        sqlx::query(
            "INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, \
             window_start = excluded.window_start, \
             locked_until = COALESCE(excluded.locked_until, login_throttle.locked_until)",
        )
        .bind(key)
        .bind(failures)
        .bind(start)
        .bind(locked)
        .execute(&mut **t)
        .await?;
        locked
    });
    tx.commit().await?;
    Ok(locked)
}

/// Forgets the failures of a key (after a successful sign-in).
pub async fn reset_throttle(store: &Store, key: &str) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1").bind(key).execute(p).await?;
    });
    Ok(())
}

/// Stores a TOTP secret awaiting confirmation (enrolment not complete yet).
pub async fn set_pending_totp(store: &Store, user_id: i64, secret: &[u8]) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE app_user SET totp_secret = $1, totp_enrolled_at = NULL, totp_last_step = NULL WHERE id = $2")
            .bind(secret)
            .bind(user_id)
            .execute(p)
            .await?;
    });
    Ok(())
}

/// Completes enrolment: the secret is confirmed and the recovery codes replaced.
pub async fn confirm_totp(
    store: &Store,
    user_id: i64,
    step: i64,
    recovery_hashes: &[String],
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE app_user SET totp_enrolled_at = $1, totp_last_step = $2 WHERE id = $3")
            .bind(now)
            .bind(step)
            .bind(user_id)
            .execute(&mut **t)
            .await?;
        sqlx::query("DELETE FROM recovery_code WHERE user_id = $1").bind(user_id).execute(&mut **t).await?;
        for h in recovery_hashes {
            sqlx::query("INSERT INTO recovery_code (user_id, code_hash, used_at) VALUES ($1, $2, NULL)")
                .bind(user_id)
                .bind(h)
                .execute(&mut **t)
                .await?;
        }
    });
    tx.commit().await
}

/// Records a used TOTP step; false when this or a later step was used already (a replay,
/// perhaps from another instance at the same moment).
pub async fn use_totp_step(store: &Store, user_id: i64, step: i64) -> Result<bool> {
    crate::on_pool!(store.pool(), p => {
        let n = sqlx::query(
            "UPDATE app_user SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected();
        Ok(n == 1)
    })
}

/// Uses a recovery code; true only the first time for each code.
pub async fn use_recovery_code(
    store: &Store,
    user_id: i64,
    code_hash: &str,
    now: OffsetDateTime,
) -> Result<bool> {
    crate::on_pool!(store.pool(), p => {
        let n = sqlx::query(
            "UPDATE recovery_code SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .bind(code_hash)
        .execute(p)
        .await?
        .rows_affected();
        Ok(n == 1)
    })
}

/// Recovery codes left unused.
pub async fn recovery_codes_left(store: &Store, user_id: i64) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM recovery_code WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id)
            .fetch_one(p)
            .await?)
    })
}

/// Removes a user's second factor and recovery codes (they enrol again at next sign-in) and
/// ends their sessions.
pub async fn reset_mfa(store: &Store, user_id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        let n = sqlx::query("UPDATE app_user SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL WHERE id = $1")
            .bind(user_id)
            .execute(&mut **t)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM recovery_code WHERE user_id = $1").bind(user_id).execute(&mut **t).await?;
        sqlx::query("DELETE FROM user_session WHERE user_id = $1").bind(user_id).execute(&mut **t).await?;
    });
    tx.commit().await
}

/// Disables or enables a user; disabling ends their sessions and revokes their tokens at once.
pub async fn set_disabled(
    store: &Store,
    user_id: i64,
    disabled: bool,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        let n = sqlx::query("UPDATE app_user SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(user_id)
            .execute(&mut **t)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        if disabled {
            sqlx::query("DELETE FROM user_session WHERE user_id = $1").bind(user_id).execute(&mut **t).await?;
            sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(user_id)
                .execute(&mut **t)
                .await?;
        }
    });
    tx.commit().await
}

/// Replaces a user's roles.
pub async fn set_roles(store: &Store, user_id: i64, roles: &[Role]) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("DELETE FROM user_role WHERE user_id = $1").bind(user_id).execute(&mut **t).await?;
        for r in roles {
            sqlx::query("INSERT INTO user_role (user_id, role) VALUES ($1, $2)")
                .bind(user_id)
                .bind(r.code())
                .execute(&mut **t)
                .await?;
        }
    });
    tx.commit().await
}

/// Changes a user's name and organisation.
pub async fn update_user(
    store: &Store,
    user_id: i64,
    display_name: &str,
    organisation_id: i64,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE app_user SET display_name = $1, organisation_id = $2 WHERE id = $3")
            .bind(display_name)
            .bind(organisation_id)
            .bind(user_id)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// An API token as listed (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Id, to revoke it by.
    pub id: i64,
    /// Its user.
    pub user_id: i64,
    /// What it is for.
    pub label: String,
    /// Issued.
    pub created_at: OffsetDateTime,
    /// Ends.
    pub expires_at: OffsetDateTime,
    /// Revoked.
    pub revoked_at: Option<OffsetDateTime>,
    /// Last use.
    pub last_used_at: Option<OffsetDateTime>,
}

/// Stores a new token's digest; returns its id.
pub async fn insert_token(
    store: &Store,
    token_hash: &str,
    user_id: i64,
    label: &str,
    now: OffsetDateTime,
    expires_at: OffsetDateTime,
) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO api_token (token_hash, user_id, label, created_at, expires_at, revoked_at, last_used_at) \
             VALUES ($1, $2, $3, $4, $5, NULL, NULL) RETURNING id",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(label)
        .bind(now)
        .bind(expires_at)
        .fetch_one(p)
        .await?)
    })
}

/// How stale a token's `last_used_at` may get before a request records its use again: an
/// update on every request would make every read a durable write.
pub const TOKEN_USE_RESOLUTION: time::Duration = time::Duration::minutes(1);

/// The user of a valid token (not expired, not revoked, user not disabled); marks its use,
/// at most once per [`TOKEN_USE_RESOLUTION`].
pub async fn token_user(
    store: &Store,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>> {
    crate::on_pool!(store.pool(), p => {
        let row: Option<(i64, i64, Option<OffsetDateTime>)> = sqlx::query_as(
            "SELECT t.id, t.user_id, t.last_used_at FROM api_token t JOIN app_user u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.disabled = $3",
        )
        .bind(token_hash)
        .bind(now)
        .bind(false)
        .fetch_optional(p)
        .await?;
        if let Some((id, _, last)) = row
            && last.is_none_or(|l| l + TOKEN_USE_RESOLUTION <= now)
        {
            sqlx::query("UPDATE api_token SET last_used_at = $1 WHERE id = $2").bind(now).bind(id).execute(p).await?;
        }
        Ok(row.map(|r| r.1))
    })
}

/// Revokes a token.
pub async fn revoke_token(store: &Store, id: i64, now: OffsetDateTime) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Every token, newest first.
pub async fn list_tokens(store: &Store) -> Result<Vec<ApiToken>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT id, user_id, label, created_at, expires_at, revoked_at, last_used_at FROM api_token ORDER BY id DESC",
        )
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(ApiToken {
                id: row.try_get("id")?,
                user_id: row.try_get("user_id")?,
                label: row.try_get("label")?,
                created_at: row.try_get("created_at")?,
                expires_at: row.try_get("expires_at")?,
                revoked_at: row.try_get("revoked_at")?,
                last_used_at: row.try_get("last_used_at")?,
            });
        }
        Ok(out)
    })
}

/// Ends the session whose digest starts with `handle` (the first 16 hex digits, as the
/// sessions page shows it); returns its user.
pub async fn delete_session_by_handle(store: &Store, handle: &str) -> Result<i64> {
    if handle.len() != 16 || !handle.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(StoreError::NotFound);
    }
    let pattern = format!("{handle}%");
    crate::on_pool!(store.pool(), p => {
        let found: Option<(String, i64)> = sqlx::query_as("SELECT token_hash, user_id FROM user_session WHERE token_hash LIKE $1")
            .bind(&pattern)
            .fetch_optional(p)
            .await?;
        let Some((hash, user_id)) = found else { return Err(StoreError::NotFound) };
        sqlx::query("DELETE FROM user_session WHERE token_hash = $1").bind(&hash).execute(p).await?;
        Ok(user_id)
    })
}
