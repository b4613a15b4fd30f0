//! Promo codes (reference §2.9): create, list, deactivate, and validate-and-use with an atomic
//! use counter that respects `max_uses` even under concurrent bookings.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgExecutor};

use super::error::DbResult;
use crate::domain::{
    promo::{PromoCode, PromoKind, PromoRejection, PromoUse},
    tariff::TariffId,
};

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Promo {
    pub id: i64,
    pub code: String,
    pub kind: PromoKind,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub discount_percent: i32,
    pub tariffs: Option<Vec<String>>,
    pub max_uses: Option<i32>,
    pub uses: i32,
    pub is_active: bool,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Promo {
    /// The domain view (unknown tariff names in the list are ignored).
    #[must_use]
    pub fn rules(&self) -> PromoCode {
        PromoCode {
            code: self.code.clone(),
            kind: self.kind,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            discount_percent: u32::try_from(self.discount_percent).unwrap_or(0),
            tariffs: self.tariffs.as_ref().map(|list| list.iter().filter_map(|t| t.parse().ok()).collect()),
            max_uses: self.max_uses.and_then(|m| u32::try_from(m).ok()),
            uses: u32::try_from(self.uses).unwrap_or(0),
            is_active: self.is_active,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewPromo {
    pub code: String,
    pub kind: PromoKind,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub discount_percent: u32,
    pub tariffs: Option<Vec<TariffId>>,
    pub max_uses: Option<u32>,
    pub created_by: Option<i64>,
}

/// Creates a code (stored lower-case). An active code of the same name → `Duplicate`.
#[tracing::instrument(skip(db, promo), fields(code = %promo.code))]
pub async fn create<'e>(db: impl PgExecutor<'e>, promo: &NewPromo) -> DbResult<Promo> {
    let tariffs: Option<Vec<&str>> = promo.tariffs.as_ref().map(|t| t.iter().map(|id| id.as_str()).collect());
    Ok(sqlx::query_as(
        "INSERT INTO promocodes (code, kind, valid_from, valid_to, discount_percent, tariffs, max_uses, created_by)
         VALUES (lower($1), $2, $3, $4, $5, $6, $7, $8) RETURNING *",
    )
    .bind(promo.code.trim())
    .bind(promo.kind)
    .bind(promo.valid_from)
    .bind(promo.valid_to)
    .bind(i32::try_from(promo.discount_percent).unwrap_or(i32::MAX))
    .bind(tariffs)
    .bind(promo.max_uses.map(|m| i32::try_from(m).unwrap_or(i32::MAX)))
    .bind(promo.created_by)
    .fetch_one(db)
    .await?)
}

#[tracing::instrument(skip(db))]
pub async fn list_active<'e>(db: impl PgExecutor<'e>) -> DbResult<Vec<Promo>> {
    Ok(sqlx::query_as("SELECT * FROM promocodes WHERE is_active ORDER BY valid_to, code")
        .fetch_all(db)
        .await?)
}

/// Soft delete; false if it was already inactive.
#[tracing::instrument(skip(db))]
pub async fn deactivate<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<bool> {
    let done = sqlx::query(
        "UPDATE promocodes SET is_active = FALSE, updated_at = now() WHERE id = $1 AND is_active",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[tracing::instrument(skip(db, code))]
pub async fn find_active<'e>(db: impl PgExecutor<'e>, code: &str) -> DbResult<Option<Promo>> {
    Ok(sqlx::query_as("SELECT * FROM promocodes WHERE code = lower($1) AND is_active")
        .bind(code.trim())
        .fetch_optional(db)
        .await?)
}

/// Why a typed code gives no discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PromoError {
    #[error("no such promo code")]
    NotFound,
    #[error(transparent)]
    Rejected(#[from] PromoRejection),
}

/// Checks a typed code for this stay without spending it. The use is counted by the hold that
/// carries the code (`booking_changes::create_hold`, guarded by `max_uses` in the same transaction),
/// so an abandoned draft spends nothing and the last use goes to exactly one hold.
#[tracing::instrument(skip(db, code))]
pub async fn check<'e>(
    db: impl PgExecutor<'e>,
    code: &str,
    usage: PromoUse,
) -> DbResult<Result<(Promo, u32), PromoError>> {
    let Some(promo) = find_active(db, code).await? else { return Ok(Err(PromoError::NotFound)) };
    Ok(match promo.rules().check(usage) {
        Ok(percent) => Ok((promo, percent)),
        Err(rejection) => Err(rejection.into()),
    })
}

/// The job: codes whose window ended before `today` are deactivated. Returns how many.
#[tracing::instrument(skip(db))]
pub async fn deactivate_expired<'e>(db: impl PgExecutor<'e>, today: NaiveDate) -> DbResult<u64> {
    let done = sqlx::query(
        "UPDATE promocodes SET is_active = FALSE, updated_at = now() WHERE is_active AND valid_to < $1",
    )
    .bind(today)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// For the `price` CLI: the percent a code would give (checked, not counted).
pub async fn percent_for_cli(
    settings: &crate::settings::Settings,
    code: &str,
    tariff: TariffId,
    stay_start: NaiveDate,
    clock: &crate::domain::tariff_rules::HouseClock,
) -> Result<u32, String> {
    let db = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(5))
        .connect(settings.database.url())
        .await
        .map_err(|e| {
            format!("promo codes live in the database, which is not reachable ({e}); use --promo N% instead")
        })?;
    let promo = find_active(&db, code)
        .await
        .map_err(|e| e.to_string())?
        .ok_or(format!("no active promo code {code:?}"))?;
    let usage = PromoUse { tariff, stay_start, today: clock.today(), horizon_end: clock.horizon_end() };
    promo.rules().check(usage).map_err(|rejection| format!("promo code {code:?}: {rejection}"))
}

/// The percent a booking's promo code gave (a moved booking keeps its discount, whether or not
/// the code is still active). `None` if the code is gone.
#[tracing::instrument(skip(db))]
pub async fn percent_of<'e>(db: impl PgExecutor<'e>, id: i64) -> DbResult<Option<u32>> {
    let percent: Option<i32> = sqlx::query_scalar("SELECT discount_percent FROM promocodes WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(percent.and_then(|p| u32::try_from(p).ok()))
}
