//! Bulk benchmark data: `mayak bench generate` fills a database with many realistic cases and
//! hotline consultations, fast (multi-row INSERTs, large transactions), through the same
//! sealing and audit-chain code as the application: identities are sealed by
//! [`persons::seal_identity`], what a caller said by [`hotline::seal_said`], and the audit
//! entries are chained by [`audit::append_batch`], so opening a generated case decrypts real
//! data and `mayak audit verify` passes afterwards.
//!
//! The data is fictional. The cases belong to the organisations and users already in the
//! database (the demo's), so demo users can sign in and work on them.

use crate::audit::{self, AuditEvent};
use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use crate::hotline::{self, Said};
use crate::vault::Vault;
use crate::{demo, orgs, persons};
use mayak_domain::case as rules;
use mayak_domain::{Random, SplitMix64};
use std::collections::HashMap;
use time::OffsetDateTime;

/// The meta key counting generated cases.
pub const BENCH_MARK: &str = "bench_generated_cases";
/// Cases per transaction.
const PER_TX: u64 = 5000;
/// Rows per multi-row INSERT (under SQLite's and PostgreSQL's bind limits at 27 columns).
const PER_INSERT: usize = 1000;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Cases (each with a person, consent, audit entries; some with services and referrals).
    pub cases: u64,
    /// Hotline consultations.
    pub consultations: u64,
    /// Seed of the fictional data (keys and nonces come from the real random source).
    pub seed: u64,
}

/// What the database holds before generating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// No organisations: the demo must be loaded first.
    Empty,
    /// Only the demo dataset (and earlier generated data).
    Demo,
    /// Organisations that are not the demo's: possibly real data.
    Other,
}

/// Whether the database is empty, holds only the demo, or something else.
pub async fn contents(store: &Store) -> Result<Contents> {
    if orgs::meta_get(store, demo::DEMO_MARK).await?.is_some() {
        return Ok(Contents::Demo);
    }
    if orgs::count_organisations(store).await? == 0 {
        Ok(Contents::Empty)
    } else {
        Ok(Contents::Other)
    }
}

struct Staff {
    user_id: i64,
    organisation_id: i64,
    region: String,
    roles: String,
}

const STATUSES: &[(&str, u32)] = &[
    ("Active", 40),
    ("FollowUp", 20),
    ("Closed", 32),
    ("ClosedReferred", 8),
];
const PHASES: &[(&str, u32)] = &[
    ("Identification", 15),
    ("FirstAssistanceAndProtection", 25),
    ("LongTermAssistanceAndSocialInclusion", 35),
    ("ReturnAndSocialInclusion", 15),
    ("CriminalAndCivilProceedings", 10),
];
const EXPLOITATION: &[(&str, u32)] = &[
    ("ForcedLabour", 440),
    ("SexualExploitation", 340),
    ("SexAndLabour", 50),
    ("ForcedMarriage", 30),
    ("ForcedBegging", 30),
    ("ForcedCriminality", 30),
    ("Other", 30),
];
const COUNTRIES: &[(&str, u32)] = &[
    ("RU", 50),
    ("BY", 15),
    ("PL", 10),
    ("DE", 5),
    ("TR", 5),
    ("LT", 4),
];
const SERVICES: &[&str] = &[
    "Shelter",
    "Consultation",
    "HumanitarianAid",
    "Psychological",
];
const CHANNELS: &[(&str, u32)] = &[
    ("NationalLine", 44),
    ("InternationalLine", 14),
    ("ShortNumber", 16),
    ("OnlineForm", 12),
    ("Viber", 11),
    ("Email", 3),
];
const TOPICS: &[&str] = &[
    "PassportAndVisa",
    "EmploymentAbroad",
    "TravelAndEmigrationRules",
    "WorkContract",
    "StudyAbroad",
];

fn weighted<T: Copy>(r: &SplitMix64, items: &[(T, u32)]) -> Result<T> {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut x = r.below(u64::from(total.max(1))) as u32;
    for (v, w) in items {
        if x < *w {
            return Ok(*v);
        }
        x -= *w;
    }
    items
        .first()
        .map(|i| i.0)
        .ok_or_else(|| StoreError::Config("empty list".to_owned()))
}

fn pick<'a, T>(r: &SplitMix64, items: &'a [T]) -> Result<&'a T> {
    r.pick(items)
        .ok_or_else(|| StoreError::Config("empty list".to_owned()))
}

fn template(s: &Staff) -> AuditEvent {
    AuditEvent {
        user_id: Some(s.user_id),
        organisation_id: Some(s.organisation_id),
        roles: s.roles.clone(),
        outcome: "ok".to_owned(),
        instance: "bench-generate".to_owned(),
        ..Default::default()
    }
}

