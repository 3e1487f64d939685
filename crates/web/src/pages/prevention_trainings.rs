//! Trainings: courses, sessions, participants (one by one or imported from a CSV or XLSX
//! list with a row-by-row report), attendance, pre- and post-tests with the knowledge gain,
//! feedback, and certificates as PDF.

use super::prevention::{Labels, check_codes, options};
use super::{Base, PageQuery, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs, parse_date};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::prevention::{self as rules, MAX_LONG, MAX_SHORT};
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::orgs::{self, Organisation};
use mayak_store::reference::{self, Entry};
use mayak_store::trainings::{
    self, Course, Feedback, Participant, ParticipantInput, Session, SessionInput,
};
use serde::Deserialize;

/// Largest participant list accepted for import.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// Most rows imported at once.
pub const MAX_IMPORT_ROWS: usize = 2000;

#[derive(Template)]
#[template(path = "prevention_trainings.html")]
struct IndexPage {
    b: Base,
    courses: Vec<Course>,
    sessions: Vec<Session>,
    organisations: Vec<Organisation>,
    regions: Vec<Entry>,
    l: Labels,
    failed: String,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
}

impl IndexPage {
    fn err(&self, which: &str) -> Errors {
        if self.failed == which {
            self.errors.clone()
        } else {
            Errors::default()
        }
    }

    fn sent(&self, which: &str, field: &str) -> String {
        if self.failed == which {
            self.form.get(field).to_owned()
        } else {
            String::new()
        }
    }
}

/// A participant's form field: `pre_12`.
fn field_name(prefix: &str, id: impl std::borrow::Borrow<i64>) -> String {
    format!("{prefix}_{}", id.borrow())
}

/// A test score, or nothing.
fn score(v: impl std::borrow::Borrow<Option<i64>>) -> String {
    v.borrow().map(|v| v.to_string()).unwrap_or_default()
}

/// A gain in points, one decimal.
fn gain(g: impl std::borrow::Borrow<Option<f64>>) -> String {
    g.borrow()
        .map(|g| format!("{g:+.1}"))
        .unwrap_or_else(|| "—".to_owned())
}

/// `?notice=` after a change.
#[derive(Debug, Deserialize, Default)]
pub struct Notice {
    notice: Option<String>,
}

fn notice_text(b: &Base, n: Option<String>) -> Option<String> {
    const ALLOWED: &[&str] = &[
        "course-created",
        "session-created",
        "participant-added",
        "results-saved",
        "feedback-added",
        "no-certificate",
    ];
    n.filter(|n| ALLOWED.contains(&n.as_str()))
        .map(|n| b.t(&format!("prevention-notice-{n}")))
}

