//! The rehabilitation centre: shifts of four kinds, stays in rooms and beds, the individual
//! rehabilitation plan over the four kinds of social rehabilitation, and the rules that hold
//! whatever stores or shows them:
//!
//! - a man does not join a women's shift, nor a woman a men's shift (children of the other sex
//!   up to [`OTHER_SEX_CHILD_MAX_AGE`] stay with their parent);
//! - a child is admitted only with an accompanying parent or legal representative staying in
//!   the same shift over the child's whole stay;
//! - in a shift of children with parents every adult accompanies a child;
//! - a shift never holds more people on any night than its capacity, and a bed one person;
//! - a stay lies within its shift and lasts at least a night.
//!
//! Every broken rule is a [`FieldError`] whose code names the rule; the web layer explains it
//! in the user's language. Nothing here reads a clock or a database.

use crate::case::LegalStatus;
use crate::validate::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[doc = $code] #[serde(rename = $code)] $variant,)* }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable code.
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
    /// Kind of a shift (reference list `shift_kind`).
    ShiftKind { Women => "Women", Men => "Men", ChildrenWithParents => "ChildrenWithParents", Families => "Families" }
);

coded!(
    /// Kind of social rehabilitation (reference list `rehabilitation_kind`).
    RehabKind {
        SocioMedical => "SocioMedical",
        SocioPsychological => "SocioPsychological",
        Professional => "Professional",
        SocioEnvironmental => "SocioEnvironmental",
    }
);

coded!(
    /// Where a stay stands.
    StayStatus {
        Waiting => "Waiting",
        Planned => "Planned",
        Admitted => "Admitted",
        Discharged => "Discharged",
        Cancelled => "Cancelled",
    }
);

coded!(
    /// Why a stay ended.
    DischargeReason {
        ProgrammeCompleted => "ProgrammeCompleted",
        OwnDecision => "OwnDecision",
        TransferredElsewhere => "TransferredElsewhere",
        HealthReasons => "HealthReasons",
        RulesBroken => "RulesBroken",
        Other => "Other",
    }
);

coded!(
    /// Where the person went after the stay.
    Destination {
        Home => "Home",
        Relatives => "Relatives",
        OwnHousing => "OwnHousing",
        Shelter => "Shelter",
        Hospital => "Hospital",
        ReturnAbroad => "ReturnAbroad",
        Unknown => "Unknown",
    }
);

coded!(
    /// Citizenship of a person, as the centre's statistics count it.
    CitizenshipKind { Citizen => "Citizen", Foreigner => "Foreigner", Stateless => "Stateless" }
);

coded!(
    /// State of a goal of the plan.
    GoalStatus { Open => "Open", Achieved => "Achieved", PartlyAchieved => "PartlyAchieved", NotAchieved => "NotAchieved" }
);

coded!(
    /// How the person took part in writing a progress note.
    Participation { CoWritten => "CoWritten", ReadAndAgreed => "ReadAndAgreed", PersonsOwnWords => "PersonsOwnWords" }
);

/// From this age a person is an adult.
pub const ADULT_AGE: i32 = 18;

/// A child of the other sex up to this age stays with their parent in a women's or men's shift.
pub const OTHER_SEX_CHILD_MAX_AGE: i32 = 13;

/// Longest free text of a plan item, session topic or summary.
pub const MAX_TEXT: usize = 2000;

/// Longest progress note.
pub const MAX_NOTE: usize = 20_000;

impl CitizenshipKind {
    /// The kind of the citizenships a person holds (ISO alpha-2): a Belarusian citizen, a
    /// foreigner, or a stateless person when none is recorded.
    pub fn of(citizenships: &[String]) -> Self {
        if citizenships.iter().any(|c| c == "BY") {
            Self::Citizen
        } else if citizenships.is_empty() {
            Self::Stateless
        } else {
            Self::Foreigner
        }
    }
}

impl StayStatus {
    /// Holds a bed and counts against capacity.
    pub fn occupies(self) -> bool {
        matches!(self, StayStatus::Planned | StayStatus::Admitted)
    }

    /// Spends (or spent, or will spend) nights in a bed: what capacity and beds are checked
    /// against, a discharged stay over the nights it had.
    pub fn holds_nights(self) -> bool {
        matches!(
            self,
            StayStatus::Planned | StayStatus::Admitted | StayStatus::Discharged
        )
    }
}

