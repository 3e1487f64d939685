//! The access rule of every route. The `enforce` middleware looks each request up here before
//! its handler runs and refuses routes that are missing (deny by default); a test checks that
//! this table and the router hold exactly the same routes, and `docs/ACCESS.md` shows it.

use mayak_domain::access::{Guard, Permission};

use Guard::{Needs, Public, SignedIn};
use Permission::*;

/// Method, route template, guard.
pub const ROUTES: &[(&str, &str, Guard)] = &[
    // Public site, health and machine-readable descriptions.
    ("GET", "/", Public),
    ("GET", "/healthz", Public),
    ("GET", "/readyz", Public),
    ("GET", "/metrics", Public),
    ("GET", "/static/{name}", Public),
    ("GET", "/api/v1/openapi.json", Public),
    // Signing in and out.
    ("GET", "/login", Public),
    ("POST", "/login", Public),
    ("GET", "/login/second-factor", Public),
    ("POST", "/login/second-factor", Public),
    ("GET", "/login/enrol", Public),
    ("POST", "/login/enrol", Public),
    ("POST", "/logout", SignedIn),
    ("GET", "/account", SignedIn),
    ("POST", "/account/password", SignedIn),
    ("POST", "/api/v1/auth/login", Public),
    ("POST", "/api/v1/auth/logout", SignedIn),
    ("GET", "/api/v1/me", SignedIn),
    // Partnership.
    ("GET", "/partners", Needs(DirectoryRead)),
    ("GET", "/partners/groups", Needs(DirectoryRead)),
    ("GET", "/partners/public", Public),
    (
        "GET",
        "/admin/organisations/{id}/directory",
        Needs(OrganisationsManage),
    ),
    (
        "POST",
        "/admin/organisations/{id}/directory",
        Needs(OrganisationsManage),
    ),
    ("GET", "/api/v1/organisations", Needs(DirectoryRead)),
    ("GET", "/api/v1/groups", Needs(DirectoryRead)),
    // Protection: cases.
    ("GET", "/cases", Needs(CasesRead)),
    ("POST", "/cases", Needs(CasesCreate)),
    ("GET", "/cases/new", Needs(CasesCreate)),
    ("POST", "/cases/drafts/{id}/delete", Needs(CasesCreate)),
    ("GET", "/cases/break-glass", Needs(CasesBreakGlass)),
    ("POST", "/cases/break-glass", Needs(CasesBreakGlass)),
    ("GET", "/audit/break-glass", Needs(BreakGlassReview)),
    (
        "POST",
        "/audit/break-glass/{id}/review",
        Needs(BreakGlassReview),
    ),
    ("GET", "/cases/{id}", Needs(CasesRead)),
    ("POST", "/cases/{id}", Needs(CasesEdit)),
    (
        "POST",
        "/cases/{id}/identification",
        Needs(IdentificationDecide),
    ),
    ("GET", "/cases/{id}/screening", Needs(CasesEdit)),
    ("POST", "/cases/{id}/screening", Needs(CasesEdit)),
    ("POST", "/cases/{id}/needs", Needs(CasesEdit)),
    ("POST", "/cases/{id}/files", Needs(CasesEdit)),
    ("GET", "/cases/{id}/files/{file}", Needs(CasesRead)),
    ("POST", "/cases/{id}/episodes", Needs(CasesEdit)),
    ("POST", "/cases/{id}/trafficking-events", Needs(CasesEdit)),
    ("POST", "/cases/{id}/perpetrators", Needs(CasesEdit)),
    ("POST", "/cases/{id}/proceedings", Needs(CasesEdit)),
    ("POST", "/cases/{id}/goals", Needs(CasesEdit)),
    ("POST", "/cases/{id}/goals/{goal}/status", Needs(CasesEdit)),
    ("POST", "/cases/{id}/notes", Needs(CasesEdit)),
    ("POST", "/cases/{id}/relatives", Needs(CasesEdit)),
    ("POST", "/cases/{id}/tasks", Needs(CasesEdit)),
    ("POST", "/cases/{id}/tasks/{task}/done", Needs(CasesEdit)),
    ("GET", "/work", Needs(CasesEdit)),
    ("POST", "/cases/{id}/consents", Needs(CasesEdit)),
    (
        "POST",
        "/cases/{id}/consents/{consent}/withdraw",
        Needs(CasesEdit),
    ),
    ("POST", "/cases/{id}/services", Needs(CasesEdit)),
    (
        "POST",
        "/cases/{id}/services/{service}/status",
        Needs(CasesEdit),
    ),
    ("GET", "/api/v1/cases", Needs(CasesRead)),
    ("POST", "/api/v1/cases", Needs(CasesCreate)),
    ("GET", "/api/v1/cases/{id}", Needs(CasesRead)),
    ("PATCH", "/api/v1/cases/{id}", Needs(CasesEdit)),
    ("POST", "/api/v1/cases/{id}/consents", Needs(CasesEdit)),
    ("POST", "/api/v1/cases/{id}/services", Needs(CasesEdit)),
    // Partnership: referrals of the National Referral Mechanism.
    ("GET", "/cases/{id}/referrals/new", Needs(ReferralsSend)),
    ("POST", "/cases/{id}/referrals", Needs(ReferralsSend)),
    ("GET", "/referrals", Needs(ReferralsRespond)),
    ("GET", "/referrals/overrides", Needs(BreakGlassReview)),
    ("GET", "/referrals/{id}", Needs(ReferralsRespond)),
    ("POST", "/referrals/{id}/act", Needs(ReferralsRespond)),
    ("POST", "/referrals/{id}/notes", Needs(ReferralsRespond)),
    ("POST", "/referrals/{id}/services", Needs(ReferralsRespond)),
    ("POST", "/referrals/{id}/review", Needs(BreakGlassReview)),
    ("POST", "/api/v1/cases/{id}/referrals", Needs(ReferralsSend)),
    (
        "GET",
        "/api/v1/cases/{id}/referral-suggestions",
        Needs(ReferralsSend),
    ),
    ("GET", "/api/v1/referrals", Needs(ReferralsRespond)),
    ("GET", "/api/v1/referrals/{id}", Needs(ReferralsRespond)),
    (
        "POST",
        "/api/v1/referrals/{id}/accept",
        Needs(ReferralsRespond),
    ),
    (
        "POST",
        "/api/v1/referrals/{id}/decline",
        Needs(ReferralsRespond),
    ),
    (
        "POST",
        "/api/v1/referrals/{id}/start",
        Needs(ReferralsRespond),
    ),
    (
        "POST",
        "/api/v1/referrals/{id}/complete",
        Needs(ReferralsRespond),
    ),
    (
        "POST",
        "/api/v1/referrals/{id}/cancel",
        Needs(ReferralsSend),
    ),
    // Reference lists.
    ("GET", "/reference", Needs(ReferenceRead)),
    ("GET", "/reference/{list}", Needs(ReferenceRead)),
    ("POST", "/reference/{list}", Needs(ReferenceManage)),
    (
        "POST",
        "/reference/{list}/{code}/retire",
        Needs(ReferenceManage),
    ),
    (
        "POST",
        "/reference/{list}/{code}/restore",
        Needs(ReferenceManage),
    ),
    ("GET", "/api/v1/reference", Needs(ReferenceRead)),
    ("GET", "/api/v1/reference/{list}", Needs(ReferenceRead)),
    ("POST", "/api/v1/reference/{list}", Needs(ReferenceManage)),
    (
        "POST",
        "/api/v1/reference/{list}/{code}/retire",
        Needs(ReferenceManage),
    ),
    (
        "POST",
        "/api/v1/reference/{list}/{code}/restore",
        Needs(ReferenceManage),
    ),
    // Administration.
    ("GET", "/admin/organisations", Needs(OrganisationsManage)),
    ("POST", "/admin/organisations", Needs(OrganisationsManage)),
    (
        "GET",
        "/admin/organisations/{id}",
        Needs(OrganisationsManage),
    ),
    (
        "POST",
        "/admin/organisations/{id}",
        Needs(OrganisationsManage),
    ),
    ("GET", "/admin/users", Needs(UsersManage)),
    ("POST", "/admin/users", Needs(UsersManage)),
    ("GET", "/admin/users/{id}", Needs(UsersManage)),
    ("POST", "/admin/users/{id}", Needs(UsersManage)),
    ("POST", "/admin/users/{id}/disable", Needs(UsersManage)),
    ("POST", "/admin/users/{id}/enable", Needs(UsersManage)),
    ("POST", "/admin/users/{id}/reset-mfa", Needs(UsersManage)),
    (
        "POST",
        "/admin/users/{id}/end-sessions",
        Needs(SessionsManage),
    ),
    ("GET", "/api/v1/users", Needs(UsersManage)),
    ("GET", "/admin/sessions", Needs(SessionsManage)),
    (
        "POST",
        "/admin/sessions/{handle}/end",
        Needs(SessionsManage),
    ),
    ("GET", "/admin/retention", Needs(RetentionManage)),
    ("POST", "/admin/retention/dry-run", Needs(RetentionManage)),
    (
        "POST",
        "/admin/retention/{id}/approve",
        Needs(RetentionManage),
    ),
    (
        "POST",
        "/admin/retention/{id}/reject",
        Needs(RetentionManage),
    ),
    ("GET", "/admin/tokens", Needs(SessionsManage)),
    ("POST", "/admin/tokens/{id}/revoke", Needs(SessionsManage)),
    // Protection: the rehabilitation centre.
    ("GET", "/rehab", Needs(RehabRead)),
    ("POST", "/rehab/centres", Needs(RehabManage)),
    ("POST", "/rehab/centres/{id}/rooms", Needs(RehabManage)),
    ("POST", "/rehab/shifts", Needs(RehabManage)),
    ("GET", "/rehab/shifts/{id}", Needs(RehabRead)),
    ("GET", "/rehab/shifts/{id}/admit", Needs(RehabAdmit)),
    ("POST", "/rehab/shifts/{id}/admissions", Needs(RehabAdmit)),
    ("GET", "/rehab/calendar", Needs(RehabRead)),
    ("GET", "/rehab/day", Needs(RehabRead)),
    ("GET", "/rehab/stats", Needs(RehabStats)),
    ("GET", "/rehab/stays/{id}", Needs(RehabAdmit)),
    ("POST", "/rehab/stays/{id}/arrive", Needs(RehabAdmit)),
    ("POST", "/rehab/stays/{id}/cancel", Needs(RehabAdmit)),
    ("POST", "/rehab/stays/{id}/place", Needs(RehabAdmit)),
    ("POST", "/rehab/stays/{id}/plan", Needs(RehabAdmit)),
    (
        "POST",
        "/rehab/stays/{id}/plan/{item}/status",
        Needs(RehabAdmit),
    ),
    ("POST", "/rehab/stays/{id}/sessions", Needs(RehabAdmit)),
    ("POST", "/rehab/stays/{id}/notes", Needs(RehabAdmit)),
    ("POST", "/rehab/stays/{id}/discharge", Needs(RehabAdmit)),
    ("GET", "/api/v1/rehabilitation/centres", Needs(RehabRead)),
    ("GET", "/api/v1/rehabilitation/shifts", Needs(RehabRead)),
    ("POST", "/api/v1/rehabilitation/shifts", Needs(RehabManage)),
    (
        "GET",
        "/api/v1/rehabilitation/shifts/{id}",
        Needs(RehabRead),
    ),
    (
        "POST",
        "/api/v1/rehabilitation/shifts/{id}/admissions",
        Needs(RehabAdmit),
    ),
    (
        "POST",
        "/api/v1/rehabilitation/stays/{id}/discharge",
        Needs(RehabAdmit),
    ),
    (
        "GET",
        "/api/v1/rehabilitation/stays/{id}/plan",
        Needs(RehabAdmit),
    ),
    (
        "POST",
        "/api/v1/rehabilitation/stays/{id}/plan",
        Needs(RehabAdmit),
    ),
    ("GET", "/api/v1/rehabilitation/stats", Needs(RehabStats)),
    // The audit trail.
    ("GET", "/audit", Needs(AuditRead)),
    ("POST", "/audit/export", Needs(AuditRead)),
    // Prevention: the safe-travel hotline.
    ("GET", "/hotline", Needs(HotlineConsult)),
    ("GET", "/hotline/new", Needs(HotlineConsult)),
    ("POST", "/hotline/consultations", Needs(HotlineConsult)),
    ("POST", "/hotline/draft", Needs(HotlineConsult)),
    ("GET", "/hotline/consultations/{id}", Needs(HotlineConsult)),
    (
        "POST",
        "/hotline/consultations/{id}/escalate",
        Needs(HotlineConsult),
    ),
    ("GET", "/hotline/requests", Needs(HotlineConsult)),
    ("GET", "/hotline/requests/{id}", Needs(HotlineConsult)),
    ("POST", "/hotline/requests/{id}", Needs(HotlineConsult)),
    ("GET", "/hotline/statistics", Needs(HotlineStatistics)),
    ("GET", "/hotline/statistics.csv", Needs(HotlineStatistics)),
    ("GET", "/hotline/statistics.xlsx", Needs(HotlineStatistics)),
    ("GET", "/consultation", Public),
    ("POST", "/consultation", Public),
    ("GET", "/consultation/ticket", Public),
    ("POST", "/consultation/ticket", Public),
    (
        "GET",
        "/api/v1/hotline/consultations",
        Needs(HotlineConsult),
    ),
    (
        "POST",
        "/api/v1/hotline/consultations",
        Needs(HotlineConsult),
    ),
    (
        "GET",
        "/api/v1/hotline/statistics",
        Needs(HotlineStatistics),
    ),
    ("GET", "/api/v1/public/consultation-challenge", Public),
    ("POST", "/api/v1/public/consultation-requests", Public),
    ("POST", "/api/v1/public/consultation-tickets", Public),
];

/// The guard of a route, if it has one.
pub fn guard(method: &str, path: &str) -> Option<Guard> {
    // HEAD is answered by the GET handler and guarded like it.
    let method = if method == "HEAD" { "GET" } else { method };
    ROUTES
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, g)| *g)
}
