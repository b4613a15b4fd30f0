//! How much of the price is paid up front: `default_percent` (50 %), or a holiday rule's percent
//! (100 %) when the stay *starts* on that holiday (reference §2.4; the screen names the holiday).

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayDate {
    /// Every year on this month and day.
    Recurring { month: u32, day: u32 },
    /// Once (e.g. Radonitsa, which moves with Easter).
    Once(NaiveDate),
}

impl<'de> Deserialize<'de> for HolidayDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            return Ok(HolidayDate::Once(date));
        }
        let invalid =
            || serde::de::Error::custom(format!("{text:?} is neither \"MM-DD\" nor \"YYYY-MM-DD\""));
        let (month, day) = text.split_once('-').ok_or_else(invalid)?;
        let (month, day): (u32, u32) =
            (month.parse().map_err(|_| invalid())?, day.parse().map_err(|_| invalid())?);
        // 2024 is a leap year, so 02-29 is accepted.
        NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(invalid)?;
        Ok(HolidayDate::Recurring { month, day })
    }
}

impl HolidayDate {
    #[must_use]
    pub fn matches(self, date: NaiveDate) -> bool {
        match self {
            HolidayDate::Recurring { month, day } => date.month() == month && date.day() == day,
            HolidayDate::Once(once) => once == date,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayRule {
    pub name_ru: String,
    pub name_en: String,
    pub date: HolidayDate,
    pub percent: u32,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepaymentRules {
    pub default_percent: u32,
    #[serde(default, rename = "holiday")]
    pub holidays: Vec<HolidayRule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepayment<'a> {
    pub percent: u32,
    pub amount: Money,
    /// The holiday that raised the percent, if any.
    pub holiday: Option<&'a HolidayRule>,
}

impl PrepaymentRules {
    pub fn validate(&self) -> Result<(), String> {
        if self.default_percent > 100 {
            return Err("default_percent: must be 0–100".into());
        }
        match self.holidays.iter().position(|h| h.percent > 100) {
            Some(i) => Err(format!("holiday[{i}].percent: must be 0–100")),
            None => Ok(()),
        }
    }

    /// The first active holiday rule matching `start` (file order), else the default percent.
    #[must_use]
    pub fn for_stay(&self, start: NaiveDate, total: Money) -> Prepayment<'_> {
        let holiday = self.holidays.iter().find(|h| h.active && h.date.matches(start));
        let percent = holiday.map_or(self.default_percent, |h| h.percent).min(100);
        Prepayment { percent, amount: total.percent_round(percent).min(total), holiday }
    }
}
