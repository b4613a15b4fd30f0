//! The two information screens: the price list (rendered from the catalog, so it always matches
//! what the bot charges) and free dates (from the same availability code as the pickers).

use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::callback::CallbackData;
use crate::{
    app::App,
    db,
    domain::{
        availability::Availability,
        tariff::{Extra, Offer},
        tariff_rules::HouseClock,
    },
    i18n::Lang,
};

pub(super) fn extra_name(app: &App, lang: Lang, extra: Extra) -> String {
    let id = match extra {
        Extra::Sauna => "extra-sauna",
        Extra::SecretRoom => "extra-secret-room",
        Extra::SecondBedroom => "extra-second-bedroom",
        Extra::Photoshoot => "extra-photoshoot",
    };
    app.texts.get(lang, id)
}

/// The price list of the active price list, one block per tariff.
#[must_use]
pub fn prices_text(app: &App, lang: Lang) -> String {
    let t = |id: &str, args: &[(&str, fluent_bundle::FluentValue<'_>)]| app.texts.format(lang, id, args);
    let mut blocks = vec![t("prices-title", &[])];
    for tariff in &app.catalog.tariffs {
        let (rules, prices) = (&tariff.rules, &tariff.prices);
        let name = teloxide::utils::html::escape(rules.name(lang == Lang::Ru));
        let mut lines = vec![t(
            "prices-tariff",
            &[
                ("name", name.into()),
                ("price", app.money(prices.price).into()),
                ("hours", rules.duration_hours.into()),
            ],
        )];
        for (i, total) in prices.multi_day.iter().enumerate().skip(1).take(2) {
            lines.push(t("prices-days", &[("days", (i + 1).into()), ("price", app.money(*total).into())]));
        }
        let included: Vec<String> = Extra::ALL
            .into_iter()
            .filter(|e| rules.offer(*e) == Offer::Included)
            .map(|e| extra_name(app, lang, e))
            .collect();
        if !included.is_empty() {
            lines.push(t("prices-included", &[("list", included.join(", ").into())]));
        }
        for extra in rules.optional_extras() {
            let price = app.money(prices.extra_price(extra));
            lines.push(t(
                "prices-optional",
                &[("name", extra_name(app, lang, extra).into()), ("price", price.into())],
            ));
        }
        lines.push(t("prices-extra-hour", &[("price", app.money(prices.extra_hour).into())]));
        lines.push(t("prices-guests", &[("n", rules.included_guests.into())]));
        if rules.included_guests < app.catalog.capacity && prices.extra_guest.kopecks() > 0 {
            lines.push(t("prices-extra-guest", &[("price", app.money(prices.extra_guest).into())]));
        }
        if !rules.start_weekdays.is_empty() {
            lines.push(t("prices-weekdays", &[]));
        }
        if !rules.time_windows.is_empty() {
            let windows: Vec<String> = rules
                .time_windows
                .iter()
                .map(|w| format!("{}–{}", w.from.format("%H:%M"), w.to.format("%H:%M")))
                .collect();
            lines.push(t("prices-windows", &[("windows", windows.join(", ").into())]));
        }
        blocks.push(lines.join("\n"));
    }
    blocks.push(t("prices-prepayment", &[("percent", app.catalog.prepayment.default_percent.into())]));
    blocks.push(t("prices-capacity", &[("n", app.catalog.capacity.into())]));
    blocks.join("\n\n")
}

/// The months the free-dates screen offers: this one and the next `horizon_months`.
#[must_use]
pub fn offered_months(clock: &HouseClock) -> Vec<(i32, u32)> {
    let first = clock.today().with_day(1).expect("day 1 exists");
    (0..=clock.horizon_months)
        .filter_map(|i| first.checked_add_months(Months::new(i)))
        .map(|d| (d.year(), d.month()))
        .collect()
}

fn month_label(app: &App, lang: Lang, year: i32, month: u32) -> String {
    format!("{} {year}", app.texts.get(lang, &format!("month-{month}")))
}

#[must_use]
pub fn month_picker(app: &App, lang: Lang, clock: &HouseClock) -> (String, InlineKeyboardMarkup) {
    let buttons: Vec<InlineKeyboardButton> = offered_months(clock)
        .into_iter()
        .map(|(year, month)| {
            let data = CallbackData::FreeDatesMonth { year, month }.encode();
            InlineKeyboardButton::callback(month_label(app, lang, year, month), data)
        })
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons.chunks(2).map(<[_]>::to_vec).collect();
    rows.push(vec![menu_button(app, lang)]);
    (app.texts.get(lang, "free-dates-pick-month"), InlineKeyboardMarkup::new(rows))
}

pub fn menu_button(app: &App, lang: Lang) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(app.texts.get(lang, "menu-back"), CallbackData::Menu.encode())
}

/// Free time per day of a month (past days and hours hidden, nothing beyond the horizon).
pub async fn month_view(
    app: &App,
    lang: Lang,
    clock: &HouseClock,
    year: i32,
    month: u32,
) -> Result<(String, InlineKeyboardMarkup), super::HandlerError> {
    // The caller offers only months in `offered_months`, so these cannot fail for a real press.
    let bad_month = || super::HandlerError::Unexpected("a month outside the calendar");
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad_month)?;
    let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).ok_or_else(bad_month)?;
    let (from_day, to_day) = (first.max(clock.today()), last.min(clock.horizon_end()));
    let instant = |d: NaiveDate| clock.instant(d.and_time(NaiveTime::MIN));
    let (Some(from), Some(to)) =
        (instant(from_day - chrono::Days::new(1)), instant(to_day + chrono::Days::new(2)))
    else {
        return Err(bad_month());
    };
    let busy = db::bookings::busy_intervals(&app.db, from, to, None, None, clock.now).await?;
    let availability = Availability::new(clock, busy);
    let mut lines = Vec::new();
    for day in from_day.iter_days().take_while(|d| *d <= to_day) {
        let intervals = availability.free_intervals(day);
        if intervals.is_empty() {
            continue;
        }
        let whole_day = intervals.len() == 1
            && clock.local(intervals[0].0).time() == NaiveTime::MIN
            && clock.local(intervals[0].1).date() > day;
        let text = if whole_day {
            app.texts.get(lang, "free-dates-whole-day")
        } else {
            let hhmm = |t, d: NaiveDate| {
                let local = clock.local(t);
                if local.date() > d { "24:00".to_owned() } else { local.format("%H:%M").to_string() }
            };
            intervals
                .iter()
                .map(|(s, e)| format!("{}–{}", hhmm(*s, day), hhmm(*e, day)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let date = day.format("%d.%m").to_string();
        lines.push(app.texts.format(
            lang,
            "free-dates-day",
            &[("date", date.into()), ("intervals", text.into())],
        ));
    }
    let title =
        app.texts.format(lang, "free-dates-title", &[("month", month_label(app, lang, year, month).into())]);
    let body = if lines.is_empty() { app.texts.get(lang, "free-dates-none") } else { lines.join("\n") };
    let keyboard = InlineKeyboardMarkup::new([
        vec![InlineKeyboardButton::callback(
            app.texts.get(lang, "button-other-month"),
            CallbackData::FreeDates.encode(),
        )],
        vec![menu_button(app, lang)],
    ]);
    Ok((format!("{title}\n\n{body}"), keyboard))
}
