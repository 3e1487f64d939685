//! Statistics releases for analysts (`/statistics/releases`): the privacy budget of each
//! dataset with its ledger, the form that prepares a release (tables with disclosure
//! control, DP noisy counts, DP synthetic data), a release's page with its progress, files
//! and the second person's decision; and the public statistics page (`/public/statistics`)
//! that shows only approved releases.

use super::{Base, render};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::PageError;
use crate::forms::{Errors, FormPairs};
use crate::publication::{self as compute, DATASETS, MAX_SERIES, MIN_THRESHOLD};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mayak_domain::access::Permission;
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_stats::dp::Budget;
use mayak_store::StoreError;
use mayak_store::audit::AuditEvent;
use mayak_store::publication::{
    self, Dataset, Decision, NoisyPlan, Refusal, Release, ReleaseFile, ReleasePlan, ReleaseState,
    Spend, Spender, SynthPlan, TablesPlan,
};
use serde_json::Value;
use std::collections::HashMap;

/// The audit template of an act by the viewer.
pub fn who(state: &AppState, v: &Viewer, origin: &Origin) -> AuditEvent {
    let mut e = auth::event(v, "", "stats_release", "");
    e.address = origin.address.clone();
    e.user_agent = origin.user_agent.clone();
    e.instance = state.config.instance.clone();
    e
}

