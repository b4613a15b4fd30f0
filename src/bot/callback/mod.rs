//! The one place callback data is encoded and decoded. Compact ASCII, versioned (`1` first), at
//! most 64 bytes (Telegram's limit, checked by a test over every variant). Anything that does not
//! decode — an old bot's button, a forged payload — is "outdated" and changes nothing.

mod codes;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use codes::{
    AUDIENCE_CODES, BEDROOM_CODES, BOOKING_ACT_CODES, EXTRA_CODES, FILTER_CODES, PERIOD_CODES,
    SKIPPABLE_CODES, TARIFF_CODES, WINE_CODES, code_of, from_code,
};

pub use crate::db::{booking_lists::Filter, broadcasts::Audience};
use crate::{
    domain::{
        periods::Period,
        promo::PromoKind,
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

/// A button's meaning. Buttons every flow shares are top-level; each flow's own answers are a
/// nested enum, so a flow's handler matches on its own group and a new flow adds a group.
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
    /// An admin action on a booking (only admins' presses are honoured).
    Admin { action: AdminAction, booking: i64 },
    /// A button that only shows something (calendar header, weekday names, blanks).
    Noop,
    /// Start the booking wizard.
    Book,
    /// The current flow's previous step.
    Back,
    /// `/keybox`: "Change" (admins only).
    KeyboxChange,
    /// `/keybox`: "Cancel" while the new code is awaited.
    KeyboxCancel,
    /// The date and hour pickers (the wizard, moving a booking).
    Picker(Picker),
    /// The booking wizard's answers.
    Wizard(Wizard),
    /// The guest's own bookings: the list, cancelling and moving one.
    Mine(Mine),
    /// The after-stay questionnaire's answers.
    Feedback(FeedbackPress),
    /// "Buy a gift certificate" on the menu. The purchase's own questions (tariff, extras, go to
    /// payment, use this contact) are the wizard's buttons, read by the purchase's state.
    GiftShop,
    /// An admin's decision on a gift certificate purchase (only admins' presses are honoured).
    GiftDecision { approve: bool, gift: i64 },
    /// `/stats` for another period (admins only).
    Stats(Period),
    /// `/promo_new` and `/promo_list` (admins only).
    Promo(PromoPress),
    /// `/bookings`: lists, a booking's details and its actions (admins only).
    Bookings(BookingsPress),
    /// `/broadcast` (admins only).
    Broadcast(BroadcastPress),
}

/// The admins' broadcast screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BroadcastPress {
    Audience(Audience),
    /// "Send" on the preview.
    Send,
    /// Leave `/broadcast` before sending.
    Cancel,
    /// Stop broadcast `id` while it runs (its progress message).
    Stop(i64),
}

/// The staff's bookings screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingsPress {
    List {
        filter: Filter,
        page: u32,
    },
    Open(i64),
    Act {
        booking: i64,
        act: BookingAct,
    },
    /// A new tariff picked: the price before and after, and "Change".
    Tariff {
        booking: i64,
        tariff: TariffId,
    },
    /// "Change" on that screen.
    TariffConfirmed {
        booking: i64,
        tariff: TariffId,
    },
}

/// What the details screen can do to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingAct {
    Approve,
    Reject,
    /// Asks for confirmation first.
    Cancel,
    CancelConfirmed,
    Complete,
    /// The receipt sent again to this chat.
    Receipt,
    /// The tariffs to change to.
    ChangeTariff,
    /// New dates (the same pickers as the guests' move).
    Move,
}

/// The admins' promo code screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromoPress {
    /// A random name instead of a typed one.
    Generate,
    Kind(PromoKind),
    /// Toggle one tariff on the tariffs step.
    Tariff(TariffId),
    /// Every tariff (the list cleared).
    AllTariffs,
    /// The tariffs chosen so far.
    TariffsDone,
    /// No limit on uses.
    Unlimited,
    /// "Create" on the summary.
    Create,
    /// Leave `/promo_new` without creating anything.
    Cancel,
    /// `/promo_list`: stop code `id` from working.
    Deactivate(i64),
    /// `/promo_list`: another page.
    Page(u32),
}

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

