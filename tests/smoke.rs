//! The real binary against a fake Bot API and a fresh PostgreSQL database: it starts, migrates,
//! answers /start, and stops cleanly on SIGTERM. Also: a missing token is one clear error.

mod support;

use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use support::{TestDatabase, fake_api::FakeApi};

const BINARY: &str = env!("CARGO_BIN_EXE_secret-house-bot");
const TOKEN: &str = support::bot_process::TOKEN;

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("poll child") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[tokio::test(flavor = "multi_thread")]
async fn starts_answers_start_and_stops_on_sigterm() {
    let database = TestDatabase::create("smoke").await;
    let sessions = tempfile::tempdir().expect("temp dir");
    let api = FakeApi::start();
    let logs = tempfile::tempdir().expect("temp dir");
    let stdout = std::fs::File::create(logs.path().join("stdout")).unwrap();
    let stderr = std::fs::File::create(logs.path().join("stderr")).unwrap();

    let mut child = Command::new(BINARY)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &api.url)
        .env("DATABASE_URL", &database.url)
        .env("BOT__SESSIONS__PATH", sessions.path().join("store"))
        .env("BOT__TELEGRAM__POLLING_TIMEOUT", "1s")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::from(stdout))
        .stderr(Stdio::from(stderr))
        .spawn()
        .expect("start the bot");

    api.push_text(42, "/start");
    let welcome = api.wait_for(42, "Welcome to", Duration::from_secs(60));
    let read_logs = || {
        std::fs::read_to_string(logs.path().join("stdout")).unwrap_or_default()
            + &std::fs::read_to_string(logs.path().join("stderr")).unwrap_or_default()
    };
    let Some(welcome) = welcome else {
        let _ = child.kill();
        panic!("no welcome message; sent: {:?}\nlogs:\n{}", api.sent(), read_logs());
    };
    assert_eq!(welcome["parse_mode"], "HTML");
    // The container healthcheck: healthy while the bot polls Telegram.
    let healthcheck = Command::new(BINARY)
        .env_clear()
        .env("BOT__SESSIONS__PATH", sessions.path().join("store"))
        .arg("healthcheck")
        .output()
        .expect("run the healthcheck");
    assert!(healthcheck.status.success(), "healthcheck: {healthcheck:?}");
    let elsewhere = tempfile::tempdir().unwrap();
    let unhealthy = Command::new(BINARY)
        .env_clear()
        .env("BOT__SESSIONS__PATH", elsewhere.path().join("store"))
        .arg("healthcheck")
        .output()
        .expect("run the healthcheck");
    assert_eq!(unhealthy.status.code(), Some(1), "no heartbeat, not healthy: {unhealthy:?}");
    assert!(welcome["reply_markup"]["inline_keyboard"].is_array(), "the menu keyboard is attached");

    // SAFETY: kill(2) on the pid of a child we own and have not reaped yet.
    let rc = unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert_eq!(rc, 0, "SIGTERM delivered");
    let status = wait_with_timeout(&mut child, Duration::from_secs(10));
    let logs_text = read_logs();
    let Some(status) = status else {
        let _ = child.kill();
        panic!("the bot did not stop within 10 s of SIGTERM; logs:\n{logs_text}");
    };
    assert!(status.success(), "exit status {status:?}; logs:\n{logs_text}");
    assert!(logs_text.contains("stopped cleanly"), "logs:\n{logs_text}");
    assert!(!logs_text.contains("smoke-test-secret-token"), "the token leaked into the logs");
    database.drop_now().await;
}

#[test]
fn without_a_token_it_refuses_to_start_and_names_the_variable() {
    let output = Command::new(BINARY)
        .env_clear()
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .expect("run the bot");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("TELOXIDE_TOKEN"), "stderr: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one clear line, got: {stderr}");
}

#[test]
fn an_invalid_value_is_one_line_naming_the_key() {
    let output = Command::new(BINARY)
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("BOT__BOOKING__CLEANING_HOURS", "abc")
        .output()
        .expect("run the bot");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("booking.cleaning_hours"), "stderr: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one clear line, got: {stderr}");
    assert!(!stderr.contains(TOKEN));
}

#[test]
fn a_broken_business_file_stops_start_up_naming_file_and_field() {
    let config = tempfile::tempdir().unwrap();
    let prices = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/prices.toml")).unwrap();
    std::fs::write(
        config.path().join("prices.toml"),
        prices.replacen("extra_hour = 30", "extra_hour = -30", 1),
    )
    .unwrap();
    let output = Command::new(BINARY)
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("BOT_CONFIG_DIR", config.path())
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .expect("run the bot");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("prices.toml") && stderr.contains("regular.day.extra_hour"), "stderr: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one clear line, got: {stderr}");
}

