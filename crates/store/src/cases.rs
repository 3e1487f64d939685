//! Cases: the pseudonymous record of a person's way through the referral mechanism. A case
//! points to its person in the vault; lists and most screens show only the case code.
//! Every change is an event on the case's timeline and an entry of the audit trail, written in
//! the same transaction. Edits carry the version they were made from, and a stale edit is
//! refused instead of silently overwriting someone else's change.

use crate::audit::{self, AuditEvent};
use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use crate::persons;
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::access::{CaseFacts, Scope, Subject};
use mayak_domain::case::{
    self as rules, CaseStatus, ConsentFacts, ConsentPurpose, LegalStatus, NrmPhase, ServiceStatus,
};
use mayak_domain::case_list::{CaseCursor, CaseSort, SortKey};
use mayak_domain::person::Identity;
use serde::Serialize;
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    /// Id.
    pub id: i64,
    /// Pseudonymous code, e.g. `BR-2026-00042`.
    pub code: String,
    /// The person in the vault.
    pub person_id: i64,
    /// Region code.
    pub region: String,
    /// Lead organisation.
    pub lead_organisation_id: i64,
    /// Who registered it.
    pub created_by: Option<i64>,
    /// The case manager.
    pub assigned_to: Option<i64>,
    /// Status.
    pub status: CaseStatus,
    /// NRM phase.
    pub nrm_phase: NrmPhase,
    /// Legal status under Law No. 350-Z.
    pub legal_status: LegalStatus,
    /// The body that decided the identification.
    pub identified_by: Option<i64>,
    /// Date of the decision.
    pub identified_on: Option<Date>,
    /// The decision's document reference.
    pub identification_document: Option<String>,
    /// Registration date.
    pub registered_on: Date,
    /// Sex (HTCDS code).
    pub sex: String,
    /// CTDC age band at registration.
    pub age_band: Option<String>,
    /// First citizenship (ISO alpha-2), for statistics.
    pub citizenship: Option<String>,
    /// Main exploitation type (HTCDS code).
    pub exploitation_type: Option<String>,
    /// Country of exploitation (ISO alpha-2).
    pub country_of_exploitation: Option<String>,
    /// Why it was closed.
    pub closure_reason: Option<String>,
    /// Reintegration outcome at closure.
    pub reintegration_outcome: Option<String>,
    /// Closure date.
    pub closed_on: Option<Date>,
    /// Version, for concurrent edits.
    pub version: i64,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

const CASE_COLUMNS: &str = "id, code, person_id, region, lead_organisation_id, created_by, assigned_to, status, \
     nrm_phase, legal_status, identified_by, identified_on, identification_document, registered_on, sex, age_band, \
     citizenship, exploitation_type, country_of_exploitation, closure_reason, reintegration_outcome, closed_on, version, \
     updated_at FROM case_file";

fn bad_code(what: &str, code: &str) -> StoreError {
    StoreError::Config(format!("unknown {what} {code:?} in case_file"))
}

macro_rules! decode_case {
    ($row:expr) => {{
        let row = $row;
        let status: String = row.try_get("status")?;
        let phase: String = row.try_get("nrm_phase")?;
        let legal: String = row.try_get("legal_status")?;
        Case {
            id: row.try_get("id")?,
            code: row.try_get("code")?,
            person_id: row.try_get("person_id")?,
            region: row.try_get("region")?,
            lead_organisation_id: row.try_get("lead_organisation_id")?,
            created_by: row.try_get("created_by")?,
            assigned_to: row.try_get("assigned_to")?,
            status: CaseStatus::parse(&status).ok_or_else(|| bad_code("status", &status))?,
            nrm_phase: NrmPhase::parse(&phase).ok_or_else(|| bad_code("phase", &phase))?,
            legal_status: LegalStatus::parse(&legal)
                .ok_or_else(|| bad_code("legal status", &legal))?,
            identified_by: row.try_get("identified_by")?,
            identified_on: row.try_get("identified_on")?,
            identification_document: row.try_get("identification_document")?,
            registered_on: row.try_get("registered_on")?,
            sex: row.try_get("sex")?,
            age_band: row.try_get("age_band")?,
            citizenship: row.try_get("citizenship")?,
            exploitation_type: row.try_get("exploitation_type")?,
            country_of_exploitation: row.try_get("country_of_exploitation")?,
            closure_reason: row.try_get("closure_reason")?,
            reintegration_outcome: row.try_get("reintegration_outcome")?,
            closed_on: row.try_get("closed_on")?,
            version: row.try_get("version")?,
            updated_at: row.try_get("updated_at")?,
        }
    }};
}

/// What intake records.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// Region code.
    pub region: String,
    /// Lead organisation.
    pub lead_organisation_id: i64,
    /// Case manager.
    pub assigned_to: Option<i64>,
    /// Registration date.
    pub registered_on: Date,
    /// Sex (HTCDS code).
    pub sex: String,
    /// The person's identifying data (sealed in the vault).
    pub identity: Identity,
    /// Main exploitation type, if known.
    pub exploitation_type: Option<String>,
    /// Country of exploitation, if known.
    pub country_of_exploitation: Option<String>,
    /// NRM phase at intake.
    pub nrm_phase: NrmPhase,
}

