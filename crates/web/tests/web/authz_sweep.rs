//! The authorization sweep: every route of the access table (`mayak_web::routes::ROUTES`, the
//! table `docs/ACCESS.md` is generated from), with its method, as every demo role and as an
//! anonymous caller, on real records inside and outside the caller's scope. Each answer is
//! compared with what the policy of `mayak_domain::access` (and the record rules built on it)
//! says it must be: sign in, forbidden, not found, or allowed past the checks.
//!
//! The expected answer is computed from the records as they are at the moment of the call (an
//! allowed write of an earlier call may have changed who reaches what), never from a
//! hand-written list: a new route with a parameter the sweep cannot fill fails the test.

use super::*;
use mayak_domain::Role;
use mayak_domain::access::{self, Guard, Subject};
use mayak_store::{cases, hotline, orgs, referrals, rehab};

/// What, beyond the route's guard, decides whether the caller reaches the record in the path.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Record {
    /// Nothing: reference lists, the directory, administration, prevention, the public site.
    Open,
    /// A person's case: the record scopes of `access::case_scope`, or an open break-glass;
    /// some routes ask more of the caller.
    Case(i64, CaseRule),
    /// A referral: the two organisations it connects; some moves belong to one side.
    Referral(i64, SideRule),
    /// A stay: the centre's organisation runs it, and the stay's case is in scope.
    Stay(i64),
    /// Admitting to a shift: the centre's organisation.
    ShiftAdmission(i64),
    /// A centre's rooms and beds: the centre's organisation.
    Centre(i64),
    /// A referral sent without consent, for the auditor's review: any organisation's, but only
    /// while it carries an override.
    Override(i64),
    /// A hotline consultation: the organisation that took it.
    Consultation(i64),
    /// A saved intake draft: its author.
    Draft(i64),
    /// A multidisciplinary group: its page is the directory's, its minutes are kept by the
    /// member organisations.
    Group(i64, GroupRule),
    /// A statistics release: four eyes on the decision, public only once approved.
    Release(i64, ReleaseRule),
    /// An organisation's open referrals: `access::partner_referrals_reach` (every referral
    /// worker reaches some of them, the ones shared with their own organisation).
    PartnerReferrals(i64),
}

/// What a group route asks of the caller's organisation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum GroupRule {
    /// Nothing: the group's page and yearly summary are part of the directory.
    View,
    /// Membership: meetings, attendance, cases, decisions and action items.
    Member,
    /// The chair (the chairing organisation) or an administrator: the members.
    Chair,
}

/// What a release route asks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ReleaseRule {
    /// Nothing beyond the guard: the analysts' pages and files.
    View,
    /// The decision: never the preparer's (four eyes).
    Decide,
    /// The public files: only of an approved release.
    Public,
}

/// What a case route asks beyond reaching the case.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CaseRule {
    None,
    /// The identification decision: the caller's organisation is a body allowed to identify.
    Identify,
    /// The case file (scans): the role sees the `CaseFile` section through its scope.
    CaseFile,
}

/// What a referral route asks of the side the caller's organisation is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum SideRule {
    None,
    /// A move: the sender's needs `referrals.send`, the receiver's `referrals.respond`.
    Move,
    /// The receiver's work (services delivered).
    Receiver,
}

/// The answer the policy expects.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Past every check: the handler ran (2xx, 3xx other than to sign-in, 4xx other than 401/403/404).
    Allowed,
    /// 403.
    Forbidden,
    /// 404, or the very answer the same request gets for an id that does not exist.
    NotFound,
    /// Not this caller's: 403 or 404 (records that are not a person's, such as a centre's shift).
    Denied,
    /// 401 for the API, a redirect to the sign-in page for pages.
    SignIn,
}

/// One concrete request of a route.
struct Probe {
    uri: String,
    /// The record named by `{id}` (`None`: no record has that id).
    record: Option<Record>,
    /// A part named in the path (a goal, task, file...) belongs to another case or stay.
    foreign: bool,
}

/// Ids of real records, created by the demo loader and by the test.
struct Ids {
    /// Cases probed; the first is the one whose parts (goals, tasks, files...) are used.
    cases: Vec<i64>,
    goal: i64,
    task: i64,
    consent: i64,
    service: i64,
    file: i64,
    referrals: Vec<i64>,
    stays: Vec<i64>,
    plan_item: Option<(i64, i64)>,
    shifts: Vec<i64>,
    consultations: Vec<i64>,
    drafts: Vec<i64>,
    request: i64,
    /// The code of a case with a stay (admissions name the case by its code).
    stay_case_code: String,
    centre: i64,
    organisation: i64,
    /// Every demo user's organisation, and one none of them belongs to.
    organisations: Vec<i64>,
    user: i64,
    token: i64,
    session_handle: String,
    break_glass: Option<i64>,
    reference_code: String,
    campaign: i64,
    material: i64,
    event: i64,
    training: i64,
    participant: i64,
    quiz: i64,
    question: i64,
    /// Groups: for every demo user's organisation one it is a member of and one it is not.
    groups: Vec<i64>,
    /// A meeting of the first probed group, and an action item of it.
    meeting: (i64, i64),
    action_item: i64,
    /// The chair (a member id) of the first probed group.
    chair_member: i64,
    /// Releases: the analyst's own (prepared), another's approved, another's prepared.
    releases: Vec<i64>,
    /// An agency and a contact of the hotline's register.
    agency: i64,
    contact: i64,
    /// A message of the mail outbox that failed.
    mail: i64,
}

/// The name of the public file the sweep's releases hold.
const RELEASE_FILE: &str = "tables.csv";

const NOWHERE: &str = "999999";

/// A signed-in user with the subject the policy sees and their bearer token, or nobody.
type Caller = (Option<(orgs::User, Subject)>, Option<String>);

