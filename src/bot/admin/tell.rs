//! What the staff's decisions tell others: the guest (in their language, at once) and the
//! inform chat (through the outbox, in the decision's transaction).

use crate::telegram::Deliver;
use teloxide::prelude::*;

use super::super::{AmountField, approval};
use crate::{
    app::App,
    db::{
        self,
        bookings::Booking,
        outbox::{NewNotice, OutboxKind},
    },
    domain::{booking::BookingStatus, money::Money},
    i18n::Lang,
};

pub(super) fn inform_notice(app: &App, booking: &Booking, chat: i64) -> NewNotice {
    let lang = Lang::default();
    let body = app.texts.format(
        lang,
        "inform-confirmed",
        &[
            ("id", booking.id.into()),
            ("tariff", app.catalog.tariff(booking.tariff).rules.name(true).to_owned().into()),
            ("start", approval::when(app, booking.starts_at).into()),
            ("end", approval::when(app, booking.ends_at).into()),
            ("guests", booking.guests.into()),
            ("price", app.money(booking.price).into()),
        ],
    );
    NewNotice {
        chat_id: chat,
        kind: OutboxKind::Text,
        body,
        file_id: None,
        reply_markup: None,
        booking_id: Some(booking.id),
    }
}

/// Tells the guest, in their language. A guest who blocked the bot is logged, not retried.
async fn tell_guest(bot: &Bot, app: &App, booking: &Booking, text_for: impl Fn(Lang) -> String) {
    let owner = match db::users::by_id(&app.db, booking.owner_id).await {
        Ok(Some(owner)) => owner,
        other => {
            tracing::error!(booking = booking.id, ?other, "cannot find the guest to tell");
            return;
        }
    };
    let Some(chat) = owner.chat_id else { return };
    let lang = Lang::from_code(&owner.language);
    if let Err(error) = bot.send_message(ChatId(chat), text_for(lang)).deliver(&app.telegram).await {
        tracing::warn!(booking = booking.id, %error, "could not tell the guest");
    }
}

pub(super) async fn tell_guest_decision(bot: &Bot, app: &App, booking: &Booking) {
    let id = match booking.status {
        BookingStatus::Confirmed => "guest-approved",
        BookingStatus::Rejected => "guest-rejected",
        _ => return,
    };
    tell_guest(bot, app, booking, |lang| {
        app.texts.format(
            lang,
            id,
            &[
                ("id", booking.id.into()),
                ("price", app.money(booking.price).into()),
                ("prepayment", app.money(booking.prepayment).into()),
            ],
        )
    })
    .await;
}

pub(super) async fn tell_guest_amount(
    bot: &Bot,
    app: &App,
    booking: &Booking,
    field: AmountField,
    amount: Money,
) {
    tell_guest(bot, app, booking, |lang| {
        app.texts.format(
            lang,
            "guest-amount-changed",
            &[
                ("id", booking.id.into()),
                ("field", field.as_str().into()),
                ("amount", app.money(amount).into()),
            ],
        )
    })
    .await;
}
