//! `mayak bench generate`: the fictional benchmark data is complete, sealed so a case's person
//! decrypts, chained so the audit trail verifies, and a non-demo database is refused.

use super::*;
use mayak_store::keyring::Keyring;
use mayak_store::vault::Vault;
use mayak_store::{Store, persons};
use std::sync::Arc;

const KEK: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

fn on_db(args: &[&str], dir: &Path, url: Option<&str>) -> Output {
    let mut c = mayak(args);
    c.arg("--data-dir")
        .arg(dir)
        .env("MAYAK_KEK", KEK)
        .env("MAYAK_DEMO_PASSWORD", "bench-demo-password");
    if let Some(u) = url {
        c.env("MAYAK_DATABASE_URL", u);
    }
    run(c)
}

async fn count(store: &Store, sql: &str) -> i64 {
    mayak_store::on_pool!(store.pool(), p => {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(p).await.unwrap()
    })
}

fn generate_and_check(dir: &Path, url: Option<&str>) {
    let o = on_db(
        &[
            "bench",
            "generate",
            "--cases",
            "120",
            "--consultations",
            "30",
        ],
        dir,
        url,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Demo data loaded"), "{out}");
    assert!(
        out.contains("generated 120 cases and 30 hotline consultations"),
        "{out}"
    );
    assert!(stderr(&o).contains("generating"), "{}", stderr(&o));
    // A second run adds to the demo and the first run's data.
    let o = on_db(&["bench", "generate", "--cases", "10"], dir, url);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = on_db(&["audit", "verify"], dir, url);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("audit trail intact"));

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = match url {
            Some(u) => Store::connect(u).await.unwrap(),
            None => Store::open_sqlite(dir).await.unwrap(),
        };
        let generated = "SELECT CAST(record_id AS BIGINT) FROM audit_event \
                         WHERE instance = 'bench-generate' AND action = 'case.create'";
        assert_eq!(
            count(&store, &format!("SELECT COUNT(*) FROM case_file WHERE id IN ({generated})")).await,
            130
        );
        assert_eq!(
            count(&store, &format!("SELECT COUNT(*) FROM consent WHERE case_id IN ({generated})")).await,
            130
        );
        assert_eq!(
            count(
                &store,
                "SELECT COUNT(*) FROM hotline_consultation WHERE wrapped_key IS NOT NULL AND id IN \
                 (SELECT CAST(record_id AS BIGINT) FROM audit_event WHERE instance = 'bench-generate' \
                 AND action = 'hotline.consultation.create')"
            )
            .await,
            40
        );
        assert!(
            count(&store, &format!("SELECT COUNT(*) FROM person_index WHERE person_id IN \
                (SELECT person_id FROM case_file WHERE id IN ({generated}))")).await >= 130
        );
        // The newest generated case's person opens with the real vault.
        let person = count(
            &store,
            &format!("SELECT person_id FROM case_file WHERE id = (SELECT MAX(id) FROM case_file WHERE id IN ({generated}))"),
        )
        .await;
        let rng = mayak_domain::SplitMix64::new(1);
        let keyring = Keyring::from_key_base64(KEK).unwrap();
        let vault = Vault::open(&store, Arc::new(keyring), &rng).await.unwrap();
        let who = mayak_store::audit::AuditEvent {
            roles: "operator".to_owned(),
            outcome: "ok".to_owned(),
            instance: "test".to_owned(),
            ..Default::default()
        };
        let identity = persons::read(&store, &vault, person, &who, mayak_domain::Clock::now(&mayak_domain::SystemClock))
            .await
            .unwrap();
        assert!(identity.given_names.contains("(демо)"), "{identity:?}");
        assert!(!identity.family_name.is_empty());
        // Now pretend the data is real: the generator refuses it.
        mayak_store::on_pool!(store.pool(), p => {
            sqlx::query("DELETE FROM mayak_meta WHERE key = 'demo_dataset'").execute(p).await.unwrap();
        });
        store.close().await;
    });
    let o = on_db(&["bench", "generate", "--cases", "5"], dir, url);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("not the demo's"), "{}", stderr(&o));
}

#[test]
fn bench_generate_fills_a_sqlite_database_that_opens_and_verifies() {
    generate_and_check(&mayak_testkit::temp_dir(), None);
}

