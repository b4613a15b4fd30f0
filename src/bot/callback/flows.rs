//! The guests' flows' own buttons: the date and hour pickers, the booking wizard's answers
//! (also read by the gift purchase), the self-service list and the feedback questionnaire.

use chrono::NaiveDate;

use super::{
    booking_id,
    codes::{BEDROOM_CODES, EXTRA_CODES, SKIPPABLE_CODES, TARIFF_CODES, WINE_CODES, code_of, from_code},
    date, digits, hour, year_month,
};
use crate::domain::{
    stay_options::{Bedroom, Wine},
    tariff::{Extra, TariffId},
};

/// An answer to one question of the feedback questionnaire. The question is named, so a button
/// of an earlier message cannot answer another question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackPress {
    /// A rating 1–10 for rating question `question` (0–5).
    Rate { question: u8, score: u8 },
    /// "Skip" on text question `question` (0–2).
    Skip { question: u8 },
}

/// The shared date and hour pickers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picker {
    /// Show another month in a calendar.
    CalendarMonth { year: i32, month: u32 },
    /// A pressable day of a calendar.
    Day(NaiveDate),
    /// A day shown but not pressable (past, busy, beyond the horizon): answered with why.
    DayUnavailable(NaiveDate),
    /// A pressable hour of an hours picker.
    Hour(u32),
    /// An hour shown as busy: answered with why, never acted on.
    HourBusy(u32),
}

/// The booking wizard's own answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wizard {
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
    /// "Gift certificate" on the tariff list: redeem one (its code is typed next).
    GiftEntry,
    /// "Keep" on the code step when a certificate is already accepted.
    KeepGift,
}

/// The guest's own bookings. Every id is re-checked against the presser (SPEC §1): a button
/// naming someone else's booking is outdated, never acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mine {
    /// A page of "My bookings".
    List { page: u32 },
    /// The payment details of an unpaid hold again; the next file is its receipt.
    Pay(i64),
    /// The list of bookings that can be cancelled.
    CancelList,
    /// "Cancel this one": the confirmation screen.
    Cancel(i64),
    /// "Yes, cancel it".
    CancelConfirmed(i64),
    /// The list of bookings that can be moved.
    MoveList,
    /// "Move this one": its new dates.
    Move(i64),
    /// "Yes, move it" on the new dates.
    MoveConfirmed(i64),
    /// "Leave feedback" on the after-stay message.
    Feedback(i64),
}

/// The optional steps that have a Skip button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skippable {
    Comment,
    Promo,
    Transfer,
}

impl Picker {
    pub(super) fn encode(self) -> String {
        match self {
            Picker::CalendarMonth { year, month } => format!("c{year:04}{month:02}"),
            Picker::Day(day) => format!("d{}", day.format("%Y%m%d")),
            Picker::DayUnavailable(day) => format!("D{}", day.format("%Y%m%d")),
            Picker::Hour(hour) => format!("h{hour:02}"),
            Picker::HourBusy(hour) => format!("H{hour:02}"),
        }
    }

    pub(super) fn decode(kind: &str, rest: &str) -> Option<Self> {
        Some(match kind {
            "c" => {
                let (year, month) = year_month(rest)?;
                Picker::CalendarMonth { year, month }
            }
            "d" => Picker::Day(date(rest)?),
            "D" => Picker::DayUnavailable(date(rest)?),
            "h" => Picker::Hour(hour(rest)?),
            "H" => Picker::HourBusy(hour(rest)?),
            _ => return None,
        })
    }
}

impl Wizard {
    pub(super) fn encode(self) -> String {
        match self {
            Wizard::Tariff(id) => format!("t{}", code_of(&TARIFF_CODES, id)),
            Wizard::Extra { extra, on } => format!("e{}{}", code_of(&EXTRA_CODES, extra), u8::from(on)),
            Wizard::Bedroom(bedroom) => format!("r{}", code_of(&BEDROOM_CODES, bedroom)),
            Wizard::Guests(n) => format!("g{n:02}"),
            Wizard::Skip(step) => format!("s{}", code_of(&SKIPPABLE_CODES, step)),
            Wizard::Keep(step) => format!("v{}", code_of(&SKIPPABLE_CODES, step)),
            Wizard::Wine(wine) => format!("w{}", code_of(&WINE_CODES, wine)),
            Wizard::Confirm => "k".to_owned(),
            Wizard::UseContact => "u".to_owned(),
            Wizard::GiftEntry => "y".to_owned(),
            Wizard::KeepGift => "Y".to_owned(),
        }
    }

