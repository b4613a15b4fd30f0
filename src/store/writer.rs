//! The single writer: a dedicated OS thread owns the log file. Writers enqueue encoded records and
//! wait on a oneshot; the thread takes everything queued, appends it with one `write`, fsyncs once
//! for the whole batch (group commit) and acknowledges every writer in it. While it fsyncs, the
//! next batch queues up, so throughput grows with concurrency instead of paying one fsync each.

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write},
    path::{Path, PathBuf},
    sync::{Arc, mpsc},
    time::{Duration, Instant},
};

use tokio::sync::oneshot;

use super::{FsyncMode, Shared, StoreError, files, snapshot};

/// Most records appended in one batch; bounds the latency of the first writer in a huge burst.
const MAX_BATCH: usize = 4096;

pub type Ack = oneshot::Sender<Result<(), StoreError>>;

pub enum Command {
    /// Append an encoded record; acknowledge per the fsync mode.
    Write { line: String, ack: Ack },
    /// Make everything appended so far durable (fsync, whatever the mode).
    Flush { ack: Ack },
    /// Entries were swept: compact if the log now outgrows the live data.
    MaybeCompact,
    /// Final fsync, release the lock, stop.
    Close { ack: Ack },
}

pub struct Writer {
    pub dir: PathBuf,
    pub log: File,
    pub generation: u64,
    pub log_bytes: u64,
    pub mode: FsyncMode,
    pub batch_interval: Duration,
    pub compact_min_bytes: u64,
    pub shared: Arc<Shared>,
    pub lock: Option<files::DirLock>,
    /// In `batch` mode: when the oldest write not yet fsynced was appended.
    unsynced_since: Option<Instant>,
}

pub fn open_log(dir: &Path, generation: u64) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(dir.join(files::log_name(generation)))
}

impl Writer {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        dir: PathBuf,
        log: File,
        generation: u64,
        log_bytes: u64,
        mode: FsyncMode,
        batch_interval: Duration,
        compact_min_bytes: u64,
        shared: Arc<Shared>,
        lock: files::DirLock,
    ) -> Self {
        Self {
            dir,
            log,
            generation,
            log_bytes,
            mode,
            batch_interval,
            compact_min_bytes,
            shared,
            lock: Some(lock),
            unsynced_since: None,
        }
    }

    pub fn run(mut self, commands: mpsc::Receiver<Command>) {
        let mut buffer = Vec::with_capacity(1 << 16);
        loop {
            let first = match self.unsynced_since {
                Some(since) => {
                    let wait = self.batch_interval.saturating_sub(since.elapsed());
                    match commands.recv_timeout(wait) {
                        Ok(command) => command,
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            let _ = self.sync();
                            continue;
                        }
                        Err(mpsc::RecvTimeoutError::Disconnected) => break,
                    }
                }
                None => match commands.recv() {
                    Ok(command) => command,
                    Err(_) => break,
                },
            };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match commands.try_recv() {
                    Ok(command) => batch.push(command),
                    Err(_) => break,
                }
            }
            if self.process(batch, &mut buffer) {
                return;
            }
        }
        // Every sender is gone without a Close: still leave the data durable.
        let _ = self.sync();
    }

    /// Handles one batch; returns true when the store was closed.
    fn process(&mut self, batch: Vec<Command>, buffer: &mut Vec<u8>) -> bool {
        buffer.clear();
        let mut write_acks = Vec::new();
        let mut flush_acks = Vec::new();
        let mut close_ack = None;
        let mut compact_hint = false;
        for command in batch {
            match command {
                Command::Write { line, ack } => {
                    buffer.extend_from_slice(line.as_bytes());
                    write_acks.push(ack);
                }
                Command::Flush { ack } => flush_acks.push(ack),
                Command::MaybeCompact => compact_hint = true,
                Command::Close { ack } => close_ack = Some(ack),
            }
        }

        let wants_fsync = !flush_acks.is_empty() || close_ack.is_some();
        let result = self.append(buffer, wants_fsync);
        for ack in write_acks.into_iter().chain(flush_acks) {
            let _ = ack.send(result.clone());
        }

        if let Some(ack) = close_ack {
            // Released before the acknowledgement, so a reopen right after close() succeeds.
            self.lock = None;
            let _ = ack.send(result);
            return true;
        }
        if result.is_ok()
            && (compact_hint || !buffer.is_empty())
            && self.should_compact()
            && let Err(error) = self.compact()
        {
            // Failures before the rename leave the old snapshot and log authoritative.
            tracing::error!(%error, dir = %self.dir.display(), "session store compaction failed");
        }
        false
    }

    /// Appends the batch and applies the fsync policy. After any I/O error the store refuses
    /// all further writes: retrying an fsync can report success for data that is gone.
    fn append(&mut self, bytes: &[u8], force_fsync: bool) -> Result<(), StoreError> {
        if let Some(reason) = self.shared.failure() {
            return Err(StoreError::Failed(reason));
        }
        let outcome = (|| -> io::Result<()> {
            if !bytes.is_empty() {
                self.log.write_all(bytes)?;
                self.log_bytes += bytes.len() as u64;
            }
            let must_sync = force_fsync
                || match self.mode {
                    FsyncMode::Always => !bytes.is_empty(),
                    FsyncMode::Batch => {
                        if !bytes.is_empty() && self.unsynced_since.is_none() {
                            self.unsynced_since = Some(Instant::now());
                        }
                        self.unsynced_since.is_some_and(|since| since.elapsed() >= self.batch_interval)
                    }
                    FsyncMode::Never => false,
                };
            if must_sync { self.sync() } else { Ok(()) }
        })();
        outcome.map_err(|error| {
            let reason = format!("{error} (in {})", self.dir.display());
            tracing::error!(%reason, "session store write failed; refusing further writes");
            self.shared.fail(reason.clone());
            StoreError::Failed(reason)
        })
    }

    fn sync(&mut self) -> io::Result<()> {
        self.unsynced_since = None;
        self.log.sync_data()?;
        self.shared.synced();
        Ok(())
    }

    fn should_compact(&self) -> bool {
        self.log_bytes > self.compact_min_bytes && self.log_bytes > 2 * self.shared.live_bytes()
    }

    /// Snapshot of the live entries under the next generation, then a fresh log. Records still
    /// queued go to the new log; replaying them over a snapshot that already has their effect is
    /// harmless because every record sets or deletes a key absolutely.
    ///
    /// Order matters: the new log exists before the snapshot naming it is renamed into place, so
    /// any failure up to the rename leaves the old generation authoritative, and from the rename
    /// on the writer is already on the new generation.
    fn compact(&mut self) -> io::Result<()> {
        let started = Instant::now();
        let next = self.generation + 1;
        let log = open_log(&self.dir, next)?;
        let snapshot_bytes = snapshot::write(&self.dir, &self.shared.map, next, self.shared.now_ms())?;
        let old = std::mem::replace(&mut self.generation, next);
        self.log = log;
        let old_log_bytes = std::mem::replace(&mut self.log_bytes, 0);
        self.unsynced_since = None;
        if let Err(error) = files::sync_dir(&self.dir) {
            let reason = format!("{error} (syncing {} after compaction)", self.dir.display());
            self.shared.fail(reason);
            return Err(error);
        }
        // A leftover old log is harmless: open deletes logs older than the snapshot.
        if let Err(error) = fs::remove_file(self.dir.join(files::log_name(old))) {
            tracing::warn!(%error, "could not remove the compacted log");
        }
        tracing::info!(
            generation = next,
            old_log_bytes,
            snapshot_bytes,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "session store compacted"
        );
        Ok(())
    }
}
