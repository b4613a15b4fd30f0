//! The staff outbox against real PostgreSQL and a fake Bot API: in-order paced delivery, 429
//! handling, permanent refusals, restarts, transactional enqueue, and that a burst never delays
//! a guest's reply.

mod support;

use std::time::Duration;

use secret_house_bot::{
    bot,
    db::outbox::{self, NewNotice, OutboxKind},
    outbox::OutboxSender,
    telegram::{Edge, Pacing, RetryPolicy},
};
use sqlx::PgPool;
use support::{
    bot_env::BotEnv,
    fake_api::{Failure, FakeApi},
};
use teloxide::Bot;
use tokio_util::sync::CancellationToken;

const ADMIN_GROUP: i64 = -100_500;

fn text(chat_id: i64, body: &str) -> NewNotice {
    NewNotice {
        chat_id,
        kind: OutboxKind::Text,
        body: body.into(),
        file_id: None,
        reply_markup: None,
        booking_id: None,
    }
}

async fn enqueue(db: &PgPool, notice: NewNotice) -> i64 {
    let mut conn = db.acquire().await.unwrap();
    outbox::enqueue(&mut conn, &notice).await.unwrap()
}

fn start(db: &PgPool, api: &FakeApi, pacing: Pacing) -> (CancellationToken, tokio::task::JoinHandle<()>) {
    let bot = Bot::new("123:OUTBOX").set_api_url(api.url.parse().unwrap());
    let stop = CancellationToken::new();
    let edge = std::sync::Arc::new(Edge::new(pacing, RetryPolicy::new(Duration::from_secs(5))));
    (stop.clone(), OutboxSender::new(db.clone(), bot, edge).spawn(stop))
}

