//! Measures the case list and case search on a large database: how long `cases::list` takes
//! for the pages and filters people use, with keyset paging set against naive OFFSET paging.
//!
//! ```text
//! cargo run --release -p mayak-store --example case_list_bench -- \
//!     [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--cases 1000000] \
//!     [--runs 50] [--seed 7] [--keep]
//! ```
//!
//! Without `--database-url` the cases go into a new SQLite file in a temporary directory. With
//! a PostgreSQL URL the bench creates the database `mayak_bench` on that server (dropping a
//! leftover one first) and drops it at the end. `--keep` leaves the database in place for
//! looking at query plans. The results are Markdown tables, as in docs/BENCHMARKS.md.
//!
//! The data is generated from `--seed` and stands at a fixed "today", so two runs load the
//! same cases; only the timings differ.

use mayak_domain::access::Subject;
use mayak_domain::case::{self as rules, CaseStatus};
use mayak_domain::case_list::{CaseCursor, CaseSort, SortKey};
use mayak_domain::crypto;
use mayak_domain::person::{Document, Identity};
use mayak_domain::{Random, Role, SplitMix64};
use mayak_store::cases::{self, CaseFilter};
use mayak_store::db::{Pool, Tx};
use mayak_store::keyring::Keyring;
use mayak_store::vault::Vault;
use mayak_store::{Backend, Store, migrate, on_pool, on_tx, persons, reference};
use sqlx::Connection;
use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

type Error = Box<dyn std::error::Error + Send + Sync>;
type Result<T> = std::result::Result<T, Error>;

/// The day the generated data stands at: cases are registered from [`FIRST_DAY`] until then.
const TODAY: OffsetDateTime = datetime!(2026-03-02 09:00 UTC);
const FIRST_DAY: Date = date!(2019 - 01 - 01);
/// The PostgreSQL database the bench creates and drops.
const PG_DATABASE: &str = "mayak_bench";
/// The fixed key-encryption key of the bench (the data is fictional).
const BENCH_KEK: &str = "YmVuY2htYXJrLWtleS1ub3QtZm9yLXJlYWwtZGF0YSE=";
/// The page size of the case list screen.
const PAGE: i64 = 50;
/// The page reached by cursor and by OFFSET (an earlier one when the data is too small).
const DEEP_PAGE: i64 = 1000;
const WARM_UP_RUNS: usize = 5;
/// Cases per multi-row INSERT, and per transaction.
const BATCH: u64 = 1000;
const BATCHES_PER_TX: u64 = 50;

const ORGS_PER_REGION: usize = 5;
const MANAGERS_PER_ORG: usize = 20;
const PARTNERS_PER_ORG: usize = 3;

/// Regions with their share of cases (Minsk city registers the most).
const REGIONS: &[(&str, u32)] = &[
    ("BY-HM", 30),
    ("BY-MI", 14),
    ("BY-BR", 12),
    ("BY-HO", 12),
    ("BY-MA", 11),
    ("BY-VI", 11),
    ("BY-HR", 10),
];
const PHASES: &[(&str, u32)] = &[
    ("Identification", 15),
    ("FirstAssistanceAndProtection", 25),
    ("LongTermAssistanceAndSocialInclusion", 35),
    ("ReturnAndSocialInclusion", 15),
    ("CriminalAndCivilProceedings", 10),
];
const LEGAL: &[(&str, u32)] = &[
    ("MayHaveSuffered", 30),
    ("IdentifiedVictim", 60),
    ("NotConfirmed", 10),
];
const EXPLOITATION: &[(&str, u32)] = &[
    ("ForcedLabour", 440),
    ("SexualExploitation", 340),
    ("SexAndLabour", 50),
    ("ForcedMarriage", 30),
    ("ForcedBegging", 30),
    ("ForcedCriminality", 30),
    ("SlaveryAndPractices", 20),
    ("ForcedMilitary", 5),
    ("OrganRemoval", 5),
    ("Other", 30),
];
const COUNTRIES: &[(&str, u32)] = &[
    ("RU", 50),
    ("BY", 15),
    ("PL", 10),
    ("DE", 5),
    ("TR", 5),
    ("LT", 4),
    ("AE", 4),
    ("CN", 3),
    ("IL", 2),
    ("CY", 2),
];
const CITIZENSHIPS: &[(&str, u32)] = &[("BY", 85), ("UA", 6), ("RU", 5), ("UZ", 2), ("TJ", 2)];
/// Age at registration, by CTDC band bounds.
const AGES: &[((i32, i32), u32)] = &[
    ((14, 17), 8),
    ((18, 23), 22),
    ((24, 29), 22),
    ((30, 38), 25),
    ((39, 47), 15),
    ((48, 65), 8),
];
const SERVICE_TYPES: &[&str] = &[
    "Shelter",
    "Consultation",
    "HumanitarianAid",
    "SocialSupport",
    "Medical",
    "Psychological",
    "Legal",
    "RehabilitationCentreStay",
];
const SERVICE_STATUSES: &[(&str, u32)] = &[
    ("Completed", 60),
    ("InProgress", 25),
    ("Cancelled", 10),
    ("Planned", 5),
];

