//! `TtlStore` and `SessionStorage` against real files in temp dirs: teloxide's storage contract
//! for every fsync mode, TTL behaviour, reopen, compaction, scale and the directory lock.

use std::{
    sync::{
        Arc,
        atomic::{AtomicI64, Ordering},
    },
    time::Duration,
};

use secret_house_bot::{
    session::{SessionError, SessionStorage},
    store::{Clock, FsyncMode, RawValue, StoreError, StoreOptions, TtlStore, Value},
};
use teloxide::{dispatching::dialogue::Storage, types::ChatId};

const MODES: [FsyncMode; 3] = [FsyncMode::Always, FsyncMode::Batch, FsyncMode::Never];
const DAY: Duration = Duration::from_secs(24 * 3600);

fn value(json: &str) -> Value {
    RawValue::from_string(json.to_owned()).expect("valid JSON")
}

fn options(fsync: FsyncMode) -> StoreOptions {
    StoreOptions { fsync, ..StoreOptions::default() }
}

/// A store whose clock only moves when the test says so.
fn manual_clock() -> (Arc<AtomicI64>, StoreOptions) {
    let now = Arc::new(AtomicI64::new(1_800_000_000_000));
    (now.clone(), StoreOptions { clock: Clock::manual(now), ..StoreOptions::default() })
}

/// teloxide's own contract test (tests/sqlite.rs), for our storage.
async fn storage_contract(storage: Arc<SessionStorage>) {
    let get = |chat| Storage::<String>::get_dialogue(storage.clone(), ChatId(chat));
    assert_eq!(get(1).await.unwrap(), None);
    assert_eq!(get(11).await.unwrap(), None);

    for (chat, text) in [(1, "ABC"), (11, "DEF"), (256, "GHI")] {
        storage.clone().update_dialogue(ChatId(chat), text.to_owned()).await.unwrap();
    }
    assert_eq!(get(1).await.unwrap().as_deref(), Some("ABC"));
    assert_eq!(get(11).await.unwrap().as_deref(), Some("DEF"));
    assert_eq!(get(256).await.unwrap().as_deref(), Some("GHI"));

    storage.clone().update_dialogue(ChatId(1), "XYZ".to_owned()).await.unwrap();
    assert_eq!(get(1).await.unwrap().as_deref(), Some("XYZ"));

    for chat in [1, 11, 256] {
        Storage::<String>::remove_dialogue(storage.clone(), ChatId(chat)).await.unwrap();
        assert_eq!(get(chat).await.unwrap(), None);
    }
    let missing = Storage::<String>::remove_dialogue(storage.clone(), ChatId(1)).await;
    assert!(matches!(missing, Err(SessionError::DialogueNotFound)), "{missing:?}");
}

#[tokio::test]
async fn teloxide_storage_contract_holds_in_every_fsync_mode() {
    for mode in MODES {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(TtlStore::open(dir.path(), options(mode)).unwrap());
        storage_contract(SessionStorage::new(store.clone(), DAY)).await;
        store.close().await.unwrap();
    }
}

#[tokio::test]
async fn dialogue_values_survive_reopen_in_every_fsync_mode() {
    for mode in MODES {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Arc::new(TtlStore::open(dir.path(), options(mode)).unwrap());
            let storage = SessionStorage::new(store.clone(), DAY);
            storage.clone().update_dialogue(ChatId(-100), vec![1u8, 2, 3]).await.unwrap();
            storage.clone().update_dialogue(ChatId(7), vec![9u8]).await.unwrap();
            Storage::<Vec<u8>>::remove_dialogue(storage, ChatId(7)).await.unwrap();
            store.close().await.unwrap();
        }
        let storage = SessionStorage::new(Arc::new(TtlStore::open(dir.path(), options(mode)).unwrap()), DAY);
        let get = |chat| Storage::<Vec<u8>>::get_dialogue(storage.clone(), ChatId(chat));
        assert_eq!(get(-100).await.unwrap(), Some(vec![1, 2, 3]), "{mode:?}");
        assert_eq!(get(7).await.unwrap(), None, "{mode:?}");
    }
}

