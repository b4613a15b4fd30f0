//! Promo code rules (reference §1.13, §2.9) and gift certificate value (SPEC §2.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    money::Money,
    pricing::{PriceBreakdown, PriceInput, price},
    tariff::{Extras, Tariff, TariffId},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromoKind {
    /// The stay must *start* within the validity window.
    BookingDates,
    /// The code can be *used* while today is within the window; the stay may be any time up to
    /// the booking horizon.
    UsagePeriod,
}

impl PromoKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            PromoKind::BookingDates => "booking_dates",
            PromoKind::UsagePeriod => "usage_period",
        }
    }
}

impl std::str::FromStr for PromoKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "booking_dates" => Ok(PromoKind::BookingDates),
            "usage_period" => Ok(PromoKind::UsagePeriod),
            other => Err(format!("unknown promo kind {other:?}")),
        }
    }
}

/// A promo code as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromoCode {
    pub code: String,
    pub kind: PromoKind,
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
    pub discount_percent: u32,
    /// `None` = every tariff.
    pub tariffs: Option<Vec<TariffId>>,
    /// `None` = unlimited.
    pub max_uses: Option<u32>,
    pub uses: u32,
    pub is_active: bool,
}

/// Why a code cannot be used; each has its own explanation for the guest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PromoRejection {
    #[error("the promo code is not active")]
    Inactive,
    #[error("the promo code is not valid for the chosen dates")]
    NotForTheseDates,
    #[error("the promo code is not valid at the moment")]
    NotNow,
    #[error("the stay is beyond the booking horizon")]
    BeyondHorizon,
    #[error("the promo code does not apply to this tariff")]
    WrongTariff,
    #[error("the promo code has been used up")]
    UsedUp,
}

/// A stay the code would apply to.
#[derive(Debug, Clone, Copy)]
pub struct PromoUse {
    pub tariff: TariffId,
    pub stay_start: NaiveDate,
    pub today: NaiveDate,
    pub horizon_end: NaiveDate,
}

impl PromoCode {
    /// The discount percent if the code applies to this stay.
    pub fn check(&self, usage: PromoUse) -> Result<u32, PromoRejection> {
        if !self.is_active {
            return Err(PromoRejection::Inactive);
        }
        let window = self.valid_from..=self.valid_to;
        match self.kind {
            PromoKind::BookingDates if !window.contains(&usage.stay_start) => {
                return Err(PromoRejection::NotForTheseDates);
            }
            PromoKind::UsagePeriod if !window.contains(&usage.today) => return Err(PromoRejection::NotNow),
            PromoKind::UsagePeriod if usage.stay_start > usage.horizon_end => {
                return Err(PromoRejection::BeyondHorizon);
            }
            _ => {}
        }
        if self.tariffs.as_ref().is_some_and(|list| !list.contains(&usage.tariff)) {
            return Err(PromoRejection::WrongTariff);
        }
        if self.max_uses.is_some_and(|max| self.uses >= max) {
            return Err(PromoRejection::UsedUp);
        }
        Ok(self.discount_percent.clamp(1, 100))
    }
}

/// What a gift certificate for `tariff` with `extras` is worth: the tariff's standard stay
/// (its duration, included guests, no date rule) with those extras. It is both the purchase price
/// and the credit at redemption, so a guest redeeming it pays exactly for what it does not cover
/// (extra hours, extra guests, extras beyond it, a date rule's surcharge) and never less than 0.
#[must_use]
pub fn certificate_value(tariff: &Tariff, extras: Extras, any_date: NaiveDate) -> Money {
    certificate_price(tariff, extras, any_date).total
}

/// [`certificate_value`] line by line (the base and each optional extra), as the buyer sees it.
#[must_use]
pub fn certificate_price(tariff: &Tariff, extras: Extras, any_date: NaiveDate) -> PriceBreakdown {
    price(PriceInput {
        tariff,
        start_date: any_date,
        hours: tariff.rules.duration_hours,
        guests: tariff.rules.included_guests,
        extras: tariff.rules.normalise(extras),
        date_rule: None,
        promo_percent: None,
        gift_credit: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(kind: PromoKind) -> PromoCode {
        PromoCode {
            code: "winter".into(),
            kind,
            valid_from: "2026-12-01".parse().unwrap(),
            valid_to: "2026-12-31".parse().unwrap(),
            discount_percent: 15,
            tariffs: Some(vec![TariffId::Day]),
            max_uses: Some(2),
            uses: 1,
            is_active: true,
        }
    }

    fn usage(stay: &str, today: &str) -> PromoUse {
        PromoUse {
            tariff: TariffId::Day,
            stay_start: stay.parse().unwrap(),
            today: today.parse().unwrap(),
            horizon_end: "2027-05-20".parse().unwrap(),
        }
    }

    #[test]
    fn every_rule_has_its_own_rejection() {
        let dates = code(PromoKind::BookingDates);
        assert_eq!(dates.check(usage("2026-12-10", "2026-11-20")), Ok(15));
        assert_eq!(dates.check(usage("2027-01-10", "2026-12-10")), Err(PromoRejection::NotForTheseDates));
        let period = code(PromoKind::UsagePeriod);
        assert_eq!(
            period.check(usage("2027-03-10", "2026-12-10")),
            Ok(15),
            "any stay while the code is valid"
        );
        assert_eq!(period.check(usage("2027-03-10", "2027-01-02")), Err(PromoRejection::NotNow));
        assert_eq!(period.check(usage("2027-06-10", "2026-12-10")), Err(PromoRejection::BeyondHorizon));
        let other_tariff = PromoUse { tariff: TariffId::Worker, ..usage("2026-12-10", "2026-12-01") };
        assert_eq!(dates.check(other_tariff), Err(PromoRejection::WrongTariff));
        assert_eq!(
            PromoCode { uses: 2, ..dates.clone() }.check(usage("2026-12-10", "2026-12-01")),
            Err(PromoRejection::UsedUp)
        );
        assert_eq!(
            PromoCode { is_active: false, ..dates.clone() }.check(usage("2026-12-10", "2026-12-01")),
            Err(PromoRejection::Inactive)
        );
        let all_tariffs = PromoCode { tariffs: None, max_uses: None, ..dates };
        assert_eq!(all_tariffs.check(other_tariff), Ok(15));
    }
}
