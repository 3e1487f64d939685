//! Demo hotline: seven years of fictional consultations (about 27,000) with a topic mix like the
//! presentation's (passport and visa questions the largest; travel rules during the epidemic
//! in 2020–2021), a few recent consultations with their text, and online requests waiting in
//! the queue. The history is bulk-loaded in one transaction so a demo starts quickly.

use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::hotline::{self, Imported, NewConsultation};
use crate::hotline_public;
use crate::vault::Vault;
use mayak_domain::hotline::{CheckedConsultation, Outcome};
use mayak_domain::{Random, SplitMix64};
use time::{Duration, OffsetDateTime, UtcOffset};

/// Consultations per year of history (the current year is filled up to today).
pub const PER_YEAR: u64 = 4200;

/// Picks a value by weight.
fn weighted<T: Copy>(r: &SplitMix64, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut x = r.below(u64::from(total.max(1))) as u32;
    for (v, w) in items {
        if x < *w {
            return *v;
        }
        x -= *w;
    }
    items[0].0
}

fn topics_of(year: i32) -> Vec<(&'static str, u32)> {
    let epidemic = match year {
        2020 => 140,
        2021 => 90,
        2022 => 15,
        _ => 2,
    };
    vec![
        ("PassportAndVisa", 260),
        ("EmploymentAbroad", 190),
        ("TravelAndEmigrationRules", 120),
        ("WorkContract", 70),
        ("StudyAbroad", 55),
        ("IllegalEmploymentRisks", 55),
        ("MarriageWithForeigner", 35),
        ("Tourism", 45),
        ("CostOfLivingAbroad", 30),
        ("EmbassyAndNgoContacts", 40),
        ("ForeignerInBelarus", 25),
        ("MissingPersonSearch", 6),
        ("Crisis", 12),
        ("EpidemicTravelRules", epidemic),
        ("Other", 20),
    ]
}

const CHANNELS: &[(&str, u32)] = &[
    ("NationalLine", 44),
    ("InternationalLine", 14),
    ("ShortNumber", 16),
    ("OnlineForm", 12),
    ("Viber", 11),
    ("Email", 3),
];
const SEXES: &[(Option<&str>, u32)] = &[
    (Some("Female"), 520),
    (Some("Male"), 430),
    (Some("Unknown"), 30),
    (None, 20),
];
const AGES: &[(Option<&str>, u32)] = &[
    (Some("9-17"), 20),
    (Some("18-20"), 90),
    (Some("21-23"), 120),
    (Some("24-26"), 120),
    (Some("27-29"), 110),
    (Some("30-38"), 230),
    (Some("39-47"), 160),
    (Some("48+"), 90),
    (None, 60),
];
const REGIONS: &[(Option<&str>, u32)] = &[
    (Some("BY-BR"), 300),
    (Some("BY-HM"), 200),
    (Some("BY-MI"), 100),
    (Some("BY-HO"), 100),
    (Some("BY-HR"), 110),
    (Some("BY-VI"), 80),
    (Some("BY-MA"), 70),
    (None, 40),
];
const DESTINATIONS: &[(Option<&str>, u32)] = &[
    (Some("PL"), 230),
    (Some("LT"), 90),
    (Some("DE"), 90),
    (Some("RU"), 120),
    (Some("CZ"), 50),
    (Some("IT"), 35),
    (Some("US"), 40),
    (Some("TR"), 30),
    (Some("AE"), 25),
    (Some("IL"), 25),
    (Some("GB"), 20),
    (Some("NL"), 20),
    (Some("ES"), 15),
    (Some("CN"), 10),
    (None, 200),
];
const CALLERS: &[(Option<&str>, u32)] = &[
    (Some("Self"), 80),
    (Some("Relative"), 12),
    (Some("Friend"), 5),
    (Some("Professional"), 2),
    (Some("Other"), 1),
];
const OUTCOMES: &[(Outcome, u32)] = &[
    (Outcome::InformationGiven, 940),
    (Outcome::ReferredToPartner, 50),
    (Outcome::PoliceInformed, 10),
];

/// A recent consultation: channel, topics, destination, question, answer.
type Recent = (
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
    &'static str,
    &'static str,
);

/// Recent consultations shown with their text.
const RECENT: &[Recent] = &[
    (
        "NationalLine",
        &["EmploymentAbroad", "WorkContract"],
        Some("PL"),
        "Предлагают работу на складе в Польше через знакомого, договор обещают подписать на месте. (демо)",
        "Объяснили, что договор нужно получить до выезда на понятном языке; дали список лицензированных агентств и контакты консульства. (демо)",
    ),
    (
        "Viber",
        &["PassportAndVisa"],
        Some("LT"),
        "Сколько оформляется национальная виза в Литву для работы? (демо)",
        "Рассказали о порядке подачи документов и сроках рассмотрения; предупредили о посредниках, берущих плату за запись. (демо)",
    ),
    (
        "ShortNumber",
        &["Crisis", "EmploymentAbroad"],
        Some("RU"),
        "Сестра уехала на заработки, работодатель забрал паспорт и не платит. (демо)",
        "Дали контакты посольства и партнёрской НКО, объяснили, как связаться с милицией; предложили открыть случай с согласия сестры. (демо)",
    ),
    (
        "OnlineForm",
        &["StudyAbroad"],
        Some("DE"),
        "Как проверить, что языковая школа в Германии настоящая? (демо)",
        "Подсказали, где проверить аккредитацию и как выглядят типичные признаки мошенничества. (демо)",
    ),
];

