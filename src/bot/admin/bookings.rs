//! `/bookings` (SPEC §6): the open bookings (filters: all open · pending payment · awaiting
//! approval · confirmed · this week), ten a page, each opening its details — everything about it,
//! the receipt on request, the audit history in short — with the actions its status allows:
//! Approve, Reject, Cancel (after a confirmation), Complete, Edit price, Edit prepayment. Each is
//! one guarded transition with its audit row by the admin, the guest and the inform chat told in
//! its transaction (`decide`); a second press says "already" and redraws the current state.

use chrono::Duration;
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
};

use super::decide;
use crate::{
    app::{App, AppRef},
    bot::{
        HandlerError, HandlerResult,
        approval::{self, status_text, when},
        callback::{AdminAction, BookingAct, BookingsPress, CallbackData, Filter},
        guest::Guest,
        layout::{Screen, Target, day_text, show},
        reply,
    },
    db::{self, DbError, booking_lists, bookings::Booking},
    domain::booking::{Actor, BookingStatus, Transition},
    i18n::Lang,
    telegram::Deliver,
};

const PAGE: i64 = 10;

pub(super) async fn command(bot: &Bot, msg: &Message, app: &App, lang: Lang) -> HandlerResult {
    let screen = list(app, lang, Filter::Open, 0).await?;
    show(bot, app, Target::Chat(msg.chat.id), screen).await
}

pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: crate::bot::BotDialogue,
) -> HandlerResult {
    let CallbackData::Bookings(press) = data else { return Ok(()) };
    let lang = guest.lang;
    if let BookingsPress::Act { booking, act: BookingAct::Move } = press {
        let turn = crate::bot::turn::Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
        let result = crate::bot::move_booking::begin_for_admin(turn, &query, booking).await;
        return turn.settle(&query, result).await;
    }
    let answer = |text: Option<String>| {
        let request = bot.answer_callback_query(query.id.clone());
        match text {
            Some(text) => request.text(text),
            None => request,
        }
    };
    let screen = match press {
        BookingsPress::List { filter, page } => {
            answer(None).quietly(&app.telegram).await;
            list(&app, lang, filter, page).await?
        }
        BookingsPress::Open(id) | BookingsPress::Act { booking: id, act: BookingAct::Cancel } => {
            let confirm = press != BookingsPress::Open(id);
            let Some(screen) = details(&app, lang, id, confirm).await? else {
                answer(Some(app.texts.get(lang, "button-outdated"))).quietly(&app.telegram).await;
                return Ok(());
            };
            answer(None).quietly(&app.telegram).await;
            screen
        }
        BookingsPress::Act { booking: id, act: BookingAct::ChangeTariff }
        | BookingsPress::Tariff { booking: id, .. } => {
            let booking = match db::bookings::get(&app.db, id).await {
                Ok(booking) => booking,
                Err(DbError::NotFound) => {
                    answer(Some(app.texts.get(lang, "button-outdated"))).quietly(&app.telegram).await;
                    return Ok(());
                }
                Err(other) => return Err(other.into()),
            };
            answer(None).quietly(&app.telegram).await;
            match press {
                BookingsPress::Tariff { tariff, .. } => {
                    super::tariff_change::confirm(&app, lang, &booking, tariff).await?
                }
                _ => super::tariff_change::choices(&app, lang, &booking),
            }
        }
        BookingsPress::TariffConfirmed { booking: id, tariff } => {
            let admin = i64::try_from(query.from.id.0).unwrap_or(i64::MAX);
            let text = match db::bookings::get(&app.db, id).await {
                Ok(booking) => match super::tariff_change::apply(&app, &booking, tariff, admin).await {
                    Ok(done) => {
                        tracing::info!(booking = id, admin, tariff = %tariff, "tariff changed by an admin");
                        app.outbox_waker.notify_one();
                        app.texts.format(
                            lang,
                            "admin-tariff-done",
                            &[("price", app.money(done.price).into())],
                        )
                    }
                    Err(DbError::Unchanged) => app.texts.get(lang, "admin-tariff-unchanged"),
                    Err(DbError::WrongStatus { current }) => app.texts.format(
                        lang,
                        "admin-already",
                        &[("status", status_text(&app, lang, current).into())],
                    ),
                    Err(other) => return Err(other.into()),
                },
                Err(DbError::NotFound) => app.texts.get(lang, "button-outdated"),
                Err(other) => return Err(other.into()),
            };
            answer(Some(text)).quietly(&app.telegram).await;
            match details(&app, lang, id, false).await? {
                Some(screen) => screen,
                None => return Ok(()),
            }
        }
        BookingsPress::Act { booking, act: BookingAct::Receipt } => {
            let sent = resend_receipt(&app, &query, booking).await?;
            let id = if sent { "admin-receipt-resent" } else { "admin-no-receipt" };
            answer(Some(app.texts.get(lang, id))).quietly(&app.telegram).await;
            return Ok(());
        }
        BookingsPress::Act { booking, act } => {
            let transition = match act {
                BookingAct::Approve => Transition::Approve,
                BookingAct::Reject => Transition::Reject,
                BookingAct::Complete => Transition::Complete,
                _ => Transition::Cancel,
            };
            let actor = Actor::Admin { telegram_id: i64::try_from(query.from.id.0).unwrap_or(i64::MAX) };
            let text = match decide(&app, booking, transition, actor).await {
                Ok(done) => {
                    tracing::info!(
                        booking,
                        admin = query.from.id.0,
                        action = transition.action(),
                        "admin action"
                    );
                    app.outbox_waker.notify_one();
                    app.texts.format(
                        lang,
                        "admin-done",
                        &[("status", status_text(&app, lang, done.status).into())],
                    )
                }
                Err(DbError::WrongStatus { current }) => app.texts.format(
                    lang,
                    "admin-already",
                    &[("status", status_text(&app, lang, current).into())],
                ),
                Err(DbError::NotFound) => {
                    answer(Some(app.texts.get(lang, "button-outdated"))).quietly(&app.telegram).await;
                    return Ok(());
                }
                Err(other) => {
                    answer(Some(app.texts.get(lang, "error-internal"))).quietly(&app.telegram).await;
                    return Err(other.into());
                }
            };
            answer(Some(text)).quietly(&app.telegram).await;
            match details(&app, lang, booking, false).await? {
                Some(screen) => screen,
                None => return Ok(()),
            }
        }
    };
    reply::show(&bot, &app.telegram, &query, screen.text, screen.keyboard).await
}

