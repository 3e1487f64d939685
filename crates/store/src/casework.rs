//! Case work: needs assessed over time, the assistance plan's goals, notes sealed under the
//! person's data key (free text may name people), and tasks with due dates ("my work").

use crate::audit::{self, AuditEvent};
use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::vault::Vault;
use mayak_domain::Random;
use mayak_domain::crypto;
use serde::Serialize;
use time::{Date, OffsetDateTime};

async fn record(
    store: &Store,
    case_id: i64,
    who: &AuditEvent,
    action: &str,
    kind: &str,
    fields: &str,
    now: OffsetDateTime,
) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, $3, $4, $5)")
            .bind(case_id)
            .bind(now)
            .bind(who.user_id)
            .bind(kind)
            .bind(fields)
            .execute(&mut **t)
            .await?;
    });
    let mut e = who.clone();
    e.action = action.to_owned();
    e.record_type = Some("case".to_owned());
    e.record_id = Some(case_id.to_string());
    e.fields = Some(fields.to_owned());
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await
}

/// An assessed need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Need {
    /// Need or consequence code.
    pub need: String,
    /// `high`, `medium` or `low`.
    pub severity: String,
    /// When assessed.
    pub assessed_on: Date,
    /// By whom.
    pub assessed_by: Option<i64>,
}

/// Records an assessed need (assessments repeat over time; the latest per need counts).
pub async fn add_need(
    store: &Store,
    case_id: i64,
    need: &str,
    severity: &str,
    on: Date,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("INSERT INTO case_need (case_id, need, severity, assessed_on, assessed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(case_id)
            .bind(need)
            .bind(severity)
            .bind(on)
            .bind(who.user_id)
            .bind(now)
            .execute(p)
            .await?;
    });
    record(store, case_id, who, "case.need", "need.assessed", need, now).await
}

/// The needs of a case, newest assessment first.
pub async fn needs(store: &Store, case_id: i64) -> Result<Vec<Need>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(String, String, Date, Option<i64>)> = sqlx::query_as(
            "SELECT need, severity, assessed_on, assessed_by FROM case_need WHERE case_id = $1 ORDER BY assessed_on DESC, id DESC",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        Ok(rows.into_iter().map(|(need, severity, assessed_on, assessed_by)| Need { need, severity, assessed_on, assessed_by }).collect())
    })
}

/// A goal of the individual assistance plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Goal {
    /// Id.
    pub id: i64,
    /// The need it answers.
    pub need: Option<String>,
    /// The goal, in a few words.
    pub goal: String,
    /// Target date.
    pub target_on: Option<Date>,
    /// `open`, `achieved` or `dropped`.
    pub status: String,
}

/// Id, need, goal, target date and status of a goal row.
type GoalRow = (i64, Option<String>, String, Option<Date>, String);

/// Id, author, time and sealed text of a note row.
type NoteRow = (i64, Option<i64>, OffsetDateTime, Option<Vec<u8>>);

/// Adds a goal to the plan.
pub async fn add_goal(
    store: &Store,
    case_id: i64,
    need: Option<&str>,
    goal: &str,
    target_on: Option<Date>,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let id: i64 = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar(
            "INSERT INTO case_goal (case_id, need, goal, target_on, status, created_by, created_at) VALUES ($1, $2, $3, $4, 'open', $5, $6) RETURNING id",
        )
        .bind(case_id)
        .bind(need)
        .bind(goal)
        .bind(target_on)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(p)
        .await?
    });
    record(
        store,
        case_id,
        who,
        "case.goal",
        "goal.added",
        need.unwrap_or("goal"),
        now,
    )
    .await?;
    Ok(id)
}

/// The plan's goals.
pub async fn goals(store: &Store, case_id: i64) -> Result<Vec<Goal>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<GoalRow> = sqlx::query_as(
            "SELECT id, need, goal, target_on, status FROM case_goal WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        Ok(rows.into_iter().map(|(id, need, goal, target_on, status)| Goal { id, need, goal, target_on, status }).collect())
    })
}

/// Marks a goal achieved or dropped.
pub async fn set_goal_status(
    store: &Store,
    case_id: i64,
    goal_id: i64,
    status: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE case_goal SET status = $1 WHERE id = $2 AND case_id = $3")
            .bind(status)
            .bind(goal_id)
            .bind(case_id)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    record(
        store,
        case_id,
        who,
        "case.goal",
        &format!("goal.{status}"),
        "status",
        now,
    )
    .await
}