/// The subject the policy sees for a user, as `pages::cases::subject_of` builds it.
async fn subject(store: &Store, user: &orgs::User) -> Subject {
    let groups = orgs::list_mdgs(store).await.unwrap();
    Subject {
        user_id: user.id,
        organisation_id: user.organisation_id,
        roles: user.roles.clone(),
        group_regions: groups
            .into_iter()
            .filter(|g| g.members.contains(&user.organisation_id))
            .map(|g| g.region)
            .collect(),
    }
}

/// The scope through which the subject reaches the case, if any.
async fn case_scope(
    store: &Store,
    s: &Subject,
    id: i64,
    now: time::OffsetDateTime,
) -> Option<access::Scope> {
    let c = cases::get(store, id).await.unwrap();
    let facts = cases::facts(store, &c).await.unwrap();
    match access::case_scope(s, &facts) {
        Some(scope) => Some(scope),
        None if cases::has_break_glass(store, s.user_id, id, now)
            .await
            .unwrap() =>
        {
            Some(access::Scope::All)
        }
        None => None,
    }
}

async fn reaches_case(store: &Store, s: &Subject, id: i64, now: time::OffsetDateTime) -> bool {
    case_scope(store, s, id, now).await.is_some()
}

/// What the policy says of the subject and the record: `NotFound` when it does not reach it,
/// `Forbidden` when it does but the route asks more, `Allowed` otherwise.
async fn verdict(store: &Store, s: &Subject, r: Record, now: time::OffsetDateTime) -> Expect {
    let reach = |b: bool| if b { Expect::Allowed } else { Expect::NotFound };
    let rule = |b: bool| {
        if b {
            Expect::Allowed
        } else {
            Expect::Forbidden
        }
    };
    match r {
        Record::Open => Expect::Allowed,
        Record::Case(id, extra) => {
            let Some(scope) = case_scope(store, s, id, now).await else {
                return Expect::NotFound;
            };
            match extra {
                CaseRule::None => Expect::Allowed,
                CaseRule::Identify => rule(
                    orgs::get_organisation(store, s.organisation_id)
                        .await
                        .unwrap()
                        .may_identify,
                ),
                CaseRule::CaseFile => rule(s.roles.iter().any(|role| {
                    access::section_visible(*role, scope, None, access::CaseSection::CaseFile)
                })),
            }
        }
        Record::Referral(id, extra) => {
            let Some(side) = referrals::get(store, id)
                .await
                .unwrap()
                .side_of(s.organisation_id)
            else {
                return Expect::NotFound;
            };
            use mayak_domain::referral::Side;
            match extra {
                SideRule::None => Expect::Allowed,
                SideRule::Move => rule(access::allows(
                    &s.roles,
                    match side {
                        Side::Sender => access::Permission::ReferralsSend,
                        Side::Receiver => access::Permission::ReferralsRespond,
                    },
                )),
                SideRule::Receiver => rule(side == Side::Receiver),
            }
        }
        Record::Stay(id) => {
            let st = rehab::stay(store, id).await.unwrap();
            let shift = rehab::shift(store, st.shift_id).await.unwrap();
            let centre = rehab::centre(store, shift.centre_id).await.unwrap();
            reach(
                centre.organisation_id == s.organisation_id
                    && reaches_case(store, s, st.case_id, now).await,
            )
        }
        Record::ShiftAdmission(id) => {
            let shift = rehab::shift(store, id).await.unwrap();
            let runs = rehab::centre(store, shift.centre_id)
                .await
                .unwrap()
                .organisation_id
                == s.organisation_id;
            if runs {
                Expect::Allowed
            } else {
                Expect::Denied
            }
        }
        Record::Centre(id) => {
            if rehab::centre(store, id).await.unwrap().organisation_id == s.organisation_id {
                Expect::Allowed
            } else {
                Expect::Denied
            }
        }
        Record::Override(id) => reach(
            referrals::get(store, id)
                .await
                .unwrap()
                .override_reason
                .is_some(),
        ),
        Record::Consultation(id) => {
            reach(hotline::get(store, id).await.unwrap().organisation_id == s.organisation_id)
        }
        Record::Draft(id) => reach(
            mayak_store::drafts::list(store, s.user_id, now)
                .await
                .unwrap()
                .iter()
                .any(|d| d.id == id),
        ),
        Record::Group(_, GroupRule::View) => Expect::Allowed,
        Record::Group(id, GroupRule::Member) => rule(
            mayak_store::groups::group(store, id)
                .await
                .unwrap()
                .members
                .contains(&s.organisation_id),
        ),
        Record::PartnerReferrals(id) => reach(access::partner_referrals_reach(s, id).is_some()),
        Record::Group(id, GroupRule::Chair) => rule(access::may_edit_group_members(
            &s.roles,
            s.organisation_id,
            mayak_store::groups::group(store, id)
                .await
                .unwrap()
                .chair_organisation_id,
        )),
        Record::Release(id, extra) => {
            let r = mayak_store::publication::get(store, id).await.unwrap();
            match extra {
                ReleaseRule::View => Expect::Allowed,
                ReleaseRule::Decide => rule(r.prepared_by != s.user_id),
                ReleaseRule::Public => {
                    reach(r.state == mayak_store::publication::ReleaseState::Approved)
                }
            }
        }
    }
}

/// What the policy says of an anonymous caller on a public route's record.
async fn public_verdict(store: &Store, r: Record) -> Expect {
    match r {
        Record::Release(id, ReleaseRule::Public) => {
            if mayak_store::publication::get(store, id)
                .await
                .unwrap()
                .state
                == mayak_store::publication::ReleaseState::Approved
            {
                Expect::Allowed
            } else {
                Expect::NotFound
            }
        }
        _ => Expect::Allowed,
    }
}

