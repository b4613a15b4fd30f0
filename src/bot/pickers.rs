//! The date and hour pickers as data — which days can start a stay, which hours are free, which
//! check-outs a start allows — from `domain::availability` over the database's busy intervals:
//! the same source the free-dates screen and the hold's checks use, so a day or hour offered is
//! one the hold accepts (unless someone takes it in between). Shared by every flow that picks
//! dates (the booking wizard today; moving a booking and the admin next); screens render them.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::{
    app::App,
    bot::{HandlerError, widgets},
    db,
    domain::{
        availability::{Availability, MAX_STAY_HOURS},
        tariff::Tariff,
        tariff_rules::HouseClock,
    },
};

/// Whose view of the house's time: the guest's own unpaid hold is not busy to them (a new hold
/// releases it), and a booking being moved does not block its own new dates.
#[derive(Debug, Clone, Copy, Default)]
pub struct Viewer {
    /// `users.id` of the guest picking.
    pub guest: Option<i64>,
    /// A booking whose own interval is not busy (the one being moved).
    pub exclude: Option<i64>,
}

/// The pickers of one tariff, at one moment, for one viewer.
pub struct Pickers<'a> {
    pub app: &'a App,
    pub clock: &'a HouseClock,
    pub tariff: &'a Tariff,
    pub viewer: Viewer,
}

impl Pickers<'_> {
    /// The busy intervals (cleaning included) overlapping `[from, to)`.
    async fn availability(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Availability<'_>, HandlerError> {
        let Viewer { guest, exclude } = self.viewer;
        let busy =
            db::bookings::busy_intervals(&self.app.db, from, to, exclude, guest, self.clock.now).await?;
        Ok(Availability::new(self.clock, busy))
    }

    /// The finishes a stay starting at `start` can have.
    pub async fn finish_options(&self, start: DateTime<Utc>) -> Result<Vec<DateTime<Utc>>, HandlerError> {
        let until = start + Duration::hours(i64::from(MAX_STAY_HOURS) + 24);
        let free = self.availability(start - Duration::days(1), until).await?;
        Ok(free.finish_options(&self.tariff.rules, start))
    }

    /// The days on which a stay can start, for the month shown.
    pub async fn start_days(&self, month: (i32, u32)) -> Result<Vec<NaiveDate>, HandlerError> {
        let (from, to) = month_window(self.clock, month);
        let free = self.availability(from, to).await?;
        Ok(widgets::month_weeks(month.0, month.1)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|day| free.day_has_start(&self.tariff.rules, *day))
            .collect())
    }

    /// The start hours of `day`: past ones left out, busy ones `false` (shown ⛔).
    pub async fn start_hours(&self, day: NaiveDate) -> Result<Vec<(u32, bool)>, HandlerError> {
        let (from, to) = month_window(self.clock, (day.year(), day.month()));
        let free = self.availability(from, to).await?;
        Ok(free
            .start_hours(&self.tariff.rules, day)
            .into_iter()
            .filter(|slot| slot.start > self.clock.now)
            .map(|slot| (slot.hour, slot.free))
            .collect())
    }
}

/// The instant range a month's calendar needs: every start in it plus the longest stay after.
fn month_window(clock: &HouseClock, (year, month): (i32, u32)) -> (DateTime<Utc>, DateTime<Utc>) {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_else(|| clock.today());
    let from = first.pred_opt().unwrap_or(first).and_hms_opt(0, 0, 0).map_or(clock.now, |t| t.and_utc());
    (from, from + Duration::days(33) + Duration::hours(i64::from(MAX_STAY_HOURS)))
}