/// Loads the demo hotline for the demo consultant `hotline`.
pub async fn load(
    store: &Store,
    vault: &Vault,
    rng: &dyn Random,
    now: OffsetDateTime,
) -> Result<()> {
    let consultant: Option<(i64, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, organisation_id FROM app_user WHERE login = 'hotline'")
            .fetch_optional(p)
            .await?
    });
    let (consultant_id, organisation_id) = consultant
        .ok_or_else(|| StoreError::EmbeddedData("the demo has no hotline consultant".into()))?;
    let offset = UtcOffset::from_hms(3, 0, 0).unwrap_or(UtcOffset::UTC);
    let r = SplitMix64::new(0x0068_6f74_6c69_6e65);
    let mut rows = Vec::new();
    let last = now.to_offset(offset);
    for year in (last.year() - 6)..=last.year() {
        let Ok(start) = time::Date::from_calendar_date(year, time::Month::January, 1) else {
            continue;
        };
        let days = if year == last.year() {
            i64::from(last.ordinal()) - 1
        } else {
            365
        };
        if days <= 0 {
            continue;
        }
        let n = PER_YEAR * days as u64 / 365 + r.below(300);
        let topics = topics_of(year);
        for _ in 0..n {
            let day = start + Duration::days(r.below(days as u64) as i64);
            let minute = 8 * 60 + r.below(12 * 60) as i64;
            let started_at = day.midnight().assume_offset(offset) + Duration::minutes(minute);
            if started_at >= now {
                continue;
            }
            let first = weighted(&r, &topics);
            let mut t = vec![first];
            let extra = match r.below(100) {
                0..=69 => 0,
                70..=94 => 1,
                _ => 2,
            };
            for _ in 0..extra {
                let x = weighted(&r, &topics);
                if !t.contains(&x) {
                    t.push(x);
                }
            }
            let crisis = t.contains(&"Crisis");
            rows.push(Imported {
                channel: weighted(&r, CHANNELS),
                started_at: started_at.to_offset(UtcOffset::UTC),
                duration_minutes: 2 + r.below(if crisis { 40 } else { 14 }) as i32,
                topics: t,
                destination: weighted(&r, DESTINATIONS),
                sex: weighted(&r, SEXES),
                age_band: weighted(&r, AGES),
                region: weighted(&r, REGIONS),
                caller_type: weighted(&r, CALLERS),
                outcome: if crisis && r.below(3) == 0 {
                    Outcome::ReferredToPartner
                } else {
                    weighted(&r, OUTCOMES)
                },
            });
        }
    }
    rows.sort_by_key(|x| x.started_at);
    hotline::import(store, &rows, consultant_id, organisation_id, offset, now).await?;

    let mut tx = store.begin().await?;
    for (i, (channel, topics, destination, question, answer)) in RECENT.iter().enumerate() {
        let new = NewConsultation {
            checked: CheckedConsultation {
                channel: (*channel).to_owned(),
                started_at: now - Duration::hours(2 + 3 * i as i64),
                duration_minutes: Some(6 + i as i32 * 3),
                topics: topics.iter().map(|t| (*t).to_owned()).collect(),
                outcome: if topics.contains(&"Crisis") {
                    Outcome::ReferredToPartner
                } else {
                    Outcome::InformationGiven
                },
                referred_to: topics.contains(&"Crisis").then_some(organisation_id),
                question: (*question).to_owned(),
                answer: (*answer).to_owned(),
                caller_contact: None,
            },
            destination: destination.map(str::to_owned),
            sex: Some(if i % 2 == 0 { "Female" } else { "Male" }.to_owned()),
            age_band: Some("24-26".to_owned()),
            region: Some("BY-BR".to_owned()),
            caller_type: Some(
                if topics.contains(&"Crisis") {
                    "Relative"
                } else {
                    "Self"
                }
                .to_owned(),
            ),
            indicators: Vec::new(),
            consultant_id,
            organisation_id,
        };
        hotline::create_in(&mut tx, vault, rng, &new, offset, now).await?;
    }
    tx.commit().await?;

    // Online requests waiting: one from last night (after hours), two from today.
    for (i, (hours_ago, question)) in [
        (14, "Мне предлагают работу няней в Италии, просят оплатить визу заранее. Это нормально? (демо)"),
        (3, "Как узнать, есть ли у агентства лицензия на трудоустройство за границей? (демо)"),
        (1, "Can I travel to Poland with a Belarusian passport for a job interview? (demo)"),
    ]
    .iter()
    .enumerate()
    {
        let at = now - Duration::hours(*hours_ago);
        // Nobody knows these tickets: the demo requests wait for an answer in the queue.
        let ticket = mayak_domain::hotline::new_ticket(rng);
        hotline_public::submit(
            store,
            vault,
            rng,
            &mayak_domain::hotline::ticket_digest(&ticket),
            if i == 2 { "en" } else { "ru" },
            Some(if i == 2 { "PassportAndVisa" } else { "EmploymentAbroad" }),
            question,
            !mayak_domain::hotline::WorkingHours::default().is_open(at),
            at,
        )
        .await?;
    }
    load_checks(store, now).await
}

