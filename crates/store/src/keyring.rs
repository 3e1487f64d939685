//! The key-encryption keys (KEKs): where they come from and which versions exist.
//!
//! Three sources, chosen by the operator:
//! - a key file (default `<data-dir>/keys/kek`), created at first start, readable only by its
//!   owner (start-up refuses a file others can read); it holds one line per key version, so
//!   `mayak keys rotate` can add a version while servers run, and servers reload it when
//!   they meet a version they do not know;
//! - `MAYAK_KEK`: the key itself, base64, from the environment;
//! - `MAYAK_KEK_PASSPHRASE`: a passphrase, stretched with Argon2id and a salt kept in the
//!   database, so a stolen disk alone reveals nothing.

use crate::error::{Result, StoreError};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mayak_domain::Random;
use mayak_domain::crypto::SecretKey;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// Where the KEK comes from.
#[derive(Debug, Clone)]
pub enum KekSource {
    /// A key file with one line per version.
    File(PathBuf),
    /// The key itself (from `MAYAK_KEK`).
    Key(SecretKey),
    /// A key derived from a passphrase (from `MAYAK_KEK_PASSPHRASE`) with this salt.
    Passphrase(SecretKey),
}

/// The KEK versions known to this process.
#[derive(Debug)]
pub struct Keyring {
    source: KekSource,
    versions: RwLock<BTreeMap<u32, SecretKey>>,
}

const LINE_PREFIX: &str = "mayak-kek v";

fn parse_file(path: &Path) -> Result<BTreeMap<u32, SecretKey>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        StoreError::Config(format!("cannot read the key file {}: {e}", path.display()))
    })?;
    let mut out = BTreeMap::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = || {
            StoreError::Config(format!(
                "the key file {} is damaged at line {}",
                path.display(),
                i + 1
            ))
        };
        let rest = line.trim().strip_prefix(LINE_PREFIX).ok_or_else(bad)?;
        let (v, key) = rest.split_once(' ').ok_or_else(bad)?;
        let v: u32 = v.parse().map_err(|_| bad())?;
        let bytes = STANDARD.decode(key.trim()).map_err(|_| bad())?;
        out.insert(v, SecretKey::from_slice(&bytes).ok_or_else(bad)?);
    }
    if out.is_empty() {
        return Err(StoreError::Config(format!(
            "the key file {} holds no key",
            path.display()
        )));
    }
    Ok(out)
}

fn write_file(path: &Path, versions: &BTreeMap<u32, SecretKey>) -> Result<()> {
    let text: String = versions
        .iter()
        .map(|(v, k)| format!("{LINE_PREFIX}{v} {}\n", STANDARD.encode(k.as_bytes())))
        .collect();
    let tmp = path.with_extension("tmp");
    let io = |e: std::io::Error| {
        StoreError::Config(format!("cannot write the key file {}: {e}", path.display()))
    };
    {
        use std::io::Write;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(io)?;
        f.write_all(text.as_bytes()).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(())
}

/// Refuses a key file that users other than its owner can read or write.
pub fn check_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|e| {
            StoreError::Config(format!("cannot read the key file {}: {e}", path.display()))
        })?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(StoreError::Config(format!(
                "the key file {} can be read by other users (mode {mode:o}): run `chmod 600 {}`",
                path.display(),
                path.display()
            )));
        }
    }
    Ok(())
}

