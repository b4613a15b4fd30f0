//! Closed dates (maintenance, the owners' own use): shown busy to every guest and refused to every
//! booking, by the same database guarantee as a booking (migration `0006`'s triggers).

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor, PgPool};

use super::{
    booking_changes::{Overdue, expire_overdue_in},
    bookings::Booking,
    error::{DbError, DbResult},
};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CalendarBlock {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    /// Exclusive.
    pub ends_at: DateTime<Utc>,
    pub reason: Option<String>,
    /// The admin's Telegram id.
    pub created_by: i64,
    pub created_at: DateTime<Utc>,
    pub removed_by: Option<i64>,
    pub removed_at: Option<DateTime<Utc>>,
}

/// Closes `[starts_at, ends_at)`. Holds on it whose time ran out are expired first (as a new hold
/// does); any live booking overlapping makes this `BookedThen` — the trigger decides, even
/// against a booking written at the same moment.
#[tracing::instrument(skip(db, reason))]
pub async fn create(
    db: &PgPool,
    (starts_at, ends_at): (DateTime<Utc>, DateTime<Utc>),
    reason: Option<&str>,
    admin: i64,
) -> DbResult<CalendarBlock> {
    let mut tx = db.begin().await?;
    expire_overdue_in(&mut tx, Overdue::Overlapping(starts_at, ends_at)).await?;
    let block = sqlx::query_as(
        "INSERT INTO calendar_blocks (starts_at, ends_at, reason, created_by) VALUES ($1, $2, $3, $4)
         RETURNING *",
    )
    .bind(starts_at)
    .bind(ends_at)
    .bind(reason)
    .bind(admin)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(block)
}

/// The live blocks that have not ended by `now`, soonest first.
#[tracing::instrument(skip(db))]
pub async fn upcoming<'e>(
    db: impl PgExecutor<'e>,
    now: DateTime<Utc>,
    limit: i64,
) -> DbResult<Vec<CalendarBlock>> {
    Ok(sqlx::query_as(
        "SELECT * FROM calendar_blocks WHERE removed_at IS NULL AND ends_at > $1 ORDER BY starts_at, id LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Opens the dates again (the row is kept, marked removed). `NotFound` if there is no such live
/// block — a second press, or another admin was first.
#[tracing::instrument(skip(db))]
pub async fn remove<'e>(db: impl PgExecutor<'e>, id: i64, admin: i64) -> DbResult<CalendarBlock> {
    sqlx::query_as(
        "UPDATE calendar_blocks SET removed_at = now(), removed_by = $2
         WHERE id = $1 AND removed_at IS NULL RETURNING *",
    )
    .bind(id)
    .bind(admin)
    .fetch_optional(db)
    .await?
    .ok_or(DbError::NotFound)
}

/// The live bookings overlapping `[from, to)` (cleaning included): what stands in the way of
/// closing those dates. Holds whose time ran out are left out (closing expires them).
#[tracing::instrument(skip(db))]
pub async fn bookings_in_the_way<'e>(
    db: impl PgExecutor<'e>,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings
         WHERE status IN ('pending_payment', 'awaiting_approval', 'confirmed')
           AND NOT (status = 'pending_payment' AND hold_expires_at <= $3)
           AND tstzrange(starts_at, blocked_until, '[)') && tstzrange($1, $2, '[)')
         ORDER BY starts_at, id",
    )
    .bind(from)
    .bind(to)
    .bind(now)
    .fetch_all(db)
    .await?)
}
