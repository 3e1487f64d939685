//! Validation of accounts and organisations as administrators enter them.

use crate::Role;
use crate::validate::{FieldError, FieldErrors};

/// A validated login: 3–64 characters of lowercase Latin letters, digits, `.`, `_`, `-`.
pub fn parse_login(field: &str, raw: &str) -> Result<String, FieldError> {
    let login = raw.trim().to_lowercase();
    if login.is_empty() {
        return Err(FieldError::required(field));
    }
    if login.chars().count() < 3 {
        return Err(FieldError::new(field, "too_short").with("min", "3"));
    }
    if login.chars().count() > 64 {
        return Err(FieldError::too_long(field, 64));
    }
    if !login
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    {
        return Err(FieldError::new(field, "login_chars"));
    }
    Ok(login)
}

/// A validated free-text name: trimmed, 1–`max` characters, no control characters.
pub fn parse_text(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(FieldError::required(field));
    }
    if v.chars().count() > max {
        return Err(FieldError::too_long(field, max));
    }
    if v.chars().any(char::is_control) {
        return Err(FieldError::new(field, "control_chars"));
    }
    Ok(v.to_owned())
}

/// Validated roles: at least one, each known, no duplicates.
pub fn parse_roles(field: &str, raw: &[String]) -> Result<Vec<Role>, FieldError> {
    let mut roles = Vec::new();
    for r in raw {
        let role = Role::parse(r.trim()).ok_or_else(|| FieldError::unknown_code(field))?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    if roles.is_empty() {
        return Err(FieldError::new(field, "choose_one"));
    }
    roles.sort();
    Ok(roles)
}

/// An organisation as an administrator enters it (codes are checked against the reference
/// lists by the caller, which has the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationInput {
    /// Short identifier.
    pub slug: String,
    /// Names in Russian, Belarusian, English.
    pub names: [String; 3],
    /// Organisation type code.
    pub org_type: String,
    /// Region code.
    pub region: String,
    /// Place code.
    pub place: Option<String>,
    /// May formally identify victims.
    pub may_identify: bool,
    /// Member of the NGO network.
    pub ngo_network: bool,
}

impl OrganisationInput {
    /// Validates every field at once.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        slug: &str,
        name_ru: &str,
        name_be: &str,
        name_en: &str,
        org_type: &str,
        region: &str,
        place: &str,
        may_identify: bool,
        ngo_network: bool,
    ) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::default();
        let slug = e.check(parse_login("slug", slug));
        let ru = e.check(parse_text("name_ru", name_ru, 300));
        let be = e.check(parse_text("name_be", name_be, 300));
        let en = e.check(parse_text("name_en", name_en, 300));
        let org_type = e.check(parse_text("org_type", org_type, 64));
        let region = e.check(parse_text("region", region, 64));
        let place = place.trim();
        match (slug, ru, be, en, org_type, region) {
            (Some(slug), Some(ru), Some(be), Some(en), Some(org_type), Some(region))
                if e.is_empty() =>
            {
                Ok(Self {
                    slug,
                    names: [ru, be, en],
                    org_type,
                    region,
                    place: (!place.is_empty()).then(|| place.to_owned()),
                    may_identify,
                    ngo_network,
                })
            }
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_are_normalised_and_checked() {
        assert_eq!(
            parse_login("login", " Olga.P ").ok(),
            Some("olga.p".to_owned())
        );
        assert_eq!(
            parse_login("login", "ол").map_err(|e| e.code),
            Err("too_short")
        );
        assert_eq!(
            parse_login("login", "ольга").map_err(|e| e.code),
            Err("login_chars")
        );
        assert_eq!(
            parse_login("login", "").map_err(|e| e.code),
            Err("required")
        );
    }

    #[test]
    fn roles_need_one_known() {
        assert_eq!(
            parse_roles("roles", &[]).map_err(|e| e.code),
            Err("choose_one")
        );
        assert_eq!(
            parse_roles("roles", &["pirate".into()]).map_err(|e| e.code),
            Err("unknown_code")
        );
        assert_eq!(
            parse_roles("roles", &["analyst".into(), "analyst".into()]).ok(),
            Some(vec![Role::Analyst])
        );
    }

    #[test]
    fn organisation_errors_name_each_field() {
        let e = OrganisationInput::parse("x", "", "б", "c", "NGO", "", "", false, true).err();
        let fields: Vec<String> = e
            .map(|e| e.0.into_iter().map(|f| f.field).collect())
            .unwrap_or_default();
        assert_eq!(fields, ["slug", "name_ru", "region"]);
    }
}
