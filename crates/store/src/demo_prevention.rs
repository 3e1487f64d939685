//! Demo data of prevention and capacity building: the three campaigns of the IOM
//! presentation (the youth camp "Learn. Act. Share", the parents' site "Teach children to see
//! lies", the labour-exploitation campaign during COVID-19 with 12 videos and 18 articles
//! reaching about 500,000 people), two years of trainings (among them the training on
//! protecting children from sexual exploitation: 59 participants, 18 men and 41 women from
//! the regional groups), two quizzes, the safe-travel page and the partners listed publicly.

// Several queries are read at once into tuples of row tuples, named where destructured.
#![allow(clippy::type_complexity)]

use crate::content;
use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::prevention::{self, CampaignInput, Reach};
use crate::trainings::{self, ParticipantInput, SessionInput};
use mayak_domain::prevention::{Band, Text3};
use mayak_domain::{Random, SplitMix64};
use std::collections::HashMap;
use time::macros::date;
use time::{Date, OffsetDateTime};

const REGIONS: [&str; 7] = [
    "BY-BR", "BY-VI", "BY-HO", "BY-HR", "BY-MI", "BY-MA", "BY-HM",
];

fn t(ru: &str, be: &str, en: &str) -> Text3 {
    Text3 {
        ru: ru.to_owned(),
        be: be.to_owned(),
        en: en.to_owned(),
    }
}

/// Loads the prevention demo records; `orgs` maps organisation slugs to ids.
pub async fn load(
    store: &Store,
    orgs: &HashMap<String, i64>,
    now: OffsetDateTime,
    _rng: &dyn Random,
) -> Result<()> {
    let id = |slug: &str| {
        orgs.get(slug).copied().ok_or_else(|| {
            StoreError::EmbeddedData(format!("prevention demo names unknown organisation {slug}"))
        })
    };
    // A fixed seed, so the demo reads the same everywhere.
    let rng = SplitMix64::new(0x7072_6576);
    campaigns(store, &id, now, &rng).await?;
    trainings_demo(store, &id, now, &rng).await?;
    quizzes(store, now).await?;
    content::save_page_draft(
        store,
        "safe-travel",
        &safe_travel_title(),
        &safe_travel_body(),
        now,
    )
    .await?;
    content::publish_page(store, "safe-travel", now).await?;
    for slug in [
        "ngo-brest-safe-way",
        "ngo-minsk-right-to-future",
        "ngo-gomel-open-doors",
        "ngo-vitebsk-support",
        "ngo-grodno-new-step",
        "ngo-mogilev-trust",
        "iom-belarus",
        "iom-rehabilitation-centre",
    ] {
        content::set_listed(store, id(slug)?, true, now).await?;
    }
    Ok(())
}

