//! Showing a screen in answer to a button: edit the message the button is on (wizard-style),
//! or send a new one when that message is gone or too old to edit. "Message is not modified"
//! (the same button pressed twice) counts as success.

use teloxide::{
    ApiError, RequestError,
    prelude::*,
    types::{InlineKeyboardMarkup, LinkPreviewOptions, ParseMode},
};

use super::HandlerResult;
use crate::telegram::{Deliver, Edge};

#[must_use]
pub fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

pub async fn show(
    bot: &Bot,
    edge: &Edge,
    query: &CallbackQuery,
    text: String,
    keyboard: InlineKeyboardMarkup,
) -> HandlerResult {
    if let Some(message) = query.regular_message() {
        let edited = bot
            .edit_message_text(message.chat.id, message.id, text.clone())
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview())
            .reply_markup(keyboard.clone())
            .await;
        match edited {
            Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => return Ok(()),
            Err(RequestError::Api(
                ApiError::MessageCantBeEdited | ApiError::MessageToEditNotFound | ApiError::MessageIdInvalid,
            )) => {}
            Err(other) => return Err(other.into()),
        }
    }
    bot.send_message(query.from.id, text)
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview())
        .reply_markup(keyboard)
        .deliver(edge)
        .await?;
    Ok(())
}
