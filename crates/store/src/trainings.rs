//! Trainings of the international training centre and of partners: courses, sessions (dates,
//! place or online, trainers), participants with their organisation, region and membership
//! of a multidisciplinary group, attendance, pre- and post-test scores, certificates and
//! anonymous feedback.
//!
//! Participants are professionals trained for their work; their names are kept to print
//! certificates and are shown only to holders of `trainings.manage`. Statistics use
//! everything but the name.

// Several queries are read at once into tuples of row tuples, named where destructured.
#![allow(clippy::type_complexity)]

use crate::db::Store;
use crate::error::{Result, StoreError};
use serde::Serialize;
use time::{Date, OffsetDateTime};

/// A course: what is taught, by which organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Course {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// What it covers.
    pub description: String,
    /// The organising organisation.
    pub organisation_id: i64,
}

/// Records a course.
pub async fn create_course(
    store: &Store,
    title: &str,
    description: &str,
    organisation_id: i64,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO training_course (title, description, organisation_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        ).bind(title).bind(description).bind(organisation_id).bind(now).fetch_one(p).await?)
    })
}

/// Every course, by title.
pub async fn courses(store: &Store) -> Result<Vec<Course>> {
    let rows: Vec<(i64, String, String, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, title, description, organisation_id FROM training_course ORDER BY title, id")
            .fetch_all(p).await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, title, description, organisation_id)| Course {
            id,
            title,
            description,
            organisation_id,
        })
        .collect())
}

/// A session of a course, as a form or the API gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInput {
    /// The course.
    pub course_id: i64,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Held online.
    pub online: bool,
    /// Where (or the platform, online).
    pub place: String,
    /// Region code, for sessions held in a region.
    pub region: Option<String>,
    /// Trainers' names, comma-separated.
    pub trainers: String,
    /// Highest score of the pre- and post-test.
    pub max_score: i64,
}

/// A session with its course's title and counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    /// Id.
    pub id: i64,
    /// Course.
    pub course_id: i64,
    /// Course title.
    pub course_title: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Online.
    pub online: bool,
    /// Place.
    pub place: String,
    /// Region code.
    pub region: Option<String>,
    /// Trainers.
    pub trainers: String,
    /// Test maximum.
    pub max_score: i64,
    /// Participants registered.
    pub participants: i64,
    /// Participants who attended.
    pub attended: i64,
    /// Average knowledge gain in points of the maximum, over those with both tests.
    pub average_gain: Option<f64>,
}

/// Records a session.
pub async fn create_session(
    store: &Store,
    s: &SessionInput,
    user_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO training_session (course_id, starts_on, ends_on, online, place, region, trainers, max_score, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        ).bind(s.course_id).bind(s.starts_on).bind(s.ends_on).bind(s.online).bind(&s.place).bind(&s.region)
        .bind(&s.trainers).bind(s.max_score).bind(user_id).bind(now).fetch_one(p).await?)
    })
}

type SessionRow = (
    i64,
    i64,
    String,
    Date,
    Date,
    bool,
    String,
    Option<String>,
    String,
    i64,
);

/// Every session, newest first.
pub async fn sessions(store: &Store) -> Result<Vec<Session>> {
    load_sessions(store, None).await
}

/// One session.
pub async fn session(store: &Store, id: i64) -> Result<Session> {
    load_sessions(store, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

async fn load_sessions(store: &Store, only: Option<i64>) -> Result<Vec<Session>> {
    let (rows, people): (Vec<SessionRow>, Vec<(i64, bool, Option<i64>, Option<i64>)>) = crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query_as(
            "SELECT s.id, s.course_id, c.title, s.starts_on, s.ends_on, s.online, s.place, s.region, s.trainers, s.max_score \
             FROM training_session s JOIN training_course c ON c.id = s.course_id WHERE ($1 IS NULL OR s.id = $1) \
             ORDER BY s.starts_on DESC, s.id DESC",
        ).bind(only).fetch_all(p).await?;
        let people = sqlx::query_as(
            "SELECT session_id, attended, pre_score, post_score FROM training_participant WHERE ($1 IS NULL OR session_id = $1)",
        ).bind(only).fetch_all(p).await?;
        (rows, people)
    });
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                course_id,
                course_title,
                starts_on,
                ends_on,
                online,
                place,
                region,
                trainers,
                max_score,
            )| {
                let mine: Vec<_> = people.iter().filter(|p| p.0 == id).collect();
                let scores: Vec<(Option<i64>, Option<i64>)> =
                    mine.iter().map(|p| (p.2, p.3)).collect();
                Session {
                    id,
                    course_id,
                    course_title,
                    starts_on,
                    ends_on,
                    online,
                    place,
                    region,
                    trainers,
                    max_score,
                    participants: mine.len() as i64,
                    attended: mine.iter().filter(|p| p.1).count() as i64,
                    average_gain: mayak_domain::prevention::average_gain(&scores, max_score),
                }
            },
        )
        .collect())
}

