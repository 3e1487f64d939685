//! How useful synthetic data are: the error of their marginal counts against the real data,
//! and what became of the rare combinations — the ones that could point at a person.
//!
//! Combinations are counted as Microsoft's Synthetic Data Showcase counts them: sets of
//! non-empty values ("attributes") of 1 to k different columns, so that the numbers compare
//! with SDS's own evaluation on the same file.

use crate::marginals::Marginals;
use crate::{StatsError, Table};
use serde::Serialize;
use std::collections::HashMap;

/// Errors of the combinations of one length.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LengthUtility {
    /// Number of columns combined.
    pub length: usize,
    /// Combinations present in the real or the synthetic data.
    pub combinations: usize,
    /// Mean |real count − synthetic count| over them.
    pub mean_absolute_error: f64,
    /// Mean real count over them, to judge the error against.
    pub mean_real_count: f64,
}

/// The utility report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UtilityReport {
    /// Real records.
    pub real_records: usize,
    /// Synthetic records.
    pub synthetic_records: usize,
    /// Errors by combination length, 1 to k.
    pub by_length: Vec<LengthUtility>,
    /// Combinations under this count are rare.
    pub rare_threshold: u32,
    /// Rare real combinations (1 to threshold − 1 records).
    pub rare_combinations: usize,
    /// Share of them present in the synthetic data.
    pub rare_preserved_share: f64,
    /// Share of them absent from the synthetic data.
    pub rare_suppressed_share: f64,
    /// Synthetic combinations that no real record has.
    pub fabricated_combinations: usize,
    /// Their share of all synthetic combinations.
    pub fabricated_share: f64,
}

impl UtilityReport {
    /// A few lines for a terminal.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "real records: {}, synthetic records: {}\n",
            self.real_records, self.synthetic_records
        );
        for l in &self.by_length {
            s.push_str(&format!(
                "{}-way: {} combinations, mean absolute error {:.2} (mean real count {:.1})\n",
                l.length, l.combinations, l.mean_absolute_error, l.mean_real_count
            ));
        }
        s.push_str(&format!(
            "rare combinations (under {}): {}; preserved {:.1} %, suppressed {:.1} %\n",
            self.rare_threshold,
            self.rare_combinations,
            100.0 * self.rare_preserved_share,
            100.0 * self.rare_suppressed_share
        ));
        s.push_str(&format!(
            "fabricated combinations: {} ({:.1} % of synthetic combinations)\n",
            self.fabricated_combinations,
            100.0 * self.fabricated_share
        ));
        s
    }
}

/// Compares `synthetic` with `real` over all combinations of 1 to `length` columns. Columns
/// are matched by name and values by their text, so the synthetic file may come from any tool.
pub fn compare(
    real: &Table,
    synthetic: &Table,
    length: usize,
    rare_threshold: u32,
    threads: usize,
) -> Result<UtilityReport, StatsError> {
    let (real, synthetic) = align(real, synthetic)?;
    let mr = Marginals::compute(&real, length, threads)?;
    let ms = Marginals::compute(&synthetic, length, threads)?;
    let mut by_length: Vec<(usize, f64, f64)> = vec![(0, 0.0, 0.0); mr.length + 1];
    let (mut rare, mut rare_kept, mut fabricated, mut synth_combos) = (0usize, 0usize, 0, 0);
    for (tr, ts) in mr.tables.iter().zip(&ms.tables) {
        let k = tr.columns.len();
        if k == 0 {
            continue;
        }
        for (i, (&a, &b)) in tr.counts.iter().zip(&ts.counts).enumerate() {
            if a == 0 && b == 0 {
                continue;
            }
            if tr.codes_of(i).contains(&0) {
                continue; // an empty value is not an attribute
            }
            let slot = &mut by_length[k];
            slot.0 += 1;
            slot.1 += f64::from(a.abs_diff(b));
            slot.2 += f64::from(a);
            if a > 0 && a < rare_threshold {
                rare += 1;
                if b > 0 {
                    rare_kept += 1;
                }
            }
            if b > 0 {
                synth_combos += 1;
                if a == 0 {
                    fabricated += 1;
                }
            }
        }
    }
    let share = |x: usize, of: usize| if of == 0 { 0.0 } else { x as f64 / of as f64 };
    Ok(UtilityReport {
        real_records: real.rows(),
        synthetic_records: synthetic.rows(),
        by_length: by_length
            .into_iter()
            .enumerate()
            .skip(1)
            .map(|(length, (n, err, sum))| LengthUtility {
                length,
                combinations: n,
                mean_absolute_error: if n == 0 { 0.0 } else { err / n as f64 },
                mean_real_count: if n == 0 { 0.0 } else { sum / n as f64 },
            })
            .collect(),
        rare_threshold,
        rare_combinations: rare,
        rare_preserved_share: share(rare_kept, rare),
        rare_suppressed_share: if rare == 0 {
            0.0
        } else {
            1.0 - share(rare_kept, rare)
        },
        fabricated_combinations: fabricated,
        fabricated_share: share(fabricated, synth_combos),
    })
}

