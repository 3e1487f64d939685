//! Demo data of the rehabilitation centre: two centres with rooms and beds, a year of shifts of
//! every kind (and the next two months planned), stays admitted from the demo cases by the same
//! rules the centre applies, plans with sessions and sealed progress notes, discharges with
//! their reviews, and a few cases referred for a stay and still waiting to be admitted.
//! Everything is written in one transaction, so the demo loads in well under a second.

use crate::audit::AuditEvent;
use crate::db::Store;
use crate::error::{Result, StoreError};
use crate::rehab::{self, STAY_SERVICE};
use crate::vault::Vault;
use mayak_domain::crypto;
use mayak_domain::rehab::{
    self as rules, CitizenshipKind, Companion, Destination, DischargeReason, GoalStatus, Occupant,
    RehabKind, ShiftFacts, ShiftKind, Staying,
};
use mayak_domain::{Random, SplitMix64};
use time::{Date, Duration, OffsetDateTime};

/// Seed of the rehabilitation demo ("rehab" in ASCII).
const SEED: u64 = 0x0072_6568_6162;

struct DemoCase {
    id: i64,
    person_id: i64,
    sex: String,
    adult: bool,
    eligible: bool,
    active: bool,
    registered_on: Date,
    citizenship: CitizenshipKind,
    age_band: String,
    relatives: Vec<DemoRelative>,
}

struct DemoRelative {
    id: i64,
    person_id: i64,
    relation: String,
    accompanying: bool,
    sex: String,
}

const GOALS: &[(RehabKind, &str, &str)] = &[
    (
        RehabKind::SocioMedical,
        "Пройти медицинское обследование и начать лечение",
        "Осмотр терапевтом и гинекологом, анализы, сопровождение в поликлинику",
    ),
    (
        RehabKind::SocioPsychological,
        "Снизить тревогу, восстановить сон",
        "Индивидуальные консультации психолога дважды в неделю, группа поддержки",
    ),
    (
        RehabKind::Professional,
        "Выбрать профессию и записаться на курсы",
        "Профориентация, встреча со службой занятости, курс парикмахера или повара",
    ),
    (
        RehabKind::SocioEnvironmental,
        "Восстановить паспорт и найти жильё",
        "Заявление в ОВД, консультация юриста, поиск съёмного жилья с соцработником",
    ),
];

const TOPICS: &[&str] = &[
    "Знакомство, правила центра, ожидания от смены",
    "Работа с тревогой: дыхательные техники",
    "Медицинский осмотр и план лечения",
    "Документы: что нужно для восстановления паспорта",
    "Профориентация: интересы и навыки",
    "Финансовая грамотность: бюджет на месяц",
    "Подготовка к выписке: где жить и к кому обращаться",
];

const NOTES: &[&str] = &[
    "Говорили о первой неделе в центре. Сама отметила, что стала лучше спать и хочет продолжать встречи с психологом.",
    "Вместе обсудили план: сначала документы, затем курсы. Просила не звонить ей на старый номер.",
    "Рассказала о страхе вернуться в родной город. Договорились искать жильё в Минске, с соцработником.",
];

