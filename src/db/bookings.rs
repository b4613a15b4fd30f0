//! Bookings: creating a hold and reading bookings. Status changes and edits are in
//! `booking_changes`. Every write records a `booking_events` row in the same transaction.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{FromRow, PgConnection, PgPool};

use super::error::{DbError, DbResult};
use crate::domain::{
    availability::Busy,
    booking::{Actor, BookingStatus, ReceiptKind},
    money::Money,
    tariff::{Extras, TariffId},
};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Booking {
    pub id: i64,
    pub owner_id: i64,
    pub tariff: TariffId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub blocked_until: DateTime<Utc>,
    pub guests: i32,
    pub white_bedroom: bool,
    pub green_bedroom: bool,
    pub second_bedroom: bool,
    pub secret_room: bool,
    pub sauna: bool,
    pub photoshoot: bool,
    pub price: Money,
    pub prepayment: Money,
    pub promocode_id: Option<i64>,
    pub gift_certificate_id: Option<i64>,
    pub comment: Option<String>,
    pub contact: String,
    pub wine_preference: Option<String>,
    pub transfer_address: Option<String>,
    pub receipt_file_id: Option<String>,
    pub receipt_kind: Option<ReceiptKind>,
    pub status: BookingStatus,
    pub hold_expires_at: Option<DateTime<Utc>>,
    pub needs_attention: bool,
    pub date_changes: i32,
    pub instructions_sent_at: Option<DateTime<Utc>>,
    pub feedback_requested_at: Option<DateTime<Utc>>,
    pub feedback_submitted: bool,
    pub source: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Booking {
    #[must_use]
    pub fn extras(&self) -> Extras {
        Extras {
            sauna: self.sauna,
            secret_room: self.secret_room,
            second_bedroom: self.second_bedroom,
            photoshoot: self.photoshoot,
        }
    }
}

/// A booking about to be written by the wizard.
#[derive(Debug, Clone)]
pub struct NewBooking {
    pub owner_id: i64,
    pub tariff: TariffId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub blocked_until: DateTime<Utc>,
    pub guests: u32,
    pub white_bedroom: bool,
    pub green_bedroom: bool,
    pub extras: Extras,
    pub price: Money,
    pub prepayment: Money,
    pub promocode_id: Option<i64>,
    pub gift_certificate_id: Option<i64>,
    pub comment: Option<String>,
    pub contact: String,
    pub wine_preference: Option<String>,
    pub transfer_address: Option<String>,
    /// `PendingPayment` normally; `AwaitingApproval` when nothing is owed (a gift covers it all).
    pub status: BookingStatus,
    pub hold_expires_at: DateTime<Utc>,
}

/// Writes one audit row (inside the caller's transaction).
pub(super) async fn record_event(
    conn: &mut PgConnection,
    booking_id: i64,
    actor: Actor,
    action: &str,
    old_values: serde_json::Value,
    new_values: serde_json::Value,
) -> DbResult<()> {
    sqlx::query(
        "INSERT INTO booking_events (booking_id, actor_kind, actor_telegram_id, action, old_values, new_values)
         VALUES ($1, $2::actor_kind, $3, $4, $5, $6)",
    )
    .bind(booking_id)
    .bind(actor.kind())
    .bind(actor.telegram_id())
    .bind(action)
    .bind(old_values)
    .bind(new_values)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes the booking and so blocks its slot. Holds on the same slot whose time ran out are
/// expired first (the job may not have got to them yet); anything else overlapping makes this
/// `SlotTaken` — the exclusion constraint decides, even for simultaneous requests.
/// A promo code on the booking is counted here, in the same transaction and guarded by its
/// `max_uses` (`PromoUsedUp`), so an abandoned draft never spends a use and two guests cannot
/// both take the last one.
#[tracing::instrument(skip(db, new), fields(owner_id = new.owner_id, tariff = %new.tariff))]
pub async fn create_hold(db: &PgPool, new: &NewBooking, actor: Actor) -> DbResult<Booking> {
    Ok(insert_hold(db, new, actor, false).await?.0)
}

/// [`create_hold`] for the wizard: the owner's other unpaid holds (no receipt yet) are released
/// first, in the same transaction, so one guest holds at most one unpaid slot at a time and
/// cannot block the calendar by starting many bookings. Returns the released booking ids.
#[tracing::instrument(skip(db, new), fields(owner_id = new.owner_id, tariff = %new.tariff))]
pub async fn create_hold_replacing_unpaid(
    db: &PgPool,
    new: &NewBooking,
    actor: Actor,
) -> DbResult<(Booking, Vec<i64>)> {
    insert_hold(db, new, actor, true).await
}

async fn insert_hold(
    db: &PgPool,
    new: &NewBooking,
    actor: Actor,
    replace_unpaid: bool,
) -> DbResult<(Booking, Vec<i64>)> {
    let mut tx = db.begin().await?;
    super::booking_changes::expire_overdue_in(&mut tx, Some((new.starts_at, new.blocked_until))).await?;
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
            record_event(&mut tx, *id, actor, "released_for_a_new_hold", old, new_status).await?;
        }
    }
    let booking: Booking = sqlx::query_as(
        "INSERT INTO bookings (owner_id, tariff, starts_at, ends_at, blocked_until, guests,
             white_bedroom, green_bedroom, second_bedroom, secret_room, sauna, photoshoot,
             price, prepayment, promocode_id, gift_certificate_id, comment, contact,
             wine_preference, transfer_address, status, hold_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 $19, $20, $21, $22)
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
    .bind(new.hold_expires_at)
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
    });
    record_event(&mut tx, booking.id, actor, "create", serde_json::Value::Null, snapshot).await?;
    tx.commit().await?;
    Ok((booking, released))
}

