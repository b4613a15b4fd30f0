//! Whether a stay is allowed (SPEC §3.6): start ≥ now + 1 h and within the booking horizon;
//! at least 1 h (or the tariff's `min_hours`) and at most `max_hours`; guests 1 … house capacity;
//! Worker-type tariffs start on their weekdays and lie wholly inside one time window. All in the
//! house time zone; DST-safe (local times that do not exist are skipped, ambiguous ones take the
//! earlier instant).

use chrono::{
    DateTime, Datelike, Days, Duration, LocalResult, Months, NaiveDate, NaiveDateTime, TimeZone, Utc,
};
use chrono_tz::Tz;

use super::tariff::TariffRules;

/// The clock and the house-wide limits every rule is evaluated against.
#[derive(Debug, Clone, Copy)]
pub struct HouseClock {
    pub tz: Tz,
    pub now: DateTime<Utc>,
    pub horizon_months: u32,
    pub cleaning_hours: u32,
    pub capacity: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StayRejection {
    #[error("the stay must start at least one hour from now")]
    TooSoon,
    #[error("the stay starts beyond the booking horizon")]
    BeyondHorizon,
    #[error("the stay is shorter than {min} h")]
    TooShort { min: u32 },
    #[error("the stay is longer than {max} h")]
    TooLong { max: u32 },
    #[error("this tariff starts only on its weekdays")]
    WrongWeekday,
    #[error("this tariff's stay must fit in one of its time windows")]
    OutsideWindows,
    #[error("guests must be between 1 and {max}")]
    Guests { max: u32 },
}

impl HouseClock {
    #[must_use]
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&self.tz).date_naive()
    }

    /// The last day a stay may start on.
    #[must_use]
    pub fn horizon_end(&self) -> NaiveDate {
        self.today().checked_add_months(Months::new(self.horizon_months)).unwrap_or(NaiveDate::MAX)
    }

    #[must_use]
    pub fn earliest_start(&self) -> DateTime<Utc> {
        self.now + Duration::hours(1)
    }

    /// The instant of a local wall-clock time; `None` when it does not exist (spring forward).
    #[must_use]
    pub fn instant(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(earlier, _) => Some(earlier.with_timezone(&Utc)),
            LocalResult::None => None,
        }
    }

    #[must_use]
    pub fn local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.tz).naive_local()
    }

    /// The instants of the whole local days `first..=last` (midnight to midnight). `None` if a
    /// midnight does not exist locally.
    #[must_use]
    pub fn whole_days(&self, first: NaiveDate, last: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let midnight = |d: NaiveDate| self.instant(d.and_time(chrono::NaiveTime::MIN));
        Some((midnight(first)?, midnight(last.succ_opt()?)?))
    }
}

/// Checks a stay `[start, end)` for `guests` against the tariff's rules.
pub fn check_stay(
    rules: &TariffRules,
    clock: &HouseClock,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    guests: u32,
) -> Result<(), StayRejection> {
    if guests == 0 || guests > clock.capacity {
        return Err(StayRejection::Guests { max: clock.capacity });
    }
    check_times(rules, clock, start, end)
}

/// The time part of [`check_stay`].
pub fn check_times(
    rules: &TariffRules,
    clock: &HouseClock,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(), StayRejection> {
    if start < clock.earliest_start() {
        return Err(StayRejection::TooSoon);
    }
    let local_start = clock.local(start);
    if local_start.date() > clock.horizon_end() {
        return Err(StayRejection::BeyondHorizon);
    }
    let min = rules.min_hours.unwrap_or(1).max(1);
    if end - start < Duration::hours(i64::from(min)) {
        return Err(StayRejection::TooShort { min });
    }
    if let Some(max) = rules.max_hours
        && end - start > Duration::hours(i64::from(max))
    {
        return Err(StayRejection::TooLong { max });
    }
    if !rules.start_weekdays.is_empty() && !rules.start_weekdays.contains(&local_start.weekday()) {
        return Err(StayRejection::WrongWeekday);
    }
    if !rules.time_windows.is_empty() && !fits_a_window(rules, clock, local_start, clock.local(end)) {
        return Err(StayRejection::OutsideWindows);
    }
    Ok(())
}

/// Whether `[start, end)` (local) lies inside one occurrence of one of the tariff's windows.
/// An overnight window that began the previous evening counts too.
fn fits_a_window(rules: &TariffRules, clock: &HouseClock, start: NaiveDateTime, end: NaiveDateTime) -> bool {
    let days = [start.date().checked_sub_days(Days::new(1)), Some(start.date())];
    rules.time_windows.iter().any(|window| {
        days.iter().flatten().any(|day| {
            let from = day.and_time(window.from);
            let until = from + Duration::hours(window.hours());
            // Compare as instants so a DST change inside the window is handled.
            match (clock.instant(from), clock.instant(until), clock.instant(start), clock.instant(end)) {
                (Some(f), Some(u), Some(s), Some(e)) => f <= s && e <= u,
                _ => false,
            }
        })
    })
}
