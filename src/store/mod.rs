//! The embedded session store: a durable, file-persisted key-value store with per-entry TTL.
//! It knows nothing about Telegram (`crate::session` adapts it to teloxide's `Storage`).
//!
//! In memory a `DashMap` serves reads without touching the disk. On disk an append-only log of
//! checksummed JSON lines is compacted into a snapshot when it outgrows the live data (layout in
//! [`files`], damage handling in [`recovery`], group commit in [`writer`]).
//!
//! # Guarantees by fsync mode
//! - `Always` (default): `set`/`remove` return only after the record is fsynced. An acknowledged
//!   write survives a crash of the process, of the OS, and a power loss.
//! - `Batch`: acknowledged once written to the OS; fsynced at most `batch_interval` later.
//!   Survives a crash of the process; a power loss may lose that last interval.
//! - `Never`: acknowledged once written to the OS, fsynced only on flush/close/compaction.
//!   Survives a crash of the process only. For tests and benchmarks.
//!
//! A reader may see a write whose fsync is still in flight (memory is updated before the ack),
//! and after an I/O error the store refuses further writes rather than pretend they are durable.
//! Expiry uses the wall clock and is stored absolute.

mod files;
mod options;
mod record;
mod recovery;
mod snapshot;
mod writer;

use std::{
    fmt,
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicU64, Ordering},
        mpsc,
    },
    thread::JoinHandle,
    time::Duration,
};

use dashmap::{DashMap, mapref::entry::Entry as MapEntry};
pub use serde_json::value::RawValue;
use tokio::sync::oneshot;

pub use options::{Clock, FsyncMode, StoreError, StoreOptions};
pub use recovery::OpenReport;
use writer::{Command, Writer};

/// A stored value: JSON text, kept as written so the files stay readable.
pub type Value = Box<RawValue>;

/// One live key: its value, absolute expiry, and the size of its record on disk (to know when
/// the log outgrows the live data).
#[derive(Debug)]
pub struct Entry {
    value: Value,
    expires_at: i64,
    size: u32,
}

/// What the handles and the writer thread share.
pub struct Shared {
    map: DashMap<String, Entry>,
    live_bytes: AtomicU64,
    /// Completed fsyncs of the log (observable, so a test proves the fsync mode is honoured).
    syncs: AtomicU64,
    failure: OnceLock<String>,
    clock: Clock,
}

impl Shared {
    fn now_ms(&self) -> i64 {
        (self.clock.0)()
    }

    fn live_bytes(&self) -> u64 {
        self.live_bytes.load(Ordering::Relaxed)
    }

    fn add_live(&self, added: u32, removed: u32) {
        if added >= removed {
            self.live_bytes.fetch_add(u64::from(added - removed), Ordering::Relaxed);
        } else {
            self.live_bytes.fetch_sub(u64::from(removed - added), Ordering::Relaxed);
        }
    }

    fn synced(&self) {
        self.syncs.fetch_add(1, Ordering::Relaxed);
    }

    fn failure(&self) -> Option<String> {
        self.failure.get().cloned()
    }

    fn fail(&self, reason: String) {
        let _ = self.failure.set(reason);
    }
}

pub struct TtlStore {
    shared: Arc<Shared>,
    commands: mpsc::Sender<Command>,
    writer: Mutex<Option<JoinHandle<()>>>,
    dir: PathBuf,
    report: OpenReport,
}

impl fmt::Debug for TtlStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TtlStore").field("dir", &self.dir).field("entries", &self.shared.map.len()).finish()
    }
}

