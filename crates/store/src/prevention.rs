//! Information campaigns: theme, period, regions, target groups, channels, partners; their
//! materials with reach figures entered over time; events (such as a youth camp) with
//! anonymous participant profiles and the experts organisations sent. Totals per campaign and
//! per year are computed here, on both databases alike.

// Several queries are read at once into tuples of row tuples, named where destructured.
#![allow(clippy::type_complexity)]

use crate::db::Store;
use crate::error::{Result, StoreError};
use serde::Serialize;
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};

/// What a campaign is, as a form or the API gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CampaignInput {
    /// Name.
    pub name: String,
    /// Theme code (list `campaign_theme`).
    pub theme: String,
    /// First day.
    pub starts_on: Option<Date>,
    /// Last day, if it has ended or an end is planned.
    pub ends_on: Option<Date>,
    /// What it is about, for the public site.
    pub summary: String,
    /// Region codes.
    pub regions: Vec<String>,
    /// Target group codes (list `target_group`).
    pub target_groups: Vec<String>,
    /// Channel codes (list `campaign_channel`).
    pub channels: Vec<String>,
    /// Partner organisations' ids.
    pub partners: Vec<i64>,
}

/// Reach figures: views (videos, articles, posts), participants (events), copies (leaflets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Reach {
    /// Views.
    pub views: i64,
    /// Participants.
    pub participants: i64,
    /// Copies handed out.
    pub copies: i64,
}

impl Reach {
    /// People reached: views, participants and copies together.
    pub fn people(&self) -> i64 {
        self.views + self.participants + self.copies
    }

    fn add(&mut self, o: &Reach) {
        self.views += o.views;
        self.participants += o.participants;
        self.copies += o.copies;
    }
}

/// A campaign with its lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Campaign {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Theme code.
    pub theme: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Option<Date>,
    /// Summary.
    pub summary: String,
    /// Visible on the public site.
    pub published: bool,
    /// Region codes.
    pub regions: Vec<String>,
    /// Target group codes.
    pub target_groups: Vec<String>,
    /// Channel codes.
    pub channels: Vec<String>,
    /// Partner organisation ids.
    pub partners: Vec<i64>,
    /// Reach of all its materials.
    pub reach: Reach,
    /// Number of materials.
    pub materials: i64,
}

type CampaignRow = (i64, String, String, Date, Option<Date>, String, bool);

const KINDS: [&str; 3] = ["region", "target_group", "channel"];

