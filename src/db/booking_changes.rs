//! Changing bookings: status transitions as single guarded UPDATEs (idempotent under double
//! clicks and duplicate updates), receipts, moves and admin edits. Each success writes exactly one
//! `booking_events` row in the same transaction.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{Acquire, PgConnection, PgPool};

use super::{
    bookings::{Booking, record_event},
    error::{DbError, DbResult},
    outbox::NewNotice,
};
use crate::domain::{
    booking::{Actor, BookingStatus, ReceiptKind, Transition},
    money::Money,
    tariff::TariffId,
};

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
async fn explain_miss(conn: &mut PgConnection, id: i64, guard: Guard) -> DbError {
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
    transition_notifying(db, id, transition, actor, guard, |_| Vec::new()).await
}

/// [`transition`], also queueing the staff notices `notices` makes from the changed booking, in
/// the same transaction: the change and its notices are committed together or not at all.
#[tracing::instrument(skip(db, notices))]
pub async fn transition_notifying(
    db: &PgPool,
    id: i64,
    transition: Transition,
    actor: Actor,
    guard: Guard,
    notices: impl FnOnce(&Booking) -> Vec<NewNotice>,
) -> DbResult<Booking> {
    let mut tx = db.begin().await?;
    let booking = transition_in(&mut tx, id, transition, actor, guard).await?;
    for notice in notices(&booking) {
        super::outbox::enqueue(&mut tx, &notice).await?;
    }
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
    record_event(
        conn,
        id,
        actor,
        transition.action(),
        json!({ "status": old_status }),
        json!({ "status": booking.status }),
    )
    .await?;
    Ok(booking)
}

/// Expires holds whose time ran out (optionally only those overlapping `range`), inside `conn`'s
/// transaction, with an audit row each. Returns the expired bookings.
pub(super) async fn expire_overdue_in(
    conn: &mut PgConnection,
    range: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> DbResult<Vec<Booking>> {
    let expired: Vec<Booking> = sqlx::query_as(
        "UPDATE bookings SET status = 'expired', hold_expires_at = NULL, updated_at = now()
         WHERE status = 'pending_payment' AND hold_expires_at <= now()
           AND ($1::timestamptz IS NULL OR tstzrange(starts_at, blocked_until, '[)') && tstzrange($1, $2, '[)'))
         RETURNING *",
    )
    .bind(range.map(|r| r.0))
    .bind(range.map(|r| r.1))
    .fetch_all(&mut *conn)
    .await?;
    for booking in &expired {
        let (old, new) = (json!({ "status": "pending_payment" }), json!({ "status": "expired" }));
        record_event(conn, booking.id, Actor::System, Transition::Expire.action(), old, new).await?;
    }
    Ok(expired)
}

/// The job's sweep: expires every hold whose time ran out.
#[tracing::instrument(skip(db))]
pub async fn expire_overdue(db: &PgPool) -> DbResult<Vec<Booking>> {
    let mut tx = db.begin().await?;
    let expired = expire_overdue_in(&mut tx, None).await?;
    tx.commit().await?;
    Ok(expired)
}

/// [`expire_overdue`], also queueing the notices `notices` makes for each expired booking and
/// its owner in the same transaction: a guest is told exactly once, even across a crash.
#[tracing::instrument(skip(db, notices))]
pub async fn expire_overdue_notifying(
    db: &PgPool,
    notices: impl Fn(&Booking, Option<&super::users::User>) -> Vec<NewNotice>,
) -> DbResult<Vec<Booking>> {
    let mut tx = db.begin().await?;
    let expired = expire_overdue_in(&mut tx, None).await?;
    for booking in &expired {
        let owner: Option<super::users::User> = sqlx::query_as("SELECT * FROM users WHERE id = $1")
            .bind(booking.owner_id)
            .fetch_optional(&mut *tx)
            .await?;
        for notice in notices(booking, owner.as_ref()) {
            super::outbox::enqueue(&mut tx, &notice).await?;
        }
    }
    tx.commit().await?;
    Ok(expired)
}

/// What happened to a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptOutcome {
    /// In time: the booking awaits approval.
    Accepted(Booking),
    /// After the hold ran out, but the slot was still free: awaits approval all the same.
    AcceptedLate(Booking),
    /// After the hold ran out and the slot was taken meanwhile: the receipt is kept, the booking
    /// stays expired and is flagged for the admin, so no payment is lost.
    SlotLost(Booking),
    /// The booking already awaited approval: a further receipt (a corrected or a second
    /// transfer). The first stays on the booking; this one is in the audit trail and goes to the
    /// admins as an additional receipt.
    Additional(Booking),
}

