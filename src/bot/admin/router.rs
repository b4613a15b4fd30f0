//! Every admin button that passed the schema's admin gate comes here: the handler is picked by
//! the button's group (and, for a flow's own buttons, by the chat's state), and its result is
//! settled once — a failure (the database down) stops the spinner and says "try again" in the
//! chat, whichever handler it came from, instead of leaving the admin with silence.

use teloxide::prelude::*;

use crate::{
    app::AppRef,
    bot::{
        BotDialogue, HandlerResult, State,
        callback::{BroadcastPress, CallbackData},
        guest::Guest,
        menu,
    },
};

pub(in crate::bot) async fn on_press(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    state: State,
) -> HandlerResult {
    let (b, q, a) = (bot.clone(), query.clone(), app.clone());
    let result = match (data, state) {
        (CallbackData::Admin { .. }, _) => super::on_callback(b, q, data, a, guest).await,
        (CallbackData::GiftDecision { .. }, _) => super::gifts::on_callback(b, q, data, a, guest).await,
        (CallbackData::Stats(_), _) => super::stats::on_callback(b, q, data, a, guest).await,
        (CallbackData::Bookings(_), _) => super::bookings::on_callback(b, q, data, a, guest, dialogue).await,
        // Stop belongs to the progress message, whatever the chat is doing.
        (CallbackData::Broadcast(BroadcastPress::Stop(_)), _) => {
            super::broadcast::on_stop(b, q, data, a, guest).await
        }
        (CallbackData::Broadcast(_), State::Broadcast { step, draft }) => {
            super::broadcast::on_callback(b, q, data, a, guest, dialogue, (step, draft)).await
        }
        (data, _) if super::calendar::is_list_press(data) => {
            super::calendar::on_list_press(b, q, data, a, guest, dialogue).await
        }
        (CallbackData::Staff(_), State::Blocking { step, draft }) => {
            super::calendar::on_callback(b, q, data, a, guest, dialogue, (step, draft)).await
        }
        (data, _) if super::promos::is_list_press(data) => {
            super::promos::list::on_callback(b, q, data, a, guest).await
        }
        (CallbackData::Promo(_), State::PromoNew { step, draft }) => {
            super::promos::new::on_callback(b, q, data, a, guest, dialogue, (step, draft)).await
        }
        (CallbackData::KeyboxChange | CallbackData::KeyboxCancel, _) => {
            super::keybox::on_callback(b, q, data, a, guest).await
        }
        // A flow's own button outside that flow (left over on an old message).
        _ => menu::on_outdated_callback(b, q, a, guest, dialogue).await,
    };
    super::settle_staff_press(&bot, &app, &query, guest.lang, result).await
}
