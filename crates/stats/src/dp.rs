//! Differential privacy: noise for counts and the arithmetic of a privacy budget.
//!
//! A release is (ε, δ)-differentially private when adding or removing one person changes the
//! probability of any output by at most a factor e^ε, except with probability δ. Mayak adds
//! integer noise to counts:
//! - the **discrete Laplace** (two-sided geometric) mechanism for pure ε (δ = 0), scaled to the
//!   L1 sensitivity;
//! - the **discrete Gaussian** mechanism (Canonne, Kamath, Steinke 2020), scaled to the L2
//!   sensitivity, accounted in zero-concentrated DP (ρ-zCDP) and converted to (ε, δ) with
//!   ε = ρ + 2√(ρ ln(1/δ)). Many tables released together cost far less with it: the L2
//!   sensitivity of T tables that each record enters once is √T, against T for L1.
//!
//! Releases of one dataset compose: the ledger adds their ε and their δ (basic composition,
//! which holds for any mix of mechanisms) and refuses a release that would exceed the budget.
//!
//! The samplers draw uniform numbers from a [`Random`] given by the caller and decide the
//! Bernoulli trials in 53-bit floating point; exact rational arithmetic would close the small
//! floating-point gap of such samplers and is future work.

use crate::StatsError;
use mayak_domain::Random;
use serde::{Deserialize, Serialize};

/// How much privacy a release spends (or a dataset may spend).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// ε: the bound on the log-ratio of output probabilities.
    pub epsilon: f64,
    /// δ: the probability that the bound fails.
    pub delta: f64,
}

impl Budget {
    /// A checked budget: 0 < ε ≤ 100 and 0 ≤ δ < 10⁻³.
    pub fn new(epsilon: f64, delta: f64) -> Result<Self, StatsError> {
        if !(epsilon.is_finite() && epsilon > 0.0 && epsilon <= 100.0) {
            return Err(StatsError::Invalid(format!(
                "ε must be a number above 0 and at most 100 (got {epsilon})"
            )));
        }
        if !(delta.is_finite() && (0.0..1e-3).contains(&delta)) {
            return Err(StatsError::Invalid(format!(
                "δ must be at least 0 and below 0.001, far below one over the number of people (got {delta})"
            )));
        }
        Ok(Self { epsilon, delta })
    }

    /// Nothing spent.
    pub const ZERO: Budget = Budget {
        epsilon: 0.0,
        delta: 0.0,
    };
}

/// Slack for floating-point sums of many releases.
const SLACK: f64 = 1e-9;

/// Basic composition: what is left of `total` after `spent`, if `ask` fits; otherwise the
/// refusal naming what is asked and what remains.
pub fn check_spend(total: Budget, spent: Budget, ask: Budget) -> Result<Budget, StatsError> {
    let left = Budget {
        epsilon: (total.epsilon - spent.epsilon).max(0.0),
        delta: (total.delta - spent.delta).max(0.0),
    };
    if ask.epsilon > left.epsilon + SLACK || ask.delta > left.delta + SLACK * 1e-6 {
        return Err(StatsError::BudgetExceeded {
            need_epsilon: ask.epsilon,
            need_delta: ask.delta,
            left_epsilon: left.epsilon,
            left_delta: left.delta,
        });
    }
    Ok(Budget {
        epsilon: spent.epsilon + ask.epsilon,
        delta: spent.delta + ask.delta,
    })
}

/// The zCDP parameter ρ that gives (ε, δ)-DP: the largest ρ with ρ + 2√(ρ ln(1/δ)) ≤ ε.
pub fn rho_for(b: Budget) -> Result<f64, StatsError> {
    if b.delta <= 0.0 {
        return Err(StatsError::Invalid(
            "the Gaussian mechanism needs δ above 0; use the Laplace mechanism for δ = 0"
                .to_owned(),
        ));
    }
    let l = (1.0 / b.delta).ln();
    let r = (l + b.epsilon).sqrt() - l.sqrt();
    Ok(r * r)
}