async fn campaigns(
    store: &Store,
    id: &impl Fn(&str) -> Result<i64>,
    now: OffsetDateTime,
    rng: &SplitMix64,
) -> Result<()> {
    // 1. The labour-exploitation campaign during COVID-19.
    let covid = prevention::create_campaign(
        store,
        &CampaignInput {
            name: "«Работа за рубежом: проверь, прежде чем ехать» (COVID-19)".into(),
            theme: "LabourExploitation".into(),
            starts_on: Some(date!(2020 - 05 - 01)),
            ends_on: Some(date!(2020 - 12 - 31)),
            summary: "Во время пандемии COVID-19 многие искали работу за рубежом в интернете. \
                      12 видеороликов и 18 статей рассказали, как распознать ложное предложение \
                      работы и куда звонить; они охватили около 500 000 человек."
                .into(),
            regions: REGIONS.iter().map(|r| (*r).to_owned()).collect(),
            target_groups: vec!["JobSeekers".into(), "Youth".into()],
            channels: vec!["Video".into(), "Article".into(), "SocialMedia".into()],
            partners: vec![
                id("iom-belarus")?,
                id("ngo-brest-safe-way")?,
                id("mintrud")?,
            ],
        },
        None,
        now,
    )
    .await?;
    // 12 videos and 18 articles whose reach adds up to about 500,000.
    for i in 1..=12 {
        let m = prevention::add_material(
            store,
            covid,
            "Video",
            &format!("Видеоролик {i}: признаки ложной вакансии"),
            Some(date!(2020 - 05 - 04) + time::Duration::weeks(i)),
            now,
        )
        .await?;
        for (month, share) in [(6u8, 60), (9, 30), (12, 10)] {
            let views = (20_000 + rng.below(4_000) as i64) * share / 100;
            prevention::add_reach(
                store,
                covid,
                m,
                day(2020, month, 28),
                Reach {
                    views,
                    ..Reach::default()
                },
                None,
                now,
            )
            .await?;
        }
    }
    for i in 1..=18 {
        let m = prevention::add_material(
            store,
            covid,
            "Article",
            &format!("Статья {i}: как проверить работодателя за рубежом"),
            Some(date!(2020 - 05 - 10) + time::Duration::weeks(i)),
            now,
        )
        .await?;
        let views = 13_000 + rng.below(2_000) as i64;
        prevention::add_reach(
            store,
            covid,
            m,
            date!(2020 - 10 - 30),
            Reach {
                views: views * 2 / 3,
                ..Reach::default()
            },
            None,
            now,
        )
        .await?;
        prevention::add_reach(
            store,
            covid,
            m,
            date!(2021 - 01 - 15),
            Reach {
                views: views / 3,
                ..Reach::default()
            },
            None,
            now,
        )
        .await?;
    }
    prevention::set_campaign_published(store, covid, true, now).await?;

    // 2. "Teach children to see lies": the parents' site.
    let lies = prevention::create_campaign(
        store,
        &CampaignInput {
            name: "«Научите детей видеть ложь»".into(),
            theme: "ChildSexualAbuse".into(),
            starts_on: Some(date!(2021 - 09 - 01)),
            ends_on: None,
            summary: "Сайт для родителей: признаки насилия, меры предосторожности, тест, \
                      ролевая игра и видео-ток-шоу о том, как защитить ребёнка в интернете."
                .into(),
            regions: REGIONS.iter().map(|r| (*r).to_owned()).collect(),
            target_groups: vec!["Parents".into(), "Children".into()],
            channels: vec!["Website".into(), "Video".into(), "SocialMedia".into()],
            partners: vec![id("iom-belarus")?, id("minobr")?, id("ngo-minsk-dawn")?],
        },
        None,
        now,
    )
    .await?;
    for (kind, title, reach) in [
        (
            "Website",
            "Сайт для родителей: признаки насилия и меры предосторожности",
            [31_000, 24_500, 18_200],
        ),
        (
            "Video",
            "Видео-ток-шоу «Дети в сети»",
            [12_400, 9_800, 6_100],
        ),
        (
            "Website",
            "Ролевая игра для родителей и детей",
            [4_300, 3_900, 2_700],
        ),
        ("Leaflet", "Памятка для родителей", [0, 0, 0]),
    ] {
        let m =
            prevention::add_material(store, lies, kind, title, Some(date!(2021 - 09 - 01)), now)
                .await?;
        for (year, views) in [2021, 2022, 2023].into_iter().zip(reach) {
            let r = if kind == "Leaflet" {
                Reach {
                    copies: 5_000,
                    ..Reach::default()
                }
            } else {
                Reach {
                    views,
                    ..Reach::default()
                }
            };
            prevention::add_reach(store, lies, m, day(year, 12, 20), r, None, now).await?;
        }
    }
    prevention::set_campaign_published(store, lies, true, now).await?;

    // 3. The youth camp "Learn. Act. Share": 17 participants aged 18–25.
    let camp_campaign = prevention::create_campaign(
        store,
        &CampaignInput {
            name: "Молодёжный лагерь «Учись. Действуй. Делись»".into(),
            theme: "SafeTravel".into(),
            starts_on: Some(date!(2021 - 07 - 12)),
            ends_on: Some(date!(2021 - 07 - 18)),
            summary: "Неделя занятий для молодых лидеров из всех областей: как устроена торговля \
                      людьми, как безопасно выезжать за рубеж и как рассказать об этом сверстникам."
                .into(),
            regions: REGIONS.iter().map(|r| (*r).to_owned()).collect(),
            target_groups: vec!["Youth".into(), "Students".into()],
            channels: vec!["Event".into(), "SocialMedia".into()],
            partners: vec![id("iom-belarus")?, id("ngo-gomel-open-doors")?],
        },
        None,
        now,
    )
    .await?;
    let camp = prevention::add_event(
        store,
        camp_campaign,
        "Молодёжный лагерь «Учись. Действуй. Делись»",
        date!(2021 - 07 - 12),
        Some(date!(2021 - 07 - 18)),
        "Минская область, оздоровительный лагерь",
        now,
    )
    .await?;
    let mut people = Vec::new();
    for i in 0..17usize {
        let age = 18 + rng.below(8) as i64;
        let sex = if i % 3 == 0 { "Male" } else { "Female" };
        people.push((age, sex.to_owned(), REGIONS[i % REGIONS.len()].to_owned()));
    }
    prevention::add_event_participants(store, camp_campaign, camp, &people).await?;
    for (slug, n, topic) in [
        ("iom-belarus", 2, "Торговля людьми: формы и признаки"),
        ("police-BY-HM", 1, "Как работает выявление жертв"),
        (
            "ngo-brest-safe-way",
            1,
            "Горячая линия по безопасному выезду",
        ),
        (
            "ngo-gomel-open-doors",
            1,
            "Как вести информационную кампанию среди сверстников",
        ),
    ] {
        prevention::add_event_expert(store, camp_campaign, camp, id(slug)?, n, topic).await?;
    }
    let m = prevention::add_material(
        store,
        camp_campaign,
        "Event",
        "Лагерь: занятия и тренинги",
        Some(date!(2021 - 07 - 12)),
        now,
    )
    .await?;
    prevention::add_reach(
        store,
        camp_campaign,
        m,
        date!(2021 - 07 - 18),
        Reach {
            participants: 17,
            ..Reach::default()
        },
        None,
        now,
    )
    .await?;
    let m = prevention::add_material(
        store,
        camp_campaign,
        "SocialMedia",
        "Посты участников о лагере",
        Some(date!(2021 - 07 - 19)),
        now,
    )
    .await?;
    prevention::add_reach(
        store,
        camp_campaign,
        m,
        date!(2021 - 08 - 31),
        Reach {
            views: 8_700,
            ..Reach::default()
        },
        None,
        now,
    )
    .await?;
    prevention::set_campaign_published(store, camp_campaign, true, now).await?;

    // A safe-travel campaign still being prepared: a draft, not on the public site.
    prevention::create_campaign(
        store,
        &CampaignInput {
            name: "«Безопасное лето» для студентов (подготовка)".into(),
            theme: "SafeTravel".into(),
            starts_on: Some(date!(2026 - 05 - 01)),
            ends_on: Some(date!(2026 - 08 - 31)),
            summary: "Черновик: кампания для студентов, которые едут на сезонную работу.".into(),
            regions: vec!["BY-BR".into(), "BY-HR".into()],
            target_groups: vec!["Students".into()],
            channels: vec!["SocialMedia".into(), "Leaflet".into()],
            partners: vec![id("ngo-brest-shore")?],
        },
        None,
        now,
    )
    .await?;
    Ok(())
}