async fn event_in(
    tx: &mut Tx,
    case_id: i64,
    user_id: Option<i64>,
    kind: &str,
    fields: Option<&str>,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_tx!(tx, t => {
        sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, $3, $4, $5)")
            .bind(case_id)
            .bind(now)
            .bind(user_id)
            .bind(kind)
            .bind(fields)
            .execute(&mut **t)
            .await?;
    });
    Ok(())
}

fn audited(who: &AuditEvent, action: &str, case_id: i64, fields: Option<&str>) -> AuditEvent {
    let mut e = who.clone();
    e.action = action.to_owned();
    e.record_type = Some("case".to_owned());
    e.record_id = Some(case_id.to_string());
    e.fields = fields.map(str::to_owned);
    e
}

/// Registers a person and their case in one transaction. Returns the case.
pub async fn create(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    new: &NewCase,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Case> {
    // Two instances may number a case of the same region and year at once: the unique index
    // refuses the second, which then takes the next number.
    for _ in 0..5 {
        match create_once(store, vault, rng, new, who, now).await {
            Err(StoreError::Conflict(msg))
                if msg.contains("number") || msg.contains("case_file") =>
            {
                continue;
            }
            other => return other,
        }
    }
    Err(StoreError::Conflict(
        "could not number the case; try again".to_owned(),
    ))
}

async fn create_once(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    new: &NewCase,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Case> {
    let mut tx = store.begin().await?;
    let person_id = persons::create_in(
        &mut tx,
        vault,
        rng,
        &new.identity,
        &new.sex,
        who.user_id,
        now,
    )
    .await?;
    let id = create_in(&mut tx, person_id, new, who.user_id, now).await?;
    event_in(&mut tx, id, who.user_id, "created", None, now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "case.create",
            id,
            Some("person,region,lead_organisation_id,assigned_to,registered_on,sex"),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    get(store, id).await
}

/// Inserts a case for an existing person inside a transaction; returns its id.
pub async fn create_in(
    tx: &mut Tx,
    person_id: i64,
    new: &NewCase,
    created_by: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64> {
    let year = new.registered_on.year();
    let age_band = new
        .identity
        .birth_date
        .map(|b| rules::age_band(rules::age_on(b, new.registered_on)).to_owned());
    let citizenship = new.identity.citizenships.first().cloned();
    // Numbering is serialised per region and year: SQLite's write transaction already is; on
    // PostgreSQL a transaction-scoped advisory lock makes the next instance wait for this
    // one's commit, and its MAX (read committed) then sees this case. Without it, concurrent
    // creations read the same MAX and all but one failed on the unique index.
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtext('case_number:' || $1), $2)")
            .bind(&new.region)
            .bind(year)
            .execute(&mut **t)
            .await?;
    }
    Ok(crate::on_tx!(tx, t => {
        let number: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM case_file WHERE region = $1 AND year = $2")
            .bind(&new.region)
            .bind(year)
            .fetch_one(&mut **t)
            .await?;
        sqlx::query_scalar(
            "INSERT INTO case_file (code, person_id, region, year, number, lead_organisation_id, created_by, assigned_to, \
             status, nrm_phase, legal_status, registered_on, sex, age_band, citizenship, exploitation_type, \
             country_of_exploitation, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 1, $18, $18) RETURNING id",
        )
        .bind(rules::case_code(&new.region, year, number))
        .bind(person_id)
        .bind(&new.region)
        .bind(year)
        .bind(number)
        .bind(new.lead_organisation_id)
        .bind(created_by)
        .bind(new.assigned_to)
        .bind(CaseStatus::Active.code())
        .bind(new.nrm_phase.code())
        .bind(LegalStatus::MayHaveSuffered.code())
        .bind(new.registered_on)
        .bind(&new.sex)
        .bind(&age_band)
        .bind(&citizenship)
        .bind(&new.exploitation_type)
        .bind(&new.country_of_exploitation)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    }))
}

/// One case.
pub async fn get(store: &Store, id: i64) -> Result<Case> {
    let sql = format!("SELECT {CASE_COLUMNS} WHERE id = $1");
    crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await? {
            Some(row) => Ok(decode_case!(&row)),
            None => Err(StoreError::NotFound),
        }
    })
}

/// The case with this code.
pub async fn by_code(store: &Store, code: &str) -> Result<Case> {
    let sql = format!("SELECT {CASE_COLUMNS} WHERE code = $1");
    crate::on_pool!(store.pool(), p => {
        match sqlx::query(sqlx::AssertSqlSafe(sql)).bind(code.trim().to_uppercase()).fetch_optional(p).await? {
            Some(row) => Ok(decode_case!(&row)),
            None => Err(StoreError::NotFound),
        }
    })
}

/// What decides who reaches the case.
pub async fn facts(store: &Store, c: &Case) -> Result<CaseFacts> {
    let providers: Vec<(i64,)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT DISTINCT provider_organisation_id FROM case_service WHERE case_id = $1 AND status <> 'Cancelled'")
            .bind(c.id)
            .fetch_all(p)
            .await?
    });
    // Organisations reach the case through a service they provide or a referral pending or
    // being worked on; the region's group through a meeting that discussed it.
    let mut referred_to: Vec<i64> = providers.into_iter().map(|r| r.0).collect();
    referred_to.extend(crate::referrals::receivers(store, c.id).await?);
    referred_to.sort_unstable();
    referred_to.dedup();
    Ok(CaseFacts {
        created_by: c.created_by.unwrap_or(0),
        assigned_to: c.assigned_to.into_iter().collect(),
        lead_organisation: c.lead_organisation_id,
        referred_to,
        region: c.region.clone(),
        discussed_by_group: crate::groups::discussed(store, c.id, &c.region).await?,
    })
}

