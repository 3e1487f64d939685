//! `GET /api/v1/organisations` (with `/{id}` and `/{id}/referrals`) and `/api/v1/groups`: the
//! partner directory, with each organisation's details, and a partner's open referrals.

use super::{Path, Query};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::{ApiError, PageError};
use axum::Json;
use axum::extract::State;
use mayak_domain::access::PartnerReferralsReach;
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::{directory, orgs, reference};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

/// A group an organisation belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipDto {
    /// The group's id.
    pub group_id: i64,
    /// The group's region (code).
    #[schema(example = "BY-HO")]
    pub region: String,
    /// The organisation chairs it.
    pub chair: bool,
}

/// An organisation of the referral mechanism with its directory details.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationDto {
    /// Id.
    pub id: i64,
    /// Short stable identifier.
    #[schema(example = "ngo-brest-safe-way")]
    pub slug: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in Belarusian.
    pub name_be: String,
    /// Name in English.
    pub name_en: String,
    /// Organisation type code (list `organisation_type`).
    #[schema(example = "NGO")]
    pub org_type: String,
    /// Region code (list `region`, ISO 3166-2:BY).
    #[schema(example = "BY-BR")]
    pub region: String,
    /// Place code (list `place`).
    pub place: Option<String>,
    /// City or town, as the directory gives it.
    pub city: Option<String>,
    /// Office address (never a shelter's).
    pub address: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Working hours, as written.
    #[schema(example = "Mon–Fri 9:00–18:00")]
    pub hours: Option<String>,
    /// Languages worked in (list `language`).
    pub languages: Vec<String>,
    /// Services offered (list `service_type`): what referral suggestions match.
    pub services: Vec<String>,
    /// Capacity notes, e.g. "6 shelter places, 2 free".
    pub capacity_notes: Option<String>,
    /// May formally identify victims (Law No. 350-Z).
    pub may_identify: bool,
    /// Member of the NGO network.
    pub ngo_network: bool,
    /// The regional multidisciplinary groups it belongs to.
    pub groups: Vec<MembershipDto>,
    /// Listed on the public page.
    pub published: bool,
    /// Which fields the public page shows (of `city`, `address`, `phone`, `email`, `hours`,
    /// `languages`, `services`).
    pub public_fields: Vec<String>,
}

fn dto(o: orgs::Organisation, p: directory::Profile, groups: &[orgs::Mdg]) -> OrganisationDto {
    OrganisationDto {
        groups: groups
            .iter()
            .filter(|g| g.members.contains(&o.id) || g.chair_organisation_id == Some(o.id))
            .map(|g| MembershipDto {
                group_id: g.id,
                region: g.region.clone(),
                chair: g.chair_organisation_id == Some(o.id),
            })
            .collect(),
        id: o.id,
        slug: o.slug,
        name_ru: o.name_ru,
        name_be: o.name_be,
        name_en: o.name_en,
        org_type: o.org_type,
        region: o.region,
        place: o.place,
        city: p.city,
        address: p.address,
        phone: p.phone,
        email: p.email,
        hours: p.hours,
        languages: p.languages,
        services: p.services,
        capacity_notes: p.capacity_notes,
        may_identify: o.may_identify,
        ngo_network: o.ngo_network,
        published: p.published,
        public_fields: p.public_fields,
    }
}

/// Filters of the directory.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrganisationsQuery {
    /// Only this region (code of list `region`).
    pub region: Option<String>,
    /// Only this organisation type (code of list `organisation_type`).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub org_type: Option<String>,
    /// Only organisations offering this service (code of list `service_type`).
    pub service: Option<String>,
}

