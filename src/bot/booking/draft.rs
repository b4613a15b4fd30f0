//! The wizard's position and its draft, persisted in the session store between updates (so a
//! restart continues where the guest was). The step order is computed from the tariff's rules,
//! so "Back" is always the step before in the same order the guest came through.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    bot::dates::{DateStep, Dates},
    domain::{
        booking::BookingSource,
        stay_options::{Bedroom, Wine},
        tariff::{Extra, Extras, TariffId, TariffRules},
    },
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Tariff,
    /// "Gift certificate" on the tariff list: the certificate's code is typed here.
    GiftCode,
    Bedroom,
    Extra(Extra),
    Guests,
    StartDate,
    StartTime,
    FinishDate,
    FinishTime,
    Comment,
    Promo,
    Wine,
    Transfer,
    Summary,
    Contact,
    /// The hold exists (`Draft::booking_id`); waiting for the receipt.
    Payment,
}

/// A promo code accepted at the promo step; its use is counted when the hold is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedPromo {
    pub id: i64,
    pub code: String,
    pub percent: u32,
}

/// A gift certificate accepted at the code step: it fixes the tariff and the extras it covers.
/// It is reserved only when the hold is written (and checked again then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedGift {
    pub id: i64,
    /// As stored (normalised).
    pub code: String,
    pub extras: Extras,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub tariff: Option<TariffId>,
    pub bedroom: Option<Bedroom>,
    /// The optional extras the guest said yes to (included ones are added by the tariff).
    pub extras: Extras,
    pub guests: Option<u32>,
    pub start_day: Option<NaiveDate>,
    pub start: Option<DateTime<Utc>>,
    pub finish_day: Option<NaiveDate>,
    pub end: Option<DateTime<Utc>>,
    pub comment: Option<String>,
    pub promo: Option<AppliedPromo>,
    pub wine: Option<Wine>,
    pub transfer: Option<String>,
    pub contact: Option<String>,
    /// The month a calendar step shows (changed by its arrows).
    pub month: Option<(i32, u32)>,
    /// Set once the hold is written.
    pub booking_id: Option<i64>,
    /// The certificate this booking redeems (absent in drafts stored before it, and written only
    /// when set, so those drafts' JSON is unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gift: Option<AppliedGift>,
    /// An admin taking a booking by hand (`/add_booking`) and how it came: no promo code or
    /// certificate steps, the contact is the guest's, and the end writes a confirmed booking
    /// without an owner instead of a hold. Only `/add_booking` sets it (drafts live server-side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_hand: Option<BookingSource>,
}

impl Draft {
    /// A fresh draft for `tariff`, keeping what does not depend on it (comment, contact).
    #[must_use]
    pub fn for_tariff(&self, tariff: TariffId) -> Draft {
        if self.tariff == Some(tariff) && self.gift.is_none() {
            return self.clone();
        }
        Draft { tariff: Some(tariff), ..self.without_tariff() }
    }

    /// A fresh draft for a gift certificate of `tariff` (a different certificate, or the same one
    /// again after Back, keeps only what does not depend on it).
    #[must_use]
    pub fn for_gift(&self, tariff: TariffId, gift: AppliedGift) -> Draft {
        if self.tariff == Some(tariff) && self.gift.as_ref().is_some_and(|g| g.id == gift.id) {
            return self.clone();
        }
        Draft {
            tariff: Some(tariff),
            extras: gift.extras,
            comment: self.comment.clone(),
            contact: self.contact.clone(),
            gift: Some(gift),
            by_hand: self.by_hand,
            ..Draft::default()
        }
    }

    /// The draft before any tariff or certificate was chosen (Back to the tariff list keeps
    /// the comment and contact, and whether an admin is taking it by hand).
    #[must_use]
    pub fn without_tariff(&self) -> Draft {
        Draft {
            comment: self.comment.clone(),
            contact: self.contact.clone(),
            by_hand: self.by_hand,
            ..Draft::default()
        }
    }

    /// Whose unpaid hold the pickers treat as free: the guest's own (a new hold releases it), but
    /// not the admin's when they take a booking by hand (it does not release anything).
    #[must_use]
    pub fn viewer(&self, guest: crate::bot::guest::Guest) -> Option<i64> {
        if self.by_hand.is_some() { None } else { guest.user_id }
    }

    /// The date steps' part of the draft (kept flat in the stored JSON, so drafts already
    /// stored still read).
    #[must_use]
    pub fn dates(&self) -> Dates {
        Dates {
            start_day: self.start_day,
            start: self.start,
            finish_day: self.finish_day,
            end: self.end,
            month: self.month,
        }
    }

    #[must_use]
    pub fn with_dates(self, dates: Dates) -> Draft {
        let Dates { start_day, start, finish_day, end, month } = dates;
        Draft { start_day, start, finish_day, end, month, ..self }
    }

    /// The slot was taken (or the time passed): back to the calendar with everything else kept.
    pub fn forget_dates(&mut self) {
        self.start_day = None;
        self.start = None;
        self.finish_day = None;
        self.end = None;
        self.month = None;
    }
}

