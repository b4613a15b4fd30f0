//! The periods `/stats` reports on, bounded at midnight in the house time zone (a stay starting
//! at 01:30 on the 1st in Minsk belongs to that month, though it is still the last day of the
//! previous month in UTC).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::tariff_rules::HouseClock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    AllTime,
    ThisYear,
    ThisMonth,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::AllTime, Period::ThisYear, Period::ThisMonth];

    /// `[from, to)` of this period at `clock.now`; `None` bounds are open (all time).
    #[must_use]
    pub fn bounds(self, clock: &HouseClock) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let today = clock.today();
        let (first, next) = match self {
            Period::AllTime => return (None, None),
            Period::ThisYear => (first_of(today.year(), 1), first_of(today.year() + 1, 1)),
            Period::ThisMonth => {
                let first = first_of(today.year(), today.month());
                (first, first.checked_add_months(chrono::Months::new(1)).unwrap_or(first))
            }
        };
        let midnight = |d: NaiveDate| clock.instant(d.and_hms_opt(0, 0, 0).unwrap_or_default());
        (midnight(first), midnight(next))
    }
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(now: &str) -> HouseClock {
        HouseClock {
            tz: "Europe/Minsk".parse().unwrap(),
            now: now.parse().unwrap(),
            horizon_months: 6,
            cleaning_hours: 2,
            capacity: 6,
        }
    }

    #[test]
    fn months_and_years_start_at_the_house_midnight() {
        // 22:30 UTC on 31 May is already 1 June in Minsk (UTC+3).
        let june = clock("2030-05-31T22:30:00Z");
        assert_eq!(
            Period::ThisMonth.bounds(&june),
            (Some("2030-05-31T21:00:00Z".parse().unwrap()), Some("2030-06-30T21:00:00Z".parse().unwrap()))
        );
        assert_eq!(
            Period::ThisYear.bounds(&clock("2030-12-31T21:30:00Z")),
            (Some("2030-12-31T21:00:00Z".parse().unwrap()), Some("2031-12-31T21:00:00Z".parse().unwrap())),
            "00:30 on 1 January in Minsk is the new year"
        );
        assert_eq!(Period::AllTime.bounds(&june), (None, None));
        let december = Period::ThisMonth.bounds(&clock("2030-12-15T12:00:00Z"));
        assert_eq!(december.1, Some("2030-12-31T21:00:00Z".parse().unwrap()), "into the next year");
    }
}
