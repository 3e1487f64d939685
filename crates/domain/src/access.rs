//! The one access policy of Mayak, as pure functions:
//! - **function level**: which [`Permission`]s each [`Role`] has;
//! - **record level**: through which [`Scope`] a user reaches a person's case;
//! - **field level**: which [`FieldClass`]es a role sees.
//!
//! Every route names the [`Guard`] it needs, and the web layer checks it before the handler
//! runs. `docs/ACCESS.md` is generated from this file ([`matrix_markdown`]) and a test keeps the
//! two equal.

use crate::Role;
use serde::Serialize;

macro_rules! permissions {
    ($($variant:ident => $code:literal, $doc:literal;)*) => {
        /// Something a user may do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Permission { $(#[doc = $doc] $variant,)* }

        impl Permission {
            /// Every permission.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant,)*];

            /// Stable code, as the API reports it.
            pub fn code(self) -> &'static str {
                match self { $(Permission::$variant => $code,)* }
            }

            /// What it allows, in English (for the matrix).
            pub fn describe(self) -> &'static str {
                match self { $(Permission::$variant => $doc,)* }
            }
        }
    };
}

permissions! {
    DirectoryRead => "directory.read", "See the partner directory and the multidisciplinary groups";
    ReferenceRead => "reference.read", "See the reference lists";
    ReferenceManage => "reference.manage", "Add reference entries, retire and restore them";
    OrganisationsManage => "organisations.manage", "Create and edit organisations";
    UsersManage => "users.manage", "Create users, change their roles, disable them, reset their second factor";
    SessionsManage => "sessions.manage", "See active sessions and end them";
    AuditRead => "audit.read", "Search and export the audit trail";
    RetentionManage => "retention.manage", "Review and approve erasure of identifying data after the retention period or a withdrawal of consent";
    CasesRead => "cases.read", "See cases within the role's record scope";
    CasesCreate => "cases.create", "Register a person and open a case (intake)";
    CasesEdit => "cases.edit", "Change a case's status, phase, manager, profile; record consents and services";
    IdentificationDecide => "identification.decide", "Record the identification decision (only for organisations allowed to identify)";
    CasesBreakGlass => "cases.break_glass", "Open a case outside one's scope by giving a reason (flagged for review)";
    BreakGlassReview => "break_glass.review", "Review break-glass openings";
    ReferralsSend => "referrals.send", "Refer a case to a partner, or transfer its lead, from a case in scope";
    ReferralsOverride => "referrals.override", "Send a referral without the person's consent, giving a reason (flagged for review)";
    ReferralsRespond => "referrals.respond", "See the organisation's referrals; accept, decline, work on and complete incoming ones";
    GroupsManage => "groups.manage", "Record the meetings of the user's multidisciplinary groups: agenda, attendance, cases by code, decisions and action items";
    GroupsMembers => "groups.members", "Add, change and remove the members of a multidisciplinary group and hand its chair over: a group member of the chairing organisation for that group, an administrator for every group";
    RehabRead => "rehabilitation.read", "See the rehabilitation centres, their shifts, the occupancy calendar and the day view (case codes only)";
    RehabManage => "rehabilitation.manage", "Add rehabilitation centres, rooms and beds; plan shifts";
    RehabAdmit => "rehabilitation.admit", "Admit from a case in scope, keep the waiting list, discharge; keep the rehabilitation plan, sessions and progress notes";
    RehabStats => "rehabilitation.stats", "See the rehabilitation centre's statistics (aggregates only)";
    HotlineConsult => "hotline.consult", "Log hotline consultations, read the organisation's consultation log, answer online requests";
    HotlineStatistics => "hotline.statistics", "See and export hotline statistics (aggregates only)";
    HotlineChecksManage => "hotline.checks_manage", "Keep the hotline's check data: the licence register of recruitment agencies and the contacts in destination countries";
    CampaignsManage => "campaigns.manage", "Record information campaigns, their materials, reach and events; preview and publish them";
    ContentManage => "content.manage", "Build self-check quizzes, edit public pages and the partners listed publicly; preview and publish";
    TrainingsManage => "trainings.manage", "Record courses, sessions, participants, attendance, tests and feedback; issue certificates";
    PreventionStats => "prevention.stats", "See campaign reach and training statistics (aggregates only)";
    ReleasesPrepare => "statistics.releases.prepare", "Prepare statistics releases (tables with suppression, DP noisy counts, DP synthetic data), spending the privacy budget; see releases and the budget ledger";
    ReleasesApprove => "statistics.releases.approve", "Approve or reject a statistics release prepared by someone else (four eyes), which publishes it";
    BudgetManage => "statistics.budget.manage", "Set a statistics dataset's total privacy budget (ε, δ), giving a reason; never below what releases already spent";
    StatisticsRead => "statistics.read", "See the statistics dashboards of every 4P component and download the annual report (aggregates only, small cells suppressed)";
    ExportsHtcds => "exports.htcds", "Export the HTCDS case data of the cases the user's record scope reaches (one record per case, de-identified: case code and categories, no names, documents or contacts); every export is audited";
    ExportsCtdc => "exports.ctdc", "Export the national CTDC submission: every case with consent to anonymised statistics and not found 'not a victim', one de-identified record each in CTDC's codes (no case code, dates or region), which CTDC k-anonymises before publishing; every export is audited";
}

