//! The one place callback data is encoded and decoded. Compact ASCII, versioned (`1` first), at
//! most 64 bytes (Telegram's limit, checked by a test over every variant). Anything that does not
//! decode — an old bot's button, a forged payload — is "outdated" and changes nothing.

mod codes;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use codes::{BEDROOM_CODES, EXTRA_CODES, SKIPPABLE_CODES, TARIFF_CODES, WINE_CODES, code_of, from_code};

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
