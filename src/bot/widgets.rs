//! Inline keyboards for picking dates and hours (no maintained teloxide 0.17 crate exists, see
//! anchors §D). They only render: which days and hours can be pressed is decided by the caller,
//! from `domain::availability`, so the pickers and the free-dates screen never disagree.
//!
//! Telegram allows ≤ 8 buttons per row and ~100 per keyboard: a month is a header, a weekday row,
//! ≤ 6 week rows of 7 and a navigation row (≤ 51 buttons); the hours picker is 6 rows of 4.

use chrono::{Datelike, Months, NaiveDate};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::callback::{CallbackData, Picker};
use crate::i18n::{Lang, Texts};

fn button(text: impl Into<String>, data: CallbackData) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(text, data.encode())
}

/// The weeks of a month, Monday first; `None` for cells outside the month.
#[must_use]
pub fn month_weeks(year: i32, month: u32) -> Vec<[Option<NaiveDate>; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else { return Vec::new() };
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    for day in first.iter_days().take_while(|d| d.month() == month) {
        let column = day.weekday().num_days_from_monday() as usize;
        week[column] = Some(day);
        if column == 6 {
            weeks.push(std::mem::take(&mut week));
        }
    }
    if week.iter().any(Option::is_some) {
        weeks.push(week);
    }
    weeks
}

