//! What a guest's own change tells the staff (SPEC §2.4, §2.5, §9.8): the admin chat and the
//! inform chat each get one notice, queued in the change's transaction through the outbox, so a
//! change is never recorded without its notices, nor told twice. Staff read Russian (the house's
//! language), whatever the guest's.

use super::approval;
use crate::{
    app::App,
    db::{bookings::Booking, outbox::NewNotice, users::User},
    i18n::Lang,
};

/// A change a guest made to their own booking (or the staff made to the calendar).
pub enum GuestChange<'a> {
    Cancelled,
    /// An admin (Telegram id) took this booking by hand.
    AddedByHand {
        admin: i64,
    },
    /// Moved; `before` is the booking as it was; `by_admin` when the staff moved it.
    Moved {
        before: &'a Booking,
        by_admin: bool,
    },
}

/// The notices for the admin chat and the inform chat (one if they are the same chat; none if
/// neither is set).
#[must_use]
pub fn for_staff(
    app: &App,
    booking: &Booking,
    owner: Option<&User>,
    change: &GuestChange<'_>,
) -> Vec<NewNotice> {
    let lang = Lang::default();
    let headline = match change {
        GuestChange::Cancelled => {
            app.texts.format(lang, "staff-guest-cancelled", &[("id", booking.id.into())])
        }
        GuestChange::AddedByHand { admin } => app.texts.format(
            lang,
            "staff-added-by-hand",
            &[("id", booking.id.into()), ("admin", (*admin).into())],
        ),
        GuestChange::Moved { before, by_admin } => app.texts.format(
            lang,
            if *by_admin { "staff-admin-moved" } else { "staff-guest-moved" },
            &[
                ("id", booking.id.into()),
                ("old_start", approval::when(app, before.starts_at).into()),
                ("old_end", approval::when(app, before.ends_at).into()),
                ("old_price", app.money(before.price).into()),
                ("price", app.money(booking.price).into()),
            ],
        ),
    };
    let body = format!("{headline}\n\n{}", approval::booking_text(app, lang, booking, owner));
    let admin = &app.settings.admin;
    let mut chats: Vec<i64> =
        [admin.chat(), admin.inform_chat()].into_iter().flatten().map(|c| c.0).collect();
    chats.dedup();
    if chats.is_empty() {
        tracing::error!(
            booking = booking.id,
            "admin.chat_id is not set: the guest's change reaches no staff"
        );
    }
    chats.into_iter().map(|chat| NewNotice::text(chat, body.clone(), Some(booking.id))).collect()
}
