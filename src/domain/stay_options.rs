//! The smaller choices of a stay: which bedroom (tariffs with `bedroom_choice`), the Incognito
//! wine and the transfer address (reference §1.2 steps I–J).

use serde::{Deserialize, Serialize};

use super::tariff::{Extras, TariffRules};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bedroom {
    White,
    Green,
}

impl Bedroom {
    pub const ALL: [Bedroom; 2] = [Bedroom::White, Bedroom::Green];
}

/// Which bedrooms a stay gets, as stored (`white_bedroom`, `green_bedroom`): both, unless the
/// tariff lets the guest pick one and they did not add the second bedroom.
#[must_use]
pub fn bedrooms(rules: &TariffRules, chosen: Option<Bedroom>, extras: Extras) -> (bool, bool) {
    let extras = rules.normalise(extras);
    match (rules.bedroom_choice && !extras.second_bedroom, chosen) {
        (true, Some(Bedroom::White)) => (true, false),
        (true, Some(Bedroom::Green)) => (false, true),
        _ => (true, true),
    }
}

/// The wine the house prepares for Incognito guests; the stored value is the original bot's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wine {
    None,
    WhiteSweet,
    WhiteSemiSweet,
    WhiteDry,
    WhiteSemiDry,
    RedSweet,
    RedSemiSweet,
    RedDry,
    RedSemiDry,
}

impl Wine {
    pub const ALL: [Wine; 9] = [
        Wine::None,
        Wine::WhiteSweet,
        Wine::WhiteSemiSweet,
        Wine::WhiteDry,
        Wine::WhiteSemiDry,
        Wine::RedSweet,
        Wine::RedSemiSweet,
        Wine::RedDry,
        Wine::RedSemiDry,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Wine::None => "none",
            Wine::WhiteSweet => "white-sweet",
            Wine::WhiteSemiSweet => "white-semi-sweet",
            Wine::WhiteDry => "white-dry",
            Wine::WhiteSemiDry => "white-semi-dry",
            Wine::RedSweet => "red-sweet",
            Wine::RedSemiSweet => "red-semi-sweet",
            Wine::RedDry => "red-dry",
            Wine::RedSemiDry => "red-semi-dry",
        }
    }
}

impl Wine {
    /// The wine a stored value names (`None` for a value this version does not know).
    #[must_use]
    pub fn from_stored(value: &str) -> Option<Wine> {
        Wine::ALL.into_iter().find(|w| w.as_str() == value)
    }
}

/// Why a typed transfer address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("the address is too short")]
    TooShort,
    #[error("the address is too long")]
    TooLong,
}

pub const ADDRESS_CHARS: std::ops::RangeInclusive<usize> = 5..=500;

/// A transfer address: trimmed, 5–500 characters.
pub fn transfer_address(input: &str) -> Result<String, AddressError> {
    let address = input.trim();
    match address.chars().count() {
        n if n < *ADDRESS_CHARS.start() => Err(AddressError::TooShort),
        n if n > *ADDRESS_CHARS.end() => Err(AddressError::TooLong),
        _ => Ok(address.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_bounded_in_characters() {
        assert_eq!(transfer_address("  ул. Ленина, 1 "), Ok("ул. Ленина, 1".to_owned()));
        assert_eq!(transfer_address(" abcd "), Err(AddressError::TooShort));
        assert_eq!(transfer_address(&"я".repeat(500)).map(|a| a.chars().count()), Ok(500));
        assert_eq!(transfer_address(&"я".repeat(501)), Err(AddressError::TooLong));
    }

    #[test]
    fn wine_values_are_distinct() {
        // A set, not `dedup()` (which only drops neighbours and so could never fail here).
        let values: std::collections::HashSet<_> = Wine::ALL.iter().map(|w| w.as_str()).collect();
        assert_eq!(values.len(), Wine::ALL.len());
        for wine in Wine::ALL {
            assert_eq!(Wine::from_stored(wine.as_str()), Some(wine));
        }
        assert_eq!(Wine::from_stored("rosé"), None);
    }
}
