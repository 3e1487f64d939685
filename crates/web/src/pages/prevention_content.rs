//! The content editor's pages: self-check quizzes (questions, answers with points, advice per
//! score band; preview and publish), public pages (a draft, a preview, publishing), and the
//! partner organisations listed on the public site.

use super::prevention_public::{PublicPage, paragraphs, quiz_response};
use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::prevention::{self as rules, Band, MAX_LONG, MAX_SHORT, QuizProblem, Text3};
use mayak_domain::{FieldError, FieldErrors};
use mayak_store::StoreError;
use mayak_store::content::{self, Page, Quiz};
use mayak_store::orgs::{self, Organisation};
use serde::Deserialize;

fn text3(form: &FormPairs, name: &str, max: usize, multiline: bool, e: &mut FieldErrors) -> Text3 {
    Text3::parse(
        name,
        [
            form.get(&format!("{name}_ru")),
            form.get(&format!("{name}_be")),
            form.get(&format!("{name}_en")),
        ],
        max,
        multiline,
        e,
    )
}

/// `?notice=` after a change.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

fn notice_text(b: &Base, n: Option<String>) -> Option<String> {
    const ALLOWED: &[&str] = &[
        "quiz-created",
        "quiz-updated",
        "question-added",
        "answer-added",
        "band-added",
        "quiz-published",
        "quiz-unpublished",
        "page-saved",
        "page-published",
        "partners-saved",
    ];
    n.filter(|n| ALLOWED.contains(&n.as_str()))
        .map(|n| b.t(&format!("prevention-notice-{n}")))
}

#[derive(Template)]
#[template(path = "prevention_quizzes.html")]
struct QuizzesPage {
    b: Base,
    quizzes: Vec<Quiz>,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
}

async fn quizzes_page(
    state: &AppState,
    b: Base,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let failed = !errors.is_empty();
    let mut res = render(&QuizzesPage {
        quizzes: content::list_quizzes(&state.store, false).await?,
        b,
        errors,
        form,
        notice,
    })?;
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /content/quizzes`.
pub async fn quizzes(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice);
    quizzes_page(&state, b, Errors::default(), FormPairs::default(), notice).await
}

/// `POST /content/quizzes`.
pub async fn create_quiz(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut e = FieldErrors::default();
    let slug = e.check(rules::slug("slug", form.get("slug")));
    let title = text3(&form, "title", MAX_SHORT, false, &mut e);
    let intro = text3(&form, "intro", MAX_LONG, true, &mut e);
    if let Some(slug) = slug.filter(|_| e.is_empty()) {
        match content::create_quiz(
            &state.store,
            &slug,
            &title,
            &intro,
            Some(v.user_id),
            state.clock.now(),
        )
        .await
        {
            Ok(id) => {
                auth::audit(&state, auth::event(&v, "quiz.create", "quiz", id), &origin).await;
                return Ok(
                    Redirect::to(&format!("/content/quizzes/{id}?notice=quiz-created"))
                        .into_response(),
                );
            }
            Err(StoreError::Conflict(_)) => e.push(FieldError::new("slug", "taken")),
            Err(err) => return Err(err.into()),
        }
    }
    let errors = Errors::from(&b.tr, &e);
    quizzes_page(&state, b, errors, form, None).await
}

#[derive(Template)]
#[template(path = "prevention_quiz_edit.html")]
struct QuizEditPage {
    b: Base,
    quiz: Quiz,
    problems: Vec<QuizProblem>,
    failed: String,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
}

impl QuizEditPage {
    fn err(&self, which: &str) -> Errors {
        if self.failed == which {
            self.errors.clone()
        } else {
            Errors::default()
        }
    }

    /// A field as sent when its form failed; for the quiz's own form, its current value.
    fn sent(&self, which: &str, field: &str) -> String {
        if self.failed == which {
            return self.form.get(field).to_owned();
        }
        if which == "meta" {
            let t = match field {
                "title_ru" => &self.quiz.title.ru,
                "title_be" => &self.quiz.title.be,
                "title_en" => &self.quiz.title.en,
                "intro_ru" => &self.quiz.intro.ru,
                "intro_be" => &self.quiz.intro.be,
                _ => &self.quiz.intro.en,
            };
            return t.clone();
        }
        String::new()
    }

    fn max_score(&self) -> i64 {
        self.quiz
            .questions
            .iter()
            .map(|q| q.answers.iter().map(|a| a.points).max().unwrap_or(0))
            .sum()
    }
}

/// The form field of one language of a text: `title_be`.
pub fn field_of(name: &str, lang: &str) -> String {
    format!("{name}_{lang}")
}

/// The form name of a sub-form of one record: `answer-12`.
fn key(prefix: &str, id: impl std::borrow::Borrow<i64>) -> String {
    format!("{prefix}-{}", id.borrow())
}

#[allow(clippy::too_many_arguments)]
async fn quiz_page(
    state: &AppState,
    b: Base,
    id: i64,
    failed: &str,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let quiz = content::get_quiz(&state.store, id).await?;
    let problems = rules::publish_problems(&quiz.points(), &quiz.band_ranges());
    let bad = !errors.is_empty();
    let mut res = render(&QuizEditPage {
        b,
        quiz,
        problems,
        failed: failed.to_owned(),
        errors,
        form,
        notice,
    })?;
    if bad {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /content/quizzes/{id}`.
pub async fn quiz(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice);
    quiz_page(
        &state,
        b,
        id,
        "",
        Errors::default(),
        FormPairs::default(),
        notice,
    )
    .await
}