async fn index_page(
    state: &AppState,
    b: Base,
    failed: &str,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
) -> Result<Response, PageError> {
    let has_errors = !errors.is_empty();
    let mut res = render(&IndexPage {
        courses: trainings::courses(&state.store).await?,
        sessions: trainings::sessions(&state.store).await?,
        organisations: orgs::list_organisations(&state.store).await?,
        regions: options(state, ListKind::Region).await?,
        l: Labels::load(state, &b).await?,
        b,
        failed: failed.to_owned(),
        errors,
        form,
        notice,
    })?;
    if has_errors {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /trainings`.
pub async fn index(
    State(state): State<AppState>,
    b: Base,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice);
    index_page(
        &state,
        b,
        "",
        Errors::default(),
        FormPairs::default(),
        notice,
    )
    .await
}

/// `POST /trainings/courses`.
pub async fn create_course(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let mut e = FieldErrors::default();
    let title = e.check(rules::text(
        "title",
        form.get("title"),
        MAX_SHORT,
        false,
        true,
    ));
    let description = e.check(rules::text(
        "description",
        form.get("description"),
        MAX_LONG,
        true,
        false,
    ));
    let org = form.get("organisation_id").parse::<i64>().ok();
    let org_ok = match org {
        Some(o) => orgs::get_organisation(&state.store, o).await.is_ok(),
        None => false,
    };
    if !org_ok {
        e.push(FieldError::unknown_code("organisation_id"));
    }
    match (title, description, org) {
        (Some(t), Some(d), Some(o)) if e.is_empty() => {
            let id = trainings::create_course(&state.store, &t, &d, o, state.clock.now()).await?;
            auth::audit(
                &state,
                auth::event(&v, "training.course", "course", id),
                &origin,
            )
            .await;
            Ok(Redirect::to("/trainings?notice=course-created").into_response())
        }
        _ => {
            let errors = Errors::from(&b.tr, &e);
            index_page(&state, b, "course", errors, form, None).await
        }
    }
}

/// Reads and checks a session form (the API uses the same rules).
#[allow(clippy::too_many_arguments)]
pub async fn session_input(
    state: &AppState,
    course: &str,
    starts: &str,
    ends: &str,
    online: bool,
    place: &str,
    region: &str,
    trainers_raw: &str,
    max_score: &str,
) -> Result<Result<SessionInput, FieldErrors>, PageError> {
    let mut e = FieldErrors::default();
    let courses = trainings::courses(&state.store).await?;
    let course_id = course
        .parse::<i64>()
        .ok()
        .filter(|c| courses.iter().any(|x| x.id == *c));
    if course_id.is_none() {
        e.push(FieldError::unknown_code("course_id"));
    }
    let starts_on = parse_date("starts_on", starts, &mut e, true);
    let ends_on = parse_date("ends_on", ends, &mut e, true);
    if let (Some(s), Some(end)) = (starts_on, ends_on)
        && end < s
    {
        e.push(FieldError::new("ends_on", "before_start"));
    }
    let place = e.check(rules::text("place", place, MAX_SHORT, false, true));
    let region = if region.is_empty() {
        None
    } else {
        let r = region.to_owned();
        check_codes(
            state,
            ListKind::Region,
            "region",
            std::slice::from_ref(&r),
            false,
            &mut e,
        )
        .await?;
        Some(r)
    };
    let trainers = e.check(rules::text(
        "trainers",
        trainers_raw,
        MAX_SHORT,
        false,
        true,
    ));
    let max_score = e
        .check(rules::number("max_score", max_score, 1, 1000, true))
        .flatten();
    match (course_id, starts_on, ends_on, place, trainers, max_score) {
        (
            Some(course_id),
            Some(starts_on),
            Some(ends_on),
            Some(place),
            Some(trainers),
            Some(max_score),
        ) if e.is_empty() => Ok(Ok(SessionInput {
            course_id,
            starts_on,
            ends_on,
            online,
            place,
            region,
            trainers,
            max_score,
        })),
        _ => Ok(Err(e)),
    }
}

/// `POST /trainings/sessions`.
pub async fn create_session(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let input = session_input(
        &state,
        form.get("course_id"),
        form.get("starts_on"),
        form.get("ends_on"),
        form.checked("online"),
        form.get("place"),
        form.get("region"),
        form.get("trainers"),
        form.get("max_score"),
    )
    .await?;
    match input {
        Ok(s) => {
            let id =
                trainings::create_session(&state.store, &s, Some(v.user_id), state.clock.now())
                    .await?;
            auth::audit(
                &state,
                auth::event(&v, "training.session", "training_session", id),
                &origin,
            )
            .await;
            Ok(
                Redirect::to(&format!("/trainings/sessions/{id}?notice=session-created"))
                    .into_response(),
            )
        }
        Err(e) => {
            let errors = Errors::from(&b.tr, &e);
            index_page(&state, b, "session", errors, form, None).await
        }
    }
}

/// One row of an import report.
#[derive(Debug, Clone)]
pub struct ReportRow {
    /// Line or sheet row number (the header is row 1).
    pub row: usize,
    /// The name as read.
    pub name: String,
    /// Problems, as sentences; empty when the row is valid.
    pub problems: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every row.
    pub rows: Vec<ReportRow>,
    /// How many were imported.
    pub imported: usize,
    /// Only the valid rows were imported (otherwise: all or nothing).
    pub valid_only: bool,
    /// A problem with the file itself.
    pub file_problem: Option<String>,
}

impl Report {
    /// Rows with problems.
    pub fn invalid(&self) -> usize {
        self.rows.iter().filter(|r| !r.problems.is_empty()).count()
    }
}

#[derive(Template)]
#[template(path = "prevention_session.html")]
struct SessionPage {
    b: Base,
    s: Session,
    people: Vec<Participant>,
    feedback: Vec<Feedback>,
    l: Labels,
    sexes: Vec<Entry>,
    types: Vec<Entry>,
    regions: Vec<Entry>,
    organisations: Vec<Organisation>,
    failed: String,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
    report: Option<Report>,
}

impl SessionPage {
    fn err(&self, which: &str) -> Errors {
        if self.failed == which {
            self.errors.clone()
        } else {
            Errors::default()
        }
    }

    fn sent(&self, which: &str, field: &str) -> String {
        if self.failed == which {
            self.form.get(field).to_owned()
        } else {
            String::new()
        }
    }

    fn org_name(&self, p: &Participant) -> String {
        match p.organisation_id {
            Some(id) => self.l.org(&id),
            None => p.organisation_name.clone(),
        }
    }

    fn person_gain(&self, p: &Participant) -> String {
        match (p.pre_score, p.post_score) {
            (Some(a), Some(b)) => gain(rules::knowledge_gain(a, b, self.s.max_score)),
            _ => "—".to_owned(),
        }
    }

    fn average_rating(&self) -> String {
        if self.feedback.is_empty() {
            return "—".to_owned();
        }
        let sum: i64 = self.feedback.iter().map(|f| f.rating).sum();
        format!("{:.1}", sum as f64 / self.feedback.len() as f64)
    }
}

#[allow(clippy::too_many_arguments)]
async fn session_page(
    state: &AppState,
    b: Base,
    id: i64,
    failed: &str,
    errors: Errors,
    form: FormPairs,
    notice: Option<String>,
    report: Option<Report>,
) -> Result<Response, PageError> {
    let s = trainings::session(&state.store, id).await?;
    let bad = !errors.is_empty()
        || report
            .as_ref()
            .is_some_and(|r| r.file_problem.is_some() || (r.invalid() > 0 && !r.valid_only));
    let mut res = render(&SessionPage {
        people: trainings::participants(&state.store, id).await?,
        feedback: trainings::feedback(&state.store, id).await?,
        l: Labels::load(state, &b).await?,
        sexes: options(state, ListKind::Sex).await?,
        types: options(state, ListKind::OrganisationType).await?,
        regions: options(state, ListKind::Region).await?,
        organisations: orgs::list_organisations(&state.store).await?,
        s,
        b,
        failed: failed.to_owned(),
        errors,
        form,
        notice,
        report,
    })?;
    if bad {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /trainings/sessions/{id}`.
pub async fn session(
    State(state): State<AppState>,
    b: Base,
    Path(id): Path<i64>,
    q: PageQuery<Notice>,
) -> Result<Response, PageError> {
    let notice = notice_text(&b, q.0.notice);
    session_page(
        &state,
        b,
        id,
        "",
        Errors::default(),
        FormPairs::default(),
        notice,
        None,
    )
    .await
}

/// Reference data a participant row is checked against.
pub struct Checker {
    sexes: Vec<Entry>,
    types: Vec<Entry>,
    regions: Vec<Entry>,
    organisations: Vec<Organisation>,
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace('ё', "е")
}

fn find_entry<'a>(entries: &'a [Entry], raw: &str) -> Option<&'a Entry> {
    let n = norm(raw);
    entries.iter().find(|e| {
        norm(&e.code) == n
            || norm(&e.label_ru) == n
            || norm(&e.label_be) == n
            || norm(&e.label_en) == n
    })
}

