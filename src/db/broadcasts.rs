//! Broadcasts (SPEC §6): one running at a time (a unique index), its recipients taken when the
//! admin confirms, each marked *before* the message goes (so a crash never sends twice) and with
//! its outcome after.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};

use super::error::DbResult;

/// Who a broadcast goes to: users the bot can write to (a private chat known, not blocked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Audience {
    All,
    WithBookings,
    WithoutBookings,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::All, Audience::WithBookings, Audience::WithoutBookings];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::All => "all",
            Audience::WithBookings => "with_bookings",
            Audience::WithoutBookings => "without_bookings",
        }
    }

    fn condition(self) -> &'static str {
        match self {
            Audience::All => "TRUE",
            Audience::WithBookings => "EXISTS (SELECT 1 FROM bookings b WHERE b.owner_id = u.id)",
            Audience::WithoutBookings => "NOT EXISTS (SELECT 1 FROM bookings b WHERE b.owner_id = u.id)",
        }
    }
}

const REACHABLE: &str = "u.is_active AND u.chat_id IS NOT NULL AND u.chat_id > 0";

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Broadcast {
    pub id: i64,
    pub created_by: i64,
    pub audience: String,
    pub body: String,
    pub photo_file_id: Option<String>,
    pub status: String,
    pub progress_chat_id: i64,
    pub progress_message_id: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// How many users `audience` reaches now.
pub async fn audience_size<'e>(db: impl PgExecutor<'e>, audience: Audience) -> DbResult<i64> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT count(*) FROM users u WHERE {REACHABLE} AND {}",
        audience.condition()
    ))
    .fetch_one(db)
    .await?)
}

/// Creates the running broadcast and its recipients; `Duplicate` while another one runs.
pub async fn start_in(
    conn: &mut PgConnection,
    admin: i64,
    audience: Audience,
    (body, photo): (&str, Option<&str>),
    progress_chat_id: i64,
) -> DbResult<(Broadcast, u64)> {
    let broadcast: Broadcast = sqlx::query_as(
        "INSERT INTO broadcasts (created_by, audience, body, photo_file_id, progress_chat_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING *",
    )
    .bind(admin)
    .bind(audience.as_str())
    .bind(body)
    .bind(photo)
    .bind(progress_chat_id)
    .fetch_one(&mut *conn)
    .await?;
    let added = sqlx::query(&format!(
        "INSERT INTO broadcast_recipients (broadcast_id, user_id, chat_id)
         SELECT $1, u.id, u.chat_id FROM users u WHERE {REACHABLE} AND {}",
        audience.condition()
    ))
    .bind(broadcast.id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok((broadcast, added))
}

pub async fn set_progress_message<'e>(db: impl PgExecutor<'e>, id: i64, message_id: i32) -> DbResult<()> {
    sqlx::query("UPDATE broadcasts SET progress_message_id = $2 WHERE id = $1")
        .bind(id)
        .bind(message_id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn running<'e>(db: impl PgExecutor<'e>) -> DbResult<Option<Broadcast>> {
    Ok(sqlx::query_as("SELECT * FROM broadcasts WHERE status = 'running' ORDER BY id LIMIT 1")
        .fetch_optional(db)
        .await?)
}

pub async fn get<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Option<Broadcast>> {
    Ok(sqlx::query_as("SELECT * FROM broadcasts WHERE id = $1").bind(id).fetch_optional(db).await?)
}

/// Recipients marked as tried whose outcome was never written (the process stopped between the
/// two): counted as interrupted, never sent again.
pub async fn close_interrupted<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<u64> {
    Ok(sqlx::query(
        "UPDATE broadcast_recipients SET outcome = 'interrupted'
         WHERE broadcast_id = $1 AND attempted_at IS NOT NULL AND outcome IS NULL",
    )
    .bind(id)
    .execute(db)
    .await?
    .rows_affected())
}

/// The next recipient not tried yet, marked as tried (committed before the send) — only while
/// the broadcast is still running, so Stop takes effect between two messages without a separate
/// status read per message.
pub async fn take_next<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Option<(i64, i64)>> {
    Ok(sqlx::query_as(
        "UPDATE broadcast_recipients SET attempted_at = now()
         WHERE (broadcast_id, user_id) = (
             SELECT r.broadcast_id, r.user_id FROM broadcast_recipients r
             JOIN broadcasts b ON b.id = r.broadcast_id AND b.status = 'running'
             WHERE r.broadcast_id = $1 AND r.attempted_at IS NULL ORDER BY r.user_id LIMIT 1
             FOR UPDATE OF r SKIP LOCKED)
         RETURNING user_id, chat_id",
    )
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// The outcome of one recipient; a blocked bot marks the user inactive (no more broadcasts).
pub async fn record_outcome(conn: &mut PgConnection, id: i64, user_id: i64, outcome: &str) -> DbResult<()> {
    let sent = (outcome == "sent").then(Utc::now);
    sqlx::query(
        "UPDATE broadcast_recipients SET outcome = $3, sent_at = $4 WHERE broadcast_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .bind(outcome)
    .bind(sent)
    .execute(&mut *conn)
    .await?;
    if outcome == "blocked" {
        sqlx::query("UPDATE users SET is_active = FALSE, updated_at = now() WHERE id = $1")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// (total, sent, blocked, failed incl. interrupted) of a broadcast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, FromRow)]
pub struct Progress {
    pub total: i64,
    pub sent: i64,
    pub blocked: i64,
    pub failed: i64,
}

pub async fn progress<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Progress> {
    Ok(sqlx::query_as(
        "SELECT count(*) AS total, count(*) FILTER (WHERE outcome = 'sent') AS sent,
                count(*) FILTER (WHERE outcome = 'blocked') AS blocked,
                count(*) FILTER (WHERE outcome IN ('failed', 'interrupted')) AS failed
         FROM broadcast_recipients WHERE broadcast_id = $1",
    )
    .bind(id)
    .fetch_one(db)
    .await?)
}

/// Ends a running broadcast as `done` or `cancelled`; false if it was not running.
pub async fn finish<'e>(db: impl PgExecutor<'e>, id: i64, status: &str) -> DbResult<bool> {
    Ok(sqlx::query(
        "UPDATE broadcasts SET status = $2, finished_at = now() WHERE id = $1 AND status = 'running'",
    )
    .bind(id)
    .bind(status)
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}
