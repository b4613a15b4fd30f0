//! What a guest may do with their own bookings (SPEC §1, §2.3–§2.5): the router of the
//! self-service buttons (`CallbackData::Mine`), the rules of which booking can be cancelled or
//! moved, the "outdated" answer, and the list of bookings to pick from that cancel and move share.
//! Every id a button names is read again with `get_owned` and its status checked at the press, so
//! a forged id, a booking that changed meanwhile or a button from an old message changes nothing
//! and gets "this button is outdated" with a fresh menu.

use chrono::{DateTime, Utc};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{
    HandlerError, HandlerResult, State,
    callback::{CallbackData, Mine},
    cancel, info,
    layout::{Screen, Target, button, day_text, footer, show},
    menu, move_booking, my_bookings,
    turn::Turn,
};
use crate::{
    db::{self, bookings::Booking},
    domain::booking::BookingStatus,
    telegram::Deliver,
};

/// A press on a self-service button, in any state but the wizard's and the move's (they have
/// their own steps). `state` tells whether a confirmation is expected.
pub(super) async fn on_press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    mine: Mine,
    state: &State,
) -> HandlerResult {
    let result = press(turn, query, mine, state).await;
    turn.settle(query, result).await
}

async fn press(turn: Turn<'_>, query: &CallbackQuery, mine: Mine, state: &State) -> HandlerResult {
    let Some(owner) = turn.guest.user_id else { return Err(HandlerError::GuestUnknown) };
    let target = Target::Query(query);
    match mine {
        Mine::List { page } => {
            answer(turn, query).await;
            my_bookings::show_list(turn, target, owner, page).await
        }
        Mine::Pay(id) => my_bookings::pay(turn, query, owner, id).await,
        Mine::CancelList => {
            answer(turn, query).await;
            cancel::list(turn, target, owner).await
        }
        Mine::Cancel(id) => cancel::ask(turn, query, owner, id).await,
        Mine::CancelConfirmed(id) if *state == (State::Cancel { booking: id }) => {
            cancel::confirm(turn, query, owner, id).await
        }
        Mine::MoveList => {
            answer(turn, query).await;
            move_booking::list(turn, target, owner).await
        }
        Mine::Move(id) => move_booking::begin(turn, query, owner, id).await,
        Mine::Feedback(id) => super::feedback::begin(turn, query, owner, id).await,
        // A confirmation this state does not expect: an old message, a second press, a forgery.
        Mine::CancelConfirmed(_) | Mine::MoveConfirmed(_) => outdated(turn, query).await,
    }
}

/// Stops the button's spinner.
pub(super) async fn answer(turn: Turn<'_>, query: &CallbackQuery) {
    turn.bot.answer_callback_query(query.id.clone()).quietly(&turn.app.telegram).await;
}

/// "This button is outdated" and a fresh menu; the chat's flow is left, nothing else changes.
pub(super) async fn outdated(turn: Turn<'_>, query: &CallbackQuery) -> HandlerResult {
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(turn.text("button-outdated"))
        .quietly(&turn.app.telegram)
        .await;
    menu::reset(turn.dialogue).await?;
    menu::outdated(turn.bot, query, turn.app, turn.lang()).await
}

/// A guest may cancel a booking that still holds the house and has not started.
pub(super) fn can_cancel(booking: &Booking, now: DateTime<Utc>) -> bool {
    booking.status.blocks_the_house() && booking.starts_at > now
}

/// A guest may move a confirmed booking that has not started (moves left permitting).
pub(super) fn can_move(booking: &Booking, now: DateTime<Utc>) -> bool {
    booking.status == BookingStatus::Confirmed && booking.starts_at > now
}

pub(super) fn moves_left(turn: Turn<'_>, booking: &Booking) -> u32 {
    let used = u32::try_from(booking.date_changes).unwrap_or(0);
    turn.app.settings.booking.max_customer_moves.saturating_sub(used)
}

/// Which of the guest's bookings a self-service action applies to, and how its list reads.
pub(super) struct Choice {
    pub applies: fn(&Booking, DateTime<Utc>) -> bool,
    /// The question above the list.
    pub pick: &'static str,
    /// The text when nothing applies.
    pub none: &'static str,
    /// The button of one booking.
    pub press: fn(i64) -> Mine,
}

/// The list screen of cancel and move: one button a booking ("#12 · 05.01.2027 14:00"), or the
/// `none` text with My bookings and Book.
pub(super) async fn show_choice(
    turn: Turn<'_>,
    target: Target<'_>,
    owner: i64,
    choice: Choice,
) -> HandlerResult {
    let now = Utc::now();
    let bookings: Vec<Booking> = db::bookings::list_by_owner(&turn.app.db, owner, now)
        .await?
        .into_iter()
        .filter(|b| (choice.applies)(b, now))
        .collect();
    let (app, lang) = (turn.app, turn.lang());
    if bookings.is_empty() {
        let keyboard = InlineKeyboardMarkup::new([
            vec![button(app, lang, "menu-my-bookings", CallbackData::Mine(Mine::List { page: 0 }))],
            vec![button(app, lang, "menu-book", CallbackData::Book)],
            vec![info::menu_button(app, lang)],
        ]);
        return show(turn.bot, app, target, Screen { text: turn.text(choice.none), keyboard }).await;
    }
    let rows = bookings.iter().map(|b| {
        let local = app.clock().local(b.starts_at);
        let label = format!("#{} · {} {}", b.id, day_text(local.date()), local.format("%H:%M"));
        vec![InlineKeyboardButton::callback(label, CallbackData::Mine((choice.press)(b.id)).encode())]
    });
    let keyboard = InlineKeyboardMarkup::new(rows.chain([footer(app, lang, false)]));
    show(turn.bot, app, target, Screen { text: turn.text(choice.pick), keyboard }).await
}
