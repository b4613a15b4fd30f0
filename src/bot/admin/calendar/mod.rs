//! The staff's own entries in the house's calendar (SPEC §6), in an admin's private chat:
//! `/add_booking` takes a booking by hand — how it came, then the guests' own wizard (pickers,
//! prices, the same guarantees), ending in a confirmed booking without an owner — and `/block`
//! lists the closed dates with "Open again" and closes new ones (`closing`). Guests see closed
//! dates as busy everywhere (`db::bookings::busy_intervals`).

mod closing;

pub use closing::{BlockDraft, BlockStep};
pub(in crate::bot) use closing::{on_callback, on_message};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use teloxide::{
    prelude::*,
    types::{InlineKeyboardButton, InlineKeyboardMarkup},
    utils::html,
};

use crate::{
    app::{App, AppRef},
    bot::{
        BotDialogue, HandlerError, HandlerResult, booking,
        callback::{CallbackData, StaffPress},
        guest::Guest,
        info,
        layout::{Screen, Target, button, day_text, show},
        turn::Turn,
    },
    db::{self, DbError, calendar_blocks::CalendarBlock},
    domain::booking::BookingSource,
    i18n::Lang,
    telegram::Deliver,
};

/// At most this many closed periods are listed (each is a button; Telegram allows ~100).
const BLOCKS_SHOWN: i64 = 20;

/// `/add_booking`: how the booking came (phone, in person, another channel).
pub(in crate::bot::admin) async fn add_booking(turn: Turn<'_>, msg: &Message) -> HandlerResult {
    if !super::in_private(turn, msg, "by-hand-private-only").await? {
        return Ok(());
    }
    let (app, lang) = (turn.app, turn.lang());
    let sources = BookingSource::BY_HAND.map(|source| {
        button(app, lang, booking::source_text_id(source), CallbackData::Staff(StaffPress::ByHand(source)))
    });
    let keyboard = InlineKeyboardMarkup::new([sources.to_vec(), vec![info::menu_button(app, lang)]]);
    let screen = Screen { text: app.texts.get(lang, "by-hand-source"), keyboard };
    show(turn.bot, app, Target::Chat(msg.chat.id), screen).await
}

/// `/block`: the closed dates still to come, each with "Open again", and "Close dates".
pub(in crate::bot::admin) async fn block(turn: Turn<'_>, msg: &Message) -> HandlerResult {
    if !super::in_private(turn, msg, "block-private-only").await? {
        return Ok(());
    }
    let screen = list_screen(turn.app, turn.lang(), None).await?;
    show(turn.bot, turn.app, Target::Chat(msg.chat.id), screen).await
}

/// The presses of `/add_booking` and `/block`'s list: they work whatever the chat's state.
#[must_use]
pub fn is_list_press(data: CallbackData) -> bool {
    matches!(
        data,
        CallbackData::Staff(StaffPress::ByHand(_) | StaffPress::BlockNew | StaffPress::BlockRemove(_))
    )
}

pub(in crate::bot) async fn on_list_press(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let target = Target::Query(&query);
    // Both flows take typed answers, which the bot gets only in a private chat.
    let private = query.regular_message().is_some_and(|m| m.chat.is_private());
    let result = match data {
        CallbackData::Staff(press) if !private => {
            let explain = match press {
                StaffPress::ByHand(_) => "by-hand-private-only",
                _ => "block-private-only",
            };
            bot.send_message(turn.chat(), turn.text(explain)).deliver(&app.telegram).await?;
            Ok(())
        }
        CallbackData::Staff(StaffPress::ByHand(source)) => booking::start_by_hand(turn, target, source).await,
        CallbackData::Staff(StaffPress::BlockNew) => closing::start(turn, target).await,
        CallbackData::Staff(StaffPress::BlockRemove(id)) => reopen(turn, target, &query, id).await,
        _ => Ok(()),
    };
    turn.recover(result).await
}

/// "Open again": the block is removed (kept on record) and the list redrawn under what happened.
async fn reopen(turn: Turn<'_>, target: Target<'_>, query: &CallbackQuery, id: i64) -> HandlerResult {
    let (app, lang) = (turn.app, turn.lang());
    let admin = i64::try_from(query.from.id.0).unwrap_or(i64::MAX);
    let notice = match db::calendar_blocks::remove(&app.db, id, admin).await {
        Ok(block) => {
            tracing::info!(block = id, admin, "closed dates opened again");
            let (first, last) = days(app, &block);
            app.texts.format(
                lang,
                "block-removed",
                &[("first", day_text(first).into()), ("last", day_text(last).into())],
            )
        }
        // A second press, or another admin was first.
        Err(DbError::NotFound) => app.texts.get(lang, "block-already-open"),
        Err(other) => return Err(other.into()),
    };
    show(turn.bot, app, target, list_screen(app, lang, Some(notice)).await?).await
}

/// The closed dates still to come, under `notice`.
pub(super) async fn list_screen(
    app: &App,
    lang: Lang,
    notice: Option<String>,
) -> Result<Screen, HandlerError> {
    let blocks = db::calendar_blocks::upcoming(&app.db, Utc::now(), BLOCKS_SHOWN).await?;
    let mut text = notice.map(|n| format!("{n}\n\n")).unwrap_or_default();
    let mut rows = Vec::new();
    if blocks.is_empty() {
        text.push_str(&app.texts.get(lang, "block-none"));
    } else {
        text.push_str(&app.texts.get(lang, "block-list"));
    }
    for block in &blocks {
        let (first, last) = days(app, block);
        let reason = block.reason.as_deref().map(|r| format!(" · {}", html::escape(r))).unwrap_or_default();
        text.push_str(&format!("\n🔒 {} — {}{reason}", day_text(first), day_text(last)));
        let label = app.texts.format(
            lang,
            "block-open-again",
            &[
                ("first", first.format("%d.%m").to_string().into()),
                ("last", last.format("%d.%m").to_string().into()),
            ],
        );
        rows.push(vec![InlineKeyboardButton::callback(
            label,
            CallbackData::Staff(StaffPress::BlockRemove(block.id)).encode(),
        )]);
    }
    rows.push(vec![button(app, lang, "block-new", CallbackData::Staff(StaffPress::BlockNew))]);
    rows.push(vec![info::menu_button(app, lang)]);
    Ok(Screen { text, keyboard: InlineKeyboardMarkup::new(rows) })
}

/// The first and last closed day, in the house's zone (the block ends at the next midnight).
fn days(app: &App, block: &CalendarBlock) -> (NaiveDate, NaiveDate) {
    let local = |at: DateTime<Utc>| at.with_timezone(&app.settings.house.timezone).date_naive();
    (local(block.starts_at), local(block.ends_at - Duration::seconds(1)))
}
