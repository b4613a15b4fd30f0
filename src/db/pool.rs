//! The PostgreSQL pool. Start-up retries the first connection with backoff so the order in which
//! compose starts the containers does not matter — but only while the failure can pass: a
//! database or role that does not exist, a wrong password or a malformed URL fail at once with
//! the server's own words.
//!
//! While the bot runs, a pool acquire waits at most `database.acquire_timeout` (1 s), so an
//! outage is answered with "try again" quickly; [`DbHealth`] remembers a known outage so the
//! per-update user upsert does not wait for it at all, and a probe clears it once PostgreSQL
//! answers again.

use std::{
    str::FromStr,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use sqlx::{
    Connection, PgConnection, PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::settings::DatabaseSettings;

/// Errors that retrying cannot fix (SQLSTATE classes 28 and 3D, and a bad URL or option).
#[must_use]
pub fn is_permanent(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Configuration(_) => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            // 28000 invalid authorization, 28P01 wrong password, 3D000 unknown database.
            code.starts_with("28") || code == "3D000"
        }),
        _ => false,
    }
}

/// Whether an error means "the database is not reachable" (as opposed to a query refused).
#[must_use]
pub fn is_outage(error: &sqlx::Error) -> bool {
    matches!(
        error,
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Tls(_)
    ) || matches!(error, sqlx::Error::Database(db) if db.code().is_some_and(|c| c.starts_with("57P") || c.starts_with("08")))
}

/// Connects, retrying passing failures for up to `database.connect_retry_for`, logging each
/// failed attempt with its real cause and the host and database name only (the URL holds the
/// password). One direct connection is tried first: a pool would report every cause as
/// "pool timed out".
#[tracing::instrument(name = "connect database", skip_all)]
pub async fn connect_with_retry(settings: &DatabaseSettings) -> Result<PgPool, sqlx::Error> {
    let options = PgConnectOptions::from_str(settings.url())?;
    let deadline = Instant::now() + settings.connect_retry_for;
    let mut delay = Duration::from_millis(250);
    let mut attempt = 1u32;
    loop {
        match PgConnection::connect_with(&options).await {
            Ok(probe) => {
                let _ = probe.close().await;
                tracing::info!(attempt, host = options.get_host(), "database connected");
                return Ok(PgPoolOptions::new()
                    .max_connections(settings.max_connections)
                    .acquire_timeout(settings.acquire_timeout)
                    .connect_lazy_with(options));
            }
            Err(error) if !is_permanent(&error) && Instant::now() + delay < deadline => {
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

/// A known database outage, shared by the handlers.
#[derive(Debug, Default)]
pub struct DbHealth {
    down: AtomicBool,
}

impl DbHealth {
    #[must_use]
    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::Relaxed)
    }

    /// Looks at a failed call: an outage is remembered (and logged once).
    pub fn observe(&self, error: &sqlx::Error) {
        if is_outage(error) && !self.down.swap(true, Ordering::Relaxed) {
            tracing::error!(%error, "database unreachable; answering \"try again\" until it is back");
        }
    }

    /// While an outage is known, checks every second whether PostgreSQL answers again.
    pub fn spawn_probe(self: &Arc<Self>, db: PgPool, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
        let health = self.clone();
        crate::periodic::spawn_every(Duration::from_secs(1), crate::periodic::First::Now, stop, move || {
            let (health, db) = (health.clone(), db.clone());
            async move {
                if health.is_down() && sqlx::query("SELECT 1").execute(&db).await.is_ok() {
                    health.down.store(false, Ordering::Relaxed);
                    tracing::info!("database reachable again");
                }
            }
        })
    }
}