impl CallbackData {
    /// Buttons only admins may press: the schema's admin gate refuses anyone else before any
    /// handler runs, whatever the chat or its state.
    #[must_use]
    pub fn for_admins(self) -> bool {
        matches!(
            self,
            CallbackData::Admin { .. }
                | CallbackData::GiftDecision { .. }
                | CallbackData::Stats(_)
                | CallbackData::Promo(_)
                | CallbackData::Bookings(_)
                | CallbackData::Broadcast(_)
                | CallbackData::KeyboxChange
                | CallbackData::KeyboxCancel
        )
    }

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
            CallbackData::Book => "b".to_owned(),
            CallbackData::Back => "<".to_owned(),
            CallbackData::KeyboxChange => "K".to_owned(),
            CallbackData::KeyboxCancel => "Kx".to_owned(),
            CallbackData::Picker(picker) => picker.encode(),
            CallbackData::Wizard(wizard) => wizard.encode(),
            CallbackData::Mine(mine) => mine.encode(),
            CallbackData::Feedback(FeedbackPress::Rate { question, score }) => {
                format!("qR{question}{score:02}")
            }
            CallbackData::Feedback(FeedbackPress::Skip { question }) => format!("qS{question}"),
            CallbackData::GiftShop => "G".to_owned(),
            CallbackData::Stats(period) => format!("T{}", code_of(&PERIOD_CODES, period)),
            CallbackData::Promo(press) => press.encode(),
            CallbackData::Bookings(press) => press.encode(),
            CallbackData::Broadcast(BroadcastPress::Audience(a)) => {
                format!("Ra{}", code_of(&AUDIENCE_CODES, a))
            }
            CallbackData::Broadcast(BroadcastPress::Send) => "Rs".to_owned(),
            CallbackData::Broadcast(BroadcastPress::Cancel) => "Rx".to_owned(),
            CallbackData::Broadcast(BroadcastPress::Stop(id)) => format!("RS{id}"),
            CallbackData::GiftDecision { approve, gift } => {
                format!("G{}{gift}", if approve { 'A' } else { 'R' })
            }
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
            ("n", "") => CallbackData::Noop,
            ("b", "") => CallbackData::Book,
            ("<", "") => CallbackData::Back,
            ("K", "") => CallbackData::KeyboxChange,
            ("K", "x") => CallbackData::KeyboxCancel,
            ("G", "") => CallbackData::GiftShop,
            ("T", i) => CallbackData::Stats(from_code(&PERIOD_CODES, i)?),
            ("P", rest) => CallbackData::Promo(PromoPress::decode(rest)?),
            ("B", rest) => CallbackData::Bookings(BookingsPress::decode(rest)?),
            ("R", rest) => {
                let (kind, arg) = rest.split_at_checked(1)?;
                CallbackData::Broadcast(match (kind, arg) {
                    ("a", code) => BroadcastPress::Audience(from_code(&AUDIENCE_CODES, code)?),
                    ("s", "") => BroadcastPress::Send,
                    ("x", "") => BroadcastPress::Cancel,
                    ("S", id) => BroadcastPress::Stop(booking_id(id)?),
                    _ => return None,
                })
            }
            ("G", rest) => {
                let (decision, id) = rest.split_at_checked(1)?;
                let approve = match decision {
                    "A" => true,
                    "R" => false,
                    _ => return None,
                };
                CallbackData::GiftDecision { approve, gift: booking_id(id)? }
            }
            ("a", rest) => {
                let (code, id) = rest.split_at_checked(1)?;
                let action =
                    AdminAction::CODES.iter().find(|(_, c)| c.to_string() == code).map(|(a, _)| *a)?;
                CallbackData::Admin { action, booking: booking_id(id)? }
            }
            ("l", "ru") => CallbackData::Language(Lang::Ru),
            ("l", "en") => CallbackData::Language(Lang::En),
            ("c" | "d" | "D" | "h" | "H", _) => CallbackData::Picker(Picker::decode(kind, rest)?),
            ("o", _) => CallbackData::Mine(Mine::decode(rest)?),
            ("q", _) => CallbackData::Feedback(FeedbackPress::decode(rest)?),
            _ => CallbackData::Wizard(Wizard::decode(kind, rest)?),
        };
        Some(decoded)
    }
}

impl Picker {
    fn encode(self) -> String {
        match self {
            Picker::CalendarMonth { year, month } => format!("c{year:04}{month:02}"),
            Picker::Day(day) => format!("d{}", day.format("%Y%m%d")),
            Picker::DayUnavailable(day) => format!("D{}", day.format("%Y%m%d")),
            Picker::Hour(hour) => format!("h{hour:02}"),
            Picker::HourBusy(hour) => format!("H{hour:02}"),
        }
    }

