//! The staff's side in flow tests: a button pressed on a message in the admin chat, and what
//! the outbox queued.

use secret_house_bot::bot::callback::CallbackData;
use sqlx::PgPool;
use teloxide::types::UserId;
use teloxide_tests::{MockCallbackQuery, MockGroupChat, MockMessageText, MockPrivateChat, MockUser};

use super::{
    bot_env::{ADMIN_CHAT_ID, ADMIN_ID},
    wizard::Wizard,
};

/// `presser` presses `data` on a staff message (text `body`) in the admin chat.
pub async fn staff_press(w: &mut Wizard, presser: u64, data: CallbackData, body: &str) {
    let mut from = MockUser::new().build();
    from.id = UserId(presser);
    let message = MockMessageText::new()
        .text(body.to_owned())
        .chat(MockGroupChat::new().id(ADMIN_CHAT_ID).build())
        .build();
    w.bot.update(MockCallbackQuery::new().data(data.encode()).message(message).from(from));
    w.bot.dispatch().await;
}

/// The admin (in `admin.user_ids`) writes `text` in the admin chat.
pub async fn admin_says(w: &mut Wizard, text: &str) {
    let mut from = MockUser::new().build();
    from.id = UserId(ADMIN_ID);
    let chat = MockGroupChat::new().id(ADMIN_CHAT_ID).build();
    w.bot.update(MockMessageText::new().text(text).chat(chat).from(from));
    w.bot.dispatch().await;
}

/// The admin (in `admin.user_ids`) presses.
pub async fn admin_press(w: &mut Wizard, data: CallbackData, body: &str) {
    staff_press(w, ADMIN_ID, data, body).await;
}

/// (chat, kind, body, reply markup) of every queued staff or guest notice, oldest first.
pub async fn outbox(db: &PgPool) -> Vec<(i64, String, String, Option<serde_json::Value>)> {
    sqlx::query_as("SELECT chat_id, kind, body, reply_markup FROM outbox ORDER BY id")
        .fetch_all(db)
        .await
        .unwrap()
}

/// A Telegram user with this id.
pub fn person(id: u64) -> teloxide::types::User {
    let mut user = MockUser::new().build();
    user.id = UserId(id);
    user.first_name = "Anna".into();
    user
}

/// A message typed by `from` in their private chat with the bot.
pub fn private_text(text: &str, from: u64) -> MockMessageText {
    let chat = MockPrivateChat::new().id(from as i64).build();
    MockMessageText::new().text(text).chat(chat).from(person(from))
}

/// A press by `from` on a bot message in their private chat.
pub fn private_press(data: CallbackData, from: u64) -> MockCallbackQuery {
    let chat = MockPrivateChat::new().id(from as i64).build();
    let message = MockMessageText::new().text("…").chat(chat).build();
    MockCallbackQuery::new().data(data.encode()).message(message).from(person(from))
}
