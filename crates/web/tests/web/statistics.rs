//! The statistics dashboards through the real router: figures checked against the demo data
//! counted independently with SQL, no shown cell under the threshold, no hidden cell that the
//! shown ones (in the view, or by differencing the regions' views) give away, filters checked,
//! and who may see them.

use super::*;
use std::collections::HashMap;

/// One table of a page: (label, value or None when hidden), and the total.
struct Shown {
    rows: Vec<(String, Option<u64>)>,
    total: Option<u64>,
}

fn cell(td: &str) -> Option<u64> {
    if td.contains("data-suppressed") {
        return None;
    }
    let v = &td[td.find('>').unwrap() + 1..];
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    Some(
        digits
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {td}")),
    )
}

fn table(html: &str, id: &str) -> Shown {
    let start = html
        .find(&format!("id=\"table-{id}\""))
        .unwrap_or_else(|| panic!("no table {id}"));
    let t = &html[start..];
    let t = &t[..t.find("</table>").unwrap()];
    let (body, foot) = t.split_at(t.find("<tfoot>").unwrap());
    let mut rows = Vec::new();
    for tr in body.split("<tr><th scope=\"row\">").skip(1) {
        let label = tr[..tr.find("</th>").unwrap()].to_owned();
        let td = &tr[tr.find("<td").unwrap()..tr.find("</td>").unwrap()];
        rows.push((label, cell(td)));
    }
    let td = &foot[foot.find("<td").unwrap()..foot.find("</td>").unwrap()];
    Shown {
        rows,
        total: cell(td),
    }
}

/// Shown counts are 0 or at least 11; hidden cells cannot be worked out from the total.
fn check_protected(what: &str, s: &Shown) {
    for (label, v) in &s.rows {
        if let Some(v) = v {
            assert!(
                *v == 0 || *v >= 11,
                "{what}: {label} shows {v}, under the threshold"
            );
        }
    }
    if let Some(t) = s.total {
        assert!(t == 0 || t >= 11, "{what}: total {t}");
        let hidden = s.rows.iter().filter(|r| r.1.is_none()).count() as u64;
        let rest: u64 = t - s.rows.iter().filter_map(|r| r.1).sum::<u64>();
        assert_ne!(
            hidden, 1,
            "{what}: one hidden cell is the total minus the others"
        );
        assert!(
            hidden == 0 || rest > hidden,
            "{what}: {hidden} hidden cells add up to {rest}, so each is 1"
        );
        if hidden == 0 {
            assert_eq!(rest, 0, "{what}: rows add up to the total");
        }
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

async fn labels(store: &Store, kind: ListKind) -> HashMap<String, String> {
    mayak_store::reference::list(store, kind, true)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.code.clone(), esc(e.label(mayak_domain::Lang::En))))
        .collect()
}

const COUNTABLE: &str = "c.legal_status <> 'NotConfirmed' AND EXISTS (SELECT 1 FROM consent k \
     WHERE k.case_id = c.id AND k.purpose = 'AnonymisedStatistics' AND k.withdrawn_on IS NULL)";

/// Countable cases by `column`, counted with SQL (NULL as "").
async fn cases_by(store: &Store, column: &str, filter: &str) -> HashMap<String, u64> {
    let sql = format!(
        "SELECT COALESCE({column}, ''), COUNT(*) FROM case_file c WHERE {COUNTABLE}{filter} GROUP BY {column}"
    );
    counts(store, sql).await
}

/// Code → count rows of `sql` (two columns: a text and a count).
async fn counts(store: &Store, sql: String) -> HashMap<String, u64> {
    let rows: Vec<(String, i64)> = match store.pool() {
        mayak_store::db::Pool::Sqlite(p) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(p)
            .await
            .unwrap(),
        mayak_store::db::Pool::Postgres(p) => sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .fetch_all(p)
            .await
            .unwrap(),
    };
    rows.into_iter().map(|(k, n)| (k, n as u64)).collect()
}

