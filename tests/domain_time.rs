//! Time rules and availability in the house time zone: weekday and window rules, horizon,
//! cleaning buffer, what the pickers offer, the free-dates list, DST, and properties.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use secret_house_bot::{
    catalog::Catalog,
    domain::{
        availability::{Availability, Busy},
        tariff::TariffId,
        tariff_rules::{HouseClock, StayRejection, check_stay},
    },
    settings::PriceList,
};

static CATALOG: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(|| {
    Catalog::load(std::path::Path::new("/nonexistent"), PriceList::Regular, 6).unwrap()
});

fn catalog() -> &'static Catalog {
    &CATALOG
}

fn clock_at(tz: Tz, now_local: &str) -> HouseClock {
    let local: NaiveDateTime = now_local.parse().unwrap();
    let now = tz.from_local_datetime(&local).earliest().unwrap().with_timezone(&Utc);
    HouseClock { tz, now, horizon_months: 6, cleaning_hours: 2, capacity: 6 }
}

fn minsk(clock: &HouseClock, local: &str) -> DateTime<Utc> {
    clock.instant(local.parse().unwrap()).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn worker_tariffs_start_monday_to_thursday_inside_one_window() {
    let c = catalog();
    // Monday 23 Nov 2026, 09:00 in Minsk.
    let clock = clock_at(chrono_tz::Europe::Minsk, "2026-11-23T09:00:00");
    let free = Availability::new(&clock, vec![]);
    for tariff in [TariffId::Worker, TariffId::IncognitoWorker] {
        let rules = &c.tariff(tariff).rules;
        let at = |s| minsk(&clock, s);
        // Tuesday 11:00 → finishes 12:00 … 20:00.
        let finishes = free.finish_options(rules, at("2026-11-24T11:00:00"));
        assert_eq!(finishes.first(), Some(&at("2026-11-24T12:00:00")), "{tariff}");
        assert_eq!(finishes.last(), Some(&at("2026-11-24T20:00:00")), "{tariff}");
        // Wednesday 22:00 → until 09:00 on Thursday.
        let finishes = free.finish_options(rules, at("2026-11-25T22:00:00"));
        assert_eq!(finishes.last(), Some(&at("2026-11-26T09:00:00")), "{tariff}");
        // 20:00 and 10:00 start no window; Friday and Sunday are not start days.
        assert!(free.finish_options(rules, at("2026-11-24T20:00:00")).is_empty());
        assert!(free.finish_options(rules, at("2026-11-24T10:00:00")).is_empty());
        assert!(!free.day_has_start(rules, day("2026-11-27")), "{tariff}: Friday");
        assert!(!free.day_has_start(rules, day("2026-11-29")), "{tariff}: Sunday");
        assert!(free.day_has_start(rules, day("2026-11-26")), "{tariff}: Thursday");
        assert_eq!(
            check_stay(rules, &clock, at("2026-11-27T11:00:00"), at("2026-11-27T15:00:00"), 2),
            Err(StayRejection::WrongWeekday)
        );
        assert_eq!(
            check_stay(rules, &clock, at("2026-11-24T18:00:00"), at("2026-11-24T23:00:00"), 2),
            Err(StayRejection::OutsideWindows)
        );
    }
}

#[test]
fn starts_are_at_least_an_hour_ahead_and_within_the_horizon() {
    let c = catalog();
    let rules = &c.tariff(TariffId::Day).rules;
    let clock = clock_at(chrono_tz::Europe::Minsk, "2026-11-23T14:20:00");
    let free = Availability::new(&clock, vec![]);
    let today: Vec<u32> =
        free.start_hours(rules, day("2026-11-23")).iter().filter(|s| s.free).map(|s| s.hour).collect();
    assert_eq!(today, (16..24).collect::<Vec<_>>(), "15:00 is less than an hour away");
    assert!(free.day_has_start(rules, day("2027-05-23")), "the last day of the horizon");
    assert!(!free.day_has_start(rules, day("2027-05-24")), "beyond six months");
    assert!(!free.day_has_start(rules, day("2026-11-22")), "yesterday");
    let at = |s| minsk(&clock, s);
    assert_eq!(
        check_stay(rules, &clock, at("2026-11-23T15:00:00"), at("2026-11-23T18:00:00"), 2),
        Err(StayRejection::TooSoon)
    );
    assert_eq!(
        check_stay(rules, &clock, at("2026-11-24T15:00:00"), at("2026-11-24T18:00:00"), 7),
        Err(StayRejection::Guests { max: 6 })
    );
    assert_eq!(check_stay(rules, &clock, at("2026-11-24T15:00:00"), at("2026-11-24T18:00:00"), 6), Ok(()));
}

#[test]
fn the_cleaning_buffer_separates_stays() {
    let c = catalog();
    let rules = &c.tariff(TariffId::Day).rules;
    let clock = clock_at(chrono_tz::Europe::Minsk, "2026-11-23T09:00:00");
    let at = |s| minsk(&clock, s);
    // An existing stay 25 Nov 12:00 – 26 Nov 12:00, blocked until 14:00 by cleaning.
    let busy = vec![Busy { start: at("2026-11-25T12:00:00"), end: at("2026-11-26T14:00:00") }];
    let availability = Availability::new(&clock, busy);
    // Before it: a stay must end by 10:00 so its own cleaning is done by 12:00.
    let finishes = availability.finish_options(rules, at("2026-11-24T12:00:00"));
    assert_eq!(finishes.last(), Some(&at("2026-11-25T10:00:00")));
    assert!(availability.is_free(at("2026-11-24T12:00:00"), at("2026-11-25T10:00:00")));
    assert!(!availability.is_free(at("2026-11-24T12:00:00"), at("2026-11-25T11:00:00")));
    // After it: 14:00 is the first start, exactly at the end of the busy interval.
    let next_day: Vec<u32> = availability
        .start_hours(rules, day("2026-11-26"))
        .iter()
        .filter(|s| s.free)
        .map(|s| s.hour)
        .collect();
    assert_eq!(next_day.first(), Some(&14));
    assert!(!next_day.contains(&13));
    // Free dates for the 25th: until 10:00 (then cleaning before the stay), nothing after.
    let intervals = availability.free_intervals(day("2026-11-25"));
    assert_eq!(intervals, vec![(at("2026-11-25T00:00:00"), at("2026-11-25T10:00:00"))]);
    assert_eq!(
        availability.free_intervals(day("2026-11-26")),
        vec![(at("2026-11-26T14:00:00"), at("2026-11-27T00:00:00"))]
    );
}

#[test]
fn free_dates_hide_the_past_hours_of_today() {
    let clock = clock_at(chrono_tz::Europe::Minsk, "2026-11-23T14:20:00");
    let availability = Availability::new(&clock, vec![]);
    let today = availability.free_intervals(day("2026-11-23"));
    assert_eq!(today, vec![(minsk(&clock, "2026-11-23T16:00:00"), minsk(&clock, "2026-11-24T00:00:00"))]);
    assert!(availability.free_intervals(day("2026-11-22")).is_empty());
}

#[test]
fn dst_days_have_23_and_25_hours_and_stays_are_measured_in_real_time() {
    let c = catalog();
    let rules = &c.tariff(TariffId::Day).rules;
    let berlin = clock_at(chrono_tz::Europe::Berlin, "2026-03-01T09:00:00");
    let availability = Availability::new(&berlin, vec![]);
    let spring = availability.start_hours(rules, day("2026-03-29"));
    assert_eq!(spring.len(), 23, "02:00 does not exist when clocks go forward");
    assert!(spring.iter().all(|slot| slot.hour != 2));
    let autumn_clock = clock_at(chrono_tz::Europe::Berlin, "2026-10-01T09:00:00");
    let autumn = Availability::new(&autumn_clock, vec![]).start_hours(rules, day("2026-10-25"));
    assert_eq!(autumn.len(), 24, "02:00 exists (twice); the earlier one is offered");
    let two = autumn.iter().find(|s| s.hour == 2).unwrap();
    let three = autumn.iter().find(|s| s.hour == 3).unwrap();
    assert_eq!(three.start - two.start, Duration::hours(2), "the repeated hour is real time");
    // Minsk has no DST: every day has 24 start hours.
    let minsk_clock = clock_at(chrono_tz::Europe::Minsk, "2026-03-01T09:00:00");
    assert_eq!(Availability::new(&minsk_clock, vec![]).start_hours(rules, day("2026-03-29")).len(), 24);
}

/// The stays as busy intervals from `origin`, the 2-hour cleaning added.
fn busy_from(origin: DateTime<Utc>, stays: &[(i64, i64)]) -> Vec<Busy> {
    stays
        .iter()
        .map(|(offset, len)| {
            let start = origin + Duration::hours(*offset);
            Busy { start, end: start + Duration::hours(len + 2) }
        })
        .collect()
}

fn busy_strategy() -> impl Strategy<Value = Vec<(i64, i64)>> {
    // Up to 6 stays within 20 days: (start hour offset, length in hours), cleaning added later.
    prop::collection::vec((0i64..480, 1i64..72), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn pickers_never_offer_busy_time_and_always_offer_the_end_of_busy_time(
        stays in busy_strategy(),
        tariff in prop::sample::select(vec![TariffId::Day, TariffId::Hours12, TariffId::IncognitoHours]),
    ) {
        let c = catalog();
        let rules = &c.tariff(tariff).rules;
        let clock = clock_at(chrono_tz::Europe::Minsk, "2026-11-23T00:00:00");
        let origin = minsk(&clock, "2026-11-24T00:00:00");
        let busy = busy_from(origin, &stays);
        let availability = Availability::new(&clock, busy.clone());
        for d in 0..22 {
            let date = day("2026-11-24") + Duration::days(d);
            for slot in availability.start_hours(rules, date) {
                let inside = busy.iter().any(|b| b.start <= slot.start && slot.start < b.end);
                prop_assert!(!(slot.free && inside), "offered a start inside a busy interval");
                if slot.free {
                    let finishes = availability.finish_options(rules, slot.start);
                    // Being free is monotone in the end, so the latest finish speaks for all of them;
                    // and one hour more must overlap or hit the longest stay offered.
                    let last = *finishes.last().expect("an offered start has a finish");
                    prop_assert!(availability.is_free(slot.start, last), "offered a finish that overlaps");
                    let longer = last + Duration::hours(1);
                    prop_assert!(
                        !availability.is_free(slot.start, longer)
                            || (longer - slot.start).num_hours() > i64::from(secret_house_bot::domain::availability::MAX_STAY_HOURS),
                        "a longer free stay was not offered"
                    );
                }
            }
        }
        for b in &busy {
            let next_busy_start = busy.iter().filter(|o| o.start >= b.end).map(|o| o.start).min();
            let room = next_busy_start.map_or(i64::MAX, |n| (n - b.end).num_hours());
            let covered = busy.iter().any(|o| o.start <= b.end && b.end < o.end);
            if room >= 3 && !covered {
                let local = clock.local(b.end);
                let slot = availability.start_hours(rules, local.date()).into_iter().find(|s| s.start == b.end);
                prop_assert!(slot.is_some_and(|s| s.free), "the end of a busy interval is not offered");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Closing whole days: allowed exactly when no busy interval touches `[first 00:00, last+1
    /// 00:00)` in the house's zone — checked against a brute-force walk over the hours.
    #[test]
    fn days_can_be_closed_exactly_when_nothing_busy_touches_them(
        stays in busy_strategy(),
        first in 0i64..20,
        length in 0i64..5,
    ) {
        let clock = clock_at(chrono_tz::Europe::Minsk, "2026-11-23T00:00:00");
        let origin = minsk(&clock, "2026-11-24T00:00:00");
        let busy = busy_from(origin, &stays);
        let availability = Availability::new(&clock, busy.clone());
        let (first_day, last_day) = (day("2026-11-24") + Duration::days(first), day("2026-11-24") + Duration::days(first + length));
        let (from, to) = clock.whole_days(first_day, last_day).unwrap();
        prop_assert_eq!(clock.local(from), first_day.and_hms_opt(0, 0, 0).unwrap());
        prop_assert_eq!(to - from, Duration::days(length + 1));
        let touched = (0..(length + 1) * 24)
            .map(|h| from + Duration::hours(h))
            .any(|hour| busy.iter().any(|b| b.start < hour + Duration::hours(1) && hour < b.end));
        prop_assert_eq!(availability.days_clear(first_day, last_day), !touched);
    }
}
