//! Every 0- to k-way cross-tabulation of a table in one pass over the records: the published
//! "marginals". Each cross-tabulation counts every combination of its columns' values,
//! including the empty value, so a table's own margins are exactly the lower-order tables and
//! the linear relations between them are known (see [`Marginals::relations`]).

use crate::{StatsError, Table};
use std::collections::HashMap;

/// The most cells one cross-tabulation may have.
pub const MAX_CELLS_PER_TABLE: u128 = 1 << 26;
/// The most cells all cross-tabulations together may have.
pub const MAX_CELLS_TOTAL: u128 = 1 << 28;

/// One cross-tabulation: the counts of every combination of values of `columns`, row-major
/// (the first column varies slowest).
#[derive(Debug, Clone, PartialEq)]
pub struct CrossTab {
    /// Column indexes into the source table, ascending.
    pub columns: Vec<usize>,
    /// Number of values of each column.
    pub dims: Vec<usize>,
    /// Counts, one per cell.
    pub counts: Vec<u32>,
    /// Index of this table's first cell among all cells of the [`Marginals`].
    pub offset: usize,
}

impl CrossTab {
    /// The value codes of cell `i`, one per column.
    pub fn codes_of(&self, mut i: usize) -> Vec<usize> {
        let mut out = vec![0; self.dims.len()];
        for (slot, d) in out.iter_mut().zip(&self.dims).rev() {
            *slot = i % d;
            i /= d;
        }
        out
    }

    /// The cell of a combination of value codes.
    pub fn index_of(&self, codes: &[usize]) -> usize {
        codes
            .iter()
            .zip(&self.dims)
            .fold(0, |acc, (&c, &d)| acc * d + c)
    }
}

/// All cross-tabulations of up to `length` columns.
#[derive(Debug, Clone)]
pub struct Marginals {
    /// The tables, by increasing number of columns, then lexicographically.
    pub tables: Vec<CrossTab>,
    index: HashMap<Vec<usize>, usize>,
    /// Number of records.
    pub rows: usize,
    /// The reporting length: the most columns in one table.
    pub length: usize,
    /// Total number of cells.
    pub cells: usize,
}

/// A linear relation between published numbers: the margin cell equals the sum of the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The global index of the margin cell.
    pub margin: usize,
    /// The global indexes of the cells that sum to it.
    pub row: Vec<usize>,
}

/// Every `k`-subset of `0..n`, lexicographically.
pub fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    if k > n {
        return out;
    }
    let mut cur: Vec<usize> = (0..k).collect();
    loop {
        out.push(cur.clone());
        let mut i = k;
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            if cur[i] < n - k + i {
                cur[i] += 1;
                for j in i + 1..k {
                    cur[j] = cur[j - 1] + 1;
                }
                break;
            }
        }
    }
}

