//! Acknowledged writes survive `kill -9`. A child process (`store-crash-helper`) writes from 32
//! concurrent tasks and prints each acknowledged operation; we SIGKILL it at a random moment,
//! reopen the same directory, and check every key against what was acknowledged. 24 rounds over
//! one directory (so recovery is also tested on top of earlier recoveries), all fsync modes.

use std::{
    collections::BTreeMap,
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use secret_house_bot::store::{StoreOptions, TtlStore};

const HELPER: &str = env!("CARGO_BIN_EXE_store-crash-helper");
const TASKS: usize = 32;
const SLOTS: u64 = 8;

fn crash_value(task: usize, round: u32, i: u64) -> String {
    format!(r#"{{"t":{task},"r":{round},"i":{i},"pad":"{}"}}"#, "p".repeat(200))
}

/// The state operation `i` of `task` leaves its key in.
fn effect(task: usize, round: u32, i: u64) -> Option<String> {
    (i % 5 != 4).then(|| crash_value(task, round, i))
}

#[test]
fn acknowledged_writes_survive_kill_minus_nine() {
    let dir = tempfile::tempdir().unwrap();
    let modes = ["always", "batch", "never"];
    let mut baseline: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut total_acked = 0usize;

    for round in 0..24u32 {
        let mode = modes[round as usize % modes.len()];
        let mut child = Command::new(HELPER)
            .args([dir.path().to_str().unwrap(), mode, &round.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the helper");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "READY", "round {round}");
        let reader = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());

        // A random moment: 20–300 ms of writing.
        std::thread::sleep(Duration::from_millis(20 + u64::from(rand::random::<u32>() % 280)));
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        let output = reader.join().unwrap();

        // The last acknowledged operation of every task.
        let mut last_acked: Vec<Option<u64>> = vec![None; TASKS];
        for line in &output {
            let parts: Vec<&str> = line.split(' ').collect();
            let [_, task, i] = parts.as_slice() else { continue }; // a line cut by the kill
            let (Ok(task), Ok(i)) = (task.parse::<usize>(), i.parse::<u64>()) else { continue };
            last_acked[task] = Some(i);
        }
        let acked_this_round: u64 = last_acked.iter().map(|a| a.map_or(0, |i| i + 1)).sum();
        assert!(acked_this_round > 0, "round {round}: the helper acknowledged nothing");
        total_acked += acked_this_round as usize;

        let store = TtlStore::open(dir.path(), StoreOptions::default()).expect("reopen after kill -9");
        for (task, acked) in last_acked.iter().enumerate() {
            // Each task has at most one operation in flight: the one after its last ack.
            let in_flight = acked.map_or(0, |i| i + 1);
            for slot in 0..SLOTS {
                let key = format!("t{task}-k{slot}");
                let acknowledged = match acked {
                    Some(last) if *last >= slot => {
                        let i = last - (last - slot) % SLOTS; // last acked op on this key
                        effect(task, round, i)
                    }
                    _ => baseline.get(&key).cloned().flatten(),
                };
                let mut allowed = vec![acknowledged];
                if in_flight % SLOTS == slot {
                    allowed.push(effect(task, round, in_flight));
                }
                let stored = store.get(&key).map(|v| v.get().to_owned());
                assert!(
                    allowed.contains(&stored),
                    "round {round} ({mode}): {key} is {stored:?}, acknowledged state {:?}",
                    allowed[0]
                );
                baseline.insert(key, stored);
            }
        }
        drop(store);
    }
    assert!(total_acked > 1000, "only {total_acked} acknowledged writes over all rounds");
}
