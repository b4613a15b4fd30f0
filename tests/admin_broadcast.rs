//! `/broadcast` through `bot::schema()` with MockBot, the real store and real PostgreSQL: the
//! audience with its counts, the message (text or photo), the preview, Send writing the
//! broadcast and its recipients once, one broadcast at a time, Stop; the group and guests
//! refused. (The sending itself: `smoke_broadcast.rs`, through the real binary.)

mod support;

use secret_house_bot::{
    bot::{
        self, State,
        callback::{Audience, BroadcastPress, CallbackData},
    },
    db::broadcasts,
    domain::booking::BookingStatus,
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_ID, BotEnv, last_sent_text},
    db_fixtures::{at, booking_in, user},
    staff::{private_press, private_text},
};
use teloxide::types::ChatId;
use teloxide_tests::{MockBot, MockMessagePhoto, MockPrivateChat};

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_admin_prepares_previews_and_sends_one_broadcast_at_a_time(db: PgPool) {
    for guest in 1..=3 {
        user(&db, guest).await;
    }
    let booker = user(&db, 4).await;
    booking_in(&db, &booker, at(0), 24, BookingStatus::Confirmed).await;
    sqlx::query("UPDATE users SET is_active = FALSE WHERE telegram_user_id = 3").execute(&db).await.unwrap();
    let env = BotEnv::new(db.clone());
    let ru = |id: &str| env.text(Lang::Ru, id);
    let mut bot = MockBot::new(private_text("/broadcast", ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let first = last_sent_text(&bot);
    assert_eq!(first, ru("broadcast-ask-audience"));
    let state = || async { env.storage.clone().get_dialogue(ChatId(ADMIN_ID as i64)).await.unwrap() };

    bot.update(private_press(
        CallbackData::Broadcast(BroadcastPress::Audience(Audience::WithoutBookings)),
        ADMIN_ID,
    ));
    bot.dispatch().await;
    assert!(matches!(state().await, Some(State::Broadcast { .. })));
    // A sticker-like nothing (empty text) is refused; then a photo with a caption is previewed.
    bot.update(private_text("   ", ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), ru("broadcast-text-or-photo"));
    let chat = MockPrivateChat::new().id(ADMIN_ID as i64).build();
    bot.update(
        MockMessagePhoto::new()
            .caption("Spring dates are open!")
            .chat(chat)
            .from(support::staff::person(ADMIN_ID)),
    );
    bot.dispatch().await;
    let responses = bot.get_responses();
    assert_eq!(
        responses.sent_messages_photo.last().and_then(|p| p.message.caption()),
        Some("Spring dates are open!")
    );
    // Guests 1 and 2 (3 is inactive, 4 has a booking; the admin wrote to the bot too).
    let preview = last_sent_text(&bot);
    assert!(preview.contains("Получателей: 3"), "{preview}");

    bot.update(private_press(CallbackData::Broadcast(BroadcastPress::Send), ADMIN_ID));
    bot.dispatch().await;
    let running = broadcasts::running(&db).await.unwrap().expect("running");
    assert_eq!(
        (running.audience.as_str(), running.body.as_str(), running.photo_file_id.is_some()),
        ("without_bookings", "Spring dates are open!", true)
    );
    assert_eq!(broadcasts::progress(&db, running.id).await.unwrap().total, 3);
    assert!(running.progress_message_id.is_some(), "the progress message is known");
    assert_eq!(state().await, None, "done preparing");

    // A second one while it runs: refused.
    bot.update(private_text("/broadcast", ADMIN_ID));
    bot.dispatch().await;
    bot.update(private_press(CallbackData::Broadcast(BroadcastPress::Audience(Audience::All)), ADMIN_ID));
    bot.dispatch().await;
    bot.update(private_text("Another one", ADMIN_ID));
    bot.dispatch().await;
    bot.update(private_press(CallbackData::Broadcast(BroadcastPress::Send), ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), ru("broadcast-already-running"));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM broadcasts").fetch_one(&db).await.unwrap();
    assert_eq!(count, 1);

    // Stop: a guest's forged press is refused, the admin's stops it, a second says so.
    bot.update(private_press(CallbackData::Broadcast(BroadcastPress::Stop(running.id)), 1));
    bot.dispatch().await;
    assert!(broadcasts::running(&db).await.unwrap().is_some());
    bot.update(private_press(CallbackData::Broadcast(BroadcastPress::Stop(running.id)), ADMIN_ID));
    bot.dispatch().await;
    assert!(broadcasts::running(&db).await.unwrap().is_none());
    bot.update(private_press(CallbackData::Broadcast(BroadcastPress::Stop(running.id)), ADMIN_ID));
    bot.dispatch().await;
    let answer = bot.get_responses().answered_callback_queries.last().and_then(|a| a.text.clone());
    assert_eq!(answer, Some(ru("broadcast-not-running")));

    // A guest typing the command: unknown.
    bot.update(private_text("/broadcast", 1));
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with(&ru("unknown-input")));
}