fn compare(
    what: &str,
    shown: &Shown,
    real: &HashMap<String, u64>,
    names: &HashMap<String, String>,
) {
    let mut seen = 0;
    for (code, n) in real {
        let label = if code.is_empty() {
            "Not recorded".to_owned()
        } else {
            names.get(code).cloned().unwrap_or_else(|| code.clone())
        };
        let row = shown
            .rows
            .iter()
            .find(|r| r.0 == label)
            .unwrap_or_else(|| panic!("{what}: no row {label}"));
        if let Some(v) = row.1 {
            assert_eq!(v, *n, "{what}: {label}");
            seen += 1;
        } else {
            assert!(*n > 0, "{what}: {label} is hidden but zero");
        }
    }
    if let Some(t) = shown.total {
        assert_eq!(t, real.values().sum::<u64>(), "{what}: total");
    }
    let _ = seen;
}

#[tokio::test]
async fn dashboards_match_the_records_and_hide_small_cells() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "analyst").await;
        let index = get_as(&d.app, "/statistics?lang=en", &t).await;
        assert_eq!(index.status, StatusCode::OK, "{}", index.body);
        for s in [
            "hotline",
            "identification",
            "assistance",
            "referrals",
            "rehabilitation",
            "trainings",
            "campaigns",
        ] {
            assert!(
                index.body.contains(&format!("href=\"/statistics/{s}\"")),
                "{s}"
            );
            let page = get_as(&d.app, &format!("/statistics/{s}?lang=en"), &t).await;
            assert_eq!(page.status, StatusCode::OK, "{s}: {}", page.body);
            assert!(
                page.body.contains("<svg") && page.body.contains("<title id="),
                "{s}: a chart with a title"
            );
            // Every protected table of every section keeps the rule.
            let mut rest = page.body.as_str();
            while let Some(i) = rest.find("data-protected=\"true\"") {
                let before = &rest[..i];
                let id = &before[before.rfind("id=\"table-").unwrap() + 10..];
                let id = &id[..id.find('"').unwrap()];
                check_protected(&format!("{s}/{id}"), &table(&page.body, id));
                rest = &rest[i + 10..];
            }
        }

        // Identification figures against SQL, for all years and regions.
        let page = get_as(&d.app, "/statistics/identification?lang=en", &t).await;
        let sex = labels(&db.store, ListKind::Sex).await;
        let region = labels(&db.store, ListKind::Region).await;
        let exploitation = labels(&db.store, ListKind::ExploitationType).await;
        compare(
            "sex",
            &table(&page.body, "by-sex"),
            &cases_by(&db.store, "c.sex", "").await,
            &sex,
        );
        compare(
            "region",
            &table(&page.body, "by-region"),
            &cases_by(&db.store, "c.region", "").await,
            &region,
        );
        compare(
            "exploitation",
            &table(&page.body, "by-exploitation"),
            &cases_by(&db.store, "c.exploitation_type", "").await,
            &exploitation,
        );
        let years = cases_by(&db.store, "CAST(c.year AS TEXT)", "").await;
        let by_year = table(&page.body, "by-year");
        compare("year", &by_year, &years, &HashMap::new());
        assert!(
            by_year.rows.iter().any(|r| r.1.is_some()),
            "some year is shown"
        );
        assert!(
            by_year.rows.iter().any(|r| r.1.is_none()),
            "the demo's first years are small"
        );

        // One year: the filtered figures.
        let year = years.iter().max_by_key(|(_, n)| **n).unwrap().0.clone();
        let y = get_as(
            &d.app,
            &format!("/statistics/identification?lang=en&year={year}"),
            &t,
        )
        .await;
        assert_eq!(y.status, StatusCode::OK);
        let f = format!(" AND c.year = {year}");
        compare(
            "year sex",
            &table(&y.body, "by-sex"),
            &cases_by(&db.store, "c.sex", &f).await,
            &sex,
        );
        compare(
            "year region",
            &table(&y.body, "by-region"),
            &cases_by(&db.store, "c.region", &f).await,
            &region,
        );
        // A year and a region: the total only (its breakdowns are not published).
        let both = get_as(
            &d.app,
            &format!("/statistics/identification?lang=en&year={year}&region=BY-HO"),
            &t,
        )
        .await;
        assert!(both.body.contains("id=\"both-filters\""));
        assert!(
            table(&both.body, "by-sex")
                .rows
                .iter()
                .all(|r| r.1.is_none())
        );

        // Each region: its figures, and no region's hidden cell recomputable from the
        // country's figure minus the other regions' (differencing two views).
        let all_sex = table(&page.body, "by-sex");
        let all_age = table(&page.body, "by-age-band");
        let age = labels(&db.store, ListKind::AgeBand).await;
        let mut by_region: Vec<(Shown, Shown)> = Vec::new();
        for code in region.keys() {
            let r = get_as(
                &d.app,
                &format!("/statistics/identification?lang=en&region={code}"),
                &t,
            )
            .await;
            assert_eq!(r.status, StatusCode::OK);
            let f = format!(" AND c.region = '{code}'");
            let s = table(&r.body, "by-sex");
            compare(
                &format!("{code} sex"),
                &s,
                &cases_by(&db.store, "c.sex", &f).await,
                &sex,
            );
            let a = table(&r.body, "by-age-band");
            compare(
                &format!("{code} age"),
                &a,
                &cases_by(&db.store, "c.age_band", &f).await,
                &age,
            );
            by_region.push((s, a));
        }
        for (which, all) in [(0, &all_sex), (1, &all_age)] {
            for (label, total) in &all.rows {
                let Some(total) = total else { continue };
                let cells: Vec<Option<u64>> = by_region
                    .iter()
                    .map(|p| {
                        let s = if which == 0 { &p.0 } else { &p.1 };
                        match s.rows.iter().find(|r| &r.0 == label) {
                            Some(r) => r.1,
                            None => Some(0),
                        }
                    })
                    .collect();
                let hidden = cells.iter().filter(|c| c.is_none()).count() as u64;
                let rest = total - cells.iter().flatten().sum::<u64>();
                assert_ne!(
                    hidden, 1,
                    "{label}: one region's hidden count is the country's minus the others'"
                );
                assert!(
                    hidden == 0 || rest > hidden,
                    "{label}: hidden regions are all 1"
                );
            }
        }

        // A wrong filter is explained, and the page shows every year instead.
        let bad = get_as(
            &d.app,
            "/statistics/identification?lang=en&year=1890&region=XX",
            &t,
        )
        .await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(
            bad.body.contains("Choose a year between 1991 and"),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("Not a known value"));
        assert!(bad.body.contains("id=\"table-by-year\""));

        // Measures stand on enough units or are withheld.
        let refs = get_as(&d.app, "/statistics/referrals?lang=en", &t).await;
        assert!(refs.body.contains("id=\"median-days-to-accept\""));
        let small = get_as(&d.app, "/statistics/referrals?lang=en&region=BY-BR", &t).await;
        assert!(small.body.contains("not shown (too few)"), "{}", small.body);

        // Hotline topics: a consultation counts under each topic it touched, the total counts
        // mentions (and says so), for all years and for one.
        let topics = labels(&db.store, ListKind::HotlineTopic).await;
        let by_topic = "SELECT t.topic, COUNT(*) FROM hotline_consultation_topic t \
             JOIN hotline_consultation c ON c.id = t.consultation_id";
        let hot = get_as(&d.app, "/statistics/hotline?lang=en", &t).await;
        assert!(hot.body.contains("id=\"by-topic-note\""), "{}", hot.body);
        assert!(hot.body.contains("Total topic mentions"));
        let shown = table(&hot.body, "by-topic");
        assert!(shown.rows.len() >= 5, "the demo's topic mix is shown");
        compare(
            "topics",
            &shown,
            &counts(&db.store, format!("{by_topic} GROUP BY t.topic")).await,
            &topics,
        );
        let hot_year: (i64,) = match db.store.pool() {
            mayak_store::db::Pool::Sqlite(p) => {
                sqlx::query_as("SELECT MAX(year) FROM hotline_consultation")
                    .fetch_one(p)
                    .await
                    .unwrap()
            }
            mayak_store::db::Pool::Postgres(p) => {
                sqlx::query_as("SELECT CAST(MAX(year) AS BIGINT) FROM hotline_consultation")
                    .fetch_one(p)
                    .await
                    .unwrap()
            }
        };
        let hy = get_as(
            &d.app,
            &format!("/statistics/hotline?lang=en&year={}", hot_year.0),
            &t,
        )
        .await;
        compare(
            "topics of the year",
            &table(&hy.body, "by-topic"),
            &counts(
                &db.store,
                format!("{by_topic} WHERE c.year = {} GROUP BY t.topic", hot_year.0),
            )
            .await,
            &topics,
        );

        // Three languages.
        for (lang, word) in [
            ("ru", "Идентификация"),
            ("be", "Ідэнтыфікацыя"),
            ("en", "Identification"),
        ] {
            let p = get_as(
                &d.app,
                &format!("/statistics/identification?lang={lang}"),
                &t,
            )
            .await;
            assert!(p.body.contains(word), "{lang}");
        }
        let unknown = get_as(&d.app, "/statistics/nothing", &t).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    });
}

