//! Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30-second steps), as every
//! authenticator app speaks them, and one-time recovery codes.

use crate::clock::Random;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// Length of a TOTP step in seconds.
pub const STEP_SECONDS: i64 = 30;
/// Digits in a code.
pub const DIGITS: u32 = 6;
/// Steps accepted on either side of now, for clock drift between phone and server.
pub const DRIFT_STEPS: i64 = 1;

/// A TOTP shared secret (20 bytes, as RFC 4226 recommends). Never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

impl TotpSecret {
    /// A fresh random secret.
    pub fn generate(rng: &dyn Random) -> Self {
        let mut b = vec![0u8; 20];
        rng.fill(&mut b);
        Self(b)
    }

    /// A secret from raw bytes.
    pub fn from_bytes(b: Vec<u8>) -> Self {
        Self(b)
    }

    /// The raw bytes, for storage.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Base32 (RFC 4648, no padding), as authenticator apps accept it when typed.
    pub fn base32(&self) -> String {
        base32(&self.0)
    }

    /// The `otpauth://` URI for a QR code.
    pub fn uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            percent(issuer),
            percent(account),
            self.base32(),
            percent(issuer)
        )
    }

    /// The code for time step `step`.
    pub fn code_at_step(&self, step: i64) -> u32 {
        let Ok(mut mac) = <Hmac<Sha1> as KeyInit>::new_from_slice(&self.0) else {
            return u32::MAX; // HMAC accepts keys of any length; unreachable in practice.
        };
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = usize::from(digest[digest.len() - 1] & 0x0f);
        let bin = (u32::from(digest[offset] & 0x7f) << 24)
            | (u32::from(digest[offset + 1]) << 16)
            | (u32::from(digest[offset + 2]) << 8)
            | u32::from(digest[offset + 3]);
        bin % 10u32.pow(DIGITS)
    }

    /// Checks a typed code at Unix time `unix` and returns the step it matched, refusing
    /// steps at or before `last_used_step` (a code works once).
    pub fn verify(&self, code: &str, unix: i64, last_used_step: Option<i64>) -> Option<i64> {
        let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != DIGITS as usize || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let now = unix.div_euclid(STEP_SECONDS);
        let mut matched = None;
        for step in (now - DRIFT_STEPS)..=(now + DRIFT_STEPS) {
            let expected = format!(
                "{:0width$}",
                self.code_at_step(step),
                width = DIGITS as usize
            );
            if bool::from(expected.as_bytes().ct_eq(digits.as_bytes())) {
                matched = Some(step);
            }
        }
        matched.filter(|s| last_used_step.is_none_or(|last| *s > last))
    }
}

/// RFC 4648 base32 without padding.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Number of recovery codes issued at enrolment.
pub const RECOVERY_CODES: usize = 10;

/// Fresh recovery codes, `xxxxx-xxxxx` from an unambiguous alphabet (about 50 bits each).
pub fn recovery_codes(rng: &dyn Random) -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let raw = crate::password::generate(rng, 10).to_ascii_lowercase();
            format!("{}-{}", &raw[..5], &raw[5..])
        })
        .collect()
}

/// A recovery code as typed, normalised for lookup (case, spaces and dashes ignored).
pub fn normalise_recovery_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (8 digits there; the last 6 digits here).
    #[test]
    fn rfc6238_vectors() {
        let s = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        for (t, code8) in [
            (59, 94287082u32),
            (1111111109, 7081804),
            (1111111111, 14050471),
            (1234567890, 89005924),
            (2000000000, 69279037),
        ] {
            assert_eq!(s.code_at_step(t / STEP_SECONDS), code8 % 1_000_000, "t={t}");
        }
    }

    #[test]
    fn codes_work_once_and_within_drift() {
        let s = TotpSecret::from_bytes(b"12345678901234567890".to_vec());
        let t = 1_234_567_890;
        let code = format!("{:06}", s.code_at_step(t / STEP_SECONDS));
        let step = s.verify(&code, t, None);
        assert_eq!(step, Some(t / STEP_SECONDS));
        assert_eq!(s.verify(&code, t, step), None, "replay refused");
        assert!(s.verify(&code, t + 30, None).is_some(), "one step of drift");
        assert!(s.verify(&code, t + 95, None).is_none(), "three steps late");
        assert!(s.verify("12345", t, None).is_none());
        assert!(s.verify("abcdef", t, None).is_none());
    }

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b""), "");
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalise() {
        let rng = crate::clock::SplitMix64::new(9);
        let codes = recovery_codes(&rng);
        assert_eq!(codes.len(), RECOVERY_CODES);
        let set: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(set.len(), RECOVERY_CODES);
        assert_eq!(normalise_recovery_code(" ABCDE-fghij "), "abcdefghij");
    }
}