const FAMILY_STEMS: &[&str] = &[
    "Kovalen", "Novik", "Petrov", "Sidor", "Moroz", "Kozlov", "Lebed", "Volkov", "Zayats",
    "Melnik", "Shevch", "Bondar", "Tkach", "Kravets", "Kuzmin", "Sokol", "Orlov", "Belyav",
    "Grinev", "Yakovl", "Makarev", "Pavlov", "Semen", "Karpov", "Zhuk",
];
const FAMILY_ENDINGS_MALE: &[&str] = &[
    "", "ich", "ski", "enko", "uk", "ov", "in", "ovich", "chik", "yuk", "ets", "ik",
];
const FAMILY_ENDINGS_FEMALE: &[&str] = &[
    "a", "ich", "skaya", "enko", "uk", "ova", "ina", "ovich", "chik", "yuk", "ets", "ik",
];
const GIVEN_MALE: &[&str] = &[
    "Ivan", "Pavel", "Sergey", "Andrey", "Aleksey", "Dmitry", "Nikolay", "Viktor", "Oleg", "Yury",
    "Igor", "Anton", "Artem", "Maksim", "Denis", "Roman", "Vadim", "Vladimir", "Mikhail", "Stepan",
    "Gleb", "Kirill", "Timur", "Egor", "Ruslan", "Fyodor", "Leonid", "Boris", "Gennady", "Yan",
    "Ales", "Vasil", "Zmitser", "Yakub", "Matvey", "Arseny", "Daniil", "Ilya", "Lev", "Semyon",
];
const GIVEN_FEMALE: &[&str] = &[
    "Anna",
    "Olga",
    "Tatyana",
    "Elena",
    "Natalya",
    "Irina",
    "Svetlana",
    "Marina",
    "Yulia",
    "Ekaterina",
    "Maria",
    "Darya",
    "Alena",
    "Veronika",
    "Kristina",
    "Viktoria",
    "Anastasia",
    "Polina",
    "Valeria",
    "Alina",
    "Oksana",
    "Galina",
    "Lyudmila",
    "Nadezhda",
    "Vera",
    "Lyubov",
    "Zhanna",
    "Inna",
    "Larisa",
    "Nina",
    "Yana",
    "Alesya",
    "Katsiaryna",
    "Volha",
    "Hanna",
    "Sofia",
    "Milana",
    "Ulyana",
    "Eva",
    "Diana",
];
/// Fathers' names that patronymics are made of.
const FATHERS: &[&str] = &[
    "Ivan",
    "Pavel",
    "Sergey",
    "Andrey",
    "Aleksandr",
    "Dmitry",
    "Nikolay",
    "Viktor",
    "Oleg",
    "Yury",
    "Igor",
    "Anton",
    "Petr",
    "Mikhail",
    "Vladimir",
    "Roman",
    "Vadim",
    "Stepan",
    "Leonid",
    "Boris",
    "Gennady",
    "Vasily",
    "Fyodor",
    "Grigory",
    "Konstantin",
    "Anatoly",
    "Valery",
    "Evgeny",
    "Arkady",
    "Eduard",
];

#[tokio::main]
async fn main() -> Result<()> {
    let options = Options::parse(std::env::args().skip(1))?;
    let (store, target) = open(&options).await?;
    let outcome = run(&store, &options).await;
    store.close().await;
    target.remove(options.keep).await;
    outcome
}

/// The command line.
struct Options {
    database_url: Option<String>,
    cases: u64,
    runs: usize,
    seed: u64,
    keep: bool,
}

impl Options {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Self> {
        let mut o = Options {
            database_url: None,
            cases: 1_000_000,
            runs: 50,
            seed: 7,
            keep: false,
        };
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .ok_or_else(|| Error::from(format!("{name} needs a value")))
            };
            match arg.as_str() {
                "--database-url" => o.database_url = Some(value("--database-url")?),
                "--cases" => o.cases = value("--cases")?.replace('_', "").parse()?,
                "--runs" => o.runs = value("--runs")?.parse()?,
                "--seed" => o.seed = value("--seed")?.parse()?,
                "--keep" => o.keep = true,
                other => {
                    return Err(format!(
                        "unknown argument {other:?}; expected --database-url URL, --cases N, \
                         --runs N, --seed N or --keep"
                    )
                    .into());
                }
            }
        }
        if o.cases < 10 * PAGE as u64 || o.runs == 0 {
            return Err("--cases must be at least 500 and --runs at least 1".into());
        }
        Ok(o)
    }
}

/// Where the bench database lives, to remove it afterwards.
enum Target {
    Sqlite(PathBuf),
    Postgres { admin_url: String },
}

/// A fresh, migrated database with the reference lists, as the tests make them.
async fn open(o: &Options) -> Result<(Store, Target)> {
    let (store, target) = match &o.database_url {
        None => {
            let dir = mayak_testkit::temp_dir();
            (Store::open_sqlite(&dir).await?, Target::Sqlite(dir))
        }
        Some(url) if url.starts_with("postgres:") || url.starts_with("postgresql:") => {
            let mut admin = sqlx::PgConnection::connect(url).await?;
            for sql in [
                format!("DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"),
                format!("CREATE DATABASE {PG_DATABASE}"),
            ] {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut admin)
                    .await?;
            }
            admin.close().await?;
            let store = Store::connect(&mayak_testkit::with_database(url, PG_DATABASE)).await?;
            let target = Target::Postgres {
                admin_url: url.clone(),
            };
            (store, target)
        }
        Some(_) => return Err("--database-url must be a postgres:// URL".into()),
    };
    migrate::apply(&store, TODAY).await?;
    reference::sync_builtin(&store, TODAY).await?;
    Ok((store, target))
}

