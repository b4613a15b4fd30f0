//! The staff's lists of bookings (`/bookings`): open bookings by filter, paged, with their
//! count; and a booking's audit history, newest first.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use super::{bookings::Booking, error::DbResult};

/// Which bookings a list shows. "Open" = still to happen or to decide: unpaid holds, receipts
/// awaiting a decision, confirmed stays not over yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Open,
    PendingPayment,
    AwaitingApproval,
    Confirmed,
    /// Open bookings starting from today's house midnight until a week later.
    ThisWeek,
}

impl Filter {
    pub const ALL: [Filter; 5] =
        [Filter::Open, Filter::PendingPayment, Filter::AwaitingApproval, Filter::Confirmed, Filter::ThisWeek];

    fn condition(self) -> &'static str {
        match self {
            Filter::Open | Filter::ThisWeek => {
                "(status IN ('pending_payment', 'awaiting_approval') OR (status = 'confirmed' AND ends_at > $1))"
            }
            Filter::PendingPayment => "status = 'pending_payment'",
            Filter::AwaitingApproval => "status = 'awaiting_approval'",
            Filter::Confirmed => "status = 'confirmed' AND ends_at > $1",
        }
    }
}

/// A page of `filter` (`week` = [today's house midnight, +7 days), used by `ThisWeek`) and how
/// many there are in all.
pub async fn page<'e>(
    db: impl PgExecutor<'e> + Copy,
    filter: Filter,
    now: DateTime<Utc>,
    week: (DateTime<Utc>, DateTime<Utc>),
    (limit, offset): (i64, i64),
) -> DbResult<(Vec<Booking>, i64)> {
    let week = (filter == Filter::ThisWeek).then_some(week);
    let condition = format!(
        "{} AND ($2::timestamptz IS NULL OR starts_at >= $2) AND ($3::timestamptz IS NULL OR starts_at < $3)",
        filter.condition()
    );
    let rows: Vec<Booking> = sqlx::query_as(&format!(
        "SELECT * FROM bookings WHERE {condition} ORDER BY starts_at, id LIMIT $4 OFFSET $5"
    ))
    .bind(now)
    .bind(week.map(|w| w.0))
    .bind(week.map(|w| w.1))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM bookings WHERE {condition}"))
        .bind(now)
        .bind(week.map(|w| w.0))
        .bind(week.map(|w| w.1))
        .fetch_one(db)
        .await?;
    Ok((rows, total))
}

/// One audit row as the staff read it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_telegram_id: Option<i64>,
    pub action: String,
}

/// The latest `limit` changes of a booking, newest first.
pub async fn history<'e>(db: impl PgExecutor<'e>, booking_id: i64, limit: i64) -> DbResult<Vec<Event>> {
    Ok(sqlx::query_as(
        "SELECT at, actor_kind::text AS actor_kind, actor_telegram_id, action FROM booking_events
         WHERE booking_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    )
    .bind(booking_id)
    .bind(limit)
    .fetch_all(db)
    .await?)
}
