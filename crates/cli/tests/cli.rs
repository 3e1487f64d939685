//! Tests of the `mayak` binary as an operator uses it: start-up, configuration, clear errors,
//! graceful shutdown, demo loading, and PostgreSQL with several instances.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mayak_domain::Random as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[path = "cli/bench.rs"]
mod bench;
#[path = "cli/publication.rs"]
mod publication;
#[path = "cli/stats.rs"]
mod stats;

const BIN: &str = env!("CARGO_BIN_EXE_mayak");

fn mayak(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env_remove("MAYAK_DATABASE_URL")
        .env_remove("MAYAK_LISTEN")
        .env_remove("MAYAK_DATA_DIR");
    c.env_remove("MAYAK_DEMO")
        .env_remove("MAYAK_CONFIG")
        .env("MAYAK_LOG", "warn");
    c
}

fn run(mut c: Command) -> Output {
    c.stdin(Stdio::null()).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.1 GET: status and body.
fn http_get(port: u16, path: &str) -> (u16, String) {
    http_get_as(port, path, None)
}

/// A GET with an optional bearer token.
fn http_get_as(port: u16, path: &str, token: Option<&str>) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let status = raw
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

struct Served {
    child: Child,
    port: u16,
    stdout: Vec<String>,
}

/// Starts `mayak serve` and waits until it says it listens.
fn serve(data_dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Served {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut args = vec![
        "serve",
        "--data-dir",
        data_dir.to_str().unwrap(),
        "--listen",
        &listen,
    ];
    args.extend_from_slice(extra);
    let mut c = mayak(&args);
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut stdout = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("mayak exited before listening: {stdout:?} {err}");
        }
        stdout.push(line.trim_end().to_owned());
        if line.contains("is listening on") {
            break;
        }
        assert!(Instant::now() < deadline, "mayak did not start");
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in reader.lines() {});
    Served {
        child,
        port,
        stdout,
    }
}

impl Served {
    fn stop(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        (status, err)
    }
}

