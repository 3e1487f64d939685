//! Online backups of the whole database, and their restoration into an empty one.
//!
//! A backup is one consistent snapshot taken while servers keep running: SQLite's
//! `VACUUM INTO` copies the database as of one read transaction; on PostgreSQL every table is
//! copied with `COPY … TO STDOUT` inside one `REPEATABLE READ READ ONLY` transaction. The rows
//! are stored as the database holds them, so identifying data stays sealed: a backup is no
//! more readable than the database without the key-encryption key, which is never part of it
//! (keep the key file, or the passphrase, somewhere else).
//!
//! The file is a line `MAYAK-BACKUP 1`, a JSON [`Header`] line, sections (`SECTION name`
//! followed by chunks `<length>\n<bytes>` and a `0\n` chunk), and a last line `END <sha256>`
//! over everything before it. Restoring checks the whole file first, so a truncated or altered
//! backup is refused before anything is written.

use crate::db::{Pool, SQLITE_FILE, Store};
use crate::error::{Result, StoreError};
use crate::migrate;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Connection;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const MAGIC: &str = "MAYAK-BACKUP 1";
const CHUNK: usize = 1 << 20;

/// What a backup holds, written at its start.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Header {
    /// `sqlite` or `postgres`: where it can be restored.
    pub backend: String,
    /// The schema version of the data.
    pub schema_version: i64,
    /// The Mayak that took it.
    pub mayak_version: String,
    /// When it was taken (RFC 3339).
    pub taken_at: String,
    /// The tables, in an order in which each table's references come before it.
    pub tables: Vec<TableInfo>,
}

/// One table of a backup.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TableInfo {
    /// Table name.
    pub name: String,
    /// Its columns, in the order of the copied rows.
    pub columns: Vec<String>,
    /// Rows in the snapshot.
    pub rows: i64,
}

impl Header {
    /// Rows in all tables.
    pub fn total_rows(&self) -> i64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

fn io(what: &str, path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Config(format!("cannot {what} {}: {e}", path.display()))
}

fn bad(path: &Path, why: &str) -> StoreError {
    StoreError::Config(format!(
        "{} is not a usable Mayak backup: {why}",
        path.display()
    ))
}

/// Writes the backup file, hashing what it writes.
struct Writer {
    out: BufWriter<std::fs::File>,
    hash: Sha256,
    path: PathBuf,
}

impl Writer {
    fn create(path: &Path) -> Result<Self> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| io("create", path, e))?;
        Ok(Writer {
            out: BufWriter::new(file),
            hash: Sha256::new(),
            path: path.to_owned(),
        })
    }

    fn put(&mut self, bytes: &[u8]) -> Result<()> {
        self.hash.update(bytes);
        self.out
            .write_all(bytes)
            .map_err(|e| io("write", &self.path, e))
    }

    fn chunk(&mut self, bytes: &[u8]) -> Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.put(format!("{}\n", bytes.len()).as_bytes())?;
        self.put(bytes)
    }

    fn section(&mut self, name: &str) -> Result<()> {
        self.put(format!("SECTION {name}\n").as_bytes())
    }

    fn end_section(&mut self) -> Result<()> {
        self.put(b"0\n")
    }

    /// Writes the checksum line and makes the file durable.
    fn finish(mut self) -> Result<u64> {
        let digest = hex(&self.hash.finalize_reset());
        self.out
            .write_all(format!("END {digest}\n").as_bytes())
            .map_err(|e| io("write", &self.path, e))?;
        let file = self
            .out
            .into_inner()
            .map_err(|e| io("write", &self.path, e.into_error()))?;
        file.sync_all().map_err(|e| io("flush", &self.path, e))?;
        let len = file
            .metadata()
            .map_err(|e| io("read", &self.path, e))?
            .len();
        Ok(len)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Takes a backup of `store` into a new file at `to` (refused if it exists). It is written to
/// `to` with a `.partial` suffix first and renamed when complete, so a crash never leaves
/// something that looks like a finished backup.
pub async fn backup(
    store: &Store,
    to: &Path,
    now: OffsetDateTime,
    mayak_version: &str,
) -> Result<(Header, u64)> {
    if to.exists() {
        return Err(StoreError::Config(format!(
            "{} exists already: choose a new file name for the backup",
            to.display()
        )));
    }
    let partial = with_suffix(to, ".partial");
    let _ = std::fs::remove_file(&partial);
    let taken_at = now
        .format(&Rfc3339)
        .map_err(|e| StoreError::Config(format!("cannot format the time: {e}")))?;
    let result = match store.pool() {
        Pool::Sqlite(pool) => backup_sqlite(pool, &partial, taken_at, mayak_version).await,
        Pool::Postgres(pool) => backup_postgres(pool, &partial, taken_at, mayak_version).await,
    };
    match result {
        Ok((header, len)) => {
            std::fs::rename(&partial, to).map_err(|e| io("rename", &partial, e))?;
            Ok((header, len))
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

async fn backup_sqlite(
    pool: &sqlx::SqlitePool,
    partial: &Path,
    taken_at: String,
    mayak_version: &str,
) -> Result<(Header, u64)> {
    // The snapshot goes to a file of its own first (VACUUM INTO needs a path), then into the
    // backup; it is removed either way.
    let snapshot = with_suffix(partial, ".sqlite");
    let _ = std::fs::remove_file(&snapshot);
    let result = async {
        sqlx::query("VACUUM INTO $1")
            .bind(snapshot.to_string_lossy().into_owned())
            .execute(pool)
            .await?;
        let opts = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&snapshot)
            .read_only(true);
        let mut conn = sqlx::SqliteConnection::connect_with(&opts).await?;
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .fetch_all(&mut conn)
        .await?;
        let schema_version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM mayak_schema")
                .fetch_one(&mut conn)
                .await?;
        let mut tables = Vec::new();
        for name in names {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(&name)
                    .fetch_all(&mut conn)
                    .await?;
            let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM \"{name}\""
            )))
            .fetch_one(&mut conn)
            .await?;
            tables.push(TableInfo {
                name,
                columns,
                rows,
            });
        }
        conn.close().await?;
        let header = Header {
            backend: "sqlite".into(),
            schema_version,
            mayak_version: mayak_version.into(),
            taken_at,
            tables,
        };
        let mut w = Writer::create(partial)?;
        write_head(&mut w, &header)?;
        w.section("sqlite")?;
        let mut file = std::fs::File::open(&snapshot).map_err(|e| io("read", &snapshot, e))?;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = file.read(&mut buf).map_err(|e| io("read", &snapshot, e))?;
            if n == 0 {
                break;
            }
            w.chunk(&buf[..n])?;
        }
        w.end_section()?;
        let len = w.finish()?;
        Ok((header, len))
    }
    .await;
    let _ = std::fs::remove_file(&snapshot);
    result
}

