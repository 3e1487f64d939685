//! Screening with the ILO/European Commission "Operational indicators of trafficking in human
//! beings" (Delphi survey, March 2009, revised September 2009).
//!
//! The publication has four lists ([`IndicatorList`]): adults and children, each for labour
//! and for sexual exploitation. Each list sorts its indicators into six [`Dimension`]s, the
//! elements of the Palermo Protocol definition, and weighs every indicator [`Weight::Strong`],
//! [`Weight::Medium`] or [`Weight::Weak`]. The indicators live in `data/ilo-indicators.tsv`
//! with a stable code each (`AL-DR-S1`: adults/labour, deceptive recruitment, strong, first)
//! and labels in Russian, Belarusian and English.
//!
//! [`assess`] follows the publication's method:
//!
//! 1. A dimension (an element of the definition) is **present** when the indicators found
//!    include at least two strong ones, or one strong and one medium or weak, or three medium,
//!    or two medium and one weak ([`PresenceRule`]). Weak indicators alone never suffice, nor
//!    does one strong indicator alone.
//! 2. An adult is **likely a victim** when three elements are present: recruitment (deceptive
//!    recruitment, coercive recruitment or recruitment by abuse of vulnerability), exploitation,
//!    and coercion (coercion at destination or abuse of vulnerability at destination). For a
//!    child the means do not matter (Palermo Protocol, art. 3(c)): recruitment and
//!    exploitation suffice.
//! 3. Any present dimension short of that gives a **possible victim**; none gives **no
//!    indication**.
//!
//! The result is advice to the body that identifies victims, never a legal status: the status
//! of a person "who may have suffered" and of an identified victim is decided under Law
//! No. 350-Z. Every [`Assessment`] carries its reasons as data so the interface can phrase
//! them in the user's language.
//!
//! Not every dimension has strong indicators: in the publication the two abuse-of-vulnerability
//! dimensions have none, nor does exploitation for adults in sexual exploitation, so those are
//! present only through medium and weak indicators. The table was transcribed without the
//! original at hand; before it is used in earnest, compare the weights with the publication's
//! annex (the children's lists and the sexual-exploitation lists in particular).

use crate::Lang;
use crate::validate::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

/// One of the publication's four lists of indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorList {
    /// Adults, labour exploitation.
    AdultLabour,
    /// Adults, sexual exploitation.
    AdultSexual,
    /// Children, labour exploitation.
    ChildLabour,
    /// Children, sexual exploitation.
    ChildSexual,
}

impl IndicatorList {
    /// Every list, in the publication's order.
    pub const ALL: [IndicatorList; 4] = [
        IndicatorList::AdultLabour,
        IndicatorList::AdultSexual,
        IndicatorList::ChildLabour,
        IndicatorList::ChildSexual,
    ];

    /// Stable code, as in the data file and the API.
    pub fn code(self) -> &'static str {
        match self {
            IndicatorList::AdultLabour => "adult_labour",
            IndicatorList::AdultSexual => "adult_sexual",
            IndicatorList::ChildLabour => "child_labour",
            IndicatorList::ChildSexual => "child_sexual",
        }
    }

    /// Parses a list code.
    pub fn parse(code: &str) -> Option<IndicatorList> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The list for a person: a child (under 18 when exploited) or an adult, exploited
    /// sexually or for labour. Mixed cases are screened with each list in turn.
    pub fn for_case(child: bool, sexual: bool) -> Self {
        match (child, sexual) {
            (false, false) => IndicatorList::AdultLabour,
            (false, true) => IndicatorList::AdultSexual,
            (true, false) => IndicatorList::ChildLabour,
            (true, true) => IndicatorList::ChildSexual,
        }
    }

    /// Whether the list is for children, for whom the means of trafficking are not required.
    pub fn is_child(self) -> bool {
        matches!(
            self,
            IndicatorList::ChildLabour | IndicatorList::ChildSexual
        )
    }

    /// Prefix of the indicator codes of this list.
    fn prefix(self) -> &'static str {
        match self {
            IndicatorList::AdultLabour => "AL",
            IndicatorList::AdultSexual => "AS",
            IndicatorList::ChildLabour => "CL",
            IndicatorList::ChildSexual => "CS",
        }
    }

    fn index(self) -> usize {
        match self {
            IndicatorList::AdultLabour => 0,
            IndicatorList::AdultSexual => 1,
            IndicatorList::ChildLabour => 2,
            IndicatorList::ChildSexual => 3,
        }
    }
}