/// One page of a filter: a line per booking, a button per booking, the filters, the arrows.
async fn list(app: &App, lang: Lang, filter: Filter, page: u32) -> Result<Screen, HandlerError> {
    let clock = app.clock();
    let today = clock.instant(clock.today().and_hms_opt(0, 0, 0).unwrap_or_default()).unwrap_or(clock.now);
    let week = (today, today + Duration::days(7));
    let offset = i64::from(page) * PAGE;
    let (rows, total) = booking_lists::page(&app.db, filter, clock.now, week, (PAGE, offset)).await?;
    let pages = u32::try_from((total + PAGE - 1) / PAGE).unwrap_or(1).max(1);
    let mut text = app.texts.format(
        lang,
        "admin-bookings-head",
        &[
            ("filter", filter_name(app, lang, filter).into()),
            ("count", total.into()),
            ("page", (page + 1).into()),
            ("pages", pages.into()),
        ],
    );
    for booking in &rows {
        text.push_str("\n\n");
        text.push_str(&line(app, lang, booking));
    }
    let open = |b: &Booking| {
        InlineKeyboardButton::callback(
            format!("#{}", b.id),
            CallbackData::Bookings(BookingsPress::Open(b.id)).encode(),
        )
    };
    let mut keyboard: Vec<Vec<InlineKeyboardButton>> =
        rows.chunks(5).map(|c| c.iter().map(open).collect()).collect();
    let go = |label: String, filter, page| {
        InlineKeyboardButton::callback(
            label,
            CallbackData::Bookings(BookingsPress::List { filter, page }).encode(),
        )
    };
    let mut arrows = Vec::new();
    if page > 0 {
        arrows.push(go("◀️".into(), filter, page - 1));
    }
    if page + 1 < pages {
        arrows.push(go("▶️".into(), filter, page + 1));
    }
    if !arrows.is_empty() {
        keyboard.push(arrows);
    }
    let filters: Vec<_> = Filter::ALL
        .into_iter()
        .map(|f| {
            let name = filter_name(app, lang, f);
            go(if f == filter { format!("• {name} •") } else { name }, f, 0)
        })
        .collect();
    keyboard.extend(filters.chunks(3).map(<[_]>::to_vec));
    Ok(Screen { text, keyboard: InlineKeyboardMarkup::new(keyboard) })
}

fn filter_name(app: &App, lang: Lang, filter: Filter) -> String {
    let id = match filter {
        Filter::Open => "bookings-filter-open",
        Filter::PendingPayment => "bookings-filter-pending",
        Filter::AwaitingApproval => "bookings-filter-awaiting",
        Filter::Confirmed => "bookings-filter-confirmed",
        Filter::ThisWeek => "bookings-filter-week",
    };
    app.texts.get(lang, id)
}

/// "#12 · awaiting approval · 01.06 14:00 → 02.06 12:00 · Day · 3 guests · 800 BYN · +375…".
fn line(app: &App, lang: Lang, booking: &Booking) -> String {
    app.texts.format(
        lang,
        "admin-bookings-line",
        &[
            ("id", booking.id.into()),
            ("status", status_text(app, lang, booking.status).into()),
            ("start", when(app, booking.starts_at).into()),
            ("end", when(app, booking.ends_at).into()),
            ("tariff", app.catalog.tariff(booking.tariff).rules.name(lang == Lang::Ru).to_owned().into()),
            ("guests", booking.guests.into()),
            ("price", app.money(booking.price).into()),
            ("contact", teloxide::utils::html::escape(&booking.contact).into()),
        ],
    )
}

