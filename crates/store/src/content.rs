//! What the public site shows: self-check quizzes (questions, answers with points, advice
//! per score band), public pages with a draft and a published version, and the partner
//! organisations that chose to be listed.
//!
//! A visitor's answers are never stored: taking a quiz only adds one to counters (how often
//! each answer was chosen, each band reached, the quiz completed per language), in one
//! transaction, with nothing about the visitor.

// Several queries are read at once into tuples of row tuples, named where destructured.
#![allow(clippy::type_complexity)]

use crate::db::Store;
use crate::error::{Result, StoreError};
use mayak_domain::Lang;
use mayak_domain::prevention::{Band, Text3};
use serde::Serialize;
use time::OffsetDateTime;

/// A quiz with everything in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quiz {
    /// Id.
    pub id: i64,
    /// Public address part: `/quizzes/<slug>`.
    pub slug: String,
    /// Title.
    pub title: Text3,
    /// Introduction.
    pub intro: Text3,
    /// Visitors can take it.
    pub published: bool,
    /// Questions in order.
    pub questions: Vec<Question>,
    /// Score bands by lowest score.
    pub bands: Vec<BandAdvice>,
    /// Completions per language code.
    pub taken: Vec<(String, i64)>,
}

impl Quiz {
    /// The bands as the domain rules see them.
    pub fn band_ranges(&self) -> Vec<Band> {
        self.bands
            .iter()
            .map(|b| Band {
                min: b.min_score,
                max: b.max_score,
            })
            .collect()
    }

    /// Each question's answer points.
    pub fn points(&self) -> Vec<Vec<i64>> {
        self.questions
            .iter()
            .map(|q| q.answers.iter().map(|a| a.points).collect())
            .collect()
    }

    /// Completions in every language.
    pub fn taken_total(&self) -> i64 {
        self.taken.iter().map(|t| t.1).sum()
    }
}

/// A question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// Id.
    pub id: i64,
    /// Text.
    pub text: Text3,
    /// Answers in order.
    pub answers: Vec<Answer>,
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// Id.
    pub id: i64,
    /// Text.
    pub text: Text3,
    /// Points it scores.
    pub points: i64,
    /// How often visitors chose it.
    pub chosen: i64,
}

/// Advice for a score band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BandAdvice {
    /// Id.
    pub id: i64,
    /// Lowest score.
    pub min_score: i64,
    /// Highest score.
    pub max_score: i64,
    /// Advice.
    pub advice: Text3,
    /// How often visitors reached it.
    pub reached: i64,
}

/// Creates an unpublished quiz; a taken slug is a conflict.
pub async fn create_quiz(
    store: &Store,
    slug: &str,
    title: &Text3,
    intro: &Text3,
    user_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO quiz (slug, title_ru, title_be, title_en, intro_ru, intro_be, intro_en, published, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        ).bind(slug).bind(&title.ru).bind(&title.be).bind(&title.en).bind(&intro.ru).bind(&intro.be).bind(&intro.en)
        .bind(false).bind(user_id).bind(now).fetch_one(p).await?)
    })
}

/// Changes a quiz's title and introduction.
pub async fn update_quiz(
    store: &Store,
    id: i64,
    title: &Text3,
    intro: &Text3,
    now: OffsetDateTime,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE quiz SET title_ru = $1, title_be = $2, title_en = $3, intro_ru = $4, intro_be = $5, intro_en = $6, updated_at = $7 WHERE id = $8")
            .bind(&title.ru).bind(&title.be).bind(&title.en).bind(&intro.ru).bind(&intro.be).bind(&intro.en).bind(now).bind(id)
            .execute(p).await?.rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Publishes a quiz or takes it back.
pub async fn set_quiz_published(
    store: &Store,
    id: i64,
    published: bool,
    now: OffsetDateTime,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE quiz SET published = $1, updated_at = $2 WHERE id = $3")
            .bind(published).bind(now).bind(id).execute(p).await?.rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Adds a question at the end of a quiz.
pub async fn add_question(store: &Store, quiz_id: i64, text: &Text3) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = crate::on_tx!(&mut tx, t => {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM quiz WHERE id = $1").bind(quiz_id).fetch_optional(&mut **t).await?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        let next: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quiz_question WHERE quiz_id = $1").bind(quiz_id).fetch_one(&mut **t).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO quiz_question (quiz_id, position, text_ru, text_be, text_en) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        ).bind(quiz_id).bind(next + 1).bind(&text.ru).bind(&text.be).bind(&text.en).fetch_one(&mut **t).await?;
        id
    });
    tx.commit().await?;
    Ok(id)
}

