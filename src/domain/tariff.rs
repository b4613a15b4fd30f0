//! Tariffs as data (`config/tariffs.toml` + the active price list of `config/prices.toml`):
//! what each includes and offers, its time rules, and its prices.

use std::{fmt, str::FromStr};

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::money::{Money, deserialize_roubles};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TariffId {
    Day,
    DayForCouple,
    #[serde(rename = "hours-12")]
    Hours12,
    Worker,
    IncognitoDay,
    IncognitoHours,
    IncognitoWorker,
}

impl TariffId {
    pub const ALL: [TariffId; 7] = [
        TariffId::Day,
        TariffId::DayForCouple,
        TariffId::Hours12,
        TariffId::Worker,
        TariffId::IncognitoDay,
        TariffId::IncognitoHours,
        TariffId::IncognitoWorker,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TariffId::Day => "day",
            TariffId::DayForCouple => "day-for-couple",
            TariffId::Hours12 => "hours-12",
            TariffId::Worker => "worker",
            TariffId::IncognitoDay => "incognito-day",
            TariffId::IncognitoHours => "incognito-hours",
            TariffId::IncognitoWorker => "incognito-worker",
        }
    }
}

impl fmt::Display for TariffId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TariffId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TariffId::ALL.into_iter().find(|id| id.as_str() == s).ok_or_else(|| {
            let known: Vec<_> = TariffId::ALL.iter().map(|id| id.as_str()).collect();
            format!("unknown tariff {s:?} (one of: {})", known.join(", "))
        })
    }
}

/// How a tariff treats an extra.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Offer {
    /// Always part of the stay, never charged.
    Included,
    /// The guest chooses; charged at the price list's price.
    Optional,
    /// Not offered with this tariff.
    Unavailable,
}

/// The paid extras a guest can choose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Extras {
    pub sauna: bool,
    pub secret_room: bool,
    pub second_bedroom: bool,
    pub photoshoot: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Extra {
    Sauna,
    SecretRoom,
    SecondBedroom,
    Photoshoot,
}

impl Extra {
    pub const ALL: [Extra; 4] = [Extra::Sauna, Extra::SecretRoom, Extra::SecondBedroom, Extra::Photoshoot];
}

impl Extras {
    #[must_use]
    pub fn has(self, extra: Extra) -> bool {
        match extra {
            Extra::Sauna => self.sauna,
            Extra::SecretRoom => self.secret_room,
            Extra::SecondBedroom => self.second_bedroom,
            Extra::Photoshoot => self.photoshoot,
        }
    }

    #[must_use]
    pub fn with(mut self, extra: Extra, on: bool) -> Self {
        match extra {
            Extra::Sauna => self.sauna = on,
            Extra::SecretRoom => self.secret_room = on,
            Extra::SecondBedroom => self.second_bedroom = on,
            Extra::Photoshoot => self.photoshoot = on,
        }
        self
    }
}

/// A daily window a stay must fit in, e.g. 11:00–20:00 or 22:00–09:00 (ends next day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeWindow {
    pub from: NaiveTime,
    pub to: NaiveTime,
}

impl<'de> Deserialize<'de> for TimeWindow {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [from, to] = <[String; 2]>::deserialize(deserializer)?;
        let parse = |s: &str| {
            NaiveTime::parse_from_str(s, "%H:%M")
                .map_err(|_| serde::de::Error::custom(format!("{s:?} is not a time like \"11:00\"")))
        };
        Ok(TimeWindow { from: parse(&from)?, to: parse(&to)? })
    }
}

impl TimeWindow {
    /// Length in whole hours (overnight windows wrap).
    #[must_use]
    pub fn hours(self) -> i64 {
        let minutes = (self.to - self.from).num_minutes();
        (if minutes <= 0 { minutes + 24 * 60 } else { minutes }) / 60
    }
}

fn weekday<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Weekday>, D::Error> {
    let names = Vec::<String>::deserialize(deserializer)?;
    names
        .iter()
        .map(|name| {
            name.parse::<Weekday>()
                .map_err(|_| serde::de::Error::custom(format!("{name:?} is not a weekday")))
        })
        .collect()
}

/// What a tariff is, independent of price (`config/tariffs.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TariffRules {
    pub id: TariffId,
    pub name_ru: String,
    pub name_en: String,
    /// Hours the base price covers.
    pub duration_hours: u32,
    /// Guests included in the price; each further guest pays `extra_guest`.
    pub included_guests: u32,
    /// Incognito tariffs ask for wine and transfer.
    #[serde(default)]
    pub incognito: bool,
    /// Without the second bedroom the guest picks the white or the green bedroom.
    #[serde(default)]
    pub bedroom_choice: bool,
    pub sauna: Offer,
    pub secret_room: Offer,
    pub second_bedroom: Offer,
    pub photoshoot: Offer,
    /// Days a stay may start on; empty = any day.
    #[serde(default, deserialize_with = "weekday")]
    pub start_weekdays: Vec<Weekday>,
    /// The stay must lie inside one of these; empty = any time.
    #[serde(default)]
    pub time_windows: Vec<TimeWindow>,
    pub min_hours: Option<u32>,
    pub max_hours: Option<u32>,
}