fn day(year: i32, month: u8, d: u8) -> Date {
    let m = time::Month::try_from(month).unwrap_or(time::Month::January);
    Date::from_calendar_date(year, m, d).unwrap_or(date!(2020 - 01 - 01))
}

// Trainees' surnames, apart from those of the demo persons (victims' names never appear in
// the clear anywhere, and a test of backups looks for them).
const SURNAMES: [(&str, &str); 12] = [
    ("Орлов", "Орлова"),
    ("Соколов", "Соколова"),
    ("Павлюк", "Павлюк"),
    ("Яковенко", "Яковенко"),
    ("Латушко", "Латушко"),
    ("Кирилюк", "Кирилюк"),
    ("Тарасевич", "Тарасевич"),
    ("Ясинский", "Ясинская"),
    ("Гринкевич", "Гринкевич"),
    ("Мацкевич", "Мацкевич"),
    ("Рыбаков", "Рыбакова"),
    ("Прохорович", "Прохорович"),
];
const MEN: [&str; 8] = [
    "Андрей",
    "Сергей",
    "Дмитрий",
    "Алексей",
    "Игорь",
    "Виктор",
    "Олег",
    "Павел",
];
const WOMEN: [&str; 8] = [
    "Ольга",
    "Наталья",
    "Елена",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Юлия",
    "Анастасия",
];

