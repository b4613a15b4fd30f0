//! `/keybox` and the approval-time arrival instructions through `bot::schema()` with MockBot, the
//! real store and real PostgreSQL, with the process's tracing output captured: the code is for
//! admins in a private chat only, exactly four digits, audited without its value, and never in a
//! log line or a staff chat's notice.

mod support;

use chrono::{Duration, Utc};
use secret_house_bot::{
    bot::{
        self,
        callback::{AdminAction, CallbackData},
    },
    db::{bookings, house_settings},
    domain::booking::BookingStatus,
    i18n::Lang,
};
use sqlx::PgPool;
use support::{
    bot_env::{ADMIN_CHAT_ID, ADMIN_ID, BotEnv, INFORM_CHAT_ID, last_sent_text},
    db_fixtures::{self, booking_in},
    logs::captured,
    staff::{person, private_press, private_text},
};
use teloxide_tests::{MockBot, MockCallbackQuery, MockGroupChat, MockMessageText};

const GUEST_TG: u64 = 555_777;

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_key_box_code_is_for_admins_in_private_exactly_four_digits_and_never_logged(db: PgPool) {
    let logs = captured();
    let env = BotEnv::new(db.clone());
    let ru = |id: &str| env.text(Lang::Ru, id);
    let mut bot = MockBot::new(private_text("/keybox", GUEST_TG), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with(&ru("unknown-input")), "a guest: an unknown command");

    bot.update(private_text("/keybox", ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), ru("keybox-not-set"));
    // A guest forging "Change" gets nothing: no code is awaited from them.
    bot.update(private_press(CallbackData::KeyboxChange, GUEST_TG));
    bot.dispatch().await;
    let answer = bot.get_responses().answered_callback_queries.last().and_then(|a| a.text.clone());
    assert_eq!(answer, Some(ru("admin-not-allowed")));
    bot.update(private_text("1111", GUEST_TG));
    bot.dispatch().await;
    assert_eq!(house_settings::get(&db, house_settings::KEYBOX_CODE).await.unwrap(), None);

    bot.update(private_press(CallbackData::KeyboxChange, ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), ru("keybox-enter"));
    for wrong in ["12a4", "12345", "123", "", "１２３４"] {
        bot.update(private_text(wrong, ADMIN_ID));
        bot.dispatch().await;
        assert_eq!(last_sent_text(&bot), ru("keybox-bad"), "{wrong:?}");
    }
    assert_eq!(house_settings::get(&db, house_settings::KEYBOX_CODE).await.unwrap(), None);
    bot.update(private_text(" 0427 ", ADMIN_ID));
    bot.dispatch().await;
    let saved = last_sent_text(&bot);
    assert!(
        saved.starts_with(&ru("keybox-saved")) && saved.contains("••27") && !saved.contains("0427"),
        "{saved}"
    );
    assert_eq!(house_settings::get(&db, house_settings::KEYBOX_CODE).await.unwrap().as_deref(), Some("0427"));
    let audit: Vec<(String, i64)> =
        sqlx::query_as("SELECT key, actor_telegram_id FROM settings_events").fetch_all(&db).await.unwrap();
    assert_eq!(audit, [("keybox_code".to_owned(), ADMIN_ID as i64)]);
    // The next message is an ordinary one again; the masked code is shown.
    bot.update(private_text("/keybox", ADMIN_ID));
    bot.dispatch().await;
    assert!(last_sent_text(&bot).contains("••27"));
    // Change → Cancel keeps the code.
    bot.update(private_press(CallbackData::KeyboxChange, ADMIN_ID));
    bot.dispatch().await;
    bot.update(private_press(CallbackData::KeyboxCancel, ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), ru("keybox-cancelled"));
    bot.update(private_press(CallbackData::KeyboxChange, ADMIN_ID));
    bot.dispatch().await;
    bot.update(private_text("/start", ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), ru("keybox-cancelled"), "a command leaves the change");
    bot.update(private_text("9999", ADMIN_ID));
    bot.dispatch().await;
    assert_eq!(house_settings::get(&db, house_settings::KEYBOX_CODE).await.unwrap().as_deref(), Some("0427"));
    // In the admin group: not shown at all.
    let group = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    bot.update(MockMessageText::new().text("/keybox").chat(group).from(person(ADMIN_ID)));
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), ru("keybox-private-only"));

    // The code goes out in a guest's instructions: approved after their moment (the day before at
    // noon) for a stay that starts in three hours, they go at once. One that starts in a month
    // gets them from the job, later.
    let guest = db_fixtures::user(&db, GUEST_TG as i64).await;
    let soon =
        booking_in(&db, &guest, Utc::now() + Duration::hours(3), 24, BookingStatus::AwaitingApproval).await;
    let later =
        booking_in(&db, &guest, Utc::now() + Duration::days(30), 24, BookingStatus::AwaitingApproval).await;
    let group = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    let approval = MockMessageText::new().text("🧾").chat(group).build();
    let approve = CallbackData::Admin { action: AdminAction::Approve, booking: soon.id };
    bot.update(MockCallbackQuery::new().data(approve.encode()).message(approval).from(person(ADMIN_ID)));
    bot.dispatch().await;
    assert_eq!(bookings::get(&db, soon.id).await.unwrap().status, BookingStatus::Confirmed);
    let group = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    let approval = MockMessageText::new().text("🧾").chat(group).build();
    let approve = CallbackData::Admin { action: AdminAction::Approve, booking: later.id };
    bot.update(MockCallbackQuery::new().data(approve.encode()).message(approval).from(person(ADMIN_ID)));
    bot.dispatch().await;
    assert!(bookings::get(&db, later.id).await.unwrap().instructions_sent_at.is_none(), "not a month early");
    let queued: Vec<(i64, String)> =
        sqlx::query_as("SELECT chat_id, body FROM outbox ORDER BY id").fetch_all(&db).await.unwrap();
    let to_guest: Vec<&String> = queued.iter().filter(|n| n.0 == GUEST_TG as i64).map(|n| &n.1).collect();
    assert_eq!(to_guest.len(), 5, "confirmed, route, check-in, sauna; confirmed (later): {queued:#?}");
    assert!(to_guest[2].contains("0427"));
    assert!(queued.iter().all(|(chat, body)| *chat == GUEST_TG as i64 || !body.contains("0427")));
    assert!(queued.iter().any(|n| n.0 == INFORM_CHAT_ID), "the staff feed heard of the approval");
    // The job then finds them sent.
    secret_house_bot::jobs::send_due_instructions(&env.app, Utc::now()).await;
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox").fetch_one(&db).await.unwrap();
    assert_eq!(after, queued.len() as i64, "approval then the job: one copy");

    let logs = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("the key-box code was changed"), "the change itself is logged: {logs}");
    assert!(!logs.contains("0427"), "the code is never logged:\n{logs}");
}