/// Filters of the case list.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    /// Status.
    pub status: Option<CaseStatus>,
    /// Region.
    pub region: Option<String>,
    /// NRM phase.
    pub phase: Option<NrmPhase>,
    /// Legal status.
    pub legal_status: Option<LegalStatus>,
    /// Case manager.
    pub assigned_to: Option<i64>,
    /// Lead organisation.
    pub lead_organisation: Option<i64>,
    /// Main exploitation type.
    pub exploitation_type: Option<String>,
    /// Registered on or after.
    pub registered_from: Option<Date>,
    /// Registered on or before.
    pub registered_until: Option<Date>,
    /// Only these persons (search by name or document through the blind index).
    pub person_ids: Option<Vec<i64>>,
    /// Code, exact or prefix (e.g. `BR-2026`).
    pub code_prefix: Option<String>,
    /// The order.
    pub sort: CaseSort,
    /// Continue after this row (the next page); it must come from a list in the same order.
    pub after: Option<CaseCursor>,
    /// Page size.
    pub limit: i64,
}

impl Case {
    /// Where a list in `sort` order continues after this case.
    pub fn cursor(&self, sort: CaseSort) -> CaseCursor {
        let key = match sort {
            CaseSort::Newest | CaseSort::Oldest => SortKey::Id,
            CaseSort::RegisteredDesc | CaseSort::RegisteredAsc => {
                SortKey::Registered(self.registered_on)
            }
            CaseSort::Code => SortKey::Code(self.code.clone()),
            CaseSort::Updated => SortKey::Updated(self.updated_at),
        };
        CaseCursor { key, id: self.id }
    }
}

enum Bind {
    I64(i64),
    Text(String),
    Date(Date),
    At(OffsetDateTime),
}

/// Collects a query's bound values and hands out their `$n` placeholders.
#[derive(Default)]
struct Binds(Vec<Bind>);

impl Binds {
    fn add(&mut self, b: Bind) -> String {
        self.0.push(b);
        format!("${}", self.0.len())
    }
}

/// The ORDER BY of a sort, over the columns of the case table aliased `c`.
fn order_by(sort: CaseSort) -> &'static str {
    match sort {
        CaseSort::Newest => "c.id DESC",
        CaseSort::Oldest => "c.id ASC",
        CaseSort::RegisteredDesc => "c.registered_on DESC, c.id DESC",
        CaseSort::RegisteredAsc => "c.registered_on ASC, c.id ASC",
        CaseSort::Code => "c.code ASC",
        CaseSort::Updated => "c.updated_at DESC, c.id DESC",
    }
}

/// The condition "after the cursor" in `sort` order; `None` when the cursor is of another
/// order (a URL edited by hand), which then starts from the first page.
fn after_cursor(sort: CaseSort, cur: &CaseCursor, binds: &mut Binds) -> Option<String> {
    let cmp = if sort.descending() { "<" } else { ">" };
    Some(match (&cur.key, sort) {
        (SortKey::Id, CaseSort::Newest | CaseSort::Oldest) => {
            format!("c.id {cmp} {}", binds.add(Bind::I64(cur.id)))
        }
        (SortKey::Registered(d), CaseSort::RegisteredDesc | CaseSort::RegisteredAsc) => {
            let d = binds.add(Bind::Date(*d));
            let id = binds.add(Bind::I64(cur.id));
            format!("(c.registered_on, c.id) {cmp} ({d}, {id})")
        }
        // Codes are unique, so the code alone says where to continue.
        (SortKey::Code(code), CaseSort::Code) => {
            format!("c.code > {}", binds.add(Bind::Text(code.clone())))
        }
        (SortKey::Updated(at), CaseSort::Updated) => {
            let at = binds.add(Bind::At(*at));
            let id = binds.add(Bind::I64(cur.id));
            format!("(c.updated_at, c.id) {cmp} ({at}, {id})")
        }
        _ => return None,
    })
}

/// Above this many services, a provider's cases are found by walking the list's order rather
/// than by sorting them all (measured in docs/BENCHMARKS.md: either way costs tens of
/// milliseconds at most at this size, and far more on the wrong side of it).
const DENSE_PROVIDER: i64 = 5_000;

/// True when the subject's organisation provides services on so many cases that a list in an
/// order other than by id is better read along that order's index.
async fn referred_densely(store: &Store, sort: CaseSort, subject: &Subject) -> Result<bool> {
    if matches!(sort, CaseSort::Newest | CaseSort::Oldest) {
        return Ok(false);
    }
    let n: i64 = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT COUNT(*) FROM case_service WHERE provider_organisation_id = $1")
            .bind(subject.organisation_id)
            .fetch_one(p)
            .await?
    });
    Ok(n > DENSE_PROVIDER)
}

