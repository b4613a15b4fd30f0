//! The Telegram side: the one `State` enum, the commands and the handler tree.
//! `schema()` is public so tests drive exactly the tree production runs.

pub mod admin;
pub mod approval;
pub mod booking;
pub mod callback;
mod cancel;
pub mod dates;
mod error;
pub mod feedback;
pub mod gifts;
pub mod guest;
mod info;
pub mod layout;
mod menu;
pub mod move_booking;
mod my_bookings;
mod navigation;
mod notices;
mod own_bookings;
pub mod pickers;
mod reply;
pub(crate) mod turn;
pub mod widgets;
pub(crate) mod wording;

use serde::{Deserialize, Serialize};
use teloxide::{
    dispatching::{
        UpdateHandler,
        dialogue::{Dialogue, ErasedStorage},
    },
    prelude::*,
    utils::command::BotCommands,
};

pub use admin::promos::{PromoDraft, PromoStep, UseLimit};
pub use error::HandlerError;

/// Where a chat is in its conversation. Each flow adds a variant carrying its draft; the value
/// is persisted per chat in the session store, so it must stay serialisable.
// One `State` lives per chat, read and written once per update: the size of the wizard's draft
// next to the empty menu costs nothing worth a box (and the stored JSON would not change).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    /// No flow in progress: the main menu.
    #[default]
    Menu,
    /// The booking wizard: where the guest is and what they chose so far.
    Booking { step: booking::Step, draft: booking::Draft },
    /// The confirmation screen of cancelling the guest's booking `booking`.
    Cancel { booking: i64 },
    /// Moving one of the guest's bookings to new dates.
    Move { step: move_booking::Step, draft: move_booking::MoveDraft },
    /// The after-stay questionnaire: the answers so far.
    Feedback { draft: feedback::FeedbackDraft },
    /// Buying a gift certificate: where the buyer is and what they chose so far.
    GiftShop { step: gifts::GiftStep, draft: gifts::GiftDraft },
    /// An admin creating a promo code (`/promo_new`, in their private chat).
    PromoNew { step: admin::promos::PromoStep, draft: admin::promos::PromoDraft },
    /// An admin preparing a broadcast (`/broadcast`, in their private chat).
    Broadcast { step: admin::broadcast::BroadcastStep, draft: admin::broadcast::BroadcastDraft },
    /// An admin closing dates (`/block` → "Close dates", in their private chat).
    Blocking { step: admin::calendar::BlockStep, draft: admin::calendar::BlockDraft },
}

/// Which amount an admin is editing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AmountField {
    Price,
    Prepayment,
}

impl AmountField {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            AmountField::Price => "price",
            AmountField::Prepayment => "prepayment",
        }
    }
}

/// Where a booking's approval message is, to re-render it after an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalMessage {
    pub chat_id: i64,
    pub message_id: i32,
    /// A receipt photo/document: the text is its caption.
    pub caption: bool,
}

pub type BotDialogue = Dialogue<State, ErasedStorage<State>>;
pub type HandlerResult = Result<(), HandlerError>;

#[derive(Debug, Clone, PartialEq, Eq, BotCommands)]
#[command(rename_rule = "lowercase")]
pub enum Command {
    /// Open the main menu.
    Start,
    /// Book the house.
    Book,
    /// My bookings.
    My,
    /// How the bot works.
    Help,
    /// The price list.
    Prices,
    /// Abandon the current action.
    Cancel,
}

