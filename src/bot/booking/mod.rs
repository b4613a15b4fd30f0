//! The booking wizard (SPEC §2.1, reference §1.2): tariff → extras → guests → dates and hours →
//! comment → promo code → Incognito questions → summary → contact → hold → payment → receipt.
//! The chat's state is `State::Booking { step, draft }`; every step is persisted, has Back and
//! Menu, and answers input that does not fit it without losing the draft.

mod buttons;
mod by_hand;
mod draft;
mod gift_code;
mod hold;
mod screens;
mod summary;
mod typed;

use crate::telegram::Deliver;
use teloxide::prelude::*;

pub use buttons::{on_callback, on_unknown_callback};
pub use draft::{AppliedGift, AppliedPromo, Draft, Step};
pub use hold::{Receipt, receipt_file};
pub(crate) use screens::{contact_question, extra_question};
pub(crate) use summary::payment_tail;
pub use typed::{COMMENT_CHARS, on_message};

use super::{BotDialogue, HandlerError, HandlerResult, State, guest::Guest, info, turn::Turn};
use crate::bot::layout;
pub use crate::bot::layout::Target;
use crate::{
    app::App,
    db::{
        self,
        booking_changes::{self, Guard},
    },
    domain::booking::{Actor, BookingSource, BookingStatus, Transition},
};

impl Turn<'_> {
    /// Stores the step and shows it, optionally under a one-line notice (why the guest is here).
    async fn go(self, target: Target<'_>, step: Step, draft: Draft, notice: Option<&str>) -> HandlerResult {
        let notice = notice.map(|id| self.app.texts.get(self.lang(), id));
        self.go_under(target, step, draft, notice).await
    }

    /// [`Turn::go`] under a notice already worded (one with values in it).
    async fn go_under(
        self,
        target: Target<'_>,
        step: Step,
        draft: Draft,
        notice: Option<String>,
    ) -> HandlerResult {
        let mut screen = screens::render(self, step, &draft).await?;
        if let Some(source) = draft.by_hand {
            // The admin sees at every step that this is not their own booking.
            let how = self.app.texts.get(self.lang(), source_text_id(source));
            let banner = self.app.texts.format(self.lang(), "by-hand-banner", &[("source", how.into())]);
            screen.text = format!("{banner}\n\n{}", screen.text);
        }
        self.dialogue.update(State::Booking { step, draft }).await?;
        layout::show_under(self.bot, self.app, target, self.dialogue.chat_id(), screen, notice).await
    }
}

/// Opens the wizard at the tariff step (from the menu's Book button or `/book`).
pub async fn start(
    bot: &Bot,
    target: Target<'_>,
    app: &App,
    guest: Guest,
    dialogue: &BotDialogue,
) -> HandlerResult {
    Turn { bot, app, guest, dialogue }.go(target, Step::Tariff, Draft::default(), None).await
}

/// Opens the wizard for an admin taking a booking by hand (`/add_booking`, its source chosen):
/// the guests' steps, pickers and prices, ending in a confirmed booking without an owner.
pub async fn start_by_hand(turn: Turn<'_>, target: Target<'_>, source: BookingSource) -> HandlerResult {
    turn.go(target, Step::Tariff, Draft { by_hand: Some(source), ..Draft::default() }, None).await
}

/// The text id naming how a booking came (the staff's words).
#[must_use]
pub fn source_text_id(source: BookingSource) -> &'static str {
    match source {
        BookingSource::Bot => "source-bot",
        BookingSource::Phone => "source-phone",
        BookingSource::WalkIn => "source-walk-in",
        BookingSource::Other => "source-other",
    }
}

/// `/cancel` during the wizard: an unpaid hold is released at once (the guest said so), the
/// draft is dropped by the caller. Returns whether a hold was released.
pub async fn abandon(app: &App, guest: Guest, chat: ChatId, state: &State) -> bool {
    let State::Booking { step: Step::Payment, draft: Draft { booking_id: Some(id), .. } } = state else {
        return false;
    };
    let Some(owner) = guest.user_id else { return false };
    // Only an unpaid hold: once a receipt is sent, cancelling is a decision with the admins.
    match db::bookings::get_owned(&app.db, *id, owner).await {
        Ok(booking) if booking.status == BookingStatus::PendingPayment => {}
        _ => return false,
    }
    let guard = Guard { owner_id: Some(owner), not_started_at: None };
    let actor = Actor::Guest { telegram_id: chat.0 };
    match booking_changes::transition(&app.db, *id, Transition::Cancel, actor, guard).await {
        Ok(_) => true,
        Err(error) => {
            tracing::warn!(%error, booking = id, "could not release the hold");
            false
        }
    }
}

/// A photo or document sent from the menu: the receipt for the guest's latest unpaid (or just
/// expired) hold — e.g. after they left the payment screen — or an additional receipt for a
/// booking awaiting approval. `false` if there is no such booking (or no file at all).
pub async fn receipt_from_menu(
    bot: &Bot,
    msg: &Message,
    app: &App,
    guest: Guest,
) -> Result<bool, HandlerError> {
    let Some(owner) = guest.user_id else { return Ok(false) };
    let receipt = hold::receipt_file(msg);
    if matches!(receipt, hold::Receipt::None) {
        return Ok(false);
    }
    let grace = chrono::Duration::days(3);
    let Some(booking) = db::bookings::awaiting_receipt(&app.db, owner, chrono::Utc::now(), grace).await?
    else {
        return Ok(false);
    };
    match receipt {
        hold::Receipt::File(file, kind) => {
            hold::take_receipt(bot, msg, app, guest.lang, owner, booking.id, (file, kind)).await?;
        }
        _ => {
            let keyboard = teloxide::types::InlineKeyboardMarkup::new([[info::menu_button(app, guest.lang)]]);
            bot.send_message(msg.chat.id, app.texts.get(guest.lang, "receipt-wrong-file"))
                .reply_markup(keyboard)
                .deliver(&app.telegram)
                .await?;
        }
    }
    Ok(true)
}

/// The payment screen of the guest's unpaid hold, opened from "My bookings": the wizard's payment
/// step for that booking, so the next photo or document is its receipt (and `/cancel` releases
/// it, as on the wizard's own payment screen).
pub async fn show_payment(
    turn: Turn<'_>,
    target: Target<'_>,
    booking: &db::bookings::Booking,
) -> HandlerResult {
    let draft = Draft { tariff: Some(booking.tariff), booking_id: Some(booking.id), ..Draft::default() };
    turn.go(target, Step::Payment, draft, None).await
}
