//! Reference lists in the database: built-in entries shipped with Mayak (synchronised at
//! start-up from the TSV files in `reference/`), entries administrators add, and retirement,
//! which hides an entry from new records while old records keep their code and label.

use crate::db::Store;
use crate::error::{Result, StoreError};
use mayak_domain::reference::NewEntry;
use mayak_domain::{Lang, ListKind};
use serde::Serialize;
use time::OffsetDateTime;

const LISTS_TSV: &str = include_str!("../reference/lists.tsv");
const COUNTRIES_TSV: &str = include_str!("../reference/countries.tsv");
const PLACES_TSV: &str = include_str!("../reference/places.tsv");

/// One entry of a reference list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The list it belongs to.
    pub list: ListKind,
    /// Stable code, used in exports.
    pub code: String,
    /// Russian label.
    pub label_ru: String,
    /// Belarusian label.
    pub label_be: String,
    /// English label.
    pub label_en: String,
    /// Position in dropdowns.
    pub sort_order: i32,
    /// Parent code: the region of a place.
    pub parent: Option<String>,
    /// Second code: ISO alpha-3 of a country.
    pub alt_code: Option<String>,
    /// Sub-kind: `city` or `district` for places.
    pub kind: Option<String>,
    /// Shipped with Mayak (true) or added by an administrator (false).
    pub builtin: bool,
    /// Retired entries are not offered for new records.
    pub retired: bool,
}

impl Entry {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.label_ru,
            Lang::Be => &self.label_be,
            Lang::En => &self.label_en,
        }
    }
}

/// Parses the built-in TSV files into entries (a test keeps them well-formed).
pub fn builtin_entries() -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut order: std::collections::HashMap<ListKind, i32> = std::collections::HashMap::new();
    let mut push = |list: ListKind,
                    code: &str,
                    ru: &str,
                    be: &str,
                    en: &str,
                    parent: Option<&str>,
                    alt: Option<&str>,
                    kind: Option<&str>| {
        let n = order.entry(list).or_insert(0);
        *n += 1;
        out.push(Entry {
            list,
            code: code.to_owned(),
            label_ru: ru.to_owned(),
            label_be: be.to_owned(),
            label_en: en.to_owned(),
            sort_order: *n,
            parent: parent.map(str::to_owned),
            alt_code: alt.map(str::to_owned),
            kind: kind.map(str::to_owned),
            builtin: true,
            retired: false,
        });
    };
    for (line_no, fields) in tsv_rows(LISTS_TSV, 5) {
        let fields = fields.map_err(|n| bad("lists.tsv", line_no, n))?;
        let list = ListKind::parse(fields[0]).ok_or_else(|| {
            StoreError::EmbeddedData(format!(
                "lists.tsv line {line_no}: unknown list {}",
                fields[0]
            ))
        })?;
        push(
            list, fields[1], fields[2], fields[3], fields[4], None, None, None,
        );
    }
    for (line_no, fields) in tsv_rows(COUNTRIES_TSV, 5) {
        let f = fields.map_err(|n| bad("countries.tsv", line_no, n))?;
        push(
            ListKind::Country,
            f[0],
            f[2],
            f[3],
            f[4],
            None,
            Some(f[1]),
            None,
        );
    }
    for (line_no, fields) in tsv_rows(PLACES_TSV, 6) {
        let f = fields.map_err(|n| bad("places.tsv", line_no, n))?;
        push(
            ListKind::Place,
            f[0],
            f[3],
            f[4],
            f[5],
            Some(f[1]),
            None,
            Some(f[2]),
        );
    }
    Ok(out)
}

fn bad(file: &str, line: usize, found: usize) -> StoreError {
    StoreError::EmbeddedData(format!(
        "{file} line {line}: expected more columns, found {found}"
    ))
}

/// Data rows of a TSV text (header skipped), each with its 1-based line number, or the
/// number of fields found when a row is short.
fn tsv_rows(
    text: &str,
    columns: usize,
) -> impl Iterator<Item = (usize, std::result::Result<Vec<&str>, usize>)> {
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(move |(i, line)| {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() < columns || fields.iter().take(columns).any(|f| f.is_empty()) {
                (i + 1, Err(fields.len()))
            } else {
                (i + 1, Ok(fields))
            }
        })
}

