//! `/api/v1/campaigns`, `/api/v1/trainings` and `/api/v1/quizzes`: prevention and capacity
//! building. Quizzes are public (taking one counts anonymous totals only); campaigns and
//! trainings need the prevention permissions.

use super::{Json, Path};
use crate::AppState;
use crate::auth::{self, Origin, Viewer};
use crate::error::ApiError;
use crate::forms::FormPairs;
use crate::middleware::RequestLang;
use crate::pages::prevention::campaign_input;
use crate::pages::prevention_public::score;
use crate::pages::prevention_trainings::{Checker, session_input};
use axum::Extension;
use axum::Json as Json2;
use axum::extract::State;
use axum::http::StatusCode;
use mayak_domain::prevention::{self as rules, MAX_SHORT};
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::prevention::{self, Reach};
use mayak_store::{content, reference, trainings};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Reach figures (in answers only: reach is recorded with `NewReach`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReachDto {
    /// Views (videos, articles, posts).
    #[serde(default)]
    pub views: i64,
    /// Participants (events).
    #[serde(default)]
    pub participants: i64,
    /// Copies handed out (leaflets).
    #[serde(default)]
    pub copies: i64,
    /// Views, participants and copies together.
    pub people: i64,
}

impl From<Reach> for ReachDto {
    fn from(r: Reach) -> Self {
        Self {
            views: r.views,
            participants: r.participants,
            copies: r.copies,
            people: r.people(),
        }
    }
}

/// A material with its reach.
#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialDto {
    /// Id.
    pub id: i64,
    /// Kind (list `campaign_channel`).
    #[schema(example = "Video")]
    pub kind: String,
    /// Title.
    pub title: String,
    /// Released.
    pub released_on: Option<time::Date>,
    /// Reach so far.
    pub reach: ReachDto,
}

/// A campaign.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignDto {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Theme (list `campaign_theme`).
    #[schema(example = "LabourExploitation")]
    pub theme: String,
    /// First day.
    pub starts_on: time::Date,
    /// Last day.
    pub ends_on: Option<time::Date>,
    /// Summary for the public site.
    pub summary: String,
    /// On the public site.
    pub published: bool,
    /// Region codes.
    pub regions: Vec<String>,
    /// Target group codes (list `target_group`).
    pub target_groups: Vec<String>,
    /// Channel codes.
    pub channels: Vec<String>,
    /// Partner organisation ids.
    pub partner_organisation_ids: Vec<i64>,
    /// Number of materials.
    pub materials: i64,
    /// Reach of all materials.
    pub reach: ReachDto,
    /// Materials, in the detail view only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub material_list: Option<Vec<MaterialDto>>,
}

fn campaign_dto(c: prevention::Campaign) -> CampaignDto {
    CampaignDto {
        id: c.id,
        name: c.name,
        theme: c.theme,
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        summary: c.summary,
        published: c.published,
        regions: c.regions,
        target_groups: c.target_groups,
        channels: c.channels,
        partner_organisation_ids: c.partners,
        materials: c.materials,
        reach: c.reach.into(),
        material_list: None,
    }
}

/// `GET /api/v1/campaigns`
#[utoipa::path(get, path = "/api/v1/campaigns", tag = "prevention",
    responses((status = 200, description = "Campaigns, newest first, with their reach", body = Vec<CampaignDto>)))]
pub async fn list_campaigns(
    State(state): State<AppState>,
) -> Result<Json2<Vec<CampaignDto>>, ApiError> {
    Ok(Json2(
        prevention::list_campaigns(&state.store)
            .await?
            .into_iter()
            .map(campaign_dto)
            .collect(),
    ))
}

