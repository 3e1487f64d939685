//! The CTDC shape: the 27 columns of the Counter Trafficking Data Collaborative's Global
//! Synthetic Data Codebook (v2024), the mapping of a Mayak case onto them, and a generator
//! of CTDC-shaped tables for benchmarks.

use crate::StatsError;
use crate::table::{Table, TableBuilder};
use mayak_domain::Random;
use std::collections::BTreeSet;

/// The codebook's columns, in its order.
pub const COLUMNS: [&str; 27] = [
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "citizenship",
    "CountryOfExploitation",
    "traffickMonths",
    "meansDebtBondageEarnings",
    "meansThreats",
    "meansAbusePsyPhySex",
    "meansFalsePromises",
    "meansDrugsAlcohol",
    "meansDenyBasicNeeds",
    "meansExcessiveWorkHours",
    "meansWithholdDocs",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "typeOfLabourAgriculture",
    "typeOfLabourConstruction",
    "typeOfLabourDomesticWork",
    "typeOfLabourHospitality",
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
];

/// The columns of a CTDC submission: the codebook's, with the data source and the majority
/// status that older releases carried.
pub const SUBMISSION_COLUMNS: [&str; 29] = [
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "CountryOfExploitation",
    "traffickMonths",
    "meansDebtBondageEarnings",
    "meansThreats",
    "meansAbusePsyPhySex",
    "meansFalsePromises",
    "meansDrugsAlcohol",
    "meansDenyBasicNeeds",
    "meansExcessiveWorkHours",
    "meansWithholdDocs",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "typeOfLabourAgriculture",
    "typeOfLabourConstruction",
    "typeOfLabourDomesticWork",
    "typeOfLabourHospitality",
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
];

/// What statistics need of one case, in Mayak's own codes (HTCDS lists).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// Year of registration.
    pub year: i32,
    /// `Male`, `Female`, `TransgenderNonConforming` or `Unknown`.
    pub sex: String,
    /// Mayak's age band code (`0-8` … `48+`), if known.
    pub age_band: Option<String>,
    /// Citizenship, ISO alpha-3.
    pub citizenship: Option<String>,
    /// Country of exploitation, ISO alpha-3.
    pub country_of_exploitation: Option<String>,
    /// Months between the start and the end of exploitation, if known.
    pub months: Option<u32>,
    /// Exploitation types.
    pub exploitation: BTreeSet<String>,
    /// Labour exploitation types.
    pub labour: BTreeSet<String>,
    /// Sexual exploitation types.
    pub sexual: BTreeSet<String>,
    /// Means of control.
    pub means: BTreeSet<String>,
    /// Recruiter relations.
    pub recruiter: BTreeSet<String>,
}

fn flag(on: bool) -> String {
    if on { "1".to_owned() } else { String::new() }
}

/// CTDC's age band (`0--8`) for Mayak's (`0-8`).
pub fn age_broad(band: &str) -> Option<String> {
    const BANDS: [&str; 9] = [
        "0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+",
    ];
    BANDS.contains(&band).then(|| band.replacen('-', "--", 1))
}

/// `Minor` or `Adult` from Mayak's age band.
pub fn majority(band: &str) -> Option<&'static str> {
    match band {
        "0-8" | "9-17" => Some("Minor"),
        "18-20" | "21-23" | "24-26" | "27-29" | "30-38" | "39-47" | "48+" => Some("Adult"),
        _ => None,
    }
}

impl CaseFacts {
    /// The case as the codebook's 27 values (empty = unknown or no).
    pub fn codebook_row(&self) -> Vec<String> {
        let any = |set: &BTreeSet<String>, codes: &[&str]| codes.iter().any(|c| set.contains(*c));
        let ex = &self.exploitation;
        let labour = any(ex, &["ForcedLabour", "SexAndLabour"]);
        let sexual = any(ex, &["SexualExploitation", "SexAndLabour"]);
        let other = ex.iter().any(|e| {
            !matches!(
                e.as_str(),
                "ForcedLabour" | "SexAndLabour" | "SexualExploitation"
            )
        });
        let gender = match self.sex.as_str() {
            "Male" => "Man",
            "Female" => "Woman",
            "TransgenderNonConforming" => "Trans/Transgender/NonConforming",
            _ => "",
        };
        let months = match self.months {
            Some(m) if m <= 12 => "0--12 (0-1 yr)",
            Some(m) if m <= 24 => "13--24 (1-2 yrs)",
            Some(_) => "25+ (2+ yrs)",
            None => "",
        };
        let m = &self.means;
        vec![
            self.year.to_string(),
            gender.to_owned(),
            self.age_band
                .as_deref()
                .and_then(age_broad)
                .unwrap_or_default(),
            self.citizenship.clone().unwrap_or_default(),
            self.country_of_exploitation.clone().unwrap_or_default(),
            months.to_owned(),
            flag(any(
                m,
                &["DebtBondage", "TakesEarnings", "RestrictsFinancialAccess"],
            )),
            flag(any(
                m,
                &["Threats", "ThreatOfLawEnforcement", "UsesChildren"],
            )),
            flag(any(
                m,
                &["PsychologicalAbuse", "PhysicalAbuse", "SexualAbuse"],
            )),
            flag(any(m, &["FalsePromises"])),
            flag(any(m, &["PsychoactiveSubstances"])),
            flag(any(m, &["WithholdsNecessities", "RestrictsMedicalCare"])),
            flag(any(m, &["ExcessiveWorkingHours"])),
            flag(any(m, &["WithholdsDocuments"])),
            flag(labour),
            flag(sexual),
            flag(other),
            flag(self.labour.contains("Agriculture")),
            flag(self.labour.contains("Construction")),
            flag(self.labour.contains("DomesticWork")),
            flag(self.labour.contains("Hospitality")),
            flag(self.sexual.contains("Prostitution")),
            flag(self.sexual.contains("Pornography")),
            flag(self.recruiter.contains("IntimatePartner")),
            flag(self.recruiter.contains("Friend")),
            flag(self.recruiter.contains("Family")),
            flag(self.recruiter.contains("Other")),
        ]
    }

