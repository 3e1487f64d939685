//! The directory's per-region page (the region's organisations by type, its group, and the
//! services nobody offers there) and a partner's page of open referrals (by case code only,
//! overdue ones flagged), with what the API shares of them.

use super::{Base, render};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::PageError;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use mayak_domain::access::{self, PartnerReferralsReach, Permission};
use mayak_domain::referral::{ReferralState, Side};
use mayak_domain::{Lang, ListKind};
use mayak_store::StoreError;
use mayak_store::directory::{self, Profile};
use mayak_store::orgs::{self, Mdg, Organisation};
use mayak_store::reference::{self, Entry};
use mayak_store::referrals::{self, Referral};
use std::collections::HashMap;

/// Labels of one reference list (retired entries too) in `lang`, by code.
async fn labels(
    state: &AppState,
    lang: Lang,
    list: ListKind,
) -> Result<HashMap<String, String>, StoreError> {
    Ok(reference::list(&state.store, list, true)
        .await?
        .into_iter()
        .map(|e| (e.code.clone(), e.label(lang).to_owned()))
        .collect())
}

fn label(l: &HashMap<String, String>, code: &str) -> String {
    l.get(code).cloned().unwrap_or_else(|| code.to_owned())
}

fn join(l: &HashMap<String, String>, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| label(l, c))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---- The per-region page --------------------------------------------------------------------

/// An organisation of the region as its page shows it.
struct RegionOrg {
    id: i64,
    name: String,
    place: String,
    services: Vec<String>,
    languages: String,
    details: Profile,
    may_identify: bool,
    ngo_network: bool,
    /// Member of the region's multidisciplinary group.
    in_group: bool,
    /// Chairs it.
    chairs: bool,
    /// Regions of the other groups it belongs to (labels).
    other_groups: Vec<String>,
}

/// The region's organisations of one type.
struct TypeGroup {
    code: String,
    label: String,
    orgs: Vec<RegionOrg>,
}

/// A service nobody in the region offers.
struct GapView {
    service: String,
    /// Neighbouring regions offering it: (code, label).
    nearby: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "partners_region.html")]
struct RegionPage {
    b: Base,
    code: String,
    name: String,
    types: Vec<TypeGroup>,
    count: usize,
    gaps: Vec<GapView>,
    offered: usize,
    group: Option<Mdg>,
    chair: String,
    regions: Vec<Entry>,
}