/// A new campaign.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Safe summer for students",
    "theme": "SafeTravel",
    "starts_on": "2026-05-01",
    "ends_on": "2026-08-31",
    "summary": "Seasonal work abroad: how to check an offer.",
    "regions": ["BY-BR", "BY-HR"],
    "target_groups": ["Students"],
    "channels": ["SocialMedia", "Leaflet"],
    "partner_organisation_ids": []
}))]
pub struct NewCampaign {
    /// Name.
    pub name: String,
    /// Theme code.
    pub theme: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day.
    #[serde(default)]
    pub ends_on: Option<String>,
    /// Summary.
    pub summary: String,
    /// Region codes.
    pub regions: Vec<String>,
    /// Target group codes.
    pub target_groups: Vec<String>,
    /// Channel codes.
    pub channels: Vec<String>,
    /// Partner organisation ids.
    #[serde(default)]
    pub partner_organisation_ids: Vec<i64>,
}

/// `POST /api/v1/campaigns`: records an unpublished campaign.
#[utoipa::path(post, path = "/api/v1/campaigns", tag = "prevention", request_body = NewCampaign,
    responses(
        (status = 201, description = "Recorded (unpublished)", body = CampaignDto),
        (status = 422, description = "A field is wrong", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_campaign(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(n): Json<NewCampaign>,
) -> Result<(StatusCode, Json2<CampaignDto>), ApiError> {
    let mut pairs = vec![
        ("name".to_owned(), n.name),
        ("theme".to_owned(), n.theme),
        ("starts_on".to_owned(), n.starts_on),
        ("ends_on".to_owned(), n.ends_on.unwrap_or_default()),
        ("summary".to_owned(), n.summary),
    ];
    for (f, list) in [
        ("regions", n.regions),
        ("target_groups", n.target_groups),
        ("channels", n.channels),
    ] {
        pairs.extend(list.into_iter().map(|c| (f.to_owned(), c)));
    }
    pairs.extend(
        n.partner_organisation_ids
            .iter()
            .map(|p| ("partners".to_owned(), p.to_string())),
    );
    let input = campaign_input(&state, &FormPairs(pairs))
        .await
        .map_err(|_| ApiError::Internal)?
        .map_err(ApiError::Validation)?;
    let id = prevention::create_campaign(&state.store, &input, Some(v.user_id), state.clock.now())
        .await?;
    auth::audit(
        &state,
        auth::event(&v, "campaign.create", "campaign", id),
        &origin,
    )
    .await;
    Ok((
        StatusCode::CREATED,
        Json2(campaign_dto(
            prevention::get_campaign(&state.store, id).await?,
        )),
    ))
}

/// `GET /api/v1/campaigns/{campaign}`
#[utoipa::path(get, path = "/api/v1/campaigns/{campaign}", tag = "prevention",
    params(("campaign" = i64, Path, description = "Campaign id")),
    responses(
        (status = 200, description = "The campaign with its materials", body = CampaignDto),
        (status = 404, description = "No such campaign", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_campaign(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json2<CampaignDto>, ApiError> {
    let mut dto = campaign_dto(prevention::get_campaign(&state.store, id).await?);
    dto.material_list = Some(
        prevention::materials(&state.store, id)
            .await?
            .into_iter()
            .map(|m| MaterialDto {
                id: m.id,
                kind: m.kind,
                title: m.title,
                released_on: m.released_on,
                reach: m.reach.into(),
            })
            .collect(),
    );
    Ok(Json2(dto))
}

/// A new material.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "Video", "title": "How to check an employer", "released_on": "2026-05-04"}))]
pub struct NewMaterial {
    /// Kind (list `campaign_channel`).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Released, `YYYY-MM-DD`.
    #[serde(default)]
    pub released_on: Option<String>,
}

fn date(field: &str, raw: &str, e: &mut FieldErrors, required: bool) -> Option<time::Date> {
    crate::forms::parse_date(field, raw, e, required)
}

/// `POST /api/v1/campaigns/{campaign}/materials`
#[utoipa::path(post, path = "/api/v1/campaigns/{campaign}/materials", tag = "prevention", request_body = NewMaterial,
    params(("campaign" = i64, Path, description = "Campaign id")),
    responses(
        (status = 201, description = "Added", body = MaterialDto),
        (status = 404, description = "No such campaign", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_material(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(n): Json<NewMaterial>,
) -> Result<(StatusCode, Json2<MaterialDto>), ApiError> {
    prevention::get_campaign(&state.store, id).await?;
    let mut e = FieldErrors::default();
    let title = e.check(rules::text("title", &n.title, MAX_SHORT, false, true));
    if !reference::is_active(&state.store, ListKind::CampaignChannel, &n.kind).await? {
        e.push(FieldError::unknown_code("kind"));
    }
    let released = date(
        "released_on",
        n.released_on.as_deref().unwrap_or(""),
        &mut e,
        false,
    );
    let (Some(title), true) = (title, e.is_empty()) else {
        return Err(ApiError::Validation(e));
    };
    let m = prevention::add_material(
        &state.store,
        id,
        &n.kind,
        &title,
        released,
        state.clock.now(),
    )
    .await?;
    auth::audit(
        &state,
        auth::event(&v, "campaign.material", "campaign", id),
        &origin,
    )
    .await;
    Ok((
        StatusCode::CREATED,
        Json2(MaterialDto {
            id: m,
            kind: n.kind,
            title,
            released_on: released,
            reach: Reach::default().into(),
        }),
    ))
}

/// Reach figures measured on a day.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"measured_on": "2026-06-30", "views": 12000}))]
pub struct NewReach {
    /// Day measured, `YYYY-MM-DD`.
    pub measured_on: String,
    /// Views.
    #[serde(default)]
    pub views: i64,
    /// Participants.
    #[serde(default)]
    pub participants: i64,
    /// Copies.
    #[serde(default)]
    pub copies: i64,
}

/// `POST /api/v1/campaigns/{campaign}/materials/{material}/reach`: adds reach measured on a
/// day to what was recorded before.
#[utoipa::path(post, path = "/api/v1/campaigns/{campaign}/materials/{material}/reach", tag = "prevention", request_body = NewReach,
    params(("campaign" = i64, Path, description = "Campaign id"), ("material" = i64, Path, description = "Material id")),
    responses(
        (status = 204, description = "Recorded"),
        (status = 404, description = "No such campaign or material", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_reach(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path((id, material)): Path<(i64, i64)>,
    Json(n): Json<NewReach>,
) -> Result<StatusCode, ApiError> {
    let mut e = FieldErrors::default();
    let on = date("measured_on", &n.measured_on, &mut e, true);
    for (f, v) in [
        ("views", n.views),
        ("participants", n.participants),
        ("copies", n.copies),
    ] {
        if !(0..=1_000_000_000).contains(&v) {
            e.push(
                FieldError::new(f, "number_range")
                    .with("min", "0")
                    .with("max", "1000000000"),
            );
        }
    }
    let r = Reach {
        views: n.views,
        participants: n.participants,
        copies: n.copies,
    };
    if e.is_empty() && r.people() == 0 {
        e.push(FieldError::new("views", "reach_empty"));
    }
    let (Some(on), true) = (on, e.is_empty()) else {
        return Err(ApiError::Validation(e));
    };
    prevention::add_reach(
        &state.store,
        id,
        material,
        on,
        r,
        Some(v.user_id),
        state.clock.now(),
    )
    .await?;
    auth::audit(
        &state,
        auth::event(&v, "campaign.reach", "campaign", id),
        &origin,
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

/// A training session.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrainingSessionDto {
    /// Id.
    pub id: i64,
    /// Course id.
    pub course_id: i64,
    /// Course title.
    pub course_title: String,
    /// First day.
    pub starts_on: time::Date,
    /// Last day.
    pub ends_on: time::Date,
    /// Online.
    pub online: bool,
    /// Place or platform.
    pub place: String,
    /// Region code.
    pub region: Option<String>,
    /// Trainers.
    pub trainers: String,
    /// Highest test score.
    pub max_score: i64,
    /// Registered participants.
    pub participants: i64,
    /// Participants who attended.
    pub attended: i64,
    /// Average knowledge gain, in points of the maximum (percent), over those with both tests.
    pub average_gain: Option<f64>,
    /// Participants, in the detail view only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant_list: Option<Vec<ParticipantDto>>,
}

/// A participant.
#[derive(Debug, Serialize, ToSchema)]
pub struct ParticipantDto {
    /// Id.
    pub id: i64,
    /// Full name.
    pub full_name: String,
    /// Sex code.
    pub sex: String,
    /// Organisation id from the directory.
    pub organisation_id: Option<i64>,
    /// Organisation name (when not in the directory).
    pub organisation_name: String,
    /// Organisation type code.
    pub organisation_type: String,
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

fn session_dto(s: trainings::Session) -> TrainingSessionDto {
    TrainingSessionDto {
        id: s.id,
        course_id: s.course_id,
        course_title: s.course_title,
        starts_on: s.starts_on,
        ends_on: s.ends_on,
        online: s.online,
        place: s.place,
        region: s.region,
        trainers: s.trainers,
        max_score: s.max_score,
        participants: s.participants,
        attended: s.attended,
        average_gain: s.average_gain,
        participant_list: None,
    }
}

/// `GET /api/v1/trainings`
#[utoipa::path(get, path = "/api/v1/trainings", tag = "prevention",
    responses((status = 200, description = "Training sessions, newest first", body = Vec<TrainingSessionDto>)))]
pub async fn list_trainings(
    State(state): State<AppState>,
) -> Result<Json2<Vec<TrainingSessionDto>>, ApiError> {
    Ok(Json2(
        trainings::sessions(&state.store)
            .await?
            .into_iter()
            .map(session_dto)
            .collect(),
    ))
}

/// A new session of a course.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"course_id": 1, "starts_on": "2026-04-14", "ends_on": "2026-04-16", "online": false,
    "place": "Vitebsk", "region": "BY-VI", "trainers": "P. Uchitelev", "max_score": 20}))]
pub struct NewSession {
    /// Course id.
    pub course_id: i64,
    /// First day.
    pub starts_on: String,
    /// Last day.
    pub ends_on: String,
    /// Online.
    #[serde(default)]
    pub online: bool,
    /// Place or platform.
    pub place: String,
    /// Region code.
    #[serde(default)]
    pub region: Option<String>,
    /// Trainers' names.
    pub trainers: String,
    /// Highest test score.
    pub max_score: i64,
}

/// `POST /api/v1/trainings`: records a session.
#[utoipa::path(post, path = "/api/v1/trainings", tag = "prevention", request_body = NewSession,
    responses(
        (status = 201, description = "Recorded", body = TrainingSessionDto),
        (status = 422, description = "A field is wrong", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_training(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Json(n): Json<NewSession>,
) -> Result<(StatusCode, Json2<TrainingSessionDto>), ApiError> {
    let input = session_input(
        &state,
        &n.course_id.to_string(),
        &n.starts_on,
        &n.ends_on,
        n.online,
        &n.place,
        n.region.as_deref().unwrap_or(""),
        &n.trainers,
        &n.max_score.to_string(),
    )
    .await
    .map_err(|_| ApiError::Internal)?
    .map_err(ApiError::Validation)?;
    let id =
        trainings::create_session(&state.store, &input, Some(v.user_id), state.clock.now()).await?;
    auth::audit(
        &state,
        auth::event(&v, "training.session", "training_session", id),
        &origin,
    )
    .await;
    Ok((
        StatusCode::CREATED,
        Json2(session_dto(trainings::session(&state.store, id).await?)),
    ))
}

/// `GET /api/v1/trainings/{session}`
#[utoipa::path(get, path = "/api/v1/trainings/{session}", tag = "prevention",
    params(("session" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "The session with its participants", body = TrainingSessionDto),
        (status = 404, description = "No such session", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_training(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
) -> Result<Json2<TrainingSessionDto>, ApiError> {
    let mut dto = session_dto(trainings::session(&state.store, id).await?);
    let people = trainings::participants(&state.store, id).await?;
    // Participants' names are personal data: reading them is recorded.
    auth::audit(
        &state,
        auth::event(&v, "training.participants.read", "training_session", id),
        &origin,
    )
    .await;
    dto.participant_list = Some(
        people
            .into_iter()
            .map(|p| ParticipantDto {
                id: p.id,
                full_name: p.full_name,
                sex: p.sex,
                organisation_id: p.organisation_id,
                organisation_name: p.organisation_name,
                organisation_type: p.org_type,
                region: p.region,
                mdg_member: p.mdg_member,
                attended: p.attended,
                pre_score: p.pre_score,
                post_score: p.post_score,
                certificate_no: p.certificate_no,
            })
            .collect(),
    );
    Ok(Json2(dto))
}

/// A participant to register; codes or labels in any language are accepted.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParticipant {
    /// Full name.
    pub full_name: String,
    /// Sex code (`Female`, `Male`, …) or label.
    pub sex: String,
    /// Organisation: directory id or slug or name, or any name.
    pub organisation: String,
    /// Organisation type code or label (taken from the directory when empty).
    #[serde(default)]
    pub organisation_type: String,
    /// Region code or label (taken from the directory when empty).
    #[serde(default)]
    pub region: String,
    /// Member of a multidisciplinary group.
    #[serde(default)]
    pub mdg_member: bool,
}

/// Participants to register: all or none.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"participants": [
    {"full_name": "Алеся Іванова", "sex": "Female", "organisation": "ngo-brest-safe-way", "mdg_member": true},
    {"full_name": "Ігар Новік", "sex": "Male", "organisation": "Гомельская обласная больница", "organisation_type": "HealthService", "region": "BY-HO"}
]}))]
pub struct NewParticipants {
    /// The participants.
    pub participants: Vec<NewParticipant>,
}

/// The ids of the registered participants.
#[derive(Debug, Serialize, ToSchema)]
pub struct Registered {
    /// Ids in the order sent.
    pub ids: Vec<i64>,
}

/// `POST /api/v1/trainings/{session}/participants`: checks every participant and registers
/// them all, or none: errors name the row (`participants[2].sex`).
#[utoipa::path(post, path = "/api/v1/trainings/{session}/participants", tag = "prevention", request_body = NewParticipants,
    params(("session" = i64, Path, description = "Session id")),
    responses(
        (status = 201, description = "Registered", body = Registered),
        (status = 404, description = "No such session", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Some rows are wrong; nothing was registered", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_participants(
    State(state): State<AppState>,
    v: Viewer,
    origin: Origin,
    Path(id): Path<i64>,
    Json(n): Json<NewParticipants>,
) -> Result<(StatusCode, Json2<Registered>), ApiError> {
    trainings::session(&state.store, id).await?;
    let checker = Checker::load(&state)
        .await
        .map_err(|_| ApiError::Internal)?;
    let mut e = FieldErrors::default();
    if n.participants.is_empty() {
        e.push(FieldError::required("participants"));
    }
    if n.participants.len() > crate::pages::prevention_trainings::MAX_IMPORT_ROWS {
        e.push(
            FieldError::new("participants", "number_range")
                .with("min", "1")
                .with("max", "2000"),
        );
    }
    let mut ok = Vec::new();
    for (i, p) in n.participants.iter().enumerate() {
        match checker.participant(
            &p.full_name,
            &p.sex,
            &p.organisation,
            &p.organisation_type,
            &p.region,
            if p.mdg_member { "yes" } else { "no" },
        ) {
            Ok(x) => ok.push(x),
            Err(errs) => {
                for mut f in errs.0 {
                    f.field = format!("participants[{i}].{}", f.field);
                    e.push(f);
                }
            }
        }
    }
    if !e.is_empty() {
        return Err(ApiError::Validation(e));
    }
    let ids = trainings::add_participants(&state.store, id, &ok, state.clock.now()).await?;
    auth::audit(
        &state,
        auth::event(&v, "training.participants", "training_session", id),
        &origin,
    )
    .await;
    Ok((StatusCode::CREATED, Json2(Registered { ids })))
}

/// A public quiz.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuizDto {
    /// Public address part.
    #[schema(example = "safe-job-offer")]
    pub slug: String,
    /// Title in the request's language.
    pub title: String,
    /// Introduction.
    pub intro: String,
    /// Questions with their answers (points are not shown).
    pub questions: Vec<QuestionDto>,
}

/// A question.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionDto {
    /// Id.
    pub id: i64,
    /// Text.
    pub text: String,
    /// Answers.
    pub answers: Vec<QuizAnswerDto>,
}

/// An answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuizAnswerDto {
    /// Id.
    pub id: i64,
    /// Text.
    pub text: String,
}

fn quiz_dto(q: &content::Quiz, lang: mayak_domain::Lang) -> QuizDto {
    QuizDto {
        slug: q.slug.clone(),
        title: q.title.get(lang).to_owned(),
        intro: q.intro.get(lang).to_owned(),
        questions: q
            .questions
            .iter()
            .map(|x| QuestionDto {
                id: x.id,
                text: x.text.get(lang).to_owned(),
                answers: x
                    .answers
                    .iter()
                    .map(|a| QuizAnswerDto {
                        id: a.id,
                        text: a.text.get(lang).to_owned(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// `GET /api/v1/quizzes`: the published quizzes, in the request's language (`?lang=` or
/// `Accept-Language`).
#[utoipa::path(get, path = "/api/v1/quizzes", tag = "prevention", security(()),
    responses((status = 200, description = "Published quizzes", body = Vec<QuizDto>)))]
pub async fn list_quizzes(
    State(state): State<AppState>,
    Extension(lang): Extension<RequestLang>,
) -> Result<Json2<Vec<QuizDto>>, ApiError> {
    let qs = content::list_quizzes(&state.store, true).await?;
    Ok(Json2(qs.iter().map(|q| quiz_dto(q, lang.lang)).collect()))
}

async fn published(state: &AppState, slug: &str) -> Result<content::Quiz, ApiError> {
    match content::published_quiz(&state.store, slug).await {
        Ok(q) => Ok(q),
        Err(mayak_store::StoreError::NotFound) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/quizzes/{quiz}`
#[utoipa::path(get, path = "/api/v1/quizzes/{quiz}", tag = "prevention", security(()),
    params(("quiz" = String, Path, description = "Quiz slug")),
    responses(
        (status = 200, description = "The quiz", body = QuizDto),
        (status = 404, description = "No such published quiz", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_quiz(
    State(state): State<AppState>,
    Extension(lang): Extension<RequestLang>,
    Path(slug): Path<String>,
) -> Result<Json2<QuizDto>, ApiError> {
    Ok(Json2(quiz_dto(&published(&state, &slug).await?, lang.lang)))
}

/// A visitor's answers: for each question, the chosen answer's id.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"answers": {"1": 2, "2": 4}}))]
pub struct QuizAnswers {
    /// Question id → answer id.
    pub answers: std::collections::BTreeMap<String, i64>,
}

/// The score and the advice for it.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuizResult {
    /// Score.
    pub score: i64,
    /// Highest possible score.
    pub max_score: i64,
    /// Advice for the score, in the request's language.
    pub advice: String,
}

/// `POST /api/v1/quizzes/{quiz}/answers`: scores the answers and returns the advice; only
/// anonymous totals are counted.
#[utoipa::path(post, path = "/api/v1/quizzes/{quiz}/answers", tag = "prevention", security(()), request_body = QuizAnswers,
    params(("quiz" = String, Path, description = "Quiz slug")),
    responses(
        (status = 200, description = "Score and advice", body = QuizResult),
        (status = 404, description = "No such published quiz", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A question has no answer", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn answer_quiz(
    State(state): State<AppState>,
    Extension(lang): Extension<RequestLang>,
    Path(slug): Path<String>,
    Json(a): Json<QuizAnswers>,
) -> Result<Json2<QuizResult>, ApiError> {
    let q = published(&state, &slug).await?;
    let chosen = |qid: i64| a.answers.get(&qid.to_string()).copied();
    let o = score(&q, lang.lang, &chosen).map_err(ApiError::Validation)?;
    content::count_result(&state.store, q.id, lang.lang, &o.answers, o.band_id).await?;
    Ok(Json2(QuizResult {
        score: o.score,
        max_score: o.max,
        advice: o.advice,
    }))
}
