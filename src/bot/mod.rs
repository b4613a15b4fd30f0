//! The Telegram side: the one `State` enum, the commands and the handler tree.
//! `schema()` is public so tests drive exactly the tree production runs.

mod error;
mod menu;

use serde::{Deserialize, Serialize};
use teloxide::{
    dispatching::{
        UpdateHandler,
        dialogue::{self, Dialogue, ErasedStorage},
    },
    prelude::*,
    utils::command::BotCommands,
};

pub use error::HandlerError;

/// Where a chat is in its conversation. Each flow adds a variant carrying its draft; the value
/// is persisted per chat in the session store, so it must stay serialisable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    /// No flow in progress: the main menu.
    #[default]
    Menu,
}

pub type BotDialogue = Dialogue<State, ErasedStorage<State>>;
pub type HandlerResult = Result<(), HandlerError>;

#[derive(Debug, Clone, PartialEq, Eq, BotCommands)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// Open the main menu.
    Start,
    /// How the bot works.
    Help,
    /// Abandon the current action.
    Cancel,
}

/// The whole handler tree.
#[must_use]
pub fn schema() -> UpdateHandler<HandlerError> {
    let messages = Update::filter_message()
        .branch(dptree::filter(|msg: Message| !msg.chat.is_private()).endpoint(menu::on_group_message))
        .branch(teloxide::filter_command::<Command, _>().endpoint(menu::on_command))
        .branch(dptree::case![State::Menu].endpoint(menu::on_unexpected_message));
    let callbacks = Update::filter_callback_query().endpoint(menu::on_outdated_callback);
    dialogue::enter::<Update, ErasedStorage<State>, State, _>().branch(messages).branch(callbacks)
}

/// The command list shown by Telegram clients, in each language.
#[must_use]
pub fn command_menu(texts: &crate::i18n::Texts, lang: crate::i18n::Lang) -> Vec<teloxide::types::BotCommand> {
    [("start", "command-start"), ("help", "command-help"), ("cancel", "command-cancel")]
        .into_iter()
        .map(|(command, text_id)| teloxide::types::BotCommand::new(command, texts.get(lang, text_id)))
        .collect()
}