/// Adds an answer at the end of a question of `quiz_id`.
pub async fn add_answer(
    store: &Store,
    quiz_id: i64,
    question_id: i64,
    text: &Text3,
    points: i64,
) -> Result<i64> {
    let mut tx = store.begin().await?;
    let id = crate::on_tx!(&mut tx, t => {
        let owner: Option<i64> = sqlx::query_scalar("SELECT quiz_id FROM quiz_question WHERE id = $1")
            .bind(question_id).fetch_optional(&mut **t).await?;
        if owner != Some(quiz_id) {
            return Err(StoreError::NotFound);
        }
        let next: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quiz_answer WHERE question_id = $1").bind(question_id).fetch_one(&mut **t).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO quiz_answer (question_id, position, text_ru, text_be, text_en, points, chosen) VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id",
        ).bind(question_id).bind(next + 1).bind(&text.ru).bind(&text.be).bind(&text.en).bind(points).fetch_one(&mut **t).await?;
        id
    });
    tx.commit().await?;
    Ok(id)
}

/// Adds a score band with its advice (the caller checks overlaps with `check_band`).
pub async fn add_band(store: &Store, quiz_id: i64, band: Band, advice: &Text3) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO quiz_band (quiz_id, min_score, max_score, advice_ru, advice_be, advice_en, reached) VALUES ($1, $2, $3, $4, $5, $6, 0) RETURNING id",
        ).bind(quiz_id).bind(band.min).bind(band.max).bind(&advice.ru).bind(&advice.be).bind(&advice.en).fetch_one(p).await?)
    })
}

type QuizRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    bool,
);

fn t3(ru: String, be: String, en: String) -> Text3 {
    Text3 { ru, be, en }
}

/// Every quiz (or only the published ones), by id.
pub async fn list_quizzes(store: &Store, published_only: bool) -> Result<Vec<Quiz>> {
    load(store, None, None, published_only).await
}

/// A quiz by id.
pub async fn get_quiz(store: &Store, id: i64) -> Result<Quiz> {
    load(store, Some(id), None, false)
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

/// A published quiz by slug.
pub async fn published_quiz(store: &Store, slug: &str) -> Result<Quiz> {
    load(store, None, Some(slug), true)
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

async fn load(
    store: &Store,
    id: Option<i64>,
    slug: Option<&str>,
    published_only: bool,
) -> Result<Vec<Quiz>> {
    type QRow = (i64, i64, String, String, String);
    type ARow = (i64, i64, String, String, String, i64, i64);
    type BRow = (i64, i64, i64, i64, String, String, String, i64);
    let (quizzes, questions, answers, bands, totals): (
        Vec<QuizRow>,
        Vec<QRow>,
        Vec<ARow>,
        Vec<BRow>,
        Vec<(i64, String, i64)>,
    ) = crate::on_pool!(store.pool(), p => {
        let quizzes = sqlx::query_as(
            "SELECT id, slug, title_ru, title_be, title_en, intro_ru, intro_be, intro_en, published FROM quiz \
             WHERE ($1 IS NULL OR id = $1) AND ($2 IS NULL OR slug = $2) AND (published = $3 OR $4) ORDER BY id",
        ).bind(id).bind(slug).bind(true).bind(!published_only).fetch_all(p).await?;
        let questions = sqlx::query_as("SELECT id, quiz_id, text_ru, text_be, text_en FROM quiz_question ORDER BY position, id")
            .fetch_all(p).await?;
        let answers = sqlx::query_as("SELECT id, question_id, text_ru, text_be, text_en, points, chosen FROM quiz_answer ORDER BY position, id")
            .fetch_all(p).await?;
        let bands = sqlx::query_as("SELECT id, quiz_id, min_score, max_score, advice_ru, advice_be, advice_en, reached FROM quiz_band ORDER BY min_score")
            .fetch_all(p).await?;
        let totals = sqlx::query_as("SELECT quiz_id, lang, taken FROM quiz_total ORDER BY lang").fetch_all(p).await?;
        (quizzes, questions, answers, bands, totals)
    });
    Ok(quizzes
        .into_iter()
        .map(|(id, slug, tr, tb, te, ir, ib, ie, published)| Quiz {
            id,
            slug,
            title: t3(tr, tb, te),
            intro: t3(ir, ib, ie),
            published,
            questions: questions
                .iter()
                .filter(|q| q.1 == id)
                .map(|q| Question {
                    id: q.0,
                    text: t3(q.2.clone(), q.3.clone(), q.4.clone()),
                    answers: answers
                        .iter()
                        .filter(|a| a.1 == q.0)
                        .map(|a| Answer {
                            id: a.0,
                            text: t3(a.2.clone(), a.3.clone(), a.4.clone()),
                            points: a.5,
                            chosen: a.6,
                        })
                        .collect(),
                })
                .collect(),
            bands: bands
                .iter()
                .filter(|b| b.1 == id)
                .map(|b| BandAdvice {
                    id: b.0,
                    min_score: b.2,
                    max_score: b.3,
                    advice: t3(b.4.clone(), b.5.clone(), b.6.clone()),
                    reached: b.7,
                })
                .collect(),
            taken: totals
                .iter()
                .filter(|t| t.0 == id)
                .map(|t| (t.1.clone(), t.2))
                .collect(),
        })
        .collect())
}

/// Counts one completed quiz: each chosen answer, the band reached and the completion in
/// `lang`. Nothing about the visitor is written.
pub async fn count_result(
    store: &Store,
    quiz_id: i64,
    lang: Lang,
    answer_ids: &[i64],
    band_id: Option<i64>,
) -> Result<()> {
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        for a in answer_ids {
            sqlx::query("UPDATE quiz_answer SET chosen = chosen + 1 WHERE id = $1").bind(a).execute(&mut **t).await?;
        }
        if let Some(b) = band_id {
            sqlx::query("UPDATE quiz_band SET reached = reached + 1 WHERE id = $1").bind(b).execute(&mut **t).await?;
        }
        sqlx::query(
            "INSERT INTO quiz_total (quiz_id, lang, taken) VALUES ($1, $2, 1) \
             ON CONFLICT (quiz_id, lang) DO UPDATE SET taken = quiz_total.taken + 1",
        ).bind(quiz_id).bind(lang.code()).execute(&mut **t).await?;
    });
    tx.commit().await
}