impl Target {
    async fn remove(self, keep: bool) {
        match self {
            Target::Sqlite(dir) if keep => eprintln!("kept {}", dir.display()),
            Target::Sqlite(dir) => {
                let _ = std::fs::remove_dir_all(&dir);
            }
            Target::Postgres { .. } if keep => eprintln!("kept database {PG_DATABASE}"),
            Target::Postgres { admin_url } => {
                if let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await {
                    let sql = format!("DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)");
                    if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&mut admin)
                        .await
                    {
                        eprintln!("could not drop {PG_DATABASE}: {e}");
                    }
                    let _ = admin.close().await;
                }
            }
        }
    }
}

async fn run(store: &Store, o: &Options) -> Result<()> {
    let rng = SplitMix64::new(o.seed);
    let keyring = Keyring::from_key_base64(BENCH_KEK)?;
    let vault = Vault::open(store, Arc::new(keyring), &rng).await?;
    let world = World::create(store).await?;

    let started = Instant::now();
    load(store, &vault, &world, o, &rng).await?;
    let load_time = started.elapsed();
    if store.backend() == Backend::Postgres {
        // Autovacuum would gather statistics a minute after such a load; do it now.
        on_pool!(store.pool(), p => {
            sqlx::raw_sql("ANALYZE").execute(p).await?;
        });
    }
    eprintln!("loaded {} cases in {:.0?}", o.cases, load_time);

    let sup = world.national_supervisor();
    let deep = deep_page(store, &sup).await?;
    let probes = probes(store, &world, o, deep).await?;
    let walk = walk_pages(store, &sup, deep).await?;
    let results = measure_all(store, &vault, &probes, o.runs).await?;

    println!("## {:?}, {} cases\n", store.backend(), o.cases);
    println!(
        "Loaded in {:.0} s; database size {}. Median and p95 of {} runs after {} warm-up runs; \
         pages of {PAGE} cases.\n",
        load_time.as_secs_f64(),
        size(store).await?,
        o.runs,
        WARM_UP_RUNS,
    );
    println!("| Query | Reaches | Rows | Median ms | p95 ms |");
    println!("|---|---|---:|---:|---:|");
    for (p, (rows, t)) in probes.iter().zip(&results) {
        println!(
            "| {} | {} | {rows} | {:.2} | {:.2} |",
            p.label,
            p.reach,
            ms(t.median),
            ms(t.p95)
        );
    }
    println!(
        "\nWalking pages 1 to {deep} by cursor (national supervisor, once): {:.2} s in \
         all, {:.2} ms a page; the cursor reached matched the OFFSET page.",
        walk.as_secs_f64(),
        ms(walk) / deep as f64
    );
    Ok(())
}

/// The organisations and staff cases are spread over.
struct World {
    orgs: Vec<Org>,
}

struct Org {
    id: i64,
    region: &'static str,
    supervisor: i64,
    managers: Vec<i64>,
    partners: Vec<i64>,
}

impl World {
    /// One national organisation (index 0) and [`ORGS_PER_REGION`] in every region.
    async fn create(store: &Store) -> Result<Self> {
        let mut orgs = Vec::new();
        let mut next_user = 10_001;
        let regions = std::iter::once("BY-HM").chain(
            REGIONS
                .iter()
                .flat_map(|(r, _)| std::iter::repeat_n(*r, ORGS_PER_REGION)),
        );
        for (i, region) in regions.enumerate() {
            let mut staff = next_user..next_user + (1 + MANAGERS_PER_ORG + PARTNERS_PER_ORG) as i64;
            next_user = staff.end;
            let supervisor = staff.next().unwrap_or_default();
            orgs.push(Org {
                id: 1001 + i as i64,
                region,
                supervisor,
                managers: staff.by_ref().take(MANAGERS_PER_ORG).collect(),
                partners: staff.collect(),
            });
        }
        let mut tx = store.begin().await?;
        on_tx!(&mut tx, t => {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO organisation (id, slug, name_ru, name_be, name_en, org_type, region, \
                 place, may_identify, ngo_network, created_at) ",
            );
            q.push_values(&orgs, |mut b, org| {
                let name = format!("Bench organisation {}", org.id);
                b.push_bind(org.id)
                    .push_bind(format!("bench-{}", org.id))
                    .push_bind(name.clone())
                    .push_bind(name.clone())
                    .push_bind(name)
                    .push_bind(if org.id % 3 == 0 { "LawEnforcement" } else { "NGO" })
                    .push_bind(org.region)
                    .push_bind(None::<String>)
                    .push_bind(org.id % 3 == 0)
                    .push_bind(org.id % 3 != 0)
                    .push_bind(TODAY);
            });
            q.build().execute(&mut **t).await?;
            let users: Vec<(i64, i64)> = orgs
                .iter()
                .flat_map(|o| {
                    std::iter::once(o.supervisor)
                        .chain(o.managers.iter().copied())
                        .chain(o.partners.iter().copied())
                        .map(|u| (u, o.id))
                })
                .collect();
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO app_user (id, login, display_name, organisation_id, password_hash, \
                 disabled, created_at) ",
            );
            q.push_values(&users, |mut b, (user, org)| {
                b.push_bind(*user)
                    .push_bind(format!("bench{user}"))
                    .push_bind(format!("Bench user {user}"))
                    .push_bind(*org)
                    .push_bind(None::<String>)
                    .push_bind(false)
                    .push_bind(TODAY);
            });
            q.build().execute(&mut **t).await?;
        });
        tx.commit().await?;
        Ok(Self { orgs })
    }

    fn national(&self) -> Result<&Org> {
        self.orgs.first().ok_or_else(|| "no organisations".into())
    }

    /// A regional organisation: the `k`th of region `r`.
    fn regional(&self, r: usize, k: usize) -> Result<&Org> {
        self.orgs
            .get(1 + r * ORGS_PER_REGION + k)
            .ok_or_else(|| "no such organisation".into())
    }

    fn national_supervisor(&self) -> Subject {
        self.national().map_or_else(
            |_| subject(0, 0, Role::Supervisor),
            |o| subject(o.supervisor, o.id, Role::Supervisor),
        )
    }
}