async fn next_id(tx: &mut Tx, table: &str) -> Result<i64> {
    let sql = format!("SELECT CAST(COALESCE(MAX(id), 0) + 1 AS BIGINT) FROM {table}");
    Ok(crate::on_tx!(tx, t => {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(&mut **t).await?
    }))
}

/// Generates the plan's cases and consultations; `progress(done, total)` is called after each
/// transaction, counting cases and consultations together. Returns the cases made.
pub async fn generate(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    plan: &Plan,
    now: OffsetDateTime,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<u64> {
    let staff: Vec<Staff> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as::<_, (i64, i64, String, Option<String>)>(
            "SELECT u.id, u.organisation_id, o.region, \
             (SELECT MIN(r.role) FROM user_role r WHERE r.user_id = u.id) \
             FROM app_user u JOIN organisation o ON o.id = u.organisation_id ORDER BY u.id",
        )
        .fetch_all(p)
        .await?
    })
    .into_iter()
    .map(|(user_id, organisation_id, region, role)| Staff {
        user_id,
        organisation_id,
        region,
        roles: role.unwrap_or_default(),
    })
    .filter(|s| s.region.starts_with("BY-"))
    .collect();
    if staff.is_empty() {
        return Err(StoreError::Config(
            "no staff in a region to own the cases: load the demo first".to_owned(),
        ));
    }
    let data = SplitMix64::new(plan.seed);
    let total = plan.cases + plan.consultations;
    let mut numbers: HashMap<(String, i32), i64> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as::<_, (String, i32, i64)>(
            "SELECT region, year, CAST(MAX(number) AS BIGINT) FROM case_file GROUP BY region, year",
        )
        .fetch_all(p)
        .await?
    })
    .into_iter()
    .map(|(r, y, n)| ((r, y), n))
    .collect();
    let first_day = now.date() - time::Duration::days(7 * 365);
    let mut done = 0;
    while done < plan.cases {
        let n = PER_TX.min(plan.cases - done);
        let mut tx = store.begin().await?;
        let person0 = next_id(&mut tx, "person").await?;
        let case0 = next_id(&mut tx, "case_file").await?;
        let mut people = Vec::new();
        let mut index = Vec::new();
        let mut cases = Vec::new();
        let mut events = Vec::new();
        for k in 0..n as i64 {
            let s = pick(&data, &staff)?;
            let pid = person0 + k;
            let cid = case0 + k;
            let female = data.below(3) < 2;
            let identity = demo::fictional_identity(&data, female);
            let sex = if female { "Female" } else { "Male" };
            let (version, wrapped, sealed) = persons::seal_identity(vault, rng, pid, &identity)?;
            for (kind, digest) in persons::indexes(vault, &identity) {
                index.push((kind, digest, pid));
            }
            let i = done as i64 + k;
            let registered_on = first_day
                + time::Duration::days(i * 7 * 365 / plan.cases.max(1) as i64)
                    .min(time::Duration::days(7 * 365));
            let year = registered_on.year();
            let number = numbers.entry((s.region.clone(), year)).or_insert(0);
            *number += 1;
            let age_band = identity
                .birth_date
                .map(|b| rules::age_band(rules::age_on(b, registered_on)).to_owned());
            let status = weighted(&data, STATUSES)?;
            let closed_on = status
                .starts_with("Closed")
                .then(|| (registered_on + time::Duration::days(90)).min(now.date()));
            let at = registered_on.midnight().assume_utc();
            let mut e = template(s);
            e.at = Some(at);
            e.action = "person.create".to_owned();
            e.record_type = Some("person".to_owned());
            e.record_id = Some(pid.to_string());
            e.fields = Some("family_name,given_names".to_owned());
            events.push(e);
            let mut e = template(s);
            e.at = Some(at);
            e.action = "case.create".to_owned();
            e.record_type = Some("case".to_owned());
            e.record_id = Some(cid.to_string());
            e.fields =
                Some("person,region,lead_organisation_id,assigned_to,registered_on,sex".to_owned());
            events.push(e);
            people.push((pid, sex, version, wrapped, sealed, at));
            cases.push(GenCase {
                id: cid,
                person_id: pid,
                code: rules::case_code(&s.region, year, *number),
                region: s.region.clone(),
                year,
                number: *number,
                lead: s.organisation_id,
                user: s.user_id,
                status,
                phase: weighted(&data, PHASES)?,
                registered_on,
                sex,
                age_band,
                citizenship: identity.citizenships.first().cloned(),
                exploitation: weighted(&data, EXPLOITATION)?,
                country: weighted(&data, COUNTRIES)?,
                closed_on,
                at,
                service: (data.below(100) < 15)
                    .then(|| pick(&data, SERVICES).copied())
                    .transpose()?,
                referral_to: if data.below(100) < 10 {
                    Some(pick(&data, &staff)?.organisation_id).filter(|o| *o != s.organisation_id)
                } else {
                    None
                },
            });
        }
        insert_cases(&mut tx, &people, &index, &cases).await?;
        audit::append_batch(&mut tx, store.backend(), &events, now).await?;
        tx.commit().await?;
        done += n;
        progress(done, total);
    }
    let mut made = 0;
    while made < plan.consultations {
        let n = PER_TX.min(plan.consultations - made);
        let mut tx = store.begin().await?;
        let id0 = next_id(&mut tx, "hotline_consultation").await?;
        let mut rows = Vec::new();
        let mut events = Vec::new();
        for k in 0..n as i64 {
            let s = pick(&data, &staff)?;
            let id = id0 + k;
            let i = made as i64 + k;
            let started_at = first_day.midnight().assume_utc()
                + time::Duration::minutes(i * 7 * 365 * 1440 / plan.consultations.max(1) as i64);
            let topic = *pick(&data, TOPICS)?;
            let said = Said {
                question: format!("Вопрос о теме {topic} (демо)"),
                answer: "Дали контакты консульства и номер горячей линии (демо).".to_owned(),
            };
            let (version, wrapped, sealed) = hotline::seal_said(vault, rng, id, &said)?;
            let mut e = template(s);
            e.at = Some(started_at);
            e.action = "hotline.consultation.create".to_owned();
            e.record_type = Some("hotline_consultation".to_owned());
            e.record_id = Some(id.to_string());
            events.push(e);
            rows.push(GenConsultation {
                id,
                channel: weighted(&data, CHANNELS)?,
                started_at,
                duration: 2 + data.below(14) as i32,
                topic,
                region: s.region.clone(),
                user: s.user_id,
                org: s.organisation_id,
                version,
                wrapped,
                sealed,
            });
        }
        insert_consultations(&mut tx, &rows).await?;
        audit::append_batch(&mut tx, store.backend(), &events, now).await?;
        tx.commit().await?;
        made += n;
        progress(plan.cases + made, total);
    }
    if store.backend() == crate::Backend::Postgres {
        let mut tx = store.begin().await?;
        crate::on_tx!(&mut tx, t => {
            for table in ["person", "case_file", "hotline_consultation"] {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut **t).await?;
            }
        });
        tx.commit().await?;
    }
    let before: u64 = orgs::meta_get(store, BENCH_MARK)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    orgs::meta_set(store, BENCH_MARK, &(before + plan.cases).to_string()).await?;
    Ok(plan.cases)
}

