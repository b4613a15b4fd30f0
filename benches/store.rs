//! Session store benchmark (not a test): `cargo bench --bench store --features bench-baselines`.
//!
//! Compares our `SessionStorage` (each fsync mode) with teloxide's `InMemStorage` and
//! `SqliteStorage` (and `RedisStorage` when `REDIS_URL` is set), all through teloxide's `Storage`
//! trait, with a ~300-byte JSON dialogue state. Prints Markdown tables (docs/PERFORMANCE.md).
//! `BENCH_SECONDS` (default 2) sets the length of each timed run.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use secret_house_bot::{
    session::SessionStorage,
    store::{FsyncMode, StoreOptions, TtlStore},
};
use serde::{Deserialize, Serialize};
use teloxide::{
    dispatching::dialogue::{InMemStorage, RedisStorage, SqliteStorage, Storage, serializer::Json},
    types::ChatId,
};

/// Shaped like a booking draft; serialises to ~300 bytes of JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Draft {
    step: String,
    tariff: String,
    guests: u8,
    sauna: bool,
    secret_room: bool,
    second_bedroom: bool,
    starts_at: String,
    ends_at: String,
    comment: String,
    promo: Option<String>,
    contact: String,
    counter: u64,
}

fn draft(counter: u64) -> Draft {
    Draft {
        step: "FinishTime".into(),
        tariff: "incognito-day".into(),
        guests: 4,
        sauna: true,
        secret_room: false,
        second_bedroom: true,
        starts_at: "2026-12-24T14:00:00+03:00".into(),
        ends_at: "2026-12-25T12:00:00+03:00".into(),
        comment: "Будем отмечать день рождения, нужен торт и свечи к приезду, спасибо!".into(),
        promo: Some("WINTER10".into()),
        contact: "+375291234567".into(),
        counter,
    }
}

type Erased = Arc<dyn ErasedLike>;

/// A small object-safe facade so every backend runs through the same loops.
trait ErasedLike: Send + Sync {
    fn get(&self, chat: i64) -> futures::future::BoxFuture<'static, Option<Draft>>;
    fn put(&self, chat: i64, d: Draft) -> futures::future::BoxFuture<'static, ()>;
    fn del(&self, chat: i64) -> futures::future::BoxFuture<'static, ()>;
}

struct Backend<S>(Arc<S>);

impl<S> ErasedLike for Backend<S>
where
    S: Storage<Draft> + Send + Sync + 'static,
    S::Error: std::fmt::Debug + Send,
{
    fn get(&self, chat: i64) -> futures::future::BoxFuture<'static, Option<Draft>> {
        let s = self.0.clone();
        Box::pin(async move { s.get_dialogue(ChatId(chat)).await.expect("get") })
    }
    fn put(&self, chat: i64, d: Draft) -> futures::future::BoxFuture<'static, ()> {
        let s = self.0.clone();
        Box::pin(async move { s.update_dialogue(ChatId(chat), d).await.expect("update") })
    }
    fn del(&self, chat: i64) -> futures::future::BoxFuture<'static, ()> {
        let s = self.0.clone();
        Box::pin(async move { s.remove_dialogue(ChatId(chat)).await.expect("remove") })
    }
}

struct Subject {
    name: String,
    storage: Erased,
    _dir: Option<tempfile::TempDir>,
}

fn ours(mode: FsyncMode, dir: &std::path::Path) -> Arc<SessionStorage> {
    let options = StoreOptions { fsync: mode, ..StoreOptions::default() };
    SessionStorage::new(Arc::new(TtlStore::open(dir, options).unwrap()), Duration::from_secs(5 * 86_400))
}

async fn subjects() -> Vec<Subject> {
    let mut list = Vec::new();
    for (mode, name) in [
        (FsyncMode::Always, "ours always"),
        (FsyncMode::Batch, "ours batch"),
        (FsyncMode::Never, "ours never"),
    ] {
        let dir = tempfile::tempdir_in(".").unwrap();
        list.push(Subject {
            name: name.into(),
            storage: Arc::new(Backend(ours(mode, dir.path()))),
            _dir: Some(dir),
        });
    }
    list.push(Subject {
        name: "InMemStorage".into(),
        storage: Arc::new(Backend(InMemStorage::<Draft>::new())),
        _dir: None,
    });
    let dir = tempfile::tempdir_in(".").unwrap();
    let path = dir.path().join("bench.sqlite");
    let sqlite = SqliteStorage::open(path.to_str().unwrap(), Json).await.unwrap();
    list.push(Subject { name: "SqliteStorage".into(), storage: Arc::new(Backend(sqlite)), _dir: Some(dir) });
    if let Ok(url) = std::env::var("REDIS_URL") {
        let redis = RedisStorage::open(&url, Json).await.unwrap();
        list.push(Subject { name: "RedisStorage".into(), storage: Arc::new(Backend(redis)), _dir: None });
    }
    list
}