/// One of the six dimensions of the trafficking definition the indicators are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// (1) Deceptive recruitment, including transfer and transport.
    DeceptiveRecruitment,
    /// (2) Coercive recruitment, including transfer and transport.
    CoerciveRecruitment,
    /// (3) Recruitment by abuse of vulnerability.
    RecruitmentAbuseOfVulnerability,
    /// (4) Exploitative conditions of work (for sexual exploitation: exploitative conditions).
    Exploitation,
    /// (5) Coercion at destination.
    CoercionAtDestination,
    /// (6) Abuse of vulnerability at destination.
    AbuseOfVulnerabilityAtDestination,
}

impl Dimension {
    /// Every dimension, in the publication's order.
    pub const ALL: [Dimension; 6] = [
        Dimension::DeceptiveRecruitment,
        Dimension::CoerciveRecruitment,
        Dimension::RecruitmentAbuseOfVulnerability,
        Dimension::Exploitation,
        Dimension::CoercionAtDestination,
        Dimension::AbuseOfVulnerabilityAtDestination,
    ];

    /// Stable code, as in the data file and the API.
    pub fn code(self) -> &'static str {
        match self {
            Dimension::DeceptiveRecruitment => "deceptive_recruitment",
            Dimension::CoerciveRecruitment => "coercive_recruitment",
            Dimension::RecruitmentAbuseOfVulnerability => "recruitment_abuse_of_vulnerability",
            Dimension::Exploitation => "exploitation",
            Dimension::CoercionAtDestination => "coercion_at_destination",
            Dimension::AbuseOfVulnerabilityAtDestination => "abuse_of_vulnerability_at_destination",
        }
    }

    /// Parses a dimension code.
    pub fn parse(code: &str) -> Option<Dimension> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The element of the definition this dimension proves.
    pub fn element(self) -> Element {
        match self {
            Dimension::DeceptiveRecruitment
            | Dimension::CoerciveRecruitment
            | Dimension::RecruitmentAbuseOfVulnerability => Element::Recruitment,
            Dimension::Exploitation => Element::Exploitation,
            Dimension::CoercionAtDestination | Dimension::AbuseOfVulnerabilityAtDestination => {
                Element::Coercion
            }
        }
    }

    /// Middle part of the indicator codes of this dimension.
    fn abbreviation(self) -> &'static str {
        match self {
            Dimension::DeceptiveRecruitment => "DR",
            Dimension::CoerciveRecruitment => "CR",
            Dimension::RecruitmentAbuseOfVulnerability => "VR",
            Dimension::Exploitation => "EX",
            Dimension::CoercionAtDestination => "CD",
            Dimension::AbuseOfVulnerabilityAtDestination => "VD",
        }
    }
}

/// How much an indicator weighs in the publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    /// Strong indicator.
    Strong,
    /// Medium indicator.
    Medium,
    /// Weak indicator.
    Weak,
}

impl Weight {
    /// Every weight, strongest first.
    pub const ALL: [Weight; 3] = [Weight::Strong, Weight::Medium, Weight::Weak];

    /// Stable code, as in the data file and the API.
    pub fn code(self) -> &'static str {
        match self {
            Weight::Strong => "strong",
            Weight::Medium => "medium",
            Weight::Weak => "weak",
        }
    }

    /// Parses a weight code.
    pub fn parse(code: &str) -> Option<Weight> {
        Self::ALL.into_iter().find(|w| w.code() == code)
    }

    /// Letter of the indicator codes of this weight.
    fn letter(self) -> &'static str {
        match self {
            Weight::Strong => "S",
            Weight::Medium => "M",
            Weight::Weak => "W",
        }
    }
}

/// One indicator of one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Stable code, e.g. `AL-DR-S1`.
    pub code: &'static str,
    /// The list it belongs to.
    pub list: IndicatorList,
    /// The dimension it belongs to.
    pub dimension: Dimension,
    /// Its weight.
    pub weight: Weight,
    /// Russian label.
    pub ru: &'static str,
    /// Belarusian label.
    pub be: &'static str,
    /// English label, as worded in the publication.
    pub en: &'static str,
}

