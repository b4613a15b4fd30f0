//! A PostgreSQL outage while the real binary runs: the bot answers within about a second
//! ("try again" where a screen needs the database, the menu without it) and recovers by itself
//! once PostgreSQL is back. The database is reached through a TCP proxy that the test cuts.
//! (That a wizard draft survives an outage is proven by the MockBot tests in
//! flows_booking_edges.)

mod support;

use std::time::{Duration, Instant};

use chrono::Datelike;
use secret_house_bot::bot::callback::CallbackData;
use support::{TestDatabase, bot_process::BotProcess, fake_api::FakeApi, tcp_proxy::TcpProxy};

const GUEST: i64 = 44;
const WAIT: Duration = Duration::from_secs(30);
/// "About a second": the pool waits 1 s for a connection; the rest is slack for a loaded CI.
const PROMPT: Duration = Duration::from_secs(3);

fn count(api: &FakeApi, needle: &str) -> usize {
    api.sent_to(GUEST).iter().filter(|m| m["text"].as_str().is_some_and(|t| t.contains(needle))).count()
}

/// Waits for one more message containing `needle` than there were; how long it took.
fn next(api: &FakeApi, needle: &str, before: usize) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < WAIT {
        if count(api, needle) > before {
            return Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[tokio::test(flavor = "multi_thread")]
async fn an_outage_is_answered_fast_keeps_the_draft_and_recovers_by_itself() {
    let database = TestDatabase::create("smoke_db_outage").await;
    let mut url = url::Url::parse(&database.url).unwrap();
    let target = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap_or(5432));
    let proxy = TcpProxy::start(target.parse().expect("the test server is at an IP address"));
    url.set_port(Some(proxy.addr.port())).unwrap();
    let store = tempfile::tempdir().unwrap();
    let api = FakeApi::start();
    let bot = BotProcess::start(&api.url, url.as_str(), store.path(), &[]);
    assert!(bot.wait_for_log("bot started", WAIT), "logs:\n{}", bot.logs());
    api.push_text(GUEST, "/start");
    assert!(next(&api, "Welcome to", 0).is_some(), "logs:\n{}", bot.logs());
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Minsk);
    let month = CallbackData::FreeDatesMonth { year: today.year(), month: today.month() }.encode();

    proxy.cut();
    // A screen that needs the database (free dates): "try again" within about a second.
    let errors = count(&api, "Something went wrong");
    api.push_callback(GUEST, &month, 1001);
    let took = next(&api, "Something went wrong", errors)
        .unwrap_or_else(|| panic!("not answered; sent {:#?}\nlogs:\n{}", api.sent_to(GUEST), bot.logs()));
    assert!(took < PROMPT, "the answer took {took:?} during the outage");
    // The menu does not need the database; once the outage is known it is not waited for.
    let welcomes = count(&api, "Welcome to");
    api.push_text(GUEST, "/start");
    let took = next(&api, "Welcome to", welcomes).expect("the menu was answered");
    assert!(took < PROMPT, "the menu took {took:?} during the outage");

    proxy.restore();
    assert!(bot.wait_for_log("database reachable again", WAIT), "logs:\n{}", bot.logs());
    let errors = count(&api, "Something went wrong");
    let sent = api.sent_to(GUEST).len();
    api.push_callback(GUEST, &month, 1001);
    let deadline = Instant::now() + WAIT;
    while api.sent_to(GUEST).len() == sent && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(api.sent_to(GUEST).len() > sent, "no answer after the database came back");
    assert_eq!(count(&api, "Something went wrong"), errors, "recovered: {:#?}", api.sent_to(GUEST).last());
    database.drop_now().await;
}