async fn drained(db: &PgPool, within: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    while tokio::time::Instant::now() < deadline {
        if outbox::pending_count(db).await.unwrap() == 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

fn bodies_for(api: &FakeApi, chat: i64) -> Vec<String> {
    api.sent()
        .iter()
        .filter(|m| m["chat_id"] == chat)
        .map(|m| m["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_burst_is_delivered_in_order_paced_while_other_chats_go_ahead(db: PgPool) {
    let api = FakeApi::start();
    for i in 0..50 {
        enqueue(&db, text(ADMIN_GROUP, &format!("receipt {i}"))).await;
    }
    for i in 0..5 {
        enqueue(&db, text(42, &format!("private {i}"))).await;
    }
    let pace = Duration::from_millis(40);
    let (stop, sender) = start(&db, &api, Pacing { group: pace, ..Pacing::NONE });
    assert!(drained(&db, Duration::from_secs(30)).await, "everything delivered");
    stop.cancel();
    sender.await.unwrap();

    let expected: Vec<String> = (0..50).map(|i| format!("receipt {i}")).collect();
    assert_eq!(bodies_for(&api, ADMIN_GROUP), expected, "in order, each once");
    let group_times: Vec<_> = api
        .sent_with_times()
        .into_iter()
        .filter(|(m, _)| m["chat_id"] == ADMIN_GROUP)
        .map(|(_, t)| t)
        .collect();
    // Telegram's group limit is a rate (20 a minute), so the burst as a whole must keep the pace.
    // Single gaps are measured here on arrival, after an HTTP round trip each: one request slowed
    // by a busy machine arrives close to the next, so they say nothing about the pacer. Its exact
    // spacing is proven on a paused clock in `telegram::pacing`'s unit tests.
    let span = *group_times.last().unwrap() - group_times[0];
    assert!(span >= pace * 49 * 95 / 100, "50 notices in {span:?}, faster than one per {pace:?}");
    let tens: Vec<_> = group_times.iter().step_by(10).collect();
    for pair in tens.windows(2) {
        // Any ten in a row: a burst let through at once would show here, jitter would not.
        assert!(*pair[1] - *pair[0] >= pace * 8, "ten notices within {:?}", *pair[1] - *pair[0]);
    }
    // The private chat did not wait for the group's burst.
    let order: Vec<i64> = api.sent().iter().map(|m| m["chat_id"].as_i64().unwrap()).collect();
    let last_private = order.iter().rposition(|c| *c == 42).unwrap();
    assert!(last_private < 10, "private notices went out early: position {last_private} of {order:?}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_429_is_honoured_and_the_notice_sent_once(db: PgPool) {
    let api = FakeApi::start();
    api.fail_next(Failure::RetryAfter(1));
    let id = enqueue(&db, text(ADMIN_GROUP, "receipt")).await;
    enqueue(&db, text(ADMIN_GROUP, "next")).await;
    let started = std::time::Instant::now();
    let (stop, sender) = start(&db, &api, Pacing::NONE);
    assert!(drained(&db, Duration::from_secs(10)).await);
    stop.cancel();
    sender.await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "waited the retry_after");
    assert_eq!(bodies_for(&api, ADMIN_GROUP), ["receipt", "next"], "order kept across the retry");
    let row = outbox::get(&db, id).await.unwrap().unwrap();
    assert_eq!((row.attempts, row.sent_at.is_some()), (2, true));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_permanent_refusal_is_recorded_and_does_not_block_others(db: PgPool) {
    let api = FakeApi::start();
    api.fail_next(Failure::Blocked);
    let blocked = enqueue(&db, text(77, "to a guest who blocked the bot")).await;
    enqueue(&db, text(ADMIN_GROUP, "for the admins")).await;
    let (stop, sender) = start(&db, &api, Pacing::NONE);
    assert!(drained(&db, Duration::from_secs(10)).await);
    stop.cancel();
    sender.await.unwrap();
    let row = outbox::get(&db, blocked).await.unwrap().unwrap();
    assert!(row.failed_at.is_some() && row.sent_at.is_none());
    assert!(row.last_error.unwrap().contains("blocked"));
    assert_eq!(bodies_for(&api, ADMIN_GROUP), ["for the admins"]);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_network_error_is_retried(db: PgPool) {
    let api = FakeApi::start();
    api.fail_next(Failure::Disconnect);
    let id = enqueue(&db, text(ADMIN_GROUP, "eventually")).await;
    let (stop, sender) = start(&db, &api, Pacing::NONE);
    assert!(drained(&db, Duration::from_secs(15)).await, "delivered after the back-off");
    stop.cancel();
    sender.await.unwrap();
    assert_eq!(bodies_for(&api, ADMIN_GROUP), ["eventually"]);
    assert_eq!(outbox::get(&db, id).await.unwrap().unwrap().attempts, 2);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn notices_written_before_a_restart_are_delivered_once(db: PgPool) {
    let api = FakeApi::start();
    // Committed while no sender runs (the bot crashed right after the change).
    for i in 0..3 {
        enqueue(&db, text(ADMIN_GROUP, &format!("before restart {i}"))).await;
    }
    let pacing = Pacing::NONE;
    let (stop, sender) = start(&db, &api, pacing);
    assert!(drained(&db, Duration::from_secs(10)).await);
    stop.cancel();
    sender.await.unwrap();
    // A second start finds nothing left to send.
    let (stop, sender) = start(&db, &api, pacing);
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.cancel();
    sender.await.unwrap();
    assert_eq!(bodies_for(&api, ADMIN_GROUP), ["before restart 0", "before restart 1", "before restart 2"]);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_rolled_back_change_sends_nothing(db: PgPool) {
    let mut tx = db.begin().await.unwrap();
    outbox::enqueue(&mut tx, &text(ADMIN_GROUP, "never happened")).await.unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 0);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn receipts_go_out_as_photos_with_caption_and_buttons(db: PgPool) {
    let api = FakeApi::start();
    let markup = serde_json::json!({ "inline_keyboard": [[{ "text": "Approve", "callback_data": "1a7" }]] });
    let notice = NewNotice {
        chat_id: ADMIN_GROUP,
        kind: OutboxKind::Photo,
        body: "<b>Booking #7</b>".into(),
        file_id: Some("AgACAgIAAx".into()),
        reply_markup: Some(markup.clone()),
        booking_id: None,
    };
    let id = enqueue(&db, notice).await;
    let (stop, sender) = start(&db, &api, Pacing::NONE);
    assert!(drained(&db, Duration::from_secs(10)).await);
    stop.cancel();
    sender.await.unwrap();
    let sent = api.sent();
    assert_eq!(sent[0]["method"], "sendphoto");
    assert_eq!(
        (sent[0]["photo"].as_str(), sent[0]["caption"].as_str()),
        (Some("AgACAgIAAx"), Some("<b>Booking #7</b>"))
    );
    assert_eq!(sent[0]["reply_markup"], markup);
    assert!(outbox::get(&db, id).await.unwrap().unwrap().sent_message_id.is_some());
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_guest_is_answered_while_a_burst_is_still_draining(db: PgPool) {
    let api = FakeApi::start();
    for i in 0..50 {
        enqueue(&db, text(ADMIN_GROUP, &format!("receipt {i}"))).await;
    }
    // 50 notices at 100 ms each take five seconds to drain.
    let (stop, sender) = start(&db, &api, Pacing { group: Duration::from_millis(100), ..Pacing::NONE });
    tokio::time::sleep(Duration::from_millis(150)).await;
    let env = BotEnv::new(db.clone());
    let mut guest =
        teloxide_tests::MockBot::new(teloxide_tests::MockMessageText::new().text("/start"), bot::schema());
    guest.dependencies(env.deps());
    guest.dispatch().await;
    assert_eq!(guest.get_responses().sent_messages.len(), 1, "the guest got the menu");
    let pending = outbox::pending_count(&db).await.unwrap();
    assert!(pending > 10, "the guest did not wait for the burst ({pending} notices still queued)");
    stop.cancel();
    sender.await.unwrap();
}