#[tokio::test]
async fn only_roles_for_aggregates_see_the_dashboards() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        for (login, ok) in [
            ("analyst", true),
            ("supervisor", true),
            ("admin", true),
            ("casemanager", false),
            ("hotline", false),
            ("partner", false),
            ("auditor", false),
        ] {
            let t = token_for(&db.store, login).await;
            let a = get_as(&d.app, "/statistics/hotline", &t).await;
            assert_eq!(a.status == StatusCode::OK, ok, "{login}: {}", a.status);
            if !ok {
                assert_eq!(a.status, StatusCode::FORBIDDEN, "{login}");
            }
        }
    });
}

fn unescape(s: &str) -> String {
    s.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
}

/// The tables of a section page, in order: (title, rows as (label, shown text)).
fn page_tables(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    for part in html.split("<section class=\"chart-block\"").skip(1) {
        let title = &part[part.find("<h2").unwrap()..];
        let title = unescape(&title[title.find('>').unwrap() + 1..title.find("</h2>").unwrap()]);
        let t = &part[part.find("<tbody>").unwrap()..part.find("</table>").unwrap()];
        let mut rows = Vec::new();
        for tr in t.split("<th scope=\"row\">").skip(1) {
            let label = unescape(&tr[..tr.find("</th>").unwrap()]);
            let td = &tr[tr.find("<td").unwrap()..tr.find("</td>").unwrap()];
            let v = &td[td.find('>').unwrap() + 1..];
            let v = v.replace("<abbr", "").replace("</abbr>", "");
            let v = unescape(v.rsplit('>').next().unwrap());
            rows.push((label, v));
        }
        out.push((title, rows));
    }
    out
}

fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<(String, String)>> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let rows = range
            .rows()
            .map(|r| {
                let cell = |i: usize| match r.get(i) {
                    Some(calamine::Data::Float(f)) => mayak_render::svg::group(*f as i64),
                    Some(calamine::Data::String(s)) => s.clone(),
                    Some(calamine::Data::Int(i)) => mayak_render::svg::group(*i),
                    _ => String::new(),
                };
                (cell(0), cell(1))
            })
            .collect();
        sheets.push(rows);
    }
    sheets
}

#[tokio::test]
async fn the_annual_report_matches_the_dashboards_in_three_languages() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let t = token_for(&db.store, "analyst").await;
        let year = "2025";
        for lang in ["ru", "be", "en"] {
            let pdf = get_as(
                &d.app,
                &format!("/statistics/report?year={year}&language={lang}&format=pdf"),
                &t,
            )
            .await;
            assert_eq!(pdf.status, StatusCode::OK);
            assert_eq!(pdf.header("content-type"), "application/pdf");
            assert!(
                pdf.header("content-disposition")
                    .contains(&format!("mayak-report-{year}-{lang}.pdf"))
            );
            // The body went through a String: fetch the bytes again for the binary formats.
            let bytes = |format: &'static str| {
                let app = d.app.clone();
                let t = t.clone();
                async move {
                    let res = app
                        .oneshot(
                            Request::get(format!(
                                "/statistics/report?year={year}&language={lang}&format={format}"
                            ))
                            .header(header::AUTHORIZATION, format!("Bearer {t}"))
                            .body(Body::empty())
                            .unwrap(),
                        )
                        .await
                        .unwrap();
                    res.into_body().collect().await.unwrap().to_bytes().to_vec()
                }
            };
            let pdf_bytes = bytes("pdf").await;
            let dir =
                std::env::temp_dir().join(format!("mayak-report-{}-{lang}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join("r.pdf");
            std::fs::write(&file, &pdf_bytes).unwrap();
            let out = std::process::Command::new("pdftotext")
                .args(["-layout", file.to_str().unwrap(), "-"])
                .output()
                .expect("pdftotext is installed");
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).unwrap();
            let sheets = xlsx_rows(&bytes("xlsx").await);
            let csv = String::from_utf8(bytes("csv").await).unwrap();
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            let mut checked = 0;
            for s in [
                "hotline",
                "identification",
                "assistance",
                "referrals",
                "rehabilitation",
                "trainings",
                "campaigns",
            ] {
                let page = get_as(
                    &d.app,
                    &format!("/statistics/{s}?year={year}&lang={lang}"),
                    &t,
                )
                .await;
                let tables = page_tables(&page.body);
                assert!(!tables.is_empty(), "{s}");
                let h1 = &page.body
                    [page.body.find("<h1>").unwrap() + 4..page.body.find("</h1>").unwrap()];
                let h1 = unescape(h1);
                let sheet = sheets
                    .iter()
                    .find(|sh| sh.first().is_some_and(|r| r.0 == h1))
                    .unwrap_or_else(|| panic!("{lang} {s}: no sheet {h1}"));
                for (title, rows) in &tables {
                    assert!(text.contains(title.as_str()), "{lang} {s}: PDF has {title}");
                    // The workbook has the table's rows in the same order under its title.
                    let at = sheet.iter().position(|r| &r.0 == title).unwrap();
                    for (i, (label, value)) in rows.iter().enumerate() {
                        assert_eq!(
                            &sheet[at + 1 + i],
                            &(label.clone(), value.clone()),
                            "{lang} {s} {title}"
                        );
                        let v = value.replace('\u{202f}', "");
                        assert!(
                            csv.lines().any(|l| l.contains(title.as_str())
                                && l.ends_with(&format!(",{v}"))
                                && l.contains(label.as_str())),
                            "{lang} {s} {title}: CSV has {label} = {v}"
                        );
                        // In the PDF, a row is its (possibly shortened) label, then the figure.
                        let head: String = label.chars().take(12).collect();
                        let dense =
                            |x: &str| x.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                        let (head, v) = (dense(&head), dense(value));
                        assert!(
                            lines
                                .iter()
                                .map(|l| dense(l))
                                .any(|l| l.starts_with(head.as_str()) && l.ends_with(v.as_str())),
                            "{lang} {s} {title}: PDF has {label} … {value}"
                        );
                        checked += 1;
                    }
                }
            }
            assert!(checked > 100, "{checked} figures compared");
        }
        // A wrong choice is explained on the overview, and nothing is downloaded.
        let bad = get_as(
            &d.app,
            "/statistics/report?year=1890&language=xx&format=doc&lang=en",
            &t,
        )
        .await;
        assert_eq!(bad.status, StatusCode::OK);
        assert!(bad.header("content-type").starts_with("text/html"));
        assert!(bad.body.contains("Choose a year between 1991 and"));
        assert!(bad.body.matches("Not a known value").count() >= 2);
    });
}

