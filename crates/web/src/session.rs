//! Signing in: password checks with throttling, the second factor, and session creation.
//! Shared by the login pages and the JSON login of API clients, so both follow one policy.

use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use mayak_domain::totp::{self, TotpSecret};
use mayak_domain::{password, token};
use mayak_store::StoreError;
use mayak_store::audit::AuditEvent;
use mayak_store::auth::{self as store_auth, Account, Session, ThrottleRule};
use std::sync::OnceLock;
use time::{Duration, OffsetDateTime};

/// Failures of one account before it is locked for a while.
pub const ACCOUNT_RULE: ThrottleRule = ThrottleRule {
    max_failures: 5,
    window: Duration::minutes(15),
    lockout: Duration::minutes(15),
};
/// Failures from one address (across accounts) before it is locked for a while.
pub const ADDRESS_RULE: ThrottleRule = ThrottleRule {
    max_failures: 50,
    window: Duration::minutes(15),
    lockout: Duration::minutes(15),
};

/// Why a sign-in step failed. Wrong login, wrong password and disabled account are one
/// answer, so the answer does not tell which logins exist.
#[derive(Debug)]
pub enum SignInError {
    /// Wrong credentials (of any kind).
    Invalid,
    /// Too many failures: locked for this many seconds.
    Locked(u64),
    /// The database failed.
    Store(StoreError),
}

impl From<StoreError> for SignInError {
    fn from(e: StoreError) -> Self {
        SignInError::Store(e)
    }
}

/// What the password step decided.
#[derive(Debug)]
pub enum PasswordOutcome {
    /// Signed in completely.
    Done(Account),
    /// The password was right; the second factor must follow.
    NeedsCode(Account),
    /// The password was right; the user must enrol a second factor first.
    NeedsEnrolment(Account),
}

fn dummy_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| {
        password::hash("no such user, same work", &mayak_domain::SplitMix64::new(0))
            .unwrap_or_default()
    })
}

fn keys(login: &str, origin: &Origin) -> (String, String) {
    (
        format!("account:{}", store_auth::normalise_login(login)),
        format!("address:{}", origin.address.as_deref().unwrap_or("unknown")),
    )
}

async fn check_locks(
    state: &AppState,
    keys: &(String, String),
    now: OffsetDateTime,
) -> Result<(), SignInError> {
    for k in [&keys.0, &keys.1] {
        if let Some(until) = store_auth::locked_until(&state.store, k, now).await? {
            return Err(SignInError::Locked(seconds_until(until, now)));
        }
    }
    Ok(())
}

fn seconds_until(until: OffsetDateTime, now: OffsetDateTime) -> u64 {
    u64::try_from((until - now).whole_seconds())
        .unwrap_or(0)
        .max(1)
}

async fn fail(
    state: &AppState,
    keys: &(String, String),
    login: &str,
    user_id: Option<i64>,
    origin: &Origin,
    action: &str,
) -> SignInError {
    let now = state.clock.now();
    let mut locked = None;
    for (k, rule) in [(&keys.0, ACCOUNT_RULE), (&keys.1, ADDRESS_RULE)] {
        match store_auth::record_failure(&state.store, k, now, rule).await {
            Ok(Some(until)) => locked = Some(until),
            Ok(None) => {}
            Err(e) => return SignInError::Store(e),
        }
    }
    let e = AuditEvent {
        user_id,
        login: Some(login.chars().take(128).collect()),
        action: action.to_owned(),
        outcome: "failed".to_owned(),
        ..Default::default()
    };
    auth::audit(state, e, origin).await;
    match locked {
        Some(until) => SignInError::Locked(seconds_until(until, now)),
        None => SignInError::Invalid,
    }
}