struct GenCase {
    id: i64,
    person_id: i64,
    code: String,
    region: String,
    year: i32,
    number: i64,
    lead: i64,
    user: i64,
    status: &'static str,
    phase: &'static str,
    registered_on: time::Date,
    sex: &'static str,
    age_band: Option<String>,
    citizenship: Option<String>,
    exploitation: &'static str,
    country: &'static str,
    closed_on: Option<time::Date>,
    at: OffsetDateTime,
    service: Option<&'static str>,
    referral_to: Option<i64>,
}

struct GenConsultation {
    id: i64,
    channel: &'static str,
    started_at: OffsetDateTime,
    duration: i32,
    topic: &'static str,
    region: String,
    user: i64,
    org: i64,
    version: i32,
    wrapped: Vec<u8>,
    sealed: Vec<u8>,
}

type PersonRow = (i64, &'static str, i32, Vec<u8>, Vec<u8>, OffsetDateTime);

async fn insert_cases(
    tx: &mut Tx,
    people: &[PersonRow],
    index: &[(&'static str, String, i64)],
    cases: &[GenCase],
) -> Result<()> {
    crate::on_tx!(tx, t => {
        for chunk in people.chunks(PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO person (id, sex, kek_version, wrapped_key, identity, created_at, created_by, updated_at) ",
            );
            q.push_values(chunk, |mut b, p| {
                b.push_bind(p.0).push_bind(p.1).push_bind(p.2).push_bind(&p.3).push_bind(&p.4)
                    .push_bind(p.5).push_bind(None::<i64>).push_bind(p.5);
            });
            q.build().execute(&mut **t).await?;
        }
        for chunk in index.chunks(PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new("INSERT INTO person_index (kind, digest, person_id) ");
            q.push_values(chunk, |mut b, (kind, digest, person)| {
                b.push_bind(*kind).push_bind(digest).push_bind(*person);
            });
            q.build().execute(&mut **t).await?;
        }
        for chunk in cases.chunks(PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO case_file (id, code, person_id, region, year, number, lead_organisation_id, created_by, \
                 assigned_to, status, nrm_phase, legal_status, registered_on, sex, age_band, citizenship, \
                 exploitation_type, country_of_exploitation, closure_reason, closed_on, version, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, c| {
                b.push_bind(c.id)
                    .push_bind(&c.code)
                    .push_bind(c.person_id)
                    .push_bind(&c.region)
                    .push_bind(c.year)
                    .push_bind(c.number)
                    .push_bind(c.lead)
                    .push_bind(c.user)
                    .push_bind(c.user)
                    .push_bind(c.status)
                    .push_bind(c.phase)
                    .push_bind("MayHaveSuffered")
                    .push_bind(c.registered_on)
                    .push_bind(c.sex)
                    .push_bind(&c.age_band)
                    .push_bind(&c.citizenship)
                    .push_bind(c.exploitation)
                    .push_bind(c.country)
                    .push_bind(c.closed_on.map(|_| "Assistance completed"))
                    .push_bind(c.closed_on)
                    .push_bind(1_i64)
                    .push_bind(c.at)
                    .push_bind(c.at);
            });
            q.build().execute(&mut **t).await?;
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, recorded_by, recorded_at) ",
            );
            q.push_values(chunk, |mut b, c| {
                b.push_bind(c.id)
                    .push_bind("Processing")
                    .push_bind(None::<i64>)
                    .push_bind("person")
                    .push_bind("SignedPaper")
                    .push_bind(c.registered_on)
                    .push_bind(c.user)
                    .push_bind(c.at);
            });
            q.build().execute(&mut **t).await?;
            let services: Vec<&GenCase> = chunk.iter().filter(|c| c.service.is_some()).collect();
            if !services.is_empty() {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, \
                     end_on, cost_cents, created_by, created_at) ",
                );
                q.push_values(&services, |mut b, c| {
                    b.push_bind(c.id)
                        .push_bind(c.service.unwrap_or("Consultation"))
                        .push_bind(c.lead)
                        .push_bind(if c.closed_on.is_some() { "Completed" } else { "InProgress" })
                        .push_bind(c.registered_on)
                        .push_bind(c.closed_on)
                        .push_bind(Some(50_000_i64))
                        .push_bind(c.user)
                        .push_bind(c.at);
                });
                q.build().execute(&mut **t).await?;
            }
            let referred: Vec<(&GenCase, i64)> =
                chunk.iter().filter_map(|c| c.referral_to.map(|o| (c, o))).collect();
            if !referred.is_empty() {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO referral (kind, case_id, from_organisation_id, to_organisation_id, sent_by, state, \
                     disclosure, services, accept_due_on, sent_at, updated_at) ",
                );
                q.push_values(&referred, |mut b, (c, to)| {
                    b.push_bind("services")
                        .push_bind(c.id)
                        .push_bind(c.lead)
                        .push_bind(*to)
                        .push_bind(c.user)
                        .push_bind("sent")
                        .push_bind("needs_and_contacts")
                        .push_bind("Psychological")
                        .push_bind(c.registered_on + time::Duration::days(3))
                        .push_bind(c.at)
                        .push_bind(c.at);
                });
                q.build().execute(&mut **t).await?;
            }
        }
    });
    Ok(())
}

