//! Rows for data-layer tests.

use chrono::{DateTime, Duration, TimeZone, Utc};
use secret_house_bot::{
    db::{
        booking_changes,
        bookings::{Booking, NewBooking},
        users::{self, SeenUser, User},
    },
    domain::{
        booking::{Actor, BookingSource, BookingStatus},
        money::Money,
        tariff::{Extras, TariffId},
    },
};
use sqlx::PgPool;

/// A fixed point far enough in the future that "now" never interferes.
pub fn at(hours_from_base: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2030, 6, 1, 0, 0, 0).unwrap() + Duration::hours(hours_from_base)
}

pub async fn user(db: &PgPool, telegram_user_id: i64) -> User {
    users::upsert(
        db,
        SeenUser {
            telegram_user_id,
            chat_id: telegram_user_id,
            username: Some("guest"),
            first_name: Some("Guest"),
            language: "ru",
        },
    )
    .await
    .expect("upsert user")
}

/// A pending hold `[start, start + hours)` with the 2-hour cleaning buffer.
pub fn hold(owner: &User, start: DateTime<Utc>, hours: i64) -> NewBooking {
    NewBooking {
        owner_id: Some(owner.id),
        source: BookingSource::Bot,
        tariff: TariffId::Day,
        starts_at: start,
        ends_at: start + Duration::hours(hours),
        blocked_until: start + Duration::hours(hours + 2),
        guests: 3,
        white_bedroom: false,
        green_bedroom: false,
        extras: Extras { sauna: true, ..Extras::default() },
        price: Money::from_roubles(800),
        prepayment: Money::from_roubles(400),
        promocode_id: None,
        gift_certificate_id: None,
        comment: Some("<b>late</b> arrival & cake".into()),
        contact: "+375291234567".into(),
        wine_preference: None,
        transfer_address: None,
        status: BookingStatus::PendingPayment,
        hold_expires_at: Utc::now() + Duration::hours(6),
    }
}

pub async fn create(db: &PgPool, new: &NewBooking) -> Booking {
    booking_changes::create_hold(db, new, Actor::Guest { telegram_id: 1 }).await.expect("create hold")
}

/// (actor kind, actor id, action) of every event of a booking, oldest first.
pub async fn events(db: &PgPool, booking_id: i64) -> Vec<(String, Option<i64>, String)> {
    sqlx::query_as(
        "SELECT actor_kind::text, actor_telegram_id, action FROM booking_events WHERE booking_id = $1 ORDER BY id",
    )
    .bind(booking_id)
    .fetch_all(db)
    .await
    .unwrap()
}

/// A Day booking of `owner` on `[start, start + hours)` brought to `status` the way the bot
/// brings it there (hold → receipt → admin decision → job), each step with its audit row.
pub async fn booking_in(
    db: &PgPool,
    owner: &User,
    start: DateTime<Utc>,
    hours: i64,
    status: BookingStatus,
) -> Booking {
    use secret_house_bot::{
        db::booking_changes::Guard,
        domain::booking::{ReceiptKind, Transition},
    };
    let booking = create(db, &hold(owner, start, hours)).await;
    let guest = Actor::Guest { telegram_id: owner.telegram_user_id };
    let admin = Actor::Admin { telegram_id: 900_001 };
    let step = |transition, actor| async move {
        booking_changes::transition(db, booking.id, transition, actor, Guard::default())
            .await
            .expect("transition")
    };
    let receipt = || async {
        booking_changes::attach_receipt(db, booking.id, owner.id, "receipt-file", ReceiptKind::Photo, guest)
            .await
            .expect("receipt");
    };
    match status {
        BookingStatus::PendingPayment => booking,
        BookingStatus::AwaitingApproval => {
            receipt().await;
            secret_house_bot::db::bookings::get(db, booking.id).await.unwrap()
        }
        BookingStatus::Confirmed | BookingStatus::Completed => {
            receipt().await;
            let confirmed = step(Transition::Approve, admin).await;
            if status == BookingStatus::Completed {
                step(Transition::Complete, Actor::System).await
            } else {
                confirmed
            }
        }
        BookingStatus::Rejected => {
            receipt().await;
            step(Transition::Reject, admin).await
        }
        BookingStatus::Cancelled => step(Transition::Cancel, guest).await,
        BookingStatus::Expired => step(Transition::Expire, Actor::System).await,
    }
}

/// The notices queued about `booking`, as (chat, text), oldest first.
pub async fn notices_about(db: &PgPool, booking: i64) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT chat_id, body FROM outbox WHERE booking_id = $1 ORDER BY id")
        .bind(booking)
        .fetch_all(db)
        .await
        .unwrap()
}
