//! Gift certificates (SPEC §5): awaiting_approval → active (code drawn and sent) → redeemed, or
//! expired / rejected. Every change is a guarded UPDATE, so a double click changes nothing. A
//! certificate is *reserved* by the one live booking that uses it (a unique index on bookings),
//! redeemed when that booking is confirmed, and free again when it expires, is rejected or is
//! cancelled first.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor};

use super::error::{DbError, DbResult};
use crate::domain::{
    booking::ReceiptKind,
    money::Money,
    tariff::{Extras, TariffId},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiftStatus {
    AwaitingApproval,
    Active,
    Redeemed,
    Expired,
    Rejected,
}

impl GiftStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            GiftStatus::AwaitingApproval => "awaiting_approval",
            GiftStatus::Active => "active",
            GiftStatus::Redeemed => "redeemed",
            GiftStatus::Expired => "expired",
            GiftStatus::Rejected => "rejected",
        }
    }
}

impl GiftStatus {
    pub const ALL: [GiftStatus; 5] = [
        GiftStatus::AwaitingApproval,
        GiftStatus::Active,
        GiftStatus::Redeemed,
        GiftStatus::Expired,
        GiftStatus::Rejected,
    ];
}

impl FromStr for GiftStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GiftStatus::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| format!("unknown gift status {s:?}"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Gift {
    pub id: i64,
    /// Drawn at approval; `None` while the purchase awaits approval (or was rejected).
    pub code: Option<String>,
    pub buyer_id: i64,
    pub tariff: TariffId,
    pub sauna: bool,
    pub secret_room: bool,
    pub second_bedroom: bool,
    pub photoshoot: bool,
    pub price: Money,
    pub status: GiftStatus,
    pub expires_at: Option<DateTime<Utc>>,
    pub redeemed_booking_id: Option<i64>,
    pub contact: Option<String>,
    pub receipt_file_id: Option<String>,
    pub receipt_kind: Option<ReceiptKind>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Gift {
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

/// A purchase as the buyer's receipt arrives: no code yet.
#[derive(Debug, Clone)]
pub struct NewGift {
    pub buyer_id: i64,
    pub tariff: TariffId,
    pub extras: Extras,
    pub price: Money,
    pub contact: Option<String>,
    pub receipt_file_id: String,
    pub receipt_kind: ReceiptKind,
}

#[tracing::instrument(skip(db, gift), fields(buyer_id = gift.buyer_id))]
pub async fn create<'e>(db: impl PgExecutor<'e>, gift: &NewGift) -> DbResult<Gift> {
    Ok(sqlx::query_as(
        "INSERT INTO gift_certificates (buyer_id, tariff, sauna, secret_room, second_bedroom, photoshoot,
             price, contact, receipt_file_id, receipt_kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *",
    )
    .bind(gift.buyer_id)
    .bind(gift.tariff)
    .bind(gift.extras.sauna)
    .bind(gift.extras.secret_room)
    .bind(gift.extras.second_bedroom)
    .bind(gift.extras.photoshoot)
    .bind(gift.price)
    .bind(&gift.contact)
    .bind(&gift.receipt_file_id)
    .bind(gift.receipt_kind)
    .fetch_one(db)
    .await?)
}

/// Approves a purchase awaiting approval: it becomes active with `code` (stored normalised) and
/// `expires_at`. `Err(current)` when it was already decided (a double click); `Duplicate` if the
/// code exists (the caller draws another in a new transaction).
#[tracing::instrument(skip(conn, code))]
pub async fn approve_in(
    conn: &mut PgConnection,
    id: i64,
    code: &str,
    expires_at: DateTime<Utc>,
    admin: i64,
) -> DbResult<Result<Gift, GiftStatus>> {
    let approved: Option<Gift> = sqlx::query_as(
        "UPDATE gift_certificates SET status = 'active', code = $2, expires_at = $3, decided_by = $4,
             decided_at = now(), updated_at = now()
         WHERE id = $1 AND status = 'awaiting_approval' RETURNING *",
    )
    .bind(id)
    .bind(code)
    .bind(expires_at)
    .bind(admin)
    .fetch_optional(&mut *conn)
    .await?;
    match approved {
        Some(gift) => Ok(Ok(gift)),
        None => Ok(Err(get(conn, id).await?.status)),
    }
}

/// Rejects a purchase awaiting approval; `Err(current)` when it was already decided.
#[tracing::instrument(skip(conn))]
pub async fn reject_in(conn: &mut PgConnection, id: i64, admin: i64) -> DbResult<Result<Gift, GiftStatus>> {
    let rejected: Option<Gift> = sqlx::query_as(
        "UPDATE gift_certificates SET status = 'rejected', decided_by = $2, decided_at = now(), updated_at = now()
         WHERE id = $1 AND status = 'awaiting_approval' RETURNING *",
    )
    .bind(id)
    .bind(admin)
    .fetch_optional(&mut *conn)
    .await?;
    match rejected {
        Some(gift) => Ok(Ok(gift)),
        None => Ok(Err(get(conn, id).await?.status)),
    }
}

#[tracing::instrument(skip(db))]
pub async fn get<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Gift> {
    sqlx::query_as("SELECT * FROM gift_certificates WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or(DbError::NotFound)
}

/// Purchases waiting for an admin's decision, oldest first (for `/pending`).
pub async fn awaiting_approval<'e>(db: impl PgExecutor<'e>, limit: i64) -> DbResult<Vec<Gift>> {
    Ok(sqlx::query_as(
        "SELECT * FROM gift_certificates WHERE status = 'awaiting_approval' ORDER BY created_at, id LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Why a typed code cannot be used. Only an exact code reaches these: a near miss is `Unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiftRefusal {
    /// No certificate has this code (or its purchase was rejected).
    Unknown,
    /// Paid for, but the admins have not approved it yet.
    NotApproved,
    Expired,
    /// Redeemed by a confirmed booking.
    Used,
    /// Another live booking (not the guest's own unpaid hold) uses it now.
    Reserved,
}

/// The certificate with code `code` (normalised) if guest `user_id` can redeem it now.
#[tracing::instrument(skip(db, code))]
pub async fn redeemable<'e>(
    db: impl PgExecutor<'e>,
    code: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> DbResult<Result<Gift, GiftRefusal>> {
    // The guest's own unpaid hold does not count: a new hold releases it (one unpaid hold per
    // guest), and a hold past its deadline is as good as expired.
    let found: Option<(Gift, bool)> = sqlx::query_as(
        "SELECT g.*, EXISTS (
             SELECT 1 FROM bookings b
             WHERE b.gift_certificate_id = g.id
               AND b.status IN ('pending_payment', 'awaiting_approval', 'confirmed', 'completed')
               AND NOT (b.status = 'pending_payment' AND b.hold_expires_at <= $3)
               AND NOT (b.owner_id = $2 AND b.status = 'pending_payment' AND b.receipt_file_id IS NULL)
         ) AS reserved
         FROM gift_certificates g WHERE g.code = $1",
    )
    .bind(code)
    .bind(user_id)
    .bind(now)
    .fetch_optional(db)
    .await?
    .map(|row: GiftWithReservation| (row.gift, row.reserved));
    Ok(match found {
        None => Err(GiftRefusal::Unknown),
        Some((gift, reserved)) => match gift.status {
            GiftStatus::Rejected => Err(GiftRefusal::Unknown),
            GiftStatus::AwaitingApproval => Err(GiftRefusal::NotApproved),
            GiftStatus::Redeemed => Err(GiftRefusal::Used),
            GiftStatus::Expired => Err(GiftRefusal::Expired),
            GiftStatus::Active if gift.expires_at.is_none_or(|at| at <= now) => Err(GiftRefusal::Expired),
            GiftStatus::Active if reserved => Err(GiftRefusal::Reserved),
            GiftStatus::Active => Ok(gift),
        },
    })
}

#[derive(FromRow)]
struct GiftWithReservation {
    #[sqlx(flatten)]
    gift: Gift,
    reserved: bool,
}

/// For a hold using certificate `id`: locks it and checks it can still be used. Holds of it past
/// their deadline are expired first (the job may not have got to them), so they do not keep it.
/// `GiftUnavailable` otherwise; a live booking using it is caught by the unique index on insert.
pub async fn lock_for_hold_in(conn: &mut PgConnection, id: i64) -> DbResult<()> {
    let usable: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM gift_certificates WHERE id = $1 AND status = 'active' AND expires_at > now() FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if usable.is_none() {
        return Err(DbError::GiftUnavailable);
    }
    super::booking_changes::expire_overdue_in(conn, super::booking_changes::Overdue::UsingGift(id)).await?;
    Ok(())
}

/// Marks the certificate used by `booking_id`, in the transaction that confirms the booking. The
/// reservation was checked when the hold was written, so expiry since then does not matter.
/// `false` if it is not active (already redeemed by this booking: a repeat).
#[tracing::instrument(skip(conn))]
pub async fn redeem_in(conn: &mut PgConnection, id: i64, booking_id: i64) -> DbResult<bool> {
    let redeemed = sqlx::query(
        "UPDATE gift_certificates SET status = 'redeemed', redeemed_booking_id = $2, updated_at = now()
         WHERE id = $1 AND status = 'active'",
    )
    .bind(id)
    .bind(booking_id)
    .execute(conn)
    .await?;
    Ok(redeemed.rows_affected() == 1)
}

/// The job: active certificates past their expiry become expired — except one reserved by a live
/// booking (it was valid when the guest booked; it is redeemed or released with that booking and
/// expires on a later run if released). Returns them, so their buyers are told.
#[tracing::instrument(skip(db))]
pub async fn expire_overdue<'e>(db: impl PgExecutor<'e>, now: DateTime<Utc>) -> DbResult<Vec<Gift>> {
    Ok(sqlx::query_as(
        "UPDATE gift_certificates g SET status = 'expired', updated_at = now()
         WHERE g.status = 'active' AND g.expires_at <= $1
           AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.gift_certificate_id = g.id
                           AND b.status IN ('pending_payment', 'awaiting_approval'))
         RETURNING *",
    )
    .bind(now)
    .fetch_all(db)
    .await?)
}