#[test]
fn bench_generate_fills_a_postgresql_database_that_opens_and_verifies() {
    let Some(admin) = mayak_testkit::postgres_url() else {
        eprintln!(
            "PostgreSQL run skipped: {} is not set",
            mayak_testkit::PG_ENV
        );
        return;
    };
    let name = format!("mayak_cli_bench_{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
        for sql in [
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut c)
                .await
                .unwrap();
        }
    });
    let url = mayak_testkit::with_database(&admin, &name);
    generate_and_check(&mayak_testkit::temp_dir(), Some(&url));
    rt.block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut c)
        .await
        .unwrap();
    });
}

/// `mayak bench run` on a small generated database: every request kind answers without errors
/// at every concurrency, the floor is measured beside the writes and reads, every acknowledged
/// write is in the database and the audit trail verifies; with two servers a session signed in
/// on one works on the other.
fn run_and_check(dir: &Path, url: Option<&str>, clients: &str, instances: usize) {
    let o = on_db(
        &[
            "bench",
            "generate",
            "--cases",
            "60",
            "--consultations",
            "20",
        ],
        dir,
        url,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json = dir.join("bench.json");
    let instances_arg = instances.to_string();
    let o = on_db(
        &[
            "bench",
            "run",
            "--seconds",
            "1",
            "--clients",
            clients,
            "--instances",
            &instances_arg,
            "--json",
            json.to_str().unwrap(),
        ],
        dir,
        url,
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}\n{out}", stderr(&o));
    assert!(
        out.contains("| Request | Clients | Servers | Requests/s |"),
        "{out}"
    );
    assert!(out.contains("Audit trail: intact"), "{out}");
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let figures = report["figures"].as_array().unwrap();
    let concurrencies = clients.split(',').count();
    let sets = if instances > 1 { 2 } else { 1 };
    assert_eq!(figures.len(), 5 * concurrencies * sets, "{out}");
    for f in figures {
        assert!(f["ok"].as_u64().unwrap() > 0, "{f}");
        assert_eq!(f["errors"].as_u64().unwrap(), 0, "{f}");
        assert!(f["peak_rss_mib"].as_f64().unwrap() > 1.0, "{f}");
        let floored = ["create", "open", "consult"].contains(&f["op"].as_str().unwrap())
            && f["instances"] == 1;
        assert_eq!(
            f["floor_per_second"].as_f64().is_some_and(|v| v > 0.0),
            floored,
            "{f}"
        );
        // Where the CPU went: the servers answered (the tick of /proc is 10 ms; a second of
        // requests spends far more than that); on SQLite no database server is counted.
        assert!(f["cpu_ms"]["servers"].as_f64().unwrap() > 0.0, "{f}");
        if url.is_none() {
            assert_eq!(f["cpu_ms"]["database"].as_f64().unwrap(), 0.0, "{f}");
        }
        assert_eq!(
            f["floor_cpu_ms"]["bench"].as_f64().is_some_and(|v| v > 0.0),
            floored,
            "{f}"
        );
        // The case list and the dashboards report each filter and each page on its own; their
        // counts add up to the request's.
        let variants = f["variants"].as_array().unwrap();
        let has_variants = ["list", "dashboard"].contains(&f["op"].as_str().unwrap());
        assert_eq!(!variants.is_empty(), has_variants, "{f}");
        if has_variants {
            let sum: u64 = variants.iter().map(|v| v["ok"].as_u64().unwrap()).sum();
            assert_eq!(sum, f["ok"].as_u64().unwrap(), "{f}");
            for v in variants {
                assert!(
                    v["p99_ms"].as_f64().unwrap() >= v["p50_ms"].as_f64().unwrap(),
                    "{v}"
                );
            }
        }
    }
    assert!(out.contains("| list cases | `?status=Active` |"), "{out}");
    let first = report["dashboards_first_ms"].as_array().unwrap();
    assert_eq!(first.len(), 4, "{out}");
    assert!(first.iter().all(|d| d[1].as_f64().unwrap() > 0.0), "{out}");
    assert!(out.contains("First request of each dashboard"), "{out}");
    // A single short measurement may spend less than one tick in PostgreSQL; the whole run
    // (its dashboards and the floors' commits) spends many.
    let database_cpu: f64 = figures
        .iter()
        .map(|f| {
            f["cpu_ms"]["database"].as_f64().unwrap() * f["ok"].as_f64().unwrap()
                + f["floor_cpu_ms"]["database"].as_f64().unwrap_or(0.0)
        })
        .sum();
    assert_eq!(database_cpu > 0.0, url.is_some(), "{out}");
    assert!(
        out.contains("| Request | Clients | Servers | mayak serve | PostgreSQL |"),
        "{out}"
    );
    // A case registration writes the case, its person and blind indexes, an event and an
    // audit entry; opening a case writes its audit entry.
    assert!(
        report["rows_written"]["create case"][0].as_i64().unwrap() >= 5,
        "{out}"
    );
    assert!(
        report["rows_written"]["open case"][0].as_i64().unwrap() >= 1,
        "{out}"
    );
    let (acked, present) = (
        report["cases_acknowledged"][0].as_u64().unwrap(),
        report["cases_acknowledged"][1].as_u64().unwrap(),
    );
    assert!(acked > 0 && acked == present, "{out}");
    assert_eq!(
        report["consultations_acknowledged"][0],
        report["consultations_acknowledged"][1]
    );
    if instances > 1 {
        assert!(
            report["sessions"].as_str().unwrap().starts_with("ok"),
            "{out}"
        );
    } else {
        assert!(report["sessions"].is_null());
    }
    // The tokens issued for the run are revoked afterwards, and the floor's table is gone.
    let o = on_db(&["admin", "list-tokens"], dir, url);
    assert!(o.status.success(), "{}", stderr(&o));
    let tokens = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        tokens
            .lines()
            .filter(|l| l.contains("mayak bench run"))
            .all(|l| l.contains("revoked")),
        "{tokens}"
    );
    let o = on_db(&["audit", "verify"], dir, url);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn bench_run_measures_every_request_beside_the_floor_on_sqlite() {
    run_and_check(&mayak_testkit::temp_dir(), None, "1,2", 1);
}

#[test]
fn bench_run_refuses_bad_options_and_an_empty_database() {
    let dir = mayak_testkit::temp_dir();
    let o = on_db(&["bench", "run", "--clients", "0,8"], &dir, None);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("--clients must be numbers from 1 to 1024"),
        "{}",
        stderr(&o)
    );
    let o = on_db(&["bench", "run", "--instances", "3"], &dir, None);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("--instances above 1 needs PostgreSQL"),
        "{}",
        stderr(&o)
    );
    let o = on_db(&["bench", "run", "--seconds", "1"], &dir, None);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("the database is empty"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bench_run_on_two_postgresql_servers_shares_sessions_and_the_audit_chain() {
    let Some(admin) = mayak_testkit::postgres_url() else {
        eprintln!(
            "PostgreSQL run skipped: {} is not set",
            mayak_testkit::PG_ENV
        );
        return;
    };
    let name = format!("mayak_cli_bench_run_{}", std::process::id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let recreate = |drop_only: bool| {
        rt.block_on(async {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut c)
            .await
            .unwrap();
            if !drop_only {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut c)
                    .await
                    .unwrap();
            }
        })
    };
    recreate(false);
    let url = mayak_testkit::with_database(&admin, &name);
    run_and_check(&mayak_testkit::temp_dir(), Some(&url), "2", 2);
    recreate(true);
}

