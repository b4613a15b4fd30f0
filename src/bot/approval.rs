//! The staff's view of a booking: the approval message (text, buttons) and the notices that carry
//! it to the admin chat through the outbox. Guest-provided text is escaped here, once.

use teloxide::{
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
    utils::html,
};

use super::callback::{AdminAction, CallbackData};
use crate::{
    app::App,
    db::{
        bookings::Booking,
        outbox::{NewNotice, OutboxKind},
        users::User,
    },
    domain::{
        booking::{BookingSource, BookingStatus, ReceiptKind},
        stay_options::Wine,
        tariff::Extra,
    },
    i18n::Lang,
};

/// Telegram's limit for a photo or document caption.
pub const CAPTION_LIMIT: usize = 1024;

/// An instant as staff and guests read it: house time, `dd.mm.yyyy HH:MM`.
#[must_use]
pub fn when(app: &App, instant: chrono::DateTime<chrono::Utc>) -> String {
    instant.with_timezone(&app.settings.house.timezone).format("%d.%m.%Y %H:%M").to_string()
}

#[must_use]
pub fn status_text(app: &App, lang: Lang, status: BookingStatus) -> String {
    app.texts.get(lang, &format!("status-{}", status.as_str()))
}

/// The booking as the staff see it (HTML).
#[must_use]
pub fn booking_text(app: &App, lang: Lang, booking: &Booking, owner: Option<&User>) -> String {
    // A booking taken by hand has no Telegram guest: its contact line says who it is.
    let guest = if booking.owner_id.is_none() { "—".to_owned() } else { person(owner) };
    let extras: Vec<String> = Extra::ALL
        .into_iter()
        .filter(|e| booking.extras().has(*e))
        .map(|e| super::info::extra_name(app, lang, e))
        .collect();
    let extras = if extras.is_empty() { String::new() } else { format!("; {}", extras.join(", ")) };
    let tariff = app.catalog.tariff(booking.tariff).rules.name(lang == Lang::Ru).to_owned();
    let mut text = app.texts.format(
        lang,
        "admin-booking",
        &[
            ("id", booking.id.into()),
            ("status", status_text(app, lang, booking.status).into()),
            ("guest", guest.into()),
            ("contact", html::escape(&booking.contact).into()),
            ("tariff", html::escape(&tariff).into()),
            ("start", when(app, booking.starts_at).into()),
            ("end", when(app, booking.ends_at).into()),
            ("guests", booking.guests.into()),
            ("extras", extras.into()),
            ("price", app.money(booking.price).into()),
            ("prepayment", app.money(booking.prepayment).into()),
        ],
    );
    let rules = &app.catalog.tariff(booking.tariff).rules;
    // The bedroom matters to the staff only where the guest chose one (12 hours, Weekday).
    let bedroom =
        rules.bedroom_choice.then(|| bedrooms_text(app, lang, booking.white_bedroom, booking.green_bedroom));
    // The wine is stored as the original bot's id ("red-dry"): the staff read the guest's words.
    let wine = booking.wine_preference.as_deref().map(|stored| match Wine::from_stored(stored) {
        Some(wine) => wine_text(app, lang, wine),
        None => stored.to_owned(),
    });
    let lines = [
        ("admin-line-bedroom", bedroom),
        ("admin-line-comment", booking.comment.clone()),
        ("admin-line-wine", wine),
        ("admin-line-transfer", booking.transfer_address.clone()),
    ];
    for (id, value) in lines {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            text.push('\n');
            text.push_str(&app.texts.format(lang, id, &[("text", html::escape(&value).into())]));
        }
    }
    // A booking the staff took by hand: how it came (its guest is only the contact above).
    if let Some(source) = BookingSource::from_stored(&booking.source).filter(|s| *s != BookingSource::Bot) {
        let how = app.texts.get(lang, super::booking::source_text_id(source));
        text.push('\n');
        text.push_str(&app.texts.format(lang, "admin-line-source", &[("source", how.into())]));
    }
    if let Some(gift) = booking.gift_certificate_id {
        text.push('\n');
        text.push_str(&app.texts.format(lang, "admin-line-gift", &[("id", gift.into())]));
    }
    text
}

/// A guest or buyer as the staff read them: first name and @username (HTML-escaped).
#[must_use]
pub fn person(user: Option<&User>) -> String {
    user.map_or_else(
        || "?".to_owned(),
        |u| {
            let name = html::escape(u.first_name.as_deref().unwrap_or(""));
            match &u.username {
                Some(username) => format!("{name} @{}", html::escape(username)),
                None => name,
            }
        },
    )
}

/// Which bedrooms a stay has, in words ("White bedroom", "both bedrooms").
#[must_use]
pub fn bedrooms_text(app: &App, lang: Lang, white: bool, green: bool) -> String {
    let id = match (white, green) {
        (true, false) => "bedroom-white",
        (false, true) => "bedroom-green",
        _ => "bedrooms-both",
    };
    app.texts.get(lang, id)
}

