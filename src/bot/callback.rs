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

/// The one-character code of each value, fixed here rather than derived from a list's order:
/// buttons already sent keep their meaning when a list is reordered or extended. (They are the
/// positions the first version used, so no button in a guest's chat changed meaning.)
const TARIFF_CODES: [(TariffId, char); 7] = [
    (TariffId::Day, '0'),
    (TariffId::DayForCouple, '1'),
    (TariffId::Hours12, '2'),
    (TariffId::Worker, '3'),
    (TariffId::IncognitoDay, '4'),
    (TariffId::IncognitoHours, '5'),
    (TariffId::IncognitoWorker, '6'),
];
const EXTRA_CODES: [(Extra, char); 4] =
    [(Extra::Sauna, '0'), (Extra::SecretRoom, '1'), (Extra::SecondBedroom, '2'), (Extra::Photoshoot, '3')];
const BEDROOM_CODES: [(Bedroom, char); 2] = [(Bedroom::White, '0'), (Bedroom::Green, '1')];
const WINE_CODES: [(Wine, char); 9] = [
    (Wine::None, '0'),
    (Wine::WhiteSweet, '1'),
    (Wine::WhiteSemiSweet, '2'),
    (Wine::WhiteDry, '3'),
    (Wine::WhiteSemiDry, '4'),
    (Wine::RedSweet, '5'),
    (Wine::RedSemiSweet, '6'),
    (Wine::RedDry, '7'),
    (Wine::RedSemiDry, '8'),
];
const SKIPPABLE_CODES: [(Skippable, char); 3] =
    [(Skippable::Comment, '0'), (Skippable::Promo, '1'), (Skippable::Transfer, '2')];

/// The code of `item` ('?' — which decodes to nothing — if a table missed it; a test checks none
/// does).
fn code_of<T: PartialEq + Copy>(table: &[(T, char)], item: T) -> char {
    table.iter().find(|(value, _)| *value == item).map_or('?', |(_, code)| *code)
}

