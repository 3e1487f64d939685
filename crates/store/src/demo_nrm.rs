//! Demo data of the National Referral Mechanism: what the demo organisations offer and
//! publish, referrals between them in every state (with the consents they need, one sent
//! without consent by a supervisor's override, one transfer of a case lead), and the
//! multidisciplinary groups' members and meetings in every region. One transaction, so the
//! demo stays quick to load.

use crate::db::{Store, Tx};
use crate::error::Result;
use crate::groups::{self, NewMeeting};
use time::{Duration, OffsetDateTime};

/// What each kind of organisation offers (service types) and in which languages.
fn offer(slug: &str, org_type: &str) -> (&'static [&'static str], &'static str) {
    match (slug, org_type) {
        ("iom-rehabilitation-centre", _) => (
            &[
                "Shelter",
                "Medical",
                "Psychological",
                "Legal",
                "VocationalTraining",
            ],
            "ru,be,en,uk",
        ),
        ("iom-belarus", _) => (
            &[
                "HumanitarianAid",
                "DocumentsAndCivilRights",
                "Transport",
                "MeetingOnArrival",
            ],
            "ru,be,en",
        ),
        (_, "NGO") if slug.ends_with("open-doors") || slug.ends_with("right-to-future") => (
            &[
                "Psychological",
                "Consultation",
                "SocialSupport",
                "Shelter",
                "Legal",
            ],
            "ru,be",
        ),
        (_, "NGO") => (&["Psychological", "Consultation", "SocialSupport"], "ru,be"),
        (_, "LabourAndSocialProtection") => (
            &[
                "SocialSupport",
                "HumanitarianAid",
                "VocationalTraining",
                "Shelter",
            ],
            "ru,be",
        ),
        (_, "LocalGovernment") => (&["DocumentsAndCivilRights", "SocialSupport"], "ru,be"),
        _ => (&[], "ru"),
    }
}

async fn exec_in(tx: &mut Tx, sql: &'static str, f: impl FnOnce(Binder) -> Binder) -> Result<()> {
    let b = f(Binder::default());
    crate::on_tx!(tx, t => {
        let mut q = sqlx::query(sql);
        for v in &b.0 {
            q = match v {
                Val::I(i) => q.bind(*i),
                Val::S(s) => q.bind(s.clone()),
                Val::OS(s) => q.bind(s.clone()),
                Val::B(x) => q.bind(*x),
                Val::T(x) => q.bind(*x),
                Val::D(x) => q.bind(*x),
            };
        }
        q.execute(&mut **t).await?;
    });
    Ok(())
}

enum Val {
    I(i64),
    S(String),
    OS(Option<String>),
    B(bool),
    T(OffsetDateTime),
    D(time::Date),
}

#[derive(Default)]
struct Binder(Vec<Val>);

impl Binder {
    fn i(mut self, v: i64) -> Self {
        self.0.push(Val::I(v));
        self
    }
    fn s(mut self, v: &str) -> Self {
        self.0.push(Val::S(v.to_owned()));
        self
    }
    fn os(mut self, v: Option<&str>) -> Self {
        self.0.push(Val::OS(v.map(str::to_owned)));
        self
    }
    fn b(mut self, v: bool) -> Self {
        self.0.push(Val::B(v));
        self
    }
    fn t(mut self, v: OffsetDateTime) -> Self {
        self.0.push(Val::T(v));
        self
    }
    fn d(mut self, v: time::Date) -> Self {
        self.0.push(Val::D(v));
        self
    }
}

/// One demo referral.
struct Plan {
    kind: &'static str,
    case_id: i64,
    from: i64,
    to: i64,
    state: &'static str,
    disclosure: &'static str,
    services: &'static [&'static str],
    days_ago: i64,
    consent: bool,
    override_reason: Option<&'static str>,
    decline: Option<&'static str>,
    outcome: Option<&'static str>,
}