#[test]
fn serve_with_demo_answers_and_stops_cleanly() {
    let dir = mayak_testkit::temp_dir();
    let s = serve(
        &dir,
        &["--demo"],
        &[("MAYAK_DEMO_PASSWORD", "cli-demo-password")],
    );
    assert!(
        s.stdout
            .iter()
            .any(|l| l.contains("Demo logins: admin, supervisor, hotline")),
        "{:?}",
        s.stdout
    );
    assert!(s.stdout.iter().any(|l| l.contains("cli-demo-password")));
    for (path, expect) in [
        ("/healthz", "ok"),
        ("/readyz", "ready"),
        ("/", "8 801 201 5555"),
        ("/api/v1/openapi.json", "\"openapi\""),
    ] {
        let (status, body) = http_get(s.port, path);
        assert_eq!(status, 200, "{path}");
        assert!(body.contains(expect), "{path}: {body}");
    }
    let (status, metrics) = http_get(s.port, "/metrics");
    assert_eq!(status, 200);
    assert!(metrics.contains("route=\"/healthz\""));
    let (exit, err) = s.stop();
    assert!(exit.success(), "SIGTERM must end mayak cleanly: {err}");
    // The database was closed cleanly: SQLite checkpointed and removed its WAL.
    assert!(
        !dir.join("mayak.db-wal").exists()
            || std::fs::metadata(dir.join("mayak.db-wal")).unwrap().len() == 0
    );
    // A restart finds the demo in place and loads nothing twice.
    let s = serve(&dir, &["--demo"], &[]);
    assert!(
        s.stdout.iter().any(|l| l.contains("already loaded")),
        "{:?}",
        s.stdout
    );
    s.stop();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_command_loads_and_prints_logins() {
    let dir = mayak_testkit::temp_dir();
    let o = run(mayak(&["demo", "--data-dir", dir.to_str().unwrap()]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Demo logins: admin, supervisor, hotline, casemanager, rehab, mdg, partner, trainer, analyst, auditor, editor"), "{out}");
    assert!(out.contains("Password for every demo login: "));
    let o = run(mayak(&["migrate", "--data-dir", dir.to_str().unwrap()]));
    assert!(String::from_utf8_lossy(&o.stdout).contains("schema is at version"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn start_up_errors_are_one_clear_line() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    // Bad URL.
    let o = run(mayak(&[
        "serve",
        "--data-dir",
        d,
        "--database-url",
        "mysql://nope",
    ]));
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert_eq!(e.trim().lines().count(), 1, "{e}");
    assert!(
        e.starts_with("mayak: error: ") && e.contains("--database-url"),
        "{e}"
    );
    // Unreachable PostgreSQL.
    let o = run(mayak(&[
        "serve",
        "--data-dir",
        d,
        "--database-url",
        "postgres://nobody@127.0.0.1:1/x",
    ]));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot connect to PostgreSQL"),
        "{}",
        stderr(&o)
    );
    // Unusable data directory (a file stands where a directory should be).
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let bad = file.join("sub");
    let o = run(mayak(&["serve", "--data-dir", bad.to_str().unwrap()]));
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("data directory") && e.contains("--data-dir"),
        "{e}"
    );
    assert_eq!(e.trim().lines().count(), 1, "{e}");
    // Bad listen address.
    let o = run(mayak(&["serve", "--data-dir", d, "--listen", "localhost"]));
    assert!(stderr(&o).contains("--listen"), "{}", stderr(&o));
    // Taken port.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let o = run(mayak(&["serve", "--data-dir", d, "--listen", &addr]));
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("cannot listen on {addr}")) && e.contains("--listen"),
        "{e}"
    );
    assert_eq!(e.trim().lines().count(), 1, "{e}");
    // A typo in the configuration file.
    let cfg = dir.join("mayak.toml");
    std::fs::write(&cfg, "lisen = \"127.0.0.1:1\"\n").unwrap();
    let o = run(mayak(&["serve", "--config", cfg.to_str().unwrap()]));
    let e = stderr(&o);
    assert!(e.contains("mayak.toml") && e.contains("lisen"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_database_from_a_newer_mayak_is_refused() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    assert!(run(mayak(&["migrate", "--data-dir", d])).status.success());
    let url = format!("sqlite://{}/mayak.db", d);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = mayak_store::Store::connect(&url).await.unwrap();
        mayak_store::on_pool!(store.pool(), p => {
            sqlx::query("INSERT INTO mayak_schema (version, name, applied_at) VALUES (9999, 'future', 'x')")
                .execute(p).await.unwrap();
        });
        store.close().await;
    });
    let o = run(mayak(&["serve", "--data-dir", d]));
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("schema version 9999") && e.contains("newer mayak"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn configuration_file_environment_and_flags_in_order() {
    let dir = mayak_testkit::temp_dir();
    let file_port = free_port();
    let cfg = dir.join("mayak.toml");
    std::fs::write(
        &cfg,
        format!(
            "listen = \"127.0.0.1:{file_port}\"\ndata_dir = \"{}\"\n",
            dir.join("data").display()
        ),
    )
    .unwrap();
    // The file alone.
    let mut c = mayak(&["serve", "--config", cfg.to_str().unwrap()]);
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains(&format!("127.0.0.1:{file_port}")), "{line}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert!(
        dir.join("data").join("mayak.db").exists(),
        "data_dir from the file"
    );
    // The environment beats the file.
    let env_port = free_port();
    let mut c = mayak(&["serve", "--config", cfg.to_str().unwrap()]);
    c.env("MAYAK_LISTEN", format!("127.0.0.1:{env_port}"));
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains(&format!("127.0.0.1:{env_port}")), "{line}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn several_instances_share_one_postgresql_database() {
    let Some(admin) = mayak_testkit::postgres_url() else {
        eprintln!(
            "PostgreSQL run skipped: {} is not set",
            mayak_testkit::PG_ENV
        );
        return;
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let name = format!("mayak_cli_{}", std::process::id());
    rt.block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut c)
        .await
        .unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut c)
            .await
            .unwrap();
    });
    let url = mayak_testkit::with_database(&admin, &name);
    let d1 = mayak_testkit::temp_dir();
    let d2 = mayak_testkit::temp_dir();
    // Two instances start at once against the same empty database: one migrates, both serve.
    // Instances share the database and the key-encryption key.
    let env = [
        ("MAYAK_DATABASE_URL", url.as_str()),
        ("MAYAK_DEMO_PASSWORD", "pg-demo-password"),
        ("MAYAK_KEK", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="),
    ];
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| serve(&d1, &["--demo"], &env));
        let b = s.spawn(|| serve(&d2, &["--demo"], &env));
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(
        a.stdout
            .iter()
            .chain(&b.stdout)
            .any(|l| l.contains("(PostgreSQL)"))
    );
    let loaded = [&a, &b]
        .iter()
        .filter(|s| s.stdout.iter().any(|l| l.contains("Demo data loaded")))
        .count();
    assert_eq!(
        loaded, 1,
        "exactly one instance loads the demo: {:?} {:?}",
        a.stdout, b.stdout
    );
    let issued = run({
        let mut c = mayak(&["admin", "issue-token", "--login", "analyst", "--ttl", "10m"]);
        c.env("MAYAK_DATABASE_URL", &url);
        c
    });
    assert!(issued.status.success(), "{}", stderr(&issued));
    let token = String::from_utf8_lossy(&issued.stdout).trim().to_owned();
    for s in [&a, &b] {
        let (status, body) = http_get_as(s.port, "/api/v1/organisations?type=NGO", Some(&token));
        assert_eq!(status, 200);
        assert_eq!(body.matches("\"slug\"").count(), 15, "{body}");
        assert_eq!(http_get(s.port, "/readyz").0, 200);
    }
    assert!(a.stop().0.success());
    assert!(b.stop().0.success());
    // A dump of the database reveals no identifying data, and the trail written by two
    // instances is one valid chain.
    let dump = Command::new("pg_dump")
        .arg("--data-only")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    assert!(dump.stdout.len() > 100_000);
    assert_no_secrets(&dump.stdout, "the PostgreSQL dump");
    let o = run({
        let mut c = mayak(&["audit", "verify", "--data-dir", d1.to_str().unwrap()]);
        c.env("MAYAK_DATABASE_URL", &url);
        c
    });
    assert!(o.status.success(), "{}", stderr(&o));
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
    let _ = std::fs::remove_dir_all(&d1);
    let _ = std::fs::remove_dir_all(&d2);
}

