//! A broadcast through the real binary against the fake Bot API and PostgreSQL: 1000 recipients,
//! paced within `telegram.global_per_second`; a guest's /start is answered while it runs; a
//! `kill -9` in the middle and a restart resume it without anyone getting it twice; a recipient
//! who cannot be reached is marked inactive.

mod support;

use std::time::{Duration, Instant};

use secret_house_bot::db::{self, broadcasts::Audience};
use support::{TestDatabase, bot_process::BotProcess, fake_api::FakeApi};

const GUEST: i64 = 4_200_999;
const FIRST: i64 = 7_000_000;
const RECIPIENTS: i64 = 1000;
const RATE: usize = 50;
const TEXT: &str = "Hello from The Secret House: spring dates are open!";
const WAIT: Duration = Duration::from_secs(30);

fn broadcast_times(api: &FakeApi) -> Vec<(i64, Instant)> {
    api.sent_with_times()
        .into_iter()
        .filter(|(m, _)| m["text"].as_str() == Some(TEXT))
        .filter_map(|(m, at)| m["chat_id"].as_i64().map(|chat| (chat, at)))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broadcast_is_paced_leaves_guests_served_and_survives_a_kill() {
    let database = TestDatabase::create("smoke_broadcast").await;
    let pool = sqlx::PgPool::connect(&database.url).await.expect("connect");
    db::MIGRATOR.run(&pool).await.expect("migrate");
    sqlx::query(
        "INSERT INTO users (telegram_user_id, chat_id, first_name)
         SELECT g, g, 'Guest' FROM generate_series($1::bigint, $2::bigint) AS g",
    )
    .bind(FIRST)
    .bind(FIRST + RECIPIENTS - 1)
    .execute(&pool)
    .await
    .unwrap();
    let mut tx = pool.begin().await.unwrap();
    let (broadcast, count) =
        db::broadcasts::start_in(&mut tx, 1, Audience::All, (TEXT, None), 1).await.expect("started");
    tx.commit().await.unwrap();
    assert_eq!(count, RECIPIENTS as u64);

    let api = FakeApi::start();
    let unreachable = FIRST + 7;
    api.make_unreachable(unreachable);
    let store = tempfile::tempdir().expect("temp dir");
    let extra = [("BOT__TELEGRAM__GLOBAL_PER_SECOND", RATE.to_string())];
    let mut bot = BotProcess::start(&api.url, &database.url, store.path(), &extra);
    let started = Instant::now();
    while broadcast_times(&api).len() < 40 {
        assert!(started.elapsed() < WAIT, "the broadcast did not start; logs:\n{}", bot.logs());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // A guest writes while it runs: answered within a couple of seconds, the broadcast still going.
    let asked = Instant::now();
    api.push_text(GUEST, "/start");
    assert!(api.wait_for(GUEST, "The Secret House", WAIT).is_some(), "the guest is answered");
    let answered_in = asked.elapsed();
    let sent_by_then = broadcast_times(&api).len();
    assert!(answered_in < Duration::from_secs(3), "answered in {answered_in:?} while broadcasting");
    assert!(sent_by_then < RECIPIENTS as usize - 20, "still broadcasting ({sent_by_then} sent)");

    // Killed in the middle, started again: it resumes.
    bot.kill9();
    let before_kill = broadcast_times(&api).len();
    bot.spawn(&api.url, &database.url, store.path(), &extra);
    let done = Instant::now();
    loop {
        let status: String = sqlx::query_scalar("SELECT status FROM broadcasts WHERE id = $1")
            .bind(broadcast.id)
            .fetch_one(&pool)
            .await
            .unwrap();
        if status == "done" {
            break;
        }
        assert!(done.elapsed() < Duration::from_secs(120), "not done; logs:\n{}", bot.logs());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let times = broadcast_times(&api);
    let mut chats: Vec<i64> = times.iter().map(|(chat, _)| *chat).collect();
    chats.sort_unstable();
    let unique = {
        let mut u = chats.clone();
        u.dedup();
        u
    };
    assert_eq!(unique.len(), chats.len(), "nobody got it twice");
    assert!(before_kill > 0 && times.len() > before_kill, "sent before and after the kill");
    let progress = db::broadcasts::progress(&pool, broadcast.id).await.unwrap();
    assert_eq!(progress.total, RECIPIENTS);
    // Every delivery is recorded as sent, except possibly the one in flight at the kill: it may
    // have reached Telegram before its outcome was written, and is then counted as interrupted
    // (failed) — never sent again.
    let unrecorded = times.len() - progress.sent as usize;
    assert!(
        unrecorded <= 1 && unrecorded as i64 <= progress.failed,
        "{} delivered, {progress:?}",
        times.len()
    );
    assert_eq!(progress.blocked, 1, "{progress:?}");
    assert!(progress.failed <= 1, "at most the one in flight at the kill: {progress:?}");
    assert_eq!(progress.sent + progress.blocked + progress.failed, RECIPIENTS);
    let active: bool = sqlx::query_scalar("SELECT is_active FROM users WHERE telegram_user_id = $1")
        .bind(unreachable)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(!active, "a recipient the bot cannot reach is marked inactive");
    // Paced: within any one second of the resumed run (which sends most of it) no more than the
    // burst plus a second's worth. (A restarted process starts with a fresh pacer: the first run's
    // last second and the second run's burst may add up, so the check stays within one run.)
    let resumed = &times[before_kill..];
    assert!(resumed.len() > RATE, "the resumed run sends the bulk ({} messages)", resumed.len());
    for (i, (_, at)) in resumed.iter().enumerate() {
        let in_a_second =
            resumed[i..].iter().take_while(|(_, t)| t.duration_since(*at) < Duration::from_secs(1)).count();
        assert!(
            in_a_second <= 2 * RATE,
            "{in_a_second} messages within a second from #{i} of the resumed run"
        );
    }
    pool.close().await;
    database.drop_now().await;
}
