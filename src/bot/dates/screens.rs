//! The date steps' screens: the check-in and check-out calendars with the tariff's limits and
//! the month's special prices, and the hour pickers, from the shared pickers' data.

use chrono::{Datelike, NaiveDate, Timelike};
use teloxide::{types::InlineKeyboardButton, utils::html};

use super::{DateStep, Dates};
use crate::{
    app::App,
    bot::{
        HandlerError,
        approval::when,
        layout::{Screen, day_text, missing},
        pickers::Pickers,
        widgets,
    },
    domain::tariff::Tariff,
    i18n::Lang,
};

/// The screen of a date step: a calendar of possible check-ins or check-outs, or the hours of
/// the chosen day, with `footer` (the flow's Back/Menu) under it.
pub async fn screen(
    app: &App,
    lang: Lang,
    pickers: &Pickers<'_>,
    step: DateStep,
    dates: &Dates,
    footer: Vec<InlineKeyboardButton>,
) -> Result<Screen, HandlerError> {
    let (clock, tariff) = (pickers.clock, pickers.tariff);
    let today = clock.today();
    match step {
        DateStep::StartDate => {
            let month = dates.month.unwrap_or((today.year(), today.month()));
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
            Ok(Screen { text: body, keyboard })
        }
        DateStep::FinishDate => {
            let Some(start) = dates.start else { return Err(missing("start")) };
            let days: Vec<NaiveDate> =
                pickers.finish_options(start).await?.iter().map(|end| clock.local(*end).date()).collect();
            let first = clock.local(start).date();
            let last = days.last().copied().unwrap_or(first);
            // Open where the first possible check-out is (a late start's may be next month).
            let opens = days.first().copied().unwrap_or(first);
            let month = dates.month.unwrap_or((opens.year(), opens.month()));
            let body =
                app.texts.format(lang, "booking-pick-finish-date", &[("start", when(app, start).into())]);
            let keyboard =
                widgets::calendar(&app.texts, lang, month, (first, last), |d| days.contains(&d), footer);
            Ok(Screen { text: body, keyboard })
        }
        DateStep::StartTime => {
            let Some(day) = dates.start_day else { return Err(missing("start day")) };
            let hours = pickers.start_hours(day).await?;
            let mut body =
                app.texts.format(lang, "booking-pick-start-time", &[("date", day_text(day).into())]);
            body.push_str(&windows_note(app, lang, tariff));
            if !hours.iter().any(|(_, free)| *free) {
                body = app.texts.format(lang, "booking-day-full", &[("date", day_text(day).into())]);
            }
            Ok(Screen { text: body, keyboard: widgets::hours(&hours, footer) })
        }
        DateStep::FinishTime => {
            let (Some(start), Some(day)) = (dates.start, dates.finish_day) else {
                return Err(missing("finish day"));
            };
            let hours: Vec<(u32, bool)> = pickers
                .finish_options(start)
                .await?
                .iter()
                .map(|end| clock.local(*end))
                .filter(|local| local.date() == day)
                .map(|local| (local.hour(), true))
                .collect();
            let body = app.texts.format(lang, "booking-pick-finish-time", &[("date", day_text(day).into())]);
            Ok(Screen { text: body, keyboard: widgets::hours(&hours, footer) })
        }
    }
}

/// Weekday and window limits of Worker-type tariffs, as a paragraph (empty for the others).
pub fn windows_note(app: &App, lang: Lang, tariff: &Tariff) -> String {
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
