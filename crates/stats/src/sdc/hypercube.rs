//! Perturbation certificates: the hypercube method of τ-ARGUS (GHMITER), extended to the
//! linked tables of all 1- to k-way marginals.
//!
//! A hidden cell is safe when some *perturbation* exists: integer changes of hidden cells only
//! that leave every relation "margin = sum of its row" true and every hidden count at least 1.
//! Then the published numbers fit two tables that differ in that cell, and no attacker, exact
//! or by bounds, can recompute it — whatever else is hidden, because hiding more cells only
//! removes what the attacker knows. The same holds for every other cell the perturbation
//! changes.
//!
//! The perturbations used are hypercubes. For a sensitive cell with values `a` of columns S,
//! choose another value `a'ⱼ` for each column of S: the 2^|S| cells of `{a₁, a'₁} × … ×
//! {a_s, a'_s}` get +1 or −1 by the parity of the alternatives they use, so every line sum of
//! the S-table stays the same. In linked tables, the S-table is itself the margin of the
//! larger tables containing S, so the change is *lifted*: one anchor value is chosen for each
//! other column, and every table S ∪ U (up to the reporting length) gets the same ±1 pattern
//! at the anchors' values of U. Each margin of such a table either drops a column of S (its
//! ±1 cancel) or a column of U (it is the smaller lifted table), so every relation holds.
//!
//! A cell of a k-way table is tried with S = its own columns first (2^k cells, no lifting at
//! reporting length k), then with fewer columns and its other values as fixed anchors; among
//! the hypercubes that fit, the one hiding the fewest (then the smallest) published cells wins.

use super::CellStatus;
use crate::marginals::{CrossTab, Marginals, subsets};

/// Alternative values tried per column of a hypercube (the cheapest ones).
const ALTERNATIVES: usize = 12;
/// Partial boxes looked at per column choice of a hypercube.
const NODES: usize = 3_000;
/// Hypercubes whose lifting into the larger tables is tried, cheapest first.
const LIFTED_TRIES: usize = 12;

/// Cells looked at per sensitive cell before its search gives up and leaves it to the global
/// elimination: a cell no cheap hypercube fits is rare, and the exhaustive search is slow.
const WORK: u64 = 8_000;

/// What a perturbation costs: published cells it hides, then their total count.
type Cost = (usize, u64);

/// Which way the perturbation moves: the cell itself +1 (the −1 corners must count at least 2)
/// or −1 (the +1 corners, the cell among them, must count at least 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Up,
    Down,
}

impl Mode {
    fn least(self, negative: bool) -> u32 {
        match (self, negative) {
            (Mode::Up, true) | (Mode::Down, false) => 2,
            _ => 1,
        }
    }
}

/// A certificate: the global cells of a perturbation and their signs (true = −1).
pub(super) type Support = Vec<(usize, bool)>;

/// Finds a certificate for every primary cell, hiding the published cells each one needs
/// (they become complementary). Returns which cells are covered by some certificate.
pub(super) fn certify_all(m: &Marginals, counts: &[u32], status: &mut [CellStatus]) -> Vec<bool> {
    let mut covered = vec![false; status.len()];
    let width = m.tables.iter().filter(|t| t.columns.len() == 1).count();
    let cx = Search {
        m,
        counts,
        length: m.length,
        width,
        work: std::cell::Cell::new(0),
    };
    // Smaller tables first: their perturbations must reach into many larger tables, and the
    // larger tables' sensitive cells can then reuse the cells those hid.
    for t in &m.tables {
        if t.columns.is_empty() {
            continue;
        }
        for cell in 0..t.counts.len() {
            let g = t.offset + cell;
            if status[g] != CellStatus::Primary || covered[g] {
                continue;
            }
            if let Some(support) = cx.certificate(t, cell, status) {
                for (c, _) in support {
                    if status[c] == CellStatus::Published {
                        status[c] = CellStatus::Complementary;
                    }
                    covered[c] = true;
                }
            }
        }
    }
    covered
}

