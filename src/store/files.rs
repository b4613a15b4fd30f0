//! The store's directory: names of its files, the lock, directory fsync and quarantine.
//!
//! ```text
//! <dir>/LOCK                     held (flock) by the one process that has the store open; holds its pid
//! <dir>/snapshot.json            compacted state + the log generation that continues it
//! <dir>/log-<generation>.jsonl   records appended since that snapshot
//! <dir>/*.corrupt-<timestamp>    damaged files set aside at open (never deleted by the bot)
//! ```

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Read, Seek, Write},
    path::{Path, PathBuf},
};

use super::StoreError;

pub const SNAPSHOT: &str = "snapshot.json";
pub const SNAPSHOT_TMP: &str = "snapshot.json.tmp";
const LOCK: &str = "LOCK";

pub fn log_name(generation: u64) -> String {
    format!("log-{generation}.jsonl")
}

/// The generations of the log files present, ascending.
pub fn log_generations(dir: &Path) -> io::Result<Vec<u64>> {
    let mut generations: Vec<u64> = fs::read_dir(dir)?
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_prefix("log-")?.strip_suffix(".jsonl")?.parse().ok()
        })
        .collect();
    generations.sort_unstable();
    Ok(generations)
}

/// Makes a rename or a new file in `dir` durable (a rename is atomic but not durable until
/// the directory itself is fsynced).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Renames a damaged file to `<name>.corrupt-<UTC timestamp>` so an operator can look at it;
/// the bot never reads or deletes it again.
pub fn quarantine(path: &Path) -> io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let mut target = path.as_os_str().to_owned();
    target.push(format!(".corrupt-{stamp}"));
    let target = PathBuf::from(target);
    fs::rename(path, &target)?;
    Ok(target)
}

/// Removes leftovers of an interrupted snapshot write.
pub fn remove_stray_temp_files(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().ends_with(".tmp") {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// An exclusive, advisory lock on `<dir>/LOCK`, released when dropped or when the process dies
/// (even by `kill -9`), so a crash never leaves a stale lock behind.
#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

impl DirLock {
    pub fn acquire(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join(LOCK);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| StoreError::io("open the lock file", source))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(StoreError::Locked { dir: dir.to_owned(), holder: holder.trim().to_owned() });
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(StoreError::io("lock the store directory", source));
            }
        }
        let write_pid = |file: &mut File| -> io::Result<()> {
            file.set_len(0)?;
            file.rewind()?;
            writeln!(file, "{}", std::process::id())?;
            file.sync_data()
        };
        write_pid(&mut file).map_err(|source| StoreError::io("write the lock file", source))?;
        Ok(Self { _file: file })
    }
}
