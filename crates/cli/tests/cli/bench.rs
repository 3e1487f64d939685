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
