//! `mayak aggregate`, `mayak synth`, `mayak export ctdc` and `mayak bench ctdc-table`.

use super::*;

fn write_csv(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

/// A CSV of two columns where (x, p) has 3 records and every other combination at least 20.
fn skewed_csv() -> String {
    let mut s = String::from("a,b\n");
    for (a, b, n) in [
        ("x", "p", 3),
        ("x", "q", 40),
        ("y", "p", 30),
        ("y", "q", 50),
        ("z", "q", 25),
        ("z", "p", 21),
    ] {
        for _ in 0..n {
            s.push_str(&format!("{a},{b}\n"));
        }
    }
    s
}

fn rows_of(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn aggregate_suppresses_small_cells_and_their_complements_and_verifies_them() {
    let dir = mayak_testkit::temp_dir();
    let input = write_csv(&dir, "in.csv", &skewed_csv());
    let out = dir.join("agg.csv");
    let o = run(mayak(&[
        "aggregate",
        "--input",
        &input,
        "--output",
        out.to_str().unwrap(),
        "--length",
        "2",
        "--threshold",
        "11",
        "--verify",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("verified: no suppressed cell can be recomputed"),
        "{stdout}"
    );
    let rows = rows_of(&out);
    let find = |combo: &str| rows.iter().find(|r| r[1] == combo).cloned();
    // the small cell is hidden, and so is at least one other cell in its row and its column
    assert_eq!(find("a:x;b:p").unwrap()[3], "suppressed");
    assert_eq!(find("a:x;b:p").unwrap()[2], "");
    let hidden_in_row_x = rows
        .iter()
        .filter(|r| r[1].starts_with("a:x;") && r[3] == "suppressed")
        .count();
    let hidden_in_col_p = rows
        .iter()
        .filter(|r| r[1].starts_with("a:") && r[1].ends_with(";b:p") && r[3] == "suppressed")
        .count();
    assert!(hidden_in_row_x >= 2 && hidden_in_col_p >= 2, "{rows:?}");
    for r in &rows {
        if r[3] == "published" {
            assert!(
                r[2].parse::<u32>().unwrap() >= 11,
                "a small cell is published: {r:?}"
            );
        }
    }
    // A noisy release instead: only counts of at least the threshold are listed.
    let noisy = dir.join("noisy.csv");
    let o = run(mayak(&[
        "aggregate",
        "--input",
        &input,
        "--output",
        noisy.to_str().unwrap(),
        "--length",
        "2",
        "--epsilon",
        "1",
        "--seed",
        "5",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("keep it secret"));
    for r in rows_of(&noisy) {
        assert_eq!(r[3], "noisy");
        assert!(r[2].parse::<i64>().unwrap() >= 11);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn aggregate_and_synth_refuse_bad_input_with_one_clear_line() {
    let dir = mayak_testkit::temp_dir();
    let bad = write_csv(&dir, "bad.csv", "a,b\n1,2\n3\n");
    let out = dir.join("o.csv");
    let o = run(mayak(&[
        "aggregate",
        "--input",
        &bad,
        "--output",
        out.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("CSV line 3: 1 fields where the header has 2"),
        "{}",
        stderr(&o)
    );
    let o = run(mayak(&[
        "synth",
        "--input",
        "/nonexistent.csv",
        "--output",
        out.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read /nonexistent.csv"),
        "{}",
        stderr(&o)
    );
    let good = write_csv(&dir, "good.csv", &skewed_csv());
    let o = run(mayak(&[
        "synth",
        "--input",
        &good,
        "--output",
        out.to_str().unwrap(),
        "--epsilon",
        "0",
    ]));
    assert!(stderr(&o).contains("ε must be"), "{}", stderr(&o));
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn synth_on_a_csv_is_seedable_shows_progress_and_reports_utility() {
    let dir = mayak_testkit::temp_dir();
    let table = dir.join("table.csv");
    let o = run(mayak(&[
        "bench",
        "ctdc-table",
        "--rows",
        "3000",
        "--seed",
        "2",
        "--output",
        table.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&table).unwrap().lines().count(),
        3001
    );
    let synth = |name: &str| {
        let out = dir.join(name);
        let o = run(mayak(&[
            "synth",
            "--input",
            table.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--seed",
            "11",
            "--epsilon",
            "2",
        ]));
        assert!(o.status.success(), "{}", stderr(&o));
        (std::fs::read_to_string(&out).unwrap(), o)
    };
    let (a, o) = synth("a.csv");
    let (b, _) = synth("b.csv");
    assert_eq!(a, b, "the same seed gives the same synthetic data");
    assert!(stderr(&o).contains("synthesising: 100 %"), "{}", stderr(&o));
    assert_eq!(
        a.lines().next(),
        std::fs::read_to_string(&table).unwrap().lines().next()
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("a.csv.report.json")).unwrap())
            .unwrap();
    let by_length = report["utility"]["by_length"].as_array().unwrap();
    assert_eq!(by_length.len(), 3);
    assert!(
        by_length
            .iter()
            .all(|l| l["mean_absolute_error"].as_f64().unwrap() >= 0.0)
    );
    assert!(report["utility"]["rare_preserved_share"].as_f64().is_some());
    assert_eq!(report["epsilon"], 2.0);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("3-way:"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_judges_any_synthetic_csv_by_the_synth_report_measure() {
    let dir = mayak_testkit::temp_dir();
    let real = write_csv(&dir, "real.csv", &skewed_csv());
    // Another tool's output: columns in another order, a value the real data never had,
    // the rare (x, p) combination dropped.
    let mut other = String::from("b,a\n");
    for (b, a, n) in [
        ("q", "x", 40),
        ("p", "y", 31),
        ("q", "y", 50),
        ("q", "z", 25),
        ("p", "z", 21),
        ("r", "z", 2),
    ] {
        for _ in 0..n {
            other.push_str(&format!("{b},{a}\n"));
        }
    }
    let synthetic = write_csv(&dir, "other.csv", &other);
    let report = dir.join("other.report.json");
    let o = run(mayak(&[
        "compare",
        "--real",
        &real,
        "--synthetic",
        &synthetic,
        "--length",
        "2",
        "--report",
        report.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("2-way:") && out.contains("fabricated"),
        "{out}"
    );
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let u = &r["utility"];
    assert_eq!(u["real_records"], 169);
    assert_eq!(u["synthetic_records"], 169);
    // (x, p) had 3 records and is gone; nothing else was rare.
    assert_eq!(u["rare_combinations"], 1);
    assert_eq!(u["rare_suppressed_share"], 1.0);
    // r and (z, r) never occurred in the real data.
    assert_eq!(u["fabricated_combinations"], 2);
    let two = &u["by_length"][1];
    // |3−0| for (x,p), |30−31| for (y,p), |0−2| for (z,r), over 7 combinations.
    assert_eq!(two["combinations"], 7);
    assert!((two["mean_absolute_error"].as_f64().unwrap() - 6.0 / 7.0).abs() < 1e-9);
    // The same file against itself has no error.
    let o = run(mayak(&["compare", "--real", &real, "--synthetic", &real]));
    assert!(String::from_utf8_lossy(&o.stdout).contains("mean absolute error 0.00"));
    // Clear errors, nothing written.
    let missing = write_csv(&dir, "missing.csv", "a\nx\n");
    let o = run(mayak(&[
        "compare",
        "--real",
        &real,
        "--synthetic",
        &missing,
    ]));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no column b"), "{}", stderr(&o));
    let o = run(mayak(&[
        "compare",
        "--real",
        &real,
        "--synthetic",
        &real,
        "--length",
        "0",
    ]));
    assert!(stderr(&o).contains("--length"), "{}", stderr(&o));
    let o = run(mayak(&[
        "compare",
        "--real",
        &dir.join("nope.csv").to_string_lossy(),
        "--synthetic",
        &real,
    ]));
    assert!(
        stderr(&o).contains("cannot read the real records"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn statistics_of_the_demo_database_count_only_consenting_cases() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    assert!(run(mayak(&["demo", "--data-dir", d])).status.success());
    let ctdc = dir.join("ctdc.csv");
    let o = run(mayak(&[
        "export",
        "ctdc",
        "--data-dir",
        d,
        "--output",
        ctdc.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("without consent to anonymised statistics"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(&ctdc).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("yearOfRegistration,Datasource,gender,ageBroad,majorityStatus,citizenship,CountryOfExploitation"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() > 50, "{}", rows.len());
    let mut sorted = rows.clone();
    sorted.sort();
    assert_eq!(rows, sorted, "rows are sorted, not in registration order");
    for r in &rows {
        let f: Vec<&str> = r.split(',').collect();
        assert_eq!(f.len(), 29);
        assert!(
            f[5].is_empty() || f[5].len() == 3,
            "alpha-3 citizenship: {r}"
        );
        assert!(["", "Minor", "Adult"].contains(&f[4]));
    }
    // The counted cases: the demo's consent rule leaves some out; no case code or name appears.
    assert_no_secrets(text.as_bytes(), "the CTDC export");
    assert!(
        !text.contains("-202") && !text.contains("-201"),
        "no case codes (region-year-number) in the export"
    );

    let agg = dir.join("agg.csv");
    let o = run(mayak(&[
        "aggregate",
        "--data-dir",
        d,
        "--output",
        agg.to_str().unwrap(),
        "--length",
        "2",
        "--verify",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains(&format!("read {} cases", rows.len())));
    for r in rows_of(&agg) {
        if r.last().unwrap() == "published" {
            let count: u32 = r[r.len() - 2].parse().unwrap();
            assert!(count >= 11);
        }
    }
    let syn = dir.join("syn.csv");
    let o = run(mayak(&[
        "synth",
        "--data-dir",
        d,
        "--output",
        syn.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("syn.csv.report.json").exists());
    assert_no_secrets(&std::fs::read(&syn).unwrap(), "the synthetic data");
    let _ = std::fs::remove_dir_all(&dir);
}
