//! Times disclosure control on a CSV without building the whole `mayak` binary, for
//! profiling `sdc::protect` (docs/BENCHMARKS.md):
//! `cargo run -p mayak-stats --example protect -- FILE.csv [LENGTH] [THRESHOLD]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use mayak_stats::{Marginals, Table, sdc};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .expect("usage: protect FILE.csv [LENGTH] [THRESHOLD]");
    let length: usize = args.get(2).map_or(3, |a| a.parse().expect("LENGTH"));
    let threshold: u32 = args.get(3).map_or(11, |a| a.parse().expect("THRESHOLD"));
    let started = Instant::now();
    let table = Table::from_csv(&std::fs::read(path).expect("read")).expect("CSV");
    let read = started.elapsed();
    let m = Marginals::compute(&table, length, 2).expect("marginals");
    let counted = started.elapsed();
    let p = sdc::protect(&m, threshold).expect("protect");
    let done = started.elapsed();
    println!(
        "{} records, {} columns, {} tables, {} cells; read {:.2} s, counted {:.2} s, protected {:.2} s: \
         {} primary, {} complementary, {} certified, {} global rounds",
        table.rows(),
        table.width(),
        m.tables.len(),
        m.cells,
        read.as_secs_f64(),
        (counted - read).as_secs_f64(),
        (done - counted).as_secs_f64(),
        p.primary(),
        p.complementary(),
        p.certified,
        p.rounds
    );
}
