//! Prevention and capacity building through the real router: the public site, quizzes built
//! by a content editor and taken anonymously, campaigns, trainings with imports and
//! certificates, statistics and the API.

use super::*;

fn anon_post(uri: &str, lang: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("mayak_lang={lang}"))
        .body(Body::from(serde_urlencoded::to_string(pairs).unwrap()))
        .unwrap()
}

fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .trim_start_matches(prefix)
        .split(['?', '/'])
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The ids of the radio buttons named `q<question>` in a quiz page, in order: (question, answers).
fn quiz_form(html: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for part in html.split("type=\"radio\" name=\"").skip(1) {
        let name = part.split('"').next().unwrap().to_owned();
        let value = part
            .split("value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(value),
            None => out.push((name, vec![value])),
        }
    }
    out
}

#[tokio::test]
async fn the_public_site_gives_visitors_help_without_signing_in_and_stays_light() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        for (lang, quiz, advice, partner) in [
            (
                "ru",
                "Научите детей видеть ложь",
                "Как безопасно выехать за рубеж",
                "ОО «Безопасный путь» (горячая линия)",
            ),
            (
                "be",
                "Навучыце дзяцей бачыць хлусню",
                "Як бяспечна выехаць за мяжу",
                "ГА «Бяспечны шлях» (гарачая лінія)",
            ),
            (
                "en",
                "Teach children to see lies",
                "How to travel abroad safely",
                "NGO Safe Way (hotline)",
            ),
        ] {
            let a = get(&app, &format!("/?lang={lang}")).await;
            assert_eq!(a.status, StatusCode::OK);
            for needle in [
                quiz,
                advice,
                partner,
                "href=\"/consultation\"",
                "href=\"/public/statistics\"",
                "href=\"/quizzes/safe-job-offer\"",
                "href=\"/pages/safe-travel\"",
                "tel:88012015555",
            ] {
                assert!(a.body.contains(needle), "{lang}: {needle}");
            }
            // Only organisations that chose to be listed appear.
            assert!(
                !a.body.contains(if lang == "en" {
                    "NGO Shore"
                } else {
                    "«Бераг»"
                }),
                "{lang}"
            );
            // Light for an old phone: the HTML of the home page stays small.
            assert!(
                a.body.len() < 20_000,
                "{lang}: home page is {} bytes",
                a.body.len()
            );
            let set = a.header("set-cookie");
            assert!(
                set.starts_with("mayak_lang=") && !set.contains("session"),
                "{set}"
            );
        }
        let drafts = get(&app, "/?lang=en").await;
        assert!(
            !drafts.body.contains("(подготовка)"),
            "draft campaigns are not public"
        );
        let page = get(&app, "/pages/safe-travel?lang=be").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Нікому не аддавайце пашпарт"));
        assert_eq!(
            get(&app, "/pages/nothing-here").await.status,
            StatusCode::NOT_FOUND
        );
        let list = get(&app, "/quizzes?lang=en").await;
        assert!(list.body.contains("Is this job offer abroad safe?"));
        // The stylesheet a visitor downloads once is small too: what travels is gzip.
        let css = app
            .clone()
            .oneshot(
                Request::get("/static/mayak.css")
                    .header(header::ACCEPT_ENCODING, "gzip")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(css.headers()[header::CONTENT_ENCODING], "gzip");
        let sent = css.into_body().collect().await.unwrap().to_bytes().len();
        assert!(sent < 6_000, "the stylesheet travels as {sent} bytes");
        let raw = get(&app, "/static/mayak.css").await.body.len();
        assert!(
            raw < 24_000,
            "the stylesheet is {raw} bytes before compression"
        );
    });
}