impl Indicator {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.ru,
            Lang::Be => self.be,
            Lang::En => self.en,
        }
    }
}

const TABLE: &str = include_str!("../data/ilo-indicators.tsv");
const HEADER: &str = "list\tdimension\tweight\tcode\tru\tbe\ten";

struct Catalog {
    lists: [Vec<Indicator>; 4],
    malformed: Vec<usize>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| parse_table(TABLE))
}

/// Reads the table; a row that cannot be read is skipped and its line number recorded, so a
/// mistake in the data shows in [`malformed_rows`] and fails a test instead of a request.
fn parse_table(table: &'static str) -> Catalog {
    let mut catalog = Catalog {
        lists: Default::default(),
        malformed: Vec::new(),
    };
    let mut seen = HashSet::new();
    for (number, line) in table.lines().enumerate().map(|(i, l)| (i + 1, l)) {
        if number == 1 {
            if line != HEADER {
                catalog.malformed.push(number);
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        match parse_row(line) {
            Some(indicator) if seen.insert(indicator.code) => {
                catalog.lists[indicator.list.index()].push(indicator);
            }
            _ => catalog.malformed.push(number),
        }
    }
    catalog
}

fn parse_row(line: &'static str) -> Option<Indicator> {
    let mut fields = line.split('\t');
    let mut next = || fields.next();
    let (list, dimension, weight) = (next()?, next()?, next()?);
    let (code, ru, be, en) = (next()?, next()?, next()?, next()?);
    if fields.next().is_some() {
        return None;
    }
    let list = IndicatorList::parse(list)?;
    let dimension = Dimension::parse(dimension)?;
    let weight = Weight::parse(weight)?;
    // The code must say what the columns say, so that a code alone names list, dimension and
    // weight in exports.
    let number = code.strip_prefix(&format!(
        "{}-{}-{}",
        list.prefix(),
        dimension.abbreviation(),
        weight.letter()
    ))?;
    if number.is_empty() || number.starts_with('0') || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let label_ok = |s: &str| !s.is_empty() && s.trim() == s && !s.chars().any(char::is_control);
    if !(label_ok(ru) && label_ok(be) && label_ok(en)) {
        return None;
    }
    Some(Indicator {
        code,
        list,
        dimension,
        weight,
        ru,
        be,
        en,
    })
}

/// The indicators of one list, by dimension and weight in the publication's order.
pub fn indicators(list: IndicatorList) -> &'static [Indicator] {
    &catalog().lists[list.index()]
}

/// The indicator with this code, in any list.
pub fn indicator(code: &str) -> Option<&'static Indicator> {
    catalog()
        .lists
        .iter()
        .flatten()
        .find(|indicator| indicator.code == code)
}

/// Line numbers of the embedded table that could not be read; empty in a correct build.
/// The application may log them at start-up.
pub fn malformed_rows() -> &'static [usize] {
    &catalog().malformed
}

/// Which of the publication's combinations makes a dimension present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PresenceRule {
    /// At least two strong indicators.
    TwoStrong,
    /// One strong indicator and at least one medium or weak.
    StrongAndOther,
    /// At least three medium indicators.
    ThreeMedium,
    /// Two medium indicators and at least one weak.
    TwoMediumOneWeak,
}

/// The rule by which a dimension with these counts of strong, medium and weak indicators is
/// present, or `None` when it is not. Rules are tried in the order of [`PresenceRule`].
pub fn presence(strong: usize, medium: usize, weak: usize) -> Option<PresenceRule> {
    if strong >= 2 {
        Some(PresenceRule::TwoStrong)
    } else if strong == 1 && medium + weak >= 1 {
        Some(PresenceRule::StrongAndOther)
    } else if medium >= 3 {
        Some(PresenceRule::ThreeMedium)
    } else if medium == 2 && weak >= 1 {
        Some(PresenceRule::TwoMediumOneWeak)
    } else {
        None
    }
}

/// An element of the trafficking definition, proved by one or more dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// The act with its means at recruitment: dimensions 1–3.
    Recruitment,
    /// The purpose, exploitation: dimension 4.
    Exploitation,
    /// Coercion or abuse of vulnerability at destination: dimensions 5–6.
    Coercion,
}

impl Element {
    /// Every element, in the order of the definition.
    pub const ALL: [Element; 3] = [
        Element::Recruitment,
        Element::Exploitation,
        Element::Coercion,
    ];