fn back(id: i64, notice: &str) -> Response {
    Redirect::to(&format!("/content/quizzes/{id}?notice={notice}")).into_response()
}

/// `POST /content/quizzes/{id}`: title and introduction.
pub async fn update_quiz(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    content::get_quiz(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let title = text3(&form, "title", MAX_SHORT, false, &mut e);
    let intro = text3(&form, "intro", MAX_LONG, true, &mut e);
    if !e.is_empty() {
        let errors = Errors::from(&b.tr, &e);
        return quiz_page(&state, b, id, "meta", errors, form, None).await;
    }
    content::update_quiz(&state.store, id, &title, &intro, state.clock.now()).await?;
    auth::audit(&state, auth::event(&v, "quiz.update", "quiz", id), &origin).await;
    Ok(back(id, "quiz-updated"))
}

/// `POST /content/quizzes/{id}/questions`.
pub async fn add_question(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let quiz = content::get_quiz(&state.store, id).await?;
    let mut e = FieldErrors::default();
    if quiz.published {
        e.push(FieldError::new("question_ru", "quiz_published"));
    }
    let text = text3(&form, "question", MAX_LONG, false, &mut e);
    if !e.is_empty() {
        let errors = Errors::from(&b.tr, &e);
        return quiz_page(&state, b, id, "question", errors, form, None).await;
    }
    content::add_question(&state.store, id, &text).await?;
    auth::audit(
        &state,
        auth::event(&v, "quiz.question", "quiz", id),
        &origin,
    )
    .await;
    Ok(back(id, "question-added"))
}

/// `POST /content/quizzes/{id}/questions/{question}/answers`.
pub async fn add_answer(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, question)): Path<(i64, i64)>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let quiz = content::get_quiz(&state.store, id).await?;
    if !quiz.questions.iter().any(|q| q.id == question) {
        return Err(PageError::NotFound);
    }
    let mut e = FieldErrors::default();
    if quiz.published {
        e.push(FieldError::new("answer_ru", "quiz_published"));
    }
    let text = text3(&form, "answer", MAX_SHORT, false, &mut e);
    let points = e
        .check(rules::number("points", form.get("points"), -100, 100, true))
        .flatten();
    match points {
        Some(points) if e.is_empty() => {
            content::add_answer(&state.store, id, question, &text, points).await?;
            auth::audit(&state, auth::event(&v, "quiz.answer", "quiz", id), &origin).await;
            Ok(back(id, "answer-added"))
        }
        _ => {
            let errors = Errors::from(&b.tr, &e);
            quiz_page(&state, b, id, &key("answer", question), errors, form, None).await
        }
    }
}