    /// The case as a CTDC submission row ([`SUBMISSION_COLUMNS`]).
    pub fn submission_row(&self, datasource: &str) -> Vec<String> {
        let mut row = self.codebook_row();
        let majority = self
            .age_band
            .as_deref()
            .and_then(majority)
            .unwrap_or_default()
            .to_owned();
        row.insert(1, datasource.to_owned());
        row.insert(4, majority);
        row
    }
}

/// The codebook table of many cases. Rows are sorted, so the order of the records (which
/// follows registration) reveals nothing.
pub fn codebook_table(cases: &[CaseFacts]) -> Result<Table, StatsError> {
    let mut rows: Vec<Vec<String>> = cases.iter().map(CaseFacts::codebook_row).collect();
    rows.sort();
    let mut b = TableBuilder::new(COLUMNS.iter().map(|c| (*c).to_owned()).collect());
    for r in &rows {
        b.push(r)?;
    }
    Ok(b.finish())
}

/// The CTDC submission of many cases as CSV, rows sorted.
pub fn submission_csv(cases: &[CaseFacts], datasource: &str) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = cases.iter().map(|c| c.submission_row(datasource)).collect();
    rows.sort();
    let mut out = Vec::new();
    crate::table::write_csv_row(&mut out, &SUBMISSION_COLUMNS);
    for r in &rows {
        let fields: Vec<&str> = r.iter().map(String::as_str).collect();
        crate::table::write_csv_row(&mut out, &fields);
    }
    out
}

