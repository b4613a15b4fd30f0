//! The one place callback data is encoded and decoded. Compact ASCII, versioned (`1` first), at
//! most 64 bytes (Telegram's limit, checked by a test over every variant). Anything that does not
//! decode — an old bot's button, a forged payload — is "outdated" and changes nothing.

use chrono::NaiveDate;

use crate::{
    domain::{
        stay_options::{Bedroom, Wine},
        tariff::{Extra, TariffId},
    },
    i18n::Lang,
};

const VERSION: char = '1';

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AdminAction {
    Approve,
    Reject,
    EditPrice,
    EditPrepayment,
}

impl AdminAction {
    const CODES: [(AdminAction, char); 4] = [
        (AdminAction::Approve, 'A'),
        (AdminAction::Reject, 'R'),
        (AdminAction::EditPrice, 'P'),
        (AdminAction::EditPrepayment, 'D'),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackData {
    /// Back to the main menu.
    Menu,
    /// The price list.
    Prices,
    /// The month picker of the free-dates screen.
    FreeDates,
    /// Free intervals of one month.
    FreeDatesMonth {
        year: i32,
        month: u32,
    },
    /// Switch the bot's language.
    Language(Lang),
    /// An admin action on a booking (only admins' presses are honoured).
    Admin {
        action: AdminAction,
        booking: i64,
    },
    /// A button that only shows something (calendar header, weekday names, blanks).
    Noop,
    /// Show another month in a calendar.
    CalendarMonth {
        year: i32,
        month: u32,
    },
    /// A pressable day of a calendar.
    Day(NaiveDate),
    /// A day shown but not pressable (past, busy, beyond the horizon): answered with why.
    DayUnavailable(NaiveDate),
    /// A pressable hour of an hours picker.
    Hour(u32),
    /// An hour shown as busy: answered with why, never acted on.
    HourBusy(u32),
    /// Start the booking wizard.
    Book,
    /// The wizard's previous step.
    Back,
    Tariff(TariffId),
    /// Yes/No on the question about one optional extra.
    Extra {
        extra: Extra,
        on: bool,
    },
    Bedroom(Bedroom),
    Guests(u32),
    /// "Skip" on an optional text step (named, so an old message's Skip cannot skip another step);
    /// with an answer already given it reads "Remove" and clears it.
    Skip(Skippable),
    /// "Keep" on an optional text step that already has an answer: go on with it unchanged.
    Keep(Skippable),
    Wine(Wine),
    /// "Go to payment" on the summary.
    Confirm,
    /// Use the contact of the guest's last booking.
    UseContact,
}

/// The optional steps that have a Skip button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skippable {
    Comment,
    Promo,
    Transfer,
}

/// Position of `item` in `all` as one character ('0'…), for enums listed in an `ALL` array.
fn index_of<T: PartialEq>(all: &[T], item: &T) -> char {
    all.iter()
        .position(|x| x == item)
        .and_then(|i| char::from_digit(u32::try_from(i).ok()?, 36))
        .unwrap_or('?')
}

fn from_index<T: Copy>(all: &[T], code: &str) -> Option<T> {
    let mut chars = code.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return None };
    all.get(usize::try_from(c.to_digit(36)?).ok()?).copied()
}

const SKIPPABLE: [Skippable; 3] = [Skippable::Comment, Skippable::Promo, Skippable::Transfer];