#[test]
fn scripts_bench_reproduces_the_load_figures_in_one_command() {
    let out = mayak_testkit::temp_dir();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/bench");
    let o = Command::new("bash")
        .arg(&script)
        .args(["--binary", BIN, "--backends", "sqlite", "--cases", "60"])
        .args(["--seconds", "1", "--clients", "1", "--out"])
        .arg(&out)
        .env_remove("MAYAK_DATABASE_URL")
        .output()
        .unwrap();
    let log = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(o.status.success(), "{log}");
    let report = std::fs::read_to_string(out.join("run-sqlite-60.md")).unwrap();
    assert!(
        report.contains("| Request | Clients | Servers | Requests/s |"),
        "{report}"
    );
    assert!(report.contains("Audit trail: intact"), "{report}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("run-sqlite-60.json")).unwrap()).unwrap();
    assert_eq!(json["figures"].as_array().unwrap().len(), 5, "{json}");
    let generated = std::fs::read_to_string(out.join("generate-sqlite-60.txt")).unwrap();
    assert!(generated.contains("generated 60 cases"), "{generated}");
    assert!(generated.contains(" s wall, "), "{generated}");
    let machine = std::fs::read_to_string(out.join("machine.txt")).unwrap();
    assert!(
        machine.contains("CPUs") && machine.contains("commit:"),
        "{machine}"
    );

    // A wrong option is refused with what is allowed.
    let o = Command::new("bash")
        .arg(&script)
        .args(["--binary", BIN, "--backends", "mysql"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--backends takes sqlite and postgres"),
        "{}",
        stderr(&o)
    );
}