/// A participant to register.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParticipantInput {
    /// Full name, as the certificate prints it.
    pub full_name: String,
    /// Sex code.
    pub sex: String,
    /// The organisation from the directory, when it is there.
    pub organisation_id: Option<i64>,
    /// The organisation's name (as given, or the directory's).
    pub organisation_name: String,
    /// Organisation type code.
    pub org_type: String,
    /// Region code.
    pub region: String,
    /// Member of a multidisciplinary group.
    pub mdg_member: bool,
}

/// A registered participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    /// Id.
    pub id: i64,
    /// Session.
    pub session_id: i64,
    /// Full name.
    pub full_name: String,
    /// Sex code.
    pub sex: String,
    /// Organisation from the directory.
    pub organisation_id: Option<i64>,
    /// Organisation name.
    pub organisation_name: String,
    /// Organisation type code.
    pub org_type: String,
    /// Region code.
    pub region: String,
    /// Member of a multidisciplinary group.
    pub mdg_member: bool,
    /// Attended.
    pub attended: bool,
    /// Pre-test score.
    pub pre_score: Option<i64>,
    /// Post-test score.
    pub post_score: Option<i64>,
    /// Certificate number, once issued.
    pub certificate_no: Option<String>,
}

/// Registers participants of a session, all or none.
pub async fn add_participants(
    store: &Store,
    session_id: i64,
    people: &[ParticipantInput],
    now: OffsetDateTime,
) -> Result<Vec<i64>> {
    let mut tx = store.begin().await?;
    let ids = crate::on_tx!(&mut tx, t => {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM training_session WHERE id = $1")
            .bind(session_id).fetch_optional(&mut **t).await?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        let mut ids = Vec::with_capacity(people.len());
        for p in people {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO training_participant (session_id, full_name, sex, organisation_id, organisation_name, org_type, region, \
                 mdg_member, attended, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            ).bind(session_id).bind(&p.full_name).bind(&p.sex).bind(p.organisation_id).bind(&p.organisation_name)
            .bind(&p.org_type).bind(&p.region).bind(p.mdg_member).bind(false).bind(now)
            .fetch_one(&mut **t).await?;
            ids.push(id);
        }
        ids
    });
    tx.commit().await?;
    Ok(ids)
}

type ParticipantRow = (
    i64,
    i64,
    String,
    String,
    Option<i64>,
    String,
    String,
    String,
    bool,
    bool,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

fn participant(r: ParticipantRow) -> Participant {
    Participant {
        id: r.0,
        session_id: r.1,
        full_name: r.2,
        sex: r.3,
        organisation_id: r.4,
        organisation_name: r.5,
        org_type: r.6,
        region: r.7,
        mdg_member: r.8,
        attended: r.9,
        pre_score: r.10,
        post_score: r.11,
        certificate_no: r.12,
    }
}

const PARTICIPANT_COLUMNS: &str = "id, session_id, full_name, sex, organisation_id, organisation_name, org_type, region, \
     mdg_member, attended, pre_score, post_score, certificate_no";

/// The participants of a session, in the order registered.
pub async fn participants(store: &Store, session_id: i64) -> Result<Vec<Participant>> {
    let sql = format!(
        "SELECT {PARTICIPANT_COLUMNS} FROM training_participant WHERE session_id = $1 ORDER BY id"
    );
    let rows: Vec<ParticipantRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(session_id).fetch_all(p).await?
    });
    Ok(rows.into_iter().map(participant).collect())
}