/// `POST /content/quizzes/{id}/bands`.
pub async fn add_band(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let quiz = content::get_quiz(&state.store, id).await?;
    let mut e = FieldErrors::default();
    if quiz.published {
        e.push(FieldError::new("min_score", "quiz_published"));
    }
    let min = e
        .check(rules::number(
            "min_score",
            form.get("min_score"),
            -1000,
            1000,
            true,
        ))
        .flatten();
    let max = e
        .check(rules::number(
            "max_score",
            form.get("max_score"),
            -1000,
            1000,
            true,
        ))
        .flatten();
    let advice = text3(&form, "advice", MAX_LONG, true, &mut e);
    if let (Some(min), Some(max)) = (min, max)
        && e.is_empty()
    {
        let band = Band { min, max };
        match rules::check_band(band, &quiz.band_ranges()) {
            Ok(()) => {
                content::add_band(&state.store, id, band, &advice).await?;
                auth::audit(&state, auth::event(&v, "quiz.band", "quiz", id), &origin).await;
                return Ok(back(id, "band-added"));
            }
            Err(err) => e.push(err),
        }
    }
    let errors = Errors::from(&b.tr, &e);
    quiz_page(&state, b, id, "band", errors, form, None).await
}

/// `POST /content/quizzes/{id}/publication`: `published=1` publishes (when nothing is
/// missing), `0` takes the quiz back so it can be changed.
pub async fn publish_quiz(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let quiz = content::get_quiz(&state.store, id).await?;
    let publish = form.get("published") == "1";
    if publish && !rules::publish_problems(&quiz.points(), &quiz.band_ranges()).is_empty() {
        let errors = Errors::from(
            &b.tr,
            &FieldError::new("published", "quiz_incomplete").into(),
        );
        return quiz_page(&state, b, id, "publish", errors, form, None).await;
    }
    content::set_quiz_published(&state.store, id, publish, state.clock.now()).await?;
    let action = if publish {
        "quiz.publish"
    } else {
        "quiz.unpublish"
    };
    auth::audit(&state, auth::event(&v, action, "quiz", id), &origin).await;
    Ok(back(
        id,
        if publish {
            "quiz-published"
        } else {
            "quiz-unpublished"
        },
    ))
}

/// `GET /content/quizzes/{id}/preview`: the quiz as visitors will take it (answers in a
/// preview are not counted).
pub async fn preview_quiz(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let quiz = content::get_quiz(&state.store, id).await?;
    quiz_response(
        &state,
        b,
        quiz,
        format!("/content/quizzes/{id}/preview"),
        true,
        None,
    )
    .await
}

/// `POST /content/quizzes/{id}/preview`.
pub async fn preview_answer(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let quiz = content::get_quiz(&state.store, id).await?;
    quiz_response(
        &state,
        b,
        quiz,
        format!("/content/quizzes/{id}/preview"),
        true,
        Some(form),
    )
    .await
}

#[derive(Template)]
#[template(path = "prevention_pages.html")]
struct PagesPage {
    b: Base,
    pages: Vec<Page>,
    notice: Option<String>,
}

/// `GET /content/pages`.
pub async fn pages(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice);
    render(&PagesPage {
        pages: content::pages(&state.store).await?,
        b,
        notice,
    })
}

#[derive(Template)]
#[template(path = "prevention_page_edit.html")]
struct PageEdit {
    b: Base,
    slug: String,
    page: Option<Page>,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
}

fn page_form(p: &Page) -> FormPairs {
    let mut v = Vec::new();
    for (lang, t, body) in [
        ("ru", &p.draft_title.ru, &p.draft_body.ru),
        ("be", &p.draft_title.be, &p.draft_body.be),
        ("en", &p.draft_title.en, &p.draft_body.en),
    ] {
        v.push((format!("title_{lang}"), t.clone()));
        v.push((format!("body_{lang}"), body.clone()));
    }
    FormPairs(v)
}