fn note_context(person_id: i64, note_id: i64) -> Vec<u8> {
    format!("person:{person_id}:note:{note_id}").into_bytes()
}

pub(crate) async fn person_key(
    store: &Store,
    vault: &Vault,
    case_id: i64,
) -> Result<(i64, crypto::SecretKey)> {
    let row: Option<(i64, Option<i32>, Option<Vec<u8>>)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT p.id, p.kek_version, p.wrapped_key FROM case_file c JOIN person p ON p.id = c.person_id WHERE c.id = $1")
            .bind(case_id)
            .fetch_optional(p)
            .await?
    });
    let Some((person, Some(v), Some(w))) = row else {
        return Err(StoreError::Erased);
    };
    let kek = vault.keyring().get(u32::try_from(v).unwrap_or(0))?;
    let key =
        crypto::unwrap(&kek, format!("person:{person}:key").as_bytes(), &w).map_err(|_| {
            StoreError::Config(format!(
                "the data key of person {person} cannot be unwrapped"
            ))
        })?;
    Ok((person, key))
}

/// Adds a note, sealed under the person's data key.
pub async fn add_note(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    case_id: i64,
    text: &str,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let (person, key) = person_key(store, vault, case_id).await?;
    let id: i64 = crate::on_pool!(store.pool(), p => {
        let id: i64 = sqlx::query_scalar("INSERT INTO case_note (case_id, author_id, created_at, sealed) VALUES ($1, $2, $3, NULL) RETURNING id")
            .bind(case_id)
            .bind(who.user_id)
            .bind(now)
            .fetch_one(p)
            .await?;
        sqlx::query("UPDATE case_note SET sealed = $1 WHERE id = $2")
            .bind(crypto::seal(&key, &note_context(person, id), text.as_bytes(), rng))
            .bind(id)
            .execute(p)
            .await?;
        id
    });
    record(store, case_id, who, "case.note", "note.added", "note", now).await?;
    Ok(id)
}

/// A note as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Author.
    pub author_id: Option<i64>,
    /// When.
    pub created_at: OffsetDateTime,
    /// The text.
    pub text: String,
}

/// Reads a case's notes, newest first, recording the read in the audit trail first.
pub async fn notes(
    store: &Store,
    vault: &Vault,
    case_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<Vec<Note>> {
    let rows: Vec<NoteRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, author_id, created_at, sealed FROM case_note WHERE case_id = $1 ORDER BY id DESC")
            .bind(case_id)
            .fetch_all(p)
            .await?
    });
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut e = who.clone();
    e.action = "case.notes.read".to_owned();
    e.record_type = Some("case".to_owned());
    e.record_id = Some(case_id.to_string());
    e.fields = Some("notes".to_owned());
    audit::record(store, &e, now).await?;
    let (person, key) = person_key(store, vault, case_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, author_id, created_at, sealed) in rows {
        let text = match sealed {
            Some(s) => String::from_utf8_lossy(
                &crypto::open(&key, &note_context(person, id), &s)
                    .map_err(|_| StoreError::Config(format!("note {id} cannot be decrypted")))?,
            )
            .into_owned(),
            None => String::new(),
        };
        out.push(Note {
            author_id,
            created_at,
            text,
        });
    }
    Ok(out)
}

/// A task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Id.
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// Its code (for "my work").
    pub case_code: String,
    /// What to do (no names: the case code identifies the case).
    pub title: String,
    /// Due date.
    pub due_on: Date,
    /// Who does it.
    pub assignee_id: Option<i64>,
    /// Done.
    pub done: bool,
}

/// Adds a task.
pub async fn add_task(
    store: &Store,
    case_id: i64,
    title: &str,
    due_on: Date,
    assignee: Option<i64>,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let id: i64 = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar(
            "INSERT INTO case_task (case_id, title, due_on, assignee_id, done_at, created_by, created_at) VALUES ($1, $2, $3, $4, NULL, $5, $6) RETURNING id",
        )
        .bind(case_id)
        .bind(title)
        .bind(due_on)
        .bind(assignee)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(p)
        .await?
    });
    record(store, case_id, who, "case.task", "task.added", "task", now).await?;
    Ok(id)
}

