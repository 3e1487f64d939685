//! Password hashing with Argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane).

use crate::clock::Random;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// Hashing failed; only possible with broken parameters, reported rather than panicking.
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password into a PHC string (`$argon2id$v=19$…`) with a fresh 16-byte salt.
pub fn hash(password: &str, rng: &dyn Random) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    rng.fill(&mut salt);
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// True when `password` matches the stored PHC string; false for a malformed hash.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Shortest password accepted (OWASP ASVS 5.0, 6.2.1).
pub const MIN_LEN: usize = 12;
/// Longest password accepted (6.2.9 asks for at least 64; 128 keeps hashing bounded).
pub const MAX_LEN: usize = 128;

const COMMON: &str = include_str!("../data/common-passwords.txt");

fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Checks a new password against the policy: 12 to 128 characters, not a common or breached
/// password (nor one repeated or with a few digits added), not built on the login or on the
/// name of the system, and not made of a handful of characters. Returns the rule broken as a
/// field error on `field`.
pub fn check_policy(field: &str, password: &str, login: &str) -> Result<(), crate::FieldError> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(
            crate::FieldError::new(field, "password_too_short").with("min", MIN_LEN.to_string())
        );
    }
    if len > MAX_LEN {
        return Err(crate::FieldError::too_long(field, MAX_LEN));
    }
    let lower = password.to_lowercase();
    let common = common_passwords();
    let stripped = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    let is_repeat = (1..=lower.len() / 2).any(|n| {
        lower.len().is_multiple_of(n)
            && lower.is_char_boundary(n)
            && lower[..n].repeat(lower.len() / n) == lower
    });
    let repeated_common = (4..=lower.len() / 2).any(|n| {
        lower.len().is_multiple_of(n)
            && lower.is_char_boundary(n)
            && common.contains(&lower[..n])
            && lower[..n].repeat(lower.len() / n) == lower
    });
    if common.contains(lower.as_str())
        || (stripped.len() >= 4 && lower.len() - stripped.len() <= 6 && common.contains(stripped))
        || is_repeat
        || repeated_common
    {
        return Err(crate::FieldError::new(field, "password_common"));
    }
    let login = login.trim().to_lowercase();
    if (login.len() >= 3 && lower.contains(&login))
        || lower.contains("mayak")
        || lower.contains("маяк")
    {
        return Err(crate::FieldError::new(field, "password_context"));
    }
    let distinct: std::collections::HashSet<char> = lower.chars().collect();
    if distinct.len() < 5 {
        return Err(crate::FieldError::new(field, "password_common"));
    }
    Ok(())
}

/// A random password of `len` characters from an alphabet without look-alike characters.
pub fn generate(rng: &dyn Random, len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..len)
        .map(|_| char::from(ALPHABET[rng.below(ALPHABET.len() as u64) as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SplitMix64;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let rng = SplitMix64::new(1);
        let a = hash("correct horse battery", &rng).unwrap_or_default();
        let b = hash("correct horse battery", &rng).unwrap_or_default();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify("correct horse battery", &a));
        assert!(!verify("correct horse battery!", &a));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn policy_refuses_short_common_and_contextual_passwords() {
        let code = |pw: &str| check_policy("password", pw, "olga").err().map(|e| e.code);
        assert_eq!(code("short-one"), Some("password_too_short"));
        assert_eq!(code(&"x".repeat(129)), Some("too_long"));
        assert_eq!(code("1qaz2wsx3edc"), Some("password_common"));
        assert_eq!(code("QWERTY123456"), Some("password_common"));
        assert_eq!(
            code("password123456"),
            Some("password_common"),
            "common word plus digits"
        );
        assert_eq!(
            code("qwertyqwerty"),
            Some("password_common"),
            "a common word repeated"
        );
        assert_eq!(code("abababababab"), Some("password_common"));
        assert_eq!(code("olga-likes-tea"), Some("password_context"));
        assert_eq!(code("my mayak password"), Some("password_context"));
        assert_eq!(code("correct horse battery staple"), None);
        assert_eq!(code("Маяковский-1893-поэт"), Some("password_context"));
        assert_eq!(code("Светлый путь домой 2026"), None);
    }

    #[test]
    fn generated_passwords_use_the_alphabet() {
        let p = generate(&SplitMix64::new(3), 20);
        assert_eq!(p.chars().count(), 20);
        assert!(
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"0O1lI".contains(c))
        );
    }
}
