//! `/start`, `/help`, `/cancel`, the main menu, and the answers for everything that does not fit
//! the chat's current state (stray text, outdated buttons, commands in groups).

use crate::telegram::Deliver;
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, ParseMode},
    utils::html,
};

use super::{
    BotDialogue, Command, HandlerError, HandlerResult,
    callback::{CallbackData, Mine},
    guest::Guest,
    reply,
};
use crate::{
    app::{App, AppRef},
    i18n::Lang,
};

pub(super) async fn on_command(
    bot: Bot,
    msg: Message,
    command: Command,
    dialogue: BotDialogue,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    let lang = guest.lang;
    match command {
        Command::Start => {
            reset(&dialogue).await?;
            send_menu(&bot, msg.chat.id, &app, lang, None).await
        }
        Command::Book => {
            reset(&dialogue).await?;
            super::booking::start(&bot, super::booking::Target::Chat(msg.chat.id), &app, guest, &dialogue)
                .await
        }
        Command::My => {
            reset(&dialogue).await?;
            super::my_bookings::command(super::turn::Turn {
                bot: &bot,
                app: &app,
                guest,
                dialogue: &dialogue,
            })
            .await
        }
        Command::Help => {
            let house = html::escape(&app.settings.house.name);
            let commands = super::command_lines(&app.texts, lang);
            let text =
                app.texts.format(lang, "help", &[("house", house.into()), ("commands", commands.into())]);
            bot.send_message(msg.chat.id, text).parse_mode(ParseMode::Html).deliver(&app.telegram).await?;
            Ok(())
        }
        Command::Prices => {
            let keyboard = InlineKeyboardMarkup::new([[super::info::menu_button(&app, lang)]]);
            bot.send_message(msg.chat.id, super::info::prices_text(&app, lang))
                .parse_mode(ParseMode::Html)
                .reply_markup(keyboard)
                .deliver(&app.telegram)
                .await?;
            Ok(())
        }
        Command::Cancel => {
            let state = dialogue.get().await?.unwrap_or_default();
            let released = super::booking::abandon(&app, guest, msg.chat.id, &state).await;
            let notice = match (released, reset(&dialogue).await?) {
                (true, _) => "hold-released",
                (false, true) => "cancelled",
                (false, false) => "nothing-to-cancel",
            };
            send_menu(&bot, msg.chat.id, &app, lang, Some(notice)).await
        }
    }
}

/// Text (or a photo, a sticker…) that no step is waiting for. A photo or document is taken as
/// the receipt of the guest's unpaid hold when there is one (they may have left the payment
/// screen), so no payment is lost.
pub(super) async fn on_unexpected_message(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    match super::booking::receipt_from_menu(&bot, &msg, &app, guest).await {
        Ok(true) => return Ok(()),
        Ok(false) => {}
        Err(error) => tracing::error!(%error, "could not look for an unpaid hold"),
    }
    send_menu(&bot, msg.chat.id, &app, guest.lang, Some("unknown-input")).await
}

/// The bot works in private chats only; in groups it answers commands with a pointer and keeps
/// quiet otherwise, so it never spams the admin group.
pub(super) async fn on_group_message(bot: Bot, msg: Message, app: AppRef, guest: Guest) -> HandlerResult {
    if msg.text().is_some_and(|text| text.starts_with('/')) {
        bot.send_message(msg.chat.id, app.texts.get(guest.lang, "private-only"))
            .deliver(&app.telegram)
            .await?;
    }
    Ok(())
}

/// A button whose flow is gone (an old message, a finished dialogue, a forged payload). A flow
/// without its own "outdated" step (the cancel confirmation) is left, so the fresh menu is what
/// the chat is really at.
pub(super) async fn on_outdated_callback(
    bot: Bot,
    query: CallbackQuery,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
) -> HandlerResult {
    reset(&dialogue).await?;
    bot.answer_callback_query(query.id.clone())
        .text(app.texts.get(guest.lang, "button-outdated"))
        .quietly(&app.telegram)
        .await;
    outdated(&bot, &query, &app, guest.lang).await
}

/// "This button is outdated" + a fresh menu; nothing else happens.
pub(super) async fn outdated(bot: &Bot, query: &CallbackQuery, app: &App, lang: Lang) -> HandlerResult {
    match query.regular_message().map(|m| m.chat.id) {
        Some(chat) => send_menu(bot, chat, app, lang, Some("button-outdated")).await,
        None => Ok(()),
    }
}

