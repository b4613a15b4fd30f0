//! The broadcast sender in-process against the fake Bot API and real PostgreSQL: Stop pressed
//! while it sends ends it between two messages — nobody after the stop is even tried — and the
//! broadcast stays "cancelled" (not "done").

mod support;

use std::time::Duration;

use secret_house_bot::db::{self, broadcasts::Audience};
use sqlx::PgPool;
use support::{bot_env::BotEnv, fake_api::FakeApi};
use teloxide::Bot;
use tokio_util::sync::CancellationToken;

const TEXT: &str = "Spring dates are open!";

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn stop_ends_a_broadcast_between_two_messages(db: PgPool) {
    sqlx::query(
        "INSERT INTO users (telegram_user_id, chat_id, first_name)
         SELECT g, g, 'Guest' FROM generate_series(8000000, 8000039) AS g",
    )
    .execute(&db)
    .await
    .unwrap();
    let mut tx = db.begin().await.unwrap();
    let (broadcast, count) =
        db::broadcasts::start_in(&mut tx, 1, Audience::All, (TEXT, None), 1).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(count, 40);
    let api = FakeApi::start();
    // Each send takes a while, so the stop lands in the middle.
    api.set_send_delay(Duration::from_millis(50));
    let env = BotEnv::new(db.clone());
    let bot = Bot::new(support::bot_process::TOKEN).set_api_url(api.url.parse().unwrap());
    let app = env.app.clone();
    let sender = tokio::spawn(async move {
        secret_house_bot::broadcast::send_running(&bot, &app, &CancellationToken::new()).await
    });
    while api.sent().iter().filter(|m| m["text"].as_str() == Some(TEXT)).count() < 5 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(db::broadcasts::finish(&db, broadcast.id, "cancelled").await.unwrap(), "stopped while running");
    sender.await.unwrap().expect("the sender ends cleanly");
    let delivered = api.sent().iter().filter(|m| m["text"].as_str() == Some(TEXT)).count();
    let progress = db::broadcasts::progress(&db, broadcast.id).await.unwrap();
    assert!(delivered < 40, "stopped before the end: {delivered}");
    assert_eq!(progress.sent as usize, delivered, "every delivery recorded");
    let tried: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = $1 AND attempted_at IS NOT NULL",
    )
    .bind(broadcast.id)
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(tried as usize <= delivered + 1, "at most the one in flight at the stop: {tried} tried");
    let status: String = sqlx::query_scalar("SELECT status FROM broadcasts WHERE id = $1")
        .bind(broadcast.id)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
}
