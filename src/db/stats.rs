//! The figures of `/stats` (SPEC §6) for one period: bookings by status, revenue, average price,
//! new users, gift certificates sold and redeemed, promo code uses.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::error::DbResult;
use crate::domain::{booking::BookingStatus, money::Money};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    pub bookings_by_status: Vec<(BookingStatus, i64)>,
    /// Price of confirmed and completed bookings.
    pub revenue: Money,
    pub average_price: Option<Money>,
    pub new_users: i64,
    pub gifts_sold: i64,
    pub gifts_redeemed: i64,
    pub promo_uses: i64,
}

/// Statistics for stays starting in `[from, to)` (users and gifts by creation time); `None`
/// bounds mean all time.
#[tracing::instrument(skip(db))]
pub async fn for_period(
    db: &PgPool,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> DbResult<Stats> {
    const IN_PERIOD: &str =
        "($1::timestamptz IS NULL OR {col} >= $1) AND ($2::timestamptz IS NULL OR {col} < $2)";
    let period = |col: &str| IN_PERIOD.replace("{col}", col);
    let bookings_by_status: Vec<(BookingStatus, i64)> = sqlx::query_as(&format!(
        "SELECT status, count(*) FROM bookings WHERE {} GROUP BY status ORDER BY status",
        period("starts_at")
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    let (revenue, average_price, promo_uses): (Option<Money>, Option<Money>, i64) = sqlx::query_as(&format!(
        "SELECT sum(price) FILTER (WHERE status IN ('confirmed', 'completed')),
                round(avg(price) FILTER (WHERE status IN ('confirmed', 'completed')), 2),
                count(*) FILTER (WHERE promocode_id IS NOT NULL AND status IN ('confirmed', 'completed'))
         FROM bookings WHERE {}",
        period("starts_at")
    ))
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await?;
    let new_users: i64 =
        sqlx::query_scalar(&format!("SELECT count(*) FROM users WHERE {}", period("created_at")))
            .bind(from)
            .bind(to)
            .fetch_one(db)
            .await?;
    let (gifts_sold, gifts_redeemed): (i64, i64) = sqlx::query_as(&format!(
        "SELECT count(*) FILTER (WHERE status IN ('active', 'redeemed', 'expired')),
                count(*) FILTER (WHERE status = 'redeemed')
         FROM gift_certificates WHERE {}",
        period("created_at")
    ))
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await?;
    Ok(Stats {
        bookings_by_status,
        revenue: revenue.unwrap_or(Money::ZERO),
        average_price,
        new_users,
        gifts_sold,
        gifts_redeemed,
        promo_uses,
    })
}
