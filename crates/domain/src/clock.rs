//! Time and randomness as parameters, so that rules with deadlines and tests can set them.

use std::sync::Mutex;
use time::OffsetDateTime;

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current instant in UTC, truncated to microseconds (the precision both databases keep).
    fn now(&self) -> OffsetDateTime;
}

/// The real clock of the machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // The one place that reads the system clock.
    fn now(&self) -> OffsetDateTime {
        truncate_to_micros(OffsetDateTime::now_utc())
    }
}

/// A clock that only moves when told to; for tests and reproducible data generation.
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

impl FixedClock {
    /// A clock standing at `at`.
    pub fn new(at: OffsetDateTime) -> Self {
        Self(Mutex::new(truncate_to_micros(at)))
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: time::Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += by;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        match self.0.lock() {
            Ok(t) => *t,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}

/// Drops sub-microsecond precision so values round-trip through PostgreSQL unchanged.
pub fn truncate_to_micros(t: OffsetDateTime) -> OffsetDateTime {
    let micros = t.microsecond();
    t.replace_nanosecond(micros * 1_000).unwrap_or(t)
}

/// A source of random numbers. Security-relevant randomness comes from the operating system;
/// data generators use a seeded [`SplitMix64`].
pub trait Random: Send + Sync {
    /// Fills `buf` with random bytes.
    fn fill(&self, buf: &mut [u8]);

    /// A uniformly distributed number below `bound` (`bound` > 0).
    fn below(&self, bound: u64) -> u64 {
        let mut b = [0u8; 8];
        self.fill(&mut b);
        // Lemire's multiply-shift; the tiny bias is irrelevant for bounds far below 2^64.
        ((u64::from_le_bytes(b) as u128 * bound.max(1) as u128) >> 64) as u64
    }
}

/// SplitMix64: a small, fast, seedable generator for demo and benchmark data. Never for secrets.
#[derive(Debug)]
pub struct SplitMix64(Mutex<u64>);

impl SplitMix64 {
    /// A generator starting from `seed`; the same seed gives the same sequence.
    pub fn new(seed: u64) -> Self {
        Self(Mutex::new(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&self) -> u64 {
        let mut state = match self.0.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Picks one element of a non-empty slice.
    pub fn pick<'a, T>(&self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        items.get(self.below(items.len() as u64) as usize)
    }
}

impl Random for SplitMix64 {
    fn fill(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_reproducible_and_bounded() {
        let a = SplitMix64::new(7);
        let b = SplitMix64::new(7);
        for _ in 0..100 {
            let x = a.below(10);
            assert_eq!(x, b.below(10));
            assert!(x < 10);
        }
    }

    #[test]
    fn fixed_clock_advances() {
        let start = time::macros::datetime!(2026-01-01 08:00 UTC);
        let c = FixedClock::new(start);
        c.advance(time::Duration::minutes(5));
        assert_eq!(c.now(), time::macros::datetime!(2026-01-01 08:05 UTC));
    }

    #[test]
    fn truncation_keeps_microseconds() {
        let t = time::macros::datetime!(2026-01-01 08:00:00.123456789 UTC);
        assert_eq!(truncate_to_micros(t).nanosecond(), 123_456_000);
    }
}
