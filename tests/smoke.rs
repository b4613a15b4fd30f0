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
