//! `[gifts]`: which tariffs can be bought as a gift certificate and how long one stays valid.

use std::time::Duration;

use chrono::{DateTime, Months, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

use crate::domain::tariff::TariffId;

#[derive(Debug, Deserialize)]
pub struct GiftSettings {
    /// The tariffs offered in "Buy a gift certificate", in this order.
    #[serde(deserialize_with = "tariff_list")]
    pub tariffs: Vec<TariffId>,
    /// How long an approved certificate can be redeemed: "3 months" (calendar months, in the
    /// house time zone) or a duration such as "90d".
    #[serde(deserialize_with = "validity")]
    pub valid_for: Validity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Months(u32),
    Exactly(Duration),
}

impl Validity {
    /// The expiry of a certificate approved at `from`.
    #[must_use]
    pub fn expiry(self, from: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        match self {
            Validity::Months(months) => {
                let local = from.with_timezone(&tz).naive_local();
                // 30 November + 3 months is the last day of February, at the same hour.
                let later = local.checked_add_months(Months::new(months)).unwrap_or(local);
                later
                    .and_local_timezone(tz)
                    .earliest()
                    .map_or(from + chrono::Duration::days(30 * i64::from(months)), |t| t.with_timezone(&Utc))
            }
            Validity::Exactly(length) => {
                from + chrono::Duration::from_std(length).unwrap_or(chrono::TimeDelta::MAX)
            }
        }
    }
}

fn tariff_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<TariffId>, D::Error> {
    // From TOML a list; from `BOT__GIFTS__TARIFFS=day,worker` the `config` crate hands a list too.
    let names: Vec<String> = Vec::deserialize(deserializer)?;
    names
        .iter()
        .map(|name| {
            TariffId::ALL.into_iter().find(|id| id.as_str() == name.trim()).ok_or_else(|| {
                let known: Vec<&str> = TariffId::ALL.iter().map(|id| id.as_str()).collect();
                serde::de::Error::custom(format!("unknown tariff {name:?} (known: {})", known.join(", ")))
            })
        })
        .collect()
}

fn validity<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Validity, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_validity(&text).map_err(serde::de::Error::custom)
}

fn parse_validity(text: &str) -> Result<Validity, String> {
    let text = text.trim();
    let months = text.strip_suffix("months").or_else(|| text.strip_suffix("month"));
    if let Some(number) = months {
        return match number.trim().parse::<u32>() {
            Ok(n) if (1..=120).contains(&n) => Ok(Validity::Months(n)),
            _ => Err(format!("{text:?}: the number of months must be 1–120")),
        };
    }
    match humantime_serde::re::humantime::parse_duration(text) {
        Ok(length) if length >= Duration::from_secs(86_400) => Ok(Validity::Exactly(length)),
        Ok(_) => Err(format!("{text:?}: a certificate must stay valid at least a day")),
        Err(error) => Err(format!("{text:?}: {error} (e.g. \"3 months\" or \"90d\")")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_reads_calendar_months_and_durations() {
        assert_eq!(parse_validity("3 months"), Ok(Validity::Months(3)));
        assert_eq!(parse_validity("1month"), Ok(Validity::Months(1)));
        assert_eq!(parse_validity("90d"), Ok(Validity::Exactly(Duration::from_secs(90 * 86_400))));
        assert!(parse_validity("0 months").is_err());
        assert!(parse_validity("5h").is_err());
        assert!(parse_validity("soon").unwrap_err().contains("3 months"));
    }

    #[test]
    fn months_are_counted_on_the_house_calendar() {
        let tz: Tz = "Europe/Minsk".parse().unwrap();
        let approved = "2026-11-30T20:30:00Z".parse::<DateTime<Utc>>().unwrap(); // 23:30 in Minsk
        let expiry = Validity::Months(3).expiry(approved, tz);
        assert_eq!(expiry.with_timezone(&tz).to_string(), "2027-02-28 23:30:00 +03");
    }
}