/// The permissions of one role.
pub fn role_permissions(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Admin => &[
            DirectoryRead,
            ReferenceRead,
            ReferenceManage,
            OrganisationsManage,
            UsersManage,
            SessionsManage,
            RetentionManage,
            StatisticsRead,
            HotlineChecksManage,
            BudgetManage,
            GroupsMembers,
        ],
        // The auditor sees the audit trail and nothing else.
        Role::Auditor => &[AuditRead, BreakGlassReview],
        Role::Supervisor => &[
            DirectoryRead,
            ReferenceRead,
            CasesRead,
            CasesCreate,
            CasesEdit,
            IdentificationDecide,
            CasesBreakGlass,
            ReferralsSend,
            ReferralsOverride,
            ReferralsRespond,
            GroupsManage,
            RehabRead,
            RehabStats,
            HotlineStatistics,
            StatisticsRead,
            HotlineChecksManage,
            ExportsHtcds,
        ],
        Role::CaseManager => &[
            DirectoryRead,
            ReferenceRead,
            CasesRead,
            CasesCreate,
            CasesEdit,
            IdentificationDecide,
            ReferralsSend,
            ReferralsRespond,
            RehabRead,
            ExportsHtcds,
        ],
        Role::HotlineConsultant => &[
            DirectoryRead,
            ReferenceRead,
            CasesRead,
            CasesCreate,
            HotlineConsult,
            HotlineStatistics,
        ],
        Role::MdgMember => &[
            DirectoryRead,
            ReferenceRead,
            CasesRead,
            IdentificationDecide,
            GroupsManage,
            GroupsMembers,
        ],
        Role::RehabilitationStaff => &[
            DirectoryRead,
            ReferenceRead,
            CasesRead,
            ReferralsRespond,
            RehabRead,
            RehabManage,
            RehabAdmit,
            RehabStats,
        ],
        Role::PartnerCaseworker => &[DirectoryRead, ReferenceRead, CasesRead, ReferralsRespond],
        Role::Trainer => &[
            DirectoryRead,
            ReferenceRead,
            TrainingsManage,
            PreventionStats,
        ],
        // Analysts prepare releases and approve their colleagues' (never their own: the
        // store refuses the preparer as approver).
        Role::Analyst => &[
            DirectoryRead,
            ReferenceRead,
            RehabStats,
            HotlineStatistics,
            PreventionStats,
            ReleasesPrepare,
            ReleasesApprove,
            StatisticsRead,
            ExportsCtdc,
        ],
        Role::ContentEditor => &[
            DirectoryRead,
            ReferenceRead,
            CampaignsManage,
            ContentManage,
            PreventionStats,
        ],
    }
}

/// True when any of `roles` grants `p`.
pub fn allows(roles: &[Role], p: Permission) -> bool {
    roles.iter().any(|r| role_permissions(*r).contains(&p))
}

