//! The pieces every flow's screen is made of: where it goes (`Target`), what it is (`Screen`),
//! the buttons and the Back/Menu footer, and how a day is written.

use crate::telegram::Deliver;
use chrono::NaiveDate;
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup, ParseMode},
};

use crate::{
    app::App,
    bot::{HandlerError, HandlerResult, callback::CallbackData, info, reply},
    i18n::Lang,
};

/// Where a screen goes: over the message whose button was pressed, or as a new message.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Query(&'a CallbackQuery),
    Chat(ChatId),
}

pub struct Screen {
    pub text: String,
    pub keyboard: InlineKeyboardMarkup,
}

pub async fn show(bot: &Bot, app: &App, target: Target<'_>, screen: Screen) -> HandlerResult {
    match target {
        Target::Query(query) => reply::show(bot, &app.telegram, query, screen.text, screen.keyboard).await,
        Target::Chat(chat) => {
            bot.send_message(chat, screen.text)
                .parse_mode(ParseMode::Html)
                .link_preview_options(reply::no_preview())
                .reply_markup(screen.keyboard)
                .deliver(&app.telegram)
                .await?;
            Ok(())
        }
    }
}

/// A flow's step shown under a one-line `notice` (why the user is here again): the notice and the
/// step go below the user's message as a new one, so the answer is never an edit of an older
/// screen out of sight; without a notice, to `target` as usual.
pub async fn show_under(
    bot: &Bot,
    app: &App,
    target: Target<'_>,
    chat: ChatId,
    mut screen: Screen,
    notice: Option<String>,
) -> HandlerResult {
    let Some(notice) = notice else { return show(bot, app, target, screen).await };
    screen.text = format!("{notice}\n\n{}", screen.text);
    show(bot, app, Target::Chat(chat), screen).await
}

pub fn button(app: &App, lang: Lang, text_id: &str, data: CallbackData) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(app.texts.get(lang, text_id), data.encode())
}

/// Back (when the step has one) and Menu.
pub fn footer(app: &App, lang: Lang, back: bool) -> Vec<InlineKeyboardButton> {
    let mut row = Vec::new();
    if back {
        row.push(button(app, lang, "booking-back", CallbackData::Back));
    }
    row.push(info::menu_button(app, lang));
    row
}

pub fn keyboard(
    rows: Vec<Vec<InlineKeyboardButton>>,
    footer: Vec<InlineKeyboardButton>,
) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.into_iter().chain([footer]))
}

pub fn missing(what: &str) -> HandlerError {
    HandlerError::Draft(format!("the draft has no {what} at this step"))
}

/// A day as guests read it: dd.mm.yyyy.
pub fn day_text(day: NaiveDate) -> String {
    day.format("%d.%m.%Y").to_string()
}
