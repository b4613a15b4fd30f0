//! The one place callback data is encoded and decoded. Compact ASCII, versioned (`1` first), at
//! most 64 bytes (Telegram's limit, checked by a test over every variant). Anything that does not
//! decode — an old bot's button, a forged payload — is "outdated" and changes nothing.
//! `CallbackData` and its top-level buttons are here; the guests' flows' groups in `flows`, the
//! admins' in `admin`, the one-character value codes in `codes`.

mod admin;
mod codes;
mod flows;
#[cfg(test)]
mod tests;

pub use admin::{AdminAction, BookingAct, BookingsPress, BroadcastPress, PromoPress, StaffPress};
use chrono::NaiveDate;
use codes::{PERIOD_CODES, code_of, from_code};
pub use flows::{FeedbackPress, Mine, Picker, Skippable, Wizard};

pub use crate::db::{booking_lists::Filter, broadcasts::Audience};
use crate::{domain::periods::Period, i18n::Lang};

const VERSION: char = '1';

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
    /// `/add_booking` and `/block` (admins only).
    Staff(StaffPress),
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
                | CallbackData::Staff(_)
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
                format!("a{}{booking}", code_of(&AdminAction::CODES, action))
            }
            CallbackData::Noop => "n".to_owned(),
            CallbackData::Book => "b".to_owned(),
            CallbackData::Back => "<".to_owned(),
            CallbackData::KeyboxChange => "K".to_owned(),
            CallbackData::KeyboxCancel => "Kx".to_owned(),
            CallbackData::Picker(picker) => picker.encode(),
            CallbackData::Wizard(wizard) => wizard.encode(),
            CallbackData::Mine(mine) => mine.encode(),
            CallbackData::Feedback(press) => press.encode(),
            CallbackData::GiftShop => "G".to_owned(),
            CallbackData::Stats(period) => format!("T{}", code_of(&PERIOD_CODES, period)),
            CallbackData::Promo(press) => press.encode(),
            CallbackData::Bookings(press) => press.encode(),
            CallbackData::Broadcast(press) => press.encode(),
            CallbackData::Staff(press) => press.encode(),
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
            ("R", rest) => CallbackData::Broadcast(BroadcastPress::decode(rest)?),
            ("S", rest) => CallbackData::Staff(StaffPress::decode(rest)?),
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
                CallbackData::Admin {
                    action: from_code(&AdminAction::CODES, code)?,
                    booking: booking_id(id)?,
                }
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

/// A booking id: 1–19 digits (an `i64` that is not negative).
pub(super) fn booking_id(s: &str) -> Option<i64> {
    digits(s, s.len()).filter(|d| !d.is_empty() && d.len() <= 19)?.parse().ok()
}

pub(super) fn digits(s: &str, len: usize) -> Option<&str> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

pub(super) fn year_month(s: &str) -> Option<(i32, u32)> {
    let s = digits(s, 6)?;
    let (year, month) = (s[..4].parse().ok()?, s[4..].parse().ok()?);
    (1..=12).contains(&month).then_some((year, month))
}

pub(super) fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(digits(s, 8)?, "%Y%m%d").ok()
}

pub(super) fn hour(s: &str) -> Option<u32> {
    digits(s, 2)?.parse().ok().filter(|h| *h < 24)
}