/// ε and δ as people read them.
pub fn eps(x: impl std::borrow::Borrow<f64>) -> String {
    let x = *x.borrow();
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// δ in scientific notation (1e-6), or 0.
pub fn delta(x: impl std::borrow::Borrow<f64>) -> String {
    let x = *x.borrow();
    if x == 0.0 {
        "0".to_owned()
    } else {
        format!("{x:e}")
    }
}

/// The overspend message in the viewer's language.
pub fn overspend_message(b: &Base, need: Budget, left: Budget) -> String {
    b.ts(
        "field-budget-exceeded",
        &[
            ("need_epsilon", &eps(need.epsilon)),
            ("need_delta", &delta(need.delta)),
            ("left_epsilon", &eps(left.epsilon)),
            ("left_delta", &delta(left.delta)),
        ],
    )
}

// ---- Labels of columns and values ------------------------------------------------------------

/// Labels of the datasets' columns and values in the page's language.
pub struct Vocabulary {
    lists: HashMap<(ListKind, String), String>,
    alpha3: HashMap<String, String>,
    b: Base,
}

impl Vocabulary {
    /// Loads the reference lists the values come from.
    pub async fn load(state: &AppState, b: &Base) -> Result<Self, StoreError> {
        let lang = b.lang();
        let mut lists = HashMap::new();
        let mut alpha3 = HashMap::new();
        for kind in [
            ListKind::Sex,
            ListKind::Region,
            ListKind::HotlineChannel,
            ListKind::HotlineOutcome,
            ListKind::CallerType,
            ListKind::Country,
        ] {
            for e in mayak_store::reference::list(&state.store, kind, true).await? {
                if kind == ListKind::Country
                    && let Some(a3) = &e.alt_code
                {
                    alpha3.insert(a3.clone(), e.label(lang).to_owned());
                }
                lists.insert((kind, e.code.clone()), e.label(lang).to_owned());
            }
        }
        Ok(Self {
            lists,
            alpha3,
            b: b.clone(),
        })
    }

    /// A column's name.
    pub fn column(&self, c: &str) -> String {
        self.b.t(&format!("publication-col-{c}"))
    }

    /// A value of a column, as people read it.
    pub fn value(&self, dataset: &str, column: &str, v: &str) -> String {
        if v.is_empty() {
            return self.b.t("publication-value-unknown");
        }
        let list = |k: ListKind| self.lists.get(&(k, v.to_owned())).cloned();
        let label = match (dataset, column) {
            // The codebook's genders, back to the HTCDS codes of the sex list.
            ("cases", "gender") => {
                let code = match v {
                    "Man" => "Male",
                    "Woman" => "Female",
                    "Trans/Transgender/NonConforming" => "TransgenderNonConforming",
                    other => other,
                };
                self.lists.get(&(ListKind::Sex, code.to_owned())).cloned()
            }
            (_, "sex") => list(ListKind::Sex),
            ("cases", "citizenship" | "CountryOfExploitation") => self.alpha3.get(v).cloned(),
            ("cases", "ageBroad") | ("hotline", "ageBroad") => Some(v.replace("--", "–")),
            ("cases", "yearOfRegistration" | "traffickMonths") | ("hotline", "year") => None,
            ("cases", _) if v == "1" => Some(self.b.t("publication-value-yes")),
            ("hotline", "channel") => list(ListKind::HotlineChannel),
            ("hotline", "region") => list(ListKind::Region),
            ("hotline", "callerType") => list(ListKind::CallerType),
            ("hotline", "outcome") => list(ListKind::HotlineOutcome),
            ("hotline", "destination") => list(ListKind::Country),
            _ => None,
        };
        label.unwrap_or_else(|| v.to_owned())
    }
}

// ---- The list and the ledger -----------------------------------------------------------------

#[derive(Template)]
#[template(path = "publication_releases.html")]
struct ReleasesPage {
    b: Base,
    datasets: Vec<(Dataset, Vec<Spend>)>,
    releases: Vec<Release>,
}

impl ReleasesPage {
    fn state_label(&self, s: &ReleaseState) -> String {
        self.b.t(&format!("publication-state-{}", s.code()))
    }
}

/// `GET /statistics/releases`
pub async fn list(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let mut datasets = Vec::new();
    for d in publication::datasets(&state.store).await? {
        let l = publication::ledger(&state.store, d.id).await?;
        datasets.push((d, l));
    }
    let releases = publication::list(&state.store).await?;
    render(&ReleasesPage {
        b,
        datasets,
        releases,
    })
}

// ---- Preparing -------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "publication_new.html")]
struct NewPage {
    b: Base,
    form: FormPairs,
    errors: Errors,
    refusal: Option<String>,
    datasets: Vec<Dataset>,
    columns: Vec<(&'static str, &'static str, String)>,
    /// The configured disclosure threshold: the lowest a release may use.
    min_threshold: u32,
}

impl NewPage {
    fn checked(&self, dataset: &str, column: &str) -> bool {
        let value = format!("{dataset}:{column}");
        self.form
            .0
            .iter()
            .any(|(k, v)| k == "column" && *v == value)
    }
}

fn fresh_form(threshold: u32) -> FormPairs {
    let threshold = threshold.to_string();
    FormPairs(
        [
            ("dataset", "cases"),
            ("length", "2"),
            ("threshold", threshold.as_str()),
            ("tables", "on"),
            ("noisy_epsilon", "1"),
            ("noisy_delta", "1e-6"),
            ("noisy_mechanism", "gaussian"),
            ("synthetic_epsilon", "2"),
            ("synthetic_delta", "1e-6"),
            ("column", "cases:yearOfRegistration"),
            ("column", "cases:gender"),
            ("column", "cases:ageBroad"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect(),
    )
}

async fn new_page(
    state: &AppState,
    b: Base,
    form: FormPairs,
    errors: Errors,
    refusal: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let vocabulary = Vocabulary::load(state, &b).await?;
    let mut columns = Vec::new();
    for d in DATASETS {
        for c in compute::columns_of(d) {
            columns.push((d, *c, vocabulary.column(c)));
        }
    }
    let page = NewPage {
        datasets: publication::datasets(&state.store).await?,
        b,
        form,
        errors,
        refusal,
        columns,
        min_threshold: state.config.disclosure_threshold,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /statistics/releases/new`
pub async fn new_form(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    new_page(
        &state,
        b,
        fresh_form(state.config.disclosure_threshold),
        Errors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

fn number<T: std::str::FromStr>(
    form: &FormPairs,
    name: &str,
    errors: &mut FieldErrors,
    code: &'static str,
) -> Option<T> {
    match form.get(name).trim().parse::<T>() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError::new(name, code));
            None
        }
    }
}

/// Reads the form into a series name, a dataset and a plan, or the field errors.
/// Thresholds under `min_threshold` (the configured disclosure threshold) are refused.
pub fn plan_of(
    form: &FormPairs,
    min_threshold: u32,
) -> Result<(String, String, ReleasePlan), FieldErrors> {
    let min_threshold = min_threshold.max(MIN_THRESHOLD);
    let mut errors = FieldErrors::default();
    let series = form.get("series").trim().to_owned();
    if series.is_empty() {
        errors.push(FieldError::required("series"));
    } else if series.chars().count() > MAX_SERIES {
        errors.push(FieldError::too_long("series", MAX_SERIES));
    } else if series.chars().any(char::is_control) {
        errors.push(FieldError::new("series", "control_chars"));
    }
    let dataset = form.get("dataset").to_owned();
    let known = compute::columns_of(&dataset);
    // Columns of the other dataset are ignored (the form lists both; one is shown).
    let mut columns: Vec<String> = Vec::new();
    for raw in form.all("column") {
        // The form names each box `dataset:column` (both datasets have an age column); a bare
        // column name is taken for the chosen dataset.
        let c = match raw.split_once(':') {
            Some((d, c)) if d == dataset => c.to_owned(),
            Some(_) => continue,
            None => raw,
        };
        if known.contains(&c.as_str()) && !columns.contains(&c) {
            columns.push(c);
        }
    }
    let length = number::<usize>(form, "length", &mut errors, "out_of_range_length");
    let threshold = number::<u32>(form, "threshold", &mut errors, "out_of_range_threshold");
    let mut plan = ReleasePlan::default();
    let (length, threshold) = (length.unwrap_or(0), threshold.unwrap_or(0));
    if form.checked("tables") {
        plan.tables = Some(TablesPlan {
            columns: columns.clone(),
            length,
            threshold,
        });
    }
    if form.checked("noisy") {
        let e = number::<f64>(form, "noisy_epsilon", &mut errors, "epsilon_range");
        let d = number::<f64>(form, "noisy_delta", &mut errors, "delta_range");
        let mechanism = form.get("noisy_mechanism").to_owned();
        plan.noisy = Some(NoisyPlan {
            columns: columns.clone(),
            length,
            threshold,
            budget: Budget {
                epsilon: e.unwrap_or(1.0),
                delta: if mechanism == "laplace" {
                    0.0
                } else {
                    d.unwrap_or(1e-6)
                },
            },
            mechanism,
        });
    }
    if form.checked("synthetic") {
        let e = number::<f64>(form, "synthetic_epsilon", &mut errors, "epsilon_range");
        let d = number::<f64>(form, "synthetic_delta", &mut errors, "delta_range");
        plan.synthetic = Some(SynthPlan {
            columns: columns.clone(),
            length,
            budget: Budget {
                epsilon: e.unwrap_or(1.0),
                delta: d.unwrap_or(1e-6),
            },
        });
    }
    for e in compute::check_plan(&dataset, &plan, min_threshold).0 {
        // One message per form field: the parts share the columns, length and threshold.
        let field = match e.field.as_str() {
            "tables" | "noisy" | "synthetic" => "column".to_owned(),
            "tables_length" | "noisy_length" | "synthetic_length" => "length".to_owned(),
            "tables_threshold" | "noisy_threshold" => "threshold".to_owned(),
            f => f.to_owned(),
        };
        if errors.for_field(&field).is_none() {
            errors.push(FieldError { field, ..e });
        }
    }
    // Parse failures carry their own codes; give them the range messages.
    for e in &mut errors.0 {
        match e.code {
            "out_of_range_length" => {
                *e = FieldError::new(e.field.clone(), "out_of_range")
                    .with("min", "1")
                    .with("max", "3");
            }
            "out_of_range_threshold" => {
                *e = FieldError::new(e.field.clone(), "out_of_range")
                    .with("min", min_threshold.to_string())
                    .with("max", compute::MAX_THRESHOLD.to_string());
            }
            _ => {}
        }
    }
    if errors.is_empty() {
        Ok((series, dataset, plan))
    } else {
        Err(errors)
    }
}

/// `POST /statistics/releases`: refuses an overspend with what is left; otherwise spends,
/// records the release and computes it in the background.
pub async fn create(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (series, dataset, plan) = match plan_of(&form, state.config.disclosure_threshold) {
        Ok(p) => p,
        Err(e) => {
            let errs = Errors::from(&b.tr, &e);
            return new_page(
                &state,
                b,
                form,
                errs,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let by = Spender {
        user_id: Some(v.user_id),
        name: v.login.clone(),
    };
    let now = state.clock.now();
    match publication::prepare(
        &state.store,
        &series,
        &dataset,
        &plan,
        &by,
        &who(&state, &v, &origin),
        now,
    )
    .await?
    {
        Ok(r) => {
            compute::spawn(&state, r.id, dataset, plan);
            Ok(Redirect::to(&format!("/statistics/releases/{}", r.id)).into_response())
        }
        Err(Refusal::Overspend { need, left }) => {
            let msg = overspend_message(&b, need, left);
            new_page(
                &state,
                b,
                form,
                Errors::default(),
                Some(msg),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(_) => Err(PageError::Internal),
    }
}

// ---- One release -----------------------------------------------------------------------------

/// One chart of a release: a one-column table with its published values.
pub struct Chart {
    /// Heading.
    pub title: String,
    /// The SVG.
    pub svg: String,
    /// Label and count (None: suppressed or withheld).
    pub rows: Vec<(String, Option<i64>)>,
}

/// The charts of one part (`tables` or `noisy`) of a release summary.
pub fn charts(
    vocabulary: &Vocabulary,
    b: &Base,
    dataset: &str,
    part: &Value,
    id: &str,
) -> Vec<Chart> {
    let Some(tables) = part.get("one_way").and_then(Value::as_array) else {
        return Vec::new();
    };
    tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let column = t.get("column").and_then(Value::as_str).unwrap_or("");
            let rows: Vec<(String, Option<i64>)> = t
                .get("rows")
                .and_then(Value::as_array)
                .map(|rows| {
                    rows.iter()
                        .map(|r| {
                            let v = r.get("value").and_then(Value::as_str).unwrap_or("");
                            (
                                vocabulary.value(dataset, column, v),
                                r.get("count").and_then(Value::as_i64),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let title = vocabulary.column(column);
            let bars: Vec<(String, f64)> = rows
                .iter()
                .filter_map(|(l, c)| c.map(|c| (l.clone(), c as f64)))
                .collect();
            let svg = if bars.is_empty() {
                String::new()
            } else {
                mayak_render::svg::bar_chart(&format!("{id}-{i}"), &title, &bars, "")
            };
            let _ = b;
            Chart { title, svg, rows }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "publication_release.html")]
struct ReleaseView {
    b: Base,
    r: Release,
    files: Vec<ReleaseFile>,
    tables: Vec<Chart>,
    noisy: Vec<Chart>,
    columns: String,
    may_decide: bool,
    own: bool,
    form: FormPairs,
    errors: Errors,
    refusal: Option<String>,
}

impl ReleaseView {
    fn state_label(&self) -> String {
        self.b
            .t(&format!("publication-state-{}", self.r.state.code()))
    }

    fn computing(&self) -> bool {
        self.r.state == ReleaseState::Computing
    }

    fn summary_num(&self, part: &str, key: &str) -> String {
        let v = self
            .r
            .summary
            .as_ref()
            .and_then(|s| s.get(part))
            .and_then(|p| p.get(key));
        match v {
            Some(Value::Number(n)) => n
                .as_i64()
                .map(|i| i.to_string())
                .or_else(|| n.as_f64().map(|f| format!("{f:.2}")))
                .unwrap_or_default(),
            _ => "—".to_owned(),
        }
    }

    fn mae(&self) -> Vec<(usize, String)> {
        self.r
            .summary
            .as_ref()
            .and_then(|s| s.pointer("/synthetic/utility/mae"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .enumerate()
                    .map(|(i, v)| (i + 1, format!("{:.2}", v.as_f64().unwrap_or(0.0))))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn records_counted(&self) -> String {
        self.r
            .summary
            .as_ref()
            .and_then(|s| s.get("records_counted"))
            .and_then(Value::as_i64)
            .map_or_else(|| "—".to_owned(), |n| n.to_string())
    }
}

/// The columns of a release, as people read them.
fn plan_columns(vocabulary: &Vocabulary, plan: &ReleasePlan) -> String {
    let cols = plan
        .tables
        .as_ref()
        .map(|t| &t.columns)
        .or(plan.noisy.as_ref().map(|n| &n.columns))
        .or(plan.synthetic.as_ref().map(|s| &s.columns));
    cols.map(|c| {
        c.iter()
            .map(|x| vocabulary.column(x))
            .collect::<Vec<_>>()
            .join(", ")
    })
    .unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
async fn release_page(
    state: &AppState,
    b: Base,
    v: &Viewer,
    id: i64,
    form: FormPairs,
    errors: Errors,
    refusal: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let r = publication::get(&state.store, id).await?;
    let files = publication::files(&state.store, id).await?;
    let vocabulary = Vocabulary::load(state, &b).await?;
    let part = |k: &str| {
        r.summary
            .as_ref()
            .and_then(|s| s.get(k))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let tables = charts(&vocabulary, &b, &r.dataset, &part("tables"), "t");
    let noisy = charts(&vocabulary, &b, &r.dataset, &part("noisy"), "n");
    let columns = plan_columns(&vocabulary, &r.plan);
    let own = r.prepared_by == v.user_id;
    let may_decide = b.can(Permission::ReleasesApprove) && !own;
    let page = ReleaseView {
        b,
        r,
        files,
        tables,
        noisy,
        columns,
        may_decide,
        own,
        form,
        errors,
        refusal,
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /statistics/releases/{id}`
pub async fn show(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    release_page(
        &state,
        b,
        &v,
        id,
        FormPairs::default(),
        Errors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

/// The shortest reason a decision needs.
pub const MIN_REASON: usize = 5;
/// The longest reason.
pub const MAX_REASON: usize = 2000;

/// Reads a decision: `approve` or `reject` and a reason of 5 to 2000 characters.
pub fn decision_of(decision: &str, reason: &str) -> Result<(Decision, String), FieldErrors> {
    let mut errors = FieldErrors::default();
    let d = match decision {
        "approve" => Some(Decision::Approve),
        "reject" => Some(Decision::Reject),
        "" => {
            errors.push(FieldError::required("decision"));
            None
        }
        _ => {
            errors.push(FieldError::unknown_code("decision"));
            None
        }
    };
    let reason = reason.trim().to_owned();
    if reason.chars().count() < MIN_REASON {
        errors.push(FieldError::new("reason", "reason_required"));
    } else if reason.chars().count() > MAX_REASON {
        errors.push(FieldError::too_long("reason", MAX_REASON));
    }
    match d {
        Some(d) if errors.is_empty() => Ok((d, reason)),
        _ => Err(errors),
    }
}

/// `POST /statistics/releases/{id}/decision`: a second person approves (publishes) or
/// rejects; the preparer is refused.
pub async fn decide(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    form: FormPairs,
) -> Result<Response, PageError> {
    let (decision, reason) = match decision_of(form.get("decision"), form.get("reason")) {
        Ok(d) => d,
        Err(e) => {
            let errs = Errors::from(&b.tr, &e);
            return release_page(
                &state,
                b,
                &v,
                id,
                form,
                errs,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let outcome = publication::decide(
        &state.store,
        id,
        decision,
        &reason,
        v.user_id,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/statistics/releases/{id}")).into_response()),
        Err(r) => {
            let (key, status) = match r {
                Refusal::OwnRelease => ("publication-refused-own", StatusCode::FORBIDDEN),
                _ => ("publication-refused-not-pending", StatusCode::CONFLICT),
            };
            let msg = b.t(key);
            release_page(
                &state,
                b,
                &v,
                id,
                form,
                Errors::default(),
                Some(msg),
                status,
            )
            .await
        }
    }
}

fn csv_or_json(name: &str) -> &'static str {
    if name.ends_with(".json") {
        "application/json"
    } else {
        "text/csv; charset=utf-8"
    }
}

/// A file as a download.
pub fn attachment(name: &str, body: Vec<u8>) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(csv_or_json(name)),
    );
    // Names are ours (tables.csv …), never typed by anyone, but keep them plain anyway.
    let safe: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// `GET /statistics/releases/{id}/files/{name}`: any file of any release, for reviewers (the
/// read is audited).
pub async fn download(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, name)): Path<(i64, String)>,
) -> Result<Response, PageError> {
    let body = publication::file(
        &state.store,
        id,
        &name,
        &who(&state, &v, &origin),
        state.clock.now(),
    )
    .await?;
    Ok(attachment(&name, body))
}

// ---- The public page -------------------------------------------------------------------------

/// A published release as the public page shows it.
pub struct PublicRelease {
    /// The release.
    pub r: Release,
    /// Its public files.
    pub files: Vec<ReleaseFile>,
    /// Charts of its tables with suppression.
    pub tables: Vec<Chart>,
    /// Charts of its noisy counts.
    pub noisy: Vec<Chart>,
    /// Its columns.
    pub columns: String,
    /// Older versions of the same series: id, version, date and public files.
    pub older: Vec<(i64, i32, String, Vec<ReleaseFile>)>,
}

impl PublicRelease {
    fn part_num(&self, part: &str, key: &str) -> Option<String> {
        let v = self.r.summary.as_ref()?.get(part)?.get(key)?;
        v.as_i64()
            .map(|i| i.to_string())
            .or_else(|| v.as_f64().map(eps))
    }
}

#[derive(Template)]
#[template(path = "publication_public.html")]
struct PublicPage {
    b: Base,
    releases: Vec<PublicRelease>,
    /// The smallest count any table shown may hold: the configured threshold, or a lower
    /// one an older release was made with.
    threshold: u32,
}

impl PublicPage {
    fn date(&self, r: &Release) -> String {
        r.decided_at.map_or_else(String::new, |t| {
            format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
        })
    }
}

/// `GET /public/statistics`: the approved releases, newest series version first, older
/// versions linked beneath it.
pub async fn public(State(state): State<AppState>, b: Base) -> Result<Response, PageError> {
    let all = publication::published(&state.store).await?;
    let vocabulary = Vocabulary::load(&state, &b).await?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut releases: Vec<PublicRelease> = Vec::new();
    let mut sorted = all;
    sorted.sort_by(|a, b| {
        b.decided_at
            .cmp(&a.decided_at)
            .then(b.version.cmp(&a.version))
    });
    for r in sorted {
        let date = r.decided_at.map_or_else(String::new, |t| {
            format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
        });
        let files: Vec<ReleaseFile> = publication::files(&state.store, r.id)
            .await?
            .into_iter()
            .filter(|f| f.public)
            .collect();
        if let Some(&i) = seen.get(&r.series)
            && let Some(p) = releases.get_mut(i)
        {
            p.older.push((r.id, r.version, date, files));
            continue;
        }
        let part = |k: &str| {
            r.summary
                .as_ref()
                .and_then(|s| s.get(k))
                .cloned()
                .unwrap_or(Value::Null)
        };
        let tables = charts(
            &vocabulary,
            &b,
            &r.dataset,
            &part("tables"),
            &format!("p{}t", r.id),
        );
        let noisy = charts(
            &vocabulary,
            &b,
            &r.dataset,
            &part("noisy"),
            &format!("p{}n", r.id),
        );
        let columns = plan_columns(&vocabulary, &r.plan);
        seen.insert(r.series.clone(), releases.len());
        releases.push(PublicRelease {
            r,
            files,
            tables,
            noisy,
            columns,
            older: Vec::new(),
        });
    }
    let threshold = releases
        .iter()
        .flat_map(|p| {
            let plan = &p.r.plan;
            plan.tables
                .iter()
                .map(|t| t.threshold)
                .chain(plan.noisy.iter().map(|n| n.threshold))
        })
        .fold(state.config.disclosure_threshold, u32::min);
    render(&PublicPage {
        b,
        releases,
        threshold,
    })
}

/// `GET /public/statistics/releases/{id}/files/{name}`: a public file of an approved release;
/// every other id or name answers 404, whether it exists or not.
pub async fn public_download(
    State(state): State<AppState>,
    Path((id, name)): Path<(i64, String)>,
) -> Result<Response, PageError> {
    let body = publication::published_file(&state.store, id, &name).await?;
    Ok(attachment(&name, body))
}