/// Checks a login and password, with throttling per account and per address. Unknown logins
/// cost the same Argon2 work as known ones.
pub async fn check_password(
    state: &AppState,
    login: &str,
    password: &str,
    origin: &Origin,
) -> Result<PasswordOutcome, SignInError> {
    let now = state.clock.now();
    let keys = keys(login, origin);
    check_locks(state, &keys, now).await?;
    let account = store_auth::account_by_login(&state.store, login).await?;
    let hash = account.as_ref().and_then(|a| a.password_hash.clone());
    let pw = password.to_owned();
    let verified = tokio::task::spawn_blocking(move || {
        password::verify(&pw, hash.as_deref().unwrap_or(dummy_hash()))
    })
    .await
    .unwrap_or(false);
    let account = match account {
        Some(a) if verified && a.password_hash.is_some() && !a.user.disabled => a,
        other => {
            return Err(fail(
                state,
                &keys,
                login,
                other.map(|a| a.user.id),
                origin,
                "login.failure",
            )
            .await);
        }
    };
    store_auth::reset_throttle(&state.store, &keys.0).await?;
    let enrolled = account.totp_enrolled_at.is_some();
    Ok(if enrolled {
        PasswordOutcome::NeedsCode(account)
    } else if state.config.mfa_policy.requires(&account.user.roles) {
        PasswordOutcome::NeedsEnrolment(account)
    } else {
        PasswordOutcome::Done(account)
    })
}

/// Checks a second-factor code (TOTP, or a one-time recovery code) for an account.
pub async fn check_code(
    state: &AppState,
    account: &Account,
    code: &str,
    origin: &Origin,
) -> Result<&'static str, SignInError> {
    let now = state.clock.now();
    let keys = keys(&account.user.login, origin);
    check_locks(state, &keys, now).await?;
    if let (Some(secret), Some(_)) = (&account.totp_secret, account.totp_enrolled_at) {
        let secret = TotpSecret::from_bytes(secret.clone());
        if let Some(step) = secret.verify(code, now.unix_timestamp(), account.totp_last_step)
            && store_auth::use_totp_step(&state.store, account.user.id, step).await?
        {
            store_auth::reset_throttle(&state.store, &keys.0).await?;
            return Ok("totp");
        }
        let normalised = totp::normalise_recovery_code(code);
        if normalised.len() == 10
            && store_auth::use_recovery_code(
                &state.store,
                account.user.id,
                &token::digest(&normalised),
                now,
            )
            .await?
        {
            store_auth::reset_throttle(&state.store, &keys.0).await?;
            return Ok("recovery_code");
        }
    }
    Err(fail(
        state,
        &keys,
        &account.user.login,
        Some(account.user.id),
        origin,
        "login.second_factor_failure",
    )
    .await)
}

/// A new session for `user_id`; returns the cookie value (shown to the client only).
pub fn new_session(
    state: &AppState,
    user_id: i64,
    mfa_done: bool,
    origin: &Origin,
) -> (String, Session) {
    let now = state.clock.now();
    let secret = token::generate(state.rng.as_ref(), "");
    let session = Session {
        token_hash: token::digest(&secret),
        user_id,
        csrf_token: token::generate(state.rng.as_ref(), ""),
        mfa_done,
        created_at: now,
        last_seen_at: now,
        expires_at: now + state.config.session_lifetime,
        address: origin.address.clone(),
        user_agent: origin.user_agent.clone(),
        instance: state.config.instance.clone(),
    };
    (secret, session)
}

/// Records a completed sign-in in the audit trail.
pub async fn audit_success(state: &AppState, account: &Account, method: &str, origin: &Origin) {
    let e = AuditEvent {
        user_id: Some(account.user.id),
        login: Some(account.user.login.clone()),
        organisation_id: Some(account.user.organisation_id),
        roles: account
            .user
            .roles
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(","),
        action: "login.success".to_owned(),
        fields: Some(method.to_owned()),
        outcome: "ok".to_owned(),
        ..Default::default()
    };
    auth::audit(state, e, origin).await;
}

/// Ends the viewer's session (browser sessions only) and records it.
pub async fn sign_out(state: &AppState, v: &Viewer, origin: &Origin) -> Result<(), StoreError> {
    if let auth::Credential::Session { token_hash, .. } = &v.credential {
        store_auth::delete_session(&state.store, token_hash).await?;
    }
    auth::audit(state, auth::event(v, "logout", "user", v.user_id), origin).await;
    Ok(())
}
