//! The menu, /help, /cancel and every "does not fit" answer, through `bot::schema()` with
//! teloxide_tests' MockBot, the real session store and real PostgreSQL.

mod support;

use secret_house_bot::{bot, i18n::Lang};
use sqlx::PgPool;
use support::bot_env::{BotEnv, last_sent_text};
use teloxide::types::{InlineKeyboardButtonKind, ParseMode};
use teloxide_tests::{MockBot, MockCallbackQuery, MockGroupChat, MockMessagePhoto, MockMessageText};

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn start_shows_the_welcome_and_a_menu_with_working_links(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(MockMessageText::new().text("/start"), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;

    let responses = bot.get_responses();
    let sent = &responses.sent_messages_text.last().expect("welcome sent");
    assert_eq!(sent.bot_request.parse_mode, Some(ParseMode::Html));
    let text = sent.message.text().unwrap();
    assert!(text.contains("The Secret House"), "{text}");
    assert!(text.starts_with("Добро пожаловать"), "Russian by default: {text}");
    let keyboard = sent.message.reply_markup().expect("menu keyboard");
    let urls: Vec<String> = keyboard
        .inline_keyboard
        .iter()
        .flatten()
        .filter_map(|button| match &button.kind {
            InlineKeyboardButtonKind::Url(url) => Some(url.to_string()),
            _ => None,
        })
        .collect();
    assert!(urls.contains(&"https://t.me/the_secret_house".to_owned()), "{urls:?}");
    assert_eq!(bot.try_get_state::<bot::State>().await, None, "/start stores no state");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn english_clients_get_english_texts(db: PgPool) {
    let env = BotEnv::new(db);
    let mut user = teloxide_tests::MockUser::new().build();
    user.language_code = Some("en-GB".into());
    let mut bot = MockBot::new(MockMessageText::new().text("/help").from(user), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let text = last_sent_text(&bot);
    assert!(text.starts_with("I help you book The Secret House"), "{text}");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn cancel_without_a_dialogue_says_there_is_nothing_to_cancel(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(MockMessageText::new().text("/cancel"), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with(&env.text(Lang::Ru, "nothing-to-cancel")));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn stray_text_and_photos_get_a_friendly_pointer_to_the_menu(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(MockMessageText::new().text("hello?"), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with(&env.text(Lang::Ru, "unknown-input")));

    bot.update(MockMessagePhoto::new());
    bot.dispatch().await;
    assert!(last_sent_text(&bot).starts_with(&env.text(Lang::Ru, "unknown-input")));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn an_outdated_or_forged_button_is_answered_and_changes_nothing(db: PgPool) {
    let env = BotEnv::new(db);
    let mut bot = MockBot::new(
        MockCallbackQuery::new().data("booking_1_chatid_1_bookingid_7_cash_False"),
        bot::schema(),
    );
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let responses = bot.get_responses();
    let answer = responses.answered_callback_queries.last().expect("the callback was answered");
    assert_eq!(answer.text.as_deref(), Some(env.text(Lang::Ru, "button-outdated").as_str()));
    assert!(last_sent_text(&bot).starts_with(&env.text(Lang::Ru, "button-outdated")));
    assert_eq!(bot.try_get_state::<bot::State>().await, None);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn in_groups_commands_get_a_pointer_and_chatter_is_ignored(db: PgPool) {
    let env = BotEnv::new(db);
    let group = MockGroupChat::new().build();
    let mut bot = MockBot::new(MockMessageText::new().text("/start").chat(group.clone()), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    assert_eq!(last_sent_text(&bot), env.text(Lang::Ru, "private-only"));

    bot.update(MockMessageText::new().text("just talking").chat(group));
    bot.dispatch().await;
    assert_eq!(bot.get_responses().sent_messages.len(), 0, "no reply to ordinary group messages");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_state_from_an_older_version_resets_the_chat_with_an_apology(db: PgPool) {
    let env = BotEnv::new(db);
    let chat = teloxide_tests::MockPrivateChat::new().build();
    env.sessions
        .store()
        .set(
            &format!("dialogue:{}", chat.id.0),
            secret_house_bot::store::RawValue::from_string(r#"{"Removed":{"x":1}}"#.into()).unwrap(),
            std::time::Duration::from_secs(3600),
        )
        .await
        .unwrap();
    let mut bot = MockBot::new(MockMessageText::new().text("/start").chat(chat), bot::schema());
    bot.dependencies(env.deps());
    bot.dispatch().await;
    let responses = bot.get_responses();
    let texts: Vec<&str> = responses.sent_messages.iter().filter_map(|m| m.text()).collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert_eq!(texts[0], env.text(Lang::Ru, "session-reset"));
    assert!(texts[1].starts_with("Добро пожаловать"));
}