/// A CTDC-shaped table of `rows` fictional records with realistic dependence between columns
/// (exploitation type drives gender, age, means and sectors; citizenship drives the country of
/// exploitation), for benchmarks and comparisons with other tools.
pub fn generate(rows: usize, rng: &dyn Random) -> Result<Table, StatsError> {
    const ORIGINS: [&str; 40] = [
        "BLR", "UKR", "PHL", "IDN", "MDA", "KHM", "VNM", "MMR", "NPL", "BGD", "IND", "NGA", "GHA",
        "ETH", "KEN", "UGA", "HTI", "COL", "VEN", "MEX", "HND", "GTM", "ROU", "BGR", "ALB", "KGZ",
        "UZB", "TJK", "RUS", "CHN", "THA", "LAO", "PAK", "AFG", "LKA", "ERI", "SDN", "CMR", "SEN",
        "MLI",
    ];
    const DESTINATIONS: [&str; 16] = [
        "RUS", "POL", "USA", "ARE", "SAU", "TUR", "DEU", "MYS", "THA", "ITA", "GBR", "KWT", "QAT",
        "LTU", "CZE", "ESP",
    ];
    const AGES: [&str; 9] = [
        "0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+",
    ];
    let mut b = TableBuilder::new(COLUMNS.iter().map(|c| (*c).to_owned()).collect());
    let p = |pct: u64| rng.below(100) < pct;
    let zipf = |n: usize| -> usize {
        // P(i) ∝ 1/(i+1): pick by inverse over the harmonic weights, cheaply.
        let mut u = rng.below(1 << 20) as f64 / (1 << 20) as f64;
        let h: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
        u *= h;
        for i in 0..n {
            u -= 1.0 / (i + 1) as f64;
            if u <= 0.0 {
                return i;
            }
        }
        n - 1
    };
    let mut row: Vec<String> = vec![String::new(); COLUMNS.len()];
    for _ in 0..rows {
        for v in row.iter_mut() {
            v.clear();
        }
        let kind = rng.below(100); // <55 labour, <90 sexual, else other
        let (labour, sexual, other) = (kind < 55, (55..90).contains(&kind), kind >= 90);
        row[0] = (2002 + rng.below(23)).to_string();
        row[1] = if p(6) {
            String::new()
        } else if sexual {
            if p(90) {
                "Woman"
            } else if p(80) {
                "Man"
            } else {
                "Trans/Transgender/NonConforming"
            }
            .to_owned()
        } else if p(62) {
            "Man".to_owned()
        } else {
            "Woman".to_owned()
        };
        row[2] = if p(8) {
            String::new()
        } else {
            let shift = if sexual { 0 } else { 2 };
            AGES[(rng.below(6) as usize + shift + rng.below(2) as usize).min(8)].to_owned()
        };
        let origin = zipf(ORIGINS.len());
        row[3] = if p(4) {
            String::new()
        } else {
            ORIGINS[origin].to_owned()
        };
        row[4] = if p(5) {
            String::new()
        } else if p(35) {
            ORIGINS[origin].to_owned()
        } else {
            DESTINATIONS[(zipf(DESTINATIONS.len()) + origin) % DESTINATIONS.len()].to_owned()
        };
        row[5] = match rng.below(10) {
            0..=4 => String::new(),
            5..=7 => "0--12 (0-1 yr)".to_owned(),
            8 => "13--24 (1-2 yrs)".to_owned(),
            _ => "25+ (2+ yrs)".to_owned(),
        };
        let means = [
            if labour { 45 } else { 25 },
            40,
            if sexual { 55 } else { 30 },
            50,
            if sexual { 20 } else { 5 },
            25,
            if labour { 40 } else { 15 },
            if labour { 35 } else { 20 },
        ];
        for (i, pct) in means.into_iter().enumerate() {
            row[6 + i] = flag(p(pct));
        }
        row[14] = flag(labour);
        row[15] = flag(sexual || (labour && p(5)));
        row[16] = flag(other);
        if labour {
            let sector = rng.below(5);
            for (i, v) in row[17..21].iter_mut().enumerate() {
                *v = flag(sector == i as u64 || p(3));
            }
        }
        if sexual {
            row[21] = flag(p(85));
            row[22] = flag(p(12));
        }
        let rel = rng.below(10);
        row[23] = flag(rel == 0 && (sexual || p(30)));
        row[24] = flag((1..4).contains(&rel));
        row[25] = flag(rel == 4);
        row[26] = flag(rel == 5 || rel == 6);
        b.push(&row)?;
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mayak_domain::SplitMix64;

    #[test]
    fn a_case_maps_onto_the_codebook() {
        let c = CaseFacts {
            year: 2025,
            sex: "Female".into(),
            age_band: Some("9-17".into()),
            citizenship: Some("BLR".into()),
            country_of_exploitation: Some("POL".into()),
            months: Some(14),
            exploitation: ["SexAndLabour".to_owned()].into(),
            labour: ["DomesticWork".to_owned()].into(),
            sexual: ["Prostitution".to_owned()].into(),
            means: ["TakesEarnings".to_owned(), "WithholdsDocuments".to_owned()].into(),
            recruiter: ["Friend".to_owned()].into(),
        };
        let row = c.codebook_row();
        let get = |name: &str| row[COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!(get("gender"), "Woman");
        assert_eq!(get("ageBroad"), "9--17");
        assert_eq!(get("traffickMonths"), "13--24 (1-2 yrs)");
        assert_eq!(get("meansDebtBondageEarnings"), "1");
        assert_eq!(get("meansThreats"), "");
        assert_eq!(get("meansWithholdDocs"), "1");
        assert_eq!(get("isForcedLabour"), "1");
        assert_eq!(get("isSexualExploit"), "1");
        assert_eq!(get("isOtherExploit"), "");
        assert_eq!(get("typeOfLabourDomesticWork"), "1");
        assert_eq!(get("recruiterRelationFriend"), "1");
        let sub = c.submission_row("Case Management");
        assert_eq!(sub.len(), SUBMISSION_COLUMNS.len());
        assert_eq!(sub[4], "Minor");
        assert_eq!(sub[1], "Case Management");
        assert_eq!(age_broad("48+").as_deref(), Some("48+"));
        assert_eq!(age_broad("nonsense"), None);
    }

    #[test]
    fn the_generator_is_seeded_and_ctdc_shaped() {
        let a = generate(500, &SplitMix64::new(1)).unwrap();
        let b = generate(500, &SplitMix64::new(1)).unwrap();
        assert_eq!(a.to_csv(), b.to_csv());
        assert_eq!(a.width(), 27);
        assert_eq!(a.rows(), 500);
        assert!(a.levels(3).len() > 20, "many citizenships");
    }
}
