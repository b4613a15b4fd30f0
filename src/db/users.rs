//! Guests and admins as Telegram users. Identity is the Telegram user id (SPEC §1).

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor, PgPool};

use super::error::DbResult;

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct User {
    pub id: i64,
    pub telegram_user_id: i64,
    pub chat_id: Option<i64>,
    pub username: Option<String>,
    pub first_name: Option<String>,
    pub language: String,
    pub contact: Option<String>,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What each update tells us about its sender.
#[derive(Debug, Clone, Copy)]
pub struct SeenUser<'a> {
    pub telegram_user_id: i64,
    pub chat_id: i64,
    pub username: Option<&'a str>,
    pub first_name: Option<&'a str>,
    /// Used only when the user is new; later the user's own choice is kept.
    pub language: &'a str,
}

/// Inserts or refreshes the user on every update; the language chosen earlier is kept. It runs
/// for every private message, so an unchanged user is only read, never rewritten (one round trip
/// either way).
#[tracing::instrument(skip(db, seen), fields(telegram_user_id = seen.telegram_user_id))]
pub async fn upsert(db: &PgPool, seen: SeenUser<'_>) -> DbResult<User> {
    let written: Option<User> = sqlx::query_as(
        "WITH written AS (
             INSERT INTO users (telegram_user_id, chat_id, username, first_name, language)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (telegram_user_id) DO UPDATE
               SET chat_id = EXCLUDED.chat_id, username = EXCLUDED.username,
                   first_name = EXCLUDED.first_name, is_active = TRUE, updated_at = now()
               WHERE (users.chat_id, users.username, users.first_name, users.is_active)
                     IS DISTINCT FROM (EXCLUDED.chat_id, EXCLUDED.username, EXCLUDED.first_name, TRUE)
             RETURNING *)
         SELECT * FROM written
         UNION ALL
         SELECT * FROM users WHERE telegram_user_id = $1 AND NOT EXISTS (SELECT 1 FROM written)",
    )
    .bind(seen.telegram_user_id)
    .bind(seen.chat_id)
    .bind(seen.username)
    .bind(seen.first_name)
    .bind(seen.language)
    .fetch_optional(db)
    .await?;
    match written {
        Some(user) => Ok(user),
        // Another update of the same new guest inserted the row while this statement ran: its
        // ON CONFLICT found nothing to change, and its snapshot predates that insert. A new
        // statement sees the committed row.
        None => Ok(sqlx::query_as("SELECT * FROM users WHERE telegram_user_id = $1")
            .bind(seen.telegram_user_id)
            .fetch_one(db)
            .await?),
    }
}

#[tracing::instrument(skip(db))]
pub async fn by_telegram_id<'e>(db: impl PgExecutor<'e>, telegram_user_id: i64) -> DbResult<Option<User>> {
    Ok(sqlx::query_as("SELECT * FROM users WHERE telegram_user_id = $1")
        .bind(telegram_user_id)
        .fetch_optional(db)
        .await?)
}

/// The user with this row id, from the pool or inside the caller's transaction.
#[tracing::instrument(skip(db))]
pub async fn by_id<'e>(db: impl sqlx::PgExecutor<'e>, id: i64) -> DbResult<Option<User>> {
    Ok(sqlx::query_as("SELECT * FROM users WHERE id = $1").bind(id).fetch_optional(db).await?)
}

/// A booking's guest: `None` when the booking has no owner (taken by hand by the staff) or the
/// row is gone.
pub async fn owner<'e>(db: impl sqlx::PgExecutor<'e>, owner_id: Option<i64>) -> DbResult<Option<User>> {
    match owner_id {
        Some(id) => by_id(db, id).await,
        None => Ok(None),
    }
}

#[tracing::instrument(skip(db))]
pub async fn set_language<'e>(db: impl PgExecutor<'e>, user_id: i64, language: &str) -> DbResult<()> {
    sqlx::query("UPDATE users SET language = $2, updated_at = now() WHERE id = $1")
        .bind(user_id)
        .bind(language)
        .execute(db)
        .await?;
    Ok(())
}

/// Remembers the last contact the guest gave, to offer it next time.
#[tracing::instrument(skip(db, contact))]
pub async fn set_contact<'e>(db: impl PgExecutor<'e>, user_id: i64, contact: &str) -> DbResult<()> {
    sqlx::query("UPDATE users SET contact = $2, updated_at = now() WHERE id = $1")
        .bind(user_id)
        .bind(contact)
        .execute(db)
        .await?;
    Ok(())
}

/// A user blocked the bot (Telegram said so): broadcasts skip them.
#[tracing::instrument(skip(db))]
pub async fn deactivate<'e>(db: impl PgExecutor<'e>, user_id: i64) -> DbResult<()> {
    sqlx::query("UPDATE users SET is_active = FALSE, updated_at = now() WHERE id = $1")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}
