//! The outbox table: staff notifications waiting to be delivered (see `crate::outbox` for the
//! sender). `enqueue` takes a connection so callers write the notice in the same transaction as
//! the change it reports.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};

use super::error::DbResult;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    Text,
    Photo,
    Document,
}

impl OutboxKind {
    fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Text => "text",
            OutboxKind::Photo => "photo",
            OutboxKind::Document => "document",
        }
    }
}

/// A notice to deliver.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotice {
    pub chat_id: i64,
    pub kind: OutboxKind,
    pub body: String,
    pub file_id: Option<String>,
    pub reply_markup: Option<serde_json::Value>,
    pub booking_id: Option<i64>,
}

impl NewNotice {
    /// A plain text message to `chat_id` (about `booking_id`, if any).
    #[must_use]
    pub fn text(chat_id: i64, body: String, booking_id: Option<i64>) -> Self {
        Self { chat_id, kind: OutboxKind::Text, body, file_id: None, reply_markup: None, booking_id }
    }
}

#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct Notice {
    pub id: i64,
    pub chat_id: i64,
    pub kind: String,
    pub body: String,
    pub file_id: Option<String>,
    pub reply_markup: Option<serde_json::Value>,
    pub booking_id: Option<i64>,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub sent_message_id: Option<i32>,
    pub failed_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// Queues a notice inside the caller's transaction.
#[tracing::instrument(skip(conn, notice), fields(chat_id = notice.chat_id))]
pub async fn enqueue(conn: &mut PgConnection, notice: &NewNotice) -> DbResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO outbox (chat_id, kind, body, file_id, reply_markup, booking_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(notice.chat_id)
    .bind(notice.kind.as_str())
    .bind(&notice.body)
    .bind(&notice.file_id)
    .bind(&notice.reply_markup)
    .bind(notice.booking_id)
    .fetch_one(conn)
    .await?)
}

const COLUMNS: &str =
    "id, chat_id, kind, body, file_id, reply_markup, booking_id, attempts, created_at, sent_at,
     sent_message_id, failed_at, last_error";

/// The oldest undelivered notice of each chat that is due now (later ones of a chat wait, so
/// every chat gets its notices in order).
#[tracing::instrument(skip(db))]
pub async fn due<'e>(db: impl PgExecutor<'e>, now: DateTime<Utc>, limit: i64) -> DbResult<Vec<Notice>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM outbox o
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
           AND id = (SELECT min(id) FROM outbox p WHERE p.chat_id = o.chat_id AND p.sent_at IS NULL AND p.failed_at IS NULL)
         ORDER BY id LIMIT $2"
    ))
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

#[tracing::instrument(skip(db))]
pub async fn mark_sent<'e>(db: impl PgExecutor<'e>, id: i64, message_id: i32) -> DbResult<()> {
    sqlx::query(
        "UPDATE outbox SET sent_at = now(), sent_message_id = $2, attempts = attempts + 1 WHERE id = $1",
    )
    .bind(id)
    .bind(message_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Try again at `at` (after a 429 or a passing failure).
#[tracing::instrument(skip(db, error))]
pub async fn retry_at<'e>(db: impl PgExecutor<'e>, id: i64, at: DateTime<Utc>, error: &str) -> DbResult<()> {
    sqlx::query(
        "UPDATE outbox SET next_attempt_at = $2, attempts = attempts + 1, last_error = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(at)
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

/// Telegram refused for good: keep the row, stop retrying.
#[tracing::instrument(skip(db, error))]
pub async fn give_up<'e>(db: impl PgExecutor<'e>, id: i64, error: &str) -> DbResult<()> {
    sqlx::query(
        "UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .execute(db)
    .await?;
    Ok(())
}

/// Notices not yet delivered (nor given up).
#[tracing::instrument(skip(db))]
pub async fn pending_count<'e>(db: impl PgExecutor<'e>) -> DbResult<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
        .fetch_one(db)
        .await?)
}

#[tracing::instrument(skip(db))]
pub async fn get<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Option<Notice>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM outbox WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await?)
}
