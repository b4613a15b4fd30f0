//! The Telegram edge with the real binary against a fake Bot API that throttles and fails like
//! Telegram does: replies survive 429, 5xx and HTML error pages; a failing callback answer does
//! not drop the press; a reply arrives within seconds of Telegram recovering; an unreachable
//! staff chat is named at start-up, told to the admin, and its notices wait until it works.

mod support;

use std::time::{Duration, Instant};

use secret_house_bot::bot::callback::CallbackData;
use support::{
    TestDatabase,
    bot_process::BotProcess,
    fake_api::{Failure, FakeApi},
};

const WAIT: Duration = Duration::from_secs(60);

fn welcomes_to(api: &FakeApi, chat: i64) -> usize {
    api.sent_to(chat).iter().filter(|m| m["text"].as_str().is_some_and(|t| t.contains("Welcome to"))).count()
}

#[tokio::test(flavor = "multi_thread")]
async fn replies_survive_429_5xx_and_html_errors_and_a_failing_callback_answer() {
    let database = TestDatabase::create("smoke_edge").await;
    let store = tempfile::tempdir().unwrap();
    let api = FakeApi::start();
    let bot = BotProcess::start(&api.url, &database.url, store.path(), &[]);
    assert!(bot.wait_for_log("bot started", WAIT), "logs:\n{}", bot.logs());

    api.fail_next(Failure::RetryAfter(1));
    api.fail_next(Failure::BadGateway);
    api.fail_next(Failure::Disconnect);
    api.push_text(42, "/start");
    let welcome = api.wait_for(42, "Welcome to", WAIT);
    assert!(welcome.is_some(), "the welcome never arrived; logs:\n{}", bot.logs());
    assert_eq!(welcomes_to(&api, 42), 1, "one welcome, not one per attempt");
    assert!(bot.logs().contains("retrying"), "each failure is logged; logs:\n{}", bot.logs());

    // The spinner answer fails with a 5xx; the press is still handled (prices shown).
    api.fail_next_call("answercallbackquery", Failure::BadGateway);
    api.push_callback(42, &CallbackData::Prices.encode(), 1001);
    let prices = api.wait_for(42, "Prices", WAIT);
    assert!(prices.is_some(), "the press was dropped; logs:\n{}", bot.logs());
    database.drop_now().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_arrives_within_seconds_of_telegram_recovering() {
    let database = TestDatabase::create("smoke_outage").await;
    let store = tempfile::tempdir().unwrap();
    let api = FakeApi::start();
    let bot = BotProcess::start(&api.url, &database.url, store.path(), &[]);
    assert!(bot.wait_for_log("bot started", WAIT), "logs:\n{}", bot.logs());

    let recovered = api.outage(Duration::from_secs(12), Failure::BadGateway);
    api.push_text(43, "/start");
    assert!(api.wait_for(43, "Welcome to", WAIT).is_some(), "logs:\n{}", bot.logs());
    let (_, arrived) = api
        .sent_with_times()
        .into_iter()
        .find(|(m, _)| m["chat_id"] == 43)
        .expect("the welcome was recorded");
    assert!(arrived >= recovered, "nothing is accepted during the outage");
    let delay = arrived - recovered;
    assert!(delay <= Duration::from_secs(16), "the welcome came {delay:?} after Telegram recovered");
    assert_eq!(welcomes_to(&api, 43), 1);
    database.drop_now().await;
}

const ADMIN: i64 = 77;
const ADMIN_CHAT: i64 = -100_777;

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_admin_chat_is_named_told_and_its_notices_wait_until_it_works() {
    let database = TestDatabase::create("smoke_staff").await;
    let store = tempfile::tempdir().unwrap();
    let api = FakeApi::start();
    api.make_unreachable(ADMIN_CHAT);
    let env = [
        ("BOT__ADMIN__CHAT_ID", ADMIN_CHAT.to_string()),
        ("BOT__ADMIN__USER_IDS", ADMIN.to_string()),
        ("BOT__TELEGRAM__GROUP_SEND_INTERVAL", "100ms".to_string()),
    ];
    let bot = BotProcess::start(&api.url, &database.url, store.path(), &env);
    assert!(bot.wait_for_log("bot started", WAIT), "logs:\n{}", bot.logs());
    let logs = bot.logs();
    let line = |needle: &str| logs.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(
        line("admin.chat_id = -100777 cannot be reached"),
        1,
        "one warning for the admin chat:\n{logs}"
    );
    assert!(logs.contains("add the bot to that group"), "the warning says how to fix it:\n{logs}");
    assert_eq!(line("admin.inform_chat_id is not set"), 1, "one warning for the unset inform chat:\n{logs}");
    assert!(api.get_chat_calls().contains(&ADMIN), "the admin's private chat is checked too");

    // The first admin who writes hears about it, once.
    api.push_text(ADMIN, "/start");
    let told = api.wait_for(ADMIN, "cannot be reached", WAIT);
    assert!(told.is_some_and(|m| m["text"].as_str().unwrap().contains("-100777")), "sent: {:#?}", api.sent());
    assert!(api.wait_for(ADMIN, "Welcome to", WAIT).is_some());
    api.push_text(ADMIN, "/start");
    assert!(api.wait_for(ADMIN, "Welcome to", WAIT).is_some());
    std::thread::sleep(Duration::from_millis(500));
    let warnings = api
        .sent_to(ADMIN)
        .iter()
        .filter(|m| m["text"].as_str().unwrap().contains("cannot be reached"))
        .count();
    assert_eq!(warnings, 1, "told once, not on every message");

    // A staff notice to the unreachable chat waits (not given up), and goes once the chat works.
    let pool = sqlx::PgPool::connect(&database.url).await.unwrap();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO outbox (chat_id, kind, body) VALUES ($1, 'text', 'receipt #1') RETURNING id",
    )
    .bind(ADMIN_CHAT)
    .fetch_one(&pool)
    .await
    .unwrap();
    let deadline = Instant::now() + WAIT;
    let (attempts, failed): (i32, bool) = loop {
        let row: (i32, bool) =
            sqlx::query_as("SELECT attempts, failed_at IS NOT NULL FROM outbox WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap();
        if row.0 > 0 || Instant::now() > deadline {
            break row;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!((attempts, failed), (1, false), "tried once and kept; logs:\n{}", bot.logs());
    let next: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM next_attempt_at - now())::float8 FROM outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(next > 30.0, "retried with a long backoff, not hammered ({next} s)");
    api.make_reachable(ADMIN_CHAT);
    // Time passes: the retry is due now.
    sqlx::query("UPDATE outbox SET next_attempt_at = now() WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    assert!(api.wait_for(ADMIN_CHAT, "receipt #1", WAIT).is_some(), "delivered once the chat works");
    pool.close().await;
    database.drop_now().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_connection_dropped_mid_reply_is_retried_once_the_network_is_back() {
    let database = TestDatabase::create("smoke_drop").await;
    let store = tempfile::tempdir().unwrap();
    let api = FakeApi::start();
    let target = api.url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
    let proxy = support::tcp_proxy::TcpProxy::start(target);
    let url = format!("http://{}/", proxy.addr);
    let bot = BotProcess::start(&url, &database.url, store.path(), &[]);
    assert!(bot.wait_for_log("bot started", WAIT), "logs:\n{}", bot.logs());

    // The welcome is in flight (the fake takes 2 s to answer it) when the network goes away.
    api.set_send_delay(Duration::from_secs(2));
    api.push_text(45, "/start");
    std::thread::sleep(Duration::from_millis(1200));
    proxy.cut();
    api.set_send_delay(Duration::ZERO);
    std::thread::sleep(Duration::from_secs(4));
    let before = welcomes_to(&api, 45);
    proxy.restore();
    let restored = Instant::now();
    assert!(api.wait_for(45, "Welcome to", WAIT).is_some(), "never delivered; logs:\n{}", bot.logs());
    let logs = bot.logs();
    assert!(logs.contains("Telegram request failed; retrying"), "the dropped send was retried:\n{logs}");
    // The fake may have taken the first attempt before the cut (as Telegram may): then the retry
    // is a second copy, never none.
    assert!(welcomes_to(&api, 45) > before || before == 1, "delivered after the network came back");
    assert!(restored.elapsed() < Duration::from_secs(20));
    database.drop_now().await;
}
