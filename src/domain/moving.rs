//! The money side of a guest moving their booking (SPEC §2.5, §9.4). The new dates are priced by
//! the one pricing function (`Catalog::quote`) with the booking's tariff, extras, guests and
//! promo percent. What has been paid stays paid: the prepayment is kept as it is and never
//! refunded, so a cheaper date lowers the price only down to the prepayment already paid, and a
//! dearer one adds to what is paid at check-in. No admin approval is needed; the staff are told.

use super::money::Money;

/// A moved booking's money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovedPrice {
    /// The price the booking keeps from now on.
    pub price: Money,
    /// What is still to pay at check-in (price − prepayment).
    pub due: Money,
    /// How the price changed, as the guest is told.
    pub change: PriceChange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceChange {
    Same,
    /// The new dates cost more: `more` is added to what is paid at check-in.
    More {
        more: Money,
    },
    /// The new dates cost less: the price drops, never below the prepayment, which is not refunded.
    Less,
}

/// `old` is the booking's price before the move, `quoted` the one pricing function's price for the
/// new dates, `prepayment` what the guest paid (or owes) up front.
#[must_use]
pub fn moved_price(old: Money, quoted: Money, prepayment: Money) -> MovedPrice {
    let price = quoted.max(prepayment);
    let change = if price > old {
        PriceChange::More { more: price - old }
    } else if price < old {
        PriceChange::Less
    } else {
        PriceChange::Same
    };
    MovedPrice { price, due: price - prepayment, change }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn byn(roubles: i64) -> Money {
        Money::from_roubles(roubles)
    }

    #[test]
    fn dearer_cheaper_and_equal_dates() {
        assert_eq!(
            moved_price(byn(800), byn(1000), byn(400)),
            MovedPrice { price: byn(1000), due: byn(600), change: PriceChange::More { more: byn(200) } }
        );
        assert_eq!(
            moved_price(byn(800), byn(600), byn(400)),
            MovedPrice { price: byn(600), due: byn(200), change: PriceChange::Less }
        );
        assert_eq!(moved_price(byn(800), byn(800), byn(400)).change, PriceChange::Same);
        // A holiday booking paid in full, moved to a cheap weekday: nothing is refunded.
        assert_eq!(
            moved_price(byn(3000), byn(800), byn(3000)),
            MovedPrice { price: byn(3000), due: Money::ZERO, change: PriceChange::Same }
        );
    }

    proptest! {
        #[test]
        fn the_prepayment_is_never_refunded_and_nothing_is_negative(
            old in 0i64..100_000, quoted in 0i64..100_000, paid in 0i64..100_000,
        ) {
            let (old, quoted, paid) = (Money::from_kopecks(old), Money::from_kopecks(quoted), Money::from_kopecks(paid));
            let paid = paid.min(old);
            let moved = moved_price(old, quoted, paid);
            prop_assert!(moved.price >= paid, "the price covers what was paid");
            prop_assert_eq!(moved.due + paid, moved.price);
            prop_assert!(moved.price == quoted || moved.price == paid);
            match moved.change {
                PriceChange::More { more } => prop_assert_eq!(old + more, moved.price),
                PriceChange::Less => prop_assert!(moved.price < old),
                PriceChange::Same => prop_assert_eq!(moved.price, old),
            }
        }
    }
}
