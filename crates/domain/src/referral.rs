//! Referrals of the National Referral Mechanism: a case's lead organisation asks a partner to
//! provide services (or to take over the case lead), the partner accepts or declines, works
//! and completes. Pure rules: the state machine, who may move it, what the receiver is shown,
//! due dates, and which partners to suggest.

use crate::validate::FieldError;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};

macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[doc = $code] #[serde(rename = $code)] $variant,)* }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable code, as stored and as the API speaks it.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// Parses a code.
            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }
    };
}

coded!(
    /// What is asked of the receiver.
    ReferralKind { Services => "services", Transfer => "transfer" }
);

coded!(
    /// Where a referral stands.
    ReferralState {
        Sent => "sent",
        Accepted => "accepted",
        Declined => "declined",
        InProgress => "in_progress",
        Completed => "completed",
        Cancelled => "cancelled",
    }
);

coded!(
    /// A move of the state machine.
    ReferralAction {
        Accept => "accept",
        Decline => "decline",
        Start => "start",
        Complete => "complete",
        Cancel => "cancel",
    }
);

coded!(
    /// Which side of a referral someone acts for.
    Side { Sender => "sender", Receiver => "receiver" }
);

coded!(
    /// Why a receiver declines (a short list, so statistics can count them).
    DeclineReason {
        NoCapacity => "no_capacity",
        ServiceNotOffered => "service_not_offered",
        OutsideArea => "outside_area",
        PersonNotReachable => "person_not_reachable",
        Other => "other",
    }
);

coded!(
    /// What the sender lets the receiver see, chosen from a short list. Identifying parts are
    /// shown only while the person's consent to this referral stands.
    Disclosure {
        NeedsOnly => "needs_only",
        NeedsAndContacts => "needs_and_contacts",
        FullAssessment => "full_assessment",
    }
);

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// The move is not possible from the current state.
    NotFromState,
    /// The move belongs to the other side.
    WrongSide,
    /// A declined referral needs a reason.
    ReasonRequired,
}

impl TransitionError {
    /// As a field error of the form or API request.
    pub fn field_error(self) -> FieldError {
        match self {
            TransitionError::NotFromState => FieldError::new("state", "referral_transition"),
            TransitionError::WrongSide => FieldError::new("state", "referral_wrong_side"),
            TransitionError::ReasonRequired => FieldError::required("decline_reason"),
        }
    }
}

impl ReferralState {
    /// Nothing more happens to it.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            ReferralState::Declined | ReferralState::Completed | ReferralState::Cancelled
        )
    }

    /// The receiver reaches the case through it (pending or being worked on).
    pub fn grants_reach(self) -> bool {
        matches!(
            self,
            ReferralState::Sent | ReferralState::Accepted | ReferralState::InProgress
        )
    }

    /// The state after `action` by `side` on a referral of `kind`. A transfer of the case lead
    /// ends when it is accepted; a service referral goes on to work and completion.
    pub fn apply(
        self,
        kind: ReferralKind,
        action: ReferralAction,
        side: Side,
        reason: Option<DeclineReason>,
    ) -> Result<ReferralState, TransitionError> {
        use ReferralAction as A;
        use ReferralState as S;
        let needed = match action {
            A::Cancel => Side::Sender,
            _ => Side::Receiver,
        };
        let next = match (self, action, kind) {
            (S::Sent, A::Accept, ReferralKind::Transfer) => S::Completed,
            (S::Sent, A::Accept, ReferralKind::Services) => S::Accepted,
            (S::Sent, A::Decline, _) => S::Declined,
            (S::Accepted, A::Start, ReferralKind::Services) => S::InProgress,
            (S::Accepted | S::InProgress, A::Complete, ReferralKind::Services) => S::Completed,
            (S::Sent | S::Accepted | S::InProgress, A::Cancel, _) => S::Cancelled,
            _ => return Err(TransitionError::NotFromState),
        };
        if side != needed {
            return Err(TransitionError::WrongSide);
        }
        if action == A::Decline && reason.is_none() {
            return Err(TransitionError::ReasonRequired);
        }
        Ok(next)
    }

    /// The moves `side` can make now.
    pub fn actions(self, kind: ReferralKind, side: Side) -> Vec<ReferralAction> {
        ReferralAction::ALL
            .iter()
            .copied()
            .filter(|a| {
                self.apply(kind, *a, side, Some(DeclineReason::Other))
                    .is_ok()
            })
            .collect()
    }
}