impl Checker {
    /// Loads the lists.
    pub async fn load(state: &AppState) -> Result<Self, PageError> {
        Ok(Self {
            sexes: reference::list(&state.store, ListKind::Sex, false).await?,
            types: reference::list(&state.store, ListKind::OrganisationType, false).await?,
            regions: reference::list(&state.store, ListKind::Region, false).await?,
            organisations: orgs::list_organisations(&state.store).await?,
        })
    }

    /// Checks one participant as written by people: codes or labels in any of the three
    /// languages; an organisation from the directory (by id, slug or name) supplies its type
    /// and region when they are left empty.
    pub fn participant(
        &self,
        name: &str,
        sex: &str,
        organisation: &str,
        org_type: &str,
        region: &str,
        mdg: &str,
    ) -> Result<ParticipantInput, FieldErrors> {
        let mut e = FieldErrors::default();
        let full_name = e.check(rules::text("full_name", name, MAX_SHORT, false, true));
        let sex_code = rules::sex_code(sex)
            .map(str::to_owned)
            .or_else(|| find_entry(&self.sexes, sex).map(|x| x.code.clone()));
        if sex.trim().is_empty() {
            e.push(FieldError::required("sex"));
        } else if sex_code.is_none() {
            e.push(FieldError::unknown_code("sex"));
        }
        let n = norm(organisation);
        let known = self.organisations.iter().find(|o| {
            o.id.to_string() == n
                || norm(&o.slug) == n
                || norm(&o.name_ru) == n
                || norm(&o.name_be) == n
                || norm(&o.name_en) == n
        });
        let organisation_name = e
            .check(rules::text(
                "organisation",
                organisation,
                MAX_SHORT,
                false,
                true,
            ))
            .unwrap_or_default();
        let type_raw = org_type;
        let org_type = if type_raw.trim().is_empty() {
            known.map(|o| o.org_type.clone())
        } else {
            find_entry(&self.types, type_raw).map(|x| x.code.clone())
        };
        if org_type.is_none() {
            e.push(if type_raw.trim().is_empty() {
                FieldError::required("organisation_type")
            } else {
                FieldError::unknown_code("organisation_type")
            });
        }
        let region_code = if region.trim().is_empty() {
            known.map(|o| o.region.clone())
        } else {
            find_entry(&self.regions, region).map(|x| x.code.clone())
        };
        if region_code.is_none() {
            e.push(if region.trim().is_empty() {
                FieldError::required("region")
            } else {
                FieldError::unknown_code("region")
            });
        }
        let mdg_member = rules::yes_no(mdg);
        if mdg_member.is_none() {
            e.push(FieldError::new("mdg_member", "yes_no"));
        }
        match (full_name, sex_code, org_type, region_code, mdg_member) {
            (Some(full_name), Some(sex), Some(org_type), Some(region), Some(mdg_member))
                if e.is_empty() =>
            {
                Ok(ParticipantInput {
                    full_name,
                    sex,
                    organisation_id: known.map(|o| o.id),
                    organisation_name: if known.is_some() {
                        String::new()
                    } else {
                        organisation_name
                    },
                    org_type,
                    region,
                    mdg_member,
                })
            }
            _ => Err(e),
        }
    }
}

