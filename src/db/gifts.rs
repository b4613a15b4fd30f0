//! Gift certificates (SPEC §5): awaiting_approval → active (code sent) → redeemed, or expired /
//! rejected. Every change is a guarded UPDATE, so a double click changes nothing.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgExecutor, PgPool};

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

impl FromStr for GiftStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            GiftStatus::AwaitingApproval,
            GiftStatus::Active,
            GiftStatus::Redeemed,
            GiftStatus::Expired,
            GiftStatus::Rejected,
        ]
        .into_iter()
        .find(|g| g.as_str() == s)
        .ok_or_else(|| format!("unknown gift status {s:?}"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Gift {
    pub id: i64,
    pub code: String,
    pub buyer_id: i64,
    pub tariff: TariffId,
    pub sauna: bool,
    pub secret_room: bool,
    pub second_bedroom: bool,
    pub photoshoot: bool,
    pub price: Money,
    pub status: GiftStatus,
    pub expires_at: DateTime<Utc>,
    pub redeemed_booking_id: Option<i64>,
    pub contact: Option<String>,
    pub receipt_file_id: Option<String>,
    pub receipt_kind: Option<ReceiptKind>,
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

#[derive(Debug, Clone)]
pub struct NewGift {
    pub code: String,
    pub buyer_id: i64,
    pub tariff: TariffId,
    pub extras: Extras,
    pub price: Money,
    pub expires_at: DateTime<Utc>,
    pub contact: Option<String>,
    pub receipt_file_id: String,
    pub receipt_kind: ReceiptKind,
}

#[tracing::instrument(skip(db, gift), fields(buyer_id = gift.buyer_id))]
pub async fn create<'e>(db: impl PgExecutor<'e>, gift: &NewGift) -> DbResult<Gift> {
    Ok(sqlx::query_as(
        "INSERT INTO gift_certificates (code, buyer_id, tariff, sauna, secret_room, second_bedroom, photoshoot,
             price, expires_at, contact, receipt_file_id, receipt_kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *",
    )
    .bind(&gift.code)
    .bind(gift.buyer_id)
    .bind(gift.tariff)
    .bind(gift.extras.sauna)
    .bind(gift.extras.secret_room)
    .bind(gift.extras.second_bedroom)
    .bind(gift.extras.photoshoot)
    .bind(gift.price)
    .bind(gift.expires_at)
    .bind(&gift.contact)
    .bind(&gift.receipt_file_id)
    .bind(gift.receipt_kind)
    .fetch_one(db)
    .await?)
}

/// Moves a gift from `from` to `to`; `WrongStatus`-like misses come back as `Err(current)`.
async fn change(
    db: &PgPool,
    id: i64,
    from: GiftStatus,
    to: GiftStatus,
) -> DbResult<Result<Gift, GiftStatus>> {
    let changed: Option<Gift> = sqlx::query_as(
        "UPDATE gift_certificates SET status = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING *",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .fetch_optional(db)
    .await?;
    match changed {
        Some(gift) => Ok(Ok(gift)),
        None => Ok(Err(get(db, id).await?.status)),
    }
}

#[tracing::instrument(skip(db))]
pub async fn approve(db: &PgPool, id: i64) -> DbResult<Result<Gift, GiftStatus>> {
    change(db, id, GiftStatus::AwaitingApproval, GiftStatus::Active).await
}

#[tracing::instrument(skip(db))]
pub async fn reject(db: &PgPool, id: i64) -> DbResult<Result<Gift, GiftStatus>> {
    change(db, id, GiftStatus::AwaitingApproval, GiftStatus::Rejected).await
}

#[tracing::instrument(skip(db))]
pub async fn get<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Gift> {
    sqlx::query_as("SELECT * FROM gift_certificates WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or(DbError::NotFound)
}

/// An active, unexpired certificate by its code (codes are case-insensitive for typing ease).
#[tracing::instrument(skip(db, code))]
pub async fn find_redeemable<'e>(
    db: impl PgExecutor<'e>,
    code: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<Gift>> {
    Ok(sqlx::query_as(
        "SELECT * FROM gift_certificates WHERE upper(code) = upper($1) AND status = 'active' AND expires_at > $2",
    )
    .bind(code.trim())
    .bind(now)
    .fetch_optional(db)
    .await?)
}

/// Marks the certificate used by `booking_id` (when that booking is confirmed). Only an active,
/// unexpired certificate can be redeemed, once.
#[tracing::instrument(skip(db))]
pub async fn redeem(
    db: &PgPool,
    id: i64,
    booking_id: i64,
    now: DateTime<Utc>,
) -> DbResult<Result<Gift, GiftStatus>> {
    let redeemed: Option<Gift> = sqlx::query_as(
        "UPDATE gift_certificates SET status = 'redeemed', redeemed_booking_id = $2, updated_at = now()
         WHERE id = $1 AND status = 'active' AND expires_at > $3 RETURNING *",
    )
    .bind(id)
    .bind(booking_id)
    .bind(now)
    .fetch_optional(db)
    .await?;
    match redeemed {
        Some(gift) => Ok(Ok(gift)),
        None => Ok(Err(get(db, id).await?.status)),
    }
}

/// The job: active (paid, never used) certificates past their expiry become expired. Returns
/// them, so their buyers are told.
#[tracing::instrument(skip(db))]
pub async fn expire_overdue<'e>(db: impl PgExecutor<'e>, now: DateTime<Utc>) -> DbResult<Vec<Gift>> {
    Ok(sqlx::query_as(
        "UPDATE gift_certificates SET status = 'expired', updated_at = now()
         WHERE status = 'active' AND expires_at <= $1 RETURNING *",
    )
    .bind(now)
    .fetch_all(db)
    .await?)
}