/// How many days a receiver has to accept or decline, by default.
pub const ACCEPT_WITHIN_DAYS: i64 = 3;
/// How many days a receiver has to complete the services, by default.
pub const COMPLETE_WITHIN_DAYS: i64 = 30;

/// The default due dates of a referral sent on `today`: acceptance, and completion (none for a
/// transfer, which ends with acceptance).
pub fn default_due(kind: ReferralKind, today: Date) -> (Date, Option<Date>) {
    let accept = today + Duration::days(ACCEPT_WITHIN_DAYS);
    let complete = match kind {
        ReferralKind::Services => Some(today + Duration::days(COMPLETE_WITHIN_DAYS)),
        ReferralKind::Transfer => None,
    };
    (accept, complete)
}

/// Checks the due dates a sender chose: acceptance not in the past, completion not before it.
pub fn check_due(today: Date, accept: Date, complete: Option<Date>) -> Result<(), Vec<FieldError>> {
    let mut e = Vec::new();
    if accept < today {
        e.push(FieldError::new("accept_due_on", "date_out_of_range"));
    }
    if complete.is_some_and(|c| c < accept) {
        e.push(FieldError::new("complete_due_on", "due_before_acceptance"));
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// What is overdue about a referral on `today`, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overdue {
    /// Still waiting for acceptance after its due date.
    Acceptance,
    /// Accepted but not completed by its due date.
    Completion,
}

impl Overdue {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Overdue::Acceptance => "acceptance",
            Overdue::Completion => "completion",
        }
    }
}

/// Whether a referral in `state` is overdue on `today`.
pub fn overdue(
    state: ReferralState,
    today: Date,
    accept_due: Date,
    complete_due: Option<Date>,
) -> Option<Overdue> {
    match state {
        ReferralState::Sent if today > accept_due => Some(Overdue::Acceptance),
        ReferralState::Accepted | ReferralState::InProgress
            if complete_due.is_some_and(|d| today > d) =>
        {
            Some(Overdue::Completion)
        }
        _ => None,
    }
}

/// A partner as the suggestion needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Organisation id.
    pub organisation_id: i64,
    /// Its region.
    pub region: String,
    /// Service types it offers.
    pub services: Vec<String>,
}

/// How near a suggested partner is to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Nearness {
    /// In the person's region.
    SameRegion,
    /// In a neighbouring region.
    Neighbouring,
}

/// A suggested partner: which of the needed services it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Organisation id.
    pub organisation_id: i64,
    /// Same or neighbouring region.
    pub nearness: Nearness,
    /// The needed services it offers.
    pub offers: Vec<String>,
}

/// The regions of Belarus that share a border with `region` (ISO 3166-2:BY). Minsk city lies
/// inside Minsk region.
pub fn neighbours(region: &str) -> &'static [&'static str] {
    match region {
        "BY-BR" => &["BY-HR", "BY-MI", "BY-HO"],
        "BY-HR" => &["BY-BR", "BY-MI", "BY-VI"],
        "BY-VI" => &["BY-HR", "BY-MI", "BY-MA"],
        "BY-MA" => &["BY-VI", "BY-MI", "BY-HO"],
        "BY-HO" => &["BY-BR", "BY-MI", "BY-MA"],
        "BY-MI" => &["BY-BR", "BY-HR", "BY-VI", "BY-MA", "BY-HO", "BY-HM"],
        "BY-HM" => &["BY-MI"],
        _ => &[],
    }
}