#[tracing::instrument(skip(db))]
pub async fn get(db: &PgPool, id: i64) -> DbResult<Booking> {
    sqlx::query_as("SELECT * FROM bookings WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or(DbError::NotFound)
}

/// A booking only if `owner_id` owns it: a guest can never read someone else's.
#[tracing::instrument(skip(db))]
pub async fn get_owned(db: &PgPool, id: i64, owner_id: i64) -> DbResult<Booking> {
    sqlx::query_as("SELECT * FROM bookings WHERE id = $1 AND owner_id = $2")
        .bind(id)
        .bind(owner_id)
        .fetch_optional(db)
        .await?
        .ok_or(DbError::NotFound)
}

/// The owner's bookings: upcoming ones first (soonest first), then past ones (latest first).
#[tracing::instrument(skip(db))]
pub async fn list_by_owner(db: &PgPool, owner_id: i64, now: DateTime<Utc>) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings WHERE owner_id = $1
         ORDER BY (ends_at < $2), CASE WHEN ends_at >= $2 THEN starts_at END ASC, starts_at DESC",
    )
    .bind(owner_id)
    .bind(now)
    .fetch_all(db)
    .await?)
}

#[tracing::instrument(skip(db))]
pub async fn list_by_status(
    db: &PgPool,
    statuses: &[BookingStatus],
    limit: i64,
    offset: i64,
) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings WHERE status = ANY($1) ORDER BY starts_at, id LIMIT $2 OFFSET $3",
    )
    .bind(statuses)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?)
}

/// Bookings of any status whose stay overlaps `[from, to)`.
#[tracing::instrument(skip(db))]
pub async fn list_in_range(db: &PgPool, from: DateTime<Utc>, to: DateTime<Utc>) -> DbResult<Vec<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings WHERE tstzrange(starts_at, ends_at, '[)') && tstzrange($1, $2, '[)')
         ORDER BY starts_at, id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?)
}

/// What blocks the house within `[from, to)`, cleaning included, for the calendars: blocking
/// bookings, except holds that have run out, `exclude` (the booking being moved) and the unpaid
/// holds of `unpaid_of` (a guest's own unpaid hold is released when they hold again).
#[tracing::instrument(skip(db))]
pub async fn busy_intervals(
    db: &PgPool,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    exclude: Option<i64>,
    unpaid_of: Option<i64>,
    now: DateTime<Utc>,
) -> DbResult<Vec<Busy>> {
    let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
        "SELECT starts_at, blocked_until FROM bookings
         WHERE status IN ('pending_payment', 'awaiting_approval', 'confirmed')
           AND NOT (status = 'pending_payment' AND hold_expires_at <= $4)
           AND tstzrange(starts_at, blocked_until, '[)') && tstzrange($1, $2, '[)')
           AND id IS DISTINCT FROM $3
           AND NOT (status = 'pending_payment' AND receipt_file_id IS NULL AND owner_id IS NOT DISTINCT FROM $5)
         ORDER BY starts_at",
    )
    .bind(from)
    .bind(to)
    .bind(exclude)
    .bind(now)
    .bind(unpaid_of)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(start, end)| Busy { start, end }).collect())
}

/// The owner's latest booking a receipt can be for: an unpaid hold, one that ran out within
/// `grace` of `now` (a late receipt is still taken, so no payment is lost), or one awaiting
/// approval (a corrected or second receipt goes to the admins as an additional one).
#[tracing::instrument(skip(db))]
pub async fn awaiting_receipt(
    db: &PgPool,
    owner_id: i64,
    now: DateTime<Utc>,
    grace: chrono::Duration,
) -> DbResult<Option<Booking>> {
    Ok(sqlx::query_as(
        "SELECT * FROM bookings WHERE owner_id = $1
           AND (status = 'awaiting_approval'
                OR (receipt_file_id IS NULL
                    AND (status = 'pending_payment' OR (status = 'expired' AND updated_at > $2))))
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(owner_id)
    .bind(now - grace)
    .fetch_optional(db)
    .await?)
}

/// The contact of the owner's latest booking (offered at the contact step).
#[tracing::instrument(skip(db))]
pub async fn last_contact(db: &PgPool, owner_id: i64) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT contact FROM bookings WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(owner_id)
    .fetch_optional(db)
    .await?)
}
