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
    // Prevention: the public site, campaigns, trainings, content.
    ("GET", "/quizzes", Public),
    ("GET", "/quizzes/{quiz}", Public),
    ("POST", "/quizzes/{quiz}", Public),
    ("GET", "/pages/{page}", Public),
    ("GET", "/api/v1/quizzes", Public),
    ("GET", "/api/v1/quizzes/{quiz}", Public),
    ("POST", "/api/v1/quizzes/{quiz}/answers", Public),
    ("GET", "/prevention/campaigns", Needs(CampaignsManage)),
    ("POST", "/prevention/campaigns", Needs(CampaignsManage)),
    ("GET", "/prevention/campaigns/{id}", Needs(CampaignsManage)),
    ("POST", "/prevention/campaigns/{id}", Needs(CampaignsManage)),
    (
        "POST",
        "/prevention/campaigns/{id}/publication",
        Needs(CampaignsManage),
    ),
    (
        "GET",
        "/prevention/campaigns/{id}/preview",
        Needs(CampaignsManage),
    ),
    (
        "POST",
        "/prevention/campaigns/{id}/materials",
        Needs(CampaignsManage),
    ),
    (
        "POST",
        "/prevention/campaigns/{id}/materials/{material}/reach",
        Needs(CampaignsManage),
    ),
    (
        "POST",
        "/prevention/campaigns/{id}/events",
        Needs(CampaignsManage),
    ),
    (
        "POST",
        "/prevention/campaigns/{id}/events/{event}/participants",
        Needs(CampaignsManage),
    ),
    (
        "POST",
        "/prevention/campaigns/{id}/events/{event}/experts",
        Needs(CampaignsManage),
    ),
    ("GET", "/prevention/statistics", Needs(PreventionStats)),
    ("GET", "/api/v1/campaigns", Needs(PreventionStats)),
    ("POST", "/api/v1/campaigns", Needs(CampaignsManage)),
    (
        "GET",
        "/api/v1/campaigns/{campaign}",
        Needs(PreventionStats),
    ),
    (
        "POST",
        "/api/v1/campaigns/{campaign}/materials",
        Needs(CampaignsManage),
    ),
    (
        "POST",
        "/api/v1/campaigns/{campaign}/materials/{material}/reach",
        Needs(CampaignsManage),
    ),
    ("GET", "/trainings", Needs(TrainingsManage)),
    ("POST", "/trainings/courses", Needs(TrainingsManage)),
    ("POST", "/trainings/sessions", Needs(TrainingsManage)),
    ("GET", "/trainings/sessions/{id}", Needs(TrainingsManage)),
    (
        "POST",
        "/trainings/sessions/{id}/participants",
        Needs(TrainingsManage),
    ),
    (
        "POST",
        "/trainings/sessions/{id}/import",
        Needs(TrainingsManage),
    ),
    (
        "POST",
        "/trainings/sessions/{id}/results",
        Needs(TrainingsManage),
    ),
    (
        "POST",
        "/trainings/sessions/{id}/feedback",
        Needs(TrainingsManage),
    ),
    (
        "GET",
        "/trainings/sessions/{id}/participants/{participant}/certificate",
        Needs(TrainingsManage),
    ),
    ("GET", "/api/v1/trainings", Needs(TrainingsManage)),
    ("POST", "/api/v1/trainings", Needs(TrainingsManage)),
    ("GET", "/api/v1/trainings/{session}", Needs(TrainingsManage)),
    (
        "POST",
        "/api/v1/trainings/{session}/participants",
        Needs(TrainingsManage),
    ),
    ("GET", "/content/quizzes", Needs(ContentManage)),
    ("POST", "/content/quizzes", Needs(ContentManage)),
    ("GET", "/content/quizzes/{id}", Needs(ContentManage)),
    ("POST", "/content/quizzes/{id}", Needs(ContentManage)),
    (
        "POST",
        "/content/quizzes/{id}/questions",
        Needs(ContentManage),
    ),
    (
        "POST",
        "/content/quizzes/{id}/questions/{question}/answers",
        Needs(ContentManage),
    ),
    ("POST", "/content/quizzes/{id}/bands", Needs(ContentManage)),
    ("GET", "/content/quizzes/{id}/preview", Needs(ContentManage)),
    (
        "POST",
        "/content/quizzes/{id}/preview",
        Needs(ContentManage),
    ),
    (
        "POST",
        "/content/quizzes/{id}/publication",
        Needs(ContentManage),
    ),
    ("GET", "/content/pages", Needs(ContentManage)),
    ("GET", "/content/pages/{page}", Needs(ContentManage)),
    ("POST", "/content/pages/{page}", Needs(ContentManage)),
    ("GET", "/content/pages/{page}/preview", Needs(ContentManage)),
    (
        "POST",
        "/content/pages/{page}/publish",
        Needs(ContentManage),
    ),
    ("GET", "/content/partners", Needs(ContentManage)),
    ("POST", "/content/partners", Needs(ContentManage)),
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
    // The audit trail.
    ("GET", "/audit", Needs(AuditRead)),
    ("POST", "/audit/export", Needs(AuditRead)),
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