/// Cases matching the filter that `subject` may reach, in the filter's order, a page at a
/// time (keyset paging: a page costs the same at the millionth case as at the first).
///
/// Each scope the subject reaches cases through becomes its own subquery that finds its first
/// page with the index that suits it (the organisation's cases, the user's, the cases referred
/// to the organisation); the page is the first rows of their union. One query with the scopes
/// OR-ed together makes both databases collect every case a scope reaches before sorting
/// (measured in docs/BENCHMARKS.md: 163 ms instead of under 1 ms for a partner's list).
pub async fn list(store: &Store, f: &CaseFilter, subject: &Subject) -> Result<Vec<Case>> {
    let mut binds = Binds::default();
    let mut conds: Vec<String> = Vec::new();
    if let Some(s) = f.status {
        conds.push(format!(
            "c.status = {}",
            binds.add(Bind::Text(s.code().to_owned()))
        ));
    }
    if let Some(r) = &f.region {
        conds.push(format!("c.region = {}", binds.add(Bind::Text(r.clone()))));
    }
    if let Some(p) = f.phase {
        conds.push(format!(
            "c.nrm_phase = {}",
            binds.add(Bind::Text(p.code().to_owned()))
        ));
    }
    if let Some(l) = f.legal_status {
        conds.push(format!(
            "c.legal_status = {}",
            binds.add(Bind::Text(l.code().to_owned()))
        ));
    }
    if let Some(a) = f.assigned_to {
        conds.push(format!("c.assigned_to = {}", binds.add(Bind::I64(a))));
    }
    if let Some(o) = f.lead_organisation {
        conds.push(format!(
            "c.lead_organisation_id = {}",
            binds.add(Bind::I64(o))
        ));
    }
    if let Some(e) = &f.exploitation_type {
        conds.push(format!(
            "c.exploitation_type = {}",
            binds.add(Bind::Text(e.clone()))
        ));
    }
    if let Some(d) = f.registered_from {
        conds.push(format!("c.registered_on >= {}", binds.add(Bind::Date(d))));
    }
    if let Some(d) = f.registered_until {
        conds.push(format!("c.registered_on <= {}", binds.add(Bind::Date(d))));
    }
    if let Some(c) = &f.code_prefix {
        // Codes are upper-case ASCII; a range keeps the index usable on both databases. As a
        // subquery of its own, so that the code index finds the few matching cases first even
        // when a scope's index would deliver the list's order (without it SQLite walked an
        // organisation's cases newest first to meet one code: 430 ms instead of under 1 ms).
        let prefix = c.trim().to_uppercase();
        let from = binds.add(Bind::Text(prefix.clone()));
        let until = binds.add(Bind::Text(format!("{prefix}\u{7f}")));
        conds.push(format!(
            "c.id IN (SELECT id FROM case_file WHERE code >= {from} AND code < {until})"
        ));
    }
    if let Some(ids) = &f.person_ids {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // As a subquery, for the same reason as the code: the person index finds the handful
        // of cases first.
        let list: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        conds.push(format!(
            "c.id IN (SELECT id FROM case_file WHERE person_id IN ({}))",
            list.join(",")
        ));
    }
    if let Some(cur) = &f.after
        && let Some(cond) = after_cursor(f.sort, cur, &mut binds)
    {
        conds.push(cond);
    }
    // Record-level scope: only what the subject's roles reach, one subquery per scope.
    let mut scopes: Vec<Scope> = subject
        .roles
        .iter()
        .flat_map(|r| mayak_domain::access::case_scopes(*r).iter().copied())
        .collect();
    scopes.sort();
    scopes.dedup();
    let limit = binds.add(Bind::I64(f.limit.clamp(1, 500)));
    let order = order_by(f.sort);
    let filters = if conds.is_empty() {
        "1 = 1".to_owned()
    } else {
        conds.join(" AND ")
    };
    let mut parts: Vec<String> = Vec::new();
    if scopes.contains(&Scope::All) {
        parts.push(format!(
            "SELECT c.id FROM case_file c WHERE {filters} ORDER BY {order} LIMIT {limit}"
        ));
    } else {
        for s in scopes {
            let reach = match s {
                Scope::Own => format!("c.created_by = {}", binds.add(Bind::I64(subject.user_id))),
                Scope::Assigned => {
                    format!("c.assigned_to = {}", binds.add(Bind::I64(subject.user_id)))
                }
                Scope::Organisation => format!(
                    "c.lead_organisation_id = {}",
                    binds.add(Bind::I64(subject.organisation_id))
                ),
                Scope::ReferredToOrganisation
                    if referred_densely(store, f.sort, subject).await? =>
                {
                    // A provider of many cases, in an order other than by id: walk the order's
                    // index and keep the cases it provides for (a few rows per match).
                    let org = binds.add(Bind::I64(subject.organisation_id));
                    format!(
                        "EXISTS (SELECT 1 FROM case_service s WHERE s.case_id = c.id \
                         AND s.provider_organisation_id = {org} AND s.status <> 'Cancelled')"
                    )
                }
                Scope::ReferredToOrganisation => {
                    // Driven by the provider's services: by id, newest case first, so the first
                    // page needs as many rows as it shows; in another order, the provider's few
                    // cases are sorted. DISTINCT because a case may have several services from
                    // one provider.
                    let org = binds.add(Bind::I64(subject.organisation_id));
                    let (cols, order) = match f.sort {
                        CaseSort::Newest => ("s.case_id AS id", "s.case_id DESC"),
                        CaseSort::Oldest => ("s.case_id AS id", "s.case_id ASC"),
                        CaseSort::RegisteredDesc | CaseSort::RegisteredAsc => {
                            ("c.id, c.registered_on", order)
                        }
                        CaseSort::Code => ("c.id, c.code", order),
                        CaseSort::Updated => ("c.id, c.updated_at", order),
                    };
                    parts.push(format!(
                        "SELECT DISTINCT {cols} FROM case_service s JOIN case_file c ON c.id = s.case_id \
                         WHERE s.provider_organisation_id = {org} AND s.status <> 'Cancelled' AND {filters} \
                         ORDER BY {order} LIMIT {limit}"
                    ));
                    // And the cases referred to it, pending or being worked on.
                    let (cols, order) = (
                        cols.replace("s.case_id", "r.case_id"),
                        order.replace("s.case_id", "r.case_id"),
                    );
                    parts.push(format!(
                        "SELECT DISTINCT {cols} FROM referral r JOIN case_file c ON c.id = r.case_id \
                         WHERE r.to_organisation_id = {org} AND r.state IN ('sent', 'accepted', 'in_progress') AND {filters} \
                         ORDER BY {order} LIMIT {limit}"
                    ));
                    continue;
                }
                Scope::RegionGroup => {
                    // Cases a meeting of the region's group discussed, in the regions whose
                    // group the subject's organisation belongs to.
                    if subject.group_regions.is_empty() {
                        continue;
                    }
                    let regions: Vec<String> = subject
                        .group_regions
                        .iter()
                        .map(|r| binds.add(Bind::Text(r.clone())))
                        .collect();
                    format!(
                        "c.region IN ({}) AND c.id IN (SELECT mc.case_id FROM mdg_case mc JOIN mdg_meeting m ON m.id = mc.meeting_id \
                         JOIN mdg g ON g.id = m.mdg_id WHERE g.region = c.region)",
                        regions.join(", ")
                    )
                }
                Scope::All => continue,
            };
            parts.push(format!(
                "SELECT c.id FROM case_file c WHERE {filters} AND {reach} ORDER BY {order} LIMIT {limit}"
            ));
        }
    }
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    // Each part is wrapped so that its ORDER BY and LIMIT apply to it alone (SQLite allows
    // neither on a member of a compound SELECT).
    let union: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| format!("SELECT id FROM ({p}) AS part{i}"))
        .collect();
    let sql = format!(
        "SELECT {CASE_COLUMNS} c WHERE c.id IN ({}) ORDER BY {order} LIMIT {limit}",
        union.join(" UNION ")
    );
    crate::on_pool!(store.pool(), p => {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in &binds.0 {
            q = match b {
                Bind::I64(v) => q.bind(*v),
                Bind::Text(v) => q.bind(v.clone()),
                Bind::Date(v) => q.bind(*v),
                Bind::At(v) => q.bind(*v),
            };
        }
        let rows = q.fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_case!(row));
        }
        Ok(out)
    })
}