/// Marks a task of the case done; a task already done is left as it is (a form sent twice),
/// and a task that is not the case's is `NotFound`.
pub async fn complete_task(
    store: &Store,
    case_id: i64,
    task_id: i64,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE case_task SET done_at = $1 WHERE id = $2 AND case_id = $3 AND done_at IS NULL")
            .bind(now)
            .bind(task_id)
            .bind(case_id)
            .execute(p)
            .await?
            .rows_affected()
    });
    if n == 0 {
        let done: Option<i64> = crate::on_pool!(store.pool(), p => {
            sqlx::query_scalar("SELECT id FROM case_task WHERE id = $1 AND case_id = $2")
                .bind(task_id)
                .bind(case_id)
                .fetch_optional(p)
                .await?
        });
        return match done {
            Some(_) => Ok(()),
            None => Err(StoreError::NotFound),
        };
    }
    record(store, case_id, who, "case.task", "task.done", "task", now).await
}

const TASK_SELECT: &str = "SELECT t.id, t.case_id, c.code, t.title, t.due_on, t.assignee_id, t.done_at FROM case_task t JOIN case_file c ON c.id = t.case_id";

type TaskRow = (
    i64,
    i64,
    String,
    String,
    Date,
    Option<i64>,
    Option<OffsetDateTime>,
);

fn task(r: TaskRow) -> Task {
    Task {
        id: r.0,
        case_id: r.1,
        case_code: r.2,
        title: r.3,
        due_on: r.4,
        assignee_id: r.5,
        done: r.6.is_some(),
    }
}

/// The tasks of a case: open ones by due date, then done ones.
pub async fn tasks(store: &Store, case_id: i64) -> Result<Vec<Task>> {
    let sql = format!(
        "{TASK_SELECT} WHERE t.case_id = $1 ORDER BY (t.done_at IS NOT NULL), t.due_on, t.id"
    );
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<TaskRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(case_id).fetch_all(p).await?;
        Ok(rows.into_iter().map(task).collect())
    })
}

/// A user's open tasks across cases, overdue first (by due date).
pub async fn my_tasks(store: &Store, user_id: i64) -> Result<Vec<Task>> {
    let sql = format!(
        "{TASK_SELECT} WHERE t.assignee_id = $1 AND t.done_at IS NULL ORDER BY t.due_on, t.id LIMIT 200"
    );
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<TaskRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user_id).fetch_all(p).await?;
        Ok(rows.into_iter().map(task).collect())
    })
}

/// An episode of exploitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Episode {
    /// Id (0 for a new one).
    pub id: i64,
    /// Exploitation types (HTCDS codes).
    pub exploitation_types: Vec<String>,
    /// Labour exploitation types.
    pub labour_types: Vec<String>,
    /// Sexual exploitation types.
    pub sexual_types: Vec<String>,
    /// Means of control (HTCDS codes).
    pub means_of_control: Vec<String>,
    /// How the person was recruited.
    pub recruitment_type: Option<String>,
    /// The app used in recruitment.
    pub recruitment_app: Option<String>,
    /// The recruiter's relation to the person.
    pub recruiter_relation: Option<String>,
    /// Country of exploitation (ISO alpha-2).
    pub country: Option<String>,
    /// Start.
    pub started_on: Option<Date>,
    /// End.
    pub ended_on: Option<Date>,
}

fn joined(v: &[String]) -> String {
    v.join(",")
}

fn split(s: String) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Adds an episode to the exploitation profile.
pub async fn add_episode(
    store: &Store,
    case_id: i64,
    e: &Episode,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let id: i64 = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar(
            "INSERT INTO case_episode (case_id, exploitation_types, labour_types, sexual_types, means_of_control, recruitment_type, \
             recruitment_app, recruiter_relation, country, started_on, ended_on, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(case_id)
        .bind(joined(&e.exploitation_types))
        .bind(joined(&e.labour_types))
        .bind(joined(&e.sexual_types))
        .bind(joined(&e.means_of_control))
        .bind(&e.recruitment_type)
        .bind(&e.recruitment_app)
        .bind(&e.recruiter_relation)
        .bind(&e.country)
        .bind(e.started_on)
        .bind(e.ended_on)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(p)
        .await?
    });
    record(
        store,
        case_id,
        who,
        "case.episode",
        "episode.added",
        "exploitation_profile",
        now,
    )
    .await?;
    Ok(id)
}