/// The record kind of a route's `{id}`, by the area the route belongs to.
fn record_of(path: &str, id: i64) -> Record {
    let starts = |p: &[&str]| p.iter().any(|p| path.starts_with(p));
    if starts(&["/cases/drafts/"]) {
        Record::Draft(id)
    } else if starts(&["/cases/{id}", "/api/v1/cases/{id}"]) {
        Record::Case(
            id,
            if path.ends_with("/identification") {
                CaseRule::Identify
            } else if path.contains("/files/{file}") {
                CaseRule::CaseFile
            } else {
                CaseRule::None
            },
        )
    } else if path == "/referrals/{id}/review" {
        // The auditor reviews overrides of every organisation.
        Record::Override(id)
    } else if starts(&["/referrals/{id}", "/api/v1/referrals/{id}"]) {
        let moves = [
            "/act",
            "/accept",
            "/decline",
            "/start",
            "/complete",
            "/cancel",
        ];
        Record::Referral(
            id,
            if moves.iter().any(|m| path.ends_with(m)) {
                SideRule::Move
            } else if path.ends_with("/services") {
                SideRule::Receiver
            } else {
                SideRule::None
            },
        )
    } else if starts(&["/rehab/stays/{id}", "/api/v1/rehabilitation/stays/{id}"]) {
        Record::Stay(id)
    } else if path.starts_with("/rehab/shifts/{id}/")
        || path == "/api/v1/rehabilitation/shifts/{id}/admissions"
    {
        Record::ShiftAdmission(id)
    } else if starts(&["/rehab/centres/{id}"]) {
        Record::Centre(id)
    } else if starts(&["/hotline/consultations/{id}"]) {
        Record::Consultation(id)
    } else if path == "/partners/{id}/referrals" || path == "/api/v1/organisations/{id}/referrals" {
        Record::PartnerReferrals(id)
    } else if [
        "/groups/{id}",
        "/groups/{id}/summary",
        "/api/v1/groups/{id}",
        "/api/v1/groups/{id}/summary",
    ]
    .contains(&path)
    {
        Record::Group(id, GroupRule::View)
    } else if starts(&["/groups/{id}/members", "/api/v1/groups/{id}/members"]) {
        Record::Group(id, GroupRule::Chair)
    } else if starts(&["/groups/{id}", "/api/v1/groups/{id}"]) {
        Record::Group(id, GroupRule::Member)
    } else if starts(&["/public/statistics/releases/{id}"]) {
        Record::Release(id, ReleaseRule::Public)
    } else if starts(&[
        "/statistics/releases/{id}",
        "/api/v1/statistics/releases/{id}",
    ]) {
        Record::Release(
            id,
            if path.ends_with("/decision") {
                ReleaseRule::Decide
            } else {
                ReleaseRule::View
            },
        )
    } else {
        Record::Open
    }
}

/// The ids a route's `{id}` is probed with.
fn ids_for(path: &str, ids: &Ids) -> Vec<i64> {
    let starts = |p: &str| path.starts_with(p);
    if starts("/cases/drafts/") {
        ids.drafts.clone()
    } else if starts("/cases/{id}") || starts("/api/v1/cases/{id}") {
        ids.cases.clone()
    } else if starts("/referrals/{id}") || starts("/api/v1/referrals/{id}") {
        ids.referrals.clone()
    } else if starts("/rehab/stays/{id}") || starts("/api/v1/rehabilitation/stays/{id}") {
        ids.stays.clone()
    } else if starts("/rehab/shifts/{id}") || starts("/api/v1/rehabilitation/shifts/{id}") {
        ids.shifts.clone()
    } else if starts("/hotline/consultations/{id}") {
        ids.consultations.clone()
    } else if starts("/hotline/requests/{id}") {
        vec![ids.request]
    } else if starts("/rehab/centres/{id}") {
        vec![ids.centre]
    } else if starts("/admin/organisations/{id}") {
        vec![ids.organisation]
    } else if starts("/partners/{id}") || starts("/api/v1/organisations/{id}") {
        ids.organisations.clone()
    } else if starts("/admin/users/{id}") {
        vec![ids.user]
    } else if starts("/admin/tokens/{id}") {
        vec![ids.token]
    } else if starts("/audit/break-glass/{id}") {
        ids.break_glass.into_iter().collect()
    } else if starts("/groups/{id}") || starts("/api/v1/groups/{id}") {
        ids.groups.clone()
    } else if starts("/statistics/releases/{id}")
        || starts("/api/v1/statistics/releases/{id}")
        || starts("/public/statistics/releases/{id}")
    {
        ids.releases.clone()
    } else if starts("/hotline/register/agencies/{id}") || starts("/api/v1/hotline/agencies/{id}") {
        vec![ids.agency]
    } else if starts("/hotline/register/contacts/{id}") || starts("/api/v1/hotline/contacts/{id}") {
        vec![ids.contact]
    } else if starts("/admin/mail/{id}") {
        vec![ids.mail]
    } else if starts("/prevention/campaigns/{id}") {
        vec![ids.campaign]
    } else if starts("/trainings/sessions/{id}") {
        vec![ids.training]
    } else if starts("/content/quizzes/{id}") {
        vec![ids.quiz]
    } else {
        // Retention runs: the sweep names none (approving an erasure with an empty form
        // must not be tried on real persons); the id exists nowhere.
        assert!(
            starts("/admin/retention/{id}"),
            "{path}: the sweep does not know which records this route's {{id}} names: add them"
        );
        vec![]
    }
}