/// Attaches the guest's receipt (SPEC §4: a late receipt is never dropped).
#[tracing::instrument(skip(db, file_id))]
pub async fn attach_receipt(
    db: &PgPool,
    id: i64,
    owner_id: i64,
    file_id: &str,
    kind: ReceiptKind,
    actor: Actor,
) -> DbResult<ReceiptOutcome> {
    attach_receipt_notifying(db, id, owner_id, (file_id, kind), actor, |_| Vec::new()).await
}

/// [`attach_receipt`], also queueing the staff notices `notices` makes from the outcome, in the
/// same transaction: a receipt is never recorded without its way to the admins, nor sent twice.
#[tracing::instrument(skip(db, notices))]
pub async fn attach_receipt_notifying(
    db: &PgPool,
    id: i64,
    owner_id: i64,
    (file_id, kind): (&str, ReceiptKind),
    actor: Actor,
    notices: impl FnOnce(&ReceiptOutcome) -> Vec<NewNotice>,
) -> DbResult<ReceiptOutcome> {
    let mut tx = db.begin().await?;
    let current: Option<BookingStatus> =
        sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1 AND owner_id = $2 FOR UPDATE")
            .bind(id)
            .bind(owner_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(status) = current else { return Err(DbError::NotFound) };
    let set_receipt = |new_status: BookingStatus, attention: bool| {
        sqlx::query_as::<_, Booking>(
            "UPDATE bookings SET status = $2, receipt_file_id = $3, receipt_kind = $4, needs_attention = $5,
                 hold_expires_at = NULL, updated_at = now()
             WHERE id = $1 RETURNING *",
        )
        .bind(id)
        .bind(new_status)
        .bind(file_id.to_owned())
        .bind(kind)
        .bind(attention)
    };
    let (outcome, action) = match status {
        // Still pending (even past its deadline the slot is this booking's until it expires).
        BookingStatus::PendingPayment => {
            let booking = set_receipt(BookingStatus::AwaitingApproval, false).fetch_one(&mut *tx).await?;
            (ReceiptOutcome::Accepted(booking), "receipt_received")
        }
        BookingStatus::AwaitingApproval => {
            let booking: Booking =
                sqlx::query_as("UPDATE bookings SET updated_at = now() WHERE id = $1 RETURNING *")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            (ReceiptOutcome::Additional(booking), "receipt_added")
        }
        BookingStatus::Expired => {
            // Try to take the slot back; the exclusion constraint says whether it is still free.
            let mut attempt = (&mut *tx).begin().await?;
            match set_receipt(BookingStatus::AwaitingApproval, false).fetch_one(&mut *attempt).await {
                Ok(booking) => {
                    attempt.commit().await?;
                    (ReceiptOutcome::AcceptedLate(booking), "late_receipt_accepted")
                }
                Err(error) => match DbError::from(error) {
                    DbError::SlotTaken => {
                        attempt.rollback().await?;
                        let booking = set_receipt(BookingStatus::Expired, true).fetch_one(&mut *tx).await?;
                        (ReceiptOutcome::SlotLost(booking), "late_receipt_slot_taken")
                    }
                    other => return Err(other),
                },
            }
        }
        current => return Err(DbError::WrongStatus { current }),
    };
    let booking = outcome.booking();
    // The file id is kept in the trail: an additional receipt is found nowhere else.
    let new = json!({ "status": booking.status, "receipt_kind": kind.as_str(), "receipt_file_id": file_id });
    record_event(&mut tx, id, actor, action, json!({ "status": status }), new).await?;
    for notice in notices(&outcome) {
        super::outbox::enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

impl ReceiptOutcome {
    #[must_use]
    pub fn booking(&self) -> &Booking {
        match self {
            ReceiptOutcome::Accepted(b)
            | ReceiptOutcome::AcceptedLate(b)
            | ReceiptOutcome::SlotLost(b)
            | ReceiptOutcome::Additional(b) => b,
        }
    }
}

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
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        let miss = explain_miss(&mut tx, id, guard).await;
        return Err(match miss {
            DbError::WrongStatus { current } if current.blocks_the_house() => DbError::TooManyMoves,
            other => other,
        });
    };
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
    .fetch_one(&mut *tx)
    .await?;
    let dates = |b: &Booking| json!({ "starts_at": b.starts_at, "ends_at": b.ends_at, "price": b.price.to_string(), "prepayment": b.prepayment.to_string() });
    record_event(&mut tx, id, actor, "move", dates(&before), dates(&after)).await?;
    tx.commit().await?;
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
            return Err(DbError::PrepaymentAbovePrice);
        }
        Edit::Prepayment(prepayment) => (before.tariff, before.price, prepayment, "edit_prepayment"),
        Edit::Tariff { tariff, price, prepayment } => (tariff, price, prepayment.min(price), "change_tariff"),
    };
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
    record_event(conn, id, actor, action, money(&before), money(&after)).await?;
    Ok(after)
}