/// Every permission any of `roles` grants, sorted.
pub fn permissions_of(roles: &[Role]) -> Vec<Permission> {
    let mut out: Vec<Permission> = roles
        .iter()
        .flat_map(|r| role_permissions(*r).iter().copied())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What a route requires of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Anyone, signed in or not (the public site, health checks, static files, login).
    Public,
    /// Any signed-in user (their own account, logout).
    SignedIn,
    /// A signed-in user whose roles grant this permission.
    Needs(Permission),
}

impl Guard {
    /// As the matrix shows it.
    pub fn describe(self) -> String {
        match self {
            Guard::Public => "public".to_owned(),
            Guard::SignedIn => "signed in".to_owned(),
            Guard::Needs(p) => format!("`{}`", p.code()),
        }
    }
}

/// How a user reaches a record about a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Records the user created.
    Own,
    /// Records assigned to the user.
    Assigned,
    /// Records led by the user's organisation.
    Organisation,
    /// Records referred to the user's organisation.
    ReferredToOrganisation,
    /// Records discussed by the multidisciplinary group of the user's region.
    RegionGroup,
    /// Every record.
    All,
}

/// The scopes through which a role reaches cases (persons). Roles not listed reach none:
/// the analyst sees aggregates only, the auditor the audit trail only, the administrator
/// runs the system without reading victims' files.
pub fn case_scopes(role: Role) -> &'static [Scope] {
    match role {
        Role::Supervisor => &[Scope::Own, Scope::Assigned, Scope::Organisation],
        Role::CaseManager => &[Scope::Own, Scope::Assigned],
        Role::HotlineConsultant => &[Scope::Own],
        Role::RehabilitationStaff | Role::PartnerCaseworker => {
            &[Scope::Assigned, Scope::ReferredToOrganisation]
        }
        Role::MdgMember => &[Scope::RegionGroup],
        Role::Admin | Role::Trainer | Role::Analyst | Role::Auditor | Role::ContentEditor => &[],
    }
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// User id.
    pub user_id: i64,
    /// The user's organisation.
    pub organisation_id: i64,
    /// The user's roles.
    pub roles: Vec<Role>,
    /// Regions whose multidisciplinary group the user's organisation belongs to.
    pub group_regions: Vec<String>,
}

/// What decides who may reach a case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaseFacts {
    /// The user who created it.
    pub created_by: i64,
    /// Users it is assigned to.
    pub assigned_to: Vec<i64>,
    /// The organisation leading it.
    pub lead_organisation: i64,
    /// Organisations it was referred to (accepted or pending).
    pub referred_to: Vec<i64>,
    /// Region of the case.
    pub region: String,
    /// Discussed by the region's multidisciplinary group.
    pub discussed_by_group: bool,
}

/// The first scope through which `subject` reaches the case, if any.
pub fn case_scope(subject: &Subject, case: &CaseFacts) -> Option<Scope> {
    let mut scopes: Vec<Scope> = subject
        .roles
        .iter()
        .flat_map(|r| case_scopes(*r).iter().copied())
        .collect();
    scopes.sort();
    scopes.dedup();
    scopes.into_iter().find(|s| match s {
        Scope::Own => case.created_by == subject.user_id,
        Scope::Assigned => case.assigned_to.contains(&subject.user_id),
        Scope::Organisation => case.lead_organisation == subject.organisation_id,
        Scope::ReferredToOrganisation => case.referred_to.contains(&subject.organisation_id),
        Scope::RegionGroup => {
            case.discussed_by_group && subject.group_regions.contains(&case.region)
        }
        Scope::All => true,
    })
}

/// Kinds of fields of a person's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldClass {
    /// Case code, region, status, dates, categories: what statistics are made of.
    Pseudonymous,
    /// Names, birth date, documents, contacts, addresses.
    Identifying,
    /// Health, testimony, notes and narratives.
    Sensitive,
}

