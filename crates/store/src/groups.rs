//! The work of the regional multidisciplinary groups: members (organisation, person, role)
//! with a chair, meetings with their agenda, attendance, the cases discussed (by code only),
//! decisions and action items with owners and due dates, and a yearly summary per region.
//! A case a meeting discussed is what the group's members reach (pseudonymous fields only).

use crate::audit::{self, AuditEvent};
use crate::db::Store;
use crate::error::{Result, StoreError};
use serde::Serialize;
use sqlx::Row;
use time::{Date, OffsetDateTime};

/// Whether a meeting of the region's group discussed the case.
pub async fn discussed(store: &Store, case_id: i64, region: &str) -> Result<bool> {
    crate::on_pool!(store.pool(), p => {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM mdg_case mc JOIN mdg_meeting m ON m.id = mc.meeting_id JOIN mdg g ON g.id = m.mdg_id \
             WHERE mc.case_id = $1 AND g.region = $2",
        )
        .bind(case_id)
        .bind(region)
        .fetch_one(p)
        .await?;
        Ok(n > 0)
    })
}

/// A person in a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// Id.
    pub id: i64,
    /// The group.
    pub mdg_id: i64,
    /// Their organisation.
    pub organisation_id: i64,
    /// Name (a professional's, not a victim's).
    pub name: String,
    /// Position in their organisation, e.g. "head of the juvenile unit".
    pub position: String,
    /// Role in the group, e.g. "police liaison".
    pub role: String,
    /// Chairs the group.
    pub chair: bool,
    /// When they left the group (past minutes still name them).
    pub left_at: Option<OffsetDateTime>,
}

fn member_of(row: &impl MemberRow) -> Result<Member> {
    row.member()
}

/// A database row that holds a member (either backend's).
trait MemberRow {
    fn member(&self) -> Result<Member>;
}

macro_rules! member_row {
    ($row:ty) => {
        impl MemberRow for $row {
            fn member(&self) -> Result<Member> {
                Ok(Member {
                    id: self.try_get("id")?,
                    mdg_id: self.try_get("mdg_id")?,
                    organisation_id: self.try_get("organisation_id")?,
                    name: self.try_get("name")?,
                    position: self.try_get("position")?,
                    role: self.try_get("role")?,
                    chair: self.try_get("chair")?,
                    left_at: self.try_get("left_at")?,
                })
            }
        }
    };
}
member_row!(sqlx::sqlite::SqliteRow);
member_row!(sqlx::postgres::PgRow);

/// Everyone who was ever in a group, current members first (the chair first of all), then
/// those who left.
pub async fn roster(store: &Store, mdg_id: i64) -> Result<Vec<Member>> {
    crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query(
            "SELECT id, mdg_id, organisation_id, name, position, role, chair, left_at FROM mdg_person WHERE mdg_id = $1 \
             ORDER BY CASE WHEN left_at IS NULL THEN 0 ELSE 1 END, chair DESC, id",
        )
        .bind(mdg_id)
        .fetch_all(p)
        .await?;
        rows.iter().map(member_of).collect()
    })
}

/// The current members of a group; the chair first.
pub async fn members(store: &Store, mdg_id: i64) -> Result<Vec<Member>> {
    Ok(roster(store, mdg_id)
        .await?
        .into_iter()
        .filter(|m| m.left_at.is_none())
        .collect())
}

/// One current member of a group.
pub async fn member(store: &Store, mdg_id: i64, person_id: i64) -> Result<Member> {
    members(store, mdg_id)
        .await?
        .into_iter()
        .find(|m| m.id == person_id)
        .ok_or(StoreError::NotFound)
}

fn audited(who: &AuditEvent, action: &str, id: i64, fields: &str) -> AuditEvent {
    let mut e = who.clone();
    e.action = action.to_owned();
    e.record_type = Some("mdg".to_owned());
    e.record_id = Some(id.to_string());
    e.fields = Some(fields.to_owned());
    e
}

fn member_event(
    who: &AuditEvent,
    action: &str,
    mdg_id: i64,
    person: i64,
    fields: &str,
) -> AuditEvent {
    let mut e = audited(who, action, mdg_id, fields);
    e.reason = Some(format!("member {person}"));
    e
}