async fn trainings_demo(
    store: &Store,
    id: &impl Fn(&str) -> Result<i64>,
    now: OffsetDateTime,
    rng: &SplitMix64,
) -> Result<()> {
    let centre = id("training-centre")?;
    let children = trainings::create_course(
        store,
        "Защита детей от сексуальной эксплуатации",
        "Выявление детей, пострадавших от сексуальной эксплуатации, межведомственное взаимодействие и перенаправление.",
        centre,
        now,
    )
    .await?;
    let identification = trainings::create_course(
        store,
        "Выявление жертв торговли людьми и перенаправление в НМП",
        "Индикаторы МОТ/ЕК, беседа с возможной жертвой, порядок перенаправления по Постановлению № 485.",
        centre,
        now,
    )
    .await?;
    let migration = trainings::create_course(
        store,
        "Консультирование по безопасной трудовой миграции",
        "Для консультантов горячих линий и НКО: проверка работодателей, договоры, права работников за рубежом.",
        id("ngo-brest-safe-way")?,
        now,
    )
    .await?;
    // (course, start, end, online, place, region, trainers, men, women)
    let plan: [(
        i64,
        Date,
        Date,
        bool,
        &str,
        Option<&str>,
        &str,
        usize,
        usize,
    ); 5] = [
        (
            children,
            date!(2025 - 03 - 11),
            date!(2025 - 03 - 13),
            false,
            "Минск, учебный центр",
            Some("BY-HM"),
            "Павел Учителев (демо), Ирина Лекторова (демо)",
            18,
            41,
        ),
        (
            identification,
            date!(2025 - 06 - 17),
            date!(2025 - 06 - 18),
            true,
            "Онлайн (видеоконференция)",
            None,
            "Павел Учителев (демо)",
            9,
            16,
        ),
        (
            migration,
            date!(2025 - 10 - 07),
            date!(2025 - 10 - 08),
            false,
            "Брест, ОО «Безопасный путь»",
            Some("BY-BR"),
            "Ольга Звонарёва (демо)",
            4,
            14,
        ),
        (
            identification,
            date!(2026 - 02 - 10),
            date!(2026 - 02 - 12),
            false,
            "Гомель, областной исполком",
            Some("BY-HO"),
            "Павел Учителев (демо), Сергей Группов (демо)",
            11,
            19,
        ),
        (
            children,
            date!(2026 - 04 - 14),
            date!(2026 - 04 - 16),
            false,
            "Витебск",
            Some("BY-VI"),
            "Ирина Лекторова (демо)",
            0,
            0,
        ),
    ];
    let mut n = 0usize;
    for (course, starts_on, ends_on, online, place, region, trainers, men, women) in plan {
        let session = trainings::create_session(
            store,
            &SessionInput {
                course_id: course,
                starts_on,
                ends_on,
                online,
                place: place.to_owned(),
                region: region.map(str::to_owned),
                trainers: trainers.to_owned(),
                max_score: 20,
            },
            None,
            now,
        )
        .await?;
        let mut people = Vec::new();
        for i in 0..(men + women) {
            n += 1;
            let male = i < men;
            let (m, f) = SURNAMES[n % SURNAMES.len()];
            let given = if male {
                MEN[n % MEN.len()]
            } else {
                WOMEN[n % WOMEN.len()]
            };
            let region = REGIONS[n % REGIONS.len()];
            let (slug, org_type) = match n % 4 {
                0 => (format!("police-{region}"), "LawEnforcement"),
                1 => (
                    format!("social-centre-{region}"),
                    "LabourAndSocialProtection",
                ),
                2 => (format!("social-committee-{region}"), "LocalGovernment"),
                _ => ("ngo-minsk-right-to-future".to_owned(), "NGO"),
            };
            let org = id(&slug)?;
            people.push(ParticipantInput {
                full_name: format!("{} {given} (демо)", if male { m } else { f }),
                sex: if male { "Male" } else { "Female" }.to_owned(),
                organisation_id: Some(org),
                organisation_name: String::new(),
                org_type: org_type.to_owned(),
                region: if org_type == "NGO" { "BY-HM" } else { region }.to_owned(),
                // Trainings of the centre are for the regional groups' members.
                mdg_member: course == children || n.is_multiple_of(2),
            });
        }
        let ids = trainings::add_participants(store, session, &people, now).await?;
        if ends_on < now.date() {
            for (k, p) in ids.iter().enumerate() {
                let attended = k % 15 != 14;
                let pre = 6 + rng.below(7) as i64;
                let post = (pre + 4 + rng.below(7) as i64).min(20);
                trainings::record_results(
                    store,
                    session,
                    *p,
                    attended,
                    attended.then_some(pre),
                    attended.then_some(post),
                )
                .await?;
            }
            for (rating, comment) in [
                (5, "Много практических примеров, полезно для работы группы."),
                (4, "Хотелось бы больше времени на разбор случаев."),
                (5, "Теперь понятно, куда перенаправлять."),
            ] {
                trainings::add_feedback(store, session, rating, comment, now).await?;
            }
        }
    }
    Ok(())
}

