//! Cancelling one of the guest's own bookings (SPEC §2.4): the cancellable ones → a confirmation
//! that names what is lost → `cancelled` through the guarded transition, with its audit row and
//! the staff notices in one transaction. The chat is in `State::Cancel { booking }` only on the
//! confirmation screen, and only that booking's "Yes" is honoured there.

use chrono::Utc;
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{
    HandlerError, HandlerResult, State,
    callback::{CallbackData, Mine},
    layout::{Screen, Target, footer, show},
    menu, my_bookings,
    notices::{self, GuestChange},
    own_bookings::{self, Choice, answer, outdated},
    turn::Turn,
};
use crate::{
    app::App,
    db::{
        self, DbError,
        booking_changes::{self, Guard},
        bookings::Booking,
    },
    domain::booking::{Actor, BookingStatus, Transition},
};

/// The guest's bookings that can be cancelled, a button each; or a friendly "nothing to cancel".
pub(super) async fn list(turn: Turn<'_>, target: Target<'_>, owner: i64) -> HandlerResult {
    let choice = Choice {
        applies: own_bookings::can_cancel,
        pick: "cancel-pick",
        none: "cancel-none",
        press: Mine::Cancel,
    };
    own_bookings::show_choice(turn, target, owner, choice).await
}

/// "Cancel #N": the confirmation screen, if the booking is the presser's and still cancellable.
pub(super) async fn ask(turn: Turn<'_>, query: &CallbackQuery, owner: i64, id: i64) -> HandlerResult {
    let now = Utc::now();
    let booking = match db::bookings::get_owned(&turn.app.db, id, owner).await {
        Ok(booking) if own_bookings::can_cancel(&booking, now) => booking,
        Ok(_) | Err(DbError::NotFound) => return outdated(turn, query).await,
        Err(other) => return Err(other.into()),
    };
    answer(turn, query).await;
    turn.dialogue.update(State::Cancel { booking: id }).await?;
    show(turn.bot, turn.app, Target::Query(query), confirmation(turn, &booking)).await
}

/// What cancelling loses, and Yes / Back / Menu.
fn confirmation(turn: Turn<'_>, booking: &Booking) -> Screen {
    let (app, lang) = (turn.app, turn.lang());
    // Paid: a receipt was sent (or the admin confirmed). An unpaid hold loses nothing.
    let paid = booking.receipt_file_id.is_some() || booking.status != BookingStatus::PendingPayment;
    let question = if paid {
        app.texts.format(lang, "cancel-confirm-paid", &[("prepayment", app.money(booking.prepayment).into())])
    } else {
        turn.text("cancel-confirm-unpaid")
    };
    let text = format!("{}\n\n{question}", my_bookings::card(turn, booking, Utc::now()));
    let yes = app.texts.format(lang, "cancel-yes", &[("id", booking.id.into())]);
    let keyboard = InlineKeyboardMarkup::new([
        vec![InlineKeyboardButton::callback(
            yes,
            CallbackData::Mine(Mine::CancelConfirmed(booking.id)).encode(),
        )],
        footer(app, lang, true),
    ]);
    Screen { text, keyboard }
}

/// "Yes, cancel": the guarded transition (the presser's, not started, still cancellable), the
/// audit row with the guest as actor and the staff notices, committed together. Anything that
/// changed meanwhile (an admin's decision, the start passing, a second press) changes nothing.
pub(super) async fn confirm(turn: Turn<'_>, query: &CallbackQuery, owner: i64, id: i64) -> HandlerResult {
    let actor = Actor::Guest { telegram_id: turn.chat().0 };
    let booking = match cancel_telling_staff(turn.app, owner, id, actor).await {
        Ok(booking) => booking,
        Err(DbError::NotFound | DbError::WrongStatus { .. } | DbError::AlreadyStarted) => {
            return outdated(turn, query).await;
        }
        Err(other) => return Err(other.into()),
    };
    turn.app.outbox_waker.notify_one();
    answer(turn, query).await;
    turn.dialogue.exit().await?;
    tracing::info!(booking = id, "cancelled by the guest");
    let (app, lang) = (turn.app, turn.lang());
    let done = app.texts.format(lang, "cancel-done", &[("id", booking.id.into())]);
    let text = format!("{done}\n\n{}", menu::welcome_text(app, lang, None));
    show(turn.bot, app, Target::Query(query), Screen { text, keyboard: menu::keyboard(app, lang) }).await
}

async fn cancel_telling_staff(app: &App, owner: i64, id: i64, actor: Actor) -> Result<Booking, DbError> {
    let mut tx = app.db.begin().await?;
    let guard = Guard { owner_id: Some(owner), not_started_at: Some(Utc::now()) };
    let booking = booking_changes::transition_in(&mut tx, id, Transition::Cancel, actor, guard).await?;
    let user = db::users::by_id(&mut *tx, owner).await?;
    for notice in notices::for_staff(app, &booking, user.as_ref(), &GuestChange::Cancelled) {
        db::outbox::enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    Ok(booking)
}

/// Back on the confirmation screen: the list again.
pub(super) async fn back(turn: Turn<'_>, query: &CallbackQuery) -> HandlerResult {
    let Some(owner) = turn.guest.user_id else { return Err(HandlerError::GuestUnknown) };
    answer(turn, query).await;
    turn.dialogue.exit().await?;
    list(turn, Target::Query(query), owner).await
}

/// A message on the confirmation screen: the screen again, under "use the buttons".
pub(super) async fn on_message(turn: Turn<'_>, booking: i64) -> HandlerResult {
    let Some(owner) = turn.guest.user_id else { return Err(HandlerError::GuestUnknown) };
    let now = Utc::now();
    match db::bookings::get_owned(&turn.app.db, booking, owner).await {
        Ok(booking) if own_bookings::can_cancel(&booking, now) => {
            let mut screen = confirmation(turn, &booking);
            screen.text = format!("{}\n\n{}", turn.text("self-service-use-buttons"), screen.text);
            show(turn.bot, turn.app, Target::Chat(turn.chat()), screen).await
        }
        Ok(_) | Err(DbError::NotFound) => {
            turn.dialogue.exit().await?;
            menu::send_menu(turn.bot, turn.chat(), turn.app, turn.lang(), Some("unknown-input")).await
        }
        Err(other) => Err(other.into()),
    }
}