#[tokio::test]
async fn an_unreadable_state_resets_the_chat_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(TtlStore::open(dir.path(), StoreOptions::default()).unwrap());
    // An older version stored a shape the current state type cannot read.
    store.set("dialogue:5", value(r#"{"OldVariant":{"x":1}}"#), DAY).await.unwrap();
    let storage = SessionStorage::new(store.clone(), DAY);
    let got = Storage::<u32>::get_dialogue(storage.clone(), ChatId(5)).await.unwrap();
    assert_eq!(got, None);
    assert!(storage.take_reset(ChatId(5)));
    assert!(!storage.take_reset(ChatId(5)), "reported once");
    assert!(store.get("dialogue:5").is_none(), "the unreadable value is gone");
}

#[tokio::test]
async fn expired_entries_read_as_absent() {
    let dir = tempfile::tempdir().unwrap();
    let (now, options) = manual_clock();
    let store = TtlStore::open(dir.path(), options).unwrap();
    store.set("a", value("1"), Duration::from_secs(60)).await.unwrap();
    now.fetch_add(59_999, Ordering::SeqCst);
    assert_eq!(store.get("a").unwrap().get(), "1");
    now.fetch_add(1, Ordering::SeqCst);
    assert!(store.get("a").is_none());
    assert_eq!(store.len(), 0, "lazy expiry drops it from memory");
    assert!(!store.remove("a").await.unwrap(), "an expired entry is not removable");
}

#[tokio::test]
async fn writing_again_slides_the_expiry() {
    let dir = tempfile::tempdir().unwrap();
    let (now, options) = manual_clock();
    let store = TtlStore::open(dir.path(), options).unwrap();
    store.set("a", value("1"), Duration::from_secs(60)).await.unwrap();
    now.fetch_add(50_000, Ordering::SeqCst);
    store.set("a", value("2"), Duration::from_secs(60)).await.unwrap();
    now.fetch_add(50_000, Ordering::SeqCst);
    assert_eq!(store.get("a").unwrap().get(), "2", "100 s after the first write, 50 s after the second");
    now.fetch_add(10_000, Ordering::SeqCst);
    assert!(store.get("a").is_none());
}

#[tokio::test]
async fn sweep_drops_only_expired_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (now, options) = manual_clock();
    let store = TtlStore::open(dir.path(), options).unwrap();
    for i in 0..10 {
        let ttl = if i % 2 == 0 { Duration::from_secs(10) } else { DAY };
        store.set(&format!("k{i}"), value(&i.to_string()), ttl).await.unwrap();
    }
    assert_eq!(store.sweep_expired(), 0);
    now.fetch_add(10_000, Ordering::SeqCst);
    assert_eq!(store.sweep_expired(), 5);
    assert_eq!(store.len(), 5);
    assert!((0..10).filter(|i| i % 2 == 1).all(|i| store.get(&format!("k{i}")).is_some()));
}

#[tokio::test]
async fn expiry_is_stored_absolute_and_reopen_drops_what_expired_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (now, options) = manual_clock();
    {
        let store = TtlStore::open(dir.path(), options.clone()).unwrap();
        store.set("short", value("1"), Duration::from_secs(60)).await.unwrap();
        store.set("long", value("2"), DAY).await.unwrap();
        store.close().await.unwrap();
    }
    let log = std::fs::read_to_string(dir.path().join("log-0.jsonl")).unwrap();
    let expected = format!("\"exp\":{}", 1_800_000_000_000i64 + 60_000);
    assert!(log.contains(&expected), "absolute expiry on disk: {log}");

    now.fetch_add(120_000, Ordering::SeqCst); // two minutes of downtime
    let store = TtlStore::open(dir.path(), options).unwrap();
    assert_eq!(store.open_report().expired_dropped, 1);
    assert!(store.get("short").is_none());
    assert_eq!(store.get("long").unwrap().get(), "2");
}