/// `POST /trainings/sessions/{id}/participants`: one participant.
pub async fn add_participant(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    trainings::session(&state.store, id).await?;
    let checker = Checker::load(&state).await?;
    let org = if form.get("organisation_id").is_empty() {
        form.get("organisation_name")
    } else {
        form.get("organisation_id")
    };
    match checker.participant(
        form.get("full_name"),
        form.get("sex"),
        org,
        form.get("organisation_type"),
        form.get("region"),
        if form.checked("mdg_member") {
            "yes"
        } else {
            "no"
        },
    ) {
        Ok(p) => {
            trainings::add_participants(&state.store, id, &[p], state.clock.now()).await?;
            auth::audit(
                &state,
                auth::event(&v, "training.participant", "training_session", id),
                &origin,
            )
            .await;
            Ok(Redirect::to(&format!(
                "/trainings/sessions/{id}?notice=participant-added"
            ))
            .into_response())
        }
        Err(mut e) => {
            // The form names the organisation field after the choice the person made.
            for f in &mut e.0 {
                if f.field == "organisation" {
                    f.field = "organisation_name".to_owned();
                }
            }
            let errors = Errors::from(&b.tr, &e);
            session_page(&state, b, id, "participant", errors, form, None, None).await
        }
    }
}

/// Splits CSV text into records (RFC 4180 quoting; `,`, `;` or tab as the delimiter, chosen
/// from the header line).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or_default();
    let delim = [';', '\t', ',']
        .into_iter()
        .max_by_key(|d| header.matches(*d).count())
        .unwrap_or(',');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == delim {
            row.push(std::mem::take(&mut field));
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Reads the first sheet of an XLSX workbook as text cells.
pub fn parse_xlsx(bytes: &[u8]) -> Option<Vec<Vec<String>>> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).ok()?;
    let range = book.worksheet_range_at(0)?.ok()?;
    Some(
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        calamine::Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect(),
    )
}

