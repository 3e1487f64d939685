//! The rehabilitation centre: centres, rooms and beds; shifts; stays admitted from a case
//! (the case's person and the relatives linked to the case who come with them), the waiting
//! list, discharges; the individual rehabilitation plan with sessions, progress notes sealed
//! under the person's data key and the review at discharge; the occupancy calendar, the day
//! view and the statistics.
//!
//! Admissions are checked by the rules in [`mayak_domain::rehab`] inside the transaction that
//! writes them, after taking the centre's lock: `BEGIN IMMEDIATE` on SQLite, a row lock on the
//! centre on PostgreSQL. Two admissions for the last bed therefore run one after the other, and
//! the second sees the first.

use crate::audit::{self, AuditEvent};
use crate::db::{Store, Tx};
use crate::error::{Result, StoreError};
use crate::vault::Vault;
use mayak_domain::case::{self as case_rules, ConsentPurpose, LegalStatus};
use mayak_domain::crypto;
use mayak_domain::rehab::{
    self as rules, CitizenshipKind, Companion, Destination, DischargeReason, GoalStatus, Occupant,
    Participation, RehabKind, ShiftFacts, ShiftKind, StayRecord, StayStats, StayStatus, Staying,
};
use mayak_domain::{FieldError, FieldErrors, Random};
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};

/// The service type a stay is recorded as on the case.
pub const STAY_SERVICE: &str = "RehabilitationCentreStay";

/// A refusal by the rules, or a store failure.
#[derive(Debug, thiserror::Error)]
pub enum RehabError {
    /// The request breaks rules; each error names the field and the rule.
    #[error("refused: {0:?}")]
    Refused(FieldErrors),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for RehabError {
    fn from(e: sqlx::Error) -> Self {
        RehabError::Store(e.into())
    }
}

impl From<FieldErrors> for RehabError {
    fn from(e: FieldErrors) -> Self {
        RehabError::Refused(e)
    }
}

impl From<FieldError> for RehabError {
    fn from(e: FieldError) -> Self {
        RehabError::Refused(e.into())
    }
}

fn bad(what: &str, code: &str) -> StoreError {
    StoreError::Config(format!(
        "unknown {what} {code:?} in the rehabilitation tables"
    ))
}

fn audited(who: &AuditEvent, action: &str, kind: &str, id: i64, fields: &str) -> AuditEvent {
    let mut e = who.clone();
    e.action = action.to_owned();
    e.record_type = Some(kind.to_owned());
    e.record_id = Some(id.to_string());
    e.fields = Some(fields.to_owned());
    e
}

async fn case_event(
    tx: &mut Tx,
    case_id: i64,
    user: Option<i64>,
    kind: &str,
    fields: &str,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_tx!(tx, t => {
        sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, $3, $4, $5)")
            .bind(case_id)
            .bind(now)
            .bind(user)
            .bind(kind)
            .bind(fields)
            .execute(&mut **t)
            .await?;
    });
    Ok(())
}

// ---- Centres, rooms, beds ------------------------------------------------------------------

/// A bed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bed {
    /// Id.
    pub id: i64,
    /// Label, e.g. `1`, `A`.
    pub label: String,
}

/// A room with its beds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Room {
    /// Id.
    pub id: i64,
    /// Name or number.
    pub name: String,
    /// Beds.
    pub beds: Vec<Bed>,
}

/// A rehabilitation centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Centre {
    /// Id.
    pub id: i64,
    /// The organisation running it.
    pub organisation_id: i64,
    /// Name.
    pub name: String,
    /// Region code.
    pub region: String,
    /// Rooms.
    pub rooms: Vec<Room>,
}

impl Centre {
    /// Number of beds.
    pub fn bed_count(&self) -> usize {
        self.rooms.iter().map(|r| r.beds.len()).sum()
    }

    /// Room and bed label of a bed, e.g. `12 · 2`.
    pub fn bed_name(&self, bed: i64) -> String {
        self.rooms
            .iter()
            .flat_map(|r| r.beds.iter().map(move |b| (r, b)))
            .find(|(_, b)| b.id == bed)
            .map(|(r, b)| format!("{} · {}", r.name, b.label))
            .unwrap_or_default()
    }

    /// Room and bed label of a stay's bed, empty without one.
    pub fn bed_of(&self, bed: impl std::borrow::Borrow<Option<i64>>) -> String {
        bed.borrow().map(|b| self.bed_name(b)).unwrap_or_default()
    }

    /// Every bed id in room order.
    pub fn bed_ids(&self) -> Vec<i64> {
        self.rooms
            .iter()
            .flat_map(|r| r.beds.iter().map(|b| b.id))
            .collect()
    }
}

/// Creates a centre with its rooms and beds (`rooms`: name and bed labels).
pub async fn create_centre(
    store: &Store,
    organisation_id: i64,
    name: &str,
    region: &str,
    rooms: &[(String, Vec<String>)],
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar("INSERT INTO rehab_centre (organisation_id, name, region, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(organisation_id)
            .bind(name)
            .bind(region)
            .bind(now)
            .fetch_one(&mut **t)
            .await?
    });
    for (room, beds) in rooms {
        add_room_in(&mut tx, id, room, beds).await?;
    }
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.centre.create",
            "rehab_centre",
            id,
            "name,region,rooms,beds",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn add_room_in(tx: &mut Tx, centre: i64, name: &str, beds: &[String]) -> Result<i64> {
    Ok(crate::on_tx!(tx, t => {
        let room: i64 = sqlx::query_scalar("INSERT INTO rehab_room (centre_id, name) VALUES ($1, $2) RETURNING id")
            .bind(centre)
            .bind(name)
            .fetch_one(&mut **t)
            .await?;
        for b in beds {
            sqlx::query("INSERT INTO rehab_bed (room_id, label) VALUES ($1, $2)")
                .bind(room)
                .bind(b)
                .execute(&mut **t)
                .await?;
        }
        room
    }))
}

