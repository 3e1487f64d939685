//! The partner directory's details of an organisation: where and when to reach it, the
//! languages it works in, the services it offers (what referral suggestions match), capacity,
//! and what it chose to publish on the public listing.

use crate::db::Store;
use crate::error::{Result, StoreError};
use serde::Serialize;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Fields an organisation may publish on the public listing (its name, type and region are
/// always shown once it is listed).
pub const PUBLIC_FIELDS: &[&str] = &[
    "city",
    "address",
    "phone",
    "email",
    "hours",
    "languages",
    "services",
];

/// An organisation's directory details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// City or town.
    pub city: Option<String>,
    /// Street address of the office (never a shelter's address: publish only what is safe).
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Working hours, as written.
    pub hours: Option<String>,
    /// Languages worked in (list `language`).
    pub languages: Vec<String>,
    /// Services offered (list `service_type`).
    pub services: Vec<String>,
    /// Capacity notes, e.g. "6 shelter places, 2 free".
    pub capacity_notes: Option<String>,
    /// Listed on the public page.
    pub published: bool,
    /// Which of [`PUBLIC_FIELDS`] it publishes.
    pub public_fields: Vec<String>,
}

impl Profile {
    /// Whether the public listing shows `field`.
    pub fn publishes(&self, field: &str) -> bool {
        self.published && self.public_fields.iter().any(|f| f == field)
    }
}

fn split(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

const COLUMNS: &str = "id, city, address, phone, email, hours, languages, services, capacity_notes, published, public_fields FROM organisation";

macro_rules! decode {
    ($row:expr) => {{
        let row = $row;
        let languages: String = row.try_get("languages")?;
        let services: String = row.try_get("services")?;
        let public_fields: String = row.try_get("public_fields")?;
        Profile {
            city: row.try_get("city")?,
            address: row.try_get("address")?,
            phone: row.try_get("phone")?,
            email: row.try_get("email")?,
            hours: row.try_get("hours")?,
            languages: split(&languages),
            services: split(&services),
            capacity_notes: row.try_get("capacity_notes")?,
            published: row.try_get("published")?,
            public_fields: split(&public_fields),
        }
    }};
}

/// The details of every organisation, by id.
pub async fn profiles(store: &Store) -> Result<HashMap<i64, Profile>> {
    let sql = format!("SELECT {COLUMNS}");
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?;
        let mut out = HashMap::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            out.insert(id, decode!(row));
        }
        Ok(out)
    })
}

/// The details of one organisation.
pub async fn profile(store: &Store, id: i64) -> Result<Profile> {
    let sql = format!("SELECT {COLUMNS} WHERE id = $1");
    crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await? {
            Some(row) => Ok(decode!(&row)),
            None => Err(StoreError::NotFound),
        }
    })
}

/// Replaces an organisation's details.
pub async fn set_profile(store: &Store, id: i64, d: &Profile) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "UPDATE organisation SET city = $1, address = $2, phone = $3, email = $4, hours = $5, languages = $6, \
             services = $7, capacity_notes = $8, published = $9, public_fields = $10 WHERE id = $11",
        )
        .bind(&d.city)
        .bind(&d.address)
        .bind(&d.phone)
        .bind(&d.email)
        .bind(&d.hours)
        .bind(d.languages.join(","))
        .bind(d.services.join(","))
        .bind(&d.capacity_notes)
        .bind(d.published)
        .bind(d.public_fields.join(","))
        .bind(id)
        .execute(p)
        .await?
        .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The service types offered in each region (by any of its organisations), by region code.
pub async fn offered_by_region(store: &Store) -> Result<BTreeMap<String, BTreeSet<String>>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT region, services FROM organisation")
                .fetch_all(p)
                .await?;
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (region, services) in rows {
            out.entry(region).or_default().extend(split(&services));
        }
        Ok(out)
    })
}

/// A service nobody offers in a region, with the neighbouring regions where it is offered
/// (where the referral suggestions look next).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The service type's code.
    pub service: String,
    /// Neighbouring regions (codes) with an organisation offering it.
    pub nearby: Vec<String>,
}

/// The services of `services` (codes, in their order) that no organisation of `region` offers.
pub fn gaps(
    offered: &BTreeMap<String, BTreeSet<String>>,
    region: &str,
    services: &[String],
) -> Vec<Gap> {
    let here = offered.get(region);
    services
        .iter()
        .filter(|s| !here.is_some_and(|h| h.contains(*s)))
        .map(|s| Gap {
            service: s.clone(),
            nearby: mayak_domain::referral::neighbours(region)
                .iter()
                .filter(|n| offered.get(**n).is_some_and(|o| o.contains(s)))
                .map(|n| (*n).to_owned())
                .collect(),
        })
        .collect()
}