fn write_head(w: &mut Writer, header: &Header) -> Result<()> {
    let json = serde_json::to_string(header)
        .map_err(|e| StoreError::Config(format!("cannot write the backup header: {e}")))?;
    w.put(format!("{MAGIC}\n{json}\n").as_bytes())
}

/// The tables of the current PostgreSQL schema, each after the tables it references.
async fn pg_tables(conn: &mut sqlx::PgConnection) -> Result<Vec<(String, Vec<String>)>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let edges: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c \
         JOIN pg_namespace n ON n.oid = c.connamespace \
         WHERE c.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(&mut *conn)
    .await?;
    // Depth-first topological order; a table referencing itself is not a cycle for COPY's
    // purposes (its rows come in id order).
    let mut ordered: Vec<String> = Vec::new();
    fn visit(
        name: &str,
        edges: &[(String, String)],
        ordered: &mut Vec<String>,
        path: &mut Vec<String>,
    ) -> Result<()> {
        if ordered.iter().any(|o| o == name) {
            return Ok(());
        }
        if path.iter().any(|p| p == name) {
            return Err(StoreError::Config(format!(
                "the tables reference each other in a cycle through {name}"
            )));
        }
        path.push(name.to_owned());
        for (from, to) in edges {
            if from == name && to != name {
                visit(to, edges, ordered, path)?;
            }
        }
        path.pop();
        ordered.push(name.to_owned());
        Ok(())
    }
    for n in &names {
        visit(n, &edges, &mut ordered, &mut Vec::new())?;
    }
    let mut out = Vec::new();
    for name in ordered.into_iter().filter(|n| names.contains(n)) {
        let columns: Vec<String> = sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?;
        out.push((name, columns));
    }
    Ok(out)
}

fn column_list(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn backup_postgres(
    pool: &sqlx::PgPool,
    partial: &Path,
    taken_at: String,
    mayak_version: &str,
) -> Result<(Header, u64)> {
    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    let mut tables = Vec::new();
    for (name, columns) in pg_tables(&mut tx).await? {
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM \"{name}\""
        )))
        .fetch_one(&mut *tx)
        .await?;
        tables.push(TableInfo {
            name,
            columns,
            rows,
        });
    }
    let schema_version: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM mayak_schema")
            .fetch_one(&mut *tx)
            .await?;
    let header = Header {
        backend: "postgres".into(),
        schema_version,
        mayak_version: mayak_version.into(),
        taken_at,
        tables,
    };
    let mut w = Writer::create(partial)?;
    write_head(&mut w, &header)?;
    for t in &header.tables {
        w.section(&t.name)?;
        let sql = format!(
            "COPY \"{}\" ({}) TO STDOUT",
            t.name,
            column_list(&t.columns)
        );
        let mut stream = tx.copy_out_raw(&sql).await?;
        while let Some(bytes) = stream.next().await {
            w.chunk(&bytes?)?;
        }
        drop(stream);
        w.end_section()?;
    }
    tx.commit().await?;
    let len = w.finish()?;
    Ok((header, len))
}