    pub(super) fn decode(kind: &str, rest: &str) -> Option<Self> {
        Some(match (kind, rest) {
            ("k", "") => Wizard::Confirm,
            ("u", "") => Wizard::UseContact,
            ("y", "") => Wizard::GiftEntry,
            ("Y", "") => Wizard::KeepGift,
            ("t", i) => Wizard::Tariff(from_code(&TARIFF_CODES, i)?),
            ("e", rest) => {
                let (i, on) = rest.split_at_checked(1)?;
                let on = match on {
                    "0" => false,
                    "1" => true,
                    _ => return None,
                };
                Wizard::Extra { extra: from_code(&EXTRA_CODES, i)?, on }
            }
            ("r", i) => Wizard::Bedroom(from_code(&BEDROOM_CODES, i)?),
            ("g", n) => Wizard::Guests(digits(n, 2)?.parse().ok().filter(|n| (1..=20).contains(n))?),
            ("s", i) => Wizard::Skip(from_code(&SKIPPABLE_CODES, i)?),
            ("v", i) => Wizard::Keep(from_code(&SKIPPABLE_CODES, i)?),
            ("w", i) => Wizard::Wine(from_code(&WINE_CODES, i)?),
            _ => return None,
        })
    }
}

impl Mine {
    /// `o` and one letter; a booking id or a page number after it.
    pub(super) fn encode(self) -> String {
        match self {
            Mine::List { page } => format!("oL{page}"),
            Mine::Pay(id) => format!("oP{id}"),
            Mine::CancelList => "oc".to_owned(),
            Mine::Cancel(id) => format!("oC{id}"),
            Mine::CancelConfirmed(id) => format!("oY{id}"),
            Mine::MoveList => "om".to_owned(),
            Mine::Move(id) => format!("oM{id}"),
            Mine::MoveConfirmed(id) => format!("oK{id}"),
            Mine::Feedback(id) => format!("oF{id}"),
        }
    }

    pub(super) fn decode(rest: &str) -> Option<Self> {
        let (kind, arg) = rest.split_at_checked(1)?;
        Some(match (kind, arg) {
            ("c", "") => Mine::CancelList,
            ("m", "") => Mine::MoveList,
            ("L", page) => Mine::List {
                page: digits(page, page.len()).filter(|p| (1..=4).contains(&p.len()))?.parse().ok()?,
            },
            ("P", id) => Mine::Pay(booking_id(id)?),
            ("C", id) => Mine::Cancel(booking_id(id)?),
            ("Y", id) => Mine::CancelConfirmed(booking_id(id)?),
            ("M", id) => Mine::Move(booking_id(id)?),
            ("K", id) => Mine::MoveConfirmed(booking_id(id)?),
            ("F", id) => Mine::Feedback(booking_id(id)?),
            _ => return None,
        })
    }
}

impl FeedbackPress {
    pub(super) fn encode(self) -> String {
        match self {
            FeedbackPress::Rate { question, score } => format!("qR{question}{score:02}"),
            FeedbackPress::Skip { question } => format!("qS{question}"),
        }
    }

    /// Six rating questions, three text ones.
    pub const RATINGS: u8 = 6;
    pub const TEXTS: u8 = 3;

    pub(super) fn decode(rest: &str) -> Option<Self> {
        let (kind, arg) = rest.split_at_checked(1)?;
        match kind {
            "R" => {
                let arg = digits(arg, 3)?;
                let (question, score): (u8, u8) = (arg[..1].parse().ok()?, arg[1..].parse().ok()?);
                (question < Self::RATINGS && (1..=10).contains(&score))
                    .then_some(FeedbackPress::Rate { question, score })
            }
            "S" => {
                let question: u8 = digits(arg, 1)?.parse().ok()?;
                (question < Self::TEXTS).then_some(FeedbackPress::Skip { question })
            }
            _ => None,
        }
    }
}