/// The editable part of a case, as a whole (forms and PATCH send the version they edit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseChanges {
    /// Case manager.
    pub assigned_to: Option<i64>,
    /// Status.
    pub status: CaseStatus,
    /// NRM phase.
    pub nrm_phase: NrmPhase,
    /// Main exploitation type.
    pub exploitation_type: Option<String>,
    /// Country of exploitation.
    pub country_of_exploitation: Option<String>,
    /// Closure reason (required when closing).
    pub closure_reason: Option<String>,
    /// Reintegration outcome.
    pub reintegration_outcome: Option<String>,
}

impl CaseChanges {
    /// The current values of a case.
    pub fn of(c: &Case) -> Self {
        Self {
            assigned_to: c.assigned_to,
            status: c.status,
            nrm_phase: c.nrm_phase,
            exploitation_type: c.exploitation_type.clone(),
            country_of_exploitation: c.country_of_exploitation.clone(),
            closure_reason: c.closure_reason.clone(),
            reintegration_outcome: c.reintegration_outcome.clone(),
        }
    }

    fn changed_fields(&self, other: &CaseChanges) -> Vec<&'static str> {
        let mut f = Vec::new();
        if self.assigned_to != other.assigned_to {
            f.push("assigned_to");
        }
        if self.status != other.status {
            f.push("status");
        }
        if self.nrm_phase != other.nrm_phase {
            f.push("nrm_phase");
        }
        if self.exploitation_type != other.exploitation_type {
            f.push("exploitation_type");
        }
        if self.country_of_exploitation != other.country_of_exploitation {
            f.push("country_of_exploitation");
        }
        if self.closure_reason != other.closure_reason {
            f.push("closure_reason");
        }
        if self.reintegration_outcome != other.reintegration_outcome {
            f.push("reintegration_outcome");
        }
        f
    }
}