/// Reads a backup's header after checking the whole file against its checksum.
pub fn verify(path: &Path) -> Result<Header> {
    let file = std::fs::File::open(path).map_err(|e| io("open", path, e))?;
    let mut r = BufReader::new(file);
    let mut hash = Sha256::new();
    let mut line = String::new();
    let read_line = |r: &mut BufReader<std::fs::File>, line: &mut String| -> Result<usize> {
        line.clear();
        r.read_line(line).map_err(|e| io("read", path, e))
    };
    read_line(&mut r, &mut line)?;
    if line.trim_end() != MAGIC {
        return Err(bad(path, "it does not start with the Mayak backup line"));
    }
    hash.update(line.as_bytes());
    read_line(&mut r, &mut line)?;
    hash.update(line.as_bytes());
    let header: Header = serde_json::from_str(line.trim_end())
        .map_err(|e| bad(path, &format!("its header cannot be read ({e})")))?;
    let mut buf = vec![0u8; CHUNK];
    loop {
        read_line(&mut r, &mut line)?;
        if let Some(digest) = line.strip_prefix("END ") {
            if digest.trim_end() != hex(&hash.finalize_reset()) {
                return Err(bad(
                    path,
                    "its checksum does not match: it was altered or damaged",
                ));
            }
            return Ok(header);
        }
        if line.is_empty() {
            return Err(bad(path, "it ends early (an interrupted copy?)"));
        }
        hash.update(line.as_bytes());
        if line.starts_with("SECTION ") {
            continue;
        }
        let n: usize = line
            .trim_end()
            .parse()
            .map_err(|_| bad(path, "a chunk length cannot be read"))?;
        let mut left = n;
        while left > 0 {
            let take = left.min(buf.len());
            r.read_exact(&mut buf[..take])
                .map_err(|_| bad(path, "it ends early (an interrupted copy?)"))?;
            hash.update(&buf[..take]);
            left -= take;
        }
    }
}

/// Reads the sections of a verified backup one after another.
struct Sections {
    r: BufReader<std::fs::File>,
    path: PathBuf,
}

impl Sections {
    fn open(path: &Path) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| io("open", path, e))?;
        let mut r = BufReader::new(file);
        let mut line = String::new();
        for _ in 0..2 {
            line.clear();
            r.read_line(&mut line).map_err(|e| io("read", path, e))?;
        }
        Ok(Sections {
            r,
            path: path.to_owned(),
        })
    }

    fn line(&mut self) -> Result<String> {
        let mut line = String::new();
        self.r
            .read_line(&mut line)
            .map_err(|e| io("read", &self.path, e))?;
        Ok(line.trim_end().to_owned())
    }

    /// The next section's name.
    fn next_section(&mut self) -> Result<Option<String>> {
        let line = self.line()?;
        Ok(line.strip_prefix("SECTION ").map(str::to_owned))
    }

    /// The next chunk of the current section, or `None` at its end.
    fn next_chunk(&mut self) -> Result<Option<Vec<u8>>> {
        let n: usize = self
            .line()?
            .parse()
            .map_err(|_| bad(&self.path, "a chunk length cannot be read"))?;
        if n == 0 {
            return Ok(None);
        }
        let mut buf = vec![0u8; n];
        self.r
            .read_exact(&mut buf)
            .map_err(|e| io("read", &self.path, e))?;
        Ok(Some(buf))
    }
}

/// Where a backup is restored to.
#[derive(Debug, Clone)]
pub enum Target {
    /// A data directory without a database.
    SqliteDir(PathBuf),
    /// An empty PostgreSQL database.
    Postgres(String),
}

/// Restores a backup into an empty target, then brings its schema up to this Mayak's. Refuses
/// a damaged file, a backup of the other database kind, one from a newer Mayak, and a target
/// that already holds data.
pub async fn restore(from: &Path, target: &Target, now: OffsetDateTime) -> Result<Header> {
    let header = verify(from)?;
    if header.schema_version > migrate::latest_version() {
        return Err(StoreError::NewerSchema {
            found: header.schema_version,
            known: migrate::latest_version(),
        });
    }
    match (target, header.backend.as_str()) {
        (Target::SqliteDir(dir), "sqlite") => restore_sqlite(from, dir, now).await?,
        (Target::Postgres(url), "postgres") => restore_postgres(from, &header, url, now).await?,
        (Target::SqliteDir(_), other) | (Target::Postgres(_), other) => {
            let wanted = match target {
                Target::SqliteDir(_) => "SQLite",
                Target::Postgres(_) => "PostgreSQL",
            };
            return Err(StoreError::Config(format!(
                "this backup was taken from {other}; it restores only into the same kind of \
                 database, not into {wanted} (give --database-url for postgres backups, \
                 --data-dir for sqlite ones)"
            )));
        }
    }
    Ok(header)
}