/// Whether a legal status makes a person eligible for a stay: identified victims and persons
/// who may have suffered (the identification still running) are; a person whose status was
/// not confirmed is not.
pub fn check_eligibility(status: LegalStatus) -> Result<(), FieldError> {
    match status {
        LegalStatus::IdentifiedVictim | LegalStatus::MayHaveSuffered => Ok(()),
        LegalStatus::NotConfirmed => {
            Err(FieldError::new("case", "stay_not_eligible").with("status", status.code()))
        }
    }
}

/// A shift as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftFacts {
    /// Kind.
    pub kind: ShiftKind,
    /// First day.
    pub starts_on: Date,
    /// Last day (the last night is the one before it).
    pub ends_on: Date,
    /// Most people on any night.
    pub capacity: u32,
}

/// Checks a shift being planned.
pub fn check_shift(
    starts_on: Date,
    ends_on: Date,
    capacity: i64,
    beds: i64,
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if ends_on <= starts_on {
        e.push(FieldError::new("ends_on", "before_start"));
    } else if (ends_on - starts_on).whole_days() > 366 {
        e.push(FieldError::new("ends_on", "shift_too_long").with("max", "366"));
    }
    if capacity < 1 {
        e.push(FieldError::new("capacity", "capacity_range").with("max", beds.to_string()));
    } else if capacity > beds {
        e.push(FieldError::new("capacity", "capacity_over_beds").with("max", beds.to_string()));
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// Who is staying, or asks to stay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupant {
    /// Sex (HTCDS code: `Female`, `Male`, `TransgenderNonConforming`, `Unknown`).
    pub sex: String,
    /// Age in whole years on arrival, when the birth date is known.
    pub age: Option<i32>,
    /// Under [`ADULT_AGE`] on arrival (also when the age is unknown but the person is
    /// recorded as a child).
    pub child: bool,
    /// First night.
    pub from: Date,
    /// Day of departure (the last night is the one before).
    pub to: Date,
    /// The bed.
    pub bed: Option<i64>,
    /// For a child: the occupant they stay with (see [`Companion`]).
    pub companion: Option<Companion>,
}

/// The adult a child stays with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Companion {
    /// An occupant of the same admission, by position.
    New(usize),
    /// A stay already in the shift, by id.
    Staying(i64),
}

/// A stay already in the shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staying {
    /// Stay id.
    pub id: i64,
    /// Who and when.
    pub occupant: Occupant,
}

/// Nights of a stay from `from` to `to` (departure day not counted).
pub fn nights(from: Date, to: Date) -> i64 {
    (to - from).whole_days().max(0)
}

fn overlaps(a: &Occupant, b: &Occupant) -> bool {
    a.from < b.to && b.from < a.to
}

fn is_adult(o: &Occupant) -> bool {
    !o.child
}