/// Applies changes made from `version`. A stale version is refused with the fields that
/// changed meanwhile; closing records the closure date (and starts the retention clock).
pub async fn update(
    store: &Store,
    id: i64,
    version: i64,
    changes: &CaseChanges,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Case> {
    let current = get(store, id).await?;
    if current.version != version {
        return Err(StoreError::Stale {
            current: current.version,
        });
    }
    let before = CaseChanges::of(&current);
    let fields = changes.changed_fields(&before);
    if fields.is_empty() {
        return Ok(current);
    }
    let closed_on = if changes.status.is_closed() {
        current.closed_on.or(Some(now.date()))
    } else {
        None
    };
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query(
            "UPDATE case_file SET assigned_to = $1, status = $2, nrm_phase = $3, exploitation_type = $4, \
             country_of_exploitation = $5, closure_reason = $6, reintegration_outcome = $7, closed_on = $8, \
             version = version + 1, updated_at = $9 WHERE id = $10 AND version = $11",
        )
        .bind(changes.assigned_to)
        .bind(changes.status.code())
        .bind(changes.nrm_phase.code())
        .bind(&changes.exploitation_type)
        .bind(&changes.country_of_exploitation)
        .bind(&changes.closure_reason)
        .bind(&changes.reintegration_outcome)
        .bind(closed_on)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(&mut **t)
        .await?
        .rows_affected()
    });
    if n == 0 {
        let latest = get(store, id).await?;
        return Err(StoreError::Stale {
            current: latest.version,
        });
    }
    let joined = fields.join(",");
    let kind = if changes.status.is_closed() && !before.status.is_closed() {
        "closed"
    } else if !changes.status.is_closed() && before.status.is_closed() {
        "reopened"
    } else {
        "updated"
    };
    event_in(&mut tx, id, who.user_id, kind, Some(&joined), now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "case.update", id, Some(&joined)),
        now,
    )
    .await?;
    crate::on_tx!(&mut tx, t => {
        // The person's retention clock, and their relatives' recorded in this case.
        sqlx::query(
            "UPDATE person SET closed_at = $1 WHERE id = $2 \
             OR id IN (SELECT person_id FROM case_relative WHERE case_id = $3)",
        )
        .bind(closed_on.map(|d| d.midnight().assume_utc()))
        .bind(current.person_id)
        .bind(id)
        .execute(&mut **t)
        .await?;
    });
    tx.commit().await?;
    get(store, id).await
}

/// Records the identification decision (only bodies allowed to identify may; the caller checks).
#[allow(clippy::too_many_arguments)]
pub async fn identify(
    store: &Store,
    id: i64,
    version: i64,
    status: LegalStatus,
    body: i64,
    on: Date,
    document: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Case> {
    let current = get(store, id).await?;
    if current.version != version {
        return Err(StoreError::Stale {
            current: current.version,
        });
    }
    if !current.legal_status.may_become(status) {
        return Err(StoreError::Conflict(format!(
            "the legal status cannot change from {} to {}",
            current.legal_status.code(),
            status.code()
        )));
    }
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query(
            "UPDATE case_file SET legal_status = $1, identified_by = $2, identified_on = $3, identification_document = $4, \
             version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7",
        )
        .bind(status.code())
        .bind(body)
        .bind(on)
        .bind(document)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(&mut **t)
        .await?
        .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::Stale {
            current: get(store, id).await?.version,
        });
    }
    let fields = "legal_status,identified_by,identified_on,identification_document";
    event_in(
        &mut tx,
        id,
        who.user_id,
        "identification",
        Some(fields),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "case.identify", id, Some(fields)),
        now,
    )
    .await?;
    tx.commit().await?;
    get(store, id).await
}

/// A consent record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    /// Id.
    pub id: i64,
    /// Purpose.
    pub purpose: ConsentPurpose,
    /// The organisation a referral consent names.
    pub organisation_id: Option<i64>,
    /// `person` or `representative` (for a child under 16).
    pub given_by: String,
    /// Form code (reference list `consent_form`).
    pub form: String,
    /// When given.
    pub given_on: Date,
    /// When withdrawn.
    pub withdrawn_on: Option<Date>,
}

impl Consent {
    /// The facts the consent rules need.
    pub fn facts(&self) -> ConsentFacts {
        ConsentFacts {
            purpose: self.purpose,
            organisation_id: self.organisation_id,
            withdrawn: self.withdrawn_on.is_some(),
        }
    }
}

/// The consents of a case, oldest first.
pub async fn consents(store: &Store, case_id: i64) -> Result<Vec<Consent>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT id, purpose, organisation_id, given_by, form, given_on, withdrawn_on FROM consent WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let purpose: String = row.try_get("purpose")?;
            out.push(Consent {
                id: row.try_get("id")?,
                purpose: ConsentPurpose::parse(&purpose).ok_or_else(|| bad_code("consent purpose", &purpose))?,
                organisation_id: row.try_get("organisation_id")?,
                given_by: row.try_get("given_by")?,
                form: row.try_get("form")?,
                given_on: row.try_get("given_on")?,
                withdrawn_on: row.try_get("withdrawn_on")?,
            });
        }
        Ok(out)
    })
}