#[tokio::test]
async fn an_editor_builds_a_quiz_and_a_visitor_takes_it_in_belarusian_leaving_only_totals() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let editor = token_for(&db.store, "editor").await;
        // Every field is checked, in every language.
        let bad = call(
            &app,
            form_post(
                "/content/quizzes",
                &editor,
                &[
                    ("slug", "Bad Slug"),
                    ("title_ru", "Тест"),
                    ("title_en", "Test"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.body.contains("lowercase Latin letters"), "{}", bad.body);
        assert!(bad.body.contains("id=\"err-title_be\""));
        assert!(bad.body.contains("id=\"err-intro_ru\""));
        let taken = call(
            &app,
            form_post(
                "/content/quizzes",
                &editor,
                &[
                    ("slug", "safe-job-offer"),
                    ("title_ru", "a"),
                    ("title_be", "a"),
                    ("title_en", "a"),
                    ("intro_ru", "a"),
                    ("intro_be", "a"),
                    ("intro_en", "a"),
                ],
            ),
        )
        .await;
        assert!(taken.body.contains("already taken"), "slugs are unique");
        let made = call(
            &app,
            form_post(
                "/content/quizzes",
                &editor,
                &[
                    ("slug", "trafficking-myths"),
                    ("title_ru", "Мифы о торговле людьми"),
                    ("title_be", "Міфы пра гандаль людзьмі"),
                    ("title_en", "Myths about trafficking"),
                    ("intro_ru", "Два вопроса."),
                    ("intro_be", "Два пытанні."),
                    ("intro_en", "Two questions."),
                ],
            ),
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        let id = id_after(location(&made), "/content/quizzes/");
        let base = format!("/content/quizzes/{id}");
        // Not publishable without questions.
        let early = call(
            &app,
            form_post(
                &format!("{base}/publication"),
                &editor,
                &[("published", "1")],
            ),
        )
        .await;
        assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(early.body.contains("add a question"));
        for (ru, be, en) in [
            (
                "Это бывает только с девушками?",
                "Гэта бывае толькі з дзяўчатамі?",
                "Does it only happen to young women?",
            ),
            (
                "Можно ли отдать паспорт работодателю?",
                "Ці можна аддаць пашпарт працадаўцу?",
                "May you hand your passport to the employer?",
            ),
        ] {
            let q = call(
                &app,
                form_post(
                    &format!("{base}/questions"),
                    &editor,
                    &[
                        ("question_ru", ru),
                        ("question_be", be),
                        ("question_en", en),
                    ],
                ),
            )
            .await;
            assert_eq!(q.status, StatusCode::SEE_OTHER);
        }
        let quiz = mayak_store::content::get_quiz(&db.store, id).await.unwrap();
        for q in &quiz.questions {
            for (ru, be, en, pts) in [("Да", "Так", "Yes", "0"), ("Нет", "Не", "No", "1")]
            {
                let a = call(
                    &app,
                    form_post(
                        &format!("{base}/questions/{}/answers", q.id),
                        &editor,
                        &[
                            ("answer_ru", ru),
                            ("answer_be", be),
                            ("answer_en", en),
                            ("points", pts),
                        ],
                    ),
                )
                .await;
                assert_eq!(a.status, StatusCode::SEE_OTHER);
            }
        }
        let bad_points = call(
            &app,
            form_post(
                &format!("{base}/questions/{}/answers", quiz.questions[0].id),
                &editor,
                &[
                    ("answer_ru", "x"),
                    ("answer_be", "x"),
                    ("answer_en", "x"),
                    ("points", "many"),
                ],
            ),
        )
        .await;
        assert!(bad_points.body.contains("Enter a whole number"));
        for (min, max, be) in [
            (
                "0",
                "1",
                "Варта даведацца больш: патэлефануйце на гарачую лінію.",
            ),
            ("2", "2", "Вы добра ведаеце, як распазнаць небяспеку."),
        ] {
            let b = call(
                &app,
                form_post(
                    &format!("{base}/bands"),
                    &editor,
                    &[
                        ("min_score", min),
                        ("max_score", max),
                        ("advice_ru", "Совет"),
                        ("advice_be", be),
                        ("advice_en", "Advice"),
                    ],
                ),
            )
            .await;
            assert_eq!(b.status, StatusCode::SEE_OTHER, "{}", b.body);
        }
        let overlap = call(
            &app,
            form_post(
                &format!("{base}/bands"),
                &editor,
                &[
                    ("min_score", "1"),
                    ("max_score", "2"),
                    ("advice_ru", "a"),
                    ("advice_be", "a"),
                    ("advice_en", "a"),
                ],
            ),
        )
        .await;
        assert!(overlap.body.contains("overlaps"));
        // Not public before it is published; the preview works and counts nothing.
        assert_eq!(
            get(&app, "/quizzes/trafficking-myths").await.status,
            StatusCode::NOT_FOUND
        );
        let preview = get_as(&app, &format!("{base}/preview?lang=be"), &editor).await;
        assert!(preview.body.contains("Гэта бывае толькі з дзяўчатамі?"));
        let pub_ = call(
            &app,
            form_post(
                &format!("{base}/publication"),
                &editor,
                &[("published", "1")],
            ),
        )
        .await;
        assert_eq!(pub_.status, StatusCode::SEE_OTHER);

        // An anonymous visitor in Belarusian.
        let page = call(
            &app,
            Request::get("/quizzes/trafficking-myths")
                .header(header::COOKIE, "mayak_lang=be")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("<html lang=\"be\">")
                && page.body.contains("Міфы пра гандаль людзьмі")
        );
        let form = quiz_form(&page.body);
        assert_eq!(form.len(), 2);
        // An unanswered question is pointed out, nothing is counted.
        let half = call(
            &app,
            anon_post(
                "/quizzes/trafficking-myths",
                "be",
                &[(form[0].0.as_str(), form[0].1[1].as_str())],
            ),
        )
        .await;
        assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(half.body.contains("Выберыце адказ"));
        let answers: Vec<(&str, &str)> = form
            .iter()
            .map(|(n, v)| (n.as_str(), v[1].as_str()))
            .collect();
        let result = call(
            &app,
            anon_post("/quizzes/trafficking-myths", "be", &answers),
        )
        .await;
        assert_eq!(result.status, StatusCode::OK);
        assert!(result.body.contains("Ваш вынік: 2 з 2."), "{}", result.body);
        assert!(
            result
                .body
                .contains("Вы добра ведаеце, як распазнаць небяспеку.")
        );
        assert!(
            result.header("set-cookie").is_empty(),
            "no cookie for taking a quiz"
        );
        let quiz = mayak_store::content::get_quiz(&db.store, id).await.unwrap();
        assert_eq!(quiz.taken, vec![("be".to_owned(), 1)]);
        assert_eq!(quiz.bands[1].reached, 1);
        assert_eq!(quiz.questions[0].answers[1].chosen, 1);
        // Nothing of the visit reached the audit trail.
        let trail = mayak_store::audit::recent(&db.store, None, 1000)
            .await
            .unwrap();
        assert!(
            trail
                .iter()
                .all(|e| e.record_type.as_deref() != Some("quiz") || e.user_id.is_some())
        );
        // Once published the quiz cannot change under visitors' feet.
        let late = call(
            &app,
            form_post(
                &format!("{base}/questions"),
                &editor,
                &[
                    ("question_ru", "a"),
                    ("question_be", "a"),
                    ("question_en", "a"),
                ],
            ),
        )
        .await;
        assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Only content editors build quizzes.
        let trainer = token_for(&db.store, "trainer").await;
        assert_eq!(
            get_as(&app, "/content/quizzes", &trainer).await.status,
            StatusCode::FORBIDDEN
        );
    });
}

#[tokio::test]
async fn campaigns_record_materials_reach_and_events_and_publish_after_preview() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let editor = token_for(&db.store, "editor").await;
        let bad = call(
            &app,
            form_post(
                "/prevention/campaigns",
                &editor,
                &[
                    ("name", ""),
                    ("theme", "Nonsense"),
                    ("starts_on", "2026-05-10"),
                    ("ends_on", "2026-05-01"),
                    ("regions", "BY-XX"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for f in [
            "name",
            "theme",
            "ends_on",
            "regions",
            "target_groups",
            "channels",
            "summary",
        ] {
            assert!(bad.body.contains(&format!("id=\"err-{f}\"")), "{f}");
        }
        let made = call(
            &app,
            form_post(
                "/prevention/campaigns",
                &editor,
                &[
                    ("name", "Безопасное лето 2026"),
                    ("theme", "SafeTravel"),
                    ("starts_on", "2026-05-01"),
                    ("ends_on", "2026-08-31"),
                    ("summary", "Сезонная работа за рубежом."),
                    ("regions", "BY-BR"),
                    ("regions", "BY-HR"),
                    ("target_groups", "Students"),
                    ("channels", "Video"),
                ],
            ),
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        let id = id_after(location(&made), "/prevention/campaigns/");
        let base = format!("/prevention/campaigns/{id}");
        let m = call(
            &app,
            form_post(
                &format!("{base}/materials"),
                &editor,
                &[("title", "Ролик"), ("kind", "Video")],
            ),
        )
        .await;
        assert_eq!(m.status, StatusCode::SEE_OTHER);
        let material = mayak_store::prevention::materials(&db.store, id)
            .await
            .unwrap()[0]
            .id;
        let empty = call(
            &app,
            form_post(
                &format!("{base}/materials/{material}/reach"),
                &editor,
                &[("measured_on", "2026-06-01")],
            ),
        )
        .await;
        assert!(empty.body.contains("Enter views, participants or copies"));
        for (on, views) in [("2026-06-01", "120 000"), ("2026-07-01", "30000")] {
            let r = call(
                &app,
                form_post(
                    &format!("{base}/materials/{material}/reach"),
                    &editor,
                    &[("measured_on", on), ("views", views)],
                ),
            )
            .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        }
        let e = call(
            &app,
            form_post(
                &format!("{base}/events"),
                &editor,
                &[
                    ("event_name", "Лагерь"),
                    ("place", "Брест"),
                    ("event_starts_on", "2026-07-10"),
                ],
            ),
        )
        .await;
        assert_eq!(e.status, StatusCode::SEE_OTHER);
        let event = mayak_store::prevention::events(&db.store, id)
            .await
            .unwrap()[0]
            .id;
        let people = call(
            &app,
            form_post(
                &format!("{base}/events/{event}/participants"),
                &editor,
                &[
                    ("ages", "19, 22, 25"),
                    ("sex", "Female"),
                    ("region", "BY-BR"),
                ],
            ),
        )
        .await;
        assert_eq!(people.status, StatusCode::SEE_OTHER);
        let bad_age = call(
            &app,
            form_post(
                &format!("{base}/events/{event}/participants"),
                &editor,
                &[("ages", "19, two"), ("sex", "Female"), ("region", "BY-BR")],
            ),
        )
        .await;
        assert_eq!(bad_age.status, StatusCode::UNPROCESSABLE_ENTITY);
        let org = mayak_store::orgs::list_organisations(&db.store)
            .await
            .unwrap()[0]
            .id
            .to_string();
        let x = call(
            &app,
            form_post(
                &format!("{base}/events/{event}/experts"),
                &editor,
                &[
                    ("organisation_id", org.as_str()),
                    ("experts", "2"),
                    ("topic", "Вербовка в сети"),
                ],
            ),
        )
        .await;
        assert_eq!(x.status, StatusCode::SEE_OTHER);
        let page = get_as(&app, &format!("{base}?lang=en"), &editor).await;
        assert!(
            page.body
                .contains("1 materials reached about 150\u{202f}000 people."),
            "{}",
            page.body
        );
        assert!(page.body.contains("3 participants") && page.body.contains("aged 19–25"));
        // Drafts are not public; the preview shows what visitors will see.
        assert!(!get(&app, "/").await.body.contains("Безопасное лето 2026"));
        assert!(
            get_as(&app, &format!("{base}/preview"), &editor)
                .await
                .body
                .contains("Сезонная работа за рубежом.")
        );
        call(
            &app,
            form_post(
                &format!("{base}/publication"),
                &editor,
                &[("published", "1")],
            ),
        )
        .await;
        assert!(get(&app, "/").await.body.contains("Безопасное лето 2026"));
        // Statistics: reach by year and theme, with a chart and a table.
        let analyst = token_for(&db.store, "analyst").await;
        let stats = get_as(&app, "/prevention/statistics?lang=en", &analyst).await;
        assert_eq!(stats.status, StatusCode::OK);
        assert!(stats.body.contains("People reached in 2026, by theme"));
        assert!(stats.body.contains("<svg") && stats.body.contains("role=\"img\""));
        assert!(stats.body.contains("People trained by sex"));
        assert!(stats.body.contains("Average knowledge gain by year"));
        let hotline = token_for(&db.store, "hotline").await;
        assert_eq!(
            get_as(&app, "/prevention/statistics", &hotline)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    });
}

fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write;
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (i, r) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", i + 1));
        for (j, c) in r.iter().enumerate() {
            let col = (b'A' + j as u8) as char;
            sheet.push_str(&format!(
                "<c r=\"{col}{}\" t=\"inlineStr\"><is><t>{c}</t></is></c>",
                i + 1
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let files = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_owned()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_owned()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Участники\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_owned()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_owned()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in files {
        w.start_file(name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn upload(uri: &str, token: &str, file_name: &str, content: &[u8], mode: &str) -> Request<Body> {
    let boundary = "mayak-import-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n{mode}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post(uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn a_trainer_imports_participants_records_tests_and_issues_certificates() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let trainer = token_for(&db.store, "trainer").await;
        let centre = mayak_store::orgs::list_organisations(&db.store)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.slug == "training-centre")
            .unwrap()
            .id
            .to_string();
        let c = call(
            &app,
            form_post(
                "/trainings/courses",
                &trainer,
                &[
                    ("title", "Онлайн-вербовка: как распознать"),
                    ("description", ""),
                    ("organisation_id", centre.as_str()),
                ],
            ),
        )
        .await;
        assert_eq!(c.status, StatusCode::SEE_OTHER);
        let course = mayak_store::trainings::courses(&db.store)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.title.starts_with("Онлайн"))
            .unwrap()
            .id
            .to_string();
        let bad = call(
            &app,
            form_post(
                "/trainings/sessions",
                &trainer,
                &[
                    ("course_id", course.as_str()),
                    ("starts_on", "2026-02-12"),
                    ("ends_on", "2026-02-10"),
                    ("max_score", "0"),
                ],
            ),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for f in ["ends_on", "place", "trainers", "max_score"] {
            assert!(bad.body.contains(&format!("id=\"err-{f}\"")), "{f}");
        }
        let s = call(
            &app,
            form_post(
                "/trainings/sessions",
                &trainer,
                &[
                    ("course_id", course.as_str()),
                    ("starts_on", "2026-02-10"),
                    ("ends_on", "2026-02-11"),
                    ("place", "Минск"),
                    ("region", "BY-HM"),
                    ("trainers", "Павел Учителев"),
                    ("max_score", "20"),
                ],
            ),
        )
        .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        let sid = id_after(location(&s), "/trainings/sessions/");
        let base = format!("/trainings/sessions/{sid}");

        // A CSV with one bad row: by default nothing is imported, and the report names the row.
        let csv = "ФИО;Пол;Организация;Тип организации;Область;Член МДГ\n\
                   Алеся Іванова;Ж;ngo-brest-safe-way;;;да\n\
                   Ігар Новік;?;Гомельская больница;HealthService;BY-HO;нет\n\
                   Вольга Шаўчук;F;Лицей №1;Education;Gomel Region;no\n";
        let r = call(
            &app,
            upload(
                &format!("{base}/import"),
                &trainer,
                "list.csv",
                csv.as_bytes(),
                "all",
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.body.contains("3 rows checked.")
                && r.body.contains("1 with errors.")
                && r.body.contains("0 participants imported."),
            "{}",
            r.body
        );
        assert!(r.body.contains("Sex: Not a known value"), "{}", r.body);
        assert!(
            mayak_store::trainings::participants(&db.store, sid)
                .await
                .unwrap()
                .is_empty()
        );
        // Only the valid rows, when asked.
        let r = call(
            &app,
            upload(
                &format!("{base}/import"),
                &trainer,
                "list.csv",
                csv.as_bytes(),
                "valid",
            ),
        )
        .await;
        assert!(r.body.contains("2 participants imported."), "{}", r.body);
        let people = mayak_store::trainings::participants(&db.store, sid)
            .await
            .unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].region, "BY-BR", "taken from the directory");
        assert_eq!(people[0].org_type, "NGO");
        assert!(people[0].mdg_member);
        assert_eq!(
            (people[1].sex.as_str(), people[1].region.as_str()),
            ("Female", "BY-HO")
        );
        // The same from XLSX.
        let book = xlsx(&[
            &[
                "full_name",
                "sex",
                "organisation",
                "organisation_type",
                "region",
                "mdg_member",
            ],
            &["Павел Жук", "male", "police-BY-VI", "", "", "yes"],
        ]);
        let r = call(
            &app,
            upload(
                &format!("{base}/import"),
                &trainer,
                "list.xlsx",
                &book,
                "all",
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("1 participant imported."));
        let junk = call(
            &app,
            upload(
                &format!("{base}/import"),
                &trainer,
                "list.xlsx",
                b"PK\x03\x04garbage",
                "all",
            ),
        )
        .await;
        assert!(
            junk.body
                .contains("neither a CSV text file nor an XLSX workbook")
        );
        let no_header = call(
            &app,
            upload(
                &format!("{base}/import"),
                &trainer,
                "list.csv",
                "a,b\n1,2\n".as_bytes(),
                "all",
            ),
        )
        .await;
        assert!(
            no_header
                .body
                .contains("The first row must name the columns")
        );

        // Attendance and tests: the knowledge gain per session.
        let people = mayak_store::trainings::participants(&db.store, sid)
            .await
            .unwrap();
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (p, pre, post) in people
            .iter()
            .zip([("8", "17"), ("10", "15"), ("", "")])
            .map(|(p, (a, b))| (p, a, b))
        {
            if !pre.is_empty() {
                pairs.push((format!("attended_{}", p.id), "1".into()));
            }
            pairs.push((format!("pre_{}", p.id), pre.into()));
            pairs.push((format!("post_{}", p.id), post.into()));
        }
        let too_high = format!("pre_{}", people[0].id);
        let bad = call(
            &app,
            form_post(
                &format!("{base}/results"),
                &trainer,
                &[(too_high.as_str(), "21")],
            ),
        )
        .await;
        assert!(bad.body.contains("Enter a number from 0 to 20."));
        let ok = call(
            &app,
            form_post(
                &format!("{base}/results"),
                &trainer,
                &pairs
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect::<Vec<_>>(),
            ),
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        let page = get_as(&app, &format!("{base}?lang=en"), &trainer).await;
        // (9 + 5) / 2 points of 20: +35.0 points of 100.
        assert!(
            page.body.contains("<dd id=\"average-gain\">+35.0</dd>"),
            "{}",
            page.body
        );
        // A certificate for who attended, none for who did not.
        let cert = get_as(
            &app,
            &format!("{base}/participants/{}/certificate?lang=be", people[0].id),
            &trainer,
        )
        .await;
        assert_eq!(cert.status, StatusCode::OK);
        assert_eq!(cert.header("content-type"), "application/pdf");
        assert!(
            cert.header("content-disposition")
                .contains("certificate-TC-2026-")
        );
        let none = get_as(
            &app,
            &format!("{base}/participants/{}/certificate", people[2].id),
            &trainer,
        )
        .await;
        assert_eq!(none.status, StatusCode::SEE_OTHER);
        let fb = call(
            &app,
            form_post(&format!("{base}/feedback"), &trainer, &[("rating", "6")]),
        )
        .await;
        assert_eq!(fb.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fb = call(
            &app,
            form_post(
                &format!("{base}/feedback"),
                &trainer,
                &[("rating", "5"), ("comment", "Карысна")],
            ),
        )
        .await;
        assert_eq!(fb.status, StatusCode::SEE_OTHER);
        // Trainees' names are for trainers only.
        let analyst = token_for(&db.store, "analyst").await;
        assert_eq!(
            get_as(&app, &base, &analyst).await.status,
            StatusCode::FORBIDDEN
        );
    });
}

#[tokio::test]
async fn a_certificate_prints_cyrillic_and_belarusian_letters() {
    let db = mayak_testkit::sqlite().await;
    let app = demo_app(&db.store).await;
    let trainer = token_for(&db.store, "trainer").await;
    let session = mayak_store::trainings::sessions(&db.store)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.attended > 0)
        .unwrap();
    let people = mayak_store::trainings::participants(&db.store, session.id)
        .await
        .unwrap();
    let p = people.iter().find(|p| p.attended).unwrap();
    mayak_store::trainings::record_results(&db.store, session.id, p.id, true, Some(5), Some(15))
        .await
        .unwrap();
    let res = app
        .clone()
        .oneshot(
            Request::get(format!(
                "/trainings/sessions/{}/participants/{}/certificate",
                session.id, p.id
            ))
            .header(header::AUTHORIZATION, format!("Bearer {trainer}"))
            .header(header::COOKIE, "mayak_lang=be")
            .body(Body::empty())
            .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(bytes.len() < 80_000, "{} bytes", bytes.len());
    let path = db.dir.join("certificate.pdf");
    std::fs::write(&path, &bytes).unwrap();
    // poppler-utils is installed by .ci/run; the text must come back out of the PDF.
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Сертыфікат",
        "пацвярджае",
        p.full_name.as_str(),
        session.course_title.as_str(),
        "Міжнародны навучальны цэнтр",
        "TC-",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
    db.cleanup().await;
}

#[tokio::test]
async fn the_prevention_api_validates_every_field_and_quizzes_answer_anonymously() {
    each_backend!(|db| {
        let app = demo_app(&db.store).await;
        let editor = token_for(&db.store, "editor").await;
        let trainer = token_for(&db.store, "trainer").await;
        let bad = call(&app, json_req("POST", "/api/v1/campaigns", &editor, r#"{"name":"","theme":"X","starts_on":"2026-13-01","summary":"s","regions":["BY-XX"],"target_groups":[],"channels":["Video"]}"#)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = bad.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        for f in ["name", "theme", "starts_on", "regions", "target_groups"] {
            assert!(fields.contains(&f.to_owned()), "{f} in {fields:?}");
        }
        let ok = call(&app, json_req("POST", "/api/v1/campaigns", &editor, r#"{"name":"Safe summer","theme":"SafeTravel","starts_on":"2026-05-01","summary":"s","regions":["BY-BR"],"target_groups":["Students"],"channels":["Video"]}"#)).await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
        let id = ok.json()["id"].as_i64().unwrap();
        let m = call(
            &app,
            json_req(
                "POST",
                &format!("/api/v1/campaigns/{id}/materials"),
                &editor,
                r#"{"kind":"Video","title":"Clip"}"#,
            ),
        )
        .await;
        assert_eq!(m.status, StatusCode::CREATED);
        let mid = m.json()["id"].as_i64().unwrap();
        let r = call(
            &app,
            json_req(
                "POST",
                &format!("/api/v1/campaigns/{id}/materials/{mid}/reach"),
                &editor,
                r#"{"measured_on":"2026-06-30","views":12000}"#,
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let got = get_as(&app, &format!("/api/v1/campaigns/{id}"), &editor)
            .await
            .json();
        assert_eq!(got["reach"]["people"], 12000);
        assert_eq!(got["material_list"][0]["title"], "Clip");
        assert_eq!(
            call(&app, json_req("POST", "/api/v1/campaigns", &trainer, "{}"))
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        let sessions = get_as(&app, "/api/v1/trainings", &trainer).await.json();
        let sid = sessions[0]["id"].as_i64().unwrap();
        let before = get_as(&app, &format!("/api/v1/trainings/{sid}"), &trainer)
            .await
            .json()["participant_list"]
            .as_array()
            .unwrap()
            .len();
        let bad = call(&app, json_req("POST", &format!("/api/v1/trainings/{sid}/participants"), &trainer, r#"{"participants":[{"full_name":"A B","sex":"Female","organisation":"iom-belarus"},{"full_name":"","sex":"?","organisation":"Unknown org"}]}"#)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = bad.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap().to_owned())
            .collect();
        assert!(
            fields.contains(&"participants[1].full_name".to_owned())
                && fields.contains(&"participants[1].sex".to_owned())
                && fields.contains(&"participants[1].organisation_type".to_owned()),
            "{fields:?}"
        );
        let after = get_as(&app, &format!("/api/v1/trainings/{sid}"), &trainer)
            .await
            .json()["participant_list"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(before, after, "all or nothing");

        // Quizzes need no sign-in.
        let q = call(
            &app,
            Request::get("/api/v1/quizzes/safe-job-offer?lang=be")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .json();
        assert_eq!(q["title"], "Ці бяспечная прапанова працы за мяжой?");
        let mut answers = serde_json::Map::new();
        for question in q["questions"].as_array().unwrap() {
            // The first answer everywhere: "yes", the risky one except for the last question.
            answers.insert(
                question["id"].to_string(),
                question["answers"][0]["id"].clone(),
            );
        }
        let body = serde_json::json!({ "answers": answers }).to_string();
        let res = call(
            &app,
            Request::post("/api/v1/quizzes/safe-job-offer/answers?lang=en")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = res.json();
        assert_eq!(res["score"], 13);
        assert!(
            res["advice"]
                .as_str()
                .unwrap()
                .starts_with("High risk of trafficking")
        );
        let short = call(
            &app,
            Request::post("/api/v1/quizzes/safe-job-offer/answers")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(r#"{"answers":{}}"#))
                .unwrap(),
        )
        .await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            call(
                &app,
                Request::get("/api/v1/quizzes/no-such")
                    .body(Body::empty())
                    .unwrap()
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
    });
}