fn subject(user_id: i64, organisation_id: i64, role: Role) -> Subject {
    Subject {
        user_id,
        organisation_id,
        roles: vec![role],
        group_regions: Vec::new(),
    }
}

fn weighted<T: Copy>(rng: &SplitMix64, items: &[(T, u32)]) -> Result<T> {
    let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
    let mut x = rng.below(total);
    for (item, w) in items {
        if x < u64::from(*w) {
            return Ok(*item);
        }
        x -= u64::from(*w);
    }
    Err("empty weights".into())
}

fn pick<T: Copy>(rng: &SplitMix64, items: &[T]) -> Result<T> {
    rng.pick(items).copied().ok_or_else(|| "empty list".into())
}

/// Percent chance.
fn chance(rng: &SplitMix64, percent: u64) -> bool {
    rng.below(100) < percent
}

/// The identifying data of person `i`, the same on every call, so searches can look a
/// generated person up again.
fn identity_of(seed: u64, i: u64, female: bool, registered_on: Date) -> Result<Identity> {
    let rng = SplitMix64::new(seed ^ i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let stem = pick(&rng, FAMILY_STEMS)?;
    let (endings, given) = if female {
        (FAMILY_ENDINGS_FEMALE, GIVEN_FEMALE)
    } else {
        (FAMILY_ENDINGS_MALE, GIVEN_MALE)
    };
    let family_name = format!("{stem}{}", pick(&rng, endings)?);
    let given_names = pick(&rng, given)?.to_owned();
    let father = pick(&rng, FATHERS)?;
    let patronymic = format!("{father}{}", if female { "ovna" } else { "ovich" });
    let birth_date = if chance(&rng, 95) {
        let (low, high) = weighted(&rng, AGES)?;
        let age = low + rng.below((high - low + 1) as u64) as i32;
        let days = i64::from(age) * 365 + rng.below(365) as i64;
        Some(registered_on - time::Duration::days(days))
    } else {
        None
    };
    // One in seven arrives without papers.
    let documents = if chance(&rng, 85) {
        vec![Document {
            doc_type: "Passport".to_owned(),
            number: format!("MP{:07}", i + 1),
            country: Some("BY".to_owned()),
        }]
    } else {
        Vec::new()
    };
    Ok(Identity {
        family_name,
        given_names,
        patronymic: Some(patronymic),
        birth_date,
        citizenships: vec![weighted(&rng, CITIZENSHIPS)?.to_owned()],
        documents,
        ..Identity::default()
    })
}

fn is_female(seed: u64, i: u64) -> bool {
    // Two thirds of identified victims in Belarus are women.
    SplitMix64::new(seed.rotate_left(17) ^ i).below(3) < 2
}

/// One generated case with its person.
struct Generated {
    id: i64,
    sex: &'static str,
    indexes: Vec<(&'static str, String)>,
    code: String,
    region: &'static str,
    year: i32,
    number: i64,
    lead: i64,
    created_by: i64,
    assigned_to: Option<i64>,
    status: &'static str,
    phase: &'static str,
    legal: &'static str,
    identified_by: Option<i64>,
    identified_on: Option<Date>,
    identification_document: Option<String>,
    registered_on: Date,
    age_band: Option<&'static str>,
    citizenship: Option<String>,
    exploitation_type: &'static str,
    country: &'static str,
    closure_reason: Option<&'static str>,
    closed_on: Option<Date>,
    version: i64,
    updated_at: OffsetDateTime,
    service: Option<(&'static str, i64, &'static str)>,
}

/// Makes cases one after another, registered in order of their id as in real life.
struct Generator<'a> {
    world: &'a World,
    vault: &'a Vault,
    rng: &'a SplitMix64,
    seed: u64,
    total: u64,
    days: i64,
    numbers: HashMap<(&'static str, i32), i64>,
    regions: &'static [(&'static str, u32)],
    region_weights: Vec<(usize, u32)>,
}