/// When the chat's stored state could not be read after an upgrade (see `session`), say so once
/// before handling the update as coming from the menu.
pub(super) async fn apologise_if_reset(bot: Bot, update: Update, app: AppRef, guest: Guest) {
    let Some(chat) = update.chat() else { return };
    if app.sessions.take_reset(chat.id)
        && let Err(error) =
            bot.send_message(chat.id, app.texts.get(guest.lang, "session-reset")).deliver(&app.telegram).await
    {
        tracing::warn!(%error, "could not send the session reset notice");
    }
}

/// An admin writing to the bot in private hears once about staff chats it cannot reach (an
/// owner who never reads logs still learns that receipts are not arriving).
pub(super) async fn warn_admin_about_staff_chats(bot: Bot, update: Update, app: AppRef, guest: Guest) {
    let (Some(chat), Some(from)) = (update.chat(), update.from()) else { return };
    if chat.is_private() && app.settings.admin.is_admin(from.id) {
        crate::telegram::staff::tell_admin(
            &bot,
            &app.telegram,
            &app.texts,
            &app.staff_alerts,
            chat.id,
            guest.lang,
        )
        .await;
    }
}

/// The welcome text, optionally preceded by a one-line notice.
#[must_use]
pub(super) fn welcome_text(app: &App, lang: Lang, notice: Option<&str>) -> String {
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
    match notice {
        Some(id) => format!("{}\n\n{welcome}", app.texts.get(lang, id)),
        None => welcome,
    }
}

/// Sends the welcome text with the menu keyboard.
pub(in crate::bot) async fn send_menu(
    bot: &Bot,
    chat: ChatId,
    app: &App,
    lang: Lang,
    notice: Option<&str>,
) -> HandlerResult {
    bot.send_message(chat, welcome_text(app, lang, notice))
        .parse_mode(ParseMode::Html)
        .link_preview_options(reply::no_preview())
        .reply_markup(keyboard(app, lang))
        .deliver(&app.telegram)
        .await?;
    Ok(())
}

/// SPEC §2's menu; short labels paired on rows so it stays one screen on a phone.
#[must_use]
pub(super) fn keyboard(app: &App, lang: Lang) -> InlineKeyboardMarkup {
    let button = |text_id: &str, data: CallbackData| {
        InlineKeyboardButton::callback(app.texts.get(lang, text_id), data.encode())
    };
    let other = match lang {
        Lang::Ru => Lang::En,
        Lang::En => Lang::Ru,
    };
    InlineKeyboardMarkup::new([
        vec![button("menu-book", CallbackData::Book), button("menu-gift", CallbackData::GiftShop)],
        vec![button("menu-my-bookings", CallbackData::Mine(Mine::List { page: 0 }))],
        vec![
            button("menu-cancel-booking", CallbackData::Mine(Mine::CancelList)),
            button("menu-move-booking", CallbackData::Mine(Mine::MoveList)),
        ],
        vec![button("menu-free-dates", CallbackData::FreeDates), button("menu-prices", CallbackData::Prices)],
        vec![InlineKeyboardButton::url(
            app.texts.get(lang, "menu-contact-admin"),
            app.settings.house.admin_contact_url.clone(),
        )],
        vec![button("menu-language", CallbackData::Language(other))],
    ])
}

/// Clears the chat's dialogue. Returns whether there was one: `exit` on a chat without a stored
/// dialogue is a storage error (teloxide's DialogueNotFound contract), so check first.
pub(super) async fn reset(dialogue: &BotDialogue) -> Result<bool, HandlerError> {
    if dialogue.get().await?.is_none() {
        return Ok(false);
    }
    dialogue.exit().await?;
    Ok(true)
}

/// Leaves the chat's flow for the main menu, shown at `target` (the pressed message, usually).
pub(super) async fn leave_to_menu(
    turn: super::turn::Turn<'_>,
    target: super::layout::Target<'_>,
) -> HandlerResult {
    turn.dialogue.exit().await?;
    let (app, lang) = (turn.app, turn.lang());
    let screen = super::layout::Screen { text: welcome_text(app, lang, None), keyboard: keyboard(app, lang) };
    super::layout::show(turn.bot, app, target, screen).await
}
