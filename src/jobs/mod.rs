//! The jobs that run without anyone pressing anything (SPEC §7): hold expiry, arrival
//! instructions, completion with the feedback request, and the daily expiry of promo codes and
//! gift certificates. One loop runs them all every `jobs.interval`; start-up runs them once
//! before the first update is handled, catching up on what a downtime missed.
//!
//! Each is idempotent and crash-safe in the same way: the change, its milestone and the notices
//! it causes are committed in one transaction (the notices through the outbox), so running twice,
//! two workers, or a crash at any point changes nothing more and tells nobody twice. The
//! database is the only source of truth; the time is passed in (`now`), so tests drive it.

mod completion;
mod expiries;
mod holds;
pub mod instructions;

use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio_util::sync::CancellationToken;

pub use completion::complete_finished_stays;
pub use expiries::expire_codes_and_gifts;
pub use holds::expire_holds;
pub use instructions::send_due_instructions;

use crate::{
    app::{App, AppRef},
    periodic::{First, spawn_every},
};

/// One run of every job at `now`.
pub async fn run_all(app: &App, now: DateTime<Utc>) {
    expire_holds(app).await;
    send_due_instructions(app, now).await;
    complete_finished_stays(app, now).await;
    expire_codes_and_gifts(app, now).await;
}

/// The jobs every `every`, the first run one period from now (start-up has just run them).
pub fn spawn(app: AppRef, every: Duration, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
    spawn_every(every, First::AfterPeriod, stop, move || {
        let app = app.clone();
        async move { run_all(&app, Utc::now()).await }
    })
}

/// How one job's run ended, logged as one line when it did something.
fn report(job: &str, result: Result<usize, crate::db::DbError>, app: &App) {
    match result {
        Ok(0) => {}
        Ok(count) => {
            tracing::info!(job, count, "job run");
            app.outbox_waker.notify_one();
        }
        Err(error) => tracing::error!(job, %error, "job failed; retried next run"),
    }
}
