//! Menu-level buttons: back to the menu, prices, free dates, language — they name no one's data,
//! so any guest may press them from the menu state; a month outside the offered range (an old
//! message, a forged payload) is treated as outdated — and the self-service buttons, which
//! `my_bookings` checks against the presser.

use crate::telegram::Deliver;
use teloxide::prelude::*;

use super::{
    HandlerResult, State, callback::CallbackData, cancel, guest::Guest, info, menu, own_bookings, reply,
    turn::Turn,
};
use crate::{app::AppRef, db};

pub(super) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: super::BotDialogue,
    state: State,
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    match (&state, data) {
        (_, CallbackData::Mine(mine)) => return own_bookings::on_press(turn, &query, mine, &state).await,
        (State::Cancel { .. }, CallbackData::Back) => {
            let result = cancel::back(turn, &query).await;
            return turn.recover(result).await;
        }
        _ => {}
    }
    // Answer first so the client's spinner stops even if what follows is slow.
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let lang = guest.lang;
    match data {
        CallbackData::Menu => {
            // Leaves a confirmation screen too: its "Yes" is outdated from here on.
            if state != State::Menu {
                dialogue.exit().await?;
            }
            reply::show(
                &bot,
                &app.telegram,
                &query,
                menu::welcome_text(&app, lang, None),
                menu::keyboard(&app, lang),
            )
            .await
        }
        CallbackData::Prices => {
            let keyboard = teloxide::types::InlineKeyboardMarkup::new([[info::menu_button(&app, lang)]]);
            reply::show(&bot, &app.telegram, &query, info::prices_text(&app, lang), keyboard).await
        }
        CallbackData::FreeDates => {
            let (text, keyboard) = info::month_picker(&app, lang, &app.clock());
            reply::show(&bot, &app.telegram, &query, text, keyboard).await
        }
        CallbackData::FreeDatesMonth { year, month } => {
            let clock = app.clock();
            if !info::offered_months(&clock).contains(&(year, month)) {
                return menu::outdated(&bot, &query, &app, lang).await;
            }
            match info::month_view(&app, lang, &clock, year, month).await {
                Ok((text, keyboard)) => reply::show(&bot, &app.telegram, &query, text, keyboard).await,
                Err(error) => {
                    tracing::error!(%error, "free dates unavailable");
                    let keyboard =
                        teloxide::types::InlineKeyboardMarkup::new([[info::menu_button(&app, lang)]]);
                    reply::show(&bot, &app.telegram, &query, app.texts.get(lang, "error-internal"), keyboard)
                        .await
                }
            }
        }
        CallbackData::Book => {
            super::booking::start(&bot, super::booking::Target::Query(&query), &app, guest, &dialogue).await
        }
        CallbackData::GiftShop => super::gifts::start(turn, super::layout::Target::Query(&query)).await,
        // A header or blank cell: the press is answered, nothing else.
        CallbackData::Noop => Ok(()),
        // Picker and wizard buttons belong to a flow's step; from the menu they are left over
        // from a finished or abandoned flow. Admin buttons have their own branch before this one.
        CallbackData::Picker(_)
        | CallbackData::Wizard(_)
        | CallbackData::KeyboxChange
        | CallbackData::KeyboxCancel
        | CallbackData::Feedback(_)
        | CallbackData::Back
        | CallbackData::Admin { .. }
        | CallbackData::GiftDecision { .. }
        | CallbackData::Stats(_)
        | CallbackData::Promo(_)
        | CallbackData::Bookings(_)
        | CallbackData::Broadcast(_)
        | CallbackData::Staff(_)
        | CallbackData::Mine(_) => menu::outdated(&bot, &query, &app, lang).await,
        CallbackData::Language(chosen) => {
            if let Some(user_id) = guest.user_id
                && let Err(error) = db::users::set_language(&app.db, user_id, chosen.code()).await
            {
                tracing::error!(%error, "could not store the language");
            }
            let text = menu::welcome_text(&app, chosen, Some("language-changed"));
            reply::show(&bot, &app.telegram, &query, text, menu::keyboard(&app, chosen)).await
        }
    }
}

/// A message on the cancel confirmation screen.
pub(super) async fn on_cancel_message(
    bot: Bot,
    app: AppRef,
    guest: Guest,
    dialogue: super::BotDialogue,
    booking: i64,
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = cancel::on_message(turn, booking).await;
    turn.recover(result).await
}