/// Partners offering any of `needed` in `region`, then in neighbouring regions; within each,
/// those offering more of the needed services first, then by id (stable). `exclude` (the
/// sender) is never suggested.
pub fn suggest(
    candidates: &[Candidate],
    needed: &[String],
    region: &str,
    exclude: i64,
) -> Vec<Suggestion> {
    let near = neighbours(region);
    let mut out: Vec<Suggestion> = candidates
        .iter()
        .filter(|c| c.organisation_id != exclude)
        .filter_map(|c| {
            let nearness = if c.region == region {
                Nearness::SameRegion
            } else if near.contains(&c.region.as_str()) {
                Nearness::Neighbouring
            } else {
                return None;
            };
            let offers: Vec<String> = needed
                .iter()
                .filter(|n| c.services.contains(n))
                .cloned()
                .collect();
            (!offers.is_empty()).then_some(Suggestion {
                organisation_id: c.organisation_id,
                nearness,
                offers,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.nearness
            .cmp(&b.nearness)
            .then(b.offers.len().cmp(&a.offers.len()))
            .then(a.organisation_id.cmp(&b.organisation_id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn all_paths(
        kind: ReferralKind,
        from: ReferralState,
        depth: usize,
        path: &mut Vec<ReferralState>,
        out: &mut Vec<Vec<ReferralState>>,
    ) {
        out.push(path.clone());
        if depth == 0 {
            return;
        }
        for a in ReferralAction::ALL {
            for side in Side::ALL {
                if let Ok(next) = from.apply(kind, *a, *side, Some(DeclineReason::NoCapacity)) {
                    path.push(next);
                    all_paths(kind, next, depth - 1, path, out);
                    path.pop();
                }
            }
        }
    }

    #[test]
    fn every_reachable_path_respects_the_machine() {
        // Exhaustive over every sequence of moves by either side (the machine is small).
        for kind in ReferralKind::ALL {
            let mut paths = Vec::new();
            all_paths(
                *kind,
                ReferralState::Sent,
                6,
                &mut vec![ReferralState::Sent],
                &mut paths,
            );
            assert!(paths.len() >= 4);
            for p in &paths {
                // Closed states are final: nothing follows them.
                for w in p.windows(2) {
                    assert!(!w[0].is_closed(), "{p:?}");
                    assert_ne!(w[0], w[1], "a move always changes the state: {p:?}");
                }
                // Only sent referrals are declined; only accepted or started ones complete
                // (a transfer completes on acceptance).
                for (i, s) in p.iter().enumerate().skip(1) {
                    match s {
                        ReferralState::Declined => assert_eq!(p[i - 1], ReferralState::Sent),
                        ReferralState::Completed if *kind == ReferralKind::Services => {
                            assert!(matches!(
                                p[i - 1],
                                ReferralState::Accepted | ReferralState::InProgress
                            ))
                        }
                        ReferralState::InProgress | ReferralState::Accepted => {
                            assert_eq!(*kind, ReferralKind::Services, "{p:?}")
                        }
                        _ => {}
                    }
                }
                assert!(
                    p.len() <= 5,
                    "no path is longer than sent→accepted→started→completed"
                );
            }
            // Every state but the intermediate ones of a transfer is reachable.
            for s in ReferralState::ALL {
                let reachable = paths.iter().any(|p| p.contains(s));
                let expected = *kind == ReferralKind::Services
                    || !matches!(s, ReferralState::Accepted | ReferralState::InProgress);
                assert_eq!(reachable, expected, "{kind:?} {s:?}");
            }
        }
    }

    #[test]
    fn each_side_makes_its_own_moves() {
        use ReferralAction as A;
        let k = ReferralKind::Services;
        let s = ReferralState::Sent;
        assert_eq!(
            s.apply(k, A::Accept, Side::Sender, None),
            Err(TransitionError::WrongSide)
        );
        assert_eq!(
            s.apply(k, A::Cancel, Side::Receiver, None),
            Err(TransitionError::WrongSide)
        );
        assert_eq!(
            s.apply(k, A::Decline, Side::Receiver, None),
            Err(TransitionError::ReasonRequired)
        );
        assert_eq!(
            s.apply(k, A::Complete, Side::Receiver, None),
            Err(TransitionError::NotFromState)
        );
        assert_eq!(s.actions(k, Side::Receiver), vec![A::Accept, A::Decline]);
        assert_eq!(s.actions(k, Side::Sender), vec![A::Cancel]);
        assert_eq!(
            ReferralState::Accepted.actions(k, Side::Receiver),
            vec![A::Start, A::Complete]
        );
        assert!(ReferralState::Completed.actions(k, Side::Sender).is_empty());
        assert_eq!(
            s.apply(ReferralKind::Transfer, A::Accept, Side::Receiver, None),
            Ok(ReferralState::Completed)
        );
        for st in ReferralState::ALL {
            assert_eq!(ReferralState::parse(st.code()), Some(*st));
            assert_eq!(st.grants_reach(), !st.is_closed());
        }
    }

    #[test]
    fn due_dates_and_overdue() {
        let today = date!(2026 - 03 - 10);
        let (a, c) = default_due(ReferralKind::Services, today);
        assert_eq!(a, date!(2026 - 03 - 13));
        assert_eq!(c, Some(date!(2026 - 04 - 09)));
        assert_eq!(default_due(ReferralKind::Transfer, today).1, None);
        assert!(check_due(today, a, c).is_ok());
        let e = check_due(today, date!(2026 - 03 - 09), Some(date!(2026 - 03 - 01))).unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(
            overdue(ReferralState::Sent, a, a, c),
            None,
            "due today is not late"
        );
        assert_eq!(
            overdue(ReferralState::Sent, date!(2026 - 03 - 14), a, c),
            Some(Overdue::Acceptance)
        );
        assert_eq!(
            overdue(ReferralState::InProgress, date!(2026 - 04 - 10), a, c),
            Some(Overdue::Completion)
        );
        assert_eq!(
            overdue(ReferralState::Completed, date!(2027 - 01 - 01), a, c),
            None
        );
    }

    #[test]
    fn suggestions_prefer_the_region_then_neighbours() {
        let c = |id, region: &str, services: &[&str]| Candidate {
            organisation_id: id,
            region: region.into(),
            services: services.iter().map(|s| (*s).to_owned()).collect(),
        };
        let candidates = vec![
            c(1, "BY-HO", &["Shelter"]),
            c(2, "BY-MA", &["Shelter", "Medical"]),
            c(3, "BY-HO", &["Shelter", "Medical"]),
            c(4, "BY-VI", &["Shelter", "Medical"]),
            c(5, "BY-HO", &["Legal"]),
            c(6, "BY-HO", &["Medical"]),
        ];
        let needed = vec!["Shelter".to_owned(), "Medical".to_owned()];
        let s = suggest(&candidates, &needed, "BY-HO", 6);
        let ids: Vec<i64> = s.iter().map(|s| s.organisation_id).collect();
        assert_eq!(
            ids,
            vec![3, 1, 2],
            "Vitebsk does not border Gomel; 5 offers none; 6 sends"
        );
        assert_eq!(s[2].nearness, Nearness::Neighbouring);
        assert_eq!(s[1].offers, vec!["Shelter".to_owned()]);
        for r in [
            "BY-BR", "BY-HR", "BY-VI", "BY-MA", "BY-HO", "BY-MI", "BY-HM",
        ] {
            for n in neighbours(r) {
                assert!(neighbours(n).contains(&r), "{r} and {n} border each other");
            }
        }
    }
}