/// Records a consent.
#[allow(clippy::too_many_arguments)]
pub async fn add_consent(
    store: &Store,
    case_id: i64,
    purpose: ConsentPurpose,
    organisation_id: Option<i64>,
    given_by: &str,
    form: &str,
    given_on: Date,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8) RETURNING id",
        )
        .bind(case_id)
        .bind(purpose.code())
        .bind(organisation_id)
        .bind(given_by)
        .bind(form)
        .bind(given_on)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    event_in(
        &mut tx,
        case_id,
        who.user_id,
        "consent.given",
        Some(purpose.code()),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "consent.add", case_id, Some(purpose.code())),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Withdraws a consent; returns its purpose. Withdrawing consent to processing queues the
/// person for erasure (the administrator approves, as for retention).
pub async fn withdraw_consent(
    store: &Store,
    case_id: i64,
    consent_id: i64,
    on: Date,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<ConsentPurpose> {
    let c = consents(store, case_id)
        .await?
        .into_iter()
        .find(|c| c.id == consent_id)
        .ok_or(StoreError::NotFound)?;
    if c.withdrawn_on.is_some() {
        return Err(StoreError::Conflict(
            "the consent was already withdrawn".to_owned(),
        ));
    }
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE consent SET withdrawn_on = $1 WHERE id = $2 AND case_id = $3")
            .bind(on)
            .bind(consent_id)
            .bind(case_id)
            .execute(&mut **t)
            .await?;
    });
    event_in(
        &mut tx,
        case_id,
        who.user_id,
        "consent.withdrawn",
        Some(c.purpose.code()),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "consent.withdraw", case_id, Some(c.purpose.code())),
        now,
    )
    .await?;
    tx.commit().await?;
    if c.purpose == ConsentPurpose::Processing {
        let case = get(store, case_id).await?;
        crate::retention::request_erasure(
            store,
            now,
            case.person_id,
            &format!("consent to processing withdrawn on case {}", case.code),
        )
        .await?;
    }
    Ok(c.purpose)
}

/// A service on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Service {
    /// Id.
    pub id: i64,
    /// Service type (reference list `service_type`).
    pub service_type: String,
    /// Provider.
    pub provider_organisation_id: i64,
    /// State.
    pub status: ServiceStatus,
    /// Start.
    pub start_on: Option<Date>,
    /// End.
    pub end_on: Option<Date>,
    /// Cost in kopecks (BYN cents).
    pub cost_cents: Option<i64>,
    /// What the service achieved.
    pub outcome: Option<String>,
}

/// The services of a case.
pub async fn services(store: &Store, case_id: i64) -> Result<Vec<Service>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, outcome FROM case_service \
             WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let status: String = row.try_get("status")?;
            out.push(Service {
                id: row.try_get("id")?,
                service_type: row.try_get("service_type")?,
                provider_organisation_id: row.try_get("provider_organisation_id")?,
                status: ServiceStatus::parse(&status).ok_or_else(|| bad_code("service status", &status))?,
                start_on: row.try_get("start_on")?,
                end_on: row.try_get("end_on")?,
                cost_cents: row.try_get("cost_cents")?,
                outcome: row.try_get("outcome")?,
            });
        }
        Ok(out)
    })
}

/// Adds a service (the caller has checked consent for another organisation's services).
#[allow(clippy::too_many_arguments)]
pub async fn add_service(
    store: &Store,
    case_id: i64,
    service_type: &str,
    provider: i64,
    status: ServiceStatus,
    start_on: Option<Date>,
    cost_cents: Option<i64>,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8) RETURNING id",
        )
        .bind(case_id)
        .bind(service_type)
        .bind(provider)
        .bind(status.code())
        .bind(start_on)
        .bind(cost_cents)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    event_in(
        &mut tx,
        case_id,
        who.user_id,
        "service.added",
        Some(service_type),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "service.add", case_id, Some(service_type)),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves a service to a new state (completion sets its end date).
pub async fn set_service_status(
    store: &Store,
    case_id: i64,
    service_id: i64,
    status: ServiceStatus,
    outcome: Option<&str>,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query(
            "UPDATE case_service SET status = $1, end_on = CASE WHEN $1 IN ('Completed', 'Cancelled') THEN $2 ELSE end_on END, \
             outcome = COALESCE($5, outcome) WHERE id = $3 AND case_id = $4",
        )
            .bind(status.code())
            .bind(now.date())
            .bind(service_id)
            .bind(case_id)
            .bind(outcome)
            .execute(&mut **t)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    event_in(
        &mut tx,
        case_id,
        who.user_id,
        "service.status",
        Some(status.code()),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "service.update",
            case_id,
            Some(if outcome.is_some() {
                "status,outcome"
            } else {
                "status"
            }),
        ),
        now,
    )
    .await?;
    tx.commit().await
}

/// One event of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// When.
    pub at: OffsetDateTime,
    /// Who.
    pub user_id: Option<i64>,
    /// What kind: `created`, `updated`, `closed`, `reopened`, `identification`, `consent.given`…
    pub kind: String,
    /// Field names or codes involved.
    pub fields: Option<String>,
}

/// The timeline of a case, newest first.
pub async fn timeline(store: &Store, case_id: i64) -> Result<Vec<Event>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(OffsetDateTime, Option<i64>, String, Option<String>)> =
            sqlx::query_as("SELECT at, user_id, kind, fields FROM case_event WHERE case_id = $1 ORDER BY id DESC")
                .bind(case_id)
                .fetch_all(p)
                .await?;
        Ok(rows.into_iter().map(|(at, user_id, kind, fields)| Event { at, user_id, kind, fields }).collect())
    })
}

