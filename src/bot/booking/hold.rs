//! The end of the wizard: the hold (the booking row that blocks the slot), and the receipt that
//! puts it in front of the admins. The receipt and its admin notices are committed together
//! (outbox), so a crash never loses a payment and a burst never delays a guest.

use crate::telegram::Deliver;
use chrono::Duration;
use teloxide::{
    prelude::*,
    types::{InlineKeyboardMarkup, ParseMode},
};

use super::{Draft, Step, Turn, layout::Target, summary};
use crate::{
    app::App,
    bot::{HandlerError, HandlerResult, approval, info, wording},
    db::{
        self, DbError,
        booking_changes::{self, ReceiptOutcome},
        bookings::NewBooking,
    },
    domain::{
        booking::{Actor, BookingSource, BookingStatus, ReceiptKind, receipt_document_allowed},
        money::Money,
        stay_options::bedrooms,
        tariff_rules::{StayRejection, check_stay},
    },
    i18n::Lang,
};

fn actor(telegram_id: UserId) -> Actor {
    Actor::Guest { telegram_id: i64::try_from(telegram_id.0).unwrap_or(i64::MAX) }
}

/// Writes the `pending_payment` booking and shows the payment screen. A slot taken meanwhile (or
/// a start that is now too soon) sends the guest back to the calendar with the draft kept.
pub(super) async fn place(turn: Turn<'_>, target: Target<'_>, mut draft: Draft) -> HandlerResult {
    let Turn { app, guest, dialogue, .. } = turn;
    let Some(owner_id) = guest.user_id else { return Err(HandlerError::GuestUnknown) };
    let Some(contact) = draft.contact.clone() else { return Err(HandlerError::Draft("no contact".into())) };
    let priced = summary::priced(app, &draft)?;
    let tariff = app.catalog.tariff(priced.stay.tariff);
    let clock = app.clock();
    if let Err(rejection) = check_stay(&tariff.rules, &clock, priced.start, priced.end, priced.stay.guests) {
        // Time passed since the step, or the house's rules changed: back to the step that fixes
        // it, everything else kept, with the reason.
        let step = if matches!(rejection, StayRejection::Guests { .. }) {
            draft.guests = None;
            Step::Guests
        } else {
            draft.forget_dates();
            Step::StartDate
        };
        let notice = crate::bot::wording::stay_rejection(rejection);
        return turn.go(target, step, draft, Some(notice)).await;
    }
    let (white_bedroom, green_bedroom) = bedrooms(&tariff.rules, draft.bedroom, draft.extras);
    let hold = Duration::from_std(app.settings.booking.payment_hold).unwrap_or(Duration::hours(6));
    let new = NewBooking {
        owner_id: Some(owner_id),
        source: BookingSource::Bot,
        tariff: tariff.id(),
        starts_at: priced.start,
        ends_at: priced.end,
        blocked_until: priced.end + Duration::hours(i64::from(app.settings.booking.cleaning_hours)),
        guests: priced.stay.guests,
        white_bedroom,
        green_bedroom,
        extras: tariff.rules.normalise(draft.extras),
        price: priced.quote.breakdown.total,
        prepayment: priced.quote.prepayment.amount,
        promocode_id: draft.promo.as_ref().map(|p| p.id),
        gift_certificate_id: draft.gift.as_ref().map(|g| g.id),
        comment: draft.comment.clone(),
        contact,
        wine_preference: draft.wine.map(|w| w.as_str().to_owned()),
        transfer_address: draft.transfer.clone(),
        status: BookingStatus::PendingPayment,
        hold_expires_at: clock.now + hold,
    };
    // The wizard runs in private chats only, where the chat id is the guest's user id.
    let telegram_id = UserId(u64::try_from(dialogue.chat_id().0).unwrap_or_default());
    if let Some(source) = draft.by_hand {
        let new = NewBooking {
            owner_id: None,
            source,
            status: BookingStatus::Confirmed,
            promocode_id: None,
            gift_certificate_id: None,
            ..new
        };
        return super::by_hand::write(turn, target, draft, new, telegram_id).await;
    }
    // Nothing to pay up front (a 100 % promo code): no payment screen, no receipt; the booking
    // goes to the admins at once.
    if new.prepayment == Money::ZERO {
        let new = NewBooking { status: BookingStatus::AwaitingApproval, ..new };
        return match hold_without_payment(app, &new, actor(telegram_id)).await {
            Ok(booking) => {
                tracing::info!(booking = booking.id, "booked with nothing to pay; sent to the admins");
                app.outbox_waker.notify_one();
                dialogue.exit().await?;
                let text = app.texts.format(
                    turn.lang(),
                    "booking-nothing-owed",
                    &[
                        ("id", booking.id.into()),
                        ("start", approval::when(app, booking.starts_at).into()),
                        ("end", approval::when(app, booking.ends_at).into()),
                    ],
                );
                let keyboard = InlineKeyboardMarkup::new([[info::menu_button(app, turn.lang())]]);
                crate::bot::layout::show(turn.bot, app, target, crate::bot::layout::Screen { text, keyboard })
                    .await
            }
            Err(error) => taken_or_failed(turn, target, draft, error).await,
        };
    }
    match db::booking_changes::create_hold_replacing_unpaid(&app.db, &new, actor(telegram_id)).await {
        Ok((booking, released)) => {
            tracing::info!(booking = booking.id, tariff = %booking.tariff, ?released, "hold placed");
            draft.booking_id = Some(booking.id);
            // One unpaid hold per guest: say so when an earlier one was let go for this one.
            let notice = (!released.is_empty()).then_some("hold-replaced");
            turn.go(target, Step::Payment, draft, notice).await
        }
        Err(error) => taken_or_failed(turn, target, draft, error).await,
    }
}

