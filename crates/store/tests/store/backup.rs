//! Backups: a round trip of the demo database through `backup` and `restore`, record by
//! record and by the audit chain, on each backend; a damaged file, a target with data and a
//! backup of the other kind are refused; no identifying data is readable in the file.

use super::*;
use mayak_store::backup::{self, Target};
use mayak_store::db::Pool;
use sqlx::Connection;
use std::collections::BTreeMap;

/// Every row of every table (but the migration log) as text, table by table.
async fn rows_of(store: &mayak_store::Store) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    match store.pool() {
        Pool::Sqlite(p) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'mayak_schema'",
            )
            .fetch_all(p)
            .await
            .unwrap();
            for t in tables {
                let cols: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                        .bind(&t)
                        .fetch_all(p)
                        .await
                        .unwrap();
                let expr: Vec<String> = cols.iter().map(|c| format!("quote(\"{c}\")")).collect();
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT {} FROM \"{t}\" ORDER BY rowid",
                    expr.join(" || '|' || ")
                )))
                .fetch_all(p)
                .await
                .unwrap();
                out.insert(t, rows);
            }
        }
        Pool::Postgres(p) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() \
                 AND table_type = 'BASE TABLE' AND table_name <> 'mayak_schema'",
            )
            .fetch_all(p)
            .await
            .unwrap();
            for t in tables {
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT CAST(x AS TEXT) FROM \"{t}\" x ORDER BY 1"
                )))
                .fetch_all(p)
                .await
                .unwrap();
                out.insert(t, rows);
            }
        }
    }
    out
}

/// An empty place to restore into, of the same kind as `db`, and a store opened on it later.
async fn empty_target(db: &mayak_testkit::TestDb) -> (Target, Option<String>) {
    match db.store.backend() {
        Backend::Sqlite => (
            Target::SqliteDir(mayak_testkit::temp_dir().join("restored")),
            None,
        ),
        Backend::Postgres => {
            let admin_url = mayak_testkit::postgres_url().unwrap();
            let name = format!("mayak_restore_{}", std::process::id());
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await
            .unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut admin)
                .await
                .unwrap();
            let _ = admin.close().await;
            (
                Target::Postgres(mayak_testkit::with_database(&admin_url, &name)),
                Some(name),
            )
        }
    }
}

async fn open_target(t: &Target) -> mayak_store::Store {
    match t {
        Target::SqliteDir(d) => mayak_store::Store::open_sqlite(d).await.unwrap(),
        Target::Postgres(url) => mayak_store::Store::connect(url).await.unwrap(),
    }
}

#[tokio::test]
async fn a_backup_restores_record_by_record_with_an_intact_audit_chain() {
    each_backend!(|db| {
        let vault = mayak_testkit::vault(&db.store).await;
        demo::load(
            &db.store,
            &vault,
            clock().now(),
            &rng(),
            Some("a-demo-password"),
        )
        .await
        .unwrap();
        // A read of identifying data, so the chain has entries and a person's name is known.
        let who = AuditEvent {
            action: "person.read".into(),
            outcome: "ok".into(),
            instance: "test".into(),
            ..Default::default()
        };
        let person = persons::read(&db.store, &vault, 1, &who, clock().now())
            .await
            .unwrap();
        let file = mayak_testkit::temp_dir().join("mayak.backup");
        let (header, bytes) = backup::backup(&db.store, &file, clock().now(), "test")
            .await
            .unwrap();
        assert!(bytes > 0 && header.total_rows() > 1000, "{header:?}");
        assert!(
            backup::backup(&db.store, &file, clock().now(), "test")
                .await
                .is_err(),
            "an existing file is never overwritten"
        );
        let raw = std::fs::read(&file).unwrap();
        let needle = person.family_name.as_bytes();
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "a person's family name is readable in the backup"
        );

        let (target, pg_name) = empty_target(&db).await;
        let restored = backup::restore(&file, &target, clock().now())
            .await
            .unwrap();
        assert_eq!(restored, header);
        let store = open_target(&target).await;
        let (before, after) = (rows_of(&db.store).await, rows_of(&store).await);
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>()
        );
        for (table, rows) in &before {
            assert_eq!(rows, &after[table], "{} table {table}", db.label);
        }
        assert!(matches!(
            audit::verify(&store, &[], None, |_| {}).await.unwrap(),
            Verdict::Intact { .. }
        ));
        // The restored database goes on: new ids follow the restored ones.
        audit::record(&store, &event("after.restore", 1), clock().now())
            .await
            .unwrap();
        assert!(matches!(
            audit::verify(&store, &[], None, |_| {}).await.unwrap(),
            Verdict::Intact { .. }
        ));
        // Restoring again into the same (now full) target is refused, and changes nothing.
        let again = backup::restore(&file, &target, clock().now()).await;
        assert!(again.is_err(), "a target with data was overwritten");
        store.close().await;

        // A damaged copy is refused before anything is written.
        let mut damaged = raw.clone();
        let at = damaged.len() / 2;
        damaged[at] ^= 0x55;
        let bad = mayak_testkit::temp_dir().join("damaged.backup");
        std::fs::write(&bad, &damaged).unwrap();
        let msg = backup::verify(&bad).unwrap_err().to_string();
        assert!(msg.contains("checksum") || msg.contains("chunk"), "{msg}");
        let truncated = mayak_testkit::temp_dir().join("truncated.backup");
        std::fs::write(&truncated, &raw[..raw.len() - 100]).unwrap();
        assert!(backup::verify(&truncated).is_err());
        // A backup restores only into its own kind of database.
        let other = match db.store.backend() {
            Backend::Sqlite => Target::Postgres("postgres://127.0.0.1:1/none".into()),
            Backend::Postgres => Target::SqliteDir(mayak_testkit::temp_dir()),
        };
        let msg = backup::restore(&file, &other, clock().now())
            .await
            .unwrap_err()
            .to_string();
        assert!(msg.contains("same kind of database"), "{msg}");

        if let Some(name) = pg_name {
            let admin_url = mayak_testkit::postgres_url().unwrap();
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await;
        }
    });
}
