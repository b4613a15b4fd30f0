//! How a store is opened (durability, compaction threshold, clock) and what can go wrong.

use std::{
    fmt,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicI64, Ordering},
    },
    time::Duration,
};

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FsyncMode {
    Always,
    Batch,
    Never,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("session store: cannot {context}: {source}")]
    Io { context: &'static str, source: Arc<std::io::Error> },
    #[error("session store {dir} is already open in another process (lock holder pid {holder})")]
    Locked { dir: PathBuf, holder: String },
    #[error("session store refuses writes after a failed disk write: {0}")]
    Failed(String),
    #[error("session store is closed")]
    Closed,
}

impl StoreError {
    pub(super) fn io(context: &'static str, source: std::io::Error) -> Self {
        Self::Io { context, source: Arc::new(source) }
    }
}

/// Where "now" comes from: the system clock, or a hand-driven one in tests.
#[derive(Clone)]
pub struct Clock(pub(super) Arc<dyn Fn() -> i64 + Send + Sync>);

impl Clock {
    #[must_use]
    pub fn system() -> Self {
        Self(Arc::new(|| chrono::Utc::now().timestamp_millis()))
    }

    /// A clock that reads `now_ms`; tests move it forward.
    #[must_use]
    pub fn manual(now_ms: Arc<AtomicI64>) -> Self {
        Self(Arc::new(move || now_ms.load(Ordering::SeqCst)))
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub fsync: FsyncMode,
    pub batch_interval: Duration,
    /// Never compact a log smaller than this, however little of it is live.
    pub compact_min_bytes: u64,
    pub clock: Clock,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            fsync: FsyncMode::Always,
            batch_interval: Duration::from_millis(100),
            compact_min_bytes: 4 << 20,
            clock: Clock::system(),
        }
    }
}
