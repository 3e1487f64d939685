//! The cryptography of identifying data and of the audit trail, as pure functions:
//! - envelope encryption: each person's identifying data is sealed with XChaCha20-Poly1305
//!   under a random data key, which is itself sealed ("wrapped") under a key-encryption key;
//! - blind indexes: keyed HMAC-SHA-256 of normalised values, for exact search and duplicate
//!   detection without storing the values;
//! - the audit hash chain (SHA-256) and Ed25519-signed checkpoints of it.
//!
//! Every ciphertext is bound to its context by associated data (which person, which field),
//! so a ciphertext copied to another row does not decrypt.

use crate::clock::Random;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// A 256-bit symmetric key. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl SecretKey {
    /// A fresh random key.
    pub fn generate(rng: &dyn Random) -> Self {
        let mut b = [0u8; 32];
        rng.fill(&mut b);
        Self(b)
    }

    /// A key from exactly 32 bytes.
    pub fn from_slice(b: &[u8]) -> Option<Self> {
        <[u8; 32]>::try_from(b).ok().map(Self)
    }

    /// The raw bytes (to wrap or to store in a key file).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }
}

/// Decryption failed: wrong key, wrong context, or tampered ciphertext.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("decryption failed: wrong key or tampered data")]
pub struct Undecryptable;

const NONCE_LEN: usize = 24;

/// Seals `plaintext` under `key`, bound to `context`: a random 24-byte nonce followed by the
/// ciphertext and its tag.
pub fn seal(key: &SecretKey, context: &[u8], plaintext: &[u8], rng: &dyn Random) -> Vec<u8> {
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut nonce);
    let ct = key
        .cipher()
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: plaintext,
                aad: context,
            },
        )
        .unwrap_or_default(); // Only fails for inputs beyond 256 GiB.
    let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    out
}

/// Opens what [`seal`] sealed with the same key and context.
pub fn open(key: &SecretKey, context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, Undecryptable> {
    if sealed.len() < NONCE_LEN + 16 {
        return Err(Undecryptable);
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| Undecryptable)?;
    key.cipher()
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: ct,
                aad: context,
            },
        )
        .map_err(|_| Undecryptable)
}

/// Wraps a data key under a key-encryption key, bound to what it protects.
pub fn wrap(kek: &SecretKey, context: &[u8], dek: &SecretKey, rng: &dyn Random) -> Vec<u8> {
    seal(kek, context, dek.as_bytes(), rng)
}

/// Unwraps a data key.
pub fn unwrap(kek: &SecretKey, context: &[u8], wrapped: &[u8]) -> Result<SecretKey, Undecryptable> {
    let b = open(kek, context, wrapped)?;
    SecretKey::from_slice(&b).ok_or(Undecryptable)
}

/// HMAC-SHA-256 of `kind:value` under the blind-index key, hex (first 16 bytes: enough to make
/// accidental collisions negligible, short enough to index).
pub fn blind_index(key: &SecretKey, kind: &str, normalised: &str) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(key.as_bytes()) else {
        return String::new();
    };
    mac.update(kind.as_bytes());
    mac.update(b":");
    mac.update(normalised.as_bytes());
    hex(&mac.finalize().into_bytes()[..16])
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses lower- or upper-case hexadecimal.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Normalises a name for the blind index: Cyrillic transliterated to Latin, letters only,
/// lower case, words sorted (so "Ivanova Anna" and "Анна Иванова" meet).
pub fn normalise_name(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .flat_map(|c| transliterate(c.to_lowercase().next().unwrap_or(c)).chars())
                .filter(char::is_ascii_alphabetic)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.join(" ")
}

fn transliterate(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' | 'є' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' | 'й' | 'ы' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' | '\'' | '’' => "",
        'ю' => "yu",
        'я' => "ya",
        'a' => "a",
        'b' => "b",
        'c' => "c",
        'd' => "d",
        'e' => "e",
        'f' => "f",
        'g' => "g",
        'h' => "h",
        'i' => "i",
        'j' => "j",
        'k' => "k",
        'l' => "l",
        'm' => "m",
        'n' => "n",
        'o' => "o",
        'p' => "p",
        'q' => "q",
        'r' => "r",
        's' => "s",
        't' => "t",
        'u' => "u",
        'v' => "v",
        'w' => "w",
        'x' => "x",
        'y' => "y",
        'z' => "z",
        _ => "",
    }
}

/// Normalises a document number: letters and digits only, upper case.
pub fn normalise_document(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Normalises a phone number to its digits, with Belarusian national numbers (`80…`) in
/// international form (`375…`).
pub fn normalise_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("80") {
        Some(rest) if digits.len() == 11 => format!("375{rest}"),
        _ => digits,
    }
}

/// The genesis value of the audit chain (the "previous hash" of the first entry).
pub const CHAIN_GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends canonical field encodings for the audit chain: a presence byte, a 4-byte length
/// and the UTF-8 bytes, so no two different entries encode alike.
#[derive(Debug, Default)]
pub struct Canonical(Vec<u8>);

impl Canonical {
    /// Adds a present field.
    pub fn text(mut self, v: &str) -> Self {
        self.0.push(1);
        self.0.extend_from_slice(&(v.len() as u32).to_be_bytes());
        self.0.extend_from_slice(v.as_bytes());
        self
    }

