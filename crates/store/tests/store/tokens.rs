//! API tokens: a valid token names its user; its use is recorded at most once a minute, so
//! that reading through the API is not a durable write per request.

use super::*;
use mayak_store::auth as store_auth;
use time::Duration;

async fn last_used(store: &mayak_store::Store) -> Option<time::OffsetDateTime> {
    store_auth::list_tokens(store)
        .await
        .unwrap()
        .into_iter()
        .next()
        .unwrap()
        .last_used_at
}

#[tokio::test]
async fn token_use_is_recorded_at_most_once_a_minute() {
    each_backend!(|db| {
        let now = clock().now();
        let org = orgs::insert_organisation(
            &db.store,
            &orgs::NewOrganisation {
                slug: "ngo-t",
                names: ["Орг", "Арг", "Org"],
                org_type: "NGO",
                region: "BY-HM",
                place: None,
                may_identify: false,
                ngo_network: true,
            },
            now,
        )
        .await
        .unwrap();
        let user = orgs::insert_user(
            &db.store,
            &orgs::NewUser {
                login: "api-client",
                display_name: "API client",
                organisation_id: org,
                password_hash: None,
                roles: &[Role::Analyst],
            },
            now,
        )
        .await
        .unwrap();
        store_auth::insert_token(
            &db.store,
            "digest-1",
            user,
            "test",
            now,
            now + Duration::days(1),
        )
        .await
        .unwrap();
        assert_eq!(last_used(&db.store).await, None);

        assert_eq!(
            store_auth::token_user(&db.store, "digest-1", now)
                .await
                .unwrap(),
            Some(user)
        );
        assert_eq!(last_used(&db.store).await, Some(now));
        // Within the minute: still the first use.
        let soon = now + Duration::seconds(59);
        assert_eq!(
            store_auth::token_user(&db.store, "digest-1", soon)
                .await
                .unwrap(),
            Some(user)
        );
        assert_eq!(last_used(&db.store).await, Some(now));
        // A minute later the use is recorded again.
        let later = now + store_auth::TOKEN_USE_RESOLUTION;
        assert_eq!(
            store_auth::token_user(&db.store, "digest-1", later)
                .await
                .unwrap(),
            Some(user)
        );
        assert_eq!(last_used(&db.store).await, Some(later));
        // Unknown and expired tokens name nobody.
        assert_eq!(
            store_auth::token_user(&db.store, "digest-2", later)
                .await
                .unwrap(),
            None
        );
        let expired = now + Duration::days(2);
        assert_eq!(
            store_auth::token_user(&db.store, "digest-1", expired)
                .await
                .unwrap(),
            None
        );
    });
}