/// Adds a room with beds to a centre.
pub async fn add_room(
    store: &Store,
    centre: i64,
    name: &str,
    beds: &[String],
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = add_room_in(&mut tx, centre, name, beds).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.room.create",
            "rehab_centre",
            centre,
            "room,beds",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Every centre with rooms and beds.
pub async fn centres(store: &Store) -> Result<Vec<Centre>> {
    type BedRow = (i64, i64, String, i64, String);
    type CentreRow = (i64, i64, String, String);
    let (cs, beds): (Vec<CentreRow>, Vec<BedRow>) = crate::on_pool!(store.pool(), p => {
        let cs = sqlx::query_as("SELECT id, organisation_id, name, region FROM rehab_centre ORDER BY id")
            .fetch_all(p)
            .await?;
        let beds = sqlx::query_as(
            "SELECT r.centre_id, r.id, r.name, b.id, b.label FROM rehab_room r LEFT JOIN rehab_bed b ON b.room_id = r.id \
             WHERE b.id IS NOT NULL ORDER BY r.centre_id, r.id, b.id",
        )
        .fetch_all(p)
        .await?;
        (cs, beds)
    });
    let mut out: Vec<Centre> = cs
        .into_iter()
        .map(|(id, organisation_id, name, region)| Centre {
            id,
            organisation_id,
            name,
            region,
            rooms: Vec::new(),
        })
        .collect();
    for (centre, room, room_name, bed, label) in beds {
        let Some(c) = out.iter_mut().find(|c| c.id == centre) else {
            continue;
        };
        if c.rooms.last().is_none_or(|r| r.id != room) {
            c.rooms.push(Room {
                id: room,
                name: room_name,
                beds: Vec::new(),
            });
        }
        if let Some(r) = c.rooms.last_mut() {
            r.beds.push(Bed { id: bed, label });
        }
    }
    Ok(out)
}

/// One centre.
pub async fn centre(store: &Store, id: i64) -> Result<Centre> {
    centres(store)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(StoreError::NotFound)
}

// ---- Shifts --------------------------------------------------------------------------------

/// A shift of a centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shift {
    /// Id.
    pub id: i64,
    /// Centre.
    pub centre_id: i64,
    /// Kind.
    pub kind: ShiftKind,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Most people on any night.
    pub capacity: i64,
}

impl Shift {
    /// The facts the rules need.
    pub fn facts(&self) -> ShiftFacts {
        ShiftFacts {
            kind: self.kind,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            capacity: u32::try_from(self.capacity).unwrap_or(0),
        }
    }
}

const SHIFT_COLUMNS: &str = "id, centre_id, kind, starts_on, ends_on, capacity FROM rehab_shift";

type ShiftRow = (i64, i64, String, Date, Date, i64);

fn shift_of(r: ShiftRow) -> Result<Shift> {
    Ok(Shift {
        id: r.0,
        centre_id: r.1,
        kind: ShiftKind::parse(&r.2).ok_or_else(|| bad("shift kind", &r.2))?,
        starts_on: r.3,
        ends_on: r.4,
        capacity: r.5,
    })
}

/// Plans a shift; the dates and the capacity (at most the centre's beds) are checked.
#[allow(clippy::too_many_arguments)]
pub async fn create_shift(
    store: &Store,
    centre_id: i64,
    kind: ShiftKind,
    starts_on: Date,
    ends_on: Date,
    capacity: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<i64, RehabError> {
    let c = centre(store, centre_id).await?;
    rules::check_shift(starts_on, ends_on, capacity, c.bed_count() as i64)?;
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO rehab_shift (centre_id, kind, starts_on, ends_on, capacity, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(centre_id)
        .bind(kind.code())
        .bind(starts_on)
        .bind(ends_on)
        .bind(capacity)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.shift.create",
            "rehab_shift",
            id,
            "kind,starts_on,ends_on,capacity",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// One shift.
pub async fn shift(store: &Store, id: i64) -> Result<Shift> {
    let sql = format!("SELECT {SHIFT_COLUMNS} WHERE id = $1");
    let row: Option<ShiftRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(p).await?
    });
    shift_of(row.ok_or(StoreError::NotFound)?)
}

/// Shifts overlapping `[from, to)`, of one centre or all, by start.
pub async fn shifts(
    store: &Store,
    centre: Option<i64>,
    from: Date,
    to: Date,
) -> Result<Vec<Shift>> {
    let sql = format!(
        "SELECT {SHIFT_COLUMNS} WHERE starts_on < $1 AND ends_on > $2 AND ($3 = 0 OR centre_id = $3) ORDER BY starts_on, id"
    );
    let rows: Vec<ShiftRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(to)
            .bind(from)
            .bind(centre.unwrap_or(0))
            .fetch_all(p)
            .await?
    });
    rows.into_iter().map(shift_of).collect()
}

// ---- Stays ---------------------------------------------------------------------------------

/// A stay: one person in one shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stay {
    /// Id.
    pub id: i64,
    /// Shift.
    pub shift_id: i64,
    /// The case it was admitted from.
    pub case_id: i64,
    /// The case code (all that calendars show).
    pub case_code: String,
    /// The person staying.
    pub person_id: i64,
    /// The relative link, for a relative of the case's person.
    pub relative_id: Option<i64>,
    /// Relation to the case's person (`family_relation`), for a relative.
    pub relation: Option<String>,
    /// The first stay of the admission (the group admitted together).
    pub group_stay_id: i64,
    /// For a child: the stay of the adult they came with.
    pub companion_stay_id: Option<i64>,
    /// Bed.
    pub bed_id: Option<i64>,
    /// State.
    pub status: StayStatus,
    /// Sex.
    pub sex: String,
    /// Age on arrival, if known.
    pub age: Option<i64>,
    /// CTDC age band on arrival (`Unknown` when not known).
    pub age_band: String,
    /// A child.
    pub child: bool,
    /// Citizenship kind.
    pub citizenship: CitizenshipKind,
    /// Planned arrival.
    pub planned_from: Date,
    /// Planned departure.
    pub planned_to: Date,
    /// Actual arrival.
    pub arrived_on: Option<Date>,
    /// Actual departure.
    pub left_on: Option<Date>,
    /// Why it ended.
    pub discharge_reason: Option<DischargeReason>,
    /// Where the person went.
    pub destination: Option<Destination>,
    /// The stay service on the case.
    pub service_id: Option<i64>,
    /// When asked for (the waiting list's order).
    pub created_at: OffsetDateTime,
}

impl Stay {
    /// First night actually or to be spent.
    pub fn from(&self) -> Date {
        self.arrived_on.unwrap_or(self.planned_from)
    }

    /// Departure day, actual or planned.
    pub fn to(&self) -> Date {
        self.left_on.unwrap_or(self.planned_to)
    }

    /// The facts the rules need.
    pub fn occupant(&self) -> Occupant {
        Occupant {
            sex: self.sex.clone(),
            age: self.age.and_then(|a| i32::try_from(a).ok()),
            child: self.child,
            from: self.from(),
            to: self.to(),
            bed: self.bed_id,
            companion: self.companion_stay_id.map(Companion::Staying),
        }
    }
}

const STAY_COLUMNS: &str = "s.id, s.shift_id, s.case_id, c.code, s.person_id, s.relative_id, s.relation, s.group_stay_id, \
     s.companion_stay_id, s.bed_id, s.status, s.sex, s.age, s.age_band, s.child, s.citizenship_kind, s.planned_from, \
     s.planned_to, s.arrived_on, s.left_on, s.discharge_reason, s.destination, s.service_id, s.created_at \
     FROM rehab_stay s JOIN case_file c ON c.id = s.case_id";

