//! The jobs start with the real binary, before anyone writes to it: a confirmed stay whose
//! arrival instructions came due while the bot was down gets them right after the start, once —
//! a restart does not send them again; and a stop signal during start-up is honoured.

mod support;

use std::time::Duration;

use chrono::Utc;
use secret_house_bot::{db, domain::booking::BookingStatus};
use support::{TestDatabase, bot_process::BotProcess, db_fixtures, fake_api::FakeApi};

const GUEST: i64 = 4_200_777;
const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread")]
async fn due_instructions_go_out_at_start_up_without_any_update_and_only_once() {
    let database = TestDatabase::create("smoke_jobs").await;
    let pool = sqlx::PgPool::connect(&database.url).await.expect("connect");
    db::MIGRATOR.run(&pool).await.expect("migrate");
    let guest = db_fixtures::user(&pool, GUEST).await;
    // Starts in three hours: its moment (the day before at noon) passed while the bot was down.
    let booking = db_fixtures::booking_in(
        &pool,
        &guest,
        Utc::now() + chrono::Duration::hours(3),
        24,
        BookingStatus::Confirmed,
    )
    .await;

    let api = FakeApi::start();
    let store = tempfile::tempdir().expect("temp dir");
    let mut bot = BotProcess::start(&api.url, &database.url, store.path(), &[]);
    let route = api.wait_for(GUEST, "Юбилейное-68", WAIT);
    assert!(
        route.is_some(),
        "the instructions after the start; sent: {:#?}\nlogs:\n{}",
        api.sent(),
        bot.logs()
    );
    assert!(bot.logs().contains("job run"), "one line for the run that did something:\n{}", bot.logs());
    let sent = db::bookings::get(&pool, booking.id).await.unwrap().instructions_sent_at;
    assert!(sent.is_some());

    // The instructions go out during start-up, so this SIGTERM often arrives before "bot started":
    // it must still stop the bot (it was once lost there, and the bot ran on).
    bot.signal(libc::SIGTERM);
    let status = bot.wait(Duration::from_secs(20));
    assert!(status.is_some_and(|status| status.success()), "a clean stop: {status:?}\n{}", bot.logs());
    bot.spawn(&api.url, &database.url, store.path(), &[]);
    api.push_text(GUEST, "/start");
    assert!(api.wait_for(GUEST, "The Secret House", WAIT).is_some(), "the second run is up");
    let copies =
        api.sent().iter().filter(|m| m["text"].as_str().is_some_and(|t| t.contains("Юбилейное-68"))).count();
    assert_eq!(copies, 1, "a restart sends nothing again");
    pool.close().await;
    database.drop_now().await;
}
