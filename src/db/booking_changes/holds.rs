//! Holds: the booking row written as `pending_payment`, which blocks its slot (the exclusion
//! constraint decides between simultaneous requests), with its promo code's use counted.

use serde_json::json;
use sqlx::{PgConnection, PgPool};

use super::super::{
    booking_events,
    bookings::{Booking, NewBooking},
    error::{DbError, DbResult},
};
use crate::domain::booking::{Actor, BookingStatus};

/// Writes the booking and so blocks its slot. Holds on the same slot whose time ran out are
/// expired first (the job may not have got to them yet); anything else overlapping makes this
/// `SlotTaken` — the exclusion constraint decides, even for simultaneous requests.
/// A promo code on the booking is counted here, in the same transaction and guarded by its
/// `max_uses` (`PromoUsedUp`), so an abandoned draft never spends a use and two guests cannot
/// both take the last one.
#[tracing::instrument(skip(db, new), fields(owner_id = ?new.owner_id, tariff = %new.tariff))]
pub async fn create_hold(db: &PgPool, new: &NewBooking, actor: Actor) -> DbResult<Booking> {
    Ok(insert_hold(db, new, actor, false).await?.0)
}

/// [`create_hold`] for the wizard: the owner's other unpaid holds (no receipt yet) are released
/// first, in the same transaction, so one guest holds at most one unpaid slot at a time and
/// cannot block the calendar by starting many bookings. Returns the released booking ids.
#[tracing::instrument(skip(db, new), fields(owner_id = ?new.owner_id, tariff = %new.tariff))]
pub async fn create_hold_replacing_unpaid(
    db: &PgPool,
    new: &NewBooking,
    actor: Actor,
) -> DbResult<(Booking, Vec<i64>)> {
    insert_hold(db, new, actor, true).await
}

/// A booking the staff took by hand (`new.source`, usually no owner), written as it is meant to
/// be (confirmed), on the caller's transaction: the same exclusion constraint and closed dates
/// guard it as a guest's hold, and its audit row names the admin.
#[tracing::instrument(skip(conn, new), fields(source = new.source.as_str(), tariff = %new.tariff))]
pub async fn create_by_hand_in(conn: &mut PgConnection, new: &NewBooking, actor: Actor) -> DbResult<Booking> {
    Ok(insert_hold_in(conn, new, actor, false).await?.0)
}

/// [`create_hold_replacing_unpaid`] on the caller's transaction: a booking that needs no payment
/// (nothing owed) is written straight as awaiting approval, with its admins' notice committed in
/// the same transaction.
#[tracing::instrument(skip(conn, new), fields(owner_id = ?new.owner_id, tariff = %new.tariff))]
pub async fn create_hold_replacing_unpaid_in(
    conn: &mut PgConnection,
    new: &NewBooking,
    actor: Actor,
) -> DbResult<(Booking, Vec<i64>)> {
    insert_hold_in(conn, new, actor, true).await
}

async fn insert_hold(
    db: &PgPool,
    new: &NewBooking,
    actor: Actor,
    replace_unpaid: bool,
) -> DbResult<(Booking, Vec<i64>)> {
    let mut tx = db.begin().await?;
    let written = insert_hold_in(&mut tx, new, actor, replace_unpaid).await?;
    tx.commit().await?;
    Ok(written)
}

async fn insert_hold_in(
    tx: &mut PgConnection,
    new: &NewBooking,
    actor: Actor,
    replace_unpaid: bool,
) -> DbResult<(Booking, Vec<i64>)> {
    super::expire_overdue_in(&mut *tx, super::Overdue::Overlapping(new.starts_at, new.blocked_until)).await?;
    let mut released = Vec::new();
    if replace_unpaid {
        released = sqlx::query_scalar(
            "UPDATE bookings SET status = 'cancelled', hold_expires_at = NULL, updated_at = now()
             WHERE owner_id = $1 AND status = 'pending_payment' AND receipt_file_id IS NULL RETURNING id",
        )
        .bind(new.owner_id)
        .fetch_all(&mut *tx)
        .await?;
        for id in &released {
            let (old, new_status) =
                (json!({ "status": "pending_payment" }), json!({ "status": "cancelled" }));
            booking_events::record(&mut *tx, *id, actor, "released_for_a_new_hold", old, new_status).await?;
        }
    }
    // The certificate is reserved by this booking from now on (the unique index on bookings).
    if let Some(gift) = new.gift_certificate_id {
        super::super::gifts::lock_for_hold_in(&mut *tx, gift).await?;
    }
    let booking: Booking = sqlx::query_as(
        "INSERT INTO bookings (owner_id, tariff, starts_at, ends_at, blocked_until, guests,
             white_bedroom, green_bedroom, second_bedroom, secret_room, sauna, photoshoot,
             price, prepayment, promocode_id, gift_certificate_id, comment, contact,
             wine_preference, transfer_address, status, hold_expires_at, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20, $21, $22, $23)
         RETURNING *",
    )
    .bind(new.owner_id)
    .bind(new.tariff)
    .bind(new.starts_at)
    .bind(new.ends_at)
    .bind(new.blocked_until)
    .bind(i32::try_from(new.guests).unwrap_or(i32::MAX))
    .bind(new.white_bedroom)
    .bind(new.green_bedroom)
    .bind(new.extras.second_bedroom)
    .bind(new.extras.secret_room)
    .bind(new.extras.sauna)
    .bind(new.extras.photoshoot)
    .bind(new.price)
    .bind(new.prepayment)
    .bind(new.promocode_id)
    .bind(new.gift_certificate_id)
    .bind(&new.comment)
    .bind(&new.contact)
    .bind(&new.wine_preference)
    .bind(&new.transfer_address)
    .bind(new.status)
    // Only an unpaid hold has a deadline (a booking with nothing to pay awaits approval at once).
    .bind((new.status == BookingStatus::PendingPayment).then_some(new.hold_expires_at))
    .bind(new.source.as_str())
    .fetch_one(&mut *tx)
    .await?;
    if let Some(promo) = new.promocode_id {
        let counted = sqlx::query(
            "UPDATE promocodes SET uses = uses + 1, updated_at = now()
             WHERE id = $1 AND is_active AND (max_uses IS NULL OR uses < max_uses)",
        )
        .bind(promo)
        .execute(&mut *tx)
        .await?;
        if counted.rows_affected() != 1 {
            return Err(DbError::PromoUsedUp);
        }
    }
    let snapshot = json!({
        "status": booking.status, "starts_at": booking.starts_at, "ends_at": booking.ends_at,
        "price": booking.price.to_string(), "prepayment": booking.prepayment.to_string(),
        "gift_certificate_id": booking.gift_certificate_id, "source": booking.source,
    });
    booking_events::record(&mut *tx, booking.id, actor, "create", serde_json::Value::Null, snapshot).await?;
    Ok((booking, released))
}
