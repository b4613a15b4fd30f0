//! Exact money: Belarusian roubles in kopecks (`i64`). Never floating point.

use std::{
    fmt,
    iter::Sum,
    ops::{Add, AddAssign, Mul, Sub},
    str::FromStr,
};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    #[must_use]
    pub const fn from_kopecks(kopecks: i64) -> Self {
        Self(kopecks)
    }

    #[must_use]
    pub const fn from_roubles(roubles: i64) -> Self {
        Self(roubles * 100)
    }

    #[must_use]
    pub const fn kopecks(self) -> i64 {
        self.0
    }

    /// `self × percent / 100`, rounded down to whole roubles (how promo discounts are floored).
    #[must_use]
    pub fn percent_floor_roubles(self, percent: u32) -> Money {
        let exact = i128::from(self.0) * i128::from(percent) / 100;
        Money((exact / 100 * 100) as i64)
    }

    /// `self × percent / 100`, rounded half up to the kopeck (prepayments).
    #[must_use]
    pub fn percent_round(self, percent: u32) -> Money {
        let scaled = i128::from(self.0) * i128::from(percent);
        Money(((scaled + 50).div_euclid(100)) as i64)
    }

    #[must_use]
    pub fn max(self, other: Money) -> Money {
        if self >= other { self } else { other }
    }

    #[must_use]
    pub fn min(self, other: Money) -> Money {
        if self <= other { self } else { other }
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Mul<i64> for Money {
    type Output = Money;
    fn mul(self, rhs: i64) -> Money {
        Money(self.0 * rhs)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// `1060`, `350.50`, `-12.05`: whole roubles without decimals, otherwise two decimals.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        match abs % 100 {
            0 => write!(f, "{sign}{}", abs / 100),
            kopecks => write!(f, "{sign}{}.{kopecks:02}", abs / 100),
        }
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an amount of money (expected e.g. 350 or 350.50)")]
pub struct ParseMoneyError(String);

/// Parses `350`, `350.5`, `350.50`, `350,50` (a comma is what Russian keyboards type).
impl FromStr for Money {
    type Err = ParseMoneyError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let error = || ParseMoneyError(input.to_owned());
        let text = input.trim().replace(',', ".");
        let (whole, fraction) = match text.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (text.as_str(), None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || fraction.is_some_and(|f| !digits(f) || f.len() > 2) {
            return Err(error());
        }
        let roubles: i64 = whole.parse().map_err(|_| error())?;
        let kopecks: i64 = format!("{:0<2}", fraction.unwrap_or("")).parse().map_err(|_| error())?;
        roubles.checked_mul(100).and_then(|r| r.checked_add(kopecks)).map(Money).ok_or_else(error)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

/// Config files write whole roubles (`700`) or a string with kopecks (`"350.50"`).
pub fn deserialize_roubles<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Whole(i64),
        Text(String),
    }
    match Raw::deserialize(deserializer)? {
        Raw::Whole(roubles) if roubles >= 0 => Ok(Money::from_roubles(roubles)),
        Raw::Whole(roubles) => Err(serde::de::Error::custom(format!("{roubles} is negative"))),
        Raw::Text(text) => text.parse().map_err(serde::de::Error::custom),
    }
}

/// Stored as kopecks (dialogue drafts).
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        i64::deserialize(deserializer).map(Money)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_roubles_and_kopecks() {
        assert_eq!(Money::from_roubles(1060).to_string(), "1060");
        assert_eq!(Money::from_kopecks(35050).to_string(), "350.50");
        assert_eq!(Money::from_kopecks(5).to_string(), "0.05");
        assert_eq!(Money::from_kopecks(-1205).to_string(), "-12.05");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!("350".parse(), Ok(Money::from_roubles(350)));
        assert_eq!("350.5".parse(), Ok(Money::from_kopecks(35050)));
        assert_eq!(" 350,50 ".parse(), Ok(Money::from_kopecks(35050)));
        for bad in ["", "-5", "3.505", "abc", "1e3", "12.", ".5", "99999999999999999999"] {
            assert!(bad.parse::<Money>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn discounts_floor_to_roubles_and_prepayments_round_to_kopecks() {
        assert_eq!(Money::from_roubles(1060).percent_floor_roubles(10), Money::from_roubles(106));
        assert_eq!(Money::from_roubles(1055).percent_floor_roubles(15), Money::from_roubles(158));
        assert_eq!(Money::from_roubles(1055).percent_round(50), Money::from_kopecks(52750));
        assert_eq!(Money::from_kopecks(101).percent_round(50), Money::from_kopecks(51));
        assert_eq!(Money::from_roubles(800).percent_round(100), Money::from_roubles(800));
    }
}
