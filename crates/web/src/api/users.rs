//! `GET /api/v1/users`: users for administrators.

use crate::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::extract::State;
use mayak_store::orgs;
use serde::Serialize;
use utoipa::ToSchema;

/// A user.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    /// Id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Name.
    pub display_name: String,
    /// Organisation id.
    pub organisation_id: i64,
    /// Role codes.
    pub roles: Vec<String>,
    /// Disabled users cannot sign in.
    pub disabled: bool,
}

/// `GET /api/v1/users`
#[utoipa::path(get, path = "/api/v1/users", tag = "identity",
    responses(
        (status = 200, description = "Every user", body = Vec<UserDto>),
        (status = 403, description = "Not an administrator", body = super::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("session" = [])))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<UserDto>>, ApiError> {
    Ok(Json(
        orgs::list_users(&state.store)
            .await?
            .into_iter()
            .map(|u| UserDto {
                id: u.id,
                login: u.login,
                display_name: u.display_name,
                organisation_id: u.organisation_id,
                roles: u.roles.iter().map(|r| r.code().to_owned()).collect(),
                disabled: u.disabled,
            })
            .collect(),
    ))
}