/// Row of an episode.
type EpisodeRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Date>,
    Option<Date>,
);

/// The episodes of a case, oldest first.
pub async fn episodes(store: &Store, case_id: i64) -> Result<Vec<Episode>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<EpisodeRow> = sqlx::query_as(
            "SELECT id, exploitation_types, labour_types, sexual_types, means_of_control, recruitment_type, recruitment_app, \
             recruiter_relation, country, started_on, ended_on FROM case_episode WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| Episode {
                id: r.0,
                exploitation_types: split(r.1),
                labour_types: split(r.2),
                sexual_types: split(r.3),
                means_of_control: split(r.4),
                recruitment_type: r.5,
                recruitment_app: r.6,
                recruiter_relation: r.7,
                country: r.8,
                started_on: r.9,
                ended_on: r.10,
            })
            .collect())
    })
}

/// A trafficking event: recruitment, transit or exploitation, with place and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// `Recruitment`, `Transit` or `Exploitation`.
    pub kind: String,
    /// Country (ISO alpha-2).
    pub country: Option<String>,
    /// Place (city, region; no addresses of people).
    pub place: Option<String>,
    /// When.
    pub occurred_on: Option<Date>,
}

/// Adds a trafficking event.
pub async fn add_stage(
    store: &Store,
    case_id: i64,
    s: &Stage,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("INSERT INTO case_event_place (case_id, kind, country, place, occurred_on, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(case_id)
            .bind(&s.kind)
            .bind(&s.country)
            .bind(&s.place)
            .bind(s.occurred_on)
            .bind(now)
            .execute(p)
            .await?;
    });
    record(
        store,
        case_id,
        who,
        "case.trafficking_event",
        "trafficking_event.added",
        &s.kind,
        now,
    )
    .await
}

/// Kind, country, place and date of a trafficking event row.
type StageRow = (String, Option<String>, Option<String>, Option<Date>);

/// The trafficking events of a case, in time order.
pub async fn stages(store: &Store, case_id: i64) -> Result<Vec<Stage>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<StageRow> = sqlx::query_as(
            "SELECT kind, country, place, occurred_on FROM case_event_place WHERE case_id = $1 ORDER BY occurred_on, id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        Ok(rows.into_iter().map(|(kind, country, place, occurred_on)| Stage { kind, country, place, occurred_on }).collect())
    })
}

/// A perpetrator, by role only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Perpetrator {
    /// `Recruiter`, `Transporter`, `Exploiter`, `Controller` or `Other`.
    pub role: String,
    /// Relation to the person (list `recruiter_relation`).
    pub relation: Option<String>,
    /// Citizenship (ISO alpha-2).
    pub citizenship: Option<String>,
}

/// Adds a perpetrator.
pub async fn add_perpetrator(
    store: &Store,
    case_id: i64,
    p_: &Perpetrator,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query("INSERT INTO case_perpetrator (case_id, role, relation, citizenship, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(case_id)
            .bind(&p_.role)
            .bind(&p_.relation)
            .bind(&p_.citizenship)
            .bind(now)
            .execute(p)
            .await?;
    });
    record(
        store,
        case_id,
        who,
        "case.perpetrator",
        "perpetrator.added",
        &p_.role,
        now,
    )
    .await
}

/// The perpetrators of a case.
pub async fn perpetrators(store: &Store, case_id: i64) -> Result<Vec<Perpetrator>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<(String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT role, relation, citizenship FROM case_perpetrator WHERE case_id = $1 ORDER BY id")
                .bind(case_id)
                .fetch_all(p)
                .await?;
        Ok(rows.into_iter().map(|(role, relation, citizenship)| Perpetrator { role, relation, citizenship }).collect())
    })
}

/// Legal proceedings in which the person takes part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Proceeding {
    /// `criminal` or `civil`.
    pub kind: String,
    /// `investigation`, `court`, `verdict`, `closed`.
    pub stage: String,
    /// `victim` or `witness`.
    pub person_role: String,
    /// Legal aid given.
    pub legal_aid: bool,
    /// Compensation claimed, kopecks.
    pub compensation_claimed_cents: Option<i64>,
    /// Compensation awarded, kopecks.
    pub compensation_awarded_cents: Option<i64>,
    /// As of.
    pub updated_on: Date,
}