async fn write_lists(tx: &mut crate::db::Tx, id: i64, c: &CampaignInput) -> Result<()> {
    crate::on_tx!(tx, t => {
        sqlx::query("DELETE FROM campaign_code WHERE campaign_id = $1").bind(id).execute(&mut **t).await?;
        sqlx::query("DELETE FROM campaign_partner WHERE campaign_id = $1").bind(id).execute(&mut **t).await?;
        for (kind, codes) in KINDS.iter().zip([&c.regions, &c.target_groups, &c.channels]) {
            for code in codes {
                sqlx::query("INSERT INTO campaign_code (campaign_id, kind, code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(id).bind(*kind).bind(code).execute(&mut **t).await?;
            }
        }
        for p in &c.partners {
            sqlx::query("INSERT INTO campaign_partner (campaign_id, organisation_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id).bind(p).execute(&mut **t).await?;
        }
    });
    Ok(())
}

/// Records a new campaign (unpublished) and returns its id.
pub async fn create_campaign(
    store: &Store,
    c: &CampaignInput,
    user_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<i64> {
    let starts = c
        .starts_on
        .ok_or_else(|| StoreError::Conflict("a campaign needs a start date".into()))?;
    let mut tx = store.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, t => {
        sqlx::query_scalar(
            "INSERT INTO campaign (name, theme, starts_on, ends_on, summary, published, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(&c.name).bind(&c.theme).bind(starts).bind(c.ends_on).bind(&c.summary).bind(false)
        .bind(user_id).bind(now)
        .fetch_one(&mut **t).await?
    });
    write_lists(&mut tx, id, c).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces a campaign's description and lists.
pub async fn update_campaign(
    store: &Store,
    id: i64,
    c: &CampaignInput,
    now: OffsetDateTime,
) -> Result<()> {
    let starts = c
        .starts_on
        .ok_or_else(|| StoreError::Conflict("a campaign needs a start date".into()))?;
    let mut tx = store.begin().await?;
    let n = crate::on_tx!(&mut tx, t => {
        sqlx::query("UPDATE campaign SET name = $1, theme = $2, starts_on = $3, ends_on = $4, summary = $5, updated_at = $6 WHERE id = $7")
            .bind(&c.name).bind(&c.theme).bind(starts).bind(c.ends_on).bind(&c.summary).bind(now).bind(id)
            .execute(&mut **t).await?.rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    write_lists(&mut tx, id, c).await?;
    tx.commit().await
}

/// Publishes a campaign on the public site, or takes it back.
pub async fn set_campaign_published(
    store: &Store,
    id: i64,
    published: bool,
    now: OffsetDateTime,
) -> Result<()> {
    let n = crate::on_pool!(store.pool(), p => {
        sqlx::query("UPDATE campaign SET published = $1, updated_at = $2 WHERE id = $3")
            .bind(published).bind(now).bind(id).execute(p).await?.rows_affected()
    });
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Every campaign, newest first, with its lists and reach.
pub async fn list_campaigns(store: &Store) -> Result<Vec<Campaign>> {
    load_campaigns(store, None).await
}

/// One campaign.
pub async fn get_campaign(store: &Store, id: i64) -> Result<Campaign> {
    load_campaigns(store, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound)
}

async fn load_campaigns(store: &Store, only: Option<i64>) -> Result<Vec<Campaign>> {
    let (rows, codes, partners, reach, counts): (
        Vec<CampaignRow>,
        Vec<(i64, String, String)>,
        Vec<(i64, i64)>,
        Vec<(i64, i64, i64, i64)>,
        Vec<(i64, i64)>,
    ) = crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query_as(
            "SELECT id, name, theme, starts_on, ends_on, summary, published FROM campaign \
             WHERE ($1 IS NULL OR id = $1) ORDER BY starts_on DESC, id DESC",
        ).bind(only).fetch_all(p).await?;
        let codes = sqlx::query_as("SELECT campaign_id, kind, code FROM campaign_code ORDER BY code")
            .fetch_all(p).await?;
        let partners = sqlx::query_as("SELECT campaign_id, organisation_id FROM campaign_partner ORDER BY organisation_id")
            .fetch_all(p).await?;
        let reach = sqlx::query_as(
            "SELECT m.campaign_id, r.views, r.participants, r.copies FROM material_reach r \
             JOIN campaign_material m ON m.id = r.material_id",
        ).fetch_all(p).await?;
        let counts = sqlx::query_as("SELECT campaign_id, id FROM campaign_material").fetch_all(p).await?;
        (rows, codes, partners, reach, counts)
    });
    Ok(rows
        .into_iter()
        .map(
            |(id, name, theme, starts_on, ends_on, summary, published)| {
                let of = |kind: &str| {
                    codes
                        .iter()
                        .filter(|(c, k, _)| *c == id && k == kind)
                        .map(|(_, _, code)| code.clone())
                        .collect::<Vec<_>>()
                };
                let mut total = Reach::default();
                for (c, v, pa, co) in &reach {
                    if *c == id {
                        total.add(&Reach {
                            views: *v,
                            participants: *pa,
                            copies: *co,
                        });
                    }
                }
                Campaign {
                    id,
                    name,
                    theme,
                    starts_on,
                    ends_on,
                    summary,
                    published,
                    regions: of("region"),
                    target_groups: of("target_group"),
                    channels: of("channel"),
                    partners: partners
                        .iter()
                        .filter(|(c, _)| *c == id)
                        .map(|(_, o)| *o)
                        .collect(),
                    reach: total,
                    materials: counts.iter().filter(|(c, _)| *c == id).count() as i64,
                }
            },
        )
        .collect())
}

/// A material of a campaign with the sum of its reach entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Material {
    /// Id.
    pub id: i64,
    /// Kind (channel code: Video, Article, Leaflet, Event, …).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Released.
    pub released_on: Option<Date>,
    /// Reach so far.
    pub reach: Reach,
    /// Reach entries, oldest first.
    pub entries: Vec<ReachEntry>,
}

/// Reach figures measured on a day (added to what was measured before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReachEntry {
    /// When measured.
    pub measured_on: Date,
    /// The figures.
    pub reach: Reach,
}

/// Adds a material to a campaign.
pub async fn add_material(
    store: &Store,
    campaign_id: i64,
    kind: &str,
    title: &str,
    released_on: Option<Date>,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO campaign_material (campaign_id, kind, title, released_on, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        ).bind(campaign_id).bind(kind).bind(title).bind(released_on).bind(now).fetch_one(p).await?)
    })
}