impl Generator<'_> {
    fn case(&mut self, i: u64) -> Result<Generated> {
        let rng = self.rng;
        let registered_on =
            FIRST_DAY + time::Duration::days((i as i64 * self.days) / self.total as i64);
        let age_days = (TODAY.date() - registered_on).whole_days();
        let year = registered_on.year();
        let region_index = weighted(rng, &self.region_weights)?;
        let lead = if chance(rng, 25) {
            self.world.national()?
        } else {
            // The first organisation of a region is its largest.
            let k = weighted(rng, &[(0, 40), (1, 20), (2, 15), (3, 15), (4, 10)])?;
            self.world.regional(region_index, k)?
        };
        let region = self
            .regions
            .get(region_index)
            .map(|r| r.0)
            .ok_or("no region")?;
        let number = self.numbers.entry((region, year)).or_insert(0);
        *number += 1;
        let status = weighted(
            rng,
            match age_days {
                ..180 => &[
                    ("Active", 70),
                    ("FollowUp", 20),
                    ("Closed", 10),
                    ("ClosedReferred", 0),
                ],
                180..730 => &[
                    ("Active", 25),
                    ("FollowUp", 25),
                    ("Closed", 40),
                    ("ClosedReferred", 10),
                ],
                _ => &[
                    ("Active", 3),
                    ("FollowUp", 5),
                    ("Closed", 80),
                    ("ClosedReferred", 12),
                ],
            },
        )?;
        let closed = CaseStatus::parse(status).is_some_and(CaseStatus::is_closed);
        let legal = weighted(rng, LEGAL)?;
        let identified = legal != "MayHaveSuffered";
        let identified_on = identified
            .then(|| registered_on + time::Duration::days(20 + rng.below(40) as i64))
            .filter(|d| *d <= TODAY.date());
        let closed_on = closed.then(|| {
            (registered_on + time::Duration::days(60 + rng.below(640) as i64)).min(TODAY.date())
        });
        let female = is_female(self.seed, i);
        let identity = identity_of(self.seed, i, female, registered_on)?;
        let age_band = identity
            .birth_date
            .map(|b| rules::age_band(rules::age_on(b, registered_on)));
        let id = i as i64 + 1;
        let service = if chance(rng, 15) {
            // A third of services go to the largest regional centre of Minsk.
            let provider = if chance(rng, 33) {
                self.world.regional(0, 0)?
            } else {
                pick_org(rng, self.world)?
            };
            Some((
                pick(rng, SERVICE_TYPES)?,
                provider.id,
                weighted(rng, SERVICE_STATUSES)?,
            ))
        } else {
            None
        };
        let updated_at = closed_on
            .unwrap_or(registered_on)
            .with_time(time::Time::MIDNIGHT)
            .assume_utc();
        Ok(Generated {
            id,
            sex: if female { "Female" } else { "Male" },
            indexes: persons::indexes(self.vault, &identity),
            code: rules::case_code(region, year, *number),
            region,
            year,
            number: *number,
            lead: lead.id,
            created_by: pick(rng, &lead.managers)?,
            assigned_to: if chance(rng, 97) {
                Some(pick(rng, &lead.managers)?)
            } else {
                None
            },
            status,
            phase: weighted(rng, PHASES)?,
            legal,
            identified_by: identified.then(|| {
                self.world
                    .regional(region_index, 4)
                    .map_or(lead.id, |o| o.id)
            }),
            identified_on,
            identification_document: identified_on.map(|d| format!("{}/{}", id % 997, d.year())),
            registered_on,
            age_band,
            citizenship: identity.citizenships.first().cloned(),
            exploitation_type: weighted(rng, EXPLOITATION)?,
            country: weighted(rng, COUNTRIES)?,
            closure_reason: closed.then_some("Assistance completed"),
            closed_on,
            version: 1 + rng.below(6) as i64,
            updated_at,
            service,
        })
    }
}

fn pick_org<'w>(rng: &SplitMix64, world: &'w World) -> Result<&'w Org> {
    world
        .orgs
        .get(rng.below(world.orgs.len() as u64) as usize)
        .ok_or_else(|| "no organisations".into())
}

/// Bulk-loads the cases, their persons with blind indexes, and services, with multi-row
/// INSERTs in large transactions.
async fn load(
    store: &Store,
    vault: &Vault,
    world: &World,
    o: &Options,
    rng: &SplitMix64,
) -> Result<()> {
    let mut generator = Generator {
        world,
        vault,
        rng,
        seed: o.seed,
        total: o.cases,
        days: (TODAY.date() - FIRST_DAY).whole_days(),
        numbers: HashMap::new(),
        regions: REGIONS,
        region_weights: REGIONS
            .iter()
            .enumerate()
            .map(|(k, (_, w))| (k, *w))
            .collect(),
    };
    let mut start = 0;
    while start < o.cases {
        let mut tx = store.begin().await?;
        let tx_end = (start + BATCH * BATCHES_PER_TX).min(o.cases);
        while start < tx_end {
            let end = (start + BATCH).min(tx_end);
            let batch = (start..end)
                .map(|i| generator.case(i))
                .collect::<Result<Vec<_>>>()?;
            insert(&mut tx, &batch).await?;
            start = end;
        }
        tx.commit().await?;
        if start.is_multiple_of(100_000) {
            eprintln!("… {start} cases");
        }
    }
    Ok(())
}

