//! The menu's information screens through `bot::schema()` with MockBot, the real store and real
//! PostgreSQL: prices from the catalog, free dates around a real booking, the language switch,
//! forged months, and a database outage.

mod support;

use chrono::{Datelike, Duration, Months, NaiveDate, Utc};
use secret_house_bot::{
    bot::{
        self,
        callback::{CallbackData, Mine},
    },
    db::{booking_changes, users},
    domain::booking::{Actor, Transition},
    i18n::Lang,
};
use sqlx::PgPool;
use support::{bot_env::BotEnv, db_fixtures};
use teloxide::types::InlineKeyboardButtonKind;
use teloxide_tests::{MockBot, MockCallbackQuery, MockMessageText};

fn press(data: CallbackData) -> MockCallbackQuery {
    MockCallbackQuery::new().data(data.encode())
}

/// The text of the last edited or sent message.
fn last_screen(bot: &MockBot<bot::HandlerError, teloxide_tests::mock_bot::DistributionKey>) -> String {
    let responses = bot.get_responses();
    match responses.edited_messages_text.last() {
        Some(edited) => edited.message.text().unwrap_or_default().to_owned(),
        None => responses.sent_messages.last().and_then(|m| m.text()).unwrap_or_default().to_owned(),
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_menu_offers_booking_self_service_free_dates_prices_contact_and_language(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(MockMessageText::new().text("/start"), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let responses = bot.get_responses();
    let keyboard = responses.sent_messages.last().unwrap().reply_markup().unwrap().clone();
    let callbacks: Vec<CallbackData> = keyboard
        .inline_keyboard
        .iter()
        .flatten()
        .filter_map(|b| match &b.kind {
            InlineKeyboardButtonKind::CallbackData(data) => CallbackData::decode(data),
            _ => None,
        })
        .collect();
    assert_eq!(
        callbacks,
        [
            CallbackData::Book,
            CallbackData::GiftShop,
            CallbackData::Mine(Mine::List { page: 0 }),
            CallbackData::Mine(Mine::CancelList),
            CallbackData::Mine(Mine::MoveList),
            CallbackData::FreeDates,
            CallbackData::Prices,
            CallbackData::Language(Lang::En)
        ]
    );
    assert!(keyboard.inline_keyboard.len() <= 6, "one phone screen: {} rows", keyboard.inline_keyboard.len());
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn prices_come_from_the_active_price_list(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(press(CallbackData::Prices), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert_eq!(bot.get_responses().answered_callback_queries.len(), 1, "the button was answered");
    let text = last_screen(&bot);
    for tariff in &env.app.catalog.tariffs {
        assert!(text.contains(&tariff.rules.name_ru), "{} missing:\n{text}", tariff.rules.name_ru);
    }
    for line in [
        "Суточно от 3 человек</b> — 700 BYN за 24 ч",
        "2 суток — 1100 BYN",
        "+ сауна: 100 BYN",
        "В цене 2 гостя",
        "+ каждый следующий гость: 200 BYN",
        "Время: 11:00–20:00, 22:00–09:00",
    ] {
        assert!(text.contains(line), "{line:?} missing:\n{text}");
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_prices_command_sends_the_price_list(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(MockMessageText::new().text("/prices"), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let text = last_screen(&bot);
    // The mock server returns the HTML as sent; Telegram renders it.
    assert!(text.starts_with("💰 <b>Цены</b>"), "{text}");
    assert!(text.contains("Инкогнито (Суточно)</b> — 900 BYN за 24 ч"), "{text}");
    let sent = bot.get_responses().sent_messages_text.last().unwrap().bot_request.parse_mode;
    assert_eq!(sent, Some(teloxide::types::ParseMode::Html));
    assert!(text.contains("Предоплата 50 %"), "{text}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn free_dates_show_the_time_around_a_booking_with_its_cleaning(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let clock = env.app.clock();
    // A confirmed stay next month: the 10th 12:00 to the 11th 12:00 (house time), cleaning to 14:00.
    let month = clock.today().with_day(1).unwrap().checked_add_months(Months::new(1)).unwrap();
    let day = |d: u32| NaiveDate::from_ymd_opt(month.year(), month.month(), d).unwrap();
    let start = clock.instant(day(10).and_hms_opt(12, 0, 0).unwrap()).unwrap();
    let guest = db_fixtures::user(&db, 5).await;
    let mut new = db_fixtures::hold(&guest, start, 24);
    new.hold_expires_at = Utc::now() + Duration::hours(1);
    let booking = booking_changes::create_hold(&db, &new, Actor::Guest { telegram_id: 5 }).await.unwrap();
    booking_changes::transition(&db, booking.id, Transition::Approve, Actor::System, Default::default())
        .await
        .unwrap();

    let mut bot = MockBot::new(press(CallbackData::FreeDates), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let picker = bot.get_responses();
    let months =
        picker.edited_messages_text.last().unwrap().message.reply_markup().unwrap().inline_keyboard.concat();
    assert_eq!(months.len(), 7 + 1, "this month, six more, and Menu");

    bot.update(press(CallbackData::FreeDatesMonth { year: month.year(), month: month.month() }));
    bot.dispatch().await;
    let text = last_screen(&bot);
    let mm = format!("{:02}", month.month());
    assert!(text.contains(&format!("📍 10.{mm}: 00:00–10:00")), "{text}");
    assert!(text.contains(&format!("📍 11.{mm}: 14:00–24:00")), "{text}");
    assert!(text.contains(&format!("📍 12.{mm}: весь день")), "{text}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_month_outside_the_offer_is_an_outdated_button(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(press(CallbackData::FreeDatesMonth { year: 2020, month: 1 }), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let responses = bot.get_responses();
    assert!(responses.edited_messages_text.is_empty(), "nothing was shown for it");
    assert!(
        responses
            .sent_messages
            .last()
            .unwrap()
            .text()
            .unwrap()
            .starts_with(&env.text(Lang::Ru, "button-outdated"))
    );
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_language_switch_sticks_to_the_guest(db: PgPool) {
    let env = BotEnv::new(db.clone());
    let mut bot = MockBot::new(press(CallbackData::Language(Lang::En)), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(last_screen(&bot).starts_with("The language is now English."), "{}", last_screen(&bot));
    let stored = users::by_telegram_id(&db, teloxide_tests::MockUser::ID as i64).await.unwrap().unwrap();
    assert_eq!(stored.language, "en");
    // The client is still set to Russian (no language_code), but the guest chose English.
    bot.update(MockMessageText::new().text("/help"));
    bot.dispatch().await;
    assert!(last_screen(&bot).starts_with("I help you book"), "{}", last_screen(&bot));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_database_outage_still_answers_and_says_what_happened(db: PgPool) {
    let env = BotEnv::new(db);
    env.app.db.close().await;
    let mut bot = MockBot::new(MockMessageText::new().text("/start"), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(last_screen(&bot).starts_with("Добро пожаловать"), "the menu works without the database");
    let month = env.app.clock().today();
    bot.update(press(CallbackData::FreeDatesMonth { year: month.year(), month: month.month() }));
    bot.dispatch().await;
    assert_eq!(last_screen(&bot), env.text(Lang::Ru, "error-internal"));
}
