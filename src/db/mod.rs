//! PostgreSQL: everything that must last. Migrations live in `migrations/` and are embedded.
//!
//! Some repository functions are ahead of the flows that will call them, kept (and tested against
//! PostgreSQL) because those flows are planned and the SQL is the part worth getting right first:
//! `stats::for_period`, `promos::{list_active, deactivate}`, `bookings::{list_by_status,
//! list_in_range}` (admin back office). What the live rules contradicted was removed instead (`promos::validate_and_use`,
//! which counted a use at validation; the hold counts it).

pub mod booking_changes;
pub mod booking_events;
pub mod booking_jobs;
pub mod booking_lists;
pub mod bookings;
pub mod broadcasts;
pub mod calendar_blocks;
pub mod error;
pub mod feedback;
pub mod gift_attempts;
pub mod gifts;
pub mod house_settings;
pub mod outbox;
pub mod pool;
pub mod promos;
pub mod stats;
pub mod types;
pub mod users;

pub use error::{DbError, DbResult};

/// The embedded migrations, applied at start-up (and by tests through `#[sqlx::test]`).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