#[tokio::test]
async fn compaction_keeps_everything_and_bounds_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let options = StoreOptions { compact_min_bytes: 64 << 10, ..options(FsyncMode::Never) };
    let pad = "x".repeat(200);
    {
        let store = TtlStore::open(dir.path(), options.clone()).unwrap();
        // 100 keys rewritten 50 times: the log would be ~1.2 MB without compaction.
        for round in 0..50 {
            for key in 0..100 {
                store.set(&format!("k{key}"), value(&format!(r#"["{pad}",{round}]"#)), DAY).await.unwrap();
            }
        }
        store.remove("k0").await.unwrap();
        store.close().await.unwrap();
    }
    let total: u64 =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(total < 300 << 10, "log compacted, directory holds {total} bytes");
    assert!(dir.path().join("snapshot.json").exists());

    let store = TtlStore::open(dir.path(), options).unwrap();
    assert!(store.open_report().quarantined.is_empty());
    assert_eq!(store.len(), 99);
    assert!(store.get("k0").is_none());
    for key in 1..100 {
        assert_eq!(store.get(&format!("k{key}")).unwrap().get(), format!(r#"["{pad}",49]"#));
    }
}

#[tokio::test]
async fn a_hundred_thousand_entries_reopen_intact() {
    let dir = tempfile::tempdir().unwrap();
    let entry = |i: usize| format!(r#"{{"Booking":{{"step":"Guests","chat":{i},"tariff":"day"}}}}"#);
    {
        let store = Arc::new(TtlStore::open(dir.path(), options(FsyncMode::Always)).unwrap());
        // Written from 100 concurrent tasks, so group commit keeps this fast with fsync on.
        let tasks: Vec<_> = (0..100)
            .map(|t| {
                let store = store.clone();
                tokio::spawn(async move {
                    for i in (t..100_000).step_by(100) {
                        store.set(&format!("dialogue:{i}"), value(&entry(i)), DAY).await.unwrap();
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        store.close().await.unwrap();
    }
    let store = TtlStore::open(dir.path(), options(FsyncMode::Always)).unwrap();
    assert_eq!(store.len(), 100_000);
    for i in (0..100_000).step_by(997) {
        assert_eq!(store.get(&format!("dialogue:{i}")).unwrap().get(), entry(i));
    }
}

#[tokio::test]
async fn a_second_open_of_the_same_directory_is_refused_with_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let first = TtlStore::open(dir.path(), StoreOptions::default()).unwrap();
    let second = TtlStore::open(dir.path(), StoreOptions::default());
    match second {
        Err(StoreError::Locked { holder, .. }) => assert_eq!(holder, std::process::id().to_string()),
        other => panic!("expected Locked, got {other:?}"),
    }
    let message = TtlStore::open(dir.path(), StoreOptions::default()).unwrap_err().to_string();
    assert!(message.contains("already open") && message.contains(&std::process::id().to_string()));
    first.close().await.unwrap();
    TtlStore::open(dir.path(), StoreOptions::default()).expect("reopens once closed");
}

#[tokio::test]
async fn dropping_without_close_flushes_and_unlocks() {
    let dir = tempfile::tempdir().unwrap();
    let store = TtlStore::open(dir.path(), options(FsyncMode::Never)).unwrap();
    store.set("k", value(r#""v""#), DAY).await.unwrap();
    drop(store);
    let store = TtlStore::open(dir.path(), options(FsyncMode::Never)).unwrap();
    assert_eq!(store.get("k").unwrap().get(), r#""v""#);
}

#[tokio::test]
async fn writes_after_close_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let store = TtlStore::open(dir.path(), StoreOptions::default()).unwrap();
    store.close().await.unwrap();
    let error = store.set("k", value("1"), DAY).await.unwrap_err();
    assert!(matches!(error, StoreError::Closed), "{error:?}");
}

#[tokio::test]
async fn the_background_sweeper_drops_expired_dialogues_until_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (now, options) = manual_clock();
    let store = Arc::new(TtlStore::open(dir.path(), options).unwrap());
    let sessions = SessionStorage::new(store.clone(), Duration::from_secs(60));
    sessions.clone().update_dialogue(ChatId(1), "draft".to_owned()).await.unwrap();
    let stop = tokio_util::sync::CancellationToken::new();
    let sweeper = sessions.spawn_sweeper(Duration::from_millis(20), stop.clone());

    now.fetch_add(61_000, Ordering::SeqCst);
    let mut swept = false;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        if store.is_empty() {
            swept = true;
            break;
        }
    }
    assert!(swept, "the expired dialogue was swept from memory without being read");
    stop.cancel();
    tokio::time::timeout(Duration::from_secs(1), sweeper).await.expect("stops when told").unwrap();
}

/// The fsync mode is honoured, not only accepted: counted fsyncs of the log per mode.
#[tokio::test]
async fn each_fsync_mode_syncs_as_it_promises() {
    const WRITES: u64 = 20;
    for mode in MODES {
        let dir = tempfile::tempdir().unwrap();
        // A long batch interval: in `batch` mode no write waits for an fsync within the test.
        let options = StoreOptions { batch_interval: Duration::from_secs(3600), ..options(mode) };
        let store = TtlStore::open(dir.path(), options).unwrap();
        let before = store.sync_count();
        for i in 0..WRITES {
            store.set(&format!("chat:{i}"), value("1"), DAY).await.unwrap();
        }
        let syncs = store.sync_count() - before;
        match mode {
            // One at a time, each acknowledged only after its own fsync.
            FsyncMode::Always => assert!(syncs >= WRITES, "{mode:?}: {syncs} fsyncs for {WRITES} writes"),
            FsyncMode::Batch | FsyncMode::Never => assert_eq!(syncs, 0, "{mode:?}"),
        }
        store.close().await.unwrap();
    }
}