impl From<DateStep> for Step {
    fn from(step: DateStep) -> Step {
        match step {
            DateStep::StartDate => Step::StartDate,
            DateStep::StartTime => Step::StartTime,
            DateStep::FinishDate => Step::FinishDate,
            DateStep::FinishTime => Step::FinishTime,
        }
    }
}

impl Step {
    /// The steps of a booking of this tariff, in order (just `Tariff` before one is chosen, and
    /// the code step after it for a gift certificate). The second bedroom is asked before the
    /// bedroom, and a "yes" drops the bedroom question (both are the guest's): no answer is made
    /// pointless by a later one. A certificate's extras are not asked about (they are covered),
    /// nor is a promo code (a certificate is not combined with a discount).
    #[must_use]
    pub fn sequence(rules: Option<&TariffRules>, draft: &Draft) -> Vec<Step> {
        let mut steps = vec![Step::Tariff];
        let gift = draft.gift.as_ref().map(|g| g.extras);
        // The staff taking a booking by hand set its price themselves (Edit price afterwards):
        // no certificate, no promo code.
        let by_hand = draft.by_hand.is_some();
        let Some(rules) = rules else {
            if !by_hand {
                steps.push(Step::GiftCode);
            }
            return steps;
        };
        if gift.is_some() {
            steps.push(Step::GiftCode);
        }
        let covered = gift.unwrap_or_default();
        let optional: Vec<Extra> = rules.optional_extras().filter(|e| !covered.has(*e)).collect();
        if optional.contains(&Extra::SecondBedroom) {
            steps.push(Step::Extra(Extra::SecondBedroom));
        }
        if rules.bedroom_choice && !rules.normalise(draft.extras).second_bedroom {
            steps.push(Step::Bedroom);
        }
        steps.extend(optional.into_iter().filter(|e| *e != Extra::SecondBedroom).map(Step::Extra));
        steps.extend([Step::Guests, Step::StartDate, Step::StartTime, Step::FinishDate, Step::FinishTime]);
        steps.push(Step::Comment);
        if gift.is_none() && !by_hand {
            steps.push(Step::Promo);
        }
        if rules.incognito {
            steps.extend([Step::Wine, Step::Transfer]);
        }
        steps.extend([Step::Summary, Step::Contact, Step::Payment]);
        steps
    }

    /// The step after this one for this tariff and draft.
    #[must_use]
    pub fn after(self, rules: &TariffRules, draft: &Draft) -> Step {
        let steps = Step::sequence(Some(rules), draft);
        steps.iter().position(|s| *s == self).and_then(|i| steps.get(i + 1)).copied().unwrap_or(self)
    }

    /// The step "Back" leads to; `None` from the first step (→ the menu) and from the payment
    /// screen (the hold exists; the guest leaves through the menu or /cancel).
    #[must_use]
    pub fn before(self, rules: Option<&TariffRules>, draft: &Draft) -> Option<Step> {
        if self == Step::Payment {
            return None;
        }
        let steps = Step::sequence(rules, draft);
        let i = steps.iter().position(|s| *s == self)?;
        i.checked_sub(1).map(|i| steps[i])
    }

    /// The shared date step this step is, if it is one.
    #[must_use]
    pub fn date_step(self) -> Option<DateStep> {
        Some(match self {
            Step::StartDate => DateStep::StartDate,
            Step::StartTime => DateStep::StartTime,
            Step::FinishDate => DateStep::FinishDate,
            Step::FinishTime => DateStep::FinishTime,
            _ => return None,
        })
    }