impl TtlStore {
    /// Opens (creating if needed) the store in directory `dir`. Blocking: call it from
    /// `spawn_blocking` or before the runtime is busy. Fails only if the directory cannot be
    /// used or another process holds it; damaged files are quarantined, never fatal.
    pub fn open(dir: impl AsRef<Path>, options: StoreOptions) -> Result<Self, StoreError> {
        let dir = dir.as_ref().to_owned();
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io("create the store directory", e))?;
        let lock = files::DirLock::acquire(&dir)?;
        let recovered = recovery::recover(&dir, (options.clock.0)())?;
        log_open_report(&dir, &recovered.report);
        let log = writer::open_log(&dir, recovered.log_generation)
            .map_err(|e| StoreError::io("open the log", e))?;
        files::sync_dir(&dir).map_err(|e| StoreError::io("sync the store directory", e))?;
        let shared = Arc::new(Shared {
            map: recovered.map,
            live_bytes: AtomicU64::new(recovered.live_bytes),
            syncs: AtomicU64::new(0),
            failure: OnceLock::new(),
            clock: options.clock,
        });
        let (commands, receiver) = mpsc::channel();
        let writer = Writer::new(
            dir.clone(),
            log,
            recovered.log_generation,
            recovered.log_bytes,
            options.fsync,
            options.batch_interval,
            options.compact_min_bytes,
            shared.clone(),
            lock,
        );
        let handle = std::thread::Builder::new()
            .name("session-store-writer".into())
            .spawn(move || writer.run(receiver))
            .map_err(|e| StoreError::io("start the writer thread", e))?;
        Ok(Self { shared, commands, writer: Mutex::new(Some(handle)), dir, report: recovered.report })
    }

    /// What open found (damage, quarantined files, counts).
    #[must_use]
    pub fn open_report(&self) -> &OpenReport {
        &self.report
    }

    /// The live value of `key`; an expired entry reads as absent and is dropped from memory.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Value> {
        self.get_with(key, ToOwned::to_owned)
    }

    /// Reads the live value of `key` through `read` without copying it (the map entry is read
    /// locked meanwhile, so `read` must be quick: decoding is fine, I/O is not).
    pub fn get_with<T>(&self, key: &str, read: impl FnOnce(&RawValue) -> T) -> Option<T> {
        let now = self.shared.now_ms();
        {
            let entry = self.shared.map.get(key)?;
            if entry.expires_at > now {
                return Some(read(&entry.value));
            }
        }
        self.drop_if_expired(key, now);
        None
    }

    /// Every live entry whose key starts with `prefix`, in key order (a scan of the whole map:
    /// for start-up and rare listings, not for the hot path).
    #[must_use]
    pub fn entries_with_prefix(&self, prefix: &str) -> Vec<(String, Value)> {
        let now = self.shared.now_ms();
        let mut entries: Vec<(String, Value)> = self
            .shared
            .map
            .iter()
            .filter(|entry| entry.key().starts_with(prefix) && entry.value().expires_at > now)
            .map(|entry| (entry.key().clone(), entry.value().value.clone()))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }

    /// Sets `key` to `value` for `ttl` from now (writing again slides the expiry). Returns once
    /// the record is durable per the fsync mode.
    pub async fn set(&self, key: &str, value: Value, ttl: Duration) -> Result<(), StoreError> {
        let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        let expires_at = self.shared.now_ms().saturating_add(ttl_ms);
        let line = record::encode_set(key, expires_at, &value);
        let size = u32::try_from(line.len()).unwrap_or(u32::MAX);
        let (ack, done) = oneshot::channel();
        // The record is queued while the key's shard is locked, so for any one key the order in
        // the log is the order in memory.
        match self.shared.map.entry(key.to_owned()) {
            MapEntry::Occupied(mut slot) => {
                self.enqueue(Command::Write { line, ack })?;
                let old = slot.insert(Entry { value, expires_at, size });
                self.shared.add_live(size, old.size);
            }
            MapEntry::Vacant(slot) => {
                self.enqueue(Command::Write { line, ack })?;
                slot.insert(Entry { value, expires_at, size });
                self.shared.add_live(size, 0);
            }
        }
        done.await.map_err(|_| StoreError::Closed)?
    }

    /// Removes `key`; returns whether a live entry was there. Durable per the fsync mode.
    pub async fn remove(&self, key: &str) -> Result<bool, StoreError> {
        let now = self.shared.now_ms();
        let (ack, done) = oneshot::channel();
        let was_live = match self.shared.map.entry(key.to_owned()) {
            // Absent in memory means absent or expired on disk: nothing to write.
            MapEntry::Vacant(_) => return Ok(false),
            MapEntry::Occupied(slot) => {
                self.enqueue(Command::Write { line: record::encode_del(key), ack })?;
                let (_, old) = slot.remove_entry();
                self.shared.add_live(0, old.size);
                old.expires_at > now
            }
        };
        done.await.map_err(|_| StoreError::Closed)??;
        Ok(was_live)
    }

    /// Drops every expired entry from memory (the disk copy goes at the next compaction, which
    /// this may trigger). Returns how many were dropped.
    pub fn sweep_expired(&self) -> usize {
        let now = self.shared.now_ms();
        let mut dropped = 0;
        self.shared.map.retain(|_, entry| {
            let alive = entry.expires_at > now;
            if !alive {
                dropped += 1;
                self.shared.add_live(0, entry.size);
            }
            alive
        });
        if dropped > 0 {
            let _ = self.commands.send(Command::MaybeCompact);
        }
        dropped
    }

    /// How many times the log was fsynced since the store was opened: one per acknowledged
    /// batch in `always` mode, at most one per `batch_interval` in `batch`, none in `never`.
    #[must_use]
    pub fn sync_count(&self) -> u64 {
        self.shared.syncs.load(Ordering::Relaxed)
    }

    /// Number of entries in memory (expired ones not yet swept included).
    #[must_use]
    pub fn len(&self) -> usize {
        self.shared.map.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.shared.map.is_empty()
    }

    /// Makes every acknowledged write durable now, whatever the fsync mode.
    pub async fn flush(&self) -> Result<(), StoreError> {
        let (ack, done) = oneshot::channel();
        self.enqueue(Command::Flush { ack })?;
        done.await.map_err(|_| StoreError::Closed)?
    }

    /// Flushes, stops the writer and releases the directory lock. Further writes fail with
    /// `Closed`; reads still answer from memory.
    pub async fn close(&self) -> Result<(), StoreError> {
        let (ack, done) = oneshot::channel();
        self.enqueue(Command::Close { ack })?;
        let result = done.await.map_err(|_| StoreError::Closed)?;
        let handle = self.writer.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(handle) = handle {
            let _ = tokio::task::spawn_blocking(move || handle.join()).await;
        }
        result
    }

    fn enqueue(&self, command: Command) -> Result<(), StoreError> {
        if let Some(reason) = self.shared.failure() {
            return Err(StoreError::Failed(reason));
        }
        self.commands.send(command).map_err(|_| StoreError::Closed)
    }

    fn drop_if_expired(&self, key: &str, now: i64) {
        if let Some((_, old)) = self.shared.map.remove_if(key, |_, entry| entry.expires_at <= now) {
            self.shared.add_live(0, old.size);
        }
    }
}

impl Drop for TtlStore {
    /// A store dropped without `close()` still flushes and releases its lock before the drop
    /// returns, so it can be reopened straight away.
    fn drop(&mut self) {
        let handle = self.writer.get_mut().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(handle) = handle {
            let (ack, _done) = oneshot::channel();
            let _ = self.commands.send(Command::Close { ack });
            let _ = handle.join();
        }
    }
}

fn log_open_report(dir: &Path, report: &OpenReport) {
    let dir = dir.display();
    if !report.quarantined.is_empty() {
        tracing::error!(
            %dir,
            damaged_lines = report.damaged_lines,
            loaded = report.live_entries,
            quarantined = ?report.quarantined,
            "session store files were damaged: set aside, every intact record loaded"
        );
    }
    if report.torn_tail_bytes > 0 {
        tracing::warn!(%dir, bytes = report.torn_tail_bytes, "dropped an incomplete last record");
    }
    tracing::info!(
        %dir,
        entries = report.live_entries,
        expired_dropped = report.expired_dropped,
        stray_files_removed = report.stray_files_removed,
        "session store opened"
    );
}
