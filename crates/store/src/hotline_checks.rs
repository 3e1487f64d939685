//! Reference data for the checks hotline consultants run during a call: the register of
//! licensed recruitment agencies and the contacts (embassies and consulates of Belarus, NGOs,
//! hotlines) per destination country. Administrators add, edit, retire and restore entries;
//! every change is an audit entry in the same transaction. Nothing here is personal: it is
//! public information about organisations. Also the job-offer warning signs a consultant
//! saved with a consultation (codes only).

use crate::audit::{self, AuditEvent};
use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use mayak_domain::hotline_checks::{
    self as rules, CheckedAgency, CheckedContact, ContactKind, LicenceStatus, LicenceVerdict,
};
use serde::Serialize;
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// An entry of the licence register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Licence number as printed.
    pub licence_number: String,
    /// First day of the licence.
    pub valid_from: Date,
    /// Last day (none: indefinite).
    pub valid_until: Option<Date>,
    /// Status the authority recorded.
    pub status: LicenceStatus,
    /// City.
    pub city: String,
    /// Destination countries served.
    pub countries: Vec<String>,
    /// Retired from the register kept in Mayak (a mistaken or closed entry).
    pub retired: bool,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

impl Agency {
    /// The verdict on `today`.
    pub fn verdict(&self, today: Date) -> LicenceVerdict {
        rules::licence_verdict(self.status, self.valid_from, self.valid_until, today)
    }
}

/// A contact in a destination country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Id.
    pub id: i64,
    /// Country (ISO alpha-2).
    pub country: String,
    /// Kind.
    pub kind: ContactKind,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// Address.
    pub address: String,
    /// Phones.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Web site.
    pub website: String,
    /// Hours.
    pub hours: String,
    /// Notes for consultants.
    pub notes: String,
    /// Retired.
    pub retired: bool,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

const AGENCY: &str = "id, name, licence_number, valid_from, valid_until, status, city, countries, retired_at, updated_at \
     FROM recruitment_agency";
const CONTACT: &str = "id, country, kind, name, city, address, phone, email, website, hours, notes, retired_at, updated_at \
     FROM destination_contact";

macro_rules! agency {
    ($row:expr) => {{
        let row = $row;
        let status: String = row.try_get("status")?;
        let countries: String = row.try_get("countries")?;
        let retired: Option<OffsetDateTime> = row.try_get("retired_at")?;
        Agency {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            licence_number: row.try_get("licence_number")?,
            valid_from: row.try_get("valid_from")?,
            valid_until: row.try_get("valid_until")?,
            status: LicenceStatus::parse(&status).ok_or_else(|| {
                StoreError::Config(format!("unknown licence status {status:?} in the register"))
            })?,
            city: row.try_get("city")?,
            countries: countries
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            retired: retired.is_some(),
            updated_at: row.try_get("updated_at")?,
        }
    }};
}

macro_rules! contact {
    ($row:expr) => {{
        let row = $row;
        let kind: String = row.try_get("kind")?;
        let retired: Option<OffsetDateTime> = row.try_get("retired_at")?;
        Contact {
            id: row.try_get("id")?,
            country: row.try_get("country")?,
            kind: ContactKind::parse(&kind).ok_or_else(|| {
                StoreError::Config(format!("unknown contact kind {kind:?} in the contacts"))
            })?,
            name: row.try_get("name")?,
            city: row.try_get("city")?,
            address: row.try_get("address")?,
            phone: row.try_get("phone")?,
            email: row.try_get("email")?,
            website: row.try_get("website")?,
            hours: row.try_get("hours")?,
            notes: row.try_get("notes")?,
            retired: retired.is_some(),
            updated_at: row.try_get("updated_at")?,
        }
    }};
}

