//! `/start`, `/help`, `/cancel`, the main menu, and the answers for everything that does not fit
//! the chat's current state (stray text, outdated buttons, commands in groups).

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, ParseMode, User},
    utils::html,
};

use super::{BotDialogue, Command, HandlerResult};
use crate::{app::AppRef, i18n::Lang};

pub(super) async fn on_command(
    bot: Bot,
    msg: Message,
    command: Command,
    dialogue: BotDialogue,
    app: AppRef,
) -> HandlerResult {
    let lang = lang_of(msg.from.as_ref());
    match command {
        Command::Start => {
            reset(&dialogue).await?;
            send_menu(&bot, msg.chat.id, &app, lang, None).await
        }
        Command::Help => {
            let house = html::escape(&app.settings.house.name);
            let text = app.texts.format(lang, "help", &[("house", house.into())]);
            bot.send_message(msg.chat.id, text).parse_mode(ParseMode::Html).await?;
            Ok(())
        }
        Command::Cancel => {
            let notice = if reset(&dialogue).await? { "cancelled" } else { "nothing-to-cancel" };
            send_menu(&bot, msg.chat.id, &app, lang, Some(notice)).await
        }
    }
}

/// Text (or a photo, a sticker…) that no step is waiting for.
pub(super) async fn on_unexpected_message(bot: Bot, msg: Message, app: AppRef) -> HandlerResult {
    let lang = lang_of(msg.from.as_ref());
    send_menu(&bot, msg.chat.id, &app, lang, Some("unknown-input")).await
}

/// The bot works in private chats only; in groups it answers commands with a pointer and keeps
/// quiet otherwise, so it never spams the admin group.
pub(super) async fn on_group_message(bot: Bot, msg: Message, app: AppRef) -> HandlerResult {
    let is_command = msg.text().is_some_and(|text| text.starts_with('/'));
    if is_command {
        let lang = lang_of(msg.from.as_ref());
        bot.send_message(msg.chat.id, app.texts.get(lang, "private-only")).await?;
    }
    Ok(())
}

/// A button whose flow is gone (an old message, a finished dialogue, a forged payload):
/// answered so the client's spinner stops, then a fresh menu. Nothing else happens.
pub(super) async fn on_outdated_callback(bot: Bot, query: CallbackQuery, app: AppRef) -> HandlerResult {
    let lang = lang_of(Some(&query.from));
    bot.answer_callback_query(query.id.clone()).text(app.texts.get(lang, "button-outdated")).await?;
    if let Some(chat) = query.regular_message().map(|m| m.chat.id) {
        send_menu(&bot, chat, &app, lang, Some("button-outdated")).await?;
    }
    Ok(())
}

/// When the chat's stored state could not be read after an upgrade (see `session`), say so once
/// before handling the update as coming from the menu.
pub(super) async fn apologise_if_reset(bot: Bot, update: Update, app: AppRef) {
    let Some(chat) = update.chat() else { return };
    if app.sessions.take_reset(chat.id) {
        let lang = lang_of(update.from());
        if let Err(error) = bot.send_message(chat.id, app.texts.get(lang, "session-reset")).await {
            tracing::warn!(%error, "could not send the session reset notice");
        }
    }
}

/// Sends the welcome text with the menu keyboard, optionally preceded by a one-line notice.
pub(super) async fn send_menu(
    bot: &Bot,
    chat: ChatId,
    app: &AppRef,
    lang: Lang,
    notice: Option<&str>,
) -> HandlerResult {
    let house = &app.settings.house;
    let welcome = app.texts.format(
        lang,
        "welcome",
        &[
            ("house", html::escape(&house.name).into()),
            ("instagram", house.instagram_url.as_str().into()),
            ("instagram_closed", house.instagram_closed_url.as_str().into()),
            ("channel", house.channel_url.as_str().into()),
        ],
    );
    let text = match notice {
        Some(id) => format!("{}\n\n{welcome}", app.texts.get(lang, id)),
        None => welcome,
    };
    bot.send_message(chat, text)
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview())
        .reply_markup(menu_keyboard(app, lang))
        .await?;
    Ok(())
}

/// Only buttons whose flows exist are shown; each flow adds its entry here when it lands.
fn menu_keyboard(app: &AppRef, lang: Lang) -> InlineKeyboardMarkup {
    let house = &app.settings.house;
    InlineKeyboardMarkup::new([
        [InlineKeyboardButton::url(
            app.texts.get(lang, "menu-contact-admin"),
            house.admin_contact_url.clone(),
        )],
        [InlineKeyboardButton::url(app.texts.get(lang, "menu-instagram"), house.instagram_url.clone())],
    ])
}

/// Clears the chat's dialogue. Returns whether there was one: `exit` on a chat without a stored
/// dialogue is a storage error (teloxide's DialogueNotFound contract), so check first.
async fn reset(dialogue: &BotDialogue) -> Result<bool, super::HandlerError> {
    if dialogue.get().await?.is_none() {
        return Ok(false);
    }
    dialogue.exit().await?;
    Ok(true)
}

#[must_use]
pub(super) fn lang_of(user: Option<&User>) -> Lang {
    Lang::from_telegram(user.and_then(|u| u.language_code.as_deref()))
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}
