//! Configuration: command-line flags, `MAYAK_<NAME>` environment variables and a TOML file
//! given with `--config`, in that order of precedence, then defaults.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Where the database is.
#[derive(Debug, Clone, clap::Args, Default)]
pub struct DbArgs {
    /// Directory for the SQLite database, key files and uploaded files [default: ./mayak-data]
    #[arg(long, env = "MAYAK_DATA_DIR", value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Database URL, `sqlite://…` or `postgres://…`; PostgreSQL when given
    #[arg(
        long,
        env = "MAYAK_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true,
        global = true
    )]
    pub database_url: Option<String>,
    /// The key file holding the key-encryption keys [default: <data-dir>/keys/kek]. Not used
    /// when MAYAK_KEK or MAYAK_KEK_PASSPHRASE is set.
    #[arg(long, env = "MAYAK_KEK_FILE", value_name = "FILE", global = true)]
    pub kek_file: Option<PathBuf>,
}

/// Options of `mayak serve`.
#[derive(Debug, Clone, clap::Args, Default)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "MAYAK_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
    /// Load the demo dataset into an empty database
    #[arg(long, env = "MAYAK_DEMO", num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub demo: Option<bool>,
    /// The public address, e.g. https://mayak.example.org (https enables HSTS and Secure cookies)
    #[arg(long, env = "MAYAK_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Name of this instance in logs, when several share a database [default: host name]
    #[arg(long, env = "MAYAK_INSTANCE", value_name = "NAME")]
    pub instance: Option<String>,
    /// A session ends after this long without requests, e.g. 30m [default: 30m]
    #[arg(long, env = "MAYAK_SESSION_IDLE", value_name = "DURATION")]
    pub session_idle: Option<String>,
    /// A session ends this long after sign-in, e.g. 12h [default: 12h]
    #[arg(long, env = "MAYAK_SESSION_LIFETIME", value_name = "DURATION")]
    pub session_lifetime: Option<String>,
    /// Allow session cookies over plain HTTP (no Secure flag, no __Host- prefix); for a LAN
    /// without TLS only
    #[arg(long, env = "MAYAK_INSECURE_COOKIES", num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub insecure_cookies: Option<bool>,
    /// Who must use a second factor: `identifying` (roles that read identifying data, and
    /// administrators) or `everyone` [default: identifying]
    #[arg(long, env = "MAYAK_MFA_POLICY", value_name = "POLICY")]
    pub mfa_policy: Option<String>,
    /// Trust the last X-Forwarded-For address (only behind your own reverse proxy)
    #[arg(long, env = "MAYAK_BEHIND_PROXY", num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub behind_proxy: Option<bool>,
    /// Erase identifying data (after an administrator approves) this long after a person's last
    /// case closed, e.g. 5y [default: 5y]
    #[arg(long, env = "MAYAK_RETENTION_PERIOD", value_name = "DURATION")]
    pub retention_period: Option<String>,
    /// The hotline's working hours in its time zone [default: 08:00-20:00]
    #[arg(long, env = "MAYAK_HOTLINE_HOURS", value_name = "HH:MM-HH:MM")]
    pub hotline_hours: Option<String>,
    /// The hotline's time zone as a UTC offset [default: +03:00]
    #[arg(long, env = "MAYAK_HOTLINE_UTC_OFFSET", value_name = "OFFSET")]
    pub hotline_utc_offset: Option<String>,
    /// The hotline's numbers by channel, CHANNEL=NUMBER separated by `;`
    /// [default: NationalLine=8 801 201 5555; InternationalLine=+375 162 21 8888; ShortNumber=113]
    #[arg(long, env = "MAYAK_HOTLINE_NUMBERS", value_name = "LIST")]
    pub hotline_numbers: Option<String>,
    /// Online requests one address may send per 10 minutes [default: 5]
    #[arg(long, env = "MAYAK_HOTLINE_PUBLIC_RATE", value_name = "N")]
    pub hotline_public_rate: Option<i64>,
    /// The SMTP relay that e-mail notices go to (plain SMTP, no TLS: use a local or the
    /// organisation's relay); e-mail is off unless this is set
    #[arg(long, env = "MAYAK_SMTP_HOST", value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// The relay's port [default: 25]
    #[arg(long, env = "MAYAK_SMTP_PORT", value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// The sender address of e-mail notices, e.g. mayak@ngo.example.by (needed with --smtp-host)
    #[arg(long, env = "MAYAK_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// Where the links in e-mail notices point [default: --public-url]
    #[arg(long, env = "MAYAK_MAIL_BASE_URL", value_name = "URL")]
    pub mail_base_url: Option<String>,
    /// The Viber bot's authentication token; the Viber channel is off without it
    #[arg(
        long,
        env = "MAYAK_VIBER_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub viber_token: Option<String>,
    /// Base URL of the Viber REST API [default: https://chatapi.viber.com]
    #[arg(long, env = "MAYAK_VIBER_BASE_URL", value_name = "URL")]
    pub viber_base_url: Option<String>,
    /// The bot's name on the messages it sends, up to 28 characters [default: Горячая линия]
    #[arg(long, env = "MAYAK_VIBER_SENDER_NAME", value_name = "NAME")]
    pub viber_sender_name: Option<String>,
    /// The Maildir the hotline's e-mail channel reads (messages in its new/ become requests;
    /// answers go out through --smtp-host); the e-mail channel is off unless this is set
    #[arg(long, env = "MAYAK_MAIL_INTAKE_MAILDIR", value_name = "DIR")]
    pub mail_intake_maildir: Option<PathBuf>,
    /// Statistics cells counting fewer people than this are hidden (dashboards, annual report,
    /// published tables); 11 to 1000 [default: 11]
    #[arg(long, env = "MAYAK_DISCLOSURE_THRESHOLD", value_name = "N")]
    pub disclosure_threshold: Option<i64>,
    /// How old the dashboards' counts may be before they are counted again, such as 30s or 5m;
    /// 0 counts on every request; at most 1h [default: 30s]
    #[arg(long, env = "MAYAK_DASHBOARD_MAX_AGE", value_name = "DURATION")]
    pub dashboard_max_age: Option<String>,
}