/// The report's CSV as (section, table, code) → value.
fn report_cells(csv: &str) -> HashMap<(String, String, String), String> {
    let t = mayak_stats::Table::from_csv(csv.as_bytes()).unwrap();
    let v = |c: usize, r: usize| t.levels(c)[t.column(c)[r] as usize].clone();
    (0..t.rows())
        .map(|r| ((v(0, r), v(1, r), v(2, r)), v(4, r)))
        .collect()
}

#[tokio::test]
async fn a_configured_threshold_of_20_hides_a_cell_of_15_in_dashboards_and_the_report() {
    each_backend!(|db| {
        let d = demo(&db.store).await;
        let mut strict = state_with_clock(&db.store, None, d.clock.clone()).await;
        let mut config = (*strict.config).clone();
        config.disclosure_threshold = 20;
        strict.config = Arc::new(config);
        let strict = mayak_web::router(strict);
        let t = token_for(&db.store, "analyst").await;

        // A dashboard cell that shows 11 to 19 under CTDC's 11 is hidden under 20.
        let mut between = 0;
        for s in ["hotline", "identification", "assistance", "referrals"] {
            let uri = format!("/statistics/{s}?lang=en");
            let (loose, tight) = (
                get_as(&d.app, &uri, &t).await.body,
                get_as(&strict, &uri, &t).await.body,
            );
            assert!(loose.contains("fewer than 11 people"), "{s}");
            assert!(
                tight.contains("fewer than 20 people") && !tight.contains("fewer than 11"),
                "{s}: the page states the configured threshold"
            );
            let mut rest = tight.as_str();
            while let Some(i) = rest.find("data-protected=\"true\"") {
                let before = &rest[..i];
                let id = &before[before.rfind("id=\"table-").unwrap() + 10..];
                let id = &id[..id.find('"').unwrap()];
                let (a, b) = (table(&loose, id), table(&tight, id));
                for ((label, x), (label2, y)) in a.rows.iter().zip(&b.rows) {
                    assert_eq!(label, label2, "{s}/{id}: the same rows");
                    if let Some(y) = y {
                        assert!(*y == 0 || *y >= 20, "{s}/{id}: {label} shows {y}");
                    }
                    if matches!(x, Some(11..=19)) {
                        assert_eq!(*y, None, "{s}/{id}: {label} = {x:?} is hidden under 20");
                        between += 1;
                    }
                }
                rest = &rest[i + 10..];
            }
        }
        assert!(
            between > 0,
            "the demo has dashboard cells of 11 to 19 (such as 15) to hide"
        );

        // The annual report: the same cells hidden, and the note says 20.
        let report = |app: axum::Router| {
            let t = t.clone();
            async move {
                get_as(
                    &app,
                    "/statistics/report?year=2025&language=en&format=csv",
                    &t,
                )
                .await
                .body
            }
        };
        let (loose, tight) = (
            report_cells(&report(d.app.clone()).await),
            report_cells(&report(strict.clone()).await),
        );
        let mut hidden = 0;
        // Campaign reach counts measurements, not people, and is not protected.
        for (key, x) in loose.iter().filter(|(k, _)| k.0 != "Campaigns") {
            let Some(y) = tight.get(key) else {
                panic!("{key:?} is in both reports")
            };
            if let Ok(y) = y.parse::<u64>() {
                assert!(y == 0 || y >= 20, "{key:?} shows {y} in the report");
            }
            if matches!(x.parse::<u64>(), Ok(11..=19)) {
                assert!(
                    y.parse::<u64>().is_err(),
                    "{key:?} = {x} is hidden under 20"
                );
                hidden += 1;
            }
        }
        assert!(hidden > 0, "the 2025 report has cells of 11 to 19 to hide");
        let pdf = get_as(
            &strict,
            "/statistics/report?year=2025&language=en&format=pdf",
            &t,
        )
        .await;
        assert_eq!(pdf.status, StatusCode::OK);

        // The release form starts at the configured threshold.
        let form = get_as(&strict, "/statistics/releases/new?lang=en", &t).await;
        assert!(
            form.body.contains("min=\"20\"") && form.body.contains("value=\"20\""),
            "{}",
            form.body
        );
    });
}
