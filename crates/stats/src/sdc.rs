//! Statistical disclosure control of linked marginal tables.
//!
//! A cell counting 1 to `threshold − 1` people is suppressed (*primary* suppression). That is
//! not enough: every published table is a margin of the larger ones, so a hidden cell may be
//! the published margin minus its published neighbours, or — less obviously — a linear
//! combination of many published cells across tables. [`protect`] protects in two steps:
//!
//! 1. **Hypercubes** (the method of τ-ARGUS, lifted to linked tables; see `hypercube.rs`):
//!    for each sensitive cell it looks for a perturbation — ±1 on the corners of a hypercube
//!    of non-zero cells, repeated in every larger table that contains its columns — that keeps
//!    every published number and every hidden count at least 1 while changing the cell, and
//!    hides the corners. Such a certificate proves the cell (and every corner) cannot be
//!    recomputed whatever else is hidden, and costs a look at a few dozen cells, so most
//!    sensitive cells are done in one pass without any elimination.
//! 2. **Global elimination**, only for the sensitive cells no hypercube fits (a sparse table
//!    can lack a box of non-zero cells): the hidden cells are the unknowns of the linear system
//!    formed by every relation "margin = sum of its row" between the published tables; the
//!    cells the system determines get one more complementary cell each (the smallest published
//!    non-zero neighbour in one of their relations), in rounds, until no sensitive cell is
//!    determined.
//!
//! Determinacy is decided two ways, and a cell counts as exposed if either pins it:
//! - exactly, by Gaussian elimination over the prime field GF(2⁶¹ − 1): a cell is determined
//!   when every vector of the system's null space is zero there, tested with two random
//!   null-space vectors (Schwartz–Zippel: a wrong answer has probability below 2⁻⁶⁰);
//! - by bounds: zeros are published (an absent combination is nobody), so an attacker knows
//!   every hidden count is at least 1; bounds are propagated along every relation until
//!   nothing tightens, which catches "a hidden 3 made of three hidden cells: each is 1".
//!
//! A hidden cell is therefore never the value of a linear combination of published numbers,
//! nor pinned by them and the counts' lower bound. (Full linear-programming bounds can be
//! tighter than propagated ones; [`attack`] is the independent check used in the tests.)
//!
//! When the global step runs, hidden cells that are not sensitive (they count at least
//! `threshold`) but turn out to be determined anyway are published at its end: revealing what
//! is already implied costs nothing, and no certificate contains a determined cell.

use crate::StatsError;
use crate::marginals::{Marginals, Relation};
use serde::Serialize;

mod hypercube;
use hypercube::certify_all;

/// What happens to a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellStatus {
    /// The count is published.
    Published,
    /// Hidden because it counts fewer people than the threshold.
    Primary,
    /// Hidden so that a primary cell cannot be recomputed.
    Complementary,
}

impl CellStatus {
    /// Whether the count is hidden.
    pub fn hidden(self) -> bool {
        self != CellStatus::Published
    }
}

/// The outcome of disclosure control.
#[derive(Debug, Clone)]
pub struct Protection {
    /// One status per global cell of the [`Marginals`].
    pub status: Vec<CellStatus>,
    /// Cells under this count (and above zero) were sensitive.
    pub threshold: u32,
    /// Rounds of global elimination that were needed (0 when every sensitive cell has a
    /// perturbation certificate).
    pub rounds: usize,
    /// Sensitive cells protected by a certificate: a perturbation of hidden cells only that
    /// keeps every published number and every count at least 1 while changing the cell.
    pub certified: usize,
}

impl Protection {
    /// Number of primary suppressions.
    pub fn primary(&self) -> usize {
        self.status
            .iter()
            .filter(|s| **s == CellStatus::Primary)
            .count()
    }

    /// Number of complementary suppressions.
    pub fn complementary(&self) -> usize {
        self.status
            .iter()
            .filter(|s| **s == CellStatus::Complementary)
            .count()
    }
}

/// Rounds of one complementary cell per exposed cell before hiding all their neighbours.
const ESCALATE_AFTER: usize = 6;

