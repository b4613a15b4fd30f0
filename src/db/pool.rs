//! The PostgreSQL pool. Start-up retries the first connection with backoff so the order in which
//! compose starts the containers does not matter.

use std::{str::FromStr, time::Duration};

use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};
use tokio::time::Instant;

use crate::settings::DatabaseSettings;

/// Connects, retrying for up to `database.connect_retry_for`, logging each failed attempt with
/// host and database name only (the URL holds the password).
#[tracing::instrument(name = "connect database", skip_all)]
pub async fn connect_with_retry(settings: &DatabaseSettings) -> Result<PgPool, sqlx::Error> {
    let options = PgConnectOptions::from_str(settings.url())?;
    let deadline = Instant::now() + settings.connect_retry_for;
    let mut delay = Duration::from_millis(250);
    let mut attempt = 1u32;
    loop {
        let result = PgPoolOptions::new()
            .max_connections(settings.max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await;
        match result {
            Ok(pool) => {
                tracing::info!(attempt, host = options.get_host(), "database connected");
                return Ok(pool);
            }
            Err(error) if Instant::now() + delay < deadline => {
                tracing::warn!(
                    attempt,
                    host = options.get_host(),
                    database = options.get_database().unwrap_or("(default)"),
                    %error,
                    retry_in = ?delay,
                    "database not reachable yet"
                );
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(8));
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}