    /// Steps that wait for typed text (the others wait for a button).
    #[must_use]
    pub fn takes_text(self) -> bool {
        matches!(self, Step::GiftCode | Step::Comment | Step::Promo | Step::Transfer | Step::Contact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{catalog::Catalog, domain::tariff::Offer, settings::PriceList};

    #[test]
    fn every_tariff_walks_forward_and_back_through_the_same_steps() {
        let catalog = Catalog::load(std::path::Path::new("/nonexistent"), PriceList::Regular, 6).unwrap();
        for tariff in &catalog.tariffs {
            let rules = &tariff.rules;
            for second_bedroom in [false, true] {
                let extras = Extras::default().with(Extra::SecondBedroom, second_bedroom);
                let draft = Draft { extras, ..Draft::default() };
                let steps = Step::sequence(Some(rules), &draft);
                assert_eq!(steps.first(), Some(&Step::Tariff));
                assert_eq!(steps.last(), Some(&Step::Payment));
                assert_eq!(steps.contains(&Step::Wine), rules.incognito, "{}", rules.id);
                let asks_bedroom = rules.bedroom_choice && !rules.normalise(extras).second_bedroom;
                assert_eq!(steps.contains(&Step::Bedroom), asks_bedroom, "{}", rules.id);
                for extra in rules.optional_extras() {
                    assert!(steps.contains(&Step::Extra(extra)), "{} asks about {extra:?}", rules.id);
                }
                for extra in Extra::ALL.into_iter().filter(|e| rules.offer(*e) != Offer::Optional) {
                    assert!(!steps.contains(&Step::Extra(extra)), "{} never asks about {extra:?}", rules.id);
                }
                for pair in steps.windows(2) {
                    assert_eq!(pair[0].after(rules, &draft), pair[1]);
                    if pair[1] != Step::Payment {
                        assert_eq!(pair[1].before(Some(rules), &draft), Some(pair[0]));
                    }
                }
                assert_eq!(Step::Tariff.before(Some(rules), &draft), None);
                assert_eq!(Step::Payment.before(Some(rules), &draft), None);
                assert!(!steps.contains(&Step::GiftCode));
            }
        }
    }

    #[test]
    fn the_bedroom_is_asked_after_the_second_bedroom_and_only_without_it() {
        let catalog = Catalog::load(std::path::Path::new("/nonexistent"), PriceList::Regular, 6).unwrap();
        for id in [TariffId::Hours12, TariffId::Worker] {
            let rules = &catalog.tariff(id).rules;
            let without = Step::sequence(Some(rules), &Draft::default());
            let position = |step| without.iter().position(|s| *s == step).unwrap();
            assert!(position(Step::Extra(Extra::SecondBedroom)) < position(Step::Bedroom), "{id}");
            let both =
                Draft { extras: Extras::default().with(Extra::SecondBedroom, true), ..Draft::default() };
            let with = Step::sequence(Some(rules), &both);
            assert!(!with.contains(&Step::Bedroom), "{id}: both bedrooms are the guest's");
        }
    }

    #[test]
    fn a_certificate_skips_its_extras_and_the_promo_code_and_back_reaches_its_code() {
        let catalog = Catalog::load(std::path::Path::new("/nonexistent"), PriceList::Regular, 6).unwrap();
        let rules = &catalog.tariff(TariffId::Hours12).rules;
        let covered = Extras::default().with(Extra::Sauna, true);
        let gift = AppliedGift { id: 7, code: "ABCDEFGHJKMN".into(), extras: covered };
        let draft = Draft::default().for_gift(TariffId::Hours12, gift);
        let steps = Step::sequence(Some(rules), &draft);
        assert_eq!(&steps[..3], [Step::Tariff, Step::GiftCode, Step::Extra(Extra::SecondBedroom)]);
        assert!(!steps.contains(&Step::Extra(Extra::Sauna)), "covered, not asked");
        assert!(steps.contains(&Step::Extra(Extra::SecretRoom)), "not covered: asked and paid for");
        assert!(!steps.contains(&Step::Promo));
        assert_eq!(Step::Extra(Extra::SecondBedroom).before(Some(rules), &draft), Some(Step::GiftCode));
        assert_eq!(Step::GiftCode.before(None, &Draft::default()), Some(Step::Tariff));
        assert!(draft.extras.sauna, "the stay includes what the certificate covers");
        let other = draft.for_tariff(TariffId::Hours12);
        assert_eq!((other.gift, other.extras), (None, Extras::default()), "a plain tariff drops it");
    }

    #[test]
    fn a_booking_by_hand_has_no_code_steps_and_keeps_its_source_across_tariffs() {
        let catalog = Catalog::load(std::path::Path::new("/nonexistent"), PriceList::Regular, 6).unwrap();
        let rules = &catalog.tariff(TariffId::Day).rules;
        let start = Draft { by_hand: Some(BookingSource::Phone), ..Draft::default() };
        assert_eq!(Step::sequence(None, &start), [Step::Tariff]);
        let draft = start.for_tariff(TariffId::Day);
        let steps = Step::sequence(Some(rules), &draft);
        assert!(!steps.contains(&Step::Promo) && !steps.contains(&Step::GiftCode));
        assert_eq!(&steps[steps.len() - 3..], [Step::Summary, Step::Contact, Step::Payment]);
        assert_eq!(draft.for_tariff(TariffId::Worker).by_hand, Some(BookingSource::Phone));
        assert_eq!(draft.without_tariff().by_hand, Some(BookingSource::Phone));
    }

    #[test]
    fn the_dates_round_trip_and_a_new_tariff_keeps_only_comment_and_contact() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let draft = Draft {
            tariff: Some(TariffId::Day),
            guests: Some(3),
            start_day: Some(day),
            start: Some(Utc::now()),
            end: Some(Utc::now()),
            month: Some((2027, 1)),
            comment: Some("hi".into()),
            ..Draft::default()
        };
        assert_eq!(draft.clone().with_dates(draft.dates()), draft);
        let moved = draft.clone().with_dates(draft.dates().with_start_day(day.succ_opt().unwrap()));
        assert_eq!((moved.start, moved.end, moved.month, moved.guests), (None, None, None, Some(3)));
        let other = draft.for_tariff(TariffId::Worker);
        assert_eq!((other.guests, other.comment.as_deref()), (None, Some("hi")));
        assert_eq!(draft.for_tariff(TariffId::Day), draft, "the same tariff keeps the draft");
        for step in [DateStep::StartDate, DateStep::StartTime, DateStep::FinishDate, DateStep::FinishTime] {
            assert_eq!(Step::from(step).date_step(), Some(step));
        }
    }
}