impl Marginals {
    /// Counts all 0- to `length`-way cross-tabulations of `table`, using up to `threads`
    /// threads (tables are shared among them; the result does not depend on the number).
    pub fn compute(table: &Table, length: usize, threads: usize) -> Result<Self, StatsError> {
        let length = length.min(table.width());
        let mut shapes: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
        let mut total: u128 = 0;
        for k in 0..=length {
            for cols in subsets(table.width(), k) {
                let dims: Vec<usize> = cols.iter().map(|&c| table.levels(c).len()).collect();
                let cells: u128 = dims.iter().map(|&d| d as u128).product();
                if cells > MAX_CELLS_PER_TABLE {
                    return Err(StatsError::TooLarge {
                        columns: cols
                            .iter()
                            .map(|&c| table.names()[c].as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        cells,
                    });
                }
                total += cells;
                shapes.push((cols, dims));
            }
        }
        if total > MAX_CELLS_TOTAL {
            return Err(StatsError::TooLarge {
                columns: format!("all {length}-way combinations"),
                cells: total,
            });
        }
        let threads = threads.clamp(1, 64);
        let mut counted: Vec<Option<Vec<u32>>> = vec![None; shapes.len()];
        std::thread::scope(|s| {
            let chunks: Vec<Vec<usize>> = (0..threads)
                .map(|t| (t..shapes.len()).step_by(threads).collect())
                .collect();
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|mine| {
                    let shapes = &shapes;
                    s.spawn(move || {
                        mine.into_iter()
                            .map(|i| (i, count(table, &shapes[i].0, &shapes[i].1)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for h in handles {
                // A counting thread cannot panic (no indexing outside the dims checked above);
                // if it somehow did, its tables stay empty and are recounted below.
                if let Ok(done) = h.join() {
                    for (i, c) in done {
                        counted[i] = Some(c);
                    }
                }
            }
        });
        let mut tables = Vec::with_capacity(shapes.len());
        let mut index = HashMap::with_capacity(shapes.len());
        let mut offset = 0;
        for (i, ((cols, dims), c)) in shapes.into_iter().zip(counted).enumerate() {
            let counts = match c {
                Some(c) => c,
                None => count(table, &cols, &dims),
            };
            index.insert(cols.clone(), i);
            let n = counts.len();
            tables.push(CrossTab {
                columns: cols,
                dims,
                counts,
                offset,
            });
            offset += n;
        }
        Ok(Self {
            tables,
            index,
            rows: table.rows(),
            length,
            cells: offset,
        })
    }

    /// Counts only the cross-tabulations of `families` (column sets) and every subset of them,
    /// so that exactly the published tables are linked by relations — dashboards publish a
    /// few 3-way tables, not every one. Same layout as [`Marginals::compute`]: by number of
    /// columns, then lexicographically.
    pub fn compute_families(table: &Table, families: &[Vec<usize>]) -> Result<Self, StatsError> {
        Self::families_of(table, None, families)
    }

    /// Like [`Marginals::compute_families`] over weighted rows: row `r` of `table` stands for
    /// `weights[r]` records (a `GROUP BY` result: the distinct combinations and their counts).
    /// The result is exactly that of the table with each row repeated `weights[r]` times —
    /// same levels, same counts, same `rows` (the sum of the weights) — so disclosure control
    /// over it decides the same. A row of weight 0 counts nothing, but its values still become
    /// levels (a `GROUP BY` never yields one).
    pub fn compute_families_weighted(
        table: &Table,
        weights: &[u32],
        families: &[Vec<usize>],
    ) -> Result<Self, StatsError> {
        if weights.len() != table.rows() {
            return Err(StatsError::Invalid(format!(
                "{} weights for a table of {} rows",
                weights.len(),
                table.rows()
            )));
        }
        Self::families_of(table, Some(weights), families)
    }

    fn families_of(
        table: &Table,
        weights: Option<&[u32]>,
        families: &[Vec<usize>],
    ) -> Result<Self, StatsError> {
        let rows = match weights {
            None => table.rows(),
            Some(w) => {
                let total: u64 = w.iter().map(|&x| u64::from(x)).sum();
                if total > u64::from(u32::MAX) {
                    return Err(StatsError::Invalid(format!(
                        "the weights add up to {total}, more than a count can hold"
                    )));
                }
                total as usize
            }
        };
        let mut sets: Vec<Vec<usize>> = Vec::new();
        for f in families {
            let mut f = f.clone();
            f.sort_unstable();
            f.dedup();
            if f.iter().any(|&c| c >= table.width()) {
                return Err(StatsError::Invalid(format!(
                    "a table names column {} of a table of {} columns",
                    f.iter().max().copied().unwrap_or(0),
                    table.width()
                )));
            }
            for k in 0..=f.len() {
                for sub in subsets(f.len(), k) {
                    let cols: Vec<usize> = sub.iter().map(|&i| f[i]).collect();
                    if !sets.contains(&cols) {
                        sets.push(cols);
                    }
                }
            }
        }
        sets.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        let mut tables = Vec::with_capacity(sets.len());
        let mut index = HashMap::with_capacity(sets.len());
        let mut offset = 0;
        let mut total: u128 = 0;
        for (i, cols) in sets.into_iter().enumerate() {
            let dims: Vec<usize> = cols.iter().map(|&c| table.levels(c).len()).collect();
            let cells: u128 = dims.iter().map(|&d| d as u128).product();
            total += cells;
            if cells > MAX_CELLS_PER_TABLE || total > MAX_CELLS_TOTAL {
                return Err(StatsError::TooLarge {
                    columns: cols
                        .iter()
                        .map(|&c| table.names()[c].as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    cells,
                });
            }
            let counts = match weights {
                None => count(table, &cols, &dims),
                Some(w) => count_weighted(table, w, &cols, &dims),
            };
            index.insert(cols.clone(), i);
            let n = counts.len();
            tables.push(CrossTab {
                columns: cols,
                dims,
                counts,
                offset,
            });
            offset += n;
        }
        let length = tables.last().map_or(0, |t| t.columns.len());
        Ok(Self {
            tables,
            index,
            rows,
            length,
            cells: offset,
        })
    }

    /// The table of exactly these columns (ascending), if within the reporting length.
    pub fn table(&self, columns: &[usize]) -> Option<&CrossTab> {
        self.index.get(columns).map(|&i| &self.tables[i])
    }

    /// Index of the table of these columns.
    pub fn table_index(&self, columns: &[usize]) -> Option<usize> {
        self.index.get(columns).copied()
    }

    /// The table and cell of a global cell index.
    pub fn locate(&self, global: usize) -> (usize, usize) {
        let t = self
            .tables
            .partition_point(|t| t.offset <= global)
            .saturating_sub(1);
        (t, global - self.tables[t].offset)
    }

    /// The count of a global cell.
    pub fn count(&self, global: usize) -> u32 {
        let (t, c) = self.locate(global);
        self.tables[t].counts[c]
    }

    /// Every relation "margin = sum of row" between a table and each of its one-column-smaller
    /// margins. Together they span all linear relations between the published tables.
    pub fn relations(&self) -> Vec<Relation> {
        let mut out = Vec::new();
        for t in &self.tables {
            for p in 0..t.columns.len() {
                let mut margin_cols = t.columns.clone();
                margin_cols.remove(p);
                let Some(m) = self.table(&margin_cols) else {
                    continue;
                };
                let mut rows: Vec<Vec<usize>> = vec![Vec::with_capacity(t.dims[p]); m.counts.len()];
                for cell in 0..t.counts.len() {
                    rows[margin_cell(t, p, cell)].push(t.offset + cell);
                }
                for (mc, row) in rows.into_iter().enumerate() {
                    out.push(Relation {
                        margin: m.offset + mc,
                        row,
                    });
                }
            }
        }
        out
    }
}

/// The cell of the margin of `t` without column position `p` that `cell` of `t` sums into.
pub fn margin_cell(t: &CrossTab, p: usize, cell: usize) -> usize {
    let after: usize = t.dims[p + 1..].iter().product();
    let high = cell / (after * t.dims[p]);
    let low = cell % after;
    high * after + low
}

fn count(table: &Table, cols: &[usize], dims: &[usize]) -> Vec<u32> {
    let cells: usize = dims.iter().product();
    let mut counts = vec![0u32; cells];
    match cols.len() {
        0 => counts[0] = table.rows() as u32,
        1 => {
            for &a in table.column(cols[0]) {
                counts[a as usize] += 1;
            }
        }
        2 => {
            let (a, b) = (table.column(cols[0]), table.column(cols[1]));
            let db = dims[1];
            for (&x, &y) in a.iter().zip(b) {
                counts[x as usize * db + y as usize] += 1;
            }
        }
        3 => {
            let (a, b, c) = (
                table.column(cols[0]),
                table.column(cols[1]),
                table.column(cols[2]),
            );
            let (db, dc) = (dims[1], dims[2]);
            for ((&x, &y), &z) in a.iter().zip(b).zip(c) {
                counts[(x as usize * db + y as usize) * dc + z as usize] += 1;
            }
        }
        _ => {
            let columns: Vec<&[u16]> = cols.iter().map(|&c| table.column(c)).collect();
            for r in 0..table.rows() {
                let mut idx = 0;
                for (col, d) in columns.iter().zip(dims) {
                    idx = idx * d + col[r] as usize;
                }
                counts[idx] += 1;
            }
        }
    }
    counts
}

/// [`count`] with row `r` counted `weights[r]` times (the caller checked the lengths and that
/// the weights add up to a `u32`, so no cell overflows).
fn count_weighted(table: &Table, weights: &[u32], cols: &[usize], dims: &[usize]) -> Vec<u32> {
    let cells: usize = dims.iter().product();
    let mut counts = vec![0u32; cells];
    let columns: Vec<&[u16]> = cols.iter().map(|&c| table.column(c)).collect();
    for (r, &w) in weights.iter().enumerate() {
        let mut idx = 0;
        for (col, d) in columns.iter().zip(dims) {
            idx = idx * d + col[r] as usize;
        }
        counts[idx] += w;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::TableBuilder;

    fn small() -> Table {
        let mut b = TableBuilder::new(vec!["a".into(), "b".into(), "c".into()]);
        for r in [
            ["x", "1", ""],
            ["x", "2", "p"],
            ["y", "1", "p"],
            ["y", "1", "q"],
            ["", "2", "q"],
        ] {
            b.push(&r).unwrap();
        }
        b.finish()
    }

    #[test]
    fn subsets_are_all_combinations() {
        assert_eq!(subsets(4, 2).len(), 6);
        assert_eq!(subsets(25, 3).len(), 2300);
        assert_eq!(subsets(3, 0), vec![Vec::<usize>::new()]);
        assert!(subsets(2, 3).is_empty());
    }

    #[test]
    fn every_relation_holds_and_threads_do_not_change_counts() {
        let t = small();
        let m = Marginals::compute(&t, 3, 1).unwrap();
        assert_eq!(m.tables.len(), 1 + 3 + 3 + 1);
        assert_eq!(m.tables[0].counts, vec![5]);
        let rels = m.relations();
        assert!(!rels.is_empty());
        for r in &rels {
            let sum: u32 = r.row.iter().map(|&c| m.count(c)).sum();
            assert_eq!(sum, m.count(r.margin));
        }
        let m4 = Marginals::compute(&t, 3, 4).unwrap();
        assert_eq!(
            m.tables.iter().map(|t| &t.counts).collect::<Vec<_>>(),
            m4.tables.iter().map(|t| &t.counts).collect::<Vec<_>>()
        );
        let ab = m.table(&[0, 1]).unwrap();
        // a = x (code 1), b = 1 (code 1): one record
        assert_eq!(ab.counts[ab.index_of(&[1, 1])], 1);
        assert_eq!(ab.codes_of(ab.index_of(&[2, 1])), vec![2, 1]);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod families {
    use super::*;
    use crate::sdc::{self, CellStatus};
    use crate::table::TableBuilder;

    /// A dashboard-shaped table: year, region and two categories, skewed so that many cells
    /// are small.
    fn cube(rows: usize) -> Table {
        let mut b = TableBuilder::new(vec!["year".into(), "region".into(), "a".into(), "b".into()]);
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..rows {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let pick = |shift: u32, n: u64| ((x >> shift) % n).min((x >> (shift + 8)) % n);
            b.push(&[
                format!("{}", 2020 + pick(0, 5)),
                format!("R{}", pick(16, 6)),
                format!("a{}", pick(32, 4)),
                format!("b{}", pick(48, 7)),
            ])
            .unwrap();
        }
        b.finish()
    }

    #[test]
    fn chosen_families_count_like_all_tables_and_their_protection_holds_against_the_attacker() {
        let t = cube(400);
        let families = vec![vec![0, 1], vec![0, 2], vec![1, 2], vec![0, 3], vec![1, 3]];
        let m = Marginals::compute_families(&t, &families).unwrap();
        // The downward closure: the empty table, four one-way tables, five pairs.
        assert_eq!(m.tables.len(), 10);
        assert!(m.table(&[2, 3]).is_none(), "a × b is not published");
        let all = Marginals::compute(&t, 2, 1).unwrap();
        for tab in &m.tables {
            assert_eq!(tab.counts, all.table(&tab.columns).unwrap().counts);
        }
        let p = sdc::protect(&m, 11).unwrap();
        assert!(
            p.primary() > 0 && p.complementary() > 0,
            "the test table has small cells"
        );
        for (cell, s) in p.status.iter().enumerate() {
            let c = m.count(cell);
            if *s == CellStatus::Published {
                assert!(c == 0 || c >= 11, "cell {cell} shows {c}");
            }
        }
        assert!(
            sdc::attack(&m, &p.status).is_empty(),
            "a hidden cell can be recomputed"
        );
    }

    /// The distinct rows of `t` with how often each occurs, in an order of their own (reversed
    /// first appearance), as a `GROUP BY` would return them.
    fn grouped(t: &Table) -> (Table, Vec<u32>) {
        let mut seen: Vec<(Vec<String>, u32)> = Vec::new();
        for r in 0..t.rows() {
            let row: Vec<String> = (0..t.width())
                .map(|c| t.levels(c)[t.column(c)[r] as usize].clone())
                .collect();
            match seen.iter_mut().find(|(v, _)| *v == row) {
                Some((_, n)) => *n += 1,
                None => seen.push((row, 1)),
            }
        }
        seen.reverse();
        let mut b = TableBuilder::new(t.names().to_vec());
        let mut weights = Vec::new();
        for (row, n) in seen {
            b.push(&row).unwrap();
            weights.push(n);
        }
        (b.finish(), weights)
    }

    #[test]
    fn weighted_rows_count_and_protect_exactly_like_the_records_they_stand_for() {
        let t = cube(600);
        let (g, w) = grouped(&t);
        assert!(g.rows() < t.rows(), "the test table has repeated rows");
        assert!(w.iter().any(|&n| n > 2));
        let families = vec![vec![0, 1], vec![0, 2], vec![1, 2], vec![0, 3], vec![1, 3]];
        let plain = Marginals::compute_families(&t, &families).unwrap();
        let weighted = Marginals::compute_families_weighted(&g, &w, &families).unwrap();
        assert_eq!(weighted.rows, 600);
        assert_eq!(weighted.cells, plain.cells);
        for c in 0..t.width() {
            assert_eq!(g.levels(c), t.levels(c));
        }
        for (a, b) in plain.tables.iter().zip(&weighted.tables) {
            assert_eq!((&a.columns, &a.counts), (&b.columns, &b.counts));
        }
        let (p, q) = (
            sdc::protect(&plain, 11).unwrap(),
            sdc::protect(&weighted, 11).unwrap(),
        );
        assert!(p.primary() > 0 && p.complementary() > 0);
        assert_eq!(p.status, q.status, "the same cells are hidden");
    }

    #[test]
    fn weights_must_match_the_rows_and_fit_a_count() {
        let t = cube(20);
        let families = vec![vec![0, 1]];
        assert!(Marginals::compute_families_weighted(&t, &[1; 19], &families).is_err());
        let mut big = vec![1u32; 20];
        big[0] = u32::MAX;
        assert!(Marginals::compute_families_weighted(&t, &big, &families).is_err());
        let ones = Marginals::compute_families_weighted(&t, &[1; 20], &families).unwrap();
        let plain = Marginals::compute_families(&t, &families).unwrap();
        assert_eq!(ones.tables, plain.tables);
        let zero = Marginals::compute_families_weighted(&t, &[0; 20], &families).unwrap();
        assert_eq!(zero.rows, 0);
        assert!(zero.tables.iter().all(|t| t.counts.iter().all(|&c| c == 0)));
    }

    #[test]
    fn a_family_naming_a_missing_column_is_refused() {
        let t = cube(20);
        assert!(Marginals::compute_families(&t, &[vec![0, 9]]).is_err());
    }
}