/// The whole handler tree.
#[must_use]
pub fn schema() -> UpdateHandler<HandlerError> {
    let messages = Update::filter_message()
        // An admin's amount after "Edit price": pending per admin, so only that admin's messages
        // in that chat are taken (another admin's edit and other members go on as usual).
        .branch(
            dptree::filter_map(|msg: Message, app: crate::app::AppRef| {
                admin::pending::for_message(&app, &msg)
            })
            .endpoint(admin::on_amount),
        )
        // An admin's new key-box code after "Change", in that private chat.
        .branch(
            dptree::filter_map(|msg: Message, app: crate::app::AppRef| {
                admin::keybox::pending_for(&app, &msg)
            })
            .endpoint(admin::keybox::on_code),
        )
        // The admins' commands, in private or in the admin group; nobody else reaches them.
        .branch(
            dptree::filter(|msg: Message, app: crate::app::AppRef| admin::commands::from_admin(&msg, &app))
                .filter_command::<admin::commands::AdminCommand>()
                .endpoint(admin::commands::on_command),
        )
        .branch(dptree::filter(|msg: Message| !msg.chat.is_private()).endpoint(menu::on_group_message))
        .branch(teloxide::filter_command::<Command, _>().endpoint(menu::on_command))
        .branch(dptree::case![State::Booking { step, draft }].endpoint(booking::on_message))
        .branch(dptree::case![State::Move { step, draft }].endpoint(move_booking::on_message))
        .branch(dptree::case![State::Feedback { draft }].endpoint(feedback::on_message))
        .branch(dptree::case![State::GiftShop { step, draft }].endpoint(gifts::on_message))
        .branch(dptree::case![State::PromoNew { step, draft }].endpoint(admin::promos::new::on_message))
        .branch(dptree::case![State::Broadcast { step, draft }].endpoint(admin::broadcast::on_message))
        .branch(dptree::case![State::Blocking { step, draft }].endpoint(admin::calendar::on_message))
        .branch(dptree::case![State::Cancel { booking }].endpoint(navigation::on_cancel_message))
        .branch(dptree::case![State::Menu].endpoint(menu::on_unexpected_message));
    let callbacks = Update::filter_callback_query()
        .branch(
            dptree::filter_map(|query: CallbackQuery| {
                query.data.as_deref().and_then(callback::CallbackData::decode)
            })
            // Admin buttons work whatever the chat's state. The one admin gate: a presser not in
            // `admin.user_ids` is refused (and logged) here, before any admin handler runs.
            .branch(
                dptree::filter(|data: callback::CallbackData| data.for_admins())
                    .branch(
                        dptree::filter(|query: CallbackQuery, app: crate::app::AppRef| {
                            !app.settings.admin.is_admin(query.from.id)
                        })
                        .endpoint(admin::refuse),
                    )
                    .endpoint(admin::router::on_press),
            )
            .branch(dptree::case![State::Booking { step, draft }].endpoint(booking::on_callback))
            .branch(dptree::case![State::Move { step, draft }].endpoint(move_booking::on_callback))
            .branch(dptree::case![State::Feedback { draft }].endpoint(feedback::on_callback))
            .branch(dptree::case![State::GiftShop { step, draft }].endpoint(gifts::on_callback))
            .branch(dptree::case![State::PromoNew { step, draft }].endpoint(admin::promos::new::on_callback))
            .branch(dptree::case![State::Broadcast { step, draft }].endpoint(admin::broadcast::on_callback))
            .branch(dptree::case![State::Blocking { step, draft }].endpoint(admin::calendar::on_callback))
            // The menu and the cancel confirmation: menu buttons and the self-service entries.
            .endpoint(navigation::on_callback),
        )
        // A payload that does not decode mid-wizard: "outdated" and the current step, not the
        // menu (the wizard would stay live behind it and take the next text as an answer).
        .branch(dptree::case![State::Booking { step, draft }].endpoint(booking::on_unknown_callback))
        .branch(dptree::case![State::Move { step, draft }].endpoint(move_booking::on_unknown_callback))
        .branch(dptree::case![State::Feedback { draft }].endpoint(feedback::on_unknown_callback))
        .branch(dptree::case![State::GiftShop { step, draft }].endpoint(gifts::on_unknown_callback))
        .endpoint(menu::on_outdated_callback);
    enter_dialogue()
        .map_async(guest::identify)
        .inspect_async(menu::apologise_if_reset)
        .inspect_async(menu::warn_admin_about_staff_chats)
        .branch(messages)
        .branch(callbacks)
}

/// Like `teloxide::dispatching::dialogue::enter`, but a chat without a stored dialogue gets
/// `State::default()` *without storing it*: teloxide's version writes the default for every new
/// chat (teloxide #731), which for us would be a durable write per stranger and per group.
fn enter_dialogue() -> UpdateHandler<HandlerError> {
    dptree::filter_map(|storage: std::sync::Arc<ErasedStorage<State>>, update: Update| {
        update.chat().map(|chat| Dialogue::new(storage, chat.id))
    })
    .map_async(|dialogue: BotDialogue| async move {
        match dialogue.get().await {
            Ok(state) => state.unwrap_or_default(),
            Err(error) => {
                // The store answers reads from memory; this is a failed clean-up of an
                // unreadable state. The chat continues from the menu.
                tracing::error!(chat_id = dialogue.chat_id().0, %error, "could not read the dialogue");
                State::default()
            }
        }
    })
}

/// The bot's commands and the text that describes each: the one list behind Telegram's command
/// menu, `/help` and the answer to an unknown command, so they can never disagree.
const COMMANDS: [(&str, &str); 6] = [
    ("start", "command-start"),
    ("book", "command-book"),
    ("my", "command-my"),
    ("prices", "command-prices"),
    ("help", "command-help"),
    ("cancel", "command-cancel"),
];

/// The command list shown by Telegram clients, in each language.
#[must_use]
pub fn command_menu(texts: &crate::i18n::Texts, lang: crate::i18n::Lang) -> Vec<teloxide::types::BotCommand> {
    COMMANDS
        .into_iter()
        .map(|(command, text_id)| teloxide::types::BotCommand::new(command, texts.get(lang, text_id)))
        .collect()
}

/// The command list of an admin's chats: in private the guests' commands and the admins' own,
/// in the admin group only the admins' own.
#[must_use]
pub fn admin_command_menu(
    texts: &crate::i18n::Texts,
    lang: crate::i18n::Lang,
    private: bool,
) -> Vec<teloxide::types::BotCommand> {
    let guests = if private { command_menu(texts, lang) } else { Vec::new() };
    let admins = admin::commands::ADMIN_COMMANDS
        .into_iter()
        .map(|(command, text_id)| teloxide::types::BotCommand::new(command, texts.get(lang, text_id)));
    guests.into_iter().chain(admins).collect()
}

/// The commands as `/help` lists them, one a line: "/book — Book the house".
#[must_use]
pub fn command_lines(texts: &crate::i18n::Texts, lang: crate::i18n::Lang) -> String {
    COMMANDS.map(|(command, text_id)| format!("/{command} — {}", texts.get(lang, text_id))).join("\n")
}