/// A fingerprint of the built-in data, so start-up skips the sync when nothing changed.
fn builtin_fingerprint() -> String {
    // FNV-1a: stable across builds and platforms, unlike the std hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for text in [LISTS_TSV, COUNTRIES_TSV, PLACES_TSV] {
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Brings built-in entries up to date: new entries are added, built-in labels follow the
/// release; retirement and administrators' own entries are left as they are.
pub async fn sync_builtin(store: &Store, now: OffsetDateTime) -> Result<usize> {
    let fingerprint = builtin_fingerprint();
    let stored: Option<String> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT value FROM mayak_meta WHERE key = 'reference_fingerprint'")
            .fetch_optional(p)
            .await?
    });
    if stored.as_deref() == Some(fingerprint.as_str()) {
        return Ok(0);
    }
    let entries = builtin_entries()?;
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        for e in &entries {
            sqlx::query(
                "INSERT INTO reference_entry (list, code, label_ru, label_be, label_en, sort_order, \
                 parent, alt_code, kind, builtin, retired_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11) \
                 ON CONFLICT (list, code) DO UPDATE SET label_ru = excluded.label_ru, \
                 label_be = excluded.label_be, label_en = excluded.label_en, \
                 sort_order = excluded.sort_order, parent = excluded.parent, \
                 alt_code = excluded.alt_code, kind = excluded.kind \
                 WHERE reference_entry.builtin = $10",
            )
            .bind(e.list.code())
            .bind(&e.code)
            .bind(&e.label_ru)
            .bind(&e.label_be)
            .bind(&e.label_en)
            .bind(e.sort_order)
            .bind(&e.parent)
            .bind(&e.alt_code)
            .bind(&e.kind)
            .bind(true)
            .bind(now)
            .execute(&mut **t)
            .await?;
        }
        sqlx::query(
            "INSERT INTO mayak_meta (key, value) VALUES ('reference_fingerprint', $1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(&fingerprint)
        .execute(&mut **t)
        .await?;
    });
    tx.commit().await?;
    store.codes().clear();
    Ok(entries.len())
}

const SELECT: &str = "SELECT list, code, label_ru, label_be, label_en, sort_order, parent, \
                      alt_code, kind, builtin, retired_at FROM reference_entry";

macro_rules! decode_entry {
    ($row:expr) => {{
        use sqlx::Row;
        let row = $row;
        let list: String = row.try_get("list")?;
        let retired_at: Option<OffsetDateTime> = row.try_get("retired_at")?;
        Entry {
            list: ListKind::parse(&list).ok_or_else(|| {
                StoreError::EmbeddedData(format!("unknown list {list} in the database"))
            })?,
            code: row.try_get("code")?,
            label_ru: row.try_get("label_ru")?,
            label_be: row.try_get("label_be")?,
            label_en: row.try_get("label_en")?,
            sort_order: row.try_get("sort_order")?,
            parent: row.try_get("parent")?,
            alt_code: row.try_get("alt_code")?,
            kind: row.try_get("kind")?,
            builtin: row.try_get("builtin")?,
            retired: retired_at.is_some(),
        }
    }};
}

/// The entries of one list in display order; retired ones only when asked for.
pub async fn list(store: &Store, list: ListKind, include_retired: bool) -> Result<Vec<Entry>> {
    let sql = format!(
        "{SELECT} WHERE list = $1 AND (retired_at IS NULL OR $2) ORDER BY sort_order, code"
    );
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(list.code()).bind(include_retired).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_entry!(row));
        }
        Ok(out)
    })
}

/// One entry, retired or not.
pub async fn get(store: &Store, list: ListKind, code: &str) -> Result<Entry> {
    let sql = format!("{SELECT} WHERE list = $1 AND code = $2");
    crate::on_pool!(store.pool(), p => {
        let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(list.code()).bind(code).fetch_optional(p).await?;
        match row {
            Some(row) => Ok(decode_entry!(&row)),
            None => Err(StoreError::NotFound),
        }
    })
}

/// True when `code` is an active entry of `list`: what new records may use.
///
/// Answered from the process's copy of the codes (see [`CodeCache`]), so validating a form
/// with ten coded fields costs no round trip to the database.
pub async fn is_active(store: &Store, list: ListKind, code: &str) -> Result<bool> {
    Ok(store.codes().status(store, list, code).await? == Some(false))
}

/// True when `code` is an entry of `list`, retired or not: what filters and old records may use.
pub async fn exists(store: &Store, list: ListKind, code: &str) -> Result<bool> {
    Ok(store.codes().status(store, list, code).await?.is_some())
}

/// How long the copy of the codes is trusted before it is read again. Changes made through this
/// process clear it at once; a change made by another instance on the same database (or by a
/// `mayak admin` command beside a running server) is seen within this time.
pub const CODES_FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(1);

/// The codes of every reference list with whether each is retired: what validation asks for
/// on every form. Reference lists change a few times a year and every change goes through
/// [`add`], [`set_retired`] or [`sync_builtin`], which clear the copy; it is otherwise read
/// again when older than [`CODES_FRESH_FOR`]. The timer is monotonic process time for the
/// cache alone, not the business clock.
#[derive(Default)]
pub struct CodeCache {
    copy: std::sync::RwLock<Option<Codes>>,
    /// Counts the clearings, so a reload that read the lists before a change committed does
    /// not keep its copy after the change cleared it.
    cleared: std::sync::atomic::AtomicU64,
    /// One reload at a time; the others wait for it and then read its copy.
    reload: tokio::sync::Mutex<()>,
}