macro_rules! decode_stay {
    ($row:expr) => {{
        let row = $row;
        let status: String = row.try_get("status")?;
        let kind: String = row.try_get("citizenship_kind")?;
        let reason: Option<String> = row.try_get("discharge_reason")?;
        let destination: Option<String> = row.try_get("destination")?;
        let id: i64 = row.try_get("id")?;
        let group: Option<i64> = row.try_get("group_stay_id")?;
        Stay {
            id,
            shift_id: row.try_get("shift_id")?,
            case_id: row.try_get("case_id")?,
            case_code: row.try_get("code")?,
            person_id: row.try_get("person_id")?,
            relative_id: row.try_get("relative_id")?,
            relation: row.try_get("relation")?,
            group_stay_id: group.unwrap_or(id),
            companion_stay_id: row.try_get("companion_stay_id")?,
            bed_id: row.try_get("bed_id")?,
            status: StayStatus::parse(&status).ok_or_else(|| bad("stay status", &status))?,
            sex: row.try_get("sex")?,
            age: row.try_get("age")?,
            age_band: row.try_get("age_band")?,
            child: row.try_get("child")?,
            citizenship: CitizenshipKind::parse(&kind)
                .ok_or_else(|| bad("citizenship kind", &kind))?,
            planned_from: row.try_get("planned_from")?,
            planned_to: row.try_get("planned_to")?,
            arrived_on: row.try_get("arrived_on")?,
            left_on: row.try_get("left_on")?,
            discharge_reason: match reason {
                Some(r) => {
                    Some(DischargeReason::parse(&r).ok_or_else(|| bad("discharge reason", &r))?)
                }
                None => None,
            },
            destination: match destination {
                Some(d) => Some(Destination::parse(&d).ok_or_else(|| bad("destination", &d))?),
                None => None,
            },
            service_id: row.try_get("service_id")?,
            created_at: row.try_get("created_at")?,
        }
    }};
}

async fn stays_where(store: &Store, cond: &str, id: i64) -> Result<Vec<Stay>> {
    let sql = format!("SELECT {STAY_COLUMNS} WHERE {cond} ORDER BY s.group_stay_id, s.id");
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_stay!(row));
        }
        Ok(out)
    })
}

async fn stays_where_in(tx: &mut Tx, cond: &str, id: i64) -> Result<Vec<Stay>> {
    let sql = format!("SELECT {STAY_COLUMNS} WHERE {cond} ORDER BY s.group_stay_id, s.id");
    crate::on_tx!(tx, t => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(&mut **t).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(decode_stay!(row));
        }
        Ok(out)
    })
}

/// Every stay of a shift (the waiting list too), by admission.
pub async fn stays_of_shift(store: &Store, shift: i64) -> Result<Vec<Stay>> {
    stays_where(store, "s.shift_id = $1", shift).await
}

/// Every stay admitted from a case.
pub async fn stays_of_case(store: &Store, case: i64) -> Result<Vec<Stay>> {
    stays_where(store, "s.case_id = $1", case).await
}

/// One stay.
pub async fn stay(store: &Store, id: i64) -> Result<Stay> {
    stays_where(store, "s.id = $1", id)
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

/// The stays admitted together with `group` (the first stay of the admission).
pub async fn group(store: &Store, group: i64) -> Result<Vec<Stay>> {
    stays_where(store, "s.group_stay_id = $1", group).await
}

/// Who is admitted: the case's person (`relative_id` none) or a relative linked to the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOccupant {
    /// The relative link, or none for the case's person.
    pub relative_id: Option<i64>,
    /// A chosen bed, or none to take the first free one.
    pub bed_id: Option<i64>,
}

/// An admission from a case into a shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admission {
    /// Shift.
    pub shift_id: i64,
    /// Case.
    pub case_id: i64,
    /// Who comes.
    pub occupants: Vec<NewOccupant>,
    /// Planned arrival.
    pub planned_from: Date,
    /// Planned departure.
    pub planned_to: Date,
    /// Arrived already (on the planned day): the stay starts now.
    pub arrived: bool,
    /// When the shift is full, put the admission on the waiting list instead of refusing it.
    pub waiting_list: bool,
}

/// What an admission did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Admitted {
    /// The first stay (the admission's id).
    pub group_stay_id: i64,
    /// Every stay written.
    pub stays: Vec<i64>,
    /// Put on the waiting list, the shift being full.
    pub waiting: bool,
}

/// The facts of one person to admit, read before the transaction.
struct Candidate {
    person_id: i64,
    relative_id: Option<i64>,
    relation: Option<String>,
    sex: String,
    age: Option<i32>,
    child: bool,
    age_band: String,
    citizenship: CitizenshipKind,
    bed: Option<i64>,
}

