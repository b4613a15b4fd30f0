//! The end of a booking an admin takes by hand (`/add_booking`): the wizard's draft written as a
//! confirmed booking without an owner, its source recorded, and the staff told — one transaction.
//! The slot is guarded exactly like a guest's hold (the exclusion constraint, closed dates).

use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{Draft, Turn, hold, layout::Target};
use crate::{
    app::App,
    bot::{
        HandlerResult, approval,
        callback::{BookingsPress, CallbackData},
        info, layout,
        notices::{self, GuestChange},
    },
    db::{self, DbError, booking_changes, bookings::NewBooking},
    domain::booking::Actor,
};

pub(super) async fn write(
    turn: Turn<'_>,
    target: Target<'_>,
    draft: Draft,
    new: NewBooking,
    admin: UserId,
) -> HandlerResult {
    let (app, lang) = (turn.app, turn.lang());
    // Only `/add_booking` starts this, for an admin; one removed from `admin.user_ids` since is
    // stopped here, with nothing written.
    if !app.settings.admin.is_admin(admin) {
        tracing::warn!(user = admin.0, "a booking by hand finished by a non-admin was refused");
        turn.dialogue.exit().await?;
        let screen = layout::Screen {
            text: app.texts.get(lang, "admin-not-allowed"),
            keyboard: InlineKeyboardMarkup::new([[info::menu_button(app, lang)]]),
        };
        return layout::show(turn.bot, app, target, screen).await;
    }
    let actor = Actor::Admin { telegram_id: i64::try_from(admin.0).unwrap_or(i64::MAX) };
    let booking = match write_telling_staff(app, &new, actor).await {
        Ok(booking) => booking,
        Err(error) => return hold::taken_or_failed(turn, target, draft, error).await,
    };
    tracing::info!(booking = booking.id, admin = admin.0, source = booking.source, "booking taken by hand");
    app.outbox_waker.notify_one();
    turn.dialogue.exit().await?;
    let text = app.texts.format(
        lang,
        "by-hand-done",
        &[
            ("id", booking.id.into()),
            ("start", approval::when(app, booking.starts_at).into()),
            ("end", approval::when(app, booking.ends_at).into()),
            ("price", app.money(booking.price).into()),
            ("prepayment", app.money(booking.prepayment).into()),
        ],
    );
    let open = InlineKeyboardButton::callback(
        app.texts.get(lang, "by-hand-open"),
        CallbackData::Bookings(BookingsPress::Open(booking.id)).encode(),
    );
    let keyboard = InlineKeyboardMarkup::new([vec![open], vec![info::menu_button(app, lang)]]);
    layout::show(turn.bot, app, target, layout::Screen { text, keyboard }).await
}

async fn write_telling_staff(
    app: &App,
    new: &NewBooking,
    actor: Actor,
) -> Result<db::bookings::Booking, DbError> {
    let mut tx = app.db.begin().await?;
    let booking = booking_changes::create_by_hand_in(&mut tx, new, actor).await?;
    let change = GuestChange::AddedByHand { admin: actor.telegram_id().unwrap_or_default() };
    for notice in notices::for_staff(app, &booking, None, &change) {
        db::outbox::enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    Ok(booking)
}