impl TariffRules {
    #[must_use]
    pub fn offer(&self, extra: Extra) -> Offer {
        match extra {
            Extra::Sauna => self.sauna,
            Extra::SecretRoom => self.secret_room,
            Extra::SecondBedroom => self.second_bedroom,
            Extra::Photoshoot => self.photoshoot,
        }
    }

    fn offer_mut(&mut self, extra: Extra) -> &mut Offer {
        match extra {
            Extra::Sauna => &mut self.sauna,
            Extra::SecretRoom => &mut self.secret_room,
            Extra::SecondBedroom => &mut self.second_bedroom,
            Extra::Photoshoot => &mut self.photoshoot,
        }
    }

    /// The extras this tariff lets the guest choose, in screen order.
    pub fn optional_extras(&self) -> impl Iterator<Item = Extra> + '_ {
        Extra::ALL.into_iter().filter(|e| self.offer(*e) == Offer::Optional)
    }

    /// Keeps only choices the tariff offers; included extras are always on.
    #[must_use]
    pub fn normalise(&self, chosen: Extras) -> Extras {
        Extra::ALL.into_iter().fold(Extras::default(), |acc, extra| {
            let on = match self.offer(extra) {
                Offer::Included => true,
                Offer::Optional => chosen.has(extra),
                Offer::Unavailable => false,
            };
            acc.with(extra, on)
        })
    }

    #[must_use]
    pub fn name(&self, lang_is_ru: bool) -> &str {
        if lang_is_ru { &self.name_ru } else { &self.name_en }
    }
}

fn roubles_list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Money>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "deserialize_roubles")] Money);
    Ok(Vec::<Wrapped>::deserialize(deserializer)?.into_iter().map(|w| w.0).collect())
}

/// One tariff's prices in one price list (`config/prices.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TariffPrices {
    #[serde(deserialize_with = "deserialize_roubles")]
    pub price: Money,
    #[serde(deserialize_with = "deserialize_roubles")]
    pub sauna: Money,
    #[serde(deserialize_with = "deserialize_roubles")]
    pub secret_room: Money,
    #[serde(deserialize_with = "deserialize_roubles")]
    pub second_bedroom: Money,
    #[serde(deserialize_with = "deserialize_roubles")]
    pub extra_hour: Money,
    #[serde(deserialize_with = "deserialize_roubles")]
    pub extra_guest: Money,
    #[serde(deserialize_with = "deserialize_roubles")]
    pub photoshoot: Money,
    /// Total base price for 1, 2, 3… days (index 0 = one day).
    #[serde(default, deserialize_with = "roubles_list")]
    pub multi_day: Vec<Money>,
}

impl TariffPrices {
    #[must_use]
    pub fn extra_price(&self, extra: Extra) -> Money {
        match extra {
            Extra::Sauna => self.sauna,
            Extra::SecretRoom => self.secret_room,
            Extra::SecondBedroom => self.second_bedroom,
            Extra::Photoshoot => self.photoshoot,
        }
    }
}

/// A tariff with the prices of the active price list.
#[derive(Debug, Clone)]
pub struct Tariff {
    pub rules: TariffRules,
    pub prices: TariffPrices,
}

impl Tariff {
    /// The tariff as guests meet it: an optional extra that costs nothing under this price list
    /// is simply part of the tariff — never asked ("Add a photoshoot for 0?"), always on, listed
    /// as included. Pricing is unchanged (it was free either way).
    #[must_use]
    pub fn new(mut rules: TariffRules, prices: TariffPrices) -> Self {
        for extra in Extra::ALL {
            if rules.offer(extra) == Offer::Optional && prices.extra_price(extra) == Money::ZERO {
                *rules.offer_mut(extra) = Offer::Included;
            }
        }
        Self { rules, prices }
    }

    #[must_use]
    pub fn id(&self) -> TariffId {
        self.rules.id
    }

    /// Checks the data for what pricing relies on; the error names the field.
    pub fn validate(&self, capacity: u32) -> Result<(), String> {
        let (r, p) = (&self.rules, &self.prices);
        if !(1..=24).contains(&r.duration_hours) {
            return Err("duration_hours: must be 1–24".into());
        }
        if r.included_guests == 0 || r.included_guests > capacity {
            return Err(format!("included_guests: must be 1–{capacity} (the house capacity)"));
        }
        if let (Some(min), Some(max)) = (r.min_hours, r.max_hours)
            && min > max
        {
            return Err("min_hours: greater than max_hours".into());
        }
        if !p.multi_day.is_empty() {
            if r.duration_hours != 24 {
                return Err("multi_day: only for tariffs whose duration_hours is 24".into());
            }
            if p.multi_day[0] != p.price {
                return Err(format!(
                    "multi_day: the 1-day price {} must equal price {}",
                    p.multi_day[0], p.price
                ));
            }
            if let Some(days) = p.multi_day.windows(2).position(|w| w[1] <= w[0]) {
                return Err(format!(
                    "multi_day: the {}-day price must be higher than the {}-day price",
                    days + 2,
                    days + 1
                ));
            }
        }
        Ok(())
    }
}
