//! `/bookings` (SPEC §6): the open bookings (filters: all open · pending payment · awaiting
//! approval · confirmed · this week), ten a page, each opening its details — everything about it,
//! the receipt on request, the audit history in short — with the actions its status allows:
//! Approve, Reject, Cancel (after a confirmation), Complete, Edit price, Edit prepayment. Each is
//! one guarded transition with its audit row by the admin, the guest and the inform chat told in
//! its transaction (`decide`); a second press says "already" and redraws the current state.

mod screens;

use teloxide::prelude::*;

use screens::{details, list};

use super::decide;
use crate::{
    app::{App, AppRef},
    bot::{
        HandlerError, HandlerResult,
        approval::{self, status_text},
        callback::{BookingAct, BookingsPress, CallbackData, Filter},
        guest::Guest,
        layout::{Target, show},
        reply,
    },
    db::{self, DbError},
    domain::booking::{Actor, Transition},
    i18n::Lang,
    telegram::Deliver,
};

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
    let owner = db::users::owner(&app.db, booking.owner_id).await?;
    let mut tx = app.db.begin().await?;
    for notice in approval::receipt_notices(app, &booking, owner.as_ref(), chat, None, file) {
        db::outbox::enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    app.outbox_waker.notify_one();
    Ok(true)
}