struct Codes {
    loaded: std::time::Instant,
    retired: std::collections::HashMap<(ListKind, String), bool>,
}

impl std::fmt::Debug for CodeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeCache")
    }
}

impl CodeCache {
    /// `Some(retired)` for a code of the list, `None` for a code it does not have.
    async fn status(&self, store: &Store, list: ListKind, code: &str) -> Result<Option<bool>> {
        if let Some(found) = self.lookup(list, code) {
            return Ok(found);
        }
        let _one = self.reload.lock().await;
        if let Some(found) = self.lookup(list, code) {
            return Ok(found);
        }
        let generation = self.cleared.load(std::sync::atomic::Ordering::SeqCst);
        let rows: Vec<(String, String, Option<OffsetDateTime>)> = crate::on_pool!(store.pool(), p => {
            sqlx::query_as("SELECT list, code, retired_at FROM reference_entry")
                .fetch_all(p)
                .await?
        });
        let mut retired = std::collections::HashMap::with_capacity(rows.len());
        for (l, c, at) in rows {
            // A list this release does not know (an older or newer schema) validates nothing.
            if let Some(kind) = ListKind::parse(&l) {
                retired.insert((kind, c), at.is_some());
            }
        }
        let found = retired.get(&(list, code.to_owned())).copied();
        if let Ok(mut copy) = self.copy.write()
            && self.cleared.load(std::sync::atomic::Ordering::SeqCst) == generation
        {
            *copy = Some(Codes {
                loaded: std::time::Instant::now(),
                retired,
            });
        }
        Ok(found)
    }

    /// The answer of a fresh copy; `None` when there is no fresh copy.
    fn lookup(&self, list: ListKind, code: &str) -> Option<Option<bool>> {
        let copy = self.copy.read().ok()?;
        let codes = copy.as_ref()?;
        if codes.loaded.elapsed() > CODES_FRESH_FOR {
            return None;
        }
        Some(codes.retired.get(&(list, code.to_owned())).copied())
    }

    /// Forgets the copy: the next question reads the lists again.
    fn clear(&self) {
        if let Ok(mut copy) = self.copy.write() {
            self.cleared
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            *copy = None;
        }
    }
}

/// Adds an administrator's entry at the end of its list; a taken code is a conflict.
pub async fn add(store: &Store, entry: &NewEntry, now: OffsetDateTime) -> Result<Entry> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        let next: i32 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(MAX(sort_order), 0) + 1 AS INTEGER) FROM reference_entry WHERE list = $1",
        )
        .bind(entry.list.code())
        .fetch_one(&mut **t)
        .await?;
        sqlx::query(
            "INSERT INTO reference_entry (list, code, label_ru, label_be, label_en, sort_order, \
             parent, alt_code, kind, builtin, retired_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL, $7, NULL, $8)",
        )
        .bind(entry.list.code())
        .bind(entry.code.as_str())
        .bind(&entry.label_ru)
        .bind(&entry.label_be)
        .bind(&entry.label_en)
        .bind(next)
        .bind(false)
        .bind(now)
        .execute(&mut **t)
        .await?;
    });
    tx.commit().await?;
    store.codes().clear();
    get(store, entry.list, entry.code.as_str()).await
}

/// Retires an entry (or brings it back). Records that use it keep it; new ones cannot pick it.
pub async fn set_retired(
    store: &Store,
    list: ListKind,
    code: &str,
    retired: bool,
    now: OffsetDateTime,
) -> Result<Entry> {
    let at = retired.then_some(now);
    let affected = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE reference_entry SET retired_at = $1 WHERE list = $2 AND code = $3")
            .bind(at)
            .bind(list.code())
            .bind(code)
            .execute(p)
            .await?
            .rows_affected()
    });
    if affected == 0 {
        return Err(StoreError::NotFound);
    }
    store.codes().clear();
    get(store, list, code).await
}

/// Counts of active and retired entries per list, for the overview page.
pub async fn counts(store: &Store) -> Result<Vec<(ListKind, i64, i64)>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT list, COUNT(*) - COUNT(retired_at), COUNT(retired_at) FROM reference_entry GROUP BY list",
        )
        .fetch_all(p)
        .await?;
        Ok(ListKind::ALL
            .iter()
            .map(|k| {
                let found = rows.iter().find(|r| r.0 == k.code());
                (*k, found.map_or(0, |r| r.1), found.map_or(0, |r| r.2))
            })
            .collect())
    })
}
