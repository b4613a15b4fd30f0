//! Damaged store files never stop the store from opening and never cost an intact record:
//! torn tails are dropped, damaged files are quarantined (`*.corrupt-*`), stray temp files removed.

use std::{collections::BTreeMap, fs, path::Path, time::Duration};

use secret_house_bot::store::{FsyncMode, RawValue, StoreOptions, TtlStore};

const DAY: Duration = Duration::from_secs(24 * 3600);

#[derive(Clone)]
enum Op {
    Set(String, String),
    Del(String),
}

fn options() -> StoreOptions {
    StoreOptions { fsync: FsyncMode::Never, ..StoreOptions::default() }
}

/// 30 operations over 6 keys, each producing exactly one log line.
fn operations() -> Vec<Op> {
    let mut ops = Vec::new();
    let mut live = std::collections::BTreeSet::new();
    for i in 0..30 {
        let key = format!("dialogue:{}", i % 6);
        if i % 7 == 6 && live.contains(&key) {
            live.remove(&key);
            ops.push(Op::Del(key));
        } else {
            live.insert(key.clone());
            ops.push(Op::Set(key, format!(r#"{{"step":{i},"name":"Гость \"{i}\""}}"#)));
        }
    }
    ops
}

fn model(ops: &[Op]) -> BTreeMap<String, String> {
    let mut state = BTreeMap::new();
    for op in ops {
        match op {
            Op::Set(key, value) => state.insert(key.clone(), value.clone()),
            Op::Del(key) => state.remove(key),
        };
    }
    state
}

async fn write_ops(dir: &Path, ops: &[Op]) {
    let store = TtlStore::open(dir, options()).unwrap();
    for op in ops {
        match op {
            Op::Set(key, value) => {
                store.set(key, RawValue::from_string(value.clone()).unwrap(), DAY).await.unwrap();
            }
            Op::Del(key) => assert!(store.remove(key).await.unwrap()),
        }
    }
    store.close().await.unwrap();
}

fn assert_state(store: &TtlStore, expected: &BTreeMap<String, String>, context: &str) {
    assert_eq!(store.len(), expected.len(), "{context}: entry count");
    for (key, value) in expected {
        let got = store.get(key).unwrap_or_else(|| panic!("{context}: {key} missing"));
        assert_eq!(got.get(), value, "{context}: {key}");
    }
}

fn corrupt_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".corrupt-"))
        .collect()
}

/// Byte offsets where each line of `bytes` ends (just after its newline).
fn line_ends(bytes: &[u8]) -> Vec<usize> {
    bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).collect()
}

#[tokio::test]
async fn a_log_cut_at_every_byte_of_its_last_records_loads_every_complete_record() {
    let source = tempfile::tempdir().unwrap();
    let ops = operations();
    write_ops(source.path(), &ops).await;
    let log = fs::read(source.path().join("log-0.jsonl")).unwrap();
    let ends = line_ends(&log);
    assert_eq!(ends.len(), ops.len(), "one line per operation");

    let from = ends[ends.len() - 4]; // every offset inside the last three records, and their ends
    for cut in from..=log.len() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("log-0.jsonl"), &log[..cut]).unwrap();
        let complete = ends.iter().filter(|end| **end <= cut).count();
        let context = format!("cut at byte {cut}");
        {
            let store = TtlStore::open(dir.path(), options()).unwrap();
            assert_state(&store, &model(&ops[..complete]), &context);
            assert!(store.open_report().quarantined.is_empty(), "{context}: a torn tail is not corruption");
            let torn = (cut - ends.get(complete.wrapping_sub(1)).copied().unwrap_or(0)) as u64;
            assert_eq!(store.open_report().torn_tail_bytes, torn, "{context}");
            // The store keeps working after the repair: a new write lands on a clean line.
            store.set("after", RawValue::from_string("1".into()).unwrap(), DAY).await.unwrap();
            store.close().await.unwrap();
        }
        let store = TtlStore::open(dir.path(), options()).unwrap();
        let mut expected = model(&ops[..complete]);
        expected.insert("after".into(), "1".into());
        assert_state(&store, &expected, &format!("{context}, reopened"));
        assert_eq!(store.open_report().damaged_lines, 0, "{context}");
    }
}

#[tokio::test]
async fn a_flipped_byte_mid_log_quarantines_the_file_and_keeps_every_other_record() {
    let ops = operations();
    let source = tempfile::tempdir().unwrap();
    write_ops(source.path(), &ops).await;
    let log = fs::read(source.path().join("log-0.jsonl")).unwrap();
    let ends = line_ends(&log);
    // Only `Set` lines, so that dropping the damaged line changes one key's value predictably.
    for damaged in [3usize, 14, 20] {
        let Op::Set(..) = &ops[damaged] else { continue };
        for offset_in_line in [0usize, 5, 12, 40] {
            let dir = tempfile::tempdir().unwrap();
            let mut bytes = log.clone();
            let start = if damaged == 0 { 0 } else { ends[damaged - 1] };
            bytes[start + offset_in_line] ^= 0x01;
            fs::write(dir.path().join("log-0.jsonl"), &bytes).unwrap();

            let mut surviving = ops.clone();
            surviving.remove(damaged);
            let expected = model(&surviving);
            let context = format!("line {damaged}, byte {offset_in_line}");
            {
                let store = TtlStore::open(dir.path(), options()).unwrap();
                assert_state(&store, &expected, &context);
                assert_eq!(store.open_report().damaged_lines, 1, "{context}");
                assert_eq!(corrupt_files(dir.path()).len(), 1, "{context}: quarantined");
                store.close().await.unwrap();
            }
            // The intact records were rewritten into a clean snapshot right away.
            let store = TtlStore::open(dir.path(), options()).unwrap();
            assert_state(&store, &expected, &format!("{context}, reopened"));
            assert!(store.open_report().quarantined.is_empty(), "{context}: clean after repair");
        }
    }
}