/// A month calendar. `selectable` says which days can be pressed; the others are shown as ⛔ and
/// answered with an explanation. Arrows appear only towards months inside `[min, max]`.
/// `footer` is the caller's last row (Back, Menu).
#[must_use]
pub fn calendar(
    texts: &Texts,
    lang: Lang,
    (year, month): (i32, u32),
    (min, max): (NaiveDate, NaiveDate),
    selectable: impl Fn(NaiveDate) -> bool,
    footer: Vec<InlineKeyboardButton>,
) -> InlineKeyboardMarkup {
    let mut rows = Vec::new();
    let title = format!("{} {year}", texts.get(lang, &format!("month-{month}")));
    rows.push(vec![button(title, CallbackData::Noop)]);
    let names = texts.get(lang, "weekdays");
    rows.push(names.split(',').map(|name| button(name.trim(), CallbackData::Noop)).collect());
    for week in month_weeks(year, month) {
        rows.push(
            week.iter()
                .map(|cell| match cell {
                    None => button(" ", CallbackData::Noop),
                    Some(day) if *day >= min && *day <= max && selectable(*day) => {
                        button(day.day().to_string(), CallbackData::Picker(Picker::Day(*day)))
                    }
                    Some(day) => button("⛔", CallbackData::Picker(Picker::DayUnavailable(*day))),
                })
                .collect(),
        );
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(min);
    let mut nav = Vec::new();
    if let Some(prev) =
        first.checked_sub_months(Months::new(1)).filter(|p| *p >= min.with_day(1).unwrap_or(min))
    {
        let label = format!("⬅️ {}", texts.get(lang, &format!("month-{}", prev.month())));
        nav.push(button(
            label,
            CallbackData::Picker(Picker::CalendarMonth { year: prev.year(), month: prev.month() }),
        ));
    }
    if let Some(next) = first.checked_add_months(Months::new(1)).filter(|n| *n <= max) {
        let label = format!("{} ➡️", texts.get(lang, &format!("month-{}", next.month())));
        nav.push(button(
            label,
            CallbackData::Picker(Picker::CalendarMonth { year: next.year(), month: next.month() }),
        ));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    if !footer.is_empty() {
        rows.push(footer);
    }
    InlineKeyboardMarkup::new(rows)
}

/// The hours of a day, 4 per row: pressable ones as `HH:00`, busy ones as `⛔ HH` (answered with
/// why, never acted on). `hours` are (hour, pressable) as `Availability::start_hours` gives them.
#[must_use]
pub fn hours(hours: &[(u32, bool)], footer: Vec<InlineKeyboardButton>) -> InlineKeyboardMarkup {
    let buttons: Vec<InlineKeyboardButton> = hours
        .iter()
        .map(|(hour, free)| match free {
            true => button(format!("{hour:02}:00"), CallbackData::Picker(Picker::Hour(*hour))),
            false => button(format!("⛔ {hour:02}"), CallbackData::Picker(Picker::HourBusy(*hour))),
        })
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons.chunks(4).map(<[_]>::to_vec).collect();
    if !footer.is_empty() {
        rows.push(footer);
    }
    InlineKeyboardMarkup::new(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_and_cover_the_month() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let weeks = month_weeks(2026, 12);
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0], None);
        assert_eq!(weeks[0][1], NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(weeks[4][3], NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(weeks[4][4], None);
        let days: usize = weeks.iter().map(|w| w.iter().flatten().count()).sum();
        assert_eq!(days, 31);
        // A month of six weeks: March 2026 starts on a Sunday.
        assert_eq!(month_weeks(2026, 3).len(), 6);
        assert!(month_weeks(2026, 13).is_empty());
    }

    #[test]
    fn the_calendar_shows_every_day_and_lets_only_bookable_ones_be_pressed() {
        let texts = Texts::load().unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        let (min, max) = (day(5), NaiveDate::from_ymd_opt(2027, 6, 5).unwrap());
        let footer = vec![button("Back", CallbackData::Menu)];
        let keyboard = calendar(&texts, Lang::Ru, (2026, 12), (min, max), |d| d != day(10), footer);
        let rows = &keyboard.inline_keyboard;
        assert_eq!(rows[0][0].text, "Декабрь 2026");
        assert_eq!(
            rows[1].iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
            ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
        );
        let data = |b: &InlineKeyboardButton| match &b.kind {
            teloxide::types::InlineKeyboardButtonKind::CallbackData(d) => {
                CallbackData::decode(d).expect("decodes")
            }
            other => panic!("not a callback button: {other:?}"),
        };
        let cells: Vec<CallbackData> = rows[2..7].iter().flatten().map(data).collect();
        assert!(cells.contains(&CallbackData::Picker(Picker::DayUnavailable(day(4)))), "before the minimum");
        assert!(cells.contains(&CallbackData::Picker(Picker::DayUnavailable(day(10)))), "busy");
        assert!(
            cells.contains(&CallbackData::Picker(Picker::Day(day(5))))
                && cells.contains(&CallbackData::Picker(Picker::Day(day(31))))
        );
        // No way back before the first bookable month; forward to January.
        let nav: Vec<CallbackData> = rows[7].iter().map(data).collect();
        assert_eq!(nav, [CallbackData::Picker(Picker::CalendarMonth { year: 2027, month: 1 })]);
        assert_eq!(rows[8][0].text, "Back");
        assert!(rows.iter().all(|row| row.len() <= 8));
        assert!(rows.iter().map(Vec::len).sum::<usize>() <= 100);
        // At the end of the horizon the forward arrow is gone, the backward one is there.
        let june = calendar(&texts, Lang::En, (2027, 6), (min, max), |_| true, vec![]);
        let nav: Vec<CallbackData> = june.inline_keyboard.last().unwrap().iter().map(data).collect();
        assert_eq!(nav, [CallbackData::Picker(Picker::CalendarMonth { year: 2027, month: 5 })]);
        assert_eq!(june.inline_keyboard[0][0].text, "June 2027");
    }

    #[test]
    fn the_hours_picker_marks_busy_hours_and_fits_telegram() {
        let slots: Vec<(u32, bool)> = (0..24).map(|h| (h, h % 3 != 0)).collect();
        let keyboard = hours(&slots, vec![]);
        assert_eq!(keyboard.inline_keyboard.len(), 6);
        let all: Vec<_> = keyboard.inline_keyboard.concat();
        assert_eq!(all.len(), 24);
        assert!(keyboard.inline_keyboard.iter().all(|row| row.len() <= 8));
        assert_eq!(all[3].text, "⛔ 03");
        assert_eq!(all[4].text, "04:00");
    }
}
