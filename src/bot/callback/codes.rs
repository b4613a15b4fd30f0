//! The fixed one-character code of every value a button carries.

use super::{Audience, BookingAct, Filter, Skippable};
use crate::domain::{
    booking::BookingSource,
    periods::Period,
    stay_options::{Bedroom, Wine},
    tariff::{Extra, TariffId},
};

/// The one-character code of each value, fixed here rather than derived from a list's order:
/// buttons already sent keep their meaning when a list is reordered or extended. (They are the
/// positions the first version used, so no button in a guest's chat changed meaning.)
pub(super) const TARIFF_CODES: [(TariffId, char); 7] = [
    (TariffId::Day, '0'),
    (TariffId::DayForCouple, '1'),
    (TariffId::Hours12, '2'),
    (TariffId::Worker, '3'),
    (TariffId::IncognitoDay, '4'),
    (TariffId::IncognitoHours, '5'),
    (TariffId::IncognitoWorker, '6'),
];
pub(super) const EXTRA_CODES: [(Extra, char); 4] =
    [(Extra::Sauna, '0'), (Extra::SecretRoom, '1'), (Extra::SecondBedroom, '2'), (Extra::Photoshoot, '3')];
pub(super) const BEDROOM_CODES: [(Bedroom, char); 2] = [(Bedroom::White, '0'), (Bedroom::Green, '1')];
pub(super) const WINE_CODES: [(Wine, char); 9] = [
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
pub(super) const SKIPPABLE_CODES: [(Skippable, char); 3] =
    [(Skippable::Comment, '0'), (Skippable::Promo, '1'), (Skippable::Transfer, '2')];

pub(super) const PERIOD_CODES: [(Period, char); 3] =
    [(Period::AllTime, 'a'), (Period::ThisYear, 'y'), (Period::ThisMonth, 'm')];

pub(super) const FILTER_CODES: [(Filter, char); 5] = [
    (Filter::Open, 'o'),
    (Filter::PendingPayment, 'p'),
    (Filter::AwaitingApproval, 'w'),
    (Filter::Confirmed, 'c'),
    (Filter::ThisWeek, 't'),
];
pub(super) const BOOKING_ACT_CODES: [(BookingAct, char); 8] = [
    (BookingAct::Approve, 'a'),
    (BookingAct::Reject, 'r'),
    (BookingAct::Cancel, 'c'),
    (BookingAct::CancelConfirmed, 'C'),
    (BookingAct::Complete, 'k'),
    (BookingAct::Receipt, 'f'),
    (BookingAct::ChangeTariff, 't'),
    (BookingAct::Move, 'm'),
];

/// Only the sources a booking taken by hand can have (the bot's own is never a button).
pub(super) const SOURCE_CODES: [(BookingSource, char); 3] =
    [(BookingSource::Phone, 'p'), (BookingSource::WalkIn, 'w'), (BookingSource::Other, 'o')];

pub(super) const AUDIENCE_CODES: [(Audience, char); 3] =
    [(Audience::All, 'a'), (Audience::WithBookings, 'b'), (Audience::WithoutBookings, 'n')];

/// The code of `item` ('?' — which decodes to nothing — if a table missed it; a test checks none
/// does).
pub(super) fn code_of<T: PartialEq + Copy>(table: &[(T, char)], item: T) -> char {
    table.iter().find(|(value, _)| *value == item).map_or('?', |(_, code)| *code)
}

pub(super) fn from_code<T: Copy>(table: &[(T, char)], code: &str) -> Option<T> {
    let mut chars = code.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return None };
    table.iter().find(|(_, code)| *code == c).map(|(value, _)| *value)
}