async fn insert(tx: &mut Tx, batch: &[Generated]) -> Result<()> {
    let index: Vec<(&str, &str, i64)> = batch
        .iter()
        .flat_map(|c| c.indexes.iter().map(|(k, d)| (*k, d.as_str(), c.id)))
        .collect();
    let services: Vec<(&Generated, (&str, i64, &str))> = batch
        .iter()
        .filter_map(|c| c.service.map(|s| (c, s)))
        .collect();
    on_tx!(tx, t => {
        let mut q = sqlx::QueryBuilder::new(
            "INSERT INTO person (id, sex, created_at, updated_at) ",
        );
        q.push_values(batch, |mut b, c| {
            let at = c.registered_on.with_time(time::Time::MIDNIGHT).assume_utc();
            b.push_bind(c.id).push_bind(c.sex).push_bind(at).push_bind(c.updated_at);
        });
        q.build().execute(&mut **t).await?;

        let mut q = sqlx::QueryBuilder::new("INSERT INTO person_index (kind, digest, person_id) ");
        q.push_values(&index, |mut b, (kind, digest, person)| {
            b.push_bind(*kind).push_bind(*digest).push_bind(*person);
        });
        q.build().execute(&mut **t).await?;

        let mut q = sqlx::QueryBuilder::new(
            "INSERT INTO case_file (id, code, person_id, region, year, number, \
             lead_organisation_id, created_by, assigned_to, status, nrm_phase, legal_status, \
             identified_by, identified_on, identification_document, registered_on, sex, \
             age_band, citizenship, exploitation_type, country_of_exploitation, closure_reason, \
             reintegration_outcome, closed_on, version, created_at, updated_at) ",
        );
        q.push_values(batch, |mut b, c| {
            let created_at = c.registered_on.with_time(time::Time::MIDNIGHT).assume_utc();
            b.push_bind(c.id)
                .push_bind(c.code.as_str())
                .push_bind(c.id)
                .push_bind(c.region)
                .push_bind(c.year)
                .push_bind(c.number)
                .push_bind(c.lead)
                .push_bind(c.created_by)
                .push_bind(c.assigned_to)
                .push_bind(c.status)
                .push_bind(c.phase)
                .push_bind(c.legal)
                .push_bind(c.identified_by)
                .push_bind(c.identified_on)
                .push_bind(c.identification_document.as_deref())
                .push_bind(c.registered_on)
                .push_bind(c.sex)
                .push_bind(c.age_band)
                .push_bind(c.citizenship.as_deref())
                .push_bind(c.exploitation_type)
                .push_bind(c.country)
                .push_bind(c.closure_reason)
                .push_bind(c.closed_on.map(|_| "Reintegrated"))
                .push_bind(c.closed_on)
                .push_bind(c.version)
                .push_bind(created_at)
                .push_bind(c.updated_at);
        });
        q.build().execute(&mut **t).await?;

        if !services.is_empty() {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO case_service (case_id, service_type, provider_organisation_id, \
                 status, start_on, end_on, cost_cents, created_by, created_at) ",
            );
            q.push_values(&services, |mut b, (c, (kind, provider, status))| {
                let start = c.registered_on + time::Duration::days(7);
                b.push_bind(c.id)
                    .push_bind(*kind)
                    .push_bind(*provider)
                    .push_bind(*status)
                    .push_bind(start)
                    .push_bind(c.closed_on)
                    .push_bind(Some(50_000_i64))
                    .push_bind(c.created_by)
                    .push_bind(start.with_time(time::Time::MIDNIGHT).assume_utc());
            });
            q.build().execute(&mut **t).await?;
        }
    });
    Ok(())
}

/// One measured query.
struct Probe {
    label: String,
    /// Who asks, in words.
    reach: &'static str,
    kind: ProbeKind,
}

enum ProbeKind {
    /// `cases::list` as the case list screen calls it.
    List(Subject, CaseFilter),
    /// A search by name or document: the blind index, then `cases::list` of those persons.
    Search(Subject, CaseFilter, &'static str, String),
    /// The baseline: the same page with LIMIT/OFFSET, in raw SQL with the supervisor's scope.
    Offset(Subject, i64),
}

/// The columns `cases::list` reads, so the baseline fetches as much.
const COLUMNS: &str = "id, code, person_id, region, lead_organisation_id, created_by, \
     assigned_to, status, nrm_phase, legal_status, identified_by, identified_on, \
     identification_document, registered_on, sex, age_band, citizenship, exploitation_type, \
     country_of_exploitation, closure_reason, reintegration_outcome, closed_on, version, \
     updated_at";

impl Probe {
    async fn run(&self, store: &Store, vault: &Vault) -> Result<usize> {
        match &self.kind {
            ProbeKind::List(s, f) => Ok(cases::list(store, f, s).await?.len()),
            ProbeKind::Search(s, f, kind, value) => {
                let mut f = f.clone();
                f.person_ids = Some(persons::find(store, vault, kind, value).await?);
                Ok(cases::list(store, &f, s).await?.len())
            }
            ProbeKind::Offset(s, offset) => Ok(offset_page(store, s, *offset).await?.len()),
        }
    }
}

/// A page of a supervisor's cases by LIMIT/OFFSET: what keyset paging replaces.
async fn offset_page(store: &Store, s: &Subject, offset: i64) -> Result<Vec<i64>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM case_file WHERE (created_by = $1 OR assigned_to = $2 \
         OR lead_organisation_id = $3) ORDER BY id DESC LIMIT $4 OFFSET $5"
    );
    on_pool!(store.pool(), p => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(s.user_id)
            .bind(s.user_id)
            .bind(s.organisation_id)
            .bind(PAGE)
            .bind(offset)
            .fetch_all(p)
            .await?;
        Ok(rows.iter().map(|r| sqlx::Row::try_get(r, "id")).collect::<sqlx::Result<_>>()?)
    })
}

/// The cursor after a case in the newest-first order.
fn by_id(id: Option<i64>) -> Option<CaseCursor> {
    id.map(|id| CaseCursor {
        key: SortKey::Id,
        id,
    })
}

fn filter() -> CaseFilter {
    CaseFilter {
        limit: PAGE,
        ..CaseFilter::default()
    }
}