impl Keyring {
    /// Opens the key file, creating it with a fresh key (version 1) when it does not exist.
    pub fn from_file(path: &Path, rng: &dyn Random) -> Result<Self> {
        if !path.exists() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Config(format!("cannot create {}: {e}", dir.display()))
                })?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
                }
            }
            let mut first = BTreeMap::new();
            first.insert(1, SecretKey::generate(rng));
            write_file(path, &first)?;
        }
        check_permissions(path)?;
        let versions = parse_file(path)?;
        Ok(Self {
            source: KekSource::File(path.to_owned()),
            versions: RwLock::new(versions),
        })
    }

    /// A keyring of one key given directly (base64 of 32 bytes), as version 1.
    pub fn from_key_base64(b64: &str) -> Result<Self> {
        let bytes = STANDARD
            .decode(b64.trim())
            .map_err(|_| StoreError::Config("MAYAK_KEK must be 32 bytes in base64".to_owned()))?;
        let key = SecretKey::from_slice(&bytes)
            .ok_or_else(|| StoreError::Config("MAYAK_KEK must be 32 bytes in base64".to_owned()))?;
        let mut versions = BTreeMap::new();
        versions.insert(1, key.clone());
        Ok(Self {
            source: KekSource::Key(key),
            versions: RwLock::new(versions),
        })
    }

    /// A keyring of one key derived from a passphrase with Argon2id (64 MiB, 3 passes).
    pub fn from_passphrase(passphrase: &str, salt: &[u8]) -> Result<Self> {
        if passphrase.chars().count() < 16 {
            return Err(StoreError::Config(
                "MAYAK_KEK_PASSPHRASE must have at least 16 characters".to_owned(),
            ));
        }
        let params = argon2::Params::new(64 * 1024, 3, 1, Some(32))
            .map_err(|e| StoreError::Config(format!("key derivation: {e}")))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = [0u8; 32];
        argon
            .hash_password_into(passphrase.as_bytes(), salt, &mut out)
            .map_err(|e| StoreError::Config(format!("key derivation: {e}")))?;
        let key = SecretKey::from_slice(&out)
            .ok_or_else(|| StoreError::Config("key derivation failed".to_owned()))?;
        let mut versions = BTreeMap::new();
        versions.insert(1, key.clone());
        Ok(Self {
            source: KekSource::Passphrase(key),
            versions: RwLock::new(versions),
        })
    }

    /// The newest version and its key.
    pub fn current(&self) -> Result<(u32, SecretKey)> {
        let v = self
            .versions
            .read()
            .map_err(|_| StoreError::Config("keyring lock poisoned".to_owned()))?;
        v.iter()
            .next_back()
            .map(|(n, k)| (*n, k.clone()))
            .ok_or_else(|| StoreError::Config("no key-encryption key".to_owned()))
    }

    /// The key of `version`; a key file is read again when the version is new to this process
    /// (another process rotated the keys).
    pub fn get(&self, version: u32) -> Result<SecretKey> {
        if let Some(k) = self
            .versions
            .read()
            .ok()
            .and_then(|v| v.get(&version).cloned())
        {
            return Ok(k);
        }
        if let KekSource::File(path) = &self.source {
            let fresh = parse_file(path)?;
            if let Ok(mut v) = self.versions.write() {
                v.extend(fresh);
            }
            if let Some(k) = self
                .versions
                .read()
                .ok()
                .and_then(|v| v.get(&version).cloned())
            {
                return Ok(k);
            }
        }
        Err(StoreError::Config(format!(
            "the key-encryption key version {version} is not available: supply the key file or secret that holds it"
        )))
    }

    /// Adds a new version to the key file and returns it (rotation, step one).
    pub fn add_version(&self, rng: &dyn Random) -> Result<u32> {
        let KekSource::File(path) = &self.source else {
            return Err(StoreError::Config(
                "key rotation while servers run needs the key file (--kek-file); with MAYAK_KEK or \
                 MAYAK_KEK_PASSPHRASE, rotate by exporting a backup and restoring it under the new secret"
                    .to_owned(),
            ));
        };
        let mut all = parse_file(path)?;
        let next = all.keys().next_back().copied().unwrap_or(0) + 1;
        all.insert(next, SecretKey::generate(rng));
        write_file(path, &all)?;
        if let Ok(mut v) = self.versions.write() {
            *v = all;
        }
        Ok(next)
    }

    /// Removes versions older than `keep_from` from the key file (rotation, last step).
    pub fn retire_before(&self, keep_from: u32) -> Result<()> {
        let KekSource::File(path) = &self.source else {
            return Ok(());
        };
        let mut all = parse_file(path)?;
        all.retain(|v, _| *v >= keep_from);
        write_file(path, &all)?;
        if let Ok(mut v) = self.versions.write() {
            v.retain(|n, _| *n >= keep_from);
        }
        Ok(())
    }

    /// Every version known now.
    pub fn versions(&self) -> Vec<u32> {
        self.versions
            .read()
            .map(|v| v.keys().copied().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_created_private_and_rotates() {
        let dir = std::env::temp_dir().join(format!("mayak-keyring-{}", std::process::id()));
        let path = dir.join("keys").join("kek");
        let rng = mayak_domain::SplitMix64::new(3);
        let ring = Keyring::from_file(&path, &rng).unwrap();
        let (v1, k1) = ring.current().unwrap();
        assert_eq!(v1, 1);
        let again = Keyring::from_file(&path, &rng).unwrap();
        assert_eq!(
            again.current().unwrap().1,
            k1,
            "the same key on the next start"
        );
        let v2 = ring.add_version(&rng).unwrap();
        assert_eq!(v2, 2);
        // Another process picks the new version up from the file.
        assert!(again.get(2).is_ok());
        ring.retire_before(2).unwrap();
        assert_eq!(Keyring::from_file(&path, &rng).unwrap().versions(), vec![2]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let err = Keyring::from_file(&path, &rng)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains("chmod 600"), "{err}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn passphrases_derive_stable_keys() {
        let a =
            Keyring::from_passphrase("correct horse battery staple", b"0123456789abcdef").unwrap();
        let b =
            Keyring::from_passphrase("correct horse battery staple", b"0123456789abcdef").unwrap();
        assert_eq!(a.current().unwrap().1, b.current().unwrap().1);
        assert!(Keyring::from_passphrase("short", b"0123456789abcdef").is_err());
        assert!(Keyring::from_key_base64("not base64!").is_err());
    }
}