/// Records reach figures of a material measured on a day; they add to earlier entries.
pub async fn add_reach(
    store: &Store,
    campaign_id: i64,
    material_id: i64,
    measured_on: Date,
    r: Reach,
    user_id: Option<i64>,
    now: OffsetDateTime,
) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        let owner: Option<i64> = sqlx::query_scalar("SELECT campaign_id FROM campaign_material WHERE id = $1")
            .bind(material_id).fetch_optional(p).await?;
        if owner != Some(campaign_id) {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "INSERT INTO material_reach (material_id, measured_on, views, participants, copies, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ).bind(material_id).bind(measured_on).bind(r.views).bind(r.participants).bind(r.copies)
        .bind(user_id).bind(now).execute(p).await?;
    });
    Ok(())
}

/// The materials of a campaign with their reach.
pub async fn materials(store: &Store, campaign_id: i64) -> Result<Vec<Material>> {
    let (rows, entries): (
        Vec<(i64, String, String, Option<Date>)>,
        Vec<(i64, Date, i64, i64, i64)>,
    ) = crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query_as("SELECT id, kind, title, released_on FROM campaign_material WHERE campaign_id = $1 ORDER BY id")
            .bind(campaign_id).fetch_all(p).await?;
        let entries = sqlx::query_as(
            "SELECT r.material_id, r.measured_on, r.views, r.participants, r.copies FROM material_reach r \
             JOIN campaign_material m ON m.id = r.material_id WHERE m.campaign_id = $1 ORDER BY r.measured_on, r.id",
        ).bind(campaign_id).fetch_all(p).await?;
        (rows, entries)
    });
    Ok(rows
        .into_iter()
        .map(|(id, kind, title, released_on)| {
            let entries: Vec<ReachEntry> = entries
                .iter()
                .filter(|e| e.0 == id)
                .map(|e| ReachEntry {
                    measured_on: e.1,
                    reach: Reach {
                        views: e.2,
                        participants: e.3,
                        copies: e.4,
                    },
                })
                .collect();
            let mut reach = Reach::default();
            for e in &entries {
                reach.add(&e.reach);
            }
            Material {
                id,
                kind,
                title,
                released_on,
                reach,
                entries,
            }
        })
        .collect())
}

/// An event of a campaign (a camp, a seminar) with its participants and invited experts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Option<Date>,
    /// Where.
    pub place: String,
    /// Participants, anonymously: age, sex code, region code.
    pub participants: Vec<(i64, String, String)>,
    /// Experts: organisation id, how many, topic.
    pub experts: Vec<(i64, i64, String)>,
}

