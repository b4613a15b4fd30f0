//! The date steps' screens: the check-in and check-out calendars with the tariff's limits and
//! the month's special prices, from the shared pickers' data.

use chrono::{Datelike, NaiveDate};
use teloxide::{types::InlineKeyboardButton, utils::html};

use super::{
    Draft, Step, Turn,
    layout::{Screen, day_text, missing},
};
use crate::{
    app::App,
    bot::{HandlerError, approval::when, pickers::Pickers, widgets},
    domain::tariff::Tariff,
    i18n::Lang,
};

/// The calendar of a date step: check-in days with a possible start, or the possible check-outs.
pub(super) async fn calendar_screen(
    turn: Turn<'_>,
    pickers: &Pickers<'_>,
    step: Step,
    draft: &Draft,
    footer: Vec<InlineKeyboardButton>,
) -> Result<Screen, HandlerError> {
    let (app, lang, clock, tariff) = (turn.app, turn.lang(), pickers.clock, pickers.tariff);
    let today = clock.today();
    if step == Step::StartDate {
        let month = draft.month.unwrap_or((today.year(), today.month()));
        let days = pickers.start_days(month).await?;
        let mut body = app.texts.get(lang, "booking-pick-start-date");
        body.push_str(&windows_note(app, lang, tariff));
        body.push_str(&special_prices(app, lang, month));
        let keyboard = widgets::calendar(
            &app.texts,
            lang,
            month,
            (today, clock.horizon_end()),
            |d| days.contains(&d),
            footer,
        );
        return Ok(Screen { text: body, keyboard });
    }
    let Some(start) = draft.start else { return Err(missing("start")) };
    let days: Vec<NaiveDate> =
        pickers.finish_options(start).await?.iter().map(|end| clock.local(*end).date()).collect();
    let first = clock.local(start).date();
    let last = days.last().copied().unwrap_or(first);
    // Open where the first possible check-out is (a late start's may be next month).
    let opens = days.first().copied().unwrap_or(first);
    let month = draft.month.unwrap_or((opens.year(), opens.month()));
    let body = app.texts.format(lang, "booking-pick-finish-date", &[("start", when(app, start).into())]);
    let keyboard = widgets::calendar(&app.texts, lang, month, (first, last), |d| days.contains(&d), footer);
    Ok(Screen { text: body, keyboard })
}

/// Weekday and window limits of Worker-type tariffs, as a paragraph (empty for the others).
pub(super) fn windows_note(app: &App, lang: Lang, tariff: &Tariff) -> String {
    if tariff.rules.time_windows.is_empty() {
        return String::new();
    }
    let windows: Vec<String> = tariff
        .rules
        .time_windows
        .iter()
        .map(|w| format!("{}–{}", w.from.format("%H:%M"), w.to.format("%H:%M")))
        .collect();
    format!("\n\n{}", app.texts.format(lang, "booking-windows", &[("windows", windows.join(", ").into())]))
}

/// The date price rules that start in `month`, so guests see them before picking a day.
fn special_prices(app: &App, lang: Lang, (year, month): (i32, u32)) -> String {
    let lines: Vec<String> = app
        .catalog
        .date_rules
        .iter()
        .filter(|r| {
            r.active
                && (r.from.year(), r.from.month()) <= (year, month)
                && (year, month) <= (r.to.year(), r.to.month())
        })
        .map(|r| {
            let name = if lang == Lang::Ru { &r.name_ru } else { &r.name_en };
            format!("🎯 {} — {}: {}", day_text(r.from), html::escape(name), app.money(r.price))
        })
        .collect();
    if lines.is_empty() { String::new() } else { format!("\n\n{}", lines.join("\n")) }
}
