//! Organisations, regional multidisciplinary groups and the users who work for them.

use crate::db::Store;
use crate::error::{Result, StoreError};
use mayak_domain::{Lang, Role};
use serde::Serialize;
use sqlx::Row;
use time::OffsetDateTime;

/// An organisation taking part in the response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisation {
    /// Database id.
    pub id: i64,
    /// Short stable identifier, e.g. `iom-minsk`.
    pub slug: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in Belarusian.
    pub name_be: String,
    /// Name in English.
    pub name_en: String,
    /// Organisation type code (reference list `organisation_type`).
    pub org_type: String,
    /// Region code (reference list `region`).
    pub region: String,
    /// Place code (reference list `place`), if known.
    pub place: Option<String>,
    /// May formally identify victims (Law 350-Z).
    pub may_identify: bool,
    /// Member of the NGO network.
    pub ngo_network: bool,
}

impl Organisation {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.name_ru,
            Lang::Be => &self.name_be,
            Lang::En => &self.name_en,
        }
    }
}

/// Data for a new organisation.
#[derive(Debug, Clone)]
pub struct NewOrganisation<'a> {
    /// Short stable identifier.
    pub slug: &'a str,
    /// Names in Russian, Belarusian, English.
    pub names: [&'a str; 3],
    /// Organisation type code.
    pub org_type: &'a str,
    /// Region code.
    pub region: &'a str,
    /// Place code.
    pub place: Option<&'a str>,
    /// May formally identify victims.
    pub may_identify: bool,
    /// Member of the NGO network.
    pub ngo_network: bool,
}

const ORG_COLUMNS: &str =
    "id, slug, name_ru, name_be, name_en, org_type, region, place, may_identify, ngo_network";

macro_rules! decode_org {
    ($row:expr) => {{
        let row = $row;
        Organisation {
            id: row.try_get("id")?,
            slug: row.try_get("slug")?,
            name_ru: row.try_get("name_ru")?,
            name_be: row.try_get("name_be")?,
            name_en: row.try_get("name_en")?,
            org_type: row.try_get("org_type")?,
            region: row.try_get("region")?,
            place: row.try_get("place")?,
            may_identify: row.try_get("may_identify")?,
            ngo_network: row.try_get("ngo_network")?,
        }
    }};
}

/// Inserts an organisation and returns its id.
pub async fn insert_organisation(
    store: &Store,
    o: &NewOrganisation<'_>,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO organisation (slug, name_ru, name_be, name_en, org_type, region, place, \
             may_identify, ngo_network, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             RETURNING id",
        )
        .bind(o.slug)
        .bind(o.names[0])
        .bind(o.names[1])
        .bind(o.names[2])
        .bind(o.org_type)
        .bind(o.region)
        .bind(o.place)
        .bind(o.may_identify)
        .bind(o.ngo_network)
        .bind(now)
        .fetch_one(p)
        .await?)
    })
}

/// Every organisation, ordered by region and Russian name.
pub async fn list_organisations(store: &Store) -> Result<Vec<Organisation>> {
    let sql = format!("SELECT {ORG_COLUMNS} FROM organisation ORDER BY region, name_ru");
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_org!(row));
        }
        Ok(out)
    })
}

/// One organisation by id.
pub async fn get_organisation(store: &Store, id: i64) -> Result<Organisation> {
    let sql = format!("SELECT {ORG_COLUMNS} FROM organisation WHERE id = $1");
    crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await? {
            Some(row) => Ok(decode_org!(&row)),
            None => Err(StoreError::NotFound),
        }
    })
}

/// Number of organisations; zero means an empty database.
pub async fn count_organisations(store: &Store) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM organisation").fetch_one(p).await?)
    })
}

/// A regional multidisciplinary group with its member organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mdg {
    /// Database id.
    pub id: i64,
    /// Region code.
    pub region: String,
    /// The chairing organisation.
    pub chair_organisation_id: Option<i64>,
    /// Member organisations' ids.
    pub members: Vec<i64>,
}

/// Creates the multidisciplinary group of a region with its members.
pub async fn insert_mdg(
    store: &Store,
    region: &str,
    chair: Option<i64>,
    members: &[i64],
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO mdg (region, chair_organisation_id, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(region)
        .bind(chair)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        for m in members {
            sqlx::query("INSERT INTO mdg_member (mdg_id, organisation_id) VALUES ($1, $2)")
                .bind(id)
                .bind(m)
                .execute(&mut **t)
                .await?;
        }
        id
    });
    tx.commit().await?;
    Ok(id)
}