/// The ε that ρ-zCDP gives at a chosen δ.
pub fn epsilon_of(rho: f64, delta: f64) -> f64 {
    rho + 2.0 * (rho * (1.0 / delta).ln()).sqrt()
}

/// A noise mechanism for counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mechanism {
    /// Discrete Laplace: pure ε-DP.
    Laplace,
    /// Discrete Gaussian: ρ-zCDP, reported as (ε, δ).
    Gaussian,
}

/// Noise calibrated for a release.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Noise {
    /// Which mechanism.
    pub mechanism: Mechanism,
    /// Laplace scale b, or Gaussian standard deviation σ.
    pub scale: f64,
}

impl Noise {
    /// Calibrates to a budget: `l1` and `l2` are the sensitivities of the released vector
    /// (how much one person can change it in the L1 and L2 norms).
    pub fn calibrate(
        mechanism: Mechanism,
        budget: Budget,
        l1: f64,
        l2: f64,
    ) -> Result<Self, StatsError> {
        let scale = match mechanism {
            Mechanism::Laplace => l1 / budget.epsilon,
            Mechanism::Gaussian => {
                let rho = rho_for(budget)?;
                (l2 * l2 / (2.0 * rho)).sqrt()
            }
        };
        Ok(Self { mechanism, scale })
    }

    /// The standard deviation of one noisy count.
    pub fn std_dev(&self) -> f64 {
        match self.mechanism {
            // Var of the discrete Laplace with parameter t = e^{-1/b} is 2t/(1−t)².
            Mechanism::Laplace => {
                let t = (-1.0 / self.scale).exp();
                (2.0 * t).sqrt() / (1.0 - t)
            }
            Mechanism::Gaussian => self.scale,
        }
    }

    /// One noise value.
    pub fn sample(&self, rng: &dyn Random) -> i64 {
        match self.mechanism {
            Mechanism::Laplace => discrete_laplace(rng, self.scale),
            Mechanism::Gaussian => discrete_gaussian(rng, self.scale),
        }
    }
}

