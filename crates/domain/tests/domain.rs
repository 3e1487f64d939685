//! Property tests of the domain's state machines and access rules: random sequences of moves
//! against the invariants the rest of Mayak relies on. (The rehabilitation admission rules have
//! their own property test beside them in `rehab.rs`; disclosure control is tested in
//! `mayak-stats`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mayak_domain::Role;
use mayak_domain::access::{
    self, CaseFacts, CaseSection, FieldClass, ReferralGrant, Scope, Subject,
};
use mayak_domain::case::{CaseStatus, LegalStatus, NrmPhase, check_closure};
use mayak_domain::referral::{
    DeclineReason, Disclosure, ReferralAction, ReferralKind, ReferralState, Side, TransitionError,
};
use mayak_domain::rehab::{
    Occupant, ShiftFacts, ShiftKind, StayStatus, Staying, check_discharge,
    first_night_over_capacity,
};
use proptest::prelude::*;
use proptest::sample::select;
use time::{Date, Duration, macros::date};

fn kind() -> impl Strategy<Value = ReferralKind> {
    select(ReferralKind::ALL.to_vec())
}

fn side() -> impl Strategy<Value = Side> {
    select(vec![Side::Sender, Side::Receiver])
}

fn a_move() -> impl Strategy<Value = (ReferralAction, Side, Option<DeclineReason>)> {
    (
        select(ReferralAction::ALL.to_vec()),
        side(),
        proptest::option::of(select(DeclineReason::ALL.to_vec())),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any sequence of moves on a referral: every accepted move is the right side's, a decline
    /// always has its reason, a closed referral never moves again, a transfer of the lead never
    /// becomes "accepted" or "in progress", the receiver reaches the case exactly while the
    /// referral is open, and no referral makes more than three moves (no cycles).
    #[test]
    fn referrals_move_only_forward_and_only_by_the_right_side(
        kind in kind(),
        moves in proptest::collection::vec(a_move(), 0..24),
    ) {
        let mut state = ReferralState::Sent;
        let mut made = 0;
        for (action, side, reason) in moves {
            prop_assert_eq!(state.grants_reach(), !state.is_closed(), "{:?}", state);
            let before = state;
            match state.apply(kind, action, side, reason) {
                Ok(next) => {
                    made += 1;
                    prop_assert!(!before.is_closed(), "{:?} moved on from a closed state", before);
                    let needed = if action == ReferralAction::Cancel { Side::Sender } else { Side::Receiver };
                    prop_assert_eq!(side, needed);
                    if action == ReferralAction::Decline {
                        prop_assert!(reason.is_some());
                    }
                    if kind == ReferralKind::Transfer {
                        prop_assert!(!matches!(next, ReferralState::Accepted | ReferralState::InProgress));
                    }
                    prop_assert_ne!(next, ReferralState::Sent, "nothing goes back to sent");
                    prop_assert!(state.actions(kind, side).contains(&action));
                    state = next;
                }
                Err(e) => {
                    prop_assert_eq!(state, before, "a refused move changes nothing");
                    if before.is_closed() {
                        prop_assert_eq!(e, TransitionError::NotFromState);
                    }
                    if e == TransitionError::ReasonRequired {
                        prop_assert!(action == ReferralAction::Decline && reason.is_none());
                    }
                }
            }
        }
        prop_assert!(made <= 3, "{} moves", made);
        prop_assert_eq!(state.grants_reach(), !state.is_closed());
    }

    /// The identification procedure: a person who may have suffered is identified as a victim or
    /// not confirmed; a decision is replaced only by the other decision, never undone back to
    /// "may have suffered", and a decision equal to the current status is refused.
    #[test]
    fn identification_decisions_never_go_back(
        decisions in proptest::collection::vec(select(LegalStatus::ALL.to_vec()), 0..16),
    ) {
        let mut status = LegalStatus::MayHaveSuffered;
        let mut decided = false;
        for to in decisions {
            let ok = status.may_become(to);
            prop_assert_eq!(ok, to != status && to != LegalStatus::MayHaveSuffered);
            if ok {
                status = to;
                decided = true;
            }
            prop_assert!(!decided || status != LegalStatus::MayHaveSuffered);
        }
        prop_assert_eq!(status.htcds(), match status {
            LegalStatus::MayHaveSuffered => "Possible",
            LegalStatus::IdentifiedVictim => "Actual",
            LegalStatus::NotConfirmed => "NotAVictim",
        });
    }

    /// A case closes only into a closed status and with a reason that is more than blanks.
    #[test]
    fn a_case_closes_only_with_a_closed_status_and_a_reason(
        status in select(CaseStatus::ALL.to_vec()),
        reason in "[ \t\n]{0,3}|[ a-zA-Zа-я]{0,12}",
    ) {
        let ok = check_closure(status, &reason).is_ok();
        prop_assert_eq!(ok, status.is_closed() && !reason.trim().is_empty());
        if let Err(e) = check_closure(status, &reason) {
            let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
            prop_assert_eq!(fields.contains(&"status"), !status.is_closed());
            prop_assert_eq!(fields.contains(&"closure_reason"), reason.trim().is_empty());
        }
    }

    /// The codes of case status, NRM phase and legal status are what the API and the database
    /// hold: each parses back to itself, and nothing else parses.
    #[test]
    fn case_codes_round_trip(text in "[A-Za-z]{0,40}") {
        for s in CaseStatus::ALL {
            prop_assert_eq!(CaseStatus::parse(s.code()), Some(*s));
        }
        for p in NrmPhase::ALL {
            prop_assert_eq!(NrmPhase::parse(p.code()), Some(*p));
        }
        for l in LegalStatus::ALL {
            prop_assert_eq!(LegalStatus::parse(l.code()), Some(*l));
        }
        if let Some(s) = CaseStatus::parse(&text) { prop_assert_eq!(s.code(), text.as_str()); }
        if let Some(p) = NrmPhase::parse(&text) { prop_assert_eq!(p.code(), text.as_str()); }
        if let Some(l) = LegalStatus::parse(&text) { prop_assert_eq!(l.code(), text.as_str()); }
    }
}

// ---- Shifts and stays ---------------------------------------------------------------------------

const SHIFT_START: Date = date!(2026 - 06 - 01);

fn occupant(from: i64, nights: i64) -> Occupant {
    Occupant {
        sex: "Female".into(),
        age: Some(30),
        child: false,
        from: SHIFT_START + Duration::days(from),
        to: SHIFT_START + Duration::days(from + nights),
        bed: None,
        companion: None,
    }
}

fn stays() -> impl Strategy<Value = Vec<(i64, i64)>> {
    proptest::collection::vec((0i64..20, 0i64..10), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The capacity check against a count of every night, one by one: the first night over
    /// capacity it reports is exactly the first night of the new stays on which more people
    /// than the capacity sleep.
    #[test]
    fn the_first_night_over_capacity_is_found_night_by_night(
        staying in stays(),
        // Admissions of no night are refused before the capacity check (`stay_too_short`);
        // with them the "first night" of the group is not defined.
        new in proptest::collection::vec((0i64..20, 1i64..10), 1..4),
        capacity in 1u32..6,
    ) {
        let shift = ShiftFacts {
            kind: ShiftKind::Women,
            starts_on: SHIFT_START,
            ends_on: SHIFT_START + Duration::days(30),
            capacity,
        };
        let staying: Vec<Staying> = staying
            .iter()
            .enumerate()
            .map(|(i, (f, n))| Staying { id: i as i64, occupant: occupant(*f, *n) })
            .collect();
        let group: Vec<Occupant> = new.iter().map(|(f, n)| occupant(*f, *n)).collect();
        let all: Vec<&Occupant> = staying.iter().map(|s| &s.occupant).chain(group.iter()).collect();
        let first_new = group.iter().map(|o| o.from).min().unwrap();
        let last_new = group.iter().map(|o| o.to).max().unwrap();
        let mut expected = None;
        let mut night = first_new;
        while night < last_new {
            let sleeping = all.iter().filter(|o| o.from <= night && night < o.to).count();
            if sleeping > capacity as usize {
                expected = Some(night);
                break;
            }
            night += Duration::days(1);
        }
        prop_assert_eq!(first_night_over_capacity(&shift, &staying, &group), expected);
    }

    /// A discharge is refused before arrival, before the day of arrival, and when a child the
    /// person accompanies would stay behind; otherwise it is allowed.
    #[test]
    fn a_discharge_needs_an_arrival_and_takes_the_children(
        arrived in proptest::option::of(0i64..30),
        on in 0i64..30,
        children in proptest::collection::btree_set(1i64..8, 0..4),
        with in proptest::collection::btree_set(1i64..8, 0..6),
    ) {
        let children: Vec<i64> = children.into_iter().collect();
        let with: Vec<i64> = with.into_iter().collect();
        let day = |d: i64| SHIFT_START + Duration::days(d);
        let r = check_discharge(arrived.map(day), day(on), &children, &with);
        let ok = arrived.is_some_and(|a| on >= a) && children.iter().all(|c| with.contains(c));
        prop_assert_eq!(r.is_ok(), ok);
    }
}

#[test]
fn a_stay_that_holds_a_bed_spends_nights_in_it() {
    for s in StayStatus::ALL {
        if s.occupies() {
            assert!(s.holds_nights(), "{s:?}");
        }
    }
}

// ---- The access policy ----------------------------------------------------------------------------

fn role() -> impl Strategy<Value = Role> {
    select(Role::ALL.to_vec())
}

fn ids() -> impl Strategy<Value = i64> {
    1i64..5
}

fn region() -> impl Strategy<Value = String> {
    select(vec![
        "BY-BR".to_owned(),
        "BY-HO".to_owned(),
        "BY-MI".to_owned(),
    ])
}

prop_compose! {
    fn subject()(user_id in ids(), organisation_id in ids(),
                 roles in proptest::collection::vec(role(), 1..3),
                 group_regions in proptest::collection::vec(region(), 0..2)) -> Subject {
        Subject { user_id, organisation_id, roles, group_regions }
    }
}

prop_compose! {
    fn case_facts()(created_by in ids(), assigned_to in proptest::collection::vec(ids(), 0..2),
                    lead_organisation in ids(), referred_to in proptest::collection::vec(ids(), 0..3),
                    region in region(), discussed_by_group in any::<bool>()) -> CaseFacts {
        CaseFacts { created_by, assigned_to, lead_organisation, referred_to, region, discussed_by_group }
    }
}

fn grant() -> impl Strategy<Value = Option<ReferralGrant>> {
    proptest::option::of(
        (
            proptest::option::of(select(Disclosure::ALL.to_vec())),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(disclosure, accepted, consent)| ReferralGrant {
                disclosure,
                accepted,
                consent,
            }),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Record level: a user reaches a case exactly when one of their roles' scopes holds for
    /// it, and the scope reported is one that holds; roles without scopes reach nothing.
    #[test]
    fn a_case_is_reached_exactly_through_a_scope_that_holds(s in subject(), c in case_facts()) {
        let holds = |scope: Scope| match scope {
            Scope::Own => c.created_by == s.user_id,
            Scope::Assigned => c.assigned_to.contains(&s.user_id),
            Scope::Organisation => c.lead_organisation == s.organisation_id,
            Scope::ReferredToOrganisation => c.referred_to.contains(&s.organisation_id),
            Scope::RegionGroup => c.discussed_by_group && s.group_regions.contains(&c.region),
            Scope::All => true,
        };
        let any = s.roles.iter().any(|r| access::case_scopes(*r).iter().any(|sc| holds(*sc)));
        let got = access::case_scope(&s, &c);
        prop_assert_eq!(got.is_some(), any);
        if let Some(scope) = got {
            prop_assert!(holds(scope));
            prop_assert!(s.roles.iter().any(|r| access::case_scopes(*r).contains(&scope)));
        }
    }

    /// Field level: what a receiving organisation sees only grows with acceptance and consent,
    /// never includes the case file, and never anything identifying or sensitive without the
    /// person's consent; a group and the roles that see no person see only codes.
    #[test]
    fn sections_open_only_with_scope_acceptance_and_consent(
        r in role(),
        scope in select(vec![Scope::Own, Scope::Assigned, Scope::Organisation,
                             Scope::ReferredToOrganisation, Scope::RegionGroup, Scope::All]),
        g in grant(),
        section in select(CaseSection::ALL.to_vec()),
    ) {
        let sees = access::section_visible(r, scope, g, section);
        if sees && section.class() != FieldClass::Pseudonymous {
            prop_assert!(access::field_visible(r, scope, section.class()));
            prop_assert!(scope != Scope::RegionGroup);
            prop_assert!(access::reads_identifying(r) || access::case_scopes(r).is_empty());
        }
        if scope == Scope::ReferredToOrganisation {
            prop_assert!(!(sees && section == CaseSection::CaseFile));
            if let Some(g) = g {
                if sees && section.class() != FieldClass::Pseudonymous {
                    prop_assert!(g.consent, "{:?} without consent", section);
                }
                let more = ReferralGrant { accepted: true, consent: true, ..g };
                prop_assert!(!sees || access::section_visible(r, scope, Some(more), section));
            }
        }
        if scope == Scope::RegionGroup {
            prop_assert_eq!(sees, section.class() == FieldClass::Pseudonymous);
        }
    }

    /// Function level: roles combine by union, and a guard on a permission lets through exactly
    /// the users one of whose roles grants it.
    #[test]
    fn permissions_combine_by_union(roles in proptest::collection::vec(role(), 0..4)) {
        let all = access::permissions_of(&roles);
        for p in access::Permission::ALL {
            let one = roles.iter().any(|r| access::role_permissions(*r).contains(p));
            prop_assert_eq!(access::allows(&roles, *p), one);
            prop_assert_eq!(all.contains(p), one);
        }
    }
}
