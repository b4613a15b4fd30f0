//! PostgreSQL: everything that must last. Migrations live in `migrations/` and are embedded.
//!
//! `bookings::list_in_range` is the one query no flow calls (the staff's lists filter by status):
//! it is kept for the tests that check what landed on a date range. What the live rules
//! contradicted was removed instead (`promos::validate_and_use`, which counted a use at
//! validation; the hold counts it).

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