async fn candidates(
    store: &Store,
    vault: &Vault,
    case: &crate::cases::Case,
    a: &Admission,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<Vec<Candidate>, RehabError> {
    let relatives = crate::casework::relatives(store, case.id).await?;
    let mut out = Vec::with_capacity(a.occupants.len());
    let mut e = FieldErrors::default();
    let mut read = audited(who, "", "case", case.id, "");
    read.reason = Some("rehabilitation admission: age and citizenship".to_owned());
    for (i, o) in a.occupants.iter().enumerate() {
        let (person_id, relation, sex) = match o.relative_id {
            None => (case.person_id, None, case.sex.clone()),
            Some(rid) => match relatives.iter().find(|r| r.id == rid) {
                Some(r) => (r.person_id, Some(r.relation.clone()), r.sex.clone()),
                None => {
                    e.push(FieldError::unknown_code(format!("occupants[{i}]")));
                    continue;
                }
            },
        };
        let identity = match crate::persons::read(store, vault, person_id, &read, now).await {
            Ok(id) => Some(id),
            Err(StoreError::Erased) => None,
            Err(err) => return Err(err.into()),
        };
        let age = identity
            .as_ref()
            .and_then(|id| id.birth_date)
            .map(|b| case_rules::age_on(b, a.planned_from));
        let recorded_child = match o.relative_id {
            None => matches!(case.age_band.as_deref(), Some("0-8" | "9-17")),
            Some(_) => relation.as_deref() == Some("Child"),
        };
        let child = age.map_or(recorded_child, |a| a < rules::ADULT_AGE);
        let age_band = age
            .map(|a| case_rules::age_band(a).to_owned())
            .or_else(|| case.age_band.clone().filter(|_| o.relative_id.is_none()))
            .unwrap_or_else(|| "Unknown".to_owned());
        let citizenship = identity.as_ref().map_or(CitizenshipKind::Stateless, |id| {
            CitizenshipKind::of(&id.citizenships)
        });
        out.push(Candidate {
            person_id,
            relative_id: o.relative_id,
            relation,
            sex,
            age,
            child,
            age_band,
            citizenship,
            bed: o.bed_id,
        });
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    Ok(out)
}

async fn lock_centre(tx: &mut Tx, centre: i64) -> Result<()> {
    // SQLite: BEGIN IMMEDIATE already holds the database's write lock. PostgreSQL: the centre's
    // row lock queues every admission to the centre behind the one holding it.
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT id FROM rehab_centre WHERE id = $1 FOR UPDATE")
            .bind(centre)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Checks eligibility and consent of a case for a stay.
pub async fn check_case(store: &Store, case: &crate::cases::Case) -> Result<FieldErrors> {
    let mut e = FieldErrors::default();
    if let Err(err) = rules::check_eligibility(case.legal_status) {
        e.push(err);
    }
    let consents: Vec<_> = crate::cases::consents(store, case.id)
        .await?
        .iter()
        .map(crate::cases::Consent::facts)
        .collect();
    if case_rules::require_consent(&consents, ConsentPurpose::RehabilitationStay, None).is_err() {
        e.push(FieldError::new("consent", "stay_consent_missing"));
    }
    if case.status.is_closed() {
        e.push(FieldError::new("case", "case_closed"));
    }
    Ok(e)
}

/// Admits people from a case into a shift, or puts them on the waiting list when it is full
/// and `waiting_list` is set. Everything is checked inside the transaction holding the
/// centre's lock.
pub async fn admit(
    store: &Store,
    vault: &Vault,
    a: &Admission,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<Admitted, RehabError> {
    let case = crate::cases::get(store, a.case_id).await?;
    let shift = shift(store, a.shift_id).await?;
    let centre = centre(store, shift.centre_id).await?;
    let mut e = check_case(store, &case).await?;
    if a.occupants.is_empty() {
        e.push(FieldError::new("occupants", "choose_one"));
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let people = candidates(store, vault, &case, a, who, now).await?;
    let mut tx = store.begin().await?;
    lock_centre(&mut tx, centre.id).await?;
    let in_shift: Vec<Stay> = stays_where_in(&mut tx, "s.shift_id = $1", shift.id)
        .await?
        .into_iter()
        .filter(|s| s.status.holds_nights())
        .collect();
    let in_centre: Vec<Stay> = stays_where_in(
        &mut tx,
        "s.shift_id IN (SELECT id FROM rehab_shift WHERE centre_id = $1)",
        centre.id,
    )
    .await?
    .into_iter()
    .filter(|s| s.status.holds_nights())
    .collect();
    // The adult a child comes with: the case's person, or another adult of this admission, or
    // an adult of the same case already staying in the shift.
    let first_adult = people
        .iter()
        .position(|p| !p.child && p.relative_id.is_none())
        .or_else(|| people.iter().position(|p| !p.child));
    let staying_adult = in_shift
        .iter()
        .find(|s| s.case_id == case.id && !s.child)
        .map(|s| s.id);
    let mut errors = FieldErrors::default();
    let mut chosen: Vec<i64> = Vec::new();
    let mut group: Vec<Occupant> = Vec::with_capacity(people.len());
    for (i, p) in people.iter().enumerate() {
        let free = |bed: i64, chosen: &[i64]| {
            !chosen.contains(&bed)
                && !in_centre.iter().any(|s| {
                    s.bed_id == Some(bed) && s.from() < a.planned_to && a.planned_from < s.to()
                })
        };
        let bed = match p.bed {
            Some(b) if !centre.bed_ids().contains(&b) => {
                errors.push(FieldError::unknown_code(format!("occupants[{i}]")));
                None
            }
            Some(b) if !free(b, &chosen) => {
                errors.push(FieldError::new(format!("occupants[{i}]"), "bed_taken"));
                None
            }
            Some(b) => Some(b),
            None => centre.bed_ids().into_iter().find(|b| free(*b, &chosen)),
        };
        if let Some(b) = bed {
            chosen.push(b);
        }
        group.push(Occupant {
            sex: p.sex.clone(),
            age: p.age,
            child: p.child,
            from: a.planned_from,
            to: a.planned_to,
            bed,
            companion: if p.child {
                first_adult
                    .map(Companion::New)
                    .or(staying_adult.map(Companion::Staying))
            } else {
                None
            },
        });
    }
    let staying: Vec<Staying> = in_shift
        .iter()
        .map(|s| Staying {
            id: s.id,
            occupant: s.occupant(),
        })
        .collect();
    if let Err(rule) = rules::check_admission(&shift.facts(), &staying, &group) {
        errors.0.extend(rule.0);
    }
    if group.iter().any(|o| o.bed.is_none()) && errors.for_field("occupants").is_none() {
        errors.push(
            FieldError::new("occupants", "shift_full")
                .with("capacity", shift.capacity.to_string())
                .with("date", a.planned_from.to_string()),
        );
    }
    let full = |e: &FieldError| e.code == "shift_full" || e.code == "bed_taken";
    let waiting = !errors.is_empty() && a.waiting_list && errors.0.iter().all(full);
    if !errors.is_empty() && !waiting {
        return Err(errors.into());
    }
    let status = if waiting {
        StayStatus::Waiting
    } else if a.arrived {
        StayStatus::Admitted
    } else {
        StayStatus::Planned
    };
    // The stay is a service on the case: the referral's planned service if there is one.
    let service = if waiting {
        None
    } else {
        Some(
            stay_service_in(
                &mut tx,
                &case,
                centre.organisation_id,
                status,
                a.planned_from,
                who,
                now,
            )
            .await?,
        )
    };
    let mut ids: Vec<i64> = Vec::with_capacity(people.len());
    for (p, o) in people.iter().zip(&group) {
        let companion = match o.companion {
            Some(Companion::New(j)) => ids.get(j).copied(),
            Some(Companion::Staying(id)) => Some(id),
            None => None,
        };
        let id: i64 = crate::on_tx!(&mut tx, t => {
            sqlx::query_scalar(
                "INSERT INTO rehab_stay (shift_id, case_id, person_id, relative_id, relation, group_stay_id, companion_stay_id, \
                 bed_id, status, sex, age, age_band, child, citizenship_kind, planned_from, planned_to, arrived_on, left_on, \
                 discharge_reason, destination, service_id, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, NULL, NULL, NULL, $18, $19, $20) RETURNING id",
            )
            .bind(shift.id)
            .bind(case.id)
            .bind(p.person_id)
            .bind(p.relative_id)
            .bind(&p.relation)
            .bind(ids.first().copied())
            .bind(companion)
            .bind(if waiting { None } else { o.bed })
            .bind(status.code())
            .bind(&p.sex)
            .bind(p.age.map(i64::from))
            .bind(&p.age_band)
            .bind(p.child)
            .bind(p.citizenship.code())
            .bind(a.planned_from)
            .bind(a.planned_to)
            .bind(if a.arrived && !waiting { Some(a.planned_from) } else { None })
            .bind(service)
            .bind(who.user_id)
            .bind(now)
            .fetch_one(&mut **t)
            .await?
        });
        ids.push(id);
    }
    let group_id = ids.first().copied().ok_or(StoreError::NotFound)?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE rehab_stay SET group_stay_id = $1 WHERE id = $1")
            .bind(group_id)
            .execute(&mut **t)
            .await?;
    });
    let kind = if waiting {
        "rehab.waiting"
    } else {
        "rehab.admitted"
    };
    case_event(&mut tx, case.id, who.user_id, kind, shift.kind.code(), now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            if waiting {
                "rehab.waiting_list"
            } else {
                "rehab.admit"
            },
            "rehab_stay",
            group_id,
            &format!("shift {}, {} persons", shift.id, ids.len()),
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Admitted {
        group_stay_id: group_id,
        stays: ids,
        waiting,
    })
}

async fn stay_service_in(
    tx: &mut Tx,
    case: &crate::cases::Case,
    provider: i64,
    status: StayStatus,
    start: Date,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let service_status = if status == StayStatus::Admitted {
        "InProgress"
    } else {
        "Planned"
    };
    Ok(crate::on_tx!(tx, t => {
        let referred: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM case_service WHERE case_id = $1 AND service_type = $2 AND provider_organisation_id = $3 \
             AND status = 'Planned' AND id NOT IN (SELECT service_id FROM rehab_stay WHERE service_id IS NOT NULL) ORDER BY id LIMIT 1",
        )
        .bind(case.id)
        .bind(STAY_SERVICE)
        .bind(provider)
        .fetch_optional(&mut **t)
        .await?;
        match referred {
            Some(id) => {
                sqlx::query("UPDATE case_service SET status = $1, start_on = $2 WHERE id = $3")
                    .bind(service_status)
                    .bind(start)
                    .bind(id)
                    .execute(&mut **t)
                    .await?;
                id
            }
            None => sqlx::query_scalar(
                "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7) RETURNING id",
            )
            .bind(case.id)
            .bind(STAY_SERVICE)
            .bind(provider)
            .bind(service_status)
            .bind(start)
            .bind(who.user_id)
            .bind(now)
            .fetch_one(&mut **t)
            .await?,
        }
    }))
}

/// Records the arrival of an admission planned earlier (every stay of the group).
pub async fn arrive(
    store: &Store,
    group_id: i64,
    on: Date,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<(), RehabError> {
    let stays = group(store, group_id).await?;
    let first = stays.first().ok_or(StoreError::NotFound)?;
    if stays.iter().any(|s| s.status != StayStatus::Planned) {
        return Err(FieldError::new("arrived_on", "not_planned").into());
    }
    if on >= first.planned_to {
        return Err(FieldError::new("arrived_on", "stay_outside_shift")
            .with("from", first.planned_from.to_string())
            .with("to", first.planned_to.to_string())
            .into());
    }
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE rehab_stay SET status = 'Admitted', arrived_on = $1 WHERE group_stay_id = $2 AND status = 'Planned'")
            .bind(on)
            .bind(group_id)
            .execute(&mut **t)
            .await?;
        sqlx::query("UPDATE case_service SET status = 'InProgress', start_on = $1 WHERE id = $2")
            .bind(on)
            .bind(first.service_id)
            .execute(&mut **t)
            .await?;
    });
    case_event(
        &mut tx,
        first.case_id,
        who.user_id,
        "rehab.arrived",
        "arrived_on",
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.arrive",
            "rehab_stay",
            group_id,
            "status,arrived_on",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Places an admission from the waiting list in its shift, when there is room now.
pub async fn place_waiting(
    store: &Store,
    vault: &Vault,
    group_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<Admitted, RehabError> {
    let stays = group(store, group_id).await?;
    let first = stays.first().ok_or(StoreError::NotFound)?.clone();
    if stays.iter().any(|s| s.status != StayStatus::Waiting) {
        return Err(FieldError::new("occupants", "not_waiting").into());
    }
    let a = Admission {
        shift_id: first.shift_id,
        case_id: first.case_id,
        occupants: stays
            .iter()
            .map(|s| NewOccupant {
                relative_id: s.relative_id,
                bed_id: None,
            })
            .collect(),
        planned_from: first.planned_from,
        planned_to: first.planned_to,
        arrived: false,
        waiting_list: false,
    };
    let placed = admit(store, vault, &a, who, now).await?;
    cancel(store, group_id, who, now).await?;
    Ok(placed)
}

/// Cancels an admission that has not arrived (planned or waiting).
pub async fn cancel(
    store: &Store,
    group_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<(), RehabError> {
    let stays = group(store, group_id).await?;
    let first = stays.first().ok_or(StoreError::NotFound)?;
    if stays
        .iter()
        .any(|s| !matches!(s.status, StayStatus::Planned | StayStatus::Waiting))
    {
        return Err(FieldError::new("occupants", "not_planned").into());
    }
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE rehab_stay SET status = 'Cancelled', bed_id = NULL WHERE group_stay_id = $1")
            .bind(group_id)
            .execute(&mut **t)
            .await?;
        if let Some(service) = first.service_id {
            sqlx::query("UPDATE case_service SET status = 'Cancelled', end_on = $1 WHERE id = $2")
                .bind(now.date())
                .bind(service)
                .execute(&mut **t)
                .await?;
        }
    });
    case_event(
        &mut tx,
        first.case_id,
        who.user_id,
        "rehab.cancelled",
        "status",
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "rehab.cancel", "rehab_stay", group_id, "status"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The review of a stay at discharge: an outcome per kind of rehabilitation worked on, and
/// a summary (sealed under the person's data key).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Review {
    /// Outcome by kind.
    pub outcomes: Vec<(RehabKind, GoalStatus)>,
    /// What the stay achieved, in the person's and the staff's words.
    pub summary: String,
}

/// A discharge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discharge {
    /// Day of departure.
    pub left_on: Date,
    /// Why.
    pub reason: DischargeReason,
    /// Where to.
    pub destination: Destination,
    /// The review of the stay.
    pub review: Review,
}

/// Discharges a stay and the children who came with the person; completes the stay service
/// on the case and keeps the review.
#[allow(clippy::too_many_arguments)]
pub async fn discharge(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    stay_id: i64,
    d: &Discharge,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<Vec<i64>, RehabError> {
    let s = stay(store, stay_id).await?;
    if s.status != StayStatus::Admitted {
        return Err(FieldError::new("left_on", "not_arrived").into());
    }
    let shift_stays = stays_of_shift(store, s.shift_id).await?;
    let children: Vec<i64> = shift_stays
        .iter()
        .filter(|c| c.companion_stay_id == Some(s.id) && c.status.occupies())
        .map(|c| c.id)
        .collect();
    let mut with = vec![s.id];
    with.extend(children.iter().copied());
    rules::check_discharge(s.arrived_on, d.left_on, &children, &with)?;
    let plan = plan(store, s.id).await?;
    let mut e = FieldErrors::default();
    for kind in RehabKind::ALL {
        let worked = plan.iter().any(|p| p.kind == *kind);
        let reviewed = d.review.outcomes.iter().any(|(k, _)| k == kind);
        if worked && !reviewed {
            e.push(FieldError::required(format!("outcome_{}", kind.code())));
        }
    }
    e.check(rules::check_text("summary", &d.review.summary, true));
    if !e.is_empty() {
        return Err(e.into());
    }
    let key = person_key(store, vault, s.person_id).await?;
    let outcomes = d
        .review
        .outcomes
        .iter()
        .map(|(k, o)| format!("{}={}", k.code(), o.code()))
        .collect::<Vec<_>>()
        .join(",");
    let mut tx = store.begin().await?;
    // Children leave with their parent: the same day, reason and destination.
    for id in &with {
        crate::on_tx!(&mut tx, t => {
            sqlx::query(
                "UPDATE rehab_stay SET status = 'Discharged', left_on = $1, discharge_reason = $2, destination = $3 WHERE id = $4",
            )
            .bind(d.left_on)
            .bind(d.reason.code())
            .bind(d.destination.code())
            .bind(id)
            .execute(&mut **t)
            .await?;
        });
    }
    let sealed = crypto::seal(
        &key,
        &review_context(s.person_id, s.id),
        d.review.summary.as_bytes(),
        rng,
    );
    crate::on_tx!(&mut tx, t => {
        sqlx::query("INSERT INTO rehab_review (stay_id, outcomes, sealed, reviewed_by, reviewed_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(s.id)
            .bind(&outcomes)
            .bind(sealed)
            .bind(who.user_id)
            .bind(now)
            .execute(&mut **t)
            .await?;
        // The stay service is complete once nobody of the admission is staying any more.
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM rehab_stay WHERE service_id = $1 AND status IN ('Planned', 'Admitted')",
        )
        .bind(s.service_id)
        .fetch_one(&mut **t)
        .await?;
        if left == 0 {
            sqlx::query("UPDATE case_service SET status = 'Completed', end_on = $1, outcome = $2 WHERE id = $3")
                .bind(d.left_on)
                .bind(format!("{} → {}", d.reason.code(), d.destination.code()))
                .bind(s.service_id)
                .execute(&mut **t)
                .await?;
        }
    });
    case_event(
        &mut tx,
        s.case_id,
        who.user_id,
        "rehab.discharged",
        d.reason.code(),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.discharge",
            "rehab_stay",
            s.id,
            "left_on,discharge_reason,destination,review",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(with)
}

// ---- The individual rehabilitation plan ----------------------------------------------------

/// A goal of the plan with its activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    /// Id.
    pub id: i64,
    /// Kind of rehabilitation.
    pub kind: RehabKind,
    /// The goal.
    pub goal: String,
    /// Planned activities.
    pub activities: String,
    /// State.
    pub status: GoalStatus,
}

/// Adds a goal with its activities to a stay's plan.
#[allow(clippy::too_many_arguments)]
pub async fn add_plan_item(
    store: &Store,
    stay_id: i64,
    kind: RehabKind,
    goal: &str,
    activities: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let s = stay(store, stay_id).await?;
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO rehab_plan_item (stay_id, kind, goal, activities, status, created_by, created_at) \
             VALUES ($1, $2, $3, $4, 'Open', $5, $6) RETURNING id",
        )
        .bind(stay_id)
        .bind(kind.code())
        .bind(goal)
        .bind(activities)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    case_event(
        &mut tx,
        s.case_id,
        who.user_id,
        "rehab.plan",
        kind.code(),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.plan.add",
            "rehab_stay",
            stay_id,
            "kind,goal,activities",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Sets the state of a goal.
pub async fn set_plan_status(
    store: &Store,
    stay_id: i64,
    item: i64,
    status: GoalStatus,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE rehab_plan_item SET status = $1 WHERE id = $2 AND stay_id = $3")
            .bind(status.code())
            .bind(item)
            .bind(stay_id)
            .execute(&mut **t)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "rehab.plan.status", "rehab_stay", stay_id, "status"),
        now,
    )
    .await?;
    tx.commit().await
}

/// The plan of a stay, by kind.
pub async fn plan(store: &Store, stay_id: i64) -> Result<Vec<PlanItem>> {
    let rows: Vec<(i64, String, String, String, String)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, kind, goal, activities, status FROM rehab_plan_item WHERE stay_id = $1 ORDER BY id")
            .bind(stay_id)
            .fetch_all(p)
            .await?
    });
    let mut out: Vec<PlanItem> = Vec::with_capacity(rows.len());
    for (id, kind, goal, activities, status) in rows {
        out.push(PlanItem {
            id,
            kind: RehabKind::parse(&kind).ok_or_else(|| bad("rehabilitation kind", &kind))?,
            goal,
            activities,
            status: GoalStatus::parse(&status).ok_or_else(|| bad("goal status", &status))?,
        });
    }
    out.sort_by_key(|p| (p.kind, p.id));
    Ok(out)
}

/// A session held with the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    /// Id.
    pub id: i64,
    /// Stay.
    pub stay_id: i64,
    /// Kind of rehabilitation.
    pub kind: RehabKind,
    /// Day.
    pub held_on: Date,
    /// The staff member who held it.
    pub held_by: Option<i64>,
    /// Length in minutes.
    pub minutes: i64,
    /// Topic.
    pub topic: String,
    /// Case code (for the day view).
    pub case_code: String,
}

