//! The hotline's e-mail channel: real RFC 5322 files (`tests/fixtures/mail/*.eml`:
//! multipart with quoted-printable UTF-8 and a PDF attachment, KOI8-R, windows-1251, a broken
//! one) in a temporary Maildir become requests on the queue, once; the answer reaches a real
//! SMTP server (aiosmtpd) with the request's reference, threading headers and no question.

use super::mail::{SmtpSink, config};
use super::*;
use mayak_web::mail::Mailer;
use mayak_web::mail_intake;
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mail")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn deliver(dir: &Path, unique: &str, name: &str) {
    // As an MTA does: written to tmp/, then renamed into new/.
    let tmp = dir.join("tmp").join(unique);
    std::fs::write(&tmp, fixture(name)).unwrap();
    std::fs::rename(&tmp, dir.join("new").join(unique)).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

async fn email_requests(store: &Store) -> Vec<i64> {
    mayak_store::on_pool!(store.pool(), p => {
        sqlx::query_scalar::<_, i64>("SELECT id FROM hotline_request WHERE channel = 'Email' ORDER BY id")
            .fetch_all(p)
            .await
            .unwrap()
    })
}

/// (To, Subject, In-Reply-To, References, text) of every message the sink received.
fn received(sink: &SmtpSink) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for name in names(&sink.dir.join("new")) {
        let script = "import email, email.header, sys\n\
            m = email.message_from_binary_file(open(sys.argv[1], 'rb'))\n\
            s = str(email.header.make_header(email.header.decode_header(m['Subject'])))\n\
            sys.stdout.write('\\x1f'.join([m['To'], s, m['In-Reply-To'] or '', m['References'] or '', m.get_payload(decode=True).decode(m.get_content_charset() or 'ascii')]))";
        let o = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(sink.dir.join("new").join(name))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out.push(
            String::from_utf8(o.stdout)
                .unwrap()
                .split('\u{1f}')
                .map(str::to_owned)
                .collect(),
        );
    }
    out
}

