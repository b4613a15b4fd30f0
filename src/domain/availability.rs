//! Free and busy time, one source for every screen (SPEC §2.7, fixes B6): the start-date calendar,
//! the hours pickers, the finish options and the "free dates" list.
//!
//! Busy intervals come from the database already extended by the cleaning buffer
//! (`[start, blocked_until)`). A new stay `[s, e)` is free when `[s, e + cleaning)` overlaps none.
//! Starts are whole local hours.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use super::{
    tariff::TariffRules,
    tariff_rules::{HouseClock, check_times},
};

/// The longest stay the pickers offer.
pub const MAX_STAY_HOURS: u32 = 30 * 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub start: DateTime<Utc>,
    /// Exclusive; includes the cleaning buffer.
    pub end: DateTime<Utc>,
}

/// One button of the hours picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HourSlot {
    pub hour: u32,
    pub start: DateTime<Utc>,
    /// Pressable: a stay of this tariff can start here.
    pub free: bool,
}

/// Availability over a set of busy intervals.
#[derive(Debug, Clone)]
pub struct Availability<'a> {
    clock: &'a HouseClock,
    busy: Vec<Busy>,
}

impl<'a> Availability<'a> {
    #[must_use]
    pub fn new(clock: &'a HouseClock, mut busy: Vec<Busy>) -> Self {
        busy.sort_by_key(|b| b.start);
        Self { clock, busy }
    }

    fn cleaning(&self) -> Duration {
        Duration::hours(i64::from(self.clock.cleaning_hours))
    }

    /// Whether `[start, end)` plus its cleaning buffer touches no busy interval.
    #[must_use]
    pub fn is_free(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let blocked_until = end + self.cleaning();
        self.busy.iter().all(|b| blocked_until <= b.start || b.end <= start)
    }

    /// The latest end a stay starting at `start` can have before the next busy interval, or
    /// `None` when `start` itself is busy.
    fn latest_end(&self, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.busy.iter().any(|b| b.start <= start && start < b.end) {
            return None;
        }
        let cap = start + Duration::hours(i64::from(MAX_STAY_HOURS));
        let next = self.busy.iter().filter(|b| b.start > start).map(|b| b.start - self.cleaning()).min();
        Some(next.map_or(cap, |n| n.min(cap)))
    }

    /// Valid finishes for a stay of this tariff starting at `start`, as whole hours after it.
    #[must_use]
    pub fn finish_options(&self, rules: &TariffRules, start: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        if !self.can_start(rules, start) {
            return Vec::new();
        }
        let Some(latest) = self.latest_end(start) else { return Vec::new() };
        let min = rules.min_hours.unwrap_or(1).max(1);
        let max = rules.max_hours.unwrap_or(MAX_STAY_HOURS).min(MAX_STAY_HOURS);
        let ends =
            (min..=max).map(|h| start + Duration::hours(i64::from(h))).take_while(|end| *end <= latest);
        if rules.time_windows.is_empty() {
            // Only the windows depend on the end; everything else was checked by `can_start`.
            ends.collect()
        } else {
            ends.filter(|end| check_times(rules, self.clock, start, *end).is_ok()).collect()
        }
    }

    /// Whether some stay of this tariff can start at `start`. The shortest allowed stay decides:
    /// a longer one only adds overlap, and a time window's end does not move.
    #[must_use]
    pub fn can_start(&self, rules: &TariffRules, start: DateTime<Utc>) -> bool {
        let shortest = start + Duration::hours(i64::from(rules.min_hours.unwrap_or(1).max(1)));
        self.latest_end(start).is_some_and(|latest| shortest <= latest)
            && check_times(rules, self.clock, start, shortest).is_ok()
    }

    /// The 24 hour buttons of a day (hours that do not exist locally, at a DST change, are left
    /// out).
    #[must_use]
    pub fn start_hours(&self, rules: &TariffRules, day: NaiveDate) -> Vec<HourSlot> {
        (0..24)
            .filter_map(|hour| {
                let start = self.clock.instant(day.and_time(NaiveTime::from_hms_opt(hour, 0, 0)?))?;
                let free = self.can_start(rules, start);
                Some(HourSlot { hour, start, free })
            })
            .collect()
    }

    /// Whether any stay of this tariff can start on `day` (the calendar marks the others busy).
    #[must_use]
    pub fn day_has_start(&self, rules: &TariffRules, day: NaiveDate) -> bool {
        if day < self.clock.today() || day > self.clock.horizon_end() {
            return false;
        }
        self.start_hours(rules, day).iter().any(|slot| slot.free)
    }

    /// Whether the whole days `first..=last` can be closed: nothing busy (a booking with its
    /// cleaning, other closed dates) touches them.
    #[must_use]
    pub fn days_clear(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.clock
            .whole_days(first, last)
            .is_some_and(|(from, to)| self.busy.iter().all(|b| b.end <= from || to <= b.start))
    }

    /// Free intervals within `day` for the "free dates" screen: where a stay can be (each ends
    /// the cleaning time before the next busy interval), not before now + 1 h, at least 1 h long.
    #[must_use]
    pub fn free_intervals(&self, day: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let Some((day_start, day_end)) = self.clock.whole_days(day, day) else { return Vec::new() };
        let earliest = next_full_hour(self.clock.earliest_start()).max(day_start);
        let mut intervals = Vec::new();
        let mut cursor = earliest;
        for busy in self.busy.iter().filter(|b| b.end > earliest) {
            let gap_end = (busy.start - self.cleaning()).min(day_end);
            if gap_end - cursor >= Duration::hours(1) {
                intervals.push((cursor, gap_end));
            }
            cursor = cursor.max(busy.end);
            if cursor >= day_end {
                return intervals;
            }
        }
        if day_end - cursor >= Duration::hours(1) {
            intervals.push((cursor, day_end));
        }
        intervals
    }
}

fn next_full_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    let secs = t.timestamp();
    let rounded = (secs + 3599).div_euclid(3600) * 3600;
    DateTime::from_timestamp(rounded, 0).unwrap_or(t)
}
