//! The admins' gate and its answers: who may press an admin button (checked once, in the
//! schema, before any admin handler), what everyone else hears, and the private-chat rule of the
//! commands that take typed answers.

use teloxide::prelude::*;

use crate::{
    app::{App, AppRef},
    bot::{HandlerResult, callback::CallbackData, guest::Guest},
    i18n::Lang,
    telegram::Deliver,
};

/// Whether an admin command that takes typed answers came in a private chat; in a group (where
/// the bot receives no plain text) it answers `explain_id` instead.
pub(super) async fn in_private(
    turn: crate::bot::turn::Turn<'_>,
    msg: &Message,
    explain_id: &str,
) -> Result<bool, crate::bot::HandlerError> {
    if msg.chat.is_private() {
        return Ok(true);
    }
    turn.bot.send_message(msg.chat.id, turn.text(explain_id)).deliver(&turn.app.telegram).await?;
    Ok(false)
}

/// A message in an admin flow's state from someone who is not (or no longer) an admin: the flow
/// is dropped and they get the menu, as for any stray message. `true` when that happened.
pub(super) async fn left_unless_admin(
    turn: crate::bot::turn::Turn<'_>,
    msg: &Message,
) -> Result<bool, crate::bot::HandlerError> {
    if super::commands::from_admin(msg, turn.app) {
        return Ok(false);
    }
    turn.dialogue.exit().await?;
    crate::bot::menu::send_menu(turn.bot, msg.chat.id, turn.app, turn.lang(), Some("unknown-input")).await?;
    Ok(true)
}

/// The end of a staff press outside any flow (lists, statistics, Stop, Deactivate): a failure —
/// the database down — is logged and the admin told in that chat, instead of a spinner that
/// stops without a word (the press may already be answered, so an alert alone could be lost).
pub(in crate::bot) async fn settle_staff_press(
    bot: &Bot,
    app: &App,
    query: &CallbackQuery,
    lang: Lang,
    result: HandlerResult,
) -> HandlerResult {
    let error = match result {
        Ok(()) => return Ok(()),
        Err(crate::bot::HandlerError::Telegram(error)) => return Err(error.into()),
        Err(error) => error,
    };
    tracing::error!(%error, user = query.from.id.0, "a staff press failed");
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let chat = query.regular_message().map_or(ChatId(query.from.id.0 as i64), |m| m.chat.id);
    bot.send_message(chat, app.texts.get(lang, "error-internal")).deliver(&app.telegram).await?;
    Ok(())
}

/// The admin gate's answer to anyone else pressing an admin button (a forged payload, a guest
/// in the admin group): logged with who and what — never a secret — and refused.
pub(in crate::bot) async fn refuse(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
) -> HandlerResult {
    tracing::warn!(user = query.from.id.0, ?data, "an admin button pressed by a non-admin");
    not_allowed(&bot, &query, &app, guest.lang).await
}

/// "Only admins can do this", as an alert on the pressed button; nothing else happens.
pub(super) async fn not_allowed(bot: &Bot, query: &CallbackQuery, app: &App, lang: Lang) -> HandlerResult {
    bot.answer_callback_query(query.id.clone())
        .text(app.texts.get(lang, "admin-not-allowed"))
        .show_alert(true)
        .quietly(&app.telegram)
        .await;
    Ok(())
}
