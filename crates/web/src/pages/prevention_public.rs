//! The public site's prevention pages: self-check quizzes taken anonymously (only totals are
//! counted, nothing about the visitor is kept) and public pages such as the safe-travel
//! advice. No sign-in, no cookie beyond the chosen language.

use super::{Base, render};
use crate::AppState;
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use mayak_domain::prevention as rules;
use mayak_domain::{FieldError, FieldErrors, Lang};
use mayak_store::StoreError;
use mayak_store::content::{self, Page, Quiz};

/// What a visitor's answers add up to.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Total score.
    pub score: i64,
    /// Highest possible score.
    pub max: i64,
    /// The band's advice, in the page's language.
    pub advice: String,
    /// The band reached.
    pub band_id: Option<i64>,
    /// The chosen answers.
    pub answers: Vec<i64>,
}

/// Scores a quiz from `q<question id>=<answer id>` pairs; every question needs an answer.
pub fn score(
    quiz: &Quiz,
    lang: Lang,
    chosen: &dyn Fn(i64) -> Option<i64>,
) -> Result<Outcome, FieldErrors> {
    let mut e = FieldErrors::default();
    let mut total = 0;
    let mut max = 0;
    let mut answers = Vec::new();
    for q in &quiz.questions {
        max += q.answers.iter().map(|a| a.points).max().unwrap_or(0);
        match chosen(q.id).and_then(|a| q.answers.iter().find(|x| x.id == a)) {
            Some(a) => {
                total += a.points;
                answers.push(a.id);
            }
            None => e.push(FieldError::new(format!("q{}", q.id), "choose_answer")),
        }
    }
    if !e.is_empty() {
        return Err(e);
    }
    let band = rules::band_for(total, &quiz.band_ranges()).and_then(|i| quiz.bands.get(i));
    Ok(Outcome {
        score: total,
        max,
        advice: band
            .map(|b| b.advice.get(lang).to_owned())
            .unwrap_or_default(),
        band_id: band.map(|b| b.id),
        answers,
    })
}

#[derive(Template)]
#[template(path = "prevention_quiz.html")]
pub(super) struct QuizPage {
    pub b: Base,
    pub quiz: Quiz,
    pub action: String,
    pub preview: bool,
    pub outcome: Option<Outcome>,
    pub errors: Errors,
    pub form: FormPairs,
}

impl QuizPage {
    fn name(&self, id: &i64) -> String {
        format!("q{id}")
    }

    fn checked(&self, q: &i64, a: &i64) -> bool {
        self.form.get(&format!("q{q}")) == a.to_string()
    }
}

/// Renders a quiz form, or its result when the answers were sent.
pub(super) async fn quiz_response(
    state: &AppState,
    b: Base,
    quiz: Quiz,
    action: String,
    preview: bool,
    form: Option<FormPairs>,
) -> Result<Response, PageError> {
    let lang = b.lang();
    let (outcome, errors, form) = match form {
        None => (None, Errors::default(), FormPairs::default()),
        Some(form) => {
            let chosen = |q: i64| form.get(&format!("q{q}")).parse::<i64>().ok();
            match score(&quiz, lang, &chosen) {
                Ok(o) => {
                    if !preview {
                        content::count_result(&state.store, quiz.id, lang, &o.answers, o.band_id)
                            .await?;
                    }
                    (Some(o), Errors::default(), form)
                }
                Err(e) => (None, Errors::from(&b.tr, &e), form),
            }
        }
    };
    let failed = !errors.is_empty();
    let mut res = render(&QuizPage {
        b,
        quiz,
        action,
        preview,
        outcome,
        errors,
        form,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

async fn published(state: &AppState, slug: &str) -> Result<Quiz, PageError> {
    match content::published_quiz(&state.store, slug).await {
        Ok(q) => Ok(q),
        Err(StoreError::NotFound) => Err(PageError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `GET /quizzes/{quiz}`.
pub async fn quiz(
    State(state): State<AppState>,
    b: Base,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let q = published(&state, &slug).await?;
    let action = format!("/quizzes/{}", q.slug);
    quiz_response(&state, b, q, action, false, None).await
}

/// `POST /quizzes/{quiz}`: scores the answers, counts them anonymously and shows the advice.
pub async fn answer(
    State(state): State<AppState>,
    b: Base,
    Path(slug): Path<String>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let q = published(&state, &slug).await?;
    let action = format!("/quizzes/{}", q.slug);
    quiz_response(&state, b, q, action, false, Some(form)).await
}

#[derive(Template)]
#[template(path = "prevention_quizzes_public.html")]
struct QuizzesPage {
    b: Base,
    quizzes: Vec<Quiz>,
}

/// `GET /quizzes`: the published self-check quizzes.
pub async fn quizzes(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let quizzes = content::list_quizzes(&state.store, true).await?;
    render(&QuizzesPage { b, quizzes })
}

#[derive(Template)]
#[template(path = "prevention_page.html")]
pub(super) struct PublicPage {
    pub b: Base,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub preview: Option<String>,
}

/// Splits a page body into paragraphs at blank lines.
pub fn paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `GET /pages/{page}`: a published public page.
pub async fn page(
    State(state): State<AppState>,
    b: Base,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let p: Page = match content::get_page(&state.store, &slug).await {
        Ok(p) => p,
        Err(StoreError::NotFound) => return Err(PageError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let (Some(title), Some(body)) = (p.title, p.body) else {
        return Err(PageError::NotFound);
    };
    let lang = b.lang();
    render(&PublicPage {
        title: title.get(lang).to_owned(),
        paragraphs: paragraphs(body.get(lang)),
        b,
        preview: None,
    })
}