    fn decode(kind: &str, rest: &str) -> Option<Self> {
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
    fn encode(self) -> String {
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

    fn decode(kind: &str, rest: &str) -> Option<Self> {
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

impl BookingsPress {
    fn encode(self) -> String {
        match self {
            BookingsPress::List { filter, page } => format!("BL{}{page}", code_of(&FILTER_CODES, filter)),
            BookingsPress::Open(id) => format!("BO{id}"),
            BookingsPress::Act { booking, act } => format!("BA{}{booking}", code_of(&BOOKING_ACT_CODES, act)),
            BookingsPress::Tariff { booking, tariff } => {
                format!("BT{}{booking}", code_of(&TARIFF_CODES, tariff))
            }
            BookingsPress::TariffConfirmed { booking, tariff } => {
                format!("BY{}{booking}", code_of(&TARIFF_CODES, tariff))
            }
        }
    }

    fn decode(rest: &str) -> Option<Self> {
        let (kind, arg) = rest.split_at_checked(1)?;
        let (code, tail) = arg.split_at_checked(1).unwrap_or(("", ""));
        Some(match kind {
            "L" => BookingsPress::List {
                filter: from_code(&FILTER_CODES, code)?,
                page: digits(tail, tail.len()).filter(|p| (1..=4).contains(&p.len()))?.parse().ok()?,
            },
            "O" => BookingsPress::Open(booking_id(arg)?),
            "A" => {
                BookingsPress::Act { act: from_code(&BOOKING_ACT_CODES, code)?, booking: booking_id(tail)? }
            }
            "T" => {
                BookingsPress::Tariff { tariff: from_code(&TARIFF_CODES, code)?, booking: booking_id(tail)? }
            }
            "Y" => BookingsPress::TariffConfirmed {
                tariff: from_code(&TARIFF_CODES, code)?,
                booking: booking_id(tail)?,
            },
            _ => return None,
        })
    }
}

impl PromoPress {
    fn encode(self) -> String {
        match self {
            PromoPress::Generate => "Pg".to_owned(),
            PromoPress::Kind(PromoKind::BookingDates) => "Pkb".to_owned(),
            PromoPress::Kind(PromoKind::UsagePeriod) => "Pku".to_owned(),
            PromoPress::Tariff(id) => format!("Pt{}", code_of(&TARIFF_CODES, id)),
            PromoPress::AllTariffs => "Pa".to_owned(),
            PromoPress::TariffsDone => "Pd".to_owned(),
            PromoPress::Unlimited => "Pu".to_owned(),
            PromoPress::Create => "Pc".to_owned(),
            PromoPress::Cancel => "Px".to_owned(),
            PromoPress::Deactivate(id) => format!("PD{id}"),
            PromoPress::Page(page) => format!("PL{page}"),
        }
    }

    fn decode(rest: &str) -> Option<Self> {
        let (kind, arg) = rest.split_at_checked(1)?;
        Some(match (kind, arg) {
            ("g", "") => PromoPress::Generate,
            ("k", "b") => PromoPress::Kind(PromoKind::BookingDates),
            ("k", "u") => PromoPress::Kind(PromoKind::UsagePeriod),
            ("t", i) => PromoPress::Tariff(from_code(&TARIFF_CODES, i)?),
            ("a", "") => PromoPress::AllTariffs,
            ("d", "") => PromoPress::TariffsDone,
            ("u", "") => PromoPress::Unlimited,
            ("c", "") => PromoPress::Create,
            ("x", "") => PromoPress::Cancel,
            ("D", id) => PromoPress::Deactivate(booking_id(id)?),
            ("L", page) => PromoPress::Page(
                digits(page, page.len()).filter(|p| (1..=4).contains(&p.len()))?.parse().ok()?,
            ),
            _ => return None,
        })
    }
}

impl Mine {
    /// `o` and one letter; a booking id or a page number after it.
    fn encode(self) -> String {
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

    fn decode(rest: &str) -> Option<Self> {
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
    /// Six rating questions, three text ones.
    pub const RATINGS: u8 = 6;
    pub const TEXTS: u8 = 3;

    fn decode(rest: &str) -> Option<Self> {
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

/// A booking id: 1–19 digits (an `i64` that is not negative).
fn booking_id(s: &str) -> Option<i64> {
    digits(s, s.len()).filter(|d| !d.is_empty() && d.len() <= 19)?.parse().ok()
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