/// Whether a role reaching a case through `scope` sees fields of `class`. Partner
/// organisations see identifying and sensitive fields only as far as the person's consent
/// and the referral allow; that further check belongs to the referral.
pub fn field_visible(role: Role, scope: Scope, class: FieldClass) -> bool {
    match (class, scope) {
        (FieldClass::Pseudonymous, _) => true,
        // A group discusses cases by code only.
        (_, Scope::RegionGroup) => false,
        _ => matches!(
            role,
            Role::Supervisor
                | Role::CaseManager
                | Role::HotlineConsultant
                | Role::RehabilitationStaff
                | Role::PartnerCaseworker
        ),
    }
}

/// Parts of a case record as pages and the API show them, each of a [`FieldClass`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSection {
    /// Code, region, status, phase, legal status, dates, categories.
    Summary,
    /// Assessed needs (codes and severity).
    Needs,
    /// Services on the case (type, provider, status, dates).
    Services,
    /// The person's name, languages and phones: enough to reach them.
    Contacts,
    /// The rest of the identity: birth date, citizenships, documents, addresses.
    Identity,
    /// The exploitation profile, trafficking events, perpetrators, proceedings, screening.
    Assessment,
    /// The assistance plan's goals and the tasks.
    Plan,
    /// Case notes, attachments, relatives, consents, timeline and who read the data.
    CaseFile,
}

impl CaseSection {
    /// Every section.
    pub const ALL: &'static [CaseSection] = &[
        CaseSection::Summary,
        CaseSection::Needs,
        CaseSection::Services,
        CaseSection::Contacts,
        CaseSection::Identity,
        CaseSection::Assessment,
        CaseSection::Plan,
        CaseSection::CaseFile,
    ];

    /// The class of the fields in the section.
    pub fn class(self) -> FieldClass {
        match self {
            CaseSection::Summary | CaseSection::Needs | CaseSection::Services => {
                FieldClass::Pseudonymous
            }
            CaseSection::Contacts | CaseSection::Identity => FieldClass::Identifying,
            CaseSection::Assessment | CaseSection::Plan | CaseSection::CaseFile => {
                FieldClass::Sensitive
            }
        }
    }
}

/// What a receiving organisation was given by the referrals that reach it: the widest
/// disclosure the sender chose among them (`None` when it reaches the case only through a
/// service it provides), whether any is accepted, and whether the person's consent to a
/// referral to that organisation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferralGrant {
    /// The widest disclosure of the referrals reaching the organisation.
    pub disclosure: Option<crate::referral::Disclosure>,
    /// At least one of them is accepted (before that, needs only).
    pub accepted: bool,
    /// The person's consent to a referral to the organisation stands.
    pub consent: bool,
}

/// The sections a referral's disclosure opens to the receiver (once accepted).
pub fn disclosed_sections(d: crate::referral::Disclosure) -> &'static [CaseSection] {
    use crate::referral::Disclosure;
    use CaseSection::*;
    match d {
        Disclosure::NeedsOnly => &[Summary, Needs, Services],
        Disclosure::NeedsAndContacts => &[Summary, Needs, Services, Contacts],
        Disclosure::FullAssessment => &[
            Summary, Needs, Services, Contacts, Identity, Assessment, Plan,
        ],
    }
}

/// Whether a role reaching a case through `scope` sees `section`. The field class decides
/// first ([`field_visible`]); a group sees the summary, needs and services by code; a
/// receiving organisation sees what the referral's disclosure opens, identifying and sensitive
/// parts only with the person's consent, and before acceptance only what it needs to decide.
/// A service without a referral counts as "needs and contacts".
pub fn section_visible(
    role: Role,
    scope: Scope,
    grant: Option<ReferralGrant>,
    section: CaseSection,
) -> bool {
    use crate::referral::Disclosure;
    if !field_visible(role, scope, section.class()) {
        return false;
    }
    match scope {
        Scope::RegionGroup => matches!(
            section,
            CaseSection::Summary | CaseSection::Needs | CaseSection::Services
        ),
        Scope::ReferredToOrganisation => {
            let Some(g) = grant else {
                return matches!(section, CaseSection::Summary | CaseSection::Services);
            };
            let opened = match (g.disclosure, g.accepted) {
                (Some(d), true) => disclosed_sections(d),
                (Some(_), false) => disclosed_sections(Disclosure::NeedsOnly),
                (None, _) => disclosed_sections(Disclosure::NeedsAndContacts),
            };
            opened.contains(&section) && (section.class() == FieldClass::Pseudonymous || g.consent)
        }
        _ => true,
    }
}