/// Column names accepted in the header row, by field.
const COLUMNS: &[(&str, &[&str])] = &[
    (
        "full_name",
        &[
            "full_name",
            "name",
            "фио",
            "имя",
            "прозвішча, імя",
            "імя",
            "full name",
            "participant",
            "участник",
            "удзельнік",
        ],
    ),
    ("sex", &["sex", "пол", "пол (м/ж)", "gender", "стать"]),
    (
        "organisation",
        &["organisation", "organization", "организация", "арганізацыя"],
    ),
    (
        "organisation_type",
        &[
            "organisation_type",
            "organisation type",
            "organization type",
            "тип организации",
            "тып арганізацыі",
        ],
    ),
    (
        "region",
        &["region", "область", "вобласць", "регион", "рэгіён"],
    ),
    (
        "mdg_member",
        &[
            "mdg_member",
            "mdg",
            "мдг",
            "член мдг",
            "член мдг?",
            "член мдг (да/нет)",
            "удзельнік мдг",
        ],
    ),
];

/// Checks every row of a participant list. Returns the valid participants and the report.
pub fn check_rows(
    tr: &Tr,
    checker: &Checker,
    rows: &[Vec<String>],
    valid_only: bool,
) -> (Vec<ParticipantInput>, Report) {
    let mut report = Report {
        rows: Vec::new(),
        imported: 0,
        valid_only,
        file_problem: None,
    };
    let Some(header) = rows.first() else {
        report.file_problem = Some(tr.t("prevention-import-empty"));
        return (Vec::new(), report);
    };
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|(_, names)| {
            header
                .iter()
                .position(|h| names.contains(&norm(h).as_str()))
        })
        .collect();
    if index[0].is_none() || index[1].is_none() || index[2].is_none() {
        report.file_problem = Some(tr.t("prevention-import-header"));
        return (Vec::new(), report);
    }
    let data: Vec<(usize, &Vec<String>)> = rows
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if data.is_empty() {
        report.file_problem = Some(tr.t("prevention-import-empty"));
        return (Vec::new(), report);
    }
    if data.len() > MAX_IMPORT_ROWS {
        report.file_problem = Some(tr.tn("prevention-import-too-many", "count", MAX_IMPORT_ROWS));
        return (Vec::new(), report);
    }
    let mut ok = Vec::new();
    for (i, r) in data {
        let cell =
            |k: usize| -> &str { index[k].and_then(|c| r.get(c)).map_or("", |s| s.as_str()) };
        let result = checker.participant(cell(0), cell(1), cell(2), cell(3), cell(4), cell(5));
        let problems = match result {
            Ok(p) => {
                ok.push(p);
                Vec::new()
            }
            Err(e) => {
                e.0.iter()
                    .map(|f| {
                        format!(
                            "{}: {}",
                            tr.t(&format!("prevention-column-{}", f.field.replace('_', "-"))),
                            crate::middleware::field_message(tr, f)
                        )
                    })
                    .collect()
            }
        };
        report.rows.push(ReportRow {
            row: i + 1,
            name: cell(0).trim().chars().take(80).collect(),
            problems,
        });
    }
    (ok, report)
}

