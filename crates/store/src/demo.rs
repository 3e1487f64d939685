//! The demo dataset: plainly fictional people and organisations on the real map of Belarus, so
//! that every screen shows something real from the first start. Each module adds its records
//! here as it lands.

use crate::db::Store;
use crate::error::Result;
use crate::orgs::{self, NewOrganisation, NewUser};
use crate::vault::Vault;
use mayak_domain::person::{Document, Identity};
use mayak_domain::{Random, Role, SplitMix64, password};
use time::OffsetDateTime;

/// Metadata key marking a database that holds the demo dataset.
pub const DEMO_MARK: &str = "demo_dataset";

/// What loading the demo produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoOutcome {
    /// The dataset was loaded now; these are the logins and the password they share.
    Loaded {
        /// Demo logins, one per role.
        logins: Vec<&'static str>,
        /// The password every demo user was given.
        password: String,
    },
    /// The demo dataset was already there; if a password was supplied it was reset.
    AlreadyLoaded {
        /// Demo logins.
        logins: Vec<&'static str>,
        /// True when every demo user's password was set to the supplied one.
        password_reset: bool,
    },
    /// The database holds other data; the demo was not loaded into it.
    NotEmpty,
}

/// Demo users: login, role, display name, organisation slug.
pub const DEMO_USERS: &[(&str, Role, &str, &str)] = &[
    ("admin", Role::Admin, "Алесь Админов (демо)", "iom-belarus"),
    (
        "supervisor",
        Role::Supervisor,
        "Вера Наблюдаева (демо)",
        "iom-belarus",
    ),
    (
        "hotline",
        Role::HotlineConsultant,
        "Ольга Звонарёва (демо)",
        "ngo-brest-safe-way",
    ),
    (
        "casemanager",
        Role::CaseManager,
        "Марина Опекунова (демо)",
        "ngo-minsk-right-to-future",
    ),
    (
        "rehab",
        Role::RehabilitationStaff,
        "Ирина Заботина (демо)",
        "iom-rehabilitation-centre",
    ),
    (
        "mdg",
        Role::MdgMember,
        "Сергей Группов (демо)",
        "police-BY-HO",
    ),
    (
        "partner",
        Role::PartnerCaseworker,
        "Наталья Партнёрова (демо)",
        "ngo-gomel-open-doors",
    ),
    (
        "trainer",
        Role::Trainer,
        "Павел Учителев (демо)",
        "training-centre",
    ),
    (
        "analyst",
        Role::Analyst,
        "Дмитрий Счётов (демо)",
        "iom-belarus",
    ),
    (
        "auditor",
        Role::Auditor,
        "Елена Проверкина (демо)",
        "iom-belarus",
    ),
    (
        "editor",
        Role::ContentEditor,
        "Янина Редакторова (демо)",
        "iom-belarus",
    ),
];