#[test]
fn help_and_version_answer_without_starting_the_bot() {
    for (flag, needle) in [("--help", "usage:"), ("--version", env!("CARGO_PKG_VERSION"))] {
        // No token and no database: nothing may be needed to answer.
        let output = Command::new(BINARY).env_clear().arg(flag).output().expect("run the bot");
        assert!(output.status.success(), "{flag}: {output:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains(needle), "{flag}: {output:?}");
    }
    let output = Command::new(BINARY).env_clear().arg("--frobnicate").output().expect("run the bot");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_malformed_token_is_refused_before_connecting() {
    let output = Command::new(BINARY)
        .env_clear()
        .env("TELOXIDE_TOKEN", "\"123456:AAH-quoted\"")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .expect("run the bot");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("TELOXIDE_TOKEN") && stderr.contains("not a bot token"), "stderr: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one clear line, got: {stderr}");
    assert!(!stderr.contains("AAH-quoted"), "the token is not echoed");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_telegram_refuses_is_one_line_and_a_failing_exit() {
    let database = TestDatabase::create("smoke_token").await;
    let sessions = tempfile::tempdir().unwrap();
    let api = FakeApi::start();
    api.refuse_token();
    let mut bot = support::bot_process::BotProcess::start(&api.url, &database.url, sessions.path(), &[]);
    let status = bot.wait(Duration::from_secs(30)).expect("the bot exits by itself");
    assert_eq!(status.code(), Some(1), "logs:\n{}", bot.logs());
    let logs = bot.logs();
    let last = logs.trim().lines().last().unwrap_or_default();
    assert!(
        last.contains("Telegram refused the bot token") && last.contains("TELOXIDE_TOKEN"),
        "logs:\n{logs}"
    );
    assert!(!logs.contains("panicked"), "logs:\n{logs}");
    assert!(!logs.contains(TOKEN), "the token leaked");
    database.drop_now().await;
}

#[test]
fn a_database_that_does_not_exist_fails_at_once_with_the_cause() {
    let store = tempfile::tempdir().unwrap();
    let mut url = url::Url::parse(&support::database_url()).unwrap();
    url.set_path("no_such_database_here");
    let started = Instant::now();
    let output = Command::new(BINARY)
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("DATABASE_URL", url.as_str())
        .env("BOT__SESSIONS__PATH", store.path())
        .output()
        .expect("run the bot");
    assert_eq!(output.status.code(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(20), "not retried for the whole connect_retry_for");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.trim().lines().last().unwrap_or_default();
    assert!(last.contains("no_such_database_here") && last.contains("does not exist"), "stderr: {stderr}");
}

#[test]
fn an_unusable_session_directory_is_named_before_the_database_is_tried() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let output = Command::new(BINARY)
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env("BOT__SESSIONS__PATH", file.path().join("store"))
        .output()
        .expect("run the bot");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&file.path().display().to_string()), "the directory is named: {stderr}");
    assert!(!stderr.contains("database not reachable"), "the store is checked first: {stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_telegram_is_retried_with_a_clear_line_and_sigterm_still_stops_it() {
    let database = TestDatabase::create("smoke_no_telegram").await;
    let store = tempfile::tempdir().unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed); // nothing listens there now
    let mut bot = support::bot_process::BotProcess::start(&url, &database.url, store.path(), &[]);
    assert!(
        bot.wait_for_log("cannot reach Telegram; retrying", Duration::from_secs(30)),
        "logs:\n{}",
        bot.logs()
    );
    bot.signal(libc::SIGTERM);
    let status = bot.wait(Duration::from_secs(10)).expect("stops on SIGTERM while waiting for Telegram");
    assert!(status.success(), "exit {status:?}; logs:\n{}", bot.logs());
    assert!(!bot.logs().contains("panicked"), "logs:\n{}", bot.logs());
    database.drop_now().await;
}

#[test]
fn an_unreachable_database_is_retried_naming_the_real_cause() {
    let store = tempfile::tempdir().unwrap();
    let output = Command::new(BINARY)
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env("BOT__DATABASE__CONNECT_RETRY_FOR", "2s")
        .env("BOT__SESSIONS__PATH", store.path())
        .output()
        .expect("run the bot");
    assert_eq!(output.status.code(), Some(1));
    let all = String::from_utf8_lossy(&output.stdout).to_string() + &String::from_utf8_lossy(&output.stderr);
    assert!(all.contains("database not reachable yet"), "retried: {all}");
    assert!(all.to_lowercase().contains("connection refused"), "the real cause is named: {all}");
    assert!(!all.contains("pool timed out"), "{all}");
}

#[test]
fn a_bad_price_override_is_blamed_on_the_file_that_is_wrong() {
    let config = tempfile::tempdir().unwrap();
    let prices = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/prices.toml")).unwrap();
    // A valid TOML number, but a price list that no longer fits the built-in tariffs.
    let broken = prices.replacen("[regular.day]", "[regular.no_such_tariff]", 1);
    assert_ne!(broken, prices, "the fixture edit applied");
    std::fs::write(config.path().join("prices.toml"), broken).unwrap();
    let output = Command::new(BINARY)
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("BOT_CONFIG_DIR", config.path())
        .output()
        .expect("run the bot");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&config.path().join("prices.toml").display().to_string()), "stderr: {stderr}");
    assert!(!stderr.contains("tariffs.toml (built in):"), "not blamed on the built-in tariffs: {stderr}");
}