async fn insert_referral(tx: &mut Tx, p: &Plan, now: OffsetDateTime) -> Result<()> {
    let sent = now - Duration::days(p.days_ago);
    let accept_due = sent.date() + Duration::days(3);
    let complete_due = (p.kind == "services").then(|| sent.date() + Duration::days(30));
    let later = |d: i64| sent + Duration::days(d);
    let accepted = matches!(p.state, "accepted" | "in_progress" | "completed").then(|| later(1));
    let started = matches!(p.state, "in_progress" | "completed").then(|| later(2));
    let completed = (p.state == "completed").then(|| later(12.min(p.days_ago)));
    let closed = matches!(p.state, "declined" | "cancelled").then(|| later(1));
    if p.consent {
        exec_in(
            tx,
            "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
             VALUES ($1, 'Referral', $2, 'person', 'SignedPaper', $3, NULL, NULL, $4)",
            |b| b.i(p.case_id).i(p.to).d(sent.date()).t(sent),
        )
        .await?;
    }
    let id: i64 = crate::on_tx!(tx, t => {
        sqlx::query_scalar(
            "INSERT INTO referral (kind, case_id, from_organisation_id, to_organisation_id, sent_by, state, disclosure, services, \
             accept_due_on, complete_due_on, override_reason, decline_reason, state_note, sent_at, accepted_at, started_at, \
             completed_at, closed_at, updated_at) \
             VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, NULL, $12, $13, $14, $15, $16, $12) RETURNING id",
        )
        .bind(p.kind)
        .bind(p.case_id)
        .bind(p.from)
        .bind(p.to)
        .bind(p.state)
        .bind(p.disclosure)
        .bind(p.services.join(","))
        .bind(accept_due)
        .bind(complete_due)
        .bind(p.override_reason)
        .bind(p.decline)
        .bind(sent)
        .bind(accepted)
        .bind(started)
        .bind(completed)
        .bind(closed)
        .fetch_one(&mut **t)
        .await?
    });
    let status = match p.state {
        "in_progress" => "InProgress",
        "completed" => "Completed",
        "declined" | "cancelled" => "Cancelled",
        _ => "Planned",
    };
    for s in p.services {
        let sid: i64 = crate::on_tx!(tx, t => {
            sqlx::query_scalar(
                "INSERT INTO case_service (case_id, service_type, provider_organisation_id, status, start_on, end_on, cost_cents, created_by, created_at, outcome) \
                 VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, $8) RETURNING id",
            )
            .bind(p.case_id)
            .bind(*s)
            .bind(p.to)
            .bind(status)
            .bind(started.map(|t| t.date()))
            .bind(completed.or(closed).map(|t| t.date()))
            .bind(sent)
            .bind(p.outcome)
            .fetch_one(&mut **t)
            .await?
        });
        exec_in(
            tx,
            "INSERT INTO referral_service (referral_id, case_service_id) VALUES ($1, $2)",
            |b| b.i(id).i(sid),
        )
        .await?;
    }
    let event = format!(
        "{}.sent",
        if p.kind == "transfer" {
            "transfer"
        } else {
            "referral"
        }
    );
    exec_in(
        tx,
        "INSERT INTO case_event (case_id, at, user_id, kind, fields) VALUES ($1, $2, NULL, $3, NULL)",
        |b| b.i(p.case_id).t(sent).s(&event),
    )
    .await?;
    if p.kind == "transfer" && p.state == "completed" {
        exec_in(
            tx,
            "UPDATE case_file SET lead_organisation_id = $1, assigned_to = NULL WHERE id = $2",
            |b| b.i(p.to).i(p.case_id),
        )
        .await?;
    }
    Ok(())
}

/// Roles in the group: the chair's first.
const ROLES: &[&str] = &[
    "председатель",
    "защита детей и подростков",
    "социальная помощь",
    "психологическая помощь",
    "правовая помощь",
];

/// A member's position in their organisation, by the organisation's type.
fn position(org_type: &str) -> &'static str {
    match org_type {
        "LabourAndSocialProtection" => "заместитель председателя комитета",
        "LawEnforcement" => "начальник отделения",
        "LocalGovernment" => "заведующий отделением",
        "NGO" => "координатор программ",
        "InternationalOrganisation" => "специалист по защите",
        _ => "специалист",
    }
}

const PEOPLE: &[&str] = &[
    "Анна Ковальчук (демо)",
    "Игорь Рябинин (демо)",
    "Светлана Мороз (демо)",
    "Олег Верас (демо)",
    "Татьяна Лис (демо)",
    "Виктор Гайдук (демо)",
    "Людмила Сокол (демо)",
    "Павел Рябцев (демо)",
];

