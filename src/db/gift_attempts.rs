//! Wrong gift certificate codes typed, per guest (`gift_code_attempts`): the wizard pauses a
//! guest after five within ten minutes, so codes cannot be guessed by trying.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use super::error::DbResult;

/// A wrong code typed by `telegram_user_id` (guessing defence).
pub async fn record<'e>(db: impl PgExecutor<'e>, telegram_user_id: i64) -> DbResult<()> {
    sqlx::query("INSERT INTO gift_code_attempts (telegram_user_id) VALUES ($1)")
        .bind(telegram_user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The wrong codes `telegram_user_id` typed since `since`, oldest first.
pub async fn since<'e>(
    db: impl PgExecutor<'e>,
    telegram_user_id: i64,
    since: DateTime<Utc>,
) -> DbResult<Vec<DateTime<Utc>>> {
    Ok(sqlx::query_scalar(
        "SELECT at FROM gift_code_attempts WHERE telegram_user_id = $1 AND at > $2 ORDER BY at",
    )
    .bind(telegram_user_id)
    .bind(since)
    .fetch_all(db)
    .await?)
}

/// The daily sweep: attempts older than `before` no longer count for anything.
pub async fn forget_before<'e>(db: impl PgExecutor<'e>, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(sqlx::query("DELETE FROM gift_code_attempts WHERE at < $1")
        .bind(before)
        .execute(db)
        .await?
        .rows_affected())
}