/// Checks an admission of `group` (one person and the relatives admitted with them) into a
/// shift already holding `staying`. Every broken rule is reported, on the field
/// `occupants[i]` of the occupant concerned (or `planned_from`/`planned_to` for dates).
pub fn check_admission(
    shift: &ShiftFacts,
    staying: &[Staying],
    group: &[Occupant],
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    if group.is_empty() {
        e.push(FieldError::new("occupants", "choose_one"));
        return Err(e);
    }
    for (i, o) in group.iter().enumerate() {
        let field = format!("occupants[{i}]");
        if o.to <= o.from {
            e.push(FieldError::new("planned_to", "stay_too_short"));
        }
        if o.from < shift.starts_on || o.to > shift.ends_on {
            e.push(
                FieldError::new("planned_from", "stay_outside_shift")
                    .with("from", shift.starts_on.to_string())
                    .with("to", shift.ends_on.to_string()),
            );
        }
        if let Err(err) = check_sex(shift.kind, o) {
            e.push(FieldError { field, ..err });
            continue;
        }
        if o.child {
            let companion = match o.companion {
                Some(Companion::New(j)) => group.get(j).filter(|_| j != i),
                Some(Companion::Staying(id)) => {
                    staying.iter().find(|s| s.id == id).map(|s| &s.occupant)
                }
                None => None,
            };
            match companion {
                None => e.push(FieldError::new(field, "child_needs_companion")),
                Some(c) if !is_adult(c) => e.push(FieldError::new(field, "child_needs_companion")),
                Some(c) if c.from > o.from || c.to < o.to => {
                    e.push(FieldError::new(field, "companion_dates"))
                }
                Some(_) => {}
            }
        } else if shift.kind == ShiftKind::ChildrenWithParents {
            let accompanies = group
                .iter()
                .any(|c| c.child && c.companion == Some(Companion::New(i)));
            if !accompanies {
                e.push(FieldError::new(field, "adult_needs_child"));
            }
        }
    }
    // Beds: one person each, on every night.
    for (i, o) in group.iter().enumerate() {
        let Some(bed) = o.bed else { continue };
        let taken = staying
            .iter()
            .any(|s| s.occupant.bed == Some(bed) && overlaps(&s.occupant, o))
            || group[..i]
                .iter()
                .any(|g| g.bed == Some(bed) && overlaps(g, o));
        if taken {
            e.push(FieldError::new(format!("occupants[{i}]"), "bed_taken"));
        }
    }
    if let Some(night) = first_night_over_capacity(shift, staying, group) {
        e.push(
            FieldError::new("occupants", "shift_full")
                .with("capacity", shift.capacity.to_string())
                .with("date", night.to_string()),
        );
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// The first night on which the shift would hold more people than its capacity.
pub fn first_night_over_capacity(
    shift: &ShiftFacts,
    staying: &[Staying],
    group: &[Occupant],
) -> Option<Date> {
    // Count arrivals and departures by day, then walk the days in order.
    let mut delta: BTreeMap<Date, i64> = BTreeMap::new();
    for o in staying.iter().map(|s| &s.occupant).chain(group.iter()) {
        if o.to > o.from {
            *delta.entry(o.from).or_default() += 1;
            *delta.entry(o.to).or_default() -= 1;
        }
    }
    let first_new = group.iter().map(|o| o.from).min()?;
    let last_new = group.iter().map(|o| o.to).max()?;
    let mut count = 0i64;
    for (day, d) in delta {
        count += d;
        if day >= first_new && day < last_new && count > i64::from(shift.capacity) {
            return Some(day);
        }
    }
    None
}

/// Whether an occupant may join a shift of `kind` as far as sex and age go.
pub fn check_sex(kind: ShiftKind, o: &Occupant) -> Result<(), FieldError> {
    let barred = match kind {
        ShiftKind::Women => "Male",
        ShiftKind::Men => "Female",
        ShiftKind::ChildrenWithParents | ShiftKind::Families => return Ok(()),
    };
    if o.sex != barred {
        return Ok(());
    }
    if o.child && o.age.is_some_and(|a| a <= OTHER_SEX_CHILD_MAX_AGE) {
        return Ok(());
    }
    let e = match (kind, o.child) {
        (ShiftKind::Women, false) => FieldError::new("sex", "shift_women_only"),
        (ShiftKind::Men, false) => FieldError::new("sex", "shift_men_only"),
        _ => FieldError::new("sex", "child_too_old_for_shift"),
    };
    Err(e.with("age", OTHER_SEX_CHILD_MAX_AGE.to_string()))
}

/// Checks a discharge on `on` of the stay `id`: after arrival, and no child it accompanies is
/// left behind (their stays are discharged with it, so they are listed in `with`).
pub fn check_discharge(
    arrived_on: Option<Date>,
    on: Date,
    children_staying: &[i64],
    with: &[i64],
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::default();
    match arrived_on {
        None => e.push(FieldError::new("left_on", "not_arrived")),
        Some(a) if on < a => e.push(FieldError::new("left_on", "before_start")),
        Some(_) => {}
    }
    if children_staying.iter().any(|c| !with.contains(c)) {
        e.push(FieldError::new("left_on", "child_left_behind"));
    }
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// Checks a progress note: some text, and the person's part in writing it.
pub fn check_note(text: &str, participation: &str) -> Result<Participation, FieldErrors> {
    let mut e = FieldErrors::default();
    let text = text.trim();
    if text.is_empty() {
        e.push(FieldError::required("note"));
    } else if text.chars().count() > MAX_NOTE {
        e.push(FieldError::too_long("note", MAX_NOTE));
    }
    let p = Participation::parse(participation);
    if p.is_none() {
        e.push(FieldError::new("participation", "participation_required"));
    }
    match p {
        Some(p) if e.is_empty() => Ok(p),
        _ => Err(e),
    }
}

/// Checks a short free text (goal, activity, topic, summary).
pub fn check_text(field: &str, raw: &str, required: bool) -> Result<String, FieldError> {
    let v = raw.trim();
    if v.is_empty() && required {
        return Err(FieldError::required(field));
    }
    if v.chars().count() > MAX_TEXT {
        return Err(FieldError::too_long(field, MAX_TEXT));
    }
    Ok(v.to_owned())
}

/// A stay as statistics count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StayRecord {
    /// Shift kind.
    pub kind: ShiftKind,
    /// Sex.
    pub sex: String,
    /// CTDC age band on arrival.
    pub age_band: String,
    /// Citizenship kind.
    pub citizenship: CitizenshipKind,
    /// Arrival.
    pub from: Date,
    /// Departure, or the end of the period for a stay still running.
    pub to: Date,
}

/// Stays and bed-nights under one heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Stays that had at least one night in the period.
    pub stays: i64,
    /// Nights spent in the period.
    pub bed_nights: i64,
}

/// The centre's figures over a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StayStats {
    /// Everything.
    pub total: Tally,
    /// By shift kind code.
    pub by_kind: BTreeMap<String, Tally>,
    /// By sex code.
    pub by_sex: BTreeMap<String, Tally>,
    /// By CTDC age band.
    pub by_age_band: BTreeMap<String, Tally>,
    /// By citizenship kind code.
    pub by_citizenship: BTreeMap<String, Tally>,
    /// By month (`YYYY-MM`) of the nights.
    pub by_month: BTreeMap<String, Tally>,
    /// Stays that ended in the period.
    pub completed: i64,
    /// Their nights, in total (for the average length of stay).
    pub completed_nights: i64,
}