/// `GET /api/v1/organisations`
#[utoipa::path(get, path = "/api/v1/organisations", tag = "partnership", params(OrganisationsQuery),
    responses(
        (status = 200, description = "Organisations by region and name, with their directory details and group memberships", body = Vec<OrganisationDto>),
        (status = 400, description = "A malformed query or an unknown parameter", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown region, type or service code; `errors` names each field", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<OrganisationsQuery>,
) -> Result<Json<Vec<OrganisationDto>>, ApiError> {
    let mut errors = FieldErrors::default();
    for (field, list, value) in [
        ("region", ListKind::Region, &q.region),
        ("type", ListKind::OrganisationType, &q.org_type),
        ("service", ListKind::ServiceType, &q.service),
    ] {
        if let Some(code) = value
            && !reference::exists(&state.store, list, code).await?
        {
            errors.push(FieldError::unknown_code(field));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let all = orgs::list_organisations(&state.store).await?;
    let mut profiles = directory::profiles(&state.store).await?;
    let groups = orgs::list_mdgs(&state.store).await?;
    Ok(Json(
        all.into_iter()
            .filter(|o| q.region.as_deref().is_none_or(|r| o.region == r))
            .filter(|o| q.org_type.as_deref().is_none_or(|t| o.org_type == t))
            .filter_map(|o| {
                let p = profiles.remove(&o.id).unwrap_or_default();
                q.service
                    .as_ref()
                    .is_none_or(|s| p.services.contains(s))
                    .then(|| dto(o, p, &groups))
            })
            .collect(),
    ))
}

/// `GET /api/v1/organisations/{id}`
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "partnership",
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, description = "The organisation with its directory details and group memberships", body = OrganisationDto),
        (status = 404, description = "No such organisation", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn get(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<OrganisationDto>, ApiError> {
    let o = orgs::get_organisation(&state.store, id).await?;
    let p = directory::profile(&state.store, id).await?;
    let groups = orgs::list_mdgs(&state.store).await?;
    Ok(Json(dto(o, p, &groups)))
}

/// An open referral of a partner (by case code only).
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerReferralDto {
    /// The referral's id (its page opens only for the two sides).
    pub id: i64,
    /// `services` or `transfer` (of the case lead).
    pub kind: String,
    /// The case's code; never a name.
    #[schema(example = "HO-2026-00042")]
    pub case_code: String,
    /// `incoming` (to the organisation) or `outgoing` (from it).
    pub direction: String,
    /// Sending organisation.
    pub from_organisation_id: i64,
    /// Receiving organisation.
    pub to_organisation_id: i64,
    /// `sent`, `accepted` or `in_progress`.
    pub state: String,
    /// Requested service types (list `service_type`).
    pub services: Vec<String>,
    /// The day it was sent.
    pub sent_on: Date,
    /// Accept or decline by.
    pub accept_due_on: Date,
    /// Complete by.
    pub complete_due_on: Option<Date>,
    /// `acceptance` or `completion` when overdue today, else null.
    pub overdue: Option<String>,
}

/// A partner's open referrals.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerReferralsDto {
    /// The organisation.
    pub organisation_id: i64,
    /// `all` (its staff, supervisors) or `shared_with_own` (only those between it and the
    /// caller's organisation).
    #[schema(example = "all")]
    pub reach: String,
    /// Open referrals (sent, accepted, in progress), oldest first.
    pub referrals: Vec<PartnerReferralDto>,
}

/// `GET /api/v1/organisations/{id}/referrals`
#[utoipa::path(get, path = "/api/v1/organisations/{id}/referrals", tag = "partnership",
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, description = "The organisation's open referrals either way, by case code; all of them for its staff and supervisors, those shared with the caller's organisation for others", body = PartnerReferralsDto),
        (status = 404, description = "No such organisation", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn referrals(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<PartnerReferralsDto>, ApiError> {
    let (org, reach, list) = crate::pages::directory::open_referrals(&state, &v, id)
        .await
        .map_err(|e| match e {
            PageError::NotFound => ApiError::NotFound,
            PageError::Unavailable => ApiError::Unavailable,
            PageError::StorageFull => ApiError::StorageFull,
            _ => ApiError::Internal,
        })?;
    let today = state.clock.now().date();
    Ok(Json(PartnerReferralsDto {
        organisation_id: org.id,
        reach: match reach {
            PartnerReferralsReach::All => "all",
            PartnerReferralsReach::SharedWithOwn => "shared_with_own",
        }
        .to_owned(),
        referrals: list
            .into_iter()
            .map(|r| PartnerReferralDto {
                direction: crate::pages::directory::direction(&r, org.id).to_owned(),
                overdue: r.overdue(today).map(|o| o.code().to_owned()),
                id: r.id,
                kind: r.kind.code().to_owned(),
                case_code: r.case_code,
                from_organisation_id: r.from_organisation_id,
                to_organisation_id: r.to_organisation_id,
                state: r.state.code().to_owned(),
                services: r.services,
                sent_on: r.sent_at.date(),
                accept_due_on: r.accept_due_on,
                complete_due_on: r.complete_due_on,
            })
            .collect(),
    }))
}

/// A regional multidisciplinary group.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDto {
    /// Id.
    pub id: i64,
    /// Region code.
    pub region: String,
    /// Chairing organisation's id.
    pub chair_organisation_id: Option<i64>,
    /// Member organisations' ids.
    pub member_organisation_ids: Vec<i64>,
}

/// `GET /api/v1/groups`
#[utoipa::path(get, path = "/api/v1/groups", tag = "partnership",
    responses((status = 200, description = "One group per region", body = Vec<GroupDto>)))]
pub async fn groups(State(state): State<AppState>) -> Result<Json<Vec<GroupDto>>, ApiError> {
    Ok(Json(
        orgs::list_mdgs(&state.store)
            .await?
            .into_iter()
            .map(|g| GroupDto {
                id: g.id,
                region: g.region,
                chair_organisation_id: g.chair_organisation_id,
                member_organisation_ids: g.members,
            })
            .collect(),
    ))
}
