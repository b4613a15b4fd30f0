//! Bookings: the row as read (`Booking`), what a hold writes (`NewBooking`), and the queries.
//! Every write — holds, transitions, receipts, moves, edits — is in `booking_changes`, with its
//! `booking_events` row in the same transaction.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor};

use super::error::{DbError, DbResult};
use crate::domain::{
    availability::Busy,
    booking::{BookingSource, BookingStatus, ReceiptKind},
    money::Money,
    tariff::{Extras, TariffId},
};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Booking {
    pub id: i64,
    /// The guest's `users.id`; `None` for a booking the staff took by hand (`source` says how),
    /// whose guest is only the typed contact and gets no messages from the bot.
    pub owner_id: Option<i64>,
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

/// A booking about to be written by the wizard (a guest's, or one the staff take by hand).
#[derive(Debug, Clone)]
pub struct NewBooking {
    /// `None` only for a booking taken by hand (`source` is not `Bot`).
    pub owner_id: Option<i64>,
    pub source: BookingSource,
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

#[tracing::instrument(skip(db))]
pub async fn get<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Booking> {
    sqlx::query_as("SELECT * FROM bookings WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or(DbError::NotFound)
}

/// A booking only if `owner_id` owns it: a guest can never read someone else's.
#[tracing::instrument(skip(db))]
pub async fn get_owned<'e>(db: impl PgExecutor<'e>, id: i64, owner_id: i64) -> DbResult<Booking> {
    sqlx::query_as("SELECT * FROM bookings WHERE id = $1 AND owner_id = $2")
        .bind(id)
        .bind(owner_id)
        .fetch_optional(db)
        .await?
        .ok_or(DbError::NotFound)
}

/// The owner's bookings: upcoming ones first (soonest first), then past ones (latest first).
#[tracing::instrument(skip(db))]
pub async fn list_by_owner<'e>(
    db: impl PgExecutor<'e>,
    owner_id: i64,
    now: DateTime<Utc>,
) -> DbResult<Vec<Booking>> {
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
pub async fn list_by_status<'e>(
    db: impl PgExecutor<'e>,
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
pub async fn list_in_range<'e>(
    db: impl PgExecutor<'e>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> DbResult<Vec<Booking>> {
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
/// holds of `unpaid_of` (a guest's own unpaid hold is released when they hold again); and the
/// dates the staff closed (`calendar_blocks`).
#[tracing::instrument(skip(db))]
pub async fn busy_intervals<'e>(
    db: impl PgExecutor<'e>,
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
         UNION ALL
         SELECT starts_at, ends_at FROM calendar_blocks
         WHERE removed_at IS NULL AND tstzrange(starts_at, ends_at, '[)') && tstzrange($1, $2, '[)')
         ORDER BY 1",
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
pub async fn awaiting_receipt<'e>(
    db: impl PgExecutor<'e>,
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
pub async fn last_contact<'e>(db: impl PgExecutor<'e>, owner_id: i64) -> DbResult<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT contact FROM bookings WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(owner_id)
    .fetch_optional(db)
    .await?)
}