    /// Whether a conclusion of "likely victim" needs this element on `list`: coercion is not
    /// needed for children.
    pub fn required(self, list: IndicatorList) -> bool {
        !(self == Element::Coercion && list.is_child())
    }
}

/// What the indicators say about one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DimensionFinding {
    /// The dimension.
    pub dimension: Dimension,
    /// Strong indicators found.
    pub strong: usize,
    /// Medium indicators found.
    pub medium: usize,
    /// Weak indicators found.
    pub weak: usize,
    /// The codes of the indicators found, in the list's order.
    pub indicators: Vec<&'static str>,
    /// The rule that makes the dimension present, if one does.
    pub rule: Option<PresenceRule>,
    /// Whether the dimension is present.
    pub present: bool,
}

/// The advisory conclusion of a screening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    /// Every element the definition needs is present.
    LikelyVictim,
    /// Some dimensions are present, not every element.
    PossibleVictim,
    /// No dimension is present.
    NoIndication,
}

/// One step of the reasoning, as data the interface phrases in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// A dimension is present by `rule`, with these counts.
    DimensionPresent {
        /// The dimension.
        dimension: Dimension,
        /// The rule met.
        rule: PresenceRule,
        /// Strong indicators found.
        strong: usize,
        /// Medium indicators found.
        medium: usize,
        /// Weak indicators found.
        weak: usize,
    },
    /// A dimension is absent: its indicators, if any, meet no rule.
    DimensionAbsent {
        /// The dimension.
        dimension: Dimension,
        /// Strong indicators found.
        strong: usize,
        /// Medium indicators found.
        medium: usize,
        /// Weak indicators found.
        weak: usize,
    },
    /// An element is present through these dimensions.
    ElementPresent {
        /// The element.
        element: Element,
        /// The present dimensions that prove it.
        dimensions: Vec<Dimension>,
    },
    /// An element the conclusion needs is absent.
    ElementMissing {
        /// The element.
        element: Element,
    },
    /// The person is a child: the means of trafficking are not required, so coercion at
    /// destination does not decide the conclusion.
    ChildMeansNotRequired,
}

/// The advisory result of screening one person against one list; never a legal status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// The list used.
    pub list: IndicatorList,
    /// One finding per dimension, in the publication's order.
    pub dimensions: Vec<DimensionFinding>,
    /// The conclusion.
    pub conclusion: Conclusion,
    /// Why: per dimension, per element, then remarks.
    pub reasons: Vec<Reason>,
}

impl Assessment {
    /// The finding for `dimension`.
    pub fn finding(&self, dimension: Dimension) -> Option<&DimensionFinding> {
        self.dimensions.iter().find(|f| f.dimension == dimension)
    }
}