/// `POST /trainings/sessions/{id}/import` (multipart: `file`, `mode`): reads a CSV or XLSX
/// participant list, checks every row and imports either all rows (only when every row is
/// valid) or, with `mode=valid`, the valid rows; the page reports on every row.
pub async fn import(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    multipart: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, PageError> {
    trainings::session(&state.store, id).await?;
    let mut multipart = multipart.map_err(|_| PageError::BadRequest)?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut valid_only = false;
    let mut too_large = false;
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_lowercase();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(_) => too_large = true,
                }
            }
            Some("mode") => valid_only = field.text().await.unwrap_or_default() == "valid",
            _ => {}
        }
    }
    let mut report = Report {
        rows: Vec::new(),
        imported: 0,
        valid_only,
        file_problem: None,
    };
    let rows = match file.filter(|(_, f)| !f.is_empty()) {
        _ if too_large => {
            report.file_problem = Some(b.tn(
                "prevention-import-too-large",
                "count",
                MAX_IMPORT_BYTES / 1024 / 1024,
            ));
            None
        }
        None => {
            report.file_problem = Some(b.t("prevention-import-no-file"));
            None
        }
        Some((_, bytes)) if bytes.len() > MAX_IMPORT_BYTES => {
            report.file_problem = Some(b.tn(
                "prevention-import-too-large",
                "count",
                MAX_IMPORT_BYTES / 1024 / 1024,
            ));
            None
        }
        // XLSX is a ZIP container; anything else must be UTF-8 text (CSV).
        Some((_, bytes)) if bytes.starts_with(b"PK\x03\x04") => {
            let rows = parse_xlsx(&bytes);
            if rows.is_none() {
                report.file_problem = Some(b.t("prevention-import-bad-file"));
            }
            rows
        }
        Some((_, bytes)) => match String::from_utf8(bytes) {
            Ok(text) => Some(parse_csv(&text)),
            Err(_) => {
                report.file_problem = Some(b.t("prevention-import-bad-file"));
                None
            }
        },
    };
    if let Some(rows) = rows {
        let checker = Checker::load(&state).await?;
        let (ok, r) = check_rows(&b.tr, &checker, &rows, valid_only);
        report = r;
        if report.file_problem.is_none() && (valid_only || report.invalid() == 0) && !ok.is_empty()
        {
            trainings::add_participants(&state.store, id, &ok, state.clock.now()).await?;
            report.imported = ok.len();
            let mut ev = auth::event(&v, "training.import", "training_session", id);
            ev.fields = Some(format!("rows={},imported={}", report.rows.len(), ok.len()));
            auth::audit(&state, ev, &origin).await;
        }
    }
    session_page(
        &state,
        b,
        id,
        "",
        Errors::default(),
        FormPairs::default(),
        None,
        Some(report),
    )
    .await
}