/// Fills every parameter but `{id}`; parts of a case (or stay, or group) are those of the first
/// probed one, so under any other they belong elsewhere (`true` is returned then).
fn fill(
    path: &str,
    ids: &Ids,
    case: Option<i64>,
    stay: Option<i64>,
    group: Option<i64>,
) -> (String, bool) {
    let parts = [
        ("{goal}", ids.goal),
        ("{task}", ids.task),
        ("{consent}", ids.consent),
        ("{service}", ids.service),
        ("{file}", ids.file),
    ];
    let mut out = path.to_owned();
    let mut foreign = false;
    for (name, value) in parts {
        if out.contains(name) {
            out = out.replace(name, &value.to_string());
            foreign |= case.is_some_and(|c| c != ids.cases[0]);
        }
    }
    if out.contains("{meeting}") {
        // The meeting's action item, when the route names one, is of the same meeting.
        foreign |= group.is_some_and(|g| g != ids.meeting.0);
        out = out
            .replace("{meeting}", &ids.meeting.1.to_string())
            .replace("{item}", &ids.action_item.to_string());
    }
    if out.contains("{member}") {
        // The chair of the first probed group: handing them the chair changes nothing, and
        // they cannot be removed, so an allowed call leaves the memberships as they are.
        foreign |= group.is_some_and(|g| g != ids.meeting.0);
        out = out.replace("{member}", &ids.chair_member.to_string());
    }
    if out.contains("{item}") {
        match ids.plan_item {
            Some((of_stay, item)) => {
                foreign |= stay.is_some_and(|s| s != of_stay);
                out = out.replace("{item}", &item.to_string());
            }
            None => {
                foreign = true;
                out = out.replace("{item}", NOWHERE);
            }
        }
    }
    let out = out
        .replace("{section}", "identification")
        .replace("{region}", "BY-HO")
        .replace("{dataset}", "cases")
        .replace("{list}", "recruitment_app")
        .replace("{code}", &ids.reference_code)
        .replace("{handle}", &ids.session_handle)
        .replace(
            "{name}",
            if path.contains("statistics/releases/") {
                RELEASE_FILE
            } else {
                "mayak.css"
            },
        )
        .replace("{quiz}", "safe-job-offer")
        .replace("{page}", "safe-travel")
        .replace("{campaign}", &ids.campaign.to_string())
        .replace("{material}", &ids.material.to_string())
        .replace("{event}", &ids.event.to_string())
        .replace("{session}", &ids.training.to_string())
        .replace("{participant}", &ids.participant.to_string())
        .replace("{question}", &ids.question.to_string());
    assert!(
        !out.contains('{'),
        "{path}: the sweep cannot fill a parameter of this route: add it"
    );
    (out, foreign)
}

fn probes(path: &str, ids: &Ids) -> Vec<Probe> {
    if !path.contains("{id}") {
        let (uri, _) = fill(path, ids, None, None, None);
        return vec![Probe {
            uri,
            record: Some(Record::Open),
            foreign: false,
        }];
    }
    let mut out: Vec<Probe> = ids_for(path, ids)
        .into_iter()
        .map(|id| {
            let record = record_of(path, id);
            let case = matches!(record, Record::Case(..)).then_some(id);
            let stay = matches!(record, Record::Stay(_)).then_some(id);
            let group = matches!(record, Record::Group(..)).then_some(id);
            let (uri, foreign) = fill(
                &path.replace("{id}", &id.to_string()),
                ids,
                case,
                stay,
                group,
            );
            Probe {
                uri,
                record: Some(record),
                foreign,
            }
        })
        .collect();
    // And an id that exists nowhere.
    let (uri, _) = fill(&path.replace("{id}", NOWHERE), ids, None, None, None);
    out.push(Probe {
        uri,
        record: None,
        foreign: false,
    });
    out
}

/// A body that gets the handler past reading its form to the records it names, for the routes
/// whose empty form is refused before that.
fn form_body(path: &str, ids: &Ids) -> String {
    match path {
        "/cases/{id}/goals/{goal}/status" | "/rehab/stays/{id}/plan/{item}/status" => {
            "status=Achieved".to_owned()
        }
        "/cases/{id}/services/{service}/status" => "status=InProgress".to_owned(),
        "/referrals/{id}/act" => "action=start".to_owned(),
        "/rehab/shifts/{id}/admissions" => format!("case={}", ids.stay_case_code),
        // Rejecting: an allowed decision must not publish anything.
        "/statistics/releases/{id}/decision" => {
            "decision=reject&reason=checked+by+the+sweep".to_owned()
        }
        _ => String::new(),
    }
}

/// The same for JSON bodies of the API.
fn json_body(path: &str, ids: &Ids) -> String {
    match path {
        "/api/v1/rehabilitation/shifts/{id}/admissions" => format!(
            r#"{{"case_code":"{}","occupants":[],"planned_from":"2026-06-01","planned_to":"2026-06-10"}}"#,
            ids.stay_case_code
        ),
        "/api/v1/statistics/releases/{id}/decision" => {
            r#"{"decision":"reject","reason":"checked by the sweep"}"#.to_owned()
        }
        // Well-formed bodies the handlers refuse (empty texts) after their checks.
        "/api/v1/groups/{id}/meetings" => r#"{"held_on":"2026-06-01","agenda":""}"#.to_owned(),
        "/api/v1/groups/{id}/meetings/{meeting}/actions" => {
            r#"{"text":"","owner_member_id":0,"due_on":"2026-06-01"}"#.to_owned()
        }
        "/api/v1/groups/{id}/members" => {
            r#"{"organisation_id":0,"name":"","position":"","role":""}"#.to_owned()
        }
        "/api/v1/groups/{id}/members/{member}" => r#"{"role":""}"#.to_owned(),
        _ => "{}".to_owned(),
    }
}