/// The TOML configuration file. Unknown keys are refused, so a typo does not pass silently.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Address to listen on.
    pub listen: Option<String>,
    /// Data directory.
    pub data_dir: Option<PathBuf>,
    /// Database URL.
    pub database_url: Option<String>,
    /// Key file.
    pub kek_file: Option<PathBuf>,
    /// Load demo data.
    pub demo: Option<bool>,
    /// Public address.
    pub public_url: Option<String>,
    /// Instance name.
    pub instance: Option<String>,
    /// Idle timeout of sessions.
    pub session_idle: Option<String>,
    /// Absolute lifetime of sessions.
    pub session_lifetime: Option<String>,
    /// Cookies over plain HTTP.
    pub insecure_cookies: Option<bool>,
    /// Second-factor policy.
    pub mfa_policy: Option<String>,
    /// Trust X-Forwarded-For.
    pub behind_proxy: Option<bool>,
    /// Retention period.
    pub retention_period: Option<String>,
    /// Hotline working hours.
    pub hotline_hours: Option<String>,
    /// Hotline time zone.
    pub hotline_utc_offset: Option<String>,
    /// Hotline numbers.
    pub hotline_numbers: Option<String>,
    /// Online requests per address per 10 minutes.
    pub hotline_public_rate: Option<i64>,
    /// SMTP relay host (mail is off without it).
    pub smtp_host: Option<String>,
    /// SMTP relay port.
    pub smtp_port: Option<u16>,
    /// Sender address of e-mail notices.
    pub mail_from: Option<String>,
    /// Base URL of the links in e-mail notices.
    pub mail_base_url: Option<String>,
    /// Viber bot token.
    pub viber_token: Option<String>,
    /// Viber API base URL.
    pub viber_base_url: Option<String>,
    /// Viber sender name.
    pub viber_sender_name: Option<String>,
    /// Maildir of the hotline's e-mail channel.
    pub mail_intake_maildir: Option<PathBuf>,
    /// The `[statistics]` section.
    pub statistics: Option<StatisticsFile>,
}

/// The `[statistics]` section of the configuration file.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct StatisticsFile {
    /// Cells counting fewer people than this are hidden.
    pub disclosure_threshold: Option<i64>,
    /// How old the dashboards' counts may be, such as "30s"; "0" counts on every request.
    pub dashboard_max_age: Option<String>,
}

/// The longest the dashboards' counts may be kept: figures older than an hour would mislead
/// whoever watches a day's work.
pub const DASHBOARD_MAX_AGE_LIMIT: std::time::Duration = std::time::Duration::from_secs(3600);