/// Hidden cells the search for a complementary cell walks through before it gives up.
const BFS_LIMIT: usize = 20_000;

/// The default threshold: CTDC publishes no cell under 11 people.
pub const DEFAULT_THRESHOLD: u32 = 11;

/// Suppresses sensitive cells of `m` and enough other cells that none can be recomputed.
pub fn protect(m: &Marginals, threshold: u32) -> Result<Protection, StatsError> {
    if threshold < 2 {
        return Err(StatsError::Invalid(
            "the threshold must be at least 2".to_owned(),
        ));
    }
    if m.rows < threshold as usize {
        return Err(StatsError::Invalid(format!(
            "the data have {} records, fewer than the threshold {threshold}; nothing can be published",
            m.rows
        )));
    }
    let counts: Vec<u32> = m
        .tables
        .iter()
        .flat_map(|t| t.counts.iter().copied())
        .collect();
    let mut status: Vec<CellStatus> = counts
        .iter()
        .map(|&c| {
            if c > 0 && c < threshold {
                CellStatus::Primary
            } else {
                CellStatus::Published
            }
        })
        .collect();
    let certified = certify_all(m, &counts, &mut status);
    let uncertified: Vec<usize> = (0..status.len())
        .filter(|&c| status[c] == CellStatus::Primary && !certified[c])
        .collect();
    let rounds = if uncertified.is_empty() {
        0
    } else {
        complete_globally(m, &counts, &mut status)?
    };
    Ok(Protection {
        certified: certified.iter().filter(|&&c| c).count(),
        status,
        threshold,
        rounds,
    })
}

/// The general search: rounds of exact elimination over all published tables, one
/// complementary cell per exposed primary cell, until none is determined. Needed only for the
/// sensitive cells [`certify_all`] found no perturbation for.
fn complete_globally(
    m: &Marginals,
    counts: &[u32],
    status: &mut [CellStatus],
) -> Result<usize, StatsError> {
    let relations = m.relations();
    let mut rel_of: Vec<Vec<u32>> = vec![Vec::new(); status.len()];
    for (i, r) in relations.iter().enumerate() {
        rel_of[r.margin].push(i as u32);
        for &c in &r.row {
            rel_of[c].push(i as u32);
        }
    }
    let mut rounds = 0;
    loop {
        rounds += 1;
        let determined = determined_cells(&relations, status, counts, m.rows);
        let exposed: Vec<usize> = determined
            .iter()
            .copied()
            .filter(|&c| status[c] == CellStatus::Primary)
            .collect();
        if exposed.is_empty() {
            for c in determined {
                status[c] = CellStatus::Published;
            }
            break;
        }
        let mut added = 0;
        // Cells hidden in this round; a primary next to one waits for the next round, as
        // that cell may already free it.
        let mut fresh: std::collections::HashSet<usize> = std::collections::HashSet::new();
        for &x in &exposed {
            let near_fresh = rel_of[x].iter().any(|&ri| {
                let r = &relations[ri as usize];
                fresh.contains(&r.margin) || r.row.iter().any(|c| fresh.contains(c))
            });
            if near_fresh && rounds <= ESCALATE_AFTER {
                continue;
            }
            if rounds > ESCALATE_AFTER {
                // Still exposed after many rounds: hide every published neighbour at once.
                let mut any = false;
                for &ri in &rel_of[x] {
                    let r = &relations[ri as usize];
                    for &c in r.row.iter().chain(std::iter::once(&r.margin)) {
                        if status[c] == CellStatus::Published && counts[c] > 0 {
                            status[c] = CellStatus::Complementary;
                            added += 1;
                            any = true;
                        }
                    }
                }
                if any {
                    continue;
                }
            }
            let start = vec![x];
            // Search outwards from the group through hidden cells for the nearest published
            // cell that can be hidden. Prefer a neighbour in the same table (a row cell) to
            // a margin, which would cascade into the smaller tables; then the smallest count.
            let mut visited: std::collections::HashSet<usize> = start.iter().copied().collect();
            let mut frontier = start;
            let chosen = loop {
                let mut best: Option<(bool, u32, usize)> = None;
                let mut next = Vec::new();
                for &x in &frontier {
                    for &ri in &rel_of[x] {
                        let r = &relations[ri as usize];
                        let row_cells = r.row.iter().map(|&c| (false, c));
                        for (is_margin, c) in row_cells.chain(std::iter::once((true, r.margin))) {
                            if status[c] == CellStatus::Published {
                                if counts[c] > 0 {
                                    let key = (is_margin, counts[c], c);
                                    if best.is_none_or(|b| key < b) {
                                        best = Some(key);
                                    }
                                }
                            } else if visited.insert(c) {
                                next.push(c);
                            }
                        }
                    }
                }
                if let Some((_, _, c)) = best {
                    break Some(c);
                }
                // Far beyond the cell every published cell is as good as none: leave it to
                // the next round rather than walk the whole web of hidden cells.
                if next.is_empty() || visited.len() > BFS_LIMIT {
                    break None;
                }
                frontier = next;
            };
            // None: cells hidden earlier in this round took away every published neighbour;
            // the next round's check decides whether this cell is still exposed.
            let Some(c) = chosen else {
                continue;
            };
            if status[c] == CellStatus::Published {
                status[c] = CellStatus::Complementary;
                fresh.insert(c);
                added += 1;
            }
        }
        if added == 0 {
            return Err(StatsError::Invalid(
                "complementary suppression made no progress".to_owned(),
            ));
        }
    }
    Ok(rounds)
}