/// Number of cases.
pub async fn count(store: &Store) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM case_file").fetch_one(p).await?)
    })
}

/// Every case of these persons, whoever may see them (for the duplicate check, which then
/// shows each only as far as the user may know it).
pub async fn of_persons(store: &Store, person_ids: &[i64]) -> Result<Vec<Case>> {
    if person_ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = person_ids.iter().map(|i| i.to_string()).collect();
    let sql = format!(
        "SELECT {CASE_COLUMNS} WHERE person_id IN ({}) ORDER BY id DESC LIMIT 20",
        ids.join(",")
    );
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_case!(row));
        }
        Ok(out)
    })
}

/// How long a break-glass opening lasts.
pub const BREAK_GLASS_HOURS: i64 = 2;

/// Opens a case outside the user's scope for a while, with a reason; flagged for review.
pub async fn break_glass(
    store: &Store,
    user_id: i64,
    case_id: i64,
    reason: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO break_glass (user_id, case_id, reason, opened_at, expires_at, reviewed_by, reviewed_at) \
             VALUES ($1, $2, $3, $4, $5, NULL, NULL) RETURNING id",
        )
        .bind(user_id)
        .bind(case_id)
        .bind(reason)
        .bind(now)
        .bind(now + time::Duration::hours(BREAK_GLASS_HOURS))
        .fetch_one(&mut **t)
        .await?
    });
    let mut e = audited(who, "case.break_glass", case_id, None);
    e.reason = Some(reason.to_owned());
    e.outcome = "flagged".to_owned();
    event_in(&mut tx, case_id, who.user_id, "break_glass", None, now).await?;
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether the user holds an unexpired break-glass opening of the case.
pub async fn has_break_glass(
    store: &Store,
    user_id: i64,
    case_id: i64,
    now: OffsetDateTime,
) -> Result<bool> {
    crate::on_pool!(store.pool(), p => {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM break_glass WHERE user_id = $1 AND case_id = $2 AND expires_at > $3")
            .bind(user_id)
            .bind(case_id)
            .bind(now)
            .fetch_one(p)
            .await?;
        Ok(n > 0)
    })
}

/// A break-glass opening, for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakGlass {
    /// Id.
    pub id: i64,
    /// Who opened.
    pub user_id: i64,
    /// Which case (code).
    pub case_code: String,
    /// Why.
    pub reason: String,
    /// When.
    pub opened_at: OffsetDateTime,
    /// Reviewed by.
    pub reviewed_by: Option<i64>,
}

/// Break-glass openings, unreviewed first, newest first.
pub async fn break_glass_log(store: &Store) -> Result<Vec<BreakGlass>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT b.id, b.user_id, c.code, b.reason, b.opened_at, b.reviewed_by FROM break_glass b \
             JOIN case_file c ON c.id = b.case_id ORDER BY (b.reviewed_by IS NULL) DESC, b.id DESC LIMIT 200",
        )
        .fetch_all(p)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(BreakGlass {
                id: row.try_get("id")?,
                user_id: row.try_get("user_id")?,
                case_code: row.try_get("code")?,
                reason: row.try_get("reason")?,
                opened_at: row.try_get("opened_at")?,
                reviewed_by: row.try_get("reviewed_by")?,
            });
        }
        Ok(out)
    })
}

/// Marks a break-glass opening as reviewed.
pub async fn review_break_glass(
    store: &Store,
    id: i64,
    reviewer: i64,
    now: OffsetDateTime,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE break_glass SET reviewed_by = $1, reviewed_at = $2 WHERE id = $3 AND reviewed_by IS NULL")
            .bind(reviewer)
            .bind(now)
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

/// A screening as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Screening {
    /// Id.
    pub id: i64,
    /// Indicator list code.
    pub list: String,
    /// Codes of the indicators found.
    pub indicators: Vec<String>,
    /// Conclusion code.
    pub conclusion: String,
    /// Who screened.
    pub screened_by: Option<i64>,
    /// When.
    pub screened_at: OffsetDateTime,
}

/// Records a screening (the advice it gave is recomputed from the indicators when shown).
pub async fn add_screening(
    store: &Store,
    case_id: i64,
    list: &str,
    indicators: &[String],
    conclusion: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO screening (case_id, list, indicators, conclusion, screened_by, screened_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(case_id)
        .bind(list)
        .bind(indicators.join(","))
        .bind(conclusion)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    event_in(
        &mut tx,
        case_id,
        who.user_id,
        "screening",
        Some(conclusion),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "case.screening",
            case_id,
            Some("list,indicators,conclusion"),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The screenings of a case, newest first.
pub async fn screenings(store: &Store, case_id: i64) -> Result<Vec<Screening>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64, String, String, String, Option<i64>, OffsetDateTime)> = sqlx::query_as(
            "SELECT id, list, indicators, conclusion, screened_by, screened_at FROM screening WHERE case_id = $1 ORDER BY id DESC",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, list, indicators, conclusion, screened_by, screened_at)| Screening {
                id,
                list,
                indicators: indicators.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
                conclusion,
                screened_by,
                screened_at,
            })
            .collect())
    })
}
