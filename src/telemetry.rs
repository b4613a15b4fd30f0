//! Logging: `tracing` with an `EnvFilter` (`RUST_LOG`, default `info`), text or JSON.
//! `log` records (teloxide logs through `log`) are bridged into tracing by `try_init`, which
//! installs a `LogTracer` because tracing-subscriber's `tracing-log` feature is on.

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::settings::LogFormat;

/// Installs the global subscriber. A second call (tests) is a harmless no-op.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = match format {
        LogFormat::Text => registry.with(fmt::layer().with_target(true)).try_init(),
        LogFormat::Json => registry.with(fmt::layer().json().flatten_event(true)).try_init(),
    };
    if let Err(error) = result {
        tracing::debug!(%error, "logging was already initialised");
    }
}