#[tokio::test]
async fn garbage_in_the_log_is_quarantined_and_the_store_opens_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    garbage.push(b'\n');
    fs::write(dir.path().join("log-0.jsonl"), &garbage).unwrap();
    let store = TtlStore::open(dir.path(), options()).unwrap();
    assert!(store.is_empty());
    assert_eq!(corrupt_files(dir.path()).len(), 1);
    store.set("k", RawValue::from_string("2".into()).unwrap(), DAY).await.unwrap();
    store.close().await.unwrap();
    let store = TtlStore::open(dir.path(), options()).unwrap();
    assert_eq!(store.get("k").unwrap().get(), "2");
}

async fn compacted_store(dir: &Path, ops: &[Op]) {
    write_ops(dir, ops).await;
    // Force a snapshot: tiny compaction threshold, then one more write.
    let store = TtlStore::open(dir, StoreOptions { compact_min_bytes: 0, ..options() }).unwrap();
    let Op::Set(key, value) = ops.iter().rev().find(|op| matches!(op, Op::Set(..))).unwrap() else {
        unreachable!()
    };
    store.set(key, RawValue::from_string(value.clone()).unwrap(), DAY).await.unwrap();
    store.close().await.unwrap();
    assert!(dir.join("snapshot.json").exists(), "compaction wrote a snapshot");
}

#[tokio::test]
async fn a_damaged_snapshot_is_quarantined_and_its_intact_entries_loaded() {
    let ops = operations();
    let expected = model(&ops);
    let source = tempfile::tempdir().unwrap();
    compacted_store(source.path(), &ops).await;
    let snapshot = fs::read(source.path().join("snapshot.json")).unwrap();
    let ends = line_ends(&snapshot);

    // Missing end record (truncated after the last entry): every entry still loads.
    let dir = tempfile::tempdir().unwrap();
    for name in fs::read_dir(source.path()).unwrap().map(|e| e.unwrap().file_name()) {
        if name != "LOCK" {
            fs::copy(source.path().join(&name), dir.path().join(&name)).unwrap();
        }
    }
    fs::write(dir.path().join("snapshot.json"), &snapshot[..ends[ends.len() - 2]]).unwrap();
    let store = TtlStore::open(dir.path(), options()).unwrap();
    assert_state(&store, &expected, "snapshot without its end record");
    assert_eq!(corrupt_files(dir.path()).len(), 1);
    drop(store);

    // A flipped byte in one entry: that entry is lost, all others load.
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = snapshot.clone();
    bytes[ends[1] + 20] ^= 0x04; // inside the second entry line
    fs::write(dir.path().join("snapshot.json"), &bytes).unwrap();
    let store = TtlStore::open(dir.path(), options()).unwrap();
    assert_eq!(store.len(), expected.len() - 1);
    assert_eq!(store.open_report().damaged_lines, 1);
    assert_eq!(corrupt_files(dir.path()).len(), 1);
}

#[tokio::test]
async fn an_empty_or_garbage_snapshot_is_quarantined_and_the_log_still_replays() {
    for content in [&b""[..], b"not a snapshot at all\n\x00\x01\x02"] {
        let dir = tempfile::tempdir().unwrap();
        write_ops(dir.path(), &operations()).await;
        fs::write(dir.path().join("snapshot.json"), content).unwrap();
        let store = TtlStore::open(dir.path(), options()).unwrap();
        assert_state(&store, &model(&operations()), "log replayed despite the bad snapshot");
        assert_eq!(corrupt_files(dir.path()).len(), 1);
    }
}

#[tokio::test]
async fn an_empty_log_is_simply_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("log-0.jsonl"), b"").unwrap();
    let store = TtlStore::open(dir.path(), options()).unwrap();
    assert!(store.is_empty());
    assert!(corrupt_files(dir.path()).is_empty());
}

#[tokio::test]
async fn stray_temp_files_from_an_interrupted_compaction_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    write_ops(dir.path(), &operations()).await;
    fs::write(dir.path().join("snapshot.json.tmp"), b"half a snapshot").unwrap();
    let store = TtlStore::open(dir.path(), options()).unwrap();
    assert_eq!(store.open_report().stray_files_removed, 1);
    assert!(!dir.path().join("snapshot.json.tmp").exists());
    assert_state(&store, &model(&operations()), "stray temp file ignored");
}

#[tokio::test]
async fn a_log_left_over_from_before_the_snapshot_is_not_replayed_over_it() {
    // Crash window of compaction: the new snapshot is in place, the old log not yet deleted.
    let ops = operations();
    let dir = tempfile::tempdir().unwrap();
    write_ops(dir.path(), &ops).await;
    let old_log = fs::read(dir.path().join("log-0.jsonl")).unwrap();
    compacted_store(dir.path(), &ops).await;
    let store = TtlStore::open(dir.path(), options()).unwrap();
    store.remove("dialogue:0").await.unwrap();
    store.close().await.unwrap();
    fs::write(dir.path().join("log-0.jsonl"), old_log).unwrap();

    let store = TtlStore::open(dir.path(), options()).unwrap();
    assert!(store.get("dialogue:0").is_none(), "the stale log did not resurrect a removed key");
    assert!(!dir.path().join("log-0.jsonl").exists(), "the superseded log was removed");
}
