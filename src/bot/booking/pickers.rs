//! The date and hour pickers of the wizard, from `domain::availability` over the database's busy
//! intervals: the same source the free-dates screen and the hold's checks use, so a day or hour
//! offered here is one the hold accepts (unless someone takes it in between).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use teloxide::{types::InlineKeyboardButton, utils::html};

use super::{
    Draft, Step, Turn,
    screens::{Screen, day_text, missing},
};
use crate::{
    app::App,
    bot::{HandlerError, approval::when, widgets},
    db,
    domain::{
        availability::{Availability, MAX_STAY_HOURS},
        tariff::Tariff,
        tariff_rules::HouseClock,
    },
    i18n::Lang,
};

/// The busy intervals (cleaning included) overlapping `[from, to)`.
pub async fn availability<'c>(
    app: &App,
    clock: &'c HouseClock,
    guest: Option<i64>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Availability<'c>, HandlerError> {
    let busy = db::bookings::busy_intervals(&app.db, from, to, None, guest, clock.now).await?;
    Ok(Availability::new(clock, busy))
}

/// The instant range a month's calendar needs: every start in it plus the longest stay after.
fn month_window(clock: &HouseClock, (year, month): (i32, u32)) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_else(|| clock.today());
    let from = first.pred_opt().unwrap_or(first).and_hms_opt(0, 0, 0).map_or(clock.now, |t| t.and_utc());
    (from, from + Duration::days(33) + Duration::hours(i64::from(MAX_STAY_HOURS)))
}

/// The finishes a stay starting at `start` can have.
pub async fn finish_options(
    app: &App,
    clock: &HouseClock,
    guest: Option<i64>,
    tariff: &Tariff,
    start: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, HandlerError> {
    let until = start + Duration::hours(i64::from(MAX_STAY_HOURS) + 24);
    let free = availability(app, clock, guest, start - Duration::days(1), until).await?;
    Ok(free.finish_options(&tariff.rules, start))
}

/// The days on which a stay of `tariff` can start, for the month shown.
pub async fn start_days(
    app: &App,
    clock: &HouseClock,
    guest: Option<i64>,
    tariff: &Tariff,
    month: (i32, u32),
) -> Result<Vec<NaiveDate>, HandlerError> {
    let (from, to) = month_window(clock, month);
    let free = availability(app, clock, guest, from, to).await?;
    Ok(widgets::month_weeks(month.0, month.1)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|day| free.day_has_start(&tariff.rules, *day))
        .collect())
}

/// The pressable start hours of `day` (past ones are left out, busy ones shown ⛔).
pub async fn start_hours(
    app: &App,
    clock: &HouseClock,
    guest: Option<i64>,
    tariff: &Tariff,
    day: NaiveDate,
) -> Result<Vec<(u32, bool)>, HandlerError> {
    let (from, to) = month_window(clock, (day.year(), day.month()));
    let free = availability(app, clock, guest, from, to).await?;
    Ok(free
        .start_hours(&tariff.rules, day)
        .into_iter()
        .filter(|slot| slot.start > clock.now)
        .map(|slot| (slot.hour, slot.free))
        .collect())
}

pub(super) async fn calendar_screen(
    turn: Turn<'_>,
    clock: &HouseClock,
    step: Step,
    draft: &Draft,
    tariff: &Tariff,
    footer: Vec<InlineKeyboardButton>,
) -> Result<Screen, HandlerError> {
    let (app, lang, me) = (turn.app, turn.lang(), turn.guest.user_id);
    let today = clock.today();
    if step == Step::StartDate {
        let month = draft.month.unwrap_or((today.year(), today.month()));
        let days = start_days(app, clock, me, tariff, month).await?;
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
    let days: Vec<NaiveDate> = finish_options(app, clock, me, tariff, start)
        .await?
        .iter()
        .map(|end| clock.local(*end).date())
        .collect();
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
