//! Property tests of disclosure control across releases. The crate's own tests check one
//! release (`sdc::tests::no_suppressed_cell_can_be_recomputed`: no sensitive cell published,
//! none recomputable by the attack); these check what two releases of the same data must not
//! reveal by differing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mayak_stats::sdc::{CellStatus, protect};
use mayak_stats::table::TableBuilder;
use mayak_stats::{Marginals, Table};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn table(rows: &[Vec<String>], width: usize) -> Table {
    let mut b = TableBuilder::new((0..width).map(|i| format!("c{i}")).collect());
    for r in rows {
        b.push(r).unwrap();
    }
    b.finish()
}

/// Each cell's count and status, named by its columns and values (not by internal codes, which
/// follow the order values first appear in).
fn by_label(
    t: &Table,
    length: usize,
    threshold: u32,
) -> BTreeMap<Vec<(usize, String)>, (u32, bool)> {
    let m = Marginals::compute(t, length, 1).unwrap();
    let p = protect(&m, threshold).unwrap();
    let mut out = BTreeMap::new();
    for tab in &m.tables {
        for (i, count) in tab.counts.iter().enumerate() {
            let key: Vec<(usize, String)> = tab
                .columns
                .iter()
                .zip(tab.codes_of(i))
                .map(|(c, code)| (*c, t.levels(*c)[code].clone()))
                .collect();
            let hidden = !matches!(p.status[tab.offset + i], CellStatus::Published);
            out.insert(key, (*count, hidden));
        }
    }
    out
}

fn rows() -> impl Strategy<Value = (Vec<Vec<String>>, usize, u32)> {
    (2usize..=3, 3u32..=11).prop_flat_map(|(width, threshold)| {
        let value = prop_oneof![
            6 => Just("a".to_owned()),
            3 => Just("b".to_owned()),
            1 => Just("c".to_owned()),
            1 => Just(String::new()),
        ];
        (
            proptest::collection::vec(proptest::collection::vec(value, width), 12..80),
            Just(width),
            Just(threshold),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The same records in another order (a re-run, another database's order) are the same
    /// release: the same cells hidden. Two releases of the same data that hid different cells
    /// would let a reader take each hidden cell from the other release.
    #[test]
    fn the_same_data_in_another_order_hides_the_same_cells(
        (rows, width, threshold) in rows(),
        length in 1usize..=2,
        seed in any::<u64>(),
    ) {
        let mut shuffled = rows.clone();
        // A Fisher-Yates shuffle by a SplitMix sequence.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            shuffled.swap(i, (z % (i as u64 + 1)) as usize);
        }
        let a = by_label(&table(&rows, width), length, threshold);
        let b = by_label(&table(&shuffled, width), length, threshold);
        prop_assert_eq!(a.len(), b.len());
        for (cell, (count, hidden)) in &a {
            let (count_b, hidden_b) = b[cell];
            prop_assert_eq!(*count, count_b, "{:?}", cell);
            prop_assert_eq!(*hidden, hidden_b, "{:?} (count {}) hidden in one order only", cell, count);
        }
    }
}