fn seconds() -> Duration {
    Duration::from_secs_f64(std::env::var("BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(2.0))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn us(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

/// W1: one chat, get → update in a loop. Returns (pairs/s, get p50, update p50, update p99).
async fn w1(storage: &Erased, chat_base: i64) -> (f64, Duration, Duration, Duration) {
    let (mut gets, mut puts) = (Vec::new(), Vec::new());
    let deadline = Instant::now() + seconds();
    let started = Instant::now();
    let mut n = 0;
    while Instant::now() < deadline {
        let t = Instant::now();
        let current = storage.get(chat_base).await;
        gets.push(t.elapsed());
        let t = Instant::now();
        storage.put(chat_base, draft(current.map_or(0, |d| d.counter + 1))).await;
        puts.push(t.elapsed());
        n += 1;
    }
    let rate = n as f64 / started.elapsed().as_secs_f64();
    gets.sort();
    puts.sort();
    (rate, percentile(&gets, 0.5), percentile(&puts, 0.5), percentile(&puts, 0.99))
}

/// W0: `tasks` concurrent readers of their own stored chats. Returns gets/s.
async fn w0(storage: &Erased, tasks: i64) -> f64 {
    for t in 0..tasks {
        storage.put(50_000 + t, draft(1)).await;
    }
    // 64 reads per round, so the deadline check does not dominate.
    concurrently(storage, tasks, |storage, t| async move {
        for _ in 0..64 {
            assert!(storage.get(50_000 + t).await.is_some());
        }
        64
    })
    .await
}

/// W2: `chats` concurrent chats, each get → update in a loop. Returns pairs/s.
async fn w2(storage: &Erased, chats: i64, chat_base: i64) -> f64 {
    concurrently(storage, chats, move |storage, c| async move {
        let current = storage.get(chat_base + c).await;
        storage.put(chat_base + c, draft(current.map_or(0, |d| d.counter + 1))).await;
        1
    })
    .await
}

/// W3: 100 concurrent chats, each create → 5 updates → remove, repeatedly. Returns lifecycles/s.
async fn w3(storage: &Erased, chat_base: i64) -> f64 {
    concurrently(storage, 100, move |storage, c| async move {
        let chat = chat_base + c;
        for i in 0..6 {
            let _ = storage.get(chat).await;
            storage.put(chat, draft(i)).await;
        }
        storage.del(chat).await;
        1
    })
    .await
}

/// Runs `round` in `tasks` concurrent tasks (task `i` gets `i`) until the deadline; returns the
/// units the rounds reported, per second.
async fn concurrently<F, Fut>(storage: &Erased, tasks: i64, round: F) -> f64
where
    F: Fn(Erased, i64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = u64> + Send,
{
    let deadline = Instant::now() + seconds();
    let started = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            let (storage, round) = (storage.clone(), round.clone());
            tokio::spawn(async move {
                let mut units = 0u64;
                while Instant::now() < deadline {
                    units += round(storage.clone(), i).await;
                }
                units
            })
        })
        .collect();
    let mut total = 0;
    for handle in handles {
        total += handle.await.unwrap();
    }
    total as f64 / started.elapsed().as_secs_f64()
}

/// One fsync of a small appended write in the bench directory: the floor for a durable write.
fn fsync_floor() -> Duration {
    use std::io::Write;
    let dir = tempfile::tempdir_in(".").unwrap();
    let mut file = std::fs::File::create(dir.path().join("probe")).unwrap();
    let line = vec![b'x'; 300];
    let mut samples: Vec<Duration> = (0..500)
        .map(|_| {
            let t = Instant::now();
            file.write_all(&line).unwrap();
            file.sync_data().unwrap();
            t.elapsed()
        })
        .collect();
    samples.sort();
    percentile(&samples, 0.5)
}

/// W4 + W5 for our store: reopen time with 100k dialogues, and the update latency with 1 vs
/// 100k stored entries.
async fn w4_w5() {
    println!("\n### W4 reopen with 100k dialogues (ours)\n");
    let dir = tempfile::tempdir_in(".").unwrap();
    {
        let storage = ours(FsyncMode::Never, dir.path());
        let tasks: Vec<_> = (0..100)
            .map(|t| {
                let storage = storage.clone();
                tokio::spawn(async move {
                    for chat in (t..100_000).step_by(100) {
                        storage.clone().update_dialogue(ChatId(chat), draft(chat as u64)).await.unwrap();
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        storage.close().await.unwrap();
    }
    let bytes: u64 =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    let t = Instant::now();
    let store = TtlStore::open(dir.path(), StoreOptions::default()).unwrap();
    let reopen = t.elapsed();
    println!("| entries | bytes on disk | reopen ms |\n|---|---|---|");
    println!("| {} | {} | {:.0} |", store.len(), bytes, reopen.as_secs_f64() * 1e3);
    drop(store);

    println!("\n### W5 update latency with 1 vs 100k stored entries (ours, always)\n");
    println!("| stored entries | update p50 µs | update p99 µs | pairs/s |\n|---|---|---|---|");
    let small = tempfile::tempdir_in(".").unwrap();
    for (label, path) in [("1", small.path()), ("100000", dir.path())] {
        let storage: Erased = Arc::new(Backend(ours(FsyncMode::Always, path)));
        storage.put(1, draft(0)).await;
        let (rate, _, p50, p99) = w1(&storage, 1).await;
        println!("| {label} | {} | {} | {rate:.0} |", us(p50), us(p99));
    }
}

#[tokio::main]
async fn main() {
    println!("## Session store benchmark\n");
    println!(
        "machine: {} cores, {}; each run {:.1} s; value ≈ {} bytes JSON\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::env::consts::ARCH,
        seconds().as_secs_f64(),
        serde_json::to_string(&draft(0)).unwrap().len()
    );
    let floor = fsync_floor();
    println!("one fsync (300-byte append + fdatasync) in this directory: p50 {} µs\n", us(floor));

    let subjects = subjects().await;
    println!("### W1 one chat get → update loop\n");
    println!("| storage | pairs/s | get p50 µs | update p50 µs | update p99 µs | update p50 / fsync |");
    println!("|---|---|---|---|---|---|");
    for s in &subjects {
        let (rate, get50, put50, put99) = w1(&s.storage, 10).await;
        let ratio = put50.as_secs_f64() / floor.as_secs_f64();
        println!("| {} | {rate:.0} | {} | {} | {} | {ratio:.2} |", s.name, us(get50), us(put50), us(put99));
    }

    println!("\n### W0 get throughput (one chat, stored value, 1 task / 100 tasks)\n");
    println!(
        "| storage | gets/s, 1 task | gets/s, 100 tasks | vs InMemStorage (100 tasks) |\n|---|---|---|---|"
    );
    let mut in_mem_rate = None;
    let mut rows = Vec::new();
    for s in &subjects {
        let one = w0(&s.storage, 1).await;
        let many = w0(&s.storage, 100).await;
        if s.name == "InMemStorage" {
            in_mem_rate = Some(many);
        }
        rows.push((s.name.clone(), one, many));
    }
    for (name, one, many) in rows {
        let ratio = in_mem_rate.map_or(0.0, |base| many / base);
        println!("| {name} | {one:.0} | {many:.0} | {ratio:.2} |");
    }

    println!("\n### W2 concurrent chats, get + update pairs/s\n");
    println!("| storage | 100 chats | 1000 chats |\n|---|---|---|");
    for s in &subjects {
        let r100 = w2(&s.storage, 100, 1_000).await;
        let r1000 = w2(&s.storage, 1000, 10_000).await;
        println!("| {} | {r100:.0} | {r1000:.0} |", s.name);
    }

    println!("\n### W3 lifecycle (create → 5 updates → remove), 100 concurrent chats\n");
    println!("| storage | lifecycles/s |\n|---|---|");
    for s in &subjects {
        println!("| {} | {:.0} |", s.name, w3(&s.storage, 100_000).await);
    }

    w4_w5().await;
}
