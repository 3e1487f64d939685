//! `mayak admin …`: user and token administration from the command line, against the same
//! database the server uses. Every act is recorded in the audit trail as done by the operator.

use crate::config::{DbArgs, parse_duration};
use mayak_domain::account::{parse_login, parse_roles, parse_text};
use mayak_domain::{Clock, Random, password, token};
use mayak_store::audit::{self, AuditEvent};
use mayak_store::auth as store_auth;
use mayak_store::{Store, StoreError, orgs};
use std::io::{BufRead, IsTerminal};

/// `mayak admin` options.
#[derive(Debug, clap::Args)]
pub struct AdminArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(subcommand)]
    pub command: AdminCommand,
}

/// The administrative commands.
#[derive(Debug, clap::Subcommand)]
pub enum AdminCommand {
    /// Create a user; the password is read from standard input, or generated and printed once
    CreateUser {
        /// Login (3–64 lowercase Latin letters, digits, . _ -)
        #[arg(long)]
        login: String,
        /// Name shown to colleagues
        #[arg(long)]
        name: String,
        /// Organisation, by its short identifier (see `mayak admin list-organisations`)
        #[arg(long)]
        org: String,
        /// Role; repeat for several (admin, supervisor, hotline_consultant, case_manager,
        /// rehabilitation_staff, mdg_member, partner_caseworker, trainer, analyst, auditor, content_editor)
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// List users with their organisations, roles and state
    ListUsers,
    /// List organisations with their short identifiers
    ListOrganisations,
    /// Disable a user: their sessions end and their tokens are revoked at once
    DisableUser {
        /// Login
        #[arg(long)]
        login: String,
    },
    /// Enable a disabled user again
    EnableUser {
        /// Login
        #[arg(long)]
        login: String,
    },
    /// Remove a user's second factor; they enrol again at next sign-in
    ResetMfa {
        /// Login
        #[arg(long)]
        login: String,
    },
    /// Issue an API token for a user and print it once; it carries exactly the user's permissions
    IssueToken {
        /// Login
        #[arg(long)]
        login: String,
        /// Lifetime, e.g. 1h, 30d [default: 1h]
        #[arg(long, default_value = "1h")]
        ttl: String,
        /// What the token is for
        #[arg(long, default_value = "cli")]
        label: String,
    },
    /// Revoke an API token by its number
    RevokeToken {
        /// Token number (see the tokens page or `list-tokens`)
        #[arg(long)]
        id: i64,
    },
    /// List API tokens (never their secrets)
    ListTokens,
    /// Print the access matrix (docs/ACCESS.md is this output)
    AccessMatrix,
}

pub(crate) fn operator_event(
    action: &str,
    record_type: &str,
    record_id: impl ToString,
) -> AuditEvent {
    AuditEvent {
        login: Some("operator (command line)".to_owned()),
        roles: "operator".to_owned(),
        action: action.to_owned(),
        record_type: Some(record_type.to_owned()),
        record_id: Some(record_id.to_string()),
        outcome: "ok".to_owned(),
        instance: "cli".to_owned(),
        ..Default::default()
    }
}

async fn user_id(store: &Store, login: &str) -> Result<i64, String> {
    match store_auth::account_by_login(store, login)
        .await
        .map_err(|e| e.to_string())?
    {
        Some(a) => Ok(a.user.id),
        None => Err(format!(
            "there is no user with login {login:?}; see `mayak admin list-users`"
        )),
    }
}

fn read_password_from_stdin() -> Option<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return None;
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line).ok()?;
    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
    (!pw.is_empty()).then_some(pw)
}