/// Loads the rehabilitation demo; called by the demo loader after the cases exist.
pub async fn load(
    store: &Store,
    vault: &Vault,
    now: OffsetDateTime,
    rng: &dyn Random,
) -> Result<()> {
    let r = SplitMix64::new(SEED);
    let today = now.date();
    let org = crate::orgs::organisation_by_slug(store, "iom-rehabilitation-centre").await?;
    let staff = crate::orgs::list_users(store)
        .await?
        .into_iter()
        .find(|u| u.login == "rehab")
        .map(|u| u.id);
    let operator = AuditEvent {
        login: Some("operator (demo loader)".to_owned()),
        roles: "operator".to_owned(),
        outcome: "ok".to_owned(),
        instance: "demo".to_owned(),
        ..Default::default()
    };
    let room = |name: &str, beds: &[&str]| -> (String, Vec<String>) {
        (
            name.to_owned(),
            beds.iter().map(|b| (*b).to_owned()).collect(),
        )
    };
    let minsk = rehab::create_centre(
        store,
        org.id,
        "Минск, ул. Лесная (демо)",
        "BY-HM",
        &[
            room("101", &["1", "2", "3"]),
            room("102", &["1", "2", "3"]),
            room("103", &["1", "2"]),
            room("201", &["1", "2", "3"]),
            room("202", &["1", "2"]),
            room("203", &["1", "2", "3"]),
        ],
        &operator,
        now,
    )
    .await?;
    let gomel = rehab::create_centre(
        store,
        org.id,
        "Гомель, ул. Речная (демо)",
        "BY-HO",
        &[
            room("1", &["1", "2"]),
            room("2", &["1", "2"]),
            room("3", &["1", "2", "3"]),
        ],
        &operator,
        now,
    )
    .await?;
    let cases = demo_cases(store).await?;
    let mut used = vec![false; cases.len()];
    let mut tx = store.begin().await?;
    // Cases referred for a stay, not yet admitted: women, mothers with a child, men.
    let mut pending = [
        ("Female", false, 3usize),
        ("Female", true, 2),
        ("Male", false, 2),
    ];
    for (ci, c) in cases.iter().enumerate().rev() {
        if used[ci] || !c.eligible || !c.active || !c.adult {
            continue;
        }
        let with_child = c
            .relatives
            .iter()
            .any(|x| x.relation == "Child" && x.accompanying);
        let Some(slot) = pending
            .iter_mut()
            .find(|(sex, child, left)| *left > 0 && c.sex == *sex && with_child == *child)
        else {
            continue;
        };
        slot.2 -= 1;
        used[ci] = true;
        crate::on_tx!(&mut tx, t => {
            for purpose in ["RehabilitationStay", "Referral"] {
                sqlx::query(
                    "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
                     VALUES ($1, $2, $3, 'person', 'SignedPaper', $4, NULL, NULL, $5)",
                )
                .bind(c.id)
                .bind(purpose)
                .bind((purpose == "Referral").then_some(org.id))
                .bind(today - Duration::days(2))
                .bind(now)
                .execute(&mut **t)
                .await?;
            }
            sqlx::query(
                "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at) \
                 VALUES ($1, $2, $3, 'Planned', $4, NULL, NULL, NULL, $5)",
            )
            .bind(c.id)
            .bind(STAY_SERVICE)
            .bind(org.id)
            .bind(today + Duration::days(1))
            .bind(now)
            .execute(&mut **t)
            .await?;
        });
    }
    for (centre_id, kinds, length, capacity) in [
        (
            minsk,
            &[
                ShiftKind::Women,
                ShiftKind::Men,
                ShiftKind::ChildrenWithParents,
                ShiftKind::Families,
            ][..],
            21i64,
            14i64,
        ),
        (
            gomel,
            &[ShiftKind::Women, ShiftKind::Families, ShiftKind::Men][..],
            28,
            6,
        ),
    ] {
        let centre = rehab::centre(store, centre_id).await?;
        let beds = centre.bed_ids();
        let mut start = today - Duration::days(364);
        let mut n = 0usize;
        let mut bed_use: Vec<(i64, Date, Date)> = Vec::new();
        while start < today + Duration::days(56) {
            let kind = kinds[n % kinds.len()];
            let end = start + Duration::days(length + r.below(8) as i64);
            let shift_id: i64 = crate::on_tx!(&mut tx, t => {
                sqlx::query_scalar(
                    "INSERT INTO rehab_shift (centre_id, kind, starts_on, ends_on, capacity, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(centre_id)
                .bind(kind.code())
                .bind(start)
                .bind(end)
                .bind(capacity)
                .bind(staff)
                .bind(now)
                .fetch_one(&mut **t)
                .await?
            });
            let facts = ShiftFacts {
                kind,
                starts_on: start,
                ends_on: end,
                capacity: u32::try_from(capacity).unwrap_or(1),
            };
            let mut staying: Vec<Staying> = Vec::new();
            // Admissions until the shift is about two-thirds full; planned ones for shifts
            // still to come only in the next one.
            let wanted = if start > today + Duration::days(7) {
                2
            } else {
                capacity * 2 / 3
            };
            let mut admitted = 0i64;
            for (ci, c) in cases.iter().enumerate() {
                if admitted >= wanted {
                    break;
                }
                if used[ci] || !c.eligible || c.registered_on > start {
                    continue;
                }
                let Some(group) = group_for(kind, c) else {
                    continue;
                };
                let from = start + Duration::days(r.below(4) as i64);
                let to = (from + Duration::days(10 + r.below(16) as i64)).min(end);
                let mut occupants: Vec<Occupant> = Vec::new();
                let mut taken: Vec<i64> = Vec::new();
                for (pos, (_, sex, child)) in group.iter().enumerate() {
                    let bed = beds.iter().copied().find(|b| {
                        !taken.contains(b)
                            && !bed_use
                                .iter()
                                .any(|(u, f, t)| u == b && *f < to && from < *t)
                    });
                    if let Some(b) = bed {
                        taken.push(b);
                    }
                    occupants.push(Occupant {
                        sex: sex.clone(),
                        age: None,
                        child: *child,
                        from,
                        to,
                        bed,
                        companion: (*child && pos > 0).then_some(Companion::New(0)),
                    });
                }
                if occupants.iter().any(|o| o.bed.is_none())
                    || rules::check_admission(&facts, &staying, &occupants).is_err()
                {
                    continue;
                }
                used[ci] = true;
                admitted += 1;
                let (status, arrived, left) = if to <= today {
                    ("Discharged", Some(from), Some(to))
                } else if from <= today {
                    ("Admitted", Some(from), None)
                } else {
                    ("Planned", None, None)
                };
                let reason = [
                    DischargeReason::ProgrammeCompleted,
                    DischargeReason::ProgrammeCompleted,
                    DischargeReason::ProgrammeCompleted,
                    DischargeReason::OwnDecision,
                    DischargeReason::TransferredElsewhere,
                ][r.below(5) as usize];
                let destination = [
                    Destination::Home,
                    Destination::Relatives,
                    Destination::OwnHousing,
                    Destination::Shelter,
                    Destination::ReturnAbroad,
                ][r.below(5) as usize];
                let service: i64 = crate::on_tx!(&mut tx, t => {
                    sqlx::query(
                        "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
                         VALUES ($1, 'RehabilitationStay', NULL, 'person', 'SignedPaper', $2, NULL, NULL, $3)",
                    )
                    .bind(c.id)
                    .bind(from - Duration::days(3))
                    .bind(now)
                    .execute(&mut **t)
                    .await?;
                    sqlx::query(
                        "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
                         VALUES ($1, 'Referral', $2, 'person', 'SignedPaper', $3, NULL, NULL, $4)",
                    )
                    .bind(c.id)
                    .bind(org.id)
                    .bind(from - Duration::days(3))
                    .bind(now)
                    .execute(&mut **t)
                    .await?;
                    sqlx::query_scalar(
                        "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at, outcome) \
                         VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9) RETURNING id",
                    )
                    .bind(c.id)
                    .bind(STAY_SERVICE)
                    .bind(org.id)
                    .bind(match status { "Discharged" => "Completed", "Admitted" => "InProgress", _ => "Planned" })
                    .bind(from)
                    .bind(left)
                    .bind(staff)
                    .bind(now)
                    .bind(left.map(|_| format!("{} → {}", reason.code(), destination.code())))
                    .fetch_one(&mut **t)
                    .await?
                });
                // Services given during the stay.
                if arrived.is_some() {
                    for (k, st) in [
                        "Medical",
                        "Psychological",
                        "Legal",
                        "DocumentsAndCivilRights",
                        "VocationalTraining",
                    ]
                    .iter()
                    .enumerate()
                    .filter(|_| r.below(2) == 0)
                    {
                        let on = from + Duration::days(1 + k as i64 * 2);
                        if on >= to || on > today {
                            continue;
                        }
                        crate::on_tx!(&mut tx, t => {
                            sqlx::query(
                                "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at) \
                                 VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8)",
                            )
                            .bind(c.id)
                            .bind(*st)
                            .bind(org.id)
                            .bind(if left.is_some() { "Completed" } else { "InProgress" })
                            .bind(on)
                            .bind(left)
                            .bind(staff)
                            .bind(now)
                            .execute(&mut **t)
                            .await?;
                        });
                    }
                }
                let mut ids: Vec<i64> = Vec::new();
                for (((person, who), _, _), o) in group.iter().zip(&occupants) {
                    let id: i64 = crate::on_tx!(&mut tx, t => {
                        sqlx::query_scalar(
                            "INSERT INTO rehab_stay (shift_id, case_id, person_id, relative_id, relation, group_stay_id, companion_stay_id, \
                             bed_id, status, sex, age, age_band, child, citizenship_kind, planned_from, planned_to, arrived_on, left_on, \
                             discharge_reason, destination, service_id, created_by, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id",
                        )
                        .bind(shift_id)
                        .bind(c.id)
                        .bind(person)
                        .bind(who.as_ref().map(|w| w.0))
                        .bind(who.as_ref().map(|w| w.1.clone()))
                        .bind(ids.first().copied())
                        .bind(if o.child { ids.first().copied() } else { None })
                        .bind(o.bed)
                        .bind(status)
                        .bind(&o.sex)
                        .bind(if o.child { "0-8".to_owned() } else { c.age_band.clone() })
                        .bind(o.child)
                        .bind(c.citizenship.code())
                        .bind(from)
                        .bind(to)
                        .bind(arrived)
                        .bind(left)
                        .bind(left.map(|_| reason.code()))
                        .bind(left.map(|_| destination.code()))
                        .bind(service)
                        .bind(staff)
                        .bind(now - Duration::days((today - from).whole_days().max(0) + 5))
                        .fetch_one(&mut **t)
                        .await?
                    });
                    ids.push(id);
                }
                let Some(&first) = ids.first() else { continue };
                crate::on_tx!(&mut tx, t => {
                    sqlx::query("UPDATE rehab_stay SET group_stay_id = $1 WHERE id = $1")
                        .bind(first)
                        .execute(&mut **t)
                        .await?;
                });
                for (k, o) in ids.iter().zip(&occupants) {
                    staying.push(Staying {
                        id: *k,
                        occupant: Occupant {
                            companion: o.companion.map(|_| Companion::Staying(first)),
                            ..o.clone()
                        },
                    });
                    if let Some(b) = o.bed {
                        bed_use.push((b, from, to));
                    }
                }
                // The plan, sessions and notes of the adult admitted from the case.
                if arrived.is_some() {
                    let key = rehab::person_key(store, vault, c.person_id).await.ok();
                    let kinds_worked: Vec<&(RehabKind, &str, &str)> =
                        GOALS.iter().filter(|_| r.below(3) > 0).collect();
                    for (kind, goal, activities) in &kinds_worked {
                        let status = match left {
                            Some(_) => [
                                GoalStatus::Achieved,
                                GoalStatus::Achieved,
                                GoalStatus::PartlyAchieved,
                                GoalStatus::NotAchieved,
                            ][r.below(4) as usize],
                            None => GoalStatus::Open,
                        };
                        crate::on_tx!(&mut tx, t => {
                            sqlx::query(
                                "INSERT INTO rehab_plan_item (stay_id, kind, goal, activities, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                            )
                            .bind(first)
                            .bind(kind.code())
                            .bind(*goal)
                            .bind(*activities)
                            .bind(status.code())
                            .bind(staff)
                            .bind(now)
                            .execute(&mut **t)
                            .await?;
                        });
                    }
                    let mut day = from + Duration::days(1);
                    let last = left.unwrap_or(today);
                    let mut s = 0usize;
                    while day < last {
                        let (kind, _, _) = GOALS[r.below(4) as usize];
                        crate::on_tx!(&mut tx, t => {
                            sqlx::query(
                                "INSERT INTO rehab_session (stay_id, kind, held_on, held_by, minutes, topic, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                            )
                            .bind(first)
                            .bind(kind.code())
                            .bind(day)
                            .bind(staff)
                            .bind(45 + 15 * r.below(4) as i64)
                            .bind(TOPICS[s % TOPICS.len()])
                            .bind(now)
                            .execute(&mut **t)
                            .await?;
                        });
                        s += 1;
                        day += Duration::days(2 + r.below(3) as i64);
                    }
                    if let Some(key) = &key {
                        for (k, text) in NOTES.iter().enumerate().take(1 + r.below(3) as usize) {
                            let id: i64 = crate::on_tx!(&mut tx, t => {
                                sqlx::query_scalar(
                                    "INSERT INTO rehab_note (stay_id, author_id, participation, created_at, sealed) VALUES ($1, $2, $3, $4, NULL) RETURNING id",
                                )
                                .bind(first)
                                .bind(staff)
                                .bind(["CoWritten", "ReadAndAgreed", "PersonsOwnWords"][k])
                                .bind(now)
                                .fetch_one(&mut **t)
                                .await?
                            });
                            let sealed = crypto::seal(
                                key,
                                &rehab::note_context(c.person_id, first, id),
                                text.as_bytes(),
                                rng,
                            );
                            crate::on_tx!(&mut tx, t => {
                                sqlx::query("UPDATE rehab_note SET sealed = $1 WHERE id = $2")
                                    .bind(sealed)
                                    .bind(id)
                                    .execute(&mut **t)
                                    .await?;
                            });
                        }
                        if left.is_some() {
                            let outcomes = kinds_worked
                                .iter()
                                .map(|(k, _, _)| {
                                    format!("{}={}", k.code(), GoalStatus::Achieved.code())
                                })
                                .collect::<Vec<_>>()
                                .join(",");
                            let sealed = crypto::seal(
                                key,
                                &rehab::review_context(c.person_id, first),
                                "Смена пройдена. Документы поданы, есть план трудоустройства; продолжит встречи с психологом в НГО.".as_bytes(),
                                rng,
                            );
                            crate::on_tx!(&mut tx, t => {
                                sqlx::query("INSERT INTO rehab_review (stay_id, outcomes, sealed, reviewed_by, reviewed_at) VALUES ($1, $2, $3, $4, $5)")
                                    .bind(first)
                                    .bind(outcomes)
                                    .bind(sealed)
                                    .bind(staff)
                                    .bind(now)
                                    .execute(&mut **t)
                                    .await?;
                            });
                        }
                    }
                }
            }
            start = end + Duration::days(1 + r.below(3) as i64);
            n += 1;
        }
    }
    let mut e = operator.clone();
    e.action = "demo.load".to_owned();
    e.record_type = Some("rehab_stay".to_owned());
    e.fields = Some("rehabilitation centres, shifts, stays, plans".to_owned());
    crate::audit::append(&mut tx, store.backend(), &e, now).await?;
    tx.commit().await
}

/// Who of a case comes to a shift of `kind`: (person, relative link and relation), sex, child.
type Member = ((i64, Option<(i64, String)>), String, bool);

fn group_for(kind: ShiftKind, c: &DemoCase) -> Option<Vec<Member>> {
    if !c.adult {
        return None;
    }
    let me: Member = ((c.person_id, None), c.sex.clone(), false);
    let children: Vec<Member> = c
        .relatives
        .iter()
        .filter(|x| x.relation == "Child" && x.accompanying)
        .map(|x| {
            (
                (x.person_id, Some((x.id, x.relation.clone()))),
                x.sex.clone(),
                true,
            )
        })
        .collect();
    match kind {
        ShiftKind::Women if c.sex == "Female" => {
            // Daughters come along; sons of unknown age do not stay in a women's shift.
            let mut g = vec![me];
            g.extend(children.into_iter().filter(|m| m.1 == "Female"));
            Some(g)
        }
        ShiftKind::Men if c.sex == "Male" && children.is_empty() => Some(vec![me]),
        ShiftKind::ChildrenWithParents if !children.is_empty() => {
            let mut g = vec![me];
            g.extend(children);
            Some(g)
        }
        ShiftKind::Families if !c.relatives.is_empty() => {
            let mut g = vec![me];
            g.extend(c.relatives.iter().map(|x| {
                (
                    (x.person_id, Some((x.id, x.relation.clone()))),
                    x.sex.clone(),
                    x.relation == "Child",
                )
            }));
            Some(g)
        }
        _ => None,
    }
}

async fn demo_cases(store: &Store) -> Result<Vec<DemoCase>> {
    type CaseRow = (
        i64,
        i64,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        Date,
    );
    type RelRow = (i64, i64, i64, String, bool, String);
    let (rows, rels): (Vec<CaseRow>, Vec<RelRow>) = crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query_as(
            "SELECT id, person_id, sex, age_band, legal_status, status, citizenship, registered_on FROM case_file ORDER BY id",
        )
        .fetch_all(p)
        .await?;
        let rels = sqlx::query_as(
            "SELECT r.id, r.case_id, r.person_id, r.relation, r.accompanying, p.sex FROM case_relative r JOIN person p ON p.id = r.person_id ORDER BY r.id",
        )
        .fetch_all(p)
        .await?;
        (rows, rels)
    });
    if rows.is_empty() {
        return Err(StoreError::EmbeddedData(
            "the rehabilitation demo needs the demo cases".to_owned(),
        ));
    }
    Ok(rows
        .into_iter()
        .map(
            |(id, person_id, sex, age_band, legal, status, citizenship, registered_on)| DemoCase {
                id,
                person_id,
                sex,
                adult: !matches!(age_band.as_deref(), Some("0-8" | "9-17")),
                eligible: legal != "NotConfirmed",
                active: status == "Active" || status == "FollowUp",
                registered_on,
                citizenship: CitizenshipKind::of(&citizenship.into_iter().collect::<Vec<_>>()),
                age_band: age_band.unwrap_or_else(|| "Unknown".to_owned()),
                relatives: rels
                    .iter()
                    .filter(|r| r.1 == id)
                    .map(
                        |(rid, _, person_id, relation, accompanying, sex)| DemoRelative {
                            id: *rid,
                            person_id: *person_id,
                            relation: relation.clone(),
                            accompanying: *accompanying,
                            sex: sex.clone(),
                        },
                    )
                    .collect(),
            },
        )
        .collect())
}