async fn restore_sqlite(from: &Path, dir: &Path, now: OffsetDateTime) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| io("create", dir, e))?;
    let db = dir.join(SQLITE_FILE);
    if db.exists() {
        return Err(StoreError::Config(format!(
            "{} exists already: restore into a data directory without a database",
            db.display()
        )));
    }
    let partial = with_suffix(&db, ".restoring");
    let mut sections = Sections::open(from)?;
    if sections.next_section()?.as_deref() != Some("sqlite") {
        return Err(bad(from, "it holds no SQLite database"));
    }
    {
        let file = std::fs::File::create(&partial).map_err(|e| io("create", &partial, e))?;
        let mut out = BufWriter::new(file);
        while let Some(chunk) = sections.next_chunk()? {
            out.write_all(&chunk)
                .map_err(|e| io("write", &partial, e))?;
        }
        let file = out
            .into_inner()
            .map_err(|e| io("write", &partial, e.into_error()))?;
        file.sync_all().map_err(|e| io("flush", &partial, e))?;
    }
    std::fs::rename(&partial, &db).map_err(|e| io("rename", &partial, e))?;
    let store = Store::open_sqlite(dir).await?;
    let check: String = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("PRAGMA integrity_check").fetch_one(p).await?
    });
    if check != "ok" {
        store.close().await;
        return Err(StoreError::Config(format!(
            "the restored database fails SQLite's integrity check: {check}"
        )));
    }
    migrate::apply(&store, now).await?;
    store.close().await;
    Ok(())
}

async fn restore_postgres(
    from: &Path,
    header: &Header,
    url: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let store = Store::connect(url).await?;
    let result = async {
        let Pool::Postgres(pool) = store.pool() else {
            return Err(StoreError::Config("not a PostgreSQL database".into()));
        };
        let existing: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
        )
        .fetch_one(pool)
        .await?;
        if existing > 0 {
            return Err(StoreError::Config(
                "the database holds tables already: restore into a new, empty database \
                 (createdb mayak_restored)"
                    .into(),
            ));
        }
        // The schema as it was when the backup was taken; later migrations run after the data.
        migrate::apply_up_to(&store, now, header.schema_version).await?;
        let mut conn = pool.acquire().await?;
        let mut tx = conn.begin().await?;
        let mut sections = Sections::open(from)?;
        while let Some(name) = sections.next_section()? {
            let Some(t) = header.tables.iter().find(|t| t.name == name) else {
                return Err(bad(from, &format!("section {name} is not in its header")));
            };
            let ours: Vec<String> = sqlx::query_scalar(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1",
            )
            .bind(&t.name)
            .fetch_all(&mut *tx)
            .await?;
            if ours.is_empty() || t.columns.iter().any(|c| !ours.contains(c)) {
                return Err(bad(
                    from,
                    &format!("table {name} does not match schema version {}", header.schema_version),
                ));
            }
            if name == "mayak_schema" {
                // Written by the migrations just applied; skip the copy.
                while sections.next_chunk()?.is_some() {}
                continue;
            }
            // Rows the migrations themselves insert (the audit chain's head) are replaced.
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM \"{name}\"")))
                .execute(&mut *tx)
                .await?;
            let sql = format!("COPY \"{name}\" ({}) FROM STDIN", column_list(&t.columns));
            let mut copy = tx.copy_in_raw(&sql).await?;
            let mut failed = None;
            while let Some(chunk) = sections.next_chunk()? {
                if let Err(e) = copy.send(chunk).await {
                    failed = Some(e);
                    break;
                }
            }
            match failed {
                Some(e) => {
                    let _ = copy.abort(e.to_string()).await;
                    return Err(e.into());
                }
                None => {
                    copy.finish().await?;
                }
            }
            // Identity columns go on after the restored ids.
            let has_identity: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND table_name = $1 AND column_name = 'id' AND is_identity = 'YES')",
            )
            .bind(&name)
            .fetch_one(&mut *tx)
            .await?;
            if has_identity {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM \"{name}\""
                )))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        drop(conn);
        migrate::apply(&store, now).await?;
        Ok(())
    }
    .await;
    store.close().await;
    result
}
