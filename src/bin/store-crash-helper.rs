//! Test helper for `tests/store_crash.rs` (not part of the bot): opens a session store and writes
//! from many concurrent tasks until it is killed, printing every acknowledged operation as
//! `S <task> <i>` / `D <task> <i>` on stdout, so the test knows exactly what was promised.
//!
//! Usage: `store-crash-helper <dir> <always|batch|never> <round>`.
//! Task `t`'s operation `i` targets key `t<t>-k<i % 8>`; every fifth one is a removal.

use std::{io::Write, sync::Arc, time::Duration};

use secret_house_bot::store::{FsyncMode, RawValue, StoreOptions, TtlStore};

const TASKS: usize = 32;

fn crash_value(task: usize, round: u32, i: u64) -> String {
    format!(r#"{{"t":{task},"r":{round},"i":{i},"pad":"{}"}}"#, "p".repeat(200))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, mode, round] = args.as_slice() else {
        eprintln!("usage: store-crash-helper <dir> <always|batch|never> <round>");
        std::process::exit(2);
    };
    let fsync = match mode.as_str() {
        "always" => FsyncMode::Always,
        "batch" => FsyncMode::Batch,
        _ => FsyncMode::Never,
    };
    let round: u32 = round.parse().expect("round is a number");
    let options = StoreOptions { fsync, compact_min_bytes: 256 << 10, ..StoreOptions::default() };
    let store = Arc::new(TtlStore::open(dir, options).expect("open the store"));
    println!("READY");

    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let store = store.clone();
            tokio::spawn(async move {
                for i in 0u64.. {
                    let key = format!("t{task}-k{}", i % 8);
                    if i % 5 == 4 {
                        store.remove(&key).await.expect("remove");
                        writeln!(std::io::stdout().lock(), "D {task} {i}").expect("stdout");
                    } else {
                        let value = RawValue::from_string(crash_value(task, round, i)).unwrap();
                        store.set(&key, value, Duration::from_secs(86_400)).await.expect("set");
                        writeln!(std::io::stdout().lock(), "S {task} {i}").expect("stdout");
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
}