/// How much of an organisation's open referrals a user sees on its partner page (case codes,
/// services, states and due dates: nothing identifying).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerReferralsReach {
    /// Every open referral to and from it: its own staff, and supervisors, who oversee the
    /// mechanism's referrals (their statistics by partner, overrides, break-glass).
    All,
    /// Only the open referrals between it and the user's own organisation, which the user's
    /// inbox already lists: a case manager following up the partners they refer to.
    SharedWithOwn,
}

/// What `subject` sees of the open referrals of organisation `organisation_id` (see
/// [`PartnerReferralsReach`]); `None` for roles that do not work on referrals.
pub fn partner_referrals_reach(
    subject: &Subject,
    organisation_id: i64,
) -> Option<PartnerReferralsReach> {
    if !allows(&subject.roles, Permission::ReferralsRespond) {
        return None;
    }
    if subject.organisation_id == organisation_id || subject.roles.contains(&Role::Supervisor) {
        Some(PartnerReferralsReach::All)
    } else {
        Some(PartnerReferralsReach::SharedWithOwn)
    }
}

/// True when a role can ever read identifying data: such roles must use a second factor.
pub fn reads_identifying(role: Role) -> bool {
    case_scopes(role)
        .iter()
        .any(|s| field_visible(role, *s, FieldClass::Identifying))
}

/// Which users must sign in with a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MfaPolicy {
    /// Roles that can read identifying data, and administrators (the default).
    #[default]
    IdentifyingAndAdmins,
    /// Everyone.
    Everyone,
}

impl MfaPolicy {
    /// Parses `identifying` or `everyone`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "identifying" => Some(Self::IdentifyingAndAdmins),
            "everyone" => Some(Self::Everyone),
            _ => None,
        }
    }

    /// Whether a user with `roles` needs a second factor.
    pub fn requires(self, roles: &[Role]) -> bool {
        match self {
            Self::Everyone => true,
            Self::IdentifyingAndAdmins => roles
                .iter()
                .any(|r| *r == Role::Admin || reads_identifying(*r)),
        }
    }
}

/// Whether the caller may change the members of a group whose chair belongs to
/// `chair_organisation` (`groups.members`): administrators for every group (they keep the
/// groups of the whole country in order), everyone else only for a group their own
/// organisation chairs.
pub fn may_edit_group_members(
    roles: &[Role],
    organisation_id: i64,
    chair_organisation: Option<i64>,
) -> bool {
    allows(roles, Permission::GroupsMembers)
        && (roles.contains(&Role::Admin) || chair_organisation == Some(organisation_id))
}

/// Whether a role may open a record outside its scope by giving a reason (break-glass);
/// every such access is flagged for review.
pub fn may_break_glass(role: Role) -> bool {
    role == Role::Supervisor
}