/// One participant of a session.
pub async fn get_participant(store: &Store, session_id: i64, id: i64) -> Result<Participant> {
    let sql = format!(
        "SELECT {PARTICIPANT_COLUMNS} FROM training_participant WHERE session_id = $1 AND id = $2"
    );
    let row: Option<ParticipantRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(session_id).bind(id).fetch_optional(p).await?
    });
    row.map(participant).ok_or(StoreError::NotFound)
}

/// Records a participant's attendance and test scores.
pub async fn record_results(
    store: &Store,
    session_id: i64,
    id: i64,
    attended: bool,
    pre: Option<i64>,
    post: Option<i64>,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE training_participant SET attended = $1, pre_score = $2, post_score = $3 WHERE session_id = $4 AND id = $5")
            .bind(attended).bind(pre).bind(post).bind(session_id).bind(id).execute(p).await?.rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The participant's certificate number, issued now if it was not yet: `TC-<year>-<id>`.
/// Only participants who attended receive one (`Conflict` otherwise).
pub async fn certificate_number(store: &Store, session_id: i64, id: i64) -> Result<String> {
    let p = get_participant(store, session_id, id).await?;
    if !p.attended {
        return Err(StoreError::Conflict(
            "the participant did not attend".into(),
        ));
    }
    if let Some(n) = p.certificate_no {
        return Ok(n);
    }
    let s = session(store, session_id).await?;
    let number = format!("TC-{}-{:05}", s.ends_on.year(), id);
    crate::on_pool!(store.pool(), pool => {
        sqlx::query("UPDATE training_participant SET certificate_no = $1 WHERE id = $2 AND certificate_no IS NULL")
            .bind(&number).bind(id).execute(pool).await?;
    });
    Ok(number)
}

/// Anonymous feedback on a session: a rating from 1 to 5 and a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feedback {
    /// 1–5.
    pub rating: i64,
    /// Comment.
    pub comment: String,
}

/// Records feedback on a session.
pub async fn add_feedback(
    store: &Store,
    session_id: i64,
    rating: i64,
    comment: &str,
    now: OffsetDateTime,
) -> Result<()> {
    session(store, session_id).await?;
    crate::on_pool!(store.pool(), p => {
        sqlx::query("INSERT INTO training_feedback (session_id, rating, comment, created_at) VALUES ($1, $2, $3, $4)")
            .bind(session_id).bind(rating).bind(comment).bind(now).execute(p).await?;
    });
    Ok(())
}

/// The feedback on a session.
pub async fn feedback(store: &Store, session_id: i64) -> Result<Vec<Feedback>> {
    let rows: Vec<(i64, String)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT rating, comment FROM training_feedback WHERE session_id = $1 ORDER BY id")
            .bind(session_id).fetch_all(p).await?
    });
    Ok(rows
        .into_iter()
        .map(|(rating, comment)| Feedback { rating, comment })
        .collect())
}

/// One trained person for statistics: nothing but categories and scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainedRow {
    /// Year the session ended.
    pub year: i32,
    /// Sex code.
    pub sex: String,
    /// Region code.
    pub region: String,
    /// Organisation type code.
    pub org_type: String,
    /// Member of a multidisciplinary group.
    pub mdg_member: bool,
    /// Scores and the test's maximum.
    pub pre: Option<i64>,
    /// Post-test.
    pub post: Option<i64>,
    /// Maximum.
    pub max_score: i64,
}

/// Everyone who attended a session, as statistics see them.
pub async fn trained(store: &Store) -> Result<Vec<TrainedRow>> {
    type Row = (
        Date,
        String,
        String,
        String,
        bool,
        Option<i64>,
        Option<i64>,
        i64,
    );
    let rows: Vec<Row> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT s.ends_on, t.sex, t.region, t.org_type, t.mdg_member, t.pre_score, t.post_score, s.max_score \
             FROM training_participant t JOIN training_session s ON s.id = t.session_id WHERE t.attended = $1",
        ).bind(true).fetch_all(p).await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(on, sex, region, org_type, mdg_member, pre, post, max_score)| TrainedRow {
                year: on.year(),
                sex,
                region,
                org_type,
                mdg_member,
                pre,
                post,
                max_score,
            },
        )
        .collect())
}
