//! Demo data for statistics: most demo persons consented to anonymised statistics (a child's
//! consent through the legal representative), a few did not, so the exclusion shows.

use crate::db::Store;
use crate::error::Result;
use time::OffsetDateTime;

/// Records the demo consents to anonymised statistics.
pub async fn load(store: &Store, now: OffsetDateTime) -> Result<()> {
    crate::on_pool!(store.pool(), p => {
        sqlx::query(
            "INSERT INTO consent (case_id, purpose, organisation_id, given_by, form, given_on, withdrawn_on, recorded_by, recorded_at) \
             SELECT id, 'AnonymisedStatistics', NULL, \
                    CASE WHEN age_band IN ('0-8', '9-17') THEN 'representative' ELSE 'person' END, \
                    'SignedPaper', registered_on, NULL, NULL, $1 \
             FROM case_file WHERE id % 7 <> 0",
        )
        .bind(now)
        .execute(p)
        .await?;
    });
    Ok(())
}
