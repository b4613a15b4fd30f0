//! The container healthcheck. Every successful getUpdates touches a heartbeat file next to the
//! session store; `secret-house-bot healthcheck` (compose's `healthcheck`) succeeds while that
//! file is fresh, so "up" means "hearing from Telegram", not merely "process alive".

use std::{
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use crate::settings::Settings;

/// Stale after this long without a successful poll (a long poll lasts `polling_timeout`).
const FRESH_FOR: Duration = Duration::from_secs(90);

#[must_use]
pub fn heartbeat_path(settings: &Settings) -> PathBuf {
    let store = &settings.sessions.path;
    let name = store.file_name().map_or_else(|| "sessions".into(), |n| n.to_string_lossy().into_owned());
    store.with_file_name(format!("{name}.heartbeat"))
}

/// Records that Telegram answered just now (a failure is only logged: it must not stop polling).
pub async fn beat(path: &Path) {
    if let Err(error) = tokio::fs::write(path, b"ok\n").await {
        tracing::debug!(path = %path.display(), %error, "could not write the heartbeat");
    }
}

/// `Ok` while the heartbeat is fresh; otherwise the reason, for the healthcheck's one line.
pub fn check(settings: &Settings) -> Result<(), String> {
    let path = heartbeat_path(settings);
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).map_err(|e| {
        format!("no heartbeat at {} ({e}): the bot has not polled Telegram yet", path.display())
    })?;
    let age = SystemTime::now().duration_since(modified).unwrap_or_default();
    if age > FRESH_FOR + settings.telegram.polling_timeout {
        return Err(format!("last successful poll of Telegram {}s ago", age.as_secs()));
    }
    Ok(())
}