async fn find_page(state: &AppState, slug: &str) -> Result<Option<Page>, PageError> {
    match content::get_page(&state.store, slug).await {
        Ok(p) => Ok(Some(p)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `GET /content/pages/{page}`: edit a page's draft (a new slug starts a new page).
pub async fn page(
    State(state): State<AppState>,
    b: Base,
    Path(slug): Path<String>,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let slug = rules::slug("slug", &slug).map_err(|_| PageError::NotFound)?;
    let page = find_page(&state, &slug).await?;
    let notice = notice_text(&b, q.0.notice);
    let form = page.as_ref().map(page_form).unwrap_or_default();
    render(&PageEdit {
        b,
        slug,
        page,
        errors: Errors::default(),
        form,
        notice,
    })
}

/// `POST /content/pages/{page}`: saves the draft; visitors still see the published version.
pub async fn save_page(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(slug): Path<String>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let slug = rules::slug("slug", &slug).map_err(|_| PageError::NotFound)?;
    let mut e = FieldErrors::default();
    let title = text3(&form, "title", MAX_SHORT, false, &mut e);
    let body = text3(&form, "body", MAX_LONG, true, &mut e);
    if !e.is_empty() {
        let page = find_page(&state, &slug).await?;
        let errors = Errors::from(&b.tr, &e);
        let mut res = render(&PageEdit {
            b,
            slug,
            page,
            errors,
            form,
            notice: None,
        })?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    content::save_page_draft(&state.store, &slug, &title, &body, state.clock.now()).await?;
    auth::audit(
        &state,
        auth::event(&v, "page.save", "public_page", &slug),
        &origin,
    )
    .await;
    Ok(Redirect::to(&format!("/content/pages/{slug}?notice=page-saved")).into_response())
}

/// `GET /content/pages/{page}/preview`: the draft as visitors would see it.
pub async fn preview_page(
    State(state): State<AppState>,
    b: Base,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let p = content::get_page(&state.store, &slug).await?;
    let lang = b.lang();
    render(&PublicPage {
        title: p.draft_title.get(lang).to_owned(),
        paragraphs: paragraphs(p.draft_body.get(lang)),
        preview: Some(format!("/content/pages/{slug}")),
        b,
    })
}

/// `POST /content/pages/{page}/publish`.
pub async fn publish_page(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    content::publish_page(&state.store, &slug, state.clock.now()).await?;
    auth::audit(
        &state,
        auth::event(&v, "page.publish", "public_page", &slug),
        &origin,
    )
    .await;
    Ok(Redirect::to(&format!("/content/pages/{slug}?notice=page-published")).into_response())
}

#[derive(Template)]
#[template(path = "prevention_partners.html")]
struct PartnersPage {
    b: Base,
    organisations: Vec<Organisation>,
    listed: Vec<i64>,
    notice: Option<String>,
}

impl PartnersPage {
    fn is_listed(&self, id: &i64) -> bool {
        self.listed.contains(id)
    }
}

/// `GET /content/partners`: which organisations the public site lists (those that agreed).
pub async fn partners(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice);
    render(&PartnersPage {
        organisations: orgs::list_organisations(&state.store).await?,
        listed: content::listed(&state.store).await?,
        b,
        notice,
    })
}

/// `POST /content/partners`: `listed` repeats the ids of the organisations to list.
pub async fn save_partners(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let wanted: Vec<i64> = form
        .all("listed")
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    let now = state.clock.now();
    for o in orgs::list_organisations(&state.store).await? {
        content::set_listed(&state.store, o.id, wanted.contains(&o.id), now).await?;
    }
    auth::audit(
        &state,
        auth::event(&v, "partners.listing", "public_listing", wanted.len()),
        &origin,
    )
    .await;
    Ok(Redirect::to("/content/partners?notice=partners-saved").into_response())
}
