//! Receipts: attached in time, late (the slot still free, or taken meanwhile), or in addition to
//! one already awaiting approval — never dropped (SPEC §4).

use serde_json::json;
use sqlx::{Connection, PgConnection, PgPool};

use super::super::{
    booking_events,
    bookings::Booking,
    error::{DbError, DbResult},
};
use crate::domain::booking::{Actor, BookingStatus, ReceiptKind};

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
    let mut tx = db.begin().await?;
    let outcome = attach_receipt_in(&mut tx, id, owner_id, (file_id, kind), actor).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// [`attach_receipt`] on the caller's transaction, so the caller commits the receipt together
/// with the notices that put it in front of the admins: never one without the other.
#[tracing::instrument(skip(conn, file_id))]
pub async fn attach_receipt_in(
    conn: &mut PgConnection,
    id: i64,
    owner_id: i64,
    (file_id, kind): (&str, ReceiptKind),
    actor: Actor,
) -> DbResult<ReceiptOutcome> {
    let current: Option<BookingStatus> =
        sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1 AND owner_id = $2 FOR UPDATE")
            .bind(id)
            .bind(owner_id)
            .fetch_optional(&mut *conn)
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
            let booking = set_receipt(BookingStatus::AwaitingApproval, false).fetch_one(&mut *conn).await?;
            (ReceiptOutcome::Accepted(booking), "receipt_received")
        }
        BookingStatus::AwaitingApproval => {
            let booking: Booking =
                sqlx::query_as("UPDATE bookings SET updated_at = now() WHERE id = $1 RETURNING *")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
            (ReceiptOutcome::Additional(booking), "receipt_added")
        }
        BookingStatus::Expired => {
            // Try to take the slot back; the exclusion constraint says whether it is still free.
            let mut attempt = conn.begin().await?;
            match set_receipt(BookingStatus::AwaitingApproval, false).fetch_one(&mut *attempt).await {
                Ok(booking) => {
                    attempt.commit().await?;
                    (ReceiptOutcome::AcceptedLate(booking), "late_receipt_accepted")
                }
                Err(error) => match DbError::from(error) {
                    DbError::SlotTaken => {
                        attempt.rollback().await?;
                        let booking = set_receipt(BookingStatus::Expired, true).fetch_one(&mut *conn).await?;
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
    booking_events::record(conn, id, actor, action, json!({ "status": status }), new).await?;
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