/// A hold that could not be written: the slot taken meanwhile → the calendar, the promo code's
/// last use gone → the summary, each with the rest of the draft kept.
pub(super) async fn taken_or_failed(
    turn: Turn<'_>,
    target: Target<'_>,
    mut draft: Draft,
    error: DbError,
) -> HandlerResult {
    match error {
        DbError::SlotTaken => {
            draft.forget_dates();
            turn.go(target, Step::StartDate, draft, Some("booking-slot-taken")).await
        }
        DbError::PromoUsedUp => {
            draft.promo = None;
            turn.go(target, Step::Summary, draft, Some("promo-used-up")).await
        }
        // Expired, or taken by another booking since the code was typed: the code step again,
        // the comment and contact kept.
        DbError::GiftUnavailable => {
            turn.go(target, Step::GiftCode, draft.without_tariff(), Some("gift-code-gone")).await
        }
        other => Err(other.into()),
    }
}

/// The booking written as awaiting approval and its approval message queued for the admins, in
/// one transaction.
async fn hold_without_payment(
    app: &App,
    new: &NewBooking,
    actor: Actor,
) -> Result<db::bookings::Booking, DbError> {
    let mut tx = app.db.begin().await?;
    let (booking, _) = booking_changes::create_hold_replacing_unpaid_in(&mut tx, new, actor).await?;
    let owner = db::users::owner(&mut *tx, booking.owner_id).await?;
    match app.settings.admin.chat() {
        Some(chat) => {
            let notice = approval::no_payment_notice(app, &booking, owner.as_ref(), chat.0);
            db::outbox::enqueue(&mut tx, &notice).await?;
        }
        None => tracing::error!(booking = booking.id, "admin.chat_id is not set: the booking reaches no one"),
    }
    tx.commit().await?;
    Ok(booking)
}

/// What a message offers as a receipt.
pub enum Receipt {
    /// A photo (its largest size) or a PDF/image document.
    File(String, ReceiptKind),
    /// A document that cannot be a receipt (an archive, a program…).
    WrongFile,
    /// No file at all.
    None,
}

/// The receipt a message carries, if any.
pub fn receipt_file(msg: &Message) -> Receipt {
    if let Some(sizes) = msg.photo() {
        return sizes
            .iter()
            .max_by_key(|p| p.width * p.height)
            .map_or(Receipt::None, |p| Receipt::File(p.file.id.0.clone(), ReceiptKind::Photo));
    }
    match msg.document() {
        Some(d)
            if receipt_document_allowed(
                d.mime_type.as_ref().map(|m| m.essence_str()),
                d.file_name.as_deref(),
            ) =>
        {
            Receipt::File(d.file.id.0.clone(), ReceiptKind::Document)
        }
        Some(d) => {
            tracing::info!(mime = ?d.mime_type, "a document that cannot be a receipt was refused");
            Receipt::WrongFile
        }
        None => Receipt::None,
    }
}

/// Attaches a receipt to the guest's booking, queues it for the admins in the same transaction,
/// and tells the guest what happens next (also when the hold had already run out).
pub async fn take_receipt(
    bot: &Bot,
    msg: &Message,
    app: &App,
    lang: Lang,
    owner_id: i64,
    booking_id: i64,
    file: (String, ReceiptKind),
) -> HandlerResult {
    let from = msg.from.as_ref().map_or(UserId(0), |u| u.id);
    let outcome = attach_and_notify(app, owner_id, booking_id, (&file.0, file.1), actor(from)).await;
    let outcome = match outcome {
        Ok(outcome) => Some(outcome),
        // Already decided, cancelled, or not this guest's: nothing to attach it to.
        Err(DbError::WrongStatus { .. } | DbError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    app.outbox_waker.notify_one();
    let mut text = app.texts.get(lang, wording::receipt_for_guest(outcome.as_ref()));
    if let Some(booking) = outcome.as_ref().map(ReceiptOutcome::booking) {
        let dates = app.texts.format(
            lang,
            "receipt-dates",
            &[
                ("id", booking.id.into()),
                ("start", approval::when(app, booking.starts_at).into()),
                ("end", approval::when(app, booking.ends_at).into()),
            ],
        );
        text = format!("{text}\n\n{dates}");
    }
    bot.send_message(msg.chat.id, text)
        .parse_mode(ParseMode::Html)
        .reply_markup(InlineKeyboardMarkup::new([[info::menu_button(app, lang)]]))
        .deliver(&app.telegram)
        .await?;
    Ok(())
}

/// The receipt and the notices that put it in front of the admins, committed together: a
/// receipt is never recorded without its way to the admins, nor sent twice.
async fn attach_and_notify(
    app: &App,
    owner_id: i64,
    booking_id: i64,
    file: (&str, ReceiptKind),
    actor: Actor,
) -> Result<ReceiptOutcome, DbError> {
    let mut tx = app.db.begin().await?;
    let outcome = booking_changes::attach_receipt_in(&mut tx, booking_id, owner_id, file, actor).await?;
    let owner = db::users::by_id(&mut *tx, owner_id).await?;
    let warning = wording::receipt_for_admins(&outcome);
    match app.settings.admin.chat() {
        Some(chat) => {
            for notice in
                approval::receipt_notices(app, outcome.booking(), owner.as_ref(), chat.0, warning, file)
            {
                db::outbox::enqueue(&mut tx, &notice).await?;
            }
        }
        None => tracing::error!(booking = booking_id, "admin.chat_id is not set: the receipt reaches no one"),
    }
    tx.commit().await?;
    Ok(outcome)
}
