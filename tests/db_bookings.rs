//! The booking repository against real PostgreSQL (a fresh database per test): no double booking
//! by construction, the cleaning buffer, every status transition with its audit row, receipts,
//! moves and edits, exact money and time zones.

mod support;

use std::sync::Arc;

use chrono::{Duration, FixedOffset, Utc};
use secret_house_bot::{
    db::{
        DbError,
        booking_changes::{self, Edit, Guard, Move, ReceiptOutcome},
        bookings,
    },
    domain::{
        booking::{Actor, BookingStatus, ReceiptKind, Transition},
        money::Money,
        tariff::TariffId,
    },
};
use sqlx::{PgPool, postgres::PgPoolOptions};
use support::db_fixtures::{at, create, events, hold, user};

const ADMIN: Actor = Actor::Admin { telegram_id: 900 };

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn money_and_time_round_trip_exactly(db: PgPool) {
    let guest = user(&db, 10).await;
    for (i, (price, prepayment)) in [(35050, 17525), (0, 0), (999_999_999_999, 1)].into_iter().enumerate() {
        let minsk = FixedOffset::east_opt(3 * 3600).unwrap();
        let start = at(i as i64 * 100).with_timezone(&minsk);
        let mut new = hold(&guest, start.with_timezone(&Utc), 24);
        new.price = Money::from_kopecks(price);
        new.prepayment = Money::from_kopecks(prepayment);
        let created = create(&db, &new).await;
        let read = bookings::get(&db, created.id).await.unwrap();
        assert_eq!((read.price, read.prepayment), (new.price, new.prepayment));
        assert_eq!(read.starts_at, start, "the same instant, whatever zone it was written in");
        assert_eq!(read.comment.as_deref(), Some("<b>late</b> arrival & cake"));
        assert_eq!(read.status, BookingStatus::PendingPayment);
    }
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn two_hundred_simultaneous_holds_on_one_slot_give_exactly_one_booking(db: PgPool) {
    let guest = user(&db, 11).await;
    let max: i64 =
        sqlx::query_scalar("SELECT setting::bigint FROM pg_settings WHERE name = 'max_connections'")
            .fetch_one(&db)
            .await
            .unwrap();
    // As many separate connections as the server allows (the test script's server: 200).
    let connections = (max - 30).clamp(10, 200) as u32;
    let wide = PgPoolOptions::new()
        .max_connections(connections)
        .min_connections(connections)
        .connect_with((*db.connect_options()).clone())
        .await
        .unwrap();
    let barrier = Arc::new(tokio::sync::Barrier::new(200));
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let (pool, barrier) = (wide.clone(), barrier.clone());
            // Overlapping, not identical: each starts a few hours apart within one day.
            let new = hold(&guest, at(i % 20), 24);
            tokio::spawn(async move {
                barrier.wait().await;
                booking_changes::create_hold(&pool, &new, Actor::Guest { telegram_id: 11 }).await
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => won += 1,
            Err(DbError::SlotTaken) => {}
            Err(other) => panic!("unexpected error {other:?}"),
        }
    }
    assert_eq!(won, 1, "exactly one hold wins");
    let overlaps: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM bookings a JOIN bookings b ON a.id < b.id
         WHERE tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
           AND a.status IN ('pending_payment','awaiting_approval','confirmed')
           AND b.status IN ('pending_payment','awaiting_approval','confirmed')",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(overlaps, 0);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_cleaning_buffer_is_enforced_and_finished_bookings_do_not_block(db: PgPool) {
    let guest = user(&db, 12).await;
    let first = create(&db, &hold(&guest, at(0), 10)).await; // 00:00–10:00, blocked until 12:00
    let one_minute_early = hold(&guest, at(12) - Duration::minutes(1), 5);
    assert!(matches!(
        booking_changes::create_hold(&db, &one_minute_early, ADMIN).await,
        Err(DbError::SlotTaken)
    ));
    let exactly_after_cleaning = create(&db, &hold(&guest, at(12), 5)).await;
    assert_eq!(exactly_after_cleaning.starts_at, first.blocked_until);

    // Each non-blocking status frees the slot it had.
    let slots = [(100, Transition::Cancel), (200, Transition::Reject), (300, Transition::Expire)];
    for (offset, transition) in slots {
        let booking = create(&db, &hold(&guest, at(offset), 10)).await;
        booking_changes::transition(&db, booking.id, transition, ADMIN, Guard::default()).await.unwrap();
        create(&db, &hold(&guest, at(offset), 10)).await;
    }
    let done = create(&db, &hold(&guest, at(400), 10)).await;
    booking_changes::transition(&db, done.id, Transition::Approve, ADMIN, Guard::default()).await.unwrap();
    booking_changes::transition(&db, done.id, Transition::Complete, Actor::System, Guard::default())
        .await
        .unwrap();
    create(&db, &hold(&guest, at(400), 10)).await;
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn every_transition_happens_once_and_leaves_one_audit_row(db: PgPool) {
    use BookingStatus::*;
    let guest = user(&db, 13).await;
    let mut slot = 0;
    for transition in Transition::ALL {
        for from in BookingStatus::ALL {
            slot += 50;
            let booking = create(&db, &hold(&guest, at(slot), 10)).await;
            sqlx::query("UPDATE bookings SET status = $2 WHERE id = $1")
                .bind(booking.id)
                .bind(from)
                .execute(&db)
                .await
                .unwrap();
            let before = events(&db, booking.id).await.len();
            let actor = Actor::Admin { telegram_id: 777 };
            let result =
                booking_changes::transition(&db, booking.id, transition, actor, Guard::default()).await;
            if transition.from().contains(&from) {
                assert_eq!(result.unwrap().status, transition.to(), "{transition:?} from {from}");
                let after = events(&db, booking.id).await;
                assert_eq!(after.len(), before + 1, "one audit row");
                assert_eq!(after.last().unwrap(), &("admin".into(), Some(777), transition.action().into()));
                // A double click changes nothing and says so.
                let again =
                    booking_changes::transition(&db, booking.id, transition, actor, Guard::default()).await;
                assert!(matches!(again, Err(DbError::WrongStatus { current }) if current == transition.to()));
                assert_eq!(events(&db, booking.id).await.len(), before + 1);
            } else {
                assert!(
                    matches!(result, Err(DbError::WrongStatus { current }) if current == from),
                    "{transition:?} from {from} must be refused, got {result:?}"
                );
                assert_eq!(events(&db, booking.id).await.len(), before, "nothing recorded");
            }
        }
    }
    // The two the issue names explicitly.
    assert!(!Transition::Approve.from().contains(&Cancelled));
    assert!(!Transition::Cancel.from().contains(&Completed));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn guests_can_only_touch_their_own_future_bookings(db: PgPool) {
    let (owner, stranger) = (user(&db, 14).await, user(&db, 15).await);
    let booking = create(&db, &hold(&owner, at(0), 10)).await;
    let as_stranger = Guard { owner_id: Some(stranger.id), not_started_at: Some(Utc::now()) };
    let stranger_actor = Actor::Guest { telegram_id: 15 };
    let result =
        booking_changes::transition(&db, booking.id, Transition::Cancel, stranger_actor, as_stranger).await;
    assert!(matches!(result, Err(DbError::NotFound)), "{result:?}");
    assert!(matches!(bookings::get_owned(&db, booking.id, stranger.id).await, Err(DbError::NotFound)));
    let started = Guard { owner_id: Some(owner.id), not_started_at: Some(at(1)) };
    let result =
        booking_changes::transition(&db, booking.id, Transition::Cancel, stranger_actor, started).await;
    assert!(matches!(result, Err(DbError::AlreadyStarted)), "{result:?}");
    let mine = Guard { owner_id: Some(owner.id), not_started_at: Some(Utc::now()) };
    let cancelled = booking_changes::transition(
        &db,
        booking.id,
        Transition::Cancel,
        Actor::Guest { telegram_id: 14 },
        mine,
    )
    .await;
    assert_eq!(cancelled.unwrap().status, BookingStatus::Cancelled);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn receipts_in_time_late_and_too_late_are_all_kept(db: PgPool) {
    let guest = user(&db, 16).await;
    let actor = Actor::Guest { telegram_id: 16 };
    let attach = |id| booking_changes::attach_receipt(&db, id, guest.id, "file-1", ReceiptKind::Photo, actor);

    let in_time = create(&db, &hold(&guest, at(0), 10)).await;
    assert!(
        matches!(attach(in_time.id).await.unwrap(), ReceiptOutcome::Accepted(b) if b.status == BookingStatus::AwaitingApproval && b.receipt_file_id.as_deref() == Some("file-1"))
    );
    // A further receipt while it awaits approval is additional: the first one stays on the
    // booking, the second is in the audit trail.
    let second =
        booking_changes::attach_receipt(&db, in_time.id, guest.id, "file-2", ReceiptKind::Document, actor);
    assert!(
        matches!(second.await.unwrap(), ReceiptOutcome::Additional(b) if b.receipt_file_id.as_deref() == Some("file-1") && b.status == BookingStatus::AwaitingApproval)
    );
    let trail: Vec<(String, serde_json::Value)> =
        sqlx::query_as("SELECT action, new_values FROM booking_events WHERE booking_id = $1 ORDER BY id")
            .bind(in_time.id)
            .fetch_all(&db)
            .await
            .unwrap();
    let added = trail.iter().find(|(action, _)| action == "receipt_added").expect("recorded");
    assert_eq!(added.1["receipt_file_id"], "file-2");
    let wrong_owner =
        booking_changes::attach_receipt(&db, in_time.id, guest.id + 1, "x", ReceiptKind::Photo, actor).await;
    assert!(matches!(wrong_owner, Err(DbError::NotFound)));

    // Expired, slot still free → awaits approval all the same.
    let late = create(&db, &hold(&guest, at(100), 10)).await;
    booking_changes::transition(&db, late.id, Transition::Expire, Actor::System, Guard::default())
        .await
        .unwrap();
    assert!(
        matches!(attach(late.id).await.unwrap(), ReceiptOutcome::AcceptedLate(b) if b.status == BookingStatus::AwaitingApproval)
    );

    // Expired and the slot taken meanwhile → receipt kept, booking flagged, still expired.
    let lost = create(&db, &hold(&guest, at(200), 10)).await;
    booking_changes::transition(&db, lost.id, Transition::Expire, Actor::System, Guard::default())
        .await
        .unwrap();
    create(&db, &hold(&guest, at(201), 10)).await;
    match attach(lost.id).await.unwrap() {
        ReceiptOutcome::SlotLost(b) => {
            assert_eq!((b.status, b.needs_attention), (BookingStatus::Expired, true));
            assert_eq!(b.receipt_file_id.as_deref(), Some("file-1"));
        }
        other => panic!("expected SlotLost, got {other:?}"),
    }
    assert_eq!(events(&db, lost.id).await.last().unwrap().2, "late_receipt_slot_taken");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn overdue_holds_expire_and_free_their_slot_for_a_new_hold(db: PgPool) {
    let guest = user(&db, 17).await;
    let mut overdue = hold(&guest, at(0), 10);
    overdue.hold_expires_at = Utc::now() - Duration::minutes(1);
    let stale = create(&db, &overdue).await;
    assert_eq!(
        secret_house_bot::db::booking_jobs::holds_past_expiry(&db, Utc::now()).await.unwrap().len(),
        1
    );
    // A new hold on the same slot expires the stale one in the same transaction.
    let fresh = create(&db, &hold(&guest, at(2), 10)).await;
    assert_eq!(bookings::get(&db, stale.id).await.unwrap().status, BookingStatus::Expired);
    assert_eq!(events(&db, stale.id).await.last().unwrap(), &("system".into(), None, "expire".into()));
    let mut another = hold(&guest, at(100), 5);
    another.hold_expires_at = Utc::now() - Duration::minutes(1);
    create(&db, &another).await;
    let expired = booking_changes::expire_overdue(&db).await.unwrap();
    assert_eq!(expired.len(), 1);
    assert_eq!(bookings::get(&db, fresh.id).await.unwrap().status, BookingStatus::PendingPayment);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn moves_recheck_the_slot_and_count_guest_moves(db: PgPool) {
    let guest = user(&db, 18).await;
    let booking = create(&db, &hold(&guest, at(0), 10)).await;
    create(&db, &hold(&guest, at(100), 10)).await;
    let guard = Guard { owner_id: Some(guest.id), not_started_at: Some(Utc::now()) };
    let actor = Actor::Guest { telegram_id: 18 };
    let to = |start: i64| Move {
        starts_at: at(start),
        ends_at: at(start + 10),
        blocked_until: at(start + 12),
        price: Money::from_roubles(900),
        prepayment: Money::from_roubles(450),
        max_moves: Some(1),
    };
    assert!(matches!(
        booking_changes::move_dates(&db, booking.id, to(95), actor, guard).await,
        Err(DbError::SlotTaken)
    ));
    // Overlapping its own old dates is fine.
    let moved = booking_changes::move_dates(&db, booking.id, to(5), actor, guard).await.unwrap();
    assert_eq!((moved.date_changes, moved.starts_at, moved.price), (1, at(5), Money::from_roubles(900)));
    assert!(matches!(
        booking_changes::move_dates(&db, booking.id, to(50), actor, guard).await,
        Err(DbError::TooManyMoves)
    ));
    // Admins are not limited.
    let admin_move = Move { max_moves: None, ..to(50) };
    assert_eq!(
        booking_changes::move_dates(&db, booking.id, admin_move, ADMIN, Guard::default())
            .await
            .unwrap()
            .date_changes,
        2
    );
    assert_eq!(events(&db, booking.id).await.iter().filter(|e| e.2 == "move").count(), 2);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn admins_edit_price_prepayment_and_tariff(db: PgPool) {
    let guest = user(&db, 19).await;
    let booking = create(&db, &hold(&guest, at(0), 10)).await;
    let edited = booking_changes::edit(&db, booking.id, Edit::Price(Money::from_kopecks(70_050)), ADMIN)
        .await
        .unwrap();
    assert_eq!(edited.price, Money::from_kopecks(70_050));
    let too_much =
        booking_changes::edit(&db, booking.id, Edit::Prepayment(Money::from_roubles(701)), ADMIN).await;
    assert!(
        matches!(too_much, Err(DbError::PrepaymentAbovePrice { price }) if price == Money::from_kopecks(70_050))
    );
    // The same price again is no change: refused as such under the row lock, nothing recorded.
    let events_before = events(&db, booking.id).await.len();
    let again = booking_changes::edit(&db, booking.id, Edit::Price(Money::from_kopecks(70_050)), ADMIN).await;
    assert!(matches!(again, Err(DbError::Unchanged)), "{again:?}");
    assert_eq!(events(&db, booking.id).await.len(), events_before);
    let edited = booking_changes::edit(&db, booking.id, Edit::Prepayment(Money::from_roubles(700)), ADMIN)
        .await
        .unwrap();
    assert_eq!(edited.prepayment, Money::from_roubles(700));
    let change = Edit::Tariff {
        tariff: TariffId::IncognitoDay,
        price: Money::from_roubles(900),
        prepayment: Money::from_roubles(450),
    };
    let edited = booking_changes::edit(&db, booking.id, change, ADMIN).await.unwrap();
    assert_eq!(
        (edited.tariff, edited.price, edited.prepayment),
        (TariffId::IncognitoDay, Money::from_roubles(900), Money::from_roubles(450))
    );
    let actions: Vec<String> = events(&db, booking.id).await.into_iter().map(|e| e.2).collect();
    assert_eq!(actions, ["create", "edit_price", "edit_prepayment", "change_tariff"]);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn reads_compose_into_the_callers_transaction(db: PgPool) {
    let guest = user(&db, 11).await;
    let booking = create(&db, &hold(&guest, at(300), 24)).await;
    let mut tx = db.begin().await.unwrap();
    let guard = Guard { owner_id: Some(guest.id), not_started_at: None };
    let actor = Actor::Guest { telegram_id: 11 };
    booking_changes::transition_in(&mut tx, booking.id, Transition::Cancel, actor, guard).await.unwrap();
    // Inside the transaction the read sees the change; outside it, not yet.
    assert_eq!(
        bookings::get_owned(&mut *tx, booking.id, guest.id).await.unwrap().status,
        BookingStatus::Cancelled
    );
    assert!(
        bookings::busy_intervals(&mut *tx, at(290), at(340), None, None, Utc::now())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::PendingPayment);
    tx.rollback().await.unwrap();
    assert_eq!(bookings::get(&db, booking.id).await.unwrap().status, BookingStatus::PendingPayment);
}