/// `GET /partners/regions/{region}`: the region's organisations grouped by type with their
/// services, contacts, hours, languages, may-identify and network flags, and group
/// membership; a link to the region's group; the services nobody in the region offers, with
/// the neighbouring regions that do. An unknown region is a 404 page.
pub async fn region(
    State(state): State<AppState>,
    b: Base,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let lang = b.lang();
    let region_labels = labels(&state, lang, ListKind::Region).await?;
    let Some(name) = region_labels.get(&code).cloned() else {
        return Err(PageError::NotFound);
    };
    let type_labels = labels(&state, lang, ListKind::OrganisationType).await?;
    let place_labels = labels(&state, lang, ListKind::Place).await?;
    let service_labels = labels(&state, lang, ListKind::ServiceType).await?;
    let language_labels = labels(&state, lang, ListKind::Language).await?;
    let mut profiles = directory::profiles(&state.store).await?;
    let groups = orgs::list_mdgs(&state.store).await?;
    let group = groups.iter().find(|g| g.region == code).cloned();
    let all = orgs::list_organisations(&state.store).await?;
    let chair = group
        .as_ref()
        .and_then(|g| g.chair_organisation_id)
        .and_then(|c| all.iter().find(|o| o.id == c))
        .map(|o| o.name(lang).to_owned())
        .unwrap_or_default();
    let mut by_type: Vec<TypeGroup> = Vec::new();
    let mut count = 0;
    for o in all.into_iter().filter(|o| o.region == code) {
        count += 1;
        let details = profiles.remove(&o.id).unwrap_or_default();
        let place = o
            .place
            .as_deref()
            .or(details.city.as_deref())
            .map(|p| label(&place_labels, p))
            .unwrap_or_default();
        let row = RegionOrg {
            id: o.id,
            name: o.name(lang).to_owned(),
            place,
            services: details
                .services
                .iter()
                .map(|s| label(&service_labels, s))
                .collect(),
            languages: join(&language_labels, &details.languages),
            in_group: group.as_ref().is_some_and(|g| g.members.contains(&o.id)),
            chairs: group
                .as_ref()
                .is_some_and(|g| g.chair_organisation_id == Some(o.id)),
            other_groups: groups
                .iter()
                .filter(|g| g.region != code && g.members.contains(&o.id))
                .map(|g| label(&region_labels, &g.region))
                .collect(),
            details,
            may_identify: o.may_identify,
            ngo_network: o.ngo_network,
        };
        match by_type.iter_mut().find(|t| t.code == o.org_type) {
            Some(t) => t.orgs.push(row),
            None => by_type.push(TypeGroup {
                label: label(&type_labels, &o.org_type),
                code: o.org_type,
                orgs: vec![row],
            }),
        }
    }
    // As the reader sees them: types, then names, in their language.
    by_type.sort_by(|a, b| a.label.cmp(&b.label));
    for t in &mut by_type {
        t.orgs.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let services: Vec<String> = reference::list(&state.store, ListKind::ServiceType, false)
        .await?
        .into_iter()
        .map(|e| e.code)
        .collect();
    let offered_map = directory::offered_by_region(&state.store).await?;
    let gaps: Vec<GapView> = directory::gaps(&offered_map, &code, &services)
        .into_iter()
        .map(|g| GapView {
            service: label(&service_labels, &g.service),
            nearby: g
                .nearby
                .into_iter()
                .map(|r| {
                    let l = label(&region_labels, &r);
                    (r, l)
                })
                .collect(),
        })
        .collect();
    render(&RegionPage {
        offered: services.len() - gaps.len(),
        regions: reference::list(&state.store, ListKind::Region, false).await?,
        b,
        code,
        name,
        types: by_type,
        count,
        gaps,
        group,
        chair,
    })
}

// ---- A partner's open referrals ---------------------------------------------------------------

/// The open referrals of organisation `id` the viewer may see, with how far that reaches; the
/// organisation's absence (or a role without referral work, which the route's guard already
/// stops) is `NotFound`.
pub async fn open_referrals(
    state: &AppState,
    v: &Viewer,
    id: i64,
) -> Result<(Organisation, PartnerReferralsReach, Vec<Referral>), PageError> {
    let org = match orgs::get_organisation(&state.store, id).await {
        Ok(o) => o,
        Err(StoreError::NotFound) => return Err(PageError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let subject = super::cases::subject_of(state, v).await?;
    let Some(reach) = access::partner_referrals_reach(&subject, id) else {
        return Err(PageError::NotFound);
    };
    let counterpart = match reach {
        PartnerReferralsReach::All => None,
        PartnerReferralsReach::SharedWithOwn => Some(v.organisation_id),
    };
    let list = referrals::open_of_partner(&state.store, id, counterpart).await?;
    Ok((org, reach, list))
}

/// The date that matters now: acceptance while sent, completion after.
pub fn due_now(r: &Referral) -> Option<time::Date> {
    if r.state == ReferralState::Sent {
        Some(r.accept_due_on)
    } else {
        r.complete_due_on
    }
}

/// A referral as the partner's page lists it.
struct PartnerRow {
    id: i64,
    case_code: String,
    kind: &'static str,
    /// `incoming` (to the partner) or `outgoing` (from it).
    direction: &'static str,
    counterpart: String,
    services: String,
    state_label: String,
    sent_on: String,
    accept_due_on: String,
    complete_due_on: String,
    /// The date that matters now is this one (`accept` or `complete`).
    due_now: &'static str,
    overdue: Option<String>,
    /// The viewer's organisation is a side, so the referral's page opens for them.
    opens: bool,
}

#[derive(Template)]
#[template(path = "partners_referrals.html")]
struct PartnerReferralsPage {
    b: Base,
    name: String,
    region: String,
    region_name: String,
    all: bool,
    own: bool,
    rows: Vec<PartnerRow>,
    overdue: usize,
}

/// `GET /partners/{id}/referrals`: the organisation's referrals that are not finished (sent,
/// accepted, in progress), either way, by case code, service, state, sent and due dates,
/// overdue ones first and flagged. Its staff and supervisors see all of them; other
/// referral workers the ones between it and their own organisation.
pub async fn partner_referrals(
    State(state): State<AppState>,
    b: Base,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (org, reach, list) = open_referrals(&state, &v, id).await?;
    let lang = b.lang();
    let names = super::referrals::Names::load(&state, lang).await?;
    let today = state.clock.now().date();
    let mut rows: Vec<PartnerRow> = list
        .iter()
        .map(|r| {
            let incoming = r.to_organisation_id == id;
            PartnerRow {
                id: r.id,
                case_code: r.case_code.clone(),
                kind: r.kind.code(),
                direction: if incoming { "incoming" } else { "outgoing" },
                counterpart: names.org(if incoming {
                    r.from_organisation_id
                } else {
                    r.to_organisation_id
                }),
                services: names.services(&r.services),
                state_label: b.t(&format!("referral-state-{}", r.state.code())),
                sent_on: r.sent_at.date().to_string(),
                accept_due_on: r.accept_due_on.to_string(),
                complete_due_on: r.complete_due_on.map(|d| d.to_string()).unwrap_or_default(),
                due_now: if r.state == ReferralState::Sent {
                    "accept"
                } else {
                    "complete"
                },
                overdue: r
                    .overdue(today)
                    .map(|o| b.t(&format!("referral-overdue-{}", o.code()))),
                opens: r.side_of(v.organisation_id).is_some(),
            }
        })
        .collect();
    // Overdue first; otherwise the store's order (oldest first).
    rows.sort_by_key(|r| r.overdue.is_none());
    let region_name = labels(&state, lang, ListKind::Region)
        .await?
        .get(&org.region)
        .cloned()
        .unwrap_or_default();
    render(&PartnerReferralsPage {
        overdue: rows.iter().filter(|r| r.overdue.is_some()).count(),
        name: org.name(lang).to_owned(),
        own: org.id == v.organisation_id,
        region: org.region.clone(),
        region_name,
        all: reach == PartnerReferralsReach::All,
        rows,
        b,
    })
}

/// Which side of a referral the organisation is, as the API reports it.
pub fn direction(r: &Referral, organisation: i64) -> &'static str {
    match r.side_of(organisation) {
        Some(Side::Receiver) => "incoming",
        _ => "outgoing",
    }
}