/// Every multidisciplinary group, by region.
pub async fn list_mdgs(store: &Store) -> Result<Vec<Mdg>> {
    crate::on_pool!(store.pool(), p => {
        let groups: Vec<(i64, String, Option<i64>)> =
            sqlx::query_as("SELECT id, region, chair_organisation_id FROM mdg ORDER BY region")
                .fetch_all(p)
                .await?;
        let members: Vec<(i64, i64)> =
            sqlx::query_as("SELECT mdg_id, organisation_id FROM mdg_member ORDER BY organisation_id")
                .fetch_all(p)
                .await?;
        Ok(groups
            .into_iter()
            .map(|(id, region, chair)| Mdg {
                id,
                region,
                chair_organisation_id: chair,
                members: members.iter().filter(|m| m.0 == id).map(|m| m.1).collect(),
            })
            .collect())
    })
}

/// A user of Mayak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Database id.
    pub id: i64,
    /// Login name.
    pub login: String,
    /// Name shown to colleagues.
    pub display_name: String,
    /// The organisation the user works for.
    pub organisation_id: i64,
    /// Roles held.
    pub roles: Vec<Role>,
    /// Disabled users cannot sign in.
    pub disabled: bool,
}

/// Data for a new user.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Login name (unique).
    pub login: &'a str,
    /// Name shown to colleagues.
    pub display_name: &'a str,
    /// Organisation id.
    pub organisation_id: i64,
    /// PHC string of the password hash, if a password is set.
    pub password_hash: Option<&'a str>,
    /// Roles held.
    pub roles: &'a [Role],
}

/// Creates a user with their roles; a taken login is a conflict.
pub async fn insert_user(store: &Store, u: &NewUser<'_>, now: OffsetDateTime) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO app_user (login, display_name, organisation_id, password_hash, disabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(crate::auth::normalise_login(u.login))
        .bind(u.display_name)
        .bind(u.organisation_id)
        .bind(u.password_hash)
        .bind(false)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        for r in u.roles {
            sqlx::query("INSERT INTO user_role (user_id, role) VALUES ($1, $2)")
                .bind(id)
                .bind(r.code())
                .execute(&mut **t)
                .await?;
        }
        id
    });
    tx.commit().await?;
    Ok(id)
}

/// Sets a user's password hash.
pub async fn set_password_hash(store: &Store, login: &str, hash: &str) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE app_user SET password_hash = $1 WHERE login = $2")
            .bind(hash)
            .bind(login)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Every user with their roles, by login.
pub async fn list_users(store: &Store) -> Result<Vec<User>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT id, login, display_name, organisation_id, disabled FROM app_user ORDER BY login",
        )
        .fetch_all(p)
        .await?;
        let roles: Vec<(i64, String)> = sqlx::query_as("SELECT user_id, role FROM user_role")
            .fetch_all(p)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let mut user_roles: Vec<Role> = roles
                .iter()
                .filter(|r| r.0 == id)
                .filter_map(|r| Role::parse(&r.1))
                .collect();
            user_roles.sort();
            out.push(User {
                id,
                login: row.try_get("login")?,
                display_name: row.try_get("display_name")?,
                organisation_id: row.try_get("organisation_id")?,
                roles: user_roles,
                disabled: row.try_get("disabled")?,
            });
        }
        Ok(out)
    })
}

/// Reads a metadata value.
pub async fn meta_get(store: &Store, key: &str) -> Result<Option<String>> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar("SELECT value FROM mayak_meta WHERE key = $1")
            .bind(key)
            .fetch_optional(p)
            .await?)
    })
}

/// Writes a metadata value.
pub async fn meta_set(store: &Store, key: &str, value: &str) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "INSERT INTO mayak_meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(p)
        .await?;
    });
    Ok(())
}

/// Changes an organisation.
pub async fn update_organisation(store: &Store, id: i64, o: &NewOrganisation<'_>) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "UPDATE organisation SET slug = $1, name_ru = $2, name_be = $3, name_en = $4, org_type = $5, \
             region = $6, place = $7, may_identify = $8, ngo_network = $9 WHERE id = $10",
        )
        .bind(o.slug)
        .bind(o.names[0])
        .bind(o.names[1])
        .bind(o.names[2])
        .bind(o.org_type)
        .bind(o.region)
        .bind(o.place)
        .bind(o.may_identify)
        .bind(o.ngo_network)
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

/// The organisation with this short identifier.
pub async fn organisation_by_slug(store: &Store, slug: &str) -> Result<Organisation> {
    let sql = format!("SELECT {ORG_COLUMNS} FROM organisation WHERE slug = $1");
    crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(p).await? {
            Some(row) => Ok(decode_org!(&row)),
            None => Err(StoreError::NotFound),
        }
    })
}
