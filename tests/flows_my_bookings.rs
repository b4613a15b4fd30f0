//! "My bookings" through `bot::schema()` with MockBot, the real store and real PostgreSQL: only
//! the presser's bookings, upcoming first then the last five past ones, the status in words,
//! paging, "Pay" on an unpaid hold (the next photo is its receipt), and forged or outdated
//! buttons that change nothing.

mod support;

use secret_house_bot::{
    bot::{
        State,
        booking::Step,
        callback::{CallbackData, Mine},
    },
    db::bookings,
    domain::booking::BookingStatus,
};
use sqlx::PgPool;
use support::{
    bot_env::BotEnv,
    db_fixtures::{self, booking_in},
    wizard::{Wizard, days, me, ru},
};

/// The booking numbers a screen names, in order ("#12" in English, "№12" in Russian).
fn numbers(screen: &str) -> Vec<i64> {
    screen
        .split(['№', '#'])
        .skip(1)
        .filter_map(|rest| rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect()
}

async fn event_count(db: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM booking_events").fetch_one(db).await.unwrap()
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn the_list_shows_exactly_my_bookings_upcoming_first_then_five_past_ones(db: PgPool) {
    let me = me(&db).await;
    let stranger = db_fixtures::user(&db, 777_001).await;
    let theirs = booking_in(&db, &stranger, days(3), 24, BookingStatus::Confirmed).await;
    let later = booking_in(&db, &me, days(20), 24, BookingStatus::Confirmed).await;
    let sooner = booking_in(&db, &me, days(5), 24, BookingStatus::AwaitingApproval).await;
    let unpaid = booking_in(&db, &me, days(30), 24, BookingStatus::PendingPayment).await;
    let mut past = Vec::new();
    for n in 0..6 {
        past.push(booking_in(&db, &me, days(-40 + 5 * n), 24, BookingStatus::Completed).await);
    }
    let cancelled = booking_in(&db, &me, days(40), 24, BookingStatus::Cancelled).await;

    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let first = w.send("/my").await;
    assert!(first.contains(&ru(&w, "status-awaiting_approval")), "{first}");
    assert!(first.contains(&ru(&w, "status-confirmed")) && first.contains(&ru(&w, "status-pending_payment")));
    let mut shown = numbers(&first);
    let mut pages = 1;
    while w.buttons().iter().any(|b| matches!(b, CallbackData::Mine(Mine::List { page }) if *page == pages)) {
        let next = w.press(CallbackData::Mine(Mine::List { page: pages })).await;
        shown.extend(numbers(&next));
        pages += 1;
    }
    // The cancelled one is in the future but finished: it is history, newest first with the rest.
    let expected: Vec<i64> = [sooner.id, later.id, unpaid.id, cancelled.id]
        .into_iter()
        .chain(past.iter().rev().take(4).map(|b| b.id))
        .collect();
    assert_eq!(shown, expected, "only mine, upcoming first, then the last five past ones");
    assert!(!shown.contains(&theirs.id) && !shown.contains(&past[0].id) && !shown.contains(&past[1].id));
    assert_eq!(pages, 2, "nine bookings make two pages of at most five");
    assert_eq!(w.state().await, State::Menu, "the list is a screen, not a flow");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn each_booking_offers_what_its_guest_can_do_next(db: PgPool) {
    let me = me(&db).await;
    let unpaid = booking_in(&db, &me, days(5), 24, BookingStatus::PendingPayment).await;
    let waiting = booking_in(&db, &me, days(10), 24, BookingStatus::AwaitingApproval).await;
    let confirmed = booking_in(&db, &me, days(15), 24, BookingStatus::Confirmed).await;
    let moved = booking_in(&db, &me, days(20), 24, BookingStatus::Confirmed).await;
    sqlx::query("UPDATE bookings SET date_changes = 1 WHERE id = $1")
        .bind(moved.id)
        .execute(&db)
        .await
        .unwrap();

    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let screen = w.press(CallbackData::Mine(Mine::List { page: 0 })).await;
    assert!(screen.contains(&ru(&w, "my-booking-next-wait")), "{screen}");
    assert!(screen.contains(&ru(&w, "my-booking-next-no-moves")), "{screen}");
    assert!(screen.contains("800") && screen.contains("400"), "price and prepayment: {screen}");
    let buttons = w.buttons();
    let mine = |m| buttons.contains(&CallbackData::Mine(m));
    assert!(mine(Mine::Pay(unpaid.id)) && mine(Mine::Cancel(unpaid.id)) && !mine(Mine::Move(unpaid.id)));
    assert!(mine(Mine::Cancel(waiting.id)) && !mine(Mine::Pay(waiting.id)) && !mine(Mine::Move(waiting.id)));
    assert!(mine(Mine::Move(confirmed.id)) && mine(Mine::Cancel(confirmed.id)));
    assert!(!mine(Mine::Move(moved.id)) && mine(Mine::Cancel(moved.id)), "no moves left: cancel only");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn no_bookings_gets_a_friendly_line_and_a_book_button(db: PgPool) {
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    let screen = w.send("/my").await;
    assert_eq!(screen, ru(&w, "my-bookings-empty"));
    assert!(w.buttons().contains(&CallbackData::Book));
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn pay_shows_the_payment_details_again_and_the_next_photo_is_that_bookings_receipt(db: PgPool) {
    let me = me(&db).await;
    let unpaid = booking_in(&db, &me, days(8), 24, BookingStatus::PendingPayment).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/my").await;
    let screen = w.press(CallbackData::Mine(Mine::Pay(unpaid.id))).await;
    assert!(
        screen.contains(&format!("#{}", unpaid.id)) || screen.contains(&format!("№{}", unpaid.id)),
        "{screen}"
    );
    assert!(screen.contains(&w.env.app.settings.payment.card_number), "the bank details: {screen}");
    assert!(matches!(w.state().await, State::Booking { step: Step::Payment, .. }));
    w.photo().await;
    let after = bookings::get(&db, unpaid.id).await.unwrap();
    assert_eq!(after.status, BookingStatus::AwaitingApproval);
    assert!(after.receipt_file_id.is_some());
    assert_eq!(w.state().await, State::Menu);
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn forged_buttons_naming_another_guests_booking_change_nothing(db: PgPool) {
    let me = me(&db).await;
    let stranger = db_fixtures::user(&db, 777_002).await;
    let unpaid = booking_in(&db, &stranger, days(6), 24, BookingStatus::PendingPayment).await;
    let confirmed = booking_in(&db, &stranger, days(12), 24, BookingStatus::Confirmed).await;
    let mine = booking_in(&db, &me, days(18), 24, BookingStatus::Confirmed).await;
    let events_before = event_count(&db).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    let outdated = ru(&w, "button-outdated");
    for forged in [
        Mine::Pay(unpaid.id),
        Mine::Cancel(confirmed.id),
        Mine::CancelConfirmed(confirmed.id),
        Mine::Move(confirmed.id),
        Mine::MoveConfirmed(confirmed.id),
        Mine::Cancel(999_999),
        // My own booking, but a confirmation nobody asked for.
        Mine::CancelConfirmed(mine.id),
        Mine::MoveConfirmed(mine.id),
    ] {
        let screen = w.press(CallbackData::Mine(forged)).await;
        assert!(screen.starts_with(&outdated), "{forged:?}: {screen}");
        assert_eq!(w.answer().as_deref(), Some(outdated.as_str()), "{forged:?}");
        assert_eq!(w.state().await, State::Menu, "{forged:?}");
    }
    for (booking, status) in [
        (&unpaid, BookingStatus::PendingPayment),
        (&confirmed, BookingStatus::Confirmed),
        (&mine, BookingStatus::Confirmed),
    ] {
        let now = bookings::get(&db, booking.id).await.unwrap();
        assert_eq!((now.status, now.starts_at, now.date_changes), (status, booking.starts_at, 0));
    }
    assert_eq!(event_count(&db).await, events_before, "no change was recorded");
}

#[sqlx::test(migrator = "secret_house_bot::db::MIGRATOR")]
async fn pay_on_a_booking_that_is_no_longer_unpaid_is_outdated(db: PgPool) {
    let me = me(&db).await;
    let waiting = booking_in(&db, &me, days(8), 24, BookingStatus::AwaitingApproval).await;
    let mut w = Wizard::new(BotEnv::new(db.clone()));
    w.send("/start").await;
    let screen = w.press(CallbackData::Mine(Mine::Pay(waiting.id))).await;
    assert!(screen.starts_with(&ru(&w, "button-outdated")), "{screen}");
    assert_eq!(w.state().await, State::Menu, "no payment step for a paid booking");
}
