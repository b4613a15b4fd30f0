//! `/keybox` (SPEC §6): the key-box code, for admins only and in a private chat with the bot only
//! (a group would show it to everyone there). Shown masked (`••34`); "Change" waits for exactly
//! four digits from that admin in that chat (store key `admin-keybox:<user id>`); anything else is
//! explained, with Cancel. Stored in `settings`, audited (who, when — never the value), never
//! logged and never sent to the staff chats; the arrival instructions read it when they go out.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::super::{HandlerError, HandlerResult, callback::CallbackData, guest::Guest};
use crate::{
    app::{App, AppRef},
    db::house_settings::{self, KEYBOX_CODE, KEYBOX_MISSING_WARNED},
    i18n::Lang,
    telegram::Deliver,
};

/// How long "Change" waits for the new code.
const WAITS_FOR: Duration = Duration::from_secs(3600);

/// An admin's "Change" waiting for the code, in the chat where it was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCode {
    pub chat_id: i64,
}

fn key(admin: UserId) -> String {
    format!("admin-keybox:{}", admin.0)
}

/// `••34`, or "not set".
fn masked(app: &App, lang: Lang, code: Option<&str>) -> String {
    match code {
        Some(code) => {
            let tail: String = code.chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
            app.texts.format(lang, "keybox-current", &[("masked", format!("••{tail}").into())])
        }
        None => app.texts.get(lang, "keybox-not-set"),
    }
}

/// The four digits of a key-box code, or `None`.
#[must_use]
pub fn parse_code(text: &str) -> Option<&str> {
    let code = text.trim();
    (code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// `/keybox` by an admin.
pub(super) async fn show(bot: &Bot, msg: &Message, app: &App, lang: Lang) -> HandlerResult {
    if !msg.chat.is_private() {
        bot.send_message(msg.chat.id, app.texts.get(lang, "keybox-private-only"))
            .deliver(&app.telegram)
            .await?;
        return Ok(());
    }
    let code = house_settings::get(&app.db, KEYBOX_CODE).await?;
    let change = InlineKeyboardButton::callback(
        app.texts.get(lang, "keybox-change"),
        CallbackData::KeyboxChange.encode(),
    );
    bot.send_message(msg.chat.id, masked(app, lang, code.as_deref()))
        .reply_markup(InlineKeyboardMarkup::new([[change]]))
        .deliver(&app.telegram)
        .await?;
    Ok(())
}

/// "Change" or "Cancel" pressed: only an admin, only in a private chat.
pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    let lang = guest.lang;
    let chat = query.regular_message().map(|m| m.chat.clone());
    let private = chat.as_ref().is_some_and(|c| c.is_private());
    // The admin gate let only admins through; the code is handled in a private chat only.
    if !private {
        return super::not_allowed(&bot, &query, &app, lang).await;
    }
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let chat = chat.map_or(ChatId(query.from.id.0 as i64), |c| c.id);
    let store = app.sessions.store();
    let text = if data == CallbackData::KeyboxChange {
        let pending = serde_json::value::to_raw_value(&PendingCode { chat_id: chat.0 })
            .map_err(|e| HandlerError::Storage(Box::new(e)))?;
        store
            .set(&key(query.from.id), pending, WAITS_FOR)
            .await
            .map_err(|e| HandlerError::Storage(Box::new(e)))?;
        "keybox-enter"
    } else {
        store.remove(&key(query.from.id)).await.map_err(|e| HandlerError::Storage(Box::new(e)))?;
        "keybox-cancelled"
    };
    let keyboard = (text == "keybox-enter").then(|| cancel_keyboard(&app, lang));
    let mut request = bot.send_message(chat, app.texts.get(lang, text));
    if let Some(keyboard) = keyboard {
        request = request.reply_markup(keyboard);
    }
    request.deliver(&app.telegram).await?;
    Ok(())
}

fn cancel_keyboard(app: &App, lang: Lang) -> InlineKeyboardMarkup {
    let cancel = InlineKeyboardButton::callback(
        app.texts.get(lang, "keybox-cancel"),
        CallbackData::KeyboxCancel.encode(),
    );
    InlineKeyboardMarkup::new([[cancel]])
}

/// The code an admin's message answers: they pressed "Change" in this chat.
#[must_use]
pub fn pending_for(app: &App, msg: &Message) -> Option<PendingCode> {
    let from = msg.from.as_ref()?;
    if !app.settings.admin.is_admin(from.id) {
        return None;
    }
    let pending = app
        .sessions
        .store()
        .get_with(&key(from.id), |raw| serde_json::from_str::<PendingCode>(raw.get()))?
        .ok()?;
    (pending.chat_id == msg.chat.id.0).then_some(pending)
}

/// The admin's answer to "Change": four digits are saved (and audited), anything else explained.
pub(in crate::bot) async fn on_code(bot: Bot, msg: Message, app: AppRef, guest: Guest) -> HandlerResult {
    let lang = guest.lang;
    let Some(admin) = msg.from.as_ref().map(|u| u.id) else { return Ok(()) };
    let say = |id: &str| bot.send_message(msg.chat.id, app.texts.get(lang, id));
    let text = msg.text().unwrap_or_default();
    // A command (`/cancel`, or any other the admin moved on to) leaves the change: nobody is
    // stuck answering "four digits" after forgetting the question.
    if text.trim_start().starts_with('/') {
        app.sessions.store().remove(&key(admin)).await.map_err(|e| HandlerError::Storage(Box::new(e)))?;
        say("keybox-cancelled").deliver(&app.telegram).await?;
        return Ok(());
    }
    let Some(code) = parse_code(text) else {
        say("keybox-bad").reply_markup(cancel_keyboard(&app, lang)).deliver(&app.telegram).await?;
        return Ok(());
    };
    let actor = i64::try_from(admin.0).unwrap_or(i64::MAX);
    let mut tx = app.db.begin().await?;
    house_settings::set_by(&mut tx, KEYBOX_CODE, code, actor).await?;
    // The next instructions without a code (if it is ever removed) warn the admins again.
    house_settings::remove(&mut *tx, KEYBOX_MISSING_WARNED).await?;
    tx.commit().await?;
    app.sessions.store().remove(&key(admin)).await.map_err(|e| HandlerError::Storage(Box::new(e)))?;
    tracing::info!(admin = admin.0, "the key-box code was changed");
    let saved = format!("{}\n{}", app.texts.get(lang, "keybox-saved"), masked(&app, lang, Some(code)));
    bot.send_message(msg.chat.id, saved).deliver(&app.telegram).await?;
    Ok(())
}
