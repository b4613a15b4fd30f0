//! The admins' buttons: decisions on a booking's approval message, and the back office's
//! screens (bookings, promo codes, broadcasts). The schema's admin gate lets only admins' presses
//! reach their handlers (`CallbackData::for_admins`).

use super::{
    Audience, Filter, booking_id,
    codes::{
        AUDIENCE_CODES, BOOKING_ACT_CODES, FILTER_CODES, SOURCE_CODES, TARIFF_CODES, code_of, from_code,
    },
    digits,
};
use crate::domain::{booking::BookingSource, promo::PromoKind, tariff::TariffId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AdminAction {
    Approve,
    Reject,
    EditPrice,
    EditPrepayment,
}

impl AdminAction {
    pub(super) const CODES: [(AdminAction, char); 4] = [
        (AdminAction::Approve, 'A'),
        (AdminAction::Reject, 'R'),
        (AdminAction::EditPrice, 'P'),
        (AdminAction::EditPrepayment, 'D'),
    ];
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

/// The staff's own entries in the calendar: a booking taken by hand, closed dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPress {
    /// `/add_booking`: how the booking came; starts the wizard for it.
    ByHand(BookingSource),
    /// `/block`: "Close dates" (starts choosing them).
    BlockNew,
    /// `/block`: open closed dates `id` again.
    BlockRemove(i64),
    /// No reason for the closed dates.
    BlockNoReason,
    /// "Close" on the summary.
    BlockCreate,
    /// Leave choosing closed dates.
    BlockCancel,
}

impl StaffPress {
    pub(super) fn encode(self) -> String {
        match self {
            StaffPress::ByHand(source) => format!("Sh{}", code_of(&SOURCE_CODES, source)),
            StaffPress::BlockNew => "Sn".to_owned(),
            StaffPress::BlockRemove(id) => format!("Sr{id}"),
            StaffPress::BlockNoReason => "Sk".to_owned(),
            StaffPress::BlockCreate => "Sc".to_owned(),
            StaffPress::BlockCancel => "Sx".to_owned(),
        }
    }

    pub(super) fn decode(rest: &str) -> Option<Self> {
        let (kind, arg) = rest.split_at_checked(1)?;
        Some(match (kind, arg) {
            ("h", code) => StaffPress::ByHand(from_code(&SOURCE_CODES, code)?),
            ("n", "") => StaffPress::BlockNew,
            ("r", id) => StaffPress::BlockRemove(booking_id(id)?),
            ("k", "") => StaffPress::BlockNoReason,
            ("c", "") => StaffPress::BlockCreate,
            ("x", "") => StaffPress::BlockCancel,
            _ => return None,
        })
    }
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

impl BookingsPress {
    pub(super) fn encode(self) -> String {
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

    pub(super) fn decode(rest: &str) -> Option<Self> {
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
    pub(super) fn encode(self) -> String {
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

    pub(super) fn decode(rest: &str) -> Option<Self> {
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

impl BroadcastPress {
    pub(super) fn encode(self) -> String {
        match self {
            BroadcastPress::Audience(a) => format!("Ra{}", code_of(&AUDIENCE_CODES, a)),
            BroadcastPress::Send => "Rs".to_owned(),
            BroadcastPress::Cancel => "Rx".to_owned(),
            BroadcastPress::Stop(id) => format!("RS{id}"),
        }
    }

    pub(super) fn decode(rest: &str) -> Option<Self> {
        let (kind, arg) = rest.split_at_checked(1)?;
        Some(match (kind, arg) {
            ("a", code) => BroadcastPress::Audience(from_code(&AUDIENCE_CODES, code)?),
            ("s", "") => BroadcastPress::Send,
            ("x", "") => BroadcastPress::Cancel,
            ("S", id) => BroadcastPress::Stop(booking_id(id)?),
            _ => return None,
        })
    }
}
