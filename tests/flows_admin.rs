//! Admin decisions through `bot::schema()` with MockBot, the real store and real PostgreSQL:
//! approve / reject / edit price / edit prepayment from the approval message; double presses;
//! the same buttons pressed by a non-admin in the group and forged by a guest in a private chat.

mod support;

use chrono::{Duration, Utc};
use secret_house_bot::{
    bot::{
        self, State,
        approval::receipt_notices,
        callback::{AdminAction, CallbackData},
    },
    db::{
        booking_changes,
        bookings::{self, Booking},
        outbox,
    },
    domain::{
        booking::{Actor, BookingStatus, ReceiptKind},
        money::Money,
    },
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, ADMIN_ID, BotEnv, INFORM_CHAT_ID, last_sent_text},
    db_fixtures,
};
use teloxide::types::{ChatId, User, UserId};
use teloxide_tests::{
    MockBot, MockCallbackQuery, MockGroupChat, MockMessagePhoto, MockMessageText, MockUser,
};

const GUEST_TG: i64 = 555_001;

/// A booking awaiting approval with a photo receipt.
async fn awaiting(db: &PgPool) -> Booking {
    let guest = db_fixtures::user(db, GUEST_TG).await;
    let mut new = db_fixtures::hold(&guest, Utc::now() + Duration::days(10), 24);
    new.comment = Some("<script>alert(1)</script> & cake".into());
    let booking =
        booking_changes::create_hold(db, &new, Actor::Guest { telegram_id: GUEST_TG }).await.unwrap();
    let actor = Actor::Guest { telegram_id: GUEST_TG };
    booking_changes::attach_receipt(db, booking.id, guest.id, "photo-file", ReceiptKind::Photo, actor)
        .await
        .unwrap();
    bookings::get(db, booking.id).await.unwrap()
}

fn user(id: u64) -> User {
    let mut user = MockUser::new().build();
    user.id = UserId(id);
    user.first_name = "Anna".into();
    user
}

/// A press of `action` on the approval message in the admin group, by `presser`.
fn press(action: AdminAction, booking: i64, presser: u64) -> MockCallbackQuery {
    let group = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    let approval = MockMessagePhoto::new().chat(group).caption("🧾 Бронь").build();
    MockCallbackQuery::new()
        .data(CallbackData::Admin { action, booking }.encode())
        .from(user(presser))
        .message(approval)
}

/// What the guest is told: notices queued for the guest's chat (the outbox delivers them).
async fn guest_notices(db: &PgPool) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM outbox WHERE chat_id = $1 ORDER BY id")
        .bind(GUEST_TG)
        .fetch_all(db)
        .await
        .unwrap()
}

/// A message typed in the admin group by `from`.
fn in_group(text: &str, from: u64) -> MockMessageText {
    MockMessageText::new().text(text).chat(MockGroupChat::new().id(ADMIN_CHAT_ID).build()).from(user(from))
}

/// Whether `admin` has an edit waiting for its amount.
fn pending(env: &BotEnv, admin: u64) -> bool {
    env.app.sessions.store().get(&format!("admin-edit:{admin}")).is_some()
}