/// The queries measured, with cursors and search terms taken from the loaded data.
async fn probes(store: &Store, world: &World, o: &Options, deep: i64) -> Result<Vec<Probe>> {
    let national = world.national()?;
    let small = world.regional(4, 4)?; // the smallest organisation of Mogilev region
    let partner_org = world.regional(0, 0)?;
    let sup = world.national_supervisor();
    let small_sup = subject(small.supervisor, small.id, Role::Supervisor);
    let manager = subject(
        national.managers.first().copied().unwrap_or_default(),
        national.id,
        Role::CaseManager,
    );
    let partner = subject(
        partner_org.partners.first().copied().unwrap_or_default(),
        partner_org.id,
        Role::PartnerCaseworker,
    );
    let deep_offset = (deep - 1) * PAGE;
    // The cursor of page 1000 is the last id of page 999.
    let cursor = offset_page(store, &sup, deep_offset - PAGE)
        .await?
        .last()
        .copied();
    let page20 = offset_page(store, &sup, 18 * PAGE).await?.last().copied();
    // The cursor of page 20 in registration-date order, reached by walking 19 pages.
    let mut reg_page20 = None;
    for _ in 0..19 {
        let f = CaseFilter {
            sort: CaseSort::RegisteredDesc,
            after: reg_page20.clone(),
            ..filter()
        };
        reg_page20 = cases::list(store, &f, &sup)
            .await?
            .last()
            .map(|c| c.cursor(CaseSort::RegisteredDesc));
    }

    // People whose cases the national supervisor reaches (search results are limited to what
    // the user may see): one a third of the way in, searched for by name, and one half-way,
    // searched for by passport number.
    let find = |person_id: i64| -> Result<Identity> {
        let i = (person_id - 1) as u64;
        let registered_on = FIRST_DAY
            + time::Duration::days(
                (i as i64 * (TODAY.date() - FIRST_DAY).whole_days()) / o.cases as i64,
            );
        identity_of(o.seed, i, is_female(o.seed, i), registered_on)
    };
    let national_cases = |from: u64| CaseFilter {
        lead_organisation: Some(national.id),
        after: by_id(Some(from as i64)),
        limit: 20,
        ..filter()
    };
    let near_third = cases::list(store, &national_cases(o.cases / 3), &sup).await?;
    let by_name = find(near_third.first().map_or(1, |c| c.person_id))?;
    let short_name =
        crypto::normalise_name(&format!("{} {}", by_name.family_name, by_name.given_names));
    let full_name = crypto::normalise_name(&by_name.full_name());
    let mut with_papers = String::new();
    for c in cases::list(store, &national_cases(o.cases / 2), &sup).await? {
        if let Some(d) = find(c.person_id)?.documents.first() {
            with_papers = d.number.clone();
            break;
        }
    }
    let mid_code: String = cases::list(
        store,
        &CaseFilter {
            after: by_id(Some(o.cases as i64 / 2)),
            limit: 1,
            ..filter()
        },
        &sup,
    )
    .await?
    .first()
    .map(|c| c.code.clone())
    .unwrap_or_default();
    let old_prefix = "BR-2020";

    let nat = "national supervisor (~27 %)";
    let out = vec![
        Probe {
            label: "First page, no filter".into(),
            reach: nat,
            kind: ProbeKind::List(sup.clone(), filter()),
        },
        Probe {
            label: "First page, no filter".into(),
            reach: "supervisor of a small org (~1 %)",
            kind: ProbeKind::List(small_sup.clone(), filter()),
        },
        Probe {
            label: "First page, no filter".into(),
            reach: "case manager (own + assigned)",
            kind: ProbeKind::List(manager.clone(), filter()),
        },
        Probe {
            label: "First page, no filter".into(),
            reach: "partner caseworker (assigned + referred)",
            kind: ProbeKind::List(partner.clone(), filter()),
        },
        Probe {
            label: "Page 20 by keyset cursor".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    after: by_id(page20),
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Page 20 by OFFSET 950 (baseline)".into(),
            reach: nat,
            kind: ProbeKind::Offset(sup.clone(), 19 * PAGE),
        },
        Probe {
            label: format!("Page {deep} by keyset cursor"),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    after: by_id(cursor),
                    ..filter()
                },
            ),
        },
        Probe {
            label: format!("Page {deep} by OFFSET {deep_offset} (baseline)"),
            reach: nat,
            kind: ProbeKind::Offset(sup.clone(), deep_offset),
        },
        Probe {
            label: "Status Active + region BY-BR".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    status: Some(CaseStatus::Active),
                    region: Some("BY-BR".into()),
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Status Active + region BY-MA".into(),
            reach: "supervisor of a small org (~1 %)",
            kind: ProbeKind::List(
                small_sup.clone(),
                CaseFilter {
                    status: Some(CaseStatus::Active),
                    region: Some("BY-MA".into()),
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Assigned to one case manager".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    assigned_to: Some(manager.user_id),
                    ..filter()
                },
            ),
        },
        Probe {
            label: "My cases (assigned to me)".into(),
            reach: "case manager (own + assigned)",
            kind: ProbeKind::List(
                manager.clone(),
                CaseFilter {
                    assigned_to: Some(manager.user_id),
                    ..filter()
                },
            ),
        },
        Probe {
            label: format!("Case code, exact ({mid_code})"),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    code_prefix: Some(mid_code.clone()),
                    ..filter()
                },
            ),
        },
        Probe {
            label: format!("Case code prefix {old_prefix}"),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    code_prefix: Some(old_prefix.into()),
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Full name (blind index)".into(),
            reach: nat,
            kind: ProbeKind::Search(sup.clone(), filter(), persons::INDEX_NAME, full_name),
        },
        Probe {
            label: "Family + given name (blind index)".into(),
            reach: nat,
            kind: ProbeKind::Search(sup.clone(), filter(), persons::INDEX_NAME, short_name),
        },
        Probe {
            label: "Passport number (blind index)".into(),
            reach: nat,
            kind: ProbeKind::Search(
                sup.clone(),
                filter(),
                persons::INDEX_DOCUMENT,
                crypto::normalise_document(&with_papers),
            ),
        },
        Probe {
            label: "Registered in 2020 (date range)".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    registered_from: Some(date!(2020 - 01 - 01)),
                    registered_until: Some(date!(2020 - 12 - 31)),
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Registered in 2020, by registration date (the list's default)".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    registered_from: Some(date!(2020 - 01 - 01)),
                    registered_until: Some(date!(2020 - 12 - 31)),
                    sort: CaseSort::RegisteredDesc,
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Order: registration date, latest first".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    sort: CaseSort::RegisteredDesc,
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Order: registration date, page 20 by cursor".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    sort: CaseSort::RegisteredDesc,
                    after: reg_page20.clone(),
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Order: case code".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    sort: CaseSort::Code,
                    ..filter()
                },
            ),
        },
        Probe {
            label: format!("Code prefix {old_prefix}, in code order (the list's default)"),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    code_prefix: Some(old_prefix.into()),
                    sort: CaseSort::Code,
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Order: recently changed".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    sort: CaseSort::Updated,
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Order: registration date".into(),
            reach: "partner caseworker (assigned + referred)",
            kind: ProbeKind::List(
                partner.clone(),
                CaseFilter {
                    sort: CaseSort::RegisteredDesc,
                    ..filter()
                },
            ),
        },
        Probe {
            label: "Exploitation type OrganRemoval (rare)".into(),
            reach: nat,
            kind: ProbeKind::List(
                sup.clone(),
                CaseFilter {
                    exploitation_type: Some("OrganRemoval".into()),
                    ..filter()
                },
            ),
        },
    ];
    // Keyset and OFFSET must return the same page, or the comparison means nothing.
    let keyset: Vec<i64> = cases::list(
        store,
        &CaseFilter {
            after: by_id(cursor),
            ..filter()
        },
        &sup,
    )
    .await?
    .iter()
    .map(|c| c.id)
    .collect();
    if keyset != offset_page(store, &sup, deep_offset).await? {
        return Err(format!("page {deep} by cursor differs from page {deep} by OFFSET").into());
    }
    Ok(out)
}

