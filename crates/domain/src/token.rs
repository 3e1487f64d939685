//! Opaque secrets handed to clients (session cookies, API tokens, CSRF tokens). The server
//! keeps only their SHA-256, so a copy of the database opens no session.

use crate::clock::Random;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// A fresh random secret of 32 bytes (256 bits), URL-safe base64 with `prefix`.
pub fn generate(rng: &dyn Random, prefix: &str) -> String {
    let mut b = [0u8; 32];
    rng.fill(&mut b);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(b))
}

/// The SHA-256 of a secret, hex-encoded, as stored.
pub fn digest(secret: &str) -> String {
    let d = Sha256::digest(secret.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in constant time.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let rng = crate::clock::SplitMix64::new(1);
        let a = generate(&rng, "mayak_");
        let b = generate(&rng, "mayak_");
        assert_ne!(a, b);
        assert!(a.starts_with("mayak_") && a.len() == 6 + 43);
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same(&a, &a.clone()) && !same(&a, &b));
    }
}