/// Screens a person with `list`, given the codes of the indicators found. A code repeated
/// counts once; a code that is not an indicator of `list` is refused (field `indicators`,
/// rule `unknown_code`, parameter `code`), every such code at once.
pub fn assess<S: AsRef<str>>(
    list: IndicatorList,
    present: &[S],
) -> Result<Assessment, FieldErrors> {
    let known = indicators(list);
    let mut errors = FieldErrors::default();
    let mut found = BTreeSet::new();
    for code in present {
        let code = code.as_ref();
        if known.iter().any(|i| i.code == code) {
            found.insert(code);
        } else {
            errors.push(FieldError::unknown_code("indicators").with("code", code));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let dimensions: Vec<DimensionFinding> = Dimension::ALL
        .into_iter()
        .map(|dimension| {
            let hits: Vec<&Indicator> = known
                .iter()
                .filter(|i| i.dimension == dimension && found.contains(i.code))
                .collect();
            let count = |w: Weight| hits.iter().filter(|i| i.weight == w).count();
            let (strong, medium, weak) = (
                count(Weight::Strong),
                count(Weight::Medium),
                count(Weight::Weak),
            );
            let rule = presence(strong, medium, weak);
            DimensionFinding {
                dimension,
                strong,
                medium,
                weak,
                indicators: hits.iter().map(|i| i.code).collect(),
                rule,
                present: rule.is_some(),
            }
        })
        .collect();

    let mut reasons: Vec<Reason> = dimensions
        .iter()
        .map(|f| match f.rule {
            Some(rule) => Reason::DimensionPresent {
                dimension: f.dimension,
                rule,
                strong: f.strong,
                medium: f.medium,
                weak: f.weak,
            },
            None => Reason::DimensionAbsent {
                dimension: f.dimension,
                strong: f.strong,
                medium: f.medium,
                weak: f.weak,
            },
        })
        .collect();

    let mut all_required = true;
    for element in Element::ALL {
        let proving: Vec<Dimension> = dimensions
            .iter()
            .filter(|f| f.present && f.dimension.element() == element)
            .map(|f| f.dimension)
            .collect();
        if !proving.is_empty() {
            reasons.push(Reason::ElementPresent {
                element,
                dimensions: proving,
            });
        } else if element.required(list) {
            all_required = false;
            reasons.push(Reason::ElementMissing { element });
        }
    }
    if list.is_child() {
        reasons.push(Reason::ChildMeansNotRequired);
    }

    let conclusion = if all_required {
        Conclusion::LikelyVictim
    } else if dimensions.iter().any(|f| f.present) {
        Conclusion::PossibleVictim
    } else {
        Conclusion::NoIndication
    };
    Ok(Assessment {
        list,
        dimensions,
        conclusion,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(list: IndicatorList, dimension: Dimension, weight: Weight) -> Vec<&'static str> {
        indicators(list)
            .iter()
            .filter(|i| i.dimension == dimension && i.weight == weight)
            .map(|i| i.code)
            .collect()
    }

    fn assessed(list: IndicatorList, present: &[&str]) -> Assessment {
        assess(list, present).expect("known codes")
    }

    #[test]
    fn the_table_has_no_malformed_rows() {
        assert_eq!(malformed_rows(), &[] as &[usize]);
    }

    #[test]
    fn the_parser_catches_bad_rows() {
        let table: &'static str = concat!(
            "list\tdimension\tweight\tcode\tru\tbe\ten\n",
            "adult_labour\texploitation\tstrong\tAL-EX-S1\tа\tб\tc\n",
            "adult_labour\texploitation\tstrong\tAL-EX-S1\tа\tб\tduplicate\n",
            "adult_labour\texploitation\tmedium\tAL-EX-S2\tа\tб\tcode disagrees\n",
            "adult_labour\texploitation\tweak\tAL-EX-W01\tа\tб\tleading zero\n",
            "adult_labour\tnowhere\tweak\tAL-EX-W1\tа\tб\tunknown dimension\n",
            "adult_labour\texploitation\tweak\tAL-EX-W2\t\tб\tempty label\n",
            "adult_labour\texploitation\tweak\tAL-EX-W3\tа\tб\n",
            "adult_labour\texploitation\tweak\tAL-EX-W4\tа\tб\tc\textra\n",
            "\n",
            "child_sexual\tcoercion_at_destination\tmedium\tCS-CD-M12\tа\tб\tc\n",
        );
        let catalog = parse_table(table);
        assert_eq!(catalog.malformed, vec![3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(catalog.lists[0].len(), 1);
        assert_eq!(catalog.lists[3][0].code, "CS-CD-M12");
        assert_eq!(parse_table("wrong header\n").malformed, vec![1]);
    }

    #[test]
    fn codes_are_unique_across_lists() {
        let all: Vec<&str> = IndicatorList::ALL
            .into_iter()
            .flat_map(|l| indicators(l).iter().map(|i| i.code))
            .collect();
        let unique: HashSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len());
        assert_eq!(
            indicator("CL-DR-S2").map(|i| i.list),
            Some(IndicatorList::ChildLabour)
        );
        assert_eq!(indicator("XX-DR-S1"), None);
    }

    #[test]
    fn list_sizes_match_the_publication() {
        let sizes: Vec<usize> = IndicatorList::ALL
            .into_iter()
            .map(|l| indicators(l).len())
            .collect();
        assert_eq!(sizes, [67, 67, 65, 65]);
    }

    #[test]
    fn every_list_has_six_dimensions_each_reachable() {
        for list in IndicatorList::ALL {
            for dimension in Dimension::ALL {
                let n = |w| codes(list, dimension, w).len();
                assert!(
                    presence(n(Weight::Strong), n(Weight::Medium), n(Weight::Weak)).is_some(),
                    "{} / {} cannot be present",
                    list.code(),
                    dimension.code()
                );
            }
        }
    }

    #[test]
    fn strong_indicators_sit_where_the_publication_puts_them() {
        // Abuse of vulnerability is never strong evidence on its own; exploitation in adult
        // sexual exploitation has no strong indicator either.
        for list in IndicatorList::ALL {
            let with_strong: Vec<Dimension> = Dimension::ALL
                .into_iter()
                .filter(|d| !codes(list, *d, Weight::Strong).is_empty())
                .collect();
            let mut expected = vec![
                Dimension::DeceptiveRecruitment,
                Dimension::CoerciveRecruitment,
                Dimension::Exploitation,
                Dimension::CoercionAtDestination,
            ];
            if list == IndicatorList::AdultSexual {
                expected.retain(|d| *d != Dimension::Exploitation);
            }
            assert_eq!(with_strong, expected, "{}", list.code());
        }
        assert_eq!(
            codes(
                IndicatorList::AdultLabour,
                Dimension::DeceptiveRecruitment,
                Weight::Strong
            ),
            ["AL-DR-S1"]
        );
        assert_eq!(
            indicator("AL-DR-S1").map(|i| i.en),
            Some("Deceived about the nature of the job, location, or employer")
        );
        assert_eq!(
            codes(
                IndicatorList::AdultLabour,
                Dimension::CoercionAtDestination,
                Weight::Strong
            )
            .len(),
            4
        );
    }

    #[test]
    fn labels_exist_in_three_languages() {
        let cyrillic = |s: &str| s.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я'));
        for list in IndicatorList::ALL {
            for i in indicators(list) {
                for lang in Lang::ALL {
                    assert!(!i.label(lang).trim().is_empty(), "{} {:?}", i.code, lang);
                }
                assert!(cyrillic(i.ru) && cyrillic(i.be), "{}", i.code);
                assert!(i.en.is_ascii(), "{}", i.code);
                assert_ne!(i.ru, i.be, "{}", i.code);
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for l in IndicatorList::ALL {
            assert_eq!(IndicatorList::parse(l.code()), Some(l));
        }
        for d in Dimension::ALL {
            assert_eq!(Dimension::parse(d.code()), Some(d));
        }
        for w in Weight::ALL {
            assert_eq!(Weight::parse(w.code()), Some(w));
        }
        assert_eq!(IndicatorList::parse("adult"), None);
        assert_eq!(
            IndicatorList::for_case(false, false),
            IndicatorList::AdultLabour
        );
        assert_eq!(
            IndicatorList::for_case(false, true),
            IndicatorList::AdultSexual
        );
        assert_eq!(
            IndicatorList::for_case(true, false),
            IndicatorList::ChildLabour
        );
        assert_eq!(
            IndicatorList::for_case(true, true),
            IndicatorList::ChildSexual
        );
    }

    #[test]
    fn combination_rules_at_their_edges() {
        use PresenceRule::*;
        assert_eq!(presence(0, 0, 0), None);
        assert_eq!(presence(1, 0, 0), None, "one strong alone is not enough");
        assert_eq!(presence(2, 0, 0), Some(TwoStrong));
        assert_eq!(
            presence(1, 0, 1),
            Some(StrongAndOther),
            "one strong and one weak"
        );
        assert_eq!(presence(1, 1, 0), Some(StrongAndOther));
        assert_eq!(presence(0, 3, 0), Some(ThreeMedium));
        assert_eq!(presence(0, 2, 0), None);
        assert_eq!(presence(0, 2, 1), Some(TwoMediumOneWeak));
        assert_eq!(presence(0, 1, 1), None);
        assert_eq!(presence(0, 1, 9), None, "one medium and any number of weak");
        assert_eq!(presence(0, 0, 2), None, "two weak");
        assert_eq!(presence(0, 0, 20), None, "weak alone never");
    }

    #[test]
    fn dimensions_follow_the_rules_with_real_codes() {
        let a = assessed(IndicatorList::AdultLabour, &["AL-DR-S1"]);
        assert!(!a.dimensions[0].present);
        assert_eq!(a.conclusion, Conclusion::NoIndication);

        let a = assessed(IndicatorList::AdultLabour, &["AL-DR-S1", "AL-DR-W1"]);
        let dr = a.finding(Dimension::DeceptiveRecruitment).cloned();
        assert_eq!(
            dr,
            Some(DimensionFinding {
                dimension: Dimension::DeceptiveRecruitment,
                strong: 1,
                medium: 0,
                weak: 1,
                indicators: vec!["AL-DR-S1", "AL-DR-W1"],
                rule: Some(PresenceRule::StrongAndOther),
                present: true,
            })
        );
        assert_eq!(a.conclusion, Conclusion::PossibleVictim);

        let vr = ["AL-VR-M1", "AL-VR-M2", "AL-VR-W1"];
        let a = assessed(IndicatorList::AdultLabour, &vr);
        assert!(a.dimensions[2].present, "two medium and one weak");
        let a = assessed(
            IndicatorList::AdultLabour,
            &["AL-VR-W1", "AL-VR-W2", "AL-VR-W3"],
        );
        assert!(!a.dimensions[2].present, "weak alone");
    }

    #[test]
    fn an_adult_needs_coercion_at_destination() {
        let act_and_purpose = ["AL-DR-S1", "AL-DR-M7", "AL-EX-S1", "AL-EX-M3"];
        let a = assessed(IndicatorList::AdultLabour, &act_and_purpose);
        assert_eq!(a.conclusion, Conclusion::PossibleVictim);
        assert!(a.reasons.contains(&Reason::ElementMissing {
            element: Element::Coercion
        }));

        let mut all = act_and_purpose.to_vec();
        all.extend(["AL-VD-M1", "AL-VD-M2", "AL-VD-M3"]);
        let a = assessed(IndicatorList::AdultLabour, &all);
        assert_eq!(a.conclusion, Conclusion::LikelyVictim);
        assert!(a.reasons.contains(&Reason::ElementPresent {
            element: Element::Coercion,
            dimensions: vec![Dimension::AbuseOfVulnerabilityAtDestination],
        }));
        assert!(a.reasons.contains(&Reason::DimensionPresent {
            dimension: Dimension::AbuseOfVulnerabilityAtDestination,
            rule: PresenceRule::ThreeMedium,
            strong: 0,
            medium: 3,
            weak: 0,
        }));
        assert!(a.reasons.contains(&Reason::DimensionAbsent {
            dimension: Dimension::CoercionAtDestination,
            strong: 0,
            medium: 0,
            weak: 0,
        }));
        assert!(!a.reasons.contains(&Reason::ChildMeansNotRequired));
    }

    #[test]
    fn a_child_needs_recruitment_and_exploitation_only() {
        let a = assessed(
            IndicatorList::ChildSexual,
            &["CS-DR-S1", "CS-DR-S2", "CS-EX-S1", "CS-EX-M1"],
        );
        assert_eq!(a.conclusion, Conclusion::LikelyVictim);
        assert!(a.reasons.contains(&Reason::ChildMeansNotRequired));
        assert!(
            !a.reasons
                .iter()
                .any(|r| matches!(r, Reason::ElementMissing { .. }))
        );

        let a = assessed(IndicatorList::ChildLabour, &["CL-CD-S1", "CL-CD-S2"]);
        assert_eq!(a.conclusion, Conclusion::PossibleVictim);
        assert!(a.reasons.contains(&Reason::ElementMissing {
            element: Element::Recruitment
        }));
    }

    #[test]
    fn unknown_and_foreign_codes_are_refused() {
        let err = assess(
            IndicatorList::AdultLabour,
            &["AL-DR-S1", "AS-DR-S1", "nonsense"],
        )
        .err()
        .unwrap_or_default();
        assert_eq!(err.0.len(), 2);
        assert!(
            err.0
                .iter()
                .all(|e| e.field == "indicators" && e.code == "unknown_code")
        );
        assert_eq!(err.0[0].params, vec![("code", "AS-DR-S1".to_owned())]);
        assert!(assess::<&str>(IndicatorList::AdultLabour, &[]).is_ok());
    }

    #[test]
    fn a_repeated_code_counts_once() {
        let a = assessed(IndicatorList::AdultLabour, &["AL-CD-S1", "AL-CD-S1"]);
        assert_eq!(a.dimensions[4].strong, 1);
        assert!(!a.dimensions[4].present);
        let owned = vec!["AL-CD-S1".to_owned(), "AL-CD-S2".to_owned()];
        assert!(assess(IndicatorList::AdultLabour, &owned).is_ok_and(|a| a.dimensions[4].present));
    }
}