/// Adds an event to a campaign.
pub async fn add_event(
    store: &Store,
    campaign_id: i64,
    name: &str,
    starts_on: Date,
    ends_on: Option<Date>,
    place: &str,
    now: OffsetDateTime,
) -> Result<i64> {
    crate::on_pool!(store.pool(), p => {
        Ok(sqlx::query_scalar(
            "INSERT INTO campaign_event (campaign_id, name, starts_on, ends_on, place, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        ).bind(campaign_id).bind(name).bind(starts_on).bind(ends_on).bind(place).bind(now).fetch_one(p).await?)
    })
}

async fn event_of(store: &Store, campaign_id: i64, event_id: i64) -> Result<()> {
    let owner: Option<i64> = crate::on_pool!(store.pool(), p => {
        sqlx::query_scalar("SELECT campaign_id FROM campaign_event WHERE id = $1")
            .bind(event_id).fetch_optional(p).await?
    });
    if owner == Some(campaign_id) {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Records participants of an event: age, sex code and region code each, nothing identifying.
pub async fn add_event_participants(
    store: &Store,
    campaign_id: i64,
    event_id: i64,
    people: &[(i64, String, String)],
) -> Result<()> {
    event_of(store, campaign_id, event_id).await?;
    let mut tx = store.begin().await?;
    crate::on_tx!(&mut tx, t => {
        for (age, sex, region) in people {
            sqlx::query("INSERT INTO event_participant (event_id, age, sex, region) VALUES ($1, $2, $3, $4)")
                .bind(event_id).bind(age).bind(sex).bind(region).execute(&mut **t).await?;
        }
    });
    tx.commit().await
}

/// Records experts an organisation sent to an event.
pub async fn add_event_expert(
    store: &Store,
    campaign_id: i64,
    event_id: i64,
    organisation_id: i64,
    experts: i64,
    topic: &str,
) -> Result<()> {
    event_of(store, campaign_id, event_id).await?;
    crate::on_pool!(store.pool(), p => {
        sqlx::query("INSERT INTO event_expert (event_id, organisation_id, experts, topic) VALUES ($1, $2, $3, $4)")
            .bind(event_id).bind(organisation_id).bind(experts).bind(topic).execute(p).await?;
    });
    Ok(())
}

/// The events of a campaign.
pub async fn events(store: &Store, campaign_id: i64) -> Result<Vec<Event>> {
    let (rows, people, experts): (
        Vec<(i64, String, Date, Option<Date>, String)>,
        Vec<(i64, i64, String, String)>,
        Vec<(i64, i64, i64, String)>,
    ) = crate::on_pool!(store.pool(), p => {
        let rows = sqlx::query_as("SELECT id, name, starts_on, ends_on, place FROM campaign_event WHERE campaign_id = $1 ORDER BY starts_on, id")
            .bind(campaign_id).fetch_all(p).await?;
        let people = sqlx::query_as(
            "SELECT ep.event_id, ep.age, ep.sex, ep.region FROM event_participant ep JOIN campaign_event e ON e.id = ep.event_id \
             WHERE e.campaign_id = $1 ORDER BY ep.id",
        ).bind(campaign_id).fetch_all(p).await?;
        let experts = sqlx::query_as(
            "SELECT x.event_id, x.organisation_id, x.experts, x.topic FROM event_expert x JOIN campaign_event e ON e.id = x.event_id \
             WHERE e.campaign_id = $1 ORDER BY x.id",
        ).bind(campaign_id).fetch_all(p).await?;
        (rows, people, experts)
    });
    Ok(rows
        .into_iter()
        .map(|(id, name, starts_on, ends_on, place)| Event {
            id,
            name,
            starts_on,
            ends_on,
            place,
            participants: people
                .iter()
                .filter(|p| p.0 == id)
                .map(|p| (p.1, p.2.clone(), p.3.clone()))
                .collect(),
            experts: experts
                .iter()
                .filter(|x| x.0 == id)
                .map(|x| (x.1, x.2, x.3.clone()))
                .collect(),
        })
        .collect())
}

/// Reach summed by year (of measurement) and campaign theme, and by year and material kind.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ReachStats {
    /// (year, theme) → reach.
    pub by_year_theme: BTreeMap<(i32, String), Reach>,
    /// (year, material kind) → number of materials with reach that year, and reach.
    pub by_year_kind: BTreeMap<(i32, String), (i64, Reach)>,
    /// Campaign id → year → reach.
    pub by_campaign_year: BTreeMap<i64, BTreeMap<i32, Reach>>,
}

/// The reach statistics of every campaign.
pub async fn reach_stats(store: &Store) -> Result<ReachStats> {
    let rows: Vec<(i64, String, i64, String, Date, i64, i64, i64)> = crate::on_pool!(store.pool(), p => {
        sqlx::query_as(
            "SELECT c.id, c.theme, m.id, m.kind, r.measured_on, r.views, r.participants, r.copies \
             FROM material_reach r JOIN campaign_material m ON m.id = r.material_id JOIN campaign c ON c.id = m.campaign_id",
        ).fetch_all(p).await?
    });
    let mut out = ReachStats::default();
    let mut seen = std::collections::BTreeSet::new();
    for (campaign, theme, material, kind, on, views, participants, copies) in rows {
        let r = Reach {
            views,
            participants,
            copies,
        };
        let year = on.year();
        out.by_year_theme.entry((year, theme)).or_default().add(&r);
        let k = out.by_year_kind.entry((year, kind)).or_default();
        if seen.insert((year, material)) {
            k.0 += 1;
        }
        k.1.add(&r);
        out.by_campaign_year
            .entry(campaign)
            .or_default()
            .entry(year)
            .or_default()
            .add(&r);
    }
    Ok(out)
}
