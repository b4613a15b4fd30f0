//! House-wide values kept in the `settings` table (the key-box code, the jobs' bookkeeping).
//! Values are never logged; a change by a person is audited in `settings_events` (who and when,
//! never the value).

use sqlx::{PgConnection, PgExecutor};

use super::error::DbResult;

pub const KEYBOX_CODE: &str = "keybox_code";
/// Set once the admin chat was told that arrival instructions went out without a key-box code;
/// cleared when a code is set, so the next such instruction warns again.
pub const KEYBOX_MISSING_WARNED: &str = "keybox_missing_warned";
/// The local date the daily expiry job last ran.
pub const EXPIRIES_LAST_RUN: &str = "expiries_last_run";

#[tracing::instrument(skip(db))]
pub async fn get<'e>(db: impl PgExecutor<'e>, key: &str) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(db).await?)
}

#[tracing::instrument(skip(db, value))]
pub async fn set<'e>(db: impl PgExecutor<'e>, key: &str, value: &str) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()",
    )
    .bind(key)
    .bind(value)
    .execute(db)
    .await?;
    Ok(())
}

/// A person's change of `key`, with its audit row (who, when — not the value), on the caller's
/// transaction.
#[tracing::instrument(skip(conn, value))]
pub async fn set_by(conn: &mut PgConnection, key: &str, value: &str, actor_telegram_id: i64) -> DbResult<()> {
    set(&mut *conn, key, value).await?;
    sqlx::query("INSERT INTO settings_events (key, actor_telegram_id) VALUES ($1, $2)")
        .bind(key)
        .bind(actor_telegram_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[tracing::instrument(skip(db))]
pub async fn remove<'e>(db: impl PgExecutor<'e>, key: &str) -> DbResult<()> {
    sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(db).await?;
    Ok(())
}