/// How long the dashboards' counts are kept: the flag or `MAYAK_DASHBOARD_MAX_AGE` over the
/// file's `[statistics] dashboard_max_age` over 30 seconds; `0` keeps nothing.
pub fn dashboard_max_age(
    flag: Option<&str>,
    file: &FileConfig,
) -> Result<std::time::Duration, String> {
    let (raw, from) = match (
        flag,
        file.statistics
            .as_ref()
            .and_then(|s| s.dashboard_max_age.as_deref()),
    ) {
        (Some(r), _) => (r, "--dashboard-max-age (MAYAK_DASHBOARD_MAX_AGE)"),
        (None, Some(r)) => (r, "[statistics] dashboard_max_age"),
        (None, None) => return Ok(std::time::Duration::from_secs(30)),
    };
    if matches!(raw.trim(), "0" | "0s") {
        return Ok(std::time::Duration::ZERO);
    }
    let age = parse_duration(from, raw)?;
    let age = std::time::Duration::from_secs(u64::try_from(age.whole_seconds()).unwrap_or(0));
    if age > DASHBOARD_MAX_AGE_LIMIT {
        return Err(format!(
            "{from} is {raw}, but it must be at most 1h: older figures would mislead. Set \
             30s, 5m or up to 1h, or 0 to count on every request."
        ));
    }
    Ok(age)
}

/// The disclosure threshold: the flag or `MAYAK_DISCLOSURE_THRESHOLD` over the file's
/// `[statistics] disclosure_threshold` over CTDC's 11. Never under 11 (CTDC's rule, which the
/// published figures promise) nor over 1000 (a dashboard would show nothing).
pub fn disclosure_threshold(flag: Option<i64>, file: &FileConfig) -> Result<u32, String> {
    let (min, max) = (
        mayak_web::publication::MIN_THRESHOLD,
        mayak_web::publication::MAX_THRESHOLD,
    );
    let (n, from) = match (
        flag,
        file.statistics
            .as_ref()
            .and_then(|s| s.disclosure_threshold),
    ) {
        (Some(n), _) => (n, "--disclosure-threshold (MAYAK_DISCLOSURE_THRESHOLD)"),
        (None, Some(n)) => (n, "[statistics] disclosure_threshold"),
        (None, None) => return Ok(min),
    };
    if n < i64::from(min) {
        return Err(format!(
            "{from} is {n}, but it must be at least {min}: statistics never show a cell of fewer \
             than {min} people (CTDC's rule). Set {min} or more, or leave it out for {min}."
        ));
    }
    if n > i64::from(max) {
        return Err(format!(
            "{from} is {n}, but it must be at most {max}: a higher threshold would hide nearly \
             every figure. Set {min} to {max}."
        ));
    }
    Ok(n as u32)
}

impl FileConfig {
    /// Reads and parses the file, with a message naming the file and the problem.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the configuration file {}: {e}", path.display()))?;
        Self::parse(&text).map_err(|e| format!("configuration file {}: {e}", path.display()))
    }

    /// Parses TOML text.
    pub fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.message().to_owned())
    }
}

/// Where the database lives, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbConfig {
    /// The data directory (always used: keys and files live there even with PostgreSQL).
    pub data_dir: PathBuf,
    /// PostgreSQL or explicit SQLite URL; `None` means the SQLite file in the data directory.
    pub database_url: Option<String>,
    /// The key file of the key-encryption keys.
    pub kek_file: PathBuf,
}

/// Settings of `mayak serve`, resolved and checked.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Database settings.
    pub db: DbConfig,
    /// Address to bind.
    pub listen: SocketAddr,
    /// Load the demo dataset.
    pub demo: bool,
    /// Public address.
    pub public_url: Option<String>,
    /// Instance name.
    pub instance: String,
    /// Idle timeout of sessions.
    pub session_idle: time::Duration,
    /// Absolute lifetime of sessions.
    pub session_lifetime: time::Duration,
    /// Cookies over plain HTTP.
    pub insecure_cookies: bool,
    /// Second-factor policy.
    pub mfa_policy: mayak_domain::access::MfaPolicy,
    /// Trust X-Forwarded-For.
    pub behind_proxy: bool,
    /// Retention period.
    pub retention_period: time::Duration,
    /// The hotline's settings.
    pub hotline: mayak_web::HotlineConfig,
    /// Outgoing mail, if configured.
    pub mail: Option<mayak_web::mail::MailConfig>,
    /// Statistics cells under this count are hidden.
    pub disclosure_threshold: u32,
    /// How long the dashboards' counts are kept.
    pub dashboard_max_age: std::time::Duration,
}