async fn quizzes(store: &Store, now: OffsetDateTime) -> Result<()> {
    // "Teach children to see lies": for parents, about a child's safety online.
    let q = content::create_quiz(
        store,
        "teach-children-to-see-lies",
        &t(
            "Научите детей видеть ложь",
            "Навучыце дзяцей бачыць хлусню",
            "Teach children to see lies",
        ),
        &t(
            "Пять вопросов о том, знает ли ваш ребёнок, как распознать обман в интернете. Ответы нигде не сохраняются.",
            "Пяць пытанняў пра тое, ці ведае ваша дзіця, як распазнаць падман у інтэрнэце. Адказы нідзе не захоўваюцца.",
            "Five questions on whether your child knows how to spot deceit online. Your answers are not stored anywhere.",
        ),
        None,
        now,
    )
    .await?;
    let questions: [(Text3, [(Text3, i64); 3]); 5] = [
        (
            t(
                "Знает ли ребёнок, что нельзя отправлять свои фото незнакомым людям?",
                "Ці ведае дзіця, што нельга адпраўляць свае фота незнаёмым людзям?",
                "Does your child know not to send photos of themselves to strangers?",
            ),
            [
                (
                    t(
                        "Да, мы говорили об этом",
                        "Так, мы гаварылі пра гэта",
                        "Yes, we have talked about it",
                    ),
                    2,
                ),
                (t("Думаю, знает", "Думаю, ведае", "I think so"), 1),
                (t("Нет", "Не", "No"), 0),
            ],
        ),
        (
            t(
                "Расскажет ли ребёнок вам, если взрослый в сети попросит хранить секрет?",
                "Ці раскажа дзіця вам, калі дарослы ў сетцы папросіць захоўваць сакрэт?",
                "Would your child tell you if an adult online asked them to keep a secret?",
            ),
            [
                (t("Да, обязательно", "Так, абавязкова", "Yes, certainly"), 2),
                (t("Не уверен(а)", "Не ўпэўнены(ая)", "I am not sure"), 1),
                (t("Скорее нет", "Хутчэй не", "Probably not"), 0),
            ],
        ),
        (
            t(
                "Знаете ли вы, с кем ребёнок общается в мессенджерах и играх?",
                "Ці ведаеце вы, з кім дзіця размаўляе ў мэсэнджарах і гульнях?",
                "Do you know whom your child talks to in messengers and games?",
            ),
            [
                (
                    t(
                        "Да, в общих чертах",
                        "Так, у агульных рысах",
                        "Yes, broadly",
                    ),
                    2,
                ),
                (t("Иногда", "Часам", "Sometimes"), 1),
                (t("Нет", "Не", "No"), 0),
            ],
        ),
        (
            t(
                "Понимает ли ребёнок, что «друг» в сети может быть не тем, за кого себя выдаёт?",
                "Ці разумее дзіця, што «сябар» у сетцы можа быць не тым, за каго сябе выдае?",
                "Does your child understand that an online \"friend\" may not be who they claim?",
            ),
            [
                (t("Да", "Так", "Yes"), 2),
                (t("Отчасти", "Часткова", "Partly"), 1),
                (t("Нет", "Не", "No"), 0),
            ],
        ),
        (
            t(
                "Знает ли ребёнок, куда обратиться за помощью, кроме вас?",
                "Ці ведае дзіця, куды звярнуцца па дапамогу, акрамя вас?",
                "Does your child know where to turn for help besides you?",
            ),
            [
                (
                    t(
                        "Да, знает номер горячей линии",
                        "Так, ведае нумар гарачай лініі",
                        "Yes, they know the hotline number",
                    ),
                    2,
                ),
                (
                    t(
                        "Знает про учителя или психолога",
                        "Ведае пра настаўніка ці псіхолага",
                        "They know about a teacher or psychologist",
                    ),
                    1,
                ),
                (t("Нет", "Не", "No"), 0),
            ],
        ),
    ];
    for (text, answers) in questions {
        let qid = content::add_question(store, q, &text).await?;
        for (a, points) in answers {
            content::add_answer(store, q, qid, &a, points).await?;
        }
    }
    for (min, max, advice) in [
        (
            0,
            4,
            t(
                "Ребёнку нужна ваша помощь. Поговорите с ним сегодня: о секретах, которые просят хранить взрослые, о фото и о том, что в сети люди лгут. Позвоните на горячую линию 8 801 201 5555, чтобы получить совет.",
                "Дзіцяці патрэбна ваша дапамога. Пагаварыце з ім сёння: пра сакрэты, якія просяць захоўваць дарослыя, пра фота і пра тое, што ў сетцы людзі хлусяць. Патэлефануйце на гарачую лінію 8 801 201 5555, каб атрымаць параду.",
                "Your child needs your help. Talk with them today: about secrets adults ask them to keep, about photos, and about people lying online. Call the hotline 8 801 201 5555 for advice.",
            ),
        ),
        (
            5,
            7,
            t(
                "Хорошее начало, но есть пробелы. Договоритесь с ребёнком о правилах общения в сети и расскажите, куда обращаться за помощью.",
                "Добры пачатак, але ёсць прабелы. Дамоўцеся з дзіцём пра правілы зносін у сетцы і раскажыце, куды звяртацца па дапамогу.",
                "A good start, with gaps. Agree on rules for talking to people online with your child and tell them where to get help.",
            ),
        ),
        (
            8,
            10,
            t(
                "Вы и ваш ребёнок хорошо подготовлены. Возвращайтесь к этим разговорам время от времени: дети растут, и риски меняются.",
                "Вы і ваша дзіця добра падрыхтаваныя. Вяртайцеся да гэтых размоў час ад часу: дзеці растуць, і рызыкі мяняюцца.",
                "You and your child are well prepared. Come back to these talks from time to time: children grow and the risks change.",
            ),
        ),
    ] {
        content::add_band(store, q, Band { min, max }, &advice).await?;
    }
    content::set_quiz_published(store, q, true, now).await?;

    // The safe job-offer check.
    let q = content::create_quiz(
        store,
        "safe-job-offer",
        &t(
            "Безопасно ли предложение о работе за рубежом?",
            "Ці бяспечная прапанова працы за мяжой?",
            "Is this job offer abroad safe?",
        ),
        &t(
            "Ответьте на шесть вопросов о предложении, которое вы получили. Чем больше баллов, тем выше риск. Ответы нигде не сохраняются.",
            "Адкажыце на шэсць пытанняў пра прапанову, якую вы атрымалі. Чым больш балаў, тым вышэйшая рызыка. Адказы нідзе не захоўваюцца.",
            "Answer six questions about the offer you received. The more points, the higher the risk. Your answers are not stored anywhere.",
        ),
        None,
        now,
    )
    .await?;
    let yes_no = |yes: i64, no: i64| [(t("Да", "Так", "Yes"), yes), (t("Нет", "Не", "No"), no)];
    let questions: [(Text3, [(Text3, i64); 2]); 6] = [
        (
            t(
                "Вам предлагают зарплату намного выше обычной за простую работу?",
                "Вам прапануюць заробак значна вышэйшы за звычайны за простую працу?",
                "Are you offered much higher pay than usual for simple work?",
            ),
            yes_no(2, 0),
        ),
        (
            t(
                "Письменный договор до выезда не дают или он на непонятном языке?",
                "Пісьмовы дагавор да выезду не даюць або ён на незразумелай мове?",
                "Is there no written contract before departure, or is it in a language you do not understand?",
            ),
            yes_no(3, 0),
        ),
        (
            t(
                "Просят заплатить за оформление, билет или «место» заранее?",
                "Просяць заплаціць за афармленне, білет або «месца» загадзя?",
                "Are you asked to pay in advance for paperwork, a ticket or a \"place\"?",
            ),
            yes_no(2, 0),
        ),
        (
            t(
                "Предлагают ехать по туристической визе и «оформить всё на месте»?",
                "Прапануюць ехаць па турыстычнай візе і «аформіць усё на месцы»?",
                "Are you told to travel on a tourist visa and \"sort it all out there\"?",
            ),
            yes_no(3, 0),
        ),
        (
            t(
                "Работодатель просит отдать ему паспорт «на хранение»?",
                "Працадаўца просіць аддаць яму пашпарт «на захоўванне»?",
                "Does the employer want to keep your passport \"for safekeeping\"?",
            ),
            yes_no(3, 0),
        ),
        (
            t(
                "Вы смогли проверить агентство в реестре лицензий и отзывы о нём?",
                "Вы змаглі праверыць агенцтва ў рэестры ліцэнзій і водгукі пра яго?",
                "Could you check the agency in the licence register and find reviews?",
            ),
            yes_no(0, 2),
        ),
    ];
    for (text, answers) in questions {
        let qid = content::add_question(store, q, &text).await?;
        for (a, points) in answers {
            content::add_answer(store, q, qid, &a, points).await?;
        }
    }
    for (min, max, advice) in [
        (
            0,
            2,
            t(
                "Явных признаков обмана нет. Всё равно сохраните копии документов, договор и контакты посольства; номер горячей линии: 8 801 201 5555.",
                "Яўных прыкмет падману няма. Усё роўна захавайце копіі дакументаў, дагавор і кантакты пасольства; нумар гарачай лініі: 8 801 201 5555.",
                "No clear signs of deceit. Still keep copies of your documents, the contract and the embassy's contacts; the hotline is 8 801 201 5555.",
            ),
        ),
        (
            3,
            6,
            t(
                "Есть тревожные признаки. Не платите и не выезжайте, пока не проверите предложение: позвоните на горячую линию 8 801 201 5555 (бесплатно, 8:00–20:00).",
                "Ёсць трывожныя прыкметы. Не плаціце і не выязджайце, пакуль не праверыце прапанову: патэлефануйце на гарачую лінію 8 801 201 5555 (бясплатна, 8:00–20:00).",
                "There are warning signs. Do not pay or travel until you have checked the offer: call the hotline 8 801 201 5555 (free, 8:00–20:00).",
            ),
        ),
        (
            7,
            15,
            t(
                "Высокий риск торговли людьми. Не соглашайтесь на это предложение. Позвоните на горячую линию 8 801 201 5555 или 113 — консультанты помогут проверить работодателя.",
                "Высокая рызыка гандлю людзьмі. Не пагаджайцеся на гэтую прапанову. Патэлефануйце на гарачую лінію 8 801 201 5555 або 113 — кансультанты дапамогуць праверыць працадаўцу.",
                "High risk of trafficking. Do not accept this offer. Call the hotline 8 801 201 5555 or 113: consultants will help you check the employer.",
            ),
        ),
    ] {
        content::add_band(store, q, Band { min, max }, &advice).await?;
    }
    content::set_quiz_published(store, q, true, now).await?;
    Ok(())
}

