//! "My bookings" (SPEC §2.3): the presser's bookings, read by owner — the ones to come, then the
//! last finished ones — paged, each with what its guest can do next; and "Pay" on an unpaid hold.

use chrono::{DateTime, Utc};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::{
    HandlerError, HandlerResult, approval, booking,
    callback::{CallbackData, Mine},
    info,
    layout::{Screen, Target, button, show},
    own_bookings::{answer, can_cancel, can_move, moves_left, outdated},
    turn::Turn,
};
use crate::{
    db::{self, bookings::Booking},
    domain::{booking::BookingStatus, tariff::Extra},
    i18n::Lang,
};

/// At most this many bookings a page, so a page's buttons stay few enough to read.
const PAGE_CARDS: usize = 5;
/// Well under Telegram's 4096 characters a message, with room for the header and notices.
const PAGE_CHARS: usize = 3300;
/// How many finished bookings the list shows after the ones to come.
const HISTORY: usize = 5;

/// `/my` and the menu's "My bookings": page `page` of the guest's bookings.
pub(super) async fn show_list(turn: Turn<'_>, target: Target<'_>, owner: i64, page: u32) -> HandlerResult {
    let now = Utc::now();
    let bookings = own_bookings(turn, owner, now).await?;
    let (app, lang) = (turn.app, turn.lang());
    if bookings.is_empty() {
        let keyboard = InlineKeyboardMarkup::new([
            vec![button(app, lang, "menu-book", CallbackData::Book)],
            vec![info::menu_button(app, lang)],
        ]);
        return show(turn.bot, app, target, Screen { text: turn.text("my-bookings-empty"), keyboard }).await;
    }
    let pages = paginate(turn, &bookings, now);
    let count = u32::try_from(pages.len()).unwrap_or(u32::MAX);
    let page = page.min(count.saturating_sub(1));
    let (text, mut rows) = pages.into_iter().nth(page as usize).unwrap_or_default();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button(
            app,
            lang,
            "my-bookings-previous",
            CallbackData::Mine(Mine::List { page: page - 1 }),
        ));
    }
    if page + 1 < count {
        nav.push(button(app, lang, "my-bookings-next", CallbackData::Mine(Mine::List { page: page + 1 })));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows.push(vec![info::menu_button(app, lang)]);
    let head =
        app.texts.format(lang, "my-bookings-head", &[("page", (page + 1).into()), ("pages", count.into())]);
    show(
        turn.bot,
        app,
        target,
        Screen { text: format!("{head}\n\n{text}"), keyboard: InlineKeyboardMarkup::new(rows) },
    )
    .await
}

/// The bookings still to come (soonest first), then the latest finished ones.
async fn own_bookings(turn: Turn<'_>, owner: i64, now: DateTime<Utc>) -> Result<Vec<Booking>, HandlerError> {
    let all = db::bookings::list_by_owner(&turn.app.db, owner, now).await?;
    let (mut upcoming, mut history): (Vec<Booking>, Vec<Booking>) =
        all.into_iter().partition(|b| b.status.blocks_the_house() && b.ends_at >= now);
    upcoming.sort_by_key(|b| (b.starts_at, b.id));
    history.sort_by_key(|b| std::cmp::Reverse((b.starts_at, b.id)));
    history.truncate(HISTORY);
    upcoming.extend(history);
    Ok(upcoming)
}

type Page = (String, Vec<Vec<InlineKeyboardButton>>);

/// The cards cut into pages of at most `PAGE_CARDS` bookings and `PAGE_CHARS` characters; the
/// finished ones under their own heading.
fn paginate(turn: Turn<'_>, bookings: &[Booking], now: DateTime<Utc>) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    let mut cards = 0;
    let mut past_headed = false;
    for booking in bookings {
        let mut text = card(turn, booking, now);
        let past = !(booking.status.blocks_the_house() && booking.ends_at >= now);
        if past && !past_headed {
            past_headed = true;
            text = format!("{}\n\n{text}", turn.text("my-bookings-history"));
        }
        let fits = pages.last().is_some_and(|(t, _)| cards < PAGE_CARDS && t.len() + text.len() < PAGE_CHARS);
        if !fits {
            pages.push((String::new(), Vec::new()));
            cards = 0;
        }
        if let Some((page_text, rows)) = pages.last_mut() {
            if !page_text.is_empty() {
                page_text.push_str("\n\n");
            }
            page_text.push_str(&text);
            let actions = actions(turn, booking, now);
            if !actions.is_empty() {
                rows.push(actions);
            }
        }
        cards += 1;
    }
    pages
}