fn request(method: &str, uri: &str, token: Option<&str>, form: &str, json: &str) -> Request<Body> {
    let mut r = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::ACCEPT_LANGUAGE, "en");
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let body = if method == "GET" {
        Body::empty()
    } else if uri.starts_with("/api/") {
        r = r.header(header::CONTENT_TYPE, "application/json");
        Body::from(json.to_owned())
    } else {
        r = r.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        Body::from(form.to_owned())
    };
    r.body(body).unwrap()
}

fn outcome(a: &Answer) -> Expect {
    match a.status {
        StatusCode::UNAUTHORIZED => Expect::SignIn,
        StatusCode::FORBIDDEN => Expect::Forbidden,
        StatusCode::NOT_FOUND => Expect::NotFound,
        s if s.is_redirection() && a.header("location").starts_with("/login?next") => {
            Expect::SignIn
        }
        _ => Expect::Allowed,
    }
}

/// Collects the real records the sweep names.
async fn records(app: &axum::Router, store: &Store, now: time::OffsetDateTime) -> Ids {
    let mut all = Vec::new();
    for id in 1..=cases::count(store).await.unwrap() + 100 {
        match cases::get(store, id).await {
            Ok(c) => all.push(c),
            Err(mayak_store::StoreError::NotFound) => {}
            Err(e) => panic!("{e}"),
        }
    }
    let users: Vec<orgs::User> = orgs::list_users(store).await.unwrap();
    let demo_users: Vec<&orgs::User> = mayak_store::demo::DEMO_USERS
        .iter()
        .map(|(login, ..)| users.iter().find(|u| u.login == *login).unwrap())
        .collect();
    // The case whose parts are probed: one the case manager reaches, with the most parts.
    let cm = demo_users
        .iter()
        .find(|u| u.login == "casemanager")
        .unwrap();
    let cm_subject = subject(store, cm).await;
    let mut rich: Option<(usize, i64)> = None;
    for c in &all {
        if !reaches_case(store, &cm_subject, c.id, now).await {
            continue;
        }
        let n = casework_parts(store, c.id).await;
        if rich.is_none_or(|(m, _)| n > m) {
            rich = Some((n, c.id));
        }
    }
    let rich = rich.unwrap().1;
    let rich_case = cases::get(store, rich).await.unwrap();
    // A scan on it, uploaded as its case manager would.
    let cm_token = token_for(store, "casemanager").await;
    let up = call(
        app,
        multipart(
            &format!("/cases/{rich}/files"),
            Some(&cm_token),
            None,
            b"%PDF-1.4\n% a fictional scan for the sweep\n",
        ),
    )
    .await;
    assert!(up.status.is_redirection(), "{}", up.body);
    let file = mayak_store::persons::files(store, rich_case.person_id)
        .await
        .unwrap()[0]
        .id;
    // For every demo role, the first case it reaches and the first it does not; with the rich
    // case they cover other organisations, other regions, referred cases with and without
    // consent, group-discussed cases and cases with a stay.
    let mut probe_cases = vec![rich];
    for u in &demo_users {
        let s = subject(store, u).await;
        let mut inside = None;
        let mut outside = None;
        for c in &all {
            let r = reaches_case(store, &s, c.id, now).await;
            if r && inside.is_none() {
                inside = Some(c.id);
            }
            if !r && outside.is_none() {
                outside = Some(c.id);
            }
        }
        probe_cases.extend(inside.into_iter().chain(outside));
    }
    // A referral sent without consent (the supervisor's override), when the demo has one.
    for r in referrals::all(store).await.unwrap() {
        if r.override_reason.is_some() {
            probe_cases.push(r.case_id);
            break;
        }
    }
    probe_cases.dedup();
    let mut seen = BTreeSet::new();
    probe_cases.retain(|c| seen.insert(*c));
    // Referrals: for every organisation of a demo user, one it is a side of and one it is not.
    let all_referrals = referrals::all(store).await.unwrap();
    let mut probe_referrals = Vec::new();
    for u in &demo_users {
        let side = all_referrals
            .iter()
            .find(|r| r.side_of(u.organisation_id).is_some());
        let other = all_referrals
            .iter()
            .find(|r| r.side_of(u.organisation_id).is_none());
        probe_referrals.extend(side.into_iter().chain(other).map(|r| r.id));
    }
    if let Some(r) = all_referrals.iter().find(|r| r.override_reason.is_some()) {
        probe_referrals.push(r.id);
    }
    let mut seen = BTreeSet::new();
    probe_referrals.retain(|r| seen.insert(*r));
    // Shifts and stays of every centre.
    let shifts = rehab::shifts(
        store,
        None,
        time::macros::date!(2020 - 01 - 01),
        time::macros::date!(2030 - 01 - 01),
    )
    .await
    .unwrap();
    let mut stays = Vec::new();
    let mut plan_item = None;
    for s in &shifts {
        for st in rehab::stays_of_shift(store, s.id).await.unwrap() {
            if plan_item.is_none()
                && let Some(item) = rehab::plan(store, st.id).await.unwrap().first()
            {
                plan_item = Some((st.id, item.id));
            }
            if stays.len() < 3 {
                stays.push(st.id);
            }
        }
    }
    if let Some((s, _)) = plan_item
        && !stays.contains(&s)
    {
        stays.insert(0, s);
    }
    let stay_case_code = rehab::stay(store, stays[0]).await.unwrap().case_code;
    // A consultation taken by another organisation's consultant (the documented example).
    let other_hotline = orgs::insert_user(
        store,
        &orgs::NewUser {
            login: "sweep-hotline",
            display_name: "Sweep hotline",
            organisation_id: cm.organisation_id,
            password_hash: None,
            roles: &[Role::HotlineConsultant],
        },
        now,
    )
    .await
    .unwrap();
    assert!(other_hotline > 0);
    // And rehabilitation staff of an organisation that runs no centre of the demo's stays.
    orgs::insert_user(
        store,
        &orgs::NewUser {
            login: "sweep-rehab",
            display_name: "Sweep rehabilitation",
            organisation_id: cm.organisation_id,
            password_hash: None,
            roles: &[Role::RehabilitationStaff],
        },
        now,
    )
    .await
    .unwrap();
    let doc = get(app, "/api/v1/openapi.json").await.json();
    let example = doc["components"]["schemas"]["NewConsultationRequest"]["example"].to_string();
    let t = token_for(store, "sweep-hotline").await;
    let made = call(
        app,
        json_req("POST", "/api/v1/hotline/consultations", &t, &example),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    // Consultations of two organisations: the demo consultant's and this one.
    let hotline_org = demo_users
        .iter()
        .find(|u| u.login == "hotline")
        .unwrap()
        .organisation_id;
    let filter = hotline::ConsultationFilter {
        organisation_id: Some(hotline_org),
        limit: 1,
        ..Default::default()
    };
    let mut probe_consultations: Vec<i64> = hotline::list(store, &filter)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    probe_consultations.push(made.json()["id"].as_i64().unwrap());
    assert_eq!(probe_consultations.len(), 2);
    // A draft of the hotline consultant's intake, and one of the case manager's.
    let mut drafts = Vec::new();
    for login in ["hotline", "casemanager"] {
        let t = token_for(store, login).await;
        let a = call(
            app,
            form_post(
                "/cases",
                &t,
                &[
                    ("action", "draft"),
                    ("region", "BY-MI"),
                    ("family_name", "Черновик"),
                ],
            ),
        )
        .await;
        assert!(!a.status.is_server_error(), "{}", a.body);
        let u = users.iter().find(|u| u.login == login).unwrap();
        drafts.extend(
            mayak_store::drafts::list(store, u.id, now)
                .await
                .unwrap()
                .iter()
                .map(|d| d.id),
        );
    }
    // A user, an API token and a session the administrator may act on without touching the
    // demo users the sweep signs in as.
    let org = orgs::list_organisations(store).await.unwrap();
    let organisation = org.last().unwrap().id;
    let user = orgs::insert_user(
        store,
        &orgs::NewUser {
            login: "sweep-target",
            display_name: "Sweep target",
            organisation_id: organisation,
            password_hash: None,
            roles: &[Role::Trainer],
        },
        now,
    )
    .await
    .unwrap();
    // Its own user: the administrator's moves on `sweep-target` end that one's sessions.
    let holder = orgs::insert_user(
        store,
        &orgs::NewUser {
            login: "sweep-sessions",
            display_name: "Sweep sessions",
            organisation_id: organisation,
            password_hash: None,
            roles: &[Role::Trainer],
        },
        now,
    )
    .await
    .unwrap();
    let token = auth::insert_token(
        store,
        &token::digest("mayak_sweep-target-token"),
        holder,
        "sweep",
        now,
        now + time::Duration::hours(1),
    )
    .await
    .unwrap();
    let session_hash = "ab".repeat(32);
    auth::insert_session(
        store,
        &auth::Session {
            token_hash: session_hash.clone(),
            user_id: holder,
            csrf_token: "sweep".into(),
            mfa_done: true,
            created_at: now,
            last_seen_at: now,
            expires_at: now + time::Duration::hours(1),
            address: None,
            user_agent: None,
            instance: "test".into(),
        },
    )
    .await
    .unwrap();
    let reference_code = mayak_store::reference::list(store, ListKind::RecruitmentApp, false)
        .await
        .unwrap()[0]
        .code
        .clone();
    let campaign = mayak_store::prevention::list_campaigns(store)
        .await
        .unwrap()[0]
        .id;
    let materials = mayak_store::prevention::materials(store, campaign)
        .await
        .unwrap();
    let events = mayak_store::prevention::events(store, campaign)
        .await
        .unwrap();
    let mut with_participants = None;
    for s in mayak_store::trainings::sessions(store).await.unwrap() {
        if let Some(p) = mayak_store::trainings::participants(store, s.id)
            .await
            .unwrap()
            .first()
        {
            with_participants = Some((s.id, p.id));
            break;
        }
    }
    let (training, participant) = with_participants.unwrap();
    let quiz = mayak_store::content::list_quizzes(store, false)
        .await
        .unwrap()[0]
        .clone();
    let request = mayak_store::hotline_public::queue(store, false, 1)
        .await
        .unwrap()
        .first()
        .map(|q| q.id)
        .or(mayak_store::hotline_public::queue(store, true, 1)
            .await
            .unwrap()
            .first()
            .map(|q| q.id))
        .unwrap();
    // Groups: for every demo user's organisation one it is a member of and one it is not;
    // the first probed is one whose meetings have an action item.
    let all_groups = orgs::list_mdgs(store).await.unwrap();
    let mut with_action = None;
    for g in &all_groups {
        for m in mayak_store::groups::meetings(store, g.id).await.unwrap() {
            if let Some(i) = m.items.iter().find(|i| i.kind == "action") {
                with_action = Some((g.id, m.id, i.id));
                break;
            }
        }
        if with_action.is_some() {
            break;
        }
    }
    let (group, meeting, action_item) = with_action.expect("a demo meeting with an action item");
    let mut probe_groups = vec![group];
    for u in &demo_users {
        let member = all_groups
            .iter()
            .find(|g| g.members.contains(&u.organisation_id));
        let other = all_groups
            .iter()
            .find(|g| !g.members.contains(&u.organisation_id));
        probe_groups.extend(member.into_iter().chain(other).map(|g| g.id));
    }
    let mut seen = BTreeSet::new();
    probe_groups.retain(|g| seen.insert(*g));
    let chair_member = mayak_store::groups::members(store, group).await.unwrap()[0].id;
    // A group member of the first probed group's chairing organisation: its chair.
    orgs::insert_user(
        store,
        &orgs::NewUser {
            login: "sweep-chair",
            display_name: "Sweep chair",
            organisation_id: mayak_store::groups::group(store, group)
                .await
                .unwrap()
                .chair_organisation_id
                .unwrap(),
            password_hash: None,
            roles: &[Role::MdgMember],
        },
        now,
    )
    .await
    .unwrap();
    // Releases: the demo analyst's own (waiting for a decision), another's approved and
    // another's waiting, each with one public file.
    let analyst = demo_users.iter().find(|u| u.login == "analyst").unwrap().id;
    let mut releases = Vec::new();
    for (by, approve) in [(analyst, false), (user, true), (user, false)] {
        let who = mayak_store::audit::AuditEvent {
            outcome: "ok".to_owned(),
            instance: "test".to_owned(),
            ..Default::default()
        };
        let r = mayak_store::publication::prepare(
            store,
            "Sweep",
            "cases",
            &mayak_store::publication::ReleasePlan {
                tables: Some(mayak_store::publication::TablesPlan {
                    columns: vec!["gender".into()],
                    length: 1,
                    threshold: 11,
                }),
                noisy: None,
                synthetic: None,
            },
            &mayak_store::publication::Spender {
                user_id: Some(by),
                name: "sweep".to_owned(),
            },
            &who,
            now,
        )
        .await
        .unwrap()
        .unwrap();
        mayak_store::publication::finish(
            store,
            r.id,
            &serde_json::json!({"records": 0}),
            &[mayak_store::publication::NewFile {
                name: RELEASE_FILE.into(),
                kind: "tables".into(),
                public: true,
                content: b"length,combination,count,status\n".to_vec(),
            }],
            now,
        )
        .await
        .unwrap();
        if approve {
            mayak_store::publication::decide(
                store,
                r.id,
                mayak_store::publication::Decision::Approve,
                "approved for the sweep",
                analyst,
                &who,
                now,
            )
            .await
            .unwrap()
            .unwrap();
        }
        releases.push(r.id);
    }
    let mail = mayak_store::mail::queue(
        store,
        "someone@ngo.example.by",
        "Mayak: a notice",
        "A notice for the sweep.",
        mayak_domain::Lang::En,
        now,
    )
    .await
    .unwrap();
    // Failed for good, so that the administrator's retry has something to retry.
    let claimed = mayak_store::mail::claim_due(store, now, 1000)
        .await
        .unwrap();
    let out = claimed.iter().find(|o| o.id == mail).unwrap();
    mayak_store::mail::attempt_failed(store, out, "550 no such mailbox", true, now)
        .await
        .unwrap();
    let first_part = |v: Vec<i64>| *v.first().unwrap();
    Ids {
        goal: first_part(
            mayak_store::casework::goals(store, rich)
                .await
                .unwrap()
                .iter()
                .map(|g| g.id)
                .collect(),
        ),
        task: first_part(
            mayak_store::casework::tasks(store, rich)
                .await
                .unwrap()
                .iter()
                .map(|t| t.id)
                .collect(),
        ),
        consent: first_part(
            cases::consents(store, rich)
                .await
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect(),
        ),
        service: first_part(
            cases::services(store, rich)
                .await
                .unwrap()
                .iter()
                .map(|s| s.id)
                .collect(),
        ),
        file,
        cases: probe_cases,
        referrals: probe_referrals,
        stays,
        plan_item,
        shifts: shifts.iter().take(2).map(|s| s.id).collect(),
        consultations: probe_consultations,
        drafts,
        request,
        stay_case_code,
        centre: rehab::centres(store).await.unwrap()[0].id,
        organisation,
        organisations: {
            let mut v: Vec<i64> = demo_users.iter().map(|u| u.organisation_id).collect();
            v.extend(org.iter().map(|o| o.id).find(|id| !v.contains(id)));
            let mut seen = BTreeSet::new();
            v.retain(|o| seen.insert(*o));
            v
        },
        user,
        token,
        session_handle: session_hash[..16].to_owned(),
        break_glass: cases::break_glass_log(store)
            .await
            .unwrap()
            .first()
            .map(|b| b.id),
        reference_code,
        campaign,
        material: materials.first().map_or(0, |m| m.id),
        event: events.first().map_or(0, |e| e.id),
        training,
        participant,
        quiz: quiz.id,
        question: quiz.questions.first().map_or(0, |q| q.id),
        groups: probe_groups,
        meeting: (group, meeting),
        action_item,
        chair_member,
        releases,
        agency: mayak_store::hotline_checks::list_agencies(store, false)
            .await
            .unwrap()[0]
            .id,
        contact: mayak_store::hotline_checks::list_contacts(store, None, false)
            .await
            .unwrap()[0]
            .id,
        mail,
    }
}

/// How many parts (goals, tasks, consents, services) a case has; zero when one kind is missing.
async fn casework_parts(store: &Store, id: i64) -> usize {
    let counts = [
        mayak_store::casework::goals(store, id).await.unwrap().len(),
        mayak_store::casework::tasks(store, id).await.unwrap().len(),
        cases::consents(store, id).await.unwrap().len(),
        cases::services(store, id).await.unwrap().len(),
    ];
    if counts.contains(&0) {
        0
    } else {
        counts.iter().sum()
    }
}

/// Runs the sweep on one database; returns the number of requests checked.
async fn sweep(store: &Store) -> usize {
    let d = demo(store).await;
    let now = d.clock.now();
    let ids = records(&d.app, store, now).await;
    let users = orgs::list_users(store).await.unwrap();
    // Group memberships do not change during the sweep: the member routes are probed with
    // bodies they refuse and with the chair, who can neither be handed the chair nor leave.
    let mut callers: Vec<Caller> = vec![(None, None)];
    // Every demo role, the two users `records` made in another organisation, and the chair.
    let logins = mayak_store::demo::DEMO_USERS
        .iter()
        .map(|(login, ..)| *login)
        .chain(["sweep-hotline", "sweep-rehab", "sweep-chair"]);
    for login in logins {
        let u = users.iter().find(|u| u.login == login).unwrap().clone();
        let s = subject(store, &u).await;
        callers.push((Some((u, s)), Some(token_for(store, login).await)));
    }
    eprintln!(
        "probing {} cases, {} referrals, {} stays, {} shifts, {} consultations, {} drafts, {} groups, {} releases",
        ids.cases.len(),
        ids.referrals.len(),
        ids.stays.len(),
        ids.shifts.len(),
        ids.consultations.len(),
        ids.drafts.len(),
        ids.groups.len(),
        ids.releases.len()
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    let documented = documented_guards();
    for (method, path, _) in mayak_web::routes::ROUTES {
        // What the published matrix says, so that a guard loosened in the code (and not in
        // the reviewed document) fails here too.
        let guard = *documented
            .get(&(method.to_string(), path.to_string()))
            .unwrap_or_else(|| panic!("{method} {path} is not in docs/ACCESS.md"));
        let probes = probes(path, &ids);
        let (form, json) = (form_body(path, &ids), json_body(path, &ids));
        for (user, token) in &callers {
            let who = user.as_ref().map_or("anonymous", |(u, _)| u.login.as_str());
            // The same request on records that exist nowhere, asked when needed.
            let mut nowhere: Option<StatusCode> = None;
            // The guard runs before the handler looks at any record: a caller it turns away is
            // turned away the same on every record, so a real one and none are enough.
            let passes = match (user, guard) {
                (None, Guard::Public) => true,
                (None, _) => false,
                (Some((u, _)), Guard::Needs(perm)) => access::allows(&u.roles, perm),
                (Some(_), _) => true,
            };
            let picked: Vec<&Probe> = if passes || probes.len() < 3 {
                probes.iter().collect()
            } else {
                vec![&probes[0], &probes[probes.len() - 1]]
            };
            for p in picked {
                let expect = match (user, guard) {
                    (None, Guard::Public) => match p.record {
                        None => Expect::Allowed,
                        Some(r) => public_verdict(store, r).await,
                    },
                    (None, _) => Expect::SignIn,
                    (Some((u, _)), Guard::Needs(perm)) if !access::allows(&u.roles, perm) => {
                        Expect::Forbidden
                    }
                    (Some((_, s)), _) => match p.record {
                        None => Expect::NotFound,
                        Some(r) => match verdict(store, s, r, now).await {
                            Expect::Allowed if p.foreign => Expect::NotFound,
                            e => e,
                        },
                    },
                };
                let a = call(
                    &d.app,
                    request(method, &p.uri, token.as_deref(), &form, &json),
                )
                .await;
                checked += 1;
                let got = outcome(&a);
                // A body refused before any record is looked up says nothing about the
                // record: the same answer as for records that exist nowhere.
                let mut as_nowhere = false;
                if matches!(expect, Expect::NotFound | Expect::Denied) && a.status.is_client_error()
                {
                    if nowhere.is_none() {
                        let none = request(method, &concrete(path), token.as_deref(), &form, &json);
                        nowhere = Some(call(&d.app, none).await.status);
                    }
                    as_nowhere = nowhere == Some(a.status);
                }
                let ok = !a.status.is_server_error()
                    && match expect {
                        Expect::NotFound => got == Expect::NotFound || as_nowhere,
                        Expect::Denied => {
                            matches!(got, Expect::Forbidden | Expect::NotFound) || as_nowhere
                        }
                        // Public routes name demo content by slug; a release's file is named
                        // exactly, so its 404 must mean "not published".
                        Expect::Allowed
                            if guard == Guard::Public
                                && !matches!(p.record, Some(Record::Release(..))) =>
                        {
                            got != Expect::SignIn
                        }
                        e => got == e,
                    };
                if !ok {
                    failures.push(format!(
                        "{who} {method} {} ({:?}{}): expected {expect:?}, got {} {}",
                        p.uri,
                        p.record,
                        if p.foreign { ", part of another" } else { "" },
                        a.status,
                        gist(&a.body)
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} answers differ from the policy:\n{}",
        failures.len(),
        failures.join("\n")
    );
    checked
}

/// The guard of every route as `docs/ACCESS.md` publishes it.
fn documented_guards() -> std::collections::BTreeMap<(String, String), Guard> {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/ACCESS.md"),
    )
    .unwrap();
    let routes = doc.split("## Routes").nth(1).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for line in routes
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains('`'))
    {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (method, path, needs) = (cells[1], cells[2].trim_matches('`'), cells[3]);
        let guard = match needs {
            "public" => Guard::Public,
            "signed in" => Guard::SignedIn,
            code => Guard::Needs(
                *access::Permission::ALL
                    .iter()
                    .find(|p| p.code() == code.trim_matches('`'))
                    .unwrap_or_else(|| panic!("unknown permission {code}")),
            ),
        };
        out.insert((method.to_owned(), path.to_owned()), guard);
    }
    assert_eq!(out.len(), mayak_web::routes::ROUTES.len());
    out
}

/// The title of an HTML page or the start of a problem document.
fn gist(body: &str) -> String {
    match (body.find("<title>"), body.find("</title>")) {
        (Some(a), Some(b)) if a < b => body[a + 7..b].to_owned(),
        _ => body.chars().take(120).collect(),
    }
}

#[tokio::test]
async fn every_route_as_every_role_on_records_inside_and_outside_the_scope() {
    each_backend!(|db| {
        let checked = sweep(&db.store).await;
        eprintln!("{checked} answers checked against the policy");
        assert!(checked > 2000, "{checked}");
    });
}
