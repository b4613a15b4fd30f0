//! PostgreSQL: everything that must last. Migrations live in `migrations/` and are embedded.

pub mod booking_changes;
pub mod booking_jobs;
pub mod bookings;
pub mod error;
pub mod feedback;
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
