//! The data layer's error. Constraint violations the product expects become their own variants,
//! so the bot can answer "this slot was just taken" instead of "internal error".

use crate::domain::booking::BookingStatus;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The exclusion constraint `bookings_no_overlap`: another blocking booking overlaps.
    #[error("the slot overlaps another booking")]
    SlotTaken,
    /// A calendar block over a live booking (`calendar_blocks_not_on_a_booking`).
    #[error("a booking overlaps the dates")]
    BookedThen,
    /// A guarded status change found the booking in another status (a double click, a duplicate
    /// update, or a forbidden transition).
    #[error("the booking is {current}")]
    WrongStatus { current: BookingStatus },
    #[error("not found")]
    NotFound,
    /// The stay has already started (guests cannot cancel or move it any more).
    #[error("the stay has already started")]
    AlreadyStarted,
    /// The guest used up `booking.max_customer_moves` for this booking.
    #[error("no more date changes allowed")]
    TooManyMoves,
    /// The booking's promo code was used up (or deactivated) since the guest entered it.
    #[error("the promo code is used up")]
    PromoUsedUp,
    #[error("the prepayment cannot exceed the price ({price})")]
    PrepaymentAbovePrice { price: crate::domain::money::Money },
    /// An edit to the values the booking already has: nothing was written.
    #[error("nothing to change")]
    Unchanged,
    /// The gift certificate on a hold is no longer usable: expired, redeemed, or reserved by
    /// another live booking since the guest typed its code (`bookings_one_per_gift`).
    #[error("the gift certificate cannot be used now")]
    GiftUnavailable,
    /// A unique rule: an active promo code of that name, feedback already left, a gift code.
    #[error("already exists")]
    Duplicate,
    #[error(transparent)]
    Sqlx(sqlx::Error),
}

impl From<sqlx::Error> for DbError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error {
            if db.constraint() == Some("bookings_no_overlap") {
                return DbError::SlotTaken;
            }
            if db.constraint() == Some("calendar_blocks_not_on_a_booking") {
                return DbError::BookedThen;
            }
            if db.constraint() == Some("bookings_one_per_gift") {
                return DbError::GiftUnavailable;
            }
            if db.is_unique_violation() {
                return DbError::Duplicate;
            }
        }
        DbError::Sqlx(error)
    }
}

pub type DbResult<T> = Result<T, DbError>;