/// The access matrix in Markdown, as `docs/ACCESS.md` holds it. `routes` lists every route
/// of the application with its guard.
pub fn matrix_markdown(routes: &[(&str, &str, Guard)]) -> String {
    let mut out = String::new();
    out.push_str("## Function level: permissions by role\n\n| Permission | What it allows |");
    for r in Role::ALL {
        out.push_str(&format!(" {} |", r.code()));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(Role::ALL.len()));
    out.push('\n');
    for p in Permission::ALL {
        out.push_str(&format!("| `{}` | {} |", p.code(), p.describe()));
        for r in Role::ALL {
            out.push_str(if role_permissions(*r).contains(p) {
                " ✔ |"
            } else {
                " |"
            });
        }
        out.push('\n');
    }
    out.push_str("\n## Record level: how each role reaches a person's case\n\n| Role | Scopes | Identifying fields | Sensitive fields | Second factor (default policy) | Break-glass |\n|---|---|---|---|---|---|\n");
    for r in Role::ALL {
        let scopes: Vec<String> = case_scopes(*r).iter().map(|s| format!("{s:?}")).collect();
        let sees = |class| case_scopes(*r).iter().any(|s| field_visible(*r, *s, class));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.code(),
            if scopes.is_empty() {
                "none".to_owned()
            } else {
                scopes.join(", ")
            },
            yes(sees(FieldClass::Identifying)),
            yes(sees(FieldClass::Sensitive)),
            yes(MfaPolicy::default().requires(&[*r])),
            yes(may_break_glass(*r)),
        ));
    }
    out.push_str("\n## Field level: what a receiving organisation sees of a referred case\n\nThe sender of a referral chooses its disclosure; identifying and sensitive parts need the person's standing consent to a referral to the receiver, and until the receiver accepts it sees only what it needs to decide. A group sees cases its meetings discussed, by code: summary, needs, services.\n\n| Disclosure | Before acceptance | Accepted, with consent | Accepted, without consent |\n|---|---|---|---|\n");
    for d in crate::referral::Disclosure::ALL {
        let sees = |accepted, consent| {
            CaseSection::ALL
                .iter()
                .filter(|s| {
                    section_visible(
                        Role::PartnerCaseworker,
                        Scope::ReferredToOrganisation,
                        Some(ReferralGrant {
                            disclosure: Some(*d),
                            accepted,
                            consent,
                        }),
                        **s,
                    )
                })
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            d.code(),
            sees(false, true),
            sees(true, true),
            sees(true, false)
        ));
    }
    out.push_str("\n## Record level: a partner's open referrals\n\nThe page `/partners/{id}/referrals` (and its API) lists open referrals by case code, service, state and due dates.\n\n| Role | Own organisation's | Another organisation's |\n|---|---|---|\n");
    for r in Role::ALL {
        let reach = |own: bool| {
            let s = Subject {
                user_id: 0,
                organisation_id: 1,
                roles: vec![*r],
                group_regions: Vec::new(),
            };
            match partner_referrals_reach(&s, if own { 1 } else { 2 }) {
                Some(PartnerReferralsReach::All) => "all",
                Some(PartnerReferralsReach::SharedWithOwn) => "those shared with its own",
                None => "none",
            }
        };
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            r.code(),
            reach(true),
            reach(false)
        ));
    }
    out.push_str("\n## Routes\n\n| Method | Path | Requires |\n|---|---|---|\n");
    for (method, path, guard) in routes {
        out.push_str(&format!("| {method} | `{path}` | {} |\n", guard.describe()));
    }
    out
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(roles: &[Role]) -> Subject {
        Subject {
            user_id: 7,
            organisation_id: 3,
            roles: roles.to_vec(),
            group_regions: vec!["BY-HO".into()],
        }
    }

    fn case() -> CaseFacts {
        CaseFacts {
            created_by: 1,
            assigned_to: vec![2],
            lead_organisation: 9,
            referred_to: vec![],
            region: "BY-HO".into(),
            discussed_by_group: false,
        }
    }

    #[test]
    fn auditor_sees_only_the_audit_trail_and_analyst_no_person() {
        assert_eq!(
            role_permissions(Role::Auditor),
            &[Permission::AuditRead, Permission::BreakGlassReview]
        );
        assert!(case_scopes(Role::Analyst).is_empty());
        assert!(case_scopes(Role::Auditor).is_empty());
        assert!(
            case_scopes(Role::Admin).is_empty(),
            "administrators do not read victims' files"
        );
    }

    #[test]
    fn scopes_decide_record_access() {
        let c = case();
        assert_eq!(case_scope(&subject(&[Role::CaseManager]), &c), None);
        let mine = CaseFacts {
            created_by: 7,
            ..case()
        };
        assert_eq!(
            case_scope(&subject(&[Role::CaseManager]), &mine),
            Some(Scope::Own)
        );
        let assigned = CaseFacts {
            assigned_to: vec![7],
            ..case()
        };
        assert_eq!(
            case_scope(&subject(&[Role::CaseManager]), &assigned),
            Some(Scope::Assigned)
        );
        let org = CaseFacts {
            lead_organisation: 3,
            ..case()
        };
        assert_eq!(
            case_scope(&subject(&[Role::CaseManager]), &org),
            None,
            "colleagues' cases need assignment"
        );
        assert_eq!(
            case_scope(&subject(&[Role::Supervisor]), &org),
            Some(Scope::Organisation)
        );
        let referred = CaseFacts {
            referred_to: vec![3],
            ..case()
        };
        assert_eq!(
            case_scope(&subject(&[Role::PartnerCaseworker]), &referred),
            Some(Scope::ReferredToOrganisation)
        );
        let discussed = CaseFacts {
            discussed_by_group: true,
            ..case()
        };
        assert_eq!(
            case_scope(&subject(&[Role::MdgMember]), &discussed),
            Some(Scope::RegionGroup)
        );
        assert_eq!(
            case_scope(&subject(&[Role::MdgMember]), &case()),
            None,
            "only cases the group discusses"
        );
        assert_eq!(
            case_scope(&subject(&[Role::Analyst, Role::Trainer]), &mine),
            None
        );
    }

    #[test]
    fn groups_see_codes_only() {
        assert!(field_visible(
            Role::MdgMember,
            Scope::RegionGroup,
            FieldClass::Pseudonymous
        ));
        assert!(!field_visible(
            Role::MdgMember,
            Scope::RegionGroup,
            FieldClass::Identifying
        ));
        assert!(!field_visible(
            Role::Supervisor,
            Scope::RegionGroup,
            FieldClass::Sensitive
        ));
        assert!(field_visible(
            Role::CaseManager,
            Scope::Own,
            FieldClass::Identifying
        ));
    }

    #[test]
    fn receivers_see_what_the_disclosure_and_consent_allow() {
        use crate::referral::Disclosure;
        let p = Role::PartnerCaseworker;
        let r = Scope::ReferredToOrganisation;
        let grant = |d, accepted, consent| {
            Some(ReferralGrant {
                disclosure: Some(d),
                accepted,
                consent,
            })
        };
        let full = grant(Disclosure::FullAssessment, true, true);
        for s in CaseSection::ALL {
            assert_eq!(
                section_visible(p, r, full, *s),
                *s != CaseSection::CaseFile,
                "{s:?}: notes, files, relatives stay with the lead"
            );
            assert!(section_visible(Role::CaseManager, Scope::Own, None, *s));
        }
        let contacts = grant(Disclosure::NeedsAndContacts, true, true);
        assert!(section_visible(p, r, contacts, CaseSection::Contacts));
        assert!(!section_visible(p, r, contacts, CaseSection::Identity));
        assert!(!section_visible(p, r, contacts, CaseSection::Assessment));
        // Without consent (a supervisor's override) nothing identifying or sensitive.
        let overridden = grant(Disclosure::FullAssessment, true, false);
        assert!(section_visible(p, r, overridden, CaseSection::Needs));
        assert!(!section_visible(p, r, overridden, CaseSection::Contacts));
        assert!(!section_visible(p, r, overridden, CaseSection::Assessment));
        // Before acceptance: enough to decide.
        let pending = grant(Disclosure::FullAssessment, false, true);
        assert!(section_visible(p, r, pending, CaseSection::Needs));
        assert!(!section_visible(p, r, pending, CaseSection::Contacts));
        // A service alone: needs and contacts.
        let service = Some(ReferralGrant {
            disclosure: None,
            accepted: true,
            consent: true,
        });
        assert!(section_visible(p, r, service, CaseSection::Contacts));
        assert!(!section_visible(p, r, service, CaseSection::Plan));
        // A group: by code.
        for s in CaseSection::ALL {
            assert_eq!(
                section_visible(Role::MdgMember, Scope::RegionGroup, None, *s),
                matches!(
                    s,
                    CaseSection::Summary | CaseSection::Needs | CaseSection::Services
                )
            );
        }
    }

    #[test]
    fn second_factor_for_identifying_roles_and_admins() {
        let p = MfaPolicy::default();
        for r in [
            Role::Admin,
            Role::Supervisor,
            Role::CaseManager,
            Role::HotlineConsultant,
            Role::RehabilitationStaff,
            Role::PartnerCaseworker,
        ] {
            assert!(p.requires(&[r]), "{}", r.code());
        }
        for r in [
            Role::Analyst,
            Role::Auditor,
            Role::Trainer,
            Role::ContentEditor,
            Role::MdgMember,
        ] {
            assert!(!p.requires(&[r]), "{}", r.code());
        }
        assert!(MfaPolicy::Everyone.requires(&[Role::Trainer]));
        assert!(may_break_glass(Role::Supervisor) && !may_break_glass(Role::CaseManager));
    }

    #[test]
    fn a_partners_open_referrals_reach_its_staff_supervisors_and_its_counterparts() {
        use PartnerReferralsReach::*;
        // Organisation 3 is the subject's own.
        assert_eq!(
            partner_referrals_reach(&subject(&[Role::PartnerCaseworker]), 3),
            Some(All)
        );
        assert_eq!(
            partner_referrals_reach(&subject(&[Role::CaseManager]), 3),
            Some(All)
        );
        assert_eq!(
            partner_referrals_reach(&subject(&[Role::CaseManager]), 9),
            Some(SharedWithOwn),
            "another organisation's: only what the two share"
        );
        assert_eq!(
            partner_referrals_reach(&subject(&[Role::RehabilitationStaff]), 9),
            Some(SharedWithOwn)
        );
        assert_eq!(
            partner_referrals_reach(&subject(&[Role::Supervisor]), 9),
            Some(All)
        );
        for r in [
            Role::Admin,
            Role::Analyst,
            Role::Auditor,
            Role::MdgMember,
            Role::HotlineConsultant,
            Role::Trainer,
            Role::ContentEditor,
        ] {
            assert_eq!(partner_referrals_reach(&subject(&[r]), 3), None, "{r:?}");
            assert_eq!(partner_referrals_reach(&subject(&[r]), 9), None, "{r:?}");
        }
        // Roles combine: a trainer who is also a supervisor oversees.
        assert_eq!(
            partner_referrals_reach(&subject(&[Role::Trainer, Role::Supervisor]), 9),
            Some(All)
        );
    }

    #[test]
    fn permissions_combine_across_roles() {
        let p = permissions_of(&[Role::Auditor, Role::Trainer]);
        assert!(p.contains(&Permission::AuditRead) && p.contains(&Permission::DirectoryRead));
        assert!(!allows(&[Role::Trainer], Permission::UsersManage));
        assert!(allows(
            &[Role::Trainer, Role::Admin],
            Permission::UsersManage
        ));
    }

    #[test]
    fn only_the_chairing_organisation_and_administrators_edit_a_groups_members() {
        let chair_org = 7;
        // A group member of the chairing organisation, for that group only.
        assert!(may_edit_group_members(
            &[Role::MdgMember],
            7,
            Some(chair_org)
        ));
        assert!(!may_edit_group_members(
            &[Role::MdgMember],
            8,
            Some(chair_org)
        ));
        assert!(!may_edit_group_members(&[Role::MdgMember], 7, None));
        // Administrators for every group, with or without a chair.
        assert!(may_edit_group_members(&[Role::Admin], 1, Some(chair_org)));
        assert!(may_edit_group_members(&[Role::Admin], 1, None));
        // Other roles of the chairing organisation do not.
        for r in [
            Role::Supervisor,
            Role::CaseManager,
            Role::PartnerCaseworker,
            Role::Analyst,
            Role::Auditor,
        ] {
            assert!(!may_edit_group_members(&[r], 7, Some(chair_org)), "{r:?}");
        }
        // Keeping minutes is not editing members, and the reverse.
        assert!(!allows(&[Role::Admin], Permission::GroupsManage));
        assert!(allows(&[Role::MdgMember], Permission::GroupsMembers));
    }
}