/// Runs one administrative command.
pub async fn run(
    store: &Store,
    cmd: AdminCommand,
    clock: &dyn Clock,
    rng: &dyn Random,
) -> Result<(), String> {
    let now = clock.now();
    let err = |e: StoreError| e.to_string();
    match cmd {
        AdminCommand::CreateUser {
            login,
            name,
            org,
            roles,
        } => {
            let login = parse_login("--login", &login).map_err(|_| {
                "--login must be 3–64 lowercase Latin letters, digits, '.', '_' or '-'".to_owned()
            })?;
            let name = parse_text("--name", &name, 200)
                .map_err(|_| "--name must be 1–200 characters".to_owned())?;
            let roles = parse_roles("--role", &roles).map_err(|_| {
                "--role must name known roles, e.g. --role case_manager (see --help)".to_owned()
            })?;
            let organisation = orgs::organisation_by_slug(store, &org).await.map_err(|_| {
                format!("there is no organisation {org:?}; see `mayak admin list-organisations`")
            })?;
            let (pw, generated) = match read_password_from_stdin() {
                Some(pw) => {
                    password::check_policy("password", &pw, &login).map_err(|e| match e.code {
                        "password_too_short" => {
                            "the password must have at least 12 characters".to_owned()
                        }
                        "too_long" => "the password must have at most 128 characters".to_owned(),
                        "password_context" => {
                            "the password must not contain the login or the name of the system"
                                .to_owned()
                        }
                        _ => {
                            "the password is too common (it appears in lists of breached passwords)"
                                .to_owned()
                        }
                    })?;
                    (pw, false)
                }
                None => (password::generate(rng, 16), true),
            };
            let hash = password::hash(&pw, rng).map_err(|e| e.to_string())?;
            let new = orgs::NewUser {
                login: &login,
                display_name: &name,
                organisation_id: organisation.id,
                password_hash: Some(&hash),
                roles: &roles,
            };
            let id = orgs::insert_user(store, &new, now)
                .await
                .map_err(|e| match e {
                    StoreError::Conflict(_) => format!("the login {login:?} is taken"),
                    other => other.to_string(),
                })?;
            audit::record(store, &operator_event("user.create", "user", id), now)
                .await
                .map_err(err)?;
            crate::say!("created user {login} (id {id})");
            if generated {
                crate::say!("password (shown only now): {pw}");
            }
        }
        AdminCommand::ListUsers => {
            let all = orgs::list_organisations(store).await.map_err(err)?;
            for u in orgs::list_users(store).await.map_err(err)? {
                let org = all
                    .iter()
                    .find(|o| o.id == u.organisation_id)
                    .map_or("?", |o| o.slug.as_str());
                let roles: Vec<&str> = u.roles.iter().map(|r| r.code()).collect();
                let state = if u.disabled { "disabled" } else { "active" };
                crate::say!(
                    "{}\t{}\t{}\t{}\t{}",
                    u.login,
                    u.display_name,
                    org,
                    roles.join(","),
                    state
                );
            }
        }
        AdminCommand::ListOrganisations => {
            for o in orgs::list_organisations(store).await.map_err(err)? {
                crate::say!("{}\t{}\t{}\t{}", o.slug, o.org_type, o.region, o.name_en);
            }
        }
        AdminCommand::DisableUser { login } => {
            let id = user_id(store, &login).await?;
            store_auth::set_disabled(store, id, true, now)
                .await
                .map_err(err)?;
            audit::record(store, &operator_event("user.disable", "user", id), now)
                .await
                .map_err(err)?;
            crate::say!("disabled {login}: their sessions ended and their tokens were revoked");
        }
        AdminCommand::EnableUser { login } => {
            let id = user_id(store, &login).await?;
            store_auth::set_disabled(store, id, false, now)
                .await
                .map_err(err)?;
            audit::record(store, &operator_event("user.enable", "user", id), now)
                .await
                .map_err(err)?;
            crate::say!("enabled {login}");
        }
        AdminCommand::ResetMfa { login } => {
            let id = user_id(store, &login).await?;
            store_auth::reset_mfa(store, id).await.map_err(err)?;
            audit::record(store, &operator_event("user.reset_mfa", "user", id), now)
                .await
                .map_err(err)?;
            crate::say!("reset the second factor of {login}; they enrol again at next sign-in");
        }
        AdminCommand::IssueToken { login, ttl, label } => {
            let ttl = parse_duration("--ttl", &ttl)?;
            let account = store_auth::account_by_login(store, &login)
                .await
                .map_err(err)?
                .ok_or_else(|| {
                    format!("there is no user with login {login:?}; see `mayak admin list-users`")
                })?;
            if account.user.disabled {
                return Err(format!("{login} is disabled; enable them first"));
            }
            let label = parse_text("--label", &label, 200)
                .map_err(|_| "--label must be 1–200 characters".to_owned())?;
            let secret = token::generate(rng, "mayak_");
            let id = store_auth::insert_token(
                store,
                &token::digest(&secret),
                account.user.id,
                &label,
                now,
                now + ttl,
            )
            .await
            .map_err(err)?;
            audit::record(store, &operator_event("token.issue", "api_token", id), now)
                .await
                .map_err(err)?;
            crate::say!("{secret}");
            eprintln!(
                "token {id} for {login}, valid until {} (shown only now; send it as 'Authorization: Bearer …')",
                now + ttl
            );
        }
        AdminCommand::RevokeToken { id } => {
            store_auth::revoke_token(store, id, now)
                .await
                .map_err(|e| match e {
                    StoreError::NotFound => format!("there is no active token {id}"),
                    other => other.to_string(),
                })?;
            audit::record(store, &operator_event("token.revoke", "api_token", id), now)
                .await
                .map_err(err)?;
            crate::say!("revoked token {id}");
        }
        AdminCommand::ListTokens => {
            let users = orgs::list_users(store).await.map_err(err)?;
            for t in store_auth::list_tokens(store).await.map_err(err)? {
                let login = users
                    .iter()
                    .find(|u| u.id == t.user_id)
                    .map_or("?", |u| u.login.as_str());
                let state = if t.revoked_at.is_some() {
                    "revoked"
                } else if t.expires_at <= now {
                    "expired"
                } else {
                    "active"
                };
                crate::say!(
                    "{}\t{}\t{}\t{}\t{}",
                    t.id,
                    login,
                    t.label,
                    t.expires_at,
                    state
                );
            }
        }
        AdminCommand::AccessMatrix => crate::say!("{}", mayak_web::access_doc()),
    }
    Ok(())
}
