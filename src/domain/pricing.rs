//! The price of a stay (reference §2.3 with the SPEC §3.3 fixes):
//!
//! 1. **Base.** A date price rule matching the *start date* sets the base for any duration.
//!    Otherwise, for a tariff with a multi-day table and a stay over 24 h: `days × table +
//!    remainder × extra_hour`, but never more than the next full day (fix: the original charged
//!    39 h of "Day" more than 48 h); beyond the table each day costs the table's last daily step
//!    (fix: the original fell back to hourly pricing, 15 days = 10 780). Otherwise the tariff price,
//!    plus `extra_hour` for each hour beyond `duration_hours`.
//! 2. **Add-ons** at the tariff's standard prices (also under a date rule): each optional extra
//!    chosen, and each guest above the included number.
//! 3. **Promo** discount, floored to whole roubles. 4. **Gift credit**. The total is never negative.

use chrono::{NaiveDate, TimeDelta};
use serde::Deserialize;

use super::{
    money::{Money, deserialize_roubles},
    tariff::{Extra, Extras, Offer, Tariff},
};

/// A special base price for stays starting on certain dates (`config/date_prices.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatePriceRule {
    pub id: String,
    pub name_ru: String,
    pub name_en: String,
    #[serde(default)]
    pub description_ru: String,
    #[serde(default)]
    pub description_en: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(deserialize_with = "deserialize_roubles")]
    pub price: Money,
    /// Shown to guests only ("check-in from 15:00, check-out until 12:00").
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// The rule for a start date: among active matching rules the lowest id wins (as the original).
#[must_use]
pub fn date_rule_for(rules: &[DatePriceRule], start: NaiveDate) -> Option<&DatePriceRule> {
    rules.iter().filter(|r| r.active && r.from <= start && start <= r.to).min_by(|a, b| a.id.cmp(&b.id))
}

/// Hours of a stay (real elapsed time, so DST-safe), rounded to the nearest hour (half up).
#[must_use]
pub fn stay_hours(length: TimeDelta) -> u32 {
    let minutes = length.num_minutes().max(0);
    u32::try_from((minutes + 30) / 60).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseKind {
    /// Within the tariff's duration.
    Standard,
    /// `extra` hours beyond the tariff's duration.
    ExtraHours { extra: u32 },
    /// `days` from the multi-day table plus `extra` hours.
    MultiDay { days: u32, extra: u32 },
    /// A date price rule (its id).
    DateRule { rule_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceBreakdown {
    pub hours: u32,
    pub base_kind: BaseKind,
    pub base: Money,
    /// Each chosen optional extra and its price (possibly 0).
    pub extras: Vec<(Extra, Money)>,
    /// Guests above the included number, and what they cost in total.
    pub extra_guests: Option<(u32, Money)>,
    pub subtotal: Money,
    /// Promo percent and the discount it gives.
    pub discount: Option<(u32, Money)>,
    /// What a gift certificate covers (never more than what is left to pay).
    pub gift_credit: Option<Money>,
    pub total: Money,
}

/// Everything the price depends on.
#[derive(Debug, Clone, Copy)]
pub struct PriceInput<'a> {
    pub tariff: &'a Tariff,
    pub start_date: NaiveDate,
    pub hours: u32,
    pub guests: u32,
    pub extras: Extras,
    pub date_rule: Option<&'a DatePriceRule>,
    pub promo_percent: Option<u32>,
    pub gift_credit: Option<Money>,
}

#[must_use]
pub fn price(input: PriceInput<'_>) -> PriceBreakdown {
    let tariff = input.tariff;
    let (base, base_kind) = match input.date_rule {
        Some(rule) => (rule.price, BaseKind::DateRule { rule_id: rule.id.clone() }),
        None => base_price(tariff, input.hours),
    };
    let extras: Vec<(Extra, Money)> = Extra::ALL
        .into_iter()
        .filter(|e| tariff.rules.offer(*e) == Offer::Optional && input.extras.has(*e))
        .map(|e| (e, tariff.prices.extra_price(e)))
        .collect();
    let extra_guests = input
        .guests
        .checked_sub(tariff.rules.included_guests)
        .filter(|n| *n > 0 && tariff.prices.extra_guest > Money::ZERO)
        .map(|n| (n, tariff.prices.extra_guest * i64::from(n)));
    let subtotal = base + extras.iter().map(|(_, m)| *m).sum() + extra_guests.map_or(Money::ZERO, |(_, m)| m);
    let discount = input
        .promo_percent
        .map(|pct| (pct.min(100), subtotal.percent_floor_roubles(pct.min(100))))
        .filter(|(_, d)| *d > Money::ZERO);
    let after_discount = subtotal - discount.map_or(Money::ZERO, |(_, d)| d);
    let gift_credit = input.gift_credit.map(|credit| credit.max(Money::ZERO).min(after_discount));
    let total = (after_discount - gift_credit.unwrap_or(Money::ZERO)).max(Money::ZERO);
    PriceBreakdown {
        hours: input.hours,
        base_kind,
        base,
        extras,
        extra_guests,
        subtotal,
        discount,
        gift_credit,
        total,
    }
}

fn base_price(tariff: &Tariff, hours: u32) -> (Money, BaseKind) {
    let prices = &tariff.prices;
    let duration = tariff.rules.duration_hours;
    if hours > 24 && !prices.multi_day.is_empty() {
        let (days, rest) = (hours / 24, hours % 24);
        let full_days = day_total(&prices.multi_day, days);
        let with_hours = full_days + prices.extra_hour * i64::from(rest);
        let next_day = day_total(&prices.multi_day, days + 1);
        return if rest == 0 || with_hours <= next_day {
            (with_hours, BaseKind::MultiDay { days, extra: rest })
        } else {
            (next_day, BaseKind::MultiDay { days: days + 1, extra: 0 })
        };
    }
    match hours.checked_sub(duration).filter(|extra| *extra > 0) {
        None => (prices.price, BaseKind::Standard),
        Some(extra) => (prices.price + prices.extra_hour * i64::from(extra), BaseKind::ExtraHours { extra }),
    }
}

/// The table's total for `days`; past its end, each day adds the table's last daily step.
fn day_total(table: &[Money], days: u32) -> Money {
    let days = days.max(1) as usize;
    let last = table[table.len() - 1];
    if days <= table.len() {
        return table[days - 1];
    }
    let step = if table.len() >= 2 { last - table[table.len() - 2] } else { last };
    last + step * (days - table.len()) as i64
}