struct Search<'a> {
    m: &'a Marginals,
    counts: &'a [u32],
    length: usize,
    width: usize,
    /// Cells looked at for the current sensitive cell.
    work: std::cell::Cell<u64>,
}

/// One table of a lifted perturbation, and where each of its columns takes its value from.
struct Lifted<'a> {
    table: &'a CrossTab,
    /// Per column of the table: `Ok(j)` = the j-th hypercube column, `Err(col)` = the anchor
    /// of source column `col`.
    from: Vec<Result<usize, usize>>,
}

impl Search<'_> {
    /// The cheapest certificate found for `cell` of `t`, if any.
    fn certificate(&self, t: &CrossTab, cell: usize, status: &[CellStatus]) -> Option<Support> {
        let vals = t.codes_of(cell);
        let k = t.columns.len();
        self.work.set(0);
        for s in (1..=k).rev() {
            let mut best: Option<(Cost, Support)> = None;
            for pos in subsets(k, s) {
                if let Some((cost, support)) = self.hypercube(t, &vals, &pos, status)
                    && best.as_ref().is_none_or(|(b, _)| cost < *b)
                {
                    best = Some((cost, support));
                }
            }
            if let Some((_, support)) = best {
                return Some(support);
            }
        }
        None
    }

    /// The best hypercube on the columns at positions `pos` of `t`, the other columns of `t`
    /// anchored at the cell's own values.
    fn hypercube(
        &self,
        t: &CrossTab,
        vals: &[usize],
        pos: &[usize],
        status: &[CellStatus],
    ) -> Option<(Cost, Support)> {
        let s = pos.len();
        let cols: Vec<usize> = pos.iter().map(|&p| t.columns[p]).collect();
        let base: Vec<usize> = pos.iter().map(|&p| vals[p]).collect();
        // The cheapest alternatives per column: their neighbour cell in `t` must be non-zero.
        let mut alts: Vec<Vec<usize>> = Vec::with_capacity(s);
        for &p in pos {
            let mut v = vals.to_vec();
            let mut options: Vec<(bool, u32, usize)> = Vec::new();
            for a in 0..t.dims[p] {
                if a == vals[p] {
                    continue;
                }
                v[p] = a;
                let g = t.offset + t.index_of(&v);
                if self.counts[g] > 0 {
                    options.push((status[g] == CellStatus::Published, self.counts[g], a));
                }
            }
            if options.is_empty() {
                return None;
            }
            options.sort_unstable();
            // The cheapest, and — for hypercubes that must be lifted into larger tables,
            // where a value with few records rarely fits — the most frequent ones.
            let mut chosen: Vec<usize> = options.iter().take(ALTERNATIVES).map(|o| o.2).collect();
            if self.length > s {
                options.sort_unstable_by_key(|o| std::cmp::Reverse(o.1));
                for o in options.iter().take(ALTERNATIVES) {
                    if !chosen.contains(&o.2) {
                        chosen.push(o.2);
                    }
                }
            }
            alts.push(chosen);
        }
        // Every combination of alternatives, judged first inside `t`, depth first: once the
        // alternatives of the first d columns are chosen, the corners that use only those are
        // known, and a zero among them cuts the whole subtree (sparse tables have many).
        let mut in_table: Vec<(Cost, Vec<usize>, [bool; 2])> = Vec::new();
        let mut alt = vec![0usize; s];
        let mut v = vals.to_vec();
        let mut visits = NODES;
        self.boxes(
            t,
            pos,
            &base,
            &alts,
            status,
            0,
            &mut alt,
            &mut v,
            ((0, 0), [true, true]),
            &mut visits,
            &mut in_table,
        );
        in_table.sort_unstable_by_key(|a| a.0);
        let fixed: Vec<(usize, usize)> = (0..t.columns.len())
            .filter(|p| !pos.contains(p))
            .map(|p| (t.columns[p], vals[p]))
            .collect();
        if self.length == s {
            // Nothing to lift: the perturbation stays inside `t`.
            let (cost, alt, _) = in_table.into_iter().next()?;
            let support = self.corners_of(t, &cols, &base, &alt, &|col| {
                fixed.iter().find(|f| f.0 == col).map_or(0, |f| f.1)
            });
            return Some((cost, support));
        }
        // The cheapest few, then the ones of the largest counts (most likely to fit).
        let mut tries: Vec<(Vec<usize>, [bool; 2])> = Vec::new();
        for (_, alt, ok) in in_table.iter().take(LIFTED_TRIES) {
            tries.push((alt.clone(), *ok));
        }
        let mut by_size = in_table;
        by_size.sort_unstable_by_key(|(_, alt, _)| {
            std::cmp::Reverse(
                alt.iter()
                    .zip(&cols)
                    .map(|(&a, &c)| self.level_count(c, a))
                    .min()
                    .unwrap_or(0),
            )
        });
        for (_, alt, ok) in by_size.into_iter().take(LIFTED_TRIES) {
            if !tries.iter().any(|(a, _)| *a == alt) {
                tries.push((alt, ok));
            }
        }
        let mut best: Option<(Cost, Support)> = None;
        // With room for one more column the anchors are independent and the cheapest fit
        // wherever any does; only longer liftings need the robust second pass.
        let passes: &[bool] = if self.length - s >= 2 {
            &[false, true]
        } else {
            &[false]
        };
        for &robust in passes {
            for (alt, ok) in &tries {
                for (i, mode) in [Mode::Up, Mode::Down].into_iter().enumerate() {
                    if !ok[i] {
                        continue;
                    }
                    if let Some((cost, support)) =
                        self.lift(&cols, &base, alt, &fixed, mode, robust, status)
                        && best.as_ref().is_none_or(|(b, _)| cost < *b)
                    {
                        best = Some((cost, support));
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        best
    }

    /// Depth-first search of the boxes: column `d` gets each of its alternatives in turn,
    /// and the corners whose last alternative column is `d` are checked at once.
    #[allow(clippy::too_many_arguments)]
    fn boxes(
        &self,
        t: &CrossTab,
        pos: &[usize],
        base: &[usize],
        alts: &[Vec<usize>],
        status: &[CellStatus],
        d: usize,
        alt: &mut Vec<usize>,
        v: &mut Vec<usize>,
        (cost, ok): (Cost, [bool; 2]),
        visits: &mut usize,
        found: &mut Vec<(Cost, Vec<usize>, [bool; 2])>,
    ) {
        let s = pos.len();
        if d == s {
            // The base corner (the cell itself) is checked here, once per box.
            for j in 0..s {
                v[pos[j]] = base[j];
            }
            let c = self.counts[t.offset + t.index_of(v)];
            let ok = [
                ok[0] && c >= Mode::Up.least(false),
                ok[1] && c >= Mode::Down.least(false),
            ];
            if ok[0] || ok[1] {
                found.push((cost, alt.clone(), ok));
            }
            return;
        }
        for &a in &alts[d] {
            if *visits == 0 {
                return;
            }
            *visits -= 1;
            alt[d] = a;
            let (mut cost2, mut ok2) = (cost, ok);
            for b in 1usize << d..1usize << (d + 1) {
                for j in 0..=d {
                    v[pos[j]] = if b >> j & 1 == 1 { alt[j] } else { base[j] };
                }
                for j in d + 1..s {
                    v[pos[j]] = base[j];
                }
                let g = t.offset + t.index_of(v);
                let c = self.counts[g];
                let negative = b.count_ones() % 2 == 1;
                ok2[0] &= c >= Mode::Up.least(negative);
                ok2[1] &= c >= Mode::Down.least(negative);
                if !(ok2[0] || ok2[1]) {
                    break;
                }
                if status[g] == CellStatus::Published {
                    cost2.0 += 1;
                    cost2.1 += u64::from(c);
                }
            }
            if ok2[0] || ok2[1] {
                self.boxes(
                    t,
                    pos,
                    base,
                    alts,
                    status,
                    d + 1,
                    alt,
                    v,
                    (cost2, ok2),
                    visits,
                    found,
                );
            }
        }
    }

    /// How many records have value `a` in column `c`.
    fn level_count(&self, c: usize, a: usize) -> u32 {
        self.m.table(&[c]).map_or(0, |t| self.counts[t.offset + a])
    }

    /// The 2^s cells of table `t` (which contains `cols`), other columns at `anchor(col)`.
    fn corners_of(
        &self,
        t: &CrossTab,
        cols: &[usize],
        base: &[usize],
        alt: &[usize],
        anchor: &dyn Fn(usize) -> usize,
    ) -> Support {
        let mut out = Vec::with_capacity(1 << cols.len());
        let mut v = vec![0usize; t.columns.len()];
        for b in 0..1usize << cols.len() {
            for (slot, &col) in v.iter_mut().zip(&t.columns) {
                *slot = match cols.iter().position(|&c| c == col) {
                    Some(j) if b >> j & 1 == 1 => alt[j],
                    Some(j) => base[j],
                    None => anchor(col),
                };
            }
            out.push((t.offset + t.index_of(&v), b.count_ones() % 2 == 1));
        }
        out
    }

    /// The table of `cols` ∪ `extra`, with where each of its columns takes its value from.
    fn lifted(&self, cols: &[usize], extra: &[usize]) -> Option<Lifted<'_>> {
        let mut all: Vec<usize> = cols.iter().chain(extra).copied().collect();
        all.sort_unstable();
        let table = self.m.table(&all)?;
        let from = all
            .iter()
            .map(|&c| cols.iter().position(|&x| x == c).ok_or(c))
            .collect();
        Some(Lifted { table, from })
    }

    /// Checks one lifted table with `anchor` for the columns outside the hypercube; adds its
    /// cells to `support` and `cost` when every corner may move in `mode`.
    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        l: &Lifted<'_>,
        base: &[usize],
        alt: &[usize],
        anchor: &[usize],
        mode: Mode,
        status: &[CellStatus],
        support: &mut Support,
        cost: &mut Cost,
    ) -> bool {
        let s = base.len();
        self.work.set(self.work.get() + (1 << s));
        if self.work.get() > WORK {
            return false;
        }
        let mut v = vec![0usize; l.from.len()];
        let start = support.len();
        for b in 0..1usize << s {
            for (slot, f) in v.iter_mut().zip(&l.from) {
                *slot = match *f {
                    Ok(j) if b >> j & 1 == 1 => alt[j],
                    Ok(j) => base[j],
                    Err(col) => anchor[col],
                };
            }
            let g = l.table.offset + l.table.index_of(&v);
            let c = self.counts[g];
            let negative = b.count_ones() % 2 == 1;
            if c < mode.least(negative) {
                support.truncate(start);
                return false;
            }
            support.push((g, negative));
        }
        for &(g, _) in &support[start..] {
            if status[g] == CellStatus::Published {
                cost.0 += 1;
                cost.1 += u64::from(self.counts[g]);
            }
        }
        true
    }

    /// Lifts the hypercube into every table that contains its columns, choosing the anchors
    /// of the free columns one by one: the cheapest value that fits every table it completes,
    /// or (`robust`) the one whose smallest corner is largest, so later columns still fit.
    #[allow(clippy::too_many_arguments)]
    fn lift(
        &self,
        cols: &[usize],
        base: &[usize],
        alt: &[usize],
        fixed: &[(usize, usize)],
        mode: Mode,
        robust: bool,
        status: &[CellStatus],
    ) -> Option<(Cost, Support)> {
        let room = self.length - cols.len();
        let mut anchor = vec![usize::MAX; self.width];
        for &(c, v) in fixed {
            anchor[c] = v;
        }
        let mut support: Support = Vec::new();
        let mut cost: Cost = (0, 0);
        let fixed_cols: Vec<usize> = fixed.iter().map(|f| f.0).collect();
        // Tables made of the hypercube's and the fixed columns only.
        for r in 0..=room.min(fixed_cols.len()) {
            for sub in subsets(fixed_cols.len(), r) {
                let extra: Vec<usize> = sub.iter().map(|&i| fixed_cols[i]).collect();
                let l = self.lifted(cols, &extra)?;
                if !self.check(
                    &l,
                    base,
                    alt,
                    &anchor,
                    mode,
                    status,
                    &mut support,
                    &mut cost,
                ) {
                    return None;
                }
            }
        }
        let mut known = fixed_cols;
        for u in 0..self.width {
            if cols.contains(&u) || anchor[u] != usize::MAX {
                continue;
            }
            // The tables whose last anchor is u's: u with up to room − 1 known columns.
            let mut tables = Vec::new();
            for r in 0..room.min(known.len() + 1) {
                for sub in subsets(known.len(), r) {
                    let mut extra: Vec<usize> = sub.iter().map(|&i| known[i]).collect();
                    extra.push(u);
                    tables.push(self.lifted(cols, &extra)?);
                }
            }
            let levels = self.m.table(&[u]).map_or(1, |t| t.dims[0]);
            let mut best: Option<(Cost, usize, Support)> = None;
            let mut trial: Support = Vec::new();
            for value in 0..levels {
                anchor[u] = value;
                trial.clear();
                let mut c: Cost = (0, 0);
                let fits = tables
                    .iter()
                    .all(|l| self.check(l, base, alt, &anchor, mode, status, &mut trial, &mut c));
                if !fits {
                    continue;
                }
                let key = if robust {
                    let least = trial
                        .iter()
                        .map(|&(g, _)| self.counts[g])
                        .min()
                        .unwrap_or(0);
                    (usize::MAX - least as usize, c.1)
                } else {
                    c
                };
                if best.as_ref().is_none_or(|(b, _, _)| key < *b) {
                    best = Some((key, value, trial.clone()));
                }
            }
            let (_, value, cells) = best?;
            anchor[u] = value;
            let mut c: Cost = (0, 0);
            for &(g, _) in &cells {
                if status[g] == CellStatus::Published {
                    c.0 += 1;
                    c.1 += u64::from(self.counts[g]);
                }
            }
            cost.0 += c.0;
            cost.1 += c.1;
            support.extend(cells);
            known.push(u);
        }
        Some((cost, support))
    }
}

/// Checks a perturbation against the marginals: applied to the counts with either sign that
/// the counts allow, every relation still holds and every changed cell stays at least 1.
#[cfg(test)]
pub(super) fn perturbation_holds(m: &Marginals, counts: &[u32], support: &Support) -> bool {
    let mut delta = vec![0i64; counts.len()];
    for &(g, negative) in support {
        delta[g] += if negative { -1 } else { 1 };
    }
    let relations_hold = m
        .relations()
        .iter()
        .all(|r| delta[r.margin] == r.row.iter().map(|&c| delta[c]).sum::<i64>());
    let moves = |t: i64| {
        support
            .iter()
            .all(|&(g, _)| i64::from(counts[g]) + t * delta[g] >= 1)
    };
    relations_hold && (moves(1) || moves(-1)) && support.iter().any(|&(g, _)| delta[g] != 0)
}

#[cfg(test)]
pub(super) fn certificate_for(
    m: &Marginals,
    counts: &[u32],
    status: &[CellStatus],
    cell: usize,
) -> Option<Support> {
    let width = m.tables.iter().filter(|t| t.columns.len() == 1).count();
    let cx = Search {
        m,
        counts,
        length: m.length,
        width,
        work: std::cell::Cell::new(0),
    };
    let (t, c) = m.locate(cell);
    cx.certificate(&m.tables[t], c, status)
}
