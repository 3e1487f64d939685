//! Server-rendered pages. Each page is an askama template whose struct carries a [`Base`]:
//! the request's language, path and the navigation, shared by the layout.

mod admin;
pub mod cases;
pub mod directory;
pub mod exports;
pub(crate) mod groups;
mod home;
pub mod hotline;
pub mod hotline_checks;
pub mod hotline_public;
mod login;
mod mail;
mod partners;
pub mod prevention;
mod prevention_content;
pub mod prevention_public;
pub mod prevention_trainings;
pub mod privacy_budget;
pub mod publication;
mod reference;
mod referral_stats;
pub mod referrals;
pub mod rehab;
pub mod statistics;

use crate::AppState;
use crate::error::PageError;
use crate::i18n::Tr;
use crate::middleware::RequestLang;
use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use mayak_domain::Lang;
use mayak_domain::access::{self, Permission};

/// Routes of the pages.
pub fn router() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route("/", get(home::show))
        // Prevention: the public site's quizzes and pages, campaigns, trainings, content.
        .route("/quizzes", get(prevention_public::quizzes))
        .route(
            "/quizzes/{quiz}",
            get(prevention_public::quiz).post(prevention_public::answer),
        )
        .route("/pages/{page}", get(prevention_public::page))
        .route(
            "/prevention/campaigns",
            get(prevention::campaigns).post(prevention::create_campaign),
        )
        .route(
            "/prevention/campaigns/{id}",
            get(prevention::campaign).post(prevention::update_campaign),
        )
        .route(
            "/prevention/campaigns/{id}/publication",
            post(prevention::publish_campaign),
        )
        .route(
            "/prevention/campaigns/{id}/preview",
            get(prevention::preview_campaign),
        )
        .route(
            "/prevention/campaigns/{id}/materials",
            post(prevention::add_material),
        )
        .route(
            "/prevention/campaigns/{id}/materials/{material}/reach",
            post(prevention::add_reach),
        )
        .route(
            "/prevention/campaigns/{id}/events",
            post(prevention::add_event),
        )
        .route(
            "/prevention/campaigns/{id}/events/{event}/participants",
            post(prevention::add_event_participants),
        )
        .route(
            "/prevention/campaigns/{id}/events/{event}/experts",
            post(prevention::add_event_expert),
        )
        .route("/prevention/statistics", get(prevention::statistics))
        .route("/trainings", get(prevention_trainings::index))
        .route(
            "/trainings/courses",
            post(prevention_trainings::create_course),
        )
        .route(
            "/trainings/sessions",
            post(prevention_trainings::create_session),
        )
        .route(
            "/trainings/sessions/{id}",
            get(prevention_trainings::session),
        )
        .route(
            "/trainings/sessions/{id}/participants",
            post(prevention_trainings::add_participant),
        )
        .route(
            "/trainings/sessions/{id}/import",
            post(prevention_trainings::import).layer(axum::extract::DefaultBodyLimit::max(
                prevention_trainings::MAX_IMPORT_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/trainings/sessions/{id}/results",
            post(prevention_trainings::results),
        )
        .route(
            "/trainings/sessions/{id}/feedback",
            post(prevention_trainings::add_feedback),
        )
        .route(
            "/trainings/sessions/{id}/participants/{participant}/certificate",
            get(prevention_trainings::certificate),
        )
        .route(
            "/content/quizzes",
            get(prevention_content::quizzes).post(prevention_content::create_quiz),
        )
        .route(
            "/content/quizzes/{id}",
            get(prevention_content::quiz).post(prevention_content::update_quiz),
        )
        .route(
            "/content/quizzes/{id}/questions",
            post(prevention_content::add_question),
        )
        .route(
            "/content/quizzes/{id}/questions/{question}/answers",
            post(prevention_content::add_answer),
        )
        .route(
            "/content/quizzes/{id}/bands",
            post(prevention_content::add_band),
        )
        .route(
            "/content/quizzes/{id}/preview",
            get(prevention_content::preview_quiz).post(prevention_content::preview_answer),
        )
        .route(
            "/content/quizzes/{id}/publication",
            post(prevention_content::publish_quiz),
        )
        .route("/content/pages", get(prevention_content::pages))
        .route(
            "/content/pages/{page}",
            get(prevention_content::page).post(prevention_content::save_page),
        )
        .route(
            "/content/pages/{page}/preview",
            get(prevention_content::preview_page),
        )
        .route(
            "/content/pages/{page}/publish",
            post(prevention_content::publish_page),
        )
        .route(
            "/content/partners",
            get(prevention_content::partners).post(prevention_content::save_partners),
        )
        // Statistics: releases with four eyes, the privacy budget, the public page.
        .route(
            "/admin/privacy-budget",
            get(privacy_budget::show).post(privacy_budget::set),
        )
        .route(
            "/statistics/releases",
            get(publication::list).post(publication::create),
        )
        .route("/statistics/releases/new", get(publication::new_form))
        .route("/statistics/releases/{id}", get(publication::show))
        .route(
            "/statistics/releases/{id}/decision",
            post(publication::decide),
        )
        .route(
            "/statistics/releases/{id}/files/{name}",
            get(publication::download),
        )
        .route("/public/statistics", get(publication::public))
        .route(
            "/public/statistics/releases/{id}/files/{name}",
            get(publication::public_download),
        )
        .route("/login", get(login::form).post(login::submit))
        .route(
            "/login/second-factor",
            get(login::second_factor_form).post(login::second_factor_submit),
        )
        .route(
            "/login/enrol",
            get(login::enrol_form).post(login::enrol_submit),
        )
        .route("/logout", post(login::logout))
        .route("/account", get(login::account))
        .route("/account/password", post(login::change_password))
        .route("/reference", get(reference::index))
        .route(
            "/reference/{list}",
            get(reference::show).post(reference::add),
        )
        .route("/reference/{list}/{code}/retire", post(reference::retire))
        .route("/reference/{list}/{code}/restore", post(reference::restore))
        .route("/cases", get(cases::list).post(cases::create))
        .route("/cases/new", get(cases::new_form))
        .route("/cases/drafts/{id}/delete", post(cases::delete_draft))
        .route(
            "/cases/break-glass",
            get(cases::break_glass_form).post(cases::break_glass),
        )
        .route("/audit/break-glass", get(cases::break_glass_review))
        .route(
            "/audit/break-glass/{id}/review",
            post(cases::break_glass_reviewed),
        )
        .route("/cases/{id}", get(cases::show).post(cases::update))
        .route("/cases/{id}/identification", post(cases::identify))
        .route(
            "/cases/{id}/screening",
            get(cases::screening_form).post(cases::screen),
        )
        .route("/cases/{id}/needs", post(cases::add_need))
        .route(
            "/cases/{id}/files",
            post(cases::upload).layer(axum::extract::DefaultBodyLimit::max(
                cases::MAX_FILE_BYTES + 64 * 1024,
            )),
        )
        .route("/cases/{id}/files/{file}", get(cases::download))
        .route("/cases/{id}/episodes", post(cases::add_episode))
        .route("/cases/{id}/trafficking-events", post(cases::add_stage))
        .route("/cases/{id}/perpetrators", post(cases::add_perpetrator))
        .route("/cases/{id}/proceedings", post(cases::add_proceeding))
        .route("/cases/{id}/goals", post(cases::add_goal))
        .route("/cases/{id}/goals/{goal}/status", post(cases::goal_status))
        .route("/cases/{id}/notes", post(cases::add_note))
        .route("/cases/{id}/relatives", post(cases::add_relative))
        .route("/cases/{id}/tasks", post(cases::add_task))
        .route("/cases/{id}/tasks/{task}/done", post(cases::task_done))
        .route("/work", get(cases::my_work))
        .route("/cases/{id}/consents", post(cases::add_consent))
        .route(
            "/cases/{id}/consents/{consent}/withdraw",
            post(cases::withdraw_consent),
        )
        .route("/cases/{id}/services", post(cases::add_service))
        .route(
            "/cases/{id}/services/{service}/status",
            post(cases::service_status),
        )
        .route("/cases/{id}/referrals/new", get(referrals::new_form))
        .route("/cases/{id}/referrals", post(referrals::send))
        .route("/referrals", get(referrals::inbox))
        .route("/referrals/overrides", get(referrals::overrides))
        .route("/referrals/statistics", get(referral_stats::show))
        .route("/referrals/{id}", get(referrals::show))
        .route("/referrals/{id}/act", post(referrals::act_form))
        .route("/referrals/{id}/notes", post(referrals::add_note))
        .route("/referrals/{id}/services", post(referrals::add_service))
        .route("/referrals/{id}/review", post(referrals::reviewed))
        .route("/partners", get(partners::directory))
        .route("/partners/groups", get(partners::groups))
        .route("/groups/{id}", get(groups::show))
        .route("/groups/{id}/summary", get(groups::summary))
        .route("/groups/{id}/meetings", post(groups::create_meeting))
        .route("/groups/{id}/members", post(groups::add_member))
        .route(
            "/groups/{id}/members/{member}",
            get(groups::show_member).post(groups::edit_member),
        )
        .route(
            "/groups/{id}/members/{member}/chair",
            post(groups::hand_chair),
        )
        .route(
            "/groups/{id}/members/{member}/remove",
            post(groups::remove_member),
        )
        .route(
            "/groups/{id}/meetings/{meeting}",
            get(groups::show_meeting).post(groups::edit_meeting),
        )
        .route(
            "/groups/{id}/meetings/{meeting}/attendance",
            post(groups::attendance),
        )
        .route(
            "/groups/{id}/meetings/{meeting}/cases",
            post(groups::add_case),
        )
        .route(
            "/groups/{id}/meetings/{meeting}/decisions",
            post(groups::add_decision),
        )
        .route(
            "/groups/{id}/meetings/{meeting}/actions",
            post(groups::add_action),
        )
        .route(
            "/groups/{id}/meetings/{meeting}/actions/{item}/done",
            post(groups::action_done),
        )
        .route("/partners/public", get(partners::public))
        .route("/partners/regions/{region}", get(directory::region))
        .route(
            "/partners/{id}/referrals",
            get(directory::partner_referrals),
        )
        .route(
            "/admin/organisations/{id}/directory",
            get(partners::details_form_page).post(partners::save_details),
        )
        .route(
            "/admin/organisations",
            get(admin::organisations).post(admin::create_organisation),
        )
        .route(
            "/admin/organisations/{id}",
            get(admin::organisation).post(admin::update_organisation),
        )
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route(
            "/admin/users/{id}",
            get(admin::user).post(admin::update_user),
        )
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/admin/users/{id}/email", post(mail::set_contact))
        .route("/admin/mail", get(mail::outbox))
        .route("/admin/mail/{id}/retry", post(mail::retry))
        .route("/admin/users/{id}/enable", post(admin::enable_user))
        .route("/admin/users/{id}/reset-mfa", post(admin::reset_mfa))
        .route(
            "/admin/users/{id}/end-sessions",
            post(admin::end_user_sessions),
        )
        .route("/admin/sessions", get(admin::sessions))
        .route("/admin/sessions/{handle}/end", post(admin::end_session))
        .route("/admin/retention", get(admin::retention))
        .route("/admin/retention/dry-run", post(admin::retention_dry_run))
        .route(
            "/admin/retention/{id}/approve",
            post(admin::retention_approve),
        )
        .route(
            "/admin/retention/{id}/reject",
            post(admin::retention_reject),
        )
        .route("/admin/tokens", get(admin::tokens))
        .route("/admin/tokens/{id}/revoke", post(admin::revoke_token))
        .route("/rehab", get(rehab::index))
        .route("/rehab/centres", post(rehab::add_centre))
        .route("/rehab/centres/{id}/rooms", post(rehab::add_room))
        .route("/rehab/shifts", post(rehab::add_shift))
        .route("/rehab/shifts/{id}", get(rehab::show_shift))
        .route("/rehab/shifts/{id}/admit", get(rehab::admit_form))
        .route("/rehab/shifts/{id}/admissions", post(rehab::admit))
        .route("/rehab/calendar", get(rehab::calendar))
        .route("/rehab/day", get(rehab::day))
        .route("/rehab/stats", get(rehab::stats))
        .route("/rehab/stays/{id}", get(rehab::show_stay))
        .route("/rehab/stays/{id}/arrive", post(rehab::arrive))
        .route("/rehab/stays/{id}/cancel", post(rehab::cancel))
        .route("/rehab/stays/{id}/place", post(rehab::place))
        .route("/rehab/stays/{id}/plan", post(rehab::add_plan))
        .route(
            "/rehab/stays/{id}/plan/{item}/status",
            post(rehab::plan_status),
        )
        .route("/rehab/stays/{id}/sessions", post(rehab::add_session))
        .route("/rehab/stays/{id}/notes", post(rehab::add_note))
        .route("/rehab/stays/{id}/discharge", post(rehab::discharge))
        .route("/audit", get(admin::audit))
        .route("/audit/export", post(admin::audit_export))
        .route("/hotline", get(hotline::log))
        .route("/hotline/new", get(hotline::new_form))
        .route("/hotline/consultations", post(hotline::create))
        .route("/hotline/draft", post(hotline::save_draft))
        .route("/hotline/consultations/{id}", get(hotline::show))
        .route(
            "/hotline/consultations/{id}/escalate",
            post(hotline::escalate),
        )
        .route("/hotline/requests", get(hotline_public::queue))
        .route(
            "/hotline/requests/{id}",
            get(hotline_public::request).post(hotline_public::answer),
        )
        .route("/hotline/checks/agencies", get(hotline_checks::agencies))
        .route(
            "/hotline/checks/offer",
            get(hotline_checks::offer).post(hotline_checks::offer_post),
        )
        .route("/hotline/checks/contacts", get(hotline_checks::contacts))
        .route("/hotline/register", get(hotline_checks::register))
        .route(
            "/hotline/register/agencies",
            post(hotline_checks::agency_create),
        )
        .route(
            "/hotline/register/agencies/new",
            get(hotline_checks::agency_new),
        )
        .route(
            "/hotline/register/agencies/{id}",
            get(hotline_checks::agency_edit).post(hotline_checks::agency_update),
        )
        .route(
            "/hotline/register/agencies/{id}/retire",
            post(hotline_checks::agency_retire),
        )
        .route(
            "/hotline/register/contacts",
            post(hotline_checks::contact_create),
        )
        .route(
            "/hotline/register/contacts/new",
            get(hotline_checks::contact_new),
        )
        .route(
            "/hotline/register/contacts/{id}",
            get(hotline_checks::contact_edit).post(hotline_checks::contact_update),
        )
        .route(
            "/hotline/register/contacts/{id}/retire",
            post(hotline_checks::contact_retire),
        )
        .route("/channels/viber", post(crate::viber::webhook))
        .route("/hotline/statistics", get(hotline::statistics))
        .route("/hotline/statistics.csv", get(hotline::statistics_csv))
        .route("/hotline/statistics.xlsx", get(hotline::statistics_xlsx))
        .route("/statistics", get(statistics::index))
        .route("/statistics/report", get(statistics::report))
        .route("/statistics/exports", get(exports::index))
        .route("/statistics/exports/htcds", get(exports::htcds))
        .route("/statistics/exports/ctdc", get(exports::ctdc))
        .route("/statistics/{section}", get(statistics::show))
        .route(
            "/consultation",
            get(hotline_public::form).post(hotline_public::submit),
        )
        .route(
            "/consultation/ticket",
            get(hotline_public::ticket_form).post(hotline_public::ticket),
        )
}

/// One link of the navigation.
#[derive(Debug, Clone)]
pub struct NavLink {
    /// Catalog key of the label.
    pub key: &'static str,
    /// Target.
    pub href: &'static str,
    /// Shown only to users with this permission.
    pub needs: Permission,
}

/// One 4P component in the navigation, with the pages that exist for it.
#[derive(Debug, Clone)]
pub struct NavSection {
    /// Catalog key of the heading.
    pub key: &'static str,
    /// Its pages.
    pub links: &'static [NavLink],
}

/// The navigation by 4P component. Components whose modules have not landed yet have no
/// links and are not shown.
pub const NAV: &[NavSection] = &[
    NavSection {
        key: "nav-prevention",
        links: &[
            NavLink {
                key: "nav-hotline",
                href: "/hotline",
                needs: Permission::HotlineConsult,
            },
            NavLink {
                key: "nav-hotline-new",
                href: "/hotline/new",
                needs: Permission::HotlineConsult,
            },
            NavLink {
                key: "nav-hotline-requests",
                href: "/hotline/requests",
                needs: Permission::HotlineConsult,
            },
            NavLink {
                key: "nav-hotline-checks",
                href: "/hotline/checks/agencies",
                needs: Permission::HotlineConsult,
            },
            NavLink {
                key: "nav-hotline-register",
                href: "/hotline/register",
                needs: Permission::HotlineChecksManage,
            },
            NavLink {
                key: "nav-hotline-statistics",
                href: "/hotline/statistics",
                needs: Permission::HotlineStatistics,
            },
            NavLink {
                key: "nav-campaigns",
                href: "/prevention/campaigns",
                needs: Permission::CampaignsManage,
            },
            NavLink {
                key: "nav-quizzes",
                href: "/content/quizzes",
                needs: Permission::ContentManage,
            },
            NavLink {
                key: "nav-public-pages",
                href: "/content/pages",
                needs: Permission::ContentManage,
            },
            NavLink {
                key: "nav-public-partners",
                href: "/content/partners",
                needs: Permission::ContentManage,
            },
            NavLink {
                key: "nav-prevention-statistics",
                href: "/prevention/statistics",
                needs: Permission::PreventionStats,
            },
        ],
    },
    NavSection {
        key: "nav-prosecution",
        links: &[NavLink {
            key: "nav-trainings",
            href: "/trainings",
            needs: Permission::TrainingsManage,
        }],
    },
    NavSection {
        key: "nav-protection",
        links: &[
            NavLink {
                key: "nav-my-work",
                href: "/work",
                needs: Permission::CasesEdit,
            },
            NavLink {
                key: "nav-cases",
                href: "/cases",
                needs: Permission::CasesRead,
            },
            NavLink {
                key: "nav-new-case",
                href: "/cases/new",
                needs: Permission::CasesCreate,
            },
            NavLink {
                key: "nav-break-glass",
                href: "/cases/break-glass",
                needs: Permission::CasesBreakGlass,
            },
            NavLink {
                key: "nav-exports",
                href: "/statistics/exports",
                needs: Permission::ExportsHtcds,
            },
            NavLink {
                key: "nav-rehab",
                href: "/rehab",
                needs: Permission::RehabRead,
            },
            NavLink {
                key: "nav-rehab-day",
                href: "/rehab/day",
                needs: Permission::RehabRead,
            },
            NavLink {
                key: "nav-rehab-stats",
                href: "/rehab/stats",
                needs: Permission::RehabStats,
            },
        ],
    },
    NavSection {
        key: "nav-partnership",
        links: &[
            NavLink {
                key: "nav-referrals",
                href: "/referrals",
                needs: Permission::ReferralsRespond,
            },
            NavLink {
                key: "nav-partners",
                href: "/partners",
                needs: Permission::DirectoryRead,
            },
            NavLink {
                key: "nav-groups",
                href: "/partners/groups",
                needs: Permission::DirectoryRead,
            },
            NavLink {
                key: "nav-statistics",
                href: "/statistics",
                needs: Permission::StatisticsRead,
            },
            NavLink {
                key: "nrm-nav-referral-stats",
                href: "/referrals/statistics",
                needs: Permission::StatisticsRead,
            },
            NavLink {
                key: "nav-exports",
                href: "/statistics/exports",
                needs: Permission::ExportsCtdc,
            },
        ],
    },
    NavSection {
        key: "publication-nav-section",
        links: &[NavLink {
            key: "publication-nav-releases",
            href: "/statistics/releases",
            needs: Permission::ReleasesPrepare,
        }],
    },
    NavSection {
        key: "nav-administration",
        links: &[
            NavLink {
                key: "nav-reference",
                href: "/reference",
                needs: Permission::ReferenceRead,
            },
            NavLink {
                key: "nav-users",
                href: "/admin/users",
                needs: Permission::UsersManage,
            },
            NavLink {
                key: "nav-organisations",
                href: "/admin/organisations",
                needs: Permission::OrganisationsManage,
            },
            NavLink {
                key: "nav-sessions",
                href: "/admin/sessions",
                needs: Permission::SessionsManage,
            },
            NavLink {
                key: "nav-mail",
                href: "/admin/mail",
                needs: Permission::UsersManage,
            },
            NavLink {
                key: "nav-retention",
                href: "/admin/retention",
                needs: Permission::RetentionManage,
            },
            NavLink {
                key: "nav-privacy-budget",
                href: "/admin/privacy-budget",
                needs: Permission::BudgetManage,
            },
            NavLink {
                key: "nav-audit",
                href: "/audit",
                needs: Permission::AuditRead,
            },
            NavLink {
                key: "nav-break-glass-review",
                href: "/audit/break-glass",
                needs: Permission::BreakGlassReview,
            },
            NavLink {
                key: "nav-overrides",
                href: "/referrals/overrides",
                needs: Permission::BreakGlassReview,
            },
        ],
    },
];

/// A link of the language switch.
#[derive(Debug, Clone)]
pub struct LangLink {
    /// BCP 47 code.
    pub code: &'static str,
    /// The language's own name.
    pub name: &'static str,
    /// Same page in that language.
    pub href: String,
    /// The current language.
    pub current: bool,
}

/// A value that is an instant (templates pass references of any depth).
pub trait AsInstant {
    /// The instant.
    fn instant(&self) -> time::OffsetDateTime;
}

impl AsInstant for time::OffsetDateTime {
    fn instant(&self) -> time::OffsetDateTime {
        *self
    }
}

impl<T: AsInstant> AsInstant for &T {
    fn instant(&self) -> time::OffsetDateTime {
        (**self).instant()
    }
}

/// Query parameters of a page; a malformed query string counts as empty, since pages only
/// take optional filters and notices from it.
#[derive(Debug, Default)]
pub struct PageQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned + Default, S: Send + Sync> FromRequestParts<S>
    for PageQuery<T>
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or_default();
        Ok(PageQuery(serde_urlencoded::from_str(q).unwrap_or_default()))
    }
}

