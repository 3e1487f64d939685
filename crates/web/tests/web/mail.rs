//! E-mail notices delivered to a real SMTP server (Python's aiosmtpd, started by the test,
//! writing what it receives into a maildir): the recipient, the link, and that nothing
//! identifying is in the message; a dead server loses nothing and the next round delivers.

use super::referrals::{consent_to, gomel_case, org_id, post_json};
use super::*;
use mayak_web::mail::{MailConfig, Mailer};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// aiosmtpd on a free port, storing each message as a file in a maildir.
pub struct SmtpSink {
    child: Child,
    pub dir: PathBuf,
    pub port: u16,
}

impl SmtpSink {
    pub fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = mayak_testkit::temp_dir().join("maildir");
        let mut child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (pip install aiosmtpd)");
        // Wait until it accepts connections (start-up, not a timed assertion).
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Self { child, dir, port };
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("aiosmtpd did not start on port {port}");
    }

    /// Every message received: (To, decoded Subject, decoded text), parsed by Python's `email`.
    fn messages(&self) -> Vec<(String, String, String)> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("new")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in entries {
            let path = e.unwrap().path();
            let script = "import email, email.header, sys\n\
                m = email.message_from_binary_file(open(sys.argv[1], 'rb'))\n\
                s = str(email.header.make_header(email.header.decode_header(m['Subject'])))\n\
                sys.stdout.write(m['To'] + '\\x1f' + s + '\\x1f' + m.get_payload(decode=True).decode(m.get_content_charset() or 'ascii'))";
            let o = Command::new("python3")
                .args(["-c", script])
                .arg(&path)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let text = String::from_utf8(o.stdout).unwrap();
            let mut parts = text.splitn(3, '\u{1f}').map(str::to_owned);
            out.push((
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            ));
        }
        out
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn config(port: u16) -> MailConfig {
    MailConfig {
        smtp_host: "127.0.0.1".into(),
        smtp_port: port,
        from: "mayak@mayak.example.by".into(),
        base_url: "https://mayak.example.by".into(),
    }
}

async fn user_id(store: &Store, login: &str) -> i64 {
    auth::account_by_login(store, login)
        .await
        .unwrap()
        .unwrap()
        .user
        .id
}

