//! The one place callback data is encoded and decoded. Compact ASCII, versioned (`1` first), at
//! most 64 bytes (Telegram's limit, checked by a test over every variant). Anything that does not
//! decode — an old bot's button, a forged payload — is "outdated" and changes nothing.

use crate::i18n::Lang;

const VERSION: char = '1';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackData {
    /// Back to the main menu.
    Menu,
    /// The price list.
    Prices,
    /// The month picker of the free-dates screen.
    FreeDates,
    /// Free intervals of one month.
    FreeDatesMonth { year: i32, month: u32 },
    /// Switch the bot's language.
    Language(Lang),
}

impl CallbackData {
    #[must_use]
    pub fn encode(self) -> String {
        let body = match self {
            CallbackData::Menu => "m".to_owned(),
            CallbackData::Prices => "p".to_owned(),
            CallbackData::FreeDates => "f".to_owned(),
            CallbackData::FreeDatesMonth { year, month } => format!("f{year:04}{month:02}"),
            CallbackData::Language(lang) => format!("l{}", lang.code()),
        };
        format!("{VERSION}{body}")
    }

    /// `None` for anything this version did not produce.
    #[must_use]
    pub fn decode(data: &str) -> Option<Self> {
        let body = data.strip_prefix(VERSION)?;
        let (kind, rest) = body.split_at_checked(1)?;
        let decoded = match (kind, rest) {
            ("m", "") => CallbackData::Menu,
            ("p", "") => CallbackData::Prices,
            ("f", "") => CallbackData::FreeDates,
            ("f", ym) if ym.len() == 6 && ym.bytes().all(|b| b.is_ascii_digit()) => {
                let (year, month) = (ym[..4].parse().ok()?, ym[4..].parse().ok()?);
                if !(1..=12).contains(&month) {
                    return None;
                }
                CallbackData::FreeDatesMonth { year, month }
            }
            ("l", "ru") => CallbackData::Language(Lang::Ru),
            ("l", "en") => CallbackData::Language(Lang::En),
            _ => return None,
        };
        Some(decoded)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn every_variant() -> Vec<CallbackData> {
        let mut all = vec![
            CallbackData::Menu,
            CallbackData::Prices,
            CallbackData::FreeDates,
            CallbackData::Language(Lang::Ru),
            CallbackData::Language(Lang::En),
        ];
        all.extend(
            [(2026, 1), (2026, 12), (9999, 12)]
                .map(|(year, month)| CallbackData::FreeDatesMonth { year, month }),
        );
        all
    }

    #[test]
    fn every_variant_fits_in_64_bytes_and_round_trips() {
        for data in every_variant() {
            let encoded = data.encode();
            assert!(encoded.len() <= 64 && encoded.is_ascii(), "{encoded}");
            assert_eq!(CallbackData::decode(&encoded), Some(data), "{encoded}");
        }
    }

    #[test]
    fn foreign_and_forged_payloads_do_not_decode() {
        for forged in
            ["", "1", "2m", "m", "1x", "1f2026", "1f202613", "1f2026001", "1lde", "1m ", "booking_1_chatid_1"]
        {
            assert_eq!(CallbackData::decode(forged), None, "{forged:?}");
        }
    }

    proptest! {
        #[test]
        fn decoding_never_panics(data in ".{0,70}") {
            let _ = CallbackData::decode(&data);
        }

        #[test]
        fn months_round_trip(year in 2000i32..=9999, month in 1u32..=12) {
            let data = CallbackData::FreeDatesMonth { year, month };
            prop_assert_eq!(CallbackData::decode(&data.encode()), Some(data));
        }
    }
}