fn from_code<T: Copy>(table: &[(T, char)], code: &str) -> Option<T> {
    let mut chars = code.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return None };
    table.iter().find(|(_, code)| *code == c).map(|(value, _)| *value)
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
            CallbackData::Tariff(id) => format!("t{}", code_of(&TARIFF_CODES, id)),
            CallbackData::Extra { extra, on } => {
                format!("e{}{}", code_of(&EXTRA_CODES, extra), u8::from(on))
            }
            CallbackData::Bedroom(bedroom) => format!("r{}", code_of(&BEDROOM_CODES, bedroom)),
            CallbackData::Guests(n) => format!("g{n:02}"),
            CallbackData::Skip(step) => format!("s{}", code_of(&SKIPPABLE_CODES, step)),
            CallbackData::Keep(step) => format!("v{}", code_of(&SKIPPABLE_CODES, step)),
            CallbackData::Wine(wine) => format!("w{}", code_of(&WINE_CODES, wine)),
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
            ("t", i) => CallbackData::Tariff(from_code(&TARIFF_CODES, i)?),
            ("e", rest) => {
                let (i, on) = rest.split_at_checked(1)?;
                let on = match on {
                    "0" => false,
                    "1" => true,
                    _ => return None,
                };
                CallbackData::Extra { extra: from_code(&EXTRA_CODES, i)?, on }
            }
            ("r", i) => CallbackData::Bedroom(from_code(&BEDROOM_CODES, i)?),
            ("g", n) => CallbackData::Guests(digits(n, 2)?.parse().ok().filter(|n| (1..=20).contains(n))?),
            ("s", i) => CallbackData::Skip(from_code(&SKIPPABLE_CODES, i)?),
            ("v", i) => CallbackData::Keep(from_code(&SKIPPABLE_CODES, i)?),
            ("w", i) => CallbackData::Wine(from_code(&WINE_CODES, i)?),
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
        all.extend(SKIPPABLE_CODES.map(|(s, _)| CallbackData::Skip(s)));
        all.extend(SKIPPABLE_CODES.map(|(s, _)| CallbackData::Keep(s)));
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
    fn every_value_has_exactly_one_code() {
        fn check<T: PartialEq + Copy + std::fmt::Debug>(all: &[T], table: &[(T, char)]) {
            assert_eq!(all.len(), table.len(), "{all:?}");
            for item in all {
                assert_eq!(table.iter().filter(|(v, _)| v == item).count(), 1, "{item:?}");
            }
            let codes: std::collections::HashSet<_> = table.iter().map(|(_, c)| c).collect();
            assert_eq!(codes.len(), table.len(), "codes are unique");
        }
        check(&TariffId::ALL, &TARIFF_CODES);
        check(&Extra::ALL, &EXTRA_CODES);
        check(&Bedroom::ALL, &BEDROOM_CODES);
        check(&Wine::ALL, &WINE_CODES);
    }

    /// Buttons already in guests' chats must keep their meaning: these strings are what earlier
    /// versions sent. A change here is a break of every open chat; add, never edit.
    #[test]
    fn sent_buttons_keep_their_meaning() {
        let golden = [
            ("1m", CallbackData::Menu),
            ("1p", CallbackData::Prices),
            ("1f", CallbackData::FreeDates),
            ("1f202701", CallbackData::FreeDatesMonth { year: 2027, month: 1 }),
            ("1lru", CallbackData::Language(Lang::Ru)),
            ("1len", CallbackData::Language(Lang::En)),
            ("1aA42", CallbackData::Admin { action: AdminAction::Approve, booking: 42 }),
            ("1aR42", CallbackData::Admin { action: AdminAction::Reject, booking: 42 }),
            ("1aP42", CallbackData::Admin { action: AdminAction::EditPrice, booking: 42 }),
            ("1aD42", CallbackData::Admin { action: AdminAction::EditPrepayment, booking: 42 }),
            ("1n", CallbackData::Noop),
            ("1c202702", CallbackData::CalendarMonth { year: 2027, month: 2 }),
            ("1d20270305", CallbackData::Day(NaiveDate::from_ymd_opt(2027, 3, 5).unwrap())),
            ("1D20270305", CallbackData::DayUnavailable(NaiveDate::from_ymd_opt(2027, 3, 5).unwrap())),
            ("1h09", CallbackData::Hour(9)),
            ("1H23", CallbackData::HourBusy(23)),
            ("1b", CallbackData::Book),
            ("1<", CallbackData::Back),
            ("1t0", CallbackData::Tariff(TariffId::Day)),
            ("1t1", CallbackData::Tariff(TariffId::DayForCouple)),
            ("1t2", CallbackData::Tariff(TariffId::Hours12)),
            ("1t3", CallbackData::Tariff(TariffId::Worker)),
            ("1t4", CallbackData::Tariff(TariffId::IncognitoDay)),
            ("1t5", CallbackData::Tariff(TariffId::IncognitoHours)),
            ("1t6", CallbackData::Tariff(TariffId::IncognitoWorker)),
            ("1e01", CallbackData::Extra { extra: Extra::Sauna, on: true }),
            ("1e10", CallbackData::Extra { extra: Extra::SecretRoom, on: false }),
            ("1e21", CallbackData::Extra { extra: Extra::SecondBedroom, on: true }),
            ("1e30", CallbackData::Extra { extra: Extra::Photoshoot, on: false }),
            ("1r0", CallbackData::Bedroom(Bedroom::White)),
            ("1r1", CallbackData::Bedroom(Bedroom::Green)),
            ("1g03", CallbackData::Guests(3)),
            ("1s0", CallbackData::Skip(Skippable::Comment)),
            ("1s1", CallbackData::Skip(Skippable::Promo)),
            ("1s2", CallbackData::Skip(Skippable::Transfer)),
            ("1v0", CallbackData::Keep(Skippable::Comment)),
            ("1v1", CallbackData::Keep(Skippable::Promo)),
            ("1v2", CallbackData::Keep(Skippable::Transfer)),
            ("1w0", CallbackData::Wine(Wine::None)),
            ("1w1", CallbackData::Wine(Wine::WhiteSweet)),
            ("1w2", CallbackData::Wine(Wine::WhiteSemiSweet)),
            ("1w3", CallbackData::Wine(Wine::WhiteDry)),
            ("1w4", CallbackData::Wine(Wine::WhiteSemiDry)),
            ("1w5", CallbackData::Wine(Wine::RedSweet)),
            ("1w6", CallbackData::Wine(Wine::RedSemiSweet)),
            ("1w7", CallbackData::Wine(Wine::RedDry)),
            ("1w8", CallbackData::Wine(Wine::RedSemiDry)),
            ("1k", CallbackData::Confirm),
            ("1u", CallbackData::UseContact),
        ];
        for (encoded, data) in golden {
            assert_eq!(data.encode(), encoded, "{data:?}");
            assert_eq!(CallbackData::decode(encoded), Some(data), "{encoded}");
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