/// What every page's layout needs.
#[derive(Debug, Clone)]
pub struct Base {
    /// Translations in the request's language.
    pub tr: Tr,
    /// The request path, for the language switch and the current-page marker.
    pub path: String,
    /// The query string without `lang`, kept by the language switch (filters are not personal data).
    pub query: String,
    /// Demo data is loaded: show the banner.
    pub demo: bool,
    /// Asset version for cache busting.
    pub version: &'static str,
    /// The signed-in user's name, for the header.
    pub user_name: Option<String>,
    /// The session's CSRF token, for forms (the sign-out button in the header too).
    pub csrf: String,
    /// The signed-in user's permissions.
    pub permissions: Vec<Permission>,
}

impl Base {
    /// A message from the catalog.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// The navigation sections with the links this user may follow, each page once (a page
    /// that two permissions open is listed under the first section that opens it).
    pub fn nav(&self) -> Vec<(&'static str, Vec<&'static NavLink>)> {
        let mut seen: Vec<&'static str> = Vec::new();
        NAV.iter()
            .map(|s| {
                (
                    s.key,
                    s.links
                        .iter()
                        .filter(|l| self.permissions.contains(&l.needs))
                        .filter(|l| {
                            let first = !seen.contains(&l.href);
                            seen.push(l.href);
                            first
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, links)| !links.is_empty())
            .collect()
    }

    /// True when the user holds `p`.
    pub fn can(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }

    /// True when `href` is the current page or an ancestor of it.
    pub fn is_current(&self, href: &str) -> bool {
        let matches = |h: &str| self.path == h || self.path.starts_with(&format!("{h}/"));
        // The most specific link wins: /partners/groups is not also /partners.
        matches(href)
            && !NAV
                .iter()
                .flat_map(|s| s.links)
                .any(|l| l.href.len() > href.len() && matches(l.href))
    }

    /// The language switch: this page in each language.
    pub fn langs(&self) -> Vec<LangLink> {
        Lang::ALL
            .iter()
            .map(|l| LangLink {
                code: l.code(),
                name: l.native_name(),
                href: if self.query.is_empty() {
                    format!("{}?lang={}", self.path, l.code())
                } else {
                    format!("{}?{}&lang={}", self.path, self.query, l.code())
                },
                current: *l == self.tr.lang,
            })
            .collect()
    }

    /// A message with text arguments.
    pub fn ts(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.tr.ts(key, args)
    }

    /// A date and time as staff read it (UTC, minutes).
    pub fn datetime(&self, t: impl AsInstant) -> String {
        let t = t.instant().to_offset(time::UtcOffset::UTC);
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        )
    }

    /// A message with one number, e.g. for plurals.
    pub fn tn(&self, key: &str, name: &str, n: impl crate::i18n::Count) -> String {
        self.tr.tn(key, name, n)
    }

    /// The message `<prefix><code>`, for codes that name their own message.
    pub fn tk(&self, prefix: &str, code: &str) -> String {
        // Message identifiers cannot contain dots: `consent.given` is `consent-given`.
        self.tr.t(&format!("{prefix}{}", code.replace('.', "-")))
    }

    /// The name of a role in the current language.
    pub fn role_name(&self, code: &str) -> String {
        self.tr.t(&format!("role-{}", code.replace('_', "-")))
    }

    /// The name of a reference list in the current language.
    pub fn list_name(&self, code: &str) -> String {
        self.tr.t(&format!("list-{code}"))
    }

    /// The current language.
    pub fn lang(&self) -> Lang {
        self.tr.lang
    }
}

impl FromRequestParts<AppState> for Base {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts
            .extensions
            .get::<RequestLang>()
            .map(|l| l.lang)
            .unwrap_or_default();
        let mut b = base(
            state,
            Tr::new(lang, state.catalogs.clone()),
            parts.uri.path(),
        );
        b.query = parts
            .uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang="))
            .collect::<Vec<_>>()
            .join("&");
        if let Some(caller) = parts.extensions.get::<crate::auth::Caller>() {
            with_caller(&mut b, caller);
        }
        Ok(b)
    }
}

/// Fills the layout's user parts: name, permissions (for the navigation), CSRF token.
fn with_caller(b: &mut Base, caller: &crate::auth::Caller) {
    if let Some(v) = caller.signed_in() {
        b.user_name = Some(v.display_name.clone());
        b.permissions = access::permissions_of(&v.roles);
    }
    if let Some(v) = &caller.0 {
        b.csrf = v.csrf().to_owned();
    }
}

fn base(state: &AppState, tr: Tr, path: &str) -> Base {
    Base {
        tr,
        path: path.to_owned(),
        query: String::new(),
        demo: state.config.demo,
        version: crate::assets::VERSION,
        user_name: None,
        csrf: String::new(),
        permissions: Vec::new(),
    }
}

/// Renders a template into an HTML response.
pub fn render<T: Template>(t: &T) -> Result<Response, PageError> {
    Ok(Html(t.render()?).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    b: Base,
    title: String,
    explanation: String,
    status: u16,
}

/// Renders an error page in the request's language, keeping the response's status and headers.
pub fn error_page(state: &AppState, tr: &Tr, path: &str, e: PageError, res: Response) -> Response {
    let key = e.key();
    let mut b = base(state, tr.clone(), path);
    if let Some(caller) = res.extensions().get::<crate::auth::Caller>() {
        with_caller(&mut b, caller);
    }
    let page = ErrorPage {
        b,
        title: tr.t(&format!("{key}-title")),
        explanation: tr.t(&format!("{key}-text")),
        status: e.status().as_u16(),
    };
    let (mut parts, _) = res.into_parts();
    let body = page
        .render()
        .unwrap_or_else(|_| tr.t(&format!("{key}-title")));
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}