/// `POST /trainings/sessions/{id}/results`: attendance and test scores of every participant
/// (`attended_<id>`, `pre_<id>`, `post_<id>`).
pub async fn results(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let s = trainings::session(&state.store, id).await?;
    let people = trainings::participants(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let mut updates = Vec::new();
    for p in &people {
        let pre_f = format!("pre_{}", p.id);
        let post_f = format!("post_{}", p.id);
        let pre = e
            .check(rules::number(
                &pre_f,
                form.get(&pre_f),
                0,
                s.max_score,
                false,
            ))
            .flatten();
        let post = e
            .check(rules::number(
                &post_f,
                form.get(&post_f),
                0,
                s.max_score,
                false,
            ))
            .flatten();
        updates.push((p.id, form.checked(&format!("attended_{}", p.id)), pre, post));
    }
    if !e.is_empty() {
        let errors = Errors::from(&b.tr, &e);
        return session_page(&state, b, id, "results", errors, form, None, None).await;
    }
    for (pid, attended, pre, post) in updates {
        trainings::record_results(&state.store, id, pid, attended, pre, post).await?;
    }
    auth::audit(
        &state,
        auth::event(&v, "training.results", "training_session", id),
        &origin,
    )
    .await;
    Ok(Redirect::to(&format!("/trainings/sessions/{id}?notice=results-saved")).into_response())
}

/// `POST /trainings/sessions/{id}/feedback`: one feedback form, recorded without a name.
pub async fn add_feedback(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    trainings::session(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let rating = e
        .check(rules::number("rating", form.get("rating"), 1, 5, true))
        .flatten();
    let comment = e.check(rules::text(
        "comment",
        form.get("comment"),
        2000,
        true,
        false,
    ));
    match (rating, comment) {
        (Some(r), Some(c)) if e.is_empty() => {
            trainings::add_feedback(&state.store, id, r, &c, state.clock.now()).await?;
            auth::audit(
                &state,
                auth::event(&v, "training.feedback", "training_session", id),
                &origin,
            )
            .await;
            Ok(
                Redirect::to(&format!("/trainings/sessions/{id}?notice=feedback-added"))
                    .into_response(),
            )
        }
        _ => {
            let errors = Errors::from(&b.tr, &e);
            session_page(&state, b, id, "feedback", errors, form, None, None).await
        }
    }
}

/// A date range as the certificate prints it.
fn period(tr: &Tr, s: &Session) -> String {
    let month = |d: time::Date| tr.t(&format!("prevention-month-{}", u8::from(d.month())));
    if s.starts_on == s.ends_on {
        format!(
            "{} {} {}",
            s.starts_on.day(),
            month(s.starts_on),
            s.starts_on.year()
        )
    } else if s.starts_on.month() == s.ends_on.month() && s.starts_on.year() == s.ends_on.year() {
        format!(
            "{}–{} {} {}",
            s.starts_on.day(),
            s.ends_on.day(),
            month(s.ends_on),
            s.ends_on.year()
        )
    } else {
        format!(
            "{} {} {} – {} {} {}",
            s.starts_on.day(),
            month(s.starts_on),
            s.starts_on.year(),
            s.ends_on.day(),
            month(s.ends_on),
            s.ends_on.year()
        )
    }
}

/// `GET /trainings/sessions/{id}/participants/{participant}/certificate`: the certificate of
/// a participant who attended, as PDF in the request's language (issuing its number on the
/// first download).
pub async fn certificate(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path((id, pid)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let s = trainings::session(&state.store, id).await?;
    let p = trainings::get_participant(&state.store, id, pid).await?;
    let number = match trainings::certificate_number(&state.store, id, pid).await {
        Ok(n) => n,
        Err(mayak_store::StoreError::Conflict(_)) => {
            return Ok(
                Redirect::to(&format!("/trainings/sessions/{id}?notice=no-certificate"))
                    .into_response(),
            );
        }
        Err(e) => return Err(e.into()),
    };
    let courses = trainings::courses(&state.store).await?;
    let organiser = match courses.iter().find(|c| c.id == s.course_id) {
        Some(c) => orgs::get_organisation(&state.store, c.organisation_id)
            .await
            .map(|o| o.name(b.lang()).to_owned())
            .unwrap_or_default(),
        None => String::new(),
    };
    let place = if s.online {
        b.t("prevention-online")
    } else {
        s.place.clone()
    };
    let female = p.sex == "Female";
    let pdf = mayak_render::certificate(&mayak_render::Certificate {
        heading: b.t("prevention-certificate-heading"),
        certifies: b.t("prevention-certificate-certifies"),
        name: p.full_name.clone(),
        completed: b.t(if female {
            "prevention-certificate-completed-f"
        } else {
            "prevention-certificate-completed"
        }),
        course: s.course_title.clone(),
        when_where: format!("{}, {place}", period(&b.tr, &s)),
        organiser,
        trainers: b.ts("prevention-certificate-trainers", &[("names", &s.trainers)]),
        number: b.ts("prevention-certificate-number", &[("number", &number)]),
    })
    .ok_or(PageError::Internal)?;
    let mut ev = auth::event(&v, "training.certificate", "training_participant", pid);
    ev.fields = Some(number.clone());
    auth::audit(&state, ev, &origin).await;
    let mut res = pdf.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    // The file name carries the certificate number, not the person's name.
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"certificate-{number}.pdf\""
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}