/// Parses a duration such as `45s`, `30m`, `12h` or `7d`.
pub fn parse_duration(option: &str, raw: &str) -> Result<time::Duration, String> {
    let raw = raw.trim();
    let bad = || {
        format!("{option} must be a number with a unit s, m, h, d or y, such as 30m, not {raw:?}")
    };
    let unit = raw.chars().last().ok_or_else(bad)?;
    let n: i64 = raw[..raw.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| bad())?;
    if n <= 0 {
        return Err(bad());
    }
    Ok(match unit {
        's' => time::Duration::seconds(n),
        'm' => time::Duration::minutes(n),
        'h' => time::Duration::hours(n),
        'd' => time::Duration::days(n),
        'y' => time::Duration::days(n * 365),
        _ => return Err(bad()),
    })
}

/// Default data directory.
pub const DEFAULT_DATA_DIR: &str = "./mayak-data";
/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

impl DbArgs {
    /// Resolves flags/environment over the file over defaults.
    pub fn resolve(&self, file: &FileConfig) -> Result<DbConfig, String> {
        let data_dir = self
            .data_dir
            .clone()
            .or_else(|| file.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
        let database_url = self
            .database_url
            .clone()
            .or_else(|| file.database_url.clone())
            .filter(|u| !u.is_empty());
        if let Some(url) = &database_url
            && !(url.starts_with("sqlite:")
                || url.starts_with("postgres://")
                || url.starts_with("postgresql://"))
        {
            return Err(
                "--database-url (MAYAK_DATABASE_URL) must start with sqlite:// or postgres://"
                    .to_owned(),
            );
        }
        let kek_file = self
            .kek_file
            .clone()
            .or_else(|| file.kek_file.clone())
            .unwrap_or_else(|| data_dir.join("keys").join("kek"));
        Ok(DbConfig {
            data_dir,
            database_url,
            kek_file,
        })
    }
}

impl ServeArgs {
    /// Resolves flags/environment over the file over defaults, checking each value.
    pub fn resolve(&self, file: &FileConfig) -> Result<ServeConfig, String> {
        let listen_raw = self
            .listen
            .clone()
            .or_else(|| file.listen.clone())
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
        let listen: SocketAddr = listen_raw.parse().map_err(|_| {
            format!("--listen (MAYAK_LISTEN) must be an address with a port, such as 127.0.0.1:8080, not {listen_raw:?}")
        })?;
        let public_url = self
            .public_url
            .clone()
            .or_else(|| file.public_url.clone())
            .filter(|u| !u.is_empty());
        if let Some(u) = &public_url
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            return Err(
                "--public-url (MAYAK_PUBLIC_URL) must start with http:// or https://".to_owned(),
            );
        }
        let instance = self
            .instance
            .clone()
            .or_else(|| file.instance.clone())
            .or_else(|| std::env::var("HOSTNAME").ok())
            .unwrap_or_else(|| "mayak".to_owned());
        let session_idle = parse_duration(
            "--session-idle (MAYAK_SESSION_IDLE)",
            self.session_idle
                .as_deref()
                .or(file.session_idle.as_deref())
                .unwrap_or("30m"),
        )?;
        let session_lifetime = parse_duration(
            "--session-lifetime (MAYAK_SESSION_LIFETIME)",
            self.session_lifetime
                .as_deref()
                .or(file.session_lifetime.as_deref())
                .unwrap_or("12h"),
        )?;
        let policy = self
            .mfa_policy
            .as_deref()
            .or(file.mfa_policy.as_deref())
            .unwrap_or("identifying");
        let mfa_policy = mayak_domain::access::MfaPolicy::parse(policy).ok_or_else(|| {
            format!(
                "--mfa-policy (MAYAK_MFA_POLICY) must be identifying or everyone, not {policy:?}"
            )
        })?;
        let mail = self.mail(file, public_url.as_deref())?;
        Ok(ServeConfig {
            db: self.db.resolve(file)?,
            listen,
            demo: self.demo.or(file.demo).unwrap_or(false),
            public_url,
            instance,
            session_idle,
            session_lifetime,
            insecure_cookies: self
                .insecure_cookies
                .or(file.insecure_cookies)
                .unwrap_or(false),
            mfa_policy,
            behind_proxy: self.behind_proxy.or(file.behind_proxy).unwrap_or(false),
            retention_period: parse_duration(
                "--retention-period (MAYAK_RETENTION_PERIOD)",
                self.retention_period
                    .as_deref()
                    .or(file.retention_period.as_deref())
                    .unwrap_or("5y"),
            )?,
            hotline: {
                let mut h = self.hotline(file)?;
                h.mail_intake_maildir = self.mail_intake(file, mail.is_some())?;
                h
            },
            mail,
            disclosure_threshold: disclosure_threshold(self.disclosure_threshold, file)?,
            dashboard_max_age: dashboard_max_age(self.dashboard_max_age.as_deref(), file)?,
        })
    }

