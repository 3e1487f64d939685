//! How the National Referral Mechanism performs: referrals for services sent in a period (and
//! region of the case), with the time they took to be accepted and completed (median and 90th
//! percentile, in hours) and why they were declined, overall and by receiving organisation,
//! region and requested service.
//!
//! The figures are seen by people outside the organisations involved (analysts, any
//! supervisor), so every count under [`THRESHOLD`] is hidden, a time is given only when at
//! least [`THRESHOLD`] referrals make it, and within each breakdown a hidden count is never
//! the only one hidden (the total minus the shown ones would give it back). Transfers of the
//! case lead are left out: they are complete on acceptance, so they have no service time.

use crate::db::Store;
use crate::error::Result;
use crate::referrals::{self, Referral};
use mayak_domain::referral::{ReferralKind, ReferralState};
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};

/// The default and lowest count shown (the CTDC rule); the configured disclosure threshold
/// of the dashboards may be higher and is passed to [`compute`].
pub const THRESHOLD: u64 = mayak_stats::sdc::DEFAULT_THRESHOLD as u64;

/// Which referrals count: sent on or after `from`, before or on `to`, in a case of `region`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First day (inclusive).
    pub from: Option<Date>,
    /// Last day (inclusive).
    pub to: Option<Date>,
    /// Region code of the case.
    pub region: Option<String>,
}

impl Filter {
    fn admits(&self, r: &Referral) -> bool {
        let day = r.sent_at.date();
        r.kind == ReferralKind::Services
            && self.from.is_none_or(|f| day >= f)
            && self.to.is_none_or(|t| day <= t)
            && self.region.as_deref().is_none_or(|g| g == r.region)
    }
}

/// Median and 90th percentile of a set of durations, in hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Median.
    pub median: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// The `p`-th percentile (0 < p ≤ 1) by nearest rank: the smallest value with at least
/// `p` of the values at or below it. `None` for no values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank.min(sorted.len()) - 1).copied()
}

fn timing(mut hours: Vec<f64>, threshold: u64) -> Option<Timing> {
    if (hours.len() as u64) < threshold {
        return None;
    }
    hours.sort_by(f64::total_cmp);
    Some(Timing {
        median: percentile(&hours, 0.5)?,
        p90: percentile(&hours, 0.9)?,
    })
}

fn hours_between(from: OffsetDateTime, to: Option<OffsetDateTime>) -> Option<f64> {
    to.map(|t| ((t - from).whole_minutes().max(0) as f64) / 60.0)
}

/// One line of a breakdown. Counts are `None` when hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The organisation's id, the region's or the service's code.
    pub key: String,
    /// Referrals sent.
    pub sent: Option<u64>,
    /// Of them, declined.
    pub declined: Option<u64>,
    /// From sending to acceptance.
    pub to_accept: Option<Timing>,
    /// From sending to completion.
    pub to_complete: Option<Timing>,
}

/// The figures of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferralStats {
    /// All referrals in view.
    pub total: Line,
    /// By receiving organisation (key: its id).
    pub by_partner: Vec<Line>,
    /// By the case's region.
    pub by_region: Vec<Line>,
    /// By requested service (a referral asking for two services counts in both).
    pub by_service: Vec<Line>,
    /// Declined referrals by reason (code of `DeclineReason`), hidden counts as `None`.
    pub decline_reasons: Vec<(String, Option<u64>)>,
}

#[derive(Default)]
struct Acc {
    sent: u64,
    declined: u64,
    accept: Vec<f64>,
    complete: Vec<f64>,
}

impl Acc {
    fn add(&mut self, r: &Referral) {
        self.sent += 1;
        if r.state == ReferralState::Declined {
            self.declined += 1;
        }
        self.accept.extend(hours_between(r.sent_at, r.accepted_at));
        self.complete
            .extend(hours_between(r.sent_at, r.completed_at));
    }

    fn line(self, key: String, threshold: u64) -> (Line, u64, u64) {
        let (sent, declined) = (self.sent, self.declined);
        (
            Line {
                key,
                sent: Some(sent),
                declined: Some(declined),
                to_accept: timing(self.accept, threshold),
                to_complete: timing(self.complete, threshold),
            },
            sent,
            declined,
        )
    }
}