impl StayStats {
    /// Average length of the stays that ended, in nights (one decimal).
    pub fn average_length(&self) -> Option<f64> {
        (self.completed > 0)
            .then(|| (self.completed_nights as f64 / self.completed as f64 * 10.0).round() / 10.0)
    }
}

fn month_of(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), u8::from(d.month()))
}

/// Counts stays and bed-nights of `stays` within `[from, to)`; `ended` are those whose
/// departure is known (for the average length of stay).
pub fn stay_stats(stays: &[(StayRecord, bool)], from: Date, to: Date) -> StayStats {
    let mut s = StayStats::default();
    for (r, ended) in stays {
        let a = r.from.max(from);
        let b = r.to.min(to);
        if b <= a {
            continue;
        }
        let n = nights(a, b);
        let add = |t: &mut Tally, n: i64| {
            t.stays += 1;
            t.bed_nights += n;
        };
        add(&mut s.total, n);
        add(s.by_kind.entry(r.kind.code().to_owned()).or_default(), n);
        add(s.by_sex.entry(r.sex.clone()).or_default(), n);
        add(s.by_age_band.entry(r.age_band.clone()).or_default(), n);
        add(
            s.by_citizenship
                .entry(r.citizenship.code().to_owned())
                .or_default(),
            n,
        );
        // Nights by month: a stay counts once in each month it spent a night in.
        let mut day = a;
        while day < b {
            let next_month = first_of_next_month(day);
            let end = next_month.min(b);
            add(
                s.by_month.entry(month_of(day)).or_default(),
                nights(day, end),
            );
            day = end;
        }
        if *ended && r.to <= to && r.to > from {
            s.completed += 1;
            s.completed_nights += nights(r.from, r.to);
        }
    }
    s
}

fn first_of_next_month(d: Date) -> Date {
    let (y, m) = if d.month() == time::Month::December {
        (d.year() + 1, time::Month::January)
    } else {
        (d.year(), d.month().next())
    };
    Date::from_calendar_date(y, m, 1).unwrap_or(d.next_day().unwrap_or(d))
}

