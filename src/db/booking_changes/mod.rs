//! Changing bookings: status transitions as single guarded UPDATEs (idempotent under double
//! clicks and duplicate updates), receipts, moves and admin edits. Each success writes exactly one
//! `booking_events` row in the same transaction.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};

mod edits;
mod holds;
mod receipts;

pub use edits::{Edit, Move, edit, edit_in, move_dates, move_dates_in};
pub use holds::{
    create_by_hand_in, create_hold, create_hold_replacing_unpaid, create_hold_replacing_unpaid_in,
};
pub use receipts::{ReceiptOutcome, attach_receipt, attach_receipt_in};

use super::{
    booking_events,
    bookings::Booking,
    error::{DbError, DbResult},
};
use crate::domain::booking::{Actor, BookingStatus, Transition};

/// Extra conditions on who may change a booking.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guard {
    /// Only this user's booking (guests); `None` for admins and jobs.
    pub owner_id: Option<i64>,
    /// Only while the stay has not started (guest cancel and move).
    pub not_started_at: Option<DateTime<Utc>>,
}

/// Why a guarded change did not happen: the booking is gone (or not the caller's), it already
/// started, or it is in another status.
pub(super) async fn explain_miss(conn: &mut PgConnection, id: i64, guard: Guard) -> DbError {
    let row: Result<Option<(BookingStatus, i64, DateTime<Utc>)>, _> =
        sqlx::query_as("SELECT status, owner_id, starts_at FROM bookings WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await;
    match row {
        Err(error) => error.into(),
        Ok(None) => DbError::NotFound,
        Ok(Some((_, owner, _))) if guard.owner_id.is_some_and(|o| o != owner) => DbError::NotFound,
        Ok(Some((_, _, starts))) if guard.not_started_at.is_some_and(|now| starts <= now) => {
            DbError::AlreadyStarted
        }
        Ok(Some((current, _, _))) => DbError::WrongStatus { current },
    }
}

/// Applies `transition` if the booking is in one of its starting statuses (and passes `guard`).
/// A repeat (double click) finds the new status and is reported as `WrongStatus`, changing nothing.
#[tracing::instrument(skip(db))]
pub async fn transition(
    db: &PgPool,
    id: i64,
    transition: Transition,
    actor: Actor,
    guard: Guard,
) -> DbResult<Booking> {
    let mut tx = db.begin().await?;
    let booking = transition_in(&mut tx, id, transition, actor, guard).await?;
    tx.commit().await?;
    Ok(booking)
}

/// One guarded transition and its audit row on `conn` (the caller's transaction), so the caller
/// can commit it together with whatever else belongs to it (notices, other changes).
#[tracing::instrument(skip(conn))]
pub async fn transition_in(
    conn: &mut PgConnection,
    id: i64,
    transition: Transition,
    actor: Actor,
    guard: Guard,
) -> DbResult<Booking> {
    // Lock the row and read its status first: a concurrent transition committed meanwhile is
    // seen here (a self-join in the UPDATE would read the row as of the statement's snapshot and
    // record a stale "old" status in the audit trail).
    let old_status: Option<BookingStatus> =
        sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let booking: Option<Booking> = sqlx::query_as(
        "UPDATE bookings SET status = $3, updated_at = now(),
             hold_expires_at = CASE WHEN $3 = 'pending_payment'::booking_status THEN hold_expires_at END
         WHERE id = $1 AND status = ANY($2)
           AND ($4::bigint IS NULL OR owner_id = $4)
           AND ($5::timestamptz IS NULL OR starts_at > $5)
         RETURNING *",
    )
    .bind(id)
    .bind(transition.from())
    .bind(transition.to())
    .bind(guard.owner_id)
    .bind(guard.not_started_at)
    .fetch_optional(&mut *conn)
    .await?;
    let (Some(old_status), Some(booking)) = (old_status, booking) else {
        return Err(explain_miss(conn, id, guard).await);
    };
    booking_events::record(
        &mut *conn,
        id,
        actor,
        transition.action(),
        json!({ "status": old_status }),
        json!({ "status": booking.status }),
    )
    .await?;
    // SPEC §2.2: the certificate is used once the booking is confirmed, in the same transaction.
    if transition == Transition::Approve
        && let Some(gift) = booking.gift_certificate_id
        && !super::gifts::redeem_in(&mut *conn, gift, id).await?
    {
        tracing::error!(booking = id, gift, "the confirmed booking's gift certificate was not active");
    }
    Ok(booking)
}

/// Which overdue holds to expire.
#[derive(Debug, Clone, Copy)]
pub enum Overdue {
    All,
    /// Those overlapping `[from, to)` (before a new hold on that slot).
    Overlapping(DateTime<Utc>, DateTime<Utc>),
    /// Those using this gift certificate (before a new hold with it).
    UsingGift(i64),
}

/// Expires holds whose time ran out (all, or those `which` names), inside `conn`'s
/// transaction, with an audit row each. Returns the expired bookings.
pub async fn expire_overdue_in(conn: &mut PgConnection, which: Overdue) -> DbResult<Vec<Booking>> {
    let (range, gift) = match which {
        Overdue::All => (None, None),
        Overdue::Overlapping(from, to) => (Some((from, to)), None),
        Overdue::UsingGift(id) => (None, Some(id)),
    };
    let expired: Vec<Booking> = sqlx::query_as(
        "UPDATE bookings SET status = 'expired', hold_expires_at = NULL, updated_at = now()
         WHERE status = 'pending_payment' AND hold_expires_at <= now()
           AND ($1::timestamptz IS NULL OR tstzrange(starts_at, blocked_until, '[)') && tstzrange($1, $2, '[)'))
           AND ($3::bigint IS NULL OR gift_certificate_id = $3)
         RETURNING *",
    )
    .bind(range.map(|r| r.0))
    .bind(range.map(|r| r.1))
    .bind(gift)
    .fetch_all(&mut *conn)
    .await?;
    for booking in &expired {
        let (old, new) = (json!({ "status": "pending_payment" }), json!({ "status": "expired" }));
        booking_events::record(conn, booking.id, Actor::System, Transition::Expire.action(), old, new)
            .await?;
    }
    Ok(expired)
}

/// The job's sweep: expires every hold whose time ran out.
#[tracing::instrument(skip(db))]
pub async fn expire_overdue(db: &PgPool) -> DbResult<Vec<Booking>> {
    let mut tx = db.begin().await?;
    let expired = expire_overdue_in(&mut tx, Overdue::All).await?;
    tx.commit().await?;
    Ok(expired)
}