/// The hidden cells whose value the published cells determine: exactly by linear
/// elimination, or through bounds (every hidden count is at least 1, because zeros are
/// published) propagated along the relations.
pub fn determined_cells(
    relations: &[Relation],
    status: &[CellStatus],
    counts: &[u32],
    rows: usize,
) -> Vec<usize> {
    // Unknowns numbered from the largest tables down: their cells sit in few relations,
    // the small tables' cells in many, so eliminating the former first keeps rows sparse.
    let mut unknown_of = vec![u32::MAX; status.len()];
    let mut cells = Vec::new();
    for (i, s) in status.iter().enumerate().rev() {
        if s.hidden() {
            unknown_of[i] = cells.len() as u32;
            cells.push(i);
        }
    }
    if cells.is_empty() {
        return Vec::new();
    }
    let mut basis = Echelon::new(cells.len());
    let mut row: Vec<(u32, u64)> = Vec::new();
    // Relations with fewest unknowns first: singletons and pairs become pivots without fill.
    let mut order: Vec<(u32, u32)> = Vec::new();
    for (i, r) in relations.iter().enumerate() {
        let k = std::iter::once(&r.margin)
            .chain(&r.row)
            .filter(|&&c| unknown_of[c] != u32::MAX)
            .count() as u32;
        if k > 0 {
            order.push((k, i as u32));
        }
    }
    order.sort_unstable();
    for &(_, ri) in &order {
        let r = &relations[ri as usize];
        row.clear();
        // margin − Σ row = known constant; only the unknowns' coefficients matter.
        if unknown_of[r.margin] != u32::MAX {
            row.push((unknown_of[r.margin], 1));
        }
        for &c in &r.row {
            if unknown_of[c] != u32::MAX {
                row.push((unknown_of[c], P - 1));
            }
        }
        if row.is_empty() {
            continue;
        }
        row.sort_unstable_by_key(|e| e.0);
        basis.insert(std::mem::take(&mut row));
    }
    let mut seed = 0x5EED_0FD1_5C10_5100_u64;
    let v1 = basis.random_null_vector(&mut seed);
    let v2 = basis.random_null_vector(&mut seed);
    let pinned = interval_pinned(relations, &unknown_of, cells.len(), counts, rows);
    cells
        .iter()
        .enumerate()
        .filter(|&(u, _)| (v1[u] == 0 && v2[u] == 0) || pinned[u])
        .map(|(_, &c)| c)
        .collect()
}