fn safe_travel_title() -> Text3 {
    t(
        "Как безопасно выехать за рубеж",
        "Як бяспечна выехаць за мяжу",
        "How to travel abroad safely",
    )
}

fn safe_travel_body() -> Text3 {
    t(
        "Проверьте работодателя или агентство: у агентства по трудоустройству за рубежом должна быть лицензия Министерства внутренних дел.\n\n\
         Заключите письменный договор на понятном вам языке до выезда и оставьте копию родным.\n\n\
         Никому не отдавайте паспорт. Сделайте копии документов и сохраните их в почте.\n\n\
         Запишите телефоны посольства Беларуси в стране назначения и горячей линии: 8 801 201 5555, из-за рубежа +375 162 21 8888.\n\n\
         Договоритесь с близкими о регулярной связи и условном слове на случай беды.",
        "Праверце працадаўцу або агенцтва: у агенцтва па працаўладкаванні за мяжой павінна быць ліцэнзія Міністэрства ўнутраных спраў.\n\n\
         Заключыце пісьмовы дагавор на зразумелай вам мове да выезду і пакіньце копію родным.\n\n\
         Нікому не аддавайце пашпарт. Зрабіце копіі дакументаў і захавайце іх у пошце.\n\n\
         Запішыце тэлефоны пасольства Беларусі ў краіне прызначэння і гарачай лініі: 8 801 201 5555, з-за мяжы +375 162 21 8888.\n\n\
         Дамоўцеся з блізкімі пра рэгулярную сувязь і ўмоўнае слова на выпадак бяды.",
        "Check the employer or agency: an agency placing workers abroad must hold a licence of the Ministry of Internal Affairs.\n\n\
         Sign a written contract in a language you understand before you leave, and leave a copy with your family.\n\n\
         Never hand over your passport. Make copies of your documents and keep them in your e-mail.\n\n\
         Write down the numbers of the Belarusian embassy in the country you go to and of the hotline: 8 801 201 5555, from abroad +375 162 21 8888.\n\n\
         Agree with your family on regular contact and a code word in case of trouble.",
    )
}