/// Occupancy rate in per cent: bed-nights used over bed-nights offered.
pub fn occupancy_rate(used: i64, offered: i64) -> Option<f64> {
    (offered > 0).then(|| (used as f64 / offered as f64 * 1000.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn shift(kind: ShiftKind, capacity: u32) -> ShiftFacts {
        ShiftFacts {
            kind,
            starts_on: date!(2026 - 03 - 01),
            ends_on: date!(2026 - 03 - 29),
            capacity,
        }
    }

    fn adult(sex: &str) -> Occupant {
        Occupant {
            sex: sex.to_owned(),
            age: Some(30),
            child: false,
            from: date!(2026 - 03 - 02),
            to: date!(2026 - 03 - 16),
            bed: None,
            companion: None,
        }
    }

    fn child(sex: &str, age: i32, with: Option<Companion>) -> Occupant {
        Occupant {
            sex: sex.to_owned(),
            age: Some(age),
            child: true,
            companion: with,
            ..adult(sex)
        }
    }

    fn codes(r: Result<(), FieldErrors>) -> Vec<&'static str> {
        r.err()
            .map(|e| e.0.iter().map(|f| f.code).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_mans_place_is_not_in_a_womens_shift_and_vice_versa() {
        let w = shift(ShiftKind::Women, 10);
        assert!(check_admission(&w, &[], &[adult("Female")]).is_ok());
        assert_eq!(
            codes(check_admission(&w, &[], &[adult("Male")])),
            ["shift_women_only"]
        );
        let m = shift(ShiftKind::Men, 10);
        assert_eq!(
            codes(check_admission(&m, &[], &[adult("Female")])),
            ["shift_men_only"]
        );
        assert!(check_admission(&m, &[], &[adult("Male")]).is_ok());
        // Families take anyone.
        let f = shift(ShiftKind::Families, 10);
        assert!(check_admission(&f, &[], &[adult("Male"), adult("Female")]).is_ok());
        // A person of another or unknown sex is not turned away by a gendered shift.
        assert!(check_admission(&w, &[], &[adult("TransgenderNonConforming")]).is_ok());
    }

    #[test]
    fn a_child_comes_with_a_parent_in_the_same_shift() {
        let w = shift(ShiftKind::Women, 10);
        let mother_and_son = [adult("Female"), child("Male", 6, Some(Companion::New(0)))];
        assert!(check_admission(&w, &[], &mother_and_son).is_ok());
        assert_eq!(
            codes(check_admission(&w, &[], &[child("Female", 6, None)])),
            ["child_needs_companion"]
        );
        // A teenage boy does not stay in a women's shift, even with his mother.
        let teen = [adult("Female"), child("Male", 15, Some(Companion::New(0)))];
        assert_eq!(
            codes(check_admission(&w, &[], &teen)),
            ["child_too_old_for_shift"]
        );
        // With a parent already staying.
        let mother = Staying {
            id: 7,
            occupant: adult("Female"),
        };
        assert!(
            check_admission(
                &w,
                std::slice::from_ref(&mother),
                &[child("Female", 4, Some(Companion::Staying(7)))]
            )
            .is_ok()
        );
        // The child may not stay longer than the parent.
        let mut late = child("Female", 4, Some(Companion::Staying(7)));
        late.to = date!(2026 - 03 - 20);
        assert_eq!(
            codes(check_admission(&w, &[mother], &[late])),
            ["companion_dates"]
        );
        // Another child is no companion.
        let two = [
            child("Female", 9, None),
            child("Female", 4, Some(Companion::New(0))),
        ];
        assert_eq!(
            codes(check_admission(&w, &[], &two)),
            ["child_needs_companion", "child_needs_companion"]
        );
    }

    #[test]
    fn children_with_parents_shifts_take_adults_only_with_a_child() {
        let s = shift(ShiftKind::ChildrenWithParents, 10);
        assert_eq!(
            codes(check_admission(&s, &[], &[adult("Female")])),
            ["adult_needs_child"]
        );
        let father_and_daughter = [adult("Male"), child("Female", 10, Some(Companion::New(0)))];
        assert!(check_admission(&s, &[], &father_and_daughter).is_ok());
    }

    #[test]
    fn capacity_and_beds_are_never_exceeded() {
        let w = shift(ShiftKind::Women, 2);
        let staying = [Staying {
            id: 1,
            occupant: Occupant {
                bed: Some(1),
                ..adult("Female")
            },
        }];
        let mut second = adult("Female");
        second.bed = Some(2);
        assert!(check_admission(&w, &staying, &[second.clone()]).is_ok());
        let both = [
            second.clone(),
            Occupant {
                bed: Some(3),
                ..adult("Female")
            },
        ];
        assert_eq!(codes(check_admission(&w, &staying, &both)), ["shift_full"]);
        second.bed = Some(1);
        assert_eq!(
            codes(check_admission(&w, &staying, &[second.clone()])),
            ["bed_taken"]
        );
        // The same bed after the first person left is free.
        second.from = date!(2026 - 03 - 16);
        second.to = date!(2026 - 03 - 20);
        assert!(check_admission(&w, &staying, &[second]).is_ok());
    }

    #[test]
    fn stays_lie_within_the_shift_and_last_a_night() {
        let w = shift(ShiftKind::Women, 5);
        let mut o = adult("Female");
        o.to = o.from;
        assert_eq!(
            codes(check_admission(&w, &[], &[o.clone()])),
            ["stay_too_short"]
        );
        o.to = date!(2026 - 04 - 02);
        assert_eq!(
            codes(check_admission(&w, &[], &[o])),
            ["stay_outside_shift"]
        );
        assert!(check_shift(date!(2026 - 03 - 01), date!(2026 - 03 - 01), 3, 5).is_err());
        assert!(check_shift(date!(2026 - 03 - 01), date!(2026 - 03 - 20), 6, 5).is_err());
        assert!(check_shift(date!(2026 - 03 - 01), date!(2026 - 03 - 20), 5, 5).is_ok());
    }

    #[test]
    fn eligibility_follows_the_legal_status() {
        assert!(check_eligibility(LegalStatus::IdentifiedVictim).is_ok());
        assert!(check_eligibility(LegalStatus::MayHaveSuffered).is_ok());
        assert_eq!(
            check_eligibility(LegalStatus::NotConfirmed)
                .unwrap_err()
                .code,
            "stay_not_eligible"
        );
        assert_eq!(
            CitizenshipKind::of(&["BY".into(), "RU".into()]),
            CitizenshipKind::Citizen
        );
        assert_eq!(
            CitizenshipKind::of(&["UA".into()]),
            CitizenshipKind::Foreigner
        );
        assert_eq!(CitizenshipKind::of(&[]), CitizenshipKind::Stateless);
    }

    #[test]
    fn discharges_take_the_children_along() {
        let a = Some(date!(2026 - 03 - 02));
        assert!(check_discharge(a, date!(2026 - 03 - 10), &[5], &[5]).is_ok());
        assert!(check_discharge(a, date!(2026 - 03 - 10), &[5], &[]).is_err());
        assert!(check_discharge(None, date!(2026 - 03 - 10), &[], &[]).is_err());
        assert!(check_discharge(a, date!(2026 - 03 - 01), &[], &[]).is_err());
        assert!(check_note("Говорили о планах", "CoWritten").is_ok());
        assert!(check_note("Говорили о планах", "").is_err());
        assert!(check_note(" ", "CoWritten").is_err());
    }

    #[test]
    fn statistics_count_nights_per_month_and_the_average_length() {
        let r = StayRecord {
            kind: ShiftKind::Women,
            sex: "Female".into(),
            age_band: "21-23".into(),
            citizenship: CitizenshipKind::Citizen,
            from: date!(2026 - 01 - 25),
            to: date!(2026 - 02 - 05),
        };
        let s = stay_stats(
            &[(r.clone(), true)],
            date!(2026 - 01 - 01),
            date!(2027 - 01 - 01),
        );
        assert_eq!(
            s.total,
            Tally {
                stays: 1,
                bed_nights: 11
            }
        );
        assert_eq!(
            s.by_month["2026-01"],
            Tally {
                stays: 1,
                bed_nights: 7
            }
        );
        assert_eq!(
            s.by_month["2026-02"],
            Tally {
                stays: 1,
                bed_nights: 4
            }
        );
        assert_eq!(s.average_length(), Some(11.0));
        // Only the part inside the period counts.
        let s = stay_stats(&[(r, true)], date!(2026 - 02 - 01), date!(2026 - 03 - 01));
        assert_eq!(s.total.bed_nights, 4);
        assert_eq!(occupancy_rate(30, 120), Some(25.0));
        assert_eq!(occupancy_rate(1, 0), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn occupant() -> impl Strategy<Value = Occupant> {
            (0i64..28, 1i64..14, 0i64..6, prop::bool::ANY, 0i32..60).prop_map(
                |(start, len, bed, female, age)| {
                    let from = date!(2026 - 03 - 01) + time::Duration::days(start);
                    Occupant {
                        sex: if female { "Female" } else { "Male" }.to_owned(),
                        age: Some(age),
                        child: age < ADULT_AGE,
                        from,
                        to: from + time::Duration::days(len),
                        bed: Some(bed),
                        companion: None,
                    }
                },
            )
        }

        proptest! {
            /// Admitting people one by one, as the store does, never puts more people in the
            /// shift on any night than its capacity, two in a bed, or a man in a women's shift.
            #[test]
            fn admitted_one_by_one_the_rules_always_hold(
                requests in prop::collection::vec((occupant(), prop::option::of(0usize..8)), 1..40),
                capacity in 1u32..6,
            ) {
                let shift = ShiftFacts {
                    kind: ShiftKind::Women,
                    starts_on: date!(2026 - 03 - 01),
                    ends_on: date!(2026 - 04 - 15),
                    capacity,
                };
                let mut staying: Vec<Staying> = Vec::new();
                for (n, (mut o, with)) in requests.into_iter().enumerate() {
                    if o.child {
                        o.companion = with.and_then(|k| staying.get(k)).map(|s| Companion::Staying(s.id));
                    }
                    if check_admission(&shift, &staying, std::slice::from_ref(&o)).is_ok() {
                        staying.push(Staying { id: n as i64, occupant: o });
                    }
                }
                let mut day = shift.starts_on;
                while day < shift.ends_on {
                    let here: Vec<&Occupant> = staying
                        .iter()
                        .map(|s| &s.occupant)
                        .filter(|o| o.from <= day && day < o.to)
                        .collect();
                    prop_assert!(here.len() as u32 <= capacity);
                    let mut beds: Vec<i64> = here.iter().filter_map(|o| o.bed).collect();
                    let n = beds.len();
                    beds.sort_unstable();
                    beds.dedup();
                    prop_assert_eq!(beds.len(), n);
                    for o in &here {
                        prop_assert!(o.sex != "Male" || (o.child && o.age.unwrap_or(99) <= OTHER_SEX_CHILD_MAX_AGE));
                        if o.child {
                            let Some(Companion::Staying(id)) = o.companion else {
                                return Err(TestCaseError::fail("a child without a companion"));
                            };
                            let c = &staying.iter().find(|s| s.id == id).map(|s| &s.occupant);
                            prop_assert!(c.is_some_and(|c| !c.child && c.from <= o.from && c.to >= o.to));
                        }
                    }
                    day = day.next_day().unwrap_or(day);
                }
            }

            /// Bed-nights by month add up to the total, and no stay counts more nights than it had.
            #[test]
            fn bed_nights_add_up(stays in prop::collection::vec((0i64..400, 1i64..90), 0..30)) {
                let records: Vec<(StayRecord, bool)> = stays
                    .iter()
                    .map(|(start, len)| {
                        let from = date!(2026 - 01 - 01) + time::Duration::days(*start);
                        (StayRecord {
                            kind: ShiftKind::Families,
                            sex: "Female".into(),
                            age_band: "30-38".into(),
                            citizenship: CitizenshipKind::Foreigner,
                            from,
                            to: from + time::Duration::days(*len),
                        }, true)
                    })
                    .collect();
                let s = stay_stats(&records, date!(2026 - 01 - 01), date!(2027 - 01 - 01));
                let by_month: i64 = s.by_month.values().map(|t| t.bed_nights).sum();
                prop_assert_eq!(by_month, s.total.bed_nights);
                let by_kind: i64 = s.by_kind.values().map(|t| t.stays).sum();
                prop_assert_eq!(by_kind, s.total.stays);
                let all: i64 = stays.iter().map(|(_, l)| *l).sum();
                prop_assert!(s.total.bed_nights <= all);
            }
        }
    }
}