/// Bounds propagation: each relation is Σ coef·x = rhs over the hidden cells x ∈ [1, rows];
/// tightens every x from the others' ranges until nothing changes. True where lo = hi.
fn interval_pinned(
    relations: &[Relation],
    unknown_of: &[u32],
    n: usize,
    counts: &[u32],
    rows: usize,
) -> Vec<bool> {
    let mut eqs: Vec<(Vec<(u32, i64)>, i64)> = Vec::new();
    for r in relations {
        let mut terms = Vec::new();
        let mut rhs: i64 = 0;
        if unknown_of[r.margin] != u32::MAX {
            terms.push((unknown_of[r.margin], 1));
        } else {
            rhs -= i64::from(counts[r.margin]);
        }
        for &c in &r.row {
            if unknown_of[c] != u32::MAX {
                terms.push((unknown_of[c], -1));
            } else {
                rhs += i64::from(counts[c]);
            }
        }
        if !terms.is_empty() {
            eqs.push((terms, rhs));
        }
    }
    let mut lo = vec![1i64; n];
    // No upper bound a priori: even the number of records may be hidden.
    let _ = rows;
    let mut hi = vec![1i64 << 40; n];
    for _ in 0..64 {
        let mut changed = false;
        for (terms, rhs) in &eqs {
            let (mut smin, mut smax) = (0i64, 0i64);
            for &(u, a) in terms {
                let (p, q) = (a * lo[u as usize], a * hi[u as usize]);
                smin += p.min(q);
                smax += p.max(q);
            }
            for &(u, a) in terms {
                let u = u as usize;
                let (p, q) = (a * lo[u], a * hi[u]);
                // a·x_u = rhs − (others), others ∈ [smin − min term, smax − max term]
                let (omin, omax) = (smin - p.min(q), smax - p.max(q));
                let (r1, r2) = (rhs - omax, rhs - omin);
                let (b1, b2) = if a > 0 { (r1, r2) } else { (-r2, -r1) };
                if b1 > lo[u] {
                    lo[u] = b1;
                    changed = true;
                }
                if b2 < hi[u] {
                    hi[u] = b2;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    lo.iter().zip(&hi).map(|(l, h)| l >= h).collect()
}

/// The Mersenne prime 2⁶¹ − 1.
const P: u64 = (1 << 61) - 1;

fn add(a: u64, b: u64) -> u64 {
    let s = a + b;
    if s >= P { s - P } else { s }
}

fn mul(a: u64, b: u64) -> u64 {
    let r = a as u128 * b as u128;
    let s = (r as u64 & P) + (r >> 61) as u64;
    if s >= P { s - P } else { s }
}

fn neg(a: u64) -> u64 {
    if a == 0 { 0 } else { P - a }
}

fn inv(a: u64) -> u64 {
    let (mut base, mut e, mut acc) = (a, P - 2, 1u64);
    while e > 0 {
        if e & 1 == 1 {
            acc = mul(acc, base);
        }
        base = mul(base, base);
        e >>= 1;
    }
    acc
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Sparse rows in echelon form over GF(P): every row's first entry is 1 and no two rows
/// share a first column.
struct Echelon {
    rows: Vec<Vec<(u32, u64)>>,
    pivot: Vec<u32>,
}

impl Echelon {
    fn new(columns: usize) -> Self {
        Self {
            rows: Vec::new(),
            pivot: vec![u32::MAX; columns],
        }
    }

    fn insert(&mut self, mut row: Vec<(u32, u64)>) {
        let mut scratch = Vec::new();
        while let Some(&(lead, a)) = row.first() {
            let p = self.pivot[lead as usize];
            if p == u32::MAX {
                let f = inv(a);
                for e in &mut row {
                    e.1 = mul(e.1, f);
                }
                self.pivot[lead as usize] = self.rows.len() as u32;
                self.rows.push(row);
                return;
            }
            // row −= a · pivot row (whose lead is 1): the lead cancels.
            let pr = &self.rows[p as usize];
            scratch.clear();
            let (mut i, mut j) = (1, 1);
            let f = neg(a);
            while i < row.len() || j < pr.len() {
                let take_row = j >= pr.len() || (i < row.len() && row[i].0 < pr[j].0);
                let take_piv = i >= row.len() || (j < pr.len() && pr[j].0 < row[i].0);
                if take_row {
                    scratch.push(row[i]);
                    i += 1;
                } else if take_piv {
                    scratch.push((pr[j].0, mul(f, pr[j].1)));
                    j += 1;
                } else {
                    let v = add(row[i].1, mul(f, pr[j].1));
                    if v != 0 {
                        scratch.push((row[i].0, v));
                    }
                    i += 1;
                    j += 1;
                }
            }
            std::mem::swap(&mut row, &mut scratch);
        }
    }

    /// A random vector of the null space: free columns random, pivot columns solved.
    fn random_null_vector(&self, seed: &mut u64) -> Vec<u64> {
        let n = self.pivot.len();
        let mut v = vec![0u64; n];
        for (c, slot) in v.iter_mut().enumerate() {
            if self.pivot[c] == u32::MAX {
                *slot = splitmix(seed) % P;
            }
        }
        for c in (0..n).rev() {
            let p = self.pivot[c];
            if p == u32::MAX {
                continue;
            }
            let mut s = 0u64;
            for &(j, a) in &self.rows[p as usize][1..] {
                s = add(s, mul(a, v[j as usize]));
            }
            v[c] = neg(s);
        }
        v
    }
}

/// What an attacker learns about a hidden cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// Global cell index.
    pub cell: usize,
    /// The true count.
    pub count: u32,
    /// How it was found.
    pub by: &'static str,
}

/// Attacks every hidden cell from the published ones, independently of [`protect`]'s own
/// check: exact rational Gauss–Jordan elimination of the relations, and interval bounds
/// propagated through them (every hidden count is at least 1). Returns the cells it pins
/// down. Meant for audits and tests of modest tables (the elimination is dense).
pub fn attack(m: &Marginals, status: &[CellStatus]) -> Vec<Exposure> {
    let counts: Vec<u32> = m
        .tables
        .iter()
        .flat_map(|t| t.counts.iter().copied())
        .collect();
    let hidden: Vec<usize> = (0..status.len()).filter(|&c| status[c].hidden()).collect();
    if hidden.is_empty() {
        return Vec::new();
    }
    let mut col = std::collections::HashMap::new();
    for (u, &c) in hidden.iter().enumerate() {
        col.insert(c, u);
    }
    // Equations: Σ coef·x = rhs, with the published values moved to the right-hand side.
    let mut eqs: Vec<(Vec<i128>, i128)> = Vec::new();
    for r in m.relations() {
        let mut coef = vec![0i128; hidden.len()];
        let mut rhs: i128 = 0;
        let mut any = false;
        match col.get(&r.margin) {
            Some(&u) => {
                coef[u] += 1;
                any = true;
            }
            None => rhs -= i128::from(counts[r.margin]),
        }
        for &c in &r.row {
            match col.get(&c) {
                Some(&u) => {
                    coef[u] -= 1;
                    any = true;
                }
                None => rhs += i128::from(counts[c]),
            }
        }
        if any {
            eqs.push((coef, rhs));
        }
    }
    let mut out = Vec::new();
    // Interval propagation: each hidden cell is at least 1.
    let n = hidden.len();
    let mut lo = vec![1i128; n];
    let mut hi = vec![1i128 << 40; n];
    for _ in 0..50 {
        let mut changed = false;
        for (coef, rhs) in &eqs {
            for i in 0..n {
                let a = coef[i];
                if a == 0 {
                    continue;
                }
                // a·x_i = rhs − Σ_{j≠i} coef_j x_j; bound the sum's range.
                let (mut smin, mut smax) = (0i128, 0i128);
                for j in 0..n {
                    if j == i || coef[j] == 0 {
                        continue;
                    }
                    let (p, q) = (coef[j] * lo[j], coef[j] * hi[j]);
                    smin += p.min(q);
                    smax += p.max(q);
                }
                let (r1, r2) = (rhs - smax, rhs - smin);
                let (b1, b2) = if a > 0 {
                    (div_ceil(r1, a), r2.div_euclid(a))
                } else {
                    (div_ceil(r2, a), r1.div_euclid(a))
                };
                let (b1, b2) = (b1.min(b2), b1.max(b2));
                if b1 > lo[i] {
                    lo[i] = b1;
                    changed = true;
                }
                if b2 < hi[i] {
                    hi[i] = b2;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Exact Gauss–Jordan over the rationals (numerator, denominator).
    let mut mat: Vec<Vec<(i128, i128)>> = eqs
        .iter()
        .map(|(c, r)| {
            let mut row: Vec<(i128, i128)> = c.iter().map(|&x| (x, 1)).collect();
            row.push((*r, 1));
            row
        })
        .collect();
    let mut pivot_row_of = vec![usize::MAX; n];
    let mut r0 = 0;
    for c in 0..n {
        let Some(p) = (r0..mat.len()).find(|&r| mat[r][c].0 != 0) else {
            continue;
        };
        mat.swap(r0, p);
        let lead = mat[r0][c];
        for e in mat[r0].iter_mut() {
            *e = frac_div(*e, lead);
        }
        let pivot = mat[r0].clone();
        for (r, row) in mat.iter_mut().enumerate() {
            if r != r0 && row[c].0 != 0 {
                let f = row[c];
                for (e, &p) in row.iter_mut().zip(&pivot) {
                    *e = frac_sub(*e, frac_mul(f, p));
                }
            }
        }
        pivot_row_of[c] = r0;
        r0 += 1;
    }
    for (u, &cell) in hidden.iter().enumerate() {
        let exact = pivot_row_of[u] != usize::MAX
            && (0..n).all(|k| k == u || mat[pivot_row_of[u]][k].0 == 0);
        if exact {
            out.push(Exposure {
                cell,
                count: counts[cell],
                by: "linear elimination",
            });
        } else if lo[u] == hi[u] {
            out.push(Exposure {
                cell,
                count: counts[cell],
                by: "interval bounds",
            });
        }
    }
    out
}

fn div_ceil(a: i128, b: i128) -> i128 {
    let q = a.div_euclid(b);
    if q * b == a { q } else { q + 1 }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

fn norm((n, d): (i128, i128)) -> (i128, i128) {
    let g = gcd(n, d);
    let s = if d < 0 { -1 } else { 1 };
    (s * n / g, s * d / g)
}

fn frac_mul(a: (i128, i128), b: (i128, i128)) -> (i128, i128) {
    norm((a.0 * b.0, a.1 * b.1))
}

fn frac_div(a: (i128, i128), b: (i128, i128)) -> (i128, i128) {
    norm((a.0 * b.1, a.1 * b.0))
}

fn frac_sub(a: (i128, i128), b: (i128, i128)) -> (i128, i128) {
    norm((a.0 * b.1 - b.0 * a.1, a.1 * b.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::TableBuilder;
    use crate::{Marginals, Table};
    use proptest::prelude::*;

    fn table(rows: &[Vec<String>], width: usize) -> Table {
        let mut b = TableBuilder::new((0..width).map(|i| format!("c{i}")).collect());
        for r in rows {
            b.push(r).unwrap();
        }
        b.finish()
    }

    #[test]
    fn a_lone_small_cell_in_a_row_gets_a_partner_and_the_pattern_survives_attack() {
        // 2×2 table: one cell of 3 people among large ones.
        let mut rows = Vec::new();
        for (a, b, n) in [
            ("x", "p", 3),
            ("x", "q", 40),
            ("y", "p", 30),
            ("y", "q", 50),
        ] {
            for _ in 0..n {
                rows.push(vec![a.to_owned(), b.to_owned()]);
            }
        }
        let m = Marginals::compute(&table(&rows, 2), 2, 1).unwrap();
        let p = protect(&m, 11).unwrap();
        assert_eq!(p.primary(), 1);
        // One small cell forces a whole rectangle: three more cells hidden.
        assert_eq!(p.complementary(), 3);
        assert!(attack(&m, &p.status).is_empty());
        // Primary suppression alone is broken by the attack.
        let naive: Vec<CellStatus> = m
            .tables
            .iter()
            .flat_map(|t| t.counts.iter())
            .map(|&c| {
                if c > 0 && c < 11 {
                    CellStatus::Primary
                } else {
                    CellStatus::Published
                }
            })
            .collect();
        let broken = attack(&m, &naive);
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].count, 3);
    }

    #[test]
    fn scattered_small_cells_in_a_four_by_four_table_are_all_protected() {
        let status_attack = |cells: &[(usize, usize, u32)]| {
            let mut rows = Vec::new();
            for &(a, b, n) in cells {
                for _ in 0..n {
                    rows.push(vec![format!("a{a}"), format!("b{b}")]);
                }
            }
            let m = Marginals::compute(&table(&rows, 2), 2, 1).unwrap();
            let p = protect(&m, 11).unwrap();
            (attack(&m, &p.status), p)
        };
        let mut cells = Vec::new();
        for a in 0..4 {
            for b in 0..4 {
                cells.push((a, b, 20 + (a * 4 + b) as u32));
            }
        }
        cells[0].2 = 2;
        cells[5].2 = 4;
        cells[10].2 = 1;
        let (exposed, p) = status_attack(&cells);
        assert!(exposed.is_empty(), "{exposed:?}");
        assert!(p.primary() == 3);
    }

    #[test]
    fn too_few_records_or_a_silly_threshold_are_refused() {
        let rows: Vec<Vec<String>> = (0..5).map(|_| vec!["x".to_owned()]).collect();
        let m = Marginals::compute(&table(&rows, 1), 1, 1).unwrap();
        assert!(protect(&m, 11).is_err());
        assert!(protect(&m, 1).is_err());
        assert!(protect(&m, 3).is_ok());
    }

    fn counts_of(m: &Marginals) -> Vec<u32> {
        m.tables
            .iter()
            .flat_map(|t| t.counts.iter().copied())
            .collect()
    }

    #[test]
    fn a_small_cell_of_a_three_way_table_is_protected_by_a_hypercube_alone() {
        // Three columns of two values each, every combination common, one combination rare.
        let mut rows = Vec::new();
        for a in ["x", "y"] {
            for b in ["p", "q"] {
                for c in ["u", "v"] {
                    let n = if (a, b, c) == ("x", "p", "u") { 2 } else { 30 };
                    for _ in 0..n {
                        rows.push(vec![a.to_owned(), b.to_owned(), c.to_owned()]);
                    }
                }
            }
        }
        let m = Marginals::compute(&table(&rows, 3), 3, 1).unwrap();
        let p = protect(&m, 11).unwrap();
        assert_eq!(p.primary(), 1);
        // The 2 × 2 × 2 box: seven more cells, and no global elimination needed.
        assert_eq!(p.complementary(), 7);
        assert_eq!(p.rounds, 0);
        assert_eq!(p.certified, 8);
        assert!(attack(&m, &p.status).is_empty());
        // Without the box's far corner the small cell is recomputable.
        let mut broken = p.status.clone();
        let far = m.table(&[0, 1, 2]).unwrap();
        let corner = far.offset + far.index_of(&[2, 2, 2]);
        assert!(broken[corner].hidden());
        broken[corner] = CellStatus::Published;
        assert!(!attack(&m, &broken).is_empty());
    }

    #[test]
    fn a_small_two_way_cell_is_lifted_into_every_three_way_table() {
        // a × b has one rare combination; c is independent of both.
        let mut rows = Vec::new();
        for (a, b, n) in [
            ("x", "p", 3),
            ("x", "q", 40),
            ("y", "p", 40),
            ("y", "q", 40),
        ] {
            for i in 0..n {
                let c = if i % 2 == 0 { "u" } else { "v" };
                rows.push(vec![a.to_owned(), b.to_owned(), c.to_owned()]);
            }
        }
        let m = Marginals::compute(&table(&rows, 3), 3, 1).unwrap();
        let counts = counts_of(&m);
        let ab = m.table(&[0, 1]).unwrap();
        let x = ab.offset + ab.index_of(&[1, 1]);
        let mut status: Vec<CellStatus> = counts
            .iter()
            .map(|&c| {
                if c > 0 && c < 11 {
                    CellStatus::Primary
                } else {
                    CellStatus::Published
                }
            })
            .collect();
        let support = hypercube::certificate_for(&m, &counts, &status, x).unwrap();
        assert!(hypercube::perturbation_holds(&m, &counts, &support));
        // 4 cells of a × b and 4 of a × b × c.
        assert_eq!(support.len(), 8);
        for &(g, _) in &support {
            status[g] = CellStatus::Complementary;
        }
        assert!(attack(&m, &status).iter().all(|e| e.cell != x));
        let p = protect(&m, 11).unwrap();
        assert!(attack(&m, &p.status).is_empty());
    }

    fn arb_rows() -> impl Strategy<Value = (Vec<Vec<String>>, usize, u32)> {
        (2usize..=4, 3u32..=11).prop_flat_map(|(width, threshold)| {
            let value = prop_oneof![
                6 => Just("a".to_owned()),
                3 => Just("b".to_owned()),
                1 => Just("c".to_owned()),
                1 => Just(String::new()),
            ];
            (
                proptest::collection::vec(proptest::collection::vec(value, width), 12..120),
                Just(width),
                Just(threshold),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// No published cell is sensitive and no hidden cell survives the attack, for 1- to
        /// 3-way marginals of random skewed tables.
        #[test]
        fn no_suppressed_cell_can_be_recomputed((rows, width, threshold) in arb_rows(), length in 1usize..=3) {
            let t = table(&rows, width);
            let m = Marginals::compute(&t, length, 1).unwrap();
            let p = protect(&m, threshold).unwrap();
            let counts: Vec<u32> = m.tables.iter().flat_map(|t| t.counts.iter().copied()).collect();
            for (c, s) in counts.iter().zip(&p.status) {
                if *c > 0 && *c < threshold {
                    prop_assert!(s.hidden(), "a sensitive cell is published");
                }
                if s.hidden() {
                    prop_assert!(*c > 0, "a zero cell is hidden");
                }
            }
            let exposed = attack(&m, &p.status);
            prop_assert!(exposed.is_empty(), "recomputed: {:?}", exposed);
        }

        /// Every certificate the hypercube search returns is a true perturbation: applied to
        /// the counts it keeps every relation and leaves every changed cell at least 1.
        #[test]
        fn every_hypercube_certificate_is_a_valid_perturbation((rows, width, threshold) in arb_rows(), length in 1usize..=3) {
            let t = table(&rows, width);
            let m = Marginals::compute(&t, length, 1).unwrap();
            let counts = counts_of(&m);
            let status: Vec<CellStatus> = counts
                .iter()
                .map(|&c| if c > 0 && c < threshold { CellStatus::Primary } else { CellStatus::Published })
                .collect();
            for cell in (0..counts.len()).filter(|&c| status[c] == CellStatus::Primary) {
                if let Some(support) = hypercube::certificate_for(&m, &counts, &status, cell) {
                    prop_assert!(support.iter().any(|&(g, _)| g == cell));
                    prop_assert!(hypercube::perturbation_holds(&m, &counts, &support), "cell {cell}: {support:?}");
                }
            }
        }
    }

    fn arb_wide() -> impl Strategy<Value = (Vec<Vec<String>>, usize)> {
        (5usize..=5).prop_flat_map(|width| {
            let value = prop_oneof![
                8 => Just("a".to_owned()),
                3 => Just("b".to_owned()),
                1 => Just("c".to_owned()),
                2 => Just(String::new()),
            ];
            (
                proptest::collection::vec(proptest::collection::vec(value, width), 60..150),
                Just(width),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(8))]

        /// Wider tables at length 3, where hypercubes cover most cells and the global
        /// elimination the rest: the independent attacker still recomputes nothing.
        #[test]
        fn wide_three_way_marginals_survive_the_attack((rows, width) in arb_wide()) {
            let t = table(&rows, width);
            let m = Marginals::compute(&t, 3, 1).unwrap();
            let p = protect(&m, 11).unwrap();
            prop_assert!(p.certified > 0);
            let exposed = attack(&m, &p.status);
            prop_assert!(exposed.is_empty(), "recomputed: {:?}", exposed);
        }
    }
}
