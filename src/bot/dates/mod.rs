//! The date steps every flow that picks a stay's dates shares (the booking wizard, moving a
//! booking): check-in day → check-in hour → check-out day → check-out hour, as data (`Dates`),
//! the presses on their pickers, and their screens. A day or hour is re-checked against the
//! database at the press (`bot::pickers`), so one taken since the screen was drawn is refused
//! with an explanation, never taken.

mod screens;

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

pub use screens::{screen, windows_note};

use super::{HandlerError, callback::Picker, pickers::Pickers};

/// Where in the date steps a flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateStep {
    StartDate,
    StartTime,
    FinishDate,
    FinishTime,
}

/// The dates picked so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    pub start_day: Option<NaiveDate>,
    pub start: Option<DateTime<Utc>>,
    pub finish_day: Option<NaiveDate>,
    pub end: Option<DateTime<Utc>>,
    /// The month a calendar step shows (changed by its arrows).
    pub month: Option<(i32, u32)>,
}

impl Dates {
    /// A new start day invalidates the times chosen after it.
    #[must_use]
    pub fn with_start_day(self, day: NaiveDate) -> Dates {
        Dates { start_day: Some(day), ..Dates::default() }
    }

    /// A new start hour invalidates the check-out chosen after it.
    #[must_use]
    pub fn with_start(self, start: DateTime<Utc>) -> Dates {
        let (finish_day, end) =
            if self.start == Some(start) { (self.finish_day, self.end) } else { (None, None) };
        Dates { start: Some(start), finish_day, end, month: None, ..self }
    }

    /// Both instants, once the last step is answered.
    #[must_use]
    pub fn stay(&self) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        self.start.zip(self.end)
    }
}

/// What a picker press leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum DatePress {
    /// Show this date step with these dates (the next step, or the same one in another month).
    Show(DateStep, Dates),
    /// The check-out hour is picked: the dates are complete.
    Picked(Dates),
    /// Answer with an explanation (a busy day or hour); nothing changes.
    Explain(&'static str),
    /// Not a button of this step.
    Outdated,
}

/// A press on the picker of `step`, checked against the database now.
pub async fn press(
    pickers: &Pickers<'_>,
    step: DateStep,
    dates: Dates,
    button: Picker,
) -> Result<DatePress, HandlerError> {
    let clock = pickers.clock;
    Ok(match (step, button) {
        (DateStep::StartDate | DateStep::FinishDate, Picker::CalendarMonth { year, month }) => {
            let shown = NaiveDate::from_ymd_opt(year, month, 1);
            let first = clock.today().with_day(1);
            let last = clock.horizon_end().checked_add_months(Months::new(1));
            match (shown, first, last) {
                (Some(shown), Some(first), Some(last)) if first <= shown && shown <= last => {
                    DatePress::Show(step, Dates { month: Some((year, month)), ..dates })
                }
                _ => DatePress::Outdated,
            }
        }
        (DateStep::StartDate | DateStep::FinishDate, Picker::DayUnavailable(_)) => {
            DatePress::Explain("booking-day-unavailable")
        }
        (DateStep::StartTime | DateStep::FinishTime, Picker::HourBusy(_)) => {
            DatePress::Explain("booking-hour-busy")
        }
        (DateStep::StartDate, Picker::Day(day)) => {
            // The hours of that one day (what the next screen shows), not the whole month.
            if pickers.start_hours(day).await?.iter().any(|(_, free)| *free) {
                DatePress::Show(DateStep::StartTime, dates.with_start_day(day))
            } else {
                DatePress::Explain("booking-day-unavailable")
            }
        }
        (DateStep::StartTime, Picker::Hour(hour)) => {
            let Some(day) = dates.start_day else { return Ok(DatePress::Outdated) };
            let free = pickers.start_hours(day).await?.contains(&(hour, true));
            let start = NaiveTime::from_hms_opt(hour, 0, 0).and_then(|t| clock.instant(day.and_time(t)));
            match start.filter(|_| free) {
                Some(start) => DatePress::Show(DateStep::FinishDate, dates.with_start(start)),
                None => DatePress::Explain("booking-hour-busy"),
            }
        }
        (DateStep::FinishDate, Picker::Day(day)) => {
            let Some(start) = dates.start else { return Ok(DatePress::Outdated) };
            let options = pickers.finish_options(start).await?;
            if options.iter().any(|end| clock.local(*end).date() == day) {
                let dates = Dates { finish_day: Some(day), end: None, month: None, ..dates };
                DatePress::Show(DateStep::FinishTime, dates)
            } else {
                DatePress::Explain("booking-day-unavailable")
            }
        }
        (DateStep::FinishTime, Picker::Hour(hour)) => {
            let (Some(start), Some(day)) = (dates.start, dates.finish_day) else {
                return Ok(DatePress::Outdated);
            };
            let options = pickers.finish_options(start).await?;
            let end = options.into_iter().find(|end| {
                let local = clock.local(*end);
                local.date() == day && local.hour() == hour
            });
            match end {
                Some(end) => DatePress::Picked(Dates { end: Some(end), month: None, ..dates }),
                None => DatePress::Explain("booking-hour-busy"),
            }
        }
        _ => DatePress::Outdated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_start_day_or_hour_clears_what_came_after_it() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let (start, end) = (Utc::now(), Utc::now() + chrono::Duration::hours(3));
        let full = Dates {
            start_day: Some(day),
            start: Some(start),
            finish_day: Some(day),
            end: Some(end),
            month: Some((2027, 1)),
        };
        assert_eq!(full.clone().with_start_day(day), Dates { start_day: Some(day), ..Dates::default() });
        let same = full.clone().with_start(start);
        assert_eq!((same.finish_day, same.end, same.month), (Some(day), Some(end), None), "same hour keeps");
        let other = full.with_start(start + chrono::Duration::hours(1));
        assert_eq!((other.start_day, other.finish_day, other.end), (Some(day), None, None));
        assert_eq!(other.stay(), None);
    }
}