/// Records a session.
#[allow(clippy::too_many_arguments)]
pub async fn add_session(
    store: &Store,
    stay_id: i64,
    kind: RehabKind,
    held_on: Date,
    held_by: i64,
    minutes: i64,
    topic: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> std::result::Result<i64, RehabError> {
    let s = stay(store, stay_id).await?;
    let mut e = FieldErrors::default();
    if held_on < s.from() || held_on > s.to() {
        e.push(
            FieldError::new("held_on", "session_outside_stay")
                .with("from", s.from().to_string())
                .with("to", s.to().to_string()),
        );
    }
    if !(5..=480).contains(&minutes) {
        e.push(FieldError::new("minutes", "minutes_range"));
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO rehab_session (stay_id, kind, held_on, held_by, minutes, topic, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(stay_id)
        .bind(kind.code())
        .bind(held_on)
        .bind(held_by)
        .bind(minutes)
        .bind(topic)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    case_event(
        &mut tx,
        s.case_id,
        who.user_id,
        "rehab.session",
        kind.code(),
        now,
    )
    .await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.session.add",
            "rehab_stay",
            stay_id,
            "kind,held_on,held_by,minutes,topic",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

const SESSION_COLUMNS: &str = "x.id, x.stay_id, x.kind, x.held_on, x.held_by, x.minutes, x.topic, c.code FROM rehab_session x \
     JOIN rehab_stay s ON s.id = x.stay_id JOIN case_file c ON c.id = s.case_id";

type SessionRow = (i64, i64, String, Date, Option<i64>, i64, String, String);

fn sessions_of(rows: Vec<SessionRow>) -> Result<Vec<Session>> {
    rows.into_iter()
        .map(
            |(id, stay_id, kind, held_on, held_by, minutes, topic, case_code)| {
                Ok(Session {
                    id,
                    stay_id,
                    kind: RehabKind::parse(&kind)
                        .ok_or_else(|| bad("rehabilitation kind", &kind))?,
                    held_on,
                    held_by,
                    minutes,
                    topic,
                    case_code,
                })
            },
        )
        .collect()
}

/// The sessions of a stay, by day.
pub async fn sessions(store: &Store, stay_id: i64) -> Result<Vec<Session>> {
    let sql = format!("SELECT {SESSION_COLUMNS} WHERE x.stay_id = $1 ORDER BY x.held_on, x.id");
    let rows: Vec<SessionRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(stay_id).fetch_all(p).await?
    });
    sessions_of(rows)
}

pub(crate) fn note_context(person: i64, stay: i64, note: i64) -> Vec<u8> {
    format!("person:{person}:rehab-note:{stay}:{note}").into_bytes()
}

pub(crate) fn review_context(person: i64, stay: i64) -> Vec<u8> {
    format!("person:{person}:rehab-review:{stay}").into_bytes()
}

pub(crate) async fn person_key(
    store: &Store,
    vault: &Vault,
    person: i64,
) -> Result<crypto::SecretKey> {
    let row: Option<(Option<i32>, Option<Vec<u8>>)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT kek_version, wrapped_key FROM person WHERE id = $1")
            .bind(person)
            .fetch_optional(p)
            .await?
    });
    let Some((Some(v), Some(w))) = row else {
        return Err(StoreError::Erased);
    };
    let kek = vault.keyring().get(u32::try_from(v).unwrap_or(0))?;
    crypto::unwrap(&kek, format!("person:{person}:key").as_bytes(), &w).map_err(|_| {
        StoreError::Config(format!(
            "the data key of person {person} cannot be unwrapped"
        ))
    })
}