/// Everything about one booking, its recent history and its actions; `confirm_cancel` shows the
/// cancel confirmation instead of the actions.
async fn details(
    app: &App,
    lang: Lang,
    id: i64,
    confirm_cancel: bool,
) -> Result<Option<Screen>, HandlerError> {
    let booking = match db::bookings::get(&app.db, id).await {
        Ok(booking) => booking,
        Err(DbError::NotFound) => return Ok(None),
        Err(other) => return Err(other.into()),
    };
    let owner = db::users::by_id(&app.db, booking.owner_id).await?;
    let mut text = approval::booking_text(app, lang, &booking, owner.as_ref());
    let history = booking_lists::history(&app.db, id, 8).await?;
    if !history.is_empty() {
        text.push_str("\n\n");
        text.push_str(&app.texts.get(lang, "admin-history"));
        for event in &history {
            let who = match (event.actor_kind.as_str(), event.actor_telegram_id) {
                ("admin", Some(admin)) => format!("admin {admin}"),
                (kind, _) => kind.to_owned(),
            };
            let at = event.at.with_timezone(&app.settings.house.timezone);
            text.push_str(&format!(
                "\n{} {} — {} ({who})",
                day_text(at.date_naive()),
                at.format("%H:%M"),
                event.action
            ));
        }
    }
    let act = |id_text: &str, act| {
        InlineKeyboardButton::callback(
            app.texts.get(lang, id_text),
            CallbackData::Bookings(BookingsPress::Act { booking: id, act }).encode(),
        )
    };
    let back = InlineKeyboardButton::callback(
        app.texts.get(lang, "admin-bookings-back"),
        CallbackData::Bookings(BookingsPress::List { filter: Filter::Open, page: 0 }).encode(),
    );
    if confirm_cancel {
        text = format!("{}\n\n{text}", app.texts.format(lang, "admin-cancel-confirm", &[("id", id.into())]));
        let keep = InlineKeyboardButton::callback(
            app.texts.get(lang, "admin-cancel-keep"),
            CallbackData::Bookings(BookingsPress::Open(id)).encode(),
        );
        let keyboard =
            InlineKeyboardMarkup::new([vec![act("admin-cancel-yes", BookingAct::CancelConfirmed), keep]]);
        return Ok(Some(Screen { text, keyboard }));
    }
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    let decidable = matches!(booking.status, BookingStatus::PendingPayment | BookingStatus::AwaitingApproval);
    if decidable {
        rows.push(vec![act("admin-approve", BookingAct::Approve), act("admin-reject", BookingAct::Reject)]);
    }
    let mut more = Vec::new();
    if Transition::Cancel.from().contains(&booking.status) {
        more.push(act("admin-cancel", BookingAct::Cancel));
    }
    if booking.status == BookingStatus::Confirmed {
        more.push(act("admin-complete", BookingAct::Complete));
    }
    if Transition::Cancel.from().contains(&booking.status) {
        more.push(act("admin-change-tariff", BookingAct::ChangeTariff));
        more.push(act("admin-move", BookingAct::Move));
    }
    if booking.receipt_file_id.is_some() {
        more.push(act("admin-receipt", BookingAct::Receipt));
    }
    if !more.is_empty() {
        rows.push(more);
    }
    if matches!(
        booking.status,
        BookingStatus::PendingPayment | BookingStatus::AwaitingApproval | BookingStatus::Confirmed
    ) {
        let edit = |text_id: &str, action| {
            InlineKeyboardButton::callback(
                app.texts.get(lang, text_id),
                CallbackData::Admin { action, booking: id }.encode(),
            )
        };
        rows.push(vec![
            edit("admin-edit-price", AdminAction::EditPrice),
            edit("admin-edit-prepayment", AdminAction::EditPrepayment),
        ]);
    }
    rows.push(vec![back]);
    Ok(Some(Screen { text, keyboard: InlineKeyboardMarkup::new(rows) }))
}

/// A booking's details at `target` (after an admin's move, or Back from its first step).
pub(in crate::bot) async fn show_details(
    turn: crate::bot::turn::Turn<'_>,
    target: Target<'_>,
    id: i64,
) -> HandlerResult {
    match details(turn.app, turn.lang(), id, false).await? {
        Some(screen) => show(turn.bot, turn.app, target, screen).await,
        None => Ok(()),
    }
}

/// The booking's receipt (with its approval buttons) sent again to the chat the press came from.
async fn resend_receipt(app: &App, query: &CallbackQuery, id: i64) -> Result<bool, HandlerError> {
    let booking = db::bookings::get(&app.db, id).await?;
    let Some(file) = booking.receipt_file_id.as_deref().zip(booking.receipt_kind) else { return Ok(false) };
    let chat = query.regular_message().map_or(query.from.id.0 as i64, |m| m.chat.id.0);
    let owner = db::users::by_id(&app.db, booking.owner_id).await?;
    let mut tx = app.db.begin().await?;
    for notice in approval::receipt_notices(app, &booking, owner.as_ref(), chat, None, file) {
        db::outbox::enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    app.outbox_waker.notify_one();
    Ok(true)
}