/// A region with the word forms its organisations' names need.
struct RegionForms {
    code: &'static str,
    /// Genitive adjective of the executive committee, Russian and Belarusian; English name.
    ru: &'static str,
    be: &'static str,
    en: &'static str,
    /// Place of the regional offices.
    place: &'static str,
    city: [&'static str; 3],
}

const REGIONS: &[RegionForms] = &[
    RegionForms {
        code: "BY-BR",
        ru: "Брестского областного",
        be: "Брэсцкага абласнога",
        en: "Brest Regional",
        place: "BR-BREST",
        city: ["Брест", "Брэст", "Brest"],
    },
    RegionForms {
        code: "BY-VI",
        ru: "Витебского областного",
        be: "Віцебскага абласнога",
        en: "Vitebsk Regional",
        place: "VI-VITEBSK",
        city: ["Витебск", "Віцебск", "Vitebsk"],
    },
    RegionForms {
        code: "BY-HO",
        ru: "Гомельского областного",
        be: "Гомельскага абласнога",
        en: "Gomel Regional",
        place: "HO-GOMEL",
        city: ["Гомель", "Гомель", "Gomel"],
    },
    RegionForms {
        code: "BY-HR",
        ru: "Гродненского областного",
        be: "Гродзенскага абласнога",
        en: "Grodno Regional",
        place: "HR-GRODNO",
        city: ["Гродно", "Гродна", "Grodno"],
    },
    RegionForms {
        code: "BY-MI",
        ru: "Минского областного",
        be: "Мінскага абласнога",
        en: "Minsk Regional",
        place: "MI-BORISOV",
        city: ["Борисов", "Барысаў", "Borisov"],
    },
    RegionForms {
        code: "BY-MA",
        ru: "Могилёвского областного",
        be: "Магілёўскага абласнога",
        en: "Mogilev Regional",
        place: "MA-MOGILEV",
        city: ["Могилёв", "Магілёў", "Mogilev"],
    },
    RegionForms {
        code: "BY-HM",
        ru: "Минского городского",
        be: "Мінскага гарадскога",
        en: "Minsk City",
        place: "HM-MINSK",
        city: ["Минск", "Мінск", "Minsk"],
    },
];

/// Fixed organisations: slug, names, type, region, place, may identify, NGO network.
type OrgRow = (
    &'static str,
    [&'static str; 3],
    &'static str,
    &'static str,
    &'static str,
    bool,
    bool,
);

const NATIONAL: &[OrgRow] = &[
    (
        "mvd",
        [
            "Министерство внутренних дел",
            "Міністэрства ўнутраных спраў",
            "Ministry of Internal Affairs",
        ],
        "LawEnforcement",
        "BY-HM",
        "HM-MINSK",
        true,
        false,
    ),
    (
        "mintrud",
        [
            "Министерство труда и социальной защиты",
            "Міністэрства працы і сацыяльнай абароны",
            "Ministry of Labour and Social Protection",
        ],
        "LabourAndSocialProtection",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "minobr",
        [
            "Министерство образования",
            "Міністэрства адукацыі",
            "Ministry of Education",
        ],
        "Education",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "minzdrav",
        [
            "Министерство здравоохранения",
            "Міністэрства аховы здароўя",
            "Ministry of Health",
        ],
        "HealthService",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "mid",
        [
            "Министерство иностранных дел",
            "Міністэрства замежных спраў",
            "Ministry of Foreign Affairs",
        ],
        "CentralGovernment",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "migration",
        [
            "Департамент по гражданству и миграции МВД",
            "Дэпартамент па грамадзянстве і міграцыі МУС",
            "Department of Citizenship and Migration",
        ],
        "ImmigrationService",
        "BY-HM",
        "HM-MINSK",
        true,
        false,
    ),
    (
        "prosecutor",
        [
            "Генеральная прокуратура",
            "Генеральная пракуратура",
            "Prosecutor General's Office",
        ],
        "LawEnforcement",
        "BY-HM",
        "HM-MINSK",
        true,
        false,
    ),
    (
        "consulate-warsaw",
        [
            "Консульство Республики Беларусь в Варшаве (демо)",
            "Консульства Рэспублікі Беларусь у Варшаве (дэма)",
            "Consulate of Belarus in Warsaw (demo)",
        ],
        "DiplomaticMission",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "legal-aid-minsk",
        [
            "Юридическая консультация №1 г. Минска (демо)",
            "Юрыдычная кансультацыя №1 г. Мінска (дэма)",
            "Minsk Legal Aid Office No. 1 (demo)",
        ],
        "LegalService",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "hospital-minsk",
        [
            "Городская клиническая больница №3 (демо)",
            "Гарадская клінічная бальніца №3 (дэма)",
            "City Clinical Hospital No. 3 (demo)",
        ],
        "HealthService",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "iom-belarus",
        [
            "Представительство МОМ в Беларуси",
            "Прадстаўніцтва МАМ у Беларусі",
            "IOM Mission in Belarus",
        ],
        "InternationalOrganisation",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "iom-rehabilitation-centre",
        [
            "Реабилитационный центр МОМ",
            "Рэабілітацыйны цэнтр МАМ",
            "IOM Rehabilitation Centre",
        ],
        "InternationalOrganisation",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
    (
        "training-centre",
        [
            "Международный учебный центр по миграции и противодействию торговле людьми",
            "Міжнародны навучальны цэнтр па міграцыі і процідзеянні гандлю людзьмі",
            "International Training Centre on Migration and Counter-Trafficking",
        ],
        "Education",
        "BY-HM",
        "HM-MINSK",
        false,
        false,
    ),
];

/// The NGO network: 15 fictional NGOs in 10 cities.
const NGOS: &[(&str, [&str; 3], &str, &str)] = &[
    (
        "ngo-minsk-right-to-future",
        [
            "ОО «Право на будущее»",
            "ГА «Права на будучыню»",
            "NGO Right to a Future",
        ],
        "BY-HM",
        "HM-MINSK",
    ),
    (
        "ngo-minsk-dawn",
        ["ОО «Рассвет»", "ГА «Світанак»", "NGO Dawn"],
        "BY-HM",
        "HM-MINSK",
    ),
    (
        "ngo-minsk-womens-initiative",
        [
            "ОО «Женская инициатива»",
            "ГА «Жаночая ініцыятыва»",
            "NGO Women's Initiative",
        ],
        "BY-HM",
        "HM-MINSK",
    ),
    (
        "ngo-brest-safe-way",
        [
            "ОО «Безопасный путь» (горячая линия)",
            "ГА «Бяспечны шлях» (гарачая лінія)",
            "NGO Safe Way (hotline)",
        ],
        "BY-BR",
        "BR-BREST",
    ),
    (
        "ngo-brest-shore",
        ["ОО «Берег»", "ГА «Бераг»", "NGO Shore"],
        "BY-BR",
        "BR-BREST",
    ),
    (
        "ngo-gomel-open-doors",
        [
            "ОО «Открытые двери»",
            "ГА «Адчыненыя дзверы»",
            "NGO Open Doors",
        ],
        "BY-HO",
        "HO-GOMEL",
    ),
    (
        "ngo-gomel-light-of-hope",
        [
            "ОО «Свет надежды»",
            "ГА «Святло надзеі»",
            "NGO Light of Hope",
        ],
        "BY-HO",
        "HO-GOMEL",
    ),
    (
        "ngo-vitebsk-support",
        ["ОО «Опора»", "ГА «Апора»", "NGO Support"],
        "BY-VI",
        "VI-VITEBSK",
    ),
    (
        "ngo-grodno-new-step",
        ["ОО «Новый шаг»", "ГА «Новы крок»", "NGO New Step"],
        "BY-HR",
        "HR-GRODNO",
    ),
    (
        "ngo-mogilev-trust",
        ["ОО «Доверие»", "ГА «Давер»", "NGO Trust"],
        "BY-MA",
        "MA-MOGILEV",
    ),
    (
        "ngo-mogilev-wings",
        ["ОО «Крылья»", "ГА «Крылы»", "NGO Wings"],
        "BY-MA",
        "MA-MOGILEV",
    ),
    (
        "ngo-pinsk-polesie",
        [
            "ОО «Полесская инициатива»",
            "ГА «Палеская ініцыятыва»",
            "NGO Polesie Initiative",
        ],
        "BY-BR",
        "BR-PINSK",
    ),
    (
        "ngo-bobruisk-riverside",
        [
            "ОО «Дом у реки»",
            "ГА «Дом каля ракі»",
            "NGO House by the River",
        ],
        "BY-MA",
        "MA-BOBRUISK",
    ),
    (
        "ngo-lida-peers",
        ["ОО «Ровесники»", "ГА «Равеснікі»", "NGO Peers"],
        "BY-HR",
        "HR-LIDA",
    ),
    (
        "ngo-molodechno-together",
        ["ОО «Вместе»", "ГА «Разам»", "NGO Together"],
        "BY-MI",
        "MI-MOLODECHNO",
    ),
];

/// Loads the demo dataset into an empty database. `password` (e.g. from `MAYAK_DEMO_PASSWORD`)
/// is given to every demo user; without it a random one is generated and returned once.
pub async fn load(
    store: &Store,
    vault: &Vault,
    now: OffsetDateTime,
    rng: &dyn Random,
    password: Option<&str>,
) -> Result<DemoOutcome> {
    match store.pool() {
        crate::db::Pool::Sqlite(_) => load_unlocked(store, vault, now, rng, password).await,
        // Several instances starting together with --demo: one loads, the others wait for it
        // and find the demo loaded.
        crate::db::Pool::Postgres(pool) => {
            let mut conn = pool.acquire().await?;
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(PG_DEMO_LOCK)
                .execute(&mut *conn)
                .await?;
            let result = load_unlocked(store, vault, now, rng, password).await;
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(PG_DEMO_LOCK)
                .execute(&mut *conn)
                .await?;
            result
        }
    }
}

/// Arbitrary constant naming the demo loader's lock among PostgreSQL advisory locks.
const PG_DEMO_LOCK: i64 = 0x6d61_7961_6b00_0002;

async fn load_unlocked(
    store: &Store,
    vault: &Vault,
    now: OffsetDateTime,
    rng: &dyn Random,
    password: Option<&str>,
) -> Result<DemoOutcome> {
    let logins: Vec<&'static str> = DEMO_USERS.iter().map(|u| u.0).collect();
    if orgs::meta_get(store, DEMO_MARK).await?.is_some() {
        let mut password_reset = false;
        if let Some(pw) = password {
            for login in &logins {
                orgs::set_password_hash(store, login, &hash(pw, rng)?).await?;
            }
            password_reset = true;
        }
        return Ok(DemoOutcome::AlreadyLoaded {
            logins,
            password_reset,
        });
    }
    if orgs::count_organisations(store).await? > 0 {
        return Ok(DemoOutcome::NotEmpty);
    }

    let mut ids: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (slug, names, org_type, region, place, may_identify, ngo) in NATIONAL {
        let o = NewOrganisation {
            slug,
            names: *names,
            org_type,
            region,
            place: Some(place),
            may_identify: *may_identify,
            ngo_network: *ngo,
        };
        ids.insert(
            (*slug).to_owned(),
            orgs::insert_organisation(store, &o, now).await?,
        );
    }
    for r in REGIONS {
        let police_slug = format!("police-{}", r.code);
        let police = [
            format!(
                "Управление внутренних дел {} исполнительного комитета",
                r.ru
            ),
            format!("Упраўленне ўнутраных спраў {} выканаўчага камітэта", r.be),
            format!("{} Executive Committee, Internal Affairs Department", r.en),
        ];
        let social_slug = format!("social-committee-{}", r.code);
        let social = [
            format!(
                "Комитет по труду, занятости и социальной защите {} исполнительного комитета",
                r.ru
            ),
            format!(
                "Камітэт па працы, занятасці і сацыяльнай абароне {} выканаўчага камітэта",
                r.be
            ),
            format!(
                "{} Executive Committee, Labour, Employment and Social Protection Committee",
                r.en
            ),
        ];
        let centre_slug = format!("social-centre-{}", r.code);
        let centre = [
            format!(
                "Территориальный центр социального обслуживания населения, г. {}",
                r.city[0]
            ),
            format!(
                "Тэрытарыяльны цэнтр сацыяльнага абслугоўвання насельніцтва, г. {}",
                r.city[1]
            ),
            format!("Territorial Social Services Centre, {}", r.city[2]),
        ];
        for (slug, names, org_type, may_identify) in [
            (&police_slug, &police, "LawEnforcement", true),
            (&social_slug, &social, "LocalGovernment", false),
            (&centre_slug, &centre, "LabourAndSocialProtection", false),
        ] {
            let o = NewOrganisation {
                slug,
                names: [&names[0], &names[1], &names[2]],
                org_type,
                region: r.code,
                place: Some(r.place),
                may_identify,
                ngo_network: false,
            };
            ids.insert(
                slug.clone(),
                orgs::insert_organisation(store, &o, now).await?,
            );
        }
    }
    for (slug, names, region, place) in NGOS {
        let o = NewOrganisation {
            slug,
            names: *names,
            org_type: "NGO",
            region,
            place: Some(place),
            may_identify: false,
            ngo_network: true,
        };
        ids.insert(
            (*slug).to_owned(),
            orgs::insert_organisation(store, &o, now).await?,
        );
    }

    // One multidisciplinary group per region: chaired by the social-protection committee, with
    // the police, the social services centre and the region's NGOs.
    for r in REGIONS {
        let id_of = |slug: &str| ids.get(slug).copied();
        let chair = id_of(&format!("social-committee-{}", r.code));
        let mut members: Vec<i64> = [
            format!("social-committee-{}", r.code),
            format!("police-{}", r.code),
            format!("social-centre-{}", r.code),
        ]
        .iter()
        .filter_map(|s| id_of(s))
        .collect();
        members.extend(
            NGOS.iter()
                .filter(|n| n.2 == r.code)
                .filter_map(|n| id_of(n.0)),
        );
        if r.code == "BY-HM" {
            members.extend(
                ["iom-belarus", "iom-rehabilitation-centre"]
                    .iter()
                    .filter_map(|s| id_of(s)),
            );
        }
        orgs::insert_mdg(store, r.code, chair, &members, now).await?;
    }

    let generated;
    let pw = match password {
        Some(p) => p,
        None => {
            generated = password::generate(rng, 16);
            &generated
        }
    };
    for (login, role, name, org) in DEMO_USERS {
        // Each user gets a hash with its own salt, even with a shared demo password.
        let hash = hash(pw, rng)?;
        let organisation_id = ids.get(*org).copied().ok_or_else(|| {
            crate::StoreError::EmbeddedData(format!(
                "demo user {login} names unknown organisation {org}"
            ))
        })?;
        let u = NewUser {
            login,
            display_name: name,
            organisation_id,
            password_hash: Some(&hash),
            roles: &[*role],
        };
        orgs::insert_user(store, &u, now).await?;
    }
    load_persons(store, vault, now, rng).await?;
    crate::demo_nrm::load(store, now).await?;
    crate::demo_stats::load(store, now).await?;
    crate::demo_rehab::load(store, vault, now, rng).await?;
    crate::demo_hotline::load(store, vault, rng, now).await?;
    crate::demo_prevention::load(store, &ids, now, rng).await?;
    orgs::meta_set(store, DEMO_MARK, "1").await?;
    Ok(DemoOutcome::Loaded {
        logins,
        password: pw.to_owned(),
    })
}

fn hash(pw: &str, rng: &dyn Random) -> Result<String> {
    password::hash(pw, rng).map_err(|e| crate::StoreError::Config(e.to_string()))
}

/// The seed of the demo persons' names ("mayak" in ASCII), so the demo looks the same everywhere.
pub const DEMO_NAME_SEED: u64 = 0x006d_6179_616b;

/// Number of fictional persons in the demo dataset.
pub const DEMO_PERSONS: usize = 240;

const FEMALE_GIVEN: &[&str] = &[
    "Анна",
    "Мария",
    "Ольга",
    "Татьяна",
    "Елена",
    "Наталья",
    "Ирина",
    "Светлана",
    "Юлия",
    "Екатерина",
    "Алеся",
    "Дарья",
    "Виктория",
    "Кристина",
    "Полина",
    "Яна",
    "Анастасия",
    "Валерия",
];
const MALE_GIVEN: &[&str] = &[
    "Александр",
    "Дмитрий",
    "Сергей",
    "Андрей",
    "Алексей",
    "Максим",
    "Иван",
    "Артём",
    "Павел",
    "Николай",
    "Владислав",
    "Евгений",
    "Денис",
    "Кирилл",
    "Янка",
    "Виталий",
];
const FAMILY: &[(&str, &str)] = &[
    ("Ковалёв", "Ковалёва"),
    ("Новиков", "Новикова"),
    ("Козлов", "Козлова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Лебедев", "Лебедева"),
    ("Семенюк", "Семенюк"),
    ("Жук", "Жук"),
    ("Ткачук", "Ткачук"),
    ("Шевчук", "Шевчук"),
    ("Бондаренко", "Бондаренко"),
    ("Кравченко", "Кравченко"),
    ("Мельник", "Мельник"),
    ("Поляков", "Полякова"),
    ("Сидорович", "Сидорович"),
    ("Дубовик", "Дубовик"),
    ("Радевич", "Радевич"),
    ("Гончар", "Гончар"),
    ("Зайцев", "Зайцева"),
    ("Климович", "Климович"),
    ("Богданович", "Богданович"),
    ("Савицкий", "Савицкая"),
    ("Лукашевич", "Лукашевич"),
    ("Карпович", "Карпович"),
];
const PATRONYMIC_ROOTS: &[&str] = &[
    "Александров",
    "Сергеев",
    "Викторов",
    "Иванов",
    "Николаев",
    "Петров",
    "Андреев",
    "Михайлов",
];

/// A fictional identity (the names are common, the combinations invented; "(демо)" marks them).
pub fn fictional_identity(r: &SplitMix64, female: bool) -> Identity {
    let pick =
        |items: &[&'static str]| -> &'static str { r.pick(items).copied().unwrap_or("Анна") };
    let family = r
        .pick(FAMILY)
        .map_or("Ковалёва", |f| if female { f.1 } else { f.0 });
    let root = pick(PATRONYMIC_ROOTS);
    let year = 1965 + r.below(44) as i32;
    let month = time::Month::try_from(1 + r.below(12) as u8).unwrap_or(time::Month::January);
    let day = 1 + r.below(28) as u8;
    let birth = time::Date::from_calendar_date(year, month, day).ok();
    let citizenship = match r.below(20) {
        0 => "UA",
        1 => "RU",
        2 => "UZ",
        3 => "VN",
        _ => "BY",
    };
    let operator = ["29", "33", "44", "25"][r.below(4) as usize];
    Identity {
        family_name: family.to_owned(),
        given_names: format!(
            "{} (демо)",
            pick(if female { FEMALE_GIVEN } else { MALE_GIVEN })
        ),
        patronymic: Some(format!("{root}{}", if female { "на" } else { "ич" })),
        birth_date: birth,
        citizenships: vec![citizenship.to_owned()],
        documents: vec![Document {
            doc_type: "Passport".to_owned(),
            number: format!(
                "{}{:07}",
                ["MP", "HB", "KH", "AB", "BM", "MC"][r.below(6) as usize],
                r.below(10_000_000)
            ),
            country: Some(citizenship.to_owned()),
        }],
        phones: vec![format!(
            "+375 {operator} {:03}-{:02}-{:02}",
            r.below(1000),
            r.below(100),
            r.below(100)
        )],
        emails: Vec::new(),
        addresses: vec![format!(
            "ул. Вымышленная, д. {}, кв. {}",
            1 + r.below(120),
            1 + r.below(200)
        )],
        languages: vec!["ru".to_owned()],
        notes: None,
    }
}

async fn load_persons(
    store: &Store,
    vault: &Vault,
    now: OffsetDateTime,
    rng: &dyn Random,
) -> Result<()> {
    // Names and the shape of the caseload come from fixed seeds so the demo looks the same
    // everywhere; keys and nonces come from the real random source.
    let names = SplitMix64::new(DEMO_NAME_SEED);
    let shape = SplitMix64::new(DEMO_NAME_SEED + 1);
    // Family members draw from their own stream, so the rest of the demo stays as it was.
    let kin = SplitMix64::new(DEMO_NAME_SEED + 2);
    let orgs = orgs::list_organisations(store).await?;
    let users = orgs::list_users(store).await?;
    let user = |login: &str| users.iter().find(|u| u.login == login).map(|u| u.id);
    let (casemanager, partner_user) = (user("casemanager"), user("partner"));
    let slug = |s: &str| orgs.iter().find(|o| o.slug == s).map(|o| o.id);
    let (Some(cm_org), Some(partner_org), Some(iom), Some(rehab)) = (
        slug("ngo-minsk-right-to-future"),
        slug("ngo-gomel-open-doors"),
        slug("iom-belarus"),
        slug("iom-rehabilitation-centre"),
    ) else {
        return Err(crate::StoreError::EmbeddedData(
            "demo organisations missing".to_owned(),
        ));
    };
    let _ = partner_user;
    let regions = [
        "BY-HM", "BY-HM", "BY-BR", "BY-HO", "BY-HO", "BY-VI", "BY-HR", "BY-MI", "BY-MA",
    ];
    let exploitation = [
        ("ForcedLabour", 45u64),
        ("SexualExploitation", 40),
        ("SexAndLabour", 5),
        ("ForcedBegging", 3),
        ("ForcedCriminality", 3),
        ("ForcedMarriage", 2),
        ("Other", 2),
    ];
    let countries = [
        ("RU", 35u64),
        ("PL", 15),
        ("DE", 8),
        ("LT", 7),
        ("TR", 7),
        ("AE", 6),
        ("CN", 5),
        ("BY", 10),
        ("IL", 4),
        ("CZ", 3),
    ];
    let weighted = |r: &SplitMix64, items: &[(&'static str, u64)]| -> &'static str {
        let total: u64 = items.iter().map(|i| i.1).sum();
        let mut x = r.below(total);
        for (code, w) in items {
            if x < *w {
                return code;
            }
            x -= w;
        }
        items[0].0
    };
    let services = [
        "Shelter",
        "Medical",
        "Psychological",
        "Legal",
        "DocumentsAndCivilRights",
        "HumanitarianAid",
        "VocationalTraining",
        "SocialSupport",
    ];
    let today = now.date();
    let mut tx = store.begin().await?;
    for _ in 0..DEMO_PERSONS {
        let female = names.below(10) < 7;
        let identity = fictional_identity(&names, female);
        let sex = if female { "Female" } else { "Male" };
        let person =
            crate::persons::create_in(&mut tx, vault, rng, &identity, sex, None, now).await?;
        // Registered over the last six and a half years, more in recent ones.
        let days_ago = (shape.below(2400) * shape.below(2400) / 2400) as i64;
        let registered = today - time::Duration::days(days_ago + 20);
        let region = regions[shape.below(regions.len() as u64) as usize];
        let ours = region == "BY-HM" && shape.below(3) > 0;
        let lead = if ours {
            cm_org
        } else {
            orgs.iter()
                .filter(|o| o.region == region && o.ngo_network)
                .map(|o| o.id)
                .nth(shape.below(2) as usize)
                .unwrap_or(iom)
        };
        let kind = weighted(&shape, &exploitation);
        let country = weighted(&shape, &countries);
        let new = crate::cases::NewCase {
            region: region.to_owned(),
            lead_organisation_id: lead,
            assigned_to: if ours { casemanager } else { None },
            registered_on: registered,
            sex: sex.to_owned(),
            identity: identity.clone(),
            exploitation_type: Some(kind.to_owned()),
            country_of_exploitation: Some(country.to_owned()),
            nrm_phase: mayak_domain::case::NrmPhase::Identification,
        };
        let case = crate::cases::create_in(
            &mut tx,
            person,
            &new,
            if ours { casemanager } else { None },
            now,
        )
        .await?;
        // About one woman in five came with a child; some men with a partner.
        let relative = match (female, kin.below(10)) {
            (true, 0 | 1) => Some(("Child", true)),
            (false, 0) => Some(("Partner", false)),
            _ => None,
        };
        if let Some((relation, accompanying)) = relative {
            let child = relation == "Child";
            // A partner of a man is a woman here; a child is a girl or a boy.
            let girl = !child || kin.below(2) == 0;
            let mut who = fictional_identity(&kin, girl);
            if child {
                // The child carries the mother's family name, in the boy's form for a son.
                who.family_name = FAMILY
                    .iter()
                    .find(|f| f.1 == identity.family_name)
                    .map_or(identity.family_name.clone(), |f| {
                        if girl { f.1 } else { f.0 }.to_owned()
                    });
            }
            who.documents.clear();
            who.phones.clear();
            if child {
                let age = 1 + kin.below(14) as i64;
                who.birth_date =
                    Some(registered - time::Duration::days(age * 365 + kin.below(300) as i64));
                who.patronymic = None;
            }
            let relative_sex = if girl { "Female" } else { "Male" };
            let rel = crate::persons::create_in(&mut tx, vault, rng, &who, relative_sex, None, now)
                .await?;
            crate::on_tx!(&mut tx, t => {
                sqlx::query(
                    "INSERT INTO case_relative (case_id, person_id, relation, accompanying, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, NULL, $5)",
                )
                .bind(case)
                .bind(rel)
                .bind(relation)
                .bind(accompanying)
                .bind(now)
                .execute(&mut **t)
                .await?;
            });
        }
        // Where the case stands: older cases are mostly closed, identified or not confirmed.
        let old = days_ago > 365;
        let legal = match shape.below(20) {
            0..=10 => "IdentifiedVictim",
            11..=16 => "MayHaveSuffered",
            _ => "NotConfirmed",
        };
        let legal = if !old && legal == "IdentifiedVictim" && shape.below(2) == 0 {
            "MayHaveSuffered"
        } else {
            legal
        };
        let status = if old && shape.below(10) < 8 {
            if shape.below(5) == 0 {
                "ClosedReferred"
            } else {
                "Closed"
            }
        } else if shape.below(4) == 0 {
            "FollowUp"
        } else {
            "Active"
        };
        let phase = match (status, legal) {
            ("Closed" | "ClosedReferred", _) => "LongTermAssistanceAndSocialInclusion",
            (_, "MayHaveSuffered") => "Identification",
            _ => [
                "FirstAssistanceAndProtection",
                "LongTermAssistanceAndSocialInclusion",
                "ReturnAndSocialInclusion",
                "CriminalAndCivilProceedings",
            ][shape.below(4) as usize],
        };
        let police = orgs
            .iter()
            .find(|o| o.slug == format!("police-{region}"))
            .map(|o| o.id);
        let identified = legal != "MayHaveSuffered";
        let closed_on = if status.starts_with("Closed") {
            Some(registered + time::Duration::days(90 + shape.below(300) as i64))
        } else {
            None
        };
        let closed_on = closed_on.filter(|d| *d < today);
        let status = if status.starts_with("Closed") && closed_on.is_none() {
            "FollowUp"
        } else {
            status
        };
        crate::on_tx!(&mut tx, t => {
            sqlx::query(
                "UPDATE case_file SET status = $1, nrm_phase = $2, legal_status = $3, identified_by = $4, identified_on = $5, \
                 identification_document = $6, closed_on = $7, closure_reason = $8, reintegration_outcome = $9 WHERE id = $10",
            )
            .bind(status)
            .bind(phase)
            .bind(legal)
            .bind(if identified { police } else { None })
            .bind(if identified { Some(registered + time::Duration::days(30)) } else { None })
            .bind(if identified { Some(format!("Заключение № {}/{} (демо)", 100 + case, registered.year())) } else { None })
            .bind(closed_on)
            .bind(closed_on.map(|_| "Реинтеграция завершена (демо)"))
            .bind(closed_on.map(|_| "Работает, живёт самостоятельно (демо)"))
            .bind(case)
            .execute(&mut **t)
            .await?;
            sqlx::query("INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, NULL, 'created', NULL)")
                .bind(case)
                .bind(registered.midnight().assume_utc())
                .execute(&mut **t)
                .await?;
            sqlx::query(
                "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
                 VALUES ($1, 'Processing', NULL, 'person', 'SignedPaper', $2, NULL, NULL, $3)",
            )
            .bind(case)
            .bind(registered)
            .bind(now)
            .execute(&mut **t)
            .await?;
            if let Some(closed) = closed_on {
                sqlx::query("UPDATE person SET closed_at = $1 WHERE id = $2 OR id IN (SELECT person_id FROM case_relative WHERE case_id = $3)")
                    .bind(closed.midnight().assume_utc())
                    .bind(person)
                    .bind(case)
                    .execute(&mut **t)
                    .await?;
            }
            // The exploitation profile, needs, plan and tasks.
            let means = ["WithholdsDocuments", "DebtBondage", "Threats", "FalsePromises", "RestrictsMovement", "ExcessiveWorkingHours", "TakesEarnings", "PsychologicalAbuse"];
            let mut chosen: Vec<&str> = Vec::new();
            for _ in 0..1 + shape.below(3) {
                let m = means[shape.below(means.len() as u64) as usize];
                if !chosen.contains(&m) {
                    chosen.push(m);
                }
            }
            let recruitment = ["JobOffer", "Internet", "Familial", "IntimatePartnerOrMarriageProposition", "PublicArea"][shape.below(5) as usize];
            let app = ["Viber", "Telegram", "Instagram", "JobSite", "VKontakte"][shape.below(5) as usize];
            let labour = if kind == "ForcedLabour" || kind == "SexAndLabour" { ["Construction", "Agriculture", "DomesticWork", "Manufacturing", "Hospitality"][shape.below(5) as usize] } else { "" };
            let sexual = if kind == "SexualExploitation" || kind == "SexAndLabour" { ["Prostitution", "RemoteInteractiveServices", "PrivateSexualServices"][shape.below(3) as usize] } else { "" };
            sqlx::query(
                "INSERT INTO case_episode (case_id, exploitation_types, labour_types, sexual_types, means_of_control, recruitment_type, \
                 recruitment_app, recruiter_relation, country, started_on, ended_on, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12)",
            )
            .bind(case)
            .bind(kind)
            .bind(labour)
            .bind(sexual)
            .bind(chosen.join(","))
            .bind(recruitment)
            .bind(if recruitment == "Internet" || recruitment == "JobOffer" { Some(app) } else { None })
            .bind(["Friend", "Other", "Unknown", "IntimatePartner", "Family"][shape.below(5) as usize])
            .bind(country)
            .bind(registered - time::Duration::days(120 + shape.below(400) as i64))
            .bind(registered - time::Duration::days(5 + shape.below(30) as i64))
            .bind(now)
            .execute(&mut **t)
            .await?;
            for need in ["Shelter", "Medical", "Psychological", "Documents", "Legal", "Employment", "PsychologicalHarm", "EconomicHardship"].iter().filter(|_| shape.below(3) == 0) {
                sqlx::query("INSERT INTO case_need (case_id, need, severity, assessed_on, assessed_by, created_at) VALUES ($1, $2, $3, $4, NULL, $5)")
                    .bind(case)
                    .bind(need)
                    .bind(["high", "medium", "low"][shape.below(3) as usize])
                    .bind(registered + time::Duration::days(2))
                    .bind(now)
                    .execute(&mut **t)
                    .await?;
            }
            if ours && closed_on.is_none() {
                sqlx::query("INSERT INTO case_goal (case_id, need, goal, target_on, status, created_by, created_at) VALUES ($1, 'Documents', $2, $3, 'open', $4, $5)")
                    .bind(case)
                    .bind("Восстановить паспорт")
                    .bind(today + time::Duration::days(30))
                    .bind(casemanager)
                    .bind(now)
                    .execute(&mut **t)
                    .await?;
                sqlx::query("INSERT INTO case_task (case_id, title, due_on, assignee_id, done_at, created_by, created_at) VALUES ($1, $2, $3, $4, NULL, $4, $5)")
                    .bind(case)
                    .bind(["Связаться с консульством", "Запись к психологу", "Подготовить документы для суда", "Проверить результаты курса"][shape.below(4) as usize])
                    .bind(today + time::Duration::days(shape.below(20) as i64 - 7))
                    .bind(casemanager)
                    .bind(now)
                    .execute(&mut **t)
                    .await?;
            }
            // Services: some by the lead organisation, some by partners the person consented to.
            let n = 1 + shape.below(3);
            for k in 0..n {
                let service = services[shape.below(services.len() as u64) as usize];
                let provider = match (k, region, shape.below(4)) {
                    (0, _, _) => lead,
                    (_, "BY-HO", 0 | 1) => partner_org,
                    (_, _, 0) => rehab,
                    _ => lead,
                };
                if provider != lead {
                    sqlx::query(
                        "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
                         VALUES ($1, 'Referral', $2, 'person', 'SignedPaper', $3, NULL, NULL, $4)",
                    )
                    .bind(case)
                    .bind(provider)
                    .bind(registered)
                    .bind(now)
                    .execute(&mut **t)
                    .await?;
                }
                let done = closed_on.is_some() || shape.below(2) == 0;
                sqlx::query(
                    "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)",
                )
                .bind(case)
                .bind(service)
                .bind(provider)
                .bind(if done { "Completed" } else { "InProgress" })
                .bind(registered + time::Duration::days(3 + k as i64 * 10))
                .bind(if done { Some(registered + time::Duration::days(40 + k as i64 * 10)) } else { None })
                .bind((20_000 + shape.below(150_000)) as i64)
                .bind(now)
                .execute(&mut **t)
                .await?;
            }
        });
    }
    let e = crate::audit::AuditEvent {
        login: Some("operator (demo loader)".to_owned()),
        roles: "operator".to_owned(),
        action: "demo.load".to_owned(),
        record_type: Some("case".to_owned()),
        fields: Some(format!("{DEMO_PERSONS} persons and cases")),
        outcome: "ok".to_owned(),
        instance: "demo".to_owned(),
        ..Default::default()
    };
    crate::audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await
}
