//! When the jobs act on a stay (SPEC §7), in the house's time zone: the arrival instructions' moment
//! and the daily expiry run. Pure, so the moments are property-tested without a clock.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The moment a stay's arrival instructions are due: `days_before` days before the local check-in
/// day, at `time` house time — never later than the check-in itself. A local time that does not
/// exist (a DST gap) is taken an hour later.
#[must_use]
pub fn instructions_due(start: DateTime<Utc>, tz: Tz, days_before: u32, time: NaiveTime) -> DateTime<Utc> {
    let day = start.with_timezone(&tz).date_naive() - Duration::days(i64::from(days_before));
    let local = day.and_time(time);
    let due = tz
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| tz.from_local_datetime(&(local + Duration::hours(1))).earliest())
        .map_or(start, |t| t.with_timezone(&Utc));
    due.min(start)
}

/// Whether the daily expiry run is due at `now`: once a local day, at or after `time`; a day
/// missed entirely (the bot was down over it) is caught up at once.
#[must_use]
pub fn daily_run_due(now: DateTime<Utc>, tz: Tz, time: NaiveTime, last_run: Option<NaiveDate>) -> bool {
    let local = now.with_timezone(&tz);
    let today = local.date_naive();
    match last_run {
        Some(last) if last >= today => false,
        Some(last) if last < today - Duration::days(1) => true,
        None => true,
        Some(_) => local.time() >= time,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Timelike};
    use proptest::prelude::*;

    use super::*;

    const MINSK: Tz = chrono_tz::Europe::Minsk;

    fn noon() -> NaiveTime {
        NaiveTime::from_hms_opt(12, 0, 0).unwrap()
    }

    fn minsk(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        MINSK.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_day_before_at_noon_house_time() {
        assert_eq!(instructions_due(minsk(2027, 3, 10, 14), MINSK, 1, noon()), minsk(2027, 3, 9, 12));
        // A midnight check-in: still the day before, not "the morning of".
        assert_eq!(instructions_due(minsk(2027, 3, 10, 0), MINSK, 1, noon()), minsk(2027, 3, 9, 12));
        // Same day at noon, but the stay starts at 10: sent no later than the check-in.
        assert_eq!(instructions_due(minsk(2027, 3, 10, 10), MINSK, 0, noon()), minsk(2027, 3, 10, 10));
    }

    #[test]
    fn the_daily_run_happens_once_a_day_after_its_time() {
        let three = NaiveTime::from_hms_opt(3, 0, 0).unwrap();
        let today = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let yesterday = today.pred_opt().unwrap();
        assert!(!daily_run_due(minsk(2027, 3, 10, 2), MINSK, three, Some(yesterday)), "before its time");
        assert!(daily_run_due(minsk(2027, 3, 10, 4), MINSK, three, Some(yesterday)));
        assert!(!daily_run_due(minsk(2027, 3, 10, 23), MINSK, three, Some(today)), "once a day");
        assert!(
            daily_run_due(minsk(2027, 3, 10, 2), MINSK, three, Some(today - Duration::days(2))),
            "catch up"
        );
        assert!(daily_run_due(minsk(2027, 3, 10, 2), MINSK, three, None), "never ran");
    }

    proptest! {
        #[test]
        fn instructions_are_never_after_the_check_in_and_on_the_right_day(
            days in 0i64..3000, hour in 0u32..24, before in 0u32..4, at in 0u32..24,
        ) {
            let start = minsk(2026, 1, 1, 0) + Duration::days(days) + Duration::hours(i64::from(hour));
            let time = NaiveTime::from_hms_opt(at, 0, 0).unwrap();
            let due = instructions_due(start, MINSK, before, time);
            prop_assert!(due <= start);
            let local = due.with_timezone(&MINSK);
            if due < start {
                let day = start.with_timezone(&MINSK).date_naive() - Duration::days(i64::from(before));
                prop_assert_eq!(local.date_naive(), day);
                prop_assert_eq!((local.hour(), local.day()), (at, day.day()));
            }
        }
    }
}
