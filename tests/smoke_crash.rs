//! No update is lost, and none is handled twice, when the bot is killed with updates in flight:
//! the real binary against the fake Bot API, which (like Telegram) hands out again every update
//! whose offset was not confirmed. 10 chats send 10 `/start` each; each welcome takes 100 ms, so
//! when the bot is killed -9 most updates are fetched but not yet answered.

mod support;

use std::time::{Duration, Instant};

use support::{TestDatabase, bot_process::BotProcess, fake_api::FakeApi};

const CHATS: std::ops::Range<i64> = 5_000..5_010;
const WAIT: Duration = Duration::from_secs(90);

fn welcomes(api: &FakeApi, chat: i64) -> usize {
    api.sent_to(chat).iter().filter(|m| m["text"].as_str().is_some_and(|t| t.contains("Welcome to"))).count()
}

fn total(api: &FakeApi) -> usize {
    CHATS.map(|c| welcomes(api, c)).sum()
}

fn wait_until(what: impl Fn() -> bool, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if what() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn push_round(api: &FakeApi, per_chat: usize) {
    for _ in 0..per_chat {
        for chat in CHATS {
            api.push_text(chat, "/start");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn kill_9_and_sigterm_with_updates_in_flight_lose_nothing_and_repeat_nothing() {
    let database = TestDatabase::create("smoke_crash").await;
    let store = tempfile::tempdir().unwrap();
    let store_path = store.path().join("store");
    let api = FakeApi::start();
    api.set_send_delay(Duration::from_millis(100));
    let mut bot = BotProcess::start(&api.url, &database.url, &store_path, &[]);
    assert!(bot.wait_for_log("bot started", WAIT), "logs:\n{}", bot.logs());

    // kill -9 with most of 100 updates in flight.
    push_round(&api, 10);
    assert!(wait_until(|| total(&api) >= 20, WAIT), "the bot answered nothing; logs:\n{}", bot.logs());
    bot.kill9();
    let before_restart = total(&api);
    assert!(before_restart < 100, "the kill came after everything was answered ({before_restart})");
    bot.spawn(&api.url, &database.url, &store_path, &[]);
    assert!(
        wait_until(|| total(&api) >= 100, WAIT),
        "lost updates: {} of 100 answered; logs:\n{}",
        total(&api),
        bot.logs()
    );
    std::thread::sleep(Duration::from_secs(2)); // anything that would come twice, comes now
    for chat in CHATS {
        let n = welcomes(&api, chat);
        // One update per chat can have been answered just before the kill and not yet marked
        // done: that one runs again. Everything else is exactly once.
        assert!((10..=11).contains(&n), "chat {chat}: {n} welcomes for 10 updates; logs:\n{}", bot.logs());
    }
    let repeated = total(&api) - 100;
    eprintln!("kill -9: {before_restart} answered before the kill, 0 lost, {repeated} answered twice");

    // SIGTERM with updates in flight: they finish (or are replayed), none twice.
    let base: Vec<usize> = CHATS.map(|c| welcomes(&api, c)).collect();
    push_round(&api, 5);
    assert!(wait_until(|| total(&api) >= base.iter().sum::<usize>() + 10, WAIT));
    bot.signal(libc::SIGTERM);
    let status = bot.wait(Duration::from_secs(15)).expect("stopped after SIGTERM");
    assert!(status.success(), "exit status {status:?}; logs:\n{}", bot.logs());
    bot.spawn(&api.url, &database.url, &store_path, &[]);
    let expected = base.iter().sum::<usize>() + 50;
    assert!(wait_until(|| total(&api) >= expected, WAIT), "lost after SIGTERM; logs:\n{}", bot.logs());
    std::thread::sleep(Duration::from_secs(2));
    for (chat, before) in CHATS.zip(base) {
        assert_eq!(welcomes(&api, chat), before + 5, "chat {chat} after SIGTERM; logs:\n{}", bot.logs());
    }
    assert!(!bot.logs().contains("panicked"), "logs:\n{}", bot.logs());
    database.drop_now().await;
}
