//! The snapshot file: a header naming the log generation that continues it, one `set` record per
//! live entry, and an `end` record with the count. Written temp → fsync → rename → fsync(dir), so
//! a reader sees either the old snapshot or the new one, never a mix.

use std::{
    fs::{self, File},
    io::{self, BufWriter, Write},
    path::Path,
};

use dashmap::DashMap;

use super::{
    Entry, files,
    record::{self, Record},
};

/// Writes a snapshot of the entries alive at `now_ms` and renames it into place; returns its
/// size in bytes. An error means the old snapshot is untouched. The caller fsyncs the directory
/// to make the rename durable.
pub fn write(dir: &Path, map: &DashMap<String, Entry>, log_generation: u64, now_ms: i64) -> io::Result<u64> {
    let tmp = dir.join(files::SNAPSHOT_TMP);
    let file = File::create(&tmp)?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut bytes = 0u64;
    let mut count = 0u64;
    let header = record::encode_snapshot_header(log_generation);
    out.write_all(header.as_bytes())?;
    bytes += header.len() as u64;
    for item in map.iter() {
        if item.expires_at <= now_ms {
            continue;
        }
        let line = record::encode_set(item.key(), item.expires_at, &item.value);
        out.write_all(line.as_bytes())?;
        bytes += line.len() as u64;
        count += 1;
    }
    let end = record::encode_snapshot_end(count);
    out.write_all(end.as_bytes())?;
    bytes += end.len() as u64;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, dir.join(files::SNAPSHOT))?;
    Ok(bytes)
}

/// What reading a snapshot found.
#[derive(Debug, Default)]
pub struct SnapshotRead {
    /// The log generation named by an intact header.
    pub log_generation: Option<u64>,
    pub entries: u64,
    /// Lines that failed their checksum or were not records.
    pub bad_lines: u64,
    /// Header, end record and count all present and consistent.
    pub intact: bool,
}

/// Loads every readable entry of `bytes` into `map` (expired ones are skipped and counted by the
/// caller through `on_set`). Damage is reported, never fatal.
pub fn read(bytes: &[u8], mut on_set: impl FnMut(&str, i64, &serde_json::value::RawValue)) -> SnapshotRead {
    let mut read = SnapshotRead::default();
    let mut end_count = None;
    let mut lines = bytes.split_inclusive(|b| *b == b'\n').peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        let is_last = lines.peek().is_none();
        let Some(body) = line.strip_suffix(b"\n") else {
            // A snapshot is renamed into place only when complete: a line without its newline
            // means the file itself was damaged.
            read.bad_lines += 1;
            break;
        };
        match record::decode(body) {
            Ok(Record::Snapshot { format, log_generation }) if first && format == record::SNAPSHOT_FORMAT => {
                read.log_generation = Some(log_generation);
            }
            Ok(Record::Set { key, exp, val }) if !first => {
                on_set(&key, exp, val);
                read.entries += 1;
            }
            Ok(Record::End { count }) if is_last => end_count = Some(count),
            _ => read.bad_lines += 1,
        }
        first = false;
    }
    read.intact = read.log_generation.is_some() && read.bad_lines == 0 && end_count == Some(read.entries);
    read
}
