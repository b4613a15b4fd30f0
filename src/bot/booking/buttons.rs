//! Button presses inside the wizard. A press is honoured only when it belongs to the current
//! step (SPEC §1); days and hours are re-checked against the database at the press, so a slot
//! taken since the screen was drawn is refused with an explanation, never acted on.

use crate::telegram::Deliver;
use chrono::{Datelike, Months, NaiveDate, NaiveTime, Timelike};
use teloxide::prelude::*;

use super::{Draft, Step, Turn, hold, layout, typed};
use crate::{
    app::{App, AppRef},
    bot::{
        BotDialogue, HandlerError, HandlerResult,
        callback::{CallbackData, Skippable},
        guest::Guest,
        menu,
        pickers::{Pickers, Viewer},
    },
    db,
};

/// What a press leads to.
enum Press {
    /// Move to (or redraw) a step with the updated draft.
    Go(Step, Draft),
    /// Answer with an explanation; nothing changes.
    Explain(&'static str),
    /// Show a step again under a notice (e.g. a kept promo code that no longer applies).
    Again(Step, Draft, &'static str),
    /// Not for this step: "outdated", and the current step again.
    Outdated,
    Menu,
    Hold(Draft),
    Nothing,
}

pub async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    data: CallbackData,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, Draft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    let result = press(turn, &query, data, step, draft).await;
    if result.is_err() {
        // Stop the client's spinner; a second answer (if one was sent) is refused harmlessly.
        let _ = bot.answer_callback_query(query.id.clone()).quietly(&app.telegram).await;
    }
    turn.recover(result).await
}

async fn press(
    turn: Turn<'_>,
    query: &CallbackQuery,
    data: CallbackData,
    step: Step,
    draft: Draft,
) -> HandlerResult {
    let Turn { bot, app, dialogue, .. } = turn;
    let lang = turn.lang();
    let target = layout::Target::Query(query);
    let decided = decide(app, turn.guest, step, draft.clone(), data).await;
    let answer = |text: Option<String>| {
        let request = bot.answer_callback_query(query.id.clone());
        match text {
            Some(text) => request.text(text),
            None => request,
        }
    };
    match decided? {
        Press::Go(next, draft) => {
            answer(None).quietly(&app.telegram).await;
            turn.go(target, next, draft, None).await
        }
        Press::Explain(id) => {
            answer(Some(app.texts.get(lang, id))).quietly(&app.telegram).await;
            Ok(())
        }
        Press::Again(step, draft, notice) => {
            answer(None).quietly(&app.telegram).await;
            turn.go(target, step, draft, Some(notice)).await
        }
        Press::Outdated => outdated(turn, query, (step, draft)).await,
        Press::Menu => {
            answer(None).quietly(&app.telegram).await;
            dialogue.exit().await?;
            let text = menu::welcome_text(app, lang, None);
            crate::bot::reply::show(bot, &app.telegram, query, text, menu::keyboard(app, lang)).await
        }
        Press::Hold(draft) => {
            answer(None).quietly(&app.telegram).await;
            hold::place(turn, target, draft).await
        }
        Press::Nothing => {
            answer(None).quietly(&app.telegram).await;
            Ok(())
        }
    }
}

async fn decide(
    app: &App,
    guest: Guest,
    step: Step,
    mut draft: Draft,
    data: CallbackData,
) -> Result<Press, HandlerError> {
    let rules = draft.tariff.map(|id| &app.catalog.tariff(id).rules);
    let next = |draft: Draft| {
        let rules = draft.tariff.map(|id| &app.catalog.tariff(id).rules);
        match rules {
            Some(rules) => Press::Go(step.after(rules, draft.extras), Draft { month: None, ..draft }),
            None => Press::Outdated,
        }
    };
    let clock = app.clock();
    let viewer = Viewer { guest: guest.user_id, exclude: None };
    let picker = |tariff| Pickers { app, clock: &clock, tariff, viewer };
    Ok(match (step, data) {
        (_, CallbackData::Menu) => Press::Menu,
        (_, CallbackData::Noop) => Press::Nothing,
        (_, CallbackData::Back) => match step.before(rules, draft.extras) {
            Some(previous) => Press::Go(previous, Draft { month: None, ..draft }),
            None if step == Step::Tariff => Press::Menu,
            None => Press::Outdated,
        },
        (Step::Tariff, CallbackData::Tariff(id)) => {
            let draft = draft.for_tariff(id);
            Press::Go(Step::Tariff.after(&app.catalog.tariff(id).rules, draft.extras), draft)
        }
        (Step::Bedroom, CallbackData::Bedroom(bedroom)) => next(Draft { bedroom: Some(bedroom), ..draft }),
        (Step::Extra(asked), CallbackData::Extra { extra, on }) if asked == extra => {
            next(Draft { extras: draft.extras.with(extra, on), ..draft })
        }
        (Step::Guests, CallbackData::Guests(n)) if n <= app.settings.house.capacity => {
            next(Draft { guests: Some(n), ..draft })
        }
        (Step::StartDate | Step::FinishDate, CallbackData::CalendarMonth { year, month }) => {
            let shown = NaiveDate::from_ymd_opt(year, month, 1);
            let first = clock.today().with_day(1);
            let last = clock.horizon_end().checked_add_months(Months::new(1));
            match (shown, first, last) {
                (Some(shown), Some(first), Some(last)) if first <= shown && shown <= last => {
                    Press::Go(step, Draft { month: Some((year, month)), ..draft })
                }
                _ => Press::Outdated,
            }
        }
        (Step::StartDate | Step::FinishDate, CallbackData::DayUnavailable(_)) => {
            Press::Explain("booking-day-unavailable")
        }
        (Step::StartTime | Step::FinishTime, CallbackData::HourBusy(_)) => {
            Press::Explain("booking-hour-busy")
        }
        (Step::StartDate, CallbackData::Day(day)) => {
            let Some(tariff) = draft.tariff.map(|id| app.catalog.tariff(id)) else {
                return Ok(Press::Outdated);
            };
            // The hours of that one day (what the next screen shows), not the whole month.
            let hours = picker(tariff).start_hours(day).await?;
            if hours.iter().any(|(_, free)| *free) {
                draft.set_start_day(day);
                Press::Go(Step::StartTime, draft)
            } else {
                Press::Explain("booking-day-unavailable")
            }
        }
        (Step::StartTime, CallbackData::Hour(hour)) => {
            let (Some(tariff), Some(day)) = (draft.tariff.map(|id| app.catalog.tariff(id)), draft.start_day)
            else {
                return Ok(Press::Outdated);
            };
            let free = picker(tariff).start_hours(day).await?.contains(&(hour, true));
            let start = NaiveTime::from_hms_opt(hour, 0, 0).and_then(|t| clock.instant(day.and_time(t)));
            match start.filter(|_| free) {
                Some(start) => {
                    draft.set_start(start);
                    Press::Go(Step::FinishDate, draft)
                }
                None => Press::Explain("booking-hour-busy"),
            }
        }
        (Step::FinishDate, CallbackData::Day(day)) => {
            let (Some(tariff), Some(start)) = (draft.tariff.map(|id| app.catalog.tariff(id)), draft.start)
            else {
                return Ok(Press::Outdated);
            };
            let options = picker(tariff).finish_options(start).await?;
            if options.iter().any(|end| clock.local(*end).date() == day) {
                next(Draft { finish_day: Some(day), end: None, ..draft })
            } else {
                Press::Explain("booking-day-unavailable")
            }
        }
        (Step::FinishTime, CallbackData::Hour(hour)) => {
            let (Some(tariff), Some(start), Some(day)) =
                (draft.tariff.map(|id| app.catalog.tariff(id)), draft.start, draft.finish_day)
            else {
                return Ok(Press::Outdated);
            };
            let options = picker(tariff).finish_options(start).await?;
            let end = options.into_iter().find(|end| {
                let local = clock.local(*end);
                local.date() == day && local.hour() == hour
            });
            match end {
                Some(end) => next(Draft { end: Some(end), ..draft }),
                None => Press::Explain("booking-hour-busy"),
            }
        }
        (Step::Comment, CallbackData::Skip(Skippable::Comment)) => next(Draft { comment: None, ..draft }),
        (Step::Promo, CallbackData::Skip(Skippable::Promo)) => next(Draft { promo: None, ..draft }),
        (Step::Transfer, CallbackData::Skip(Skippable::Transfer)) => next(Draft { transfer: None, ..draft }),
        (Step::Comment, CallbackData::Keep(Skippable::Comment)) if draft.comment.is_some() => next(draft),
        (Step::Transfer, CallbackData::Keep(Skippable::Transfer)) if draft.transfer.is_some() => next(draft),
        (Step::Promo, CallbackData::Keep(Skippable::Promo)) => {
            // The dates may have changed since the code was accepted: check it again.
            let Some(code) = draft.promo.as_ref().map(|p| p.code.clone()) else { return Ok(Press::Outdated) };
            match typed::check_promo(app, &draft, &code).await? {
                Ok(promo) => next(Draft { promo: Some(promo), ..draft }),
                Err(reason) => Press::Again(Step::Promo, Draft { promo: None, ..draft }, reason),
            }
        }
        (Step::Wine, CallbackData::Wine(wine)) => next(Draft { wine: Some(wine), ..draft }),
        (Step::Summary, CallbackData::Confirm) => {
            if draft.contact.is_none()
                && let Some(owner) = guest.user_id
            {
                draft.contact = db::bookings::last_contact(&app.db, owner).await?;
            }
            next(draft)
        }
        (Step::Contact, CallbackData::UseContact) if draft.contact.is_some() => Press::Hold(draft),
        _ => Press::Outdated,
    })
}

/// A button the wizard cannot read at all (an old bot's payload, a garbled or forged one):
/// "outdated", and the current step again — the wizard stays where it was.
pub async fn on_unknown_callback(
    bot: Bot,
    query: CallbackQuery,
    app: AppRef,
    guest: Guest,
    dialogue: BotDialogue,
    (step, draft): (Step, Draft),
) -> HandlerResult {
    let turn = Turn { bot: &bot, app: &app, guest, dialogue: &dialogue };
    turn.recover(outdated(turn, &query, (step, draft)).await).await
}

/// "This button is outdated" on the spinner, and the current step shown again below.
async fn outdated(turn: Turn<'_>, query: &CallbackQuery, (step, draft): (Step, Draft)) -> HandlerResult {
    turn.bot
        .answer_callback_query(query.id.clone())
        .text(turn.app.texts.get(turn.lang(), "button-outdated-step"))
        .quietly(&turn.app.telegram)
        .await;
    turn.go(layout::Target::Query(query), step, draft, Some("button-outdated-step")).await
}