    fn mail(
        &self,
        file: &FileConfig,
        public_url: Option<&str>,
    ) -> Result<Option<mayak_web::mail::MailConfig>, String> {
        let Some(host) = self
            .smtp_host
            .clone()
            .or_else(|| file.smtp_host.clone())
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty())
        else {
            return Ok(None);
        };
        if host.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err(format!(
                "--smtp-host (MAYAK_SMTP_HOST) must be a host name or address, not {host:?}"
            ));
        }
        let port = self.smtp_port.or(file.smtp_port).unwrap_or(25);
        if port == 0 {
            return Err("--smtp-port (MAYAK_SMTP_PORT) must be 1 to 65535".to_owned());
        }
        let from_raw = self
            .mail_from
            .clone()
            .or_else(|| file.mail_from.clone())
            .unwrap_or_default();
        let from = mayak_domain::validate::email_address("mail_from", &from_raw).map_err(|_| {
            format!(
                "--mail-from (MAYAK_MAIL_FROM) must be the sender's e-mail address when --smtp-host is set, not {from_raw:?}"
            )
        })?;
        let base = self
            .mail_base_url
            .clone()
            .or_else(|| file.mail_base_url.clone())
            .filter(|u| !u.is_empty())
            .or_else(|| public_url.map(str::to_owned))
            .ok_or_else(|| {
                "--mail-base-url (MAYAK_MAIL_BASE_URL) or --public-url must be set when --smtp-host is: the links in e-mail point there".to_owned()
            })?;
        if !(base.starts_with("http://") || base.starts_with("https://"))
            || base.chars().any(char::is_whitespace)
        {
            return Err(format!(
                "--mail-base-url (MAYAK_MAIL_BASE_URL) must start with http:// or https://, not {base:?}"
            ));
        }
        Ok(Some(mayak_web::mail::MailConfig {
            smtp_host: host,
            smtp_port: port,
            from,
            base_url: base.trim_end_matches('/').to_owned(),
        }))
    }

    fn mail_intake(&self, file: &FileConfig, mail_on: bool) -> Result<Option<PathBuf>, String> {
        let Some(dir) = self
            .mail_intake_maildir
            .clone()
            .or_else(|| file.mail_intake_maildir.clone())
        else {
            return Ok(None);
        };
        if dir.as_os_str().is_empty() || !dir.is_absolute() {
            return Err(format!(
                "--mail-intake-maildir (MAYAK_MAIL_INTAKE_MAILDIR) must be an absolute path, not {:?}",
                dir.display().to_string()
            ));
        }
        if !mail_on {
            return Err("--mail-intake-maildir (MAYAK_MAIL_INTAKE_MAILDIR) needs --smtp-host and --mail-from: the answers to e-mail requests go out by e-mail".to_owned());
        }
        Ok(Some(dir))
    }

    fn hotline(&self, file: &FileConfig) -> Result<mayak_web::HotlineConfig, String> {
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        let mut h = mayak_web::HotlineConfig::default();
        let hours = pick(&self.hotline_hours, &file.hotline_hours);
        let offset = pick(&self.hotline_utc_offset, &file.hotline_utc_offset);
        if hours.is_some() || offset.is_some() {
            h.hours = mayak_domain::hotline::WorkingHours::parse(
                hours.as_deref().unwrap_or("08:00-20:00"),
                offset.as_deref().unwrap_or("+03:00"),
            )
            .map_err(|e| {
                format!("--hotline-hours / --hotline-utc-offset (MAYAK_HOTLINE_HOURS, MAYAK_HOTLINE_UTC_OFFSET): {e}")
            })?;
        }
        if let Some(n) = pick(&self.hotline_numbers, &file.hotline_numbers) {
            h.numbers = mayak_domain::hotline::parse_numbers(&n)
                .map_err(|e| format!("--hotline-numbers (MAYAK_HOTLINE_NUMBERS): {e}"))?;
        }
        if let Some(r) = self.hotline_public_rate.or(file.hotline_public_rate) {
            if !(1..=1000).contains(&r) {
                return Err(
                    "--hotline-public-rate (MAYAK_HOTLINE_PUBLIC_RATE) must be 1 to 1000"
                        .to_owned(),
                );
            }
            h.public_rate = r;
        }
        if let Some(token) = pick(&self.viber_token, &file.viber_token) {
            let token = token.trim().to_owned();
            if token.is_empty() || token.chars().any(|c| c.is_control() || c.is_whitespace()) {
                return Err(
                    "--viber-token (MAYAK_VIBER_TOKEN) must be the bot's token without spaces"
                        .to_owned(),
                );
            }
            let base_url = pick(&self.viber_base_url, &file.viber_base_url)
                .unwrap_or_else(|| mayak_web::viber::DEFAULT_BASE_URL.to_owned());
            if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
                return Err("--viber-base-url (MAYAK_VIBER_BASE_URL) must start with https:// (or http:// for a test server)".to_owned());
            }
            let sender_name = pick(&self.viber_sender_name, &file.viber_sender_name)
                .unwrap_or_else(|| "Горячая линия".to_owned());
            let n = sender_name.trim().chars().count();
            if n == 0 || n > 28 {
                return Err(
                    "--viber-sender-name (MAYAK_VIBER_SENDER_NAME) must be 1 to 28 characters"
                        .to_owned(),
                );
            }
            h.viber = Some(mayak_web::viber::ViberConfig {
                token,
                base_url,
                sender_name: sender_name.trim().to_owned(),
            });
        }
        Ok(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_file_and_file_over_defaults() {
        let file =
            FileConfig::parse("listen = \"0.0.0.0:9000\"\ndemo = true\ndata_dir = \"/srv/mayak\"")
                .unwrap_or_default();
        let args = ServeArgs {
            listen: Some("127.0.0.1:7000".into()),
            ..Default::default()
        };
        let c = args.resolve(&file).ok();
        assert_eq!(c.as_ref().map(|c| c.listen.port()), Some(7000));
        assert_eq!(c.as_ref().map(|c| c.demo), Some(true));
        assert_eq!(c.map(|c| c.db.data_dir), Some(PathBuf::from("/srv/mayak")));
        let d = ServeArgs::default().resolve(&FileConfig::default()).ok();
        assert_eq!(
            d.map(|c| c.listen.to_string()),
            Some(DEFAULT_LISTEN.to_owned())
        );
    }

    #[test]
    fn mail_is_off_by_default_and_checked_when_on() {
        let none = ServeArgs::default().resolve(&FileConfig::default());
        assert_eq!(none.ok().map(|c| c.mail), Some(None));
        let file = FileConfig::parse(
            "smtp_host = \"relay.ngo.by\"\nmail_from = \"mayak@ngo.by\"\npublic_url = \"https://mayak.ngo.by/\"",
        )
        .unwrap_or_default();
        let on = ServeArgs::default()
            .resolve(&file)
            .ok()
            .and_then(|c| c.mail);
        assert_eq!(
            on.map(|m| (m.smtp_port, m.base_url)),
            Some((25, "https://mayak.ngo.by".to_owned()))
        );
        let no_from = ServeArgs {
            smtp_host: Some("relay".into()),
            public_url: Some("https://m.by".into()),
            ..Default::default()
        }
        .resolve(&FileConfig::default());
        assert!(no_from.err().is_some_and(|m| m.contains("--mail-from")));
        let no_base = ServeArgs {
            smtp_host: Some("relay".into()),
            mail_from: Some("m@ngo.by".into()),
            ..Default::default()
        }
        .resolve(&FileConfig::default());
        assert!(no_base.err().is_some_and(|m| m.contains("--mail-base-url")));
        let bad_base = ServeArgs {
            smtp_host: Some("relay".into()),
            mail_from: Some("m@ngo.by".into()),
            mail_base_url: Some("mayak.ngo.by".into()),
            ..Default::default()
        }
        .resolve(&FileConfig::default());
        assert!(bad_base.err().is_some_and(|m| m.contains("http://")));
    }

    #[test]
    fn the_dashboards_keep_counts_30s_by_default_0_to_1h_if_asked() {
        use std::time::Duration;
        let resolve = |flag: Option<&str>, toml: &str| {
            let file = FileConfig::parse(toml).unwrap();
            ServeArgs {
                dashboard_max_age: flag.map(str::to_owned),
                ..Default::default()
            }
            .resolve(&file)
            .map(|c| c.dashboard_max_age)
        };
        assert_eq!(resolve(None, ""), Ok(Duration::from_secs(30)));
        assert_eq!(
            resolve(None, "[statistics]\ndashboard_max_age = \"5m\""),
            Ok(Duration::from_secs(300))
        );
        assert_eq!(
            resolve(Some("0"), "[statistics]\ndashboard_max_age = \"5m\""),
            Ok(Duration::ZERO)
        );
        assert_eq!(resolve(Some("1h"), ""), Ok(Duration::from_secs(3600)));
        let long = resolve(Some("2h"), "").unwrap_err();
        assert!(
            long.contains("--dashboard-max-age") && long.contains("at most 1h"),
            "{long}"
        );
        let bad = resolve(None, "[statistics]\ndashboard_max_age = \"soon\"").unwrap_err();
        assert!(bad.contains("[statistics] dashboard_max_age"), "{bad}");
    }

    #[test]
    fn the_disclosure_threshold_is_11_to_1000_and_says_how_to_fix_it() {
        let resolve = |args: ServeArgs, toml: &str| {
            let file = FileConfig::parse(toml).unwrap();
            args.resolve(&file).map(|c| c.disclosure_threshold)
        };
        assert_eq!(resolve(ServeArgs::default(), ""), Ok(11));
        assert_eq!(
            resolve(
                ServeArgs::default(),
                "[statistics]\ndisclosure_threshold = 20"
            ),
            Ok(20)
        );
        let flag = |n| ServeArgs {
            disclosure_threshold: Some(n),
            ..Default::default()
        };
        // The flag (or its environment variable) wins over the file.
        assert_eq!(
            resolve(flag(25), "[statistics]\ndisclosure_threshold = 20"),
            Ok(25)
        );
        assert_eq!(resolve(flag(11), ""), Ok(11));
        assert_eq!(resolve(flag(1000), ""), Ok(1000));
        let low = resolve(
            ServeArgs::default(),
            "[statistics]\ndisclosure_threshold = 5",
        )
        .unwrap_err();
        assert!(
            low.contains("[statistics] disclosure_threshold is 5")
                && low.contains("at least 11")
                && low.contains("Set 11 or more"),
            "{low}"
        );
        let low = resolve(flag(10), "").unwrap_err();
        assert!(low.contains("--disclosure-threshold (MAYAK_DISCLOSURE_THRESHOLD) is 10"));
        assert!(resolve(flag(-3), "").is_err());
        let high = resolve(flag(1001), "").unwrap_err();
        assert!(high.contains("at most 1000"), "{high}");
        // A typo in the section is refused, like any unknown key.
        assert!(
            FileConfig::parse("[statistics]\ndisclosure_treshold = 20")
                .err()
                .is_some_and(|m| m.contains("disclosure_treshold"))
        );
        assert!(FileConfig::parse("[statistics]\ndisclosure_threshold = \"x\"").is_err());
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("x", "30m"), Ok(time::Duration::minutes(30)));
        assert_eq!(parse_duration("x", "45s"), Ok(time::Duration::seconds(45)));
        assert!(
            parse_duration("--session-idle", "30").is_err_and(|e| e.contains("--session-idle"))
        );
        assert!(parse_duration("x", "-5m").is_err());
        assert!(parse_duration("x", "").is_err());
    }

    #[test]
    fn bad_values_are_named() {
        let e = ServeArgs {
            listen: Some("localhost".into()),
            ..Default::default()
        }
        .resolve(&FileConfig::default());
        assert!(e.err().is_some_and(|m| m.contains("--listen")));
        let e = DbArgs {
            database_url: Some("mysql://x".into()),
            ..Default::default()
        }
        .resolve(&FileConfig::default());
        assert!(e.err().is_some_and(|m| m.contains("--database-url")));
        assert!(
            FileConfig::parse("lisen = \"x\"")
                .err()
                .is_some_and(|m| m.contains("lisen"))
        );
    }
}
