//! The vault: the keys that protect identifying data, and sealed persons.
//!
//! Keys every instance needs (the blind-index key, the audit signing key) are kept in the
//! database wrapped under the KEK, so instances share them without sharing files beyond the
//! KEK itself. A "KEK check" value tells at start-up whether the KEK matches the database.

use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::keyring::Keyring;
use crate::orgs;
use mayak_domain::Random;
use mayak_domain::crypto::{self, SecretKey};
use std::sync::Arc;

/// The keys of a running Mayak.
#[derive(Debug)]
pub struct Vault {
    keyring: Arc<Keyring>,
    index_key: SecretKey,
    signing_seed: SecretKey,
}

const KEK_CHECK: &str = "kek_check";
const INDEX_KEY: &str = "blind_index_key";
const SIGNING_KEY: &str = "audit_signing_key";
/// Metadata key of the salt for passphrase-derived KEKs.
pub const KEK_SALT: &str = "kek_salt";

fn encode(version: u32, sealed: &[u8]) -> String {
    format!("{version}:{}", crypto::hex(sealed))
}

fn decode(value: &str) -> Result<(u32, Vec<u8>)> {
    let bad = || {
        StoreError::Config(format!(
            "a wrapped key in mayak_meta is damaged: {value:.12}…"
        ))
    };
    let (v, h) = value.split_once(':').ok_or_else(bad)?;
    Ok((
        v.parse().map_err(|_| bad())?,
        crypto::unhex(h).ok_or_else(bad)?,
    ))
}

/// The salt of passphrase-derived KEKs, created once per database.
pub async fn passphrase_salt(store: &Store, rng: &dyn Random) -> Result<Vec<u8>> {
    let mut salt = [0u8; 16];
    rng.fill(&mut salt);
    insert_meta_if_absent(store, KEK_SALT, &crypto::hex(&salt)).await?;
    let stored = orgs::meta_get(store, KEK_SALT).await?.unwrap_or_default();
    crypto::unhex(&stored).ok_or_else(|| {
        StoreError::Config("the passphrase salt in mayak_meta is damaged".to_owned())
    })
}

async fn insert_meta_if_absent(store: &Store, key: &str, value: &str) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("INSERT INTO mayak_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
            .bind(key)
            .bind(value)
            .execute(p)
            .await?;
    });
    Ok(())
}

impl Vault {
    /// Checks the KEK against the database and loads (or, on first start, creates) the keys
    /// every instance shares. Several instances starting at once agree on one set.
    pub async fn open(store: &Store, keyring: Arc<Keyring>, rng: &dyn Random) -> Result<Self> {
        let (version, kek) = keyring.current()?;
        insert_meta_if_absent(
            store,
            KEK_CHECK,
            &encode(version, &crypto::seal(&kek, b"kek-check", b"mayak", rng)),
        )
        .await?;
        let stored = orgs::meta_get(store, KEK_CHECK).await?.unwrap_or_default();
        let (v, sealed) = decode(&stored)?;
        let key = keyring.get(v)?;
        if crypto::open(&key, b"kek-check", &sealed).is_err() {
            return Err(StoreError::Config(
                "the key-encryption key does not match this database: supply the right key file \
                 (--kek-file), MAYAK_KEK or MAYAK_KEK_PASSPHRASE"
                    .to_owned(),
            ));
        }
        let index_key = Self::shared_key(store, &keyring, INDEX_KEY, rng).await?;
        let signing_seed = Self::shared_key(store, &keyring, SIGNING_KEY, rng).await?;
        Ok(Self {
            keyring,
            index_key,
            signing_seed,
        })
    }

    async fn shared_key(
        store: &Store,
        keyring: &Keyring,
        name: &str,
        rng: &dyn Random,
    ) -> Result<SecretKey> {
        let (version, kek) = keyring.current()?;
        let fresh = SecretKey::generate(rng);
        insert_meta_if_absent(
            store,
            name,
            &encode(version, &crypto::wrap(&kek, name.as_bytes(), &fresh, rng)),
        )
        .await?;
        let stored = orgs::meta_get(store, name).await?.unwrap_or_default();
        let (v, wrapped) = decode(&stored)?;
        crypto::unwrap(&keyring.get(v)?, name.as_bytes(), &wrapped).map_err(|_| {
            StoreError::Config(format!(
                "the {name} in the database cannot be unwrapped with this KEK"
            ))
        })
    }

    /// Re-wraps the shared keys and the KEK check under KEK `to` (rotation).
    pub async fn rewrap_shared(&self, store: &Store, to: u32, rng: &dyn Random) -> Result<()> {
        let kek = self.keyring.get(to)?;
        orgs::meta_set(
            store,
            KEK_CHECK,
            &encode(to, &crypto::seal(&kek, b"kek-check", b"mayak", rng)),
        )
        .await?;
        orgs::meta_set(
            store,
            INDEX_KEY,
            &encode(
                to,
                &crypto::wrap(&kek, INDEX_KEY.as_bytes(), &self.index_key, rng),
            ),
        )
        .await?;
        orgs::meta_set(
            store,
            SIGNING_KEY,
            &encode(
                to,
                &crypto::wrap(&kek, SIGNING_KEY.as_bytes(), &self.signing_seed, rng),
            ),
        )
        .await?;
        Ok(())
    }

    /// The keyring.
    pub fn keyring(&self) -> &Arc<Keyring> {
        &self.keyring
    }

    /// A blind index of a normalised value.
    pub fn index(&self, kind: &str, normalised: &str) -> String {
        crypto::blind_index(&self.index_key, kind, normalised)
    }

    /// The audit checkpoint signing seed.
    pub fn signing_seed(&self) -> &SecretKey {
        &self.signing_seed
    }

    /// The audit checkpoint public key, hex.
    pub fn public_key(&self) -> String {
        crypto::public_key(&self.signing_seed)
    }
}
