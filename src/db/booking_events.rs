//! The audit trail: one `booking_events` row per change of a booking (who, what, old → new),
//! always written in the transaction of the change it describes.

use sqlx::PgConnection;

use super::error::DbResult;
use crate::domain::booking::Actor;

/// Writes one audit row (inside the caller's transaction).
pub(super) async fn record(
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
