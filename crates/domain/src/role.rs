//! The roles a user can hold. What each role may do is decided in one place, the access policy.

use serde::{Deserialize, Serialize};

macro_rules! roles {
    ($($variant:ident => $code:literal, $doc:literal;)*) => {
        /// A role held by a user. A user may hold several.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Role { $(#[doc = $doc] $variant,)* }

        impl Role {
            /// Every role.
            pub const ALL: &'static [Role] = &[$(Role::$variant,)*];

            /// Stable code, as stored and used in the API.
            pub fn code(self) -> &'static str {
                match self { $(Role::$variant => $code,)* }
            }

            /// Parses a role code.
            pub fn parse(code: &str) -> Option<Role> {
                match code { $($code => Some(Role::$variant),)* _ => None }
            }
        }
    };
}

roles! {
    Admin => "admin", "System administrator: organisations, users, reference lists.";
    Supervisor => "supervisor", "Supervisor: oversees case work, may break glass with a reason.";
    HotlineConsultant => "hotline_consultant", "Hotline consultant: logs consultations, answers online requests.";
    CaseManager => "case_manager", "Case manager: manages cases of victims and persons who may have suffered.";
    RehabilitationStaff => "rehabilitation_staff", "Rehabilitation-centre staff: shifts, stays, plans.";
    MdgMember => "mdg_member", "Member of a regional multidisciplinary group.";
    PartnerCaseworker => "partner_caseworker", "Caseworker of a partner organisation receiving referrals.";
    Trainer => "trainer", "Trainer of the training centre.";
    Analyst => "analyst", "Analyst: aggregates only, never a person.";
    Auditor => "auditor", "Auditor: the audit trail only.";
    ContentEditor => "content_editor", "Content editor: campaigns, quizzes, public pages.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(*r));
        }
    }
}
