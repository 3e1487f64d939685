//! `--release NAME` of `mayak synth` and `mayak aggregate`: the spend is recorded in the case
//! data's privacy budget ledger, and a release that would overspend ε is refused before any
//! noise is drawn, with what is left, and nothing is written.

use super::*;

#[test]
fn the_ledger_refuses_a_release_that_would_overspend_epsilon() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    assert!(run(mayak(&["demo", "--data-dir", d])).status.success());
    let out = |n: &str| dir.join(n).to_str().unwrap().to_owned();
    let synth = |name: &str, eps: &str, release: &str| {
        run(mayak(&[
            "synth",
            "--data-dir",
            d,
            "--output",
            &out(name),
            "--epsilon",
            eps,
            "--release",
            release,
            "--no-report",
            "--seed",
            "7",
        ]))
    };
    // The demo's case data have ε = 10 in all.
    let first = synth("a.csv", "6", "Synthetic cases 2025");
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(String::from_utf8_lossy(&first.stdout).contains("recorded ε = 6"));
    let refused = synth("b.csv", "6", "Synthetic cases 2025 again");
    assert!(!refused.status.success());
    let msg = stderr(&refused);
    assert!(
        msg.contains("needs ε = 6") && msg.contains("only ε = 4"),
        "{msg}"
    );
    assert!(!dir.join("b.csv").exists(), "nothing written");
    // Noisy counts spend from the same ledger.
    let agg = run(mayak(&[
        "aggregate",
        "--data-dir",
        d,
        "--output",
        &out("n.csv"),
        "--epsilon",
        "4.5",
        "--length",
        "1",
        "--release",
        "Noisy counts",
    ]));
    assert!(!agg.status.success());
    assert!(stderr(&agg).contains("only ε = 4"), "{}", stderr(&agg));
    assert!(!dir.join("n.csv").exists());
    let fits = run(mayak(&[
        "aggregate",
        "--data-dir",
        d,
        "--output",
        &out("n.csv"),
        "--epsilon",
        "4",
        "--length",
        "1",
        "--release",
        "Noisy counts",
    ]));
    assert!(fits.status.success(), "{}", stderr(&fits));
    assert!(dir.join("n.csv").exists());
    // A CSV file has no ledger; tables with suppression spend nothing.
    std::fs::write(dir.join("in.csv"), "a,b\nx,y\n").unwrap();
    let csv = run(mayak(&[
        "synth",
        "--input",
        &out("in.csv"),
        "--output",
        &out("c.csv"),
        "--release",
        "x",
    ]));
    assert!(!csv.status.success());
    assert!(
        stderr(&csv).contains("has no budget ledger"),
        "{}",
        stderr(&csv)
    );
    let plain = run(mayak(&[
        "aggregate",
        "--data-dir",
        d,
        "--output",
        &out("t.csv"),
        "--release",
        "x",
    ]));
    assert!(!plain.status.success());
    assert!(
        stderr(&plain).contains("give --epsilon"),
        "{}",
        stderr(&plain)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