/// Both tables with the same columns in the same order and one dictionary per column.
fn align(real: &Table, synthetic: &Table) -> Result<(Table, Table), StatsError> {
    let mut levels = Vec::with_capacity(real.width());
    let mut synth_codes = Vec::with_capacity(real.width());
    for (c, name) in real.names().iter().enumerate() {
        let Some(sc) = synthetic.names().iter().position(|n| n == name) else {
            return Err(StatsError::Invalid(format!(
                "the synthetic data have no column {name}"
            )));
        };
        let mut dict: Vec<String> = real.levels(c).to_vec();
        let mut index: HashMap<String, u16> = dict
            .iter()
            .enumerate()
            .map(|(i, v)| (v.clone(), i as u16))
            .collect();
        let mut map = Vec::with_capacity(synthetic.levels(sc).len());
        for v in synthetic.levels(sc) {
            let code = match index.get(v) {
                Some(&code) => code,
                None => {
                    if dict.len() >= crate::table::MAX_LEVELS {
                        return Err(StatsError::Invalid(format!(
                            "column {name} has too many distinct values"
                        )));
                    }
                    let code = dict.len() as u16;
                    dict.push(v.clone());
                    index.insert(v.clone(), code);
                    code
                }
            };
            map.push(code);
        }
        synth_codes.push(
            synthetic
                .column(sc)
                .iter()
                .map(|&x| map[x as usize])
                .collect::<Vec<u16>>(),
        );
        levels.push(dict);
    }
    let real_codes: Vec<Vec<u16>> = (0..real.width()).map(|c| real.column(c).to_vec()).collect();
    Ok((
        Table::from_codes(real.names().to_vec(), levels.clone(), real_codes)?,
        Table::from_codes(real.names().to_vec(), levels, synth_codes)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::TableBuilder;

    fn t(names: &[&str], rows: &[&[&str]]) -> Table {
        let mut b = TableBuilder::new(names.iter().map(|s| (*s).to_owned()).collect());
        for r in rows {
            b.push(r).unwrap();
        }
        b.finish()
    }

    #[test]
    fn identical_data_have_no_error_and_keep_every_rare_combination() {
        let real = t(&["a", "b"], &[&["x", "1"], &["x", "2"], &["y", ""]]);
        let r = compare(&real, &real, 2, 11, 1).unwrap();
        assert!(r.by_length.iter().all(|l| l.mean_absolute_error == 0.0));
        assert_eq!(r.rare_preserved_share, 1.0);
        assert_eq!(r.fabricated_combinations, 0);
        // attributes: x, y, 1, 2 (1-way), x&1, x&2 (2-way; y with empty is not a combination)
        assert_eq!(r.by_length[0].combinations, 4);
        assert_eq!(r.by_length[1].combinations, 2);
    }

    #[test]
    fn errors_rare_and_fabricated_combinations_are_counted_by_value_text() {
        let real = t(&["a", "b"], &[&["x", "1"], &["x", "1"], &["y", "2"]]);
        // columns in another order, a value the real data never had
        let synth = t(&["b", "a"], &[&["1", "x"], &["2", "x"], &["3", "y"]]);
        let r = compare(&real, &synth, 2, 11, 1).unwrap();
        // 2-way: x1 real 2 synth 1; y2 real 1 synth 0; x2 real 0 synth 1; y3 real 0 synth 1
        assert_eq!(r.by_length[1].combinations, 4);
        assert!((r.by_length[1].mean_absolute_error - 1.0).abs() < 1e-12);
        assert!(r.fabricated_combinations >= 2);
        assert!(r.rare_suppressed_share > 0.0);
        assert!(compare(&real, &t(&["a"], &[&["x"]]), 2, 11, 1).is_err());
    }
}