#[allow(clippy::too_many_arguments)]
async fn audited(
    tx: &mut Tx,
    store: &Store,
    who: &AuditEvent,
    action: &str,
    record_type: &str,
    id: i64,
    fields: Option<&str>,
    now: OffsetDateTime,
) -> Result<()> {
    let mut e = who.clone();
    e.action = action.to_owned();
    e.record_type = Some(record_type.to_owned());
    e.record_id = Some(id.to_string());
    e.fields = fields.map(str::to_owned);
    audit::append(tx, store.backend(), &e, now).await?;
    Ok(())
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn now_micros(now: OffsetDateTime) -> OffsetDateTime {
    mayak_domain::clock::truncate_to_micros(now)
}

// ---- Agencies ---------------------------------------------------------------------------------

/// Adds an agency; a licence number already in the register is a conflict.
pub async fn create_agency(
    store: &Store,
    a: &CheckedAgency,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let now = now_micros(now);
    let mut tx = store.begin().await?;
    let key = rules::normalise_licence(&a.licence_number);
    let id = crate::on_tx!(&mut tx, t => {
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM recruitment_agency WHERE licence_key = $1")
            .bind(&key)
            .fetch_optional(&mut **t)
            .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict("licence_number".to_owned()));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO recruitment_agency (name, name_key, licence_number, licence_key, valid_from, valid_until, status, \
             city, countries, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(&a.name)
        .bind(rules::normalise_name(&a.name))
        .bind(&a.licence_number)
        .bind(&key)
        .bind(a.valid_from)
        .bind(a.valid_until)
        .bind(a.status.code())
        .bind(&a.city)
        .bind(a.countries.join(","))
        .bind(now)
        .bind(who.user_id)
        .fetch_one(&mut **t)
        .await?;
        id
    });
    audited(
        &mut tx,
        store,
        who,
        "hotline.agency.create",
        "recruitment_agency",
        id,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces an agency's entry; the audit entry names the fields that changed.
pub async fn update_agency(
    store: &Store,
    id: i64,
    a: &CheckedAgency,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let now = now_micros(now);
    let old = get_agency(store, id).await?;
    let key = rules::normalise_licence(&a.licence_number);
    let mut changed = Vec::new();
    for (name, differs) in [
        ("name", old.name != a.name),
        ("licence_number", old.licence_number != a.licence_number),
        ("valid_from", old.valid_from != a.valid_from),
        ("valid_until", old.valid_until != a.valid_until),
        ("status", old.status != a.status),
        ("city", old.city != a.city),
        ("countries", old.countries != a.countries),
    ] {
        if differs {
            changed.push(name);
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM recruitment_agency WHERE licence_key = $1 AND id <> $2",
        )
        .bind(&key)
        .bind(id)
        .fetch_optional(&mut **t)
        .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict("licence_number".to_owned()));
        }
        let n = sqlx::query(
            "UPDATE recruitment_agency SET name = $1, name_key = $2, licence_number = $3, licence_key = $4, valid_from = $5, \
             valid_until = $6, status = $7, city = $8, countries = $9, updated_at = $10, updated_by = $11 WHERE id = $12",
        )
        .bind(&a.name)
        .bind(rules::normalise_name(&a.name))
        .bind(&a.licence_number)
        .bind(&key)
        .bind(a.valid_from)
        .bind(a.valid_until)
        .bind(a.status.code())
        .bind(&a.city)
        .bind(a.countries.join(","))
        .bind(now)
        .bind(who.user_id)
        .bind(id)
        .execute(&mut **t)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
    });
    let fields = changed.join(",");
    audited(
        &mut tx,
        store,
        who,
        "hotline.agency.update",
        "recruitment_agency",
        id,
        Some(&fields),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Retires an agency's entry (it no longer answers searches) or restores it.
pub async fn set_agency_retired(
    store: &Store,
    id: i64,
    retired: bool,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    set_retired(
        store,
        "recruitment_agency",
        "hotline.agency",
        id,
        retired,
        who,
        now,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn set_retired(
    store: &Store,
    table: &'static str,
    action: &'static str,
    id: i64,
    retired: bool,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let now = now_micros(now);
    let mut tx = store.begin().await?;
    // The table name is one of two constants, never text from a request.
    let sql = format!(
        "UPDATE {table} SET retired_at = $1, updated_at = $2, updated_by = $3 WHERE id = $4"
    );
    crate::on_tx!(&mut tx, t => {
        let n = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(retired.then_some(now))
            .bind(now)
            .bind(who.user_id)
            .bind(id)
            .execute(&mut **t)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
    });
    let act = format!("{action}.{}", if retired { "retire" } else { "restore" });
    audited(&mut tx, store, who, &act, table, id, None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// One agency.
pub async fn get_agency(store: &Store, id: i64) -> Result<Agency> {
    let sql = format!("SELECT {AGENCY} WHERE id = $1");
    Ok(crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await? {
            Some(row) => agency!(&row),
            None => return Err(StoreError::NotFound),
        }
    }))
}

/// The register, by name; retired entries only when asked.
pub async fn list_agencies(store: &Store, with_retired: bool) -> Result<Vec<Agency>> {
    let sql = format!(
        "SELECT {AGENCY}{} ORDER BY name_key, id",
        if with_retired {
            ""
        } else {
            " WHERE retired_at IS NULL"
        }
    );
    Ok(crate::on_pool!(store.pool(), p => {
        let mut out = Vec::new();
        for row in sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(p).await? {
            out.push(agency!(&row));
        }
        out
    }))
}

/// The most entries a search returns.
pub const SEARCH_LIMIT: i64 = 20;

/// Active entries whose licence number is the query's (normalised) or whose name contains
/// the query, exact licence matches first.
pub async fn find_agencies(store: &Store, query: &str) -> Result<Vec<Agency>> {
    let name = rules::normalise_name(query);
    let licence = rules::normalise_licence(query);
    if name.is_empty() && licence.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = format!("%{}%", like_escape(&name));
    let sql = format!(
        "SELECT {AGENCY} WHERE retired_at IS NULL AND (licence_key = $1 OR name_key LIKE $2 ESCAPE '\\') \
         ORDER BY CASE WHEN licence_key = $1 THEN 0 ELSE 1 END, name_key, id LIMIT $3"
    );
    Ok(crate::on_pool!(store.pool(), p => {
        let mut out = Vec::new();
        for row in sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&licence)
            .bind(&pattern)
            .bind(SEARCH_LIMIT)
            .fetch_all(p)
            .await?
        {
            out.push(agency!(&row));
        }
        out
    }))
}

/// When the register kept in Mayak last changed (any entry added, edited, retired).
pub async fn register_updated_at(store: &Store) -> Result<Option<OffsetDateTime>> {
    Ok(crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT updated_at FROM recruitment_agency ORDER BY updated_at DESC LIMIT 1")
            .fetch_optional(p)
            .await?
    }))
}

/// What a search answers: the matching entries with their verdict, or "not in the register".
#[derive(Debug, Clone, Serialize)]
pub struct LicenceAnswer {
    /// The overall verdict: the first match's, or `not_in_register`.
    pub verdict: LicenceVerdict,
    /// Matching entries with their own verdicts.
    pub matches: Vec<(Agency, LicenceVerdict)>,
    /// When the register last changed.
    pub register_updated_at: Option<OffsetDateTime>,
}

/// Searches the register and gives the verdict on `today`.
pub async fn check_licence(store: &Store, query: &str, today: Date) -> Result<LicenceAnswer> {
    let matches: Vec<(Agency, LicenceVerdict)> = find_agencies(store, query)
        .await?
        .into_iter()
        .map(|a| {
            let v = a.verdict(today);
            (a, v)
        })
        .collect();
    Ok(LicenceAnswer {
        verdict: matches
            .first()
            .map_or(LicenceVerdict::NotInRegister, |(_, v)| *v),
        matches,
        register_updated_at: register_updated_at(store).await?,
    })
}

// ---- Contacts ---------------------------------------------------------------------------------

/// Adds a contact.
pub async fn create_contact(
    store: &Store,
    c: &CheckedContact,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let now = now_micros(now);
    let mut tx = store.begin().await?;
    let id = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO destination_contact (country, kind, name, city, address, phone, email, website, hours, notes, \
             updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(&c.country)
        .bind(c.kind.code())
        .bind(&c.name)
        .bind(&c.city)
        .bind(&c.address)
        .bind(&c.phone)
        .bind(&c.email)
        .bind(&c.website)
        .bind(&c.hours)
        .bind(&c.notes)
        .bind(now)
        .bind(who.user_id)
        .fetch_one(&mut **t)
        .await?;
        id
    });
    audited(
        &mut tx,
        store,
        who,
        "hotline.contact.create",
        "destination_contact",
        id,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces a contact; the audit entry names the fields that changed.
pub async fn update_contact(
    store: &Store,
    id: i64,
    c: &CheckedContact,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let now = now_micros(now);
    let old = get_contact(store, id).await?;
    let mut changed = Vec::new();
    for (name, differs) in [
        ("country", old.country != c.country),
        ("kind", old.kind != c.kind),
        ("name", old.name != c.name),
        ("city", old.city != c.city),
        ("address", old.address != c.address),
        ("phone", old.phone != c.phone),
        ("email", old.email != c.email),
        ("website", old.website != c.website),
        ("hours", old.hours != c.hours),
        ("notes", old.notes != c.notes),
    ] {
        if differs {
            changed.push(name);
        }
    }
    if changed.is_empty() {
        return Ok(());
    }
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query(
            "UPDATE destination_contact SET country = $1, kind = $2, name = $3, city = $4, address = $5, phone = $6, \
             email = $7, website = $8, hours = $9, notes = $10, updated_at = $11, updated_by = $12 WHERE id = $13",
        )
        .bind(&c.country)
        .bind(c.kind.code())
        .bind(&c.name)
        .bind(&c.city)
        .bind(&c.address)
        .bind(&c.phone)
        .bind(&c.email)
        .bind(&c.website)
        .bind(&c.hours)
        .bind(&c.notes)
        .bind(now)
        .bind(who.user_id)
        .bind(id)
        .execute(&mut **t)
        .await?;
    });
    let fields = changed.join(",");
    audited(
        &mut tx,
        store,
        who,
        "hotline.contact.update",
        "destination_contact",
        id,
        Some(&fields),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Retires a contact or restores it.
pub async fn set_contact_retired(
    store: &Store,
    id: i64,
    retired: bool,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    set_retired(
        store,
        "destination_contact",
        "hotline.contact",
        id,
        retired,
        who,
        now,
    )
    .await
}

/// One contact.
pub async fn get_contact(store: &Store, id: i64) -> Result<Contact> {
    let sql = format!("SELECT {CONTACT} WHERE id = $1");
    Ok(crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await? {
            Some(row) => contact!(&row),
            None => return Err(StoreError::NotFound),
        }
    }))
}

