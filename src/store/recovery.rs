//! Opening a store: snapshot + log replay, with damage handled so the bot always starts and never
//! silently loses a good record.
//!
//! - missing files → empty store;
//! - a torn last log line (no newline: the process died mid-append) → dropped with a warning,
//!   the log truncated back to its last complete record;
//! - a damaged line anywhere else, an unreadable or incomplete snapshot, garbage, an empty
//!   snapshot → that file is quarantined (`*.corrupt-<time>`), every intact record is still
//!   loaded, and a fresh snapshot of what was loaded is written at once;
//! - stray `*.tmp` files from an interrupted compaction → removed.

use std::{
    fs::{self, OpenOptions},
    io,
    path::{Path, PathBuf},
};

use dashmap::DashMap;
use serde_json::value::RawValue;

use super::{
    Entry, StoreError, files,
    record::{self, Record},
    snapshot,
};

/// What open found, for the log line and for tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OpenReport {
    pub snapshot_entries: u64,
    pub log_records: u64,
    pub damaged_lines: u64,
    pub torn_tail_bytes: u64,
    pub expired_dropped: u64,
    pub stray_files_removed: u64,
    pub quarantined: Vec<PathBuf>,
    pub live_entries: u64,
}

/// The loaded state and the log to continue.
pub struct Recovered {
    pub map: DashMap<String, Entry>,
    pub live_bytes: u64,
    pub log_generation: u64,
    pub log_bytes: u64,
    pub report: OpenReport,
}

pub fn recover(dir: &Path, now_ms: i64) -> Result<Recovered, StoreError> {
    let io_err = |context| move |source| StoreError::io(context, source);
    let mut report = OpenReport {
        stray_files_removed: files::remove_stray_temp_files(dir).map_err(io_err("clean up temp files"))?
            as u64,
        ..OpenReport::default()
    };
    let map = DashMap::new();
    let mut apply_set = |key: &str, exp: i64, val: &RawValue| {
        let size = record::encode_set(key, exp, val).len() as u32;
        map.insert(key.to_owned(), Entry { value: val.to_owned(), expires_at: exp, size });
    };

    // 1. The snapshot.
    let snapshot_path = dir.join(files::SNAPSHOT);
    let mut needs_fresh_snapshot = false;
    let base_generation = match fs::read(&snapshot_path) {
        Ok(bytes) => {
            let read = snapshot::read(&bytes, &mut apply_set);
            report.snapshot_entries = read.entries;
            report.damaged_lines += read.bad_lines;
            if !read.intact {
                report.quarantined.push(files::quarantine(&snapshot_path).map_err(io_err("quarantine"))?);
                needs_fresh_snapshot = true;
            }
            // `None` (header unreadable): every log present is replayed.
            read.log_generation
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => Some(0),
        Err(error) => return Err(StoreError::io("read the snapshot", error)),
    };

    // 2. The logs that continue it, oldest first. Logs older than an intact snapshot were
    //    already compacted into it (a crash between the snapshot's rename and the log's removal).
    let generations = files::log_generations(dir).map_err(io_err("list the log files"))?;
    let mut replayed = Vec::new();
    for generation in generations {
        let path = dir.join(files::log_name(generation));
        if base_generation.is_some_and(|base| generation < base) {
            fs::remove_file(&path).map_err(io_err("remove a compacted log"))?;
            continue;
        }
        let bytes = fs::read(&path).map_err(io_err("read a log file"))?;
        let outcome = replay(&bytes, &map, &mut apply_set);
        report.log_records += outcome.records;
        report.damaged_lines += outcome.damaged;
        report.torn_tail_bytes += bytes.len() as u64 - outcome.good_len;
        if outcome.damaged > 0 {
            report.quarantined.push(files::quarantine(&path).map_err(io_err("quarantine"))?);
            needs_fresh_snapshot = true;
        } else {
            if outcome.good_len < bytes.len() as u64 {
                let file = OpenOptions::new().write(true).open(&path).map_err(io_err("open a log"))?;
                file.set_len(outcome.good_len).map_err(io_err("truncate a torn log"))?;
                file.sync_all().map_err(io_err("sync a truncated log"))?;
            }
            replayed.push((generation, outcome.good_len));
        }
    }
    if replayed.len() > 1 {
        needs_fresh_snapshot = true;
    }

    // 3. Expired entries are dropped here, not carried forward.
    map.retain(|_, entry| {
        let alive = entry.expires_at > now_ms;
        report.expired_dropped += u64::from(!alive);
        alive
    });
    report.live_entries = map.len() as u64;
    let live_bytes = map.iter().map(|e| u64::from(e.size)).sum();

    // 4. Continue the last log, or start a new generation after a fresh snapshot.
    let last_generation =
        replayed.last().map(|(g, _)| *g).into_iter().chain(base_generation).max().unwrap_or(0);
    let (log_generation, log_bytes) = if needs_fresh_snapshot {
        let next = last_generation + 1;
        snapshot::write(dir, &map, next, now_ms).map_err(io_err("write a fresh snapshot"))?;
        files::sync_dir(dir).map_err(io_err("sync the store directory"))?;
        for (generation, _) in &replayed {
            fs::remove_file(dir.join(files::log_name(*generation))).map_err(io_err("remove a log"))?;
        }
        (next, 0)
    } else {
        (last_generation, replayed.last().map_or(0, |(_, len)| *len))
    };
    Ok(Recovered { map, live_bytes, log_generation, log_bytes, report })
}

struct Replay {
    records: u64,
    damaged: u64,
    /// Bytes up to the end of the last complete line (good or damaged): what stays in the file.
    good_len: u64,
}

fn replay(
    bytes: &[u8],
    map: &DashMap<String, Entry>,
    apply_set: &mut impl FnMut(&str, i64, &RawValue),
) -> Replay {
    let mut outcome = Replay { records: 0, damaged: 0, good_len: 0 };
    let mut offset = 0usize;
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        let Some(body) = line.strip_suffix(b"\n") else {
            break; // torn tail: the process died in the middle of this append
        };
        offset += line.len();
        outcome.good_len = offset as u64;
        match record::decode(body) {
            Ok(Record::Set { key, exp, val }) => apply_set(&key, exp, val),
            Ok(Record::Del { key }) => {
                map.remove(key.as_ref());
            }
            Ok(Record::Snapshot { .. } | Record::End { .. }) | Err(_) => {
                outcome.damaged += 1;
                continue;
            }
        }
        outcome.records += 1;
    }
    outcome
}
