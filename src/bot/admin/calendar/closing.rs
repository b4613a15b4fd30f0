//! Closing dates (`/block` → "Close dates"): first day → last day (the shared calendar; only
//! days nothing is booked on can be pressed, and only last days that keep the whole range clear)
//! → reason (optional, for the staff) → summary → Close. The database has the last word: a
//! booking written meanwhile makes Close list what is in the way, and nothing is closed.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use teloxide::prelude::*;

use crate::{
    app::AppRef,
    bot::{
        BotDialogue, HandlerError, HandlerResult, State, approval,
        callback::{CallbackData, Picker, StaffPress},
        guest::Guest,
        layout::{Screen, Target, button, day_text, footer, keyboard, show, show_under},
        turn::Turn,
        widgets,
    },
    db::{self, DbError},
    domain::availability::Availability,
    telegram::Deliver,
};

/// Longest reason kept (the list shows it).
const REASON_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockStep {
    FirstDay,
    LastDay,
    Reason,
    Confirm,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockDraft {
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub reason: Option<String>,
    /// The month a calendar step shows (changed by its arrows).
    pub month: Option<(i32, u32)>,
}

pub(super) async fn start(turn: Turn<'_>, target: Target<'_>) -> HandlerResult {
    go(turn, target, BlockStep::FirstDay, BlockDraft::default(), None).await
}

async fn go(
    turn: Turn<'_>,
    target: Target<'_>,
    step: BlockStep,
    draft: BlockDraft,
    notice: Option<String>,
) -> HandlerResult {
    let screen = screen(turn, step, &draft).await?;
    turn.dialogue.update(State::Blocking { step, draft }).await?;
    show_under(turn.bot, turn.app, target, turn.chat(), screen, notice).await
}

/// The busy time around the days a step can offer (bookings with cleaning, other closed dates).
async fn availability<'c>(
    turn: Turn<'_>,
    clock: &'c crate::domain::tariff_rules::HouseClock,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<Availability<'c>, HandlerError> {
    let Some((start, end)) = clock.whole_days(from, to) else {
        return Ok(Availability::new(clock, Vec::new()));
    };
    let busy = db::bookings::busy_intervals(&turn.app.db, start, end, None, None, clock.now).await?;
    Ok(Availability::new(clock, busy))
}

async fn screen(turn: Turn<'_>, step: BlockStep, draft: &BlockDraft) -> Result<Screen, HandlerError> {
    let (app, lang) = (turn.app, turn.lang());
    let footer = footer(app, lang, true);
    let clock = app.clock();
    let (today, horizon) = (clock.today(), clock.horizon_end());
    match (step, draft.first) {
        (BlockStep::FirstDay, _) | (BlockStep::LastDay, None) => {
            let month = draft.month.unwrap_or((today.year(), today.month()));
            let (from, to) = month_days(month);
            let free = availability(turn, &clock, (from, to)).await?;
            let calendar = widgets::calendar(
                &app.texts,
                lang,
                month,
                (today, horizon),
                |day| free.days_clear(day, day),
                footer,
            );
            Ok(Screen { text: app.texts.get(lang, "block-pick-first"), keyboard: calendar })
        }
        (BlockStep::LastDay, Some(first)) => {
            let month = draft.month.unwrap_or((first.year(), first.month()));
            let free = availability(turn, &clock, (first, month_days(month).1)).await?;
            let calendar = widgets::calendar(
                &app.texts,
                lang,
                month,
                (first, horizon),
                |day| free.days_clear(first, day),
                footer,
            );
            let text = app.texts.format(lang, "block-pick-last", &[("first", day_text(first).into())]);
            Ok(Screen { text, keyboard: calendar })
        }
        (BlockStep::Reason, _) => {
            let skip = button(app, lang, "block-no-reason", CallbackData::Staff(StaffPress::BlockNoReason));
            Ok(Screen {
                text: app.texts.get(lang, "block-ask-reason"),
                keyboard: keyboard(vec![vec![skip]], footer),
            })
        }
        (BlockStep::Confirm, _) => {
            let (Some(first), Some(last)) = (draft.first, draft.last) else {
                return Err(crate::bot::layout::missing("closed days"));
            };
            let reason =
                draft.reason.as_deref().map_or_else(|| "—".to_owned(), teloxide::utils::html::escape);
            let text = app.texts.format(
                lang,
                "block-summary",
                &[
                    ("first", day_text(first).into()),
                    ("last", day_text(last).into()),
                    ("days", ((last - first).num_days() + 1).into()),
                    ("reason", reason.into()),
                ],
            );
            let close = button(app, lang, "block-create", CallbackData::Staff(StaffPress::BlockCreate));
            Ok(Screen { text, keyboard: keyboard(vec![vec![close]], footer) })
        }
    }
}

/// The first and last day of a month (and a day before and after: cleaning crosses midnight).
fn month_days((year, month): (i32, u32)) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
    let last = first.checked_add_months(Months::new(1)).unwrap_or(first);
    (first - Duration::days(1), last)
}

pub(in crate::bot) async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (BlockStep, BlockDraft),
) -> HandlerResult {
    // Only admins ever start this; one removed from `admin.user_ids` meanwhile is stopped here.
    if !app.settings.admin.is_admin(query.from.id) {
        dialogue.exit().await?;
        return super::super::refuse(bot, query, data, app, guest).await;
    }
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    let result = press(turn, &query, data, step, draft).await;
    turn.recover(result).await
}

