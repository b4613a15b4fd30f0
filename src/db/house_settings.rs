//! House-wide values kept in the `settings` table (the key-box code). Values are never logged.

use sqlx::PgExecutor;

use super::error::DbResult;

pub const KEYBOX_CODE: &str = "keybox_code";

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
