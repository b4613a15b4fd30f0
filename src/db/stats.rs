//! The figures of `/stats` (SPEC §6) for one period, in four aggregate queries (no per-row
//! work): bookings by status, revenue (confirmed and completed apart), average price, guests,
//! hours sold and occupancy, users, gift certificates, promo code uses.
//!
//! A period is `[from, to)` (the caller computes its bounds in the house time zone). Bookings
//! count by the start of their stay; the hours sold are the part of confirmed and completed stays
//! inside the period, so a stay over a month's end counts in both months by its hours, and
//! occupancy is those hours over the period's hours. All time runs from the first counted stay's
//! start to the last one's end.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use super::error::DbResult;
use crate::domain::{booking::BookingStatus, money::Money};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub bookings_by_status: Vec<(BookingStatus, i64)>,
    /// Prices of confirmed (still to come or under way) and completed bookings.
    pub revenue_confirmed: Money,
    pub revenue_completed: Money,
    /// Average price of confirmed and completed bookings.
    pub average_price: Option<Money>,
    /// Guests of confirmed and completed bookings.
    pub guests: i64,
    /// Hours of confirmed and completed stays inside the period.
    pub hours_sold: i64,
    /// `hours_sold` over the period's hours, in percent (one decimal); `None` for an empty period.
    pub occupancy_percent: Option<f64>,
    /// Users known by the end of the period; of them with a booking starting in it; active (the
    /// bot can still write to them).
    pub users_total: i64,
    pub users_with_bookings: i64,
    pub users_active: i64,
    /// Certificates paid for and approved in the period (by purchase time), redeemed among them,
    /// and what they brought in.
    pub gifts_sold: i64,
    pub gifts_redeemed: i64,
    pub gifts_revenue: Money,
    /// Confirmed and completed bookings with a promo code.
    pub promo_uses: i64,
}

const SOLD: &str = "status IN ('confirmed', 'completed')";

/// Statistics for `[from, to)`; `None` bounds mean all time.
#[tracing::instrument(skip(db))]
pub async fn for_period(
    db: &PgPool,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> DbResult<Stats> {
    let in_period = |col: &str| {
        format!("($1::timestamptz IS NULL OR {col} >= $1) AND ($2::timestamptz IS NULL OR {col} < $2)")
    };
    let bookings_by_status: Vec<(BookingStatus, i64)> = sqlx::query_as(&format!(
        "SELECT status, count(*) FROM bookings WHERE {} GROUP BY status ORDER BY status",
        in_period("starts_at")
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    // Money and guests by start; hours by overlap with the period (all time: the stays' span).
    let money: (Option<Money>, Option<Money>, Option<Money>, Option<i64>, i64, i64) =
        sqlx::query_as(&format!(
            "SELECT sum(price) FILTER (WHERE status = 'confirmed'),
                sum(price) FILTER (WHERE status = 'completed'),
                round(avg(price) FILTER (WHERE {SOLD}), 2),
                sum(guests) FILTER (WHERE {SOLD}),
                count(*) FILTER (WHERE {SOLD} AND promocode_id IS NOT NULL),
                count(DISTINCT owner_id)
         FROM bookings WHERE {}",
            in_period("starts_at"),
        ))
        .bind(from)
        .bind(to)
        .fetch_one(db)
        .await?;
    let (revenue_confirmed, revenue_completed, average_price, guests, promo_uses, users_with_bookings) =
        money;
    let (hours_sold, span_hours): (Option<f64>, Option<f64>) = sqlx::query_as(&format!(
        "WITH span AS (
             SELECT coalesce($1, min(starts_at)) AS f, coalesce($2, max(ends_at)) AS t FROM bookings WHERE {SOLD}
         )
         SELECT (sum(extract(epoch FROM least(b.ends_at, s.t) - greatest(b.starts_at, s.f)) / 3600)
                     FILTER (WHERE b.id IS NOT NULL))::float8,
                max(extract(epoch FROM s.t - s.f) / 3600)::float8
         FROM span s LEFT JOIN bookings b ON b.{SOLD} AND b.ends_at > s.f AND b.starts_at < s.t"
    ))
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await?;
    let users: (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE is_active) FROM users
         WHERE $1::timestamptz IS NULL OR created_at < $1",
    )
    .bind(to)
    .fetch_one(db)
    .await?;
    let gifts: (i64, i64, Option<Money>) = sqlx::query_as(&format!(
        "SELECT count(*), count(*) FILTER (WHERE status = 'redeemed'), sum(price)
         FROM gift_certificates WHERE status IN ('active', 'redeemed', 'expired') AND {}",
        in_period("created_at")
    ))
    .bind(from)
    .bind(to)
    .fetch_one(db)
    .await?;
    let hours_sold = hours_sold.unwrap_or(0.0);
    Ok(Stats {
        bookings_by_status,
        revenue_confirmed: revenue_confirmed.unwrap_or(Money::ZERO),
        revenue_completed: revenue_completed.unwrap_or(Money::ZERO),
        average_price,
        guests: guests.unwrap_or(0),
        hours_sold: hours_sold.round() as i64,
        occupancy_percent: span_hours
            .filter(|h| *h > 0.0)
            .map(|span| (hours_sold / span * 1000.0).round() / 10.0),
        users_total: users.0,
        users_with_bookings,
        users_active: users.1,
        gifts_sold: gifts.0,
        gifts_redeemed: gifts.1,
        gifts_revenue: gifts.2.unwrap_or(Money::ZERO),
        promo_uses,
    })
}