#[test]
fn administrators_manage_users_and_tokens_from_the_command_line() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    assert!(run(mayak(&["demo", "--data-dir", d])).status.success());
    let admin = |args: &[&str]| {
        let mut all = vec!["admin"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--data-dir", d]);
        mayak(&all)
    };
    // A generated password, printed once.
    let o = run(admin(&[
        "create-user",
        "--login",
        "olga",
        "--name",
        "Olga P.",
        "--org",
        "ngo-lida-peers",
        "--role",
        "trainer",
        "--role",
        "analyst",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("created user olga") && out.contains("password (shown only now): "),
        "{out}"
    );
    // A password from standard input is checked against the policy.
    let mut c = admin(&[
        "create-user",
        "--login",
        "pavel",
        "--name",
        "Pavel",
        "--org",
        "training-centre",
        "--role",
        "trainer",
    ]);
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"qwerty123456\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("too common"), "{}", stderr(&o));
    let mut c = admin(&[
        "create-user",
        "--login",
        "pavel",
        "--name",
        "Pavel",
        "--org",
        "training-centre",
        "--role",
        "trainer",
    ]);
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"lantern over the river bank\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !String::from_utf8_lossy(&o.stdout).contains("password"),
        "a typed password is not echoed"
    );
    // Clear errors.
    let e = stderr(&run(admin(&[
        "create-user",
        "--login",
        "x1x",
        "--name",
        "X",
        "--org",
        "nowhere",
        "--role",
        "trainer",
    ])));
    assert!(
        e.contains("no organisation") && e.contains("list-organisations"),
        "{e}"
    );
    let e = stderr(&run(admin(&[
        "create-user",
        "--login",
        "x1x",
        "--name",
        "X",
        "--org",
        "mvd",
        "--role",
        "pirate",
    ])));
    assert!(e.contains("--role"), "{e}");
    let e = stderr(&run(admin(&[
        "create-user",
        "--login",
        "olga",
        "--name",
        "X",
        "--org",
        "mvd",
        "--role",
        "trainer",
    ])));
    assert!(e.contains("taken"), "{e}");
    let list = String::from_utf8_lossy(&run(admin(&["list-users"])).stdout).into_owned();
    assert!(
        list.lines()
            .any(|l| l.starts_with("olga\tOlga P.\tngo-lida-peers\ttrainer,analyst\tactive")),
        "{list}"
    );
    // Tokens: issued once, usable, revocable; disabling a user revokes them.
    let o = run(admin(&[
        "issue-token",
        "--login",
        "olga",
        "--ttl",
        "30m",
        "--label",
        "report script",
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_owned();
    assert!(token.starts_with("mayak_") && token.len() > 40);
    let s = serve(&dir, &[], &[]);
    let (status, body) = http_get_as(s.port, "/api/v1/me", Some(&token));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"login\":\"olga\""));
    assert!(
        run(admin(&["disable-user", "--login", "olga"]))
            .status
            .success()
    );
    assert_eq!(
        http_get_as(s.port, "/api/v1/me", Some(&token)).0,
        401,
        "disabling revokes tokens at once"
    );
    assert!(
        run(admin(&["enable-user", "--login", "olga"]))
            .status
            .success()
    );
    let o = run(admin(&["issue-token", "--login", "olga"]));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_owned();
    assert_eq!(http_get_as(s.port, "/api/v1/me", Some(&token)).0, 200);
    let tokens = String::from_utf8_lossy(&run(admin(&["list-tokens"])).stdout).into_owned();
    let id = tokens
        .lines()
        .find(|l| l.ends_with("active"))
        .and_then(|l| l.split('\t').next())
        .unwrap()
        .to_owned();
    assert!(run(admin(&["revoke-token", "--id", &id])).status.success());
    assert_eq!(
        http_get_as(s.port, "/api/v1/me", Some(&token)).0,
        401,
        "revoked"
    );
    assert!(
        run(admin(&["reset-mfa", "--login", "olga"]))
            .status
            .success()
    );
    let e = stderr(&run(admin(&["reset-mfa", "--login", "ghost"])));
    assert!(e.contains("no user with login"), "{e}");
    assert!(s.stop().0.success());
    let matrix =
        String::from_utf8_lossy(&run(mayak(&["admin", "access-matrix"])).stdout).into_owned();
    assert!(matrix.contains("| `users.manage` |"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every identifying string of the demo persons, as they would appear if stored in the clear.
fn demo_secrets() -> Vec<String> {
    let names = mayak_domain::SplitMix64::new(mayak_store::demo::DEMO_NAME_SEED);
    let mut out = Vec::new();
    for _ in 0..mayak_store::demo::DEMO_PERSONS {
        let female = names.below(10) < 7;
        let id = mayak_store::demo::fictional_identity(&names, female);
        out.extend(id.patronymic.clone());
        if let Some(b) = id.birth_date {
            out.push(b.to_string());
        }
        out.extend(id.documents.iter().map(|d| d.number.clone()));
        out.extend(id.phones.iter().cloned());
        out.extend(id.addresses.iter().cloned());
    }
    out
}

fn assert_no_secrets(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let secrets = demo_secrets();
    assert!(secrets.len() > 1000);
    for s in &secrets {
        assert!(
            !text.contains(s.as_str()),
            "{what} contains {s:?} in the clear"
        );
    }
}

#[test]
fn the_database_file_reveals_no_identifying_data() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    assert!(run(mayak(&["demo", "--data-dir", d])).status.success());
    let mut raw = std::fs::read(dir.join("mayak.db")).unwrap();
    if let Ok(wal) = std::fs::read(dir.join("mayak.db-wal")) {
        raw.extend(wal);
    }
    assert!(raw.len() > 100_000, "the database holds the demo");
    assert_no_secrets(&raw, "the SQLite file");
    // The key file is private, and a world-readable one stops start-up.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let kek = dir.join("keys").join("kek");
        assert_eq!(
            std::fs::metadata(&kek).unwrap().permissions().mode() & 0o777,
            0o600
        );
        std::fs::set_permissions(&kek, std::fs::Permissions::from_mode(0o644)).unwrap();
        let o = run(mayak(&["serve", "--data-dir", d]));
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("chmod 600"), "{}", stderr(&o));
        std::fs::set_permissions(&kek, std::fs::Permissions::from_mode(0o600)).unwrap();
        // Another key does not open this database.
        let o = run({
            let mut c = mayak(&["serve", "--data-dir", d]);
            c.env("MAYAK_KEK", "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");
            c
        });
        assert!(
            stderr(&o).contains("does not match this database"),
            "{}",
            stderr(&o)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn audit_verify_finds_a_tampered_row_and_passes_a_clean_trail() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    assert!(run(mayak(&["demo", "--data-dir", d])).status.success());
    for _ in 0..3 {
        assert!(
            run(mayak(&[
                "admin",
                "issue-token",
                "--login",
                "analyst",
                "--data-dir",
                d
            ]))
            .status
            .success()
        );
    }
    let export = dir.join("checkpoints.jsonl");
    let o = run(mayak(&[
        "audit",
        "checkpoint",
        "--export",
        export.to_str().unwrap(),
        "--data-dir",
        d,
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(mayak(&[
        "audit",
        "verify",
        "--data-dir",
        d,
        "--checkpoints",
        export.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("audit trail intact"));
    // Edit one entry directly in the file, past the triggers.
    let db = dir.join("mayak.db");
    let sql = Command::new("sqlite3")
        .arg(&db)
        .arg("DROP TRIGGER audit_event_no_update; UPDATE audit_event SET login = 'nobody' WHERE seq = 2;")
        .status()
        .unwrap();
    assert!(sql.success());
    let o = run(mayak(&["audit", "verify", "--data-dir", d]));
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("entry 2 (id ") && e.contains("was modified"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn keys_rotate_while_the_server_runs() {
    let dir = mayak_testkit::temp_dir();
    let d = dir.to_str().unwrap();
    assert!(run(mayak(&["demo", "--data-dir", d])).status.success());
    // Every person has a data key: the case persons and their family members.
    let persons = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = mayak_store::Store::open_sqlite(&dir).await.unwrap();
        let (all, erased) = mayak_store::persons::counts(&store).await.unwrap();
        assert_eq!(erased, 0);
        assert!(all > mayak_store::demo::DEMO_PERSONS as i64, "{all}");
        all
    });
    let s = serve(&dir, &[], &[]);
    let before = std::fs::read_to_string(dir.join("keys").join("kek")).unwrap();
    let o = run(mayak(&["keys", "rotate", "--data-dir", d]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains(&format!("{persons} data keys re-wrapped")),
        "{out}"
    );
    let after = std::fs::read_to_string(dir.join("keys").join("kek")).unwrap();
    assert!(
        before.starts_with("mayak-kek v1 ")
            && after.starts_with("mayak-kek v2 ")
            && !after.contains("v1 ")
    );
    assert_eq!(
        http_get(s.port, "/readyz").0,
        200,
        "the server kept running"
    );
    assert!(s.stop().0.success());
    // Everything is readable under the new key, by a fresh process.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = mayak_store::Store::open_sqlite(&dir).await.unwrap();
        let ring = mayak_store::keyring::Keyring::from_file(
            &dir.join("keys").join("kek"),
            &mayak_domain::SplitMix64::new(1),
        )
        .unwrap();
        let vault = mayak_store::vault::Vault::open(
            &store,
            std::sync::Arc::new(ring),
            &mayak_domain::SplitMix64::new(2),
        )
        .await
        .unwrap();
        let who = mayak_store::audit::AuditEvent {
            roles: "test".into(),
            outcome: "ok".into(),
            instance: "test".into(),
            ..Default::default()
        };
        let first =
            mayak_store::persons::read(&store, &vault, 1, &who, time::OffsetDateTime::UNIX_EPOCH)
                .await
                .unwrap();
        let names = mayak_domain::SplitMix64::new(mayak_store::demo::DEMO_NAME_SEED);
        let female = names.below(10) < 7;
        assert_eq!(first, mayak_store::demo::fictional_identity(&names, female));
        store.close().await;
    });
    let o = run(mayak(&["audit", "verify", "--data-dir", d]));
    assert!(o.status.success(), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn backup_while_serving_then_restore_into_an_empty_data_directory() {
    let dir = mayak_testkit::temp_dir();
    let served = serve(
        &dir,
        &["--demo"],
        &[("MAYAK_DEMO_PASSWORD", "a-demo-password-1")],
    );
    assert_eq!(http_get(served.port, "/healthz").0, 200);
    let file = dir.join("nightly.mayak-backup");
    let o = run(mayak(&[
        "backup",
        "--data-dir",
        dir.to_str().unwrap(),
        "--to",
        file.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("backup written to") && out.contains("keep the key file"),
        "{out}"
    );
    // The server keeps serving during and after the backup.
    assert_eq!(http_get(served.port, "/readyz").0, 200);
    let (status, _) = served.stop();
    assert!(status.success());
    // A second backup to the same file is refused in one line, and the file is kept.
    let o = run(mayak(&[
        "backup",
        "--data-dir",
        dir.to_str().unwrap(),
        "--to",
        file.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));

    let restored = mayak_testkit::temp_dir();
    let o = run(mayak(&[
        "restore",
        "--data-dir",
        restored.to_str().unwrap(),
        "--from",
        file.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        // Every table of the schema, however many later migrations add.
        String::from_utf8_lossy(&o.stdout).starts_with("restored ")
            && String::from_utf8_lossy(&o.stdout).contains(" tables, "),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // The key file travels separately, as an operator keeps it.
    std::fs::create_dir_all(restored.join("keys")).unwrap();
    std::fs::copy(dir.join("keys/kek"), restored.join("keys/kek")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            restored.join("keys/kek"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    }
    let o = run(mayak(&[
        "audit",
        "verify",
        "--data-dir",
        restored.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("audit trail intact"));
    // Restoring over a database is refused, and the database stays as it was.
    let o = run(mayak(&[
        "restore",
        "--data-dir",
        restored.to_str().unwrap(),
        "--from",
        file.to_str().unwrap(),
    ]));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    let o = run(mayak(&[
        "audit",
        "verify",
        "--data-dir",
        restored.to_str().unwrap(),
    ]));
    assert!(o.status.success(), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&restored);
}