/// The deepest page measured: [`DEEP_PAGE`], or the last full page the supervisor has.
async fn deep_page(store: &Store, sup: &Subject) -> Result<i64> {
    let reach: i64 = on_pool!(store.pool(), p => {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM case_file WHERE created_by = $1 OR assigned_to = $2 \
             OR lead_organisation_id = $3",
        )
        .bind(sup.user_id)
        .bind(sup.user_id)
        .bind(sup.organisation_id)
        .fetch_one(p)
        .await?
    });
    Ok(DEEP_PAGE.min(reach / PAGE).max(2))
}

/// Walks the national supervisor's list page by page to the deep page, as a user clicking "next"
/// would, and checks the cursor reached against OFFSET.
async fn walk_pages(store: &Store, sup: &Subject, deep: i64) -> Result<Duration> {
    let started = Instant::now();
    let mut before = None;
    for _ in 0..deep - 1 {
        let page = cases::list(
            store,
            &CaseFilter {
                after: by_id(before),
                ..filter()
            },
            sup,
        )
        .await?;
        before = page.last().map(|c| c.id);
    }
    let walked = started.elapsed();
    let expected = offset_page(store, sup, (deep - 2) * PAGE)
        .await?
        .last()
        .copied();
    if before != expected {
        return Err(format!("walked to cursor {before:?}, OFFSET gives {expected:?}").into());
    }
    Ok(walked)
}

async fn measure_all(
    store: &Store,
    vault: &Vault,
    probes: &[Probe],
    runs: usize,
) -> Result<Vec<(usize, Times)>> {
    let mut out = Vec::with_capacity(probes.len());
    for p in probes {
        let (rows, times) = measure(runs, || p.run(store, vault)).await?;
        eprintln!("{:<45} {:>8.2} ms", p.label, ms(times.median));
        out.push((rows, times));
    }
    Ok(out)
}

struct Times {
    median: Duration,
    p95: Duration,
}

async fn measure<F, Fut>(runs: usize, mut f: F) -> Result<(usize, Times)>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<usize>>,
{
    for _ in 0..WARM_UP_RUNS {
        f().await?;
    }
    let mut rows = 0;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        rows = f().await?;
        times.push(started.elapsed());
    }
    times.sort();
    let at = |q: usize| {
        times
            .get((runs * q).div_ceil(100).saturating_sub(1))
            .copied()
    };
    Ok((
        rows,
        Times {
            median: at(50).unwrap_or_default(),
            p95: at(95).unwrap_or_default(),
        },
    ))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The size of the database on disk, for the report.
async fn size(store: &Store) -> Result<String> {
    let bytes: i64 = match store.pool() {
        Pool::Sqlite(p) => {
            sqlx::query_scalar(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            )
            .fetch_one(p)
            .await?
        }
        Pool::Postgres(p) => {
            sqlx::query_scalar("SELECT pg_database_size(current_database())")
                .fetch_one(p)
                .await?
        }
    };
    Ok(format!("{:.2} GB", bytes as f64 / 1e9))
}