/// Contacts of one country (or all), embassies first; retired ones only when asked.
pub async fn list_contacts(
    store: &Store,
    country: Option<&str>,
    with_retired: bool,
) -> Result<Vec<Contact>> {
    let mut sql = format!("SELECT {CONTACT} WHERE 1 = 1");
    if country.is_some() {
        sql.push_str(" AND country = $1");
    }
    if !with_retired {
        sql.push_str(" AND retired_at IS NULL");
    }
    sql.push_str(
        " ORDER BY country, CASE kind WHEN 'embassy' THEN 0 WHEN 'consulate' THEN 1 WHEN 'hotline' THEN 2 ELSE 3 END, name, id",
    );
    Ok(crate::on_pool!(store.pool(), p => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(c) = country {
            q = q.bind(c.to_uppercase());
        }
        let mut out = Vec::new();
        for row in q.fetch_all(p).await? {
            out.push(contact!(&row));
        }
        out
    }))
}

// ---- Job-offer signs saved with a consultation ------------------------------------------------

/// Records the job-offer warning signs ticked during a consultation (codes already checked).
pub async fn record_indicators_in(
    tx: &mut Tx,
    consultation_id: i64,
    codes: &[String],
) -> Result<()> {
    crate::on_tx!(tx, t => {
        for code in codes {
            sqlx::query(
                "INSERT INTO hotline_consultation_indicator (consultation_id, indicator) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(consultation_id)
            .bind(code)
            .execute(&mut **t)
            .await?;
        }
    });
    Ok(())
}

/// The job-offer signs saved with a consultation, in checklist order.
pub async fn indicators_of(store: &Store, consultation_id: i64) -> Result<Vec<String>> {
    let codes: Vec<String> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT indicator FROM hotline_consultation_indicator WHERE consultation_id = $1")
            .bind(consultation_id)
            .fetch_all(p)
            .await?
    });
    Ok(rules::offer_indicators()
        .iter()
        .filter(|i| codes.iter().any(|c| c == i.code))
        .map(|i| i.code.to_owned())
        .collect())
}
