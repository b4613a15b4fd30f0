//! Moves (new dates, the price recomputed) and admin edits of money or tariff.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};

use super::super::{
    booking_events,
    bookings::Booking,
    error::{DbError, DbResult},
};
use super::{Guard, explain_miss};
use crate::domain::{booking::Actor, money::Money, tariff::TariffId};

/// New dates (and the price recomputed for them) for a blocking booking; the exclusion
/// constraint re-checks the slot. `max_moves` limits guests' own moves (`date_changes`).
#[derive(Debug, Clone, Copy)]
pub struct Move {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub blocked_until: DateTime<Utc>,
    pub price: Money,
    pub prepayment: Money,
    pub max_moves: Option<u32>,
}

#[tracing::instrument(skip(db))]
pub async fn move_dates(db: &PgPool, id: i64, change: Move, actor: Actor, guard: Guard) -> DbResult<Booking> {
    let mut tx = db.begin().await?;
    let after = move_dates_in(&mut tx, id, change, actor, guard).await?;
    tx.commit().await?;
    Ok(after)
}

/// [`move_dates`] on the caller's transaction (to commit it with the notices that tell of it).
/// Holds on the new slot whose time ran out are expired first, as a new hold does; a booking
/// still there makes this `SlotTaken` (the exclusion constraint, cleaning buffer included).
#[tracing::instrument(skip(conn))]
pub async fn move_dates_in(
    conn: &mut PgConnection,
    id: i64,
    change: Move,
    actor: Actor,
    guard: Guard,
) -> DbResult<Booking> {
    let before: Option<Booking> = sqlx::query_as(
        "SELECT * FROM bookings WHERE id = $1 AND status IN ('pending_payment', 'awaiting_approval', 'confirmed')
           AND ($2::bigint IS NULL OR owner_id = $2) AND ($3::timestamptz IS NULL OR starts_at > $3)
           AND ($4::int IS NULL OR date_changes < $4)
         FOR UPDATE",
    )
    .bind(id)
    .bind(guard.owner_id)
    .bind(guard.not_started_at)
    .bind(change.max_moves.map(|m| i32::try_from(m).unwrap_or(i32::MAX)))
    .fetch_optional(&mut *conn)
    .await?;
    let Some(before) = before else {
        let miss = explain_miss(conn, id, guard).await;
        return Err(match miss {
            DbError::WrongStatus { current } if current.blocks_the_house() => DbError::TooManyMoves,
            other => other,
        });
    };
    super::expire_overdue_in(conn, super::Overdue::Overlapping(change.starts_at, change.blocked_until))
        .await?;
    let after: Booking = sqlx::query_as(
        "UPDATE bookings SET starts_at = $2, ends_at = $3, blocked_until = $4, price = $5, prepayment = $6,
             date_changes = date_changes + 1, instructions_sent_at = NULL, updated_at = now()
         WHERE id = $1 RETURNING *",
    )
    .bind(id)
    .bind(change.starts_at)
    .bind(change.ends_at)
    .bind(change.blocked_until)
    .bind(change.price)
    .bind(change.prepayment)
    .fetch_one(&mut *conn)
    .await?;
    let dates = |b: &Booking| json!({ "starts_at": b.starts_at, "ends_at": b.ends_at, "price": b.price.to_string(), "prepayment": b.prepayment.to_string() });
    booking_events::record(conn, id, actor, "move", dates(&before), dates(&after)).await?;
    Ok(after)
}

/// An admin edit of money or tariff on a booking that is not finished.
#[derive(Debug, Clone, Copy)]
pub enum Edit {
    Price(Money),
    Prepayment(Money),
    /// A new tariff with its recomputed price and prepayment.
    Tariff {
        tariff: TariffId,
        price: Money,
        prepayment: Money,
    },
}

#[tracing::instrument(skip(db))]
pub async fn edit(db: &PgPool, id: i64, edit: Edit, actor: Actor) -> DbResult<Booking> {
    let mut tx = db.begin().await?;
    let after = edit_in(&mut tx, id, edit, actor).await?;
    tx.commit().await?;
    Ok(after)
}

/// [`edit`] on the caller's transaction (to commit it with the notices that tell of it).
#[tracing::instrument(skip(conn))]
pub async fn edit_in(conn: &mut PgConnection, id: i64, edit: Edit, actor: Actor) -> DbResult<Booking> {
    let before: Option<Booking> = sqlx::query_as(
        "SELECT * FROM bookings WHERE id = $1 AND status IN ('pending_payment', 'awaiting_approval', 'confirmed') FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(before) = before else { return Err(explain_miss(conn, id, Guard::default()).await) };
    let (tariff, price, prepayment, action) = match edit {
        Edit::Price(price) => (before.tariff, price, before.prepayment.min(price), "edit_price"),
        Edit::Prepayment(prepayment) if prepayment > before.price => {
            return Err(DbError::PrepaymentAbovePrice { price: before.price });
        }
        Edit::Prepayment(prepayment) => (before.tariff, before.price, prepayment, "edit_prepayment"),
        Edit::Tariff { tariff, price, prepayment } => (tariff, price, prepayment.min(price), "change_tariff"),
    };
    // Decided under the row lock: a repeat of the same amount is not a change (no audit row).
    if (tariff, price, prepayment) == (before.tariff, before.price, before.prepayment) {
        return Err(DbError::Unchanged);
    }
    let after: Booking = sqlx::query_as(
        "UPDATE bookings SET tariff = $2, price = $3, prepayment = $4, updated_at = now() WHERE id = $1 RETURNING *",
    )
    .bind(id)
    .bind(tariff)
    .bind(price)
    .bind(prepayment)
    .fetch_one(&mut *conn)
    .await?;
    let money = |b: &Booking| json!({ "tariff": b.tariff.as_str(), "price": b.price.to_string(), "prepayment": b.prepayment.to_string() });
    booking_events::record(conn, id, actor, action, money(&before), money(&after)).await?;
    Ok(after)
}