/// Demo entries of the licence register and the destination contacts. Every one is
/// fictional and says so: names marked "(демо)", licence numbers `DEMO-…`, phones of the
/// reserved +000 prefix and addresses under example.org.
async fn load_checks(store: &Store, now: OffsetDateTime) -> Result<()> {
    use mayak_domain::hotline_checks::{CheckedAgency, CheckedContact, ContactKind, LicenceStatus};
    let operator = crate::audit::AuditEvent {
        login: Some("operator (demo loader)".to_owned()),
        roles: "operator".to_owned(),
        outcome: "ok".to_owned(),
        instance: "demo".to_owned(),
        ..Default::default()
    };
    let today = now
        .to_offset(UtcOffset::from_hms(3, 0, 0).unwrap_or(UtcOffset::UTC))
        .date();
    let years = |n: i64| today + Duration::days(365 * n);
    let agencies = [
        (
            "ООО «Демо-Кадры Восток» (демо)",
            "DEMO-0001",
            years(-2),
            Some(years(3)),
            LicenceStatus::Valid,
            "Минск",
            "PL,LT,CZ",
        ),
        (
            "ЧУП «Учебный Рекрутинг» (демо)",
            "DEMO-0002",
            years(-6),
            Some(years(-1)),
            LicenceStatus::Valid,
            "Брест",
            "PL,DE",
        ),
        (
            "ООО «Пример Тревел-Работа» (демо)",
            "DEMO-0003",
            years(-3),
            Some(years(2)),
            LicenceStatus::Revoked,
            "Гомель",
            "RU,AE",
        ),
        (
            "ОДО «Тестовый Персонал» (демо)",
            "DEMO-0004",
            years(-1),
            None,
            LicenceStatus::Suspended,
            "Гродно",
            "LT,LV",
        ),
        (
            "ООО «Фиктивные Вакансии» (демо)",
            "DEMO-0005",
            years(-1),
            Some(years(4)),
            LicenceStatus::Valid,
            "Витебск",
            "DE,NL,IT",
        ),
    ];
    for (name, licence, from, until, status, city, countries) in agencies {
        let a = CheckedAgency {
            name: name.to_owned(),
            licence_number: licence.to_owned(),
            valid_from: from,
            valid_until: until,
            status,
            city: city.to_owned(),
            countries: countries.split(',').map(str::to_owned).collect(),
        };
        crate::hotline_checks::create_agency(store, &a, &operator, now).await?;
    }
    let contacts = [
        (
            "PL",
            ContactKind::Embassy,
            "Посольство Республики Беларусь (демо-запись)",
            "Варшава",
            "+000 22 000 00 01",
            "embassy-pl@example.org",
        ),
        (
            "PL",
            ContactKind::Consulate,
            "Генеральное консульство (демо-запись)",
            "Белосток",
            "+000 85 000 00 02",
            "consulate-pl@example.org",
        ),
        (
            "PL",
            ContactKind::Ngo,
            "Демо-фонд помощи мигрантам (демо-запись)",
            "Варшава",
            "+000 22 000 00 03",
            "help-pl@example.org",
        ),
        (
            "LT",
            ContactKind::Embassy,
            "Посольство Республики Беларусь (демо-запись)",
            "Вильнюс",
            "+000 5 000 00 04",
            "embassy-lt@example.org",
        ),
        (
            "LT",
            ContactKind::Hotline,
            "Демо-линия против торговли людьми (демо-запись)",
            "Вильнюс",
            "+000 800 000 05",
            "line-lt@example.org",
        ),
        (
            "DE",
            ContactKind::Embassy,
            "Посольство Республики Беларусь (демо-запись)",
            "Берлин",
            "+000 30 000 00 06",
            "embassy-de@example.org",
        ),
        (
            "DE",
            ContactKind::Ngo,
            "Demo-Beratungsstelle (демо-запись)",
            "Берлин",
            "+000 30 000 00 07",
            "help-de@example.org",
        ),
        (
            "RU",
            ContactKind::Embassy,
            "Посольство Республики Беларусь (демо-запись)",
            "Москва",
            "+000 495 000 00 08",
            "embassy-ru@example.org",
        ),
    ];
    for (country, kind, name, city, phone, email) in contacts {
        let c = CheckedContact {
            country: country.to_owned(),
            kind,
            name: name.to_owned(),
            city: city.to_owned(),
            address: String::new(),
            phone: phone.to_owned(),
            email: email.to_owned(),
            website: "https://example.org/".to_owned(),
            hours: "Пн–Пт 9:00–17:00".to_owned(),
            notes: "Демонстрационная запись: не звоните по этому номеру.".to_owned(),
        };
        crate::hotline_checks::create_contact(store, &c, &operator, now).await?;
    }
    Ok(())
}