/// Adds a progress note written with the person, sealed under the person's data key.
#[allow(clippy::too_many_arguments)]
pub async fn add_note(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    stay_id: i64,
    participation: Participation,
    text: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let s = stay(store, stay_id).await?;
    let key = person_key(store, vault, s.person_id).await?;
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rehab_note (stay_id, author_id, participation, created_at, sealed) VALUES ($1, $2, $3, $4, NULL) RETURNING id",
        )
        .bind(stay_id)
        .bind(who.user_id)
        .bind(participation.code())
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        sqlx::query("UPDATE rehab_note SET sealed = $1 WHERE id = $2")
            .bind(crypto::seal(&key, &note_context(s.person_id, stay_id, id), text.as_bytes(), rng))
            .bind(id)
            .execute(&mut **t)
            .await?;
        id
    });
    case_event(&mut tx, s.case_id, who.user_id, "rehab.note", "note", now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(
            who,
            "rehab.note.add",
            "rehab_stay",
            stay_id,
            "note,participation",
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A progress note as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressNote {
    /// Author.
    pub author_id: Option<i64>,
    /// How the person took part.
    pub participation: Participation,
    /// When.
    pub created_at: OffsetDateTime,
    /// Text.
    pub text: String,
}

/// Reads the notes and the review of a stay, recording the read in the audit trail first.
pub async fn notes(
    store: &Store,
    vault: &Vault,
    stay_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<(Vec<ProgressNote>, Option<Review>)> {
    type NoteRow = (i64, Option<i64>, String, OffsetDateTime, Option<Vec<u8>>);
    let s = stay(store, stay_id).await?;
    type ReviewRow = (String, Option<Vec<u8>>);
    let (rows, review): (Vec<NoteRow>, Option<ReviewRow>) = crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query_as(
            "SELECT id, author_id, participation, created_at, sealed FROM rehab_note WHERE stay_id = $1 ORDER BY id DESC",
        )
        .bind(stay_id)
        .fetch_all(p)
        .await?;
        let review = sqlx::query_as("SELECT outcomes, sealed FROM rehab_review WHERE stay_id = $1")
            .bind(stay_id)
            .fetch_optional(p)
            .await?;
        (rows, review)
    });
    if rows.is_empty() && review.is_none() {
        return Ok((Vec::new(), None));
    }
    audit::record(
        store,
        &audited(
            who,
            "rehab.notes.read",
            "rehab_stay",
            stay_id,
            "notes,review",
        ),
        now,
    )
    .await?;
    let key = person_key(store, vault, s.person_id).await?;
    let open =
        |ctx: &[u8], sealed: &Option<Vec<u8>>| -> Result<String> {
            match sealed {
                Some(b) => Ok(String::from_utf8_lossy(&crypto::open(&key, ctx, b).map_err(
                    |_| StoreError::Config(format!("a note of stay {stay_id} cannot be decrypted")),
                )?)
                .into_owned()),
                None => Ok(String::new()),
            }
        };
    let mut out = Vec::with_capacity(rows.len());
    for (id, author_id, participation, created_at, sealed) in &rows {
        out.push(ProgressNote {
            author_id: *author_id,
            participation: Participation::parse(participation)
                .ok_or_else(|| bad("participation", participation))?,
            created_at: *created_at,
            text: open(&note_context(s.person_id, stay_id, *id), sealed)?,
        });
    }
    let review = match review {
        Some((outcomes, sealed)) => Some(Review {
            outcomes: outcomes
                .split(',')
                .filter_map(|kv| {
                    let (k, v) = kv.split_once('=')?;
                    Some((RehabKind::parse(k)?, GoalStatus::parse(v)?))
                })
                .collect(),
            summary: open(&review_context(s.person_id, stay_id), &sealed)?,
        }),
        None => None,
    };
    Ok((out, review))
}

// ---- Calendar, day view, waiting list, referrals -------------------------------------------

/// Stays of a centre occupying a bed at some time in `[from, to)`, by bed.
pub async fn occupancy(store: &Store, centre: i64, from: Date, to: Date) -> Result<Vec<Stay>> {
    let all = stays_where(
        store,
        "s.shift_id IN (SELECT id FROM rehab_shift WHERE centre_id = $1) AND s.status IN ('Planned', 'Admitted', 'Discharged')",
        centre,
    )
    .await?;
    Ok(all
        .into_iter()
        .filter(|s| s.from() < to && from < s.to() && s.bed_id.is_some())
        .collect())
}

/// The waiting list of a centre, oldest request first.
pub async fn waiting(store: &Store, centre: i64) -> Result<Vec<Stay>> {
    let mut w = stays_where(
        store,
        "s.shift_id IN (SELECT id FROM rehab_shift WHERE centre_id = $1) AND s.status = 'Waiting'",
        centre,
    )
    .await?;
    w.sort_by_key(|s| (s.created_at, s.id));
    Ok(w)
}

/// The sessions held in a centre on a day.
pub async fn sessions_on(store: &Store, centre: i64, day: Date) -> Result<Vec<Session>> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} WHERE x.held_on = $1 AND s.shift_id IN (SELECT id FROM rehab_shift WHERE centre_id = $2) ORDER BY x.id"
    );
    let rows: Vec<SessionRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(day).bind(centre).fetch_all(p).await?
    });
    sessions_of(rows)
}

