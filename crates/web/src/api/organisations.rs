//! `GET /api/v1/organisations` and `/api/v1/groups`: the partner directory.

use super::Query;
use crate::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use mayak_domain::{FieldError, FieldErrors, ListKind};
use mayak_store::{orgs, reference};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An organisation of the referral mechanism.
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
    /// May formally identify victims (Law No. 350-Z).
    pub may_identify: bool,
    /// Member of the NGO network.
    pub ngo_network: bool,
}

/// Filters of the directory.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrganisationsQuery {
    /// Only this region (code).
    pub region: Option<String>,
    /// Only this organisation type (code).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub org_type: Option<String>,
}

/// `GET /api/v1/organisations`
#[utoipa::path(get, path = "/api/v1/organisations", tag = "partnership", params(OrganisationsQuery),
    responses(
        (status = 200, description = "Organisations by region and name", body = Vec<OrganisationDto>),
        (status = 422, description = "Unknown region or type code", body = super::Problem, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<OrganisationsQuery>,
) -> Result<Json<Vec<OrganisationDto>>, ApiError> {
    let mut errors = FieldErrors::default();
    for (field, list, value) in [
        ("region", ListKind::Region, &q.region),
        ("type", ListKind::OrganisationType, &q.org_type),
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
    Ok(Json(
        all.into_iter()
            .filter(|o| q.region.as_deref().is_none_or(|r| o.region == r))
            .filter(|o| q.org_type.as_deref().is_none_or(|t| o.org_type == t))
            .map(|o| OrganisationDto {
                id: o.id,
                slug: o.slug,
                name_ru: o.name_ru,
                name_be: o.name_be,
                name_en: o.name_en,
                org_type: o.org_type,
                region: o.region,
                place: o.place,
                may_identify: o.may_identify,
                ngo_network: o.ngo_network,
            })
            .collect(),
    ))
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