async fn insert_consultations(tx: &mut Tx, rows: &[GenConsultation]) -> Result<()> {
    crate::on_tx!(tx, t => {
        for chunk in rows.chunks(PER_INSERT) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO hotline_consultation (id, channel, started_at, year, month, duration_minutes, region, \
                 outcome, consultant_id, organisation_id, kek_version, wrapped_key, sealed, created_at) ",
            );
            q.push_values(chunk, |mut b, c| {
                b.push_bind(c.id)
                    .push_bind(c.channel)
                    .push_bind(c.started_at)
                    .push_bind(c.started_at.year())
                    .push_bind(i32::from(u8::from(c.started_at.month())))
                    .push_bind(c.duration)
                    .push_bind(&c.region)
                    .push_bind("InformationGiven")
                    .push_bind(c.user)
                    .push_bind(c.org)
                    .push_bind(c.version)
                    .push_bind(&c.wrapped)
                    .push_bind(&c.sealed)
                    .push_bind(c.started_at);
            });
            q.build().execute(&mut **t).await?;
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO hotline_consultation_topic (consultation_id, topic) ",
            );
            q.push_values(chunk, |mut b, c| {
                b.push_bind(c.id).push_bind(c.topic);
            });
            q.build().execute(&mut **t).await?;
        }
    });
    Ok(())
}
