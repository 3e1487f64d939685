//! The Viber channel through the real router: recorded webhook payloads
//! (`tests/fixtures/viber/*.json`, shaped as the Viber REST bot API documents them) are
//! replayed against `POST /channels/viber` with their signatures, and the consultant's answer
//! leaves through the outbox to a local HTTP server standing in for `chatapi.viber.com`.

use super::*;
use axum::routing::post;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

const TOKEN: &str = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9";

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/viber")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn callback(body: &[u8], signature: &str) -> Request<Body> {
    Request::post("/channels/viber")
        .header(header::CONTENT_TYPE, "application/json")
        .header("X-Viber-Content-Signature", signature)
        .body(Body::from(body.to_vec()))
        .unwrap()
}

fn signed(name: &str) -> Request<Body> {
    let body = fixture(name);
    let sig = mayak_domain::viber::signature(TOKEN.as_bytes(), &body);
    callback(&body, &sig)
}

/// What the stand-in Viber API received.
#[derive(Default)]
struct Api {
    calls: Mutex<Vec<(String, Value)>>,
    /// The first `outage` calls fail with 503.
    outage: AtomicUsize,
}

async fn fake_viber(api: Arc<Api>) -> String {
    let app = axum::Router::new().route(
        "/pa/send_message",
        post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let api = api.clone();
                async move {
                    let token = headers
                        .get("x-viber-auth-token")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned();
                    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    api.calls.lock().unwrap().push((token, json));
                    if api.outage.load(Ordering::SeqCst) > 0 {
                        api.outage.fetch_sub(1, Ordering::SeqCst);
                        return (StatusCode::SERVICE_UNAVAILABLE, String::new());
                    }
                    (
                        StatusCode::OK,
                        r#"{"status":0,"status_message":"ok","message_token":5098034272017990000,"chat_hostname":"SN-CHAT-05_"}"#.to_owned(),
                    )
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    format!("http://{addr}")
}

async fn viber_state(store: &Store, base_url: String, clock: Arc<FixedClock>) -> AppState {
    let mut config = WebConfig::new("test");
    config.demo = true;
    config.hotline.viber = Some(mayak_web::viber::ViberConfig {
        token: TOKEN.to_owned(),
        base_url,
        sender_name: "Горячая линия".to_owned(),
    });
    AppState {
        store: store.clone(),
        clock,
        rng: Arc::new(rng()),
        catalogs: Catalogs::load().unwrap(),
        vault: mayak_testkit::vault(store).await,
        metrics: Arc::default(),
        config: Arc::new(config),
    }
}

async fn viber_requests(store: &Store) -> Vec<(i64, Option<String>)> {
    mayak_store::on_pool!(store.pool(), p => {
        sqlx::query_as::<_, (i64, Option<String>)>(
            "SELECT id, thread_hash FROM hotline_request WHERE channel = 'Viber' ORDER BY id",
        )
        .fetch_all(p)
        .await
        .unwrap()
    })
}

#[tokio::test]
async fn viber_messages_reach_the_queue_and_answers_go_back_through_the_outbox() {
    each_backend!(|db| {
        demo(&db.store).await;
        let api = Arc::new(Api::default());
        let base = fake_viber(api.clone()).await;
        let clock = Arc::new(clock());
        let state = viber_state(&db.store, base, clock.clone()).await;
        let app = mayak_web::router(state.clone());

        // A bad or missing signature is refused and changes nothing.
        let body = fixture("message_text.json");
        let wrong = mayak_domain::viber::signature(b"another-token", &body);
        assert_eq!(
            call(&app, callback(&body, &wrong)).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            call(&app, callback(&body, "")).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert!(viber_requests(&db.store).await.is_empty());

        // Every documented event is acknowledged; conversation_started gets a greeting.
        for name in [
            "webhook.json",
            "subscribed.json",
            "delivered.json",
            "seen.json",
            "failed.json",
        ] {
            assert_eq!(
                call(&app, signed(name)).await.status,
                StatusCode::OK,
                "{name}"
            );
        }
        let hello = call(&app, signed("conversation_started.json")).await;
        assert_eq!(hello.status, StatusCode::OK);
        assert_eq!(hello.json()["type"], "text");
        assert!(
            hello.json()["text"]
                .as_str()
                .unwrap()
                .contains("гарачая лінія"),
            "in the user's language"
        );
        assert!(viber_requests(&db.store).await.is_empty());

        // A message becomes a request; Viber's retry of the same callback changes nothing;
        // the sender's next message joins the open request.
        assert_eq!(
            call(&app, signed("message_text.json")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            call(&app, signed("message_text.json")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            call(&app, signed("message_followup.json")).await.status,
            StatusCode::OK
        );
        let rows = viber_requests(&db.store).await;
        assert_eq!(rows.len(), 1);
        let id = rows[0].0;
        assert!(rows[0].1.is_some(), "the open thread is keyed");
        // Nothing of the sender is stored in the clear.
        let raw: Vec<Vec<u8>> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar::<_, Vec<u8>>("SELECT sealed_reply_to FROM hotline_request WHERE id = $1")
                .bind(id)
                .fetch_all(p)
                .await
                .unwrap()
        });
        assert!(!String::from_utf8_lossy(&raw[0]).contains("01234567890A="));
        // A picture from someone else is a request of its own, with a note instead of the file.
        assert_eq!(
            call(&app, signed("message_picture.json")).await.status,
            StatusCode::OK
        );
        assert_eq!(viber_requests(&db.store).await.len(), 2);

        // The consultant sees both messages in the request and answers it.
        let t = token_for(&db.store, "hotline").await;
        let page = get_as(&app, &format!("/hotline/requests/{id}?lang=en"), &t).await;
        assert!(page.body.contains("без договора") && page.body.contains("оплатить визу"));
        let answered = call(
            &app,
            form_post(
                &format!("/hotline/requests/{id}"),
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
        assert!(
            viber_requests(&db.store).await[0].1.is_none(),
            "the thread ends with the answer"
        );
        let cid: Option<i64> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar::<_, Option<i64>>("SELECT consultation_id FROM hotline_request WHERE id = $1")
                .bind(id)
                .fetch_one(p)
                .await
                .unwrap()
        });
        let logged = mayak_store::hotline::get(&db.store, cid.unwrap())
            .await
            .unwrap();
        assert_eq!(logged.channel, "Viber", "logged as a Viber consultation");

        // Viber is down: the message stays in the outbox and goes out on a later round.
        api.outage.store(1, Ordering::SeqCst);
        let client = mayak_web::viber::client().unwrap();
        let first = mayak_web::viber::deliver_due(&state, &client)
            .await
            .unwrap();
        assert_eq!((first.sent, first.retrying), (0, 1));
        let early = mayak_web::viber::deliver_due(&state, &client)
            .await
            .unwrap();
        assert_eq!(
            early,
            Default::default(),
            "not before its next attempt is due"
        );
        clock.advance(time::Duration::minutes(2));
        let second = mayak_web::viber::deliver_due(&state, &client)
            .await
            .unwrap();
        assert_eq!(second.sent, 1);
        let calls = api.calls.lock().unwrap().clone();
        assert_eq!(calls.len(), 2);
        let (token, body) = &calls[1];
        assert_eq!(token, TOKEN);
        assert_eq!(body["receiver"], "01234567890A=");
        assert_eq!(body["type"], "text");
        assert_eq!(body["sender"]["name"], "Горячая линия");
        assert_eq!(
            body["text"],
            "Не платите заранее и не выезжайте без договора."
        );
        assert_eq!(
            mayak_store::hotline_channels::delivery_of(&db.store, id)
                .await
                .unwrap()
                .map(|d| (d.sent_at.is_some(), d.attempts, d.last_error)),
            Some((true, 2, None))
        );
        // Sent once: nothing more is due.
        let after = mayak_web::viber::deliver_due(&state, &client)
            .await
            .unwrap();
        assert_eq!(after, Default::default());

        // A new message after the answer opens a new request.
        let next = br#"{"event":"message","timestamp":1764598000000,"message_token":5741311803571721099,"sender":{"id":"01234567890A=","name":"Test Sender","language":"ru"},"message":{"type":"text","text":"Thank you!"}}"#;
        let sig = mayak_domain::viber::signature(TOKEN.as_bytes(), next);
        assert_eq!(
            call(&app, callback(next, &sig)).await.status,
            StatusCode::OK
        );
        assert_eq!(viber_requests(&db.store).await.len(), 3);
    });
}

#[tokio::test]
async fn without_a_token_the_viber_channel_is_off() {
    each_backend!(|db| {
        let app = mayak_web::router(state(&db.store, None).await);
        let body = fixture("message_text.json");
        let sig = mayak_domain::viber::signature(TOKEN.as_bytes(), &body);
        assert_eq!(
            call(&app, callback(&body, &sig)).await.status,
            StatusCode::NOT_FOUND
        );
    });
}

/// A Viber message from `sender` with its own message token, signed.
fn message_from(sender: &str, token: u64, text: &str) -> Request<Body> {
    let body = serde_json::json!({
        "event": "message",
        "timestamp": 1764598000000_u64,
        "message_token": token,
        "sender": {"id": sender, "name": "Test Sender", "language": "ru"},
        "message": {"type": "text", "text": text},
    })
    .to_string()
    .into_bytes();
    let sig = mayak_domain::viber::signature(TOKEN.as_bytes(), &body);
    callback(&body, &sig)
}

/// The caller hash of the consultation that answered request `id`.
async fn caller_hash_of_answer(store: &Store, id: i64) -> Option<String> {
    mayak_store::on_pool!(store.pool(), p => {
        sqlx::query_scalar::<_, Option<String>>(
            "SELECT c.caller_hash FROM hotline_consultation c JOIN hotline_request r ON r.consultation_id = c.id WHERE r.id = $1",
        )
        .bind(id)
        .fetch_one(p)
        .await
        .unwrap()
    })
}

#[tokio::test]
async fn a_viber_sender_is_recognised_only_after_consenting_and_the_answer_shows_its_delivery() {
    each_backend!(|db| {
        demo(&db.store).await;
        let api = Arc::new(Api::default());
        let base = fake_viber(api.clone()).await;
        let clock = Arc::new(clock());
        let state = viber_state(&db.store, base, clock.clone()).await;
        let app = mayak_web::router(state.clone());
        let t = token_for(&db.store, "hotline").await;
        let answer = |id: i64, consent: bool| {
            let mut fields = vec![
                ("topics", "EmploymentAbroad"),
                ("outcome", "InformationGiven"),
                ("answer", "Проверьте лицензию агентства."),
            ];
            if consent {
                fields.push(("repeat_consent", "yes"));
            }
            form_post(&format!("/hotline/requests/{id}"), &t, &fields)
        };

        // First message: nobody is recognised, the consent box is offered; answered without it.
        call(&app, message_from("SenderAAAA1=", 1001, "Работа в Польше?")).await;
        let first = viber_requests(&db.store).await.last().unwrap().0;
        let page = get_as(&app, &format!("/hotline/requests/{first}?lang=en"), &t).await;
        assert!(!page.body.contains("id=\"known-caller\""), "{}", page.body);
        assert!(page.body.contains("name=\"repeat_consent\""));
        assert!(page.body.contains("Viber"));
        let r = call(&app, answer(first, false)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(caller_hash_of_answer(&db.store, first).await, None);

        // The answer waits in the outbox, and the request page says so.
        let page = get_as(&app, &format!("/hotline/requests/{first}?lang=en"), &t).await;
        assert!(
            page.body.contains("The answer is not delivered yet"),
            "{}",
            page.body
        );

        // Second message: still a stranger (no consent was given); answered with consent.
        call(&app, message_from("SenderAAAA1=", 1002, "А если без визы?")).await;
        let second = viber_requests(&db.store).await.last().unwrap().0;
        assert_ne!(second, first);
        let page = get_as(&app, &format!("/hotline/requests/{second}?lang=en"), &t).await;
        assert!(!page.body.contains("id=\"known-caller\""));
        let r = call(&app, answer(second, true)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let hash = caller_hash_of_answer(&db.store, second).await;
        assert!(hash.is_some(), "consent keeps the keyed hash");
        assert!(
            !hash.unwrap().contains("SenderAAAA1"),
            "never the id itself"
        );

        // Third message: recognised, with a link to the one consenting consultation.
        call(
            &app,
            message_from("SenderAAAA1=", 1003, "Спасибо, ещё вопрос"),
        )
        .await;
        let third = viber_requests(&db.store).await.last().unwrap().0;
        let page = get_as(&app, &format!("/hotline/requests/{third}?lang=en"), &t).await;
        assert!(page.body.contains("id=\"known-caller\""), "{}", page.body);
        assert!(
            page.body
                .contains("This person agreed to be recognised: 1 consultation.")
        );
        let cid: i64 = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar::<_, i64>("SELECT consultation_id FROM hotline_request WHERE id = $1")
                .bind(second)
                .fetch_one(p)
                .await
                .unwrap()
        });
        assert!(page.body.contains(&format!("/hotline?caller_of={cid}")));

        // Someone else is not recognised.
        call(&app, message_from("SenderBBBB2=", 1004, "Здравствуйте")).await;
        let other = viber_requests(&db.store).await.last().unwrap().0;
        let page = get_as(&app, &format!("/hotline/requests/{other}?lang=en"), &t).await;
        assert!(!page.body.contains("id=\"known-caller\""));

        // Delivered: the page says when. A message Viber never accepts is shown as failed.
        let client = mayak_web::viber::client().unwrap();
        let sent = mayak_web::viber::deliver_due(&state, &client)
            .await
            .unwrap();
        assert_eq!(sent.sent, 2);
        let page = get_as(&app, &format!("/hotline/requests/{first}?lang=en"), &t).await;
        assert!(
            page.body
                .contains("The answer was delivered to the channel"),
            "{}",
            page.body
        );
        mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query("UPDATE hotline_outbox SET sent_at = NULL, attempts = $1, last_error = 'status 6' WHERE request_id = $2")
                .bind(mayak_domain::viber::MAX_ATTEMPTS)
                .bind(second)
                .execute(p)
                .await
                .unwrap();
        });
        let page = get_as(&app, &format!("/hotline/requests/{second}?lang=en"), &t).await;
        assert!(
            page.body.contains("The answer could not be delivered"),
            "{}",
            page.body
        );
        assert!(page.body.contains("status 6"));

        // A request of the public form has no address: consent to recognition is refused with
        // a message, and nothing is answered.
        let digest = mayak_domain::hotline::ticket_digest("ABCD-EFGH-JKLM");
        let public = mayak_store::hotline_public::submit(
            &db.store,
            &state.vault,
            state.rng.as_ref(),
            &digest,
            "en",
            None,
            "Is this offer safe?",
            false,
            clock.now(),
        )
        .await
        .unwrap();
        let page = get_as(&app, &format!("/hotline/requests/{public}?lang=en"), &t).await;
        assert!(!page.body.contains("name=\"repeat_consent\""));
        let refused = call(&app, answer(public, true)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.body.contains("no address on a channel") || refused.body.contains("нет адреса"),
            "{}",
            refused.body
        );
        let answered: Option<time::OffsetDateTime> = mayak_store::on_pool!(db.store.pool(), p => {
            sqlx::query_scalar::<_, Option<time::OffsetDateTime>>("SELECT answered_at FROM hotline_request WHERE id = $1")
                .bind(public)
                .fetch_one(p)
                .await
                .unwrap()
        });
        assert_eq!(answered, None);
    });
}