impl CallbackData {
    #[must_use]
    pub fn encode(self) -> String {
        let body = match self {
            CallbackData::Menu => "m".to_owned(),
            CallbackData::Prices => "p".to_owned(),
            CallbackData::FreeDates => "f".to_owned(),
            CallbackData::FreeDatesMonth { year, month } => format!("f{year:04}{month:02}"),
            CallbackData::Language(lang) => format!("l{}", lang.code()),
            CallbackData::Admin { action, booking } => {
                let code = AdminAction::CODES.iter().find(|(a, _)| *a == action).map_or('?', |(_, c)| *c);
                format!("a{code}{booking}")
            }
            CallbackData::Noop => "n".to_owned(),
            CallbackData::CalendarMonth { year, month } => format!("c{year:04}{month:02}"),
            CallbackData::Day(day) => format!("d{}", day.format("%Y%m%d")),
            CallbackData::DayUnavailable(day) => format!("D{}", day.format("%Y%m%d")),
            CallbackData::Hour(hour) => format!("h{hour:02}"),
            CallbackData::HourBusy(hour) => format!("H{hour:02}"),
            CallbackData::Book => "b".to_owned(),
            CallbackData::Back => "<".to_owned(),
            CallbackData::Tariff(id) => format!("t{}", index_of(&TariffId::ALL, &id)),
            CallbackData::Extra { extra, on } => {
                format!("e{}{}", index_of(&Extra::ALL, &extra), u8::from(on))
            }
            CallbackData::Bedroom(bedroom) => format!("r{}", index_of(&Bedroom::ALL, &bedroom)),
            CallbackData::Guests(n) => format!("g{n:02}"),
            CallbackData::Skip(step) => format!("s{}", index_of(&SKIPPABLE, &step)),
            CallbackData::Keep(step) => format!("v{}", index_of(&SKIPPABLE, &step)),
            CallbackData::Wine(wine) => format!("w{}", index_of(&Wine::ALL, &wine)),
            CallbackData::Confirm => "k".to_owned(),
            CallbackData::UseContact => "u".to_owned(),
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
            ("f", ym) => {
                let (year, month) = year_month(ym)?;
                CallbackData::FreeDatesMonth { year, month }
            }
            ("c", ym) => {
                let (year, month) = year_month(ym)?;
                CallbackData::CalendarMonth { year, month }
            }
            ("d", ymd) => CallbackData::Day(date(ymd)?),
            ("D", ymd) => CallbackData::DayUnavailable(date(ymd)?),
            ("h", hh) => CallbackData::Hour(hour(hh)?),
            ("H", hh) => CallbackData::HourBusy(hour(hh)?),
            ("n", "") => CallbackData::Noop,
            ("b", "") => CallbackData::Book,
            ("<", "") => CallbackData::Back,
            ("k", "") => CallbackData::Confirm,
            ("u", "") => CallbackData::UseContact,
            ("t", i) => CallbackData::Tariff(from_index(&TariffId::ALL, i)?),
            ("e", rest) => {
                let (i, on) = rest.split_at_checked(1)?;
                let on = match on {
                    "0" => false,
                    "1" => true,
                    _ => return None,
                };
                CallbackData::Extra { extra: from_index(&Extra::ALL, i)?, on }
            }
            ("r", i) => CallbackData::Bedroom(from_index(&Bedroom::ALL, i)?),
            ("g", n) => CallbackData::Guests(digits(n, 2)?.parse().ok().filter(|n| (1..=20).contains(n))?),
            ("s", i) => CallbackData::Skip(from_index(&SKIPPABLE, i)?),
            ("v", i) => CallbackData::Keep(from_index(&SKIPPABLE, i)?),
            ("w", i) => CallbackData::Wine(from_index(&Wine::ALL, i)?),
            ("a", rest) => {
                let (code, id) = rest.split_at_checked(1)?;
                let action =
                    AdminAction::CODES.iter().find(|(_, c)| c.to_string() == code).map(|(a, _)| *a)?;
                let booking =
                    digits(id, id.len()).filter(|d| !d.is_empty() && d.len() <= 19)?.parse().ok()?;
                CallbackData::Admin { action, booking }
            }
            ("l", "ru") => CallbackData::Language(Lang::Ru),
            ("l", "en") => CallbackData::Language(Lang::En),
            _ => return None,
        };
        Some(decoded)
    }
}

fn digits(s: &str, len: usize) -> Option<&str> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

fn year_month(s: &str) -> Option<(i32, u32)> {
    let s = digits(s, 6)?;
    let (year, month) = (s[..4].parse().ok()?, s[4..].parse().ok()?);
    (1..=12).contains(&month).then_some((year, month))
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(digits(s, 8)?, "%Y%m%d").ok()
}

fn hour(s: &str) -> Option<u32> {
    digits(s, 2)?.parse().ok().filter(|h| *h < 24)
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
        all.extend([(2026, 1), (9999, 12)].map(|(year, month)| CallbackData::CalendarMonth { year, month }));
        let day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        all.extend([CallbackData::Day(day), CallbackData::DayUnavailable(day), CallbackData::Noop]);
        all.extend((0..24).flat_map(|h| [CallbackData::Hour(h), CallbackData::HourBusy(h)]));
        all.extend([CallbackData::Book, CallbackData::Back, CallbackData::Confirm, CallbackData::UseContact]);
        all.extend(TariffId::ALL.map(CallbackData::Tariff));
        all.extend(
            Extra::ALL.iter().flat_map(|&extra| [true, false].map(|on| CallbackData::Extra { extra, on })),
        );
        all.extend(Bedroom::ALL.map(CallbackData::Bedroom));
        all.extend((1..=20).map(CallbackData::Guests));
        all.extend(SKIPPABLE.map(CallbackData::Skip));
        all.extend(SKIPPABLE.map(CallbackData::Keep));
        all.extend(Wine::ALL.map(CallbackData::Wine));
        for action in AdminAction::CODES.map(|(a, _)| a) {
            all.push(CallbackData::Admin { action, booking: i64::MAX });
        }
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
        for forged in [
            "",
            "1",
            "2m",
            "m",
            "1x",
            "1f2026",
            "1f202613",
            "1f2026001",
            "1lde",
            "1m ",
            "booking_1_chatid_1",
            "1t7",
            "1t",
            "1t00",
            "1e41",
            "1e02",
            "1r2",
            "1g00",
            "1g21",
            "1g7",
            "1s3",
            "1v3",
            "1v",
            "1w9",
            "1k1",
            "1h24",
            "1d20261301",
            "1aX1",
            "1aA",
            "1aA-1",
        ] {
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
