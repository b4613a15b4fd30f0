//! Which text answers which outcome of the domain and data layers: one place, so two flows that
//! meet the same rejection say the same thing, and a new rejection is a compile error here rather
//! than a generic "something went wrong" somewhere.

use crate::{
    db::booking_changes::ReceiptOutcome,
    db::gifts::GiftRefusal,
    domain::{contact::ContactError, promo::PromoRejection, tariff_rules::StayRejection},
};

/// Why a typed contact is not taken.
#[must_use]
pub fn contact_error(error: ContactError) -> &'static str {
    match error {
        ContactError::BadPhone => "contact-bad-phone",
        ContactError::BadUsername => "contact-bad-username",
    }
}

/// Why a typed gift certificate code is not accepted.
#[must_use]
pub fn gift_refusal(refusal: GiftRefusal) -> &'static str {
    match refusal {
        GiftRefusal::Unknown => "gift-code-unknown",
        GiftRefusal::NotApproved => "gift-code-not-approved",
        GiftRefusal::Expired => "gift-code-expired",
        GiftRefusal::Used => "gift-code-used",
        GiftRefusal::Reserved => "gift-code-reserved",
    }
}

/// Why a typed promo code is not applied.
#[must_use]
pub fn promo_rejection(rejection: PromoRejection) -> &'static str {
    match rejection {
        PromoRejection::Inactive => "promo-not-found",
        PromoRejection::NotForTheseDates => "promo-not-for-these-dates",
        PromoRejection::NotNow => "promo-not-now",
        PromoRejection::BeyondHorizon => "promo-beyond-horizon",
        PromoRejection::WrongTariff => "promo-wrong-tariff",
        PromoRejection::UsedUp => "promo-used-up",
    }
}

/// Why a stay the guest chose earlier cannot be held now (time passed, or the house's rules
/// changed since the step): the notice above the step the guest is sent back to.
#[must_use]
pub fn stay_rejection(rejection: StayRejection) -> &'static str {
    match rejection {
        StayRejection::TooSoon => "booking-too-late",
        StayRejection::BeyondHorizon => "booking-beyond-horizon",
        StayRejection::TooShort { .. } | StayRejection::TooLong { .. } => "booking-length-changed",
        StayRejection::WrongWeekday | StayRejection::OutsideWindows => "booking-times-changed",
        StayRejection::Guests { .. } => "booking-guests-changed",
    }
}

/// What a receipt's outcome tells the guest (`None`: there was no booking to attach it to).
#[must_use]
pub fn receipt_for_guest(outcome: Option<&ReceiptOutcome>) -> &'static str {
    match outcome {
        Some(ReceiptOutcome::Accepted(_)) => "receipt-thanks",
        Some(ReceiptOutcome::Additional(_)) => "receipt-additional",
        Some(ReceiptOutcome::AcceptedLate(_)) => "receipt-late-accepted",
        Some(ReceiptOutcome::SlotLost(_)) => "receipt-late-slot-lost",
        None => "receipt-not-needed",
    }
}

/// The line above a receipt in the admin chat (`None`: an ordinary receipt in time).
#[must_use]
pub fn receipt_for_admins(outcome: &ReceiptOutcome) -> Option<&'static str> {
    match outcome {
        ReceiptOutcome::Accepted(_) => None,
        ReceiptOutcome::AcceptedLate(_) => Some("admin-late-receipt"),
        ReceiptOutcome::SlotLost(_) => Some("admin-late-receipt-slot-lost"),
        ReceiptOutcome::Additional(_) => Some("admin-receipt-additional"),
    }
}
