//! What the staff's decisions tell others — the guest (in their language) and the inform chat —
//! as outbox notices committed in the decision's transaction.

use super::super::{AmountField, approval};
use crate::{
    app::App,
    db::{bookings::Booking, outbox::NewNotice, users::User},
    domain::{booking::BookingStatus, money::Money},
    i18n::Lang,
};

pub(super) fn inform_notice(app: &App, booking: &Booking, chat: i64) -> NewNotice {
    let lang = Lang::default();
    let id = if booking.status == BookingStatus::Cancelled {
        "inform-cancelled-by-admin"
    } else {
        "inform-confirmed"
    };
    let body = app.texts.format(
        lang,
        id,
        &[
            ("id", booking.id.into()),
            ("tariff", app.catalog.tariff(booking.tariff).rules.name(true).to_owned().into()),
            ("start", approval::when(app, booking.starts_at).into()),
            ("end", approval::when(app, booking.ends_at).into()),
            ("guests", booking.guests.into()),
            ("price", app.money(booking.price).into()),
        ],
    );
    NewNotice::text(chat, body, Some(booking.id))
}

/// A notice to the booking's guest in their language (`None`: the guest has no chat with the
/// bot). It goes through the outbox in the decision's transaction, so a network error never
/// leaves the guest untold and a rolled-back decision tells nothing.
fn guest_notice(
    owner: Option<&User>,
    booking: &Booking,
    text_for: impl Fn(Lang) -> String,
) -> Option<NewNotice> {
    let owner = owner?;
    let chat_id = owner.chat_id?;
    Some(NewNotice::text(chat_id, text_for(Lang::from_code(&owner.language)), Some(booking.id)))
}

/// "Confirmed" / "rejected", for the guest.
pub(super) fn guest_decision_notice(app: &App, owner: Option<&User>, booking: &Booking) -> Option<NewNotice> {
    let id = match booking.status {
        BookingStatus::Confirmed => "guest-approved",
        BookingStatus::Rejected => "guest-rejected",
        BookingStatus::Cancelled => "guest-cancelled-by-admin",
        _ => return None,
    };
    guest_notice(owner, booking, |lang| {
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
}

/// "The admin changed the price / prepayment", for the guest.
pub(super) fn guest_amount_notice(
    app: &App,
    owner: Option<&User>,
    booking: &Booking,
    field: AmountField,
    amount: Money,
) -> Option<NewNotice> {
    guest_notice(owner, booking, |lang| {
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
}