/// Hides counts from 1 to `THRESHOLD − 1`, then, while the hidden ones could be recomputed
/// from the total (only one hidden, or together fewer than `THRESHOLD`), the smallest shown
/// non-zero count as well.
pub fn suppress(counts: &[u64], threshold: u64) -> Vec<Option<u64>> {
    let mut out: Vec<Option<u64>> = counts
        .iter()
        .map(|&n| (n == 0 || n >= threshold).then_some(n))
        .collect();
    loop {
        let hidden: Vec<u64> = counts
            .iter()
            .zip(&out)
            .filter(|(_, o)| o.is_none())
            .map(|(n, _)| *n)
            .collect();
        if hidden.is_empty() || (hidden.len() >= 2 && hidden.iter().sum::<u64>() >= threshold) {
            return out;
        }
        let next = counts
            .iter()
            .zip(&out)
            .enumerate()
            .filter(|(_, (n, o))| o.is_some() && **n > 0)
            .min_by_key(|(_, (n, _))| **n)
            .map(|(i, _)| i);
        match next {
            Some(i) => out[i] = None,
            None => return out,
        }
    }
}

fn breakdown(groups: BTreeMap<String, Acc>, threshold: u64) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut sent = Vec::new();
    let mut declined = Vec::new();
    for (key, acc) in groups {
        let (l, s, d) = acc.line(key, threshold);
        lines.push(l);
        sent.push(s);
        declined.push(d);
    }
    for (l, (s, d)) in lines.iter_mut().zip(
        suppress(&sent, threshold)
            .into_iter()
            .zip(suppress(&declined, threshold)),
    ) {
        l.sent = s;
        l.declined = d;
    }
    lines
}

/// The figures of the referrals `filter` admits among `all`, counts under `threshold` hidden.
pub fn summarise(all: &[Referral], filter: &Filter, threshold: u64) -> ReferralStats {
    let mut total = Acc::default();
    let mut partner: BTreeMap<String, Acc> = BTreeMap::new();
    let mut region: BTreeMap<String, Acc> = BTreeMap::new();
    let mut service: BTreeMap<String, Acc> = BTreeMap::new();
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    for r in all.iter().filter(|r| filter.admits(r)) {
        total.add(r);
        partner
            .entry(r.to_organisation_id.to_string())
            .or_default()
            .add(r);
        region.entry(r.region.clone()).or_default().add(r);
        for s in &r.services {
            service.entry(s.clone()).or_default().add(r);
        }
        if let Some(d) = r.decline_reason {
            *reasons.entry(d.code().to_owned()).or_default() += 1;
        }
    }
    let (mut total, _, _) = total.line(String::new(), threshold);
    total.sent = total.sent.filter(|n| *n == 0 || *n >= threshold);
    total.declined = total.declined.filter(|n| *n == 0 || *n >= threshold);
    let counts: Vec<u64> = reasons.values().copied().collect();
    ReferralStats {
        total,
        by_partner: breakdown(partner, threshold),
        by_region: breakdown(region, threshold),
        by_service: breakdown(service, threshold),
        decline_reasons: reasons
            .into_keys()
            .zip(suppress(&counts, threshold))
            .collect(),
    }
}

/// The figures of the referrals `filter` admits, counts under `threshold` hidden (the
/// configured disclosure threshold, at least [`THRESHOLD`]).
pub async fn compute(store: &Store, filter: &Filter, threshold: u64) -> Result<ReferralStats> {
    Ok(summarise(
        &referrals::all(store).await?,
        filter,
        threshold.max(THRESHOLD),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), Some(5.0));
        assert_eq!(percentile(&v, 0.9), Some(9.0));
        assert_eq!(percentile(&[3.0], 0.9), Some(3.0));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn small_counts_hide_with_a_complement() {
        assert_eq!(
            suppress(&[40, 3, 0, 20], THRESHOLD),
            vec![Some(40), None, Some(0), None]
        );
        assert_eq!(suppress(&[40, 30], THRESHOLD), vec![Some(40), Some(30)]);
        // A configured threshold of 20 hides a count of 15, and its complement.
        assert_eq!(suppress(&[15, 40, 30], 20), vec![None, Some(40), None]);
        assert_eq!(
            suppress(&[15, 40, 30], THRESHOLD),
            vec![Some(15), Some(40), Some(30)]
        );
        assert_eq!(suppress(&[5, 4, 50], THRESHOLD), vec![None, None, None]);
        assert_eq!(suppress(&[5, 8, 50], THRESHOLD), vec![None, None, Some(50)]);
    }
}
