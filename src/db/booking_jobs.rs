//! The bookings the scheduled jobs look for (SPEC §7), and the one-time milestones they record.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use super::{bookings::Booking, error::DbResult};

/// Holds whose payment time ran out but are still `pending_payment`.
#[tracing::instrument(skip(db))]
pub async fn holds_past_expiry<'e>(db: impl PgExecutor<'e>, now: DateTime<Utc>) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings WHERE status = 'pending_payment' AND hold_expires_at <= $1 ORDER BY hold_expires_at",
    )
    .bind(now)
    .fetch_all(db)
    .await?)
}

/// Confirmed stays starting before `until` whose arrival instructions were not sent yet. A
/// booking the staff took by hand has no guest chat: the staff brief that guest themselves.
#[tracing::instrument(skip(db))]
pub async fn needing_instructions<'e>(
    db: impl PgExecutor<'e>,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings WHERE status = 'confirmed' AND instructions_sent_at IS NULL
           AND owner_id IS NOT NULL AND starts_at > $1 AND starts_at <= $2 ORDER BY starts_at",
    )
    .bind(now)
    .bind(until)
    .fetch_all(db)
    .await?)
}

/// A one-time step of a booking the jobs take care of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    InstructionsSent,
    FeedbackRequested,
}

impl Milestone {
    fn column(self) -> &'static str {
        match self {
            Milestone::InstructionsSent => "instructions_sent_at",
            Milestone::FeedbackRequested => "feedback_requested_at",
        }
    }
}

/// Records a milestone; false if it was already recorded (never twice, even with two workers).
#[tracing::instrument(skip(db))]
pub async fn mark_once<'e>(db: impl PgExecutor<'e>, id: i64, milestone: Milestone) -> DbResult<bool> {
    let column = milestone.column();
    let done = sqlx::query(&format!(
        "UPDATE bookings SET {column} = now(), updated_at = now() WHERE id = $1 AND {column} IS NULL"
    ))
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Finished stays (completed, or confirmed and past checkout) not yet asked for feedback (only
/// the bot's own guests can be asked).
#[tracing::instrument(skip(db))]
pub async fn needing_feedback_request<'e>(
    db: impl PgExecutor<'e>,
    now: DateTime<Utc>,
) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings WHERE status IN ('confirmed', 'completed') AND ends_at <= $1 AND owner_id IS NOT NULL
           AND feedback_requested_at IS NULL AND NOT feedback_submitted ORDER BY ends_at",
    )
    .bind(now)
    .fetch_all(db)
    .await?)
}

/// Confirmed stays whose checkout has passed (the job completes them).
#[tracing::instrument(skip(db))]
pub async fn confirmed_past_checkout<'e>(
    db: impl PgExecutor<'e>,
    now: DateTime<Utc>,
) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as("SELECT * FROM bookings WHERE status = 'confirmed' AND ends_at <= $1 ORDER BY ends_at")
        .bind(now)
        .fetch_all(db)
        .await?)
}