/// One booking as its guest reads it: number, status, dates, tariff, extras, guests, money, and
/// what they can do next.
pub(super) fn card(turn: Turn<'_>, booking: &Booking, now: DateTime<Utc>) -> String {
    let (app, lang) = (turn.app, turn.lang());
    let extras: Vec<String> = Extra::ALL
        .into_iter()
        .filter(|e| booking.extras().has(*e))
        .map(|e| info::extra_name(app, lang, e))
        .collect();
    let tariff =
        teloxide::utils::html::escape(app.catalog.tariff(booking.tariff).rules.name(lang == Lang::Ru));
    let mut text = app.texts.format(
        lang,
        "my-booking-card",
        &[
            ("id", booking.id.into()),
            ("status", approval::status_text(app, lang, booking.status).into()),
            ("start", approval::when(app, booking.starts_at).into()),
            ("end", approval::when(app, booking.ends_at).into()),
            ("tariff", tariff.into()),
            ("extras", if extras.is_empty() { "—".to_owned() } else { extras.join(", ") }.into()),
            ("guests", booking.guests.into()),
            ("price", app.money(booking.price).into()),
            ("prepayment", app.money(booking.prepayment).into()),
        ],
    );
    if booking.gift_certificate_id.is_some() {
        text.push('\n');
        text.push_str(&turn.text("my-booking-gift"));
    }
    let next = match booking.status {
        _ if booking.starts_at <= now => None,
        BookingStatus::PendingPayment if booking.receipt_file_id.is_none() => Some(app.texts.format(
            lang,
            "my-booking-next-pay",
            &[(
                "deadline",
                booking.hold_expires_at.map(|t| approval::when(app, t)).unwrap_or_default().into(),
            )],
        )),
        BookingStatus::PendingPayment | BookingStatus::AwaitingApproval => {
            Some(turn.text("my-booking-next-wait"))
        }
        BookingStatus::Confirmed => Some(match moves_left(turn, booking) {
            0 => turn.text("my-booking-next-no-moves"),
            left => app.texts.format(lang, "my-booking-next-confirmed", &[("moves", left.into())]),
        }),
        _ => None,
    };
    if let Some(next) = next {
        text.push('\n');
        text.push_str(&next);
    }
    text
}

/// The buttons of one booking's next steps.
fn actions(turn: Turn<'_>, booking: &Booking, now: DateTime<Utc>) -> Vec<InlineKeyboardButton> {
    let (app, lang, id) = (turn.app, turn.lang(), booking.id);
    let labelled = |text_id: &str, data: CallbackData| {
        InlineKeyboardButton::callback(app.texts.format(lang, text_id, &[("id", id.into())]), data.encode())
    };
    let mut row = Vec::new();
    if booking.status == BookingStatus::PendingPayment
        && booking.receipt_file_id.is_none()
        && booking.starts_at > now
    {
        row.push(labelled("my-bookings-pay", CallbackData::Mine(Mine::Pay(id))));
    }
    if can_move(booking, now) && moves_left(turn, booking) > 0 {
        row.push(labelled("my-bookings-move", CallbackData::Mine(Mine::Move(id))));
    }
    if can_cancel(booking, now) {
        row.push(labelled("my-bookings-cancel", CallbackData::Mine(Mine::Cancel(id))));
    }
    row
}

/// "Pay #N": the payment details of the guest's unpaid hold again, and the wizard's payment step
/// for it, so the next photo or document is that booking's receipt.
pub(super) async fn pay(turn: Turn<'_>, query: &CallbackQuery, owner: i64, id: i64) -> HandlerResult {
    let booking = match db::bookings::get_owned(&turn.app.db, id, owner).await {
        Ok(booking) => booking,
        Err(db::DbError::NotFound) => return outdated(turn, query).await,
        Err(other) => return Err(other.into()),
    };
    let unpaid = booking.status == BookingStatus::PendingPayment
        && booking.receipt_file_id.is_none()
        && booking.hold_expires_at.is_some_and(|t| t > Utc::now());
    if !unpaid {
        return outdated(turn, query).await;
    }
    answer(turn, query).await;
    booking::show_payment(turn, Target::Query(query), &booking).await
}

/// `/my`: the first page, as a new message.
pub(super) async fn command(turn: Turn<'_>) -> HandlerResult {
    let Some(owner) = turn.guest.user_id else { return turn.recover(Err(HandlerError::GuestUnknown)).await };
    let result = show_list(turn, Target::Chat(turn.chat()), owner, 0).await;
    turn.recover(result).await
}