/// The key under which the same person is found twice in a group: the name trimmed, its
/// spaces collapsed and lower-cased.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Why a change of the members was refused.
pub const DUPLICATE_MEMBER: &str = "mdg_member_duplicate";
/// The chair cannot leave before handing the chair to another member.
pub const CHAIR_CANNOT_LEAVE: &str = "mdg_chair_cannot_leave";

/// A member to add.
#[derive(Debug, Clone)]
pub struct NewMember {
    /// Their organisation.
    pub organisation_id: i64,
    /// Name.
    pub name: String,
    /// Position in their organisation.
    pub position: String,
    /// Role in the group.
    pub role: String,
    /// Takes over the chair (the first member of a group always does).
    pub chair: bool,
}

/// Takes the group's write lock for the rest of the transaction (a no-op update: a row lock
/// on PostgreSQL, the write lock `BEGIN IMMEDIATE` already holds on SQLite), so two changes
/// of the chair cannot interleave; `NotFound` when the group does not exist.
async fn lock_group(tx: &mut crate::db::Tx, mdg_id: i64) -> Result<()> {
    let n = crate::on_tx!(tx, t => {
        sqlx::query("UPDATE mdg SET chair_organisation_id = chair_organisation_id WHERE id = $1")
            .bind(mdg_id)
            .execute(&mut **t)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The current members of a group inside a transaction.
async fn members_in(tx: &mut crate::db::Tx, mdg_id: i64) -> Result<Vec<Member>> {
    crate::on_tx!(tx, t => {
        let rows = sqlx::query(
            "SELECT id, mdg_id, organisation_id, name, position, role, chair, left_at FROM mdg_person \
             WHERE mdg_id = $1 AND left_at IS NULL ORDER BY id",
        )
        .bind(mdg_id)
        .fetch_all(&mut **t)
        .await?;
        rows.iter().map(member_of).collect()
    })
}

/// Makes `person` the chair: the old chair steps down and the group's chairing organisation
/// follows, in the caller's transaction (which holds the group's lock).
async fn set_chair_in(
    tx: &mut crate::db::Tx,
    mdg_id: i64,
    person: i64,
    organisation_id: i64,
) -> Result<()> {
    crate::on_tx!(tx, t => {
        sqlx::query("UPDATE mdg_person SET chair = $1 WHERE mdg_id = $2 AND chair")
            .bind(false)
            .bind(mdg_id)
            .execute(&mut **t)
            .await?;
        sqlx::query("UPDATE mdg_person SET chair = $1 WHERE id = $2")
            .bind(true)
            .bind(person)
            .execute(&mut **t)
            .await?;
        sqlx::query("UPDATE mdg SET chair_organisation_id = $1 WHERE id = $2")
            .bind(organisation_id)
            .bind(mdg_id)
            .execute(&mut **t)
            .await?;
    });
    Ok(())
}

/// Adds a member. A new chair replaces the old one (the group's chairing organisation
/// follows); the first member of a group chairs it. The same person (organisation and name,
/// whatever the case and spacing) cannot be a member twice: `Conflict(DUPLICATE_MEMBER)`.
pub async fn add_member(
    store: &Store,
    mdg_id: i64,
    m: &NewMember,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let key = name_key(&m.name);
    let mut tx = store.begin().await?;
    lock_group(&mut tx, mdg_id).await?;
    let current = members_in(&mut tx, mdg_id).await?;
    if current
        .iter()
        .any(|p| p.organisation_id == m.organisation_id && name_key(&p.name) == key)
    {
        return Err(StoreError::Conflict(DUPLICATE_MEMBER.to_owned()));
    }
    let chair = m.chair || !current.iter().any(|p| p.chair);
    let inserted: std::result::Result<i64, StoreError> = async {
        Ok(crate::on_tx!(&mut tx, t => {
            sqlx::query(
                "INSERT INTO mdg_member (mdg_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(mdg_id)
            .bind(m.organisation_id)
            .execute(&mut **t)
            .await?;
            sqlx::query_scalar(
                "INSERT INTO mdg_person (mdg_id, organisation_id, name, position, role, chair, name_key, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(mdg_id)
            .bind(m.organisation_id)
            .bind(&m.name)
            .bind(&m.position)
            .bind(&m.role)
            .bind(false)
            .bind(&key)
            .bind(now)
            .fetch_one(&mut **t)
            .await?
        }))
    }
    .await;
    let id = match inserted {
        Ok(id) => id,
        // The unique index: the same person added at the same moment by someone else.
        Err(StoreError::Conflict(_)) => {
            return Err(StoreError::Conflict(DUPLICATE_MEMBER.to_owned()));
        }
        Err(e) => return Err(e),
    };
    if chair {
        set_chair_in(&mut tx, mdg_id, id, m.organisation_id).await?;
    }
    audit::append(
        &mut tx,
        store.backend(),
        &member_event(
            who,
            "mdg.member.add",
            mdg_id,
            id,
            if chair { "member,chair" } else { "member" },
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a member's position and role in the group.
pub async fn edit_member(
    store: &Store,
    mdg_id: i64,
    person_id: i64,
    position: &str,
    role: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE mdg_person SET position = $1, role = $2 WHERE id = $3 AND mdg_id = $4 AND left_at IS NULL")
            .bind(position)
            .bind(role)
            .bind(person_id)
            .bind(mdg_id)
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
        &member_event(who, "mdg.member.edit", mdg_id, person_id, "position,role"),
        now,
    )
    .await?;
    tx.commit().await
}

/// Hands the chair to a current member, in one transaction under the group's lock, so the
/// group has exactly one chair at every moment. Returns false when they already chair it.
pub async fn hand_chair(
    store: &Store,
    mdg_id: i64,
    person_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<bool> {
    let mut tx = store.begin().await?;
    lock_group(&mut tx, mdg_id).await?;
    let current = members_in(&mut tx, mdg_id).await?;
    let Some(next) = current.iter().find(|p| p.id == person_id) else {
        return Err(StoreError::NotFound);
    };
    if next.chair {
        return Ok(false);
    }
    set_chair_in(&mut tx, mdg_id, next.id, next.organisation_id).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &member_event(who, "mdg.member.chair", mdg_id, person_id, "chair"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A member leaves the group: past minutes keep their name, and when nobody of their
/// organisation is left in the group, the organisation leaves it too (and with it the reach
/// of its users to the cases the group discussed). The chair cannot leave before handing the
/// chair over: `Conflict(CHAIR_CANNOT_LEAVE)`.
pub async fn remove_member(
    store: &Store,
    mdg_id: i64,
    person_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    lock_group(&mut tx, mdg_id).await?;
    let current = members_in(&mut tx, mdg_id).await?;
    let Some(leaving) = current.iter().find(|p| p.id == person_id) else {
        return Err(StoreError::NotFound);
    };
    if leaving.chair {
        return Err(StoreError::Conflict(CHAIR_CANNOT_LEAVE.to_owned()));
    }
    let org = leaving.organisation_id;
    let colleagues = current
        .iter()
        .filter(|p| p.organisation_id == org && p.id != person_id)
        .count();
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE mdg_person SET left_at = $1 WHERE id = $2")
            .bind(now)
            .bind(person_id)
            .execute(&mut **t)
            .await?;
        if colleagues == 0 {
            sqlx::query("DELETE FROM mdg_member WHERE mdg_id = $1 AND organisation_id = $2")
                .bind(mdg_id)
                .bind(org)
                .execute(&mut **t)
                .await?;
        }
    });
    audit::append(
        &mut tx,
        store.backend(),
        &member_event(who, "mdg.member.remove", mdg_id, person_id, "left_at"),
        now,
    )
    .await?;
    tx.commit().await
}

/// An item of a meeting's minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Id.
    pub id: i64,
    /// `decision` or `action`.
    pub kind: String,
    /// What was decided or is to be done (no names of victims: cases by code).
    pub text: String,
    /// The organisation that owns an action.
    pub owner_organisation_id: Option<i64>,
    /// The group member who owns it, within that organisation.
    pub owner_person_id: Option<i64>,
    /// Due date of an action.
    pub due_on: Option<Date>,
    /// When an action was done.
    pub done_at: Option<OffsetDateTime>,
}

/// A meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    /// Id.
    pub id: i64,
    /// The group.
    pub mdg_id: i64,
    /// Its region.
    pub region: String,
    /// When held.
    pub held_on: Date,
    /// The agenda.
    pub agenda: String,
    /// Members present.
    pub attendance: Vec<i64>,
    /// Cases discussed: (case id, code).
    pub cases: Vec<(i64, String)>,
    /// Decisions and action items.
    pub items: Vec<Item>,
}

/// A meeting to record.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    /// The group.
    pub mdg_id: i64,
    /// When held.
    pub held_on: Date,
    /// The agenda.
    pub agenda: String,
    /// Members present.
    pub attendance: Vec<i64>,
    /// Cases discussed (ids; found by code by the caller).
    pub cases: Vec<i64>,
    /// Decisions.
    pub decisions: Vec<String>,
    /// Action items: text, owner organisation, owning member (optional), due date.
    pub actions: Vec<(String, i64, Option<i64>, Date)>,
}

/// Records a meeting with everything in it, in one transaction.
pub async fn add_meeting(
    store: &Store,
    m: &NewMeeting,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = add_meeting_in(&mut tx, m, who.user_id, now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "mdg.meeting", m.mdg_id, "meeting"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Records a meeting inside a transaction (the demo loader batches them).
pub async fn add_meeting_in(
    tx: &mut crate::db::Tx,
    m: &NewMeeting,
    user: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_tx!(tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO mdg_meeting (mdg_id, held_on, agenda, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(m.mdg_id)
        .bind(m.held_on)
        .bind(&m.agenda)
        .bind(user)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        for p in &m.attendance {
            sqlx::query("INSERT INTO mdg_attendance (meeting_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(p)
                .execute(&mut **t)
                .await?;
        }
        for c in &m.cases {
            sqlx::query("INSERT INTO mdg_case (meeting_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(c)
                .execute(&mut **t)
                .await?;
            sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, $3, $4, NULL)")
                .bind(c)
                .bind(now)
                .bind(user)
                .bind("mdg.discussed")
                .execute(&mut **t)
                .await?;
        }
        for d in &m.decisions {
            sqlx::query("INSERT INTO mdg_item (meeting_id, kind, text, owner_organisation_id, due_on, done_at, created_at) VALUES ($1, 'decision', $2, NULL, NULL, NULL, $3)")
                .bind(id)
                .bind(d)
                .bind(now)
                .execute(&mut **t)
                .await?;
        }
        for (text, owner, person, due) in &m.actions {
            sqlx::query("INSERT INTO mdg_item (meeting_id, kind, text, owner_organisation_id, owner_person_id, due_on, done_at, created_at) VALUES ($1, 'action', $2, $3, $4, $5, NULL, $6)")
                .bind(id)
                .bind(text)
                .bind(owner)
                .bind(person)
                .bind(due)
                .bind(now)
                .execute(&mut **t)
                .await?;
        }
        Ok(id)
    })
}

/// The meetings of a group, newest first, with attendance, cases and items.
pub async fn meetings(store: &Store, mdg_id: i64) -> Result<Vec<Meeting>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(i64, i64, String, Date, String)> = sqlx::query_as(
            "SELECT m.id, m.mdg_id, g.region, m.held_on, m.agenda FROM mdg_meeting m JOIN mdg g ON g.id = m.mdg_id \
             WHERE m.mdg_id = $1 ORDER BY m.held_on DESC, m.id DESC",
        )
        .bind(mdg_id)
        .fetch_all(p)
        .await?;
        let attendance: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT a.meeting_id, a.person_id FROM mdg_attendance a JOIN mdg_meeting m ON m.id = a.meeting_id WHERE m.mdg_id = $1 ORDER BY a.person_id",
        )
        .bind(mdg_id)
        .fetch_all(p)
        .await?;
        let cases: Vec<(i64, i64, String)> = sqlx::query_as(
            "SELECT mc.meeting_id, c.id, c.code FROM mdg_case mc JOIN mdg_meeting m ON m.id = mc.meeting_id JOIN case_file c ON c.id = mc.case_id \
             WHERE m.mdg_id = $1 ORDER BY c.code",
        )
        .bind(mdg_id)
        .fetch_all(p)
        .await?;
        let items = sqlx::query(
            "SELECT i.id, i.meeting_id, i.kind, i.text, i.owner_organisation_id, i.owner_person_id, i.due_on, i.done_at FROM mdg_item i \
             JOIN mdg_meeting m ON m.id = i.meeting_id WHERE m.mdg_id = $1 ORDER BY i.id",
        )
        .bind(mdg_id)
        .fetch_all(p)
        .await?;
        let mut all_items: Vec<(i64, Item)> = Vec::with_capacity(items.len());
        for row in &items {
            all_items.push((
                row.try_get("meeting_id")?,
                Item {
                    id: row.try_get("id")?,
                    kind: row.try_get("kind")?,
                    text: row.try_get("text")?,
                    owner_organisation_id: row.try_get("owner_organisation_id")?,
                    owner_person_id: row.try_get("owner_person_id")?,
                    due_on: row.try_get("due_on")?,
                    done_at: row.try_get("done_at")?,
                },
            ));
        }
        Ok(rows
            .into_iter()
            .map(|(id, mdg_id, region, held_on, agenda)| Meeting {
                id,
                mdg_id,
                region,
                held_on,
                agenda,
                attendance: attendance.iter().filter(|a| a.0 == id).map(|a| a.1).collect(),
                cases: cases.iter().filter(|c| c.0 == id).map(|c| (c.1, c.2.clone())).collect(),
                items: all_items.iter().filter(|i| i.0 == id).map(|i| i.1.clone()).collect(),
            })
            .collect())
    })
}

/// Marks an action item done.
pub async fn action_done(
    store: &Store,
    item_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE mdg_item SET done_at = $1 WHERE id = $2 AND kind = 'action' AND done_at IS NULL")
            .bind(now)
            .bind(item_id)
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
        &audited(who, "mdg.action.done", item_id, "done_at"),
        now,
    )
    .await?;
    tx.commit().await
}

/// A region's year in its group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct YearSummary {
    /// Meetings held.
    pub meetings: i64,
    /// Distinct cases discussed.
    pub cases_discussed: i64,
    /// Decisions taken.
    pub decisions: i64,
    /// Action items set.
    pub actions: i64,
    /// Of them, done.
    pub actions_done: i64,
    /// Of them, open and past their due date (on `today`).
    pub actions_overdue: i64,
    /// Average attendance per meeting (members present), rounded down.
    pub average_attendance: i64,
}

/// The summary of a group's year.
pub async fn year_summary(
    store: &Store,
    mdg_id: i64,
    year: i32,
    today: Date,
) -> Result<YearSummary> {
    let all = meetings(store, mdg_id).await?;
    let of_year: Vec<&Meeting> = all.iter().filter(|m| m.held_on.year() == year).collect();
    let mut s = YearSummary {
        meetings: of_year.len() as i64,
        ..Default::default()
    };
    let mut cases: Vec<i64> = of_year
        .iter()
        .flat_map(|m| m.cases.iter().map(|c| c.0))
        .collect();
    cases.sort_unstable();
    cases.dedup();
    s.cases_discussed = cases.len() as i64;
    let mut present = 0i64;
    for m in &of_year {
        present += m.attendance.len() as i64;
        for i in &m.items {
            if i.kind == "decision" {
                s.decisions += 1;
            } else {
                s.actions += 1;
                if i.done_at.is_some() {
                    s.actions_done += 1;
                } else if i.due_on.is_some_and(|d| d < today) {
                    s.actions_overdue += 1;
                }
            }
        }
    }
    if s.meetings > 0 {
        s.average_attendance = present / s.meetings;
    }
    Ok(s)
}

/// One group.
pub async fn group(store: &Store, mdg_id: i64) -> Result<crate::orgs::Mdg> {
    crate::orgs::list_mdgs(store)
        .await?
        .into_iter()
        .find(|g| g.id == mdg_id)
        .ok_or(StoreError::NotFound)
}

/// One meeting of a group.
pub async fn meeting(store: &Store, mdg_id: i64, meeting_id: i64) -> Result<Meeting> {
    meetings(store, mdg_id)
        .await?
        .into_iter()
        .find(|m| m.id == meeting_id)
        .ok_or(StoreError::NotFound)
}

async fn touch(tx: &mut crate::db::Tx, meeting_id: i64, now: OffsetDateTime) -> Result<()> {
    let n = crate::on_tx!(tx, t => {
        sqlx::query("UPDATE mdg_meeting SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(meeting_id)
            .execute(&mut **t)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Changes a meeting's date and agenda.
pub async fn edit_meeting(
    store: &Store,
    meeting_id: i64,
    held_on: Date,
    agenda: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE mdg_meeting SET held_on = $1, agenda = $2 WHERE id = $3")
            .bind(held_on)
            .bind(agenda)
            .bind(meeting_id)
            .execute(&mut **t)
            .await?;
    });
    touch(&mut tx, meeting_id, now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "mdg.meeting.edit", meeting_id, "held_on,agenda"),
        now,
    )
    .await?;
    tx.commit().await
}

/// Records who was present (replacing the earlier record); `persons` are members of the group.
pub async fn set_attendance(
    store: &Store,
    meeting_id: i64,
    persons: &[i64],
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("DELETE FROM mdg_attendance WHERE meeting_id = $1")
            .bind(meeting_id)
            .execute(&mut **t)
            .await?;
        for p in persons {
            sqlx::query("INSERT INTO mdg_attendance (meeting_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(meeting_id)
                .bind(p)
                .execute(&mut **t)
                .await?;
        }
    });
    touch(&mut tx, meeting_id, now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "mdg.meeting.attendance", meeting_id, "attendance"),
        now,
    )
    .await?;
    tx.commit().await
}

/// Adds a case (found by code and checked by the caller) to the cases a meeting discussed;
/// the case's timeline records it. Returns false when it was already there.
pub async fn add_case(
    store: &Store,
    meeting_id: i64,
    case_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<bool> {
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query("INSERT INTO mdg_case (meeting_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(meeting_id)
            .bind(case_id)
            .execute(&mut **t)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Ok(false);
    }
    crate::on_tx!(&mut tx, t => {
        sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, $3, $4, NULL)")
            .bind(case_id)
            .bind(now)
            .bind(who.user_id)
            .bind("mdg.discussed")
            .execute(&mut **t)
            .await?;
    });
    touch(&mut tx, meeting_id, now).await?;
    let mut e = audited(who, "mdg.meeting.case", meeting_id, "cases");
    e.reason = Some(format!("case {case_id}"));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// An item to add to a meeting's minutes.
#[derive(Debug, Clone)]
pub enum NewItem {
    /// A decision.
    Decision(String),
    /// An action item: text, owning organisation, owning member (optional), due date.
    Action(String, i64, Option<i64>, Date),
}

/// Adds a decision or an action item to a meeting.
pub async fn add_item(
    store: &Store,
    meeting_id: i64,
    item: &NewItem,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let (kind, text, owner, person, due) = match item {
        NewItem::Decision(t) => ("decision", t.as_str(), None, None, None),
        NewItem::Action(t, o, p, d) => ("action", t.as_str(), Some(*o), *p, Some(*d)),
    };
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO mdg_item (meeting_id, kind, text, owner_organisation_id, owner_person_id, due_on, done_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7) RETURNING id",
        )
        .bind(meeting_id)
        .bind(kind)
        .bind(text)
        .bind(owner)
        .bind(person)
        .bind(due)
        .bind(now)
        .fetch_one(&mut **t)
        .await?
    });
    touch(&mut tx, meeting_id, now).await?;
    audit::append(
        &mut tx,
        store.backend(),
        &audited(who, "mdg.meeting.item", meeting_id, kind),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
