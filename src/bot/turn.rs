//! One update's context for the flows: who (the guest and their language), where (the chat's
//! dialogue) and with what (the bot, the app) — one value instead of the same five arguments on
//! every step function. Each flow adds its own methods (the wizard's `go`) in its module.

use teloxide::prelude::*;

use super::{BotDialogue, HandlerError, HandlerResult, guest::Guest, info};
use crate::{app::App, i18n::Lang, telegram::Deliver};

#[derive(Clone, Copy)]
pub struct Turn<'a> {
    pub bot: &'a Bot,
    pub app: &'a App,
    pub guest: Guest,
    pub dialogue: &'a BotDialogue,
}

impl Turn<'_> {
    #[must_use]
    pub fn lang(self) -> Lang {
        self.guest.lang
    }

    /// The chat this turn is in.
    #[must_use]
    pub fn chat(self) -> ChatId {
        self.dialogue.chat_id()
    }

    /// The text of `id` in the guest's language.
    #[must_use]
    pub fn text(self, id: &str) -> String {
        self.app.texts.get(self.lang(), id)
    }

    /// The end of a button press: a failed one still stops the client's spinner (a second answer,
    /// if one was sent, is refused harmlessly) and then tells the guest (`recover`).
    pub async fn settle(self, query: &CallbackQuery, result: HandlerResult) -> HandlerResult {
        if result.is_err() {
            let _ = self.bot.answer_callback_query(query.id.clone()).quietly(&self.app.telegram).await;
        }
        self.recover(result).await
    }

    /// A failed step tells the guest instead of going silent. A database outage keeps the draft
    /// (the guest retries); a draft that does not fit its step (a bug) is dropped for a clean start.
    pub async fn recover(self, result: HandlerResult) -> HandlerResult {
        let error = match result {
            Ok(()) => return Ok(()),
            Err(HandlerError::Telegram(error)) => return Err(error.into()),
            Err(error) => error,
        };
        let chat = self.chat();
        tracing::error!(%error, chat_id = chat.0, "a step failed");
        if matches!(error, HandlerError::Draft(_)) {
            self.dialogue.exit().await?;
        }
        let keyboard =
            teloxide::types::InlineKeyboardMarkup::new([[info::menu_button(self.app, self.lang())]]);
        self.bot
            .send_message(chat, self.text("error-internal"))
            .reply_markup(keyboard)
            .deliver(&self.app.telegram)
            .await?;
        Ok(())
    }
}