/// Loads the NRM part of the demo dataset (after the organisations, users and cases).
pub async fn load(store: &Store, now: OffsetDateTime) -> Result<()> {
    let orgs = crate::orgs::list_organisations(store).await?;
    let slug = |s: &str| orgs.iter().find(|o| o.slug == s).map(|o| o.id);
    let cases: Vec<(i64, i64, String)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as("SELECT id, lead_organisation_id, region FROM case_file WHERE status IN ('Active', 'FollowUp') ORDER BY id")
            .fetch_all(p)
            .await?
    });
    let mdgs = crate::orgs::list_mdgs(store).await?;
    let mut tx = store.begin().await?;

    for o in &orgs {
        let (services, languages) = offer(&o.slug, &o.org_type);
        let ngo = o.org_type == "NGO";
        let place = o.place.clone().unwrap_or_default();
        exec_in(
            &mut tx,
            "UPDATE organisation SET city = $1, address = $2, phone = $3, email = $4, hours = $5, languages = $6, \
             services = $7, capacity_notes = $8, published = $9, public_fields = $10 WHERE id = $11",
            |b| {
                b.os(Some(&place))
                    .os(Some(&format!("ул. Примерная, {} (демо)", 1 + o.id % 40)))
                    .os(Some(&format!("+375 17 300-{:02}-{:02}", o.id % 100, (o.id * 7) % 100)))
                    .os(Some(&format!("{}@example.org", o.slug)))
                    .os(Some("пн–пт 9:00–18:00"))
                    .s(languages)
                    .s(&services.join(","))
                    .os(if services.contains(&"Shelter") {
                        Some("6 мест в убежище (демо)")
                    } else {
                        None
                    })
                    .b(ngo || o.slug.starts_with("iom"))
                    .s(if ngo { "city,phone,hours,languages,services" } else { "city,services" })
                    .i(o.id)
            },
        )
        .await?;
    }

    if let (Some(cm), Some(partner), Some(hope), Some(dawn), Some(women), Some(rehab)) = (
        slug("ngo-minsk-right-to-future"),
        slug("ngo-gomel-open-doors"),
        slug("ngo-gomel-light-of-hope"),
        slug("ngo-minsk-dawn"),
        slug("ngo-minsk-womens-initiative"),
        slug("iom-rehabilitation-centre"),
    ) {
        let ours: Vec<i64> = cases.iter().filter(|c| c.1 == cm).map(|c| c.0).collect();
        let mut plans = Vec::new();
        let base = |case_id, to, state, days_ago| Plan {
            kind: "services",
            case_id,
            from: cm,
            to,
            state,
            disclosure: "needs_and_contacts",
            services: &["Psychological"],
            days_ago,
            consent: true,
            override_reason: None,
            decline: None,
            outcome: None,
        };
        let spec: [(i64, &'static str, i64); 9] = [
            (partner, "accepted", 2),
            (partner, "in_progress", 40),
            (partner, "completed", 20),
            (hope, "sent", 6),
            (hope, "sent", 1),
            (dawn, "declined", 9),
            (women, "cancelled", 12),
            (dawn, "sent", 2),
            (rehab, "sent", 1),
        ];
        for (i, (to, state, days)) in spec.iter().enumerate() {
            let Some(case_id) = ours.get(i).copied() else {
                break;
            };
            let mut p = base(case_id, *to, *state, *days);
            match i {
                1 => {
                    p.disclosure = "full_assessment";
                    p.services = &["Shelter", "Psychological"];
                }
                2 => {
                    p.services = &["SocialSupport"];
                    p.outcome = Some("Сопровождение завершено, человек трудоустроен (демо)");
                }
                5 => p.decline = Some("no_capacity"),
                7 => {
                    p.kind = "transfer";
                    p.disclosure = "full_assessment";
                    p.services = &[];
                }
                8 => {
                    p.consent = false;
                    p.disclosure = "needs_only";
                    p.services = &["Shelter"];
                    p.override_reason =
                        Some("Человек в опасности ночью, согласие запишем утром (демо)");
                }
                _ => {}
            }
            plans.push(p);
        }
        // Across the regions: NGOs refer to their region's social services centre; some
        // complete, some are declined, one hands the case over.
        let mut n = 0;
        for (case_id, lead, region) in &cases {
            if *lead == cm || n >= 21 {
                continue;
            }
            let Some(centre) = slug(&format!("social-centre-{region}")) else {
                continue;
            };
            let (state, decline) = match n % 7 {
                0..=2 => ("completed", None),
                3 => ("declined", Some("service_not_offered")),
                4 => ("in_progress", None),
                5 => ("declined", Some("outside_area")),
                _ => ("accepted", None),
            };
            let transfer = n == 13;
            plans.push(Plan {
                kind: if transfer { "transfer" } else { "services" },
                case_id: *case_id,
                from: *lead,
                to: centre,
                state: if transfer { "completed" } else { state },
                disclosure: if transfer {
                    "full_assessment"
                } else {
                    "needs_only"
                },
                services: if transfer {
                    &[]
                } else if n % 2 == 0 {
                    &["SocialSupport"]
                } else {
                    &["HumanitarianAid", "VocationalTraining"]
                },
                days_ago: 15 + 11 * n,
                consent: true,
                override_reason: None,
                decline: if transfer { None } else { decline },
                outcome: (state == "completed").then_some("Помощь оказана (демо)"),
            });
            n += 1;
        }
        for p in &plans {
            insert_referral(&mut tx, p, now).await?;
        }
    }

    // Members and meetings of every region's group.
    let year = now.year();
    for g in &mdgs {
        let mut people = Vec::new();
        for (i, org) in g.members.iter().enumerate() {
            let chair = Some(*org) == g.chair_organisation_id;
            let name = PEOPLE[(i + g.id as usize) % PEOPLE.len()];
            let role = if chair {
                ROLES[0]
            } else {
                ROLES[1 + i % (ROLES.len() - 1)]
            };
            let org_type = orgs
                .iter()
                .find(|o| o.id == *org)
                .map_or("", |o| o.org_type.as_str());
            let pid: i64 = crate::on_tx!(&mut tx, t => {
                sqlx::query_scalar(
                    "INSERT INTO mdg_person (mdg_id, organisation_id, name, position, role, chair, name_key, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(g.id)
                .bind(*org)
                .bind(name)
                .bind(position(org_type))
                .bind(role)
                .bind(chair)
                .bind(groups::name_key(name))
                .bind(now)
                .fetch_one(&mut **t)
                .await?
            });
            people.push((pid, *org));
        }
        let region_cases: Vec<i64> = cases
            .iter()
            .filter(|c| c.2 == g.region)
            .map(|c| c.0)
            .collect();
        for (k, months_ago) in [9i64, 6, 3, 1].iter().enumerate() {
            let held_on = now.date() - Duration::days(months_ago * 30);
            let owner = people.get(k % people.len().max(1)).copied();
            let second = people.get((k + 1) % people.len().max(1)).copied();
            let discussed: Vec<i64> = region_cases.iter().skip(k * 2).take(2).copied().collect();
            let m = NewMeeting {
                mdg_id: g.id,
                held_on,
                agenda: format!(
                    "1. Случаи региона ({}). 2. Межведомственное взаимодействие. 3. Разное (демо)",
                    discussed.len()
                ),
                attendance: people
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i + k) % 4 != 3)
                    .map(|(_, p)| p.0)
                    .collect(),
                cases: discussed,
                decisions: vec![format!(
                    "Утвердить план помощи по обсуждённым случаям, {year} (демо)"
                )],
                // Due three weeks after the meeting (the two older are done, the two later
                // overdue) and, from the latest meeting, one due next month.
                actions: owner
                    .map(|(p, o)| {
                        (
                            "Подготовить справку о доступных местах в убежищах (демо)".to_owned(),
                            o,
                            Some(p),
                            held_on + Duration::days(21),
                        )
                    })
                    .into_iter()
                    .chain(second.filter(|_| k == 3).map(|(p, o)| {
                        (
                            "Провести выездную консультацию в районе (демо)".to_owned(),
                            o,
                            Some(p),
                            now.date() + Duration::days(30),
                        )
                    }))
                    .collect(),
            };
            let id = groups::add_meeting_in(&mut tx, &m, None, now).await?;
            if k < 2 {
                exec_in(
                    &mut tx,
                    "UPDATE mdg_item SET done_at = $1 WHERE meeting_id = $2 AND kind = 'action'",
                    |b| b.t(now - Duration::days(20)).i(id),
                )
                .await?;
            }
        }
        if let Some(chair) = g.chair_organisation_id {
            exec_in(
                &mut tx,
                "UPDATE mdg SET chair_organisation_id = $1 WHERE id = $2",
                |b| b.i(chair).i(g.id),
            )
            .await?;
        }
    }
    tx.commit().await
}