/// A uniform number in [0, 1) with 53 random bits.
pub fn uniform(rng: &dyn Random) -> f64 {
    let mut b = [0u8; 8];
    rng.fill(&mut b);
    (u64::from_le_bytes(b) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

fn bernoulli(rng: &dyn Random, p: f64) -> bool {
    uniform(rng) < p
}

/// Discrete Laplace with scale `b`: P(z) ∝ exp(−|z|/b), as the difference of two geometrics.
pub fn discrete_laplace(rng: &dyn Random, b: f64) -> i64 {
    if b <= 0.0 {
        return 0;
    }
    let q = (-1.0 / b).exp(); // P(G ≥ k+1 | G ≥ k)
    let geometric = |rng: &dyn Random| -> i64 {
        // P(G = k) = (1−q) q^k; inverse transform.
        let u = 1.0 - uniform(rng); // (0, 1]
        (u.ln() / q.ln()).floor() as i64
    };
    geometric(rng) - geometric(rng)
}

/// Discrete Gaussian with parameter σ: P(z) ∝ exp(−z²/2σ²) (Canonne, Kamath, Steinke, Alg. 3).
pub fn discrete_gaussian(rng: &dyn Random, sigma: f64) -> i64 {
    if sigma <= 0.0 {
        return 0;
    }
    let t = sigma.floor() + 1.0;
    let s2 = sigma * sigma;
    loop {
        // A discrete Laplace with scale t, built from a uniform part and a geometric part.
        let u = (uniform(rng) * t).floor();
        if !bernoulli(rng, (-u / t).exp()) {
            continue;
        }
        let mut v = 0.0;
        while bernoulli(rng, (-1.0f64).exp()) {
            v += 1.0;
        }
        let y = u + t * v;
        let negative = bernoulli(rng, 0.5);
        if negative && y == 0.0 {
            continue;
        }
        let z = if negative { -y } else { y };
        let c = (z.abs() - s2 / t).powi(2) / (2.0 * s2);
        if bernoulli(rng, (-c).exp()) {
            return z as i64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mayak_domain::SplitMix64;
    use proptest::prelude::*;

    #[test]
    fn budgets_are_checked() {
        assert!(Budget::new(1.0, 1e-6).is_ok());
        assert!(Budget::new(0.0, 1e-6).is_err());
        assert!(Budget::new(f64::NAN, 0.0).is_err());
        assert!(Budget::new(1.0, 0.5).is_err());
        assert!(Budget::new(1.0, 0.0).is_ok());
    }

    #[test]
    fn the_ledger_refuses_an_overspend_with_what_is_left() {
        let total = Budget::new(1.0, 1e-6).unwrap();
        let spent = check_spend(total, Budget::ZERO, Budget::new(0.6, 5e-7).unwrap()).unwrap();
        let e = check_spend(total, spent, Budget::new(0.5, 1e-7).unwrap()).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("ε = 0.5"), "{msg}");
        assert!(msg.contains("remain"), "{msg}");
        assert!(check_spend(total, spent, Budget::new(0.4, 5e-7).unwrap()).is_ok());
    }

    #[test]
    fn noise_has_the_calibrated_spread() {
        let rng = SplitMix64::new(7);
        for (mech, scale) in [(Mechanism::Gaussian, 5.0), (Mechanism::Laplace, 3.0)] {
            let n = Noise {
                mechanism: mech,
                scale,
            };
            let samples: Vec<f64> = (0..20_000).map(|_| n.sample(&rng) as f64).collect();
            let mean = samples.iter().sum::<f64>() / samples.len() as f64;
            let var =
                samples.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / samples.len() as f64;
            let want = n.std_dev();
            assert!(mean.abs() < 0.2, "{mech:?} mean {mean}");
            assert!(
                (var.sqrt() - want).abs() / want < 0.05,
                "{mech:?} sd {} want {want}",
                var.sqrt()
            );
        }
    }

    proptest! {
        /// ρ from (ε, δ) converts back to the same ε, and ε grows with ρ.
        #[test]
        fn zcdp_conversion_round_trips(eps in 0.01f64..20.0, dexp in 3.0f64..12.0) {
            let delta = 10f64.powf(-dexp);
            let rho = rho_for(Budget { epsilon: eps, delta }).unwrap();
            prop_assert!(rho > 0.0);
            prop_assert!((epsilon_of(rho, delta) - eps).abs() < 1e-9 * eps.max(1.0));
            prop_assert!(epsilon_of(rho * 1.1, delta) > eps);
        }

        /// However a budget is split into releases, the ledger never lets the sum exceed it,
        /// and it accepts every release while the sum fits.
        #[test]
        fn the_ledger_never_overspends(asks in proptest::collection::vec((0.01f64..1.0, 0u32..2), 1..30)) {
            let total = Budget { epsilon: 3.0, delta: 1e-6 };
            let mut spent = Budget::ZERO;
            for (e, d) in asks {
                let ask = Budget { epsilon: e, delta: f64::from(d) * 3e-7 };
                let fits = spent.epsilon + ask.epsilon <= total.epsilon + 1e-9
                    && spent.delta + ask.delta <= total.delta + 1e-15;
                match check_spend(total, spent, ask) {
                    Ok(now) => { prop_assert!(fits); spent = now; }
                    Err(_) => prop_assert!(!fits),
                }
                prop_assert!(spent.epsilon <= total.epsilon + 1e-9);
                prop_assert!(spent.delta <= total.delta + 1e-15);
            }
        }

        /// More privacy (smaller ε) never means less noise.
        #[test]
        fn smaller_epsilon_means_more_noise(eps in 0.05f64..10.0, l in 1.0f64..100.0) {
            let b1 = Budget { epsilon: eps, delta: 1e-6 };
            let b2 = Budget { epsilon: eps / 2.0, delta: 1e-6 };
            for m in [Mechanism::Laplace, Mechanism::Gaussian] {
                let n1 = Noise::calibrate(m, b1, l, l.sqrt()).unwrap();
                let n2 = Noise::calibrate(m, b2, l, l.sqrt()).unwrap();
                prop_assert!(n2.scale > n1.scale);
            }
        }
    }
}