/// A case referred to a centre's organisation for a stay and not yet admitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referred {
    /// Case id.
    pub case_id: i64,
    /// Case code.
    pub code: String,
    /// Sex.
    pub sex: String,
    /// Age band at registration.
    pub age_band: Option<String>,
    /// Legal status.
    pub legal_status: LegalStatus,
    /// Relatives linked to the case as accompanying.
    pub accompanying: i64,
    /// Since when.
    pub start_on: Option<Date>,
}

/// Cases referred to `organisation` for a stay, with the stay service still planned and no
/// stay under way.
pub async fn referred(store: &Store, organisation: i64) -> Result<Vec<Referred>> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        String,
        i64,
        Option<Date>,
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT c.id, c.code, c.sex, c.age_band, c.legal_status, \
             (SELECT COUNT(*) FROM case_relative r WHERE r.case_id = c.id AND r.accompanying = $3), MIN(v.start_on) \
             FROM case_file c JOIN case_service v ON v.case_id = c.id \
             WHERE v.service_type = $1 AND v.provider_organisation_id = $2 AND v.status = 'Planned' \
             AND c.status IN ('Active', 'FollowUp') \
             AND NOT EXISTS (SELECT 1 FROM rehab_stay s WHERE s.case_id = c.id AND s.status IN ('Waiting', 'Planned', 'Admitted')) \
             GROUP BY c.id, c.code, c.sex, c.age_band, c.legal_status ORDER BY c.id",
        )
        .bind(STAY_SERVICE)
        .bind(organisation)
        .bind(true)
        .fetch_all(p)
        .await?
    });
    rows.into_iter()
        .map(
            |(case_id, code, sex, age_band, legal, accompanying, start_on)| {
                Ok(Referred {
                    case_id,
                    code,
                    sex,
                    age_band,
                    legal_status: LegalStatus::parse(&legal)
                        .ok_or_else(|| bad("legal status", &legal))?,
                    accompanying,
                    start_on,
                })
            },
        )
        .collect()
}

