//! The staff's entries in the calendar against real PostgreSQL: closed dates and bookings taken by
//! hand are as binding as a guest's booking — refused over each other (cleaning included), even
//! when written at the same moment — and shown busy to the guests' calendars.

mod support;

use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use secret_house_bot::{
    db::{DbError, booking_changes, bookings, calendar_blocks},
    domain::booking::{Actor, BookingSource, BookingStatus},
};
use sqlx::PgPool;
use support::db_fixtures::{at, create, hold, user};

const ADMIN: Actor = Actor::Admin { telegram_id: 900 };

/// A confirmed phone booking of `[start, start + hours)` without an owner.
fn by_phone(template: &bookings::NewBooking) -> bookings::NewBooking {
    bookings::NewBooking {
        owner_id: None,
        source: BookingSource::Phone,
        status: BookingStatus::Confirmed,
        contact: "Anna +375291112233".into(),
        ..template.clone()
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn closed_dates_refuse_bookings_and_bookings_refuse_closing(db: PgPool) {
    let guest = user(&db, 10).await;
    let booked = create(&db, &hold(&guest, at(0), 24)).await; // busy [0, 26) with cleaning

    // Over a live booking, its cleaning included: refused, nothing written.
    let refused = calendar_blocks::create(&db, (at(25), at(48)), Some("paint"), 900).await;
    assert!(matches!(refused, Err(DbError::BookedThen)), "{refused:?}");
    let clear = calendar_blocks::create(&db, (at(26), at(48)), Some("paint"), 900).await.unwrap();
    assert_eq!((clear.reason.as_deref(), clear.created_by), (Some("paint"), 900));
    assert_eq!(calendar_blocks::upcoming(&db, at(-10), 10).await.unwrap(), vec![clear.clone()]);

    // A hold over the closed dates, or whose cleaning runs into them: "slot taken".
    for (start, hours) in [(30, 4), (20, 5), (47, 10)] {
        let result = booking_changes::create_hold(&db, &hold(&guest, at(start), hours), ADMIN).await;
        assert!(matches!(result, Err(DbError::SlotTaken)), "{start}+{hours}: {result:?}");
    }
    // Moving a booking onto them, too.
    let moved = booking_changes::move_dates(
        &db,
        booked.id,
        booking_changes::Move {
            starts_at: at(28),
            ends_at: at(40),
            blocked_until: at(42),
            price: booked.price,
            prepayment: booked.prepayment,
            max_moves: None,
        },
        ADMIN,
        booking_changes::Guard::default(),
    )
    .await;
    assert!(matches!(moved, Err(DbError::SlotTaken)), "{moved:?}");

    // The guests' calendars show the closed dates as busy.
    let busy = bookings::busy_intervals(&db, at(-10), at(100), None, None, Utc::now()).await.unwrap();
    let spans: Vec<_> = busy.iter().map(|b| (b.start, b.end)).collect();
    assert_eq!(spans, [(at(0), at(26)), (at(26), at(48))]);

    // Removed: the dates are free again, a second removal finds nothing, the row is kept.
    let removed = calendar_blocks::remove(&db, clear.id, 901).await.unwrap();
    assert_eq!(removed.removed_by, Some(901));
    assert!(matches!(calendar_blocks::remove(&db, clear.id, 900).await, Err(DbError::NotFound)));
    assert!(calendar_blocks::upcoming(&db, at(-10), 10).await.unwrap().is_empty());
    create(&db, &hold(&guest, at(30), 4)).await;
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn closing_expires_a_run_out_hold_and_lists_what_is_in_the_way(db: PgPool) {
    let guest = user(&db, 10).await;
    let live = create(&db, &hold(&guest, at(0), 24)).await;
    let mut overdue = hold(&guest, at(100), 24);
    overdue.hold_expires_at = Utc::now() - Duration::minutes(1);
    let overdue = create(&db, &overdue).await;

    let in_the_way = calendar_blocks::bookings_in_the_way(&db, (at(-5), at(200)), Utc::now()).await.unwrap();
    assert_eq!(in_the_way.iter().map(|b| b.id).collect::<Vec<_>>(), [live.id], "a run-out hold is not");
    calendar_blocks::create(&db, (at(90), at(200)), None, 900).await.unwrap();
    assert_eq!(bookings::get(&db, overdue.id).await.unwrap().status, BookingStatus::Expired);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_booking_taken_by_hand_has_no_owner_but_the_same_guarantees(db: PgPool) {
    let guest = user(&db, 10).await;
    let template = hold(&guest, at(0), 24);
    let mut tx = db.begin().await.unwrap();
    let phone = booking_changes::create_by_hand_in(&mut tx, &by_phone(&template), ADMIN).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        (phone.owner_id, phone.source.as_str(), phone.status),
        (None, "phone", BookingStatus::Confirmed)
    );
    assert_eq!(phone.hold_expires_at, None);
    let events = support::db_fixtures::events(&db, phone.id).await;
    assert_eq!(events[0], ("admin".to_owned(), Some(900), "create".to_owned()));

    // The guest's own hold on those dates: taken.
    let clash = booking_changes::create_hold(&db, &hold(&guest, at(10), 4), ADMIN).await;
    assert!(matches!(clash, Err(DbError::SlotTaken)), "{clash:?}");
    // A booking from the bot always has its guest.
    let mut tx = db.begin().await.unwrap();
    let orphan = bookings::NewBooking { source: BookingSource::Bot, ..by_phone(&hold(&guest, at(100), 4)) };
    let refused = booking_changes::create_by_hand_in(&mut tx, &orphan, ADMIN).await;
    assert!(refused.is_err(), "{refused:?}");
    // Nobody's "my bookings" shows it.
    assert!(bookings::list_by_owner(&db, guest.id, Utc::now()).await.unwrap().is_empty());
}

/// The race the triggers' advisory lock closes: a block written while a booking on the same dates
/// is still uncommitted waits for it and is then refused; and the other way round.
#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn a_block_and_a_booking_written_at_the_same_moment_never_both_land(db: PgPool) {
    let guest = user(&db, 10).await;
    let mut booking_tx = db.begin().await.unwrap();
    booking_changes::create_by_hand_in(&mut booking_tx, &by_phone(&hold(&guest, at(0), 24)), ADMIN)
        .await
        .unwrap();
    let closing = tokio::spawn({
        let db = db.clone();
        async move { calendar_blocks::create(&db, (at(10), at(30)), None, 900).await }
    });
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    assert!(!closing.is_finished(), "the block waits for the booking's transaction");
    booking_tx.commit().await.unwrap();
    assert!(matches!(closing.await.unwrap(), Err(DbError::BookedThen)));

    let mut block_tx = db.begin().await.unwrap();
    sqlx::query("INSERT INTO calendar_blocks (starts_at, ends_at, created_by) VALUES ($1, $2, 900)")
        .bind(at(100))
        .bind(at(130))
        .execute(&mut *block_tx)
        .await
        .unwrap();
    let booking = tokio::spawn({
        let (db, new) = (db.clone(), hold(&guest, at(120), 24));
        async move { booking_changes::create_hold(&db, &new, ADMIN).await }
    });
    tokio::time::sleep(StdDuration::from_millis(300)).await;
    assert!(!booking.is_finished(), "the booking waits for the block's transaction");
    block_tx.commit().await.unwrap();
    assert!(matches!(booking.await.unwrap(), Err(DbError::SlotTaken)));
}