/// The guest-facing name of a wine choice.
#[must_use]
pub fn wine_text(app: &App, lang: Lang, wine: Wine) -> String {
    app.texts.get(lang, &format!("wine-{}", wine.as_str()))
}

/// Approve · Reject / Edit price · Edit prepayment — only while a decision is pending.
#[must_use]
pub fn keyboard(app: &App, lang: Lang, booking: &Booking) -> InlineKeyboardMarkup {
    if !matches!(booking.status, BookingStatus::PendingPayment | BookingStatus::AwaitingApproval) {
        return InlineKeyboardMarkup::default();
    }
    let button = |text_id: &str, action| {
        InlineKeyboardButton::callback(
            app.texts.get(lang, text_id),
            CallbackData::Admin { action, booking: booking.id }.encode(),
        )
    };
    InlineKeyboardMarkup::new([
        vec![button("admin-approve", AdminAction::Approve), button("admin-reject", AdminAction::Reject)],
        vec![
            button("admin-edit-price", AdminAction::EditPrice),
            button("admin-edit-prepayment", AdminAction::EditPrepayment),
        ],
    ])
}

/// The notices that put a receipt in front of the admins: the receipt with the booking as its
/// caption and the buttons (under `warning`, e.g. a receipt after the hold ran out); when the text is longer than a caption may be, the caption carries
/// the head and a follow-up message the rest (fixes the original's B11).
#[must_use]
pub fn receipt_notices(
    app: &App,
    booking: &Booking,
    owner: Option<&User>,
    admin_chat: i64,
    warning: Option<&str>,
    (file_id, file_kind): (&str, ReceiptKind),
) -> Vec<NewNotice> {
    let lang = Lang::default();
    let mut text = booking_text(app, lang, booking, owner);
    if let Some(id) = warning {
        text = format!("{}\n{text}", app.texts.get(lang, id));
    }
    let markup = serde_json::to_value(keyboard(app, lang, booking)).ok();
    // The file this notice is about: the booking's own receipt, or an additional one.
    let kind = match file_kind {
        ReceiptKind::Photo => OutboxKind::Photo,
        ReceiptKind::Document => OutboxKind::Document,
    };
    let file_id = Some(file_id.to_owned());
    let notice = |kind, body: String, file_id, reply_markup| NewNotice {
        chat_id: admin_chat,
        kind,
        body,
        file_id,
        reply_markup,
        booking_id: Some(booking.id),
    };
    if text.chars().count() <= CAPTION_LIMIT {
        return vec![notice(kind, text, file_id, markup)];
    }
    let (head, rest) = split_at_line(&text, CAPTION_LIMIT);
    vec![notice(kind, head, file_id, markup), notice(OutboxKind::Text, rest, None, None)]
}

/// The approval message of a booking that needs no payment (nothing owed): the booking with
/// its buttons, as text, under a line saying why there is no receipt.
#[must_use]
pub fn no_payment_notice(app: &App, booking: &Booking, owner: Option<&User>, admin_chat: i64) -> NewNotice {
    let lang = Lang::default();
    let text =
        format!("{}\n{}", app.texts.get(lang, "admin-nothing-owed"), booking_text(app, lang, booking, owner));
    NewNotice {
        reply_markup: serde_json::to_value(keyboard(app, lang, booking)).ok(),
        ..NewNotice::text(admin_chat, text, Some(booking.id))
    }
}

/// Splits before the last line break that keeps the head within `limit` characters (or hard at
/// `limit` when a single line is longer), so no HTML tag of ours is cut.
pub fn split_at_line(text: &str, limit: usize) -> (String, String) {
    if text.chars().count() <= limit {
        return (text.to_owned(), String::new());
    }
    let cut = text.char_indices().nth(limit).map_or(text.len(), |(i, _)| i);
    let at = text[..cut].rfind('\n').filter(|i| *i > 0).unwrap_or(cut);
    (text[..at].to_owned(), text[at..].trim_start_matches('\n').to_owned())
}

#[cfg(test)]
mod tests {
    use super::split_at_line;

    #[test]
    fn long_text_splits_at_a_line_break_within_the_limit() {
        let text = format!("{}\n{}\n{}", "a".repeat(600), "b".repeat(300), "c".repeat(500));
        let (head, rest) = split_at_line(&text, 1024);
        assert!(head.chars().count() <= 1024);
        assert_eq!(format!("{head}\n{rest}"), text);
        let short = "line one\nline two";
        assert_eq!(split_at_line(short, 1024), (short.to_owned(), String::new()), "short text stays whole");
        let (head, rest) = split_at_line(&"я".repeat(3000), 1024);
        assert_eq!((head.chars().count(), rest.chars().count()), (1024, 1976));
    }
}
