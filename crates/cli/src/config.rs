//! Configuration: command-line flags, `MAYAK_<NAME>` environment variables and a TOML file
//! given with `--config`, in that order of precedence, then defaults.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Where the database is.
#[derive(Debug, Clone, clap::Args, Default)]
pub struct DbArgs {
    /// Directory for the SQLite database, key files and uploaded files [default: ./mayak-data]
    #[arg(long, env = "MAYAK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL, `sqlite://…` or `postgres://…`; PostgreSQL when given
    #[arg(
        long,
        env = "MAYAK_DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
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
    /// Load demo data.
    pub demo: Option<bool>,
    /// Public address.
    pub public_url: Option<String>,
    /// Instance name.
    pub instance: Option<String>,
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
        Ok(DbConfig {
            data_dir,
            database_url,
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
        Ok(ServeConfig {
            db: self.db.resolve(file)?,
            listen,
            demo: self.demo.or(file.demo).unwrap_or(false),
            public_url,
            instance,
        })
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