#[tokio::test]
async fn e_mails_in_a_maildir_become_requests_once_and_the_answer_goes_back_by_smtp() {
    each_backend!(|db| {
        demo(&db.store).await;
        let sink = SmtpSink::start();
        let dir = mayak_testkit::temp_dir().join("intake");
        mail_intake::ensure_maildir(&dir).unwrap();
        let clock = Arc::new(clock());
        let mut config_ = WebConfig::new("test");
        config_.demo = true;
        config_.hotline.mail_intake_maildir = Some(dir.clone());
        config_.mail = Some(config(sink.port));
        let state = AppState {
            store: db.store.clone(),
            clock: clock.clone(),
            rng: Arc::new(rng()),
            catalogs: Catalogs::load().unwrap(),
            vault: mayak_testkit::vault(&db.store).await,
            metrics: Arc::default(),
            config: Arc::new(config_),
        };
        let app = mayak_web::router(state.clone());

        deliver(&dir, "1764583200.M1P1.mx", "multipart_qp_attachment.eml");
        deliver(&dir, "1764583201.M2P1.mx", "koi8r.eml");
        deliver(&dir, "1764583202.M3P1.mx", "cp1251_qp.eml");
        deliver(&dir, "1764583203.M4P1.mx", "broken.eml");
        let r = mail_intake::scan(&state, &dir).await.unwrap();
        assert_eq!((r.new, r.joined, r.duplicates, r.rejected), (2, 1, 0, 1));
        assert!(names(&dir.join("new")).is_empty());
        assert_eq!(
            names(&dir.join("cur")),
            vec![
                "1764583200.M1P1.mx:2,S",
                "1764583201.M2P1.mx:2,S",
                "1764583202.M3P1.mx:2,S"
            ]
        );
        assert_eq!(
            names(&dir.join(".mayak-rejected/cur")),
            vec!["1764583203.M4P1.mx:2,"],
            "the broken message is kept in the quarantine"
        );
        assert_eq!(mail_intake::rejected_count(&dir), 1);

        // A second scan finds nothing; a message imported before a crash that left it in
        // new/ is only moved, not imported again.
        assert_eq!(
            mail_intake::scan(&state, &dir).await.unwrap(),
            mail_intake::Round::default()
        );
        deliver(&dir, "1764583201.M2P1.mx", "koi8r.eml");
        let r = mail_intake::scan(&state, &dir).await.unwrap();
        assert_eq!((r.new, r.duplicates), (0, 1));
        let ids = email_requests(&db.store).await;
        assert_eq!(ids.len(), 2);

        // The sender is sealed: nothing of the address in the clear.
        let raw: Vec<Vec<u8>> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar::<_, Vec<u8>>("SELECT sealed_reply_to FROM hotline_request WHERE channel = 'Email'")
                .fetch_all(p)
                .await
                .unwrap()
        });
        assert!(
            raw.iter()
                .all(|r| !String::from_utf8_lossy(r).contains("example"))
        );

        // The consultant reads the decoded texts on the queue's request pages.
        let t = token_for(&db.store, "hotline").await;
        let anna = get_as(&app, &format!("/hotline/requests/{}?lang=en", ids[0]), &t).await;
        assert!(
            anna.body.contains("оплатить визу заранее"),
            "UTF-8 quoted-printable"
        );
        assert!(anna.body.contains("Работа в Польше"), "the subject");
        assert!(
            anna.body.contains("працадаўца не дае дагавор"),
            "windows-1251 joined"
        );
        assert!(
            anna.body.contains("вложения не сохраняются"),
            "the attachment is noted"
        );
        assert!(!anna.body.contains("anna.k@"));
        let ivan = get_as(&app, &format!("/hotline/requests/{}?lang=en", ids[1]), &t).await;
        assert!(ivan.body.contains("забрали паспорт"), "KOI8-R");
        assert!(ivan.body.contains("Помогите"));

        // The admin's mail page counts the quarantine.
        let admin = token_for(&db.store, "admin").await;
        let page = get_as(&app, "/admin/mail?lang=en", &admin).await;
        assert!(page.body.contains("could not read"), "{}", page.body);

        // The answer goes back by e-mail.
        let answered = call(
            &app,
            form_post(
                &format!("/hotline/requests/{}", ids[0]),
                &t,
                &[
                    ("topics", "EmploymentAbroad"),
                    ("outcome", "InformationGiven"),
                    ("answer", "Не платите заранее и не выезжайте без договора."),
                ],
            ),
        )
        .await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
        let mailer =
            Mailer::new(config(sink.port), state.catalogs.clone(), state.rng.clone()).unwrap();
        let round = mailer
            .deliver_hotline_due(&db.store, &state.vault, clock.as_ref(), 50)
            .await
            .unwrap();
        assert_eq!(round.sent, 1);
        assert_eq!(
            mayak_store::hotline_channels::delivery_of(&db.store, ids[0])
                .await
                .unwrap()
                .map(|d| d.sent_at.is_some()),
            Some(true)
        );
        let got = received(&sink);
        assert_eq!(got.len(), 1);
        let m = &got[0];
        assert_eq!(m[0], "anna.k@example.by");
        assert!(m[1].contains(&format!("№ {}", ids[0])), "{}", m[1]);
        for q in ["Польш", "визу", "Работа", "дагавор"] {
            assert!(!m[1].contains(q), "no question in the subject: {}", m[1]);
        }
        assert_eq!(m[2], "<second.2@mail.example.by>");
        assert_eq!(m[3], "<second.2@mail.example.by>");
        assert!(m[4].contains("без договора"));
        assert!(!m[4].contains("визу"), "the question is not quoted");

        // A new message after the answer opens a new request.
        deliver(&dir, "1764583300.M5P1.mx", "cp1251_qp.eml");
        let r = mail_intake::scan(&state, &dir).await.unwrap();
        assert_eq!(r.new, 1);
    });
}