// ---- Statistics ----------------------------------------------------------------------------

/// The centre's statistics over a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RehabStats {
    /// Stays and bed-nights by shift kind, sex, age band, citizenship kind and month.
    pub stays: StayStats,
    /// Bed-nights offered by the shifts (capacity × nights) in the period.
    pub offered_bed_nights: i64,
    /// Bed-nights used over offered, in per cent.
    pub occupancy_rate: Option<f64>,
    /// Average length of the stays that ended, in nights.
    pub average_length: Option<f64>,
    /// Services given to people during their stays, by service type.
    pub services: BTreeMap<String, i64>,
}

/// Statistics of stays (arrived) within `[from, to)`; a stay still running counts up to `today`.
pub async fn stats(store: &Store, from: Date, to: Date, today: Date) -> Result<RehabStats> {
    type Row = (
        String,
        String,
        String,
        String,
        Option<Date>,
        Option<Date>,
        i64,
    );
    type Offered = (Date, Date, i64);
    let (rows, shifts, services): (Vec<Row>, Vec<Offered>, Vec<(String, i64)>) = crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query_as(
            "SELECT h.kind, s.sex, s.age_band, s.citizenship_kind, s.arrived_on, s.left_on, s.id FROM rehab_stay s \
             JOIN rehab_shift h ON h.id = s.shift_id WHERE s.status IN ('Admitted', 'Discharged') AND s.arrived_on < $1",
        )
        .bind(to)
        .fetch_all(p)
        .await?;
        let shifts = sqlx::query_as("SELECT starts_on, ends_on, capacity FROM rehab_shift WHERE starts_on < $1 AND ends_on > $2")
            .bind(to)
            .bind(from)
            .fetch_all(p)
            .await?;
        // Services other than the stay itself that started while the person was staying.
        let services = sqlx::query_as(
            "SELECT v.service_type, COUNT(DISTINCT v.id) FROM case_service v JOIN rehab_stay s ON s.case_id = v.case_id \
             WHERE s.relative_id IS NULL AND s.status IN ('Admitted', 'Discharged') AND v.service_type <> $1 \
             AND v.status <> 'Cancelled' AND v.start_on >= s.arrived_on AND v.start_on < COALESCE(s.left_on, $2) \
             AND v.start_on >= $3 AND v.start_on < $4 GROUP BY v.service_type ORDER BY v.service_type",
        )
        .bind(STAY_SERVICE)
        .bind(today)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await?;
        (rows, shifts, services)
    });
    let mut records = Vec::with_capacity(rows.len());
    for (kind, sex, age_band, citizenship, arrived, left, _) in rows {
        let Some(arrived) = arrived else { continue };
        records.push((
            StayRecord {
                kind: ShiftKind::parse(&kind).ok_or_else(|| bad("shift kind", &kind))?,
                sex,
                age_band,
                citizenship: CitizenshipKind::parse(&citizenship)
                    .ok_or_else(|| bad("citizenship kind", &citizenship))?,
                from: arrived,
                to: left.unwrap_or(today.max(arrived)),
            },
            left.is_some(),
        ));
    }
    let stays = rules::stay_stats(&records, from, to);
    let offered: i64 = shifts
        .iter()
        .map(|(a, b, cap)| rules::nights((*a).max(from), (*b).min(to).min(today.max(from))) * cap)
        .sum();
    Ok(RehabStats {
        occupancy_rate: rules::occupancy_rate(stays.total.bed_nights, offered),
        average_length: stays.average_length(),
        offered_bed_nights: offered,
        services: services.into_iter().collect(),
        stays,
    })
}