/// A public page: the draft editors work on, and the version visitors see once published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// Address part: `/pages/<slug>`.
    pub slug: String,
    /// Draft title.
    pub draft_title: Text3,
    /// Draft body (paragraphs separated by blank lines).
    pub draft_body: Text3,
    /// Published title.
    pub title: Option<Text3>,
    /// Published body.
    pub body: Option<Text3>,
    /// When last published.
    pub published_at: Option<OffsetDateTime>,
}

impl Page {
    /// The draft differs from what visitors see.
    pub fn has_unpublished_changes(&self) -> bool {
        self.title.as_ref() != Some(&self.draft_title)
            || self.body.as_ref() != Some(&self.draft_body)
    }
}

type PageRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<OffsetDateTime>,
);

fn page(r: PageRow) -> Page {
    let opt = |a: Option<String>, b: Option<String>, c: Option<String>| match (a, b, c) {
        (Some(ru), Some(be), Some(en)) => Some(Text3 { ru, be, en }),
        _ => None,
    };
    Page {
        slug: r.0,
        draft_title: t3(r.1, r.2, r.3),
        draft_body: t3(r.4, r.5, r.6),
        title: opt(r.7, r.8, r.9),
        body: opt(r.10, r.11, r.12),
        published_at: r.13,
    }
}

const PAGE_COLUMNS: &str = "slug, draft_title_ru, draft_title_be, draft_title_en, draft_body_ru, draft_body_be, draft_body_en, \
     title_ru, title_be, title_en, body_ru, body_be, body_en, published_at";

/// Every public page, by slug.
pub async fn pages(store: &Store) -> Result<Vec<Page>> {
    let sql = format!("SELECT {PAGE_COLUMNS} FROM public_page ORDER BY slug");
    let rows: Vec<PageRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?
    });
    Ok(rows.into_iter().map(page).collect())
}

/// One public page.
pub async fn get_page(store: &Store, slug: &str) -> Result<Page> {
    let sql = format!("SELECT {PAGE_COLUMNS} FROM public_page WHERE slug = $1");
    let row: Option<PageRow> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(p).await?
    });
    row.map(page).ok_or(StoreError::NotFound)
}

/// Saves the draft of a page (creating the page when new); visitors still see the published one.
pub async fn save_page_draft(
    store: &Store,
    slug: &str,
    title: &Text3,
    body: &Text3,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "INSERT INTO public_page (slug, draft_title_ru, draft_title_be, draft_title_en, draft_body_ru, draft_body_be, draft_body_en, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (slug) DO UPDATE SET draft_title_ru = $2, draft_title_be = $3, \
             draft_title_en = $4, draft_body_ru = $5, draft_body_be = $6, draft_body_en = $7, updated_at = $8",
        ).bind(slug).bind(&title.ru).bind(&title.be).bind(&title.en).bind(&body.ru).bind(&body.be).bind(&body.en).bind(now)
        .execute(p).await?;
    });
    Ok(())
}

/// Publishes a page's draft.
pub async fn publish_page(store: &Store, slug: &str, now: OffsetDateTime) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "UPDATE public_page SET title_ru = draft_title_ru, title_be = draft_title_be, title_en = draft_title_en, \
             body_ru = draft_body_ru, body_be = draft_body_be, body_en = draft_body_en, published_at = $1 WHERE slug = $2",
        ).bind(now).bind(slug).execute(p).await?.rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Lists an organisation on the public site (it chose to be), or removes it.
pub async fn set_listed(
    store: &Store,
    organisation_id: i64,
    listed: bool,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        if listed {
            sqlx::query("INSERT INTO public_listing (organisation_id, listed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(organisation_id).bind(now).execute(p).await?;
        } else {
            sqlx::query("DELETE FROM public_listing WHERE organisation_id = $1").bind(organisation_id).execute(p).await?;
        }
    });
    Ok(())
}

/// Ids of the organisations listed on the public site.
pub async fn listed(store: &Store) -> Result<Vec<i64>> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar("SELECT organisation_id FROM public_listing ORDER BY organisation_id").fetch_all(p).await?)
    })
}