async fn event_count(db: &PgPool, booking: i64) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM booking_events WHERE booking_id = $1")
        .bind(booking)
        .fetch_one(db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn approve_confirms_tells_the_guest_informs_staff_and_a_second_press_changes_nothing(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let booking = awaiting(&db).await;
    let mut bot = MockBot::new(press(AdminAction::Approve, booking.id, ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;

    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::Confirmed);
    let responses = bot.get_responses();
    // The guest is told through the outbox, committed with the decision.
    let to_guest = guest_notices(&db).await;
    assert_eq!(to_guest.len(), 1, "{to_guest:?}");
    assert!(to_guest[0].contains(&format!("#{} подтверждено", booking.id)));
    assert!(to_guest[0].contains("Предоплата: 400 BYN"));
    let edited = responses.edited_messages_caption.last().expect("approval message re-rendered");
    assert!(edited.message.caption().unwrap().contains("подтверждена — Anna"));
    assert!(edited.message.caption().unwrap().contains("&lt;script&gt;"), "guest text escaped");
    assert!(edited.message.reply_markup().is_none_or(|m| m.inline_keyboard.is_empty()), "buttons gone");
    let inform: Vec<_> = sqlx::query_scalar::<_, String>("SELECT body FROM outbox WHERE chat_id = $1")
        .bind(INFORM_CHAT_ID)
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(inform.len(), 1);
    assert!(inform[0].contains(&format!("#{}", booking.id)));
    let events = event_count(&db, booking.id).await;

    bot.update(press(AdminAction::Approve, booking.id, ADMIN_ID));
    bot.dispatch().await;
    let responses = bot.get_responses();
    let answer = responses.answered_callback_queries.last().unwrap();
    assert!(answer.text.as_deref().unwrap().contains("уже «подтверждена»"));
    assert_eq!(event_count(&db, booking.id).await, events, "nothing recorded twice");
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 2, "no second inform or guest notice");
    assert_eq!(guest_notices(&db).await.len(), 1, "guest not told twice");
    // The message already shows the decision: nothing is redrawn (Telegram would refuse an
    // identical edit as "message is not modified").
    assert!(responses.edited_messages_caption.is_empty() && responses.edited_messages_text.is_empty());

    // A copy that still shows the buttons (decided from another message) is brought up to date.
    let group = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    let markup =
        secret_house_bot::bot::approval::keyboard(&env.app, secret_house_bot::i18n::Lang::Ru, &booking);
    let stale = MockMessagePhoto::new().chat(group).caption("🧾 Бронь").reply_markup(markup).build();
    bot.update(press(AdminAction::Approve, booking.id, ADMIN_ID).message(stale));
    bot.dispatch().await;
    let edited = bot.get_responses().edited_messages_caption.last().cloned().expect("redrawn");
    assert!(edited.message.reply_markup().is_none_or(|m| m.inline_keyboard.is_empty()), "buttons gone");
    assert_eq!(event_count(&db, booking.id).await, events, "still nothing recorded");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_same_amount_again_changes_nothing_and_tells_the_guest_nothing(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let booking = awaiting(&db).await;
    let group = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    let mut bot = MockBot::new(press(AdminAction::EditPrice, booking.id, ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let events = event_count(&db, booking.id).await;
    bot.update(MockMessageText::new().text(booking.price.to_string()).chat(group).from(user(ADMIN_ID)));
    bot.dispatch().await;
    let responses = bot.get_responses();
    assert!(guest_notices(&db).await.is_empty(), "the guest is not told");
    assert!(last_sent_text(&bot).contains("уже 800 BYN"), "{}", last_sent_text(&bot));
    assert!(responses.edited_messages_caption.is_empty(), "nothing to redraw");
    assert_eq!(event_count(&db, booking.id).await, events, "no audit row for a non-change");
    assert!(!pending(&env, ADMIN_ID), "the edit is over");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn reject_tells_the_guest(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let booking = awaiting(&db).await;
    let mut bot = MockBot::new(press(AdminAction::Reject, booking.id, ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::Rejected);
    let to_guest = guest_notices(&db).await;
    assert!(to_guest.len() == 1 && to_guest[0].contains("отклонено"), "{to_guest:?}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_non_admin_and_a_forging_guest_change_nothing(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let booking = awaiting(&db).await;
    // A member of the admin group who is not an admin.
    let mut bot = MockBot::new(press(AdminAction::Approve, booking.id, 123), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let answer = bot.get_responses().answered_callback_queries.last().cloned().unwrap();
    assert_eq!(
        answer.text.as_deref(),
        Some(env.text(secret_house_bot::i18n::Lang::Ru, "admin-not-allowed").as_str())
    );
    assert_eq!(answer.show_alert, Some(true));

    // The guest forges the callback in their private chat (the original bot's S1).
    let forged = MockCallbackQuery::new()
        .data(CallbackData::Admin { action: AdminAction::Approve, booking: booking.id }.encode())
        .from(user(GUEST_TG as u64));
    bot.update(forged);
    bot.dispatch().await;
    for action in [AdminAction::Reject, AdminAction::EditPrice] {
        bot.update(press(action, booking.id, GUEST_TG as u64));
        bot.dispatch().await;
    }
    let after = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((after.status, after.price), (BookingStatus::AwaitingApproval, booking.price));
    assert_eq!(event_count(&db, booking.id).await, 2, "only create and receipt");
    assert!(!pending(&env, GUEST_TG as u64), "no edit was started");
    assert_eq!(bot.try_get_state::<State>().await, None, "nor a dialogue");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_admin_edits_the_price_and_then_the_prepayment(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let booking = awaiting(&db).await;
    let typed = in_group;
    let mut bot = MockBot::new(press(AdminAction::EditPrice, booking.id, ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(last_sent_text(&bot).contains("новую цену"));
    // A forced reply to the pressing admin: with privacy mode on, a group delivers replies to the
    // bot but not plain text.
    let prompt = bot.get_responses().sent_messages_text.last().unwrap().bot_request.clone();
    let force_reply = |markup: &Option<teloxide::types::ReplyMarkup>| match markup {
        Some(teloxide::types::ReplyMarkup::ForceReply(reply)) => reply.selective,
        _ => false,
    };
    assert!(force_reply(&prompt.reply_markup), "{:?}", prompt.reply_markup);
    assert!(
        prompt.text.contains(&format!("tg://user?id={ADMIN_ID}")),
        "the admin is mentioned: {}",
        prompt.text
    );

    // Someone else in the group talks: ignored. The admin types nonsense: explained, still waiting.
    bot.update(typed("750", 123));
    bot.dispatch().await;
    assert!(bot.get_responses().sent_messages.is_empty());
    bot.update(typed("семьсот", ADMIN_ID));
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with("Это не похоже на сумму"));
    let retry = bot.get_responses().sent_messages_text.last().unwrap().bot_request.clone();
    assert!(force_reply(&retry.reply_markup), "asked again as a reply: {:?}", retry.reply_markup);
    bot.update(typed("750,50", ADMIN_ID));
    bot.dispatch().await;
    let responses = bot.get_responses();
    assert!(guest_notices(&db).await.iter().any(|body| body.contains("750.50 BYN")));
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().price, Money::from_kopecks(75_050));
    assert!(
        responses.edited_messages_caption.last().unwrap().message.caption().unwrap().contains("750.50 BYN")
    );

    // Prepayment above the price is refused, a valid one is saved.
    bot.update(press(AdminAction::EditPrepayment, booking.id, ADMIN_ID));
    bot.dispatch().await;
    bot.update(typed("800", ADMIN_ID));
    bot.dispatch().await;
    assert!(last_sent_text(&bot).contains("не может быть больше цены"));
    bot.update(typed("750.50", ADMIN_ID));
    bot.dispatch().await;
    let saved = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((saved.price, saved.prepayment), (Money::from_kopecks(75_050), Money::from_kopecks(75_050)));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn receipt_notices_fit_the_caption_limit(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let mut booking = awaiting(&db).await;
    let short =
        receipt_notices(&env.app, &booking, None, ADMIN_CHAT_ID, None, ("photo-file", ReceiptKind::Photo));
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].file_id.as_deref(), Some("photo-file"));
    assert!(short[0].reply_markup.is_some(), "Approve/Reject/Edit buttons");
    booking.comment = Some("очень длинный комментарий ".repeat(60));
    let long =
        receipt_notices(&env.app, &booking, None, ADMIN_CHAT_ID, None, ("photo-file", ReceiptKind::Photo));
    assert_eq!(long.len(), 2, "caption plus a follow-up message");
    assert!(long[0].body.chars().count() <= 1024);
    assert!(long[1].body.contains("очень длинный"));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_edit_is_abandoned_by_any_command_and_a_vanished_booking_is_explained(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let booking = awaiting(&db).await;
    let group = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    let typed = |text: &str| MockMessageText::new().text(text).chat(group.clone()).from(user(ADMIN_ID));
    let mut bot = MockBot::new(press(AdminAction::EditPrice, booking.id, ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    bot.update(typed("/start"));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), env.text(secret_house_bot::i18n::Lang::Ru, "cancelled"));
    assert!(!pending(&env, ADMIN_ID));
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().price, booking.price, "nothing changed");

    // An Edit button of a booking that does not exist (an old message, another database).
    bot.update(press(AdminAction::EditPrice, 999_999, ADMIN_ID));
    bot.dispatch().await;
    bot.update(typed("100"));
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with(&env.text(secret_house_bot::i18n::Lang::Ru, "button-outdated")));
    assert!(!pending(&env, ADMIN_ID));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_refused_decision_tells_no_one_and_a_committed_one_tells_the_guest_through_the_outbox(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let booking = awaiting(&db).await;
    // The guest's notice is part of the decision's transaction: a decision refused by the
    // database (here: the booking is already decided) queues nothing for anyone.
    sqlx::query("UPDATE bookings SET status = 'rejected' WHERE id = $1")
        .bind(booking.id)
        .execute(&db)
        .await
        .unwrap();
    let mut bot = MockBot::new(press(AdminAction::Approve, booking.id, ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(guest_notices(&db).await.is_empty());
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 0);
    // The guest is told even when Telegram is not reachable at that moment: the notice waits in
    // the outbox (no message is sent to the guest from the handler at all).
    sqlx::query("UPDATE bookings SET status = 'awaiting_approval' WHERE id = $1")
        .bind(booking.id)
        .execute(&db)
        .await
        .unwrap();
    bot.update(press(AdminAction::Approve, booking.id, ADMIN_ID));
    bot.dispatch().await;
    assert!(!bot.get_responses().sent_messages.iter().any(|m| m.chat.id == ChatId(GUEST_TG)));
    assert_eq!(guest_notices(&db).await.len(), 1);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn two_admins_edit_in_one_group_and_the_others_there_are_answered_as_usual(db: PgPool) {
    const SECOND_ADMIN: u64 = 900_002;
    let mut env = BotEnv::new(db.clone());
    std::sync::Arc::get_mut(&mut env.app).unwrap().settings.admin.user_ids.push(SECOND_ADMIN);
    let booking = awaiting(&db).await;
    let typed = in_group;
    let mut bot = MockBot::new(press(AdminAction::EditPrice, booking.id, ADMIN_ID), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    bot.update(press(AdminAction::EditPrepayment, booking.id, SECOND_ADMIN));
    bot.dispatch().await;
    assert!(pending(&env, ADMIN_ID) && pending(&env, SECOND_ADMIN), "neither overwrote the other");

    // A member's command in the group while both wait: answered as ever, not swallowed.
    bot.update(typed("/start", 123));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), env.text(secret_house_bot::i18n::Lang::Ru, "private-only"));

    bot.update(typed("700", SECOND_ADMIN));
    bot.dispatch().await;
    bot.update(typed("900", ADMIN_ID));
    bot.dispatch().await;
    let saved = bookings::get(&db, booking.id).await.unwrap();
    assert_eq!((saved.price, saved.prepayment), (Money::from_roubles(900), Money::from_roubles(700)));
    assert!(!pending(&env, ADMIN_ID) && !pending(&env, SECOND_ADMIN));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn pending_sends_the_approval_messages_again_to_admins_only(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let waiting = awaiting(&db).await;
    // Not waiting for a decision: left out.
    let other = db_fixtures::user(&db, 555_002).await;
    db_fixtures::create(&db, &db_fixtures::hold(&other, Utc::now() + Duration::days(20), 24)).await;

    // A guest (not an admin) typing the admins' command, in private: an unknown command.
    let mut bot =
        MockBot::new(MockMessageText::new().text("/pending").from(user(GUEST_TG as u64)), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with(&env.text(secret_house_bot::i18n::Lang::Ru, "unknown-input")));
    assert_eq!(outbox::pending_count(&db).await.unwrap(), 0, "nothing queued for a guest");

    // An admin in the admin group.
    bot.update(in_group("/pending", ADMIN_ID));
    bot.dispatch().await;
    assert!(last_sent_text(&bot).contains('1'), "{}", last_sent_text(&bot));
    let queued: Vec<(i64, String, Option<String>, Option<serde_json::Value>)> = sqlx::query_as(
        "SELECT chat_id, kind, file_id, reply_markup FROM outbox WHERE booking_id = $1 ORDER BY id",
    )
    .bind(waiting.id)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(queued.len(), 1, "{queued:?}");
    let (chat, kind, file, markup) = &queued[0];
    assert_eq!((*chat, kind.as_str(), file.as_deref()), (ADMIN_CHAT_ID, "photo", Some("photo-file")));
    let approve = CallbackData::Admin { action: AdminAction::Approve, booking: waiting.id }.encode();
    assert!(
        markup.as_ref().is_some_and(|m| m.to_string().contains(&approve)),
        "with its buttons: {markup:?}"
    );

    // Once decided, nothing is waiting any more.
    bot.update(press(AdminAction::Approve, waiting.id, ADMIN_ID));
    bot.dispatch().await;
    bot.update(in_group("/pending", ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), env.text(secret_house_bot::i18n::Lang::Ru, "admin-pending-none"));
}