/// Records legal proceedings.
pub async fn add_proceeding(
    store: &Store,
    case_id: i64,
    l: &Proceeding,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "INSERT INTO legal_proceeding (case_id, kind, stage, person_role, legal_aid, compensation_claimed_cents, \
             compensation_awarded_cents, updated_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(case_id)
        .bind(&l.kind)
        .bind(&l.stage)
        .bind(&l.person_role)
        .bind(l.legal_aid)
        .bind(l.compensation_claimed_cents)
        .bind(l.compensation_awarded_cents)
        .bind(l.updated_on)
        .bind(now)
        .execute(p)
        .await?;
    });
    record(
        store,
        case_id,
        who,
        "case.proceeding",
        "proceeding.added",
        &l.kind,
        now,
    )
    .await
}

/// Row of a proceeding.
type ProceedingRow = (String, String, String, bool, Option<i64>, Option<i64>, Date);

/// The legal proceedings of a case.
pub async fn proceedings(store: &Store, case_id: i64) -> Result<Vec<Proceeding>> {
    crate::on_pool!(store.pool(), p => {
        let rows: Vec<ProceedingRow> = sqlx::query_as(
            "SELECT kind, stage, person_role, legal_aid, compensation_claimed_cents, compensation_awarded_cents, updated_on \
             FROM legal_proceeding WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| Proceeding {
                kind: r.0,
                stage: r.1,
                person_role: r.2,
                legal_aid: r.3,
                compensation_claimed_cents: r.4,
                compensation_awarded_cents: r.5,
                updated_on: r.6,
            })
            .collect())
    })
}

/// A family member or accompanying child as stored, without identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relative {
    /// Link id.
    pub id: i64,
    /// The relative's own person record.
    pub person_id: i64,
    /// Code in the `family_relation` list.
    pub relation: String,
    /// Travelling or staying with the person (e.g. a child in the shelter with the mother).
    pub accompanying: bool,
    /// Who recorded it.
    pub created_by: Option<i64>,
    /// When.
    pub created_at: OffsetDateTime,
    /// Sex (pseudonymous, kept outside the sealed identity like the case person's).
    pub sex: String,
}

/// Records a family member or accompanying child as a person of their own (identity sealed
/// under their own data key) linked to the case; one transaction with its event and audit entry.
#[allow(clippy::too_many_arguments)]
pub async fn add_relative(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    case_id: i64,
    identity: &mayak_domain::person::Identity,
    sex: &str,
    relation: &str,
    accompanying: bool,
    who: &AuditEvent,
    now: OffsetDateTime,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let person =
        crate::persons::create_in(&mut tx, vault, rng, identity, sex, who.user_id, now).await?;
    let id = crate::on_tx!(&mut tx, t => {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO case_relative (case_id, person_id, relation, accompanying, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(case_id)
        .bind(person)
        .bind(relation)
        .bind(accompanying)
        .bind(who.user_id)
        .bind(now)
        .fetch_one(&mut **t)
        .await?;
        sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, $3, 'relative.added', 'relative')")
            .bind(case_id)
            .bind(now)
            .bind(who.user_id)
            .execute(&mut **t)
            .await?;
        id
    });
    let mut e = who.clone();
    e.action = "person.create".to_owned();
    e.record_type = Some("person".to_owned());
    e.record_id = Some(person.to_string());
    e.fields = Some(format!("relative of case {case_id}: {relation}"));
    audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The relatives linked to a case, oldest first (no identity: read each with
/// [`crate::persons::read`], which records the read).
pub async fn relatives(store: &Store, case_id: i64) -> Result<Vec<Relative>> {
    type Row = (i64, i64, String, bool, Option<i64>, OffsetDateTime, String);
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT r.id, r.person_id, r.relation, r.accompanying, r.created_by, r.created_at, p.sex \
             FROM case_relative r JOIN person p ON p.id = r.person_id WHERE r.case_id = $1 ORDER BY r.id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(id, person_id, relation, accompanying, created_by, created_at, sex)| Relative {
                id,
                person_id,
                relation,
                accompanying,
                created_by,
                created_at,
                sex,
            },
        )
        .collect())
}