async fn form_as(app: &axum::Router, uri: &str, token: &str, pairs: &[(&str, &str)]) -> Answer {
    call(
        app,
        Request::post(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(pairs).unwrap()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_referral_notice_reaches_a_real_smtp_server_with_a_link_and_nothing_identifying() {
    let sink = SmtpSink::start();
    each_backend!(|db| {
        mayak_store::demo::load(
            &db.store,
            &*mayak_testkit::vault(&db.store).await,
            clock().now(),
            &rng(),
            Some(DEMO_PASSWORD),
        )
        .await
        .unwrap();
        let clock = Arc::new(clock());
        let mut st = state_with_clock(&db.store, None, clock.clone()).await;
        let mut cfg = (*st.config).clone();
        cfg.mail = Some(config(sink.port));
        st.config = Arc::new(cfg);
        let app = mayak_web::router(st.clone());
        let admin = token_for(&db.store, "admin").await;
        let cm = token_for(&db.store, "casemanager").await;
        let partner = user_id(&db.store, "partner").await;

        // The administrator sets the partner caseworker's address; a bad one changes nothing.
        let uri = format!("/admin/users/{partner}/email");
        let bad = form_as(
            &app,
            &uri,
            &admin,
            &[("email", "natalia@"), ("language", "en")],
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body.contains("name@example.org"),
            "the message says how to fix it"
        );
        assert_eq!(
            mayak_store::mail::contact(&db.store, partner)
                .await
                .unwrap()
                .email,
            None
        );
        let ok = form_as(
            &app,
            &uri,
            &admin,
            &[
                ("email", " natalia@open-doors.example.by "),
                ("language", "en"),
            ],
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

        // A referral to her organisation.
        let open_doors = org_id(&db.store, "ngo-gomel-open-doors").await;
        let case = gomel_case(&app, &cm, "Лисовская-Почта", "AE7100001").await;
        consent_to(&app, &cm, case, open_doors, &clock.now().date().to_string()).await;
        let send = serde_json::json!({
            "to_organisation_id": open_doors, "services": ["Psychological"],
            "disclosure": "needs_and_contacts",
        })
        .to_string();
        let sent = post_json(&app, &format!("/api/v1/cases/{case}/referrals"), &cm, &send).await;
        assert_eq!(sent.status, StatusCode::CREATED, "{}", sent.body);
        let code = mayak_store::cases::get(&db.store, case).await.unwrap().code;

        // Nothing went yet: sending is the worker's, off the request path.
        let before = sink.messages().len();
        let mailer = Mailer::new(config(sink.port), st.catalogs.clone(), st.rng.clone()).unwrap();
        let round = mailer
            .deliver_due(&db.store, clock.as_ref(), 50)
            .await
            .unwrap();
        assert_eq!((round.sent, round.retrying, round.failed), (1, 0, 0));
        let all = sink.messages();
        assert_eq!(all.len(), before + 1);
        let (to, subject, text) = all
            .iter()
            .find(|m| m.0.contains("natalia@open-doors.example.by"))
            .unwrap();
        assert_eq!(to, "natalia@open-doors.example.by");
        assert_eq!(subject, "You have a new item in Mayak");
        assert!(
            text.contains("https://mayak.example.by/referrals\n"),
            "{text}"
        );
        for secret in [
            code.as_str(),
            "Лисовская",
            "Алина",
            "AE7100001",
            "555-44-33",
            "Psycholog",
            "Open Doors",
            "Gomel",
            "Right to the Future",
        ] {
            assert!(
                !text.contains(secret) && !subject.contains(secret),
                "{secret} in {text}"
            );
        }

        // Administrators see it delivered, without its text.
        let page = get_as(&app, "/admin/mail", &admin).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("natalia@open-doors.example.by"));
        assert!(!page.body.contains("new item in Mayak"));
        assert_eq!(mayak_store::mail::counts(&db.store).await.unwrap().sent, 1);

        // The relay is down when the partner accepts: the notice to the sender waits, nothing
        // is lost, and the request did not notice.
        let cm_id = user_id(&db.store, "casemanager").await;
        mayak_store::mail::set_contact(
            &db.store,
            cm_id,
            &mayak_store::mail::Contact {
                email: Some("marina@right-to-future.example.by".into()),
                language: mayak_domain::Lang::Ru,
            },
        )
        .await
        .unwrap();
        let rid = sent.json()["id"].as_i64().unwrap();
        let ptoken = token_for(&db.store, "partner").await;
        let dead = Mailer::new(config(1), st.catalogs.clone(), st.rng.clone()).unwrap();
        let a = post_json(
            &app,
            &format!("/api/v1/referrals/{rid}/accept"),
            &ptoken,
            "",
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let round = dead
            .deliver_due(&db.store, clock.as_ref(), 50)
            .await
            .unwrap();
        assert_eq!((round.sent, round.retrying), (0, 1));
        let waiting =
            mayak_store::mail::recent(&db.store, Some(mayak_store::mail::MailState::Queued), 10)
                .await
                .unwrap();
        assert_eq!(waiting.len(), 1);
        assert!(waiting[0].last_error.is_some());
        // Not before its backoff; then delivered, in Russian.
        assert_eq!(
            mailer
                .deliver_due(&db.store, clock.as_ref(), 50)
                .await
                .unwrap()
                .sent,
            0
        );
        clock.advance(mayak_store::mail::backoff(1));
        assert_eq!(
            mailer
                .deliver_due(&db.store, clock.as_ref(), 50)
                .await
                .unwrap()
                .sent,
            1
        );
        let all = sink.messages();
        let (_, subject, text) = all
            .iter()
            .find(|m| m.0.contains("marina@right-to-future.example.by"))
            .unwrap();
        assert_eq!(subject, "У вас новое сообщение в «Маяке»");
        assert!(
            text.contains("https://mayak.example.by/referrals"),
            "{text}"
        );
        assert!(!text.contains(code.as_str()) && !text.contains("Лисовская"));
    });
}