    /// Adds an optional field.
    pub fn opt(mut self, v: Option<&str>) -> Self {
        match v {
            Some(v) => self.text(v),
            None => {
                self.0.push(0);
                self
            }
        }
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// The chain hash of an entry: SHA-256 over the previous hash and the entry's encoding.
pub fn chain_hash(prev: &str, entry: &Canonical) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(entry.bytes());
    hex(&h.finalize())
}

/// The message a checkpoint signs.
pub fn checkpoint_message(seq: i64, hash: &str) -> Vec<u8> {
    format!("mayak-audit-checkpoint:{seq}:{hash}").into_bytes()
}

/// Signs a checkpoint with an Ed25519 key (the 32-byte seed); returns the signature, hex.
pub fn sign_checkpoint(seed: &SecretKey, seq: i64, hash: &str) -> String {
    use ed25519_dalek::Signer;
    let key = ed25519_dalek::SigningKey::from_bytes(seed.as_bytes());
    hex(&key.sign(&checkpoint_message(seq, hash)).to_bytes())
}

/// The public key of a signing seed, hex.
pub fn public_key(seed: &SecretKey) -> String {
    hex(ed25519_dalek::SigningKey::from_bytes(seed.as_bytes())
        .verifying_key()
        .as_bytes())
}

/// Checks a checkpoint signature against a public key (both hex).
pub fn verify_checkpoint(public_key_hex: &str, seq: i64, hash: &str, signature_hex: &str) -> bool {
    let (Some(pk), Some(sig)) = (unhex(public_key_hex), unhex(signature_hex)) else {
        return false;
    };
    let (Ok(pk), Ok(sig)) = (
        <[u8; 32]>::try_from(pk.as_slice()),
        <[u8; 64]>::try_from(sig.as_slice()),
    ) else {
        return false;
    };
    let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(&pk) else {
        return false;
    };
    vk.verify_strict(
        &checkpoint_message(seq, hash),
        &ed25519_dalek::Signature::from_bytes(&sig),
    )
    .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SplitMix64;

    #[test]
    fn sealed_data_opens_only_with_its_key_and_context() {
        let rng = SplitMix64::new(5);
        let k = SecretKey::generate(&rng);
        let sealed = seal(&k, b"person:1", b"Anna Ivanova", &rng);
        assert_eq!(
            open(&k, b"person:1", &sealed).unwrap_or_default(),
            b"Anna Ivanova"
        );
        assert_eq!(
            open(&k, b"person:2", &sealed),
            Err(Undecryptable),
            "bound to its row"
        );
        assert_eq!(
            open(&SecretKey::generate(&rng), b"person:1", &sealed),
            Err(Undecryptable)
        );
        let mut tampered = sealed.clone();
        tampered[30] ^= 1;
        assert_eq!(open(&k, b"person:1", &tampered), Err(Undecryptable));
        assert!(
            !sealed.windows(4).any(|w| w == b"Anna"),
            "no plaintext in the ciphertext"
        );
        assert_ne!(
            seal(&k, b"person:1", b"Anna Ivanova", &rng),
            sealed,
            "fresh nonce each time"
        );
    }

    #[test]
    fn data_keys_wrap_and_unwrap() {
        let rng = SplitMix64::new(6);
        let kek = SecretKey::generate(&rng);
        let dek = SecretKey::generate(&rng);
        let w = wrap(&kek, b"dek:7", &dek, &rng);
        assert_eq!(unwrap(&kek, b"dek:7", &w).ok(), Some(dek));
        assert!(unwrap(&kek, b"dek:8", &w).is_err());
    }

    #[test]
    fn normalisation_meets_across_scripts_and_formats() {
        assert_eq!(
            normalise_name("Иванова  Анна"),
            normalise_name("anna IVANOVA")
        );
        assert_eq!(normalise_name("Шчэрбань Алесь"), "ales shcherban");
        assert_eq!(normalise_document(" mp 123-45 67 "), "MP1234567");
        assert_eq!(normalise_phone("8 (029) 123-45-67"), "375291234567");
        assert_eq!(normalise_phone("+375 29 123 45 67"), "375291234567");
    }

    #[test]
    fn blind_indexes_depend_on_key_kind_and_value() {
        let rng = SplitMix64::new(7);
        let k = SecretKey::generate(&rng);
        let a = blind_index(&k, "phone", "375291234567");
        assert_eq!(a.len(), 32);
        assert_eq!(a, blind_index(&k, "phone", "375291234567"));
        assert_ne!(a, blind_index(&k, "document", "375291234567"));
        assert_ne!(
            a,
            blind_index(&SecretKey::generate(&rng), "phone", "375291234567")
        );
    }

    #[test]
    fn chain_hashes_change_with_any_field_and_order() {
        let e1 = Canonical::default()
            .text("1")
            .opt(Some("login.success"))
            .opt(None);
        let e2 = Canonical::default()
            .text("1")
            .opt(None)
            .opt(Some("login.success"));
        assert_ne!(
            chain_hash(CHAIN_GENESIS, &e1),
            chain_hash(CHAIN_GENESIS, &e2)
        );
        let h1 = chain_hash(CHAIN_GENESIS, &e1);
        assert_ne!(
            chain_hash(&h1, &e2),
            chain_hash(&chain_hash(CHAIN_GENESIS, &e2), &e1)
        );
    }

    #[test]
    fn checkpoints_are_signed_and_verified() {
        let seed = SecretKey::generate(&SplitMix64::new(8));
        let pk = public_key(&seed);
        let sig = sign_checkpoint(&seed, 42, "abc");
        assert!(verify_checkpoint(&pk, 42, "abc", &sig));
        assert!(!verify_checkpoint(&pk, 43, "abc", &sig));
        assert!(!verify_checkpoint(&pk, 42, "abd", &sig));
        assert!(!verify_checkpoint(
            &public_key(&SecretKey::generate(&SplitMix64::new(9))),
            42,
            "abc",
            &sig
        ));
        assert_eq!(unhex(&hex(&[0, 255, 16])), Some(vec![0, 255, 16]));
    }
}
