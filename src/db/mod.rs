//! PostgreSQL: everything that must last. Migrations live in `migrations/` and are embedded.

pub mod pool;

/// The embedded migrations, applied at start-up (and by tests through `#[sqlx::test]`).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