async fn press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    data: CallbackData,
    step: BlockStep,
    mut draft: BlockDraft,
) -> HandlerResult {
    let target = Target::Query(query);
    let clock = turn.app.clock();
    let again = |draft, id: &str| go(turn, target, step, draft, Some(turn.text(id)));
    match (step, data) {
        (_, CallbackData::Menu | CallbackData::Staff(StaffPress::BlockCancel)) => {
            leave(turn, target, None).await
        }
        (_, CallbackData::Noop) => Ok(()),
        (BlockStep::FirstDay, CallbackData::Back) => leave(turn, target, None).await,
        (_, CallbackData::Back) => {
            let previous = match step {
                BlockStep::LastDay => BlockStep::FirstDay,
                BlockStep::Reason => BlockStep::LastDay,
                _ => BlockStep::Reason,
            };
            go(turn, target, previous, BlockDraft { month: None, ..draft }, None).await
        }
        (
            BlockStep::FirstDay | BlockStep::LastDay,
            CallbackData::Picker(Picker::CalendarMonth { year, month }),
        ) => go(turn, target, step, BlockDraft { month: Some((year, month)), ..draft }, None).await,
        (BlockStep::FirstDay | BlockStep::LastDay, CallbackData::Picker(Picker::DayUnavailable(_))) => {
            again(draft, "block-day-busy").await
        }
        (BlockStep::FirstDay, CallbackData::Picker(Picker::Day(day))) => {
            // Checked again at the press: a booking may have taken the day since it was drawn.
            let free = availability(turn, &clock, (day, day)).await?;
            if day < clock.today() || day > clock.horizon_end() || !free.days_clear(day, day) {
                return again(draft, "block-day-busy").await;
            }
            let draft = BlockDraft { first: Some(day), last: None, month: None, ..draft };
            go(turn, target, BlockStep::LastDay, draft, None).await
        }
        (BlockStep::LastDay, CallbackData::Picker(Picker::Day(day))) => {
            let Some(first) = draft.first.filter(|first| *first <= day) else {
                return again(draft, "button-outdated-step").await;
            };
            let free = availability(turn, &clock, (first, day)).await?;
            if day > clock.horizon_end() || !free.days_clear(first, day) {
                return again(draft, "block-day-busy").await;
            }
            draft.last = Some(day);
            draft.month = None;
            go(turn, target, BlockStep::Reason, draft, None).await
        }
        (BlockStep::Reason, CallbackData::Staff(StaffPress::BlockNoReason)) => {
            go(turn, target, BlockStep::Confirm, BlockDraft { reason: None, ..draft }, None).await
        }
        (BlockStep::Confirm, CallbackData::Staff(StaffPress::BlockCreate)) => {
            create(turn, target, query.from.id, draft).await
        }
        _ => again(draft, "button-outdated-step").await,
    }
}

/// Writes the block. A booking that landed meanwhile is listed, and the admin picks again.
async fn create(turn: Turn<'_>, target: Target<'_>, admin: UserId, draft: BlockDraft) -> HandlerResult {
    let (app, lang) = (turn.app, turn.lang());
    let clock = app.clock();
    let range = draft
        .first
        .zip(draft.last)
        .and_then(|(first, last)| clock.whole_days(first, last))
        .ok_or_else(|| crate::bot::layout::missing("closed days"))?;
    let admin_id = i64::try_from(admin.0).unwrap_or(i64::MAX);
    match db::calendar_blocks::create(&app.db, range, draft.reason.as_deref(), admin_id).await {
        Ok(block) => {
            tracing::info!(block = block.id, admin = admin_id, "dates closed");
            let notice = app.texts.get(lang, "block-created");
            leave(turn, target, Some(notice)).await
        }
        Err(DbError::BookedThen) => {
            let in_the_way = db::calendar_blocks::bookings_in_the_way(&app.db, range, clock.now).await?;
            let lines: Vec<String> = in_the_way
                .iter()
                .map(|b| {
                    format!(
                        "#{} {} — {}",
                        b.id,
                        approval::when(app, b.starts_at),
                        approval::when(app, b.ends_at)
                    )
                })
                .collect();
            let notice =
                app.texts.format(lang, "block-booked-then", &[("bookings", lines.join("\n").into())]);
            go(turn, target, BlockStep::FirstDay, BlockDraft::default(), Some(notice)).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Back to `/block`'s list (under `notice`), the draft dropped.
async fn leave(turn: Turn<'_>, target: Target<'_>, notice: Option<String>) -> HandlerResult {
    turn.dialogue.exit().await?;
    let screen = super::list_screen(turn.app, turn.lang(), notice).await?;
    show(turn.bot, turn.app, target, screen).await
}

/// The reason, typed on its step; anything else is explained and the step shown again.
pub(in crate::bot) async fn on_message(
    bot: Bot,
    msg: Message,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, mut draft): (BlockStep, BlockDraft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    if super::super::left_unless_admin(turn, &msg).await? {
        return Ok(());
    }
    let target = Target::Chat(msg.chat.id);
    let again = |draft, id: &str| go(turn, target, step, draft, Some(turn.text(id)));
    let result = match (step, msg.text().map(str::trim)) {
        (BlockStep::Reason, Some(text)) if text.starts_with('/') => {
            again(draft, "booking-unknown-command").await
        }
        (BlockStep::Reason, Some(text)) if text.is_empty() || text.chars().count() > REASON_CHARS => {
            again(draft, "block-reason-too-long").await
        }
        (BlockStep::Reason, Some(text)) => {
            draft.reason = Some(text.to_owned());
            go(turn, target, BlockStep::Confirm, draft, None).await
        }
        (BlockStep::Reason, None) => again(draft, "booking-text-expected").await,
        _ => again(draft, "booking-use-buttons").await,
    };
    turn.recover(result).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_window_covers_the_day_before_and_the_whole_month() {
        let (from, to) = month_days((2027, 2));
        assert_eq!(
            (from, to),
            (NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(), NaiveDate::from_ymd_opt(2027, 3, 1).unwrap())
        );
    }
}
